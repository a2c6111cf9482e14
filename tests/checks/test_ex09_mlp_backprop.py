"""Exercise 09: Backpropagation for a multilayer perceptron, in matrix form (seed 002, the backpropagation algorithm; seed 000, matrix form)."""
import math

from grading.check import check, expect_close, expect_true, seeded
from minigrad import backprop, losses, nn
from minigrad.engine import Value

MODULE = "ex09_mlp_backprop"
ALLOWED_IMPORTS = ["math"]

REL, ABS = 1e-9, 1e-12  # hand backprop must match autodiff to rounding error

# The visible network: 2 inputs, hidden layers of 3 and 2 tanh units.
FIXED_NET = dict(
    x=[1.0, -2.0],
    Ws=[[[0.5, -1.0, 0.25], [0.75, 0.5, -0.5]],
        [[1.0, -0.5], [-1.5, 0.25], [0.5, 2.0]]],
    bs=[[0.1, -0.2, 0.3], [0.0, 0.5]],
    w_o=[1.5, -2.0], b_o=0.25, y=0.5)

# Hidden networks: (n_inputs, hidden layer sizes); square ones first so that
# transposed-matrix mistakes give wrong values rather than only wrong shapes.
SHAPES = [(2, [2, 2]), (3, [3, 3, 3]), (3, [4, 2]), (2, [3]), (1, [3, 2, 4]), (4, [1])]


def make_net(rng, nin, hidden):
    sizes = [nin] + hidden
    Ws = [[[rng.uniform(-1.5, 1.5) for _ in range(sizes[l + 1])] for _ in range(sizes[l])]
          for l in range(len(hidden))]
    bs = [[rng.uniform(-1.0, 1.0) for _ in range(n)] for n in hidden]
    return dict(x=[rng.uniform(-2.0, 2.0) for _ in range(nin)], Ws=Ws, bs=bs,
                w_o=[rng.uniform(-1.5, 1.5) for _ in range(hidden[-1])],
                b_o=rng.uniform(-1.0, 1.0), y=rng.uniform(-1.0, 1.0))


def hidden_nets(seed):
    return [seeded(seed + i, 1, lambda rng: make_net(rng, nin, hid))[0]
            for i, (nin, hid) in enumerate(SHAPES)]


def layer(W, b):
    """A minigrad nn.Layer holding W (rows = inputs j, columns = units k) and b, with no
    activation: calling it on Values gives z (minigrad.nn's z = b + sum_j w_j h_j)."""
    out = nn.Layer(len(W), len(W[0]), activation="linear")
    out.set_weights(W, b)
    return out


def autodiff(net):
    """The network from minigrad's own parts: nn.Layers (tanh applied to their
    z Values), a one-unit nn.Layer for the output and losses.squared_error;
    loss.backward() gives every parameter gradient and dl/dh of every layer
    (grads of the h nodes)."""
    layers = [layer(W, b) for W, b in zip(net["Ws"], net["bs"])]
    out_layer = layer([[w] for w in net["w_o"]], [net["b_o"]])
    h = [Value(v) for v in net["x"]]
    zs, hs = [], [h]
    for lay in layers:
        z = lay(h)
        h = [z_k.tanh() for z_k in z]
        zs.append(z)
        hs.append(h)
    o = out_layer(h)[0]
    loss = losses.squared_error(o, net["y"])
    loss.backward()
    data = lambda vs: [[v.data for v in row] for row in vs]
    grad = lambda vs: [[v.grad for v in row] for row in vs]
    dW = lambda lay: [[n.w[j].grad for n in lay.neurons] for j in range(lay.nin)]
    return dict(z=data(zs), h=data(hs), o=o.data, loss=loss.data, dl_do=o.grad,
                dl_dh=grad(hs), dW=[dW(lay) for lay in layers],
                db=[[n.b.grad for n in lay.neurons] for lay in layers],
                dw_o=[row[0] for row in dW(out_layer)], db_o=out_layer.neurons[0].b.grad)


def square(M):
    return len(M) == len(M[0])


def rand_matrix(rng, m, n):
    return [[round(rng.uniform(-3, 3), 3) for _ in range(n)] for _ in range(m)]


# -- 9.1 - 9.4 list helpers (expected values from minigrad.backprop's helpers) ------

