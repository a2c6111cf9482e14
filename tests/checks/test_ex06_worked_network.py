"""Exercise 06: The worked network, forward and backward by hand (seed 000, "Backpropagation through Example")."""
import math

from grading.check import check, expect_close, expect_true, seeded
from minigrad.engine import Value

MODULE = "ex06_worked_network"
ALLOWED_IMPORTS = ["math"]

WEIGHTS = ("w13", "w14", "w24", "w35", "w45", "w46", "v5", "v6")
PARAMS = ("x1", "x2") + WEIGHTS + ("t",)
FORWARD_KEYS = ("z3", "z4", "z5", "z6", "a3", "a4", "a5", "a6", "z_out", "L")

# The visible example (also the example in the module's docstring); z_out > 0
# and t = -1, so the loss is active.
FIXED = dict(x1=1.0, x2=-0.5, w13=0.5, w14=-0.3, w24=0.8, w35=1.2, w45=-0.7,
             w46=0.9, v5=1.5, v6=-1.1, t=-1.0)


# -- the oracles ---------------------------------------------------------------

def math_forward(p):
    """The forward pass written out with math.tanh (independent of the student)."""
    a1, a2 = p["x1"], p["x2"]
    z3 = a1 * p["w13"]
    z4 = a1 * p["w14"] + a2 * p["w24"]
    a3, a4 = math.tanh(z3), math.tanh(z4)
    z5 = a3 * p["w35"] + a4 * p["w45"]
    z6 = a4 * p["w46"]
    a5, a6 = math.tanh(z5), math.tanh(z6)
    z_out = a5 * p["v5"] + a6 * p["v6"]
    L = max(0.0, -z_out * p["t"])
    return dict(a1=a1, a2=a2, z3=z3, z4=z4, z5=z5, z6=z6, a3=a3, a4=a4, a5=a5, a6=a6,
                z_out=z_out, L=L)


def autodiff(p):
    """The same network built from minigrad Values; backward() gives every
    delta (the grad of an activation node) and every weight gradient."""
    w = {k: Value(p[k]) for k in WEIGHTS}
    a1, a2 = Value(p["x1"]), Value(p["x2"])
    z3 = a1 * w["w13"]
    z4 = a1 * w["w14"] + a2 * w["w24"]
    a3, a4 = z3.tanh(), z4.tanh()
    z5 = a3 * w["w35"] + a4 * w["w45"]
    z6 = a4 * w["w46"]
    a5, a6 = z5.tanh(), z6.tanh()
    z_out = a5 * w["v5"] + a6 * w["v6"]
    L = (z_out * (-p["t"])).relu()
    L.backward()
    g = {"dL_d" + k: w[k].grad for k in WEIGHTS}
    g.update(delta_out=z_out.grad, delta6=a6.grad, delta5=a5.grad, delta4=a4.grad,
             delta3=a3.grad, L=L.data)
    return g


def make_case(rng, active=True):
    """Random inputs and weights with |z_out| > 0.1 (away from the hinge
    kink); t makes the loss active (t = -sign z_out) or inactive."""
    while True:
        p = {k: rng.uniform(-1.5, 1.5) for k in WEIGHTS}
        p["x1"], p["x2"] = rng.uniform(-2.0, 2.0), rng.uniform(-2.0, 2.0)
        p["t"] = 1.0
        z_out = math_forward(p)["z_out"]
        if abs(z_out) > 0.1:
            sign = 1.0 if z_out > 0 else -1.0
            p["t"] = -sign if active else sign
            return p


def cases(seed, n=5, inactive_at=2):
    """``n`` seeded networks; the one at ``inactive_at`` has an inactive loss
    (every gradient 0), the others an active one."""
    made = seeded(seed, n, lambda rng: make_case(rng))
    made[inactive_at] = seeded(seed + 1000, 1, lambda rng: make_case(rng, active=False))[0]
    return made


def states(ps):
    """(parameters, forward values, autodiff gradients) for each network."""
    return [(p, math_forward(p), autodiff(p)) for p in ps]


def tp(z):
    return 1.0 - math.tanh(z) ** 2


