"""Exercise 04: The chain rule (seeds 002 and 003 chain rule cases, 001 vector form, 000 path factoring)."""

import itertools
import math

from grading.check import (check, expect_close, expect_equal, seeded, CheckFailed,
                           StudentError)
from minigrad import Value

MODULE = "ex04_chain_rule"
ALLOWED_IMPORTS = ["math"]


# -- oracles (the grader's own, never the solution's) -------------------------
# Visible checks (which `grader.py release` gives to students) take every expected
# value from minigrad autodiff, or count paths and edges by listing them one by one.
# The closed forms some hidden checks use are in _hidden_ functions, which the
# release strips. Typical wrong answers come from the same oracles (a link
# differentiated at the wrong point, a path held constant, J transposed).

def _chain_oracle(p):
    """Forward values and ds/dp of s = tanh(log(p**2 + 1)) by minigrad autodiff."""
    P = Value(p)
    q = P ** 2 + 1
    r = q.log()
    s = r.tanh()
    s.backward()
    return q.data, r.data, s.data, P.grad


def _link_derivatives(p_in, q_in, r_in):
    """[f'(p_in), g'(q_in), h'(r_in)]: each link differentiated on its own by autodiff,
    at the input given (the log link needs q_in > 0)."""
    out = []
    for x0, f in ((p_in, lambda v: v ** 2 + 1), (q_in, lambda v: v.log()),
                  (r_in, lambda v: v.tanh())):
        v = Value(x0)
        f(v).backward()
        out.append(v.grad)
    return out


def _hidden_link_derivatives(p_in, q_in, r_in):
    return [2 * p_in, 1.0 / q_in if q_in else float("inf"), 1 - math.tanh(r_in) ** 2]


def _case2_oracle(s):
    S = Value(s)
    x = S.exp()
    y = S ** 2
    z = x * y
    z.backward()
    return x.data, y.data, z.data, S.grad


def _case2_paths(s):
    """(path through x, path through y) by autodiff: z differentiated with the other
    branch held constant at its forward value."""
    x, y, _, _ = _case2_oracle(s)
    S = Value(s)
    (S.exp() * y).backward()
    S2 = Value(s)
    (x * S2 ** 2).backward()
    return S.grad, S2.grad


def _jt_oracle(J, g):
    """grad_x of z = sum_j g_j y_j, y = J x (a map whose Jacobian is J), by autodiff."""
    m = len(J[0])
    xs = [Value(0.3 * i - 0.2) for i in range(m)]
    z = Value(0.0)
    for row, gj in zip(J, g):
        yj = sum((a * xv for a, xv in zip(row, xs)), Value(0.0))
        z = z + gj * yj
    z.backward()
    return [xv.grad for xv in xs]


def _dL_dw_oracle(w, xs, ts):
    W = Value(w)
    L = Value(0.0)
    for x, t in zip(xs, ts):
        L = L + 0.5 * (W * x - t) ** 2
    L.backward()
    return W.grad


def _dl_dz_oracle(w, x, t):
    """dl/dz of l = (z - t)**2 / 2 at z = w x, by autodiff."""
    Z = Value(float(w * x))
    (0.5 * (Z - t) ** 2).backward()
    return Z.grad


def _paths_brute(widths):
    """Count paths by listing them: one node index per layer."""
    return sum(1 for _ in itertools.product(*[range(w) for w in widths]))


def _edges_brute(widths):
    """Count multiply-adds of the factored sum: one per edge (i in layer l, j in layer l+1)."""
    n = 0
    for l in range(len(widths) - 1):
        for _i in range(widths[l]):
            for _j in range(widths[l + 1]):
                n += 1
    return n


def _hidden_small(widths):
    return len(widths) <= 8 and math.prod(widths) <= 20000


def _hidden_paths(widths):
    return _paths_brute(widths) if _hidden_small(widths) else math.prod(widths)


def _hidden_edges(widths):
    return _edges_brute(widths) if _hidden_small(widths) else \
        sum(a * b for a, b in zip(widths, widths[1:]))


def _random_D(rng, widths, lo=-1.0, hi=1.0):
    return [[[rng.uniform(lo, hi) for _ in range(widths[l + 1])] for _ in range(widths[l])]
            for l in range(len(widths) - 1)]


