"""Numeric differentiation versus backpropagation, as the parameter count P grows.

Seed 000: numeric differentiation "re-evaluates the function as many times as
there are parameters", while backpropagation's cost is "linear with the size
of the network". This script measures it on MLPs 4 -> w -> w -> 1 (tanh,
squared-error loss) with P = w^2 + 7w + 1 parameters, from P = 9 to ~5000:

* forward: one forward pass plus the loss, on plain lists (minigrad.backprop.forward)
* backprop: forward + hand-written backward (minigrad.backprop.loss_and_gradients)
* autodiff: the same with minigrad.nn.MLP and Value.backward()
* numeric: minigrad.numeric.numerical_gradient over the plain-list forward pass,
  forward differences (P + 1 evaluations) and central ones (2P), counted by
  wrapping the loss in CountedFunction, not computed from the formula. Each
  evaluation also unpacks the flat theta into Ws, bs (O(P), like the forward pass).

The last column checks that backprop and central differences agree.

    python benchmarks/backprop_vs_numeric.py            # P up to ~5000 (about a minute)
    python benchmarks/backprop_vs_numeric.py --quick    # P up to ~550
"""

import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from minigrad import backprop as bp  # noqa: E402
from minigrad.losses import squared_error  # noqa: E402
from minigrad.nn import MLP  # noqa: E402
from minigrad.numeric import CountedFunction, numerical_gradient, relative_error  # noqa: E402

NIN = 4
WIDTHS = [1, 3, 8, 20, 40, 67]


def best_time(fn, repeat):
    """The fastest of `repeat` runs, in milliseconds (the least disturbed by other work)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1e3


def measure(width, seed=0):
    rng = random.Random(seed)
    net = MLP(NIN, [width, width, 1], activation="tanh", init="xavier", seed=seed)
    Ws, bs = net.weights(), net.biases()
    bs = [[rng.uniform(-0.1, 0.1) for _ in b] for b in bs]
    net.set_weights(Ws, bs)
    x = [rng.uniform(-1, 1) for _ in range(NIN)]
    t = 0.5
    P = net.num_parameters()
    sizes = [(len(W), len(W[0])) for W in Ws]
    theta0 = bp.flatten(Ws, bs)

    def loss_of(theta):
        Ws_, bs_ = bp.unflatten(theta, sizes)
        return squared_error(bp.forward(Ws_, bs_, x, "tanh", "linear").output[0], t)

    def autodiff():
        net.zero_grad()
        squared_error(net(x), t).backward()

    repeat = 20 if P < 1000 else 5
    row = {"P": P, "width": width}
    row["forward"] = best_time(
        lambda: squared_error(bp.forward(Ws, bs, x, "tanh", "linear").output[0], t), repeat)
    row["backprop"] = best_time(
        lambda: bp.loss_and_gradients(Ws, bs, x, t, "squared_error", "tanh", "linear"), repeat)
    row["autodiff"] = best_time(autodiff, max(2, repeat // 2))

    for method in ("forward", "central"):
        f = CountedFunction(loss_of)
        t0 = time.perf_counter()
        numeric = numerical_gradient(f, theta0, method=method)
        row[method + "_ms"] = (time.perf_counter() - t0) * 1e3
        row[method + "_evals"] = f.calls
    _, dWs, dbs = bp.loss_and_gradients(Ws, bs, x, t, "squared_error", "tanh", "linear")
    row["max_rel_err"] = max(relative_error(a, n) for a, n in zip(bp.flatten(dWs, dbs), numeric))
    return row


def main(argv):
    widths = WIDTHS[:4] if "--quick" in argv else WIDTHS
    print("MLP %d -> w -> w -> 1, tanh, squared error; times are ms on this machine "
          "(Python %d.%d)\n" % (NIN, sys.version_info[0], sys.version_info[1]))
    print("| P | forward pass (ms) | backprop fwd+bwd (ms) | backprop / forward | "
          "autodiff Value (ms) | numeric forward: evals | ms | numeric central: evals | ms | "
          "central / backprop | max rel. err. backprop vs central |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in widths:
        r = measure(w)
        print("| %d | %.3f | %.3f | %.1fx | %.2f | %d | %.1f | %d | %.1f | %.0fx | %.1e |"
              % (r["P"], r["forward"], r["backprop"], r["backprop"] / r["forward"],
                 r["autodiff"], r["forward_evals"], r["forward_ms"], r["central_evals"],
                 r["central_ms"], r["central_ms"] / r["backprop"], r["max_rel_err"]))
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
