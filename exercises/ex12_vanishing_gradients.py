"""Exercise 12: Vanishing gradients and the choice of activation function

Mirrors seed 000 (Sadiku, "What is backpropagation?"), the slides "Vanishing
gradient" and "Choice of Nonlinear Activation Function":

* "tanh has gradients in the range (0, 1] => in an n-layer network the
  gradient decreases exponentially with n" ("the more left you get in the
  network, the more the gradient vanishes");
* remedies include better weight initialization (Xavier/Glorot) and other
  activation functions (ReLU);
* a good activation has a gradient that is defined (almost) everywhere, is
  non-zero on a significant portion of the input domain, and is informative
  (it indicates where the activation increases or decreases). The slide
  names three problematic ones: max(0, z - 100), 1{z > 0} and sin(100 z).

The chain of 12.4 and 12.5, n layers of one unit each (a_0 = x)::

    x = a_0 --*w_1--> z_1 --g--> a_1 --*w_2--> z_2 --g--> a_2 ... --g--> a_n

    z_l = w_l a_{l-1},    a_l = g(z_l),    l = 1..n

The activations of this module, by name (``activation(name, z)`` below
computes them; it is given)::

    "sigmoid"       g(z) = exp(z) / (1 + exp(z)) = 1 / (1 + exp(-z))
    "tanh"          g(z) = tanh(z)
    "relu"          g(z) = max(0, z)
    "shifted_relu"  g(z) = max(0, z - 100)
    "step"          g(z) = 1{z > 0}
    "sin100"        g(z) = sin(100 z)

The deep network of 12.12 - 12.15 (seed 000's slides "Formalization" and
"Vanishing gradient"; W[j][k] is the weight from unit j of layer l-1 to unit
k of layer l, as everywhere in the kit)::

    a^(0) = x,  z^(l)_k = sum_j W^(l)[j][k] a^(l-1)_j,  a^(l) = g(z^(l))  (l < n)
    y = z^(n)_0  (a linear output unit),  L = y

The slide's remedies, measured there: does Xavier/Glorot init (derived by
its authors for units like tanh, with g'(0) = 1) help the sigmoid, whose
g'(0) is different? Find out in 12.13 what the variance argument asks for
the sigmoid, and in 12.15 whether that is enough (``python -m minigrad
vanishing`` shows the same on minigrad's MLPs).

At a kink (z = 0 for relu and step, z = 100 for shifted_relu) we use the
derivative 0, as minigrad's relu does; the checks never ask about a kink.
In 12.10 and 12.11, eps is the length of a step in z (a finite difference).

Seed claims to check as you go:

* Seed 000 says tanh's gradients lie in (0, 1], so the gradient decreases
  exponentially with n. Once you have 12.4 and 12.5, check it: what does
  your bound give for a tanh chain whose weights are all 2, and what does
  the gradient of 12.4 do there for small x? What must hold along the path
  for the gradient to shrink layer after layer, and how does the sigmoid
  differ?
* Seed 001 derives the sigmoid's derivative node by node; its last line
  carries a minus sign. Check the sign of your 12.1 against the fact that
  the sigmoid is increasing.

How to work: implement the steps in order (12.1, 12.2, ...); later steps call
earlier ones. Run ``python grader.py ex12`` to check them;
``python grader.py hint 12.4`` gives a hint, one level at a time.

Allowed imports: math, random
"""

import math
import random

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
    """Exercise 12.1: sigma'(z), the derivative of the sigmoid.

    Derive it from sigma(z) = 1 / (1 + exp(-z)); you may write the result
    with sigma itself and use the given ``sigmoid``.

    Input: a float z. Returns a float.

    >>> sigmoid_prime(0.0)
    0.25
    >>> round(sigmoid_prime(2.0), 6)
    0.104994
    """
    raise NotImplementedError("Exercise 12.1: not implemented yet")


def tanh_prime(z):
    """Exercise 12.2: tanh'(z), the derivative of tanh.

    Seed 000 says its values lie in (0, 1]; you may write it with tanh
    itself.

    Input: a float z. Returns a float.

    >>> tanh_prime(0.0)
    1.0
    >>> round(tanh_prime(1.0), 6)
    0.419974
    """
    raise NotImplementedError("Exercise 12.2: not implemented yet")


def relu_prime(z):
    """Exercise 12.3: relu'(z), the derivative of ReLU, g(z) = max(0, z).

    At the kink z = 0 use 0.0 (the kit's convention; the checks do not ask
    there). ReLU is one of seed 000's remedies.

    Input: a float z. Returns a float.

    >>> relu_prime(2.5), relu_prime(-0.3)
    (1.0, 0.0)
    """
    raise NotImplementedError("Exercise 12.3: not implemented yet")


