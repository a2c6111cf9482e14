"""How a grading check is written.

A check is a plain function in ``tests/checks/test_exNN_*.py`` that pytest and
``grader.py`` both run. It gets a ``student`` handle, asks the student's code
for answers with ``student.call(...)`` (the student's code runs in another
process; only plain data comes back), computes the expected answer itself
from an independent oracle, and compares with ``expect_close``::

    MODULE = "ex06_worked_network"          # the exercise file it grades
    ALLOWED_IMPORTS = ["math"]              # what that file may import

    @check("Exercise 6.5", points=2, visibility="hidden")
    def test_dL_dw35(student):
        "dL/dw35 = a3 * tanh'(z5) * delta5 on seeded inputs."
        for a3, z5, delta5 in cases(seed=65, n=5):
            got = student.call("dL_dw35", a3, z5, delta5)
            expect_close(got, a3 * (1 - math.tanh(z5) ** 2) * delta5,
                         inputs=dict(a3=a3, z5=z5, delta5=delta5),
                         what="dL/dw35",
                         mistakes={"a5 instead of a3": (math.tanh(z5) * ..., "...")})

The task id ("6.5", printed as "Exercise 6.5") is the one string a student
can grep to find the stub, its docstring, this check and the grader's
message. Visibility follows Gradescope: "visible", "hidden",
"after_due_date", "after_published". The check's docstring is the
"what was checked" line of the feedback.
"""

import math
import random

from grading.names import task_id
from grading.show import show

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")

__all__ = [
    "check", "CheckFailed", "StudentError", "Fn", "Callback", "expect_close", "expect_equal",
    "expect_true", "seeded", "VISIBILITIES",
]


class CheckFailed(AssertionError):
    """A step is wrong. Carries what the student needs to fix it.

    An AssertionError, so pytest shows it as an ordinary failed test.
    """

    def __init__(self, message, *, what="", inputs=None, expected=None, got=None,
                 hint=""):
        super().__init__(message)
        self.message = message
        self.what = what
        self.inputs = inputs
        self.expected = expected
        self.got = got
        self.hint = hint

    def __str__(self):
        """The whole feedback, so that ``python -m pytest tests/checks``
        shows the same inputs, expected value, answer and hint as the grader."""
        lines = [self.message]
        if self.inputs:
            lines.append("inputs:   %s" % (self.inputs,))
        if isinstance(self.expected, (list, tuple, dict)):
            lines.append("expected: %s" % _fmt(self.expected))
            lines.append("got:      %s" % _fmt(self.got))
        if self.hint:
            lines.append("hint:     %s" % self.hint)
        return "\n".join(lines)


class StudentError(CheckFailed):
    """The student's code did not give an answer: it raised, crashed, hung,
    returned something that is not plain data, or broke the rules.

    ``kind`` is one of: "exception", "not_implemented" (an untouched stub),
    "timeout", "exit", "crash", "memory", "output", "bad_return",
    "forbidden", "import", "not_found". ``info`` is the sandbox child's
    structured record of it when the child reported it
    (``grading.sandbox.wire``: {"kind": "exception", "type": "IndexError",
    ...}), else {}.
    """

    def __init__(self, kind, message, *, detail="", info=None):
        super().__init__(message, hint=detail)
        self.kind = kind
        self.detail = detail
        self.info = dict(info or {})

    def __str__(self):
        return self.message + ("\n" + self.detail if self.detail else "")


class Fn:
    """A function argument for a student function, by name.

    The student's process cannot receive the grader's own function objects;
    it receives this reference and looks the function up in
    ``grading/public.py`` (public on purpose: it holds test functions such as
    ``f(x) = sum of x_i ** 2``, never an oracle or an expected answer).
    ``Fn("quadratic", 2.0)`` passes ``public.quadratic`` with the extra
    argument 2.0 bound (functools.partial style).
    """

    __slots__ = ("name", "args")

    def __init__(self, name, *args):
        self.name = name
        self.args = list(args)

    def to_wire(self):
        return {"__fn__": self.name, "args": self.args}

    def __repr__(self):
        inner = ", ".join([repr(self.name)] + [repr(a) for a in self.args])
        return "Fn(%s)" % inner


