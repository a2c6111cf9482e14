"""Exercise 01: The perceptron algorithm

Mirrors seed 000 (Sadiku, "What is backpropagation?"), slides "The Perceptron"
(z = w^T x + b, y = sign(z)) and "The Perceptron Algorithm" (start from
w = 0, b = 0; go through the examples in order; on a mistake update
w <- w + eta x t, b <- b + eta t; until every example is classified
correctly).

How to work: implement the steps in order (Exercise 1.1, 1.2, ...); later
steps may call your earlier ones. Check a step with ``python grader.py ex01``
(or one step: ``python grader.py ex01.3``).

Conventions used throughout (the slides leave them open):

* vectors are lists of floats; labels t are +1 or -1; the examples of a data
  set are a list ``X`` of vectors with a list ``T`` of labels;
* sign(0) = 0: a point exactly on the boundary z = 0 belongs to neither
  class, so it is a mistake for both labels, so that from w = 0, b = 0
  (where every example has z = 0) every example triggers an update.

Allowed imports: math
"""

import math


def weighted_sum(w, x, b):
    """Exercise 1.1: the weighted sum of the input features.

        z = sum_{i=1}^n w_i x_i + b = w^T x + b

    Inputs: w (list of n floats), x (list of n floats), b (float).
    Returns z (float).

    >>> weighted_sum([2.0, -1.0], [0.5, 3.0], 0.25)
    -1.75
    """
    # BEGIN SOLUTION Exercise 1.1
    return sum(wi * xi for wi, xi in zip(w, x)) + b
    # END SOLUTION


def sign(z):
    """Exercise 1.2: the perceptron's output y = sign(z).

        sign(z) = +1 if z > 0,  -1 if z < 0,  0 if z = 0

    Input: z (float). Returns +1, -1 or 0 (int).

    The slides do not say what sign(0) is. Here sign(0) = 0 (the usual
    mathematical definition): a point on the decision boundary is given to
    neither class, so Exercise 1.3 counts it as a mistake whatever its label.

    >>> sign(0.3), sign(-2.0), sign(0.0)
    (1, -1, 0)
    """
    # BEGIN SOLUTION Exercise 1.2
    if z > 0:
        return 1
    if z < 0:
        return -1
    return 0
    # END SOLUTION


def is_mistake(w, b, x, t):
    """Exercise 1.3: is the example (x, t) wrongly classified?

        z = w^T x + b,   y = sign(z),   mistake  <=>  y != t

    Inputs: w (list of floats), b (float), x (list of floats), t (+1 or -1).
    Returns True or False. Use your weighted_sum and sign.

    With sign(0) = 0 this is the same as z t <= 0: a point on the boundary
    is a mistake for both labels. In particular, with w = 0 and b = 0 every
    example is a mistake.

    >>> is_mistake([1.0, 0.0], 0.0, [2.0, 5.0], -1)
    True
    >>> is_mistake([0.0, 0.0], 0.0, [2.0, 5.0], -1)
    True
    """
    # BEGIN SOLUTION Exercise 1.3
    return sign(weighted_sum(w, x, b)) != t
    # END SOLUTION


def perceptron_update(w, b, x, t, eta):
    """Exercise 1.4: the perceptron update for one wrongly classified example.

        w <- w + eta * x t
        b <- b + eta * t

    Inputs: w (list of floats), b (float), x (list of floats), t (+1 or -1),
    eta (float, the learning rate). Returns [w_new, b_new] (list of floats,
    float). Always applies the update (the algorithm, Exercise 1.5, decides
    when to call it). Do not change the list w in place: return a new one.

    >>> perceptron_update([1.0, 0.0], 0.0, [2.0, 5.0], -1, 0.5)
    [[0.0, -2.5], -0.5]
    """
    # BEGIN SOLUTION Exercise 1.4
    w_new = [wi + eta * xi * t for wi, xi in zip(w, x)]
    b_new = b + eta * t
    return [w_new, b_new]
    # END SOLUTION


def perceptron_epoch(w, b, X, T, eta):
    """Exercise 1.5: one pass "Repeat for j = 1, ..., m" over the data.

        for j = 1, ..., m (in order):
            if x(j) is correctly classified (y(j) = t(j)): continue
            else: w <- w + eta x(j) t(j),  b <- b + eta t(j)

    Each example is tested with the weights as they are at that moment
    (after the updates of the earlier examples in this pass).

    Inputs: w (list of floats), b (float), X (list of m examples, each a list
    of floats), T (list of m labels +1/-1), eta (float).
    Returns [w, b, mistakes]: the parameters after the pass and the number of
    mistakes (= updates) made during it (int).

    >>> perceptron_epoch([0.0, 0.0], 0.0, [[1.0, 1.0], [-1.0, -1.0]], [1, -1], 1.0)
    [[1.0, 1.0], 1.0, 1]
    """
    # BEGIN SOLUTION Exercise 1.5
    mistakes = 0
    for x, t in zip(X, T):
        if is_mistake(w, b, x, t):
            w, b = perceptron_update(w, b, x, t, eta)
            mistakes += 1
    return [w, b, mistakes]
    # END SOLUTION


def perceptron(X, T, eta=1.0, max_epochs=100):
    """Exercise 1.6: the perceptron algorithm.

        initialise w = 0 (n zeros), b = 0
        repeat the pass of Exercise 1.5
        until all examples are classified correctly

    "All examples are classified correctly" means a whole pass made no
    mistake. If the data are not linearly separable that never happens, so
    stop after at most ``max_epochs`` passes.

    Inputs: X (list of m examples, each a list of n floats), T (list of m
    labels +1/-1), eta (float > 0), max_epochs (int >= 1).
    Returns [w, b, mistakes_per_epoch, converged]:
    w (list of n floats), b (float), mistakes_per_epoch (list of ints, one
    per pass made; it ends in 0 exactly when the algorithm converged),
    converged (bool: True if the last pass made no mistake).

    >>> perceptron([[1.0, 1.0], [-1.0, -1.0]], [1, -1])
    [[1.0, 1.0], 1.0, [1, 0], True]
    >>> perceptron([[0.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]],
    ...            [-1, -1, 1, 1], max_epochs=3)[2:]     # XOR: not separable
    [[3, 4, 4], False]
    """
    # BEGIN SOLUTION Exercise 1.6
    w, b = [0.0] * len(X[0]), 0.0
    mistakes_per_epoch = []
    for _ in range(max_epochs):
        w, b, mistakes = perceptron_epoch(w, b, X, T, eta)
        mistakes_per_epoch.append(mistakes)
        if mistakes == 0:
            return [w, b, mistakes_per_epoch, True]
    return [w, b, mistakes_per_epoch, False]
    # END SOLUTION
