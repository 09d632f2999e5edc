"""Reading CSV, TSV, Parquet and Excel files (or stdin) into a grid of text cells.

The grid keeps every cell as text, as the file has it, so that numbers can be parsed with the
file's own conventions later; cells that were typed numbers (Excel, Parquet) arrive as
``=<number>``. Row ``i`` of the grid is row ``i + 1`` as a spreadsheet shows it.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import sys
import tempfile
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, NamedTuple

import polars as pl

from dtikit import environment
from dtikit.errors import DataError, UsageError
from dtikit.ingest.decode import (
    FIELD_LIMIT,
    check_encoding,
    decode,
    detect,
    long_fields,
    separated,
    sniff_separator,
)
from dtikit.ingest.numbers import CANONICAL_PREFIX
from dtikit.messages import say

_TEXT = {".csv", ".tsv", ".txt", ".tab"}
_EXCEL = {".xlsx", ".xlsm", ".ods"}
# how a workbook starts: a zip archive (.xlsx, .xlsm, .ods) or an OLE2 file (.xls). Only such a file
# imports the workbook readers (``workbook``: the cell scans and an XML parser), which a text file never needs
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
_PARQUET = {".parquet", ".pq"}


# Text files at least this large are streamed (Polars scans them) instead of read into memory.
STREAM_BYTES = 16 * 1024 * 1024  # files this large or larger are streamed (DTIKIT_STREAM_BYTES overrides)
HEAD_BYTES = 1 << 20
HEAD_ROWS = 1000  # the rows of a Parquet file's head (``find_layout`` reads at most 420)


class Stream(NamedTuple):
    """A large UTF-8 text file read by scanning, never whole into memory."""

    path: str
    separator: str


class _Digest(threading.Thread):
    """The sha256 of a file, computed beside the work that reads it."""

    def __init__(self, path: str) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.hexdigest = ""
        self.error: OSError | None = None
        self.start()

    def run(self) -> None:
        try:
            with open(self.path, "rb") as handle:
                self.hexdigest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as exc:  # told by ``__str__``: an empty sum would match another file's
            self.error = exc

    def __str__(self) -> str:
        self.join()
        if self.error is not None or not self.hexdigest:
            reason = self.error.strerror if self.error is not None and self.error.strerror else say("ingest.no_sum")
            raise DataError(say("ingest.no_digest", file=self.path, reason=reason))
        return self.hexdigest


@dataclass
class RawTable:
    """A file's first rows (for finding the header) and a way to all its cells."""

    name: str
    digest: str | _Digest
    kind: str
    grid: list[list[str]]  # every row, or only the first rows of a streamed file
    notes: list[str] = field(default_factory=list)
    stream: Stream | None = None
    sheet: str | None = None  # the sheet of a workbook
    year: int | None = None  # a year the sheet's name gives
    guessed: str | None = None  # how a text file's code page was guessed ("cp1258 (not UTF-8 from byte 9)")
    frame: pl.DataFrame | None = None  # every row below the header as text (Parquet: ``grid`` is the head)

    @property
    def sha256(self) -> str:
        return str(self.digest)

    def rows(self) -> list[list[str]]:
        """Every row: the grid, or a streamed file read whole (for a table read row by row in Python)."""
        if self.frame is not None:
            return [self.grid[0], *map(list, self.frame.iter_rows())]
        if self.stream is None:
            return self.grid
        data = Path(self.stream.path).read_bytes()  # UTF-8 (a copy when the file was not)
        return _text_grid(self.name, data, "utf-8", self.stream.separator)[0]

    def cells(self, header_row: int, width: int) -> pl.LazyFrame:
        """The rows below the header as columns ``c0..c{width-1}`` of text, with ``row`` as a spreadsheet shows it."""
        names = [f"c{i}" for i in range(width)]
        if self.stream is not None:
            scan = pl.scan_csv(
                self.stream.path,
                has_header=False,
                separator=self.stream.separator,
                quote_char='"',
                skip_rows=header_row + 1,
                schema=dict.fromkeys(names, pl.String),
                truncate_ragged_lines=True,
                extra_columns="ignore",  # the first row's too, as every later row's
                encoding="utf8",
                raise_if_empty=False,
                missing_columns="insert",
            )
            return scan.with_row_index("row", offset=header_row + 2).with_columns(pl.col("row").cast(pl.Int64))
        if self.frame is not None:  # its rows are grid rows 1.. (row 0 is the header)
            have = self.frame.columns[:width]
            frame = self.frame.slice(header_row).select(
                *(pl.col(c).alias(n) for c, n in zip(have, names, strict=False)),
                *(pl.lit("", pl.String).alias(n) for n in names[len(have) :]),
            )
            return frame.lazy().with_row_index("row", offset=header_row + 2).with_columns(pl.col("row").cast(pl.Int64))
        rows = [(row + [""] * width)[:width] for row in self.grid[header_row + 1 :]]
        frame = pl.DataFrame(rows, schema=dict.fromkeys(names, pl.String), orient="row")
        return frame.lazy().with_row_index("row", offset=header_row + 2).with_columns(pl.col("row").cast(pl.Int64))


