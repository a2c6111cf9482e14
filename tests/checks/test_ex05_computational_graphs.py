"""Exercise 05: Computational graphs, node by node (seed 001, Kao: computational graphs, softplus and sigmoid backprop)."""

import math

from grading.check import check, expect_close, expect_true, seeded
from minigrad import Value, numeric

MODULE = "ex05_computational_graphs"
ALLOWED_IMPORTS = ["math"]

# Visible checks (which `grader.py release` gives to students) take every expected
# value from minigrad: autodiff through the graph built from Values, Value.softplus and
# Value.sigmoid, and minigrad.numeric's central difference. The closed forms some
# hidden checks also compare with are in _hidden functions, which the release
# strips. Typical wrong answers come from autodiff too (a local derivative alone, a
# gradient negated, the other input's gradient), not from formulas of the answer.
#
# The backward steps of one node (5.2, 5.4-5.6, 5.9-5.12) are checked in isolation:
# they get a correct cache (from autodiff's forward pass) and a correct gradient from
# above, so a failure there is the step's own. The steps that run a whole graph (5.7,
# 5.13, 5.14) call the earlier steps and declare it with uses=.

BOOKKEEPING = ("Exercise 5.1", "Exercise 5.3", "Exercise 5.8", "Exercise 5.15")

_BACKWARD_STEPS = ("5.2", "5.4", "5.5", "5.6", "5.9", "5.10", "5.11", "5.12")

HINTS = {
    "Exercise 5.1": [
        "The dot-product node multiplies its two inputs entry by entry and adds the "
        "products: y is one number.",
        "The cache is a dict holding every node of the graph under its name: the two "
        "inputs x and z (as lists) and the output y.",
    ],
    "Exercise 5.2": [
        "The chain rule at one node: the gradient of L with respect to an input of the "
        "node is the node's local derivative with respect to that input, times the "
        "gradient arriving from above, dL/dy.",
        "With the factors unevaluated: dL/dx_i = (dy/dx_i)(dL/dy), and the same for z_i. "
        "The answer is two lists, each as long as x.",
        "y is a sum of products x_j z_j. Only the term j = i contains x_i, and its "
        "derivative with respect to x_i is the entry i of the OTHER input vector.",
    ],
    "Exercise 5.3": [
        "Follow the softplus graph of the module docstring left to right: exp, then add "
        "one, then log.",
        "Store every node's value in the cache under the slide's letters: x, b, a, y.",
    ],
    "Exercise 5.4": [
        "The log node is the last node: y is a function of a alone, so this is an "
        "ordinary derivative and no gradient arrives from above (dy/dy is 1).",
        "dy/da is the derivative of log(a) with respect to a, evaluated at the cached a.",
        "The derivative of the natural logarithm at a is the reciprocal of a. Read a "
        "from the cache: the log node's input is a, not b.",
    ],
    "Exercise 5.5": [
        "The chain rule through the add node a = 1 + b: its local derivative times the "
        "gradient arriving from above.",
        "dy/db = (da/db)(dy/da), with dy/da the argument you are given.",
        "The constant 1 does not move when b moves, so da/db is one, whatever b is: the "
        "add node passes the gradient from above through unchanged.",
    ],
    "Exercise 5.6": [
        "The chain rule through the exp node b = exp(x): its local derivative times the "
        "gradient arriving from the node above it.",
        "dy/dx = (db/dx)(dy/db). The slide prints the last factor as dy/dx, the very "
        "quantity the line computes: the factor that arrives from above is the gradient "
        "at the node's output b.",
        "The derivative of exp is exp itself, evaluated at x. That number is already in "
        "the cache: it is the value of the node b.",
    ],
    "Exercise 5.7": [
        "Backpropagation: one forward pass, then the nodes in reverse order, each one "
        "fed the gradient the node above it produced.",
        "Forward (5.3) gives the cache; then dy/da (5.4), dy/db from dy/da (5.5), dy/dx "
        "from dy/db (5.6).",
        "Check your number against the slide's analytic result, exp(x) / (1 + exp(x)): "
        "one half at x = 0, about 0.731 at x = 1.",
    ],
    "Exercise 5.8": [
        "Follow the sigmoid graph of the module docstring left to right: the dot "
        "product, the negation, exp, add one, the reciprocal.",
        "Cache every node under the slide's letters: w, x, e, c, b, a, y. The last one "
        "is sigma(w^T x), a number between 0 and 1.",
    ],
    "Exercise 5.9": [
        "The reciprocal node is the last node: y depends on a alone, so this is an "
        "ordinary derivative and no gradient arrives from above.",
        "dy/da is the derivative of 1/a, that is of a to the power minus one, evaluated "
        "at the cached a.",
        "The power rule brings the exponent down and lowers it by one. Mind the sign: "
        "1/a falls as a grows. This is the first of the chain's minus signs.",
    ],
    "Exercise 5.10": [
        "The chain rule through the add node a = 1 + b.",
        "dy/db = (da/db)(dy/da), with dy/da the argument you are given.",
        "da/db is one (the constant does not move with b): the gradient from above "
        "passes through unchanged.",
    ],
    "Exercise 5.11": [
        "The chain rule through the exp node b = exp(c).",
        "dy/dc = (db/dc)(dy/db). (The text of the slide garbles this line to "
        "'exp(c) d/d'.)",
        "The derivative of exp at c is exp(c), with c itself and no extra minus sign: "
        "the negation is a separate node, c = -e. Its value is also in the cache, as b.",
    ],
    "Exercise 5.12": [
        "The chain rule through the negation node c = -e.",
        "dy/de = (dc/de)(dy/dc).",
        "c moves opposite to e, so dc/de is minus one and this node flips the sign of "
        "the gradient from above. It is the second of the chain's minus signs: keep "
        "both in mind when you check the slide's last line.",
    ],
    "Exercise 5.13": [
        "Backpropagation through the whole graph: one forward pass, every node in "
        "reverse order, and last the dot-product node e = w^T x, through which the "
        "gradient reaches the vector w.",
        "grad_w y = (grad_w e)(dy/de), where dy/de comes from chaining Exercises 5.9 "
        "to 5.12.",
        "grad_w e is the other input of the dot product, the vector x. Two nodes of the "
        "chain carry a minus sign (the reciprocal and the negation): count them to get the "
        "overall sign, then check it. sigma is increasing, so which sign must the entry i "
        "of grad_w y have where x_i > 0? Compare with the slide's last line.",
    ],
    "Exercise 5.14": [
        "The same backward pass as Exercise 5.13, down to dy/de; only the last node's "
        "derivative changes, now with respect to x.",
        "grad_x y = (grad_x e)(dy/de).",
        "grad_x e is the other input of the dot product, the vector w. Count the chain's "
        "minus signs as in 5.13, and check the overall sign the same way: which sign must "
        "the entry i have where w_i > 0?",
    ],
    "Exercise 5.15": [
        "Three nodes in order: the matrix multiply, the bias add, the ReLU. C, A and H "
        "are all n_h x N: one row per unit (a column of W), one column per example (a "
        "column of X).",
        "W[j][k] goes from input j to unit k, so C[k][n] pairs column k of W with column "
        "n of X (W^T X, not Kao's W X). The bias b[k] belongs to unit k and is added to "
        "every column (every example). ReLU keeps a positive entry and sets the others "
        "to 0.",
    ],
}