def _D_oracle(D):
    """dz/dtheta by autodiff on the linear layered graph node_j = sum_i D[l][i][j] node_i."""
    theta = Value(0.7)
    layer = [theta]
    for M in D:
        layer = [sum((M[i][j] * layer[i] for i in range(len(layer))), Value(0.0))
                 for j in range(len(M[0]))]
    layer[0].backward()
    return theta.grad


def _hidden_D_paths_brute(D):
    """The nested sum of seed 000, by listing every path (small graphs only)."""
    widths = [1] + [len(M[0]) for M in D]
    total = 0.0
    for path in itertools.product(*[range(w) for w in widths]):
        prod = 1.0
        for l, M in enumerate(D):
            prod *= M[path[l]][path[l + 1]]
        total += prod
    return total


# -- 4.1 chain forward --------------------------------------------------------

def _check_chain_forward(student, ps):
    for p in ps:
        got = student.call("chain_forward", p)
        q, r, s, _ = _chain_oracle(p)
        expect_close(got, [q, r, s], inputs={"p": p}, what="[q, r, s]",
                     hint="q = p**2 + 1, r = log(q) (natural log, math.log), s = tanh(r); "
                          "each function is applied to the previous result, not to p.",
                     mistakes={
                         "applied to p": ([q, math.log(p * p) if p != 0 else 0.0, math.tanh(p)],
                                          "r and s must be computed from the previous link "
                                          "(r = g(q), s = h(r)), not from p."),
                     })


@check("Exercise 4.1", points=1, visibility="visible")
def test_chain_forward_visible(student):
    """The forward values q, r, s at p = 1 and p = -0.5."""
    _check_chain_forward(student, [1.0, -0.5])


@check("Exercise 4.1", points=2, visibility="hidden")
def test_chain_forward_hidden(student):
    """The forward values q, r, s at seeded p, including p = 0."""
    _check_chain_forward(student, [0.0] + seeded(41, 5, lambda rng: rng.uniform(-3, 3)))


# -- 4.2 local derivatives ----------------------------------------------------

def _check_locals(student, ps, derivatives_at):
    """Expected: each link by autodiff at its own input. ``derivatives_at(p, q, r)``
    gives the "all at p" mistake: _link_derivatives (visible checks, p > 0) or a closed
    form (hidden, any p)."""
    for p in ps:
        got = student.call("chain_local_derivatives", p)
        q, r, _, _ = _chain_oracle(p)
        expected = _link_derivatives(p, q, r)
        expect_close(got, expected, inputs={"p": p}, what="[dq/dp, dr/dq, ds/dr]",
                     hint="Evaluate each local derivative at its own link's input: "
                          "f'(p) = 2p, g'(q) = 1/q, h'(r) = 1 - tanh(r)**2.",
                     mistakes={
                         "all at p": (derivatives_at(p, p, p),
                                      "Every local derivative is evaluated at p, but dr/dq "
                                      "is g' at q and ds/dr is h' at r: use the values the "
                                      "forward pass cached."),
                         "1 - r**2": (expected[:2] + [1 - r ** 2],
                                      "ds/dr = 1 - tanh(r)**2 = 1 - s**2, not 1 - r**2: "
                                      "r is the input of tanh, s its output."),
                     })


@check("Exercise 4.2", points=1, visibility="visible")
def test_chain_locals_visible(student):
    """dq/dp, dr/dq, ds/dr at p = 1 (expected [2, 0.5, 0.64])."""
    _check_locals(student, [1.0], _link_derivatives)


@check("Exercise 4.2", points=2, visibility="hidden")
def test_chain_locals_hidden(student):
    """dq/dp, dr/dq, ds/dr at seeded p against autodiff of each link."""
    _check_locals(student, seeded(42, 5, lambda rng: rng.uniform(-3, 3)),
                  _hidden_link_derivatives)


# -- 4.3 ds/dp -----------------------------------------------------------------

def _check_ds_dp(student, ps):
    for p in ps:
        got = student.call("ds_dp", p)
        q, r, s, expected = _chain_oracle(p)
        locals_ = _link_derivatives(p, q, r)
        expect_close(got, expected, inputs={"p": p}, what="ds/dp",
                     hint="Multiply the three local derivatives: ds/dp = ds/dr * dr/dq * dq/dp.",
                     mistakes={
                         "sum": (sum(locals_), "You added the local derivatives; along one "
                                 "chain the chain rule multiplies them."),
                         "last link only": (locals_[2], "Only ds/dr: multiply by dr/dq and "
                                            "dq/dp too."),
                     })


