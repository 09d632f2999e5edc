"""Numbers as people write them, parsed with a stated rule.

Vietnamese writes a decimal comma and dots for thousands ("0,7111", "1.753", "2.587.362");
English the opposite. A cell's text is *evidence* for one convention when only that
convention reads it as a number:

- decimal comma: "0,7111" (a comma not followed by exactly three digits, or after a 0),
  "2.587.362" (several dot groups), "1.753,5" (dot groups then a comma);
- decimal point: "0.7111", "2,587,362", "1,753.5";
- no evidence: "45", "1.753" and "1,753" (a 1–3 digit number, a separator, three digits:
  either convention reads it, as 1.753 or 1753).

A file's convention is the one its cells give evidence for (any column); when cells give
evidence for both, the file contradicts itself and is refused, naming an example of each. With
no evidence at all, ambiguous cells are refused unless ``--decimal-comma`` or
``--decimal-point`` says which. A given option is never overridden: a cell that the chosen
convention cannot read is an error.

Also: a trailing "%" (the number stays in percent, a space before it allowed), a rank written
"45/63" (or "45 / 63"), spaces or no-break spaces between digit groups of three ("1 234 567",
not "5 5" or "1 2,5": a cell with any other space inside is not a number), one leading "-" or
"−" ("--5" is not a number), and the missing markers in ``MISSING`` in any letter case ("nan",
"NaN" and "NAN" alike). Cells that were typed numbers in Excel or Parquet arrive as their
``repr`` behind ``CANONICAL_PREFIX`` (a NUL, which no text cell holds: a NUL inside a workbook's or
Parquet file's text is read as U+FFFD, and a text file holding one is refused) and are read as they
are; a text cell "=123.4", in a text file or a workbook, is text, not a number.
"""

from __future__ import annotations

import polars as pl

MISSING = ("", "-", "–", "—", "n/a", "na", "#n/a", "..", "...", "x", "null", "none", "nan", "không có", "chưa có")
CANONICAL_PREFIX = "\x00"  # before a typed number's repr; never the first character of a text cell

_UNSIGNED_COMMA_EVIDENCE = (
    r"^(\d{1,3}(\.\d{3})+,\d+"  # 1.753,5
    r"|\d{1,3}(\.\d{3}){2,}"  # 2.587.362
    r"|0,\d+"  # 0,7111 or 0,711
    r"|\d+,(\d{1,2}|\d{4,})"  # 60,81 or 1,75 or 0,71115
    r"|\d{4,},\d+)$"  # 1753,123 (no grouping before a comma decimal)
)
_UNSIGNED_POINT_EVIDENCE = (
    r"^(\d{1,3}(,\d{3})+\.\d+"
    r"|\d{1,3}(,\d{3}){2,}"
    r"|0\.\d+"
    r"|\d+\.(\d{1,2}|\d{4,})"
    r"|\d{4,}\.\d+)$"
)
_COMMA_NUMBER = r"^(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$"
_POINT_NUMBER = r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$"


_SPACE = r"[\s\u00a0\u202f]"
# the missing markers without their spaces, in lower case (a cell is compared in lower case)
_MISSING_KEYS = sorted({m.replace(" ", "") for m in MISSING})
# the same as a cell may write them: lower, upper, title case (the bare cells of ``is_bare``)
_MISSING_FORMS = sorted({form.replace(" ", "") for m in MISSING for form in (m, m.upper(), m.title(), m.capitalize())})
# spaces a number may hold: between digit groups of three, and around the "/" of a rank
_GROUPED = rf"^[-−]?\d{{1,3}}({_SPACE}\d{{3}})+([.,]\d+)?%?$|^\d+{_SPACE}*/{_SPACE}*\d+$"


def cleaned(text: pl.Expr) -> pl.Expr:
    """The cell without its outer spaces, those before a trailing "%" and those a number may hold
    (``_GROUPED``); null for the missing markers, in any letter case, and empty cells. Any other
    space is kept, so that such a cell is not read as a number."""
    missing = text.str.replace_all(_SPACE, "").str.to_lowercase().is_in(_MISSING_KEYS) | text.is_null()
    trimmed = text.str.strip_chars().str.replace(rf"{_SPACE}+%$", "%")
    squeezed = pl.when(trimmed.str.contains(_GROUPED)).then(trimmed.str.replace_all(_SPACE, "")).otherwise(trimmed)
    return pl.when(missing).then(pl.lit(None, pl.String)).otherwise(squeezed)


def _body(clean: pl.Expr) -> pl.Expr:
    """The number without its "%" and its one sign."""
    return clean.str.strip_suffix("%").str.replace(r"^[-−]", "")


def is_canonical(clean: pl.Expr) -> pl.Expr:
    return clean.str.starts_with(CANONICAL_PREFIX)


