"""Exercise 10: Automatic differentiation, your own Value class

Mirrors seed 000 (Sadiku, "What is backpropagation?"), the slide "Automatic
Differentiation": "automatically generate backpropagation equations from the
forward equations ... just program the forward pass, the backward pass comes
for free". The design is Andrej Karpathy's micrograd (and minigrad's own
``minigrad/engine.py``, which you may read once you are done).

A ``Value`` holds a number ``data`` and remembers how it was made: its inputs
``_prev`` and the op's *local derivative function* ``_backward``. The forward
ops (``+``, ``*``, ``tanh``, ``exp``, ``** c``) are written for you; ``-``,
``/`` and negation are built from them. Every expression is a graph; the one
of the example below, y = tanh(x w + x)::

    x ---+--> [*] p --> [+] s --> [tanh] --> y
    w --/               /
    x -----------------/            (x feeds two ops: two paths to y)

Notation (the kit's): y is the output of a graph; ``node.grad`` is dy/dnode,
filled in by ``y.backward()`` (when the output is a loss L, that is dL/dnode).
Inside one op we call its result ``out`` and its inputs a, b.

What backpropagation needs, from seed 000's multivariate chain rule: if a node
a feeds the ops out_1, ..., out_k, then

    dy/da = sum over k of (d out_k / d a) * (dy / d out_k)

Each op contributes one term of that sum to each of its inputs, knowing only
its own local derivative d out/d a and dy/d out (= ``out.grad``). A node that
feeds several ops (or one op twice, as in ``a + a``) collects one term per
use, and ``grad`` must end as their sum.

You write:

* one local-derivative function per op (10.1 to 10.5): given ``out`` with a
  complete ``out.grad``, pass its share on to ``out._prev``. The derivation of
  each op's local derivative is yours; each docstring gives a worked number.
  Unlike micrograd, where each op defines its ``_backward`` as a closure, the
  local derivatives here are module-level functions that receive ``out``: so
  each can be called, and graded, on its own (``minigrad/engine.py`` does the
  same).
* ``topo_sort`` (10.6): the nodes y depends on, in an order the backward pass
  can use (see its docstring for what the checks demand, size and speed too).
* ``Value.backward`` (10.7): the whole backward pass, from y back to the
  inputs (seed 002's "backward phase").

How to work: implement the steps in order (10.1, 10.2, ...). Each check builds
small expressions with *your* ``Value`` (the public drivers in
``grading/public/ex10_autodiff.py``) and compares forward values and grads
with minigrad's autodiff. Run ``python grader.py ex10`` to check them, and
``python grader.py hint 10.2`` for a hint, one level at a time.

>>> x = Value(2.0, label="x"); w = Value(-3.0, label="w")
>>> y = (x * w + x).tanh()          # x is used twice
>>> y.backward()
>>> round(x.grad, 6), round(w.grad, 6)
(-0.002682, 0.002682)

To see a graph of your own Value (outside the grader, in a Python session
next to ``minigrad/``): ``from minigrad import draw; draw(y).save("mine.svg")``
draws anything with ``data``, ``grad``, ``_prev``, ``_op`` (and ``label``).

Allowed imports: math
"""

import math


