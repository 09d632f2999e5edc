"""Titles of tables built from the data (``title.*``): the indicator's name in the run's language,
its unit, years, provinces and regions as held."""

EN = {
    "title.with_unit": "{name} ({unit})",
    "title.rank": "{name}, {year}",
    "title.rank_among": ", rank among {n} provinces with a value",
    "title.rank_since": ", changes since {year}",
    "title.gap_rank": "{province}: gap to rank {target} in {year}",
    "title.gap_value": "{province}: gap to {target}",
    "title.trend": "{name} by year",
    "title.in_region": ", {region}",
    "title.profile_years": "{who}: {index} by year",
    "note.profile_no_index": "no value of {index} is held for {province}",
    "error.headline_asked": (
        " (no --indicator was given, so the headline index was asked: 'dtikit indicators' lists the others)"
    ),
    "title.profile_indicators": "{province}: other indicators, latest value",
    "title.side_by_side_of": "Side by side: {name}; {places}, {years}",
    "title.indicator": "Indicator {id}",
}

VI = {
    "title.with_unit": "{name} ({unit})",
    "title.rank": "{name}, năm {year}",
    "title.rank_among": ", hạng tính trong {n} tỉnh, thành phố có số liệu",
    "title.rank_since": ", thay đổi so với năm {year}",
    "title.gap_rank": "{province}: khoảng cách đến hạng {target} năm {year}",
    "title.gap_value": "{province}: khoảng cách đến mục tiêu {target}",
    "title.trend": "{name} theo năm",
    "title.in_region": ", vùng {region}",
    "title.profile_years": "{who}: {index} theo năm",
    "note.profile_no_index": "không có giá trị {index} nào của {province}",
    "error.headline_asked": (
        " (không có --indicator nên hỏi chỉ số chính; 'dtikit indicators' liệt kê các chỉ tiêu khác)"
    ),
    "title.profile_indicators": "{province}: các chỉ tiêu khác, giá trị mới nhất",
    "title.side_by_side_of": "So sánh: {name}; {places}, {years}",
    "title.indicator": "Chỉ tiêu {id}",
}
