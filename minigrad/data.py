"""Seeded toy datasets in the plane, pure standard library.

Every ``make_xxx(n, noise=..., seed=0, labels="pm1")`` returns ``(X, y)``:
``X`` a list of ``n`` points ``[x0, x1]`` (floats), ``y`` a list of ``n``
int labels. The same arguments always give the same data: all randomness
comes from one ``random.Random(seed)`` (``seed`` is the random seed, an int),
never the global random state.

Label convention (``labels=``):

* ``"pm1"`` (default): ``t in {-1, +1}``, as the perceptron and the hinge
  losses of seed 000 want (loss max(0, -z t));
* ``"01"``: ``y in {0, 1}``, as binary cross-entropy wants; ``y = (t + 1) / 2``.

The positive class is listed for each dataset. Classes are balanced
(``n // 2`` negatives, the rest positives) and the points are shuffled, so the
labels are not sorted. ``noise`` is the standard deviation of Gaussian noise
added to each coordinate.

>>> X, y = make_xor(4, noise=0.0)
>>> sorted(zip(map(tuple, X), y))
[((-1.0, -1.0), 1), ((-1.0, 1.0), -1), ((1.0, -1.0), -1), ((1.0, 1.0), 1)]
"""

import math
import random

from minigrad.base import paired_lists, random_seed, real, whole

__all__ = [
    "make_blobs", "make_xor", "make_moons", "make_circles", "make_spiral",
    "train_test_split", "DATASETS",
]

_LABELS = {"pm1": (-1, 1), "01": (0, 1)}


def _check(n, noise, seed, labels, min_n=2):
    n = whole(n, "n (number of points)", minimum=min_n)
    noise = real(noise, "noise (a standard deviation)")
    if noise < 0:
        raise ValueError("noise (a standard deviation) must be a finite number >= 0, got %r"
                         % (noise,))
    seed = random_seed(seed)
    if labels not in _LABELS:
        raise ValueError("labels must be 'pm1' (-1/+1) or '01' (0/1), got %r" % (labels,))
    return n, noise, random.Random(seed), _LABELS[labels]


def _finish(points, classes, rng, noise, label_pair):
    """Add N(0, noise^2) to each coordinate, map class 0/1 to labels, shuffle."""
    data = []
    for (x0, x1), c in zip(points, classes):
        if noise > 0.0:
            x0 += rng.gauss(0.0, noise)
            x1 += rng.gauss(0.0, noise)
        data.append(([float(x0), float(x1)], label_pair[c]))
    rng.shuffle(data)
    return [p for p, _ in data], [lab for _, lab in data]


def _linspace(k, lo, hi):
    """k evenly spaced numbers from lo to hi (both included; k = 1 gives lo)."""
    if k == 1:
        return [lo]
    return [lo + (hi - lo) * i / (k - 1) for i in range(k)]


def make_blobs(n, noise=0.5, seed=0, labels="pm1", margin=0.2):
    """Two Gaussian blobs, always linearly separable.

    A random unit normal ``u`` (angle uniform in [0, 2 pi)) and a random
    offset ``c`` (uniform in [-1, 1]^2) define the separating line
    ``u^T (x - c) = 0``. Class +1 is centred at ``c + 1.5 u``, class -1 at
    ``c - 1.5 u``. A point that lands on the wrong side, or closer than
    ``margin`` to the line, is drawn again, so the data is separable with
    margin >= ``margin`` by ``w = u, b = -u^T c``. Positive class: the ``+u`` side.
    """
    n, noise, rng, label_pair = _check(n, noise, seed, labels)
    margin = real(margin, "margin")
    if not 0.0 <= margin < 1.5:
        raise ValueError("margin must be a number in [0, 1.5), got %r" % (margin,))
    angle = rng.uniform(0.0, 2.0 * math.pi)
    u = (math.cos(angle), math.sin(angle))
    c = (rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0))
    n_neg = n // 2
    data = []
    for i in range(n):
        cls = 0 if i < n_neg else 1
        s = 1.0 if cls else -1.0
        while True:
            x0 = c[0] + s * 1.5 * u[0] + rng.gauss(0.0, noise)
            x1 = c[1] + s * 1.5 * u[1] + rng.gauss(0.0, noise)
            if s * (u[0] * (x0 - c[0]) + u[1] * (x1 - c[1])) >= max(margin, 1e-9):
                break
        data.append(([x0, x1], label_pair[cls]))
    rng.shuffle(data)
    return [p for p, _ in data], [lab for _, lab in data]


