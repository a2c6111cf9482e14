"""Exercise 12: Vanishing gradients and the choice of activation function (seed 000, "Vanishing gradient", "Choice of Nonlinear Activation Function")."""
import functools
import math
import random

from grading.check import away_from_kinks, check, expect_close, expect_equal, expect_true, seeded
from minigrad.engine import Value
from minigrad.nn import Neuron

MODULE = "ex12_vanishing_gradients"
ALLOWED_IMPORTS = ["math", "random"]

NAMES = ("sigmoid", "tanh", "relu", "shifted_relu", "step", "sin100")
NONZERO_MIN, INFORMATIVE_MIN = 0.25, 0.9  # the module's given thresholds
MARGIN = 0.02  # every fraction a 12.11 check decides on stays this far from a threshold


# -- hints on demand (python grader.py hint 12.4): rule, chain, factors; no code ----

HINTS = {
    "Exercise 12.1": [
        "Write sigma(z) as 1 over (1 + exp(-z)) and differentiate with the chain rule: the "
        "outer function is one over its argument, the inner one is 1 + exp(-z).",
        "d sigma/dz is exp(-z) divided by the square of (1 + exp(-z)). Split that into a "
        "product of two fractions.",
        "One fraction is sigma(z) itself; the other, exp(-z) over (1 + exp(-z)), is one "
        "minus sigma(z). The result is positive everywhere (the sigmoid increases), largest "
        "at z = 0.",
    ],
    "Exercise 12.2": [
        "Write tanh as sinh over cosh and use the quotient rule (or recall the derivative of "
        "tanh from a table).",
        "The quotient rule gives (cosh squared minus sinh squared) over cosh squared.",
        "That is one minus the square of tanh(z): the value at 0 is 1, and it falls towards "
        "0 for large |z|.",
    ],
    "Exercise 12.3": [
        "max(0, z) is two straight lines: the zero line for z < 0 and the identity for z > 0.",
        "The slope of each line is the derivative there; at the kink z = 0 the kit uses 0.",
    ],
    "Exercise 12.4": [
        "Seed 000's chain rule along one path: da_n/dx is the product of the local "
        "derivatives of every link of the chain, x to z_1 to a_1 to z_2 and so on.",
        "Each layer has two links: dz_l/da_(l-1) and da_l/dz_l. Multiply them over all "
        "layers, while you run the forward pass that gives every z_l.",
        "dz_l/da_(l-1) is the weight w_l; da_l/dz_l is g' taken at z_l (the layer's input, "
        "not its output a_l), with g' from 12.1 or 12.2 for the chain's activation. Start "
        "the product at dx/dx, which is one.",
    ],
    "Exercise 12.5": [
        "The gradient is a product over the layers (12.4). Bound each factor's absolute "
        "value on its own.",
        "The absolute value of a product is the product of the absolute values; |w_l| is "
        "fixed, and |g'(z_l)| is at most the largest value g' takes anywhere.",
        "The largest value of sigma' is at z = 0 (12.1 there), that of tanh' too (12.2 there). "
        "The bound is reached when every z_l sits at 0. Every layer contributes a factor.",
    ],
    "Exercise 12.6": [
        "A definition to implement: Glorot and Bengio's limit, the formula in the docstring.",
        "Both fans are in the denominator; take the square root at the end.",
    ],
    "Exercise 12.7": [
        "The variance of a distribution is the mean of w squared minus the square of the "
        "mean of w.",
        "U(-r, r) has mean 0 and density 1/(2r) on (-r, r): integrate w squared against it.",
        "The integral gives r squared over 3. Substitute r squared from 12.6 and simplify.",
    ],
    "Exercise 12.8": [
        "Take the six activations one by one; three are 12.1 to 12.3. For the others, ask "
        "where the function is flat and where it is a line, or use the chain rule.",
        "max(0, z - 100) is a ReLU moved to the right: where is its kink? The step 1{z > 0} "
        "is constant on each side of its jump. sin(100 z) is sin of an inner function.",
        "The shifted ReLU has slope 1 only right of its kink at 100; the step has slope 0 "
        "away from 0 (a jump is not a slope); the chain rule for sin(100 z) brings out the "
        "inner derivative, 100, next to a cosine.",
    ],
    "Exercise 12.9": [
        "A count and a division: how many of the inputs have a non-zero derivative (12.8)?",
        "Divide that count by the number of inputs, so the answer lies between 0 and 1. It "
        "is about the derivative, not the activation's value.",
    ],
    "Exercise 12.10": [
        "Only the inputs where the derivative (12.8) is non-zero take part; for each, "
        "compare two signs.",
        "The signs are those of g'(z) and of the change g(z + eps) minus g(z), with g from "
        "the given activation. Informative when they agree (both positive or both "
        "negative); a change of exactly 0 does not count.",
        "Divide the number of informative inputs by the number of inputs with a non-zero "
        "derivative (not by all inputs); if there are none, the answer is 0.",
    ],
    "Exercise 12.11": [
        "Apply the slide's criteria in its order; the first that fails is the answer.",
        "Criterion 2 uses your 12.9 and the threshold NONZERO_MIN, criterion 3 your 12.10 "
        "and INFORMATIVE_MIN; a fraction below its threshold fails.",
    ],
    "Exercise 12.12": [
        "Seed 000's formalization, one layer after the other: a forward pass that keeps every "
        "z and a, then a backward pass from the output, where dL/dy is one.",
        "In each layer, from the top down: dL/dz_k is g'(z_k) times delta_k (the output "
        "layer is linear, so there its slope is one); dL/dw_jk is the activation a_j of the "
        "layer below times dL/dz_k; the delta handed down to unit j sums w_jk times dL/dz_k "
        "over k.",
        "The norm of a layer is the square root of the sum of the squares of all its dL/dw_jk. "
        "g' comes from your 12.8 and is taken at z, not at a. Store the norms so that layer 1 "
        "comes first.",
    ],
    "Exercise 12.13": [
        "Xavier's argument: one layer multiplies the variance of the backward signal by about "
        "(number of units) times Var(w) times g'(0) squared, and Var(w) was chosen so that "
        "this is about one for tanh.",
        "The sigmoid's slope at 0 is a quarter of tanh's (12.1, 12.2): with Xavier's weights "
        "each layer multiplies the variance by about one sixteenth, so the signal vanishes "
        "faster than with the uniform init.",
        "To restore the factor, Var(w) must be 16 times Xavier's; a U(-r, r) has variance r "
        "squared over 3, so r grows by the square root of 16 over Xavier's r (12.6).",
    ],
    "Exercise 12.14": [
        "Build the network's weights from the draws, layer by layer, then measure: the mean "
        "of each layer's norm (12.12) over the examples.",
        "Layer l's limit depends on its own sizes: fan_in is the number of rows of its "
        "matrix, fan_out the number of columns; 12.6 and 12.13 give the two Xavier limits.",
        "Average each layer's norm over all the examples first, then divide layer 1's mean "
        "by the mean of the output layer, the last matrix (not an average of per-example "
        "ratios).",
    ],
    "Exercise 12.15": [
        "For each candidate, its ratio from 12.14; keep the candidate when the ratio lies "
        "in the given range.",
        "Keep the candidates' order and their form, a list of two strings; the range is "
        "inclusive at both ends (the checks keep away from them).",
    ],
}

# Steps whose docstring may state their formula (a given definition, a measurement, a rule).
BOOKKEEPING = ("Exercise 12.6", "Exercise 12.9", "Exercise 12.10", "Exercise 12.11",
               "Exercise 12.15")

