"""Errors and the words of stderr lines (``error.*``, ``prefix.*``): 'dtikit: usage error: ...' and the like.

An error says what is wrong and what to do; option names, commands, paths and values stay as typed.
"""

EN = {
    "prefix.usage": "usage error",
    "prefix.error": "error",
    "prefix.check": "check failed",
    "prefix.note": "note",
    "prefix.warning": "warning",
    "interrupted": "interrupted",
    "error.internal": "internal error: {kind}: {message} (run again with --debug for the traceback)",
    "error.polars": "internal error in Polars: {message} (run again with --debug for the traceback)",
    "error.see_help": "{message} (see '{command} --help')",
    "error.lang": "--lang {lang!r}: choose vi or en",
    "error.lang_of": "--lang {lang}: choose one of {choices}",
    "error.no_command": "no command {name!r}; 'dtikit --help' lists them",
    "error.xlsx_output": "--format xlsx writes a file: give --output FILE.xlsx",
    "error.report_what": "give --province P, or --year Y for the national report",
    "error.report_suffix": "--output {path}: a {format} report is written to a .{format} file; change the suffix",
    "error.short_of_rank": "{province} is rank {rank} in {year}, {places:place|places} short of the target {target}",
    "error.short_of_value": ("{province} {indicator} is {value:g} ({period}), {gap:g} short of the target {target:g}"),
    "error.did_you_mean": "; did you mean {names}?",
    "error.none": "none",
    "error.indicator_several": "indicator {text!r} names several indicators ({ids}): give the id",
    "error.unknown_indicator": "unknown indicator {text!r}{hint} ('dtikit indicators' lists them)",
    "error.no_user_store": "{root}: no store written by 'dtikit ingest' here; ingest a table first",
    "error.nothing_to_set": (
        "nothing to change: give --name-vi, --name-en, --unit, --higher-is-better or --lower-is-better"
    ),
    "error.bundled_indicator": ("{id} is a bundled indicator and read-only; only indicators you ingested can be set"),
    "error.name_taken": "--{option} {value!r} already names {other}",
    "error.stream_bytes": (
        "DTIKIT_STREAM_BYTES={text!r}: not a whole number of bytes (such as 16777216); fix or unset it"
    ),
    "error.data_spaces": "DTIKIT_DATA={data!r}: a folder name with spaces around it; fix or unset it",
    "error.target_outside": "--target {target} is outside 1..{n}: {n} provinces are ranked",
    "error.no_rank_ever": "no {label} rank held for {province} in any year",
    "error.no_rank_in": "no {label} rank held for {province} in {year}; years with a rank: {years}",
    "error.by_before": "--by {by} is before {year}, the year measured: give a deadline of {year} or later",
    "error.no_target": "no target held for {id}: give --target-value V (in {unit})",
    "error.its_unit": "its unit",
    "error.no_value_in": "no {id} value held for {province} in {year}; years with a value: {years}",
    "error.no_value": "no {id} value held for {province}",
    "error.picture_format": "{option} {path}: unknown picture format {suffix!r}; use {allowed}",
    "error.picture_stdout": "{option} -: a picture goes to a file, not to stdout; give a file name ending {allowed}",
    "error.no_suffix": "(none)",
    "error.unknown_province": "unknown province {name!r}{hint}{listed}",
    "error.provinces_listed": " ('dtikit provinces' lists the names)",
    "error.unknown_region": "unknown region {name!r}; the regions are: {known}",
    "error.geography": "--geography {geography}: choose 63 or 34",
    "error.geography_of": "--geography {geography}: choose 63 (provinces until mid-2025) or 34 (units since)",
    "error.region_geography": "regions are defined for the 63 provinces; drop --region or use --geography 63",
    "error.no_rank_year": "no {label} rank held for {year}{among}; years with ranks: {years}",
    "error.among_34": " among the 34 units of 2025",
    "error.years_with_values": "; years with values: {years}",
    "error.no_rank_vs": "no {label} rank held for --vs {vs}; years with ranks: {years}",
    "error.target_both": "give --target (a rank) or --target-value (a value), not both",
    "error.target_neither": "give --target N (a rank) or --target-value V with --indicator ID",
    "error.no_headline": (
        "this store's catalog names no headline index (role 'headline' in its indicators): give --indicator ID"
    ),
    "error.compare_two": "compare needs at least two provinces",
    "error.among_held_indicator": "--among-held needs --indicator",
}