class Callback:
    """A function of the grader's, passed to student code as an argument.

    The student's code receives a stand-in that forwards each call over the
    private channel: the child asks, the grader evaluates ``fn`` here, in
    its own process, counts the call and sends the value back. So what a
    check learns about how the student's code used the function (how often
    it was called, with what) is observed by the grader, and nothing the
    student's code does in its own process can change it (issue 12,
    finding 1: a count kept in the child could be forged).

    ``calls`` is the number of calls. ``limit`` bounds the calls of one step (the step's time budget
    applies as well); ``label`` is how the grader's messages show the
    argument, ``name`` what the student's code sees (the stand-in's name).
    Arguments and values are plain data (numbers, lists, strings).
    """

    def __init__(self, fn, label="a function", limit=10000, name="f"):
        self.fn = fn
        self.label = label
        self.name = name
        self.limit = limit
        self.calls = 0

    def __call__(self, *args):
        """One call, as the child asked for it: counted, then evaluated."""
        self.calls += 1
        return self.fn(*args)

    def __repr__(self):
        return self.label


def check(task, points=1, visibility="visible", timeout=None, uses=()):
    """Mark a function as a grading check for ``Exercise <task>``.

    ``task`` is "Exercise 6.9" (or just "6.9"): the same string as in the
    stub's docstring and the grader's message, so one grep finds all three.

    ``points`` it is worth, Gradescope ``visibility``, and an optional
    per-call ``timeout`` in seconds (the grader's default otherwise).

    ``uses`` names the student's earlier steps that this step's function
    calls (``uses=("2.2",)``): when one of those fails its own checks, this
    step's failure is blamed on it ("this uses your 2.2, which fails: fix
    2.2 first") and this step's own hint is held back.
    """
    if visibility not in VISIBILITIES:
        raise ValueError("check(%r): visibility must be one of %s, got %r"
                         % (task, ", ".join(VISIBILITIES), visibility))
    if not isinstance(points, (int, float)) or isinstance(points, bool) or points < 0:
        raise ValueError("check(%r): points must be a non-negative number, got %r"
                         % (task, points))

    task = task_id(task)
    if isinstance(uses, str):
        uses = (uses,)
    uses = tuple(task_id(u) for u in uses)

    def mark(fn):
        fn._check = {"task": task, "points": points, "visibility": visibility,
                     "timeout": timeout, "uses": uses}
        return fn

    return mark


# -- comparing answers ------------------------------------------------------

