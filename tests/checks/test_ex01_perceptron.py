"""Exercise 01: The perceptron algorithm (seed 000, "The Perceptron" and "The Perceptron Algorithm")."""

import math
import warnings

from grading.check import check, expect_close, expect_equal, expect_true, seeded
from minigrad import Value
from minigrad.nn import Neuron
from minigrad.optim import SGD
from minigrad.perceptron import ConvergenceWarning, Perceptron

MODULE = "ex01_perceptron"
ALLOWED_IMPORTS = ["math"]


# -- oracles ----------------------------------------------------------------------
# Visible checks (which `grader.py release` gives to students) take their expected
# values from minigrad, whose perceptron is public by design: minigrad.perceptron's
# Perceptron, and one minigrad.optim.SGD step on a linear minigrad.nn.Neuron (seed
# 000: the perceptron update is a gradient step on the hinge loss). Hidden checks use
# seed 000's algorithm written out independently in the _hidden_ functions, which the
# release strips.
#
# Data live on a grid of quarters and eta is a power of two, so every sum is exact
# in floating point and the student's and the oracle's decisions "z t <= 0" can
# never differ by rounding.

def _library_perceptron(w, b, eta=1.0):
    """minigrad's Perceptron with its parameters set to w, b."""
    p = Perceptron(len(w), lr=eta)
    p.w, p.b = [float(v) for v in w], float(b)
    return p


def _library_z(w, b, x):
    """z = w^T x + b: minigrad's Perceptron.decision_function."""
    return _library_perceptron(w, b).decision_function(x)


def _library_sign(z):
    """y = sign(z) for z != 0: minigrad's Perceptron.predict on the input [z] with
    w = [1], b = 0. (Its predict says -1 at z = 0, so it is never asked there.)"""
    if z == 0:
        raise ValueError("_library_sign: minigrad's predict has sign(0) = -1; z must be != 0")
    return _library_perceptron([1.0], 0.0).predict([z])


def _library_wrong(w, b, x, t):
    """minigrad's Perceptron.is_mistake: z t <= 0 (sign(0) = 0 is wrong for both labels)."""
    return _library_perceptron(w, b).is_mistake(x, t)


def _library_update(w, b, x, t, eta):
    """[w_new, b_new] after one minigrad SGD step (lr = eta) on L = -z t, with
    z = w^T x + b a linear minigrad Neuron: on a mistake, seed 000's perceptron
    update is this gradient step ("Optimization View of Perceptron")."""
    neuron = Neuron(len(w), nonlin=False)
    neuron.set_weights(list(w), b)
    (-neuron(x) * t).backward()
    SGD(neuron.parameters(), lr=eta).step()
    return [neuron.weights(), neuron.biases()]


def _library_fit(X, T, eta, max_epochs):
    """minigrad's Perceptron(lr=eta).fit from w = 0, b = 0 (no warning when it does
    not converge): [w, b, mistakes per epoch, converged]."""
    p = Perceptron(len(X[0]), lr=eta)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        p.fit(X, T, max_epochs=max_epochs)
    return [p.w, p.b, p.mistakes, p.converged]


def _hidden_z(w, b, x):
    return math.fsum([wi * xi for wi, xi in zip(w, x)] + [b])


def _hidden_sign(z):
    return 1 if z > 0 else (-1 if z < 0 else 0)


def _hidden_wrong(w, b, x, t, strict=False):
    """Mistake rule: z t <= 0 (sign(0) = 0 is wrong for both labels)."""
    return _hidden_z(w, b, x) * t < 0 if strict else _hidden_z(w, b, x) * t <= 0


def _hidden_update(w, b, x, t, eta):
    return [[wi + eta * xi * t for wi, xi in zip(w, x)], b + eta * t]


def _q(rng, lo=-3.0, hi=3.0):
    """A random multiple of 1/4 in [lo, hi]."""
    return rng.randint(int(lo * 4), int(hi * 4)) / 4.0


