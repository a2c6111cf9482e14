"""The grader's own tests: formats, broken submissions, selection, exit status,
release, the Gradescope zip and batch grading.

Most use the small fixture module in tests/fixtures/checks (ex99_demo), so
they do not depend on the curriculum; release and the zip use the real repo.
Code that spins, sleeps or stops reading is graded in ``test_time_limits.py``.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from xml.etree import ElementTree as ET

import pytest

from grading import report
from grading.runner import StepResult, Check
from tests.helpers import CHECKS, FIXTURES, GOOD, ROOT, grade_fixture, run, write_module

BAD = os.path.join(FIXTURES, "bad")

GS_VIS = {"visible", "hidden", "after_due_date", "after_published"}


def assert_gradescope(data):
    """Gradescope's documented results.json fields and types."""
    assert isinstance(data["score"], (int, float))
    assert isinstance(data["execution_time"], (int, float))
    assert isinstance(data["output"], str) and len(data["output"]) <= 100000
    assert data["visibility"] in GS_VIS
    assert data.get("stdout_visibility", "hidden") in GS_VIS
    assert isinstance(data["tests"], list) and data["tests"]
    for t in data["tests"]:
        assert set(t) >= {"name", "number", "score", "max_score", "status", "output",
                          "visibility"}
        assert t["status"] in ("passed", "failed")
        assert t["visibility"] in GS_VIS
        assert 0 <= t["score"] <= t["max_score"]
        assert len(t["output"]) <= 100000
    assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]))


# -- formats ---------------------------------------------------------------------

def test_gradescope_results_full_marks_and_exit_0(tmp_path):
    code, stdout, text = grade_fixture(GOOD, tmp_path)
    data = json.loads(text)
    assert_gradescope(data)
    assert code == 0
    assert data["score"] == 6
    assert "hidden checks" not in stdout or "visible and hidden" in stdout


def test_partial_credit_and_hint_for_typical_mistake(tmp_path):
    code, stdout, text = grade_fixture(BAD, tmp_path)
    data = json.loads(text)
    assert_gradescope(data)
    assert code == 1
    assert data["score"] == 3  # square visible 1 + hidden 2; the others fail
    tanh = [t for t in data["tests"] if t["number"] == "99.3"][0]
    assert tanh["status"] == "failed"
    assert "not 1 - z" in tanh["output"] and "expected" in tanh["output"]
    assert "Exercise 99.3" in stdout and "not 1 - z" in stdout


def test_prairielearn_results(tmp_path):
    code, _, text = grade_fixture(BAD, tmp_path, fmt="prairielearn")
    data = json.loads(text)
    assert data["gradable"] is True
    assert data["score"] == pytest.approx(3 / 6)
    assert isinstance(data["message"], str)
    for t in data["tests"]:
        assert {"name", "points", "max_points", "output"} <= set(t)
        assert 0 <= t["points"] <= t["max_points"]
    assert len(text.encode()) < 1000000
    hidden_failed = [t for t in data["tests"] if "(hidden)" in t["name"] and not t["points"]]
    assert hidden_failed  # 99.2 fails for BAD
    for t in hidden_failed:  # PrairieLearn shows everything: no hidden inputs or values
        assert t["output"] == "" and t["message"] == report.HIDDEN_FAILED


def test_junit_results(tmp_path):
    _, _, text = grade_fixture(BAD, tmp_path, fmt="junit")
    root = ET.fromstring(text)
    cases = root.findall(".//testcase")
    assert len(cases) == 4
    assert len(root.findall(".//failure")) == 2
    assert root.get("failures") == "2"


def test_plain_json_results(tmp_path):
    _, _, text = grade_fixture(BAD, tmp_path, fmt="json")
    data = json.loads(text)
    assert data["score"] == 3 and data["max_score"] == 6
    assert [s["passed"] for s in data["steps"]] == [True, True, False, False]


