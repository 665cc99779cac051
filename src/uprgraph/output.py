"""Write output files so that a reader never sees half of one and a failure leaves the old one intact."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path | str, data: bytes | Callable[[BinaryIO], object]) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``. ``data`` may be
    a function that writes into the open binary file (an output too large to hold in memory first).

    The rename is atomic on POSIX and Windows because both files are in the same folder. On any
    failure the temporary file is removed and an existing ``path`` keeps its old content.
    """
    path = Path(path)
    try:
        _write_then_rename(path, data)
    except OSError as error:
        # Name the file the user asked for, not our temporary one. OSError(errno, ...) builds the
        # matching subclass, e.g. FileNotFoundError.
        raise OSError(error.errno, error.strerror, str(path)) from error


def _write_then_rename(path: Path, data: bytes | Callable[[BinaryIO], object]) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=f".{path.name}.tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            if callable(data):
                data(file)
            else:
                file.write(data)
            file.flush()
            os.fsync(file.fileno())
        # mkstemp makes the file readable by its owner only; give it the mode a plain open() would.
        os.chmod(temporary, _existing_mode(path) or 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _existing_mode(path: Path) -> int | None:
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return None


def _umask() -> int:
    # The only way to read the umask is to set it; fine in a single-threaded command.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
