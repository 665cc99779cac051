"""CORS on ``uprgraph serve`` (issue 22): web pages on other origins may call the endpoint, unless told not to.

Real server processes on 127.0.0.1: one with the default (any origin), one with ``--cors-origin none``, one
allowing a single origin. A page on another origin (a second HTTP server on another port of 127.0.0.1) is
opened in Debian's headless Chromium and fetch()es the SPARQL endpoint (a POST of application/sparql-query,
which the browser preflights), a canned query, a /id/ page and the service description; the page shows what
it got. Header checks cover the preflight and the refusals.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from chromium import PATIENCE, headless_chromium, need_browser
from click.testing import CliRunner
from serve_server import start, stop

from uprgraph.cli import main
from uprgraph.errors import UsageError
from uprgraph.serve.cors import parse_origins

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>another origin</title></head>
<body>
<script>
// Calls the endpoint named in ?endpoint= the way a web application on another origin would.
const endpoint = new URL(location.href).searchParams.get("endpoint");
async function attempt(name, url, init, read) {
  try {
    const response = await fetch(url, init);
    return [name, {status: response.status, value: await read(response), maxRows: response.headers.get("X-SPARQL-MaxRows")}];
  } catch (error) {
    return [name, {error: String(error)}];
  }
}
Promise.all([
  attempt("sparql", endpoint + "/sparql", {method: "POST", body: COUNT_QUERY,
          headers: {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"}},
          async r => (await r.json()).results.bindings[0].n.value),
  attempt("canned", endpoint + "/queries/paragraph?n=183", {headers: {"Accept": "application/sparql-results+json"}},
          async r => (await r.json()).results.bindings.map(b => b.paragraph.value)),
  attempt("resource", endpoint + "/id/dataset", {headers: {"Accept": "text/turtle"}}, r => r.text()),
  attempt("description", endpoint + "/sparql", {headers: {"Accept": "text/turtle"}}, r => r.text()),
]).then(results => { document.body.dataset.result = JSON.stringify(Object.fromEntries(results)); });
</script>
</body></html>
""".replace("COUNT_QUERY", json.dumps(COUNT))


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cors")
    started = {}
    try:
        for name, options in (("any", ()), ("none", ("--cors-origin", "none")),
                              ("one", ("--cors-origin", "http://allowed.example:8080,https://also.example")),):
            started[name] = start(folder / f"{name}.log", "--workers", "1", *options)
        yield started
    finally:
        for running in started.values():
            stop(running)
    for running in started.values():
        assert "Traceback" not in running.stderr(), running.stderr()


