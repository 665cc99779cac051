"""Hostile parameter values (issue 10, item 3), shared by every entry point's test: the command
(tests/test_bad_inputs.py), the endpoint's /queries/NAME (tests/test_serve_canned.py) and the remote runner."""

HOSTILE = [
    '"', "'", '95.43" } ; DROP GRAPH <urn:x> ; SELECT * { ?s ?p ?o', "}", "} UNION { ?s ?p ?o }", "# comment",
    "95.43\n} SELECT * WHERE { ?s ?p ?o", "; DROP ALL", "DELETE WHERE { ?s ?p ?o }", "FILTER(true)", "?s",
    "<http://example.org/a b>", "http://example.org/with space", "x" * 20_000, "", " ", "\u0000", "\\",
    "\u202e95.43", "95.43\r\n", "2012) || (1=1", "-1", "1e309", "99999999999999999999999",
]
