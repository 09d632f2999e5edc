"""Build the processed store (``data/processed``) from the published figures in ``data/raw``.

Each raw file keeps one row per source, as published. This module turns them into:

- ``observations.parquet``: one row per (source, province, year, indicator) value, with the
  value as published (``value_text``), its number (``value``, missing when the source gives
  none), unit, source kind, source URL or document, and the raw file and row it came from;
- ``values.parquet``: one row per (geography, province, year, indicator), merged by
  precedence (official > government > press > secondary), with ``n_sources`` and
  ``conflict`` (another source gives a different number);
- reference tables: ``provinces.parquet``, ``aliases.parquet``, ``regions.parquet`` and
  ``indicators.parquet``.

Run it with ``make data`` or ``python -m dtikit.build RAW_DIR OUT_DIR``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import polars as pl

from dtikit import geography
from dtikit import geography as geographies
from dtikit.names import fold
from dtikit.provinces import alphabetical
from dtikit.storage import observation_schema
from dtikit.storage.files import atomic_write_parquet
from dtikit.values import merge_by_precedence, parse_number_column

SOURCE_KINDS = ("official", "government", "press", "secondary")

OBSERVATION_SCHEMA = observation_schema()

_MEASURE_TO_INDICATOR = {"overall": "dti", "gov": "dti_gov", "econ": "dti_econ", "society": "dti_society"}
_SUBINDEX_PREFIX = re.compile(r"^([a-z_]+) \(")
_FRAMEWORK_2020 = {
    "gov: Chuyển đổi nhận thức (2020 framework)": "dti2020_gov_awareness",
    "gov: Thông tin và Dữ liệu số (2020 framework)": "dti2020_gov_data",
    "gov: Hoạt động chính quyền số (2020 framework)": "dti2020_gov_activity",
}
_SEED_INDICATOR_RENAMES = {"dti_score": "dti"}


def source_kind_of(source: pl.Expr) -> pl.Expr:
    """Infer the kind of a source from its URL or document name (for files without the column).

    dti.gov.vn is the ministry's own site (official); any other *.gov.vn host is a government
    portal; huggingface.co is a secondary compiled dataset; everything else (news sites and
    the seed articles) is press.
    """
    host = source.str.extract(r"^https?://([^/]+)", 1).fill_null("")
    return (
        pl.when(host.str.ends_with("dti.gov.vn"))
        .then(pl.lit("official"))
        .when(host.str.ends_with(".gov.vn"))
        .then(pl.lit("government"))
        .when(host.str.contains("huggingface"))
        .then(pl.lit("secondary"))
        .otherwise(pl.lit("press"))
    )


def _read_raw(raw: Path, name: str) -> pl.DataFrame:
    """A raw CSV as strings, with the spreadsheet row number (the header is row 1)."""
    frame = pl.read_csv(raw / name, infer_schema=False, encoding="utf8")
    return frame.with_row_index("raw_row", offset=2).with_columns(
        pl.col("raw_row").cast(pl.Int32), raw_file=pl.lit(name)
    )


def _score_and_rank(frame: pl.DataFrame, indicator: pl.Expr, rank_col: str) -> pl.DataFrame:
    """Split rows that carry a score and a rank into one observation each (rank as ``<id>_rank``)."""
    base = frame.with_columns(indicator.alias("indicator"))
    scores = base.select(pl.exclude(rank_col, "score"), value_text=pl.col("score"), unit=pl.lit("score 0-1"))
    ranks = base.select(
        pl.exclude(rank_col, "score", "indicator"),
        indicator=pl.col("indicator") + "_rank",
        value_text=pl.col(rank_col),
        unit=pl.lit("rank"),
    )
    both = pl.concat([scores, ranks], how="diagonal_relaxed")
    return both.filter(pl.col("value_text").is_not_null() & (pl.col("value_text").str.strip_chars() != ""))


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    """Parse numbers and fill the common columns to the observation schema."""
    if "period" not in frame.columns:
        frame = frame.with_columns(period=pl.col("year"))
    frame = frame.with_columns(
        value=parse_number_column(pl.col("value_text"), rank=pl.col("unit") == "rank"),
        year=pl.col("year").cast(pl.Int16),
    )
    return frame.select(
        [
            pl.col(name).cast(dtype) if name in frame.columns else pl.lit(None, dtype).alias(name)
            for name, dtype in OBSERVATION_SCHEMA.items()
        ]
    )


def published_observations(raw: Path) -> pl.DataFrame:
    """``dti_published.csv``: overall and pillar scores and ranks of the 63 provinces."""
    frame = _read_raw(raw, "dti_published.csv")
    frame = frame.with_columns(
        geography=pl.lit(geographies.DEFAULT),
        source=pl.col("source_url"),
        source_note=pl.when(pl.col("rank_basis") != "stated")
        .then(pl.format("[rank basis: {}] {}", pl.col("rank_basis"), pl.col("source_note")))
        .otherwise(pl.col("source_note")),
    )
    indicator = pl.col("measure").replace_strict(_MEASURE_TO_INDICATOR)
    return _finish(_score_and_rank(frame, indicator, "rank"))


def subindex_observations(raw: Path) -> pl.DataFrame:
    """``dti_subindices.csv``: main-index scores and ranks."""
    frame = _read_raw(raw, "dti_subindices.csv")
    indicator = (
        pl.when(pl.col("subindex").is_in(list(_FRAMEWORK_2020)))
        .then(pl.col("subindex").replace_strict(_FRAMEWORK_2020, default=None))
        .otherwise(pl.lit("dti_") + pl.col("subindex").str.extract(_SUBINDEX_PREFIX.pattern, 1))
    )
    frame = frame.with_columns(
        geography=pl.lit(geographies.DEFAULT),
        source=pl.col("source_url"),
        source_kind=source_kind_of(pl.col("source_url")),
    )
    return _finish(_score_and_rank(frame, indicator, "rank"))


def merged_unit_observations(raw: Path) -> pl.DataFrame:
    """``dti_2024_34units.csv``: DTI 2024 of the 34 units formed in 2025."""
    frame = _read_raw(raw, "dti_2024_34units.csv").rename({"new_province": "province"})
    frame = frame.with_columns(
        geography=pl.lit(geographies.MERGED_2025),
        source=pl.col("source_url"),
        source_kind=source_kind_of(pl.col("source_url")),
    )
    indicator = pl.col("pillar").replace_strict(_MEASURE_TO_INDICATOR)
    return _finish(_score_and_rank(frame, indicator, "rank_of_34"))


def seed_observations(raw: Path) -> pl.DataFrame:
    """``seed_facts.csv``: figures stated in the seed articles (``data/raw/seeds``).

    National rows ("Việt Nam") are not provinces and are left out here. The year of a period
    is the year it ends in ("2021-01-01/2023-07-27" -> 2023, "2023-H1" -> 2023).
    """
    frame = _read_raw(raw, "seed_facts.csv").filter(pl.col("province") != "Việt Nam")
    frame = frame.with_columns(
        geography=pl.lit(geographies.DEFAULT),
        indicator=pl.col("indicator").replace(_SEED_INDICATOR_RENAMES),
        year=pl.col("period").str.split("/").list.last().str.slice(0, 4),
        value_text=pl.col("value"),
        source=pl.format("seed article data/raw/seeds/{}", pl.col("source")),
        source_kind=pl.lit("press"),
        source_note=pl.col("quote"),
    ).drop("value")
    return _finish(frame)


_NATIONAL_MEASURES = {
    "national DTI": "national_dti",
    "provincial DTI average (63 provinces)": "provincial_average",
    "provincial DTI average": "provincial_average",
    "provincial DTI max-min gap": "provincial_max_min_gap",
    "ministries+provinces with DTI >= 0.5": "units_with_dti_over_half",
    "provincial average - digital government pillar": "provincial_average_gov",
    "provincial average - digital economy pillar": "provincial_average_econ",
    "provincial average - digital society pillar": "provincial_average_society",
}
NATIONAL_SCHEMA = {
    "year": pl.Int16,
    "period": pl.String,
    "measure": pl.String,
    "value": pl.Float64,
    "value_text": pl.String,
    "unit": pl.String,
    "source": pl.String,
    "note": pl.String,
    "raw_file": pl.String,
    "raw_row": pl.Int32,
}


def national_table(raw: Path) -> pl.DataFrame:
    """National DTI, provincial averages and other national figures, one row per source.

    From ``dti_national_and_averages.csv`` (a value "NOT FOUND" there stays missing) and the
    national rows ("Việt Nam") of ``seed_facts.csv``.
    """
    published = _read_raw(raw, "dti_national_and_averages.csv").select(
        year=pl.col("year"),
        period=pl.col("year"),
        measure=pl.col("measure").replace_strict(_NATIONAL_MEASURES),
        value_text=pl.col("value"),
        unit=pl.lit("score 0-1"),
        source=pl.coalesce(pl.col("source_url"), pl.lit("seed article data/raw/seeds/003_5cff5225281921e5.txt")),
        note=pl.col("note"),
        raw_file="raw_file",
        raw_row="raw_row",
    )
    seeds = (
        _read_raw(raw, "seed_facts.csv")
        .filter(pl.col("province") == "Việt Nam")
        .select(
            year=pl.col("period").str.slice(0, 4),
            period=pl.col("period"),
            measure=pl.col("indicator"),
            value_text=pl.col("value"),
            unit=pl.col("unit"),
            source=pl.format("seed article data/raw/seeds/{}", pl.col("source")),
            note=pl.col("quote"),
            raw_file="raw_file",
            raw_row="raw_row",
        )
    )
    frame = pl.concat([published, seeds]).with_columns(
        value=pl.col("value_text").cast(pl.Float64, strict=False), year=pl.col("year").cast(pl.Int16)
    )
    return frame.select([pl.col(n).cast(t) for n, t in NATIONAL_SCHEMA.items()])


def target_table(raw: Path) -> pl.DataFrame:
    """Targets held: who (a province or "Việt Nam"), indicator, comparator, target, deadline, source."""
    frame = _read_raw(raw, "targets.csv").with_columns(
        pl.col("target").cast(pl.Float64), pl.col("deadline").cast(pl.Int16), source_kind=pl.lit("bundled")
    )
    bad = frame.filter(~pl.col("comparator").is_in(["<=", "<", ">=", ">", "="]))
    if bad.height:
        raise ValueError(f"targets.csv row {bad['raw_row'][0]}: comparator must be one of <= < >= > =")
    return frame


def province_tables(raw: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The 63 provinces and 34 units, and every name that resolves to one of them."""
    regions = pl.read_csv(raw / "regions.csv", infer_schema=False)
    codes = pl.read_csv(raw / "province_codes.csv", infer_schema=False)
    merger = pl.read_csv(raw / "merger_2025.csv", infer_schema=False)
    old = (
        codes.join(regions, on="province", how="full", coalesce=True, validate="1:1")
        .join(
            merger.rename({"old_province": "province", "new_province": "unit_2025"}).select("province", "unit_2025"),
            on="province",
            how="left",
            validate="1:1",
        )
        .with_columns(geography=pl.lit(geographies.DEFAULT, pl.Int16), predecessors=pl.lit(None, pl.String))
    )
    new = (
        merger.group_by("new_province", maintain_order=True)
        .agg(predecessors=pl.col("old_province").str.join("; "))
        .rename({"new_province": "province"})
        .with_columns(
            geography=pl.lit(geographies.MERGED_2025, pl.Int16),
            code=pl.lit(None, pl.String),
            region=pl.lit(None, pl.String),
            unit_2025=pl.col("province"),
        )
    )
    columns = ["geography", "code", "province", "region", "unit_2025", "predecessors"]
    earlier = _earlier_geographies(old.select(columns))
    provinces = pl.concat([old.select(columns), new.select(columns), earlier]).sort(
        "geography", "code", "province", descending=[True, False, False]
    )
    provinces = _renamed(raw, provinces)
    if provinces.filter(pl.col("geography") == geographies.DEFAULT).select(pl.col("code").is_null().any()).item():
        raise ValueError("a province in regions.csv has no code in province_codes.csv")
    aliases = pl.read_csv(raw / "province_aliases.csv", infer_schema=False).with_columns(
        pl.col("geography").cast(pl.Int16)
    )
    held = int(old["geography"][0])
    aliases = pl.concat([aliases, _earlier_aliases(aliases, earlier, held), _later_aliases(aliases, held)]).unique(
        maintain_order=True
    )
    names = pl.concat(
        [
            provinces.select("geography", "province", alias=pl.col("province")),
            aliases.select("geography", "province", "alias"),
        ]
    )
    names = names.with_columns(key=pl.col("alias").map_elements(fold, return_dtype=pl.String)).unique(
        ["geography", "key", "province"]
    )
    clashes = names.group_by("geography", "key").agg(pl.col("province").n_unique().alias("n")).filter(pl.col("n") > 1)
    if clashes.height:
        raise ValueError(f"names that fold to the same key name different provinces: {clashes.to_dicts()}")
    return provinces, names.select("geography", "key", "alias", "province").sort("geography", "key")


