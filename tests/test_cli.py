"""Tests for ``python -m minigrad`` (minigrad.cli): demo, vanishing, --help.

Oracles: accuracies recomputed here from the network's outputs and the
datasets' closed-form labels; per-layer gradient sizes recomputed with the
hand-written backprop of minigrad.backprop (no autodiff); SVG checked by
xml.etree.
"""

import io
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from minigrad import backprop
from minigrad.cli import gradient_sizes, main
from minigrad.train import train_classifier
from minigrad.data import make_moons, make_xor
from minigrad.nn import MLP

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(*args):
    env = dict(os.environ)
    env["PYTHONPATH"] = ROOT + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "minigrad"] + list(args), cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)


def accuracy_line(text, which):
    m = re.search(r"^%s accuracy\s+([0-9.]+) \((\d+)/(\d+)\)$" % which, text, re.M)
    assert m, text
    return float(m.group(1)), int(m.group(2)), int(m.group(3))


# -- --help everywhere --

@pytest.mark.parametrize("args", [["--help"], ["demo", "--help"], ["vanishing", "--help"]])
def test_help(args):
    r = run(*args)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("usage: python -m minigrad")
    if args[0] == "demo":
        for opt in ("--dataset", "--epochs", "--seed", "--hidden", "--svg"):
            assert opt in r.stdout
    if args[0] == "vanishing":
        assert "--depth" in r.stdout and "--activations" in r.stdout


def test_no_subcommand_and_bad_arguments_fail_clearly():
    r = run()
    assert r.returncode == 2 and "required" in r.stderr
    r = run("demo", "--dataset", "nope")
    assert r.returncode == 2 and "invalid choice: 'nope'" in r.stderr
    r = run("demo", "--hidden", "8,0")
    assert r.returncode == 2 and "--hidden" in r.stderr
    r = run("vanishing", "--activations", "tanh,swish")
    assert r.returncode == 2 and "swish" in r.stderr


# -- demo --

def test_demo_xor_subprocess(tmp_path):
    svg = str(tmp_path / "xor.svg")
    r = run("demo", "--dataset", "xor", "--epochs", "15", "--n", "40", "--svg", svg)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "\r" not in out  # stdout is a pipe: no progress bar
    acc, right, total = accuracy_line(out, "test")
    assert total == 10 and right == round(acc * total)
    assert acc >= 0.9
    train_acc, _, train_total = accuracy_line(out, "train")
    assert train_total == 30 and train_acc >= 0.9
    assert "decision boundary" in out and "+" + "-" * 60 + "+" in out
    assert "wrote " + svg in out
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(list(root.iter("{http://www.w3.org/2000/svg}circle"))) == 20  # positives


def test_demo_moons_default_is_accurate_and_deterministic():
    out = io.StringIO()
    assert main(["demo"], out=out) == 0  # the defaults: moons, 40 epochs
    acc, _, _ = accuracy_line(out.getvalue(), "test")
    assert acc >= 0.9
    out1, out2 = io.StringIO(), io.StringIO()
    main(["demo", "--epochs", "3"], out=out1)
    main(["demo", "--epochs", "3"], out=out2)
    assert out1.getvalue() == out2.getvalue()


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal():
    tty, pipe = FakeTTY(), io.StringIO()
    main(["demo", "--dataset", "blobs", "--epochs", "3", "--n", "20"], out=tty)
    main(["demo", "--dataset", "blobs", "--epochs", "3", "--n", "20"], out=pipe)
    assert tty.getvalue().count("\r[") == 3
    assert "\r[" + "#" * 30 + "] epoch 3/3" in tty.getvalue()
    assert "\r" not in pipe.getvalue()


def test_demo_bce_loss_and_svg_loss(tmp_path):
    path = str(tmp_path / "loss.svg")
    out = io.StringIO()
    main(["demo", "--dataset", "circles", "--loss", "bce", "--epochs", "5", "--n", "40",
          "--svg-loss", path], out=out)
    assert "loss bce" in out.getvalue()
    (poly,) = ET.parse(path).getroot().iter("{http://www.w3.org/2000/svg}polyline")
    assert len(poly.get("points").split()) == 5


# -- the training loop itself --

def test_mlp_learns_xor():
    X, T = make_xor(4, noise=0.0)
    net, losses = train_classifier(X, T, hidden=[4], activation="tanh", epochs=60, lr=0.1,
                                   momentum=0.9, batch_size=4, seed=1)
    # the XOR labels, independently: +1 when x0 and x1 have the same sign
    for x in X:
        z = net(x).data
        assert (1 if z > 0 else -1) == (1 if x[0] * x[1] > 0 else -1)
    assert losses[-1] < losses[0]
    assert losses[-1] == 0.0  # every point beyond the margin: t z >= 1
    assert all(net(x).data * (1 if x[0] * x[1] > 0 else -1) >= 1.0 for x in X)