def read_bytes(path: str) -> tuple[str, bytes]:
    """The display name and bytes of a path, or of stdin for ``-``; more than ``DTIKIT_MAX_BYTES`` is refused
    (a pipe or a device such as /dev/zero is read only that far)."""
    bound = environment.max_bytes()
    if path == "-":
        return "<stdin>", _read_bounded("<stdin>", sys.stdin.buffer, bound)
    file = Path(path)
    if file.is_dir():
        raise DataError(say("ingest.is_folder", file=path))
    try:
        if file.is_file():
            if file.stat().st_size > bound:
                raise DataError(say("files.too_large", file=path, size=file.stat().st_size, bound=bound))
            return path, file.read_bytes()
        with open(file, "rb") as handle:
            return path, _read_bounded(path, handle, bound)
    except FileNotFoundError:
        raise DataError(say("ingest.no_such_file", file=path)) from None
    except PermissionError:
        raise DataError(say("ingest.permission_denied", file=path)) from None


def _read_bounded(name: str, handle: IO[bytes], bound: int) -> bytes:
    """Everything ``handle`` gives, refused past ``bound`` bytes."""
    data = bytearray()
    while chunk := handle.read(1 << 20):
        data += chunk
        if len(data) > bound:
            raise DataError(say("files.stream_too_large", file=name, bound=bound))
    return bytes(data)


