"""The small shared base of minigrad: what several modules need, written once.

Nothing here is about graphs or networks; it is the plumbing the teaching
modules share, so that each of them reads as its subject:

* **Checking arguments.** :func:`real` turns an argument into a finite
  ``float``; :func:`whole` checks a count (an ``int`` with a lower bound);
  :func:`random_seed` checks the seed of a ``random.Random`` generator;
  :func:`paired_lists` checks data ``X`` and labels ``y`` of one length. The
  rule is the same in every module: a value of the wrong *type* (a string,
  ``None``, a ``bool``, a list) is a ``TypeError``; a number with a wrong
  *value* (``nan``, ``inf``, an int too large for a float, a count below its
  minimum) is a ``ValueError``. Each message names the function and the
  argument, as the caller spells them: ``SGD: lr must be a real number, got
  '0.1' (str)``.
* **The logistic family**, computed without overflow for any float:
  :func:`sigmoid`, :func:`sigmoid_prime`, :func:`softplus` and
  :func:`softplus_prime` (the derivative of softplus is the sigmoid).
* **Text in SVG**: :func:`xml_text` (the pictures of ``plot`` and
  ``drawing``; not ``xml.sax.saxutils``, which imports the URL and HTTP
  modules).

>>> real(3, "lr", "SGD"), sigmoid(0.0), softplus_prime(0.0)
(3.0, 0.5, 0.5)
>>> real(float("nan"), "h", "numerical_gradient")
Traceback (most recent call last):
...
ValueError: numerical_gradient: h must be finite, got nan

A "seed" in the course texts is a lecture ("seed 000"); here a *random seed*
is only ever the integer that starts a ``random.Random``.

This module imports only the standard library, and every other module of
minigrad may import it.
"""

import decimal
import math
import numbers

__all__ = ["is_real", "real", "whole", "random_seed", "paired_lists",
           "sigmoid", "sigmoid_prime", "softplus", "softplus_prime", "xml_text"]


# -- checking arguments ----------------------------------------------------------

def is_real(x):
    """True if ``x`` is a real number: an int, a float, a Fraction, a Decimal, a numpy scalar.

    ``bool`` is not (``True`` is far more often a mistake than the number 1),
    nor are strings, ``None``, ``complex`` or containers.
    """
    return not isinstance(x, bool) and isinstance(x, (numbers.Real, decimal.Decimal))


def real(x, what, fn="", expected="a real number"):
    """``x`` as a finite ``float``, or an error naming ``fn`` and the argument ``what``.

    ``TypeError`` when ``x`` is not a real number (see :func:`is_real`),
    ``ValueError`` when it is one but ``nan``, ``+-inf`` or too large for a
    float. ``expected`` says what was wanted, for the ``TypeError``
    (``"a real number or a Value"``).

    >>> real(True, "x[0]", "gradcheck")
    Traceback (most recent call last):
    ...
    TypeError: gradcheck: x[0] must be a real number, got True (bool)
    """
    if type(x) is float and x - x == 0.0:  # the common case, checked fast
        return x
    where = "%s: %s" % (fn, what) if fn else what
    if not is_real(x):
        raise TypeError("%s must be %s, got %r (%s)" % (where, expected, x, type(x).__name__))
    try:
        y = float(x)
    except (OverflowError, ValueError):  # a huge int or Fraction; a signalling Decimal nan
        raise ValueError("%s must be finite; %r is too large for a float" % (where, x)) from None
    if y - y != 0.0:
        raise ValueError("%s must be finite, got %r" % (where, y))
    return y


def whole(n, what, fn="", minimum=1):
    """``n`` as an ``int`` >= ``minimum``: a ``TypeError`` if it is no int, else a ``ValueError``.

    >>> whole(2.5, "n (number of points)", "make_xor", minimum=2)
    Traceback (most recent call last):
    ...
    TypeError: make_xor: n (number of points) must be an int >= 2, got 2.5 (float)
    """
    where = "%s: %s" % (fn, what) if fn else what
    if isinstance(n, bool) or not isinstance(n, numbers.Integral):
        raise TypeError("%s must be an int >= %d, got %r (%s)"
                        % (where, minimum, n, type(n).__name__))
    if n < minimum:
        raise ValueError("%s must be an int >= %d, got %r" % (where, minimum, n))
    return int(n)


def random_seed(seed, what="seed"):
    """``seed``, checked to be an int that can start a ``random.Random`` (a random seed).

    >>> random_seed(1.5)
    Traceback (most recent call last):
    ...
    TypeError: seed (a random seed) must be an int, got 1.5 (float)
    """
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError("%s (a random seed) must be an int, got %r (%s)"
                        % (what, seed, type(seed).__name__))
    return seed


def paired_lists(X, y, items):
    """Check that ``X`` and ``y`` are lists (not strings) of the same length:
    ``X`` holds ``items`` (as a message calls them: ``"examples"``, ``"points"``),
    ``y`` their labels.

    >>> paired_lists([[0.0], [1.0]], [1], "points")
    Traceback (most recent call last):
    ...
    ValueError: X has 2 points but y has 1 labels
    """
    if isinstance(X, (str, bytes)) or not hasattr(X, "__len__") \
            or isinstance(y, (str, bytes)) or not hasattr(y, "__len__"):
        raise TypeError("X and y must be lists, got %s and %s"
                        % (type(X).__name__, type(y).__name__))
    if len(X) != len(y):
        raise ValueError("X has %d %s but y has %d labels" % (len(X), items, len(y)))


# -- the logistic family: sigma, softplus and their derivatives ----------------------

def sigmoid(x):
    """sigma(x) = 1 / (1 + exp(-x)) = exp(x) / (1 + exp(x)), without overflow for large |x|."""
    if x >= 0.0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def sigmoid_prime(x):
    """sigma'(x) = sigma(x) (1 - sigma(x))."""
    s = sigmoid(x)
    return s * (1.0 - s)


def softplus(x):
    """softplus(x) = log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)), without overflow."""
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def softplus_prime(x):
    """softplus'(x) = sigma(x)."""
    return sigmoid(x)


def xml_text(text):
    """``text`` safe in SVG or XML text and attributes: ``& < > "``
    escaped, characters XML forbids replaced by U+FFFD.

    >>> xml_text('a < b & "c"')
    'a &lt; b &amp; &quot;c&quot;'
    """
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "&":
            out.append("&amp;")
        elif ch == "<":
            out.append("&lt;")
        elif ch == ">":
            out.append("&gt;")
        elif ch == '"':
            out.append("&quot;")
        elif (code < 0x20 and ch not in "\t\n\r") or 0xD800 <= code <= 0xDFFF \
                or code in (0xFFFE, 0xFFFF):
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)
