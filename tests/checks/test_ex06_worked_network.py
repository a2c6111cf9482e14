"""Exercise 06: The worked network, forward and backward by hand (seed 000, "Backpropagation through Example")."""
import math

from grading.check import check, expect_close, expect_true, seeded
from minigrad import losses, nn
from minigrad.engine import Value

MODULE = "ex06_worked_network"
ALLOWED_IMPORTS = ["math"]

WEIGHTS = ("w13", "w14", "w24", "w35", "w45", "w46", "v5", "v6")
CACHE_KEYS = ("a1", "a2", "z3", "z4", "z5", "z6", "a3", "a4", "a5", "a6", "z_out", "L")

# The visible example (also the module's EXAMPLE_WEIGHTS, x1 = 1, x2 = -0.5,
# t = +1): z_out < 0, so the loss is active and delta_out = -1.
FIXED = dict(x1=1.0, x2=-0.5, t=1.0, w13=0.5, w14=-0.3, w24=0.8, w35=1.2, w45=-0.7,
             w46=0.9, v5=-1.5, v6=1.1)


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
    """Random inputs and weights, two decimals (short feedback), with |z_out| > 0.1
    (away from the hinge kink) and every |a| >= 0.05 (so that using one activation
    for another changes the answer); t makes the loss active (t = -sign z_out) or
    inactive."""
    while True:
        p = {k: round(rng.uniform(-1.5, 1.5), 2) for k in WEIGHTS}
        p["x1"], p["x2"] = round(rng.uniform(-2.0, 2.0), 2), round(rng.uniform(-2.0, 2.0), 2)
        p["t"] = 1.0
        g = autodiff(p)
        if abs(g["z_out"]) > 0.1 and all(abs(g["a%d" % i]) >= 0.05 for i in range(1, 7)):
            sign = 1.0 if g["z_out"] > 0 else -1.0
            p["t"] = -sign if active else sign
            return p


def cases(seed, n):
    """``n`` seeded networks, the last one with an inactive loss (every gradient 0),
    the others active."""
    return (seeded(seed, n - 1, lambda rng: make_case(rng))
            + seeded(seed + 1000, 1, lambda rng: make_case(rng, active=False)))


def visible_cases(seed):
    """The module's example network, then three seeded ones (one inactive)."""
    return [FIXED] + cases(seed, 3)


def hidden_cases(seed):
    return cases(seed, 5)


def at_kink(p):
    """``p`` with v5 = v6 = 0: z_out = 0 exactly, the hinge's kink -z_out t = 0."""
    return dict(p, v5=0.0, v6=0.0)


def weights_of(p):
    return {k: p[k] for k in WEIGHTS}


def shown(p, deltas=None):
    """The inputs as the feedback shows them: the cache is forward's on these."""
    out = {"cache": "the correct forward(x1, x2, weights, t)",
           "x1": p["x1"], "x2": p["x2"], "t": p["t"], "weights": weights_of(p)}
    if deltas is not None:
        out["deltas"] = deltas
    return out


# -- 6.1 forward -----------------------------------------------------------------

def _check_forward(student, ps):
    for p in ps:
        got = student.call("forward", p["x1"], p["x2"], weights_of(p), p["t"])
        inputs = {"x1": p["x1"], "x2": p["x2"], "weights": weights_of(p), "t": p["t"]}
        expect_true(isinstance(got, dict) and all(k in got for k in CACHE_KEYS),
                    "forward must return a dict with the keys " + ", ".join(CACHE_KEYS),
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
                             "L = max(0, -z_out t): when -z_out t < 0 (the example is "
                             "classified correctly) the loss is 0."),
                  "sign": (losses.hinge(f["z_out"], -t),
                           "L = max(0, -z_out t): note the minus sign (the loss is positive "
                           "when sign(z_out) differs from t).")},
        }
        for key in CACHE_KEYS:
            expect_close(got[key], f[key], inputs=inputs, what="forward()[%r]" % key,
                         hint="Follow the slide's forward equations in order; "
                              "a1 = x1, a2 = x2, a_k = tanh(z_k).",
                         mistakes=wrong.get(key))


