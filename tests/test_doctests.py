"""The worked examples in docstrings are right: every doctest in the library
and in the reference solutions runs (the exercise stubs carry the same
examples, so a student can trust them). Each module has at least one example,
or is listed in NO_EXAMPLES with the reason it has none."""

import doctest
import importlib
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LIBRARY = sorted("minigrad." + n[:-3] if n != "__init__.py" else "minigrad"
                 for n in os.listdir(os.path.join(ROOT, "minigrad"))
                 if n.endswith(".py") and n not in ("__main__.py",)) + ["grading.check"]
SOLUTIONS = sorted(n[:-3] for n in os.listdir(os.path.join(ROOT, "solutions"))
                   if n.startswith("ex") and n.endswith(".py"))


# Modules with no docstring example, each with the reason. Every other module
# must have at least one: a module whose examples were lost (or never ran)
# fails here instead of passing with nothing tested.
NO_EXAMPLES = {
    "minigrad": "the package only re-exports Value, Tape and draw; the examples are "
                "in minigrad.engine, minigrad.tape and minigrad.drawing",
    "minigrad.cli": "the command line is tested by running it (tests/test_cli.py); its "
                    "training helpers and their example are in minigrad.train",
}


def _run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    return result.attempted


@pytest.mark.parametrize("name", LIBRARY)
def test_library_docstring_examples(name):
    ran = _run(importlib.import_module(name))
    if name in NO_EXAMPLES:
        assert ran == 0, "%s has examples now: take it off NO_EXAMPLES" % name
        pytest.skip("no examples: " + NO_EXAMPLES[name])
    assert ran >= 1, "%s has no docstring example (or list it in NO_EXAMPLES with a reason)" % name


def test_the_list_of_modules_without_examples_names_real_modules():
    assert set(NO_EXAMPLES) <= set(LIBRARY)


@pytest.mark.parametrize("name", SOLUTIONS)
def test_solution_docstring_examples(name, monkeypatch):
    monkeypatch.syspath_prepend(os.path.join(ROOT, "solutions"))
    for sibling in SOLUTIONS:  # fresh imports from solutions/, not a cached copy
        monkeypatch.delitem(sys.modules, sibling, raising=False)
    assert _run(importlib.import_module(name)) >= 1, "%s has no docstring example" % name
