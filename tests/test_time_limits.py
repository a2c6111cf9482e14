"""Time limits: code that spins, sleeps or stops reading is stopped, costs
only its own step (or module), and a busy machine fails no correct work.

The grader counts a call's CPU time (read from /proc), with a wall-clock
backstop of ``WALL_FACTOR`` (3) times the limit for code that sleeps or
waits. These tests mostly wait for those limits, so their scenarios run at
once: each test's scenario (the function above it, which does what the
test did on its own, assertions included) is started by ``early`` before
the run's first test (tests/lane.py), and the test waits for its own; an assertion
its scenario fails is raised again by the test. Scenarios that keep a CPU
busy (``SPINS``) run two at a time, so that even on a loaded 2-core machine
1 s of CPU time takes well under its 3 s backstop; the others sleep, and
all run together.
"""

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from grading.check import StudentError
from grading.sandbox import Session, session_members
from tests import lane
from tests.helpers import FAST, GOOD, ROOT, grade_fixture, refused, session, write_module

SPINS = 2  # scenarios that keep a CPU busy, at most this many at a time

PROBE = '''
def square(x):
    return x * x


def spin():
    while True:
        pass


def hoard():
    keep = []
    while True:
        keep.append(bytearray(16 * 1024 * 1024))


def shout():
    while True:
        print("x" * 4096)
'''


def probe(tmp_path):
    """A submission folder holding PROBE, readable by the student user."""
    os.chmod(str(tmp_path), 0o755)
    (tmp_path / "probe.py").write_text(PROBE)
    return str(tmp_path)


# -- code that spins: its CPU time is what counts ------------------------------------
# (the longest first: SPINS at a time, in this order)

def step_budget_bounds_a_check_that_calls_many_times(tmp_path):
    from grading.sandbox import Student
    write_module(tmp_path / "sub", "import time\n\ndef slow(x):\n"
                 "    t = time.process_time()\n"
                 "    while time.process_time() - t < 0.4:\n        pass\n"
                 "    return x\n\ndef sleepy(x):\n    time.sleep(0.4)\n    return x\n")
    with Session(str(tmp_path / "sub"), "ex99_demo", ["time"]) as session:
        assert session.start() is None
        student = Student(session, timeout=5.0, budget=1.0)  # 1 s of CPU time
        assert student.call("slow", 1.0) == 1.0
        assert student.call("slow", 2.0) == 2.0
        with pytest.raises(StudentError) as err:
            for _ in range(3):
                student.call("slow", 3.0)
        assert err.value.kind == "timeout" and "1 s" in err.value.message
        # sleeping costs no CPU time: the wall-clock backstop (3 x 1 s) ends it
        assert session.start() is None
        student = Student(session, timeout=5.0, budget=1.0)
        with pytest.raises(StudentError) as err:
            for _ in range(20):
                student.call("sleepy", 1.0)
        assert err.value.kind == "timeout" and "1 s" in err.value.message


def test_step_budget_bounds_a_check_that_calls_many_times(started, request):
    started[request.node.name].result()


def infinite_loop_costs_that_step_only(tmp_path):
    source = open(os.path.join(GOOD, "ex99_demo.py")).read()
    source = source.replace("return 1.0 - math.tanh(z) ** 2", "while True:\n        pass")
    sub = write_module(tmp_path / "sub", source)
    code, stdout, text = grade_fixture(sub, tmp_path)
    data = json.loads(text)
    assert data["score"] == 5
    # stopped by its CPU time or, on a machine too busy to give it 1 s of CPU in 3 s, by
    # the wall-clock backstop (limits_cpu_memory_output and the step budget test check
    # the CPU-time limit with wall time to spare)
    assert ("used more than 1 s of CPU time in tanh_prime()" in stdout
            or "did not finish within 3 s in tanh_prime()" in stdout), stdout


def test_infinite_loop_costs_that_step_only(started, request):
    started[request.node.name].result()


def limits_cpu_memory_output(tmp_path):
    s = session(probe(tmp_path), call_timeout=10.0, cpu_seconds=1)
    try:
        err = refused(s, "spin")
        assert err.kind == "timeout" and "CPU time" in err.message
        err = refused(s, "hoard")
        assert err.kind == "memory" and "ran out of memory" in err.message
        err = refused(s, "shout")
        assert err.kind == "output"
        assert s.call("square", (3.0,)) == 9.0  # a fresh child after each failure
    finally:
        s.close()


