"""Tests for minigrad.nn: construction, forward values, layout, gradients, errors."""

import math
import random

import pytest

from minigrad import Value
from minigrad.nn import MLP, Layer, Neuron
from minigrad.numeric import numerical_gradient

G = {
    "tanh": math.tanh,
    "relu": lambda z: max(0.0, z),
    "sigmoid": lambda z: 1.0 / (1.0 + math.exp(-z)),
    "linear": lambda z: z,
}


def hand_forward(net, x, activation, out_activation):
    """Oracle: z_k = b_k + sum_j w_jk a_j, a = g(z), read straight off the neurons' Values."""
    a = list(x)
    for l, layer in enumerate(net.layers):
        g = G[out_activation if l == len(net.layers) - 1 else activation]
        a = [g(n.b.data + sum(w.data * aj for w, aj in zip(n.w, a))) for n in layer.neurons]
    return a


def close(a, b, tol=1e-12):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


# -- construction -------------------------------------------------------------------

@pytest.mark.parametrize("seed", [0, 1, 7])
def test_uniform_init_is_documented_draw_order(seed):
    net = MLP(3, [4, 2], seed=seed)
    rng = random.Random(seed)
    for layer in net.layers:
        for n in layer.neurons:
            assert [w.data for w in n.w] == [rng.uniform(-1, 1) for _ in range(layer.nin)]
            assert n.b.data == 0.0


def test_same_call_same_network_and_global_random_untouched():
    state = random.getstate()
    a = MLP(2, [5, 5, 1], seed=3).parameter_values()
    b = MLP(2, [5, 5, 1], seed=3).parameter_values()
    c = MLP(2, [5, 5, 1], seed=4).parameter_values()
    assert random.getstate() == state
    assert a == b and a != c
    assert MLP(2, [5, 1]).parameter_values() == MLP(2, [5, 1], seed=0).parameter_values()


def test_xavier_bound_per_layer():
    net = MLP(20, [30, 10], init="xavier", seed=2)
    for layer in net.layers:
        bound = math.sqrt(6.0 / (layer.nin + layer.nout))
        ws = [w.data for n in layer.neurons for w in n.w]
        assert all(abs(w) <= bound for w in ws)
        assert max(abs(w) for w in ws) > 0.9 * bound  # the full range is used, not U(-1, 1)
        assert all(n.b.data == 0.0 for n in layer.neurons)
    assert math.sqrt(6.0 / 50) < 1.0 - 0.3  # so the first check is not vacuous


def test_parameters_order_and_count():
    net = MLP(3, [4, 2])
    expected = []
    for layer in net.layers:
        for n in layer.neurons:
            expected += n.w + [n.b]
    params = net.parameters()
    assert len(params) == (3 * 4 + 4) + (4 * 2 + 2) == net.num_parameters()
    assert all(p is q for p, q in zip(params, expected))


def test_weights_layout_row_input_column_output():
    net = MLP(3, [4, 2], seed=5)
    Ws, bs = net.weights(), net.biases()
    assert [(len(W), len(W[0])) for W in Ws] == [(3, 4), (4, 2)]
    for l, layer in enumerate(net.layers):
        for k, n in enumerate(layer.neurons):
            assert bs[l][k] == n.b.data
            for j in range(layer.nin):
                assert Ws[l][j][k] == n.w[j].data


def test_set_weights_roundtrip_and_flat_values():
    net = MLP(2, [3, 1], seed=1)
    rng = random.Random(11)
    Ws = [[[rng.uniform(-2, 2) for _ in range(3)] for _ in range(2)],
          [[rng.uniform(-2, 2)] for _ in range(3)]]
    bs = [[rng.uniform(-1, 1) for _ in range(3)], [rng.uniform(-1, 1)]]
    net.set_weights(Ws, bs)
    assert net.weights() == Ws and net.biases() == bs
    flat = [rng.uniform(-1, 1) for _ in range(net.num_parameters())]
    net.set_parameter_values(flat)
    assert net.parameter_values() == flat


def test_set_weights_rejects_bad_shapes_without_partial_writes():
    net = MLP(2, [3, 1], seed=1)
    before = net.parameter_values()
    Ws, bs = net.weights(), net.biases()
    with pytest.raises(ValueError, match="Ws\\[1\\]"):
        net.set_weights([Ws[0], [[1.0], [2.0]]], bs)
    bad = [row[:] for row in Ws[1]]
    bad[2][0] = "x"
    with pytest.raises(TypeError, match="Ws\\[1\\]\\[2\\]\\[0\\]"):
        net.set_weights([Ws[0], bad], bs)
    with pytest.raises(ValueError, match="3 biases"):
        net.set_weights(Ws, [[0.0, 0.0], [0.0]])
    with pytest.raises(ValueError, match="13 values"):
        net.set_parameter_values([0.0] * 12)
    with pytest.raises(ValueError, match="finite"):
        net.set_parameter_values([float("nan")] * 13)
    assert net.parameter_values() == before


# -- forward -------------------------------------------------------------------------

@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "linear"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_forward_matches_hand_computation(activation, seed):
    rng = random.Random(100 + seed)
    net = MLP(3, [5, 4, 2], activation=activation, init="xavier", seed=seed)
    # give biases non-zero values so they are exercised
    net.set_weights(net.weights(), [[rng.uniform(-0.5, 0.5) for _ in b] for b in net.biases()])
    x = [rng.uniform(-2, 2) for _ in range(3)]
    out = net(x)
    assert isinstance(out, list) and len(out) == 2
    for got, want in zip(out, hand_forward(net, x, activation, "linear")):
        assert close(got.data, want)