_CACHE_KEYERROR = ("The cache is a dict keyed by seed 001's node names: 'x', 'b', 'a', 'y' "
                   "for softplus; 'w', 'x', 'e', 'c', 'b', 'a', 'y' for the sigmoid. Read a "
                   "node's value by its letter.")
_CACHE_TYPEERROR = ("The cache is a dict, not a list: read a node's value by its letter "
                    "(the cache of a, for instance), not by position or by unpacking it.")
ERRORS = {"Exercise %s" % t: {"KeyError": _CACHE_KEYERROR, "TypeError": _CACHE_TYPEERROR}
          for t in _BACKWARD_STEPS}
ERRORS["Exercise 5.2"] = {
    "KeyError": "The cache of Exercise 5.1 has the keys 'x', 'z' and 'y'.",
    "TypeError": "The cache is a dict: its 'x' and 'z' are lists of floats, dL_dy a float; "
                 "each result is a list as long as x.",
}
for _t in ("5.7", "5.13", "5.14"):
    ERRORS["Exercise " + _t] = {
        "TypeError": "Your forward step returns the cache (a dict): pass it whole to each "
                     "backward step, together with the gradient the step above produced.",
        "KeyError": "The cache's keys are the slide's node letters (module docstring).",
    }
ERRORS["Exercise 5.15"] = {
    "IndexError": "W is m x n_h (W[j][k] from input j to unit k: one column per unit, "
                  "Kao's W transposed), X is m x N (one column per example) and b has n_h "
                  "entries, one per unit: the number of units is len(W[0]), and C, A, H "
                  "have one row per unit, b[k] going with row k for every column n.",
}


def _vec(rng, n, lo=-2.0, hi=2.0):
    return [rng.uniform(lo, hi) for _ in range(n)]


def _local(op, at):
    """The local derivative of one node, d op(v)/dv at v = at, by autodiff."""
    v = Value(float(at))
    op(v).backward()
    return v.grad


def _general(task):
    return ("Not one of the typical slips this check knows. Write the chain rule for this "
            "node with its factors unevaluated and compare factor by factor "
            "(python grader.py hint %s)." % task)


