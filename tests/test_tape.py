"""Tests for minigrad.tape: the compiled tape equals the eager engine.

Oracle: the engine itself. The same graph is run through ``loss.backward()``
and through ``Tape(loss)()``; forward value and every leaf gradient must
agree to 1e-12 (in fact they agree bit for bit: same formulas, same order).
"""

import math
import random

import pytest

from minigrad import Tape, Value
from minigrad.losses import hinge, mse
from minigrad.nn import MLP
from minigrad.tape import _names


def eager(loss, leaves):
    """Forward value and d loss / d leaf by the engine, as after zero_grad()."""
    for v in leaves:
        v.grad = 0.0
    loss.backward()
    return loss.data, [v.grad for v in leaves]


def taped(loss, leaves, **kwargs):
    tape = Tape(loss, **kwargs)
    for v in leaves:
        v.grad = 123.0  # set, not accumulated: this must disappear
    return tape(), [v.grad for v in leaves]


def assert_close(a, b, tol=1e-12):
    assert abs(a - b) <= tol * max(1.0, abs(a), abs(b)), (a, b)


def assert_same(loss, leaves, **kwargs):
    want_data, want_grads = eager(loss, leaves)
    got_data, got_grads = taped(loss, leaves, **kwargs)
    assert_close(got_data, want_data)
    for g, w in zip(got_grads, want_grads):
        assert_close(g, w)




# -- every op of the engine ----------------------------------------------------

OPS = {
    "add": lambda a, b: a + b,
    "radd": lambda a, b: 1.5 + a,
    "add_const": lambda a, b: a + 0.25,
    "sub": lambda a, b: a - b,
    "rsub": lambda a, b: 2.0 - a,
    "mul": lambda a, b: a * b,
    "rmul": lambda a, b: 3.0 * a,
    "square": lambda a, b: a * a,
    "div": lambda a, b: a / b,
    "rdiv": lambda a, b: 2.0 / a,
    "neg": lambda a, b: -a,
    "pow2": lambda a, b: a ** 2,
    "pow3": lambda a, b: a ** 3,
    "pow_half": lambda a, b: a ** 0.5,
    "pow_minus1": lambda a, b: a ** -1,
    "pow_minus2.5": lambda a, b: a ** -2.5,
    "pow0": lambda a, b: a ** 0,
    "pow1": lambda a, b: a ** 1,
    "pow_value": lambda a, b: a ** b,
    "rpow": lambda a, b: 2.0 ** a,
    "exp": lambda a, b: a.exp(),
    "log": lambda a, b: a.log(),
    "tanh": lambda a, b: a.tanh(),
    "sigmoid": lambda a, b: a.sigmoid(),
    "softplus": lambda a, b: a.softplus(),
    "relu": lambda a, b: a.relu(),
}


@pytest.mark.parametrize("name", sorted(OPS))
@pytest.mark.parametrize("x", [0.3, 1.7])
def test_every_op_equals_the_engine(name, x):
    a, b = Value(x), Value(0.6)
    out = OPS[name](a, b)
    loss = out * out + out + b * 0.5  # dL/dout is not 1; b is always in the graph
    assert_same(loss, [a, b])


@pytest.mark.parametrize("x", [-2.0, -1e-300, -0.0, 0.0, 1e-300, 2.0])
def test_relu_at_and_around_its_kink(x):
    a = Value(x)
    loss = (a * 3.0).relu() * 2.0 + a.relu()
    want = eager(loss, [a])
    got = taped(loss, [a])
    assert got == want
    if x == 0.0:
        assert got == (0.0, [0.0])  # relu'(0) = 0, as the engine


def test_relu_follows_the_new_data():
    a = Value(1.0)
    tape = Tape(a.relu() * 5.0)
    assert (tape(), a.grad) == (5.0, 5.0)
    a.data = -1.0
    assert (tape(), a.grad) == (0.0, 0.0)
    a.data = 0.0
    assert (tape(), a.grad) == (0.0, 0.0)


# -- random graphs -------------------------------------------------------------

UNARY = ["exp", "log", "tanh", "sigmoid", "softplus", "relu", "neg", "pow2", "pow_half",
         "pow_minus1", "rdiv", "rpow", "square"]
BINARY = ["add", "sub", "mul", "div", "pow_value"]


