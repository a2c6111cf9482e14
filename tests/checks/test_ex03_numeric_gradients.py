"""Exercise 03: Numerical differentiation and its cost (seed 000, "Numerical Differentiation"; CS231n gradient check)."""

import math

from grading.check import check, expect_close, expect_equal, expect_true, seeded, Callback, Fn
from grading.public import FUNCTIONS
from minigrad import numeric

MODULE = "ex03_numeric_gradients"
ALLOWED_IMPORTS = ["math"]


# -- the error functions, as the student's code sees them -------------------------
# The student receives Fn(name, *bound) and calls it as L(theta); here the grader
# evaluates the same public function itself, to compute the difference quotients
# the formulas define (exactly, with the same finite eps).

def _L(fn):
    f = FUNCTIONS[fn.name]
    return lambda theta: f(list(theta), *fn.args)


# -- oracles -------------------------------------------------------------------------
# Visible checks (which `grader.py release` gives to students) take their expected
# values from minigrad.numeric, public by design: numerical_gradient with h = eps
# (forward or central), count_evaluations, relative_error, and value_gradient for
# e_t (the gradient of theta -> theta_t). Hidden checks use the closed forms in
# the _hidden_ functions, which the release strips. Each helper gets the oracles as a
# dict: LIBRARY or _hidden_ORACLES.

def _library_indicator(P, t):
    """e_t = the gradient of theta -> theta_t, by minigrad autodiff (theta = 0)."""
    return numeric.value_gradient(lambda v: v[t], [0.0] * P)


def _library_fd(fn, theta, t, eps):
    """Component t of minigrad.numeric.numerical_gradient(L, theta, h=eps, "forward")."""
    return numeric.numerical_gradient(_L(fn), theta, h=eps, method="forward")[t]


def _library_cd(fn, theta, t, eps):
    """Component t of minigrad.numeric.numerical_gradient(L, theta, h=eps, "central")."""
    return numeric.numerical_gradient(_L(fn), theta, h=eps, method="central")[t]


LIBRARY = {"indicator": _library_indicator, "fd": _library_fd, "cd": _library_cd,
           "calls": numeric.count_evaluations, "rel": numeric.relative_error}


def _hidden_indicator(P, t):
    return [1.0 if i == t % P else 0.0 for i in range(P)]


def _hidden_fd(fn, theta, t, eps):
    """Seed 000's forward difference (L(theta + eps e_t) - L(theta)) / eps."""
    L, plus = _L(fn), list(theta)
    plus[t] = theta[t] + eps
    return (L(plus) - L(theta)) / eps


def _hidden_cd(fn, theta, t, eps):
    """The central difference (L(theta + eps e_t) - L(theta - eps e_t)) / (2 eps)."""
    L, plus, minus = _L(fn), list(theta), list(theta)
    plus[t], minus[t] = theta[t] + eps, theta[t] - eps
    return (L(plus) - L(minus)) / (2.0 * eps)


def _hidden_calls(P, method):
    return 2 * P if method == "central" else P + 1


def _hidden_rel(a, n):
    return abs(a - n) / max(abs(a), abs(n), 1e-8)


_hidden_ORACLES = {"indicator": _hidden_indicator, "fd": _hidden_fd, "cd": _hidden_cd,
                   "calls": _hidden_calls, "rel": _hidden_rel}


# closed-form derivatives of the test functions (for the accuracy checks)
def _hidden_grad_closed(fn, theta):
    if fn.name == "sum_of_squares":
        return [2.0 * v for v in theta]
    if fn.name == "sin_product":
        return [math.cos(theta[0]) * theta[1] + 0.5 * math.exp(0.5 * theta[0]),
                math.sin(theta[0])]
    if fn.name == "tanh_sum":
        scale = fn.args[0] if fn.args else 1.0
        return [scale * (1.0 - math.tanh(scale * sum(theta)) ** 2)] * len(theta)
    if fn.name == "hinge_average":
        X, T = fn.args
        w, b = theta[:-1], theta[-1]
        g = [0.0] * len(theta)
        for x, t in zip(X, T):
            if (sum(wi * xi for wi, xi in zip(w, x)) + b) * t < 0:
                for i, v in enumerate(list(x) + [1.0]):
                    g[i] -= t * v / len(X)
        return g
    raise KeyError(fn.name)


HINGE_X = [[1.0, 2.0], [-1.5, 0.5], [0.5, -1.0], [2.0, 1.5], [-0.5, -2.0]]
HINGE_T = [1, -1, 1, -1, 1]


