"""Turn step results into what people and platforms read.

* ``text``: the terminal report a student reads (colour only on a terminal).
* ``gradescope``: Gradescope's results.json (score, execution_time, output,
  visibility, stdout_visibility, tests[] with name, number, score,
  max_score, status, output, visibility), every output cut to 100,000
  characters.
* ``prairielearn``: PrairieLearn's external-grader results.json (gradable,
  score in 0..1, message, output, tests[] with name, description, points,
  max_points, message, output), kept under PrairieLearn's 1 MB cap.
* ``junit``: JUnit XML (one testsuite per exercise module).
* ``json``: plain JSON, everything the grader knows, for your own scripts.
"""

import json
import math
import os
import re
import tempfile
from xml.etree import ElementTree as ET

from grading import names
from grading.sandbox import wire
from grading.show import short as _short, show

GRADESCOPE_OUTPUT_LIMIT = 100000
PRAIRIELEARN_LIMIT = 1000000
FORMATS = ("gradescope", "prairielearn", "junit", "json", "text")
HIDDEN_FAILED = ("This hidden check failed. Its inputs are not shown; make the visible "
                 "check of the same exercise pass and test your code on more cases.")


# -- numbers and steps --------------------------------------------------------

def _num(x):
    """JSON-safe float with no spurious digits."""
    x = float(x)
    return int(x) if x == int(x) else round(x, 6)


def total(results):
    return sum(r.points for r in results), sum(r.max_points for r in results)


def _grouped(results, key):
    """[(key(r), [results])], the groups in the order their first result comes."""
    out, index = [], {}
    for r in results:
        k = key(r)
        if k not in index:
            index[k] = len(out)
            out.append((k, []))
        out[index[k]][1].append(r)
    return out


def by_module(results):
    """[(module, [results])] in exercise order."""
    return _grouped(results, lambda r: r.module)


def steps_of(results):
    """[(task, [results])]: a step passes when all its checks pass."""
    return _grouped(results, lambda r: r.task)


def _size(value):
    """'a list of 3 lists of 4' for a nested list too long to print."""
    if isinstance(value, (list, tuple)):
        inner = ""
        if value and all(isinstance(v, (list, tuple)) for v in value):
            inner = " lists of %d" % len(value[0])
        return "a list of %d%s; the wrong entries are above" % (len(value), inner)
    return type(value).__name__


def _wrong_entries(expected, got, limit=3, path=""):
    """The first ``limit`` entries where ``got`` differs from ``expected``, as
    '[1][2]: expected 0.5, got 0.25' (display only: the check decided)."""
    out = []

    def walk(e, g, where):
        if len(out) >= limit:
            return
        if isinstance(e, (list, tuple)) and isinstance(g, (list, tuple)) and len(e) == len(g):
            for i, (ei, gi) in enumerate(zip(e, g)):
                walk(ei, gi, "%s[%d]" % (where, i))
            return
        same = e == g or (isinstance(e, (int, float)) and isinstance(g, (int, float))
                          and not isinstance(g, bool)
                          and abs(e - g) <= max(1e-9, 1e-6 * max(abs(e), abs(g))))
        if not same:
            out.append("%s: expected %s, got %s" % (where or "it", _short(e, 40),
                                                    _short(g, 40)))
    try:
        walk(expected, got, path)
    except (RecursionError, TypeError, ValueError):
        return []
    return out


_CONTROL = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|[\x00-\x08\x0b-\x1f\x7f]")


def printable(text):
    """``text`` without terminal escape sequences and control characters (the
    student controls exception messages and output: no clearing the screen,
    no invalid XML)."""
    return _CONTROL.sub("", text) if isinstance(text, str) else text


STUDENT_MARK = "  | "


def explain(r):
    """The feedback for one failed check, as plain printable lines, one
    line each: student text (an exception message, a traceback, what the
    code printed) may hold newlines, and every line of it after the first
    is marked ``  | ``, so nothing the student writes can pass for one of
    the grader's own lines (``Total: 4/4 points``)."""
    out = []
    for line in _explain(r):
        parts = printable(line).splitlines() or [""]
        out.append(parts[0])
        out.extend(STUDENT_MARK + part for part in parts[1:])
    return out