def test_micrograd_defaults_relu_hidden_linear_output():
    net = MLP(2, [4, 1], seed=9)
    assert [n.activation for n in net.layers[0].neurons] == ["relu"] * 4
    assert net.layers[1].neurons[0].activation == "linear"
    x = [0.7, -1.3]
    y = net(x)
    assert isinstance(y, Value)
    assert close(y.data, hand_forward(net, x, "relu", "linear")[0])


@pytest.mark.parametrize("out_activation", ["sigmoid", "tanh", "relu"])
def test_out_activation_applies_to_last_layer(out_activation):
    net = MLP(2, [3, 1], activation="tanh", out_activation=out_activation, seed=4)
    net.set_weights(net.weights(), [[0.1, -0.2, 0.3], [0.25]])
    x = [0.4, -0.9]
    assert close(net(x).data, hand_forward(net, x, "tanh", out_activation)[0])


def test_layer_always_returns_list_and_neuron_a_value():
    layer = Layer(2, 1, activation="tanh", seed=1)
    out = layer([1.0, 2.0])
    assert isinstance(out, list) and len(out) == 1
    n = layer.neurons[0]
    assert close(out[0].data, math.tanh(n.w[0].data + 2 * n.w[1].data))
    assert isinstance(Neuron(3)([1.0, 2.0, 3.0]), Value)
    lin = Neuron(2, nonlin=False, seed=3)
    assert lin.activation == "linear"
    assert close(lin([2.0, -1.0]).data, 2 * lin.w[0].data - lin.w[1].data)


def test_inputs_may_be_values_and_receive_gradients():
    net = MLP(2, [3, 1], activation="tanh", seed=6)
    net.set_weights(net.weights(), [[0.1, 0.2, -0.3], [0.05]])
    x0 = [0.3, -0.8]
    xs = [Value(v) for v in x0]
    net(xs).backward()

    def f(x):
        return hand_forward(net, x, "tanh", "linear")[0]

    for got, want in zip([v.grad for v in xs], numerical_gradient(f, x0)):
        assert abs(got - want) < 1e-7


def test_parameter_gradients_match_numeric():
    net = MLP(3, [4, 3, 1], activation="tanh", init="xavier", seed=8)
    x, t = [0.5, -1.0, 2.0], 0.7
    theta0 = net.parameter_values()
    loss = (net(x) - t) ** 2
    net.zero_grad()
    loss.backward()
    autodiff = [p.grad for p in net.parameters()]

    def L(theta):
        net.set_parameter_values(theta)
        return (hand_forward(net, x, "tanh", "linear")[0] - t) ** 2

    numeric = numerical_gradient(L, theta0)
    net.set_parameter_values(theta0)
    assert max(abs(a - n) for a, n in zip(autodiff, numeric)) < 1e-7
    assert abs(loss.data - L(theta0)) < 1e-12


def test_zero_grad():
    net = MLP(2, [3, 1], seed=0)
    net([1.0, 2.0]).backward()
    assert any(p.grad != 0.0 for p in net.parameters())
    net.zero_grad()
    assert all(p.grad == 0.0 for p in net.parameters())


def test_repr_is_readable():
    assert repr(MLP(3, [4, 1])) == ("MLP(3, [4, 1], activation='relu', out_activation='linear', "
                                    "init='uniform', seed=0)")
    assert repr(Layer(2, 3, activation="tanh")) == "Layer(2, 3, activation='tanh')"
    assert repr(Neuron(2)) == "ReLUNeuron(2)"
    assert repr(Neuron(2, nonlin=False)) == "LinearNeuron(2)"


# -- errors --------------------------------------------------------------------------

def test_wrong_input_length_names_both_lengths():
    net = MLP(3, [2, 1])
    with pytest.raises(ValueError, match="expects 3 inputs, got 2"):
        net([1.0, 2.0])
    with pytest.raises(ValueError, match="expects 2 inputs, got 3"):
        Layer(2, 4)([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="expects 2 inputs, got 1"):
        Neuron(2)([1.0])


def test_bad_inputs_are_type_errors():
    with pytest.raises(TypeError, match="wrap a single number"):
        MLP(1, [1])(1.0)
    with pytest.raises(TypeError, match=r"x\[1\]"):
        MLP(2, [1])([1.0, "a"])
    with pytest.raises(TypeError, match=r"x\[0\]"):
        MLP(2, [1])([True, 1.0])


@pytest.mark.parametrize("kwargs, exc, msg", [
    (dict(nin=0, nouts=[1]), ValueError, "nin"),
    (dict(nin=2.0, nouts=[1]), TypeError, "nin"),
    (dict(nin=2, nouts=[]), ValueError, "nouts"),
    (dict(nin=2, nouts=[3, 0]), ValueError, r"nouts\[1\]"),
    (dict(nin=2, nouts=[1], activation="softmax"), ValueError, "activation"),
    (dict(nin=2, nouts=[1], out_activation="Tanh"), ValueError, "out_activation"),
    (dict(nin=2, nouts=[1], init="he"), ValueError, "init"),
    (dict(nin=2, nouts=[1], seed="1"), TypeError, "seed"),
])
def test_bad_construction(kwargs, exc, msg):
    with pytest.raises(exc, match=msg):
        MLP(**kwargs)
