"""Exercise 06: The worked network, forward and backward by hand (seed 000, "Backpropagation through Example")."""
import math

from grading.check import check, expect_close, expect_true, seeded
from minigrad import losses, nn
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


# -- the oracle: the worked network from minigrad's own parts ---------------------
# The network is a 2-2-2-1 stack of minigrad nn.Layers (no activation inside a
# layer, so each layer returns z; tanh is applied to the Values) whose weights
# the slide does not draw (w23, w36) are 0. WIRING says where each of the
# slide's weights sits: (layer, row j = unit it comes from, column k = unit it
# goes to), units counted from 0 within a layer (units 3, 4 | 5, 6 | out).

WIRING = {"w13": (0, 0, 0), "w14": (0, 0, 1), "w24": (0, 1, 1),
          "w35": (1, 0, 0), "w45": (1, 1, 0), "w46": (1, 1, 1),
          "v5": (2, 0, 0), "v6": (2, 1, 0)}


def layer(W):
    """A minigrad nn.Layer holding W (rows = inputs, columns = units) with zero biases and
    no activation: calling it on Values gives z = W^T a."""
    out = nn.Layer(len(W), len(W[0]), activation="linear")
    out.set_weights(W, [0.0] * len(W[0]))
    return out


def squash(z, g):
    return z.tanh() if g == "tanh" else z


def autodiff(p, g3="tanh", g5="tanh", split_a4=False):
    """Forward values (.data) and, from L.backward() with minigrad.losses.hinge,
    every delta (the grad of an activation node) and every weight gradient.

    ``g3``/``g5`` = "linear" leaves out tanh in hidden layer 1/2 (for hints).
    ``split_a4`` feeds a4 into layer 2 as two separate nodes, one towards z5
    and one towards z6; their grads are the two paths of dL/da4 (for hints)."""
    Ws = [[[0.0, 0.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 0.0]], [[0.0], [0.0]]]
    for name, (l, j, k) in WIRING.items():
        Ws[l][j][k] = p[name]
    if split_a4:
        Ws[1] = [Ws[1][0], [Ws[1][1][0], 0.0], [0.0, Ws[1][1][1]]]
    layers = [layer(W) for W in Ws]
    z34 = layers[0]([Value(p["x1"]), Value(p["x2"])])
    a34 = [squash(z, g3) for z in z34]
    into2 = a34 + [squash(z34[1], g3)] if split_a4 else a34
    z56 = layers[1](into2)
    a56 = [squash(z, g5) for z in z56]
    z_out = layers[2](a56)[0]
    L = losses.hinge(z_out, p["t"])
    L.backward()
    if split_a4:
        return {"delta4_via_z5": into2[1].grad, "delta4_via_z6": into2[2].grad}
    out = dict(a1=p["x1"], a2=p["x2"], z3=z34[0].data, z4=z34[1].data, z5=z56[0].data,
               z6=z56[1].data, a3=a34[0].data, a4=a34[1].data, a5=a56[0].data,
               a6=a56[1].data, z_out=z_out.data, L=L.data,
               delta_out=z_out.grad, delta6=a56[1].grad, delta5=a56[0].grad,
               delta4=a34[1].grad, delta3=a34[0].grad)
    for name, (l, j, k) in WIRING.items():
        out["dL_d" + name] = layers[l].neurons[k].w[j].grad
    return out


def make_case(rng, active=True):
    """Random inputs and weights with |z_out| > 0.1 (away from the hinge
    kink); t makes the loss active (t = -sign z_out) or inactive."""
    while True:
        p = {k: rng.uniform(-1.5, 1.5) for k in WEIGHTS}
        p["x1"], p["x2"] = rng.uniform(-2.0, 2.0), rng.uniform(-2.0, 2.0)
        p["t"] = 1.0
        z_out = autodiff(p)["z_out"]
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
    """(parameters, autodiff values) for each network, with the two paths of dL/da4."""
    out = []
    for p in ps:
        g = autodiff(p)
        g.update(autodiff(p, split_a4=True))
        out.append((p, g))
    return out


