"""Training a classifier: the loop of seed 000's "Training Neural Networks".

``train_classifier(X, T)`` trains ``MLP(2, hidden + [1])`` on labels t in
{-1, +1} with mini-batch SGD (momentum), either through a compiled
``minigrad.Tape`` of one mini-batch (``batch_tape``) or by building the graph
and calling ``loss.backward()`` at every step; both give the same numbers.
``score``, ``scorer`` and ``accuracy`` read a trained network. The command
line (``python -m minigrad demo``) and the grading checks of exercise 11 use
these functions; they need nothing from the command-line module.

>>> from minigrad.data import make_blobs
>>> X, T = make_blobs(40, seed=1)
>>> net, losses = train_classifier(X, T, hidden=(4,), epochs=5, seed=1)
>>> len(losses), losses[-1] < losses[0], accuracy(net, X, T) > 0.9
(5, True, True)
"""

import random

from minigrad.engine import Value
from minigrad.losses import bce_with_logits, svm_hinge
from minigrad.nn import MLP
from minigrad.optim import SGD
from minigrad.tape import Tape

__all__ = ["train_classifier", "accuracy", "score", "scorer", "batch_tape",
           "LOSSES", "TAPE_LOSSES"]

LOSSES = {
    # name: (loss(z, t) on a Value, label map from t in {-1, +1})
    "svm_hinge": (svm_hinge, lambda t: t),              # max(0, 1 - t z)
    "bce": (bce_with_logits, lambda t: (t + 1) // 2),   # softplus(z) - y z, y = (t + 1) / 2
}

# The same losses with the label a Value (a leaf the tape reads at every step).
# They build the very graph the functions above build for a float label (the
# engine turns a float t into a constant leaf), so the numbers are identical.
TAPE_LOSSES = {
    "svm_hinge": lambda z, t: (1.0 - z * t).relu(),     # = svm_hinge(z, t)
    "bce": lambda z, y: z.softplus() - z * y,           # = bce_with_logits(z, y)
}


def batch_tape(net, loss, size):
    """A tape of the mean loss of one mini-batch of ``size`` examples; ``(tape, xs, ts)``.

    The examples' inputs ``xs[i]`` (a list of Values) and labels ``ts[i]``
    are leaves: write an example into them (``.data``) and run ``tape()``;
    it sets the gradient of every parameter of ``net``.
    """
    xs = [[Value(0.0) for _ in range(net.nin)] for _ in range(size)]
    ts = [Value(1.0) for _ in range(size)]
    terms = [TAPE_LOSSES[loss](net(x), t) for x, t in zip(xs, ts)]
    L = sum(terms[1:], terms[0]) * (1.0 / size)
    return Tape(L, wrt=net.parameters()), xs, ts


def train_classifier(X, T, hidden=(8, 8), activation="tanh", init="xavier", epochs=40,
                     lr=0.1, momentum=0.9, batch_size=10, loss="svm_hinge", seed=0,
                     on_epoch=None, tape=True):
    """Train ``MLP(2, hidden + [1])`` on labels t in {-1, +1}; return ``(net, epoch_losses)``.

    ``seed`` is a random seed (an int, not a lecture): it draws the weights
    (``MLP(..., seed=seed)``) and shuffles the examples. Each epoch shuffles
    them with the same ``random.Random(seed)`` and, per
    mini-batch B, takes one step on the mean loss (1/|B|) sum_j L(z_j, t_j),
    where z_j = net(x_j) is the score: predicted class +1 if z > 0 else -1.
    ``epoch_losses[e]`` is the mean of the batch losses of epoch e (each
    computed before its step). ``on_epoch(e, epochs, loss)`` is called after
    every epoch (the progress bar).

    ``tape=True`` runs each step through a compiled :class:`minigrad.Tape`
    per batch size (see ``batch_tape``); ``tape=False`` builds the graph and
    calls ``loss.backward()`` at every step. Both give the same numbers, bit
    for bit.
    """
    if loss not in LOSSES:
        raise ValueError("loss must be one of %s, got %r" % (", ".join(LOSSES), loss))
    if len(X) != len(T) or not X:
        raise ValueError("need as many labels as examples (and at least one), got %d and %d"
                         % (len(X), len(T)))
    for j, t in enumerate(T):
        if t not in (1, -1):
            raise ValueError("T[%d] = %r: train_classifier needs labels +1 / -1" % (j, t))
    loss_fn, label = LOSSES[loss]
    net = MLP(len(X[0]), list(hidden) + [1], activation=activation, init=init, seed=seed)
    opt = SGD(net.parameters(), lr=lr, momentum=momentum)
    rng = random.Random(seed)
    order = list(range(len(X)))
    history = []
    tapes = {}  # batch size -> (tape, input leaves, label leaves)
    for epoch in range(epochs):
        rng.shuffle(order)
        batch_losses = []
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            if tape:
                if len(batch) not in tapes:
                    tapes[len(batch)] = batch_tape(net, loss, len(batch))
                run, xs, ts = tapes[len(batch)]
                for j, x, t in zip(batch, xs, ts):
                    for leaf, xi in zip(x, X[j]):
                        leaf.data = float(xi)
                    t.data = float(label(T[j]))
                batch_losses.append(run())  # sets every parameter's grad
            else:
                terms = [loss_fn(net(X[j]), label(T[j])) for j in batch]
                L = sum(terms[1:], terms[0]) * (1.0 / len(terms))
                opt.zero_grad()
                L.backward()
                batch_losses.append(L.data)
            opt.step()
        history.append(sum(batch_losses) / len(batch_losses))
        if on_epoch is not None:
            on_epoch(epoch + 1, epochs, history[-1])
    return net, history


def score(net, x):
    """The network's score z = net(x) as a float (class +1 iff z > 0)."""
    return net(list(x)).data


def scorer(net):
    """``score(net, x)`` as a function of x, through a forward-only tape (``wrt=[]``).

    The same numbers as ``net(x).data``, without building a graph per point
    (the decision boundary scores every character of the plot).
    """
    xs = [Value(0.0) for _ in range(net.nin)]
    tape = Tape(net(xs), wrt=[])

    def score_x(x):
        for leaf, xi in zip(xs, x):
            leaf.data = float(xi)
        return tape()
    return score_x


def accuracy(net, X, T):
    """Fraction of examples with sign(z) = t (z = 0 counts as -1, as the perceptron)."""
    right = sum(1 for x, t in zip(X, T) if (1 if score(net, x) > 0 else -1) == t)
    return right / float(len(X))
