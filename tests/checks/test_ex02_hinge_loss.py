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


def _hidden_away(rng, n, margin=0.1):
    """Seeded (w, b, x, t) with |z| >= margin (away from the hinge's kink)."""
    while True:
        w = [rng.uniform(-2, 2) for _ in range(n)]
        x = [rng.uniform(-2, 2) for _ in range(n)]
        b, t = rng.uniform(-1, 1), rng.choice([1, -1])
        if abs(_hidden_z(w, b, x)) >= margin:
            return w, b, x, t


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


@check("Exercise 2.1", points=1, visibility="visible")
def test_hinge_j_example(student):
    """L_j = max(0, -z t) for z = 2 with t = -1 (wrong side) and t = +1 (right side)."""
    _check_hinge_j(student, 2.0, -1, hinge)
    _check_hinge_j(student, 2.0, 1, hinge)


@check("Exercise 2.1", points=2, visibility="hidden")
def test_hinge_j_seeded(student):
    """L_j on seeded z of both signs and both labels, and at z = 0."""
    for z, t in seeded(21, 8, lambda r: (r.choice([1, -1]) * r.uniform(0.1, 3.0),
                                         r.choice([1, -1]))):
        _check_hinge_j(student, z, t, _hidden_hinge)
    _check_hinge_j(student, 0.0, 1, _hidden_hinge)
    _check_hinge_j(student, 0.0, -1, _hidden_hinge)


# -- 2.2 dL_j/dw, 2.3 dL_j/db ----------------------------------------------------
# Both visible and hidden checks compare with minigrad autodiff. The typical wrong
# answers come from autodiff too: on the wrong side the sign slip is the gradient
# negated; on the correct side, forgetting the indicator gives the gradient the
# example would have with the other label (negated, or not).

def _check_dw(student, w, b, x, t):
    got = student.call("dLj_dw", w, b, x, t)
    z, _, g_w, _ = _autodiff(w, b, x, t)
    if z * t < 0:  # wrong side: the indicator is 1
        mistakes = {
            "sign": ([-g for g in g_w], "Sign slip: on the wrong side dL_j/dw = -t x "
                     "(d(-z t)/dw = -t dz/dw = -t x)."),
            "indicator reversed": ([0.0] * len(x), "On the wrong side (-z t > 0) the "
                                   "indicator is 1 and dL_j/dw = -t x; yours is 0."),
        }
    else:
        _, _, other_w, _ = _autodiff(w, b, x, -t)
        mistakes = {
            "no indicator": ([-g for g in other_w], "You forgot the indicator 1_{z t <= 0}: "
                             "on the correct side L_j = 0, so its gradient is 0."),
            "no indicator, sign": (other_w, "On the correct side L_j = 0, so its "
                                   "gradient is 0 (the indicator 1_{z t <= 0} is 0 here)."),
        }
    expect_close(got, g_w, inputs=dict(w=w, b=b, x=x, t=t, z=z),
                 what="dL_j/dw",
                 hint="dL_j/dw = 1_{z t <= 0} * (-t x): -t x when the example is on the wrong "
                      "side, all zeros otherwise.",
                 mistakes=mistakes)


def _check_db(student, w, b, x, t):
    got = student.call("dLj_db", w, b, x, t)
    z, _, _, g_b = _autodiff(w, b, x, t)
    if z * t < 0:
        mistakes = {"sign": (-g_b, "Sign slip: on the wrong side dL_j/db = -t."),
                    "indicator reversed": (0.0, "On the wrong side (-z t > 0) the indicator "
                                           "is 1 and dL_j/db = -t; yours is 0.")}
    else:
        _, _, _, other_b = _autodiff(w, b, x, -t)
        mistakes = {"no indicator": (-other_b, "You forgot the indicator 1_{z t <= 0}: on "
                                     "the correct side L_j = 0, so its gradient is 0."),
                    "no indicator, sign": (other_b, "On the correct side L_j = 0, so its "
                                           "gradient is 0 (the indicator is 0 here).")}
    expect_close(got, g_b, inputs=dict(w=w, b=b, x=x, t=t, z=z),
                 what="dL_j/db", hint="dL_j/db = 1_{z t <= 0} * (-t), since dz/db = 1.",
                 mistakes=mistakes)


@check("Exercise 2.2", points=1, visibility="visible")
def test_dw_example(student):
    """dL_j/dw on the docstring's example (wrong side) and the same x with the other label."""
    _check_dw(student, [1.0, 0.0], 0.0, [2.0, 5.0], -1)
    _check_dw(student, [1.0, 0.0], 0.0, [2.0, 5.0], 1)