def _earlier_geographies(latest: pl.DataFrame) -> pl.DataFrame:
    """The units of the geographies before ``latest``'s (``dtikit.geography``: 61, 64), each with its region,
    what it is or became in 2025 (followed through every change: Hà Tây, Hà Nội; the undivided Đắk Lắk,
    Đắk Lắk; Lâm Đồng) and its code where the geography has a code list of its time (that of the same unit
    in ``latest``, else its own in ``units.csv``: Hà Tây 28); a code not held stays missing."""
    held = int(latest["geography"][0])
    frames = []
    for ident in geography.ids():
        if geography.geography(ident).start >= geography.geography(held).start:
            continue
        names = geography.names(ident)
        same = [n for n in names if geography.same_unit(ident, n, held, n)]
        regions = pl.Series([geography.region_of(ident, n) for n in names], dtype=pl.String)  # units.csv
        codes = pl.Series([geography.code_of(ident, n) for n in names], dtype=pl.String)
        became = [
            "; ".join(sorted(geography.counterparts(ident, n, geography.MERGED_2025), key=alphabetical)) for n in names
        ]
        listed = bool(geography.geography(ident).codes)
        frames.append(
            pl.DataFrame({"province": names}, schema={"province": pl.String})
            .join(latest.filter(pl.col("province").is_in(same)).drop("geography"), on="province", how="left")
            .with_columns(
                geography=pl.lit(ident, pl.Int16),
                region=pl.coalesce("region", regions),
                code=pl.coalesce(pl.col("code") if listed else pl.lit(None, pl.String), codes),
                unit_2025=pl.Series(became, dtype=pl.String).replace("", None),
            )
            .select(latest.columns)
        )
    return pl.concat(frames) if frames else latest.clear()


