"""The student's copy (``python grader.py release DIR``) and the Gradescope zip
against the course repository: the course-staff commands (``tools/``) stay
in the course repository, and what the student's copy offers works there.

Oracles: the released files on disk, the released grader's exit status and
output, run as a student would run it.
"""

import json
import os
import subprocess
import sys
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAFF = ("release", "gradescope", "batch")
NOT_HERE = ("%s is a course-staff command; it is in the course repository, not in the "
            "student's copy")


def _run(args, cwd, timeout=300):
    return subprocess.run([sys.executable, "-I"] + list(args), cwd=str(cwd),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=timeout)


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    dest = tmp_path_factory.mktemp("release") / "student"
    proc = _run(["grader.py", "release", str(dest)], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dest


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    base = tmp_path_factory.mktemp("gradescope")
    proc = _run(["grader.py", "gradescope", str(base / "autograder.zip")], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(str(base / "autograder.zip")) as zf:
        zf.extractall(str(base / "source"))
    return base / "source"


def test_release_leaves_the_staff_tools_out(released):
    assert not (released / "tools").exists()
    assert not list(released.rglob("instructor.py"))
    for name in STAFF:
        assert not list(released.rglob(name + ".py")), name


def test_course_repository_help_offers_the_staff_commands():
    proc = _run(["grader.py", "--help"], ROOT)
    assert proc.returncode == 0
    help_text = " ".join(proc.stdout.split())
    for usage in ("release DIR", "gradescope ZIP", "batch DIR --csv FILE"):
        assert "'python grader.py %s'" % usage in help_text
    for name in STAFF:
        proc = _run(["grader.py", name, "--help"], ROOT)
        assert proc.returncode == 0 and proc.stdout.startswith(
            "usage: python grader.py " + name), proc.stderr


@pytest.mark.parametrize("where", ["released", "unzipped"])
def test_copies_without_tools_do_not_offer_the_staff_commands(where, request):
    """The student's copy and the autograder zip have no tools/: their help
    does not list release, gradescope or batch, and typing one says where it
    is (exit 2, no traceback)."""
    copy = request.getfixturevalue(where)
    proc = _run(["grader.py", "--help"], copy)
    help_text = " ".join(proc.stdout.split())
    assert proc.returncode == 0 and "'python grader.py hint 6.9'" in help_text
    assert "Course-staff" not in help_text
    for name in STAFF:
        assert "grader.py " + name not in help_text
    for args in (["release", "elsewhere"], ["gradescope", "ag.zip"],
                 ["batch", ".", "--csv", "grades.csv"], ["release", "--help"]):
        proc = _run(["grader.py"] + args, copy)
        assert proc.returncode == 2, proc.stdout + proc.stderr
        assert proc.stderr == "grader.py: " + NOT_HERE % args[0] + "\n"
        assert proc.stdout == ""
    assert not (copy / "elsewhere").exists() and not (copy / "grades.csv").exists()


def test_the_gradescope_zip_grades_everything_without_tools(unzipped, tmp_path):
    """The zip holds the grader, the library and every check: the solutions
    get full marks from it, hidden checks included."""
    assert not (unzipped / "tools").exists()
    out = tmp_path / "results.json"
    proc = _run(["grader.py", "--submission", os.path.join(ROOT, "solutions"),
                 "--results", str(out), "--no-color"], unzipped)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(out.read_text())
    assert data["score"] == sum(t["max_score"] for t in data["tests"]) > 0
    assert {t["visibility"] for t in data["tests"]} > {"visible"}
