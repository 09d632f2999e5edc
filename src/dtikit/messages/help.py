"""--help texts (``help.*``): options (``help.option.<name>`` when shared, else ``help.<command>.<option>``)
and commands (``help.<command>``, its first line the summary in ``dtikit --help``), looked up when the
help is shown (``dtikit.cli.words``); Click's own words are in ``output``."""

EN = {
    "help.option.data": (
        "Store folder to read (default: your store once you have ingested, else the bundled published "
        "figures; 'dtikit store path' says which)."
    ),
    "help.option.format": (
        "Output format: {formats} (default: table on a terminal, csv otherwise; for an --output FILE, the "
        "format its suffix names: {suffixes})."
    ),
    "help.option.output": "Write to FILE instead of stdout (any format; xlsx and docx need it).",
    "help.option.year": "Year (of the DTI: the year measured, published a year later).",
    "help.option.indicator_or_headline": (
        "An indicator: its id, a short word (gov, econ, society) or its name; default: the store's headline "
        "index (the DTI)."
    ),
    "help.option.province": "Province, as written anywhere ('kon tum', 'TP.HCM').",
    "help.option.year_geography": (
        "The map of provinces to rank in (61, 64, 63, 34); default: the year's (64 for 2004 to July 2008, "
        "63 to June 2025, 34 after)."
    ),
    "help.option.geography": (
        "63: the provinces of August 2008 to June 2025; 34: the units formed in July 2025; "
        "64: those of 2004 to July 2008 (with Hà Tây); 61: those of 1997-2003."
    ),
    "help.option.chart": (
        "Also draw the answer as a chart into this file (.svg or .png); stdout still carries the table."
    ),
    "help.option.highlight": "Province to pick out in the chart or map (repeatable).",
    "help.option.lang": "Language of the words: vi or en.",
    "help.rank.year": "Year to rank (of the DTI: the year measured, published a year later).",
    "help.option.region": "Only this socio-economic region.",
    "help.rank.top": "Only ranks 1..N (ties included).",
    "help.rank.vs": "Compare with this year (default: previous year with ranks).",
    "help.rank.among_held": "Rank among the provinces holding a value, in years without published ranks.",
    "help.rank.explain": "Split each rank change into own score change and others' moves.",
    "help.rank.target": "Draw a 'top N' line on the chart.",
    "help.rank": (
        "Rank provinces in a year, with rank and score changes since an earlier year.\n\nColumns: "
        "year, rank, province, score, prev_rank, rank_change (positive = climbed),\nscore_change, "
        "[region_rank with --region], prev_year, prev_score, rank_basis, region, ranked_of.\nThe "
        "indicator is ranked in its direction (lower-is-better ranks the smallest value 1st)."
    ),
    "help.gap.target": "Target rank: 35 means top 35.",
    "help.gap.target_value": "Target value, in the indicator's unit (default: a held target).",
    "help.gap.by": "Deadline year (default: a held target of this rank or value, if any).",
    "help.gap.fail_if_missed": "Exit 3 when the target is not met.",
    "help.gap": (
        "How far a province is from a target rank (overall and per pillar), or from a target "
        "value.\n\n--target N: a rank target for any indicator. --target-value V: a value target "
        "(value_gap in the\nindicator's unit, positive = still to go). The year defaults to the latest "
        "year held."
    ),
    "help.sources.conflicts": "Only values whose sources disagree.",
    "help.sources.province": "Only this province.",
    "help.sources.indicator": "Only this indicator (an id or either name).",
    "help.sources": (
        "Every source row behind the values, which one is used (chosen), and conflicts.\n\nPrecedence "
        "when sources disagree: official > government > press > secondary."
    ),
    "help.provinces": (
        "The units of a map: the 63 provinces (code, region, 2025 unit, aliases), the 34 units of 2025 with "
        "their predecessors, or the 64 (2004 to July 2008) or the 61 (1997-2003) with what each became in 2025 "
        "(the 61 without codes: none of that time is held)."
    ),
    "help.trend": (
        "Per year: national DTI and its change, the published provincial average, and aggregates "
        "held.\n\nEvery aggregate says over how many provinces it is computed (n_provinces of "
        "of_provinces)."
    ),
    "help.profile.indicators": "Output the other indicators held instead of the DTI by year.",
    "help.profile": (
        "A province over the years: ranks, scores, pillars, region rank, changes; and its other "
        "indicators.\n\nJSON gives one object with both; other formats the DTI by year (or "
        "--indicators)."
    ),
    "help.compare.provinces": "Two or more provinces, in any spelling.",
    "help.compare.indicator": "Any indicator (id or name): its value, rank and ranked_of by year.",
    "help.compare.among_held": "With --indicator: rank among the provinces holding a value, where none is published.",
    "help.compare": (
        "Provinces side by side over the years: one row per (year, measure), one column per "
        "province.\n\nWithout --indicator: the DTI's rank and score, overall and by pillar. With "
        "--indicator X: X's\nvalue, rank (published, computed from a complete table, or --among-held) "
        "and ranked_of.\n--chart draws the ranks over the years (the DTI's with its pillars, or X's)."
    ),
    "help.targets.province": "Only this province's targets (or 'Việt Nam').",
    "help.targets.summary": "Counts and shares of each status instead.",
    "help.targets": (
        "Targets held and their status: met, on track, at risk, missed or unknown (see dtikit's documentation)."
    ),
    "help.indicators_set.indicator": "An indicator you ingested: its id or either name.",
    "help.indicators_set.name_vi": "Vietnamese name.",
    "help.indicators_set.name_en": "English name.",
    "help.indicators_set.unit": "Unit ('% of villages', 'score 0-1', ...).",
    "help.indicators_set.higher_is_better": "Direction: which way ranks go.",
    "help.indicators_set.combine": (
        "How values of provinces merged make one, on a later map (--geography): 'sum' for a count, "
        "'mean:WEIGHT' for a mean weighted by the indicator WEIGHT (e.g. a population), '' for none."
    ),
    "help.indicators_set": (
        "Change a user's indicator in the store (--data): names, unit, direction. Bundled ones are read-only."
    ),
    "help.map.year": "Year to map (of the DTI: the year measured, published a year later).",
    "help.map.output": "File to write: .svg, .png or .html.",
    "help.map.by": "Colour by rank, or by value.",
    "help.map": (
        "A tile-grid map of the provinces (or the 34 units of 2025) coloured by rank or value; writes "
        "only the file.\n\nEach province is one equal tile placed roughly where it lies "
        "(a hand-made schematic layout\nshipped with dtikit, not a boundary file); a 2025 unit is the union of its "
        "predecessors' tiles. Darker = better, in the\nindicator's direction; a province without a "
        "rank or value is hatched ('no data')."
    ),
    "help.report.output": "File to write: .html, or .docx for a Word document.",
    "help.report.format": "html or docx (Word); default: by the --output suffix.",
    "help.report.province": "The province (else the national report).",
    "help.report.year": "DTI year (province: default the latest ranked).",
    "help.report.target": "A rank target (default: the one held, if any).",
    "help.report": (
        "One self-contained HTML page (inline SVG and CSS, nothing loaded from the network), or a Word "
        "document (A4, charts and map as pictures); writes only the file.\n\nWith --province: headline, "
        "targets and pace, pillars, other indicators, charts, the map, sources.\nWithout: the national "
        "ranking of --year, the biggest movers, the regions, the trend."
    ),
    "help.store": "The store your ingests write: where it is, its log, a check, undo and prune.",
    "help.store_path": "Print the store a command would read (and an ingest write), and why, on stderr.",
    "help.store_log": "One row per version: when, what, files and sha256, values added/replaced/held, the command.",
    "help.store_check.every": "Check every version kept (what it does without --current).",
    "help.store_check.current": "Check only the current version.",
    "help.store_check": (
        "Every file of every version kept: there, with the size and sha256 recorded at commit time. Says which "
        "versions are sound. Exit 1 on a problem."
    ),
    "help.store_undo.to": "The version to make current (default: the one before).",
    "help.store_undo.dry_run": "Say what would disappear; change nothing.",
    "help.store_undo": (
        "Make an earlier version current again (itself a new version in the log). Lists the ingests that disappear."
    ),
    "help.store_prune.keep": "How many of the newest versions to keep.",
    "help.store_prune": "Remove every version but the N newest (the current one is always kept).",
    "help.app": "Vietnam's provincial Digital Transformation Index (DTI): ranks, gaps to targets, sources.",
    "help.main_options.version": "Print the version and exit.",
    "help.main_options.debug": "Show a traceback on errors (accepted anywhere).",
    "help.main_options.lang": (
        "vi or en: the language of tables (accepted anywhere; default DTIKIT_LANG, else LC_ALL/LANG)."
    ),
    "help.help.command": "A command ('rank', 'indicators set'); none: all.",
    "help.help": "Show the help of dtikit, or of a command: 'dtikit help rank' is 'dtikit rank --help'.",
    "help.indicators": "The indicator catalog (and 'indicators set' to change one you ingested).",
}