def _hidden_dw_kink(student):
    """At the kink z = 0 the docstring's indicator 1{z t <= 0} is 1 (s = 1)."""
    for t in (1, -1):
        w, b, x = [0.0, 0.0], 0.0, [1.5, -2.0]
        expect_close(student.call("dLj_dw", w, b, x, t), hinge_subgradient(w, b, x, t)[0],
                     inputs=dict(w=w, b=b, x=x, t=t, z=0.0), what="dL_j/dw at the kink z = 0",
                     hint="At z t = 0 the indicator is 1 (a mistake, as in the perceptron): "
                          "use z t <= 0, not < 0.")


@check("Exercise 2.2", points=2, visibility="hidden")
def test_dw_seeded(student):
    """dL_j/dw against minigrad autodiff on seeded examples away from the kink (both sides), and at the kink z = 0 against minigrad.perceptron.hinge_subgradient (indicator 1)."""
    for w, b, x, t in seeded(22, 8, lambda r: _hidden_away(r, r.randint(1, 4))):
        _check_dw(student, w, b, x, t)
    _hidden_dw_kink(student)

@check("Exercise 2.3", points=1, visibility="visible")
def test_db_example(student):
    """dL_j/db on the docstring's example (wrong side) and the same x with the other label."""
    _check_db(student, [1.0, 0.0], 0.0, [2.0, 5.0], -1)
    _check_db(student, [1.0, 0.0], 0.0, [2.0, 5.0], 1)


def _hidden_db_kink(student):
    """At the kink z = 0 the docstring's indicator 1{z t <= 0} is 1 (s = 1)."""
    for t in (1, -1):
        w, b, x = [1.0, -1.0], 0.5, [0.25, 0.75]
        expect_close(student.call("dLj_db", w, b, x, t), hinge_subgradient(w, b, x, t)[1],
                     inputs=dict(w=w, b=b, x=x, t=t, z=0.0), what="dL_j/db at the kink z = 0",
                     hint="At z t = 0 the indicator is 1 (a mistake, as in the perceptron): "
                          "use z t <= 0, not < 0.")


@check("Exercise 2.3", points=2, visibility="hidden")
def test_db_seeded(student):
    """dL_j/db against minigrad autodiff on seeded examples away from the kink (both sides), and at the kink z = 0 against minigrad.perceptron.hinge_subgradient (indicator 1)."""
    for w, b, x, t in seeded(23, 8, lambda r: _hidden_away(r, r.randint(1, 4))):
        _check_db(student, w, b, x, t)
    _hidden_db_kink(student)

# -- 2.4 the gradient step is the perceptron update ------------------------------------

def _check_step(student, w, b, x, t, eta, step):
    """``step(w, b, x, t, eta)`` is the oracle, minigrad (visible checks) or seed 000's rule
    written out (hidden): a dict
    with z, whether the example is a mistake, the new [w, b] and the step uphill."""
    got = student.call("gradient_step", w, b, x, t, eta)
    o = step(w, b, x, t, eta)
    inputs = dict(w=w, b=b, x=x, t=t, eta=eta, z=o["z"])
    expect_true(isinstance(got, list) and len(got) == 2,
                "gradient_step must return [w_new, b_new]", inputs=inputs, got=got)
    w_new, b_new = o["new"]
    kink_hint = ("At the kink z t = 0 (here z = 0) your step did not move. Take the indicator "
                 "as 1_{y != t} = 1_{z t <= 0} in dLj_dw and dLj_db (see Exercise 2.2's "
                 "docstring): then the step is the perceptron update even from w = 0, b = 0.")
    ascent_hint = ("You stepped uphill: gradient descent is w - eta * dL_j/dw (and the same "
                   "for b); with dL_j/dw = -t x that gives w + eta x t.")
    w_mistakes, b_mistakes = {}, {}
    if o["mistake"]:
        w_mistakes["ascent"] = (o["ascent"][0], ascent_hint)
        b_mistakes["ascent"] = (o["ascent"][1], ascent_hint)
    if o["z"] == 0:
        w_mistakes["strict indicator at the kink"] = (list(w), kink_hint)
        b_mistakes["strict indicator at the kink"] = (b, kink_hint)
    hint = ("w_new = w - eta * dLj_dw(...), b_new = b - eta * dLj_db(...). On a mistake this "
            "is w + eta x t, b + eta t; otherwise nothing changes.")
    expect_close(got[0], w_new, inputs=inputs, what="w_new", hint=hint, mistakes=w_mistakes)
    expect_close(got[1], b_new, inputs=inputs, what="b_new", hint=hint, mistakes=b_mistakes)


