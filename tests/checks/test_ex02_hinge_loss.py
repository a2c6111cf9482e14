"""Exercise 02: The perceptron as gradient descent on the hinge loss (seed 000, "Optimization View of Perceptron")."""

import math
import statistics

from grading.check import check, expect_close, expect_true, seeded
from minigrad.engine import Value
from minigrad.losses import hinge, svm_hinge
from minigrad.nn import Neuron
from minigrad.optim import SGD
from minigrad.perceptron import hinge_subgradient

MODULE = "ex02_hinge_loss"
ALLOWED_IMPORTS = ["math", "ex01_perceptron"]


# -- oracles ----------------------------------------------------------------
# Visible checks (which `grader.py release` gives to students) take their expected
# values from minigrad, public by design: z from a linear minigrad.nn.Neuron, L_j from
# minigrad.losses.hinge, gradients by minigrad autodiff, the subgradient at the kink
# from minigrad.perceptron.hinge_subgradient and the step from minigrad.optim.SGD.
# Hidden checks use the closed forms in the _hidden_ functions, which the release
# strips. Typical wrong answers are the same oracles on changed inputs (the other
# label, the step uphill), not formulas of the answer.

def _neuron(w, b):
    """A linear minigrad Neuron with weights w and bias b: neuron(x) is z = w^T x + b."""
    neuron = Neuron(len(w), nonlin=False)
    neuron.set_weights(list(w), b)
    return neuron


def _library_z(w, b, x):
    return _neuron(w, b)(x).data


def _autodiff(w, b, x, t):
    """L_j = minigrad.losses.hinge(z, t) on z from a linear minigrad Neuron, by autodiff:
    (z, L_j, dL_j/dw, dL_j/db).

    Only used away from the kink z t = 0, where the derivative exists."""
    neuron = _neuron(w, b)
    z = neuron(x)
    loss = hinge(z, t)
    loss.backward()
    return z.data, loss.data, [wi.grad for wi in neuron.w], neuron.b.grad


def _sgd_step(w, b, dw, db, eta):
    """minigrad.optim.SGD's step (lr = eta) from the gradient (dw, db): [w_new, b_new]."""
    params = [Value(float(v)) for v in list(w) + [b]]
    for p, g in zip(params, list(dw) + [db]):
        p.grad = float(g)
    SGD(params, lr=eta).step()
    return [[p.data for p in params[:-1]], params[-1].data]


def _library_step(w, b, x, t, eta):
    """One gradient step by minigrad: hinge_subgradient (indicator 1 at the kink, the
    perceptron's rule) and an SGD step; also the step uphill (a typical mistake)."""
    dw, db = hinge_subgradient(w, b, x, t)
    return {"z": _library_z(w, b, x), "mistake": db != 0.0,
            "new": _sgd_step(w, b, dw, db, eta),
            "ascent": _sgd_step(w, b, [-g for g in dw], -db, eta)}


def _hidden_z(w, b, x):
    return math.fsum([wi * xi for wi, xi in zip(w, x)] + [b])


def _hidden_hinge(z, t):
    return max(0.0, -z * t)


def _hidden_step(w, b, x, t, eta):
    """Seed 000's perceptron rule (mistake <=> z t <= 0), written out here."""
    z = _hidden_z(w, b, x)
    mistake = z * t <= 0
    return {"z": z, "mistake": mistake,
            "new": [[wi + eta * xi * t for wi, xi in zip(w, x)] if mistake else list(w),
                    b + eta * t if mistake else b],
            "ascent": [[wi - eta * xi * t for wi, xi in zip(w, x)], b - eta * t]}


def _away(rng, n, margin=0.1):
    """Data (not an oracle): seeded (w, b, x, t) with |z| >= margin, away from the kink,
    and every |x_i| >= 0.1 (so dropping x from a gradient always shows)."""
    while True:
        w = [rng.uniform(-2, 2) for _ in range(n)]
        x = [rng.choice([1, -1]) * rng.uniform(0.1, 2) for _ in range(n)]
        b, t = rng.uniform(-1, 1), rng.choice([1, -1])
        z = sum(wi * xi for wi, xi in zip(w, x)) + b
        if abs(z) >= margin:
            return w, b, x, t


