"""Exercise 04: The chain rule (seeds 002 and 003 chain rule cases, 001 vector form, 000 path factoring)."""

import itertools
import math

from grading.check import (check, expect_close, expect_equal, seeded, CheckFailed,
                           StudentError)
from minigrad import Value
from minigrad.losses import squared_error
from tests.checks.common import expect_inputs_kept

MODULE = "ex04_chain_rule"
ALLOWED_IMPORTS = ["math"]


# -- hints on demand (python grader.py hint 4.5): rule, chain, factors; no code ----

HINTS = {
    "Exercise 4.1": [
        "A forward pass: apply the three functions of the module docstring one after the "
        "other, each to the result of the previous one.",
        "q comes from p, r comes from q (not from p), s comes from r. The log is the "
        "natural log.",
    ],
    "Exercise 4.2": [
        "A local derivative belongs to one link: it is the derivative of that link's "
        "function alone, taken at the value that link receives.",
        "dq/dp is f' taken at p, dr/dq is g' taken at q, ds/dr is h' taken at r. Get q and "
        "r from the forward pass at this p.",
        "f(p) = p squared plus 1, g is the natural log, h is tanh. The derivative of tanh "
        "can be written with tanh itself; its input is r and its output is s.",
    ],
    "Exercise 4.3": [
        "Case 1 of the chain rule (seeds 002 and 003): one chain from p to s, no branches.",
        "Along one chain, ds/dp is the product ds/dr times dr/dq times dq/dp: one factor "
        "per link, nothing added.",
        "The three factors are the local derivatives of exercise 4.2 at this p.",
    ],
    "Exercise 4.4": [
        "A forward pass of three nodes: x and y both come from s, z from x and y.",
        "x is the exponential of s, y is s squared, z is the product of x and y.",
    ],
    "Exercise 4.5": [
        "Case 2 of the chain rule (seed 003): s reaches z along two paths, one through x "
        "and one through y. Each path contributes, and contributions of different paths "
        "are added.",
        "dz/ds is (dz/dx)(dx/ds) plus (dz/dy)(dy/ds): the chain rule along each path, then "
        "the sum over the paths.",
        "dx/ds is the derivative of the exponential at s, dy/ds that of s squared; z is x "
        "times y, so its partial derivative with respect to one factor is the other factor "
        "(at its forward value).",
    ],
    "Exercise 4.6": [
        "The multivariate chain rule (seeds 001 and 002): x_i reaches z through every y_j, "
        "so dz/dx_i is a sum over j of one product per path.",
        "dz/dx_i is the sum over j of (dz/dy_j) times (dy_j/dx_i). In matrix form that is "
        "the transpose of the Jacobian times grad_y.",
        "dy_j/dx_i is jac at row j, column i: for entry i of the result walk down column i "
        "of jac. The result has one entry per column of jac (m of them), not one per row.",
    ],
    "Exercise 4.7": [
        "Seed 003: the chain rule through z splits dL/dw into a forward-pass factor dz/dw "
        "and a backward-pass factor dL/dz.",
        "dL^n/dw is dz/dw times dL^n/dz, both at this example.",
        "z is w times x, so dz/dw is the input the weight connects. L is (z minus t) "
        "squared here (y is z), with no factor one half: differentiate the square with "
        "respect to z, and mind the sign of z minus t.",
    ],
    "Exercise 4.8": [
        "Differentiation is linear: the derivative of a sum is the sum of the derivatives.",
        "dL_sum/dw is the sum over all N examples of dL^n/dw, one backward pass per example.",
        "Each term is exercise 4.7 at that example's input and target. Seed 003's loss is "
        "a sum, so nothing is divided by N.",
    ],
    "Exercise 4.9": [
        "A path from the first layer to the last visits exactly one node in every layer, "
        "and every node of a layer is joined to every node of the next.",
        "Count the choices: how many ways to pick the node in layer 0, then in layer 1, "
        "and so on; independent choices combine by the counting principle.",
        "The first and last layers count too (they may hold several nodes); the count "
        "grows exponentially with the number of layers.",
    ],
    "Exercise 4.10": [
        "The factored sum computes one delta per node; each delta is a sum with one term "
        "per node of the next layer.",
        "One term means one multiply-add, and each term corresponds to one edge between "
        "two adjacent layers.",
        "Count the edges: between two adjacent layers every node of the first is joined to "
        "every node of the second; add this up over all pairs of adjacent layers.",
    ],
    "Exercise 4.11": [
        "The multivariate chain rule of seed 000: dz/dtheta_q is a sum with one term per "
        "path from theta_q to z.",
        "The term of a path is the chain rule along it: the product of the local "
        "derivatives of its edges. Add the terms of all paths.",
        "A path picks one node index in every layer, starting at node 0 of layer 0 and "
        "ending at node 0 of the last layer. Its edge from node i of layer l to node j of "
        "layer l+1 has the local derivative D[l][i][j] (row i, column j): both indices "
        "change along the edge, unlike the slide's db_j/da_j.",
    ],
    "Exercise 4.12": [
        "Seed 000's factor structure: dz/dtheta_q is the sum over the first layer's nodes "
        "of (local derivative) times delta, where the delta of a node is dz with respect "
        "to that node.",
        "The delta of node i of layer l is the sum over the nodes j of layer l+1 of "
        "D[l][i][j] times the delta of node j. So the deltas of a layer follow from those "
        "of the layer after it: compute them from z backwards.",
        "Start at z, whose delta is dz/dz, which is one. Go back one layer at a time to "
        "theta_q, keeping one delta per node of the current layer; the delta of theta_q is "
        "the answer. Each edge is used once.",
    ],
}

