"""Exercise 07: Backpropagation as a forward pass and a backward pass

Mirrors seed 003 (Hung-yi Lee, "Backpropagation"), the slides
"Backpropagation - Forward pass", "Backpropagation - Backward pass" (case 1
output layer, case 2 not output layer) and "Backpropagation - Summary":

    dl/dw = dz/dw * dl/dz
            -----   -----
            forward backward
            pass    pass

* Forward pass: for z = a_1 w_1 + a_2 w_2 + ... + b, dz/dw_i = a_i, "the
  value of the input connected by the weight". One forward pass gives it
  for every weight.
* Backward pass: dl/dz for every neuron input z, from the output back:
  dl/dz = sigma'(z) [w3 dl/dz' + w4 dl/dz''], where z' and z'' are the
  neurons that a = sigma(z) feeds through the weights w3 and w4.

The network: a small fully connected network of sigmoid neurons, the output
layer too (y = sigma(z) there). Layer l (l = 1..L) has weights ``W[l-1]``
and biases ``b[l-1]`` (Python lists count from 0)::

    z^l_k = sum_j a^(l-1)_j W^l[j][k] + b^l_k,     a^l_k = sigma(z^l_k),
    a^0 = x,   y = a^L.

``W^l`` is a list of rows with one row per unit j of the layer below and
one column per unit k of layer l: ``W^l[j][k]`` is the weight from unit j to
unit k (seed 000's w_jk). So row ``W^l[j]`` holds the weights *out of*
unit j (the slide's w3, w4), and dz^l_k/dw^l_jk = a^(l-1)_j.

The loss l is some function of the outputs y; its gradient dl/dy is
"assumed known" (the slides), so it is an input here.

How to work: implement the steps in order (7.1, 7.2, ...); later steps may
call earlier ones and the given helper ``sigmoid``. Run
``python grader.py ex07`` to check them.

Allowed imports: math
"""

import math


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
    """Exercise 7.1: forward pass, dz/dw_i = a_i for one neuron.

    For z = a_1 w_1 + a_2 w_2 + ... + b (seed 003: z = x1 w1 + x2 w2 + b),
    dz/dw_i is "the value of the input connected by the weight".

    Inputs: lists of floats a (the neuron's inputs) and w (its weights, same
    length), float b. Returns: the list [dz/dw_1, ..., dz/dw_n].

    >>> dz_dw([1.0, -1.0], [0.5, 2.0], 0.1)
    [1.0, -1.0]
    """
    # BEGIN SOLUTION Exercise 7.1
    return [a_i for a_i in a]
    # END SOLUTION


