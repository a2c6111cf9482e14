"""Exercise 07: Backpropagation as a forward pass and a backward pass (seed 003, forward pass dz/dw = a, backward pass dL/dz)."""
from grading.check import check, expect_close, expect_true, seeded
from minigrad import backprop, losses
from minigrad.engine import Value
from tests.checks.common import layer

MODULE = "ex07_forward_backward_view"
ALLOWED_IMPORTS = ["math"]

# The visible network: seed 003's first layer (x = [1, -1], W^1, b^1 give z^1 = [4, -2])
# with a second layer: 2 inputs, 2 sigmoid neurons, 2 outputs (the module's EXAMPLE_*).
FIXED_NET = dict(x=[1.0, -1.0],
                 W=[[[1.0, -1.0], [-2.0, 1.0]], [[2.0, -1.0], [-2.0, -1.0]]],
                 b=[[1.0, 0.0], [0.0, 0.0]],
                 target=[1.0, 0.0])

# Layer sizes [n0, n1, ..., nL]: widths above 1 at both ends, matrices not square.
VISIBLE_SHAPES = [[3, 4, 2], [2, 3, 3, 2], [4, 2, 3]]
# Hidden networks: square ones first so that transposed-weight mistakes give values.
HIDDEN_SHAPES = [[2, 2, 2], [3, 3, 3, 3], [2, 4, 3], [3, 2, 4, 2], [4, 3, 3]]


# -- the oracle: the same network from minigrad's own parts ------------------------

def make_net(rng, sizes):
    W = [[[rng.uniform(-2.0, 2.0) for _ in range(sizes[l + 1])] for _ in range(sizes[l])]
         for l in range(len(sizes) - 1)]
    b = [[rng.uniform(-1.0, 1.0) for _ in range(sizes[l + 1])] for l in range(len(sizes) - 1)]
    x = [rng.uniform(-2.0, 2.0) for _ in range(sizes[0])]
    target = [rng.uniform(0.0, 1.0) for _ in range(sizes[-1])]
    return dict(x=x, W=W, b=b, target=target)


def nets(seed, shapes):
    return [seeded(seed + i, 1, lambda rng: make_net(rng, s))[0] for i, s in enumerate(shapes)]


def visible_nets(seed):
    """The slide's network, then three seeded ones of other shapes."""
    return [FIXED_NET] + nets(seed, VISIBLE_SHAPES)


def hidden_nets(seed):
    return nets(seed, HIDDEN_SHAPES)


def autodiff(net, W=None, b=None, squash=True):
    """Forward values, dL/dz, dL/da, dL/dy and parameter gradients from Value.backward()
    through minigrad nn.Layers (sigmoid applied to their z Values), with the
    loss L = sum_k minigrad.losses.squared_error(y_k, target_k).

    ``W``/``b`` replace the network's weights/biases and ``squash=False``
    leaves sigmoid out: the typical wrong forward passes, for hints."""
    layers = [layer(W_l, b_l) for W_l, b_l in zip(net["W"] if W is None else W,
                                                   net["b"] if b is None else b)]
    a = [Value(v) for v in net["x"]]
    zs, as_ = [], [a]
    for lay in layers:
        z_l = lay(a)
        a = [z_k.sigmoid() for z_k in z_l] if squash else z_l
        zs.append(z_l)
        as_.append(a)
    loss = sum(losses.squared_error(y, t) for y, t in zip(a, net["target"]))
    loss.backward()
    data = lambda vs: [[v.data for v in row] for row in vs]
    grad = lambda vs: [[v.grad for v in row] for row in vs]
    return dict(z=data(zs), a=data(as_), dL_dz=grad(zs), dL_da=grad(as_),
                dL_dy=[y.grad for y in a],
                dW=[[[n.w[j].grad for n in lay.neurons] for j in range(lay.nin)]
                    for lay in layers],
                db=[[n.b.grad for n in lay.neurons] for lay in layers])


def cache_of(o):
    return {"z": o["z"], "a": o["a"]}


def sp(z):
    """sigma'(z) from the library's autodiff (for the wrong values of the hints)."""
    v = Value(z)
    v.sigmoid().backward()
    return v.grad


def sig(z):
    return Value(z).sigmoid().data


# -- typical mistakes, run through the library (for hints only) --------------------

def all_square(Ws):
    return all(len(W) == len(W[0]) for W in Ws)


