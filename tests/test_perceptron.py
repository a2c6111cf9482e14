"""Tests for minigrad.perceptron: seed 000's perceptron and its hinge-loss view.

Oracles: a run worked by hand; Novikoff's mistake bound (R / gamma)^2 for a
separator the test constructs itself; the separation of the training data,
recomputed here; central differences and the library's autodiff (Value) for
the hinge loss's gradient away from the kink.
"""

import math
import random
import warnings

import pytest

from minigrad.engine import Value
from minigrad.data import make_blobs, make_xor
from minigrad.perceptron import (ConvergenceWarning, Perceptron, fit_hinge_sgd,
                                 hinge_loss, hinge_subgradient)


def separable(seed, m=30, n=2, gamma=0.15):
    """Points in [-2, 2]^n labelled by a random (w*, b*) with ||(w*, b*)|| = 1,
    keeping only those at (augmented) margin >= gamma. Returns X, T, w*, b*."""
    rng = random.Random(seed)
    v = [rng.gauss(0, 1) for _ in range(n + 1)]
    norm = math.sqrt(sum(c * c for c in v))
    w_star, b_star = [c / norm for c in v[:n]], v[n] / norm
    X, T = [], []
    while len(X) < m:
        x = [rng.uniform(-2, 2) for _ in range(n)]
        z = sum(a * b for a, b in zip(w_star, x)) + b_star
        if abs(z) >= gamma:
            X.append(x)
            T.append(1 if z > 0 else -1)
    return X, T, w_star, b_star


def z_of(w, b, x):
    return sum(a * c for a, c in zip(w, x)) + b


# -- the algorithm, against a run worked by hand --

def test_hand_worked_run():
    # eta = 0.5, w = (0, 0), b = 0
    # ex 1: x = (1, 2),  t = +1: z = 0       -> mistake: w = (0.5, 1),    b = 0.5
    # ex 2: x = (2, -1), t = -1: z = 0.5     -> mistake: w = (-0.5, 1.5), b = 0
    # ex 3: x = (-1, .5), t = +1: z = 1.25   -> correct
    # epoch 2: z = 2.5, -2.5, 1.25 -> no mistake: stop.
    p = Perceptron(2, lr=0.5)
    mistakes = p.fit([[1.0, 2.0], [2.0, -1.0], [-1.0, 0.5]], [1, -1, 1])
    assert mistakes == [2, 0]
    assert p.history == [([0.5, 1.0], 0.5), ([-0.5, 1.5], 0.0)]
    assert p.update_steps == [0, 1]
    assert p.w == [-0.5, 1.5] and p.b == 0.0
    assert p.converged is True


def test_z_zero_is_a_mistake_for_both_labels():
    # From w = 0, b = 0 the first example has z = 0; it must trigger an update
    # whatever its label, or the algorithm could never start.
    for t in (1, -1):
        p = Perceptron(2)
        assert p.fit([[3.0, -1.0]], [t]) == [1, 0]
        assert p.history == [([3.0 * t, -1.0 * t], float(t))]
    p = Perceptron(1)
    assert p.is_mistake([5.0], 1) and p.is_mistake([5.0], -1)  # w = 0, b = 0: z = 0


def test_predict_convention():
    p = Perceptron(2)
    p.fit([[2.0, 0.0], [-1.0, 0.0]], [1, -1])  # one update: w = (2, 0), b = 1
    assert (p.w, p.b) == ([2.0, 0.0], 1.0)
    rng = random.Random(4)
    for _ in range(50):
        x = [rng.uniform(-3, 3), rng.uniform(-3, 3)]
        z = x[0] * 2.0 + 1.0  # independent: w^T x + b
        assert p.decision_function(x) == pytest.approx(z)
        assert p.predict(x) == (1 if z > 0 else -1)
    assert p.predict([-0.5, 7.0]) == -1  # z = 0 exactly: sign(0) = -1 by convention


@pytest.mark.parametrize("seed", range(6))
def test_converges_within_novikoff_bound(seed):
    X, T, w_star, b_star = separable(seed)
    # augmented vectors (x, 1): R = max ||(x, 1)||, gamma = min t (w*.x + b*)
    R = max(math.sqrt(sum(c * c for c in x) + 1.0) for x in X)
    gamma = min(t * z_of(w_star, b_star, x) for x, t in zip(X, T))
    p = Perceptron(2, lr=0.7)
    mistakes = p.fit(X, T, max_epochs=10000)
    assert p.converged and mistakes[-1] == 0
    assert sum(mistakes) == len(p.history) <= (R / gamma) ** 2
    for x, t in zip(X, T):  # every training point strictly on its side
        assert t * z_of(p.w, p.b, x) > 0
        assert p.predict(x) == t


