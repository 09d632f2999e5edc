"""The words of pictures and reports, one catalog per language ('vi' and 'en'), looked up at the edge.

``say(key, lang, **params)`` formats the text of ``key`` in ``lang``; an unknown language is a
usage error. Names of indicators come from the indicator catalog (``name_vi``, ``name_en``).
"""

from __future__ import annotations

from typing import Any

from dtikit.errors import UsageError

LANGUAGES = ("vi", "en")

TEXT: dict[str, dict[str, str]] = {
    "rank": {"vi": "Xếp hạng", "en": "Rank"},
    "rank_axis": {"vi": "Xếp hạng (1 = cao nhất)", "en": "Rank (1 = best)"},
    "score": {"vi": "Điểm", "en": "Score"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "year": {"vi": "Năm", "en": "Year"},
    "missing": {"vi": "không có số liệu", "en": "no data"},
    "no_score": {"vi": "chưa có điểm công bố", "en": "no score published"},
    "no_rank": {"vi": "không có hạng", "en": "no rank"},
    "geo_63": {"vi": "63 tỉnh, thành phố", "en": "63 provinces"},
    "geo_34": {"vi": "34 đơn vị (sau sắp xếp 2025)", "en": "34 units (after the 2025 merger)"},
    "basis": {"vi": "Cơ sở: {kinds}", "en": "Basis: {kinds}"},
    "published": {"vi": "số liệu công bố", "en": "published"},
    "computed": {"vi": "tính từ điểm công bố", "en": "computed from published scores"},
    "computed among held": {"vi": "tính trong các tỉnh có số liệu", "en": "computed among provinces with a value"},
    "official": {"vi": "nguồn chính thức", "en": "official"},
    "government": {"vi": "cổng thông tin chính quyền", "en": "government portal"},
    "press": {"vi": "báo chí", "en": "press"},
    "secondary": {"vi": "nguồn thứ cấp", "en": "secondary"},
    "source_line": {"vi": "Nguồn: dtikit, data/raw/SOURCES.md", "en": "Source: dtikit, data/raw/SOURCES.md"},
    "rank_title": {"vi": "{name}, {year}", "en": "{name}, {year}"},
    "rank_sub": {
        "vi": "Xếp theo hạng trong {geo}; thanh = điểm khi có công bố",
        "en": "Ordered by rank among {geo}; bars = score where published",
    },
    "top_n": {"vi": "top {n}", "en": "top {n}"},
    "rank_years_title": {"vi": "{who}: xếp hạng {name}, {first}–{last}", "en": "{who}: {name} rank, {first}–{last}"},
    "rank_years_sub": {
        "vi": "Hạng trong {geo}; nét mảnh: các trụ cột; năm thiếu để trống",
        "en": "Rank among {geo}; thin lines: pillars; a missing year is a gap",
    },
    "overall": {"vi": "Tổng thể", "en": "Overall"},
    "gov": {"vi": "Chính quyền số", "en": "Digital government"},
    "econ": {"vi": "Kinh tế số", "en": "Digital economy"},
    "society": {"vi": "Xã hội số", "en": "Digital society"},
    "trend_title": {"vi": "{name} theo năm", "en": "{name} by year"},
    "trend_sub": {
        "vi": "Trung bình, trung vị, min–max: chỉ trên các tỉnh có số liệu (n/{of} ghi dưới mỗi năm)",
        "en": "Mean, median, min–max: over the provinces held only (n/{of} under each year)",
    },
    "national": {"vi": "Chỉ số quốc gia", "en": "National index"},
    "provincial_average": {"vi": "Trung bình tỉnh (công bố)", "en": "Provincial average (published)"},
    "mean": {"vi": "Trung bình các tỉnh có số liệu", "en": "Mean of provinces held"},
    "median": {"vi": "Trung vị các tỉnh có số liệu", "en": "Median of provinces held"},
    "range": {"vi": "Min–max các tỉnh có số liệu", "en": "Min–max of provinces held"},
    "gap_title": {"vi": "{who}: mục tiêu {target}, {name}", "en": "{who}: target {target}, {name}"},
    "gap_sub_deadline": {
        "vi": "Cần {needed} mỗi năm đến {deadline}; tốc độ đến nay {pace} mỗi năm",
        "en": "Needed {needed} a year to {deadline}; pace so far {pace} a year",
    },
    "gap_sub": {"vi": "Không có hạn chót: không tính tốc độ", "en": "No deadline held: no pace computed"},
    "target": {"vi": "Mục tiêu", "en": "Target"},
    "path_needed": {"vi": "Lộ trình cần đạt", "en": "Path needed"},
    "pace_forward": {"vi": "Giữ tốc độ đến nay", "en": "Pace so far, carried forward"},
    "history": {"vi": "Đã đạt", "en": "Held"},
    "map_title": {"vi": "{name}, {year}: {by}", "en": "{name}, {year}: {by}"},
    "map_by_rank": {"vi": "xếp hạng", "en": "rank"},
    "map_by_value": {"vi": "giá trị", "en": "value"},
    "map_sub": {
        "vi": "Bản đồ ô: mỗi ô một tỉnh, đặt gần đúng vị trí; màu đậm = tốt hơn",
        "en": "Tile map: one equal tile per province, placed roughly where it lies; darker = better",
    },
    "better": {"vi": "tốt hơn", "en": "better"},
    "worse": {"vi": "kém hơn", "en": "worse"},
    "highlighted": {"vi": "được tô viền", "en": "outlined"},
}


def say(key: str, lang: str = "en", **params: Any) -> str:
    """The text of ``key`` in ``lang`` with ``params`` filled in."""
    if lang not in LANGUAGES:
        raise UsageError(f"--lang {lang}: choose one of {', '.join(LANGUAGES)}")
    return TEXT[key][lang].format(**params)


def indicator_name(about: dict[str, Any], lang: str = "en") -> str:
    """The indicator's name in ``lang`` (the other language's name, else its id, when not held)."""
    first, second = ("name_vi", "name_en") if lang == "vi" else ("name_en", "name_vi")
    return about.get(first) or about.get(second) or about.get("indicator") or ""


def geography_name(geography: int, lang: str = "en") -> str:
    return say("geo_34" if geography == 34 else "geo_63", lang)


def basis_text(kinds: list[str], lang: str = "en") -> str:
    """'Basis: published, computed from published scores' for a chart's note."""
    named = [say(k, lang) if k in TEXT else k for k in kinds] or [say("missing", lang)]
    return say("basis", lang, kinds=", ".join(named))