def _earlier_aliases(aliases: pl.DataFrame, earlier: pl.DataFrame, held: int) -> pl.DataFrame:
    """The aliases of names of geography ``held``, for the same names in the earlier geographies."""
    latest = aliases.filter(pl.col("geography") == held)
    return (
        earlier.select("geography", "province")
        .join(latest.drop("geography"), on="province", how="inner")
        .select(aliases.columns)
    )


def _later_aliases(aliases: pl.DataFrame, held: int) -> pl.DataFrame:
    """The aliases of names of geography ``held`` for the units of the later geographies (34) that bear the
    same name ('Đắc Lắk' for the Đắk Lắk of 2025) or are the same unit renamed ('TT-Huế' for Huế)."""
    latest = aliases.filter(pl.col("geography") == held)
    frames = []
    for ident in geography.ids():
        if geography.geography(ident).start <= geography.geography(held).start:
            continue
        later = set(geography.names(ident))
        named = {p: geography.name_in(held, p, ident) for p in latest["province"].unique()}
        named = {p: n if n in later else (p if p in later else None) for p, n in named.items()}
        frames.append(
            latest.with_columns(
                province=pl.col("province").replace_strict(named, return_dtype=pl.String),
                geography=pl.lit(ident, latest.schema["geography"]),
            ).filter(pl.col("province").is_not_null())
        )
    return pl.concat(frames).select(aliases.columns) if frames else aliases.clear()


