"""Exercise 11: Training: gradient steps, the training loop, an MLP learns XOR (seeds 000, 002, 003)."""
import math

from grading.check import (CheckFailed, StudentError, check, expect_close, expect_equal,
                           expect_true, seeded)
from minigrad.train import accuracy as model_accuracy
from minigrad.engine import Value
from minigrad.losses import mse
from minigrad.nn import MLP
from minigrad.numeric import value_gradient
from minigrad.optim import SGD

MODULE = "ex11_training"
# The derivation was done by hand in Exercise 10, so this module may use the
# library: minigrad.Value for the loss and minigrad.nn.MLP for the network.
ALLOWED_IMPORTS = ["math", "minigrad"]

XOR_X = [[-1.0, -1.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 1.0]]
XOR_T = [-1.0, 1.0, 1.0, -1.0]  # +1 when the inputs differ
XOR_NET = {"nin": 2, "nouts": [4, 1], "activation": "tanh", "out_activation": "tanh"}
XOR_STEPS, XOR_ETA = 25, 0.8


# -- oracles: the library (minigrad.optim, .losses, .nn, .cli, autodiff) ---------
#
# The visible checks take their expected values from the library, which is
# public by design; the closed forms the hidden checks compare with as well
# are in functions of the hidden checks, not released.

def library_step(theta, grad, eta):
    """theta after one step of minigrad.optim.SGD(lr=eta) from the gradient ``grad``."""
    params = [Value(th) for th in theta]
    for p, g in zip(params, grad):
        p.grad = g
    SGD(params, lr=eta).step()
    return [p.data for p in params]


def library_total_gradient(example_grads):
    """dL/dtheta of L(theta) = sum_n l^n(theta) by minigrad's autodiff, with
    l^n the linear function whose gradient is example_grads[n]."""
    def L(theta):
        total = Value(0.0)
        for g in example_grads:
            for g_i, theta_i in zip(g, theta):
                total = total + g_i * theta_i  # l^n(theta) = sum_i g_i theta_i
        return total
    return value_gradient(L, [0.0] * len(example_grads[0]))


def library_accuracy(ys, ts):
    """minigrad.train.accuracy of a model whose score for input [y] is y."""
    return model_accuracy(lambda x: Value(x[0]), [[y] for y in ys], ts)


def library_run(net, xs, ts, eta, steps, zero_grad=True, uphill=False, mean=True):
    """Gradient descent with the library: minigrad.nn.MLP, the loss
    minigrad.losses.mse and minigrad.optim.SGD(lr=eta). The keyword arguments
    make the typical mistakes for the hints: no zero_grad (the grads pile
    up), uphill (a step *with* the gradient), the sum of the squared errors
    instead of their mean."""
    model = MLP(net["nin"], net["nouts"], activation=net["activation"],
                out_activation=net["out_activation"], seed=net["seed"])
    opt = SGD(model.parameters(), lr=eta)
    losses, params = [], [model.parameter_values()]
    for _ in range(steps):
        L = mse([model(x) for x in xs], ts)
        objective = L if mean else L * len(xs)
        if uphill:
            objective = -objective
        if zero_grad:
            opt.zero_grad()
        objective.backward()
        opt.step()
        losses.append(L.data)
        params.append(model.parameter_values())
    return {"losses": losses, "params": params,
            "predictions": [model(x).data for x in xs]}


# -- closed forms for the hidden checks (not released) ---------------------------

def _hidden_step(theta, grad, eta):
    """Closed form: theta_i - eta * dL/dtheta_i."""
    return [theta[i] - eta * grad[i] for i in range(len(theta))]


def _hidden_total_gradient(example_grads):
    """Closed form: one sum over the examples n per parameter i."""
    return [math.fsum(g[i] for g in example_grads) for i in range(len(example_grads[0]))]


def _hidden_mse(ys, ts):
    """Closed form: (1/m) sum_j (y_j - t_j)^2."""
    return math.fsum((y - t) ** 2 for y, t in zip(ys, ts)) / len(ys)


