"""Exercise 05: Computational graphs, node by node

Mirrors seed 001 (J. C. Kao, UCLA, Lecture 8 "Backpropagation"): the
"Computational graphs" slides (y = x . z, softplus, sigma(w^T x),
H = ReLU(WX + b), here H = ReLU(W^T X + b)) and the worked examples "Backpropagation example: softplus"
and "Backpropagation example: sigmoid". Every inner node of a graph is one
operation. The forward pass computes every node's value and keeps them in a
cache (a dict, one entry per node, under the slide's letter); the backward
pass visits the nodes in reverse and, at each one, turns the gradient that
arrives from above into the gradient of the node's input.

The four graphs (forward equations; the arrows are the forward direction)::

    dot product (5.1, 5.2):

        x --\\
             ( . )--> y              y = x . z = sum_i x_i z_i
        z --/

    softplus (5.3 to 5.7):

        x -->( exp )--> b -->( 1 + )--> a -->( log )--> y

        b = exp(x),  a = 1 + b,  y = log(a)      (so y = log(1 + exp(x)))

    sigmoid (5.8 to 5.14):

        w --\\
             ( . )--> e -->( - )--> c -->( exp )--> b -->( 1 + )--> a -->( 1/ )--> y
        x --/

        e = w^T x,  c = -e,  b = exp(c),  a = 1 + b,  y = 1 / a
                                                 (so y = sigma(w^T x))

    layer (5.15), X one column per example, W[j][k] from input j to unit k:

        W --\\
             ( W^T X )--> C --\\
        X --/                  ( + )--> A -->( ReLU )--> H
                          b --/

        C = W^T X,  A = C + b (b added to every column),  H = ReLU(A)

To see the graphs: python -m minigrad graph softplus --svg softplus.svg (and
``graph sigmoid``; ``graph relu-layer`` draws 5.15's layer for one example).

Notation (the kit's, with seed 001's differences):

* The node names a, b, c, e are Kao's, local to this module and to one graph
  each: here a is not an activation and b not a bias (except the layer's
  bias b in 5.15), and e = w^T x is what the other modules call z. The
  letter d appears in none of the slide's lines; no node is called d.
* In the dot product y = x . z (5.1, 5.2), z is Kao's name for the second
  input vector, not a pre-activation.
* In 5.15, A = C + b is the pre-activation (the kit's z) and H = ReLU(A)
  the activation (the kit's a); Kao's h, the number of units, is n_h here.
* y is the graph's output; dy/d(node) is the gradient being propagated. In
  5.2 the gradient arriving from above is dL/dy for a loss L further up
  (Kao writes a lowercase l for the loss).
* Kao writes H = ReLU(WX + b) with W's rows the units (h x m); here, as in
  the whole kit, W[j][k] goes from input j to unit k (W is m x n_h, Kao's W
  transposed), so C = W^T X. X is Kao's: m rows, one column per example.

Three places where the slides, as printed, are not right: check them, do not
copy them.

* Softplus, last line: "dy/dx = db/dx dy/db = exp(x) dy/dx". Its last factor
  is the very quantity the line computes. Which gradient actually arrives at
  the exp node from above? (Exercise 5.6)
* Sigmoid, "putting it all together": "grad_w y = x dy/de = -x dy/de" makes a
  vector equal to its own negative. One symbol in the second step is not the
  one meant: which node's gradient is dy/de the negative of? (Exercises 5.12,
  5.13)
* Sigmoid, last line, "grad_w y = -exp(-w^T x) / (1 + exp(-w^T x))^2 x": its
  sign is for you to verify. Count the minus signs the chain picks up node
  by node, or compare with a finite difference; sigma is increasing, so
  raising w_i where x_i > 0 must raise y. (Exercise 5.13)

(The slide's dy/dc line is also garbled to "exp(c) d/d" in the text.)

How to work: implement the steps in order (later steps may call earlier
ones), replacing each ``raise NotImplementedError``; then run
``python grader.py ex05`` (or ``python grader.py ex05.8`` for one step).
Stuck on a step: ``python grader.py hint 5.8`` gives a hint, one level at a
time.

Allowed imports: math
"""

import math


# -- the dot-product node y = x . z -------------------------------------------


def dot_forward(x, z):
    """Exercise 5.1: the forward pass of the dot-product node, y = x . z.

    y = sum_i x_i z_i.

    Inputs: x, z (lists of n floats). Returns the cache: a dict with the
    value of every node, {"x": x, "z": z, "y": y} (x and z as lists, y a
    float).

    >>> dot_forward([1.0, 2.0], [3.0, -1.0])
    {'x': [1.0, 2.0], 'z': [3.0, -1.0], 'y': 1.0}
    """
    raise NotImplementedError("Exercise 5.1: not implemented yet")


