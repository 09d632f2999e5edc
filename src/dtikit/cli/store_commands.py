"""``dtikit store path | log | check | undo | prune``: the versions of a store, inspected and undone.

No ``from __future__ import annotations``: Typer reads the annotations of each command (and of the
callback), which as texts ``typing.get_type_hints`` would parse and evaluate in every run.
"""

from typing import Annotated

import typer

from dtikit.cli.options import DataOption, FormatOption, typed
from dtikit.cli.output import emit
from dtikit.cli.words import Command, Group
from dtikit.messages import say

store_app = typer.Typer(
    cls=Group,
    help="help.store",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _writable(data) -> object:
    """The store a ``store`` command works on; without --data or DTIKIT_DATA, the user's, which must exist."""
    from dtikit.errors import DataError
    from dtikit.storage import given_store, user_store, writable_root

    root = writable_root(None if data is None else str(data))
    if given_store(None if data is None else str(data))[0] is None and not root.exists():
        raise DataError(say("store.no_user_store", path=user_store()))
    return root


@store_app.command("path", cls=Command, help="help.store_path")
def path(data: DataOption = None) -> None:
    from dtikit.cli.output import note
    from dtikit.storage import choose_store, default_data_dir, user_store

    chosen, why = choose_store(None if data is None else str(data))
    print(chosen)
    note(say("store.chosen_by", why=why))
    if chosen != user_store() and data is None and chosen == default_data_dir():
        note(say("store.creates", path=user_store()))


@store_app.command("log", cls=Command, help="help.store_log")
def log(data: DataOption = None, format: FormatOption = None) -> None:
    from dtikit.storage.versions import log as store_log

    emit(store_log(_writable(data)), format, title=say("store.title_log"), table_columns=None)


@store_app.command("check", cls=Command, help="help.store_check")
def check(
    current: Annotated[bool, typer.Option("--current", help="help.store_check.current")] = False,
    every: Annotated[bool, typer.Option("--all", hidden=True, help="help.store_check.every")] = False,
    data: DataOption = None,
    format: FormatOption = None,
) -> None:
    from dtikit.cli.output import note
    from dtikit.errors import DataError
    from dtikit.storage.versions import check as store_check

    found = store_check(_writable(data), every_version=every or not current)
    emit(found.rows, format, title=say("store.title_check"))
    note(_checked_note(found))
    if found.problems:
        import sys

        from dtikit.errors import one_line

        for problem in found.problems[:-1]:
            print(f"dtikit: {say('prefix.error')}: {one_line(problem)}", file=sys.stderr)
        raise DataError(found.problems[-1])


def _checked_note(found) -> str:
    """Which versions were checked and which of them are sound, in one line."""

    def listed(numbers) -> str:
        return ", ".join(map(str, numbers)) or say("store.none")

    damaged = [n for n in found.checked if n not in found.sound]
    return say(
        "store.checked",
        checked=listed(found.checked),
        current=found.current if found.current is not None else "?",
        sound=listed(found.sound),
        damaged=listed(damaged),
    )


@store_app.command("undo", cls=Command, help="help.store_undo")
def undo(
    ctx: typer.Context,
    to: Annotated[int | None, typer.Option("--to", min=0, help="help.store_undo.to")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="help.store_undo.dry_run")] = False,
    data: DataOption = None,
    format: FormatOption = None,
) -> None:
    from dtikit.cli.output import note
    from dtikit.storage.versions import undo as store_undo

    target, gone = store_undo(_writable(data), to, dry_run=dry_run, command=typed(ctx))
    if gone is None:  # the current version is too damaged to say which ingests it held
        note(say("store.would_undo_unknown" if dry_run else "store.undone_unknown", target=target))
        return
    note(say("store.would_undo" if dry_run else "store.undone", target=target, n=gone.height))
    shown = [c for c in gone.columns if c not in ("file_sha256", "command")]  # a hash is for machines
    emit(gone, format, title=say("store.title_undone"), table_columns=shown)


@store_app.command("prune", cls=Command, help="help.store_prune")
def prune(
    ctx: typer.Context,
    keep: Annotated[int, typer.Option("--keep", min=1, help="help.store_prune.keep")],
    data: DataOption = None,
) -> None:
    from dtikit.cli.output import note
    from dtikit.storage.versions import prune as store_prune

    removed = store_prune(_writable(data), keep, command=typed(ctx))
    versions = ", ".join(map(str, removed))
    note(say("store.removed_which" if removed else "store.removed", n=len(removed), versions=versions))
