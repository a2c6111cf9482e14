r"""Exercise 06: The worked network, forward and backward by hand

Mirrors seed 000 (Sadiku, "What is backpropagation?"), the slides
"Backpropagation through Example": a small tanh network with inputs x1, x2,
hidden units 3 and 4, hidden units 5 and 6, a linear output z_out and the
perceptron's hinge loss L = max(0, -z_out t). One step per equation of the
slides, in the slides' order.

The network (every arrow is a weight; units 3, 4, 5, 6 are tanh units)::

    a1 = x1 --w13--> (3) --w35--> (5) --v5--.
           \                    /            \
             w14            w45               (out) --> L = max(0, -z_out t)
                  \      /                   /
    a2 = x2 --w24--> (4) --w46--> (6) --v6--'

    z3 = a1 w13                 a3 = tanh(z3)
    z4 = a1 w14 + a2 w24        a4 = tanh(z4)
    z5 = a3 w35 + a4 w45        a5 = tanh(z5)
    z6 = a4 w46                 a6 = tanh(z6)
    z_out = a5 v5 + a6 v6       (the output unit is linear: no tanh)
    L = max(0, -z_out t)        t in {+1, -1}

To see the network: python -m minigrad graph worked-network --svg net.svg

Notation (the kit's, and seed 000's): delta is the derivative of L with
respect to an *activation*: delta6 = dL/da6, delta5 = dL/da5, delta4 = dL/da4,
delta3 = dL/da3. The output unit is linear, so z_out is its activation too
and delta_out = dL/dz_out. The slides also call the loss E; it is the same L.

The kink: L = max(0, -z_out t) has no slope where -z_out t = 0. The kit's
rule for a kink is to use the derivative 0 there (as ReLU'(0) = 0, and as
minigrad's autodiff does), so delta_out is 0 at -z_out t = 0.

The slides have a typo in the backward pass: the line for dL/dw35 prints a5
as its first factor. Do not copy it: check which activation w35 multiplies
in the equation for z5 above, and derive dz5/dw35 yourself (Exercise 6.9).

The steps of the backward pass all receive the same three dicts and take
from them what their derivation needs:

* cache: what forward (6.1) returns, every z and a of the network under the
  names above ("a1", "a2", "z3", ..., "a6", "z_out", "L");
* weights: the eight weights, {"w13": ..., "w14": ..., "w24": ..., "w35": ...,
  "w45": ..., "w46": ..., "v5": ..., "v6": ...};
* deltas: the deltas found by the steps before this one (each step's
  docstring lists which), {"delta_out": ..., "delta6": ..., ...}.

The examples in the docstrings use the network EXAMPLE_WEIGHTS with x1 = 1,
x2 = -0.5 and t = +1 (z_out < 0, so the loss is active).

How to work: implement the steps in order (6.1, 6.2, ...); use the given
helper ``tanh_prime``. Run ``python grader.py ex06`` to check them, and
``python grader.py hint 6.9`` when stuck on a step (asked again, it gives the
next hint).

Allowed imports: math
"""

import math

# Given: the example network of the docstrings (and of the first visible check).
EXAMPLE_WEIGHTS = {"w13": 0.5, "w14": -0.3, "w24": 0.8, "w35": 1.2, "w45": -0.7,
                   "w46": 0.9, "v5": -1.5, "v6": 1.1}

# Given (not an exercise): the deltas of the docstrings' example (x1 = 1, x2 = -0.5,
# t = 1 and EXAMPLE_WEIGHTS), rounded to 5 decimals, in the order the backward steps
# find them (6.2, 6.5, 6.6, 6.10, 6.11). A step's example passes those found before
# it: dict(EXAMPLE_DELTAS[:3]) holds delta_out, delta6 and delta5.
EXAMPLE_DELTAS = [("delta_out", -1.0), ("delta6", -1.1), ("delta5", 1.5),
                  ("delta4", -1.20267), ("delta3", 0.78203)]


def tanh_prime(z):
    """Given (not an exercise): tanh'(z) = 1 - tanh(z)**2.

    >>> tanh_prime(0.0)
    1.0
    """
    return 1.0 - math.tanh(z) ** 2


