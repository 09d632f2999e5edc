"""Words of ``dtikit store`` and of the versions of a store (``store.*``)."""

EN = {
    "store.fix_undo_to": "'dtikit store undo --to {n}' makes the version before it current",
    "store.fix_undo_0": "'dtikit store undo --to 0' starts again from the bundled figures",
    "store.current_missing": "{pointer}: names {name}, which is missing; {fix}",
    "store.manifest_unreadable": "{file}: missing or unreadable; counts and sums cannot be verified; {fix}",
    "store.check_problem": "{path}: {status}; {fix}",
    "store.old_version": "an old version",
    "store.status_rows": "{count} rows, {recorded} recorded",
    "store.no_user_store": "no store of yours yet at {path}; 'dtikit ingest FILE' creates it (or give --data DIR)",
    "store.fix": "run 'dtikit store check' to list every problem; 'dtikit store undo' makes an earlier version current",
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
    "store.no_manifest": "{current}: no manifest.json (written by an older dtikit); the log starts at the next ingest",
    "store.no_versions_check": "{root}: holds no versions (not written by 'dtikit ingest'); nothing to check",
    "store.no_earlier": "{current}: no earlier version is recorded; give --to VERSION (see 'dtikit store log')",
    "store.already_current": "version {to} is already current",
    "store.not_kept": "version {to} is not kept in {root} (kept: {kept}; 0 is the bundled figures)",
    "store.keep_one": "--keep {keep}: keep at least 1 version (the current one)",
}

VI = {
    "store.fix_undo_to": "'dtikit store undo --to {n}' đặt phiên bản trước đó làm hiện hành",
    "store.fix_undo_0": "'dtikit store undo --to 0' bắt đầu lại từ số liệu đi kèm",
    "store.current_missing": "{pointer}: trỏ tới {name}, phiên bản này không còn; {fix}",
    "store.manifest_unreadable": "{file}: không có hoặc không đọc được; không kiểm được số dòng và mã băm; {fix}",
    "store.check_problem": "{path}: {status}; {fix}",
    "store.old_version": "một phiên bản cũ",
    "store.status_rows": "{count} dòng, ghi nhận {recorded}",
    "store.no_user_store": "bạn chưa có kho tại {path}; 'dtikit ingest FILE' sẽ tạo kho (hoặc chỉ --data DIR)",
    "store.fix": (
        "chạy 'dtikit store check' để liệt kê mọi lỗi; 'dtikit store undo' đặt một phiên bản trước làm hiện hành"
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
    "store.no_manifest": "{current}: không có manifest.json (do dtikit cũ ghi); nhật ký bắt đầu từ lần nhập tới",
    "store.no_versions_check": "{root}: không có phiên bản nào (không do 'dtikit ingest' ghi); không có gì để kiểm tra",
    "store.no_earlier": (
        "{current}: không ghi nhận phiên bản nào trước đó; hãy cho --to VERSION (xem 'dtikit store log')"
    ),
    "store.already_current": "phiên bản {to} đã là hiện hành",
    "store.not_kept": "phiên bản {to} không còn giữ trong {root} (đang giữ: {kept}; 0 là số liệu có sẵn)",
    "store.keep_one": "--keep {keep}: hãy giữ ít nhất 1 phiên bản (phiên bản hiện hành)",
}
