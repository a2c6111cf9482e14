"""The scalar autodiff node ``Value``: reverse-mode automatic differentiation.

This mirrors the "Automatic Differentiation" slide of seed 000 (Sadiku): the
backward pass is generated automatically from the forward equations. Every
operation records its inputs (``_prev``, a tuple, so the order is
deterministic) and the name of its op (``_op``). Its *local derivative* is one
small, named function (``_mul_backward`` and so on) that applies the chain
rule for that single node and *accumulates* into its inputs::

    a.grad += (d out / d a) * out.grad

Accumulating (``+=``) is the multivariate chain rule of seed 003 "case 2": a
node used on several paths receives the sum of the gradients of all paths.

>>> a = Value(1.0); b = a + a; c = b + b
>>> c.backward()
>>> a.grad
4.0

How to read this file (the names are those of exercise 10, where you write
your own ``Value``): ``class Value`` (its ops, then ``backward``), then
``topo_sort``, then the local derivatives, one per op, and the table
``LOCAL_DERIVATIVES`` of them. Below that, out of the way: checking numbers
and the fast constructor ``_node`` the ops use. Checking arguments and the
sigmoid/softplus formulas are shared with the rest of minigrad
(``minigrad.base``).
"""

import math

from minigrad.base import is_real, real, sigmoid, softplus

__all__ = ["Value"]