def chain_gradient(x, ws, activation_name):
    """Exercise 12.4: a_n and da_n/dx through the chain of n one-unit layers.

    The chain of the module docstring: a_0 = x, z_l = w_l a_{l-1},
    a_l = g(z_l) for l = 1..n. Find the output a_n and its derivative with
    respect to the input, da_n/dx (seed 000's chain rule along one path).

    Inputs: ``x`` (float), ``ws`` = [w_1, ..., w_n] (floats, n >= 1), and
    ``activation_name``, "tanh" or "sigmoid" (12.1 and 12.2 give g').
    Returns [a_n, da_n/dx] (two floats). Works for chains of 30 layers,
    where the gradient may be below 1e-15 (it is compared with a relative
    tolerance).

    >>> [round(v, 6) for v in chain_gradient(0.5, [2.0, 2.0], "tanh")]
    [0.909252, 0.291061]
    >>> a, grad = chain_gradient(1.0, [1.0] * 20, "sigmoid")
    >>> round(a, 6), grad < 1e-12
    (0.659046, True)
    """
    raise NotImplementedError("Exercise 12.4: not implemented yet")


def chain_bound(ws, activation_name):
    """Exercise 12.5: the tightest upper bound on |da_n/dx| that holds for every x.

    For the chain of 12.4 with these weights, find a number B that depends
    only on ``ws`` and the activation, with |da_n/dx| <= B for every input
    x, built from the |w_l| and the largest value g' takes, and as small as
    that allows (a chain whose every z_l sat where g' is largest would reach
    it). Then check seed 000's claim (module docstring) with it.

    Inputs: ``ws`` (floats, n >= 1), ``activation_name`` ("tanh" or
    "sigmoid"). Returns B (a float >= 0).

    >>> chain_bound([2.0, -1.0, 0.5], "sigmoid")
    0.015625
    >>> chain_bound([2.0, -1.0, 0.5], "tanh")
    1.0
    """
    raise NotImplementedError("Exercise 12.5: not implemented yet")


def xavier_limit(fan_in, fan_out):
    """Exercise 12.6: the Xavier/Glorot uniform limit r = sqrt(6 / (fan_in + fan_out)).

    Seed 000 names "better weight initialization (Xavier/Glorot)" against
    vanishing gradients: each weight of a layer with ``fan_in`` inputs and
    ``fan_out`` outputs is drawn from U(-r, r) with this r (Glorot and
    Bengio's choice; minigrad: ``MLP(..., init="xavier")``).

    Inputs: two positive ints. Returns r (a float).

    >>> round(xavier_limit(3, 5), 6)
    0.866025
    """
    raise NotImplementedError("Exercise 12.6: not implemented yet")


def xavier_variance(fan_in, fan_out):
    """Exercise 12.7: Var(w) of a Xavier/Glorot weight w ~ U(-r, r), r from 12.6.

    Derive the variance of a uniform distribution on (-r, r), then write it
    in terms of fan_in and fan_out. (It lies between 1/fan_out, which keeps
    the backward gradient's variance, and 1/fan_in, which keeps the forward
    signal's.)

    Inputs: two positive ints. Returns Var(w) (a float).

    >>> round(xavier_variance(2, 4), 6)
    0.333333
    >>> round(xavier_variance(784, 256), 8)
    0.00192308
    """
    raise NotImplementedError("Exercise 12.7: not implemented yet")


def derivative(name, z):
    """Exercise 12.8: g'(z) for each activation of NAMES.

    Derive the derivative of each of the six activations of the module
    docstring (12.1 - 12.3 give three of them). At a kink or a jump
    (z = 0 for relu and step, z = 100 for shifted_relu) use 0.0.

    Inputs: ``name`` (a string of NAMES), ``z`` (a float). Returns a float.

    >>> derivative("relu", 1.5), derivative("shifted_relu", 3.0)
    (1.0, 0.0)
    >>> round(derivative("sin100", 0.01), 4)
    54.0302
    """
    raise NotImplementedError("Exercise 12.8: not implemented yet")


def nonzero_fraction(name, zs):
    """Exercise 12.9: on what portion of the inputs is the gradient non-zero?

    Seed 000's second criterion, "a significant portion of the input domain
    has a non-zero gradient", measured on sample inputs: the number of z in
    ``zs`` with g'(z) != 0 (12.8), divided by the number of inputs.

    Inputs: ``name`` (of NAMES), ``zs`` (a list of >= 1 floats). Returns a
    float in [0, 1].

    >>> nonzero_fraction("relu", [-2.0, -1.0, 0.5, 1.0, 3.0])
    0.6
    """
    raise NotImplementedError("Exercise 12.9: not implemented yet")


