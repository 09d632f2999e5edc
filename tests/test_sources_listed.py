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


def test_every_cited_document_is_a_seed_article_cited_by_its_publication(store):
    """A source that is not a URL is a seed article, named by title, author, publisher and date as far
    as known (data/raw/seed_articles.csv), never by a path inside the repository."""
    from dtikit.build import seed_citations

    citations = seed_citations(ROOT / "data" / "raw")
    for file in citations:
        assert (ROOT / "data" / "raw" / "seeds" / file).is_file(), file
        assert file in SOURCES
    sources = pl.concat(
        [store.observations().select("source"), store.national().select("source"), store.targets().select("source")]
    )
    documents = sources.filter(~pl.col("source").str.starts_with("http"))["source"].unique().to_list()
    assert documents, "the bundled data cites seed articles"
    for document in documents:
        assert document in citations.values(), document
        assert document.startswith("press article ") and "data/" not in document and ".txt" not in document


def test_every_raw_file_is_described():
    for path in (ROOT / "data" / "raw").glob("*.csv"):
        assert f"`{path.name}`" in SOURCES, path.name
