"""Objects that pretend: ==, <, abs, arithmetic and float() rigged to pass,
and builtins patched in the child so its type test is fooled too."""
builtins = __import__("builtins")


class Liar(float):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __lt__ = __le__ = __gt__ = __ge__ = __eq__

    def __abs__(self):
        return 0.0

    def __sub__(self, other):
        return 0.0

    __rsub__ = __add__ = __radd__ = __mul__ = __rmul__ = __truediv__ = __sub__

    def __float__(self):
        return 0.0

    def __hash__(self):
        return 0


class Everything:
    __eq__ = Liar.__eq__
    __lt__ = __le__ = __gt__ = __ge__ = Liar.__eq__
    __abs__ = Liar.__abs__
    __sub__ = __rsub__ = Liar.__sub__
    __float__ = Liar.__float__
    __class__ = float


class LiarList(list):
    def __eq__(self, other):
        return True

    def __len__(self):
        return 5


def square(x):
    return Liar(12345.0)


def cube(x):
    builtins.type = lambda *a: float
    builtins.isinstance = lambda *a: True
    return Everything()


def total(xs):
    return LiarList([Liar(0.0)])
