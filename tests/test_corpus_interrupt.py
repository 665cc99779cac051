"""A corpus build stopped half-way by Ctrl-C (SIGINT to the whole process group, as a terminal sends it)
or by SIGTERM (to the build process alone, as ``kill`` or a service manager sends it): one line and exit
status 130 or 143, no traceback, no ``-o`` file, no worker left running, and a consistent store (each
document's named graph, its record and its share of the union in step). The same command then finishes
the build, to the same bytes as a build never stopped.

The signal is sent once the progress bar (stderr is a terminal here) counts the first document written,
so it always lands in the middle of the build, whatever the machine's speed."""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from uprgraph.store import BUILD_RECORDS_GRAPH, open_store

ROOT = Path(__file__).resolve().parents[1]
# four real documents (Kazakhstan's pair, two synthetic national reports), plus Slovenia's Working Group report
# (a UN PDF) so that at least a few seconds of work remain when the first document is written
DOCUMENTS = [ROOT / "reports" / "A_HRC_14_10.txt", ROOT / "reports" / "A_HRC_WG.6_20_KAZ_1.txt",
             ROOT / "tests" / "data" / "synthetic_XXA_national_report.txt",
             ROOT / "tests" / "data" / "synthetic_XXB_national_report.txt", ROOT / "reports" / "A_HRC_14_15.pdf"]
BUILD = [sys.executable, "-c", "from uprgraph.cli import main; main()", "build"]


def start(folder: Path, store: Path, output: Path) -> tuple[subprocess.Popen, int]:  # type: ignore[type-arg]
    """The CLI build in a session of its own, stderr on a pseudo-terminal (so the progress bar is drawn)."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a new one is 0 columns wide
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    process = subprocess.Popen([*BUILD, str(folder), "--store", f"oxigraph:{store}", "--jobs", "2", "-o", str(output),
                                "--format", "nquads"], stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL,
                               start_new_session=True, env=env,
                               # Ctrl-C as in a terminal's foreground: a shell's background job (a CI runner
                               # started with &) passes SIGINT on ignored, and Python then never raises it
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    os.close(slave)
    return process, master


def read_until_first_document(process: subprocess.Popen, master: int) -> str:  # type: ignore[type-arg]
    """The terminal's text up to the progress bar's first count of a written document."""
    seen = ""
    while not re.search(r"\b[1-9]\d*/\d+ \[", seen):
        assert process.poll() is None, f"the build ended before its first document was counted: {seen}"
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                seen += os.read(master, 4096).decode(errors="replace")
            except OSError:  # the terminal closed: the build ended
                continue
    return seen


def drain(master: int) -> str:
    text = ""
    while True:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            return text
        try:
            chunk = os.read(master, 4096)
        except OSError:
            return text
        if not chunk:
            return text
        text += chunk.decode(errors="replace")


def descendants(pid: int) -> set[int]:
    """The processes started under ``pid`` (its children, theirs, ...), from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def consistent(store: Path) -> int:
    """Check the store's parts agree; return how many documents it holds."""
    import pyoxigraph

    from uprgraph.corpus_records import read_records

    handle = open_store(f"oxigraph:{store}", read_only=True)
    try:
        records = read_records(handle)
        graphs = {g.value for g in handle.store.named_graphs()} - {BUILD_RECORDS_GRAPH}
        documents = {r["graph"] for r in records.values() if r.get("graph")}
        # every record's graph is there, and every document graph has its record (the description aside)
        assert documents <= graphs
        assert {g for g in graphs if not g.endswith("/graph/metadata")} == documents
        union = {q.triple for q in handle.store.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())}
        named = {q.triple for g in graphs for q in handle.store.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(g))}
        assert union == named
        return len(documents)
    finally:
        handle.close()


@pytest.fixture(scope="module")
def whole(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The documents' folder, and the N-Quads of a build never stopped (one job)."""
    root = tmp_path_factory.mktemp("whole")
    folder = root / "reports"
    folder.mkdir()
    for path in DOCUMENTS:
        shutil.copy(path, folder)
    done = subprocess.run([*BUILD, str(folder), "--store", f"oxigraph:{root / 'store'}", "--jobs", "1", "-o",
                           str(root / "whole.nq"), "--format", "nquads"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return folder, (root / "whole.nq").read_bytes()


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_a_build_stopped_half_way_leaves_a_consistent_store_and_goes_on(whole, tmp_path, how) -> None:  # type: ignore[no-untyped-def]
    folder, store, output = tmp_path / "reports", tmp_path / "store", tmp_path / "out" / "graph.nq"
    shutil.copytree(whole[0], folder)
    output.parent.mkdir()
    process, master = start(folder, store, output)
    try:
        read_until_first_document(process, master)
        workers = descendants(process.pid)
        assert workers, "no worker processes were started"
        if how == "ctrl-c":
            os.killpg(process.pid, signal.SIGINT)  # the terminal's Ctrl-C reaches the workers too
        else:
            process.send_signal(signal.SIGTERM)
        stdout, _ = process.communicate(timeout=120)
        terminal = drain(master)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(master)
    assert process.returncode == (130 if how == "ctrl-c" else 143), terminal
    assert "Traceback" not in terminal and "Traceback" not in stdout.decode()
    assert "interrupted: the documents built so far are in the store" in terminal
    assert os.listdir(output.parent) == []  # neither the -o file nor its temporary file
    for _ in range(300):  # the forkserver goes when its pipe closes: a moment, on a loaded machine seconds
        if not any(alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not [pid for pid in workers if alive(pid)], "a worker outlived the build"
    assert 1 <= consistent(store) < len(DOCUMENTS)
    again = subprocess.run([*BUILD, str(folder), "--store", f"oxigraph:{store}", "--jobs", "2", "-o", str(output),
                            "--format", "nquads"], capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert consistent(store) == len(DOCUMENTS)
    assert output.read_bytes() == whole[1]
