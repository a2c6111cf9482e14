"""Exercise 05: Computational graphs, node by node (seed 001, Kao: computational graphs, softplus and sigmoid backprop)."""

import math

from grading.check import check, expect_close, seeded
from minigrad import Value, numeric

MODULE = "ex05_computational_graphs"
ALLOWED_IMPORTS = ["math"]


# Visible checks (which `grader.py release` gives to students) take every expected
# value from minigrad: autodiff through the graph built from Values, Value.softplus and
# Value.sigmoid, and minigrad.numeric's central difference. The closed forms some
# hidden checks also compare with are in _hidden_ functions, which the release
# strips. Typical wrong answers come from autodiff too (a local derivative alone, a
# gradient negated, the other input's gradient), not from formulas of the answer.

def _vec(rng, n, lo=-2.0, hi=2.0):
    return [rng.uniform(lo, hi) for _ in range(n)]


def _local(op, at):
    """The local derivative of one node, d op(v)/dv at v = at, by autodiff."""
    v = Value(float(at))
    op(v).backward()
    return v.grad


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


# -- 5.1 / 5.2 dot product ---------------------------------------------------

def _dot_oracle(x, z, dl_dy):
    X = [Value(v) for v in x]
    Z = [Value(v) for v in z]
    y = sum((a * b for a, b in zip(X, Z)), Value(0.0))
    l = y * dl_dy
    l.backward()
    return y.data, [v.grad for v in X], [v.grad for v in Z]


def _check_dot_forward(student, cases):
    for x, z in cases:
        got = student.call("dot_forward", x, z)
        y, _, _ = _dot_oracle(x, z, 1.0)
        expect_close(got, y, inputs={"x": x, "z": z}, what="y = x . z",
                     hint="y = sum_i x_i * z_i (a single number).")


@check("Exercise 5.1", points=1, visibility="visible")
def test_dot_forward_visible(student):
    """y = x . z for the docstring's example."""
    _check_dot_forward(student, [([1.0, 2.0], [3.0, -1.0])])


@check("Exercise 5.1", points=2, visibility="hidden")
def test_dot_forward_hidden(student):
    """y = x . z for seeded vectors of length 1 to 5."""
    _check_dot_forward(student, seeded(51, 5, lambda rng: (lambda n: (_vec(rng, n), _vec(rng, n)))(
        rng.randint(1, 5))))


def _check_dot_backward(student, cases):
    for x, z, g in cases:
        got = student.call("dot_backward", x, z, g)
        _, gx, gz = _dot_oracle(x, z, g)
        expect_close(got, [gx, gz], inputs={"x": x, "z": z, "dl_dy": g}, what="[dl/dx, dl/dz]",
                     hint="dy/dx = z and dy/dz = x: each input's gradient is the OTHER input "
                          "times dl/dy.",
                     mistakes={
                         "swapped": ([[v * g for v in x], [v * g for v in z]],
                                     "Swapped: dy/dx_i = z_i (the other input), so "
                                     "dl/dx = z * dl/dy and dl/dz = x * dl/dy."),
                         "no upstream": ([list(z), list(x)],
                                         "Multiply by the gradient arriving from above, "
                                         "dl/dy: dl/dx = z * dl/dy."),
                     })


@check("Exercise 5.2", points=1, visibility="visible")
def test_dot_backward_visible(student):
    """dl/dx and dl/dz of the dot-product node for the docstring's example."""
    _check_dot_backward(student, [([1.0, 2.0], [3.0, -1.0], 2.0)])


@check("Exercise 5.2", points=2, visibility="hidden")
def test_dot_backward_hidden(student):
    """dl/dx and dl/dz of the dot-product node on seeded inputs, against autodiff."""
    _check_dot_backward(student, seeded(52, 5, lambda rng: (lambda n: (
        _vec(rng, n), _vec(rng, n), rng.uniform(-2, 2)))(rng.randint(1, 5))))


# -- 5.3 to 5.7 softplus -----------------------------------------------------