class Value:
    """A scalar that remembers how it was computed, so it can be differentiated.

    micrograd-compatible: ``Value(data)``, ``.data``, ``.grad``,
    ``.backward()``, ``+ - * / **``, reflected forms and ``relu()`` give the
    same numbers as micrograd's ``engine.Value``.

    A neuron's pre-activation z = x w and its output a = tanh(z). Here z = -6,
    so tanh is saturated and the gradients are small:
    da/dx = w (1 - a**2) and da/dw = x (1 - a**2).

    >>> x = Value(2.0); w = Value(-3.0)
    >>> a = (x * w).tanh()
    >>> a.backward()
    >>> round(x.grad, 6), round(w.grad, 6)
    (-7.4e-05, 4.9e-05)
    >>> x.grad == w.data * (1 - a.data * a.data)
    True

    A ``label`` names a node in every view of the graph (as in micrograd's
    lecture); it is a slot like the others, so it costs no dict per node:

    >>> w35 = Value(1.2, label="w35")
    >>> w35
    Value(data=1.2, grad=0.0, label='w35')
    >>> (w35 * 2).label                 # nodes made by an op start unlabelled
    ''
    """

    __slots__ = ("data", "grad", "_prev", "_op", "_backward", "_exponent", "label")

    def __init__(self, data, _children=(), _op="", label=""):
        if type(data) is not float or data - data != 0.0:
            data = _as_number(data, _op or "Value()", "data")
        self.label = label if type(label) is str else _check_label(label)
        self.data = data
        self.grad = 0.0
        self._prev = tuple(_children)  # the inputs, in order
        self._op = _op                 # the op's label: "+", "*", "tanh", ...
        self._backward = None          # its local derivative (None for a leaf)
        self._exponent = None          # c, for a node made by a ** c

    # -- the ops: one forward line each, and the name of the local derivative --
    # (``_node(data, inputs, op, local_derivative)`` makes the result; see below.)

    def __add__(self, other):
        other = other if type(other) is Value else _as_value(other, "+")
        y = self.data + other.data
        if y - y != 0.0:  # nan or inf: finite inputs overflowed
            raise _overflow("+", self.data, other.data, y)
        return _node(y, (self, other), "+", _add_backward)

    def __mul__(self, other):
        other = other if type(other) is Value else _as_value(other, "*")
        y = self.data * other.data
        if y - y != 0.0:
            raise _overflow("*", self.data, other.data, y)
        return _node(y, (self, other), "*", _mul_backward)

    def __pow__(self, other):
        if isinstance(other, Value):  # a ** b, the exponent a Value too
            return _pow_values(self, other)
        y = _power(self, other)  # self.data ** other, or a clear error
        return _node(y, (self,), "**", _pow_backward, other)

    def __rpow__(self, other):  # c ** v
        return _pow_values(_as_value(other, "**"), self)

    def exp(self):
        try:
            y = math.exp(self.data)
        except OverflowError:
            raise _exp_overflow(self) from None
        return _node(y, (self,), "exp", _exp_backward)

    def log(self):
        if self.data <= 0.0:
            raise _log_undefined(self)
        return _node(math.log(self.data), (self,), "log", _log_backward)

    def tanh(self):
        return _node(math.tanh(self.data), (self,), "tanh", _tanh_backward)

    def sigmoid(self):
        return _node(sigmoid(self.data), (self,), "sigmoid", _sigmoid_backward)

    def softplus(self):
        return _node(softplus(self.data), (self,), "softplus", _softplus_backward)

    def relu(self):
        return _node(0.0 if self.data < 0 else self.data, (self,), "ReLU", _relu_backward)

    # -- composites, built from the ops above exactly as micrograd does --

    def __neg__(self):  # -self
        return self * -1

    def __radd__(self, other):  # other + self
        return self + other

    def __sub__(self, other):  # self - other
        if not isinstance(other, Value):
            other = _as_number(other, "-")  # so that v - True is an error, not v - 1
        return self + (-other)

    def __rsub__(self, other):  # other - self
        return other + (-self)

    def __rmul__(self, other):  # other * self
        return self * other

    def __truediv__(self, other):  # self / other
        if not isinstance(other, Value):
            other = _as_number(other, "/")
            if other == 0.0:
                raise ZeroDivisionError("/: %r / %r divides by zero" % (self.data, other))
        return self * other ** -1

    def __rtruediv__(self, other):  # other / self
        return other * self ** -1

    # -- the backward pass --

    def backward(self, gradient=1.0):
        """Fill ``.grad`` of every node this one depends on: d self / d node.

        The graph is sorted (``topo_sort``: inputs before the nodes that use
        them), then each node's local derivative runs from the output back
        to the inputs, as in seed 002's backward phase. Leaves accumulate
        across calls (as in PyTorch: zero them yourself); intermediate nodes
        are reset first, so they hold this pass's gradient.

        >>> w = Value(3.0); y = w * w          # dy/dw = 2 w = 6
        >>> y.backward(); y.backward()
        >>> w.grad, y.grad                     # the leaf accumulated 6 + 6
        (12.0, 1.0)
        """
        gradient = _as_number(gradient, "backward", "gradient")
        topo = topo_sort(self)
        for node in topo:
            if node._prev:
                node.grad = 0.0
        self.grad += gradient
        for node in reversed(topo):
            local_derivative = node._backward
            if local_derivative is not None:  # a leaf has none
                local_derivative(node)

    def zero_grad(self):
        """Set ``.grad`` of this node and every node it depends on to 0.0."""
        for node in topo_sort(self):
            node.grad = 0.0

    def _topo(self):
        """``topo_sort(self)`` (the name the views and older code use)."""
        return topo_sort(self)

    # -- seeing it --

    def __repr__(self):
        if self.label:
            return "Value(data=%r, grad=%r, label=%r)" % (self.data, self.grad, self.label)
        return "Value(data=%r, grad=%r)" % (self.data, self.grad)

    def __float__(self):
        return self.data

    def to_dot(self, **kwargs):
        """Graphviz DOT text of the graph ending here (see ``minigrad.viz``)."""
        from minigrad.viz import to_dot
        return to_dot(self, **kwargs)

    def tree(self, **kwargs):
        """A plain-text tree of the graph ending here (see ``minigrad.viz``)."""
        from minigrad.viz import tree
        return tree(self, **kwargs)

    def draw(self, **kwargs):
        """An SVG picture of the graph ending here (see ``minigrad.drawing``)."""
        from minigrad.drawing import draw
        return draw(self, **kwargs)


def topo_sort(root):
    """Every node ``root`` depends on, in topological order (inputs before the nodes using them).

    Depth-first with an explicit stack, so a graph a million nodes deep
    needs no recursion. A node is pushed, then a marker, then its
    children; when the marker comes back off the stack every child is
    done and the node is emitted. The order depends only on the graph.
    """
    topo = []
    visited = set()
    stack = [root]
    push, pop, add, emit = stack.append, stack.pop, visited.add, topo.append
    while stack:
        node = pop()
        if node is _DONE:
            emit(pop())
        elif node not in visited:
            add(node)
            push(node)
            push(_DONE)
            for child in reversed(node._prev):  # first child ends up on top
                if child not in visited:
                    push(child)
    return topo


