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


def _library_epoch(w, b, X, T, eta):
    """One pass from w = 0, b = 0 by minigrad, and the typical wrong passes.

    The pass is Perceptron.fit with max_epochs = 1. "batch" decides every example
    with the starting weights: one SGD step on the sum of L_j = -z(j) t(j) over the
    examples minigrad calls mistakes there. "strict" counts z = 0 as right: from
    w = 0 every z is 0, so such a pass never moves."""
    if any(w) or b:
        raise ValueError("_library_epoch: minigrad's fit starts from w = 0, b = 0")
    w_pass, b_pass, per_epoch, _ = _library_fit(X, T, eta, 1)
    wrong = [(x, t) for x, t in zip(X, T) if _library_wrong(w, b, x, t)]
    neuron = Neuron(len(w), nonlin=False)
    neuron.set_weights(list(w), b)
    sum((-neuron(x) * t for x, t in wrong), Value(0.0)).backward()
    SGD(neuron.parameters(), lr=eta).step()
    return [w_pass, b_pass, per_epoch[0]], {
        "batch": [neuron.weights(), neuron.biases(), len(wrong)],
        "strict": [list(w), b, 0],
        "not assigned": [list(w), b, len(wrong)],
    }


def _hidden_z(w, b, x):
    return math.fsum([wi * xi for wi, xi in zip(w, x)] + [b])


def _hidden_sign(z):
    return 1 if z > 0 else (-1 if z < 0 else 0)


def _hidden_wrong(w, b, x, t, strict=False):
    """Mistake rule: z t <= 0 (sign(0) = 0 is wrong for both labels)."""
    return _hidden_z(w, b, x) * t < 0 if strict else _hidden_z(w, b, x) * t <= 0


def _hidden_update(w, b, x, t, eta):
    return [[wi + eta * xi * t for wi, xi in zip(w, x)], b + eta * t]


def _hidden_ref_epoch(w, b, X, T, eta, strict=False, batch=False):
    w, b, mistakes = list(w), b, 0
    w0, b0 = list(w), b
    for x, t in zip(X, T):
        if _hidden_wrong(w0, b0, x, t, strict) if batch else _hidden_wrong(w, b, x, t, strict):
            w, b = _hidden_update(w, b, x, t, eta)
            mistakes += 1
    return [w, b, mistakes]


def _hidden_epoch(w, b, X, T, eta):
    n_initial = sum(1 for x, t in zip(X, T) if _hidden_wrong(w, b, x, t))
    return _hidden_ref_epoch(w, b, X, T, eta), {
        "batch": _hidden_ref_epoch(w, b, X, T, eta, batch=True),
        "strict": _hidden_ref_epoch(w, b, X, T, eta, strict=True),
        "not assigned": [list(w), b, n_initial],
    }


def _hidden_perceptron(X, T, eta=1.0, max_epochs=100):
    w, b, per_epoch = [0.0] * len(X[0]), 0.0, []
    for _ in range(max_epochs):
        w, b, mistakes = _hidden_ref_epoch(w, b, X, T, eta)
        per_epoch.append(mistakes)
        if mistakes == 0:
            return [w, b, per_epoch, True]
    return [w, b, per_epoch, False]


def _q(rng, lo=-3.0, hi=3.0):
    """A random multiple of 1/4 in [lo, hi]."""
    return rng.randint(int(lo * 4), int(hi * 4)) / 4.0


def _vec(rng, n, lo=-3.0, hi=3.0):
    return [_q(rng, lo, hi) for _ in range(n)]


def _hidden_separable(rng, m, n):
    """m points on the quarter grid, labelled by a random line, with margin."""
    w_star = [float(rng.choice([-3, -2, -1, 1, 2, 3])) for _ in range(n)]
    b_star = _q(rng, -2, 2)
    X, T = [], []
    while len(X) < m:
        x = _vec(rng, n)
        z = _hidden_z(w_star, b_star, x)
        if abs(z) >= 0.25:
            X.append(x)
            T.append(1 if z > 0 else -1)
    return X, T


XOR_X = [[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]]
XOR_T = [-1, -1, 1, 1]
AND_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
AND_T = [-1, -1, -1, 1]


# -- 1.1 weighted sum ---------------------------------------------------------

