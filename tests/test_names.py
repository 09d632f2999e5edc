"""Every way of writing a province resolves to its canonical name (docs/reference/names.md)."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dtikit.errors import UsageError
from dtikit.names import fold
from dtikit.provinces import ProvinceNames, resolve_region

VARIANTS = {
    "Hồ Chí Minh": [
        "TP.HCM",
        "TP. Hồ Chí Minh",
        "Thành phố Hồ Chí Minh",
        "HCM",
        "tphcm",
        "Hồ Chí Minh",
        "Sài Gòn",
        "Sai Gon",
        "Ho Chi Minh City",
        "ho chi minh",
    ],
    "Thừa Thiên Huế": ["Thừa Thiên Huế", "Thừa Thiên - Huế", "Huế", "Tỉnh Thừa Thiên Huế", "thua thien hue", "TT Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa - Vũng Tàu", "BR-VT", "Bà Rịa Vũng Tàu", "ba ria vung tau", "BRVT"],
    "Đắk Lắk": ["Đắk Lắk", "Đăk Lăk", "Dak Lak", "Daklak", "tỉnh Đắk Lắk", "ĐẮK LẮK"],
    "Kon Tum": ["Kon Tum", "kon tum", "Kontum", "KON TUM", "Tỉnh Kon Tum"],
    "Hòa Bình": ["Hòa Bình", "Hoà Bình", "Hoa Binh"],
    "Thanh Hóa": ["Thanh Hóa", "Thanh Hoá", "thanh hoa"],
    "Khánh Hòa": ["Khánh Hòa", "Khánh Hoà"],
    "Đà Nẵng": ["TP. Đà Nẵng", "Thành phố Đà Nẵng", "Da Nang", "Danang", "Da Nang City"],
    "Bắc Kạn": ["Bắc Kạn", "Bắc Cạn", "Bac Kan"],
    "Hà Nội": ["Hà Nội", "Ha Noi", "Hanoi"],
}


@pytest.fixture(scope="module")
def names(store):
    return ProvinceNames(store)


@pytest.mark.parametrize(("canonical", "variant"), [(c, v) for c, vs in VARIANTS.items() for v in vs])
def test_variant_resolves(names, canonical, variant):
    assert names.resolve(variant) == canonical


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKD"])
def test_every_canonical_name_in_every_unicode_form(names, form):
    for canonical in names.canonical:
        assert names.resolve(unicodedata.normalize(form, canonical)) == canonical
        assert names.resolve(canonical.upper()) == canonical


def test_there_are_63_distinct_provinces(names):
    assert len(set(names.canonical)) == 63


def test_unknown_name_suggests_the_closest(names):
    with pytest.raises(UsageError, match="did you mean 'Kon Tum'"):
        names.resolve("Kon Tom")
    with pytest.raises(UsageError, match="unknown province 'Atlantis'"):
        names.resolve("Atlantis")


def test_empty_name_is_an_error(names):
    with pytest.raises(UsageError):
        names.resolve("   ")


def test_new_tone_placement_and_old_fold_alike():
    assert fold("Thủy") == fold("Thuỷ") == "thuy"
    assert fold("Quảng Ngãi") == "quangngai"


@pytest.mark.parametrize("region", ["Tây Nguyên", "tay nguyen", "Central Highlands", "TÂY NGUYÊN"])
def test_region_names(store, region):
    assert resolve_region(store, region) == "Tây Nguyên"


def test_unknown_region_lists_the_regions(store):
    with pytest.raises(UsageError, match="Tây Nguyên"):
        resolve_region(store, "Atlantis")


@pytest.mark.slow
@given(st.text(max_size=40))
def test_fold_is_stable_under_case_and_normal_form(text):
    assert fold(unicodedata.normalize("NFD", text)) == fold(unicodedata.normalize("NFC", text))
    assert fold(fold(text)) == fold(text) or fold(text) == ""