def test_output_fields_are_cut_to_gradescope_limit():
    check_fn = lambda s: None  # noqa: E731
    check_fn._check = {"task": "1.1", "points": 1, "visibility": "visible", "timeout": None}
    r = StepResult(Check(check_fn, "ex01"), False, "x" * 300000)
    data = report.gradescope([r], summary="y" * 300000)
    assert len(data["tests"][0]["output"]) <= 100000
    assert len(data["output"]) <= 100000
    assert "cut" in data["tests"][0]["output"]


# -- broken submissions ----------------------------------------------------------

def test_crash_at_import_costs_that_module_and_shows_student_traceback(tmp_path):
    sub = write_module(tmp_path / "sub", "import math\nx = 1 / 0\n")
    code, stdout, text = grade_fixture(sub, tmp_path)
    data = json.loads(text)
    assert_gradescope(data)
    assert data["score"] == 0 and code == 1
    assert "ZeroDivisionError" in stdout and "ex99_demo.py\", line 2" in stdout
    assert "grading/" not in stdout.split("What to fix")[1]  # no grader frames


def test_syntax_error_is_reported_with_line(tmp_path):
    sub = write_module(tmp_path / "sub", "def square(x)\n    return x\n")
    code, stdout, text = grade_fixture(sub, tmp_path)
    assert json.loads(text)["score"] == 0
    assert "does not compile" in stdout and "line 1" in stdout


def test_wrong_type_returned(tmp_path):
    source = open(os.path.join(GOOD, "ex99_demo.py")).read()
    source = source.replace("return x * x", "return str(x * x)")
    sub = write_module(tmp_path / "sub", source)
    _, stdout, text = grade_fixture(sub, tmp_path)
    assert json.loads(text)["score"] == 3
    assert "should be a number" in stdout


def test_missing_file(tmp_path):
    (tmp_path / "empty").mkdir()
    code, stdout, text = grade_fixture(tmp_path / "empty", tmp_path)
    assert json.loads(text)["score"] == 0 and "not found" in stdout


def test_forbidden_import_scores_module_zero(tmp_path):
    source = "import minigrad\n" + open(os.path.join(GOOD, "ex99_demo.py")).read()
    sub = write_module(tmp_path / "sub", source)
    _, stdout, text = grade_fixture(sub, tmp_path)
    assert json.loads(text)["score"] == 0
    assert "imports 'minigrad' (line 1), which this module does not allow" in stdout


# -- selection, listing, exit status ---------------------------------------------

def test_one_module_and_one_step(tmp_path):
    code, stdout, text = grade_fixture(BAD, tmp_path, extra=("ex99.3",))
    data = json.loads(text)
    assert [t["number"] for t in data["tests"]] == ["99.3"] and code == 1
    code, stdout, text = grade_fixture(BAD, tmp_path, extra=("ex99.1",))
    assert [t["number"] for t in json.loads(text)["tests"]] == ["99.1", "99.1"]
    assert code == 0
    code, stdout, text = grade_fixture(BAD, tmp_path, extra=("ex99",))
    assert len(json.loads(text)["tests"]) == 4


def test_visible_only_run_says_hidden_checks_run_on_submit():
    code, stdout, _ = run("--checks", CHECKS, "--submission", GOOD, "--visible-only")
    assert code == 0
    assert "All visible checks passed; hidden checks run when you submit." in stdout
    assert "all tests passed" not in stdout.lower()
    # a run of one module or one step speaks of that one, not of everything
    for selector, said in (("ex99", "All visible checks of ex99 passed;"),
                           ("ex99.1", "The visible checks of Exercise 99.1 passed;")):
        code, stdout, _ = run("--checks", CHECKS, "--submission", GOOD, "--visible-only",
                              selector)
        assert code == 0 and said in stdout, stdout
        assert "All visible checks passed" not in stdout


def test_list_and_verbose():
    code, stdout, _ = run("--checks", CHECKS, "--list")
    assert code == 0 and "Exercise 99.2" in stdout and "Total: 6 points" in stdout
    code, stdout, _ = run("--checks", CHECKS, "--submission", BAD, "-v")
    assert "Passed:" in stdout and "Exercise 99.1" in stdout.split("Passed:")[1]