def _softplus_oracle(x):
    """Node values and the gradient of y at every node, by autodiff."""
    X = Value(x)
    b = X.exp()
    a = 1 + b
    y = a.log()
    y.backward()
    return {"b": b.data, "a": a.data, "y": y.data, "dy_da": a.grad, "dy_db": b.grad,
            "dy_dx": X.grad}


def _check_softplus_forward(student, xs, softplus):
    """Expected by autodiff's forward pass; ``softplus(x)`` is a second oracle for y:
    minigrad's Value.softplus (visible checks) or a closed form (hidden)."""
    for x in xs:
        got = student.call("softplus_forward", x)
        o = _softplus_oracle(x)
        expect_close(got, [o["b"], o["a"], o["y"]], inputs={"x": x}, what="[b, a, y]",
                     hint="b = exp(x), a = 1 + b, y = log(a) (natural log), in that order.")
        expect_close(got[2], softplus(x), inputs={"x": x}, what="y",
                     hint="y = softplus(x) = log(1 + exp(x)).")


@check("Exercise 5.3", points=1, visibility="visible")
def test_softplus_forward_visible(student):
    """The softplus nodes b, a, y at x = 0 and x = 1."""
    _check_softplus_forward(student, [0.0, 1.0], _library_softplus)


@check("Exercise 5.3", points=2, visibility="hidden")
def test_softplus_forward_hidden(student):
    """The softplus nodes b, a, y at seeded x."""
    _check_softplus_forward(student, seeded(53, 5, lambda rng: rng.uniform(-4, 4)),
                            _hidden_softplus)


def _check_softplus_dy_da(student, xs):
    for x in xs:
        o = _softplus_oracle(x)
        got = student.call("softplus_dy_da", o["a"])
        expect_close(got, o["dy_da"], inputs={"a": o["a"]}, what="dy/da",
                     hint="d/da log(a) = 1/a.",
                     mistakes={"log a": (math.log(o["a"]), "That is log(a), the node's value; "
                                         "its derivative is 1/a.")})


@check("Exercise 5.4", points=1, visibility="visible")
def test_softplus_dy_da_visible(student):
    """dy/da of the log node at a = 2."""
    _check_softplus_dy_da(student, [0.0])


@check("Exercise 5.4", points=2, visibility="hidden")
def test_softplus_dy_da_hidden(student):
    """dy/da of the log node at the a of seeded x."""
    _check_softplus_dy_da(student, seeded(54, 5, lambda rng: rng.uniform(-4, 4)))


def _check_softplus_dy_db(student, xs):
    for x in xs:
        o = _softplus_oracle(x)
        got = student.call("softplus_dy_db", o["dy_da"])
        expect_close(got, o["dy_db"], inputs={"dy_da": o["dy_da"]}, what="dy/db",
                     hint="a = 1 + b, so da/db = 1 and dy/db = 1 * dy/da.",
                     mistakes={"da/db only": (1.0, "That is da/db alone; multiply by the "
                                              "gradient from above, dy/da.")})


@check("Exercise 5.5", points=1, visibility="visible")
def test_softplus_dy_db_visible(student):
    """dy/db of the add node at x = 0 (dy/da = 0.5)."""
    _check_softplus_dy_db(student, [0.0])


@check("Exercise 5.5", points=2, visibility="hidden")
def test_softplus_dy_db_hidden(student):
    """dy/db of the add node for seeded x."""
    _check_softplus_dy_db(student, seeded(55, 5, lambda rng: rng.uniform(-4, 4)))


def _check_softplus_dy_dx(student, cases):
    for x, g in cases:
        got = student.call("softplus_dy_dx", x, g)
        X = Value(x)
        (X.exp() * g).backward()  # d/dx of b with dy/db = g arriving from above
        expect_close(got, X.grad, inputs={"x": x, "dy_db": g}, what="dy/dx",
                     hint="b = exp(x), so db/dx = exp(x); dy/dx = exp(x) * dy/db.",
                     mistakes={
                         "no upstream": (_local(lambda v: v.exp(), x), "That is db/dx "
                                         "alone; multiply by dy/db, the gradient from the "
                                         "node above."),
                         "x times": (x * g, "d/dx exp(x) = exp(x), not x."),
                     })