def _renamed(raw: Path, provinces: pl.DataFrame) -> pl.DataFrame:
    """``renamed_on`` (ISO date) and ``renamed_by`` (the act) of a province that became its 2025 unit
    apart from the merger (Thừa Thiên Huế, Huế from 1 January 2025): on its row and on its unit's."""
    renamed = pl.read_csv(raw / "renamed_2025.csv", infer_schema=False).select(
        "province", "unit_2025", renamed_on="effective", renamed_by="act"
    )
    by_unit = renamed.select(unit="unit_2025", unit_on="renamed_on", unit_by="renamed_by")
    return (
        provinces.join(renamed.drop("unit_2025"), on="province", how="left")
        .join(
            by_unit,
            left_on=pl.when(pl.col("geography") == geographies.MERGED_2025).then("province"),
            right_on="unit",
            how="left",
        )
        .with_columns(renamed_on=pl.coalesce("renamed_on", "unit_on"), renamed_by=pl.coalesce("renamed_by", "unit_by"))
        .drop("unit_on", "unit_by", "unit", strict=False)
    )


def region_table(raw: Path) -> pl.DataFrame:
    """The 6 socio-economic regions with English names and the keys of their aliases."""
    regions = pl.read_csv(raw / "region_names.csv", infer_schema=False)
    return regions.with_columns(
        keys=pl.concat_list(
            pl.col("region"), pl.col("name_en"), pl.col("aliases").fill_null("").str.split("|")
        ).list.eval(pl.element().filter(pl.element() != "").map_elements(fold, return_dtype=pl.String))
    ).drop("aliases")