@check("Exercise 6.1", points=1, visibility="visible")
def test_forward_visible(student):
    "forward() caches a1, a2, z3..z6, a3..a6, z_out and L: the example network (t = +1 and t = -1) and three seeded ones, loss active and inactive."
    _check_forward(student, [FIXED, dict(FIXED, t=-1.0)] + cases(61, 3))


@check("Exercise 6.1", points=2, visibility="hidden")
def test_forward_hidden(student):
    "forward() caches every z and a, z_out and L on other seeded networks, loss active and inactive."
    _check_forward(student, hidden_cases(6100))


# -- 6.2 delta_out ---------------------------------------------------------------

KINK_HINT = ("At the kink -z_out t = 0 the hinge has no slope; the kit's rule (module "
             "docstring) is to use 0 there, so delta_out is 0 when z_out = 0.")


def _check_delta_out(student, ps, kinks=()):
    for p in list(ps) + [at_kink(p) for p in kinks]:
        g = autodiff(p)
        t = p["t"]
        cache = {k: g[k] for k in CACHE_KEYS}
        got = student.call("delta_out", cache, t)
        if g["z_out"] == 0.0:
            mistakes = {"kink": (-t, KINK_HINT)}
        else:
            mistakes = {
                "no indicator": (-t, "You left out the indicator 1{-z_out t > 0}: when "
                                     "the loss is inactive (L = 0) its slope is 0."),
                "sign": (-g["delta_out"], "Sign: the slope of -z_out t in z_out is -t, not +t."),
                "indicator flipped": (-t - g["delta_out"],
                                      "The slope is nonzero where the loss is active "
                                      "(-z_out t > 0), 0 where the example is classified "
                                      "correctly."),
            }
        expect_close(got, g["delta_out"], inputs=dict(shown(p), z_out=g["z_out"]),
                     what="delta_out" + (" at the kink z_out = 0" if g["z_out"] == 0.0 else ""),
                     hint="L = max(0, -z_out t): its slope in z_out is that of -z_out t where "
                          "the loss is active, 0 where it is 0.",
                     mistakes=mistakes)


@check("Exercise 6.2", points=2, visibility="visible")
def test_delta_out_visible(student):
    "delta_out = dL/dz_out matches autodiff of max(0, -z_out t): the example network (active and inactive), three seeded ones, and the kink z_out = 0 (delta_out 0) for t = +1 and -1."
    _check_delta_out(student, [FIXED, dict(FIXED, t=-1.0)] + cases(62, 3),
                     kinks=[FIXED, dict(FIXED, t=-1.0)])


@check("Exercise 6.2", points=4, visibility="hidden")
def test_delta_out_hidden(student):
    "delta_out matches autodiff on other seeded networks, loss active, inactive and at the kink."
    ps = hidden_cases(6200)
    _check_delta_out(student, ps, kinks=[ps[0], dict(ps[1], t=-ps[1]["t"])])


# -- the backward steps 6.3 - 6.14 ------------------------------------------------
# Each gets the correct cache, the weights and the correct deltas found before
# it, all from autodiff. The expected value is an autodiff grad. The wrong
# values for the feedback come from it too: a product of factors with one
# factor left out, swapped for another quantity of the network, or added.

def tp(z):
    """tanh'(z) = 1 - tanh(z)**2, the module's given helper tanh_prime."""
    return 1.0 - math.tanh(z) ** 2


def factor(p, g, name):
    """A quantity of the network by name: a weight, an a, a z, a delta, tp(zk), tanh(zk)."""
    if name.startswith("tp("):
        return tp(g[name[3:-1]])
    if name.startswith("tanh("):
        return math.tanh(g[name[5:-1]])
    return p[name] if name in WIRING else g[name]


NO_TANH_PRIME = ("You left out tanh'(z): a = tanh(z), so the chain passes da/dz = tanh'(z) "
                 "(the helper tanh_prime).")
TANH_NOT_PRIME = "You used tanh(z) where its derivative tanh'(z) (the helper tanh_prime) belongs."
FOUND = ("delta_out",)
FOUND_65 = ("delta_out", "delta6", "delta5")
FOUND_ALL = FOUND_65 + ("delta4", "delta3")