VI = {
    "prefix.usage": "lỗi cách dùng",
    "prefix.error": "lỗi",
    "prefix.check": "kiểm tra không đạt",
    "prefix.note": "ghi chú",
    "prefix.warning": "cảnh báo",
    "interrupted": "đã dừng",
    "error.internal": "lỗi nội bộ: {kind}: {message} (chạy lại với --debug để xem traceback)",
    "error.polars": "lỗi nội bộ trong Polars: {message} (chạy lại với --debug để xem traceback)",
    "error.see_help": "{message} (xem '{command} --help')",
    "error.lang": "--lang {lang!r}: hãy chọn vi hoặc en",
    "error.lang_of": "--lang {lang}: hãy chọn một trong {choices}",
    "error.no_command": "không có lệnh {name!r}; 'dtikit --help' liệt kê các lệnh",
    "error.xlsx_output": "--format xlsx ghi ra tệp: hãy cho --output FILE.xlsx",
    "error.report_what": "hãy cho --province P, hoặc --year Y để có báo cáo cả nước",
    "error.report_suffix": "--output {path}: báo cáo {format} được ghi ra tệp .{format}; hãy đổi đuôi tệp",
    "error.short_of_rank": "{province} xếp hạng {rank} năm {year}, còn thiếu {places} hạng so với mục tiêu {target}",
    "error.short_of_value": (
        "{province} {indicator} đạt {value:g} ({period}), còn thiếu {gap:g} so với mục tiêu {target:g}"
    ),
    "error.did_you_mean": "; có phải {names}?",
    "error.none": "không có",
    "error.indicator_several": "{text!r} là tên của nhiều chỉ tiêu ({ids}): hãy ghi mã chỉ tiêu",
    "error.unknown_indicator": "không có chỉ tiêu {text!r}{hint} ('dtikit indicators' liệt kê các chỉ tiêu)",
    "error.no_user_store": "{root}: ở đây không có kho do 'dtikit ingest' ghi; hãy nhập một bảng trước",
    "error.nothing_to_set": (
        "không có gì để đổi: hãy cho --name-vi, --name-en, --unit, --higher-is-better hoặc --lower-is-better"
    ),
    "error.bundled_indicator": "{id} là chỉ tiêu có sẵn, chỉ đọc; chỉ đổi được các chỉ tiêu bạn đã nhập",
    "error.name_taken": "--{option} {value!r} đã là tên của {other}",
    "error.stream_bytes": (
        "DTIKIT_STREAM_BYTES={text!r}: không phải một số nguyên byte (ví dụ 16777216); hãy sửa hoặc bỏ biến này"
    ),
    "error.data_spaces": "DTIKIT_DATA={data!r}: tên thư mục có dấu cách ở đầu hoặc cuối; hãy sửa hoặc bỏ biến này",
    "error.target_outside": "--target {target} nằm ngoài 1..{n}: có {n} tỉnh, thành phố được xếp hạng",
    "error.no_rank_ever": "{province} không có hạng theo {label} trong năm nào",
    "error.no_rank_in": "{province} không có hạng theo {label} năm {year}; các năm có hạng: {years}",
    "error.by_before": "--by {by} trước năm {year}, năm được đo: hãy cho hạn từ năm {year} trở đi",
    "error.no_target": "không có mục tiêu nào cho {id}: hãy cho --target-value V (theo {unit})",
    "error.its_unit": "đơn vị của chỉ tiêu",
    "error.no_value_in": "không có giá trị {id} của {province} năm {year}; các năm có giá trị: {years}",
    "error.no_value": "không có giá trị {id} nào của {province}",
    "error.picture_format": "{option} {path}: không rõ định dạng hình {suffix!r}; hãy dùng {allowed}",
    "error.picture_stdout": "{option} -: hình được ghi ra tệp, không ra stdout; hãy cho tên tệp có đuôi {allowed}",
    "error.no_suffix": "(không có)",
    "error.unknown_province": "không có tỉnh, thành phố {name!r}{hint}{listed}",
    "error.provinces_listed": " ('dtikit provinces' liệt kê các tên)",
    "error.unknown_region": "không có vùng {name!r}; các vùng là: {known}",
    "error.geography": "--geography {geography}: hãy chọn 63 hoặc 34",
    "error.geography_of": (
        "--geography {geography}: hãy chọn 63 (các tỉnh, thành phố đến giữa năm 2025) hoặc 34 (các đơn vị từ đó)"
    ),
    "error.region_geography": "vùng chỉ được xác định cho 63 tỉnh, thành phố; hãy bỏ --region hoặc dùng --geography 63",
    "error.no_rank_year": "không có xếp hạng theo {label} năm {year}{among}; các năm có xếp hạng: {years}",
    "error.among_34": " trong 34 đơn vị năm 2025",
    "error.years_with_values": "; các năm có giá trị: {years}",
    "error.no_rank_vs": "không có xếp hạng theo {label} cho --vs {vs}; các năm có xếp hạng: {years}",
    "error.target_both": "hãy cho --target (một hạng) hoặc --target-value (một giá trị), không cho cả hai",
    "error.target_neither": "hãy cho --target N (một hạng) hoặc --target-value V kèm --indicator ID",
    "error.no_headline": (
        "danh mục chỉ tiêu của kho dữ liệu này không có chỉ số chính (vai trò 'headline'): hãy cho --indicator ID"
    ),
    "error.compare_two": "compare cần ít nhất hai tỉnh, thành phố",
    "error.among_held_indicator": "--among-held cần có --indicator",
}
