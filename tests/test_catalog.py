"""The catalog: the headline index marked in its data, and an indicator resolved once, at the edge."""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import polars as pl
import pytest

from dtikit.catalog import Catalog
from dtikit.errors import UsageError
from dtikit.storage import Store
from tests.stores import made_store, user_values

# the DTI's ids and short words: data of the catalog, never names in code
NAMED = re.compile(r"^(dti|overall|gov|econ|society|dti_\w+|(gov|econ|society)_(rank|score))$")
# string constants that are such a word and still no indicator
NOT_AN_INDICATOR = {
    ("charts.py", "overall"): "the SVG id of a chart's main line ('line-overall') and the picture word 'Overall'",
}


def _docstrings(tree: ast.AST) -> set[int]:
    bodies = [n.body for n in ast.walk(tree) if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef)]
    return {id(b[0].value) for b in bodies if b and isinstance(b[0], ast.Expr) and isinstance(b[0].value, ast.Constant)}


def test_no_module_names_the_dti_its_pillars_or_their_ids():
    """'dti', 'overall', 'gov', 'dti_rank', ... as string constants appear only in build.py (which builds
    the bundled DTI data) and the catalog data: code reads the headline index and its parts from the catalog."""
    import dtikit

    root = Path(dtikit.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        name = path.relative_to(root).as_posix()
        if name == "build.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) and id(node) not in docs else None
            if isinstance(text, str) and NAMED.match(text.strip()):
                found.add((name, text.strip()))
    assert found <= set(NOT_AN_INDICATOR), sorted(found - set(NOT_AN_INDICATOR))


def test_the_walk_finds_a_named_indicator(tmp_path):
    """The walk above can fail: a module comparing with 'overall' is found."""
    tree = ast.parse('def f(indicator):\n    """overall"""\n    return indicator in ("overall",)\n')
    docs = _docstrings(tree)
    named = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in docs]
    assert [v for v in named if isinstance(v, str) and NAMED.match(v)] == ["overall"]


def test_the_headline_index_and_its_parts_are_in_the_catalog_data(store):
    catalog = Catalog.of(store)
    headline = catalog.headline()
    assert headline.id == "dti" and headline.role == "headline"
    assert headline.name_vi == "Chỉ số chuyển đổi số cấp tỉnh (DTI)"
    assert [p.id for p in catalog.parts(headline)] == ["dti_gov", "dti_econ", "dti_society"]
    assert [i.id for i in catalog if i.role == "headline"] == ["dti"]  # one headline
    for name in ("overall", "dti", "Chỉ số DTI cấp tỉnh", "Chỉ số chuyển đổi số cấp tỉnh", "chi so dti"):
        assert catalog.measure(name) == headline, name  # the old spellings resolve too


def test_the_role_column_is_carried_from_the_raw_catalog():
    raw = Path(__file__).parents[1] / "data" / "raw" / "indicators.csv"
    rows = list(csv.DictReader(io.StringIO(raw.read_text(encoding="utf-8"))))
    built = Store().indicators()
    roles = dict(zip(built["indicator"], built["role"], strict=True))
    assert {r["indicator"]: r["role"] or None for r in rows} == {r["indicator"]: roles[r["indicator"]] for r in rows}


def test_short_words_of_the_dti_are_aliases_not_a_stripped_prefix(store):
    catalog = Catalog.of(store)
    assert catalog.resolve("awareness").id == "dti_awareness"  # an alias in the data
    table = store.indicators().with_columns(aliases=pl.lit(None, pl.String))
    assert Catalog(table).lookup("awareness") is None  # no rule of code takes 'dti_' off an id


def test_a_catalog_without_roles_reads_the_bundled_headline(store):
    table = store.indicators()
    assert Catalog(table.drop("role")).headline().id == "dti"  # a store made before catalogs held roles
    for without in (table.drop("role").filter(pl.col("indicator") != "dti"), table.with_columns(role=pl.lit(None))):
        with pytest.raises(UsageError, match="no headline index"):
            Catalog(without).headline()