TANH_HINT = ("Each weight gradient is (input carried by the weight) * tanh'(z) * delta, "
             "with tanh'(z) = 1 - tanh(z)**2 (the helper tanh_prime).")
NO_TANH_PRIME = "You left out tanh'(z): a = tanh(z), so the chain passes da/dz = tanh'(z) = 1 - tanh(z)**2."
TANH_NOT_PRIME = "You used tanh(z) where its derivative tanh'(z) = 1 - tanh(z)**2 belongs."


# -- 6.1 forward -----------------------------------------------------------------

def _check_forward(student, ps):
    for p in ps:
        got = student.call("forward", *[p[k] for k in PARAMS])
        inputs = {k: p[k] for k in PARAMS}
        expect_true(isinstance(got, dict) and all(k in got for k in FORWARD_KEYS),
                    "forward must return a dict with the keys " + ", ".join(FORWARD_KEYS),
                    inputs=inputs, got=got)
        f = math_forward(p)
        wrong = {
            "z4": {"a2 w24 left out": (f["a1"] * p["w14"],
                                       "z4 = a1 w14 + a2 w24: unit 4 has two inputs.")},
            "z5": {"z instead of a": (f["z3"] * p["w35"] + f["z4"] * p["w45"],
                                      "z5 = a3 w35 + a4 w45 uses the activations a3 = tanh(z3), "
                                      "a4 = tanh(z4), not z3 and z4.")},
            "z_out": {"z instead of a": (f["z5"] * p["v5"] + f["z6"] * p["v6"],
                                         "z_out = a5 v5 + a6 v6 uses a5 = tanh(z5), a6 = tanh(z6).")},
            "L": {"no max": (-f["z_out"] * p["t"],
                             "L = max(0, -z_out t): when -z_out t < 0 the loss is 0."),
                  "sign": (max(0.0, f["z_out"] * p["t"]),
                           "L = max(0, -z_out t): note the minus sign (the loss is positive "
                           "when sign(z_out) differs from t).")},
        }
        for key in FORWARD_KEYS:
            expect_close(got[key], f[key], inputs=inputs, what="forward()[%r]" % key,
                         hint="Follow the slide's forward equations in order; "
                              "a1 = x1, a2 = x2, a_k = tanh(z_k).",
                         mistakes=wrong.get(key))


@check("6.1", points=1, visibility="visible")
def test_forward_visible(student):
    "forward() gives z3..z6, a3..a6, z_out and L on the slide's network (fixed example)."
    _check_forward(student, [FIXED])


@check("6.1", points=2, visibility="hidden")
def test_forward_hidden(student):
    "forward() gives z3..z6, a3..a6, z_out and L on seeded networks, loss active and inactive."
    _check_forward(student, cases(61))


# -- 6.2 delta_out ---------------------------------------------------------------

def _check_delta_out(student, ps):
    for p, f, g in states(ps):
        z_out, t = f["z_out"], p["t"]
        got = student.call("delta_out", z_out, t)
        active = -z_out * t > 0
        expect_close(got, g["delta_out"], inputs=dict(z_out=z_out, t=t), what="delta_out",
                     hint="delta_out = 1{-z_out t > 0} * (-t): -t when the loss is active, else 0.",
                     mistakes={
                         "no indicator": (-t, "You left out the indicator 1{-z_out t > 0}: when "
                                              "the loss is inactive (L = 0) its slope is 0."),
                         "sign": (t if active else 0.0,
                                  "Sign: d(-z_out t)/dz_out = -t, not +t."),
                         "indicator flipped": (0.0 if active else -t,
                                               "The indicator is 1 when -z_out t > 0 (loss "
                                               "active), 0 when the example is classified "
                                               "correctly."),
                     })


@check("6.2", points=1, visibility="visible")
def test_delta_out_visible(student):
    "delta_out = 1{-z_out t > 0}(-t) on the fixed example and on an inactive loss."
    p_inactive = dict(FIXED, t=1.0)
    _check_delta_out(student, [FIXED, p_inactive])


@check("6.2", points=2, visibility="hidden")
def test_delta_out_hidden(student):
    "delta_out matches autodiff of max(0, -z_out t) on seeded networks, active and inactive."
    ps = cases(62, n=6, inactive_at=2)
    ps[4] = seeded(1062, 1, lambda rng: make_case(rng, active=False))[0]
    _check_delta_out(student, ps)


