"""Exercise 12: Vanishing gradients and the choice of activation function (seed 000, "Vanishing gradient", "Choice of Nonlinear Activation Function")."""
import math

from grading.check import away_from_kinks, check, expect_close, expect_equal, expect_true, seeded
from minigrad.engine import Value

MODULE = "ex12_vanishing_gradients"
ALLOWED_IMPORTS = ["math"]

NAMES = ("sigmoid", "tanh", "relu", "shifted_relu", "step", "sin100")
NONZERO_MIN, INFORMATIVE_MIN = 0.25, 0.9  # the module's given thresholds


# -- oracles: closed forms written differently from the module's ------------------

def g(name, z):
    if name == "sigmoid":
        return 0.5 * (1.0 + math.tanh(0.5 * z))  # = 1 / (1 + exp(-z))
    if name == "tanh":
        return math.tanh(z)
    if name == "relu":
        return z if z > 0 else 0.0
    if name == "shifted_relu":
        return z - 100.0 if z > 100.0 else 0.0
    if name == "step":
        return 1.0 if z > 0 else 0.0
    return math.sin(100.0 * z)


def g_prime(name, z):
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


def central(f, z, eps=1e-6):
    return (f(z + eps) - f(z - eps)) / (2 * eps)


def fractions(name, zs, h):
    slopes = [g_prime(name, z) for z in zs]
    active = [(z, s) for z, s in zip(zs, slopes) if s != 0.0]
    nonzero = len(active) / len(zs)
    right = sum(1 for z, s in active if s * (g(name, z + h) - g(name, z)) > 0)
    return nonzero, (right / len(active) if active else 0.0), len(active)


def grid(lo, hi, n, h, name=None):
    """n evenly spaced inputs in [lo, hi], nudged off the kinks (0, 100) and,
    for sin100, off the points where the slope or the change over h is ~0."""
    zs = []
    for i in range(n):
        z = lo + (hi - lo) * (i + 0.5) / n
        if abs(z) < 1e-3 or abs(z - 100.0) < 1e-3:
            z += 2e-3
        if name == "sin100":
            while abs(g_prime(name, z)) < 1e-3 or abs(g(name, z + h) - g(name, z)) < 1e-6:
                z += 1e-4
        zs.append(round(z, 12))
    return zs


def seeded_zs(rng, name, lo, hi, n, h):
    zs = []
    while len(zs) < n:
        z = rng.uniform(lo, hi)
        if abs(z) < 0.01 or abs(z - 100.0) < 0.01:
            continue
        if name == "sin100" and (abs(g_prime(name, z)) < 1e-3
                                 or abs(g(name, z + h) - g(name, z)) < 1e-6):
            continue
        zs.append(z)
    return zs


# =============================================================================
# 12.1 - 12.3 the three common activations' derivatives
# =============================================================================

def expect_prime(student, fn, name, z, mistakes):
    got = student.call(fn, z)
    want = g_prime(name, z)
    if name in ("sigmoid", "tanh") and abs(z) < 10:  # a second, numeric oracle
        expect_true(abs(want - central(lambda u: g(name, u), z)) < 1e-6, "oracle disagrees")
    expect_close(got, want, inputs={"z": z}, what="%s'(z)" % name,
                 hint={"sigmoid": "sigma'(z) = sigma(z) (1 - sigma(z)), with the given sigmoid(z).",
                       "tanh": "tanh'(z) = 1 - tanh(z)^2.",
                       "relu": "relu'(z) = 1 for z > 0 and 0 for z < 0."}[name],
                 mistakes=mistakes)


def sigmoid_mistakes(z):
    s = g("sigmoid", z)
    return {"sigma": (s, "That is sigma(z) itself; the derivative is sigma(z) (1 - sigma(z))."),
            "1-sigma": (1.0 - s, "You left out the factor sigma(z): sigma' = sigma (1 - sigma)."),
            "z": (s * (1.0 - z), "Use sigma(z), not z: sigma'(z) = sigma(z) (1 - sigma(z))."),
            "minus": (-s * (1.0 - s), "Sign: sigma is increasing, sigma'(z) = +sigma(1 - sigma) "
                                      "> 0 (seed 001's last line has this wrong minus sign).")}