# -- wrong values for the hints, from the autodiff values (no formulas) -------------

def tp(z):
    """tanh'(z) = 1 - tanh(z)**2, the module's given helper tanh_prime."""
    return 1.0 - math.tanh(z) ** 2


def without_tanh_prime(value, z):
    """``value`` with its factor tanh'(z) left out."""
    return value / tp(z)


def tanh_for_tanh_prime(value, z):
    """``value`` with tanh(z) in place of its factor tanh'(z)."""
    return value * math.tanh(z) / tp(z)


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
        f = autodiff(p)
        t = p["t"]
        wrong = {
            "z4": {"a2 w24 left out": (autodiff(dict(p, w24=0.0))["z4"],
                                       "z4 = a1 w14 + a2 w24: unit 4 has two inputs.")},
            "z5": {"z instead of a": (autodiff(p, g3="linear")["z5"],
                                      "z5 = a3 w35 + a4 w45 uses the activations a3 = tanh(z3), "
                                      "a4 = tanh(z4), not z3 and z4.")},
            "z_out": {"z instead of a": (autodiff(p, g5="linear")["z_out"],
                                         "z_out = a5 v5 + a6 v6 uses a5 = tanh(z5), a6 = tanh(z6).")},
            "L": {"no max": (-f["z_out"] * t,
                             "L = max(0, -z_out t): when -z_out t < 0 the loss is 0."),
                  "sign": (losses.hinge(f["z_out"], -t),
                           "L = max(0, -z_out t): note the minus sign (the loss is positive "
                           "when sign(z_out) differs from t).")},
        }
        for key in FORWARD_KEYS:
            expect_close(got[key], f[key], inputs=inputs, what="forward()[%r]" % key,
                         hint="Follow the slide's forward equations in order; "
                              "a1 = x1, a2 = x2, a_k = tanh(z_k).",
                         mistakes=wrong.get(key))


@check("Exercise 6.1", points=1, visibility="visible")
def test_forward_visible(student):
    "forward() gives z3..z6, a3..a6, z_out and L on the slide's network (fixed example)."
    _check_forward(student, [FIXED])


@check("Exercise 6.1", points=2, visibility="hidden")
def test_forward_hidden(student):
    "forward() gives z3..z6, a3..a6, z_out and L on seeded networks, loss active and inactive."
    _check_forward(student, cases(61))


# -- 6.2 delta_out ---------------------------------------------------------------

def _check_delta_out(student, ps):
    for p, g in states(ps):
        z_out, t = g["z_out"], p["t"]
        got = student.call("delta_out", z_out, t)
        expect_close(got, g["delta_out"], inputs=dict(z_out=z_out, t=t), what="delta_out",
                     hint="delta_out = 1{-z_out t > 0} * (-t): -t when the loss is active, else 0.",
                     mistakes={
                         "no indicator": (-t, "You left out the indicator 1{-z_out t > 0}: when "
                                              "the loss is inactive (L = 0) its slope is 0."),
                         "sign": (-g["delta_out"],
                                  "Sign: d(-z_out t)/dz_out = -t, not +t."),
                         "indicator flipped": (-t - g["delta_out"],
                                               "The indicator is 1 when -z_out t > 0 (loss "
                                               "active), 0 when the example is classified "
                                               "correctly."),
                     })


@check("Exercise 6.2", points=1, visibility="visible")
def test_delta_out_visible(student):
    "delta_out = 1{-z_out t > 0}(-t) on the fixed example and on an inactive loss."
    p_inactive = dict(FIXED, t=1.0)
    _check_delta_out(student, [FIXED, p_inactive])


