"""Exercise 12: Vanishing gradients and the choice of activation function (seed 000, "Vanishing gradient", "Choice of Nonlinear Activation Function")."""
import math
import random

from grading.check import away_from_kinks, check, expect_close, expect_equal, expect_true, seeded
from minigrad.engine import Value
from minigrad.nn import Neuron

MODULE = "ex12_vanishing_gradients"
ALLOWED_IMPORTS = ["math"]

NAMES = ("sigmoid", "tanh", "relu", "shifted_relu", "step", "sin100")
NONZERO_MIN, INFORMATIVE_MIN = 0.25, 0.9  # the module's given thresholds


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

def expect_prime(student, fn, name, z, want, mistakes):
    got = student.call(fn, z)
    if name in ("sigmoid", "tanh") and abs(z) < 10:  # a second, numeric oracle
        expect_true(abs(want - central(FORWARD[name], z)) < 1e-6, "oracle disagrees")
    expect_close(got, want, inputs={"z": z}, what="%s'(z)" % name,
                 hint={"sigmoid": "sigma'(z) = sigma(z) (1 - sigma(z)), with the given sigmoid(z).",
                       "tanh": "tanh'(z) = 1 - tanh(z)^2.",
                       "relu": "relu'(z) = 1 for z > 0 and 0 for z < 0."}[name],
                 mistakes=mistakes)


def sigmoid_mistakes(z, want):
    s = g("sigmoid", z)
    return {"sigma": (s, "That is sigma(z) itself; the derivative is sigma(z) (1 - sigma(z))."),
            "1-sigma": (1.0 - s, "You left out the factor sigma(z): sigma' = sigma (1 - sigma)."),
            "z": (s * (1.0 - z), "Use sigma(z), not z: sigma'(z) = sigma(z) (1 - sigma(z))."),
            "minus": (-want, "Sign: sigma is increasing, sigma'(z) = +sigma(1 - sigma) "
                             "> 0 (seed 001's last line has this wrong minus sign).")}


def tanh_mistakes(z, want):
    t = math.tanh(z)
    return {"1-t": (1.0 - t, "Square it: tanh'(z) = 1 - tanh(z)^2, not 1 - tanh(z)."),
            "1-z2": (1.0 - z * z, "Use tanh(z), not z: tanh'(z) = 1 - tanh(z)^2."),
            "t2": (1.0 - want, "That is tanh(z)^2; the derivative is 1 - tanh(z)^2.")}


def relu_mistakes(z, want):
    return {"forward": (max(0.0, z), "That is relu(z) = max(0, z) itself; its derivative is "
                                     "1 where z > 0 and 0 where z < 0."),
            "flipped": (1.0 - want, "The indicator is 1{z > 0}: slope 1 on the "
                                    "positive side, 0 on the negative side.")}


@check("Exercise 12.1", points=1, visibility="visible")
def test_sigmoid_prime_example(student):
    "sigmoid_prime at z = 0 (its maximum, 1/4) and z = 2 against minigrad's autodiff of Value.sigmoid."
    for z in (0.0, 2.0):
        want = library_slope("sigmoid", z)
        expect_prime(student, "sigmoid_prime", "sigmoid", z, want, sigmoid_mistakes(z, want))


@check("Exercise 12.1", points=2, visibility="hidden")
def test_sigmoid_prime_seeded(student):
    "sigmoid_prime at seeded z in [-8, 8] and at z = +-30 (saturated: the gradient is ~1e-13)."
    for z in seeded(121, 5, lambda rng: rng.uniform(-8, 8)) + [30.0, -30.0]:
        want = _hidden_g_prime("sigmoid", z)
        expect_prime(student, "sigmoid_prime", "sigmoid", z, want, sigmoid_mistakes(z, want))


@check("Exercise 12.2", points=1, visibility="visible")
def test_tanh_prime_example(student):
    "tanh_prime at z = 0 (its maximum, 1) and z = 1 against minigrad's autodiff of Value.tanh."
    for z in (0.0, 1.0):
        want = library_slope("tanh", z)
        expect_prime(student, "tanh_prime", "tanh", z, want, tanh_mistakes(z, want))