def wrong_dL_dz(o, W, dL_dy, transpose=False, out_g="sigmoid", hidden_g="sigmoid"):
    """dL/dz of every layer from minigrad.backprop.backward on the cached
    forward values ``o``, run with a typical mistake: the weights out of a
    unit taken from a column (``transpose``), or sigma' left out at the output
    (``out_g="linear"``) or in the hidden layers (``hidden_g="linear"``).
    None when the mistake has no value for this shape."""
    if transpose:
        if not all_square(W[1:]):
            return None
        W = W[:1] + [backprop.transpose(W_l) for W_l in W[1:]]
    L = len(o["z"])
    cache = backprop.ForwardCache(o["a"], [None] + o["z"],
                                  [None] + [hidden_g] * (L - 1) + [out_g])
    return backprop.backward(cache, W, dL_dy)[1]  # dL/db^l = dL/dz^l


def _mistakes(pairs):
    """Drop mistakes that do not apply to this shape (value None)."""
    return {name: v for name, v in pairs.items() if v[0] is not None}


def _dot(ws, ds):
    """sum_k ws[k] ds[k] by autodiff of a feeding z_k = a ws[k] + 0.3, L = sum_k ds[k] z_k."""
    a = Value(0.5)
    L = sum((d * (a * w + 0.3) for w, d in zip(ws, ds)), Value(0.0))
    L.backward()
    return a.grad


# -- 7.1 dz/dw = a -------------------------------------------------------------------

def _check_dz_dw(student, cases):
    for a, w, b in cases:
        av, wv, bv = [Value(v) for v in a], [Value(v) for v in w], Value(b)
        z = sum((ai * wi for ai, wi in zip(av, wv)), bv)
        z.backward()
        got = student.call("dz_dw", a, w, b)
        expect_close(got, [wi.grad for wi in wv], inputs=dict(a=a, w=w, b=b), what="dz/dw",
                     hint="Differentiate z = a_1 w_1 + ... + a_n w_n + b in one w_i, the others "
                          "held fixed.",
                     mistakes={"the weights": (w, "You returned the weights. dz/dw_i is what "
                                                  "w_i multiplies in z: seed 003's \"value of "
                                                  "the input connected by the weight\"."),
                               "the terms": ([ai * wi for ai, wi in zip(a, w)],
                                             "You returned the terms a_i w_i of z; dz/dw_i is "
                                             "their slope in w_i.")})


def _neuron_cases(seed, sizes):
    return [seeded(seed + n, 1, lambda rng: (
        [rng.uniform(-2, 2) for _ in range(n)], [rng.uniform(-2, 2) for _ in range(n)],
        rng.uniform(-1, 1)))[0] for n in sizes]


@check("Exercise 7.1", points=1, visibility="visible")
def test_dz_dw_visible(student):
    "dz/dw_i for the slide's neuron z = x1 w1 + x2 w2 + b and three seeded neurons (1, 3, 4 inputs)."
    _check_dz_dw(student, [([1.0, -1.0], [1.0, -2.0], 1.0)] + _neuron_cases(71, (1, 3, 4)))


@check("Exercise 7.1", points=2, visibility="hidden")
def test_dz_dw_hidden(student):
    "dz/dw_i matches autodiff for seeded neurons with 2 to 6 inputs."
    _check_dz_dw(student, _neuron_cases(710, (2, 3, 4, 5, 6)))


# -- 7.2 forward ---------------------------------------------------------------------

def _check_forward(student, ns):
    for net in ns:
        o = autodiff(net)
        inputs = dict(x=net["x"], W=net["W"], b=net["b"])
        got = student.call("forward", net["x"], net["W"], net["b"])
        expect_true(isinstance(got, dict) and "z" in got and "a" in got,
                    "forward must return a dict with the keys 'z' and 'a'", inputs=inputs, got=got)
        tr = autodiff(net, W=[backprop.transpose(W_l) for W_l in net["W"]]) \
            if all_square(net["W"]) else None
        nb = autodiff(net, b=[[0.0] * len(b_l) for b_l in net["b"]])
        expect_close(got["z"], o["z"], inputs=inputs, what="forward()['z']",
                     hint="z^l_k = sum_j a^(l-1)_j W^l[j][k] + b^l_k, with a^0 = x and "
                          "a^l = sigma(z^l) feeding the next layer.",
                     mistakes=_mistakes({
                         "transposed W": (tr and tr["z"], "W^l[j][k] is the weight from unit j "
                                          "below to unit k: rows are inputs, columns are "
                                          "outputs. You used W^l[k][j]."),
                         "no bias": (nb["z"], "You left out the bias b^l_k."),
                         "z fed forward": (autodiff(net, squash=False)["z"],
                                           "The next layer takes a = sigma(z), not z."),
                     }))
        expect_close(got["a"], o["a"], inputs=inputs, what="forward()['a']",
                     hint="a = [a^0, a^1, ..., a^D] with a^0 = x and a^l_k = sigma(z^l_k).",
                     mistakes={"no x": (o["a"][1:], "Start the list a with a^0 = x: the "
                                                    "inputs are the dz/dw of the first layer.")})