def _is_number(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _fmt(x):
    """A short text of a value for a message: 12 items a level, 6 levels,
    300 characters a leaf (it may be the student's answer)."""
    return show(x, items=12, depth=6, leaf=300)


def _close(a, b, rel, abs_):
    if a == b:
        return True
    if not (math.isfinite(a) and math.isfinite(b)):
        return False  # inf is not "close" to everything (inf - e <= rel * inf)
    return abs(a - b) <= max(abs_, rel * max(abs(a), abs(b)))


def _first_mismatch(got, expected, rel, abs_, path=""):
    """None if ``got`` matches ``expected`` (numbers, nested lists), else a
    short description of the first difference."""
    if _is_number(expected):
        if isinstance(got, bool):  # True where a number is expected counts as 1 (Python's own rule)
            got = int(got)
        if not _is_number(got):
            return "%s should be a number, got %s (%s)" % (path or "it", _fmt(got),
                                                          type(got).__name__)
        if got != got:
            return "%s is nan" % (path or "it")
        if not _close(float(got), float(expected), rel, abs_):
            return "%sexpected %s, got %s" % (path + ": " if path else "", _fmt(expected),
                                              _fmt(got))
        return None
    if isinstance(expected, (list, tuple)):
        if not isinstance(got, (list, tuple)):
            return "%s should be a list of length %d, got %s (%s)" % (
                path or "it", len(expected), _fmt(got), type(got).__name__)
        if len(got) != len(expected):
            return "%s should have length %d, got length %d" % (
                path or "it", len(expected), len(got))
        for i, (g, e) in enumerate(zip(got, expected)):
            m = _first_mismatch(g, e, rel, abs_, "%s[%d]" % (path, i) if path else "[%d]" % i)
            if m:
                return m
        return None
    if got != expected or type(got) is not type(expected):
        return "%sexpected %r, got %r" % (path + ": " if path else "", expected, got)
    return None


def _pick_hint(hint, mistakes, mismatch):
    """The hints of every typical mistake the answer matches (several wrong
    derivations can give the same number on one input: say so), else ``hint``."""
    matched = []
    for name, (wrong, wrong_hint) in (mistakes or {}).items():
        if mismatch(wrong) is None and wrong_hint not in matched:
            matched.append(wrong_hint)
    if not matched:
        return hint
    if len(matched) == 1:
        return matched[0]
    return "one of these (they give the same value here): " + " | ".join(matched)


def _shape(x):
    """(rows, columns) of a list of equal-length lists of numbers, else None."""
    if isinstance(x, (list, tuple)) and x and all(isinstance(r, (list, tuple)) for r in x):
        widths = {len(r) for r in x}
        if len(widths) == 1:
            return len(x), widths.pop()
    return None


def _transposed_shape(got, expected):
    """A note when ``got`` has the shape of the transpose of ``expected``."""
    want, have = _shape(expected), _shape(got)
    if want and have and want != have and have == want[::-1]:
        return ("Your matrix is %dx%d where a %dx%d matrix is expected: the shape of its "
                "transpose." % (have + want))
    return ""


def expect_close(got, expected, *, inputs=None, what="the answer", rel=1e-6, abs=1e-9,
                 hint="", mistakes=None):
    """Pass if ``got`` equals ``expected`` within tolerance, element by element.

    ``expected`` is a number or a (nested) list of numbers, computed by the
    check from an independent oracle. ``mistakes`` maps a short name of a
    typical wrong derivation to ``(wrong_value, hint)``; when the student's
    answer matches a wrong value, that hint is shown instead of ``hint``.
    Raises ``CheckFailed`` with inputs, expected, got and the hint.
    """
    problem = _first_mismatch(got, expected, rel, abs)
    if problem is None:
        return
    chosen = _pick_hint(hint, mistakes, lambda wrong: _first_mismatch(got, wrong, rel, abs))
    swapped = _transposed_shape(got, expected)
    if swapped:
        chosen = swapped + (" " + chosen if chosen else "")
    raise CheckFailed("%s is wrong: %s" % (what, problem), what=what, inputs=inputs,
                      expected=expected, got=got, hint=chosen)


def expect_equal(got, expected, *, inputs=None, what="the answer", hint="", mistakes=None):
    """Pass if ``got == expected`` exactly (labels, counts, booleans)."""
    if type(got) in (int, float, bool) and type(expected) in (int, float) and got == expected:
        return
    if _first_mismatch(got, expected, 0.0, 0.0) is None:
        return
    chosen = _pick_hint(hint, mistakes, lambda wrong: _first_mismatch(got, wrong, 0.0, 0.0))
    raise CheckFailed("%s is wrong: expected %s, got %s" % (what, _fmt(expected), _fmt(got)),
                      what=what, inputs=inputs, expected=expected, got=got, hint=chosen)


def expect_true(condition, message, *, inputs=None, got=None, hint=""):
    """Pass if ``condition`` holds; otherwise fail with ``message``."""
    if not condition:
        raise CheckFailed(message, what=message, inputs=inputs, got=got, hint=hint)


def seeded(seed, n, make):
    """``n`` cases from ``make(rng)`` with ``rng = random.Random(seed)``.

    >>> seeded(1, 2, lambda rng: round(rng.uniform(-1, 1), 3))
    [-0.731, 0.695]
    """
    rng = random.Random(seed)
    return [make(rng) for _ in range(n)]


def away_from_kinks(rng, lo=-2.0, hi=2.0, margin=0.1, kinks=(0.0,)):
    """A uniform float in [lo, hi] at least ``margin`` from every kink."""
    while True:
        x = rng.uniform(lo, hi)
        if all(math.fabs(x - k) >= margin for k in kinks):
            return x
