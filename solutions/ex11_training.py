"""Exercise 11: Training: gradient steps, the training loop, an MLP learns XOR

Mirrors seed 000 (Sadiku), the slide "Training Neural Networks" (basic
gradient descent: initialise theta at random; repeat for T steps: compute the
forward pass, use backpropagation to extract the gradient, perform a gradient
step with a learning rate); seed 002's "gradient-based optimization" recipe
(steps 1 to 6: initialise, output, loss, gradient, update, repeat); and seed
003 (Hung-yi Lee, "Gradient Descent", and the loss of a data set as a sum over
its examples).

The setting, in the kit's notation::

    x_j  --[ network with parameters theta ]-->  y_j      (j = 1, ..., m)
    L_j = (y_j - t_j)^2                 the loss of ONE example (target t_j)
    J   = (1/m) sum_j L_j               the cost: the mean over the data set

Training moves theta downhill on J. theta holds all P parameters (weights
and biases) as one list; eta is the learning rate.

Notation of the seeds: seed 000 writes gamma for the learning rate (our eta)
and calls its training objective L (for a data set that is our J). Seed 003
writes l^n for one example's loss (our L_j) and L = sum_n l^n for the data
set: that sum is m J, the cost without the 1/m. Training here (11.5 to 11.7)
uses the mean J, so the size of a step does not grow with the number of
examples.

The derivation is done (Exercise 10 built autodiff by hand), so from here on
you may use the library: ``from minigrad import Value`` and
``from minigrad.nn import MLP``. ``MLP(nin, nouts, activation="tanh",
out_activation="tanh", seed=s)`` builds a network with weights drawn from
``random.Random(s)``; ``model(x)`` is one Value for one output unit;
``model.parameters()`` lists its weight and bias Values (each has ``.data``
and ``.grad``); ``model.zero_grad()`` sets every ``.grad`` to 0; a Value's
``.backward()`` adds d(that Value)/dp into every ``p.grad`` it depends on.

How to work: implement the steps in order (11.1, 11.2, ...); later steps call
earlier ones. Run ``python grader.py ex11`` to check them, and
``python grader.py hint 11.5`` for a hint, one level at a time.

Allowed imports: math, minigrad
"""

from minigrad.nn import MLP

# The four XOR points and their labels: +1 when the two inputs differ. No
# straight line separates the classes, so a perceptron cannot learn this,
# but a network with one hidden layer can.
XOR_X = [[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]]
XOR_T = [-1.0, 1.0, 1.0, -1.0]

# The settings train_xor uses (Exercise 11.7): a 2-4-1 tanh network, 25 full-batch steps.
XOR_HIDDEN = 4
XOR_STEPS = 25
XOR_ETA = 0.8


def gradient_step(theta, grad, eta):
    """Exercise 11.1: one gradient step on the cost J.

    Seed 000's loop ends each iteration with "perform a gradient step" with
    learning rate gamma (our eta). Given the parameters ``theta`` and the
    gradient ``grad`` = dJ/dtheta (one entry per parameter), find the new
    parameters: which way must each theta_i move for J to go *down*, and how
    far, for the learning rate ``eta`` (a float > 0)?

    Inputs: ``theta`` and ``grad``, lists of P floats; ``eta``. Returns a
    new list of P floats. Leaves its inputs unchanged: the check looks at
    ``theta`` and ``grad`` after the call.

    >>> gradient_step([1.0, -2.0], [0.5, -1.0], 0.1)
    [0.95, -1.9]
    >>> gradient_step([0.3, 0.0, -1.2], [-2.0, 0.4, 0.0], 0.25)
    [0.8, -0.1, -1.2]
    """
    # BEGIN SOLUTION Exercise 11.1
    return [th - eta * g for th, g in zip(theta, grad)]
    # END SOLUTION


def total_gradient(example_grads):
    """Exercise 11.2: the gradient of a sum of per-example losses.

    Seed 003 writes the loss of a data set as the sum of the examples'
    losses, S(theta) = sum_n L_n(theta) (its L = sum_n l^n). Given each
    example's gradient dL_n/dtheta, what is dS/dtheta_i for every parameter
    i? (J = S / m, so dJ/dtheta is that result divided by m: 11.5 gets it
    from autodiff.)

    Input: ``example_grads``, a list of N >= 1 gradients (one per example
    n), each a list of P floats [dL_n/dtheta_1, ..., dL_n/dtheta_P]. Returns
    a list of P floats, one per parameter. N and P differ in the checks.

    >>> total_gradient([[1.0, 2.0], [0.5, -1.0], [0.0, 3.0]])
    [1.5, 4.0]
    """
    # BEGIN SOLUTION Exercise 11.2
    P = len(example_grads[0])
    return [sum(g[i] for g in example_grads) for i in range(P)]
    # END SOLUTION


def mse_cost(ys, ts):
    """Exercise 11.3: the cost J = (1/m) sum_j L_j, with L_j = (y_j - t_j)^2.

    The mean squared error of the m examples (the module docstring's J; a
    bookkeeping step: the formula is the definition). Inputs: ``ys``, the m
    network outputs, and ``ts``, the m targets. Must work both on floats
    (returns a float) and on Values (returns a Value, so ``J.backward()``
    works): use only ``+ - * / **``, no ``math``.

    >>> mse_cost([0.5, -1.0], [1.0, -1.0])
    0.125
    """
    # BEGIN SOLUTION Exercise 11.3
    m = len(ys)
    total = 0.0
    for y, t in zip(ys, ts):
        total = total + (y - t) ** 2
    return total * (1.0 / m)
    # END SOLUTION