def forward(x1, x2, weights, t):
    """Exercise 6.1: the forward pass of the worked network, cached.

    Equations (seed 000, "Backpropagation through Example", forward pass)::

        a1 = x1, a2 = x2
        z3 = a1 w13,            a3 = tanh(z3)
        z4 = a1 w14 + a2 w24,   a4 = tanh(z4)
        z5 = a3 w35 + a4 w45,   a5 = tanh(z5)
        z6 = a4 w46,            a6 = tanh(z6)
        z_out = a5 v5 + a6 v6
        L = max(0, -z_out t)

    Inputs: floats x1, x2; weights, a dict of the eight weights (keys "w13",
    "w14", "w24", "w35", "w45", "w46", "v5", "v6"); the label t (+1.0 or
    -1.0). Returns: the cache, a dict with float values under the keys
    "a1", "a2", "z3", "z4", "z5", "z6", "a3", "a4", "a5", "a6", "z_out", "L".
    When the example is classified correctly (-z_out t < 0), L is 0.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> [round(c[k], 5) for k in ("z3", "z4", "a3", "a4", "z5", "z6", "a5", "a6")]
    [0.5, -0.7, 0.46212, -0.60437, 0.9776, -0.54393, 0.75202, -0.49596]
    >>> round(c["z_out"], 5), round(c["L"], 5)
    (-1.67359, 1.67359)
    >>> forward(1.0, -0.5, EXAMPLE_WEIGHTS, -1.0)["L"]
    0.0
    """
    # BEGIN SOLUTION Exercise 6.1
    w = weights
    a1, a2 = x1, x2
    z3 = a1 * w["w13"]
    z4 = a1 * w["w14"] + a2 * w["w24"]
    a3 = math.tanh(z3)
    a4 = math.tanh(z4)
    z5 = a3 * w["w35"] + a4 * w["w45"]
    z6 = a4 * w["w46"]
    a5 = math.tanh(z5)
    a6 = math.tanh(z6)
    z_out = a5 * w["v5"] + a6 * w["v6"]
    L = max(0.0, -z_out * t)
    return {"a1": a1, "a2": a2, "z3": z3, "z4": z4, "z5": z5, "z6": z6, "a3": a3,
            "a4": a4, "a5": a5, "a6": a6, "z_out": z_out, "L": L}
    # END SOLUTION


def delta_out(cache, t):
    """Exercise 6.2: delta_out = dL/dz_out, the slope of the hinge in z_out.

    L = max(0, -z_out t). At the kink -z_out t = 0 use the kit's rule: the
    derivative there is 0 (see the module docstring).

    Inputs: cache (from forward), the label t (+1.0 or -1.0).
    Returns: a float.

    >>> delta_out(forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0), 1.0)
    -1.0
    >>> delta_out(forward(1.0, -0.5, EXAMPLE_WEIGHTS, -1.0), -1.0)
    0.0
    >>> at_kink = forward(1.0, -0.5, dict(EXAMPLE_WEIGHTS, v5=0.0, v6=0.0), 1.0)
    >>> at_kink["z_out"], delta_out(at_kink, 1.0) == 0    # 0.0 or -0.0 are both right
    (0.0, True)
    """
    # BEGIN SOLUTION Exercise 6.2
    z_out = cache["z_out"]
    if -z_out * t > 0:  # the loss is active: the example is misclassified
        return -t
    return 0.0
    # END SOLUTION


def dL_dv6(cache, weights, deltas):
    """Exercise 6.3: dL/dv6, the gradient of the loss in the weight v6.

    Inputs: cache, weights, deltas (holding "delta_out"); see the module
    docstring. Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(dL_dv6(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:1])), 5)
    0.49596
    """
    # BEGIN SOLUTION Exercise 6.3
    return cache["a6"] * deltas["delta_out"]
    # END SOLUTION


def dL_dv5(cache, weights, deltas):
    """Exercise 6.4: dL/dv5, the gradient of the loss in the weight v5.

    Inputs: cache, weights, deltas (holding "delta_out"). Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(dL_dv5(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:1])), 5)
    -0.75202
    """
    # BEGIN SOLUTION Exercise 6.4
    return cache["a5"] * deltas["delta_out"]
    # END SOLUTION


def delta6(cache, weights, deltas):
    """Exercise 6.5: delta6 = dL/da6 (with respect to the activation a6, not z6).

    Inputs: cache, weights, deltas (holding "delta_out"). Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(delta6(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:1])), 5)
    -1.1
    """
    # BEGIN SOLUTION Exercise 6.5
    return weights["v6"] * deltas["delta_out"]
    # END SOLUTION


