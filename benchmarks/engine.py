"""Benchmark of ``minigrad.Value`` (run by hand, not in CI).

    python benchmarks/engine.py            # full run (about a minute)
    python benchmarks/engine.py --quick    # smaller sizes, a few seconds

Everything is measured side by side in one run, so the ratios are fair:

(a) forward + backward of a 2-16-16-1 MLP over 32 points with a
    mean-squared-error loss, built from scalar Values, against

    * a hand-written float backprop of the same network (the pure-Python
      floor: the same arithmetic with no graph at all), and
    * micrograd's ``Value`` (``pip install micrograd``), when it is installed.
      micrograd has no ``tanh`` (its ops are + - * / ** relu), so the
      micrograd comparison uses the ReLU version of the network; the tanh
      version is compared with the float floor only, and
    * ``minigrad.Tape`` (issue 14): the same graph built once and compiled
      to straight-line code; one step is one ``tape()`` call. Its one-off
      cost (``Tape(loss)``: sort, write, compile) is reported in eager steps.

(b) ``backward()`` on chains of 1e5 .. 1e6 nodes: time per node must stay
    flat (linear growth), and a million-node graph must work.

(c) bytes per node (tracemalloc) of the MLP graph after forward + backward,
    minigrad against micrograd.

Targets (issue 2): (a) at least 1.5x micrograd's speed; (b) linear; (c) at
most half micrograd's bytes per node. Issue 14: a tape step at most 2x the
float floor and at least 4x faster than the eager engine (tanh network);
compiling the tape costs less than 20 eager steps. The script ends with a
markdown table.
"""

import gc
import os
import random
import sys
import time
import tracemalloc

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from minigrad.engine import Value  # noqa: E402
from minigrad.tape import Tape  # noqa: E402

try:
    from micrograd.engine import Value as MicroValue
except ImportError:  # micrograd is optional
    MicroValue = None

SIZES = (2, 16, 16, 1)
N_POINTS = 32


# -- the network's numbers, shared by every implementation --

def make_problem(seed=0):
    """Weights W[l][j] = [w_j1, ..., w_jn, b_j] per layer, 32 points, targets."""
    rng = random.Random(seed)
    W = [[[rng.uniform(-1, 1) for _ in range(n_in + 1)] for _ in range(n_out)]
         for n_in, n_out in zip(SIZES, SIZES[1:])]
    X = [[rng.uniform(-2, 2) for _ in range(SIZES[0])] for _ in range(N_POINTS)]
    T = [rng.choice((-1.0, 1.0)) for _ in range(N_POINTS)]
    return W, X, T


# -- (a1) the network from scalar Values (works for minigrad and micrograd) --

def value_step(V, W, X, T, act):
    """One forward + backward pass; returns the parameter Values (grads filled).

    z_j = sum_i w_ji a_i + b_j;  a_j = act(z_j) on hidden layers, linear output;
    L = (1/N) sum_p (y_p - t_p)**2.  Written the way micrograd's nn.py is.
    """
    params = [[[V(w) for w in row] for row in layer] for layer in W]
    loss = V(0.0)
    last = len(params) - 1
    for x, t in zip(X, T):
        a = x
        for l, layer in enumerate(params):
            out = []
            for row in layer:
                z = sum((w * ai for w, ai in zip(row, a)), row[-1])
                out.append(z if l == last else (z.tanh() if act == "tanh" else z.relu()))
            a = out
        loss = loss + (a[0] - t) ** 2
    loss = loss * (1.0 / len(X))
    loss.backward()
    return params, loss


# -- (a2) the same network by hand, floats only: the pure-Python floor --

