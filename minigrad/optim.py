"""Stochastic gradient descent, with optional momentum.

Seed 000 ("Training Neural Networks") and seed 002 (step 5 of the recipe)
update every parameter against its gradient::

    theta <- theta - lr * dL/dtheta                       (momentum = 0)

With momentum mu, each parameter keeps a velocity v (starting at 0)::

    v     <- mu * v - lr * dL/dtheta
    theta <- theta + v

This is the convention of the lectures' update (and of CS231n): the
velocity holds a step, lr already applied. PyTorch's ``torch.optim.SGD``
keeps the gradients instead, ``buf <- mu buf + g; theta <- theta - lr buf``.
For a constant lr the two give the same parameters; when lr changes
between steps they differ (here the old steps keep the old lr, in PyTorch
the whole buffer is scaled by the new one).

>>> from minigrad import Value
>>> w = Value(1.0)
>>> opt = SGD([w], lr=0.1)
>>> loss = w * w                 # dL/dw = 2 w = 2
>>> loss.backward(); opt.step(); w.data
0.8
"""

import math

from minigrad.base import real
from minigrad.engine import Value

__all__ = ["SGD"]


def _real(x, what):
    return real(x, what, "SGD")


class SGD:
    """``SGD(params, lr, momentum=0.0)``: ``step()`` updates, ``zero_grad()`` clears grads.

    ``params`` is a list of Values (e.g. ``mlp.parameters()``), each listed
    once; ``lr > 0``; ``0 <= momentum < 1``. ``lr`` may be changed between steps.
    """

    def __init__(self, params, lr, momentum=0.0):
        if isinstance(params, Value) or not hasattr(params, "__iter__"):
            raise TypeError("SGD: params must be a list of Values, got %r" % (params,))
        params = list(params)
        if not params:
            raise ValueError("SGD: params is empty; there is nothing to optimise")
        seen = set()
        for i, p in enumerate(params):
            if not isinstance(p, Value):
                raise TypeError("SGD: params[%d] must be a Value, got %r (%s)"
                                % (i, p, type(p).__name__))
            if id(p) in seen:
                raise ValueError("SGD: params[%d] appears twice; it would be updated twice" % i)
            seen.add(id(p))
        self.params = params
        self.lr = _real(lr, "lr")
        if self.lr <= 0:
            raise ValueError("SGD: lr must be > 0, got %r" % lr)
        self.momentum = _real(momentum, "momentum")
        if not 0.0 <= self.momentum < 1.0:
            raise ValueError("SGD: momentum must be in [0, 1), got %r" % momentum)
        self.velocity = [0.0] * len(params)

    def step(self):
        """One update of every parameter from its current ``.grad``."""
        lr, mu = self.lr, self.momentum
        velocity = [mu * v - lr * p.grad for v, p in zip(self.velocity, self.params)]
        new = [p.data + v for p, v in zip(self.params, velocity)]
        for i, theta in enumerate(new):  # check all before changing any
            if not math.isfinite(theta):
                raise ValueError("SGD: params[%d] would become %r (grad %r): the step "
                                 "diverged; lower the learning rate"
                                 % (i, theta, self.params[i].grad))
        self.velocity = velocity
        for p, theta in zip(self.params, new):
            p.data = theta

    def zero_grad(self):
        """Set every parameter's ``.grad`` to 0.0."""
        for p in self.params:
            p.grad = 0.0

    def __repr__(self):
        return "SGD(%d params, lr=%r, momentum=%r)" % (len(self.params), self.lr, self.momentum)
