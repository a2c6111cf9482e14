"""Find the checks, run them against a submission, collect step results.

Everything here runs in the trusted grader process. Student code only runs
inside ``grading.sandbox.Session`` children; checks get plain data back and
compare it with oracles computed here.
"""

import ast
import importlib.util
import os
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

from grading import show
from grading.check import CheckFailed, StudentError
from grading.cpus import available_cpus
from grading.names import (is_exercise_file, is_exercise_module, module_number,
                           normalise_selector, task_id, task_key, task_title)
from grading.sandbox import MAX_FILE_BYTES, WALL_FACTOR, Session, Student, messages, wire

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CHECKS_DIR = os.path.join(ROOT, "tests", "checks")

MODULE_BUDGET = 30.0  # CPU seconds for all steps of one module (sandbox.WALL_FACTOR)
MODULE_WALL = 45.0    # wall-clock backstop for one module (code that sleeps)
ALWAYS_ALLOWED = ("__future__", "typing")  # harmless anywhere: annotations
STEP_BUDGET = 10.0    # CPU seconds for one step (all its calls)


class Check:
    def __init__(self, fn, module):
        meta = fn._check
        self.fn = fn
        self.module = module
        self.task = meta["task"]
        self.points = meta["points"]
        self.visibility = meta["visibility"]
        self.timeout = meta["timeout"]
        self.uses = meta.get("uses", ())
        self.name = fn.__name__
        self.doc = " ".join((fn.__doc__ or "").split())

    @property
    def title(self):
        return "%s: %s" % (task_title(self.task), self.doc or self.name)


class CheckModule:
    """One ``tests/checks/test_exNN_*.py``: the checks for one exercise file.

    Besides its checks, a check file may hold, keyed by "Exercise N.M":
    ``HINTS`` (the hints ``python grader.py hint N.M`` gives, one level at a
    time) and ``ERRORS`` ({exception name: what it usually means at this
    step}, added to the feedback when the student's code raises it).
    ``all_checks`` keeps every check of the file when a selection narrows
    ``checks`` (to judge the earlier steps a step uses).
    """

    def __init__(self, path, module, allowed_imports, checks, title, hints=None,
                 errors=None, all_checks=None, points_with_hidden=None):
        self.path = path
        self.module = module
        self.allowed_imports = allowed_imports
        self.checks = checks
        self.title = title
        self.hints = hints or {}
        self.errors = errors or {}
        self.all_checks = checks if all_checks is None else all_checks
        self.siblings = []  # the other exercise modules it may import (load_checks)
        # The released check files carry only visible checks; release writes
        # the full total (POINTS_WITH_HIDDEN) so a student sees the share.
        if points_with_hidden is None:
            points_with_hidden = sum(c.points for c in self.all_checks)
        self.points_with_hidden = points_with_hidden

    def narrowed(self, checks):
        """The same module with only ``checks`` to run."""
        out = CheckModule(self.path, self.module, self.allowed_imports, checks, self.title,
                          self.hints, self.errors, self.all_checks, self.points_with_hidden)
        out.siblings = self.siblings
        return out


def _by_task(table):
    """{"Exercise 6.9": x} -> {"6.9": x}."""
    return {task_id(k): v for k, v in dict(table or {}).items()}