def _hinge_theta(rng, eps):
    """theta = [w1, w2, b] whose every z(j) is further than the eps-steps can move it
    from the kink, so each difference quotient sees one linear piece."""
    while True:
        theta = [rng.uniform(-2, 2) for _ in range(3)]
        zs = [theta[0] * x[0] + theta[1] * x[1] + theta[2] for x in HINGE_X]
        if all(abs(z) > 2 * eps * (abs(x[0]) + abs(x[1]) + 1) + 0.05 for z, x in zip(zs, HINGE_X)):
            return theta


def _theta(rng, P):
    return [rng.uniform(-1.5, 1.5) for _ in range(P)]


def _cases(seed, n_cases=6):
    """Data (not an oracle): seeded (Fn, theta, eps) with P from 1 to 6, across the test
    functions; the hinge's theta keeps every z(j) away from its kink."""
    def make(r):
        kind = r.choice(["squares", "tanh", "sin", "hinge"])
        eps = r.choice([1e-3, 1e-2, 0.1])
        if kind == "squares":
            return Fn("sum_of_squares"), _theta(r, r.randint(1, 6)), eps
        if kind == "tanh":
            return Fn("tanh_sum", r.choice([0.5, 1.5])), _theta(r, r.randint(1, 5)), eps
        if kind == "sin":
            return Fn("sin_product"), _theta(r, 2), eps
        return Fn("hinge_average", HINGE_X, HINGE_T), _hinge_theta(r, eps), eps
    return seeded(seed, n_cases, make)


# -- hints, bookkeeping steps, what an exception usually means --------------------------

BOOKKEEPING = ("Exercise 3.1", "Exercise 3.2", "Exercise 3.6", "Exercise 3.7")

HINTS = {
    "Exercise 3.1": [
        "e_t is the unit vector of parameter t: P entries, exactly one of them 1.",
        "All entries are 0.0 except the one at position t, counted from 0, which is 1.0.",
    ],
    "Exercise 3.2": [
        "This is the seed's definition of the derivative with the limit dropped: eps is the "
        "finite step you are given.",
        "Build a new list, theta plus eps times e_t (only entry t moves), evaluate L there "
        "and at theta itself, and divide the difference by eps.",
    ],
    "Exercise 3.3": [
        "The gradient has one forward difference per parameter t, for t from 0 to P - 1.",
        "Write the P quotients side by side: one of the two points in each of them is the "
        "same for every t. How many different points must L be evaluated at?",
        "L at theta itself is needed by every component: evaluate it once, before going "
        "through the parameters, and reuse it; then one new evaluation per parameter. "
        "Count each evaluation as it happens, and move a new copy of theta each time.",
    ],
    "Exercise 3.4": [
        "The central difference is the slope of a secant through two points placed "
        "symmetrically around theta along parameter t.",
        "Evaluate L at theta moved by plus eps along e_t and at theta moved by minus eps; "
        "the slope is the rise between the two values over the run between the two points.",
        "The run from theta minus eps e_t to theta plus eps e_t is 2 eps, not eps; the "
        "value at the plus point comes first in the difference; each point is a new list.",
    ],
    "Exercise 3.5": [
        "One central difference per parameter, as in Exercise 3.4.",
        "Can an evaluation made for one parameter be reused for another? Both points of a "
        "quotient move only entry t, and theta itself is not among them.",
        "No point is shared, so each parameter costs its own two evaluations: count two per "
        "parameter and report the count you made.",
    ],
    "Exercise 3.6": [
        "The relative error divides the size of the difference by the size of the larger "
        "of the two values.",
        "Take the absolute difference of a and n and divide it by the largest of three "
        "numbers: the absolute value of a, the absolute value of n, and the floor 1e-8.",
    ],
    "Exercise 3.7": [
        "A measurement: for every eps, both differences (your 3.2 and 3.4) and their "
        "distance to the exact derivative you are given.",
        "Each row holds eps, then the absolute error of the forward difference, then that of "
        "the central difference, in the order of epss. Watch the columns fall and then rise: "
        "below some eps the two values of L agree in almost all their digits, and their "
        "difference is mostly rounding.",
    ],
    "Exercise 3.8": [
        "The best eps of a column is the row where that column's error is smallest; it is "
        "not the smallest eps, because two errors compete.",
        "Truncation: the forward difference is off by about eps/2 times the second "
        "derivative, the central one by about eps squared over 6 times the third. "
        "Cancellation: each value of L carries a rounding error near 1e-16 of its size, and "
        "dividing their difference by eps blows it up like 1e-16/eps.",
        "The best eps balances the two: for the forward difference eps against 1e-16/eps, "
        "near the square root of 1e-16; for the central one eps squared against 1e-16/eps, "
        "near the cube root. The larger best eps of the central difference divides the "
        "rounding by more, and its truncation is smaller too: so its best error is smaller. "
        "Report the eps and that column's error of the same row.",
    ],
}