def informative_fraction(name, zs, eps):
    """Exercise 12.10: how often does the gradient tell which way g goes?

    Seed 000's third criterion: the gradient is informative, it indicates
    the increase/decrease of the activation. At an input z with
    g'(z) != 0, the gradient is *informative over a step eps > 0* when its
    sign is the sign of the change g(z + eps) - g(z) (a change of exactly 0
    is not predicted: not informative).

    Returns, among the z in ``zs`` with g'(z) != 0 (12.8), the fraction
    where the gradient is informative; 0.0 when g'(z) == 0 for every z
    (such a gradient tells nothing). Use ``derivative`` and the given
    ``activation(name, z)``.

    >>> informative_fraction("tanh", [-1.0, 0.5, 2.0], 0.1)
    1.0
    >>> informative_fraction("step", [-1.0, 0.5, 2.0], 0.1)
    0.0

    For "sin100" with eps = 0.1 (longer than the wiggles of sin(100 z),
    period 0.063) on 200 evenly spaced inputs in [-5, 5] it is 0.41: no
    better than a coin flip, the slope says nothing about where g goes.

    >>> zs = [-5 + 10 * (i + 0.5) / 200 for i in range(200)]
    >>> informative_fraction("sin100", zs, 0.1)
    0.41
    """
    raise NotImplementedError("Exercise 12.10: not implemented yet")


def first_failed_criterion(name, zs, eps):
    """Exercise 12.11: which of seed 000's criteria does an activation fail first?

    The slide's criteria, in its order:

    1. its gradient is defined (almost) everywhere -- all six activations
       here are differentiable except at one point, so none fails this;
    2. a significant portion of the input domain has a non-zero gradient:
       fails when nonzero_fraction(name, zs) < NONZERO_MIN (12.9);
    3. its gradient is informative: fails when
       informative_fraction(name, zs, eps) < INFORMATIVE_MIN (12.10).

    Returns "nonzero" if criterion 2 fails, else "informative" if
    criterion 3 fails, else None (a good activation on these inputs).
    (The checks keep every fraction well away from the thresholds.)

    On 200 inputs spread over [-5, 5] with eps = 0.1, "shifted_relu" and
    "step" give "nonzero" (zero gradient for all inputs), "sin100" gives
    "informative", and "sigmoid", "tanh", "relu" give None. (On inputs
    around 100, max(0, z - 100) is as good as ReLU: what fails is where the
    inputs of a layer usually are.)

    >>> zs = [-5 + 10 * (i + 0.5) / 200 for i in range(200)]
    >>> [first_failed_criterion(n, zs, 0.1) for n in ("step", "sin100", "relu")]
    ['nonzero', 'informative', None]
    """
    raise NotImplementedError("Exercise 12.11: not implemented yet")


# -- 12.12 - 12.15: the remedies of the slide, measured on a deep network ---------

RATIO_MIN, RATIO_MAX = 0.1, 10.0  # "healthy": layer 1 within a factor 10 of the output layer


def unit_draws(sizes, seed):
    """Given (not an exercise): weights U[l][j][k] in [-1, 1) for layer sizes ``sizes``.

    One matrix per layer l = 1..n, sizes[l-1] x sizes[l] (the kit's W[j][k]),
    row by row from the standard library's ``random.Random(seed)``: each
    entry is 2 random() - 1, which every Python version draws alike for the
    same seed, so that the docstrings' examples can make networks. The checks
    pass their own draws.
    """
    rng = random.Random(seed)
    return [[[2.0 * rng.random() - 1.0 for _ in range(n_out)] for _ in range(n_in)]
            for n_in, n_out in zip(sizes, sizes[1:])]


def layer_gradient_norms(Ws, x, activation_name):
    """Exercise 12.12: the size of dL/dW^(l) for every layer of a deep network.

    The network of 12.12 - 12.15 (module docstring): a^(0) = x,
    z^(l)_k = sum_j W^(l)[j][k] a^(l-1)_j (no biases: they start at 0),
    a^(l) = g(z^(l)) for the hidden layers l = 1..n-1, and a linear output
    layer of one unit, y = z^(n)_0. Take L = y (dL/dy = 1: the ratios of
    12.14 do not depend on that factor).

    Find the gradient dL/dW^(l) of every layer (seed 000's slide, one layer
    after the other from the output down) and return its size, the norm
    ||dL/dW^(l)|| = sqrt(sum over j, k of (dL/dw_jk)^2).

    Inputs: ``Ws`` (n matrices, Ws[l-1] = W^(l), sizes[l-1] x sizes[l],
    the last with one column), ``x`` (list of sizes[0] floats),
    ``activation_name`` ("sigmoid", "tanh" or "relu"; g' from 12.8).
    Returns the n norms [||dL/dW^(1)||, ..., ||dL/dW^(n)||] (floats), layer
    1 first. Leaves its inputs unchanged. Works for 30 layers.

    >>> Ws = [[[1.0, -1.0]], [[0.5], [2.0]]]       # 1 input, 2 tanh units, 1 output
    >>> [round(v, 6) for v in layer_gradient_norms(Ws, [0.5], "tanh")]
    [0.810652, 0.653532]
    """
    raise NotImplementedError("Exercise 12.12: not implemented yet")


