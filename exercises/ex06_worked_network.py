"""Exercise 06: The worked network, forward and backward by hand

Mirrors seed 000 (Sadiku, "What is backpropagation?"), the slides
"Backpropagation through Example": a small tanh network with inputs x1, x2,
hidden units 3 and 4, hidden units 5 and 6, a linear output z_out and the
perceptron's hinge loss L = max(0, -z_out t) (the slides also call it E; it is
the same loss). One step per equation of the slides, in the slides' order.

The network (a1 = x1, a2 = x2; every hidden unit is a tanh unit)::

    z3 = a1 w13                 a3 = tanh(z3)
    z4 = a1 w14 + a2 w24        a4 = tanh(z4)
    z5 = a3 w35 + a4 w45        a5 = tanh(z5)
    z6 = a4 w46                 a6 = tanh(z6)
    z_out = a5 v5 + a6 v6
    L = max(0, -z_out t)        t in {+1, -1}

The deltas are derivatives of L with respect to activations, as on the
slides: delta_out = dL/dz_out, delta5 = dL/da5, delta4 = dL/da4, and so on.

One error in the slides: dL/dw35 is written a5 tanh'(z5) delta5. Since
z5 = a3 w35 + a4 w45, dz5/dw35 = a3, so the right result is
a3 tanh'(z5) delta5 (Exercise 6.9).

How to work: implement the steps in order (6.1, 6.2, ...); later steps may
call earlier ones and the given helper ``tanh_prime``. Run
``python grader.py ex06`` to check them.

Allowed imports: math
"""

import math


def tanh_prime(z):
    """Given (not an exercise): tanh'(z) = 1 - tanh(z)**2.

    >>> tanh_prime(0.0)
    1.0
    """
    return 1.0 - math.tanh(z) ** 2


def forward(x1, x2, w13, w14, w24, w35, w45, w46, v5, v6, t):
    """Exercise 6.1: the forward pass of the worked network.

    Equations (seed 000, "Backpropagation through Example", forward pass)::

        a1 = x1, a2 = x2
        z3 = a1 w13,            a3 = tanh(z3)
        z4 = a1 w14 + a2 w24,   a4 = tanh(z4)
        z5 = a3 w35 + a4 w45,   a5 = tanh(z5)
        z6 = a4 w46,            a6 = tanh(z6)
        z_out = a5 v5 + a6 v6
        L = max(0, -z_out t)

    Inputs: floats x1, x2, the eight weights, and the label t (+1.0 or -1.0).
    Returns: a dict with float values under the keys
    "z3", "z4", "z5", "z6", "a3", "a4", "a5", "a6", "z_out", "L".

    Example: x1=1, x2=-0.5, w13=0.5, w14=-0.3, w24=0.8, w35=1.2, w45=-0.7,
    w46=0.9, v5=1.5, v6=-1.1, t=-1 gives z3=0.5, z4=-0.7, a3=0.46212,
    a4=-0.60437, z5=0.97760, z6=-0.54393, a5=0.75202, a6=-0.49596,
    z_out=1.67359, L=1.67359 (the prediction sign(z_out)=+1 is wrong, so the
    loss is active).
    """
    raise NotImplementedError("Exercise 6.1: not implemented yet")


def delta_out(z_out, t):
    """Exercise 6.2: delta_out = dL/dz_out = 1{-z_out t > 0} (-t).

    The hinge L = max(0, -z_out t) is -z_out t where it is positive and 0
    elsewhere, so its slope in z_out is -t when the loss is active
    (-z_out t > 0, the example is misclassified) and 0 otherwise. At the kink
    -z_out t = 0 use 0, like ReLU.

    The two modules differ at the kink on purpose: Exercise 02 follows the
    perceptron, which counts z t = 0 as a mistake and updates there
    (indicator 1_{z t <= 0}); this module follows the seed's worked network
    as written, 1{-z_out t > 0}, so delta_out is 0 at the kink.

    Inputs: floats z_out and t (+1.0 or -1.0). Returns: a float.

    >>> delta_out(1.5, -1.0), delta_out(1.5, 1.0)
    (1.0, 0.0)
    """
    raise NotImplementedError("Exercise 6.2: not implemented yet")


