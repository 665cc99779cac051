"""A real ``uprgraph serve`` process for the endpoint's tests: started on a free port of 127.0.0.1,
waited for, and stopped (with its query workers) at the end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


# The server's --timeout for tests that expect answers, not cancellations: far above what any canned query
# takes on a loaded machine, so that a verdict never depends on the machine's speed. Only a hang reaches it.
PATIENT_LIMIT = "600"


@dataclass
class Server:
    url: str
    process: subprocess.Popen  # type: ignore[type-arg]
    log: Path

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(log: Path, *options: str, wait: float = 120.0, env: dict[str, str] | None = None) -> Server:
    """``env``: the server's environment (default: this process's)."""
    port = free_port()
    handle = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from uprgraph.cli import main; main()", "serve", "--host", "127.0.0.1", "--port", str(port), *options],
        stdout=handle, stderr=subprocess.STDOUT, start_new_session=True, env=env,
        # Ctrl-C as in a terminal's foreground: a shell's background job (a CI runner started with &) passes
        # SIGINT on ignored, and Python then never raises it
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uprgraph serve exited with {process.returncode}: {server.stderr()}")
        try:
            with urllib.request.urlopen(server.url + "/queries.json", timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    stop(server)
    raise RuntimeError(f"uprgraph serve did not answer within {wait:g} s: {server.stderr()}")


def stop(server: Server) -> None:
    """SIGTERM (uvicorn shuts down and the server stops its workers); SIGKILL the group if it lingers."""
    if server.process.poll() is None:
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(5)


@contextmanager
def running(log: Path, *options: str) -> Iterator[Server]:
    """A server for a module's tests (a fixture yields it): stopped at the end, and then its log must
    hold no traceback (a worker or request that failed unseen)."""
    server = start(log, *options)
    try:
        yield server
    finally:
        stop(server)
    assert "Traceback" not in server.stderr(), server.stderr()


def get(url: str, params: list[tuple[str, str]] | dict[str, str] | None = None, accept: str | None = None):  # type: ignore[no-untyped-def]
    """(status, headers, body bytes) of a GET; 4xx and 5xx are answers too."""
    if params:
        url += "?" + urllib.parse.urlencode(params)
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