@check("Exercise 5.6", points=1, visibility="visible")
def test_softplus_dy_dx_visible(student):
    """dy/dx of the exp node at x = 0 with dy/db = 0.5."""
    _check_softplus_dy_dx(student, [(0.0, 0.5)])


@check("Exercise 5.6", points=2, visibility="hidden")
def test_softplus_dy_dx_hidden(student):
    """dy/dx of the exp node at seeded x and upstream gradients."""
    _check_softplus_dy_dx(student, seeded(56, 5, lambda rng: (rng.uniform(-3, 3),
                                                              rng.uniform(-2, 2))))


def _check_softplus_grad(student, xs, slope):
    """Expected by autodiff; ``slope(x)`` is a second oracle: minigrad.numeric's central
    difference (visible checks) or a closed form (hidden)."""
    for x in xs:
        got = student.call("softplus_grad", x)
        o = _softplus_oracle(x)
        expect_close(got, o["dy_dx"], inputs={"x": x}, what="dy/dx",
                     hint="Chain the nodes: dy/dx = exp(x) * 1 * (1/a) with a = 1 + exp(x); "
                          "it equals exp(x) / (1 + exp(x)).")
        expect_close(got, slope(x), inputs={"x": x}, what="dy/dx",
                     hint="softplus'(x) = exp(x) / (1 + exp(x)).")


@check("Exercise 5.7", points=1, visibility="visible")
def test_softplus_grad_visible(student):
    """softplus'(x) by backprop at x = 0 (expected 0.5)."""
    _check_softplus_grad(student, [0.0], _library_softplus_slope)


@check("Exercise 5.7", points=2, visibility="hidden")
def test_softplus_grad_hidden(student):
    """softplus'(x) by backprop at seeded x, against autodiff and exp(x)/(1+exp(x))."""
    _check_softplus_grad(student, seeded(57, 5, lambda rng: rng.uniform(-5, 5)), _hidden_sig)


# -- 5.8 to 5.14 sigmoid(w^T x) ------------------------------------------------

def _sigmoid_oracle(w, x):
    """Node values and dy/d(node) for every node of seed 001's graph, by autodiff."""
    Wv = [Value(v) for v in w]
    Xv = [Value(v) for v in x]
    e = sum((a * b for a, b in zip(Wv, Xv)), Value(0.0))
    c = -e
    b = c.exp()
    a = 1 + b
    y = a ** -1
    y.backward()
    return {"e": e.data, "c": c.data, "b": b.data, "a": a.data, "y": y.data,
            "dy_da": a.grad, "dy_db": b.grad, "dy_dc": c.grad, "dy_de": e.grad,
            "grad_w": [v.grad for v in Wv], "grad_x": [v.grad for v in Xv]}


_DOC_WX = ([1.0, 2.0], [0.5, -0.25])


def _wx_cases(seed, n):
    return seeded(seed, n, lambda rng: (lambda k: (_vec(rng, k, -1.5, 1.5),
                                                   _vec(rng, k, -1.5, 1.5)))(rng.randint(1, 5)))


def _check_sigmoid_forward(student, cases, sigma_of_wx):
    """Expected by autodiff's forward pass; ``sigma_of_wx(w, x)`` is a second oracle for
    y: minigrad's Value.sigmoid (visible checks) or a closed form (hidden)."""
    for w, x in cases:
        got = student.call("sigmoid_forward", w, x)
        o = _sigmoid_oracle(w, x)
        expect_close(got, [o["e"], o["c"], o["b"], o["a"], o["y"]], inputs={"w": w, "x": x},
                     what="[e, c, b, a, y]",
                     hint="e = w^T x, c = -e, b = exp(c), a = 1 + b, y = 1/a, in that order.")
        expect_close(got[4], sigma_of_wx(w, x), inputs={"w": w, "x": x},
                     what="y", hint="y = sigma(w^T x) = 1 / (1 + exp(-w^T x)).")


@check("Exercise 5.8", points=1, visibility="visible")
def test_sigmoid_forward_visible(student):
    """The nodes e, c, b, a, y of sigma(w^T x) for the docstring's w, x."""
    _check_sigmoid_forward(student, [_DOC_WX], _library_sigma_of_wx)