def test_unknown_selector_is_a_usage_error():
    code, _, stderr = run("--checks", CHECKS, "ex42")
    assert code == 2 and "nothing matches" in stderr


def test_same_submission_same_score_every_run(tmp_path):
    scores = {json.loads(grade_fixture(BAD, tmp_path)[2])["score"] for _ in range(3)}
    assert scores == {3}


def test_whole_folder_upload_is_found(tmp_path):
    shutil.copytree(GOOD, tmp_path / "upload" / "exercises")
    _, _, text = grade_fixture(tmp_path / "upload", tmp_path)
    assert json.loads(text)["score"] == 6


# -- instructor commands ---------------------------------------------------------

def test_batch_three_submissions(tmp_path):
    folder = tmp_path / "subs"
    shutil.copytree(GOOD, folder / "alice")
    shutil.copytree(BAD, folder / "bob")
    write_module(folder / "carol", "raise SystemExit(0)\n")
    out = tmp_path / "grades.csv"
    code, stdout, stderr = run("batch", str(folder), "--csv", str(out), "--checks", CHECKS)
    assert code == 0, stderr
    rows = list(csv.reader(open(out)))
    assert rows[0][:3] == ["student", "score", "max_score"]
    got = {r[0]: r[1] for r in rows[1:]}
    assert got == {"alice": "6", "bob": "3", "carol": "0"}
    notes = {r[0]: r[-1] for r in rows[1:]}
    assert rows[0][-1] == "notes" and notes["alice"] == "" and notes["bob"] == ""
    assert "ex99" in notes["carol"] and "exit" in notes["carol"]


def test_selectors_accept_short_forms(tmp_path):
    for sel in ("ex99.3", "99.3", "ex99.3"):
        _, _, text = grade_fixture(BAD, tmp_path, extra=(sel,))
        assert [t["number"] for t in json.loads(text)["tests"]] == ["99.3"]


def test_missing_submission_folder_is_a_usage_error_but_results_are_written(tmp_path):
    out = tmp_path / "r.json"
    code, _, stderr = run("--checks", CHECKS, "--submission", str(tmp_path / "nope"),
                          "--results", str(out))
    assert code == 2 and "does not exist" in stderr
    assert json.loads(out.read_text())["score"] == 0


def test_results_folder_is_made_when_missing(tmp_path):
    """PrairieLearn does not create /grade/results: the grader makes the folder."""
    out = tmp_path / "grade" / "results" / "results.json"
    code, _, _ = run("--checks", CHECKS, "--submission", GOOD, "--results", str(out),
                     "--format", "prairielearn")
    assert code == 0 and json.loads(out.read_text())["gradable"] is True


def test_student_output_is_shown_for_a_failed_step(tmp_path):
    source = open(os.path.join(BAD, "ex99_demo.py")).read().replace(
        "return 1 - z", "print('DEBUG z =', z)\n    return 1 - z")
    sub = write_module(tmp_path / "sub", source)
    _, stdout, _ = grade_fixture(sub, tmp_path, extra=("ex99.3",))
    assert "your code printed:" in stdout and "DEBUG z = 0.3" in stdout


def test_first_run_shows_one_module_in_detail(tmp_path):
    code, stdout, _ = run()  # the real curriculum, untouched stubs
    assert code == 1 and "Total: 0/" in stdout
    assert "Exercise 1.1 is not implemented yet" in stdout
    assert "Exercise 2.1" not in stdout.split("What to fix")[1]
    assert "Also failing: ex02_hinge_loss" in stdout
    assert len(stdout.splitlines()) < 120


# -- regressions from the red-team review ------------------------------------------

def test_lone_surrogates_cannot_break_any_report(tmp_path):
    sub = write_module(tmp_path / "sub", 'def square(x):\n    raise ValueError("\\ud800 boom")\n')
    for fmt in ("gradescope", "prairielearn", "junit", "json", "text"):
        code, stdout, text = grade_fixture(sub, tmp_path, fmt=fmt)
        assert code == 1 and "boom" in stdout
        if fmt == "junit":
            ET.fromstring(text)
        elif fmt != "text":
            json.loads(text, parse_constant=lambda c: pytest.fail("bare " + c))


