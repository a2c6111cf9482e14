"""Tests of labelled Values and minigrad.draw (the SVG picture of a graph).

Oracles: the graph each test builds (how many Values, which are shared,
which labels), read back from the SVG with xml.etree: one box per Value,
boxes that do not overlap, edges that run from an earlier layer to a later
one, byte-identical output across runs and hash seeds. Speed is measured by
benchmarks/draw.py, never asserted here.
"""

import copy
import importlib.util
import os
import pickle
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import minigrad
from minigrad import Value
from minigrad.drawing import CHAR_WIDTH, FONT_SIZE, MAX_VALUES, draw
from minigrad.graphs import GRAPHS, worked_network
from minigrad.nn import MLP
from minigrad.viz import to_dot, topo_order, tree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SVG = "{http://www.w3.org/2000/svg}"


# -- reading the picture back --

def parse(svg):
    """``(boxes, ops, edges, texts)`` from the SVG: boxes/ops {id: (x0, y0, x1, y1)}."""
    root = ET.fromstring(svg)
    boxes, ops, texts = {}, {}, {}
    for g in root.iter(SVG + "g"):
        if g.get("class") == "value":
            r = g.find(SVG + "rect")
            x, y, w, h = (float(r.get(k)) for k in ("x", "y", "width", "height"))
            boxes[g.get("id")] = (x, y, x + w, y + h)
        elif g.get("class") == "op":
            e = g.find(SVG + "ellipse")
            cx, cy, rx, ry = (float(e.get(k)) for k in ("cx", "cy", "rx", "ry"))
            ops[g.get("id")] = (cx - rx, cy - ry, cx + rx, cy + ry)
        else:
            continue
        texts[g.get("id")] = [(float(t.get("x")), t.text) for t in g.iter(SVG + "text")]
    edges = [(p.get("data-from"), p.get("data-to"), p.get("d"))
             for p in root.iter(SVG + "path") if p.get("class") == "edge"]
    return boxes, ops, edges, texts


def overlapping(rects):
    """Pairs of names whose rectangles overlap (touching edges allowed)."""
    items = sorted(rects.items(), key=lambda kv: kv[1][0])
    bad = []
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items):
        for b, (bx0, by0, bx1, by1) in items[i + 1:]:
            if bx0 >= ax1:
                break
            if ay0 < by1 and by0 < ay1:
                bad.append((a, b))
    return bad


