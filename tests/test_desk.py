"""The rough edges a new user once hit (help, errors, tables, names): each behaves as stated."""

from __future__ import annotations

import io
import json
from pathlib import Path

import polars as pl

from dtikit.profile import profile
from dtikit.provinces import ProvinceNames, one_edit_apart
from dtikit.ranking import rank_table
from dtikit.render import to_markdown
from tests.conftest import shell

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_top_counts_within_the_region(store, cli):
    table = rank_table(store, 2022, region="Tây Nguyên", top=2).table
    assert table.select("province", "rank", "region_rank").rows() == [("Lâm Đồng", 22, 1), ("Kon Tum", 45, 2)]
    out = cli("rank", "-y", "2022", "--region", "Tây Nguyên", "--top", "2", "-f", "csv").out
    assert len(out.splitlines()) == 3


def test_sources_unknown_indicator_is_a_usage_error_with_suggestions(cli):
    result = cli("sources", "--indicator", "ebi scor")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("dtikit: usage error: unknown indicator 'ebi scor'; did you mean 'ebi_score'")
    named = cli("sources", "--indicator", "Xếp hạng DTI trong vùng", "--province", "Kon Tum", "-f", "csv").out
    assert {line.split(",")[3] for line in named.splitlines()[1:]} == {"dti_rank_in_region"}


def test_a_province_of_before_2025_among_the_34_is_its_2025_unit(store, cli):
    result = profile(store, "Kon Tum", geography=34)
    assert result.info["province"] == "Quảng Ngãi"
    assert "Kon Tum is not one of the 34 units of 2025: it is part of Quảng Ngãi" in result.notes[0]
    out = cli("compare", "Kon Tum", "Huế", "--geography", "34", "-f", "csv")
    assert out.code == 0 and out.out.splitlines()[0] == "year,measure,Quảng Ngãi,Huế"
    assert "part of Quảng Ngãi" in out.err


def test_one_letter_misspelling_is_read_with_a_note(store, cli):
    names = ProvinceNames(store)
    assert names.find("Dak Lac") == "Đắk Lắk" and names.notes == ["read 'Dak Lac' as 'Đắk Lắk' (one letter apart)"]
    assert one_edit_apart("kontum", "kontom") and one_edit_apart("kontum", "kontu") and not one_edit_apart("ab", "ba")
    out = cli("gap", "-p", "Dak Lac", "--target", "35", "-f", "csv")
    assert out.code == 0 and "Đắk Lắk,2022,47" in out.out and "one letter apart" in out.err
    far = cli("gap", "-p", "Kom Tom", "--target", "35")
    assert far.code == 2 and "did you mean 'Kon Tum'" in far.err


def test_validate_format_lists_problems_one_row_each(cli):
    bad = [str(FIXTURES / "bad_mixed_decimals.csv"), str(FIXTURES / "bad_unknown_province.csv")]
    result = cli("validate", *bad, "--format", "csv")
    assert result.code == 1
    rows = list(pl.read_csv(result.out.encode()).select("row", "column", "rule").iter_rows())
    # the rule's own name (dtikit.ingest.rules), carried by each problem
    assert rows == [(3, "Điểm", "decimal_convention"), (2, "Tỉnh", "unknown_province"), (3, "Tỉnh", "unknown_province")]
    assert "dtikit: error: 3 problem" in result.err and "Kon Tom" not in result.err  # listed once, on stdout
    as_json = json.loads(cli("validate", *bad, "--format", "json").out)
    assert list(as_json[1]) == ["file", "row", "column", "rule", "message"]
    assert as_json[1]["message"] == "unknown province 'Kon Tom'; did you mean 'Kon Tum'?"
    good = cli("validate", str(FIXTURES / "ranks_wide_years.csv"), "--format", "csv")
    assert (good.code, good.out) == (0, "file,row,column,rule,message\n")


def test_ingest_format_prints_the_counts(cli, tmp_path):
    result = cli("ingest", str(FIXTURES / "ranks_wide_years.csv"), "--data", str(tmp_path / "s"), "-f", "csv")
    assert (result.code, result.out) == (0, "added,replaced,already_held,written\n0,0,6,true\n")


def test_unknown_encoding_is_a_usage_error(cli, tmp_path):
    result = cli("ingest", str(FIXTURES / "ranks_wide_years.csv"), "--encoding", "nope", "--data", str(tmp_path))
    assert result.code == 2 and "--encoding 'nope'" in result.err
    assert cli("validate", str(FIXTURES / "ranks_wide_years.csv"), "--encoding", "UTF8").code == 0


def test_help_says_what_commands_do_and_h_and_help_work(cli):
    ingest_help = cli("ingest", "--help").out
    assert "Store folder to write" in " ".join(ingest_help.split())
    assert "default: the bundled published figures" not in " ".join(ingest_help.split())
    assert cli("rank", "-h").out == cli("rank", "--help").out
    assert cli("indicators", "set", "-h").code == 0
    main = cli("help")
    assert main.code == 0 and "Commands:" in main.out and "compare" in main.out
    assert cli("help", "rank").out == cli("rank", "--help").out
    assert cli("help", "nope").code == 2


