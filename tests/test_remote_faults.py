"""Remote faults (issue 10, item 5): an endpoint that is down, slow, answers HTML or garbage, or wants
credentials. Each gives exit status 1, one line on stderr, within the --timeout, for `query
--endpoint` and for `load`; a throwaway HTTP server on 127.0.0.1 plays the broken store."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from virtuoso import free_port

from uprgraph.cli import main

TIMEOUT = 1.5
# /slow answers only when the test module is done (or after a minute, so that a client that never gives up
# gets an answer, exits 0 and fails its test rather than hang): "bounded by the timeout" is then checked
# without a clock, by the client giving up with its timeout's message.
RELEASE_SLOW = threading.Event()


class Broken(http.server.BaseHTTPRequestHandler):
    """Answers every request the way its path says: /slow, /html, /garbage, /not-json, /auth, /error."""

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        path = self.path.split("?")[0]
        if path.startswith("/slow"):
            RELEASE_SLOW.wait(60)
            self._send(200, "application/sparql-results+json", b'{"head": {"vars": []}, "results": {"bindings": []}}')
        elif path.startswith("/html"):
            self._send(200, "text/html", b"<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>")
        elif path.startswith("/garbage"):
            self._send(200, "application/sparql-results+json", b'{"head": {"vars": ["a"]}, "results": {"bind')
        elif path.startswith("/not-json"):
            self._send(200, "application/sparql-results+json", b"\x00\xff\xfe binary")
        elif path.startswith("/wrong-shape"):
            self._send(200, "application/json", b'{"hello": "world"}')
        elif path.startswith("/auth"):
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="store"')
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "24")
            self.end_headers()
            self.wfile.write(b"<h1>401 Unauthorized</h1>")
        elif path.startswith("/error"):
            self._send(500, "text/plain", b"Virtuoso 37000 Error SP030: SPARQL compiler, line 1: syntax error\nmore detail")
        elif path.startswith("/hangup"):
            self.connection.close()  # no status line at all
        else:
            self._send(404, "text/plain", b"no such endpoint")

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up already (the slow case)

    do_GET = do_POST = do_PUT = do_DELETE = do_OPTIONS = _answer  # noqa: N815


@pytest.fixture(scope="module")
def broken() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Broken)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        RELEASE_SLOW.set()
        server.shutdown()
        server.server_close()


def run(*args: object):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def check(result, *words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


FAULTS = [
    ("down", None, "connection refused"),
    ("/slow", None, f"no answer within {TIMEOUT:g} s"),
    ("/html", None, "text/html, not SPARQL JSON results"),
    ("/garbage", None, "does not parse as JSON"),
    ("/not-json", None, "does not parse as JSON"),
    ("/wrong-shape", None, "no head.vars and results.bindings"),
    ("/auth", None, "HTTP 401"),
    ("/auth", ("me", "wrong"), "wrong --user/--password"),
    ("/error", None, "HTTP 500"),
    ("/hangup", None, "at http://127.0.0.1"),
]


def _url(broken: str, where: str) -> str:
    return f"http://127.0.0.1:{free_port()}/sparql" if where == "down" else broken + where


@pytest.mark.parametrize(("where", "credentials", "says"), FAULTS, ids=[f"{w}-{bool(c)}" for w, c, _ in FAULTS])
def test_query_on_a_broken_endpoint(broken, where, credentials, says, tmp_path):
    output = tmp_path / "rows.csv"
    output.write_text("old rows\n")
    extra = ["--user", credentials[0], "--password", credentials[1]] if credentials else []
    result = run("query", "paragraph", "--param", "n=183", "--endpoint", _url(broken, where),
                          "--timeout", TIMEOUT, "-o", output, *extra)
    check(result, says, "query 'paragraph'")
    assert output.read_text() == "old rows\n"  # no half-written output


@pytest.mark.parametrize(("where", "says"), [("down", "connection refused"), ("/slow", "no answer within"),
                                             ("/auth", "HTTP 401"), ("/error", "HTTP 500"), ("/hangup", "at http")])
def test_load_into_a_broken_store_says_nothing_was_replaced(broken, where, says, tmp_path: Path):
    data = tmp_path / "data.ttl"
    data.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    result = run("load", "--endpoint", _url(broken, where), "--update", _url(broken, where), "--file", data,
                          "--graph", "https://example.org/g", "--timeout", TIMEOUT)
    check(result, says, "nothing was replaced")


def test_bad_endpoint_options_are_one_line(tmp_path):
    for args, says in (
        (["query", "paragraph", "--param", "n=1", "--endpoint", "ftp://example.org/sparql"], "not an http"),
        (["query", "paragraph", "--param", "n=1", "--endpoint", "http://127.0.0.1:1/sparql", "--user", "me"],
         "both --user and --password"),
    ):
        result = run(*args)
        assert result.exit_code == 1 and says in result.stderr and result.stderr.count("\n") == 1, result.stderr
    # A password in the environment is for stores that want a user; without --user it is not an error.
    result = CliRunner().invoke(main, ["query", "paragraph", "--param", "n=1", "--endpoint",
                                       f"http://127.0.0.1:{free_port()}/sparql"], env={"UPRGRAPH_PASSWORD": "x"})
    assert result.exit_code == 1 and "connection refused" in result.stderr, result.stderr
    data = tmp_path / "data.ttl"
    data.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    result = run("load", "--endpoint", "http://127.0.0.1:1/somewhere", "--file", data, "--graph", "https://e.org/g")
    assert result.exit_code == 2 and "--update" in result.stderr
    result = run("load", "--endpoint", "http://127.0.0.1:1/store", "--file", data)
    assert result.exit_code == 2 and "no named graphs" in result.stderr
    result = run("load", "--endpoint", "http://127.0.0.1:1/store", "--file", data, "--graph", "not an iri")
    assert result.exit_code == 2 and "absolute IRI" in result.stderr
