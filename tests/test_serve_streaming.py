"""``uprgraph serve`` streams a SELECT's rows as they are found (issue 20): real server processes on
127.0.0.1, read over raw sockets so that the chunks of the HTTP body are seen as the server sent them.

``--stream-after 0`` makes every SELECT with a row a streamed one, whatever the machine's speed, so what is
checked never depends on timing: its rows come in several chunks and, put together, are the rows of the same
query answered whole (by a server with ``--stream-after 3600``); an answer cut at the row limit ends
cleanly; one cut by the time limit half-way ends without the chunked body's last chunk (and, in JSON,
without its closing brackets), so no client takes it for complete; a client that goes away frees the worker.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import socket
import urllib.error
import urllib.parse
import urllib.request

import pytest
from serve_server import PATIENT_LIMIT, running

ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
# Two rows at once, then a third that a three-way product of every triple guards: it never comes.
TWO_THEN_NEVER = ("SELECT ?x WHERE { VALUES ?x { 1 2 3 } FILTER(?x != 3 || EXISTS { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
                  "FILTER(STR(?a) = CONCAT(STR(?d), STR(?g))) }) }")
# Every pair of triples: about 10^8 rows, more than any answer here reads.
ENDLESS = "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }"
FORMATS = {"JSON": "application/sparql-results+json", "CSV": "text/csv", "TSV": "text/tab-separated-values"}
CUT_TIMEOUT = 3
CUT_MAX_ROWS = 50


def _server(tmp_path_factory, *options: str):  # type: ignore[no-untyped-def]
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with running(log, "--workers", "1", *options) as started:
        yield started


@pytest.fixture(scope="module")
def streaming(tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from _server(tmp_path_factory, "--stream-after", "0", "--timeout", PATIENT_LIMIT, "--max-rows", "10000000")


@pytest.fixture(scope="module")
def whole(tmp_path_factory):  # type: ignore[no-untyped-def]
    yield from _server(tmp_path_factory, "--stream-after", "3600", "--timeout", PATIENT_LIMIT, "--max-rows", "10000000")


@pytest.fixture(scope="module")
def limited(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Small limits, to be reached: a 3 s time limit, 50 rows."""
    yield from _server(tmp_path_factory, "--stream-after", "0", "--timeout", str(CUT_TIMEOUT),
                       "--max-rows", str(CUT_MAX_ROWS))


class Raw:
    """One GET over a socket: the status, the headers, the body's chunks as sent, and whether the body
    ended with the chunked encoding's last chunk (``complete``)."""

    def __init__(self, server, query: str, accept: str, path: str = "/sparql", chunks: int | None = None) -> None:  # type: ignore[no-untyped-def]
        host, port = server.url.removeprefix("http://").split(":")
        target = path + ("?" + urllib.parse.urlencode({"query": query}) if query else "")
        self.sock = socket.create_connection((host, int(port)), timeout=120)
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n"
                          .encode("latin-1"))
        self.file = self.sock.makefile("rb")
        self.status = int(self.file.readline().split()[1])
        self.headers: dict[str, str] = {}
        while (line := self.file.readline().decode("latin-1").strip()):
            name, _, value = line.partition(":")
            self.headers[name.strip().lower()] = value.strip()
        self.chunks: list[bytes] = []
        self.complete = False
        if self.headers.get("transfer-encoding") != "chunked":
            self.chunks = [self.file.read(int(self.headers["content-length"]))]
            self.complete = True
        else:
            self._read_chunks(chunks)
        self.close()

    def _read_chunks(self, at_most: int | None) -> None:
        while at_most is None or len(self.chunks) < at_most:
            line = self.file.readline()
            if not line:
                return  # the connection closed before the last chunk
            size = int(line.split(b";")[0], 16)
            if size == 0:
                self.complete = self.file.readline() == b"\r\n"
                return
            data = self.file.read(size)
            if len(data) < size or self.file.read(2) != b"\r\n":
                return
            self.chunks.append(data)

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)

    def close(self) -> None:
        self.file.close()
        self.sock.close()


