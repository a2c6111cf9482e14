"""Exercise 07: Backpropagation as a forward pass and a backward pass (seed 003, forward pass dz/dw = a, backward pass dl/dz)."""
from grading.check import check, expect_close, expect_true, seeded
from minigrad import backprop, losses, nn
from minigrad.engine import Value

MODULE = "ex07_forward_backward_view"
ALLOWED_IMPORTS = ["math"]

# The visible network: seed 003's picture, 2 inputs, 2 sigmoid neurons, 2 outputs.
FIXED_NET = dict(x=[1.0, -1.0],
                 W=[[[1.0, -1.0], [-2.0, 1.0]], [[2.0, -1.0], [-2.0, -1.0]]],
                 b=[[1.0, 0.0], [0.0, 0.0]],
                 target=[1.0, 0.0])

# Hidden networks: layer sizes [n0, n1, ..., nL]; square ones first so that
# transposed-weight mistakes give values (not only a wrong shape).
SHAPES = [[2, 2, 2], [3, 3, 3, 3], [3, 4, 2], [2, 3, 3, 1], [1, 2, 2, 2]]


# -- the oracle: the same network from minigrad's own parts ------------------------

def make_net(rng, sizes):
    W = [[[rng.uniform(-2.0, 2.0) for _ in range(sizes[l + 1])] for _ in range(sizes[l])]
         for l in range(len(sizes) - 1)]
    b = [[rng.uniform(-1.0, 1.0) for _ in range(sizes[l + 1])] for l in range(len(sizes) - 1)]
    x = [rng.uniform(-2.0, 2.0) for _ in range(sizes[0])]
    target = [rng.uniform(0.0, 1.0) for _ in range(sizes[-1])]
    return dict(x=x, W=W, b=b, target=target)


def hidden_nets(seed):
    return [seeded(seed + i, 1, lambda rng: make_net(rng, s))[0] for i, s in enumerate(SHAPES)]


def layer(W, b):
    """A minigrad nn.Layer holding W (rows = inputs j, columns = units k) and b, with no
    activation: calling it on Values gives z (minigrad.nn's z = b + sum_j w_j a_j)."""
    out = nn.Layer(len(W), len(W[0]), activation="linear")
    out.set_weights(W, b)
    return out


def autodiff(net, W=None, b=None, squash=True):
    """Forward values, dl/dz, dl/dy and parameter gradients from Value.backward()
    through minigrad nn.Layers (sigmoid applied to their z Values), with the
    loss l = sum_k minigrad.losses.squared_error(y_k, target_k).

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
    return dict(z=data(zs), a=data(as_), dl_dz=grad(zs), dl_dy=[y.grad for y in a],
                dW=[[[n.w[j].grad for n in lay.neurons] for j in range(lay.nin)]
                    for lay in layers],
                db=[[n.b.grad for n in lay.neurons] for lay in layers])


# -- typical mistakes, run through the library (for hints only) --------------------

def all_square(Ws):
    return all(len(W) == len(W[0]) for W in Ws)


def wrong_dl_dz(o, W, dl_dy, transpose=False, out_g="sigmoid", hidden_g="sigmoid"):
    """dl/dz of every layer from minigrad.backprop.backward on the cached
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
    return backprop.backward(cache, W, dl_dy)[1]  # dl/db^l = dl/dz^l


def _mistakes(pairs):
    """Drop mistakes that do not apply to this shape (value None)."""
    return {name: v for name, v in pairs.items() if v[0] is not None}


# -- 7.1 dz/dw = a -------------------------------------------------------------------

def _check_dz_dw(student, cases):
    for a, w, b in cases:
        av, wv, bv = [Value(v) for v in a], [Value(v) for v in w], Value(b)
        z = sum((ai * wi for ai, wi in zip(av, wv)), bv)
        z.backward()
        got = student.call("dz_dw", a, w, b)
        expect_close(got, [wi.grad for wi in wv], inputs=dict(a=a, w=w, b=b), what="dz/dw",
                     hint="z = sum_i a_i w_i + b: dz/dw_i is the input a_i on that weight.",
                     mistakes={"the weights": (w, "You returned the weights. dz/dw_i is the "
                                                  "value of the input connected by the weight, "
                                                  "a_i.")})


