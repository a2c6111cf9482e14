"""Exercise 13: Backpropagation through time in a small recurrent network (seed 001, Kao: the recurrent-layer fragment)."""

from grading.check import check, expect_close, expect_true, seeded, away_from_kinks
from minigrad import Value
from minigrad.backprop import transpose
from minigrad.numeric import numerical_gradient

MODULE = "ex13_recurrent"
ALLOWED_IMPORTS = ["math"]


# -- cases and oracles -------------------------------------------------------
# Every expected value comes from minigrad's autodiff: the network unrolled over time
# and built from Values (kit orientation: W[j][k] from unit j below to unit k above,
# z_t = W_rec^T r_{t-1} + W_in^T x_t, r_t = ReLU(z_t), y_t = W_out^T r_t,
# L = sum_t ||y_t||^2), or from small pieces of it built the same way; the full
# gradients are also compared with minigrad.numeric's central differences. Typical
# wrong answers come from the same oracles run on a wrong graph (a transposed weight,
# an output left out, a gate at another time), never from the answer's formulas.

def _leaves(M):
    return [[Value(v) for v in row] for row in M]


def _data(vs):
    return [v.data for v in vs]


def _lin(W, v, cols):
    """[sum_j W[j][k] v[j] for k in cols] with Values (W or v may hold floats)."""
    out = []
    for k in cols:
        acc = Value(0.0)
        for j in range(len(W)):
            acc = acc + W[j][k] * v[j]
        out.append(acc)
    return out


def _unroll(W_in, W_rec, W_out, r0, xs, detach=(), untied=False):
    """The network by autodiff. ``detach``: steps t whose output y_t reads a constant copy
    of r_t (its own output loss does not flow back into the state). ``untied``: a fresh
    copy of the three weights at every step (their grads are each step's part)."""
    n = len(W_rec)
    p = len(W_out[0])
    Wi, Wr, Wo = _leaves(W_in), _leaves(W_rec), _leaves(W_out)
    r0v = [Value(v) for v in r0]
    r = r0v
    cache = {"r": [list(r0)], "x": [None], "z": [None], "y": [None], "L_t": [None]}
    zs, rs, ys, copies = [None], [r0v], [None], []
    total = Value(0.0)
    for t, x in enumerate(xs, 1):
        if untied:
            Wi, Wr, Wo = _leaves(W_in), _leaves(W_rec), _leaves(W_out)
            copies.append((Wi, Wr, Wo))
        z = [a + b for a, b in zip(_lin(Wr, r, range(n)), _lin(Wi, x, range(n)))]
        r = [v.relu() for v in z]
        src = [Value(v.data) for v in r] if t in detach else r
        y = _lin(Wo, src, range(p))
        L_t = Value(0.0)
        for v in y:
            L_t = L_t + v * v
        total = total + L_t
        zs.append(z)
        rs.append(r)
        ys.append(y)
        cache["x"].append(list(x))
        cache["z"].append(_data(z))
        cache["r"].append(_data(r))
        cache["y"].append(_data(y))
        cache["L_t"].append(L_t.data)
    cache["L"] = total.data
    total.backward()
    grads = {"W_in": [[w.grad for w in row] for row in Wi],
             "W_rec": [[w.grad for w in row] for row in Wr],
             "W_out": [[w.grad for w in row] for row in Wo], "r0": [v.grad for v in r0v]}
    out = {"cache": cache, "grads": grads, "delta": [[v.grad for v in r_t] for r_t in rs],
           "dz": [None] + [[v.grad for v in z] for z in zs[1:]],
           "dy": [None] + [[v.grad for v in y] for y in ys[1:]]}
    if untied:
        out["steps"] = [None] + [{"W_in": [[w.grad for w in row] for row in c[0]],
                                  "W_rec": [[w.grad for w in row] for row in c[1]],
                                  "W_out": [[w.grad for w in row] for row in c[2]]}
                                 for c in copies]
    return out


def _own(W_out, r_t):
    """d L_t / d r_t through y_t alone, by autodiff of L_t = ||W_out^T r_t||^2."""
    rv = [Value(v) for v in r_t]
    L = Value(0.0)
    for v in _lin(W_out, rv, range(len(W_out[0]))):
        L = L + v * v
    L.backward()
    return [v.grad for v in rv]


def _out_node(W_out, r, g):
    """y = W_out^T r with L' = sum_k g_k y_k: (dL'/dW_out, dL'/dr) by autodiff."""
    Wo, rv = _leaves(W_out), [Value(v) for v in r]
    L = Value(0.0)
    for g_k, y_k in zip(g, _lin(Wo, rv, range(len(W_out[0])))):
        L = L + g_k * y_k
    L.backward()
    return [[w.grad for w in row] for row in Wo], [v.grad for v in rv]


def _gate(z, d):
    """dL'/dz for r = ReLU(z), L' = sum_k d_k r_k, by autodiff (0 at z = 0)."""
    zv = [Value(v) for v in z]
    L = Value(0.0)
    for d_k, v in zip(d, zv):
        L = L + d_k * v.relu()
    L.backward()
    return [v.grad for v in zv]


def _step(W, r_prev, z_now, g_r):
    """One recurrent step r_prev -> z = W^T r_prev + c -> ReLU, with the constant c chosen
    so that z equals ``z_now`` (the gates are those of z_now), L' = sum_k g_k r_k:
    (dL'/dW, dL'/dr_prev) by autodiff."""
    n = len(W[0])
    Wv, rv = _leaves(W), [Value(v) for v in r_prev]
    lin = _lin(Wv, rv, range(n))
    L = Value(0.0)
    for k in range(n):
        z_k = lin[k] + (z_now[k] - lin[k].data)
        L = L + g_r[k] * z_k.relu()
    L.backward()
    return [[w.grad for w in row] for row in Wv], [v.grad for v in rv]


def _jacobian(W_rec, zs, r_s, s, T):
    """d r_T / d r_s by autodiff, rows = entries of r_T: the steps s+1..T with the gates of
    zs[s+1..T] (each z made equal to zs[t] by a constant, as in _step)."""
    n = len(W_rec)
    rows = []
    for k in range(n):
        rv = [Value(v) for v in r_s]
        r = rv
        for u in range(s + 1, T + 1):
            lin = _lin(W_rec, r, range(n))
            r = [(lin[q] + (zs[u][q] - lin[q].data)).relu() for q in range(n)]
        r[k].backward()
        rows.append([v.grad for v in rv])
    return rows