def _hidden_accuracy(ys, ts):
    """Closed form: the fraction of j with sign(y_j) (+1 if y_j > 0 else -1) equal to t_j."""
    return sum(1 for y, t in zip(ys, ts) if (1.0 if y > 0 else -1.0) == t) / len(ys)


def random_problem(rng):
    """A small random network and regression data (targets in [-0.9, 0.9])."""
    nin = rng.choice([1, 2, 3])
    net = {"nin": nin, "nouts": rng.choice([[3, 1], [2, 3, 1]]),
           "activation": rng.choice(["tanh", "sigmoid", "tanh"]),
           "out_activation": rng.choice(["linear", "tanh"]), "seed": rng.randrange(1000)}
    m = rng.choice([3, 4, 5])
    xs = [[round(rng.uniform(-1.5, 1.5), 3) for _ in range(nin)] for _ in range(m)]
    ts = [round(rng.uniform(-0.9, 0.9), 3) for _ in range(m)]
    eta = round(rng.uniform(0.05, 0.3), 3)
    return net, xs, ts, eta


# =============================================================================
# 11.1 the gradient step
# =============================================================================

STEP_HINT = ("Each parameter moves against its own gradient entry, by a distance that the "
             "learning rate scales; one new value per parameter.")


def step_case(rng):
    n = rng.randrange(1, 10)
    return ([rng.uniform(-3, 3) for _ in range(n)], [rng.uniform(-2, 2) for _ in range(n)],
            rng.uniform(0.01, 0.9))


INPLACE_HINT = ("Your gradient_step changed a list it was given, in place (an entry of theta "
                "or grad assigned, or the list extended or cleared): the caller's theta and "
                "grad must stay as they were. Build the new parameters as a new list and "
                "leave both inputs alone.")


def expect_step(student, theta, grad, eta, want):
    """gradient_step through the driver, which sends back, besides the answer, the very
    lists the student got, as they are after the call (a plain call sends copies)."""
    inputs = {"theta": theta, "grad": grad, "eta": eta}
    out = student.drive("ex11_gradient_step", theta, grad, eta)
    for name, sent in (("theta", theta), ("grad", grad)):
        expect_equal(out[name], sent, inputs=inputs, hint=INPLACE_HINT,
                     what="%s after the call (your gradient_step changed it in place)" % name)
    got = out["new"]
    expect_close(got, want, inputs=inputs, what="the new theta",
                 hint=STEP_HINT,
                 mistakes={"sign": ([2.0 * th - w for th, w in zip(theta, want)],  # reversed
                                    "Sign: theta <- theta - eta dL/dtheta. Adding the gradient "
                                    "walks uphill and increases the loss."),
                           "no eta": (library_step(theta, grad, 1.0),
                                      "The step ignores the learning rate: its size must "
                                      "scale with eta."),
                           "unchanged": (list(theta), "Nothing moved: the new parameters must "
                                                      "differ from theta wherever the gradient "
                                                      "is not 0.")})


@check("Exercise 11.1", points=1, visibility="visible")
def test_gradient_step_example(student):
    "gradient_step on the docstring's two examples and 3 seeded parameter vectors (lengths 1 to 9) and learning rates, against one step of minigrad.optim.SGD; theta and grad must be left unchanged."
    cases = [([1.0, -2.0], [0.5, -1.0], 0.1), ([0.3, 0.0, -1.2], [-2.0, 0.4, 0.0], 0.25)]
    for theta, grad, eta in cases + seeded(1110, 3, step_case):
        expect_step(student, theta, grad, eta, library_step(theta, grad, eta))


@check("Exercise 11.1", points=2, visibility="hidden")
def test_gradient_step_seeded(student):
    "gradient_step on seeded parameter vectors (lengths 1 to 9) and learning rates, and a zero gradient; theta and grad must be left unchanged."
    for theta, grad, eta in seeded(111, 4, step_case) + [([0.3, -0.7], [0.0, 0.0], 0.5)]:
        expect_step(student, theta, grad, eta, _hidden_step(theta, grad, eta))


