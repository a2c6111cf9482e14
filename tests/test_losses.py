"""Tests for minigrad.losses: float and Value forms, closed-form and numeric gradients."""

import math
import random

import pytest

from minigrad import Value
from minigrad import losses
from minigrad.numeric import numerical_gradient


def seeded_scores(seed, n=6, lo=-3.0, hi=3.0):
    rng = random.Random(seed)
    return [rng.uniform(lo, hi) for _ in range(n)]


def central(f, z, h=1e-6):
    return (f(z + h) - f(z - h)) / (2 * h)


def check_scalar_loss(loss, grad, closed_form, closed_grad, z, t, tol=1e-9):
    """float forward, Value forward, autodiff grad, *_grad, numeric grad: all agree."""
    want = closed_form(z, t)
    assert loss(z, t) == pytest.approx(want, rel=1e-12, abs=1e-12)
    zv = Value(z)
    out = loss(zv, t)
    assert isinstance(out, Value)
    assert out.data == pytest.approx(want, rel=1e-12, abs=1e-12)
    out.backward()
    dz = closed_grad(z, t)
    assert zv.grad == pytest.approx(dz, rel=1e-12, abs=1e-12)
    assert grad(z, t) == pytest.approx(dz, rel=1e-12, abs=1e-12)
    assert central(lambda s: loss(s, t), z) == pytest.approx(dz, abs=tol)


# -- hinge (perceptron) and SVM hinge -------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("t", [1, -1])
def test_perceptron_hinge(seed, t):
    def closed(z, t):  # seed 000: max(0, -z t)
        return -z * t if (z > 0) != (t > 0) else 0.0

    def closed_grad(z, t):  # seed 000: delta_out = 1{-z t > 0} (-t)
        return -t if (z > 0) != (t > 0) else 0.0

    for z in seeded_scores(seed):
        if abs(z) > 1e-3:  # away from the kink z = 0
            check_scalar_loss(losses.hinge, losses.hinge_grad, closed, closed_grad, z, t)


@pytest.mark.parametrize("seed", [3, 4, 5])
@pytest.mark.parametrize("t", [1.0, -1.0])
def test_svm_hinge(seed, t):
    def closed(z, t):
        return 1 - t * z if t * z < 1 else 0.0

    def closed_grad(z, t):
        return -t if t * z < 1 else 0.0

    for z in seeded_scores(seed):
        if abs(t * z - 1) > 1e-3:  # away from the kink t z = 1
            check_scalar_loss(losses.svm_hinge, losses.svm_hinge_grad, closed, closed_grad, z, t)


def test_hinge_hand_values():
    assert losses.hinge(2.0, 1) == 0.0
    assert losses.hinge(-2.0, 1) == 2.0
    assert losses.hinge(0.5, -1) == 0.5
    assert losses.svm_hinge(0.5, 1) == 0.5
    assert losses.svm_hinge(3.0, 1) == 0.0
    assert losses.svm_hinge(-0.5, -1) == 0.5


# -- squared error and MSE ------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
def test_squared_error(seed):
    rng = random.Random(seed)
    for _ in range(5):
        y, t = rng.uniform(-3, 3), rng.uniform(-3, 3)
        check_scalar_loss(losses.squared_error, losses.squared_error_grad,
                          lambda y, t: (y - t) * (y - t), lambda y, t: 2 * (y - t), y, t, tol=1e-8)


@pytest.mark.parametrize("seed", [0, 1])
def test_mse_value_float_grad_and_numeric(seed):
    rng = random.Random(seed)
    ys = [rng.uniform(-2, 2) for _ in range(5)]
    ts = [rng.uniform(-2, 2) for _ in range(5)]
    want = sum((y - t) ** 2 for y, t in zip(ys, ts)) / 5
    assert losses.mse(ys, ts) == pytest.approx(want, rel=1e-12)
    yv = [Value(y) for y in ys]
    out = losses.mse(yv, ts)
    assert isinstance(out, Value) and out.data == pytest.approx(want, rel=1e-12)
    out.backward()
    closed = [2 * (y - t) / 5 for y, t in zip(ys, ts)]
    numeric = numerical_gradient(lambda v: losses.mse(v, ts), ys)
    for g_ad, g_fn, g_cf, g_num in zip([v.grad for v in yv], losses.mse_grad(ys, ts), closed, numeric):
        assert g_ad == pytest.approx(g_cf, rel=1e-12, abs=1e-15)
        assert g_fn == pytest.approx(g_cf, rel=1e-12, abs=1e-15)
        assert g_num == pytest.approx(g_cf, abs=1e-8)