@check("Exercise 4.3", points=1, visibility="visible")
def test_ds_dp_visible(student):
    """ds/dp at p = 1 (expected 0.64)."""
    _check_ds_dp(student, [1.0])


@check("Exercise 4.3", points=2, visibility="hidden")
def test_ds_dp_hidden(student):
    """ds/dp at seeded p, and p = 0, against minigrad autodiff."""
    _check_ds_dp(student, [0.0] + seeded(43, 5, lambda rng: rng.uniform(-3, 3)))


# -- 4.4 case 2 forward --------------------------------------------------------

def _check_case2_forward(student, ss):
    for s in ss:
        got = student.call("case2_forward", s)
        x, y, z, _ = _case2_oracle(s)
        expect_close(got, [x, y, z], inputs={"s": s}, what="[x, y, z]",
                     hint="x = exp(s), y = s**2, z = x * y.")


@check("Exercise 4.4", points=1, visibility="visible")
def test_case2_forward_visible(student):
    """x, y, z of seed 003's case 2 graph at s = 1."""
    _check_case2_forward(student, [1.0])


@check("Exercise 4.4", points=2, visibility="hidden")
def test_case2_forward_hidden(student):
    """x, y, z at seeded s."""
    _check_case2_forward(student, seeded(44, 5, lambda rng: rng.uniform(-2.5, 2.5)))


# -- 4.5 dz/ds: two paths summed -----------------------------------------------

def _check_dz_ds(student, ss):
    for s in ss:
        got = student.call("dz_ds", s)
        x, y, z, expected = _case2_oracle(s)
        path_x, path_y = _case2_paths(s)
        expect_close(got, expected, inputs={"s": s}, what="dz/ds",
                     hint="s reaches z along two paths; add them: "
                          "dz/ds = dz/dx dx/ds + dz/dy dy/ds.",
                     mistakes={
                         "x path only": (path_x, "You kept only the path through x. s also "
                                         "reaches z through y: add dz/dy dy/ds = x * 2s "
                                         "(seed 003 case 2)."),
                         "y path only": (path_y, "You kept only the path through y. s also "
                                         "reaches z through x: add dz/dx dx/ds = y * exp(s) "
                                         "(seed 003 case 2)."),
                         "product": (path_x * path_y, "You multiplied the two paths; "
                                     "separate paths are added (seed 003 case 2)."),
                     })


@check("Exercise 4.5", points=1, visibility="visible")
def test_dz_ds_visible(student):
    """dz/ds at s = 1 (expected 3e)."""
    _check_dz_ds(student, [1.0])


@check("Exercise 4.5", points=2, visibility="hidden")
def test_dz_ds_hidden(student):
    """dz/ds at seeded s against minigrad autodiff."""
    _check_dz_ds(student, seeded(45, 5, lambda rng: rng.uniform(-2.5, 2.5)))


# -- 4.6 vector chain rule -----------------------------------------------------

def _check_grad_x(student, cases):
    for J, g in cases:
        got = student.call("grad_x", J, g)
        expected = _jt_oracle(J, g)
        mistakes = {}
        if len(J) == len(J[0]):
            J_T = [list(col) for col in zip(*J)]
            mistakes["J g"] = (_jt_oracle(J_T, g), "You computed J grad_y. The chain rule "
                               "needs the transpose: entry i is sum_j J[j][i] * grad_y[j] "
                               "(J[j][i] = dy_j/dx_i).")
        expect_close(got, expected, inputs={"J": J, "grad_y": g}, what="grad_x z",
                     hint="grad_x z = J^T grad_y z: entry i is sum over j of J[j][i] * "
                          "grad_y[j]; the result has one entry per column of J (transpose!).",
                     mistakes=mistakes)


