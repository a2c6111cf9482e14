"""``python grader.py hint 6.9``: a step's hints, one level at a time.

The hints of a step live next to its checks, in the check file's ``HINTS``
table keyed by "Exercise 6.9" (so one grep of the task id finds the stub, its
checks and its hints). They go from the rule that applies, to the chain
written with unevaluated factors, to what each factor is in this network;
never code. Asking again gives the next level; the levels already seen are
remembered in ``.minigrad-hints.json`` next to ``grader.py``.
"""

import argparse
import json
import os
import sys
import textwrap

from grading.names import normalise_selector, step_selector, task_id, task_key
from grading.runner import CHECKS_DIR, ROOT, load_checks

STATE = os.path.join(ROOT, ".minigrad-hints.json")


def _parser():
    p = argparse.ArgumentParser(
        prog="python grader.py hint",
        description="Show the next hint for one step (asked again, the next one).")
    p.add_argument("task", help="the step, e.g. 6.9 or 'Exercise 6.9'")
    p.add_argument("--level", type=int, default=None,
                   help="show this hint level (1 = the first) instead of the next one")
    p.add_argument("--reset", action="store_true", help="start this step's hints over")
    p.add_argument("--checks", default=None, help=argparse.SUPPRESS)
    return p


def _load_state():
    try:
        with open(STATE, encoding="utf-8") as f:
            state = json.load(f)
        return state if isinstance(state, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_state(state):
    try:
        with open(STATE, "w", encoding="utf-8") as f:
            json.dump(state, f, indent=1, sort_keys=True)
    except OSError:
        pass  # a read-only checkout still shows the hint


def hints_for(task, checks_dir=CHECKS_DIR):
    """(module name, [hint levels]) for ``task``, or (None, []) if unknown."""
    for cm in load_checks(checks_dir):
        if task in cm.hints:
            return cm.module, list(cm.hints[task])
    return None, []


def _task_typed(text):
    """What a student typed ('6.9', 'Exercise 6.9', 'ex06.9', 'ex6.9') as a task id."""
    prefix, step = normalise_selector(task_id(text.strip()))
    number = prefix[2:4] if prefix.startswith("ex") else ""
    return "%d.%s" % (int(number), step) if number.isdigit() and step else task_id(text.strip())


def main(argv):
    args = _parser().parse_args(argv)
    task = _task_typed(args.task)
    module, levels = hints_for(task, args.checks or CHECKS_DIR)
    if not levels:
        known = sorted({t for cm in load_checks(args.checks or CHECKS_DIR) for t in cm.hints},
                       key=task_key)
        sys.stderr.write("grader.py hint: no hints for Exercise %s. Steps with hints: %s\n"
                         % (task, ", ".join(known) or "none"))
        return 2
    state = _load_state()
    seen = 0 if args.reset else int(state.get(task, 0) or 0)
    if args.level is not None:
        if not 1 <= args.level <= len(levels):
            sys.stderr.write("grader.py hint: Exercise %s has hints 1 to %d\n"
                             % (task, len(levels)))
            return 2
        level = args.level
    else:
        level = min(seen + 1, len(levels))
    state[task] = max(seen, level)
    _save_state(state)
    out = ["Exercise %s (%s.py), hint %d of %d:" % (task, module, level, len(levels)), ""]
    out += textwrap.wrap(levels[level - 1], width=78, initial_indent="  ",
                         subsequent_indent="  ")
    out.append("")
    if level < len(levels):
        out.append("Still stuck? Run 'python grader.py hint %s' again for the next hint." % task)
    else:
        out.append("That was the last hint (--reset starts over). Check your step with "
                   "'python grader.py %s'." % step_selector(module, task))
    sys.stdout.write("\n".join(out) + "\n")
    return 0