_DONE = object()  # the marker ``topo_sort`` pushes above a node whose children are pending


# -- the local derivatives: one small named function per op ---------------------------
# Each receives the output node ``out`` (its ``grad`` complete) and adds
# d out / d input * out.grad to every input's grad.

def _add_backward(out):
    """z = a + b:  dz/da = 1, dz/db = 1."""
    a, b = out._prev
    a.grad += out.grad
    b.grad += out.grad


def _mul_backward(out):
    """z = a * b:  dz/da = b, dz/db = a."""
    a, b = out._prev
    a.grad += b.data * out.grad
    b.grad += a.data * out.grad


def _pow_backward(out):
    """z = a ** c (c a constant number):  dz/da = c * a ** (c - 1)."""
    (a,) = out._prev
    c = out._exponent
    if c != 0:
        try:
            a.grad += (c * a.data ** (c - 1)) * out.grad
        except (ZeroDivisionError, OverflowError) as e:
            raise _bad_slope(a.data, c, e) from None


def _pow_values_backward(out):
    """z = a ** b (both Values, a > 0):  dz/da = b a**(b-1),  dz/db = log(a) z."""
    a, b = out._prev
    a.grad += b.data * out.data / a.data * out.grad  # a**(b-1) = z / a
    b.grad += math.log(a.data) * out.data * out.grad


def _exp_backward(out):
    """z = exp(a):  dz/da = exp(a) = z."""
    (a,) = out._prev
    a.grad += out.data * out.grad


def _log_backward(out):
    """z = log(a):  dz/da = 1 / a."""
    (a,) = out._prev
    a.grad += out.grad / a.data


def _tanh_backward(out):
    """z = tanh(a):  dz/da = 1 - tanh(a)**2 = 1 - z**2."""
    (a,) = out._prev
    a.grad += (1.0 - out.data * out.data) * out.grad


def _sigmoid_backward(out):
    """z = sigma(a):  dz/da = sigma(a) (1 - sigma(a)) = z (1 - z)."""
    (a,) = out._prev
    a.grad += out.data * (1.0 - out.data) * out.grad


def _softplus_backward(out):
    """z = softplus(a) = log(1 + exp(a)):  dz/da = sigma(a)."""
    (a,) = out._prev
    a.grad += sigmoid(a.data) * out.grad


def _relu_backward(out):
    """z = max(0, a):  dz/da = 1 if a > 0 else 0 (0 at the kink a = 0)."""
    (a,) = out._prev
    a.grad += (out.data > 0) * out.grad


# The table the docs, the views and the tape point to: op label -> local derivative.
# ``a ** c`` (c a number) and ``a ** b`` (b a Value) are two ops with two labels.
LOCAL_DERIVATIVES = {
    "+": _add_backward, "*": _mul_backward,
    "**": _pow_backward, "a**b": _pow_values_backward,
    "exp": _exp_backward, "log": _log_backward, "tanh": _tanh_backward,
    "sigmoid": _sigmoid_backward, "softplus": _softplus_backward,
    "ReLU": _relu_backward,
}


# == Below: plumbing, not autodiff =====================================================
#
# Decisions (documented in the README too):
#
# * ``data`` is always a finite ``float``. ``bool``, strings, ``None`` and other
#   non-numbers are a ``TypeError``; ``nan`` and ``inf`` are a ``ValueError``,
#   both at construction and when an operation's result overflows. A silent
#   ``nan`` would make every later gradient wrong without saying where.
# * Every error names the op and its input: ``log: log(-1.0) is undefined``,
#   ``**: 0.0 ** -1 divides by zero``, ``exp: exp(800.0) overflows a float``.
#   ``Value(v)`` of a Value is a ``TypeError`` (it would silently cut the graph).
# * ``grad`` is always a ``float``. A slope that is infinite (``x ** 0.5`` at
#   x = 0) is an error in ``backward()``, not an ``inf``.
# * A ``label`` is a string (``""`` when not given) that every view shows:
#   ``repr``, ``tree()``, ``to_dot()``, ``minigrad.draw`` and the errors that
#   name a node. Anything but a string is a ``TypeError``. Labels are for
#   people; the arithmetic never reads them.

_new = object.__new__