def load_checks(checks_dir=CHECKS_DIR):
    """All check modules in ``checks_dir``, ordered by exercise."""
    out = []
    if not os.path.isdir(checks_dir):
        return out
    for name in sorted(os.listdir(checks_dir)):
        if not (name.startswith("test_ex") and name.endswith(".py")):
            continue
        path = os.path.join(checks_dir, name)
        spec = importlib.util.spec_from_file_location("_minigrad_checks_" + name[:-3], path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        module = getattr(mod, "MODULE")
        checks = [Check(fn, module) for fn in vars(mod).values()
                  if callable(fn) and hasattr(fn, "_check")]
        checks.sort(key=lambda c: (task_key(c.task), c.visibility != "visible", c.name))
        title = (mod.__doc__ or module).strip().splitlines()[0]
        out.append(CheckModule(path, module, list(getattr(mod, "ALLOWED_IMPORTS", [])),
                               checks, title, _by_task(getattr(mod, "HINTS", None)),
                               _by_task(getattr(mod, "ERRORS", None)),
                               points_with_hidden=getattr(mod, "POINTS_WITH_HIDDEN", None)))
    out.sort(key=lambda m: m.module)
    _allow_earlier_work(out)
    return out


def _libraries(cm):
    return {n for n in cm.allowed_imports if not is_exercise_module(n)}


def _allow_earlier_work(modules):
    """A student may import their own other exercise modules ("use your own
    earlier steps") when that module may use no library this one may not:
    ex09 may import ex08 (both math only), no math-only module may import
    ex11 (which may use minigrad's autodiff)."""
    for cm in modules:
        mine = _libraries(cm)
        cm.siblings = [o.module for o in modules
                       if o.module != cm.module and _libraries(o) <= mine]


def select_checks(modules, selector=None, visibilities=None):
    """Narrow to ``ex06`` (a module), ``ex06.5`` (a step) and visibilities."""
    chosen = []
    for m in modules:
        checks = m.checks
        if visibilities is not None:
            checks = [c for c in checks if c.visibility in visibilities]
        if selector:
            prefix, step = normalise_selector(selector)
            if not m.module.startswith(prefix):
                continue
            if step:
                number = module_number(m.module)
                checks = [c for c in checks if c.task == "%s.%s" % (number, step)]
        if checks:
            chosen.append(m.narrowed(checks))
    return chosen


class StepResult:
    """The outcome of one check: what the reports are made of."""

    def __init__(self, check, passed, message="", detail=None, seconds=0.0, output=""):
        self.module = check.module
        self.task = check.task
        self.name = check.name
        self.doc = check.doc
        self.title = check.title
        self.visibility = check.visibility
        self.max_points = check.points
        self.points = check.points if passed else 0
        self.passed = passed
        self.message = message
        self.detail = detail or {}
        self.seconds = seconds
        self.output = output
        self.hint_levels = 0  # how many on-demand hints the step has (grader.py hint)
        self.error = {}  # the sandbox's structured record of the student's error (wire)
        self.blamed_on = None  # the earlier step this failure is blamed on


def _guard_of(node):
    """For ``if __name__ == "__main__":`` (the doctest idiom) the name
    ``"__name__"``, for ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``)
    ``"TYPE_CHECKING"``; else None. Grading imports the module, so the body
    of either never runs, unless the file binds that name itself."""
    if not isinstance(node, ast.If):
        return None
    test = node.test
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq):
        sides = [test.left, test.comparators[0]]
        names = [n.id for n in sides if isinstance(n, ast.Name)]
        consts = [n.value for n in sides if isinstance(n, ast.Constant)]
        return "__name__" if names == ["__name__"] and consts == ["__main__"] else None
    if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
            and isinstance(test.value, ast.Name) and test.value.id == "typing"):
        return "TYPE_CHECKING"
    return None


_BLOCK_NAMES = ("__name__", "TYPE_CHECKING")


def _the_typing_flag(node, alias):
    """``from typing import TYPE_CHECKING``: the one import that binds a
    block name as the idiom means it."""
    return isinstance(node, ast.ImportFrom) and node.module == "typing" and not node.level \
        and alias.name == "TYPE_CHECKING" and alias.asname in (None, "TYPE_CHECKING")


_MATCH_NAMES = tuple(getattr(ast, n) for n in ("MatchAs", "MatchStar") if hasattr(ast, n))


def _binds(node, docstrings):
    """The names ``node`` may bind (the caller keeps the block names,
    ``_BLOCK_NAMES``): an assignment, loop, with-as or walrus target,
    ``global``, an import's name (``from math import pi as TYPE_CHECKING``),
    a ``def``, ``class``, parameter, ``except ... as`` or ``match`` capture,
    an attribute it sets (``typing.TYPE_CHECKING = True``), or any string in
    the code (not a docstring) that holds one: ``globals()["__name__"] =
    ...``, ``setattr(typing, "TYPE_CHECKING", 1)``, ``exec("__name__ =
    ...")`` bind it out of the parser's sight (red teams 5 and 6)."""
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        return [node.id]
    if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
        return [node.attr]
    if isinstance(node, (ast.Global, ast.Nonlocal)):
        return node.names
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return [a.asname or a.name.split(".")[0] for a in node.names
                if not _the_typing_flag(node, a)]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, ast.arg):
        return [node.arg]
    if isinstance(node, ast.ExceptHandler) or isinstance(node, _MATCH_NAMES):
        return [node.name] if node.name else []
    if isinstance(node, ast.Constant) and isinstance(node.value, str) \
            and id(node) not in docstrings:
        return [n for n in _BLOCK_NAMES if n in node.value]
    return ()