@check("Exercise 7.2", points=1, visibility="visible")
def test_forward_visible(student):
    "forward() caches z and a = sigma(z) for every layer: the slide's 2-2-2 network and three seeded ones (3-4-2, 2-3-3-2, 4-2-3)."
    _check_forward(student, visible_nets(720))


@check("Exercise 7.2", points=2, visibility="hidden")
def test_forward_hidden(student):
    "forward() gives z and a for other seeded networks of several shapes."
    _check_forward(student, hidden_nets(7200))


# -- 7.3 sigma'(z) ----------------------------------------------------------------

def _check_sigma_prime(student, zs):
    for z in zs:
        zv = Value(z)
        a = zv.sigmoid()
        a.backward()
        s = a.data
        got = student.call("sigma_prime", z)
        expect_close(got, zv.grad, inputs=dict(z=z), what="sigma'(z)",
                     hint="Differentiate sigma(z) = 1 / (1 + exp(-z)) in z, then write the "
                          "result in terms of sigma(z) itself.",
                     mistakes={"sigma": (s, "That is sigma(z) itself, not its derivative."),
                               "sign": (-zv.grad, "Sign: the sigmoid increases, so sigma'(z) "
                                                  "> 0 (seed 001's last line has this sign "
                                                  "wrong)."),
                               "1 - sigma^2": (1 - s * s, "1 - a**2 is tanh's derivative, not "
                                                          "the sigmoid's.")})


@check("Exercise 7.3", points=2, visibility="visible")
def test_sigma_prime_visible(student):
    "sigma'(z) matches autodiff at z = 0, z = 1 and three seeded z in [-6, 6]."
    _check_sigma_prime(student, [0.0, 1.0] + seeded(73, 3, lambda rng: rng.uniform(-6, 6)))


@check("Exercise 7.3", points=4, visibility="hidden")
def test_sigma_prime_hidden(student):
    "sigma'(z) matches autodiff at other seeded z in [-6, 6]."
    _check_sigma_prime(student, seeded(730, 6, lambda rng: rng.uniform(-6, 6)))


# -- 7.4 dL/da, 7.5 dL/dz of a hidden neuron ------------------------------------------

def _hidden_units(net):
    L = len(net["W"])
    return [(l, j) for l in range(1, L) for j in range(len(net["W"][l]))]


def _dL_da_mistakes(net, o, l, j):
    W, d = net["W"], o["dL_dz"][l]
    col = [row[j] for row in W[l]] if j < len(W[l][0]) and len(W[l]) == len(d) else None
    prev = W[l - 1][j] if j < len(W[l - 1]) and len(W[l - 1][j]) == len(d) else None
    return {
        "column": (col and _dot(col, d),
                   "Use the weights *out of* unit j (to every unit of layer l+1), not the "
                   "weights into a unit: you took column j where W^(l+1)[j][k] runs over k."),
        "layer": (prev and _dot(prev, d),
                  "Wrong layer: a^l feeds layer l+1, whose weights are W^(l+1) = W[l] "
                  "(W[l-1] is W^l, the weights into layer l)."),
        "one path": (_dot(W[l][j][:1], d[:1]) if len(d) > 1 else None,
                     "A path is missing: a feeds every neuron of the next layer; seed 003's "
                     "chain rule case 2 adds one term per neuron."),
        "dL/dz": (o["dL_dz"][l - 1][j], "That is dL/dz (it has sigma'(z)); dL/da stops at the "
                                        "activation."),
    }


