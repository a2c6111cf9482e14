"""Exercise 08: Backpropagation through a layer h = ReLU(Wx + b) (seed 001, Kao: neural network layer, tensor derivative)."""

from grading.check import check, expect_close, expect_true, seeded, away_from_kinks
from minigrad import Value
from minigrad.backprop import matvec, outer, transpose

MODULE = "ex08_relu_layer"
ALLOWED_IMPORTS = ["math"]


# -- cases and oracles -------------------------------------------------------
# Every expected value, visible or hidden, comes from minigrad: autodiff through the
# layer built from Values, and minigrad.backprop's list helpers (matvec, transpose,
# outer). Typical wrong answers come from the same oracles (the transpose of the
# right answer, the gradient with the indicator flipped), not from formulas of the
# answer.

def _vec(rng, n, lo=-2.0, hi=2.0):
    return [rng.uniform(lo, hi) for _ in range(n)]


def _make(rng, h, m, sign=None):
    """W (h x m), x, b, dl_dh with every a_i at least 0.1 from the ReLU kink.

    a is drawn first (away from 0; all negative if sign == -1), then
    b = a - W x, so the layer lands exactly on it.
    """
    W = [_vec(rng, m) for _ in range(h)]
    x = _vec(rng, m)
    a = [away_from_kinks(rng, -2.0, 2.0) for _ in range(h)]
    if sign is not None:
        a = [sign * abs(v) for v in a]
    b = [a_i - c_i for a_i, c_i in zip(a, matvec(W, x))]
    g = _vec(rng, h)
    return W, x, b, g


def _layer_oracle(W, x, b, g):
    """Everything about the layer by autodiff: l = sum_k g_k h_k on h = ReLU(Wx + b)."""
    h, m = len(W), len(x)
    Wv = [[Value(w) for w in row] for row in W]
    xv = [Value(v) for v in x]
    bv = [Value(v) for v in b]
    c = [sum((Wv[i][j] * xv[j] for j in range(m)), Value(0.0)) for i in range(h)]
    a = [c[i] + bv[i] for i in range(h)]
    hv = [ai.relu() for ai in a]
    l = sum((g[k] * hv[k] for k in range(h)), Value(0.0))
    l.backward()
    return {"c": [v.data for v in c], "a": [v.data for v in a], "h": [v.data for v in hv],
            "dl_da": [v.grad for v in a], "dl_dc": [v.grad for v in c],
            "dl_dx": [v.grad for v in xv], "dl_dW": [[w.grad for w in row] for row in Wv],
            "dl_db": [v.grad for v in bv]}


# shapes (h, m): square, wide, tall, one unit, one input
_SHAPES = [(3, 3), (2, 4), (4, 2), (1, 3), (3, 1)]


def _cases(seed):
    rng_cases = seeded(seed, 1, lambda rng: [_make(rng, h, m) for h, m in _SHAPES]
                       + [_make(rng, 3, 2, sign=-1)])
    return rng_cases[0]


_DOC = ([[1.0, 2.0], [-1.0, 1.0]], [1.0, -1.0], [2.0, 1.0], [0.5, -3.0])


def _square_first(seed):
    return seeded(seed, 1, lambda rng: _make(rng, 2, 2))


# -- 8.1 forward -------------------------------------------------------------

def _check_forward(student, cases):
    for W, x, b, g in cases:
        got = student.call("layer_forward", W, x, b)
        o = _layer_oracle(W, x, b, g)
        expect_close(got, [o["c"], o["a"], o["h"]], inputs={"W": W, "x": x, "b": b},
                     what="[c, a, h]",
                     hint="c_i = sum_j W[i][j] x_j (one entry per ROW of W), a = c + b, "
                          "h = max(0, a) entrywise.",
                     mistakes={
                         "no relu": ([o["c"], o["a"], o["a"]], "h = ReLU(a) = max(0, a_i): "
                                     "negative entries become 0."),
                     })


@check("Exercise 8.1", points=1, visibility="visible")
def test_layer_forward_visible(student):
    """c, a, h for the docstring's 2x2 layer."""
    _check_forward(student, [_DOC])


@check("Exercise 8.1", points=2, visibility="hidden")
def test_layer_forward_hidden(student):
    """c, a, h for seeded square, wide, tall, one-unit and one-input layers."""
    _check_forward(student, _cases(81))


# -- 8.2 dl/da ---------------------------------------------------------------

