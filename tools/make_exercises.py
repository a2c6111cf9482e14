"""Regenerate ``exercises/`` from ``solutions/`` (the one source).

In ``solutions/exNN_*.py`` every piece a student writes sits between::

    # BEGIN SOLUTION Exercise 6.5
    ...reference code...
    # END SOLUTION

``exercises/`` gets the same file with each region replaced by::

    raise NotImplementedError("Exercise 6.5: not implemented yet")

indented like the BEGIN marker. Run ``python tools/make_exercises.py`` after
editing a solution; ``--check`` exits 1 (and names the files) when
``exercises/`` has drifted. ``tests/test_curriculum.py`` runs the check.
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # run as a script: python tools/make_exercises.py
    sys.path.insert(0, ROOT)

from grading import names  # noqa: E402 -- the stub message and the file pattern
BEGIN = re.compile(r"^(\s*)# BEGIN SOLUTION Exercise (\d+\.\d+)\s*$")
END = re.compile(r"^\s*# END SOLUTION\s*$")


class MarkerError(ValueError):
    pass


def strip_solutions(text, filename="<solution>"):
    """The exercise text for one solution file's text."""
    out, inside, task = [], False, None
    for number, line in enumerate(text.splitlines(keepends=True), 1):
        begin = BEGIN.match(line)
        if begin:
            if inside:
                raise MarkerError("%s:%d: BEGIN SOLUTION inside another region" % (filename, number))
            inside, task = True, begin.group(2)
            out.append('%sraise NotImplementedError("%s")\n' % (begin.group(1),
                                                                 names.stub_message(task)))
            continue
        if END.match(line):
            if not inside:
                raise MarkerError("%s:%d: END SOLUTION without BEGIN" % (filename, number))
            inside = False
            continue
        if not inside:
            out.append(line)
    if inside:
        raise MarkerError("%s: region for Exercise %s is never closed" % (filename, task))
    return "".join(out)


def expected_exercises(solutions_dir):
    """{file name: exercise text} for every exNN_*.py in ``solutions_dir``."""
    result = {}
    for name in sorted(os.listdir(solutions_dir)):
        if names.is_exercise_file(name):
            with open(os.path.join(solutions_dir, name), encoding="utf-8") as f:
                result[name] = strip_solutions(f.read(), name)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report drift, write nothing")
    parser.add_argument("--solutions", default=os.path.join(ROOT, "solutions"))
    parser.add_argument("--exercises", default=os.path.join(ROOT, "exercises"))
    args = parser.parse_args(argv)
    wanted = expected_exercises(args.solutions)
    drift = []
    for name, text in wanted.items():
        path = os.path.join(args.exercises, name)
        current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if current != text:
            drift.append(name)
            if not args.check:
                os.makedirs(args.exercises, exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    extra = sorted(n for n in os.listdir(args.exercises)
                   if names.is_exercise_file(n) and n not in wanted) \
        if os.path.isdir(args.exercises) else []
    if args.check:
        for name in drift:
            print("exercises/%s differs from what solutions/%s generates" % (name, name))
        for name in extra:
            print("exercises/%s has no solutions/%s" % (name, name))
        return 1 if drift or extra else 0
    for name in drift:
        print("wrote exercises/%s" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
