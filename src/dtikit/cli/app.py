"""The Typer application: global options and the commands."""

from __future__ import annotations

from typing import Annotated

import typer

from dtikit import __version__
from dtikit.cli import commands, ingest_commands
from dtikit.cli.store_commands import store_app
from dtikit.messages import say

HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}
app = typer.Typer(
    name="dtikit",
    help=say("help.app"),
    no_args_is_help=True,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
)


def _version(value: bool) -> None:
    if value:
        print(f"dtikit {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=say("help.main_options.version"))
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=say("help.main_options.debug"))] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            help=say("help.main_options.lang"),
        ),
    ] = None,
) -> None:
    """Exit codes: 0 ok, 1 data or runtime error, 2 usage error, 3 a requested check failed."""


def help_command(
    ctx: typer.Context,
    command: Annotated[list[str] | None, typer.Argument(help=say("help.help.command"))] = None,
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


app.command("rank", help=say("help.rank"))(commands.rank)
app.command("gap", help=say("help.gap"))(commands.gap)
app.command("sources", help=say("help.sources"))(commands.sources)
app.command("provinces", help=say("help.provinces"))(commands.provinces)
app.command("profile", help=say("help.profile"))(commands.profile)
app.command("compare", help=say("help.compare"))(commands.compare)
app.command("trend", help=say("help.trend"))(commands.trend)
app.command("targets", help=say("help.targets"))(commands.targets)
app.command("map", help=say("help.map"))(commands.map_command)
app.command("report", help=say("help.report"))(commands.report)
app.command("ingest")(ingest_commands.ingest)
app.command("validate")(ingest_commands.validate)
indicators_app = typer.Typer(
    help=say("help.indicators"),
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings=HELP_OPTIONS,
)
indicators_app.callback(invoke_without_command=True)(commands.indicators)
indicators_app.command("set", help=say("help.indicators_set"))(commands.indicators_set)
app.add_typer(indicators_app, name="indicators")
app.add_typer(store_app, name="store")
app.command("help", help=say("help.help"))(help_command)