# -- the scalar gradient steps 6.3 - 6.14 ------------------------------------------
# Each: (task, function, argument names, oracle key, hint, mistakes(f, g) -> dict)

def _args(p, f, g, names):
    """Argument values from the oracle: weights from p, a/z from the math
    forward pass, deltas from autodiff."""
    out = {}
    for n in names:
        if n in p and n not in ("x1", "x2"):
            out[n] = p[n]
        elif n in f:
            out[n] = f[n]
        else:
            out[n] = g[n]
    return out


STEPS = {
    "6.3": ("dL_dv6", ("a6", "delta_out"), "dL_dv6",
            "dz_out/dv6 = a6 (z_out = a5 v5 + a6 v6), so dL/dv6 = a6 * delta_out.",
            lambda a: {"forgot a6": (a["delta_out"], "dz_out/dv6 = a6: multiply delta_out by a6.")}),
    "6.4": ("dL_dv5", ("a5", "delta_out"), "dL_dv5",
            "dz_out/dv5 = a5 (z_out = a5 v5 + a6 v6), so dL/dv5 = a5 * delta_out.",
            lambda a: {"forgot a5": (a["delta_out"], "dz_out/dv5 = a5: multiply delta_out by a5.")}),
    "6.5": ("delta6", ("v6", "delta_out"), "delta6",
            "delta6 = dL/da6 = dz_out/da6 * delta_out, and dz_out/da6 = v6.",
            lambda a: {"forgot v6": (a["delta_out"], "dz_out/da6 = v6: multiply delta_out by v6.")}),
    "6.6": ("delta5", ("v5", "delta_out"), "delta5",
            "delta5 = dL/da5 = dz_out/da5 * delta_out, and dz_out/da5 = v5.",
            lambda a: {"forgot v5": (a["delta_out"], "dz_out/da5 = v5: multiply delta_out by v5.")}),
    "6.7": ("dL_dw46", ("a4", "z6", "delta6"), "dL_dw46", TANH_HINT,
            lambda a: {"no tanh'": (a["a4"] * a["delta6"], NO_TANH_PRIME),
                       "tanh": (a["a4"] * math.tanh(a["z6"]) * a["delta6"], TANH_NOT_PRIME)}),
    "6.8": ("dL_dw45", ("a4", "z5", "delta5"), "dL_dw45", TANH_HINT,
            lambda a: {"no tanh'": (a["a4"] * a["delta5"], NO_TANH_PRIME),
                       "tanh": (a["a4"] * math.tanh(a["z5"]) * a["delta5"], TANH_NOT_PRIME)}),
    "6.9": ("dL_dw35", ("a3", "z5", "delta5"), "dL_dw35", TANH_HINT,
            lambda a: {"a5 for a3": (math.tanh(a["z5"]) * tp(a["z5"]) * a["delta5"],
                                     "You used a5 = tanh(z5). z5 = a3 w35 + a4 w45, so "
                                     "dz5/dw35 = a3; the slide has a typo here (a5 for a3)."),
                       "no tanh'": (a["a3"] * a["delta5"], NO_TANH_PRIME)}),
    "6.10": ("delta4", ("w45", "w46", "z5", "z6", "delta5", "delta6"), "delta4",
             "delta4 = w46 tanh'(z6) delta6 + w45 tanh'(z5) delta5: a4 feeds both z5 and z6.",
             lambda a: {
                 "only the z6 path": (a["w46"] * tp(a["z6"]) * a["delta6"],
                                      "A path is missing: a4 also feeds z5 (through w45). "
                                      "Add w45 tanh'(z5) delta5 (multivariate chain rule)."),
                 "only the z5 path": (a["w45"] * tp(a["z5"]) * a["delta5"],
                                      "A path is missing: a4 also feeds z6 (through w46). "
                                      "Add w46 tanh'(z6) delta6 (multivariate chain rule)."),
                 "no tanh'": (a["w46"] * a["delta6"] + a["w45"] * a["delta5"], NO_TANH_PRIME),
                 "swapped z": (a["w46"] * tp(a["z5"]) * a["delta6"]
                               + a["w45"] * tp(a["z6"]) * a["delta5"],
                               "Pair each path with its own unit: w46 with tanh'(z6) and "
                               "delta6, w45 with tanh'(z5) and delta5."),
             }),
    "6.11": ("delta3", ("w35", "z5", "delta5"), "delta3",
             "delta3 = dL/da3 = w35 tanh'(z5) delta5 (a3 feeds only z5).",
             lambda a: {"no tanh'": (a["w35"] * a["delta5"], NO_TANH_PRIME),
                        "tanh": (a["w35"] * math.tanh(a["z5"]) * a["delta5"], TANH_NOT_PRIME)}),
    "6.12": ("dL_dw24", ("a2", "z4", "delta4"), "dL_dw24", TANH_HINT,
             lambda a: {"no tanh'": (a["a2"] * a["delta4"], NO_TANH_PRIME),
                        "tanh": (a["a2"] * math.tanh(a["z4"]) * a["delta4"], TANH_NOT_PRIME)}),
    "6.13": ("dL_dw14", ("a1", "z4", "delta4"), "dL_dw14", TANH_HINT,
             lambda a: {"no tanh'": (a["a1"] * a["delta4"], NO_TANH_PRIME),
                        "tanh": (a["a1"] * math.tanh(a["z4"]) * a["delta4"], TANH_NOT_PRIME)}),
    "6.14": ("dL_dw13", ("a1", "z3", "delta3"), "dL_dw13", TANH_HINT,
             lambda a: {"no tanh'": (a["a1"] * a["delta3"], NO_TANH_PRIME),
                        "tanh": (a["a1"] * math.tanh(a["z3"]) * a["delta3"], TANH_NOT_PRIME)}),
}