def _away_cases(seed, n_cases):
    """Seeded cases away from the kink, with the wrong side and the correct side both
    present (the first two cases are forced to one side each)."""
    cases = seeded(seed, n_cases, lambda r: _away(r, r.randint(2, 4)))
    out = []
    for k, (w, b, x, t) in enumerate(cases):
        z = sum(wi * xi for wi, xi in zip(w, x)) + b
        if k < 2:
            wrong_side = k == 0
            t = (-1 if z > 0 else 1) if wrong_side else (1 if z > 0 else -1)
        out.append((w, b, x, t))
    return out


# kink cases: z = 0 exactly (quarter-grid numbers), from w = 0 and from w != 0
KINKS = [([0.0, 0.0], 0.0, [1.5, -2.0]), ([1.0, -1.0], 0.5, [0.25, 0.75]),
         ([0.0, 0.0, 0.0], 0.0, [1.5, -2.0, 0.25]), ([2.0, 0.5, -1.0], -0.25, [0.5, -1.5, 0.0])]


def _with_labels(kinks):
    return [(w, b, x, t) for w, b, x in kinks for t in (1, -1)]


def _visible_cases(seed):
    """The visible (w, b, x, t) of 2.2 - 2.4: the docstring's example with both labels,
    three seeded examples away from the kink (both sides), the first two kinks with both
    labels."""
    return ([([1.0, 0.0], 0.0, [2.0, 5.0], t) for t in (-1, 1)] + _away_cases(seed, 3)
            + _with_labels(KINKS[:2]))


# -- hints, bookkeeping steps, what an exception usually means --------------------------

BOOKKEEPING = ("Exercise 2.1", "Exercise 2.5")

HINTS = {
    "Exercise 2.1": [
        "L_j is the seed's loss of one example: the larger of 0 and minus z times t.",
        "It is 0 when z has the sign of t (the correct side) and positive on the wrong "
        "side; at z = 0 it is 0.",
    ],
    "Exercise 2.2": [
        "Chain rule through z: L_j depends on w only through z = w^T x + b, so dL_j/dw is "
        "dL_j/dz times dz/dw.",
        "dL_j/dz is the slope of max(0, -z t) in z: on the flat side it is 0, on the other "
        "side it is the slope of -z t; dz/dw is the derivative of w^T x + b with respect "
        "to the vector w.",
        "On the correct side (z t > 0) all n components are 0. On the wrong side the slope "
        "of -z t in z is -t, and dz/dw is the vector x. At the kink z t = 0 the module's "
        "convention says: treat it as the wrong side, as the perceptron does.",
    ],
    "Exercise 2.3": [
        "Proceed as for w: dL_j/db is dL_j/dz times dz/db.",
        "dL_j/dz is the same as in Exercise 2.2; dz/db is the derivative of w^T x + b "
        "with respect to b.",
        "dz/db is 1, so dL_j/db is just dL_j/dz: 0 on the correct side, -t on the wrong "
        "side, and at the kink z t = 0 the wrong side's value (the perceptron's "
        "indicator).",
    ],
    "Exercise 2.4": [
        "Gradient descent moves each parameter against its derivative, scaled by the "
        "learning rate eta.",
        "The new w is the old w minus eta times your dL_j/dw (Exercise 2.2), component by "
        "component; the new b is the old b minus eta times your dL_j/db (Exercise 2.3).",
        "Compare with Exercise 1.4: on a wrongly classified example the two minus signs "
        "cancel and you get the perceptron's update; on a correct one nothing moves; at "
        "the kink the step moves, because of the indicator's convention.",
    ],
    "Exercise 2.5": [
        "J is the mean of the losses L_j of all m examples.",
        "For each example compute z with your weighted sum and L_j with your "
        "hinge_loss_j; add them up and divide by the number of examples m (not by the "
        "number of features n).",
    ],
}

ERRORS = {
    "Exercise 2.2": {"TypeError": "Usually -t times the whole list x: build the gradient one "
                                  "component at a time."},
    "Exercise 2.4": {"TypeError": "Usually eta times a list, or a list minus a list: dLj_dw "
                                  "gives a list, so step each weight with its own component."},
    "Exercise 2.5": {"ZeroDivisionError": "Usually m taken from the wrong place: m is the number "
                                          "of examples, the length of X."},
}


# -- 2.1 L_j -------------------------------------------------------------------