def _scalar(w, zs):
    """[d r_t / d r_1 for t = 1..T] of a one-unit chain by autodiff (z_t made equal to zs)."""
    out = []
    for t in range(1, len(zs) + 1):
        r1 = Value(max(0.0, zs[0]))
        r = r1
        for u in range(2, t + 1):
            lin = w * r
            r = (lin + (zs[u - 1] - lin.data)).relu()
        r.backward()
        out.append(r1.grad)
    return out


def _same(a, b, tol=1e-9):
    """Equal numbers or nested lists of numbers (within tol)."""
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        return (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple))
                and len(a) == len(b) and all(_same(x, y, tol) for x, y in zip(a, b)))
    if a is None or b is None:
        return a is b
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def _ambiguity(exp, mistakes):
    """How many pairs of typical mistakes give the same WRONG value on this input (there
    the feedback can only say "one of these"). Checks try the inputs with the fewest
    first (a stable sort), so the first failure usually names the one mistake made."""
    wrong = [v for v, _ in mistakes.values() if not _same(v, exp)]
    return sum(1 for i in range(len(wrong)) for j in range(i) if _same(wrong[i], wrong[j]))


def _vec(rng, k, lo=-1.0, hi=1.0):
    return [round(rng.uniform(lo, hi), 2) for _ in range(k)]


def _make(rng, m, n, p, T, strict=True):
    """Weights, r0 and xs (two decimals) with every |z| >= 0.1; a live unit at every step;
    with ``strict`` also an inactive unit and a unit that changes state between steps."""
    while True:
        W_in = [_vec(rng, n) for _ in range(m)]
        W_rec = [_vec(rng, n) for _ in range(n)]
        W_out = [_vec(rng, p) for _ in range(n)]
        r0 = _vec(rng, n, 0.1, 1.5)
        xs = [_vec(rng, m, -1.5, 1.5) for _ in range(T)]
        z = _unroll(W_in, W_rec, W_out, r0, xs)["cache"]["z"]
        flat = [v for t in range(1, T + 1) for v in z[t]]
        if any(abs(v) < 0.1 for v in flat):
            continue
        if not all(any(v > 0 for v in z[t]) for t in range(1, T + 1)):
            continue
        if strict:
            on = [[v > 0 for v in z[t]] for t in range(1, T + 1)]
            if all(all(row) for row in on) or all(a == b for a, b in zip(on, on[1:])):
                continue
        return (W_in, W_rec, W_out, r0, xs)


# The docstrings' network (the module's EXAMPLE): m = 1, n = 2, p = 1, T = 3; unit 0 sits
# exactly at the kink at t = 2 and is inactive at t = 3 (quarters: exact arithmetic).
_DOC = ([[1.0, -1.0]], [[0.5, 1.0], [-1.0, 0.5]], [[1.0], [-0.5]], [1.0, 0.5],
        [[1.0], [-0.25], [-1.0]])
# m = 2, n = 3, p = 2, T = 4: unit 1 exactly at the kink at t = 2 (quarters, exact).
_KINK = ([[0.25, 1.0, -0.25], [-0.5, 0.0, 1.0]],
         [[-0.5, 1.0, 0.0], [0.0, 0.0, 0.75], [-0.5, 0.0, 0.0]],
         [[0.75, -0.25], [-0.5, -0.25], [0.75, -0.5]], [0.25, 1.0, 0.5],
         [[-0.5, 0.5], [0.0, 0.5], [0.75, 0.5], [-0.5, 0.25]])

# visible seeded shapes (m, n, p, T): non-square W_in and W_out, widths above 1, T >= 3
_VISIBLE_SHAPES = [(2, 3, 2, 3), (3, 2, 3, 4), (1, 3, 2, 5)]
# hidden shapes: other sizes and lengths, one-unit ends
_HIDDEN_SHAPES = [(2, 4, 3, 3), (3, 3, 1, 6), (4, 2, 2, 4), (1, 2, 1, 3), (2, 1, 2, 4)]


def _seeded(seed, shapes):
    def make(rng):
        return [_make(rng, m, n, p, T, strict=n > 1) for m, n, p, T in shapes]
    return seeded(seed, 1, make)[0]


def _visible(seed):
    """The docstring's network, a kink case and three seeded networks away from kinks."""
    return [_DOC, _KINK] + _seeded(seed, _VISIBLE_SHAPES)


def _hidden(seed):
    return _seeded(seed, _HIDDEN_SHAPES)


def _args(case):
    return dict(zip(("W_in", "W_rec", "W_out", "r0", "xs"), case))


# -- 13.1 forward ---------------------------------------------------------------

def _check_forward(student, cases):
    for case in cases:
        W_in, W_rec, W_out, r0, xs = case
        got = student.call("forward", W_in, W_rec, W_out, r0, xs)
        o = _unroll(*case)["cache"]
        inputs = _args(case)
        keys = ("x", "z", "r", "y", "L_t", "L")
        expect_true(isinstance(got, dict) and all(k in got for k in keys),
                    'forward should return the cache, a dict with the keys "x", "z", "r", '
                    '"y", "L_t", "L"', inputs=inputs, got=got,
                    hint='The cache is {"x": ..., "z": ..., "r": ..., "y": ..., "L_t": ..., '
                         '"L": ...}.')
        T = len(xs)
        for key in ("z", "r", "y", "L_t", "x"):
            expect_true(isinstance(got[key], list) and len(got[key]) == T + 1,
                        'cache["%s"] should have T + 1 = %d entries, one per time t = 0..T'
                        % (key, T + 1), inputs=inputs, got=got[key],
                        hint="Index by time: entry t is the value at time t; r's entry 0 is "
                             "r_0, the others' entry 0 is None (nothing happens at time 0).")
        rec_t = _unroll(W_in, transpose(W_rec), W_out, r0, xs)["cache"]
        no_relu = [None] + [list(v) for v in o["z"][1:]]
        expect_close(got["z"][1:], o["z"][1:], inputs=inputs, what='cache["z"][1:]',
                     hint="z_t = W_rec^T r_{t-1} + W_in^T x_t: z_{t,k} sums W_rec[j][k] "
                          "r_{t-1,j} over j and W_in[i][k] x_{t,i} over i; r_{t-1} is the "
                          "state BEFORE step t (r_0 for t = 1).",
                     mistakes={"W_rec r": (rec_t["z"][1:],
                                           "You computed W_rec r_{t-1}, Kao's product (rows = "
                                           "outputs). Here W_rec[j][k] goes from unit j of "
                                           "r_{t-1} to unit k of r_t: sum over the rows j.")})
        expect_close(got["r"], o["r"], inputs=inputs, what='cache["r"]',
                     hint="r_t = ReLU(z_t): negative entries become 0; r[0] is r_0 itself.",
                     mistakes={"no ReLU": ([list(r0)] + no_relu[1:],
                                           "cache[\"r\"] equals z: the ReLU is missing, "
                                           "negative entries become 0.")})
        expect_close(got["y"][1:], o["y"][1:], inputs=inputs, what='cache["y"][1:]',
                     hint="y_t = W_out^T r_t, from the NEW state r_t (after the ReLU): "
                          "y_{t,k} sums W_out[j][k] r_{t,j} over j.")
        expect_close(got["L_t"][1:], o["L_t"][1:], inputs=inputs, what='cache["L_t"][1:]',
                     hint="L_t = ||y_t||^2, the sum of the squares of y_t's entries (no 1/2, "
                          "no square root).")
        expect_close(got["L"], o["L"], inputs=inputs, what='cache["L"]',
                     hint="L sums the loss over ALL steps, L_1 + ... + L_T.",
                     mistakes={"last only": (o["L_t"][-1],
                                             "Your L is the last step's loss alone: the loss "
                                             "is summed over every step.")})
        expect_close([got["x"][0], got["y"][0], got["z"][0], got["L_t"][0]],
                     [None, None, None, None], inputs=inputs, what="entry 0 of x, y, z, L_t",
                     hint="Nothing is computed at time 0: entry 0 of x, y, z and L_t is None.")
        expect_close(got["x"][1:], [list(x) for x in xs], inputs=inputs, what='cache["x"][1:]',
                     hint="cache[\"x\"][t] is x_t = xs[t - 1].")