@check("Exercise 12.2", points=2, visibility="hidden")
def test_tanh_prime_seeded(student):
    "tanh_prime at seeded z in [-4, 4] and at z = -12 against sech^2(z)."
    for z in seeded(122, 5, lambda rng: rng.uniform(-4, 4)) + [-12.0]:
        want = _hidden_g_prime("tanh", z)
        expect_prime(student, "tanh_prime", "tanh", z, want, tanh_mistakes(z, want))


@check("Exercise 12.3", points=1, visibility="visible")
def test_relu_prime_example(student):
    "relu_prime at z = 2.5 and z = -0.3 against minigrad's autodiff of Value.relu."
    for z in (2.5, -0.3):
        want = library_slope("relu", z)
        expect_prime(student, "relu_prime", "relu", z, want, relu_mistakes(z, want))


@check("Exercise 12.3", points=2, visibility="hidden")
def test_relu_prime_seeded(student):
    "relu_prime at seeded z in [-3, 3] away from the kink at 0, and at z = +-1e-3."
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
    """Wrong products (no w_l; g' at a_l instead of at z_l), with the library's g'."""
    a, no_w, at_a = x, 1.0, 1.0
    for w in ws:
        z = w * a
        a = g(name, z)
        no_w *= library_slope(name, z)
        at_a *= w * library_slope(name, a)
    return {"no w": (no_w, "Each layer contributes w_l g'(z_l): dz_l/da_{l-1} = w_l."),
            "g' at a": (at_a, "Evaluate g' at the layer's input z_l = w_l a_{l-1}, not at its "
                              "output a_l.")}


def expect_chain(student, x, ws, name):
    got = student.call("chain_gradient", x, ws, name)
    want = autodiff_chain(x, ws, name)
    inputs = {"x": x, "ws": ws, "activation": name}
    expect_true(isinstance(got, list) and len(got) == 2,
                "chain_gradient must return [a_n, da_n/dx]", inputs=inputs, got=got)
    expect_close(got[0], want[0], inputs=inputs, what="a_n", abs=1e-300,
                 hint="a_0 = x; for each layer z_l = w_l a_{l-1}, a_l = g(z_l).")
    wrong = {k: ([want[0], v], h) for k, (v, h) in chain_mistakes(x, ws, name).items()}
    expect_close(got, want, inputs=inputs, what="[a_n, da_n/dx]", abs=1e-300,
                 hint="da_n/dx = prod_l w_l g'(z_l), the product of the local derivatives.",
                 mistakes=wrong)


@check("Exercise 12.4", points=1, visibility="visible")
def test_chain_gradient_example(student):
    "chain_gradient(0.5, [2.0, 2.0], 'tanh') and a 20-layer sigmoid chain against minigrad autodiff."
    expect_chain(student, 0.5, [2.0, 2.0], "tanh")
    expect_chain(student, 1.0, [1.0] * 20, "sigmoid")


@check("Exercise 12.4", points=2, visibility="hidden")
def test_chain_gradient_seeded(student):
    "chain_gradient on seeded chains of 1 to 30 tanh or sigmoid layers against minigrad autodiff (relative error, also for vanishing gradients)."
    def case(rng):
        n = rng.randrange(1, 31)
        return (rng.uniform(-2, 2), [rng.choice([-1, 1]) * rng.uniform(0.3, 2.5) for _ in range(n)],
                rng.choice(["tanh", "sigmoid"]))
    for x, ws, name in seeded(124, 5, case):
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
    expect_close(got, want, inputs=inputs, what="the bound", abs=1e-300,
                 hint="prod_l |w_l| * max g', with max sigmoid' = 1/4 (at 0) and max tanh' = 1.",
                 mistakes={
                     "sigma(0)": (want * 2.0 ** n if name == "sigmoid" else -1.0,
                                  "max sigmoid' is sigma'(0) = sigma(0)(1 - sigma(0)) = 1/4, "
                                  "not sigma(0) = 1/2."),
                     "no abs": (math.copysign(want, prod_w),
                                "A bound on |da_n/dx| uses |w_l|: take absolute values."),
                     "once": (abs(prod_w) * g_max,
                              "max g' is a factor in *every* layer: (max g')^n, not once.")})


