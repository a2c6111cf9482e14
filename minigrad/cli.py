"""``python -m minigrad``: train an MLP on a toy dataset, or measure vanishing gradients.

Subcommands (``python -m minigrad SUBCOMMAND --help`` for all options):

``demo``
    Seed 000's training loop ("Training Neural Networks"): initialise theta at
    random; repeat: forward pass, backpropagation, a gradient step
    ``theta <- theta - gamma dL/dtheta`` (SGD with momentum, on mini-batches).
    Prints train/test accuracy, the loss curve and the decision boundary;
    ``--svg FILE`` also writes the boundary as an SVG picture. The forward and
    backward passes run through a compiled ``minigrad.Tape`` of one
    mini-batch (built once, fed each batch's points), which gives the same
    numbers as ``loss.backward()`` several times faster; ``--eager`` builds
    the graph at every step instead.

``vanishing``
    Seed 000's "Vanishing gradient" slide, measured: for deep networks at
    initialisation, the mean |dL/dW| of each layer and the mean |delta| =
    |dL/da| of each hidden layer, for several activations and initialisations.

``graph``
    The lectures' graphs (``minigrad.graphs``), every node labelled in the
    lecture's notation, with values and grads from one backward pass: the
    ASCII tree in the terminal, or ``--svg FILE`` for a picture
    (``minigrad.draw``). ``--list`` names them.
"""

import argparse
import os
import sys

from minigrad.data import DATASETS, train_test_split
from minigrad.losses import mse
from minigrad.nn import MLP
from minigrad.plot import (ascii_decision_boundary, ascii_loss_curve, save_svg,
                           svg_decision_boundary, svg_loss_curve)
# The training helpers live in minigrad.train; the names stay importable from here.
from minigrad.train import (LOSSES, TAPE_LOSSES, accuracy, batch_tape, score,  # noqa: F401
                            scorer, train_classifier)

__all__ = ["main", "build_parser", "train_classifier", "accuracy", "gradient_sizes", "batch_tape",
           "scorer"]


def _progress_bar(out):
    """An on_epoch callback drawing ``[#####.....] epoch 12/40  loss 0.1234`` in place."""
    def show(epoch, epochs, loss):
        filled = int(30 * epoch / epochs)
        out.write("\r[%s%s] epoch %d/%d  loss %.4f" % ("#" * filled, "." * (30 - filled),
                                                       epoch, epochs, loss))
        if epoch == epochs:
            out.write("\n")
        out.flush()
    return show


