"""Exercise 04: The chain rule

Mirrors the chain-rule parts of all three texts that derive it:

* seed 002 ("Backpropagation" tutorial), "The chain rule of calculus: quick
  recap": q = f(p), r = g(q), s = h(r), so ds/dp = ds/dr dr/dq dq/dp, and the
  vector form grad_p s = (dr/dp)^T grad_r s;
* seed 003 (Hung-yi Lee), "Chain Rule" case 1 (y = g(x), z = h(y)) and case 2
  (x = g(s), y = h(s), z = k(x, y): the two paths are summed), and
  "Backpropagation": L = sum_n l^n, so dL/dw = sum_n dl^n/dw with
  dl/dw = dz/dw dl/dz;
* seed 001 (Kao), "Calculus chain rule", vector version:
  grad_x z = J(g)(x)^T grad_y z. (Its scalar version has a slip: it says
  "Suppose y = g(x) and z = f(x). Then z = f(g(x))"; z = f(y) is meant,
  which is what makes z = f(g(x)) and dz/dx = dz/dy dy/dx true.);
* seed 000 (Sadiku), "The Chain Rule", "The Multivariate Chain Rule" and
  "Factor Structure in the Multivariate Chain Rule": the nested sum has one
  term per path, and there are as many paths as the product of the layer
  widths (exponential in depth); each term is a product of one local
  derivative per edge of its path, so the nested sum costs about
  (number of paths) x (path length) multiplications. The factored sum (the
  deltas) costs one multiply-add per edge, i.e. the sum over adjacent layers
  of the product of their widths (linear in the size of the network).

How to work: implement the steps in order (later steps may call earlier
ones), replacing each ``raise NotImplementedError``; then run
``python grader.py ex04`` (or ``python grader.py ex04.5`` for one step).

Allowed imports: math
"""

import math


# -- seed 002 / seed 003 case 1: one chain p -> q -> r -> s -------------------
#
#     q = f(p) = p ** 2 + 1      dq/dp = 2 p
#     r = g(q) = log(q)          dr/dq = 1 / q
#     s = h(r) = tanh(r)         ds/dr = 1 - tanh(r) ** 2 = 1 - s ** 2


def chain_forward(p):
    """Exercise 4.1: the forward pass of the chain q = f(p), r = g(q), s = h(r).

    With the fixed functions of this module (seed 002's q, r, s)::

        q = f(p) = p ** 2 + 1
        r = g(q) = log(q)
        s = h(r) = tanh(r)

    Input: p (float). Returns [q, r, s] (list of 3 floats).

    Example: p = 1.0 gives q = 2.0, r = log 2 = 0.6931..., s = tanh(log 2) = 0.6.
    """
    raise NotImplementedError("Exercise 4.1: not implemented yet")


def chain_local_derivatives(p):
    """Exercise 4.2: the local derivative of each link, at this p.

    Each local derivative is evaluated at its own link's input (the value
    cached by the forward pass, exercise 4.1)::

        dq/dp = f'(p) = 2 p
        dr/dq = g'(q) = 1 / q
        ds/dr = h'(r) = 1 - tanh(r) ** 2     (= 1 - s ** 2)

    Input: p (float). Returns [dq_dp, dr_dq, ds_dr] (list of 3 floats).

    Example: p = 1.0 gives [2.0, 0.5, 0.64].
    """
    raise NotImplementedError("Exercise 4.2: not implemented yet")


def ds_dp(p):
    """Exercise 4.3: the chain rule, ds/dp = ds/dr * dr/dq * dq/dp.

    Seed 002: "ds/dp = ds/dr dr/dq dq/dp" -- the derivative along a chain is
    the product of the local derivatives along it (seed 000: dz/dtheta_q =
    da/dtheta_q db/da dz/db; seed 003 case 1: dz/dx = dz/dy dy/dx).

    Input: p (float). Returns ds/dp (float).

    Example: p = 1.0 gives 0.64 * 0.5 * 2.0 = 0.64.
    """
    raise NotImplementedError("Exercise 4.3: not implemented yet")


# -- seed 003 case 2: two paths from s to z -----------------------------------
#
#     x = g(s) = exp(s)          dx/ds = exp(s)
#     y = h(s) = s ** 2          dy/ds = 2 s
#     z = k(x, y) = x * y        dz/dx = y,  dz/dy = x


