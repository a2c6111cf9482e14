"""Tests of minigrad.engine.Value against independent oracles.

Every op is checked at several seeded points: the forward value against the
closed form (``math``), the gradient against the closed-form derivative AND
against a central difference of the closed form. Then reuse, diamonds, deep
chains, repeated backward, and every error path (type and message).
"""

import math
import re
import random
from fractions import Fraction

import pytest

from minigrad import Value
from minigrad.engine import LOCAL_DERIVATIVES

H = 1e-6  # central-difference step


def central_difference(f, xs, i, h=H):
    """(f(x + h e_i) - f(x - h e_i)) / 2h, f a plain-float closed form."""
    up = list(xs)
    down = list(xs)
    up[i] += h
    down[i] -= h
    return (f(*up) - f(*down)) / (2 * h)


def close(a, b, tol=1e-6):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def seeded_points(seed, n, low, high, avoid=None):
    """n points in [low, high], at least 0.1 away from ``avoid`` (a kink)."""
    rng = random.Random(seed)
    points = []
    while len(points) < n:
        x = rng.uniform(low, high)
        if avoid is None or abs(x - avoid) > 0.1:
            points.append(x)
    return points


def _sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


# name, Value op, closed form f(x), closed-form derivative f'(x), domain
UNARY = [
    ("tanh", lambda v: v.tanh(), math.tanh, lambda x: 1 - math.tanh(x) ** 2, (-3, 3)),
    ("sigmoid", lambda v: v.sigmoid(), _sigmoid,
     lambda x: _sigmoid(x) * (1 - _sigmoid(x)), (-6, 6)),
    ("softplus", lambda v: v.softplus(), lambda x: math.log(1 + math.exp(x)), _sigmoid, (-6, 6)),
    ("exp", lambda v: v.exp(), math.exp, math.exp, (-3, 3)),
    ("log", lambda v: v.log(), math.log, lambda x: 1 / x, (0.2, 5)),
    ("relu", lambda v: v.relu(), lambda x: max(0.0, x), lambda x: 1.0 if x > 0 else 0.0, (-3, 3)),
    ("neg", lambda v: -v, lambda x: -x, lambda x: -1.0, (-3, 3)),
    ("v**2", lambda v: v ** 2, lambda x: x * x, lambda x: 2 * x, (-3, 3)),
    ("v**3", lambda v: v ** 3, lambda x: x * x * x, lambda x: 3 * x * x, (-3, 3)),
    ("v**-1", lambda v: v ** -1, lambda x: 1 / x, lambda x: -1 / (x * x), (0.2, 3)),
    ("v**-2", lambda v: v ** -2, lambda x: 1 / (x * x), lambda x: -2 / x ** 3, (-3, -0.2)),
    ("v**0.5", lambda v: v ** 0.5, math.sqrt, lambda x: 0.5 / math.sqrt(x), (0.2, 5)),
    ("v**1.5", lambda v: v ** 1.5, lambda x: x * math.sqrt(x), lambda x: 1.5 * math.sqrt(x),
     (0.2, 5)),
    ("v**0", lambda v: v ** 0, lambda x: 1.0, lambda x: 0.0, (-3, 3)),
    ("2*v", lambda v: 2 * v, lambda x: 2 * x, lambda x: 2.0, (-3, 3)),
    ("v*2", lambda v: v * 2, lambda x: 2 * x, lambda x: 2.0, (-3, 3)),
    ("2+v", lambda v: 2 + v, lambda x: 2 + x, lambda x: 1.0, (-3, 3)),
    ("v+2", lambda v: v + 2, lambda x: x + 2, lambda x: 1.0, (-3, 3)),
    ("1-v", lambda v: 1 - v, lambda x: 1 - x, lambda x: -1.0, (-3, 3)),
    ("v-1", lambda v: v - 1, lambda x: x - 1, lambda x: 1.0, (-3, 3)),
    ("3/v", lambda v: 3 / v, lambda x: 3 / x, lambda x: -3 / (x * x), (0.2, 3)),
    ("v/4", lambda v: v / 4, lambda x: x / 4, lambda x: 0.25, (-3, 3)),
    ("2**v", lambda v: 2 ** v, lambda x: 2.0 ** x, lambda x: math.log(2) * 2.0 ** x, (-3, 3)),
    ("0.5**v", lambda v: 0.5 ** v, lambda x: 0.5 ** x, lambda x: math.log(0.5) * 0.5 ** x,
     (-3, 3)),
]


