"""Exercise 08: Backpropagation through a layer h = ReLU(W^T x + b) (seed 001, Kao: neural network layer, tensor derivative)."""

from grading.check import check, expect_close, expect_true, seeded, away_from_kinks
from minigrad import Value
from minigrad.backprop import matvec, outer, transpose

MODULE = "ex08_relu_layer"
ALLOWED_IMPORTS = ["math"]


# -- cases and oracles -------------------------------------------------------
# Every expected value, visible or hidden, comes from minigrad: autodiff through the
# layer built from Values (kit orientation: W is m x n_h, W[j][k] from input j to
# unit k, c = W^T x), and minigrad.backprop's list helpers. Typical wrong answers
# come from the same oracles (the transpose of the right answer, Kao's layout, the
# gradient with the indicator flipped), not from formulas of the answer.

def _vec(rng, n, lo=-2.0, hi=2.0):
    return [rng.uniform(lo, hi) for _ in range(n)]


def _make(rng, m, n_h, sign=None):
    """W (m x n_h), x (m), b (n_h), dL_dh (n_h) with every z_k at least 0.1 from the kink.

    z is drawn first (away from 0; all negative if sign == -1), then b = z - W^T x.
    """
    W = [_vec(rng, n_h) for _ in range(m)]
    x = _vec(rng, m)
    z = [away_from_kinks(rng, -2.0, 2.0) for _ in range(n_h)]
    if sign is not None:
        z = [sign * abs(v) for v in z]
    b = [z_k - c_k for z_k, c_k in zip(z, matvec(transpose(W), x))]
    g = _vec(rng, n_h)
    return W, x, b, g


def _layer_oracle(W, x, b, g):
    """Everything about the layer by autodiff: L = sum_k g_k h_k on h = ReLU(W^T x + b)."""
    m = len(W)          # inputs
    n_h = len(W[0])     # units
    Wv = [[Value(w) for w in row] for row in W]
    xv = [Value(v) for v in x]
    bv = [Value(v) for v in b]
    c = [sum((Wv[j][k] * xv[j] for j in range(m)), Value(0.0)) for k in range(n_h)]
    z = [c[k] + bv[k] for k in range(n_h)]
    hv = [z_k.relu() for z_k in z]
    L = sum((g[k] * hv[k] for k in range(n_h)), Value(0.0))
    L.backward()
    return {"cache": {"x": list(x), "c": [v.data for v in c], "z": [v.data for v in z],
                      "h": [v.data for v in hv]},
            "dL_dz": [v.grad for v in z], "dL_dc": [v.grad for v in c],
            "dL_dx": [v.grad for v in xv], "dL_dW": [[w.grad for w in row] for row in Wv],
            "dL_db": [v.grad for v in bv]}


def _kao(W):
    """The same layer written Kao's way: his W is the transpose (rows = outputs)."""
    return transpose(W)


# The docstring's layer: m = 2 inputs, n_h = 3 units, z = [-1, 2, 0] (one unit
# inactive, one active, one exactly at the kink), integers so z_3 = 0.0 exactly.
_DOC = ([[1.0, 2.0, 0.0], [-1.0, 1.0, 1.0]], [1.0, -1.0], [-3.0, 1.0, 1.0], [0.5, -3.0, 2.0])
# 8.9's docstring layer: z = [2, 0, 1].
_DOC9 = ([[1.0, 2.0, 0.0], [-1.0, 1.0, 1.0]], [2.0, 1.0], [1.0, -5.0, 0.0], [0.5, 3.0, 2.0])
# A 3 x 2 layer (m = 3 > n_h = 2) with units at the kink and active, integers.
_KINK32 = ([[1.0, -1.0], [2.0, 0.5], [-1.0, 1.0]], [1.0, 1.0, 2.0], [-1.0, 0.5], [1.5, -2.0])
# A 4 x 3 layer with the kink in the middle unit and one inactive unit, integers.
_KINK43 = ([[1.0, 0.0, -1.0], [2.0, 1.0, 0.0], [0.0, -1.0, 1.0], [1.0, 1.0, 1.0]],
           [1.0, -1.0, 2.0, 1.0], [0.5, 2.0, -4.0], [-1.0, 2.5, 0.75])