@pytest.mark.parametrize("seed", range(5))
def test_blobs_are_separated(seed):
    X, T = make_blobs(40, noise=0.8, seed=seed)
    p = Perceptron(2)
    p.fit(X, T, max_epochs=10000)
    assert p.converged
    assert all(t * z_of(p.w, p.b, x) > 0 for x, t in zip(X, T))


def test_each_update_is_the_rule_applied_to_the_previous_weights():
    X, T, _, _ = separable(11, m=25, n=3)
    eta = 0.25
    p = Perceptron(3, lr=eta)
    p.fit(X, T, max_epochs=1000)
    m = len(X)
    w, b = [0.0, 0.0, 0.0], 0.0
    for (w_new, b_new), step in zip(p.history, p.update_steps):
        x, t = X[step % m], T[step % m]
        assert t * z_of(w, b, x) <= 0  # it really was a mistake
        assert w_new == pytest.approx([wi + eta * xi * t for wi, xi in zip(w, x)], abs=1e-12)
        assert b_new == pytest.approx(b + eta * t, abs=1e-12)
        w, b = w_new, b_new


# -- the hinge-loss view --

def test_hinge_loss_forward_against_closed_form_and_autodiff():
    rng = random.Random(0)
    for _ in range(50):
        z, t = rng.uniform(-3, 3), rng.choice([1, -1])
        expected = -z * t if -z * t > 0 else 0.0
        assert hinge_loss(z, t) == pytest.approx(expected)
        assert hinge_loss(z, t) == pytest.approx((Value(z) * (-t)).relu().data)


@pytest.mark.parametrize("seed", range(5))
def test_hinge_subgradient_matches_central_difference_and_autodiff(seed):
    rng = random.Random(seed)
    n = 3
    checked = 0
    while checked < 20:
        w = [rng.uniform(-2, 2) for _ in range(n)]
        b = rng.uniform(-1, 1)
        x = [rng.uniform(-2, 2) for _ in range(n)]
        t = rng.choice([1, -1])
        if abs(z_of(w, b, x)) < 1e-2:  # stay away from the kink
            continue
        checked += 1
        dw, db = hinge_subgradient(w, b, x, t)

        def L(w_, b_):
            return max(0.0, -z_of(w_, b_, x) * t)

        h = 1e-6
        for i in range(n):
            wp, wm = list(w), list(w)
            wp[i] += h
            wm[i] -= h
            assert dw[i] == pytest.approx((L(wp, b) - L(wm, b)) / (2 * h), abs=1e-6)
        assert db == pytest.approx((L(w, b + h) - L(w, b - h)) / (2 * h), abs=1e-6)
        # autodiff: L = relu(-(w.x + b) t)
        wv, bv = [Value(c) for c in w], Value(b)
        loss = (-(sum((wi * xi for wi, xi in zip(wv, x)), Value(0.0)) + bv) * t).relu()
        loss.backward()
        assert dw == pytest.approx([v.grad for v in wv], abs=1e-12)
        assert db == pytest.approx(bv.grad, abs=1e-12)


def test_hinge_subgradient_at_the_kink_is_the_mistake_rule():
    # z t = 0: the documented choice is the full step s = 1, i.e. (-t x, -t),
    # one end of the subdifferential {s (-t x, -t) : 0 <= s <= 1}.
    # (Autodiff through relu takes s = 0 there, the seed's 1_{-z t > 0}.)
    x = [2.0, -3.0]
    for t in (1, -1):
        assert hinge_subgradient([0.0, 0.0], 0.0, x, t) == ([-2.0 * t, 3.0 * t], float(-t))
        assert hinge_subgradient([1.5, 1.0], 0.0, x, t) == ([-2.0 * t, 3.0 * t], float(-t))
    v = Value(0.0)
    r = (v * -1.0).relu()
    r.backward()
    assert v.grad == 0.0  # why the choice at the kink must be made explicitly


def _check_same_sequence(X, T, eta):
    p = Perceptron(len(X[0]), lr=eta)
    mistakes = p.fit(X, T, max_epochs=2000)
    g = fit_hinge_sgd(X, T, lr=eta, max_epochs=2000)
    assert p.converged and g.converged
    m = len(X)
    assert len(g.path) == m * len(mistakes) == m * len(g.losses)
    # the parameters after each perceptron update == after that gradient step
    assert p.history == [g.path[s] for s in p.update_steps]
    # and every other gradient step leaves the parameters unchanged
    updates = set(p.update_steps)
    prev = ([0.0] * len(X[0]), 0.0)
    for s, wb in enumerate(g.path):
        if s not in updates:
            assert wb == prev
        prev = wb
    assert (g.w, g.b) == (p.w, p.b)
    # the last epoch has no mistake and so zero hinge loss
    assert g.losses[-1] == 0.0 and mistakes[-1] == 0