# Steps whose docstring may state their formula (forward passes).
BOOKKEEPING = ("Exercise 4.1", "Exercise 4.4")

ERRORS = {
    "Exercise 4.2": {
        "ValueError": "A math domain error: the log was taken of a number <= 0. Which value "
                      "is the log link's input? It is q, which is never below 1.",
        "ZeroDivisionError": "A division by zero at p = 0: dr/dq is taken at q (never 0), "
                             "not at p.",
    },
    "Exercise 4.6": {
        "IndexError": "An IndexError here usually means rows and columns are swapped: jac "
                      "has n rows (one per y_j) and m columns (one per x_i), and grad_y has "
                      "n entries. Which index of jac runs over the entries of grad_y?",
    },
    "Exercise 4.8": {
        "ZeroDivisionError": "A division: seed 003's loss of the data set is a sum over "
                             "the examples, nothing is divided.",
    },
    "Exercise 4.11": {
        "IndexError": "An IndexError here usually means a local derivative was looked up "
                      "with the wrong pair of indices: D[l] has one row per node of layer l "
                      "and one column per node of layer l+1. Check which two nodes each edge "
                      "of a path joins (the slide's db_j/da_j has the slip).",
        "RecursionError": "A recursion over the layers should be as deep as the number of "
                          "layers: check that each call moves one layer on and stops after "
                          "the last matrix of D.",
    },
    "Exercise 4.12": {
        "IndexError": "An IndexError here usually means the layers are walked in the wrong "
                      "order or a delta list belongs to the wrong layer: start at z (one "
                      "node) and go back towards theta_q; the deltas of layer l have one "
                      "entry per row of D[l].",
        "RecursionError": "Recursing once per path is exponential: factor instead, one "
                          "list of deltas per layer, from z backwards.",
    },
}


# -- oracles (the grader's own, never the solution's) -------------------------
# Visible checks (which `grader.py release` gives to students) take every expected
# value from minigrad autodiff, or count paths and edges by listing or by counting
# layer by layer. The closed forms some hidden checks use are in _hidden functions,
# which the release strips. Typical wrong answers come from the same oracles (a link
# differentiated at the wrong point, a path held constant, J transposed).

def _chain_oracle(p):
    """Forward values and ds/dp of s = tanh(log(p**2 + 1)) by minigrad autodiff."""
    P = Value(p)
    q = P ** 2 + 1
    r = q.log()
    s = r.tanh()
    s.backward()
    return q.data, r.data, s.data, P.grad


def _link(f, x0):
    """The derivative of one link ``f`` at ``x0``, by autodiff."""
    v = Value(x0)
    f(v).backward()
    return v.grad


_F = lambda v: v ** 2 + 1  # noqa: E731  (the three links of seed 002's chain)
_G = lambda v: v.log()  # noqa: E731
_H = lambda v: v.tanh()  # noqa: E731


def _link_derivatives(p, q, r):
    """[f'(p), g'(q), h'(r)]: each link differentiated on its own by autodiff."""
    return [_link(_F, p), _link(_G, q), _link(_H, r)]


def _hidden_link_derivatives(p, q, r):
    return [2 * p, 1.0 / q, 1 - math.tanh(r) ** 2]


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


