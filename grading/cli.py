"""The command line behind ``python grader.py``.

Students::

    python grader.py                 grade exercises/, one line per module
    python grader.py ex06            one module
    python grader.py ex06.5          one step
    python grader.py -v              show passed checks too
    python grader.py --list          the map: modules, steps, points
    python grader.py hint 6.9        the next hint for a step (again: the next one)

Instructors (autograder containers)::

    python grader.py --submission DIR --results FILE [--format gradescope]

Course staff, in the course repository only (their code is in ``tools/``,
which the student's copy leaves out; there they are not offered)::

    python grader.py release DIR          the student repository
    python grader.py gradescope ZIP       a Gradescope autograder zip
    python grader.py batch DIR --csv FILE grade a folder of submissions

Exit status: 0 only when every selected check passed; 1 when any failed;
2 for a usage error. Whatever happens, ``--results FILE`` is written.
"""

import argparse
import importlib
import textwrap
import os
import sys
import time
import traceback

from grading import report
from grading.report import steps_of
from grading.runner import (CHECKS_DIR, ROOT, grade, load_checks, resolve_submission,
                            select_checks)

NOT_ROOT = ("note: not running as root, so student code ran with this user's rights: "
            "no chroot and no user switch, only the process limits and the audit hook "
            "(not a security boundary). Grade real submissions as root, as Gradescope "
            "does (e.g. sudo in GitHub Classroom).")

# The course-staff commands: name -> its arguments, for the help. Each is
# tools/<name>.py with a main(argv); the student's copy has no tools/.
STAFF_COMMANDS = {"release": "DIR", "gradescope": "ZIP", "batch": "DIR --csv FILE"}
NOT_HERE = ("%s is a course-staff command; it is in the course repository, not in the "
            "student's copy")


def staff_commands():
    """The course-staff commands this copy of the grader has."""
    return [name for name in STAFF_COMMANDS
            if os.path.isfile(os.path.join(ROOT, "tools", name + ".py"))]


def _epilog():
    text = "Stuck on a step? 'python grader.py hint 6.9' gives its hints one at a time."
    staff = staff_commands()
    if staff:
        text += " Course-staff commands: %s (each has --help)." % ", ".join(
            "'python grader.py %s %s'" % (name, STAFF_COMMANDS[name]) for name in staff)
    return text


def _parser():
    p = argparse.ArgumentParser(
        prog="python grader.py",
        description="Grade the minigrad exercises. Student code runs in a separate, "
        "limited process; the score is decided here.",
        epilog=_epilog())
    p.add_argument("select", nargs="?", default=None,
                   help="a module (ex06) or a step (ex06.5); default: everything")
    p.add_argument("-v", "--verbose", action="store_true", help="show passed checks too")
    p.add_argument("--list", action="store_true", help="show the exercise map and exit")
    p.add_argument("--submission", default=None,
                   help="folder with the exercise files (default: exercises/)")
    p.add_argument("--results", default=None, help="write results to this file")
    p.add_argument("--format", default=None, choices=report.FORMATS,
                   help="format of --results (default gradescope), or of stdout without "
                   "--results")
    p.add_argument("--checks", default=None,
                   help="folder of check files (default: tests/checks)")
    p.add_argument("--visible-only", action="store_true",
                   help="run only the visible checks (what a released repository has)")
    p.add_argument("--jobs", type=int, default=None, help="modules graded in parallel (default: the CPUs this machine gives the grader)")
    p.add_argument("--no-color", action="store_true", help="no colour, even on a terminal")
    return p


def list_map(modules, out):
    """The exercise map: modules, steps with their full descriptions, points."""
    total_points = 0
    for cm in modules:
        points = sum(c.points for c in cm.checks)
        total_points += points
        out.write("%s  (%s points)  %s\n" % (cm.module, report._num(points), cm.title))
        seen = {}
        for c in cm.checks:
            seen.setdefault(c.task, []).append(c)
        for task, cs in seen.items():
            vis = ", ".join("%s %s" % (c.visibility, report._num(c.points)) for c in cs)
            out.write("    Exercise %-6s [%s]\n" % (task, vis))
            for c in cs:
                out.write(textwrap.fill(c.doc, width=88, initial_indent="        - ",
                                        subsequent_indent="          ") + "\n")
    out.write("Total: %s points\n" % report._num(total_points))
    with_hidden = sum(cm.points_with_hidden for cm in modules)
    if with_hidden > total_points:  # a student's copy: its checks are the visible ones
        out.write("(the visible checks here; with the hidden checks your instructor runs, "
                  "%s points)\n" % report._num(with_hidden))


