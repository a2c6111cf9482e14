"""Exercise 02: The perceptron as gradient descent on the hinge loss

Mirrors seed 000 (Sadiku, "What is backpropagation?"), slide "Optimization
View of Perceptron": the proposition that the perceptron is gradient descent
on the hinge loss

    L(w, b) = (1/m) sum_{j=1}^m L_j(w, b),    L_j(w, b) = max(0, -z(j) t(j)),

and its proof: one gradient step on L_j is the perceptron update. The
proposition is about per-example (stochastic) steps, one L_j at a time, as
the perceptron visits the examples one by one; it does not hold for
full-batch gradient descent on the averaged L, whose step mixes the
updates of all wrongly classified examples into one.

At the kink z t = 0, L_j has no derivative, and this module follows the
perceptron: z t = 0 counts as a mistake, so the step updates there
(indicator 1_{y != t} = 1_{z t <= 0}). Exercise 06 (the worked network)
follows the seed's worked example as written instead: its delta_out uses
1{-z_out t > 0}, which is 0 at the kink.

How to work: implement the steps in order (Exercise 2.1, 2.2, ...); later
steps may call earlier ones. This module builds on Exercise 01: import your
weighted sum with ``from ex01_perceptron import weighted_sum``. Check a step
with ``python grader.py ex02`` (or one step: ``python grader.py ex02.3``).

Conventions as in Exercise 01: vectors are lists of floats, labels t are +1
or -1, z = w^T x + b.

Allowed imports: math, ex01_perceptron
"""

import math

from ex01_perceptron import weighted_sum


def hinge_loss_j(z, t):
    """Exercise 2.1: the loss of one example.

        L_j = max(0, -z t)

    Inputs: z (float, the weighted sum w^T x + b), t (+1 or -1).
    Returns L_j (float, >= 0). It is 0 when z has the sign of t, and grows
    like |z| on the wrong side.

    >>> hinge_loss_j(2.0, -1), hinge_loss_j(2.0, 1)
    (2.0, 0.0)
    """
    # BEGIN SOLUTION Exercise 2.1
    return max(0.0, -z * t)
    # END SOLUTION


def dLj_dw(w, b, x, t):
    """Exercise 2.2: the (sub)gradient of L_j with respect to w.

        dL_j/dw = 1_{y != t} * ( -(dz/dw) t ) = 1_{y != t} * (-t x),

        1_{y != t} = 1_{z t <= 0}  (a mistake, including the kink z t = 0),

    since z = w^T x + b gives dz/dw = x.

    Inputs: w (list of n floats), b (float), x (list of n floats), t (+1/-1).
    Returns dL_j/dw (list of n floats): -t x when the example is a mistake
    (z t <= 0), zeros when it is on the right side (z t > 0).

    Remark: the seed's proof writes the indicator first as 1_{-z t > 0} and
    then as 1_{y != t}. The two differ only at the kink z t = 0, where L_j
    has no derivative and any s * (-t x) with 0 <= s <= 1 is a subgradient.
    The perceptron needs the update there (from w = 0, b = 0 every example
    has z = 0; Exercise 1.3 counts z = 0 as a mistake), so this module uses
    1_{z t <= 0} (s = 1 at the kink): then the gradient step of Exercise 2.4
    moves away from w = 0, b = 0, just as the perceptron does. (Exercise 6.2
    keeps the seed's 1{-z_out t > 0}, 0 at the kink; see the module
    docstring.)

    >>> dLj_dw([1.0, 0.0], 0.0, [2.0, 5.0], -1)
    [2.0, 5.0]
    """
    # BEGIN SOLUTION Exercise 2.2
    z = weighted_sum(w, x, b)
    if z * t <= 0:
        return [-t * xi for xi in x]
    return [0.0 for _ in x]
    # END SOLUTION


def dLj_db(w, b, x, t):
    """Exercise 2.3: the (sub)gradient of L_j with respect to b.

        dL_j/db = 1_{y != t} * ( -(dz/db) t ) = 1_{y != t} * (-t),

        1_{y != t} = 1_{z t <= 0}  (a mistake, including the kink z t = 0),

    since dz/db = 1 ("proceed similarly for the parameter b").

    Inputs: w (list of floats), b (float), x (list of floats), t (+1/-1).
    Returns dL_j/db (float): -t on a mistake (z t <= 0), 0 otherwise.

    Remark: the seed's 1_{-z t > 0} differs from 1_{z t <= 0} only at the
    kink z t = 0; as in Exercise 2.2, this module takes the indicator as 1
    there (the perceptron's update).

    >>> dLj_db([1.0, 0.0], 0.0, [2.0, 5.0], -1)
    1.0
    """
    # BEGIN SOLUTION Exercise 2.3
    z = weighted_sum(w, x, b)
    return float(-t) if z * t <= 0 else 0.0
    # END SOLUTION


def gradient_step(w, b, x, t, eta):
    """Exercise 2.4: one gradient-descent step on L_j (the proposition's proof).

        w <- w - eta * dL_j/dw  =  w + eta * 1_{y != t} * x t
        b <- b - eta * dL_j/db  =  b + eta * 1_{y != t} * t

    Inputs: w (list of floats), b (float), x (list of floats), t (+1/-1),
    eta (float). Returns [w_new, b_new]. Use your dLj_dw and dLj_db.

    On a wrongly classified example this is exactly the perceptron update of
    Exercise 1.4; on a correctly classified one it changes nothing; so a pass
    of these steps over the data is a pass of the perceptron algorithm.

    >>> gradient_step([1.0, 0.0], 0.0, [2.0, 5.0], -1, 0.5)
    [[0.0, -2.5], -0.5]
    >>> gradient_step([1.0, 0.0], 0.0, [2.0, 5.0], 1, 0.5)
    [[1.0, 0.0], 0.0]
    """
    # BEGIN SOLUTION Exercise 2.4
    g_w = dLj_dw(w, b, x, t)
    g_b = dLj_db(w, b, x, t)
    return [[wi - eta * gi for wi, gi in zip(w, g_w)], b - eta * g_b]
    # END SOLUTION


def hinge_loss(w, b, X, T):
    """Exercise 2.5: the averaged hinge loss over the data set.

        L(w, b) = (1/m) sum_{j=1}^m max(0, -z(j) t(j)),   z(j) = w^T x(j) + b

    Inputs: w (list of floats), b (float), X (list of m examples, each a list
    of floats), T (list of m labels +1/-1). Returns L (float).

    L = 0 exactly when no example is on the wrong side; note that w = 0,
    b = 0 also gives L = 0 (every example is on the boundary), which is why
    the perceptron's mistake rule, not the value of L, decides when to stop.

    >>> hinge_loss([1.0, 0.0], 0.0, [[2.0, 5.0], [-1.0, 1.0]], [-1, -1])
    1.0
    """
    # BEGIN SOLUTION Exercise 2.5
    m = len(X)
    return sum(hinge_loss_j(weighted_sum(w, x, b), t) for x, t in zip(X, T)) / m
    # END SOLUTION