def _jt_oracle(jac, g):
    """grad_x of z = sum_j g_j y_j, y = jac x (a map whose Jacobian is jac), by autodiff."""
    m = len(jac[0])
    xs = [Value(0.3 * i - 0.2) for i in range(m)]
    z = Value(0.0)
    for row, gj in zip(jac, g):
        yj = sum((a * xv for a, xv in zip(row, xs)), Value(0.0))
        z = z + gj * yj
    z.backward()
    return [xv.grad for xv in xs]


def _loss_oracle(w, xs, ts):
    """dL_sum/dw of L_sum = sum_n squared_error(w x^n, t^n), by autodiff."""
    W = Value(w)
    L = Value(0.0)
    for x, t in zip(xs, ts):
        L = L + squared_error(W * x, t)
    L.backward()
    return W.grad


def _dL_dz_oracle(w, x, t):
    """dL/dz of L = (z - t)**2 at z = w x, by autodiff."""
    Z = Value(float(w * x))
    squared_error(Z, t).backward()
    return Z.grad


def _hidden_dLn_dw(w, x, t):
    return 2.0 * x * (w * x - t)


def _paths_listed(widths):
    """Count paths by listing them: one node index per layer (small graphs only)."""
    return sum(1 for _ in itertools.product(*[range(w) for w in widths]))


def _paths_layer_by_layer(widths):
    """Count paths by counting, for every node, the paths that reach it from the first
    layer: a node is reached by every path reaching any node of the layer before."""
    reach = [1] * widths[0]
    for width in widths[1:]:
        into = 0
        for count in reach:
            into = into + count
        reach = [into] * width
    total = 0
    for count in reach:
        total = total + count
    return total


def _edges_listed(widths):
    """Count multiply-adds of the factored sum: one per edge (i in layer l, j in layer l+1)."""
    n = 0
    for l in range(len(widths) - 1):
        for _i in range(widths[l]):
            for _j in range(widths[l + 1]):
                n += 1
    return n


def _hidden_paths(widths):
    return math.prod(widths)


def _hidden_edges(widths):
    return sum(a * b for a, b in zip(widths, widths[1:]))


def _random_widths(rng, lo_end=1, hi_end=3):
    return ([rng.randint(lo_end, hi_end)] + [rng.randint(1, 5) for _ in range(rng.randint(1, 4))]
            + [rng.randint(lo_end, hi_end)])


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


def _paths_of(D):
    widths = [1] + [len(M[0]) for M in D]
    return itertools.product(*[range(w) for w in widths])


def _D_sum_along_paths(D):
    """A typical wrong answer: the local derivatives of a path added instead of multiplied."""
    return sum(sum(M[path[l]][path[l + 1]] for l, M in enumerate(D)) for path in _paths_of(D))


def _hidden_D_paths_brute(D):
    """The nested sum of seed 000, by listing every path (small graphs only)."""
    total = 0.0
    for path in _paths_of(D):
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
                     hint="Apply the three functions in turn, each to the previous result "
                          "(the log is the natural log).",
                     mistakes={
                         "applied to p": ([q, math.log(p * p) if p != 0 else 0.0, math.tanh(p)],
                                          "r and s must be computed from the previous link "
                                          "(r = g(q), s = h(r)), not from p."),
                         "s from p": ([q, r, math.tanh(p)],
                                      "s = h(r) = tanh(r): it takes r, not p."),
                         "s from q": ([q, r, math.tanh(q)],
                                      "s = h(r) = tanh(r): it takes r, not q."),
                     })


@check("Exercise 4.1", points=1, visibility="visible")
def test_chain_forward_visible(student):
    """The forward values q, r, s at p = 1, -0.5, 0 and three seeded p."""
    _check_chain_forward(student, [1.0, -0.5, 0.0] +
                         seeded(401, 3, lambda rng: rng.uniform(-3, 3)))


@check("Exercise 4.1", points=2, visibility="hidden")
def test_chain_forward_hidden(student):
    """The forward values q, r, s at other seeded p."""
    _check_chain_forward(student, seeded(41, 5, lambda rng: rng.uniform(-6, 6)))


# -- 4.2 local derivatives ----------------------------------------------------