def _check_dL_da(student, ns):
    for net in ns:
        o = autodiff(net)
        for l, j in _hidden_units(net):
            d = o["dL_dz"][l]
            got = student.call("dL_da", net["W"], l, j, d)
            expect_close(got, o["dL_da"][l][j], inputs=dict(W=net["W"], l=l, j=j, dL_dz_next=d),
                         what="dL/da^%d_%d" % (l, j),
                         hint="Seed 003's chain rule case 2: one term per neuron of layer l+1 "
                              "that a^l_j feeds, each its dz/da times its dL/dz.",
                         mistakes=_mistakes(_dL_da_mistakes(net, o, l, j)))


@check("Exercise 7.4", points=2, visibility="visible")
def test_dL_da_visible(student):
    "dL/da^l_j matches autodiff for every hidden unit of the slide's network and three seeded ones (layers not square)."
    _check_dL_da(student, visible_nets(740))


@check("Exercise 7.4", points=4, visibility="hidden")
def test_dL_da_hidden(student):
    "dL/da^l_j matches autodiff for every hidden unit of other seeded networks."
    _check_dL_da(student, hidden_nets(7400))


def _check_dL_dz(student, ns):
    for net in ns:
        o = autodiff(net)
        for l, j in _hidden_units(net):
            d = o["dL_dz"][l]
            z, da = o["z"][l - 1][j], o["dL_da"][l][j]
            got = student.call("dL_dz", cache_of(o), net["W"], l, j, d)
            nxt = o["z"][l][j] if j < len(o["z"][l]) else None
            expect_close(got, o["dL_dz"][l - 1][j],
                         inputs=dict(cache="the correct forward(x, W, b)", x=net["x"],
                                     W=net["W"], b=net["b"], l=l, j=j, dL_dz_next=d),
                         what="dL/dz^%d_%d" % (l, j),
                         hint="dL/dz = da/dz times dL/da: sigma' at this neuron's own z, "
                              "times the sum over the neurons it feeds.",
                         mistakes=_mistakes({
                             "no sigma'": (da, "You left out sigma'(z): a = sigma(z), so "
                                               "dL/dz = sigma'(z) dL/da."),
                             "sigma": (sig(z) * da, "You used sigma(z) where its derivative "
                                                    "sigma'(z) belongs."),
                             "sigma'(a)": (sp(o["a"][l][j]) * da,
                                           "You took sigma' of the activation a; it belongs "
                                           "at the neuron's input z."),
                             "next layer's z": (nxt is not None and sp(nxt) * da or None,
                                                "Wrong layer: z^l is cache['z'][l-1] (the "
                                                "list starts at z^1)."),
                         }))


@check("Exercise 7.5", points=2, visibility="visible", uses=("7.3", "7.4"))
def test_dL_dz_visible(student):
    "dL/dz^l_j matches autodiff for every hidden neuron of the slide's network and three seeded ones."
    _check_dL_dz(student, visible_nets(750))


@check("Exercise 7.5", points=4, visibility="hidden", uses=("7.3", "7.4"))
def test_dL_dz_hidden(student):
    "dL/dz^l_j matches autodiff for every hidden neuron of other seeded networks."
    _check_dL_dz(student, hidden_nets(7500))


# -- 7.6 output layer ------------------------------------------------------------------

def _check_output(student, ns):
    for net in ns:
        o = autodiff(net)
        for k in range(len(o["dL_dy"])):
            got = student.call("dL_dz_output", cache_of(o), k, o["dL_dy"])
            z, y = o["z"][-1][k], o["a"][-1][k]
            expect_close(got, o["dL_dz"][-1][k],
                         inputs=dict(cache="the correct forward(x, W, b)", x=net["x"],
                                     W=net["W"], b=net["b"], k=k, dL_dy=o["dL_dy"]),
                         what="dL/dz^D_%d (output layer)" % k,
                         hint="Case 1: dL/dz = dy/dz times dL/dy for this output neuron.",
                         mistakes={"no sigma'": (o["dL_dy"][k], "You returned dL/dy_k; the "
                                                                "chain still needs dy1/dz' "
                                                                "(y = sigma(z))."),
                                   "sigma'(y)": (sp(y) * o["dL_dy"][k],
                                                 "You took sigma' of the output y; it belongs "
                                                 "at the neuron's input z^D_k."),
                                   "sigma": (sig(z) * o["dL_dy"][k],
                                             "You used sigma(z) where sigma'(z) belongs.")})


@check("Exercise 7.6", points=2, visibility="visible", uses=("7.3",))
def test_dL_dz_output_visible(student):
    "dL/dz^D_k matches autodiff of the squared error for every output of the slide's network and three seeded ones."
    _check_output(student, visible_nets(760))


