"""Exercise 10: Automatic differentiation, your own Value class (seed 000, "Automatic Differentiation"; micrograd)."""
import math

from grading.check import CheckFailed, StudentError, check, expect_close, expect_true, seeded
from minigrad.engine import Value
from minigrad.numeric import value_gradient

MODULE = "ex10_autodiff"
ALLOWED_IMPORTS = ["math"]

# A spec is the plain-data description of an expression that the public
# drivers (grading/public/ex10_autodiff.py) build with the student's Value:
# a list of [label, op, arg, ...], in the order the nodes are made, the last
# node being the output. An arg is a label or a number (a constant).


# -- the oracle: the same expression built from minigrad Values ----------------

def build_minigrad(spec):
    nodes, order = {}, []
    for label, op, *args in spec:
        a = [nodes[x] if isinstance(x, str) else x for x in args]
        if op == "leaf":
            v = Value(a[0])
        elif op == "+":
            v = Value(a[0]) + a[1] if not isinstance(a[0], Value) else a[0] + a[1]
        elif op == "*":
            v = Value(a[0]) * a[1] if not isinstance(a[0], Value) else a[0] * a[1]
        elif op == "-":
            v = a[0] - a[1]
        elif op == "/":
            v = a[0] / a[1]
        elif op == "neg":
            v = -a[0]
        elif op == "tanh":
            v = a[0].tanh()
        elif op == "exp":
            v = a[0].exp()
        elif op == "**":
            v = a[0] ** args[1]
        else:
            raise ValueError(op)
        nodes[label] = v
        order.append(v)
    return nodes, order


def oracle(spec, out_grads, leaf_grads=None):
    """Forward values and grads of every spec node by minigrad's autodiff.

    The gradients arriving at the nodes in ``out_grads`` are those of
    L = sum_k g_k * node_k; leaves start from ``leaf_grads`` (minigrad's
    leaves accumulate, as the student's must)."""
    nodes, order = build_minigrad(spec)
    for label, g in (leaf_grads or {}).items():
        nodes[label].grad = g
    L = None
    for label, g in out_grads.items():
        term = nodes[label] * g
        L = term if L is None else L + term
    L.backward()
    return {"data": [v.data for v in order], "grads": [v.grad for v in order]}


# -- typical wrong derivations, simulated on plain floats (for the hints only) --
#
# The simulation takes every *correct* local derivative from minigrad's autodiff
# (library_local); it writes out only the wrong ones, so it spells out no answer.

LIBRARY_OPS = {"+": lambda v: v[0] + v[1], "*": lambda v: v[0] * v[1],
               "tanh": lambda v: v[0].tanh(), "exp": lambda v: v[0].exp()}


def library_local(op, val):
    """[d out / d input, ...] of one op at the input values ``val``, by
    minigrad's autodiff (``val`` = [x, c] for ``x ** c``)."""
    if op == "**":
        c = val[1]
        return value_gradient(lambda v: v[0] ** c, val[:1])
    return value_gradient(LIBRARY_OPS[op], val if op in ("+", "*") else val[:1])


def wrong_local(op, mistake, val, out, right):
    """The local derivatives of one op as the typical ``mistake`` computes them
    (``out`` the op's output, ``right`` the library's local derivatives), or
    None when the mistake is not about this op."""
    x = val[0]
    if op == "*":
        wrong = {"mul_own": [val[0], val[1]]}  # each input's own value, not the other's
    elif op == "tanh":
        wrong = {"tanh_1_minus_t": [1.0 - out], "tanh_1_minus_a2": [1.0 - x ** 2],
                 "tanh_t": [out]}
    elif op == "exp":
        wrong = {"exp_input": [x]}
    elif op == "**":
        c = val[1]
        wrong = {"pow_c": [right[0] * x],  # one power of a too many
                 "pow_no_c": [right[0] / c],  # the factor c left out
                 "pow_c_minus_1": [right[0] * (c - 1) / c]}  # the factor c - 1 instead of c
    else:
        wrong = {}
    return wrong.get(mistake)


def desugar(spec):
    """Rewrite the composites (-, /, neg) into the primitives the student's
    Value builds them from (a - b = a + b*(-1), a / b = a * b**-1)."""
    out, k = [], 0
    for label, op, *args in spec:
        if op == "neg":
            out.append([label, "*", args[0], -1.0])
        elif op == "-":
            a, b = args
            if isinstance(b, str):
                k += 1
                tmp = "_neg%d" % k
                out.append([tmp, "*", b, -1.0])
                b = tmp
            else:
                b = -b
            out.append([label, "+", a, b])
        elif op == "/":
            a, b = args
            if isinstance(b, str):
                k += 1
                tmp = "_inv%d" % k
                out.append([tmp, "**", b, -1])
                b = tmp
            else:
                b = b ** -1
            out.append([label, "*", a, b])
        else:
            out.append([label, op] + list(args))
    return out


