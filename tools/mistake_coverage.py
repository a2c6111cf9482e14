"""How well the visible checks catch realistic mistakes: ``python tools/mistake_coverage.py``.

Each check module's typical wrong derivations are data, in
``tests/checks/mistakes/<module>.json`` (next to its check file
``tests/checks/test_<module>.py``; the student's copy and the Gradescope zip
leave the folder out: the entries quote solution lines). The file is a JSON
list of objects::

    {"task": "6.9", "old": "...", "new": "...", "fragment": "...",
     "hidden": true, "why": "..."}

``old`` is replaced by ``new`` in ``solutions/<module>.py`` (``old`` must
occur there exactly once): the mistake in the solution of ``Exercise task``
(a sign slip, a missing activation derivative, one path of two, J for J^T,
the slide's typo, ...). The feedback of the failed checks must contain
``fragment`` (case ignored). ``hidden`` (default false) marks an entry that
only the hidden checks catch; ``why`` (optional) is a note for the course
staff and is not read. This script applies each entry to a copy of
``solutions/`` and grades it:

* caught visibly: a *visible* check of that very step fails (what a student
  sees on their own run);
* caught: some check of the step fails (the hidden ones too).

``tests/test_curriculum.py`` requires every entry to be caught with its
fragment, the ``hidden`` mark to be honest and at most 5% of the entries to
carry it. Prints a table per module and the totals quoted in the README.

    python tools/mistake_coverage.py            # every module
    python tools/mistake_coverage.py ex06       # one module
    python tools/mistake_coverage.py -j 4       # 4 modules at once (default: two per CPU)

Each mistake is graded as the grader grades a file (its imports checked,
then the checks against it in a sandbox child), with one sandbox per
module: its child imports each mistake's version of the file in turn
(``grade_module_mistakes``). ``grade_mistakes`` runs several modules at
once. ``tests/test_curriculum.py`` uses the same functions.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
from contextlib import closing
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from grading import names  # noqa: E402
from grading.cpus import available_cpus  # noqa: E402
from grading.runner import (ALWAYS_ALLOWED, load_checks, run_module,  # noqa: E402
                            select_checks, source_problems)
from grading.sandbox import Session  # noqa: E402

SOLUTIONS = os.path.join(ROOT, "solutions")
TARGET = 0.95  # share of mistakes a visible check of the right step must catch
MISTAKES_DIR = "mistakes"  # beside the check files: tests/checks/mistakes/<module>.json


FIELDS = ("task", "old", "new", "fragment")  # each entry has these strings
OPTIONAL = {"hidden": bool, "why": str}


def mistakes_path(cm):
    """Where the typical mistakes of check module ``cm`` are kept."""
    return os.path.join(os.path.dirname(cm.path), MISTAKES_DIR, cm.module + ".json")


def _well_formed(entry):
    return (isinstance(entry, dict) and set(FIELDS) <= set(entry) <= set(FIELDS) | set(OPTIONAL)
            and all(isinstance(entry[k], str) for k in FIELDS)
            and all(isinstance(entry[k], t) for k, t in OPTIONAL.items() if k in entry))


def mistakes(modules=None):
    """[(check module, task, old, new, fragment, hidden_only)] from every
    module's ``mistakes/<module>.json`` (none where the file is missing).
    Raises ValueError on a file or entry that is not of the documented form."""
    out = []
    for cm in modules if modules is not None else load_checks():
        path = mistakes_path(cm)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)
        if not isinstance(entries, list):
            raise ValueError("%s: the mistakes are a JSON list" % path)
        for i, entry in enumerate(entries):
            if not _well_formed(entry):
                raise ValueError("%s[%d]: an entry is an object with the strings %s, and "
                                 "optionally hidden (true/false) and why (a string): %r"
                                 % (path, i, ", ".join(FIELDS), entry))
            out.append((cm,) + tuple(entry[k] for k in FIELDS) + (entry.get("hidden", False),))
    return out


def feedback(results):
    """The messages and hints of the failed checks: where a fragment must appear."""
    return " ".join("%s %s" % (r.message, (r.detail or {}).get("hint") or "")
                    for r in results if not r.passed)


def mutated(cm, task, old, new, solutions=SOLUTIONS):
    """The text of ``solutions/<module>.py`` with one mistake made. Raises
    ValueError unless ``old`` occurs exactly once."""
    with open(os.path.join(solutions, cm.module + ".py"), encoding="utf-8") as f:
        text = f.read()
    if text.count(old) != 1:
        raise ValueError("mistake for %s: its old text must match solutions/%s.py once, "
                         "found %d: %r"
                         % (task, cm.module, text.count(old), old))
    return text.replace(old, new)


def copy_solutions(folder):
    """Copy the solutions' ``.py`` files into ``folder`` (made if missing):
    the submission every mistake of a module is graded in (``grade_module_mistakes``)."""
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(SOLUTIONS):
        if name.endswith(".py"):
            shutil.copy(os.path.join(SOLUTIONS, name), os.path.join(folder, name))
    return folder


def _graded(session, cm, text):
    """The results of ``cm``'s (narrowed) checks with the module's file
    replaced by ``text``, graded as the grader grades a file: its imports
    first (``source_problems``), then the checks after importing it."""
    path = os.path.join(session.student_dir, cm.module + ".py")
    failed = source_problems(cm, text.encode("utf-8"), path)
    if failed:
        return failed
    return run_module(session, cm, lambda: session.reimport(text))


def grade_module_mistakes(cm, entries, base):
    """Grade each (task, old, new) of ``entries``, mistakes of module
    ``cm``, in the submission ``base`` (``copy_solutions``): one sandbox for
    the module, each mistake's version of the file imported in turn in the
    same child (``Session.reimport``; a new child only after a call that
    killed one). A child per mistake cost more than grading it. Returns
    [(visible_results, all_results) or the exception] for the checks of each
    entry's task: the visible ones first, all of them when those pass."""
    session = Session(base, cm.module, list(cm.allowed_imports) + list(ALWAYS_ALLOWED))
    out = []
    try:
        for task, old, new in entries:
            try:
                text = mutated(cm, task, old, new)
            except ValueError as exc:  # a stale entry: reported as that entry's failure
                out.append(exc)
                continue
            selector = names.step_selector(cm.module, task)
            visible = [r for m in select_checks([cm], selector, ("visible",))
                       for r in _graded(session, m, text)]
            if visible and not all(r.passed for r in visible):
                out.append((visible, visible))
                continue
            out.append((visible, [r for m in select_checks([cm], selector)
                                  for r in _graded(session, m, text)]))
    finally:
        session.close()
    return out


