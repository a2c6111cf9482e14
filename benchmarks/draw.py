"""Benchmark of ``minigrad.draw`` (run by hand, not in CI).

    python benchmarks/draw.py

Times the whole drawing (walk, layers, crossing reduction, placement, SVG
text) for the lectures' worked network, MLP graphs of about 100, 300 and 400
Values, and a chain too big to draw whole (cut at ``MAX_VALUES``). The target
(issue 16): a 300-Value graph well under a second.
"""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from minigrad import Value  # noqa: E402
from minigrad.drawing import MAX_VALUES, draw  # noqa: E402
from minigrad.graphs import worked_network  # noqa: E402
from minigrad.nn import MLP  # noqa: E402


def mlp_output(width):
    net = MLP(3, [width, width, 1], seed=0)
    out = net([1.0, -2.0, 0.5])
    out.backward()
    return out


def chain(n):
    v, c = Value(0.5, label="x"), Value(1e-3, label="c")
    for _ in range(n):
        v = v + c
    return v


def best_time(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main():
    print("Python %s; MAX_VALUES = %d" % (sys.version.split()[0], MAX_VALUES))
    cases = [("worked network", worked_network()),
             ("MLP 3-4-4-1", mlp_output(4)),
             ("MLP 3-7-7-1", mlp_output(7)),
             ("MLP 3-8-8-1", mlp_output(8)),
             ("chain of 10000 (cut)", chain(10000))]
    print("| graph | Values | drawn | SVG size | time (best of 5) |")
    print("|---|---|---|---|---|")
    for name, root in cases:
        seconds, picture = best_time(lambda: draw(root), 5)
        print("| %s | %d | %d | %dx%d px, %d kB | %.0f ms |" % (
            name, len(root._topo()), picture.values, picture.width, picture.height,
            len(picture.svg.encode("utf-8")) // 1024, 1e3 * seconds))


if __name__ == "__main__":
    main()