def _check_locals(student, ps, oracle):
    for p in ps:
        got = student.call("chain_local_derivatives", p)
        q, r, s, _ = _chain_oracle(p)
        expected = oracle(p, q, r)
        at_p = "Every local derivative is taken at its own link's input: dr/dq at q, " \
               "ds/dr at r (the values the forward pass gives), not at p."
        mistakes = {
            "ds/dr at p": (expected[:2] + [_link(_H, p)], at_p),
            "1 - r**2": (expected[:2] + [1 - r ** 2],
                         "ds/dr: the derivative of tanh is written with tanh's output s "
                         "(or tanh of r), not with r itself: r is the input of tanh, s its "
                         "output."),
            "dq/dp = 2q": ([2 * q] + expected[1:],
                           "dq/dp is f' taken at p, f's own input, not at q."),
        }
        if p > 0:
            mistakes["dr/dq at p"] = ([expected[0], _link(_G, p), expected[2]], at_p)
            mistakes["all at p"] = ([expected[0], _link(_G, p), _link(_H, p)], at_p)
        expect_close(got, expected, inputs={"p": p}, what="[dq/dp, dr/dq, ds/dr]",
                     hint="Each local derivative is the derivative of one link's function, "
                          "taken at the value that link receives in the forward pass.",
                     mistakes=mistakes)


@check("Exercise 4.2", points=2, visibility="visible")
def test_chain_locals_visible(student):
    """dq/dp, dr/dq, ds/dr at p = 1 and -2 (the docstring's) and three seeded p, by autodiff of each link."""
    _check_locals(student, [1.0, -2.0] + seeded(402, 3, lambda rng: rng.uniform(-3, 3)),
                  _link_derivatives)


@check("Exercise 4.2", points=4, visibility="hidden")
def test_chain_locals_hidden(student):
    """dq/dp, dr/dq, ds/dr at other seeded p."""
    _check_locals(student, [0.0] + seeded(42, 5, lambda rng: rng.uniform(-5, 5)),
                  _hidden_link_derivatives)


# -- 4.3 ds/dp -----------------------------------------------------------------

def _check_ds_dp(student, ps):
    for p in ps:
        got = student.call("ds_dp", p)
        q, r, s, expected = _chain_oracle(p)
        locals_ = _link_derivatives(p, q, r)
        expect_close(got, expected, inputs={"p": p}, what="ds/dp",
                     hint="One chain from p to s: the chain rule along it, one factor per "
                          "link.",
                     mistakes={
                         "sum": (sum(locals_), "You added the local derivatives; along one "
                                 "chain the chain rule multiplies them."),
                         "last link only": (locals_[2], "Only ds/dr: the chain has three "
                                            "links, and each contributes a factor."),
                         "no dq/dp": (locals_[2] * locals_[1], "The factor of the first link, "
                                      "dq/dp, is missing."),
                     })


@check("Exercise 4.3", points=2, visibility="visible", uses=("4.1", "4.2"))
def test_ds_dp_visible(student):
    """ds/dp at p = 1 and -2 (the docstring's) and three seeded p, against minigrad autodiff."""
    _check_ds_dp(student, [1.0, -2.0] + seeded(403, 3, lambda rng: rng.uniform(-3, 3)))


@check("Exercise 4.3", points=4, visibility="hidden", uses=("4.1", "4.2"))
def test_ds_dp_hidden(student):
    """ds/dp at p = 0 and other seeded p, against minigrad autodiff."""
    _check_ds_dp(student, [0.0] + seeded(43, 5, lambda rng: rng.uniform(-5, 5)))


# -- 4.4 case 2 forward --------------------------------------------------------

def _check_case2_forward(student, ss):
    for s in ss:
        got = student.call("case2_forward", s)
        x, y, z, _ = _case2_oracle(s)
        expect_close(got, [x, y, z], inputs={"s": s}, what="[x, y, z]",
                     hint="x = exp(s), y = s**2, z = x * y.",
                     mistakes={"y = 2s": ([x, 2 * s, x * 2 * s], "y = h(s) is s squared, "
                                          "not 2 s.")})


@check("Exercise 4.4", points=1, visibility="visible")
def test_case2_forward_visible(student):
    """x, y, z of seed 003's case 2 graph at s = 1 and three seeded s."""
    _check_case2_forward(student, [1.0] + seeded(404, 3, lambda rng: rng.uniform(-2.5, 2.5)))


@check("Exercise 4.4", points=2, visibility="hidden")
def test_case2_forward_hidden(student):
    """x, y, z at other seeded s."""
    _check_case2_forward(student, seeded(44, 5, lambda rng: rng.uniform(-4, 4)))