def test_without_a_headline_a_command_asks_for_an_indicator_in_either_language(tmp_path, cli):
    store = made_store(tmp_path / "store", indicators=Store().indicators().with_columns(role=pl.lit(None, pl.String)))
    en = cli("rank", "-y", "2022", "--data", str(store.path))
    vi = cli("rank", "-y", "2022", "--data", str(store.path), "--lang", "vi")
    assert en.code == vi.code == 2
    assert (
        en.err.startswith("dtikit: usage error: this store's catalog names no headline index")
        and "--indicator" in en.err
    )
    assert "chỉ số chính" in vi.err and "headline index" not in vi.err
    assert cli("rank", "-y", "2022", "-i", "dti", "--data", str(store.path), "-f", "csv").code == 0


# the parts of a PCI-like index, the store's own headline: id -> (short word, Vietnamese and English names)
PARTS = {
    "pci_entry": ("entry", "Gia nhập thị trường", "Entry costs"),
    "pci_time": ("time", "Chi phí thời gian", "Time"),
}


@pytest.fixture
def pci(tmp_path) -> Store:
    provinces = Store().provinces().filter(pl.col("geography") == 63).sort("code")["province"].to_list()
    rows = [
        (p, year, ident, round(50 + (i * 7 + k * 3 + year) % 40 + 0.25 * k, 2))
        for i, p in enumerate(provinces)
        for year in (2022, 2023)
        for k, ident in enumerate(["pci", *PARTS])
    ]
    values = user_values(rows, unit="score 0-100", source="pci test")
    index = {"indicator": "pci", "name_vi": "Chỉ số năng lực cạnh tranh cấp tỉnh", "name_en": "PCI"}
    made = [{**index, "unit": "score 0-100", "higher_is_better": True, "kind": "score", "role": "headline"}]
    made += [
        {"indicator": i, "name_vi": vi, "name_en": en, "pillar": word, "part_of": "pci", "unit": "score 0-100"}
        | {"higher_is_better": True, "kind": "score"}
        for i, (word, vi, en) in PARTS.items()
    ]
    bundled = Store().indicators().with_columns(role=pl.lit(None, pl.String))  # the DTI is no headline here
    indicators = pl.concat([bundled, pl.DataFrame(made)], how="diagonal_relaxed")
    return made_store(tmp_path / "store", values=values, indicators=indicators)


def test_a_store_with_another_headline_ranks_and_profiles_it(pci, cli):
    data = ["--data", str(pci.path)]
    ranked = cli("rank", "-y", "2023", *data, "-f", "csv")
    assert ranked.code == 0, ranked.err
    assert ranked.out == cli("rank", "-y", "2023", "-i", "pci", *data, "-f", "csv").out
    assert ranked.out != cli("rank", "-y", "2023", "-i", "dti", *data, "-f", "csv").out
    profile = cli("profile", "-p", "Kon Tum", *data, "-f", "csv")
    assert profile.code == 0, profile.err
    header = profile.out.splitlines()[0].split(",")
    assert [c for c in header if c.endswith(("_rank", "_score"))] == [
        "entry_rank",
        "entry_score",
        "time_rank",
        "time_score",
        "region_rank",
    ]
    gap = cli("gap", "-p", "Kon Tum", "-t", "5", *data, "-f", "csv")
    assert gap.code == 0, gap.err
    assert [r["measure"] for r in csv.DictReader(io.StringIO(gap.out))] == ["pci", "entry", "time"]
    shown = cli("profile", "-p", "Kon Tum", *data, "-f", "table").out
    assert "Kon Tum → Quảng Ngãi (2025): PCI by year" in shown and "DTI" not in shown  # the index it shows


