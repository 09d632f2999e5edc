"""ingest and validate in Vietnamese: errors, notes and help for people; machine formats unchanged."""

from __future__ import annotations

import pytest

from tests.conftest import shell

BAD = "Tỉnh,Năm,Điểm\nKon Tum,2022,0.54\nAtlantis,2022,0.5\nGia Lai,2022,abc\nCả nước,2022,0.6\n"


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "xau.csv"
    path.write_text(BAD, encoding="utf-8")
    return str(path)


@pytest.fixture
def no_year(tmp_path):
    path = tmp_path / "thieu_nam.csv"
    path.write_text("Tỉnh,Điểm\nKon Tum,0.54\nGia Lai,0.5\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def environment(monkeypatch):
    """No language chosen by the environment, unless a test sets one."""
    for name in ("DTIKIT_LANG", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(("dtikit: error:", "dtikit: lỗi:"))]


@pytest.mark.parametrize("how", ["--lang", "LANG"])
def test_errors_of_a_bad_file_in_vietnamese(cli, environment, bad, no_year, tmp_path, how):
    lang = ["--lang", "vi"] if how == "--lang" else []
    if how == "LANG":
        environment.setenv("LANG", "vi_VN.UTF-8")
    store = str(tmp_path / "store")
    result = cli("ingest", bad, "--data", store, *lang)
    assert result.code == 1
    errors = _errors(result.err)
    assert f"dtikit: lỗi: {bad}: dòng 3, cột 'Tỉnh': không có tỉnh, thành phố 'Atlantis'" in errors[0]
    assert f"dtikit: lỗi: {bad}: dòng 4, cột 'Điểm': abc không phải là số" in errors[1]
    assert "đã bỏ qua các dòng không phải là tỉnh, thành phố: 'Cả nước' (dòng 5)" in result.err
    missing = cli("validate", no_year, *lang)
    assert missing.code == 1
    assert f"dtikit: lỗi: {no_year}: dòng 2, cột 'Điểm': thiếu năm: hãy thêm cột năm (Năm/Year)" in missing.err
    assert "(2 ô)" in missing.err


def test_the_same_errors_in_english_are_unchanged(cli, environment, bad, tmp_path):
    result = cli("ingest", bad, "--data", str(tmp_path / "store"), "--lang", "en")
    assert result.code == 1
    errors = _errors(result.err)
    assert errors[0].startswith(f"dtikit: error: {bad}: row 3, column 'Tỉnh': unknown province 'Atlantis'")
    assert errors[1].startswith(f"dtikit: error: {bad}: row 4, column 'Điểm': abc is not a number")
    assert "skipped rows that are not provinces: 'Cả nước' (row 5)" in result.err


def test_vietnamese_notes_of_validate(cli, environment, tmp_path):
    path = tmp_path / "moi.csv"
    path.write_text("Tỉnh,Năm,Điểm thưởng\nKon Tum,2022,5\nGia Lai,2022,7\n", encoding="utf-8")
    result = cli("validate", str(path), "--new-indicators", "--lang", "vi")
    assert result.code == 0, result.err
    assert "chỉ tiêu mới 'diem_thuong' (Điểm thưởng; đơn vị không rõ) sẽ được thêm vào danh mục chỉ tiêu" in result.err
    assert f"{path}: hợp lệ, 2 giá trị" in result.err
    refused = cli("validate", str(path), "--lang", "vi")
    assert refused.code == 1 and "không xác định được cột 'Điểm thưởng'; --new-indicators thêm" in refused.err


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "ndjson"])
def test_validate_machine_formats_are_byte_identical_in_both_languages(cli, environment, bad, no_year, fmt):
    vi = cli("validate", bad, no_year, "--format", fmt, "--lang", "vi")
    en = cli("validate", bad, no_year, "--format", fmt, "--lang", "en")
    assert vi.code == en.code == 1
    assert vi.out == en.out and "abc is not a number" in en.out and "no year: add a year column" in en.out