def _check_step(student, task, ps):
    fn, names, key, hint, mistakes = STEPS[task]
    for p, f, g in states(ps):
        args = _args(p, f, g, names)
        got = student.call(fn, *[args[n] for n in names])
        what = key.replace("dL_d", "dL/d")
        expect_close(got, g[key], inputs=args, what=what, hint=hint, mistakes=mistakes(args))


@check("6.3", points=1, visibility="visible")
def test_dL_dv6_visible(student):
    "dL/dv6 = a6 delta_out matches autodiff on the fixed example."
    _check_step(student, "6.3", [FIXED])


@check("6.3", points=2, visibility="hidden")
def test_dL_dv6_hidden(student):
    "dL/dv6 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.3", cases(63))


@check("6.4", points=1, visibility="visible")
def test_dL_dv5_visible(student):
    "dL/dv5 = a5 delta_out matches autodiff on the fixed example."
    _check_step(student, "6.4", [FIXED])


@check("6.4", points=2, visibility="hidden")
def test_dL_dv5_hidden(student):
    "dL/dv5 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.4", cases(64))


@check("6.5", points=1, visibility="visible")
def test_delta6_visible(student):
    "delta6 = v6 delta_out matches dL/da6 from autodiff on the fixed example."
    _check_step(student, "6.5", [FIXED])


@check("6.5", points=2, visibility="hidden")
def test_delta6_hidden(student):
    "delta6 matches dL/da6 from autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.5", cases(65))


@check("6.6", points=1, visibility="visible")
def test_delta5_visible(student):
    "delta5 = v5 delta_out matches dL/da5 from autodiff on the fixed example."
    _check_step(student, "6.6", [FIXED])


@check("6.6", points=2, visibility="hidden")
def test_delta5_hidden(student):
    "delta5 matches dL/da5 from autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.6", cases(66))


@check("6.7", points=1, visibility="visible")
def test_dL_dw46_visible(student):
    "dL/dw46 = a4 tanh'(z6) delta6 matches autodiff on the fixed example."
    _check_step(student, "6.7", [FIXED])


@check("6.7", points=2, visibility="hidden")
def test_dL_dw46_hidden(student):
    "dL/dw46 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.7", cases(67))


@check("6.8", points=1, visibility="visible")
def test_dL_dw45_visible(student):
    "dL/dw45 = a4 tanh'(z5) delta5 matches autodiff on the fixed example."
    _check_step(student, "6.8", [FIXED])


