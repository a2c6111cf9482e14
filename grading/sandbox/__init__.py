"""The sandbox: student code runs in a child process, never in the grader's.

The parts, one home each:

* ``session.py`` (the grader's side): ``Session`` builds a sandbox folder,
  starts the child, sends requests and reads answers; limits, users and
  clean-up.
* ``student.py`` (the grader's side): ``Student``, the proxy a check calls.
* ``messages.py`` (the grader's side): the words a student reads, built
  from the child's structured error records.
* ``child.py`` (the child): configures, confines itself, imports the
  student's module and answers requests.
* ``guard.py`` (the child): the audit hook.
* ``wire.py`` (both): the record schema, the error kinds, the refusal
  marker, the one walker over plain data and the size limits.

``child.py``, ``guard.py`` and ``wire.py`` are copied into each sandbox
folder and run there with ``python -I -S``; nothing there imports the rest
of the grader (nor ``subprocess``). Importing this package installs no
audit hook: only the child does (``guard.install``).
"""

from grading.sandbox.session import (  # noqa: F401 -- the sandbox's API
    DEFAULT_LIMITS, MAX_FILE_BYTES, MAX_FILES, WALL_FACTOR, Session, as_utf8, batch_uids,
    env_limits, kill_session, remove_tree, session_members, student_user)
from grading.sandbox.student import Student  # noqa: F401
