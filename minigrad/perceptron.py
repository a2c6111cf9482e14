"""The perceptron algorithm, and the same algorithm as gradient descent on a hinge loss.

Mirrors the first slides of seed 000 (Sadiku, "What is backpropagation?").

The perceptron computes ``z = w^T x + b`` and predicts ``y = sign(z)``. The
algorithm (seed 000, "The Perceptron Algorithm")::

    w = 0, b = 0
    repeat:
        for j = 1 .. m, in order:
            if x(j) is wrongly classified:
                w <- w + eta * x(j) * t(j)
                b <- b + eta * t(j)
    until an epoch (one pass over the data) makes no mistake

**The convention at z = 0.** sign(0) is not +1 or -1, and it matters: with
``w = 0, b = 0`` every example has ``z = 0``, and if ``z = 0`` counted as right
for either label the algorithm would never make its first update. So here:

* a *mistake* is ``z * t <= 0``: a point on the boundary is wrong for both labels;
* :meth:`Perceptron.predict` returns ``+1 if z > 0 else -1`` (so ``predict``
  says -1 at ``z = 0``; for ``t = -1`` such a point still counts as a mistake
  during training, because it is not on the correct side *strictly*).

**The hinge-loss view** (seed 000, "Optimization View of Perceptron"). The
loss of one example is ``L_j(w, b) = max(0, -z t)``. Where ``-z t > 0`` its
gradient is ``dL/dw = -t x``, ``dL/db = -t``; where ``-z t < 0`` it is 0. At
the kink ``z t = 0`` the loss is not differentiable; any multiple
``s * (-t x, -t)`` with ``0 <= s <= 1`` is a subgradient. The seed's proof
writes ``1_{-z t > 0}`` (take s = 0), which from ``w = 0`` would never move.
:func:`hinge_subgradient` takes ``s = 1`` at the kink, i.e. the indicator
``1_{z t <= 0}``: exactly the mistake rule above. With that choice one
gradient step on ``L_j`` with learning rate eta *is* the perceptron update,
and :func:`fit_hinge_sgd` reproduces :attr:`Perceptron.history` exactly.

>>> p = Perceptron(2)
>>> p.fit([[1.0, 1.0], [-1.0, -1.0]], [1, -1])
[1, 0]
>>> p.w, p.b, p.history
([1.0, 1.0], 1.0, [([1.0, 1.0], 1.0)])
>>> p.predict([2.0, 0.5]), p.predict([-3.0, 0.0])
(1, -1)

Non-separable data (XOR) never has an epoch without a mistake: ``fit`` stops
after ``max_epochs``, sets ``converged = False`` and issues a
:class:`ConvergenceWarning`.
"""

import warnings

from minigrad.base import is_real, real, whole
from minigrad.losses import hinge

__all__ = [
    "Perceptron", "ConvergenceWarning", "HingeFit",
    "hinge_loss", "hinge_subgradient", "fit_hinge_sgd",
]


class ConvergenceWarning(UserWarning):
    """Training stopped at ``max_epochs`` with mistakes left (data not separable?)."""


# -- input checks (shared by the perceptron and the hinge-loss fit) --

def _check_number(v, what):
    return real(v, what)


def _check_x(x, n_features, what="x"):
    """A list of n_features finite floats, or a clear error."""
    if isinstance(x, (str, bytes)) or not hasattr(x, "__len__"):
        raise TypeError("%s must be a sequence of %d numbers, got %r" % (what, n_features, x))
    if len(x) != n_features:
        raise ValueError("%s has %d features, expected n_features = %d: %r"
                         % (what, len(x), n_features, x))
    return [_check_number(v, "%s[%d]" % (what, i)) for i, v in enumerate(x)]


def _check_t(t, what="t"):
    """A label must be exactly +1 or -1 (ints or floats; not bool, not 0)."""
    if not is_real(t):
        raise TypeError("%s = %r (%s) is not a valid label: the perceptron needs labels "
                        "+1 or -1" % (what, t, type(t).__name__))
    if t not in (1, -1):
        raise ValueError("%s = %r is not a valid label: the perceptron needs labels "
                         "+1 or -1 (minigrad.data's make_blobs, make_xor, ... give them with "
                         "labels='pm1'; or map t = 2*y - 1)" % (what, t))
    return 1 if t == 1 else -1