VI = {
    "help.option.data": (
        "Thư mục kho để đọc (mặc định: kho của bạn khi đã nhập dữ liệu, nếu không thì số liệu công bố "
        "có sẵn; 'dtikit store path' cho biết kho nào)."
    ),
    "help.option.format": (
        "Định dạng đầu ra: {formats} (mặc định: bảng khi in ra cửa sổ dòng lệnh, nếu không thì csv; với "
        "--output TỆP, định dạng theo đuôi tệp: {suffixes})."
    ),
    "help.option.output": "Ghi vào TỆP thay vì stdout (mọi định dạng; xlsx và docx bắt buộc có).",
    "help.option.year": "Năm (với DTI: năm được đo, công bố vào năm sau).",
    "help.option.indicator_or_headline": (
        "Chỉ tiêu: mã, từ ngắn (gov, econ, society) hoặc tên của chỉ tiêu; mặc định: chỉ số chính của kho dữ "
        "liệu (DTI)."
    ),
    "help.option.province": "Tỉnh, thành phố, viết kiểu nào cũng được ('kon tum', 'TP.HCM').",
    "help.option.year_geography": (
        "Bộ đơn vị hành chính cấp tỉnh để xếp hạng (61, 64, 63, 34); mặc định: theo năm (64 từ 2004 đến "
        "tháng 7/2008, 63 đến tháng 6/2025, 34 sau đó)."
    ),
    "help.option.geography": (
        "63: các tỉnh, thành phố từ tháng 8/2008 đến tháng 6/2025; 34: các đơn vị hình thành tháng 7/2025; "
        "64: các tỉnh, thành phố 2004 – tháng 7/2008 (có Hà Tây); 61: các tỉnh, thành phố 1997-2003."
    ),
    "help.option.chart": "Vẽ thêm kết quả thành biểu đồ vào tệp này (.svg hoặc .png); stdout vẫn in bảng.",
    "help.option.highlight": "Tỉnh, thành phố cần làm nổi bật trên biểu đồ hoặc bản đồ (dùng nhiều lần được).",
    "help.option.lang": "Ngôn ngữ của chữ: vi hoặc en.",
    "help.rank.year": "Năm cần xếp hạng (với DTI: năm được đo, công bố vào năm sau).",
    "help.option.region": "Chỉ vùng kinh tế - xã hội này.",
    "help.rank.top": "Chỉ hạng 1..N (kể cả đồng hạng).",
    "help.rank.vs": "So sánh với năm này (mặc định: năm trước gần nhất có hạng).",
    "help.rank.among_held": "Xếp hạng trong số các tỉnh, thành phố có giá trị, ở những năm không có hạng công bố.",
    "help.rank.explain": (
        "Tách mỗi thay đổi hạng thành phần do điểm của chính tỉnh, thành phố và phần do các tỉnh, thành phố khác."
    ),
    "help.rank.target": "Vẽ đường mục tiêu 'nhóm N địa phương dẫn đầu' trên biểu đồ.",
    "help.rank": (
        "Xếp hạng các tỉnh, thành phố trong một năm, kèm thay đổi hạng và điểm so với một năm trước.\n\nCác "
        "cột: year, rank, province, score, prev_rank, rank_change (dương = tăng hạng), score_change, "
        "[region_rank khi có --region], prev_year, prev_score, rank_basis, region, ranked_of. Chỉ tiêu "
        "được xếp hạng theo chiều của nó (thấp hơn là tốt hơn thì giá trị nhỏ nhất hạng 1)."
    ),
    "help.gap.target": "Hạng mục tiêu: 35 nghĩa là vào nhóm 35 địa phương dẫn đầu.",
    "help.gap.target_value": "Giá trị mục tiêu, theo đơn vị của chỉ tiêu (mặc định: một mục tiêu đang có).",
    "help.gap.by": "Năm hạn (mặc định: hạn của một mục tiêu đang có với hạng hay giá trị này, nếu có).",
    "help.gap.fail_if_missed": "Thoát với mã 3 khi chưa đạt mục tiêu.",
    "help.gap": (
        "Một tỉnh, thành phố còn cách hạng mục tiêu bao xa (tổng thể và từng trụ cột), hoặc cách giá trị "
        "mục tiêu bao xa.\n\n--target N: mục tiêu hạng cho mọi chỉ tiêu. --target-value V: mục tiêu "
        "giá trị (value_gap theo đơn vị của chỉ tiêu, dương = còn phải đi). Năm mặc định là năm mới "
        "nhất có số liệu."
    ),
    "help.sources.conflicts": "Chỉ các giá trị mà các nguồn không khớp nhau.",
    "help.sources.province": "Chỉ tỉnh, thành phố này.",
    "help.sources.indicator": "Chỉ chỉ tiêu này (mã hoặc tên tiếng Việt hay tiếng Anh).",
    "help.sources": (
        "Mọi dòng nguồn đứng sau các giá trị, nguồn nào được dùng (chosen), và các mâu thuẫn.\n\nThứ "
        "tự ưu tiên khi các nguồn không khớp: official > government > press > secondary."
    ),
    "help.provinces": (
        "Các đơn vị của một bản đồ hành chính: 63 tỉnh, thành phố (mã, vùng, đơn vị 2025, tên gọi khác), 34 đơn "
        "vị năm 2025 cùng các tỉnh, thành phố hợp thành, hoặc 64 (2004 đến tháng 7/2008) hay 61 (1997-2003) "
        "cùng đơn vị năm 2025 mà mỗi tỉnh trở thành (61 tỉnh không có mã: không có mã của thời đó)."
    ),
    "help.trend": (
        "Theo năm: DTI cả nước và thay đổi, bình quân cấp tỉnh đã công bố, và các số tổng hợp từ số "
        "liệu đang có.\n\nMỗi số tổng hợp ghi rõ tính trên bao nhiêu tỉnh, thành phố (n_provinces trên "
        "of_provinces)."
    ),
    "help.profile.indicators": "In các chỉ tiêu khác đang có thay cho DTI theo năm.",
    "help.profile": (
        "Một tỉnh, thành phố qua các năm: hạng, điểm, trụ cột, hạng trong vùng, thay đổi; và các chỉ tiêu "
        "khác.\n\nJSON cho một đối tượng gồm cả hai; các định dạng khác cho DTI theo năm (hoặc "
        "--indicators)."
    ),
    "help.compare.provinces": "Hai tỉnh, thành phố trở lên, viết kiểu nào cũng được.",
    "help.compare.indicator": "Một chỉ tiêu bất kỳ (mã hoặc tên): giá trị, hạng và ranked_of theo năm.",
    "help.compare.among_held": (
        "Kèm --indicator: xếp hạng trong số các tỉnh, thành phố có giá trị, khi không có hạng công bố."
    ),
    "help.compare": (
        "So sánh các tỉnh, thành phố qua các năm: mỗi dòng một (năm, chỉ số), mỗi cột một "
        "tỉnh, thành phố.\n\nKhông có --indicator: hạng và điểm DTI, tổng thể và từng trụ cột. Có "
        "--indicator X: giá trị của X, hạng (công bố, tính từ bảng đủ số liệu, hoặc --among-held) và "
        "ranked_of. --chart vẽ hạng qua các năm (của DTI cùng các trụ cột, hoặc của X)."
    ),
    "help.targets.province": "Chỉ các mục tiêu của tỉnh, thành phố này (hoặc 'Việt Nam').",
    "help.targets.summary": "Thay vào đó, số lượng và tỷ lệ của từng tình trạng.",
    "help.targets": (
        "Các mục tiêu đang có và tình trạng: met (đạt), on track (đúng tiến độ), at risk (có nguy cơ), "
        "missed (không đạt) hoặc unknown (chưa rõ) (xem tài liệu của dtikit)."
    ),
    "help.indicators_set.indicator": "Một chỉ tiêu bạn đã nhập: mã hoặc tên tiếng Việt hay tiếng Anh.",
    "help.indicators_set.name_vi": "Tên tiếng Việt.",
    "help.indicators_set.name_en": "Tên tiếng Anh.",
    "help.indicators_set.unit": "Đơn vị ('% of villages', 'score 0-1', ...).",
    "help.indicators_set.higher_is_better": "Chiều: hạng đi theo hướng nào.",
    "help.indicators_set.combine": (
        "Cách gộp giá trị của các tỉnh sáp nhập trên bản đồ sau (--geography): 'sum' cho số đếm, "
        "'mean:WEIGHT' cho trung bình có trọng số theo chỉ tiêu WEIGHT (ví dụ dân số), '' nếu không gộp được."
    ),
    "help.indicators_set": (
        "Đổi một chỉ tiêu do người dùng nhập trong kho (--data): tên, đơn vị, chiều. Các chỉ tiêu có sẵn chỉ đọc."
    ),
    "help.map.year": "Năm cần vẽ bản đồ (với DTI: năm được đo, công bố vào năm sau).",
    "help.map.output": "Tệp cần ghi: .svg, .png hoặc .html.",
    "help.map.by": "Tô màu theo hạng, hoặc theo giá trị.",
    "help.map": (
        "Bản đồ ô lưới các tỉnh, thành phố (hoặc 34 đơn vị năm 2025) tô màu theo hạng hoặc giá trị; chỉ ghi "
        "ra tệp.\n\nMỗi tỉnh, thành phố là một ô bằng nhau đặt gần đúng vị trí (bố cục sơ đồ "
        "vẽ tay đi kèm dtikit, không phải tệp ranh giới); một đơn vị 2025 là hợp các ô của các "
        "tỉnh, thành phố hợp thành. Đậm hơn = "
        "tốt hơn, theo chiều của chỉ tiêu; tỉnh, thành phố không có hạng hay giá trị được gạch chéo ('không "
        "có số liệu')."
    ),
    "help.report.output": "Tệp cần ghi: .html, hoặc .docx để có văn bản Word.",
    "help.report.format": "html hoặc docx (Word); mặc định: theo đuôi tệp của --output.",
    "help.report.province": "Tỉnh, thành phố (nếu không có thì là báo cáo cả nước).",
    "help.report.year": "Năm DTI (với tỉnh, thành phố: mặc định năm mới nhất có hạng).",
    "help.report.target": "Hạng mục tiêu (mặc định: mục tiêu đang có, nếu có).",
    "help.report": (
        "Một trang HTML độc lập (SVG và CSS nhúng sẵn, không tải gì từ mạng), hoặc một văn bản Word "
        "(khổ A4, biểu đồ và bản đồ dạng hình); chỉ ghi ra tệp.\n\nCó "
        "--province: tóm tắt, mục tiêu và tốc độ, trụ cột, các chỉ tiêu khác, biểu đồ, bản đồ, nguồn. "
        "Không có: bảng xếp hạng cả nước của --year, các tỉnh, thành phố thay đổi nhiều nhất, các vùng, xu "
        "hướng."
    ),
    "help.store": "Kho mà các lần nhập ghi vào: ở đâu, nhật ký, kiểm tra, hoàn tác và dọn bớt.",
    "help.store_path": "In ra kho mà một lệnh sẽ đọc (và lệnh nhập sẽ ghi), và lý do, trên stderr.",
    "help.store_log": (
        "Mỗi phiên bản một dòng: khi nào, làm gì, các tệp và sha256, số giá trị thêm/thay/giữ, lệnh đã chạy."
    ),
    "help.store_check.every": "Kiểm tra mọi phiên bản đang giữ (việc lệnh làm khi không có --current).",
    "help.store_check.current": "Chỉ kiểm tra phiên bản hiện hành.",
    "help.store_check": (
        "Mọi tệp của mọi phiên bản đang giữ: còn đó, kích thước và sha256 khớp lúc ghi. Cho biết phiên bản nào "
        "còn nguyên vẹn. Thoát với mã 1 khi có lỗi."
    ),
    "help.store_undo.to": "Phiên bản cần đặt làm hiện hành (mặc định: phiên bản liền trước).",
    "help.store_undo.dry_run": "Nói những gì sẽ mất; không thay đổi gì.",
    "help.store_undo": (
        "Đặt lại một phiên bản cũ làm hiện hành (bản thân việc này là một phiên bản mới trong nhật "
        "ký). Liệt kê các lần nhập bị bỏ."
    ),
    "help.store_prune.keep": "Giữ lại bao nhiêu phiên bản mới nhất.",
    "help.store_prune": "Xoá mọi phiên bản trừ N phiên bản mới nhất (luôn giữ phiên bản hiện hành).",
    "help.app": "Chỉ số chuyển đổi số cấp tỉnh (DTI) của Việt Nam: xếp hạng, khoảng cách đến mục tiêu, nguồn.",
    "help.main_options.version": "In phiên bản rồi thoát.",
    "help.main_options.debug": "Hiện traceback khi có lỗi (đặt ở đâu cũng được).",
    "help.main_options.lang": (
        "vi hoặc en: ngôn ngữ của bảng, thông báo và trợ giúp (đặt ở đâu cũng được; mặc định "
        "DTIKIT_LANG, nếu không thì LC_ALL/LANG)."
    ),
    "help.help.command": "Một lệnh ('rank', 'indicators set'); không có: tất cả.",
    "help.help": "Hiện trợ giúp của dtikit, hoặc của một lệnh: 'dtikit help rank' giống 'dtikit rank --help'.",
    "help.indicators": "Danh mục chỉ tiêu (và 'indicators set' để đổi một chỉ tiêu bạn đã nhập).",
}
