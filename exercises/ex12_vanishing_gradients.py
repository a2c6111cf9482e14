"""Exercise 12: Vanishing gradients and the choice of activation function

Mirrors seed 000 (Sadiku, "What is backpropagation?"), the slides "Vanishing
gradient" and "Choice of Nonlinear Activation Function":

* tanh has gradients in (0, 1], the sigmoid's are at most 1/4, so in an
  n-layer network the gradient can decrease exponentially with n
  ("the more left you get in the network, the more the gradient vanishes").
  The seed states this for tanh; it needs a qualification. Along a chain
  of n units the gradient is prod_l w_l g'(z_l) (Exercise 12.4). For tanh
  (tanh' <= 1) its bound is prod_l |w_l|, which need not shrink: the
  gradient decreases exponentially only when |w_l tanh'(z_l)| < 1 along
  the path (small weights, or saturated units where tanh'(z_l) is near 0).
  For the sigmoid (sigma' <= 1/4) the bound prod_l |w_l| / 4^n vanishes
  exponentially whenever every |w_l| < 4;
* remedies include better weight initialization (Xavier/Glorot) and other
  activation functions (ReLU);
* a good activation has a gradient that is defined (almost) everywhere, is
  non-zero on a significant portion of the input domain, and is informative
  (it indicates where the activation increases or decreases). The slide
  names three problematic ones: max(0, z - 100), 1{z > 0} and sin(100 z).

The activations of this module, by name (``activation(name, z)`` below
computes them; it is given)::

    "sigmoid"       g(z) = exp(z) / (1 + exp(z)) = 1 / (1 + exp(-z))
    "tanh"          g(z) = tanh(z)
    "relu"          g(z) = max(0, z)
    "shifted_relu"  g(z) = max(0, z - 100)
    "step"          g(z) = 1{z > 0}
    "sin100"        g(z) = sin(100 z)

At a kink (z = 0 for relu and step, z = 100 for shifted_relu) we use the
derivative 0, as minigrad's relu does; the checks never ask about a kink.

How to work: implement the steps in order (12.1, 12.2, ...); later steps call
earlier ones. Run ``python grader.py ex12`` to check them.

Allowed imports: math
"""

import math

NAMES = ("sigmoid", "tanh", "relu", "shifted_relu", "step", "sin100")

# Thresholds for the seed's criteria in Exercise 12.11 (given).
NONZERO_MIN = 0.25      # "a significant portion of the input domain has a non-zero gradient"
INFORMATIVE_MIN = 0.9   # "its gradient is informative"