@check("Exercise 13.1", points=1, visibility="visible")
def test_forward_visible(student):
    """The cache of the docstring's network, a kink case and three seeded networks, against autodiff's forward values."""
    _check_forward(student, _visible(1310))


@check("Exercise 13.1", points=2, visibility="hidden")
def test_forward_hidden(student):
    """The cache of seeded networks of other sizes."""
    _check_forward(student, _hidden(131))


# -- 13.2 dL/dy ---------------------------------------------------------------------

def _check_dL_dy(student, cases):
    for case in cases:
        o = _unroll(*case)
        cache = o["cache"]
        T = len(case[4])
        for t in range(T, 0, -1):
            got = student.call("dL_dy", cache, t)
            exp = o["dy"][t]
            prev = o["dy"][t - 1] if t > 1 else None
            mistakes = {"no 2": ([v / 2.0 for v in exp],
                                 "Half the answer: the derivative of a square y^2 carries a "
                                 "factor 2."),
                        "sign": ([-v for v in exp], "The sign is flipped.")}
            if prev is not None and len(prev) == len(exp):
                mistakes["t-1"] = (prev, "That is dL/dy at time t - 1: cache[\"y\"][t] is y_t "
                                         "(entry 0 is None, the lists are indexed by time).")
            expect_close(got, exp, inputs={"cache": "forward(...) of W_in=%r, W_rec=%r, "
                                                    "W_out=%r, r0=%r, xs=%r" % case, "t": t},
                         what="dL/dy_%d" % t,
                         hint="Only L_t contains y_t; differentiate the sum of squares entry "
                              "by entry, at time t.", mistakes=mistakes)


@check("Exercise 13.2", points=1, visibility="visible")
def test_dL_dy_visible(student):
    """dL/dy_t at every t for the docstring's network, a kink case and seeded networks, against autodiff."""
    _check_dL_dy(student, _visible(1320))


@check("Exercise 13.2", points=2, visibility="hidden")
def test_dL_dy_hidden(student):
    """dL/dy_t for seeded networks of other sizes."""
    _check_dL_dy(student, _hidden(132))


# -- 13.3 W_out at one step ----------------------------------------------------------

def _check_W_out_step(student, cases):
    for case in cases:
        o = _unroll(*case)
        cache = o["cache"]
        W_out = case[2]
        T = len(case[4])
        for t in range(T, 0, -1):
            g = o["dy"][t]
            got = student.call("dL_dW_out_step", cache, t, g)
            exp = _out_node(W_out, cache["r"][t], g)[0]
            expect_close(got, exp, inputs={"cache": "forward(...) of %r" % (case,), "t": t,
                                           "g_y": g},
                         what="the step-%d part of dL/dW_out" % t,
                         hint="W_out[j][k] enters y_t only through y_{t,k}; differentiate "
                              "y_{t,k} with respect to it. The answer is n x p, like W_out.",
                         mistakes={"r_{t-1}": (_out_node(W_out, cache["r"][t - 1], g)[0],
                                               "You used r_{t-1}: y_t = W_out^T r_t reads the "
                                               "state of the same time t.")})


@check("Exercise 13.3", points=2, visibility="visible")
def test_dL_dW_out_step_visible(student):
    """The step-t part of dL/dW_out at every t, docstring's network, kink case, seeded networks, against autodiff."""
    _check_W_out_step(student, _visible(1330))


@check("Exercise 13.3", points=4, visibility="hidden")
def test_dL_dW_out_step_hidden(student):
    """The step-t part of dL/dW_out for seeded networks of other sizes."""
    _check_W_out_step(student, _hidden(133))


# -- 13.4 dL/dr through y_t -----------------------------------------------------------

def _check_dr_output(student, cases):
    for W_out, g in cases:
        got = student.call("dL_dr_output", W_out, g)
        exp = _out_node(W_out, [0.5] * len(W_out), g)[1]
        expect_close(got, exp, inputs={"W_out": W_out, "g_y": g}, what="dL/dr_t through y_t",
                     hint="r_{t,j} reaches L through every y_{t,k} (k over the p outputs): a "
                          "sum over k, one entry per state unit j. Kao's W_out^T is for his "
                          "W_out (rows = outputs): with this W_out, walk along row j.")


def _dr_cases(seed, cases, extra):
    out = []
    for case in cases:
        o = _unroll(*case)
        for t in range(1, len(case[4]) + 1):
            out.append((case[2], o["dy"][t]))

    def make(rng):
        return [([_vec(rng, p) for _ in range(n)], _vec(rng, p, -2.0, 2.0)) for n, p in extra]
    return out + seeded(seed, 1, make)[0]


