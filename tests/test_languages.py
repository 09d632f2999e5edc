"""Vietnamese and English for people; machine formats unchanged by the language."""

from __future__ import annotations

import pytest

from dtikit.messages import AREAS, catalog
from dtikit.writers import WRITERS


@pytest.mark.parametrize("area", AREAS)
def test_every_message_exists_in_both_languages_with_the_same_fields(area):
    from importlib import import_module

    module = import_module(f"dtikit.messages.{area}")
    assert set(module.EN) == set(module.VI), set(module.EN) ^ set(module.VI)
    for key, text in module.EN.items():
        assert text.strip() and module.VI[key].strip(), key
        assert sorted(_fields(text)) == sorted(_fields(module.VI[key])), key


def test_the_catalogs_merge_without_a_key_in_two_areas():
    assert set(catalog("en")) == set(catalog("vi"))


def test_each_prefix_names_the_areas_holding_its_keys():
    """A message is looked up in the areas of its key's prefix only: they must be exactly the areas that
    hold keys of that prefix, and the text found the catalog's."""
    from importlib import import_module

    from dtikit.messages import PREFIXES, say

    holding: dict[str, set[str]] = {}
    for area in AREAS:
        for key in import_module(f"dtikit.messages.{area}").EN:
            holding.setdefault(key.split(".", 1)[0], set()).add(area)
    assert {prefix: set(areas) for prefix, areas in PREFIXES.items()} == holding
    for lang in ("en", "vi"):
        for key, text in catalog(lang).items():
            if "{" not in text:
                assert say(key, lang) == text, key


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_vietnamese_tables_from_lang_or_the_environment(cli, monkeypatch):
    monkeypatch.delenv("DTIKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    table = cli("gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022", "-f", "table").out
    assert "số bậc cần tăng" in table and "0,7024" in table and "✗ không" in table and "✓ có" in table
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    english = cli("gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022", "-f", "table").out
    assert "places" in english and "0.7024" in english and "✗ no" in english
    assert cli("gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022", "-f", "table", "--lang", "vi").out == table
    monkeypatch.setenv("DTIKIT_LANG", "vi")
    counts = cli("profile", "-p", "Đắk Lắk", "--indicators", "-f", "table").out
    assert "2.587.362" in counts and "139,5%" in counts  # Vietnamese thousands and decimals


MACHINE_TEXT = [w.name for w in WRITERS.values() if not w.for_people and not w.binary]


def test_the_machine_text_formats_are_the_four_a_program_reads():
    assert MACHINE_TEXT == ["csv", "tsv", "json", "ndjson"]


@pytest.mark.parametrize("fmt", MACHINE_TEXT)
@pytest.mark.parametrize(
    "args",
    [
        ["rank", "-y", "2022", "--region", "Tây Nguyên"],
        ["gap", "-p", "Kon Tum", "-t", "35", "-y", "2022"],
        ["profile", "-p", "Đắk Lắk", "--indicators"],
        ["targets"],
        ["trend"],
    ],
)
def test_machine_formats_are_byte_identical_in_both_languages(cli, fmt, args):
    vi, en = cli(*args, "-f", fmt, "--lang", "vi"), cli(*args, "-f", fmt, "--lang", "en")
    assert vi.code == en.code == 0
    assert vi.out.encode() == en.out.encode()


def test_markdown_follows_the_language_of_the_run(cli):
    args = ["rank", "-y", "2022", "--region", "Tây Nguyên", "-f", "markdown"]
    vi = cli(*args, "--lang", "vi").out.splitlines()
    en = cli(*args, "--lang", "en").out.splitlines()
    assert vi[0] == "Chỉ số chuyển đổi số cấp tỉnh (DTI) (điểm 0-1), năm 2022, thay đổi so với năm 2021"
    assert en[0] == "Provincial DTI (overall) (score 0-1), 2022, changes since 2021"
    assert vi[2].startswith("| hạng | tỉnh, thành phố | điểm 0-1 |")
    assert en[2].startswith("| rank | province | score 0-1 |")
    # the same row, each number as its language writes it (Kon Tum's 0,54 as published, two decimals)
    assert "| 45 | Kon Tum | 0,54 | 46 | 1 | 0,21 | 2 | công bố |" in vi
    assert "| 45 | Kon Tum | 0.54 | 46 | 1 | 0.21 | 2 | published |" in en


def test_an_unknown_language_is_a_usage_error(cli):
    result = cli("rank", "-y", "2022", "--lang", "fr")
    assert result.code == 2 and result.err == "dtikit: usage error: --lang 'fr': choose vi or en\n"


@pytest.fixture
def wide(monkeypatch):
    """A wide terminal and no language from the environment: titles on one line, English unless asked."""
    monkeypatch.setenv("COLUMNS", "200")
    for name in ("DTIKIT_LANG", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.mark.parametrize(
    ("args", "vi", "en"),
    [
        (
            ["rank", "-y", "2022"],
            "Chỉ số chuyển đổi số cấp tỉnh (DTI) (điểm 0-1), năm 2022, thay đổi so với năm 2021",
            "Provincial DTI (overall) (score 0-1), 2022, changes since 2021",
        ),
        (
            ["trend", "-i", "gov", "--region", "Tây Nguyên"],
            "Trụ cột Chính quyền số (điểm 0-1) theo năm, vùng Tây Nguyên",
            "Digital government pillar (score 0-1) by year, Tây Nguyên",
        ),
        (  # what, where and when
            ["compare", "Đà Nẵng", "Kon Tum", "-i", "dti_econ"],
            "So sánh: Trụ cột Kinh tế số (điểm 0-1); Đà Nẵng, Kon Tum, 2020–2023",
            "Side by side: Digital economy pillar (score 0-1); Đà Nẵng, Kon Tum, 2020–2023",
        ),
        (
            ["compare", "Kon Tum", "Gia Lai"],
            "So sánh: Chỉ số chuyển đổi số cấp tỉnh (DTI); Kon Tum, Gia Lai, 2020–2022",
            "Side by side: Provincial DTI (overall); Kon Tum, Gia Lai, 2020–2022",
        ),
        (
            ["profile", "-p", "Đắk Lắk"],
            "Đắk Lắk → Đắk Lắk (2025): Chỉ số chuyển đổi số cấp tỉnh (DTI) theo năm",
            "Đắk Lắk → Đắk Lắk (2025): Provincial DTI (overall) by year",
        ),
        (
            ["gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022"],
            "Quảng Ninh: khoảng cách đến hạng 2 năm 2022",
            "Quảng Ninh: gap to rank 2 in 2022",
        ),
    ],
)
def test_titles_built_from_data_in_both_languages(cli, wide, args, vi, en):
    vietnamese = cli(*args, "-f", "table", "--lang", "vi").out.splitlines()
    english = cli(*args, "-f", "table", "--lang", "en").out.splitlines()
    assert vietnamese[0] == vi and english[0] == en


def test_an_indicator_without_an_english_name_is_titled_in_vietnamese(cli, wide, tmp_path):
    """In English the English name where one exists, else the Vietnamese one (never the id)."""
    from dtikit.catalog import Indicator
    from dtikit.messages import choose

    named = Indicator("x", name_vi="Tỷ lệ xã có cáp quang", name_en=None)
    try:
        choose("en")
        assert named.title == "Tỷ lệ xã có cáp quang"
        choose("vi")
        assert Indicator("y", name_vi="Nhận thức số", name_en="Digital awareness").title == "Nhận thức số"
    finally:
        choose(None)


@pytest.mark.parametrize("how", ["option", "environment"])
def test_vietnamese_errors_and_notes_keep_their_exit_codes(cli, wide, monkeypatch, how):
    if how == "environment":
        monkeypatch.setenv("LANG", "vi_VN.UTF-8")
        lang = []
    else:
        lang = ["--lang", "vi"]
    unknown = cli("rank", "-y", "2022", "--region", "Tây Nguyên", "-i", "dti_nowhere", *lang)
    assert unknown.code == 2
    assert unknown.err.startswith("dtikit: lỗi cách dùng: không có chỉ tiêu 'dti_nowhere'")
    assert unknown.err.endswith(" ('dtikit indicators' liệt kê các chỉ tiêu)\n")
    province = cli("gap", "-p", "Nowhere", "-t", "3", *lang)
    assert province.code == 2
    assert province.err == (
        "dtikit: lỗi cách dùng: không có tỉnh, thành phố 'Nowhere' ('dtikit provinces' liệt kê các tên)\n"
    )
    data = cli("rank", "-y", "2012", *lang)
    assert data.code == 1
    assert data.err == (  # the index by its Vietnamese name, never its id or an English word
        "dtikit: lỗi: không có xếp hạng theo Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2012; "
        "các năm có xếp hạng: 2020, 2021, 2022, 2023, 2024"
        " (không có --indicator nên hỏi chỉ số chính; 'dtikit indicators' liệt kê các chỉ tiêu khác)\n"
    )
    click = cli("rank", "-y", "2022", "--nowhere", *lang)
    assert click.code == 2 and click.err.startswith("dtikit: lỗi cách dùng: Không có tùy chọn --nowhere")
    assert click.err.endswith(" (xem 'dtikit rank --help')\n")
    missed = cli("gap", "-p", "Kon Tum", "-t", "3", "-y", "2022", "--fail-if-missed", "-f", "csv", *lang)
    assert missed.code == 3
    pillars = "Trụ cột Chính quyền số, Trụ cột Kinh tế số, Trụ cột Xã hội số"
    assert f"dtikit: ghi chú: Kon Tum không có hạng theo {pillars} năm 2022\n" in missed.err
    assert missed.err.endswith(
        "dtikit: kiểm tra không đạt: Kon Tum xếp hạng 45 năm 2022, còn thiếu 42 hạng so với mục tiêu 3\n"
    )


def test_english_errors_and_notes_are_unchanged(cli, wide):
    missed = cli("gap", "-p", "Kon Tum", "-t", "3", "-y", "2022", "--fail-if-missed", "-f", "csv")
    assert missed.err == (
        "dtikit: note: since 1 July 2025 Kon Tum is part of the new Quảng Ngãi, formed from Quảng Ngãi; Kon Tum "
        "(Resolution 202/2025/QH15)\n"
        "dtikit: note: no rank of Digital government pillar, Digital economy pillar, Digital society pillar held "
        "for Kon Tum in 2022\n"
        "dtikit: check failed: Kon Tum is rank 45 in 2022, 42 places short of the target 3\n"
    )
    trend = cli("trend", "--region", "Tây Nguyên", "-f", "csv", "--lang", "vi")
    assert (
        "dtikit: ghi chú: tính trên 5 tỉnh, thành phố của vùng Tây Nguyên; không hiện số liệu cả nước cho một vùng\n"
        in trend.err
    )


@pytest.mark.slow
def test_help_in_vietnamese(wide):
    from tests.conftest import shell

    def words(command: str, **env: str) -> str:
        done = shell(command, **env)
        assert done.returncode == 0, done.stderr
        return " ".join(done.stdout.split())  # Click wraps at its own width

    ranked = words("dtikit rank --help --lang vi")
    assert "Xếp hạng các tỉnh, thành phố trong một năm, kèm thay đổi hạng và điểm so với một năm trước." in ranked
    assert "-y, --year <số nguyên> Năm cần xếp hạng (với DTI: năm được đo" in ranked and "[bắt buộc]" in ranked
    assert "Cách dùng: dtikit rank [TÙY CHỌN]" in ranked and "-h, --help Hiện hướng dẫn này rồi thoát." in ranked
    listed = words("dtikit --help", LANG="vi_VN.UTF-8")
    assert "Chỉ số chuyển đổi số cấp tỉnh (DTI) của Việt Nam: xếp hạng, khoảng cách đến mục tiêu, nguồn." in listed
    english = words("dtikit rank --help", LANG="en_US.UTF-8", DTIKIT_LANG="")
    assert "Rank provinces in a year, with rank and score changes since an earlier year." in english
    assert "Usage: dtikit rank [OPTIONS]" in english and "-y, --year <int> Year to rank (of the DTI" in english


@pytest.mark.slow
def test_map_and_report_follow_the_language_of_the_run(cli, wide, monkeypatch, tmp_path):
    assert cli("map", "--year", "2022", "-o", str(tmp_path / "en.svg")).code == 0
    assert "Rank (1 = first)" in (tmp_path / "en.svg").read_text(encoding="utf-8")
    assert cli("report", "--year", "2022", "-o", str(tmp_path / "en.html")).code == 0
    assert '<html lang="en"' in (tmp_path / "en.html").read_text(encoding="utf-8")
    monkeypatch.setenv("DTIKIT_LANG", "vi")
    assert cli("map", "--year", "2022", "-o", str(tmp_path / "vi.svg")).code == 0
    assert "Xếp hạng (1 = cao nhất)" in (tmp_path / "vi.svg").read_text(encoding="utf-8")
    assert cli("report", "--year", "2022", "-o", str(tmp_path / "vi.html")).code == 0
    assert '<html lang="vi"' in (tmp_path / "vi.html").read_text(encoding="utf-8")
    assert cli("map", "--year", "2022", "-o", str(tmp_path / "own.svg"), "--lang", "en").code == 0
    assert "Rank (1 = first)" in (tmp_path / "own.svg").read_text(encoding="utf-8")  # an explicit --lang still wins


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "-y", "2022", "--vs", "2020"],
        ["gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022"],
        ["trend", "--region", "Tây Nguyên"],
        ["profile", "-p", "Đắk Lắk"],
        ["profile", "-p", "Đắk Lắk", "--indicators"],
        ["compare", "Kon Tum", "Gia Lai", "Đắk Lắk"],
        ["sources", "-p", "Kon Tum", "-y", "2022"],
    ],
)
def test_csv_is_byte_identical_in_both_languages(cli, wide, args):
    vietnamese, english = cli(*args, "-f", "csv", "--lang", "vi"), cli(*args, "-f", "csv", "--lang", "en")
    assert vietnamese.code == english.code == 0 and vietnamese.out == english.out and english.out


