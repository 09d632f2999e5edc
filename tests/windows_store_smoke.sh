#!/bin/bash
# The store under a real Windows CPython (Wine; see ../shared/windows/README.md), without PYTHONUTF8:
# ingests (CSV, .xlsx, a large file kept as a part), log, check, undo, prune, and a store moved from
# Linux to Windows and back. Usage: tests/windows_store_smoke.sh WINE_WORKDIR   (after setup.sh, with
# this checkout's wheel installed there); uses .venv/bin/dtikit of this checkout for the Linux side.
# Prints PASS/FAIL per step; exit 1 when any step failed.
set -uo pipefail
W=$(realpath "$1"); SRC=$(cd "$(dirname "$0")/.." && pwd); LINUX="$SRC/.venv/bin/dtikit"; fail=0
T=$(mktemp -d "$W/store-smoke.XXXX"); trap 'rm -rf "$T"' EXIT
win() { "$W/wpy" -m dtikit "$@"; }
check() { local name=$1; shift; if "$@" >"$T/$name.out" 2>"$T/$name.err"; then echo "PASS $name"; else echo "FAIL $name: $(tail -1 "$T/$name.err")"; fail=1; fi; }
cp "$SRC/tests/fixtures/indicators_long_vi.csv" "$T/small.csv"
cp "$SRC/tests/fixtures/dti2022.xlsx" "$T/dti.xlsx"
python3 - "$T/long.csv" <<'PY'
import sys
provinces = ["Kon Tum", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Đắk Nông"]
rows = [f"{p};{y};so_lieu_lon;{n + y - 2000},5" for n, p in enumerate(provinces) for y in range(2010, 2025)]
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(["Tỉnh;Năm;Chỉ tiêu;Giá trị", *rows]) + "\n")
PY
S="$T/store"
check ingest-csv        win ingest "$T/small.csv" --data "$S"
check ingest-xlsx       win ingest "$T/dti.xlsx" --data "$S" --replace
check ingest-part       bash -c "DTIKIT_STREAM_BYTES=0 '$W/wpy' -m dtikit ingest '$T/long.csv' --data '$S' --new-indicators"
check part-kept         bash -c "ls '$S'/gen-000003/part-*.parquet"
check store-log         bash -c "'$W/wpy' -m dtikit store log --data '$S' --format csv | grep -c ',ingest,' | grep -qx 3"
check store-check       win store check --data "$S"
check store-undo        win store undo --data "$S"
check undo-undone       win store undo --to 3 --data "$S"
check store-prune       win store prune --keep 2 --data "$S"
check check-after-prune win store check --data "$S"
check no-leftovers      bash -c "! ls -a '$S' | grep -E '^\.(work|staging)-'"
# a store written on Linux, read and written on Windows, then read and written on Linux again
L="$T/linux-store"
check linux-ingest      "$LINUX" ingest "$T/small.csv" --data "$L"
check win-reads-linux   bash -c "'$W/wpy' -m dtikit sources --province 'Kon Tum' --data '$L' --format csv -o '$T/sources.csv' && grep -q 'administrative_procedures,1753.0,1.753,.*,user,.*small.csv' '$T/sources.csv'"
check win-writes-linux  win ingest "$T/dti.xlsx" --data "$L" --replace
check win-checks-linux  win store check --data "$L"
check linux-checks-win  "$LINUX" store check --data "$L"
check linux-writes-win  bash -c "DTIKIT_STREAM_BYTES=0 '$LINUX' ingest '$T/long.csv' --data '$L' --new-indicators"
check linux-undo-win    "$LINUX" store undo --to 2 --data "$L"
check win-after-linux   win store check --data "$L"
check win-log-linux     bash -c "'$W/wpy' -m dtikit store log --data '$L' --format csv | grep -c '^[0-9]' | grep -qx 4"
exit $fail