def tanh_mistakes(z):
    t = math.tanh(z)
    return {"1-t": (1.0 - t, "Square it: tanh'(z) = 1 - tanh(z)^2, not 1 - tanh(z)."),
            "1-z2": (1.0 - z * z, "Use tanh(z), not z: tanh'(z) = 1 - tanh(z)^2."),
            "t2": (t * t, "That is tanh(z)^2; the derivative is 1 - tanh(z)^2.")}


def relu_mistakes(z):
    return {"forward": (max(0.0, z), "That is relu(z) = max(0, z) itself; its derivative is "
                                     "1 where z > 0 and 0 where z < 0."),
            "flipped": (0.0 if z > 0 else 1.0, "The indicator is 1{z > 0}: slope 1 on the "
                                               "positive side, 0 on the negative side.")}


@check("12.1", points=1, visibility="visible")
def test_sigmoid_prime_example(student):
    "sigmoid_prime at z = 0 (its maximum, 1/4) and z = 2 against exp(-z)/(1+exp(-z))^2."
    for z in (0.0, 2.0):
        expect_prime(student, "sigmoid_prime", "sigmoid", z, sigmoid_mistakes(z))


@check("12.1", points=2, visibility="hidden")
def test_sigmoid_prime_seeded(student):
    "sigmoid_prime at seeded z in [-8, 8] and at z = +-30 (saturated: the gradient is ~1e-13)."
    for z in seeded(121, 5, lambda rng: rng.uniform(-8, 8)) + [30.0, -30.0]:
        expect_prime(student, "sigmoid_prime", "sigmoid", z, sigmoid_mistakes(z))


@check("12.2", points=1, visibility="visible")
def test_tanh_prime_example(student):
    "tanh_prime at z = 0 (its maximum, 1) and z = 1 against sech^2(z)."
    for z in (0.0, 1.0):
        expect_prime(student, "tanh_prime", "tanh", z, tanh_mistakes(z))


@check("12.2", points=2, visibility="hidden")
def test_tanh_prime_seeded(student):
    "tanh_prime at seeded z in [-4, 4] and at z = -12 against sech^2(z)."
    for z in seeded(122, 5, lambda rng: rng.uniform(-4, 4)) + [-12.0]:
        expect_prime(student, "tanh_prime", "tanh", z, tanh_mistakes(z))


@check("12.3", points=1, visibility="visible")
def test_relu_prime_example(student):
    "relu_prime at z = 2.5 and z = -0.3 against the indicator 1{z > 0}."
    for z in (2.5, -0.3):
        expect_prime(student, "relu_prime", "relu", z, relu_mistakes(z))


@check("12.3", points=2, visibility="hidden")
def test_relu_prime_seeded(student):
    "relu_prime at seeded z in [-3, 3] away from the kink at 0, and at z = +-1e-3."
    for z in seeded(123, 6, lambda rng: away_from_kinks(rng, -3.0, 3.0)) + [1e-3, -1e-3]:
        expect_prime(student, "relu_prime", "relu", z, relu_mistakes(z))


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
    """Wrong products: no w_l, g' at a_l instead of at z_l."""
    a, no_w, at_a = x, 1.0, 1.0
    for w in ws:
        z = w * a
        a = g(name, z)
        no_w *= g_prime(name, z)
        at_a *= w * g_prime(name, a)
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


@check("12.4", points=1, visibility="visible")
def test_chain_gradient_example(student):
    "chain_gradient(0.5, [2.0, 2.0], 'tanh') and a 20-layer sigmoid chain against minigrad autodiff."
    expect_chain(student, 0.5, [2.0, 2.0], "tanh")
    expect_chain(student, 1.0, [1.0] * 20, "sigmoid")


@check("12.4", points=2, visibility="hidden")
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