def _hidden_delta_out_kink(student):
    """At the kink z_out = 0, delta_out is 0 (the docstring: like ReLU)."""
    for t in (1.0, -1.0):
        z = Value(0.0)
        L = losses.hinge(z, t)
        L.backward()
        expect_close(student.call("delta_out", 0.0, t), z.grad, inputs=dict(z_out=0.0, t=t),
                     what="delta_out at the kink z_out = 0",
                     hint="At the kink -z_out t = 0 the indicator 1{-z_out t > 0} is 0.")


@check("Exercise 6.2", points=2, visibility="hidden")
def test_delta_out_hidden(student):
    "delta_out matches autodiff of max(0, -z_out t) on seeded networks, active and inactive."
    ps = cases(62, n=6, inactive_at=2)
    ps[4] = seeded(1062, 1, lambda rng: make_case(rng, active=False))[0]
    _check_delta_out(student, ps)
    _hidden_delta_out_kink(student)

# -- the scalar gradient steps 6.3 - 6.14 ------------------------------------------
# Each: (task, function, argument names, oracle key, hint, mistakes(args, g) -> dict).
# Expected values are autodiff grads; the wrong values for the hints are made
# from them too (a factor left out or swapped, one path of dL/da4 alone).

def _args(p, g, names):
    """Argument values: weights from p, a/z and deltas from the autodiff network."""
    return {n: (p[n] if n in WIRING else g[n]) for n in names}


def _tanh_mistakes(key, z):
    return lambda a, g: {"no tanh'": (without_tanh_prime(g[key], a[z]), NO_TANH_PRIME),
                         "tanh": (tanh_for_tanh_prime(g[key], a[z]), TANH_NOT_PRIME)}


def _a5_for_a3(a, g):
    out = {}
    if g["a3"] != 0.0:
        out["a5 for a3"] = (g["dL_dw35"] * g["a5"] / g["a3"],
                            "You used a5 = tanh(z5). z5 = a3 w35 + a4 w45, so "
                            "dz5/dw35 = a3; the slide has a typo here (a5 for a3).")
    out["no tanh'"] = (without_tanh_prime(g["dL_dw35"], a["z5"]), NO_TANH_PRIME)
    return out


def _delta4_mistakes(a, g):
    via5, via6 = g["delta4_via_z5"], g["delta4_via_z6"]
    return {
        "only the z6 path": (via6, "A path is missing: a4 also feeds z5 (through w45). "
                                   "Add w45 tanh'(z5) delta5 (multivariate chain rule)."),
        "only the z5 path": (via5, "A path is missing: a4 also feeds z6 (through w46). "
                                   "Add w46 tanh'(z6) delta6 (multivariate chain rule)."),
        "no tanh'": (without_tanh_prime(via6, a["z6"]) + without_tanh_prime(via5, a["z5"]),
                     NO_TANH_PRIME),
        "swapped z": (via6 * tp(a["z5"]) / tp(a["z6"]) + via5 * tp(a["z6"]) / tp(a["z5"]),
                      "Pair each path with its own unit: w46 with tanh'(z6) and "
                      "delta6, w45 with tanh'(z5) and delta5."),
    }