def test_a_text_said_by_another_module_stays_english_in_machine_formats(cli, environment, bad, monkeypatch):
    from dtikit.messages import language
    from dtikit.provinces import ProvinceNames

    spoken = {"en": "no such province", "vi": "không có tỉnh này"}
    monkeypatch.setattr(ProvinceNames, "unknown", lambda self, name: f"{spoken[language()]} {name!r}")
    vi = cli("validate", bad, "--format", "csv", "--lang", "vi")
    assert vi.out == cli("validate", bad, "--format", "csv", "--lang", "en").out
    assert "no such province 'Atlantis'" in vi.out
    assert "dòng 3, cột 'Tỉnh': không có tỉnh này 'Atlantis'" in cli("validate", bad, "--lang", "vi").err


def test_validate_table_speaks_the_language(cli, environment, bad):
    table = cli("validate", bad, "--format", "table", "--lang", "vi").out
    assert "không phải là số" in table


def test_ingest_dry_run_csv_is_byte_identical_in_both_languages(cli, environment, tmp_path):
    path = tmp_path / "tot.csv"
    path.write_text("Tỉnh,Năm,Điểm\nKon Tum,2022,0.54\nGia Lai,2022,0.5\n", encoding="utf-8")
    args = ["ingest", str(path), "--data", str(tmp_path / "store"), "--dry-run", "--format", "csv"]
    vi, en = cli(*args, "--lang", "vi"), cli(*args, "--lang", "en")
    assert vi.code == en.code == 0 and vi.out == en.out
    assert "sẽ thêm 1, sẽ thay thế 0, đã có 1; chưa ghi gì (chạy thử)" in vi.err  # Kon Tum's 0.54 is held
    assert "would add 1, would replace 0, already held 1; nothing written (dry run)" in en.err


def _help(command: str, lang: str) -> str:
    """The help of ``command`` as one line (the help is wrapped to the terminal's width)."""
    result = shell(command, DTIKIT_LANG="", LC_ALL="", LANG=lang)
    assert result.returncode == 0, result.stderr
    return " ".join(result.stdout.split())


@pytest.mark.slow
def test_help_of_ingest_and_validate_in_vietnamese():
    ingest = _help("dtikit ingest --help --lang vi", "en_US.UTF-8")
    assert "Nhập các bảng chỉ tiêu vào kho dữ liệu" in ingest
    assert "--new-indicators Thêm mỗi cột số chưa biết làm một chỉ tiêu mới, đặt tên theo tiêu đề cột." in ingest
    assert "--year <số nguyên> Năm của các giá trị, khi tệp không ghi năm." in ingest
    validate = _help("dtikit validate -h", "vi_VN.UTF-8")
    assert "Kiểm tra tệp như khi nhập, nhưng không ghi gì" in validate
    english = _help("dtikit ingest --help", "en_US.UTF-8")
    assert "--new-indicators Add each unknown column of numbers as a new indicator named by its header." in english
    assert "--year <int> " in english and "Usage: dtikit ingest [OPTIONS] {files}..." in english


def test_a_new_rank_indicator_is_named_and_its_unit_said_in_vietnamese(cli, tmp_path):
    """A file's 'Xếp hạng' column of a new index 'PCI' was announced as "(PCI rank; đơn vị rank)"."""
    path = tmp_path / "pci.csv"
    path.write_text("Tỉnh,Năm,PCI,Xếp hạng\nHà Nội,2011,59.1,2\nĐà Nẵng,2011,66.9,1\n", encoding="utf-8")
    result = cli("ingest", str(path), "--new-indicators", "--dry-run", "--data", str(tmp_path / "s"), "--lang", "vi")
    assert result.code == 0, result.err
    said = [line for line in result.err.splitlines() if "'pci_rank'" in line]
    assert said and "(Xếp hạng PCI / PCI rank; đơn vị hạng)" in said[0], result.err


def test_the_roles_a_header_can_take_are_said_in_vietnamese_beside_the_words_map_takes(cli, tmp_path):
    path = tmp_path / "u.csv"
    path.write_text("Tinh,Foo\nHà Nội,1\n", encoding="utf-8")
    vi, en = (cli("validate", str(path), "--lang", lang).err for lang in ("vi", "en"))
    assert "province (tỉnh, thành phố): 'Tỉnh/Thành phố'" in vi and "year (năm): 'Năm'" in vi
    assert "province: 'Tỉnh/Thành phố'" in en  # the English run unchanged