def expect_bound(student, ws, name):
    got = student.call("chain_bound", ws, name)
    g_max = max(g_prime(name, k * 1e-3) for k in range(-2000, 2001))  # 1/4 or 1, at z = 0
    want = math.prod(abs(w) * g_max for w in ws)
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
                     "sigma(0)": (math.prod(abs(w) * 0.5 for w in ws) if name == "sigmoid"
                                  else -1.0,
                                  "max sigmoid' is sigma'(0) = sigma(0)(1 - sigma(0)) = 1/4, "
                                  "not sigma(0) = 1/2."),
                     "no abs": (prod_w * g_max ** n,
                                "A bound on |da_n/dx| uses |w_l|: take absolute values."),
                     "once": (abs(prod_w) * g_max,
                              "max g' is a factor in *every* layer: (max g')^n, not once.")})


@check("12.5", points=1, visibility="visible")
def test_chain_bound_example(student):
    "chain_bound([2.0, -1.0, 0.5], 'sigmoid') against prod |w_l| (1/4)^n."
    expect_bound(student, [2.0, -1.0, 0.5], "sigmoid")


@check("12.5", points=2, visibility="hidden")
def test_chain_bound_seeded(student):
    "chain_bound on seeded weights (1 to 12 layers, tanh and sigmoid) against prod |w_l| max g'; the bound holds for the true gradient."
    def case(rng):
        n = rng.randrange(1, 13)
        return [rng.uniform(-2, 2) for _ in range(n)], rng.choice(["tanh", "sigmoid"])
    for ws, name in seeded(125, 4, case):
        expect_bound(student, ws, name)
    expect_bound(student, [-1.5, 0.8], "tanh")
    expect_bound(student, [-1.5, 0.8, -2.0], "sigmoid")


# =============================================================================
# 12.6 - 12.7 Xavier/Glorot
# =============================================================================

def expect_limit(student, fi, fo):
    got = student.call("xavier_limit", fi, fo)
    want = (6.0 / (fi + fo)) ** 0.5
    expect_close(got, want, inputs={"fan_in": fi, "fan_out": fo}, what="r",
                 hint="r = sqrt(6 / (fan_in + fan_out)).",
                 mistakes={"fan_in only": ((6.0 / fi) ** 0.5, "Use both fans: "
                                           "sqrt(6 / (fan_in + fan_out)), not sqrt(6 / fan_in)."),
                           "std": ((2.0 / (fi + fo)) ** 0.5, "sqrt(2 / (fan_in + fan_out)) is "
                                   "the standard deviation; the uniform *limit* is sqrt(6 / ...) "
                                   "(a U(-r, r) has variance r^2 / 3)."),
                           "no sqrt": (6.0 / (fi + fo), "Take the square root: "
                                                        "r = sqrt(6 / (fan_in + fan_out)).")})


@check("12.6", points=1, visibility="visible")
def test_xavier_limit_example(student):
    "xavier_limit(2, 4) and xavier_limit(784, 256) against sqrt(6 / (fan_in + fan_out))."
    expect_limit(student, 2, 4)
    expect_limit(student, 784, 256)


@check("12.6", points=2, visibility="hidden")
def test_xavier_limit_seeded(student):
    "xavier_limit on seeded layer sizes (1 to 512) against sqrt(6 / (fan_in + fan_out))."
    for fi, fo in seeded(126, 5, lambda rng: (rng.randrange(1, 513), rng.randrange(1, 513))):
        expect_limit(student, fi, fo)
    expect_limit(student, 1, 1)


def expect_variance(student, fi, fo):
    got = student.call("xavier_variance", fi, fo)
    r = (6.0 / (fi + fo)) ** 0.5
    want = r * r / 3.0  # the variance of U(-r, r)
    expect_close(got, want, inputs={"fan_in": fi, "fan_out": fo}, what="Var(w)",
                 hint="Var U(-r, r) = r^2 / 3 = 2 / (fan_in + fan_out).",
                 mistakes={"r^2": (r * r, "A uniform U(-r, r) has variance r^2 / 3, not r^2."),
                           "lecun": (1.0 / fi, "1 / fan_in is LeCun's variance; Glorot's "
                                               "averages both fans: 2 / (fan_in + fan_out)."),
                           "r": (r, "That is the limit r; the variance is r^2 / 3.")})


