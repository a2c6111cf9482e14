"""The reference answer: proves the checks can pass (4 points)."""


def square(x):
    return x * x


def cube(x):
    return x * x * x


def total(xs):
    s = 0.0
    for x in xs:
        s += x
    return s