def _weight_mistakes(j, k, found, special=None):
    """Typical wrong factors of dL/dw_jk (w_jk from unit j to unit k, a tanh unit):
    [(name, old factor, new factor, hint)]; ``special`` overrides hints by name."""
    w = "w%s%s" % (j, k)
    out = []
    for m in ("1", "2", "3", "4", "5", "6"):
        if m != j:
            out.append(("a%s for a%s" % (m, j), "a" + j, "a" + m,
                        "You used a%s. Check in the equation for z%s which activation %s "
                        "multiplies: dz%s/d%s is that activation." % (m, k, w, k, w)))
    if j not in ("1", "2"):
        out.append(("z%s for a%s" % (j, j), "a" + j, "z" + j,
                    "You used the pre-activation z%s: z%s's equation takes activations "
                    "(a = tanh(z))." % (j, k)))
    out.append(("no tanh'", "tp(z%s)" % k, None, NO_TANH_PRIME))
    out.append(("tanh", "tp(z%s)" % k, "tanh(z%s)" % k, TANH_NOT_PRIME))
    for m in ("3", "4", "5", "6"):
        if m != k:
            out.append(("tanh'(z%s)" % m, "tp(z%s)" % k, "tp(z%s)" % m,
                        "tanh' at the wrong unit: %s feeds unit %s, so the factor is "
                        "da%s/dz%s, tanh' at z%s." % (w, k, k, k, k)))
    for d in found:
        if d != "delta" + k:
            out.append((d, "delta" + k, d,
                        "You used %s. After a%s the chain goes on with the delta of the unit "
                        "%s feeds, unit %s." % (d, k, w, k)))
    out.append(("no delta", "delta" + k, None,
                "The delta of unit %s is missing: the chain ends with dL/da%s." % (k, k)))
    return [m if not special or m[0] not in special else m[:3] + (special[m[0]],)
            for m in out]


def _v_mistakes(k):
    other = "6" if k == "5" else "5"
    return [
        ("a%s for a%s" % (other, k), "a" + k, "a" + other,
         "You used a%s. Check in the equation for z_out which activation v%s multiplies."
         % (other, k)),
        ("z%s for a%s" % (k, k), "a" + k, "z" + k,
         "You used z%s: z_out = a5 v5 + a6 v6 takes the activation a%s = tanh(z%s)." % (k, k, k)),
        ("no a", "a" + k, None, "dz_out/dv%s is missing: the factor that v%s multiplies in "
                                "z_out's equation." % (k, k)),
        ("tanh'", None, "tp(z%s)" % k, "No tanh' belongs here: the path from v%s runs through "
                                       "z_out only, and the output unit is linear." % k),
        ("no delta_out", "delta_out", None,
         "delta_out = dL/dz_out is missing: the chain ends with the loss's slope (0 when "
         "the loss is inactive)."),
    ]


def _delta_v_mistakes(k):
    other = "6" if k == "5" else "5"
    return [
        ("v%s for v%s" % (other, k), "v" + k, "v" + other,
         "You used v%s. Check which weight carries a%s into z_out." % (other, k)),
        ("a for v", "v" + k, "a" + k,
         "You used a%s: that is dz_out/dv%s. delta%s needs dz_out/da%s." % (k, k, k, k)),
        ("no v", "v" + k, None, "dz_out/da%s is missing: the factor from z_out's equation." % k),
        ("dL/dz", None, "tp(z%s)" % k,
         "That is dL/dz%s (it has tanh'(z%s)). delta%s is dL/da%s, with respect to the "
         "activation: the path from a%s to L does not pass through tanh'(z%s)."
         % (k, k, k, k, k, k)),
        ("no delta_out", "delta_out", None,
         "delta_out = dL/dz_out is missing: the chain ends with the loss's slope (0 when "
         "the loss is inactive)."),
    ]


A5_TYPO = ("You used a5, as the slide prints it. The slide has a typo there: check in the "
           "equation for z5 which activation w35 multiplies; dz5/dw35 is that activation.")

