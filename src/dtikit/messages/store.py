"""Words of ``dtikit store`` and of the versions of a store (``store.*``)."""

EN = {
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