def make_xor(n, noise=0.1, seed=0, labels="pm1"):
    """XOR: points at the corners (+-1, +-1); positive when x0 and x1 have the same sign.

    Point i sits at corner ``i % 4`` plus noise, so ``make_xor(4, noise=0.0)``
    is exactly the four XOR points. Not linearly separable. (Classes are
    balanced when n is a multiple of 4.)
    """
    n, noise, rng, label_pair = _check(n, noise, seed, labels)
    corners = [(1.0, 1.0), (-1.0, -1.0), (1.0, -1.0), (-1.0, 1.0)]
    points = [corners[i % 4] for i in range(n)]
    classes = [1 if p[0] * p[1] > 0 else 0 for p in points]
    return _finish(points, classes, rng, noise, label_pair)


def make_moons(n, noise=0.1, seed=0, labels="pm1"):
    """Two interleaving half circles (as scikit-learn's make_moons).

    Negative: ``(cos a, sin a)``, a evenly spaced in [0, pi]. Positive (the
    lower moon): ``(1 - cos a, 0.5 - sin a)``.
    """
    n, noise, rng, label_pair = _check(n, noise, seed, labels)
    n_neg = n // 2
    points = [(math.cos(a), math.sin(a)) for a in _linspace(n_neg, 0.0, math.pi)]
    points += [(1.0 - math.cos(a), 0.5 - math.sin(a)) for a in _linspace(n - n_neg, 0.0, math.pi)]
    classes = [0] * n_neg + [1] * (n - n_neg)
    return _finish(points, classes, rng, noise, label_pair)


def make_circles(n, noise=0.05, seed=0, labels="pm1", factor=0.5):
    """Two concentric circles: negative on radius 1, positive on radius ``factor``.

    Angles evenly spaced in [0, 2 pi) on each circle.
    """
    n, noise, rng, label_pair = _check(n, noise, seed, labels)
    factor = real(factor, "factor (inner radius / outer radius)")
    if not 0.0 < factor < 1.0:
        raise ValueError("factor (inner radius / outer radius) must be in (0, 1), got %r"
                         % (factor,))
    n_neg = n // 2
    n_pos = n - n_neg
    points = [(math.cos(2 * math.pi * i / n_neg), math.sin(2 * math.pi * i / n_neg))
              for i in range(n_neg)]
    points += [(factor * math.cos(2 * math.pi * i / n_pos), factor * math.sin(2 * math.pi * i / n_pos))
               for i in range(n_pos)]
    classes = [0] * n_neg + [1] * (n - n_neg)
    return _finish(points, classes, rng, noise, label_pair)


def make_spiral(n, noise=0.05, seed=0, labels="pm1", turns=1.5):
    """Two interleaved spiral arms (radius r from 0.1 to 1, angle 2 pi turns r).

    Negative arm: ``r (cos a, sin a)``; positive arm: the same rotated by pi.
    The hardest of the five for a small network.
    """
    n, noise, rng, label_pair = _check(n, noise, seed, labels)
    turns = real(turns, "turns")
    if not turns > 0:
        raise ValueError("turns must be a number > 0, got %r" % (turns,))
    n_neg = n // 2
    points, classes = [], []
    for cls, k in ((0, n_neg), (1, n - n_neg)):
        for r in _linspace(k, 0.1, 1.0):
            a = 2.0 * math.pi * turns * r + cls * math.pi
            points.append((r * math.cos(a), r * math.sin(a)))
            classes.append(cls)
    return _finish(points, classes, rng, noise, label_pair)


DATASETS = {
    "blobs": make_blobs, "xor": make_xor, "moons": make_moons,
    "circles": make_circles, "spiral": make_spiral,
}
"""Name -> generator, for the command line (``python -m minigrad demo --dataset``)."""


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Shuffle with ``random.Random(seed)`` and split: ``X_train, X_test, y_train, y_test``.

    The test set has ``ceil(test_fraction * n)`` examples; both parts must be
    non-empty. Order of the return values as in scikit-learn.

    >>> X_tr, X_te, y_tr, y_te = train_test_split([[0], [1], [2], [3]], [0, 1, 2, 3], 0.25)
    >>> len(X_tr), len(X_te), sorted(y_tr + y_te)
    (3, 1, [0, 1, 2, 3])
    """
    paired_lists(X, y, "examples")
    test_fraction = real(test_fraction, "test_fraction")
    if not 0.0 < test_fraction < 1.0:
        raise ValueError("test_fraction must be a number strictly between 0 and 1, got %r"
                         % (test_fraction,))
    seed = random_seed(seed)
    n = len(X)
    n_test = int(math.ceil(test_fraction * n - 1e-9))
    if n_test < 1 or n_test >= n:
        raise ValueError("test_fraction = %r of n = %d examples leaves %d test and %d train "
                         "examples; both must be >= 1" % (test_fraction, n, n_test, n - n_test))
    order = list(range(n))
    random.Random(seed).shuffle(order)
    test, train = order[:n_test], order[n_test:]
    return ([X[i] for i in train], [X[i] for i in test],
            [y[i] for i in train], [y[i] for i in test])