def test_shell_completion_can_be_installed():
    # the script --show-completion prints for bash (it names the shell it finds above it; here: asked)
    shown = shell("dtikit", _DTIKIT_COMPLETE="source_bash")
    assert shown.returncode == 0 and "_dtikit_completion" in shown.stdout
    assert "--install-completion" in shell("dtikit --help").stdout
    completed = shell("dtikit", _DTIKIT_COMPLETE="complete_bash", COMP_WORDS="dtikit ran", COMP_CWORD="1")
    assert completed.stdout.split() == ["rank"]


def test_table_into_a_closed_pipe_exits_0():
    result = shell("dtikit rank --year 2022 --format table | head -0")
    assert (result.returncode, result.stderr) == (0, "")


def test_a_newline_in_a_cell_keeps_the_markdown_table_whole():
    text = to_markdown(pl.DataFrame({"source": ["line one\nline two", "a|b"], "n": [1, 2]}))
    assert text.splitlines() == ["| source | n |", "| --- | --- |", "| line one<br>line two | 1 |", "| a\\|b | 2 |"]


def test_one_place_short_is_singular(cli):
    result = cli("gap", "-p", "Quảng Ninh", "--target", "2", "--year", "2022", "--fail-if-missed", "-f", "csv")
    assert result.code == 3 and "rank 3 in 2022, 1 place short of the target 2" in result.err


def test_a_deadline_before_the_year_measured_is_a_usage_error(cli):
    result = cli("gap", "-p", "Kon Tum", "--target", "35", "--by", "1900")
    assert result.code == 2 and "--by 1900 is before 2022" in result.err and result.out == ""
    value = cli("gap", "-p", "Kon Tum", "-i", "full_online_service_share", "--target-value", "80", "--by", "2020")
    assert value.code == 2 and "--by 2020 is before 2023" in value.err


TABLE_COMMANDS = [
    ["rank", "-y", "2022"],
    ["rank", "-y", "2022", "--region", "Tây Nguyên"],
    ["rank", "-y", "2024", "--geography", "34", "--vs", "2022"],
    ["gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022"],
    ["gap", "-p", "Kon Tum", "-i", "full_online_service_share", "--target-value", "80", "--by", "2025"],
    ["sources", "-p", "Kon Tum"],
    ["profile", "-p", "Kon Tum"],
    ["profile", "-p", "Đắk Lắk", "--indicators"],
    ["compare", "Kon Tum", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Đắk Nông"],
    ["trend"],
    ["targets"],
    ["indicators"],
    ["provinces"],
]


def test_tables_fit_60_columns_and_say_what_they_hid(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    for args in TABLE_COMMANDS:
        result = cli(*args, "--format", "table")
        assert result.code == 0, (args, result.err)
        assert max(map(len, result.out.splitlines())) <= 60, args
    gap = cli("gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022", "--format", "table")
    assert "met" in gap.out and "✗ no" in gap.out and "✓ yes" in gap.out  # the verdict is kept, the detail goes
    assert "holder score, gap not shown; --format csv shows every column" in gap.err
    assert all(number in gap.out for number in ("0.7024", "0.7804", "0.7187", "0.6864"))  # numbers whole


def test_machine_formats_do_not_change_with_the_terminal(cli, monkeypatch):
    wide = cli("rank", "-y", "2022", "-f", "csv").out
    monkeypatch.setenv("COLUMNS", "40")
    assert cli("rank", "-y", "2022", "-f", "csv").out == wide


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_rank_changes_are_arrows_coloured_only_on_a_terminal_without_no_color(store, monkeypatch):
    from dtikit.render import render

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    table = rank_table(store, 2022, top=4).table
    shown = ["rank", "province", "rank_change"]
    coloured = _Terminal()
    render(table, "table", coloured, table_columns=shown)
    assert "▲ 4" in coloured.getvalue() and "\x1b[32m" in coloured.getvalue()  # Quảng Ninh climbed 4, green
    assert "▼ 2" in coloured.getvalue() and "\x1b[31m" in coloured.getvalue()  # Thừa Thiên Huế fell 2, red
    monkeypatch.setenv("NO_COLOR", "1")
    plain = _Terminal()
    render(table, "table", plain, table_columns=shown)
    assert "▲ 4" in plain.getvalue() and "\x1b[" not in plain.getvalue()
    monkeypatch.delenv("NO_COLOR")
    to_file = io.StringIO()
    render(table, "table", to_file, table_columns=shown)
    assert "=" in to_file.getvalue() and "\x1b[" not in to_file.getvalue()


def test_profile_computes_its_other_indicators_only_when_they_are_written(cli, monkeypatch):
    import importlib
    import json

    profile = importlib.import_module("dtikit.profile")  # the module; dtikit.profile is the library function

    csv = cli("profile", "-p", "Kon Tum", "-f", "csv").out
    shown = json.loads(cli("profile", "-p", "Kon Tum", "-f", "json").out)
    assert shown["indicators"] and csv.startswith("year,rank,score,")

    def never(*args, **kwargs):
        raise AssertionError("the csv of the years computed the other indicators")

    monkeypatch.setattr(profile, "latest_indicators", never)
    assert cli("profile", "-p", "Kon Tum", "-f", "csv").out == csv
