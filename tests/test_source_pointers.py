"""Every source pointer in output names something a user can look up — a URL, a publisher, a title —
never a path inside the repository (``data/raw/SOURCES.md``, ``data/raw/seeds/…``), which the
installed package does not contain.

The commands run as a user runs them, in both languages and in a table, a machine format and the
pictures, and everything they print or write is scanned."""

from __future__ import annotations

import re

import polars as pl
import pytest

from dtikit.storage import Store

# a file of the repository: a folder of the checkout, the seed articles, the sources list
REPOSITORY_PATH = re.compile(r"data/(raw|processed)|seeds/|SOURCES\.md|RESEARCH_NOTES|src/dtikit|\d{3}_[0-9a-f]{16}")

COMMANDS = [
    ["rank", "--year", "2022"],
    ["rank", "--year", "2022", "--vs", "2020", "--region", "Tây Nguyên"],
    ["gap", "--province", "Kon Tum", "--target", "35", "--year", "2022"],
    ["gap", "--province", "Kon Tum", "--indicator", "online_dossier_share", "--target-value", "50"],
    ["trend"],
    ["profile", "--province", "Kon Tum", "--indicators"],
    ["profile", "--province", "Đắk Lắk", "--indicators"],
    ["compare", "Kon Tum", "Đắk Lắk"],
    ["sources"],
    ["sources", "--conflicts"],
    ["targets"],
    ["targets", "--summary"],
    ["provinces"],
    ["indicators"],
]


def _pointers(text: str) -> list[str]:
    return sorted({text[max(0, m.start() - 30) : m.end() + 10] for m in REPOSITORY_PATH.finditer(text)})


def test_the_bundled_data_cites_seed_articles_by_publication(store):
    """The scans below would pass on empty output: the seed figures are there, cited by title."""
    seeds = store.values().filter(pl.col("source").str.starts_with("press article"))
    assert seeds.height > 40
    assert "Báo Kon Tum" in " ".join(seeds["source"].unique().to_list())


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("format", ["table", "json"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_no_command_points_into_the_repository(cli, command, format, lang):
    done = cli(*command, "--format", format, "--lang", lang)
    assert done.code == 0, done.err
    assert done.out.strip()
    assert _pointers(done.out + done.err) == []


def test_seed_figures_are_cited_in_sources_output(cli):
    done = cli("sources", "--province", "Kon Tum", "--format", "csv")
    assert done.code == 0, done.err
    rows = pl.read_csv(done.out.encode())
    cited = rows.filter(pl.col("source").str.starts_with("press article"))["source"].unique().to_list()
    assert any("Chuyển đổi số để phát triển bền vững" in c and "Báo Kon Tum" in c for c in cited), cited


@pytest.mark.parametrize("command", [[], *[[c[0]] for c in COMMANDS], ["map"], ["report"], ["ingest"], ["store"]])
def test_no_help_points_into_the_repository(cli, command):
    for lang in ("en", "vi"):
        done = cli(*command, "--help", "--lang", lang)
        assert done.code == 0, done.err
        assert _pointers(done.out) == []


def test_pictures_and_report_name_no_repository_file(cli, tmp_path):
    files = {
        "chart": tmp_path / "rank.svg",
        "gap": tmp_path / "gap.svg",
        "map": tmp_path / "map.svg",
        "report": tmp_path / "report.html",
    }
    runs = [
        ["rank", "--year", "2022", "--chart", str(files["chart"]), "--format", "csv"],
        ["gap", "--province", "Kon Tum", "--target", "35", "--chart", str(files["gap"]), "--format", "csv"],
        ["map", "--year", "2022", "-o", str(files["map"])],
        ["report", "--province", "Kon Tum", "-o", str(files["report"])],
    ]
    for args in runs:
        done = cli(*args)
        assert done.code == 0, done.err
        assert _pointers(done.out + done.err) == []
    for name, path in files.items():
        text = path.read_text(encoding="utf-8")
        assert text.strip(), name
        assert _pointers(text) == [], name
    # the report cites the seed article behind Kon Tum's 2022 score by its publication
    assert "Báo Kon Tum" in files["report"].read_text(encoding="utf-8")


def test_xlsx_sources_sheet_names_no_repository_file(cli, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    for args in (["rank", "--year", "2022"], ["trend"], ["provinces"]):
        book = tmp_path / f"{args[0]}.xlsx"
        done = cli(*args, "-o", str(book))
        assert done.code == 0, done.err
        cells = [
            str(cell)
            for sheet in openpyxl.load_workbook(book, read_only=True).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        ]
        assert cells
        assert _pointers("\n".join(cells)) == [], args


def test_the_bundled_tables_hold_no_repository_path():
    """The tables themselves (what a notebook reads through the library) hold no repository path."""
    store = Store()
    for name in ("observations", "values", "national", "targets"):
        frame = store.table(name)
        for column in [c for c, t in frame.schema.items() if t == pl.String]:
            hits = frame.filter(pl.col(column).str.contains(REPOSITORY_PATH.pattern))
            assert hits.height == 0, (name, column, hits[column].head(3).to_list())


def test_a_users_file_is_named_in_the_readers_words():
    """Ingest records a user's file as 'file F.xlsx [sheet]'; a Vietnamese picture or report said 'file'."""
    from dtikit.citations import own_file
    from dtikit.labels import provenance

    about = {"basis": ["computed"], "sources": [{"kind": "user", "source": "file PCI_2011.xls [Tong hop]"}]}
    said = provenance(about, "vi")
    assert "tệp PCI_2011.xls [Tong hop]" in said and "file" not in said
    assert "file PCI_2011.xls [Tong hop]" in provenance(about, "en")
    assert own_file("file a.csv", "vi") == "tệp a.csv" and own_file("https://dti.gov.vn", "vi") == "https://dti.gov.vn"
