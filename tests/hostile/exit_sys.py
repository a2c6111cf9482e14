"""Ending early with exceptions: sys.exit, KeyboardInterrupt, other BaseExceptions."""
sys = __import__("sys")


class Done(BaseException):
    pass


def square(x):
    print('{"score": 4, "tests": []}')
    sys.exit(0)


def cube(x):
    raise KeyboardInterrupt


def total(xs):
    raise Done("100/100")