def delta5(cache, weights, deltas):
    """Exercise 6.6: delta5 = dL/da5.

    Inputs: cache, weights, deltas (holding "delta_out"). Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(delta5(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:1])), 5)
    1.5
    """
    # BEGIN SOLUTION Exercise 6.6
    return weights["v5"] * deltas["delta_out"]
    # END SOLUTION


def dL_dw46(cache, weights, deltas):
    """Exercise 6.7: dL/dw46, the gradient of the loss in the weight w46.

    Inputs: cache, weights, deltas (holding "delta_out", "delta6", "delta5").
    Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(dL_dw46(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:3])), 5)
    0.50128
    """
    # BEGIN SOLUTION Exercise 6.7
    return cache["a4"] * tanh_prime(cache["z6"]) * deltas["delta6"]
    # END SOLUTION


def dL_dw45(cache, weights, deltas):
    """Exercise 6.8: dL/dw45, the gradient of the loss in the weight w45.

    Inputs: cache, weights, deltas (holding "delta_out", "delta6", "delta5").
    Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(dL_dw45(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:3])), 5)
    -0.39386
    """
    # BEGIN SOLUTION Exercise 6.8
    return cache["a4"] * tanh_prime(cache["z5"]) * deltas["delta5"]
    # END SOLUTION


def dL_dw35(cache, weights, deltas):
    """Exercise 6.9: dL/dw35, the gradient of the loss in the weight w35.

    The slide's line for this gradient has a typo (module docstring): derive
    dz5/dw35 from the equation for z5 rather than copying the slide.

    Inputs: cache, weights, deltas (holding "delta_out", "delta6", "delta5").
    Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(dL_dw35(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:3])), 5)
    0.30116
    """
    # BEGIN SOLUTION Exercise 6.9
    return cache["a3"] * tanh_prime(cache["z5"]) * deltas["delta5"]
    # END SOLUTION


def delta4(cache, weights, deltas):
    """Exercise 6.10: delta4 = dL/da4.

    Inputs: cache, weights, deltas (holding "delta_out", "delta6", "delta5").
    Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(delta4(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:3])), 5)
    -1.20267
    """
    # BEGIN SOLUTION Exercise 6.10
    w, d = weights, deltas
    return w["w46"] * tanh_prime(cache["z6"]) * d["delta6"] + \
        w["w45"] * tanh_prime(cache["z5"]) * d["delta5"]
    # END SOLUTION


def delta3(cache, weights, deltas):
    """Exercise 6.11: delta3 = dL/da3.

    Inputs: cache, weights, deltas (holding "delta_out", "delta6", "delta5",
    "delta4"). Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(delta3(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:4])), 5)
    0.78203
    """
    # BEGIN SOLUTION Exercise 6.11
    return weights["w35"] * tanh_prime(cache["z5"]) * deltas["delta5"]
    # END SOLUTION


def dL_dw24(cache, weights, deltas):
    """Exercise 6.12: dL/dw24, the gradient of the loss in the weight w24.

    Inputs: cache, weights, deltas (holding "delta_out", "delta6", "delta5",
    "delta4", "delta3"). Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(dL_dw24(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:5])), 5)
    0.38169
    """
    # BEGIN SOLUTION Exercise 6.12
    return cache["a2"] * tanh_prime(cache["z4"]) * deltas["delta4"]
    # END SOLUTION


def dL_dw14(cache, weights, deltas):
    """Exercise 6.13: dL/dw14, the gradient of the loss in the weight w14.

    Inputs: cache, weights, deltas (holding "delta_out", "delta6", "delta5",
    "delta4", "delta3"). Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(dL_dw14(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:5])), 5)
    -0.76338
    """
    # BEGIN SOLUTION Exercise 6.13
    return cache["a1"] * tanh_prime(cache["z4"]) * deltas["delta4"]
    # END SOLUTION


def dL_dw13(cache, weights, deltas):
    """Exercise 6.14: dL/dw13, the gradient of the loss in the weight w13.

    Inputs: cache, weights, deltas (holding "delta_out", "delta6", "delta5",
    "delta4", "delta3"). Returns: a float.

    >>> c = forward(1.0, -0.5, EXAMPLE_WEIGHTS, 1.0)
    >>> round(dL_dw13(c, EXAMPLE_WEIGHTS, dict(EXAMPLE_DELTAS[:5])), 5)
    0.61503
    """
    # BEGIN SOLUTION Exercise 6.14
    return cache["a1"] * tanh_prime(cache["z3"]) * deltas["delta3"]
    # END SOLUTION