ERRORS = {
    "Exercise 12.1": {
        "OverflowError": "exp overflowed: for very negative z, exp(-z) is too large. Write "
                         "the derivative with the given sigmoid(z), which never overflows.",
        "ZeroDivisionError": "A division by zero: write the derivative with sigmoid(z) "
                             "rather than dividing by a quantity that can round to 0.",
    },
    "Exercise 12.4": {
        "IndexError": "An IndexError usually means the layers are indexed off by one: ws "
                      "holds w_1 .. w_n, one weight per layer, and the chain has no other "
                      "list to index.",
        "TypeError": "A TypeError here often means g' was looked up wrongly: the "
                     "activation's name is a string, and its derivative is 12.1 or 12.2.",
    },
    "Exercise 12.8": {
        "ValueError": "A math domain error or an unknown name: compare the name with the "
                      "strings of NAMES exactly.",
    },
    "Exercise 12.9": {
        "ZeroDivisionError": "Divide by the number of inputs, which is at least 1.",
    },
    "Exercise 12.10": {
        "ZeroDivisionError": "No input had a non-zero derivative (the step activation, for "
                             "example): then the answer is 0.0, without dividing.",
    },
    "Exercise 12.12": {
        "IndexError": "An IndexError usually means W^(l) read as W[k][j] (rows are the units "
                      "of the layer BELOW: W[j][k] goes from unit j to unit k) or a layer "
                      "index off by one between the stored z's and a's.",
        "ValueError": "A ValueError from 12.8 usually means the name passed on is not one of "
                      "NAMES (the output layer has no activation: do not ask 12.8 there).",
    },
    "Exercise 12.14": {
        "ZeroDivisionError": "The output layer's mean norm came out 0: check that 12.12 "
                             "returns the output layer's norm last.",
        "ValueError": "An unknown init: the four names are in the docstring.",
    },
}


# -- the activations' forward values (given in the module, not an exercise) ------

FORWARD = {
    "sigmoid": lambda z: 0.5 * (1.0 + math.tanh(0.5 * z)),  # = 1 / (1 + exp(-z))
    "tanh": math.tanh,
    "relu": lambda z: max(z, 0.0),
    "shifted_relu": lambda z: max(z - 100.0, 0.0),
    "step": lambda z: float(z > 0),
    "sin100": lambda z: math.sin(100.0 * z),
}


def g(name, z):
    return FORWARD[name](z)


def central(f, z, eps=1e-6):
    return (f(z + eps) - f(z - eps)) / (2 * eps)


# -- oracles: the library ------------------------------------------------------------
#
# The visible checks take their expected values from minigrad (public by design):
# its autodiff, its Xavier init, or a central difference. The closed forms the
# hidden checks compare with as well are in functions of the hidden checks, not released.

LIBRARY_NODE = {"sigmoid": lambda x: x.sigmoid(), "tanh": lambda x: x.tanh(),
                "relu": lambda x: x.relu(), "shifted_relu": lambda x: (x - 100.0).relu()}


def library_slope(name, z):
    """g'(z) by minigrad's autodiff (Value.sigmoid, .tanh, .relu; shifted_relu is
    relu(z - 100)); for step and sin100, which Value does not have, by a
    central difference of g."""
    if name not in LIBRARY_NODE:
        return central(FORWARD[name], z)
    x = Value(z)
    LIBRARY_NODE[name](x).backward()
    return x.grad


def library_peak_slope(name):
    """max g' of sigmoid or tanh: g'(0) by autodiff, checked on a grid to be the peak."""
    peak = library_slope(name, 0.0)
    expect_true(all(library_slope(name, k * 1e-2) <= peak for k in range(-500, 501)),
                "oracle: g' does not peak at 0")
    return peak


def library_bound(ws, name):
    """The bound, by minigrad's autodiff: da_n/dx of the chain that attains it,
    z_l = |w_l| (a_{l-1} - a_{l-1}(x_0)), whose every layer sits at z_l = 0,
    the peak of g'. So da_n/dx = prod_l |w_l| g'(0)."""
    x = Value(0.0)
    a = x
    for w in ws:
        z = abs(w) * (a - a.data)  # = 0 at this x; dz_l/da_{l-1} = |w_l|
        a = LIBRARY_NODE[name](z)
    a.backward()
    return x.grad


class FixedDraw(random.Random):
    """A random source whose every ``random()`` is ``u``: U(lo, hi) draws lo + (hi - lo) u."""

    def __init__(self, u):
        self.u = u
        super().__init__(0)

    def random(self):
        return self.u


def library_xavier_weight(fan_in, fan_out, u):
    """The weight minigrad's Xavier init (Neuron(init="xavier")) draws from
    U(-r, r) when its uniform draw is u in [0, 1]."""
    return Neuron(fan_in, init="xavier", fan_out=fan_out, rng=FixedDraw(u)).weights()[0]


def library_xavier_limit(fan_in, fan_out):
    """r: minigrad's Xavier weight at the top of its range (u = 1)."""
    return library_xavier_weight(fan_in, fan_out, 1.0)


def library_xavier_variance(fan_in, fan_out, n=8):
    """Var(w) = E[w^2] - E[w]^2 of minigrad's Xavier weight over u ~ U(0, 1), by
    Simpson's rule on n intervals (exact up to rounding: w is linear in u)."""
    def simpson(f):
        h = 1.0 / n
        inner = sum((4.0 if k % 2 else 2.0) * f(k * h) for k in range(1, n))
        return h / 3.0 * (f(0.0) + inner + f(1.0))

    def w(u):
        return library_xavier_weight(fan_in, fan_out, u)

    return simpson(lambda u: w(u) ** 2) - simpson(w) ** 2


def library_fractions(name, zs, h):
    """(the non-zero fraction, the informative fraction, the number of z with
    g'(z) != 0), measured with the library's slopes."""
    active = informs = 0
    for z in zs:
        slope = library_slope(name, z)
        if slope == 0.0:
            continue
        active += 1
        change = g(name, z + h) - g(name, z)
        informs += change != 0.0 and (slope > 0) == (change > 0)  # same sign
    return active / len(zs), (informs / active if active else 0.0), active


# Which criterion the three activations seed 000 calls problematic fail on
# ordinary inputs (200 points in [-5, 5], h = 0.1), and relu, a good choice:
# the verdicts the module's docstring states for 12.11.
SEED_VERDICTS = {"shifted_relu": "nonzero", "step": "nonzero", "sin100": "informative",
                 "relu": None}


def grid(lo, hi, n, h, name=None):
    """n evenly spaced inputs in [lo, hi], nudged off the kinks (0, 100) and,
    for sin100, off the points where the slope or the change over h is ~0."""
    zs = []
    for i in range(n):
        z = lo + (hi - lo) * (i + 0.5) / n
        if abs(z) < 1e-3 or abs(z - 100.0) < 1e-3:
            z += 2e-3
        if name == "sin100":
            while abs(library_slope(name, z)) < 1e-3 or abs(g(name, z + h) - g(name, z)) < 1e-6:
                z += 1e-4
        zs.append(round(z, 12))
    return zs


# -- closed forms and seeded cases for the hidden checks (not released) -----------

def _hidden_g_prime(name, z):
    """Closed forms, written differently from the module's."""
    if name == "sigmoid":
        return 0.25 / math.cosh(0.5 * z) ** 2  # exp(-z) / (1 + exp(-z))^2
    if name == "tanh":
        return 1.0 / math.cosh(z) ** 2          # sech^2
    if name == "relu":
        return 1.0 if z > 0 else 0.0
    if name == "shifted_relu":
        return 1.0 if z > 100.0 else 0.0
    if name == "step":
        return 0.0
    return 100.0 * math.cos(100.0 * z)


def _hidden_g_max(name):
    return max(_hidden_g_prime(name, k * 1e-3) for k in range(-2000, 2001))  # 1/4 or 1, at z = 0


def _hidden_bound(ws, name):
    g_max = _hidden_g_max(name)
    return math.prod(abs(w) * g_max for w in ws)


def _hidden_limit(fan_in, fan_out):
    return (6.0 / (fan_in + fan_out)) ** 0.5


def _hidden_variance(fan_in, fan_out):
    r = _hidden_limit(fan_in, fan_out)
    return r * r / 3.0  # the variance of U(-r, r)


def _hidden_fractions(name, zs, h):
    slopes = [_hidden_g_prime(name, z) for z in zs]
    active = [(z, s) for z, s in zip(zs, slopes) if s != 0.0]
    nonzero = len(active) / len(zs)
    right = sum(1 for z, s in active if s * (g(name, z + h) - g(name, z)) > 0)
    return nonzero, (right / len(active) if active else 0.0), len(active)


