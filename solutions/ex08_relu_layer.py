"""Exercise 08: Backpropagation through a layer h = ReLU(Wx + b)

Mirrors seed 001 (J. C. Kao, UCLA, Lecture 8), slides "Backpropagation:
neural network layer" and "Calculating a tensor derivative": the layer
h = ReLU(Wx + b) with W an h x m matrix, x in R^m, b and h in R^h. Seed 001's
node names (fixed by its backward lines dl/dc = dl/da and dl/dx = W^T dl/dc)::

    c = W x            (h x m times m: c in R^h)
    a = c + b
    h = ReLU(a)

Backward, from a gradient dl/dh that arrives from the rest of the network::

    dl/da = I(a > 0) * dl/dh      (elementwise)
    dl/dc = dl/da                  (da/dc = I)
    dl/db = dl/da                  (da/db = I)
    dl/dx = W^T dl/dc
    dl/dW = dl/dc x^T              (the outer-product shortcut)

and the rigorous route to dl/dW: the h x m x h tensor dc/dW contracted with
dl/dc gives the same matrix.

Small slips in the slides, corrected here: c_i = sum_j w_ij x_j runs over
j = 1..m (the slide writes h); "letting c_k denote the ith element of c"
means c_i; the slide's final line "dl/dz x^T" is dl/dc x^T.

Matrices are lists of rows: W is a list of h rows of m floats.

Layout note: W is h x m here (seed 001's layout, one row per output unit,
c = W x), the transpose of the layout of Exercises 07 and 09 (one row per
input unit, z = W^T h_prev, W[j][k] the weight from unit j to unit k). So
this module's dl/dW = dl/dc x^T is there dl/dW = h_prev e^T (Exercise 9.13,
e = dl/dz): the same numbers, transposed.

How to work: implement the steps in order (later steps may call earlier
ones), replacing each ``raise NotImplementedError``; then run
``python grader.py ex08`` (or ``python grader.py ex08.7`` for one step).

Allowed imports: math
"""

import math


def layer_forward(W, x, b):
    """Exercise 8.1: the forward pass, c = W x, a = c + b, h = ReLU(a).

    ::

        c_i = sum_j W[i][j] x_j
        a_i = c_i + b_i
        h_i = max(0, a_i)

    Inputs: W (h x m, list of h rows), x (list of m floats), b (list of h
    floats). Returns [c, a, h] (three lists of h floats, the cached values).

    Example: W = [[1, 2], [-1, 1]], x = [1, -1], b = [2, 1] gives
    c = [-1, -2], a = [1, -1], h = [1, 0].
    """
    # BEGIN SOLUTION Exercise 8.1
    c = [sum(W_i[j] * x[j] for j in range(len(x))) for W_i in W]
    a = [c_i + b_i for c_i, b_i in zip(c, b)]
    h = [max(0.0, a_i) for a_i in a]
    return [c, a, h]
    # END SOLUTION


def dl_da(a, dl_dh):
    """Exercise 8.2: the ReLU node, dl/da = I(a > 0) * dl/dh (elementwise).

    ReLU passes the gradient where it was active (a_i > 0) and blocks it
    where it was not: d ReLU(a_i)/d a_i = 1 if a_i > 0 else 0 -- the
    indicator, not a_i itself.

    Inputs: a (list of h floats, cached), dl_dh (list of h floats).
    Returns dl/da (list of h floats).

    Example: a = [1.5, -0.3], dl_dh = [2, 5] gives [2.0, 0.0].
    """
    # BEGIN SOLUTION Exercise 8.2
    return [(1.0 if a_i > 0 else 0.0) * g_i for a_i, g_i in zip(a, dl_dh)]
    # END SOLUTION


def dl_dc(dl_da):
    """Exercise 8.3: the add node, dl/dc = (da/dc) dl/da = dl/da.

    a = c + b, so da/dc is the identity: the gradient passes through.

    Input: dl_da (list of h floats). Returns dl/dc (list of h floats).
    """
    # BEGIN SOLUTION Exercise 8.3
    return [g_i for g_i in dl_da]
    # END SOLUTION


def dl_dx(W, dl_dc):
    """Exercise 8.4: the input gradient, dl/dx = W^T dl/dc.

    dl/dx_j = sum_i (dc_i/dx_j) dl/dc_i = sum_i W[i][j] dl/dc_i: the
    transpose of W (h x m) times a vector of h entries gives m entries, one
    per input. (Seed 001: check the order by the dimensions.)

    Inputs: W (h x m, list of h rows), dl_dc (list of h floats).
    Returns dl/dx (list of m floats).

    Example: W = [[1, 2, 3], [4, 5, 6]], dl_dc = [1, -1] gives [-3, -3, -3].
    """
    # BEGIN SOLUTION Exercise 8.4
    h, m = len(W), len(W[0])
    return [sum(W[i][j] * dl_dc[i] for i in range(h)) for j in range(m)]
    # END SOLUTION


