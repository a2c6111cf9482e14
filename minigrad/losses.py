"""Loss functions, each on floats (returns a float) and on Values (returns a Value).

Give a :class:`~minigrad.Value` and the loss is built from Value operations,
so ``loss.backward()`` gives its gradient by autodiff. Give floats and you get
a float; the matching ``*_grad`` function gives the derivative in closed form
(used by the hand-written backprop in :mod:`minigrad.backprop`).

=====================  ==========================  ===========================
loss                   L(z, t)                     dL/dz
=====================  ==========================  ===========================
``hinge``              max(0, -z t)   (seed 000)   -t if -z t > 0 else 0
``svm_hinge``          max(0, 1 - t z)             -t if 1 - t z > 0 else 0
``squared_error``      (y - t)^2                   2 (y - t)
``mse``                (1/n) sum_i (y_i - t_i)^2   2 (y_i - t_i) / n
``bce_with_logits``    softplus(z) - t z           sigma(z) - t
``l2_penalty``         lam sum_i p_i^2             2 lam p_i
=====================  ==========================  ===========================

Labels: ``hinge`` and ``svm_hinge`` take t in {+1, -1} (seed 000's
perceptron labels); ``bce_with_logits`` takes t in {0, 1}. Anything else is a
``ValueError``. At a kink (z t = 0 for ``hinge``, t z = 1 for ``svm_hinge``)
the derivative used is 0, as ReLU's.

``bce_with_logits`` is binary cross-entropy -[t log sigma(z) + (1-t) log(1 - sigma(z))]
rewritten as softplus(z) - t z, with softplus(z) = max(z, 0) + log1p(exp(-|z|)),
so it is exact for z = +-1000 where sigma(z) rounds to 0 or 1:

>>> bce_with_logits(1000.0, 1), bce_with_logits(-1000.0, 1)
(0.0, 1000.0)
>>> hinge(-2.0, 1), svm_hinge(0.25, 1), squared_error(3.0, 1.0)
(2.0, 0.75, 4.0)
"""

from minigrad.base import real, sigmoid, softplus
from minigrad.engine import Value

__all__ = ["hinge", "hinge_grad", "svm_hinge", "svm_hinge_grad",
           "squared_error", "squared_error_grad", "mse", "mse_grad",
           "bce_with_logits", "bce_with_logits_grad", "l2_penalty", "l2_penalty_grad",
           "LOSSES"]


# -- checks --------------------------------------------------------------------

def _real(x, what, fn):
    """``x`` as a finite float (``minigrad.base.real``); a score may also be a Value."""
    return real(x, what, fn, "a real number" if what.startswith("label") else
                "a real number or a Value")


def _score(z, fn, what="z"):
    """A Value passes through; a number becomes a finite float."""
    return z if isinstance(z, Value) else _real(z, what, fn)


def _label(t, allowed, fn):
    t = _real(t, "label t", fn)
    if t not in allowed:
        raise ValueError("%s: label t must be %s, got %r"
                         % (fn, " or ".join("%g" % a for a in allowed), t))
    return t


def _target(t, fn):
    return t if isinstance(t, Value) else _real(t, "target t", fn)


def _pairs(ys, ts, fn):
    for name, v in (("ys", ys), ("ts", ts)):
        if not isinstance(v, (list, tuple)):
            raise TypeError("%s: %s must be a list, got %r (%s)" % (fn, name, v, type(v).__name__))
    if len(ys) != len(ts):
        raise ValueError("%s: ys and ts must have the same length, got %d and %d"
                         % (fn, len(ys), len(ts)))
    if not ys:
        raise ValueError("%s: needs at least one (y, t) pair, got empty lists" % fn)


# -- the perceptron's hinge (seed 000) -----------------------------------------

def hinge(z, t):
    """L = max(0, -z t), t in {+1, -1}: seed 000's perceptron loss.

    Zero when the sign of z agrees with t; otherwise grows with |z|.
    Gradient descent on it is the perceptron update (seed 000's proposition).
    """
    z, t = _score(z, "hinge"), _label(t, (1.0, -1.0), "hinge")
    if isinstance(z, Value):
        return (-z * t).relu()
    return max(0.0, -z * t)


def hinge_grad(z, t):
    """dL/dz = 1{-z t > 0} * (-t)   (seed 000's delta_out)."""
    z, t = _real(z, "z", "hinge_grad"), _label(t, (1.0, -1.0), "hinge_grad")
    return -t if -z * t > 0 else 0.0


# -- the SVM max-margin hinge --------------------------------------------------