def _hidden_criterion(name, zs, h):
    nonzero, informative, _ = _hidden_fractions(name, zs, h)
    if nonzero < NONZERO_MIN:
        return "nonzero"
    if informative < INFORMATIVE_MIN:
        return "informative"
    return None


def _hidden_seeded_zs(rng, name, lo, hi, n, h):
    zs = []
    while len(zs) < n:
        z = rng.uniform(lo, hi)
        if abs(z) < 0.01 or abs(z - 100.0) < 0.01:
            continue
        if name == "sin100" and (abs(_hidden_g_prime(name, z)) < 1e-3
                                 or abs(g(name, z + h) - g(name, z)) < 1e-6):
            continue
        zs.append(z)
    return zs


# =============================================================================
# 12.1 - 12.3 the three common activations' derivatives
# =============================================================================

PRIME_HINTS = {
    "sigmoid": "Differentiate 1 / (1 + exp(-z)) with the chain rule and write the result with "
               "sigma(z) (python grader.py hint 12.1).",
    "tanh": "Differentiate tanh = sinh / cosh and write the result with tanh(z) "
            "(python grader.py hint 12.2).",
    "relu": "max(0, z) is two straight lines; its derivative is the slope of the line on "
            "z's side.",
}


def expect_prime(student, fn, name, z, want, mistakes):
    got = student.call(fn, z)
    if name in ("sigmoid", "tanh") and abs(z) < 10:  # a second, numeric oracle
        expect_true(abs(want - central(FORWARD[name], z)) < 1e-6, "oracle disagrees")
    expect_close(got, want, inputs={"z": z}, what="%s'(z)" % name, hint=PRIME_HINTS[name],
                 mistakes=mistakes)


def sigmoid_mistakes(z, want):
    s = g("sigmoid", z)
    return {"sigma": (s, "That is sigma(z) itself, the activation, not its slope."),
            "1-sigma": (1.0 - s, "Only one of the two factors: 1 - sigma(z) is there, "
                                 "sigma(z) is missing."),
            "z": (s * (1.0 - z), "A factor uses z where it should use sigma(z)."),
            "minus": (-want, "Sign: sigma is increasing, so sigma'(z) > 0 (seed 001's last "
                             "line has this wrong minus sign).")}


def tanh_mistakes(z, want):
    t = math.tanh(z)
    return {"1-t": (1.0 - t, "tanh(z) must be squared: cosh^2 - sinh^2 over cosh^2."),
            "1-z2": (1.0 - z * z, "Use tanh(z), not z, in the derivative."),
            "t2": (1.0 - want, "That is tanh(z)^2; the derivative is what is left of 1.")}


def relu_mistakes(z, want):
    return {"forward": (max(0.0, z), "That is relu(z) = max(0, z) itself, not its slope."),
            "flipped": (1.0 - want, "The sides are swapped: the slope is 1 where ReLU is the "
                                    "identity (z > 0) and 0 where it is flat.")}


def _zs(seed, lo, hi, n=3):
    return seeded(seed, n, lambda rng: away_from_kinks(rng, lo, hi, 0.05))


@check("Exercise 12.1", points=2, visibility="visible")
def test_sigmoid_prime_example(student):
    "sigmoid_prime at z = 0 (its maximum, 1/4), z = 2 and three seeded z, against minigrad's autodiff of Value.sigmoid."
    for z in [0.0, 2.0] + _zs(1201, -6.0, 6.0):
        want = library_slope("sigmoid", z)
        expect_prime(student, "sigmoid_prime", "sigmoid", z, want, sigmoid_mistakes(z, want))


@check("Exercise 12.1", points=4, visibility="hidden")
def test_sigmoid_prime_seeded(student):
    "sigmoid_prime at other seeded z in [-8, 8] and at z = +-30 (saturated: the gradient is ~1e-13)."
    for z in seeded(121, 5, lambda rng: rng.uniform(-8, 8)) + [30.0, -30.0]:
        want = _hidden_g_prime("sigmoid", z)
        expect_prime(student, "sigmoid_prime", "sigmoid", z, want, sigmoid_mistakes(z, want))


@check("Exercise 12.2", points=2, visibility="visible")
def test_tanh_prime_example(student):
    "tanh_prime at z = 0 (its maximum, 1), z = 1 and three seeded z, against minigrad's autodiff of Value.tanh."
    for z in [0.0, 1.0] + _zs(1202, -4.0, 4.0):
        want = library_slope("tanh", z)
        expect_prime(student, "tanh_prime", "tanh", z, want, tanh_mistakes(z, want))


@check("Exercise 12.2", points=4, visibility="hidden")
def test_tanh_prime_seeded(student):
    "tanh_prime at other seeded z in [-4, 4] and at z = -12 against sech^2(z)."
    for z in seeded(122, 5, lambda rng: rng.uniform(-4, 4)) + [-12.0]:
        want = _hidden_g_prime("tanh", z)
        expect_prime(student, "tanh_prime", "tanh", z, want, tanh_mistakes(z, want))


@check("Exercise 12.3", points=1, visibility="visible")
def test_relu_prime_example(student):
    "relu_prime at z = 2.5, z = -0.3 and three seeded z away from the kink, against minigrad's autodiff of Value.relu."
    for z in [2.5, -0.3] + _zs(1203, -3.0, 3.0):
        want = library_slope("relu", z)
        expect_prime(student, "relu_prime", "relu", z, want, relu_mistakes(z, want))


@check("Exercise 12.3", points=2, visibility="hidden")
def test_relu_prime_seeded(student):
    "relu_prime at other seeded z in [-3, 3] away from the kink at 0, and at z = +-1e-3."
    for z in seeded(123, 6, lambda rng: away_from_kinks(rng, -3.0, 3.0)) + [1e-3, -1e-3]:
        want = _hidden_g_prime("relu", z)
        expect_prime(student, "relu_prime", "relu", z, want, relu_mistakes(z, want))


# =============================================================================
# 12.4 the gradient through n layers
# =============================================================================

def autodiff_chain(x, ws, name):
    """The chain built from minigrad Values; backward() gives da_n/dx."""
    x0 = Value(x)
    a = x0
    for w in ws:
        z = a * w
        a = z.tanh() if name == "tanh" else z.sigmoid()
    a.backward()
    return [a.data, x0.grad]


def chain_mistakes(x, ws, name):
    """Wrong products (no w_l; g' at a_l instead of at z_l; the other activation's g'),
    with the library's g'."""
    other = "tanh" if name == "sigmoid" else "sigmoid"
    a, no_w, at_a, wrong_g = x, 1.0, 1.0, 1.0
    for w in ws:
        z = w * a
        a = g(name, z)
        no_w *= library_slope(name, z)
        at_a *= w * library_slope(name, a)
        wrong_g *= w * library_slope(other, z)
    return {"no w": (no_w, "A factor is missing in every layer: dz_l/da_(l-1), the weight."),
            "g' at a": (at_a, "Evaluate g' at the layer's input z_l = w_l a_(l-1), not at its "
                              "output a_l."),
            "other g'": (wrong_g, "The chain's activation is %s: use its derivative, not "
                                  "that of %s." % (name, other)),
            "zero start": (0.0, "The gradient came out 0: the product starts at dx/dx = 1, "
                                "not 0.")}


def expect_chain(student, x, ws, name):
    got = student.call("chain_gradient", x, ws, name)
    want = autodiff_chain(x, ws, name)
    inputs = {"x": x, "ws": ws, "activation": name}
    expect_true(isinstance(got, list) and len(got) == 2,
                "chain_gradient must return [a_n, da_n/dx]", inputs=inputs, got=got)
    expect_close(got[0], want[0], inputs=inputs, what="a_n", abs=1e-300,
                 hint="The forward pass: a_0 = x; for each layer z_l = w_l a_(l-1), "
                      "a_l = g(z_l).")
    wrong = {k: ([want[0], v], h) for k, (v, h) in chain_mistakes(x, ws, name).items()}
    expect_close(got, want, inputs=inputs, what="[a_n, da_n/dx]", abs=1e-300,
                 hint="da_n/dx is the chain rule along the one path from x to a_n: one "
                      "factor per link.",
                 mistakes=wrong)


