"""How well the visible checks catch realistic mistakes: ``python tools/mistake_coverage.py``.

Each check file lists typical wrong derivations in ``MISTAKES``: entries
``(task, old, new, fragment)`` that replace ``old`` by ``new`` in the
solution of ``Exercise task`` (a sign slip, a missing activation
derivative, one path of two, J for J^T, the slide's typo, ...). This script
applies each one to a copy of ``solutions/`` and grades it:

* caught visibly: a *visible* check of that very step fails (what a student
  sees on their own run);
* caught: some check of the step fails (the hidden ones too).

An entry that only the hidden checks catch is marked with a fifth element
``"hidden"``; ``tests/test_curriculum.py`` requires the mark to be honest
and at most 5% of the entries to carry it. Prints a table per module and the
totals quoted in the README.

    python tools/mistake_coverage.py            # every module
    python tools/mistake_coverage.py ex06       # one module
"""

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from grading import names  # noqa: E402
from grading.runner import grade, load_checks, select_checks  # noqa: E402

SOLUTIONS = os.path.join(ROOT, "solutions")
TARGET = 0.95  # share of mistakes a visible check of the right step must catch


def mistakes(modules=None):
    """[(check module, task, old, new, fragment, hidden_only)] from every check file."""
    out = []
    for cm in modules if modules is not None else load_checks():
        spec = importlib.util.spec_from_file_location("_mistakes_" + cm.module, cm.path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        for entry in getattr(mod, "MISTAKES", []):
            task, old, new, fragment = entry[:4]
            hidden_only = len(entry) > 4 and entry[4] == "hidden"
            out.append((cm, task, old, new, fragment, hidden_only))
    return out


def _feedback(results):
    return " ".join("%s %s" % (r.message, (r.detail or {}).get("hint") or "")
                    for r in results if not r.passed)


def run_mistake(cm, task, old, new, folder):
    """Grade solutions/ with one mistake made, in ``folder`` (left behind).

    Returns (visible_results, all_results) for the checks of ``task``.
    """
    for name in os.listdir(SOLUTIONS):
        if name.endswith(".py"):
            shutil.copy(os.path.join(SOLUTIONS, name), os.path.join(folder, name))
    path = os.path.join(folder, cm.module + ".py")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.count(old) != 1:
        raise ValueError("MISTAKES entry for %s must match solutions/%s.py once, found %d: %r"
                         % (task, cm.module, text.count(old), old))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new))
    selector = names.step_selector(cm.module, task)
    visible = grade(folder, select_checks([cm], selector, ("visible",)), jobs=1)
    if visible and not all(r.passed for r in visible):
        return visible, visible
    return visible, grade(folder, select_checks([cm], selector), jobs=1)


def caught(visible, everything):
    """(caught by a visible check of the step, caught by some check of it)."""
    vis = bool(visible) and not all(r.passed for r in visible)
    return vis, vis or (bool(everything) and not all(r.passed for r in everything))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("select", nargs="?", default=None, help="one module, e.g. ex06")
    args = p.parse_args(argv)
    modules = select_checks(load_checks(), args.select)
    rows = {}
    missed = []
    for cm, task, old, new, fragment, _ in mistakes(modules):
        with tempfile.TemporaryDirectory() as folder:
            vis_results, all_results = run_mistake(cm, task, old, new, folder)
        vis, any_ = caught(vis_results, all_results)
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
