"""The lectures' graphs, built from labelled Values: the figures the texts lost.

Each function builds one graph of the lecture texts node by node, with the
lecture's names as labels, runs one backward pass and returns the output.
Draw one with ``minigrad.draw(worked_network())`` or from the shell::

    python -m minigrad graph --list
    python -m minigrad graph worked-network --svg worked_network.svg
    python -m minigrad graph sigmoid          # the ASCII tree in the terminal

>>> L = worked_network()
>>> L.label, round(L.data, 4)
('L', 1.6736)
>>> print(softplus().tree(show_grad=False))
#1 y = log  data=0.9741
└── #2 a = +  data=2.649
    ├── #3 1 = leaf  data=1
    └── #4 b = exp  data=1.649
        └── #5 x = leaf  data=0.5
"""

from minigrad.engine import Value
from minigrad.losses import hinge

__all__ = ["GRAPHS", "worked_network", "softplus", "sigmoid", "relu_layer"]


def _named(value, label):
    """``value`` with its label set (for nodes made by an op)."""
    value.label = label
    return value


def worked_network(x1=1.0, x2=-0.5, w13=0.5, w14=-0.3, w24=0.8, w35=1.2, w45=-0.7, w46=0.9,
                   v5=1.5, v6=-1.1, t=-1.0):
    """Seed 000's worked tanh network, forward and backward (the default numbers are its example).

    ::

        z3 = a1 w13                a1 = x1,  a2 = x2
        z4 = a1 w14 + a2 w24       a3 = tanh(z3),  a4 = tanh(z4)
        z5 = a3 w35 + a4 w45       a5 = tanh(z5)
        z6 = a4 w46                a6 = tanh(z6)
        z_out = a5 v5 + a6 v6
        L = max(0, -z_out t)       (the hinge loss, minigrad.losses.hinge)

    Every node's grad is dL/d(node) from one ``L.backward()``; the numbers
    agree with exercise 06's hand-derived deltas (z_out = 1.67359, a wrong
    sign, so L = z_out and delta_out = 1).

    >>> L = worked_network()
    >>> [(v.label, round(v.grad, 4)) for v in L._topo() if v.label in ("w35", "v6")]
    [('w35', 0.3012), ('v6', -0.496)]
    """
    a1 = Value(x1, label="a1 = x1")
    a2 = Value(x2, label="a2 = x2")
    w = {name: Value(value, label=name) for name, value in
         (("w13", w13), ("w14", w14), ("w24", w24), ("w35", w35), ("w45", w45),
          ("w46", w46), ("v5", v5), ("v6", v6))}
    z3 = _named(a1 * w["w13"], "z3")
    a3 = _named(z3.tanh(), "a3")
    z4 = _named(_named(a1 * w["w14"], "a1 w14") + _named(a2 * w["w24"], "a2 w24"), "z4")
    a4 = _named(z4.tanh(), "a4")
    z5 = _named(_named(a3 * w["w35"], "a3 w35") + _named(a4 * w["w45"], "a4 w45"), "z5")
    a5 = _named(z5.tanh(), "a5")
    z6 = _named(a4 * w["w46"], "z6")
    a6 = _named(z6.tanh(), "a6")
    z_out = _named(_named(a5 * w["v5"], "a5 v5") + _named(a6 * w["v6"], "a6 v6"), "z_out")
    L = _named(hinge(z_out, t), "L")
    _name_hinge_nodes(L)
    L.backward()
    return L


def _name_hinge_nodes(L):
    """Label the nodes ``hinge`` made: L = ReLU(-z_out * t), -z_out = z_out * -1."""
    (product,) = L._prev
    negated, t = product._prev
    _named(product, "-z_out t")
    _named(t, "t")
    _named(negated, "-z_out")
    _named(negated._prev[1], "-1")


def softplus(x=0.5):
    """Seed 001's softplus, node by node: ``b = exp(x)``, ``a = 1 + b``, ``y = log(a)``.

    dy/dx = exp(x) / (1 + exp(x)), the sigmoid of x:

    >>> y = softplus(0.0)
    >>> [(v.label, v.grad) for v in y._topo()]
    [('1', 0.5), ('x', 0.5), ('b', 0.5), ('a', 0.5), ('y', 1.0)]
    """
    x = Value(x, label="x")
    b = _named(x.exp(), "b")
    a = _named(Value(1.0, label="1") + b, "a")
    y = _named(a.log(), "y")
    y.backward()
    return y