def svm_hinge(z, t):
    """L = max(0, 1 - t z), t in {+1, -1}: zero only once t z clears the margin 1."""
    z, t = _score(z, "svm_hinge"), _label(t, (1.0, -1.0), "svm_hinge")
    if isinstance(z, Value):
        return (1.0 - z * t).relu()
    return max(0.0, 1.0 - t * z)


def svm_hinge_grad(z, t):
    """dL/dz = 1{1 - t z > 0} * (-t)."""
    z, t = _real(z, "z", "svm_hinge_grad"), _label(t, (1.0, -1.0), "svm_hinge_grad")
    return -t if 1.0 - t * z > 0 else 0.0


# -- squared error and its mean ------------------------------------------------

def squared_error(y, t):
    """L = (y - t)^2 (no factor 1/2)."""
    y, t = _score(y, "squared_error", "y"), _target(t, "squared_error")
    return (y - t) ** 2  # a Value if y or t is one


def squared_error_grad(y, t):
    """dL/dy = 2 (y - t)."""
    return 2.0 * (_real(y, "y", "squared_error_grad") - _real(t, "target t", "squared_error_grad"))


def mse(ys, ts):
    """L = (1/n) sum_i (y_i - t_i)^2 over two lists of the same length n >= 1."""
    _pairs(ys, ts, "mse")
    terms = [squared_error(y, t) for y, t in zip(ys, ts)]
    return sum(terms[1:], terms[0]) * (1.0 / len(terms))


def mse_grad(ys, ts):
    """dL/dy_i = 2 (y_i - t_i) / n."""
    _pairs(ys, ts, "mse_grad")
    n = len(ys)
    return [squared_error_grad(y, t) / n for y, t in zip(ys, ts)]


# -- binary cross-entropy on logits -------------------------------------------

def _probability(t, fn):
    """A target in [0, 1]: a hard label 0 or 1, or a soft label (as torch allows)."""
    t = _real(t, "label t", fn)
    if not 0.0 <= t <= 1.0:
        raise ValueError("%s: label t must be in [0, 1] (a hard label 0 or 1, or a soft "
                         "label), got %r" % (fn, t))
    return t


def bce_with_logits(z, t):
    """L = -[t log sigma(z) + (1 - t) log(1 - sigma(z))] = softplus(z) - t z, t in [0, 1].

    softplus(z) = log(1 + e^z), computed stably (``Value.softplus`` on Values).
    ``t`` is a label 0 or 1 or a soft label in between (as in PyTorch's
    ``BCEWithLogitsLoss``); with t = 0.5 the loss is smallest at z = 0.

    >>> round(bce_with_logits(0.0, 0.5), 6), bce_with_logits_grad(0.0, 0.5)
    (0.693147, 0.0)
    """
    z, t = _score(z, "bce_with_logits"), _probability(t, "bce_with_logits")
    if isinstance(z, Value):
        return z.softplus() - z * t
    return softplus(z) - t * z


def bce_with_logits_grad(z, t):
    """dL/dz = sigma(z) - t."""
    z = _real(z, "z", "bce_with_logits_grad")
    t = _probability(t, "bce_with_logits_grad")
    return sigmoid(z) - t


# -- L2 penalty on parameters --------------------------------------------------

def _penalty_args(params, lam, fn):
    if not isinstance(params, (list, tuple)):
        raise TypeError("%s: params must be a list of Values or floats, got %r (%s)"
                        % (fn, params, type(params).__name__))
    lam = _real(lam, "lam", fn)
    if lam < 0:
        raise ValueError("%s: lam must be >= 0, got %r" % (fn, lam))
    return [_score(p, fn, "params[%d]" % i) for i, p in enumerate(params)], lam


def l2_penalty(params, lam):
    """L = lam * sum_i p_i^2 (no factor 1/2, as micrograd's demo). A Value if any p_i is."""
    params, lam = _penalty_args(params, lam, "l2_penalty")
    squares = [p * p for p in params]
    if any(isinstance(p, Value) for p in params):
        return sum(squares, Value(0.0)) * lam
    return lam * sum(squares)


def l2_penalty_grad(params, lam):
    """dL/dp_i = 2 lam p_i (floats; Values are read through ``.data``)."""
    params, lam = _penalty_args(params, lam, "l2_penalty_grad")
    return [2.0 * lam * (p.data if isinstance(p, Value) else p) for p in params]


# name -> (loss, dloss/dz) for one output unit; minigrad.backprop looks losses up here.
LOSSES = {
    "hinge": (hinge, hinge_grad),
    "svm_hinge": (svm_hinge, svm_hinge_grad),
    "squared_error": (squared_error, squared_error_grad),
    "bce_with_logits": (bce_with_logits, bce_with_logits_grad),
}