def _check_hinge_j(student, z, t, loss):
    """``loss(z, t)`` is the oracle: minigrad.losses.hinge (visible checks) or a
    closed form (hidden)."""
    got = student.call("hinge_loss_j", z, t)
    expect_close(got, loss(z, t), inputs=dict(z=z, t=t), what="L_j = max(0, -z t)",
                 hint="L_j = max(0, -z t): zero when z has the sign of t, -z t otherwise.",
                 mistakes={
                     "sign": (loss(z, -t), "Sign slip: the loss is max(0, -z t). It must be "
                              "0 when z and t have the same sign (correct side)."),
                     "no max": (loss(z, t) - loss(z, -t), "You forgot the max with 0: on the "
                                "correct side the loss is 0, not negative."),
                     "svm": (svm_hinge(z, t), "That is the SVM hinge max(0, 1 - z t); "
                             "the perceptron's loss has no margin: max(0, -z t)."),
                 })


def _hinge_cases(seed, n_cases):
    return seeded(seed, n_cases, lambda r: (r.choice([1, -1]) * r.uniform(0.1, 3.0),
                                            r.choice([1, -1])))


@check("Exercise 2.1", points=1, visibility="visible")
def test_hinge_j_example(student):
    """L_j = max(0, -z t) for z = 2 with t = -1 (wrong side) and t = +1 (right side), three seeded z, t, and at the kink z = 0 (both labels)."""
    for z, t in [(2.0, -1), (2.0, 1)] + _hinge_cases(201, 3) + [(0.0, 1), (0.0, -1)]:
        _check_hinge_j(student, z, t, hinge)


@check("Exercise 2.1", points=2, visibility="hidden")
def test_hinge_j_seeded(student):
    """L_j on seeded z of both signs and both labels, and at z = 0."""
    for z, t in _hinge_cases(21, 8):
        _check_hinge_j(student, z, t, _hidden_hinge)
    _check_hinge_j(student, 0.0, 1, _hidden_hinge)
    _check_hinge_j(student, 0.0, -1, _hidden_hinge)


# -- 2.2 dL_j/dw, 2.3 dL_j/db ----------------------------------------------------
# Away from the kink the oracle is minigrad autodiff, at the kink
# minigrad.perceptron.hinge_subgradient (indicator 1, the perceptron's rule). The
# typical wrong answers come from the same oracles: on the wrong side the sign slip is
# the gradient negated; on the correct side, forgetting the indicator gives the
# gradient the example would have with the other label (negated, or not).

def _gradients(w, b, x, t):
    """(z, dL_j/dw, dL_j/db, dL_j/dw with the seed's other indicator, same for b)."""
    z = _library_z(w, b, x)
    if z == 0:
        dw, db = hinge_subgradient(w, b, x, t)
        return z, dw, db, [0.0] * len(x), 0.0
    z, _, dw, db = _autodiff(w, b, x, t)
    return z, dw, db, dw, db


def _check_dw(student, w, b, x, t):
    got = student.call("dLj_dw", w, b, x, t)
    z, g_w, g_b, strict_w, _ = _gradients(w, b, x, t)
    if z == 0:
        mistakes = {"strict indicator": (strict_w, "At the kink z t = 0 your gradient is 0. "
                                         "The module takes the perceptron's indicator, 1 at "
                                         "z t = 0 (1_{y != t}, not 1_{-z t > 0}): check which "
                                         "one Exercise 1.3 computes.")}
    elif z * t < 0:  # wrong side: the indicator is 1
        mistakes = {
            "sign": ([-g for g in g_w], "Sign slip: on the wrong side dL_j/dw = -t x "
                     "(d(-z t)/dw = -t dz/dw = -t x)."),
            "indicator reversed": ([0.0] * len(x), "On the wrong side (-z t > 0) the "
                                   "indicator is 1 and dL_j/dw = -t x; yours is 0."),
            "no x": ([g_b] * len(x), "Each component is dL_j/dz times dz/dw_i, and "
                     "dz/dw_i = x_i: your components do not carry x."),
        }
    else:
        _, other_w, _, _, _ = _gradients(w, b, x, -t)
        mistakes = {
            "no indicator": ([-g for g in other_w], "You forgot the indicator 1_{z t <= 0}: "
                             "on the correct side L_j = 0, so its gradient is 0."),
            "no indicator, sign": (other_w, "On the correct side L_j = 0, so its "
                                   "gradient is 0 (the indicator 1_{z t <= 0} is 0 here)."),
        }
    expect_close(got, g_w, inputs=dict(w=w, b=b, x=x, t=t, z=z),
                 what="dL_j/dw",
                 hint="dL_j/dw = dL_j/dz * dz/dw: all zeros on the correct side; on the wrong "
                      "side (and at the kink) the slope of -z t times dz/dw.",
                 mistakes=mistakes)