@check("Exercise 2.4", points=1, visibility="visible")
def test_step_example(student):
    """One gradient step on a wrongly and on a correctly classified example."""
    _check_step(student, [1.0, 0.0], 0.0, [2.0, 5.0], -1, 0.5, _library_step)
    _check_step(student, [1.0, 0.0], 0.0, [2.0, 5.0], 1, 0.5, _library_step)


@check("Exercise 2.4", points=2, visibility="hidden")
def test_step_seeded(student):
    """The gradient step equals the perceptron update on seeded examples, from w = 0, b = 0, and on the boundary z = 0."""
    for w, b, x, t in seeded(24, 6, lambda r: _hidden_away(r, r.randint(1, 4))):
        _check_step(student, w, b, x, t, 0.3, _hidden_step)
    for t in (1, -1):
        _check_step(student, [0.0, 0.0, 0.0], 0.0, [1.5, -2.0, 0.25], t, 1.0, _hidden_step)
        _check_step(student, [1.0, -1.0], 0.5, [0.25, 0.75], t, 0.5, _hidden_step)


# -- 2.5 the averaged loss -------------------------------------------------------------

def _check_loss(student, w, b, X, T, z, loss):
    """``z(w, b, x)`` and the loss of one example ``loss(z, t)`` are the oracles: minigrad
    (visible checks) or closed forms (hidden). L is their mean (statistics.fmean)."""
    got = student.call("hinge_loss", w, b, X, T)
    per_example = [loss(z(w, b, x), t) for x, t in zip(X, T)]
    other_label = [loss(z(w, b, x), -t) for x, t in zip(X, T)]
    expect_close(got, statistics.fmean(per_example), inputs=dict(w=w, b=b, X=X, T=T),
                 what="L(w, b)",
                 hint="L = (1/m) sum_j max(0, -z(j) t(j)) with z(j) = w^T x(j) + b.",
                 mistakes={
                     "sum": (math.fsum(per_example), "You summed L_j but did not divide by m: "
                                                     "L is the average (1/m) sum_j L_j."),
                     "no max": (statistics.fmean([l - o for l, o in zip(per_example,
                                                                          other_label)]),
                                "Each term is max(0, -z t): the examples on the correct side "
                                "add 0, not a negative amount."),
                 })


@check("Exercise 2.5", points=1, visibility="visible")
def test_loss_example(student):
    """L(w, b) on the docstring's two examples."""
    _check_loss(student, [1.0, 0.0], 0.0, [[2.0, 5.0], [-1.0, 1.0]], [-1, -1], _library_z, hinge)


@check("Exercise 2.5", points=2, visibility="hidden")
def test_loss_seeded(student):
    """L(w, b) on seeded data sets of 3 to 9 examples (mixed sides), and at w = 0, b = 0."""
    def make(r):
        n, m = r.randint(1, 3), r.randint(3, 9)
        return ([r.uniform(-2, 2) for _ in range(n)], r.uniform(-1, 1),
                [[r.uniform(-2, 2) for _ in range(n)] for _ in range(m)],
                [r.choice([1, -1]) for _ in range(m)])
    for w, b, X, T in seeded(25, 5, make):
        _check_loss(student, w, b, X, T, _hidden_z, _hidden_hinge)
    _check_loss(student, [0.0, 0.0], 0.0, [[1.0, 2.0], [-1.0, 0.5]], [1, -1], _hidden_z,
                _hidden_hinge)


MISTAKES = [
    # (task, text in solutions/ex02_hinge_loss.py to replace, replacement, fragment of the hint)
    ("2.1", "return max(0.0, -z * t)", "return max(0.0, z * t)", "Sign slip"),
    ("2.1", "return max(0.0, -z * t)", "return -z * t", "forgot the max"),
    ("2.2", "return [-t * xi for xi in x]", "return [t * xi for xi in x]", "Sign slip"),
    ("2.3", "return float(-t) if z * t <= 0 else 0.0", "return float(-t)", "indicator"),
    ("2.4", "    if z * t <= 0:\n        return [-t * xi for xi in x]",
     "    if z * t < 0:\n        return [-t * xi for xi in x]", "kink", "hidden"),
    ("2.4", "return [[wi - eta * gi for wi, gi in zip(w, g_w)], b - eta * g_b]",
     "return [[wi + eta * gi for wi, gi in zip(w, g_w)], b + eta * g_b]", "uphill"),
    ("2.5", "for x, t in zip(X, T)) / m", "for x, t in zip(X, T))", "did not divide by m"),
]