def sigmoid(z):
    """Given (not an exercise): sigma(z) = 1 / (1 + exp(-z)), without overflow for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def activation(name, z):
    """Given (not an exercise): g(z) for the activation called ``name`` (see NAMES)."""
    g = _ACTIVATIONS.get(name)
    if g is None:
        raise ValueError("activation(): no activation called %r; the names are %s"
                         % (name, ", ".join(NAMES)))
    return g(z)


_ACTIVATIONS = {
    "sigmoid": lambda z: sigmoid(z),
    "tanh": math.tanh,
    "relu": lambda z: max(0.0, z),
    "shifted_relu": lambda z: max(0.0, z - 100.0),
    "step": lambda z: float(z > 0),
    "sin100": lambda z: math.sin(100.0 * z),
}


def sigmoid_prime(z):
    """Exercise 12.1: the derivative of the sigmoid, sigma'(z) = sigma(z) (1 - sigma(z)).

    From sigma(z) = 1 / (1 + exp(-z)): sigma'(z) = exp(-z) / (1 + exp(-z))^2
    = sigma(z) (1 - sigma(z)). (Seed 001 derives the same node by node; its
    last line has a wrong minus sign.) Its largest value is 1/4, at z = 0.

    Input: a float z. Returns a float. Use the given ``sigmoid``.

    Example: sigmoid_prime(0.0) == 0.25; sigmoid_prime(2.0) == 0.104993...
    """
    raise NotImplementedError("Exercise 12.1: not implemented yet")


def tanh_prime(z):
    """Exercise 12.2: the derivative of tanh, tanh'(z) = 1 - tanh(z)^2.

    Its values lie in (0, 1] (seed 000, "Vanishing gradient"), largest 1 at z = 0.

    Example: tanh_prime(0.0) == 1.0; tanh_prime(1.0) == 0.419974...
    """
    raise NotImplementedError("Exercise 12.2: not implemented yet")


def relu_prime(z):
    """Exercise 12.3: the derivative of ReLU, relu'(z) = 1{z > 0}.

    1.0 for z > 0, 0.0 for z < 0 (and 0.0 at the kink z = 0). ReLU does not
    shrink the gradient where it is active: one of seed 000's remedies.

    Example: relu_prime(2.5) == 1.0; relu_prime(-0.3) == 0.0.
    """
    raise NotImplementedError("Exercise 12.3: not implemented yet")


def chain_gradient(x, ws, activation_name):
    """Exercise 12.4: the gradient through n layers of one scalar unit each.

    A chain a_0 = x, and for l = 1..n::

        z_l = w_l a_{l-1},    a_l = g(z_l)

    By the chain rule (seed 000: the product of the local derivatives
    along the path)::

        da_n/dx = prod_{l=1}^{n} w_l g'(z_l)

    Inputs: ``x`` (float), ``ws`` = [w_1, ..., w_n] (floats), and
    ``activation_name``, "tanh" or "sigmoid" (use 12.1 / 12.2 for g').
    Returns [a_n, da_n/dx] (two floats).

    Example: chain_gradient(0.5, [2.0, 2.0], "tanh") gives
    a_1 = tanh(1), a_2 = tanh(2 tanh(1)) and
    da_2/dx = 2 tanh'(1) * 2 tanh'(2 tanh(1)), so it returns
    [0.90925..., 0.29106...].
    With 20 sigmoid layers and |w_l| <= 1 the gradient is below 1e-12:
    it vanishes.
    """
    raise NotImplementedError("Exercise 12.4: not implemented yet")


def chain_bound(ws, activation_name):
    """Exercise 12.5: an upper bound on |da_n/dx| that does not depend on x.

    Since |g'(z)| <= max g' everywhere (1/4 for the sigmoid, 1 for tanh)::

        |da_n/dx| = prod_l |w_l| |g'(z_l)|  <=  prod_l (|w_l| * max g')

    For the sigmoid the bound is prod_l |w_l| / 4^n: whenever every
    |w_l| < 4 it vanishes exponentially in the depth n (with |w_l| <= 1, at
    least like (1/4)^n). For tanh the bound is prod_l |w_l|, which does not
    shrink by itself: seed 000's claim for tanh holds only when
    |w_l tanh'(z_l)| < 1 along the path (small weights, or saturated units
    with tanh'(z_l) near 0), not for every tanh network.

    Inputs: ``ws`` (floats), ``activation_name`` ("tanh" or "sigmoid").
    Returns the bound (a float >= 0).

    Example: chain_bound([2.0, -1.0, 0.5], "sigmoid") == (2 * 1 * 0.5) / 4**3 == 0.015625.
    """
    raise NotImplementedError("Exercise 12.5: not implemented yet")


def xavier_limit(fan_in, fan_out):
    """Exercise 12.6: the Xavier/Glorot uniform limit r = sqrt(6 / (fan_in + fan_out)).

    Seed 000 names "better weight initialization (Xavier/Glorot)" against
    vanishing gradients: draw each weight of a layer with ``fan_in`` inputs
    and ``fan_out`` outputs from U(-r, r) with this r, so the signal keeps
    its scale in both directions (minigrad: ``MLP(..., init="xavier")``).

    Inputs: two positive ints. Returns r (a float).

    Example: xavier_limit(2, 4) == 1.0.
    """
    raise NotImplementedError("Exercise 12.6: not implemented yet")


def xavier_variance(fan_in, fan_out):
    """Exercise 12.7: the variance of a Xavier/Glorot weight, 2 / (fan_in + fan_out).

    A uniform U(-r, r) has variance r^2 / 3; with r from 12.6::

        Var(w) = r^2 / 3 = (6 / (fan_in + fan_out)) / 3 = 2 / (fan_in + fan_out)

    the harmonic compromise between 1/fan_in (keeps the forward signal's
    variance) and 1/fan_out (keeps the backward gradient's variance).

    Example: xavier_variance(2, 4) == 1/3.
    """
    raise NotImplementedError("Exercise 12.7: not implemented yet")


def derivative(name, z):
    """Exercise 12.8: g'(z) for each activation of NAMES.

    ::

        sigmoid       sigma(z)(1 - sigma(z))        (12.1)
        tanh          1 - tanh(z)^2                 (12.2)
        relu          1{z > 0}                      (12.3)
        shifted_relu  1{z > 100}    (zero for every input below 100)
        step          0             (flat on both sides of the jump; at z = 0
                                     it is not defined, we use 0)
        sin100        100 cos(100 z)  (the chain rule brings out the 100)

    Inputs: ``name`` (a string of NAMES), ``z`` (a float). Returns a float.
    An unknown name is a ValueError.

    Example: derivative("sin100", 0.01) == 100 cos(1) == 54.0302...
    """
    raise NotImplementedError("Exercise 12.8: not implemented yet")


def nonzero_fraction(name, zs):
    """Exercise 12.9: on what portion of the inputs is the gradient non-zero?

    Seed 000's second criterion: "a significant portion of the input domain
    has a non-zero gradient". Measured on sample inputs ``zs``::

        nonzero_fraction = (1/len(zs)) * #{z in zs : g'(z) != 0}

    Use ``derivative`` (12.8). Returns a float in [0, 1].

    Example: nonzero_fraction("relu", [-2.0, -1.0, 0.5, 1.0, 3.0]) == 0.6.
    """
    raise NotImplementedError("Exercise 12.9: not implemented yet")


def informative_fraction(name, zs, h):
    """Exercise 12.10: how often does the gradient tell which way g goes?

    Seed 000's third criterion: the gradient is informative, it indicates
    the increase/decrease of the activation. At an input z with
    g'(z) != 0, the gradient is *informative over a step h > 0* when it
    predicts the sign of the change::

        g'(z) * (g(z + h) - g(z)) > 0

    Returns, among the z in ``zs`` with g'(z) != 0, the fraction where that
    holds (0.0 when g'(z) == 0 for every z: such a gradient tells nothing).
    Use ``derivative`` (12.8) and the given ``activation(name, z)``.

    Example: informative_fraction("tanh", [-1.0, 0.0, 2.0], 0.1) == 1.0;
    for "sin100" with h = 0.1 (longer than the wiggles of sin(100 z), period
    0.063) it is about 0.4 on 200 evenly spaced inputs in [-5, 5]
    (z_i = -5 + 10 (i + 0.5) / 200 for i = 0..199, where it is 0.41): a
    coin flip would do as well, the slope says
    nothing about where g goes.
    """
    raise NotImplementedError("Exercise 12.10: not implemented yet")


def first_failed_criterion(name, zs, h):
    """Exercise 12.11: which of seed 000's criteria does an activation fail first?

    The slide's criteria, in its order:

    1. its gradient is defined (almost) everywhere -- all six activations
       here are differentiable except at one point, so none fails this;
    2. a significant portion of the input domain has a non-zero gradient:
       fails when nonzero_fraction(name, zs) < NONZERO_MIN (12.9);
    3. its gradient is informative: fails when
       informative_fraction(name, zs, h) < INFORMATIVE_MIN (12.10).

    Returns "nonzero" if criterion 2 fails, else "informative" if
    criterion 3 fails, else None (a good activation on these inputs).

    Example: on 200 inputs spread over [-5, 5] with h = 0.1,
    "shifted_relu" and "step" give "nonzero" (zero gradient for most or all
    inputs), "sin100" gives "informative", and "sigmoid", "tanh", "relu"
    give None. (On inputs around 100, max(0, z - 100) is as good as ReLU:
    what fails is where the inputs of a layer usually are.)
    """
    raise NotImplementedError("Exercise 12.11: not implemented yet")
