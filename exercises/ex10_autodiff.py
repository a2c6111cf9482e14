"""Exercise 10: Automatic differentiation, your own Value class

Mirrors seed 000 (Sadiku, "What is backpropagation?"), the slide "Automatic
Differentiation": "automatically generate backpropagation equations from the
forward equations ... just program the forward pass, the backward pass comes
for free". The design is Andrej Karpathy's micrograd (and minigrad's own
``minigrad/engine.py``, which you may read once you are done).

A ``Value`` holds a number ``data`` and remembers how it was made: its inputs
``_prev`` and the op's *local derivative function* ``_backward``. The forward
ops (``+``, ``*``, ``tanh``, ``exp``, ``** c``) are written for you. You write:

* one local-derivative function per op (10.1 to 10.5). Each gets the output
  node ``out`` of one op and applies the chain rule for that single node
  (seed 000, "The Chain Rule": dL/da = dz/da * dL/dz)::

      a.grad += (d out / d a) * out.grad

  Accumulate with ``+=``: a node used on several paths (``a + a``, or a value
  that feeds two later nodes) receives the *sum* over its paths -- the
  multivariate chain rule of seed 000 (and seed 003's "case 2").
  Unlike micrograd, where each op defines its ``_backward`` as a closure
  inside the op, the local derivatives here are module-level functions
  that receive ``out``: so each can be called, and graded, on its own
  (``minigrad/engine.py`` does the same).
* ``topo_sort`` (10.6): every node the output depends on, inputs before the
  nodes that use them, each exactly once -- iteratively, so a graph 10000
  nodes deep works (Python's recursion limit is about 1000).
* ``Value.backward`` (10.7): dL/dL = 1 at the output, then every node's local
  derivative function in reverse topological order (seed 002's "backward
  phase": start at the output, move back to the inputs).

How to work: implement the steps in order (10.1, 10.2, ...). Each check builds
small expressions with *your* ``Value`` (the public drivers in
``grading/public/ex10_autodiff.py``) and compares forward values and grads
with minigrad's autodiff. Run ``python grader.py ex10`` to check them.

>>> x = Value(2.0, label="x"); w = Value(-3.0, label="w")
>>> y = (x * w + x).tanh()          # x is used twice
>>> y.backward()
>>> round(x.grad, 6), round(w.grad, 6)   # dy/dx = (w + 1) tanh'(-4), dy/dw = x tanh'(-4)
(-0.002682, 0.002682)

Allowed imports: math
"""

import math


class Value:
    """A scalar that remembers how it was computed, so it can be differentiated.

    ``data``: the number (a float). ``grad``: dL/d(this node), filled in by
    ``backward()`` of some output L; 0.0 until then. ``_prev``: the input
    nodes (a tuple, in order; ``a + a`` has ``_prev == (a, a)``). ``_op``: a
    label of the op. ``_backward``: the op's local-derivative function,
    called as ``node._backward(node)``. ``_exponent``: c for ``a ** c``.
    ``label``: a name for printing and for the checks.
    """

    def __init__(self, data, _children=(), _op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(_children)
        self._op = _op
        self._backward = leaf_backward
        self._exponent = None
        self.label = label

    def __repr__(self):
        return "Value(data=%r, grad=%r%s)" % (self.data, self.grad,
                                             ", label=%r" % self.label if self.label else "")

    # -- the forward ops (given): one forward line, one local derivative --

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")
        out._backward = add_backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")
        out._backward = mul_backward
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")
        out._backward = tanh_backward
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,), "exp")
        out._backward = exp_backward
        return out

    def __pow__(self, c):
        if not isinstance(c, (int, float)) or isinstance(c, bool):
            raise TypeError("Value ** c: c must be an int or float constant, got %r" % (c,))
        out = Value(self.data ** c, (self,), "**%r" % (c,))
        out._exponent = c
        out._backward = pow_backward
        return out

    # -- composites (given): built from the ops above, so they need no backward of their own --

    def __neg__(self):  # -a = a * -1
        return self * -1.0

    def __radd__(self, other):  # 2 + a
        return self + other

    def __sub__(self, other):  # a - b = a + (-b)
        return self + (-other)

    def __rsub__(self, other):  # 2 - a
        return (-self) + other

    def __rmul__(self, other):  # 2 * a
        return self * other

    def __truediv__(self, other):  # a / b = a * b ** -1
        other = other if isinstance(other, Value) else Value(other)
        return self * other ** -1

    def __rtruediv__(self, other):  # 2 / a
        return Value(other) * self ** -1

    # -- the backward pass --

    def backward(self):
        """Exercise 10.7: the backward pass, dL/dnode for every node L depends on.

        ``L.backward()`` (``L`` is ``self``): seed the output with
        dL/dL = 1, then call every node's local-derivative function
        ``node._backward(node)`` in *reverse* topological order, so a node's
        ``grad`` is complete (all paths summed) before it is passed on to its
        inputs. Leaves have ``leaf_backward``, which does nothing.

        Use ``topo_sort(self)`` from Exercise 10.6. Returns None.

        Example: ``a = Value(3.0); L = a * a; L.backward()`` gives
        ``L.grad == 1.0`` and ``a.grad == 6.0``. Call it once per graph
        (a second call would add to the grads again).
        """
        raise NotImplementedError("Exercise 10.7: not implemented yet")


