"""Exercise 11: Training: gradient steps, the training loop, an MLP learns XOR

Mirrors seed 000 (Sadiku), the slide "Training Neural Networks" (basic
gradient descent: initialise theta at random; repeat for T steps: compute the
forward pass, use backpropagation to extract dL/dtheta, perform a gradient
step theta = theta - gamma dL/dtheta); seed 002's "gradient-based
optimization" recipe (steps 1 to 6: initialise, output, loss, gradient,
update theta <- theta - eta grad, repeat); and seed 003 (Hung-yi Lee,
"Gradient Descent": theta^1 = theta^0 - eta grad L(theta^0), and
L(theta) = sum_n l^n(theta) so dL/dw = sum_n dl^n/dw).

The derivation is done (Exercise 10 built autodiff by hand), so from here on
you may use the library: ``from minigrad import Value`` and
``from minigrad.nn import MLP``. ``MLP(nin, nouts, activation="tanh",
out_activation="tanh", seed=s)`` builds a network with weights drawn from
``random.Random(s)``; ``model(x)`` is one Value for one output unit;
``model.parameters()`` lists its weight and bias Values (each has ``.data``
and ``.grad``); ``model.zero_grad()`` sets every ``.grad`` to 0.

The loss of this module is the mean squared error over the m examples,
L = (1/m) sum_j (y_j - t_j)^2, with labels t_j in {-1, +1} and the predicted
class sign(y_j) (seed 000's perceptron: y = sign(z)). Training (11.5 to 11.7)
uses this mean loss, not seed 003's sum: its gradient is (1/m) times the
total gradient of Exercise 11.2, dL/dw = (1/m) sum_j dl^j/dw, so the step
size does not grow with the number of examples.

How to work: implement the steps in order (11.1, 11.2, ...); later steps call
earlier ones. Run ``python grader.py ex11`` to check them.

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
    """Exercise 11.1: one gradient step, theta <- theta - eta dL/dtheta.

    Seed 000: theta = theta - gamma dL/dtheta; seed 003:
    theta^1 = theta^0 - eta grad L(theta^0). Element by element::

        theta_i  <-  theta_i - eta * dL/dtheta_i

    Inputs: ``theta`` and ``grad`` lists of floats of the same length, the
    learning rate ``eta`` (a float > 0). Returns a new list (leave the
    inputs unchanged). The minus sign moves *against* the gradient, downhill.

    Example: gradient_step([1.0, -2.0], [0.5, -1.0], 0.1) == [0.95, -1.9].
    """
    raise NotImplementedError("Exercise 11.1: not implemented yet")


def total_gradient(example_grads):
    """Exercise 11.2: the gradient of a sum of per-example losses.

    Seed 003: L(theta) = sum_{n=1}^{N} l^n(theta), so::

        dL/dw = sum_{n=1}^{N} dl^n/dw       (for every parameter w)

    Input: ``example_grads``, a list of N gradients (one per example n),
    each a list of P floats [dl^n/dtheta_1, ..., dl^n/dtheta_P]. Returns
    the list of P sums (sum over the examples, one entry per parameter).

    Example: total_gradient([[1.0, 2.0], [0.5, -1.0], [0.0, 3.0]]) == [1.5, 4.0].
    """
    raise NotImplementedError("Exercise 11.2: not implemented yet")


def mse_loss(ys, ts):
    """Exercise 11.3: the mean squared error L = (1/m) sum_j (y_j - t_j)^2.

    Inputs: ``ys``, the m network outputs, and ``ts``, the m targets. Must
    work both on floats (returns a float) and on Values (returns a Value,
    so ``loss.backward()`` works): use only ``+ - * / **``, no ``math``.

    Example: mse_loss([0.5, -1.0], [1.0, -1.0]) == ((0.5-1)**2 + 0**2) / 2 == 0.125.
    """
    raise NotImplementedError("Exercise 11.3: not implemented yet")


def accuracy(ys, ts):
    """Exercise 11.4: the fraction of examples classified correctly.

    The predicted class is sign(y_j) (seed 000: y = sign(z)), +1 if
    y_j > 0 else -1; with labels t_j in {-1, +1}::

        accuracy = (1/m) sum_j 1{sign(y_j) == t_j}

    Here an output y_j = 0 counts as the class -1: a classifier must pick a
    side, so y_j = 0 is correct for t_j = -1 and wrong for t_j = +1. This
    differs from Exercise 01, where sign(0) = 0 and a point with z = 0 is a
    mistake for both labels (the perceptron must update there).

    Inputs: ``ys`` (m floats, the network outputs) and ``ts`` (m labels
    +1.0 or -1.0). Returns a float in [0, 1].

    Example: accuracy([0.8, -0.3, 0.1, -2.0], [1, 1, 1, -1]) == 0.75.
    """
    raise NotImplementedError("Exercise 11.4: not implemented yet")


def training_step(model, xs, ts, eta):
    """Exercise 11.5: one iteration of training (seed 000's loop body).

    1. forward pass: the model's output (a Value) for every x in xs
    2. loss = mse_loss(ys, ts)                      (11.3, a Value)
    3. model.zero_grad(), then loss.backward()      (backpropagation: dL/dtheta
       in every parameter's .grad; without zero_grad the grads of the previous
       step would be added in). L is the mean loss, so this dL/dtheta is
       (1/m) times 11.2's total gradient of the per-example losses.
    4. the gradient step (11.1) on the parameters' data:
       theta <- theta - eta dL/dtheta, written back into each p.data.

    Inputs: ``model`` (a minigrad MLP with one output), ``xs`` (m input
    lists), ``ts`` (m targets), ``eta``. Returns the loss *before* the step,
    as a float (``loss.data``).
    """
    raise NotImplementedError("Exercise 11.5: not implemented yet")


def train(model, xs, ts, eta, steps):
    """Exercise 11.6: the training loop, ``steps`` times training_step (11.5).

    Seed 000: "Repeat for T steps: compute the forward pass, use
    backpropagation to extract dL/dtheta, perform a gradient step"; seed 002
    step 6: "go back to step 2 and iterate".

    Returns the loss history: a list of ``steps`` floats, the loss before
    each step. (With a small enough eta it mostly goes down.)
    """
    raise NotImplementedError("Exercise 11.6: not implemented yet")


def train_xor(seed, steps=XOR_STEPS, eta=XOR_ETA):
    """Exercise 11.7: an MLP learns XOR.

    Build ``MLP(2, [XOR_HIDDEN, 1], activation="tanh", out_activation="tanh",
    seed=seed)``, train it on ``XOR_X``, ``XOR_T`` with ``train`` (11.6) for
    ``steps`` steps of learning rate ``eta``, then classify the four points.

    Returns a dict::

        {"losses": the loss history from train (steps floats),
         "predictions": [model(x).data for x in XOR_X]  (4 floats),
         "accuracy": the accuracy (11.4) of those predictions}

    With seed 0 (and 1, 2, 4, 6) the defaults reach accuracy 1.0. Some
    seeds (3, 5 and 7 among the first ten) end at accuracy 0.75, stuck on a
    plateau or in a local minimum: gradient descent on a non-convex loss
    (seed 000) depends on where it starts.
    """
    raise NotImplementedError("Exercise 11.7: not implemented yet")