def _explain(r):
    lines = [r.message]
    d = r.detail or {}
    if d.get("inputs"):
        inputs = d["inputs"]
        if isinstance(inputs, dict):
            lines.append("inputs:   " + ", ".join("%s=%s" % (k, _short(v, 120))
                                                  for k, v in inputs.items()))
        else:
            lines.append("inputs:   " + _short(inputs))
    if isinstance(d.get("expected"), (list, tuple, dict)):  # a scalar is in the message
        wrong = _wrong_entries(d["expected"], d.get("got"))
        if wrong:
            lines.append("wrong:    " + "; ".join(wrong))
        for label, value in (("expected: ", d["expected"]), ("got:      ", d.get("got"))):
            if isinstance(value, str):  # already cut by the runner: its head and its size
                text = value if len(value) <= 160 else value[:80] + " ... " + value[-40:]
            else:
                text = show(value)
                text = text if len(text) <= 160 else "(%s)" % _size(value)
            lines.append(label + text)
    if d.get("hint"):
        lines.append("hint:     " + d["hint"])
    if getattr(r, "hint_levels", 0) and r.visibility == "visible":
        lines.append("stuck?    python grader.py hint %s  (%d hints, one at a time, no code)"
                     % (r.task, r.hint_levels))
    if d.get("traceback"):
        lines.append("your traceback:")
        lines.extend(STUDENT_MARK + ln for ln in d["traceback"].splitlines())
    if r.output:
        lines.append("your code printed:")
        lines.extend(STUDENT_MARK + ln for ln in r.output.rstrip().splitlines()[-20:])
    return lines


# -- text ---------------------------------------------------------------------

class _Style:
    def __init__(self, colour):
        self.colour = colour

    def __call__(self, text, code):
        return "\033[%sm%s\033[0m" % (code, text) if self.colour else text


def text_report(results, *, submission="exercises", verbose=False, colour=False,
                hidden_ran=None, focus=False, points_with_hidden=None, selected=False):
    """The report a student reads after ``python grader.py``.

    ``focus``: show the details of the first module that has failures only
    (a whole run of untouched stubs would otherwise print a thousand lines);
    the others are named with the command that shows them.
    ``points_with_hidden``: the selected modules' points with the hidden
    checks counted, to say what share the checks that ran cover.
    ``selected``: the run was of one module or step (``python grader.py
    ex06.9``), so "all passed" speaks of that one.
    """
    s = _Style(colour)
    got, most = total(results)
    lines = ["minigrad grader: %s" % submission, ""]
    width = max([len(m) for m, _ in by_module(results)] + [10])
    for module, rs in by_module(results):
        p, mp = total(rs)
        steps = steps_of(rs)
        ok = sum(all(r.passed for r in ch) for _, ch in steps)
        mark = s("ok  ", "32") if ok == len(steps) else s("FAIL", "31")
        lines.append("%s %-*s %6s/%-4s points  %d/%d steps passed"
                     % (mark, width, module, _num(p), _num(mp), ok, len(steps)))
    lines.append("")
    lines.append(s("Total: %s/%s points" % (_num(got), _num(most)), "1"))
    if not hidden_ran and points_with_hidden and points_with_hidden > most:
        lines.append("Visible checks: %s of %s points; the other %s are hidden checks that "
                     "run when you submit." % (_num(most), _num(points_with_hidden),
                                                _num(points_with_hidden - most)))
    failed = [r for r in results if not r.passed]
    if verbose:
        passed = [r for r in results if r.passed]
        if passed:
            lines += ["", "Passed:"]
            lines += ["  %s %s (%s)" % (s("ok", "32"), r.title, r.visibility) for r in passed]
    later = []
    if failed and focus and not verbose:
        first = failed[0].module
        later = sorted({r.module for r in failed if r.module != first})
        failed = [r for r in failed if r.module == first]
    if failed:
        lines += ["", "What to fix (in order):"]
        seen = set()
        for r in failed:
            key = (r.module, r.message)
            lines.append("")
            lines.append(s("x %s" % r.title, "31") + "  [%s.py, %s check]"
                         % (r.module, r.visibility))
            if key in seen and not r.detail.get("inputs"):
                lines.append("  (same problem as above)")
                continue
            seen.add(key)
            lines.extend("  " + ln for ln in explain(r))
    if later:
        lines += ["", "Also failing: %s. Finish %s first, or see one with: python grader.py %s"
                  % (", ".join(later), failed[0].module, names.short_name(later[0]))]
    lines.append("")
    if not [r for r in results if not r.passed] and results:
        if hidden_ran:
            lines.append(s("All %d checks passed, visible and hidden." % len(results)
                           if len(results) > 1 else "The check passed.", "32"))
        else:
            lines.append(s(visible_passed(results, selected), "32"))
    elif results and focus and not any(r.passed for r in results):
        lines.append("Nothing passes yet: open the first exercise file, read the docstring "
                     "of its first step, implement it, and run python grader.py again.")
    return "\n".join(lines) + "\n"


