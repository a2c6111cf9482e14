"""Neurons, layers and multilayer perceptrons built from :class:`minigrad.Value`.

micrograd-compatible: ``MLP(nin, nouts)`` builds ReLU hidden layers and a
linear last layer, weights drawn uniformly from [-1, 1], biases 0, and has
``parameters()``, ``zero_grad()`` and ``__call__``. On top of that:

* ``activation=`` for the hidden layers and ``out_activation=`` for the last
  one: ``"tanh"``, ``"relu"``, ``"sigmoid"`` or ``"linear"``
  (defaults ``"relu"`` and ``"linear"``, as micrograd).
* ``init=``: ``"uniform"`` (micrograd: w ~ U(-1, 1)) or ``"xavier"``
  (Glorot uniform, w ~ U(-r, r) with r = sqrt(6 / (fan_in + fan_out)); the
  lecture seed 000 recommends it against vanishing gradients). Biases start at 0.
* ``seed=`` (the random seed, an int; default ``0``): weights come from
  ``random.Random(seed)``, never the global ``random`` state, so the same call
  builds the same network.

One neuron computes, as in seed 000's perceptron and seed 002's layers::

    z = b + sum_j w_j x_j        a = g(z)

Parameter order (``parameters()``, ``parameter_values()``): layer by layer,
neuron by neuron, for each neuron its weights w_1..w_nin then its bias b.
Random numbers are drawn in the same order (weights only).

Plain-float views, shared with :mod:`minigrad.backprop`: ``mlp.weights()``
is a list ``Ws`` with one matrix per layer, ``Ws[l][j][k]`` = the weight from
unit j of layer l to unit k of layer l+1 (seed 000's w_jk in W^(l,l+1):
row = input unit, column = output unit); ``mlp.biases()`` is ``bs`` with
``bs[l][k]`` the bias of unit k of layer l+1. ``set_weights(Ws, bs)`` writes
them back.

>>> net = MLP(2, [3, 1], activation="tanh", seed=1)
>>> y = net([0.5, -1.0])          # one output -> one Value
>>> [len(W) for W in net.weights()], [len(W[0]) for W in net.weights()]
([2, 3], [3, 1])
>>> len(net.parameters())         # (2*3 + 3) + (3*1 + 1)
13
"""

import math
import random

from minigrad.base import is_real, random_seed, real, whole
from minigrad.engine import Value

__all__ = ["Module", "Neuron", "Layer", "MLP", "ACTIVATIONS", "INITS", "DEFAULT_SEED"]

ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
INITS = ("uniform", "xavier")
DEFAULT_SEED = 0

_NEURON_NAMES = {"tanh": "Tanh", "relu": "ReLU", "sigmoid": "Sigmoid", "linear": "Linear"}


# -- small validators ---------------------------------------------------------

def _check_size(n, what):
    return whole(n, what)


def _check_choice(name, choices, what):
    if name not in choices:
        raise ValueError("%s must be one of %s, got %r" % (what, ", ".join(map(repr, choices)), name))
    return name


def _check_real(x, what):
    """A finite float (``minigrad.base.real``)."""
    return real(x, what)


def _check_inputs(x, nin, who):
    """x must be a list/tuple of nin numbers or Values."""
    if not isinstance(x, (list, tuple)):
        raise TypeError("%s expects a list of %d inputs (floats or Values), got %r (%s)%s"
                        % (who, nin, x, type(x).__name__,
                           "; wrap a single number in a list: [x]" if nin == 1 else ""))
    if len(x) != nin:
        raise ValueError("%s expects %d inputs, got %d" % (who, nin, len(x)))
    for i, xi in enumerate(x):
        if not isinstance(xi, Value) and not is_real(xi):
            raise TypeError("%s input x[%d] must be a float or a Value, got %r (%s)"
                            % (who, i, xi, type(xi).__name__))
    return x


def _make_rng(seed, rng):
    if rng is not None:
        if not isinstance(rng, random.Random):
            raise TypeError("rng must be a random.Random, got %r" % (rng,))
        return rng
    return random.Random(random_seed(seed))


def _draw_weights(rng, init, fan_in, fan_out):
    """fan_in weights: U(-1, 1) ("uniform") or U(-r, r), r = sqrt(6/(fan_in+fan_out)) ("xavier")."""
    r = 1.0 if init == "uniform" else math.sqrt(6.0 / (fan_in + fan_out))
    return [rng.uniform(-r, r) for _ in range(fan_in)]


# -- the modules --------------------------------------------------------------

