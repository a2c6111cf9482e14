"""Exercise 09: Backpropagation for a multilayer perceptron, in matrix form

Mirrors seed 002 ("Backpropagation", a deep-learning tutorial page), section
"An iteration with the backpropagation algorithm" (the forward propagation
phase, steps 1-4, and the backward propagation phase, steps 1-6), with seed
000's (Sadiku) slide "Formalization for a Standard Neural Network" for the
matrix form of one layer's backward step.

The network (seed 002): K hidden tanh layers, a linear output unit, and the
kit's squared-error loss::

    h_0 = x
    z_l = W_l^T h_(l-1) + b_l,   h_l = tanh(z_l)        l = 1..K
    y   = w_o^T h_K + b_o
    L   = (y - t)**2

    x = h_0 --W_1,b_1--> z_1 --tanh--> h_1 --W_2,b_2--> z_2 --tanh--> h_2
        ... h_K --w_o,b_o--> y --(y - t)**2--> L
                                   ^
                                   t (the target)

Notation (where the lectures differ, one line each):

* Seed 002's o is our y, its y our t: it writes o = w_o^T h_K + b_o and the
  loss l(o, y); here y is the output, t the target, and the loss is the
  kit's squared error L = (y - t)**2 (no factor 1/2; seed 002 leaves l open).
* Seed 002's phi is tanh here (the kit's g, g' = tanh').
* Seed 002's h_l is layer l's activation (the kit's a); z_l is its
  pre-activation.
* Seed 002 counts the hidden layers 1..L. Here the last one is K (h_K,
  W_K, n_K, delta^(K), the name delta_K of 9.12), because in the kit L is
  always the loss (cache["L"] too): dL/dh_K is the loss's derivative with
  respect to the last hidden layer's activation.
* W_l[j][k] is the weight from unit j of layer l-1 to unit k of layer l:
  W_l is n_(l-1) x n_l, one ROW per input unit. This is seed 002's W_l (it
  writes W_l^T h_(l-1)) and seed 000's W^(l-1,l) with entries w_jk: both
  lectures agree with the kit here, nothing to convert.
* delta^(l) = dL/dh_l, the derivative with respect to a layer's
  activation: seed 000's delta_j = dL/da_j, seed 002's gradient of the
  loss with respect to h_l.
* dL/dz (the derivative with respect to a pre-activation) is always
  written out, never called delta.
* In Python lists the layers count from 0: Ws[0] is W_1, cache["z"][0] is
  z_1, but cache["h"][0] is h_0 = x (h has one more entry than z).

The forward phase (9.9) returns the cache {"z": [z_1, ..., z_K],
"h": [h_0, ..., h_K], "y": y, "L": L}; the backward steps receive it and
take from it what they need.

To check on seed 000's "Formalization" slide before you use it:

* Its second line writes dL/dw_jk as a SUM over k. Look at the network's
  equations: through how many of the z's does the single weight w_jk reach
  the loss? Count the terms the sum really has.
* Its matrix form writes the gradient of W^(l-1,l) with a plain "a".
  Which layer's activations does the weight from unit j of layer l-1
  multiply?
* Its delta is dL/da (an activation), the kit's delta; seed 003 and
  Exercise 07 call nothing delta.

Matrices are lists of rows. EXAMPLE (given, below) is the small network the
docstrings' examples use: 2 inputs, hidden layers of 3 and 2 tanh units.

How to work: implement the steps in order (9.1, 9.2, ...), except that
9.15 and 9.16 (seed 000's slide one unit at a time, with plain loops; they
sit at the end of the file) come after 9.12 and before 9.13, its matrix
form. Use your list helpers 9.1-9.5 in the later steps. Run ``python grader.py ex09`` to check
them; ``python grader.py hint 9.13`` gives a hint (asked again, the next).

Allowed imports: math
"""

import math

