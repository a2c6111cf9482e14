"""Exercise 09: Backpropagation for a multilayer perceptron, in matrix form (seed 002, the backpropagation algorithm; seed 000, matrix form)."""
import math

from grading.check import check, expect_close, expect_true, seeded
from minigrad import backprop, losses
from minigrad.engine import Value
from tests.checks.common import expect_inputs_kept, layer

MODULE = "ex09_mlp_backprop"
ALLOWED_IMPORTS = ["math"]

REL, ABS = 1e-9, 1e-12  # hand backprop must match autodiff to rounding error

# Networks: (n_inputs, hidden layer sizes). The visible ones have widths above 1
# everywhere, non-square and square weight matrices (a transposed-matrix mistake then
# gives wrong values, not only wrong shapes), the last the shape of the docstrings'
# EXAMPLE (2 inputs, hidden layers of 3 and 2; a check keeps no copy of the module's
# data: the EXAMPLE itself runs in the doctests); the hidden ones add other sizes and
# depths.
VISIBLE_SHAPES = [(3, [3, 2]), (2, [4, 4]), (4, [2, 3]), (2, [3, 2])]
SHAPES = [(2, [2, 2]), (3, [3, 3, 3]), (3, [4, 2]), (2, [3]), (1, [3, 2, 4]), (4, [1])]


def make_net(rng, nin, hidden):
    sizes = [nin] + hidden
    Ws = [[[rng.uniform(-1.5, 1.5) for _ in range(sizes[l + 1])] for _ in range(sizes[l])]
          for l in range(len(hidden))]
    bs = [[rng.uniform(-1.0, 1.0) for _ in range(n)] for n in hidden]
    return dict(x=[rng.uniform(-2.0, 2.0) for _ in range(nin)], Ws=Ws, bs=bs,
                w_o=[rng.uniform(-1.5, 1.5) for _ in range(hidden[-1])],
                b_o=rng.uniform(-1.0, 1.0), t=rng.uniform(-1.0, 1.0))


def nets(seed, shapes):
    return [seeded(seed + i, 1, lambda rng: make_net(rng, nin, hid))[0]
            for i, (nin, hid) in enumerate(shapes)]


def visible_nets(seed):
    """Four seeded networks, one of each visible shape."""
    return nets(seed, VISIBLE_SHAPES)


def hidden_nets(seed):
    return nets(seed, SHAPES)


def autodiff(net):
    """The network from minigrad's own parts: nn.Layers (tanh applied to their
    z Values), a one-unit nn.Layer for the output and losses.squared_error;
    L.backward() gives every parameter gradient, dL/dz and dL/dh of every layer."""
    layers = [layer(W, b) for W, b in zip(net["Ws"], net["bs"])]
    out_layer = layer([[w] for w in net["w_o"]], [net["b_o"]])
    h = [Value(v) for v in net["x"]]
    zs, hs = [], [h]
    for lay in layers:
        z = lay(h)
        h = [z_k.tanh() for z_k in z]
        zs.append(z)
        hs.append(h)
    y = out_layer(h)[0]
    L = losses.squared_error(y, net["t"])
    L.backward()
    data = lambda vs: [[v.data for v in row] for row in vs]
    grad = lambda vs: [[v.grad for v in row] for row in vs]
    dW = lambda lay: [[n.w[j].grad for n in lay.neurons] for j in range(lay.nin)]
    return dict(z=data(zs), h=data(hs), y=y.data, L=L.data, dL_dy=y.grad,
                delta=grad(hs), dL_dz=grad(zs), dW=[dW(lay) for lay in layers],
                db=[[n.b.grad for n in lay.neurons] for lay in layers],
                dw_o=[row[0] for row in dW(out_layer)], db_o=out_layer.neurons[0].b.grad)


def cache_of(o):
    return dict(z=o["z"], h=o["h"], y=o["y"], L=o["L"])


def square(M):
    return len(M) == len(M[0])


def rand_matrix(rng, m, n):
    return [[round(rng.uniform(-3, 3), 3) for _ in range(n)] for _ in range(m)]


def rand_vec(rng, n):
    return [round(rng.uniform(-3, 3), 3) for _ in range(n)]


def matrices(seed, shapes):
    return [seeded(seed + i, 1, lambda rng: rand_matrix(rng, m, n))[0]
            for i, (m, n) in enumerate(shapes)]


_INPLACE_HINT = ("Your function changed something it was given, in place (an entry assigned, "
                 "a list reversed, extended or cleared, a cache entry replaced): the "
                 "caller's data must stay as it was. Build new lists for your results.")


# -- 9.1 - 9.4 list helpers (expected values from minigrad.backprop's helpers) ------

def _check_transpose(student, Ms):
    for M in Ms:
        got = student.call("transpose", M)
        expect_inputs_kept(student, "transpose", (M,), ("M",), _INPLACE_HINT)
        expect_close(got, backprop.transpose(M), inputs=dict(M=M), what="transpose(M)",
                     hint="(M^T)[i][j] = M[j][i]: an m x n matrix becomes n x m.",
                     mistakes={"unchanged": (M, "You gave back M itself.")} if square(M) else None)


@check("Exercise 9.1", points=1, visibility="visible")
def test_transpose_visible(student):
    "transpose of the docstring's 2 x 3 matrix and of seeded 3x3, 3x2, 2x4 matrices."
    _check_transpose(student, [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]]
                     + matrices(910, [(3, 3), (3, 2), (2, 4)]))


@check("Exercise 9.1", points=2, visibility="hidden")
def test_transpose_hidden(student):
    "transpose of seeded matrices of shapes 4x4, 1x4, 4x1, 2x5."
    _check_transpose(student, matrices(91, [(4, 4), (1, 4), (4, 1), (2, 5)]))


