"""Ctrl-C and SIGTERM during a long build: stop cleanly, never half-way through a write.

``terminate_as_interrupt()`` makes SIGTERM (what ``kill``, a service manager or a CI timeout sends)
raise :class:`Terminated` in the main thread, as Ctrl-C raises KeyboardInterrupt, so the same clean-up
runs for both. ``held()`` wraps a write that must happen whole (a document's graph replaced in the
store): a signal arriving inside it is delivered when it ends.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Terminated(BaseException):
    """SIGTERM arrived (a BaseException, like KeyboardInterrupt, so no ``except Exception`` swallows it)."""


def _raise_terminated(signum: int, frame: Any) -> None:
    raise Terminated(signum)


def terminate_as_interrupt() -> None:
    """From now on SIGTERM raises Terminated in the main thread (nothing outside the main thread)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _raise_terminated)


@contextmanager
def held() -> Iterator[None]:
    """Delay Ctrl-C and SIGTERM until the block ends (in the main thread; elsewhere signals are not
    delivered to Python code anyway)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: arrived.append(signum)) for sig in SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if arrived:
            signal.raise_signal(arrived[0])
