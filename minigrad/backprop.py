"""Backpropagation for an MLP written out by hand, on plain lists (no autodiff).

This is seed 000's "Formalization for a Standard Neural Network" in code.

Layout convention (the one place it is stated; :mod:`minigrad.nn` uses it too)
------------------------------------------------------------------------------
Layers are numbered l = 0 (the input x) .. L (the output). ``Ws[l-1]`` is
seed 000's matrix W^(l-1,l) between layer l-1 and layer l, stored as a list
of rows with

    Ws[l-1][j][k] = w_jk = the weight from unit j of layer l-1 (row, input)
                           to unit k of layer l (column, output),

so W^(l-1,l) has shape n_(l-1) x n_l. ``bs[l-1][k]`` is the bias of unit k of
layer l. ``MLP.weights()`` and ``MLP.biases()`` return exactly this.

Forward pass (seed 002's h_l = phi(W_l^T h_(l-1) + b_l)), caching every z and a::

    a^(0) = x
    z^(l) = W^(l-1,l)^T a^(l-1) + b^(l)       a^(l) = g(z^(l))      l = 1..L

with g = ``activation`` on hidden layers and ``out_activation`` on layer L.

Backward pass, with delta^(l) = dL/da^(l) (seed 000's delta_j = dL/da_j)::

    delta^(L)          = dL/da^(L)                          (from the loss)
    dL/dz^(l)          = g'(z^(l)) * delta^(l)              (elementwise)
    dL/dW^(l-1,l)      = a^(l-1) (g'(z^(l)) * delta^(l))^T  (an outer product)
    dL/db^(l)          = g'(z^(l)) * delta^(l)
    delta^(l-1)        = W^(l-1,l) (g'(z^(l)) * delta^(l))  (a matrix-vector product)

for l = L down to 1. delta^(0) is dL/dx. Each step reuses the z and a cached
by the forward pass, so the backward pass costs about as much as the
forward one (seed 000: "linear with the size of the network").

>>> Ws = [[[0.5, -1.0]], [[2.0], [1.0]]]     # 1 input -> 2 tanh units -> 1 output
>>> bs = [[0.0, 0.0], [0.0]]
>>> L, dWs, dbs = loss_and_gradients(Ws, bs, [1.0], 1.0, loss="squared_error",
...                                  activation="tanh")
>>> round(L, 6)                       # a^(1) = tanh([0.5, -1]), z^(2) = 2 a_1 + a_2 = 0.16264
0.701172
>>> [round(row[0], 6) for row in dWs[1]]  # a^(1) * 2 (z^(2) - 1)
[-0.773917, 1.275457]
"""

import math

from minigrad import losses as _losses
from minigrad.base import real, sigmoid, sigmoid_prime  # sigma and sigma' live in the base

__all__ = ["matvec", "transpose", "outer", "hadamard", "vadd",
           "tanh", "tanh_prime", "relu", "relu_prime", "sigmoid", "sigmoid_prime",
           "linear", "linear_prime", "ACTIVATIONS", "ForwardCache",
           "forward", "backward", "loss_and_gradients", "flatten", "unflatten"]


# -- list helpers ------------------------------------------------------------------

def _shape(A):
    return "%dx%d" % (len(A), len(A[0]) if A else 0)


def matvec(A, v):
    """A v for A with m rows of n entries and v of length n -> length m: (A v)_i = sum_j A_ij v_j."""
    if A and len(A[0]) != len(v):
        raise ValueError("matvec: A is %s but v has length %d" % (_shape(A), len(v)))
    return [sum(A_ij * v_j for A_ij, v_j in zip(row, v)) for row in A]


def transpose(A):
    """A^T: (A^T)_ji = A_ij."""
    return [list(col) for col in zip(*A)]


def outer(u, v):
    """u v^T: (u v^T)_ij = u_i v_j, a len(u) x len(v) matrix."""
    return [[u_i * v_j for v_j in v] for u_i in u]


def hadamard(u, v):
    """Elementwise product u * v."""
    if len(u) != len(v):
        raise ValueError("hadamard: lengths differ, %d and %d" % (len(u), len(v)))
    return [u_i * v_i for u_i, v_i in zip(u, v)]


def vadd(u, v):
    """Elementwise sum u + v."""
    if len(u) != len(v):
        raise ValueError("vadd: lengths differ, %d and %d" % (len(u), len(v)))
    return [u_i + v_i for u_i, v_i in zip(u, v)]


# -- activations g and their derivatives g' ----------------------------------------

