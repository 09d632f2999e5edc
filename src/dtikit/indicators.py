"""Which indicator a user means: 'overall', a pillar, or an id of the catalog."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from dtikit.errors import UsageError
from dtikit.names import fold
from dtikit.store import Store

PILLARS = ("gov", "econ", "society")
_MEASURE_WORDS = {
    "overall": "dti",
    "dti": "dti",
    "pdti": "dti",
    "total": "dti",
    "tong": "dti",
    "gov": "dti_gov",
    "government": "dti_gov",
    "digitalgovernment": "dti_gov",
    "chinhquyenso": "dti_gov",
    "cqs": "dti_gov",
    "econ": "dti_econ",
    "economy": "dti_econ",
    "digitaleconomy": "dti_econ",
    "kinhteso": "dti_econ",
    "kts": "dti_econ",
    "society": "dti_society",
    "digitalsociety": "dti_society",
    "xahoiso": "dti_society",
    "xhs": "dti_society",
}


@dataclass(frozen=True)
class Measure:
    """An indicator that can be ranked: its score id and the id of its published rank."""

    name: str
    score_id: str
    rank_id: str


def resolve_measure(store: Store, name: str) -> Measure:
    """'overall', 'gov', 'econ', 'society', a catalog id ('dti_awareness') or one without 'dti_'."""
    catalog = store.indicators()
    ids = set(catalog["indicator"].to_list())
    key = fold(name)
    score_id = _MEASURE_WORDS.get(key)
    if score_id is None:
        raw = name.strip().lower().removesuffix("_rank")
        for candidate in (raw, f"dti_{raw}"):
            if candidate in ids:
                score_id = candidate
                break
    if score_id is None:
        rankable = catalog.filter(pl.col("kind") == "score")["indicator"].to_list()
        raise UsageError(
            f"unknown indicator {name!r}; use overall, gov, econ, society or one of: {', '.join(rankable)}"
        )
    label = {"dti": "overall", "dti_gov": "gov", "dti_econ": "econ", "dti_society": "society"}.get(score_id, score_id)
    return Measure(label, score_id, f"{score_id}_rank")


def pillar_measures(store: Store) -> list[Measure]:
    return [resolve_measure(store, pillar) for pillar in PILLARS]