def _rank_id_of(indicator: pl.Expr) -> pl.Expr:
    """The id of a published rank of an indicator: 'ebi_score' -> 'ebi_rank', 'x_share' -> 'x_share_rank'."""
    return (
        pl.when(indicator.str.ends_with("_score"))
        .then(indicator.str.replace(r"_score$", "_rank"))
        .otherwise(indicator + "_rank")
    )


def _boolean(text: pl.Expr) -> pl.Expr:
    return text.replace_strict({"true": True, "false": False}, default=None, return_dtype=pl.Boolean)


def indicator_table(raw: Path) -> pl.DataFrame:
    """The indicator catalog: dtikit's own ``indicators.csv`` and the researched ``indicator_catalog.csv``.

    For an id in both, dtikit's names and unit are kept (files and users already name it so) and
    the researched names become aliases; direction, definition and publisher are the researched
    ones. An indicator with published positions (``indicators_published.csv``) gets its rank id.
    """
    own = pl.read_csv(raw / "indicators.csv", infer_schema=False)
    researched = pl.read_csv(raw / "indicator_catalog.csv", infer_schema=False)
    both = own.join(researched, on="indicator", how="full", coalesce=True, suffix="_r")
    differ = [
        pl.when(pl.col(f"{c}_r") != pl.col(c)).then(pl.col(f"{c}_r").str.replace_all(r"\|", "/"))
        for c in ("name_vi", "name_en")
    ]
    both = both.with_columns(
        name_vi=pl.coalesce("name_vi", "name_vi_r"),
        name_en=pl.coalesce("name_en", "name_en_r"),
        unit=pl.coalesce("unit", "unit_r"),
        higher_is_better=pl.when(pl.col("definition").is_not_null())
        .then(pl.col("higher_is_better_r"))
        .otherwise(pl.col("higher_is_better")),
        publisher=pl.coalesce("publisher", "publisher_r") if "publisher_r" in both.columns else pl.col("publisher"),
        kind=pl.coalesce(
            "kind",
            pl.when(pl.col("indicator").str.ends_with("_rank"))
            .then(pl.lit("rank"))
            .when(pl.col("indicator").str.starts_with("target_"))
            .then(pl.lit("target"))
            .otherwise(pl.lit("value")),
        ),
        aliases=pl.concat_str([pl.col("aliases"), *differ], separator="|", ignore_nulls=True).replace("", None),
    )
    both = both.drop([c for c in both.columns if c.endswith("_r")])
    published = pl.read_csv(raw / "indicators_published.csv", infer_schema=False)
    ranked = published.filter(pl.col("rank").is_not_null() & ~pl.col("indicator").str.ends_with("_rank"))
    ranked = ranked.select("indicator").unique().with_columns(rank_id=_rank_id_of(pl.col("indicator")))
    both = both.join(ranked, on="indicator", how="left", suffix="_p").with_columns(
        rank_id=pl.coalesce("rank_id", "rank_id_p")
    )
    new_ranks = (
        ranked.join(both.select("indicator"), left_on="rank_id", right_on="indicator", how="anti")
        .join(both, on="indicator")
        .select(
            indicator="rank_id",
            name_vi=pl.lit("Xếp hạng ") + pl.col("name_vi"),
            name_en=pl.col("name_en") + " rank",
            unit=pl.lit("rank"),
            higher_is_better=pl.lit("false"),
            kind=pl.lit("rank"),
            publisher="publisher",
            definition=pl.format("Position of the province by {} (1 = best), as published.", pl.col("indicator")),
        )
    )
    catalog = pl.concat([both.drop("rank_id_p"), new_ranks], how="diagonal_relaxed")
    catalog = catalog.with_columns(higher_is_better=_boolean(pl.col("higher_is_better")))
    order = own["indicator"].to_list()
    rest = sorted(set(catalog["indicator"]) - set(order))
    position = {ident: i for i, ident in enumerate([*order, *rest])}
    return catalog.sort(pl.col("indicator").replace_strict(position, return_dtype=pl.Int32))