def random_graph(rng, n_leaves=4, n_ops=40, data=None):
    """A random graph over every op, kept in a numerically safe range.

    Inputs of log, pow, / are squashed through sigmoid into (0, 1) + 0.5, so
    every op is defined; reusing nodes makes fan-out (a node used twice).
    """
    leaves = [Value(rng.uniform(-1.5, 1.5)) for _ in range(n_leaves)]
    for leaf, x in zip(leaves, data or []):  # the same graph on other data
        leaf.data = x
    pool = list(leaves)
    for _ in range(n_ops):
        name = rng.choice(UNARY + BINARY)
        a = rng.choice(pool[-8:] + pool[:2])
        b = rng.choice(pool)
        if name in ("log", "pow_half", "pow_minus1", "rdiv", "pow_value", "div"):
            a = a.sigmoid() + 0.5
            b = b.sigmoid() + 0.5 if name == "div" else b.tanh()
        elif name in ("exp", "rpow", "pow2", "square"):
            a = a.tanh()
        pool.append(OPS[name](a, b))
    loss = pool[-1]
    for extra in rng.sample(pool[n_leaves:], 3):  # several outputs feed the loss
        loss = loss + extra.tanh()
    for leaf in leaves:  # every leaf is in the graph
        loss = loss + leaf * 0.125
    return loss, leaves


@pytest.mark.parametrize("seed", range(12))
def test_random_graphs_equal_the_engine(seed):
    rng = random.Random(seed)
    loss, leaves = random_graph(rng)
    want_data, want_grads = eager(loss, leaves)
    for chunk_size in (1, 7, 3000):  # chunk boundaries anywhere
        got_data, got_grads = taped(loss, leaves, chunk_size=chunk_size)
        assert got_data == want_data
        assert got_grads == want_grads  # bit for bit: same formulas, same order
    # new data through the same tape: still the engine's numbers
    tape = Tape(loss, chunk_size=5)
    for leaf in leaves:
        leaf.data = rng.uniform(-1.5, 1.5)
    got = tape(), [v.grad for v in leaves]
    fresh, fresh_leaves = random_graph(random.Random(seed), data=[v.data for v in leaves])
    want = eager(fresh, fresh_leaves)
    assert got[0] == pytest.approx(want[0], rel=1e-12, abs=1e-12)
    assert got[1] == pytest.approx(want[1], rel=1e-12, abs=1e-12)


def test_only_wanted_leaves_get_gradients_and_dead_ones_are_not_written():
    w, x, c = Value(0.5), Value(2.0), Value(3.0)
    loss = (w * x).tanh() * c
    tape = Tape(loss, wrt=[w])
    x.grad = c.grad = 7.0
    tape()
    assert (x.grad, c.grad) == (7.0, 7.0)  # untouched
    want = eager(loss, [w])[1][0]
    assert w.grad == want
    source = tape.source()
    assert "dn0 =" in source  # w is n0
    assert "dn1" not in source and "dn4" not in source  # no dL/dx, no dL/dc
    assert repr(tape) == "Tape(6 nodes: 3 leaves, 3 ops; sets the gradients of 1 leaf)"


def test_wrt_errors_are_clear():
    a, b = Value(1.0), Value(2.0)
    s = a * b
    loss = s + 1.0
    with pytest.raises(ValueError, match=r"wrt\[0\] is made by the op '\*'"):
        Tape(loss, wrt=[s])
    with pytest.raises(ValueError, match=r"wrt\[1\] .* not in the graph"):
        Tape(loss, wrt=[a, Value(3.0)])
    with pytest.raises(ValueError, match=r"wrt\[1\] appears twice"):
        Tape(loss, wrt=[a, a])
    with pytest.raises(TypeError, match=r"wrt\[0\] must be a Value"):
        Tape(loss, wrt=[1.0])
    with pytest.raises(TypeError, match="the loss"):
        Tape(1.0)


# -- training ------------------------------------------------------------------

def test_ten_sgd_steps_through_the_tape_equal_the_eager_engine():
    X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 0.5], [0.0, 1.0], [-1.0, -0.5]]
    T = [1.0, -1.0, 1.0, -1.0, 1.0]
    eager_net = MLP(2, [4, 4, 1], activation="tanh", seed=3)
    tape_net = MLP(2, [4, 4, 1], activation="tanh", seed=3)
    tape = Tape(mse([tape_net(x) for x in X], T), wrt=tape_net.parameters())
    lr = 0.1
    for step in range(10):
        loss = mse([eager_net(x) for x in X], T)
        eager_net.zero_grad()
        loss.backward()
        L = tape()
        assert_close(L, loss.data)
        for p, q in zip(eager_net.parameters(), tape_net.parameters()):
            assert_close(q.grad, p.grad)
            p.data -= lr * p.grad
            q.data -= lr * q.grad
    assert tape_net.parameter_values() == eager_net.parameter_values()


def test_interior_nodes_are_not_touched():
    w = Value(2.0)
    z = w * 3.0
    loss = z.tanh()
    tape = Tape(loss)
    w.data = -1.0
    tape()
    assert (z.data, z.grad, loss.data, loss.grad) == (6.0, 0.0, math.tanh(6.0), 0.0)


