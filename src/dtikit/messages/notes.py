"""Notes a reader should see beside an answer (``note.*``), printed on stderr as 'dtikit: note: ...'."""

EN = {
    # the DTI's methodologies as the catalog holds them (its methodology column), said with {x:term}
    "term.Decision 1726/QĐ-BTTTT": "Decision 1726/QĐ-BTTTT",
    "term.Decision 922/QĐ-BTTTT": "Decision 922/QĐ-BTTTT",
    "term.2024 framework (47 components)": "2024 framework (47 components)",
    "note.region_unranked": (
        "{count} of {total} provinces of {region} have no rank or value for {year} ({names}): ranks within the "
        "region cannot be known and are left missing"
    ),
    "note.region_published": " (published region ranks are shown as published)",
    "note.no_earlier_ranks": (
        "no {label} ranks held before {year} among the {geography}: previous rank and changes are missing"
    ),
    "note.vs_percentiles": " (--vs YEAR compares percentiles with the other grouping)",
    "note.across": (
        "{year} ranks {geography} units and {vs} ranks {other}: ranks are not subtracted; percentile ranks "
        "(100 = first, 0 = last) are compared, for places that were not merged in 2025 only"
    ),
    "note.across_units": (
        "{year} ranks the {geography} provinces of its map and {vs} the {other} of its own: a rank change is "
        "shown only for a province that is the same unit in both"
    ),
    "note.unit_changed": "{name}: no rank change, as it {why}",
    "note.trend_geographies": (
        "each year is read among the provinces of its own map (year: number of provinces): {spans}; "
        "the means are over different provinces ({counts})"
    ),
    "note.not_compared": "{name}: no value of {years} is shown, as that year's map had no such unit: {why}",
    "note.methodologies": (
        "scores of {vs} and {year} come from different methodologies ({prev_method:term} vs {method:term}): "
        "score_change compares unlike scales; ranks compare"
    ),
    "note.method_unknown": (
        "the catalog names no methodology of {label} {unknown}: score_change between {vs} and {year} may compare "
        "unlike scales; ranks compare"
    ),
    "note.contra_order": (
        "{label} {year}: published ranks contradict published scores: {a} is ranked {rank} on {sa}, ahead of "
        "{b}, ranked {rb} on {sb}; one number or the order is misprinted in the sources (dtikit sources --conflicts)"
    ),
    "note.contra_same": (
        "{label} {year}: {a} is published at rank {rank} on {score}, but {others} hold the same score with no "
        "published rank: by the scores they share rank {rank} (dtikit sources --conflicts)"
    ),
    "note.contra_shared": (
        "{label} {year}: {names} are each published at rank {rank}, by different sources, none of which gives "
        "the tie: a tie, or one source is wrong (dtikit sources --conflicts)"
    ),
    "note.disagreement": (
        "{province} {year}: published rank {published} differs from rank {computed} computed from the scores "
        "held; the published rank is used"
    ),
    "note.direction": (
        "the catalog does not say whether a higher {name} is better: ranked higher-is-better; "
        "'dtikit indicators set {id} --lower-is-better --data DIR' changes it in your store"
    ),
    "note.unranked_published": (
        "{unranked} of {total} provinces have no published {label} rank for {year} and not every score is "
        "known, so no rank is computed for them: they are listed with the rank missing"
    ),
    "note.among_held_published": " (--among-held ranks only years without published ranks)",
    "note.unranked_values": (
        "{held} of {n} provinces hold a {label} value for {year} and no rank is published: ranks are "
        "computed only when all {n} hold one"
    ),
    "note.unranked_among_held": (
        "{missing} of {n} provinces hold no {label} value for {year}: ranked among the {held} that hold one, "
        "they are listed with the rank missing"
    ),
    "note.try": "; try {options}",
    "note.or": " or ",
    "note.try_among_held": "--among-held (rank the provinces with a value)",
    "note.try_region": "--region {region!r} (every province of it holds a value)",
    "note.explain_no_earlier": "--explain needs an earlier year of the same grouping: nothing to explain",
    "note.explain_methodologies": (
        "--explain compares scores, and {vs} and {year} use different methodologies: nothing explained"
    ),
    "note.explained": (
        "rank changes explained for {done} province(s): the others lack a score of {vs} or {year}, or the "
        "{vs} scores of the provinces they passed or that passed them"
    ),
    "note.no_part_rank": "no rank of {parts} held for {province} in {year}",
    "note.holder_unknown": (
        "no province has a known rank {target} in {year} ({measures}): the target holder is unknown"
    ),
    "note.one_rank": "only one rank held for {province} up to {year}: no pace so far",
    "note.no_time_rank": "the deadline {by} is not after {year}: no time is left at the ranks held",
    "note.no_time_value": "the deadline {by} is not after {year}: no time is left at the values held",
    "note.no_stated_year": "the {id} value of {province} has no stated year ({period}): no pace",
    "note.one_year": "only one year of {id} held for {province}: no pace so far",
    "note.trend_partial": (
        "in {years} scores are held for only some provinces (n_provinces): mean, median, min and max describe "
        "those provinces, not the whole country; provincial_average is the published one"
    ),
    "note.trend_region": "over the {total} provinces of {region}; national figures are not shown for a region",
    "note.merged_into": (
        "since 1 July 2025 {province} is part of the new {unit}, formed from {predecessors} (Resolution 202/2025/QH15)"
    ),
    "note.renamed": (
        "since {date} {province} is {unit}, a city under the central government ({act}); the merger of "
        "1 July 2025 (Resolution 202/2025/QH15) left it unchanged"
    ),
    "note.renamed_undated": "{province} is {unit} in 2025, unchanged by the merger of 1 July 2025",
    "note.formed_from": "{province} (2025) was formed from {predecessors}",
    "note.date": "{day} {month} {year}",
    "note.month_1": "January",
    "note.month_2": "February",
    "note.month_3": "March",
    "note.month_4": "April",
    "note.month_5": "May",
    "note.month_6": "June",
    "note.month_7": "July",
    "note.month_8": "August",
    "note.month_9": "September",
    "note.month_10": "October",
    "note.month_11": "November",
    "note.month_12": "December",
    "note.ranks_among_held": "{label} ranks of {year}: computed among the {n:province|provinces} holding a value",
    "note.ranks_computed": "{label} ranks of {year}: computed from a value for every province",
    "note.no_compare_rank": (
        "no {label} rank of these provinces for {year}: none published, and not every province holds a value"
    ),
    "note.try_among_held_compare": " (--among-held ranks among those with a value)",
    "note.overdue": (
        "{n:target is|targets are} past the deadline with no value of the deadline year held yet: the status "
        "rests on the latest value and the pace"
    ),
    "note.reported": "rows 'reported by {name}' are the province's own count of its targets, as published",
    "note.part_of_unit": (
        "{older} is not one of the 34 units of 2025: it is part of {unit} (Resolution 202/2025/QH15), used here"
    ),
    "note.read_as": "read {name!r} as {province!r} (one letter apart)",
}