@check("Exercise 13.4", points=2, visibility="visible")
def test_dL_dr_output_visible(student):
    """The docstring's W_out (2 x 3), the networks' W_out with their dL/dy_t, and seeded 3x2, 2x4 W_out, against autodiff."""
    doc = ([[1.0, 2.0, 0.0], [-1.0, 1.0, 3.0]], [1.0, 0.5, -1.0])
    _check_dr_output(student, [doc] + _dr_cases(1340, _visible(1340), [(3, 2), (2, 4)]))


@check("Exercise 13.4", points=4, visibility="hidden")
def test_dL_dr_output_hidden(student):
    """dL/dr_t through y_t for seeded W_out of other shapes."""
    _check_dr_output(student, _dr_cases(134, _hidden(134), [(4, 1), (1, 3), (3, 3)]))


# -- 13.5 the ReLU gate ----------------------------------------------------------------

def _check_gate(student, cases):
    runs = []
    for case, seed in cases:
        o = _unroll(*case)
        cache = o["cache"]
        T = len(case[4])
        n = len(case[1])
        ds = seeded(seed, T, lambda rng: [round(rng.uniform(-2.0, 2.0), 2) or 0.5
                                          for _ in range(n)])
        for t, d in enumerate(ds, 1):
            z = cache["z"][t]
            exp = _gate(z, d)
            mistakes = {
                "no gate": (list(d), "Your dL/dz_t equals delta_t: no gate. The slide's "
                                     "I(r_t >= 0) is always 1 (a ReLU output is never "
                                     "negative): gate on the ReLU's input z_t, 1 where "
                                     "z_{t,k} > 0."),
                "at 0": ([d_k if z_k >= 0 else 0.0 for z_k, d_k in zip(z, d)],
                         "At z_{t,k} = 0 exactly the kit's ReLU'(0) = 0: the gate is 0 there "
                         "(strictly positive z passes)."),
                "r_{t-1}": (_gate(cache["r"][t - 1], d),
                            "That is the gate of r_{t-1}, the state before the step: "
                            "r_t = ReLU(z_t) is gated by z_t, the same time t."),
            }
            runs.append((case, cache, t, d, exp, mistakes))
    # inputs where several typical mistakes give the same wrong value (the docstring
    # network's kink time t = 2, where no gate, the >= 0 gate and r_{t-1}'s gate agree)
    # come last: elsewhere the hint names the one made
    runs.sort(key=lambda run: _ambiguity(run[4], run[5]))
    for case, cache, t, d, exp, mistakes in runs:
        got = student.call("dL_dz", cache, t, d)
        expect_close(got, exp, inputs={"cache": "forward(...) of %r" % (case,), "t": t,
                                       "delta_t": d},
                     what="dL/dz_%d" % t,
                     hint="r_{t,k} = ReLU(z_{t,k}) depends on z_{t,k} alone: multiply "
                          "delta_{t,k} by ReLU' at z_{t,k} (0 at z = 0).",
                     mistakes=mistakes)


@check("Exercise 13.5", points=2, visibility="visible")
def test_dL_dz_visible(student):
    """dL/dz_t at every t (units exactly at z = 0 included) for the docstring's network, a kink case and seeded networks, against autodiff."""
    _check_gate(student, [(c, 1350 + i) for i, c in enumerate(_visible(1350))])


@check("Exercise 13.5", points=4, visibility="hidden")
def test_dL_dz_hidden(student):
    """dL/dz_t for seeded networks of other sizes."""
    _check_gate(student, [(c, 135 + i) for i, c in enumerate(_hidden(135))])


# -- 13.6 the slide's one-step gradient ----------------------------------------------------

def _one_step(case, t):
    """d L_t / d W_rec through step t alone (r_{t-1} a constant), by autodiff."""
    W_in, W_rec, W_out, r0, xs = case
    cache = _unroll(*case)["cache"]
    n = len(W_rec)
    Wr = _leaves(W_rec)
    z = [a + b for a, b in zip(_lin(Wr, cache["r"][t - 1], range(n)),
                               _lin(W_in, xs[t - 1], range(n)))]
    L = Value(0.0)
    for v in _lin(W_out, [v.relu() for v in z], range(len(W_out[0]))):
        L = L + v * v
    L.backward()
    return [[w.grad for w in row] for row in Wr]


def _check_one_step(student, cases):
    for case in cases:
        cache = _unroll(*case)["cache"]
        W_rec, W_out = case[1], case[2]
        n = len(W_rec)
        T = len(case[4])
        for t in range(T, 0, -1):
            got = student.call("dL_dW_rec_one_step", W_out, cache, t)
            exp = _one_step(case, t)
            own = _own(W_out, cache["r"][t])
            z = cache["z"][t]
            mistakes = {
                "r_t": (_step(W_rec, cache["r"][t], z, own)[0],
                        "You multiplied by r_t: W_rec[j][k] multiplies r_{t-1,j} in z_t (Kao's "
                        "r_t, one step before his r_{t+1})."),
                "no gate": (_step(W_rec, cache["r"][t - 1], [1.0] * n, own)[0],
                            "No gate: the slide's I(r_t >= 0) is 1 for every ReLU output. The "
                            "gate is ReLU' at the pre-activation z_t of this step."),
                "r gate": (_step(W_rec, cache["r"][t - 1], cache["r"][t - 1], own)[0],
                           "Your gate is that of r_{t-1} (the slide's I(r_t ...) read with "
                           "r > 0): the ReLU of this step acts on z_t, gate on z_t."),
                "Kao": (transpose(exp), "That is Kao's layout (the transpose): entry [j][k] "
                                        "is dL/dW_rec[j][k], row j = the unit of r_{t-1}."),
                "no 2": ([[v / 2.0 for v in row] for row in exp],
                         "Half the answer: dL_t/dy_t carries a factor 2."),
            }
            expect_close(got, exp, inputs={"W_out": W_out, "cache": "forward(...) of %r"
                                           % (case,), "t": t},
                         what="dL_%d/dW_rec through step %d" % (t, t),
                         hint="Chain from L_t back: dL_t/dy_t (13.2), through W_out (13.4), "
                              "through the gate of z_t (13.5); then W_rec[j][k] reaches z_t "
                              "only through z_{t,k}, with the factor it multiplies.",
                         mistakes=mistakes)


_USES6 = ("13.2", "13.4", "13.5")


