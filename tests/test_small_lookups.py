"""Small lookups of every query command are made in Python; each must answer what the Polars code it
replaced answers.

The references below are that code, kept as it was (a filter, a unique, a sort, a shift, a
``with_columns``: each a query of about 0.3 ms). Each runs on random frames with missing values,
repeated keys and foreign rows, and must give the same answer: the same list, order and types.
"""

from __future__ import annotations

import random

import polars as pl

from dtikit.catalog import Catalog
from dtikit.provinces import ProvinceNames
from dtikit.queries import _bases_of, _basis, _shifted, _sources_of, _years_held
from dtikit.ranking import ranked_years
from dtikit.ranks import geography_provinces, held_values
from dtikit.storage import Store, default_data_dir
from tests.stores import made_store, user_values

NAMES = ["Hà Nội", "Đà Nẵng", "Huế", "Kon Tum", "Cà Mau", "Cao Bằng", None]


class _Store:
    """The reads the lookups make, of given frames."""

    def __init__(self, **tables: pl.DataFrame) -> None:
        self._tables = tables

    def values(self, *, indicators: list[str], geography: int | None) -> pl.DataFrame:
        return self._tables["values"]

    def provinces(self) -> pl.DataFrame:
        return self._tables["provinces"]

    def aliases(self) -> pl.DataFrame:
        return self._tables["aliases"]


def _old_sources_of(store, ids, geography, provinces=None, years=None) -> list[dict[str, str]]:
    values = store.values(indicators=sorted({i for i in ids if i}), geography=geography)
    if provinces is not None:
        values = values.filter(pl.col("province").is_in(provinces))
    if years is not None:
        values = values.filter(pl.col("year").is_in([y for y in years if y is not None]))
    pairs = values.select(kind=pl.col("source_kind").fill_null(""), source=pl.col("source").fill_null(""))
    return pairs.unique().sort(pl.col("kind") == "user", "kind", "source").to_dicts()


def test_sources_are_those_the_query_found() -> None:
    rnd = random.Random(1)
    schema = {"province": pl.String, "year": pl.Int16, "source_kind": pl.String, "source": pl.String}
    found_some = 0
    for _ in range(300):
        rows = [
            (
                rnd.choice(NAMES),
                rnd.choice([2020, 2021, 2022, None]),
                rnd.choice(["user", "press", "official", "website", "", None]),
                rnd.choice(["a", "b", "B", "ä", "Đ", "", None]),
            )
            for _ in range(rnd.randint(0, 30))
        ]
        store = _Store(values=pl.DataFrame(rows, schema=schema, orient="row"))
        provinces = None if rnd.random() < 0.3 else rnd.sample(NAMES[:-1], rnd.randint(0, 3))
        years = None if rnd.random() < 0.3 else rnd.sample([2020, 2021, 2023, None], rnd.randint(0, 3))
        found = _sources_of(store, ["x"], 63, provinces, years)
        assert found == _old_sources_of(store, ["x"], 63, provinces, years), (rows, provinces, years)
        found_some += len(found) > 1
    assert found_some > 100


def test_years_bases_and_counts_are_those_the_query_found() -> None:
    rnd = random.Random(2)
    schema = {
        "year": pl.Int16,
        "province": pl.String,
        "rank": pl.Int32,
        "rank_basis": pl.String,
        "ranked_of": pl.Int32,
    }
    for _ in range(300):
        rows = [
            (
                rnd.choice([2019, 2020, 2021, 2022, None]),
                rnd.choice(NAMES),
                rnd.choice([1, 2, 2, 5, None]),
                rnd.choice(["published", "computed", "computed among held", None]),
                rnd.choice([63, 34, 12, None]),
            )
            for _ in range(rnd.randint(0, 25))
        ]
        ranks = pl.DataFrame(rows, schema=schema, orient="row")
        expected = ranks.filter(pl.col("rank").is_not_null())["year"].unique().sort().to_list()
        assert ranked_years(ranks) == expected, rows
        assert _basis(ranks) == sorted(ranks["rank_basis"].drop_nulls().unique().to_list())
        held = _years_held(ranks)
        assert held == {"years": expected, "ranked_of": ranks["ranked_of"].drop_nulls().max()}
        assert type(held["ranked_of"]) is type(ranks["ranked_of"].drop_nulls().max())
        province = rnd.choice(NAMES[:-1])
        mine = ranks.filter(pl.col("province") == province)
        basis = sorted(mine["rank_basis"].drop_nulls().unique().to_list())
        assert _bases_of(ranks, province) == (basis, sorted(mine["ranked_of"].drop_nulls().unique().to_list()))