ERRORS = {
    "Exercise 3.1": {"IndexError": "Usually t used as if counted from 1, or a list shorter than "
                                   "P: the parameters are numbered 0 to P - 1."},
    "Exercise 3.2": {"TypeError": "Usually eps times a whole list, or a list plus a number: "
                                  "move entry t of a new list, or add entry by entry.",
                     "IndexError": "Usually e_t or the moved point built with the wrong length: "
                                   "both have P entries."},
    "Exercise 3.3": {"TypeError": "Usually eps times a whole list, or L called with something "
                                  "other than a list of P floats."},
    "Exercise 3.4": {"TypeError": "Usually eps times a whole list, or a list minus a number: "
                                  "move entry t of a new list."},
    "Exercise 3.6": {"ZeroDivisionError": "Usually the floor 1e-8 left out of the denominator: "
                                          "with a = n = 0 it keeps the quotient finite."},
    "Exercise 3.7": {"TypeError": "Usually L or a difference called with arguments in another "
                                  "order: 3.2 and 3.4 take (L, theta, t, eps)."},
    "Exercise 3.8": {"ValueError": "min() of an empty list: build the table of 3.7 first, one "
                                   "row per eps."},
}

SAME_LIST = ("theta itself was changed: a moved entry stayed moved (the moved point must be a "
             "new list, not the same list as theta under another name).")


# -- 3.1 indicator -----------------------------------------------------------------

def _check_indicator(student, P, t, oracle):
    got = student.call("indicator", P, t)
    expected = oracle["indicator"](P, t)
    one_based = oracle["indicator"](P, t - 1)  # the 1 one place early (t = 0: at the end)
    expect_close(got, expected, inputs=dict(P=P, t=t), what="e_t",
                 hint="e_t has P entries, all 0.0 except a 1.0 at position t.",
                 mistakes={"one-based": (one_based, "Off by one: parameters are numbered from "
                                         "0 here, so e_t has its 1 at index t (not t - 1).")}
                 if P > 1 else None)


def _indicator_cases(seed, n_cases):
    return seeded(seed, n_cases, lambda r: (lambda P: (P, r.randrange(1, P)))(r.randint(2, 9)))


@check("Exercise 3.1", points=1, visibility="visible")
def test_indicator_example(student):
    """e_1 for P = 4, three seeded P and t, and the edges t = 0, t = P - 1 and P = 1."""
    for P, t in [(4, 1)] + _indicator_cases(301, 3) + [(3, 0), (3, 2), (1, 0)]:
        _check_indicator(student, P, t, LIBRARY)


@check("Exercise 3.1", points=2, visibility="hidden")
def test_indicator_seeded(student):
    """e_t for seeded P and t, including t = 0, t = P - 1 and P = 1."""
    for P, t in _indicator_cases(31, 4) + [(5, 0), (5, 4), (1, 0)]:
        _check_indicator(student, P, t, _hidden_ORACLES)


# -- 3.2 forward difference ---------------------------------------------------------

def _check_fd(student, fn, theta, t, eps, oracle):
    got = student.call("forward_difference", fn, theta, t, eps)
    L = _L(fn)
    fd = oracle["fd"](fn, theta, t, eps)
    # every parameter moved by eps: the forward difference of s -> L(theta + s * ones) at 0
    everything = numeric.numerical_gradient(lambda s: L([v + s[0] for v in theta]), [0.0],
                                            h=eps, method="forward")[0]
    mistakes = {
        "central": (oracle["cd"](fn, theta, t, eps), "That is the central difference. This "
                    "step is the seed's forward difference (L(theta + eps e_t) - L(theta)) "
                    "/ eps."),
        "sign": (-fd, "Sign slip: the quotient is (L(theta + eps e_t) - L(theta)) / eps."),
        "no division": (fd * eps, "You forgot to divide by eps."),
        "all parameters": (everything, "You moved every parameter by eps. e_t is a unit "
                           "vector: only theta_t moves."),
        "same list": (0.0, "Your quotient is 0: " + SAME_LIST),
    }
    if len(theta) > 1:
        mistakes["wrong index"] = (oracle["fd"](fn, theta, t - 1 if t > 0 else len(theta) - 1,
                                                eps),
                                   "You perturbed the wrong parameter: parameters are "
                                   "numbered from 0, so move theta[t].")
    expect_close(got, fd, inputs=dict(L=repr(fn), theta=theta, t=t, eps=eps),
                 what="the forward difference",
                 hint="Evaluate (L(theta + eps e_t) - L(theta)) / eps with theta + eps e_t a new "
                      "list, using the eps you were given.",
                 mistakes=mistakes)