def other_indicator_observations(raw: Path) -> pl.DataFrame:
    """``indicators_published.csv``: published figures beyond the DTI, one row per source.

    A figure whose reference year the source does not state keeps its period text and no year.
    A published position (``rank``, of ``rank_of`` when printed) is an observation of the
    indicator's rank id, as published; no other rank is derived.
    """
    frame = _read_raw(raw, "indicators_published.csv").with_columns(
        geography=pl.lit(geographies.DEFAULT), source=pl.col("source_url")
    )
    is_rank = pl.col("indicator").str.ends_with("_rank")
    position = pl.when(pl.col("rank_of").is_not_null()).then(pl.format("{}/{}", "rank", "rank_of")).otherwise("rank")
    values = frame.filter(pl.col("value").is_not_null()).with_columns(
        value_text=pl.when(is_rank & pl.col("rank").is_not_null()).then(position).otherwise("value"),
        unit=pl.when(is_rank).then(pl.lit("rank")).otherwise("unit"),
    )
    ranks = frame.filter(pl.col("rank").is_not_null() & (~is_rank | pl.col("value").is_null())).with_columns(
        indicator=pl.when(is_rank).then("indicator").otherwise(_rank_id_of(pl.col("indicator"))),
        value_text=position,
        unit=pl.lit("rank"),
    )
    return _finish(pl.concat([values, ranks], how="diagonal_relaxed"))


def statement_observations(raw: Path) -> pl.DataFrame:
    """``indicators_statements.csv``: statements that are not values ("below 10%"): text, no number."""
    frame = _read_raw(raw, "indicators_statements.csv").with_columns(
        geography=pl.lit(geographies.DEFAULT),
        source=pl.col("source_url"),
        value_text=pl.col("statement"),
        unit=pl.lit("statement"),
    )
    return _finish(frame).with_columns(value=pl.lit(None, pl.Float64))