def dot_backward(cache, dL_dy):
    """Exercise 5.2: the dot-product node backwards: dL/dx and dL/dz.

    The node y = x . z sits inside a larger graph whose loss L is above it;
    the gradient dL/dy arrives from there. Find the gradient of L with
    respect to each input vector.

    Inputs: cache (dict from Exercise 5.1: "x", "z", "y"), dL_dy (float).
    Returns [dL_dx, dL_dz] (two lists of n floats).

    >>> dot_backward(dot_forward([1.0, 2.0], [3.0, -1.0]), 2.0)
    [[6.0, -2.0], [2.0, 4.0]]
    """
    raise NotImplementedError("Exercise 5.2: not implemented yet")


# -- softplus: b = exp(x), a = 1 + b, y = log(a) --------------------------------


def softplus_forward(x):
    """Exercise 5.3: softplus(x) = log(1 + exp(x)) through its nodes.

    Seed 001: "b = exp(x) and a = 1 + exp(x)"::

        b = exp(x)
        a = 1 + b
        y = log(a)

    Input: x (float). Returns the cache: a dict {"x": x, "b": b, "a": a,
    "y": y} of floats.

    >>> cache = softplus_forward(1.0)
    >>> cache["x"], cache["b"], cache["a"], cache["y"]  # doctest: +ELLIPSIS
    (1.0, 2.71828182..., 3.71828182..., 1.31326168...)
    """
    raise NotImplementedError("Exercise 5.3: not implemented yet")


def softplus_dy_da(cache):
    """Exercise 5.4: dy/da, the gradient of y at the log node's input a.

    The first backward step of the softplus graph (module docstring): y is
    the output, so no gradient arrives from above (dy/dy = 1).

    Input: cache (dict from Exercise 5.3: "x", "b", "a", "y").
    Returns dy/da (float).

    >>> softplus_dy_da(softplus_forward(1.0))  # doctest: +ELLIPSIS
    0.268941421...
    """
    raise NotImplementedError("Exercise 5.4: not implemented yet")


def softplus_dy_db(cache, dy_da):
    """Exercise 5.5: dy/db, through the add node a = 1 + b.

    Inputs: cache (dict from Exercise 5.3), dy_da (float: dy/da, the
    gradient arriving from the node above, Exercise 5.4).
    Returns dy/db (float).

    >>> cache = softplus_forward(1.0)
    >>> softplus_dy_db(cache, softplus_dy_da(cache))  # doctest: +ELLIPSIS
    0.268941421...
    """
    raise NotImplementedError("Exercise 5.5: not implemented yet")


def softplus_dy_dx(cache, dy_db):
    """Exercise 5.6: dy/dx, through the exp node b = exp(x).

    The slide's line for this step ends in a factor you should check (module
    docstring).

    Inputs: cache (dict from Exercise 5.3), dy_db (float: dy/db, the
    gradient arriving from the node above, Exercise 5.5).
    Returns dy/dx (float).

    >>> softplus_dy_dx(softplus_forward(1.0), 0.5)  # doctest: +ELLIPSIS
    1.359140914...
    """
    raise NotImplementedError("Exercise 5.6: not implemented yet")


def softplus_grad(x):
    """Exercise 5.7: dy/dx of softplus by backpropagation through its graph.

    One forward pass (5.3), then the nodes in reverse order (5.4, 5.5, 5.6).
    Seed 001 also computes this derivative analytically: your result must
    agree with the slope of log(1 + exp(x)).

    Input: x (float). Returns dy/dx (float).

    >>> softplus_grad(1.0)  # doctest: +ELLIPSIS
    0.731058578...
    """
    raise NotImplementedError("Exercise 5.7: not implemented yet")


# -- sigmoid(w^T x): e = w^T x, c = -e, b = exp(c), a = 1 + b, y = 1 / a ---------


def sigmoid_forward(w, x):
    """Exercise 5.8: y = sigma(w^T x) = 1 / (1 + exp(-w^T x)) through its nodes.

    ::

        e = w^T x
        c = -e
        b = exp(c)
        a = 1 + b
        y = 1 / a

    Inputs: w, x (lists of n floats). Returns the cache: a dict {"w": w,
    "x": x, "e": e, "c": c, "b": b, "a": a, "y": y} (w and x as lists, the
    rest floats).

    >>> cache = sigmoid_forward([1.0, 2.0], [0.5, 0.25])
    >>> cache["e"], cache["c"], cache["b"], cache["a"], cache["y"]  # doctest: +ELLIPSIS
    (1.0, -1.0, 0.36787944..., 1.36787944..., 0.73105857...)
    """
    raise NotImplementedError("Exercise 5.8: not implemented yet")


