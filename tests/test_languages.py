"""Vietnamese and English for people; machine formats unchanged by the language."""

from __future__ import annotations

import pytest

from dtikit.messages import AREAS, catalog


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


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def test_vietnamese_tables_from_lang_or_the_environment(cli, monkeypatch):
    monkeypatch.delenv("DTIKIT_LANG", raising=False)
    monkeypatch.setenv("LANG", "vi_VN.UTF-8")
    table = cli("gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022", "-f", "table").out
    assert "còn thiếu" in table and "0,7024" in table and "✗ không" in table and "✓ có" in table
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    english = cli("gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022", "-f", "table").out
    assert "places" in english and "0.7024" in english and "✗ no" in english
    assert cli("gap", "-p", "Quảng Ninh", "-t", "2", "-y", "2022", "-f", "table", "--lang", "vi").out == table
    monkeypatch.setenv("DTIKIT_LANG", "vi")
    counts = cli("profile", "-p", "Đắk Lắk", "--indicators", "-f", "table").out
    assert "2.587.362" in counts and "139,5%" in counts  # Vietnamese thousands and decimals


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "ndjson", "markdown"])
def test_machine_formats_are_byte_identical_in_both_languages(cli, fmt):
    args = ["rank", "-y", "2022", "--region", "Tây Nguyên", "-f", fmt]
    assert cli(*args, "--lang", "vi").out == cli(*args, "--lang", "en").out


def test_an_unknown_language_is_a_usage_error(cli):
    result = cli("rank", "-y", "2022", "--lang", "fr")
    assert result.code == 2 and result.err == "dtikit: usage error: --lang 'fr': choose vi or en\n"