# =============================================================================
# 11.2 the gradient of a sum over examples
# =============================================================================

def total_case(rng):
    N, P = rng.randrange(1, 7), rng.randrange(1, 6)
    if P == N:
        P += 1
    return [[rng.uniform(-2, 2) for _ in range(P)] for _ in range(N)]


def expect_total(student, grads, want):
    got = student.call("total_gradient", grads)
    N = len(grads)
    expect_close(got, want, inputs={"example_grads": grads}, what="dS/dtheta",
                 hint="The derivative of a sum is built from the derivatives of its terms: "
                      "one result per parameter, combining the N examples.",
                 mistakes={"mean": ([w / N for w in want],
                                    "You averaged. This step is the gradient of the sum "
                                    "S = sum_n L_n (seed 003's L), not of the mean J: no 1/N."),
                           "per example": ([math.fsum(g) for g in grads],
                                           "You summed within each example (over parameters). "
                                           "Sum over the examples n, one result per parameter.")})


@check("Exercise 11.2", points=2, visibility="visible")
def test_total_gradient_example(student):
    "total_gradient of the docstring's [[1, 2], [0.5, -1], [0, 3]] and of 3 seeded sets (1 to 6 examples, 1 to 5 parameters, never as many as examples), against minigrad's autodiff of S = sum_n L_n."
    grads = [[1.0, 2.0], [0.5, -1.0], [0.0, 3.0]]
    for grads in [grads] + seeded(1120, 3, total_case):
        expect_total(student, grads, library_total_gradient(grads))


@check("Exercise 11.2", points=4, visibility="hidden")
def test_total_gradient_seeded(student):
    "total_gradient on other seeded per-example gradients (1 to 6 examples, 1 to 5 parameters)."
    for grads in seeded(112, 4, total_case):
        expect_total(student, grads, _hidden_total_gradient(grads))


# =============================================================================
# 11.3 the mean squared error
# =============================================================================

def mse_case(rng):
    m = rng.randrange(2, 9)
    return [rng.uniform(-2, 2) for _ in range(m)], [rng.choice([-1.0, 1.0]) for _ in range(m)]


def expect_mse(student, ys, ts, want):
    got = student.call("mse_cost", ys, ts)
    m = len(ys)
    expect_close(got, want, inputs={"ys": ys, "ts": ts}, what="J",
                 hint="J = (1/m) sum_j (y_j - t_j)^2: square each error, sum, divide by m.",
                 mistakes={"sum": (want * m, "You forgot the 1/m: J is the *mean* of the "
                                             "per-example losses, not their sum."),
                           "no square": (math.fsum(y - t for y, t in zip(ys, ts)) / m,
                                         "Square each error (y_j - t_j)^2 before summing.")})


@check("Exercise 11.3", points=1, visibility="visible")
def test_mse_cost_example(student):
    "mse_cost([0.5, -1.0], [1.0, -1.0]), one example, and 3 seeded outputs and +-1 labels (2 to 8 examples), against minigrad.losses.mse."
    cases = [([0.5, -1.0], [1.0, -1.0]), ([0.75], [1.0])] + seeded(1130, 3, mse_case)
    for ys, ts in cases:
        expect_mse(student, ys, ts, mse(ys, ts))


@check("Exercise 11.3", points=2, visibility="hidden")
def test_mse_cost_seeded(student):
    "mse_cost on other seeded outputs and +-1 labels (1 to 8 examples)."
    for ys, ts in seeded(113, 4, mse_case):
        expect_mse(student, ys, ts, _hidden_mse(ys, ts))
    expect_mse(student, [0.25], [-1.0], _hidden_mse([0.25], [-1.0]))


# =============================================================================
# 11.4 accuracy
# =============================================================================

