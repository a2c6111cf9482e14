"""Exercise 03: Numerical differentiation and its cost (seed 000, "Numerical Differentiation"; CS231n gradient check)."""

import math

from grading.check import check, expect_close, expect_equal, expect_true, seeded, Fn
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
# delta_t (the gradient of theta -> theta_t). Hidden checks use the closed forms in
# the _hidden_ functions, which the release strips. Each helper gets the oracles as a
# dict: LIBRARY or _hidden_ORACLES.

def _library_indicator(P, t):
    """delta_t = the gradient of theta -> theta_t, by minigrad autodiff (theta = 0)."""
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
    """Seed 000's forward difference (L(theta + eps delta_t) - L(theta)) / eps."""
    L, plus = _L(fn), list(theta)
    plus[t] = theta[t] + eps
    return (L(plus) - L(theta)) / eps


def _hidden_cd(fn, theta, t, eps):
    """The central difference (L(theta + eps delta_t) - L(theta - eps delta_t)) / (2 eps)."""
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


def _hidden_hinge_theta(rng, eps):
    """theta = [w1, w2, b] whose every z(j) is further than the eps-steps can move it
    from the kink, so each difference quotient sees one linear piece."""
    while True:
        theta = [rng.uniform(-2, 2) for _ in range(3)]
        zs = [theta[0] * x[0] + theta[1] * x[1] + theta[2] for x in HINGE_X]
        if all(abs(z) > 2 * eps * (abs(x[0]) + abs(x[1]) + 1) + 0.05 for z, x in zip(zs, HINGE_X)):
            return theta


def _theta(rng, P):
    return [rng.uniform(-1.5, 1.5) for _ in range(P)]


def _hidden_cases(seed):
    """Seeded (Fn, theta, eps) with P from 1 to 6, across the test functions."""
    def make(r):
        kind = r.choice(["squares", "tanh", "sin", "hinge"])
        eps = r.choice([1e-3, 1e-2, 0.1])
        if kind == "squares":
            return Fn("sum_of_squares"), _theta(r, r.randint(1, 6)), eps
        if kind == "tanh":
            return Fn("tanh_sum", r.choice([0.5, 1.5])), _theta(r, r.randint(1, 5)), eps
        if kind == "sin":
            return Fn("sin_product"), _theta(r, 2), eps
        return Fn("hinge_average", HINGE_X, HINGE_T), _hidden_hinge_theta(r, eps), eps
    return seeded(seed, 6, make)


# -- 3.1 indicator -----------------------------------------------------------------

def _check_indicator(student, P, t, oracle):
    got = student.call("indicator", P, t)
    expected = oracle["indicator"](P, t)
    one_based = oracle["indicator"](P, t - 1)  # the 1 one place early (t = 0: at the end)
    expect_close(got, expected, inputs=dict(P=P, t=t), what="delta_t",
                 hint="delta_t has P entries, all 0.0 except a 1.0 at position t.",
                 mistakes={"one-based": (one_based, "Off by one: parameters are numbered from "
                                         "0 here, so delta_t has its 1 at index t (not t - 1).")}
                 if P > 1 else None)


@check("Exercise 3.1", points=1, visibility="visible")
def test_indicator_example(student):
    """delta_1 for P = 4."""
    _check_indicator(student, 4, 1, LIBRARY)


@check("Exercise 3.1", points=2, visibility="hidden")
def test_indicator_seeded(student):
    """delta_t for seeded P and t, including t = 0, t = P - 1 and P = 1."""
    for P, t in seeded(31, 4, lambda r: (lambda P: (P, r.randrange(P)))(r.randint(2, 9))):
        _check_indicator(student, P, t, _hidden_ORACLES)
    _check_indicator(student, 5, 0, _hidden_ORACLES)
    _check_indicator(student, 5, 4, _hidden_ORACLES)
    _check_indicator(student, 1, 0, _hidden_ORACLES)


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
                    "step is the seed's forward difference (L(theta + eps delta_t) - L(theta)) "
                    "/ eps."),
        "sign": (-fd, "Sign slip: the quotient is (L(theta + eps delta_t) - L(theta)) / eps."),
        "no division": (fd * eps, "You forgot to divide by eps."),
        "all parameters": (everything, "You moved every parameter by eps. delta_t is an "
                           "indicator: only theta_t moves."),
    }
    if len(theta) > 1:
        mistakes["wrong index"] = (oracle["fd"](fn, theta, t - 1 if t > 0 else len(theta) - 1,
                                                eps),
                                   "You perturbed the wrong parameter: parameters are "
                                   "numbered from 0, so move theta[t].")
    expect_close(got, fd, inputs=dict(L=repr(fn), theta=theta, t=t, eps=eps),
                 what="the forward difference",
                 hint="Return (L(theta_plus) - L(theta)) / eps with theta_plus = theta + eps * "
                      "delta_t (a new list), using the eps you were given.",
                 mistakes=mistakes)