# Given (not an exercise): the docstrings' example network, t its target.
EXAMPLE = dict(
    x=[1.0, -2.0],
    Ws=[[[0.5, -1.0, 0.25], [0.75, 0.5, -0.5]],
        [[1.0, -0.5], [-1.5, 0.25], [0.5, 2.0]]],
    bs=[[0.1, -0.2, 0.3], [0.0, 0.5]],
    w_o=[1.5, -2.0], b_o=0.25, t=0.5)


# -- list helpers --------------------------------------------------------------

def transpose(M):
    """Exercise 9.1: the transpose M^T of a matrix M (a list of rows).

    (M^T)[i][j] = M[j][i]; an m x n matrix becomes n x m. Leaves M
    unchanged.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    # BEGIN SOLUTION Exercise 9.1
    return [[M[j][i] for j in range(len(M))] for i in range(len(M[0]))]
    # END SOLUTION


def matvec(M, v):
    """Exercise 9.2: the matrix-vector product M v.

    (M v)[i] = sum_j M[i][j] v[j]; M is m x n (list of m rows), v has n
    entries, the result has m. M need not be square.

    >>> matvec([[1, 2], [3, 4], [5, 6]], [1, -1])
    [-1, -1, -1]
    """
    # BEGIN SOLUTION Exercise 9.2
    return [sum(M_i[j] * v[j] for j in range(len(v))) for M_i in M]
    # END SOLUTION


def hadamard(u, v):
    """Exercise 9.3: the elementwise (Hadamard) product u * v, [u_i v_i].

    >>> hadamard([1, 2, 3], [4, 5, 6])
    [4, 10, 18]
    """
    # BEGIN SOLUTION Exercise 9.3
    return [u_i * v_i for u_i, v_i in zip(u, v)]
    # END SOLUTION


def outer(u, v):
    """Exercise 9.4: the outer product u v^T, a len(u) x len(v) matrix.

    (u v^T)[i][j] = u_i v_j.

    >>> outer([1, 2], [3, 4, 5])
    [[3, 4, 5], [6, 8, 10]]
    """
    # BEGIN SOLUTION Exercise 9.4
    return [[u_i * v_j for v_j in v] for u_i in u]
    # END SOLUTION


def tanh_prime(z):
    """Exercise 9.5: g'(z) for g = tanh, entry by entry: [tanh'(z_1), ...].

    Find the derivative of tanh at each z_i (hint: write it with tanh(z_i)
    itself). Input: list of floats z. Returns: list of floats. (Unlike the
    ``tanh_prime`` of Exercises 06 and 12, which take one float, this one
    takes and returns a list: g'(z^(l)) for a whole layer.)

    >>> tanh_prime([0.0])
    [1.0]
    >>> [round(v, 6) for v in tanh_prime([0.5, -1.0, 2.0])]
    [0.786448, 0.419974, 0.070651]
    """
    # BEGIN SOLUTION Exercise 9.5
    return [1.0 - math.tanh(z_i) ** 2 for z_i in z]
    # END SOLUTION


# -- the forward propagation phase (seed 002, steps 1-4) ------------------------

def layer_forward(W, b, h_prev):
    """Exercise 9.6: one hidden layer, h_l = tanh(W_l^T h_(l-1) + b_l).

    Forward steps 1 and 2: z_l = W_l^T h_(l-1) + b_l and h_l = tanh(z_l),
    i.e. z[k] = sum_j W[j][k] h_prev[j] + b[k]. W is n_(l-1) x n_l (rows =
    inputs), so W^T h_(l-1) has n_l entries.

    Inputs: W (matrix), b (list, n_l), h_prev (list, n_(l-1)).
    Returns: {"z": z_l, "h": h_l} (lists of n_l floats).

    >>> out = layer_forward([[1, 0, -1], [2, 1, 0]], [0, 0.5, 0], [1, -1])
    >>> out["z"], [round(v, 5) for v in out["h"]]
    ([-1, -0.5, -1], [-0.76159, -0.46212, -0.76159])
    """
    # BEGIN SOLUTION Exercise 9.6
    z = [s + b_k for s, b_k in zip(matvec(transpose(W), h_prev), b)]
    return {"z": z, "h": [math.tanh(z_k) for z_k in z]}
    # END SOLUTION


def output(w_o, b_o, h_K):
    """Exercise 9.7: the output unit, y = w_o^T h_K + b_o (forward step 3).

    Inputs: w_o (list, n_K), b_o (float), h_K (list, n_K). Returns: y, a
    float (seed 002's o).

    >>> output([1.5, -2.0], 0.25, [0.5, 1.0])
    -1.0
    """
    # BEGIN SOLUTION Exercise 9.7
    return sum(w_i * h_i for w_i, h_i in zip(w_o, h_K)) + b_o
    # END SOLUTION


def loss(y, t):
    """Exercise 9.8: the squared-error loss L = (y - t)**2 (forward step 4).

    Inputs: floats y (the output) and t (the target). Returns: a float.

    >>> loss(1.5, 0.5)
    1.0
    """
    # BEGIN SOLUTION Exercise 9.8
    return (y - t) ** 2
    # END SOLUTION


def forward(x, Ws, bs, w_o, b_o, t):
    """Exercise 9.9: the forward propagation phase, steps 1-4, caching z and h.

    h_0 = x; h_l = tanh(W_l^T h_(l-1) + b_l) for l = 1..K (9.6);
    y = w_o^T h_K + b_o (9.7); L = (y - t)**2 (9.8).
    The backward phase needs every z_l and h_l, so keep them all.

    Inputs: x (list), Ws (list of K matrices, Ws[l-1] = W_l), bs (list of K
    lists), w_o (list), b_o (float), t (float). Leaves its inputs unchanged.
    Returns the cache {"z": [z_1, ..., z_K], "h": [h_0 = x, h_1, ..., h_K],
    "y": y, "L": L} (h has one more entry than z).

    >>> cache = forward(**EXAMPLE)
    >>> len(cache["z"]), len(cache["h"]), round(cache["y"], 6), round(cache["L"], 6)
    (2, 3, -0.467547, 0.936146)
    """
    # BEGIN SOLUTION Exercise 9.9
    hs = [list(x)]
    zs = []
    for W, b in zip(Ws, bs):
        layer = layer_forward(W, b, hs[-1])
        zs.append(layer["z"])
        hs.append(layer["h"])
    y = output(w_o, b_o, hs[-1])
    return {"z": zs, "h": hs, "y": y, "L": loss(y, t)}
    # END SOLUTION


# -- the backward propagation phase (seed 002, steps 1-6) -----------------------

def dL_dy(cache, t):
    """Exercise 9.10: backward step 1, the gradient of the loss with respect to the output, dL/dy.

    Depends on: L = (y - t)**2 (module docstring).
    Inputs: cache (the dict 9.9 returns), t (float, the target).
    Returns: dL/dy, a float.

    >>> dL_dy({"z": [], "h": [[0.3]], "y": 1.5, "L": 1.0}, 0.5)
    2.0
    >>> dL_dy({"z": [], "h": [[0.3]], "y": -0.25, "L": 0.5625}, 0.5)
    -1.5
    """
    # BEGIN SOLUTION Exercise 9.10
    return 2.0 * (cache["y"] - t)
    # END SOLUTION


def output_grads(cache, dL_dy):
    """Exercise 9.11: backward step 2, the output unit's parameters: dL/dw_o and dL/db_o.

    Depends on: y = w_o^T h_K + b_o. dL/dw_o has one entry per weight,
    like w_o.
    Inputs: cache (the dict 9.9 returns), dL_dy (float, from 9.10).
    Returns: {"dL_dw_o": list of floats, "dL_db_o": float}.

    >>> cache = forward(**EXAMPLE)
    >>> grads = output_grads(cache, 2.0)
    >>> [round(v, 6) for v in grads["dL_dw_o"]], grads["dL_db_o"]
    ([1.669868, 1.969948], 2.0)
    """
    # BEGIN SOLUTION Exercise 9.11
    return {"dL_dw_o": [h_i * dL_dy for h_i in cache["h"][-1]], "dL_db_o": dL_dy}
    # END SOLUTION


def delta_K(cache, w_o, dL_dy):
    """Exercise 9.12: backward step 3, delta^(K) = dL/dh_K, the outermost hidden layer's delta.

    Depends on: y = w_o^T h_K + b_o. One entry per unit of h_K.
    Inputs: cache (the dict 9.9 returns), w_o (list), dL_dy (float).
    Returns: a list of n_K floats.

    >>> cache = forward(**EXAMPLE)
    >>> delta_K(cache, EXAMPLE["w_o"], 2.0)
    [3.0, -4.0]
    """
    # BEGIN SOLUTION Exercise 9.12
    return [w_i * dL_dy for w_i in w_o]
    # END SOLUTION


def layer_backward(cache, Ws, l, delta):
    """Exercise 9.13: backward steps 4-5 for hidden layer l, in seed 000's matrix form.

    Do 9.15 and 9.16 (the same slide, one unit at a time) first.

    Given delta = delta^(l) = dL/dh_l, find:

    * dL/dW_l, shaped like W_l (n_(l-1) x n_l): entry [j][k] is dL/dw_jk;
    * dL/db_l (n_l entries);
    * delta^(l-1) = dL/dh_(l-1) (n_(l-1) entries), the delta the next step
      down needs.

    Depends on: z_l = W_l^T h_(l-1) + b_l, h_l = tanh(z_l) (module
    docstring; check seed 000's slide as it says there). Name the
    intermediate dL/dz_l if you need it (written out, never delta).
    Use your helpers 9.2-9.5.

    Inputs: cache (the dict 9.9 returns), Ws (as in forward), l (int, the
    layer, 1..K as in the lectures), delta (list, n_l floats).
    Returns: {"dL_dW": matrix like W_l, "dL_db": list n_l, "delta_prev":
    list n_(l-1)}. Leaves its inputs unchanged.

    >>> cache = forward(**EXAMPLE)
    >>> grads = layer_backward(cache, EXAMPLE["Ws"], 2, [3.0, -4.0])
    >>> [[round(v, 4) for v in row] for row in grads["dL_dW"]]
    [[-0.6509, 0.0855], [-0.8866, 0.1164], [0.8303, -0.109]]
    >>> [round(v, 4) for v in grads["dL_db"]], [round(v, 4) for v in grads["delta_prev"]]
    ([0.9087, -0.1193], [0.9683, -1.3928, 0.2157])
    """
    # BEGIN SOLUTION Exercise 9.13
    W, z, h_prev = Ws[l - 1], cache["z"][l - 1], cache["h"][l - 1]
    dL_dz = hadamard(tanh_prime(z), delta)
    return {"dL_dW": outer(h_prev, dL_dz), "dL_db": dL_dz, "delta_prev": matvec(W, dL_dz)}
    # END SOLUTION


def backward(cache, Ws, w_o, t):
    """Exercise 9.14: the backward propagation phase, seed 002's steps 1-6.

    1. dL/dy (9.10);  2. dL/dw_o, dL/db_o (9.11);  3. delta^(K) (9.12);
    4.-6. for l = L, L-1, ..., 1: dL/dW_l, dL/db_l and delta^(l-1) (9.13),
    each layer from the delta the layer above handed down; stop after
    l = 1.

    Inputs: cache (the dict 9.9 returns), Ws (as in forward), w_o (list),
    t (float). Leaves its inputs unchanged.
    Returns: {"dL_dW": [dL/dW_1, ..., dL/dW_K], "dL_db": [dL/db_1, ...,
    dL/db_K], "dL_dw_o": list, "dL_db_o": float}, each gradient shaped like
    its parameter.

    >>> cache = forward(**EXAMPLE)
    >>> grads = backward(cache, EXAMPLE["Ws"], EXAMPLE["w_o"], EXAMPLE["t"])
    >>> [round(v, 4) for v in grads["dL_db"][0]], round(grads["dL_db_o"], 4)
    ([-0.4562, 0.0646, -0.0344], -1.9351)
    """
    # BEGIN SOLUTION Exercise 9.14
    L = len(Ws)
    g = dL_dy(cache, t)
    out = output_grads(cache, g)
    delta = delta_K(cache, w_o, g)
    dWs, dbs = [None] * L, [None] * L
    for l in range(L, 0, -1):
        grads = layer_backward(cache, Ws, l, delta)
        dWs[l - 1], dbs[l - 1] = grads["dL_dW"], grads["dL_db"]
        delta = grads["delta_prev"]
    return {"dL_dW": dWs, "dL_db": dbs, "dL_dw_o": out["dL_dw_o"], "dL_db_o": out["dL_db_o"]}
    # END SOLUTION


# -- seed 000's "Formalization" slide, one unit at a time: do 9.15 and 9.16 BEFORE 9.13 --
#
# (They are numbered last only so that the earlier steps keep their numbers.)

def delta_prev_j(cache, Ws, l, j, delta):
    """Exercise 9.15: delta_j of layer l-1, one unit, as a loop over the units k (do it before 9.13).

    Seed 000's "Formalization" slide, first line, in its scalar form: the
    delta of unit j of layer l-1, delta^(l-1)_j = dL/dh_(l-1)[j], from the
    deltas delta^(l) = dL/dh_l of the layer above. The slide writes it as a
    sum over k of (dh_l[k]/dh_(l-1)[j]) delta_k; work out what that factor
    is in this network (module docstring) and loop over the units k of
    layer l. No matrices: 9.13 then writes the same loop for all j at once.

    Inputs: cache (the dict 9.9 returns), Ws (as in forward), l (int, the
    layer above, 1..K as in the lectures), j (int, a unit of layer l-1,
    counted from 0), delta (list, n_l floats: delta^(l)). You may use 9.5.
    Returns: a float. Leaves its inputs unchanged.

    >>> cache = forward(**EXAMPLE)
    >>> [round(delta_prev_j(cache, EXAMPLE["Ws"], 2, j, [3.0, -4.0]), 4) for j in range(3)]
    [0.9683, -1.3928, 0.2157]

    (The three numbers are 9.13's delta_prev of the same example.)
    """
    # BEGIN SOLUTION Exercise 9.15
    W, z = Ws[l - 1], cache["z"][l - 1]
    acc = 0.0
    for k in range(len(z)):
        slope = 1.0 - math.tanh(z[k]) ** 2
        acc += W[j][k] * slope * delta[k]
    return acc
    # END SOLUTION


def dL_dw_jk(cache, Ws, l, j, k, delta):
    """Exercise 9.16: dL/dw_jk of W_l, one weight (do it before 9.13).

    Seed 000's "Formalization" slide, second line, in its scalar form: the
    gradient of the one weight w_jk = W_l[j][k] (from unit j of layer l-1
    to unit k of layer l), given delta^(l) = dL/dh_l.

    The slide writes this line with a sum over k in front. Check it before
    you transcribe it: k is fixed by the weight you ask about. In the
    network's equations (module docstring), how many of the z's contain
    w_jk? That is the number of terms. (A test you can run: with the sum,
    your dL/dw_01 below would come out equal to your dL/dw_00.)

    Inputs: cache (the dict 9.9 returns), Ws (as in forward), l (int,
    1..K), j (int, a unit of layer l-1), k (int, a unit of layer l), both
    counted from 0, delta (list, n_l floats: delta^(l)). You may use 9.5.
    Returns: a float. Leaves its inputs unchanged.

    >>> cache = forward(**EXAMPLE)
    >>> [round(dL_dw_jk(cache, EXAMPLE["Ws"], 2, 0, k, [3.0, -4.0]), 4) for k in range(2)]
    [-0.6509, 0.0855]

    (Row 0 of 9.13's dL_dW for the same example.)
    """
    # BEGIN SOLUTION Exercise 9.16
    z_k = cache["z"][l - 1][k]
    a_j = cache["h"][l - 1][j]
    return a_j * (1.0 - math.tanh(z_k) ** 2) * delta[k]
    # END SOLUTION
