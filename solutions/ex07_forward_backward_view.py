"""Exercise 07: Backpropagation as a forward pass and a backward pass

Mirrors seed 003 (Hung-yi Lee, "Backpropagation"), the slides
"Backpropagation - Forward pass", "Backpropagation - Backward pass" (case 1
output layer, case 2 not output layer) and "Backpropagation - Summary"::

    dL/dw = dz/dw * dL/dz
            -----   -----
            forward backward
            pass    pass

* Forward pass: dz/dw for every weight, from one neuron's equation
  z = a_1 w_1 + a_2 w_2 + ... + b.
* Backward pass: dL/dz for every neuron input z, from the output back. A
  hidden neuron's a = sigma(z) feeds the next layer's neurons z', z'', ...
  (seed 003 draws two, through weights w3 and w4), whose dL/dz', dL/dz'' are
  already known when the backward pass reaches it.

Notation: seed 003 writes l for the loss of one example and dl/dz; the kit
writes L and dL/dz (``dL_dz`` in code). Neither calls dL/dz a delta (in the
kit delta means dL/da, see ex06).

The network: D fully connected layers l = 1..D of sigmoid neurons, the
output layer too (y = a^D). D is the number of layers (the depth): the
letter L stays the loss, so dL/dz^D is the loss's derivative at the last layer::

    a^0 = x
    z^l_k = sum_j a^(l-1)_j W^l[j][k] + b^l_k        a^l_k = sigma(z^l_k)
    y = a^D

A hidden neuron in seed 003's picture (w3, w4: the weights out of it)::

                               .--w3--> z'  --> ... --> L
    ... --> z --sigma--> a ---+
                               `--w4--> z'' --> ... --> L

W^l[j][k] is the weight from unit j of layer l-1 to unit k of layer l (the
kit's w_jk): W^l has one row per unit below and one column per unit above,
so z^l = (W^l)^T a^(l-1) + b^l.

Python lists count from 0, the layers from 1. The steps take the lecture's
layer number l and these lists:

* W = [W^1, ..., W^D], so W^l is ``W[l-1]``; b likewise;
* cache = {"z": [z^1, ..., z^D], "a": [a^0, ..., a^D]}, what forward (7.2)
  returns: z^l is ``cache["z"][l-1]``, a^l is ``cache["a"][l]`` (a^0 = x);
* dL_dz = [dL/dz^1, ..., dL/dz^D], what backward (7.7) returns, shaped like
  cache["z"].

The loss L is some function of the outputs y; its gradient dL/dy is
"assumed known" (the slides), so it is an input here.

The examples in the docstrings use seed 003's first layer (x = [1, -1],
W^1 = [[1, -1], [-2, 1]], b^1 = [1, 0], so z^1 = [4, -2]) with a second layer
EXAMPLE_W[1], EXAMPLE_B[1].

How to work: implement the steps in order (7.1, 7.2, ...); later steps may
call earlier ones and the given helper ``sigmoid``. Run
``python grader.py ex07`` to check them, and ``python grader.py hint 7.5``
when stuck on a step (asked again, it gives the next hint).

Allowed imports: math
"""

import math

# Given: the example network of the docstrings (and of the first visible check).
EXAMPLE_X = [1.0, -1.0]
EXAMPLE_W = [[[1.0, -1.0], [-2.0, 1.0]], [[2.0, -1.0], [-2.0, -1.0]]]
EXAMPLE_B = [[1.0, 0.0], [0.0, 0.0]]


def sigmoid(z):
    """Given (not an exercise): sigma(z) = 1 / (1 + exp(-z)), without overflow.

    >>> sigmoid(0.0)
    0.5
    """
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def dz_dw(a, w, b):
    """Exercise 7.1: the forward pass for one neuron: dz/dw_i for each of its weights.

    The neuron: z = a_1 w_1 + a_2 w_2 + ... + a_n w_n + b (seed 003:
    z = x1 w1 + x2 w2 + b).

    Inputs: lists of floats a (the neuron's inputs) and w (its weights, same
    length), float b. Returns: the list [dz/dw_1, ..., dz/dw_n].

    >>> dz_dw([3.0, -0.5], [0.5, 2.0], 0.1)
    [3.0, -0.5]
    """
    # BEGIN SOLUTION Exercise 7.1
    return list(a)
    # END SOLUTION