def sigmoid(w=(0.5, -1.5), x=(2.0, 0.4)):
    """Seed 001's sigmoid(w^T x), node by node, with its node names::

        e = w^T x        (w1 x1 + w2 x2)
        c = -e
        b = exp(c)
        a = 1 + b
        y = 1 / a

    backward() leaves dy/dw_i in each w_i's grad (Exercise 5.13 derives it by
    hand, and checks the sign of seed 001's last line). A finite difference
    agrees:

    >>> import math
    >>> y = sigmoid()
    >>> w1 = [v for v in y._topo() if v.label == "w1"][0]
    >>> def y_at(w1):                               # w = (w1, -1.5), x = (2, 0.4)
    ...     return 1 / (1 + math.exp(-(w1 * 2.0 - 1.5 * 0.4)))
    >>> h = 1e-6
    >>> abs(w1.grad - (y_at(0.5 + h) - y_at(0.5 - h)) / (2 * h)) < 1e-8
    True
    """
    if len(w) != len(x) or not w:
        raise ValueError("sigmoid: w and x need the same length (at least 1), got %d and %d"
                         % (len(w), len(x)))
    ws = [Value(wi, label="w%d" % (i + 1)) for i, wi in enumerate(w)]
    xs = [Value(xi, label="x%d" % (i + 1)) for i, xi in enumerate(x)]
    terms = [_named(wi * xi, "w%d x%d" % (i + 1, i + 1)) for i, (wi, xi) in enumerate(zip(ws, xs))]
    e = terms[0]
    for term in terms[1:]:
        e = e + term
    _named(e, "e")
    c = _named(e * Value(-1.0, label="-1"), "c")
    b = _named(c.exp(), "b")
    a = _named(Value(1.0, label="1") + b, "a")
    y = _named(a ** -1, "y")
    y.backward()
    return y


def relu_layer(W=((1.0, 2.0, 0.0), (-1.0, 1.0, 1.0)), x=(1.0, -1.0), b=(-3.0, 1.0, 1.0)):
    """Seed 001's layer in scalars, with exercise 8's names and its first example::

        c_k = sum_j W[j][k] x_j      z_k = c_k + b_k      h_k = ReLU(z_k)

    W[j][k] goes from input j to unit k (W is m x n_h, a list of m rows:
    Kao's W transposed, so c = W^T x where Kao writes W x); its Value is
    labelled ``Wjk`` (``W12``: input 1, unit 2). The layer is followed by
    L = h1 + h2 + ... as a stand-in for the rest of the network (so
    dL/dh = 1). With the defaults z = (-1, 2, 0): unit 1 is off, unit 3 sits
    at the kink (ReLU'(0) = 0), so only unit 2 passes a gradient:
    dL/dW[j][2] = x_j and every other dL/dW[j][k] = 0 (dL/dW = x (dL/dc)^T).

    >>> L = relu_layer()
    >>> sorted((v.label, v.grad) for v in L._topo() if v.label.startswith("W") and " " not in v.label)
    [('W11', 0.0), ('W12', 1.0), ('W13', 0.0), ('W21', 0.0), ('W22', -1.0), ('W23', 0.0)]
    """
    if not W or len(W) != len(x):
        raise ValueError("relu_layer: W needs one row per input (W[j][k] from input j to "
                         "unit k), got %d rows and %d inputs" % (len(W), len(x)))
    for j, row in enumerate(W):
        if len(row) != len(b) or not row:
            raise ValueError("relu_layer: row %d of W has %d entries, b has %d (one per unit)"
                             % (j + 1, len(row), len(b)))
    xs = [Value(xj, label="x%d" % (j + 1)) for j, xj in enumerate(x)]
    Ws = [[Value(wjk, label="W%d%d" % (j + 1, k + 1)) for k, wjk in enumerate(row)]
          for j, row in enumerate(W)]
    hs = []
    for k, bk in enumerate(b):
        terms = [_named(Ws[j][k] * xj, "W%d%d x%d" % (j + 1, k + 1, j + 1))
                 for j, xj in enumerate(xs)]
        c = terms[0]
        for term in terms[1:]:
            c = c + term
        _named(c, "c%d" % (k + 1))
        z = _named(c + Value(bk, label="b%d" % (k + 1)), "z%d" % (k + 1))
        hs.append(_named(z.relu(), "h%d" % (k + 1)))
    L = hs[0]
    for k, h in enumerate(hs[1:], start=2):
        L = _named(L + h, " + ".join("h%d" % (i + 1) for i in range(k)))
    _named(L, "L")
    L.backward()
    return L


# name -> (function, one line for ``python -m minigrad graph --list``)
GRAPHS = {
    "worked-network": (worked_network, "seed 000's tanh network with the hinge loss, "
                                       "x1=1, x2=-0.5, t=-1 (exercise 06)"),
    "softplus": (softplus, "seed 001: y = log(1 + exp(x)) as b = exp(x), a = 1 + b, y = log(a) "
                           "(exercise 05)"),
    "sigmoid": (sigmoid, "seed 001: y = 1 / (1 + exp(-w^T x)) as e, c = -e, b = exp(c), "
                         "a = 1 + b, y = 1/a (exercise 05)"),
    "relu-layer": (relu_layer, "seed 001's layer as c = W^T x, z = c + b, h = ReLU(z), "
                               "2 inputs, 3 units, L = h1 + h2 + h3 (exercise 08)"),
}