GRADER_FAILED = ("The grader itself failed, so no score was given (this is not your "
                 "submission's fault). Tell your instructor.")


def _summary(results, hidden_ran, selected=False):
    got, most = report.total(results)
    steps = steps_of(results)
    ok = sum(all(r.passed for r in rs) for _, rs in steps)
    text = "%s/%s points, %d/%d steps passed." % (report._num(got), report._num(most), ok,
                                                 len(steps))
    if results and ok == len(steps) and not hidden_ran:
        text += " " + report.visible_passed(results, selected)
    return text


def grade_main(argv):
    args = _parser().parse_args(argv)
    started = time.monotonic()
    fmt = args.format or ("gradescope" if args.results else "text")
    submission = args.submission or os.path.join(ROOT, "exercises")
    missing = not os.path.isdir(submission)
    if missing:
        sys.stderr.write("grader.py: the submission folder %s does not exist\n" % submission)
    results = []
    modules = []
    error = None
    nothing_matches = False
    try:
        modules = load_checks(args.checks or CHECKS_DIR)
        vis = ("visible",) if args.visible_only else None
        modules = select_checks(modules, args.select, vis)
        if args.list:
            list_map(modules, sys.stdout)
            return 0 if modules else 2
        if not modules:
            sys.stderr.write("grader.py: nothing matches %r; try --list\n" % args.select)
            nothing_matches = True
            if not args.results:
                return 2
        results = grade(submission, modules, jobs=args.jobs)
    except Exception:  # never lose a result: report it, still write the file
        error = traceback.format_exc()
    seconds = time.monotonic() - started
    resolved = resolve_submission(submission, expected=[m.module for m in modules])
    shown = os.path.relpath(resolved) if not args.submission else resolved
    hidden_ran = any(r.visibility != "visible" for r in results)
    summary = _summary(results, hidden_ran, bool(args.select))
    if resolved != os.path.abspath(submission):
        summary += " Graded the exercise files in %s." % shown
    if error:
        summary = GRADER_FAILED
    if args.results:
        os.makedirs(os.path.dirname(os.path.abspath(args.results)), exist_ok=True)
    if args.results and os.geteuid() != 0:
        # an autograder run without root: say that the sandbox is weaker
        sys.stderr.write("grader.py: " + NOT_ROOT + "\n")
    if args.results:
        try:
            report.write_atomic(args.results, report.render(
                fmt, results, seconds=seconds, submission=shown, summary=summary,
                hidden_ran=hidden_ran, error=error))
        except OSError as exc:
            sys.stderr.write("grader.py: could not write %s: %s\n" % (args.results, exc))
            return 2
    colour = sys.stdout.isatty() and not args.no_color and not os.environ.get("NO_COLOR")
    if args.results or fmt == "text":
        sys.stdout.write(report.text_report(
            results, submission=shown, verbose=args.verbose, colour=colour,
            hidden_ran=hidden_ran, focus=not args.select and not args.results,
            selected=bool(args.select),
            points_with_hidden=None if "." in (args.select or "")
            else sum(m.points_with_hidden for m in modules)))
    else:
        sys.stdout.write(report.render(fmt, results, seconds=seconds, submission=shown,
                                       summary=summary, hidden_ran=hidden_ran,
                                       error=error) + "\n")
    if error:
        sys.stderr.write(summary + " Details:\n" + error + "\n")
        return 1
    if nothing_matches:
        return 2
    if missing:
        return 2
    return 0 if results and all(r.passed for r in results) else 1


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # never die printing a student's text
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        if argv and argv[0] == "hint":
            from grading import hints
            return hints.main(argv[1:])
        if argv and argv[0] in STAFF_COMMANDS:
            if argv[0] not in staff_commands():
                sys.stderr.write("grader.py: " + NOT_HERE % argv[0] + "\n")
                return 2
            return importlib.import_module("tools." + argv[0]).main(argv[1:])
        return grade_main(argv)
    except BrokenPipeError:  # python grader.py | head
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 1
