"""An ingest that leaves a year's published ranks inconsistent is said, naming the provinces."""

from __future__ import annotations

from dtikit.ingest.run import Options, ingest


def _ingest(tmp_path, rows: str, name: str = "ranks.csv"):
    file = tmp_path / name
    file.write_text("Tỉnh,Năm,Xếp hạng\n" + rows, encoding="utf-8")
    return ingest([str(file)], str(tmp_path / f"store-{name}"), Options(), replace=True)


def test_a_replaced_rank_that_makes_an_unpublished_tie_is_a_warning(tmp_path):
    result = _ingest(tmp_path, "Kon Tum,2022,44\n")  # published: Sơn La 44, Kon Tum 45
    assert result.written and result.counts["conflict"] == 1
    assert result.warnings == [
        "dti_rank 2022: Kon Tum and Sơn La both rank 44 and no province ranks 45: a tie the source publishes is "
        "kept as it is, otherwise one of these ranks is wrong ('dtikit sources --conflicts' shows what was replaced)"
    ]


def test_a_tie_with_a_rank_inside_it_names_the_province_in_between(tmp_path):
    result = _ingest(tmp_path, "Kon Tum,2022,43\n")  # 43 is Đồng Nai's; 44 Sơn La stays
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert "Kon Tum and Đồng Nai both rank 43 while Sơn La 44 (a tie at 43 skips to 45)" in warning


def test_published_ties_and_consistent_changes_say_nothing(tmp_path):
    assert _ingest(tmp_path, "Kon Tum,2022,45\n").warnings == []  # the published rank again
    swapped = _ingest(tmp_path, "Kon Tum,2022,44\nSơn La,2022,45\n", "swap.csv")  # two ranks swapped
    assert swapped.warnings == []


def test_the_cli_says_it_as_a_warning(cli, tmp_path):
    file = tmp_path / "kt.csv"
    file.write_text("Tỉnh,Năm,Xếp hạng\nKon Tum,2022,44\n", encoding="utf-8")
    result = cli("ingest", str(file), "--data", str(tmp_path / "store"), "--replace")
    assert result.code == 0 and result.out == ""
    assert "dtikit: warning: dti_rank 2022: Kon Tum and Sơn La both rank 44 and no province ranks 45" in result.err


def test_ties_a_file_publishes_for_new_ranks_say_nothing(tmp_path):
    """A new indicator's published ranks with ties (6, 6, 8) are as published: no warning."""
    file = tmp_path / "pci.csv"
    file.write_text(
        "Tỉnh,Năm,Điểm PCI,Xếp hạng\nHà Nội,2021,70,6\nBạc Liêu,2021,70,6\nCà Mau,2021,69,8\n", encoding="utf-8"
    )
    result = ingest([str(file)], str(tmp_path / "store"), Options(new_indicators=True), replace=True)
    assert result.written and result.warnings == []