def expect_accuracy(student, ys, ts, want, tie=False):
    got = student.call("accuracy", ys, ts)
    n = round(want * len(ys))
    tie_rule = {}
    if tie:  # y = 0 taken as +1
        tie_rule = {"zero as +1": (sum(1 for y, t in zip(ys, ts) if (1.0 if y >= 0 else -1.0) == t)
                                   / len(ys), TIE_HINT)}
    expect_close(got, want, inputs={"ys": ys, "ts": ts}, what="the accuracy",
                 hint="Predict sign(y) (+1 if y > 0 else -1), count the matches with t, "
                      "divide by m.",
                 mistakes={"count": (float(n), "Divide the number of correct predictions by "
                                               "the number of examples m: a fraction in [0, 1]."),
                           "error rate": (1.0 - want,
                                          "That is the error rate; accuracy counts the "
                                          "*correct* predictions."),
                           "raw compare": (sum(1 for y, t in zip(ys, ts) if y == t) / len(ys),
                                           "Compare the predicted class sign(y), not the raw "
                                           "output y, with the label t."), **tie_rule})


def accuracy_case(rng):
    m = rng.randrange(3, 12)
    ys = [rng.choice([-1, 1]) * rng.uniform(0.05, 2) for _ in range(m)]
    return ys, [rng.choice([-1.0, 1.0]) for _ in range(m)]


TIE_HINT = ("An output y = 0 counts as the class -1 (the docstring: +1 only if y > 0), so it "
            "is right for t = -1 and wrong for t = +1.")


@check("Exercise 11.4", points=1, visibility="visible")
def test_accuracy_example(student):
    "accuracy([0.8, -0.3, 0.1, -2.0], [1, 1, 1, -1]), outputs exactly 0 (class -1), all right, all wrong, and 3 seeded cases, against minigrad's accuracy (sign(y) == t)."
    cases = [([0.8, -0.3, 0.1, -2.0], [1.0, 1.0, 1.0, -1.0]),
             ([0.5, -0.4, 1.2], [1.0, -1.0, 1.0]), ([0.5, -0.4, 1.2], [-1.0, 1.0, -1.0])]
    for ys, ts in cases + seeded(1140, 3, accuracy_case):
        expect_accuracy(student, ys, ts, library_accuracy(ys, ts))
    ys, ts = [0.0, 0.5, -0.5, 0.0, 0.0], [-1.0, 1.0, -1.0, -1.0, 1.0]
    expect_accuracy(student, ys, ts, library_accuracy(ys, ts), tie=True)


@check("Exercise 11.4", points=2, visibility="hidden")
def test_accuracy_seeded(student):
    "accuracy on other seeded outputs (away from 0) and labels, and other outputs exactly 0."
    for ys, ts in seeded(114, 4, accuracy_case):
        expect_accuracy(student, ys, ts, _hidden_accuracy(ys, ts))
    ys, ts = [0.0, -0.2, 0.0, 0.9], [1.0, -1.0, -1.0, 1.0]
    expect_accuracy(student, ys, ts, _hidden_accuracy(ys, ts), tie=True)


# =============================================================================
# 11.5 one training step
# =============================================================================


STEP5_HINT = ("One iteration of seed 000's loop: the forward pass on every x, J by your 11.3, "
              "backpropagation from J with the old grads cleared, then your gradient step "
              "(11.1) written back into every parameter; return J before the step, a float.")


def describe(net):
    return ("MLP(%(nin)d, %(nouts)r, activation=%(activation)r, "
            "out_activation=%(out_activation)r, seed=%(seed)d)" % net)


