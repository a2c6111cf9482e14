"""Exercise 03: Numerical differentiation and its cost

Mirrors seed 000 (Sadiku, "What is backpropagation?"), slide "Numerical
Differentiation": the gradient of an error function L(theta) from the
definition of the derivative,

    dL/dtheta_t = lim_{eps -> 0} ( L(theta + eps * e_t) - L(theta) ) / eps,
    e_t = the indicator (unit) vector of parameter t: 1 at position t, 0 elsewhere,

and its cost: "re-evaluate the function as many times as there are
parameters". Also the central difference and the relative error used to
compare an analytic with a numeric gradient (the "gradient check" of
CS231n's notes).

        theta --(move entry t by eps)--> theta + eps * e_t
          |                                   |
          L                                   L
          v                                   v
       L(theta)  -------- difference / eps --> about dL/dtheta_t

Notation: seed 000 writes this unit vector delta_t and the step epsilon; in
this kit delta always means dL/da, so the unit vector is e_t, and the step
is eps. L here is whatever function of theta is differentiated (seed 000's
error function L(theta); in the checks sometimes a cost J over a data set):
the method does not care.

How to work: implement the steps in order (Exercise 3.1, 3.2, ...); later
steps may call earlier ones. Check a step with ``python grader.py ex03``
(or one step: ``python grader.py ex03.2``); ``python grader.py hint 3.3``
gives a hint, one level at a time.

Conventions: theta is a list of P floats; parameters are numbered from 0
(t = 0, ..., P - 1). L is a function you are given: call it as L(theta)
with a list of P floats; it returns a float. Never change the caller's
theta in place: build a new list for every moved point (the checks'
values show it when a moved entry stays moved).

Allowed imports: math
"""

import math


def indicator(P, t):
    """Exercise 3.1: the indicator (unit) vector e_t of parameter t.

        (e_t)_i = 1 if i = t, else 0          (i = 0, ..., P - 1)

    Inputs: P (int >= 1, number of parameters), t (int, 0 <= t < P).
    Returns e_t (list of P floats). The check tests t = 0, t = P - 1 and
    P = 1.

    >>> indicator(4, 1)
    [0.0, 1.0, 0.0, 0.0]
    """
    raise NotImplementedError("Exercise 3.1: not implemented yet")


def forward_difference(L, theta, t, eps):
    """Exercise 3.2: the seed's difference quotient for parameter t.

        dL/dtheta_t ~ ( L(theta + eps * e_t) - L(theta) ) / eps

    Inputs: L (function: list of P floats -> float), theta (list of P
    floats), t (int), eps (float > 0). Returns the quotient (float).
    Use your indicator (3.1).

    Evaluate exactly this formula with the finite eps you are given (the
    forward difference), not another approximation: the check compares
    with this formula's value, which differs from the true derivative by
    about (eps / 2) * d2L/dtheta_t^2. Leave theta unchanged.

    >>> forward_difference(lambda th: th[0] ** 2 + th[1] ** 2, [3.0, 1.0], 0, 0.5)
    6.5
    """
    raise NotImplementedError("Exercise 3.2: not implemented yet")


def numeric_gradient(L, theta, eps):
    """Exercise 3.3: the full numeric gradient, and what it costs.

    The quantity: the vector of the P forward differences of Exercise 3.2,
    one per parameter t = 0, ..., P - 1, and the number of times your code
    evaluated L to get it.

    The cost is the point of this step (the seed: a network with 10^9
    parameters). The check counts your calls of L and expects the fewest
    this formula needs for all P components: before you write the loop,
    write the P quotients side by side and work out how many different
    points L must be evaluated at.

    Inputs: L (function), theta (list of P floats, P >= 1), eps (float > 0).
    Returns [gradient, evaluations]: gradient (list of P floats) and the
    number of times your code called L (int), counted as you make the calls.
    Leave theta unchanged (the check's values show a moved entry that stays
    moved).

    >>> numeric_gradient(lambda th: th[0] ** 2 + th[1] ** 2, [3.0, 1.0], 0.5)
    [[6.5, 2.5], 3]
    >>> numeric_gradient(lambda th: th[0] * th[1] * th[2], [1.0, 2.0, 3.0], 0.5)
    [[6.0, 3.0, 2.0], 4]
    """
    raise NotImplementedError("Exercise 3.3: not implemented yet")


def central_difference(L, theta, t, eps):
    """Exercise 3.4: the central difference for parameter t.

    The quantity: the slope of the secant of L through the two points
    placed symmetrically around theta along parameter t, theta - eps * e_t
    and theta + eps * e_t (not through theta itself). Its error is about
    (eps^2 / 6) * d3L/dtheta_t^3: far smaller than the forward difference's
    for the same eps (for L = sum of squares it is exact), which is why
    gradient checks use it.

    Inputs: L (function), theta (list of P floats), t (int), eps (float > 0).
    Returns the slope (float). Leave theta unchanged.

    >>> central_difference(lambda th: th[0] ** 2 + th[1] ** 2, [3.0, 1.0], 0, 0.5)
    6.0
    >>> central_difference(lambda th: th[0] ** 3, [1.0], 0, 0.5)
    3.25
    """
    raise NotImplementedError("Exercise 3.4: not implemented yet")