def _check_transpose(student, Ms):
    for M in Ms:
        got = student.call("transpose", M)
        expect_close(got, backprop.transpose(M), inputs=dict(M=M), what="transpose(M)",
                     hint="(M^T)[i][j] = M[j][i]: an m x n matrix becomes n x m.",
                     mistakes={"unchanged": (M, "You returned M itself.")} if square(M) else None)


@check("Exercise 9.1", points=1, visibility="visible")
def test_transpose_visible(student):
    "transpose of a 2 x 3 matrix."
    _check_transpose(student, [[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]])


@check("Exercise 9.1", points=2, visibility="hidden")
def test_transpose_hidden(student):
    "transpose of seeded matrices of shapes 3x3, 1x4, 4x1, 2x5."
    Ms = [seeded(91 + i, 1, lambda rng: rand_matrix(rng, m, n))[0]
          for i, (m, n) in enumerate([(3, 3), (1, 4), (4, 1), (2, 5)])]
    _check_transpose(student, Ms)


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


@check("Exercise 9.2", points=1, visibility="visible")
def test_matvec_visible(student):
    "matvec of a 3 x 2 matrix and a 2-vector."
    _check_matvec(student, [([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [1.0, -1.0])])


@check("Exercise 9.2", points=2, visibility="hidden")
def test_matvec_hidden(student):
    "matvec on seeded matrices of shapes 3x3, 2x4, 4x1, 1x3."
    cases = []
    for i, (m, n) in enumerate([(3, 3), (2, 4), (4, 1), (1, 3)]):
        cases += seeded(920 + i, 1, lambda rng: (rand_matrix(rng, m, n),
                                                 [round(rng.uniform(-3, 3), 3) for _ in range(n)]))
    _check_matvec(student, cases)


def _check_hadamard(student, cases):
    for u, v in cases:
        got = student.call("hadamard", u, v)
        expect_close(got, backprop.hadamard(u, v), inputs=dict(u=u, v=v),
                     what="hadamard(u, v)",
                     hint="The Hadamard product is elementwise: a list [u_i v_i], not a number.",
                     mistakes={"dot": (sum(backprop.hadamard(u, v)),
                                       "You returned the dot product (a number); the Hadamard "
                                       "product keeps every u_i v_i in a list.")})


@check("Exercise 9.3", points=1, visibility="visible")
def test_hadamard_visible(student):
    "hadamard([1, 2, 3], [4, 5, 6])."
    _check_hadamard(student, [([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])])


@check("Exercise 9.3", points=2, visibility="hidden")
def test_hadamard_hidden(student):
    "hadamard on seeded vectors of lengths 1 to 5."
    cases = []
    for n in (1, 2, 4, 5):
        cases += seeded(930 + n, 1, lambda rng: ([rng.uniform(-3, 3) for _ in range(n)],
                                                 [rng.uniform(-3, 3) for _ in range(n)]))
    _check_hadamard(student, cases)


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
    "outer([1, 2], [3, 4, 5]) is the 2 x 3 matrix u v^T."
    _check_outer(student, [([1.0, 2.0], [3.0, 4.0, 5.0])])


@check("Exercise 9.4", points=2, visibility="hidden")
def test_outer_hidden(student):
    "outer on seeded vectors of lengths (3, 3), (1, 4), (4, 2), (2, 2)."
    cases = []
    for i, (m, n) in enumerate([(3, 3), (1, 4), (4, 2), (2, 2)]):
        cases += seeded(940 + i, 1, lambda rng: ([rng.uniform(-3, 3) for _ in range(m)],
                                                 [rng.uniform(-3, 3) for _ in range(n)]))
    _check_outer(student, cases)


# -- 9.5 g'(z) -------------------------------------------------------------------------

def _check_tanh_prime(student, zs):
    vs = [Value(z) for z in zs]
    for v in vs:
        v.tanh().backward()
    got = student.call("tanh_prime", zs)
    expect_close(got, [v.grad for v in vs], inputs=dict(z=zs), what="tanh_prime(z)",
                 rel=REL, abs=ABS,
                 hint="g'(z_i) = 1 - tanh(z_i)**2 for every entry.",
                 mistakes={"tanh": ([math.tanh(z) for z in zs],
                                    "That is tanh(z); its derivative is 1 - tanh(z)**2."),
                           "1 - z^2": ([1 - z * z for z in zs],
                                       "1 - tanh(z)**2, not 1 - z**2: square the activation, "
                                       "not z.")})


@check("Exercise 9.5", points=1, visibility="visible")
def test_tanh_prime_visible(student):
    "tanh'(z) elementwise at z = [0, 0.5, -1] (autodiff oracle)."
    _check_tanh_prime(student, [0.0, 0.5, -1.0])


@check("Exercise 9.5", points=2, visibility="hidden")
def test_tanh_prime_hidden(student):
    "tanh'(z) elementwise on seeded lists of lengths 1 to 6."
    for n in (1, 3, 6, 2):
        _check_tanh_prime(student, seeded(95 + n, n, lambda rng: rng.uniform(-3, 3)))


# -- 9.6 one layer forward ----------------------------------------------------------------

def _check_layer_forward(student, nets):
    for net in nets:
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
                         hint="z = W^T h_prev + b, i.e. z[k] = sum_j W[j][k] h_prev[j] + b[k] "
                              "(use matvec(transpose(W), h_prev)).", mistakes=wrong)
            expect_close(got["h"], o["h"][l + 1], inputs=inputs, what="layer_forward()['h']",
                         rel=REL, abs=ABS, hint="h = tanh(z), elementwise.",
                         mistakes={"h = z": (o["z"][l], "Apply phi = tanh: h = tanh(z).")})


