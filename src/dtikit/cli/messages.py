"""What the CLI says to people, in English and Vietnamese: one catalog per language, looked up at the edge.

The language is ``--lang vi|en`` (anywhere on the command line), else ``DTIKIT_LANG``, else
``LC_ALL``/``LANG`` (``vi*`` is Vietnamese), else English. It changes only what a person reads in
a table: column labels, static titles, true/false and the note on hidden columns, and numbers
(Vietnamese tables write ``0,7111`` and ``1.954.846``). Machine formats (csv, tsv, json, ndjson,
markdown, xlsx) keep their English snake_case columns and ``.`` decimals whatever the language.
Province and indicator names are data and shown as held.
"""

from __future__ import annotations

import os

LANGUAGES = ("en", "vi")

# table column labels (machine formats keep the column names)
LABELS = {
    "en": {
        "year": "year",
        "rank": "rank",
        "province": "province",
        "score": "score",
        "prev_rank": "prev rank",
        "rank_change": "± rank",
        "score_change": "± score",
        "region_rank": "in region",
        "rank_basis": "basis",
        "target_rank": "target",
        "places_to_target": "places",
        "target_holder": "holder",
        "target_holder_score": "holder score",
        "score_gap": "gap",
        "met": "met",
        "measure": "measure",
        "indicator": "indicator",
        "value": "value",
        "value_text": "value",
        "unit": "unit",
        "period": "period",
        "source": "source",
        "source_kind": "kind",
        "chosen": "chosen",
        "conflict": "conflict",
        "unit_2025": "2025 unit",
        "region": "region",
        "change": "change",
        "previous_value": "previous",
        "target_value": "target",
        "value_gap": "gap",
        "deadline": "deadline",
        "on_track": "on track",
        "status": "status",
        "name_vi": "Vietnamese name",
        "kind": "kind",
    },
    "vi": {
        "year": "năm",
        "rank": "hạng",
        "province": "tỉnh/thành",
        "score": "điểm",
        "prev_rank": "hạng trước",
        "rank_change": "± hạng",
        "score_change": "± điểm",
        "region_rank": "trong vùng",
        "rank_basis": "căn cứ",
        "target_rank": "mục tiêu",
        "places_to_target": "còn thiếu",
        "target_holder": "đang giữ hạng",
        "target_holder_score": "điểm hạng đó",
        "score_gap": "chênh lệch",
        "met": "đạt",
        "measure": "chỉ số",
        "indicator": "chỉ tiêu",
        "value": "giá trị",
        "value_text": "giá trị",
        "unit": "đơn vị",
        "period": "kỳ",
        "source": "nguồn",
        "source_kind": "loại nguồn",
        "chosen": "được dùng",
        "conflict": "mâu thuẫn",
        "unit_2025": "đơn vị 2025",
        "region": "vùng",
        "change": "thay đổi",
        "previous_value": "kỳ trước",
        "target_value": "mục tiêu",
        "value_gap": "chênh lệch",
        "deadline": "hạn",
        "on_track": "đúng tiến độ",
        "status": "tình trạng",
        "name_vi": "tên tiếng Việt",
        "kind": "loại",
    },
}

# messages: static titles, words and notes of the CLI layer
MESSAGES = {
    "en": {
        "yes": "✓ yes",
        "no": "✗ no",
        "hidden": "the table is wider than the terminal: {columns} not shown; --format csv shows every column",
        "title.sources": "Sources",
        "title.sources_conflicts": "Sources in conflict",
        "title.provinces": "Provinces ({geography})",
        "title.indicators": "Indicators",
        "title.targets": "Targets",
        "title.targets_summary": "Targets: summary",
        "title.side_by_side": "Side by side",
        "title.ingest_plan": "Ingest plan",
        "title.ingested": "Ingested",
        "title.problems": "Problems",
    },
    "vi": {
        "yes": "✓ có",
        "no": "✗ không",
        "hidden": "bảng rộng hơn cửa sổ dòng lệnh: không hiện {columns}; --format csv hiện mọi cột",
        "title.sources": "Nguồn",
        "title.sources_conflicts": "Các nguồn mâu thuẫn",
        "title.provinces": "Tỉnh/thành ({geography})",
        "title.indicators": "Chỉ tiêu",
        "title.targets": "Mục tiêu",
        "title.targets_summary": "Mục tiêu: tổng hợp",
        "title.side_by_side": "So sánh",
        "title.ingest_plan": "Kế hoạch nhập",
        "title.ingested": "Đã nhập",
        "title.problems": "Lỗi",
    },
}

_chosen: str | None = None


def choose(lang: str | None) -> None:
    """Set the language of this run (``--lang``); None: from the environment."""
    global _chosen
    _chosen = lang


def language() -> str:
    """``--lang``, else DTIKIT_LANG, else LC_ALL/LANG (``vi*``: Vietnamese), else English."""
    if _chosen in LANGUAGES:
        return _chosen
    for name in ("DTIKIT_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(name, "").strip().lower()
        if value:
            return "vi" if value.startswith("vi") else "en"
    return "en"


def say(key: str, **params: object) -> str:
    """The message ``key`` in this run's language, with ``params`` filled in."""
    return MESSAGES[language()][key].format(**params)


def labels() -> dict[str, str]:
    """Table column labels in this run's language."""
    return LABELS[language()]