def center(rect):
    return ((rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2)


def neuron():
    """L = tanh(x w + b) with labels."""
    x, w, b = Value(2.0, label="x"), Value(-3.0, label="w"), Value(6.5, label="b")
    xw = x * w
    xw.label = "x w"
    z = xw + b
    z.label = "z"
    L = z.tanh()
    L.label = "L"
    L.backward()
    return L


def mlp_graph(width=7):
    """A 2-hidden-layer MLP's output on one input: about 300 Values for width 7."""
    net = MLP(3, [width, width, 1], seed=0)
    out = net([1.0, -2.0, 0.5])
    out.backward()
    return out


def check_picture(svg, n_values, rankdir="LR"):
    boxes, ops, edges, texts = parse(svg)
    assert len(boxes) == n_values
    assert overlapping(dict(list(boxes.items()) + list(ops.items()))) == []
    places = dict(boxes, **ops)
    axis = 0 if rankdir == "LR" else 1
    for source, target, d in edges:  # every edge runs to a later layer
        assert center(places[source])[axis] < center(places[target])[axis], (source, target)
        assert d.startswith("M")
    return boxes, ops, edges, texts


# -- labels --

def test_label_is_a_keyword_shown_in_repr():
    a = Value(2.0, label="a")
    assert a.label == "a" and a.data == 2.0
    assert repr(a) == "Value(data=2.0, grad=0.0, label='a')"
    assert Value(2.0).label == "" and repr(Value(2.0)) == "Value(data=2.0, grad=0.0)"
    assert (a * 3).label == ""  # made by an op: unlabelled until you name it


@pytest.mark.parametrize("bad, shown", [(3, "3 (int)"), (None, "None (NoneType)"),
                                        (b"a", "b'a' (bytes)")])
def test_a_label_that_is_not_a_string_is_a_type_error(bad, shown):
    with pytest.raises(TypeError) as e:
        Value(1.0, label=bad)
    assert str(e.value) == "Value() label must be a string, got %s" % shown


def test_label_is_a_slot_not_a_dict():
    assert "label" in Value.__slots__
    assert not hasattr(Value(1.0), "__dict__")


def test_label_survives_copies_and_pickles():
    a = Value(2.0, label="a")
    b = a * a
    b.label = "b"
    for twin in (copy.copy(b), copy.deepcopy(b), pickle.loads(pickle.dumps(b))):
        assert twin.label == "b" and twin._prev[0].label == "a"


def test_errors_name_a_labelled_node():
    with pytest.raises(ValueError, match=r"log: log\(-1.0\) .*labelled 'x'"):
        Value(-1.0, label="x").log()
    with pytest.raises(ValueError, match=r"exp: exp\(800.0\) overflows.*labelled 'big'"):
        Value(800.0, label="big").exp()
    with pytest.raises(TypeError, match=r"label='a'"):  # Value(v) shows v's repr
        Value(Value(1.0, label="a"))


def test_tree_and_dot_show_labels():
    L = neuron()
    text = tree(L)
    assert text.splitlines()[0].startswith("#1 L = tanh  data=")
    assert "w = leaf  data=-3" in text and "x w = *" in text
    dot = to_dot(L)
    for label in ("x", "w", "b", "x w", "z", "L"):
        assert "{ %s | data " % label in dot
    assert '{ a\\|b\\{c\\} | data 1 }' in to_dot(Value(1.0, label="a|b{c}"), show_grad=False)


# -- the picture --

def test_every_value_has_one_box_and_nothing_overlaps():
    L = neuron()
    boxes, ops, edges, texts = check_picture(draw(L).svg, 6)
    assert len(ops) == 3  # *, +, tanh
    assert len(edges) == 2 + 1 + 2 + 1 + 1 + 1  # x,w -> *; * -> xw; xw,b -> +; ...
    cells = [t for box in boxes for _, t in texts[box]]
    for label in ("x", "w", "b", "x w", "z", "L"):
        assert label in cells
    assert "data -6.0000" in cells and "grad 1.0000" in cells


def test_box_text_fits_its_box():
    L = worked_network()
    boxes, ops, edges, texts = parse(draw(L).svg)
    for name, (x0, y0, x1, y1) in list(boxes.items()) + list(ops.items()):
        for x, text in texts[name]:
            half = len(text) * 0.6 * FONT_SIZE / 2  # a monospace glyph is 0.6 em
            assert x0 < x - half and x + half < x1, (name, text)
    assert CHAR_WIDTH >= 0.6 * FONT_SIZE


def test_a_shared_node_appears_once_with_two_edges():
    a = Value(1.5, label="a")
    b = a + a
    b.backward()
    boxes, ops, edges, texts = check_picture(draw(b).svg, 2)
    a_id = [k for k in boxes if "a" in [t for _, t in texts[k]]][0]
    into_op = [e for e in edges if e[0] == a_id]
    assert len(into_op) == 2 and into_op[0][2] != into_op[1][2]  # two visible arrows
    assert "grad 2.0000" in [t for _, t in texts[a_id]]


@pytest.mark.parametrize("rankdir", ["LR", "TB"])
def test_both_directions(rankdir):
    L = worked_network()
    n = len(L._topo())
    boxes, ops, edges, texts = check_picture(draw(L, rankdir=rankdir).svg, n, rankdir)
    labels = {t for k in boxes for _, t in texts[k]}
    for label in ("a1 = x1", "w13", "w35", "v6", "z3", "a4", "z_out", "-z_out t", "L"):
        assert label in labels


def test_show_grad_false_leaves_grads_out():
    svg = draw(neuron(), show_grad=False).svg
    assert "data -6.0000" in svg and "grad " not in svg.split("</title>")[-1]


def test_bad_arguments_are_clear_errors():
    with pytest.raises(ValueError, match=r"rankdir must be 'LR' or 'TB', got 'BT'"):
        draw(Value(1.0), rankdir="BT")
    with pytest.raises(TypeError) as e:
        draw(3)
    assert str(e.value) == ("draw() needs a Value-like object with data, grad, _prev, _op; "
                            "got 3 (int)")


def test_a_single_leaf_and_awkward_labels():
    weird = Value(1.0, label='<a & "b">\x00\x07 ünï 漢字')
    svg = draw(weird).svg
    ET.fromstring(svg)  # still well-formed XML
    assert "&lt;a &amp; &quot;b&quot;&gt;" in svg
    check_picture(svg, 1)


def test_drawing_object(tmp_path):
    picture = draw(neuron())
    assert picture._repr_svg_() == picture.svg
    path = str(tmp_path / "n.svg")
    assert picture.save(path) == path
    with open(path, encoding="utf-8") as f:
        assert f.read() == picture.svg
    assert repr(picture).startswith("<Drawing: 6 Values, 3 ops, 8 edges, ")
    assert picture.values == 6 and picture.left_out == 0
    assert minigrad.draw is draw and neuron().draw().svg == picture.svg


def test_same_graph_same_bytes():
    assert draw(worked_network()).svg == draw(worked_network()).svg
    assert draw(mlp_graph(3)).svg == draw(mlp_graph(3)).svg


# -- a graph too big to draw whole --

def test_big_graph_draws_the_part_nearest_the_output_with_a_note():
    v = Value(0.5, label="x")
    c = Value(1e-3, label="c")
    for _ in range(MAX_VALUES + 100):
        v = v + c
    svg = draw(v).svg
    boxes, ops, edges, texts = check_picture(svg, MAX_VALUES)
    total = len(v._topo())
    assert ("Showing the %d Values nearest the output; %d more were left out"
            % (MAX_VALUES, total - MAX_VALUES)) in svg
    assert 'stroke-dasharray' in svg  # the op at the cut is dashed


def test_a_300_value_graph_draws_without_overlaps():
    out = mlp_graph(7)
    n = len(out._topo())
    assert 250 <= n <= MAX_VALUES
    check_picture(draw(out).svg, n)


# -- the same picture in a fresh interpreter with another hash seed --

STAND_IN = r'''
import math, sys
sys.path.insert(0, %(root)r)
from minigrad.drawing import draw

class MicroValue:
    """micrograd's Value, in short: _prev is a set, as in micrograd."""
    def __init__(self, data, _children=(), _op="", label=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op
        self.label = label
    def __add__(self, other):
        out = MicroValue(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out
    def __mul__(self, other):
        out = MicroValue(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out
    def tanh(self):
        t = math.tanh(self.data)
        out = MicroValue(t, (self,), "tanh")
        def _backward():
            self.grad += (1 - t ** 2) * out.grad
        out._backward = _backward
        return out
    def backward(self):
        topo, seen = [], set()
        def build(v):
            if v not in seen:
                seen.add(v)
                for child in v._prev:
                    build(child)
                topo.append(v)
        build(self)
        self.grad = 1.0
        for v in reversed(topo):
            v._backward()

def graph():
    """micrograd's lecture neuron, plus unlabelled twins (equal data) to sort."""
    x1 = MicroValue(2.0, label="x1"); x2 = MicroValue(0.0, label="x2")
    w1 = MicroValue(-3.0, label="w1"); w2 = MicroValue(1.0, label="w2")
    b = MicroValue(6.8813735870195432, label="b")
    x1w1 = x1 * w1; x1w1.label = "x1*w1"
    x2w2 = x2 * w2; x2w2.label = "x2*w2"
    s = x1w1 + x2w2; s.label = "x1*w1 + x2*w2"
    n = s + b; n.label = "n"
    o = n.tanh(); o.label = "o"
    p = o * MicroValue(1.0) + MicroValue(1.0) * MicroValue(1.0)
    p.backward()
    return p
'''


def run_python(code, hashseed):
    env = dict(os.environ, PYTHONHASHSEED=str(hashseed))
    return subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, env=env, timeout=120,
                          cwd=ROOT)