def _check_weighted_sum(student, w, x, b, z):
    """``z(w, b, x)`` is the oracle: minigrad (visible checks) or a closed form (hidden)."""
    got = student.call("weighted_sum", w, x, b)
    expect_close(got, z(w, b, x), inputs=dict(w=w, x=x, b=b), what="z = w^T x + b",
                 hint="z is the sum over i of w_i * x_i, plus the bias b.",
                 mistakes={"forgot b": (z(w, 0.0, x), "You left out the bias: z = w^T x + b."),
                           "minus b": (z(w, -b, x),
                                       "The bias is added: z = w^T x + b, not - b.")})


@check("Exercise 1.1", points=1, visibility="visible")
def test_weighted_sum_example(student):
    """z = w^T x + b on the docstring's example."""
    _check_weighted_sum(student, [2.0, -1.0], [0.5, 3.0], 0.25, _library_z)


@check("Exercise 1.1", points=2, visibility="hidden")
def test_weighted_sum_seeded(student):
    """z = w^T x + b on seeded vectors of length 1 to 5, negative bias included."""
    def make(r):
        n = r.randint(1, 5)
        return ([r.uniform(-2, 2) for _ in range(n)], [r.uniform(-2, 2) for _ in range(n)],
                r.uniform(-2, 2))
    for w, x, b in seeded(11, 5, make):
        _check_weighted_sum(student, w, x, b, _hidden_z)
    _check_weighted_sum(student, [1.5, -0.5, 2.0], [2.0, 1.0, -1.0], -0.75, _hidden_z)


# -- 1.2 sign ----------------------------------------------------------------

def _check_sign(student, z, sign):
    """``sign(z)`` is the oracle: minigrad (visible checks, z != 0) or a closed
    form (hidden)."""
    got = student.call("sign", z)
    expected = sign(z)
    mistakes = {}
    if z == 0:
        at0 = ("sign(0) must be 0 here: a point on the boundary z = 0 belongs to neither "
               "class (see the docstring's convention).")
        mistakes = {"sign(0) = -1": (-1, at0), "sign(0) = +1": (1, at0)}
    expect_equal(got, expected, inputs=dict(z=z), what="sign(z)",
                 hint="sign(z) is +1 for z > 0, -1 for z < 0 and 0 for z = 0, as an int.",
                 mistakes=mistakes)


def _convention_at_0(z):
    """The docstring's convention on the boundary: sign(0) = 0 (the library's
    predict(), a classifier, must pick a side there instead)."""
    if z != 0:
        raise ValueError("_convention_at_0 is only for z = 0")
    return 0


@check("Exercise 1.2", points=1, visibility="visible")
def test_sign_example(student):
    """sign(z) at z = 0.3, z = -2.0 and on the boundary z = 0."""
    _check_sign(student, 0.3, _library_sign)
    _check_sign(student, -2.0, _library_sign)
    _check_sign(student, 0.0, _convention_at_0)


@check("Exercise 1.2", points=2, visibility="hidden")
def test_sign_seeded(student):
    """sign(z) on seeded z of both signs, tiny |z|, and the convention sign(0) = 0."""
    zs = seeded(12, 4, lambda r: r.uniform(-5, 5)) + [1e-12, -1e-12, 0.0, -0.0, 7.0]
    for z in zs:
        _check_sign(student, z, _hidden_sign)


# -- 1.3 is_mistake -------------------------------------------------------------

def _check_is_mistake(student, w, b, x, t, z, wrong):
    """``z(w, b, x)`` and ``wrong(w, b, x, t)`` are the oracles: minigrad (visible checks)
    or closed forms (hidden)."""
    got = student.call("is_mistake", w, b, x, t)
    expected = wrong(w, b, x, t)
    mistakes = {}
    if z(w, b, x) == 0:
        mistakes = {"boundary counted as right": (
            not expected, "A point with z = 0 lies on the boundary: sign(0) = 0 differs from "
            "both labels, so it is a mistake. (From w = 0, b = 0 every example is a mistake; "
            "otherwise the algorithm could never start.)")}
    else:
        mistakes = {"negated": (not expected, "A mistake is y != t with y = sign(w^T x + b); "
                                "your answer is the opposite (correctly classified?).")}
    expect_equal(got, expected, inputs=dict(w=w, b=b, x=x, t=t, z=z(w, b, x)),
                 what="is_mistake", hint="Compute z = w^T x + b, y = sign(z), return y != t.",
                 mistakes=mistakes)


