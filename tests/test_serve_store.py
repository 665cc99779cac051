"""``uprgraph serve --store oxigraph:PATH`` with and without ``--in-memory``: a real server on an on-disk store
that ``uprgraph build --store`` wrote, every canned query answered with the rows the store itself gives."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from serve_server import free_port, start, stop

from uprgraph.query.catalog import load_catalog
from uprgraph.query.runner import prepare
from uprgraph.serve.canned import examples
from uprgraph.store import open_store


def cli(*args: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run([sys.executable, "-c", "from uprgraph.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "kaz.oxigraph"
    built = cli("build", "--store", f"oxigraph:{path}")
    assert built.returncode == 0, built.stderr
    return path


@pytest.fixture(scope="module", params=["on disk", "in memory"])
def server(request, store, tmp_path_factory):
    extra = ["--in-memory"] if request.param == "in memory" else []
    running = start(tmp_path_factory.mktemp("serve") / "serve.log", "--store", f"oxigraph:{store}", "--workers", "1", *extra)
    yield running
    stop(running)
    assert "Traceback" not in running.stderr(), running.stderr()


def test_every_canned_query_gives_the_stores_rows(server, store):
    empty = []
    with open_store(f"oxigraph:{store}", read_only=True) as handle:
        backend = handle.backend()
        for name in sorted(load_catalog()):
            params = examples(load_catalog()[name])  # the example each required parameter's description gives
            expected = backend(prepare(name, params))
            url = f"{server.url}/queries/{name}" + ("?" + urllib.parse.urlencode(params) if params else "")
            with urllib.request.urlopen(url, timeout=60) as response:
                data = json.loads(response.read())
            columns = data["head"]["vars"]
            rows = [tuple(b[c]["value"] if c in b else None for c in columns) for b in data["results"]["bindings"]]
            assert columns == expected.columns, name
            assert rows == expected.rows, name  # the same rows in the same order
            if not rows:
                empty.append(name)
    assert empty == [], f"no rows from {empty}: the comparison proves nothing for them"


def test_in_memory_needs_an_on_disk_store():
    result = cli("serve", "--in-memory", "--port", str(free_port()))
    assert result.returncode == 2
    assert result.stderr.startswith("Error: --in-memory copies an on-disk store into memory") and result.stderr.count("\n") == 1