def evidence(clean: pl.Expr, convention: str) -> pl.Expr:
    """True where the cell can only be a number in ``convention``."""
    pattern = _UNSIGNED_COMMA_EVIDENCE if convention == "comma" else _UNSIGNED_POINT_EVIDENCE
    return ~is_canonical(clean) & _body(clean).str.contains(pattern)


def ambiguous(clean: pl.Expr) -> pl.Expr:
    """True where either convention reads the cell, with different numbers ("1.753")."""
    return ~is_canonical(clean) & _body(clean).str.contains(r"^[1-9]\d{0,2}[.,]\d{3}$")


def parse_number(clean: pl.Expr, convention: str | None, *, typed: bool = True) -> pl.Expr:
    """The number in a cleaned cell, or null when the convention cannot read it.

    ``convention`` None reads only cells without separators. ``typed``: the file may hold typed
    numbers (``=0.54`` from Excel or Parquet); a text file never does, and skips that branch.
    (Choices between numbers, not texts: a choice between texts builds a new text column, slowly.)
    """
    body = _body(clean)
    if convention == "comma":
        readable, text = body.str.contains(_COMMA_NUMBER), body.str.replace_many([".", ","], ["", "."])
    elif convention == "point":
        readable, text = body.str.contains(_POINT_NUMBER), body.str.replace_all(",", "", literal=True)
    else:
        readable, text = body.str.contains(r"^\d+$"), body
    sign = pl.when(clean.str.starts_with("-") | clean.str.starts_with("−")).then(-1.0).otherwise(1.0)
    value = pl.when(readable).then(text.cast(pl.Float64, strict=False) * sign)
    if not typed:
        return value
    # a typed number formatted as percent arrives as CANONICAL_PREFIX + "60.81%" (dtikit.ingest.cells)
    canonical = clean.str.strip_prefix(CANONICAL_PREFIX).str.strip_suffix("%").cast(pl.Float64, strict=False)
    return pl.when(is_canonical(clean)).then(canonical).otherwise(value)


def parse_rank(clean: pl.Expr, *, typed: bool = True) -> tuple[pl.Expr, pl.Expr]:
    """A rank and its N: "45" -> (45, null), "45/63" -> (45, 63); null where the cell is no whole number."""
    parts = clean.str.split_exact("/", 1)
    rank_text, of_text = parts.struct.field("field_0"), parts.struct.field("field_1")
    whole = rank_text.str.contains(r"^\d+$")
    of = pl.when(of_text.str.contains(r"^\d+$")).then(of_text.cast(pl.Int32, strict=False))
    rank = pl.when(whole & (of_text.is_null() | of.is_not_null())).then(rank_text.cast(pl.Float64, strict=False))
    if typed:
        rank = pl.when(is_canonical(clean)).then(parse_number(clean, None, typed=True)).otherwise(rank)
    return rank, of


def is_percent(clean: pl.Expr) -> pl.Expr:
    return clean.str.ends_with("%")


# Bare cells: the shapes most cells of a large export have, read without the regexes above. A bare
# cell is a missing marker as ``_MISSING_FORMS`` writes it, or ASCII digits with an optional leading
# "-" and at most one decimal separator of the convention (none when it is unknown). Such a cell has
# no spaces, so ``cleaned`` leaves it as it is (or makes it null), and its number is the text with a
# decimal point: ``bare_cleaned`` and ``bare_number`` give exactly what ``cleaned`` and
# ``parse_number`` give for it. Any other cell ("1.234,5", "12%", " 5", "−3") needs the exact
# expressions; a route that reads bare cells must check ``is_bare`` on every cell.
_BARE_NUMBER = {"comma": r"^-?[0-9]+(,[0-9]+)?$", "point": r"^-?[0-9]+(\.[0-9]+)?$", None: r"^-?[0-9]+$"}


def is_bare(text: pl.Expr, convention: str | None) -> pl.Expr:
    """True where a cell as the file has it is bare (see above), for the convention."""
    return text.is_in(_MISSING_FORMS) | text.str.contains(_BARE_NUMBER[convention])


def bare_cleaned(text: pl.Expr) -> pl.Expr:
    """``cleaned(text)`` where ``is_bare(text)``: the missing markers null, other cells as they are."""
    return pl.when(text.is_in(_MISSING_FORMS)).then(pl.lit(None, pl.String)).otherwise(text)


def bare_number(clean: pl.Expr, convention: str | None) -> pl.Expr:
    """``parse_number(clean, convention, typed=False)`` where ``clean`` is ``bare_cleaned`` of a bare cell.

    The sign is the cast's: "-2,5" reads as -(2.5) either way, "-0" as -0.0.
    """
    if convention == "comma":
        clean = clean.str.replace(",", ".", literal=True, n=1)
    return clean.cast(pl.Float64, strict=False)