def test_limits_cpu_memory_output(started, request):
    started[request.node.name].result()


def wall_timeout_kills_the_whole_group(tmp_path):
    s = session(probe(tmp_path), call_timeout=0.5, cpu_seconds=30)
    try:
        pid = s.proc.pid
        err = refused(s, "spin")
        assert err.kind == "timeout" and "within 0 s" not in err.message
        assert session_members(pid) == []
    finally:
        s.close()


def test_wall_timeout_kills_the_whole_group(started, request):
    started[request.node.name].result()


# -- code that sleeps or waits: the wall-clock backstop -------------------------------

def code_that_sleeps_is_stopped_by_the_wall_clock_backstop(tmp_path):
    source = open(os.path.join(GOOD, "ex99_demo.py")).read()
    source = source.replace("return 1.0 - math.tanh(z) ** 2",
                            "__import__('time').sleep(30)")
    sub = write_module(tmp_path / "sub", source)
    code, stdout, text = grade_fixture(sub, tmp_path)
    assert json.loads(text)["score"] == 5
    assert "did not finish within 3 s" in stdout  # 1 s of CPU x WALL_FACTOR 3


def test_code_that_sleeps_is_stopped_by_the_wall_clock_backstop(started, request):
    started[request.node.name].result()


def a_stalled_machine_does_not_fail_correct_work(tmp_path):
    from grading.sandbox import Student
    write_module(tmp_path / "sub", "import time\n\ndef stalled(x):\n    time.sleep(1.5)\n"
                 "    return x\n")
    with Session(str(tmp_path / "sub"), "ex99_demo", ["time"]) as session:
        assert session.start() is None
        assert Student(session, timeout=1.0, budget=2.0).call("stalled", 4.0) == 4.0


def test_a_stalled_machine_does_not_fail_correct_work(started, request):
    """Limits count CPU time: a call that waits 1.5 s of wall time on a busy
    host (simulated by sleeping) while using no CPU passes a 1 s limit."""
    started[request.node.name].result()


def code_that_sleeps_everywhere_costs_the_module_its_wall_budget_and_no_more(tmp_path):
    from grading import runner
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "test_ex90_target.py").write_text(
        open(os.path.join(ROOT, "tests", "hostile", "check_ex90_target.py")).read())
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "ex90_target.py").write_text(
        "time = __import__('time')\ntime.sleep(2.5)\n\n\ndef square(x):\n"
        "    time.sleep(100)\n\n\ncube = total = square\n")
    [cm] = runner.load_checks(str(checks))
    started = time.monotonic()
    results = runner.grade_module(str(sub), cm, {"call_timeout": 1.0, "import_timeout": 1.0},
                                  module_wall=4.0)
    took = time.monotonic() - started
    assert not any(r.passed for r in results)
    assert took < 4.0 + 1.5, (took, [r.message for r in results])


def test_code_that_sleeps_everywhere_costs_the_module_its_wall_budget_and_no_more(
        started, request):
    """Red team 5: a module that sleeps at import (just under the import's
    wall-clock backstop) and in every call. The import counts against the
    module's wall budget, and each restart after a failed call stays within
    the call's time: the whole module takes MODULE_WALL, not the import plus
    MODULE_WALL plus a restart's import past it."""
    started[request.node.name].result()


SLEEPY = """
time = __import__("time")
time.sleep(1.5)


def nap():
    time.sleep(1000)


def square(x):
    return x * x
"""


def a_restart_stays_within_the_calls_wall_time(tmp_path, layer):
    os.chmod(str(tmp_path), 0o755)
    (tmp_path / "sleepy.py").write_text(SLEEPY)
    s = Session(str(tmp_path), "sleepy", ["math"], dict(FAST, call_timeout=2.0,
                                                         import_timeout=3.0, **layer))
    try:
        assert s.start() is None
        with pytest.raises(StudentError):
            s.call("nap", timeout=2.0, wall=0.5)
        started = time.monotonic()
        with pytest.raises(StudentError) as info:
            s.call("square", (3.0,), timeout=2.0, wall=0.5)
        assert time.monotonic() - started < 1.3, info.value.message
        assert info.value.kind in ("import", "timeout")
        assert s.call("square", (3.0,), timeout=2.0, wall=4.0) == 9.0  # time enough
    finally:
        s.close()


