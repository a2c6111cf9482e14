"""Exercise 02: The perceptron as gradient descent on the hinge loss

Mirrors seed 000 (Sadiku, "What is backpropagation?"), slide "Optimization
View of Perceptron": the proposition that the perceptron is gradient descent
on the hinge loss

    L(w, b) = (1/m) sum_{j=1}^m L_j(w, b),    L_j(w, b) = max(0, -z(j) t(j)),

and its proof: one gradient step on L_j is the perceptron update.

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

        dL_j/dw = 1_{-z t > 0} * ( -(dz/dw) t ) = 1_{-z t > 0} * (-t x)

    since z = w^T x + b gives dz/dw = x.

    Inputs: w (list of n floats), b (float), x (list of n floats), t (+1/-1).
    Returns dL_j/dw (list of n floats): -t x when the example is on the
    wrong side, zeros when it is on the right side.

    At the kink z t = 0, L_j has no derivative; any s * (-t x) with
    0 <= s <= 1 is a subgradient. The seed writes the indicator first as
    1_{-z t > 0} and then as 1_{y != t}; the two differ exactly at z = 0.
    Use the second, 1_{y != t} = 1_{z t <= 0} (s = 1 at the kink): then the
    gradient step of Exercise 2.4 moves away from w = 0, b = 0, just as the
    perceptron does (Exercise 1.3 counts z = 0 as a mistake).

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

        dL_j/db = 1_{-z t > 0} * ( -(dz/db) t ) = 1_{-z t > 0} * (-t)

    since dz/db = 1 ("proceed similarly for the parameter b").

    Inputs: w (list of floats), b (float), x (list of floats), t (+1/-1).
    Returns dL_j/db (float). At the kink z t = 0 take the indicator as 1,
    as in Exercise 2.2.

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