@check("Exercise 13.6", points=2, visibility="visible", uses=_USES6)
def test_dL_dW_rec_one_step_visible(student):
    """dL_t/dW_rec through step t at every t (the kink at t = 2 included), docstring's network, kink case, seeded networks, against autodiff with r_{t-1} held fixed."""
    _check_one_step(student, _visible(1360))


@check("Exercise 13.6", points=4, visibility="hidden", uses=_USES6)
def test_dL_dW_rec_one_step_hidden(student):
    """The one-step gradient for seeded networks of other sizes."""
    _check_one_step(student, _hidden(136))


# -- 13.7 the recursion back through time -------------------------------------------------

def _check_delta(student, cases):
    runs = []
    for case in cases:
        o = _unroll(*case)
        cache = o["cache"]
        W_rec, W_out = case[1], case[2]
        n = len(W_rec)
        T = len(case[4])
        for t in reversed(range(T)):
            d_next = o["delta"][t + 1]
            exp = o["delta"][t]
            own = _own(W_out, cache["r"][t]) if t >= 1 else [0.0] * n

            def plus_own(v):
                return [a + b for a, b in zip(v, own)]
            mistakes = {
                "no own": ([a - b for a, b in zip(exp, own)],
                           "Your delta_%d leaves out r_%d's own output loss: r_t reaches L "
                           "through y_t (13.4) AND through r_{t+1}; add both roads." % (t, t)),
                "W^T": (plus_own(_step(transpose(W_rec), cache["r"][t], cache["z"][t + 1],
                                       d_next)[1]),
                        "W_rec for W_rec^T: that is Kao's W_rec^T (his W_rec is our "
                        "transpose). r_{t,j} reaches z_{t+1,k} through W_rec[j][k]: sum "
                        "along row j."),
                "no gate": (plus_own(_step(W_rec, cache["r"][t], [1.0] * n, d_next)[1]),
                            "No gate on the road through r_{t+1}: delta_{t+1} passes the "
                            "ReLU of z_{t+1} first (13.5)."),
            }
            if t >= 1:
                mistakes["gate t"] = (plus_own(_step(W_rec, cache["r"][t], cache["z"][t],
                                                     d_next)[1]),
                                      "Your gate is z_t's: the road r_t -> z_{t+1} -> r_{t+1} "
                                      "passes the ReLU of time t + 1.")
            runs.append((case, cache, t, d_next, exp, mistakes))
    # inputs where two typical mistakes agree come last (on the docstring network the gate
    # of z_t equals z_{t+1}'s at t = 2 and no gate at all at t = 1): the hint names the one
    # made on the first input that shows it. Among the others t = 0 (no output road, no
    # z_0: a gate read at time t raises there) comes after t >= 1.
    runs.sort(key=lambda run: (_ambiguity(run[4], run[5]), run[2] == 0))
    for case, cache, t, d_next, exp, mistakes in runs:
        W_rec, W_out = case[1], case[2]
        got = student.call("delta_step", W_rec, W_out, cache, t, d_next)
        expect_close(got, exp, inputs={"W_rec": W_rec, "W_out": W_out,
                                       "cache": "forward(...) of %r" % (case,), "t": t,
                                       "delta_next": d_next},
                     what="delta_%d = dL/dr_%d" % (t, t),
                     hint="Two roads leave r_t: through its own output y_t (none for t = "
                          "0) and through z_{t+1} -> r_{t+1}. Add the two.",
                     mistakes=mistakes)


_USES7 = ("13.2", "13.4", "13.5")


@check("Exercise 13.7", points=2, visibility="visible", uses=_USES7)
def test_delta_step_visible(student):
    """delta_t from delta_{t+1} for t = T-1 down to 0, docstring's network, kink case, seeded networks, against autodiff's dL/dr_t."""
    _check_delta(student, _visible(1370))


@check("Exercise 13.7", points=4, visibility="hidden", uses=_USES7)
def test_delta_step_hidden(student):
    """The recursion for seeded networks of other sizes."""
    _check_delta(student, _hidden(137))


# -- 13.8 the shared weights ------------------------------------------------------------

def _check_shared(student, cases):
    for case in cases:
        o = _unroll(*case)
        cache = o["cache"]
        deltas = o["delta"]
        steps = _unroll(*case, untied=True)["steps"]
        W_rec = case[1]
        n = len(W_rec)
        T = len(case[4])
        got = student.call("shared_weight_grads", cache, deltas)
        inputs = {"cache": "forward(...) of %r" % (case,), "deltas": deltas}
        expect_true(isinstance(got, dict) and all(k in got for k in ("W_in", "W_rec", "W_out")),
                    'shared_weight_grads should return a dict with keys "W_in", "W_rec", '
                    '"W_out"', inputs=inputs, got=got,
                    hint='Give back {"W_in": ..., "W_rec": ..., "W_out": ...}.')

        def total(parts):
            acc = parts[0]
            for part in parts[1:]:
                acc = [[a + b for a, b in zip(ra, rb)] for ra, rb in zip(acc, part)]
            return acc
        wrong_rec = {
            "last": (steps[T]["W_rec"],
                     "Only the last step's part: W_rec is used at every step t = 1..T, and "
                     "its gradient is the SUM of every step's part (an assignment that "
                     "overwrites keeps only one)."),
            "first": (steps[1]["W_rec"],
                      "Only the first step's part: the gradient of a shared weight sums every "
                      "step's part."),
            "r_t": (total([_step(W_rec, cache["r"][t], cache["z"][t], deltas[t])[0]
                           for t in range(1, T + 1)]),
                    "Off by one in time: W_rec[j][k] multiplies r_{t-1,j} in z_t, not r_t."),
            "no gate": (total([_step(W_rec, cache["r"][t - 1], [1.0] * n, deltas[t])[0]
                               for t in range(1, T + 1)]),
                        "No gate: deltas[t] is dL/dr_t; W_rec reaches r_t through z_t and "
                        "the ReLU (13.5)."),
        }
        for key in ("W_rec", "W_in", "W_out"):
            mistakes = dict(wrong_rec) if key == "W_rec" else {}
            if key != "W_rec":  # W_rec's is wrong_rec["last"]: one hint, not the same twice
                mistakes["last " + key] = (steps[T][key],
                                           "Only the last step's part of dL/d%s: the weight "
                                           "is used at every step; sum every step's part."
                                           % key)
            expect_close(got[key], o["grads"][key], inputs=inputs, what="dL/d" + key,
                         hint="The multivariate chain rule: one term per use of the weight, "
                              "one use per step t = 1..T, added up.",
                         mistakes=mistakes)


