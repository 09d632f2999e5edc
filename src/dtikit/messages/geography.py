"""What dtikit says of geographies and of what became of a unit (``geo.*``, ``dtikit.geography``)."""

EN = {
    "geo.by_act": " ({act})",
    "geo.on_day": "on {day}",
    "geo.in_year": "in {year}",
    "geo.became_part": "became part of {to} {when}{act}",
    "geo.was_split": "was split into {to} {when}{act}",
    "geo.was_formed": "was formed {when} from {of}{act}",
    "geo.was_enlarged": "took in {of} {when}{act}",
    "geo.from_to": "existed from {start} to {end}",
    "geo.until": "existed until {end}",
    "geo.since": "exists since {start}",
    "geo.not_in_year": "'{name}' was no province in {year}: it {why}",
    "geo.old_name": "'{name}' is an older province: it {why}",
    "geo.not_yet": "'{name}' is no unit of the {map}: it {why}",
    "geo.change_note": "{name} {why}",
    "geo.no_geography": "no geography of provinces is held for {year} (held: {held})",
    "geo.choose": "--geography {geography}: choose one of {held}",
    "geo.own_map": "; to read it as it was, give --geography {ids}",
    "geo.or": " or --geography ",
    "geo.hint": " (if the file follows another map of provinces, say which: --geography, one of {held})",
    "geo.bad_rule": "combine rule '{rule}': use sum, mean:<weight indicator> or nothing (cannot be combined)",
    "geo.combined": (
        "{label} read among the {geography} units from values of the {source} units: a unit that went on unchanged "
        "keeps its value, the values of units merged are combined ({rule}), and ranks are computed among the units "
        "holding a value"
    ),
    "geo.combined_none": (
        "{label} read among the {geography} units from values of the {source} units: a unit that went on unchanged "
        "keeps its value, the values of units merged are not combined (no rule), and ranks are computed among the "
        "units holding a value"
    ),
    "geo.combined_units": "values combined by {rule}: {units}",
    "geo.not_combined_divided": (
        "{name}: no value of {years}, as it holds part of {who}, whose value cannot be divided among its parts"
    ),
    "geo.not_combined_no_rule": (
        "no value, as values of {label} of the units merged cannot be combined (the indicator's catalog entry "
        "states no rule; dtikit indicators set --combine gives one): {units}"
    ),
    "geo.not_combined_missing": (
        "{name}: no value of {years}, as {label} is not held for {who}, and every member needs one"
    ),
    "geo.not_combined_no_weight": "{name}: no value of {years}, as the weight {weight} is not held for {who}",
    "geo.combined_adjusted": (
        "{name}: its boundary was also adjusted with {others} ({act}); the values of the {source} are of the old "
        "boundaries"
    ),
    "geo.rule_none": "no rule",
    "geo.rule_sum": "sum",
    "geo.rule_mean": "mean weighted by {weight}",
    "geo.profile_became": (
        "{name} {why}: values of the years after are of another unit, not shown as its own, and no rank change "
        "is computed across the change"
    ),
    "geo.profile_began": (
        "{name} {why}: values of the years before are of other units, not shown as its own, and no rank change "
        "is computed across the change"
    ),
    "geo.no_regions": "no socio-economic region is held for the units of geography {geography}; drop --region",
    "geo.earlier_map": (
        "{file}: the rows of {year} name exactly the {n} units of the earlier map ({earlier}), none of {missing}: "
        "they are read on the map of {year}; if the table follows the earlier map, give --geography {earlier_id}"
    ),
    "geo.no_codes": "no code column: the province codes held ({act}) are not those of the {name}",
}

