"""An untouched stub: the score every hostile submission must not beat (0)."""


def square(x):
    raise NotImplementedError("Exercise 90.1: not implemented yet")


def cube(x):
    raise NotImplementedError("Exercise 90.2: not implemented yet")


def total(xs):
    raise NotImplementedError("Exercise 90.3: not implemented yet")
