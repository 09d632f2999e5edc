"""Provinces in Vietnamese alphabetical order wherever names are listed for people."""

from __future__ import annotations

import random

import pytest

from dtikit.provinces import alphabetical

# the order of a Vietnamese dictionary: a ă â b c d đ e ê ... o ô ơ ... u ư; a space before any letter
ORDERED = [
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bạc Liêu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bến Tre",
    "Bình Dương",
    "Bình Định",
    "Cà Mau",
    "Cao Bằng",
    "Cần Thơ",
    "Đà Nẵng",
    "Đắk Lắk",
    "Điện Biên",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Nội",
    "Hải Dương",
    "Hậu Giang",
    "Ô Môn",
    "Ơn",
    "Ưng",
    "Vĩnh Long",
    "Yên Bái",
]


def test_names_sort_as_a_vietnamese_reader_expects():
    shuffled = ORDERED[:]
    random.Random(23).shuffle(shuffled)
    assert sorted(shuffled, key=alphabetical) == ORDERED


def test_the_same_letters_sort_by_tone_ngang_huyen_hoi_nga_sac_nang():
    tones = ["Ma", "Mà", "Mả", "Mã", "Má", "Mạ"]
    assert sorted(reversed(tones), key=alphabetical) == tones


def test_decomposed_and_composed_names_sort_alike():
    import unicodedata

    assert alphabetical(unicodedata.normalize("NFD", "Đắk Lắk")) == alphabetical("Đắk Lắk")


@pytest.mark.parametrize("command", [["provinces", "--geography", "34"], ["rank", "--year", "2023"]])
def test_listings_are_in_vietnamese_order(cli, command):
    rows = [line.split(",") for line in cli(*command, "--format", "csv").out.splitlines()[1:]]
    # rank: the provinces without a rank are listed by name
    names = [r[2] for r in rows if r[1] == ""] if command[0] == "rank" else [r[0] for r in rows]
    assert len(names) > 10
    positions = {name: ORDERED.index(name) for name in names if name in ORDERED}
    assert list(positions.values()) == sorted(positions.values()), positions
    assert len(positions) >= 4
