"""Hostile submissions: nothing gained, nothing lost, nothing left behind.

Each attack in ``tests/hostile/`` is graded for real, by the command line an
autograder runs (``python grader.py --submission DIR --results FILE``), with
the check module ``tests/hostile/check_ex90_target.py``. For every attack
and every layer of the sandbox on its own (``full``; ``guard_only``: the
audit hook without the change of user; ``uid_only``: the unprivileged user
without the hook, only when we are root) it asserts:

- the score is no more than the untouched stub's (0; the reference answer
  gets 4, so the checks can pass);
- the results file is valid Gradescope JSON, and stays as the grader wrote
  it (a second later, after anything left running would have written);
- no process is left: none whose command line holds the attack's marker or
  the run's private temp folder, none whose working folder is in it;
- nothing is left in the grader's temp folder (``TMPDIR``);
- no file changed: the instructor tree (reference solution, checks, a copy
  of ``grading/``, all ``go-rwx`` as setup.sh leaves them) and this
  repository's ``grading/``, ``tests/checks/``, ``solutions/``, ``grader.py``.

The (attack, mode) gradings start before the run's first test (``early``,
tests/lane.py) and run ``WORKERS`` at a time, the slowest first, each in
folders of its own with a marker of its own; a change to the shared trees
fails the check of every run it happened during, and names the runs graded
alongside.
"""

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from grading.sandbox import batch_uids
from tests import lane

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTILE = os.path.join(ROOT, "tests", "hostile")
VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
MAX_SCORE = 4
LIMITS = {"call_timeout": 1.0, "import_timeout": 1.5, "cpu_seconds": 5, "memory_mb": 256,
          "output_kb": 64}
MODES = {"full": {}, "guard_only": {"user": ""}, "uid_only": {"guard": False}}
# uid_only gradings run under a uid this module holds (sandbox.batch_uids), not the student
# account: with the audit hook off an attack can signal every process of its own uid
# (tamper's kill(-1)), and other tests grade correct work under that account meanwhile.
IS_ROOT = os.geteuid() == 0
# test_attack_gains_nothing's gradings run this many at a time: each mostly waits
# (timeouts, sleeps), so one after another they took ~50 s of wall time for ~20 s of CPU.
# At most 2 per CPU: a spinning child still gets half a CPU, and reaches its CPU-time
# limit well before the wall-clock backstop (3 x the limit).
WORKERS = 4
# the gradings that wait longest (backstops, a settle time, a crash dump), started first
# so that none of them is left to run alone at the end
SLOW_FIRST = ("exhaust", "exhaust_import", "lie", "crash", "exhaust_output", "exhaust_procs")
# the attacks that sleep until the wall-clock backstop and use no CPU meanwhile: they run
# beside the WORKERS, not in their place
SLEEPS = ("exhaust_import",)

ATTACKS = ["exit_sys", "exit_os", "exit_import", "crash", "lie", "pretend", "peek", "race", "memfd",
           "tamper", "revive", "deep", "deep_dirs", "exhaust", "exhaust_import", "exhaust_output",
           "exhaust_procs"]

# what the student is told, per attack (full mode): words that must appear
MESSAGES = {
    "exit_sys": ["sys.exit(0)", "KeyboardInterrupt", "Done"],
    "exit_os": ["ended the process", "SIGKILL", "SIGABRT"],
    "exit_import": ["sys.exit(0)", "imported"],
    "crash": ["SIGSEGV"],
    # an infinite loop is stopped by its CPU time (or, on a machine too busy
    # to give it 1 s of CPU in 3 s, by the wall-clock backstop), sleeping by
    # the backstop (sandbox.WALL_FACTOR = 3 times the limit)
    "exhaust": [("used more than 1 s of CPU time in square()",
                 "did not finish within 3 s in square()"),
                "s in cube() (sleeping", "out of memory"],
    "exhaust_import": ["did not finish within 4.5 s while ex90_target.py was imported"],
    "exhaust_output": ["printed (or wrote) more than"],
    "deep": ["nested more than"],
}