def _chain_case(rng, lo=1, hi=30):
    n = rng.randrange(lo, hi + 1)
    return (rng.uniform(-2, 2), [rng.choice([-1, 1]) * rng.uniform(0.3, 2.5) for _ in range(n)],
            rng.choice(["tanh", "sigmoid"]))


@check("Exercise 12.4", points=3, visibility="visible", uses=("12.1", "12.2"))
def test_chain_gradient_example(student):
    "chain_gradient(0.5, [2.0, 2.0], 'tanh'), a 20-layer sigmoid chain and three seeded chains of 1 to 30 layers, against minigrad autodiff."
    expect_chain(student, 0.5, [2.0, 2.0], "tanh")
    expect_chain(student, 1.0, [1.0] * 20, "sigmoid")
    for x, ws, name in seeded(1204, 3, _chain_case):
        expect_chain(student, x, ws, name)


@check("Exercise 12.4", points=6, visibility="hidden", uses=("12.1", "12.2"))
def test_chain_gradient_seeded(student):
    "chain_gradient on other seeded chains of 1 to 30 tanh or sigmoid layers against minigrad autodiff (relative error, also for vanishing gradients)."
    for x, ws, name in seeded(124, 5, _chain_case):
        expect_chain(student, x, ws, name)
    expect_chain(student, -0.7, [1.5] * 3, "sigmoid")
    expect_chain(student, 0.2, [0.9] * 3, "tanh")


# =============================================================================
# 12.5 the bound
# =============================================================================

def expect_bound(student, ws, name, want, g_max):
    got = student.call("chain_bound", ws, name)
    # the bound holds for the true gradient at a few inputs
    for x in (-1.0, 0.0, 0.7):
        expect_true(abs(autodiff_chain(x, ws, name)[1]) <= want * (1 + 1e-12), "oracle bound")
    inputs = {"ws": ws, "activation": name}
    prod_w = 1.0
    for w in ws:
        prod_w *= w
    n = len(ws)
    other_max = 1.0 if name == "sigmoid" else 0.25
    expect_close(got, want, inputs=inputs, what="the bound", abs=1e-300,
                 hint="Bound each layer's factor |w_l g'(z_l)| by the largest value it can "
                      "take, and multiply over the layers.",
                 mistakes={
                     "sigma(0)": (want * 2.0 ** n if name == "sigmoid" else -1.0,
                                  "The largest sigmoid slope is sigma'(0), not sigma(0) = 1/2."),
                     "no abs": (math.copysign(want, prod_w),
                                "A bound on |da_n/dx| uses |w_l|: take absolute values."),
                     "once": (abs(prod_w) * g_max,
                              "max g' is a factor in *every* layer, not once."),
                     "other max": (abs(prod_w) * other_max ** n,
                                   "That is the largest slope of the other activation; use "
                                   "the largest value of %s'." % name),
                 })


def _bound_case(rng):
    n = rng.randrange(2, 13)
    return [rng.uniform(-2, 2) for _ in range(n)], rng.choice(["tanh", "sigmoid"])


@check("Exercise 12.5", points=2, visibility="visible")
def test_chain_bound_example(student):
    "chain_bound([2.0, -1.0, 0.5]) for sigmoid and tanh and three seeded chains, against minigrad's autodiff of the chain that attains the bound (every z_l at 0)."
    cases = [([2.0, -1.0, 0.5], "sigmoid"), ([2.0, -1.0, 0.5], "tanh")]
    cases += seeded(1205, 2, _bound_case) + [(seeded(1206, 1, _bound_case)[0][0], "tanh")]
    for ws, name in cases:
        expect_bound(student, ws, name, library_bound(ws, name), library_peak_slope(name))


@check("Exercise 12.5", points=4, visibility="hidden")
def test_chain_bound_seeded(student):
    "chain_bound on other seeded weights (1 to 12 layers, tanh and sigmoid) against prod |w_l| max g'; the bound holds for the true gradient."
    cases = seeded(125, 4, _bound_case) + [([-1.5, 0.8], "tanh"), ([-1.5, 0.8, -2.0], "sigmoid"),
                                           ([0.7], "sigmoid")]
    for ws, name in cases:
        expect_bound(student, ws, name, _hidden_bound(ws, name), _hidden_g_max(name))


# =============================================================================
# 12.6 - 12.7 Xavier/Glorot
# =============================================================================

def expect_limit(student, fi, fo, want):
    got = student.call("xavier_limit", fi, fo)
    expect_close(got, want, inputs={"fan_in": fi, "fan_out": fo}, what="r",
                 hint="r = sqrt(6 / (fan_in + fan_out)).",
                 mistakes={"fan_in only": ((6.0 / fi) ** 0.5, "Use both fans: "
                                           "sqrt(6 / (fan_in + fan_out)), not sqrt(6 / fan_in)."),
                           "std": (want / 3.0 ** 0.5, "sqrt(2 / (fan_in + fan_out)) is "
                                   "the standard deviation; the uniform *limit* is sqrt(6 / ...) "
                                   "(a U(-r, r) has variance r^2 / 3)."),
                           "no sqrt": (want ** 2, "Take the square root: "
                                                  "r = sqrt(6 / (fan_in + fan_out)).")})


def _fans(seed, n):
    return seeded(seed, n, lambda rng: (rng.randrange(1, 513), rng.randrange(1, 513)))


@check("Exercise 12.6", points=1, visibility="visible")
def test_xavier_limit_example(student):
    "xavier_limit(3, 5) (the docstring's example), (2, 4), (784, 256) and three seeded layer sizes, against the largest weight minigrad's Xavier init draws."
    # (3, 5) first: at (2, 4) r is exactly 1, so a missing square root cannot show
    for fi, fo in [(3, 5), (2, 4), (784, 256)] + _fans(1206, 3):
        expect_limit(student, fi, fo, library_xavier_limit(fi, fo))


@check("Exercise 12.6", points=2, visibility="hidden")
def test_xavier_limit_seeded(student):
    "xavier_limit on other seeded layer sizes (1 to 512) against sqrt(6 / (fan_in + fan_out))."
    for fi, fo in _fans(126, 5) + [(1, 1)]:
        expect_limit(student, fi, fo, _hidden_limit(fi, fo))


def expect_variance(student, fi, fo, want, r):
    got = student.call("xavier_variance", fi, fo)
    expect_close(got, want, inputs={"fan_in": fi, "fan_out": fo}, what="Var(w)",
                 hint="The variance of U(-r, r): integrate w^2 against its density, then "
                      "substitute r from 12.6.",
                 mistakes={"r^2": (r * r, "The variance of U(-r, r) is not r^2: integrate w^2 "
                                          "times the density 1/(2r) over (-r, r)."),
                           "lecun": (1.0 / fi, "1 / fan_in is LeCun's variance; Glorot's "
                                               "limit r of 12.6 uses both fans."),
                           "r": (r, "That is the limit r, not the variance.")})


@check("Exercise 12.7", points=2, visibility="visible")
def test_xavier_variance_example(student):
    "xavier_variance(2, 4), (784, 256) and three seeded layer sizes, against the variance of minigrad's Xavier weights, integrated numerically."
    for fi, fo in [(2, 4), (784, 256)] + _fans(1207, 3):
        expect_variance(student, fi, fo, library_xavier_variance(fi, fo),
                        library_xavier_limit(fi, fo))


@check("Exercise 12.7", points=4, visibility="hidden")
def test_xavier_variance_seeded(student):
    "xavier_variance on other seeded layer sizes (1 to 512) against r^2 / 3."
    for fi, fo in _fans(127, 5) + [(1, 1)]:
        expect_variance(student, fi, fo, _hidden_variance(fi, fo), _hidden_limit(fi, fo))