def _vec(rng, n, lo=-3.0, hi=3.0):
    return [_q(rng, lo, hi) for _ in range(n)]


def _separable(rng, m, n):
    """Data (not an oracle): m points on the quarter grid, labelled by a random line
    w*, b* they keep a margin from."""
    w_star = [float(rng.choice([-3, -2, -1, 1, 2, 3])) for _ in range(n)]
    b_star = _q(rng, -2, 2)
    X, T = [], []
    while len(X) < m:
        x = _vec(rng, n)
        z = sum(wi * xi for wi, xi in zip(w_star, x)) + b_star  # exact on the grid
        if abs(z) >= 0.25:
            X.append(x)
            T.append(1 if z > 0 else -1)
    return X, T


def _pass(w, b, X, T, eta, oracle, decide_with_start=False, strict=False):
    """One pass of seed 000's loop built from the oracle's mistake rule and update:
    [w, b, updates]. ``decide_with_start`` tests every example with the starting
    weights (the "batch" misreading); ``strict`` counts z = 0 as right."""
    w, b, count = list(w), b, 0
    w0, b0 = list(w), b
    for x, t in zip(X, T):
        ww, bb = (w0, b0) if decide_with_start else (w, b)
        wrong = oracle["wrong"](ww, bb, x, t) and not (strict and oracle["z"](ww, bb, x) == 0)
        if wrong:
            w, b = oracle["update"](w, b, x, t, eta)
            count += 1
    return [w, b, count]


def _hidden_perceptron(X, T, eta=1.0, max_epochs=100):
    w, b, per_epoch = [0.0] * len(X[0]), 0.0, []
    for _ in range(max_epochs):
        w, b, mistakes = _pass(w, b, X, T, eta, _hidden_ORACLES)
        per_epoch.append(mistakes)
        if mistakes == 0:
            return [w, b, per_epoch, True]
    return [w, b, per_epoch, False]


LIBRARY = {"z": _library_z, "sign": _library_sign, "wrong": _library_wrong,
           "update": _library_update, "run": _library_fit}
_hidden_ORACLES = {"z": _hidden_z, "sign": _hidden_sign, "wrong": _hidden_wrong,
                   "update": _hidden_update, "run": _hidden_perceptron}