VI = {
    "geo.by_act": " ({act})",
    "geo.on_day": "từ ngày {day}",
    "geo.in_year": "năm {year}",
    "geo.became_part": "đã nhập vào {to} {when}{act}",
    "geo.was_split": "đã được chia thành {to} {when}{act}",
    "geo.was_formed": "được thành lập {when} từ {of}{act}",
    "geo.was_enlarged": "được mở rộng địa giới hành chính {when}, nhập thêm {of}{act}",
    "geo.from_to": "tồn tại từ {start} đến {end}",
    "geo.until": "tồn tại đến {end}",
    "geo.since": "tồn tại từ {start}",
    "geo.not_in_year": "'{name}' không phải là tỉnh, thành phố năm {year}: {why}",
    "geo.not_yet": "'{name}' không thuộc bộ {map}: {why}",
    "geo.old_name": "'{name}' là tỉnh cũ: {why}",
    "geo.change_note": "{name} {why}",
    "geo.no_geography": "không có bộ đơn vị hành chính cấp tỉnh nào cho năm {year} (đang có: {held})",
    "geo.choose": "--geography {geography}: hãy chọn một trong {held}",
    "geo.earlier_map": (
        "{file}: các dòng năm {year} ghi đúng {n} đơn vị của bản đồ trước đó ({earlier}), không có {missing}: "
        "được đọc theo bản đồ năm {year}; nếu bảng theo bản đồ trước đó, hãy ghi --geography {earlier_id}"
    ),
    "geo.no_codes": "không có cột mã: mã tỉnh đang có ({act}) không phải mã của {name}",
    "geo.own_map": "; để đọc đơn vị này như trước đây, dùng --geography {ids}",
    "geo.or": " hoặc --geography ",
    "geo.hint": " (nếu tệp theo bản đồ tỉnh, thành phố khác, hãy ghi rõ: --geography, một trong {held})",
    "geo.bad_rule": "quy tắc gộp '{rule}': dùng sum, mean:<chỉ tiêu trọng số> hoặc để trống (không gộp được)",
    "geo.combined": (
        "{label} được đọc theo {geography} đơn vị từ số liệu của {source} đơn vị: đơn vị giữ nguyên thì giữ giá trị, "
        "giá trị của các đơn vị sáp nhập được gộp ({rule}), thứ hạng được tính trong các đơn vị có giá trị"
    ),
    "geo.combined_none": (
        "{label} được đọc theo {geography} đơn vị từ số liệu của {source} đơn vị: đơn vị giữ nguyên thì giữ giá trị, "
        "giá trị của các đơn vị sáp nhập không được gộp (không có quy tắc), thứ hạng được tính trong các đơn vị có "
        "giá trị"
    ),
    "geo.combined_units": "giá trị được gộp theo {rule}: {units}",
    "geo.not_combined_divided": (
        "{name}: không có giá trị năm {years} vì đơn vị này gồm một phần của {who}, giá trị của tỉnh đó không chia "
        "được cho các phần"
    ),
    "geo.not_combined_no_rule": (
        "không có giá trị vì số liệu {label} của các đơn vị sáp nhập không gộp được (danh mục chỉ tiêu không nêu "
        "quy tắc gộp; đặt quy tắc bằng dtikit indicators set --combine): {units}"
    ),
    "geo.not_combined_missing": (
        "{name}: không có giá trị năm {years} vì thiếu số liệu {label} của {who}, mà mọi đơn vị thành phần đều cần có"
    ),
    "geo.not_combined_no_weight": "{name}: không có giá trị năm {years} vì thiếu trọng số {weight} của {who}",
    "geo.combined_adjusted": (
        "{name}: địa giới cũng được điều chỉnh với {others} ({act}); số liệu của {source} đơn vị theo địa giới cũ"
    ),
    "geo.rule_none": "không có quy tắc",
    "geo.rule_sum": "tổng",
    "geo.rule_mean": "trung bình có trọng số theo {weight}",
    "geo.profile_became": (
        "{name} {why}: số liệu các năm sau thuộc đơn vị khác, không được hiển thị là của đơn vị này, và không tính "
        "thay đổi thứ hạng qua lần thay đổi đó"
    ),
    "geo.profile_began": (
        "{name} {why}: số liệu các năm trước thuộc các đơn vị khác, không được hiển thị là của đơn vị này, và không "
        "tính thay đổi thứ hạng qua lần thay đổi đó"
    ),
    "geo.no_regions": "không có vùng kinh tế - xã hội cho các đơn vị của bộ {geography} đơn vị; hãy bỏ --region",
}