def dL_dv6(a6, delta_out):
    """Exercise 6.3: dL/dv6 = dz_out/dv6 * dL/dz_out = a6 * delta_out.

    z_out = a5 v5 + a6 v6, so dz_out/dv6 = a6.
    Inputs: floats a6, delta_out. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.3: not implemented yet")


def dL_dv5(a5, delta_out):
    """Exercise 6.4: dL/dv5 = dz_out/dv5 * dL/dz_out = a5 * delta_out.

    Inputs: floats a5, delta_out. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.4: not implemented yet")


def delta6(v6, delta_out):
    """Exercise 6.5: delta6 = dL/da6 = dz_out/da6 * dL/dz_out = v6 * delta_out.

    Note delta6 is the derivative with respect to the activation a6 (not z6).
    Inputs: floats v6, delta_out. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.5: not implemented yet")


def delta5(v5, delta_out):
    """Exercise 6.6: delta5 = dL/da5 = dz_out/da5 * dL/dz_out = v5 * delta_out.

    Inputs: floats v5, delta_out. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.6: not implemented yet")


def dL_dw46(a4, z6, delta6):
    """Exercise 6.7: dL/dw46 = dz6/dw46 * da6/dz6 * dL/da6 = a4 * tanh'(z6) * delta6.

    z6 = a4 w46, so dz6/dw46 = a4; a6 = tanh(z6), so da6/dz6 = tanh'(z6).
    Inputs: floats a4, z6, delta6. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.7: not implemented yet")


def dL_dw45(a4, z5, delta5):
    """Exercise 6.8: dL/dw45 = dz5/dw45 * da5/dz5 * dL/da5 = a4 * tanh'(z5) * delta5.

    Inputs: floats a4, z5, delta5. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.8: not implemented yet")


def dL_dw35(a3, z5, delta5):
    """Exercise 6.9: dL/dw35 = dz5/dw35 * da5/dz5 * dL/da5 = a3 * tanh'(z5) * delta5.

    The slide writes a5 * tanh'(z5) * delta5. That is a typo: the weight w35
    carries a3 into unit 5 (z5 = a3 w35 + a4 w45), so dz5/dw35 = a3. Compare
    dL/dw45 = a4 tanh'(z5) delta5: each weight's gradient starts with the
    activation that weight multiplies (seed 003: "dz/dw = a").

    Inputs: floats a3, z5, delta5. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.9: not implemented yet")


def delta4(w45, w46, z5, z6, delta5, delta6):
    """Exercise 6.10: delta4 = dL/da4, summed over both paths out of unit 4.

    a4 feeds z5 (through w45) and z6 (through w46), so the multivariate chain
    rule adds the two paths::

        delta4 = dz6/da4 da6/dz6 dL/da6 + dz5/da4 da5/dz5 dL/da5
               = w46 tanh'(z6) delta6 + w45 tanh'(z5) delta5

    Inputs: floats w45, w46, z5, z6, delta5, delta6. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.10: not implemented yet")


def delta3(w35, z5, delta5):
    """Exercise 6.11: delta3 = dL/da3 = dz5/da3 * da5/dz5 * dL/da5 = w35 * tanh'(z5) * delta5.

    a3 feeds only z5, so there is one path.
    Inputs: floats w35, z5, delta5. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.11: not implemented yet")


def dL_dw24(a2, z4, delta4):
    """Exercise 6.12: dL/dw24 = dz4/dw24 * da4/dz4 * dL/da4 = a2 * tanh'(z4) * delta4.

    Inputs: floats a2 (= x2), z4, delta4. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.12: not implemented yet")


def dL_dw14(a1, z4, delta4):
    """Exercise 6.13: dL/dw14 = dz4/dw14 * da4/dz4 * dL/da4 = a1 * tanh'(z4) * delta4.

    Inputs: floats a1 (= x1), z4, delta4. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.13: not implemented yet")


def dL_dw13(a1, z3, delta3):
    """Exercise 6.14: dL/dw13 = dz3/dw13 * da3/dz3 * dL/da3 = a1 * tanh'(z3) * delta3.

    Inputs: floats a1 (= x1), z3, delta3. Returns: a float.
    """
    raise NotImplementedError("Exercise 6.14: not implemented yet")
