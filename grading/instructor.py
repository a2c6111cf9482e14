"""Instructor commands: ``release``, ``gradescope``, ``batch``.

``python grader.py release DIR``
    Writes the student repository to DIR: the library, the exercise stubs,
    the grader and the *visible* checks only. No ``solutions/``, no hidden
    checks, no ``MISTAKES`` lists (they quote solution lines). Then runs the
    released ``grader.py`` once as a smoke test.

``python grader.py gradescope ZIP``
    Writes a Gradescope autograder zip: ``setup.sh``, ``run_autograder`` and
    the sources (grader, library, every check). It runs on Gradescope's stock
    Ubuntu image and reads the student's files from
    ``/autograder/submission``. ``setup.sh`` creates the unprivileged user
    ``minigrad-student`` that student code runs as, and makes the autograder
    source unreadable to it.

``python grader.py batch DIR --csv FILE``
    Grades every subfolder of DIR (one per student) in parallel on all cores
    and writes one CSV row per student with per-module points.
"""

import argparse
import ast
import csv
import io
import re
import os
import shutil
import stat
import subprocess
import sys
import time
import traceback
import zipfile
from concurrent.futures import ThreadPoolExecutor, as_completed

from grading import names, report
from grading.runner import CHECKS_DIR, ROOT, grade, load_checks
from grading.sandbox import DEFAULT_LIMITS, batch_uids, env_limits
from tools.make_exercises import expected_exercises

LIBRARY_FILES = ["grader.py", "pyproject.toml"]
LIBRARY_DIRS = ["minigrad", "grading"]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


# -- release ---------------------------------------------------------------------

def _visibility_of(decorator):
    """The visibility a ``@check(...)`` decorator gives, or None if not a check."""
    if not (isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "check"):
        return None
    for kw in decorator.keywords:
        if kw.arg == "visibility" and isinstance(kw.value, ast.Constant):
            return kw.value.value
    if len(decorator.args) >= 3 and isinstance(decorator.args[2], ast.Constant):
        return decorator.args[2].value
    return "visible"


def _names(node):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [getattr(t, "id", "") for t in node.targets]
    return []


def visible_only(source):
    """``source`` of a check file without what students must not see: its
    non-visible checks, every top-level name starting with ``_hidden`` (the
    closed-form oracles only hidden checks use) and its ``MISTAKES`` list.
    Works on lines, so the rest stays as written."""
    tree = ast.parse(source)
    drop = []
    for node in tree.body:
        first = min([d.lineno for d in getattr(node, "decorator_list", [])] + [node.lineno])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            vis = [v for v in (_visibility_of(d) for d in node.decorator_list) if v]
            if vis and vis[0] != "visible":
                drop.append((first, node.end_lineno))
                continue
        if any(n == "MISTAKES" or n.startswith("_hidden") for n in _names(node)):
            drop.append((first, node.end_lineno))
    lines = source.splitlines(keepends=True)
    for first, last in sorted(drop, reverse=True):
        del lines[first - 1:last]
    return "".join(lines)


STUDENT_README_HEAD = """# minigrad: the exercises

Learn backpropagation by deriving it, step by step, with every step checked.

## Quick start

```
python grader.py
```

It grades your work in `exercises/` on a bare Python 3.9+ (Linux or macOS;
on Windows use WSL), nothing to install (`python3 grader.py` where the
command is called python3). `python grader.py hint 6.9` gives a step's hints
one at a time. `python grader.py ex06` grades one
module, `python grader.py ex06.9` one step, `--list` shows the map. The
checks here are the visible ones; your instructor's grader also runs hidden
checks on more inputs. (With pytest installed, `python -m pytest tests/checks`
runs the same visible checks.)

"""