# -- 4.5 dz/ds: two paths summed -----------------------------------------------

def _check_dz_ds(student, ss):
    for s in ss:
        got = student.call("dz_ds", s)
        x, y, z, expected = _case2_oracle(s)
        path_x, path_y = _case2_paths(s)
        expect_close(got, expected, inputs={"s": s}, what="dz/ds",
                     hint="s reaches z along two paths; work out the chain rule along each "
                          "and combine them as seed 003's case 2 does.",
                     mistakes={
                         "x path only": (path_x, "You kept only the path through x. s also "
                                         "reaches z through y (seed 003 case 2)."),
                         "y path only": (path_y, "You kept only the path through y. s also "
                                         "reaches z through x (seed 003 case 2)."),
                         "product": (path_x * path_y, "You multiplied the two paths; "
                                     "separate paths are added (seed 003 case 2)."),
                         "partials swapped": (x * math.exp(s) + y * 2 * s,
                                              "dz/dx and dz/dy are swapped: z = x y, so "
                                              "dz/dx is the other factor, y, and dz/dy "
                                              "is x."),
                     })


@check("Exercise 4.5", points=2, visibility="visible", uses=("4.4",))
def test_dz_ds_visible(student):
    """dz/ds at s = 1 and -0.5 (the docstring's) and three seeded s, against minigrad autodiff."""
    _check_dz_ds(student, [1.0, -0.5] + seeded(405, 3, lambda rng: rng.uniform(-2.5, 2.5)))


@check("Exercise 4.5", points=4, visibility="hidden", uses=("4.4",))
def test_dz_ds_hidden(student):
    """dz/ds at other seeded s against minigrad autodiff."""
    _check_dz_ds(student, seeded(45, 5, lambda rng: rng.uniform(-3.5, 3.5)))


_INPLACE_HINT = ("Your function changed a list it was given, in place (an entry assigned, or "
                 "the list reversed, sorted, extended or cleared): the caller's data must "
                 "stay as it was. Work on new lists, or read the input in the order you need "
                 "without reordering it.")


# -- 4.6 vector chain rule -----------------------------------------------------

def _check_grad_x(student, cases):
    for jac, g in cases:
        got = student.call("grad_x", jac, g)
        expected = _jt_oracle(jac, g)
        mistakes = {}
        if len(jac) == len(jac[0]):
            jac_T = [list(col) for col in zip(*jac)]
            mistakes["J g"] = (_jt_oracle(jac_T, g), "You multiplied jac by grad_y. The "
                               "chain rule needs the transpose: dz/dx_i sums over j with "
                               "dy_j/dx_i = jac[j][i], down column i.")
        expect_close(got, expected, inputs={"jac": jac, "grad_y": g}, what="grad_x z",
                     hint="grad_x z has one entry per x_i, i.e. per column of jac; entry i "
                          "collects every path from x_i to z, one per y_j (seed 001 "
                          "transposes the Jacobian).",
                     mistakes=mistakes)
        expect_inputs_kept(student, "grad_x", (jac, g), ("jac", "grad_y"), _INPLACE_HINT)


def _make_jac(rng, n, m):
    return ([[rng.uniform(-2, 2) for _ in range(m)] for _ in range(n)],
            [rng.uniform(-2, 2) for _ in range(n)])