@check("12.7", points=1, visibility="visible")
def test_xavier_variance_example(student):
    "xavier_variance(2, 4) against r^2 / 3, the variance of U(-r, r)."
    expect_variance(student, 2, 4)


@check("12.7", points=2, visibility="hidden")
def test_xavier_variance_seeded(student):
    "xavier_variance on seeded layer sizes (1 to 512) against r^2 / 3."
    for fi, fo in seeded(127, 5, lambda rng: (rng.randrange(1, 513), rng.randrange(1, 513))):
        expect_variance(student, fi, fo)


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


def expect_derivative(student, name, z):
    got = student.call("derivative", name, z)
    want = g_prime(name, z)
    if name not in ("step",):
        expect_true(abs(want - central(lambda u: g(name, u), z, 1e-7)) < 1e-4 * max(1, abs(want)),
                    "oracle disagrees with a central difference")
    mistakes = {}
    if name == "sin100":
        mistakes["no 100"] = (math.cos(100.0 * z), "The chain rule brings out the inner "
                                                   "derivative: d/dz sin(100 z) = 100 cos(100 z).")
    if name == "shifted_relu":
        mistakes["kink at 0"] = (1.0 if z > 0 else 0.0, "The kink of max(0, z - 100) is at z = 100, "
                                                        "not 0: the slope is 0 for all z < 100.")
    if name == "step":
        mistakes["one"] = (1.0, "The step is constant on each side: slope 0. Its value jumps at 0, "
                                "but a jump is not a slope.")
    expect_close(got, want, inputs={"name": name, "z": z}, what="g'(z) of %s" % name,
                 hint=DERIV_HINTS[name], mistakes=mistakes)


@check("12.8", points=1, visibility="visible")
def test_derivative_example(student):
    "derivative(name, z) of the seed's three problematic activations and the three common ones at a few z."
    for name, z in [("shifted_relu", 3.0), ("shifted_relu", 101.0), ("step", 0.5),
                    ("sin100", 0.01), ("sigmoid", 0.3), ("tanh", -0.5), ("relu", 1.5)]:
        expect_derivative(student, name, z)


@check("12.8", points=2, visibility="hidden")
def test_derivative_seeded(student):
    "derivative(name, z) of all six activations at seeded z (away from the kinks at 0 and 100)."
    def case(rng):
        return away_from_kinks(rng, -5.0, 5.0, 0.01), away_from_kinks(rng, 95.0, 105.0, 0.01,
                                                                      (100.0,))
    for z, z_far in seeded(128, 4, case):
        for name in NAMES:
            expect_derivative(student, name, z)
        expect_derivative(student, "shifted_relu", z_far)
        expect_derivative(student, "sin100", z_far)


# =============================================================================
# 12.9 - 12.11 the seed's criteria, measured
# =============================================================================

def expect_nonzero(student, name, zs):
    got = student.call("nonzero_fraction", name, zs)
    want = fractions(name, zs, 0.1)[0]
    expect_close(got, want, inputs={"name": name, "zs": zs}, what="the non-zero fraction",
                 hint="Count the z with derivative(name, z) != 0 and divide by len(zs).",
                 mistakes={"zero": (1.0 - want, "You counted where the gradient *is* zero; "
                                                "count g'(z) != 0."),
                           "count": (want * len(zs), "Divide the count by len(zs).")})


@check("12.9", points=1, visibility="visible")
def test_nonzero_fraction_example(student):
    "nonzero_fraction of relu on [-2, -1, 0.5, 1, 3], and of step and shifted_relu on 50 points in [-5, 5]."
    expect_nonzero(student, "relu", [-2.0, -1.0, 0.5, 1.0, 3.0])
    expect_nonzero(student, "step", grid(-5, 5, 50, 0.1))
    expect_nonzero(student, "shifted_relu", grid(-5, 5, 50, 0.1))