def numeric_gradient_central(L, theta, eps):
    """Exercise 3.5: the full gradient by central differences, and its cost.

    The quantity: the vector of the P central differences of Exercise 3.4,
    one per parameter, and the number of times your code evaluated L.

    As in Exercise 3.3 the check counts your calls and expects the fewest
    this formula needs: can any evaluation be shared between two
    parameters here? Compare the price with Exercise 3.3's.

    Inputs: L (function), theta (list of P floats, P >= 1), eps (float > 0).
    Returns [gradient, evaluations] as in Exercise 3.3. Use your
    central_difference (3.4).

    >>> numeric_gradient_central(lambda th: th[0] ** 2 + th[1] ** 2, [3.0, 1.0], 0.5)
    [[6.0, 2.0], 4]
    """
    raise NotImplementedError("Exercise 3.5: not implemented yet")


def relative_error(a, n):
    """Exercise 3.6: the relative error between an analytic and a numeric value.

        rel(a, n) = |a - n| / max(|a|, |n|, 1e-8)

    Inputs: a (float, e.g. a derivative from backpropagation), n (float, the
    numeric estimate). Returns a float >= 0. The floor 1e-8 keeps the
    quotient finite when both are 0 (the check tests a = n = 0 and values
    below the floor). Rough guide (CS231n): > 1e-2 means the analytic
    gradient is probably wrong; < 1e-7 with central differences is a pass
    (kinks such as the hinge's make larger values possible).

    >>> relative_error(2.0, 2.1)
    0.04761904761904766
    >>> relative_error(0.0, 0.0)
    0.0
    """
    raise NotImplementedError("Exercise 3.6: not implemented yet")


def difference_errors(L, theta, t, exact, epss):
    """Exercise 3.7: the error of both differences as eps shrinks (seed 000: "high precision").

    Seed 000's cost slide adds: "need to use high-precision due to small
    eps and numerator". Measure what that means. For each eps in ``epss``
    (largest first), compute

        forward_error = |forward_difference(L, theta, t, eps) - exact|   (3.2)
        central_error = |central_difference(L, theta, t, eps) - exact|   (3.4)

    where ``exact`` is the true dL/dtheta_t (given). Returns the table
    [[eps, forward_error, central_error], ...], one row per eps, in the
    order of ``epss``. Leave theta unchanged.

    Look at the two columns as eps shrinks: they first fall (the formulas'
    truncation error, 3.2 and 3.4), then rise again. What makes a tiny eps
    worse? (Look at how many digits L(theta + eps e_t) and L(theta) share.)
    The checks compare the rows where the error is rounding noise only to
    their order of magnitude.

    >>> L = lambda th: math.tanh(th[0] + th[1] + th[2])
    >>> exact = 1.0 - math.tanh(0.45) ** 2
    >>> rows = difference_errors(L, [0.3, -0.1, 0.25], 0, exact, [0.1, 0.001])
    >>> [["%.0e" % e, "%.1e" % fe, "%.1e" % ce] for e, fe, ce in rows]
    [['1e-01', '3.6e-02', '1.3e-03'], ['1e-03', '3.5e-04', '1.3e-07']]
    """
    raise NotImplementedError("Exercise 3.7: not implemented yet")


def best_steps(L, theta, t, exact, epss):
    """Exercise 3.8: the best eps of each difference, and its error.

    From the table of 3.7 for these inputs: the eps in ``epss`` where the
    forward difference's error is smallest, with that error, and the same
    for the central difference. Returns [[eps_forward, forward_error],
    [eps_central, central_error]].

    Predict before you run it: is the best eps the smallest one? Which of
    the two differences should have the larger best eps, and which the
    smaller best error? Explain both from what the error of 3.2 and 3.4
    does as eps shrinks (their docstrings) and from what rounding does to
    a difference of two nearly equal numbers (about 1e-16 of L each).

    On the example of 3.7 with eps = 1e-1, 1e-2, ..., 1e-13 the forward
    difference does best near 1e-8 with an error near 1e-8, the central
    one near 1e-5 with an error near 1e-11 (the checks accept an eps within
    a factor 10 of the best and an error within 2x of the smallest, so a
    tie decided by rounding noise does not matter):

    >>> L = lambda th: math.tanh(th[0] + th[1] + th[2])
    >>> exact = 1.0 - math.tanh(0.45) ** 2
    >>> epss = [10.0 ** -k for k in range(1, 14)]
    >>> best = best_steps(L, [0.3, -0.1, 0.25], 0, exact, epss)
    >>> [row[0] for row in best], best[0][1] > 1e-9, best[1][1] < 1e-10
    ([1e-08, 1e-05], True, True)
    """
    raise NotImplementedError("Exercise 3.8: not implemented yet")