def expect_training_steps(student, net, xs, ts, eta, k=2):
    got = student.drive("ex11_training_steps", net, xs, ts, eta, k)
    want = library_run(net, xs, ts, eta, k)
    inputs = {"model": describe(net), "xs": xs, "ts": ts, "eta": eta, "steps": k}
    mistakes = {
        "no zero_grad": (library_run(net, xs, ts, eta, k, zero_grad=False)["params"],
                         "The old grads were not cleared (model.zero_grad() before backward): "
                         "grads accumulate, so the second step also used the first step's "
                         "gradient."),
        "sign": (library_run(net, xs, ts, eta, k, uphill=True)["params"],
                 "Sign: the parameters moved uphill, with the gradient; J must go down."),
        "sum": (library_run(net, xs, ts, eta, k, mean=False)["params"],
                "You stepped on the sum of the squared errors, m J; the cost is the mean J "
                "of your mse_cost (11.3)."),
        "no update": ([want["params"][0]] * (k + 1),
                      "The parameters did not change: either the new values were not written "
                      "back into each p.data (a new list alone does not change the model), "
                      "or the grads were 0 when the step used them (cleared after backward "
                      "instead of before)."),
    }
    expect_close(got["params"], want["params"], inputs=inputs,
                 what="the parameters after each step (params[0] is before the first)",
                 hint=STEP5_HINT, mistakes=mistakes)
    after = [library_run(net, xs, ts, eta, k + 1)["losses"][1:]]
    expect_close(got["losses"], want["losses"], inputs=inputs, what="the returned J values",
                 hint="Return J before the step, as a float (the .data of your 11.3's J).",
                 mistakes={"after": (after[0], "You returned J after the step; the step "
                                               "returns the J it started from, before the "
                                               "update.")})


@check("Exercise 11.5", points=3, visibility="visible", uses=("11.1", "11.3"))
def test_training_step_example(student):
    "Two training steps of the 2-4-1 tanh MLP (seed 0) on XOR, eta 0.8, then of 3 seeded small MLPs (1 to 3 inputs, 1 or 2 hidden layers, tanh/sigmoid, linear/tanh output) on seeded regression data: J values and parameters against minigrad autodiff."
    expect_training_steps(student, dict(XOR_NET, seed=0), XOR_X, XOR_T, XOR_ETA)
    for net, xs, ts, eta in seeded(1150, 3, random_problem):
        expect_training_steps(student, net, xs, ts, eta)


@check("Exercise 11.5", points=6, visibility="hidden", uses=("11.1", "11.3"))
def test_training_step_seeded(student):
    "Two training steps of other seeded small MLPs on seeded regression data: J values and parameters against minigrad autodiff."
    for net, xs, ts, eta in seeded(115, 4, random_problem):
        expect_training_steps(student, net, xs, ts, eta)


# =============================================================================
# 11.6 the training loop
# =============================================================================

def expect_train(student, net, xs, ts, eta, steps):
    got = student.drive("ex11_train", net, xs, ts, eta, steps)
    want = library_run(net, xs, ts, eta, steps)
    inputs = {"model": describe(net), "xs": xs, "ts": ts, "eta": eta, "steps": steps}
    expect_equal(len(got["losses"]), steps, inputs=inputs, what="the number of J values",
                 hint="Return one J per step: the list of what training_step returned.")
    expect_close(got["losses"], want["losses"], inputs=inputs, what="the history of J",
                 hint="Call training_step (11.5) steps times on the same model and collect "
                      "what it returns.")
    expect_close(got["params"], want["params"][-1], inputs=inputs,
                 what="the parameters after training",
                 hint="Call training_step (11.5) exactly `steps` times on the same model.")


@check("Exercise 11.6", points=1, visibility="visible", uses=("11.1", "11.3", "11.5"))
def test_train_example(student):
    "train runs 10 steps of a 2-4-1 tanh MLP (seed 0) on XOR, 1 step (seed 3), and 3 seeded small MLPs (3 to 8 steps): history of J and final parameters against minigrad."
    expect_train(student, dict(XOR_NET, seed=0), XOR_X, XOR_T, XOR_ETA, 10)
    expect_train(student, dict(XOR_NET, seed=3), XOR_X, XOR_T, XOR_ETA, 1)
    for k, (net, xs, ts, eta) in enumerate(seeded(1160, 3, random_problem)):
        expect_train(student, net, xs, ts, eta, 3 + (5 * k) % 6)