def sigmoid_dy_da(cache):
    """Exercise 5.9: dy/da, the gradient of y at the reciprocal node's input a.

    The first backward step of the sigmoid graph: y is the output, so no
    gradient arrives from above (dy/dy = 1).

    Input: cache (dict from Exercise 5.8: "w", "x", "e", "c", "b", "a", "y").
    Returns dy/da (float).

    >>> sigmoid_dy_da(sigmoid_forward([1.0, 2.0], [0.5, 0.25]))  # doctest: +ELLIPSIS
    -0.5344466...
    """
    raise NotImplementedError("Exercise 5.9: not implemented yet")


def sigmoid_dy_db(cache, dy_da):
    """Exercise 5.10: dy/db, through the add node a = 1 + b.

    Inputs: cache (dict from Exercise 5.8), dy_da (float: dy/da, the
    gradient arriving from the node above, Exercise 5.9).
    Returns dy/db (float).

    >>> sigmoid_dy_db(sigmoid_forward([1.0, 2.0], [0.5, 0.25]), -0.5)
    -0.5
    """
    raise NotImplementedError("Exercise 5.10: not implemented yet")


def sigmoid_dy_dc(cache, dy_db):
    """Exercise 5.11: dy/dc, through the exp node b = exp(c).

    Inputs: cache (dict from Exercise 5.8), dy_db (float: dy/db, the
    gradient arriving from the node above, Exercise 5.10).
    Returns dy/dc (float).

    >>> sigmoid_dy_dc(sigmoid_forward([1.0, 2.0], [0.5, 0.25]), -0.5)  # doctest: +ELLIPSIS
    -0.18393972...
    """
    raise NotImplementedError("Exercise 5.11: not implemented yet")


def sigmoid_dy_de(cache, dy_dc):
    """Exercise 5.12: dy/de, through the negation node c = -e.

    Inputs: cache (dict from Exercise 5.8), dy_dc (float: dy/dc, the
    gradient arriving from the node above, Exercise 5.11).
    Returns dy/de (float).

    >>> sigmoid_dy_de(sigmoid_forward([1.0, 2.0], [0.5, 0.25]), -0.2)
    0.2
    """
    raise NotImplementedError("Exercise 5.12: not implemented yet")


def sigmoid_grad_w(w, x):
    """Exercise 5.13: grad_w y, the gradient of y = sigma(w^T x) with respect to w.

    Seed 001's "putting it all together": one forward pass (5.8), the nodes
    in reverse (5.9 to 5.12), and last the dot-product node e = w^T x. Two
    lines of the slide's derivation need checking (module docstring).

    Inputs: w, x (lists of n floats). Returns grad_w y (list of n floats).

    >>> sigmoid_grad_w([1.0, 2.0], [0.5, 0.25])  # doctest: +ELLIPSIS
    [0.0983059..., 0.0491529...]
    """
    raise NotImplementedError("Exercise 5.13: not implemented yet")


def sigmoid_grad_x(w, x):
    """Exercise 5.14: grad_x y, the gradient of y = sigma(w^T x) with respect to x.

    Seed 001: "a similar computation could be done to compute grad_x y".

    Inputs: w, x (lists of n floats). Returns grad_x y (list of n floats).

    >>> sigmoid_grad_x([1.0, 2.0], [0.5, 0.25])  # doctest: +ELLIPSIS
    [0.1966119..., 0.3932238...]
    """
    raise NotImplementedError("Exercise 5.14: not implemented yet")


# -- the layer graph H = ReLU(W^T X + b) ----------------------------------------


def relu_layer_graph_forward(W, X, b):
    """Exercise 5.15: the forward pass of the graph H = ReLU(W^T X + b).

    Seed 001's last computational graph (Kao's H = ReLU(WX + b), written with
    the kit's W, Kao's W transposed): a matrix-multiply node, an add node (b
    is added to every column, i.e. to every example), a ReLU node::

        C = W^T X            C[k][n] = sum_j W[j][k] X[j][n]
        A = C + b            A[k][n] = C[k][n] + b[k]
        H = ReLU(A)          H[k][n] = max(0, A[k][n])

    Row k of C, A and H is unit k; column n is example n.

    Inputs: W (m x n_h, a list of m rows, W[j][k] from input j to unit k),
    X (m x N, a list of m rows: column n is example n, X[j][n] its input j),
    b (list of n_h floats, b[k] unit k's bias). Returns the cache: a dict
    {"W": W, "X": X, "b": b, "C": C, "A": A, "H": H} (C, A, H are n_h x N
    matrices, lists of n_h rows). Works for any m, n_h, N >= 1 (W need not
    be square).

    >>> cache = relu_layer_graph_forward([[1.0], [-1.0]], [[1.0, 2.0], [3.0, 0.0]], [0.5])
    >>> cache["C"], cache["A"], cache["H"]
    ([[-2.0, 2.0]], [[-1.5, 2.5]], [[0.0, 2.5]])
    """
    raise NotImplementedError("Exercise 5.15: not implemented yet")