def test_mse_errors():
    with pytest.raises(ValueError, match="same length, got 2 and 3"):
        losses.mse([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="at least one"):
        losses.mse([], [])
    with pytest.raises(TypeError, match="ys must be a list"):
        losses.mse(1.0, [1.0])


# -- binary cross-entropy on logits ---------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("t", [0, 1])
def test_bce_against_the_log_sigmoid_definition(seed, t):
    def closed(z, t):  # -[t log s + (1 - t) log(1 - s)], fine for moderate z
        s = 1 / (1 + math.exp(-z))
        return -(t * math.log(s) + (1 - t) * math.log(1 - s))

    def closed_grad(z, t):
        return 1 / (1 + math.exp(-z)) - t

    for z in seeded_scores(seed, lo=-8, hi=8):
        check_scalar_loss(losses.bce_with_logits, losses.bce_with_logits_grad,
                          closed, closed_grad, z, t)


@pytest.mark.parametrize("z, t, loss, grad", [
    (1000.0, 1, 0.0, 0.0),
    (1000.0, 0, 1000.0, 1.0),
    (-1000.0, 0, 0.0, 0.0),
    (-1000.0, 1, 1000.0, -1.0),
])
def test_bce_is_stable_at_extreme_logits(z, t, loss, grad):
    assert losses.bce_with_logits(z, t) == loss
    assert losses.bce_with_logits_grad(z, t) == grad
    zv = Value(z)
    out = losses.bce_with_logits(zv, t)
    assert out.data == loss
    out.backward()
    assert zv.grad == grad


# -- L2 penalty -----------------------------------------------------------------------

def test_l2_penalty_value_float_and_grad():
    rng = random.Random(7)
    ps = [rng.uniform(-2, 2) for _ in range(6)]
    lam = 0.3
    want = lam * sum(p * p for p in ps)
    assert losses.l2_penalty(ps, lam) == pytest.approx(want, rel=1e-12)
    pv = [Value(p) for p in ps]
    out = losses.l2_penalty(pv, lam)
    assert isinstance(out, Value) and out.data == pytest.approx(want, rel=1e-12)
    out.backward()
    numeric = numerical_gradient(lambda v: losses.l2_penalty(v, lam), ps)
    for p, v, g_fn, g_num in zip(ps, pv, losses.l2_penalty_grad(ps, lam), numeric):
        assert v.grad == pytest.approx(2 * lam * p, rel=1e-12)
        assert g_fn == pytest.approx(2 * lam * p, rel=1e-12)
        assert g_num == pytest.approx(2 * lam * p, abs=1e-8)
    with pytest.raises(ValueError, match="lam must be >= 0"):
        losses.l2_penalty(ps, -1.0)
    with pytest.raises(TypeError, match=r"params\[1\]"):
        losses.l2_penalty([1.0, "a"], 0.1)


# -- labels and inputs ----------------------------------------------------------------

@pytest.mark.parametrize("fn", [losses.hinge, losses.svm_hinge, losses.hinge_grad,
                                losses.svm_hinge_grad])
@pytest.mark.parametrize("t", [0, 2, 0.5, -2])
def test_hinge_labels_must_be_plus_minus_one(fn, t):
    with pytest.raises(ValueError, match="label t must be 1 or -1, got"):
        fn(0.5, t)


@pytest.mark.parametrize("fn", [losses.bce_with_logits, losses.bce_with_logits_grad])
@pytest.mark.parametrize("t", [-1, 2, 1.5, -0.25])
def test_bce_targets_must_be_in_zero_one(fn, t):
    with pytest.raises(ValueError, match=r"label t must be in \[0, 1\]"):
        fn(0.5, t)


@pytest.mark.parametrize("t", [0.0, 0.25, 0.5, 0.9, 1.0])
@pytest.mark.parametrize("z", [-3.0, -0.4, 0.0, 1.7])
def test_bce_soft_labels_against_the_definition_and_autodiff(z, t):
    """A soft label t in [0, 1], as torch's BCEWithLogitsLoss accepts:
    L = -[t log sigma(z) + (1 - t) log(1 - sigma(z))], dL/dz = sigma(z) - t."""
    s = 1.0 / (1.0 + math.exp(-z))
    assert losses.bce_with_logits(z, t) == pytest.approx(
        -(t * math.log(s) + (1 - t) * math.log(1 - s)), rel=1e-12, abs=1e-12)
    zv = Value(z)
    losses.bce_with_logits(zv, t).backward()
    assert zv.grad == pytest.approx(s - t, abs=1e-12)
    assert losses.bce_with_logits_grad(z, t) == pytest.approx(s - t, abs=1e-12)


def test_bad_scores_and_labels_types():
    with pytest.raises(TypeError, match="z must be a real number or a Value"):
        losses.hinge("1", 1)
    with pytest.raises(TypeError, match="label t"):
        losses.hinge(1.0, True)
    with pytest.raises(TypeError, match="label t"):
        losses.bce_with_logits(1.0, Value(1.0))
    with pytest.raises(ValueError, match="finite"):
        losses.squared_error(float("nan"), 1.0)


def test_losses_table_pairs_each_loss_with_its_gradient():
    for name, (f, df) in losses.LOSSES.items():
        t = 1.0 if name != "squared_error" else 0.3
        z = -0.4
        assert df(z, t) == pytest.approx(central(lambda s: f(s, t), z), abs=1e-8), name