def float_step(W, X, T, act):
    """Forward and backward by hand (seed 002's numbered backward phase).

    delta_j = dL/dz_j;  output: delta = 2 (y - t) / N;
    hidden: delta_i = act'(z_i) * sum_j w_ji delta_j;  dL/dw_ji = delta_j a_i.
    """
    import math
    tanh = math.tanh
    grads = [[[0.0] * len(row) for row in layer] for layer in W]
    loss = 0.0
    n = len(X)
    last = len(W) - 1
    for x, t in zip(X, T):
        acts = [x]
        a = x
        for l, layer in enumerate(W):
            out = []
            for row in layer:
                z = row[-1]
                for w, ai in zip(row, a):
                    z += w * ai
                if l != last:
                    z = tanh(z) if act == "tanh" else (z if z > 0 else 0.0)
                out.append(z)
            a = out
            acts.append(a)
        y = a[0]
        loss += (y - t) ** 2
        delta = [2.0 * (y - t) / n]
        for l in range(last, -1, -1):
            layer, a_in, g = W[l], acts[l], grads[l]
            back = [0.0] * len(a_in)
            for j, row in enumerate(layer):
                dj = delta[j]
                gj = g[j]
                for i, ai in enumerate(a_in):
                    gj[i] += dj * ai
                    back[i] += row[i] * dj
                gj[-1] += dj
            if l:
                if act == "tanh":
                    delta = [b * (1.0 - ai * ai) for b, ai in zip(back, a_in)]
                else:
                    delta = [b if ai > 0 else 0.0 for b, ai in zip(back, a_in)]
    return grads, loss / n


# -- (a3) the same graph, built once and compiled: minigrad.Tape --

def tape_setup(W, X, T, act):
    """Build the graph once and compile it; returns (tape, params, seconds to compile)."""
    params, loss = value_step(Value, W, X, T, act)
    flat = [p for layer in params for row in layer for p in row]
    best = float("inf")
    for _ in range(3):  # best of 3, as the steps are
        gc.collect()
        t0 = time.perf_counter()
        tape = Tape(loss, wrt=flat)
        best = min(best, time.perf_counter() - t0)
    return tape, params, best