def rows(body: bytes, fmt: str) -> tuple[list[str], list[tuple[str, ...]]]:
    """The variables and the rows (each value as the format writes it), read by independent readers."""
    if fmt == "JSON":
        data = json.loads(body)
        names = data["head"]["vars"]
        return names, [tuple(json.dumps(b.get(n), sort_keys=True) for n in names) for b in data["results"]["bindings"]]
    text = body.decode("utf-8")
    if fmt == "CSV":
        table = list(csv.reader(io.StringIO(text, newline="")))
        return table[0], [tuple(r) for r in table[1:]]
    lines = text.split("\n")
    assert lines[-1] == ""
    return [v.removeprefix("?") for v in lines[0].split("\t")], [tuple(line.split("\t")) for line in lines[1:-1]]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_rows_arrive_in_pieces_and_make_the_whole_answer(streaming, whole, fmt) -> None:  # type: ignore[no-untyped-def]
    streamed = Raw(streaming, ALL, FORMATS[fmt])
    assert streamed.status == 200 and streamed.complete
    assert streamed.headers["transfer-encoding"] == "chunked" and "content-length" not in streamed.headers
    assert streamed.headers["x-sparql-row-limit"] == "10000000" and "x-sparql-maxrows" not in streamed.headers
    at_once = Raw(whole, ALL, FORMATS[fmt])
    assert at_once.status == 200 and "content-length" in at_once.headers and len(at_once.chunks) == 1
    names, got = rows(streamed.body, fmt)
    expected_names, expected = rows(at_once.body, fmt)
    assert names == expected_names == ["s", "p", "o"]
    assert len(expected) > 10_000 and sorted(got) == sorted(expected)
    # the first row alone, then pieces of at most 1,000 rows (streaming.FLUSH_ROWS)
    assert len(streamed.chunks) >= 1 + len(expected) // 1000
    assert len(rows(streamed.chunks[0] + (b"]}}" if fmt == "JSON" else b""), fmt)[1]) == 1


def test_a_canned_listing_streams_its_rows_in_order(streaming, whole) -> None:  # type: ignore[no-untyped-def]
    streamed = Raw(streaming, "", FORMATS["CSV"], path="/queries/instruments")
    at_once = Raw(whole, "", FORMATS["CSV"], path="/queries/instruments")
    assert streamed.status == at_once.status == 200 and streamed.complete
    assert streamed.headers["transfer-encoding"] == "chunked"
    assert rows(streamed.body, "CSV") == rows(at_once.body, "CSV")  # ORDER BY kept: the same rows in the same order
    assert len(rows(at_once.body, "CSV")[1]) > 10


def test_an_answer_without_rows_is_sent_whole(streaming) -> None:  # type: ignore[no-untyped-def]
    empty = Raw(streaming, "SELECT ?s WHERE { ?s <urn:nothing> ?o }", FORMATS["JSON"])
    assert empty.status == 200 and "content-length" in empty.headers
    assert json.loads(empty.body) == {"head": {"vars": ["s"]}, "results": {"bindings": []}}


def test_a_client_that_goes_away_frees_the_worker(streaming) -> None:  # type: ignore[no-untyped-def]
    """The server's only worker streams an answer that would not end for hours; the client reads two
    pieces and leaves. The next query is answered: the worker stopped (the time limit is 600 s)."""
    gone = Raw(streaming, ENDLESS, FORMATS["CSV"], chunks=2)
    assert gone.status == 200 and len(gone.chunks) == 2 and not gone.complete
    after = Raw(streaming, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", FORMATS["JSON"])
    assert after.status == 200 and int(json.loads(after.body)["results"]["bindings"][0]["n"]["value"]) > 10_000


def test_the_row_limit_ends_a_streamed_answer_whole(limited) -> None:  # type: ignore[no-untyped-def]
    for fmt, media in FORMATS.items():
        cut = Raw(limited, ALL, media)
        assert cut.status == 200 and cut.complete and cut.headers["transfer-encoding"] == "chunked"
        assert cut.headers["x-sparql-row-limit"] == str(CUT_MAX_ROWS)
        assert len(rows(cut.body, fmt)[1]) == CUT_MAX_ROWS


def test_the_time_limit_half_way_leaves_an_answer_that_is_not_complete(limited) -> None:  # type: ignore[no-untyped-def]
    cut = Raw(limited, TWO_THEN_NEVER, FORMATS["JSON"])
    assert cut.status == 200 and not cut.complete  # no last chunk: the connection was closed under it
    body = cut.body.decode("utf-8")
    assert body.startswith('{"head":{"vars":["x"]}') and '"value":"2"' in body and not body.endswith("]}}")
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)
    url = limited.url + "/sparql?" + urllib.parse.urlencode({"query": TWO_THEN_NEVER})
    request = urllib.request.Request(url, headers={"Accept": FORMATS["CSV"]})
    with pytest.raises((http.client.IncompleteRead, urllib.error.URLError, ConnectionError)):
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
    # a fresh worker answers the next query
    after = Raw(limited, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3", FORMATS["CSV"])
    assert after.status == 200 and after.complete and len(rows(after.body, "CSV")[1]) == 3
    assert "a streamed answer was cut off" in limited.stderr()