def case2_forward(s):
    """Exercise 4.4: the forward pass of seed 003's case 2 graph.

    ::

        x = g(s) = exp(s)
        y = h(s) = s ** 2
        z = k(x, y) = x * y

    Input: s (float). Returns [x, y, z] (list of 3 floats).

    Example: s = 1.0 gives [e, 1.0, e] = [2.718..., 1.0, 2.718...].
    """
    raise NotImplementedError("Exercise 4.4: not implemented yet")


def dz_ds(s):
    """Exercise 4.5: case 2, dz/ds = dz/dx dx/ds + dz/dy dy/ds.

    s reaches z along two paths (s -> x -> z and s -> y -> z); the
    derivative is the SUM over the paths of the product along each path::

        dz/ds = (dz/dx)(dx/ds) + (dz/dy)(dy/ds) = y exp(s) + x 2 s

    Input: s (float). Returns dz/ds (float).

    Example: s = 1.0 gives 1 * e + e * 2 = 3 e = 8.1548...
    (check: z = s**2 exp(s), dz/ds = (2 s + s**2) exp(s)).
    """
    raise NotImplementedError("Exercise 4.5: not implemented yet")


# -- seed 001 / seed 002: the vector chain rule --------------------------------


def grad_x(J, grad_y):
    """Exercise 4.6: the vector chain rule, grad_x z = J^T grad_y z.

    Seed 001: y = g(x) with x in R^m, y in R^n, z = f(y) a scalar;
    dz/dx_i = sum_j dz/dy_j dy_j/dx_i, i.e. grad_x z = J(g)(x)^T grad_y z.

    Inputs: J, the n x m Jacobian as a list of n rows, J[j][i] = dy_j/dx_i;
    grad_y, the list of n floats dz/dy_j. Returns grad_x z, a list of m
    floats: entry i is sum_j J[j][i] * grad_y[j].

    Example: J = [[1, 2], [3, 4], [5, 6]] (n = 3, m = 2), grad_y = [1, 1, 0]
    gives [1 + 3, 2 + 4] = [4.0, 6.0].
    """
    raise NotImplementedError("Exercise 4.6: not implemented yet")


# -- seed 003: the loss is a sum over examples --------------------------------
#
# One weight w, examples (x^n, t^n), z^n = w x^n and l^n = (z^n - t^n)**2 / 2;
# the total loss is L(w) = sum_n l^n(w).


def dln_dw(w, x, t):
    """Exercise 4.7: one example's gradient, dl^n/dw = dz/dw dl/dz.

    Seed 003, "Backpropagation": dl/dw = (dz/dw)(dl/dz). The forward pass
    gives dz/dw = x (the input the weight connects, for z = w x); the backward
    pass gives dl/dz = z - t for l = (z - t)**2 / 2. So::

        dl^n/dw = x^n (w x^n - t^n)

    Inputs: w, x, t (floats: the weight, one example's input and target).
    Returns dl^n/dw (float).

    Example: w = 2, x = 3, t = 1: z = 6, dl/dz = 5, dl/dw = 15.0.
    """
    raise NotImplementedError("Exercise 4.7: not implemented yet")


def dL_dw(w, xs, ts):
    """Exercise 4.8: the gradient of the total loss, dL/dw = sum_n dl^n/dw.

    Seed 003: L(theta) = sum_{n=1}^N l^n(theta), so
    dL/dw = sum_{n=1}^N dl^n(theta)/dw -- differentiation is linear, one
    backward pass per example and the results are added (a sum, not a mean).

    Inputs: w (float), xs and ts (lists of N floats). Returns dL/dw (float).

    Example: w = 2, xs = [3, 1], ts = [1, 0] gives 15 + 2 = 17.0.
    """
    raise NotImplementedError("Exercise 4.8: not implemented yet")


# -- seed 000: path enumeration against the factored sum ----------------------
#
# A layered graph: layer 0 holds theta_q, the last layer holds z, every node of
# layer l feeds every node of layer l + 1 (seed 000's picture
# theta_q -> a_i -> b_j -> z is widths = [1, n_a, n_b, 1]).