@check("Exercise 4.6", points=2, visibility="visible")
def test_grad_x_visible(student):
    """J^T grad_y for the docstring's 3x2 and 2x2 Jacobians and seeded 3x3, 2x4, 4x1 and 1x3 ones; jac and grad_y left unchanged."""
    cases = [([[1.0, 2.0], [3.0, 4.0]], [1.0, -1.0]),
             ([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [1.0, 1.0, 0.0])]
    cases += seeded(406, 1, lambda rng: [_make_jac(rng, 3, 3), _make_jac(rng, 2, 4),
                                         _make_jac(rng, 4, 1), _make_jac(rng, 1, 3)])[0]
    _check_grad_x(student, cases)


@check("Exercise 4.6", points=4, visibility="hidden")
def test_grad_x_hidden(student):
    """J^T grad_y for other seeded square, tall, wide, 1-row and 1-column Jacobians."""
    cases = seeded(46, 1, lambda rng: [_make_jac(rng, 4, 4), _make_jac(rng, 5, 2),
                                       _make_jac(rng, 2, 5), _make_jac(rng, 1, 4),
                                       _make_jac(rng, 3, 1), _make_jac(rng, 1, 1)])[0]
    _check_grad_x(student, cases)


# -- 4.7 one example's dL/dw ---------------------------------------------------

def _check_dLn_dw(student, cases, oracle):
    for w, x, t in cases:
        got = student.call("dLn_dw", w, x, t)
        expected = oracle(w, x, t)
        dL_dz = _dL_dz_oracle(w, x, t)
        expect_close(got, expected, inputs={"w": w, "x": x, "t": t}, what="dL^n/dw",
                     hint="dL^n/dw is a forward-pass factor (dz/dw) times a backward-pass "
                          "factor (dL/dz), with L = (y - t)**2 and y = z = w x.",
                     mistakes={
                         "no dz/dw": (dL_dz, "That is dL/dz. Multiply by dz/dw, the input "
                                      "the weight connects (seed 003's forward pass)."),
                         "sign": (-expected, "Sign: L = (y - t)**2 grows with y when y > t; "
                                  "check the sign of dL/dz."),
                         "half": (expected / 2, "Half the answer: L = (y - t)**2 here, with "
                                  "no factor 1/2 (the kit's squared error), so dL/dz keeps "
                                  "the 2 from the square."),
                         "dz/dw = w": (dL_dz * w, "dz/dw is the input x that the weight "
                                       "multiplies, not the weight w."),
                     })


@check("Exercise 4.7", points=2, visibility="visible")
def test_dLn_dw_visible(student):
    """dL^n/dw at (w, x, t) = (2, 3, 1), (0.5, -2, 1) (the docstring's) and three seeded examples, by autodiff of the squared error."""
    cases = [(2.0, 3.0, 1.0), (0.5, -2.0, 1.0)]
    cases += seeded(407, 3, lambda rng: (rng.uniform(-2, 2), rng.uniform(0.5, 2) *
                                         rng.choice((-1, 1)), rng.uniform(-2, 2)))
    _check_dLn_dw(student, cases, lambda w, x, t: _loss_oracle(w, [x], [t]))


@check("Exercise 4.7", points=4, visibility="hidden")
def test_dLn_dw_hidden(student):
    """dL^n/dw at other seeded w, x, t, including x = 0 and a perfect fit."""
    cases = seeded(47, 4, lambda rng: (rng.uniform(-3, 3), rng.uniform(-3, 3),
                                       rng.uniform(-3, 3)))
    cases += [(1.5, 0.0, 0.7), (0.5, 2.0, 1.0)]
    _check_dLn_dw(student, cases, _hidden_dLn_dw)


# -- 4.8 dL_sum/dw = sum over examples -----------------------------------------

def _check_dLsum_dw(student, cases):
    for w, xs, ts in cases:
        got = student.call("dLsum_dw", w, xs, ts)
        expected = _loss_oracle(w, xs, ts)
        per = [_loss_oracle(w, [x], [t]) for x, t in zip(xs, ts)]
        expect_close(got, expected, inputs={"w": w, "xs": xs, "ts": ts}, what="dL_sum/dw",
                     hint="L_sum is the sum of the examples' losses: its derivative follows "
                          "by linearity (every example counts).",
                     mistakes={
                         "mean": (sum(per) / len(per), "You averaged. Seed 003's loss is "
                                  "L_sum = sum_n L^n, so dL_sum/dw is the sum, not the mean."),
                         "last only": (per[-1], "Only the last example counted: every "
                                       "example contributes its dL^n/dw."),
                         "first only": (per[0], "Only the first example counted: every "
                                        "example contributes its dL^n/dw."),
                     })


def _make_data(rng, lo=2, hi=7):
    n = rng.randint(lo, hi)
    return (rng.uniform(-2, 2), [rng.uniform(-2, 2) for _ in range(n)],
            [rng.uniform(-2, 2) for _ in range(n)])


@check("Exercise 4.8", points=2, visibility="visible", uses=("4.7",))
def test_dLsum_dw_visible(student):
    """dL_sum/dw for the docstring's two examples and three seeded data sets of 2 to 7 examples."""
    _check_dLsum_dw(student, [(2.0, [3.0, 1.0], [1.0, 0.0])] + seeded(408, 3, _make_data))


@check("Exercise 4.8", points=4, visibility="hidden", uses=("4.7",))
def test_dLsum_dw_hidden(student):
    """dL_sum/dw for other seeded data sets of 1 to 9 examples."""
    cases = seeded(48, 5, lambda rng: _make_data(rng, 2, 9)) + seeded(480, 1, lambda rng:
                                                                       _make_data(rng, 1, 1))
    _check_dLsum_dw(student, cases)


# -- 4.9 / 4.10 counting ------------------------------------------------------

def _check_counts(student, widths_list, fn, count_paths, count_edges):
    """``count_paths`` and ``count_edges`` are the oracles: listing or counting layer by
    layer (visible checks), or closed forms (hidden)."""
    for widths in widths_list:
        got = student.call(fn, widths)
        paths = count_paths(widths)
        edges = count_edges(widths)
        nodes = sum(widths)
        if fn == "count_paths":
            inner = 1
            for width in widths[1:-1]:
                inner *= width
            expect_equal(got, paths, inputs={"widths": widths}, what="the number of paths",
                         hint="A path picks one node in every layer; count the ways to "
                              "make those choices.",
                         mistakes={
                             "nodes": (nodes, "You added the widths (counted nodes). A path "
                                       "picks one node per layer: count the combinations."),
                             "edges": (edges, "That is the number of edges (exercise 4.10). "
                                       "A path picks one node per layer: count the "
                                       "combinations."),
                             "ends left out": (inner, "The first and last layers count too: "
                                               "a path may start at any node of the first "
                                               "layer and end at any node of the last."),
                         })
        else:
            expect_equal(got, edges, inputs={"widths": widths},
                         what="the multiply-add count of the factored sum",
                         hint="One multiply-add per term of a delta's sum, i.e. per edge.",
                         mistakes={
                             "nodes": (nodes, "You counted nodes. Each delta sums over all "
                                       "nodes of the next layer: one multiply-add per "
                                       "edge."),
                             "paths": (paths, "That is the number of paths, the cost of "
                                       "the nested sum. The factored sum costs one "
                                       "multiply-add per edge."),
                             "last pair left out": (edges - widths[-2] * widths[-1],
                                                    "The edges between the last two layers "
                                                    "are missing: count every pair of "
                                                    "adjacent layers (an off-by-one)."),
                         })


_COUNT_VISIBLE = [[1, 3, 2, 1], [2, 2], [1] + [10] * 10 + [1], [1, 1], [10] * 30]


def _count_cases(seed):
    """Widths for the visible checks of 4.9 and 4.10: the docstrings' and the deep ones,
    then three seeded graphs with ends wider than 1."""
    return _COUNT_VISIBLE + seeded(seed, 3, lambda rng: _random_widths(rng, 2, 3))


def _hidden_count_cases(seed):
    small = seeded(seed, 5, lambda rng: _random_widths(rng, 1, 4))
    return small + [[3, 1], [1] + [7] * 25 + [1], [4] * 40]


@check("Exercise 4.9", points=2, visibility="visible")
def test_count_paths_visible(student):
    """Path counts for the docstring's widths, [1, 1], 30 layers of width 10 and three seeded graphs with ends wider than 1, counted layer by layer."""
    _check_counts(student, _count_cases(409), "count_paths", _paths_layer_by_layer,
                  _edges_listed)


@check("Exercise 4.9", points=4, visibility="hidden")
def test_count_paths_hidden(student):
    """Path counts for other seeded graphs and deep ones (10**10 paths and more)."""
    _check_counts(student, _hidden_count_cases(49), "count_paths", _hidden_paths,
                  _hidden_edges)


@check("Exercise 4.10", points=2, visibility="visible")
def test_factored_cost_visible(student):
    """The factored sum's work for the docstring's widths, [1, 1], 30 layers of width 10 and three seeded graphs with ends wider than 1, edges listed one by one."""
    _check_counts(student, _count_cases(4100), "factored_cost", _paths_layer_by_layer,
                  _edges_listed)


@check("Exercise 4.10", points=4, visibility="hidden")
def test_factored_cost_hidden(student):
    """The factored sum's work for other seeded graphs and deep ones."""
    _check_counts(student, _hidden_count_cases(410), "factored_cost", _hidden_paths,
                  _hidden_edges)


# -- 4.11 / 4.12 dz/dtheta ----------------------------------------------------

_DOC_D = [[[1.0, 2.0]], [[3.0], [4.0]]]
_DOC_D2 = [[[1.0, 2.0]], [[1.0, -1.0, 2.0], [0.5, 3.0, 1.0]], [[2.0], [1.0], [-1.0]]]
_ONE_EDGE = [[[2.5]]]


def _check_dz_dtheta(student, fn, Ds, brute_force=None):
    """Expected by autodiff; hidden checks also pass ``brute_force``, the nested sum over
    every path, a second oracle that must agree on small graphs."""
    for D in Ds:
        expected = _D_oracle(D)
        small = len(D) <= 5 and max(len(M[0]) for M in D) <= 5
        if brute_force is not None and small:
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
                         "Factor: one delta per node, each computed once from the deltas "
                         "of the next layer, from z backwards.") from None
            raise
        mistakes = {
            "no upstream delta": (sum(D[0][0]), "You added up local derivatives without "
                                  "multiplying by the delta of the node they lead to: a "
                                  "node's delta sums (local derivative) times (delta of the "
                                  "next node)."),
            "delta of z is 0": (0.0, "Everything came out 0: the delta of z itself is "
                                "dz/dz, which is 1."),
        }
        if small:
            mistakes["sum along paths"] = (
                _D_sum_along_paths(D), "You added the local derivatives along each path; "
                "the chain rule multiplies them along a path (and adds over paths).")
        scale = max(1.0, abs(expected))
        expect_close(got, expected, inputs={"D": D} if len(D) <= 5 else {"layers": len(D) + 1},
                     what="dz/dtheta_q", abs=1e-9 * scale,
                     hint="One term per path theta_q -> ... -> z, the product of the local "
                          "derivatives of its edges; the edge from node i of layer l to node "
                          "j of layer l+1 is D[l][i][j] (db_j/da_i, not the slide's "
                          "db_j/da_j).",
                     mistakes=mistakes)
        if fn == "dz_dtheta_factored" and small:  # its docstring: "Leaves D unchanged"
            expect_inputs_kept(student, fn, (D,), ("D",), _INPLACE_HINT)