@check("Exercise 12.5", points=1, visibility="visible")
def test_chain_bound_example(student):
    "chain_bound([2.0, -1.0, 0.5], 'sigmoid') against minigrad's autodiff of the chain that attains the bound (every z_l at 0)."
    ws = [2.0, -1.0, 0.5]
    expect_bound(student, ws, "sigmoid", library_bound(ws, "sigmoid"), library_peak_slope("sigmoid"))


@check("Exercise 12.5", points=2, visibility="hidden")
def test_chain_bound_seeded(student):
    "chain_bound on seeded weights (1 to 12 layers, tanh and sigmoid) against prod |w_l| max g'; the bound holds for the true gradient."
    def case(rng):
        n = rng.randrange(1, 13)
        return [rng.uniform(-2, 2) for _ in range(n)], rng.choice(["tanh", "sigmoid"])
    cases = seeded(125, 4, case) + [([-1.5, 0.8], "tanh"), ([-1.5, 0.8, -2.0], "sigmoid")]
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


@check("Exercise 12.6", points=1, visibility="visible")
def test_xavier_limit_example(student):
    "xavier_limit(2, 4) and xavier_limit(784, 256) against the largest weight minigrad's Xavier init draws."
    for fi, fo in ((2, 4), (784, 256)):
        expect_limit(student, fi, fo, library_xavier_limit(fi, fo))


@check("Exercise 12.6", points=2, visibility="hidden")
def test_xavier_limit_seeded(student):
    "xavier_limit on seeded layer sizes (1 to 512) against sqrt(6 / (fan_in + fan_out))."
    for fi, fo in seeded(126, 5, lambda rng: (rng.randrange(1, 513), rng.randrange(1, 513))) \
            + [(1, 1)]:
        expect_limit(student, fi, fo, _hidden_limit(fi, fo))


def expect_variance(student, fi, fo, want, r):
    got = student.call("xavier_variance", fi, fo)
    expect_close(got, want, inputs={"fan_in": fi, "fan_out": fo}, what="Var(w)",
                 hint="Var U(-r, r) = r^2 / 3 = 2 / (fan_in + fan_out).",
                 mistakes={"r^2": (r * r, "A uniform U(-r, r) has variance r^2 / 3, not r^2."),
                           "lecun": (1.0 / fi, "1 / fan_in is LeCun's variance; Glorot's "
                                               "averages both fans: 2 / (fan_in + fan_out)."),
                           "r": (r, "That is the limit r; the variance is r^2 / 3.")})


@check("Exercise 12.7", points=1, visibility="visible")
def test_xavier_variance_example(student):
    "xavier_variance(2, 4) against the variance of minigrad's Xavier weights, integrated numerically."
    expect_variance(student, 2, 4, library_xavier_variance(2, 4), library_xavier_limit(2, 4))


@check("Exercise 12.7", points=2, visibility="hidden")
def test_xavier_variance_seeded(student):
    "xavier_variance on seeded layer sizes (1 to 512) against r^2 / 3."
    for fi, fo in seeded(127, 5, lambda rng: (rng.randrange(1, 513), rng.randrange(1, 513))):
        expect_variance(student, fi, fo, _hidden_variance(fi, fo), _hidden_limit(fi, fo))


# =============================================================================
# 12.8 the derivatives of all six, incl. the problematic ones
# =============================================================================

DERIV_HINTS = {
    "sigmoid": "sigma(z)(1 - sigma(z)) (12.1).",
    "tanh": "1 - tanh(z)^2 (12.2).",
    "relu": "1{z > 0} (12.3).",
    "shifted_relu": "max(0, z - 100) has slope 1 only where z > 100, 0 below.",
    "step": "1{z > 0} is flat on both sides of its jump: its derivative is 0 (except at 0).",
    "sin100": "d/dz sin(100 z) = 100 cos(100 z) (chain rule).",
}