_USES8 = ("13.2", "13.3", "13.5")


@check("Exercise 13.8", points=2, visibility="visible", uses=_USES8)
def test_shared_weight_grads_visible(student):
    """dL/dW_in, dL/dW_rec, dL/dW_out from the true deltas, docstring's network, kink case, seeded networks, against autodiff."""
    _check_shared(student, _visible(1380))


@check("Exercise 13.8", points=4, visibility="hidden", uses=_USES8)
def test_shared_weight_grads_hidden(student):
    """The shared weights' gradients for seeded networks of other sizes."""
    _check_shared(student, _hidden(138))


# -- 13.9 the full BPTT ------------------------------------------------------------------

def _flat(case):
    W_in, W_rec, W_out, r0, _ = case
    return [v for M in (W_in, W_rec, W_out) for row in M for v in row] + list(r0)


def _unflat(theta, case):
    W_in, W_rec, W_out, r0, xs = case
    out, i = [], 0
    for M in (W_in, W_rec, W_out):
        rows = []
        for row in M:
            rows.append(list(theta[i:i + len(row)]))
            i += len(row)
        out.append(rows)
    return out[0], out[1], out[2], list(theta[i:i + len(r0)]), xs


def _numeric(case):
    """Every gradient of L by central differences (minigrad.numeric), as bptt's dict."""
    g = numerical_gradient(lambda th: _unroll(*_unflat(th, case))["cache"]["L"], _flat(case))
    return dict(zip(("W_in", "W_rec", "W_out", "r0", "xs"), _unflat(g, case)))


def _check_bptt(student, cases, numeric=True):
    for case in cases:
        o = _unroll(*case)
        T = len(case[4])
        got = student.call("bptt", *case)
        inputs = _args(case)
        expect_true(isinstance(got, dict) and all(k in got for k in ("W_in", "W_rec", "W_out",
                                                                     "r0")),
                    'bptt should return a dict with keys "W_in", "W_rec", "W_out", "r0"',
                    inputs=inputs, got=got,
                    hint='Give back {"W_in": ..., "W_rec": ..., "W_out": ..., "r0": ...}.')
        no_last = _unroll(*case, detach=(T,))["grads"]
        no_own = _unroll(*case, detach=tuple(range(1, T)))["grads"]
        for key in ("r0", "W_rec", "W_in", "W_out"):
            expect_close(got[key], o["grads"][key], inputs=inputs, what="dL/d" + key,
                         hint="Forward (13.1); delta_T from the last output alone; delta_t for "
                              "t = T-1 down to 0 by 13.7 (dL/dr_0 is delta_0); then 13.8.",
                         mistakes={
                             "no last": (no_last[key],
                                         "Your gradient leaves out the last loss L_T's road "
                                         "into the state: delta_T is r_T's own output path "
                                         "(13.4 of 13.2 at t = T), not 0."),
                             "no own": (no_own[key],
                                        "Your gradient leaves out the output losses of the "
                                        "intermediate steps: each delta_t (t >= 1) has r_t's "
                                        "own output road (13.7)."),
                         })
        if numeric:
            num = _numeric(case)
            for key in ("r0", "W_rec", "W_in", "W_out"):
                expect_close(got[key], num[key], inputs=inputs, what="dL/d%s (numeric)" % key,
                             rel=1e-5, abs=1e-6,
                             hint="Your gradient disagrees with central differences of L.")


_USES9 = ("13.1", "13.2", "13.4", "13.7", "13.8")


@check("Exercise 13.9", points=3, visibility="visible", uses=_USES9)
def test_bptt_visible(student):
    """All gradients of the docstring's network and a kink case (against autodiff) and of three seeded networks (against autodiff and numeric gradients)."""
    _check_bptt(student, [_DOC, _KINK], numeric=False)
    _check_bptt(student, _seeded(1390, _VISIBLE_SHAPES))


@check("Exercise 13.9", points=6, visibility="hidden", uses=_USES9)
def test_bptt_hidden(student):
    """All gradients of seeded networks of other sizes, against autodiff and numeric gradients."""
    _check_bptt(student, _hidden(139))


# -- 13.10 the Jacobian product --------------------------------------------------------------

def _check_jacobian(student, cases):
    for case in cases:
        cache = _unroll(*case)["cache"]
        W_rec = case[1]
        n = len(W_rec)
        T = len(case[4])
        zs = cache["z"]
        for s in [t for t in range(1, T + 1)] + [0]:
            got = student.call("dr_T_dr_s", W_rec, cache, s)
            exp = _jacobian(W_rec, zs, cache["r"][s], s, T)
            rev = [None] * (s + 1) + list(reversed(zs[s + 1:]))
            mistakes = {
                "W": (_jacobian(transpose(W_rec), zs, cache["r"][s], s, T),
                      "W_rec for W_rec^T: d z_{t,k} / d r_{t-1,j} is W_rec[j][k], so one "
                      "step's Jacobian (rows = entries of r_t) has W_rec^T in it."),
                "order": (_jacobian(W_rec, rev, cache["r"][s], s, T),
                          "The product is in the reverse order: the step nearest r_T comes "
                          "first (leftmost) in d r_T / d r_s."),
                "no gate": (_jacobian(W_rec, [None] + [[1.0] * n for _ in range(T)],
                                      cache["r"][s], s, T),
                            "No gates: each step's Jacobian passes the ReLU of that step "
                            "(0 for an inactive unit)."),
                "layout": (transpose(exp), "That is the transpose: rows are the entries of "
                                           "r_T, J[k][j] = d r_{T,k} / d r_{s,j}."),
            }
            if s >= 1:
                shifted = [None] * (s + 1) + zs[s:T]
                mistakes["gate s"] = (_jacobian(W_rec, shifted, cache["r"][s], s, T),
                                      "Your gates are those of times s..T-1: the step "
                                      "r_{t-1} -> r_t passes the ReLU of time t, so the gates "
                                      "are those of s+1..T.")
            expect_close(got, exp, inputs={"W_rec": W_rec, "cache": "forward(...) of %r"
                                           % (case,), "s": s},
                         what="d r_%d / d r_%d" % (T, s),
                         hint="One step's Jacobian d r_t / d r_{t-1} is a gate (of z_t) "
                              "times W_rec in some orientation; chain the T - s steps with "
                              "the step nearest r_T on the left. For s = T: the identity.",
                         mistakes=mistakes)


