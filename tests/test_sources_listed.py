"""Every source a bundled row cites is listed in data/raw/SOURCES.md."""

import polars as pl

from tests.conftest import ROOT

SOURCES = (ROOT / "data" / "raw" / "SOURCES.md").read_text(encoding="utf-8")


def test_every_cited_url_is_listed(store):
    sources = pl.concat(
        [store.observations().select("source"), store.national().select("source"), store.targets().select("source")]
    )
    urls = sources.filter(pl.col("source").str.starts_with("http"))["source"].unique().to_list()
    missing = [url for url in urls if url not in SOURCES]
    assert missing == []


def test_every_cited_document_exists(store):
    documents = store.observations().filter(~pl.col("source").str.starts_with("http"))["source"].unique().to_list()
    for document in documents:
        path = document.removeprefix("seed article ")
        assert (ROOT / path).is_file(), document
        assert path.rsplit("/", 1)[-1] in SOURCES


def test_every_raw_file_is_described():
    for path in (ROOT / "data" / "raw").glob("*.csv"):
        assert f"`{path.name}`" in SOURCES, path.name
