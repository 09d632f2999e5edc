"""No English in a Vietnamese run: every command's help and output, Click's own words and parser
errors, at 60 and 80 columns, chosen by --lang vi or by the environment (LANG=vi_VN.UTF-8).

An English word is one the English catalog says and the Vietnamese one never does (so 'csv',
'stdout', 'DTI' and option values are not), or one of Click's. Option names, identifiers
(snake_case), file paths and quoted values are the user's or the data's, not words of dtikit."""

from __future__ import annotations

import csv
import functools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dtikit.cli.app import COMMANDS, GROUPS
from dtikit.messages import catalog
from dtikit.writers import names

ROOT = Path(__file__).resolve().parents[1]
DTIKIT = str(Path(sys.executable).parent / "dtikit")
CLICK = {"usage", "options", "commands", "arguments", "required", "default", "show", "exit", "missing"}
CLICK |= {"such", "possible", "invalid", "input", "should", "valid", "integer", "mean", "unexpected"}
# names the user types: commands and their subcommands
NAMES = {*COMMANDS, *GROUPS, "help", "set", "path", "log", "check", "undo", "prune", *names()}
# proper names, as their publishers write them in Vietnamese too: the ministry's "Chỉ số sẵn sàng cho
# phát triển và ứng dụng CNTT-TT (Vietnam ICT Index)"
PROPER_NAMES = {"Vietnam", "ICT", "Index"}


def _words(texts) -> set[str]:
    return {w.lower() for t in texts for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[^}]*\}", " ", t))}


@functools.cache
def english() -> set[str]:
    return (_words(catalog("en").values()) - _words(catalog("vi").values()) | CLICK) - NAMES - _words(PROPER_NAMES)


@functools.cache
def identifiers() -> frozenset[str]:
    """The ids of the bundled indicators (what one types after --indicator)."""
    from dtikit.catalog import Catalog
    from dtikit.storage import Store

    return frozenset(ind.id for ind in Catalog.of(Store(None)))


def _folded(text: str) -> set[str]:
    """The ends of identifiers a table folded onto the next line ('national_databases_sh' / 'are')."""
    tokens = set(re.findall(r"\w+", text))
    return {ident[len(t) :].lower() for ident in identifiers() for t in tokens if "_" in t and ident.startswith(t)}


def leftover(text: str) -> list[str]:
    """The English words of ``text``, what the user or the data wrote taken out."""
    text = re.sub(r"(?<![\w/])--?[a-z][a-z0-9-]*", " ", text)  # option names
    text = re.sub(r"\S*[/\\]\S*", " ", text)  # paths
    text = re.sub(r"'[^'\n]*'", " ", text)  # quoted values
    folded = _folded(text)
    text = re.sub(r"\b\w*_\w*\b", " ", text)  # identifiers
    return sorted({w for w in re.findall(r"[A-Za-z]{3,}", text) if w.lower() in english() - folded})


