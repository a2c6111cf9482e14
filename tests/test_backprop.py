"""Tests for minigrad.backprop: hand-written backprop equals autodiff and the seed's formulas."""

import math
import random

import pytest

from minigrad import Value
from minigrad import backprop as bp
from minigrad import losses
from minigrad.nn import MLP
from minigrad.numeric import numerical_gradient


def close(a, b, tol=1e-12):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


# -- list helpers -----------------------------------------------------------------------

def test_list_helpers_hand_examples():
    A = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert bp.matvec(A, [1.0, 0.0, -1.0]) == [-2.0, -2.0]
    assert bp.transpose(A) == [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]
    assert bp.outer([1.0, 2.0], [3.0, 4.0, 5.0]) == [[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]]
    assert bp.hadamard([1.0, 2.0], [3.0, -4.0]) == [3.0, -8.0]
    assert bp.vadd([1.0, 2.0], [3.0, -4.0]) == [4.0, -2.0]
    with pytest.raises(ValueError, match="2x3 but v has length 2"):
        bp.matvec(A, [1.0, 2.0])
    with pytest.raises(ValueError, match="lengths differ, 2 and 3"):
        bp.hadamard([1.0, 2.0], [1.0, 2.0, 3.0])


# -- activations ------------------------------------------------------------------------

@pytest.mark.parametrize("z", [-2.5, -0.3, 0.4, 1.7])
def test_activation_values_and_derivatives(z):
    closed = {
        "tanh": ((math.exp(z) - math.exp(-z)) / (math.exp(z) + math.exp(-z)),
                 4 / (math.exp(z) + math.exp(-z)) ** 2),
        "relu": (max(0.0, z), 1.0 if z > 0 else 0.0),
        "sigmoid": (math.exp(z) / (1 + math.exp(z)), math.exp(z) / (1 + math.exp(z)) ** 2),
        "linear": (z, 1.0),
    }
    for name, (g, g_prime) in bp.ACTIVATIONS.items():
        assert g(z) == pytest.approx(closed[name][0], rel=1e-12, abs=1e-15)
        assert g_prime(z) == pytest.approx(closed[name][1], rel=1e-12, abs=1e-15)
        numeric = (g(z + 1e-6) - g(z - 1e-6)) / 2e-6
        assert g_prime(z) == pytest.approx(numeric, abs=1e-8)


def test_sigmoid_does_not_overflow():
    assert bp.sigmoid(-1000.0) == 0.0 and bp.sigmoid(1000.0) == 1.0
    assert bp.sigmoid_prime(1000.0) == 0.0


# -- equal to autodiff on random networks -------------------------------------------------

ARCHS = [(2, [3, 1]), (3, [5, 4, 2]), (4, [6, 6, 6, 3]), (1, [1])]


@pytest.mark.parametrize("nin, nouts", ARCHS)
@pytest.mark.parametrize("activation, out_activation",
                         [("tanh", "linear"), ("relu", "linear"), ("sigmoid", "tanh"),
                          ("tanh", "sigmoid"), ("linear", "relu")])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backprop_equals_autodiff(nin, nouts, activation, out_activation, seed):
    rng = random.Random(1000 * seed + nin)
    net = MLP(nin, nouts, activation=activation, out_activation=out_activation, seed=seed)
    net.set_weights(net.weights(), [[rng.uniform(-0.5, 0.5) for _ in b] for b in net.biases()])
    if out_activation == "relu":  # keep the output units away from the kink and active
        net.set_weights(net.weights(), net.biases()[:-1] + [[3.0] * nouts[-1]])
    x = [rng.uniform(-2, 2) for _ in range(nin)]
    t = [rng.uniform(-1, 1) for _ in range(nouts[-1])]

    # autodiff: run the layers one by one to keep every a^(l) as a Value
    xs = [Value(v) for v in x]
    acts = [xs]
    for layer in net.layers:
        acts.append(layer(acts[-1]))
    L_ad = sum(((a - tk) ** 2 for a, tk in zip(acts[-1], t)), Value(0.0))
    net.zero_grad()
    L_ad.backward()

    # by hand
    Ws, bs = net.weights(), net.biases()
    cache = bp.forward(Ws, bs, x, activation, out_activation)
    dL_da = [2 * (a - tk) for a, tk in zip(cache.output, t)]
    dWs, dbs, deltas = bp.backward(cache, Ws, dL_da)

    for l in range(len(acts)):  # forward values and every delta^(l) = dL/da^(l)
        assert len(cache.a[l]) == len(acts[l]) == len(deltas[l])
        for a_hand, a_ad, d_hand in zip(cache.a[l], acts[l], deltas[l]):
            assert close(a_hand, a_ad.data)
            assert close(d_hand, a_ad.grad)
    for l, layer in enumerate(net.layers):
        for k, n in enumerate(layer.neurons):
            assert close(dbs[l][k], n.b.grad)
            for j, w in enumerate(n.w):
                assert close(dWs[l][j][k], w.grad)

    L_hand, dWs2, dbs2 = bp.loss_and_gradients(Ws, bs, x, t, "squared_error",
                                               activation, out_activation)
    assert close(L_hand, L_ad.data)
    assert dWs2 == dWs and dbs2 == dbs


