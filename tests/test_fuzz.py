"""Generated corruptions of valid files through every reader and both ingest routes, in-process.

Each example corrupts a valid file (CSV/TSV in each encoding, .xlsx, Parquet; from a path or
stdin), then ingests it into one store by the general checks or the one-pass route. Asserted:
no traceback, no "internal error", exit code 0, 1 or 2, and after a refusal the store
byte-identical. CI runs a small derandomised sample; ``make fuzz`` runs ``FUZZ_EXAMPLES``
(10,000 by default) with fresh randomness.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from dtikit.cli import main
from tests.test_ingest_robustness import SEEDS, mutate, mutation
from tests.test_ingest_streamed import _cp1258_form

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
CAMPAIGN = "FUZZ_EXAMPLES" in os.environ

hostile = st.tuples(
    st.just("insert"),
    st.integers(0, 10_000),
    st.sampled_from(
        [b"NaN", b"inf", b"-inf", b"1e308", b"-0", b"x" * 70_000, b",,", b",T\xe1\xbb\x89nh", b";;", b"\t\t", b"\xe9"]
    ),
)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("fuzz") / "store"
    assert main(["ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(store)]) == 0
    return store


def snapshot(root: Path) -> dict[str, str]:
    """CURRENT, the names at the store's top, and every file of the current version with its sha256."""
    current = (root / "CURRENT").read_text()
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / current.strip()).iterdir()}
    return {"CURRENT": current, "top": ",".join(sorted(p.name for p in root.iterdir() if p.name != ".lock")), **files}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not CAMPAIGN,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(st.one_of(mutation, hostile), min_size=1, max_size=6),
    streamed=st.booleans(),
    stdin=st.booleans(),
)
def test_a_corrupted_file_is_refused_cleanly_or_ingested(root, tmp_path_factory, capsys, seed, edits, streamed, stdin):
    from dtikit.ingest import read

    data = mutate((FIXTURES / seed).read_bytes(), edits)
    path = tmp_path_factory.mktemp("in") / f"corrupt{Path(seed).suffix}"
    path.write_bytes(data)
    before = snapshot(root)
    saved = read.STREAM_BYTES, sys.stdin
    read.STREAM_BYTES = 0 if streamed else saved[0]
    if stdin:
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        code = main(["ingest", "-" if stdin else str(path), "--data", str(root)])
    finally:
        read.STREAM_BYTES, sys.stdin = saved
    err = capsys.readouterr().err
    assert code in (0, 1, 2), err
    assert "internal error" not in err and "Traceback" not in err, err
    if code != 0:
        assert snapshot(root) == before, err


# Long tables for the two ingest routes. Names as people write them, indicators of the catalog (scores,
# ranks) and new ones; cells a spreadsheet exports when something is wrong; rows placed anywhere, so
# that a name or a bad cell comes before or after the first rows the one-pass route decides from.
SPELLINGS = ["Hà Nội", "TP. Hồ Chí Minh", "Dak Lak", "Thừa Thiên - Huế", "Kontum", "Gia Lai", "Cần Thơ", "Đà Nẵng"]
ODD_PROVINCES = ["Hà Nộii", "Cả nước", "Trung bình", ""]
INDICATORS = {  # as written: how its values look
    "chi_so_a": "number",
    "Chỉ số mới (%)": "number",
    "Tỷ lệ hồ sơ trực tuyến": "number",
    "dti": "score",
    "Chỉ số DTI": "score",
    "dti_gov": "score",
    "dti_rank": "rank",
    "Xếp hạng Kinh tế số": "rank",
}
BAD_CELLS = [
    "#N/A",
    "#DIV/0!",
    "n/a?",
    "NaN",
    "nan",
    "inf",
    "1e999",
    "--",
    "12abc",
    "-",
    " ",
    "45/63",
    "1.753",
    "5 5",
    "--5",
    "=123.4",
    "−3",
    "64",
    "0",
    "1,5%",
    "2.587.362",
    "0,5",
    "0.5",
]