@check("6.8", points=2, visibility="hidden")
def test_dL_dw45_hidden(student):
    "dL/dw45 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.8", cases(68))


@check("6.9", points=1, visibility="visible")
def test_dL_dw35_visible(student):
    "dL/dw35 = a3 tanh'(z5) delta5 (not the slide's a5) matches autodiff on the fixed example."
    _check_step(student, "6.9", [FIXED])


@check("6.9", points=2, visibility="hidden")
def test_dL_dw35_hidden(student):
    "dL/dw35 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.9", cases(69))


@check("6.10", points=1, visibility="visible")
def test_delta4_visible(student):
    "delta4 = w46 tanh'(z6) delta6 + w45 tanh'(z5) delta5 matches dL/da4 on the fixed example."
    _check_step(student, "6.10", [FIXED])


@check("6.10", points=2, visibility="hidden")
def test_delta4_hidden(student):
    "delta4 matches dL/da4 from autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.10", cases(610))


@check("6.11", points=1, visibility="visible")
def test_delta3_visible(student):
    "delta3 = w35 tanh'(z5) delta5 matches dL/da3 from autodiff on the fixed example."
    _check_step(student, "6.11", [FIXED])


@check("6.11", points=2, visibility="hidden")
def test_delta3_hidden(student):
    "delta3 matches dL/da3 from autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.11", cases(611))


@check("6.12", points=1, visibility="visible")
def test_dL_dw24_visible(student):
    "dL/dw24 = a2 tanh'(z4) delta4 matches autodiff on the fixed example."
    _check_step(student, "6.12", [FIXED])


@check("6.12", points=2, visibility="hidden")
def test_dL_dw24_hidden(student):
    "dL/dw24 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.12", cases(612))


@check("6.13", points=1, visibility="visible")
def test_dL_dw14_visible(student):
    "dL/dw14 = a1 tanh'(z4) delta4 matches autodiff on the fixed example."
    _check_step(student, "6.13", [FIXED])


@check("6.13", points=2, visibility="hidden")
def test_dL_dw14_hidden(student):
    "dL/dw14 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.13", cases(613))


@check("6.14", points=1, visibility="visible")
def test_dL_dw13_visible(student):
    "dL/dw13 = a1 tanh'(z3) delta3 matches autodiff on the fixed example."
    _check_step(student, "6.14", [FIXED])


@check("6.14", points=2, visibility="hidden")
def test_dL_dw13_hidden(student):
    "dL/dw13 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.14", cases(614))


MISTAKES = [
    # (task, text in solutions/ex06_worked_network.py, replacement, fragment of message or hint)
    ("6.1", "z5 = a3 * w35 + a4 * w45", "z5 = z3 * w35 + z4 * w45", "activations"),
    ("6.1", "L = max(0.0, -z_out * t)", "L = -z_out * t", "the loss is 0"),
    ("6.2", "    if -z_out * t > 0:  # the loss is active: the example is misclassified\n"
            "        return -t\n    return 0.0",
     "    return -t", "indicator"),
    ("6.2", "        return -t\n", "        return t\n", "Sign"),
    ("6.5", "return v6 * delta_out", "return delta_out", "v6"),
    ("6.7", "return a4 * tanh_prime(z6) * delta6", "return a4 * math.tanh(z6) * delta6",
     "derivative"),
    ("6.9", "return a3 * tanh_prime(z5) * delta5",
     "return math.tanh(z5) * tanh_prime(z5) * delta5", "typo"),
    ("6.10", "return w46 * tanh_prime(z6) * delta6 + w45 * tanh_prime(z5) * delta5",
     "return w46 * tanh_prime(z6) * delta6", "path is missing"),
    ("6.10", "return w46 * tanh_prime(z6) * delta6 + w45 * tanh_prime(z5) * delta5",
     "return w46 * delta6 + w45 * delta5", "left out tanh'"),
    ("6.11", "return w35 * tanh_prime(z5) * delta5", "return w35 * delta5", "left out tanh'"),
    ("6.14", "return a1 * tanh_prime(z3) * delta3", "return a1 * tanh_prime(z3) * delta3 * 0.5",
     "tanh'(z)"),
]
