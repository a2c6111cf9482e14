"""Exercise 08: Backpropagation through a layer h = ReLU(W^T x + b)

Mirrors seed 001 (J. C. Kao, UCLA, Lecture 8), slides "Backpropagation:
neural network layer" and "Calculating a tensor derivative": one layer of
n_h ReLU units on m inputs, taken apart into three nodes::

      x (m)     W (m x n_h)
         \\       /
          c = W^T x        c_k = sum_{j=1..m} W[j][k] x_j      (n_h entries)
             |     b (n_h)
             |    /
          z = c + b        z_k = c_k + b_k                      (n_h entries)
             |
          h = ReLU(z)      h_k = max(0, z_k)                    (n_h entries)
             |
          ... the rest of the network ... -> L   (dL/dh arrives from there)

Notation (where Kao's slides differ, one line each):

* Kao writes c = W x with W's rows the outputs (h x m); here W[j][k] goes
  from input j to unit k (W is m x n_h, Kao's W transposed), so c = W^T x.
  Every backward line on the slides is written for Kao's W: redo it for
  this W, and check it by the shapes (m != n_h in the checks).
* Kao calls the pre-activation a (a = c + b, h = ReLU(a)); here it is z, as
  everywhere in the kit (a is an activation, the same thing as h).
* Kao writes l for the loss and h for the number of units; here L, and n_h.
* dL/dh is the layer's delta (the derivative with respect to its
  activation); it comes from the layers above and is an input here.
* ReLU'(0) = 0: at the kink z_k = 0 the kit takes the derivative 0, as
  minigrad's autodiff does. The checks test a unit sitting exactly at 0.

The forward step (8.1) returns the cache {"x": x, "c": c, "z": z, "h": h};
the backward steps receive it and take from it what they need.

To check on the slides before you use a line of them:

* "Calculating a tensor derivative" writes c_i as a sum over j = 1..h.
  Count the terms of one entry of W x when x has m entries: over which
  range must j run?
* The same slide's final line reads "dl/dz x^T". Kao's layer has no node
  named z: look at the contraction just above it and see whose gradient
  multiplies x^T. (In this module z is c + b; whether dL/dz and dL/dc
  differ is Exercise 8.3's question.)
* "Letting c_k denote the ith element of c" names the ith element c_i.

Matrices are lists of rows: W is a list of m rows of n_h floats.

To see the layer: python -m minigrad graph relu-layer --svg layer.svg

How to work: implement the steps in order (later steps may call earlier
ones), replacing each ``raise NotImplementedError``; then run
``python grader.py ex08`` (or ``python grader.py ex08.7`` for one step).
Stuck on a step: ``python grader.py hint 8.4`` (asked again, the next hint).

Allowed imports: math
"""

import math

# Given (not an exercise): the docstrings' example layer, 2 inputs and 3 units.
EXAMPLE_W = [[1.0, 2.0, 0.0], [-1.0, 1.0, 1.0]]
EXAMPLE_X = [1.0, -1.0]
EXAMPLE_B = [-3.0, 1.0, 1.0]


def layer_forward(W, x, b):
    """Exercise 8.1: the forward pass c = W^T x, z = c + b, h = ReLU(z), cached.

    ::

        c_k = sum_j W[j][k] x_j        (j over the m inputs)
        z_k = c_k + b_k
        h_k = max(0, z_k)

    Inputs: W (m x n_h, a list of m rows, W[j][k] from input j to unit k),
    x (list of m floats), b (list of n_h floats).
    Returns the cache {"x": x, "c": c, "z": z, "h": h} (c, z, h lists of n_h
    floats).

    >>> layer_forward(EXAMPLE_W, EXAMPLE_X, EXAMPLE_B)
    {'x': [1.0, -1.0], 'c': [2.0, 1.0, -1.0], 'z': [-1.0, 2.0, 0.0], 'h': [0.0, 2.0, 0.0]}
    """
    # BEGIN SOLUTION Exercise 8.1
    n_h = len(W[0])
    c = [sum(W[j][k] * x[j] for j in range(len(x))) for k in range(n_h)]
    z = [c_k + b_k for c_k, b_k in zip(c, b)]
    h = [max(0.0, z_k) for z_k in z]
    return {"x": list(x), "c": c, "z": z, "h": h}
    # END SOLUTION


