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
_START = "minigrad.ex03.start_count"
_STOP = "minigrad.ex03.stop_count"


def _install_counter(_addaudithook=sys.addaudithook):
    """An audit hook that counts the events ``_CALL`` between a ``_START``
    and a ``_STOP`` for one token. Nothing in Python can remove a hook or
    reach its state, and a token is started only once, so the student's
    code (which runs between START and STOP, and can read the driver's
    frame) can add calls but never hide one."""
    state = {"count": 0, "start": {}, "used": set(), "tokens": []}

    def hook(event, args, _call=_CALL, _start_ev=_START, _stop_ev=_STOP, _state=state,
             _id=id, _list=list, _type=type):
        if event == _call:
            _state["count"] += 1
        elif event == _start_ev and args:
            key = _id(args[0])
            if key not in _state["used"]:
                _state["used"].add(key)
                _state["tokens"].append(args[0])  # alive, so its id is never reused
                _state["start"][key] = _state["count"]
        elif event == _stop_ev and len(args) == 2 and _type(args[1]) is _list:
            key = _id(args[0])
            if key in _state["start"]:
                args[1].append(_state["count"] - _state["start"].pop(key))

    _addaudithook(hook)


_install_counter()  # when the public package is imported, before any student code


def count_calls(module, step, L, theta, eps, _audit=sys.audit, _call=_CALL,
                _start=_START, _stop=_STOP, _object=object, _list=list, _getattr=getattr):
    """Call ``module.<step>(L_counted, theta, eps)``; L_counted is L plus a counter.

    Returns {"answer": what your step returned, "calls": how often L was called}.
    Every name it uses after your code has run is bound at definition time.
    """
    if step not in ("numeric_gradient", "numeric_gradient_central"):
        raise ValueError("count_calls only drives the numeric gradient steps, not %r" % step)

    def L_counted(th):
        _audit(_call)
        return L(_list(th))

    token, box = _object(), []
    _audit(_start, token)
    answer = _getattr(module, step)(L_counted, _list(theta), eps)
    _audit(_stop, token, box)
    return {"answer": answer, "calls": box[0] if box else None}


FUNCTIONS = {"hinge_average": hinge_average}
DRIVERS = {"count_calls": count_calls}
