"""The output contract: formats, columns, streams, exit codes, pipes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dtikit.gap import gap
from dtikit.ranking import rank_table
from tests.conftest import BIN, shell

FIXTURES = Path(__file__).resolve().parent / "fixtures"

RANK_HEAD = ["year", "rank", "province", "score", "prev_rank", "rank_change", "score_change"]
GAP_KEYS = [
    "province",
    "year",
    "rank",
    "target_rank",
    "places_to_target",
    "target_holder",
    "target_holder_score",
    "score",
    "score_gap",
    "met",
]


def test_rank_csv_columns_come_first_in_order(cli):
    result = cli("rank", "--year", "2022", "--format", "csv")
    assert result.code == 0
    header = result.out.splitlines()[0].split(",")
    assert header[:7] == RANK_HEAD
    assert len(result.out.splitlines()) == 64


def test_rank_json_equals_library(cli, store):
    result = cli("rank", "--year", "2022", "--region", "tay nguyen", "--format", "json")
    assert json.loads(result.out) == rank_table(store, 2022, region="Tây Nguyên").table.to_dicts()


def test_gap_json_is_one_object_equal_to_library(cli, store):
    result = cli("gap", "--province", "Quảng Ninh", "--target", "2", "--year", "2022", "--format", "json")
    document = json.loads(result.out)
    assert list(document)[: len(GAP_KEYS)] == GAP_KEYS
    assert document == gap(store, "Quảng Ninh", 2, 2022).to_dict()


def test_gap_kon_tum_cli(cli):
    result = cli("gap", "--province", "kon tum", "--target", "35", "--year", "2022", "--format", "json")
    document = json.loads(result.out)
    assert (document["rank"], document["places_to_target"], document["target_holder"], document["met"]) == (
        45,
        10,
        "Điện Biên",
        False,
    )
    assert document["score_gap"] is None


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "ndjson", "markdown", "table"])
def test_every_format_writes_data_to_stdout_only(cli, fmt):
    result = cli("rank", "--year", "2023", "--format", fmt)
    assert result.code == 0
    assert "Đà Nẵng" in result.out
    assert "dtikit: note:" not in result.out
    assert "50 of 63" in result.err


def test_missing_is_empty_in_csv_and_null_in_json(cli):
    csv_out = cli("rank", "--year", "2022", "--top", "6", "--format", "csv").out
    assert "2022,6,Lạng Sơn,,5,-1,,2021,,published," in csv_out
    rows = json.loads(cli("rank", "--year", "2022", "--top", "6", "--format", "json").out)
    assert rows[5]["score"] is None
    ndjson = [json.loads(line) for line in cli("rank", "--year", "2022", "--format", "ndjson").out.splitlines()]
    assert len(ndjson) == 63
    assert ndjson[0]["province"] == "Đà Nẵng"


def test_tsv_and_markdown_shapes(cli):
    tsv = cli("rank", "--year", "2022", "--top", "1", "--format", "tsv").out.splitlines()
    assert tsv[0].split("\t")[:7] == RANK_HEAD
    md = cli("rank", "--year", "2022", "--top", "1", "--format", "markdown", "--lang", "en").out.splitlines()
    assert md[2].startswith("| rank | province | score 0-1 |")  # for people: the table's own columns
    assert md[3].startswith("| --- |")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["gap", "--province", "Kom Tom", "--target", "35"], 2, "did you mean 'Kon Tum'"),
        (["gap", "--province", "Kon Tum", "--target", "64", "--year", "2022"], 2, "outside 1..63"),
        (["gap", "--province", "Kon Tum", "--target", "0"], 2, "outside 1..63"),
        (["rank"], 2, "Missing option '--year'"),
        (["rank", "--year", "2022", "--format", "xml"], 2, "'xml' is not one of"),
        (["rank", "--year", "abc"], 2, "valid integer"),
        (["rank", "--year", "2022", "--region", "Mars"], 2, "unknown region 'Mars'"),
        (["rank", "--year", "2019"], 1, "no Provincial DTI (overall) rank held for 2019"),
        (["rank", "--year", "2019"], 1, "(no --indicator was given, so the headline index was asked"),
        (["rank", "--year", "2022", "--data", "/nonexistent/store"], 1, "/nonexistent/store: no such folder"),
        (
            ["gap", "--province", "Kon Tum", "--target", "35", "--year", "2022", "--fail-if-missed"],
            3,
            "Kon Tum is rank 45 in 2022, 10 places short of the target 35",
        ),
        (["nonsense"], 2, "No such command"),
        (["rank", "--year", "2022", "--top", "0"], 2, "greater than or equal to 1"),
        (["rank", "--year", "2022", "--data", "README.md"], 2, "--data README.md: is a file, not a store folder"),
        (["rank", "--year", "2022", "--data", "s3://bucket/store"], 2, "--data s3://bucket/store: a URL"),
        (["gap", "--province", "Kon Tum", "--target", "1.5"], 2, "should be a valid integer"),
    ],
)
def test_errors_are_one_line_with_exit_code(cli, args, code, message):
    result = cli(*args)
    assert result.code == code
    lines = [line for line in result.err.splitlines() if not line.startswith("dtikit: note:")]
    assert len(lines) == 1, result.err
    assert message in lines[0]
    assert lines[0].startswith("dtikit: ")
    assert "Traceback" not in result.err


def test_the_default_index_is_said_only_when_no_indicator_was_asked(cli):
    assert "--indicator" not in cli("rank", "--year", "2019", "-i", "dti").err


def test_fail_if_missed_passes_when_met(cli):
    assert cli("gap", "-p", "Đà Nẵng", "-t", "3", "-y", "2022", "--fail-if-missed", "-f", "csv").code == 0


def test_debug_shows_the_traceback(cli):
    result = cli("--debug", "rank", "--year", "2019")
    assert result.code == 1
    assert "Traceback" in result.err


def test_data_option_and_env_select_the_store(cli, store, tmp_path, monkeypatch):
    monkeypatch.setenv("DTIKIT_DATA", str(tmp_path))
    assert cli("rank", "--year", "2022").code == 1
    assert cli("rank", "--year", "2022", "--data", str(store.path), "-f", "csv").code == 0


def test_head_closes_the_pipe_quietly():
    result = shell("dtikit rank --year 2022 --format csv | head -1")
    assert result.returncode == 0, result.stderr
    columns = [*RANK_HEAD, "prev_year", "prev_score", "rank_basis", "region", "ranked_of"]
    assert result.stdout.strip() == ",".join(columns)
    assert "Traceback" not in result.stderr and "Broken pipe" not in result.stderr


def test_head_on_a_long_output_closes_quietly():
    result = shell("dtikit sources --format ndjson | head -c 100 >/dev/null")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_not_a_terminal_means_csv():
    result = shell("dtikit rank --year 2022 --top 1 | cat")
    assert result.stdout.splitlines()[0].startswith("year,rank,province")


def test_table_respects_no_color_and_keeps_missing_visible(cli, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = cli("rank", "--year", "2022", "--top", "6", "--format", "table").out
    assert "\x1b[" not in out
    assert "Lạng Sơn" in out and "–" in out


def test_help_imports_no_polars():
    code = (
        "import sys; from dtikit.cli import main; rc = main(['--help']);"
        "bad = [m for m in ('polars', 'numpy') if m in sys.modules]; print(bad); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0
    assert result.stdout.strip().endswith("[]"), result.stdout


def test_console_script_and_module_run():
    assert subprocess.run([BIN / "dtikit", "--version"], capture_output=True, text=True).stdout.startswith("dtikit ")
    result = subprocess.run(
        [sys.executable, "-m", "dtikit", "rank", "-y", "2022", "-n", "1", "-f", "csv"], capture_output=True, text=True
    )
    assert result.stdout.splitlines()[1].startswith("2022,1,Đà Nẵng,0.8002")


def test_format_names_are_case_insensitive(cli):
    assert cli("rank", "--year", "2022", "--top", "1", "--format", "CSV").out.startswith("year,rank,")


@pytest.mark.parametrize(
    "argv",
    [
        ["rank", "--year", "2022", "--format", "csv"],
        ["compare", "Kon Tum", "Gia Lai", "--format", "csv"],  # a list argument
        ["validate", str(FIXTURES / "pillars_wide_vi.csv"), "--map", "Năm=year"],  # a list option
        ["--help"],
    ],
)
def test_a_run_imports_no_matplotlib(argv):
    """matplotlib is imported only by the commands that draw."""
    code = (
        "import sys, io, contextlib; from dtikit.cli import main; out = io.StringIO();"
        f"ctx = contextlib.redirect_stdout(out); ctx.__enter__(); rc = main({argv!r});"
        "ctx.__exit__(None, None, None); print(rc, 'matplotlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["0", "False"], result.stderr


def test_typer_is_not_patched():
    """Options are coerced by Typer itself (no private internal replaced): its checks apply, other apps unchanged."""
    from typer.core import _TyperParameter

    from dtikit.cli import main

    main(["rank", "--year", "2022", "--top", "1", "--format", "csv"])
    assert not getattr(_TyperParameter.get_runtime_param, "_dtikit_fast", False)
    assert not (Path(__file__).resolve().parents[1] / "src" / "dtikit" / "cli" / "fast_params.py").exists()


def test_no_command_shows_the_help(cli):
    result = cli()
    assert result.code == 2
    assert result.out == ""
    assert "Commands:" in result.err and "\\n" not in result.err


def test_an_os_error_is_one_line(cli, tmp_path, monkeypatch):
    from dtikit.storage import writing

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "store" / ".lock"))

    monkeypatch.setattr(writing, "write_lock", refuse)
    result = cli("ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(tmp_path / "store"))
    assert result.code == 1
    assert result.err.splitlines()[-1] == f"dtikit: error: {tmp_path / 'store' / '.lock'}: Permission denied"


def test_a_run_builds_only_its_command_and_says_the_same():
    """``dtikit rank`` makes Typer build one command (cheaper); its help is the full app's, word for word."""
    from typer.main import get_command

    from dtikit.cli.app import COMMANDS, GROUPS, build

    full = get_command(build())
    assert set(full.commands) == {*COMMANDS, *GROUPS, "help"}
    assert set(get_command(build("nope")).commands) == set(full.commands)
    for name in [*COMMANDS, *GROUPS]:
        alone = get_command(build(name))
        assert set(alone.commands) == {name}
        assert _help(alone, name) == _help(full, name)


def _help(group, name: str) -> str:
    parent = group.make_context("dtikit", [name], resilient_parsing=True)
    command = group.commands[name]
    return command.get_help(command.make_context(name, [], parent=parent, resilient_parsing=True))
