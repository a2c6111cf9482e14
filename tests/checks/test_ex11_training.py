"""Exercise 11: Training: gradient steps, the training loop, an MLP learns XOR (seeds 000, 002, 003)."""
import math

from grading.check import check, expect_close, expect_equal, expect_true, seeded
from minigrad.cli import accuracy as model_accuracy
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
    """minigrad.cli.accuracy of a model whose score for input [y] is y."""
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


# -- closed forms and seeded cases for the hidden checks (not released) -----------

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


def _hidden_random_problem(rng):
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

STEP_HINT = "theta_i - eta * dL/dtheta_i for every i: move against the gradient."


def expect_step(student, theta, grad, eta, want):
    got = student.call("gradient_step", theta, grad, eta)
    expect_close(got, want,
                 inputs={"theta": theta, "grad": grad, "eta": eta}, what="the new theta",
                 hint=STEP_HINT,
                 mistakes={"sign": ([2.0 * th - w for th, w in zip(theta, want)],  # reversed
                                    "Sign: theta <- theta - eta dL/dtheta. Adding the gradient "
                                    "walks uphill and increases the loss."),
                           "no eta": (library_step(theta, grad, 1.0),
                                      "Multiply the gradient by the learning rate eta.")})


@check("Exercise 11.1", points=1, visibility="visible")
def test_gradient_step_example(student):
    "gradient_step([1.0, -2.0], [0.5, -1.0], 0.1) against one step of minigrad.optim.SGD."
    theta, grad, eta = [1.0, -2.0], [0.5, -1.0], 0.1
    expect_step(student, theta, grad, eta, library_step(theta, grad, eta))


@check("Exercise 11.1", points=2, visibility="hidden")
def test_gradient_step_seeded(student):
    "gradient_step on seeded parameter vectors (lengths 1 to 9) and learning rates, and a zero gradient."
    def case(rng):
        n = rng.randrange(1, 10)
        return ([rng.uniform(-3, 3) for _ in range(n)], [rng.uniform(-2, 2) for _ in range(n)],
                rng.uniform(0.01, 0.9))
    for theta, grad, eta in seeded(111, 4, case) + [([0.3, -0.7], [0.0, 0.0], 0.5)]:
        expect_step(student, theta, grad, eta, _hidden_step(theta, grad, eta))


# =============================================================================
# 11.2 the gradient of a sum over examples
# =============================================================================

def expect_total(student, grads, want):
    got = student.call("total_gradient", grads)
    N = len(grads)
    expect_close(got, want, inputs={"example_grads": grads}, what="dL/dtheta",
                 hint="dL/dw = sum over the examples n of dl^n/dw: one sum per parameter.",
                 mistakes={"mean": ([w / N for w in want],
                                    "You averaged. Seed 003's L = sum_n l^n, so dL/dw is the "
                                    "plain sum over examples, without 1/N."),
                           "per example": ([math.fsum(g) for g in grads],
                                           "You summed within each example (over parameters). "
                                           "Sum over the examples n, one result per parameter.")})


@check("Exercise 11.2", points=1, visibility="visible")
def test_total_gradient_example(student):
    "total_gradient of three per-example gradients [[1, 2], [0.5, -1], [0, 3]] against minigrad's autodiff of L = sum_n l^n."
    grads = [[1.0, 2.0], [0.5, -1.0], [0.0, 3.0]]
    expect_total(student, grads, library_total_gradient(grads))


@check("Exercise 11.2", points=2, visibility="hidden")
def test_total_gradient_seeded(student):
    "total_gradient on seeded per-example gradients (1 to 6 examples, 1 to 5 parameters)."
    def case(rng):
        N, P = rng.randrange(1, 7), rng.randrange(1, 6)
        if P == N:
            P += 1
        return [[rng.uniform(-2, 2) for _ in range(P)] for _ in range(N)]
    for grads in seeded(112, 4, case):
        expect_total(student, grads, _hidden_total_gradient(grads))


# =============================================================================
# 11.3 the mean squared error
# =============================================================================

def expect_mse(student, ys, ts, want):
    got = student.call("mse_loss", ys, ts)
    m = len(ys)
    expect_close(got, want, inputs={"ys": ys, "ts": ts}, what="L",
                 hint="L = (1/m) sum_j (y_j - t_j)^2: square each error, sum, divide by m.",
                 mistakes={"sum": (want * m, "You forgot the 1/m: the loss is the *mean* "
                                             "of the squared errors."),
                           "no square": (math.fsum(y - t for y, t in zip(ys, ts)) / m,
                                         "Square each error (y_j - t_j)^2 before summing.")})


@check("Exercise 11.3", points=1, visibility="visible")
def test_mse_loss_example(student):
    "mse_loss([0.5, -1.0], [1.0, -1.0]) against minigrad.losses.mse."
    expect_mse(student, [0.5, -1.0], [1.0, -1.0], mse([0.5, -1.0], [1.0, -1.0]))