def _expect_cache(got, expected, inputs, hint, mistakes=None):
    """``got`` is a dict holding at least the keys of ``expected`` (in the slide's order),
    each value close to the expected one. ``mistakes`` maps a name to (wrong cache, hint)."""
    keys = list(expected)
    expect_true(isinstance(got, dict), "the forward step should return the cache, a dict with "
                "the keys %s" % ", ".join(keys), inputs=inputs, got=got,
                hint="Return a dict: one entry per node, under the slide's letter.")
    missing = [k for k in keys if k not in got]
    expect_true(not missing, "the cache has no entry for %s" % ", ".join(missing),
                inputs=inputs, got=sorted(got, key=str),
                hint="The cache holds every node of the graph, inputs included, under the "
                     "slide's letters: %s." % ", ".join(keys))
    expect_close([got[k] for k in keys], [expected[k] for k in keys], inputs=inputs,
                 what="the cache's [%s]" % ", ".join(keys), hint=hint,
                 mistakes={name: ([wrong[k] for k in keys], h)
                           for name, (wrong, h) in (mistakes or {}).items()})


def _library_softplus(x):
    return Value(float(x)).softplus().data


def _library_softplus_slope(x):
    """softplus'(x) by minigrad.numeric's central difference of Value.softplus."""
    return numeric.numerical_gradient(lambda v: _library_softplus(v[0]), [x])[0]


def _library_sigma_of_wx(w, x):
    """sigma(w^T x): w^T x through minigrad Values, then Value.sigmoid."""
    return Value(_dot_oracle(w, x, 1.0)[0]).sigmoid().data


def _hidden_sig(t):
    return 1.0 / (1.0 + math.exp(-t))


def _hidden_softplus(x):
    return math.log1p(math.exp(x))


def _hidden_sigma_of_wx(w, x):
    return _hidden_sig(sum(p * q for p, q in zip(w, x)))


def _hidden_grad(w, x, key):
    """grad_w or grad_x of sigma(w^T x), closed form."""
    s = _hidden_sigma_of_wx(w, x)
    return [s * (1.0 - s) * v for v in (x if key == "grad_w" else w)]


# -- 5.1 / 5.2 dot product ---------------------------------------------------

def _dot_oracle(x, z, dL_dy):
    X = [Value(v) for v in x]
    Z = [Value(v) for v in z]
    y = sum((a * b for a, b in zip(X, Z)), Value(0.0))
    y.backward(dL_dy)
    return y.data, [v.grad for v in X], [v.grad for v in Z]


def _dot_cases(seed, n, lengths=(1, 5)):
    return seeded(seed, n, lambda rng: (lambda k: (_vec(rng, k), _vec(rng, k), rng.uniform(
        -2.5, 2.5)))(rng.randint(*lengths)))


_DOC_DOT = ([1.0, 2.0], [3.0, -1.0], 2.0)


def _check_dot_forward(student, cases):
    for x, z, _ in cases:
        got = student.call("dot_forward", x, z)
        y, _, _ = _dot_oracle(x, z, 1.0)
        _expect_cache(got, {"x": x, "z": z, "y": y}, inputs={"x": x, "z": z},
                      hint="y is one number: the sum over i of x_i times z_i.",
                      mistakes={"products not summed": (
                          {"x": x, "z": z, "y": [p * q for p, q in zip(x, z)]},
                          "y is one number: add the products up.")})


@check("Exercise 5.1", points=1, visibility="visible")
def test_dot_forward_visible(student):
    """The cache of y = x . z for the docstring's example and three seeded vectors."""
    _check_dot_forward(student, [_DOC_DOT] + _dot_cases(5100, 3, (2, 4)))


@check("Exercise 5.1", points=2, visibility="hidden")
def test_dot_forward_hidden(student):
    """The cache of y = x . z for seeded vectors of length 1 to 6."""
    _check_dot_forward(student, _dot_cases(51, 6, (1, 6)))


def _check_dot_backward(student, cases):
    for x, z, g in cases:
        cache = {"x": x, "z": z, "y": _dot_oracle(x, z, 1.0)[0]}
        got = student.call("dot_backward", cache, g)
        _, gx, gz = _dot_oracle(x, z, g)
        expect_close(got, [gx, gz], inputs={"cache": cache, "dL_dy": g},
                     what="[dL/dx, dL/dz]", hint=_general("5.2"),
                     mistakes={
                         "swapped": ([[v * g for v in x], [v * g for v in z]],
                                     "Swapped: the derivative of y with respect to x_i is "
                                     "the entry i of the OTHER input, z."),
                         "no upstream": ([list(z), list(x)],
                                         "That is the local derivative alone: multiply by "
                                         "the gradient arriving from above, dL/dy."),
                         "own input": ([[v * g for v in z], [v * g for v in z]],
                                       "dL/dz uses the same vector as dL/dx: each input's "
                                       "gradient involves the other input."),
                     })


@check("Exercise 5.2", points=2, visibility="visible")
def test_dot_backward_visible(student):
    """dL/dx and dL/dz of the dot-product node: the docstring's example and three seeded
    cases (lengths 2 to 4), against autodiff."""
    _check_dot_backward(student, [_DOC_DOT] + _dot_cases(5200, 3, (2, 4)))