@check("Exercise 3.2", points=1, visibility="visible", uses=("3.1",))
def test_fd_example(student):
    """The forward difference of sum_i theta_i^2 at theta = [3, 1], t = 0, eps = 0.5 (the docstring's 6.5), and on three seeded functions, theta, t, eps."""
    _check_fd(student, Fn("sum_of_squares"), [3.0, 1.0], 0, 0.5, LIBRARY)
    for i, (fn, theta, eps) in enumerate(_cases(302, 3)):
        _check_fd(student, fn, theta, (3 * i + 1) % len(theta), eps, LIBRARY)


@check("Exercise 3.2", points=2, visibility="hidden", uses=("3.1",))
def test_fd_seeded(student):
    """The forward difference formula's exact value on seeded functions, parameters, t and eps."""
    for i, (fn, theta, eps) in enumerate(_cases(32)):
        _check_fd(student, fn, theta, (3 * i + 1) % len(theta), eps, _hidden_ORACLES)


# -- 3.3 / 3.5 full gradients with their evaluation counts -------------------------------

def _drifted(fn, theta, eps, central):
    """The gradient of code that moves theta itself and never moves it back: component t is
    computed after entries 0..t-1 were moved (central: moved by + eps and - eps, so back)."""
    L, moved, out = _L(fn), list(theta), []
    if central:
        return None
    L0 = L(theta)
    for t in range(len(moved)):
        moved[t] += eps
        out.append((L(moved) - L0) / eps)
    return out


def _counted(fn):
    """L for the student's code, evaluated and counted here in the grader's process: the
    student's code calls a stand-in that asks the grader for each value (issue 12: a count
    kept in the student's process could be forged)."""
    return Callback(_L(fn), label=repr(fn), limit=1000, name="L")


def _check_gradient(student, step, fn, theta, eps, central, oracle):
    L = _counted(fn)
    answer = student.call(step, L, list(theta), eps)
    calls = L.calls
    P = len(theta)
    inputs = dict(L=fn, theta=theta, eps=eps, P=P)
    expect_true(isinstance(answer, list) and len(answer) == 2,
                "%s must return a list [gradient, evaluations]" % step, inputs=inputs,
                got=answer)
    fd = [oracle["fd"](fn, theta, t, eps) for t in range(P)]
    cd = [oracle["cd"](fn, theta, t, eps) for t in range(P)]
    if central:
        expect_close(answer[0], cd, inputs=inputs, what="the central-difference gradient",
                     hint="grad_t is the central difference of Exercise 3.4, for t = 0..P-1.",
                     mistakes={"forward": (fd, "That is the forward-difference gradient; this "
                                           "step uses central differences.")})
    else:
        wrong = {"central": (cd, "That is the central-difference gradient; this "
                             "step is the seed's forward difference.")}
        drifted = _drifted(fn, theta, eps, central)
        if P > 1 and drifted != fd:
            wrong["same list"] = (drifted, "From the second parameter on your gradient is "
                                  "off: " + SAME_LIST)
        expect_close(answer[0], fd, inputs=inputs, what="the forward-difference gradient",
                     hint="grad_t = (L(theta + eps e_t) - L(theta)) / eps for t = 0..P-1.",
                     mistakes=wrong)
    expected_calls = oracle["calls"](P, "central" if central else "forward")
    if central:
        calls_hint = ("The central difference needs L at theta + eps e_t and at "
                      "theta - eps e_t for every t, and no point is shared: two calls per "
                      "parameter, no more.")
        calls_mistakes = {}
    else:
        calls_hint = ("Evaluate L(theta) once, before the loop, and reuse it; then one call "
                      "per parameter.")
        twice = ("L was called twice per parameter: L(theta) is the same for every t, so "
                 "evaluate it once and reuse it.")
        two_per = oracle["calls"](P, "central")
        calls_mistakes = {"2P": (two_per, twice), "2P+1": (two_per + 1, twice)} if P > 1 else {}
    expect_equal(calls, expected_calls, inputs=inputs,
                 what="the number of times your code called L", hint=calls_hint,
                 mistakes=calls_mistakes)
    expect_equal(answer[1], calls, inputs=inputs,
                 what="the evaluations you reported (the grader counted the real calls)",
                 hint="Count every call of L as you make it, and return that count.")