def test_training_is_deterministic_and_seeded():
    X, T = make_moons(30, seed=2)
    _, l1 = train_classifier(X, T, epochs=3, seed=5)
    _, l2 = train_classifier(X, T, epochs=3, seed=5)
    _, l3 = train_classifier(X, T, epochs=3, seed=6)
    assert l1 == l2 and l1 != l3


def test_train_classifier_rejects_01_labels():
    with pytest.raises(ValueError, match=r"T\[0\] = 0"):
        train_classifier([[0.0, 0.0]], [0])


# -- vanishing --

@pytest.mark.parametrize("activation,init", [("tanh", "uniform"), ("sigmoid", "xavier"),
                                             ("relu", "xavier")])
def test_gradient_sizes_match_hand_written_backprop(activation, init):
    X, T = make_moons(6, seed=3)
    depth, width = 4, 5
    dW, delta = gradient_sizes(activation, init, depth, width, X, T, seed=7)
    net = MLP(2, [width] * depth + [1], activation=activation, init=init, seed=7)
    Ws, bs = net.weights(), net.biases()
    m = len(X)
    sum_dW = [[[0.0] * len(W[0]) for _ in W] for W in Ws]
    sum_delta = [0.0] * depth
    for x, t in zip(X, T):
        cache = backprop.forward(Ws, bs, x, activation=activation)
        z = cache.output[0]
        dWs, _, deltas = backprop.backward(cache, Ws, [2.0 * (z - t) / m])  # MSE: dL/dz
        for l in range(depth + 1):
            for j, row in enumerate(dWs[l]):
                for k, g in enumerate(row):
                    sum_dW[l][j][k] += g
        for l in range(1, depth + 1):
            sum_delta[l - 1] += sum(abs(d) for d in deltas[l])
    expected_dW = [sum(abs(g) for row in W for g in row) / (len(W) * len(W[0])) for W in sum_dW]
    expected_delta = [s / (m * width) for s in sum_delta]
    assert dW == pytest.approx(expected_dW, rel=1e-9, abs=1e-15)
    assert delta == pytest.approx(expected_delta, rel=1e-9, abs=1e-15)


def parse_table(out, heading):
    lines = out.splitlines()
    i = next(k for k, s in enumerate(lines) if s.startswith(heading))
    names = lines[i + 1].split()[1:]
    table = {}
    for s in lines[i + 2:]:
        parts = s.split()
        if not parts or not parts[0].isdigit():
            break
        table[int(parts[0])] = dict(zip(names, map(float, parts[1:])))
    return names, table


def test_vanishing_subprocess():
    r = run("vanishing", "--depth", "8", "--width", "8", "--batch", "8")
    assert r.returncode == 0, r.stderr
    names, dW = parse_table(r.stdout, "mean |dL/dW|")
    assert names == ["sigmoid/uniform", "sigmoid/xavier", "tanh/uniform", "tanh/xavier",
                     "relu/uniform", "relu/xavier"]
    assert sorted(dW) == list(range(1, 10))  # 8 hidden layers + the output layer
    _, delta = parse_table(r.stdout, "mean |delta|")
    assert sorted(delta) == list(range(1, 9))
    # sigmoid' <= 1/4: layer 1's gradient is over 100x smaller than the output layer's,
    # and shrinks layer after layer
    for name in ("sigmoid/uniform", "sigmoid/xavier"):
        assert dW[1][name] < 1e-2 * dW[9][name]
        assert delta[1][name] < 1e-2 * delta[8][name]
        assert all(delta[l][name] < delta[l + 1][name] for l in range(1, 8))
    # tanh with Xavier init keeps delta within a factor 10 across the layers
    assert 0.1 < delta[1]["tanh/xavier"] / delta[8]["tanh/xavier"] < 10
    assert r.stdout.count("vanishes") >= 4
    # the paragraph after the tables explains the ratio, the sigmoid, Xavier and the remedy
    text = r.stdout[r.stdout.index("How to read the tables"):]
    for part in ("Why the sigmoid vanishes", "Why Xavier does not fix the sigmoid",
                 "What works", "n = 8 units", "= 0.41"):  # sqrt(8 / 3) / 4
        assert part in text, part


def test_vanishing_output_agrees_with_gradient_sizes():
    out = io.StringIO()
    main(["vanishing", "--depth", "3", "--width", "4", "--batch", "5", "--activations", "tanh",
          "--inits", "xavier", "--seed", "2"], out=out)
    X, T = make_moons(5, seed=2)
    dW, delta = gradient_sizes("tanh", "xavier", 3, 4, X, T, seed=2)
    _, table = parse_table(out.getvalue(), "mean |dL/dW|")
    assert [table[l]["tanh/xavier"] for l in (1, 2, 3, 4)] == \
        [float("%.2e" % v) for v in dW]
    _, table = parse_table(out.getvalue(), "mean |delta|")
    assert [table[l]["tanh/xavier"] for l in (1, 2, 3)] == [float("%.2e" % v) for v in delta]