@check("Exercise 5.2", points=4, visibility="hidden")
def test_dot_backward_hidden(student):
    """dL/dx and dL/dz of the dot-product node on seeded inputs of length 1 to 6."""
    _check_dot_backward(student, _dot_cases(52, 6, (1, 6)))


# -- 5.3 to 5.7 softplus -----------------------------------------------------

def _softplus_oracle(x):
    """The cache (every node's value) and the gradient of y at every node, by autodiff."""
    X = Value(x)
    b = X.exp()
    a = 1 + b
    y = a.log()
    y.backward()
    return {"cache": {"x": x, "b": b.data, "a": a.data, "y": y.data},
            "dy_da": a.grad, "dy_db": b.grad, "dy_dx": X.grad}


def _xs(seed, n, lo=-4.0, hi=4.0):
    """Seeded x at least 0.2 away from 0 (where several slips give the same number)."""
    def make(rng):
        while True:
            x = rng.uniform(lo, hi)
            if abs(x) > 0.2:
                return x
    return seeded(seed, n, make)


def _check_softplus_forward(student, xs, softplus):
    """Expected by autodiff's forward pass; ``softplus(x)`` is a second oracle for y:
    minigrad's Value.softplus (visible checks) or a closed form (hidden)."""
    for x in xs:
        got = student.call("softplus_forward", x)
        cache = _softplus_oracle(x)["cache"]
        wrong_y = dict(cache, y=math.log(cache["b"]))
        _expect_cache(got, cache, inputs={"x": x},
                      hint="b = exp(x), a = 1 + b, y = log(a), in that order.",
                      mistakes={"log b": (wrong_y, "y is the log of a = 1 + b (y = log(a)), "
                                                   "not of b.")})
        expect_close(got["y"], softplus(x), inputs={"x": x}, what="y",
                     hint="y = softplus(x) = log(1 + exp(x)).")


@check("Exercise 5.3", points=1, visibility="visible")
def test_softplus_forward_visible(student):
    """The softplus cache x, b, a, y at the docstring's x = 1 and three seeded x."""
    _check_softplus_forward(student, [1.0] + _xs(5300, 3), _library_softplus)


@check("Exercise 5.3", points=2, visibility="hidden")
def test_softplus_forward_hidden(student):
    """The softplus cache at seeded x."""
    _check_softplus_forward(student, _xs(53, 6), _hidden_softplus)


def _check_node(student, fn, oracles, upstream, key, task, mistakes_fn):
    """For each autodiff oracle ``o`` (of the softplus or the sigmoid graph), call
    ``fn(cache[, dy_d<upstream>])`` with its cache and gradient from above and compare
    with its dy/d<key>; ``mistakes_fn(o)`` gives the step's typical wrong values."""
    for o in oracles:
        args, names = [o["cache"]], ["cache"]
        if upstream:
            args.append(o[upstream])
            names.append(upstream)
        got = student.call(fn, *args)
        expect_close(got, o[key], inputs=dict(zip(names, args)), what=key.replace("_", "/"),
                     hint=_general(task), mistakes=mistakes_fn(o))


def _check_softplus_dy_da(student, xs):
    _check_node(
        student, "softplus_dy_da", (_softplus_oracle(x) for x in xs), None, "dy_da", "5.4",
        lambda o: {"log a": (math.log(o["cache"]["a"]), "That is log(a), the node's value; "
                                                        "dy/da is its derivative with "
                                                        "respect to a."),
                   "wrong node": (_local(lambda v: v.log(), o["cache"]["b"]),
                                  "You took the derivative at b; the log node's input is a "
                                  "(y = log(a), a = 1 + b).")})


@check("Exercise 5.4", points=2, visibility="visible")
def test_softplus_dy_da_visible(student):
    """dy/da of the log node at the docstring's x = 1 and three seeded x."""
    _check_softplus_dy_da(student, [1.0] + _xs(5400, 3))


@check("Exercise 5.4", points=4, visibility="hidden")
def test_softplus_dy_da_hidden(student):
    """dy/da of the log node at seeded x."""
    _check_softplus_dy_da(student, _xs(54, 6))


def _check_softplus_dy_db(student, xs):
    _check_node(
        student, "softplus_dy_db", (_softplus_oracle(x) for x in xs), "dy_da", "dy_db", "5.5",
        lambda o: {"da/db only": (1.0, "That is da/db alone; multiply by the gradient from "
                                       "above, dy/da."),
                   "da/db = b": (o["cache"]["b"] * o["dy_da"], "a = 1 + b: the derivative "
                                 "of a sum with respect to b is 1, whatever the value of "
                                 "b.")})


@check("Exercise 5.5", points=1, visibility="visible")
def test_softplus_dy_db_visible(student):
    """dy/db of the add node at the docstring's x = 1 and three seeded x."""
    _check_softplus_dy_db(student, [1.0] + _xs(5500, 3))