@check("Exercise 7.1", points=1, visibility="visible")
def test_dz_dw_visible(student):
    "dz/dw_i = a_i for the slide's neuron z = x1 w1 + x2 w2 + b."
    _check_dz_dw(student, [([1.0, -1.0], [1.0, -2.0], 1.0)])


@check("Exercise 7.1", points=2, visibility="hidden")
def test_dz_dw_hidden(student):
    "dz/dw_i matches autodiff for seeded neurons with 1 to 5 inputs."
    cases = []
    for n in (1, 2, 3, 4, 5):
        rng_case = seeded(71 + n, 1, lambda rng: (
            [rng.uniform(-2, 2) for _ in range(n)], [rng.uniform(-2, 2) for _ in range(n)],
            rng.uniform(-1, 1)))[0]
        cases.append(rng_case)
    _check_dz_dw(student, cases)


# -- 7.2 forward ---------------------------------------------------------------------

def _check_forward(student, nets):
    for net in nets:
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
                     hint="a = [a^0, a^1, ..., a^L] with a^0 = x and a^l_k = sigma(z^l_k).",
                     mistakes={"no x": (o["a"][1:], "Start the list a with a^0 = x: the "
                                                    "inputs are the dz/dw of the first layer.")})


@check("Exercise 7.2", points=1, visibility="visible")
def test_forward_visible(student):
    "forward() caches z and a = sigma(z) for every layer of the slide's 2-2-2 network."
    _check_forward(student, [FIXED_NET])


@check("Exercise 7.2", points=2, visibility="hidden")
def test_forward_hidden(student):
    "forward() gives z and a for seeded networks of several shapes."
    _check_forward(student, hidden_nets(720))


# -- 7.3 sigma'(z) ----------------------------------------------------------------

def _check_sigma_prime(student, zs):
    for z in zs:
        zv = Value(z)
        a = zv.sigmoid()
        a.backward()
        s = a.data
        got = student.call("sigma_prime", z)
        expect_close(got, zv.grad, inputs=dict(z=z), what="sigma'(z)",
                     hint="sigma'(z) = sigma(z) (1 - sigma(z)).",
                     mistakes={"sigma": (s, "That is sigma(z); its derivative is "
                                            "sigma(z) (1 - sigma(z))."),
                               "sign": (-zv.grad, "Sign: sigma'(z) = +sigma(z)(1 - sigma(z)) "
                                                  "= exp(-z)/(1 + exp(-z))**2 > 0 (seed 001's "
                                                  "last line has this sign wrong)."),
                               "1 - sigma^2": (1 - s * s, "1 - a**2 is tanh's derivative; "
                                                          "sigmoid's is sigma(z)(1 - sigma(z)).")})


@check("Exercise 7.3", points=1, visibility="visible")
def test_sigma_prime_visible(student):
    "sigma'(z) matches autodiff at z = 0 and z = 1."
    _check_sigma_prime(student, [0.0, 1.0])


@check("Exercise 7.3", points=2, visibility="hidden")
def test_sigma_prime_hidden(student):
    "sigma'(z) matches autodiff at seeded z in [-6, 6]."
    _check_sigma_prime(student, seeded(73, 6, lambda rng: rng.uniform(-6, 6)))


# -- 7.4 dl/da = sum of paths --------------------------------------------------------

def autodiff_dl_da(a0, w_out, dl_dz_next):
    """dl/da by autodiff, for a that feeds z_k = a w_k + r_k and l = sum_k c_k z_k,
    so that dl/dz_k = c_k exactly: the "assumed known" dl/dz', dl/dz''."""
    a = Value(a0)
    l = sum((c * (a * w + 0.3)) for w, c in zip(w_out, dl_dz_next))
    l.backward()
    return a.grad