# task: (function, oracle key, deltas it receives, default hint, product mistakes)
STEPS = {
    "6.3": ("dL_dv6", "dL_dv6", FOUND,
            "One path from v6 to L: through z_out. Multiply dz_out/dv6 by dL/dz_out.",
            _v_mistakes("6")),
    "6.4": ("dL_dv5", "dL_dv5", FOUND,
            "One path from v5 to L: through z_out. Multiply dz_out/dv5 by dL/dz_out.",
            _v_mistakes("5")),
    "6.5": ("delta6", "delta6", FOUND,
            "delta6 = dL/da6: a6 reaches L through z_out only.", _delta_v_mistakes("6")),
    "6.6": ("delta5", "delta5", FOUND,
            "delta5 = dL/da5: a5 reaches L through z_out only.", _delta_v_mistakes("5")),
    "6.7": ("dL_dw46", "dL_dw46", FOUND_65,
            "One path from w46 to L: z6, then a6, then delta6 covers the rest.",
            _weight_mistakes("4", "6", FOUND_65)),
    "6.8": ("dL_dw45", "dL_dw45", FOUND_65,
            "One path from w45 to L: z5, then a5, then delta5 covers the rest.",
            _weight_mistakes("4", "5", FOUND_65)),
    "6.9": ("dL_dw35", "dL_dw35", FOUND_65,
            "One path from w35 to L: z5, then a5, then delta5 covers the rest. The slide's "
            "line has a typo: derive dz5/dw35 from z5's equation.",
            _weight_mistakes("3", "5", FOUND_65, special={"a5 for a3": A5_TYPO})),
    "6.10": ("delta4", "delta4", FOUND_65,
             "delta4 = dL/da4: follow every arrow out of unit 4 in the picture; the "
             "multivariate chain rule adds one term per path.", None),
    "6.11": ("delta3", "delta3", FOUND_65 + ("delta4",),
             "delta3 = dL/da3: follow every arrow out of unit 3 in the picture.",
             [("w45 for w35", "w35", "w45", "You used w45: that weight leaves unit 4. Check "
                                           "which weight carries a3 into z5."),
              ("w13 for w35", "w35", "w13", "You used w13, the weight into unit 3. dL/da3 "
                                           "goes forward from a3: the weight out of unit 3."),
              ("no tanh'", "tp(z5)", None, NO_TANH_PRIME),
              ("tanh", "tp(z5)", "tanh(z5)", TANH_NOT_PRIME),
              ("tanh'(z3)", "tp(z5)", "tp(z3)",
               "tanh' at the wrong unit: a3 feeds unit 5, so the factor is da5/dz5, tanh' "
               "at z5, not at z3 (that one belongs to dL/dz3, not to dL/da3)."),
              ("dL/dz3", None, "tp(z3)",
               "That is dL/dz3 (an extra tanh'(z3)). delta3 is dL/da3, with respect to the "
               "activation: the path from a3 onward starts at z5."),
              ("delta4", "delta5", "delta4", "You used delta4: a3 feeds unit 5 only, so the "
                                             "chain goes on with unit 5's delta.")]),
    "6.12": ("dL_dw24", "dL_dw24", FOUND_ALL,
             "One path from w24 to L: z4, then a4, then delta4 covers the rest (both of "
             "its paths).", _weight_mistakes("2", "4", FOUND_ALL)),
    "6.13": ("dL_dw14", "dL_dw14", FOUND_ALL,
             "One path from w14 to L: z4, then a4, then delta4 covers the rest.",
             _weight_mistakes("1", "4", FOUND_ALL)),
    "6.14": ("dL_dw13", "dL_dw13", FOUND_ALL,
             "One path from w13 to L: z3, then a3, then delta3 covers the rest.",
             _weight_mistakes("1", "3", FOUND_ALL)),
}


def _product_mistakes(p, g, value, table):
    """{name: (wrong value, hint)} for the product mistakes of ``table``."""
    out = {}
    for name, old, new, hint in table:
        wrong = value
        if old is not None:
            f = factor(p, g, old)
            if f == 0.0:
                continue
            wrong = wrong / f
        if new is not None:
            wrong = wrong * factor(p, g, new)
        out[name] = (wrong, hint)
    return out


