"""``python grader.py gradescope ZIP``: write a Gradescope autograder zip.

The zip holds ``setup.sh``, ``run_autograder`` and the sources: the grader,
the library and every check, hidden ones too (no ``solutions/``, no
``tools/``). It runs on Gradescope's stock Ubuntu image and reads the
student's files from ``/autograder/submission``. ``setup.sh`` creates the
unprivileged user ``minigrad-student`` that student code runs as, and makes
the autograder source unreadable to it.
"""

import argparse
import os
import stat
import zipfile

from grading.runner import ROOT
from tools.mistake_coverage import MISTAKES_DIR
from tools.release import LIBRARY_DIRS

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image (as root).
set -euo pipefail
AG=${MINIGRAD_AUTOGRADER_DIR:-/autograder}  # a test points this elsewhere
# The grader needs Python 3.9 or newer: use the image's python3 if it is new
# enough, else install one from the image's packages, else fail the build
# loudly (an autograder that gives every student 0 must not build).
fits() { command -v "$1" >/dev/null 2>&1 && "$1" -c 'import sys; sys.exit(sys.version_info < (3, 9))'; }
pick() { for p in python3 python3.13 python3.12 python3.11 python3.10 python3.9; do
           if fits "$p"; then command -v "$p"; return 0; fi; done; return 1; }
PY=$(pick) || {
  apt-get update || true
  for v in 3.12 3.11 3.10 3.9; do apt-get install -y "python$v" && break || true; done
  command -v python3 >/dev/null 2>&1 || apt-get install -y python3 || true
  PY=$(pick) || {
    echo "minigrad: no Python 3.9 or newer here, and none could be installed; choose a newer base image (Ubuntu 22.04) in Gradescope's autograder settings." >&2
    exit 1
  }
}
echo "$PY" > "$AG/source/PYTHON"
echo "minigrad: grading with $PY ($("$PY" --version 2>&1))"
# Student code runs as this unprivileged user (see grading/sandbox/session.py).
id -u minigrad-student >/dev/null 2>&1 || \\
  useradd --system --no-create-home --shell /usr/sbin/nologin minigrad-student
# The grader, the library and every check (hidden ones too) are root's alone:
# the student's user can neither read the hidden checks nor change anything.
chown -R root:root "$AG/source"
chmod -R go-rwx "$AG/source"
# Nothing the student's user may write to: the results folder is root's.
mkdir -p "$AG/results"
chmod go-w "$AG" "$AG/results"
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission (as root).
AG=${MINIGRAD_AUTOGRADER_DIR:-/autograder}
cd "$AG/source"
PY=$(cat "$AG/source/PYTHON" 2>/dev/null || echo python3)
"$PY" -I grader.py --submission "$AG/submission" \\
  --results "$AG/results/results.json" --format gradescope --no-color || true
if [ ! -s "$AG/results/results.json" ]; then
  # the grader could not even start: say so instead of leaving no results
  echo '{"score": 0, "output": "The autograder itself failed to run (not caused by your submission); tell your instructor.", "visibility": "visible", "stdout_visibility": "hidden", "tests": []}' \\
    > "$AG/results/results.json"
fi
exit 0  # the score is in results.json; a failed step is not a failed run
"""


def _zip_add(zf, path, arcname, mode=0o644):
    info = zipfile.ZipInfo(arcname, date_time=(2024, 1, 1, 0, 0, 0))
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    with open(path, "rb") as f:
        zf.writestr(info, f.read())


def _zip_text(zf, arcname, text, mode=0o755):
    info = zipfile.ZipInfo(arcname, date_time=(2024, 1, 1, 0, 0, 0))
    info.external_attr = (stat.S_IFREG | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, text)


def gradescope_zip(path):
    """Write the autograder zip; returns the list of names in it."""
    files = [(os.path.join(ROOT, n), n) for n in ("grader.py",)]
    checks = os.path.join("tests", "checks")
    for top in LIBRARY_DIRS + [checks]:
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            skip = {"__pycache__"} | ({MISTAKES_DIR} if top == checks else set())
            dirnames[:] = sorted(d for d in dirnames if d not in skip)
            for n in sorted(filenames):
                if n.endswith(".pyc") or n == "conftest.py":
                    continue
                full = os.path.join(dirpath, n)
                files.append((full, os.path.relpath(full, ROOT)))
    with zipfile.ZipFile(path, "w") as zf:
        _zip_text(zf, "setup.sh", SETUP_SH)
        _zip_text(zf, "run_autograder", RUN_AUTOGRADER)
        for full, arc in files:
            _zip_add(zf, full, arc)
        return zf.namelist()


def main(argv):
    p = argparse.ArgumentParser(prog="python grader.py gradescope",
                                description="Write a Gradescope autograder zip.")
    p.add_argument("zip", help="the zip file to write")
    args = p.parse_args(argv)
    names = gradescope_zip(args.zip)
    print("gradescope: wrote %s (%d files): upload it as the autograder."
          % (args.zip, len(names)))
    return 0