@check("Exercise 3.3", points=2, visibility="visible", uses=("3.1",))
def test_gradient_example(student):
    """The forward-difference gradient of sum_i theta_i^2 at [3, 1] with eps = 0.5 (the docstring's example), on three seeded functions (P up to 6), and with P = 1; each with its counted evaluations."""
    _check_gradient(student, "numeric_gradient", Fn("sum_of_squares"), [3.0, 1.0], 0.5, False,
                    LIBRARY)
    for fn, theta, eps in _cases(303, 3):
        _check_gradient(student, "numeric_gradient", fn, theta, eps, False, LIBRARY)
    _check_gradient(student, "numeric_gradient", Fn("tanh_sum", 1.5), [0.75], 0.1, False,
                    LIBRARY)


@check("Exercise 3.3", points=4, visibility="hidden", uses=("3.1",))
def test_gradient_seeded(student):
    """Forward-difference gradients on seeded functions with P = 1 to 7, each with its counted evaluations."""
    for fn, theta, eps in _cases(33):
        _check_gradient(student, "numeric_gradient", fn, theta, eps, False, _hidden_ORACLES)
    _check_gradient(student, "numeric_gradient", Fn("sum_of_squares"), [0.5] * 7, 1e-2, False,
                    _hidden_ORACLES)


# -- 3.4 central difference -------------------------------------------------------------

def _check_cd(student, fn, theta, t, eps, oracle):
    got = student.call("central_difference", fn, theta, t, eps)
    cd = oracle["cd"](fn, theta, t, eps)
    expect_close(got, cd, inputs=dict(L=repr(fn), theta=theta, t=t, eps=eps),
                 what="the central difference",
                 hint="The slope of the secant through theta - eps e_t and theta + eps e_t: "
                      "the rise between the two values over the run between the two points.",
                 mistakes={
                     "no 2": (2.0 * cd, "The two points are 2 eps apart: "
                              "divide by 2 eps, not eps."),
                     "forward": (oracle["fd"](fn, theta, t, eps), "That is the forward "
                                 "difference; use L(theta + eps e_t) and "
                                 "L(theta - eps e_t)."),
                     "sign": (-cd, "Sign slip: L(theta + eps e_t) comes first."),
                     "same list": (0.0, "Your slope is 0: both values were taken at the same "
                                   "point. The two points are theta + eps e_t and "
                                   "theta - eps e_t, each a new list (or " + SAME_LIST + ")"),
                 })


@check("Exercise 3.4", points=2, visibility="visible", uses=("3.1",))
def test_cd_example(student):
    """The central difference of sum_i theta_i^2 at theta = [3, 1], t = 0, eps = 0.5 (= 6 exactly), and on three seeded functions, theta, t, eps."""
    _check_cd(student, Fn("sum_of_squares"), [3.0, 1.0], 0, 0.5, LIBRARY)
    for i, (fn, theta, eps) in enumerate(_cases(304, 3)):
        _check_cd(student, fn, theta, (2 * i + 1) % len(theta), eps, LIBRARY)


@check("Exercise 3.4", points=4, visibility="hidden", uses=("3.1",))
def test_cd_seeded(student):
    """The central difference formula's exact value on seeded functions, parameters, t and eps."""
    for i, (fn, theta, eps) in enumerate(_cases(34)):
        _check_cd(student, fn, theta, (2 * i + 1) % len(theta), eps, _hidden_ORACLES)


# -- 3.5 the central-difference gradient -----------------------------------------------------

@check("Exercise 3.5", points=2, visibility="visible", uses=("3.4",))
def test_gradient_central_example(student):
    """The central-difference gradient of sum_i theta_i^2 at [3, 1] with eps = 0.5 (the docstring's example), on three seeded functions, and with P = 1; each with its counted evaluations."""
    _check_gradient(student, "numeric_gradient_central", Fn("sum_of_squares"), [3.0, 1.0],
                    0.5, True, LIBRARY)
    for fn, theta, eps in _cases(305, 3):
        _check_gradient(student, "numeric_gradient_central", fn, theta, eps, True, LIBRARY)
    _check_gradient(student, "numeric_gradient_central", Fn("tanh_sum", 1.5), [0.75], 0.1,
                    True, LIBRARY)