@check("Exercise 5.8", points=2, visibility="hidden")
def test_sigmoid_forward_hidden(student):
    """The nodes e, c, b, a, y for seeded w, x."""
    _check_sigmoid_forward(student, _wx_cases(58, 5), _hidden_sigma_of_wx)


def _check_sigmoid_node(student, fn, cases, make_args, key, hint, mistakes_fn):
    for w, x in cases:
        o = _sigmoid_oracle(w, x)
        args, names = make_args(o)
        got = student.call(fn, *args)
        expect_close(got, o[key], inputs=dict(zip(names, args)), what=key.replace("_", "/"),
                     hint=hint, mistakes=mistakes_fn(o))


@check("Exercise 5.9", points=1, visibility="visible")
def test_sigmoid_dy_da_visible(student):
    """dy/da of the reciprocal node at a = 2."""
    _check_dy_da(student, [_DOC_WX])


@check("Exercise 5.9", points=2, visibility="hidden")
def test_sigmoid_dy_da_hidden(student):
    """dy/da of the reciprocal node at the a of seeded w, x."""
    _check_dy_da(student, _wx_cases(59, 5))


def _check_dy_da(student, cases):
    _check_sigmoid_node(
        student, "sigmoid_dy_da", cases, lambda o: ([o["a"]], ["a"]), "dy_da",
        "y = 1/a = a**-1, so dy/da = -1/a**2.",
        lambda o: {"sign": (-o["dy_da"], "Sign: d/da (1/a) = -1/a**2."),
                   "log": (_local(lambda v: v.log(), o["a"]), "1/a is the derivative of "
                           "log(a); here y = 1/a, whose derivative is -1/a**2.")})


def _check_dy_db(student, cases):
    _check_sigmoid_node(
        student, "sigmoid_dy_db", cases, lambda o: ([o["dy_da"]], ["dy_da"]), "dy_db",
        "a = 1 + b, so da/db = 1 and dy/db = dy/da.",
        lambda o: {"da/db only": (1.0, "That is da/db alone; multiply by dy/da.")})


@check("Exercise 5.10", points=1, visibility="visible")
def test_sigmoid_dy_db_visible(student):
    """dy/db of the add node for the docstring's w, x."""
    _check_dy_db(student, [_DOC_WX])


@check("Exercise 5.10", points=2, visibility="hidden")
def test_sigmoid_dy_db_hidden(student):
    """dy/db of the add node for seeded w, x."""
    _check_dy_db(student, _wx_cases(510, 5))


def _check_dy_dc(student, cases):
    _check_sigmoid_node(
        student, "sigmoid_dy_dc", cases, lambda o: ([o["c"], o["dy_db"]], ["c", "dy_db"]),
        "dy_dc", "b = exp(c), so db/dc = exp(c) and dy/dc = exp(c) * dy/db.",
        lambda o: {"no upstream": (_local(lambda v: v.exp(), o["c"]), "That is db/dc "
                                   "alone; multiply by dy/db from the node above."),
                   "exp(-c)": (_local(lambda v: v.exp(), -o["c"]) * o["dy_db"], "The node is "
                               "b = exp(c), so db/dc = exp(c), with c itself (the minus sign "
                               "sits in the node c = -e).")})


@check("Exercise 5.11", points=1, visibility="visible")
def test_sigmoid_dy_dc_visible(student):
    """dy/dc of the exp node for the docstring's w, x and w = [1], x = [-0.7]."""
    _check_dy_dc(student, [_DOC_WX, ([1.0], [-0.7])])


@check("Exercise 5.11", points=2, visibility="hidden")
def test_sigmoid_dy_dc_hidden(student):
    """dy/dc of the exp node for seeded w, x."""
    _check_dy_dc(student, _wx_cases(511, 5))


def _check_dy_de(student, cases):
    _check_sigmoid_node(
        student, "sigmoid_dy_de", cases, lambda o: ([o["dy_dc"]], ["dy_dc"]), "dy_de",
        "c = -e, so dc/de = -1 and dy/de = -dy/dc.",
        lambda o: {"sign": (o["dy_dc"], "Sign: the node c = -e has dc/de = -1, so "
                            "dy/de = -dy/dc.")})