def accuracy(ys, ts):
    """Exercise 11.4: the fraction of examples classified correctly.

    The predicted class is the sign of the output y_j (as seed 000's
    perceptron classifies by the sign of z), +1 if y_j > 0 else -1; with
    labels t_j in {-1, +1}::

        accuracy = (1/m) sum_j 1{sign(y_j) == t_j}

    Here an output y_j = 0 counts as the class -1: a classifier must pick a
    side, so y_j = 0 is correct for t_j = -1 and wrong for t_j = +1 (the
    checks test it). This differs from Exercise 01, where sign(0) = 0 and a
    point with z = 0 is a mistake for both labels (the perceptron must
    update there).

    Inputs: ``ys`` (m floats, the network outputs) and ``ts`` (m labels
    +1.0 or -1.0). Returns a float in [0, 1].

    >>> accuracy([0.8, -0.3, 0.1, -2.0], [1, 1, 1, -1])
    0.75
    """
    # BEGIN SOLUTION Exercise 11.4
    correct = 0
    for y, t in zip(ys, ts):
        predicted = 1.0 if y > 0 else -1.0
        if predicted == t:
            correct += 1
    return correct / len(ys)
    # END SOLUTION


def training_step(model, xs, ts, eta):
    """Exercise 11.5: one iteration of training (seed 000's loop body).

    One pass of seed 000's loop on the whole data set: forward pass, the
    gradient dJ/dtheta by backpropagation, a gradient step. You have
    ``mse_cost`` (11.3), ``gradient_step`` (11.1) and the library's model
    (module docstring). Settle: which Value do you call ``.backward()`` on?
    What do the parameters' ``.grad`` hold before that call (the previous
    step ran ``.backward()`` too), and what must they hold after it? Where
    do the new parameter values have to end up so that the *model* changes?

    Inputs: ``model`` (a minigrad MLP with one output), ``xs`` (m input
    lists), ``ts`` (m targets), ``eta``. Returns J *before* the step, as a
    float. The checks compare the parameters after each of two steps, on
    the XOR net and on networks with other widths and depths.

    Example: three steps of the XOR net of 11.7 (seed 0, eta = 0.8); each
    returns the J it started from, and J goes down:

    >>> model = MLP(2, [4, 1], activation="tanh", out_activation="tanh", seed=0)
    >>> [round(training_step(model, XOR_X, XOR_T, 0.8), 6) for _ in range(3)]
    [1.057968, 1.0172, 1.00336]
    """
    # BEGIN SOLUTION Exercise 11.5
    ys = [model(x) for x in xs]
    J = mse_cost(ys, ts)
    model.zero_grad()
    J.backward()
    params = model.parameters()
    new = gradient_step([p.data for p in params], [p.grad for p in params], eta)
    for p, value in zip(params, new):
        p.data = value
    return J.data
    # END SOLUTION


def train(model, xs, ts, eta, steps):
    """Exercise 11.6: the training loop, ``steps`` times training_step (11.5).

    Seed 000: "Repeat for T steps: compute the forward pass, use
    backpropagation to extract the gradient, perform a gradient step"; seed
    002 step 6: "go back to step 2 and iterate". A bookkeeping step: the
    loop around your 11.5, on the same model.

    Returns the history of the cost: a list of ``steps`` floats, J before
    each step. (With a small enough eta it mostly goes down.)

    >>> model = MLP(2, [4, 1], activation="tanh", out_activation="tanh", seed=0)
    >>> [round(J, 6) for J in train(model, XOR_X, XOR_T, 0.8, 4)]
    [1.057968, 1.0172, 1.00336, 0.999095]
    """
    # BEGIN SOLUTION Exercise 11.6
    return [training_step(model, xs, ts, eta) for _ in range(steps)]
    # END SOLUTION


def train_xor(seed, steps=XOR_STEPS, eta=XOR_ETA):
    """Exercise 11.7: an MLP learns XOR.

    Build ``MLP(2, [XOR_HIDDEN, 1], activation="tanh", out_activation="tanh",
    seed=seed)`` (the ``seed`` argument decides the initial weights: the
    checks use several), train it on ``XOR_X``, ``XOR_T`` with ``train``
    (11.6) for ``steps`` steps of learning rate ``eta``, then classify the
    four points.

    Returns a dict::

        {"losses": the history of J from train (steps floats),
         "predictions": [model(x).data for x in XOR_X]  (4 floats),
         "accuracy": the accuracy (11.4) of those predictions}

    (The key is "losses" for the history of J, the mean loss.) With seeds 0,
    1, 2, 4 and 6 the defaults reach accuracy 1.0. Some seeds (3, 5 and 7
    among the first ten) end at accuracy 0.75, stuck on a plateau or in a
    local minimum: gradient descent on a non-convex cost (seed 000) depends
    on where it starts.

    >>> result = train_xor(0)
    >>> round(result["losses"][0], 4), round(result["losses"][-1], 4), result["accuracy"]
    (1.058, 0.0143, 1.0)
    """
    # BEGIN SOLUTION Exercise 11.7
    model = MLP(2, [XOR_HIDDEN, 1], activation="tanh", out_activation="tanh", seed=seed)
    losses = train(model, XOR_X, XOR_T, eta, steps)
    predictions = [model(x).data for x in XOR_X]
    return {"losses": losses, "predictions": predictions,
            "accuracy": accuracy(predictions, XOR_T)}
    # END SOLUTION