VI = {
    "term.Decision 1726/QĐ-BTTTT": "Quyết định 1726/QĐ-BTTTT",
    "term.Decision 922/QĐ-BTTTT": "Quyết định 922/QĐ-BTTTT",
    "term.2024 framework (47 components)": "bộ chỉ số năm 2024 (47 chỉ tiêu)",
    "note.region_unranked": (
        "{count}/{total} tỉnh, thành phố của vùng {region} không có hạng hay giá trị năm {year} ({names}): không thể "
        "biết hạng trong vùng nên để trống"
    ),
    "note.region_published": " (hạng trong vùng đã công bố được giữ như công bố)",
    "note.no_earlier_ranks": (
        "không có xếp hạng theo {label} trước năm {year} trong nhóm {geography}: hạng trước và thay đổi để trống"
    ),
    "note.vs_percentiles": " (--vs YEAR so sánh bách phân vị với cách phân nhóm kia)",
    "note.across": (
        "năm {year} xếp hạng {geography} đơn vị, năm {vs} xếp hạng {other}: không lấy hạng trừ cho nhau; so sánh "
        "hạng bách phân vị (100 = đứng đầu, 0 = cuối cùng), chỉ với các địa phương không sáp nhập năm 2025"
    ),
    "note.across_units": (
        "năm {year} xếp hạng {geography} tỉnh, thành phố theo bản đồ năm đó, năm {vs} xếp hạng {other}: chỉ tính "
        "thay đổi thứ hạng cho tỉnh, thành phố là cùng một đơn vị ở cả hai năm"
    ),
    "note.unit_changed": "{name}: không tính thay đổi thứ hạng vì {why}",
    "note.trend_geographies": (
        "mỗi năm được tính trên các tỉnh, thành phố theo bản đồ hành chính của năm đó "
        "(năm: số tỉnh, thành phố): {spans}; "
        "các giá trị trung bình tính trên các tập tỉnh, thành phố khác nhau ({counts})"
    ),
    "note.not_compared": "{name}: không hiển thị giá trị năm {years} vì bản đồ năm đó không có đơn vị này: {why}",
    "note.methodologies": (
        "điểm năm {vs} và năm {year} theo hai phương pháp khác nhau ({prev_method:term} và {method:term}): "
        "score_change so sánh hai thang đo khác nhau; hạng thì so sánh được"
    ),
    "note.method_unknown": (
        "danh mục chỉ số không ghi phương pháp tính số liệu {label} năm {unknown}: score_change giữa năm {vs} "
        "và năm {year} có thể so sánh hai thang đo khác nhau; hạng thì so sánh được"
    ),
    "note.contra_order": (
        "{label} năm {year}: hạng công bố mâu thuẫn với điểm công bố: {a} xếp hạng {rank} với {sa}, trên {b} "
        "xếp hạng {rb} với {sb}; một con số hoặc thứ tự trong nguồn bị in sai (dtikit sources --conflicts)"
    ),
    "note.contra_same": (
        "{label} năm {year}: {a} được công bố hạng {rank} với {score}, nhưng {others} có cùng điểm mà không có "
        "hạng công bố: theo điểm, các tỉnh, thành phố này cùng hạng {rank} (dtikit sources --conflicts)"
    ),
    "note.contra_shared": (
        "{label} năm {year}: {names} đều được công bố hạng {rank}, mỗi tỉnh, thành phố theo một nguồn khác nhau, "
        "không nguồn nào nói đồng hạng: có thể đồng hạng, hoặc một nguồn sai (dtikit sources --conflicts)"
    ),
    "note.disagreement": (
        "{province} năm {year}: hạng công bố {published} khác hạng {computed} tính từ điểm đang có; dùng hạng công bố"
    ),
    "note.direction": (
        "danh mục không nói {name} cao hơn có tốt hơn hay không: đã xếp hạng theo cao hơn là tốt hơn; "
        "'dtikit indicators set {id} --lower-is-better --data DIR' đổi điều này trong kho của bạn"
    ),
    "note.unranked_published": (
        "{unranked}/{total} tỉnh, thành phố không có hạng công bố theo {label} năm {year} và không đủ điểm của mọi "
        "tỉnh, thành phố, nên không tính hạng cho các tỉnh, thành phố này: hạng để trống"
    ),
    "note.among_held_published": " (--among-held chỉ xếp hạng các năm không có hạng công bố)",
    "note.unranked_values": (
        "{held}/{n} tỉnh, thành phố có số liệu {label} năm {year} và không có hạng công bố: chỉ tính hạng khi cả "
        "{n} tỉnh, thành phố đều có giá trị"
    ),
    "note.unranked_among_held": (
        "{missing}/{n} tỉnh, thành phố không có số liệu {label} năm {year}: hạng chỉ tính trong {held} tỉnh, "
        "thành phố có số liệu, các tỉnh, thành phố còn lại để trống hạng"
    ),
    "note.try": "; thử {options}",
    "note.or": " hoặc ",
    "note.try_among_held": "--among-held (xếp hạng các tỉnh, thành phố có giá trị)",
    "note.try_region": "--region {region!r} (mọi tỉnh, thành phố của vùng này đều có giá trị)",
    "note.explain_no_earlier": "--explain cần một năm trước đó cùng cách phân nhóm: không có gì để phân tích",
    "note.explain_methodologies": (
        "--explain so sánh điểm, mà năm {vs} và năm {year} dùng hai phương pháp khác nhau: không phân tích"
    ),
    "note.explained": (
        "đã phân tích thay đổi hạng của {done} tỉnh, thành phố: các tỉnh, thành phố còn lại thiếu điểm năm {vs} hoặc "
        "{year}, hoặc thiếu điểm năm {vs} của các tỉnh, thành phố đã vượt qua hay bị vượt qua"
    ),
    "note.no_part_rank": "{province} không có hạng theo {parts} năm {year}",
    "note.holder_unknown": (
        "không tỉnh, thành phố nào có hạng {target} đã biết năm {year} ({measures}): không biết ai giữ hạng mục tiêu"
    ),
    "note.one_rank": "chỉ có một hạng của {province} tính đến năm {year}: chưa tính được tốc độ",
    "note.no_time_rank": "hạn {by} không sau năm {year}: không còn thời gian theo các hạng đang có",
    "note.no_time_value": "hạn {by} không sau năm {year}: không còn thời gian theo các giá trị đang có",
    "note.no_stated_year": "giá trị {id} của {province} không ghi năm ({period}): không tính tốc độ",
    "note.one_year": "chỉ có một năm số liệu {id} của {province}: chưa tính được tốc độ",
    "note.trend_partial": (
        "năm {years} chỉ có điểm của một số tỉnh, thành phố (cột số tỉnh, thành phố): trung bình, trung vị, nhỏ "
        "nhất và lớn nhất mô tả các tỉnh, thành phố đó, không phải cả nước; trung bình tỉnh là số đã công bố"
    ),
    "note.trend_region": "tính trên {total} tỉnh, thành phố của vùng {region}; không hiện số liệu cả nước cho một vùng",
    "note.merged_into": (
        "từ ngày 1/7/2025 {province} thuộc đơn vị mới {unit}, hợp nhất từ {predecessors} (Nghị quyết 202/2025/QH15)"
    ),
    "note.renamed": (
        "từ ngày {date} {province} là {unit}, thành phố trực thuộc Trung ương ({act}); việc sắp xếp ngày "
        "1/7/2025 (Nghị quyết 202/2025/QH15) không thay đổi đơn vị này"
    ),
    "note.renamed_undated": "{province} là {unit} năm 2025, không thay đổi khi sắp xếp ngày 1/7/2025",
    "note.formed_from": "{province} (2025) được hợp nhất từ {predecessors}",
    "note.date": "{day}/{month}/{year}",
    "note.month_1": "1",
    "note.month_2": "2",
    "note.month_3": "3",
    "note.month_4": "4",
    "note.month_5": "5",
    "note.month_6": "6",
    "note.month_7": "7",
    "note.month_8": "8",
    "note.month_9": "9",
    "note.month_10": "10",
    "note.month_11": "11",
    "note.month_12": "12",
    "note.ranks_among_held": "xếp hạng theo {label} năm {year}: tính trong {n} tỉnh, thành phố có giá trị",
    "note.ranks_computed": "xếp hạng theo {label} năm {year}: tính từ giá trị của mọi tỉnh, thành phố",
    "note.no_compare_rank": (
        "các tỉnh, thành phố này không có hạng theo {label} năm {year}: không có hạng công bố, và không phải "
        "tỉnh, thành phố nào cũng có giá trị"
    ),
    "note.try_among_held_compare": " (--among-held xếp hạng trong số các tỉnh, thành phố có giá trị)",
    "note.overdue": (
        "{n} mục tiêu đã quá hạn mà chưa có giá trị của năm hết hạn: tình trạng dựa trên giá trị và tốc độ gần nhất"
    ),
    "note.reported": (
        "các dòng '{name} tự báo cáo' là số mục tiêu do chính tỉnh, thành phố tự thống kê, như đã công bố"
    ),
    "note.part_of_unit": (
        "{older} không phải một trong 34 đơn vị năm 2025: thuộc {unit} (Nghị quyết 202/2025/QH15), dùng đơn vị này"
    ),
    "note.read_as": "hiểu {name!r} là {province!r} (khác một chữ cái)",
}
