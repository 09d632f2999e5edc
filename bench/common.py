"""What the benchmark scripts share."""

from __future__ import annotations

import subprocess
import sys


def compile_dtikit() -> None:
    """Write dtikit's .pyc files, as installing a wheel does: an editable install under
    PYTHONDONTWRITEBYTECODE=1 compiles every module from source on each run, which the floor's
    packages (compiled by pip) never pay."""
    code = "import compileall, dtikit, pathlib; compileall.compile_dir(pathlib.Path(dtikit.__file__).parent, quiet=1)"
    subprocess.run([sys.executable, "-c", code], check=True)