@check("Exercise 3.5", points=4, visibility="hidden", uses=("3.4",))
def test_gradient_central_seeded(student):
    """Central-difference gradients on seeded functions (each with its counted evaluations), and their accuracy against closed-form derivatives."""
    for fn, theta, eps in _cases(35):
        _check_gradient(student, "numeric_gradient_central", fn, theta, eps, True,
                        _hidden_ORACLES)
    # accuracy: with eps = 1e-4 the central difference matches the true gradient to ~1e-8
    hinge = Fn("hinge_average", HINGE_X, HINGE_T)
    accuracy_cases = (seeded(351, 3, lambda r: (Fn("tanh_sum", 1.5), _theta(r, 3)))
                      + seeded(352, 2, lambda r: (Fn("sin_product"), _theta(r, 2)))
                      + seeded(353, 2, lambda r: (hinge, _hinge_theta(r, 1e-4))))
    for fn, theta in accuracy_cases:
        answer = student.call("numeric_gradient_central", _counted(fn), list(theta), 1e-4)
        expect_close(answer[0], _hidden_grad_closed(fn, theta), rel=1e-6, abs=1e-8,
                     inputs=dict(L=repr(fn), theta=theta, eps=1e-4),
                     what="the central-difference gradient (against the closed-form gradient)",
                     hint="With eps = 1e-4 the central difference should agree with the true "
                          "derivative to about 1e-8.")


# -- 3.6 relative error -----------------------------------------------------------------------

def _check_rel(student, a, n, oracle):
    got = student.call("relative_error", a, n)
    expected = oracle["rel"](a, n)
    expect_close(got, expected, inputs=dict(a=a, n=n), what="the relative error",
                 hint="|a - n| / max(|a|, |n|, 1e-8).",
                 mistakes={
                     "sum": (abs(a - n) / max(abs(a) + abs(n), 1e-8),
                             "The denominator is max(|a|, |n|, 1e-8), not |a| + |n|."),
                     "no abs": (math.copysign(expected, a - n),
                                "Take the absolute value of the difference: |a - n|."),
                     "by a": (abs(a - n) / max(abs(a), 1e-8),
                              "Divide by the larger of |a| and |n| (and 1e-8), so the error "
                              "is symmetric in a and n."),
                 })


def _rel_cases(seed, n_cases):
    """Seeded pairs with |n| > |a| and a - n < 0 in the first (so that the typical mistakes
    all show), then pairs of both signs."""
    cases = seeded(seed, n_cases, lambda r: (r.uniform(-3, 3), r.uniform(-3, 3)))
    a, n = cases[0]
    cases[0] = (min(abs(a), abs(n)) * 0.5, max(abs(a), abs(n)) + 0.5)
    return cases


@check("Exercise 3.6", points=1, visibility="visible")
def test_rel_example(student):
    """The relative error of 2.0 against 2.1 and of 0 against 0 (the docstring's), three seeded pairs, equal values, and values below the 1e-8 floor."""
    for a, n in [(2.0, 2.1), (0.0, 0.0)] + _rel_cases(306, 3) + [(-1.25, -1.25),
                                                                  (2e-9, -5e-9)]:
        _check_rel(student, a, n, LIBRARY)


@check("Exercise 3.6", points=2, visibility="hidden")
def test_rel_seeded(student):
    """The relative error on seeded pairs of both signs, equal values, and values below the 1e-8 floor."""
    for a, n in _rel_cases(36, 5):
        _check_rel(student, a, n, _hidden_ORACLES)
    _check_rel(student, 1.5, 1.5 * (1 + 1e-7), _hidden_ORACLES)
    _check_rel(student, -4.0, 4.0, _hidden_ORACLES)
    _check_rel(student, 1e-10, -3e-10, _hidden_ORACLES)
    _check_rel(student, 5.0, 0.0, _hidden_ORACLES)


# -- 3.7 - 3.8 truncation against cancellation (seed 000: "need to use high precision") ------

U = 2.0 ** -52  # the spacing of floats near 1: every evaluation of L is off by about U |L|


def _noise(fn, theta, eps):
    """A generous bound on the rounding noise of either difference at this eps: a few U |L|
    in the numerator, divided by eps. A correct computation of the same formula in another
    order may differ from the grader's by this much, so a check never decides below it."""
    return 64.0 * U * (abs(_L(fn)(theta)) + 1.0) / eps