def dL_dz(cache, dL_dh):
    """Exercise 8.2: the ReLU node: find dL/dz, one entry per unit.

    Depends on: h = ReLU(z) (module docstring) and the kit's rule
    ReLU'(0) = 0 at the kink.

    Inputs: cache (the dict 8.1 returns), dL_dh (list of n_h floats, the
    gradient arriving from the layers above). Returns dL/dz (list of n_h
    floats).

    >>> cache = layer_forward(EXAMPLE_W, EXAMPLE_X, EXAMPLE_B)
    >>> cache["z"]
    [-1.0, 2.0, 0.0]
    >>> dL_dz(cache, [0.5, -3.0, 2.0])
    [0.0, -3.0, 0.0]
    """
    # BEGIN SOLUTION Exercise 8.2
    return [(1.0 if z_k > 0 else 0.0) * g_k for z_k, g_k in zip(cache["z"], dL_dh)]
    # END SOLUTION


def dL_dc(cache, dL_dz):
    """Exercise 8.3: the add node z = c + b: find dL/dc from dL/dz.

    Inputs: cache (the dict 8.1 returns), dL_dz (list of n_h floats, from
    8.2). Returns dL/dc (list of n_h floats).

    >>> cache = layer_forward(EXAMPLE_W, EXAMPLE_X, EXAMPLE_B)
    >>> dL_dc(cache, [0.0, -3.0, 0.0])
    [0.0, -3.0, 0.0]
    """
    # BEGIN SOLUTION Exercise 8.3
    return [g_k for g_k in dL_dz]
    # END SOLUTION


def dL_dx(W, cache, dL_dc):
    """Exercise 8.4: the input gradient dL/dx, passed on to the layer below.

    Find dL/dx_j for every input j: x_j reaches L through every c_k. Kao's
    slide derives this for his W (rows = outputs); derive it for this
    module's W[j][k] and check the shape: one entry per input.

    Inputs: W (m x n_h, list of m rows), cache (the dict 8.1 returns),
    dL_dc (list of n_h floats, from 8.3). Returns dL/dx (list of m floats).

    >>> cache = layer_forward(EXAMPLE_W, EXAMPLE_X, EXAMPLE_B)
    >>> dL_dx(EXAMPLE_W, cache, [1.0, -1.0, 0.5])
    [-1.0, -1.5]
    """
    # BEGIN SOLUTION Exercise 8.4
    m, n_h = len(W), len(W[0])
    return [sum(W[j][k] * dL_dc[k] for k in range(n_h)) for j in range(m)]
    # END SOLUTION


def dL_dW(cache, dL_dc):
    """Exercise 8.5: the weight gradient dL/dW by the outer-product shortcut.

    Find dL/dW[j][k] = dL/dW_jk for every weight: through which c_k does
    W[j][k] reach L, and what is that c_k's derivative with respect to it?
    The answer has W's shape, m rows of n_h (Kao's slide has the shape of
    Kao's W: the transpose).

    Inputs: cache (the dict 8.1 returns), dL_dc (list of n_h floats).
    Returns dL/dW (m x n_h, list of m rows).

    >>> cache = layer_forward(EXAMPLE_W, EXAMPLE_X, EXAMPLE_B)
    >>> dL_dW(cache, [1.0, -1.0, 0.5])
    [[1.0, -1.0, 0.5], [-1.0, 1.0, -0.5]]
    """
    # BEGIN SOLUTION Exercise 8.5
    return [[x_j * g_k for g_k in dL_dc] for x_j in cache["x"]]
    # END SOLUTION


def dL_db(cache, dL_dz):
    """Exercise 8.6: the bias gradient dL/db, one entry per unit.

    Inputs: cache (the dict 8.1 returns), dL_dz (list of n_h floats, from
    8.2). Returns dL/db (list of n_h floats).

    >>> cache = layer_forward(EXAMPLE_W, EXAMPLE_X, EXAMPLE_B)
    >>> dL_db(cache, [0.0, -3.0, 0.0])
    [0.0, -3.0, 0.0]
    """
    # BEGIN SOLUTION Exercise 8.6
    return list(dL_dz)
    # END SOLUTION