@check("Exercise 5.5", points=2, visibility="hidden")
def test_softplus_dy_db_hidden(student):
    """dy/db of the add node at seeded x."""
    _check_softplus_dy_db(student, _xs(55, 6))


def _check_softplus_dy_dx(student, cases):
    for x, g in cases:
        cache = _softplus_oracle(x)["cache"]
        got = student.call("softplus_dy_dx", cache, g)
        X = Value(x)
        X.exp().backward(g)  # d/dx of b with dy/db = g arriving from above
        expect_close(got, X.grad, inputs={"cache": cache, "dy_db": g}, what="dy/dx",
                     hint=_general("5.6"),
                     mistakes={
                         "no upstream": (_local(lambda v: v.exp(), x), "That is db/dx "
                                         "alone; multiply by dy/db, the gradient from the "
                                         "node above."),
                         "x times": (x * g, "The derivative of exp(x) is exp(x), not x."),
                         "wrong node": (cache["a"] * g, "db/dx is the derivative of "
                                        "b = exp(x), whose value is b; you used a = 1 + b."),
                         "upstream only": (g, "The exp node has a local derivative of its "
                                              "own, db/dx: multiply dy/db by it."),
                     })


def _dy_db_cases(seed, n):
    return [(x, g) for x, g in zip(_xs(seed, n, -3.0, 3.0),
                                    seeded(seed + 1, n, lambda rng: rng.uniform(0.1, 1.0)))]


@check("Exercise 5.6", points=2, visibility="visible")
def test_softplus_dy_dx_visible(student):
    """dy/dx of the exp node for the docstring's x = 1, dy/db = 0.5 and three seeded
    cases."""
    _check_softplus_dy_dx(student, [(1.0, 0.5)] + _dy_db_cases(5600, 3))


@check("Exercise 5.6", points=4, visibility="hidden")
def test_softplus_dy_dx_hidden(student):
    """dy/dx of the exp node at seeded x and gradients from above."""
    _check_softplus_dy_dx(student, _dy_db_cases(56, 6))


def _check_softplus_grad(student, xs, slope):
    """Expected by autodiff; ``slope(x)`` is a second oracle: minigrad.numeric's central
    difference (visible checks) or a closed form (hidden)."""
    for x in xs:
        got = student.call("softplus_grad", x)
        o = _softplus_oracle(x)
        expect_close(got, o["dy_dx"], inputs={"x": x}, what="dy/dx",
                     hint=_general("5.7"),
                     mistakes={
                         "chain cut": (_local(lambda v: v.exp(), x), "That is exp(x) alone: "
                                       "the gradient from the log node never reached the "
                                       "exp node. Feed each step the gradient the step "
                                       "above it returned."),
                         "softplus value": (o["cache"]["y"], "That is softplus(x) itself, "
                                            "the forward value; the step asks for its "
                                            "derivative."),
                     })
        expect_close(got, slope(x), inputs={"x": x}, what="dy/dx",
                     hint="The slope of softplus at x is exp(x) / (1 + exp(x)).")


@check("Exercise 5.7", points=2, visibility="visible", uses=("5.3", "5.4", "5.5", "5.6"))
def test_softplus_grad_visible(student):
    """softplus'(x) by backprop at the docstring's x = 1, at x = 0 and three seeded x."""
    _check_softplus_grad(student, [1.0, 0.0] + _xs(5700, 3, -5.0, 5.0),
                         _library_softplus_slope)


@check("Exercise 5.7", points=4, visibility="hidden", uses=("5.3", "5.4", "5.5", "5.6"))
def test_softplus_grad_hidden(student):
    """softplus'(x) by backprop at seeded x, against autodiff and exp(x)/(1+exp(x))."""
    _check_softplus_grad(student, _xs(57, 6, -5.0, 5.0), _hidden_sig)


# -- 5.8 to 5.14 sigmoid(w^T x) ------------------------------------------------

def _sigmoid_oracle(w, x):
    """The cache and dy/d(node) for every node of seed 001's graph, by autodiff."""
    Wv = [Value(v) for v in w]
    Xv = [Value(v) for v in x]
    e = sum((a * b for a, b in zip(Wv, Xv)), Value(0.0))
    c = -e
    b = c.exp()
    a = 1 + b
    y = a ** -1
    y.backward()
    return {"cache": {"w": list(w), "x": list(x), "e": e.data, "c": c.data, "b": b.data,
                      "a": a.data, "y": y.data},
            "dy_da": a.grad, "dy_db": b.grad, "dy_dc": c.grad, "dy_de": e.grad,
            "grad_w": [v.grad for v in Wv], "grad_x": [v.grad for v in Xv]}


_DOC_WX = ([1.0, 2.0], [0.5, 0.25])


def _sigmoid_oracles(cases):
    return (_sigmoid_oracle(w, x) for w, x in cases)