def _check_db(student, w, b, x, t):
    got = student.call("dLj_db", w, b, x, t)
    z, _, g_b, _, strict_b = _gradients(w, b, x, t)
    if z == 0:
        mistakes = {"strict indicator": (strict_b, "At the kink z t = 0 your derivative is 0. "
                                         "The module takes the perceptron's indicator, 1 at "
                                         "z t = 0 (1_{y != t}, not 1_{-z t > 0}).")}
    elif z * t < 0:
        mistakes = {"sign": (-g_b, "Sign slip: on the wrong side dL_j/db = -t."),
                    "indicator reversed": (0.0, "On the wrong side (-z t > 0) the indicator "
                                           "is 1 and dL_j/db = -t; yours is 0.")}
    else:
        _, _, other_b, _, _ = _gradients(w, b, x, -t)
        mistakes = {"no indicator": (-other_b, "You forgot the indicator 1_{z t <= 0}: on "
                                     "the correct side L_j = 0, so its gradient is 0."),
                    "no indicator, sign": (other_b, "On the correct side L_j = 0, so its "
                                           "gradient is 0 (the indicator is 0 here).")}
    expect_close(got, g_b, inputs=dict(w=w, b=b, x=x, t=t, z=z),
                 what="dL_j/db", hint="dL_j/db = dL_j/dz * dz/db, with dz/db = 1.",
                 mistakes=mistakes)


@check("Exercise 2.2", points=2, visibility="visible")
def test_dw_example(student):
    """dL_j/dw on the docstring's example with both labels, three seeded examples away from the kink (both sides), and at the kink z = 0 (w = 0 and w != 0, both labels)."""
    for w, b, x, t in _visible_cases(202):
        _check_dw(student, w, b, x, t)


@check("Exercise 2.2", points=4, visibility="hidden")
def test_dw_seeded(student):
    """dL_j/dw on seeded examples away from the kink (both sides, 1 to 4 weights), and at the kink z = 0 in 3 dimensions."""
    for w, b, x, t in _away_cases(22, 8) + _with_labels(KINKS[2:]):
        _check_dw(student, w, b, x, t)


@check("Exercise 2.3", points=2, visibility="visible")
def test_db_example(student):
    """dL_j/db on the docstring's example with both labels, three seeded examples away from the kink (both sides), and at the kink z = 0 (w = 0 and w != 0, both labels)."""
    for w, b, x, t in _visible_cases(203):
        _check_db(student, w, b, x, t)


@check("Exercise 2.3", points=4, visibility="hidden")
def test_db_seeded(student):
    """dL_j/db on seeded examples away from the kink (both sides), and at the kink z = 0 in 3 dimensions."""
    for w, b, x, t in _away_cases(23, 8) + _with_labels(KINKS[2:]):
        _check_db(student, w, b, x, t)


# -- 2.4 the gradient step is the perceptron update ------------------------------------

def _check_step(student, w, b, x, t, eta, step):
    """``step(w, b, x, t, eta)`` is the oracle, minigrad (visible checks) or seed 000's rule
    written out (hidden): a dict with z, whether the example is a mistake, the new [w, b]
    and the step uphill."""
    got = student.call("gradient_step", w, b, x, t, eta)
    o = step(w, b, x, t, eta)
    inputs = dict(w=w, b=b, x=x, t=t, eta=eta, z=o["z"])
    expect_true(isinstance(got, list) and len(got) == 2,
                "gradient_step must return [w_new, b_new]", inputs=inputs, got=got)
    w_new, b_new = o["new"]
    kink_hint = ("At the kink z t = 0 (here z = 0) your step did not move. Take the indicator "
                 "as 1_{y != t} = 1_{z t <= 0} in dLj_dw and dLj_db (see the module "
                 "docstring): then the step is the perceptron update even from w = 0, b = 0.")
    ascent_hint = ("You stepped uphill: gradient descent is w - eta * dL_j/dw (and the same "
                   "for b); with dL_j/dw = -t x that gives w + eta x t.")
    eta_hint = "You left out the learning rate eta: the step is eta times the gradient."
    w_mistakes, b_mistakes = {}, {}
    if o["mistake"]:
        unit = step(w, b, x, t, 1.0)["new"]
        w_mistakes.update(ascent=(o["ascent"][0], ascent_hint), no_eta=(unit[0], eta_hint))
        b_mistakes.update(ascent=(o["ascent"][1], ascent_hint), no_eta=(unit[1], eta_hint),
                          unchanged=(b, "The bias takes a step too: b - eta * dL_j/db."))
    if o["z"] == 0:
        w_mistakes["strict indicator at the kink"] = (list(w), kink_hint)
        b_mistakes["strict indicator at the kink"] = (b, kink_hint)
    hint = ("w_new = w - eta * dLj_dw(...), b_new = b - eta * dLj_db(...). On a mistake this "
            "is w + eta x t, b + eta t; otherwise nothing changes.")
    expect_close(got[0], w_new, inputs=inputs, what="w_new", hint=hint, mistakes=w_mistakes)
    expect_close(got[1], b_new, inputs=inputs, what="b_new", hint=hint, mistakes=b_mistakes)


