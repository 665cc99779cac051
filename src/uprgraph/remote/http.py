"""What the remote modules share: credentials, the one-line wording of network faults, bounded reads.

Every fault a remote store can cause (down, slow, asks for credentials, answers HTML or garbage)
becomes a :class:`RemoteError` whose message is one line naming the URL, so the CLI prints it and
exits 1 without a traceback.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from uprgraph.errors import UprgraphError

DEFAULT_TIMEOUT = 30.0
MAX_ANSWER_BYTES = 512 * 1024 * 1024  # an answer bigger than this is refused, not read into memory
AUTH_SCHEMES = ("basic", "digest")


class RemoteError(UprgraphError):
    """The endpoint could not be reached, refused us, or answered something that is not SPARQL."""


@dataclass(frozen=True)
class Connection:
    """Where a store is and how to talk to it."""

    url: str
    timeout: float = DEFAULT_TIMEOUT  # seconds to connect, and to wait for each read
    user: str | None = None
    password: str | None = None
    auth: str = "basic"  # or "digest" (Virtuoso's /sparql-auth and /sparql-graph-crud-auth)

    def __post_init__(self) -> None:
        if not self.url.lower().startswith(("http://", "https://")):
            raise RemoteError(f"endpoint {self.url!r} is not an http:// or https:// URL")
        if self.timeout <= 0:
            raise RemoteError(f"timeout must be a positive number of seconds, got {self.timeout}")
        if self.auth not in AUTH_SCHEMES:
            raise RemoteError(f"unknown authentication scheme {self.auth!r}; choose basic or digest")
        if (self.user is None) != (self.password is None):
            raise RemoteError("give both --user and --password, or neither")

    def opener(self) -> urllib.request.OpenerDirector:
        """A private opener (never installed globally) that answers the server's challenge."""
        handlers: list[urllib.request.BaseHandler] = []
        if self.user is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.url, self.user, self.password or "")
            handler_class = (
                urllib.request.HTTPDigestAuthHandler if self.auth == "digest" else urllib.request.HTTPBasicAuthHandler
            )
            handlers.append(handler_class(passwords))
        return urllib.request.build_opener(*handlers)


def describe_fault(error: BaseException, connection: Connection, what: str) -> RemoteError:
    """One line for a failed exchange with the store; ``what`` says what we were doing."""
    where = connection.url
    if isinstance(error, urllib.error.HTTPError):
        return RemoteError(f"{what} at {where}: {http_status(error.code, error.reason, error.fp, connection)}")
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return RemoteError(f"{what} at {where}: no answer within {connection.timeout:g} s (raise --timeout?)")
    if isinstance(reason, ConnectionRefusedError):
        return RemoteError(f"{what} at {where}: connection refused (is the store running?)")
    if isinstance(reason, socket.gaierror):
        return RemoteError(f"{what} at {where}: unknown host")
    if isinstance(reason, (http.client.HTTPException, ConnectionError)):
        return RemoteError(f"{what} at {where}: the connection broke ({type(reason).__name__})")
    text = " ".join(str(reason).split()) or type(reason).__name__
    return RemoteError(f"{what} at {where}: {text}")


def http_status(code: int, reason: object, body: object, connection: Connection) -> str:
    """``401 Unauthorized: wrong or missing --user/--password``, ``400 Bad Request: <the server's first line>``."""
    if code in (401, 403):
        hint = "wrong --user/--password" if connection.user else "the store wants --user and --password"
        if connection.user and code == 401:
            hint += " (or --auth digest/basic)"
        return f"HTTP {code} {reason}: {hint}"
    detail = first_line(body)
    return f"HTTP {code} {reason}" + (f": {detail}" if detail else "")


def first_line(body: object, limit: int = 200) -> str:
    """The first non-blank line of an error page, markup stripped, at most ``limit`` characters."""
    try:
        data = body.read(64 * 1024) if hasattr(body, "read") else body  # type: ignore[union-attr]
    except Exception:  # the body of an error page is a courtesy; never fail on it
        return ""
    if isinstance(data, bytes):
        data = data.decode("utf-8", "replace")
    if not isinstance(data, str):
        return ""
    import re

    text = re.sub(r"<[^>]*>", " ", data)
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line[:limit] + ("..." if len(line) > limit else "")
    return ""
