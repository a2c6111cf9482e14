"""Feedback that leads to the cause: hints on demand, blame on an earlier
step that fails, what an exception usually means, and the visible share."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from grading import hints
from grading.runner import grade, load_checks, select_checks

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRADER = os.path.join(ROOT, "grader.py")

CHECKS = '''
"""Exercise 98: a module to test feedback with."""
from grading.check import check, expect_close

MODULE = "ex98_feedback"
ALLOWED_IMPORTS = ["math"]

HINTS = {
    "Exercise 98.1": ["It is a product of two factors.", "Both factors are x."],
    "Exercise 98.2": ["Use your square from 98.1.", "Add one to it."],
}
ERRORS = {"Exercise 98.2": {"IndexError": "An IndexError here usually means a list was "
                                          "indexed past its end."}}


@check("Exercise 98.1", points=1)
def test_square(student):
    "square(3) = 9."
    expect_close(student.call("square", 3.0), 9.0, what="square(3)", hint="own hint 1")


@check("Exercise 98.1", points=2, visibility="hidden")
def test_square_hidden(student):
    "square at more points."
    for x in (1.5, -2.0):
        expect_close(student.call("square", x), x * x, what="square(x)")


@check("Exercise 98.2", points=1, uses=("98.1",))
def test_square_plus_one(student):
    "square_plus_one(3) = 10."
    expect_close(student.call("square_plus_one", 3.0), 10.0, what="square_plus_one(3)",
                 hint="own hint 2")
'''

GOOD = '''
def square(x):
    return x * x


def square_plus_one(x):
    return square(x) + 1
'''


@pytest.fixture
def course(tmp_path):
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "test_ex98_feedback.py").write_text(textwrap.dedent(CHECKS))
    sub = tmp_path / "sub"
    sub.mkdir()
    return checks, sub


def _grade(checks, sub, source, selector=None):
    (sub / "ex98_feedback.py").write_text(source)
    modules = select_checks(load_checks(str(checks)), selector)
    return {(r.task, r.visibility): r for r in grade(str(sub), modules, jobs=1)}


def test_a_step_is_blamed_on_the_earlier_step_it_uses(course):
    checks, sub = course
    results = _grade(checks, sub, GOOD.replace("return x * x", "return x + x"))
    blamed = results[("98.2", "visible")]
    assert not blamed.passed
    assert "uses your Exercise 98.1, which fails its own check: fix 98.1 first" in blamed.message
    assert "hint" not in blamed.detail  # its own hint would send the student astray
    assert results[("98.1", "visible")].detail["hint"] == "own hint 1"


def test_blame_also_when_only_the_later_step_is_selected(course):
    checks, sub = course
    results = _grade(checks, sub, GOOD.replace("return x * x", "return x + x"), "ex98.2")
    assert list(results) == [("98.2", "visible")]  # 98.1 ran silently, not reported
    assert "fix 98.1 first" in results[("98.2", "visible")].message


def test_no_blame_when_the_earlier_step_passes(course):
    checks, sub = course
    results = _grade(checks, sub, GOOD.replace("square(x) + 1", "square(x) + 2"))
    r = results[("98.2", "visible")]
    assert "fix 98.1" not in r.message and r.detail["hint"] == "own hint 2"


def test_an_exception_gets_what_it_usually_means_at_this_step(course):
    checks, sub = course
    results = _grade(checks, sub, GOOD.replace("return square(x) + 1", "return [x][3]"))
    r = results[("98.2", "visible")]
    assert "IndexError" in r.message
    assert r.detail["hint"].startswith("An IndexError here usually means")


def test_hint_command_gives_the_levels_in_turn(course, monkeypatch, capsys):
    checks, _ = course
    monkeypatch.setattr(hints, "STATE", str(checks / "state.json"))
    assert hints.main(["6.9", "--checks", str(checks)]) == 2
    assert "no hints for Exercise 6.9" in capsys.readouterr().err
    assert hints.main(["98.1", "--checks", str(checks)]) == 0
    first = capsys.readouterr().out
    assert "hint 1 of 2" in first and "product of two factors" in first and "again" in first
    assert hints.main(["Exercise 98.1", "--checks", str(checks)]) == 0
    second = capsys.readouterr().out
    assert "hint 2 of 2" in second and "Both factors are x." in second and "last hint" in second
    assert hints.main(["98.1", "--checks", str(checks)]) == 0  # stays at the last
    assert "hint 2 of 2" in capsys.readouterr().out
    assert hints.main(["98.1", "--reset", "--checks", str(checks)]) == 0
    assert "hint 1 of 2" in capsys.readouterr().out
    assert json.loads((checks / "state.json").read_text()) == {"98.1": 1}


def test_failed_visible_check_points_to_the_hint_command(course):
    checks, sub = course
    from grading import report
    results = _grade(checks, sub, GOOD.replace("return x * x", "return x + x"))
    text = "\n".join(report.explain(results[("98.1", "visible")]))
    assert "python grader.py hint 98.1" in text


def test_report_says_what_share_the_visible_checks_cover(course):
    checks, sub = course
    from grading import report
    (sub / "ex98_feedback.py").write_text(GOOD)
    modules = select_checks(load_checks(str(checks)), None, ("visible",))
    results = grade(str(sub), modules, jobs=1)
    text = report.text_report(results, hidden_ran=False,
                              points_with_hidden=sum(m.points_with_hidden for m in modules))
    assert "Visible checks: 2 of 4 points; the other 2 are hidden checks" in text


def test_hint_command_through_grader_py():
    proc = subprocess.run([sys.executable, GRADER, "hint", "--help"], stdout=subprocess.PIPE,
                          universal_newlines=True)
    assert proc.returncode == 0 and "next hint" in proc.stdout


@pytest.mark.parametrize("typed", ["6.9", "Exercise 6.9", "ex06.9", "ex6.9", " 6.9 "])
def test_a_step_is_read_the_way_the_grader_reads_selectors(typed):
    assert hints._task_typed(typed) == "6.9"