@check("Exercise 9.6", points=1, visibility="visible")
def test_layer_forward_visible(student):
    "layer_forward gives z = W^T h_prev + b and h = tanh(z) for both layers of the fixed network."
    _check_layer_forward(student, [FIXED_NET])


@check("Exercise 9.6", points=2, visibility="hidden")
def test_layer_forward_hidden(student):
    "layer_forward gives z and h for every layer of seeded networks of several shapes."
    _check_layer_forward(student, hidden_nets(960))


# -- 9.7 output, 9.8 loss ------------------------------------------------------------------

def _check_output(student, nets):
    for net in nets:
        o = autodiff(net)
        h_L = o["h"][-1]
        got = student.call("output", net["w_o"], net["b_o"], h_L)
        expect_close(got, o["o"], inputs=dict(w_o=net["w_o"], b_o=net["b_o"], h_L=h_L),
                     what="o", rel=REL, abs=ABS, hint="o = w_o^T h_L + b_o = sum_i w_o[i] h_L[i] + b_o.",
                     mistakes={"no b_o": (o["o"] - net["b_o"], "You left out b_o.")})


@check("Exercise 9.7", points=1, visibility="visible")
def test_output_visible(student):
    "o = w_o^T h_L + b_o for the fixed network."
    _check_output(student, [FIXED_NET])


@check("Exercise 9.7", points=2, visibility="hidden")
def test_output_hidden(student):
    "o = w_o^T h_L + b_o for seeded networks."
    _check_output(student, hidden_nets(970))


def _check_loss(student, cases):
    for o_, y in cases:
        lv = losses.squared_error(Value(o_), y)
        got = student.call("loss", o_, y)
        expect_close(got, lv.data, inputs=dict(o=o_, y=y), what="loss", rel=REL, abs=ABS,
                     hint="The squared error: loss = (o - y)**2.",
                     mistakes={"half": (0.5 * lv.data, "This module's loss is (o - y)**2, "
                                                       "without the factor 1/2."),
                               "no square": (o_ - y, "Square the error: (o - y)**2.")})


@check("Exercise 9.8", points=1, visibility="visible")
def test_loss_visible(student):
    "loss = (o - y)**2 at o = 1.5, y = 0.5 and o = -1, y = 1."
    _check_loss(student, [(1.5, 0.5), (-1.0, 1.0)])


@check("Exercise 9.8", points=2, visibility="hidden")
def test_loss_hidden(student):
    "loss = (o - y)**2 at seeded o, y."
    _check_loss(student, seeded(98, 5, lambda rng: (rng.uniform(-3, 3), rng.uniform(-1, 1))))


# -- 9.9 the forward phase ------------------------------------------------------------------