def sigmoid_xavier_limit(fan_in, fan_out):
    """Exercise 12.13: the uniform limit r that does for a sigmoid layer what Xavier does for tanh.

    Glorot and Bengio chose Var(w) = 2 / (fan_in + fan_out) (12.7) so that,
    for units working around z = 0, one layer leaves the variance of the
    backward signal (and of the forward one) about unchanged: each layer
    multiplies it by about n Var(w) g'(0)^2 (n its fan-out, or fan-in
    forward). They derived it for tanh, where g'(0) = 1 (12.2). Redo the
    argument for the sigmoid: what is the sigmoid's g'(0) (12.1), what does
    a layer then do to the variance with Xavier's weights, and which
    Var(w) (and so which limit r of U(-r, r)) restores the factor Xavier
    gives tanh?

    Inputs: two positive ints. Returns r (a float).

    >>> round(sigmoid_xavier_limit(3, 5), 6)
    3.464102
    """
    raise NotImplementedError("Exercise 12.13: not implemented yet")


def gradient_ratio(Us, xs, activation_name, init):
    """Exercise 12.14: layer 1's gradient over the output layer's, for one (activation, init).

    The network of 12.12, with weights from the uniform draws ``Us``
    (Us[l-1][j][k] in [-1, 1], one matrix per layer): W^(l) = r_l U^(l),
    so each weight is U(-r_l, r_l), with the limit r_l of layer l
    (fan_in = its number of rows, fan_out = its number of columns) given
    by ``init``:

        "uniform"         r = 1 (minigrad's MLP default)
        "xavier"          Glorot and Bengio's r (12.6)
        "xavier_sigmoid"  your r for sigmoid layers (12.13)
        "he"              r = sqrt(6 / fan_in) (He et al., for ReLU; given)

    Returns the ratio m_1 / m_n, where m_l is the mean over the examples
    ``xs`` of ||dL/dW^(l)|| (12.12): far below 1, layer 1 learns far more
    slowly than the output layer (seed 000: "the more left you get in the
    network, the more the gradient vanishes").

    >>> Us = unit_draws([2] + [16] * 10 + [1], seed=8)
    >>> xs = unit_draws([8, 2], seed=11)[0]                 # 8 examples
    >>> "%.0e" % gradient_ratio(Us, xs, "sigmoid", "xavier")
    '8e-08'
    """
    raise NotImplementedError("Exercise 12.14: not implemented yet")


def working_remedies(Us, xs, candidates):
    """Exercise 12.15: which (activation, init) pairs keep the gradient alive?

    For each [activation, init] in ``candidates`` (in their order), the
    ratio of 12.14 on the network made from ``Us``; returns the candidates
    whose ratio lies in [RATIO_MIN, RATIO_MAX] = [0.1, 10] (layer 1 gets a
    gradient within a factor 10 of the output layer's), as a list of
    [activation, init] pairs in the order given. (The checks keep every
    ratio well away from 0.1 and 10.)

    On the network of 12.14's example every ReLU pair stays within a factor
    10, and no sigmoid pair does: not "uniform" (ratio 6e-5), not "xavier"
    (8e-8, worse), not even your "xavier_sigmoid" (2e-3, though it gains four
    orders of magnitude on "xavier"). tanh stays within it with "uniform",
    "xavier" and "he", but explodes with the sigmoid's larger weights
    (ratio 31): seven pairs in all.

    >>> Us = unit_draws([2] + [16] * 10 + [1], seed=8)
    >>> xs = unit_draws([8, 2], seed=11)[0]
    >>> pairs = [[g, i] for g in ("sigmoid", "tanh", "relu")
    ...          for i in ("uniform", "xavier", "xavier_sigmoid", "he")]
    >>> [pair for pair in working_remedies(Us, xs, pairs) if pair[0] == "sigmoid"]
    []
    >>> [pair for pair in working_remedies(Us, xs, pairs) if pair[0] == "tanh"]
    [['tanh', 'uniform'], ['tanh', 'xavier'], ['tanh', 'he']]
    >>> len(working_remedies(Us, xs, pairs))
    7

    Why does the sigmoid still vanish with the larger weights of 12.13? Look at
    where its z^(l) lie once the weights are that large, at what sigma' is
    there (12.5's bound), and at the sigmoid's outputs: unlike tanh's, they
    are not centred at 0. Why does ReLU not care about the init here (no
    biases)?
    """
    raise NotImplementedError("Exercise 12.15: not implemented yet")
