"""Canned SPARQL queries: the catalog of ``queries/*.rq`` files and the runner that binds their parameters."""