def static_import_problems(source, filename, allowed):
    """Imports in the student's file that the module does not allow.

    Parsed, never run. ``allowed`` names top-level packages (and sibling
    exercise modules); imports in blocks that never run while grading (the
    ``if __name__ == "__main__":`` doctest idiom, ``if TYPE_CHECKING:``) are
    not counted, unless the file binds that name anywhere. The sandbox, not
    this check, is what keeps a module from reaching a library it may not
    use: this only says so early and clearly.

    One walk of the tree: each import is kept with the guards (block names)
    of the blocks around it; which guards hold is known at the end.
    """
    tree = ast.parse(source, filename)
    bound, docstrings, imports = set(), set(), []
    todo = [(tree, ())]
    while todo:
        node, guards = todo.pop()  # a parent before its children: docstrings first
        if isinstance(node, ast.Expr):
            docstrings.add(id(node.value))
        bound.update(n for n in _binds(node, docstrings) if n in _BLOCK_NAMES)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append((node, guards))
        guard = _guard_of(node)
        if guard:
            todo.extend((child, guards + (guard,)) for child in node.body)
            todo.extend((child, guards) for child in [node.test] + node.orelse)
        else:
            todo.extend((child, guards) for child in ast.iter_child_nodes(node))
    bad = []
    for node, guards in imports:
        if any(g not in bound for g in guards):
            continue  # in a block that never runs when graded
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif node.level:
            names = ["." * node.level + (node.module or "")]
        else:
            names = [node.module or ""]
        for full in names:
            top = full.split(".")[0]
            if top not in allowed and full not in allowed and top not in ALWAYS_ALLOWED:
                bad.append((node.lineno, full))
    return sorted(bad)


def _fail_all(cm, message, detail=None):
    return [StepResult(c, False, message, detail) for c in cm.checks]