def expect_derivative(student, name, z, want):
    got = student.call("derivative", name, z)
    if name not in ("step",):
        expect_true(abs(want - central(FORWARD[name], z, 1e-7)) < 1e-4 * max(1, abs(want)),
                    "oracle disagrees with a central difference")
    mistakes = {
        "sin100": {"no 100": (want / 100.0, "The chain rule brings out the inner derivative: "
                                            "d/dz sin(100 z) = 100 cos(100 z).")},
        "shifted_relu": {"kink at 0": (library_slope("relu", z),  # relu's slope
                                       "The kink of max(0, z - 100) is at z = 100, "
                                       "not 0: the slope is 0 for all z < 100.")},
        "step": {"one": (1.0, "The step is constant on each side: slope 0. Its value jumps at 0, "
                              "but a jump is not a slope.")},
    }.get(name, {})
    expect_close(got, want, inputs={"name": name, "z": z}, what="g'(z) of %s" % name,
                 hint=DERIV_HINTS[name], mistakes=mistakes)


@check("Exercise 12.8", points=1, visibility="visible")
def test_derivative_example(student):
    "derivative(name, z) of the seed's three problematic activations and the three common ones at a few z, against minigrad's autodiff (a central difference for step and sin100)."
    for name, z in [("shifted_relu", 3.0), ("shifted_relu", 101.0), ("step", 0.5),
                    ("sin100", 0.01), ("sigmoid", 0.3), ("tanh", -0.5), ("relu", 1.5)]:
        expect_derivative(student, name, z, library_slope(name, z))


@check("Exercise 12.8", points=2, visibility="hidden")
def test_derivative_seeded(student):
    "derivative(name, z) of all six activations at seeded z (away from the kinks at 0 and 100)."
    def case(rng):
        return away_from_kinks(rng, -5.0, 5.0, 0.01), away_from_kinks(rng, 95.0, 105.0, 0.01,
                                                                      (100.0,))
    for z, z_far in seeded(128, 4, case):
        cases = [(n, z) for n in NAMES] + [("shifted_relu", z_far), ("sin100", z_far)]
        for name, u in cases:
            expect_derivative(student, name, u, _hidden_g_prime(name, u))


# =============================================================================
# 12.9 - 12.11 the seed's criteria, measured
# =============================================================================

def expect_nonzero(student, name, zs, want):
    got = student.call("nonzero_fraction", name, zs)
    expect_close(got, want, inputs={"name": name, "zs": zs}, what="the non-zero fraction",
                 hint="Count the z with derivative(name, z) != 0 and divide by len(zs).",
                 mistakes={"zero": (1.0 - want, "You counted where the gradient *is* zero; "
                                                "count g'(z) != 0."),
                           "count": (want * len(zs), "Divide the count by len(zs).")})


@check("Exercise 12.9", points=1, visibility="visible")
def test_nonzero_fraction_example(student):
    "nonzero_fraction of relu on [-2, -1, 0.5, 1, 3], and of step and shifted_relu on 50 points in [-5, 5]."
    for name, zs in [("relu", [-2.0, -1.0, 0.5, 1.0, 3.0]), ("step", grid(-5, 5, 50, 0.1)),
                     ("shifted_relu", grid(-5, 5, 50, 0.1))]:
        expect_nonzero(student, name, zs, library_fractions(name, zs, 0.1)[0])


@check("Exercise 12.9", points=2, visibility="hidden")
def test_nonzero_fraction_seeded(student):
    "nonzero_fraction of all six activations on seeded inputs, and of shifted_relu on inputs around 100."
    for k, name in enumerate(NAMES):
        zs = seeded(129 + k, 1, lambda rng: _hidden_seeded_zs(rng, name, -4.0, 6.0, 40, 0.1))[0]
        expect_nonzero(student, name, zs, _hidden_fractions(name, zs, 0.1)[0])
    zs = seeded(139, 1, lambda rng: _hidden_seeded_zs(rng, "shifted_relu", 97.0, 101.0, 40, 0.1))[0]
    expect_nonzero(student, "shifted_relu", zs, _hidden_fractions("shifted_relu", zs, 0.1)[0])