def simulate(spec, out_grads, leaf_grads=None, mistake=None, forward_walk=False):
    """Reverse-mode on floats with one deliberate ``mistake`` (for hints)."""
    prim = desugar(spec)
    data = {}
    for label, op, *args in prim:
        v = [data[x] if isinstance(x, str) else x for x in args]
        if op == "leaf":
            data[label] = float(v[0])
        elif op == "+":
            data[label] = v[0] + v[1]
        elif op == "*":
            data[label] = v[0] * v[1]
        elif op == "tanh":
            data[label] = math.tanh(v[0])
        elif op == "exp":
            data[label] = math.exp(v[0])
        elif op == "**":
            data[label] = v[0] ** args[1]
    grad = {label: 0.0 for label in data}
    grad.update(leaf_grads or {})
    grad.update(out_grads)
    walk = prim if forward_walk else list(reversed(prim))
    for label, op, *args in walk:
        if op == "leaf":
            continue
        g = 1.0 if mistake == "no_out_grad" else grad[label]
        val = [data[x] if isinstance(x, str) else x for x in args]
        right = library_local(op, val)
        local = wrong_local(op, mistake, val, data[label], right) or right
        targets = args[:1] if op in ("tanh", "exp", "**") else args
        for arg, d in zip(targets, local):
            if isinstance(arg, str):
                if mistake == "assign":
                    grad[arg] = d * g
                else:
                    grad[arg] += d * g
    return {"data": [data[s[0]] for s in spec], "grads": [grad[s[0]] for s in spec]}


# -- comparing a whole graph, node by node ------------------------------------

def show(spec):
    """The spec as the student would write it: 's = a + b; t = s.tanh(); ...'."""
    parts = []
    for label, op, *args in spec:
        a = [str(x) if isinstance(x, str) else repr(x) for x in args]
        if op == "leaf":
            parts.append("%s = Value(%s)" % (label, a[0]))
        elif op in ("+", "*", "-", "/", "**"):
            parts.append("%s = %s %s %s" % (label, a[0], op, a[1]))
        elif op == "neg":
            parts.append("%s = -%s" % (label, a[0]))
        else:
            parts.append("%s = %s.%s()" % (label, a[0], op))
    if len(parts) > 40:
        parts = parts[:20] + ["... (%d nodes in all)" % len(parts)] + parts[-5:]
    return "; ".join(parts)


def _close(a, b):
    return (isinstance(a, (int, float)) and not isinstance(a, bool)
            and abs(a - b) <= max(1e-9, 1e-6 * max(abs(a), abs(b))))


def _all_close(got, want):
    return isinstance(got, list) and len(got) == len(want) and all(
        _close(g, w) for g, w in zip(got, want))


def expect_graph(got, expected, spec, inputs, hint, wrongs=()):
    """Forward values first, then the grad of each node, with the hint of the
    first simulated mistake that reproduces the student's grads exactly.
    ``wrongs``: (function giving the mistake's result, hint), run only on a
    mismatch."""
    labels = [s[0] for s in spec]
    expect_true(isinstance(got, dict) and isinstance(got.get("data"), list)
                and isinstance(got.get("grads"), list)
                and len(got["data"]) == len(spec) == len(got["grads"]),
                "the driver did not get one data and one grad per node", inputs=inputs, got=got)
    for i, label in enumerate(labels):
        expect_close(got["data"][i], expected["data"][i], inputs=inputs,
                     what="the forward value of %s" % label,
                     hint="The forward ops are given; did you change Value.__init__ or an op?")
    chosen = hint
    if not _all_close(got["grads"], expected["grads"]):
        for wrong, wrong_hint in wrongs:
            if _all_close(got["grads"], wrong()["grads"]):
                chosen = wrong_hint
                break
    for i, label in enumerate(labels):
        expect_close(got["grads"][i], expected["grads"][i], inputs=inputs,
                     what="the grad of %s" % label, hint=chosen)


def run_local(student, spec, out_grads, leaf_grads, hint, mistakes):
    """Drive the student's local-derivative functions on ``spec`` and compare."""
    got = student.drive("ex10_local_pass", spec, out_grads, leaf_grads)
    expected = oracle(spec, out_grads, leaf_grads)
    wrongs = [(lambda m=m: simulate(spec, out_grads, leaf_grads, mistake=m), h)
              for m, h in mistakes]
    inputs = {"expression": show(spec), "grad arriving at": out_grads,
              "grads already in the leaves": leaf_grads}
    expect_graph(got, expected, spec, inputs, hint, wrongs)


ASSIGN_HINT = ("You overwrite the grad instead of adding to it: a node used twice (a + a, "
               "a * a, or a node feeding two ops) must end with the sum of its contributions "
               "(the multivariate chain rule), and a leaf keeps the grad it already had.")
