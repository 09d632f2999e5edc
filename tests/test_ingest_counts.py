"""What an ingest says it did is what it did: conflicts at the precision written, counts of keys."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dtikit.storage import Store

HEADER = "Tỉnh;Năm;Chỉ tiêu;Giá trị"


def _file(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("held", "given"),
    [("60,81", "61,00"), ("60,81", "60,9"), ("0,54", "0,55"), ("1.753", "1.754"), ("60,81%", "61,00%")],
)
def test_another_value_for_a_held_key_is_a_conflict(cli, tmp_path, held, given):
    """60,81 then 61,00 once said "every value is already held ... already held 2", exit 0, and 61
    became the chosen value: a text with a decimal comma was read as having no decimals, so the two
    were taken to agree at the precision of a whole number."""
    root = tmp_path / "store"
    first = _file(tmp_path / "a.csv", f"Kon Tum;2024;ty_le_dvc;{held}", "Gia Lai;2024;ty_le_dvc;55,2")
    assert cli("ingest", str(first), "--data", str(root)).code == 0
    before = Store(root).values().filter(pl.col("indicator") == "ty_le_dvc").sort("province")
    second = _file(tmp_path / "b.csv", f"Kon Tum;2024;ty_le_dvc;{given}", "Gia Lai;2024;ty_le_dvc;55,2")
    refused = cli("ingest", str(second), "--data", str(root))
    assert refused.code == 1, refused.err
    assert "1 value(s) differ from values already held" in refused.err, refused.err
    assert "already held" not in refused.err.replace("values already held", "")
    after = Store(root).values().filter(pl.col("indicator") == "ty_le_dvc").sort("province")
    assert after.equals(before)
    replaced = cli("ingest", str(second), "--data", str(root), "--replace")
    assert replaced.code == 0 and "added 0, replaced 1, already held 1" in replaced.err, replaced.err


PROVINCES = ["Hà Nội", "Kon Tum", "Gia Lai", "Đắk Lắk", "Cần Thơ", "Đà Nẵng"]


def _text(hundredths: int, places: int) -> str:
    """A value given in hundredths, written with ``places`` decimals and a decimal comma."""
    if places == 1:
        return f"{(hundredths + 5) // 10 // 10},{(hundredths + 5) // 10 % 10}"
    return f"{hundredths // 100},{hundredths % 100:02d}" + ("12" if places == 4 else "")


@pytest.mark.slow
@settings(max_examples=20, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    held=st.lists(st.integers(100, 9999).filter(lambda h: h % 10 not in (0, 5)), min_size=1, max_size=6),
    kinds=st.lists(st.sampled_from(["absent", "same", "shorter", "longer", "other"]), min_size=6, max_size=6),
    new=st.integers(0, 3),
    second_file=st.booleans(),
    replace=st.booleans(),
)
def test_the_summary_counts_what_the_store_gained_lost_and_kept(
    tmp_path_factory, held, kinds, new, second_file, replace
):
    """Added, replaced and already held, as the summary says them, against the store's values before and
    after: keys new to the store, keys whose value was replaced, keys given again with a value agreeing
    with the one held (the same, or fewer or more decimals: then the value held is now the new one, said
    in a note of its own); a key two files give is counted once."""
    from dtikit.cli import main

    work = tmp_path_factory.mktemp("counts")
    root = work / "store"
    first = [f"{PROVINCES[n]};2024;chi_so_t;{_text(h, 2)}" for n, h in enumerate(held)]
    assert main(["ingest", str(_file(work / "first.csv", *first)), "--data", str(root)]) == 0
    before = _values(root)
    rows, expected = [], {"add": new, "same": 0, "rewritten": 0, "conflict": 0}
    for n, h in enumerate(held):
        kind = kinds[n]
        if kind == "absent":
            continue
        given = {"same": _text(h, 2), "shorter": _text(h, 1), "longer": _text(h, 4), "other": _text(h + 100, 2)}[kind]
        rows.append(f"{PROVINCES[n]};2024;chi_so_t;{given}")
        if kind == "other":
            expected["conflict"] += 1
        else:
            expected["same"] += 1
            expected["rewritten"] += kind != "same"
    rows += [f"{PROVINCES[n]};2025;chi_so_t;{n + 1},5" for n in range(new)]
    if not rows:
        return
    files = [str(_file(work / "second.csv", *rows, header="Tỉnh/Thành phố;Năm;Chỉ tiêu;Giá trị"))]
    if second_file:  # the new keys again, in another file of the same command
        files.append(str(_file(work / "third.csv", *rows[len(rows) - new :], "Kon Tum;2023;chi_so_t;7")))
        expected["add"] += 1
    result = _run(main, [*files, "--data", str(root), *(["--replace"] if replace else [])])
    after = _values(root)
    if expected["conflict"] and not replace:
        assert result.code == 1
        assert f"{expected['conflict']} value(s) differ from values already held" in result.err
        assert after.equals(before)
        return
    assert result.code == 0, result.err
    summary = f"added {expected['add']}, replaced {expected['conflict']}, already held {expected['same']}"
    assert summary in result.err, result.err
    assert (f"{expected['rewritten']} of the values already held are now as given here" in result.err) == bool(
        expected["rewritten"]
    ), result.err
    # against the store: keys gained, values changed beyond the precision of the less precise, kept
    assert after.height - before.height == expected["add"]
    both = before.join(after, on=["province", "year"], suffix="_after")
    changed = both.filter(pl.col("value") != pl.col("value_after"))
    assert changed.height == expected["conflict"] + expected["rewritten"]
    moved = both.filter((pl.col("value") - pl.col("value_after")).abs() > 0.5)
    assert moved.height == expected["conflict"]


def _values(root: Path) -> pl.DataFrame:
    values = Store(root).values().filter(pl.col("indicator") == "chi_so_t")
    return values.select("province", "year", "value", "value_text").sort("province", "year")


def _run(main, args: list[str], command: str | None = "ingest"):
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main([command, *args] if command else args)
    return type("Result", (), {"code": code, "err": err.getvalue()})


@pytest.mark.slow
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    held=st.lists(st.integers(100, 9999).filter(lambda h: h % 10 not in (0, 5)), min_size=1, max_size=4),
    kinds=st.lists(st.sampled_from(["absent", "same", "shorter", "other"]), min_size=4, max_size=4),
    targets=st.sampled_from(["none", "same", "other"]),
)
def test_validate_answers_as_ingest_would(tmp_path_factory, held, kinds, targets):
    """``validate --data S`` once exited 0 on files that ``ingest --data S`` then refused for
    conflicts with held values; it now compares with the store it is given, writing nothing."""
    from dtikit.cli import main

    work = tmp_path_factory.mktemp("validate")
    root = work / "store"
    first = [f"{PROVINCES[n]};2024;chi_so_t;{_text(h, 2)}" for n, h in enumerate(held)]
    target = "Tỉnh;Chỉ tiêu;So sánh;Mục tiêu;Hạn\nKon Tum;chi_so_t;>=;{};2030\n"
    (work / "targets.csv").write_text(target.format("70"), encoding="utf-8")
    assert main(["ingest", str(_file(work / "first.csv", *first)), str(work / "targets.csv"), "--data", str(root)]) == 0
    texts = {"same": lambda h: _text(h, 2), "shorter": lambda h: _text(h, 1), "other": lambda h: _text(h + 100, 2)}
    rows = [
        f"{PROVINCES[n]};2024;chi_so_t;{texts[k](h)}"
        for n, (h, k) in enumerate(zip(held, kinds, strict=False))
        if k != "absent"
    ]
    files = [
        str(
            _file(work / "second.csv", *rows, "Kon Tum;2025;chi_so_t;1,5", header="Tỉnh/Thành phố;Năm;Chỉ tiêu;Giá trị")
        )
    ]
    if targets != "none":
        (work / "targets2.csv").write_text(target.format("70" if targets == "same" else "80") + "\n", encoding="utf-8")
        files.append(str(work / "targets2.csv"))
    before = sorted(p.name for p in root.iterdir())
    checked = _run(main, ["validate", *files, "--data", str(root)], command=None)
    assert sorted(p.name for p in root.iterdir()) == before  # nothing written
    ingested = _run(main, [*files, "--data", str(root)])
    assert checked.code == ingested.code, (checked.err, ingested.err)
    assert ingested.code == (1 if "other" in kinds[: len(held)] or targets == "other" else 0), ingested.err
