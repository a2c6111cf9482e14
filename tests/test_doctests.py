"""The worked examples in docstrings are right: every doctest in the library
and in the reference solutions runs (the exercise stubs carry the same
examples, so a student can trust them)."""

import doctest
import importlib
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIBRARY = sorted("minigrad." + n[:-3] for n in os.listdir(os.path.join(ROOT, "minigrad"))
                 if n.endswith(".py") and n not in ("__main__.py",)) + ["grading.check"]
SOLUTIONS = sorted(n[:-3] for n in os.listdir(os.path.join(ROOT, "solutions"))
                   if n.startswith("ex") and n.endswith(".py"))


def _run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    return result.attempted


@pytest.mark.parametrize("name", LIBRARY)
def test_library_docstring_examples(name):
    _run(importlib.import_module(name))


@pytest.mark.parametrize("name", SOLUTIONS)
def test_solution_docstring_examples(name, monkeypatch):
    monkeypatch.syspath_prepend(os.path.join(ROOT, "solutions"))
    for sibling in SOLUTIONS:  # fresh imports from solutions/, not a cached copy
        monkeypatch.delitem(sys.modules, sibling, raising=False)
    _run(importlib.import_module(name))