def _check_forward(student, nets):
    for net in nets:
        o = autodiff(net)
        inputs = dict(net)
        got = student.call("forward", net["x"], net["Ws"], net["bs"], net["w_o"], net["b_o"],
                           net["y"])
        keys = ("z", "h", "o", "loss")
        expect_true(isinstance(got, dict) and all(k in got for k in keys),
                    "forward must return a dict with the keys 'z', 'h', 'o', 'loss'",
                    inputs=inputs, got=got)
        expect_close(got["z"], o["z"], inputs=inputs, what="forward()['z']", rel=REL, abs=ABS,
                     hint="z_l = W_l^T h_(l-1) + b_l for l = 1..L, one list per layer.")
        expect_close(got["h"], o["h"], inputs=inputs, what="forward()['h']", rel=REL, abs=ABS,
                     hint="h = [h_0 = x, h_1, ..., h_L]: keep the input x as h_0, the backward "
                          "phase needs it for dl/dW_1.",
                     mistakes={"no x": (o["h"][1:], "Start the list h with h_0 = x.")})
        expect_close(got["o"], o["o"], inputs=inputs, what="forward()['o']", rel=REL, abs=ABS,
                     hint="o = w_o^T h_L + b_o with the last hidden layer h_L.")
        expect_close(got["loss"], o["loss"], inputs=inputs, what="forward()['loss']",
                     rel=REL, abs=ABS, hint="loss = (o - y)**2.")


@check("Exercise 9.9", points=1, visibility="visible")
def test_forward_visible(student):
    "forward caches z_l, h_l and gives o and the loss for the fixed 2-3-2 network."
    _check_forward(student, [FIXED_NET])


@check("Exercise 9.9", points=2, visibility="hidden")
def test_forward_hidden(student):
    "forward caches z_l, h_l and gives o and the loss for seeded networks of several shapes."
    _check_forward(student, hidden_nets(990))


# -- 9.10 - 9.12 the output end of the backward phase ----------------------------------------

def _check_dloss_do(student, cases):
    for o_, y in cases:
        ov = Value(o_)
        losses.squared_error(ov, y).backward()
        got = student.call("dloss_do", o_, y)
        expect_close(got, ov.grad, inputs=dict(o=o_, y=y), what="dl/do", rel=REL, abs=ABS,
                     hint="d/do (o - y)**2 = 2 (o - y).",
                     mistakes={"no 2": (ov.grad / 2, "You left out the factor 2: d/do (o - y)**2 "
                                                    "= 2 (o - y)."),
                               "sign": (-ov.grad, "Sign: d/do (o - y)**2 = 2 (o - y), "
                                                  "not 2 (y - o).")})


@check("Exercise 9.10", points=1, visibility="visible")
def test_dloss_do_visible(student):
    "dl/do = 2 (o - y) at o = 1.5, y = 0.5 (autodiff oracle)."
    _check_dloss_do(student, [(1.5, 0.5)])


@check("Exercise 9.10", points=2, visibility="hidden")
def test_dloss_do_hidden(student):
    "dl/do matches autodiff of (o - y)**2 at seeded o, y."
    _check_dloss_do(student, seeded(910, 5, lambda rng: (rng.uniform(-3, 3), rng.uniform(-1, 1))))


def _check_output_grads(student, nets):
    for net in nets:
        o = autodiff(net)
        h_L = o["h"][-1]
        inputs = dict(h_L=h_L, dl_do=o["dl_do"])
        got = student.call("output_grads", h_L, o["dl_do"])
        expect_true(isinstance(got, dict) and "dw_o" in got and "db_o" in got,
                    "output_grads must return a dict with the keys 'dw_o' and 'db_o'",
                    inputs=inputs, got=got)
        expect_close(got["dw_o"], o["dw_o"], inputs=inputs, what="dl/dw_o", rel=REL, abs=ABS,
                     hint="do/dw_o = h_L, so dl/dw_o = h_L dl/do (one entry per hidden unit).")
        expect_close(got["db_o"], o["db_o"], inputs=inputs, what="dl/db_o", rel=REL, abs=ABS,
                     hint="do/db_o = 1, so dl/db_o = dl/do.")


@check("Exercise 9.11", points=1, visibility="visible")
def test_output_grads_visible(student):
    "dl/dw_o = h_L dl/do and dl/db_o = dl/do for the fixed network (autodiff oracle)."
    _check_output_grads(student, [FIXED_NET])


@check("Exercise 9.11", points=2, visibility="hidden")
def test_output_grads_hidden(student):
    "dl/dw_o and dl/db_o match autodiff for seeded networks."
    _check_output_grads(student, hidden_nets(911))