def test_a_huge_wrong_answer_is_not_kept_whole(tmp_path):
    source = open(os.path.join(BAD, "ex99_demo.py")).read().replace(
        "return [0.0 for _ in x]   # wrong", "return [[] for _ in range(100000)]")
    sub = write_module(tmp_path / "sub", source)
    _, stdout, text = grade_fixture(sub, tmp_path, fmt="json")
    assert "a list of 100000 items" in stdout
    assert len(text) < 20000


def test_a_symlinked_exercise_file_is_refused_unread(tmp_path):
    (tmp_path / "sub").mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("import the_secret_line\n")
    os.symlink(str(secret), str(tmp_path / "sub" / "ex99_demo.py"))
    _, stdout, text = grade_fixture(tmp_path / "sub", tmp_path)
    assert json.loads(text)["score"] == 0
    assert "symbolic link" in stdout and "the_secret_line" not in stdout


def test_nan_answers_give_strict_json(tmp_path):
    source = open(os.path.join(GOOD, "ex99_demo.py")).read().replace(
        "return x * x", "return float('nan')")
    sub = write_module(tmp_path / "sub", source)
    _, _, text = grade_fixture(sub, tmp_path, fmt="json")
    json.loads(text, parse_constant=lambda c: pytest.fail("bare " + c))


def test_modules_that_bypass_the_audit_hook_are_refused(tmp_path):
    from grading.sandbox import Session
    write_module(tmp_path / "sub", '''
def square(name):
    try:
        __import__(name)
    except Exception as exc:
        return str(exc)
    return "imported"


def tanh_prime(z):
    os, signal = __import__("os"), __import__("signal")
    return [hasattr(os, "pidfd_open"), hasattr(signal, "pidfd_send_signal")]
''')
    with Session(str(tmp_path / "sub"), "ex99_demo", ["math"]) as session:
        assert session.start() is None
        for name in ("readline", "sqlite3", "fcntl", "dbm"):
            assert "not allowed during grading" in session.call("square", [name]), name
        assert session.call("tanh_prime", [0.0]) == [False, False]


COUNTER_TAMPERING = {
    "closure": """    for cell in L.__closure__ or ():
        if type(cell.cell_contents) is list:
            cell.cell_contents[0] = len(theta) + 1
""",
    "globals": """    f = __import__("sys")._getframe(1)
    for name in ("_read_count", "_audit"):
        f.f_globals[name] = lambda *a: None
""",
    "locals": """    f = __import__("sys")._getframe(1)
    for value in list(f.f_locals.values()):
        if type(value) is list:
            value.append(len(theta) + 1)
    sys = __import__("sys")
    for event in ("minigrad.ex03.stop_count", "minigrad.ex03.read_count"):
        sys.audit(event, f.f_locals.get("token"), [])
""",
}


@pytest.mark.parametrize("tamper", sorted(COUNTER_TAMPERING))
def test_the_evaluation_counter_cannot_be_rewritten(tmp_path, tamper):
    """Step 3.3 counts evaluations of L with an audit hook, out of reach of
    the student's code: rewriting what it can see changes nothing."""
    shutil.copytree(os.path.join(ROOT, "solutions"), tmp_path / "sub")
    path = tmp_path / "sub" / "ex03_numeric_gradients.py"
    text = path.read_text()
    start = text.index("    # BEGIN SOLUTION Exercise 3.3")
    end = text.index("# END SOLUTION", start)
    path.write_text(text[:start] + '''    gradient = []
    for t in range(len(theta)):
        plus = list(theta)
        plus[t] = theta[t] + eps
        gradient.append((L(plus) - L(list(theta))) / eps)   # 2P evaluations
''' + COUNTER_TAMPERING[tamper] + '''    return [gradient, len(theta) + 1]
    ''' + text[end:])
    out = tmp_path / "r.json"
    code, stdout, _ = run("ex03.3", "--submission", str(tmp_path / "sub"), "--results", str(out))
    data = json.loads(out.read_text())
    assert code == 1 and data["score"] == 0, stdout