def _check_dl_da(student, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        a = o["a"]
        got = student.call("dl_da", a, g)
        expect_close(got, o["dl_da"], inputs={"a": a, "dl_dh": g}, what="dl/da",
                     hint="dl/da_i = dl/dh_i where a_i > 0, and 0 where a_i <= 0 "
                          "(the indicator I(a > 0), elementwise).",
                     mistakes={
                         "no indicator": (list(g), "You passed dl/dh through unchanged. "
                                          "ReLU blocks the gradient where a_i <= 0: multiply "
                                          "by the indicator I(a_i > 0)."),
                         "times a": ([ai * gi for ai, gi in zip(a, g)],
                                     "You multiplied by a_i. The derivative of ReLU is the "
                                     "indicator I(a_i > 0) (1 or 0), not a_i."),
                         "times h": ([hi * gi for hi, gi in zip(o["h"], g)],
                                     "You multiplied by h_i = ReLU(a_i). The derivative of "
                                     "ReLU is the indicator I(a_i > 0) (1 or 0)."),
                         "flipped": ([gi - di for gi, di in zip(g, o["dl_da"])],
                                     "The indicator is flipped: the gradient passes where "
                                     "a_i > 0."),
                     })


@check("Exercise 8.2", points=1, visibility="visible")
def test_dl_da_visible(student):
    """dl/da for the docstring's layer (one unit active, one not)."""
    _check_dl_da(student, [_DOC])


@check("Exercise 8.2", points=2, visibility="hidden")
def test_dl_da_hidden(student):
    """dl/da for seeded layers with |a| > 0.1, including all units inactive."""
    _check_dl_da(student, _cases(82))


# -- 8.3 / 8.6 pass-through ----------------------------------------------------

def _check_pass(student, fn, key, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        got = student.call(fn, o["dl_da"])
        expect_close(got, o[key], inputs={"dl_da": o["dl_da"]}, what=key.replace("_", "/"),
                     hint="a = c + b: da/dc and da/db are the identity, so the gradient "
                          "passes through unchanged.",
                     mistakes={"ones": ([1.0] * len(g), "That is the local derivative "
                                        "alone; multiply it by dl/da.")})


@check("Exercise 8.3", points=1, visibility="visible")
def test_dl_dc_visible(student):
    """dl/dc for the docstring's layer."""
    _check_pass(student, "dl_dc", "dl_dc", [_DOC])


@check("Exercise 8.3", points=2, visibility="hidden")
def test_dl_dc_hidden(student):
    """dl/dc for seeded layers, against autodiff."""
    _check_pass(student, "dl_dc", "dl_dc", _cases(83))


@check("Exercise 8.6", points=1, visibility="visible")
def test_dl_db_visible(student):
    """dl/db for the docstring's layer."""
    _check_pass(student, "dl_db", "dl_db", [_DOC])


@check("Exercise 8.6", points=2, visibility="hidden")
def test_dl_db_hidden(student):
    """dl/db for seeded layers, against autodiff."""
    _check_pass(student, "dl_db", "dl_db", _cases(86))


# -- 8.4 dl/dx ---------------------------------------------------------------

def _check_dl_dx(student, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        gc = o["dl_dc"]
        got = student.call("dl_dx", W, gc)
        mistakes = {}
        if len(W) == len(W[0]):
            mistakes["W g"] = (matvec(W, gc),
                               "You computed W dl/dc. The chain rule needs the transpose: "
                               "dl/dx_j = sum_i W[i][j] dl/dc_i (W^T dl/dc).")
        expect_close(got, o["dl_dx"], inputs={"W": W, "dl_dc": gc}, what="dl/dx",
                     hint="dl/dx = W^T dl/dc: entry j is sum over i of W[i][j] * dl/dc_i, one "
                          "entry per COLUMN of W (m of them); mind the transpose.",
                     mistakes=mistakes)


@check("Exercise 8.4", points=1, visibility="visible")
def test_dl_dx_visible(student):
    """dl/dx = W^T dl/dc for a seeded 2x2 layer and the docstring's 2x3 W."""
    W = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    _check_dl_dx(student, _square_first(840) + [(W, [1.0, 0.0, 0.0], [0.5, 0.5], [1.0, -1.0])])


@check("Exercise 8.4", points=2, visibility="hidden")
def test_dl_dx_hidden(student):
    """dl/dx for seeded square, wide, tall, one-unit and one-input layers, against autodiff."""
    _check_dl_dx(student, _cases(84))


# -- 8.5 dl/dW ---------------------------------------------------------------

def _check_dl_dW(student, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        gc = o["dl_dc"]
        got = student.call("dl_dW", gc, x)
        expect_close(got, o["dl_dW"], inputs={"dl_dc": gc, "x": x}, what="dl/dW",
                     hint="dl/dW = dl/dc x^T: an h x m matrix like W, entry (i, j) = "
                          "dl/dc_i * x_j (row i belongs to unit i).",
                     mistakes={"transposed": (transpose(o["dl_dW"]),
                                              "You built x dl/dc^T (m x h). dl/dW has W's "
                                              "shape h x m: row i is dl/dc_i times x^T.")})


@check("Exercise 8.5", points=1, visibility="visible")
def test_dl_dW_visible(student):
    """dl/dW = dl/dc x^T for a seeded 2x2 layer and the docstring's layer."""
    _check_dl_dW(student, _square_first(850) + [_DOC])


@check("Exercise 8.5", points=2, visibility="hidden")
def test_dl_dW_hidden(student):
    """dl/dW for seeded layers of several shapes, against autodiff."""
    _check_dl_dW(student, _cases(85))


# -- 8.7 the tensor dc/dW ------------------------------------------------------

def _tensor_oracle(x, n_h):
    """T[i][j][k] = dc_k / dW_ij by autodiff: one backward pass per output c_k."""
    m = len(x)
    T = [[[0.0] * n_h for _ in range(m)] for _ in range(n_h)]
    for k in range(n_h):
        Wv = [[Value(0.1 * (i - j) + 0.3) for j in range(m)] for i in range(n_h)]
        ck = sum((Wv[k][j] * x[j] for j in range(m)), Value(0.0))
        ck.backward()
        for i in range(n_h):
            for j in range(m):
                T[i][j][k] = Wv[i][j].grad
    return T


def _check_tensor(student, cases):
    for x, n_h in cases:
        got = student.call("dc_dW", x, n_h)
        T = _tensor_oracle(x, n_h)
        m = len(x)
        wrong_layout = [[[T[i][j][k] for j in range(m)] for k in range(n_h)]
                        for i in range(n_h)]  # the same numbers, laid out [i][k][j]
        expect_close(got, T, inputs={"x": x, "n_h": n_h}, what="dc/dW",
                     hint="Layout T[i][j][k] = dc_k/dW_ij (n_h x m x n_h): since "
                          "c_k = sum_j W[k][j] x_j, T[i][j][k] = x_j when k == i, else 0.",
                     mistakes={
                         "layout": (wrong_layout,
                                    "Right numbers, wrong layout: you built [i][k][j]. The "
                                    "layout is T[i][j][k] = dc_k/dW_ij (h x m x h)."),
                         "all x": ([[[x[j]] * n_h for j in range(m)] for _ in range(n_h)],
                                   "W_ij only reaches c_i: dc_k/dW_ij = 0 for k != i."),
                     })


@check("Exercise 8.7", points=1, visibility="visible")
def test_dc_dW_visible(student):
    """The tensor dc/dW for the docstring's x = [3, 5], h = 2."""
    _check_tensor(student, [([3.0, 5.0], 2)])


@check("Exercise 8.7", points=2, visibility="hidden")
def test_dc_dW_hidden(student):
    """The tensor dc/dW for seeded x and h (square, wide, tall, h = 1, m = 1), against autodiff."""
    cases = seeded(87, 1, lambda rng: [(_vec(rng, m), h) for h, m in _SHAPES])[0]
    _check_tensor(student, cases)


# -- 8.8 the contraction --------------------------------------------------------

def _contract_oracle(T, gc):
    """(dc/dW) dl/dc by autodiff: T is the derivative of the linear map
    c_k(W) = sum_ij T[i][j][k] W_ij, so dl/dW of l = sum_k gc_k c_k is the contraction."""
    n_h, m = len(T), len(T[0])
    Wv = [[Value(0.1 * (i + j) - 0.2) for j in range(m)] for i in range(n_h)]
    l = Value(0.0)
    for k in range(len(gc)):
        ck = sum((T[i][j][k] * Wv[i][j] for i in range(n_h) for j in range(m)), Value(0.0))
        l = l + gc[k] * ck
    l.backward()
    return [[w.grad for w in row] for row in Wv]


def _check_contract(student, cases):
    for T, gc, shortcut in cases:
        got = student.call("dl_dW_tensor", T, gc)
        h, m = len(T), len(T[0])
        expected = _contract_oracle(T, gc)
        # the same contraction on the tensor with its first and last index swapped
        T_swapped = [[[T[k][j][i] for k in range(h)] for j in range(m)] for i in range(h)]
        expect_close(got, expected, inputs={"T": T, "dl_dc": gc}, what="(dc/dW) dl/dc",
                     hint="Contract the LAST index: result[i][j] = sum_k T[i][j][k] * "
                          "dl/dc_k, an h x m matrix.",
                     mistakes={
                         "first index": (_contract_oracle(T_swapped, gc),
                                         "You summed over the first index. T[i][j][k] = "
                                         "dc_k/dW_ij: contract k, the last index, with "
                                         "dl/dc_k."),
                     })
        if shortcut is not None:
            expect_close(got, shortcut, inputs={"T": "dc/dW", "dl_dc": gc}, what="dl/dW",
                         hint="With the true dc/dW the contraction equals dl/dc x^T.")


def _contract_cases(seed, shapes, general):
    def make(rng):
        out = []
        for h, m in shapes:
            x = _vec(rng, m)
            gc = _vec(rng, h)
            T = _tensor_oracle(x, h)
            out.append((T, gc, outer(gc, x)))
            if general:
                Tg = [[_vec(rng, h) for _ in range(m)] for _ in range(h)]
                out.append((Tg, gc, None))
        return out
    return seeded(seed, 1, make)[0]


@check("Exercise 8.8", points=1, visibility="visible")
def test_dl_dW_tensor_visible(student):
    """(dc/dW) dl/dc for the true tensor of a 2x3 layer: equals dl/dc x^T."""
    _check_contract(student, _contract_cases(880, [(2, 3)], general=True))


@check("Exercise 8.8", points=2, visibility="hidden")
def test_dl_dW_tensor_hidden(student):
    """The contraction for seeded general tensors and true dc/dW tensors (equal to the outer product)."""
    _check_contract(student, _contract_cases(88, _SHAPES, general=True))


# -- 8.9 the whole backward pass -------------------------------------------------

def _check_backward(student, cases):
    for W, x, b, g in cases:
        got = student.call("layer_backward", W, x, b, g)
        o = _layer_oracle(W, x, b, g)
        all_active = _layer_oracle(W, x, [v + 100.0 for v in b], g)  # same W, x; every a > 0
        inputs = {"W": W, "x": x, "b": b, "dl_dh": g}
        expect_true(isinstance(got, dict) and all(k in got for k in ("dl_dx", "dl_dW", "dl_db")),
                    'layer_backward should return a dict with keys "dl_dx", "dl_dW", "dl_db"',
                    inputs=inputs, got=got,
                    hint='Return {"dl_dx": ..., "dl_dW": ..., "dl_db": ...}.')
        for key in ("dl_dx", "dl_dW", "dl_db"):
            expect_close(got.get(key), o[key], inputs=inputs, what=key.replace("_", "/"),
                         hint="Forward (8.1) for a, then dl/da = I(a > 0) dl/dh, "
                              "dl/dc = dl/da, dl/dx = W^T dl/dc, dl/dW = dl/dc x^T, "
                              "dl/db = dl/da.",
                         mistakes={"no indicator": (
                             all_active[key],
                             "Your gradients match a layer where every unit is active: "
                             "multiply dl/dh by the indicator I(a > 0) first (exercise 8.2).")})


@check("Exercise 8.9", points=1, visibility="visible")
def test_layer_backward_visible(student):
    """dl/dx, dl/dW, dl/db of the docstring's layer with dl/dh = [0.5, -3]."""
    _check_backward(student, [_DOC])


@check("Exercise 8.9", points=2, visibility="hidden")
def test_layer_backward_hidden(student):
    """dl/dx, dl/dW, dl/db for seeded layers (|a| > 0.1, random dl/dh), against autodiff."""
    _check_backward(student, _cases(89))


MISTAKES = [
    # (task, text in solutions/ex08_relu_layer.py to replace, replacement, fragment)
    ("8.1", "    h = [max(0.0, a_i) for a_i in a]\n    return [c, a, h]",
     "    h = [a_i for a_i in a]\n    return [c, a, h]", "negative entries become 0"),
    ("8.2", "return [(1.0 if a_i > 0 else 0.0) * g_i for a_i, g_i in zip(a, dl_dh)]",
     "return [g_i for a_i, g_i in zip(a, dl_dh)]", "indicator"),
    ("8.2", "return [(1.0 if a_i > 0 else 0.0) * g_i for a_i, g_i in zip(a, dl_dh)]",
     "return [a_i * g_i for a_i, g_i in zip(a, dl_dh)]", "not a_i"),
    ("8.4", "return [sum(W[i][j] * dl_dc[i] for i in range(h)) for j in range(m)]",
     "return [sum(W[i][j] * dl_dc[j] for j in range(m)) for i in range(h)]", "transpose"),
    ("8.5", "return [[g_i * x_j for x_j in x] for g_i in dl_dc]",
     "return [[g_i * x_j for g_i in dl_dc] for x_j in x]", "shape h x m"),
    ("8.7", "return [[[x_j if k == i else 0.0 for k in range(n_h)] for x_j in x]",
     "return [[[x_j for k in range(n_h)] for x_j in x]", "W_ij only reaches c_i"),
    ("8.8", "return [[sum(t_k * g_k for t_k, g_k in zip(T_ij, dl_dc)) for T_ij in T_i] for T_i in T]",
     "return [[sum(T[k][j][i] * dl_dc[k] for k in range(len(T))) for j in range(len(T[0]))]"
     " for i in range(len(T))]", "first index"),
    ("8.9", "    g_a = dl_da(a, dl_dh)\n", "    g_a = list(dl_dh)\n", "indicator"),
]
