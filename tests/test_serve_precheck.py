"""A malformed query gets its 400 before it waits for a query worker (uprgraph.serve.precheck).

A server of its own with one query worker and a 6 s time limit: while the worker is held by slow
queries (a cartesian product, cancelled at the limit), malformed queries are answered at once; a
query that takes the parser seconds, or that crashes it, does not hold the check up nor the server.

No verdict depends on this machine's speed: the slow queries cannot finish on any machine (a cartesian
product of the whole graph, ~10^12 rows), so "answered at once" is checked as "answered while the slow
query is still waiting for its 503", never against a clock.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from serve_server import running

TIMEOUT = 6
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# Oxigraph plans a long property-path sequence for a time that grows with the cube of its length (on a
# loaded 2-core machine 400 steps took ~18 s; the checker's limit is 1 s). The cartesian product after it
# means that even a machine fast enough to plan it cannot finish it within the worker's time limit.
SLOW_TO_PARSE = ("SELECT * WHERE { ?s " + "/".join(["<http://x/p>"] * 600) + " ?o . ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
# 20,000 nested additions overflow the parser's stack: the process that parses it dies.
CRASHES_THE_PARSER = "SELECT (" + "+".join(["1"] * 20_000) + " AS ?x) {}"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running(tmp_path_factory.mktemp("serve") / "serve.log", "--timeout", str(TIMEOUT), "--workers", "1") as started:
        yield started


def ask(server, query: str, timeout: float = 60) -> tuple[int, str, float]:
    started = time.monotonic()
    body = urllib.parse.urlencode({"query": query}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(server.url + "/sparql", data=body), timeout=timeout) as r:
            status, text = r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8")
    return status, text, time.monotonic() - started


def in_background(server, query: str) -> tuple[threading.Thread, list]:
    result: list = []
    thread = threading.Thread(target=lambda: result.append(ask(server, query)))
    thread.start()
    return thread, result


MALFORMED = [
    ("SELECT * WHERE { ?s ?p ", "malformed query: error at 1:24:"),
    ("ASK { ?s ?p }", "malformed query: error at 1:14:"),
    ("SELECT * WHERE { ?s ?p ?o } LIMIT x", "malformed query: error at 1:35:"),
    ("PREFIX : <http://x/> CONSTRUCT { ?s :p ?o } WHERE { ?s nope:p ?o }", "malformed query:"),
]


def test_malformed_queries_do_not_wait_behind_slow_ones(server):
    slow = [in_background(server, CARTESIAN) for _ in range(2)]  # the worker is busy, one more waits
    time.sleep(0.5)
    queued = in_background(server, COUNT)
    for query, message in MALFORMED:
        status, text, _ = ask(server, query)
        assert status == 400 and text.startswith(message) and text.count("\n") == 1, text
        # The first slow query cannot end before the time limit: a 400 before its 503 did not wait.
        assert not slow[0][1], f"{query!r} waited for the slow query"
    for thread, result in slow:
        thread.join()
        assert result[0][0] == 503  # cancelled at the time limit, as without the check
    queued[0].join()
    status, text, _ = queued[1][0]
    assert status == 200 and int(json.loads(text)["results"]["bindings"][0]["n"]["value"]) > 1000  # let through


def test_the_check_gives_the_workers_own_message(server):
    """The checker and the worker share one parser and one wording: Oxigraph's message on one line."""
    import pyoxigraph

    for query, _ in MALFORMED:
        with pytest.raises(SyntaxError) as error:
            pyoxigraph.Store().query(query)
        status, text, _ = ask(server, query)
        assert status == 400 and text == f"malformed query: {' '.join(str(error.value).split())}\n"


def test_a_query_slow_to_parse_does_not_hold_up_the_check(server):
    long_parse = in_background(server, SLOW_TO_PARSE)
    time.sleep(0.3)
    status, text, _ = ask(server, "SELECT * WHERE { ?s ?p ")
    assert status == 400 and not long_parse[1], (status, text)  # answered while the long one is in the check
    long_parse[0].join()
    status, text, elapsed = long_parse[1][0]
    # The checker gave up after 1 s and the query went on to the worker, whose time limit ended it.
    assert status == 503 and "cancelled after" in text and elapsed >= TIMEOUT, (status, text)
    status, _, _ = ask(server, COUNT)
    assert status == 200


def test_a_query_that_crashes_the_parser_ends_only_workers(server):
    status, text, _ = ask(server, CRASHES_THE_PARSER)
    assert status == 503 and text.startswith("the query stopped its worker"), text
    # The server and its worker are back (the worker answers as soon as its replacement has loaded the data) ...
    assert ask(server, "SELECT * WHERE { ?s ?p ")[0] == 400
    assert ask(server, COUNT)[0] == 200
    # ... and so is the check: with the worker held by a query that cannot finish, a malformed query
    # still gets its 400 before that query's 503.
    slow = in_background(server, CARTESIAN)
    time.sleep(0.3)
    status, text, _ = ask(server, "SELECT * WHERE { ?s ?p ")
    assert status == 400 and not slow[1], (status, text)
    slow[0].join()
    assert slow[1][0][0] == 503
