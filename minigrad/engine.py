"""The scalar autodiff node ``Value``: reverse-mode automatic differentiation.

This mirrors the "Automatic Differentiation" slide of seed 000 (Sadiku): the
backward pass is generated automatically from the forward equations. Every
operation records its inputs (``_prev``, a tuple, so the order is
deterministic) and the name of its op (``_op``). Its *local derivative* is one
small, named module-level function below (``_mul_backward`` and so on) that
applies the chain rule for that single node and *accumulates* into its inputs::

    a.grad += (d out / d a) * out.grad

Accumulating (``+=``) is the multivariate chain rule of seed 003 "case 2": a
node used on several paths receives the sum of the gradients of all paths.

>>> a = Value(1.0); b = a + a; c = b + b
>>> c.backward()
>>> a.grad
4.0

Decisions (documented in the README too):

* ``data`` is always a finite ``float``. ``bool``, strings, ``None`` and other
  non-numbers are a ``TypeError``; ``nan`` and ``inf`` are a ``ValueError``,
  both at construction and when an operation's result overflows. A silent
  ``nan`` would make every later gradient wrong without saying where.
* Every error names the op and its input: ``log: log(-1.0) is undefined``,
  ``**: 0.0 ** -1 divides by zero``, ``exp: exp(800.0) overflows a float``.
  ``Value(v)`` of a Value is a ``TypeError`` (it would silently cut the graph).
* ``grad`` is always a ``float``. A slope that is infinite (``x ** 0.5`` at
  x = 0) is an error in ``backward()``, not an ``inf``.
* A Value may carry a ``label`` (a string, ``Value(2.0, label="w35")``; ``""``
  when not given) that every view shows: ``repr``, ``tree()``, ``to_dot()``,
  ``minigrad.draw`` and the errors that name a node. Anything but a string
  is a ``TypeError``. Labels are for people; the arithmetic never reads them.
* ``backward()`` sorts the graph iteratively (no recursion limit; a chain one
  million nodes deep works) in an order that depends only on the graph.
* A second ``backward()`` behaves like PyTorch: leaves (nodes made by the
  user, with no inputs) *accumulate* until you zero them; intermediate nodes
  are reset and recomputed on each call, so they hold this pass's gradient.
"""

import math

__all__ = ["Value"]


def _fail_number(x, op):
    """Turn anything that is not a finite float into one, or raise a clear error.

    ``op`` names where the number came from ("" for ``Value(x)`` itself).
    """
    where = "Value()" if not op else "%s: the operand" % op
    if isinstance(x, Value):
        raise TypeError("%s needs a plain number, got the Value %r; use the Value "
                        "itself (or .data for its number)" % (where, x))
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        if hasattr(x, "__float__") and not isinstance(x, (bool, str, bytes, complex)):
            try:
                x = float(x)  # numpy scalars, Fraction, Decimal
            except (TypeError, ValueError, OverflowError) as e:
                raise TypeError("%s needs a real number, got %r (%s): %s"
                                % (where, x, type(x).__name__, e)) from None
        else:
            hint = "; use 1.0 or 0.0" if isinstance(x, bool) else ""
            raise TypeError("%s needs a real number, got %r (%s)%s"
                            % (where, x, type(x).__name__, hint))
    try:
        x = float(x)
    except OverflowError:
        raise ValueError("%s got an int too large for a float: %r" % (where, x)) from None
    if x - x != 0.0:  # nan or +-inf
        raise ValueError("%s needs a finite number, got %r" % (where, x))
    return x