def _check_dl_da(student, cases):
    for a0, w_out, dl_dz_next in cases:
        got = student.call("dl_da", w_out, dl_dz_next)
        expect_close(got, autodiff_dl_da(a0, w_out, dl_dz_next),
                     inputs=dict(w_out=w_out, dl_dz_next=dl_dz_next),
                     what="dl/da",
                     hint="Chain rule case 2: dl/da = sum over the neurons a feeds of "
                          "w_k dl/dz_k (w3 dl/dz' + w4 dl/dz'' on the slide).",
                     mistakes={"one path": (autodiff_dl_da(a0, w_out[:1], dl_dz_next[:1]),
                                            "A path is missing: a feeds every neuron of the "
                                            "next layer; add one term w_k dl/dz_k per neuron.")}
                     if len(w_out) > 1 else None)


@check("Exercise 7.4", points=1, visibility="visible")
def test_dl_da_visible(student):
    "dl/da = w3 dl/dz' + w4 dl/dz'' for the slide's two paths."
    _check_dl_da(student, [(0.5, [2.0, -1.0], [0.5, 0.25])])


@check("Exercise 7.4", points=2, visibility="hidden")
def test_dl_da_hidden(student):
    "dl/da matches autodiff for a neuron feeding 1 to 4 neurons (seeded)."
    cases = []
    for n in (2, 3, 1, 4):
        cases += seeded(74 + n, 1, lambda rng: (
            rng.uniform(-1, 1), [rng.uniform(-2, 2) for _ in range(n)],
            [rng.uniform(-2, 2) for _ in range(n)]))
    _check_dl_da(student, cases)


# -- 7.5 dl/dz for a hidden neuron ---------------------------------------------------

def _check_dl_dz(student, cases):
    for z0, w_out, dl_dz_next in cases:
        z = Value(z0)
        a = z.sigmoid()
        l = sum((c * (a * w - 0.2)) for w, c in zip(w_out, dl_dz_next))
        l.backward()
        got = student.call("dl_dz", z0, w_out, dl_dz_next)
        s, path_sum = a.data, a.grad  # sigma(z) and dl/da
        expect_close(got, z.grad, inputs=dict(z=z0, w_out=w_out, dl_dz_next=dl_dz_next),
                     what="dl/dz",
                     hint="dl/dz = sigma'(z) [w3 dl/dz' + w4 dl/dz''].",
                     mistakes={"no sigma'": (path_sum, "You left out sigma'(z): a = sigma(z), "
                                                       "so dl/dz = sigma'(z) dl/da."),
                               "sigma": (s * path_sum, "You used sigma(z) where sigma'(z) = "
                                                       "sigma(z)(1 - sigma(z)) belongs.")})


@check("Exercise 7.5", points=1, visibility="visible")
def test_dl_dz_visible(student):
    "dl/dz = sigma'(z)[w3 dl/dz' + w4 dl/dz''] matches autodiff on one example."
    _check_dl_dz(student, [(0.5, [2.0, -1.0], [0.5, 0.25])])


@check("Exercise 7.5", points=2, visibility="hidden")
def test_dl_dz_hidden(student):
    "dl/dz matches autodiff for seeded hidden neurons feeding 1 to 4 neurons."
    cases = []
    for n in (2, 3, 1, 4, 2):
        cases += seeded(750 + n * 7, 1, lambda rng: (
            rng.uniform(-3, 3), [rng.uniform(-2, 2) for _ in range(n)],
            [rng.uniform(-2, 2) for _ in range(n)]))
    _check_dl_dz(student, cases)


# -- 7.6 output layer ------------------------------------------------------------------

