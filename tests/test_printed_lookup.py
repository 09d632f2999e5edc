"""``printed.texts_of`` looks texts up in Python; it must answer what a join of the same keys answers.

The reference below is the join it replaced (one left join per column, nulls equal, the first held
row of a key): both are run on random frames with missing keys, NaN, -0.0, repeated keys and keys
that are literals, and must give the same texts.
"""

from __future__ import annotations

import random

import polars as pl

from dtikit.printed import KEYS, texts_of

VALUES = {
    "province": pl.String,
    "year": pl.Int16,
    "indicator": pl.String,
    "period": pl.String,
    "value": pl.Float64,
    "value_text": pl.String,
}
FRAME = {"province": pl.String, "year": pl.Int64, "prev_year": pl.Int32, "score": pl.Float64}


def _joined(values: pl.DataFrame, frame: pl.DataFrame, keys: dict[str, dict[str, pl.Expr]]) -> pl.DataFrame:
    out = {}
    rows = frame.with_row_index("_row")
    for column, key in keys.items():
        names = [k for k in KEYS if k in key]
        wanted = rows.select("_row", *(key[k].alias(k) for k in names))
        wanted = wanted.with_columns(pl.col(k).cast(values.schema[k]) for k in names)
        found = values.select(*names, "value_text").unique(subset=names, keep="first", maintain_order=True)
        joined = wanted.join(found, on=names, how="left", nulls_equal=True).sort("_row")
        out[column] = joined["value_text"]
    return pl.DataFrame(out, schema=dict.fromkeys(keys, pl.String)) if out else pl.DataFrame()


def test_texts_are_those_a_join_finds() -> None:
    rnd = random.Random(20261207)
    places = ["Kon Tum", "Gia Lai", "Đắk Lắk", None]
    numbers = [0.0, -0.0, 1.5, float("nan"), None, 2.25]
    texts = ["1,5", "0", None, "2,250", "0,0"]
    compared = 0
    for _ in range(400):
        n, m = rnd.randint(0, 12), rnd.randint(0, 8)
        values = pl.DataFrame(
            {
                "province": [rnd.choice(places) for _ in range(n)],
                "year": [rnd.choice([2020, 2021, None]) for _ in range(n)],
                "indicator": [rnd.choice(["x", "y"]) for _ in range(n)],
                "period": [rnd.choice([None, "Q1"]) for _ in range(n)],
                "value": [rnd.choice(numbers) for _ in range(n)],
                "value_text": [rnd.choice(texts) for _ in range(n)],
            },
            schema=VALUES,
        )
        frame = pl.DataFrame(
            {
                "province": [rnd.choice(places) for _ in range(m)],
                "year": [rnd.choice([2020, 2021, None]) for _ in range(m)],
                "prev_year": [rnd.choice([2020, 2021, None]) for _ in range(m)],
                "score": [rnd.choice(numbers) for _ in range(m)],
            },
            schema=FRAME,
        )
        every = {
            "score": {"province": pl.col("province"), "indicator": pl.lit("x"), "year": pl.col("year")},
            "prev": {"province": pl.col("province"), "indicator": pl.lit("y"), "year": pl.col("prev_year")},
            "min": {"indicator": pl.lit("y"), "year": pl.col("year"), "value": pl.col("score")},
            "quarter": {"province": pl.col("province"), "period": pl.lit("Q1"), "year": pl.lit(2020)},
        }
        keys = dict(rnd.sample(list(every.items()), rnd.randint(1, len(every))))
        found = texts_of(values, frame, keys)
        assert found.equals(_joined(values, frame, keys)), (values, frame, keys)
        compared += found.select(pl.all().is_not_null().sum()).sum_horizontal().item()
    assert compared > 500  # the frames found texts, not only missing ones