@check("Exercise 3.2", points=1, visibility="visible")
def test_fd_example(student):
    """The forward difference of sum_i theta_i^2 at theta = [3, 1], t = 0, eps = 0.5 (= 2 theta_0 + eps = 6.5)."""
    _check_fd(student, Fn("sum_of_squares"), [3.0, 1.0], 0, 0.5, LIBRARY)


@check("Exercise 3.2", points=2, visibility="hidden")
def test_fd_seeded(student):
    """The forward difference formula's exact value on seeded functions, parameters, t and eps."""
    for i, (fn, theta, eps) in enumerate(_hidden_cases(32)):
        _check_fd(student, fn, theta, (3 * i + 1) % len(theta), eps, _hidden_ORACLES)


# -- 3.3 / 3.5 full gradients with their evaluation counts -------------------------------

def _check_gradient(student, step, fn, theta, eps, central, oracle):
    out = student.drive("count_calls", step, fn, theta, eps)
    answer, calls = out["answer"], out["calls"]
    P = len(theta)
    inputs = dict(L=fn, theta=theta, eps=eps, P=P)
    expect_true(isinstance(answer, list) and len(answer) == 2,
                "%s must return a list [gradient, evaluations]" % step, inputs=inputs,
                got=answer)
    fd = [oracle["fd"](fn, theta, t, eps) for t in range(P)]
    cd = [oracle["cd"](fn, theta, t, eps) for t in range(P)]
    if central:
        expect_close(answer[0], cd, inputs=inputs, what="the central-difference gradient",
                     hint="grad_t = central_difference(L, theta, t, eps) for t = 0..P-1.",
                     mistakes={"forward": (fd, "That is the forward-difference gradient; this "
                                           "step uses central differences.")})
    else:
        expect_close(answer[0], fd, inputs=inputs, what="the forward-difference gradient",
                     hint="grad_t = (L(theta + eps delta_t) - L(theta)) / eps for t = 0..P-1.",
                     mistakes={"central": (cd, "That is the central-difference gradient; this "
                                           "step is the seed's forward difference.")})
    expected_calls = oracle["calls"](P, "central" if central else "forward")
    if central:
        calls_hint = ("The central difference needs L(theta + eps delta_t) and "
                      "L(theta - eps delta_t) for every t: 2P calls, no more.")
        calls_mistakes = {}
    else:
        calls_hint = ("Evaluate L(theta) once, before the loop, and reuse it; then one call "
                      "per parameter: P + 1 calls.")
        twice = ("L was called twice per parameter: L(theta) is the same for every t, so "
                 "evaluate it once and reuse it (P + 1 calls, not 2P).")
        two_per = oracle["calls"](P, "central")
        calls_mistakes = {"2P": (two_per, twice), "2P+1": (two_per + 1, twice)} if P > 1 else {}
    expect_equal(calls, expected_calls, inputs=inputs,
                 what="the number of times your code called L", hint=calls_hint,
                 mistakes=calls_mistakes)
    expect_equal(answer[1], calls, inputs=inputs,
                 what="the evaluations you reported (the grader counted the real calls)",
                 hint="Count every call of L as you make it, and return that count.")


@check("Exercise 3.3", points=1, visibility="visible")
def test_gradient_example(student):
    """The forward-difference gradient of sum_i theta_i^2 at [3, 1] with eps = 0.5, and its P + 1 = 3 evaluations."""
    _check_gradient(student, "numeric_gradient", Fn("sum_of_squares"), [3.0, 1.0], 0.5, False,
                    LIBRARY)


@check("Exercise 3.3", points=2, visibility="hidden")
def test_gradient_seeded(student):
    """Forward-difference gradients on seeded functions with P = 1 to 7, each costing exactly P + 1 counted evaluations."""
    for fn, theta, eps in _hidden_cases(33):
        _check_gradient(student, "numeric_gradient", fn, theta, eps, False, _hidden_ORACLES)
    _check_gradient(student, "numeric_gradient", Fn("sum_of_squares"), [0.5] * 7, 1e-2, False,
                    _hidden_ORACLES)


# -- 3.4 central difference -------------------------------------------------------------