def count_paths(widths):
    """Exercise 4.9: the number of paths through a layered graph.

    Seed 000, "The Multivariate Chain Rule": the chain rule enumerates all
    paths, dz/dtheta_q = sum_i sum_j (da_i/dtheta_q)(db_j/da_i)(dz/db_j)
    (one term per path). Count all paths between all nodes of the first
    layer and all nodes of the last layer (the first and last layers may be
    wider than 1; seed 000's picture has one node, theta_q, and one node, z,
    there). A path picks one node in every layer, so there are
    widths[0] * widths[1] * ... * widths[-1] of them: exponential in the
    number of layers.

    Input: widths (list of ints >= 1, one per layer). Returns the number of
    paths that start at any node of the first layer and end at any node of
    the last (int).

    Example: widths = [1, 3, 2, 1] gives 6; ten hidden layers of width 10
    ([1] + [10] * 10 + [1]) give 10 ** 10.
    """
    raise NotImplementedError("Exercise 4.9: not implemented yet")


def factored_cost(widths):
    """Exercise 4.10: the work of the factored sum, sum_l widths[l] * widths[l+1].

    Seed 000, "Factor Structure": dz/dtheta_q = sum_i (da_i/dtheta_q) delta_i
    with delta_i = sum_j (db_j/da_i)(dz/db_j). Each delta is computed once
    and reused, so every edge of the graph costs one multiply-add: the work is
    the number of edges, the sum over adjacent layers of the product of their
    widths -- linear in the size of the network.

    Input: widths (list of ints >= 1). Returns the number of multiply-adds
    (int).

    Example: widths = [1, 3, 2, 1] gives 1*3 + 3*2 + 2*1 = 11;
    [1] + [10] * 10 + [1] gives 10 + 9 * 100 + 10 = 920 (against 10 ** 10
    paths).
    """
    raise NotImplementedError("Exercise 4.10: not implemented yet")


# The local derivatives of a layered graph as a list D of matrices: D[l] has
# widths[l] rows and widths[l + 1] columns, D[l][i][j] = d(node j of layer l+1)
# / d(node i of layer l). Layer 0 is theta_q alone (D[0] has one row) and the
# last layer is z alone (D[-1] has one column). In seed 000's picture,
# D = [[[da_1/dtheta_q, ..., da_I/dtheta_q]], [[db_j/da_i]]_{i,j}, [[dz/db_1], ..., [dz/db_J]]].


def dz_dtheta_paths(D):
    """Exercise 4.11: dz/dtheta_q as a sum over every path (the nested sum).

    Seed 000, "The Multivariate Chain Rule"::

        dz/dtheta_q = sum_i sum_j (da_i/dtheta_q)(db_j/da_i)(dz/db_j)

    generalised to any depth: for every path theta_q -> n_1 -> ... -> z
    multiply the local derivatives along it, then add up all the products.
    (The slide writes db_j/da_j; the term is db_j/da_i, the edge from a_i to
    b_j -- the path runs theta_q -> a_i -> b_j -> z.)

    Input: D (list of matrices, see above). Returns dz/dtheta_q (float).
    Enumerate the paths explicitly; exercise 4.12 does it the fast way.

    Example: D = [[[1, 2]], [[3], [4]]] (theta -> a_1, a_2 -> z) gives
    1*3 + 2*4 = 11.0.
    """
    raise NotImplementedError("Exercise 4.11: not implemented yet")


def dz_dtheta_factored(D):
    """Exercise 4.12: dz/dtheta_q by the factored sum (backpropagation).

    Seed 000, "Factor Structure in the Multivariate Chain Rule"::

        dz/dtheta_q = sum_i (da_i/dtheta_q) delta_i,
        delta_i     = sum_j (db_j/da_i) (dz/db_j)

    (The slide writes db_j/da_j here too, repeating the nested sum's slip;
    the term is db_j/da_i, the edge from a_i to b_j.) In a deeper graph the
    second line is applied once per layer, from z back to theta_q (the delta
    of z itself is dz/dz = 1), and the first line is its last application.
    One multiply-add per edge
    (exercise 4.10): a graph with 30 layers of width 4 has 4 ** 30 paths but
    only a few hundred edges, so this must not enumerate paths.

    Input: D (list of matrices). Returns dz/dtheta_q (float), equal to
    exercise 4.11's answer.

    Example: D = [[[1, 2]], [[3], [4]]] gives delta = [3, 4] at the middle
    layer, then 1*3 + 2*4 = 11.0.
    """
    raise NotImplementedError("Exercise 4.12: not implemented yet")
