"""The library API (``import dtikit``): docs/library.md's examples run and print what the page says;
each function returns what its command writes; ``import dtikit`` stays light; ``py.typed`` ships."""

from __future__ import annotations

import doctest
import importlib
import io
import re
import subprocess
import sys

import polars as pl
import pytest

import dtikit
from tests.conftest import ROOT

LIBRARY_PAGE = ROOT / "docs" / "library.md"


def test_library_page_examples_print_what_the_page_says(monkeypatch):
    monkeypatch.setenv("DTIKIT_LANG", "en")
    page = LIBRARY_PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"^```pycon\n(.*?)^```", page, flags=re.S | re.M)  # the session, without the prose
    parser = doctest.DocTestParser()
    test = parser.get_doctest("\n".join(blocks), {}, "library.md", str(LIBRARY_PAGE), 0)
    assert len(test.examples) >= 20
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out = io.StringIO()
    runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()


CLI_AND_LIBRARY = [
    (["rank", "--year", "2022"], lambda: dtikit.rank(year=2022)),
    (
        ["rank", "--year", "2024", "--vs", "2020", "--region", "Tây Nguyên"],
        lambda: dtikit.rank(2024, vs=2020, region="Tây Nguyên"),
    ),
    (["rank", "--year", "2024", "--geography", "34"], lambda: dtikit.rank(2024, geography=34)),
    (["gap", "-p", "Kon Tum", "-t", "35", "--year", "2022"], lambda: dtikit.gap("Kon Tum", 35, year=2022)),
    (["trend"], lambda: dtikit.trend()),
    (["profile", "-p", "Đắk Lắk"], lambda: dtikit.profile("Đắk Lắk")),
    (["compare", "Kon Tum", "Gia Lai"], lambda: dtikit.compare(["Kon Tum", "Gia Lai"])),
    (["sources", "-p", "Kon Tum"], lambda: dtikit.sources(province="Kon Tum")),
    (["provinces", "--geography", "34"], lambda: dtikit.provinces(geography=34)),
]


@pytest.mark.parametrize(("args", "call"), CLI_AND_LIBRARY, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_each_function_returns_what_its_command_writes(cli, args, call):
    done = cli(*args, "--format", "csv")
    assert done.code == 0, done.err
    frame = call()
    written = pl.read_csv(io.StringIO(done.out), infer_schema=False)
    assert frame.height > 0
    assert written.columns == frame.columns
    # the CSV writer's text of each value, from the library's frame: the same rows, the same numbers
    again = pl.read_csv(io.StringIO(frame.write_csv()), infer_schema=False)
    assert written.equals(again), (written.head(3), again.head(3))


def test_a_store_folder_or_an_opened_store(tmp_path):
    store = dtikit.Store()
    assert dtikit.rank(2022, data=store).equals(dtikit.rank(2022, data=store.path))


def test_names_shared_with_modules_stay_the_functions():
    for name in ("gap", "trend", "profile", "provinces", "sources"):
        module = importlib.import_module(f"dtikit.{name}")
        assert getattr(dtikit, name) is not module and callable(getattr(dtikit, name))
        assert sys.modules[f"dtikit.{name}"] is module
    from dtikit import gap

    assert gap is dtikit.api.gap
    with pytest.raises(AttributeError):
        dtikit.rank = None


def test_import_dtikit_loads_neither_polars_nor_the_command_line():
    code = (
        "import sys, dtikit; before = [m for m in ('polars', 'typer', 'rich', 'matplotlib') if m in sys.modules];"
        "dtikit.rank(year=2022); after = [m for m in ('typer', 'rich', 'matplotlib', 'click') if m in sys.modules];"
        "print(before, after)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] []"


def test_py_typed_is_in_the_package():
    assert (ROOT / "src" / "dtikit" / "py.typed").is_file()