def _provinces(rnd: random.Random) -> pl.DataFrame:
    rows = [
        (rnd.choice([63, 34, 64]), name, rnd.choice(["N", "S", None]))
        for name in rnd.sample(NAMES[:-1] * 2, rnd.randint(0, 10))
    ]
    schema = {"geography": pl.Int16, "province": pl.String, "region": pl.String}
    return pl.DataFrame(rows, schema=schema, orient="row")


def test_units_and_names_of_a_map_are_those_a_filter_found() -> None:
    rnd = random.Random(3)
    for _ in range(300):
        provinces = _provinces(rnd)
        aliases = pl.DataFrame(
            [
                (rnd.choice([63, 34]), rnd.choice(["hn", "dn", "kt", "x"]), rnd.choice(NAMES[:-1]))
                for _ in range(rnd.randint(0, 10))
            ],
            schema={"geography": pl.Int16, "key": pl.String, "province": pl.String},
            orient="row",
        )
        store = _Store(provinces=provinces, aliases=aliases)
        geography = rnd.choice([63, 34, 61])
        expected = provinces.filter(pl.col("geography") == geography).select("province", "region")
        found = geography_provinces(store, geography)
        assert found.schema == expected.schema and found.equals(expected), (provinces, geography)
        names = ProvinceNames(store, geography)
        mine = aliases.filter(pl.col("geography") == geography)
        assert names._by_key == dict(zip(mine["key"], mine["province"], strict=True))
        assert names.canonical == expected["province"].to_list()


def test_headline_is_the_one_a_filter_found() -> None:
    rnd = random.Random(5)
    table = Store(default_data_dir()).indicators()
    for _ in range(50):
        roles = [rnd.choice([None, None, None, "headline", "other"]) for _ in range(table.height)]
        if "headline" not in roles:
            roles[rnd.randrange(len(roles))] = "headline"
        shuffled = table.with_columns(role=pl.Series(roles, dtype=pl.String))
        expected = shuffled.filter(pl.col("role") == "headline")["indicator"].to_list()[0]
        assert Catalog(shuffled).headline().id == expected


def test_a_column_shifted_and_added_as_polars_does() -> None:
    rnd = random.Random(6)
    for _ in range(200):
        values = [rnd.choice([0.5, None, float("nan"), -0.0]) for _ in range(rnd.randint(0, 6))]
        column = pl.Series("score", values, dtype=pl.Float64)
        assert repr(_shifted(column)) == repr(column.shift(1).to_list())
        frame = pl.DataFrame({"a": list(range(len(values)))}, schema={"a": pl.Int64})
        added = pl.Series("change", [str(v) for v in values], dtype=pl.String)
        assert frame.hstack([added]).equals(frame.with_columns(added))


def test_held_values_are_the_rows_the_store_gives(tmp_path) -> None:
    rnd = random.Random(8)
    places = Store().provinces().filter(pl.col("geography") == 63)["province"].to_list()[:20]
    rows = [
        (p, y, i, rnd.choice([0.5, 1.0, float("nan"), 2.0]))
        for p in places
        for y in (2020, 2021, 2022)
        for i in ("ind_a", "ind_b", "ind_c", "ind_a_rank", "ind_a_region")
        if rnd.random() < 0.7
    ]
    root = tmp_path / "store"
    made_store(root, values=user_values(rows))
    ids = ["ind_a", "ind_b", "ind_c", "ind_a_rank", "ind_a_region", "dti", "dti_rank", "absent", "", None]
    for _ in range(60):
        store = Store(root)
        for _ in range(rnd.randint(1, 6)):
            asked = rnd.sample(ids, rnd.randint(1, 6))
            geography = rnd.choice([63, 63, 34])
            found = held_values(store, asked, geography)
            expected = Store(root).values(indicators=[i or "" for i in asked], geography=geography)
            assert found.schema == expected.schema
            assert found.equals(expected), (asked, geography)
