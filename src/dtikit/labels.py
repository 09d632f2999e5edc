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
    "pillars_line": {"vi": "Các trụ cột (nét chấm)", "en": "Pillars (dotted)"},
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
    # the report (dtikit.report)
    "province_title": {"vi": "Chuyển đổi số của {p}", "en": "Digital transformation of {p}"},
    "national_title": {"vi": "Chuyển đổi số cấp tỉnh, DTI {y}", "en": "Provincial digital transformation, DTI {y}"},
    "made": {
        "vi": "Tạo bởi dtikit từ số liệu đã công bố; ô trống “–” là không có số liệu (không phải số 0).",
        "en": "Made by dtikit from published figures; “–” means no figure is held (never zero).",
    },
    "headline": {"vi": "Tóm tắt DTI {y}", "en": "DTI {y} at a glance"},
    "rank_of": {"vi": "Xếp hạng (trên {n})", "en": "Rank (of {n})"},
    "change": {"vi": "Thay đổi so với {y}", "en": "Change since {y}"},
    "change_none": {"vi": "Thay đổi", "en": "Change"},
    "region_rank": {"vi": "Hạng trong vùng {r}", "en": "Rank in region {r}"},
    "targets": {"vi": "Mục tiêu và tiến độ", "en": "Targets and pace"},
    "no_targets": {"vi": "Không có mục tiêu nào được lưu.", "en": "No target is held."},
    "pillars": {"vi": "Các trụ cột", "en": "Pillars"},
    "others": {"vi": "Các chỉ số khác", "en": "Other indicators"},
    "charts": {"vi": "Biểu đồ", "en": "Charts"},
    "map": {"vi": "Bản đồ", "en": "Map"},
    "sources": {"vi": "Nguồn", "en": "Sources"},
    "ranking": {"vi": "Bảng xếp hạng", "en": "Ranking"},
    "movers": {"vi": "Thay đổi lớn nhất so với {y}", "en": "Biggest movers since {y}"},
    "regions": {"vi": "Các vùng", "en": "Regions"},
    "trend": {"vi": "Xu hướng", "en": "Trend"},
    "met": {"vi": "đã đạt", "en": "met"},
    "on track": {"vi": "đúng tiến độ", "en": "on track"},
    "at risk": {"vi": "có nguy cơ không đạt", "en": "at risk"},
    "missed": {"vi": "không đạt", "en": "missed"},
    "unknown": {"vi": "chưa rõ", "en": "unknown"},
    "climbed": {"vi": "Tăng hạng", "en": "Climbed"},
    "fell": {"vi": "Giảm hạng", "en": "Fell"},
    # column headers
    "c_indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "c_target": {"vi": "Mục tiêu", "en": "Target"},
    "c_deadline": {"vi": "Hạn", "en": "Deadline"},
    "c_latest": {"vi": "Gần nhất", "en": "Latest"},
    "c_year": {"vi": "Năm", "en": "Year"},
    "c_pace": {"vi": "Tốc độ/năm", "en": "Pace/year"},
    "c_needed": {"vi": "Cần/năm", "en": "Needed/year"},
    "c_status": {"vi": "Trạng thái", "en": "Status"},
    "c_source": {"vi": "Nguồn", "en": "Source"},
    "c_pillar": {"vi": "Trụ cột", "en": "Pillar"},
    "c_rank": {"vi": "Hạng", "en": "Rank"},
    "c_score": {"vi": "Điểm", "en": "Score"},
    "c_value": {"vi": "Giá trị", "en": "Value"},
    "c_unit": {"vi": "Đơn vị", "en": "Unit"},
    "c_period": {"vi": "Kỳ", "en": "Period"},
    "c_province": {"vi": "Tỉnh, thành phố", "en": "Province"},
    "c_change": {"vi": "± hạng", "en": "± rank"},
    "c_region": {"vi": "Vùng", "en": "Region"},
    "c_ranked": {"vi": "Có hạng", "en": "Ranked"},
    "c_best": {"vi": "Cao nhất", "en": "Best"},
    "c_median": {"vi": "Hạng trung vị", "en": "Median rank"},
    "c_national": {"vi": "Chỉ số quốc gia", "en": "National index"},
    "c_average": {"vi": "Trung bình tỉnh", "en": "Provincial average"},
    "c_held": {"vi": "Số tỉnh có điểm", "en": "Provinces with a score"},
    "c_figure": {"vi": "Số liệu", "en": "Figure"},
    "gap_line": {
        "vi": "Mục tiêu top {t}: còn {p} bậc ({y}); cần {need} bậc/năm đến {d}, tốc độ đến nay {pace} bậc/năm.",
        "en": "Target top {t}: {p} places to go ({y}); {need} places a year needed to {d}, pace so far {pace}.",
    },
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
