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


_READ = "minigrad.ex03.read_count"


def _install_counter(_addaudithook=sys.addaudithook, _getframe=sys._getframe):
    """An audit hook that counts the events ``_CALL`` between a ``_START``
    and a ``_STOP`` for one token. Nothing in Python can remove a hook or
    reach its state, and a token is started only once, so the student's
    code (which runs between START and STOP, and can read the driver's
    frame) can add calls but never hide one."""
    state = {"count": 0, "start": {}, "result": {}, "used": set(), "tokens": [],
             "driver": None}

    def hook(event, args, _call=_CALL, _start_ev=_START, _stop_ev=_STOP, _read_ev=_READ,
             _state=state, _id=id, _list=list, _type=type, _len=len, _frame=_getframe):
        if event == _call:
            _state["count"] += 1
            return
        if event not in (_start_ev, _stop_ev, _read_ev) or not args:
            return
        # Only count_calls itself may start, stop or read a count: the
        # student's code can call sys.audit too, with a token from the
        # driver's frame.
        if _state["driver"] is None or _frame(1).f_code is not _state["driver"]:
            return
        key = _id(args[0])
        if event == _start_ev:
            if key not in _state["used"]:
                _state["used"].add(key)
                _state["tokens"].append(args[0])  # alive, so its id is never reused
                _state["start"][key] = _state["count"]
        elif event == _stop_ev:
            if key in _state["start"]:
                _state["result"][key] = _state["count"] - _state["start"].pop(key)
        elif _len(args) == 2 and _type(args[1]) is _list and not args[1]:
            if key in _state["result"]:
                args[1].append(_state["result"].pop(key))

    state["register"] = lambda code: state.__setitem__("driver", code) \
        if state["driver"] is None else None

    _addaudithook(hook)
    return state["register"]


_register_driver = _install_counter()  # at import, before any student code


def count_calls(module, step, L, theta, eps, _audit=sys.audit, _call=_CALL,
                _start=_START, _stop=_STOP, _read=_READ, _object=object, _list=list,
                _getattr=getattr):
    """Call ``module.<step>(L_counted, theta, eps)``; L_counted is L plus a counter.

    Returns {"answer": what your step returned, "calls": how often L was called}.
    Every name it uses after your code has run is bound at definition time.
    """
    if step not in ("numeric_gradient", "numeric_gradient_central"):
        raise ValueError("count_calls only drives the numeric gradient steps, not %r" % step)

    def L_counted(th):
        _audit(_call)
        return L(_list(th))

    token = _object()
    _audit(_start, token)
    answer = _getattr(module, step)(L_counted, _list(theta), eps)
    _audit(_stop, token)
    box = []  # made after the student's code has returned: nothing of theirs in it
    _audit(_read, token, box)
    return {"answer": answer, "calls": box[0] if box else None}


_register_driver(count_calls.__code__)
del _register_driver


FUNCTIONS = {"hinge_average": hinge_average}
DRIVERS = {"count_calls": count_calls}