@check("Exercise 4.11", points=3, visibility="visible")
def test_dz_dtheta_paths_visible(student):
    """The sum over paths for the docstring's two graphs, a single edge and three seeded graphs of 2 to 5 layers, against autodiff."""
    Ds = seeded(4110, 3, lambda rng: _random_D(
        rng, [1] + [rng.randint(2, 4) for _ in range(rng.randint(1, 3))] + [1]))
    _check_dz_dtheta(student, "dz_dtheta_paths", [_DOC_D, _DOC_D2, _ONE_EDGE] + Ds)


@check("Exercise 4.11", points=6, visibility="hidden")
def test_dz_dtheta_paths_hidden(student):
    """The sum over paths for other seeded graphs, against autodiff and a brute-force sum."""
    Ds = seeded(411, 5, lambda rng: _random_D(
        rng, [1] + [rng.randint(1, 5) for _ in range(rng.randint(1, 4))] + [1]))
    _check_dz_dtheta(student, "dz_dtheta_paths", [[[[-0.4]]]] + Ds, _hidden_D_paths_brute)


@check("Exercise 4.12", points=3, visibility="visible", timeout=1.0)
def test_dz_dtheta_factored_visible(student):
    """The factored sum for the docstring's two graphs, a single edge, three seeded graphs and a 32-layer one with 4**30 paths that only factoring can finish; D left unchanged."""
    Ds = seeded(4120, 3, lambda rng: _random_D(
        rng, [1] + [rng.randint(2, 4) for _ in range(rng.randint(1, 3))] + [1]))
    deep = seeded(4122, 1, lambda rng: _random_D(rng, [1] + [4] * 30 + [1]))
    _check_dz_dtheta(student, "dz_dtheta_factored", [_DOC_D, _DOC_D2, _ONE_EDGE] + Ds + deep)


@check("Exercise 4.12", points=6, visibility="hidden", timeout=1.0)
def test_dz_dtheta_factored_hidden(student):
    """The factored sum for other seeded graphs, and another deep one with 5**30 paths."""
    Ds = seeded(412, 5, lambda rng: _random_D(
        rng, [1] + [rng.randint(1, 5) for _ in range(rng.randint(1, 4))] + [1]))
    deep = seeded(4121, 1, lambda rng: _random_D(rng, [1] + [5] * 30 + [1]))
    _check_dz_dtheta(student, "dz_dtheta_factored", [[[[-0.4]]]] + Ds + deep,
                     _hidden_D_paths_brute)
