"""Words of ``dtikit store`` and of the versions of a store (``store.*``)."""

EN = {
    "store.fix_undo_sound": ("'dtikit store undo --to {n}' makes version {n} current (sound versions: {sound})"),
    "store.fix_undo_none": (
        "no version kept is sound: 'dtikit store undo --to 0' starts again from the bundled figures "
        "('dtikit store log' lists the files ingested since)"
    ),
    "store.old_damaged": (
        "version {n} cannot be made current again (the current version is sound); "
        "'dtikit store prune --keep {keep}' removes version {n} and every older one"
    ),
    "store.current_names_none": "{pointer}: names no version kept; {fix}",
    "store.checked": "checked versions {checked} (current: {current}); sound: {sound}; damaged: {damaged}",
    "store.none": "none",
    "store.undo_damaged": "cannot make version {to} current: {file}: {status}; {fix}",
    "store.prune_damaged": ("{pointer}: the current version is damaged or missing, so nothing is pruned; {fix}"),
    "store.would_undo_unknown": (
        "would make version {target} current; which ingests disappear cannot be told (the current version is damaged)"
    ),
    "store.undone_unknown": (
        "made version {target} current; which ingests were undone cannot be told (the version before was damaged)"
    ),
    "store.manifest_damaged": "{file}: {status}; the files of this version cannot be verified; {fix}",
    "store.changed": (
        "{file}: changed since version {version} was committed (its size or sha256 is not the one recorded); {fix}"
    ),
    "store.wrong_schema": (
        "{file}: not a {table} table of a dtikit store (columns missing or of another type: {columns}); {fix}"
    ),
    "store.disk_full": (
        "{root}: the disk is full (no space left on the device); nothing was written, the store is as it was; "
        "free some space and run the command again"
    ),
    "store.url": (
        "{how} {given}: a URL; dtikit keeps a store in a local folder only (copy the store to a folder on this "
        "computer, or a shared drive, and give that folder)"
    ),
    "store.status_rows": "{count} rows, {recorded} recorded",
    "store.no_user_store": "no store of yours yet at {path}; 'dtikit ingest FILE' creates it (or give --data DIR)",
    "store.fix": "run 'dtikit store check': it lists every problem and names the versions that are sound to undo to",
    "store.fix_bundled": "reinstall dtikit, or run 'make data' in a checkout",
    "store.why_user": "the user's store",
    "store.why_bundled": "the bundled figures (no store of yours yet)",
    "store.bundled_missing": (
        "{root}: the bundled figures are missing; reinstall dtikit, or run 'make data' in a checkout"
    ),
    "store.no_folder": (
        "{named}: no such folder; give a store folder ('dtikit ingest FILE --data DIR' creates one; "
        "'dtikit store path' shows the default)"
    ),
    "store.is_a_file": "{named}: is a file, not a store folder",
    "store.no_version": "{pointer}: names no version of this store ({name}); {fix}",
    "store.missing_file": "{file}: missing from the store; {fix}",
    "store.bundled_empty": "{root}: no dtikit store here (values.parquet missing); run 'make data' in a checkout",
    "store.not_a_store": (
        "{named}: not a dtikit store (no CURRENT or values.parquet); give a store folder, or an "
        "empty folder to 'dtikit ingest' to create one"
    ),
    "store.unreadable": "{file}: cannot be read ({kind}); {fix}",
    "store.not_parquet": "{file}: not a readable Parquet file (truncated or overwritten); {fix}",
    "store.unreadable_parquet": "{file}: cannot be read as Parquet; {fix}",
    "store.not_a_folder": "{how} {root}: is a file, not a folder",
    "store.read_only": "{root}: the bundled figures are read-only; give another folder with --data",
    "store.locked": "{root}: another dtikit ingest is writing this store; try again when it ends",
    "store.chosen_by": "chosen by {why}",
    "store.creates": "'dtikit ingest FILE' creates your store at {path}",
    "store.title_log": "Store log",
    "store.title_check": "Store check",
    "store.title_undone": "Ingests undone",
    "store.would_undo": "would make version {target} current; {n} ingest(s) would disappear",
    "store.undone": "made version {target} current; {n} ingest(s) undone",
    "store.removed": "removed {n} version(s)",
    "store.removed_which": "removed {n} version(s): {versions}",
    "store.no_versions": "{root}: holds no versions (not written by 'dtikit ingest'); nothing to log, undo or prune",
    "store.no_earlier": "{current}: the version before the current one is not recorded; {fix}",
    "store.already_current": "version {to} is already current",
    "store.not_kept": "version {to} is not kept in {root} (kept: {kept}; 0 is the bundled figures)",
    "store.keep_one": "--keep {keep}: keep at least 1 version (the current one)",
}

