"""Run the grading checks under pytest, against the reference solutions.

Each check file names its exercise module (``MODULE``); the ``student``
fixture is that module from ``solutions/``, running in the same sandbox the
grader uses. So ``python -m pytest tests/checks`` proves every check passes
on the solutions. (That every check fails on the stubs, and that typical
mistakes get their hints, is tested in ``tests/test_curriculum.py``.)
"""

import functools
import os

import pytest

from grading.check import StudentError
from grading.report import STUDENT_MARK, printable
from grading.sandbox import Session, Student

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SOLUTIONS = os.path.join(ROOT, "solutions")
# In the student repository (python grader.py release) there are no solutions:
# there the same checks grade the student's own exercises.
SUBMISSION = SOLUTIONS if os.path.isdir(SOLUTIONS) else os.path.join(ROOT, "exercises")


@pytest.fixture(scope="module")
def _session(request):
    mod = request.module
    session = Session(SUBMISSION, mod.MODULE, getattr(mod, "ALLOWED_IMPORTS", []))
    err = session.start()
    if err is not None:
        session.close()
        pytest.fail("%s/%s.py did not import: %s\n%s" % (os.path.basename(SUBMISSION),
                                                          mod.MODULE, err.message, err.detail))
    yield session
    session.close()


@pytest.fixture
def student(_session, request):
    timeout = getattr(request.function, "_check", {}).get("timeout")
    return Student(_session, timeout=timeout)


def _path(item):
    return str(getattr(item, "path", None) or item.fspath)  # pytest < 7: fspath only


def pytest_collection_modifyitems(items):
    for item in items:
        if os.path.dirname(_path(item)) == HERE:
            item.repr_failure = functools.partial(_repr_failure, item, item.repr_failure)


def _repr_failure(item, default, excinfo, *args, **kwargs):
    """A check that fails because the student's code gave no answer (it
    raised, hung, is a stub: ``StudentError``) is reported as the grader
    reports it: the line of the check that called, the task id, and the
    message with the student's own traceback. The grader's plumbing between
    the two (the sandbox's frames) is left out: it says nothing about the
    exercise, and showing its source took most of a run over the stubs.
    As in the grader's report, the student's text loses terminal escapes and
    every line of it after the first is marked ``  | ``: nothing it prints
    can pass for one of pytest's own lines (red team 6)."""
    if not excinfo.errisinstance(StudentError):
        return default(excinfo, *args, **kwargs)
    task = getattr(item.function, "_check", {}).get("task")
    here = [e for e in excinfo.traceback if str(e.path) == _path(item)]
    where = "%s:%d: " % (os.path.relpath(str(here[-1].path)), here[-1].lineno + 1) if here else ""
    lines = printable("%sExercise %s: %s" % (where, task, excinfo.value)).splitlines() or [""]
    return "\n".join(lines[:1] + [STUDENT_MARK + line for line in lines[1:]])
