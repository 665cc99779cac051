"""Remote triple stores: run canned queries on a SPARQL endpoint (runner), put a built graph into a
store through the Graph Store HTTP Protocol and swap it in with SPARQL Update (gsp, load)."""