# =============================================================================
# 12.8 the derivatives of all six, incl. the problematic ones
# =============================================================================

DERIV_HINTS = {
    "sigmoid": "The sigmoid's derivative is your 12.1.",
    "tanh": "tanh's derivative is your 12.2.",
    "relu": "ReLU's derivative is your 12.3.",
    "shifted_relu": "max(0, z - 100) is a ReLU moved to the right: where is its kink?",
    "step": "1{z > 0} is constant on each side of its jump.",
    "sin100": "sin(100 z) is sin of an inner function: the chain rule.",
}


def expect_derivative(student, name, z, want):
    got = student.call("derivative", name, z)
    if name not in ("step",):
        expect_true(abs(want - central(FORWARD[name], z, 1e-7)) < 1e-4 * max(1, abs(want)),
                    "oracle disagrees with a central difference")
    mistakes = {
        "sin100": {"no 100": (want / 100.0, "The chain rule brings out the inner derivative "
                                            "of 100 z, a factor 100."),
                   "minus": (-want, "Sign: the derivative of sin is +cos.")},
        "shifted_relu": {"kink at 0": (library_slope("relu", z),  # relu's slope
                                       "The kink of max(0, z - 100) is at z = 100, "
                                       "not 0: the slope is 0 for all z < 100.")},
        "step": {"one": (1.0, "The step is constant on each side: slope 0. Its value jumps at 0, "
                              "but a jump is not a slope.")},
    }.get(name, {})
    expect_close(got, want, inputs={"name": name, "z": z}, what="g'(z) of %s" % name,
                 hint=DERIV_HINTS[name], mistakes=mistakes)


def _derivative_cases(rng):
    z = away_from_kinks(rng, -5.0, 5.0, 0.05)
    far = away_from_kinks(rng, 95.0, 105.0, 0.05, (100.0,))
    return [(n, z) for n in NAMES] + [("shifted_relu", far), ("sin100", far)]


@check("Exercise 12.8", points=2, visibility="visible", uses=("12.1", "12.2", "12.3"))
def test_derivative_example(student):
    "derivative(name, z) of the six activations at the docstring's z and at three seeded z (also near 100), against minigrad's autodiff (a central difference for step and sin100)."
    cases = [("shifted_relu", 3.0), ("shifted_relu", 101.0), ("step", 0.5), ("step", -0.5),
             ("sin100", 0.01), ("sigmoid", 0.3), ("tanh", -0.5), ("relu", 1.5)]
    for more in seeded(1208, 3, _derivative_cases):
        cases += more
    for name, z in cases:
        expect_derivative(student, name, z, library_slope(name, z))


@check("Exercise 12.8", points=4, visibility="hidden", uses=("12.1", "12.2", "12.3"))
def test_derivative_seeded(student):
    "derivative(name, z) of all six activations at other seeded z (away from the kinks at 0 and 100)."
    for cases in seeded(128, 4, _derivative_cases):
        for name, u in cases:
            expect_derivative(student, name, u, _hidden_g_prime(name, u))


# =============================================================================
# 12.9 - 12.11 the seed's criteria, measured
# =============================================================================

def expect_nonzero(student, name, zs, want):
    got = student.call("nonzero_fraction", name, zs)
    forward = sum(1 for z in zs if g(name, z) != 0.0) / len(zs)
    expect_close(got, want, inputs={"name": name, "zs": zs}, what="the non-zero fraction",
                 hint="Count the z whose derivative (12.8) is not zero, as a fraction of all "
                      "the inputs.",
                 mistakes={"zero": (1.0 - want, "You counted where the gradient *is* zero; "
                                                "count where it is not."),
                           "count": (want * len(zs), "Divide the count by the number of "
                                                     "inputs."),
                           "forward": (forward, "You counted where g(z) is non-zero; the "
                                                "criterion is about the gradient g'(z) "
                                                "(12.8).")})


def _seeded_zs(seed, name, lo, hi, n, eps):
    """n seeded inputs in [lo, hi] for ``name``, off the kinks, by the visible oracle."""
    zs = []
    rng = random.Random(seed)
    while len(zs) < n:
        z = rng.uniform(lo, hi)
        if abs(z) < 0.01 or abs(z - 100.0) < 0.01:
            continue
        if name == "sin100" and (abs(library_slope(name, z)) < 1e-3
                                 or abs(g(name, z + eps) - g(name, z)) < 1e-6):
            continue
        zs.append(z)
    return zs


@check("Exercise 12.9", points=1, visibility="visible", uses=("12.8",))
def test_nonzero_fraction_example(student):
    "nonzero_fraction of relu on the docstring's inputs, of step and shifted_relu on 50 points in [-5, 5], and of relu, step and sin100 on seeded inputs."
    cases = [("relu", [-2.0, -1.0, 0.5, 1.0, 3.0]), ("step", grid(-5, 5, 50, 0.1)),
             ("shifted_relu", grid(-5, 5, 50, 0.1))]
    cases += [(name, _seeded_zs(1209 + k, name, -3.0, 4.0, 30, 0.1))
              for k, name in enumerate(("relu", "step", "sin100"))]
    cases.append(("shifted_relu", _seeded_zs(1219, "shifted_relu", 98.0, 101.0, 30, 0.1)))
    for name, zs in cases:
        expect_nonzero(student, name, zs, library_fractions(name, zs, 0.1)[0])


@check("Exercise 12.9", points=2, visibility="hidden", uses=("12.8",))
def test_nonzero_fraction_seeded(student):
    "nonzero_fraction of all six activations on other seeded inputs, and of shifted_relu on inputs around 100."
    for k, name in enumerate(NAMES):
        zs = seeded(129 + k, 1, lambda rng: _hidden_seeded_zs(rng, name, -4.0, 6.0, 40, 0.1))[0]
        expect_nonzero(student, name, zs, _hidden_fractions(name, zs, 0.1)[0])
    zs = seeded(139, 1, lambda rng: _hidden_seeded_zs(rng, "shifted_relu", 97.0, 101.0, 40, 0.1))[0]
    expect_nonzero(student, "shifted_relu", zs, _hidden_fractions("shifted_relu", zs, 0.1)[0])


def expect_informative(student, name, zs, eps, fractions):
    got = student.call("informative_fraction", name, zs, eps)
    nonzero, want, active = fractions
    right = want * active
    positive = sum(1 for z in zs if library_slope(name, z) > 0)
    expect_close(got, want, inputs={"name": name, "zs": zs, "eps": eps},
                 what="the informative fraction",
                 hint="Among the z with a non-zero derivative, the fraction where the "
                      "derivative's sign is the sign of g(z + eps) - g(z) (0.0 if there are "
                      "none).",
                 mistakes={"all z": (right / len(zs) if active != len(zs) else -1.0,
                                     "Divide by the number of z with a non-zero gradient, not by "
                                     "len(zs): the question is how often a gradient that is "
                                     "there points the right way."),
                           "wrong way": ((active - right) / active if active else -1.0,
                                         "You counted where the gradient points the wrong way; "
                                         "informative means g'(z) and g(z + eps) - g(z) have the "
                                         "same sign."),
                           "slope sign only": (positive / active if active else -1.0,
                                               "You counted the positive slopes; compare the "
                                               "slope's sign with the sign of the change "
                                               "g(z + eps) - g(z).")})


@check("Exercise 12.10", points=2, visibility="visible", uses=("12.8",))
def test_informative_fraction_example(student):
    "informative_fraction of tanh, relu, sin100 and step on 50 points in [-5, 5] with eps = 0.1, and of sigmoid, relu and sin100 on seeded inputs and steps."
    for name in ("tanh", "relu", "sin100", "step"):
        zs = grid(-5, 5, 50, 0.1, name)
        expect_informative(student, name, zs, 0.1, library_fractions(name, zs, 0.1))
    for k, name in enumerate(("sigmoid", "relu", "sin100")):
        eps = seeded(1210 + k, 1, lambda rng: rng.uniform(0.05, 0.5))[0]
        zs = _seeded_zs(1220 + k, name, -3.0, 3.0, 30, eps)
        expect_informative(student, name, zs, eps, library_fractions(name, zs, eps))


