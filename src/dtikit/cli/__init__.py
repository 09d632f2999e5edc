"""The ``dtikit`` command: a thin layer over the core that owns exit codes and streams.

Exit codes: 0 ok, 1 data or runtime error, 2 usage error, 3 a requested check failed.
Errors are one line on stderr; ``--debug`` (anywhere on the line) shows the traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from typing import TYPE_CHECKING

from dtikit.errors import CheckFailed, DtiError, UsageError, one_line

if TYPE_CHECKING:
    from dtikit.cli.context import Run

_LABEL = {CheckFailed: "prefix.check", UsageError: "prefix.usage"}


def _say(message: str, prefix: str | None = None) -> None:
    """'dtikit: [prefix: ]message' on one line of stderr, the prefix (a key) in this run's language."""
    from dtikit.messages import say

    print(f"dtikit: {say(prefix) + ': ' if prefix else ''}{one_line(message)}", file=sys.stderr)


def _quiet_broken_pipe() -> int:
    """The reader went away (``| head``): stop writing, say nothing, succeed."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


# commands whose own --lang chooses the words of the file they write (each with its own default)
_OWN_LANG = ("map", "report")


def _take_lang(args: list[str]) -> tuple[list[str], str | None]:
    """Take ``--lang vi|en`` (or ``--lang=...``) from anywhere on the line, as ``--debug`` is: the rest of
    the line and the language (None: the environment's). ``map`` and ``report`` are given it back as
    their own ``--lang``. An unknown language is a ValueError (its message in the environment's language).
    """
    from dtikit.messages import LANGUAGES, say

    rest, lang, command = [], None, None
    it = iter(args)
    for arg in it:
        if arg == "--lang":
            lang = next(it, "").lower()
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1].lower()
        else:
            if command is None and not arg.startswith("-"):
                command = arg
            rest.append(arg)
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(say("error.lang", lang=lang))
    if lang is not None and command in _OWN_LANG:
        rest += ["--lang", lang]
    return rest, lang


def _store_damage(args: list[str]) -> str | None:
    """The first damaged file of the store this command reads (``--data``, ``DTIKIT_DATA``, the user's or
    the bundled one), when an error came from reading it; None when it is sound."""
    from dtikit.storage import Store

    data = None
    for at, arg in enumerate(args):
        if arg == "--data" and at + 1 < len(args):
            data = args[at + 1]
        elif arg.startswith("--data="):
            data = arg.split("=", 1)[1]
    try:
        return Store(data).damage()
    except DtiError as exc:  # a store whose version cannot be opened; not a folder that is no store (yet)
        return str(exc) if _has_versions(data) else None
    except Exception:  # the store cannot even be looked at: the original error stands
        return None


def _has_versions(data: str | None) -> bool:
    from dtikit.storage import choose_store, is_versioned

    return is_versioned(choose_store(data)[0])


def _command(args: list[str]) -> str | None:
    """The command named on the line: its first word that is not an option (None when there is none)."""
    return next((a for a in args if not a.startswith("-")), None)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code. ``--lang`` and ``--bom`` hold for this run only, and
    stdout and stderr are UTF-8 for it (``dtikit.cli.output.utf8_streams``)."""
    from dtikit.cli import output

    restore = output.utf8_streams()
    try:
        return _main(argv)
    finally:
        with contextlib.suppress(OSError, ValueError):  # a stream the reader closed
            restore()


def _take_bom(args: list[str]) -> tuple[list[str], bool | None]:
    """Take ``--bom`` / ``--no-bom`` from anywhere on the line, as ``--debug`` is (the last one given wins)."""
    chosen = None
    for arg in args:
        if arg in ("--bom", "--no-bom"):
            chosen = arg == "--bom"
    return [a for a in args if a not in ("--bom", "--no-bom")], chosen


def _main(argv: list[str] | None) -> int:
    from dtikit.cli.context import Run
    from dtikit.messages import speaking

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    args = [a for a in args if a != "--debug"]
    args, bom = _take_bom(args)
    try:
        args, lang = _take_lang(args)
    except ValueError as exc:
        _say(str(exc), "prefix.usage")
        return 2
    with speaking(lang):
        return _run(Run(args, lang, bom, debug))


def _run(run: Run) -> int:
    """Carry out the command of ``run`` in its language; the exit code."""
    args, debug = run.args, run.debug
    from typer import Abort, Exit
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
    from typer.main import get_command

    from dtikit import environment
    from dtikit.cli.app import COMMANDS, GROUPS, build
    from dtikit.cli.output import OutputClosed
    from dtikit.cli.words import restated
    from dtikit.messages import say

    try:
        environment.check()
        result = get_command(build(_command(args))).main(args=args, prog_name="dtikit", standalone_mode=False, obj=run)
        sys.stdout.flush()
        return result if isinstance(result, int) else 0
    except (BrokenPipeError, OutputClosed):
        return _quiet_broken_pipe()
    except DtiError as exc:
        if debug:
            traceback.print_exc()
        _say(str(exc), _LABEL.get(type(exc), "prefix.error"))
        return exc.exit_code
    except NoArgsIsHelpError as exc:  # plain `dtikit`: the help, not an error line
        print(exc.format_message(), file=sys.stderr)
        return exc.exit_code
    except ClickException as exc:
        if debug:
            traceback.print_exc()
        ctx = getattr(exc, "ctx", None)  # the (sub)command whose line was wrong: 'dtikit store log'
        named = [a for a in args[:1] if a in COMMANDS or a in GROUPS]
        command = ctx.command_path if ctx is not None else " ".join(["dtikit", *named])
        message = restated(exc, args, [*COMMANDS, *GROUPS, "help"])
        _say(say("error.see_help", message=message, command=command), "prefix.usage")
        return exc.exit_code
    except Exit as exc:
        return exc.exit_code
    except (Abort, KeyboardInterrupt):
        _say(say("interrupted"))
        return 130
    except OSError as exc:  # a full disk, a folder without write permission, ...
        if debug:
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"{where}{exc.strerror or exc}", "prefix.error")
        return 1
    except Exception as exc:
        if debug:
            traceback.print_exc()
        damage = _store_damage(args)
        if damage is not None:  # a table of the store that cannot be read: name it and the fix
            _say(damage, "prefix.error")
            return 1
        _say(say("error.internal", kind=type(exc).__name__, message=exc), "prefix.error")
        return 1
    except BaseException as exc:  # a panic inside Polars is a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        if debug:
            traceback.print_exc()
        _say(say("error.polars", message=exc), "prefix.error")
        return 1


# the collector's first threshold in a command line's process (Python's default: 700 allocations)
COLLECT_AFTER = 100_000


def run() -> None:
    """Console-script entry point (``dtikit``, ``python -m dtikit``).

    The process raises the garbage collector's first threshold to ``COLLECT_AFTER``: the imports of a
    command (Typer, Pydantic, Polars, dtikit: objects that live until the process ends) made the
    collector pass over them about 110 times, 17-24 ms of every command on this stack, and a query
    allocates fewer than that many objects after them. Cyclic garbage is still collected, every
    ``COLLECT_AFTER`` allocations (an ingest of a large workbook). ``main`` and the library keep
    Python's settings: a notebook's process is not ours to tune.

    Once the command is done, what is left is moved out of the collector's reach (``gc.freeze``):
    Python's exit runs full collections over every object still alive (about 80,000 after a query),
    which took 50-100 ms of every command, as much in the cold-start floor's process (a Typer app
    importing Polars and Rich: 464 ms to exit normally, 259 ms frozen, 241 ms by ``os._exit``, median
    of 9). The exit is otherwise as it was: ``atexit`` handlers run, files are flushed and closed,
    objects are released; only garbage cycles still in memory when the process ends are not collected,
    and the system takes back their memory."""
    import gc

    gc.set_threshold(COLLECT_AFTER)
    code = main()
    gc.freeze()
    sys.exit(code)