def run(args: list[str], columns: int, how: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DTIKIT_LANG", "LC_ALL", "LANG", "NO_COLOR")}
    env["COLUMNS"] = str(columns)
    if how == "environment":
        env["LANG"] = "vi_VN.UTF-8"
    else:
        args = ["--lang", "vi", *args]
    return subprocess.run([DTIKIT, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


HELPS = [
    [],
    ["--help"],
    *([name, "--help"] for name in COMMANDS),
    ["indicators", "--help"],
    ["indicators", "set", "--help"],
    ["store", "--help"],
    *(["store", name, "--help"] for name in ("path", "log", "check", "undo", "prune")),
    ["help"],
    ["help", "rank"],
]


# each route (--lang vi, LANG=vi_VN) and each width in the fast tier; the other two pairs in the slow one
@pytest.mark.parametrize(
    ("columns", "how"),
    [
        (60, "option"),
        (80, "environment"),
        pytest.param(80, "option", marks=pytest.mark.slow),
        pytest.param(60, "environment", marks=pytest.mark.slow),
    ],
)
def test_every_help_is_in_vietnamese(columns, how):
    found = {}
    for args in HELPS:
        done = run(args, columns, how)
        text = done.stdout + done.stderr
        assert "Cách dùng:" in text, (args, text[:200])
        if leftover(text):
            found[" ".join(args)] = leftover(text)
    assert not found, found


ERRORS = [
    (["rank"], "Thiếu tùy chọn"),
    (["rank", "--yeer", "2022"], "Không có tùy chọn --yeer (có thể là: --year)"),
    (["rank", "-y", "abc"], "'abc' không phải số nguyên"),
    (["rank", "-y", "2022", "-f", "xml"], "'xml' không thuộc"),
    (["rank", "-y", "2022", "--top", "0"], "0 nhỏ hơn 1"),
    (["gap", "-p", "Kon Tum", "--target"], "cần một giá trị"),
    (["compare"], "Thiếu đối số"),
    (["rnk"], "Không có lệnh 'rnk'. Có phải 'rank'?"),
    (["rank", "-y", "2022", "dư"], "Thừa đối số (dư)"),
    (["rank", "-y", "2022", "-f", "docx"], "--format docx ghi ra tệp"),
]


@pytest.mark.parametrize(("args", "said"), ERRORS, ids=lambda x: " ".join(x) if isinstance(x, list) else None)
def test_parser_errors_are_said_in_vietnamese_with_exit_2(args, said):
    done = run(args, 80, "option")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("dtikit: lỗi cách dùng: ") and said in done.stderr, done.stderr
    assert not leftover(done.stderr), done.stderr


def test_parser_errors_keep_clicks_words_in_english():
    done = subprocess.run([DTIKIT, "--lang", "en", "rank", "--yeer", "2022"], capture_output=True, text=True)
    assert "No such option: --yeer (Possible options: --year)" in done.stderr and done.returncode == 2


TABLES = [
    ["rank", "-y", "2022"],
    ["rank", "-y", "2024", "--geography", "34", "--vs", "2022"],
    ["gap", "-p", "Kon Tum", "-t", "35", "-y", "2022"],
    ["gap", "-p", "Kon Tum", "-i", "ty le dich vu cong truc tuyen toan trinh", "--target-value", "80"],
    ["profile", "-p", "Kon Tum"],
    ["compare", "Kon Tum", "Gia Lai", "Đắk Lắk"],
    ["trend"],
    ["targets", "--summary"],
    ["targets", "--summary", "-p", "Đắk Lắk"],  # a province's own report of its targets
    ["provinces"],
    ["provinces", "-g", "34"],
    ["sources", "-p", "Kon Tum"],
    ["rank", "-y", "2022", "-f", "markdown"],
    ["profile", "-p", "Kon Tum", "-f", "markdown"],
    ["sources", "-y", "2024"],  # ranks published only as a bound: 'top-10', 'bottom-3'
]
# outputs that show data held from sources: free-text units, names of the indicators of targets, the
# catalog (its ids, folded by a narrow table, are identifiers)
DATA_IN_ENGLISH = [
    ["profile", "-p", "Đắk Lắk", "--indicators"],
    ["targets"],
    ["indicators"],
]


@pytest.mark.parametrize("columns", [pytest.param(60, marks=pytest.mark.slow), 80])  # 60: also tests/test_narrow.py
@pytest.mark.parametrize("args", TABLES, ids=lambda a: " ".join(a))
def test_tables_for_people_are_in_vietnamese(args, columns):
    shown = args if "-f" in args else [*args, "-f", "table"]
    done = run(shown, columns, "option")
    assert done.returncode == 0, done.stderr
    assert not leftover(done.stdout + done.stderr), leftover(done.stdout + done.stderr)


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("args", DATA_IN_ENGLISH, ids=lambda a: " ".join(a))
def test_tables_with_data_held_from_sources(args, columns):
    done = run([*args, "-f", "table"], columns, "option")
    assert done.returncode == 0
    assert not leftover(done.stdout + done.stderr), leftover(done.stdout + done.stderr)


def test_a_users_own_unit_is_data_shown_as_written():
    """A unit with no translation (a user's own) is shown as the user wrote it: data, not English."""
    from dtikit.messages import unit_label

    assert unit_label("widgets per village", "vi") == "widgets per village"
    assert (
        unit_label("of 21 hospitals and district health centres", "vi") == "trên 21 bệnh viện và trung tâm y tế huyện"
    )


def test_every_unit_and_indicator_held_is_said_in_vietnamese(store):
    """Each unit of the bundled figures, catalog and targets has a Vietnamese text, and each target's
    indicator is in the catalog (so a Vietnamese run names it, not its id)."""
    from dtikit.catalog import Catalog
    from dtikit.messages import unit_label

    units = set(store.values()["unit"].drop_nulls()) | set(store.indicators()["unit"].drop_nulls())
    units |= set(store.targets()["unit"].drop_nulls()) if "unit" in store.targets().columns else set()
    untold = sorted(u for u in units if unit_label(u, "vi") == u and leftover(u))
    assert not untold, untold
    catalog = Catalog.of(store)
    missing = sorted({i for i in store.targets()["indicator"] if catalog.lookup(i) is None})
    assert not missing, missing


def _glossary() -> list[dict[str, str]]:
    with (ROOT / "data" / "glossary.csv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


@pytest.mark.parametrize("entry", _glossary(), ids=lambda e: e["english"][:30])
def test_the_official_terms_are_used_where_the_glossary_says(store, entry):
    from dtikit.catalog import Catalog

    vi = catalog("vi")
    where, term = entry["where"], entry["term"]
    if where.startswith("catalog:"):
        assert term in (Catalog.of(store).get(where[len("catalog:") :]).name_vi or "")
    elif where:
        assert term.casefold() in vi[where].casefold(), (where, vi[where])
    if entry["avoid"]:  # the form it replaces is said nowhere in Vietnamese
        avoided = re.compile(rf"(?<!\w){re.escape(entry['avoid'])}(?!\w)", re.IGNORECASE)
        said = [key for key, text in vi.items() if avoided.search(text)]
        assert not said, said


def test_messages_that_take_an_indicator_read_well_with_its_full_name():
    """'không có hạng Chỉ số chuyển đổi số cấp tỉnh (DTI)' reads as a rank named so; the name of an
    indicator or pillar follows 'theo' (by) or 'số liệu' (figures of), or opens the sentence."""
    vi = catalog("vi")
    name = r"\{(label|pillars|parts)\}"
    taking = {key: text for key, text in vi.items() if re.search(name, text)}
    assert len(taking) >= 8
    badly = {key: text for key, text in taking.items() if re.search(rf"(?<!theo )(?<!liệu )(?<!^){name}", text)}
    assert not badly, badly
    said = vi["error.no_rank_year"].format(
        label="Chỉ số chuyển đổi số cấp tỉnh (DTI)", year=2012, among="", years="2020"
    )
    assert said.startswith("không có xếp hạng theo Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2012")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["rank", "-y", "2021", "--vs", "2020"], "(Quyết định 1726/QĐ-BTTTT và Quyết định 922/QĐ-BTTTT)"),
        (["rank", "-y", "2024", "--vs", "2023"], "(Quyết định 922/QĐ-BTTTT và bộ chỉ số năm 2024 (47 chỉ tiêu))"),
    ],
)
def test_the_dtis_methodologies_are_said_by_their_official_names(args, said):
    """The catalog holds each year's methodology in English ('Decision 922/QĐ-BTTTT'); a Vietnamese run
    says it as officials write it."""
    done = run([*args, "-f", "csv"], 80, "option")
    assert done.returncode == 0 and said in done.stderr, done.stderr
    assert "Decision" not in done.stderr and "framework" not in done.stderr


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["store", "log", "--bogus"], "dtikit store log"),
        (["indicators", "set"], "dtikit indicators set"),
        (["rank", "--yeer", "2022"], "dtikit rank"),
        (["rnk"], "dtikit"),
    ],
    ids=lambda x: " ".join(x) if isinstance(x, list) else None,
)
def test_a_parser_error_points_to_the_help_of_the_command_that_was_wrong(args, command):
    """A subcommand's misspelt option or missing argument sends the user to that subcommand's help, not
    to its group's (which does not list the option)."""
    done = run(args, 80, "option")
    assert done.returncode == 2 and done.stderr.rstrip().endswith(f"(xem '{command} --help')"), done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "-y", "2022", "-i", "administrative_procedures"],
        ["compare", "Kon Tum", "Gia Lai", "-i", "administrative_procedures"],
        ["gap", "-p", "Kon Tum", "-i", "administrative_procedures", "--target-value", "100"],
    ],
    ids=lambda a: " ".join(a[:1]),
)
def test_notes_name_an_indicator_by_its_name_and_keep_its_id_for_the_command_to_type(args):
    """An indicator of unknown direction: the note names it as the catalog does in the run's language;
    its id is only in the command the note gives (what the user types)."""
    done = run([*args, "-f", "csv"], 80, "option")
    assert done.returncode == 0 and "Thủ tục hành chính cao hơn" in done.stderr, done.stderr
    unquoted = re.sub(r"'[^'\n]*'", " ", done.stderr)
    assert not set(re.findall(r"\w+", unquoted)) & identifiers(), done.stderr