@check("Exercise 7.6", points=4, visibility="hidden", uses=("7.3",))
def test_dL_dz_output_hidden(student):
    "dL/dz^D_k matches autodiff for every output of other seeded networks."
    _check_output(student, hidden_nets(7600))


# -- 7.7 the backward pass -----------------------------------------------------------

def _check_backward(student, ns):
    for net in ns:
        o = autodiff(net)
        inputs = dict(cache="the correct forward(x, W, b)", x=net["x"], W=net["W"], b=net["b"],
                      dL_dy=o["dL_dy"])
        got = student.call("backward", cache_of(o), net["W"], o["dL_dy"])
        expect_close(got, o["dL_dz"], inputs=inputs, what="dL/dz (all layers)",
                     hint="Start at the output layer (case 1), then go to layer D-1, D-2, ..., "
                          "1, each from the layer after it (case 2); return them in the order "
                          "dL/dz^1, ..., dL/dz^D.",
                     mistakes=_mistakes({
                         "transposed W": (wrong_dL_dz(o, net["W"], o["dL_dy"], transpose=True),
                                          "Use the weights *out of* each unit, not the ones "
                                          "into it (a row of W^(l+1), not a column)."),
                         "no sigma' at output": (wrong_dL_dz(o, net["W"], o["dL_dy"],
                                                             out_g="linear"),
                                                 "Case 1 needs dy/dz too: the output layer's "
                                                 "dL/dz is not dL/dy."),
                         "no sigma' in hidden": (wrong_dL_dz(o, net["W"], o["dL_dy"],
                                                             hidden_g="linear"),
                                                 "Each hidden dL/dz has the factor sigma'(z) "
                                                 "in front of the weighted sum."),
                         "reversed": (o["dL_dz"][::-1] if len(o["dL_dz"]) > 1 else None,
                                      "The list is in layer order, dL/dz^1 first, though the "
                                      "backward pass computes dL/dz^D first."),
                     }))


@check("Exercise 7.7", points=3, visibility="visible", uses=("7.5", "7.6"))
def test_backward_visible(student):
    "backward() gives dL/dz for every neuron: the slide's 2-2-2 network and three seeded ones (3-4-2, 2-3-3-2, 4-2-3)."
    _check_backward(student, visible_nets(770))


@check("Exercise 7.7", points=6, visibility="hidden", uses=("7.5", "7.6"))
def test_backward_hidden(student):
    "backward() gives dL/dz for every neuron of other seeded networks of several shapes."
    _check_backward(student, hidden_nets(7700))


# -- 7.8 dL/dw = a dL/dz ---------------------------------------------------------------

def _check_dL_dw(student, ns):
    for net in ns:
        o = autodiff(net)
        a, g = o["a"], o["dL_dz"]
        for l in range(1, len(net["W"]) + 1):
            for j in range(len(net["W"][l - 1])):
                for k in range(len(net["W"][l - 1][0])):
                    got = student.call("dL_dw", cache_of(o), g, l, j, k)
                    expect_close(got, o["dW"][l - 1][j][k],
                                 inputs=dict(cache="the correct forward(x, W, b)", x=net["x"],
                                             W=net["W"], b=net["b"], dL_dz=g, l=l, j=j, k=k),
                                 what="dL/dW^%d[%d][%d]" % (l, j, k),
                                 hint="Seed 003's summary: dz/dw from the forward pass (what "
                                      "this weight multiplies in z^l_k) times dL/dz^l_k from "
                                      "the backward pass.",
                                 mistakes=_mistakes({
                                     "a^l": (a[l][j] * g[l - 1][k] if j < len(a[l]) else None,
                                             "Wrong layer for dz/dw: W^l's inputs are a^(l-1), "
                                             "which is cache['a'][l-1] (the list starts at "
                                             "a^0 = x)."),
                                     "j, k swapped": (a[l - 1][k] * g[l - 1][j]
                                                      if k < len(a[l - 1]) and j < len(g[l - 1])
                                                      else None,
                                                      "j and k swapped: W^l[j][k] carries unit j "
                                                      "below (its a) into unit k above (its "
                                                      "dL/dz)."),
                                     "no a": (g[l - 1][k], "dz/dw is missing: multiply by what "
                                                           "the weight multiplies in z."),
                                     "dL/dz^(l+1)": (a[l - 1][j] * g[l][k]
                                                     if l < len(g) and k < len(g[l]) else None,
                                                     "Wrong layer for dL/dz: z^l is "
                                                     "dL_dz[l-1] (the list starts at dL/dz^1)."),
                                 }))