def best_time(fn, repeat, number, gc_off=False):
    """Best-of-``repeat`` seconds per call of ``fn`` (``number`` calls each).

    ``gc_off`` times with the cyclic garbage collector disabled: the engine's
    own work, without the collections its allocations trigger.
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()  # start clean: the other engine's cyclic garbage is not ours to pay for
        if gc_off:
            gc.disable()
        try:
            t0 = time.perf_counter()
            for _ in range(number):
                fn()
            best = min(best, (time.perf_counter() - t0) / number)
        finally:
            gc.enable()
    return best


def bench_mlp(repeat, number):
    W, X, T = make_problem()
    rows = []
    for act in ("tanh", "relu"):
        # the three implementations must agree before they are timed
        params, loss = value_step(Value, W, X, T, act)
        grads, floss = float_step(W, X, T, act)
        err = max(abs(p.grad - g) for lp, lg in zip(params, grads)
                  for rp, rg in zip(lp, lg) for p, g in zip(rp, rg))
        assert abs(loss.data - floss) < 1e-9 and err < 1e-9, (act, err)
        tape, tparams, compile_s = tape_setup(W, X, T, act)
        tloss = tape()
        terr = max(abs(p.grad - q.grad) for lp, lq in zip(params, tparams)
                   for rp, rq in zip(lp, lq) for p, q in zip(rp, rq))
        assert abs(tloss - loss.data) < 1e-12 and terr < 1e-12, (act, terr)
        impls = [("minigrad", lambda: value_step(Value, W, X, T, act)),
                 ("float floor", lambda: float_step(W, X, T, act)),
                 ("tape", tape)]
        if MicroValue is not None and act == "relu":
            mparams, mloss = value_step(MicroValue, W, X, T, act)
            assert abs(mloss.data - loss.data) < 1e-9
            impls.append(("micrograd", lambda: value_step(MicroValue, W, X, T, act)))
            del mparams, mloss
        del params, loss  # live graphs would slow every later garbage collection
        times = {name: [] for name, _ in impls}
        if act == "relu":
            times.update({name + " (gc off)": [] for name, _ in impls})
        for _ in range(repeat):  # interleaved, so drift hits all alike
            for name, fn in impls:
                times[name].append(best_time(fn, 1, number))
                if act == "relu":
                    times[name + " (gc off)"].append(best_time(fn, 1, number, gc_off=True))
        row = {name: min(ts) for name, ts in times.items()}
        row["tape compile"] = compile_s
        row["nodes"] = len(tape)
        rows.append((act, row))
    return rows


# -- (b) deep chains --

def chain(n):
    """v_k = v_{k-1} + c, n nodes deep: dv_n/dx = 1, dv_n/dc = n."""
    x, c = Value(0.5), Value(1e-6)
    v = x
    for _ in range(n):
        v = v + c
    return x, c, v


def bench_chains(sizes):
    rows = []
    for n in sizes:
        gc.collect()
        t0 = time.perf_counter()
        x, c, v = chain(n)
        t1 = time.perf_counter()
        v.backward()
        t2 = time.perf_counter()
        assert x.grad == 1.0 and c.grad == float(n), (x.grad, c.grad)
        rows.append((n, t1 - t0, t2 - t1))
        del x, c, v
    micro = None
    if MicroValue is not None:
        v = MicroValue(0.5)
        for _ in range(sizes[0]):
            v = v + 1e-6
        try:
            v.backward()
            micro = "ok"
        except RecursionError:
            micro = "RecursionError"
        del v
    return rows, micro


# -- (c) memory --

def bytes_per_node(V, act):
    W, X, T = make_problem()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    params, loss = value_step(V, W, X, T, act)
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    seen, stack = {id(loss)}, [loss]
    while stack:  # count nodes without relying on either engine's internals
        for child in stack.pop()._prev:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return used / len(seen), len(seen)


def _short(n):
    """1e5, 2e5, ... for the table."""
    exponent = len(str(n)) - 1
    return "%de%d" % (n // 10 ** exponent, exponent)


def _micrograd_version():
    if MicroValue is None:
        return "(not installed)"
    try:
        from importlib.metadata import version
        return version("micrograd")
    except Exception:  # version metadata is optional
        return ""


def main(argv):
    quick = "--quick" in argv
    repeat, number = (3, 1) if quick else (7, 3)
    sizes = (10**4, 2 * 10**4, 5 * 10**4, 10**5) if quick else (10**5, 2 * 10**5, 5 * 10**5, 10**6)

    print("Python %s, micrograd %s" % (sys.version.split()[0],
                                       "installed" if MicroValue else "NOT installed"))
    print("\n(a) forward+backward, 2-16-16-1 MLP, %d points (best of %d)" % (N_POINTS, repeat))
    mlp = bench_mlp(repeat, number)
    for act, t in mlp:
        line = "  %-4s  minigrad %7.2f ms   float floor %7.2f ms   minigrad/floor %5.1fx" % (
            act, 1e3 * t["minigrad"], 1e3 * t["float floor"], t["minigrad"] / t["float floor"])
        if "micrograd" in t:
            line += "   micrograd %7.2f ms   speed-up over micrograd %4.2fx" % (
                1e3 * t["micrograd"], t["micrograd"] / t["minigrad"])
        print(line)
        print("        tape %7.2f ms   tape/floor %4.2fx   eager/tape %5.1fx   compiling the tape "
              "(%d nodes) %.0f ms = %.1f eager steps" % (
                  1e3 * t["tape"], t["tape"] / t["float floor"], t["minigrad"] / t["tape"],
                  t["nodes"], 1e3 * t["tape compile"], t["tape compile"] / t["minigrad"]))
        if "micrograd (gc off)" in t:
            print("        with the garbage collector off: minigrad %.2f ms, micrograd %.2f ms, "
                  "speed-up %.2fx (micrograd's closures make reference cycles, so with the "
                  "collector on it pays for collecting them)" % (
                      1e3 * t["minigrad (gc off)"], 1e3 * t["micrograd (gc off)"],
                      t["micrograd (gc off)"] / t["minigrad (gc off)"]))

    print("\n(b) backward() on a chain v = v + c, n nodes deep")
    chains, micro = bench_chains(sizes)
    for n, build, back in chains:
        print("  n=%8d  build %6.3f s  backward %6.3f s  = %5.2f us/node"
              % (n, build, back, 1e6 * back / n))
    if micro:
        print("  micrograd on a %d-deep chain: %s" % (sizes[0], micro))

    print("\n(c) bytes per node (tracemalloc, MLP graph after forward+backward)")
    mem = {"minigrad": bytes_per_node(Value, "relu")}
    if MicroValue is not None:
        mem["micrograd"] = bytes_per_node(MicroValue, "relu")
    for name, (b, n) in mem.items():
        print("  %-9s %6.0f bytes/node over %d nodes" % (name, b, n))

    # -- the table for the README --
    t_relu = dict(mlp)["relu"]
    t_tanh = dict(mlp)["tanh"]
    print("\n| measure | minigrad | pure-Python floats | micrograd %s |" % _micrograd_version())
    print("|---|---|---|---|")
    mg = t_relu.get("micrograd")
    print("| MLP 2-16-16-1 ReLU, 32 points, fwd+bwd | %.1f ms | %.1f ms | %s |" % (
        1e3 * t_relu["minigrad"], 1e3 * t_relu["float floor"],
        "%.1f ms (minigrad %.2fx faster)" % (1e3 * mg, mg / t_relu["minigrad"]) if mg else "n/a"))
    if mg:
        print("| same, garbage collector off | %.1f ms | %.1f ms | %.1f ms (minigrad %.2fx faster) |" % (
            1e3 * t_relu["minigrad (gc off)"], 1e3 * t_relu["float floor (gc off)"],
            1e3 * t_relu["micrograd (gc off)"],
            t_relu["micrograd (gc off)"] / t_relu["minigrad (gc off)"]))
    print("| MLP 2-16-16-1 tanh, 32 points, fwd+bwd | %.1f ms | %.1f ms | no tanh |" % (
        1e3 * t_tanh["minigrad"], 1e3 * t_tanh["float floor"]))
    for act, t in (("tanh", t_tanh), ("ReLU", t_relu)):
        mg = t.get("micrograd")
        print("| same, %s, through `Tape` (graph built once) | %.2f ms (%.2fx the floor, %.1fx "
              "faster than eager) | %.2f ms | %s |" % (
                  act, 1e3 * t["tape"], t["tape"] / t["float floor"], t["minigrad"] / t["tape"],
                  1e3 * t["float floor"],
                  "%.1fx faster than micrograd (%.1fx with micrograd's garbage collector "
                  "off)" % (mg / t["tape"], t["micrograd (gc off)"] / t["tape"]) if mg else
                  "no tanh" if act == "tanh" else "n/a"))
    tc = t_tanh["tape compile"]
    print("| compiling the tape (%d nodes, tanh) | %.0f ms = %.1f eager steps | - | - |" % (
        t_tanh["nodes"], 1e3 * tc, tc / t_tanh["minigrad"]))
    per = ", ".join("%.2f" % (1e6 * back / n) for n, _, back in chains)
    print("| backward, chain of %s nodes | %s us/node | - | %s |" % (
        " / ".join(_short(n) for n, _, _ in chains), per,
        "n/a" if micro is None else "%s at %s" % (micro, _short(chains[0][0]))))
    mm = mem.get("micrograd")
    print("| memory per node | %.0f B | - | %s |" % (
        mem["minigrad"][0], "%.0f B (minigrad %.2fx of it)" % (mm[0], mem["minigrad"][0] / mm[0])
        if mm else "n/a"))


if __name__ == "__main__":
    main(sys.argv[1:])