class Module:
    """Anything with parameters: ``parameters()``, ``zero_grad()`` and flat float views."""

    def parameters(self):
        return []

    def zero_grad(self):
        """Set every parameter's ``.grad`` to 0.0 (gradients accumulate otherwise)."""
        for p in self.parameters():
            p.grad = 0.0

    def num_parameters(self):
        return len(self.parameters())

    def parameter_values(self):
        """The parameters' ``.data`` as a flat list of floats, in ``parameters()`` order."""
        return [p.data for p in self.parameters()]

    def set_parameter_values(self, values):
        """Write a flat list of floats (``parameters()`` order) into the parameters."""
        params = self.parameters()
        if not isinstance(values, (list, tuple)):
            raise TypeError("set_parameter_values needs a list of %d floats, got %r"
                            % (len(params), type(values).__name__))
        if len(values) != len(params):
            raise ValueError("set_parameter_values needs %d values (one per parameter), got %d"
                             % (len(params), len(values)))
        new = [_check_real(v, "parameter value [%d]" % i) for i, v in enumerate(values)]
        for p, v in zip(params, new):
            p.data = v


class Neuron(Module):
    """One unit: ``z = b + sum_j w_j x_j``, ``a = g(z)``.

    ``Neuron(nin)`` is micrograd's ReLU neuron; ``nonlin=False`` makes it
    linear (micrograd's keyword). ``activation`` picks g when ``nonlin`` is
    true. ``fan_out`` is only used by ``init="xavier"`` (a Layer passes its
    width). Weights come from ``rng`` if given, else ``random.Random(seed)``.
    """

    def __init__(self, nin, nonlin=True, activation="relu", init="uniform",
                 seed=DEFAULT_SEED, rng=None, fan_out=1):
        _check_size(nin, "Neuron nin")
        _check_choice(activation, ACTIVATIONS, "activation")
        _check_choice(init, INITS, "init")
        _check_size(fan_out, "fan_out")
        rng = _make_rng(seed, rng)
        self.activation = activation if nonlin else "linear"
        self.nonlin = self.activation != "linear"
        self.w = [Value(wj) for wj in _draw_weights(rng, init, nin, fan_out)]
        self.b = Value(0.0)

    @property
    def nin(self):
        return len(self.w)

    def __call__(self, x):
        _check_inputs(x, len(self.w), "Neuron")
        return self._forward(x)

    def _forward(self, x):
        z = sum((wj * xj for wj, xj in zip(self.w, x)), self.b)
        g = self.activation
        if g == "relu":
            return z.relu()
        if g == "tanh":
            return z.tanh()
        if g == "sigmoid":
            return z.sigmoid()
        return z

    def parameters(self):
        return self.w + [self.b]

    def weights(self):
        """[w_1, ..., w_nin] as floats."""
        return [wj.data for wj in self.w]

    def biases(self):
        """The bias b as a float."""
        return self.b.data

    def set_weights(self, w, b):
        """Set the weights from a list of nin floats and the bias from a float."""
        if not isinstance(w, (list, tuple)):
            raise TypeError("Neuron.set_weights needs a list of %d weights, got %r"
                            % (self.nin, type(w).__name__))
        if len(w) != self.nin:
            raise ValueError("Neuron.set_weights needs %d weights, got %d" % (self.nin, len(w)))
        new_w = [_check_real(v, "weight w[%d]" % j) for j, v in enumerate(w)]
        new_b = _check_real(b, "bias b")
        for wj, v in zip(self.w, new_w):
            wj.data = v
        self.b.data = new_b

    def __repr__(self):
        return "%sNeuron(%d)" % (_NEURON_NAMES[self.activation], self.nin)


class Layer(Module):
    """``nout`` neurons reading the same ``nin`` inputs. Calling it always returns a list."""

    def __init__(self, nin, nout, nonlin=True, activation="relu", init="uniform",
                 seed=DEFAULT_SEED, rng=None):
        _check_size(nin, "Layer nin")
        _check_size(nout, "Layer nout")
        rng = _make_rng(seed, rng)
        self.neurons = [Neuron(nin, nonlin=nonlin, activation=activation, init=init,
                               rng=rng, fan_out=nout) for _ in range(nout)]

    @property
    def nin(self):
        return self.neurons[0].nin

    @property
    def nout(self):
        return len(self.neurons)

    @property
    def activation(self):
        return self.neurons[0].activation

    def __call__(self, x):
        _check_inputs(x, self.nin, "Layer")
        return self._forward(x)

    def _forward(self, x):
        return [n._forward(x) for n in self.neurons]

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

    def weights(self):
        """W as a nin x nout list of lists: W[j][k] = weight from input j to neuron k."""
        return [[n.w[j].data for n in self.neurons] for j in range(self.nin)]

    def biases(self):
        """[b_1, ..., b_nout] as floats."""
        return [n.b.data for n in self.neurons]

    def set_weights(self, W, b):
        """Set W (nin x nout, W[j][k] from input j to neuron k) and b (nout floats)."""
        self.set_parameter_values(_layer_flat(W, b, self.nin, self.nout, "W", "b"))

    def __repr__(self):
        return "Layer(%d, %d, activation=%r)" % (self.nin, self.nout, self.activation)


