"""The curriculum as a whole: one source, stubs score 0, solutions full marks,
and every typical mistake listed in a check file is caught with its hint."""

import ast
import doctest
import importlib.util
import os
import re
from concurrent.futures import ThreadPoolExecutor

import pytest

from grading.runner import grade, load_checks, task_key
from tests import lane
from tools.make_exercises import expected_exercises
from tools.mistake_coverage import (TARGET, caught, feedback, grade_mistakes, mistakes,
                                    mistakes_path)

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


def _selected(items, test_name):
    """The check modules of the ``test_name[module]`` items among ``items``
    (all of them, or fewer under -k): ``early`` grades only those."""
    chosen = {item.callspec.params["cm"].module for item in items
              if item.originalname == test_name}
    return [cm for cm in MODULES if cm.module in chosen]


def early(items, mktemp):
    """This module's gradings, started before the run's first test
    (tests/lane.py), one after the other:

    "graded": {module: (stub results, solution results)}: exercises/ and
    solutions/ each graded once, every module in its own sandbox child,
    modules in parallel (as the grader does);
    "mistakes": {module: [Outcome]}: the typical mistakes of the selected
    modules (tools/mistake_coverage.py ``grade_mistakes``: one sandbox per
    module, whose child imports each mistake's version in turn; two modules
    per CPU at a time)."""
    modules = _selected(items, "test_stubs_fail_every_check_and_solutions_pass_every_check")
    chosen = {cm.module for cm in _selected(
        items, "test_typical_mistakes_are_caught_with_their_hints")}
    folder = str(mktemp("mistakes"))

    def graded():
        stubs, refs = grade(EXERCISES, modules), grade(SOLUTIONS, modules)
        return {cm.module: ([r for r in stubs if r.module == cm.module],
                            [r for r in refs if r.module == cm.module]) for cm in modules}

    def mistakes_graded():
        out = {}
        for outcome in grade_mistakes([m for m in MISTAKES if m[0].module in chosen], folder):
            out.setdefault(outcome.entry[0].module, []).append(outcome)
        return out
    with ThreadPoolExecutor(1) as one_by_one:
        yield {"graded": one_by_one.submit(graded), "mistakes": one_by_one.submit(mistakes_graded)}


@pytest.fixture(scope="module")
def stub_and_solution_results():
    return lane.started(__name__)["graded"].result()


@pytest.fixture(scope="module")
def mistake_outcomes():
    return lane.started(__name__)["mistakes"].result()


@pytest.mark.parametrize("cm", MODULES, ids=lambda m: m.module)
def test_stubs_fail_every_check_and_solutions_pass_every_check(cm, stub_and_solution_results):
    stub, ref = stub_and_solution_results[cm.module]
    assert len(stub) == len(ref) == len(cm.checks)
    assert [r.name for r in stub if r.passed] == []
    assert all("not implemented" in r.message or "NotImplementedError" in r.message
               for r in stub), [r.message for r in stub][:3]
    assert [(r.name, r.message) for r in ref if not r.passed] == []


MISTAKES = mistakes(MODULES)


def test_each_module_lists_a_typical_mistake():
    with_mistakes = {m[0].module for m in MISTAKES}
    assert with_mistakes == {cm.module for cm in MODULES}


def test_every_mistakes_file_is_read_and_no_check_file_keeps_its_own():
    """The typical mistakes live in tests/checks/mistakes/<module>.json only:
    a file named after no check module, or a MISTAKES list left in a check
    file, would never be graded."""
    folder = os.path.dirname(mistakes_path(MODULES[0]))
    assert sorted(os.listdir(folder)) == sorted(os.path.basename(mistakes_path(cm))
                                                for cm in MODULES)
    for cm in MODULES:
        with open(cm.path, encoding="utf-8") as f:
            assert "MISTAKES" not in f.read(), cm.path