def forward(x, W, b):
    """Exercise 7.2: the forward pass of the whole network, caching every z and a.

    Equations: a^0 = x; for l = 1..D:
    z^l_k = sum_j a^(l-1)_j W^l[j][k] + b^l_k and a^l_k = sigma(z^l_k).

    Inputs: x (list of floats), W (list of D matrices, W[l-1] = W^l is
    n_(l-1) x n_l as a list of rows), b (list of D lists, b[l-1] has n_l
    floats).
    Returns: the cache {"z": [z^1, ..., z^D], "a": [a^0 = x, a^1, ..., a^D]}
    (lists of lists of floats; "a" has one more entry than "z").

    >>> c = forward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    >>> c["z"][0], [round(v, 5) for v in c["a"][1]]
    ([4.0, -2.0], [0.98201, 0.1192])
    >>> [round(v, 5) for v in c["z"][1]], [round(v, 5) for v in c["a"][2]]
    ([1.72562, -1.10122], [0.84885, 0.24951])
    """
    # BEGIN SOLUTION Exercise 7.2
    a = [list(x)]
    z = []
    for W_l, b_l in zip(W, b):
        a_prev = a[-1]
        z_l = [sum(a_prev[j] * W_l[j][k] for j in range(len(a_prev))) + b_l[k]
               for k in range(len(b_l))]
        z.append(z_l)
        a.append([sigmoid(z_k) for z_k in z_l])
    return {"z": z, "a": a}
    # END SOLUTION


def sigma_prime(z):
    """Exercise 7.3: sigma'(z) = da/dz for a = sigma(z), the sigmoid's derivative.

    The backward pass needs it at every neuron (7.5, 7.6); there it is a
    number, because z is already known from the forward pass.

    Input: float z. Returns: a float.

    >>> sigma_prime(0.0), round(sigma_prime(2.0), 5)
    (0.25, 0.10499)
    """
    # BEGIN SOLUTION Exercise 7.3
    s = sigmoid(z)
    return s * (1.0 - s)
    # END SOLUTION


def dL_da(W, l, j, dL_dz_next):
    """Exercise 7.4: dL/da^l_j for unit j of a hidden layer l (1 <= l < D).

    Seed 003's chain rule case 2: a = sigma(z) feeds the neurons z', z'', ...
    of layer l+1, whose dL/dz', dL/dz'', ... are known.

    Inputs: W (all layers' weights, as in forward), the layer number l, the
    unit j (counted from 0), dL_dz_next = dL/dz^(l+1) (list of floats, one
    per unit of layer l+1). Returns: a float.

    >>> dL_da(EXAMPLE_W, 1, 0, [0.5, 0.25])
    0.75
    """
    # BEGIN SOLUTION Exercise 7.4
    w_out = W[l][j]  # W^(l+1) is W[l]; its row j holds the weights out of unit j
    return sum(w_k * d_k for w_k, d_k in zip(w_out, dL_dz_next))
    # END SOLUTION


def dL_dz(cache, W, l, j, dL_dz_next):
    """Exercise 7.5: the backward pass for one hidden neuron: dL/dz^l_j (1 <= l < D).

    Seed 003's "Backpropagation - Backward pass" slides: the neuron run
    backwards, from dL/dz', dL/dz'' of the next layer to its own dL/dz.

    Inputs: cache (from forward), W, the layer number l, the unit j,
    dL_dz_next = dL/dz^(l+1). Returns: a float.

    >>> c = forward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    >>> round(dL_dz(c, EXAMPLE_W, 1, 1, [0.5, 0.25]), 5)
    -0.13124
    """
    # BEGIN SOLUTION Exercise 7.5
    return sigma_prime(cache["z"][l - 1][j]) * dL_da(W, l, j, dL_dz_next)
    # END SOLUTION


