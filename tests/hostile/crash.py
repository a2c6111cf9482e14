"""Crashing the interpreter: SIGSEGV three ways."""
sys = __import__("sys")


def square(x):
    __import__("faulthandler")._sigsegv()


def cube(x):
    sys.setrecursionlimit(10 ** 8)

    def down(n):
        return down(n + 1) + 1
    return down(0)


def total(xs):
    ctypes = __import__("ctypes")
    return ctypes.string_at(0, 1)
