"""Words of ingest and validate (reading files, the rules of a value cell, notes, warnings, errors and
the options' help): keys ``ingest.<name>``.

A problem's message is kept as keys and fields (``dtikit.ingest.validate.Problem``) and said at the
edge: in the run's language on stderr and in tables, in English in machine formats.
"""

EN = {
    # where a problem is
    "ingest.at_row": "row {row}",
    "ingest.at_column": ", column {column!r}",
    "ingest.more_rows": " (and {n} more rows)",
    "ingest.cells": " ({n} cells)",
    "ingest.and": " and ",
    "ingest.and_more": " and {n} more",
    # the rules every value cell keeps (dtikit.ingest.rules)
    "ingest.rule.empty_province": "the province is empty; fill it in or delete the row",
    "ingest.rule.province_columns_disagree": (
        "{province_alt_text!r} is not the province of column {province_column!r} on this row "
        "({province_text!r}); the two province columns must name the same province"
    ),
    "ingest.rule.no_year": (
        "no year: add a year column (Năm/Year), name the year in the header (DTI 2022), or give --year"
    ),
    "ingest.rule.year_out_of_range": "year {year} is not a year from {first} to {last}",
    "ingest.rule.before_first_year": (
        "'{indicator}' was first measured for {first} (its methodology's first year): a value of {year} is "
        "another measure's; name it with --indicator ID (a new one with --new-indicators)"
    ),
    "ingest.rule.no_indicator": (
        "which indicator do these values measure? give --indicator ID (dtikit indicators lists them)"
    ),
    "ingest.rule.not_a_rank": "{value} is not a rank (a whole number such as 45 or 45/63)",
    "ingest.rule.not_a_number": "{value} is not a number; leave missing values empty or write -",
    "ingest.rule.not_a_number_comma": (
        "{value} is not a number with a decimal comma; leave missing values empty or write -"
    ),
    "ingest.rule.not_a_number_point": (
        "{value} is not a number with a decimal point; leave missing values empty or write -"
    ),
    "ingest.rule.not_finite": "{value} is not a finite number; leave the cell empty for a missing value",
    "ingest.rule.score_out_of_range": (
        "score {value} is outside 0–1 (DTI scores are published on a 0–1 scale; divide 1000-point values by 1000)"
    ),
    "ingest.rule.rank_out_of_range": "rank {value} is outside 1..{n}",
    "ingest.rule.rank_not_of_units": "rank {value} is not of the {n} provinces",
    "ingest.no_values": "no values under this header",
    "ingest.repeated_in_row": (
        "{province} {year} {indicator} appears twice in this row (also under {first_column!r}); keep one"
    ),
    "ingest.repeated_again": (
        "{province} {year} {indicator} appears again with another value "
        "(first on row {first_row}: {first_value:g}); keep one"
    ),
    # the decimal convention of a file
    "ingest.conventions_disagree": (
        "{text!r} has a decimal point but column {column!r} row {row}: {comma!r} has a decimal comma; the file "
        "contradicts itself: make them agree, or give --decimal-comma or --decimal-point"
    ),
    "ingest.convention_unknown": (
        "{text!r} reads as a decimal in one convention and as thousands in the other, and no "
        "cell of the file decides: give --decimal-comma or --decimal-point"
    ),
    "ingest.note.decimal_comma": (
        "{file}: numbers read with a decimal comma (0,7111 and 1.753), from column {column!r} row {row}: {text!r}"
    ),
    "ingest.note.decimal_point": (
        "{file}: numbers read with a decimal point (0.7111 and 1,753), from column {column!r} row {row}: {text!r}"
    ),
    # notes of the general checks
    "ingest.text_at_row": "{text!r} (row {row})",
    "ingest.note.not_provinces": "{file}: skipped rows that are not provinces: {listed}",
    "ingest.note.regions_skipped": (
        "{file}: skipped rows of regions, not provinces: {listed} (--regions keep stores them as the regions' values)"
    ),
    "ingest.row_repeats": "row {row} (= row {first}, {province})",
    "ingest.note.repeated_rows": "{file}: rows repeating an earlier row's values read once: {shown}{more}",
    # a command's files (dtikit.ingest.run)
    "ingest.map_unused": "--map {mapping!r} names no column of {files}",
    "ingest.indicator_or_new": "{unknown}; or give --new-indicators to add --indicator {text!r} as a new one",
    "ingest.note.given_twice": "{file}: given twice in this command; read once",
    "ingest.note.targets_table": "{file}: a targets table (header on row {row})",
    "ingest.note.target_indicator": "{file}: new indicator {id!r} (from {text!r}) added to the catalog",
    "ingest.note.sheet_skipped": "{file}: skipped: no column names a province",
    "ingest.note.sheet_year": "{file}: year {year} from the sheet's name, where the rows give none",
    "ingest.note.title_year": (
        "year {year} from the title in row {row} ('{title}'), where the rows and the column names give none; "
        "give --year if the figures are of another year"
    ),
    "ingest.unreadable": "{file}: cannot be read as {kind} ({reason})",
    "ingest.hint.quote": '; a quote (") may open a cell that never closes',
    "ingest.hint.targets": (
        "; it looks like a table of targets: a targets table gives one target a row, in columns who, "
        "indicator, comparator, target and deadline (missing here: {missing}; see 'Adding targets' in dtikit's "
        "documentation)"
    ),
    "ingest.targets_role.who": "who",
    "ingest.targets_role.indicator": "indicator",
    "ingest.targets_role.comparator": "comparator",
    "ingest.targets_role.value": "target",
    "ingest.targets_role.deadline": "deadline",
    "ingest.hint.late_utf8": (
        "; its first megabyte is UTF-8 but a later byte is not: save it as UTF-8, or give --encoding (cp1258, utf-16)"
    ),
    "ingest.hint.guessed": " (read as {guessed}; if the file is UTF-8, repair that byte)",
    "ingest.not_a_store": "{root}: a folder with other files and no dtikit store; give an empty or new folder",
    "ingest.note.created_store": "created the store {root} from the bundled figures; 'dtikit store path' shows it",
    "ingest.note.already_ingested": "{file}: already ingested on {at}; nothing to do",
    "ingest.note.rows_not_written": "{file}: {written} of {rows} data rows give values; not the others: {kinds}",
    "ingest.rows.blank": "{n} blank row(s)",
    "ingest.rows.not_province": "{n} row(s) of totals, regions or statistics, not provinces",
    "ingest.rows.repeated": "{n} row(s) repeating an earlier row",
    "ingest.rows.no_value": "{n} row(s) without a value (empty, or a missing marker such as -)",
    "ingest.rows.other": "{n} row(s) set aside as the notes above say",
    "ingest.held_differs": (
        "{province} {year} {indicator} is {value_text} here, but the store holds {held_text} ({held_source}); "
        "ingest would refuse it unless --replace"
    ),
    "ingest.note.all_held": "every value is already held; the file is recorded as a further source of them",
    "ingest.progress.reading": "reading and checking {path}",
    "ingest.progress.comparing": "comparing with the values held",
    "ingest.progress.writing": "writing the store {root}",
    "ingest.target_conflict": (
        "{raw_file} row {raw_row}: the target {who} {indicator} by {deadline} is {comparator} {target:g}, held "
        "{held_comparator} {held_target:g} ({n} such); nothing was written (--replace replaces them)"
    ),
    "ingest.note.targets_read": "{n} target(s) read; {replacing} replace held ones",
    "ingest.files_disagree": (
        "{files} give different values for {province} {year} {indicator} ({n} such values); "
        "ingest them one at a time, the later with --replace"
    ),
    "ingest.note.new_indicator": "new indicator {id!r} ({about}unit {unit}) added to the catalog",
    "ingest.note.new_indicator_dry": "new indicator {id!r} ({about}unit {unit}) would be added to the catalog",
    "ingest.note.more_new_indicators": (
        "and {n} more new indicators added to the catalog ({total} in all; 'dtikit indicators' lists them)"
    ),
    "ingest.note.more_new_indicators_dry": (
        "and {n} more new indicators would be added to the catalog ({total} in all)"
    ),
    "ingest.unit_not_given": "not given",
    "ingest.validation_failed": "{n} problem(s) in {files}; nothing was written",
    "ingest.conflicts_refused": (
        "{n} value(s) differ from values already held; nothing was written "
        "(--replace replaces them and records what was replaced; --dry-run lists them)"
    ),
    # reading files (dtikit.ingest.read, decode)
    "ingest.how.bom": "byte-order mark",
    "ingest.how.nul": "NUL bytes, no byte-order mark",
    "ingest.nul_byte": (
        "{file}: byte {byte} (row {row}) is a NUL byte, which a text file in UTF-8 or a code page never holds; "
        "remove it, or give --encoding if the file is UTF-16"
    ),
    "ingest.how.not_utf8": "not UTF-8 from byte {byte}",
    "ingest.how.utf8": "valid UTF-8",
    "ingest.how.given": "given",
    "ingest.separated.tab": "tab-separated",
    "ingest.separated.semicolon": "semicolon-separated",
    "ingest.separated.comma": "comma-separated",
    "ingest.unknown_encoding": "{file}: unknown encoding {encoding!r} (try utf-8, utf-16, cp1258)",
    "ingest.not_valid_given": (
        "{file}: not valid {encoding} at byte {byte}; drop --encoding to detect it, "
        "or try --encoding utf-8, utf-16 or cp1258"
    ),
    "ingest.looks_like": (
        "{file}: looks like {encoding} ({how}) but byte {byte} is not valid {encoding}; "
        "repair the file or give --encoding"
    ),
    "ingest.stream_not_valid_given": (
        "{file}: given byte {byte} is not valid {encoding}; repair the file or give --encoding (utf-8, utf-16, cp1258)"
    ),
    "ingest.stream_not_valid": (
        "{file}: looks like {encoding} ({how}) but byte {byte} is not valid {encoding}; "
        "repair the file or give --encoding (utf-8, utf-16, cp1258)"
    ),
    "ingest.no_sum": "no sum computed",
    "ingest.no_digest": "{file}: cannot be read to compute its sha256 ({reason}); nothing was written",
    "ingest.is_folder": "{file}: is a folder; give a CSV, TSV, Parquet or Excel file",
    "ingest.no_such_file": "{file}: no such file",
    "ingest.permission_denied": "{file}: permission denied",
    "ingest.not_zip": "{file}: not an {suffix} workbook (no zip signature); save it as .xlsx or CSV",
    "ingest.not_xls": "{file}: not an .xls workbook (no Excel 97 signature); save it as .xlsx or CSV",
    "ingest.not_parquet": "{file}: not a Parquet file (no PAR1 signature)",
    "ingest.note.streamed": "{file}: read as {encoding} ({how}), {separated}; streamed",
    "ingest.note.streamed_converted": "{file}: read as {encoding} ({how}), {separated}; streamed, converted to UTF-8",
    "ingest.note.read_as": "{file}: read as {encoding} ({how}), {separated}",
    "ingest.empty_file": "{file}: the file is empty",
    "ingest.sheet_of_text": "--sheet {sheet!r}: {file} is not a workbook (.xlsx, .xls, .ods); drop --sheet",
    "ingest.csv.unclosed": '{file}: row {row}: a quote (") opens a cell that never closes; close it or remove it',
    "ingest.beyond_header": (
        "a cell beyond the header's {width} columns ({cell!r}): the row has more cells than the header names; "
        'a number with a decimal comma in a comma-separated file must be quoted ("1,5") or the file saved '
        "with ';' between cells; or give that column a name"
    ),
    "ingest.csv.too_long": "{file}: row {row}: a cell is longer than {limit:,} characters; split or shorten it",
    "ingest.csv.unreadable": (
        "{file}: row {row}: cannot be read as {separated} text ({reason}); "
        'a cell with a quote (") must be quoted whole, with the quote doubled'
    ),
    "ingest.damaged": "damaged",
    "ingest.parquet_unreadable": "{file}: cannot be read as Parquet ({reason}); export it again or give CSV",
    # workbooks (dtikit.ingest.workbook)
    "ingest.no_sheet": "{file}: no sheet {sheet!r}; its sheets are {listed} (--sheet all reads every one)",
    "ingest.workbook_unopenable": "{file}: cannot be opened as an {kind} workbook ({reason}); re-save it or export CSV",
    "ingest.and_n_more": " (and {n} more)",
    "ingest.formula_unsaved": (
        "{file}: sheet {sheet!r}: cell {cell} holds a formula with no saved value ({formula}){more}; "
        "open the workbook in a spreadsheet and save it, so that values are stored"
    ),
    "ingest.sheet_unreadable": "{file}: sheet {sheet!r} cannot be read ({reason}); re-save it or export CSV",
    "ingest.note.first_sheet": "sheet {sheet!r} (of {n}; --sheet NAME or --sheet all reads others)",
    "ingest.workbook_damaged": "{file}: the workbook is damaged ({reason}); re-save it or export CSV",
    "ingest.note.dimension_ignored": (
        "{file}: sheet {sheet!r} declares a used range without columns; that record was left out and "
        "the sheet read from its cells"
    ),
    # where the header is and what each column holds (dtikit.ingest.layout, headers, tidy)
    "ingest.at_rows": "rows {rows}",
    "ingest.and_more_columns": " and {n} more",
    "ingest.header_row_outside": "{file}: --header-row {row}: the table has rows 1..{rows}",
    "ingest.legacy_font": (
        "{file}: {text!r} is Vietnamese typed in a TCVN3 (.Vn) font, not in Unicode; convert the file to "
        "Unicode (Unikey's converter: TCVN3 to Unicode) and read it again"
    ),
    "ingest.provinces_across": (
        "{file}: row {row} names provinces across its columns ({names}): a table is read with one row per "
        "province; transpose it (provinces down a column, one column per indicator or year)"
    ),
    "ingest.blank_table": (
        "{file}: every cell is empty, no table to read (of a workbook, --sheet NAME reads another sheet)"
    ),
    "ingest.no_header": (
        "{file}: no column names a province in the first {n} rows and no column lists province names; "
        "name it with --map 'HEADER=province' (or C=province, #3=province), or give --header-row N"
    ),
    "ingest.note.header_found": "{file}: header found on row {row}; rows above it skipped",
    "ingest.note.header_spans": "{file}: the header spans rows {rows}",
    "ingest.header_no_province": (
        "{file}: the header ({rows}) names no province column, and the column listing provinces has "
        "another name; name it with --map 'HEADER=province' (or C=province, #3=province), or give --header-row N"
    ),
    "ingest.unnamed_column": "(unnamed column {letter})",
    "ingest.hint.new_indicators": "--new-indicators adds each column of numbers as a new indicator; ",
    "ingest.cannot_map": (
        "{file}: row {row}: cannot map column {listed}; {hint}name a column with --map 'HEADER=ROLE' "
        "(or C=ROLE, #3=ROLE) or use an accepted name ({accepted})"
    ),
    "ingest.accepted": (
        "{roles}; a score or rank: {scores}, {ranks}; a year ('2022', 'DTI 2022'); "
        "or an indicator id or name (dtikit indicators)"
    ),
    "ingest.note.text_columns_skipped": "{file}: columns of text skipped: {listed}",
    "ingest.note.pairs": (
        "{file}: {n} (province, value) column pair(s), each sorted on its own: a value column is named by its "
        "header, or by the header above its provinces"
    ),
    "ingest.note.unit_line": "{file}: row {row} gives the unit, {unit!r}, of the values whose header names none",
    "ingest.note.column_numbers": "{file}: row {row} numbers the columns; skipped",
    "ingest.note.unit_scale": (
        "{file}: the unit of {n:column|columns} is a percent, but every value is a fraction between 0 and 1: {listed}; "
        "the values are kept as written, without that unit: say what they are with --unit "
        "(e.g. --unit 'share 0-1'), or later with 'dtikit indicators set ID --unit'"
    ),
    "ingest.unit_column": "{column!r} ({unit!r}, such as {value})",
    "ingest.unit_scale": (
        "indicator {indicator} is in {unit!r}, but every value of this column is a fraction between 0 and 1 "
        "(such as {value}): 0.71 would be read as 0.71 %; write the values in percent (71), or map the column "
        "to another indicator with --map"
    ),
    "ingest.note.header_year": "the year {year} of columns {columns} is the year of the columns that name none",
    "ingest.note.headline_assumed": (
        "columns {columns} say only score or rank: read as '{index}', since --indicator names no other; "
        "give --indicator ID when they measure another index"
    ),
    "ingest.header_year_differs": (
        "{file}: columns {columns} name the year {found}, and the columns that name none would be read as "
        "{year} (--year or the sheet's name): if the sheet holds the figures of {found}, give --year {found} "
        "for it (ingest it apart with --sheet)"
    ),
    "ingest.note.row_numbers": "{file}: column {letter}, without a header, numbers the rows; skipped",
    "ingest.lists_no_province": (
        "{file}: column {column!r} is named as a province column but lists no province ({example!r}, ...): this is no "
        "table of provinces; if it is, name the column with --map 'HEADER=province'"
    ),
    "ingest.note.after_table": (
        "{file}: rows {first}-{last} repeat the header below the table (a province singled out, its ranks); skipped"
    ),
    "ingest.note.sections": "{file}: rows of regions and sections (subtotals) skipped: {listed}",
    "ingest.name_is": "{text!r} is indicator {id}",
    "ingest.name_new": "{text!r} names no indicator yet",
    "ingest.note.held_twice": (
        "{file}: column {letter} ({other}) holds the values {sheet} gives for {one} in {year}: one measure the "
        "store holds as two indicators, named differently by the files read before; each keeps its values. To "
        "add this column to {one}, ingest the file again with {how} (after 'dtikit store undo' "
        "if this ingest was written)"
    ),
    "ingest.note.likely_match": (
        "{file}: new indicator {new} ({name!r}, column {letter}) may be the measure held as {held} "
        "({held_name!r}), named otherwise by another file; dtikit does not guess: if it is, ingest the file "
        "again with {how} (after 'dtikit store undo' if this ingest was written)"
    ),
    "ingest.note.more_likely": "and {n} more new indicators whose names are close to one held",
    "ingest.hint.sheet_alone": " (that sheet alone; the other sheets as before)",
    "ingest.note.kind_unsaid": (
        "{file}: new indicator {new} ({name!r}) has the name of {held}, read under a title that says the kind "
        "of figures (a plan, an outturn); this table's title says none, so dtikit does not guess: if it is one "
        "of them, ingest again with {how} (after 'dtikit store undo' if this ingest was written)"
    ),
    "ingest.and_more_indicators": " and {n} more",
    "ingest.note.learnt": "{n:indicator|indicators} held learnt the names or codes given by this command: {listed}",
    "ingest.note.regions_kept": "{file}: rows kept as the values of regions (geography {geography}): {listed}",
    "ingest.note.country_kept": (
        "{file}: rows kept as the values of the whole country (geography {geography}): {listed}"
    ),
    "ingest.unit_at_row": "{text!r} (row {row}) as {unit!r}",
    "ingest.region_members": (
        "{file}: row {row} ({label!r}) is named as the region {region!r}, but the provinces below it are not that "
        "region's (missing: {missing}; others: {others}): its number is not the region's value; read the table "
        "with --regions skip"
    ),
    "ingest.regions_option": "--regions {given!r}: give 'skip' (the default) or 'keep'",
    "ingest.help.regions": (
        "Rows of regions' subtotals and of the country's total: 'skip' them with a note (default), or 'keep' "
        "them as the values of the region (geography 6) and of the country (geography 1), never as provinces"
    ),
    "ingest.name_titled": "{text!r} (the title on row {row}, {title!r}, says {kind!r}) names no indicator yet",
    "ingest.note.title_kind": (
        "{file}: the title on row {row} ({title!r}) says its figures are {kind!r}: the name of each column of "
        "numbers says so, and an indicator of another kind is never added to"
    ),
    "ingest.names_disagree": (
        "{file}: column {letter} ({column!r}): its names disagree: {listed}; one column cannot be two measures: "
        "say which it is with --map '{letter}=ID' (an id of dtikit indicators, or a new id with --new-indicators)"
    ),
    "ingest.role_twice": (
        "{file}: columns {first!r} ({first_letter}) and {second!r} ({second_letter}) both hold the {role}; "
        "which one to read cannot be known: keep one with --map '{second_letter}=ignore' (or '{first_letter}=ignore')"
    ),
    "ingest.note.province_column": "{file}: column {column!r} holds the provinces",
    "ingest.many_province_columns": "{file}: columns {columns} all name provinces; keep one with --map 'HEADER=ignore'",
    "ingest.map_form": (
        "--map {mapping!r}: write it as 'HEADER=ROLE', 'C=ROLE' or '#3=ROLE' (ROLE: {roles} or an indicator id)"
    ),
    "ingest.map_position": "--map {mapping!r}: positions start at #1",
    "ingest.note.year_column": "the file has a year column; --year {year} is used only where a cell is empty",
    # targets tables (dtikit.ingest.targets)
    "ingest.target.no_indicator": "the indicator is empty",
    "ingest.target.not_a_comparator": "{text!r} is not a comparator; write <=, <, >=, > or =",
    "ingest.target.not_a_number": "{text!r} is not a number",
    "ingest.target.deadline": "deadline {text!r} is not a year",
    "ingest.target.repeated": "{who} {indicator} by {deadline} appears more than once",
    # ranks left inconsistent by an ingest (dtikit.ingest.consistency)
    "ingest.blank_row_zero": (
        "{raw_file}, row {raw_row} ({province}): {indicator} is 0 and every other column of the row is blank: "
        "a total of nothing is missing, not zero; held as missing (the 0 is kept as printed)"
    ),
    "ingest.tie": (
        "{indicator} {year}: {names} {together} rank {rank}{more}: a tie the source publishes is kept as it is, "
        "otherwise one of these ranks is wrong ('dtikit sources --conflicts' shows what was replaced)"
    ),
    "ingest.tie.two": "both",
    "ingest.tie.all": "all",
    "ingest.tie.no_next": " and no province ranks {rank}",
    "ingest.tie.inside": " while {between} (a tie at {rank} skips to {next})",
    # the commands (dtikit.cli.ingest_commands)
    "ingest.both_conventions": "give --decimal-comma or --decimal-point, not both",
    "ingest.source_kind": "--source-kind {kind!r}: choose one of {kinds}",
    "ingest.encoding_option": (
        "--encoding {encoding!r} is not an encoding Python knows; e.g. utf-8, utf-16, cp1258, latin-1"
    ),
    "ingest.progress.starting": "starting",
    "ingest.error_line": "dtikit: error: {text}",
    "ingest.more_problems": "{file}: ... and {n} more problems",
    "ingest.note.conflict": (
        "conflict: {file} row {row}: {province} {year} {indicator} = {value:g}, held {held_value:g} ({held_source})"
    ),
    "ingest.note.dry_run": (
        "would add {added}, would replace {replaced}, already held {held}; nothing written (dry run)"
    ),
    "ingest.note.added": "added {added}, replaced {replaced}, already held {held}",
    "ingest.note.held_rewritten": (
        "{n} of the values already held are now as given here, which agrees with them at the precision of "
        "the less precise (first: {province} {year} {indicator} {value}, held {held})"
    ),
    "ingest.note.added_unchanged": "added {added}, replaced {replaced}, already held {held}; store unchanged",
    "ingest.note.not_listed": "{file}: {n} more problems not listed",
    "ingest.note.valid_targets": "{file}: valid, {n} targets",
    "ingest.note.valid_values": "{file}: valid, {n} values",
    "ingest.help.ingest": (
        "Add indicator tables to a store: validated, with provenance, atomically.\n\n"
        "The store is --data DIR or DTIKIT_DATA (the bundled figures are never written; a new folder\n"
        "starts as a copy of them). With --dry-run, stdout lists each value and its action (add, same,\n"
        "conflict); with --format, stdout gives the counts (added, replaced, already_held, written)."
    ),
    "ingest.help.validate": (
        "Check files as ingest would, and write nothing. Exit 1 when a file is invalid.\n\n"
        "Problems go to stderr; with --format, stdout lists them instead, one row per problem\n"
        "(file, row, column, rule, message; only the header when every file is valid)."
    ),
    "ingest.help.data": (
        "Store folder to write (default: your store, created on the first ingest; a new folder starts as a copy of "
        "the bundled figures, which are never written)."
    ),
    "ingest.help.validate_data": (
        "Store to check against, for known indicators and names (default: the store queries read); nothing is written."
    ),
    "ingest.help.files": "CSV, TSV, Parquet, Excel (.xlsx, .xlsm, .xls) or OpenDocument (.ods) files; - reads stdin.",
    "ingest.help.indicator": "Indicator of score/rank/year columns (default: the DTI).",
    "ingest.help.year": "Year of the values, when the file has none.",
    "ingest.help.geography": (
        "The map of provinces the file is in (61, 64, 63, 34); default: each row's year's "
        "(64 for 2004 to July 2008, 63 to June 2025)."
    ),
    "ingest.help.unit": "Unit of the values, when the file has none.",
    "ingest.help.source": "Where the figures come from (URL or document).",
    "ingest.help.source_kind": "user, official, government, press or secondary.",
    "ingest.help.encoding": "Text encoding (default: detected; e.g. utf-8, utf-16, cp1258).",
    "ingest.help.decimal_comma": "Numbers are written 0,7111 and 1.753.",
    "ingest.help.decimal_point": "Numbers are written 0.7111 and 1,753.",
    "ingest.help.sheet": (
        "Workbook sheet to read (default: the first); repeatable; 'all' reads every sheet in one commit."
    ),
    "ingest.help.map": (
        "'HEADER=ROLE', 'C=ROLE' (column letter) or '#3=ROLE' (position): province, year, indicator, "
        "value, unit, period, source, ignore or an indicator id. Repeatable."
    ),
    "ingest.help.header_row": "The header's row number (default: found).",
    "ingest.help.skip_rows": "Rows above the table to pass over.",
    "ingest.help.new_indicators": "Add each unknown column of numbers as a new indicator named by its header.",
    "ingest.help.replace": "Replace held values that differ (recorded).",
    "ingest.help.dry_run": "Print what would change; write nothing.",
}