def student_readme():
    """The student repository's README: the student-facing parts of ours
    (between ``<!-- student -->`` markers)."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    parts = re.findall(r"<!-- student -->\n(.*?)<!-- /student -->", text, re.S)
    return STUDENT_README_HEAD + "\n".join(p.strip() + "\n" for p in parts)


def release(dest):
    """Write the student repository to ``dest``; returns the smoke run's output."""
    if os.path.exists(dest) and os.listdir(dest):
        raise SystemExit("release: %s exists and is not empty; give a new folder" % dest)
    os.makedirs(dest, exist_ok=True)
    for name in LIBRARY_FILES:
        shutil.copy(os.path.join(ROOT, name), os.path.join(dest, name))
    with open(os.path.join(dest, "README.md"), "w", encoding="utf-8") as f:
        f.write(student_readme())
    with open(os.path.join(dest, ".gitignore"), "w", encoding="utf-8") as f:
        f.write("__pycache__/\n*.pyc\n.venv/\n.minigrad-hints.json\n")
    for name in LIBRARY_DIRS:
        shutil.copytree(os.path.join(ROOT, name), os.path.join(dest, name), ignore=IGNORE)
    # The stubs are generated from solutions/, never copied from exercises/
    # (an instructor's working copy may hold solved exercises).
    os.makedirs(os.path.join(dest, "exercises"))
    for name, text in expected_exercises(os.path.join(ROOT, "solutions")).items():
        with open(os.path.join(dest, "exercises", name), "w", encoding="utf-8") as f:
            f.write(text)
    out_checks = os.path.join(dest, "tests", "checks")
    os.makedirs(out_checks)
    shutil.copy(os.path.join(CHECKS_DIR, "conftest.py"), os.path.join(out_checks, "conftest.py"))
    full = {os.path.basename(cm.path): cm.points_with_hidden for cm in load_checks(CHECKS_DIR)}
    for name in sorted(os.listdir(CHECKS_DIR)):
        if name.startswith("test_ex") and name.endswith(".py"):
            with open(os.path.join(CHECKS_DIR, name), encoding="utf-8") as f:
                text = visible_only(f.read())
            text += ("\n\n# Written by release: this module's points with the hidden checks "
                     "your instructor runs.\nPOINTS_WITH_HIDDEN = %s\n" % report._num(full[name]))
            with open(os.path.join(out_checks, name), "w", encoding="utf-8") as f:
                f.write(text)
    # The smoke run: the released grader grades the released stubs: 0 points.
    proc = subprocess.run([sys.executable, "-I", "-B", os.path.join(dest, "grader.py"),
                           "--no-color"], cwd=dest, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)
    if proc.returncode != 1 or not re.search(r"^Total: 0/\d+ points$", proc.stdout, re.M):
        raise SystemExit("release: the released grader.py failed its smoke run:\n"
                         + proc.stdout)
    for cm in load_checks(out_checks):
        hidden = [c.name for c in cm.checks if c.visibility != "visible"]
        if hidden:
            raise SystemExit("release: hidden checks left in %s: %s" % (cm.path, hidden))
    for folder, dirs, _ in os.walk(dest):  # loading the checks above made caches
        for d in [d for d in dirs if d == "__pycache__"]:
            shutil.rmtree(os.path.join(folder, d))
    return proc.stdout


# -- Gradescope ------------------------------------------------------------------

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
# Student code runs as this unprivileged user (see grading/sandbox.py).
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
    for top in LIBRARY_DIRS + [os.path.join("tests", "checks")]:
        for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, top)):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
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


# -- batch -----------------------------------------------------------------------

def _progress(done, total, started, stream):
    width = 30
    filled = int(width * done / total) if total else width
    rate = (time.monotonic() - started) / done if done else 0
    stream.write("\r[%s%s] %d/%d  %.1fs/submission" % ("#" * filled, "." * (width - filled),
                                                     done, total, rate))
    stream.flush()


