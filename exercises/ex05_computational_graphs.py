"""Exercise 05: Computational graphs, node by node

Mirrors seed 001 (J. C. Kao, UCLA, Lecture 8 "Backpropagation"): the
"Computational graphs" slides (y = x . z, softplus, sigmoid(w^T x),
H = ReLU(WX + b)) and the worked examples "Backpropagation example: softplus"
and "Backpropagation example: sigmoid". Every inner node of a graph is one
operation; the forward pass computes (and caches) the node values, the
backward pass multiplies each node's local derivative by the gradient that
arrives from above.

Three slips in the slides, corrected here (the docstrings say where):
* softplus, last line: "dy/dx = db/dx dy/db = exp(x) dy/dx" -- the last factor
  is dy/db, not dy/dx.
* sigmoid, last line: grad_w y = -exp(-w^T x) / (1 + exp(-w^T x))^2 x has the
  wrong sign. Substituting dy/da = -1/a^2 the two minus signs cancel:
  grad_w y = +exp(-w^T x) / (1 + exp(-w^T x))^2 x = sigma(w^T x)(1 - sigma(w^T x)) x.
* sigmoid, "putting it all together": the line "grad_w y = x dy/de = -x dy/de"
  should read -x dy/dc in its second step (dy/de = -dy/dc, exercise 5.12);
  as printed it would make x dy/de equal to its own negative.

How to work: implement the steps in order (later steps may call earlier
ones), replacing each ``raise NotImplementedError``; then run
``python grader.py ex05`` (or ``python grader.py ex05.8`` for one step).

Allowed imports: math
"""

import math


# -- the dot-product node y = x . z -------------------------------------------


def dot_forward(x, z):
    """Exercise 5.1: the dot-product node, y = x . z = sum_i x_i z_i.

    Inputs: x, z (lists of n floats). Returns y (float).

    Example: x = [1, 2], z = [3, -1] gives 1*3 + 2*(-1) = 1.0.
    """
    raise NotImplementedError("Exercise 5.1: not implemented yet")


def dot_backward(x, z, dl_dy):
    """Exercise 5.2: the dot-product node backwards: dy/dx = z, dy/dz = x.

    The node y = x . z passes the gradient dl/dy arriving from above to each
    input, times its local derivative -- the OTHER input::

        dl/dx = z * dl/dy          dl/dz = x * dl/dy

    Inputs: x, z (lists of n floats, cached from the forward pass), dl_dy
    (float). Returns [dl_dx, dl_dz] (two lists of n floats).

    Example: x = [1, 2], z = [3, -1], dl_dy = 2 gives [[6, -2], [2, 4]].
    """
    raise NotImplementedError("Exercise 5.2: not implemented yet")


# -- softplus: b = exp(x), a = 1 + b, y = log(a) --------------------------------


def softplus_forward(x):
    """Exercise 5.3: softplus(x) = log(1 + exp(x)) through its nodes.

    Seed 001: "b = exp(x) and a = 1 + exp(x)"::

        b = exp(x)
        a = 1 + b
        y = log(a)

    Input: x (float). Returns [b, a, y] (list of 3 floats, the cached values).

    Example: x = 0 gives [1.0, 2.0, log 2 = 0.6931...].
    """
    raise NotImplementedError("Exercise 5.3: not implemented yet")


def softplus_dy_da(a):
    """Exercise 5.4: the log node, dy/da = d/da log(a) = 1 / a.

    Input: a (float, > 0, cached). Returns dy/da (float).

    Example: a = 2 gives 0.5.
    """
    raise NotImplementedError("Exercise 5.4: not implemented yet")


def softplus_dy_db(dy_da):
    """Exercise 5.5: the "1 +" node, dy/db = (da/db)(dy/da) = dy/da.

    a = 1 + b, so da/db = 1: the add node passes the gradient through
    unchanged.

    Input: dy_da (float). Returns dy/db (float).

    Example: at x = 0, a = 2 and dy/da = 1/a = 0.5 (exercise 5.4), so
    dy/db = 0.5.
    """
    raise NotImplementedError("Exercise 5.5: not implemented yet")


def softplus_dy_dx(x, dy_db):
    """Exercise 5.6: the exp node, dy/dx = (db/dx)(dy/db) = exp(x) dy/db.

    b = exp(x), so db/dx = exp(x) (= b, cached). The slide writes the last
    factor as dy/dx ("exp(x) dy/dx"); it is dy/db, the gradient arriving
    from the node above.

    Inputs: x (float), dy_db (float). Returns dy/dx (float).

    Example: x = 0, dy_db = 0.5 gives 0.5.
    """
    raise NotImplementedError("Exercise 5.6: not implemented yet")


def softplus_grad(x):
    """Exercise 5.7: dy/dx of softplus by backpropagation through its graph.

    Run the forward pass (5.3), then the nodes backwards: dy/da (5.4), dy/db
    (5.5), dy/dx (5.6). Seed 001 computes the same derivative analytically,
    dy/dx = exp(x) / (1 + exp(x)) (the sigmoid of x): the two must agree.

    Input: x (float). Returns dy/dx (float).

    Example: x = 0 gives 0.5.
    """
    raise NotImplementedError("Exercise 5.7: not implemented yet")


