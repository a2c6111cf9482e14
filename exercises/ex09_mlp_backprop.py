"""Exercise 09: Backpropagation for a multilayer perceptron, in matrix form

Mirrors seed 002 ("Backpropagation", a deep-learning tutorial page), section
"An iteration with the backpropagation algorithm" (the forward propagation
phase, steps 1-4, and the backward propagation phase, steps 1-6), written
with seed 000's (Sadiku) matrix form of the delta recursion, slide
"Formalization for a Standard Neural Network". Its scalar lines, for unit j
of one layer and unit k of the next (delta_j = dL/da_j)::

    delta_j   = sum_k w_jk g'(z_k) delta_k
    dL/dw_jk  = a_j g'(z_k) delta_k

(The slide writes the second line with a sum over k as well. That is a
slip: the weight w_jk reaches the loss only through z_k, so there is one
term and no sum.) In matrix form::

    delta^(l-1)        = W^(l-1,l) (g'(z^(l)) * delta^(l))
    dL/dW^(l-1,l)      = a^(l-1) (g'(z^(l)) * delta^(l))^T

where delta^(l) = dL/da^(l) (= seed 002's gradient of the loss with respect
to h_l) and * is the elementwise (Hadamard) product. The slide writes the
first factor of the second line as a plain "a"; it is a^(l-1), the
activations of the layer below (h_prev in Exercise 9.13).

The network (seed 002): L hidden tanh layers and a linear output unit,
squared-error loss::

    h_0 = x
    z_l = W_l^T h_(l-1) + b_l,   h_l = tanh(z_l)     l = 1..L
    o   = w_o^T h_L + b_o
    loss = (o - y)**2

Layout convention (used everywhere in this module): a matrix is a list of
rows. W_l is n_(l-1) x n_l: one ROW per input unit j (of layer l-1), one
COLUMN per output unit k (of layer l), so W_l[j][k] is the weight from unit
j to unit k. This is seed 000's W^(l-1,l) with entry w_jk, and it is why
seed 002 writes W_l^T h_(l-1): z_l[k] = sum_j W_l[j][k] h_(l-1)[j] + b_l[k].
In Python lists the layers count from 0: Ws[0] is W_1, hs[0] is h_0 = x.

How to work: implement the steps in order (9.1, 9.2, ...); use your list
helpers 9.1-9.5 in the later steps. Run ``python grader.py ex09`` to check
them.

Allowed imports: math
"""

import math


# -- list helpers --------------------------------------------------------------