def _mistake_failure(outcome):
    """Why one graded mistakes entry fails the test, or None: each typical
    mistake fails a visible check of its own step (unless the entry is
    marked "hidden": then a hidden check of the step catches it), and the
    feedback carries its hint."""
    cm, task, old, new, fragment, hidden_only = outcome.entry
    if outcome.error:
        return "%s could not be graded: %s" % (outcome.label, outcome.error)
    by_visible, by_any = caught(outcome.visible, outcome.everything)
    if not by_any:
        return "%s: no check of Exercise %s catches %r -> %r" % (outcome.label, task, old, new)
    if by_visible == hidden_only:
        return ("%s: %r -> %r is caught %s; mark the entry 'hidden' exactly when only a "
                "hidden check catches it" % (outcome.label, old, new,
                                             "by a visible check" if by_visible
                                             else "only by hidden checks"))
    text = feedback(outcome.everything)
    if fragment.lower() not in text.lower():
        return "%s: %r -> %r: the feedback lacks %r:\n%s" % (outcome.label, old, new,
                                                              fragment, text)
    return None


@pytest.mark.parametrize("cm", MODULES, ids=lambda m: m.module)
def test_typical_mistakes_are_caught_with_their_hints(cm, mistake_outcomes):
    """Every entry of the module's mistakes file: one failure line per entry
    that fails, naming it (file, index, step) and saying why."""
    outcomes = mistake_outcomes.get(cm.module, [])
    assert len(outcomes) == len([m for m in MISTAKES if m[0] is cm])
    failures = [f for f in map(_mistake_failure, outcomes) if f]
    assert not failures, "%d of %d typical mistakes of %s:\n%s" % (
        len(failures), len(outcomes), cm.module, "\n\n".join(failures))


def test_visible_checks_catch_nearly_every_typical_mistake():
    """The target of the realistic-mistake set: >= 95% caught by a visible
    check of the right step (python tools/mistake_coverage.py prints it)."""
    hidden = [m for m in MISTAKES if m[5]]
    assert len(hidden) <= (1 - TARGET) * len(MISTAKES), [(m[0].module, m[1]) for m in hidden]


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


# -- the docstring asks, it does not answer (modules converted to HINTS) ------------

CONVERTED = [cm for cm in MODULES if cm.hints]
CODE_IN_HINT = re.compile(r"\breturn\b|\bdef\b|\blambda\b|\bimport\b|\+=|==|range\(|"
                          r"\.append\(|\bself\.|math\.")


def _squeeze(text):
    return re.sub(r"\s+", "", text)


def _solution_answers(module):
    """{task: [returned expressions]} from the solution's BEGIN/END regions."""
    with open(os.path.join(SOLUTIONS, module + ".py"), encoding="utf-8") as f:
        source = f.read()
    regions = {}
    task = None
    for number, line in enumerate(source.splitlines(), 1):
        begin = re.match(r"\s*# BEGIN SOLUTION Exercise (\d+\.\d+)", line)
        if begin:
            task = begin.group(1)
            regions[task] = [number, number]
        elif task and re.match(r"\s*# END SOLUTION", line):
            regions[task][1] = number
            task = None
    answers = {t: [] for t in regions}
    trivial = (ast.Name, ast.Constant, ast.Attribute, ast.Subscript, ast.Dict, ast.Tuple,
               ast.List)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Return) and node.value is not None \
                and not isinstance(node.value, trivial):
            for t, (first, last) in regions.items():
                if first <= node.lineno <= last:
                    answers[t].append(ast.unparse(node.value) if hasattr(ast, "unparse")
                                      else None)
    return {t: [a for a in found if a and len(_squeeze(a)) >= 6]
            for t, found in answers.items()}


def _stub_docstrings(module):
    """{task: docstring} of the stub functions."""
    with open(os.path.join(EXERCISES, module + ".py"), encoding="utf-8") as f:
        tree = ast.parse(f.read())
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            doc = ast.get_docstring(node) or ""
            tag = re.match(r"Exercise (\d+\.\d+)", doc)
            if tag:
                out[tag.group(1)] = doc
    return out