def leaf_backward(out):
    """Given (not an exercise): a leaf (an input) has no inputs to pass a gradient to."""


def add_backward(out):
    """Exercise 10.1: the local derivative of z = a + b.

    ``out`` is z; ``a, b = out._prev``. dz/da = 1 and dz/db = 1: each
    input's grad grows by its local derivative times ``out.grad``.

    Use ``+=``: for ``a + a`` both inputs are the same node and it must get
    2 * out.grad. Returns None (it changes the inputs' ``grad``).

    Example: ``a = Value(2.0); z = a + a; z.grad = 1.5; add_backward(z)``
    leaves ``a.grad == 3.0``.
    """
    raise NotImplementedError("Exercise 10.1: not implemented yet")


def mul_backward(out):
    """Exercise 10.2: the local derivative of z = a * b.

    dz/da = b and dz/db = a (seed 003's forward pass: dz/dw = the value at
    the other end, dz/dw = a). Each input's grad grows by its local
    derivative times ``out.grad``.

    Example: ``a = Value(3.0); z = a * a; z.grad = 1.0; mul_backward(z)``
    leaves ``a.grad == 6.0`` (d(a^2)/da = 2a, the two paths summed).
    """
    raise NotImplementedError("Exercise 10.2: not implemented yet")


def tanh_backward(out):
    """Exercise 10.3: the local derivative of t = tanh(a).

    dt/da = tanh'(a) = 1 - tanh(a)^2 = 1 - t^2, and t = ``out.data`` is
    already computed in the forward pass (seed 001: cache the forward
    values). a's grad grows by that local derivative times ``out.grad``.

    Note: it is 1 - t^2 with t the *output*, not 1 - t, and not 1 - a^2.

    Example: ``a = Value(0.5); t = a.tanh(); t.grad = 1.0; tanh_backward(t)``
    gives ``a.grad == 1 - tanh(0.5)**2 == 0.786448...``.
    """
    raise NotImplementedError("Exercise 10.3: not implemented yet")


def exp_backward(out):
    """Exercise 10.4: the local derivative of e = exp(a).

    de/da = exp(a) = e, the output itself (``out.data``); a's grad grows by
    it times ``out.grad``.

    Example: ``a = Value(1.0); e = a.exp(); e.grad = 2.0; exp_backward(e)``
    gives ``a.grad == 2 * exp(1) == 5.43656...``.
    """
    raise NotImplementedError("Exercise 10.4: not implemented yet")


def pow_backward(out):
    """Exercise 10.5: the local derivative of p = a ** c, c a constant.

    ``(a,) = out._prev`` and ``c = out._exponent``. dp/da = c * a^(c-1)
    (the power rule: the exponent drops by one); a's grad grows by it times
    ``out.grad``.

    Example: ``a = Value(2.0); p = a ** 3; p.grad = 1.0; pow_backward(p)``
    gives ``a.grad == 3 * 2**2 == 12.0``; ``a ** -1`` (used by ``/``) gives
    -1 / a^2.
    """
    raise NotImplementedError("Exercise 10.5: not implemented yet")


def topo_sort(root):
    """Exercise 10.6: the nodes ``root`` depends on, in topological order.

    Returns a list of Values: every node reachable from ``root`` through
    ``_prev`` (``root`` itself included) exactly once, each node *after* all
    of its inputs, so ``root`` is last. (The reverse of this list is the
    order of the backward pass, Exercise 10.7.)

    Write it without recursion: a depth-first search with your own stack,
    e.g. of pairs (node, children_done). A recursive version fails on a chain
    10000 nodes deep (RecursionError). Keep a set of visited nodes, or a node
    reached by two paths (a diamond: x -> a, x -> b, (a, b) -> c) appears
    twice.

    Example: for ``x = Value(1.0); a = x * 2; b = x + 1; c = a * b``,
    ``topo_sort(c)`` lists x and the constants 2 and 1 before a and b
    (which need them), and c last: e.g. [x, 2, a, 1, b, c].
    """
    raise NotImplementedError("Exercise 10.6: not implemented yet")