def expect_informative(student, name, zs, h, fractions):
    got = student.call("informative_fraction", name, zs, h)
    nonzero, want, active = fractions
    right = want * active
    expect_close(got, want, inputs={"name": name, "zs": zs, "h": h},
                 what="the informative fraction",
                 hint="Among the z with g'(z) != 0, the fraction with "
                      "g'(z) * (g(z + h) - g(z)) > 0 (0.0 if there are none).",
                 mistakes={"all z": (right / len(zs) if active != len(zs) else -1.0,
                                     "Divide by the number of z with a non-zero gradient, not by "
                                     "len(zs): the question is how often a gradient that is "
                                     "there points the right way."),
                           "wrong way": ((active - right) / active if active else -1.0,
                                         "You counted where the gradient points the wrong way; "
                                         "informative means g'(z) and g(z + h) - g(z) have the "
                                         "same sign.")})


@check("Exercise 12.10", points=1, visibility="visible")
def test_informative_fraction_example(student):
    "informative_fraction of tanh, relu, sin100 and step on 50 points in [-5, 5] with h = 0.1."
    for name in ("tanh", "relu", "sin100", "step"):
        zs = grid(-5, 5, 50, 0.1, name)
        expect_informative(student, name, zs, 0.1, library_fractions(name, zs, 0.1))


def _hidden_informative_flat_step(student):
    """A step that does not change g (z + h == z in floating point) is not informative."""
    zs, h = [0.0, 1.0], 1e-17
    expect_informative(student, "tanh", zs, h, library_fractions("tanh", zs, h))


@check("Exercise 12.10", points=2, visibility="hidden")
def test_informative_fraction_seeded(student):
    "informative_fraction of all six activations on seeded inputs and steps h, including sin100 with a step far shorter than its wiggles."
    for k, name in enumerate(NAMES):
        h = seeded(140 + k, 1, lambda rng: rng.uniform(0.05, 0.5))[0]
        zs = seeded(150 + k, 1, lambda rng: _hidden_seeded_zs(rng, name, -3.0, 3.0, 40, h))[0]
        expect_informative(student, name, zs, h, _hidden_fractions(name, zs, h))
    zs = seeded(160, 1, lambda rng: _hidden_seeded_zs(rng, "sin100", -1.0, 1.0, 60, 1e-4))[0]
    expect_informative(student, "sin100", zs, 1e-4, _hidden_fractions("sin100", zs, 1e-4))
    _hidden_informative_flat_step(student)

CRITERION_HINT = ('Return "nonzero" if nonzero_fraction(name, zs) < NONZERO_MIN, else '
                  '"informative" if informative_fraction(name, zs, h) < INFORMATIVE_MIN, '
                  "else None.")


def expect_criterion(student, name, zs, h, want, fractions):
    got = student.call("first_failed_criterion", name, zs, h)
    nonzero, informative, _ = fractions
    expect_equal(got, want, what="the first failed criterion of %s" % name,
                 inputs={"name": name, "h": h, "zs": "%d points in [%.3g, %.3g]"
                         % (len(zs), min(zs), max(zs)),
                         "non-zero fraction": nonzero, "informative fraction": informative},
                 hint=CRITERION_HINT,
                 mistakes={"reversed": ("informative" if want == "nonzero" else "nonzero",
                                        "Check the criteria in the slide's order: first a "
                                        "non-zero gradient on a significant portion, then an "
                                        "informative one.")} if want else {})


@check("Exercise 12.11", points=1, visibility="visible")
def test_first_failed_criterion_example(student):
    "first_failed_criterion of the seed's three problematic activations and of relu on 200 points in [-5, 5], h = 0.1, against the verdicts the module states."
    for name, verdict in SEED_VERDICTS.items():
        zs = grid(-5, 5, 200, 0.1, name)
        expect_criterion(student, name, zs, 0.1, verdict, library_fractions(name, zs, 0.1))


