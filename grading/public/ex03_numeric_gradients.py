"""Public helpers for Exercise 03 (numeric gradients).

FUNCTIONS: error functions L(theta) that the checks pass to your numeric
differentiation steps (besides those in common.py).
DRIVERS: ``count_calls`` runs one of your gradient steps with an L that
counts how often it is called, so the grader can compare the number of
evaluations you report with the number that really happened.
"""

import sys


def hinge_average(theta, X, T):
    """Seed 000's perceptron loss as a function of theta = [w_1, ..., w_n, b]:

        L(theta) = (1/m) sum_j max(0, -(w^T x(j) + b) t(j))
    """
    w, b = theta[:-1], theta[-1]
    total = 0.0
    for x, t in zip(X, T):
        z = sum(wi * xi for wi, xi in zip(w, x)) + b
        total += max(0.0, -z * t)
    return total / len(X)


_CALL = "minigrad.ex03.L_called"
_READ = "minigrad.ex03.read_count"


def _install_counter():
    """An audit hook that counts the events ``_CALL``: nothing in Python can
    remove it or reach its count, so the count cannot be lowered; reading it
    appends the count to the list passed with ``_READ``."""
    count = [0]

    def hook(event, args, _call=_CALL, _read=_READ, _count=count, _list=list):
        if event == _call:
            _count[0] += 1
        elif event == _read and args and type(args[0]) is _list:
            args[0].append(_count[0])

    sys.addaudithook(hook)


def _read_count():
    box = []
    sys.audit(_READ, box)
    if not box:
        _install_counter()
        sys.audit(_READ, box)
    return box[-1]


def count_calls(module, step, L, theta, eps):
    """Call ``module.<step>(L_counted, theta, eps)``; L_counted is L plus a counter.

    Returns {"answer": what your step returned, "calls": how often L was called}.
    """
    if step not in ("numeric_gradient", "numeric_gradient_central"):
        raise ValueError("count_calls only drives the numeric gradient steps, not %r" % step)
    before = _read_count()

    def L_counted(th, _audit=sys.audit, _call=_CALL):
        _audit(_call)
        return L(list(th))

    answer = getattr(module, step)(L_counted, list(theta), eps)
    return {"answer": answer, "calls": _read_count() - before}


FUNCTIONS = {"hinge_average": hinge_average}
DRIVERS = {"count_calls": count_calls}
