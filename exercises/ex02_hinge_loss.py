"""Exercise 02: The perceptron as gradient descent on the hinge loss

Mirrors seed 000 (Sadiku, "What is backpropagation?"), slide "Optimization
View of Perceptron": the proposition that the perceptron is gradient descent
on the hinge loss, and its proof. The definitions every step uses:

    z(j)  = w^T x(j) + b                           (Exercise 1.1)
    L_j(w, b) = max(0, -z(j) t(j))                 (the loss of example j)
    J(w, b)   = (1/m) sum_{j=1}^m L_j(w, b)        (the cost over the data)

        w, b --> z = w^T x + b --> -z t --> L_j = max(0, -z t)
                      ^               ^
                      x               t

    one gradient-descent step on L_j (seed 000):  theta <- theta - eta dL_j/dtheta

Notation: seed 000 calls the averaged loss L(w, b); in this kit it is the
cost J, and L_j is the loss of one example (t is the label, as in ex01).

The proposition is about per-example (stochastic) steps, one L_j at a time,
as the perceptron visits the examples; it does not hold for full-batch
gradient descent on J, whose step mixes the updates of all wrongly
classified examples into one.

The kink: L_j has no derivative where z t = 0. Any subgradient there is
s times the wrong-side gradient, with 0 <= s <= 1. The seed's proof writes
the indicator first as 1_{-z t > 0} and then as 1_{y != t}: check for
yourself that these two differ exactly at z t = 0, and which of them
Exercise 1.3 computes. This module takes the perceptron's indicator
1{z t <= 0} (s = 1 at the kink; everywhere else in the kit a kink gives 0):
only then does a step from w = 0, b = 0, where every z is 0, move at all.

How to work: implement the steps in order (Exercise 2.1, 2.2, ...); later
steps may call earlier ones. This module builds on Exercise 01: import your
weighted sum with ``from ex01_perceptron import weighted_sum``. Check a step
with ``python grader.py ex02`` (or one step: ``python grader.py ex02.3``);
``python grader.py hint 2.2`` gives a hint, one level at a time.

Conventions as in Exercise 01: vectors are lists of floats, labels t are +1
or -1.

Allowed imports: math, ex01_perceptron
"""

import math

from ex01_perceptron import weighted_sum


def hinge_loss_j(z, t):
    """Exercise 2.1: the loss of one example.

        L_j = max(0, -z t)

    Inputs: z (float, the weighted sum w^T x + b), t (+1 or -1).
    Returns L_j (float, >= 0).

    >>> hinge_loss_j(2.0, -1), hinge_loss_j(2.0, 1), hinge_loss_j(0.0, 1)
    (2.0, 0.0, 0.0)
    """
    raise NotImplementedError("Exercise 2.1: not implemented yet")


def dLj_dw(w, b, x, t):
    """Exercise 2.2: the (sub)gradient dL_j/dw of the loss of one example.

    The quantity: dL_j/dw, the vector of the n partial derivatives
    dL_j/dw_i, of L_j(w, b) = max(0, -z t) with z = w^T x + b (module
    docstring). At the kink z t = 0 take the subgradient the module's
    convention names (the perceptron's indicator).

    Inputs: w (list of n floats), b (float), x (list of n floats), t (+1/-1).
    Returns dL_j/dw (list of n floats). The check tests both sides of the
    kink and the kink itself (w = 0, b = 0 included), for both labels.

    >>> dLj_dw([1.0, 0.0], 0.0, [2.0, 5.0], -1)       # z = 2, t = -1
    [2.0, 5.0]
    >>> dLj_dw([1.0, 0.0], 0.0, [2.0, 5.0], 1)        # z = 2, t = +1
    [0.0, 0.0]
    >>> dLj_dw([0.0, 0.0], 0.0, [1.5, -2.0], 1)       # z = 0: the kink
    [-1.5, 2.0]
    """
    raise NotImplementedError("Exercise 2.2: not implemented yet")


def dLj_db(w, b, x, t):
    """Exercise 2.3: the (sub)gradient dL_j/db ("proceed similarly for b").

    The quantity: dL_j/db of L_j(w, b) = max(0, -z t) with z = w^T x + b,
    with the module's convention at the kink z t = 0, as in Exercise 2.2.

    Inputs: w (list of floats), b (float), x (list of floats), t (+1/-1).
    Returns dL_j/db (float). The check tests both sides of the kink and the
    kink itself, for both labels.

    >>> dLj_db([1.0, 0.0], 0.0, [2.0, 5.0], -1)       # z = 2, t = -1
    1.0
    >>> dLj_db([1.0, 0.0], 0.0, [2.0, 5.0], 1)        # z = 2, t = +1
    0.0
    >>> dLj_db([1.0, -1.0], 0.5, [0.25, 0.75], -1)    # z = 0: the kink
    1.0
    """
    raise NotImplementedError("Exercise 2.3: not implemented yet")


def gradient_step(w, b, x, t, eta):
    """Exercise 2.4: one gradient-descent step on L_j (the proposition's proof).

    The quantity: the parameters [w_new, b_new] after one step of gradient
    descent with learning rate eta on the loss L_j of the one example (x, t)
    (the step rule is in the module docstring). Use your dLj_dw (2.2) and
    dLj_db (2.3).

    Then compare with Exercise 1.4 by hand: the proposition says that on a
    wrongly classified example your step is the perceptron's update, and on
    a correctly classified one it changes nothing.

    Inputs: w (list of n floats), b (float), x (list of n floats), t (+1/-1),
    eta (float > 0). Returns [w_new, b_new]. The check tests both sides and
    the kink z = 0 (from w = 0, b = 0 too).

    >>> gradient_step([1.0, 0.0], 0.0, [2.0, 5.0], -1, 0.5)
    [[0.0, -2.5], -0.5]
    >>> gradient_step([1.0, 0.0], 0.0, [2.0, 5.0], 1, 0.5)
    [[1.0, 0.0], 0.0]
    >>> gradient_step([0.0, 0.0], 0.0, [1.5, -2.0], 1, 0.5)    # z = 0
    [[0.75, -1.0], 0.5]
    """
    raise NotImplementedError("Exercise 2.4: not implemented yet")


def hinge_loss(w, b, X, T):
    """Exercise 2.5: the cost J over the data set (seed 000's averaged L).

        J(w, b) = (1/m) sum_{j=1}^m max(0, -z(j) t(j)),   z(j) = w^T x(j) + b

    Inputs: w (list of n floats), b (float), X (list of m examples, each a
    list of n floats), T (list of m labels +1/-1). Returns J (float).
    Use your hinge_loss_j (2.1).

    J = 0 exactly when no example is on the wrong side; note that w = 0,
    b = 0 also gives J = 0 (every example is on the boundary), which is why
    the perceptron's mistake rule, not the value of J, decides when to stop.

    >>> hinge_loss([1.0, 0.0], 0.0, [[2.0, 5.0], [-1.0, 1.0]], [-1, -1])
    1.0
    """
    raise NotImplementedError("Exercise 2.5: not implemented yet")