@check("Exercise 5.12", points=1, visibility="visible")
def test_sigmoid_dy_de_visible(student):
    """dy/de of the negation node for the docstring's w, x."""
    _check_dy_de(student, [_DOC_WX])


@check("Exercise 5.12", points=2, visibility="hidden")
def test_sigmoid_dy_de_hidden(student):
    """dy/de of the negation node for seeded w, x."""
    _check_dy_de(student, _wx_cases(512, 5))


_SLIDE_SIGN = ("The slide's last line has a sign error and you reproduced it. dy/da = -1/a**2 "
               "has its own minus sign, which cancels the one from c = -e: "
               "grad y = +sigma(w^T x)(1 - sigma(w^T x)) times x (for grad_w) or w (for grad_x).")


def _check_grad(student, fn, cases):
    other = {"sigmoid_grad_w": "x", "sigmoid_grad_x": "w"}[fn]
    for w, x in cases:
        got = student.call(fn, w, x)
        o = _sigmoid_oracle(w, x)
        key = "grad_w" if fn == "sigmoid_grad_w" else "grad_x"
        other_key = "grad_x" if key == "grad_w" else "grad_w"
        vec = x if key == "grad_w" else w
        expect_close(got, o[key], inputs={"w": w, "x": x}, what=key + " y",
                     hint="%s y = (%s e) dy/de = %s * dy/de = sigma(w^T x)(1 - sigma(w^T x)) %s."
                          % (key, key, other, other),
                     mistakes={
                         "slide sign": ([-g for g in o[key]], _SLIDE_SIGN),
                         "other vector": (o[other_key],
                                          "e = w^T x: the gradient of e with respect to w is "
                                          "x, and with respect to x is w."),
                         "sigma instead of sigma'": ([o["y"] * v for v in vec],
                                                     "You used sigma(w^T x); the derivative is "
                                                     "sigma(w^T x)(1 - sigma(w^T x))."),
                     })


@check("Exercise 5.13", points=1, visibility="visible")
def test_sigmoid_grad_w_visible(student):
    """grad_w sigma(w^T x) for the docstring's w, x (expected [0.125, -0.0625])."""
    _check_grad(student, "sigmoid_grad_w", [_DOC_WX])


@check("Exercise 5.13", points=2, visibility="hidden")
def test_sigmoid_grad_w_hidden(student):
    """grad_w sigma(w^T x) for seeded w, x, against autodiff."""
    _check_grad(student, "sigmoid_grad_w", _wx_cases(513, 5))


@check("Exercise 5.14", points=1, visibility="visible")
def test_sigmoid_grad_x_visible(student):
    """grad_x sigma(w^T x) for the docstring's w, x (expected [0.25, 0.5])."""
    _check_grad(student, "sigmoid_grad_x", [_DOC_WX])


@check("Exercise 5.14", points=2, visibility="hidden")
def test_sigmoid_grad_x_hidden(student):
    """grad_x sigma(w^T x) for seeded w, x, against autodiff."""
    _check_grad(student, "sigmoid_grad_x", _wx_cases(514, 5))


# -- 5.15 the ReLU layer graph ----------------------------------------------------

def _layer_oracle(W, X, b):
    """C, A, H through minigrad Values (one multiply, add and relu node each)."""
    n_units, n_inputs, n_examples = len(W), len(X), len(X[0])
    C, A, H = [], [], []
    for i in range(n_units):
        Ci, Ai, Hi = [], [], []
        for n in range(n_examples):
            c = sum((Value(W[i][j]) * X[j][n] for j in range(n_inputs)), Value(0.0))
            a = c + b[i]
            Ci.append(c.data)
            Ai.append(a.data)
            Hi.append(a.relu().data)
        C.append(Ci)
        A.append(Ai)
        H.append(Hi)
    return C, A, H