@pytest.mark.skipif(not hasattr(ast, "unparse"), reason="ast.unparse needs Python 3.9+")
@pytest.mark.parametrize("cm", CONVERTED, ids=lambda m: m.module)
def test_no_docstring_contains_its_own_answer(cm):
    """The solution's returned expression, with white space removed, appears
    in no stub docstring of a derivation step (bookkeeping steps, listed in
    the check file's BOOKKEEPING, may state their formula)."""
    spec = importlib.util.spec_from_file_location("_bk_" + cm.module, cm.path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    bookkeeping = {t.replace("Exercise ", "") for t in getattr(mod, "BOOKKEEPING", ())}
    docs = _stub_docstrings(cm.module)
    given = []
    for task, answers in _solution_answers(cm.module).items():
        if task in bookkeeping:
            continue
        for answer in answers:
            for doc in docs.values():
                if _squeeze(answer) in _squeeze(doc):
                    given.append((task, answer))
    assert given == []


@pytest.mark.parametrize("cm", CONVERTED, ids=lambda m: m.module)
def test_every_step_has_hints_in_levels_without_code(cm):
    tasks = {c.task for c in cm.checks}
    assert set(cm.hints) == tasks, "HINTS and the checked steps differ: %s" % sorted(
        set(cm.hints) ^ tasks)
    answers = _solution_answers(cm.module)
    for task, levels in cm.hints.items():
        assert isinstance(levels, (list, tuple)) and len(levels) >= 2, task
        for level in levels:
            assert isinstance(level, str) and level.strip(), task
            assert not CODE_IN_HINT.search(level), "Exercise %s: a hint reads like code: %r" % (
                task, level)
            for answer in answers.get(task, []):
                assert _squeeze(answer) not in _squeeze(level), (task, answer)


@pytest.mark.parametrize("cm", MODULES, ids=lambda m: m.module)
def test_a_step_uses_only_earlier_steps_of_its_module(cm):
    tasks = {c.task for c in cm.checks}
    for c in cm.checks:
        for used in c.uses:
            assert used in tasks and task_key(used) < task_key(c.task), (c.task, used)


def _load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("module, given, copy", [
    ("ex06_worked_network", lambda m: m.EXAMPLE_WEIGHTS,
     lambda c: {name: c.FIXED[name] for name in c.WEIGHTS}),
    ("ex07_forward_backward_view", lambda m: [m.EXAMPLE_X, m.EXAMPLE_W, m.EXAMPLE_B],
     lambda c: [c.FIXED_NET[k] for k in ("x", "W", "b")]),
    ("ex08_relu_layer", lambda m: [m.EXAMPLE_W, m.EXAMPLE_X, m.EXAMPLE_B],
     lambda c: list(c._DOC[:3])),
], ids=["ex06", "ex07", "ex08"])
def test_a_checks_example_is_the_modules_given_one(module, given, copy):
    """A check that runs "the docstring's example" keeps its own copy of the
    module's given example data (a check reads nothing of the student's
    module): the copy is that data."""
    cm = {m.module: m for m in MODULES}[module]
    solution = _load(os.path.join(SOLUTIONS, module + ".py"), "_given_" + module)
    assert given(solution) == copy(_load(cm.path, "_copy_" + module))


@pytest.mark.parametrize("module, step, made", [
    ("ex12_vanishing_gradients", "gradient_ratio", {"Us": "DOC_US", "xs": "DOC_XS"}),
    ("ex12_vanishing_gradients", "working_remedies", {"Us": "DOC_US", "xs": "DOC_XS"}),
])
def test_a_checks_docstring_example_is_the_docstrings(module, step, made):
    """A check that asks about a step's docstring example makes that example's
    data itself (a check reads nothing of the student's module; ex12's
    network of 12.14 and 12.15 comes from the standard library's
    random.Random and the docstring's seeds, as the given unit_draws makes
    it): the docstring's assignments, run on the module, give the check's
    data, so that "the docstring's network" in a check is that network."""
    cm = {m.module: m for m in MODULES}[module]
    solution = _load(os.path.join(SOLUTIONS, module + ".py"), "_given_" + module)
    checks = _load(cm.path, "_copy_" + module)
    names = dict(vars(solution))
    for example in doctest.DocTestParser().get_examples(getattr(solution, step).__doc__):
        if re.match(r"[A-Za-z_]\w* = ", example.source):
            exec(example.source, names)
    for name, copy in made.items():
        assert names[name] == getattr(checks, copy), (step, name, copy)