@check("Exercise 11.3", points=2, visibility="hidden")
def test_mse_loss_seeded(student):
    "mse_loss on seeded outputs and +-1 labels (1 to 8 examples)."
    def case(rng):
        m = rng.randrange(2, 9)
        return [rng.uniform(-2, 2) for _ in range(m)], [rng.choice([-1.0, 1.0]) for _ in range(m)]
    for ys, ts in seeded(113, 4, case):
        expect_mse(student, ys, ts, _hidden_mse(ys, ts))
    expect_mse(student, [0.25], [-1.0], _hidden_mse([0.25], [-1.0]))


# =============================================================================
# 11.4 accuracy
# =============================================================================

def expect_accuracy(student, ys, ts, want):
    got = student.call("accuracy", ys, ts)
    n = round(want * len(ys))
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
                                           "output y, with the label t.")})


@check("Exercise 11.4", points=1, visibility="visible")
def test_accuracy_example(student):
    "accuracy([0.8, -0.3, 0.1, -2.0], [1, 1, 1, -1]) against minigrad's accuracy (sign(y) == t)."
    ys, ts = [0.8, -0.3, 0.1, -2.0], [1.0, 1.0, 1.0, -1.0]
    expect_accuracy(student, ys, ts, library_accuracy(ys, ts))


def _hidden_accuracy_tie(student):
    """y = 0 is predicted -1 (docstring: +1 if y_j > 0 else -1)."""
    ys, ts = [0.0, 0.5, -0.5, 0.0], [-1.0, 1.0, -1.0, -1.0]
    expect_accuracy(student, ys, ts, library_accuracy(ys, ts))


@check("Exercise 11.4", points=2, visibility="hidden")
def test_accuracy_seeded(student):
    "accuracy on seeded outputs (away from 0) and labels, including all right and all wrong."
    def case(rng):
        m = rng.randrange(3, 12)
        ys = [rng.choice([-1, 1]) * rng.uniform(0.05, 2) for _ in range(m)]
        return ys, [rng.choice([-1.0, 1.0]) for _ in range(m)]
    cases = seeded(114, 4, case) + [([0.5, -0.4, 1.2], [1.0, -1.0, 1.0]),
                                     ([0.5, -0.4, 1.2], [-1.0, 1.0, -1.0])]
    for ys, ts in cases:
        expect_accuracy(student, ys, ts, _hidden_accuracy(ys, ts))
    _hidden_accuracy_tie(student)


# =============================================================================
# 11.5 one training step
# =============================================================================


STEP5_HINT = ("One step, as seed 000's training slide: forward pass on every x, the loss "
              "(11.3), zero the old gradients, backpropagate, then a gradient step (11.1) "
              "on every parameter; return the loss as a float.")


def expect_training_steps(student, net, xs, ts, eta, k=2):
    got = student.drive("ex11_training_steps", net, xs, ts, eta, k)
    want = library_run(net, xs, ts, eta, k)
    inputs = {"model": "MLP(%(nin)d, %(nouts)r, activation=%(activation)r, "
                       "out_activation=%(out_activation)r, seed=%(seed)d)" % net,
              "xs": xs, "ts": ts, "eta": eta, "steps": k}
    mistakes = {
        "no zero_grad": (library_run(net, xs, ts, eta, k, zero_grad=False)["params"],
                         "Call model.zero_grad() before loss.backward(): grads accumulate, so "
                         "the second step also used the first step's gradient."),
        "sign": (library_run(net, xs, ts, eta, k, uphill=True)["params"],
                 "Sign: p.data - eta * p.grad (downhill), not +."),
        "sum": (library_run(net, xs, ts, eta, k, mean=False)["params"],
                "Your loss is the sum of the squared errors; use mse_loss, the mean (11.3)."),
        "no update": ([want["params"][0]] * (k + 1),
                      "The parameters did not change: write the new values back into each "
                      "p.data (a new list alone does not change the model)."),
    }
    expect_close(got["params"], want["params"], inputs=inputs,
                 what="the parameters after each step (params[0] is before the first)",
                 hint=STEP5_HINT, mistakes=mistakes)
    expect_close(got["losses"], want["losses"], inputs=inputs, what="the returned losses",
                 hint="Return the loss before the step, loss.data, with the loss of 11.3.")


@check("Exercise 11.5", points=1, visibility="visible")
def test_training_step_example(student):
    "Two training steps of a 2-4-1 tanh MLP (seed 0) on XOR, eta 0.8: losses and parameters against minigrad autodiff."
    expect_training_steps(student, dict(XOR_NET, seed=0), XOR_X, XOR_T, XOR_ETA)


@check("Exercise 11.5", points=2, visibility="hidden")
def test_training_step_seeded(student):
    "Two training steps of seeded small MLPs on seeded regression data: losses and parameters against minigrad autodiff."
    for net, xs, ts, eta in seeded(115, 4, _hidden_random_problem):
        expect_training_steps(student, net, xs, ts, eta)


# =============================================================================
# 11.6 the training loop
# =============================================================================