NO_OUT_GRAD_HINT = ("The grad arriving from above is missing: the chain rule multiplies the "
                    "local derivative d out/d a by dy/d out, which is out.grad.")


# -- random expressions (the visible and the hidden checks use other seeds) --------

def random_spec(rng, ops, n_leaves=3, n_ops=6, consts=False):
    """A random expression with the given primitive ``ops``. The first op
    uses one leaf twice (a + a, a * a, or two unary nodes of one leaf), so
    the sum over paths is always tested. Values stay moderate."""
    spec, data = [], {}
    for i in range(n_leaves):
        x = round(rng.choice([-1, 1]) * rng.uniform(0.3, 1.4), 3)
        label = "x%d" % (i + 1)
        spec.append([label, "leaf", x])
        data[label] = x
    for k in range(n_ops):
        op = rng.choice(ops)
        label = "n%d" % (k + 1)
        pool = [s for s in data if abs(data[s]) <= 2.5 and abs(data[s]) >= 0.25]
        if k == 0 or (k == 1 and op in ("tanh", "exp", "**")):
            a = "x1"
        else:
            a = rng.choice(pool)
        if op in ("+", "*"):
            b = a if k == 0 else (round(rng.uniform(-2, 2), 3) if consts and rng.random() < 0.3
                                  else rng.choice(pool))
            v = data[a] + (data[b] if isinstance(b, str) else b) if op == "+" else \
                data[a] * (data[b] if isinstance(b, str) else b)
            spec.append([label, op, a, b])
        elif op == "tanh":
            v = math.tanh(data[a])
            spec.append([label, "tanh", a])
        elif op == "exp":
            v = math.exp(data[a])
            spec.append([label, "exp", a])
        else:  # "**"
            c = rng.choice([2, 3, -1, -2] + ([0.5, 1.5] if data[a] > 0 else []))
            v = data[a] ** c
            spec.append([label, "**", a, c])
        data[label] = v
    return spec


def sinks(spec):
    used = {x for s in spec for x in s[2:] if isinstance(x, str)}
    return [s[0] for s in spec if s[0] not in used and s[1] != "leaf"]


def local_case(rng, ops):
    """A random expression, seeded grads arriving at its sinks, and x1 (which
    is used twice) already holding a grad."""
    spec = random_spec(rng, ops, consts=True)
    out_grads = {label: round(rng.uniform(-2, 2), 3) or 0.5 for label in sinks(spec)}
    leaf_grads = {"x1": round(rng.uniform(-1, 1), 3) or 0.25}
    return spec, out_grads, leaf_grads


def closed_spec(rng, ops, n_ops=7):
    """A random expression whose nodes all reach the output: the sinks are
    added into one last node."""
    spec = random_spec(rng, ops, n_ops=n_ops)
    ends = sinks(spec)
    used = {x for s in spec for x in s[2:] if isinstance(x, str)}
    ends += [s[0] for s in spec if s[1] == "leaf" and s[0] not in used]
    acc = ends[0]
    for k, label in enumerate(ends[1:]):
        name = "out" if k == len(ends) - 2 else "sum%d" % (k + 1)
        spec.append([name, "+", acc, label])
        acc = name
    if acc != "out":
        spec.append(["out", "*", acc, 1.5])
    return spec


def open_spec(rng, ops, n_ops=9):
    """A random expression whose output uses only some of the nodes made:
    the others (at least one) are built but not reachable from the output.
    Constants (the 1.5 of x * 1.5) appear too."""
    spec = random_spec(rng, ops, n_ops=n_ops, consts=True)
    ends = sinks(spec)
    if len(ends) == 1:  # make one node the output does not use
        spec.insert(4, ["spare", "tanh", "x2"])
        ends = sinks(spec)
    keep = ends[:1] + [e for e in ends[1:] if rng.random() < 0.4]
    acc = keep[0]
    for k, label in enumerate(keep[1:]):
        spec.append(["sum%d" % (k + 1), "+", acc, label])
        acc = "sum%d" % (k + 1)
    spec.append(["out", "*", acc, 1.5])
    return spec


def local_checks(student, seed, ops, hint, wrongs, n=3):
    for spec, out_grads, leaf_grads in seeded(seed, n, lambda rng: local_case(rng, ops)):
        run_local(student, spec, out_grads, leaf_grads, hint, wrongs)


# =============================================================================
# 10.1 add
# =============================================================================

ADD_SPEC = [["a", "leaf", 2.0], ["b", "leaf", -3.0], ["s", "+", "a", "b"],
            ["t", "+", "s", "a"], ["u", "+", "t", "s"]]