@check("Exercise 7.8", points=2, visibility="visible")
def test_dL_dw_visible(student):
    "dL/dW^l[j][k] matches autodiff for every weight of the slide's network and three seeded ones."
    _check_dL_dw(student, visible_nets(780))


@check("Exercise 7.8", points=4, visibility="hidden")
def test_dL_dw_hidden(student):
    "dL/dW^l[j][k] matches autodiff for every weight of other seeded networks."
    _check_dL_dw(student, hidden_nets(7800))


# -- 7.9 all parameter gradients -------------------------------------------------------

def _check_gradients(student, ns):
    for net in ns:
        o = autodiff(net)
        inputs = dict(cache="the correct forward(x, W, b)", x=net["x"], W=net["W"], b=net["b"],
                      dL_dz=o["dL_dz"])
        got = student.call("gradients", cache_of(o), o["dL_dz"])
        expect_true(isinstance(got, dict) and "W" in got and "b" in got,
                    "gradients must return a dict with the keys 'W' and 'b'", inputs=inputs,
                    got=got)
        transposed_dW = [backprop.transpose(dW_l) for dW_l in o["dW"]]
        expect_close(got["W"], o["dW"], inputs=inputs, what="dL/dW (all layers)",
                     hint="One dL/dW^l per layer, shaped like W^l (a row per unit j below, a "
                          "column per unit k above), each entry the gradient of 7.8.",
                     mistakes={"transposed": (transposed_dW, "dL/dW^l[j][k] goes in row j "
                                                             "(unit below), column k (unit "
                                                             "above), like W^l.")})
        expect_close(got["b"], o["db"], inputs=inputs, what="dL/db (all layers)",
                     hint="The bias enters z^l_k with slope dz/db = 1.",
                     mistakes={"a": (o["a"][:-1], "dz/db is 1, not an activation.")})


@check("Exercise 7.9", points=2, visibility="visible", uses=("7.8",))
def test_gradients_visible(student):
    "dL/dW and dL/db match autodiff: the slide's 2-2-2 network and three seeded ones."
    _check_gradients(student, visible_nets(790))


@check("Exercise 7.9", points=4, visibility="hidden", uses=("7.8",))
def test_gradients_hidden(student):
    "dL/dW and dL/db match autodiff for other seeded networks of several shapes."
    _check_gradients(student, hidden_nets(7900))


# -- feedback on demand, and what an exception means at a step ----------------------

BOOKKEEPING = ("Exercise 7.2",)

