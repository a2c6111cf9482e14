"""Exercise 04: The chain rule

Mirrors the chain-rule parts of all four texts:

* seed 002 ("Backpropagation" tutorial), "The chain rule of calculus: quick
  recap": one chain p -> q -> r -> s, and the vector form with a Jacobian;
* seed 003 (Hung-yi Lee), "Chain Rule" case 1 (one chain) and case 2 (two
  paths from s to z), and "Backpropagation": the loss of a data set is the
  sum of the examples' losses; dl/dw = (dz/dw)(dl/dz);
* seed 001 (Kao), "Calculus chain rule", vector version: grad_x z from the
  Jacobian of y = g(x) and grad_y z;
* seed 000 (Sadiku), "The Chain Rule", "The Multivariate Chain Rule" and
  "Factor Structure in the Multivariate Chain Rule": one term per path
  (a nested sum), against the factored sum (the deltas).

The graphs (every step below works on one of them)::

    4.1-4.3   one chain (seed 002)        p --f--> q --g--> r --h--> s
              q = f(p) = p**2 + 1,  r = g(q) = log(q),  s = h(r) = tanh(r)

    4.4-4.5   two paths (seed 003 case 2)      .--g--> x --.
              x = g(s) = exp(s)               s              k --> z
              y = h(s) = s**2                  '--h--> y --'
              z = k(x, y) = x * y

    4.6       vectors (seed 001)          x (m entries) --g--> y (n entries) --f--> z
              jac[j][i] = dy_j/dx_i (n rows, m columns), grad_y[j] = dz/dy_j

    4.7-4.8   one linear unit, examples n = 1..N (seed 003)
              z^n = w x^n,  y^n = z^n,  L^n = (y^n - t^n)**2,
              L_sum = L^1 + ... + L^N

    4.9-4.12  a layered graph (seed 000): layer 0 holds theta_q, the last
              layer holds z, every node of layer l feeds every node of
              layer l + 1; seed 000's picture is widths = [1, I, J, 1]:

                        a_1 --- b_1
                      /     \\ /    \\
              theta_q -- a_2 --X-- b_2 -- z     (every a_i feeds every b_j)
                      \\     / \\    /
                        a_3 --- b_3

              D[l][i][j] = d(node j of layer l+1) / d(node i of layer l),
              a list of matrices, D[l] with widths[l] rows and widths[l+1]
              columns; D[0] has one row (theta_q), D[-1] one column (z).

Notation (the kit's, with these local exceptions):

* f, g, h, k are the lectures' arbitrary functions, not activations; p, q,
  r, s and case 2's x, y, z are the lectures' names for the nodes of these
  small graphs (case 2's x and y are intermediate nodes, z its output), and
  in 4.9-4.12 seed 000's a_i, b_j, z are nodes of the layered graph.
* Seed 001 writes the Jacobian J(g)(x); in this kit J is a data set's cost,
  so the Jacobian is ``jac`` here.
* Seed 003 writes l^n for one example's loss (our L^n) and
  L(theta) = sum_n l^n for the data set's (a sum, not the mean J; our L_sum).
  It leaves l unspecified; we use the kit's squared error L = (y - t)**2,
  without a factor 1/2.

Seed errors, for you to check as you go:

* Seed 001's scalar version says "Suppose y = g(x) and z = f(x). Then
  z = f(g(x))". Check which of x and y f must be applied to for
  z = f(g(x)) and dz/dx = dz/dy dy/dx to hold.
* Seed 000's nested sum and its factored form write the middle factor as
  db_j/da_j. Check which two nodes the middle edge of the path
  theta_q -> a_i -> b_j -> z joins, and index D accordingly (4.11, 4.12).

How to work: implement the steps in order (later steps may call earlier
ones), replacing each ``raise NotImplementedError``; then run
``python grader.py ex04`` (or ``python grader.py ex04.5`` for one step);
``python grader.py hint 4.5`` gives a hint, one level at a time.

Allowed imports: math
"""

import math


# -- seed 002 / seed 003 case 1: one chain p -> q -> r -> s -------------------


def chain_forward(p):
    """Exercise 4.1: the forward pass of the chain q = f(p), r = g(q), s = h(r).

    With the fixed functions of this module (seed 002's q, r, s)::

        q = f(p) = p ** 2 + 1
        r = g(q) = log(q)         (the natural log)
        s = h(r) = tanh(r)

    Input: p (float). Returns [q, r, s] (list of 3 floats).

    >>> [round(v, 6) for v in chain_forward(1.0)]
    [2.0, 0.693147, 0.6]
    """
    raise NotImplementedError("Exercise 4.1: not implemented yet")