@pytest.mark.parametrize("seed", range(6))
def test_hinge_sgd_reproduces_perceptron_weights_exactly(seed):
    X, T, _, _ = separable(100 + seed, m=40, n=2 + seed % 3)
    _check_same_sequence(X, T, eta=[1.0, 0.5, 0.1][seed % 3])


@pytest.mark.parametrize("seed", range(4))
def test_hinge_sgd_reproduces_perceptron_on_blobs(seed):
    X, T = make_blobs(50, noise=1.0, seed=seed)
    _check_same_sequence(X, T, eta=1.0)


# -- non-separable data --

def test_xor_does_not_converge():
    X, T = make_xor(4, noise=0.0)
    p = Perceptron(2)
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        mistakes = p.fit(X, T, max_epochs=7)
    assert p.converged is False
    assert len(mistakes) == 7 and all(k > 0 for k in mistakes)
    with pytest.warns(ConvergenceWarning):
        g = fit_hinge_sgd(X, T, max_epochs=7)
    assert g.converged is False and len(g.losses) == 7
    assert p.history == [g.path[s] for s in p.update_steps]


def test_no_warning_when_converged():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        Perceptron(1).fit([[1.0], [-1.0]], [1, -1])


def test_refit_starts_from_zero():
    p = Perceptron(1)
    p.fit([[1.0], [-1.0]], [1, -1])
    first = list(p.history)
    p.fit([[1.0], [-1.0]], [1, -1])
    assert p.history == first


# -- bad input --

@pytest.mark.parametrize("bad, kind", [(0, ValueError), (2, ValueError), (0.5, ValueError),
                                       (True, TypeError), ("1", TypeError), (None, TypeError)])
def test_bad_label_names_label_and_index(bad, kind):
    """A label of the wrong type is a TypeError, a number other than +-1 a ValueError."""
    T = [1, -1, bad, 1]
    with pytest.raises(kind) as e:
        Perceptron(1).fit([[1.0], [2.0], [3.0], [4.0]], T)
    assert "T[2]" in str(e.value) and repr(bad) in str(e.value)
    with pytest.raises(kind, match=r"T\[2\]"):
        fit_hinge_sgd([[1.0], [2.0], [3.0], [4.0]], T)


def test_float_labels_are_accepted():
    p = Perceptron(1)
    assert p.fit([[2.0], [-1.0]], [1.0, -1.0]) == [1, 0]


def test_wrong_feature_length_names_the_example():
    with pytest.raises(ValueError, match=r"X\[1\] has 3 features, expected n_features = 2"):
        Perceptron(2).fit([[1.0, 2.0], [1.0, 2.0, 3.0]], [1, -1])
    with pytest.raises(ValueError, match="expected n_features = 2"):
        Perceptron(2).predict([1.0])
    with pytest.raises(ValueError, match=r"X\[1\] has 1 features"):
        fit_hinge_sgd([[1.0, 2.0], [1.0]], [1, -1])


def test_other_bad_input():
    with pytest.raises(ValueError, match="2 examples but T has 1"):
        Perceptron(1).fit([[1.0], [2.0]], [1])
    with pytest.raises(ValueError, match="empty"):
        Perceptron(1).fit([], [])
    with pytest.raises(TypeError, match=r"X\[0\]\[1\]"):
        Perceptron(2).fit([[1.0, "a"]], [1])
    with pytest.raises(ValueError, match="finite"):
        Perceptron(1).fit([[float("nan")]], [1])
    with pytest.raises(ValueError, match="n_features"):
        Perceptron(0)
    with pytest.raises(ValueError, match="lr"):
        Perceptron(2, lr=0.0)
    with pytest.raises(ValueError, match="max_epochs"):
        Perceptron(1).fit([[1.0]], [1], max_epochs=0)
    with pytest.raises(TypeError, match="max_epochs"):
        Perceptron(1).fit([[1.0]], [1], max_epochs=2.5)
    with pytest.raises(TypeError, match="n_features"):
        Perceptron("2")
    with pytest.raises(ValueError, match="label"):
        hinge_loss(1.0, 0)
