"""Tests for minigrad.numeric: finite differences, evaluation counts, gradcheck."""

import math
import random

import pytest

from minigrad import Value
from minigrad.numeric import (CountedFunction, compare_gradients, count_evaluations, gradcheck,
                              numerical_gradient, relative_error, value_gradient, verdict)


def cubes(x):
    return sum(xi ** 3 for xi in x)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_truncation_error_matches_taylor_closed_form(seed):
    # For f = sum x^3 the differences are exact polynomials in h:
    #   forward: ((x+h)^3 - x^3)/h = 3x^2 + 3xh + h^2
    #   central: ((x+h)^3 - (x-h)^3)/(2h) = 3x^2 + h^2
    rng = random.Random(seed)
    x = [rng.uniform(-2, 2) for _ in range(4)]
    h = 1e-3
    fwd = numerical_gradient(cubes, x, h=h, method="forward")
    cen = numerical_gradient(cubes, x, h=h, method="central")
    for xi, gf, gc in zip(x, fwd, cen):
        assert abs(gf - (3 * xi ** 2 + 3 * xi * h + h ** 2)) < 1e-9
        assert abs(gc - (3 * xi ** 2 + h ** 2)) < 1e-9
        assert abs(gc - 3 * xi ** 2) < abs(gf - 3 * xi ** 2) or abs(xi) < 1e-3


@pytest.mark.parametrize("seed", [3, 4])
def test_smooth_function_against_closed_form(seed):
    rng = random.Random(seed)
    x = [rng.uniform(-1, 1) for _ in range(3)]

    def f(v):
        return math.sin(v[0]) * math.exp(v[1]) + v[2] * v[0] ** 2

    exact = [math.cos(x[0]) * math.exp(x[1]) + 2 * x[2] * x[0],
             math.sin(x[0]) * math.exp(x[1]),
             x[0] ** 2]
    for got, want in zip(numerical_gradient(f, x), exact):
        assert abs(got - want) < 1e-8
    for got, want in zip(numerical_gradient(f, x, h=1e-7, method="forward"), exact):
        assert abs(got - want) < 1e-6


@pytest.mark.parametrize("P", [0, 1, 5, 12])
@pytest.mark.parametrize("method, formula", [("forward", lambda P: P + 1),
                                             ("central", lambda P: 2 * P)])
def test_evaluation_counts(P, method, formula):
    f = CountedFunction(lambda x: sum(x))
    numerical_gradient(f, [1.0] * P, method=method)
    assert f.calls == formula(P) == count_evaluations(P, method)


def test_does_not_modify_x_and_passes_fresh_lists():
    x = [1.0, 2.0]
    seen = []
    numerical_gradient(lambda v: seen.append(v) or v[0] * v[1], x, method="central")
    assert x == [1.0, 2.0]
    assert all(v is not x for v in seen)


@pytest.mark.parametrize("kwargs, exc, msg", [
    (dict(h=0.0), ValueError, "h must be > 0"),
    (dict(h=-1e-6), ValueError, "h must be > 0"),
    (dict(h=float("nan")), ValueError, "h must be finite"),
    (dict(method="backward"), ValueError, "method"),
])
def test_bad_arguments(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        numerical_gradient(cubes, [1.0], **kwargs)


def test_bad_functions_and_points():
    with pytest.raises(TypeError, match="callable"):
        numerical_gradient(3, [1.0])
    with pytest.raises(TypeError, match="real number"):
        numerical_gradient(lambda x: "1", [1.0])
    with pytest.raises(TypeError, match="Value"):
        numerical_gradient(lambda x: Value(x[0]), [1.0])
    with pytest.raises(ValueError, match="finite"):
        numerical_gradient(lambda x: float("inf"), [1.0])
    with pytest.raises(TypeError, match=r"x\[1\]"):
        numerical_gradient(cubes, [1.0, "2"])
    with pytest.raises(TypeError, match="list"):
        numerical_gradient(cubes, 1.0)
    with pytest.raises(ValueError, match="P must be"):
        count_evaluations(-1, "forward")


def test_relative_error_hand_values():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error(2.0, 2.0) == 0.0
    assert relative_error(1.0, 1.1) == pytest.approx(0.1 / 1.1, rel=1e-12)
    assert relative_error(-1.0, 1.0) == pytest.approx(2.0)
    assert relative_error(1e-9, 0.0) == pytest.approx(0.1)  # the 1e-8 floor


def test_verdict_thresholds():
    assert verdict(0.5) == "wrong"
    assert verdict(1e-3) == "suspicious"
    assert verdict(1e-5) == "ok"
    assert verdict(1e-9) == "good"
    assert verdict(0.0) == "good"


def test_value_gradient_against_closed_form():
    x0, x1 = 0.4, -1.2
    got = value_gradient(lambda v: (v[0] * v[1]).tanh() + v[0] ** 2, [x0, x1])
    s = 1 - math.tanh(x0 * x1) ** 2
    assert got[0] == pytest.approx(s * x1 + 2 * x0, rel=1e-12)
    assert got[1] == pytest.approx(s * x0, rel=1e-12)
    with pytest.raises(TypeError, match="must return a Value"):
        value_gradient(lambda v: 1.0, [1.0])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradcheck_passes_for_autodiff_and_is_good(seed):
    rng = random.Random(seed)
    x = [rng.uniform(-1, 1) for _ in range(4)]

    def f(v):
        return ((v[0] * v[1] + v[2]).tanh() * v[3].exp() + (v[1] - v[3]) ** 2).sigmoid()

    result = gradcheck(f, x)
    assert result.passed and result.verdict in ("good", "ok")
    assert result.max_error < 1e-6


def test_compare_gradients_catches_a_wrong_gradient():
    x = [0.3, 0.9]
    numeric = numerical_gradient(lambda v: v[0] ** 2 * v[1], x)
    right = [2 * x[0] * x[1], x[0] ** 2]
    wrong = [x[0] * x[1], x[0] ** 2]  # forgot the factor 2
    assert compare_gradients(right, numeric).passed
    bad = compare_gradients(wrong, numeric)
    assert not bad.passed and bad.verdict == "wrong" and bad.worst == 0
    assert "FAILED" in repr(bad)
    with pytest.raises(ValueError, match="2 components.*1"):
        compare_gradients(right, [1.0])


@pytest.mark.parametrize("f, x", [
    (lambda v: v[0] * 1e-9 + v[1] * v[1], [0.5, 2.0]),           # a tiny linear term
    (lambda v: (v[0] * 3.0).tanh() + v[1], [3.0, 0.3]),           # a saturated tanh
    (lambda v: v[1] * 10.0 + v[0] * 1e-8, [0.7, 5.0]),            # small next to large
])
def test_gradcheck_passes_correct_gradients_with_small_components(f, x):
    """A correct gradient with components near 0 passes, as with torch's
    gradcheck (its absolute tolerance); without atol it would be FAILED."""
    assert gradcheck(f, x).passed
    assert not gradcheck(f, x, atol=0.0).passed


def test_gradcheck_still_fails_a_wrong_gradient_with_small_components():
    analytic = [2e-6, 1.0]       # the first component is twice the true 1e-6
    assert not compare_gradients(analytic, [1e-6, 1.0]).passed
    with pytest.raises(ValueError, match="atol must be >= 0"):
        compare_gradients([1.0], [1.0], atol=-1.0)