@check("Exercise 11.6", points=2, visibility="hidden", uses=("11.1", "11.3", "11.5"))
def test_train_seeded(student):
    "train on other seeded small MLPs and regression data (3 to 8 steps): history of J and final parameters against minigrad."
    for k, (net, xs, ts, eta) in enumerate(seeded(116, 4, random_problem)):
        expect_train(student, net, xs, ts, eta, 3 + (5 * k) % 6)
    expect_train(student, dict(XOR_NET, seed=5), XOR_X, XOR_T, XOR_ETA, 2)


# =============================================================================
# 11.7 an MLP learns XOR
# =============================================================================

XOR_HINT = ("Build the 2-4-1 tanh MLP with the seed you were given and train it with your "
            "train (11.6) for the given steps and eta.")


XOR_VALUE_HINT = ("A Value where the dict needs a plain number: the history of J comes from "
                  "your training_step (11.5), which must return J's data, a float, not the "
                  "Value J (the checks of 11.5 and 11.6 convert a Value, this one cannot); "
                  "each prediction is an output's data too.")


def expect_xor(student, seed, steps=XOR_STEPS, eta=XOR_ETA):
    inputs = {"seed": seed, "steps": steps, "eta": eta}
    try:
        got = student.call("train_xor", seed, steps, eta)
    except StudentError as err:
        if err.kind == "bad_return" and "Value" in err.message:
            raise CheckFailed(err.message, inputs=inputs, hint=XOR_VALUE_HINT)
        raise
    expect_true(isinstance(got, dict) and {"losses", "predictions", "accuracy"} <= set(got),
                "train_xor must return a dict with keys 'losses', 'predictions', 'accuracy'",
                inputs=inputs, got=got)
    want = library_run(dict(XOR_NET, seed=seed), XOR_X, XOR_T, eta, steps)
    mistakes = {}
    if seed != 0:
        mistakes["seed 0"] = (library_run(dict(XOR_NET, seed=0), XOR_X, XOR_T, eta, steps)["losses"],
                              "This is the history of seed 0, not of seed %d: pass the seed "
                              "argument on to the MLP." % seed)
    if (steps, eta) != (XOR_STEPS, XOR_ETA):
        mistakes["defaults"] = (
            library_run(dict(XOR_NET, seed=seed), XOR_X, XOR_T, XOR_ETA, XOR_STEPS)["losses"],
            "You trained with the default steps and eta (XOR_STEPS, XOR_ETA), not the "
            "arguments steps=%d, eta=%g." % (steps, eta))
    expect_close(got["losses"], want["losses"], inputs=inputs, what="the history of J",
                 hint=XOR_HINT, mistakes=mistakes)
    expect_close(got["predictions"], want["predictions"], inputs=inputs,
                 what="the predictions after training",
                 hint="predictions: model(x).data for each x in XOR_X, after training.")
    acc = library_accuracy(got["predictions"], XOR_T)
    expect_close(got["accuracy"], acc, inputs=inputs, what="the accuracy",
                 hint="accuracy(predictions, XOR_T) with your 11.4.")
    if (steps, eta) == (XOR_STEPS, XOR_ETA):
        expect_true(got["losses"][-1] < 0.25 * got["losses"][0],
                    "J did not go down (first %.4g, last %.4g)"
                    % (got["losses"][0], got["losses"][-1]), inputs=inputs, hint=XOR_HINT)
        expect_equal(round(acc * len(XOR_T)), 4, inputs=inputs,
                     what="the number of XOR points classified correctly",
                     hint="With this seed the trained network classifies all four points.")


XOR_USES = ("11.1", "11.3", "11.4", "11.5", "11.6")


@check("Exercise 11.7", points=2, visibility="visible", uses=XOR_USES)
def test_train_xor_example(student):
    "train_xor with seeds 0, 1 and 2 (25 steps, eta 0.8: J falls, all 4 points classified right) and with seed 1, 12 steps, eta 0.5: history of J and predictions against minigrad."
    for seed in (0, 1, 2):
        expect_xor(student, seed)
    expect_xor(student, 1, 12, 0.5)