@pytest.mark.parametrize("name, op, f, df, domain", UNARY, ids=[u[0] for u in UNARY])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_unary_op_value_and_gradient(name, op, f, df, domain, seed):
    for x in seeded_points(seed, 4, *domain, avoid=0.0):
        v = Value(x)
        y = op(v)
        assert close(y.data, f(x), 1e-12), (name, x, y.data, f(x))
        y.backward()
        assert type(v.grad) is float
        assert close(v.grad, df(x), 1e-12), (name, x, v.grad, df(x))
        assert close(v.grad, central_difference(f, [x], 0)), (name, x)


# name, Value op, closed form f(a, b), (df/da, df/db), domain of a, domain of b
BINARY = [
    ("a+b", lambda a, b: a + b, lambda a, b: a + b, lambda a, b: (1.0, 1.0), (-3, 3), (-3, 3)),
    ("a-b", lambda a, b: a - b, lambda a, b: a - b, lambda a, b: (1.0, -1.0), (-3, 3), (-3, 3)),
    ("a*b", lambda a, b: a * b, lambda a, b: a * b, lambda a, b: (b, a), (-3, 3), (-3, 3)),
    ("a/b", lambda a, b: a / b, lambda a, b: a / b, lambda a, b: (1 / b, -a / (b * b)),
     (-3, 3), (0.3, 3)),
    ("a**b", lambda a, b: a ** b, lambda a, b: a ** b,
     lambda a, b: (b * a ** (b - 1), math.log(a) * a ** b), (0.2, 3), (-2, 2)),
]


@pytest.mark.parametrize("name, op, f, df, dom_a, dom_b", BINARY, ids=[b[0] for b in BINARY])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_binary_op_value_and_gradients(name, op, f, df, dom_a, dom_b, seed):
    for x, y in zip(seeded_points(seed, 4, *dom_a), seeded_points(seed + 100, 4, *dom_b)):
        a, b = Value(x), Value(y)
        out = op(a, b)
        assert close(out.data, f(x, y), 1e-12)
        out.backward()
        da, db = df(x, y)
        assert type(a.grad) is float and type(b.grad) is float
        assert close(a.grad, da, 1e-12) and close(b.grad, db, 1e-12), (name, x, y)
        assert close(a.grad, central_difference(f, [x, y], 0))
        assert close(b.grad, central_difference(f, [x, y], 1))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_neuron_matches_central_differences(seed):
    """a = tanh(w1 x1 + w2 x2 + b): all five partials by central difference."""
    rng = random.Random(seed)
    xs = [rng.uniform(-1, 1) for _ in range(5)]

    def f(x1, x2, w1, w2, b):
        return math.tanh(w1 * x1 + w2 * x2 + b)

    vs = [Value(x) for x in xs]
    x1, x2, w1, w2, b = vs
    a = (w1 * x1 + w2 * x2 + b).tanh()
    assert close(a.data, f(*xs), 1e-12)
    a.backward()
    for i, v in enumerate(vs):
        assert close(v.grad, central_difference(f, xs, i)), i


def test_micrograd_readme_example():
    """The numbers micrograd's README prints (24.7041, 138.8338, 645.5773)."""
    a = Value(-4.0)
    b = Value(2.0)
    c = a + b
    d = a * b + b ** 3
    c += c + 1
    c += 1 + c + (-a)
    d += d * 2 + (b + a).relu()
    d += 3 * d + (b - a).relu()
    e = c - d
    f = e ** 2
    g = f / 2.0
    g += 10.0 / f
    g.backward()
    assert "%.4f" % g.data == "24.7041"
    assert "%.4f" % a.grad == "138.8338"
    assert "%.4f" % b.grad == "645.5773"


# -- stability for large |x| --

