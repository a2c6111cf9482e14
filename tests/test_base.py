"""Tests for minigrad.base: one check of numbers for every module, one sigmoid family."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest

from minigrad import backprop, base, losses, perceptron
from minigrad.data import make_xor
from minigrad.engine import Value
from minigrad.numeric import numerical_gradient
from minigrad.optim import SGD


@pytest.mark.parametrize("x", [3, 2.5, -0.0, Fraction(1, 2), Decimal("1.5")])
def test_real_numbers_become_floats(x):
    y = base.real(x, "x", "f")
    assert type(y) is float and y == float(x)


@pytest.mark.parametrize("bad", ["1", None, True, 1j, [1.0], Value(1.0)])
def test_a_wrong_type_is_a_type_error(bad):
    with pytest.raises(TypeError, match=r"^f: x must be a real number, got "):
        base.real(bad, "x", "f")


@pytest.mark.parametrize("bad, word", [(float("nan"), "nan"), (float("-inf"), "-inf"),
                                       (10 ** 400, "too large"), (Decimal("NaN"), "nan")])
def test_a_wrong_value_is_a_value_error(bad, word):
    with pytest.raises(ValueError, match=r"^f: x must be finite.*" + word):
        base.real(bad, "x", "f")


# Every module checks its numbers with base.real: same kinds of error everywhere
# (before, an int too large for a float leaked an OverflowError from some of them,
# and backprop let nan through).
@pytest.mark.parametrize("call, words", [
    (lambda bad: losses.hinge(bad, 1), "hinge: z"),
    (lambda bad: SGD([Value(1.0)], lr=bad), "SGD: lr"),
    (lambda bad: numerical_gradient(lambda x: x[0], [bad]), r"numerical_gradient: x\[0\]"),
    (lambda bad: perceptron.Perceptron(1, lr=bad), "lr"),
    (lambda bad: make_xor(8, noise=bad), "noise"),
    (lambda bad: backprop.forward([[[1.0]]], [[0.0]], [bad]), r"x\[0\]"),
])
@pytest.mark.parametrize("bad, kind", [("0.5", TypeError), (True, TypeError),
                                       (float("nan"), ValueError), (10 ** 400, ValueError)])
def test_every_module_uses_the_same_rule(call, words, bad, kind):
    with pytest.raises(kind, match=words):
        call(bad)


def test_the_logistic_family():
    for x in (-800.0, -3.0, 0.0, 2.0, 800.0):
        s = base.sigmoid(x)
        assert 0.0 <= s <= 1.0
        assert base.sigmoid_prime(x) == s * (1.0 - s)
        assert base.softplus_prime(x) == s
        assert base.softplus(x) == pytest.approx(max(x, 0.0) + math.log1p(math.exp(-abs(x))))
    assert base.softplus(800.0) == 800.0 and base.softplus(-800.0) == 0.0


def test_one_home_for_sigmoid_and_softplus():
    from minigrad import engine, tape
    assert engine.sigmoid is base.sigmoid and engine.softplus is base.softplus
    assert backprop.sigmoid is base.sigmoid and backprop.sigmoid_prime is base.sigmoid_prime
    assert tape.sigmoid is base.sigmoid and tape.softplus is base.softplus
    assert not hasattr(losses, "_sigmoid") and not hasattr(losses, "_softplus")
