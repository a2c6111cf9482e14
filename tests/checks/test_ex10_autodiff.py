"""Exercise 10: Automatic differentiation, your own Value class (seed 000, "Automatic Differentiation"; micrograd)."""
import math

from grading.check import CheckFailed, check, expect_close, expect_true, seeded
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


ASSIGN_HINT = ("You overwrite the grad (a.grad = ...) instead of adding to it (a.grad += ...). "
               "A node used on two paths, or twice in one op (a + a), must receive the sum of "
               "both contributions (the multivariate chain rule), and a leaf keeps what it "
               "already had.")
NO_OUT_GRAD_HINT = ("Multiply the local derivative by out.grad, the gradient arriving from "
                    "above: dL/da = dz/da * dL/dz (the chain rule).")


# -- random expressions for the hidden checks (not released) --------------------

def _hidden_random_spec(rng, ops, n_leaves=3, n_ops=6, consts=False):
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


def _hidden_sinks(spec):
    used = {x for s in spec for x in s[2:] if isinstance(x, str)}
    return [s[0] for s in spec if s[0] not in used and s[1] != "leaf"]


def _hidden_local_case(rng, ops):
    spec = _hidden_random_spec(rng, ops, consts=True)
    out_grads = {label: round(rng.uniform(-2, 2), 3) or 0.5 for label in _hidden_sinks(spec)}
    leaf_grads = {"x1": round(rng.uniform(-1, 1), 3) or 0.25}
    return spec, out_grads, leaf_grads


def _hidden_closed_spec(rng, ops, n_ops=7):
    """A random expression whose nodes all reach the output: the sinks are
    added into one last node."""
    spec = _hidden_random_spec(rng, ops, n_ops=n_ops)
    ends = _hidden_sinks(spec)
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


# =============================================================================
# 10.1 add
# =============================================================================

ADD_SPEC = [["a", "leaf", 2.0], ["b", "leaf", -3.0], ["s", "+", "a", "b"],
            ["t", "+", "s", "a"], ["u", "+", "t", "s"]]