def transpose(M):
    """Exercise 9.1: the transpose M^T of a matrix M (a list of rows).

    (M^T)[i][j] = M[j][i]; an m x n matrix becomes n x m.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    raise NotImplementedError("Exercise 9.1: not implemented yet")


def matvec(M, v):
    """Exercise 9.2: the matrix-vector product M v.

    (M v)[i] = sum_j M[i][j] v[j]; M is m x n (list of m rows), v has n
    entries, the result has m.

    >>> matvec([[1, 2], [3, 4], [5, 6]], [1, -1])
    [-1, -1, -1]
    """
    raise NotImplementedError("Exercise 9.2: not implemented yet")


def hadamard(u, v):
    """Exercise 9.3: the elementwise (Hadamard) product u * v, [u_i v_i].

    >>> hadamard([1, 2, 3], [4, 5, 6])
    [4, 10, 18]
    """
    raise NotImplementedError("Exercise 9.3: not implemented yet")


def outer(u, v):
    """Exercise 9.4: the outer product u v^T, a len(u) x len(v) matrix.

    (u v^T)[i][j] = u_i v_j.

    >>> outer([1, 2], [3, 4, 5])
    [[3, 4, 5], [6, 8, 10]]
    """
    raise NotImplementedError("Exercise 9.4: not implemented yet")


def tanh_prime(z):
    """Exercise 9.5: g'(z) for g = tanh, elementwise: [1 - tanh(z_i)**2].

    Input: list of floats z. Returns: list of floats. (Unlike the
    ``tanh_prime`` of Exercises 06 and 12, which take one float, this one
    takes and returns a list: g'(z^(l)) for a whole layer.)

    >>> tanh_prime([0.0])
    [1.0]
    """
    raise NotImplementedError("Exercise 9.5: not implemented yet")


# -- the forward propagation phase (seed 002, steps 1-4) ------------------------

def layer_forward(W, b, h_prev):
    """Exercise 9.6: one hidden layer, h_l = phi(W_l^T h_(l-1) + b_l) with phi = tanh.

    Forward steps 1 and 2: z_l = W_l^T h_(l-1) + b_l and h_l = tanh(z_l).
    W is n_(l-1) x n_l (rows = inputs), so W^T h_(l-1) has n_l entries.

    Inputs: W (matrix), b (list, n_l), h_prev (list, n_(l-1)).
    Returns: {"z": z_l, "h": h_l} (lists of n_l floats).

    Example: W = [[1, 0, -1], [2, 1, 0]], b = [0, 0.5, 0], h_prev = [1, -1]
    gives z = [-1, -0.5, -1], h = [-0.76159, -0.46212, -0.76159].
    """
    raise NotImplementedError("Exercise 9.6: not implemented yet")


def output(w_o, b_o, h_L):
    """Exercise 9.7: the output unit, o = w_o^T h_L + b_o (forward step 3).

    Inputs: w_o (list, n_L), b_o (float), h_L (list, n_L). Returns: a float.
    """
    raise NotImplementedError("Exercise 9.7: not implemented yet")


def loss(o, y):
    """Exercise 9.8: the squared-error loss l(o, y) = (o - y)**2 (forward step 4).

    Inputs: floats o (the output) and y (the target). Returns: a float.
    """
    raise NotImplementedError("Exercise 9.8: not implemented yet")


def forward(x, Ws, bs, w_o, b_o, y):
    """Exercise 9.9: the forward propagation phase, steps 1-4, caching z and h.

    h_0 = x; h_l = tanh(W_l^T h_(l-1) + b_l) for l = 1..L (9.6);
    o = w_o^T h_L + b_o (9.7); loss = (o - y)**2 (9.8).
    The backward phase needs every z_l and h_l, so keep them all.

    Inputs: x (list), Ws (list of L matrices, Ws[l-1] = W_l), bs (list of L
    lists), w_o (list), b_o (float), y (float).
    Returns: {"z": [z_1, ..., z_L], "h": [h_0 = x, h_1, ..., h_L],
    "o": o, "loss": loss} (h has one more entry than z).
    """
    raise NotImplementedError("Exercise 9.9: not implemented yet")


# -- the backward propagation phase (seed 002, steps 1-6) -----------------------

def dloss_do(o, y):
    """Exercise 9.10: backward step 1, dl/do for l = (o - y)**2: dl/do = 2 (o - y).

    Inputs: floats o, y. Returns: a float.
    """
    raise NotImplementedError("Exercise 9.10: not implemented yet")


def output_grads(h_L, dl_do):
    """Exercise 9.11: backward step 2, the output layer's parameters.

    o = w_o^T h_L + b_o, so do/dw_o = h_L and do/db_o = 1:
    dl/dw_o = h_L dl/do (a list, like w_o) and dl/db_o = dl/do.

    Inputs: h_L (list), dl_do (float).
    Returns: {"dw_o": list of floats, "db_o": float}.
    """
    raise NotImplementedError("Exercise 9.11: not implemented yet")


def dl_dhL(w_o, dl_do):
    """Exercise 9.12: backward step 3, dl/dh_L = (do/dh_L)^T dl/do = w_o dl/do.

    This is delta^(L), the delta of the outermost hidden layer.
    Inputs: w_o (list), dl_do (float). Returns: a list like w_o.
    """
    raise NotImplementedError("Exercise 9.12: not implemented yet")


def layer_backward(W, z, h_prev, dl_dh):
    """Exercise 9.13: backward steps 4-5 for one hidden layer, in seed 000's matrix form.

    With h = tanh(z), z = W^T h_prev + b and delta = dl/dh given, let
    e = g'(z) * delta (elementwise; this is dl/dz). Then::

        dl/dW      = h_prev e^T          (outer product, shaped like W)
        dl/db      = e
        dl/dh_prev = W e                 (seed 000: delta^(l-1) = W (g'(z) * delta))

    Inputs: W (n_(l-1) x n_l), z (list n_l, cached by forward), h_prev
    (list n_(l-1), cached by forward), dl_dh (list n_l).
    Returns: {"dW": matrix like W, "db": list n_l, "dh_prev": list n_(l-1)}.
    """
    raise NotImplementedError("Exercise 9.13: not implemented yet")


def backward(cache, Ws, w_o, y):
    """Exercise 9.14: the backward propagation phase, steps 1-6.

    1. dl/do = 2 (o - y) (9.10)
    2. dl/dw_o, dl/db_o (9.11)
    3. delta^(L) = dl/dh_L = w_o dl/do (9.12)
    4.-6. for l = L, L-1, ..., 1: dl/dW_l, dl/db_l and delta^(l-1) from
       layer_backward(W_l, z_l, h_(l-1), delta^(l)) (9.13); stop after l = 1.

    Inputs: cache (the dict forward returns: "z", "h", "o"), Ws (as in
    forward), w_o (list), y (float).
    Returns: {"dW": [dl/dW_1, ..., dl/dW_L], "db": [dl/db_1, ..., dl/db_L],
    "dw_o": list, "db_o": float}, each gradient shaped like its parameter.
    """
    raise NotImplementedError("Exercise 9.14: not implemented yet")