def _delta4_mistakes(p, g):
    via5, via6 = g["delta4_via_z5"], g["delta4_via_z6"]
    w45, w46, tp5, tp6 = p["w45"], p["w46"], tp(g["z5"]), tp(g["z6"])
    return {
        "only the z6 path": (via6, "A path is missing: a4 also feeds z5 (through w45); the "
                                   "multivariate chain rule adds the paths."),
        "only the z5 path": (via5, "A path is missing: a4 also feeds z6 (through w46); the "
                                   "multivariate chain rule adds the paths."),
        "no tanh'": (via6 / tp6 + via5 / tp5, NO_TANH_PRIME),
        "swapped z": (via6 * tp5 / tp6 + via5 * tp6 / tp5,
                      "Pair each path with its own unit: the path through unit 6 takes "
                      "tanh'(z6) and delta6, the one through unit 5 tanh'(z5) and delta5."),
        "swapped w": (via6 * w45 / w46 + via5 * w46 / w45,
                      "Pair each path with its own weight: w46 leads to unit 6, w45 to unit 5."),
        "dL/dz4": ((via5 + via6) * tp(g["z4"]),
                   "That is dL/dz4 (an extra tanh'(z4)). delta4 is dL/da4, with respect to "
                   "the activation: the paths from a4 start at z5 and z6."),
        "product": (via5 * via6 if via5 and via6 else None,
                    "The two paths add (multivariate chain rule); they do not multiply."),
    }


def _check_step(student, task, ps):
    fn, key, found, hint, table = STEPS[task]
    what = key.replace("dL_d", "dL/d")
    for p in ps:
        g = autodiff(p)
        cache = {k: g[k] for k in CACHE_KEYS}
        deltas = {d: g[d] for d in found}
        got = student.call(fn, cache, weights_of(p), deltas)
        if table is None:
            g.update(autodiff(p, split_a4=True))
            mistakes = {n: v for n, v in _delta4_mistakes(p, g).items() if v[0] is not None}
        else:
            mistakes = _product_mistakes(p, g, g[key], table)
        expect_close(got, g[key], inputs=shown(p, deltas), what=what, hint=hint,
                     mistakes=mistakes)


@check("Exercise 6.3", points=2, visibility="visible")
def test_dL_dv6_visible(student):
    "dL/dv6 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.3", visible_cases(63))


@check("Exercise 6.3", points=4, visibility="hidden")
def test_dL_dv6_hidden(student):
    "dL/dv6 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.3", hidden_cases(6300))


@check("Exercise 6.4", points=2, visibility="visible")
def test_dL_dv5_visible(student):
    "dL/dv5 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.4", visible_cases(64))


@check("Exercise 6.4", points=4, visibility="hidden")
def test_dL_dv5_hidden(student):
    "dL/dv5 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.4", hidden_cases(6400))


@check("Exercise 6.5", points=2, visibility="visible")
def test_delta6_visible(student):
    "delta6 = dL/da6 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.5", visible_cases(65))


@check("Exercise 6.5", points=4, visibility="hidden")
def test_delta6_hidden(student):
    "delta6 = dL/da6 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.5", hidden_cases(6500))


@check("Exercise 6.6", points=2, visibility="visible")
def test_delta5_visible(student):
    "delta5 = dL/da5 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.6", visible_cases(66))


@check("Exercise 6.6", points=4, visibility="hidden")
def test_delta5_hidden(student):
    "delta5 = dL/da5 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.6", hidden_cases(6600))


@check("Exercise 6.7", points=2, visibility="visible")
def test_dL_dw46_visible(student):
    "dL/dw46 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.7", visible_cases(67))


@check("Exercise 6.7", points=4, visibility="hidden")
def test_dL_dw46_hidden(student):
    "dL/dw46 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.7", hidden_cases(6700))


@check("Exercise 6.8", points=2, visibility="visible")
def test_dL_dw45_visible(student):
    "dL/dw45 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.8", visible_cases(68))


@check("Exercise 6.8", points=4, visibility="hidden")
def test_dL_dw45_hidden(student):
    "dL/dw45 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.8", hidden_cases(6800))


@check("Exercise 6.9", points=2, visibility="visible")
def test_dL_dw35_visible(student):
    "dL/dw35 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.9", visible_cases(69))


@check("Exercise 6.9", points=4, visibility="hidden")
def test_dL_dw35_hidden(student):
    "dL/dw35 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.9", hidden_cases(6900))