STEPS = {
    "6.3": ("dL_dv6", ("a6", "delta_out"), "dL_dv6",
            "dz_out/dv6 = a6 (z_out = a5 v5 + a6 v6), so dL/dv6 = a6 * delta_out.",
            lambda a, g: {"forgot a6": (a["delta_out"], "dz_out/dv6 = a6: multiply delta_out by a6.")}),
    "6.4": ("dL_dv5", ("a5", "delta_out"), "dL_dv5",
            "dz_out/dv5 = a5 (z_out = a5 v5 + a6 v6), so dL/dv5 = a5 * delta_out.",
            lambda a, g: {"forgot a5": (a["delta_out"], "dz_out/dv5 = a5: multiply delta_out by a5.")}),
    "6.5": ("delta6", ("v6", "delta_out"), "delta6",
            "delta6 = dL/da6 = dz_out/da6 * delta_out, and dz_out/da6 = v6.",
            lambda a, g: {"forgot v6": (a["delta_out"], "dz_out/da6 = v6: multiply delta_out by v6.")}),
    "6.6": ("delta5", ("v5", "delta_out"), "delta5",
            "delta5 = dL/da5 = dz_out/da5 * delta_out, and dz_out/da5 = v5.",
            lambda a, g: {"forgot v5": (a["delta_out"], "dz_out/da5 = v5: multiply delta_out by v5.")}),
    "6.7": ("dL_dw46", ("a4", "z6", "delta6"), "dL_dw46", TANH_HINT,
            _tanh_mistakes("dL_dw46", "z6")),
    "6.8": ("dL_dw45", ("a4", "z5", "delta5"), "dL_dw45", TANH_HINT,
            _tanh_mistakes("dL_dw45", "z5")),
    "6.9": ("dL_dw35", ("a3", "z5", "delta5"), "dL_dw35", TANH_HINT, _a5_for_a3),
    "6.10": ("delta4", ("w45", "w46", "z5", "z6", "delta5", "delta6"), "delta4",
             "delta4 = w46 tanh'(z6) delta6 + w45 tanh'(z5) delta5: a4 feeds both z5 and z6.",
             _delta4_mistakes),
    "6.11": ("delta3", ("w35", "z5", "delta5"), "delta3",
             "delta3 = dL/da3 = w35 tanh'(z5) delta5 (a3 feeds only z5).",
             _tanh_mistakes("delta3", "z5")),
    "6.12": ("dL_dw24", ("a2", "z4", "delta4"), "dL_dw24", TANH_HINT,
             _tanh_mistakes("dL_dw24", "z4")),
    "6.13": ("dL_dw14", ("a1", "z4", "delta4"), "dL_dw14", TANH_HINT,
             _tanh_mistakes("dL_dw14", "z4")),
    "6.14": ("dL_dw13", ("a1", "z3", "delta3"), "dL_dw13", TANH_HINT,
             _tanh_mistakes("dL_dw13", "z3")),
}


def _check_step(student, task, ps):
    fn, names, key, hint, mistakes = STEPS[task]
    for p, g in states(ps):
        args = _args(p, g, names)
        got = student.call(fn, *[args[n] for n in names])
        what = key.replace("dL_d", "dL/d")
        expect_close(got, g[key], inputs=args, what=what, hint=hint, mistakes=mistakes(args, g))


@check("Exercise 6.3", points=1, visibility="visible")
def test_dL_dv6_visible(student):
    "dL/dv6 = a6 delta_out matches autodiff on the fixed example."
    _check_step(student, "6.3", [FIXED])


@check("Exercise 6.3", points=2, visibility="hidden")
def test_dL_dv6_hidden(student):
    "dL/dv6 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.3", cases(63))


@check("Exercise 6.4", points=1, visibility="visible")
def test_dL_dv5_visible(student):
    "dL/dv5 = a5 delta_out matches autodiff on the fixed example."
    _check_step(student, "6.4", [FIXED])


@check("Exercise 6.4", points=2, visibility="hidden")
def test_dL_dv5_hidden(student):
    "dL/dv5 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.4", cases(64))


@check("Exercise 6.5", points=1, visibility="visible")
def test_delta6_visible(student):
    "delta6 = v6 delta_out matches dL/da6 from autodiff on the fixed example."
    _check_step(student, "6.5", [FIXED])


@check("Exercise 6.5", points=2, visibility="hidden")
def test_delta6_hidden(student):
    "delta6 matches dL/da6 from autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.5", cases(65))


@check("Exercise 6.6", points=1, visibility="visible")
def test_delta5_visible(student):
    "delta5 = v5 delta_out matches dL/da5 from autodiff on the fixed example."
    _check_step(student, "6.6", [FIXED])