@pytest.mark.parametrize("x", [800.0, -800.0, 30.0, -30.0])
def test_softplus_sigmoid_tanh_stable_for_large_inputs(x):
    v = Value(x)
    y = v.softplus()
    # softplus(x) = log(1 + e^x); for x = 800 that is 800 + log(1 + e^-800) = 800.0
    # in floats, for x = -800 it is e^-800, which underflows to 0.0.
    expected = x + math.log1p(math.exp(-x)) if x > 0 else math.log1p(math.exp(x))
    assert y.data == pytest.approx(expected, rel=1e-15, abs=1e-300)
    y.backward()
    assert v.grad == pytest.approx(1.0 if x > 0 else math.exp(x), rel=1e-12, abs=1e-300)
    s = Value(x).sigmoid()
    assert s.data == pytest.approx(1.0 if x > 0 else math.exp(x), rel=1e-12, abs=1e-300)
    t = Value(x)
    t.tanh().backward()
    assert math.isfinite(t.grad) and 0.0 <= t.grad < 1e-20


def test_softplus_at_800_exact():
    assert Value(800.0).softplus().data == 800.0
    assert Value(-800.0).softplus().data == 0.0


# -- data and grad are floats --

def test_data_and_grad_are_floats():
    for x in (3, Fraction(1, 2), 2.5, -0):
        v = Value(x)
        assert type(v.data) is float and v.data == float(x)
        assert type(v.grad) is float and v.grad == 0.0
    v = Value(2)
    y = (v * 3).relu() + v ** 2
    y.backward()
    assert type(v.grad) is float and v.grad == 3 + 2 * 2
    assert type(y.grad) is float


def test_relu_gradient_is_float_zero_below_the_kink():
    v = Value(-2.0)
    v.relu().backward()
    assert type(v.grad) is float and v.grad == 0.0


# -- reuse, diamonds, repeated backward --

def test_reuse_accumulates():
    a = Value(1)
    b = a + a
    c = b + b
    c.backward()
    assert a.grad == 4.0 and type(a.grad) is float
    assert b.grad == 2.0


def test_square_by_reuse():
    rng = random.Random(5)
    for x in (rng.uniform(-3, 3) for _ in range(4)):
        a = Value(x)
        (a * a).backward()
        assert a.grad == pytest.approx(2 * x, rel=1e-15)


def diamond(x):
    """a -> b = 2a -> (c = tanh b, d = exp b) -> e = c * d.

    de/da = 2 (tanh'(b) exp(b) + tanh(b) exp(b)),  de/db = that / 2.
    """
    a = Value(x)
    b = a * 2
    c = b.tanh()
    d = b.exp()
    e = c * d
    return a, b, c, d, e


def diamond_grads(x):
    b = 2 * x
    de_db = (1 - math.tanh(b) ** 2) * math.exp(b) + math.tanh(b) * math.exp(b)
    return 2 * de_db, de_db


@pytest.mark.parametrize("x", seeded_points(7, 4, -1.5, 1.5))
def test_diamond_gradients(x):
    a, b, c, d, e = diamond(x)
    e.backward()
    da, db = diamond_grads(x)
    assert close(a.grad, da, 1e-12) and close(b.grad, db, 1e-12)
    f = lambda t: math.tanh(2 * t) * math.exp(2 * t)  # noqa: E731
    assert close(a.grad, central_difference(f, [x], 0))


@pytest.mark.parametrize("x", seeded_points(8, 3, -1.5, 1.5))
def test_second_backward_leaves_accumulate_intermediates_recomputed(x):
    a, b, c, d, e = diamond(x)
    da, db = diamond_grads(x)
    e.backward()
    first = (b.grad, c.grad, d.grad)
    e.backward()
    assert close(a.grad, 2 * da, 1e-12)  # leaf: accumulated twice
    assert (b.grad, c.grad, d.grad) == first  # intermediates: this pass only
    assert close(b.grad, db, 1e-12)
    assert e.grad == 1.0
    a.grad = 0.0  # after zeroing, a third pass gives the plain gradient
    e.backward()
    assert close(a.grad, da, 1e-12)


def test_second_backward_on_a_chain():
    x = Value(0.3)
    h = x * 3
    y = h * h  # dy/dx = 18 x
    y.backward()
    y.backward()
    assert x.grad == pytest.approx(2 * 18 * 0.3, rel=1e-15)
    assert h.grad == pytest.approx(2 * 3 * 0.3, rel=1e-15)


