"""A real Virtuoso (Debian's virtuoso-opensource) for the integration tests, and ``uprgraph serve``.

Each server runs from a temporary folder on free 127.0.0.1 ports and is stopped when the tests that
use it are done. A fresh Virtuoso database has the administrator ``dba`` with password ``dba``; its
Graph Store endpoint ``/sparql-graph-crud-auth`` and update endpoint ``/sparql-auth`` ask for HTTP
digest authentication, and ``dba`` may write through both, so no grant is needed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from string import Template

import pytest
from components import need_program

TEMPLATE = Path(__file__).with_name("virtuoso.ini.template")
START_TIMEOUT = 90.0


@dataclass(frozen=True)
class Server:
    name: str
    sparql: str  # the query endpoint
    gsp: str | None = None  # the Graph Store Protocol endpoint, for stores we load into
    update: str | None = None
    user: str | None = None
    password: str | None = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(sparql_url: str) -> bool:
    data = urllib.parse.urlencode({"query": "ASK {}"}).encode()
    request = urllib.request.Request(sparql_url, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def wait_until_up(process: subprocess.Popen, sparql_url: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{process.args[0]} exited with status {process.returncode}:\n{tail}")
        if answers(sparql_url):
            return
        time.sleep(0.2)
    raise RuntimeError(f"{sparql_url} did not answer within {START_TIMEOUT:g} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def start_virtuoso(folder: Path):  # type: ignore[no-untyped-def]
    """(process, Server); skips the test when Virtuoso is not installed (fails it under CI=true)."""
    binary = need_program("virtuoso-t", "virtuoso-opensource")
    port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(Template(TEMPLATE.read_text()).substitute(dir=folder, port=port, http_port=http_port))
    log = folder / "virtuoso.out"
    with log.open("wb") as out:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(process, f"{base}/sparql", log)
    except BaseException:
        stop(process)
        raise
    return process, Server("virtuoso", f"{base}/sparql", f"{base}/sparql-graph-crud-auth", f"{base}/sparql-auth",
                           "dba", "dba")


def start_serve(folder: Path, data_file: Path):  # type: ignore[no-untyped-def]
    """(process, Server) for ``uprgraph serve`` on ``data_file``; skips when the command is missing."""
    from uprgraph.cli import main

    if "serve" not in main.commands:
        pytest.skip("this uprgraph has no 'serve' command")
    port = free_port()
    log = folder / "serve.out"
    executable = Path(sys.executable).with_name("uprgraph")
    command = [str(executable)] if executable.exists() else [sys.executable, "-c", "from uprgraph.cli import main; main()"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*command, "serve", "--graph", str(data_file), "--port", str(port), "--workers", "1"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env={**os.environ},
        )
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/sparql", log)
    except BaseException:
        stop(process)
        raise
    return process, Server("serve", f"http://127.0.0.1:{port}/sparql")
