"""Test functions any check may pass to student code (plain floats only)."""

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