def _as_number(x, op):
    """``x`` as a finite float, or a clear error naming ``op``."""
    if type(x) is float and x - x == 0.0:
        return x
    return _fail_number(x, op)


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

    __slots__ = ("data", "grad", "_prev", "_op", "_backward", "_aux", "label")

    def __init__(self, data, _children=(), _op="", label=""):
        if type(data) is not float or data - data != 0.0:
            data = _fail_number(data, _op)
        self.label = label if type(label) is str else _check_label(label)
        self.data = data
        self.grad = 0.0
        self._prev = tuple(_children) if type(_children) is not tuple else _children
        self._op = _op
        self._backward = None  # set by the op that made this node
        self._aux = None  # extra constant an op needs (the exponent of ** c)

    # -- primitives: each is one forward line and one named local derivative --

    def __add__(self, other):
        if type(other) is not Value:
            other = _as_value(other, "+")
        y = self.data + other.data
        if y - y != 0.0:
            raise _overflow("+", self.data, other.data, y)
        return _node(y, (self, other), "+", _add_backward)

    def __mul__(self, other):
        if type(other) is not Value:
            other = _as_value(other, "*")
        y = self.data * other.data
        if y - y != 0.0:
            raise _overflow("*", self.data, other.data, y)
        return _node(y, (self, other), "*", _mul_backward)

    def __pow__(self, other):
        if isinstance(other, Value):
            return self._pow_value(other)
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            raise TypeError("**: Value ** c needs c to be an int, float or Value, got %r (%s)"
                            % (other, type(other).__name__))
        if isinstance(other, float) and other - other != 0.0:
            raise ValueError("**: the exponent must be a finite number, got %r" % (other,))
        x = self.data
        if x == 0.0 and other < 0:
            raise ZeroDivisionError("**: 0.0 ** %r divides by zero (x / 0 is written x * 0 ** -1)%s"
                                    % (other, _named(self)))
        if x < 0.0 and other != int(other):
            raise ValueError("**: %r ** %r is not a real number (negative base, "
                             "fractional exponent)%s" % (x, other, _named(self)))
        try:
            y = x ** other
        except OverflowError:
            raise ValueError("**: %r ** %r overflows a float" % (x, other)) from None
        return _node(y, (self,), "**", _pow_backward, other)

    def _pow_value(self, other):
        a, b = self.data, other.data
        if a <= 0.0:
            raise ValueError("**: %r ** %r: a Value exponent needs a positive base "
                             "(d/db a**b = log(a) a**b)%s" % (a, b, _named(self)))
        try:
            y = a ** b
        except OverflowError:
            raise ValueError("**: %r ** %r overflows a float" % (a, b)) from None
        return _node(y, (self, other), "**", _powv_backward)

    def __rpow__(self, other):  # c ** v
        return _as_value(other, "**")._pow_value(self)

    def exp(self):
        try:
            y = math.exp(self.data)
        except OverflowError:
            raise ValueError("exp: exp(%r) overflows a float%s"
                             % (self.data, _named(self))) from None
        return _node(y, (self,), "exp", _exp_backward)

    def log(self):
        if self.data <= 0.0:
            raise ValueError("log: log(%r) is undefined; log needs a positive input%s"
                             % (self.data, _named(self)))
        return _node(math.log(self.data), (self,), "log", _log_backward)

    def tanh(self):
        return _node(math.tanh(self.data), (self,), "tanh", _tanh_backward)

    def sigmoid(self):
        return _node(sigmoid(self.data), (self,), "sigmoid", _sigmoid_backward)

    def softplus(self):
        return _node(softplus(self.data), (self,), "softplus", _softplus_backward)

    def relu(self):
        return _node(0.0 if self.data < 0 else self.data, (self,), "ReLU", _relu_backward)

    # -- composites, built from the primitives exactly as micrograd does --

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

        The graph is sorted iteratively (depth-first, children in the order
        they were given), then each node's local derivative runs from the
        output back to the inputs, as in seed 002's backward phase. Leaves
        accumulate across calls; intermediate nodes are reset first.

        >>> w = Value(3.0); y = w * w          # dy/dw = 2 w = 6
        >>> y.backward(); y.backward()
        >>> w.grad, y.grad                     # the leaf accumulated 6 + 6
        (12.0, 1.0)
        """
        gradient = _as_number(gradient, "backward")
        topo = self._topo()
        for node in topo:
            if node._prev:
                node.grad = 0.0
        self.grad += gradient
        for node in reversed(topo):
            fn = node._backward
            if fn is not None:
                fn(node)

    def _topo(self):
        """Nodes in topological order (inputs before the nodes that use them).

        Depth-first with an explicit stack, so a graph a million nodes deep
        needs no recursion. A node is pushed, then a marker, then its
        children; when the marker comes back off the stack every child is
        done and the node is emitted.
        """
        topo = []
        visited = set()
        stack = [self]
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

    def zero_grad(self):
        """Set ``.grad`` of this node and every node it depends on to 0.0."""
        for node in self._topo():
            node.grad = 0.0

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


_DONE = object()  # the marker ``_topo`` pushes above a node whose children are pending
_new = object.__new__


def _node(data, children, op, backward, aux=None):
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
    out._aux = aux
    out.label = ""
    return out


# -- stable scalar helpers (used by the ops above and by the rest of minigrad) --

def sigmoid(x):
    """sigma(x) = 1 / (1 + exp(-x)), computed without overflow for large |x|."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def softplus(x):
    """softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), stable."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


# -- the local derivatives: one small named piece per op --
# Each receives the output node ``out`` and adds d out / d input * out.grad
# to every input's grad.

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
    """z = a ** c (c a constant):  dz/da = c * a ** (c - 1)."""
    (a,) = out._prev
    c = out._aux
    if c != 0:
        try:
            a.grad += (c * a.data ** (c - 1)) * out.grad
        except ZeroDivisionError:  # c < 1 at a = 0: the slope is infinite
            raise ZeroDivisionError("**: the derivative of %r ** %r is %r * %r ** %r, "
                                    "infinite at 0" % (a.data, c, c, a.data, c - 1)) from None
        except OverflowError:
            raise ValueError("**: the derivative of %r ** %r, %r * %r ** %r, overflows "
                             "a float" % (a.data, c, c, a.data, c - 1)) from None


def _powv_backward(out):
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


# A table the docs and the viz can point to: op label -> local derivative.
LOCAL_DERIVATIVES = {
    "+": _add_backward, "*": _mul_backward, "**": _pow_backward,
    "exp": _exp_backward, "log": _log_backward, "tanh": _tanh_backward,
    "sigmoid": _sigmoid_backward, "softplus": _softplus_backward,
    "ReLU": _relu_backward,
}
# (A ``**`` node whose exponent is a Value, a ** b, uses ``_powv_backward``.)