XOR_X = [[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
XOR_T = [-1, -1, 1, 1]
AND_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
AND_T = [-1, -1, -1, 1]


# -- hints, bookkeeping steps, what an exception usually means --------------------------

BOOKKEEPING = ("Exercise 1.1", "Exercise 1.2")

HINTS = {
    "Exercise 1.1": [
        "z is the weighted sum of the slide: each weight times its own feature, added up, "
        "and then the bias.",
        "Pair w_i with x_i (the same position), add the n products, and add b once, "
        "outside the sum.",
    ],
    "Exercise 1.2": [
        "Three cases: z positive, z negative, and z exactly zero.",
        "The module's convention decides the zero case. The result is an integer (+1, -1 "
        "or 0), not a float or a bool.",
    ],
    "Exercise 1.3": [
        "Wrongly classified means, on the slide, that the prediction y differs from the "
        "label t.",
        "Compute z with your weighted sum, then y with your sign, then compare y with t.",
        "On the boundary your sign gives 0, which is neither +1 nor -1: compare it with t "
        "as it is, with no special case of your own.",
    ],
    "Exercise 1.4": [
        "This is the update of the slide, for w and for b: read it off the module "
        "docstring.",
        "Each weight w_i moves by eta times x_i times t; the bias moves by eta times t.",
        "The label t sets the direction (towards x for t = +1, away from x for t = -1) and "
        "eta the size; without either factor the update is wrong.",
    ],
    "Exercise 1.5": [
        "The slide's loop visits the examples one at a time, in order, and changes w and b "
        "as soon as one is wrongly classified.",
        "For each example: ask your is_mistake with the current w and b; if it is wrong, "
        "replace w and b by the result of your perceptron_update and count one update.",
        "Example j is tested with the weights after the updates made by examples 1 to j-1 "
        "of this pass, not with the weights the pass started from; examples classified "
        "correctly are not counted.",
    ],
    "Exercise 1.6": [
        "The algorithm repeats passes until a pass finds nothing to correct, or until "
        "max_epochs passes are done.",
        "Start from zeros (one per feature) and a zero bias, run a pass, record its "
        "number of mistakes, stop when that number is 0.",
        "The pass with no mistake is the evidence of convergence, so it is recorded too. "
        "If all max_epochs passes made mistakes, converged is False; never run more than "
        "max_epochs passes.",
    ],
}

ERRORS = {
    "Exercise 1.1": {"TypeError": "Usually a whole list was multiplied or added where a number "
                                  "was meant: multiply w and x entry by entry."},
    "Exercise 1.3": {"TypeError": "Usually weighted_sum was called with its arguments in another "
                                  "order: it takes (w, x, b), is_mistake gets (w, b, x, t)."},
    "Exercise 1.4": {"TypeError": "Usually eta times the list x, or w plus a list: update w one "
                                  "entry at a time."},
    "Exercise 1.5": {"ValueError": "Usually the unpacking of perceptron_update's result: it gives "
                                   "two things, the new w and the new b.",
                     "TypeError": "Usually perceptron_update's result used as a number: it is "
                                  "the list [w_new, b_new]."},
    "Exercise 1.6": {"ValueError": "Usually the unpacking of perceptron_epoch's result: it gives "
                                   "three things, w, b and the number of mistakes.",
                     "IndexError": "Usually the number of features taken from the wrong place: "
                                   "n is the length of one example."},
}


# -- 1.1 weighted sum ---------------------------------------------------------

def _check_weighted_sum(student, w, x, b, oracle):
    z = oracle["z"]
    got = student.call("weighted_sum", w, x, b)
    expect_close(got, z(w, b, x), inputs=dict(w=w, x=x, b=b), what="z = w^T x + b",
                 hint="z is the sum over i of w_i * x_i, plus the bias b.",
                 mistakes={"forgot b": (z(w, 0.0, x), "You left out the bias: z = w^T x + b."),
                           "minus b": (z(w, -b, x),
                                       "The bias is added: z = w^T x + b, not - b."),
                           "b per term": (z(w, b * len(w), x),
                                          "You added b once per feature; the bias is added "
                                          "once, outside the sum.")})


def _sum_cases(seed, n_cases, widths):
    def make(r):
        n = r.choice(widths)
        return ([r.uniform(-2, 2) for _ in range(n)], [r.uniform(-2, 2) for _ in range(n)],
                r.uniform(-2, 2))
    return seeded(seed, n_cases, make)


@check("Exercise 1.1", points=1, visibility="visible")
def test_weighted_sum_example(student):
    """z = w^T x + b on the docstring's example and on three seeded w, x, b (2 to 4 features)."""
    _check_weighted_sum(student, [2.0, -1.0], [0.5, 3.0], 0.25, LIBRARY)
    for w, x, b in _sum_cases(101, 3, (2, 3, 4)):
        _check_weighted_sum(student, w, x, b, LIBRARY)


@check("Exercise 1.1", points=2, visibility="hidden")
def test_weighted_sum_seeded(student):
    """z = w^T x + b on seeded vectors of length 1 to 5, negative bias included."""
    for w, x, b in _sum_cases(11, 5, (1, 2, 3, 4, 5)):
        _check_weighted_sum(student, w, x, b, _hidden_ORACLES)
    _check_weighted_sum(student, [1.5, -0.5, 2.0], [2.0, 1.0, -1.0], -0.75, _hidden_ORACLES)


# -- 1.2 sign ----------------------------------------------------------------

def _convention_at_0(z):
    """The docstring's convention on the boundary: sign(0) = 0 (the library's
    predict(), a classifier, must pick a side there instead)."""
    if z != 0:
        raise ValueError("_convention_at_0 is only for z = 0")
    return 0


def _check_sign(student, z, oracle):
    got = student.call("sign", z)
    expected = _convention_at_0(z) if z == 0 else oracle["sign"](z)
    mistakes = {}
    if z == 0:
        at0 = ("sign(0) must be 0 here: a point on the boundary z = 0 belongs to neither "
               "class (see the docstring's convention).")
        mistakes = {"sign(0) = -1": (-1, at0), "sign(0) = +1": (1, at0)}
    else:
        mistakes = {"reversed": (-expected, "Your signs are reversed: sign(z) is +1 for "
                                            "z > 0 and -1 for z < 0.")}
    expect_equal(got, expected, inputs=dict(z=z), what="sign(z)",
                 hint="sign(z) is +1 for z > 0, -1 for z < 0 and 0 for z = 0, as an int.",
                 mistakes=mistakes)


@check("Exercise 1.2", points=1, visibility="visible")
def test_sign_example(student):
    """sign(z) at z = 0.3, z = -2.0, three seeded z of both signs, and on the boundary z = 0 (also -0.0)."""
    for z in [0.3, -2.0] + seeded(102, 3, lambda r: r.choice([1, -1]) * r.uniform(0.1, 5)):
        _check_sign(student, z, LIBRARY)
    _check_sign(student, 0.0, LIBRARY)
    _check_sign(student, -0.0, LIBRARY)


@check("Exercise 1.2", points=2, visibility="hidden")
def test_sign_seeded(student):
    """sign(z) on seeded z of both signs, tiny |z|, and the convention sign(0) = 0."""
    zs = seeded(12, 4, lambda r: r.uniform(-5, 5)) + [1e-12, -1e-12, 0.0, -0.0, 7.0]
    for z in zs:
        _check_sign(student, z, _hidden_ORACLES)


# -- 1.3 is_mistake -------------------------------------------------------------

def _check_is_mistake(student, w, b, x, t, oracle):
    z, wrong = oracle["z"], oracle["wrong"]
    got = student.call("is_mistake", w, b, x, t)
    expected = wrong(w, b, x, t)
    if z(w, b, x) == 0:
        mistakes = {"boundary counted as right": (
            not expected, "A point with z = 0 lies on the boundary: sign(0) = 0 differs from "
            "both labels, so it is a mistake. (From w = 0, b = 0 every example is a mistake; "
            "otherwise the algorithm could never start.)")}
    else:
        mistakes = {"negated": (not expected, "A mistake is y != t with y = sign(w^T x + b); "
                                "your answer is the opposite (correctly classified?).")}
    expect_equal(got, expected, inputs=dict(w=w, b=b, x=x, t=t, z=z(w, b, x)),
                 what="is_mistake", hint="Compute z = w^T x + b, y = sign(z), and compare y "
                 "with t: a mistake is y != t.", mistakes=mistakes)


def _mistake_cases(seed, n_cases, oracle):
    """Seeded (w, b, x, t) on the quarter grid, away from the boundary, both labels."""
    def make(r):
        while True:
            n = r.randint(1, 4)
            w, b, x = _vec(r, n), _q(r), _vec(r, n)
            if oracle["z"](w, b, x) != 0:
                return w, b, x, r.choice([1, -1])
    return seeded(seed, n_cases, make)


@check("Exercise 1.3", points=1, visibility="visible", uses=("1.1", "1.2"))
def test_is_mistake_example(student):
    """The docstring's example with both labels, three seeded examples, and points on the boundary z = 0 (w = 0, b = 0 and w != 0) with both labels."""
    for t in (-1, 1):
        _check_is_mistake(student, [1.0, 0.0], 0.0, [2.0, 5.0], t, LIBRARY)
    for w, b, x, t in _mistake_cases(103, 3, LIBRARY):
        _check_is_mistake(student, w, b, x, t, LIBRARY)
    for t in (1, -1):
        _check_is_mistake(student, [0.0, 0.0], 0.0, [2.0, 5.0], t, LIBRARY)
        _check_is_mistake(student, [0.5, -1.0], 0.25, [3.0, 1.75], t, LIBRARY)


@check("Exercise 1.3", points=2, visibility="hidden", uses=("1.1", "1.2"))
def test_is_mistake_seeded(student):
    """Seeded examples of both labels, plus points on the boundary z = 0 (w = 0 included)."""
    for w, b, x, t in _mistake_cases(13, 8, _hidden_ORACLES):
        _check_is_mistake(student, w, b, x, t, _hidden_ORACLES)
    for t in (1, -1):
        _check_is_mistake(student, [0.0, 0.0, 0.0], 0.0, [2.0, -1.5, 0.5], t, _hidden_ORACLES)
        _check_is_mistake(student, [1.0, -1.0], 0.5, [0.25, 0.75], t, _hidden_ORACLES)


# -- 1.4 perceptron_update ------------------------------------------------------

def _check_update(student, w, b, x, t, eta, oracle):
    """The typical mistakes are the same update with t = +1, with -t, or with eta = 1."""
    update = oracle["update"]
    got = student.call("perceptron_update", w, b, x, t, eta)
    inputs = dict(w=w, b=b, x=x, t=t, eta=eta)
    w_new, b_new = update(w, b, x, t, eta)
    no_t, minus, no_eta = update(w, b, x, 1, eta), update(w, b, x, -t, eta), \
        update(w, b, x, t, 1.0)
    expect_true(isinstance(got, list) and len(got) == 2,
                "perceptron_update must return [w_new, b_new]", inputs=inputs, got=got)
    expect_close(got[0], w_new, inputs=inputs, what="w_new",
                 hint="w <- w + eta * x t, component by component: w_i + eta * x_i * t.",
                 mistakes={
                     "forgot t": (no_t[0],
                                  "You left out the label t: the update is w + eta * x t, "
                                  "which moves w towards x for t = +1 and away for t = -1."),
                     "minus": (minus[0],
                               "Wrong sign: the update adds eta * x t (it is gradient "
                               "descent on the hinge loss, whose gradient is -t x)."),
                     "forgot eta": (no_eta[0], "You left out the learning rate eta."),
                     "unchanged": (w, "w did not change: w_new = w + eta * x t."),
                 })
    expect_close(got[1], b_new, inputs=inputs, what="b_new",
                 hint="b <- b + eta * t.",
                 mistakes={
                     "b unchanged": (b, "The bias is updated too: b <- b + eta * t."),
                     "forgot t": (no_t[1], "You left out the label t: b <- b + eta * t."),
                     "minus": (minus[1], "Wrong sign: b <- b + eta * t."),
                     "forgot eta": (no_eta[1], "You left out the learning rate eta."),
                 })


def _update_cases(seed, n_cases):
    """Seeded (w, b, x, t, eta) with eta != 1 and both labels (t = -1 first), so that the
    typical mistakes all give values that differ from the right one."""
    def make(r):
        n = r.randint(2, 4)
        return (_vec(r, n), _q(r), [v if v else 0.5 for v in _vec(r, n)],
                r.choice([1, -1]), r.choice([0.25, 0.5, 2.0]))
    cases = seeded(seed, n_cases, make)
    cases[0] = cases[0][:3] + (-1,) + cases[0][4:]
    return cases


@check("Exercise 1.4", points=1, visibility="visible")
def test_update_example(student):
    """The update on the docstring's two examples and on three seeded w, b, x, t, eta (both labels, eta != 1)."""
    _check_update(student, [1.0, 0.0], 0.0, [2.0, 5.0], -1, 0.5, LIBRARY)
    _check_update(student, [0.5, -1.0], 0.25, [1.0, 2.0], 1, 0.25, LIBRARY)
    for w, b, x, t, eta in _update_cases(104, 3):
        _check_update(student, w, b, x, t, eta, LIBRARY)


@check("Exercise 1.4", points=2, visibility="hidden")
def test_update_seeded(student):
    """The update on seeded w, b, x, both labels and several learning rates."""
    for w, b, x, t, eta in _update_cases(14, 6):
        _check_update(student, w, b, x, t, eta, _hidden_ORACLES)
    _check_update(student, [0.0], 0.0, [-1.5], 1, 1.0, _hidden_ORACLES)


# -- 1.5 perceptron_epoch -------------------------------------------------------

def _check_epoch(student, w, b, X, T, eta, oracle):
    """The right pass and the typical wrong ones, all built from the oracle's mistake rule
    and update: "batch", "strict", "not assigned", "count all"."""
    got = student.call("perceptron_epoch", w, b, X, T, eta)
    expected = _pass(w, b, X, T, eta, oracle)
    n_initial = sum(1 for x, t in zip(X, T) if oracle["wrong"](w, b, x, t))
    expect_close(got, expected, inputs=dict(w=w, b=b, X=X, T=T, eta=eta),
                 what="[w, b, mistakes] after one pass",
                 hint="Go through the examples in order; test each one with the current w, b "
                      "(is_mistake) and, if it is wrong, replace w, b by perceptron_update(...) "
                      "and count it.",
                 mistakes={
                     "batch": (_pass(w, b, X, T, eta, oracle, decide_with_start=True),
                               "You decided every example with the weights from the start of "
                               "the pass. The perceptron updates at once: example j is tested "
                               "with the weights after the updates of examples 1..j-1."),
                     "strict": (_pass(w, b, X, T, eta, oracle, strict=True),
                                "Points on the boundary (z = 0) must count as mistakes: "
                                "sign(0) = 0 differs from t."),
                     "not assigned": ([list(w), b, n_initial],
                                      "Your w and b never change: perceptron_update returns "
                                      "the new [w, b]; assign its result."),
                     "count all": (expected[:2] + [len(X)],
                                   "You counted every example; count only the updates (the "
                                   "wrongly classified examples)."),
                 })


def _epoch_cases(seed, n_cases):
    """Seeded (w, b, X, T, eta): one from w = 0, b = 0, the others from seeded weights."""
    def make(r):
        n, m = r.randint(1, 3), r.randint(3, 8)
        X = [_vec(r, n) for _ in range(m)]
        T = [r.choice([1, -1]) for _ in range(m)]
        zero = r.random() < 0.3
        return ([0.0] * n if zero else _vec(r, n), 0.0 if zero else _q(r), X, T,
                r.choice([1.0, 0.5, 0.25]))
    cases = seeded(seed, n_cases, make)
    w, b, X, T, eta = cases[0]
    cases[0] = ([0.0] * len(w), 0.0, X, T, eta)
    return cases


@check("Exercise 1.5", points=2, visibility="visible", uses=("1.3", "1.4"))
def test_epoch_example(student):
    """One pass from w = 0, b = 0 over the docstring's two points and over AND, and over three seeded data sets (from w = 0 and from seeded weights, several eta)."""
    _check_epoch(student, [0.0, 0.0], 0.0, [[1.0, 1.0], [-1.0, -1.0]], [1, -1], 1.0, LIBRARY)
    _check_epoch(student, [0.0, 0.0], 0.0, AND_X, AND_T, 1.0, LIBRARY)
    for w, b, X, T, eta in _epoch_cases(105, 3):
        _check_epoch(student, w, b, X, T, eta, LIBRARY)


@check("Exercise 1.5", points=4, visibility="hidden", uses=("1.3", "1.4"))
def test_epoch_seeded(student):
    """One pass over seeded data sets, from w = 0 and from seeded weights, several eta."""
    for w, b, X, T, eta in _epoch_cases(15, 5):
        _check_epoch(student, w, b, X, T, eta, _hidden_ORACLES)


# -- 1.6 perceptron -------------------------------------------------------------

def _check_perceptron(student, X, T, eta, max_epochs, oracle):
    run = oracle["run"]
    inputs = dict(X=X, T=T, eta=eta, max_epochs=max_epochs)
    got = student.call("perceptron", X, T, eta, max_epochs)
    expected = run(X, T, eta, max_epochs)
    w, b, per_epoch, converged = expected
    mistakes = {}
    if converged:
        mistakes["no final 0"] = (
            [w, b, per_epoch[:-1], converged], "The algorithm only knows it is done after a "
            "whole pass with no mistake; that pass belongs in mistakes_per_epoch as a final 0.")
    else:
        mistakes["always converged"] = (
            [w, b, per_epoch, True], "converged must be False when every one of the "
            "max_epochs passes made a mistake.")
    for other in (max_epochs - 1, max_epochs + 1):
        if other >= 1:
            wrong = run(X, T, eta, other)
            if wrong != expected:
                mistakes["%d passes" % other] = (
                    wrong, "You ran %d passes at most; the algorithm runs at most max_epochs "
                    "= %d (and stops earlier after a pass with no mistake)." % (other, max_epochs))
    expect_true(isinstance(got, list) and len(got) == 4,
                "perceptron() must return [w, b, mistakes_per_epoch, converged]",
                inputs=inputs, got=got)
    expect_close(got, expected, inputs=inputs, what="[w, b, mistakes_per_epoch, converged]",
                 hint="Start from w = [0.0] * n, b = 0.0; call perceptron_epoch until a pass "
                      "makes 0 mistakes (converged = True) or max_epochs passes are done "
                      "(converged = False). Record every pass's mistake count.",
                 mistakes=mistakes)


def _separable_cases(seeds):
    return [seeded(s, 1, lambda r: _separable(r, r.randint(10, 16), r.randint(2, 3))
                   + (r.choice([1.0, 0.5, 2.0]),))[0] for s in seeds]


@check("Exercise 1.6", points=2, visibility="visible", uses=("1.5",))
def test_perceptron_example(student):
    """The perceptron on AND (4 passes; also with max_epochs = 4 and 3 exactly), XOR with max_epochs = 3 (not separable), and three seeded separable data sets."""
    _check_perceptron(student, AND_X, AND_T, 1.0, 100, LIBRARY)
    _check_perceptron(student, AND_X, AND_T, 1.0, 4, LIBRARY)   # converges in the last pass
    _check_perceptron(student, AND_X, AND_T, 1.0, 3, LIBRARY)   # one pass short
    _check_perceptron(student, XOR_X, XOR_T, 1.0, 3, LIBRARY)
    for X, T, eta in _separable_cases((160, 162, 163)):
        _check_perceptron(student, X, T, eta, 200, LIBRARY)


@check("Exercise 1.6", points=4, visibility="hidden", uses=("1.5",))
def test_perceptron_seeded(student):
    """The perceptron on seeded separable data (2 or 3 features, several eta), XOR, and a tight max_epochs."""
    for X, T, eta in _separable_cases((161, 164, 167, 169)):
        _check_perceptron(student, X, T, eta, 200, _hidden_ORACLES)
    _check_perceptron(student, XOR_X, XOR_T, 0.5, 7, _hidden_ORACLES)
    (X, T), = seeded(169, 1, lambda r: _separable(r, r.randint(10, 16), r.randint(2, 3)))
    _check_perceptron(student, X, T, 1.0, 4, _hidden_ORACLES)  # > 4 passes: not converged