def chain_local_derivatives(p):
    """Exercise 4.2: the local derivative of each link of the chain, at this p.

    Find dq/dp, dr/dq and ds/dr for the chain of the module docstring
    (q = f(p), r = g(q), s = h(r)): each is the derivative of one link's
    function, taken at the value that link receives in the forward pass
    at this p (exercise 4.1).

    Input: p (float, any sign). Returns [dq_dp, dr_dq, ds_dr] (list of 3
    floats).

    >>> [round(d, 6) for d in chain_local_derivatives(1.0)]
    [2.0, 0.5, 0.64]
    >>> [round(d, 6) for d in chain_local_derivatives(-2.0)]
    [-4.0, 0.2, 0.147929]
    """
    raise NotImplementedError("Exercise 4.2: not implemented yet")


def ds_dp(p):
    """Exercise 4.3: ds/dp, the derivative of the chain's end s with respect to its start p.

    Seed 002's chain (module docstring): s depends on p only through q and
    r. Derive ds/dp from the local derivatives (exercise 4.2).

    Input: p (float). Returns ds/dp (float).

    >>> round(ds_dp(1.0), 6)
    0.64
    >>> round(ds_dp(-2.0), 6)
    -0.118343
    """
    raise NotImplementedError("Exercise 4.3: not implemented yet")


# -- seed 003 case 2: two paths from s to z -----------------------------------


def case2_forward(s):
    """Exercise 4.4: the forward pass of seed 003's case 2 graph.

    ::

        x = g(s) = exp(s)
        y = h(s) = s ** 2
        z = k(x, y) = x * y

    Input: s (float). Returns [x, y, z] (list of 3 floats).

    >>> [round(v, 6) for v in case2_forward(1.0)]
    [2.718282, 1.0, 2.718282]
    """
    raise NotImplementedError("Exercise 4.4: not implemented yet")


def dz_ds(s):
    """Exercise 4.5: dz/ds for seed 003's case 2 graph (module docstring).

    s reaches z through x and through y. Derive dz/ds with the chain rule,
    from the local derivatives dx/ds, dy/ds, dz/dx and dz/dy at this s.

    Input: s (float). Returns dz/ds (float).

    >>> round(dz_ds(1.0), 6)
    8.154845
    >>> round(dz_ds(-0.5), 6)
    -0.454898

    (You can check your derivation against dz/ds of z = s**2 exp(s)
    differentiated directly.)
    """
    raise NotImplementedError("Exercise 4.5: not implemented yet")


# -- seed 001 / seed 002: the vector chain rule --------------------------------


def grad_x(jac, grad_y):
    """Exercise 4.6: the vector chain rule: grad_x z from the Jacobian of y = g(x).

    Seed 001's vector version (module docstring): x has m entries, y = g(x)
    has n entries, z = f(y) is a number. Find grad_x z, the list of the m
    derivatives dz/dx_i.

    Inputs: ``jac``, the n x m Jacobian as a list of n rows of m floats,
    jac[j][i] = dy_j/dx_i (n and m may differ, either may be 1); ``grad_y``,
    the list of the n floats dz/dy_j. Returns grad_x z, a list of m floats.
    Leaves its inputs unchanged.

    >>> grad_x([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [1.0, 1.0, 0.0])
    [4.0, 6.0]
    >>> grad_x([[1.0, 2.0], [3.0, 4.0]], [1.0, -1.0])
    [-2.0, -2.0]
    """
    raise NotImplementedError("Exercise 4.6: not implemented yet")


# -- seed 003: the loss is a sum over examples --------------------------------


def dLn_dw(w, x, t):
    """Exercise 4.7: one example's gradient dL^n/dw.

    One linear unit (module docstring): z = w x, y = z, and the squared error
    L^n = (y - t)**2. Seed 003 splits the derivative into a forward-pass
    factor dz/dw and a backward-pass factor dL^n/dz; find both, then dL^n/dw.

    Inputs: w, x, t (floats: the weight, one example's input and target).
    Returns dL^n/dw (float).

    >>> dLn_dw(2.0, 3.0, 1.0)
    30.0
    >>> dLn_dw(0.5, -2.0, 1.0)
    8.0
    """
    raise NotImplementedError("Exercise 4.7: not implemented yet")