@check("Exercise 6.10", points=2, visibility="visible")
def test_delta4_visible(student):
    "delta4 = dL/da4 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.10", visible_cases(610))


@check("Exercise 6.10", points=4, visibility="hidden")
def test_delta4_hidden(student):
    "delta4 = dL/da4 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.10", hidden_cases(61000))


@check("Exercise 6.11", points=2, visibility="visible")
def test_delta3_visible(student):
    "delta3 = dL/da3 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.11", visible_cases(611))


@check("Exercise 6.11", points=4, visibility="hidden")
def test_delta3_hidden(student):
    "delta3 = dL/da3 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.11", hidden_cases(61100))


@check("Exercise 6.12", points=2, visibility="visible")
def test_dL_dw24_visible(student):
    "dL/dw24 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.12", visible_cases(612))


@check("Exercise 6.12", points=4, visibility="hidden")
def test_dL_dw24_hidden(student):
    "dL/dw24 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.12", hidden_cases(61200))


@check("Exercise 6.13", points=2, visibility="visible")
def test_dL_dw14_visible(student):
    "dL/dw14 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.13", visible_cases(613))


@check("Exercise 6.13", points=4, visibility="hidden")
def test_dL_dw14_hidden(student):
    "dL/dw14 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.13", hidden_cases(61300))


@check("Exercise 6.14", points=2, visibility="visible")
def test_dL_dw13_visible(student):
    "dL/dw13 matches autodiff, given the correct cache and deltas: the example network and three seeded ones, loss active and inactive."
    _check_step(student, "6.14", visible_cases(614))


@check("Exercise 6.14", points=4, visibility="hidden")
def test_dL_dw13_hidden(student):
    "dL/dw13 matches autodiff on other seeded networks, loss active and inactive."
    _check_step(student, "6.14", hidden_cases(61400))


# -- feedback on demand, and what an exception means at a step ----------------------

BOOKKEEPING = ("Exercise 6.1",)

_WEIGHT_L3 = ("In this network: dz{k}/dw{j}{k} is the activation that w{j}{k} multiplies "
              "in the equation for z{k} (look it up there, in the cache); da{k}/dz{k} is tanh' "
              "at z{k} (the helper tanh_prime, with z{k} from the cache); dL/da{k} is delta{k}, "
              "already in deltas.")


def _weight_hints(j, k, note=""):
    return [
        "The chain rule along one path: w{j}{k} enters only z{k}; z{k} gives a{k}; from a{k} "
        "the rest of the network is summed up in delta{k} = dL/da{k}.".format(j=j, k=k) + note,
        "Write it with unevaluated factors: dL/dw{j}{k} = dz{k}/dw{j}{k} times da{k}/dz{k} "
        "times dL/da{k}.".format(j=j, k=k),
        _WEIGHT_L3.format(j=j, k=k),
    ]