def _check_dl_dhL(student, nets):
    for net in nets:
        o = autodiff(net)
        got = student.call("dl_dhL", net["w_o"], o["dl_do"])
        expect_close(got, o["dl_dh"][-1], inputs=dict(w_o=net["w_o"], dl_do=o["dl_do"]),
                     what="dl/dh_L", rel=REL, abs=ABS,
                     hint="do/dh_L = w_o, so dl/dh_L = w_o dl/do.")


@check("Exercise 9.12", points=1, visibility="visible")
def test_dl_dhL_visible(student):
    "dl/dh_L = w_o dl/do for the fixed network (autodiff oracle)."
    _check_dl_dhL(student, [FIXED_NET])


@check("Exercise 9.12", points=2, visibility="hidden")
def test_dl_dhL_hidden(student):
    "dl/dh_L matches autodiff for seeded networks."
    _check_dl_dhL(student, hidden_nets(912))


# -- 9.13 one layer backward --------------------------------------------------------------

def _check_layer_backward(student, nets):
    for net in nets:
        o = autodiff(net)
        for l in range(len(net["Ws"]) - 1, -1, -1):
            W, z, h_prev, dl_dh = net["Ws"][l], o["z"][l], o["h"][l], o["dl_dh"][l + 1]
            inputs = dict(W=W, z=z, h_prev=h_prev, dl_dh=dl_dh)
            got = student.call("layer_backward", W, z, h_prev, dl_dh)
            expect_true(isinstance(got, dict) and all(k in got for k in ("dW", "db", "dh_prev")),
                        "layer_backward must return a dict with the keys 'dW', 'db', 'dh_prev'",
                        inputs=inputs, got=got)
            e = o["db"][l]  # dl/dz = g'(z) * delta, from autodiff
            dW_wrong = {"no g'": (backprop.outer(h_prev, dl_dh),
                                  "You left out g'(z): dl/dW = h_prev (g'(z) * delta)^T.")}
            if len(h_prev) == len(z):
                dW_wrong["transposed"] = (backprop.transpose(o["dW"][l]),
                                          "dl/dW = h_prev (g'(z) * delta)^T has the shape of W: "
                                          "row j for input unit j. You built the transpose.")
            expect_close(got["dW"], o["dW"][l], inputs=inputs, what="dl/dW", rel=REL, abs=ABS,
                         hint="dl/dW = h_prev (g'(z) * delta)^T = outer(h_prev, g'(z) * delta).",
                         mistakes=dW_wrong)
            expect_close(got["db"], o["db"][l], inputs=inputs, what="dl/db", rel=REL, abs=ABS,
                         hint="dl/db = g'(z) * delta (dz/db = 1).",
                         mistakes={"no g'": (dl_dh, "You left out g'(z): dl/db = g'(z) * delta.")})
            dh_wrong = {"no g'": (backprop.matvec(W, dl_dh),
                                  "You left out g'(z): delta^(l-1) = W (g'(z) * delta).")}
            if square(W):
                dh_wrong["W^T"] = (backprop.matvec(backprop.transpose(W), e),
                                   "You multiplied by W^T. W is n_(l-1) x n_l (rows = inputs), so "
                                   "delta^(l-1) = W (g'(z) * delta) (seed 000's matrix form).")
            expect_close(got["dh_prev"], o["dl_dh"][l], inputs=inputs, what="dl/dh_prev",
                         rel=REL, abs=ABS,
                         hint="delta^(l-1) = W (g'(z) * delta) = matvec(W, hadamard(g'(z), "
                              "delta)).", mistakes=dh_wrong)


@check("Exercise 9.13", points=1, visibility="visible")
def test_layer_backward_visible(student):
    "layer_backward gives dl/dW, dl/db and dl/dh_prev for both layers of the fixed network."
    _check_layer_backward(student, [FIXED_NET])


@check("Exercise 9.13", points=2, visibility="hidden")
def test_layer_backward_hidden(student):
    "layer_backward matches autodiff for every layer of seeded networks of several shapes."
    _check_layer_backward(student, hidden_nets(913))


# -- 9.14 the backward phase ------------------------------------------------------------------

