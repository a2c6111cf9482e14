"""Exercise 90 (target for hostile submissions): three tiny steps."""

import math

from grading.check import check, expect_close, seeded

MODULE = "ex90_target"
ALLOWED_IMPORTS = ["math"]


@check("Exercise 90.1", points=1, timeout=1.0)
def test_square(student):
    "square(x) = x ** 2 on seeded inputs."
    for x in seeded(901, 3, lambda rng: rng.uniform(-3.0, 3.0)):
        expect_close(student.call("square", x), x ** 2, inputs=dict(x=x), what="square(x)")


@check("Exercise 90.2", points=2, visibility="hidden", timeout=1.0)
def test_cube(student):
    "cube(x) = x ** 3 on seeded inputs."
    for x in seeded(902, 3, lambda rng: rng.uniform(-3.0, 3.0)):
        expect_close(student.call("cube", x), x ** 3, inputs=dict(x=x), what="cube(x)")


@check("Exercise 90.3", points=1, visibility="after_due_date", timeout=1.0)
def test_total(student):
    "total(xs) = sum of xs (math.fsum as the oracle)."
    xs = seeded(903, 5, lambda rng: rng.uniform(-3.0, 3.0))
    expect_close(student.call("total", xs), math.fsum(xs), inputs=dict(xs=xs), what="total")