def _wx_cases(seed, n, lengths=(1, 5)):
    """Seeded w, x with |w^T x| >= 0.2 (at w^T x = 0, exp(c) = 1 and several slips give
    the same number) and, for n >= 2, w and x of different directions."""
    def make(rng):
        while True:
            k = rng.randint(*lengths)
            w, x = _vec(rng, k, -1.5, 1.5), _vec(rng, k, -1.5, 1.5)
            if abs(sum(p * q for p, q in zip(w, x))) >= 0.2:
                return w, x
    return seeded(seed, n, make)


def _check_sigmoid_forward(student, cases, sigma_of_wx):
    """Expected by autodiff's forward pass; ``sigma_of_wx(w, x)`` is a second oracle for
    y: minigrad's Value.sigmoid (visible checks) or a closed form (hidden)."""
    for w, x in cases:
        got = student.call("sigmoid_forward", w, x)
        cache = _sigmoid_oracle(w, x)["cache"]
        e = cache["e"]
        no_neg = {"w": w, "x": x, "e": e, "c": e, "b": math.exp(e), "a": 1 + math.exp(e),
                  "y": 1 / (1 + math.exp(e))}
        _expect_cache(got, cache, inputs={"w": w, "x": x},
                      hint="e = w^T x, c = -e, b = exp(c), a = 1 + b, y = 1/a, in that order.",
                      mistakes={"no negation": (no_neg, "c = -e: the graph negates e before "
                                                        "the exp node.")})
        expect_close(got["y"], sigma_of_wx(w, x), inputs={"w": w, "x": x},
                     what="y", hint="y = sigma(w^T x) = 1 / (1 + exp(-w^T x)).")


@check("Exercise 5.8", points=1, visibility="visible")
def test_sigmoid_forward_visible(student):
    """The sigmoid cache w, x, e, c, b, a, y for the docstring's w, x and three seeded
    pairs."""
    _check_sigmoid_forward(student, [_DOC_WX] + _wx_cases(5800, 3, (2, 4)),
                           _library_sigma_of_wx)


@check("Exercise 5.8", points=2, visibility="hidden")
def test_sigmoid_forward_hidden(student):
    """The sigmoid cache for seeded w, x of length 1 to 5."""
    _check_sigmoid_forward(student, _wx_cases(58, 6), _hidden_sigma_of_wx)


def _check_dy_da(student, cases):
    _check_node(
        student, "sigmoid_dy_da", _sigmoid_oracles(cases), None, "dy_da", "5.9",
        lambda o: {"sign": (-o["dy_da"], "Sign: 1/a falls as a grows, so its derivative is "
                                         "negative."),
                   "log": (_local(lambda v: v.log(), o["cache"]["a"]),
                           "1/a is the derivative of log(a); here the node is y = 1/a, whose "
                           "derivative is a different function of a."),
                   "value": (o["cache"]["y"], "That is y = 1/a, the node's value; dy/da is "
                                              "its derivative.")})


@check("Exercise 5.9", points=2, visibility="visible")
def test_sigmoid_dy_da_visible(student):
    """dy/da of the reciprocal node for the docstring's w, x and three seeded pairs."""
    _check_dy_da(student, [_DOC_WX] + _wx_cases(5900, 3, (2, 4)))


@check("Exercise 5.9", points=4, visibility="hidden")
def test_sigmoid_dy_da_hidden(student):
    """dy/da of the reciprocal node for seeded w, x."""
    _check_dy_da(student, _wx_cases(59, 6))


def _check_dy_db(student, cases):
    _check_node(
        student, "sigmoid_dy_db", _sigmoid_oracles(cases), "dy_da", "dy_db", "5.10",
        lambda o: {"da/db only": (1.0, "That is da/db alone; multiply by dy/da, the "
                                       "gradient from above."),
                   "da/db = b": (o["cache"]["b"] * o["dy_da"], "a = 1 + b: the derivative "
                                 "of a sum with respect to b is 1, whatever the value of "
                                 "b.")})


@check("Exercise 5.10", points=1, visibility="visible")
def test_sigmoid_dy_db_visible(student):
    """dy/db of the add node for the docstring's w, x and three seeded pairs."""
    _check_dy_db(student, [_DOC_WX] + _wx_cases(5010, 3, (2, 4)))


@check("Exercise 5.10", points=2, visibility="hidden")
def test_sigmoid_dy_db_hidden(student):
    """dy/db of the add node for seeded w, x."""
    _check_dy_db(student, _wx_cases(510, 6))


def _check_dy_dc(student, cases):
    _check_node(
        student, "sigmoid_dy_dc", _sigmoid_oracles(cases), "dy_db", "dy_dc", "5.11",
        lambda o: {"no upstream": (_local(lambda v: v.exp(), o["cache"]["c"]),
                                   "That is db/dc alone; multiply by dy/db from the node "
                                   "above."),
                   "exp(-c)": (_local(lambda v: v.exp(), -o["cache"]["c"]) * o["dy_db"],
                               "The node is b = exp(c), so its derivative is exp at c itself "
                               "(the minus sign sits in the separate node c = -e)."),
                   "upstream only": (o["dy_db"], "The exp node has a local derivative of its "
                                                 "own, db/dc: multiply dy/db by it.")})


