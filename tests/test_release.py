"""The student's copy (``python grader.py release DIR``) and the Gradescope zip
against the course repository: the course-staff commands (``tools/``) stay
in the course repository, and what the student's copy offers works there.

Oracles: the released files on disk, the released grader's exit status and
output, run as a student would run it.
"""

import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests import lane

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STAFF = ("release", "gradescope", "batch")
NOT_HERE = ("%s is a course-staff command; it is in the course repository, not in the "
            "student's copy")


def _run(args, cwd, timeout=300):
    return subprocess.run([sys.executable, "-I"] + list(args), cwd=str(cwd),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=timeout)


def _release(dest):
    proc = _run(["grader.py", "release", str(dest)], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dest


def _gradescope(base):
    proc = _run(["grader.py", "gradescope", str(base / "autograder.zip")], ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(str(base / "autograder.zip")) as zf:
        zf.extractall(str(base / "source"))
    return base / "source"


def _solution_lines():
    """Every substantial line of code inside a solution region."""
    lines = set()
    sol = os.path.join(ROOT, "solutions")
    for name in os.listdir(sol):
        if not name.endswith(".py"):
            continue
        inside = False
        for line in open(os.path.join(sol, name), encoding="utf-8"):
            if "# BEGIN SOLUTION" in line:
                inside = True
            elif "# END SOLUTION" in line:
                inside = False
            elif inside and len(line.strip()) >= 25 and not line.strip().startswith("#"):
                lines.add(line.strip())
    return lines


def _release_of_a_solved_copy(tmp_path):
    """``grader.py release`` run in a copy of this repository whose ex01 is
    solved in exercises/: (the process, the release's folder)."""
    repo = tmp_path / "repo"
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, stdout=subprocess.PIPE,
                           universal_newlines=True, check=True).stdout.split()
    for name in files:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(os.path.join(ROOT, name), repo / name)
    shutil.copy(repo / "solutions" / "ex01_perceptron.py", repo / "exercises")  # solved
    proc = subprocess.run([sys.executable, "-I", str(repo / "grader.py"), "release",
                           str(tmp_path / "out")], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=300)
    return proc, tmp_path / "out"


def test_release_has_no_solutions_no_hidden_checks_and_runs(released):
    dest = released
    assert not (dest / "solutions").exists()
    assert (dest / "exercises").is_dir() and (dest / "grader.py").is_file()
    released = ""  # the library minigrad/ is public by design (see README)
    for dirpath, _, files in os.walk(dest):
        if os.path.relpath(dirpath, dest).startswith("minigrad"):
            continue
        for n in files:
            if n.endswith((".py", ".md", ".toml")):
                released += open(os.path.join(dirpath, n), encoding="utf-8").read()
    for path in (dest / "tests" / "checks").glob("*.py"):
        text = path.read_text()
        assert 'visibility="hidden"' not in text, "hidden check left in %s" % path.name
        assert "MISTAKES" not in text, "MISTAKES left in %s" % path.name
    # the typical mistakes (tests/checks/mistakes/*.json) quote solution lines
    assert not (dest / "tests" / "checks" / "mistakes").exists()
    assert not list((dest / "tests").rglob("*.json")), "mistakes data in the release"
    leaked = [line for line in _solution_lines() if line in released]
    assert leaked == []
    proc = _run(["grader.py", "--no-color"], dest)
    assert proc.returncode == 1 and "Total: 0/" in proc.stdout
    readme = (dest / "README.md").read_text()
    assert "python grader.py" in readme and "Exercise 6.9" in readme
    assert "For instructors" not in readme and "PLACEHOLDER" not in readme
    assert (dest / "tests" / "checks" / "conftest.py").is_file()
    assert (dest / "tests" / "checks" / "common.py").is_file()  # the checks import it


def test_release_regenerates_stubs_even_from_a_solved_working_copy(runs):
    proc, out = runs["solved"].result()
    assert proc.returncode == 0, proc.stdout
    released = (out / "exercises" / "ex01_perceptron.py").read_text()
    assert 'raise NotImplementedError("Exercise 1.1: not implemented yet")' in released
    assert "# BEGIN SOLUTION" not in released
    assert not list(out.rglob("__pycache__"))  # (the other release's commands write some)


def test_gradescope_zip_layout(unzipped):
    path = unzipped.parent / "autograder.zip"
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        setup = zf.read("setup.sh").decode()
        run_ag = zf.read("run_autograder").decode()
        mode = zf.getinfo("run_autograder").external_attr >> 16
    assert {"setup.sh", "run_autograder", "grader.py"} <= names
    assert any(n.startswith("tests/checks/test_ex") for n in names)
    assert any(n.startswith("minigrad/") for n in names)
    assert not any(n.startswith("solutions/") for n in names)
    assert not any(n.startswith("tests/checks/mistakes") or n.endswith(".json") for n in names)
    assert mode & 0o111
    assert "AG=${MINIGRAD_AUTOGRADER_DIR:-/autograder}" in run_ag
    assert "$AG/submission" in run_ag and "$AG/results/results.json" in run_ag
    assert "minigrad-student" in setup and "go-rwx" in setup


@pytest.fixture(scope="module")
def runs():
    return lane.started(__name__)


@pytest.fixture(scope="module")
def released(runs):
    return runs["released"].result()


@pytest.fixture(scope="module")
def unzipped(runs):
    return runs["unzipped"].result()


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


def test_the_gradescope_zip_grades_everything_without_tools(unzipped, runs):
    """The zip holds the grader, the library and every check: the solutions
    get full marks from it, hidden checks included."""
    assert not (unzipped / "tools").exists()
    proc, out = runs["zip"].result()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(out.read_text())
    assert data["score"] == sum(t["max_score"] for t in data["tests"]) > 0
    assert {t["visibility"] for t in data["tests"]} > {"visible"}


# -- every command the student's copy advertises works there ------------------------

def _student_readme():
    sys.path.insert(0, ROOT)
    try:
        from tools.release import student_readme
    finally:
        sys.path.remove(ROOT)
    return student_readme()


def readme_commands(readme):
    """The shell commands a README shows: inline `python ...` / `grep ...`
    spans, and the lines of its plain fenced blocks (``$ `` prompts, or
    commands without one); comments dropped."""
    found = [" ".join(c.split()) for c in re.findall(r"`((?:python3?|grep) [^`]*)`", readme)]
    for lang, body in re.findall(r"^```(\w*)\n(.*?)^```", readme, re.S | re.M):
        if lang:
            continue
        lines = body.splitlines()
        prompted = [line[2:] for line in lines if line.startswith("$ ")]
        for line in prompted or lines:
            found.append(line.split("  #")[0].strip())
    return list(dict.fromkeys(c for c in found if c))


def readme_python_blocks(readme):
    return re.findall(r"^```python\n(.*?)^```", readme, re.S | re.M)


# What the brief of issue 11 lists, whatever the README says.
ALWAYS = ["python grader.py", "python grader.py ex06", "python grader.py ex06.9",
          "python grader.py --list", "python grader.py -v", "python grader.py hint 6.9",
          "python grader.py --help", "python -m pytest tests/checks",
          "python -m minigrad demo --help", "python -m minigrad graph --list"]
COMMANDS = list(dict.fromkeys(ALWAYS + readme_commands(_student_readme())))


def _expected(command):
    """(exit status, a text the output must contain) for ``command`` in a
    fresh release, where every exercise is an untouched stub."""
    words = command.split()
    if words[0] == "grep":
        return 0, "exercises/ex06_worked_network.py"
    if words[1:3] == ["-m", "pytest"]:  # the grader's wording, the student's own traceback
        return 1, ("Exercise 6.9: your code raised NotImplementedError in dL_dw35(): "
                   "Exercise 6.9: not implemented yet\n  |   File \"exercises/ex06_worked_network.py\"")
    if words[1:3] == ["-m", "doctest"]:
        return 1, "not implemented yet"
    if words[1] == "grader.py":
        rest = words[2:]
        if not rest or rest[0] in ("-v", "ex06", "ex06.9"):
            return 1, "Total: 0/"
        if rest[0] == "--list":
            return 0, "    Exercise 6.9 "
        if rest[0] == "--help":
            return 0, "usage: python grader.py"
        if rest[0] == "hint":
            return 0, "Exercise 6.9"
    if words[1:3] == ["-m", "minigrad"]:
        return 0, ""
    raise AssertionError("the student README shows %r: say here what it does" % command)


def test_the_student_readme_shows_the_commands_a_student_runs():
    commands = readme_commands(_student_readme())
    for command in ("python grader.py ex06", "python grader.py hint 6.9",
                    "python -m pytest tests/checks", "python -m minigrad graph --list",
                    'grep -rn "Exercise 6.9" .'):
        assert command in commands
    assert not [c for c in commands if "tools/" in c]  # the course's, not the student's


def _argv(command):
    argv = shlex.split(command)
    if argv[0] in ("python", "python3"):
        argv = [sys.executable] + argv[1:]
    return argv


def early(items, mktemp):
    """The module's slow runs, started before the run's first test
    (tests/lane.py), each test waiting for its own: "released", the student
    copy (``grader.py release``), "unzipped", the Gradescope zip unpacked,
    and "solved", (process, folder) of a solved copy's release, built two at
    a time; "commands", {command: its finished process}
    for the commands this run's test_every_command_of_the_release_works_there
    items name (all of them, or fewer under -k), two at a time (a grader
    run waits on its sandbox children half the time; the commands write
    nothing another one reads: the hint state, an SVG, pytest's cache);
    "zip", (process, results path) of the solutions graded by the
    Gradescope zip's grader, alongside them."""
    def selected(name):
        return [item for item in items if item.originalname == name]
    commands = [item.callspec.params["command"]
                for item in selected("test_every_command_of_the_release_works_there")]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    build, pool, zip_pool = ThreadPoolExecutor(2), ThreadPoolExecutor(2), ThreadPoolExecutor(1)
    released = build.submit(_release, mktemp("release") / "student")
    unzipped = build.submit(_gradescope, mktemp("gradescope"))
    solved = build.submit(_release_of_a_solved_copy, mktemp("solved"))

    def run(command):
        return subprocess.run(_argv(command), cwd=str(released.result()), env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, timeout=300)

    def grade_with_the_zip(out):
        return _run(["grader.py", "--submission", os.path.join(ROOT, "solutions"),
                     "--results", str(out), "--no-color"], unzipped.result()), out
    out = {"released": released, "unzipped": unzipped, "solved": solved,
           "commands": {command: pool.submit(run, command) for command in commands}}
    if selected("test_the_gradescope_zip_grades_everything_without_tools"):
        out["zip"] = zip_pool.submit(grade_with_the_zip, mktemp("zip-results") / "results.json")
    try:
        yield out
    finally:
        for executor in (pool, zip_pool, build):
            executor.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_of_the_release_works_there(command, released, runs):
    code, wanted = _expected(command)
    argv = _argv(command)
    if argv[1:3] == ["-m", "pytest"] and importlib.util.find_spec("pytest") is None:
        pytest.skip("pytest is not installed")
    proc = runs["commands"][command].result()
    assert proc.returncode == code, proc.stdout[-3000:]
    assert wanted in proc.stdout, proc.stdout[-3000:]
    for broken in ("No module named", "No such file", "can't open file",
                   "File \"%s" % (released / "grading"), "File \"%s" % (released / "minigrad")):
        assert broken not in proc.stdout, proc.stdout[-3000:]
    if argv[1:3] == ["-m", "pytest"]:  # every check ran and failed on a stub: no errors
        assert " error" not in proc.stdout.splitlines()[-1], proc.stdout[-3000:]


@pytest.mark.parametrize("index", range(len(readme_python_blocks(_student_readme()))))
def test_every_python_example_of_the_release_runs_there(index, released):
    code = readme_python_blocks(_student_readme())[index]
    code += "\nimport minigrad\nprint('minigrad from', minigrad.__file__)\n"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    proc = subprocess.run([sys.executable, "-c", code], cwd=str(released), env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=120)
    assert proc.returncode == 0, code + "\n" + proc.stdout
    assert "minigrad from %s" % (released / "minigrad") in proc.stdout  # the release's own


def test_the_student_readme_shows_what_the_release_prints(released, tmp_path):
    """The student README's sample run (ex06 solved, with the slide's a5 in
    dL/dw35) is what the student's copy prints for that work, line for line:
    a student's copy counts visible checks only."""
    readme = (released / "README.md").read_text()
    block = readme[readme.index("$ python grader.py ex06 "):]
    block = block[:block.index("```")].splitlines()[1:]
    copy = tmp_path / "student"
    shutil.copytree(str(released), str(copy))
    solved = open(os.path.join(ROOT, "solutions", "ex06_worked_network.py")).read()
    wrong = solved.replace('return cache["a3"] * tanh_prime(cache["z5"])',
                           'return cache["a5"] * tanh_prime(cache["z5"])')
    assert wrong != solved
    (copy / "exercises" / "ex06_worked_network.py").write_text(wrong)
    proc = _run(["grader.py", "ex06", "--no-color"], copy)
    assert proc.returncode == 1
    printed = proc.stdout.splitlines()
    at = printed.index(block[0])
    assert printed[at:at + len(block)] == block, proc.stdout


def test_every_file_the_student_readme_names_is_in_the_release(released):
    readme = (released / "README.md").read_text()
    named = re.findall(r"`([\w.-]+/[\w./-]*)`", readme) + re.findall(
        r"!\[[^\]]*\]\(([^)\s]+)\)", readme)
    assert "docs/worked_network.svg" in named and "minigrad/engine.py" in named
    missing = [p for p in named if not (released / p).exists()]
    assert missing == []


def test_pytest_over_the_checks_marks_the_students_text():
    """Red team 6: what a student's exception says reaches pytest's report
    of a check without terminal escapes, and each of its lines after the
    first marked ``  | ``, as in the grader's report: it cannot print a line
    that passes for pytest's own ("===== 1 passed =====")."""
    import sys as _sys
    import types
    from grading.check import StudentError
    from tests.checks.conftest import _repr_failure
    try:
        raise StudentError("exception", "your code raised ValueError in f(): boom\n"
                           "\x1b[32m===== 1 passed in 0.01s =====\x1b[0m\nPASSED")
    except StudentError:
        excinfo = pytest.ExceptionInfo.from_exc_info(_sys.exc_info())
    item = types.SimpleNamespace(function=types.SimpleNamespace(_check={"task": "6.9"}),
                                 path="nowhere.py")
    text = _repr_failure(item, None, excinfo)
    assert "\x1b" not in text
    assert text.splitlines() == ["Exercise 6.9: your code raised ValueError in f(): boom",
                                 "  | ===== 1 passed in 0.01s =====", "  | PASSED"]