@check("Exercise 13.10", points=2, visibility="visible")
def test_dr_T_dr_s_visible(student):
    """d r_T / d r_s for every s, docstring's network, kink case, seeded networks, against autodiff."""
    _check_jacobian(student, _visible(1400))


@check("Exercise 13.10", points=4, visibility="hidden")
def test_dr_T_dr_s_hidden(student):
    """d r_T / d r_s for seeded networks of other sizes."""
    _check_jacobian(student, _hidden(140))


# -- 13.11 vanishing and exploding ---------------------------------------------------------------

def _check_scalar(student, cases):
    for w, zs in cases:
        got = student.call("scalar_gradients", w, zs)
        exp = _scalar(w, zs)
        expect_close(got, exp, inputs={"w": w, "zs": zs}, what="[d r_t / d r_1 for t = 1..T]",
                     rel=1e-9, abs=1e-300,
                     hint="d r_1 / d r_1 = 1; each further step multiplies by that step's "
                          "local derivative d r_t / d r_{t-1}: w times the gate of z_t.",
                     mistakes={
                         "gate 1": ([0.0] * len(zs) if zs[0] <= 0 else exp,
                                    "You gated with z_1: r_1 is the variable itself, "
                                    "d r_1 / d r_1 = 1 whatever z_1 is; the gates are those "
                                    "of z_2..z_t."),
                         "w first": ([w * v for v in exp],
                                     "One factor w too many: d r_1 / d r_1 = 1, and d r_t / "
                                     "d r_1 has t - 1 factors."),
                         "no gate": (_scalar(w, [1.0] * len(zs)),
                                     "No gates: a step whose unit is inactive (z_t <= 0) "
                                     "gives the factor 0, and every later entry is 0."),
                         "kink": (_scalar(w, [1.0 if v == 0 else v for v in zs]),
                                  "At z_t = 0 exactly the kit's ReLU'(0) = 0: that step's "
                                  "factor is 0."),
                         "gate t-1": (_scalar(w, [zs[0]] + zs[:-1]),
                                      "Your gate is one step early: the step r_{t-1} -> r_t "
                                      "passes the ReLU of z_t."),
                     })


@check("Exercise 13.11", points=2, visibility="visible")
def test_scalar_gradients_visible(student):
    """The docstring's cases, a kink (z_t = 0 exactly), an inactive first unit, T = 50 at w = 0.9 and 1.1, and seeded chains, against autodiff."""
    doc = [(0.5, [1.0, 2.0, 0.5, 1.5, 1.0]), (1.5, [1.0, 2.0, 0.5, 1.5, 1.0]),
           (1.5, [1.0, 2.0, -0.5, 1.5, 1.0])]
    edge = [(2.0, [1.0, 0.5, 1.0, 0.0, 1.0, 2.0]), (-0.8, [-1.0, 0.5, -1.0, 0.25, 2.0]),
            (0.9, [1.0] * 50), (1.1, [0.5] * 50)]

    def make(rng):
        return (round(rng.uniform(-1.5, 1.5), 2),
                [away_from_kinks(rng, -1.0, 2.0) for _ in range(rng.randint(4, 8))])
    _check_scalar(student, doc + edge + seeded(1410, 3, make))


@check("Exercise 13.11", points=4, visibility="hidden")
def test_scalar_gradients_hidden(student):
    """d r_t / d r_1 for seeded chains of other lengths."""
    def make(rng):
        return (round(rng.uniform(-2.0, 2.0), 2),
                [away_from_kinks(rng, -1.0, 2.0) for _ in range(rng.randint(2, 30))])
    _check_scalar(student, seeded(141, 6, make) + [(1.05, [0.5] * 80)])


# -- hints, bookkeeping, what an exception means, typical mistakes ------------------

BOOKKEEPING = ("Exercise 13.1",)