def forward(x, W, b):
    """Exercise 7.2: the forward pass of the whole network, caching z and a.

    Equations: a^0 = x; for l = 1..L:
    z^l_k = sum_j a^(l-1)_j W^l[j][k] + b^l_k and a^l_k = sigma(z^l_k).
    The cached a^(l-1) are the dz/dw of every weight of layer l (7.1).

    Inputs: x (list of floats), W (list of L matrices, W[l-1] is
    n_(l-1) x n_l as a list of rows), b (list of L lists, b[l-1] has n_l
    floats).
    Returns: {"z": [z^1, ..., z^L], "a": [a^0 = x, a^1, ..., a^L]}
    (lists of lists of floats; a has one more entry than z).

    Example (seed 003's first layer): x = [1, -1], W = [[[1, -1], [-2, 1]]],
    b = [[1, 0]] gives z = [[4, -2]], a = [[1, -1], [0.98201, 0.11920]].
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
    """Exercise 7.3: sigma'(z) = da/dz = sigma(z) (1 - sigma(z)).

    The first factor of the backward pass: dl/dz = da/dz * dl/da = sigma'(z) dl/da.
    sigma'(z) is a number, because z is already known from the forward pass.

    Input: float z. Returns: a float.

    >>> sigma_prime(0.0)
    0.25
    """
    # BEGIN SOLUTION Exercise 7.3
    s = sigmoid(z)
    return s * (1.0 - s)
    # END SOLUTION


def dl_da(w_out, dl_dz_next):
    """Exercise 7.4: dl/da = dz'/da dl/dz' + dz''/da dl/dz'' = w3 dl/dz' + w4 dl/dz''.

    Chain rule case 2: a = sigma(z) feeds the next layer's z' (through w3) and
    z'' (through w4), so dl/da sums one term per path. In general, over all
    neurons k that a feeds: dl/da = sum_k w_k dl/dz_k.

    Inputs: w_out (list of floats: the weights out of this neuron, [w3, w4]
    on the slide), dl_dz_next (list of floats: dl/dz of the neurons they
    feed, [dl/dz', dl/dz'']). Returns: a float.

    >>> dl_da([2.0, -1.0], [0.5, 0.25])
    0.75
    """
    # BEGIN SOLUTION Exercise 7.4
    return sum(w_k * d_k for w_k, d_k in zip(w_out, dl_dz_next))
    # END SOLUTION


def dl_dz(z, w_out, dl_dz_next):
    """Exercise 7.5: the backward pass for one neuron, dl/dz = sigma'(z) [w3 dl/dz' + w4 dl/dz''].

    dl/dz = da/dz * dl/da with da/dz = sigma'(z) (7.3) and dl/da from 7.4.
    The slides draw this as a neuron running backwards: it takes
    dl/dz', dl/dz'' as inputs, weights them by w3, w4 and multiplies by the
    constant sigma'(z).

    Inputs: float z (this neuron's input, from the forward pass), w_out and
    dl_dz_next as in 7.4. Returns: a float.
    """
    # BEGIN SOLUTION Exercise 7.5
    return sigma_prime(z) * dl_da(w_out, dl_dz_next)
    # END SOLUTION


def dl_dz_output(z, dl_dy):
    """Exercise 7.6: case 1, an output neuron: dl/dz' = dy1/dz' dl/dy1 = sigma'(z') dl/dy1.

    The output y1 = sigma(z'), and dl/dy1 comes straight from the loss.

    Inputs: floats z (z' of an output neuron) and dl_dy (dl/dy1). Returns: a float.
    """
    # BEGIN SOLUTION Exercise 7.6
    return sigma_prime(z) * dl_dy
    # END SOLUTION


def backward(z, W, dl_dy):
    """Exercise 7.7: the backward pass, dl/dz for every neuron, from the output layer back.

    Case 1 (output layer L): dl/dz^L_k = sigma'(z^L_k) dl/dy_k (7.6).
    Case 2 (l = L-1, ..., 1, recursively): unit j of layer l feeds every unit
    k of layer l+1 through W^(l+1)[j][k], so (7.5)
    dl/dz^l_j = sigma'(z^l_j) sum_k W^(l+1)[j][k] dl/dz^(l+1)_k.
    Each layer needs only the layer after it: computing from the output
    backwards, every dl/dz is computed once.

    Inputs: z (list of L lists, from forward), W (as in forward), dl_dy
    (list of floats, one per output).
    Returns: [dl/dz^1, ..., dl/dz^L], lists shaped like z.
    """
    # BEGIN SOLUTION Exercise 7.7
    L = len(z)
    delta = [None] * L
    delta[L - 1] = [dl_dz_output(z_k, d_k) for z_k, d_k in zip(z[L - 1], dl_dy)]
    for l in range(L - 2, -1, -1):
        W_next = W[l + 1]  # weights from layer l's units to layer l+1's units
        delta[l] = [dl_dz(z[l][j], W_next[j], delta[l + 1]) for j in range(len(z[l]))]
    return delta
    # END SOLUTION


def dl_dw(a, dl_dz):
    """Exercise 7.8: the summary, dl/dw = dz/dw * dl/dz = a * dl/dz.

    a is the input on the weight (forward pass), dl/dz belongs to the neuron
    the weight feeds (backward pass).

    Inputs: floats a and dl_dz. Returns: a float.
    """
    # BEGIN SOLUTION Exercise 7.8
    return a * dl_dz
    # END SOLUTION


def gradients(a, delta):
    """Exercise 7.9: dl/dw and dl/db for every parameter of the network.

    dl/dW^l[j][k] = dz^l_k/dW^l[j][k] * dl/dz^l_k = a^(l-1)_j dl/dz^l_k (7.8);
    dl/db^l_k = dz^l_k/db^l_k * dl/dz^l_k = dl/dz^l_k (dz/db = 1).

    Inputs: a = [a^0, ..., a^L] from forward, delta = [dl/dz^1, ..., dl/dz^L]
    from backward.
    Returns: {"W": [dl/dW^1, ..., dl/dW^L], "b": [dl/db^1, ..., dl/db^L]},
    each dl/dW^l shaped like W^l (n_(l-1) rows, n_l columns).
    """
    # BEGIN SOLUTION Exercise 7.9
    dW, db = [], []
    for l in range(len(delta)):
        a_prev, d_l = a[l], delta[l]
        dW.append([[dl_dw(a_j, d_k) for d_k in d_l] for a_j in a_prev])
        db.append(list(d_l))
    return {"W": dW, "b": db}
    # END SOLUTION