# -- regressions from the second red-team review -------------------------------------

def test_a_file_too_deep_for_the_parser_costs_only_its_module(tmp_path):
    sub = write_module(tmp_path / "sub", "_x = " + "-" * 10000 + "1\n")
    code, stdout, text = grade_fixture(sub, tmp_path)
    data = json.loads(text)
    assert data["score"] == 0 and len(data["tests"]) == 4
    assert "nested too deeply" in stdout


def test_an_oversized_exercise_file_is_refused_unread(tmp_path):
    sub = write_module(tmp_path / "sub", "_x = [" + "1," * 600000 + "]\n")
    code, stdout, text = grade_fixture(sub, tmp_path)
    assert json.loads(text)["score"] == 0 and "at most 1024 KB" in stdout


def test_a_byte_order_mark_is_fine(tmp_path):
    source = open(os.path.join(GOOD, "ex99_demo.py"), encoding="utf-8").read()
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "ex99_demo.py").write_bytes(b"\xef\xbb\xbf" + source.encode())
    _, _, text = grade_fixture(tmp_path / "sub", tmp_path)
    assert json.loads(text)["score"] == 6


def test_only_exercise_files_are_copied_into_the_sandbox(tmp_path):
    from grading.sandbox import Session
    sub = write_module(tmp_path / "sub", "def square(x):\n    return sorted("
                       "__import__('os').listdir('../student'))\n")
    (sub / "data.py").write_text("x = 1\n")
    (sub / "notes.txt").write_text("hello\n")
    (sub / "ex98_other.py").write_text("y = 2\n")
    with Session(str(sub), "ex99_demo", ["math"]) as session:
        assert session.start() is None
        assert session.call("square", [0]) == ["ex98_other.py", "ex99_demo.py"]


def test_magic_links_and_leaving_scratch_are_refused(tmp_path):
    from grading.check import StudentError
    from grading.sandbox import Session
    sub = write_module(tmp_path / "sub", '''
def square(what):
    os = __import__("os")
    if what == "proc":
        return os.open("/proc/self/cwd", os.O_RDONLY)
    os.chdir("/tmp")
''')
    with Session(str(sub), "ex99_demo", ["math"]) as session:
        assert session.start() is None
        for what in ("proc", "chdir"):
            with pytest.raises(StudentError) as err:
                session.call("square", [what])
            assert "not allowed during grading" in err.value.message, what


def test_ambiguous_mistakes_name_every_possibility():
    from grading.check import CheckFailed, expect_close
    with pytest.raises(CheckFailed) as err:
        expect_close(0.5, -0.5, what="b_new", hint="generic",
                     mistakes={"no t": (0.5, "left out t"), "sign": (0.5, "wrong sign"),
                               "other": (9.0, "unrelated")})
    assert "left out t" in err.value.hint and "wrong sign" in err.value.hint
    assert "unrelated" not in err.value.hint
    with pytest.raises(CheckFailed) as err:
        expect_close(2.0, -0.5, what="b_new", hint="generic", mistakes={"no t": (0.5, "x")})
    assert err.value.hint == "generic"


def test_signal_handlers_and_timers_are_removed_from_the_child(tmp_path):
    """A handler runs Python code in the middle of the audit hook: a race."""
    from grading.sandbox import Session
    write_module(tmp_path / "sub", """
def square(x):
    s = __import__("signal")
    return [hasattr(s, n) for n in ("signal", "setitimer", "alarm")]
""")
    with Session(str(tmp_path / "sub"), "ex99_demo", ["math"]) as session:
        assert session.start() is None
        assert session.call("square", [0]) == [False, False, False]


def test_control_characters_cannot_spoof_the_report(tmp_path):
    sub = write_module(tmp_path / "sub", 'def square(x):\n    raise ValueError('
                       '"\\x01\\x1b[2J\\x1b[HTotal: 345/345 points\\x07")\n')
    _, stdout, text = grade_fixture(sub, tmp_path, fmt="junit")
    ET.fromstring(text)
    assert "\x1b" not in stdout and "\x07" not in stdout
    assert "Total: 0/6 points" in stdout
