"""The run context: what one run of the command line was given, passed down rather than set globally.

``main`` makes a ``Run`` (the command line, its language, ``--bom``, ``--debug``) and hands it to
Click as the context object of that run; the language is spoken for the run's duration only
(``dtikit.messages.speaking``). Code below the CLI reads the run it is part of with ``current()``;
two runs in one process (tests, a notebook) share nothing.
"""

from __future__ import annotations

from typing import NamedTuple


class Run(NamedTuple):
    args: tuple[str, ...] | list[str] = ()  # the command line, --lang/--bom/--debug taken out
    lang: str | None = None  # --lang; None: the environment's (DTIKIT_LANG, LC_ALL/LANG)
    bom: bool | None = None  # --bom / --no-bom; None: a BOM in a CSV or TSV file, none on stdout
    debug: bool = False

    @property
    def data(self) -> str | None:
        """The store the command line names (``--data DIR``), else DTIKIT_DATA, else None (the default)."""
        import os

        for at, arg in enumerate(self.args):
            if arg == "--data" and at + 1 < len(self.args):
                return self.args[at + 1]
            if arg.startswith("--data="):
                return arg.split("=", 1)[1]
        return os.environ.get("DTIKIT_DATA") or None


def current() -> Run:
    """The run whose command is being carried out (a plain ``Run`` outside one)."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    while ctx is not None:
        if isinstance(ctx.obj, Run):
            return ctx.obj
        ctx = ctx.parent
    return Run()