def _check_data(X, T, n_features):
    if isinstance(X, (str, bytes)) or not hasattr(X, "__len__"):
        raise TypeError("X must be a list of examples, got %r" % (X,))
    if isinstance(T, (str, bytes)) or not hasattr(T, "__len__"):
        raise TypeError("T must be a list of labels, got %r" % (T,))
    if len(X) != len(T):
        raise ValueError("X has %d examples but T has %d labels" % (len(X), len(T)))
    if len(X) == 0:
        raise ValueError("X is empty: need at least one example")
    X = [_check_x(x, n_features, "X[%d]" % j) for j, x in enumerate(X)]
    T = [_check_t(t, "T[%d]" % j) for j, t in enumerate(T)]
    return X, T


def _check_max_epochs(max_epochs):
    return whole(max_epochs, "max_epochs")


def _check_lr(lr):
    lr = _check_number(lr, "lr")
    if lr <= 0.0:
        raise ValueError("lr (the learning rate eta) must be > 0, got %r" % lr)
    return lr


def _z(w, b, x):
    """z = w^T x + b"""
    return sum(wi * xi for wi, xi in zip(w, x)) + b


# -- the perceptron algorithm --

class Perceptron:
    """Rosenblatt's perceptron, trained by seed 000's algorithm.

    Attributes after :meth:`fit`:

    * ``w`` (list of floats), ``b`` (float): the parameters;
    * ``history``: ``(w, b)`` after each update, in order (copies);
    * ``update_steps``: for each update, the step index ``epoch * m + j``
      of the example that caused it (``epoch`` and ``j`` from 0);
    * ``mistakes``: number of mistakes (= updates) in each epoch;
    * ``converged``: True if the last epoch made no mistake.
    """

    def __init__(self, n_features, lr=1.0):
        self.n_features = whole(n_features, "n_features")
        self.lr = _check_lr(lr)
        self.w = [0.0] * self.n_features
        self.b = 0.0
        self.history = []
        self.update_steps = []
        self.mistakes = []
        self.converged = False

    def decision_function(self, x):
        """z = w^T x + b"""
        return _z(self.w, self.b, _check_x(x, self.n_features))

    def predict(self, x):
        """y = sign(z), with the convention sign(0) = -1: returns +1 if z > 0 else -1."""
        return 1 if self.decision_function(x) > 0.0 else -1

    def is_mistake(self, x, t):
        """The training rule: a mistake is z * t <= 0 (z = 0 is wrong for both labels)."""
        return self.decision_function(x) * _check_t(t) <= 0.0

    def fit(self, X, T, max_epochs=100):
        """Run the perceptron algorithm from w = 0, b = 0; return mistakes per epoch.

        Goes through the examples in order; on a mistake (``z t <= 0``)::

            w <- w + eta * x * t
            b <- b + eta * t

        Stops after the first epoch with no mistake (``converged = True``) or
        after ``max_epochs`` epochs (``converged = False``, and a
        :class:`ConvergenceWarning`). The returned list ends in 0 exactly when
        it converged.
        """
        X, T = _check_data(X, T, self.n_features)
        max_epochs = _check_max_epochs(max_epochs)
        eta, m = self.lr, len(X)
        w, b = [0.0] * self.n_features, 0.0
        self.history, self.update_steps, self.mistakes = [], [], []
        self.converged = False
        for epoch in range(max_epochs):
            n_mistakes = 0
            for j in range(m):
                x, t = X[j], T[j]
                z = _z(w, b, x)
                if z * t <= 0.0:  # wrongly classified (z = 0 included)
                    w = [wi + eta * xi * t for wi, xi in zip(w, x)]
                    b = b + eta * t
                    n_mistakes += 1
                    self.history.append((list(w), b))
                    self.update_steps.append(epoch * m + j)
            self.mistakes.append(n_mistakes)
            if n_mistakes == 0:
                self.converged = True
                break
        self.w, self.b = w, b
        if not self.converged:
            warnings.warn("Perceptron did not converge: %d mistake(s) in the last of "
                          "max_epochs = %d epochs; the data may not be linearly separable"
                          % (self.mistakes[-1], max_epochs), ConvergenceWarning, stacklevel=2)
        return list(self.mistakes)

    def __repr__(self):
        return "Perceptron(n_features=%d, lr=%r, w=%r, b=%r)" % (
            self.n_features, self.lr, self.w, self.b)


# -- the hinge-loss view --

hinge_loss = hinge
"""Seed 000's perceptron loss of one example, L_j = max(0, -z t): :func:`minigrad.losses.hinge`.

(Zero margin, unlike the SVM hinge max(0, 1 - z t).) Floats give a float,
a Value gives a Value. Its derivative there (``hinge_grad``, and autodiff
through ``relu``) is 0 at the kink; :func:`hinge_subgradient` below is the
perceptron's choice.

>>> hinge_loss(-2.0, 1), hinge_loss(3.0, 1), hinge_loss(0.5, -1)
(2.0, 0.0, 0.5)
"""


