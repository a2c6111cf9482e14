"""Numerical differentiation, and checking gradients against it ("gradcheck").

Seed 000 ("Numerical Differentiation") defines each partial derivative from
the definition of the derivative, with delta_t the indicator vector of
parameter t::

    dL/dtheta_t ~ (L(theta + eps delta_t) - L(theta)) / eps                (method="forward")
    dL/dtheta_t ~ (L(theta + eps delta_t) - L(theta - eps delta_t)) / (2 eps)  (method="central")

Forward differences cost P + 1 evaluations of L for P parameters and have
error O(eps); central differences cost 2P evaluations and have error
O(eps^2). Either way the cost grows with P, which is seed 000's point: with
10^3..10^9 parameters, numeric gradients are too slow, and backpropagation
is needed (see ``benchmarks/backprop_vs_numeric.py``). They remain the
independent oracle for checking a gradient.

Counting evaluations: ``count_evaluations(P, method)`` is the formula;
``CountedFunction(f)`` wraps f and counts the calls actually made.

>>> [round(g, 6) for g in numerical_gradient(lambda x: x[0] ** 2 + 3 * x[1], [1.0, 2.0])]
[2.0, 3.0]
>>> count_evaluations(5, "forward"), count_evaluations(5, "central")
(6, 10)

Gradcheck compares an analytic gradient a with a numeric one n through the
relative error (CS231n, "Gradient checks")::

    rel = |a - n| / max(|a|, |n|, 1e-8)        (0 when both are 0)

and reads it with CS231n's rules of thumb (``verdict``):

* rel > 1e-2: the gradient is probably wrong                 ("wrong")
* 1e-4 < rel <= 1e-2: suspicious                             ("suspicious")
* 1e-7 < rel <= 1e-4: fine for functions with kinks (ReLU, hinge), too high
  for smooth ones (tanh, sigmoid)                            ("ok")
* rel <= 1e-7: good                                          ("good")

``gradcheck(f, x)`` does it all for a function built from Values: it runs
autodiff (``value_gradient``) and central differences and compares them.
The default tolerance ``tol=1e-6`` suits smooth functions of moderate size in
double precision with h = 1e-6 (the central-difference rounding error is
about 1e-16 |L| / h).
"""

from minigrad.base import real as _real
from minigrad.engine import Value

__all__ = ["numerical_gradient", "count_evaluations", "CountedFunction",
           "relative_error", "verdict", "compare_gradients", "GradcheckResult",
           "value_gradient", "gradcheck", "METHODS",
           "WRONG", "SUSPICIOUS", "GOOD"]

METHODS = ("forward", "central")
WRONG = 1e-2
SUSPICIOUS = 1e-4
GOOD = 1e-7


# -- checks --------------------------------------------------------------------

def _point(x, fn):
    if not isinstance(x, (list, tuple)):
        raise TypeError("%s: x must be a list of floats, got %r (%s)" % (fn, x, type(x).__name__))
    return [_real(xi, "x[%d]" % i, fn) for i, xi in enumerate(x)]


def _method(method, fn):
    if method not in METHODS:
        raise ValueError("%s: method must be 'forward' or 'central', got %r" % (fn, method))
    return method


def _step(h, fn):
    h = _real(h, "h", fn)
    if h <= 0:
        raise ValueError("%s: h must be > 0, got %r" % (fn, h))
    return h


def _call(f, x, fn):
    """f(x) checked to be a finite real number."""
    y = f(x)
    if isinstance(y, Value):
        raise TypeError("%s: f must return a real number, got a Value; return .data, "
                        "or use value_gradient/gradcheck for functions built from Values" % fn)
    return _real(y, "f(x)", fn)


# -- numerical gradients ---------------------------------------------------------

def numerical_gradient(f, x, h=1e-6, method="central"):
    """[dL/dx_1, ..., dL/dx_P] of ``f: list[float] -> float`` at x, by finite differences.

    ``method="forward"``: (f(x + h e_t) - f(x)) / h, seed 000's formula,
    P + 1 calls of f. ``method="central"``: (f(x + h e_t) - f(x - h e_t)) / (2h),
    2P calls. x is not modified; f receives a fresh list each call.
    """
    fn = "numerical_gradient"
    if not callable(f):
        raise TypeError("%s: f must be callable, got %r" % (fn, f))
    x = _point(x, fn)
    h = _step(h, fn)
    method = _method(method, fn)
    grad = []
    if method == "forward":
        L = _call(f, list(x), fn)
        for t in range(len(x)):
            x_plus = list(x)
            x_plus[t] += h
            grad.append((_call(f, x_plus, fn) - L) / h)
    else:
        for t in range(len(x)):
            x_plus, x_minus = list(x), list(x)
            x_plus[t] += h
            x_minus[t] -= h
            grad.append((_call(f, x_plus, fn) - _call(f, x_minus, fn)) / (2.0 * h))
    return grad


def count_evaluations(P, method="central"):
    """Calls of f that ``numerical_gradient`` makes for P parameters: P + 1 (forward) or 2P (central)."""
    if isinstance(P, bool) or not isinstance(P, int) or P < 0:
        raise ValueError("count_evaluations: P must be an int >= 0, got %r" % (P,))
    return P + 1 if _method(method, "count_evaluations") == "forward" else 2 * P