def _check_matvec(student, cases):
    for M, v in cases:
        got = student.call("matvec", M, v)
        wrong = None
        if square(M):
            wrong = {"M^T v": (backprop.matvec(backprop.transpose(M), v),
                               "You computed M^T v. (M v)[i] = sum_j M[i][j] v[j]: row i of M "
                               "times v.")}
        expect_close(got, backprop.matvec(M, v), inputs=dict(M=M, v=v), what="matvec(M, v)",
                     hint="(M v)[i] = sum_j M[i][j] v[j]; M is a list of rows, the result has "
                          "one entry per row.", mistakes=wrong)


def _matvec_cases(seed, shapes):
    cases = []
    for i, (m, n) in enumerate(shapes):
        cases += seeded(seed + i, 1, lambda rng: (rand_matrix(rng, m, n), rand_vec(rng, n)))
    return cases


@check("Exercise 9.2", points=1, visibility="visible")
def test_matvec_visible(student):
    "matvec of the docstring's 3 x 2 matrix, and of seeded 3x3, 2x4, 4x3 matrices."
    _check_matvec(student, [([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [1.0, -1.0])]
                  + _matvec_cases(9200, [(3, 3), (2, 4), (4, 3)]))


@check("Exercise 9.2", points=2, visibility="hidden")
def test_matvec_hidden(student):
    "matvec on seeded matrices of shapes 4x4, 2x5, 4x1, 1x3."
    _check_matvec(student, _matvec_cases(920, [(4, 4), (2, 5), (4, 1), (1, 3)]))


def _check_hadamard(student, cases):
    for u, v in cases:
        got = student.call("hadamard", u, v)
        expect_close(got, backprop.hadamard(u, v), inputs=dict(u=u, v=v),
                     what="hadamard(u, v)",
                     hint="The Hadamard product is elementwise: a list [u_i v_i], not a number.",
                     mistakes={"dot": (sum(backprop.hadamard(u, v)),
                                       "You gave back the dot product (a number); the Hadamard "
                                       "product keeps every u_i v_i in a list.")})


def _vec_pairs(seed, shapes):
    cases = []
    for i, (m, n) in enumerate(shapes):
        cases += seeded(seed + i, 1, lambda rng: (rand_vec(rng, m), rand_vec(rng, n)))
    return cases


@check("Exercise 9.3", points=1, visibility="visible")
def test_hadamard_visible(student):
    "hadamard([1, 2, 3], [4, 5, 6]) and seeded vectors of lengths 2, 3, 4."
    _check_hadamard(student, [([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])]
                    + _vec_pairs(9300, [(2, 2), (3, 3), (4, 4)]))


@check("Exercise 9.3", points=2, visibility="hidden")
def test_hadamard_hidden(student):
    "hadamard on seeded vectors of lengths 1, 2, 5, 6."
    _check_hadamard(student, _vec_pairs(930, [(1, 1), (2, 2), (5, 5), (6, 6)]))


def _check_outer(student, cases):
    for u, v in cases:
        got = student.call("outer", u, v)
        expect_close(got, backprop.outer(u, v), inputs=dict(u=u, v=v),
                     what="outer(u, v)",
                     hint="u v^T has one row per entry of u: (u v^T)[i][j] = u_i v_j.",
                     mistakes={"v u^T": (backprop.outer(v, u),
                                         "You built v u^T (one row per entry of v); outer(u, v) "
                                         "= u v^T has len(u) rows.")} if len(u) == len(v) else None)


@check("Exercise 9.4", points=1, visibility="visible")
def test_outer_visible(student):
    "outer([1, 2], [3, 4, 5]) is the 2 x 3 matrix u v^T; seeded (3, 3), (2, 4), (4, 2)."
    _check_outer(student, [([1.0, 2.0], [3.0, 4.0, 5.0])]
                 + _vec_pairs(9400, [(3, 3), (2, 4), (4, 2)]))


@check("Exercise 9.4", points=2, visibility="hidden")
def test_outer_hidden(student):
    "outer on seeded vectors of lengths (4, 4), (1, 4), (4, 1), (2, 5)."
    _check_outer(student, _vec_pairs(940, [(4, 4), (1, 4), (4, 1), (2, 5)]))


# -- 9.5 g'(z) -------------------------------------------------------------------------

def _check_tanh_prime(student, zs):
    vs = [Value(z) for z in zs]
    for v in vs:
        v.tanh().backward()
    got = student.call("tanh_prime", zs)
    expect_close(got, [v.grad for v in vs], inputs=dict(z=zs), what="tanh_prime(z)",
                 rel=REL, abs=ABS,
                 hint="g'(z_i) is the derivative of tanh at z_i, one entry per z_i; it can be "
                      "written with tanh(z_i) itself.",
                 mistakes={"tanh": ([math.tanh(z) for z in zs],
                                    "That is tanh(z) itself, not its derivative."),
                           "1 - z^2": ([1 - z * z for z in zs],
                                       "You squared z. The derivative of tanh is written with "
                                       "tanh(z), so square the activation, not z."),
                           "no square": ([1 - math.tanh(z) for z in zs],
                                         "Close: the derivative of tanh involves the SQUARE "
                                         "of tanh(z).")})


@check("Exercise 9.5", points=2, visibility="visible")
def test_tanh_prime_visible(student):
    "tanh'(z) elementwise at the docstring's z = [0], [0.5, -1, 2] and seeded lists (autodiff oracle)."
    _check_tanh_prime(student, [0.0])
    _check_tanh_prime(student, [0.5, -1.0, 2.0])
    for n in (2, 3, 4):
        _check_tanh_prime(student, seeded(950 + n, n, lambda rng: rng.uniform(-3, 3)))


@check("Exercise 9.5", points=4, visibility="hidden")
def test_tanh_prime_hidden(student):
    "tanh'(z) elementwise on seeded lists of lengths 1 to 6."
    for n in (1, 3, 6, 2):
        _check_tanh_prime(student, seeded(95 + n, n, lambda rng: rng.uniform(-3, 3)))


# -- 9.6 one layer forward ----------------------------------------------------------------

def _check_layer_forward(student, nets_):
    for net in nets_:
        o = autodiff(net)
        for l, (W, b) in enumerate(zip(net["Ws"], net["bs"])):
            h_prev = o["h"][l]
            inputs = dict(W=W, b=b, h_prev=h_prev)
            got = student.call("layer_forward", W, b, h_prev)
            expect_true(isinstance(got, dict) and "z" in got and "h" in got,
                        "layer_forward must return a dict with the keys 'z' and 'h'",
                        inputs=inputs, got=got)
            no_bias = [s - b_k for s, b_k in zip(o["z"][l], b)]
            wrong = {"no bias": (no_bias, "You left out the bias: z = W^T h_prev + b.")}
            if square(W):
                wrong["W h"] = (backprop.vadd(backprop.matvec(W, h_prev), b),
                                "You computed W h_prev. W is n_(l-1) x n_l (rows = inputs), so "
                                "the layer is z = W^T h_prev + b: z[k] = sum_j W[j][k] h_prev[j].")
            expect_close(got["z"], o["z"][l], inputs=inputs, what="layer_forward()['z']",
                         rel=REL, abs=ABS,
                         hint="z = W^T h_prev + b, i.e. z[k] = sum_j W[j][k] h_prev[j] + b[k]: "
                              "one entry per COLUMN of W (your transpose and matvec).",
                         mistakes=wrong)
            expect_close(got["h"], o["h"][l + 1], inputs=inputs, what="layer_forward()['h']",
                         rel=REL, abs=ABS, hint="h = tanh(z), elementwise.",
                         mistakes={"h = z": (o["z"][l], "Apply phi = tanh: h = tanh(z).")})


@check("Exercise 9.6", points=1, visibility="visible", uses=("9.1", "9.2"))
def test_layer_forward_visible(student):
    "layer_forward gives z = W^T h_prev + b and h = tanh(z) for every layer of four seeded networks (one of the docstrings' 2-3-2 shape)."
    _check_layer_forward(student, visible_nets(9600))


@check("Exercise 9.6", points=2, visibility="hidden", uses=("9.1", "9.2"))
def test_layer_forward_hidden(student):
    "layer_forward gives z and h for every layer of seeded networks of several shapes."
    _check_layer_forward(student, hidden_nets(960))


# -- 9.7 output, 9.8 loss ------------------------------------------------------------------

def _check_output(student, nets_):
    for net in nets_:
        o = autodiff(net)
        h_K = o["h"][-1]
        got = student.call("output", net["w_o"], net["b_o"], h_K)
        expect_close(got, o["y"], inputs=dict(w_o=net["w_o"], b_o=net["b_o"], h_K=h_K),
                     what="y", rel=REL, abs=ABS,
                     hint="y = w_o^T h_K + b_o = sum_i w_o[i] h_K[i] + b_o.",
                     mistakes={"no b_o": (o["y"] - net["b_o"], "You left out b_o.")})


@check("Exercise 9.7", points=1, visibility="visible")
def test_output_visible(student):
    "y = w_o^T h_K + b_o for four seeded networks (one of the docstrings' 2-3-2 shape)."
    _check_output(student, visible_nets(9700))


@check("Exercise 9.7", points=2, visibility="hidden")
def test_output_hidden(student):
    "y = w_o^T h_K + b_o for seeded networks."
    _check_output(student, hidden_nets(970))


def _check_loss(student, cases):
    for y, t in cases:
        lv = losses.squared_error(Value(y), t)
        got = student.call("loss", y, t)
        expect_close(got, lv.data, inputs=dict(y=y, t=t), what="L", rel=REL, abs=ABS,
                     hint="The kit's squared error: L = (y - t)**2.",
                     mistakes={"half": (0.5 * lv.data, "The kit's loss is (y - t)**2, "
                                                       "without the factor 1/2."),
                               "no square": (y - t, "Square the error: (y - t)**2.")})


@check("Exercise 9.8", points=1, visibility="visible")
def test_loss_visible(student):
    "L = (y - t)**2 at y = 1.5, t = 0.5, at y = -1, t = 1 and at three seeded y, t."
    _check_loss(student, [(1.5, 0.5), (-1.0, 1.0)]
                + seeded(9800, 3, lambda rng: (rng.uniform(-3, 3), rng.uniform(-1, 1))))


@check("Exercise 9.8", points=2, visibility="hidden")
def test_loss_hidden(student):
    "L = (y - t)**2 at seeded y, t."
    _check_loss(student, seeded(98, 5, lambda rng: (rng.uniform(-3, 3), rng.uniform(-1, 1))))


# -- 9.9 the forward phase ------------------------------------------------------------------

def _check_forward(student, nets_):
    for net in nets_:
        o = autodiff(net)
        inputs = dict(net)
        args = (net["x"], net["Ws"], net["bs"], net["w_o"], net["b_o"], net["t"])
        got = student.call("forward", *args)
        expect_inputs_kept(student, "forward", args, ("x", "Ws", "bs", "w_o", "b_o", "t"),
                           _INPLACE_HINT)
        keys = ("z", "h", "y", "L")
        expect_true(isinstance(got, dict) and all(k in got for k in keys),
                    "forward must return the cache, a dict with the keys 'z', 'h', 'y', 'L'",
                    inputs=inputs, got=got)
        expect_close(got["z"], o["z"], inputs=inputs, what="forward()['z']", rel=REL, abs=ABS,
                     hint="z_l = W_l^T h_(l-1) + b_l for l = 1..K, one list per layer.")
        expect_close(got["h"], o["h"], inputs=inputs, what="forward()['h']", rel=REL, abs=ABS,
                     hint="h = [h_0 = x, h_1, ..., h_K]: keep the input x as h_0, the backward "
                          "phase needs it for dL/dW_1.",
                     mistakes={"no x": (o["h"][1:], "Start the list h with h_0 = x.")})
        expect_close(got["y"], o["y"], inputs=inputs, what="forward()['y']", rel=REL, abs=ABS,
                     hint="y = w_o^T h_K + b_o with the last hidden layer h_K.")
        expect_close(got["L"], o["L"], inputs=inputs, what="forward()['L']",
                     rel=REL, abs=ABS, hint="L = (y - t)**2.")


@check("Exercise 9.9", points=1, visibility="visible", uses=("9.6", "9.7", "9.8"))
def test_forward_visible(student):
    "forward caches z_l, h_l and gives y and L for four seeded networks (one of the docstrings' 2-3-2 shape)."
    _check_forward(student, visible_nets(9900))


@check("Exercise 9.9", points=2, visibility="hidden", uses=("9.6", "9.7", "9.8"))
def test_forward_hidden(student):
    "forward caches z_l, h_l and gives y and L for seeded networks of several shapes."
    _check_forward(student, hidden_nets(990))


# -- 9.10 - 9.12 the output end of the backward phase ----------------------------------------

def _check_dL_dy(student, cases):
    for cache, t in cases:
        yv = Value(cache["y"])
        losses.squared_error(yv, t).backward()
        got = student.call("dL_dy", cache, t)
        expect_close(got, yv.grad, inputs=dict(cache=cache, t=t), what="dL/dy", rel=REL,
                     abs=ABS,
                     hint="The chain rule on L = (y - t)**2: the outer function is a square, "
                          "the inner one y - t.",
                     mistakes={"no 2": (yv.grad / 2, "You left out the factor 2 from "
                                                     "differentiating the square (the kit's "
                                                     "loss has no 1/2)."),
                               "sign": (-yv.grad, "Sign: the inner derivative of y - t with "
                                                  "respect to y is +1."),
                               "L": (cache["L"], "That is the loss L itself, not its "
                                                 "derivative.")})


def _dL_dy_cases(nets_):
    return [(cache_of(autodiff(net)), net["t"]) for net in nets_]


@check("Exercise 9.10", points=2, visibility="visible")
def test_dL_dy_visible(student):
    "dL/dy at the docstring's y = -0.25 and y = 1.5 (t = 0.5) and for four seeded networks (autodiff oracle)."
    docs = [({"z": [], "h": [[0.3]], "y": -0.25, "L": 0.5625}, 0.5),
            ({"z": [], "h": [[0.3]], "y": 1.5, "L": 1.0}, 0.5)]
    _check_dL_dy(student, docs + _dL_dy_cases(visible_nets(9100)))


@check("Exercise 9.10", points=4, visibility="hidden")
def test_dL_dy_hidden(student):
    "dL/dy matches autodiff of (y - t)**2 for seeded networks."
    _check_dL_dy(student, _dL_dy_cases(hidden_nets(910)))


def _check_output_grads(student, nets_):
    for net in nets_:
        o = autodiff(net)
        cache = cache_of(o)
        inputs = dict(cache=cache, dL_dy=o["dL_dy"])
        got = student.call("output_grads", cache, o["dL_dy"])
        expect_true(isinstance(got, dict) and "dL_dw_o" in got and "dL_db_o" in got,
                    "output_grads must return a dict with the keys 'dL_dw_o' and 'dL_db_o'",
                    inputs=inputs, got=got)
        mistakes = {"h_K alone": (o["h"][-1], "That is dy/dw_o alone: multiply by dL/dy.")}
        if len(o["h"]) > 2 and len(o["h"][-2]) == len(o["h"][-1]):
            mistakes["h_(L-1)"] = ([v * o["dL_dy"] for v in o["h"][-2]],
                                   "You took h_(L-1): the output unit reads the LAST hidden "
                                   "layer h_K, the last entry of cache['h'].")
        expect_close(got["dL_dw_o"], o["dw_o"], inputs=inputs, what="dL/dw_o", rel=REL,
                     abs=ABS,
                     hint="dL/dw_o[i] = (dy/dw_o[i]) dL/dy: which cached value does w_o[i] "
                          "multiply in y? One entry per unit of the LAST hidden layer h_K.",
                     mistakes=mistakes)
        expect_close(got["dL_db_o"], o["db_o"], inputs=inputs, what="dL/db_o", rel=REL,
                     abs=ABS, hint="dL/db_o = (dy/db_o) dL/dy.",
                     mistakes={"1": (1.0, "That is dy/db_o alone: multiply by dL/dy.")})


@check("Exercise 9.11", points=2, visibility="visible")
def test_output_grads_visible(student):
    "dL/dw_o and dL/db_o for four seeded networks (autodiff oracle)."
    _check_output_grads(student, visible_nets(9110))


@check("Exercise 9.11", points=4, visibility="hidden")
def test_output_grads_hidden(student):
    "dL/dw_o and dL/db_o match autodiff for seeded networks."
    _check_output_grads(student, hidden_nets(911))


def _check_delta_K(student, nets_):
    for net in nets_:
        o = autodiff(net)
        cache = cache_of(o)
        got = student.call("delta_K", cache, net["w_o"], o["dL_dy"])
        expect_close(got, o["delta"][-1], inputs=dict(cache=cache, w_o=net["w_o"],
                                                      dL_dy=o["dL_dy"]),
                     what="delta^(K) = dL/dh_K", rel=REL, abs=ABS,
                     hint="dL/dh_K[i] = (dy/dh_K[i]) dL/dy: what multiplies h_K[i] in y?",
                     mistakes={"h_K": ([v * o["dL_dy"] for v in o["h"][-1]],
                                       "You used h_K: that is dy/dw_o (Exercise 9.11). Here "
                                       "you differentiate y with respect to h_K, so the "
                                       "factor is what multiplies h_K in y."),
                               "w_o": (list(net["w_o"]), "That is dy/dh_K alone: multiply "
                                                         "by dL/dy.")})


@check("Exercise 9.12", points=2, visibility="visible")
def test_delta_K_visible(student):
    "dL/dh_K for four seeded networks (autodiff oracle)."
    _check_delta_K(student, visible_nets(9120))


@check("Exercise 9.12", points=4, visibility="hidden")
def test_delta_K_hidden(student):
    "dL/dh_K matches autodiff for seeded networks."
    _check_delta_K(student, hidden_nets(912))


# -- 9.13 one layer backward --------------------------------------------------------------

def _check_layer_backward(student, nets_):
    for net in nets_:
        o = autodiff(net)
        cache = cache_of(o)
        for l in range(len(net["Ws"]), 0, -1):
            W, z, h_prev, delta = net["Ws"][l - 1], o["z"][l - 1], o["h"][l - 1], o["delta"][l]
            inputs = dict(cache=cache, Ws=net["Ws"], l=l, delta=delta)
            got = student.call("layer_backward", cache, net["Ws"], l, delta)
            expect_inputs_kept(student, "layer_backward", (cache, net["Ws"], l, delta),
                               ("cache", "Ws", "l", "delta"), _INPLACE_HINT)
            expect_true(isinstance(got, dict)
                        and all(k in got for k in ("dL_dW", "dL_db", "delta_prev")),
                        "layer_backward must return a dict with the keys 'dL_dW', 'dL_db', "
                        "'delta_prev'", inputs=inputs, got=got)
            dz = o["dL_dz"][l - 1]  # dL/dz_l, from autodiff
            g_of_h = [backprop.tanh_prime(v) * d for v, d in zip(o["h"][l], delta)]
            dW_wrong = {
                "no g'": (backprop.outer(h_prev, delta),
                          "You left out g'(z_l): w_jk reaches h_k only through z_k and "
                          "h_k = tanh(z_k)."),
                "sum over k": ([[a_j * sum(dz)] * len(z) for a_j in h_prev],
                               "You summed over k, as seed 000's slide writes: w_jk reaches L "
                               "only through z_k, so dL/dw_jk has one term."),
                "g'(h)": (backprop.outer(h_prev, g_of_h),
                          "You evaluated tanh' at h_l = tanh(z_l); evaluate it at z_l."),
            }
            if len(h_prev) == len(z):
                dW_wrong["transposed"] = (backprop.transpose(o["dW"][l - 1]),
                                          "dL/dW_l has the shape of W_l: row j for input unit "
                                          "j. You built the transpose.")
            dW_wrong["h_l"] = (backprop.outer(o["h"][l], dz),
                               "You used h_l, this layer's own output. w_jk multiplies the "
                               "activation of unit j in the layer BELOW, h_(l-1).")
            expect_close(got["dL_dW"], o["dW"][l - 1], inputs=inputs, what="dL/dW_l", rel=REL,
                         abs=ABS,
                         hint="dL/dw_jk = (dz_k/dw_jk)(dh_k/dz_k) delta_k: one path. Entry "
                              "[j][k], W_l's shape, pairs unit j of layer l-1 with unit k of "
                              "layer l.",
                         mistakes=dW_wrong)
            expect_close(got["dL_db"], o["db"][l - 1], inputs=inputs, what="dL/db_l", rel=REL,
                         abs=ABS,
                         hint="dL/db_k = (dz_k/db_k)(dh_k/dz_k) delta_k.",
                         mistakes={"no g'": (list(delta), "You left out g'(z_l): b_k reaches "
                                                          "h_k through z_k and tanh.")})
            dh_wrong = {"no g'": (backprop.matvec(W, delta),
                                  "You left out g'(z_l): the path from h_(l-1) to h_l runs "
                                  "through z_l and tanh.")}
            if square(W):
                dh_wrong["W^T"] = (backprop.matvec(backprop.transpose(W), dz),
                                   "You multiplied by W^T. W_l is n_(l-1) x n_l (rows = "
                                   "inputs): unit j's delta sums over the units k it feeds, "
                                   "along ROW j of W_l (seed 000's first line).")
            expect_close(got["delta_prev"], o["delta"][l - 1], inputs=inputs,
                         what="delta^(l-1) = dL/dh_(l-1)", rel=REL, abs=ABS,
                         hint="delta_j of layer l-1 sums over the units k of layer l that "
                              "h_(l-1)[j] feeds: (dz_k/dh_j)(dh_k/dz_k) delta_k. One entry per "
                              "ROW of W_l.",
                         mistakes=dh_wrong)


@check("Exercise 9.13", points=3, visibility="visible", uses=("9.2", "9.3", "9.4", "9.5"))
def test_layer_backward_visible(student):
    "layer_backward gives dL/dW_l, dL/db_l and delta^(l-1) for every layer of four seeded networks (one of the docstrings' 2-3-2 shape)."
    _check_layer_backward(student, visible_nets(9130))


@check("Exercise 9.13", points=6, visibility="hidden", uses=("9.2", "9.3", "9.4", "9.5"))
def test_layer_backward_hidden(student):
    "layer_backward matches autodiff for every layer of seeded networks of several shapes."
    _check_layer_backward(student, hidden_nets(913))


# -- 9.14 the backward phase ------------------------------------------------------------------

def _check_backward(student, nets_):
    for net in nets_:
        o = autodiff(net)
        cache = cache_of(o)
        inputs = dict(cache=cache, Ws=net["Ws"], w_o=net["w_o"], t=net["t"])
        got = student.call("backward", cache, net["Ws"], net["w_o"], net["t"])
        expect_inputs_kept(student, "backward", (cache, net["Ws"], net["w_o"], net["t"]),
                           ("cache", "Ws", "w_o", "t"), _INPLACE_HINT)
        keys = ("dL_dW", "dL_db", "dL_dw_o", "dL_db_o")
        expect_true(isinstance(got, dict) and all(k in got for k in keys),
                    "backward must return a dict with the keys 'dL_dW', 'dL_db', 'dL_dw_o', "
                    "'dL_db_o'", inputs=inputs, got=got)
        expect_close(got["dL_dw_o"], o["dw_o"], inputs=inputs, what="backward()['dL_dw_o']",
                     rel=REL, abs=ABS, hint="Steps 1-2: dL/dy (9.10), then 9.11.")
        expect_close(got["dL_db_o"], o["db_o"], inputs=inputs, what="backward()['dL_db_o']",
                     rel=REL, abs=ABS, hint="Steps 1-2: dL/dy (9.10), then 9.11.")
        hint = ("Start from delta^(K) (9.12); then for every hidden layer l = L, ..., 1 (the "
                "first one included) call 9.13 with the delta the layer above handed down "
                "(its delta_prev), and keep dL/dW_l, dL/db_l at position l-1 of the lists.")
        expect_close(got["dL_dW"], o["dW"], inputs=inputs, what="backward()['dL_dW']",
                     rel=REL, abs=ABS, hint=hint)
        expect_close(got["dL_db"], o["db"], inputs=inputs, what="backward()['dL_db']",
                     rel=REL, abs=ABS, hint=hint)


_USES14 = ("9.10", "9.11", "9.12", "9.13")


@check("Exercise 9.14", points=3, visibility="visible", uses=_USES14)
def test_backward_visible(student):
    "backward gives every gradient of four seeded networks, one of the docstrings' 2-3-2 shape (autodiff oracle)."
    _check_backward(student, visible_nets(9140))


@check("Exercise 9.14", points=6, visibility="hidden", uses=_USES14)
def test_backward_hidden(student):
    "backward matches autodiff to 1e-9 for seeded networks of several shapes and depths."
    _check_backward(student, hidden_nets(914))


# -- hints, bookkeeping, what an exception means, typical mistakes ------------------

# -- 9.15 - 9.16 seed 000's "Formalization" slide, one unit at a time --------------------------

def _formal_cases(nets_):
    """(net, autodiff result, l) for every hidden layer of every network."""
    for net in nets_:
        o = autodiff(net)
        for l in range(len(net["Ws"]), 0, -1):
            yield net, o, l


def _check_delta_prev_j(student, nets_):
    for net, o, l in _formal_cases(nets_):
        cache, W, delta = cache_of(o), net["Ws"][l - 1], o["delta"][l]
        z, h = o["z"][l - 1], o["h"][l]
        for j in range(len(W)):
            inputs = dict(cache=cache, Ws=net["Ws"], l=l, j=j, delta=delta)
            got = student.call("delta_prev_j", cache, net["Ws"], l, j, delta)
            wrong = {
                "no g'": (sum(W[j][k] * delta[k] for k in range(len(z))),
                          "You left out g'(z_k): h_(l-1)[j] reaches h_l[k] through z_k and "
                          "then tanh."),
                "g'(h)": (sum(W[j][k] * backprop.tanh_prime(h[k]) * delta[k]
                              for k in range(len(z))),
                          "You evaluated tanh' at h_l[k] = tanh(z_k); evaluate it at z_k."),
            }
            if len(z) <= len(W) and j < len(W[0]):  # W[k][j] exists for every k
                wrong["column"] = (sum(W[k][j] * backprop.tanh_prime(z[k]) * delta[k]
                                       for k in range(len(z))),
                                   "You walked COLUMN j of W_l (W[k][j]). The weight from "
                                   "unit j of layer l-1 to unit k of layer l is W_l[j][k].")
            if l >= 2:
                zj = o["z"][l - 2][j]
                wrong["g'(z_j)"] = (sum(W[j][k] * backprop.tanh_prime(zj) * delta[k]
                                        for k in range(len(z))),
                                    "You took g' at z_j of layer l-1; the slide's g'(z_k) "
                                    "belongs to the unit k of layer l that each term passes.")
            expect_close(got, o["delta"][l - 1][j], inputs=inputs,
                         what="delta^(l-1)_j = dL/dh_(l-1)[j]", rel=REL, abs=ABS,
                         hint="One term per unit k of layer l that h_(l-1)[j] feeds: "
                              "(dz_k/dh_j)(dh_k/dz_k) delta_k, summed over k.",
                         mistakes=wrong)


@check("Exercise 9.15", points=2, visibility="visible", uses=("9.5",))
def test_delta_prev_j_visible(student):
    "delta_prev_j for every unit j and layer l of four seeded networks, against autodiff's dL/dh."
    _check_delta_prev_j(student, visible_nets(9150))


@check("Exercise 9.15", points=4, visibility="hidden", uses=("9.5",))
def test_delta_prev_j_hidden(student):
    "delta_prev_j matches autodiff for every unit of seeded networks of several shapes."
    _check_delta_prev_j(student, hidden_nets(915))


def _check_dL_dw_jk(student, nets_):
    for net, o, l in _formal_cases(nets_):
        cache, W, delta = cache_of(o), net["Ws"][l - 1], o["delta"][l]
        z, h_prev, h = o["z"][l - 1], o["h"][l - 1], o["h"][l]
        dz = o["dL_dz"][l - 1]  # dL/dz_l, from autodiff
        for j in range(len(W)):
            for k in range(len(z)):
                inputs = dict(cache=cache, Ws=net["Ws"], l=l, j=j, k=k, delta=delta)
                got = student.call("dL_dw_jk", cache, net["Ws"], l, j, k, delta)
                wrong = {
                    "sum over k": (h_prev[j] * sum(dz),
                                   "You summed over k, as seed 000's slide writes: w_jk "
                                   "appears in z_k only, so dL/dw_jk has one term (your "
                                   "dL/dw_j0 and dL/dw_j1 come out equal)."),
                    "no g'": (h_prev[j] * delta[k],
                              "You left out g'(z_k): w_jk reaches h_l[k] through z_k and "
                              "then tanh."),
                    "g'(h)": (h_prev[j] * backprop.tanh_prime(h[k]) * delta[k],
                              "You evaluated tanh' at h_l[k] = tanh(z_k); evaluate it at "
                              "z_k."),
                    "a_k": (h[k] * dz[k],
                            "You used h_l[k], the output of unit k itself (seed 000's a5 "
                            "slip). dz_k/dw_jk is the activation w_jk multiplies: unit j "
                            "of the layer BELOW, h_(l-1)[j]."),
                }
                expect_close(got, o["dW"][l - 1][j][k], inputs=inputs,
                             what="dL/dw_jk of W_l", rel=REL, abs=ABS,
                             hint="One path: (dz_k/dw_jk)(dh_k/dz_k) delta_k.",
                             mistakes=wrong)


@check("Exercise 9.16", points=2, visibility="visible", uses=("9.5",))
def test_dL_dw_jk_visible(student):
    "dL_dw_jk for every weight of every layer of four seeded networks, against autodiff (widths above 1, so a sum over k shows)."
    _check_dL_dw_jk(student, visible_nets(9160))


@check("Exercise 9.16", points=4, visibility="hidden", uses=("9.5",))
def test_dL_dw_jk_hidden(student):
    "dL_dw_jk matches autodiff for every weight of seeded networks of several shapes."
    _check_dL_dw_jk(student, hidden_nets(916))


BOOKKEEPING = ("Exercise 9.1", "Exercise 9.2", "Exercise 9.3", "Exercise 9.4",
               "Exercise 9.6", "Exercise 9.7", "Exercise 9.8", "Exercise 9.9")

HINTS = {
    "Exercise 9.1": [
        "Row i of the transpose is column i of M: it collects entry i of every row of M.",
        "An m x n matrix has n columns, so its transpose has n rows of m entries.",
    ],
    "Exercise 9.2": [
        "Entry i of M v pairs ROW i of M with v, entry by entry, and adds the products.",
        "The result has one entry per row of M; v has one entry per column of M. Nothing "
        "requires M to be square.",
    ],
    "Exercise 9.3": [
        "Multiply u and v entry by entry; keep every product.",
        "The answer is a list as long as u and v, not a single number.",
    ],
    "Exercise 9.4": [
        "u v^T is a matrix with one row per entry of u and one column per entry of v.",
        "Entry [i][j] is u_i times v_j.",
    ],
    "Exercise 9.5": [
        "Differentiate tanh once, for every entry z_i separately: the answer is a list.",
        "tanh = sinh / cosh; the quotient rule gives a result in terms of tanh itself.",
        "The derivative is one minus the square of the activation tanh(z_i), not of z_i.",
    ],
    "Exercise 9.6": [
        "First z = W^T h_prev + b with your transpose and matvec, then tanh of every entry.",
        "W is n_(l-1) x n_l, one row per input unit: z[k] walks down COLUMN k of W.",
    ],
    "Exercise 9.7": [
        "The output is a weighted sum of the last hidden layer plus a bias.",
        "Multiply w_o and h_K entry by entry, add the products, then add b_o.",
    ],
    "Exercise 9.8": [
        "The kit's squared error: the square of the difference of output and target.",
        "No factor 1/2 (the kit's loss differs from some lectures there).",
    ],
    "Exercise 9.9": [
        "Start the list h with x itself (h_0); then one layer after the other with 9.6, "
        "each reading the h the previous layer produced.",
        "Keep every z_l and h_l, then the output y (9.7) from the last h and the loss (9.8).",
    ],
    "Exercise 9.10": [
        "The chain rule on L = (y - t)**2: an outer square around an inner difference.",
        "dL/dy = (derivative of the square at y - t) times (derivative of y - t with "
        "respect to y).",
        "The square's derivative at u is two times u; the inner derivative is one. Read y "
        "from the cache.",
    ],
    "Exercise 9.11": [
        "The chain rule through the output unit: w_o[i] and b_o reach L only through y.",
        "dL/dw_o[i] = (dy/dw_o[i]) dL/dy and dL/db_o = (dy/db_o) dL/dy.",
        "In y = w_o^T h_K + b_o, w_o[i] is multiplied by h_K[i] (the LAST entry of the "
        "cache's h list) and b_o by one.",
    ],
    "Exercise 9.12": [
        "The chain rule again, now with respect to the hidden layer's activations h_K.",
        "delta^(K)[i] = (dy/dh_K[i]) dL/dy: one term per hidden unit, y being the only path.",
        "In y = w_o^T h_K + b_o, h_K[i] is multiplied by the weight w_o[i]. (9.11 had the "
        "roles the other way round.)",
    ],
    "Exercise 9.13": [
        "Three chain rules through z_l and h_l = tanh(z_l). First the local one: dL/dz_l "
        "from delta^(l) through tanh, entry by entry. Then each of the three answers is "
        "that dL/dz_l times the derivative of z_l with respect to W_l, b_l or h_(l-1).",
        "dL/dw_jk = (dz_k/dw_jk)(dL/dz_k) has ONE term (w_jk only reaches z_k; seed 000 "
        "writes a sum there, check it). dL/db_k = (dz_k/db_k)(dL/dz_k). delta_j of layer "
        "l-1 sums (dz_k/dh_j)(dL/dz_k) over the units k of layer l.",
        "dL/dz_l is tanh'(z_l) times delta^(l), entry by entry (9.3, 9.5). dz_k/dw_jk is "
        "h_(l-1)[j], the activation of the layer BELOW (cache h at position l-1), so dL/dW_l "
        "is an outer product shaped like W_l (9.4). dz_k/db_k is one. dz_k/dh_j is w_jk, "
        "so delta^(l-1) walks along ROW j of W_l (9.2). Layer l uses Ws, cache z at "
        "position l-1.",
    ],
    "Exercise 9.14": [
        "Seed 002's backward steps in order: dL/dy, the output unit's gradients, "
        "delta^(K), then the hidden layers from the top down.",
        "9.10, 9.11, 9.12 once; then 9.13 for l = L, L-1, ..., 1, each time with the delta "
        "the previous call handed down.",
        "After the call for layer l, its delta_prev is delta^(l-1): the input of the call "
        "for layer l-1. Store dL/dW_l and dL/db_l at position l-1 of their lists, so that "
        "they line up with Ws and bs; the loop ends after layer 1.",
    ],
    "Exercise 9.15": [
        "Seed 000's first line: unit j of layer l-1 reaches the loss through every unit k of "
        "layer l it feeds, so the chain rule sums one term per k. Do this before 9.13.",
        "Each term is (dz_k/dh_(l-1)[j]) times (dh_l[k]/dz_k) times delta_k; the slide's "
        "factor w_jk g'(z_k) is the first two together.",
        "dz_k/dh_(l-1)[j] is the weight from unit j to unit k, which is W_l at row j, column "
        "k (rows are the layer below); dh_l[k]/dz_k is tanh' at z_k of layer l (cache z at "
        "position l-1), not at h. Sum the products over all k.",
    ],
    "Exercise 9.16": [
        "The chain rule along the paths from w_jk to the loss. Before copying the slide's "
        "sum over k, count the paths: which pre-activations contain w_jk?",
        "Only z_k does (k is fixed by the weight), so there is ONE term: (dz_k/dw_jk) times "
        "(dh_l[k]/dz_k) times delta_k. The slide's sum over k is a slip.",
        "dz_k/dw_jk is the activation w_jk multiplies, unit j of the layer BELOW (cache h at "
        "position l-1); dh_l[k]/dz_k is tanh' at z_k (cache z at position l-1).",
    ],
}

_CACHE = ("The cache is the dict 9.9 gives back, with the keys 'z', 'h', 'y', 'L' "
          "(seed 002's o is y here).")

ERRORS = {
    "Exercise 9.1": {"IndexError": "An IndexError in transpose usually means the sizes are "
                                   "swapped: M^T has one row per COLUMN of M, each as long as "
                                   "M has rows."},
    "Exercise 9.2": {"IndexError": "An IndexError in matvec on a matrix that is not square "
                                   "usually means you walked M by columns, computing M^T v: "
                                   "entry i of M v pairs ROW i of M with v, and v has one "
                                   "entry per column of M."},
    "Exercise 9.6": {"IndexError": "An IndexError here usually means you multiplied by W, "
                                   "not W^T: W is n_(l-1) x n_l (rows = inputs), and z has one "
                                   "entry per column of W."},
    "Exercise 9.10": {"KeyError": _CACHE},
    "Exercise 9.11": {"KeyError": _CACHE},
    "Exercise 9.12": {"KeyError": _CACHE},
    "Exercise 9.13": {"KeyError": _CACHE,
                      "IndexError": "An IndexError here usually means a layer index off by "
                                    "one (layer l is Ws and cache['z'] at position l-1, its "
                                    "input h_(l-1) is cache['h'] at position l-1) or W^T "
                                    "where W belongs (W_l is n_(l-1) x n_l)."},
    "Exercise 9.14": {"KeyError": _CACHE,
                      "IndexError": "An IndexError here usually means the loop over layers "
                                    "is off by one: 9.13 takes l = L, ..., 1 (the lectures' "
                                    "numbering), not 0-based positions."},
    "Exercise 9.15": {"KeyError": _CACHE,
                      "IndexError": "An IndexError here usually means W_l walked along "
                                    "COLUMN j (W[k][j]) instead of row j, or a layer index off by one: layer l is Ws and "
                                    "cache['z'] at position l-1."},
    "Exercise 9.16": {"KeyError": _CACHE,
                      "IndexError": "An IndexError here usually means j and k swapped (j is a "
                                    "unit of layer l-1, k of layer l) or a layer index off by "
                                    "one: h_(l-1) is cache['h'] at position l-1."},
}