@pytest.mark.parametrize("layer", [{}, {"user": ""}])
def test_a_restart_stays_within_the_calls_wall_time(started, request, layer):
    """Red team 5: after a failed call the next call starts the child again
    and imports the module; that import waited up to 3 x its CPU limit
    whatever the call's wall time, so a module that sleeps at import and in
    every call made each step (and the module) run past its wall budget."""
    started[request.node.name].result()


FORGE_AND_STOP_READING = '''
def square(x):
    sys, os, json, time = (__import__(n) for n in ("sys", "os", "json", "time"))
    f = sys._getframe()
    while "config" not in f.f_locals or "rid" not in f.f_locals:  # the child's frame
        f = f.f_back
    rec = {"nonce": f.f_locals["config"].nonce, "id": f.f_locals["rid"], "ok": True, "value": 1.0}
    os.write(f.f_globals["RESP_FD"], (json.dumps(rec) + "\\n").encode())
    while True:
        time.sleep(1000)
'''


def a_child_that_stops_reading_cannot_block_the_grader(tmp_path):
    write_module(tmp_path / "sub", FORGE_AND_STOP_READING)
    with Session(str(tmp_path / "sub"), "ex99_demo", ["math"],
                 {"call_timeout": 2.0}) as session:
        assert session.start() is None
        assert session.call("square", [1.0]) == 1.0  # its own forged answer
        with pytest.raises(StudentError) as err:  # 800 KB: more than a pipe holds
            session.call("square", [[0.5] * 100000])
        assert err.value.kind in ("timeout", "exit", "crash")


def test_a_child_that_stops_reading_cannot_block_the_grader(started, request):
    """Red team 1: a child that forges an answer, then stops reading."""
    started[request.node.name].result()


# -- running the scenarios at once ----------------------------------------------------

SCENARIOS = {  # test: (its scenario, whether it keeps a CPU busy)
    "test_step_budget_bounds_a_check_that_calls_many_times":
        (step_budget_bounds_a_check_that_calls_many_times, True),
    "test_infinite_loop_costs_that_step_only": (infinite_loop_costs_that_step_only, True),
    "test_limits_cpu_memory_output": (limits_cpu_memory_output, True),
    "test_wall_timeout_kills_the_whole_group": (wall_timeout_kills_the_whole_group, True),
    "test_code_that_sleeps_is_stopped_by_the_wall_clock_backstop":
        (code_that_sleeps_is_stopped_by_the_wall_clock_backstop, False),
    "test_a_stalled_machine_does_not_fail_correct_work":
        (a_stalled_machine_does_not_fail_correct_work, False),
    "test_code_that_sleeps_everywhere_costs_the_module_its_wall_budget_and_no_more":
        (code_that_sleeps_everywhere_costs_the_module_its_wall_budget_and_no_more, False),
    "test_a_restart_stays_within_the_calls_wall_time":
        (a_restart_stays_within_the_calls_wall_time, False),
    "test_a_child_that_stops_reading_cannot_block_the_grader":
        (a_child_that_stops_reading_cannot_block_the_grader, False),
}


def early(items, mktemp):
    """{test name: the future of its scenario} for the tests of this file
    this run collected (all of them, or fewer under -k), each started once
    in a temporary folder of its own: those that keep a CPU busy SPINS at a
    time, in file order, the others all at once. A scenario takes only its
    own arguments (no process-global state is changed), so they cannot
    disturb each other. Started before the run's first test
    (tests/lane.py)."""
    spinning = ThreadPoolExecutor(SPINS)
    waiting = ThreadPoolExecutor(max(1, len(items)))
    try:
        futures = {}
        for item in items:
            scenario, spins = SCENARIOS[item.originalname]
            params = item.callspec.params if hasattr(item, "callspec") else {}
            futures[item.name] = (spinning if spins else waiting).submit(
                scenario, mktemp(item.originalname[len("test_"):][:30]), **params)
        yield futures
    finally:
        for pool in (spinning, waiting):
            pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="module")
def started():
    return lane.started(__name__)