def test_backward_from_an_intermediate_after_the_root():
    a, b, c, d, e = diamond(0.4)
    e.backward()
    c.backward()  # resets b, recomputes dc/db; the leaf a adds dc/da
    da, _ = diamond_grads(0.4)
    dc_db = 1 - math.tanh(0.8) ** 2
    assert close(b.grad, dc_db, 1e-12)
    assert close(a.grad, da + 2 * dc_db, 1e-12)


def test_backward_on_a_leaf_accumulates():
    v = Value(5.0)
    v.backward()
    v.backward()
    assert v.grad == 2.0


def test_backward_with_a_seed_gradient_scales():
    x = Value(0.7)
    y = x.exp()
    y.backward(2.5)
    assert close(x.grad, 2.5 * math.exp(0.7), 1e-12)
    assert y.grad == 2.5


def test_zero_grad_clears_the_whole_graph():
    a, b, c, d, e = diamond(0.2)
    e.backward()
    e.zero_grad()
    assert [n.grad for n in (a, b, c, d, e)] == [0.0] * 5


# -- deep graphs: iterative backward --

def test_deep_chain_backward_is_iterative():
    """2e5 nodes deep (a recursive sort would hit the recursion limit at ~1e3).

    The million-node run is in benchmarks/engine.py.
    """
    n = 200000
    x, c = Value(0.5), Value(1e-6)
    v = x
    for _ in range(n):
        v = v + c
    v.backward()
    assert x.grad == 1.0 and c.grad == float(n)  # dv/dc = n
    assert v.data == pytest.approx(0.5 + n * 1e-6, rel=1e-9)
    v.backward()
    assert x.grad == 2.0 and c.grad == 2.0 * n


def test_deep_unary_chain():
    """v_{k+1} = relu(v_k) * 1: dv_n/dx = 1 for x > 0."""
    x = Value(0.25)
    v = x
    for _ in range(50000):
        v = v.relu() * 1.0
    v.backward()
    assert x.grad == 1.0 and v.data == 0.25


# -- structure: deterministic children, micrograd's composition --

def test_children_are_a_tuple_in_argument_order():
    a, b = Value(1.0), Value(2.0)
    assert (a * b)._prev == (a, b)
    assert (b + a)._prev == (b, a)
    assert (a + a)._prev == (a, a)
    assert (a * b)._op == "*" and (a + b)._op == "+" and a.tanh()._op == "tanh"
    assert a._prev == () and a._op == ""


def test_subtraction_and_division_are_composed_like_micrograd():
    a, b = Value(3.0), Value(2.0)
    s = a - b  # a + (b * -1)
    assert s._op == "+" and s._prev[0] is a
    neg = s._prev[1]
    assert neg._op == "*" and neg._prev[0] is b and neg._prev[1].data == -1.0
    q = a / b  # a * b ** -1
    assert q._op == "*" and q._prev[0] is a
    inv = q._prev[1]
    assert inv._op == "**" and inv._prev == (b,) and inv._exponent == -1
    r = 1 - a  # (a * -1) + 1
    assert r._op == "+" and r._prev[0]._op == "*" and r._prev[1].data == 1.0
    t = 3 / a  # (a ** -1) * 3
    assert t._op == "*" and t._prev[0]._op == "**" and t._prev[1].data == 3.0


def test_every_op_has_a_named_local_derivative():
    a, b = Value(0.5), Value(1.5)
    made = [a + b, a * b, a ** 2, a ** b, 2 ** a, a.exp(), a.log(), a.tanh(), a.sigmoid(),
            a.softplus(), a.relu()]
    for node in made:
        assert node._backward is LOCAL_DERIVATIVES[node._op]
        assert node._backward.__name__.startswith("_") and node._backward.__doc__
    assert set(LOCAL_DERIVATIVES) == {node._op for node in made}


def test_a_constant_power_and_a_value_power_are_two_ops():
    """Regression: ``a ** b`` of two Values used to carry the label "**" of ``a ** c``,
    whose table entry names another local derivative (the power rule, d/db missing)."""
    a, b = Value(2.0), Value(3.0)
    const, both = a ** 3, a ** b
    assert (const._op, const._exponent) == ("**", 3)
    assert (both._op, both._exponent, both._prev) == ("a**b", None, (a, b))
    assert LOCAL_DERIVATIVES["**"] is not LOCAL_DERIVATIVES["a**b"]
    both.backward()
    assert a.grad == 3.0 * 2.0 ** 2 and b.grad == math.log(2.0) * 8.0