@check("12.9", points=2, visibility="hidden")
def test_nonzero_fraction_seeded(student):
    "nonzero_fraction of all six activations on seeded inputs, and of shifted_relu on inputs around 100."
    for k, name in enumerate(NAMES):
        zs = seeded(129 + k, 1, lambda rng: seeded_zs(rng, name, -4.0, 6.0, 40, 0.1))[0]
        expect_nonzero(student, name, zs)
    zs = seeded(139, 1, lambda rng: seeded_zs(rng, "shifted_relu", 97.0, 101.0, 40, 0.1))[0]
    expect_nonzero(student, "shifted_relu", zs)


def expect_informative(student, name, zs, h):
    got = student.call("informative_fraction", name, zs, h)
    nonzero, want, active = fractions(name, zs, h)
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


@check("12.10", points=1, visibility="visible")
def test_informative_fraction_example(student):
    "informative_fraction of tanh, relu, sin100 and step on 50 points in [-5, 5] with h = 0.1."
    for name in ("tanh", "relu", "sin100", "step"):
        expect_informative(student, name, grid(-5, 5, 50, 0.1, name), 0.1)


@check("12.10", points=2, visibility="hidden")
def test_informative_fraction_seeded(student):
    "informative_fraction of all six activations on seeded inputs and steps h, including sin100 with a step far shorter than its wiggles."
    for k, name in enumerate(NAMES):
        h = seeded(140 + k, 1, lambda rng: rng.uniform(0.05, 0.5))[0]
        zs = seeded(150 + k, 1, lambda rng: seeded_zs(rng, name, -3.0, 3.0, 40, h))[0]
        expect_informative(student, name, zs, h)
    zs = seeded(160, 1, lambda rng: seeded_zs(rng, "sin100", -1.0, 1.0, 60, 1e-4))[0]
    expect_informative(student, "sin100", zs, 1e-4)


def criterion(name, zs, h):
    nonzero, informative, _ = fractions(name, zs, h)
    if nonzero < NONZERO_MIN:
        return "nonzero"
    if informative < INFORMATIVE_MIN:
        return "informative"
    return None


CRITERION_HINT = ('Return "nonzero" if nonzero_fraction(name, zs) < NONZERO_MIN, else '
                  '"informative" if informative_fraction(name, zs, h) < INFORMATIVE_MIN, '
                  "else None.")


def expect_criterion(student, name, zs, h):
    got = student.call("first_failed_criterion", name, zs, h)
    want = criterion(name, zs, h)
    nonzero, informative, _ = fractions(name, zs, h)
    expect_equal(got, want, what="the first failed criterion of %s" % name,
                 inputs={"name": name, "h": h, "zs": "%d points in [%.3g, %.3g]"
                         % (len(zs), min(zs), max(zs)),
                         "non-zero fraction": nonzero, "informative fraction": informative},
                 hint=CRITERION_HINT,
                 mistakes={"reversed": ("informative" if want == "nonzero" else "nonzero",
                                        "Check the criteria in the slide's order: first a "
                                        "non-zero gradient on a significant portion, then an "
                                        "informative one.")} if want else {})


@check("12.11", points=1, visibility="visible")
def test_first_failed_criterion_example(student):
    "first_failed_criterion of the seed's three problematic activations and of relu on 200 points in [-5, 5], h = 0.1."
    for name in ("shifted_relu", "step", "sin100", "relu"):
        expect_criterion(student, name, grid(-5, 5, 200, 0.1, name), 0.1)


@check("12.11", points=2, visibility="hidden")
def test_first_failed_criterion_seeded(student):
    "first_failed_criterion of all six activations on seeded inputs, of shifted_relu around 100 and of sin100 with a tiny step."
    for k, name in enumerate(NAMES):
        zs = seeded(170 + k, 1, lambda rng: seeded_zs(rng, name, -5.0, 5.0, 80, 0.1))[0]
        expect_criterion(student, name, zs, 0.1)
    zs = seeded(180, 1, lambda rng: seeded_zs(rng, "shifted_relu", 90.0, 110.0, 80, 0.1))[0]
    expect_criterion(student, "shifted_relu", zs, 0.1)
    zs = seeded(181, 1, lambda rng: seeded_zs(rng, "sin100", -1.0, 1.0, 80, 1e-4))[0]
    expect_criterion(student, "sin100", zs, 1e-4)


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