def dc_dW(cache):
    """Exercise 8.7: the tensor derivative dc/dW, written out.

    Layout: T[j][k][i] = dc_i / dW[j][k], an m x n_h x n_h nested list: W's
    shape first, then one entry per output c_i (Kao's denominator layout;
    his tensor is h x m x h because his W is h x m). So T[j][k] lists the
    derivatives of all n_h outputs with respect to the single weight W[j][k].

    To derive: which outputs c_i does W[j][k] appear in (module docstring's
    c_k, with j over the right range), and with what factor? Kao's slide
    draws, for each c_i, the matrix dc_i/dW for his W.

    Input: cache (the dict 8.1 returns). Returns T (m x n_h x n_h).

    >>> cache = layer_forward([[1.0, 2.0], [0.5, -1.0]], [3.0, 5.0], [0.0, 0.0])
    >>> dc_dW(cache)
    [[[3.0, 0.0], [0.0, 3.0]], [[5.0, 0.0], [0.0, 5.0]]]
    """
    # BEGIN SOLUTION Exercise 8.7
    n_h = len(cache["c"])
    return [[[x_j if i == k else 0.0 for i in range(n_h)] for k in range(n_h)]
            for x_j in cache["x"]]
    # END SOLUTION


def dL_dW_tensor(T, dL_dc):
    """Exercise 8.8: dL/dW = (dc/dW) dL/dc, the tensor-vector product.

    Kao: "we carry out this tensor-vector multiply in the standard way":
    the vector is contracted with the tensor's LAST index::

        result[j][k] = sum_i T[j][k][i] * dL/dc_i

    (m x n_h x n_h) times (n_h) gives m x n_h. With T from 8.7 this is the
    shortcut of 8.5, computed the long way round (Kao: storing the tensor,
    mostly zeros, is "usually not a good idea"). Do the contraction for ANY
    tensor T of this shape.

    Inputs: T (m x n_h x n_h nested list), dL_dc (list of n_h floats).
    Returns an m x n_h list of rows.

    >>> dL_dW_tensor([[[3.0, 0.0], [0.0, 3.0]], [[5.0, 0.0], [0.0, 5.0]]], [1.0, -1.0])
    [[3.0, -3.0], [5.0, -5.0]]
    """
    # BEGIN SOLUTION Exercise 8.8
    return [[sum(t_i * g_i for t_i, g_i in zip(T_jk, dL_dc)) for T_jk in T_j] for T_j in T]
    # END SOLUTION


def layer_backward(W, cache, dL_dh):
    """Exercise 8.9: the whole backward pass of the layer.

    From dL/dh and the cache, find the three gradients the rest of the
    training needs: dL/dx (passed on to the layer below), dL/dW and dL/db.
    Use your steps 8.2-8.6.

    Inputs: W (m x n_h), cache (the dict 8.1 returns), dL_dh (n_h floats).
    Returns {"dL_dx": list of m floats, "dL_dW": m x n_h list of rows,
    "dL_db": list of n_h floats}.

    >>> cache = layer_forward(EXAMPLE_W, [2.0, 1.0], [1.0, -5.0, 0.0])
    >>> cache["z"]
    [2.0, 0.0, 1.0]
    >>> grads = layer_backward(EXAMPLE_W, cache, [0.5, 3.0, 2.0])
    >>> grads["dL_dx"], grads["dL_db"]
    ([0.5, 1.5], [0.5, 0.0, 2.0])
    >>> grads["dL_dW"]
    [[1.0, 0.0, 4.0], [0.5, 0.0, 2.0]]
    """
    # BEGIN SOLUTION Exercise 8.9
    g_z = dL_dz(cache, dL_dh)
    g_c = dL_dc(cache, g_z)
    return {"dL_dx": dL_dx(W, cache, g_c), "dL_dW": dL_dW(cache, g_c),
            "dL_db": dL_db(cache, g_z)}
    # END SOLUTION