def grade_module(submission_dir, cm, limits=None, module_wall=None):
    """Run every check of one module. Never raises; returns StepResults.
    ``module_wall``: the module's wall-clock backstop in seconds (default
    MODULE_WALL; tests pass a shorter one)."""
    if module_wall is None:
        module_wall = MODULE_WALL
    path = os.path.join(submission_dir, cm.module + ".py")
    if os.path.islink(path):
        return _fail_all(cm, "%s.py is a symbolic link; submit the file itself" % cm.module)
    if not os.path.isfile(path):
        return _fail_all(cm, "%s.py was not found in %s" % (cm.module, submission_dir))
    size = os.path.getsize(path)
    if size > MAX_FILE_BYTES:
        return _fail_all(cm, "%s.py is %d KB; an exercise file may be at most %d KB"
                         % (cm.module, size // 1024, MAX_FILE_BYTES // 1024))
    with open(path, "rb") as f:
        raw = f.read(MAX_FILE_BYTES + 1)
    failed = source_problems(cm, raw, path)
    if failed:
        return failed
    try:
        session = Session(submission_dir, cm.module,
                          list(cm.allowed_imports) + list(ALWAYS_ALLOWED), limits)
    except (OSError, ValueError, RuntimeError) as exc:
        return _fail_all(cm, "the grader could not set up the sandbox for %s.py (%s); "
                         "tell your instructor" % (cm.module, exc))
    try:
        return run_module(session, cm, session.start, module_wall)
    finally:
        session.close()


def source_problems(cm, raw, path):
    """StepResults that fail the whole module when its file ``raw`` (bytes)
    cannot be graded: it does not compile, or imports what the module may
    not. None when it can."""
    try:  # bytes: ast honours a UTF-8 BOM and a PEP 263 coding line, as Python does
        bad = static_import_problems(raw, path, list(cm.allowed_imports) + cm.siblings)
    except (MemoryError, RecursionError):
        return _fail_all(cm, "%s.py is nested too deeply for Python's parser" % cm.module)
    except (SyntaxError, ValueError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        text = (getattr(exc, "text", "") or "").rstrip()
        msg = "%s.py does not compile: %s" % (cm.module, getattr(exc, "msg", exc))
        where = "  File \"%s.py\", line %s\n    %s" % (cm.module, line, text) if line else ""
        return _fail_all(cm, msg, {"traceback": where})
    if bad:
        listed = ", ".join("'%s' (line %d)" % (name, line) for line, name in bad)
        return _fail_all(cm, "%s.py imports %s, which this module does not allow; the "
                         "whole module scores 0. Allowed here: %s" % (
                             cm.module, listed, ", ".join(cm.allowed_imports) or "nothing"))
    return None


def run_module(session, cm, start, module_wall=MODULE_WALL):
    """The checks of ``cm`` against ``session``, after ``start()`` (which
    imports the module: ``session.start``, or ``session.reimport`` with a
    source) returned None, else every check failed with the import's error.
    The module's budgets count from here: the import is the student's code
    too (red team 5: a module that slept at import, and again at each
    restart, ran 14 s + 45 s + 12 s). Never raises; returns StepResults."""
    module_deadline = time.monotonic() + module_wall
    session.cpu_spent = 0.0
    try:
        err = start()
    except (OSError, RuntimeError) as exc:
        return _fail_all(cm, "the grader could not start the sandbox for %s.py (%s); "
                         "tell your instructor" % (cm.module, exc))
    if err is not None:
        detail = {"traceback": err.detail} if err.detail else {}
        printed = session.output()
        results = [StepResult(c, False, err.message, detail, output=printed)
                   for c in cm.checks]
        for r in results:
            r.error = err.info
        return results
    results = []
    for check in cm.checks:
        budget = _step_budget(session, module_deadline)
        if budget is None:
            results.append(StepResult(check, False, "not run: %s.py used up its time "
                                      "budget (%.0f s of CPU time, %.0f s in all) in "
                                      "earlier steps"
                                      % (cm.module, MODULE_BUDGET, module_wall)))
            continue
        results.append(run_check(check, session, *budget))
    _blame_earlier_steps(cm, session, results, module_deadline)
    _explain_errors(cm, results)
    for r in results:
        r.hint_levels = len(cm.hints.get(r.task, ()))
    return results


def _step_budget(session, module_deadline):
    """(CPU seconds, wall seconds) the next step may use, or None when the
    module's budget is spent: CPU time counts, wall time is the backstop."""
    cpu_left = MODULE_BUDGET - session.cpu_spent
    wall_left = module_deadline - time.monotonic()
    if cpu_left <= 0.5 or wall_left <= 0.5:
        return None
    budget = min(STEP_BUDGET, cpu_left)
    return budget, min(budget * WALL_FACTOR, wall_left)


def _failing_tasks(cm, session, results, tasks, deadline):
    """The tasks among ``tasks`` that fail a check: from ``results`` where they
    ran, else by running their visible checks now (not reported)."""
    failing = set()
    for task in tasks:
        ran = [r for r in results if r.task == task]
        if not ran:
            extra = [c for c in cm.all_checks if c.task == task and c.visibility == "visible"]
            budget = _step_budget(session, deadline)
            if not extra or budget is None:
                continue
            ran = [run_check(c, session, *budget) for c in extra]
        if not all(r.passed for r in ran):
            failing.add(task)
    return failing


def _blame_earlier_steps(cm, session, results, deadline):
    """A failed step whose function calls the student's earlier steps
    (``@check(..., uses=...)``) is blamed on the first of those that fails its
    own checks: the step's own hint would send the student to break correct
    code."""
    uses = {c.name: c.uses for c in cm.checks}
    for r in results:
        used = uses.get(r.name, ())
        if r.passed or not used or r.detail.get("not_implemented"):
            continue  # a step not written yet is just that, whatever it uses
        failing = _failing_tasks(cm, session, results, used, deadline)
        if failing:
            first = sorted(failing, key=task_key)[0]
            r.blamed_on = first
            r.message = ("Exercise %s uses your Exercise %s, which fails its own check: fix "
                         "%s first, then run this step again. (This step said: %s)"
                         % (r.task, first, first, r.message))
            r.detail = {k: v for k, v in r.detail.items() if k != "hint"}


def _explain_errors(cm, results):
    """Add what an exception usually means at this step (the check file's
    ``ERRORS``) to the feedback of a step whose code raised it."""
    for r in results:
        meanings = cm.errors.get(r.task) or {}
        raised = raised_name(r.error)
        if r.passed or r.blamed_on or raised not in meanings:
            continue
        r.detail = dict(r.detail, hint=meanings[raised])


def raised_name(error):
    """The name of the exception a structured error record says the
    student's code raised (``IndexError``), else None."""
    kind = error.get("kind") if type(error) is dict else None
    if kind == "exception":
        name = error.get("type")
        return name if type(name) is str else None
    if kind == "recursion":
        return "RecursionError"
    return None  # a stub, a refusal, a timeout...: the message says it all


MESSAGE_LIMIT = wire.MESSAGE_LIMIT      # characters of a message (it may quote the student)
TRACEBACK_LIMIT = wire.TRACEBACK_LIMIT  # characters of the student's traceback
cut_text = wire.cut_text


def bounded(x, budget=2000):
    """What a report may keep of a value: a plain copy of it if it is small
    (the one walker, ``wire.to_plain``: at most ``budget`` items and 20
    levels; objects kept as they are), else a cut text of it. Never raises;
    a huge value costs little."""
    try:
        return wire.to_plain(x, other=lambda v: v, key=lambda k: k, max_depth=20,
                             max_items=budget, max_text=budget)
    except (wire.TooBig, RecursionError):
        return show.cut(x, budget)


def run_check(check, session, budget=STEP_BUDGET, wall=None):
    """One check against a live session, within ``budget`` CPU seconds and
    ``wall`` wall-clock seconds for all its calls. Never raises."""
    start = time.monotonic()
    mark = session.new_step_output()
    student = Student(session, timeout=check.timeout, budget=budget, wall=wall)
    try:
        check.fn(student)
    except StudentError as err:
        detail = {"traceback": err.detail} if err.detail else {}
        message = err.message
        if err.kind == "not_implemented":  # an untouched stub: no traceback needed
            message = messages.not_implemented(err.info, check.module)
            detail = {"not_implemented": True}
        if "traceback" in detail:
            detail["traceback"] = cut_text(detail["traceback"], TRACEBACK_LIMIT)
        result = StepResult(check, False, cut_text(message, MESSAGE_LIMIT), detail,
                            time.monotonic() - start, session.output(since=mark))
        result.error = err.info
        return result
    except CheckFailed as fail:
        # Bounded copies: a huge answer must not be kept (or printed) whole.
        detail = {"inputs": bounded(fail.inputs), "expected": bounded(fail.expected),
                  "got": bounded(fail.got), "hint": fail.hint}
        return StepResult(check, False, cut_text(fail.message, MESSAGE_LIMIT), detail,
                          time.monotonic() - start, session.output(since=mark))
    except Exception as exc:  # the check could not use what the student returned
        last = traceback.extract_tb(exc.__traceback__)[-1:]
        where = " (%s:%s)" % (os.path.basename(last[0].filename), last[0].lineno) if last else ""
        return StepResult(check, False, cut_text("the grader could not use your answer: "
                                                 "%s: %s%s" % (type(exc).__name__, exc, where),
                                                 MESSAGE_LIMIT), {}, time.monotonic() - start)
    return StepResult(check, True, "", {}, time.monotonic() - start)


def _exercise_files(folder, expected=None):
    """How many exercise files ``folder`` holds: of the ``expected`` module
    names when given, else any ``exNN_*.py``."""
    try:
        listed = os.listdir(folder)
    except OSError:
        return 0
    if expected:
        return sum(m + ".py" in listed for m in expected)
    return sum(is_exercise_file(n) for n in listed)


def resolve_submission(folder, depth=3, expected=None):
    """The folder holding the exercise files, for a student who uploaded a
    whole repository: of ``folder`` and the folders below it (at most
    ``depth`` levels), the one with the most of the ``expected`` exercise
    files (``exercises/`` first, then the shallowest), so a scratch
    ``ex06_try.py`` at the top does not hide the real work below."""
    folder = os.path.abspath(folder)
    if not os.path.isdir(folder):
        return folder
    best, best_count = folder, _exercise_files(folder, expected)
    level = [folder]
    for _ in range(depth):
        below = []
        for parent in level:
            try:
                names = sorted(os.listdir(parent), key=lambda n: (n != "exercises", n))
            except OSError:
                continue
            for n in names:
                path = os.path.join(parent, n)
                if n.startswith(".") or not os.path.isdir(path) or os.path.islink(path):
                    continue
                count = _exercise_files(path, expected)
                if count > best_count:
                    best, best_count = path, count
                below.append(path)
        level = below
    return best


def grade(submission_dir, modules, jobs=None, limits=None):
    """Grade ``submission_dir`` with the given check modules, in parallel
    over modules. Returns StepResults in exercise order."""
    submission_dir = resolve_submission(submission_dir, expected=[cm.module for cm in modules])
    jobs = jobs or max(1, min(len(modules), available_cpus()))
    if jobs == 1:
        per_module = [grade_module(submission_dir, cm, limits) for cm in modules]
    else:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            per_module = list(pool.map(lambda cm: grade_module(submission_dir, cm, limits),
                                       modules))
    return [r for rs in per_module for r in rs]


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use grader.py")