def _library_exact(fn, theta, t):
    """dL/dtheta_t by minigrad autodiff (tanh_sum: tanh(scale * sum theta))."""
    scale = fn.args[0] if fn.args else 1.0
    assert fn.name == "tanh_sum"
    return numeric.value_gradient(lambda v: (sum(v) * scale).tanh(), theta)[t]


def _error_table(fn, theta, t, exact, epss, oracle):
    return [[eps, abs(oracle["fd"](fn, theta, t, eps) - exact),
             abs(oracle["cd"](fn, theta, t, eps) - exact)] for eps in epss]


def _check_errors(student, fn, theta, t, exact, epss, oracle):
    got = student.call("difference_errors", fn, theta, t, exact, epss)
    want = _error_table(fn, theta, t, exact, epss, oracle)
    inputs = dict(L=repr(fn), theta=theta, t=t, exact=exact, epss=epss)
    expect_true(isinstance(got, list) and len(got) == len(epss)
                and all(isinstance(r, (list, tuple)) and len(r) == 3 for r in got),
                "difference_errors must return one row [eps, forward_error, central_error] per "
                "eps, in the order of epss", inputs=inputs, got=got)
    for (eps, fe, ce), row in zip(want, got):
        fd, cd = oracle["fd"](fn, theta, t, eps), oracle["cd"](fn, theta, t, eps)
        expect_close(row, [eps, fe, ce], inputs=dict(inputs, eps=eps),
                     what="the row for eps = %g" % eps, rel=1e-6, abs=_noise(fn, theta, eps),
                     hint="Each row is eps, then |forward difference - exact| and |central "
                          "difference - exact| at that eps.",
                     mistakes=_row_mistakes(eps, fd, cd, exact, fe, ce))


def _row_mistakes(eps, fd, cd, exact, fe, ce):
    """Wrong rows; a slip in one column only, or in both, carries the same hint."""
    mistakes = {"swapped": ([eps, ce, fe], "The columns are swapped: the forward difference's "
                                           "error comes first."),
                "against each other": ([eps, abs(fd - cd), abs(fd - cd)],
                                       "Compare each difference with the exact derivative you "
                                       "are given, not with each other.")}
    slips = {"signed": ((fd - exact, cd - exact), "An error is a distance: take the absolute "
                                                  "value of the difference to the exact "
                                                  "derivative."),
             "relative": ((fe / abs(exact), ce / abs(exact)), "You divided by |exact|: the "
                                                              "table holds the absolute errors.")}
    for name, ((wf, wc), hint) in slips.items():
        mistakes[name + " forward"] = ([eps, wf, ce], hint)
        mistakes[name + " central"] = ([eps, fe, wc], hint)
        mistakes[name + " both"] = ([eps, wf, wc], hint)
    return mistakes


def _exact_cases(seed, n):
    """tanh_sum cases: (Fn, theta, t) with scale * sum(theta) in (0.2, 1.2), where
    tanh is curved (its second and third derivatives are not small)."""
    def make(r):
        while True:
            scale = r.choice([1.0, 1.5, 2.0])
            theta = _theta(r, r.randint(1, 4))
            if 0.2 < scale * sum(theta) < 1.2:
                return Fn("tanh_sum", scale), theta, r.randrange(len(theta))
    return seeded(seed, n, make)


DECADES = [10.0 ** -k for k in range(1, 14)]


@check("Exercise 3.7", points=1, visibility="visible", uses=("3.2", "3.4"))
def test_errors_example(student):
    """The error table of the docstring's tanh example for eps = 1e-1 ... 1e-13 and of three seeded tanh_sum cases, against minigrad's differences and autodiff's exact derivative (rows dominated by rounding compared to their order of magnitude)."""
    fn, theta = Fn("tanh_sum", 1.0), [0.3, -0.1, 0.25]
    _check_errors(student, fn, theta, 0, _library_exact(fn, theta, 0), DECADES, LIBRARY)
    for fn, theta, t in _exact_cases(307, 3):
        _check_errors(student, fn, theta, t, _library_exact(fn, theta, t), DECADES, LIBRARY)


def _hidden_epss(r):
    return [10.0 ** -(k / 2.0) for k in range(r.randint(1, 3), 27)]