def hinge_subgradient(w, b, x, t):
    """A subgradient (dL/dw, dL/db) of L_j(w, b) = max(0, -(w^T x + b) t).

        dL/dw = -t x,  dL/db = -t    if z t <= 0   (kink z t = 0 included)
        dL/dw = 0,     dL/db = 0     if z t > 0

    Away from the kink this is the gradient. At the kink ``z t = 0`` it takes
    the end ``s = 1`` of the subdifferential ``s * (-t x, -t)``, 0 <= s <= 1,
    so that "nonzero subgradient" is exactly the perceptron's mistake rule
    ``z t <= 0`` (the seed's ``1_{-z t > 0}`` takes s = 0 and never leaves
    w = 0, b = 0).

    >>> hinge_subgradient([0.0, 0.0], 0.0, [2.0, 3.0], 1)
    ([-2.0, -3.0], -1.0)
    >>> hinge_subgradient([1.0, 0.0], 0.0, [2.0, 3.0], 1)
    ([0.0, 0.0], 0.0)
    """
    if isinstance(w, (str, bytes)) or not hasattr(w, "__len__"):
        raise TypeError("w must be a sequence of numbers, got %r" % (w,))
    w = _check_x(w, len(w), "w")
    x = _check_x(x, len(w), "x")
    b = _check_number(b, "b")
    t = _check_t(t)
    z = _z(w, b, x)
    if z * t <= 0.0:
        return [-t * xi for xi in x], float(-t)
    return [0.0] * len(w), 0.0


class HingeFit:
    """Result of :func:`fit_hinge_sgd`.

    * ``w``, ``b``: final parameters;
    * ``path``: ``(w, b)`` after *every* step (one step per example visit,
      ``epochs * m`` entries, including steps whose subgradient was 0);
    * ``losses``: for each epoch, sum_j L_j(w, b), each L_j evaluated with
      the (w, b) of the moment just before the step on example j;
    * ``converged``: True if the last epoch had all subgradients 0.
    """

    def __init__(self, w, b, path, losses, converged):
        self.w, self.b, self.path, self.losses, self.converged = w, b, path, losses, converged

    def __repr__(self):
        return "HingeFit(w=%r, b=%r, epochs=%d, converged=%r)" % (
            self.w, self.b, len(self.losses), self.converged)


def fit_hinge_sgd(X, T, lr=1.0, max_epochs=100):
    """Stochastic (sub)gradient descent on L_j(w, b) = max(0, -z t): the perceptron.

    From w = 0, b = 0, one example at a time, in order, learning rate eta::

        (dw, db) = hinge_subgradient(w, b, x(j), t(j))
        w <- w - eta * dw
        b <- b - eta * db

    Stops after an epoch in which every subgradient was 0 (no example has
    ``z t <= 0``), or after ``max_epochs`` (with a :class:`ConvergenceWarning`).
    By seed 000's proposition, the parameters that change are exactly
    :attr:`Perceptron.history`, at the steps :attr:`Perceptron.update_steps`.
    """
    if isinstance(X, (str, bytes)) or not hasattr(X, "__len__") or len(X) == 0:
        raise ValueError("X must be a non-empty list of examples, got %r" % (X,))
    first = X[0]
    if isinstance(first, (str, bytes)) or not hasattr(first, "__len__") or len(first) == 0:
        raise TypeError("X[0] must be a non-empty sequence of numbers, got %r" % (first,))
    n = len(first)
    X, T = _check_data(X, T, n)
    eta = _check_lr(lr)
    max_epochs = _check_max_epochs(max_epochs)
    w, b = [0.0] * n, 0.0
    path, losses, converged = [], [], False
    for _ in range(max_epochs):
        epoch_loss, moved = 0.0, False
        for x, t in zip(X, T):
            epoch_loss += max(0.0, -_z(w, b, x) * t)
            dw, db = hinge_subgradient(w, b, x, t)
            if db != 0.0:  # db = -t on the active side (z t <= 0), 0 otherwise
                moved = True
            w = [wi - eta * gi for wi, gi in zip(w, dw)]
            b = b - eta * db
            path.append((list(w), b))
        losses.append(epoch_loss)
        if not moved:
            converged = True
            break
    if not converged:
        warnings.warn("fit_hinge_sgd did not converge in max_epochs = %d epochs; the data "
                      "may not be linearly separable" % max_epochs,
                      ConvergenceWarning, stacklevel=2)
    return HingeFit(w, b, path, losses, converged)