@check("Exercise 2.4", points=2, visibility="visible", uses=("2.2", "2.3"))
def test_step_example(student):
    """One gradient step on the docstring's example with both labels, on three seeded examples (both sides, eta = 0.5), and at the kink z = 0 (from w = 0, b = 0 and from w != 0)."""
    for w, b, x, t in _visible_cases(204):
        _check_step(student, w, b, x, t, 0.5, _library_step)


@check("Exercise 2.4", points=4, visibility="hidden", uses=("2.2", "2.3"))
def test_step_seeded(student):
    """The gradient step equals the perceptron update on seeded examples, from w = 0, b = 0, and on the boundary z = 0."""
    for w, b, x, t in _away_cases(24, 6):
        _check_step(student, w, b, x, t, 0.3, _hidden_step)
    for w, b, x, t in _with_labels(KINKS[2:]):
        _check_step(student, w, b, x, t, 1.5, _hidden_step)


# -- 2.5 the cost J ------------------------------------------------------------------

def _check_loss(student, w, b, X, T, z, loss):
    """``z(w, b, x)`` and the loss of one example ``loss(z, t)`` are the oracles: minigrad
    (visible checks) or closed forms (hidden). J is their mean (statistics.fmean)."""
    got = student.call("hinge_loss", w, b, X, T)
    per_example = [loss(z(w, b, x), t) for x, t in zip(X, T)]
    other_label = [loss(z(w, b, x), -t) for x, t in zip(X, T)]
    mistakes = {
        "sum": (math.fsum(per_example), "You summed L_j but did not divide by m: "
                                        "J is the average (1/m) sum_j L_j."),
        "no max": (statistics.fmean([l - o for l, o in zip(per_example, other_label)]),
                   "Each term is max(0, -z t): the examples on the correct side "
                   "add 0, not a negative amount."),
    }
    if len(X[0]) != len(X):
        mistakes["by n"] = (math.fsum(per_example) / len(X[0]),
                            "You divided by the number of features n; m is the number of "
                            "examples.")
    expect_close(got, statistics.fmean(per_example), inputs=dict(w=w, b=b, X=X, T=T),
                 what="J(w, b)",
                 hint="J = (1/m) sum_j max(0, -z(j) t(j)) with z(j) = w^T x(j) + b.",
                 mistakes=mistakes)


def _loss_cases(seed, n_cases):
    def make(r):
        n, m = r.randint(1, 3), r.randint(4, 9)
        return ([r.uniform(-2, 2) for _ in range(n)], r.uniform(-1, 1),
                [[r.uniform(-2, 2) for _ in range(n)] for _ in range(m)],
                [r.choice([1, -1]) for _ in range(m)])
    return seeded(seed, n_cases, make)


@check("Exercise 2.5", points=1, visibility="visible", uses=("2.1",))
def test_loss_example(student):
    """J(w, b) on the docstring's two examples and on three seeded data sets (4 to 9 examples, 1 to 3 features, mixed sides)."""
    _check_loss(student, [1.0, 0.0], 0.0, [[2.0, 5.0], [-1.0, 1.0]], [-1, -1], _library_z, hinge)
    for w, b, X, T in _loss_cases(205, 3):
        _check_loss(student, w, b, X, T, _library_z, hinge)


@check("Exercise 2.5", points=2, visibility="hidden", uses=("2.1",))
def test_loss_seeded(student):
    """J(w, b) on seeded data sets of 4 to 9 examples (mixed sides), and at w = 0, b = 0."""
    for w, b, X, T in _loss_cases(25, 5):
        _check_loss(student, w, b, X, T, _hidden_z, _hidden_hinge)
    _check_loss(student, [0.0, 0.0], 0.0, [[1.0, 2.0], [-1.0, 0.5], [0.5, 0.5]], [1, -1, 1],
                _hidden_z, _hidden_hinge)