@check("Exercise 4.6", points=1, visibility="visible")
def test_grad_x_visible(student):
    """J^T grad_y for a 2x2 and the docstring's 3x2 Jacobian."""
    _check_grad_x(student, [([[1.0, 2.0], [3.0, 4.0]], [1.0, -1.0]),
                            ([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [1.0, 1.0, 0.0])])


@check("Exercise 4.6", points=2, visibility="hidden")
def test_grad_x_hidden(student):
    """J^T grad_y for seeded square, tall, wide and 1-row Jacobians."""
    def make(rng, n, m):
        return ([[rng.uniform(-2, 2) for _ in range(m)] for _ in range(n)],
                [rng.uniform(-2, 2) for _ in range(n)])
    rng_cases = seeded(46, 1, lambda rng: [make(rng, 3, 3), make(rng, 4, 2), make(rng, 2, 5),
                                           make(rng, 1, 3), make(rng, 3, 1)])[0]
    _check_grad_x(student, rng_cases)


# -- 4.7 one example's dl/dw ---------------------------------------------------

def _check_dln_dw(student, cases):
    for w, x, t in cases:
        got = student.call("dln_dw", w, x, t)
        expected = _dL_dw_oracle(w, [x], [t])
        expect_close(got, expected, inputs={"w": w, "x": x, "t": t}, what="dl/dw",
                     hint="dl/dw = dz/dw * dl/dz with z = w x (dz/dw = x) and "
                          "l = (z - t)**2 / 2 (dl/dz = z - t).",
                     mistakes={
                         "no dz/dw": (_dl_dz_oracle(w, x, t), "That is dl/dz. Multiply by "
                                      "dz/dw = x, the input the weight connects (seed "
                                      "003's forward pass)."),
                         "sign": (-expected, "Sign: dl/dz = z - t, not t - z."),
                         "factor 2": (2 * expected, "l has a factor 1/2, so dl/dz = z - t "
                                      "without the 2."),
                     })


@check("Exercise 4.7", points=1, visibility="visible")
def test_dln_dw_visible(student):
    """dl/dw at w = 2, x = 3, t = 1 (expected 15)."""
    _check_dln_dw(student, [(2.0, 3.0, 1.0)])


@check("Exercise 4.7", points=2, visibility="hidden")
def test_dln_dw_hidden(student):
    """dl/dw at seeded w, x, t, including x = 0 and a perfect fit."""
    cases = seeded(47, 4, lambda rng: (rng.uniform(-2, 2), rng.uniform(-2, 2),
                                       rng.uniform(-2, 2)))
    cases += [(1.5, 0.0, 0.7), (0.5, 2.0, 1.0)]
    _check_dln_dw(student, cases)


# -- 4.8 dL/dw = sum over examples ----------------------------------------------

def _check_dL_dw(student, cases):
    for w, xs, ts in cases:
        got = student.call("dL_dw", w, xs, ts)
        expected = _dL_dw_oracle(w, xs, ts)
        per = [_dL_dw_oracle(w, [x], [t]) for x, t in zip(xs, ts)]
        expect_close(got, expected, inputs={"w": w, "xs": xs, "ts": ts}, what="dL/dw",
                     hint="dL/dw = sum over all examples n of dl^n/dw (exercise 4.7).",
                     mistakes={
                         "mean": (sum(per) / len(per), "You averaged. Seed 003's loss is "
                                  "L = sum_n l^n, so dL/dw is the sum, not the mean."),
                         "last only": (per[-1], "Only the last example counted: add "
                                       "dl^n/dw over all examples."),
                     })


@check("Exercise 4.8", points=1, visibility="visible")
def test_dL_dw_visible(student):
    """dL/dw for two examples (expected 17)."""
    _check_dL_dw(student, [(2.0, [3.0, 1.0], [1.0, 0.0])])


@check("Exercise 4.8", points=2, visibility="hidden")
def test_dL_dw_hidden(student):
    """dL/dw for seeded data sets of 1 to 7 examples."""
    def make(rng):
        n = rng.randint(1, 7)
        return (rng.uniform(-2, 2), [rng.uniform(-2, 2) for _ in range(n)],
                [rng.uniform(-2, 2) for _ in range(n)])
    cases = seeded(48, 5, make)
    cases.sort(key=lambda c: -len(c[1]))  # several examples first
    _check_dL_dw(student, cases)


# -- 4.9 / 4.10 counting ------------------------------------------------------

def _check_counts(student, widths_list, fn, count_paths, count_edges):
    """``count_paths`` and ``count_edges`` are the oracles: listing paths and edges one by
    one (visible checks), or closed forms for deep graphs (hidden)."""
    for widths in widths_list:
        got = student.call(fn, widths)
        paths = count_paths(widths)
        edges = count_edges(widths)
        nodes = sum(widths)
        if fn == "count_paths":
            expect_equal(got, paths, inputs={"widths": widths}, what="the number of paths",
                         hint="A path picks one node in every layer: multiply the widths.",
                         mistakes={
                             "nodes": (nodes, "You added the widths (counted nodes). A path "
                                       "picks one node per layer, so the counts multiply."),
                             "edges": (edges, "That is the number of edges (exercise 4.10). "
                                       "Paths multiply: widths[0] * widths[1] * ..."),
                         })
        else:
            expect_equal(got, edges, inputs={"widths": widths},
                         what="the multiply-add count of the factored sum",
                         hint="One multiply-add per edge: sum over adjacent layers of "
                              "widths[l] * widths[l+1].",
                         mistakes={
                             "nodes": (nodes, "You counted nodes. Each delta_i sums over "
                                       "all nodes of the next layer: one multiply-add per "
                                       "edge, widths[l] * widths[l+1] per pair of layers."),
                             "paths": (paths, "That is the number of paths, the cost of "
                                       "the nested sum. The factored sum costs one "
                                       "multiply-add per edge."),
                         })


@check("Exercise 4.9", points=1, visibility="visible")
def test_count_paths_visible(student):
    """The number of paths for widths [1, 3, 2, 1] (expected 6)."""
    _check_counts(student, [[1, 3, 2, 1]], "count_paths", _paths_brute, _edges_brute)


@check("Exercise 4.9", points=2, visibility="hidden")
def test_count_paths_hidden(student):
    """Path counts for seeded small graphs (listed one by one) and deep ones (10**10 and more)."""
    small = seeded(49, 5, lambda rng: [rng.randint(1, 4)] +
                   [rng.randint(1, 5) for _ in range(rng.randint(1, 4))] + [rng.randint(1, 3)])
    _check_counts(student, small + [[1, 1], [1] + [10] * 10 + [1], [1] + [7] * 25 + [1]],
                  "count_paths", _hidden_paths, _hidden_edges)


@check("Exercise 4.10", points=1, visibility="visible")
def test_factored_cost_visible(student):
    """The factored sum's work for widths [1, 3, 2, 1] (expected 11)."""
    _check_counts(student, [[1, 3, 2, 1]], "factored_cost", _paths_brute, _edges_brute)


@check("Exercise 4.10", points=2, visibility="hidden")
def test_factored_cost_hidden(student):
    """The factored sum's work for seeded small graphs (edges listed one by one) and deep ones."""
    small = seeded(410, 5, lambda rng: [rng.randint(1, 4)] +
                   [rng.randint(1, 5) for _ in range(rng.randint(1, 4))] + [rng.randint(1, 3)])
    _check_counts(student, small + [[1, 1], [1] + [10] * 10 + [1], [1] + [7] * 25 + [1]],
                  "factored_cost", _hidden_paths, _hidden_edges)


# -- 4.11 / 4.12 dz/dtheta ----------------------------------------------------

_DOC_D = [[[1.0, 2.0]], [[3.0], [4.0]]]


def _check_dz_dtheta(student, fn, Ds, brute_force=None):
    """Expected by autodiff; hidden checks also pass ``brute_force``, the nested sum over
    every path, a second oracle that must agree on small graphs."""
    for D in Ds:
        expected = _D_oracle(D)
        if brute_force is not None and len(D) <= 5 and max(len(M[0]) for M in D) <= 4:
            brute = brute_force(D)
            if abs(brute - expected) > 1e-9 * max(1.0, abs(expected)):  # oracles disagree
                raise AssertionError("check oracles disagree: %r vs %r" % (brute, expected))
        try:
            got = student.call(fn, D)
        except StudentError as err:
            if err.kind in ("timeout", "memory") and fn == "dz_dtheta_factored":
                raise CheckFailed(
                    "dz/dtheta_q did not finish for a graph of %d layers (%d ** %d paths)"
                    % (len(D) + 1, len(D[1][0]), len(D) - 1),
                    what="dz/dtheta_q", inputs={"layers": len(D) + 1},
                    hint="Enumerating the paths (exercise 4.11) is exponential in depth. "
                         "Factor: keep delta for a whole layer, start with [1.0] at z and "
                         "go backwards, delta_i = sum_j D[l][i][j] * delta_j.") from None
            raise
        first_only = sum(D[0][0])
        scale = max(1.0, abs(expected))
        expect_close(got, expected, inputs={"D": D} if len(D) <= 5 else {"layers": len(D) + 1},
                     what="dz/dtheta_q", abs=1e-9 * scale,
                     hint="Sum over every path theta_q -> ... -> z of the product of the local "
                          "derivatives D[l][i][j] along it (edge from node i of layer l to "
                          "node j of layer l+1, i.e. db_j/da_i, not db_j/da_j).",
                     mistakes={
                         "no upstream delta": (first_only, "You added up D[l][i][j] without "
                                               "multiplying by delta_j of the next layer: "
                                               "delta_i = sum_j D[l][i][j] * delta_j."),
                     })


@check("Exercise 4.11", points=1, visibility="visible")
def test_dz_dtheta_paths_visible(student):
    """The sum over paths for the docstring's graph (expected 11)."""
    _check_dz_dtheta(student, "dz_dtheta_paths", [_DOC_D])


@check("Exercise 4.11", points=2, visibility="hidden")
def test_dz_dtheta_paths_hidden(student):
    """The sum over paths for seeded graphs of 2 to 5 layers, against autodiff and a brute-force sum."""
    Ds = seeded(411, 5, lambda rng: _random_D(
        rng, [1] + [rng.randint(1, 4) for _ in range(rng.randint(1, 4))] + [1]))
    _check_dz_dtheta(student, "dz_dtheta_paths", [[[[2.5]]]] + Ds, _hidden_D_paths_brute)


@check("Exercise 4.12", points=1, visibility="visible")
def test_dz_dtheta_factored_visible(student):
    """The factored sum for the docstring's graph (expected 11) and seeded 4-layer graphs."""
    Ds = seeded(4120, 1, lambda rng: _random_D(rng, [1, 3, 2, 1]))
    _check_dz_dtheta(student, "dz_dtheta_factored", [_DOC_D] + Ds)


@check("Exercise 4.12", points=2, visibility="hidden", timeout=2.0)
def test_dz_dtheta_factored_hidden(student):
    """The factored sum for seeded graphs, and a 32-layer one with 4**30 paths that only factoring can finish."""
    Ds = seeded(412, 5, lambda rng: _random_D(
        rng, [1] + [rng.randint(1, 4) for _ in range(rng.randint(1, 4))] + [1]))
    deep = seeded(4121, 1, lambda rng: _random_D(rng, [1] + [4] * 30 + [1]))
    _check_dz_dtheta(student, "dz_dtheta_factored", Ds + deep, _hidden_D_paths_brute)


MISTAKES = [
    # (task, text in solutions/ex04_chain_rule.py to replace, replacement, fragment expected)
    ("4.1", "    r = math.log(q)\n    s = math.tanh(r)\n    return [q, r, s]",
     "    r = math.log(q)\n    s = math.tanh(p)\n    return [q, r, s]", "s = tanh(r)"),
    ("4.2", "ds_dr = 1.0 - math.tanh(r) ** 2", "ds_dr = 1.0 - r ** 2", "1 - s**2"),
    ("4.2", "dr_dq = 1.0 / q", "dr_dq = 1.0 / p", "own link's input"),
    ("4.3", "return ds_dr * dr_dq * dq_dp", "return ds_dr + dr_dq + dq_dp", "added"),
    ("4.5", "return dz_dx * dx_ds + dz_dy * dy_ds", "return dz_dx * dx_ds", "through y"),
    ("4.5", "return dz_dx * dx_ds + dz_dy * dy_ds",
     "return (dz_dx * dx_ds) * (dz_dy * dy_ds)", "added"),
    ("4.6", "return [sum(J[j][i] * grad_y[j] for j in range(n)) for i in range(m)]",
     "return [sum(J[i][j] * grad_y[j] for j in range(m)) for i in range(n)]", "transpose"),
    ("4.7", "return dz_dw * dl_dz", "return dl_dz", "dz/dw = x"),
    ("4.8", "return sum(dln_dw(w, x, t) for x, t in zip(xs, ts))",
     "return sum(dln_dw(w, x, t) for x, t in zip(xs, ts)) / len(xs)", "not the mean"),
    ("4.9", "    paths = 1\n    for width in widths:\n        paths *= width",
     "    paths = 0\n    for width in widths:\n        paths += width", "counted nodes"),
    ("4.10", "return sum(widths[l] * widths[l + 1] for l in range(len(widths) - 1))",
     "return sum(widths)", "one multiply-add per edge"),
    ("4.12", "        delta = [sum(row[j] * delta[j] for j in range(len(row))) for row in layer]\n"
             "    return delta[0]",
     "        delta = [sum(row[j] * delta[j] for j in range(len(row))) for row in layer]\n"
     "    return dz_dtheta_paths(D)", "exponential in depth", "hidden"),
    ("4.12", "delta = [sum(row[j] * delta[j] for j in range(len(row))) for row in layer]",
     "delta = [sum(row[j] for j in range(len(row))) for row in layer]", "delta_j"),
]