def _layer_flat(W, b, nin, nout, wname, bname):
    """W (nin x nout) and b (nout) -> checked floats in parameters() order."""
    _check_matrix(W, nin, nout, wname)
    if not isinstance(b, (list, tuple)) or len(b) != nout:
        raise ValueError("%s must be a list of %d biases (one per unit), got %r" % (bname, nout, b))
    flat = []
    for k in range(nout):
        flat += [_check_real(W[j][k], "%s[%d][%d]" % (wname, j, k)) for j in range(nin)]
        flat.append(_check_real(b[k], "%s[%d]" % (bname, k)))
    return flat


def _check_matrix(W, rows, cols, what):
    if not isinstance(W, (list, tuple)) or len(W) != rows:
        raise ValueError("%s must be a list of %d rows (one per input unit), got %s"
                         % (what, rows, ("%d rows" % len(W)) if isinstance(W, (list, tuple))
                            else type(W).__name__))
    for j, row in enumerate(W):
        if not isinstance(row, (list, tuple)) or len(row) != cols:
            raise ValueError("%s[%d] must be a list of %d weights (one per output unit), got %r"
                             % (what, j, cols, row))


class MLP(Module):
    """A multilayer perceptron: ``MLP(nin, nouts)`` with layer widths ``nouts``.

    Hidden layers use ``activation``; the last layer uses ``out_activation``
    (``"linear"`` unless asked). Calling it on a list of ``nin`` floats or
    Values returns one Value if the last layer has one unit, else a list.

    >>> MLP(3, [4, 4, 1])
    MLP(3, [4, 4, 1], activation='relu', out_activation='linear', init='uniform', seed=0)
    """

    def __init__(self, nin, nouts, activation="relu", out_activation="linear",
                 init="uniform", seed=DEFAULT_SEED):
        _check_size(nin, "MLP nin")
        if not isinstance(nouts, (list, tuple)) or len(nouts) == 0:
            raise ValueError("MLP nouts must be a non-empty list of layer widths, got %r" % (nouts,))
        for i, n in enumerate(nouts):
            _check_size(n, "MLP nouts[%d]" % i)
        _check_choice(activation, ACTIVATIONS, "activation")
        _check_choice(out_activation, ACTIVATIONS, "out_activation")
        _check_choice(init, INITS, "init")
        rng = _make_rng(seed, None)
        self.nin, self.nouts = nin, list(nouts)
        self.activation, self.out_activation = activation, out_activation
        self.init, self.seed = init, seed
        sizes = [nin] + self.nouts
        last = len(self.nouts) - 1
        self.layers = [Layer(sizes[l], sizes[l + 1],
                             activation=out_activation if l == last else activation,
                             init=init, rng=rng)
                       for l in range(len(self.nouts))]

    def __call__(self, x):
        _check_inputs(x, self.nin, "MLP")
        for layer in self.layers:
            x = layer._forward(x)
        return x[0] if len(x) == 1 else x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def weights(self):
        """Ws: one nin x nout matrix per layer, Ws[l][j][k] from unit j (layer l) to unit k (layer l+1)."""
        return [layer.weights() for layer in self.layers]

    def biases(self):
        """bs: one list per layer, bs[l][k] = bias of unit k of layer l+1."""
        return [layer.biases() for layer in self.layers]

    def set_weights(self, Ws, bs):
        """Write ``Ws`` and ``bs`` (the layout of ``weights()``/``biases()``) into the network."""
        n = len(self.layers)
        if not isinstance(Ws, (list, tuple)) or len(Ws) != n:
            raise ValueError("MLP.set_weights needs %d weight matrices (one per layer), got %r"
                             % (n, len(Ws) if isinstance(Ws, (list, tuple)) else Ws))
        if not isinstance(bs, (list, tuple)) or len(bs) != n:
            raise ValueError("MLP.set_weights needs %d bias lists (one per layer), got %r"
                             % (n, len(bs) if isinstance(bs, (list, tuple)) else bs))
        flat = []  # everything is checked before anything is written
        for l, layer in enumerate(self.layers):
            flat += _layer_flat(Ws[l], bs[l], layer.nin, layer.nout, "Ws[%d]" % l, "bs[%d]" % l)
        self.set_parameter_values(flat)

    def __repr__(self):
        return ("MLP(%d, %r, activation=%r, out_activation=%r, init=%r, seed=%r)"
                % (self.nin, self.nouts, self.activation, self.out_activation, self.init, self.seed))