@st.composite
def long_files(draw) -> tuple[bytes, dict]:
    """A long table (province, year, indicator, value) as bytes, its count of data rows, where the
    one-pass route's first rows end (``head``), its threshold, and the options of both ingests."""
    comma = draw(st.booleans())
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(sorted(INDICATORS)), st.sampled_from(SPELLINGS), st.integers(2010, 2019)),
            min_size=1,
            max_size=80,
            unique=True,
        )
    )
    keys.sort(key=lambda k: sorted(INDICATORS).index(k[0]) * draw(st.sampled_from([0, 1])))  # grouped or not
    rows = [[p, str(y), i, _good_value(draw, INDICATORS[i], comma)] for i, p, y in keys]
    plain = list(rows)
    for _ in range(draw(st.integers(0, 3))):  # a bad cell, an odd name, a held key or a blank row, anywhere
        at = draw(st.integers(0, len(rows)))
        odd = _odd_row(draw, plain[min(at, len(plain) - 1)])
        if not any(odd) and at == 0:  # a blank row below the header is of the header (``layout``)
            continue
        rows[at:at] = [odd]
        if draw(st.booleans()) and at + 1 < len(rows):  # instead of the row after it
            del rows[at + 1]
    separator = ";" if comma else ","
    if comma:
        rows = [[c.replace(".", ",") if n == 3 and c in ("0.54", "0.5") else c for n, c in enumerate(r)] for r in rows]
    text = "\n".join(separator.join(r) for r in [["Tỉnh/Thành phố", "Năm", "Chỉ tiêu", "Giá trị"], *rows]) + "\n"
    encoding = "cp1258" if comma and draw(st.booleans()) else "utf-8"
    if encoding == "cp1258":  # which has no minus sign
        text = "".join(_cp1258_form(char) for char in text.replace("−", "-"))
    data = text.encode(encoding)
    # the one-pass route's first rows end anywhere: before any row, within the file, or after its end
    head = draw(st.one_of(st.just(60), st.integers(60, max(60, len(data))), st.just(1 << 20)))
    options = draw(st.sampled_from([[], [], [], [], ["--unit", "score 0-1"], ["--unit", "%"], ["--decimal-comma"]]))
    threshold = draw(st.sampled_from([0, len(data)]))
    return data, {"rows": len(rows), "head": head, "threshold": threshold, "options": options}


def _odd_row(draw, like: list[str]) -> list[str]:
    row = list(like)
    kind = draw(st.sampled_from(["value", "province", "year", "held", "blank", "beyond"]))
    if kind == "value":
        row[3] = draw(st.sampled_from(BAD_CELLS))
    elif kind == "province":
        row[0] = draw(st.sampled_from(ODD_PROVINCES))
    elif kind == "year":
        row[1] = draw(st.sampled_from(["", "2019.0", "năm 2020", "1999", "2100"]))
    elif kind == "held":  # the bundled store holds Kon Tum 2022 dti 0.54 and rank 45
        row = ["Kon Tum", "2022", draw(st.sampled_from(["dti", "dti_rank"])), draw(st.sampled_from(["0.54", "45"]))]
    elif kind == "beyond":  # a cell beyond the header: refused, unless empty (a trailing separator)
        row.append(draw(st.sampled_from(["5%", "", " ", "x"])))
    else:
        row = ["", "", "", ""]
    return row


def _case(*rows: str, head: int | None = None) -> tuple[bytes, dict]:
    """A case of ``long_files`` as written (cases once mishandled, and those the property test found): UTF-8, the
    one-pass route's first rows ending after the second row unless ``head`` says where."""
    lines = ["Tỉnh/Thành phố,Năm,Chỉ tiêu,Giá trị", *rows]
    data = ("\n".join(lines) + "\n").encode()
    head = head or len("\n".join(lines[:3]).encode()) + 1
    return data, {"rows": len(rows), "head": head, "threshold": 0, "options": []}