VI = {
    "ingest.at_row": "dòng {row}",
    "ingest.at_column": ", cột {column!r}",
    "ingest.more_rows": " (và {n} dòng khác)",
    "ingest.cells": " ({n} ô)",
    "ingest.and": " và ",
    "ingest.and_more": " và {n} dòng khác",
    "ingest.rule.empty_province": "ô tỉnh, thành phố bị trống; hãy điền vào hoặc xóa dòng này",
    "ingest.rule.province_columns_disagree": (
        "{province_alt_text!r} không phải là tỉnh, thành phố của cột {province_column!r} trên dòng này "
        "({province_text!r}); hai cột tỉnh, thành phố phải ghi cùng một tỉnh, thành phố"
    ),
    "ingest.rule.no_year": (
        "thiếu năm: hãy thêm cột năm (Năm/Year), ghi năm trong tiêu đề (DTI 2022) hoặc dùng --year"
    ),
    "ingest.rule.year_out_of_range": "năm {year} không phải là năm từ {first} đến {last}",
    "ingest.rule.before_first_year": (
        "'{indicator}' được đo lần đầu cho năm {first} (năm đầu tiên của phương pháp): giá trị năm {year} là của "
        "một chỉ tiêu khác; hãy chỉ rõ bằng --indicator ID (chỉ tiêu mới: thêm --new-indicators)"
    ),
    "ingest.rule.no_indicator": (
        "các giá trị này thuộc chỉ tiêu nào? hãy dùng --indicator ID (lệnh dtikit indicators liệt kê các chỉ tiêu)"
    ),
    "ingest.rule.not_a_rank": "{value} không phải là thứ hạng (một số nguyên, ví dụ 45 hoặc 45/63)",
    "ingest.rule.not_a_number": "{value} không phải là số; giá trị còn thiếu thì để trống hoặc ghi -",
    "ingest.rule.not_a_number_comma": (
        "{value} không phải là số viết với dấu phẩy thập phân; giá trị còn thiếu thì để trống hoặc ghi -"
    ),
    "ingest.rule.not_a_number_point": (
        "{value} không phải là số viết với dấu chấm thập phân; giá trị còn thiếu thì để trống hoặc ghi -"
    ),
    "ingest.rule.not_finite": "{value} không phải là số hữu hạn; giá trị còn thiếu thì để trống ô",
    "ingest.rule.score_out_of_range": (
        "điểm {value} nằm ngoài khoảng 0–1 (điểm DTI được công bố theo thang 0–1; "
        "giá trị theo thang 1000 điểm thì chia cho 1000)"
    ),
    "ingest.rule.rank_out_of_range": "thứ hạng {value} nằm ngoài khoảng 1..{n}",
    "ingest.rule.rank_not_of_units": "thứ hạng {value} không phải là thứ hạng trong {n} tỉnh, thành phố",
    "ingest.no_values": "không có giá trị nào dưới dòng tiêu đề này",
    "ingest.repeated_in_row": (
        "{province} {year} {indicator} xuất hiện hai lần trên dòng này (cả ở cột {first_column!r}); chỉ giữ lại một"
    ),
    "ingest.repeated_again": (
        "{province} {year} {indicator} lại xuất hiện với giá trị khác "
        "(lần đầu ở dòng {first_row}: {first_value:g}); chỉ giữ lại một"
    ),
    "ingest.conventions_disagree": (
        "{text!r} dùng dấu chấm thập phân nhưng cột {column!r} dòng {row}: {comma!r} dùng dấu phẩy thập phân; "
        "tệp tự mâu thuẫn: hãy viết thống nhất, hoặc dùng --decimal-comma hay --decimal-point"
    ),
    "ingest.convention_unknown": (
        "{text!r} đọc theo cách viết này là số thập phân, theo cách kia là hàng nghìn, và không ô nào "
        "trong tệp giúp phân định: hãy dùng --decimal-comma hoặc --decimal-point"
    ),
    "ingest.note.decimal_comma": (
        "{file}: số được đọc với dấu phẩy thập phân (0,7111 và 1.753), căn cứ vào cột {column!r} dòng {row}: {text!r}"
    ),
    "ingest.note.decimal_point": (
        "{file}: số được đọc với dấu chấm thập phân (0.7111 và 1,753), căn cứ vào cột {column!r} dòng {row}: {text!r}"
    ),
    "ingest.text_at_row": "{text!r} (dòng {row})",
    "ingest.note.not_provinces": "{file}: đã bỏ qua các dòng không phải là tỉnh, thành phố: {listed}",
    "ingest.note.regions_skipped": (
        "{file}: đã bỏ qua các dòng của vùng, không phải tỉnh, thành phố: {listed} "
        "(--regions keep lưu chúng làm giá trị của vùng)"
    ),
    "ingest.row_repeats": "dòng {row} (= dòng {first}, {province})",
    "ingest.note.repeated_rows": (
        "{file}: các dòng lặp lại giá trị của một dòng phía trên chỉ được đọc một lần: {shown}{more}"
    ),
    "ingest.map_unused": "--map {mapping!r} không khớp với cột nào của {files}",
    "ingest.indicator_or_new": "{unknown}; hoặc dùng --new-indicators để thêm --indicator {text!r} làm chỉ tiêu mới",
    "ingest.note.given_twice": "{file}: được đưa vào hai lần trong lệnh này; chỉ đọc một lần",
    "ingest.note.targets_table": "{file}: một bảng mục tiêu (dòng tiêu đề ở dòng {row})",
    "ingest.note.target_indicator": "{file}: chỉ tiêu mới {id!r} (từ {text!r}) đã được thêm vào danh mục chỉ tiêu",
    "ingest.note.sheet_skipped": "{file}: bỏ qua: không có cột nào mang tên tỉnh, thành phố",
    "ingest.note.sheet_year": "{file}: năm {year} lấy từ tên trang tính, vì các dòng không ghi năm",
    "ingest.note.title_year": (
        "năm {year} lấy từ tiêu đề ở dòng {row} ('{title}'), vì các dòng và tên cột không ghi năm; "
        "hãy dùng --year nếu số liệu là của năm khác"
    ),
    "ingest.unreadable": "{file}: không đọc được dưới dạng {kind} ({reason})",
    "ingest.hint.quote": '; có thể một dấu nháy kép (") mở một ô mà không đóng lại',
    "ingest.hint.targets": (
        "; có vẻ đây là một bảng mục tiêu: bảng mục tiêu ghi mỗi mục tiêu trên một dòng, với các cột đối tượng, "
        "chỉ tiêu, so sánh, mục tiêu và hạn (ở đây thiếu: {missing}; xem 'Adding targets' trong tài liệu dtikit)"
    ),
    "ingest.targets_role.who": "đối tượng",
    "ingest.targets_role.indicator": "chỉ tiêu",
    "ingest.targets_role.comparator": "so sánh",
    "ingest.targets_role.value": "mục tiêu",
    "ingest.targets_role.deadline": "hạn",
    "ingest.hint.late_utf8": (
        "; megabyte đầu tiên của tệp là UTF-8 nhưng có một byte phía sau thì không: hãy lưu tệp dưới dạng UTF-8, "
        "hoặc dùng --encoding (cp1258, utf-16)"
    ),
    "ingest.hint.guessed": " (đã đọc theo {guessed}; nếu tệp là UTF-8, hãy sửa byte đó)",
    "ingest.not_a_store": (
        "{root}: thư mục có các tệp khác và không chứa kho dữ liệu dtikit; hãy chọn một thư mục trống hoặc thư mục mới"
    ),
    "ingest.note.created_store": (
        "đã tạo kho dữ liệu {root} từ số liệu đi kèm; lệnh 'dtikit store path' cho biết vị trí của kho"
    ),
    "ingest.note.already_ingested": "{file}: đã được nhập ngày {at}; không cần làm gì thêm",
    "ingest.note.rows_not_written": (
        "{file}: {written} trên {rows} dòng dữ liệu cho giá trị; các dòng còn lại thì không: {kinds}"
    ),
    "ingest.rows.blank": "{n} dòng trống",
    "ingest.rows.not_province": "{n} dòng tổng số, vùng hoặc thống kê, không phải tỉnh, thành phố",
    "ingest.rows.repeated": "{n} dòng lặp lại một dòng trước đó",
    "ingest.rows.no_value": "{n} dòng không có giá trị (ô trống, hoặc ký hiệu thiếu như -)",
    "ingest.rows.other": "{n} dòng được để riêng như các ghi chú ở trên cho biết",
    "ingest.held_differs": (
        "{province} {year} {indicator} ở đây là {value_text}, nhưng kho dữ liệu đang giữ {held_text} ({held_source}); "
        "lệnh ingest sẽ từ chối trừ khi có --replace"
    ),
    "ingest.note.all_held": "mọi giá trị đều đã có trong kho; tệp được ghi nhận là một nguồn nữa của các giá trị đó",
    "ingest.progress.reading": "đang đọc và kiểm tra {path}",
    "ingest.progress.comparing": "đang so sánh với các giá trị đã có",
    "ingest.progress.writing": "đang ghi vào kho dữ liệu {root}",
    "ingest.target_conflict": (
        "{raw_file} dòng {raw_row}: mục tiêu {who} {indicator} đến năm {deadline} là {comparator} {target:g}, "
        "trong kho là {held_comparator} {held_target:g} ({n} trường hợp như vậy); chưa ghi gì "
        "(--replace sẽ thay thế các mục tiêu đó)"
    ),
    "ingest.note.targets_read": "đã đọc {n} mục tiêu; {replacing} mục tiêu thay thế mục tiêu đã có",
    "ingest.files_disagree": (
        "{files} cho các giá trị khác nhau của {province} {year} {indicator} ({n} giá trị như vậy); "
        "hãy nhập lần lượt từng tệp, tệp sau dùng --replace"
    ),
    "ingest.note.new_indicator": "chỉ tiêu mới {id!r} ({about}đơn vị {unit}) đã được thêm vào danh mục chỉ tiêu",
    "ingest.note.new_indicator_dry": "chỉ tiêu mới {id!r} ({about}đơn vị {unit}) sẽ được thêm vào danh mục chỉ tiêu",
    "ingest.note.more_new_indicators": (
        "và {n} chỉ tiêu mới khác đã được thêm vào danh mục (tổng cộng {total}; 'dtikit indicators' liệt kê chúng)"
    ),
    "ingest.note.more_new_indicators_dry": ("và {n} chỉ tiêu mới khác sẽ được thêm vào danh mục (tổng cộng {total})"),
    "ingest.unit_not_given": "không rõ",
    "ingest.validation_failed": "{n} lỗi trong {files}; chưa ghi gì",
    "ingest.conflicts_refused": (
        "{n} giá trị khác với giá trị đã có trong kho; chưa ghi gì "
        "(--replace sẽ thay thế và ghi lại giá trị bị thay thế; --dry-run liệt kê các giá trị đó)"
    ),
    "ingest.how.bom": "có dấu thứ tự byte (BOM)",
    "ingest.how.nul": "có byte NUL, không có dấu thứ tự byte",
    "ingest.nul_byte": (
        "{file}: byte {byte} (dòng {row}) là byte NUL, điều không bao giờ có trong tệp văn bản UTF-8 hay bảng mã; "
        "hãy xóa byte đó, hoặc dùng --encoding nếu tệp là UTF-16"
    ),
    "ingest.how.not_utf8": "không phải UTF-8 từ byte {byte}",
    "ingest.how.utf8": "UTF-8 hợp lệ",
    "ingest.how.given": "theo --encoding",
    "ingest.separated.tab": "phân cách bằng tab",
    "ingest.separated.semicolon": "phân cách bằng dấu chấm phẩy",
    "ingest.separated.comma": "phân cách bằng dấu phẩy",
    "ingest.unknown_encoding": "{file}: không biết bảng mã {encoding!r} (hãy thử utf-8, utf-16, cp1258)",
    "ingest.not_valid_given": (
        "{file}: không phải {encoding} hợp lệ tại byte {byte}; bỏ --encoding để tự nhận biết, "
        "hoặc thử --encoding utf-8, utf-16 hay cp1258"
    ),
    "ingest.looks_like": (
        "{file}: có vẻ là {encoding} ({how}) nhưng byte {byte} không phải {encoding} hợp lệ; "
        "hãy sửa tệp hoặc dùng --encoding"
    ),
    "ingest.stream_not_valid_given": (
        "{file}: byte {byte} không phải {encoding} hợp lệ như đã chỉ định; "
        "hãy sửa tệp hoặc dùng --encoding khác (utf-8, utf-16, cp1258)"
    ),
    "ingest.stream_not_valid": (
        "{file}: có vẻ là {encoding} ({how}) nhưng byte {byte} không phải {encoding} hợp lệ; "
        "hãy sửa tệp hoặc dùng --encoding (utf-8, utf-16, cp1258)"
    ),
    "ingest.no_sum": "không tính được mã băm",
    "ingest.no_digest": "{file}: không đọc được tệp để tính mã sha256 ({reason}); chưa ghi gì",
    "ingest.is_folder": "{file}: là một thư mục; hãy đưa vào tệp CSV, TSV, Parquet hoặc Excel",
    "ingest.no_such_file": "{file}: không có tệp này",
    "ingest.permission_denied": "{file}: không có quyền đọc",
    "ingest.not_zip": (
        "{file}: không phải bảng tính {suffix} (không có chữ ký zip); hãy lưu lại dưới dạng .xlsx hoặc CSV"
    ),
    "ingest.not_xls": (
        "{file}: không phải bảng tính .xls (không có chữ ký Excel 97); hãy lưu lại dưới dạng .xlsx hoặc CSV"
    ),
    "ingest.not_parquet": "{file}: không phải tệp Parquet (không có chữ ký PAR1)",
    "ingest.note.streamed": "{file}: đọc theo bảng mã {encoding} ({how}), {separated}; đọc dạng luồng",
    "ingest.note.streamed_converted": (
        "{file}: đọc theo bảng mã {encoding} ({how}), {separated}; đọc dạng luồng, đã chuyển sang UTF-8"
    ),
    "ingest.note.read_as": "{file}: đọc theo bảng mã {encoding} ({how}), {separated}",
    "ingest.empty_file": "{file}: tệp trống",
    "ingest.sheet_of_text": "--sheet {sheet!r}: {file} không phải bảng tính (.xlsx, .xls, .ods); hãy bỏ --sheet",
    "ingest.csv.unclosed": '{file}: dòng {row}: một dấu nháy kép (") mở một ô mà không đóng lại; hãy đóng hoặc xóa nó',
    "ingest.beyond_header": (
        "có một ô nằm ngoài {width} cột của dòng tiêu đề ({cell!r}): dòng này có nhiều ô hơn số cột tiêu đề; "
        'số có dấu phẩy thập phân trong tệp phân cách bằng dấu phẩy phải đặt trong dấu nháy kép ("1,5") '
        "hoặc lưu tệp với dấu ';' giữa các ô; hoặc đặt tên cho cột đó"
    ),
    "ingest.csv.too_long": "{file}: dòng {row}: một ô dài hơn {limit} ký tự; hãy tách hoặc rút gọn ô đó",
    "ingest.csv.unreadable": (
        "{file}: dòng {row}: không đọc được dưới dạng văn bản {separated} ({reason}); "
        'ô có dấu nháy kép (") phải được đặt trọn trong dấu nháy kép, và dấu nháy kép bên trong phải viết đôi'
    ),
    "ingest.damaged": "tệp bị hỏng",
    "ingest.parquet_unreadable": "{file}: không đọc được dưới dạng Parquet ({reason}); hãy xuất lại tệp hoặc dùng CSV",
    "ingest.no_sheet": (
        "{file}: không có trang tính {sheet!r}; các trang tính của tệp là {listed} (--sheet all đọc tất cả)"
    ),
    "ingest.workbook_unopenable": (
        "{file}: không mở được dưới dạng bảng tính {kind} ({reason}); hãy lưu lại tệp hoặc xuất ra CSV"
    ),
    "ingest.and_n_more": " (và {n} ô khác)",
    "ingest.formula_unsaved": (
        "{file}: trang tính {sheet!r}: ô {cell} chứa công thức chưa có giá trị được lưu ({formula}){more}; "
        "hãy mở bảng tính bằng phần mềm bảng tính rồi lưu lại để giá trị được ghi vào tệp"
    ),
    "ingest.sheet_unreadable": (
        "{file}: không đọc được trang tính {sheet!r} ({reason}); hãy lưu lại tệp hoặc xuất ra CSV"
    ),
    "ingest.note.first_sheet": (
        "trang tính {sheet!r} (trong {n} trang; --sheet TÊN hoặc --sheet all để đọc các trang khác)"
    ),
    "ingest.workbook_damaged": "{file}: bảng tính bị hỏng ({reason}); hãy lưu lại tệp hoặc xuất ra CSV",
    "ingest.note.dimension_ignored": (
        "{file}: trang tính {sheet!r} khai báo vùng dữ liệu không có cột; bản ghi đó được bỏ qua và "
        "trang tính được đọc từ các ô của nó"
    ),
    "ingest.at_rows": "các dòng {rows}",
    "ingest.and_more_columns": " và {n} cột khác",
    "ingest.header_row_outside": "{file}: --header-row {row}: bảng chỉ có các dòng 1..{rows}",
    "ingest.legacy_font": (
        "{file}: {text!r} là tiếng Việt gõ bằng phông TCVN3 (.Vn), không phải Unicode; hãy chuyển mã tệp sang "
        "Unicode (công cụ chuyển mã của Unikey: TCVN3 sang Unicode) rồi đọc lại"
    ),
    "ingest.provinces_across": (
        "{file}: dòng {row} ghi tên tỉnh, thành phố theo hàng ngang ({names}): bảng được đọc với mỗi tỉnh, thành "
        "phố một dòng; hãy chuyển vị bảng (tỉnh, thành phố theo cột dọc, mỗi chỉ tiêu hoặc năm một cột)"
    ),
    "ingest.blank_table": (
        "{file}: mọi ô đều trống, không có bảng để đọc (với tệp bảng tính, --sheet NAME đọc trang tính khác)"
    ),
    "ingest.no_header": (
        "{file}: trong {n} dòng đầu không có cột nào mang tên tỉnh, thành phố và không có cột nào liệt kê "
        "tên tỉnh, thành phố; "
        "hãy đặt tên cột bằng --map 'HEADER=province' (hoặc C=province, #3=province), hoặc dùng --header-row N"
    ),
    "ingest.note.header_found": "{file}: tìm thấy dòng tiêu đề ở dòng {row}; bỏ qua các dòng phía trên",
    "ingest.note.header_spans": "{file}: tiêu đề trải trên các dòng {rows}",
    "ingest.header_no_province": (
        "{file}: tiêu đề ({rows}) không có cột tỉnh, thành phố, và cột liệt kê các tỉnh, thành phố lại mang tên khác; "
        "hãy đặt tên cột bằng --map 'HEADER=province' (hoặc C=province, #3=province), hoặc dùng --header-row N"
    ),
    "ingest.unnamed_column": "(cột {letter} không có tên)",
    "ingest.hint.new_indicators": "--new-indicators thêm mỗi cột số làm một chỉ tiêu mới; ",
    "ingest.cannot_map": (
        "{file}: dòng {row}: không xác định được cột {listed}; {hint}hãy đặt tên cột bằng --map 'HEADER=ROLE' "
        "(hoặc C=ROLE, #3=ROLE) hoặc dùng một tên được chấp nhận ({accepted})"
    ),
    "ingest.accepted": (
        "{roles}; điểm hoặc thứ hạng: {scores}, {ranks}; năm ('2022', 'DTI 2022'); "
        "hoặc mã hay tên một chỉ tiêu (dtikit indicators)"
    ),
    "ingest.note.text_columns_skipped": "{file}: đã bỏ qua các cột chữ: {listed}",
    "ingest.note.pairs": (
        "{file}: {n} cặp cột (tỉnh, thành phố, giá trị), mỗi cặp được sắp xếp riêng: cột giá trị mang tên theo tiêu đề "
        "của nó, hoặc theo tiêu đề phía trên cột tỉnh, thành phố"
    ),
    "ingest.note.unit_line": "{file}: dòng {row} ghi đơn vị, {unit!r}, của các giá trị mà tiêu đề không ghi đơn vị",
    "ingest.note.column_numbers": "{file}: dòng {row} đánh số các cột; đã bỏ qua",
    "ingest.note.unit_scale": (
        "{file}: {n} cột có đơn vị là phần trăm, nhưng mọi giá trị đều là phân số từ 0 đến 1: {listed}; "
        "các giá trị được giữ nguyên như trong tệp, không kèm đơn vị đó: hãy cho biết chúng là gì "
        "bằng --unit (ví dụ --unit 'tỷ lệ 0-1'), hoặc sau này bằng 'dtikit indicators set ID --unit'"
    ),
    "ingest.unit_column": "{column!r} ({unit!r}, ví dụ {value})",
    "ingest.unit_scale": (
        "chỉ tiêu {indicator} có đơn vị {unit!r}, nhưng mọi giá trị của cột này đều là phân số từ 0 đến 1 "
        "(ví dụ {value}): 0,71 sẽ được hiểu là 0,71 %; hãy ghi giá trị theo phần trăm (71), hoặc gán cột cho "
        "chỉ tiêu khác bằng --map"
    ),
    "ingest.note.header_year": "năm {year} của các cột {columns} là năm của các cột không ghi năm",
    "ingest.note.headline_assumed": (
        "các cột {columns} chỉ ghi điểm hoặc hạng: được đọc là '{index}', vì --indicator không chỉ chỉ số khác; "
        "hãy chỉ --indicator ID nếu chúng đo một chỉ số khác"
    ),
    "ingest.header_year_differs": (
        "{file}: các cột {columns} ghi năm {found}, còn các cột không ghi năm sẽ được đọc là năm {year} (--year "
        "hoặc tên trang tính): nếu trang tính chứa số liệu năm {found}, hãy dùng --year {found} cho trang này "
        "(nhập riêng bằng --sheet)"
    ),
    "ingest.note.row_numbers": "{file}: cột {letter}, không có tiêu đề, đánh số thứ tự các dòng; đã bỏ qua",
    "ingest.lists_no_province": (
        "{file}: cột {column!r} được đặt tên như cột tỉnh, thành phố nhưng không liệt kê tỉnh, thành phố nào "
        "({example!r}, ...): "
        "đây không phải bảng theo tỉnh, thành phố; nếu đúng là vậy, hãy đặt tên cột bằng --map 'HEADER=province'"
    ),
    "ingest.note.after_table": (
        "{file}: các dòng {first}-{last} lặp lại tiêu đề bên dưới bảng (một tỉnh, thành phố được nêu riêng, "
        "các thứ hạng của nó); đã bỏ qua"
    ),
    "ingest.note.sections": "{file}: đã bỏ qua các dòng vùng và mục (tổng phụ): {listed}",
    "ingest.name_is": "{text!r} là chỉ tiêu {id}",
    "ingest.name_new": "{text!r} chưa là tên của chỉ tiêu nào",
    "ingest.note.held_twice": (
        "{file}: cột {letter} ({other}) chứa đúng các giá trị mà {sheet} ghi cho {one} năm {year}: kho dữ liệu "
        "đang giữ một chỉ tiêu dưới hai mã, do các tệp đọc trước gọi tên khác nhau; mỗi mã giữ các giá trị của "
        "mình. Để đưa cột này vào {one}, hãy nạp lại tệp với {how} (sau 'dtikit store undo' nếu "
        "lần nạp này đã được ghi)"
    ),
    "ingest.note.likely_match": (
        "{file}: chỉ tiêu mới {new} ({name!r}, cột {letter}) có thể là chỉ tiêu đang giữ với mã {held} "
        "({held_name!r}) mà một tệp khác gọi tên khác; dtikit không đoán: nếu đúng vậy, hãy nạp lại tệp với "
        "{how} (sau 'dtikit store undo' nếu lần nạp này đã được ghi)"
    ),
    "ingest.note.more_likely": "và {n} chỉ tiêu mới khác có tên gần với một chỉ tiêu đang giữ",
    "ingest.hint.sheet_alone": " (riêng trang tính đó; các trang khác như trước)",
    "ingest.note.kind_unsaid": (
        "{file}: chỉ tiêu mới {new} ({name!r}) trùng tên với {held}, vốn được đọc dưới một tiêu đề ghi rõ loại số "
        "liệu (dự toán, quyết toán); tiêu đề của bảng này không ghi loại nào, nên dtikit không đoán: nếu nó là "
        "một trong số đó, hãy nạp lại với {how} (sau 'dtikit store undo' nếu lần nạp này đã được ghi)"
    ),
    "ingest.and_more_indicators": " và {n} chỉ tiêu khác",
    "ingest.note.learnt": "{n} chỉ tiêu đang giữ được bổ sung tên hoặc mã mà lệnh này ghi cho chúng: {listed}",
    "ingest.note.regions_kept": "{file}: các dòng được giữ làm giá trị của vùng (địa giới {geography}): {listed}",
    "ingest.note.country_kept": ("{file}: các dòng được giữ làm giá trị của cả nước (địa giới {geography}): {listed}"),
    "ingest.unit_at_row": "{text!r} (dòng {row}) là {unit!r}",
    "ingest.region_members": (
        "{file}: dòng {row} ({label!r}) mang tên vùng {region!r}, nhưng các tỉnh bên dưới không phải các tỉnh của "
        "vùng đó (thiếu: {missing}; khác: {others}): số liệu của dòng không phải giá trị của vùng; hãy đọc bảng "
        "với --regions skip"
    ),
    "ingest.regions_option": "--regions {given!r}: hãy dùng 'skip' (mặc định) hoặc 'keep'",
    "ingest.help.regions": (
        "Các dòng tổng phụ của vùng và dòng tổng cả nước: 'skip' bỏ qua kèm ghi chú (mặc định), hoặc 'keep' giữ "
        "làm giá trị của vùng (địa giới 6) và của cả nước (địa giới 1), không bao giờ coi là tỉnh"
    ),
    "ingest.name_titled": "{text!r} (tiêu đề ở dòng {row}, {title!r}, ghi {kind!r}) chưa là tên của chỉ tiêu nào",
    "ingest.note.title_kind": (
        "{file}: tiêu đề ở dòng {row} ({title!r}) cho biết số liệu là {kind!r}: tên của mỗi cột số liệu ghi rõ "
        "điều đó, và không bao giờ thêm vào một chỉ tiêu thuộc loại khác"
    ),
    "ingest.names_disagree": (
        "{file}: cột {letter} ({column!r}): các tên của cột không khớp nhau: {listed}; một cột không thể là hai "
        "chỉ tiêu: hãy nói rõ bằng --map '{letter}=ID' (một mã trong dtikit indicators, hoặc mã mới với "
        "--new-indicators)"
    ),
    "ingest.role_twice": (
        "{file}: cả hai cột {first!r} ({first_letter}) và {second!r} ({second_letter}) đều chứa {role}; không thể "
        "biết đọc cột nào: hãy giữ một cột bằng --map '{second_letter}=ignore' (hoặc '{first_letter}=ignore')"
    ),
    "ingest.note.province_column": "{file}: cột {column!r} chứa các tỉnh, thành phố",
    "ingest.many_province_columns": (
        "{file}: các cột {columns} đều ghi tên tỉnh, thành phố; hãy giữ lại một cột bằng --map 'HEADER=ignore'"
    ),
    "ingest.map_form": (
        "--map {mapping!r}: hãy viết theo dạng 'HEADER=ROLE', 'C=ROLE' hoặc '#3=ROLE' (ROLE: {roles} hoặc mã chỉ tiêu)"
    ),
    "ingest.map_position": "--map {mapping!r}: vị trí cột bắt đầu từ #1",
    "ingest.note.year_column": "tệp có cột năm; --year {year} chỉ dùng cho các ô năm bị trống",
    "ingest.target.no_indicator": "ô chỉ tiêu bị trống",
    "ingest.target.not_a_comparator": "{text!r} không phải là phép so sánh; hãy ghi <=, <, >=, > hoặc =",
    "ingest.target.not_a_number": "{text!r} không phải là số",
    "ingest.target.deadline": "thời hạn {text!r} không phải là năm",
    "ingest.target.repeated": "{who} {indicator} đến năm {deadline} xuất hiện nhiều lần",
    "ingest.blank_row_zero": (
        "{raw_file}, dòng {raw_row} ({province}): {indicator} bằng 0 mà mọi cột khác của dòng đều để trống: "
        "tổng của các ô trống là thiếu số liệu, không phải số 0; lưu là thiếu số liệu (giữ nguyên chữ 0 như in)"
    ),
    "ingest.tie": (
        "{indicator} {year}: {names} {together} xếp hạng {rank}{more}: nếu nguồn công bố đồng hạng như vậy thì giữ "
        "nguyên, nếu không thì một trong các thứ hạng này bị sai ('dtikit sources --conflicts' cho biết giá trị "
        "nào đã bị thay thế)"
    ),
    "ingest.tie.two": "cùng",
    "ingest.tie.all": "đều",
    "ingest.tie.no_next": " và không tỉnh, thành phố nào xếp hạng {rank}",
    "ingest.tie.inside": " trong khi {between} (đồng hạng {rank} thì hạng kế tiếp là {next})",
    "ingest.both_conventions": "chỉ dùng một trong hai: --decimal-comma hoặc --decimal-point",
    "ingest.source_kind": "--source-kind {kind!r}: hãy chọn một trong {kinds}",
    "ingest.encoding_option": (
        "--encoding {encoding!r} không phải bảng mã Python biết; ví dụ utf-8, utf-16, cp1258, latin-1"
    ),
    "ingest.progress.starting": "đang bắt đầu",
    "ingest.error_line": "dtikit: lỗi: {text}",
    "ingest.more_problems": "{file}: ... và {n} lỗi khác",
    "ingest.note.conflict": (
        "xung đột: {file} dòng {row}: {province} {year} {indicator} = {value:g}, "
        "trong kho là {held_value:g} ({held_source})"
    ),
    "ingest.note.dry_run": ("sẽ thêm {added}, sẽ thay thế {replaced}, đã có {held}; chưa ghi gì (chạy thử)"),
    "ingest.note.added": "đã thêm {added}, đã thay thế {replaced}, đã có sẵn {held}",
    "ingest.note.held_rewritten": (
        "{n} giá trị đã có sẵn nay lấy theo tệp này, vì khớp với giá trị cũ ở độ chính xác của số kém chính xác hơn "
        "(đầu tiên: {province} {year} {indicator} {value}, trước là {held})"
    ),
    "ingest.note.added_unchanged": "đã thêm {added}, đã thay thế {replaced}, đã có sẵn {held}; kho dữ liệu không đổi",
    "ingest.note.not_listed": "{file}: còn {n} lỗi khác không được liệt kê",
    "ingest.note.valid_targets": "{file}: hợp lệ, {n} mục tiêu",
    "ingest.note.valid_values": "{file}: hợp lệ, {n} giá trị",
    "ingest.help.ingest": (
        "Nhập các bảng chỉ tiêu vào kho dữ liệu: có kiểm tra, có ghi nguồn gốc, ghi trọn vẹn một lần.\n\n"
        "Kho dữ liệu là --data DIR hoặc DTIKIT_DATA (số liệu đi kèm không bao giờ bị ghi đè; một thư mục mới\n"
        "bắt đầu bằng bản sao của số liệu đó). Với --dry-run, stdout liệt kê từng giá trị và thao tác (add, same,\n"
        "conflict); với --format, stdout cho biết các số đếm (added, replaced, already_held, written)."
    ),
    "ingest.help.validate": (
        "Kiểm tra tệp như khi nhập, nhưng không ghi gì. Mã thoát 1 khi có tệp không hợp lệ.\n\n"
        "Các lỗi được ghi ra stderr; với --format, stdout liệt kê các lỗi, mỗi lỗi một dòng\n"
        "(file, row, column, rule, message; chỉ có dòng tiêu đề khi mọi tệp đều hợp lệ)."
    ),
    "ingest.help.data": (
        "Thư mục kho dữ liệu để ghi (mặc định: kho của bạn, được tạo ở lần nhập đầu tiên; một thư mục mới bắt đầu "
        "bằng bản sao của số liệu đi kèm, vốn không bao giờ bị ghi đè)."
    ),
    "ingest.help.validate_data": (
        "Kho dữ liệu dùng để đối chiếu chỉ tiêu và tên đã biết (mặc định: kho mà các lệnh truy vấn đọc); không ghi gì."
    ),
    "ingest.help.files": (
        "Các tệp CSV, TSV, Parquet, Excel (.xlsx, .xlsm, .xls) hoặc OpenDocument (.ods); - để đọc từ stdin."
    ),
    "ingest.help.indicator": "Chỉ tiêu của các cột điểm/thứ hạng/năm (mặc định: DTI).",
    "ingest.help.year": "Năm của các giá trị, khi tệp không ghi năm.",
    "ingest.help.geography": (
        "Bộ đơn vị hành chính cấp tỉnh của tệp (61, 64, 63, 34); mặc định: theo năm của từng dòng "
        "(64 từ 2004 đến tháng 7/2008, 63 đến tháng 6/2025)."
    ),
    "ingest.help.unit": "Đơn vị tính của các giá trị, khi tệp không ghi đơn vị.",
    "ingest.help.source": "Nguồn của số liệu (URL hoặc văn bản).",
    "ingest.help.source_kind": "user, official, government, press hoặc secondary.",
    "ingest.help.encoding": "Bảng mã văn bản (mặc định: tự nhận biết; ví dụ utf-8, utf-16, cp1258).",
    "ingest.help.decimal_comma": "Số được viết dạng 0,7111 và 1.753.",
    "ingest.help.decimal_point": "Số được viết dạng 0.7111 và 1,753.",
    "ingest.help.sheet": (
        "Trang tính cần đọc (mặc định: trang đầu tiên); dùng được nhiều lần; 'all' đọc mọi trang trong một lần ghi."
    ),
    "ingest.help.map": (
        "'HEADER=ROLE', 'C=ROLE' (chữ cái của cột) hoặc '#3=ROLE' (vị trí cột): province, year, indicator, "
        "value, unit, period, source, ignore hoặc một mã chỉ tiêu. Dùng được nhiều lần."
    ),
    "ingest.help.header_row": "Số thứ tự dòng tiêu đề (mặc định: tự tìm).",
    "ingest.help.skip_rows": "Số dòng phía trên bảng cần bỏ qua.",
    "ingest.help.new_indicators": "Thêm mỗi cột số chưa biết làm một chỉ tiêu mới, đặt tên theo tiêu đề cột.",
    "ingest.help.replace": "Thay thế các giá trị đã có nhưng khác (có ghi lại).",
    "ingest.help.dry_run": "In ra những gì sẽ thay đổi; không ghi gì.",
}
