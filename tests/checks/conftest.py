"""Run the grading checks under pytest, against the reference solutions.

Each check file names its exercise module (``MODULE``); the ``student``
fixture is that module from ``solutions/``, running in the same sandbox the
grader uses. So ``python -m pytest tests/checks`` proves every check passes
on the solutions. (That every check fails on the stubs, and that typical
mistakes get their hints, is tested in ``tests/test_curriculum.py``.)
"""

import os

import pytest

from grading.sandbox import Session, Student

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
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