@check("Exercise 3.7", points=2, visibility="hidden", uses=("3.2", "3.4"))
def test_errors_seeded(student):
    """The error table on other seeded functions (sin_product, tanh_sum) and half-decade steps, against closed-form derivatives."""
    cases = _exact_cases(37, 2) + seeded(371, 2, lambda r: (Fn("sin_product"), _theta(r, 2),
                                                            r.randrange(2)))
    for i, (fn, theta, t) in enumerate(cases):
        epss = seeded(372 + i, 1, _hidden_epss)[0]
        _check_errors(student, fn, theta, t, _hidden_grad_closed(fn, theta)[t], epss,
                      _hidden_ORACLES)


def _check_best(student, fn, theta, t, exact, epss, oracle):
    got = student.call("best_steps", fn, theta, t, exact, epss)
    table = _error_table(fn, theta, t, exact, epss, oracle)
    inputs = dict(L=repr(fn), theta=theta, t=t, exact=exact, epss=epss)
    expect_true(isinstance(got, list) and len(got) == 2
                and all(isinstance(r, (list, tuple)) and len(r) == 2 for r in got)
                and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                        for r in got for v in r),
                "best_steps must return [[eps_forward, forward_error], [eps_central, "
                "central_error]]", inputs=inputs, got=got)
    bests = [min(table, key=lambda row: row[1]), min(table, key=lambda row: row[2])]
    swapped = bests[0][0] != bests[1][0] and [got[0][0], got[1][0]] == [bests[1][0], bests[0][0]]
    for col, name in ((1, "forward"), (2, "central")):
        best = bests[col - 1]
        eps, err = got[col - 1]
        worst = max(table, key=lambda row: row[col])
        hint = ("Take the row of 3.7's table with the smallest %s error: the best eps is "
                "neither the smallest nor the largest one." % name)
        if swapped:
            hint = "The two rows are swapped: the forward difference's best comes first."
        elif eps == min(epss):
            hint = ("The smallest eps is not the best: below some eps, rounding in the "
                    "difference of two values of L grows like 1/eps (seed 000's \"high "
                    "precision\").")
        elif eps == worst[0]:
            hint = "That is the largest error of the column; the best eps has the smallest."
        mine = next((r for r in table if r[0] == eps), None)
        ok_eps = mine is not None and (best[0] / 10.0 <= eps <= best[0] * 10.0
                                       or mine[col] <= 2.0 * best[col])  # a tie elsewhere
        expect_true(ok_eps, "the best eps of the %s difference is wrong: the smallest error "
                    "%.3g is at eps = %g, your eps %r is not within a factor 10 of it (or not "
                    "in epss)" % (name, best[col], best[0], eps), inputs=inputs, got=got,
                    hint=hint)
        noise = _noise(fn, theta, eps)
        expect_true(mine[col] <= max(2.0 * best[col], noise),
                    "the %s difference's error at your eps %g is %.3g, more than twice the "
                    "smallest error %.3g (at eps = %g)" % (name, eps, mine[col], best[col],
                                                          best[0]),
                    inputs=inputs, got=got, hint=hint)
        expect_close(err, mine[col], inputs=inputs, rel=1e-6, abs=noise,
                     what="the %s difference's error at eps = %g" % (name, eps),
                     hint="Report the error of 3.7's table at the eps you chose, for the "
                          "same difference (column).")


@check("Exercise 3.8", points=1, visibility="visible", uses=("3.7",))
def test_best_example(student):
    """The best eps and its error of each difference on the docstring's tanh example and three seeded tanh_sum cases, eps = 1e-1 ... 1e-13: within a factor 10 of the best eps, with an error within 2x of the smallest."""
    fn, theta = Fn("tanh_sum", 1.0), [0.3, -0.1, 0.25]
    _check_best(student, fn, theta, 0, _library_exact(fn, theta, 0), DECADES, LIBRARY)
    for fn, theta, t in _exact_cases(308, 3):
        _check_best(student, fn, theta, t, _library_exact(fn, theta, t), DECADES, LIBRARY)


@check("Exercise 3.8", points=2, visibility="hidden", uses=("3.7",))
def test_best_seeded(student):
    """The best eps of each difference and its error on other seeded functions (sin_product, tanh_sum) and half-decade steps."""
    cases = _exact_cases(38, 2) + seeded(381, 2, lambda r: (Fn("sin_product"), _theta(r, 2),
                                                            r.randrange(2)))
    for i, (fn, theta, t) in enumerate(cases):
        epss = seeded(382 + i, 1, _hidden_epss)[0]
        exact = _hidden_grad_closed(fn, theta)[t]
        _check_best(student, fn, theta, t, exact, epss, _hidden_ORACLES)