def stand_in_module():
    namespace = {}
    exec(STAND_IN % {"root": ROOT}, namespace)
    return namespace


def test_a_micrograd_like_value_with_set_prev_draws():
    ns = stand_in_module()
    p = ns["graph"]()
    n = len(topo_order(p))
    assert n == 16  # 5 leaves, 5 named nodes; p = o * 1 + 1 * 1 adds 3 leaves and 3 nodes
    boxes, ops, edges, texts = check_picture(draw(p).svg, n)
    labels = {t for k in boxes for _, t in texts[k]}
    assert {"x1", "x2", "w1", "w2", "b", "n", "o", "x1*w1 + x2*w2"} <= labels
    assert "grad 0.5000" in labels  # micrograd's lecture: do/dn = 1 - tanh(n)^2 = 0.5
    assert len(ops) == 8
    assert len(edges) == sum(len(v._prev) for v in topo_order(p)) + len(ops)


def test_same_bytes_in_fresh_interpreters_with_other_hash_seeds():
    code = (STAND_IN % {"root": ROOT}) + (
        "\nfrom minigrad.graphs import worked_network\n"
        "sys.stdout.write(draw(graph()).svg + draw(worked_network(), rankdir='TB').svg)\n")
    here = stand_in_module()
    from minigrad.graphs import worked_network as wn
    expected = draw(here["graph"]()).svg + draw(wn(), rankdir="TB").svg
    for seed in (0, 1, 12345):
        r = run_python(code, seed)
        assert r.returncode == 0, r.stderr
        assert r.stdout == expected