# -- sigmoid(w^T x): e = w^T x, c = -e, b = exp(c), a = 1 + b, y = 1 / a ---------
#
# The node names are seed 001's: its backward lines dy/da = -1/a^2, dy/db =
# dy/da, dy/dc = exp(c) dy/db, dy/de = -dy/dc and grad_w e = x fix them.


def sigmoid_forward(w, x):
    """Exercise 5.8: y = sigma(w^T x) = 1 / (1 + exp(-w^T x)) through its nodes.

    ::

        e = w^T x
        c = -e
        b = exp(c)
        a = 1 + b
        y = 1 / a

    Inputs: w, x (lists of n floats). Returns [e, c, b, a, y] (list of 5
    floats, in forward order).

    Example: w = [1, 2], x = [0.5, -0.25] gives e = 0, c = 0, b = 1, a = 2,
    y = 0.5.
    """
    raise NotImplementedError("Exercise 5.8: not implemented yet")


def sigmoid_dy_da(a):
    """Exercise 5.9: the reciprocal node, dy/da = d/da (1/a) = -1 / a^2.

    Input: a (float, cached). Returns dy/da (float).

    Example: a = 2 gives -0.25.
    """
    raise NotImplementedError("Exercise 5.9: not implemented yet")


def sigmoid_dy_db(dy_da):
    """Exercise 5.10: the "1 +" node, dy/db = (da/db)(dy/da) = dy/da.

    Input: dy_da (float). Returns dy/db (float).

    Example: at w^T x = 0 (exercise 5.8's example), a = 2 and
    dy/da = -1/a^2 = -0.25 (exercise 5.9), so dy/db = -0.25.
    """
    raise NotImplementedError("Exercise 5.10: not implemented yet")


def sigmoid_dy_dc(c, dy_db):
    """Exercise 5.11: the exp node, dy/dc = (db/dc)(dy/db) = exp(c) dy/db.

    (The slide's line is garbled to "exp(c) d/d"; b = exp(c), so db/dc =
    exp(c).)

    Inputs: c (float, cached), dy_db (float). Returns dy/dc (float).

    Example: c = 0, dy_db = -0.25 gives -0.25.
    """
    raise NotImplementedError("Exercise 5.11: not implemented yet")


def sigmoid_dy_de(dy_dc):
    """Exercise 5.12: the negation node, dy/de = (dc/de)(dy/dc) = -dy/dc.

    c = -e, so dc/de = -1.

    Input: dy_dc (float). Returns dy/de (float).

    Example: dy_dc = -0.25 gives 0.25.
    """
    raise NotImplementedError("Exercise 5.12: not implemented yet")


def sigmoid_grad_w(w, x):
    """Exercise 5.13: grad_w y = (grad_w e) dy/de = x dy/de.

    e = w^T x, so grad_w e = x. Run the forward pass (5.8) and the nodes
    backwards (5.9 to 5.12), then scale x by dy/de.

    The slide's last line, grad_w y = -exp(-w^T x) / (1 + exp(-w^T x))^2 x,
    has a sign error: dy/da = -1/a^2 carries a minus sign of its own that
    cancels the one from c = -e, so::

        grad_w y = +exp(-w^T x) / (1 + exp(-w^T x))^2 x
                 = sigma(w^T x) (1 - sigma(w^T x)) x

    (sigma is increasing: raising w_i where x_i > 0 raises y.)

    A second slip on the way there: the slide writes
    "grad_w y = x dy/de = -x dy/de"; the second step should read -x dy/dc,
    since c = -e gives dy/de = -dy/dc (exercise 5.12).

    Inputs: w, x (lists of n floats). Returns grad_w y (list of n floats).

    Example: w = [1, 2], x = [0.5, -0.25] (w^T x = 0, sigma = 0.5) gives
    0.25 * x = [0.125, -0.0625].
    """
    raise NotImplementedError("Exercise 5.13: not implemented yet")


def sigmoid_grad_x(w, x):
    """Exercise 5.14: grad_x y = (grad_x e) dy/de = w dy/de.

    Seed 001: "a similar computation could be done to compute grad_x y".
    e = w^T x, so grad_x e = w (the dot-product node, exercise 5.2):
    grad_x y = sigma(w^T x)(1 - sigma(w^T x)) w.

    Inputs: w, x (lists of n floats). Returns grad_x y (list of n floats).

    Example: w = [1, 2], x = [0.5, -0.25] gives 0.25 * w = [0.25, 0.5].
    """
    raise NotImplementedError("Exercise 5.14: not implemented yet")


# -- the layer graph H = ReLU(WX + b) -------------------------------------------


def relu_layer_graph_forward(W, X, b):
    """Exercise 5.15: the forward pass of the graph H = ReLU(WX + b).

    Seed 001's last computational graph: a matrix-multiply node, an add node
    (b is added to every column, i.e. to every example), a ReLU node::

        C = W X              C[i][n] = sum_j W[i][j] X[j][n]
        A = C + b            A[i][n] = C[i][n] + b[i]
        H = ReLU(A)          H[i][n] = max(0, A[i][n])

    Inputs: W (h x m, list of h rows), X (m x N, list of m rows: column n is
    example n), b (list of h floats). Returns [C, A, H] (three h x N
    matrices, lists of h rows).

    Example: W = [[1, -1]], X = [[1, 2], [3, 0]], b = [0.5] gives
    C = [[-2, 2]], A = [[-1.5, 2.5]], H = [[0, 2.5]].
    """
    raise NotImplementedError("Exercise 5.15: not implemented yet")