def tanh(z):
    return math.tanh(z)


def tanh_prime(z):
    """tanh'(z) = 1 - tanh(z)^2."""
    a = math.tanh(z)
    return 1.0 - a * a


def relu(z):
    return z if z > 0 else 0.0


def relu_prime(z):
    """relu'(z) = 1 if z > 0 else 0 (0 at the kink, as Value.relu)."""
    return 1.0 if z > 0 else 0.0


def linear(z):
    return z


def linear_prime(z):
    return 1.0


ACTIVATIONS = {
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "sigmoid": (sigmoid, sigmoid_prime),
    "linear": (linear, linear_prime),
}


def _activation(name, what):
    if name not in ACTIVATIONS:
        raise ValueError("%s must be one of %s, got %r"
                         % (what, ", ".join(map(repr, ACTIVATIONS)), name))
    return name


# -- forward and backward ------------------------------------------------------------

class ForwardCache:
    """What the forward pass keeps for the backward pass.

    ``a[l]`` = a^(l) for l = 0..L (``a[0]`` is x), ``z[l]`` = z^(l) for
    l = 1..L (``z[0]`` is None: the input has no pre-activation), and
    ``g[l]`` the activation name of layer l (``g[0]`` is None).
    """

    def __init__(self, a, z, g):
        self.a, self.z, self.g = a, z, g

    @property
    def output(self):
        """a^(L), the network's output (a list)."""
        return self.a[-1]

    def __repr__(self):
        return "ForwardCache(sizes=%r, g=%r)" % ([len(a) for a in self.a], self.g[1:])


def _real_list(v, what):
    if not isinstance(v, (list, tuple)):
        raise TypeError("%s must be a list of floats, got %r (%s)" % (what, v, type(v).__name__))
    return [real(vi, "%s[%d]" % (what, i)) for i, vi in enumerate(v)]


def _check_network(Ws, bs, nin):
    if not isinstance(Ws, (list, tuple)) or not isinstance(bs, (list, tuple)):
        raise TypeError("Ws and bs must be lists (one entry per layer)")
    if len(Ws) == 0 or len(Ws) != len(bs):
        raise ValueError("need one weight matrix and one bias list per layer, got %d and %d"
                         % (len(Ws), len(bs)))
    n_prev = nin
    for l, (W, b) in enumerate(zip(Ws, bs), start=1):
        if not isinstance(W, (list, tuple)) or len(W) != n_prev:
            raise ValueError("Ws[%d] = W^(%d,%d) must have %d rows (one per unit of layer %d), got %s"
                             % (l - 1, l - 1, l, n_prev, l - 1,
                                len(W) if isinstance(W, (list, tuple)) else type(W).__name__))
        n_l = len(W[0]) if isinstance(W[0], (list, tuple)) else -1
        if n_l < 1 or any(not isinstance(row, (list, tuple)) or len(row) != n_l for row in W):
            raise ValueError("Ws[%d] must be a matrix: every row a list of the same length >= 1"
                             % (l - 1))
        if not isinstance(b, (list, tuple)) or len(b) != n_l:
            raise ValueError("bs[%d] must have %d biases (W^(%d,%d) has %d columns), got %r"
                             % (l - 1, n_l, l - 1, l, n_l, b))
        n_prev = n_l


def forward(Ws, bs, x, activation="relu", out_activation="linear"):
    """Run the network on x, caching every z^(l) and a^(l). Returns a :class:`ForwardCache`.

    Defaults match ``MLP``'s: ReLU hidden layers, a linear output layer.
    """
    x = _real_list(x, "x")
    _activation(activation, "activation")
    _activation(out_activation, "out_activation")
    _check_network(Ws, bs, len(x))
    L = len(Ws)
    a, z, names = [x], [None], [None]
    for l in range(1, L + 1):
        W, b = Ws[l - 1], bs[l - 1]                      # W^(l-1,l), b^(l)
        name = out_activation if l == L else activation
        g = ACTIVATIONS[name][0]
        z_l = vadd(matvec(transpose(W), a[l - 1]), b)    # z^(l) = W^T a^(l-1) + b^(l)
        z.append(z_l)
        a.append([g(z_k) for z_k in z_l])                # a^(l) = g(z^(l))
        names.append(name)
    return ForwardCache(a, z, names)