def _check_output(student, cases):
    for z0, target in cases:
        z = Value(z0)
        y = z.sigmoid()
        l = (y - target) ** 2
        l.backward()
        got = student.call("dl_dz_output", z0, y.grad)
        expect_close(got, z.grad, inputs=dict(z=z0, dl_dy=y.grad), what="dl/dz' (output layer)",
                     hint="Case 1: dl/dz' = dy1/dz' dl/dy1 = sigma'(z') dl/dy1.",
                     mistakes={"no sigma'": (y.grad, "You returned dl/dy1; multiply by "
                                                     "dy1/dz' = sigma'(z').")})


@check("Exercise 7.6", points=1, visibility="visible")
def test_dl_dz_output_visible(student):
    "dl/dz' = sigma'(z') dl/dy1 matches autodiff of (y1 - target)**2 on one example."
    _check_output(student, [(1.5, 0.0)])


@check("Exercise 7.6", points=2, visibility="hidden")
def test_dl_dz_output_hidden(student):
    "dl/dz' matches autodiff of (y1 - target)**2 at seeded z' and targets."
    _check_output(student, seeded(76, 5, lambda rng: (rng.uniform(-4, 4), rng.uniform(0, 1))))


# -- 7.7 the backward pass -----------------------------------------------------------

def _check_backward(student, nets):
    for net in nets:
        o = autodiff(net)
        inputs = dict(z=o["z"], W=net["W"], dl_dy=o["dl_dy"])
        got = student.call("backward", o["z"], net["W"], o["dl_dy"])
        expect_close(got, o["dl_dz"], inputs=inputs, what="dl/dz (all layers)",
                     hint="Start at the output (case 1: sigma'(z) dl/dy), then for l = L-1 .. 1: "
                          "dl/dz^l_j = sigma'(z^l_j) sum_k W^(l+1)[j][k] dl/dz^(l+1)_k. The "
                          "weights out of unit j of layer l are row j of W^(l+1) = W[l] in "
                          "Python's 0-based list.",
                     mistakes=_mistakes({
                         "transposed W": (wrong_dl_dz(o, net["W"], o["dl_dy"], transpose=True),
                                          "Use the weights *out of* unit j: row W^(l+1)[j], "
                                          "not column j."),
                         "no sigma' at output": (wrong_dl_dz(o, net["W"], o["dl_dy"],
                                                             out_g="linear"),
                                                 "Case 1 needs dy/dz' = sigma'(z') too: "
                                                 "dl/dz' = sigma'(z') dl/dy1."),
                         "no sigma' in hidden": (wrong_dl_dz(o, net["W"], o["dl_dy"],
                                                             hidden_g="linear"),
                                                 "Each hidden dl/dz has the factor sigma'(z) "
                                                 "in front of the weighted sum."),
                     }))


@check("Exercise 7.7", points=1, visibility="visible")
def test_backward_visible(student):
    "backward() gives dl/dz for every neuron of the slide's 2-2-2 network (autodiff oracle)."
    _check_backward(student, [FIXED_NET])


@check("Exercise 7.7", points=2, visibility="hidden")
def test_backward_hidden(student):
    "backward() gives dl/dz for every neuron of seeded networks of several shapes."
    _check_backward(student, hidden_nets(770))


# -- 7.8 dl/dw = a dl/dz ---------------------------------------------------------------

def _check_dl_dw(student, cases):
    for a0, w0, b0, target in cases:
        a, w = Value(a0), Value(w0)
        z = a * w + b0
        l = (z.sigmoid() - target) ** 2
        l.backward()
        got = student.call("dl_dw", a0, z.grad)
        expect_close(got, w.grad, inputs=dict(a=a0, dl_dz=z.grad), what="dl/dw",
                     hint="dl/dw = dz/dw * dl/dz = a * dl/dz.",
                     mistakes={"no a": (z.grad, "dz/dw = a: multiply dl/dz by the input a "
                                                "on the weight.")})


@check("Exercise 7.8", points=1, visibility="visible")
def test_dl_dw_visible(student):
    "dl/dw = a dl/dz matches autodiff on one neuron."
    _check_dl_dw(student, [(0.8, -1.0, 0.5, 1.0)])