# -- errors: the right type, a message naming the op and the input --

@pytest.mark.parametrize("bad, kind, words", [
    ("abc", TypeError, ["'abc'", "str"]),
    (None, TypeError, ["None", "NoneType"]),
    (1 + 2j, TypeError, ["complex"]),
    ([1.0], TypeError, ["list"]),
    (True, TypeError, ["True", "bool"]),
    (False, TypeError, ["False", "bool"]),
    (float("nan"), ValueError, ["nan", "finite"]),
    (float("inf"), ValueError, ["inf", "finite"]),
    (float("-inf"), ValueError, ["-inf", "finite"]),
    (10 ** 400, ValueError, ["too large", "1000000"]),
])
def test_bad_value_construction(bad, kind, words):
    with pytest.raises(kind) as info:
        Value(bad)
    message = str(info.value)
    assert "Value()" in message
    for word in words:
        assert word in message, (word, message)


def test_a_value_of_a_value_is_rejected():
    with pytest.raises(TypeError, match=r"Value\(\).*Value\(data=1.0"):
        Value(Value(1.0))


@pytest.mark.parametrize("op, sym", [
    (lambda v, c: v + c, r"\+"), (lambda v, c: c + v, r"\+"),
    (lambda v, c: v * c, r"\*"), (lambda v, c: c * v, r"\*"),
    (lambda v, c: v - c, "-"), (lambda v, c: c - v, r"\+"),
    (lambda v, c: v / c, "/"), (lambda v, c: c / v, r"\*"),
])
@pytest.mark.parametrize("bad, kind, word", [
    ("abc", TypeError, "'abc'"), (True, TypeError, "bool"),
    (float("nan"), ValueError, "nan"), (float("inf"), ValueError, "inf"),
    (10 ** 400, ValueError, "too large"),
])
def test_bad_operand_names_the_op_and_input(op, sym, bad, kind, word):
    with pytest.raises(kind, match=sym + ".*" + word):
        op(Value(2.0), bad)


@pytest.mark.parametrize("make, sym", [
    (lambda: Value(1e308) + Value(1e308), r"\+: 1e\+308 \+ 1e\+308"),
    (lambda: Value(-1e308) - 1e308, r"\+: -1e\+308 \+ -1e\+308"),
    (lambda: Value(1e200) * Value(-1e200), r"\*: 1e\+200 \* -1e\+200"),
    (lambda: Value(1e200) / 1e-200, r"\*: 1e\+200 \* 1e\+200"),
])
def test_overflow_of_add_and_mul(make, sym):
    with pytest.raises(ValueError, match=sym + ".*overflows"):
        make()


def test_exp_overflow():
    with pytest.raises(ValueError, match=r"exp: exp\(800.0\) overflows"):
        Value(800.0).exp()
    assert Value(709.0).exp().data == pytest.approx(math.exp(709.0))


@pytest.mark.parametrize("x", [0.0, -1.0, -1e-300])
def test_log_of_non_positive(x):
    with pytest.raises(ValueError, match=r"log: log\(%s\)" % re_escape(repr(x))):
        Value(x).log()


def re_escape(s):
    import re
    return re.escape(s)


@pytest.mark.parametrize("make, match", [
    (lambda: Value(0.0) ** -1, r"\*\*: 0.0 \*\* -1 divides by zero"),
    (lambda: Value(0.0) ** -0.5, r"\*\*: 0.0 \*\* -0.5 divides by zero"),
    (lambda: 1 / Value(0.0), r"\*\*: 0.0 \*\* -1"),
    (lambda: Value(3.0) / Value(0), r"\*\*: 0.0 \*\* -1"),
    (lambda: Value(3.0) / 0, r"/: 3.0 / 0.0 divides by zero"),
    (lambda: Value(3.0) / -0.0, r"/: 3.0 / -0.0 divides by zero"),
])
def test_zero_to_a_negative_power(make, match):  # x / 0 is x * 0 ** -1
    with pytest.raises(ZeroDivisionError, match=match):
        make()