def backward(cache, Ws, dL_da_out):
    """Backpropagate dL/da^(L) through the cached network.

    Returns ``(dWs, dbs, deltas)``: ``dWs[l-1][j][k]`` = dL/dw_jk of W^(l-1,l),
    ``dbs[l-1][k]`` = dL/db_k of layer l, ``deltas[l]`` = delta^(l) = dL/da^(l)
    for l = 0..L (``deltas[0]`` is dL/dx). ``dL_da_out`` is a list with one
    entry per output unit (a number is accepted for a single output).
    """
    if not isinstance(cache, ForwardCache):
        raise TypeError("backward needs the ForwardCache returned by forward(), got %r" % (cache,))
    L = len(cache.a) - 1
    if not isinstance(Ws, (list, tuple)) or len(Ws) != L:
        raise ValueError("backward: the cache has %d layers but Ws has %s"
                         % (L, len(Ws) if isinstance(Ws, (list, tuple)) else type(Ws).__name__))
    if not isinstance(dL_da_out, (list, tuple)):
        dL_da_out = [dL_da_out]
    dL_da_out = _real_list(dL_da_out, "dL_da_out")
    if len(dL_da_out) != len(cache.a[L]):
        raise ValueError("backward: dL_da_out has %d entries, the output layer has %d units"
                         % (len(dL_da_out), len(cache.a[L])))
    delta = [None] * (L + 1)
    dWs, dbs = [None] * L, [None] * L
    delta[L] = dL_da_out
    for l in range(L, 0, -1):
        g_prime = ACTIVATIONS[cache.g[l]][1]
        dL_dz = hadamard([g_prime(z_k) for z_k in cache.z[l]], delta[l])  # g'(z^(l)) * delta^(l)
        dWs[l - 1] = outer(cache.a[l - 1], dL_dz)        # a^(l-1) (g' * delta)^T
        dbs[l - 1] = dL_dz                               # dz/db = 1
        delta[l - 1] = matvec(Ws[l - 1], dL_dz)          # W^(l-1,l) (g' * delta)
    return dWs, dbs, delta


def loss_and_gradients(Ws, bs, x, t, loss="squared_error", activation="relu",
                       out_activation="linear"):
    """Forward, loss and backward in one call: returns ``(L, dWs, dbs)``.

    The loss is applied to each output unit and summed: L = sum_k loss(a_k, t_k),
    so delta^(L)_k = loss'(a_k, t_k). ``loss`` is a name from
    ``minigrad.losses.LOSSES`` ("hinge", "svm_hinge", "squared_error",
    "bce_with_logits") or a pair ``(loss, dloss_da)`` of float functions.
    ``t`` is a number for a single output, else a list with one target per unit.
    """
    if isinstance(loss, str):
        if loss not in _losses.LOSSES:
            raise ValueError("loss must be one of %s, got %r"
                             % (", ".join(map(repr, _losses.LOSSES)), loss))
        f, df = _losses.LOSSES[loss]
    elif isinstance(loss, tuple) and len(loss) == 2 and all(map(callable, loss)):
        f, df = loss
    else:
        raise TypeError("loss must be a name or a pair (loss, dloss_da) of functions, got %r"
                        % (loss,))
    cache = forward(Ws, bs, x, activation, out_activation)
    out = cache.output
    ts = list(t) if isinstance(t, (list, tuple)) else [t]
    if len(ts) != len(out):
        raise ValueError("t has %d targets, the output layer has %d units" % (len(ts), len(out)))
    L = sum(f(a_k, t_k) for a_k, t_k in zip(out, ts))
    dWs, dbs, _ = backward(cache, Ws, [df(a_k, t_k) for a_k, t_k in zip(out, ts)])
    return L, dWs, dbs


# -- the parameters as one flat list (for minigrad.numeric.numerical_gradient) ------------

def flatten(Ws, bs):
    """Every weight and bias in one list: W^1 row by row, then b^1, then W^2, b^2, ...

    >>> flatten([[[1.0, 2.0], [3.0, 4.0]]], [[5.0, 6.0]])
    [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    """
    return [v for W, b in zip(Ws, bs) for v in [w for row in W for w in row] + b]


def unflatten(theta, sizes):
    """``Ws, bs`` back from :func:`flatten`'s list, with ``sizes`` the shapes
    ``(rows, columns)`` of the weight matrices.

    >>> unflatten([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [(2, 2)])
    ([[[1.0, 2.0], [3.0, 4.0]]], [[5.0, 6.0]])
    """
    Ws, bs, i = [], [], 0
    for rows, cols in sizes:
        Ws.append([theta[i + r * cols: i + (r + 1) * cols] for r in range(rows)])
        i += rows * cols
        bs.append(theta[i: i + cols])
        i += cols
    return Ws, bs