class CountedFunction:
    """Wrap f and count its calls in ``.calls``.

    >>> f = CountedFunction(lambda x: sum(x))
    >>> _ = numerical_gradient(f, [1.0, 2.0, 3.0], method="forward"); f.calls
    4
    """

    def __init__(self, f):
        if not callable(f):
            raise TypeError("CountedFunction: f must be callable, got %r" % (f,))
        self.f = f
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.f(*args, **kwargs)


# -- comparing gradients ---------------------------------------------------------

def relative_error(a, n):
    """|a - n| / max(|a|, |n|, 1e-8); 0.0 when both are 0."""
    a, n = _real(a, "a", "relative_error"), _real(n, "n", "relative_error")
    return abs(a - n) / max(abs(a), abs(n), 1e-8)


def verdict(rel):
    """CS231n's reading of a relative error: 'good', 'ok', 'suspicious' or 'wrong'."""
    rel = _real(rel, "rel", "verdict")
    if rel > WRONG:
        return "wrong"
    if rel > SUSPICIOUS:
        return "suspicious"
    if rel > GOOD:
        return "ok"
    return "good"


ATOL = 1e-7  # gradcheck's absolute tolerance: ~1000x a central difference's round-off


class GradcheckResult:
    """Outcome of a gradient check.

    ``analytic``, ``numeric``: the two gradients; ``errors``: relative error
    per component; ``max_error`` and ``worst`` (its index, None if empty);
    ``verdict``: CS231n's reading of ``max_error``; ``passed``: every
    component agrees within the relative ``tol`` *or* the absolute ``atol``.

    The absolute tolerance is there for small components: a true gradient of
    1e-9 has a numeric estimate off by the difference quotient's round-off
    (about 1e-10 for h = 1e-6), a relative error of 10% on a correct
    gradient. ``torch.autograd.gradcheck`` has an absolute tolerance for the
    same reason.
    """

    def __init__(self, analytic, numeric, tol, atol=0.0):
        self.analytic, self.numeric, self.tol, self.atol = analytic, numeric, tol, atol
        self.errors = [relative_error(a, n) for a, n in zip(analytic, numeric)]
        self.max_error = max(self.errors) if self.errors else 0.0
        self.worst = self.errors.index(self.max_error) if self.errors else None
        self.verdict = verdict(self.max_error)
        self.passed = all(e <= tol or abs(a - n) <= atol
                          for e, a, n in zip(self.errors, analytic, numeric))

    def __repr__(self):
        where = "" if self.worst is None else (
            " at [%d]: analytic %r vs numeric %r"
            % (self.worst, self.analytic[self.worst], self.numeric[self.worst]))
        return ("GradcheckResult(%s, max relative error %.3g%s, verdict %r, tol %g)"
                % ("passed" if self.passed else "FAILED", self.max_error, where,
                   self.verdict, self.tol))


def compare_gradients(analytic, numeric, tol=1e-6, atol=ATOL):
    """Relative errors between two gradient lists of the same length -> GradcheckResult."""
    fn = "compare_gradients"
    a, n = _point(analytic, fn), _point(numeric, fn)
    if len(a) != len(n):
        raise ValueError("%s: analytic has %d components, numeric has %d" % (fn, len(a), len(n)))
    atol = _real(atol, "atol", fn)
    if atol < 0:
        raise ValueError("%s: atol must be >= 0, got %r" % (fn, atol))
    return GradcheckResult(a, n, _real(tol, "tol", fn), atol)


def value_gradient(f, x):
    """Gradient by autodiff of f: list[Value] -> Value at the point x (a list of floats).

    Builds ``[Value(x_1), ..., Value(x_P)]``, runs ``f`` and ``backward()``, and
    returns the inputs' ``.grad``.

    >>> value_gradient(lambda v: v[0] * v[1] + v[0], [2.0, 5.0])
    [6.0, 2.0]
    """
    fn = "value_gradient"
    if not callable(f):
        raise TypeError("%s: f must be callable, got %r" % (fn, f))
    xs = [Value(xi) for xi in _point(x, fn)]
    out = f(xs)
    if not isinstance(out, Value):
        raise TypeError("%s: f must return a Value (built from its inputs), got %r (%s)"
                        % (fn, out, type(out).__name__))
    out.backward()
    return [xi.grad for xi in xs]


def gradcheck(f, x, h=1e-6, tol=1e-6, method="central", atol=ATOL):
    """Check autodiff against numeric differentiation for f: list[Value] -> Value at x.

    A component passes when its relative error is at most ``tol`` or the
    two values differ by at most ``atol`` (small components, see
    ``GradcheckResult``).

    >>> gradcheck(lambda v: (v[0] * v[1]).tanh(), [0.3, -0.7]).passed
    True
    >>> gradcheck(lambda v: v[0] * 1e-9 + v[1] * v[1], [0.5, 2.0]).passed
    True
    """
    fn = "gradcheck"
    if not callable(f):
        raise TypeError("%s: f must be callable, got %r" % (fn, f))
    analytic = value_gradient(f, x)

    def f_data(xs):
        out = f([Value(xi) for xi in xs])
        if not isinstance(out, Value):
            raise TypeError("%s: f must return a Value, got %r" % (fn, out))
        return out.data

    numeric = numerical_gradient(f_data, x, h=h, method=method)
    return compare_gradients(analytic, numeric, tol=tol, atol=atol)
