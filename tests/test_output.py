"""Atomic writes: all of the new content, or the old file untouched."""

from __future__ import annotations

import os
import stat

import pytest

from uprgraph.output import write_atomically


def test_writes_new_file_with_default_permissions(tmp_path):
    target = tmp_path / "graph.ttl"
    write_atomically(target, b"data")
    assert target.read_bytes() == b"data"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert os.listdir(tmp_path) == ["graph.ttl"]


def test_replaces_existing_file_keeping_its_mode(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_failure_while_writing_leaves_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomically(target, "text is not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["graph.ttl"]


def test_failure_to_rename_names_the_target_and_cleans_up(tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    with pytest.raises(OSError) as raised:
        write_atomically(target, b"data")
    assert raised.value.filename == str(target)
    assert os.listdir(tmp_path) == ["taken"]


def test_missing_folder_names_the_target(tmp_path):
    target = tmp_path / "no" / "graph.ttl"
    with pytest.raises(FileNotFoundError) as raised:
        write_atomically(target, b"data")
    assert raised.value.filename == str(target)