def dL_dz_output(cache, k, dL_dy):
    """Exercise 7.6: case 1, an output neuron: dL/dz^D_k, with y_k = sigma(z^D_k).

    Inputs: cache (from forward), the output unit k, dL_dy (list of floats,
    dL/dy for every output). Returns: a float.

    >>> c = forward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    >>> round(dL_dz_output(c, 1, [-0.5, 2.0]), 5)
    0.37451
    """
    # BEGIN SOLUTION Exercise 7.6
    return sigma_prime(cache["z"][-1][k]) * dL_dy[k]
    # END SOLUTION


def backward(cache, W, dL_dy):
    """Exercise 7.7: the backward pass: dL/dz for every neuron, from the output layer back.

    Seed 003: compute dL/dz from the output layer (case 1), then layer by
    layer towards the input (case 2), each layer from the one after it.

    Inputs: cache (from forward), W (as in forward), dL_dy (list of floats,
    one per output). Returns: [dL/dz^1, ..., dL/dz^D], lists shaped like
    cache["z"].

    >>> c = forward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    >>> [[round(v, 5) for v in layer] for layer in backward(c, EXAMPLE_W, [-0.5, 2.0])]
    [[-0.00888, -0.02585], [-0.06415, 0.37451]]
    """
    # BEGIN SOLUTION Exercise 7.7
    L = len(W)
    out = [None] * L
    out[L - 1] = [dL_dz_output(cache, k, dL_dy) for k in range(len(dL_dy))]
    for l in range(L - 1, 0, -1):  # the hidden layers L-1, ..., 1
        out[l - 1] = [dL_dz(cache, W, l, j, out[l]) for j in range(len(cache["z"][l - 1]))]
    return out
    # END SOLUTION


def dL_dw(cache, dL_dz, l, j, k):
    """Exercise 7.8: the summary: dL/dW^l[j][k], one weight's gradient.

    Seed 003's summary joins the two passes: which neuron does W^l[j][k]
    feed, and which of the forward pass's numbers (7.1, the cache) and the
    backward pass's (7.7, dL_dz) belong to this weight?

    Inputs: cache (from forward), dL_dz (from backward), the layer number l,
    the unit j below and the unit k above that W^l[j][k] connects.
    Returns: a float.

    >>> c = forward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    >>> g = [[-0.01, -0.24], [-0.06, 0.37]]
    >>> round(dL_dw(c, g, 2, 0, 1), 5), dL_dw(c, g, 1, 1, 0)
    (0.36335, 0.01)
    """
    # BEGIN SOLUTION Exercise 7.8
    return cache["a"][l - 1][j] * dL_dz[l - 1][k]
    # END SOLUTION


def gradients(cache, dL_dz):
    """Exercise 7.9: dL/dW and dL/db for every parameter of the network.

    Inputs: cache (from forward), dL_dz (from backward).
    Returns: {"W": [dL/dW^1, ..., dL/dW^D], "b": [dL/db^1, ..., dL/db^D]},
    each dL/dW^l shaped like W^l (n_(l-1) rows, n_l columns), each dL/db^l
    like b^l.

    >>> c = forward(EXAMPLE_X, EXAMPLE_W, EXAMPLE_B)
    >>> g = gradients(c, [[-0.01, -0.24], [-0.06, 0.37]])
    >>> g["W"][0], g["b"][0]
    ([[-0.01, -0.24], [0.01, 0.24]], [-0.01, -0.24])
    >>> [[round(v, 5) for v in row] for row in g["W"][1]]
    [[-0.05892, 0.36335], [-0.00715, 0.04411]]
    """
    # BEGIN SOLUTION Exercise 7.9
    dW, db = [], []
    for l in range(1, len(dL_dz) + 1):
        a_prev, g = cache["a"][l - 1], dL_dz[l - 1]
        dW.append([[dL_dw(cache, dL_dz, l, j, k) for k in range(len(g))]
                   for j in range(len(a_prev))])
        db.append(list(g))
    return {"W": dW, "b": db}
    # END SOLUTION