def _make_layer(rng, h, m, N):
    """W, X, b with every A[i][n] at least 0.1 away from the ReLU kink."""
    W = [_vec(rng, m) for _ in range(h)]
    X = [_vec(rng, N) for _ in range(m)]
    C = _layer_oracle(W, X, [0.0] * h)[0]
    b = []
    for i in range(h):
        while True:
            bi = rng.uniform(-1, 1)
            if all(abs(C[i][n] + bi) > 0.1 for n in range(N)):
                break
        b.append(bi)
    return W, X, b


def _check_layer(student, cases):
    for W, X, b in cases:
        got = student.call("relu_layer_graph_forward", W, X, b)
        C, A, H = _layer_oracle(W, X, b)
        wrong = None
        if len(b) == len(C[0]):  # b indexed by example instead of by unit
            A_n = [[C[i][n] + b[n] for n in range(len(C[0]))] for i in range(len(C))]
            wrong = [C, A_n, [[max(0.0, v) for v in row] for row in A_n]]
        expect_close(got, [C, A, H], inputs={"W": W, "X": X, "b": b}, what="[C, A, H]",
                     hint="C[i][n] = sum_j W[i][j] X[j][n] (h x N), A[i][n] = C[i][n] + b[i] "
                          "(b added to every column), H = max(0, A) entrywise.",
                     mistakes={
                         "b by example": (wrong if wrong is not None else [None],
                                          "b[i] belongs to row i (unit i) and is added to every "
                                          "column (every example): A[i][n] = C[i][n] + b[i]."),
                     })


@check("Exercise 5.15", points=1, visibility="visible")
def test_relu_layer_graph_forward_visible(student):
    """C, A, H of H = ReLU(WX + b) for a seeded 2x2 layer on 2 examples and the docstring's example."""
    square = seeded(5150, 1, lambda rng: _make_layer(rng, 2, 2, 2))
    _check_layer(student, square + [([[1.0, -1.0]], [[1.0, 2.0], [3.0, 0.0]], [0.5])])


@check("Exercise 5.15", points=2, visibility="hidden")
def test_relu_layer_graph_forward_hidden(student):
    """C, A, H for seeded layers (square, wide, tall, one example), away from the ReLU kink."""
    shapes = [(3, 3, 3), (2, 4, 3), (4, 2, 1), (1, 3, 5), (3, 1, 2)]
    cases = seeded(515, 1, lambda rng: [_make_layer(rng, *s) for s in shapes])[0]
    _check_layer(student, cases)


MISTAKES = [
    # (task, text in solutions/ex05_computational_graphs.py to replace, replacement, fragment)
    ("5.2", "    dl_dx = [z_i * dl_dy for z_i in z]\n    dl_dz = [x_i * dl_dy for x_i in x]",
     "    dl_dx = [x_i * dl_dy for x_i in x]\n    dl_dz = [z_i * dl_dy for z_i in z]", "Swapped"),
    ("5.3", "    a = 1.0 + b\n    y = math.log(a)\n    return [b, a, y]",
     "    a = 1.0 + b\n    y = math.log(b)\n    return [b, a, y]", "y = log(a)"),
    ("5.4", "    return 1.0 / a\n", "    return math.log(a)\n", "derivative is 1/a"),
    ("5.6", "    return db_dx * dy_db", "    return db_dx", "dy/db"),
    ("5.9", "    return -1.0 / a ** 2", "    return 1.0 / a ** 2", "Sign"),
    ("5.11", "db_dc = math.exp(c)", "db_dc = math.exp(-c)", "db/dc = exp(c)"),
    ("5.12", "dc_de = -1.0", "dc_de = 1.0", "dc/de = -1"),
    ("5.13", "    return [x_i * dy_de for x_i in x]", "    return [-x_i * dy_de for x_i in x]",
     "sign error"),
    ("5.14", "    return [w_i * dy_de for w_i in w]", "    return [x_i * dy_de for x_i in x]",
     "with respect to x is w"),
    ("5.15", "A = [[C[i][n] + b[i] for n in range(N)] for i in range(h)]",
     "A = [[C[i][n] + b[n] for n in range(N)] for i in range(h)]", "b[i]"),
]