def dLsum_dw(w, xs, ts):
    """Exercise 4.8: the gradient of a data set's loss, dL_sum/dw.

    Seed 003: the loss of the data set is the sum of its examples' losses,
    L_sum = L^1 + ... + L^N (a sum, not a mean). Find dL_sum/dw; exercise
    4.7 gives each dL^n/dw.

    Inputs: w (float), xs and ts (lists of N >= 1 floats: the inputs and the
    targets). Returns dL_sum/dw (float).

    >>> dLsum_dw(2.0, [3.0, 1.0], [1.0, 0.0])
    34.0
    """
    raise NotImplementedError("Exercise 4.8: not implemented yet")


# -- seed 000: path enumeration against the factored sum ----------------------


def count_paths(widths):
    """Exercise 4.9: the number of paths through a layered graph.

    Seed 000, "The Multivariate Chain Rule": the nested sum has one term per
    path from theta_q to z. Count the paths of a layered graph (module
    docstring) that start at any node of the first layer and end at any
    node of the last, every node of a layer feeding every node of the next.
    The first and last layers may be wider than 1 (seed 000's picture has
    one node, theta_q, and one node, z, there).

    Input: widths (list of ints >= 1, one per layer, at least 2 layers).
    Returns the number of paths (int). Must work for 30 layers of width 10.

    >>> count_paths([1, 3, 2, 1])
    6
    >>> count_paths([2, 2])
    4
    """
    raise NotImplementedError("Exercise 4.9: not implemented yet")


def factored_cost(widths):
    """Exercise 4.10: the work of the factored sum, in multiply-adds.

    Seed 000, "Factor Structure": the nested sum is rewritten so that each
    delta (one per node) is computed once and reused by every path through
    that node. Count the multiply-adds that computing all the deltas of a
    layered graph (module docstring) takes, a delta being a sum over the
    nodes of the next layer of (local derivative) times (that node's delta).

    Input: widths (list of ints >= 1, at least 2 layers; the first and last
    may be wider than 1). Returns the number of multiply-adds (int).

    >>> factored_cost([1, 3, 2, 1])
    11
    >>> factored_cost([1] + [10] * 10 + [1])     # against 10 ** 10 paths
    920
    """
    raise NotImplementedError("Exercise 4.10: not implemented yet")


# Given (not an exercise): the three-layer graph of the examples of 4.11 and 4.12
# (widths 1, 2, 3, 1), whose dz/dtheta_q both steps find, by paths and by deltas.
EXAMPLE_D = [[[1.0, 2.0]], [[1.0, -1.0, 2.0], [0.5, 3.0, 1.0]], [[2.0], [1.0], [-1.0]]]


def dz_dtheta_paths(D):
    """Exercise 4.11: dz/dtheta_q as a sum over every path (the nested sum).

    Seed 000, "The Multivariate Chain Rule", generalised to any depth: one
    term per path theta_q -> ... -> z of the layered graph given by D
    (module docstring); each term is the chain rule along its path. Mind
    the slide's index slip (module docstring).

    Input: D (list of >= 1 matrices; D[l] has widths[l] rows and
    widths[l+1] columns, D[0] one row, D[-1] one column; the layers in
    between may have any widths). Returns dz/dtheta_q (float). Enumerate
    the paths explicitly; exercise 4.12 does it the fast way.

    >>> dz_dtheta_paths([[[1.0, 2.0]], [[3.0], [4.0]]])
    11.0
    >>> dz_dtheta_paths(EXAMPLE_D)
    5.0
    """
    raise NotImplementedError("Exercise 4.11: not implemented yet")


def dz_dtheta_factored(D):
    """Exercise 4.12: dz/dtheta_q by the factored sum (backpropagation).

    Seed 000, "Factor Structure in the Multivariate Chain Rule": the same
    dz/dtheta_q as exercise 4.11, computed with one delta per node,
    delta_i = dz/d(node i), each found once from the deltas of the layer
    after it and reused (what is the delta of z itself?). Mind the slide's
    index slip (module docstring).

    Input: D (list of matrices, as in 4.11). Returns dz/dtheta_q (float).
    It must not enumerate paths: a graph of 32 layers, 30 of them of width 4,
    has 4 ** 30 paths but under 500 edges, and must take well under a second.
    Leaves D unchanged.

    >>> dz_dtheta_factored([[[1.0, 2.0]], [[3.0], [4.0]]])
    11.0
    >>> dz_dtheta_factored(EXAMPLE_D)
    5.0
    """
    raise NotImplementedError("Exercise 4.12: not implemented yet")
