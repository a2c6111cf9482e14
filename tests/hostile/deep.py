"""Nesting deeper than the grader can walk: the child's own to_plain (which
refuses more than 20 levels) is replaced, then answers nested 450-850
levels deep go back to the grader, which must neither crash formatting the
failure nor lose the results."""
sys = __import__("sys")
main = sys.modules["__main__"]
main.to_plain = lambda x, *a, **k: x


def nest(depth, leaf, kind=list):
    x = leaf
    for _ in range(depth):
        x = [x] if kind is list else {"k": x}
    return x


def square(x):
    return nest(850, x * x)


def cube(x):
    return nest(450, x ** 3, dict)


def total(xs):
    return [nest(600, sum(xs)), "%s" % ("x" * 100)]