def _tree_hash(paths, skip_pycache=False):
    """{path: (mode, sha256)} for every file under ``paths``.

    ``skip_pycache``: for this repository, where other test runs may write
    bytecode at any time (the instructor copy, which nothing else touches,
    is hashed whole, __pycache__ included)."""
    out = {}
    for top in paths:
        if os.path.isfile(top):
            files = [top]
        else:
            files = sorted(os.path.join(d, f) for d, _, fs in os.walk(top) for f in fs
                           if not (skip_pycache and "__pycache__" in d))
        for path in files:
            try:
                st = os.lstat(path)
                with open(path, "rb") as f:
                    out[path] = (st.st_mode, hashlib.sha256(f.read()).hexdigest())
            except OSError as exc:
                out[path] = ("unreadable", str(exc))
    return out


def _changed(before, after, common_only=False):
    paths = set(before) & set(after) if common_only else set(before) | set(after)
    return sorted(p for p in paths if before.get(p) != after.get(p))


REPO_TREES = [os.path.join(ROOT, p) for p in ("grading", os.path.join("tests", "checks"),
                                              "solutions", "grader.py")]


@contextlib.contextmanager
def _world():
    """A temp area nobody can list: the instructor tree (0700, like setup.sh
    leaves /autograder/source) and per-run folders; "uid", the uid held for
    the uid_only gradings (see MODES)."""
    base = tempfile.mkdtemp(prefix="minigrad-hostile-", dir="/tmp")
    os.chmod(base, 0o711)
    secret = os.path.join(base, "instructor")
    os.makedirs(os.path.join(secret, "solutions"))
    os.makedirs(os.path.join(secret, "checks"))
    shutil.copyfile(os.path.join(HOSTILE, "solution.py"),
                    os.path.join(secret, "solutions", "ex90_target.py"))
    shutil.copyfile(os.path.join(HOSTILE, "check_ex90_target.py"),
                    os.path.join(secret, "checks", "test_ex90_target.py"))
    shutil.copytree(os.path.join(ROOT, "grading"), os.path.join(secret, "grading"),
                    ignore=shutil.ignore_patterns("__pycache__"))
    for d, dirs, files in os.walk(secret):
        for name in dirs + files:
            os.chmod(os.path.join(d, name), 0o700 if name in dirs else 0o600)
    os.chmod(secret, 0o700)
    # "in_flight": {run: the runs graded alongside it}, for grade_attack's messages
    try:
        with batch_uids(1) if IS_ROOT else contextlib.nullcontext([None]) as (uid,):
            yield {"base": base, "secret": secret, "runs": [0], "lock": threading.Lock(),
                   "in_flight": {}, "uid": uid}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _processes_left(markers, folder):
    """Pids (not ours) whose command line holds a marker or whose working
    folder is inside ``folder``."""
    left = []
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == os.getpid():
            continue
        try:
            with open("/proc/%s/cmdline" % name, "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        try:
            cwd = os.readlink("/proc/%s/cwd" % name)
        except OSError:
            cwd = ""
        if any(m in cmd for m in markers) or cwd.startswith(folder + os.sep):
            left.append((int(name), cmd))
    return left


def grade_attack(world, attack, mode="full", settle=0.0):
    """Grade ``tests/hostile/<attack>.py`` through grader.py. Returns
    (results dict, grader stdout, processes left).

    Safe to call from several threads at once (``early``): each
    run has its own folders and marker, so the processes left are this
    run's. The instructor tree and this repository are shared: a change
    found there is this run's or one graded alongside it, which the message
    names (a run that changes them fails its own check, whoever else does)."""
    with world["lock"]:
        world["runs"][0] += 1
        n = world["runs"][0]
        name = "run%d-%s-%s" % (n, attack, mode)
        alongside = set(world["in_flight"])
        for others in world["in_flight"].values():
            others.add(name)
        world["in_flight"][name] = alongside
    try:
        return _grade_attack(world, attack, mode, settle, n, name, alongside)
    finally:
        with world["lock"]:
            del world["in_flight"][name]


def _grade_attack(world, attack, mode, settle, n, name, alongside):
    run = os.path.join(world["base"], name)
    sub, tmp, out = (os.path.join(run, p) for p in ("submission", "tmp", "results"))
    for d in (run, sub, tmp, out):
        os.makedirs(d)
        os.chmod(d, 0o755)
    marker = "minigrad-hostile-marker-%d-%s" % (os.getpid(), n)
    results = os.path.join(out, "results.json")
    with open(os.path.join(HOSTILE, attack + ".py")) as f:
        text = f.read()
    with open(os.path.join(HOSTILE, "attempt.py")) as f:  # the attacks' shared helper
        text = text.replace("# @@ATTEMPT@@\n", f.read())
    for key, value in (("@@SECRET@@", world["secret"]), ("@@RESULTS@@", results),
                       ("@@REPO@@", ROOT), ("@@MARKER@@", marker)):
        text = text.replace(key, value)
    assert "@@" not in text, "a placeholder of %s.py was not filled in" % attack
    with open(os.path.join(sub, "ex90_target.py"), "w") as f:
        f.write(text)
    limits = dict(LIMITS, **MODES[mode])
    if mode == "uid_only":
        limits["user"] = world["uid"]
    env = dict(os.environ, TMPDIR=tmp, MINIGRAD_LIMITS=json.dumps(limits))
    before = (_tree_hash([world["secret"]]), _tree_hash(REPO_TREES, skip_pycache=True))
    proc = subprocess.run(
        [sys.executable, "-B", os.path.join(ROOT, "grader.py"), "--submission", sub,
         "--results", results, "--checks", os.path.join(world["secret"], "checks")],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    output = proc.stdout.decode("utf-8", "replace")
    with open(results, "rb") as f:
        written = f.read()
    if settle:
        time.sleep(settle)
    left = _processes_left([marker, run], run)
    with open(results, "rb") as f:
        assert f.read() == written, "the results file changed after the grader finished"
    after = (_tree_hash([world["secret"]]), _tree_hash(REPO_TREES, skip_pycache=True))
    with world["lock"]:
        during = "while %s ran%s" % (name, " (alongside %s)" % ", ".join(sorted(alongside))
                                     if alongside else "")
    assert after[0] == before[0], "the instructor tree changed %s: %s\n%s" % (
        during, _changed(before[0], after[0]), output)
    # files other work adds to this repository meanwhile are not ours to judge
    assert not _changed(before[1], after[1], common_only=True), \
        "this repository changed %s: %s\n%s" % (during, _changed(before[1], after[1], True),
                                                 output)
    data = json.loads(written.decode("utf-8"))
    _assert_gradescope(data)
    assert os.listdir(tmp) == [], "the grader left its temporary folders: %s" % os.listdir(tmp)
    return data, output, left


def _assert_gradescope(data):
    """Gradescope's results.json schema, as far as the grader uses it."""
    assert type(data) is dict
    assert isinstance(data["score"], (int, float))
    assert isinstance(data["tests"], list) and data["tests"]
    total = 0
    for t in data["tests"]:
        assert isinstance(t["name"], str) and t["name"]
        assert isinstance(t["score"], (int, float)) and isinstance(t["max_score"], (int, float))
        assert 0 <= t["score"] <= t["max_score"]
        assert t["visibility"] in VISIBILITIES
        assert isinstance(t.get("output", ""), str)
        total += t["score"]
    assert abs(total - data["score"]) < 1e-9
    assert sum(t["max_score"] for t in data["tests"]) == MAX_SCORE


def _all_text(data, output):
    return output + "\n".join(t.get("output", "") for t in data["tests"])


def test_reference_answer_scores_full_marks(world):
    """The yardstick: the checks can pass under the full sandbox."""
    data, output, left = grade_attack(world, "solution")
    assert data["score"] == MAX_SCORE, output
    assert left == []


def test_stub_scores_zero(world):
    data, output, left = grade_attack(world, "stub")
    assert data["score"] == 0, output
    assert "not implemented yet" in _all_text(data, output)
    assert left == []


def _wanted(items, test_name, *params):
    """The parameters of the ``test_name`` items among ``items``."""
    return [tuple(item.callspec.params[p] for p in params) for item in items
            if item.originalname == test_name]


def early(items, mktemp):
    """The world, and the futures of this module's slow gradings, started
    before the run's first test (tests/lane.py); each test waits for its
    own, and an assertion a grading fails is raised again by its test.

    "world": the temp area (``_world``) every test of this module grades in.
    "attack": {(attack, mode): grade_attack's (results, output, processes
    left)} for test_attack_gains_nothing, WORKERS at a time, slowest first;
    the attacks that only sleep (``SLEEPS``) all at once beside them.
    "batch": {(student, attack, mode): _batch's (scores, output)} for
    test_batch_student_cannot_harm_the_others, one after another (each grades
    two students at once), alongside the attacks: those run as another user
    than any batch student (sandbox.batch_uids), so neither can signal the
    other's processes."""
    attacks = [(a, m) for a, m in _wanted(items, "test_attack_gains_nothing", "attack", "mode")
               if m != "uid_only" or IS_ROOT]
    attacks.sort(key=lambda am: SLOW_FIRST.index(am[0]) if am[0] in SLOW_FIRST
                 else len(SLOW_FIRST))
    batches = _wanted(items, "test_batch_student_cannot_harm_the_others",
                      "student", "attack", "options", "mode") if IS_ROOT else []
    pool, sleeping = ThreadPoolExecutor(WORKERS), ThreadPoolExecutor(len(MODES))
    one_by_one = ThreadPoolExecutor(1)
    with _world() as world:
        def batch(student, attack, options, mode):
            students = {student: attack, "b_honest": "solution", "c_honest": "solution",
                        "d_honest": "solution"}
            return _batch(world, mktemp("batch"), students, mode, **options)
        try:
            yield {"world": world,
                   "batch": {(st, at, md): one_by_one.submit(batch, st, at, opts, md)
                             for st, at, opts, md in batches},
                   "attack": {(attack, mode): (sleeping if attack in SLEEPS else pool).submit(
                       grade_attack, world, attack, mode, settle=1.5 if attack == "lie" else 0.0)
                              for attack, mode in attacks}}
        finally:
            for executor in (pool, sleeping, one_by_one):
                executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="module")
def gradings():
    return lane.started(__name__)


@pytest.fixture(scope="module")
def world(gradings):
    return gradings["world"]


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("attack", ATTACKS)
def test_attack_gains_nothing(gradings, attack, mode):
    if mode == "uid_only" and not IS_ROOT:
        pytest.skip("the change of user needs root")
    data, output, left = gradings["attack"][(attack, mode)].result()
    assert data["score"] == 0, "%s (%s) scored %s:\n%s" % (attack, mode, data["score"], output)
    assert left == [], "processes left behind: %r" % (left,)
    if mode == "full":
        text = _all_text(data, output)
        for words in MESSAGES.get(attack, []):
            alternatives = words if isinstance(words, tuple) else (words,)
            assert any(w in text for w in alternatives), "%r not in the feedback:\n%s" % (
                words, text)


def test_infinity_is_not_close_to_everything(world):
    """float('inf') is plain data, so the child lets it through; the
    comparison in the grader must not call it close to a finite answer."""
    data, output, _ = grade_attack(world, "infinity")
    assert data["score"] == 0, output


def test_forbidden_actions_are_named(world):
    """A student is told what was refused, with the path, in plain words."""
    data, output, left = grade_attack(world, "peek_plain")
    assert data["score"] == 0, output
    text = _all_text(data, output)
    for words in ("your code tried to open %s/solutions/ex90_target.py, which is not "
                  "allowed during grading" % world["secret"],
                  "your code tried to import ctypes", "start another process (os.system)"):
        assert words in text, "%r not in the feedback:\n%s" % (words, text)


def test_loud_feedback_stays_small_and_marked(world):
    """Issue 12: student text is cut to a fixed size in every field, and no
    line of it can pass for one of the grader's own lines."""
    data, output, left = grade_attack(world, "loud")
    assert data["score"] == 0, output
    assert left == []
    assert len(json.dumps(data)) < 60000, "results.json holds %d characters" % len(
        json.dumps(data))
    for text in [output] + [t.get("output", "") for t in data["tests"]]:
        fakes = [ln for ln in text.splitlines() if ln.lstrip().startswith(("Total:", "ok "))]
        real = [ln for ln in fakes if ln.startswith("Total: 0/4")]
        assert fakes == real, "student lines pass for the grader's:\n%s" % "\n".join(fakes)


def _batch(world, tmp_path, students, mode, tmpfs_mb=None, jobs=2):
    """Grade ``students`` ({name: file in tests/hostile/}) with ``grader.py
    batch`` in ``mode``; TMPDIR is a ``tmpfs_mb`` MB tmpfs when given.
    Returns ({student: score}, grader output)."""
    folder, tmp, out = tmp_path / "subs", tmp_path / "tmp", tmp_path / "out"
    for d in (folder, tmp, out):
        d.mkdir()
        os.chmod(str(d), 0o755)
    for name, attack in students.items():
        (folder / name).mkdir()
        os.chmod(str(folder / name), 0o755)
        shutil.copyfile(os.path.join(HOSTILE, attack + ".py"),
                        str(folder / name / "ex90_target.py"))
    mounted = False
    if tmpfs_mb:
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dm,mode=0755" % tmpfs_mb,
                           "tmpfs", str(tmp)]).returncode != 0:
            pytest.skip("cannot mount a tmpfs")
        mounted = True
    try:
        env = dict(os.environ, TMPDIR=str(tmp),
                   MINIGRAD_LIMITS=json.dumps(dict(LIMITS, **MODES[mode])))
        csv_path = out / "grades.csv"
        proc = subprocess.run(
            [sys.executable, "-B", os.path.join(ROOT, "grader.py"), "batch", str(folder),
             "--csv", str(csv_path), "--jobs", str(jobs),
             "--checks", os.path.join(world["secret"], "checks")],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        output = proc.stdout.decode("utf-8", "replace")
        assert proc.returncode == 0, output
        import csv
        with open(str(csv_path), newline="") as f:
            rows = list(csv.DictReader(f))
        assert os.listdir(str(tmp)) == [], "left in TMPDIR: %s" % os.listdir(str(tmp))
        return {r["student"]: float(r["score"]) for r in rows}, output
    finally:
        if mounted:
            subprocess.run(["umount", str(tmp)])


@pytest.mark.skipif(not IS_ROOT, reason="batch uids and a tmpfs need root")
@pytest.mark.parametrize("mode", ["full", "uid_only"])
@pytest.mark.parametrize("student, attack, options", [
    ("a_signal", "signal_others", dict(jobs=4)),
    ("a_fill", "fill_disk", dict(tmpfs_mb=4)),
], ids=["signal_the_others", "fill_the_disk"])
def test_batch_student_cannot_harm_the_others(gradings, student, attack, options, mode):
    """Issue 12, in ``batch`` next to three honest students, who keep full marks.

    Finding 2 (``signal_others``): one student kills every pid around its own,
    for as long as it runs; with the guard off only the kernel stops it,
    because each student has a uid of their own.

    Finding 5 (``fill_disk``): one student writes file after file; TMPDIR is
    a 4 MB tmpfs. The child has no place to write, so the students graded
    after it still get their sandbox and full marks."""
    scores, output = gradings["batch"][(student, attack, mode)].result()
    assert scores == {student: 0, "b_honest": MAX_SCORE, "c_honest": MAX_SCORE,
                      "d_honest": MAX_SCORE}, output


@pytest.mark.skipif(not IS_ROOT, reason="mounting a tmpfs needs root")
def test_results_file_is_written_when_the_temporary_disk_is_full(world, tmp_path):
    """No room in TMPDIR at all: no sandbox can be set up, every step fails
    with a message for the instructor, and the results file (written in its
    own folder, not in TMPDIR) is still valid."""
    tmp, out, sub = tmp_path / "tmp", tmp_path / "out", tmp_path / "sub"
    for d in (tmp, out, sub):
        d.mkdir()
    shutil.copyfile(os.path.join(HOSTILE, "solution.py"), str(sub / "ex90_target.py"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(tmp)]).returncode:
        pytest.skip("cannot mount a tmpfs")
    try:
        fd = os.open(str(tmp / "full"), os.O_WRONLY | os.O_CREAT)
        try:
            for size in (65536, 4096, 1):
                try:
                    while True:
                        os.write(fd, b"x" * size)
                except OSError:
                    pass
            # one block left: Python's tempfile still picks TMPDIR (it tries
            # a small file), then the sandbox finds no room
            os.ftruncate(fd, os.fstat(fd).st_size - 4096)
        finally:
            os.close(fd)
        results = out / "results.json"
        proc = subprocess.run(
            [sys.executable, "-B", os.path.join(ROOT, "grader.py"), "--submission", str(sub),
             "--results", str(results), "--checks", os.path.join(world["secret"], "checks")],
            cwd=ROOT, env=dict(os.environ, TMPDIR=str(tmp)), stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, timeout=120)
        output = proc.stdout.decode("utf-8", "replace")
        data = json.loads(results.read_text())
        _assert_gradescope(data)
        assert data["score"] == 0
        assert "could not set up the sandbox" in _all_text(data, output), output
        assert os.listdir(str(tmp)) == ["full"]
    finally:
        subprocess.run(["umount", str(tmp)])


def _ex03_scores(tmp_path, source, tag):
    """{task: points} for ``source`` graded as ex03_numeric_gradients.py with the real checks."""
    sub = tmp_path / ("sub-" + tag)
    sub.mkdir()
    shutil.copyfile(source, str(sub / "ex03_numeric_gradients.py"))
    results = tmp_path / ("results-%s.json" % tag)
    proc = subprocess.run(
        [sys.executable, "-B", os.path.join(ROOT, "grader.py"), "ex03", "--submission", str(sub),
         "--results", str(results)], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, timeout=300)
    output = proc.stdout.decode("utf-8", "replace")
    scores = {}
    for t in json.loads(results.read_text())["tests"]:
        task = t["name"].split(":")[0].replace("Exercise ", "").strip()
        scores[task] = scores.get(task, 0) + t["score"]
    return scores, output


def test_forged_evaluation_counts_gain_nothing(tmp_path):
    """Issue 12 (finding 1): a submission that wraps the child's own send
    function to rewrite the evaluation count of 3.3 / 3.5, and reports the
    efficient count while it calls L more often. L is evaluated and counted
    in the grader's process now: it scores no more than the stub there."""
    forged, output = _ex03_scores(tmp_path, os.path.join(HOSTILE, "forge_count.py"), "forged")
    stub, _ = _ex03_scores(tmp_path, os.path.join(ROOT, "exercises",
                                                  "ex03_numeric_gradients.py"), "stub")
    for task in ("3.3", "3.5"):
        assert forged[task] <= stub[task], (task, forged, output)
    assert forged["3.1"] > 0 and forged["3.4"] > 0, output  # the honest parts count
    assert "the number of times your code called L is wrong" in output, output
    solution, output = _ex03_scores(tmp_path, os.path.join(ROOT, "solutions",
                                                           "ex03_numeric_gradients.py"),
                                    "solution")
    assert solution["3.3"] == 6 and solution["3.5"] == 6, output