def visible_passed(results, selected=False):
    """What a run whose checks all passed, the visible ones only, says; of
    the one step or module it ran when ``selected`` (``python grader.py
    ex06.9``)."""
    tasks = {(r.module, r.task) for r in results}
    if not selected:
        scope = "All visible checks passed"
    elif len(tasks) == 1:
        scope = "The visible checks of Exercise %s passed" % results[0].task
    elif len({r.module for r in results}) == 1:
        scope = "All visible checks of %s passed" % names.short_name(results[0].module)
    else:
        scope = "All visible checks passed"
    return scope + "; hidden checks run when you submit."


# -- Gradescope ----------------------------------------------------------------

def _cut(text, limit):
    if len(text) <= limit:
        return text
    note = "\n... (cut: the output was longer than %d characters)" % limit
    return text[:limit - len(note)] + note


def _visible_summary(results):
    """The top-level text when some tests are hidden: no total (Gradescope
    hides the score on purpose; "326/345" would reveal the hidden part)."""
    visible = [r for r in results if r.visibility == "visible"]
    steps = steps_of(visible)
    ok = sum(all(r.passed for r in rs) for _, rs in steps)
    return ("Visible checks: %d of %d steps passed. Hidden checks ran too; their results "
            "and your total show when your instructor releases them." % (ok, len(steps)))