@check("Exercise 1.3", points=1, visibility="visible")
def test_is_mistake_example(student):
    """A wrongly classified and a correctly classified example."""
    _check_is_mistake(student, [1.0, 0.0], 0.0, [2.0, 5.0], -1, _library_z, _library_wrong)
    _check_is_mistake(student, [1.0, 0.0], 0.0, [2.0, 5.0], 1, _library_z, _library_wrong)


@check("Exercise 1.3", points=2, visibility="hidden")
def test_is_mistake_seeded(student):
    """Seeded examples of both labels, plus points on the boundary z = 0 (w = 0 included)."""
    for w, b, x, t in seeded(13, 8, lambda r: (_vec(r, 3), _q(r), _vec(r, 3), r.choice([1, -1]))):
        if _hidden_z(w, b, x) != 0:
            _check_is_mistake(student, w, b, x, t, _hidden_z, _hidden_wrong)
    for t in (1, -1):
        _check_is_mistake(student, [0.0, 0.0], 0.0, [2.0, -1.5], t, _hidden_z, _hidden_wrong)
        _check_is_mistake(student, [1.0, -1.0], 0.5, [0.25, 0.75], t, _hidden_z, _hidden_wrong)


# -- 1.4 perceptron_update ------------------------------------------------------

def _check_update(student, w, b, x, t, eta, update):
    """``update(w, b, x, t, eta)`` is the oracle: minigrad (visible checks) or a closed form
    (hidden). The typical mistakes are the same update with t = +1, with -t, or with eta = 1."""
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


@check("Exercise 1.4", points=1, visibility="visible")
def test_update_example(student):
    """The update w + eta x t, b + eta t on the docstring's example."""
    _check_update(student, [1.0, 0.0], 0.0, [2.0, 5.0], -1, 0.5, _library_update)


@check("Exercise 1.4", points=2, visibility="hidden")
def test_update_seeded(student):
    """The update on seeded w, b, x, both labels and several learning rates."""
    for w, b, x, t, eta in seeded(14, 6, lambda r: (
            _vec(r, 3), _q(r), _vec(r, 3), r.choice([1, -1]), r.choice([0.25, 0.5, 2.0, 0.1]))):
        _check_update(student, w, b, x, t, eta, _hidden_update)
    _check_update(student, [0.0], 0.0, [-1.5], 1, 1.0, _hidden_update)


# -- 1.5 perceptron_epoch -------------------------------------------------------

def _check_epoch(student, w, b, X, T, eta, epoch):
    """``epoch(w, b, X, T, eta)`` is the oracle, minigrad (visible checks) or seed 000's
    algorithm written out (hidden): it gives the right pass and the typical wrong ones
    ("batch", "strict", "not assigned")."""
    got = student.call("perceptron_epoch", w, b, X, T, eta)
    expected, wrong = epoch(w, b, X, T, eta)
    expect_close(got, expected, inputs=dict(w=w, b=b, X=X, T=T, eta=eta),
                 what="[w, b, mistakes] after one pass",
                 hint="Go through the examples in order; test each one with the current w, b "
                      "(is_mistake) and, if it is wrong, replace w, b by perceptron_update(...) "
                      "and count it.",
                 mistakes={
                     "batch": (wrong["batch"],
                               "You decided every example with the weights from the start of "
                               "the pass. The perceptron updates at once: example j is tested "
                               "with the weights after the updates of examples 1..j-1."),
                     "strict": (wrong["strict"],
                                "Points on the boundary (z = 0) must count as mistakes: "
                                "sign(0) = 0 differs from t."),
                     "not assigned": (wrong["not assigned"],
                                      "Your w and b never change: perceptron_update returns "
                                      "the new [w, b]; assign its result."),
                 })


@check("Exercise 1.5", points=1, visibility="visible")
def test_epoch_example(student):
    """One pass from w = 0, b = 0 over the docstring's two points, and over AND."""
    _check_epoch(student, [0.0, 0.0], 0.0, [[1.0, 1.0], [-1.0, -1.0]], [1, -1], 1.0,
                 _library_epoch)
    _check_epoch(student, [0.0, 0.0], 0.0, AND_X, AND_T, 1.0, _library_epoch)