@pytest.fixture(scope="module")
def page_origin(tmp_path_factory):
    """A second HTTP server on another port of 127.0.0.1, serving the page: another origin."""
    folder = tmp_path_factory.mktemp("page")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def request(url: str, method: str = "GET", headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    req = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def preflight(url: str, origin: str, method: str = "POST"):  # type: ignore[no-untyped-def]
    return request(url, "OPTIONS", {"Origin": origin, "Access-Control-Request-Method": method,
                                    "Access-Control-Request-Headers": "content-type"})


def in_browser(monkeypatch, page_origin: str, endpoint: str) -> dict:  # type: ignore[type-arg]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with headless_chromium(monkeypatch, "800,600") as browser:
        browser.get(f"{page_origin}/page.html?endpoint={endpoint}")
        result = WebDriverWait(browser, PATIENCE).until(
            lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-result"))
        return json.loads(result)


# ------------------------------------------------------------------------------------ in a browser


def test_a_page_on_another_origin_calls_every_route(servers, page_origin, monkeypatch):
    need_browser()
    server = servers["any"]
    assert page_origin.rsplit(":", 1)[1] != server.url.rsplit(":", 1)[1]  # another port: another origin
    got = in_browser(monkeypatch, page_origin, server.url)
    _, _, body = request(server.url + "/sparql?" + urllib.parse.urlencode({"query": COUNT}),
                         headers={"Accept": "application/sparql-results+json"})
    assert got["sparql"] == {"status": 200, "value": json.loads(body)["results"]["bindings"][0]["n"]["value"],
                             "maxRows": None}
    assert got["canned"]["status"] == 200 and got["canned"]["value"] == ["183"]
    assert got["resource"]["status"] == 200 and "void:Dataset" in got["resource"]["value"]
    assert got["description"]["status"] == 200 and "sd:Service" in got["description"]["value"]


def test_with_cors_off_the_browser_refuses_the_answer(servers, page_origin, monkeypatch):
    need_browser()
    got = in_browser(monkeypatch, page_origin, servers["none"].url)
    assert set(got) == {"sparql", "canned", "resource", "description"}
    for name, outcome in got.items():
        assert "error" in outcome and "Failed to fetch" in outcome["error"], (name, outcome)


def test_a_page_from_an_origin_not_listed_is_refused(servers, page_origin, monkeypatch):
    need_browser()
    got = in_browser(monkeypatch, page_origin, servers["one"].url)
    assert all("error" in outcome for outcome in got.values()), got


# ------------------------------------------------------------------------------------ headers

ROUTES = ("/sparql", "/queries/paragraph?n=183", "/id/dataset")


@pytest.mark.parametrize("path", ROUTES)
def test_preflight_is_answered_on_every_route(servers, path):
    status, headers, _ = preflight(servers["any"].url + path, "http://elsewhere.example")
    assert status == 200
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert {"GET", "POST", "OPTIONS"} <= {m.strip() for m in headers["Access-Control-Allow-Methods"].split(",")}
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()
    assert int(headers["Access-Control-Max-Age"]) > 0


@pytest.mark.parametrize("path", ROUTES)
def test_cross_origin_answers_carry_the_header(servers, path):
    status, headers, _ = request(servers["any"].url + path, headers={"Origin": "http://elsewhere.example",
                                                                     "Accept": "application/sparql-results+json, text/turtle"})
    assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
    assert "X-SPARQL-MaxRows" in headers["Access-Control-Expose-Headers"]
    assert "X-SPARQL-Row-Limit" in headers["Access-Control-Expose-Headers"]


def test_refusals_carry_the_header_too(servers):
    status, headers, body = request(servers["any"].url + "/sparql?query=SELECT", headers={"Origin": "http://elsewhere.example"})
    assert status == 400 and headers["Access-Control-Allow-Origin"] == "*" and b"malformed" in body


def test_plain_options_lists_the_methods(servers):
    for name in ("any", "none"):
        status, headers, _ = request(servers[name].url + "/sparql", "OPTIONS")
        assert status == 204 and headers["Allow"] == "GET, HEAD, POST, OPTIONS"


@pytest.mark.parametrize("path", ROUTES)
def test_none_sends_no_cors_header(servers, path):
    url = servers["none"].url + path
    status, headers, _ = preflight(url, "http://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in headers and "Access-Control-Allow-Methods" not in headers
    status, headers, _ = request(url, headers={"Origin": "http://elsewhere.example", "Accept": "*/*"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers


def test_listed_origins_only(servers):
    url = servers["one"].url + "/sparql"
    for origin in ("http://allowed.example:8080", "https://also.example"):
        status, headers, _ = preflight(url, origin)
        assert status == 200 and headers["Access-Control-Allow-Origin"] == origin
        status, headers, _ = request(url + "?" + urllib.parse.urlencode({"query": COUNT}), headers={"Origin": origin})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == origin and "Origin" in headers["Vary"]
    status, headers, _ = preflight(url, "http://allowed.example")  # another port: another origin
    assert status == 400 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = request(url + "?" + urllib.parse.urlencode({"query": COUNT}), headers={"Origin": "http://evil.example"})
    assert "Access-Control-Allow-Origin" not in headers


# ------------------------------------------------------------------------------------ the option


@pytest.mark.parametrize(("values", "origins"), [
    ((), ("*",)),
    (("*",), ("*",)),
    (("none",), ()),
    (("NONE",), ()),
    (("http://a.example, https://b.example:8443/",), ("http://a.example", "https://b.example:8443")),
    (("http://a.example", "http://a.example", "http://[::1]:3000"), ("http://a.example", "http://[::1]:3000")),
])
def test_parse_origins(values, origins):
    assert parse_origins(values) == origins


@pytest.mark.parametrize("values", [("none", "http://a.example"), ("*,http://a.example",), ("ftp://a.example",),
                                    ("http://a.example/path",), ("a.example",)])
def test_bad_origins_are_refused(values):
    with pytest.raises(UsageError):
        parse_origins(values)
    args = [a for v in values for a in ("--cors-origin", v)]
    result = CliRunner().invoke(main, ["serve", "--port", "0", *args])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