@check("Exercise 7.8", points=2, visibility="hidden")
def test_dl_dw_hidden(student):
    "dl/dw = a dl/dz matches autodiff on seeded neurons."
    _check_dl_dw(student, seeded(78, 5, lambda rng: (rng.uniform(-2, 2), rng.uniform(-2, 2),
                                                     rng.uniform(-1, 1), rng.uniform(0, 1))))


# -- 7.9 all parameter gradients -------------------------------------------------------

def _check_gradients(student, nets):
    for net in nets:
        o = autodiff(net)
        inputs = dict(a=o["a"], delta=o["dl_dz"])
        got = student.call("gradients", o["a"], o["dl_dz"])
        expect_true(isinstance(got, dict) and "W" in got and "b" in got,
                    "gradients must return a dict with the keys 'W' and 'b'", inputs=inputs,
                    got=got)
        transposed_dW = [backprop.transpose(dW_l) for dW_l in o["dW"]]
        expect_close(got["W"], o["dW"], inputs=inputs, what="dl/dW (all layers)",
                     hint="dl/dW^l[j][k] = a^(l-1)_j dl/dz^l_k: the input of layer l is a[l-1] "
                          "(a[0] = x), and dl/dW^l has the shape of W^l (rows = inputs j).",
                     mistakes={"transposed": (transposed_dW, "dl/dW^l[j][k] goes in row j "
                                                             "(input unit), column k (output "
                                                             "unit), like W^l.")})
        expect_close(got["b"], o["db"], inputs=inputs, what="dl/db (all layers)",
                     hint="dz/db = 1, so dl/db^l_k = dl/dz^l_k.")


@check("Exercise 7.9", points=1, visibility="visible")
def test_gradients_visible(student):
    "dl/dW and dl/db of the slide's 2-2-2 network match autodiff."
    _check_gradients(student, [FIXED_NET])


@check("Exercise 7.9", points=2, visibility="hidden")
def test_gradients_hidden(student):
    "dl/dW and dl/db match autodiff for seeded networks of several shapes."
    _check_gradients(student, hidden_nets(790))


MISTAKES = [
    # (task, text in solutions/ex07_forward_backward_view.py, replacement, fragment)
    ("7.1", "return [a_i for a_i in a]", "return list(w)", "value of the input"),
    ("7.2", "z_l = [sum(a_prev[j] * W_l[j][k] for j in range(len(a_prev))) + b_l[k]",
     "z_l = [sum(a_prev[j] * W_l[k][j] for j in range(len(a_prev))) + b_l[k]", "W^l[k][j]"),
    ("7.2", "    a = [list(x)]\n    z = []", "    a = [list(x)]\n    z = []\n    b = [[0.0] * len(b_l) for b_l in b]",
     "bias"),
    ("7.3", "return s * (1.0 - s)", "return -s * (1.0 - s)", "Sign"),
    ("7.4", "return sum(w_k * d_k for w_k, d_k in zip(w_out, dl_dz_next))",
     "return w_out[0] * dl_dz_next[0]", "path is missing"),
    ("7.5", "return sigma_prime(z) * dl_da(w_out, dl_dz_next)",
     "return dl_da(w_out, dl_dz_next)", "left out sigma'(z)"),
    ("7.6", "return sigma_prime(z) * dl_dy", "return dl_dy", "dy1/dz'"),
    ("7.7", "delta[l] = [dl_dz(z[l][j], W_next[j], delta[l + 1]) for j in range(len(z[l]))]",
     "delta[l] = [dl_dz(z[l][j], [row[j] for row in W_next], delta[l + 1]) "
     "for j in range(len(z[l]))]", "out of"),
    ("7.8", "return a * dl_dz", "return dl_dz", "dz/dw = a"),
    ("7.9", "dW.append([[dl_dw(a_j, d_k) for d_k in d_l] for a_j in a_prev])",
     "dW.append([[dl_dw(a_j, d_k) for a_j in a_prev] for d_k in d_l])", "row j"),
]