def test_a_students_value_from_exercise_10_draws():
    path = os.path.join(ROOT, "solutions", "ex10_autodiff.py")
    spec = importlib.util.spec_from_file_location("ex10_for_draw", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    V = module.Value
    a, b = V(2.0, label="a"), V(-3.0, label="b")
    c = a * b + a
    c.label = "c"
    boxes, ops, edges, texts = check_picture(draw(c).svg, 4)
    labels = {t for k in boxes for _, t in texts[k]}
    assert {"a", "b", "c"} <= labels


def test_import_minigrad_does_not_load_the_drawing_code():
    r = run_python("import sys; sys.path.insert(0, %r); import minigrad; "
                   "print('minigrad.drawing' in sys.modules); minigrad.draw; "
                   "print('minigrad.drawing' in sys.modules)" % ROOT, 0)
    assert r.stdout.split() == ["False", "True"], r.stderr


# -- the lectures' graphs from the command line --

def test_cli_graph_writes_an_svg(tmp_path):
    out = str(tmp_path / "f.svg")
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-m", "minigrad", "graph", "worked-network", "--svg", out],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                       env=env, cwd=str(tmp_path), timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("wrote %s (30 Values, " % out)
    with open(out, encoding="utf-8") as f:
        svg = f.read()
    assert svg == draw(worked_network()).svg
    check_picture(svg, 30)


def test_cli_graph_list_and_tree(capsys):
    from minigrad.cli import main
    assert main(["graph", "--list"]) == 0
    listing = capsys.readouterr().out
    for name in ("worked-network", "softplus", "sigmoid", "relu-layer"):
        assert "  " + name in listing
    assert main(["graph", "sigmoid"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("#1 y = **-1  data=")
    for name in ("a = +", "b = exp", "c = *", "e = +", "w1 = leaf", "x2 = leaf"):
        assert name in text


@pytest.mark.parametrize("name", list(GRAPHS))
def test_every_named_graph_draws(name):
    root = GRAPHS[name][0]()
    n = len(root._topo())
    check_picture(draw(root).svg, n)
    assert all(v.label for v in root._topo()), "every node labelled"


def test_the_committed_picture_is_what_the_command_draws():
    """Remake it with: python -m minigrad graph worked-network --svg docs/worked_network.svg"""
    with open(os.path.join(ROOT, "docs", "worked_network.svg"), encoding="utf-8") as f:
        assert f.read() == draw(worked_network()).svg


def test_micrograds_own_value_draws_the_same_way():
    """The real micrograd (installed only where someone benchmarks against it)."""
    engine = pytest.importorskip("micrograd.engine")
    a, b = engine.Value(2.0), engine.Value(-3.0)
    a.label, b.label = "a", "b"
    c = (a * b + a).relu()
    c.backward()
    svg = draw(c).svg
    ET.fromstring(svg)
    assert ">a<" in svg or "a |" in svg or "a</text>" in svg
    assert svg == draw(c).svg