@check("Exercise 12.10", points=4, visibility="hidden", uses=("12.8",))
def test_informative_fraction_seeded(student):
    "informative_fraction of all six activations on other seeded inputs and steps eps, including sin100 with a step far shorter than its wiggles."
    for k, name in enumerate(NAMES):
        eps = seeded(140 + k, 1, lambda rng: rng.uniform(0.05, 0.5))[0]
        zs = seeded(150 + k, 1, lambda rng: _hidden_seeded_zs(rng, name, -3.0, 3.0, 40, eps))[0]
        expect_informative(student, name, zs, eps, _hidden_fractions(name, zs, eps))
    zs = seeded(160, 1, lambda rng: _hidden_seeded_zs(rng, "sin100", -1.0, 1.0, 60, 1e-4))[0]
    expect_informative(student, "sin100", zs, 1e-4, _hidden_fractions("sin100", zs, 1e-4))


def _away_from_thresholds(name, fractions):
    """The check's own guard: a verdict is only asked where no correct float computation
    of the fractions (a running mean, a sum then a division, ...) can land on the other
    side of a threshold."""
    nonzero, informative, _ = fractions
    near = abs(nonzero - NONZERO_MIN) < MARGIN or (
        nonzero >= NONZERO_MIN and abs(informative - INFORMATIVE_MIN) < MARGIN)
    if near:
        raise AssertionError("check inputs for %s sit within %g of a threshold: %r"
                             % (name, MARGIN, fractions))


def expect_criterion(student, name, zs, eps, want, fractions):
    _away_from_thresholds(name, fractions)
    got = student.call("first_failed_criterion", name, zs, eps)
    nonzero, informative, _ = fractions
    mistakes = {}
    if want:
        mistakes["reversed"] = ("informative" if want == "nonzero" else "nonzero",
                                "Check the criteria in the slide's order: first a non-zero "
                                "gradient on a significant portion, then an informative one.")
    if want == "informative":
        mistakes["criterion 3 left out"] = (None, "Criterion 3 (an informative gradient, "
                                            "12.10) fails here: apply it after criterion 2.")
    if want == "nonzero":
        mistakes["criterion 2 left out"] = (None, "Criterion 2 (a non-zero gradient on a "
                                            "significant portion, 12.9) fails here.")
    expect_equal(got, want, what="the first failed criterion of %s" % name,
                 inputs={"name": name, "eps": eps, "zs": "%d points in [%.3g, %.3g]"
                         % (len(zs), min(zs), max(zs)),
                         "non-zero fraction": nonzero, "informative fraction": informative},
                 hint="Apply the criteria in the slide's order with the module's thresholds "
                      "(a fraction below its threshold fails).",
                 mistakes=mistakes)


@check("Exercise 12.11", points=1, visibility="visible", uses=("12.9", "12.10"))
def test_first_failed_criterion_example(student):
    "first_failed_criterion of the seed's three problematic activations and of relu on 200 points in [-5, 5], eps = 0.1 (the verdicts the module states), and of sigmoid, sin100 and shifted_relu on seeded inputs."
    for name, verdict in SEED_VERDICTS.items():
        zs = grid(-5, 5, 200, 0.1, name)
        expect_criterion(student, name, zs, 0.1, verdict, library_fractions(name, zs, 0.1))
    for name, lo, hi, eps, seed in (("sigmoid", -5.0, 5.0, 0.1, 1211),
                                    ("sin100", -1.0, 1.0, 1e-4, 1212),
                                    ("shifted_relu", 90.0, 110.0, 0.1, 1213)):
        zs = _seeded_zs(seed, name, lo, hi, 60, eps)
        fractions = library_fractions(name, zs, eps)
        verdict = ("nonzero" if fractions[0] < NONZERO_MIN else
                   "informative" if fractions[1] < INFORMATIVE_MIN else None)
        expect_criterion(student, name, zs, eps, verdict, fractions)


@check("Exercise 12.11", points=2, visibility="hidden", uses=("12.9", "12.10"))
def test_first_failed_criterion_seeded(student):
    "first_failed_criterion of all six activations on other seeded inputs, of shifted_relu around 100 and of sin100 with a tiny step."
    cases = []
    for k, name in enumerate(NAMES):
        zs = seeded(170 + k, 1, lambda rng: _hidden_seeded_zs(rng, name, -5.0, 5.0, 80, 0.1))[0]
        cases.append((name, zs, 0.1))
    zs = seeded(180, 1, lambda rng: _hidden_seeded_zs(rng, "shifted_relu", 90.0, 110.0, 80, 0.1))[0]
    cases.append(("shifted_relu", zs, 0.1))
    zs = seeded(181, 1, lambda rng: _hidden_seeded_zs(rng, "sin100", -1.0, 1.0, 80, 1e-4))[0]
    cases.append(("sin100", zs, 1e-4))
    for name, zs, eps in cases:
        expect_criterion(student, name, zs, eps, _hidden_criterion(name, zs, eps),
                         _hidden_fractions(name, zs, eps))


# =============================================================================
# 12.12 - 12.15 the remedies, measured on a deep network
# =============================================================================

RATIO_MIN, RATIO_MAX = 0.1, 10.0  # the module's given range
RATIO_MARGIN = 1.5  # a 12.15 check only asks about ratios at least this factor from 0.1 and 10
INITS = ("uniform", "xavier", "xavier_sigmoid", "he")


def uniform_draws(rng, sizes):
    """Matrices U[l][j][k] in [-1, 1), sizes[l-1] x sizes[l], row by row from rng.uniform
    (2 random() - 1: the module's given unit_draws draws the docstring's network so from
    random.Random(seed))."""
    return [[[rng.uniform(-1.0, 1.0) for _ in range(n_out)] for _ in range(n_in)]
            for n_in, n_out in zip(sizes, sizes[1:])]


# The docstrings' network of 12.14 and 12.15: unit_draws([2] + [16] * 10 + [1], seed=8)
# and its 8 examples, unit_draws([8, 2], seed=11)[0].
DOC_US = uniform_draws(random.Random(8), [2] + [16] * 10 + [1])
DOC_XS = uniform_draws(random.Random(11), [8, 2])[0]


def library_norms(Ws, x, name, out_activation=None):
    """||dL/dW^(l)|| per layer by minigrad's autodiff: weights as Values, L = y.
    ``out_activation`` (a mistake's network) also applies g to the output unit."""
    Wv = [[[Value(w) for w in row] for row in W] for W in Ws]
    a = [Value(v) for v in x]
    for l, W in enumerate(Wv, start=1):
        z = [sum((W[j][k] * a[j] for j in range(len(a))), Value(0.0)) for k in range(len(W[0]))]
        last = l == len(Wv)
        if last and out_activation is None:
            a = z
        else:
            node = LIBRARY_NODE.get(out_activation if last else name, lambda v: v)
            a = [node(v) for v in z]
    a[0].backward()
    return [math.sqrt(sum(w.grad ** 2 for row in W for w in row)) for W in Wv]


def _norm_mistakes(Ws, x, name, want):
    """Typical wrong answers of 12.12, from the library."""
    linear = _variant_norms(Ws, x, name, lambda z, a: 1.0)  # forward with g, no g' back
    g_out = library_norms(Ws, x, name, out_activation=name)
    return {"no g'": (linear, "You left out g'(z_k) in the hidden layers: each w_jk reaches "
                              "the loss through z_k and then g."),
            "g on output": (g_out, "The output layer is linear (y = z^(n)_0): no g, and no g' "
                                   "there."),
            "reversed": (want[::-1], "The norms are in reverse order: layer 1 (next to the "
                                     "input) comes first."),
            "squared": ([v * v for v in want], "You returned the squared norms: take the "
                                               "square root of the sum of squares.")}