def gradescope(results, *, seconds=0.0, summary="", error=None):
    """Gradescope's results.json as a dict.

    Plain text everywhere (``output_format``: Gradescope's default rendering
    would mangle indented feedback). When the grader itself failed, students
    read a short message; the traceback goes to a hidden test for the
    instructor."""
    tests = []
    for r in results:
        out = "" if r.passed else "\n".join(explain(r))
        tests.append({
            "name": "%s [%s]" % (r.title, r.module),
            "number": r.task,
            "score": _num(r.points),
            "max_score": _num(r.max_points),
            "status": "passed" if r.passed else "failed",
            "output": _cut(out, GRADESCOPE_OUTPUT_LIMIT),
            "visibility": r.visibility,
        })
    if error:
        tests.append({"name": "The grader's own error (instructors only)", "score": 0,
                      "max_score": 0, "status": "failed", "visibility": "hidden",
                      "output": _cut(error, GRADESCOPE_OUTPUT_LIMIT)})
    elif any(r.visibility != "visible" for r in results):
        summary = _visible_summary(results)
    got, _ = total(results)
    return {
        "score": _num(got),
        "execution_time": int(math.ceil(seconds)),
        "output": _cut(summary, GRADESCOPE_OUTPUT_LIMIT),
        "output_format": "text",
        "test_output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


# -- PrairieLearn --------------------------------------------------------------

def prairielearn(results, *, summary="", error=None):
    """PrairieLearn's external-grader results.json as a dict (< 1 MB).

    When the grader itself failed: ``gradable: false`` (PrairieLearn then
    neither awards nor removes points) with a short message."""
    if error:
        return {"gradable": False, "score": 0.0, "message": summary, "tests": []}
    got, most = total(results)
    tests = []
    for r in results:
        # PrairieLearn shows every test to the student: a hidden check's
        # inputs, expected value and hint would let a student collect and
        # hard-code the hidden cases, so only its outcome is shown.
        hidden = r.visibility != "visible"
        tests.append({
            "name": "Exercise %s (%s)" % (r.task, r.visibility),
            "description": r.doc,
            "points": _num(r.points),
            "max_points": _num(r.max_points),
            "message": "" if r.passed else (HIDDEN_FAILED if hidden else printable(r.message)),
            "output": "" if r.passed or hidden else "\n".join(explain(r)),
        })
    data = {"gradable": True, "score": (got / most) if most else 0.0,
            "message": summary, "tests": tests}
    # keep under the cap: shorten per-test output first
    limit = 4000
    while len(json.dumps(data)) > PRAIRIELEARN_LIMIT and limit > 100:
        for t in data["tests"]:
            t["output"] = _cut(t["output"], limit)
        limit //= 2
    return data


# -- JUnit ---------------------------------------------------------------------

def junit(results, *, seconds=0.0, error=None):
    """JUnit XML text: one <testsuite> per exercise module, each with the
    ``errors`` attribute strict schemas require; a failure of the grader
    itself is an <error> test case, never an empty green report."""
    root = ET.Element("testsuites", name="minigrad", tests=str(len(results) + bool(error)),
                      failures=str(sum(not r.passed for r in results)),
                      errors=str(int(bool(error))), time="%.3f" % seconds)
    if error:
        suite = ET.SubElement(root, "testsuite", name="grader", tests="1", failures="0",
                              errors="1", skipped="0", time="%.3f" % seconds)
        case = ET.SubElement(suite, "testcase", classname="grader", name="the grader ran",
                             time="%.3f" % seconds)
        ET.SubElement(case, "error", message="the grader itself failed").text = \
            printable(error)
    for module, rs in by_module(results):
        suite = ET.SubElement(root, "testsuite", name=module, tests=str(len(rs)),
                              failures=str(sum(not r.passed for r in rs)), errors="0",
                              skipped="0", time="%.3f" % sum(r.seconds for r in rs))
        for r in rs:
            case = ET.SubElement(suite, "testcase", classname=module,
                                 name="Exercise %s %s (%s)" % (r.task, r.name, r.visibility),
                                 time="%.3f" % r.seconds)
            if not r.passed:
                failure = ET.SubElement(case, "failure", message=printable(r.message)[:500])
                failure.text = "\n".join(explain(r))
    return ET.tostring(root, encoding="unicode")


# -- plain JSON ----------------------------------------------------------------

def plain(results, *, seconds=0.0, submission="", error=None):
    got, most = total(results)
    return {
        "submission": submission, "score": _num(got), "max_score": _num(most),
        "error": error,
        "seconds": round(seconds, 3),
        "steps": [{"module": r.module, "task": r.task, "check": r.name,
                   "visibility": r.visibility, "passed": r.passed,
                   "points": _num(r.points), "max_points": _num(r.max_points),
                   "message": r.message, "detail": _jsonable(r.detail)}
                  for r in results],
    }


def _jsonable(x):
    """Plain, strict JSON (the one walker, ``wire.to_plain``): nan and inf
    become the strings "nan", "inf"; no deeper than 40 levels (deeper parts
    become "..."); anything else its ``repr``."""
    return wire.to_plain(x, other=show, key=str, max_depth=39, deep="...",
                         number=lambda f: f if math.isfinite(f) else repr(f))


# -- writing -------------------------------------------------------------------

def render(fmt, results, *, seconds=0.0, submission="", summary="", hidden_ran=None,
           error=None):
    """The file text for ``fmt``; ``error``: the grader's own traceback, if it failed."""
    if fmt == "gradescope":
        return json.dumps(gradescope(results, seconds=seconds, summary=summary, error=error),
                          indent=1, allow_nan=False)
    if fmt == "prairielearn":
        return json.dumps(prairielearn(results, summary=summary, error=error), indent=1,
                          allow_nan=False)
    if fmt == "junit":
        return junit(results, seconds=seconds, error=error)
    if fmt == "json":
        return json.dumps(plain(results, seconds=seconds, submission=submission, error=error),
                          indent=1, allow_nan=False)
    if fmt == "text":
        text = text_report(results, submission=submission, hidden_ran=hidden_ran)
        return text + ("\n" + summary + "\n" + error if error else "")
    raise ValueError("unknown format %r; choose one of %s" % (fmt, ", ".join(FORMATS)))


def write_atomic(path, text):
    """Write ``text`` to ``path`` so that a reader never sees half a file.
    The folder must exist (``grader.py`` creates it: PrairieLearn does not)."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".results-", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
