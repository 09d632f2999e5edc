"""Reading files as they are and writing output any program opens: what a workbook's cells show
(percent, errors, formulas), hidden sheets, the bounds on what a file may cost, damaged and
encrypted files (``dtikit.ingest.cells``, ``biff``, ``read``), and text a spreadsheet would run."""

EN = {
    "error.bound_env": "{name}={text!r}: not a whole number (such as 5000000); fix or unset it",
    "files.sheet_too_large": (
        "{file}: sheet {sheet!r} reaches cell {cell}: {cells:,} cells from A1, more than {bound:,} "
        "(DTIKIT_MAX_CELLS); delete what lies beyond the table, export the table as CSV, or raise DTIKIT_MAX_CELLS"
    ),
    "files.table_too_large": (
        "{file}: {rows:row|rows} of {columns:column|columns}, more than {bound:,} cells to hold in memory "
        "(DTIKIT_MAX_CELLS); {hint}"
    ),
    "files.hint.parquet": "write it as CSV (a text file of 16 MiB or more is streamed), or raise DTIKIT_MAX_CELLS",
    "files.hint.text": "remove the empty rows and columns around the table, or raise DTIKIT_MAX_CELLS",
    "files.unpacks_too_large": (
        "{file}: the workbook unpacks to {size:,} bytes, more than {bound:,} (DTIKIT_MAX_BYTES); "
        "export the table as CSV, or raise DTIKIT_MAX_BYTES"
    ),
    "files.too_large": (
        "{file}: {size:,} bytes, more than {bound:,} to read whole into memory (DTIKIT_MAX_BYTES); export the "
        "table as CSV (a text file of 16 MiB or more is streamed), or raise DTIKIT_MAX_BYTES"
    ),
    "files.stream_too_large": (
        "{file}: more than {bound:,} bytes to read whole into memory (DTIKIT_MAX_BYTES); save it as a file first "
        "(a text file of 16 MiB or more is streamed), or raise DTIKIT_MAX_BYTES"
    ),
    "files.zip_encrypted": (
        "{file}: the workbook is damaged or encrypted (its archive asks for a password); "
        "save it again without a password, or export CSV"
    ),
    "files.encrypted": (
        "{file}: the workbook is encrypted (protected by a password); save it without a password, or export CSV"
    ),
    "files.not_a_workbook": (
        "{file}: a compound document (as Word, Excel and Outlook write) but not an Excel workbook "
        "(it holds {streams}); give the workbook itself, or export CSV"
    ),
    "files.shared_formula": "a formula shared with the cells above",
    "files.formula_recalculated": (
        "{file}: sheet {sheet!r}: cell {cell} holds a formula ({formula}){more} whose saved value cannot be "
        "trusted: the program that wrote the workbook (XlsxWriter, as pandas and Polars use, or openpyxl) saves "
        "0 or nothing for a formula and asks a spreadsheet to recalculate it on opening; open the workbook in a "
        "spreadsheet and save it, or write values instead of formulas"
    ),
    "files.formula_empty_result": (
        "{file}: sheet {sheet!r}: cell {cell} holds a formula saved with an empty result{more}, as programs "
        "that write .xls without calculating (xlwt) save every formula; open the workbook in a spreadsheet and "
        "save it, or replace the formula by its value (or by an empty cell)"
    ),
    "files.note.hidden_sheets": "{file}: hidden sheets not read: {sheets} (--sheet NAME reads one)",
    "files.no_visible_sheet": "{file}: every sheet is hidden ({listed}); name the one to read with --sheet",
    "files.note.na_cells": "{file} [{sheet}]: cells {cells}{more} show Excel's #N/A: read as missing values",
    "files.note.percent_mixed": (
        "{file} [{sheet}]: cell {cell} is formatted as percent and {other} in its column is not: the column's "
        "numbers are read as stored, not as the percent shown"
    ),
    "files.help.bom": (
        "A UTF-8 byte-order mark before CSV or TSV output, so that Excel opens Vietnamese names as they are "
        "(anywhere on the line). Default: a file written with -o FILE.csv has one, stdout has none"
    ),
    "files.note.runnable": (
        "{file}: row {row}: the {what} {text!r} starts with {lead!r}, and a spreadsheet would run it as a "
        "formula{more}; it is kept as written, and CSV and TSV output write it behind an apostrophe (')"
    ),
    "files.role.unit": "unit",
    "files.role.period": "period",
    "files.role.source": "source",
    "files.role.header": "column header",
    "files.note.runnable_source": (
        "--source {text!r} starts with {lead!r} and a spreadsheet would run it as a formula; it is kept as "
        "written, and CSV and TSV output write it behind an apostrophe (')"
    ),
    "files.and_n_more_texts": " ({n} such texts in all)",
}