def dl_dW(dl_dc, x):
    """Exercise 8.5: the weight gradient by the shortcut, dl/dW = dl/dc x^T.

    An outer product: entry (i, j) is dl/dc_i * x_j, an h x m matrix like W
    (row i: the gradient of unit i times the input).

    Inputs: dl_dc (list of h floats), x (list of m floats).
    Returns dl/dW (h x m, list of h rows).

    Example: dl_dc = [1, -2], x = [3, 0, 1] gives [[3, 0, 1], [-6, 0, -2]].
    """
    # BEGIN SOLUTION Exercise 8.5
    return [[g_i * x_j for x_j in x] for g_i in dl_dc]
    # END SOLUTION


def dl_db(dl_da):
    """Exercise 8.6: the bias gradient, dl/db = (da/db) dl/da = dl/da.

    a = c + b, so da/db is the identity.

    Input: dl_da (list of h floats). Returns dl/db (list of h floats).
    """
    # BEGIN SOLUTION Exercise 8.6
    return [g_i for g_i in dl_da]
    # END SOLUTION


def dc_dW(x, n_h):
    """Exercise 8.7: the h x m x h tensor derivative dc/dW, written out.

    The equation (seed 001, with the sum over j = 1..m)::

        c_k = sum_{j=1}^m W_kj x_j        k = 1..h

    Layout (seed 001: "dc/dW is an h x m x h tensor"): T[i][j][k] =
    dc_k / dW_ij, so T[i][j] lists the derivatives of all h outputs with
    respect to the single weight W_ij.

    To derive: d c_k / d W_ij for every k, i, j. Which outputs c_k does the
    weight W_ij appear in, and with what factor? (Seed 001 writes the answer
    as the matrices d c_i / dW, one for each output c_i.)

    Inputs: x (list of m floats), n_h (int, the number of units h).
    Returns T (nested list, n_h x m x n_h).

    Example: x = [3, 5], n_h = 2 gives
    [[[3, 0], [5, 0]], [[0, 3], [0, 5]]].
    """
    # BEGIN SOLUTION Exercise 8.7
    return [[[x_j if k == i else 0.0 for k in range(n_h)] for x_j in x]
            for i in range(n_h)]
    # END SOLUTION


def dl_dW_tensor(T, dl_dc):
    """Exercise 8.8: dl/dW = (dc/dW) dl/dc as a tensor-vector product.

    Contract the last index of the tensor with the vector::

        dl/dW[i][j] = sum_k T[i][j][k] * dl/dc_k

    With T from exercise 8.7 this is dl/dc_i x_j -- the outer-product
    shortcut of exercise 8.5, without storing h * m * h numbers (seed 001:
    the explicit tensor is mostly zeros, "usually not a good idea").
    Do the contraction for ANY tensor T of this shape.

    Inputs: T (h x m x h nested list), dl_dc (list of h floats).
    Returns dl/dW (h x m, list of h rows).

    Example: T from x = [3, 5], n_h = 2, dl_dc = [1, -1] gives
    [[3, 5], [-3, -5]].
    """
    # BEGIN SOLUTION Exercise 8.8
    return [[sum(t_k * g_k for t_k, g_k in zip(T_ij, dl_dc)) for T_ij in T_i] for T_i in T]
    # END SOLUTION


def layer_backward(W, x, b, dl_dh):
    """Exercise 8.9: the whole backward pass of the layer.

    Run the forward pass (8.1) to cache a, then dl/da (8.2), dl/dc (8.3),
    and the three gradients the rest of the network needs: dl/dx (8.4,
    passed on to the layer below), dl/dW (8.5) and dl/db (8.6).

    Inputs: W (h x m), x (m floats), b (h floats), dl_dh (h floats).
    Returns {"dl_dx": list of m floats, "dl_dW": h x m list of rows,
    "dl_db": list of h floats}.

    Example: the layer of exercise 8.1 (W = [[1, 2], [-1, 1]], x = [1, -1],
    b = [2, 1], so a = [1, -1]) with dl/dh = [0.5, -3]: unit 2 is inactive,
    so dl/da = dl/dc = [0.5, 0]; then dl/dx = W^T dl/dc = [0.5, 1.0],
    dl/dW = dl/dc x^T = [[0.5, -0.5], [0, 0]] and dl/db = [0.5, 0].
    """
    # BEGIN SOLUTION Exercise 8.9
    c, a, h = layer_forward(W, x, b)
    g_a = dl_da(a, dl_dh)
    g_c = dl_dc(g_a)
    return {"dl_dx": dl_dx(W, g_c), "dl_dW": dl_dW(g_c, x), "dl_db": dl_db(g_a)}
    # END SOLUTION
