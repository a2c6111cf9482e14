"""Exercise 03: Numerical differentiation and its cost

Mirrors seed 000 (Sadiku, "What is backpropagation?"), slide "Numerical
Differentiation": the gradient of an error function L(theta) from the
definition of the derivative,

    dL/dtheta_t = lim_{eps -> 0} ( L(theta + eps * delta_t) - L(theta) ) / eps,

with delta_t the indicator vector of parameter t, and its cost: L must be
re-evaluated once per parameter. Also the central difference and the
relative error used to compare an analytic with a numeric gradient
(the "gradient check" of CS231n's notes).

How to work: implement the steps in order (Exercise 3.1, 3.2, ...); later
steps may call earlier ones. Check a step with ``python grader.py ex03``
(or one step: ``python grader.py ex03.2``).

Conventions: theta is a list of P floats; parameters are numbered from 0
(t = 0, ..., P - 1). L is a function you are given: call it as L(theta)
with a list of P floats; it returns a float. Never change the caller's
theta in place: build a new list for theta + eps * delta_t.

Allowed imports: math
"""

import math


def indicator(P, t):
    """Exercise 3.1: the indicator vector delta_t of parameter t.

        (delta_t)_i = 1 if i = t, else 0          (i = 0, ..., P - 1)

    Inputs: P (int, number of parameters), t (int, 0 <= t < P).
    Returns delta_t (list of P floats).

    >>> indicator(4, 1)
    [0.0, 1.0, 0.0, 0.0]
    """
    # BEGIN SOLUTION Exercise 3.1
    delta = [0.0] * P
    delta[t] = 1.0
    return delta
    # END SOLUTION


def forward_difference(L, theta, t, eps):
    """Exercise 3.2: the seed's difference quotient for parameter t.

        dL/dtheta_t ~ ( L(theta + eps * delta_t) - L(theta) ) / eps

    Inputs: L (function: list of P floats -> float), theta (list of P
    floats), t (int), eps (float > 0). Returns the quotient (float).

    Implement exactly this formula (the forward difference, with the
    finite eps you are given), not another approximation: the check
    compares with this formula's value, which differs from the true
    derivative by about (eps / 2) * d2L/dtheta_t^2.

    >>> forward_difference(lambda th: th[0] ** 2 + th[1] ** 2, [3.0, 1.0], 0, 0.5)
    6.5
    """
    # BEGIN SOLUTION Exercise 3.2
    delta = indicator(len(theta), t)
    theta_plus = [th + eps * d for th, d in zip(theta, delta)]
    return (L(theta_plus) - L(theta)) / eps
    # END SOLUTION


def numeric_gradient(L, theta, eps):
    """Exercise 3.3: the full numeric gradient, and what it costs.

        grad_t = ( L(theta + eps * delta_t) - L(theta) ) / eps,   t = 0, ..., P - 1

    L(theta) is the same for every t: evaluate it once and reuse it. Then
    the gradient costs P + 1 evaluations of L ("re-evaluate the function as
    many times as there are parameters"; a network with 10^9 parameters
    would need 10^9 + 1 forward passes for one gradient).

    Inputs: L (function), theta (list of P floats), eps (float > 0).
    Returns [gradient, evaluations]: gradient (list of P floats) and the
    number of times your code called L (int). Count the calls as you make
    them; the grader counts them too.

    >>> numeric_gradient(lambda th: th[0] ** 2 + th[1] ** 2, [3.0, 1.0], 0.5)
    [[6.5, 2.5], 3]
    """
    # BEGIN SOLUTION Exercise 3.3
    L0 = L(theta)
    evaluations = 1
    gradient = []
    for t in range(len(theta)):
        delta = indicator(len(theta), t)
        theta_plus = [th + eps * d for th, d in zip(theta, delta)]
        gradient.append((L(theta_plus) - L0) / eps)
        evaluations += 1
    return [gradient, evaluations]
    # END SOLUTION


def central_difference(L, theta, t, eps):
    """Exercise 3.4: the central difference for parameter t.

        dL/dtheta_t ~ ( L(theta + eps * delta_t) - L(theta - eps * delta_t) ) / (2 eps)

    Its error is about (eps^2 / 6) * d3L/dtheta_t^3: far smaller than the
    forward difference's for the same eps (for L = sum of squares it is
    exact), which is why gradient checks use it.

    Inputs: L (function), theta (list of P floats), t (int), eps (float > 0).
    Returns the quotient (float).

    >>> central_difference(lambda th: th[0] ** 2 + th[1] ** 2, [3.0, 1.0], 0, 0.5)
    6.0
    """
    # BEGIN SOLUTION Exercise 3.4
    delta = indicator(len(theta), t)
    theta_plus = [th + eps * d for th, d in zip(theta, delta)]
    theta_minus = [th - eps * d for th, d in zip(theta, delta)]
    return (L(theta_plus) - L(theta_minus)) / (2.0 * eps)
    # END SOLUTION


def numeric_gradient_central(L, theta, eps):
    """Exercise 3.5: the full gradient by central differences, and its cost.

        grad_t = ( L(theta + eps delta_t) - L(theta - eps delta_t) ) / (2 eps)

    No evaluation can be shared between parameters here, so the gradient
    costs 2P evaluations of L (against P + 1 for the forward difference):
    twice the price for a much smaller error.

    Inputs: L (function), theta (list of P floats), eps (float > 0).
    Returns [gradient, evaluations] as in Exercise 3.3.

    >>> numeric_gradient_central(lambda th: th[0] ** 2 + th[1] ** 2, [3.0, 1.0], 0.5)
    [[6.0, 2.0], 4]
    """
    # BEGIN SOLUTION Exercise 3.5
    gradient, evaluations = [], 0
    for t in range(len(theta)):
        gradient.append(central_difference(L, theta, t, eps))
        evaluations += 2  # L(theta + eps delta_t) and L(theta - eps delta_t)
    return [gradient, evaluations]
    # END SOLUTION


def relative_error(a, n):
    """Exercise 3.6: the relative error between an analytic and a numeric value.

        rel(a, n) = |a - n| / max(|a|, |n|, 1e-8)

    Inputs: a (float, e.g. a derivative from backpropagation), n (float, the
    numeric estimate). Returns a float >= 0. The floor 1e-8 keeps the
    quotient finite when both are 0. Rough guide (CS231n): > 1e-2 means the
    analytic gradient is probably wrong; < 1e-7 with central differences is
    a pass (kinks such as the hinge's make larger values possible).

    >>> relative_error(2.0, 2.1)
    0.04761904761904766
    >>> relative_error(0.0, 0.0)
    0.0
    """
    # BEGIN SOLUTION Exercise 3.6
    return abs(a - n) / max(abs(a), abs(n), 1e-8)
    # END SOLUTION
