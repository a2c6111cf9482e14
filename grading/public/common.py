"""Test functions any check may pass to student code (plain floats only),
and the driver ``inputs_after`` (any step that promises to leave its inputs
unchanged)."""

import math


def sum_of_squares(x):
    """f(x) = sum_i x_i ** 2;  df/dx_i = 2 x_i."""
    return sum(v * v for v in x)


def sin_product(x):
    """f(x) = sin(x_0) * x_1 + exp(x_0 * 0.5) (x has length 2)."""
    return math.sin(x[0]) * x[1] + math.exp(0.5 * x[0])


def tanh_sum(x, scale=1.0):
    """f(x) = tanh(scale * sum_i x_i)."""
    return math.tanh(scale * sum(x))


FUNCTIONS = {
    "sum_of_squares": sum_of_squares,
    "sin_product": sin_product,
    "tanh_sum": tanh_sum,
}


def inputs_after(module, name, *args):
    """Your ``name(*args)``, and its arguments as they are after the call.

    A plain call hands the grader a copy of each argument, so it cannot see
    whether a step changed one in place; this driver sends back the very
    objects your function got. Returns {"answer": what you returned,
    "args": the arguments after the call} (a function argument, such as
    Exercise 3's L, is sent back as None)."""
    fn = getattr(module, name, None)
    if not callable(fn):
        raise LookupError("%s.py has no function %s()" % (module.__name__, name))
    answer = fn(*args)
    return {"answer": answer, "args": [None if callable(a) else a for a in args]}


DRIVERS = {"inputs_after": inputs_after}