def _node(data, children, op, backward, exponent=None):
    """The fast constructor the ops use: ``data`` is already a finite float.

    Same result as ``Value(data, children, op)`` plus the local derivative,
    without re-validating numbers the op has just checked.
    """
    out = _new(Value)
    out.data = data
    out.grad = 0.0
    out._prev = children
    out._op = op
    out._backward = backward
    out._exponent = exponent
    out.label = ""
    return out


def _as_number(x, op, what="the operand"):
    """``x`` as a finite float, or a clear error naming ``op`` (``minigrad.base.real``)."""
    if type(x) is float and x - x == 0.0:
        return x
    if isinstance(x, Value):
        raise TypeError("%s: %s must be a plain number, got the Value %r; use the Value "
                        "itself (or .data for its number)" % (op, what, x))
    if op == "Value()" and not is_real(x):  # the error a student meets first: plain words
        hint = "; use 1.0 or 0.0" if isinstance(x, bool) else ""
        raise TypeError("Value() needs a real number, got %r (%s)%s"
                        % (x, type(x).__name__, hint))
    return real(x, what, op)


def _as_value(other, op):
    """The other operand of ``op`` as a Value (a constant leaf if it is a number)."""
    if isinstance(other, Value):
        return other
    return Value(_as_number(other, op))


def _check_label(label):
    """``label`` itself if it is a string, else a clear ``TypeError``."""
    if not isinstance(label, str):
        raise TypeError("Value() label must be a string, got %r (%s)"
                        % (label, type(label).__name__))
    return label


def _named(node):
    """`` (the Value labelled 'x')`` for an error about a labelled node, else ``""``."""
    return " (the Value labelled %r)" % node.label if node.label else ""


def _overflow(op, a, b, y):
    """The error for an op whose result ``y`` of finite inputs is not finite."""
    return ValueError("%s: %r %s %r = %r overflows a float" % (op, a, op, b, y))


def _power(node, c):
    """``node.data ** c`` for a constant exponent c, or the error saying why not."""
    if isinstance(c, bool) or not isinstance(c, (int, float)):
        raise TypeError("**: Value ** c needs c to be an int, float or Value, got %r (%s)"
                        % (c, type(c).__name__))
    if isinstance(c, float) and c - c != 0.0:
        raise ValueError("**: the exponent must be a finite number, got %r" % (c,))
    x = node.data
    if x == 0.0 and c < 0:
        raise ZeroDivisionError("**: 0.0 ** %r divides by zero (x / 0 is written x * 0 ** -1)%s"
                                % (c, _named(node)))
    if x < 0.0 and c != int(c):
        raise ValueError("**: %r ** %r is not a real number (negative base, "
                         "fractional exponent)%s" % (x, c, _named(node)))
    try:
        return x ** c
    except OverflowError:
        raise ValueError("**: %r ** %r overflows a float" % (x, c)) from None


def _pow_values(a, b):
    """The node a ** b of two Values (op label ``a**b``): a must be positive."""
    x, c = a.data, b.data
    if x <= 0.0:
        raise ValueError("**: %r ** %r: a Value exponent needs a positive base "
                         "(d/db a**b = log(a) a**b)%s" % (x, c, _named(a)))
    try:
        y = x ** c
    except OverflowError:
        raise ValueError("**: %r ** %r overflows a float" % (x, c)) from None
    return _node(y, (a, b), "a**b", _pow_values_backward)


def _exp_overflow(node):
    """The error for ``exp`` of a number too large."""
    return ValueError("exp: exp(%r) overflows a float%s" % (node.data, _named(node)))


def _log_undefined(node):
    """The error for ``log`` of a number <= 0."""
    return ValueError("log: log(%r) is undefined; log needs a positive input%s"
                      % (node.data, _named(node)))


def _bad_slope(x, c, error):
    """The error for d/dx x ** c that is infinite (ZeroDivisionError) or overflows."""
    if isinstance(error, ZeroDivisionError):  # c < 1 at x = 0: the slope is infinite
        return ZeroDivisionError("**: the derivative of %r ** %r is %r * %r ** %r, "
                                 "infinite at 0" % (x, c, c, x, c - 1))
    return ValueError("**: the derivative of %r ** %r, %r * %r ** %r, overflows "
                      "a float" % (x, c, c, x, c - 1))