@pytest.mark.parametrize("loss, t", [("bce_with_logits", 1), ("bce_with_logits", 0),
                                     ("svm_hinge", -1), ("hinge", 1)])
@pytest.mark.parametrize("seed", [3, 4])
def test_loss_and_gradients_against_numeric(loss, t, seed):
    rng = random.Random(seed)
    net = MLP(3, [4, 3, 1], activation="tanh", init="xavier", seed=seed)
    Ws, bs = net.weights(), net.biases()
    x = [rng.uniform(-1, 1) for _ in range(3)]
    L, dWs, dbs = bp.loss_and_gradients(Ws, bs, x, t, loss, "tanh", "linear")
    flat = bp.flatten(dWs, dbs)
    sizes = [(len(W), len(W[0])) for W in Ws]
    loss_fn = losses.LOSSES[loss][0]

    def L_of(theta):
        Ws_, bs_ = bp.unflatten(theta, sizes)
        return loss_fn(bp.forward(Ws_, bs_, x, "tanh", "linear").output[0], t)

    theta0 = bp.flatten(Ws, bs)
    z_out = bp.forward(Ws, bs, x, "tanh", "linear").output[0]
    if loss in ("hinge", "svm_hinge"):
        margin = -z_out * t if loss == "hinge" else 1 - t * z_out
        assert abs(margin) > 1e-3  # away from the kink
    assert L == pytest.approx(L_of(theta0), rel=1e-12, abs=1e-15)
    for g, n in zip(flat, numerical_gradient(L_of, theta0)):
        assert g == pytest.approx(n, abs=1e-7)


# -- seed 000's worked example ------------------------------------------------------------

