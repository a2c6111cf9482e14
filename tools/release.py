"""``python grader.py release DIR``: write the student repository.

DIR gets the library, the exercise stubs (generated from ``solutions/``),
the grader and the *visible* checks only. No ``solutions/``, no hidden
checks, no ``tests/checks/mistakes/`` (the typical mistakes that
``tools/mistake_coverage.py`` grades: they quote solution lines; only the
check modules and ``SHARED_CHECK_FILES`` are copied), and no ``tools/``
(this command, ``gradescope``, ``batch`` and the stub generator are the
course staff's: the released grader does not offer them). Its README is the
student parts of ours, less the paragraphs about course-only files, with the
pictures it shows. Then runs the released ``grader.py`` once as a smoke test.
"""

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys

from grading import report
from grading.runner import CHECKS_DIR, ROOT, load_checks
from tools.make_exercises import expected_exercises

# What a student runs: the grader and the library. tools/ (these commands,
# the stub generator) is the course staff's and is never released.
LIBRARY_FILES = ["grader.py", "pyproject.toml"]
LIBRARY_DIRS = ["minigrad", "grading"]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")
# The files of tests/checks that are not check modules and ship as they are.
SHARED_CHECK_FILES = ["conftest.py", "common.py"]


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
    non-visible checks and every top-level name starting with ``_hidden``
    (the closed-form oracles only hidden checks use). Works on lines, so the
    rest stays as written."""
    tree = ast.parse(source)
    drop = []
    for node in tree.body:
        first = min([d.lineno for d in getattr(node, "decorator_list", [])] + [node.lineno])
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            vis = [v for v in (_visibility_of(d) for d in node.decorator_list) if v]
            if vis and vis[0] != "visible":
                drop.append((first, node.end_lineno))
                continue
        if any(n.startswith("_hidden") for n in _names(node)):
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


# Files the release never ships: a paragraph of the student parts that names
# one (`python tools/mistake_coverage.py`, `tests/test_curriculum.py`) is about
# the course repository and is left out of the student's README.
COURSE_ONLY = re.compile(r"`[^`]*(?<![\w/.-])(tools/|solutions/|benchmarks/|\.ci/|tests/test_)")
IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def _paragraphs(text):
    """``text`` cut at blank lines, a fenced block (blank lines and all)
    staying in one piece."""
    blocks, current, fenced = [], [], False
    for line in text.split("\n"):
        if line.startswith("```"):
            fenced = not fenced
        if not line.strip() and not fenced:
            if current:
                blocks.append("\n".join(current))
            current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def student_readme():
    """The student repository's README: the student-facing parts of ours
    (between ``<!-- student -->`` markers), without the paragraphs that name
    course-only files (``COURSE_ONLY``)."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        text = f.read()
    parts = re.findall(r"<!-- student -->\n(.*?)<!-- /student -->", text, re.S)
    kept = [b for b in _paragraphs("\n\n".join(p.strip() for p in parts))
            if not COURSE_ONLY.search(b)]
    return STUDENT_README_HEAD + "\n\n".join(kept) + "\n"


def readme_images(readme):
    """The files a README shows as pictures (``![...](docs/x.svg)``)."""
    return [path for path in IMAGE.findall(readme) if "://" not in path]


def release(dest):
    """Write the student repository to ``dest``; returns the smoke run's output."""
    if os.path.exists(dest) and os.listdir(dest):
        raise SystemExit("release: %s exists and is not empty; give a new folder" % dest)
    os.makedirs(dest, exist_ok=True)
    for name in LIBRARY_FILES:
        shutil.copy(os.path.join(ROOT, name), os.path.join(dest, name))
    readme = student_readme()
    with open(os.path.join(dest, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme)
    for path in readme_images(readme):  # what the README shows ships with it
        os.makedirs(os.path.dirname(os.path.join(dest, path)), exist_ok=True)
        shutil.copy(os.path.join(ROOT, path), os.path.join(dest, path))
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
    # conftest.py runs them under pytest; common.py holds helpers several check files
    # import (visible-only by design: nothing hidden is written there).
    for name in SHARED_CHECK_FILES:
        shutil.copy(os.path.join(CHECKS_DIR, name), os.path.join(out_checks, name))
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


def main(argv):
    p = argparse.ArgumentParser(prog="python grader.py release",
                                description="Write the student repository (no solutions, "
                                "no hidden checks, no course-staff tools).")
    p.add_argument("dir", help="a new (or empty) folder")
    args = p.parse_args(argv)
    out = release(args.dir)
    sys.stdout.write(out.splitlines()[-1] + "\n" if out else "")
    print("release: wrote %s (no solutions, visible checks only); its grader ran." % args.dir)
    return 0
