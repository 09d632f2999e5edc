"""One exception family for the core; the CLI maps each class to an exit code.

Exit codes: 0 ok, 1 data or runtime error, 2 usage error, 3 a requested check failed.
"""


def one_line(text: str) -> str:
    """``text`` safe for one line of stderr: control characters (newlines, tabs, NUL) escaped."""
    return "".join(ch if ch.isprintable() or ch == " " else repr(ch)[1:-1] for ch in str(text))


def did_you_mean(names: list[str]) -> str:
    """'; did you mean 'a', 'b'?' after an unknown name (empty without suggestions), in this run's language."""
    from dtikit.messages import say

    return say("error.did_you_mean", names=", ".join(repr(n) for n in names)) if names else ""


class DtiError(Exception):
    """Base class: a problem the user can act on, described in one line."""

    exit_code = 1


class DataError(DtiError):
    """The data held (or a file given) cannot answer the question."""

    exit_code = 1


class UsageError(DtiError):
    """An argument is wrong: an unknown province, a target outside 1..N, ..."""

    exit_code = 2


class CheckFailed(DtiError):
    """A check the user asked for (``--fail-if-missed``) did not pass."""

    exit_code = 3