def test_seed000_worked_example():
    """z3 = a1 w13, z4 = a1 w14 + a2 w24, z5 = a3 w35 + a4 w45, z6 = a4 w46,
    z_out = a5 v5 + a6 v6, L = max(0, -z_out t), tanh units, no biases."""
    x1, x2, t = 0.8, -0.6, 1
    w13, w14, w24, w35, w45, w46, v5, v6 = 0.9, -0.4, 1.1, -1.3, 0.7, 1.5, 1.2, -0.8
    # the closed-form forward pass, line by line from the slide
    a1, a2 = x1, x2
    z3 = a1 * w13
    z4 = a1 * w14 + a2 * w24
    a3, a4 = math.tanh(z3), math.tanh(z4)
    z5 = a3 * w35 + a4 * w45
    z6 = a4 * w46
    a5, a6 = math.tanh(z5), math.tanh(z6)
    z_out = a5 * v5 + a6 * v6
    L = max(0.0, -z_out * t)
    assert -z_out * t > 0.1  # misclassified, so the gradient is not zero

    def dtanh(z):
        return 1 - math.tanh(z) ** 2

    # the backward pass from the slides (dL/dw35 corrected: a3, not a5)
    d_out = -t
    dv6, dv5 = a6 * d_out, a5 * d_out
    d6, d5 = v6 * d_out, v5 * d_out
    dw46 = a4 * dtanh(z6) * d6
    dw45 = a4 * dtanh(z5) * d5
    dw35 = a3 * dtanh(z5) * d5
    d4 = w46 * dtanh(z6) * d6 + w45 * dtanh(z5) * d5
    d3 = w35 * dtanh(z5) * d5
    dw24 = a2 * dtanh(z4) * d4
    dw14 = a1 * dtanh(z4) * d4
    dw13 = a1 * dtanh(z3) * d3

    # the same network in the module's layout: Ws[l][j][k] from unit j to unit k
    Ws = [[[w13, w14], [0.0, w24]],       # units 1,2 -> 3,4 (no w23)
          [[w35, 0.0], [w45, w46]],       # units 3,4 -> 5,6 (no w36)
          [[v5], [v6]]]                   # units 5,6 -> out
    bs = [[0.0, 0.0], [0.0, 0.0], [0.0]]
    cache = bp.forward(Ws, bs, [x1, x2], "tanh", "linear")
    assert cache.z[1] == pytest.approx([z3, z4], rel=1e-14)
    assert cache.a[2] == pytest.approx([a5, a6], rel=1e-14)
    assert cache.output[0] == pytest.approx(z_out, rel=1e-14)
    assert losses.hinge(cache.output[0], t) == pytest.approx(L, rel=1e-14)
    dWs, dbs, deltas = bp.backward(cache, Ws, [losses.hinge_grad(z_out, t)])
    assert deltas[3] == [d_out]
    assert deltas[2] == pytest.approx([d5, d6], rel=1e-14)
    assert deltas[1] == pytest.approx([d3, d4], rel=1e-14)
    assert [row[0] for row in dWs[2]] == pytest.approx([dv5, dv6], rel=1e-14)
    for (l, j, k), want in {(1, 1, 1): dw46, (1, 1, 0): dw45, (1, 0, 0): dw35,
                            (0, 1, 1): dw24, (0, 0, 1): dw14, (0, 0, 0): dw13}.items():
        assert dWs[l][j][k] == pytest.approx(want, rel=1e-13)
    # the slide's misprint a5 tanh'(z5) delta5 is a different number
    assert abs(dWs[1][0][0] - a5 * dtanh(z5) * d5) > 1e-3

    # and autodiff on an MLP with the same weights agrees
    net = MLP(2, [2, 2, 1], activation="tanh", seed=0)
    net.set_weights(Ws, bs)
    loss = losses.hinge(net([x1, x2]), t)
    loss.backward()
    assert loss.data == pytest.approx(L, rel=1e-14)
    assert net.layers[1].neurons[0].w[0].grad == pytest.approx(dw35, rel=1e-13)
    assert net.layers[0].neurons[0].w[0].grad == pytest.approx(dw13, rel=1e-13)


# -- errors -------------------------------------------------------------------------------

def test_forward_and_backward_errors():
    Ws = [[[1.0, 2.0]], [[1.0], [2.0]]]
    bs = [[0.0, 0.0], [0.0]]
    with pytest.raises(ValueError, match=r"Ws\[0\] = W\^\(0,1\) must have 2 rows"):
        bp.forward(Ws, bs, [1.0, 2.0])
    with pytest.raises(ValueError, match=r"bs\[1\] must have 1 biases"):
        bp.forward(Ws, [[0.0, 0.0], [0.0, 0.0]], [1.0])
    with pytest.raises(ValueError, match="one weight matrix and one bias list per layer"):
        bp.forward(Ws, bs[:1], [1.0])
    with pytest.raises(ValueError, match="activation must be one of"):
        bp.forward(Ws, bs, [1.0], activation="softmax")
    with pytest.raises(TypeError, match=r"x\[0\]"):
        bp.forward(Ws, bs, ["1"])
    cache = bp.forward(Ws, bs, [1.0])
    with pytest.raises(ValueError, match="2 entries, the output layer has 1"):
        bp.backward(cache, Ws, [1.0, 2.0])
    with pytest.raises(TypeError, match="ForwardCache"):
        bp.backward({}, Ws, [1.0])
    with pytest.raises(ValueError, match="loss must be one of"):
        bp.loss_and_gradients(Ws, bs, [1.0], 1.0, loss="mse")
    with pytest.raises(ValueError, match="2 targets, the output layer has 1"):
        bp.loss_and_gradients(Ws, bs, [1.0], [1.0, 2.0])
