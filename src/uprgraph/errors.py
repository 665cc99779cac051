"""The few errors uprgraph raises on purpose. The CLI turns each into one line and an exit code."""


class UprgraphError(Exception):
    """A failure the user can act on (exit status 1)."""


class InputError(UprgraphError):
    """The input is not something uprgraph can read (empty, binary, not a UPR report...)."""


class NotReadYet(InputError):
    """A UPR document of a kind uprgraph recognises but has no reader for (a compilation, a summary...)."""


class RangeError(InputError):
    """A recommendation reference or range that cannot be expanded (e.g. "95.9–95.3")."""


class QueryError(UprgraphError):
    """An unknown canned query, a bad parameter, or a SPARQL error."""


class UsageError(UprgraphError):
    """A wrong use of a command: unknown query parameter, missing required one (exit status 2)."""


def one_line(error: BaseException) -> str:
    """An error's message on one line (parsers' messages span several), or its type when it has none."""
    return " ".join(str(error).split()) or type(error).__name__