@check("Exercise 11.7", points=4, visibility="hidden", uses=XOR_USES)
def test_train_xor_seeded(student):
    "train_xor with seeds 4, 6 and 8 (accuracy 1.0) and seed 9 with 15 steps, eta 0.6: history of J and predictions against minigrad."
    for seed in (4, 6, 8):
        expect_xor(student, seed)
    expect_xor(student, 9, 15, 0.6)


# =============================================================================
# hints on demand, what an exception means, the realistic mistakes
# =============================================================================

BOOKKEEPING = ("Exercise 11.3", "Exercise 11.4", "Exercise 11.6")

HINTS = {
    "Exercise 11.1": [
        "The gradient points in the direction in which J grows fastest. Which way must a "
        "parameter move for J to shrink?",
        "Each parameter gets its own update, from its own gradient entry; the learning rate "
        "eta scales how far it moves.",
        "The new theta_i is the old theta_i minus eta times dJ/dtheta_i. Build a new list, "
        "one entry per parameter.",
    ],
    "Exercise 11.2": [
        "The derivative is linear: the derivative of a sum is the sum of the derivatives.",
        "For one parameter i, the sum over the examples n of dL_n/dtheta_i. Do that for every "
        "parameter i.",
        "The input is N rows (examples) of P entries (parameters); the answer has P entries, "
        "each the sum down one column. No division by N: that would be the mean's gradient.",
    ],
    "Exercise 11.3": [
        "For each example, the error y_j minus t_j, squared: that is L_j.",
        "Add the L_j up and divide by the number of examples m. Use only arithmetic "
        "operators, so that the same code works on Values.",
    ],
    "Exercise 11.4": [
        "First turn each output into a class: +1 when y is strictly positive, else -1 (so 0 "
        "gives -1).",
        "Count the examples whose class equals the label, and divide by the number of "
        "examples.",
    ],
    "Exercise 11.5": [
        "Seed 000's loop body: forward pass, backpropagation, gradient step. Your 11.3 gives "
        "J as a Value, and calling backward on it fills every parameter's grad.",
        "backward adds to the grads. The previous step left its grads in the parameters, so "
        "they must be zero when this step's backward starts (model.zero_grad), and still hold "
        "this step's gradient when your update reads them.",
        "After backward, take the parameters' data and grads as two lists, apply your 11.1, "
        "and write each new value back into its parameter's data: the model holds the "
        "Values, not your list. Report J's data from before the update.",
    ],
    "Exercise 11.6": [
        "Call your training_step on the same model, steps times.",
        "Collect the value each call reports, in order: one J per step.",
    ],
    "Exercise 11.7": [
        "Build the network with the given seed (the docstring names the MLP), then train it "
        "with your 11.6 using the steps and eta you were given, not the defaults.",
        "After training, evaluate the model on each XOR point and keep the data of each "
        "output; the accuracy of those predictions is your 11.4.",
    ],
}

ERRORS = {
    "Exercise 11.1": {"IndexError": "theta and grad have the same length P; build the result "
                                    "from both, one entry per parameter."},
    "Exercise 11.2": {"IndexError": "There are N examples (rows) and P parameters (entries "
                                    "per row), and N is not P here: one result per parameter."},
    "Exercise 11.3": {"TypeError": "mse_cost gets floats in one check and Values in 11.5: "
                                   "use + - * / ** only (no math functions, no float())."},
    "Exercise 11.5": {
        "AttributeError": "model.parameters() is a list of Values; each has .data and .grad. "
                          "J is a Value (backward, data); the floats of your 11.1 are not.",
        "TypeError": "Your 11.1 works on lists of floats: give it the parameters' data and "
                     "grads, not the Values.",
    },
    "Exercise 11.7": {"KeyError": "train_xor returns a dict with the keys 'losses', "
                                  "'predictions' and 'accuracy'."},
}
