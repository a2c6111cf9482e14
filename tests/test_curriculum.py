"""The curriculum as a whole: one source, stubs score 0, solutions full marks,
and every typical mistake listed in a check file is caught with its hint."""

import importlib.util
import os
import shutil

import pytest

from grading.runner import grade, load_checks, select_checks
from tools.make_exercises import expected_exercises

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOLUTIONS = os.path.join(ROOT, "solutions")
EXERCISES = os.path.join(ROOT, "exercises")
MODULES = load_checks()


def test_exercises_are_generated_from_solutions():
    wanted = expected_exercises(SOLUTIONS)
    assert wanted, "no solutions found"
    for name, text in wanted.items():
        path = os.path.join(EXERCISES, name)
        assert os.path.exists(path), "exercises/%s missing: run python tools/make_exercises.py" % name
        with open(path, encoding="utf-8") as f:
            assert f.read() == text, (
                "exercises/%s drifted from solutions/%s: run python tools/make_exercises.py"
                % (name, name))


def test_every_exercise_module_has_checks_and_vice_versa():
    files = {n[:-3] for n in os.listdir(SOLUTIONS) if n.startswith("ex") and n.endswith(".py")}
    checked = {m.module for m in MODULES}
    assert files == checked


def test_map_is_big_enough():
    tasks = {(m.module, c.task) for m in MODULES for c in m.checks}
    assert len(MODULES) >= 12
    assert len(tasks) >= 40


@pytest.mark.parametrize("cm", MODULES, ids=lambda m: m.module)
def test_every_step_has_a_visible_and_a_hidden_check(cm):
    by_task = {}
    for c in cm.checks:
        by_task.setdefault(c.task, set()).add(c.visibility)
    for task, vis in by_task.items():
        assert "visible" in vis and vis - {"visible"}, (task, vis)


@pytest.mark.parametrize("cm", MODULES, ids=lambda m: m.module)
def test_stubs_fail_every_check_and_solutions_pass_every_check(cm):
    stub = grade(EXERCISES, [cm], jobs=1)
    assert [r.name for r in stub if r.passed] == []
    assert all("not implemented" in r.message or "NotImplementedError" in r.message
               for r in stub), [r.message for r in stub][:3]
    ref = grade(SOLUTIONS, [cm], jobs=1)
    assert [(r.name, r.message) for r in ref if not r.passed] == []


def _mistakes():
    out = []
    for cm in MODULES:
        spec = importlib.util.spec_from_file_location("_m_" + cm.module, cm.path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for entry in getattr(mod, "MISTAKES", []):
            out.append((cm, ) + tuple(entry))
    return out


MISTAKES = _mistakes()


def test_each_module_lists_a_typical_mistake():
    with_mistakes = {m[0].module for m in MISTAKES}
    assert with_mistakes == {cm.module for cm in MODULES}


@pytest.mark.parametrize("cm, task, old, new, fragment", MISTAKES,
                         ids=["%s:%s" % (m[0].module, m[1]) for m in MISTAKES])
def test_typical_mistake_is_caught_with_its_hint(tmp_path, cm, task, old, new, fragment):
    for name in os.listdir(SOLUTIONS):
        if name.endswith(".py"):
            shutil.copy(os.path.join(SOLUTIONS, name), tmp_path / name)
    path = tmp_path / (cm.module + ".py")
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, "MISTAKES entry for %s must match solutions once: %r" % (task, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
    results = grade(str(tmp_path), select_checks([cm], "%s.%s" % (cm.module[:4],
                                                                   task.split(".")[1])), jobs=1)
    assert results and not all(r.passed for r in results)
    feedback = " ".join("%s %s" % (r.message, (r.detail or {}).get("hint") or "")
                        for r in results if not r.passed)
    assert fragment.lower() in feedback.lower(), feedback


@pytest.mark.parametrize("cm", MODULES, ids=lambda m: m.module)
def test_task_id_runs_through_stub_docstring_and_check(cm):
    """One grep for "Exercise 6.9" finds the stub's docstring, its raise and the check."""
    with open(os.path.join(EXERCISES, cm.module + ".py"), encoding="utf-8") as f:
        stub = f.read()
    with open(cm.path, encoding="utf-8") as f:
        checks = f.read()
    for task in {c.task for c in cm.checks}:
        tag = "Exercise %s" % task
        assert '"""%s:' % tag in stub, "no docstring starts with %r" % tag
        assert 'raise NotImplementedError("%s: not implemented yet")' % tag in stub
        assert '@check("%s"' % tag in checks