def _hidden_criterion_thresholds(student):
    """A fraction exactly at NONZERO_MIN or INFORMATIVE_MIN does not fail (strict <)."""
    for name, zs, h in (("relu", [-3.0, -2.0, -1.0, 1.0], 0.1),
                        ("tanh", [0.0] * 9 + [1.0], 1e-17)):
        expect_criterion(student, name, zs, h, None, library_fractions(name, zs, h))


@check("Exercise 12.11", points=2, visibility="hidden")
def test_first_failed_criterion_seeded(student):
    "first_failed_criterion of all six activations on seeded inputs, of shifted_relu around 100 and of sin100 with a tiny step."
    cases = []
    for k, name in enumerate(NAMES):
        zs = seeded(170 + k, 1, lambda rng: _hidden_seeded_zs(rng, name, -5.0, 5.0, 80, 0.1))[0]
        cases.append((name, zs, 0.1))
    zs = seeded(180, 1, lambda rng: _hidden_seeded_zs(rng, "shifted_relu", 90.0, 110.0, 80, 0.1))[0]
    cases.append(("shifted_relu", zs, 0.1))
    zs = seeded(181, 1, lambda rng: _hidden_seeded_zs(rng, "sin100", -1.0, 1.0, 80, 1e-4))[0]
    cases.append(("sin100", zs, 1e-4))
    for name, zs, h in cases:
        expect_criterion(student, name, zs, h, _hidden_criterion(name, zs, h),
                         _hidden_fractions(name, zs, h))
    _hidden_criterion_thresholds(student)

MISTAKES = [
    # (task, text in solutions/ex12_vanishing_gradients.py, replacement, fragment of message or hint)
    ("12.1", "    return s * (1.0 - s)", "    return s * (1.0 - z)", "not z"),
    ("12.2", "    return 1.0 - t * t", "    return 1.0 - t", "Square it"),
    ("12.3", "    return 1.0 if z > 0 else 0.0\n    # END SOLUTION\n\n\ndef chain_gradient",
             "    return max(0.0, z)\n    # END SOLUTION\n\n\ndef chain_gradient", "itself"),
    ("12.4", "        grad *= w * g_prime(z)", "        grad *= g_prime(z)", "w_l g'(z_l)"),
    ("12.4", "        grad *= w * g_prime(z)", "        grad *= w * g_prime(a)", "not at its"),
    ("12.5", "    g_max = 0.25 if activation_name", "    g_max = 0.5 if activation_name", "1/4"),
    ("12.6", "    return math.sqrt(6.0 / (fan_in + fan_out))",
             "    return math.sqrt(2.0 / (fan_in + fan_out))", "standard deviation"),
    ("12.7", "    return 2.0 / (fan_in + fan_out)", "    return 6.0 / (fan_in + fan_out)", "r^2 / 3"),
    ("12.8", "        return 100.0 * math.cos(100.0 * z)", "        return math.cos(100.0 * z)",
     "100 cos(100 z)"),
    ("12.8", "        return 1.0 if z > 100.0 else 0.0", "        return 1.0 if z > 0 else 0.0",
     "z = 100"),
    ("12.9", "    return count / len(zs)", "    return count", "Divide"),
    ("12.10", "    return right / active if active else 0.0",
              "    return right / len(zs)", "not by len(zs)"),
    ("12.11", '    if nonzero_fraction(name, zs) < NONZERO_MIN:\n        return "nonzero"\n'
              '    if informative_fraction(name, zs, h) < INFORMATIVE_MIN:\n'
              '        return "informative"\n',
              '    if informative_fraction(name, zs, h) < INFORMATIVE_MIN:\n'
              '        return "informative"\n    if nonzero_fraction(name, zs) < NONZERO_MIN:\n'
              '        return "nonzero"\n', "slide's order"),
]
