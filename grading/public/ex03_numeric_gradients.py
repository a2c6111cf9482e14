"""Public helpers for Exercise 03 (numeric gradients).

FUNCTIONS: error functions L(theta) that the checks pass to your numeric
differentiation steps (besides those in common.py). The gradient steps
(3.3, 3.5) get an L that the grader evaluates and counts in its own process
(``grading.check.Callback``), so it can compare the number of evaluations
you report with the number that really happened.
"""


def hinge_average(theta, X, T):
    """Seed 000's perceptron loss as a function of theta = [w_1, ..., w_n, b]:

        L(theta) = (1/m) sum_j max(0, -(w^T x(j) + b) t(j))
    """
    w, b = theta[:-1], theta[-1]
    total = 0.0
    for x, t in zip(X, T):
        z = sum(wi * xi for wi, xi in zip(w, x)) + b
        total += max(0.0, -z * t)
    return total / len(X)


FUNCTIONS = {"hinge_average": hinge_average}