def _g_at_a_norms(Ws, x, name):
    """12.12 with g' taken at the activation a_k instead of at z_k (a mistake's values)."""
    return _variant_norms(Ws, x, name, lambda z, a: library_slope(name, a))


def _variant_norms(Ws, x, name, slope_of):
    """12.12's norms with the hidden layers' slope slope_of(z_k, a_k) (a mistake's values)."""
    from minigrad import backprop
    bs = [[0.0] * len(W[0]) for W in Ws]
    cache = backprop.forward(Ws, bs, x, activation=name, out_activation="linear")
    n, delta, norms = len(Ws), [1.0], [0.0] * len(Ws)
    for l in reversed(range(1, n + 1)):
        slopes = [1.0] * len(cache.z[l]) if l == n else [slope_of(z, a) for z, a in
                                                          zip(cache.z[l], cache.a[l])]
        dz = [s * d for s, d in zip(slopes, delta)]
        norms[l - 1] = math.sqrt(sum((a * g_) ** 2 for a in cache.a[l - 1] for g_ in dz))
        delta = backprop.matvec(Ws[l - 1], dz)
    return norms


def expect_norms(student, Ws, x, name, want):
    got = student.call("layer_gradient_norms", Ws, x, name)
    mistakes = _norm_mistakes(Ws, x, name, want)
    mistakes["g' at a"] = (_g_at_a_norms(Ws, x, name), "Evaluate g' at the pre-activation "
                                                       "z_k, not at a_k = g(z_k).")
    expect_close(got, want, inputs={"Ws": Ws, "x": x, "activation": name},
                 what="[||dL/dW^(1)||, ..., ||dL/dW^(n)||]", abs=1e-300,
                 hint="Backpropagate from dL/dy = 1 down the layers; dL/dw_jk of layer l "
                      "pairs a^(l-1)_j with dL/dz^(l)_k; then the square root of the sum of "
                      "squares of each layer's gradient.",
                 mistakes=mistakes)


def _net(rng, nin, widths, r=1.0):
    sizes = [nin] + widths + [1]
    Ws = [[[rng.uniform(-r, r) for _ in range(sizes[l + 1])] for _ in range(sizes[l])]
          for l in range(len(sizes) - 1)]
    return Ws, [rng.uniform(-1.0, 1.0) for _ in range(nin)]


def _norm_case(rng):
    nin = rng.randint(1, 4)
    widths = [rng.randint(2, 5) for _ in range(rng.randint(1, 5))]
    Ws, x = _net(rng, nin, widths, r=rng.choice([0.7, 1.5]))
    return Ws, x, rng.choice(["sigmoid", "tanh", "relu"])


def _relu_safe(Ws, x):
    """No pre-activation within 1e-6 of relu's kink (g' is not asked at 0)."""
    a = list(x)
    for W in Ws:
        z = [sum(w_jk * a_j for w_jk, a_j in zip(column, a)) for column in zip(*W)]
        if any(abs(v) < 1e-6 for v in z):
            return False
        a = [max(0.0, v) for v in z]
    return True


def _norm_cases(seed, n):
    out = []
    rng = random.Random(seed)
    while len(out) < n:
        Ws, x, name = _norm_case(rng)
        if name != "relu" or _relu_safe(Ws, x):
            out.append((Ws, x, name))
    return out


@check("Exercise 12.12", points=3, visibility="visible", uses=("12.8",))
def test_layer_gradient_norms_example(student):
    "layer_gradient_norms on the docstring's 2-unit network, on 12.14's 11-layer network (sigmoid, tanh, relu) and on three seeded networks with widths above 1, against minigrad's autodiff."
    docs = [[[1.0, -1.0]], [[0.5], [2.0]]]
    expect_norms(student, docs, [0.5], "tanh", library_norms(docs, [0.5], "tanh"))
    for name in ("sigmoid", "tanh", "relu"):
        expect_norms(student, DOC_US, DOC_XS[0], name, library_norms(DOC_US, DOC_XS[0], name))
    for Ws, x, name in _norm_cases(1212, 3):
        expect_norms(student, Ws, x, name, library_norms(Ws, x, name))


def _hidden_norms(Ws, x, name):
    """||dL/dW^(l)||, L = y, by scalar loops: ||a (x) d||^2 = ||a||^2 ||d||^2 for the outer
    product of a layer's input a^(l-1) with its dL/dz^(l)."""
    acts, zs, a = [list(x)], [], list(x)
    for l, W in enumerate(Ws, start=1):
        z = [sum(W[j][k] * a[j] for j in range(len(a))) for k in range(len(W[0]))]
        a = z if l == len(Ws) else [g(name, v) for v in z]
        zs.append(z)
        acts.append(a)
    out, delta = [], [1.0]
    for l in range(len(Ws), 0, -1):
        slope = [1.0] * len(zs[l - 1]) if l == len(Ws) else [_hidden_g_prime(name, v)
                                                             for v in zs[l - 1]]
        dz = [s_ * d for s_, d in zip(slope, delta)]
        out.append((sum(v * v for v in acts[l - 1]) * sum(v * v for v in dz)) ** 0.5)
        delta = [sum(w * d for w, d in zip(row, dz)) for row in Ws[l - 1]]
    return out[::-1]


@check("Exercise 12.12", points=6, visibility="hidden", uses=("12.8",))
def test_layer_gradient_norms_seeded(student):
    "layer_gradient_norms on other seeded networks (1 to 5 hidden layers) and a 30-layer one, against scalar loops."
    cases = _norm_cases(1312, 5)
    rng = random.Random(1313)
    cases.append(_net(rng, 2, [3] * 29) + ("tanh",))
    for Ws, x, name in cases:
        expect_norms(student, Ws, x, name, _hidden_norms(Ws, x, name))


# -- 12.13 Xavier for the sigmoid -------------------------------------------------------

def expect_sigmoid_limit(student, fi, fo, want, r):
    got = student.call("sigmoid_xavier_limit", fi, fo)
    expect_close(got, want, inputs={"fan_in": fi, "fan_out": fo}, what="r for sigmoid layers",
                 hint="Redo Xavier's variance argument with the sigmoid's g'(0) in place of "
                      "tanh's (python grader.py hint 12.13).",
                 mistakes={"xavier": (r, "That is Xavier's r, derived for g'(0) = 1 (tanh). The "
                                         "sigmoid's g'(0) is smaller: the weights must make "
                                         "up for it."),
                           "16": (16.0 * r, "16 is the factor on the VARIANCE Var(w); the limit "
                                            "r is a standard-deviation-like size: its factor "
                                            "is the square root."),
                           "2": (2.0 * r, "sigma(0) = 1/2 is the value, not the slope; the "
                                          "slope sigma'(0) is 12.1 at 0."),
                           "quarter": (r / 4.0, "Backwards: the sigmoid's smaller slope "
                                                "shrinks the signal, so the weights must be "
                                                "LARGER than Xavier's."),
                           # the right Var(w)'s standard deviation, taken for the limit
                           "std": (4.0 * r / 3.0 ** 0.5,
                                   "That r is the standard deviation sqrt(Var(w)). The limit of "
                                   "U(-r, r) is larger: its variance is r squared over 3.")})


@check("Exercise 12.13", points=2, visibility="visible", uses=("12.6",))
def test_sigmoid_limit_example(student):
    "sigmoid_xavier_limit(3, 5) (the docstring's example), (2, 4) and three seeded layer sizes, against an oracle from minigrad's Xavier limit and autodiff slopes."
    factor = library_peak_slope("tanh") / library_peak_slope("sigmoid")
    # (3, 5) first: at (2, 4) Xavier's r is exactly 1, so a missing square root cannot show
    for fi, fo in [(3, 5), (2, 4)] + _fans(1213, 3):
        r = library_xavier_limit(fi, fo)
        expect_sigmoid_limit(student, fi, fo, factor * r, r)


@check("Exercise 12.13", points=4, visibility="hidden", uses=("12.6",))
def test_sigmoid_limit_seeded(student):
    "sigmoid_xavier_limit on other seeded layer sizes, against a closed form."
    for fi, fo in _fans(133, 4) + [(1, 1)]:
        r = _hidden_limit(fi, fo)
        expect_sigmoid_limit(student, fi, fo, r * _hidden_g_max("tanh") / _hidden_g_max("sigmoid"),
                             r)


