"""What the grader's tests share: running ``grader.py`` on the fixture
checks (``tests/fixtures``: the small ex99_demo module), and a sandbox
session on a probe module with short limits. Imported by test_grader.py,
test_sandbox.py and test_time_limits.py."""

import os
import subprocess
import sys

import pytest

from grading.check import StudentError
from grading.sandbox import Session

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
CHECKS = os.path.join(FIXTURES, "checks")
GOOD = os.path.join(FIXTURES, "good")
GRADER = os.path.join(ROOT, "grader.py")

# limits short enough for a test, long enough for an honest call on a busy machine
FAST = {"call_timeout": 2.0, "import_timeout": 3.0, "cpu_seconds": 5, "memory_mb": 256,
        "output_kb": 16}


def run(*args, cwd=ROOT):
    """``python -I grader.py ARGS`` (no colour where the command takes the
    flag): (exit status, stdout, stderr)."""
    colour = [] if args and args[0] in ("release", "gradescope", "batch") else ["--no-color"]
    proc = subprocess.run([sys.executable, "-I", GRADER, *args, *colour], cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


def grade_fixture(submission, tmp_path, fmt="gradescope", extra=()):
    """Grade ``submission`` with the fixture checks: (exit status, stdout,
    the results file's text)."""
    out = tmp_path / ("results." + ("xml" if fmt == "junit" else "json"))
    code, stdout, stderr = run("--checks", CHECKS, "--submission", str(submission),
                               "--results", str(out), "--format", fmt, *extra)
    return code, stdout, out.read_text()


def write_module(folder, source):
    """A submission folder holding ``source`` as ex99_demo.py."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ex99_demo.py").write_text(source)
    return folder


def session(submission, **limits):
    """A started sandbox session on ``submission``'s probe.py, FAST limits."""
    s = Session(submission, "probe", ["math"], dict(FAST, **limits))
    assert s.start() is None
    return s


def refused(s, name, *args):
    """The StudentError that calling ``name(*args)`` in session ``s`` raises."""
    with pytest.raises(StudentError) as info:
        s.call(name, args)
    return info.value