def expect_train(student, net, xs, ts, eta, steps):
    got = student.drive("ex11_train", net, xs, ts, eta, steps)
    want = library_run(net, xs, ts, eta, steps)
    inputs = {"model": "MLP(%(nin)d, %(nouts)r, activation=%(activation)r, "
                       "out_activation=%(out_activation)r, seed=%(seed)d)" % net,
              "xs": xs, "ts": ts, "eta": eta, "steps": steps}
    expect_equal(len(got["losses"]), steps, inputs=inputs, what="the number of losses",
                 hint="Return one loss per step: the list of what training_step returned.")
    expect_close(got["losses"], want["losses"], inputs=inputs, what="the loss history",
                 hint="Call training_step (11.5) steps times and collect what it returns.")
    expect_close(got["params"], want["params"][-1], inputs=inputs,
                 what="the parameters after training",
                 hint="Call training_step (11.5) exactly `steps` times on the same model.")


@check("Exercise 11.6", points=1, visibility="visible")
def test_train_example(student):
    "train runs 10 steps of a 2-4-1 tanh MLP (seed 0) on XOR: loss history and final parameters against minigrad."
    expect_train(student, dict(XOR_NET, seed=0), XOR_X, XOR_T, XOR_ETA, 10)


@check("Exercise 11.6", points=2, visibility="hidden")
def test_train_seeded(student):
    "train on seeded small MLPs and regression data (3 to 8 steps): loss history and final parameters against minigrad."
    for k, (net, xs, ts, eta) in enumerate(seeded(116, 4, _hidden_random_problem)):
        expect_train(student, net, xs, ts, eta, 3 + (5 * k) % 6)
    expect_train(student, dict(XOR_NET, seed=3), XOR_X, XOR_T, XOR_ETA, 1)


# =============================================================================
# 11.7 an MLP learns XOR
# =============================================================================

def expect_xor(student, seed):
    got = student.call("train_xor", seed, XOR_STEPS, XOR_ETA)
    inputs = {"seed": seed, "steps": XOR_STEPS, "eta": XOR_ETA}
    expect_true(isinstance(got, dict) and {"losses", "predictions", "accuracy"} <= set(got),
                "train_xor must return a dict with keys 'losses', 'predictions', 'accuracy'",
                inputs=inputs, got=got)
    want = library_run(dict(XOR_NET, seed=seed), XOR_X, XOR_T, XOR_ETA, XOR_STEPS)
    hint = ('Build MLP(2, [4, 1], activation="tanh", out_activation="tanh", seed=seed) and '
            "call train(model, XOR_X, XOR_T, eta, steps).")
    expect_close(got["losses"], want["losses"], inputs=inputs, what="the loss history",
                 hint=hint)
    expect_true(got["losses"][-1] < 0.25 * got["losses"][0],
                "the loss did not go down (first %.4g, last %.4g)"
                % (got["losses"][0], got["losses"][-1]), inputs=inputs, hint=hint)
    expect_close(got["predictions"], want["predictions"], inputs=inputs,
                 what="the predictions after training",
                 hint="predictions: model(x).data for each x in XOR_X, after training.")
    acc = library_accuracy(got["predictions"], XOR_T)
    n = round(acc * len(XOR_T))
    expect_close(got["accuracy"], acc, inputs=inputs, what="the accuracy",
                 hint="accuracy(predictions, XOR_T) with your 11.4.")
    expect_equal(n, 4, inputs=inputs, what="the number of XOR points classified correctly",
                 hint="With this seed the trained network classifies all four points.")


@check("Exercise 11.7", points=1, visibility="visible")
def test_train_xor_example(student):
    "train_xor(0): 25 steps of a 2-4-1 tanh MLP on XOR; the loss falls, all 4 points are classified right, history matches minigrad."
    expect_xor(student, 0)


@check("Exercise 11.7", points=2, visibility="hidden")
def test_train_xor_seeded(student):
    "train_xor with seeds 1, 2, 4 and 6: loss history and predictions against minigrad, accuracy 1.0."
    for seed in (1, 2, 4, 6):
        expect_xor(student, seed)


MISTAKES = [
    # (task, text in solutions/ex11_training.py, replacement, fragment of message or hint)
    ("11.1", "return [th - eta * g for th, g in zip(theta, grad)]",
             "return [th + eta * g for th, g in zip(theta, grad)]", "Sign"),
    ("11.2", "return [sum(g[i] for g in example_grads) for i in range(P)]",
             "return [sum(g[i] for g in example_grads) / len(example_grads) for i in range(P)]",
     "averaged"),
    ("11.3", "    return total * (1.0 / m)", "    return total", "1/m"),
    ("11.4", "    return correct / len(ys)", "    return correct", "Divide"),
    ("11.5", "    model.zero_grad()\n    loss.backward()", "    loss.backward()", "zero_grad"),
    ("11.5", "    for p, value in zip(params, new):\n        p.data = value\n", "",
     "did not change"),
    ("11.6", "    return [training_step(model, xs, ts, eta) for _ in range(steps)]",
             "    return [training_step(model, xs, ts, eta) for _ in range(steps - 1)]",
     "one loss per step"),
    ("11.7", 'model = MLP(2, [XOR_HIDDEN, 1], activation="tanh", out_activation="tanh", seed=seed)',
             'model = MLP(2, [XOR_HIDDEN, 1], activation="tanh", out_activation="tanh", seed=0)',
     "seed=seed", "hidden"),
]