VI = {
    "error.bound_env": "{name}={text!r}: không phải một số nguyên (ví dụ 5000000); hãy sửa hoặc bỏ biến này",
    "files.sheet_too_large": (
        "{file}: trang tính {sheet!r} kéo dài tới ô {cell}: {cells:,} ô tính từ A1, vượt quá {bound:,} "
        "(DTIKIT_MAX_CELLS); hãy xóa phần nằm ngoài bảng, xuất bảng ra CSV, hoặc tăng DTIKIT_MAX_CELLS"
    ),
    "files.table_too_large": (
        "{file}: {rows} dòng × {columns} cột, vượt quá {bound:,} ô được giữ trong bộ nhớ (DTIKIT_MAX_CELLS); {hint}"
    ),
    "files.hint.parquet": (
        "hãy ghi ra CSV (tệp văn bản từ 16 MiB trở lên được đọc theo luồng), hoặc tăng DTIKIT_MAX_CELLS"
    ),
    "files.hint.text": "hãy xóa các dòng và cột trống quanh bảng, hoặc tăng DTIKIT_MAX_CELLS",
    "files.unpacks_too_large": (
        "{file}: bảng tính giải nén ra {size:,} byte, vượt quá {bound:,} (DTIKIT_MAX_BYTES); "
        "hãy xuất bảng ra CSV hoặc tăng DTIKIT_MAX_BYTES"
    ),
    "files.too_large": (
        "{file}: {size:,} byte, vượt quá {bound:,} byte phải đọc trọn vào bộ nhớ (DTIKIT_MAX_BYTES); hãy xuất bảng "
        "ra CSV (tệp văn bản từ 16 MiB trở lên được đọc theo luồng) hoặc tăng DTIKIT_MAX_BYTES"
    ),
    "files.stream_too_large": (
        "{file}: hơn {bound:,} byte phải đọc trọn vào bộ nhớ (DTIKIT_MAX_BYTES); hãy lưu thành tệp trước "
        "(tệp văn bản từ 16 MiB trở lên được đọc theo luồng) hoặc tăng DTIKIT_MAX_BYTES"
    ),
    "files.zip_encrypted": (
        "{file}: bảng tính bị hỏng hoặc bị mã hóa (tệp nén đòi mật khẩu); "
        "hãy lưu lại tệp không đặt mật khẩu, hoặc xuất ra CSV"
    ),
    "files.encrypted": (
        "{file}: bảng tính bị mã hóa (có đặt mật khẩu); hãy lưu lại tệp không đặt mật khẩu, hoặc xuất ra CSV"
    ),
    "files.not_a_workbook": (
        "{file}: một tệp tài liệu phức hợp (như Word, Excel, Outlook ghi) nhưng không phải bảng tính Excel "
        "(tệp chứa {streams}); hãy đưa chính bảng tính, hoặc xuất ra CSV"
    ),
    "files.shared_formula": "một công thức dùng chung với các ô phía trên",
    "files.formula_recalculated": (
        "{file}: trang tính {sheet!r}: ô {cell} chứa công thức ({formula}){more} có giá trị đã lưu không đáng "
        "tin: chương trình ghi bảng tính (XlsxWriter, mà pandas và Polars dùng, hoặc openpyxl) lưu 0 hoặc không "
        "lưu gì cho công thức và yêu cầu phần mềm bảng tính tính lại khi mở; hãy mở bảng tính bằng phần mềm bảng "
        "tính rồi lưu lại, hoặc ghi giá trị thay cho công thức"
    ),
    "files.formula_empty_result": (
        "{file}: trang tính {sheet!r}: ô {cell} chứa công thức được lưu với kết quả rỗng{more}, như các chương "
        "trình ghi .xls mà không tính toán (xlwt) lưu mọi công thức; hãy mở bảng tính bằng phần mềm bảng tính "
        "rồi lưu lại, hoặc thay công thức bằng giá trị của nó (hoặc bằng ô trống)"
    ),
    "files.note.hidden_sheets": "{file}: không đọc các trang tính ẩn: {sheets} (--sheet TÊN để đọc một trang)",
    "files.no_visible_sheet": "{file}: mọi trang tính đều bị ẩn ({listed}); hãy chọn trang cần đọc bằng --sheet",
    "files.note.na_cells": "{file} [{sheet}]: các ô {cells}{more} hiện #N/A của Excel: được đọc là giá trị trống",
    "files.note.percent_mixed": (
        "{file} [{sheet}]: ô {cell} được định dạng phần trăm còn ô {other} cùng cột thì không: các số của cột "
        "được đọc như giá trị lưu, không theo phần trăm hiển thị"
    ),
    "files.help.bom": (
        "Ghi dấu BOM UTF-8 trước kết quả CSV hoặc TSV để Excel mở đúng tên tiếng Việt (đặt ở bất kỳ vị trí nào "
        "trên dòng lệnh). Mặc định: tệp ghi bằng -o TỆP.csv có BOM, stdout thì không"
    ),
    "files.note.runnable": (
        "{file}: dòng {row}: {what} {text!r} bắt đầu bằng {lead!r} nên phần mềm bảng tính sẽ chạy nó như một "
        "công thức{more}; nội dung được giữ nguyên, và kết quả CSV, TSV ghi nó sau một dấu nháy đơn (')"
    ),
    "files.role.unit": "đơn vị",
    "files.role.period": "kỳ",
    "files.role.source": "nguồn",
    "files.role.header": "tiêu đề cột",
    "files.note.runnable_source": (
        "--source {text!r} bắt đầu bằng {lead!r} nên phần mềm bảng tính sẽ chạy nó như một công thức; nội dung "
        "được giữ nguyên, và kết quả CSV, TSV ghi nó sau một dấu nháy đơn (')"
    ),
    "files.and_n_more_texts": " (cả thảy {n} nội dung như vậy)",
}