# -- 12.14 the ratio --------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def library_limit(init, fi, fo):
    if init == "uniform":
        return 1.0
    r = library_xavier_limit(fi, fo)
    if init == "xavier":
        return r
    if init == "xavier_sigmoid":
        return r * library_peak_slope("tanh") / library_peak_slope("sigmoid")
    return (6.0 / fi) ** 0.5  # "he", given in the docstring


def scaled(Us, init, limit=library_limit):
    return [[[limit(init, len(U), len(U[0])) * u for u in row] for row in U] for U in Us]


def backprop_norms(Ws, x, name):
    """||dL/dW^(l)|| per layer by minigrad.backprop (the library's matrix backprop), L = y:
    the same numbers as library_norms (autodiff), fast enough for deep networks."""
    from minigrad import backprop
    bs = [[0.0] * len(W[0]) for W in Ws]
    cache = backprop.forward(Ws, bs, x, activation=name, out_activation="linear")
    dWs, _, _ = backprop.backward(cache, Ws, [1.0])
    return [math.sqrt(sum(g_ * g_ for row in dW for g_ in row)) for dW in dWs]


def mean_norms(Ws, xs, name, norms=backprop_norms):
    per = [norms(Ws, x, name) for x in xs]
    return [sum(p[l] for p in per) / len(per) for l in range(len(Ws))]


def ratio_of(Us, xs, name, init, norms=backprop_norms, limit=library_limit):
    m = mean_norms(scaled(Us, init, limit), xs, name, norms)
    return m[0] / m[-1]


def expect_ratio(student, Us, xs, name, init, norms=backprop_norms, limit=library_limit):
    got = student.call("gradient_ratio", Us, xs, name, init)
    Ws = scaled(Us, init, limit)
    m = mean_norms(Ws, xs, name, norms)
    per = [norms(Ws, x, name) for x in xs]
    mistakes = {"inverted": (m[-1] / m[0], "Upside down: layer 1's mean norm over the output "
                                           "layer's."),
                "mean of ratios": (sum(p[0] / p[-1] for p in per) / len(per)
                                   if all(p[-1] > 0 for p in per) else -1.0,
                                   "You averaged the per-example ratios; the ratio is of the "
                                   "two MEAN norms over the examples."),
                "last hidden": (m[0] / m[-2] if len(m) > 1 else -1.0,
                                "The denominator is the output layer n (the last matrix), not "
                                "the last hidden layer.")}
    if init == "he":
        swapped = scaled(Us, init, lambda i, fi, fo: (6.0 / fo) ** 0.5)
        sm = mean_norms(swapped, xs, name, norms)
        mistakes["he fan_out"] = (sm[0] / sm[-1], "He's r uses fan_in, the number of ROWS of "
                                                  "each matrix (the units feeding the layer).")
    if init == "xavier_sigmoid":
        plain = mean_norms(scaled(Us, "xavier", limit), xs, name, norms)
        mistakes["plain xavier"] = (plain[0] / plain[-1], "For \"xavier_sigmoid\" use your "
                                                          "12.13, not 12.6.")
    expect_close(got, m[0] / m[-1], inputs={"activation": name, "init": init,
                                            "sizes": [len(Us[0])] + [len(U[0]) for U in Us],
                                            "examples": len(xs)},
                 what="the ratio m_1 / m_n", rel=1e-6, abs=1e-300,
                 hint="Scale each layer's draws by its own limit (fan_in = rows, fan_out = "
                      "columns), average each layer's norm (12.12) over the examples, then "
                      "divide layer 1's mean by the output layer's.",
                 mistakes=mistakes)


def _deep(rng, nin, width, depth, m):
    Us = uniform_draws(rng, [nin] + [width] * depth + [1])
    return Us, uniform_draws(rng, [m, nin])[0]


@check("Exercise 12.14", points=2, visibility="visible", uses=("12.12", "12.13", "12.6"))
def test_gradient_ratio_example(student):
    "gradient_ratio on the docstring's 11-layer network for every activation and init, and on a seeded 7-layer network (non-square first and last layers), against minigrad's autodiff and Xavier init."
    for name in ("sigmoid", "tanh", "relu"):
        for init in INITS:
            expect_ratio(student, DOC_US, DOC_XS, name, init)
    Us, xs = _deep(random.Random(1214), 3, 6, 6, 4)
    for name, init in (("sigmoid", "xavier_sigmoid"), ("relu", "he"), ("tanh", "xavier")):
        expect_ratio(student, Us, xs, name, init)


def _hidden_limit_of(init, fi, fo):
    return {"uniform": 1.0, "xavier": _hidden_limit(fi, fo),
            "xavier_sigmoid": 4.0 * _hidden_limit(fi, fo), "he": (6.0 / fi) ** 0.5}[init]


@check("Exercise 12.14", points=4, visibility="hidden", uses=("12.12", "12.13", "12.6"))
def test_gradient_ratio_seeded(student):
    "gradient_ratio on other seeded deep networks for every activation and init, against scalar loops."
    for k, (nin, width, depth) in enumerate(((2, 8, 8), (4, 10, 5))):
        Us, xs = _deep(random.Random(1314 + k), nin, width, depth, 5)
        for name in ("sigmoid", "tanh", "relu"):
            for init in INITS:
                expect_ratio(student, Us, xs, name, init, norms=_hidden_norms,
                             limit=_hidden_limit_of)


# -- 12.15 which remedies work -------------------------------------------------------------

ALL_PAIRS = [[name, init] for name in ("sigmoid", "tanh", "relu") for init in INITS]


def expect_remedies(student, Us, xs, ratio):
    """Only candidates whose ratio is at least RATIO_MARGIN from both ends are asked about."""
    ratios = {(n, i): ratio(Us, xs, n, i) for n, i in ALL_PAIRS}
    far = [[n, i] for n, i in ALL_PAIRS
           if all(not (b / RATIO_MARGIN < ratios[n, i] < b * RATIO_MARGIN)
                  for b in (RATIO_MIN, RATIO_MAX))]
    want = [p for p in far if RATIO_MIN <= ratios[tuple(p)] <= RATIO_MAX]
    got = student.call("working_remedies", Us, xs, far)
    outside = [p for p in far if p not in want]
    expect_equal(got, want, what="the pairs within [0.1, 10]",
                 inputs={"candidates": far, "sizes": [len(Us[0])] + [len(U[0]) for U in Us],
                         "examples": len(xs)},
                 hint="Keep each [activation, init] whose ratio (12.14) lies between "
                      "RATIO_MIN and RATIO_MAX, in the candidates' order.",
                 mistakes={"outside": (outside, "You kept the pairs OUTSIDE [0.1, 10]: those "
                                                "are the ones whose gradient vanishes or "
                                                "explodes."),
                           "tuples": ([tuple(p) for p in want], "Return each pair as a list "
                                                                "[activation, init].")})


@check("Exercise 12.15", points=1, visibility="visible", uses=("12.14",))
def test_working_remedies_example(student):
    "working_remedies on the docstring's 11-layer network with all twelve pairs (every sigmoid pair vanishes, xavier_sigmoid too), and on a seeded network, against minigrad's autodiff."
    expect_remedies(student, DOC_US, DOC_XS, ratio_of)
    Us, xs = _deep(random.Random(1215), 2, 10, 8, 4)
    expect_remedies(student, Us, xs, ratio_of)


@check("Exercise 12.15", points=2, visibility="hidden", uses=("12.14",))
def test_working_remedies_seeded(student):
    "working_remedies on other seeded deep networks, against scalar loops."
    for k in range(2):
        Us, xs = _deep(random.Random(1315 + k), 3, 12, 9, 4)
        expect_remedies(student, Us, xs,
                        lambda U, X, n, i: ratio_of(U, X, n, i, _hidden_norms, _hidden_limit_of))
