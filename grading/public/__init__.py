"""Public helpers that checks hand to student code, by name.

This package is copied into the student's sandbox, so it is public on
purpose: it holds test functions (the ``f`` a numeric-gradient step
differentiates) and drivers (small scripts that exercise a student's class
and return plain data). It never holds an oracle or an expected value; the
checks compute those in the grader's own process.

Each ``exNN_*.py`` file here defines ``FUNCTIONS`` and/or ``DRIVERS`` dicts;
this module merges them. A check refers to them as ``Fn("name")`` and
``student.drive("name", ...)``.
"""

import importlib
import os

FUNCTIONS = {}
DRIVERS = {}

_here = os.path.dirname(os.path.abspath(__file__))
for _name in sorted(os.listdir(_here)):
    if _name.endswith(".py") and _name != "__init__.py":
        _mod = importlib.import_module(__name__ + "." + _name[:-3])
        FUNCTIONS.update(getattr(_mod, "FUNCTIONS", {}))
        DRIVERS.update(getattr(_mod, "DRIVERS", {}))