class Value:
    """A scalar that remembers how it was computed, so it can be differentiated.

    ``data``: the number (a float). ``grad``: dy/d(this node), filled in by
    ``y.backward()`` of some output y (dL/d(this node) when y is a loss L);
    0.0 until then. ``_prev``: the input nodes (a tuple, in order; ``a + a``
    has ``_prev == (a, a)``). ``_op``: a label of the op. ``_backward``: the
    op's local-derivative function, called as ``node._backward(node)``.
    ``_exponent``: c for ``a ** c``. ``label``: a name for printing and for
    the checks.
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
        """Exercise 10.7: the backward pass: dy/dnode for every node y depends on.

        ``y.backward()`` (``y`` is ``self``, the output of the graph). After
        it, every node y depends on holds ``node.grad`` = dy/dnode, the sum
        over all its paths to y. You have: ``topo_sort`` (10.6) and, in
        every node, its op's local-derivative function, called as
        ``node._backward(node)`` (leaves have ``leaf_backward``, which does
        nothing). Questions to settle: what is dy/dy, and where must it be
        before any local derivative runs? In which order must the nodes pass
        their grad on, so that a node's grad is complete (every use summed)
        before it is passed to its inputs?

        Returns None. Nodes y does not depend on keep their grad (the
        checks build such nodes too). The checks run it on graphs up to
        3,000 nodes deep, like 10.6. Call it once per graph (a second call
        would add to the grads again).

        Example, y = a * a + a at a = 3 (dy/da = 2a + 1):

        >>> a = Value(3.0); y = a * a + a
        >>> y.backward()
        >>> y.grad, a.grad
        (1.0, 7.0)
        """
        raise NotImplementedError("Exercise 10.7: not implemented yet")


def leaf_backward(out):
    """Given (not an exercise): a leaf (an input) has no inputs to pass a gradient to."""


def add_backward(out):
    """Exercise 10.1: the local derivative of out = a + b.

    ``out`` is the node made by ``a + b``; its inputs are ``out._prev`` (for
    ``a + a`` the same node twice), and ``out.grad`` = dy/d(out) is complete.
    Find d out/d a and d out/d b, and pass out's gradient on to ``a.grad``
    and ``b.grad`` as the chain rule of the module docstring says: how much
    of dy/da comes through this one op? Returns None.

    What a grad already holds (from another use of the node, or a leaf's
    earlier grad) must not be lost: the checks use ``a + a``, nodes feeding
    two ops, and leaves that start with a grad.

    Example: b already holds 0.25 from elsewhere; a is used three times.

    >>> a = Value(2.0); b = Value(-3.0); b.grad = 0.25
    >>> s = a + a; s.grad = 1.5; add_backward(s)
    >>> a.grad
    3.0
    >>> z = a + b; z.grad = -0.5; add_backward(z)
    >>> a.grad, b.grad
    (2.5, -0.25)
    """
    raise NotImplementedError("Exercise 10.1: not implemented yet")


def mul_backward(out):
    """Exercise 10.2: the local derivative of out = a * b.

    ``out = a * b`` (``a, b = out._prev``) with ``out.grad`` = dy/d(out)
    complete: how does out.grad reach ``a.grad`` and ``b.grad``? Find
    d out/d a and d out/d b (seed 003 asks the same of z = w a in its
    "forward pass"), then apply the chain rule of the module docstring.
    Returns None. As in 10.1, what a grad already holds must not be lost
    (``a * a`` is checked).

    Example: first z = a * b, then q = a * a at a = 3 (so dq/da = 6 is
    added to what a already got from z).

    >>> a = Value(3.0); b = Value(-2.0)
    >>> z = a * b; z.grad = 0.5; mul_backward(z)
    >>> a.grad, b.grad
    (-1.0, 1.5)
    >>> q = a * a; q.grad = 1.0; mul_backward(q)
    >>> a.grad
    5.0
    """
    raise NotImplementedError("Exercise 10.2: not implemented yet")


def tanh_backward(out):
    """Exercise 10.3: the local derivative of out = tanh(a).

    ``(a,) = out._prev``; ``out.grad`` = dy/d(out) is complete. Find
    d out/d a = tanh'(a) and pass out's gradient on to ``a.grad``. The
    forward value ``out.data`` = tanh(a) is already computed (seed 001:
    cache the forward values): can your local derivative be written with
    it, so that no tanh is computed again? Returns None; keep what
    ``a.grad`` already holds.

    Examples (the second one adds to nothing: a fresh node):

    >>> a = Value(0.5); out = a.tanh(); out.grad = 1.0; tanh_backward(out)
    >>> round(a.grad, 6)
    0.786448
    >>> b = Value(-1.2); out = b.tanh(); out.grad = -2.0; tanh_backward(out)
    >>> round(b.grad, 6)
    -0.61004
    """
    raise NotImplementedError("Exercise 10.3: not implemented yet")


def exp_backward(out):
    """Exercise 10.4: the local derivative of out = exp(a).

    ``(a,) = out._prev``; ``out.grad`` = dy/d(out) is complete. Find
    d out/d a and pass out's gradient on to ``a.grad``; as in 10.3, the
    forward value ``out.data`` is at hand. Returns None; keep what
    ``a.grad`` already holds.

    Examples:

    >>> a = Value(1.0); out = a.exp(); out.grad = 2.0; exp_backward(out)
    >>> round(a.grad, 6)
    5.436564
    >>> b = Value(-0.3); out = b.exp(); out.grad = -0.5; exp_backward(out)
    >>> round(b.grad, 6)
    -0.370409
    """
    raise NotImplementedError("Exercise 10.4: not implemented yet")


def pow_backward(out):
    """Exercise 10.5: the local derivative of out = a ** c, c a constant.

    ``(a,) = out._prev`` and the constant is ``c = out._exponent`` (an int
    or float; ``a / b`` is built as ``a * b ** -1``). ``out.grad`` =
    dy/d(out) is complete. Find d out/d a for this c and pass out's
    gradient on to ``a.grad``. Returns None; keep what ``a.grad`` already
    holds. Check your derivative on all three examples (c = 3, -1, 0.5):

    >>> a = Value(2.0); out = a ** 3; out.grad = 1.0; pow_backward(out)
    >>> a.grad
    12.0
    >>> b = Value(2.0); out = b ** -1; out.grad = 1.0; pow_backward(out)
    >>> b.grad
    -0.25
    >>> d = Value(4.0); out = d ** 0.5; out.grad = 1.0; pow_backward(out)
    >>> d.grad
    0.25
    """
    raise NotImplementedError("Exercise 10.5: not implemented yet")


def topo_sort(root):
    """Exercise 10.6: the nodes ``root`` depends on, in topological order.

    Returns a list of Values: every node reachable from ``root`` by
    following ``_prev`` (``root`` itself included, and the constants such
    as the 2 in ``x * 2``, which are Values too), each exactly once, each
    *after* all of its inputs, so ``root`` is last. Any such order is
    accepted. (Its reverse is the order of the backward pass, 10.7.)

    What the checks build, so your sort must handle it:

    * Values that were made but that ``root`` does not depend on (a node
      used only by another output, a result never used): they must not be
      listed. The order in which the nodes were made is no answer.
    * shared subgraphs: a node reached by several paths, e.g. the diamond
      x -> a, x -> b, (a, b) -> c, and a chain of 40 diamonds, which has
      2^40 paths from its root to its first node: a sort whose work grows
      with the number of paths never finishes.
    * a chain 3,000 nodes deep. Python's recursion limit is about 1000
      calls, so a function that calls itself once per level fails
      (RecursionError). Speed: a call may take 5 s; at these sizes, time
      proportional to the number of nodes, or even to its square, is fine.

    Example (u is made but not used by c; a is reached twice):

    >>> x = Value(1.0, label="x"); y = Value(2.0, label="y")
    >>> u = x * y; u.label = "u"
    >>> a = x + y; a.label = "a"
    >>> b = a.tanh(); b.label = "b"
    >>> c = a * b; c.label = "c"
    >>> found = topo_sort(c)    # x, y, a, b, c is one valid order; y, x, a, b, c another
    >>> sorted(v.label for v in found), found[-1].label    # each node once, u absent, c last
    (['a', 'b', 'c', 'x', 'y'], 'c')
    >>> at = {v.label: i for i, v in enumerate(found)}
    >>> at["x"] < at["a"] and at["y"] < at["a"] < at["b"] < at["c"]    # inputs first
    True
    """
    raise NotImplementedError("Exercise 10.6: not implemented yet")