HINTS = {
    "Exercise 6.1": [
        "Bookkeeping: compute the slide's forward equations top to bottom, each from "
        "values you already have, and keep every z and a in the dict under its name.",
        "a1 and a2 are the inputs; every hidden unit applies tanh to its z; the output "
        "z_out is linear (no tanh); L is the hinge max(0, -z_out t), which is 0 for a "
        "correctly classified example.",
    ],
    "Exercise 6.2": [
        "Differentiate the hinge L = max(0, -z_out t) in z_out: it is a piecewise function, "
        "so take each piece separately.",
        "Where -z_out t > 0 (the loss is active) L equals -z_out t; where -z_out t < 0, L is "
        "the constant 0. At -z_out t = 0 (the kink) the kit uses slope 0.",
        "On the active piece the slope in z_out is minus the label; on the inactive piece "
        "and at the kink it is zero. Decide with z_out from the cache and t.",
    ],
    "Exercise 6.3": [
        "The chain rule along one path: v6 enters only z_out, and delta_out = dL/dz_out is "
        "already known.",
        "Write it with unevaluated factors: dL/dv6 = dz_out/dv6 times dL/dz_out.",
        "dz_out/dv6 is what v6 multiplies in z_out = a5 v5 + a6 v6 (from the cache); "
        "dL/dz_out is delta_out in deltas.",
    ],
    "Exercise 6.4": [
        "The chain rule along one path: v5 enters only z_out, and delta_out = dL/dz_out is "
        "already known.",
        "Write it with unevaluated factors: dL/dv5 = dz_out/dv5 times dL/dz_out.",
        "dz_out/dv5 is what v5 multiplies in z_out = a5 v5 + a6 v6 (from the cache); "
        "dL/dz_out is delta_out in deltas.",
    ],
    "Exercise 6.5": [
        "delta6 is dL/da6, a derivative with respect to the activation a6. The chain rule "
        "along the one path from a6 to L: a6 enters only z_out.",
        "Write it with unevaluated factors: dL/da6 = dz_out/da6 times dL/dz_out. No tanh' "
        "appears: a6 is already past its tanh.",
        "dz_out/da6 is the weight that multiplies a6 in z_out = a5 v5 + a6 v6 (from "
        "weights); dL/dz_out is delta_out in deltas.",
    ],
    "Exercise 6.6": [
        "delta5 is dL/da5, a derivative with respect to the activation a5. The chain rule "
        "along the one path from a5 to L: a5 enters only z_out.",
        "Write it with unevaluated factors: dL/da5 = dz_out/da5 times dL/dz_out.",
        "dz_out/da5 is the weight that multiplies a5 in z_out = a5 v5 + a6 v6 (from "
        "weights); dL/dz_out is delta_out in deltas.",
    ],
    "Exercise 6.7": _weight_hints("4", "6"),
    "Exercise 6.8": _weight_hints("4", "5"),
    "Exercise 6.9": _weight_hints(
        "3", "5", " The slide's line for this gradient has a typo: trust the equation "
                  "for z5, not the printed product."),
    "Exercise 6.10": [
        "The multivariate chain rule: a4 reaches L along more than one path. Find in the "
        "picture every arrow out of unit 4; the paths' contributions add.",
        "Write it with unevaluated factors: dL/da4 = dz6/da4 da6/dz6 dL/da6 + dz5/da4 "
        "da5/dz5 dL/da5.",
        "dz6/da4 and dz5/da4 are the weights that multiply a4 in the equations for z6 and "
        "z5 (from weights); da6/dz6 and da5/dz5 are tanh' at z6 and at z5 (the helper, z "
        "from the cache); dL/da6 and dL/da5 are delta6 and delta5 in deltas.",
    ],
    "Exercise 6.11": [
        "delta3 = dL/da3. Find in the picture every arrow out of unit 3: how many paths "
        "lead from a3 to L?",
        "a3 feeds one unit, so one term: dL/da3 = dz5/da3 times da5/dz5 times dL/da5.",
        "dz5/da3 is the weight that multiplies a3 in the equation for z5 (from weights); "
        "da5/dz5 is tanh' at z5 (the helper, z5 from the cache); dL/da5 is delta5 in deltas.",
    ],
    "Exercise 6.12": _weight_hints("2", "4", " delta4 already adds both paths out of a4."),
    "Exercise 6.13": _weight_hints("1", "4", " delta4 already adds both paths out of a4."),
    "Exercise 6.14": _weight_hints("1", "3"),
}

_KEY = ("A KeyError here is a name that is not in the dict you read: the cache holds a1, a2, "
        "z3..z6, a3..a6, z_out and L; weights holds w13, w14, w24, w35, w45, w46, v5, v6; "
        "deltas holds only the deltas found before this step (the docstring lists them).")
_TYPE = ("A TypeError here usually means a dict was used as a number (cache, weights and "
         "deltas are dicts: read one value by its name) or tanh_prime got a dict.")
ERRORS = {"Exercise " + t: {"KeyError": _KEY, "TypeError": _TYPE} for t in STEPS}
ERRORS["Exercise 6.1"] = {
    "KeyError": "A KeyError in forward means a weight name that is not in weights: the keys "
                "are w13, w14, w24, w35, w45, w46, v5, v6.",
    "TypeError": "A TypeError in forward usually means weights was used as a number or a "
                 "list: it is a dict, read each weight by its name.",
}
ERRORS["Exercise 6.2"] = {
    "KeyError": "A KeyError here: the cache's output is under the key z_out.",
    "TypeError": "A TypeError here usually means the cache dict was used as a number: read "
                 "z_out from it by its name.",
}