def _check_backward(student, nets):
    for net in nets:
        o = autodiff(net)
        cache = dict(z=o["z"], h=o["h"], o=o["o"], loss=o["loss"])
        inputs = dict(cache=cache, Ws=net["Ws"], w_o=net["w_o"], y=net["y"])
        got = student.call("backward", cache, net["Ws"], net["w_o"], net["y"])
        keys = ("dW", "db", "dw_o", "db_o")
        expect_true(isinstance(got, dict) and all(k in got for k in keys),
                    "backward must return a dict with the keys 'dW', 'db', 'dw_o', 'db_o'",
                    inputs=inputs, got=got)
        expect_close(got["dw_o"], o["dw_o"], inputs=inputs, what="backward()['dw_o']",
                     rel=REL, abs=ABS, hint="Steps 1-2: dl/do = 2 (o - y), dl/dw_o = h_L dl/do.")
        expect_close(got["db_o"], o["db_o"], inputs=inputs, what="backward()['db_o']",
                     rel=REL, abs=ABS, hint="dl/db_o = dl/do = 2 (o - y).")
        hint = ("Start with delta = dl/dh_L = w_o dl/do, then for l = L..1 call "
                "layer_backward(W_l, z_l, h_(l-1), delta) and pass its dh_prev on as the next "
                "delta. In 0-based lists layer l uses Ws[l-1], z[l-1] and h[l-1] (h[0] = x).")
        expect_close(got["dW"], o["dW"], inputs=inputs, what="backward()['dW']", rel=REL,
                     abs=ABS, hint=hint)
        expect_close(got["db"], o["db"], inputs=inputs, what="backward()['db']", rel=REL,
                     abs=ABS, hint=hint)


@check("Exercise 9.14", points=1, visibility="visible")
def test_backward_visible(student):
    "backward gives every gradient of the fixed 2-3-2 network (autodiff oracle)."
    _check_backward(student, [FIXED_NET])


@check("Exercise 9.14", points=2, visibility="hidden")
def test_backward_hidden(student):
    "backward matches autodiff to 1e-9 for seeded networks of several shapes and depths."
    _check_backward(student, hidden_nets(914))


# What an exception usually means at a step (added to the feedback).
ERRORS = {
    "Exercise 9.2": {"IndexError": "An IndexError in matvec on a matrix that is not square "
                                   "usually means you walked M by columns, computing M^T v: "
                                   "entry i of M v pairs row i of M with v."},
}

MISTAKES = [
    # (task, text in solutions/ex09_mlp_backprop.py, replacement, fragment)
    ("9.2", "return [sum(M_i[j] * v[j] for j in range(len(v))) for M_i in M]",
     "return [sum(M[j][i] * v[j] for j in range(len(v))) for i in range(len(M))]", "M^T v"),
    ("9.3", "return [u_i * v_i for u_i, v_i in zip(u, v)]",
     "return sum(u_i * v_i for u_i, v_i in zip(u, v))", "dot product"),
    ("9.4", "return [[u_i * v_j for v_j in v] for u_i in u]",
     "return [[u_i * v_j for u_i in u] for v_j in v]", "u v^T"),
    ("9.5", "return [1.0 - math.tanh(z_i) ** 2 for z_i in z]",
     "return [1.0 - z_i ** 2 for z_i in z]", "square the activation"),
    ("9.6", "z = [s + b_k for s, b_k in zip(matvec(transpose(W), h_prev), b)]",
     "z = [s + b_k for s, b_k in zip(matvec(W, h_prev), b)]", "W^T h_prev"),
    ("9.8", "return (o - y) ** 2", "return 0.5 * (o - y) ** 2", "1/2"),
    ("9.10", "return 2.0 * (o - y)", "return o - y", "factor 2"),
    ("9.13", 'return {"dW": outer(h_prev, e), "db": e, "dh_prev": matvec(W, e)}',
     'return {"dW": outer(h_prev, e), "db": e, "dh_prev": matvec(W, dl_dh)}', "left out g'(z)"),
    ("9.13", 'return {"dW": outer(h_prev, e), "db": e, "dh_prev": matvec(W, e)}',
     'return {"dW": outer(e, h_prev), "db": e, "dh_prev": matvec(W, e)}', "transpose"),
    ("9.14", "grads = layer_backward(Ws[l - 1], zs[l - 1], hs[l - 1], delta)",
     "grads = layer_backward(Ws[l - 1], zs[l - 1], hs[l - 1], dl_dhL(w_o, g))", "dh_prev on"),
]