def _hidden(text):
    try:
        sizes = [int(s) for s in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError("--hidden must be layer widths like 8,8, got %r" % text)
    if not sizes or any(s < 1 for s in sizes):
        raise argparse.ArgumentTypeError("--hidden widths must be >= 1, got %r" % text)
    return sizes


def _positive_int(text):
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected an int >= 1, got %r" % text)
    if v < 1:
        raise argparse.ArgumentTypeError("expected an int >= 1, got %r" % text)
    return v


def cmd_demo(args, out):
    make = DATASETS[args.dataset]
    kwargs = {} if args.noise is None else {"noise": args.noise}
    X, T = make(args.n, seed=args.seed, **kwargs)
    X_train, X_test, T_train, T_test = train_test_split(X, T, args.test_fraction, seed=args.seed)
    out.write("dataset %s: %d points (%d train, %d test), seed %d\n"
              % (args.dataset, len(X), len(X_train), len(X_test), args.seed))
    out.write("model MLP(2, %r, activation=%r, init=%r), loss %s, SGD(lr=%g, momentum=%g), "
              "%d epochs, batch %d\n" % (args.hidden + [1], args.activation, args.init, args.loss,
                                          args.lr, args.momentum, args.epochs, args.batch_size))
    on_epoch = _progress_bar(out) if out.isatty() else None
    net, losses = train_classifier(X_train, T_train, hidden=args.hidden,
                                   activation=args.activation, init=args.init,
                                   epochs=args.epochs, lr=args.lr, momentum=args.momentum,
                                   batch_size=args.batch_size, loss=args.loss, seed=args.seed,
                                   on_epoch=on_epoch, tape=not args.eager)
    out.write("final loss %.4f\n" % losses[-1])
    acc_train, acc_test = accuracy(net, X_train, T_train), accuracy(net, X_test, T_test)
    out.write("train accuracy %.3f (%d/%d)\n"
              % (acc_train, round(acc_train * len(X_train)), len(X_train)))
    out.write("test accuracy  %.3f (%d/%d)\n"
              % (acc_test, round(acc_test * len(X_test)), len(X_test)))
    out.write("\n" + ascii_loss_curve(losses, width=min(60, max(2, len(losses))), height=8,
                                      title="training loss") + "\n\n")
    predict = (lambda x: score(net, x)) if args.eager else scorer(net)
    out.write("decision boundary (train + test points):\n")
    out.write(ascii_decision_boundary(predict, X, T, width=args.width, height=args.height) + "\n")
    title = "%s: MLP %s %s, test accuracy %.3f" % (args.dataset, args.hidden, args.activation,
                                                    acc_test)
    if args.svg:
        save_svg(args.svg, svg_decision_boundary(predict, X, T, title=title))
        out.write("wrote %s\n" % args.svg)
    if args.svg_loss:
        save_svg(args.svg_loss, svg_loss_curve(losses, title="training loss"))
        out.write("wrote %s\n" % args.svg_loss)
    return 0


# -- gradient sizes per layer (used by ``vanishing``) --

def gradient_sizes(activation, init, depth, width, X, T, seed=0):
    """Mean |dL/dW| per layer and mean |delta| = |dL/da| per hidden layer, at initialisation.

    The network is ``MLP(2, [width] * depth + [1], activation, init, seed)``;
    the loss is the mean squared error L = (1/m) sum_j (z_j - t_j)^2 over the
    examples. Returns ``(dW, delta)``: ``dW[l-1]`` = mean over the weights of
    W^(l-1,l) of |dL/dw| for layers l = 1 .. depth + 1 (the last is the output
    layer); ``delta[l-1]`` = mean over units and examples of |dL/da^(l)| for
    hidden layers l = 1 .. depth (seed 000's delta_j = dL/da_j).
    """
    net = MLP(len(X[0]), [width] * depth + [1], activation=activation, init=init, seed=seed)
    hidden = [[] for _ in range(depth)]  # hidden[l-1]: the Values a^(l) of every example
    outputs = []
    for x in X:
        a = list(x)
        for l, layer in enumerate(net.layers):
            a = layer(a)
            if l < depth:
                hidden[l].extend(a)
        outputs.append(a[0])
    L = mse(outputs, [float(t) for t in T])
    net.zero_grad()
    L.backward()
    dW = []
    for layer in net.layers:
        grads = [abs(w.grad) for neuron in layer.neurons for w in neuron.w]
        dW.append(sum(grads) / len(grads))
    delta = [sum(abs(a.grad) for a in units) / len(units) for units in hidden]
    return dW, delta


def _ratio(a, b):
    return "%.1e" % (a / b) if b > 0 else "inf" if a > 0 else "0/0"


def _verdict(a, b):
    """Read a first/last ratio: < 1e-2 vanishes, > 1e2 explodes (factor 100 either way)."""
    if b > 0 and a / b < 1e-2:
        return "vanishes"
    if a > 0 and (b == 0 or a / b > 1e2):
        return "explodes"
    return "within 100x"


def cmd_vanishing(args, out):
    X, T = DATASETS[args.dataset](args.batch, seed=args.seed)
    configs = [(act, init) for act in args.activations for init in args.inits]
    out.write("Gradient size per layer at initialisation: MLP(2, [%d] * %d + [1]), MSE loss on "
              "%d %s points, seed %d.\n" % (args.width, args.depth, args.batch, args.dataset,
                                            args.seed))
    out.write("Seed 000: delta^(l-1) = W^(l-1,l) (g'(z^(l)) * delta^(l)); with g' <= 1 "
              "(tanh) or <= 1/4 (sigmoid) it can shrink\nexponentially towards layer 1. "
              "Xavier init and ReLU are the seed's remedies.\n\n")
    results = [gradient_sizes(act, init, args.depth, args.width, X, T, seed=args.seed)
               for act, init in configs]
    names = ["%s/%s" % c for c in configs]
    colw = max(12, max(len(n) for n in names) + 2)

    def row(label, cells):
        return "%-14s" % label + "".join(("%" + str(colw) + "s") % c for c in cells) + "\n"

    out.write("mean |dL/dW| per layer (layer 1 next to the input, %d = output layer)\n"
              % (args.depth + 1))
    out.write(row("layer", names))
    for l in range(args.depth + 1):
        out.write(row("%d" % (l + 1), ["%.2e" % dW[l] for dW, _ in results]))
    out.write(row("layer 1 / %d" % (args.depth + 1),
                  [_ratio(dW[0], dW[-1]) for dW, _ in results]))
    out.write(row("", [_verdict(dW[0], dW[-1]) for dW, _ in results]))
    out.write("\nmean |delta| = |dL/da| per hidden layer\n")
    out.write(row("layer", names))
    for l in range(args.depth):
        out.write(row("%d" % (l + 1), ["%.2e" % d[l] for _, d in results]))
    out.write(row("layer 1 / %d" % args.depth, [_ratio(d[0], d[-1]) for _, d in results]))
    out.write(row("", [_verdict(d[0], d[-1]) for _, d in results]))
    out.write(VANISHING_EXPLAINED % {"n": args.width,
                                     "factor": (args.width / 3.0) ** 0.5 / 4.0})
    return 0


VANISHING_EXPLAINED = """
How to read the tables. "layer 1 / N" divides layer 1's mean gradient by the
output layer's (or the last hidden layer's delta): far below 1, layer 1 gets a
much smaller gradient than the layers near the output and learns far more slowly
(a vanishing gradient); far above 1, the gradient explodes towards the input.

Why the sigmoid vanishes: every layer multiplies delta by W g'(z), and the
sigmoid's slope is at most g'(0) = 1/4, where tanh's is 1 (Exercise 12.5). With
n = %(n)d units and U(-1, 1) weights (Var(w) = 1/3), one layer multiplies the size
of delta by at most about sqrt(n Var(w)) * 1/4 = %(factor).2f, less still where z is
far from 0: below 1, the gradient shrinks layer after layer.

Why Xavier does not fix the sigmoid: Glorot and Bengio chose Var(w) =
2 / (fan_in + fan_out) so that n Var(w) g'(0)^2 is about 1 for units working
around z = 0 with g'(0) = 1, as tanh does. For the sigmoid g'(0)^2 = 1/16, so
with Xavier's weights (smaller than U(-1, 1) once layers are wider than 3) each
layer shrinks the variance of delta about 16 times: the sigmoid vanishes even
faster than with the uniform init. The argument asks for 16x the variance (4x
the limit) for the sigmoid; that gains orders of magnitude, but the sigmoid still
vanishes: its outputs are centred at 1/2, not 0, and with larger weights the z
spread to where sigma' is far below 1/4 (Exercises 12.13 - 12.15 measure this).

What works: tanh with Xavier init (its g'(0) = 1 is what Xavier assumes), and
ReLU (slope 1 wherever a unit is active); compare their verdict rows above with
the sigmoid's. The slide's other remedies (more data, longer training, dropout)
do not change these gradients at initialisation.
"""


# -- the lectures' graphs (used by ``graph``) --

def cmd_graph(args, out):
    from minigrad.graphs import GRAPHS
    if args.list or args.name is None:
        out.write("The lectures' graphs (python -m minigrad graph NAME [--svg FILE]):\n")
        for name, (_, about) in GRAPHS.items():
            out.write("  %-15s %s\n" % (name, about))
        return 0 if args.list else 2
    root = GRAPHS[args.name][0]()
    if args.svg:
        from minigrad.drawing import draw
        picture = draw(root, show_grad=not args.no_grad, rankdir=args.rankdir)
        picture.save(args.svg)
        out.write("wrote %s (%d Values, %dx%d px)\n" % (args.svg, picture.values,
                                                        picture.width, picture.height))
    else:
        out.write(root.tree(show_grad=not args.no_grad) + "\n")
    return 0


# -- the parser --

def _csv(choices):
    def parse(text):
        items = [s.strip() for s in text.split(",") if s.strip()]
        bad = [s for s in items if s not in choices]
        if bad or not items:
            raise argparse.ArgumentTypeError("choose from %s (comma-separated), got %r"
                                             % (", ".join(choices), text))
        return items
    return parse


def _count(parser, flag, default, what):
    """Add ``flag`` to ``parser``: a positive int, helped as ``what (default: ...)``."""
    parser.add_argument(flag, type=_positive_int, default=default,
                        help="%s (default: %d)" % (what, default))


def build_parser():
    p = argparse.ArgumentParser(
        prog="python -m minigrad",
        description="minigrad: learn backpropagation by deriving it. Train a small MLP on a "
                    "toy dataset (demo) or measure vanishing gradients (vanishing).")
    sub = p.add_subparsers(dest="command", metavar="{demo,vanishing}")
    sub.required = True

    d = sub.add_parser("demo", help="train an MLP on a toy 2-D dataset and draw its decision "
                                    "boundary",
                       description="Train an MLP with SGD on a toy 2-D dataset; print train/test "
                                   "accuracy, the loss curve and the decision boundary.",
                       epilog="The defaults take a few seconds. spiral is the hard one: try "
                              "--dataset spiral --n 200 --hidden 16,16 --activation relu "
                              "--lr 0.05 --epochs 100 (about half a minute).")
    d.add_argument("--dataset", choices=sorted(DATASETS), default="moons",
                   help="toy dataset (default: moons)")
    _count(d, "--n", 100, "number of points")
    d.add_argument("--noise", type=float, default=None,
                   help="noise std of the dataset (default: the dataset's own)")
    _count(d, "--epochs", 40, "passes over the training set")
    d.add_argument("--seed", type=int, default=0, help="seed for data, split, init and shuffling "
                                                       "(default: 0)")
    d.add_argument("--hidden", type=_hidden, default=[8, 8],
                   help="hidden layer widths, comma-separated (default: 8,8)")
    d.add_argument("--activation", choices=["tanh", "relu", "sigmoid"], default="tanh",
                   help="hidden activation (default: tanh)")
    d.add_argument("--init", choices=["uniform", "xavier"], default="xavier",
                   help="weight initialisation (default: xavier)")
    d.add_argument("--loss", choices=sorted(LOSSES), default="svm_hinge",
                   help="svm_hinge = max(0, 1 - t z), bce = binary cross-entropy on the logit z "
                        "(default: svm_hinge)")
    d.add_argument("--lr", type=float, default=0.1, help="learning rate (default: 0.1)")
    d.add_argument("--momentum", type=float, default=0.9, help="SGD momentum (default: 0.9)")
    _count(d, "--batch-size", 10, "examples per gradient step")
    d.add_argument("--test-fraction", type=float, default=0.25,
                   help="fraction held out for testing (default: 0.25)")
    _count(d, "--width", 60, "ASCII plot width in characters")
    _count(d, "--height", 20, "ASCII plot height in lines")
    d.add_argument("--eager", action="store_true",
                   help="build the graph and call loss.backward() at every step instead of "
                        "running a compiled minigrad.Tape (same numbers, slower)")
    d.add_argument("--svg", metavar="FILE", help="also save the decision boundary as an SVG file")
    d.add_argument("--svg-loss", metavar="FILE", help="also save the loss curve as an SVG file")
    d.set_defaults(func=cmd_demo)

    v = sub.add_parser("vanishing", help="per-layer gradient sizes of deep networks "
                                         "(tanh/sigmoid vs ReLU, uniform vs Xavier init)",
                       description="Measure mean |dL/dW| per layer and mean |dL/da| per hidden "
                                   "layer of deep MLPs at initialisation.")
    _count(v, "--depth", 10, "number of hidden layers")
    _count(v, "--width", 16, "units per hidden layer")
    _count(v, "--batch", 16, "examples in the loss")
    v.add_argument("--dataset", choices=sorted(DATASETS), default="moons",
                   help="where the examples come from (default: moons)")
    v.add_argument("--activations", type=_csv(["tanh", "sigmoid", "relu"]),
                   default=["sigmoid", "tanh", "relu"],
                   help="comma-separated (default: sigmoid,tanh,relu)")
    v.add_argument("--inits", type=_csv(["uniform", "xavier"]), default=["uniform", "xavier"],
                   help="comma-separated (default: uniform,xavier)")
    v.add_argument("--seed", type=int, default=0, help="seed for data and init (default: 0)")
    v.set_defaults(func=cmd_vanishing)

    from minigrad.graphs import GRAPHS
    g = sub.add_parser("graph", help="draw one of the lectures' computational graphs",
                       description="Build one of the lectures' graphs from labelled Values, run "
                                   "one backward pass and show it: the ASCII tree, or an SVG "
                                   "picture with --svg.",
                       epilog="Example: python -m minigrad graph worked-network --svg "
                              "worked_network.svg (open it in a browser).")
    g.add_argument("name", nargs="?", choices=list(GRAPHS), metavar="NAME",
                   help="one of: %s" % ", ".join(GRAPHS))
    g.add_argument("--list", action="store_true", help="list the graphs and exit")
    g.add_argument("--svg", metavar="FILE", help="write the picture as an SVG file "
                                                 "(default: print the ASCII tree)")
    g.add_argument("--rankdir", choices=["LR", "TB"], default="LR",
                   help="LR: inputs left, output right (default); TB: top to bottom")
    g.add_argument("--no-grad", action="store_true", help="leave out the grads")
    g.set_defaults(func=cmd_graph)
    return p


def main(argv=None, out=None):
    """Entry point of ``python -m minigrad``; returns the exit code."""
    out = sys.stdout if out is None else out
    args = build_parser().parse_args(argv)
    try:
        return args.func(args, out)
    except BrokenPipeError:  # python -m minigrad demo | head
        sys.stdout = open(os.devnull, "w")
        return 1