def test_a_store_with_another_headline_reports_its_parts(pci):
    from dtikit.report import province_report

    page = province_report(pci, "Kon Tum", lang="vi")
    assert "Gia nhập thị trường" in page and "Chi phí thời gian" in page
    assert "Trụ cột Chính quyền số" not in page
    # its title names it, not the DTI (a name without an abbreviation in parentheses: the whole name)
    assert "— DTI" not in page and "Kon Tum — Chỉ số năng lực cạnh tranh cấp tỉnh 2023</h1>" in page
    # its headings, and its sources: not the DTI's release, which none of its figures come from
    assert "Tóm tắt Chỉ số năng lực cạnh tranh cấp tỉnh 2023" in page and "Tóm tắt DTI" not in page
    assert "Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2023" not in page  # the DTI's release is not cited


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_the_bundled_reports_name_the_dti_by_its_abbreviation_and_cite_its_release(lang):
    """'DTI' from the name's parentheses in either language (never the '(overall)' of its English name)."""
    from dtikit.report import national_report, province_report

    province = province_report(Store(), "Kon Tum", year=2022, lang=lang)
    national = national_report(Store(), 2022, lang=lang)
    assert "Kon Tum — DTI 2022</h1>" in province and "DTI 2022</h1>" in national
    assert "overall 2022" not in province + national
    release = "Provincial Digital Transformation Index (DTI) 2022" if lang == "en" else "(DTI) năm 2022, công bố"
    assert release in province and release in national


GAP = ["gap", "-p", "Kon Tum", "-t", "35", "-y", "2022", "-f", "csv"]
NO_TARGET = ["gap", "-p", "Kon Tum", "-f", "csv"]


@pytest.mark.parametrize("name", ["dti", "Chỉ số chuyển đổi số cấp tỉnh", "Chỉ số DTI cấp tỉnh", "DTI"])
def test_every_name_of_the_headline_gives_the_same_gap(cli, name):
    assert cli(*GAP, "-i", name).out.encode() == cli(*GAP, "-i", "overall").out.encode() == cli(*GAP).out.encode()
    neither = [cli(*NO_TARGET, *given) for given in (["-i", name], ["-i", "overall"], [])]
    assert {(r.code, r.err) for r in neither} == {(2, neither[0].err)}
    assert "--target N" in neither[0].err


def test_a_message_names_the_indicator_in_the_run_language(cli):
    vi = cli("rank", "-y", "2019", "-i", "gov", "--lang", "vi")
    assert vi.code == 1 and "không có xếp hạng theo Trụ cột Chính quyền số năm 2019" in vi.err
    assert " gov " not in vi.err
    en = cli("rank", "-y", "2019", "-i", "gov")
    assert "no Digital government pillar rank held for 2019" in en.err


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "-y", "2022", "--indicator", "gov", "--explain"],
        ["gap", "-p", "Quảng Ninh", "-t", "5", "-y", "2022", "-i", "gov"],
        ["trend", "-i", "gov"],
        ["compare", "Đà Nẵng", "Kon Tum", "-i", "gov"],
        ["rank", "-y", "2022", "-i", "dti_gov_rank"],
    ],
    ids=lambda a: a[0],
)
def test_a_command_resolves_its_indicator_once(cli, monkeypatch, args):
    calls = []
    resolve = Catalog.resolve

    def counted(self, text):
        calls.append(text)
        return resolve(self, text)

    monkeypatch.setattr(Catalog, "resolve", counted)
    done = cli(*args, "-f", "csv")
    assert done.code == 0, done.err
    assert len(calls) <= 1, calls


def test_the_library_takes_a_name_an_indicator_or_none(store):
    import dtikit

    gov = Catalog.of(store).get("dti_gov")
    assert dtikit.rank(2022, gov).equals(dtikit.rank(2022, "cqs"))
    assert dtikit.rank(2022).equals(dtikit.rank(2022, Catalog.of(store).headline()))
    assert dtikit.gap("Kon Tum", 35, indicator="Chỉ số DTI cấp tỉnh", year=2022).equals(
        dtikit.gap("Kon Tum", 35, year=2022)
    )
