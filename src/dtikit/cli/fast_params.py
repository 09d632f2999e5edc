"""Option values coerced without Pydantic, so a command starts fast.

Typer 0.29 coerces every option value through a Pydantic ``TypeAdapter``; importing Pydantic
for that costs about 45 ms on every run, a third of a cold start (see bench/cold_start.py).
dtikit's options are only ``int`` (with ``min``), ``str``, ``bool``, ``Path``, string
enums and lists of strings, which this module coerces with the same rules. Any other annotation, or a Typer whose
internals differ from the pinned version, falls back to Typer's own coercion: an upgrade can
cost speed, never correctness. tests/test_cli_contract.py checks each error message.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

_TRUE = {"1", "true", "t", "yes", "y", "on"}
_FALSE = {"0", "false", "f", "no", "n", "off"}


class _Coercer:
    """The small part of Typer's ``RuntimeParam`` that ``_TyperParameter.process_value`` uses."""

    def __init__(self, annotation: type, info: Any) -> None:
        self.annotation = annotation
        self.info = info

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        from typer import BadParameter

        if value is None:
            return None
        kind = self.annotation
        if kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE or text in _FALSE:
                return text in _TRUE
            raise BadParameter(f"{value!r} is not a valid boolean.", ctx=ctx, param=param)
        if kind is str:
            return str(value)
        if kind == list[str]:
            return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]
        if kind is int:
            try:
                number = value if isinstance(value, int) else int(str(value).strip())
            except ValueError:
                raise BadParameter(f"{value!r} is not a valid integer.", ctx=ctx, param=param) from None
            low, high = self.info.min, self.info.max
            if (low is not None and number < low) or (high is not None and number > high):
                bounds = " and ".join(
                    b for b in (f">= {low}" if low is not None else "", f"<= {high}" if high is not None else "") if b
                )
                raise BadParameter(f"{number} is not in the range: must be {bounds}.", ctx=ctx, param=param)
            return number
        if kind is Path:
            path = Path(value)
            if self.info.file_okay is False and path.is_file():
                raise BadParameter(f"{str(path)!r} is a file; give a directory.", ctx=ctx, param=param)
            return path
        # a string enum: case-insensitive like Typer's case_sensitive=False
        text = str(value.value if isinstance(value, Enum) else value)
        for member in kind:
            if member.value == text or (not self.info.case_sensitive and member.value.lower() == text.lower()):
                return member
        choices = ", ".join(repr(m.value) for m in kind)
        raise BadParameter(f"{text!r} is not one of {choices}.", ctx=ctx, param=param)


def _simple(annotation: Any) -> bool:
    return (
        annotation in (int, str, bool, Path)
        or annotation == list[str]
        or (isinstance(annotation, type) and issubclass(annotation, Enum) and issubclass(annotation, str))
    )


def install() -> bool:
    """Route dtikit's simple option types around Pydantic; True when installed."""
    try:
        from typer.core import _TyperParameter
    except ImportError:
        return False
    original = getattr(_TyperParameter, "get_runtime_param", None)
    if original is None or getattr(original, "_dtikit_fast", False):
        return original is not None

    def get_runtime_param(self: Any) -> Any:
        descriptor = getattr(self, "type_descriptor", None)
        annotation = getattr(descriptor, "annotation", None)
        if descriptor is not None and descriptor.file_annotation is None and _simple(annotation):
            return _Coercer(annotation, descriptor.parameter_info)
        return original(self)

    get_runtime_param._dtikit_fast = True  # type: ignore[attr-defined]
    _TyperParameter.get_runtime_param = get_runtime_param
    return True