HINTS = {
    "Exercise 7.1": [
        "A partial derivative: hold every input and every other weight fixed, and ask how z "
        "changes when one weight w_i changes.",
        "Only one term of the sum contains w_i; the bias and the other terms are constants "
        "for it. Seed 003 says it in words: the value of the input connected by the weight.",
        "In that term w_i multiplies the input a_i, so dz/dw_i is a_i: one entry per weight, "
        "in the weights' order. The values of w and b do not enter the answer.",
    ],
    "Exercise 7.2": [
        "Bookkeeping: start from a^0 = x and apply the layer equations for l = 1, 2, ..., D, "
        "keeping every z^l and a^l.",
        "z^l_k sums over the units j of the layer below, each activation times W^l[j][k] "
        "(row j, column k), plus the bias; then sigma of each z. The cache's list a starts "
        "with x itself.",
    ],
    "Exercise 7.3": [
        "Differentiate sigma(z) = 1 / (1 + exp(-z)) with the chain rule (an outer reciprocal, "
        "an inner exponential).",
        "You get exp(-z) over (1 + exp(-z)) squared. Split it into two factors, one of which "
        "is sigma(z).",
        "The other factor is exp(-z) / (1 + exp(-z)), which equals one minus sigma(z). Use the "
        "given sigmoid, which does not overflow.",
    ],
    "Exercise 7.4": [
        "Seed 003's chain rule case 2: a^l_j reaches L through every neuron of layer l+1, so "
        "the multivariate chain rule adds one term per such neuron.",
        "Write it with unevaluated factors: dL/da = sum over k of dz^(l+1)_k/da times "
        "dL/dz^(l+1)_k (on the slide: dz'/da dL/dz' + dz''/da dL/dz'').",
        "dz^(l+1)_k/da^l_j is the weight from unit j of layer l to unit k of layer l+1, so "
        "it lives in the matrix W^(l+1) at row j, column k (which list index holds W^(l+1)? "
        "see the module docstring); dL/dz^(l+1)_k is entry k of dL_dz_next.",
    ],
    "Exercise 7.5": [
        "The chain rule through the neuron's own activation: z gives a = sigma(z), and a "
        "reaches L through the next layer (7.4).",
        "Write it with unevaluated factors: dL/dz = da/dz times dL/da (seed 003's backward "
        "pass slides).",
        "da/dz is sigma' at this neuron's z^l_j, read from the cache (which list index holds "
        "z^l? see the module docstring); dL/da is what 7.4 computes.",
    ],
    "Exercise 7.6": [
        "Case 1, an output neuron: its activation is the output y itself, and dL/dy is given.",
        "Write it with unevaluated factors: dL/dz^D_k = dy_k/dz^D_k times dL/dy_k.",
        "dy_k/dz^D_k is sigma' at z^D_k (the last list of the cache's z); dL/dy_k is entry k "
        "of dL_dy.",
    ],
    "Exercise 7.7": [
        "Seed 003: compute dL/dz from the output layer backwards. Each hidden layer needs the "
        "dL/dz of the layer after it, so the order of the loop matters.",
        "First the output layer, every unit by case 1 (7.6). Then for l = D-1 down to 1, every "
        "unit j of layer l by case 2 (7.5), fed with the dL/dz of layer l+1 you just found.",
        "Keep the results in a list indexed like cache's z (dL/dz^l at index l-1), filled from "
        "the end; hand it back in layer order.",
    ],
    "Exercise 7.8": [
        "Seed 003's summary: dL/dw = dz/dw (the forward pass) times dL/dz (the backward pass), "
        "for the neuron this weight feeds.",
        "W^l[j][k] feeds neuron k of layer l: dL/dW^l[j][k] = dz^l_k/dW^l[j][k] times "
        "dL/dz^l_k.",
        "dz^l_k/dW^l[j][k] is what the weight multiplies: activation j of the layer below, "
        "a^(l-1)_j, in the cache's a (mind which index holds a^(l-1)); dL/dz^l_k is in dL_dz "
        "(mind which index holds layer l).",
    ],
    "Exercise 7.9": [
        "Every weight is a case of 7.8, and every bias too, with its own dz/db.",
        "Build dL/dW^l entry by entry, row j for each unit of layer l-1 and column k for each "
        "unit of layer l, for every layer l = 1..D.",
        "z^l_k = ... + b^l_k has slope 1 in b^l_k, so dL/db^l is layer l's dL/dz (a copy).",
    ],
}

_LAYER = ("Lists count from 0, layers from 1: W[l-1] is W^l, cache['z'][l-1] is z^l, "
          "cache['a'][l] is a^l (a^0 = x), dL_dz[l-1] is dL/dz^l.")
ERRORS = {
    "Exercise 7.2": {"IndexError": "An IndexError in forward usually means W^l[j][k] read as "
                                   "W^l[k][j]: rows are the units below, columns the units "
                                   "above, and the layers are not square."},
    "Exercise 7.4": {"IndexError": "An IndexError here usually means a row and a column of W "
                                   "mixed up, or the wrong layer's matrix (the checks' layers "
                                   "are not square, so the wrong one runs off its end). "
                                   + _LAYER},
    "Exercise 7.5": {"IndexError": "An IndexError here usually means a layer off by one. "
                                   + _LAYER},
    "Exercise 7.6": {"IndexError": "An IndexError here usually means the wrong layer of the "
                                   "cache: the output layer is the last entry of cache['z']."},
    "Exercise 7.7": {"IndexError": "An IndexError here usually means a layer off by one in the "
                                   "loop. " + _LAYER,
                     "TypeError": "A TypeError here (None in an arithmetic) usually means a "
                                  "layer's dL/dz was used before it was computed: go from the "
                                  "output layer back."},
    "Exercise 7.8": {"IndexError": "An IndexError here usually means j and k swapped or a "
                                   "layer off by one. " + _LAYER},
    "Exercise 7.9": {"IndexError": "An IndexError here usually means a layer off by one. "
                                   + _LAYER},
}