def test_negative_base_fractional_exponent():
    with pytest.raises(ValueError, match=r"\*\*: -2.0 \*\* 0.5 .*negative base"):
        Value(-2.0) ** 0.5
    assert (Value(-2.0) ** 3).data == -8.0  # integral exponents are fine
    assert (Value(-2.0) ** 2.0).data == 4.0


@pytest.mark.parametrize("bad, kind, word", [
    ("2", TypeError, "str"), (True, TypeError, "bool"), (None, TypeError, "NoneType"),
    (float("nan"), ValueError, "nan"), (float("inf"), ValueError, "inf"),
])
def test_bad_exponent(bad, kind, word):
    with pytest.raises(kind, match=r"\*\*.*" + word):
        Value(1.0) ** bad


def test_pow_overflow():
    with pytest.raises(ValueError, match=r"\*\*: 10.0 \*\* 400 overflows"):
        Value(10.0) ** 400
    with pytest.raises(ValueError, match=r"\*\*: 10.0 \*\* 400.0 overflows"):
        Value(10.0) ** Value(400.0)
    with pytest.raises(ValueError, match=r"\*\*: 2.0 \*\* 5000.0 overflows"):
        2 ** Value(5000.0)


@pytest.mark.parametrize("base", [0.0, -2.0])
def test_value_exponent_needs_a_positive_base(base):
    with pytest.raises(ValueError, match=r"\*\*: %s \*\* 2.0.*positive base" % re_escape(repr(base))):
        Value(base) ** Value(2.0)
    with pytest.raises(ValueError, match=r"\*\*: %s \*\* 2.0.*positive base" % re_escape(repr(base))):
        base ** Value(2.0)


def test_reflected_pow_with_a_bad_base():
    with pytest.raises(TypeError, match=r"\*\*.*'abc'.*str"):
        "abc" ** Value(2.0)


def test_infinite_slope_of_a_root_at_zero():
    """d/dx sqrt(x) = 0.5 x**-0.5 is infinite at 0: the forward works, backward says why."""
    x = Value(0.0)
    y = x ** 0.5
    assert y.data == 0.0
    with pytest.raises(ZeroDivisionError, match=r"\*\*: the derivative of 0.0 \*\* 0.5"):
        y.backward()


def test_overflowing_power_derivative():
    x = Value(1e-200)
    y = x ** -1.5  # 1e300, finite; the slope -1.5e500 is not
    with pytest.raises(ValueError, match=r"\*\*: the derivative of 1e-200 \*\* -1.5.*overflows"):
        y.backward()


@pytest.mark.parametrize("bad, kind", [
    (True, TypeError), ("1", TypeError), (float("nan"), ValueError), (float("inf"), ValueError),
])
def test_bad_backward_seed(bad, kind):
    y = Value(2.0) * 3
    with pytest.raises(kind, match="backward"):
        y.backward(bad)


# -- micrograd itself, when installed: the same numbers, exactly --

def _exprs(a, b, c):
    """Expressions in which each node feeds at most two others, so the order
    in which gradients are summed cannot change the last bit."""
    return [
        (a * b + c).relu(),
        (a * b + c) ** 2 / 4.0,
        1 - a * c,
        3 / b + 2 * c,
        -(a - b) * (c + 1),
        (a ** 3 - b) / (c * 2 + 1),
        (a * b).relu() + (b * c).relu(),
    ]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_numbers_as_micrograd(seed):
    micro = pytest.importorskip("micrograd.engine")
    rng = random.Random(seed)
    xs = [rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(0.5, 2)]
    for k in range(len(_exprs(*[Value(x) for x in xs]))):
        ours = [Value(x) for x in xs]
        theirs = [micro.Value(x) for x in xs]
        y = _exprs(*ours)[k]
        z = _exprs(*theirs)[k]
        y.backward()
        z.backward()
        assert y.data == z.data, k
        assert [v.grad for v in ours] == [v.grad for v in theirs], k


@pytest.mark.parametrize("bad, shown", [("abc", "'abc' (str)"), (None, "None (NoneType)"),
                                         (True, "True (bool); use 1.0 or 0.0")])
def test_the_first_error_a_student_meets_reads_plainly(bad, shown):
    with pytest.raises(TypeError, match=re.escape("Value() needs a real number, got " + shown)):
        Value(bad)