def test_store_errors_in_vietnamese(cli, tmp_path):
    missing = tmp_path / "nowhere"
    result = cli("rank", "-y", "2022", "--data", str(missing), "--lang", "vi")
    assert result.code == 1
    assert result.err == (
        f"dtikit: lỗi: --data {missing}: không có thư mục này; hãy chỉ một thư mục kho "
        "('dtikit ingest FILE --data DIR' tạo kho; 'dtikit store path' cho biết kho mặc định)\n"
    )
    english = cli("rank", "-y", "2022", "--data", str(missing), "--lang", "en")
    assert english.err.startswith(f"dtikit: error: --data {missing}: no such folder; give a store folder")


def test_vietnamese_tables_name_units_and_kinds_in_vietnamese(cli, wide):
    table = cli("rank", "-y", "2022", "--top", "1", "-f", "table", "--lang", "vi").out
    lines = table.splitlines()
    header = next(line for line in lines if "tỉnh, thành phố" in line)
    first = next(row for row in lines if "Đà Nẵng" in row)
    assert "điểm 0-1" in header and "căn cứ" in header
    assert "công bố" in first and "published" not in first
    trend = cli("trend", "-f", "table", "--lang", "vi").out
    assert "DTI quốc gia" in trend and "trung vị" in trend and "national_dti" not in trend
    assert "published" in cli("rank", "-y", "2022", "--top", "1", "-f", "csv", "--lang", "vi").out


def test_help_follows_each_run_in_one_process(cli, wide):
    """Some help texts (``cli/options.py``) are set when the CLI's modules are imported: a later run in
    the other language (a test, a notebook) must not keep the earlier run's."""
    assert "Store folder to write" in cli("ingest", "--help", "--lang", "en").out
    vietnamese = cli("ingest", "--help", "--lang", "vi").out
    assert "Thư mục kho dữ liệu để ghi" in vietnamese and "Store folder to write" not in vietnamese
    english = cli("ingest", "--help", "--lang", "en").out
    assert "Store folder to write" in english and "Thư mục kho" not in english


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "no Digital economy pillar value held for Kon Tum, Gia Lai"),
        ("vi", "không có giá trị Trụ cột Kinh tế số nào của Kon Tum, Gia Lai"),
    ],
)
def test_compare_of_provinces_holding_no_value_says_so(cli, wide, lang, said):
    """Not an empty table under a title: the bundled data holds no pillar score of Kon Tum or Gia Lai."""
    done = cli("compare", "Kon Tum", "Gia Lai", "-i", "dti_econ", "-f", "csv", "--lang", lang)
    assert done.code == 1 and done.out == "" and said in done.err, done.err