@check("Exercise 5.11", points=2, visibility="visible")
def test_sigmoid_dy_dc_visible(student):
    """dy/dc of the exp node for the docstring's w, x, w = [1], x = [-0.7] and three seeded
    pairs."""
    _check_dy_dc(student, [_DOC_WX, ([1.0], [-0.7])] + _wx_cases(5110, 3, (2, 4)))


@check("Exercise 5.11", points=4, visibility="hidden")
def test_sigmoid_dy_dc_hidden(student):
    """dy/dc of the exp node for seeded w, x."""
    _check_dy_dc(student, _wx_cases(511, 6))


def _check_dy_de(student, cases):
    _check_node(
        student, "sigmoid_dy_de", _sigmoid_oracles(cases), "dy_dc", "dy_de", "5.12",
        lambda o: {"sign": (o["dy_dc"], "Sign: the node c = -e moves opposite to e, so "
                                        "dc/de = -1 and the gradient changes sign here."),
                   "no upstream": (-1.0, "That is dc/de alone; multiply by dy/dc, the "
                                         "gradient from above.")})


@check("Exercise 5.12", points=2, visibility="visible")
def test_sigmoid_dy_de_visible(student):
    """dy/de of the negation node for the docstring's w, x and three seeded pairs."""
    _check_dy_de(student, [_DOC_WX] + _wx_cases(5120, 3, (2, 4)))


@check("Exercise 5.12", points=4, visibility="hidden")
def test_sigmoid_dy_de_hidden(student):
    """dy/de of the negation node for seeded w, x."""
    _check_dy_de(student, _wx_cases(512, 6))


_SLIDE_SIGN = ("The sign is wrong, as in the slide's last line (or its second line, "
               "x dy/de = -x dy/de). Count the chain's minus signs again: the reciprocal "
               "node has one, the negation node c = -e another. Then check: sigma is "
               "increasing, so where the other vector's entry is positive the gradient's "
               "entry must be positive.")


def _check_grad(student, fn, cases, closed_form=None):
    key = "grad_w" if fn == "sigmoid_grad_w" else "grad_x"
    other_key = "grad_x" if key == "grad_w" else "grad_w"
    for w, x in cases:
        got = student.call(fn, w, x)
        o = _sigmoid_oracle(w, x)
        vec = x if key == "grad_w" else w
        dy_de = o["dy_de"]
        skipped_exp = -o["dy_db"]  # dy/de with the exp node's factor left out
        expect_close(got, o[key], inputs={"w": w, "x": x}, what=key + " y",
                     hint=_general("5.13" if key == "grad_w" else "5.14"),
                     mistakes={
                         "slide sign": ([-g for g in o[key]], _SLIDE_SIGN),
                         "other vector": (o[other_key],
                                          "e = w^T x: the gradient of e with respect to w is "
                                          "x, and with respect to x is w."),
                         "sigma instead of sigma'": ([o["cache"]["y"] * v for v in vec],
                                                     "You scaled by y = sigma(w^T x), the "
                                                     "node's value; the chain of local "
                                                     "derivatives gives something else."),
                         "exp node skipped": ([skipped_exp * v for v in vec],
                                              "The exp node's local derivative is missing "
                                              "from the chain: every node between y and e "
                                              "contributes a factor."),
                         "grad e only": (list(vec), "That is the gradient of e = w^T x "
                                                    "alone; multiply by dy/de."),
                         "dy/de only": ([dy_de] * len(vec),
                                        "dy/de is a number; the gradient is a vector: scale "
                                        "the gradient of e = w^T x by it."),
                     })
        if closed_form is not None:
            expect_close(got, closed_form(w, x, key), inputs={"w": w, "x": x},
                         what=key + " y", hint=_SLIDE_SIGN)


_GRAD_USES = ("5.8", "5.9", "5.10", "5.11", "5.12")


@check("Exercise 5.13", points=3, visibility="visible", uses=_GRAD_USES)
def test_sigmoid_grad_w_visible(student):
    """grad_w sigma(w^T x) for the docstring's w, x and three seeded pairs, against
    autodiff."""
    _check_grad(student, "sigmoid_grad_w", [_DOC_WX] + _wx_cases(5130, 3, (2, 4)))


@check("Exercise 5.13", points=6, visibility="hidden", uses=_GRAD_USES)
def test_sigmoid_grad_w_hidden(student):
    """grad_w sigma(w^T x) for seeded w, x, against autodiff and the closed form."""
    _check_grad(student, "sigmoid_grad_w", _wx_cases(513, 6), _hidden_grad)


@check("Exercise 5.14", points=2, visibility="visible", uses=_GRAD_USES)
def test_sigmoid_grad_x_visible(student):
    """grad_x sigma(w^T x) for the docstring's w, x and three seeded pairs, against
    autodiff."""
    _check_grad(student, "sigmoid_grad_x", [_DOC_WX] + _wx_cases(5140, 3, (2, 4)))