HINTS = {
    "Exercise 13.1": [
        "Walk the time steps in order, t = 1..T: the product with W_rec and W_in, the ReLU, the "
        "product with W_out, the squared norm. Keep every intermediate list in the cache.",
        "W[j][k] goes from unit j below to unit k above: entry k of W^T v sums W[j][k] v_j over "
        "the rows j (Kao's W v walks the other way). The step at time t reads r_{t-1} and x_t, "
        "and xs[t - 1] is x_t.",
        "Index the cache by time: the lists for x, z, y and L_t start with None (time 0), the "
        "list for r starts with r_0. L is the sum of L_1..L_T.",
    ],
    "Exercise 13.2": [
        "The loss is a sum over time: find which of the terms L_s contain y_t at all.",
        "Only L_t does, so dL/dy_{t,k} = dL_t/dy_{t,k}, the derivative of the sum of squares "
        "with respect to one of its entries.",
        "The derivative of y squared is twice y. Read y_t from the cache at index t (the lists "
        "are indexed by time, entry 0 is None).",
    ],
    "Exercise 13.3": [
        "The chain rule for one weight at one step: W_out[j][k] enters y_t only through "
        "y_{t,k}, so the step-t part has one term, no sum.",
        "It is (d y_{t,k} / d W_out[j][k]) times dL/dy_{t,k}; differentiate y_{t,k}, the sum "
        "over j of W_out[j][k] r_{t,j}, with respect to W_out[j][k].",
        "That local derivative is the state entry r_{t,j} of the same time t. Entry [j][k] pairs "
        "r_{t,j} with g_y[k]: n rows of p entries, shaped like W_out.",
    ],
    "Exercise 13.4": [
        "The multivariate chain rule: r_{t,j} reaches L_t through every output y_{t,k}, so "
        "the answer for unit j is a sum over the p outputs.",
        "Each term is (d y_{t,k} / d r_{t,j}) times dL/dy_{t,k}. Differentiate y_{t,k} with "
        "respect to r_{t,j}.",
        "That derivative is W_out[j][k]: the sum walks along row j of W_out. Kao's W_out^T is "
        "for his W_out (rows = outputs). The answer has n entries.",
    ],
    "Exercise 13.5": [
        "The chain rule through one node: r_{t,k} = ReLU(z_{t,k}) depends on z_{t,k} alone, so "
        "each entry is a local derivative times delta_{t,k}, no sum.",
        "The local derivative is ReLU' evaluated at the ReLU's INPUT z_{t,k} of the same time "
        "t. The slide evaluates an indicator on r_t with a non-strict inequality: what does it "
        "give for a ReLU output?",
        "ReLU'(z) is 1 for z > 0 and 0 for z < 0; at z = 0 exactly the kit takes 0. Each "
        "delta_{t,k} either passes unchanged or becomes 0.",
    ],
    "Exercise 13.6": [
        "Follow L_t back through one step only: L_t <- y_t <- r_t <- z_t <- W_rec, holding "
        "r_{t-1} fixed. Your 13.2, 13.4 and 13.5 give the first three links in order.",
        "Then the chain rule for one weight: W_rec[j][k] enters z_t only through z_{t,k}, so "
        "the entry [j][k] is (d z_{t,k} / d W_rec[j][k]) times dL_t/dz_{t,k}.",
        "d z_{t,k} / d W_rec[j][k] is the state the weight multiplies in z_t: r_{t-1,j}, one "
        "step BEFORE (Kao's r_t before his r_{t+1}). The gate is that of z_t. The result is an "
        "n x n outer product, row j for the unit of r_{t-1}.",
    ],
    "Exercise 13.7": [
        "Draw the roads out of r_t: one into its own output y_t (for t >= 1), one into z_{t+1} "
        "and from there to r_{t+1} and everything later. The multivariate chain rule adds "
        "the two.",
        "The road through y_t is 13.4 applied to dL/dy_t (13.2). The road through r_{t+1}: "
        "first the gate of z_{t+1} on delta_{t+1} (13.5 at time t + 1), then from z_{t+1} "
        "back to r_t.",
        "d z_{t+1,k} / d r_{t,j} is W_rec[j][k], so the second road sums over k along row j "
        "of W_rec (Kao's W_rec^T is for his W_rec). At t = 0 only the second road exists.",
    ],
    "Exercise 13.8": [
        "A shared weight is used once per step: the multivariate chain rule gives one term "
        "per use, and the gradient is their sum over t = 1..T.",
        "At step t: dL/dz_t from deltas[t] through the gate (13.5); then W_rec's part pairs "
        "the state that entered the step with dL/dz_t, W_in's part pairs x_t with dL/dz_t, "
        "and W_out's part is 13.3 with dL/dy_t (13.2).",
        "W_rec[j][k] multiplies r_{t-1,j} in z_t (not r_t). Start every sum at zero and add "
        "every step's part; an assignment inside the loop keeps only one step.",
    ],
    "Exercise 13.9": [
        "Three phases: the forward pass (13.1); the deltas from the last time back to time 0; "
        "the shared weights' sums (13.8).",
        "delta_T has no later step: r_T reaches L only through its own output y_T (13.4 of "
        "13.2 at time T). Every earlier delta_t comes from delta_{t+1} by 13.7.",
        "Run the recursion for t = T - 1 down to 0 inclusive: dL/dr_0 is delta_0. Then pass "
        "the list of all T + 1 deltas to 13.8 and add dL/dr_0 to its dict.",
    ],
    "Exercise 13.10": [
        "The chain rule for vectors: d r_T / d r_s is the product of the one-step Jacobians "
        "d r_t / d r_{t-1} for t = s+1..T.",
        "One step: r_{t,k} = ReLU(z_{t,k}), z_{t,k} = sum over j of W_rec[j][k] r_{t-1,j} + "
        "(input term), so d r_{t,k} / d r_{t-1,j} is the gate of z_{t,k} times W_rec[j][k]: "
        "row k of that Jacobian is column k of W_rec, gated.",
        "Chain them with the step nearest r_T on the left: J_T times J_{T-1} ... times "
        "J_{s+1}. Start from the identity (the answer for s = T).",
    ],
    "Exercise 13.11": [
        "13.10 for one unit: a product of numbers, one factor per step from time 2 to time t.",
        "The factor of step u is d r_u / d r_{u-1}: the derivative of ReLU(w r_{u-1} + input) "
        "with respect to r_{u-1}, the gate of z_u times w.",
        "The entry for t = 1 is 1 (no step). Each later entry is the one before times w "
        "times the gate of z_t (0 at z_t = 0). Then look at |w| to the power t - 1.",
    ],
}

_CACHE = ('The cache is the dict 13.1 gives back, with the keys "x", "z", "r", "y", "L_t", '
          '"L", each list indexed by time t (r[0] is r_0; the others have None at 0).')
_NONE = ("A TypeError with None usually means you read entry 0 of x, z or y: nothing happens "
         "at time 0 (only r has an entry r_0). ")

ERRORS = {
    "Exercise 13.1": {"IndexError": "An IndexError here usually means you walked a matrix the "
                                    "way of Kao's slides (rows = outputs). Here W_in is m x n, "
                                    "W_rec n x n, W_out n x p: row j holds the weights out of "
                                    "unit j."},
    "Exercise 13.2": {"KeyError": _CACHE, "TypeError": _NONE + _CACHE},
    "Exercise 13.3": {"KeyError": _CACHE, "TypeError": _NONE + _CACHE},
    "Exercise 13.4": {"IndexError": "An IndexError here usually means you used Kao's W_out^T "
                                    "product: W_out is n x p here, and the answer has one "
                                    "entry per state unit (a row of W_out)."},
    "Exercise 13.5": {"KeyError": _CACHE, "TypeError": _NONE + _CACHE},
    "Exercise 13.6": {"KeyError": _CACHE, "TypeError": _NONE + _CACHE},
    "Exercise 13.7": {"KeyError": _CACHE,
                      "TypeError": _NONE + "At t = 0, r_0 has no output of its own: only the "
                                           "road through r_1 exists.",
                      "IndexError": "An IndexError here usually means a time index past T: "
                                    "delta_t uses the gate of time t + 1, and t runs 0..T-1."},
    "Exercise 13.8": {"KeyError": _CACHE, "TypeError": _NONE + _CACHE,
                      "IndexError": "An IndexError here usually means deltas was read past its "
                                    "end or a matrix was built with the wrong shape: deltas has "
                                    "T + 1 entries (t = 0..T)."},
    "Exercise 13.9": {"IndexError": "An IndexError here usually means a time index past T: "
                                    "the recursion runs t = T - 1 down to 0 and delta_t is found "
                                    "from delta_{t+1} at the same t.",
                      "TypeError": _NONE + "dL/dr_0 is delta_0: run the recursion down to t = 0."},
    "Exercise 13.10": {"KeyError": _CACHE, "TypeError": _NONE + "The gates of d r_T / d r_s are "
                                                                "those of times s+1..T."},
    "Exercise 13.11": {"IndexError": "An IndexError here usually means the list of factors ran "
                                     "past zs: there are T entries, one per time t = 1..T."},
}