def _kind(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if data.startswith(WORKBOOK_MAGIC):
        from dtikit.ingest.workbook import workbook_kind

        return workbook_kind(data)
    if data.startswith(b"PAR1"):
        return "parquet"
    if suffix in _EXCEL:
        raise DataError(say("ingest.not_zip", file=name, suffix=suffix))
    if suffix == ".xls":
        raise DataError(say("ingest.not_xls", file=name))
    if suffix in _PARQUET:
        raise DataError(say("ingest.not_parquet", file=name))
    return "text"


def _streamable(path: str) -> bool:
    if path == "-":
        return False
    file = Path(path)
    threshold = environment.stream_bytes(STREAM_BYTES)
    return file.is_file() and file.suffix.lower() not in _EXCEL | _PARQUET and file.stat().st_size >= threshold


def _whole_lines(data: bytes, line_end: bytes = b"\n") -> bytes:
    return data[: data.rfind(line_end) + len(line_end)] if line_end in data else data


def _to_utf8(path: str, encoding: str, how: str | None, target: Path) -> None:
    """Write ``path`` decoded from ``encoding`` as UTF-8 in NFC, a few megabytes at a time (``how``: why
    this encoding, None when given)."""
    errors = "replace" if encoding == "cp1258" and how is not None else "strict"  # as a whole file is decoded
    decoder = codecs.getincrementaldecoder(encoding)(errors=errors)
    offset, pending = 0, ""
    with open(path, "rb") as source, open(target, "w", encoding="utf-8", newline="") as out:
        try:
            for chunk in itertools.chain(iter(lambda: source.read(1 << 22), b""), [None]):
                text = pending + (decoder.decode(chunk) if chunk is not None else decoder.decode(b"", final=True))
                if offset == 0:
                    text = text.removeprefix("\ufeff")
                offset += len(chunk or b"")
                cut = len(text) if chunk is None else text.rfind("\n") + 1  # NFC never joins across lines
                out.write(unicodedata.normalize("NFC", text[:cut]))
                pending = text[cut:]
        except UnicodeDecodeError as exc:
            key = "ingest.stream_not_valid_given" if how is None else "ingest.stream_not_valid"
            byte = max(offset - 1, 0) if chunk is None else offset + exc.start
            raise DataError(say(key, file=path, encoding=encoding, how=how, byte=byte)) from None


def _stream_table(path: str, encoding: str | None, workdir: Path | None) -> RawTable | None:
    """A large text file's head, digest and a UTF-8 file to scan; None to read it whole instead."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head.strip() or head.startswith((b"PK\x03\x04", b"PAR1", b"\xd0\xcf\x11\xe0")):
        return None  # read whole: empty files and workbooks get their own messages
    if encoding:
        chosen, how = check_encoding(encoding, path), None
    else:
        chosen, how = detect(_whole_lines(head), path)
    scanned = path
    if chosen not in ("utf-8", "utf-8-sig"):
        if workdir is None:
            return None
        scanned = str(Path(tempfile.mkdtemp(prefix="utf8-", dir=workdir)) / "text.csv")
        _to_utf8(path, chosen, how, Path(scanned))
        with open(scanned, "rb") as handle:
            head = handle.read(HEAD_BYTES)
    text = _whole_lines(head.removeprefix(codecs.BOM_UTF8)).decode("utf-8", errors="replace")
    separator = sniff_separator(text)
    try:
        with long_fields():
            rows = list(csv.reader(io.StringIO(unicodedata.normalize("NFC", text), newline=""), delimiter=separator))
    except csv.Error:
        return None  # read whole: the general reader names the row
    key = "ingest.note.streamed" if scanned == path else "ingest.note.streamed_converted"
    note = say(key, file=path, encoding=chosen, how=how or say("ingest.how.given"), separated=separated(separator))
    return RawTable(path, _Digest(path), "text", rows, [note], Stream(scanned, separator))


def read_tables(
    path: str, *, encoding: str | None = None, sheets: list[str] = (), workdir: Path | None = None
) -> list[RawTable]:
    """A file's tables (one per chosen sheet of a workbook); a large text file is scanned from disk
    (from a UTF-8 copy in ``workdir`` if need be)."""
    if _streamable(path):
        table = _stream_table(path, encoding, workdir)
        if table is not None:
            _refuse_sheets(path, sheets)
            return [table]
    name, data = read_bytes(path)
    if not data.strip():
        raise DataError(say("ingest.empty_file", file=name))
    digest = hashlib.sha256(data).hexdigest()
    kind = _kind(name, data)
    if kind in ("xlsx", "xls", "ods"):
        from dtikit.ingest.workbook import read_sheets

        return [
            RawTable(f"{name} [{s.name}]", digest, kind, s.grid, s.notes, sheet=s.name, year=s.year)
            for s in read_sheets(name, data, kind, list(sheets))
        ]
    _refuse_sheets(name, sheets)
    if kind == "parquet":
        frame = _parquet_frame(name, data)
        head = [list(frame.columns), *map(list, frame.head(HEAD_ROWS).iter_rows())]
        return [RawTable(name, digest, kind, head, [], frame=frame)]
    grid, notes, guessed = _text_grid(name, data, encoding)
    return [RawTable(name, digest, kind, grid, notes, guessed=guessed)]


def _refuse_sheets(name: str, sheets: list[str]) -> None:
    if sheets:
        raise UsageError(say("ingest.sheet_of_text", sheet=sheets[0], file=name))


def _text_grid(
    name: str, data: bytes, encoding: str | None, separator: str | None = None
) -> tuple[list[list[str]], list[str], str | None]:
    decoded = decode(data, name, encoding)
    separator = separator or sniff_separator(decoded.text)
    rows: list[list[str]] = []
    bound, width = environment.max_cells(), 0
    try:
        with long_fields():
            for row in csv.reader(io.StringIO(decoded.text, newline=""), delimiter=separator, strict=True):
                rows.append(row)
                width = max(width, len(row))
                if len(rows) * width > bound:  # refused as soon as it is known, not once all is held
                    check_cells(name, len(rows), width, "text")
    except csv.Error as exc:
        where = {"file": name, "row": len(rows) + 1}
        if "end of data" in str(exc):
            raise DataError(say("ingest.csv.unclosed", **where)) from None
        if "field limit" in str(exc):
            raise DataError(say("ingest.csv.too_long", **where, limit=FIELD_LIMIT)) from None
        raise DataError(say("ingest.csv.unreadable", **where, separated=separated(separator), reason=exc)) from None
    note = say(
        "ingest.note.read_as", file=name, encoding=decoded.encoding, how=decoded.how, separated=separated(separator)
    )
    guessed = f"{decoded.encoding} ({decoded.how})" if decoded.guessed else None
    return rows, [note], guessed


def _parquet_frame(name: str, data: bytes) -> pl.DataFrame:
    """A Parquet file's cells as text columns (typed numbers behind ``CANONICAL_PREFIX``), after its size is checked
    against ``DTIKIT_MAX_CELLS`` from its metadata (a 315 KB file can hold 20 million rows)."""
    from dtikit.ingest.workbook import quiet_stderr

    try:
        with quiet_stderr():  # a damaged file can make Polars panic: Rust prints its own report there
            columns = len(pl.read_parquet_schema(io.BytesIO(data)))
            rows = pl.scan_parquet(io.BytesIO(data)).select(pl.len()).collect().item()
            check_cells(name, rows, columns, "parquet")
            frame = pl.read_parquet(io.BytesIO(data))
    except BaseException as exc:  # a panic is a BaseException (PanicException), not an Exception
        if isinstance(exc, DataError) or (not isinstance(exc, Exception) and type(exc).__name__ != "PanicException"):
            raise
        reason = say("ingest.damaged") if type(exc).__name__ == "PanicException" else type(exc).__name__
        raise DataError(say("ingest.parquet_unreadable", file=name, reason=reason)) from None
    return frame.select(
        (pl.lit(CANONICAL_PREFIX) + pl.col(c).cast(pl.String)).alias(c)
        if frame.schema[c].is_numeric()
        else pl.col(c).cast(pl.String).str.replace_all(CANONICAL_PREFIX, "\ufffd", literal=True)
        for c in frame.columns
    ).fill_null("")


def check_cells(name: str, rows: int, columns: int, kind: str) -> None:
    """Refuse a table of more than ``DTIKIT_MAX_CELLS`` cells (``kind``: "parquet" or "text", for the hint)."""
    bound = environment.max_cells()
    if rows * columns > bound:
        hint = say(f"files.hint.{kind}")
        raise DataError(say("files.table_too_large", file=name, rows=rows, columns=columns, bound=bound, hint=hint))