@check("Exercise 1.5", points=2, visibility="hidden")
def test_epoch_seeded(student):
    """One pass over seeded data sets, from w = 0 and from seeded weights, several eta."""
    for seed in range(5):
        def make(r):
            n, m = r.randint(1, 3), r.randint(3, 8)
            X = [_vec(r, n) for _ in range(m)]
            T = [r.choice([1, -1]) for _ in range(m)]
            zero = r.random() < 0.5
            w = [0.0] * n if zero else _vec(r, n)
            b = 0.0 if zero else _q(r)
            return w, b, X, T, r.choice([1.0, 0.5, 0.25])
        (w, b, X, T, eta), = seeded(150 + seed, 1, make)
        _check_epoch(student, w, b, X, T, eta, _hidden_epoch)


# -- 1.6 perceptron -------------------------------------------------------------

def _check_perceptron(student, X, T, eta, max_epochs, run):
    """``run(X, T, eta, max_epochs)`` is the oracle: minigrad (visible checks) or seed 000's
    algorithm written out (hidden)."""
    got = student.call("perceptron", X, T, eta, max_epochs)
    expected = run(X, T, eta, max_epochs)
    w, b, per_epoch, converged = expected
    no_final = [w, b, per_epoch[:-1], converged] if converged else None
    mistakes = {}
    if no_final:
        mistakes["no final 0"] = (
            no_final, "The algorithm only knows it is done after a whole pass with no "
            "mistake; that pass belongs in mistakes_per_epoch as a final 0.")
    expect_true(isinstance(got, list) and len(got) == 4,
                "perceptron() must return [w, b, mistakes_per_epoch, converged]",
                inputs=dict(X=X, T=T, eta=eta, max_epochs=max_epochs), got=got)
    expect_close(got, expected, inputs=dict(X=X, T=T, eta=eta, max_epochs=max_epochs),
                 what="[w, b, mistakes_per_epoch, converged]",
                 hint="Start from w = [0.0] * n, b = 0.0; call perceptron_epoch until a pass "
                      "makes 0 mistakes (converged = True) or max_epochs passes are done "
                      "(converged = False). Record every pass's mistake count.",
                 mistakes=mistakes)


@check("Exercise 1.6", points=1, visibility="visible")
def test_perceptron_example(student):
    """The perceptron on AND (separable) and XOR with max_epochs = 3 (not separable)."""
    _check_perceptron(student, AND_X, AND_T, 1.0, 100, _library_fit)
    _check_perceptron(student, XOR_X, XOR_T, 1.0, 3, _library_fit)


@check("Exercise 1.6", points=2, visibility="hidden")
def test_perceptron_seeded(student):
    """The perceptron on seeded separable data (2 or 3 features, several eta), XOR, and a tight max_epochs."""
    for seed in (161, 164, 167, 169):  # seeds whose runs take 4 to 9 passes
        (X, T, eta), = seeded(seed, 1, lambda r: _hidden_separable(
            r, r.randint(10, 16), r.randint(2, 3)) + (r.choice([1.0, 0.5, 2.0]),))
        _check_perceptron(student, X, T, eta, 200, _hidden_perceptron)
    _check_perceptron(student, XOR_X, XOR_T, 0.5, 7, _hidden_perceptron)
    (X, T), = seeded(169, 1, lambda r: _hidden_separable(r, r.randint(10, 16), r.randint(2, 3)))
    _check_perceptron(student, X, T, 1.0, 4, _hidden_perceptron)  # > 4 passes: not converged


MISTAKES = [
    # (task, text in solutions/ex01_perceptron.py to replace, replacement, fragment of the hint)
    ("1.1", "return sum(wi * xi for wi, xi in zip(w, x)) + b",
     "return sum(wi * xi for wi, xi in zip(w, x))", "left out the bias"),
    ("1.2", "    return 0\n    # END SOLUTION", "    return -1\n    # END SOLUTION",
     "sign(0) must be 0"),
    ("1.3", "return sign(weighted_sum(w, x, b)) != t", "return weighted_sum(w, x, b) * t < 0",
     "lies on the boundary", "hidden"),
    ("1.4", "w_new = [wi + eta * xi * t for", "w_new = [wi + eta * xi for", "label t"),
    ("1.4", "b_new = b + eta * t", "b_new = b", "bias is updated too"),
    ("1.5", "            w, b = perceptron_update(w, b, x, t, eta)",
     "            perceptron_update(w, b, x, t, eta)", "assign its result"),
    ("1.6", "        mistakes_per_epoch.append(mistakes)\n        if mistakes == 0:\n"
            "            return [w, b, mistakes_per_epoch, True]",
     "        if mistakes == 0:\n            return [w, b, mistakes_per_epoch, True]\n"
     "        mistakes_per_epoch.append(mistakes)", "final 0"),
]