def default_jobs():
    """Modules whose mistakes are graded at once: two per CPU. A grading
    alternates between the grader (oracles, checks) and its sandbox child,
    so one per CPU left the CPUs half idle. Not more: each child gets at
    least half a CPU, so a CPU-time limit is still reached well before its
    wall-clock backstop (3 x the limit)."""
    return 2 * available_cpus()


class Outcome:
    """One entry graded: ``visible`` and ``everything`` as ``run_mistake``
    returns them, or ``error`` (the exception text) when it could not be."""

    def __init__(self, entry, index, visible=None, everything=None, error=None):
        self.entry = entry
        self.index = index  # position in its module's mistakes/<module>.json
        self.visible = visible or []
        self.everything = everything or []
        self.error = error

    @property
    def label(self):
        cm, task = self.entry[:2]
        return "mistakes/%s.json[%d] (Exercise %s)" % (cm.module, self.index, task)


def grade_mistakes(entries, folder, jobs=None):
    """Grade each entry of ``mistakes()``, a module at a time
    (``grade_module_mistakes``), ``jobs`` modules at once (``default_jobs``),
    in a copy of the solutions under ``folder``. Yields an ``Outcome`` per
    entry, in the order given; all modules are started at once, so a
    consumer that reads the first module's outcomes lets the later ones run
    meanwhile. An outcome's ``index`` counts the entries of its module given
    here: its place in the module's mistakes file when they come from
    ``mistakes()``."""
    base = copy_solutions(os.path.join(folder, "solutions"))
    by_module = {}
    for e in entries:
        by_module.setdefault(e[0].module, []).append(e)
    pool = ThreadPoolExecutor(max_workers=jobs or default_jobs())
    futures = {}
    try:
        # the largest modules first: none is left to run alone at the end
        for module in sorted(by_module, key=lambda m: -len(by_module[m])):
            group = by_module[module]
            futures[module] = pool.submit(grade_module_mistakes, group[0][0],
                                          [e[1:4] for e in group], base)
        done = {}
        for e in entries:
            module = e[0].module
            if module not in done:
                try:
                    graded = futures[module].result()
                except Exception as exc:  # no sandbox for the module: each entry says so
                    graded = [exc] * len(by_module[module])
                done[module] = iter(enumerate(graded))
            index, graded = next(done[module])
            if isinstance(graded, Exception):
                yield Outcome(e, index, error="%s: %s" % (type(graded).__name__, graded))
            else:
                yield Outcome(e, index, *graded)
    finally:
        for future in futures.values():
            future.cancel()
        pool.shutdown(wait=True)


def caught(visible, everything):
    """(caught by a visible check of the step, caught by some check of it)."""
    vis = bool(visible) and not all(r.passed for r in visible)
    return vis, vis or (bool(everything) and not all(r.passed for r in everything))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("select", nargs="?", default=None, help="one module, e.g. ex06")
    p.add_argument("-j", "--jobs", type=int, default=None,
                   help="modules graded at once (default: two per CPU)")
    args = p.parse_args(argv)
    modules = select_checks(load_checks(), args.select)
    rows = {}
    missed = []
    with tempfile.TemporaryDirectory() as folder, \
            closing(grade_mistakes(mistakes(modules), folder, args.jobs)) as outcomes:
        for outcome in outcomes:
            cm, task, old, new = outcome.entry[:4]
            if outcome.error:
                raise SystemExit("%s: %s" % (outcome.label, outcome.error))
            vis, any_ = caught(outcome.visible, outcome.everything)
            row = rows.setdefault(cm.module, [0, 0, 0])
            row[0] += 1
            row[1] += vis
            row[2] += any_
            if not vis:
                missed.append("%s Exercise %s: %r -> %r (%s)" % (
                    cm.module, task, old.strip()[:50], new.strip()[:50],
                    "caught only by a hidden check" if any_ else "NOT CAUGHT"))
    print("%-28s %9s %17s %14s" % ("module", "mistakes", "visible, right step", "any check"))
    totals = [0, 0, 0]
    for module, (n, vis, any_) in rows.items():
        print("%-28s %9d %17d %14d" % (module, n, vis, any_))
        totals = [a + b for a, b in zip(totals, (n, vis, any_))]
    n, vis, any_ = totals
    if n:
        print("%-28s %9d %11d (%.1f%%) %7d (%.1f%%)" % ("total", n, vis, 100.0 * vis / n,
                                                       any_, 100.0 * any_ / n))
    for line in missed:
        print("  " + line)
    ok = n and vis >= TARGET * n and any_ == n
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
