"""Tests for minigrad.data: the toy datasets and train_test_split.

Oracles: the closed-form shapes of each dataset with noise = 0 (circle
equations, corner positions, spiral radius/angle), the noise's standard
deviation measured radially, and a separating line found and then checked
independently for the blobs.
"""

import math
import random

import pytest

from minigrad.data import (DATASETS, make_blobs, make_circles, make_moons, make_spiral,
                           make_xor, train_test_split)

MAKERS = [make_blobs, make_xor, make_moons, make_circles, make_spiral]


@pytest.mark.parametrize("make", MAKERS)
def test_shapes_labels_balance(make):
    for n in (7, 40):
        X, y = make(n, seed=3)
        assert len(X) == len(y) == n
        assert all(len(x) == 2 and all(isinstance(v, float) for v in x) for x in X)
        assert set(y) <= {-1, 1}
        if make is not make_xor:
            assert y.count(-1) == n // 2 and y.count(1) == n - n // 2


@pytest.mark.parametrize("make", MAKERS)
def test_deterministic_and_seed_dependent(make):
    assert make(30, seed=5) == make(30, seed=5)
    assert make(30, seed=5) != make(30, seed=6)


@pytest.mark.parametrize("make", MAKERS)
def test_global_random_state_untouched(make):
    random.seed(123)
    state = random.getstate()
    make(20, seed=1)
    assert random.getstate() == state


@pytest.mark.parametrize("make", MAKERS)
def test_labels_01_is_the_same_data(make):
    X, t = make(25, seed=2)
    X01, y01 = make(25, seed=2, labels="01")
    assert X01 == X
    assert y01 == [(ti + 1) // 2 for ti in t]


@pytest.mark.parametrize("make", MAKERS)
def test_labels_are_shuffled(make):
    _, y = make(40, seed=0)
    assert y != sorted(y)


def test_xor_noise_free_points():
    X, y = make_xor(8, noise=0.0, seed=1)
    for x, t in zip(X, y):
        assert abs(x[0]) == 1.0 and abs(x[1]) == 1.0
        assert t == (1 if x[0] * x[1] > 0 else -1)
    assert sorted(map(tuple, X)) == sorted([(1.0, 1.0), (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0)] * 2)


def test_moons_noise_free_lie_on_their_half_circles():
    X, y = make_moons(50, noise=0.0, seed=0)
    for (a, b), t in zip(X, y):
        if t == -1:  # upper moon: unit circle around (0, 0), b >= 0
            assert math.hypot(a, b) == pytest.approx(1.0)
            assert b >= -1e-12
        else:  # lower moon: unit circle around (1, 0.5), b <= 0.5
            assert math.hypot(a - 1.0, b - 0.5) == pytest.approx(1.0)
            assert b <= 0.5 + 1e-12


def test_circles_noise_free_radii():
    X, y = make_circles(40, noise=0.0, factor=0.3, seed=0)
    for x, t in zip(X, y):
        assert math.hypot(*x) == pytest.approx(0.3 if t == 1 else 1.0)


def test_spiral_noise_free_arms():
    X, y = make_spiral(60, noise=0.0, turns=1.5, seed=0)
    for (a, b), t in zip(X, y):
        r = math.hypot(a, b)
        assert 0.1 - 1e-12 <= r <= 1.0 + 1e-12
        angle = 2 * math.pi * 1.5 * r + (math.pi if t == 1 else 0.0)
        assert a == pytest.approx(r * math.cos(angle), abs=1e-9)
        assert b == pytest.approx(r * math.sin(angle), abs=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_noise_is_gaussian_with_the_given_std(seed):
    # A 2-D isotropic Gaussian's radial component has the same std as each coordinate.
    sigma = 0.02
    X, y = make_circles(4000, noise=sigma, seed=seed)
    dev = [math.hypot(*x) - (0.5 if t == 1 else 1.0) for x, t in zip(X, y)]
    mean = sum(dev) / len(dev)
    std = math.sqrt(sum((d - mean) ** 2 for d in dev) / len(dev))
    assert abs(mean) < 0.003
    assert std == pytest.approx(sigma, rel=0.1)


@pytest.mark.parametrize("seed", range(6))
def test_blobs_are_linearly_separable(seed):
    # Find a separator with the perceptron, then verify it here, independently.
    from minigrad.perceptron import Perceptron
    X, y = make_blobs(60, noise=1.5, seed=seed, margin=0.2)
    p = Perceptron(2)
    p.fit(X, y, max_epochs=20000)
    assert p.converged
    w, b = p.w, p.b
    assert all(t * (w[0] * x[0] + w[1] * x[1] + b) > 0 for x, t in zip(X, y))


# -- train_test_split --

def test_split_is_a_partition_keeping_pairs():
    X = [[float(i), float(-i)] for i in range(23)]
    y = [i % 3 for i in range(23)]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_fraction=0.3, seed=4)
    assert len(X_te) == len(y_te) == math.ceil(0.3 * 23) == 7
    assert len(X_tr) == len(y_tr) == 16
    pairs = sorted((x[0], t) for x, t in zip(X_tr + X_te, y_tr + y_te))
    assert pairs == sorted((x[0], t) for x, t in zip(X, y))
    for x, t in zip(X_tr + X_te, y_tr + y_te):
        assert t == int(x[0]) % 3


def test_split_deterministic_and_seeded():
    X, y = make_moons(40, seed=0)
    assert train_test_split(X, y, 0.25, seed=1) == train_test_split(X, y, 0.25, seed=1)
    assert train_test_split(X, y, 0.25, seed=1) != train_test_split(X, y, 0.25, seed=2)


def test_split_bad_input():
    with pytest.raises(ValueError, match="3 examples but y has 2"):
        train_test_split([[1], [2], [3]], [1, 2], 0.5)
    for bad in (0, 1, 1.5, -0.2):
        with pytest.raises(ValueError, match="test_fraction"):
            train_test_split([[1], [2], [3]], [1, 2, 3], bad)
    with pytest.raises(ValueError, match="both must be >= 1"):
        train_test_split([[1], [2]], [1, 2], 0.9)


# -- bad input --

@pytest.mark.parametrize("make", MAKERS)
def test_bad_arguments(make):
    with pytest.raises(ValueError, match="n "):
        make(0)
    with pytest.raises(TypeError, match="n "):  # a wrong type, not a wrong value
        make(2.5)
    with pytest.raises(TypeError, match="noise"):
        make(10, noise="0.1")
    with pytest.raises(ValueError, match="noise"):
        make(10, noise=-0.1)
    with pytest.raises(ValueError, match="noise"):
        make(10, noise=float("nan"))
    with pytest.raises(ValueError, match="labels"):
        make(10, labels="+-")
    with pytest.raises(TypeError, match="seed"):
        make(10, seed=1.5)


def test_registry():
    assert set(DATASETS) == {"blobs", "xor", "moons", "circles", "spiral"}
    assert DATASETS["moons"] is make_moons