ADD_WRONGS = [("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]
ADD_HINT = ("out = a + b: if a grows by a little, by how much does out grow? That local "
            "derivative, times out.grad, is what this one op adds to a's grad; the same for b.")


@check("Exercise 10.1", points=1, visibility="visible")
def test_add_backward_example(student):
    "add_backward on s = a + b; t = s + a; u = t + s (a and s used twice, b already holding 0.25, 1.5 arriving at u), then on 3 seeded expressions of + (a + a, constants, a leaf holding a grad)."
    run_local(student, ADD_SPEC, {"u": 1.5}, {"b": 0.25}, ADD_HINT, ADD_WRONGS)
    local_checks(student, 1010, ["+"], ADD_HINT, ADD_WRONGS)


@check("Exercise 10.1", points=2, visibility="hidden")
def test_add_backward_seeded(student):
    "add_backward on other seeded expressions of + only, and a + a."
    local_checks(student, 101, ["+"], ADD_HINT, ADD_WRONGS, n=4)
    spec = [["a", "leaf", 0.7], ["z", "+", "a", "a"]]
    run_local(student, spec, {"z": 1.5}, {}, ADD_HINT, ADD_WRONGS)


# =============================================================================
# 10.2 mul
# =============================================================================

MUL_SPEC = [["a", "leaf", 3.0], ["b", "leaf", -2.0], ["p", "*", "a", "b"],
            ["q", "*", "p", "a"]]
MUL_HINT = ("out = a * b: hold b fixed and let a grow by a little; by how much does out "
            "grow? That factor times out.grad is a's share; then the same for b.")
MUL_WRONGS = [("mul_own", "You multiplied each input's grad by its own value. For a product, "
                          "the derivative with respect to one factor is the other input's value."),
              ("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]


@check("Exercise 10.2", points=2, visibility="visible")
def test_mul_backward_example(student):
    "mul_backward on p = a * b; q = p * a (a used twice, 0.5 arriving at q), then on 3 seeded expressions of * (a * a, constants, a leaf holding a grad)."
    run_local(student, MUL_SPEC, {"q": 0.5}, {}, MUL_HINT, MUL_WRONGS)
    local_checks(student, 1020, ["*"], MUL_HINT, MUL_WRONGS)


@check("Exercise 10.2", points=4, visibility="hidden")
def test_mul_backward_seeded(student):
    "mul_backward on other seeded expressions of * only (a * a, reused nodes, constants, leaves already holding a grad)."
    local_checks(student, 102, ["*"], MUL_HINT, MUL_WRONGS, n=4)


# =============================================================================
# 10.3 tanh
# =============================================================================

TANH_SPEC = [["x", "leaf", 0.5], ["t1", "tanh", "x"], ["t2", "tanh", "t1"],
             ["t3", "tanh", "x"]]
TANH_HINT = ("out = tanh(a): differentiate tanh (seed 000 gives tanh' next to the worked "
             "network) and write it with the cached output out.data.")
TANH_WRONGS = [
    ("tanh_1_minus_t", "Your local derivative is 1 - tanh(a): tanh'(a) has the output "
                       "squared, 1 - t^2 with t = tanh(a)."),
    ("tanh_1_minus_a2", "You squared the input a. tanh'(a) = 1 - tanh(a)^2: it is the "
                        "*output* t = out.data that is squared."),
    ("tanh_t", "You used tanh(a) itself as the derivative; differentiate it."),
    ("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]


@check("Exercise 10.3", points=2, visibility="visible")
def test_tanh_backward_example(student):
    "tanh_backward on t1 = tanh(x), t2 = tanh(t1), t3 = tanh(x) (grads 1.0 and -0.7 arriving at t2 and t3), then on 3 seeded chains of tanh (a leaf feeding two nodes, a leaf holding a grad)."
    run_local(student, TANH_SPEC, {"t2": 1.0, "t3": -0.7}, {}, TANH_HINT, TANH_WRONGS)
    local_checks(student, 1030, ["tanh"], TANH_HINT, TANH_WRONGS)


@check("Exercise 10.3", points=4, visibility="hidden")
def test_tanh_backward_seeded(student):
    "tanh_backward on other seeded chains of tanh (a leaf feeding two nodes, seeded grads arriving, a leaf already holding a grad)."
    local_checks(student, 103, ["tanh"], TANH_HINT, TANH_WRONGS, n=4)


# =============================================================================
# 10.4 exp
# =============================================================================

EXP_SPEC = [["x", "leaf", 1.0], ["e1", "exp", "x"], ["e2", "exp", "x"]]
EXP_HINT = ("out = exp(a): exp is its own derivative, and its value is already in the "
            "forward pass.")
EXP_WRONGS = [("exp_input", "You multiplied by the input a; the derivative of exp(a) is "
                            "exp(a), the op's output."),
              ("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]


@check("Exercise 10.4", points=2, visibility="visible")
def test_exp_backward_example(student):
    "exp_backward on e1 = exp(x), e2 = exp(x) (grads 2.0 and -0.5 arriving), then on 3 seeded expressions of exp (a leaf feeding two nodes, a leaf holding a grad)."
    run_local(student, EXP_SPEC, {"e1": 2.0, "e2": -0.5}, {}, EXP_HINT, EXP_WRONGS)
    local_checks(student, 1040, ["exp"], EXP_HINT, EXP_WRONGS)


@check("Exercise 10.4", points=4, visibility="hidden")
def test_exp_backward_seeded(student):
    "exp_backward on other seeded expressions of exp only (a leaf feeding two nodes, seeded grads, a leaf already holding a grad)."
    local_checks(student, 104, ["exp"], EXP_HINT, EXP_WRONGS, n=4)


# =============================================================================
# 10.5 pow
# =============================================================================

POW_SPEC = [["a", "leaf", 2.0], ["p", "**", "a", 3], ["r", "**", "a", -1],
            ["b", "leaf", 4.0], ["s", "**", "b", 0.5]]
POW_HINT = ("out = a ** c with a constant c: the power rule of calculus; c is out._exponent "
            "and a's value is in the node. Check it on the docstring's three examples.")
POW_WRONGS = [
    ("pow_c", "The exponent is off by one: the power rule lowers the power of a by one; "
              "yours keeps it at c."),
    ("pow_c_minus_1", "The factor in front is c, not c - 1 (only the power drops by one)."),
    ("pow_no_c", "You left out the factor c in front (the power rule brings the old exponent "
                 "down as a factor)."),
    ("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]


@check("Exercise 10.5", points=2, visibility="visible")
def test_pow_backward_example(student):
    "pow_backward on p = a ** 3, r = a ** -1, s = b ** 0.5 (grads 1.0, -0.6, 2.0 arriving), then on 3 seeded expressions of ** (exponents 2, 3, -1, -2, 0.5, 1.5)."
    run_local(student, POW_SPEC, {"p": 1.0, "r": -0.6, "s": 2.0}, {}, POW_HINT, POW_WRONGS)
    local_checks(student, 1051, ["**"], POW_HINT, POW_WRONGS)


@check("Exercise 10.5", points=4, visibility="hidden")
def test_pow_backward_seeded(student):
    "pow_backward on other seeded expressions of ** with exponents 2, 3, -1, -2, 0.5, 1.5 (seeded grads, a leaf already holding a grad)."
    local_checks(student, 105, ["**"], POW_HINT, POW_WRONGS, n=5)


# =============================================================================
# 10.6 topological sort
# =============================================================================

# The docstring's example: u is made but unused, a is reached twice.
TOPO_EXAMPLE = [["x", "leaf", 1.0], ["y", "leaf", 2.0], ["u", "*", "x", "y"],
                ["a", "+", "x", "y"], ["b", "tanh", "a"], ["c", "*", "a", "b"]]

DIAMOND = [["x", "leaf", 1.0], ["y", "leaf", 2.0], ["a", "*", "x", "y"],
           ["b", "tanh", "x"], ["c", "+", "a", "b"], ["d", "*", "c", "x"]]

# Made in an order that is no answer: r1 is a finished output that out never
# uses, z is a leaf made late, v a node built and dropped, 2.0 a constant.
UNUSED = [["x", "leaf", 0.5], ["y", "leaf", -1.5], ["u", "*", "x", "y"],
          ["r1", "+", "u", "x"], ["z", "leaf", 2.0], ["a", "+", "x", "z"],
          ["v", "tanh", "a"], ["b", "*", "a", "y"], ["c", "*", "b", 2.0],
          ["out", "+", "c", "a"]]

# A shared subgraph s (three uses), and a second output q2 built from it.
SHARED = [["w", "leaf", 0.3], ["x", "leaf", -0.8], ["s", "*", "w", "x"],
          ["p", "tanh", "s"], ["q2", "exp", "s"], ["q", "exp", "s"],
          ["r", "*", "p", "q"], ["out", "+", "r", "s"]]


def deep_chain(n, x0=0.5):
    """x0 -> *w -> tanh -> *w -> tanh ... , n nodes deep, w used n/2 times."""
    spec = [["x0", "leaf", x0], ["w", "leaf", 1.0]]
    prev = "x0"
    for i in range(1, n + 1):
        label = "n%d" % i
        spec.append([label, "*", prev, "w"] if i % 2 else [label, "tanh", prev])
        prev = label
    return spec


def diamond_chain(k, x0=0.4):
    """k diamonds in a row: d_i = tanh(d_{i-1}) + d_{i-1} * w, so 2^k paths
    lead from the output back to x0."""
    spec = [["x0", "leaf", x0], ["w", "leaf", 0.5]]
    prev = "x0"
    for i in range(1, k + 1):
        spec += [["l%d" % i, "tanh", prev], ["r%d" % i, "*", prev, "w"],
                 ["d%d" % i, "+", "l%d" % i, "r%d" % i]]
        prev = "d%d" % i
    return spec


TOPO_HINT = ("topo_sort(root) lists every node root depends on (follow the inputs, _prev) "
             "exactly once, each after all of its inputs, root last.")
VISITED_HINT = ("A node reached by two paths (here %s) must be listed once: remember which "
                "nodes you have already handled, and handle each only once.")
UNUSED_HINT = ("List only the nodes you reach from root by following the inputs (_prev). A "
               "Value that was made but that root does not depend on does not belong in the "
               "list, and the order in which Values were made is not the answer.")


def reachable(spec):
    """(labels root depends on, number of constant Values among them)."""
    entries = {s[0]: s for s in spec}
    seen, stack, consts = set(), [spec[-1][0]], 0
    while stack:
        label = stack.pop()
        if label in seen:
            continue
        seen.add(label)
        op, args = entries[label][1], entries[label][2:]
        if op in ("+", "*"):
            consts += sum(1 for x in args if not isinstance(x, str))
        elif op not in ("leaf", "tanh", "exp", "**"):
            raise ValueError("topo specs use primitive ops only, got %r" % op)
        stack += [x for x in args if isinstance(x, str)]
    return seen, consts


def topo_problem(labels, spec):
    """None if ``labels`` is a topological order of what the output of
    ``spec`` depends on, else (what is wrong, a hint). Constants have the
    label "" (the driver labels only the spec's nodes)."""
    inputs = {s[0]: [x for x in s[2:] if isinstance(x, str)] for s in spec}
    root = spec[-1][0]
    needed, n_consts = reachable(spec)
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        return "topo_sort did not return a list of Values", TOPO_HINT
    seen, consts = set(), 0
    for label in labels:
        if label == "":
            consts += 1
            continue
        if label not in inputs:
            return ("topo_sort returned a node that is not in this expression (label %r): "
                    "from an earlier graph?" % (label,), UNUSED_HINT)
        if label in seen:
            return "node %s appears more than once" % label, VISITED_HINT % label
        seen.add(label)
    extra = [s[0] for s in spec if s[0] in seen and s[0] not in needed]
    if extra:
        return ("node(s) %s are listed, but %s does not depend on them (they were made, "
                "but not on the way to %s)" % (", ".join(extra[:5]), root, root), UNUSED_HINT)
    missing = [s[0] for s in spec if s[0] in needed and s[0] not in seen]
    if missing:
        return ("node(s) %s are missing (%d of %d nodes returned)"
                % (", ".join(missing[:5]), len(seen), len(needed)), TOPO_HINT)
    if consts != n_consts:
        return ("%d constant(s) listed where %s depends on %d (the 2 of x * 2 is a Value "
                "too, and listed once)" % (consts, root, n_consts), TOPO_HINT)
    if len(seen) > 1 and labels[0] == root:
        return ("the output %s comes first" % root,
                "Inputs come before the nodes that use them, so the output is last; "
                "backward() walks the list in reverse, not topo_sort.")
    pos = {label: i for i, label in enumerate(labels) if label}
    for label in seen:
        for child in inputs[label]:
            if pos[child] > pos[label]:
                return ("node %s comes before its input %s" % (label, child),
                        "A node may be listed only once all of its inputs are. " + TOPO_HINT)
    if labels[-1] != root:
        return "the output %s is not last" % root, TOPO_HINT
    return None


SLOW_HINT = ("On a chain of diamonds the number of paths doubles with every diamond (2^40 "
             "here) while the number of nodes grows by three: a sort that goes down into a "
             "node again for every path that reaches it never finishes. Handle each node "
             "once.")


def expect_topo(student, spec):
    try:
        labels = student.drive("ex10_topo_labels", spec)
    except StudentError as err:
        if err.kind == "timeout" and spec[-1][0].startswith("d"):
            raise CheckFailed(err.message, what="topo_sort", hint=SLOW_HINT,
                              inputs={"expression": show(spec)})
        raise
    problem = topo_problem(labels, spec)
    if problem is not None:
        if isinstance(labels, list) and len(labels) > 40:
            labels = labels[:40] + ["... (%d in all)" % len(labels)]
        raise CheckFailed("topo_sort is wrong: " + problem[0], what="topo_sort",
                          inputs={"expression": show(spec)}, got=labels, hint=problem[1])


TOPO_OPS = ["+", "*", "tanh", "exp", "**"]


@check("Exercise 10.6", points=1, visibility="visible", timeout=2.0)
def test_topo_sort_example(student):
    "topo_sort on the docstring's example, a diamond, a graph with nodes made but not used by the output (made in an order that is no answer), a shared subgraph, a chain of 40 diamonds (2^40 paths), a chain 3000 nodes deep, and 3 seeded expressions with unused nodes and constants."
    for spec in (TOPO_EXAMPLE, DIAMOND, UNUSED, SHARED, diamond_chain(40), deep_chain(3000)):
        expect_topo(student, spec)
    for spec in seeded(1060, 3, lambda rng: open_spec(rng, TOPO_OPS)):
        expect_topo(student, spec)


@check("Exercise 10.6", points=2, visibility="visible")
def test_topo_sort_twice(student):
    "topo_sort called on two graphs one after the other, and on the same graph from two different outputs: each list holds only its own output's nodes."
    expect_topo(student, DIAMOND)
    expect_topo(student, SHARED[:5])  # ends at q2: p, q, r, out are not made yet
    expect_topo(student, SHARED)


@check("Exercise 10.6", points=6, visibility="hidden", timeout=2.0)
def test_topo_sort_seeded(student):
    "topo_sort on other seeded expressions (with unused nodes and constants), a single leaf, a chain of 30 diamonds and a chain 2500 nodes deep."
    for spec in seeded(106, 4, lambda rng: open_spec(rng, TOPO_OPS, n_ops=12)):
        expect_topo(student, spec)
    expect_topo(student, [["x", "leaf", 1.0]])
    expect_topo(student, diamond_chain(30, x0=-0.2))
    expect_topo(student, deep_chain(2500, x0=-0.3))


# =============================================================================
# 10.7 backward
# =============================================================================

BACKWARD_SPEC = [["x", "leaf", 2.0], ["w", "leaf", -3.0], ["b", "leaf", 0.5],
                 ["p", "*", "x", "w"], ["s", "+", "p", "x"], ["y", "tanh", "s"],
                 ["e", "exp", "b"], ["q", "**", "e", 2], ["out", "+", "y", "q"]]
BACKWARD_HINT = ("backward(): the output's own grad first (dy/dy), then every node's local "
                 "derivative, from the output back to the inputs (reverse topological "
                 "order), each node once.")
BACKWARD_WRONGS = [
    ("no_seed", "Every grad is 0, the output's too: seed the output's grad with dy/dy before "
                "any local derivative runs (a start of 0 passes 0 on)."),
    ("seed_last", "Only the output's grad is right, every other is 0: you seeded the output "
                  "after the local derivatives ran; the seed must come first."),
    ("forward_walk", "Only the output's own inputs got a gradient: walk the topological order "
                     "in reverse (output first), so each node's grad is complete before it is "
                     "passed on."),
]
BACKWARD_OPS = ["+", "*", "tanh", "exp", "**"]


def seed_last(spec):
    """Grads when the output is seeded only after the local derivatives ran."""
    got = simulate(spec, {})
    got["grads"][-1] = 1.0
    return got


def expect_backward(student, spec):
    got = student.drive("ex10_backward", spec)
    root = spec[-1][0]
    expected = oracle(spec, {root: 1.0})
    wrongs = [(lambda: simulate(spec, {}), BACKWARD_WRONGS[0][1]),
              (lambda: seed_last(spec), BACKWARD_WRONGS[1][1]),
              (lambda: simulate(spec, {root: 1.0}, forward_walk=True), BACKWARD_WRONGS[2][1])]
    expect_graph(got, expected, spec, {"expression": show(spec)}, BACKWARD_HINT, wrongs)


def composite_spec(rng):
    """A closed random expression, then -, / and negation on top of it."""
    spec = closed_spec(rng, BACKWARD_OPS, n_ops=9)
    return spec + [["dif", "-", "out", "x2"], ["quo", "/", "dif", "x3"],
                   ["rat", "/", "quo", 1.7], ["neg", "neg", "rat"],
                   ["res", "*", "neg", "out"]]


@check("Exercise 10.7", points=3, visibility="visible", uses=("10.1", "10.2", "10.3", "10.4",
                                                               "10.5", "10.6"))
def test_backward_example(student):
    "out.backward() on the module's example tanh(x*w + x) + exp(b)**2, on a graph with nodes the output does not use (their grads stay 0), on a shared subgraph, on 3 seeded expressions with -, / and negation, and on a chain 3000 nodes deep: grads of every node against minigrad."
    expect_backward(student, BACKWARD_SPEC)
    expect_backward(student, UNUSED)
    expect_backward(student, SHARED)
    for spec in seeded(1070, 3, composite_spec):
        expect_backward(student, spec)
    expect_backward(student, deep_chain(3000))


@check("Exercise 10.7", points=6, visibility="hidden", uses=("10.1", "10.2", "10.3", "10.4",
                                                              "10.5", "10.6"))
def test_backward_seeded(student):
    "backward() on other seeded expressions (all ops, also -, / and negation, some nodes unused) and on a chain 2500 nodes deep."
    for spec in seeded(107, 4, composite_spec):
        expect_backward(student, spec)
    for spec in seeded(1071, 2, lambda rng: open_spec(rng, BACKWARD_OPS)):
        expect_backward(student, spec)
    expect_backward(student, deep_chain(2500, x0=-0.4))


# =============================================================================
# hints on demand, what an exception means, the realistic mistakes
# =============================================================================

BOOKKEEPING = ()

HINTS = {
    "Exercise 10.1": [
        "The chain rule for one op: the part of dy/da that flows through out is the local "
        "derivative d out/d a times dy/d out, and dy/d out is already in out.grad.",
        "For a sum, ask how much out moves when a moves by a small step while b stays put; "
        "the same question for b.",
        "Both local derivatives of a sum are the number one. Each input's grad grows by "
        "out.grad; when a and b are the same node it must grow twice, so keep what is "
        "already there instead of replacing it.",
    ],
    "Exercise 10.2": [
        "The chain rule for one op: a's share is d out/d a times out.grad; the same for b.",
        "For a product, hold the other factor fixed: out is then a straight line in a. "
        "What is its slope?",
        "The slope in a is the value of b, and the slope in b is the value of a (the other "
        "input each time). For a times a both contributions land on the same node and add "
        "up to two times a.",
    ],
    "Exercise 10.3": [
        "The chain rule for one op: a's share is tanh'(a) times out.grad.",
        "Seed 000 gives the derivative of tanh next to its worked network. Write it as a "
        "function of tanh(a), which the forward pass has stored in out.data.",
        "tanh'(a) is one minus the square of tanh(a), the output, not of the input a. "
        "Multiply it by out.grad and add that to what a's grad holds.",
    ],
    "Exercise 10.4": [
        "The chain rule for one op: a's share is d exp(a)/d a times out.grad.",
        "Which function is its own derivative? Its value at a has been computed already.",
        "The local derivative is exp(a), which is out.data. Multiply by out.grad and add "
        "it to what a's grad holds.",
    ],
    "Exercise 10.5": [
        "The chain rule for one op: a's share is d(a to the power c)/d a times out.grad, "
        "with the constant c stored in the node.",
        "The power rule of calculus: the old exponent comes down as a factor and the "
        "power of a drops by one. Test it at c = 3, c = -1 and c = 0.5 (the docstring's "
        "examples).",
        "The local derivative is c times a to the power c minus one (a to the power c - 1, "
        "not c, and the factor c, not c - 1), with a's value from a.data.",
    ],
    "Exercise 10.6": [
        "Start at root and follow the inputs. A node may go into the list only when all "
        "its inputs are in it already; nodes you never reach this way stay out.",
        "A depth-first search does it: go down into a node's inputs first, and list the "
        "node when you come back up (post-order). Keep a set of the nodes already handled, "
        "so a node reached along a second path is skipped: that keeps the work linear "
        "even with 2 to the power 40 paths.",
        "Without recursion: keep your own stack of pairs, a node and a flag saying whether "
        "its inputs have been pushed. Pop a pair; if the flag is set, the inputs are done "
        "and the node goes into the list; otherwise, if the node is new, mark it handled, "
        "push it back with the flag set, then push its inputs.",
    ],
    "Exercise 10.7": [
        "Two things: where the backward pass starts (the output's grad is the derivative "
        "of y with respect to itself), and the order in which the nodes pass their grad "
        "on.",
        "A node may pass its grad to its inputs only once it is complete, that is after "
        "every node that uses it has passed its share. The topological order lists users "
        "after their inputs.",
        "Set the output's grad to one, then walk the list of topo_sort from its end (the "
        "output) to its start, calling each node's local-derivative function with the "
        "node itself.",
    ],
}

_LOCAL_ERRORS = {
    "ValueError": "Unpacking out._prev: a + b and a * b have two inputs; tanh, exp and ** "
                  "have one (a one-element tuple).",
    "AttributeError": "out._prev holds Values: a number is their .data, a gradient their "
                      ".grad; a constant such as the 2 in x * 2 is a Value too.",
    "TypeError": "A grad is a float: combine numbers (.data, .grad), not Values with floats "
                 "or a Value with a tuple.",
}
ERRORS = {
    "Exercise 10.1": _LOCAL_ERRORS, "Exercise 10.2": _LOCAL_ERRORS,
    "Exercise 10.3": _LOCAL_ERRORS, "Exercise 10.4": _LOCAL_ERRORS,
    "Exercise 10.5": _LOCAL_ERRORS,
    "Exercise 10.6": {
        "RecursionError": "topo_sort calls itself once per level: a chain 3,000 nodes deep "
                          "passes Python's recursion limit (about 1000). Walk the graph "
                          "with a stack of your own.",
        "TypeError": "topo_sort(root) must return a list of the Values themselves, and a "
                     "Value can go into a set (it hashes by identity).",
        "AttributeError": "A node's inputs are in node._prev (a tuple of Values).",
    },
    "Exercise 10.7": {
        "RecursionError": "backward recursed once per level: a chain 3,000 nodes deep passes "
                          "Python's recursion limit. Use topo_sort (10.6), which must not "
                          "recurse, and a plain loop.",
        "TypeError": "A node's local-derivative function takes the node itself as its "
                     "argument.",
    },
}
