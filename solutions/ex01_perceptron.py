"""Exercise 01: The perceptron algorithm

Mirrors seed 000 (Sadiku, "What is backpropagation?"), slides "The
Perceptron" and "The Perceptron Algorithm". The lecture's definitions, used
by every step below:

    z = sum_{i=1}^n w_i x_i + b = w^T x + b        (the weighted sum)
    y = sign(z)                                     (the prediction)

        x_1 --w_1--.
        x_2 --w_2--+--> z = w^T x + b --> y = sign(z)
        ...        |
        x_n --w_n--'    (the bias b is added in z)

    The perceptron algorithm (the slide, as written):
        initialise w = 0 and b = 0
        repeat for j = 1, ..., m:
            if x(j) is correctly classified (y(j) = t(j)): continue
            if x(j) is wrongly classified (y(j) != t(j)): update
                w <- w + eta * x(j) t(j)
                b <- b + eta * t(j)
        until all examples are classified correctly

Notation: as in the whole kit, t is the label (+1 or -1), y = sign(z) the
prediction, eta the learning rate; the seed uses the same letters.

Conventions (the slides leave them open; the checks test them):

* vectors are lists of floats; the examples of a data set are a list ``X``
  of vectors with a list ``T`` of labels;
* sign(0) = 0. A point exactly on the boundary z = 0 is then given to
  neither class. Work out for yourself what that means for Exercise 1.3 and
  for the very first example the algorithm sees, when w = 0 and b = 0.

How to work: implement the steps in order (Exercise 1.1, 1.2, ...); later
steps may call your earlier ones. Check a step with ``python grader.py ex01``
(or one step: ``python grader.py ex01.3``); ``python grader.py hint 1.3``
gives a hint, one level at a time.

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
    mathematical definition); the check tests z = 0.

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

    The quantity: the slide's test "x(j) is wrongly classified" for the
    perceptron with parameters w, b (z and y as in the module docstring).

    Inputs: w (list of n floats), b (float), x (list of n floats), t (+1 or
    -1). Returns True (wrongly classified) or False (correctly classified).
    Use your weighted_sum (1.1) and sign (1.2).

    Edge case the check tests: points on the boundary z = 0, with both
    labels, among them every point when w = 0 and b = 0. Decide them with
    the module's convention for sign(0), not by a rule of your own.

    >>> is_mistake([1.0, 0.0], 0.0, [2.0, 5.0], -1)
    True
    >>> is_mistake([1.0, 0.0], 0.0, [2.0, 5.0], 1)
    False
    >>> is_mistake([0.5, -1.0], 0.25, [3.0, 1.75], 1)     # here z = 0
    True
    """
    # BEGIN SOLUTION Exercise 1.3
    return sign(weighted_sum(w, x, b)) != t
    # END SOLUTION


def perceptron_update(w, b, x, t, eta):
    """Exercise 1.4: the algorithm's update on one wrongly classified example.

    The quantity: the parameters after the slide's update step for the
    example (x, t) with learning rate eta (module docstring, "update").

    Inputs: w (list of n floats), b (float), x (list of n floats), t (+1 or
    -1), eta (float > 0). Returns [w_new, b_new]: a list of n floats and a
    float. It always updates (Exercise 1.5 decides when to call it).

    >>> perceptron_update([1.0, 0.0], 0.0, [2.0, 5.0], -1, 0.5)
    [[0.0, -2.5], -0.5]
    >>> perceptron_update([0.5, -1.0], 0.25, [1.0, 2.0], 1, 0.25)
    [[0.75, -0.5], 0.5]
    """
    # BEGIN SOLUTION Exercise 1.4
    w_new = [wi + eta * xi * t for wi, xi in zip(w, x)]
    b_new = b + eta * t
    return [w_new, b_new]
    # END SOLUTION


def perceptron_epoch(w, b, X, T, eta):
    """Exercise 1.5: one pass "repeat for j = 1, ..., m" of the algorithm.

    The quantity: the parameters after one pass over the examples in the
    order given, starting from w, b, and the number of updates the pass made.

    Which w and b decide whether example j is wrongly classified? The
    slide's loop answers it; the check's data sets are chosen so that the
    possible readings give different results.

    Inputs: w (list of n floats), b (float), X (list of m examples, each a
    list of n floats), T (list of m labels +1/-1), eta (float > 0).
    Returns [w, b, mistakes]: the parameters after the pass and the number of
    updates made during it (int). Use your is_mistake (1.3) and
    perceptron_update (1.4).

    >>> perceptron_epoch([0.0, 0.0], 0.0, [[1.0, 1.0], [-1.0, -1.0]], [1, -1], 1.0)
    [[1.0, 1.0], 1.0, 1]
    >>> perceptron_epoch([0.0, 0.0], 0.0, [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
    ...                  [-1, -1, -1, 1], 1.0)                # AND
    [[1.0, 1.0], 0.0, 2]
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

    The quantity: the slide's whole algorithm on the data (X, T), from its
    initialisation until all examples are classified correctly, made of
    passes of Exercise 1.5.

    How does the algorithm know that all examples are classified correctly?
    Decide it from the passes themselves. If the data are not linearly
    separable that never happens: then stop after ``max_epochs`` passes (the
    check tests both cases, and a max_epochs reached exactly).

    Inputs: X (list of m examples, each a list of n floats), T (list of m
    labels +1/-1), eta (float > 0), max_epochs (int >= 1).
    Returns [w, b, mistakes_per_epoch, converged]: w (list of n floats),
    b (float), mistakes_per_epoch (list of ints, the mistakes of every pass
    made, in order), converged (bool: True if the algorithm stopped because
    all examples are classified correctly). Use your perceptron_epoch (1.5).

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