def _check_cd(student, fn, theta, t, eps, oracle):
    got = student.call("central_difference", fn, theta, t, eps)
    cd = oracle["cd"](fn, theta, t, eps)
    expect_close(got, cd, inputs=dict(L=repr(fn), theta=theta, t=t, eps=eps),
                 what="the central difference",
                 hint="(L(theta + eps delta_t) - L(theta - eps delta_t)) / (2 eps).",
                 mistakes={
                     "no 2": (2.0 * cd, "The two points are 2 eps apart: "
                              "divide by 2 eps, not eps."),
                     "forward": (oracle["fd"](fn, theta, t, eps), "That is the forward "
                                 "difference; use L(theta + eps delta_t) and "
                                 "L(theta - eps delta_t)."),
                     "sign": (-cd, "Sign slip: L(theta + eps delta_t) comes first."),
                 })


@check("Exercise 3.4", points=1, visibility="visible")
def test_cd_example(student):
    """The central difference of sum_i theta_i^2 at theta = [3, 1], t = 0, eps = 0.5 (= 2 theta_0 = 6 exactly)."""
    _check_cd(student, Fn("sum_of_squares"), [3.0, 1.0], 0, 0.5, LIBRARY)


@check("Exercise 3.4", points=2, visibility="hidden")
def test_cd_seeded(student):
    """The central difference formula's exact value on seeded functions, parameters, t and eps."""
    for i, (fn, theta, eps) in enumerate(_hidden_cases(34)):
        _check_cd(student, fn, theta, (2 * i + 1) % len(theta), eps, _hidden_ORACLES)


# -- 3.5 the central-difference gradient -----------------------------------------------------

@check("Exercise 3.5", points=1, visibility="visible")
def test_gradient_central_example(student):
    """The central-difference gradient of sum_i theta_i^2 at [3, 1] with eps = 0.5, and its 2P = 4 evaluations."""
    _check_gradient(student, "numeric_gradient_central", Fn("sum_of_squares"), [3.0, 1.0],
                    0.5, True, LIBRARY)


@check("Exercise 3.5", points=2, visibility="hidden")
def test_gradient_central_seeded(student):
    """Central-difference gradients on seeded functions (2P counted evaluations each), and their accuracy against closed-form derivatives."""
    for fn, theta, eps in _hidden_cases(35):
        _check_gradient(student, "numeric_gradient_central", fn, theta, eps, True,
                        _hidden_ORACLES)
    # accuracy: with eps = 1e-4 the central difference matches the true gradient to ~1e-8
    hinge = Fn("hinge_average", HINGE_X, HINGE_T)
    accuracy_cases = (seeded(351, 3, lambda r: (Fn("tanh_sum", 1.5), _theta(r, 3)))
                      + seeded(352, 2, lambda r: (Fn("sin_product"), _theta(r, 2)))
                      + seeded(353, 2, lambda r: (hinge, _hidden_hinge_theta(r, 1e-4))))
    for fn, theta in accuracy_cases:
        answer = student.drive("count_calls", "numeric_gradient_central", fn, theta, 1e-4)["answer"]
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


@check("Exercise 3.6", points=1, visibility="visible")
def test_rel_example(student):
    """The relative error of 2.0 against 2.1, and of 0 against 0."""
    _check_rel(student, 2.0, 2.1, LIBRARY)
    _check_rel(student, 0.0, 0.0, LIBRARY)


@check("Exercise 3.6", points=2, visibility="hidden")
def test_rel_seeded(student):
    """The relative error on seeded pairs of both signs, equal values, and values below the 1e-8 floor."""
    for a, n in seeded(36, 5, lambda r: (r.uniform(-3, 3), r.uniform(-3, 3))):
        _check_rel(student, a, n, _hidden_ORACLES)
    _check_rel(student, 1.5, 1.5 * (1 + 1e-7), _hidden_ORACLES)
    _check_rel(student, -4.0, 4.0, _hidden_ORACLES)
    _check_rel(student, 1e-10, -3e-10, _hidden_ORACLES)
    _check_rel(student, 5.0, 0.0, _hidden_ORACLES)


MISTAKES = [
    # (task, text in solutions/ex03_numeric_gradients.py to replace, replacement, fragment of the hint)
    ("3.1", "delta[t] = 1.0", "delta[t - 1] = 1.0", "numbered from 0"),
    ("3.2", "return (L(theta_plus) - L(theta)) / eps",
     "return (L(theta_plus) - L([th - eps * d for th, d in zip(theta, delta)])) / (2 * eps)",
     "central difference"),
    ("3.3", "gradient.append((L(theta_plus) - L0) / eps)",
     "gradient.append((L(theta_plus) - L(theta)) / eps)", "once"),
    ("3.4", "/ (2.0 * eps)", "/ eps", "2 eps"),
    ("3.5", "evaluations += 2  # L(theta + eps delta_t) and L(theta - eps delta_t)",
     "evaluations += 1", "reported"),
    ("3.6", "return abs(a - n) / max(abs(a), abs(n), 1e-8)",
     "return abs(a - n) / max(abs(a) + abs(n), 1e-8)", "not |a| + |n|"),
]