ADD_WRONGS = [("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]
ADD_HINT = ("z = a + b: dz/da = 1 and dz/db = 1, so each input's grad grows (+=) by 1 times "
            "out.grad.")


@check("Exercise 10.1", points=1, visibility="visible")
def test_add_backward_example(student):
    "add_backward on s = a + b; t = s + a; u = t + s (a and s used twice), forward values and grads."
    run_local(student, ADD_SPEC, {"u": 1.0}, {}, ADD_HINT, ADD_WRONGS)


@check("Exercise 10.1", points=2, visibility="hidden")
def test_add_backward_seeded(student):
    "add_backward on seeded expressions of + only, with nodes reused, constants and leaves that already hold a grad."
    cases = seeded(101, 4, lambda rng: _hidden_local_case(rng, ["+"]))
    for spec, out_grads, leaf_grads in cases:
        run_local(student, spec, out_grads, leaf_grads, ADD_HINT, ADD_WRONGS)
    spec = [["a", "leaf", 0.7], ["z", "+", "a", "a"]]
    run_local(student, spec, {"z": 1.5}, {}, ADD_HINT, ADD_WRONGS)


# =============================================================================
# 10.2 mul
# =============================================================================

MUL_SPEC = [["a", "leaf", 3.0], ["b", "leaf", -2.0], ["p", "*", "a", "b"],
            ["q", "*", "p", "a"]]
MUL_HINT = ("z = a * b: dz/da = b and dz/db = a, the value at the *other* input: "
            "add b.data * out.grad to a.grad, and a.data * out.grad to b.grad.")
MUL_WRONGS = [("mul_own", "You multiplied each input's grad by its own value. For z = a * b, "
                 "dz/da = b (the other input), dz/db = a."),
                ("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]


@check("Exercise 10.2", points=1, visibility="visible")
def test_mul_backward_example(student):
    "mul_backward on p = a * b; q = p * a (a used twice), forward values and grads."
    run_local(student, MUL_SPEC, {"q": 1.0}, {}, MUL_HINT, MUL_WRONGS)


@check("Exercise 10.2", points=2, visibility="hidden")
def test_mul_backward_seeded(student):
    "mul_backward on seeded expressions of * only (a * a, reused nodes, constants, leaves already holding a grad)."
    cases = seeded(102, 4, lambda rng: _hidden_local_case(rng, ["*"]))
    for spec, out_grads, leaf_grads in cases:
        run_local(student, spec, out_grads, leaf_grads, MUL_HINT, MUL_WRONGS)


# =============================================================================
# 10.3 tanh
# =============================================================================

TANH_SPEC = [["x", "leaf", 0.5], ["t1", "tanh", "x"], ["t2", "tanh", "t1"],
             ["t3", "tanh", "x"]]
TANH_HINT = "t = tanh(a): dt/da = 1 - tanh(a)^2 = 1 - t^2 with t = out.data."
TANH_WRONGS = [
    ("tanh_1_minus_t", "You wrote tanh' as 1 - t. It is 1 - t^2 = 1 - tanh(a)^2 (square the output)."),
    ("tanh_1_minus_a2", "You used the input: 1 - a^2. tanh'(a) = 1 - tanh(a)^2: square the "
                        "*output* t = out.data, not the input."),
    ("tanh_t", "You used tanh(a) itself as the derivative; tanh'(a) = 1 - tanh(a)^2."),
    ("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]


@check("Exercise 10.3", points=1, visibility="visible")
def test_tanh_backward_example(student):
    "tanh_backward on t1 = tanh(x), t2 = tanh(t1), t3 = tanh(x) with grads 1.0 arriving at t2 and t3."
    run_local(student, TANH_SPEC, {"t2": 1.0, "t3": 1.0}, {}, TANH_HINT, TANH_WRONGS)


@check("Exercise 10.3", points=2, visibility="hidden")
def test_tanh_backward_seeded(student):
    "tanh_backward on seeded chains of tanh (a leaf feeding two nodes, seeded grads arriving, a leaf already holding a grad)."
    cases = seeded(103, 4, lambda rng: _hidden_local_case(rng, ["tanh"]))
    for spec, out_grads, leaf_grads in cases:
        run_local(student, spec, out_grads, leaf_grads, TANH_HINT, TANH_WRONGS)


# =============================================================================
# 10.4 exp
# =============================================================================

EXP_SPEC = [["x", "leaf", 1.0], ["e1", "exp", "x"], ["e2", "exp", "x"]]
EXP_HINT = "e = exp(a): de/da = exp(a) = e = out.data, so add out.data * out.grad to a.grad."
EXP_WRONGS = [("exp_input", "You multiplied by the input a; de/da = exp(a), which is the "
                              "output out.data."),
                ("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]


@check("Exercise 10.4", points=1, visibility="visible")
def test_exp_backward_example(student):
    "exp_backward on e1 = exp(x), e2 = exp(x) with grads 2.0 and -0.5 arriving."
    run_local(student, EXP_SPEC, {"e1": 2.0, "e2": -0.5}, {}, EXP_HINT, EXP_WRONGS)


@check("Exercise 10.4", points=2, visibility="hidden")
def test_exp_backward_seeded(student):
    "exp_backward on seeded expressions of exp only (a leaf feeding two nodes, seeded grads, a leaf already holding a grad)."
    cases = seeded(104, 4, lambda rng: _hidden_local_case(rng, ["exp"]))
    for spec, out_grads, leaf_grads in cases:
        run_local(student, spec, out_grads, leaf_grads, EXP_HINT, EXP_WRONGS)


# =============================================================================
# 10.5 pow
# =============================================================================

POW_SPEC = [["a", "leaf", 2.0], ["p", "**", "a", 3], ["r", "**", "a", -1]]
POW_HINT = "p = a ** c: dp/da = c * a ** (c - 1), with c = out._exponent."
POW_WRONGS = [
    ("pow_c", "The exponent is off by one: d(a^c)/da = c * a^(c-1), not c * a^c."),
    ("pow_c_minus_1", "The factor is c, not c - 1: d(a^c)/da = c * a^(c-1)."),
    ("pow_no_c", "You left out the factor c: d(a^c)/da = c * a^(c-1)."),
    ("assign", ASSIGN_HINT), ("no_out_grad", NO_OUT_GRAD_HINT)]


@check("Exercise 10.5", points=1, visibility="visible")
def test_pow_backward_example(student):
    "pow_backward on p = a ** 3 and r = a ** -1 with grad 1.0 arriving at each."
    run_local(student, POW_SPEC, {"p": 1.0, "r": 1.0}, {}, POW_HINT, POW_WRONGS)


@check("Exercise 10.5", points=2, visibility="hidden")
def test_pow_backward_seeded(student):
    "pow_backward on seeded expressions of ** with exponents 2, 3, -1, -2, 0.5, 1.5 (seeded grads, a leaf already holding a grad)."
    cases = seeded(105, 5, lambda rng: _hidden_local_case(rng, ["**"]))
    for spec, out_grads, leaf_grads in cases:
        run_local(student, spec, out_grads, leaf_grads, POW_HINT, POW_WRONGS)


# =============================================================================
# 10.6 topological sort
# =============================================================================

DIAMOND = [["x", "leaf", 1.0], ["y", "leaf", 2.0], ["a", "*", "x", "y"],
           ["b", "tanh", "x"], ["c", "+", "a", "b"], ["d", "*", "c", "x"]]


def deep_chain(n, x0=0.5):
    """x0 -> *w -> tanh -> *w -> tanh ... , n nodes deep, w used n/2 times."""
    spec = [["x0", "leaf", x0], ["w", "leaf", 1.0]]
    prev = "x0"
    for i in range(1, n + 1):
        label = "n%d" % i
        spec.append([label, "*", prev, "w"] if i % 2 else [label, "tanh", prev])
        prev = label
    return spec


TOPO_HINT = ("topo_sort(root) must list every node root depends on exactly once, each after "
             "all of its inputs, root last; iteratively (a stack of (node, children_done) "
             "pairs) with a visited set.")


def topo_problem(labels, spec):
    """None if ``labels`` is a topological order of ``spec`` ending at its
    output, else what is wrong (and a hint)."""
    inputs = {s[0]: [x for x in s[2:] if isinstance(x, str)] for s in spec}
    root = spec[-1][0]
    if not isinstance(labels, list):
        return "topo_sort did not return a list", TOPO_HINT
    seen = set()
    for label in labels:
        if label not in inputs:
            return ("topo_sort returned a node that is not in the expression (label %r)"
                    % (label,), TOPO_HINT)
        if label in seen:
            return ("node %s appears more than once" % label,
                    "Keep a set of visited nodes: a node reached by two paths (here %s) must "
                    "be listed once." % label)
        seen.add(label)
    missing = [s[0] for s in spec if s[0] not in seen]
    if missing:
        return ("node(s) %s are missing (%d of %d nodes returned)"
                % (", ".join(missing[:5]), len(labels), len(spec)), TOPO_HINT)
    if len(labels) > 1 and labels[0] == root:
        return ("the output %s comes first" % root,
                "Inputs come before the nodes that use them, so the output is last; "
                "backward() walks the list in reverse, not topo_sort.")
    pos = {label: i for i, label in enumerate(labels)}
    for label in labels:
        for child in inputs[label]:
            if pos[child] > pos[label]:
                return ("node %s comes before its input %s" % (label, child),
                        "Append a node only after all of its inputs (post-order). " + TOPO_HINT)
    if labels[-1] != root:
        return "the output %s is not last" % root, TOPO_HINT
    return None


def expect_topo(student, spec):
    labels = student.drive("ex10_topo_labels", spec)
    problem = topo_problem(labels, spec)
    if problem is not None:
        if isinstance(labels, list) and len(labels) > 40:
            labels = labels[:40] + ["... (%d in all)" % len(labels)]
        raise CheckFailed("topo_sort is wrong: " + problem[0], what="topo_sort",
                          inputs={"expression": show(spec)}, got=labels, hint=problem[1])


@check("Exercise 10.6", points=1, visibility="visible")
def test_topo_sort_example(student):
    "topo_sort on a diamond (x feeds a, b and d) and on a chain 10000 nodes deep: every node once, inputs first, output last."
    expect_topo(student, DIAMOND)
    expect_topo(student, deep_chain(10000))


@check("Exercise 10.6", points=2, visibility="hidden")
def test_topo_sort_seeded(student):
    "topo_sort on seeded random expressions, a single leaf, and a chain 1500 nodes deep (deeper than Python's recursion limit)."
    ops = ["+", "*", "tanh", "exp", "**"]
    for spec in seeded(106, 4, lambda rng: _hidden_closed_spec(rng, ops, n_ops=9)):
        expect_topo(student, spec)
    expect_topo(student, [["x", "leaf", 1.0]])
    expect_topo(student, deep_chain(1500, x0=-0.3))


# =============================================================================
# 10.7 backward
# =============================================================================

BACKWARD_SPEC = [["x", "leaf", 2.0], ["w", "leaf", -3.0], ["b", "leaf", 0.5],
                 ["p", "*", "x", "w"], ["s", "+", "p", "x"], ["y", "tanh", "s"],
                 ["e", "exp", "b"], ["q", "**", "e", 2], ["out", "+", "y", "q"]]
BACKWARD_HINT = ("backward(): seed the output (dL/dL = 1), then run every node's local "
                 "derivative from the output back to the inputs, in reverse topological "
                 "order. Make sure 10.1-10.6 pass first.")
BACKWARD_WRONGS = [
    ("no_seed", "Every grad is 0: seed the output first, self.grad = 1.0 (dL/dL = 1)."),
    ("forward_walk", "Only the output's own inputs got a gradient: walk the topological order "
                     "in reverse (output first), so each node's grad is complete before it is "
                     "passed on."),
]


def expect_backward(student, spec):
    got = student.drive("ex10_backward", spec)
    root = spec[-1][0]
    expected = oracle(spec, {root: 1.0})
    wrongs = [(lambda: simulate(spec, {}), BACKWARD_WRONGS[0][1]),
              (lambda: simulate(spec, {root: 1.0}, forward_walk=True), BACKWARD_WRONGS[1][1])]
    expect_graph(got, expected, spec, {"expression": show(spec)}, BACKWARD_HINT, wrongs)


@check("Exercise 10.7", points=1, visibility="visible")
def test_backward_example(student):
    "out.backward() on out = tanh(x*w + x) + exp(b)**2: grads of every node against minigrad, the output's grad is 1."
    expect_backward(student, BACKWARD_SPEC)


@check("Exercise 10.7", points=2, visibility="hidden")
def test_backward_seeded(student):
    "backward() on seeded random expressions (all ops, also -, / and negation) and on a chain 1500 nodes deep."
    ops = ["+", "*", "tanh", "exp", "**"]
    for spec in seeded(107, 4, lambda rng: _hidden_closed_spec(rng, ops, n_ops=9)):
        spec = spec + [["dif", "-", "out", "x2"], ["quo", "/", "dif", "x3"],
                       ["rat", "/", "quo", 1.7], ["neg", "neg", "rat"],
                       ["res", "*", "neg", "out"]]
        expect_backward(student, spec)
    expect_backward(student, deep_chain(1500))


MISTAKES = [
    # (task, text in solutions/ex10_autodiff.py, replacement, fragment of message or hint)
    ("10.1", "    a.grad += out.grad\n    b.grad += out.grad",
             "    a.grad = out.grad\n    b.grad = out.grad", "+="),
    ("10.2", "    a.grad += b.data * out.grad\n    b.grad += a.data * out.grad",
             "    a.grad += a.data * out.grad\n    b.grad += b.data * out.grad", "other input"),
    ("10.3", "a.grad += (1.0 - t * t) * out.grad", "a.grad += (1.0 - t) * out.grad", "1 - t^2"),
    ("10.3", "a.grad += (1.0 - t * t) * out.grad",
             "a.grad += (1.0 - a.data ** 2) * out.grad", "output"),
    ("10.4", "a.grad += out.data * out.grad", "a.grad = out.data * out.grad", "+="),
    ("10.5", "    c = out._exponent\n    a.grad += c * a.data ** (c - 1) * out.grad",
             "    c = out._exponent\n    a.grad += c * a.data ** c * out.grad", "off by one"),
    ("10.6", "        if node in visited:\n            continue\n", "", "more than once"),
    ("10.6", "    order = []\n    visited = set()\n    stack = [(root, False)]\n",
             "    order = []\n    visited = set()\n"
             "    def visit(v):\n        if v not in visited:\n            visited.add(v)\n"
             "            for c in v._prev:\n                visit(c)\n            order.append(v)\n"
             "    visit(root)\n    return order\n    stack = [(root, False)]\n",
             "recursed too deeply"),
    ("10.7", "        self.grad = 1.0\n", "", "seed the output"),
    ("10.7", "for node in reversed(topo):", "for node in topo:", "reverse"),
]