@check("Exercise 6.6", points=2, visibility="hidden")
def test_delta5_hidden(student):
    "delta5 matches dL/da5 from autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.6", cases(66))


@check("Exercise 6.7", points=1, visibility="visible")
def test_dL_dw46_visible(student):
    "dL/dw46 = a4 tanh'(z6) delta6 matches autodiff on the fixed example."
    _check_step(student, "6.7", [FIXED])


@check("Exercise 6.7", points=2, visibility="hidden")
def test_dL_dw46_hidden(student):
    "dL/dw46 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.7", cases(67))


@check("Exercise 6.8", points=1, visibility="visible")
def test_dL_dw45_visible(student):
    "dL/dw45 = a4 tanh'(z5) delta5 matches autodiff on the fixed example."
    _check_step(student, "6.8", [FIXED])


@check("Exercise 6.8", points=2, visibility="hidden")
def test_dL_dw45_hidden(student):
    "dL/dw45 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.8", cases(68))


@check("Exercise 6.9", points=1, visibility="visible")
def test_dL_dw35_visible(student):
    "dL/dw35 = a3 tanh'(z5) delta5 (not the slide's a5) matches autodiff on the fixed example."
    _check_step(student, "6.9", [FIXED])


@check("Exercise 6.9", points=2, visibility="hidden")
def test_dL_dw35_hidden(student):
    "dL/dw35 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.9", cases(69))


@check("Exercise 6.10", points=1, visibility="visible")
def test_delta4_visible(student):
    "delta4 = w46 tanh'(z6) delta6 + w45 tanh'(z5) delta5 matches dL/da4 on the fixed example."
    _check_step(student, "6.10", [FIXED])


@check("Exercise 6.10", points=2, visibility="hidden")
def test_delta4_hidden(student):
    "delta4 matches dL/da4 from autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.10", cases(610))


@check("Exercise 6.11", points=1, visibility="visible")
def test_delta3_visible(student):
    "delta3 = w35 tanh'(z5) delta5 matches dL/da3 from autodiff on the fixed example."
    _check_step(student, "6.11", [FIXED])


@check("Exercise 6.11", points=2, visibility="hidden")
def test_delta3_hidden(student):
    "delta3 matches dL/da3 from autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.11", cases(611))


@check("Exercise 6.12", points=1, visibility="visible")
def test_dL_dw24_visible(student):
    "dL/dw24 = a2 tanh'(z4) delta4 matches autodiff on the fixed example."
    _check_step(student, "6.12", [FIXED])


@check("Exercise 6.12", points=2, visibility="hidden")
def test_dL_dw24_hidden(student):
    "dL/dw24 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.12", cases(612))


@check("Exercise 6.13", points=1, visibility="visible")
def test_dL_dw14_visible(student):
    "dL/dw14 = a1 tanh'(z4) delta4 matches autodiff on the fixed example."
    _check_step(student, "6.13", [FIXED])


@check("Exercise 6.13", points=2, visibility="hidden")
def test_dL_dw14_hidden(student):
    "dL/dw14 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.13", cases(613))


@check("Exercise 6.14", points=1, visibility="visible")
def test_dL_dw13_visible(student):
    "dL/dw13 = a1 tanh'(z3) delta3 matches autodiff on the fixed example."
    _check_step(student, "6.14", [FIXED])


@check("Exercise 6.14", points=2, visibility="hidden")
def test_dL_dw13_hidden(student):
    "dL/dw13 matches autodiff on seeded networks, loss active and inactive."
    _check_step(student, "6.14", cases(614))


MISTAKES = [
    # (task, text in solutions/ex06_worked_network.py, replacement, fragment of message or hint)
    ("6.1", "z5 = a3 * w35 + a4 * w45", "z5 = z3 * w35 + z4 * w45", "activations"),
    ("6.1", "L = max(0.0, -z_out * t)", "L = -z_out * t", "the loss is 0", "hidden"),
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
