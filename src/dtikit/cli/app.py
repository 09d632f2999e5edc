"""The Typer application: global options and the commands, built for the command being run.

``build("rank")`` registers only ``rank``: Typer then makes and coerces the options of one
command, not of all twenty (about 40 ms of every run). ``build()`` (or an unknown name, ``help``,
no command) registers them all, for ``--help``, completion and Click's "no such command".

No ``from __future__ import annotations``: Typer reads the annotations of each command (and of the
callback), which as texts ``typing.get_type_hints`` would parse and evaluate in every run.
"""

from importlib import import_module
from typing import Annotated

import typer

from dtikit import __version__
from dtikit.cli.words import Command, Group
from dtikit.messages import say

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
# name: (module of dtikit.cli, function, help key; None: the function's own help)
COMMANDS = {
    "rank": ("commands", "rank", "help.rank"),
    "gap": ("commands", "gap", "help.gap"),
    "sources": ("commands", "sources", "help.sources"),
    "provinces": ("commands", "provinces", "help.provinces"),
    "profile": ("commands", "profile", "help.profile"),
    "compare": ("commands", "compare", "help.compare"),
    "trend": ("commands", "trend", "help.trend"),
    "targets": ("commands", "targets", "help.targets"),
    "map": ("commands", "map_command", "help.map"),
    "report": ("commands", "report", "help.report"),
    "ingest": ("ingest_commands", "ingest", None),
    "validate": ("ingest_commands", "validate", None),
}
GROUPS = ("indicators", "store")


def build(command: str | None = None) -> typer.Typer:
    """The application with ``command`` only when it is a command or group of dtikit, else with all."""
    app = typer.Typer(
        cls=Group,
        name="dtikit",
        help="help.app",
        no_args_is_help=True,
        add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings=HELP_OPTIONS,
    )
    app.callback()(main_options)
    wanted = [command] if command in COMMANDS or command in GROUPS else [*COMMANDS, *GROUPS]
    for name in wanted:
        if name in GROUPS:
            app.add_typer(_group(name), name=name)
            continue
        module, function, key = COMMANDS[name]
        run = getattr(import_module(f"dtikit.cli.{module}"), function)
        app.command(name, cls=Command, **({"help": key} if key else {}))(run)
    if len(wanted) > 1:
        app.command("help", cls=Command, help="help.help")(help_command)
    return app


def _group(name: str) -> typer.Typer:
    if name == "store":
        from dtikit.cli.store_commands import store_app

        return store_app
    from dtikit.cli import commands

    indicators_app = typer.Typer(
        cls=Group,
        help="help.indicators",
        invoke_without_command=True,
        add_completion=False,
        rich_markup_mode=None,
        context_settings=HELP_OPTIONS,
    )
    indicators_app.callback(invoke_without_command=True)(commands.indicators)
    indicators_app.command("set", cls=Command, help="help.indicators_set")(commands.indicators_set)
    return indicators_app


def _version(value: bool) -> None:
    if value:
        print(f"dtikit {__version__}")
        raise typer.Exit()


def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="help.main_options.version")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="help.main_options.debug")] = False,
    bom: Annotated[bool | None, typer.Option("--bom/--no-bom", help="files.help.bom")] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help="help.main_options.lang",
        ),
    ] = None,
) -> None:
    """Exit codes: 0 ok, 1 data or runtime error, 2 usage error, 3 a requested check failed."""


def help_command(
    ctx: typer.Context,
    command: Annotated[list[str] | None, typer.Argument(help="help.help.command")] = None,
) -> None:
    group = ctx.parent.command
    target, parent = group, ctx.parent
    for name in command or []:
        found = target.get_command(parent, name) if hasattr(target, "get_command") else None
        if found is None:
            from dtikit.errors import UsageError

            raise UsageError(say("error.no_command", name=" ".join(command)))
        parent = found.make_context(name, [], parent=parent, resilient_parsing=True)
        target = found
    print(target.get_help(parent if command else ctx.parent))
