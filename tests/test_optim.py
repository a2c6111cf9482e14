"""Tests for minigrad.optim.SGD against hand calculations and closed forms on a quadratic."""

import cmath
import random

import pytest

from minigrad import Value
from minigrad.nn import MLP
from minigrad.optim import SGD


def run_on_quadratic(theta0, curvature, lr, momentum, steps):
    """Minimise L = curvature/2 * theta^2 (dL/dtheta = curvature * theta) with SGD."""
    theta = Value(theta0)
    opt = SGD([theta], lr=lr, momentum=momentum)
    path = [theta.data]
    for _ in range(steps):
        opt.zero_grad()
        loss = 0.5 * curvature * theta * theta
        loss.backward()
        opt.step()
        path.append(theta.data)
    return path


def test_two_steps_by_hand():
    # theta0 = 1, L = theta^2 (curvature 2), lr = 0.1, mu = 0.9:
    # step 1: g = 2.0, v = -0.2, theta = 0.8
    # step 2: g = 1.6, v = 0.9 * -0.2 - 0.16 = -0.34, theta = 0.46
    path = run_on_quadratic(1.0, 2.0, 0.1, 0.9, 2)
    assert path == pytest.approx([1.0, 0.8, 0.46], rel=1e-12)
    # without momentum: theta <- theta - 0.1 * 2 theta = 0.8 theta
    assert run_on_quadratic(1.0, 2.0, 0.1, 0.0, 2) == pytest.approx([1.0, 0.8, 0.64], rel=1e-12)


@pytest.mark.parametrize("theta0, a, lr", [(1.5, 2.0, 0.1), (-0.7, 0.5, 0.3), (2.0, 4.0, 0.45)])
def test_plain_sgd_closed_form(theta0, a, lr):
    # theta_n = (1 - lr a)^n theta0
    path = run_on_quadratic(theta0, a, lr, 0.0, 20)
    for n, theta in enumerate(path):
        assert theta == pytest.approx((1 - lr * a) ** n * theta0, rel=1e-10, abs=1e-14)


@pytest.mark.parametrize("theta0, a, lr, mu", [
    (1.0, 1.0, 0.1, 0.1),    # real characteristic roots
    (1.0, 2.0, 0.1, 0.9),    # complex roots: damped oscillation
    (-2.0, 0.5, 0.4, 0.5),
])
def test_momentum_closed_form(theta0, a, lr, mu):
    # v_{n+1} = mu v_n - lr a theta_n, theta_{n+1} = theta_n + v_{n+1}, v_0 = 0
    # => theta_{n+1} = (1 + mu - lr a) theta_n - mu theta_{n-1}, theta_1 = (1 - lr a) theta0
    # => theta_n = A r1^n + B r2^n, r1,2 the roots of r^2 - (1 + mu - lr a) r + mu = 0
    p = 1 + mu - lr * a
    disc = cmath.sqrt(p * p - 4 * mu)
    r1, r2 = (p + disc) / 2, (p - disc) / 2
    theta1 = (1 - lr * a) * theta0
    B = (theta1 - r1 * theta0) / (r2 - r1)
    A = theta0 - B
    path = run_on_quadratic(theta0, a, lr, mu, 30)
    for n, theta in enumerate(path):
        want = A * r1 ** n + B * r2 ** n
        assert abs(want.imag) < 1e-12
        assert theta == pytest.approx(want.real, rel=1e-9, abs=1e-12)


def test_step_on_a_network_is_theta_minus_lr_grad():
    net = MLP(2, [3, 1], activation="tanh", seed=5)
    rng = random.Random(5)
    x = [rng.uniform(-1, 1) for _ in range(2)]
    loss = (net(x) - 0.5) ** 2
    loss.backward()
    before = [(p.data, p.grad) for p in net.parameters()]
    opt = SGD(net.parameters(), lr=0.05)
    opt.step()
    for p, (theta, g) in zip(net.parameters(), before):
        assert p.data == theta - 0.05 * g
    opt.zero_grad()
    assert all(p.grad == 0.0 for p in net.parameters())


def test_training_reduces_loss():
    net = MLP(1, [8, 1], activation="tanh", init="xavier", seed=1)
    xs = [[i / 5 - 1] for i in range(11)]
    ts = [x[0] ** 2 for x in xs]
    opt = SGD(net.parameters(), lr=0.05, momentum=0.5)

    def total():
        return sum(((net(x) - t) ** 2 for x, t in zip(xs, ts)), Value(0.0))

    first = total().data
    for _ in range(100):
        opt.zero_grad()
        total().backward()
        opt.step()
    assert total().data < 0.2 * first


@pytest.mark.parametrize("args, kwargs, exc, msg", [
    (([],), dict(lr=0.1), ValueError, "empty"),
    (([Value(1.0), 2.0],), dict(lr=0.1), TypeError, r"params\[1\] must be a Value"),
    ((Value(1.0),), dict(lr=0.1), TypeError, "list of Values"),
    (([Value(1.0)],), dict(lr=0.0), ValueError, "lr must be > 0"),
    (([Value(1.0)],), dict(lr="0.1"), TypeError, "lr must be a real number"),
    (([Value(1.0)],), dict(lr=0.1, momentum=1.0), ValueError, r"momentum must be in \[0, 1\)"),
    (([Value(1.0)],), dict(lr=0.1, momentum=-0.1), ValueError, "momentum"),
])
def test_bad_arguments(args, kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        SGD(*args, **kwargs)


def test_duplicate_params_and_divergence():
    w = Value(1.0)
    with pytest.raises(ValueError, match=r"params\[1\] appears twice"):
        SGD([w, w], lr=0.1)
    u, w = Value(1.0), Value(1e308)
    opt = SGD([u, w], lr=1.0)
    u.grad, w.grad = 1.0, -1e308
    with pytest.raises(ValueError, match=r"params\[1\] would become inf"):
        opt.step()
    assert u.data == 1.0 and w.data == 1e308  # nothing was changed