def check_observations(obs: pl.DataFrame, provinces: pl.DataFrame, indicators: pl.DataFrame) -> None:
    """Refuse to build a store with unknown provinces, indicators or source kinds."""
    unknown = obs.join(provinces, on=["geography", "province"], how="anti")
    if unknown.height:
        row = unknown.row(0, named=True)
        raise ValueError(f"{row['raw_file']} row {row['raw_row']}: unknown province {row['province']!r}")
    unknown = obs.join(indicators, on="indicator", how="anti")
    if unknown.height:
        row = unknown.row(0, named=True)
        raise ValueError(
            f"{row['raw_file']} row {row['raw_row']}: indicator {row['indicator']!r} not in indicators.csv"
        )
    bad_kind = obs.filter(~pl.col("source_kind").is_in(SOURCE_KINDS))
    if bad_kind.height:
        row = bad_kind.row(0, named=True)
        raise ValueError(f"{row['raw_file']} row {row['raw_row']}: unknown source kind {row['source_kind']!r}")


# a seed article as the raw files name it: its file in data/raw/seeds, with or without a prefix
_SEED_FILE = r"(?:seed article data/raw/seeds/|seed )?(\d{3}_[0-9a-f]{16}\.txt)"


def seed_citations(raw: Path) -> dict[str, str]:
    """What a reader is told of each seed article (``seed_articles.csv``): title, author, publisher,
    date and URL as far as the stored text gives them, and which of them it does not give.

    The articles' texts are the publishers' and stay out of the package; a pointer to a file of this
    repository would name nothing a user can look up."""
    citations = {}
    for row in _read_raw(raw, "seed_articles.csv").iter_rows(named=True):
        title = row["title"] if (row["title"] or "").startswith("[") else f'"{row["title"]}"'
        said = [f"press article {title}"] + [row[k] for k in ("author", "publisher", "date", "url") if row[k]]
        missing = [k for k in ("publisher", "date", "URL") if not row[k.lower()]]
        citations[row["file"]] = ", ".join(said) + (f" ({', '.join(missing)} not recorded)" if missing else "")
    return citations


def cite_seeds(frame: pl.DataFrame, citations: dict[str, str], columns: tuple[str, ...] = ("source", "note")):
    """``frame`` with every mention of a seed article's file in ``columns`` replaced by its citation."""
    for column in [c for c in columns if c in frame.columns]:
        for file, citation in citations.items():
            pattern = _SEED_FILE.replace(r"(\d{3}_[0-9a-f]{16}\.txt)", file.replace(".", r"\."))
            frame = frame.with_columns(pl.col(column).str.replace_all(pattern, citation.replace("$", "$$")))
        left = frame.filter(pl.col(column).str.contains(r"data/raw|\d{3}_[0-9a-f]{16}\.txt"))
        if left.height:
            cited = left[column][0]
            raise ValueError(f"{column} names a repository file with no citation in seed_articles.csv: {cited}")
    return frame


def build_tables(raw: Path) -> dict[str, pl.DataFrame]:
    """Every table of the processed store, built from ``raw``."""
    provinces, aliases = province_tables(raw)
    indicators = indicator_table(raw)
    observations = pl.concat(
        [
            published_observations(raw),
            subindex_observations(raw),
            merged_unit_observations(raw),
            seed_observations(raw),
            other_indicator_observations(raw),
            statement_observations(raw),
        ]
    ).sort("raw_file", "raw_row", "indicator")
    check_observations(observations, provinces, indicators)
    citations = seed_citations(raw)
    observations = cite_seeds(observations, citations)
    return {
        "observations": observations,
        "values": merge_by_precedence(observations),
        "national": cite_seeds(national_table(raw), citations),
        "targets": cite_seeds(target_table(raw), citations),
        "provinces": provinces,
        "aliases": aliases,
        "regions": region_table(raw),
        "indicators": indicators,
    }


def build(raw: Path, out: Path) -> dict[str, pl.DataFrame]:
    """Build every table and write it atomically to ``out``."""
    tables = build_tables(raw)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        atomic_write_parquet(frame, out / f"{name}.parquet")
    return tables


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parents[2]
    raw = Path(args[0]) if args else root / "data" / "raw"
    out = Path(args[1]) if len(args) > 1 else root / "data" / "processed"
    tables = build(raw, out)
    summary = ", ".join(f"{name} {frame.height}" for name, frame in tables.items())
    print(f"built {out}: {summary} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
