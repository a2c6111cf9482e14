"""Plain values that pretend: inf and nan, which compare oddly."""


def square(x):
    return float("inf")


def cube(x):
    return -float("inf")


def total(xs):
    return float("nan")