def test_grads_are_set_not_accumulated():
    a = Value(3.0)
    tape = Tape(a * a)
    for _ in range(3):
        assert tape() == 9.0
        assert a.grad == 6.0
    loss = a * a  # the engine accumulates into leaves; the tape sets
    a.grad = 0.0
    loss.backward()
    loss.backward()
    assert a.grad == 12.0
    tape()
    assert a.grad == 6.0


def test_a_leaf_as_the_loss():
    a = Value(1.5)
    tape = Tape(a)
    assert (tape(), a.grad) == (1.5, 1.0)


# -- scale ---------------------------------------------------------------------

def test_a_chain_of_100000_nodes():
    n = 100000
    x, c = Value(0.5), Value(1e-6)
    v = x
    for k in range(n - 2):
        v = v + c if k % 1000 else (v * c).tanh()  # mostly +, a few * and tanh
    tape = Tape(v)
    n = len(v._topo())
    assert len(tape) == n > 100000
    assert tape.source().count("def chunk_") == -(-n // 3000)
    want_data, want_grads = eager(v, [x, c])
    assert tape() == want_data
    assert [x.grad, c.grad] == want_grads


def test_a_wide_graph_across_chunks():
    leaves = [Value(0.001 * k) for k in range(5000)]
    loss = sum((v * v for v in leaves), Value(0.0))
    assert_same(loss, leaves, chunk_size=1000)


# -- errors --------------------------------------------------------------------

def test_a_leaf_that_is_not_a_number_is_a_type_error_naming_it():
    w = Value(1.0)
    x = Value(2.0)
    tape = Tape((w * x).tanh())
    for bad in ("0.5", None, True, [1.0]):
        w.data = bad
        with pytest.raises(TypeError, match=r"leaf n0 \(input 0 of the tape\) has \.data = "):
            tape()
    w.data = Value(0.5)
    with pytest.raises(TypeError, match="not the Value"):
        tape()
    w.data = 10 ** 400
    with pytest.raises(ValueError, match=r"leaf n0 .* too large for a float"):
        tape()
    w.data = 1  # an int is a number: as Value(1)
    assert tape() == math.tanh(2.0) and x.grad == 1.0 - math.tanh(2.0) ** 2


def test_a_leaf_that_is_not_finite_is_a_value_error_naming_it():
    w, x = Value(1.0), Value(2.0)
    tape = Tape((w * x).tanh())
    x.data = float("nan")
    with pytest.raises(ValueError, match=r"leaf n1 \(input 1 of the tape\) has \.data = nan"):
        tape()


@pytest.mark.parametrize("build,data,error,message", [
    (lambda a: a.log(), -1.0, ValueError, r"log: log\(-1.0\) is undefined.*node n1 = log\(n0\)"),
    (lambda a: a.log(), 0.0, ValueError, r"log: log\(0.0\)"),
    (lambda a: a.exp(), 800.0, ValueError, r"exp: exp\(800.0\) overflows"),
    (lambda a: a * 1e300, 1e300, ValueError, r"\*: .* overflows"),
    (lambda a: a ** -1, 0.0, ZeroDivisionError, r"\*\*: 0.0 \*\* -1 divides by zero"),
    (lambda a: a ** 0.5, -4.0, ValueError, r"not a real number"),
    (lambda a: a ** 0.5, 0.0, ZeroDivisionError, r"infinite at 0.*backward"),
    (lambda a: a ** Value(2.0), -2.0, ValueError, r"positive base"),
    (lambda a: 2.0 ** a, 5000.0, ValueError, r"overflows"),
], ids=["log-neg", "log-0", "exp", "mul", "pow-zero", "pow-neg", "pow-slope",
        "powv", "rpow"])
def test_errors_are_the_engines(build, data, error, message):
    a = Value(1.0)
    tape = Tape(build(a) + 0.0)
    tape()
    a.data = data
    with pytest.raises(error, match=message):
        tape()
    # the engine itself raises the same kind of error on the same data
    with pytest.raises(error):
        b = Value(data)
        (build(b) + 0.0).backward()


def test_an_overflow_that_tanh_squashes_is_not_seen_as_documented():
    a = Value(1.0)
    tape = Tape((a * 1e300).tanh())
    a.data = 1e300  # the engine raises "*: ... overflows"; the tape sees tanh(inf) = 1.0
    assert (tape(), a.grad) == (1.0, 0.0)
    with pytest.raises(ValueError, match="overflows"):
        (Value(1e300) * 1e300).tanh()


def test_an_overflowing_gradient_is_an_error():
    a, b = Value(1.0), Value(1.0)
    x = a * b
    tape = Tape(x * x, wrt=[a])  # dL/da = 2 x b
    tape()
    a.data, b.data = 1e-308, 1e308  # x = 1: the forward pass is fine, dL/da = 2e308
    with pytest.raises(ValueError, match=r"overflows a float: dL/dn0 = inf"):
        tape()


def test_a_failed_call_leaves_the_grads_alone():
    a = Value(2.0)
    tape = Tape(a.log())
    tape()
    assert a.grad == 0.5
    a.data = -1.0
    with pytest.raises(ValueError):
        tape()
    assert a.grad == 0.5


def test_an_unknown_op_is_refused():
    a = Value(1.0)
    b = a * 2.0
    b._op = "sin"
    with pytest.raises(ValueError, match="no rule for the op 'sin'"):
        Tape(b)


# -- the source ----------------------------------------------------------------

def test_source_is_readable_and_deterministic():
    def build():
        x, w = Value(1.0), Value(-0.5)
        return (x * w + 0.5).tanh(), x, w
    loss, x, w = build()
    text = Tape(loss).source()
    assert text == Tape(loss).source() == Tape(build()[0]).source()
    assert text == (
        "def chunk_0(inputs, values, grads, leaf_grads, tanh=tanh):\n"
        "    (n0, n1, n3) = inputs[0:3]\n"
        "    n2 = n0 * n1\n"
        "    n4 = n2 + n3\n"
        "    n5 = tanh(n4)\n"
        "    values[5] = n5\n"
        "    yield  # forward done; the backward pass resumes here\n"
        "    dn5 = 1.0\n"
        "    dn4 = (1.0 - n5 * n5) * dn5\n"
        "    dn0 = n1 * dn4\n"
        "    dn1 = n0 * dn4\n"
        "    leaf_grads[0:3] = (dn0, dn1, dn4)\n")  # the sum passed dn4 through
    compile(text, "<test>", "exec")


def test_source_uses_labels():
    x = Value(1.0, label="x1")
    w = Value(0.5, label="w13")
    z = x * w
    t = Value(-1.0, label="t")
    loss = hinge(z, -1) + t * 0.0
    text = Tape(loss, wrt=[w]).source()
    assert "= x1 * w13" in text
    assert "dw13 = x1 * " in text


class _Node:
    def __init__(self, label=None):
        self.label = label


def test_labels_become_unique_identifiers():
    nodes = [_Node(label) for label in
             ["w35", "w35", "z(out)", "1st", "lambda", "", None, "n6", "tanh", "values", "dw35",
              "\u03b43", "\ufb01", "fi", "x\u00b2", "()"]]
    names = _names(nodes)
    assert names == ["w35", "w35_2", "z_out_", "_1st", "lambda_", "n5", "n6", "n6_2",
                     "tanh_2", "values_2", "dw35", "\u03b43", "fi", "fi_2", "x2", "n15"]
    for name in names:
        assert name.isidentifier()


# -- the demo trains through tapes ---------------------------------------------

@pytest.mark.parametrize("loss,activation", [("svm_hinge", "tanh"), ("bce", "relu")])
def test_demo_training_through_tapes_equals_eager_training(loss, activation):
    from minigrad.train import train_classifier
    from minigrad.data import make_moons
    X, T = make_moons(23, seed=4)  # 23 = 2 batches of 10 and one of 3
    net_t, hist_t = train_classifier(X, T, hidden=[5], activation=activation, epochs=4,
                                     loss=loss, seed=2, tape=True)
    net_e, hist_e = train_classifier(X, T, hidden=[5], activation=activation, epochs=4,
                                     loss=loss, seed=2, tape=False)
    assert hist_t == hist_e
    assert net_t.parameter_values() == net_e.parameter_values()


@pytest.mark.parametrize("name", ["svm_hinge", "bce"])
@pytest.mark.parametrize("z", [-1.5, 0.0, 1.0, 0.25])
def test_the_demo_losses_with_value_labels_are_the_losses(name, z):
    from minigrad.train import LOSSES, TAPE_LOSSES
    loss_fn, label = LOSSES[name]
    for t in (-1, 1):
        a, b = Value(z), Value(z)
        want, got = loss_fn(a, label(t)), TAPE_LOSSES[name](b, Value(float(label(t))))
        want.backward()
        got.backward()
        assert (got.data, b.grad) == (want.data, a.grad)


def test_scorer_is_the_network():
    from minigrad.train import score, scorer
    net = MLP(2, [6, 6, 1], activation="tanh", seed=1)
    fast = scorer(net)
    for x in ([0.5, -1.0], [2, 3], (0.0, 0.125)):
        assert fast(x) == score(net, x)


def test_demo_eager_flag_gives_the_same_output():
    import io
    from minigrad.cli import main
    outs = []
    for extra in ([], ["--eager"]):
        out = io.StringIO()
        assert main(["demo", "--dataset", "xor", "--n", "30", "--epochs", "3"] + extra,
                    out=out) == 0
        outs.append(out.getvalue())
    assert outs[0] == outs[1]
