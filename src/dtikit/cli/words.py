"""Click's words in the run's language, through its public extension points.

Every help text of the CLI is a message key (``help.rank.year``), looked up when the help is shown,
in the language of that run: no text is fixed when a module is imported, and no module is imported
again when the language changes. ``Command`` and ``Group`` (the classes Typer is given with ``cls=``)
write the usage line, the section titles, ``[default: …]``/``[required]``, the value types and the
help option's own text in that language; ``restated`` says Click's parser errors in it.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from typer.core import TyperCommand, TyperGroup

from dtikit.messages import has, language, say


def help_fields() -> dict[str, str]:
    """What a help text may name that is generated: the formats and the suffixes ``--output`` reads."""
    from dtikit import writers

    return {"formats": ", ".join(writers.names()), "suffixes": writers.suffixes()}


def text(key_or_text: str | None) -> str | None:
    """A help text by its key, in the run's language (a text that is no key, as given)."""
    if key_or_text and has(key_or_text):
        return say(key_or_text, **help_fields())
    return key_or_text


# the types Click names in a help line ('-y, --year <int>'), by the word it prints
_TYPES = {
    "int": "click.type.int",
    "float": "click.type.float",
    "str": "click.type.str",
    "list[str]": "click.type.str",
    "path": "click.type.path",
    "file": "click.type.file",
    "dir": "click.type.dir",
}
_TYPE = re.compile(r"<(int|float|str|list\[str\]|path|file|dir)(?: range)?>")


def _argument(name: str | None) -> str:
    """An argument's name as the help shows it ('files' is 'tệp' in Vietnamese)."""
    return say(f"click.argument.{name}") if name and has(f"click.argument.{name}") else name or ""


def _name(name: str) -> str:
    return _TYPE.sub(lambda m: "<" + say(_TYPES[m.group(1)]) + ">", name)


def _extra(help_line: str) -> str:
    """``[default: x; required]`` at the end of a help line in the run's language."""
    found = re.search(r"\[([^\[\]]*)\]$", help_line)
    if not found:
        return help_line
    parts = []
    for part in found.group(1).split("; "):
        if part == "required":
            part = say("click.required")
        elif part.startswith("default: "):
            part = say("click.default", default=part[len("default: ") :])
        elif part.startswith("env var: "):
            part = say("click.env_var", var=part[len("env var: ") :])
        parts.append(part)
    return help_line[: found.start()] + "[" + "; ".join(parts) + "]"


# the options Typer adds itself, by name: the key of their help
_TYPER_OPTIONS = {"install_completion": "click.install_completion", "show_completion": "click.show_completion"}


def _format_options(command: Any, ctx: Any, formatter: Any) -> None:
    arguments, options = [], []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        name, line = record
        key = _TYPER_OPTIONS.get(param.name or "", param.help or "")
        if key != param.help:  # an option Typer adds, its help in Typer's words
            line = key + line[len(param.help or "") :]
        if key and line.startswith(key):
            line = (text(key) or "") + line[len(key) :]
        if param.param_type_name == "argument":
            arguments.append((_name(name.replace(param.name, _argument(param.name), 1)), _extra(line)))
        else:
            options.append((_name(name), _extra(line)))
    for title, rows in (("click.arguments", arguments), ("click.options", options)):
        if rows:
            with formatter.section(say(title)):
                formatter.write_dl(rows)


class _Words:
    """What Command and Group say alike."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=say("click.usage") + " ")

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        words = {"[OPTIONS]": say("click.options_metavar"), "COMMAND [ARGS]...": say("click.command_metavar")}
        for param in self.params:
            if param.param_type_name == "argument" and param.name:
                for shape in ("{%s}", "[%s]"):
                    words[shape % param.name] = shape % _argument(param.name)
                    words[shape % param.name + "..."] = shape % _argument(param.name) + "..."
        return [words.get(piece, piece) for piece in super().collect_usage_pieces(ctx)]

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        if self.help:
            import inspect

            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(text(self.help) or "").partition("\f")[0])

    def get_short_help_str(self, limit: int = 45) -> str:
        from typer._click.utils import make_default_short_help

        return make_default_short_help(text(self.help) or "", limit).strip() if self.help else ""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "click.help_option"
        return option


class Command(_Words, TyperCommand):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_options(self, ctx, formatter)


class Group(_Words, TyperGroup):
    def format_options(self, ctx: Any, formatter: Any) -> None:
        _format_options(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command))
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section(say("click.commands")):
                formatter.write_dl([(name, command.get_short_help_str(limit)) for name, command in rows])


def _given(args: list[str], param: Any) -> str | None:
    """The value the command line gave ``param`` ('--year abc' or '--year=abc'), when it can be found."""
    names = [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]
    for at, arg in enumerate(args):
        for name in names:
            if arg == name and at + 1 < len(args):
                return args[at + 1]
            if arg.startswith(name + "="):
                return arg[len(name) + 1 :]
    return None


def _hint(exc: Any) -> str:
    from typer._click.exceptions import _join_param_hints

    if getattr(exc, "param_hint", None) is not None:
        return _join_param_hints(exc.param_hint) or ""
    param = getattr(exc, "param", None)
    return _join_param_hints(param.get_error_hint()) if param is not None else ""


def restated(exc: Any, args: list[str], commands: list[str]) -> str:
    """Click's message of the usage error ``exc``, in the run's language (English: Click's own words).

    ``args`` is the command line, ``commands`` the names a mistyped command may have meant."""
    from typer._click import exceptions as click

    message = exc.format_message()
    if language() == "en":
        return message
    if isinstance(exc, click.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "option")
        return say("click.missing_argument" if kind == "argument" else "click.missing_option", name=_hint(exc))
    if isinstance(exc, click.NoSuchOption):
        found = say("click.no_such_option", name=exc.option_name)
        if exc.possibilities:
            found += " " + say("click.possible", options=", ".join(sorted(exc.possibilities)))
        return found
    if isinstance(exc, click.BadOptionUsage) and "requires an argument" in exc.message:
        return say("click.needs_value", name=exc.option_name)
    if isinstance(exc, click.BadParameter):
        return _bad_value(exc, args)
    unknown = re.match(r"No such command '(.*?)'\.", exc.message)
    if unknown:
        said = say("click.no_such_command", name=unknown.group(1))
        near = difflib.get_close_matches(unknown.group(1), commands)
        return said + (" " + say("click.did_you_mean", names=", ".join(f"'{n}'" for n in near)) if near else "")
    extra = re.match(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)", exc.message)
    if extra:
        return say("click.extra_arguments", args=extra.group(1))
    if exc.message.startswith("Missing command"):
        return say("click.missing_command")
    return message


def _bad_value(exc: Any, args: list[str]) -> str:
    """'--year abc': the value and what the option takes, in the run's language."""
    name = _hint(exc)
    param = exc.param
    value = _given(args, param) if param is not None else None
    choice = re.search(r"'(.*)' is not one of (.*?)\.?$", exc.message)
    if choice:
        return say("click.bad_choice", name=name, value=choice.group(1), choices=choice.group(2))
    bound = re.search(r"greater than or equal to (-?[\d.]+)", exc.message)
    if bound:
        return say("click.too_small", name=name, value=value or "", least=bound.group(1))
    bound = re.search(r"less than or equal to (-?[\d.]+)", exc.message)
    if bound:
        return say("click.too_large", name=name, value=value or "", most=bound.group(1))
    if "valid integer" in exc.message:
        return say("click.not_integer", name=name, value=value or "")
    if "valid number" in exc.message:
        return say("click.not_number", name=name, value=value or "")
    return say("click.bad_value", name=name, message=exc.message)