VI = {
    "store.fix_undo_sound": (
        "'dtikit store undo --to {n}' đặt phiên bản {n} làm hiện hành (các phiên bản còn nguyên vẹn: {sound})"
    ),
    "store.fix_undo_none": (
        "không phiên bản nào còn nguyên vẹn: 'dtikit store undo --to 0' bắt đầu lại từ số liệu đi kèm "
        "('dtikit store log' liệt kê các tệp đã nhập từ đó)"
    ),
    "store.old_damaged": (
        "không thể đặt lại phiên bản {n} làm hiện hành (phiên bản hiện hành vẫn nguyên vẹn); "
        "'dtikit store prune --keep {keep}' xoá phiên bản {n} và mọi phiên bản cũ hơn"
    ),
    "store.current_names_none": "{pointer}: không trỏ tới phiên bản nào đang giữ; {fix}",
    "store.checked": (
        "đã kiểm tra các phiên bản {checked} (hiện hành: {current}); nguyên vẹn: {sound}; bị hỏng: {damaged}"
    ),
    "store.none": "không có",
    "store.undo_damaged": "không thể đặt phiên bản {to} làm hiện hành: {file}: {status}; {fix}",
    "store.prune_damaged": ("{pointer}: phiên bản hiện hành bị hỏng hoặc không còn, nên không dọn gì; {fix}"),
    "store.would_undo_unknown": (
        "sẽ đặt phiên bản {target} làm hiện hành; không thể biết lần nhập nào sẽ mất (phiên bản hiện hành bị hỏng)"
    ),
    "store.undone_unknown": (
        "đã đặt phiên bản {target} làm hiện hành; không thể biết lần nhập nào đã bị hoàn tác "
        "(phiên bản trước đó bị hỏng)"
    ),
    "store.manifest_damaged": "{file}: {status}; không kiểm được các tệp của phiên bản này; {fix}",
    "store.changed": (
        "{file}: đã bị thay đổi từ khi phiên bản {version} được ghi (kích thước hoặc sha256 khác lúc ghi); {fix}"
    ),
    "store.wrong_schema": (
        "{file}: không phải bảng {table} của kho dtikit (thiếu cột hoặc cột sai kiểu: {columns}); {fix}"
    ),
    "store.disk_full": (
        "{root}: đĩa đã đầy (không còn chỗ trống); chưa ghi gì, kho vẫn như cũ; hãy giải phóng chỗ trống rồi chạy "
        "lại lệnh"
    ),
    "store.url": (
        "{how} {given}: là một URL; dtikit chỉ giữ kho trong một thư mục trên máy (hãy chép kho về một thư mục "
        "trên máy này, hoặc ổ dùng chung, rồi chỉ thư mục đó)"
    ),
    "store.status_rows": "{count} dòng, ghi nhận {recorded}",
    "store.no_user_store": "bạn chưa có kho tại {path}; 'dtikit ingest FILE' sẽ tạo kho (hoặc chỉ --data DIR)",
    "store.fix": (
        "chạy 'dtikit store check': lệnh liệt kê mọi lỗi và cho biết các phiên bản còn nguyên vẹn để hoàn tác về"
    ),
    "store.fix_bundled": "cài lại dtikit, hoặc chạy 'make data' trong bản mã nguồn",
    "store.why_user": "kho của người dùng",
    "store.why_bundled": "số liệu đi kèm (bạn chưa có kho riêng)",
    "store.bundled_missing": "{root}: thiếu số liệu đi kèm; cài lại dtikit, hoặc chạy 'make data' trong bản mã nguồn",
    "store.no_folder": (
        "{named}: không có thư mục này; hãy chỉ một thư mục kho ('dtikit ingest FILE --data DIR' "
        "tạo kho; 'dtikit store path' cho biết kho mặc định)"
    ),
    "store.is_a_file": "{named}: là một tệp, không phải thư mục kho",
    "store.no_version": "{pointer}: trỏ tới một phiên bản không có trong kho ({name}); {fix}",
    "store.missing_file": "{file}: không còn trong kho; {fix}",
    "store.bundled_empty": (
        "{root}: không có kho dtikit ở đây (thiếu values.parquet); chạy 'make data' trong bản mã nguồn"
    ),
    "store.not_a_store": (
        "{named}: không phải kho dtikit (không có CURRENT hay values.parquet); hãy chỉ một thư mục "
        "kho, hoặc một thư mục trống để 'dtikit ingest' tạo kho"
    ),
    "store.unreadable": "{file}: không đọc được ({kind}); {fix}",
    "store.not_parquet": "{file}: không phải tệp Parquet đọc được (bị cắt cụt hoặc bị ghi đè); {fix}",
    "store.unreadable_parquet": "{file}: không đọc được dưới dạng Parquet; {fix}",
    "store.not_a_folder": "{how} {root}: là một tệp, không phải thư mục",
    "store.read_only": "{root}: số liệu đi kèm chỉ được đọc; hãy chỉ thư mục khác bằng --data",
    "store.locked": "{root}: một lệnh dtikit ingest khác đang ghi vào kho này; hãy thử lại khi nó xong",
    "store.chosen_by": "chọn theo {why}",
    "store.creates": "'dtikit ingest FILE' tạo kho của bạn tại {path}",
    "store.title_log": "Nhật ký kho",
    "store.title_check": "Kiểm tra kho",
    "store.title_undone": "Các lần nhập bị hoàn tác",
    "store.would_undo": "sẽ đặt phiên bản {target} làm hiện hành; {n} lần nhập sẽ mất",
    "store.undone": "đã đặt phiên bản {target} làm hiện hành; đã hoàn tác {n} lần nhập",
    "store.removed": "đã xoá {n} phiên bản",
    "store.removed_which": "đã xoá {n} phiên bản: {versions}",
    "store.no_versions": (
        "{root}: không có phiên bản nào (không do 'dtikit ingest' ghi); không có gì để xem nhật ký, hoàn tác hay dọn"
    ),
    "store.no_earlier": "{current}: không ghi nhận phiên bản liền trước phiên bản hiện hành; {fix}",
    "store.already_current": "phiên bản {to} đã là hiện hành",
    "store.not_kept": "phiên bản {to} không còn giữ trong {root} (đang giữ: {kept}; 0 là số liệu có sẵn)",
    "store.keep_one": "--keep {keep}: hãy giữ ít nhất 1 phiên bản (phiên bản hiện hành)",
}