# visible seeded shapes (m, n_h): wide, tall, square -- widths above 1 at both ends
_VISIBLE_SHAPES = [(2, 3), (3, 2), (3, 3)]
# hidden shapes: other sizes, one input, one unit
_HIDDEN_SHAPES = [(4, 2), (2, 4), (3, 3), (1, 3), (3, 1), (5, 4)]


def _seeded_cases(seed, shapes, inactive=False):
    def make(rng):
        out = [_make(rng, m, n_h) for m, n_h in shapes]
        if inactive:
            out.append(_make(rng, 3, 2, sign=-1))
        return out
    return seeded(seed, 1, make)[0]


def _visible(seed):
    """The docstring's layer, a kink case and three seeded layers away from the kink."""
    return [_DOC, _KINK32] + _seeded_cases(seed, _VISIBLE_SHAPES)


def _hidden(seed):
    return [_KINK43] + _seeded_cases(seed, _HIDDEN_SHAPES, inactive=True)


def _is_square(W):
    return len(W) == len(W[0])


# -- 8.1 forward -------------------------------------------------------------

def _check_forward(student, cases):
    for W, x, b, g in cases:
        got = student.call("layer_forward", W, x, b)
        o = _layer_oracle(W, x, b, g)
        cache = o["cache"]
        inputs = {"W": W, "x": x, "b": b}
        expect_true(isinstance(got, dict) and all(k in got for k in ("x", "c", "z", "h")),
                    'layer_forward should return the cache, a dict with the keys "x", "c", '
                    '"z", "h"', inputs=inputs, got=got,
                    hint='The cache is {"x": x, "c": c, "z": z, "h": h}.')
        mistakes = {}
        if _is_square(W):
            kao = _layer_oracle(_kao(W), x, b, g)["cache"]
            mistakes["W x"] = (kao["c"], "You computed W x, Kao's product for his W (rows = "
                                         "outputs). Here W[j][k] goes from input j to unit k: "
                                         "c = W^T x, c_k sums over the rows j.")
        expect_close(got["c"], cache["c"], inputs=inputs, what='cache["c"]',
                     hint="c = W^T x: c_k = sum over the inputs j of W[j][k] x_j, one entry per "
                          "COLUMN of W (n_h of them). Kao's W x is for his W (rows = outputs).",
                     mistakes=mistakes)
        expect_close(got["z"], cache["z"], inputs=inputs, what='cache["z"]',
                     hint="z = c + b, entry by entry.",
                     mistakes={"no bias": (cache["c"], "You left out the bias: z = c + b.")})
        expect_close(got["h"], cache["h"], inputs=inputs, what='cache["h"]',
                     hint="h = ReLU(z) = max(0, z_k) entry by entry.",
                     mistakes={"no relu": (cache["z"], "h = ReLU(z) = max(0, z_k): negative "
                                                       "entries become 0.")})
        expect_close(got["x"], x, inputs=inputs, what='cache["x"]',
                     hint="The cache keeps the input x: dL/dW needs it.")


@check("Exercise 8.1", points=1, visibility="visible")
def test_layer_forward_visible(student):
    """The cache of the docstring's 2x3 layer, a 3x2 layer with a unit at z = 0, seeded 2x3, 3x2 and 3x3 layers."""
    _check_forward(student, _visible(810))


@check("Exercise 8.1", points=2, visibility="hidden")
def test_layer_forward_hidden(student):
    """The cache for seeded layers of other shapes (one input, one unit, all units inactive)."""
    _check_forward(student, _hidden(81))


# -- 8.2 dL/dz ----------------------------------------------------------------

