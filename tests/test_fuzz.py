"""Generated corruptions of valid files through every reader and both ingest routes, in-process.

Each example corrupts a valid file (CSV/TSV in each encoding, .xlsx, Parquet; from a path or
stdin), then ingests it into one store by the general checks or the one-pass route. Asserted:
no traceback, no "internal error", exit code 0, 1 or 2, and after a refusal the store
byte-identical. CI runs a small derandomised sample; ``make fuzz`` runs ``FUZZ_EXAMPLES``
(10,000 by default) with fresh randomness.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dtikit.cli import main
from tests.test_ingest_robustness import SEEDS, mutate, mutation

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
CAMPAIGN = "FUZZ_EXAMPLES" in os.environ

hostile = st.tuples(
    st.just("insert"),
    st.integers(0, 10_000),
    st.sampled_from(
        [b"NaN", b"inf", b"-inf", b"1e308", b"-0", b"x" * 70_000, b",,", b",T\xe1\xbb\x89nh", b";;", b"\t\t", b"\xe9"]
    ),
)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("fuzz") / "store"
    assert main(["ingest", str(FIXTURES / "pillars_wide_vi.csv"), "--data", str(store)]) == 0
    return store


def snapshot(root: Path) -> dict[str, str]:
    """CURRENT, the names at the store's top, and every file of the current version with its sha256."""
    current = (root / "CURRENT").read_text()
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / current.strip()).iterdir()}
    return {"CURRENT": current, "top": ",".join(sorted(p.name for p in root.iterdir() if p.name != ".lock")), **files}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not CAMPAIGN,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(
    seed=st.sampled_from(SEEDS),
    edits=st.lists(st.one_of(mutation, hostile), min_size=1, max_size=6),
    streamed=st.booleans(),
    stdin=st.booleans(),
)
def test_a_corrupted_file_is_refused_cleanly_or_ingested(root, tmp_path_factory, capsys, seed, edits, streamed, stdin):
    from dtikit.ingest import read

    data = mutate((FIXTURES / seed).read_bytes(), edits)
    path = tmp_path_factory.mktemp("in") / f"corrupt{Path(seed).suffix}"
    path.write_bytes(data)
    before = snapshot(root)
    saved = read.STREAM_BYTES, sys.stdin
    read.STREAM_BYTES = 0 if streamed else saved[0]
    if stdin:
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        code = main(["ingest", "-" if stdin else str(path), "--data", str(root)])
    finally:
        read.STREAM_BYTES, sys.stdin = saved
    err = capsys.readouterr().err
    assert code in (0, 1, 2), err
    assert "internal error" not in err and "Traceback" not in err, err
    if code != 0:
        assert snapshot(root) == before, err