def _notes(results):
    """Why a module scored 0, when the reason is not plain unfinished work:
    it did not compile or import, crashed, hung, or broke a rule."""
    notes = []
    for module, rs in report.by_module(results):
        if any(r.passed for r in rs):
            continue
        reasons = [r.message for r in rs if not r.detail.get("not_implemented")]
        if len(reasons) == len(rs) and reasons:
            first = reasons[0].split("\n")[0]
            notes.append("%s: %s" % (names.short_name(module), first[:100]))
    return "; ".join(notes)


def batch(folder, csv_path, jobs=None, stream=None, checks_dir=CHECKS_DIR):
    """Grade every subfolder of ``folder``; write ``csv_path``. Returns rows."""
    stream = stream or sys.stderr
    students = sorted(d for d in os.listdir(folder)
                      if os.path.isdir(os.path.join(folder, d)) and not d.startswith("."))
    modules = load_checks(checks_dir)
    jobs = jobs or os.cpu_count() or 1
    show = stream.isatty()
    rows = {}
    started = time.monotonic()

    # As root each student's children run under a uid of their own (no
    # account needed), so the kernel keeps one student's code from
    # signalling, renicing or reading another's (issue 12, finding 2).
    own_uid = {}
    if os.geteuid() == 0 and dict(DEFAULT_LIMITS, **env_limits()).get("user"):
        own_uid = dict(zip(students, batch_uids(len(students))))

    def one(name):
        # one submission that breaks the grader must not cost the others
        # their row: the CSV is always written
        try:
            limits = {"user": own_uid[name]} if name in own_uid else None
            return name, grade(os.path.join(folder, name), modules, jobs=1, limits=limits)
        except Exception as exc:  # noqa: BLE001
            stream.write("\nthe grader failed on %s:\n%s" % (name, traceback.format_exc()))
            return name, exc

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(one, s) for s in students]
        for i, fut in enumerate(as_completed(futures), 1):
            name, results = fut.result()
            rows[name] = results
            if show:
                _progress(i, len(students), started, stream)
    if show:
        stream.write("\n")
    header = ["student", "score", "max_score"] + [cm.module for cm in modules] + ["notes"]
    out = []
    for name in students:
        results = rows[name]
        if isinstance(results, Exception):
            out.append([name, "", ""] + ["" for _ in modules]
                       + ["the grader failed on this submission (%s); grade it again alone"
                          % type(results).__name__])
            continue
        got, most = report.total(results)
        per = {m: report._num(report.total(rs)[0]) for m, rs in report.by_module(results)}
        out.append([name, report._num(got), report._num(most)]
                   + [per.get(cm.module, 0) for cm in modules] + [_notes(results)])
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(out)
    report.write_atomic(csv_path, buf.getvalue())
    return [header] + out


# -- command line ------------------------------------------------------------------

def main(argv):
    p = argparse.ArgumentParser(prog="python grader.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    r = sub.add_parser("release", help="write the student repository (no solutions, "
                       "no hidden checks)")
    r.add_argument("dir")
    g = sub.add_parser("gradescope", help="write a Gradescope autograder zip")
    g.add_argument("zip")
    b = sub.add_parser("batch", help="grade a folder of submissions (one subfolder each)")
    b.add_argument("dir")
    b.add_argument("--csv", required=True, help="where to write one row per student")
    b.add_argument("--jobs", type=int, default=None, help="parallel submissions "
                   "(default: all cores)")
    b.add_argument("--checks", default=CHECKS_DIR, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.command == "release":
        out = release(args.dir)
        sys.stdout.write(out.splitlines()[-1] + "\n" if out else "")
        print("release: wrote %s (no solutions, visible checks only); its grader ran."
              % args.dir)
    elif args.command == "gradescope":
        names = gradescope_zip(args.zip)
        print("gradescope: wrote %s (%d files): upload it as the autograder."
              % (args.zip, len(names)))
    else:
        if not os.path.isdir(args.dir):
            p.error("batch: %s is not a folder" % args.dir)
        rows = batch(args.dir, args.csv, args.jobs, checks_dir=args.checks)
        print("batch: graded %d submissions into %s" % (len(rows) - 1, args.csv))
    return 0