def _good_value(draw, kind: str, comma: bool) -> str:
    if kind == "rank":
        return str(draw(st.integers(1, 63)))
    whole, fraction = draw(st.integers(0, 0 if kind == "score" else 99_999)), draw(st.integers(0, 9999))
    return f"{whole}{',' if comma else '.'}{fraction:04d}"


def _ingest(file: Path, store: Path, capsys, options: list[str]) -> dict:
    """Exit code, errors and the note on rows not written, the rows the file gave the store and, after a
    success, the store's tables (without the time of the ingest), and whether a part was written."""
    from dtikit.storage import Store

    code = main(["ingest", str(file), "--data", str(store), *options])
    err = capsys.readouterr().err.splitlines()
    found = {
        "code": code,
        "errors": [line for line in err if "error:" in line],
        "rows_note": [line.split(": ", 3)[-1] for line in err if "data rows give values" in line],
    }
    if code == 0:
        held = Store(store)
        found["written"] = held.observations().filter(pl.col("raw_file") == str(file)).height
        found["part"] = bool(held.parts())
        for name in ("observations", "values", "indicators"):
            table = held.table(name).drop("ingested_at", strict=False)
            found[name] = table.sort(table.columns, nulls_last=True)
    return found


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES if CAMPAIGN else 30,
    deadline=None,
    derandomize=not CAMPAIGN,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(case=long_files())
@example(case=_case("Thừa Thiên - Huế,2021,Chỉ số DTI,0.0000", "Dak Lak,2015,dti_rank,1", head=60))
@example(case=_case("Hà Nội,2010,chi_so_a,1.5", "Gia Lai,2011,chi_so_a,2.5", "Kon Tum,2012,Chỉ số mới (%),12abc"))
@example(case=_case("Hà Nội,2010,chi_so_a,#N/A", "Hà Nội,2010,chi_so_a,0.5", "Gia Lai,2011,chi_so_a,2.5"))
@example(case=_case("Hà Nội,2010,Chỉ số DTI,0,5", "Hà Nội,2010,Chỉ số DTI,0.0000", head=60))  # a row too long
def test_the_two_routes_give_the_same_store_or_the_same_refusal(tmp_path_factory, capsys, case):
    """Whatever a long table holds and wherever, the one-pass route (forced by a small
    ``DTIKIT_STREAM_BYTES``, its first rows ending anywhere) stores what the general checks store, or
    refuses it with the same errors; rows that give no value are counted in one note, alike."""
    from dtikit.ingest import read, streamed

    data, route = case
    work = tmp_path_factory.mktemp("routes")
    file = work / "long.csv"
    file.write_bytes(data)
    outcomes = []
    for threshold in (len(data) + 1, route["threshold"]):  # the general checks, then the one-pass route
        saved = read.STREAM_BYTES, streamed.HEAD_BYTES
        read.STREAM_BYTES, streamed.HEAD_BYTES = threshold, route["head"]
        try:
            outcomes.append(_ingest(file, work / f"store-{threshold}", capsys, route["options"]))
        finally:
            read.STREAM_BYTES, streamed.HEAD_BYTES = saved
    general, one_pass = outcomes
    event("refused" if general["code"] else "one pass" if one_pass.get("part") else "stored by the general checks")
    assert (one_pass["code"], one_pass["errors"]) == (general["code"], general["errors"])
    if general["code"] == 0:
        for name in ("observations", "values", "indicators"):
            assert one_pass[name].equals(general[name]), name
        assert one_pass["rows_note"] == general["rows_note"]
        # every row the file does not give the store is said, once
        assert len(general["rows_note"]) == (general["written"] < route["rows"])
        if general["written"] < route["rows"]:
            assert general["rows_note"][0].startswith(f"{general['written']} of {route['rows']} data rows")