def _check_dL_dz(student, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        cache, z, h = o["cache"], o["cache"]["z"], o["cache"]["h"]
        got = student.call("dL_dz", cache, g)
        right = o["dL_dz"]
        at_kink = [gk if zk == 0 else r for zk, gk, r in zip(z, g, right)]
        mistakes = {
            "no indicator": (list(g), "You passed dL/dh through unchanged. ReLU blocks the "
                                      "gradient of the units that were not active: the "
                                      "indicator of z_k > 0 is missing."),
            "times z": ([zk * gk for zk, gk in zip(z, g)],
                        "You multiplied by z_k. The derivative of ReLU is 1 or 0 (the "
                        "indicator of z_k > 0), not z_k itself."),
            "times h": ([hk * gk for hk, gk in zip(h, g)],
                        "You multiplied by h_k = ReLU(z_k). The derivative of ReLU is 1 or 0 "
                        "(the indicator of z_k > 0), not h_k."),
            "flipped": ([gk - r for gk, r in zip(g, right)],
                        "The indicator is flipped: the gradient passes where z_k > 0 and is "
                        "blocked where z_k <= 0."),
        }
        if at_kink != right:
            mistakes["kink"] = (at_kink, "At the kink z_k = 0 exactly the kit takes ReLU'(0) "
                                         "= 0: a unit sitting at 0 passes no gradient (your "
                                         "answer lets it through).")
        expect_close(got, right, inputs={"cache": cache, "dL_dh": g}, what="dL/dz",
                     hint="Chain rule through h_k = ReLU(z_k): dL/dz_k is the local derivative "
                          "of ReLU at z_k times dL/dh_k, with ReLU'(0) = 0.",
                     mistakes=mistakes)


@check("Exercise 8.2", points=2, visibility="visible")
def test_dL_dz_visible(student):
    """dL/dz for the docstring's layer (units inactive, active and at z = 0 exactly), a 3x2 kink case, seeded layers."""
    _check_dL_dz(student, _visible(820))


@check("Exercise 8.2", points=4, visibility="hidden")
def test_dL_dz_hidden(student):
    """dL/dz for a 4x3 kink case and seeded layers with |z| > 0.1, including all units inactive."""
    _check_dL_dz(student, _hidden(82))


# -- 8.3 dL/dc and 8.6 dL/db -------------------------------------------------------

def _check_add(student, fn, key, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        gz = o["dL_dz"]
        got = student.call(fn, o["cache"], gz)
        what = key.replace("_", "/")
        mistakes = {"ones": ([1.0] * len(gz), "That is the local derivative alone; the chain "
                                              "rule multiplies it by dL/dz."),
                    "sum": (sum(gz), "%s has one entry per unit, like %s: a list, not a "
                                     "sum." % (what, what[-1]))}
        if any(v != 0 for v in o["cache"]["c"]):
            src = "c" if key == "dL_dc" else "z"
            mistakes["times value"] = (
                [v * gk for v, gk in zip(o["cache"][src], gz)],
                "You multiplied by the cached %s. z = c + b is a sum: what is the derivative "
                "of a sum with respect to one of its terms?" % src)
        expect_close(got, o[key], inputs={"cache": o["cache"], "dL_dz": gz}, what=what,
                     hint="Chain rule through z = c + b: the local derivative of a sum with "
                          "respect to one term, times dL/dz.", mistakes=mistakes)


@check("Exercise 8.3", points=1, visibility="visible")
def test_dL_dc_visible(student):
    """dL/dc for the docstring's layer and seeded layers, against autodiff."""
    _check_add(student, "dL_dc", "dL_dc", _visible(830))


@check("Exercise 8.3", points=2, visibility="hidden")
def test_dL_dc_hidden(student):
    """dL/dc for seeded layers of other shapes, against autodiff."""
    _check_add(student, "dL_dc", "dL_dc", _hidden(83))


@check("Exercise 8.6", points=1, visibility="visible")
def test_dL_db_visible(student):
    """dL/db for the docstring's layer and seeded layers, against autodiff."""
    _check_add(student, "dL_db", "dL_db", _visible(860))


@check("Exercise 8.6", points=2, visibility="hidden")
def test_dL_db_hidden(student):
    """dL/db for seeded layers of other shapes, against autodiff."""
    _check_add(student, "dL_db", "dL_db", _hidden(86))


# -- 8.4 dL/dx ---------------------------------------------------------------

def _check_dL_dx(student, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        gc = o["dL_dc"]
        got = student.call("dL_dx", W, o["cache"], gc)
        mistakes = {}
        if _is_square(W):
            mistakes["Kao W^T"] = (matvec(transpose(W), gc),
                                   "You multiplied by W^T, Kao's line for HIS W (rows = "
                                   "outputs). Here W[j][k] goes from input j to unit k: x_j "
                                   "reaches L through every c_k, along row j of W.")
        mistakes["x"] = ([xj * sum(gc) for xj in x],
                         "You used x: dc_k/dx_j is a weight, not an input value.")
        expect_close(got, o["dL_dx"], inputs={"W": W, "cache": o["cache"], "dL_dc": gc},
                     what="dL/dx",
                     hint="dL/dx_j sums, over the units k, dc_k/dx_j times dL/dc_k: one entry "
                          "per input (m of them, the ROWS of W). Kao's slide multiplies by W^T for "
                          "his W (rows = outputs): this W is his transposed.",
                     mistakes=mistakes)


@check("Exercise 8.4", points=2, visibility="visible")
def test_dL_dx_visible(student):
    """dL/dx for the docstring's 2x3 layer, a 3x2 layer and seeded 2x3, 3x2, 3x3 layers."""
    _check_dL_dx(student, _visible(840))


@check("Exercise 8.4", points=4, visibility="hidden")
def test_dL_dx_hidden(student):
    """dL/dx for seeded layers of other shapes, against autodiff."""
    _check_dL_dx(student, _hidden(84))


# -- 8.5 dL/dW ---------------------------------------------------------------

def _check_dL_dW(student, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        gc, cache = o["dL_dc"], o["cache"]
        got = student.call("dL_dW", cache, gc)
        mistakes = {
            "Kao shape": (transpose(o["dL_dW"]),
                          "You built Kao's dl/dc x^T, shaped like HIS W (n_h x m). dL/dW has "
                          "this W's shape, m x n_h: entry [j][k] belongs to the weight from "
                          "input j to unit k."),
            "h": (outer(cache["h"], gc), "You used h, the layer's output. W[j][k] multiplies "
                                         "the input x_j in c_k."),
            "z": (outer(cache["z"], gc), "You used z. W[j][k] multiplies the input x_j in c_k."),
        }
        expect_close(got, o["dL_dW"], inputs={"cache": cache, "dL_dc": gc}, what="dL/dW",
                     hint="dL/dW[j][k] = (dc_k/dW[j][k]) dL/dc_k: W[j][k] reaches L only "
                          "through c_k; the answer has W's shape m x n_h.",
                     mistakes=mistakes)


@check("Exercise 8.5", points=2, visibility="visible")
def test_dL_dW_visible(student):
    """dL/dW for the docstring's 2x3 layer, a 3x2 layer and seeded 2x3, 3x2, 3x3 layers."""
    _check_dL_dW(student, _visible(850))


@check("Exercise 8.5", points=4, visibility="hidden")
def test_dL_dW_hidden(student):
    """dL/dW for seeded layers of other shapes, against autodiff."""
    _check_dL_dW(student, _hidden(85))


# -- 8.7 the tensor dc/dW ------------------------------------------------------

def _tensor_oracle(x, n_h):
    """T[j][k][i] = dc_i / dW[j][k] by autodiff: one backward pass per output c_i."""
    m = len(x)
    T = [[[0.0] * n_h for _ in range(n_h)] for _ in range(m)]
    for i in range(n_h):
        Wv = [[Value(0.1 * (j - k) + 0.3) for k in range(n_h)] for j in range(m)]
        ci = sum((Wv[j][i] * x[j] for j in range(m)), Value(0.0))
        ci.backward()
        for j in range(m):
            for k in range(n_h):
                T[j][k][i] = Wv[j][k].grad
    return T


def _check_tensor(student, cases):
    for W, x, b, g in cases:
        cache = _layer_oracle(W, x, b, g)["cache"]
        n_h, m = len(W[0]), len(x)
        got = student.call("dc_dW", cache)
        T = _tensor_oracle(x, n_h)
        # Kao's h x m x h layout for his W (the transpose): K[i][j][k] = dc_k/dW^Kao_ij
        kao = [[[T[j][i][k] for k in range(n_h)] for j in range(m)] for i in range(n_h)]
        expect_close(got, T, inputs={"cache": cache}, what="dc/dW",
                     hint="T[j][k][i] = dc_i/dW[j][k], an m x n_h x n_h tensor: in which "
                          "outputs c_i does W[j][k] appear, and with what factor?",
                     mistakes={
                         "Kao layout": (kao, "That is Kao's tensor for HIS W (n_h x m x n_h, "
                                             "W's rows the outputs). Here W is m x n_h, so T "
                                             "is m x n_h x n_h with T[j][k][i] = "
                                             "dc_i/dW[j][k]."),
                         "all x": ([[[x[j]] * n_h for _ in range(n_h)] for j in range(m)],
                                   "W[j][k] only reaches c_k: dc_i/dW[j][k] is 0 for i other "
                                   "than k."),
                         "no x": ([[[1.0 if i == k else 0.0 for i in range(n_h)]
                                    for k in range(n_h)] for _ in range(m)],
                                  "The zeros are right, the other entries are not 1: W[j][k] "
                                  "appears in c_k multiplied by an input."),
                     })


@check("Exercise 8.7", points=2, visibility="visible")
def test_dc_dW_visible(student):
    """dc/dW for the docstring's 2x3 layer, a 3x2 layer and seeded 2x3, 3x2, 3x3 layers, against autodiff."""
    _check_tensor(student, _visible(870))


@check("Exercise 8.7", points=4, visibility="hidden")
def test_dc_dW_hidden(student):
    """dc/dW for seeded layers of other shapes (one input, one unit), against autodiff."""
    _check_tensor(student, _hidden(87))


# -- 8.8 the contraction --------------------------------------------------------

def _contract_oracle(T, gc):
    """(dc/dW) dL/dc by autodiff: T is the derivative of the linear map
    c_i(W) = sum_jk T[j][k][i] W[j][k], so dL/dW of L = sum_i gc_i c_i is the contraction."""
    m, n_h = len(T), len(T[0])
    Wv = [[Value(0.1 * (j + k) - 0.2) for k in range(n_h)] for j in range(m)]
    L = Value(0.0)
    for i in range(len(gc)):
        ci = sum((T[j][k][i] * Wv[j][k] for j in range(m) for k in range(n_h)), Value(0.0))
        L = L + gc[i] * ci
    L.backward()
    return [[w.grad for w in row] for row in Wv]


def _check_contract(student, cases):
    for T, gc, shortcut in cases:
        got = student.call("dL_dW_tensor", T, gc)
        m, n_h = len(T), len(T[0])
        expected = _contract_oracle(T, gc)
        # the same contraction on the tensor with its last two indices swapped
        T_swapped = [[[T[j][i][k] for i in range(n_h)] for k in range(n_h)] for j in range(m)]
        expect_close(got, expected, inputs={"T": T, "dL_dc": gc}, what="(dc/dW) dL/dc",
                     hint="Contract the LAST index: result[j][k] sums T[j][k][i] times dL/dc_i "
                          "over i, an m x n_h matrix.",
                     mistakes={
                         "middle index": (_contract_oracle(T_swapped, gc),
                                          "You summed over the middle index. T[j][k][i] = "
                                          "dc_i/dW[j][k]: contract i, the last index, with "
                                          "dL/dc_i."),
                     })
        if shortcut is not None:
            expect_close(got, shortcut, inputs={"T": "dc/dW", "dL_dc": gc}, what="dL/dW",
                         hint="With the true dc/dW the contraction equals your dL/dW of 8.5.")


def _contract_cases(seed, shapes):
    def make(rng):
        out = []
        for m, n_h in shapes:
            x = _vec(rng, m)
            gc = _vec(rng, n_h)
            out.append((_tensor_oracle(x, n_h), gc, outer(x, gc)))
            out.append(([[_vec(rng, n_h) for _ in range(n_h)] for _ in range(m)], gc, None))
        return out
    return seeded(seed, 1, make)[0]


@check("Exercise 8.8", points=1, visibility="visible")
def test_dL_dW_tensor_visible(student):
    """The docstring's contraction; true and general tensors of 2x3, 3x2 and 3x3 layers."""
    T_doc = [[[3.0, 0.0], [0.0, 3.0]], [[5.0, 0.0], [0.0, 5.0]]]
    _check_contract(student, [(T_doc, [1.0, -1.0], [[3.0, -3.0], [5.0, -5.0]])]
                    + _contract_cases(880, _VISIBLE_SHAPES))


@check("Exercise 8.8", points=2, visibility="hidden")
def test_dL_dW_tensor_hidden(student):
    """The contraction for seeded true and general tensors of other shapes."""
    _check_contract(student, _contract_cases(88, _HIDDEN_SHAPES))


# -- 8.9 the whole backward pass -------------------------------------------------

def _check_backward(student, cases):
    for W, x, b, g in cases:
        o = _layer_oracle(W, x, b, g)
        cache = o["cache"]
        got = student.call("layer_backward", W, cache, g)
        all_active = _layer_oracle(W, x, [v + 100.0 for v in b], g)  # same W, x; every z > 0
        inputs = {"W": W, "cache": cache, "dL_dh": g}
        expect_true(isinstance(got, dict) and all(k in got for k in ("dL_dx", "dL_dW", "dL_db")),
                    'layer_backward should return a dict with keys "dL_dx", "dL_dW", "dL_db"',
                    inputs=inputs, got=got,
                    hint='Give back {"dL_dx": ..., "dL_dW": ..., "dL_db": ...}.')
        for key in ("dL_dx", "dL_dW", "dL_db"):
            expect_close(got.get(key), o[key], inputs=inputs, what=key.replace("_", "/"),
                         hint="Backward from dL/dh: through ReLU (8.2), the add node (8.3), "
                              "then dL/dx (8.4), dL/dW (8.5), dL/db (8.6).",
                         mistakes={"no indicator": (
                             all_active[key],
                             "Your gradient matches a layer where every unit is active: go "
                             "through the ReLU node (dL/dz, exercise 8.2) before the others.")})


_USES9 = ("8.2", "8.3", "8.4", "8.5", "8.6")


@check("Exercise 8.9", points=2, visibility="visible", uses=_USES9)
def test_layer_backward_visible(student):
    """dL/dx, dL/dW, dL/db for the docstring layers (units at z = 0), a 3x2 layer and seeded layers."""
    _check_backward(student, [_DOC9] + _visible(890))


@check("Exercise 8.9", points=4, visibility="hidden", uses=_USES9)
def test_layer_backward_hidden(student):
    """dL/dx, dL/dW, dL/db for seeded layers of other shapes, against autodiff."""
    _check_backward(student, _hidden(89))


# -- hints, bookkeeping, what an exception means, typical mistakes ------------------

BOOKKEEPING = ("Exercise 8.1", "Exercise 8.8")

HINTS = {
    "Exercise 8.1": [
        "Three nodes in order: the product c = W^T x, the add node z = c + b, the ReLU node "
        "h = max(0, z), entry by entry. Keep all of them in the cache, and x too.",
        "W here is m x n_h, one ROW per input: c_k walks down COLUMN k of W, multiplying "
        "W[j][k] by x_j and summing over the inputs j. The result has n_h entries.",
    ],
    "Exercise 8.2": [
        "The chain rule through one node: h_k = ReLU(z_k) depends on z_k alone, so dL/dz_k is "
        "the local derivative dh_k/dz_k times dL/dh_k (no sum).",
        "dL/dz_k = ReLU'(z_k) * dL/dh_k. Evaluate ReLU' at the cached z_k.",
        "ReLU'(z) is 1 where z > 0 and 0 where z < 0; at z = 0 exactly the kit takes 0. So "
        "each dL/dh_k either passes unchanged or becomes 0.",
    ],
    "Exercise 8.3": [
        "The chain rule through the add node z = c + b: z_k depends on c_k alone.",
        "dL/dc_k = (dz_k/dc_k) * dL/dz_k. What is the derivative of c_k + b_k with respect to "
        "c_k?",
        "That local derivative is the same number for every unit, and it does not depend on "
        "the cached values.",
    ],
    "Exercise 8.4": [
        "The multivariate chain rule: x_j reaches L through every c_k (k over the n_h units), "
        "so dL/dx_j is a sum of n_h paths.",
        "dL/dx_j = sum over k of (dc_k/dx_j) * dL/dc_k. Write c_k out (module docstring) and "
        "differentiate it with respect to x_j.",
        "dc_k/dx_j is the weight from input j to unit k, W[j][k]: the sum walks along ROW j "
        "of W. Kao's W^T is for his W (rows = outputs); with this W, which product is it? "
        "The answer has m entries.",
    ],
    "Exercise 8.5": [
        "The chain rule for one weight: W[j][k] appears only in c_k, so dL/dW[j][k] has one "
        "term, no sum.",
        "dL/dW[j][k] = (dc_k/dW[j][k]) * dL/dc_k. Differentiate c_k = sum over j of "
        "W[j][k] x_j with respect to W[j][k].",
        "dc_k/dW[j][k] is the input x_j (from the cache). Entry [j][k] pairs x_j with dL/dc_k: "
        "an outer product with m rows and n_h columns, shaped like W (Kao's is the transpose).",
    ],
    "Exercise 8.6": [
        "The chain rule through the add node z = c + b: z_k depends on b_k alone.",
        "dL/db_k = (dz_k/db_k) * dL/dz_k. What is the derivative of c_k + b_k with respect to "
        "b_k?",
        "That local derivative is the same number for every unit; the answer has one entry "
        "per unit.",
    ],
    "Exercise 8.7": [
        "Write out c_i = sum over j of W[j][i] x_j and ask, for one weight W[j][k], which of "
        "the c_i contain it at all.",
        "T[j][k][i] = dc_i/dW[j][k]. For i other than k, c_i does not contain W[j][k]. For "
        "i = k, c_k contains it once, times some factor.",
        "That factor is the input x_j, from the cache. So T[j][k] is a list of n_h numbers "
        "that is zero except at position k. The tensor is m x n_h x n_h (Kao's h x m x h is "
        "for his W).",
    ],
    "Exercise 8.8": [
        "A tensor-vector product contracts the vector with the tensor's LAST index: for each "
        "pair (j, k), multiply T[j][k][i] by dL/dc_i and add over i.",
        "The result has the tensor's first two sizes, m x n_h. Check it against your 8.5 on "
        "the true dc/dW.",
    ],
    "Exercise 8.9": [
        "Go backward through the nodes in the reverse order of the forward pass: ReLU, the "
        "add node, then the product c = W^T x.",
        "First dL/dz from dL/dh (8.2), then dL/dc from dL/dz (8.3). dL/dx (8.4) and dL/dW "
        "(8.5) need dL/dc; dL/db (8.6) needs dL/dz.",
        "Every gradient after the ReLU node must see the blocked units as 0: feed dL/dz, "
        "never dL/dh, to the later steps. Collect the three results in a dict with the keys "
        "dL_dx, dL_dW, dL_db.",
    ],
}

_CACHE_KEYS = ('The cache is the dict 8.1 gives back, with the keys "x", "c", "z" and "h" '
               '(Kao\'s a is z here).')
_WALK = ("An IndexError here usually means you walked W the way of Kao's slide (rows = "
         "outputs). Here W is m x n_h: row j holds the weights out of input j, column k the "
         "weights into unit k.")

ERRORS = {
    "Exercise 8.1": {"IndexError": _WALK},
    "Exercise 8.2": {"KeyError": _CACHE_KEYS, "TypeError": _CACHE_KEYS},
    "Exercise 8.3": {"KeyError": _CACHE_KEYS, "TypeError": _CACHE_KEYS},
    "Exercise 8.4": {"IndexError": _WALK + " dL/dx has one entry per input (a row of W).",
                     "KeyError": _CACHE_KEYS},
    "Exercise 8.5": {"KeyError": _CACHE_KEYS, "TypeError": _CACHE_KEYS},
    "Exercise 8.6": {"KeyError": _CACHE_KEYS, "TypeError": _CACHE_KEYS},
    "Exercise 8.7": {"KeyError": _CACHE_KEYS, "TypeError": _CACHE_KEYS,
                     "IndexError": "An IndexError here usually means the tensor's layout is "
                                   "Kao's (h x m x h): here it is m x n_h x n_h."},
    "Exercise 8.8": {"IndexError": "An IndexError here usually means you contracted an index "
                                   "of the wrong length: T is m x n_h x n_h and dL/dc has n_h "
                                   "entries, so the sum runs over the LAST index."},
    "Exercise 8.9": {"KeyError": _CACHE_KEYS},
}
