"""What dtikit says of geographies and of what became of a unit (``geo.*``, ``dtikit.geography``)."""

EN = {
    "geo.by_act": " ({act})",
    "geo.on_day": "on {day}",
    "geo.in_year": "in {year}",
    "geo.became_part": "became part of {to} {when}{act}",
    "geo.was_split": "was split into {to} {when}{act}",
    "geo.was_formed": "was formed {when} from {of}{act}",
    "geo.from_to": "existed from {start} to {end}",
    "geo.until": "existed until {end}",
    "geo.since": "exists since {start}",
    "geo.not_in_year": "'{name}' was no province in {year}: it {why}",
    "geo.old_name": "'{name}' is an older province: it {why}",
    "geo.change_note": "{name} {why}",
    "geo.no_geography": "no geography of provinces is held for {year} (held: {held})",
    "geo.choose": "--geography {geography}: choose one of {held}",
    "geo.hint": " (if the file follows another map of provinces, say which: --geography, one of {held})",
}

VI = {
    "geo.by_act": " ({act})",
    "geo.on_day": "từ ngày {day}",
    "geo.in_year": "năm {year}",
    "geo.became_part": "đã nhập vào {to} {when}{act}",
    "geo.was_split": "đã được chia thành {to} {when}{act}",
    "geo.was_formed": "được thành lập {when} từ {of}{act}",
    "geo.from_to": "tồn tại từ {start} đến {end}",
    "geo.until": "tồn tại đến {end}",
    "geo.since": "tồn tại từ {start}",
    "geo.not_in_year": "'{name}' không phải là tỉnh, thành phố năm {year}: {why}",
    "geo.old_name": "'{name}' là tỉnh cũ: {why}",
    "geo.change_note": "{name} {why}",
    "geo.no_geography": "không có bộ đơn vị hành chính cấp tỉnh nào cho năm {year} (đang có: {held})",
    "geo.choose": "--geography {geography}: hãy chọn một trong {held}",
    "geo.hint": " (nếu tệp theo bản đồ tỉnh, thành phố khác, hãy ghi rõ: --geography, một trong {held})",
}