@check("Exercise 5.14", points=4, visibility="hidden", uses=_GRAD_USES)
def test_sigmoid_grad_x_hidden(student):
    """grad_x sigma(w^T x) for seeded w, x, against autodiff and the closed form."""
    _check_grad(student, "sigmoid_grad_x", _wx_cases(514, 6), _hidden_grad)


# -- 5.15 the ReLU layer graph ----------------------------------------------------

def _layer_oracle(W, X, b):
    """C, A, H through minigrad Values (one multiply, add and relu node each);
    W[j][k] from input j to unit k, so C = W^T X."""
    n_inputs, n_units, n_examples = len(W), len(W[0]), len(X[0])
    C, A, H = [], [], []
    for k in range(n_units):
        Ci, Ai, Hi = [], [], []
        for n in range(n_examples):
            c = sum((Value(W[j][k]) * X[j][n] for j in range(n_inputs)), Value(0.0))
            a = c + b[k]
            Ci.append(c.data)
            Ai.append(a.data)
            Hi.append(a.relu().data)
        C.append(Ci)
        A.append(Ai)
        H.append(Hi)
    return C, A, H


def _make_layer(rng, m, n_h, N):
    """W (m x n_h), X (m x N), b (n_h) with every A[k][n] at least 0.1 away from the
    ReLU kink, and both signs among the A (so the ReLU is seen to act)."""
    while True:
        W = [_vec(rng, n_h) for _ in range(m)]
        X = [_vec(rng, N) for _ in range(m)]
        C = _layer_oracle(W, X, [0.0] * n_h)[0]
        b = []
        for k in range(n_h):
            while True:
                bk = rng.uniform(-1, 1)
                if all(abs(C[k][n] + bk) > 0.1 for n in range(N)):
                    break
            b.append(bk)
        A = _layer_oracle(W, X, b)[1]
        flat = [v for row in A for v in row]
        if n_h * N == 1 or (min(flat) < 0 < max(flat)):
            return W, X, b


def _check_layer(student, cases):
    for W, X, b in cases:
        got = student.call("relu_layer_graph_forward", W, X, b)
        C, A, H = _layer_oracle(W, X, b)
        expected = {"W": W, "X": X, "b": b, "C": C, "A": A, "H": H}
        mistakes = {"no relu": (dict(expected, H=A), "H = ReLU(A): the negative entries of "
                                                     "A become 0.")}
        if len(b) == len(C[0]):  # b indexed by example instead of by unit
            A_n = [[C[k][n] + b[n] for n in range(len(C[0]))] for k in range(len(C))]
            mistakes["b by example"] = (
                dict(expected, A=A_n, H=[[max(0.0, v) for v in row] for row in A_n]),
                "b[k] belongs to row k (unit k) and is added to every column (every "
                "example), not b[n].")
        if len(W) == len(W[0]):  # Kao's W X: W's rows taken as the units
            Ck, Ak, Hk = _layer_oracle([list(r) for r in zip(*W)], X, b)
            mistakes["Kao's W X"] = (
                dict(expected, C=Ck, A=Ak, H=Hk),
                "This is Kao's W X, W's rows taken as the units. Here W[j][k] goes from "
                "input j to unit k: unit k's weights are column k of W (C = W^T X).")
        _expect_cache(got, expected, inputs={"W": W, "X": X, "b": b},
                      hint="Unit k's weights are column k of W (W[j][k] from input j to unit "
                           "k); C, A and H have one row per unit and one column per "
                           "example, b added to every column, H = max(0, A) entrywise.",
                      mistakes=mistakes)


_LAYER_DOC = ([[1.0], [-1.0]], [[1.0, 2.0], [3.0, 0.0]], [0.5])


@check("Exercise 5.15", points=1, visibility="visible")
def test_relu_layer_graph_forward_visible(student):
    """The cache of H = ReLU(W^T X + b) for a square W (where W and W^T both fit), the
    docstring's example and seeded layers (W 3x2 on 4 examples, 2x3 on 1), away from
    the ReLU kink."""
    shapes = [(2, 2, 2), (3, 2, 4), (2, 3, 1)]
    cases = seeded(5150, 1, lambda rng: [_make_layer(rng, *s) for s in shapes])[0]
    _check_layer(student, cases[:1] + [_LAYER_DOC] + cases[1:])


@check("Exercise 5.15", points=2, visibility="hidden")
def test_relu_layer_graph_forward_hidden(student):
    """The cache for seeded layers (W square, wide, tall; one example), away from the
    ReLU kink."""
    shapes = [(3, 3, 3), (2, 4, 3), (4, 2, 1), (1, 3, 5), (3, 1, 2)]
    cases = seeded(515, 1, lambda rng: [_make_layer(rng, *s) for s in shapes])[0]
    _check_layer(student, cases)
