"""Tests for minigrad.plot: ASCII and SVG pictures.

Oracles: cell positions worked out from the grid geometry (a straight line
with one point per row lands on the diagonal; the boundary x0 = 0 splits a
symmetric grid in half); XML well-formedness by xml.etree; SVG coordinates
recomputed from the documented margins.
"""

import xml.etree.ElementTree as ET

import pytest

from minigrad.engine import Value
from minigrad.plot import (ascii_decision_boundary, ascii_loss_curve, save_svg,
                           svg_decision_boundary, svg_loss_curve)

SVG = "{http://www.w3.org/2000/svg}"


def plot_rows(text):
    """The rows between the first two '+---' borders, without the side bars."""
    lines = text.splitlines()
    first = next(i for i, s in enumerate(lines) if s.startswith("+"))
    last = next(i for i, s in enumerate(lines) if i > first and s.startswith("+"))
    return [s[1:-1] for s in lines[first + 1:last]]


# -- ASCII loss curve --

@pytest.mark.parametrize("n", [2, 5, 9])
def test_loss_curve_straight_line_is_the_diagonal(n):
    # losses n-1, n-2, ..., 0 with height = width = n: epoch i sits on row i.
    text = ascii_loss_curve([float(n - 1 - i) for i in range(n)], width=n, height=n)
    rows = [line.split("|", 1)[1] for line in text.splitlines()[1:1 + n]]
    for i in range(n):
        assert rows[i].rstrip() == " " * i + "*"
    assert text.splitlines()[1].split("|")[0].strip() == "%.4g" % (n - 1)  # top label = max
    assert text.splitlines()[n].split("|")[0].strip() == "0"               # bottom = min


def test_loss_curve_resamples_long_histories():
    losses = [1.0 / (1 + i) for i in range(1000)]
    text = ascii_loss_curve(losses, width=50, height=10)
    rows = [line.split("|", 1)[1] for line in text.splitlines()[1:11]]
    assert max(len(r) for r in rows) == 50
    assert sum(r.count("*") for r in rows) == 50  # one star per column
    assert rows[0][0] == "*" and rows[-1][-1] == "*"  # first epoch on top, last at the bottom
    assert "epochs 1..1000" in text


def test_loss_curve_constant_and_log():
    text = ascii_loss_curve([2.0, 2.0, 2.0], width=3, height=4)
    assert text.splitlines()[4].endswith("***")  # all on the bottom row
    text = ascii_loss_curve([100.0, 10.0, 1.0], width=3, height=3, log=True)
    rows = [line.split("|", 1)[1] for line in text.splitlines()[1:4]]
    assert rows == ["*", " *", "  *"]  # equal steps in log10: 2, 1, 0
    assert "log scale" in text


def test_loss_curve_deterministic():
    losses = [0.3, 0.2, 0.25, 0.1]
    assert ascii_loss_curve(losses) == ascii_loss_curve(list(losses))


# -- ASCII decision boundary --

def test_decision_boundary_half_planes_and_points():
    X = [[0.95, 0.95], [-0.95, -0.95], [0.05, -0.95]]
    y = [1, -1, 0]
    text = ascii_decision_boundary(lambda x: x[0], X, y, width=20, height=10,
                                   bounds=(-1.0, 1.0, -1.0, 1.0))
    rows = plot_rows(text)
    assert len(rows) == 10 and all(len(r) == 20 for r in rows)
    # cell centres x0 = -0.95, -0.85, ..., 0.95: the first 10 columns are negative
    assert rows[4] == " " * 10 + "." * 10
    assert rows[0][19] == "O"   # (0.95, 0.95): top right
    assert rows[9][0] == "X"    # (-0.95, -0.95): bottom left
    assert rows[9][10] == "X"   # (0.05, -0.95), label 0 counts as negative
    assert rows[9][:10] == "X" + " " * 9


def test_decision_boundary_accepts_values_and_threshold():
    X, y = [[0.0, 0.0]], [1]
    b = (-1.0, 1.0, -1.0, 1.0)
    # a Value score (an MLP returns one), and a probability with threshold 0.5
    t1 = ascii_decision_boundary(lambda x: Value(x[1]), X, y, width=4, height=4, bounds=b)
    t2 = ascii_decision_boundary(lambda x: 0.5 + 0.1 * x[1], X, y, width=4, height=4, bounds=b,
                                 threshold=0.5)
    # (0, 0) is on a cell corner; it goes to the cell below-right: row 2, column 2
    assert plot_rows(t1) == plot_rows(t2) == ["....", "....", "  O ", "    "]


def test_decision_boundary_mixed_cell():
    text = ascii_decision_boundary(lambda x: -1.0, [[0.1, 0.1], [0.12, 0.12]], [1, -1],
                                   width=2, height=2, bounds=(-1.0, 1.0, -1.0, 1.0))
    assert plot_rows(text)[0] == " #"


def test_decision_boundary_default_bounds_cover_the_points():
    X = [[-3.0, 2.0], [5.0, -1.0]]
    text = ascii_decision_boundary(lambda x: 1.0, X, [1, -1], width=30, height=10)
    rows = plot_rows(text)
    assert "".join(rows).count("O") == 1 and "".join(rows).count("X") == 1
    assert "x0 in [-3.80, 5.80]" in text  # 10% of the 8-wide range on each side


# -- SVG --

def test_svg_loss_curve_well_formed_and_coordinates():
    losses = [4.0, 3.0, 1.0, 0.0]
    text = svg_loss_curve(losses, width=480, height=300)
    root = ET.fromstring(text)
    assert root.tag == SVG + "svg"
    assert root.get("width") == "480" and root.get("height") == "300"
    (poly,) = root.iter(SVG + "polyline")
    pts = [tuple(map(float, p.split(","))) for p in poly.get("points").split()]
    assert len(pts) == 4
    # plot area: left 60, right 15, top 30, bottom 35 -> 405 x 235
    for i, (px, py) in enumerate(pts):
        assert px == pytest.approx(60 + 405 * i / 3, abs=0.006)
        assert py == pytest.approx(30 + 235 * (4.0 - losses[i]) / 4.0, abs=0.006)
    assert svg_loss_curve(losses) == svg_loss_curve(list(losses))


def test_svg_title_is_escaped():
    text = svg_loss_curve([1.0, 0.5], title="a < b & c")
    root = ET.fromstring(text)
    assert any(t.text == "a < b & c" for t in root.iter(SVG + "text"))


def test_svg_decision_boundary_regions_and_points(tmp_path):
    X = [[-1.0, -1.0], [1.0, 1.0], [0.5, -0.5]]
    y = [-1, 1, 1]
    text = svg_decision_boundary(lambda x: x[0], X, y, width=200, height=200, resolution=20,
                                 bounds=(-2.0, 2.0, -2.0, 2.0))
    path = save_svg(str(tmp_path / "b.svg"), text)
    root = ET.parse(path).getroot()
    circles = list(root.iter(SVG + "circle"))
    assert len(circles) == 2  # the positive points
    # point (1, 1) in bounds [-2, 2]^2 on a 200 x 200 canvas: (150, 50)
    assert {(float(c.get("cx")), float(c.get("cy"))) for c in circles} == {(150.0, 50.0),
                                                                          (125.0, 125.0)}
    regions = [r for r in root.iter(SVG + "rect") if r.get("fill") in ("#cfe2ff", "#ffd6cc")]
    # x0 > 0 is the right half: each of the 20 rows is one red run then one blue run
    assert len(regions) == 40
    blue = [r for r in regions if r.get("fill") == "#cfe2ff"]
    assert all(float(r.get("x")) == 100.0 for r in blue)
    negatives = [r for r in root.iter(SVG + "rect") if r.get("width") == "7"]
    assert len(negatives) == 1
    assert float(negatives[0].get("x")) + 3.5 == 50.0  # (-1, -1) -> (50, 150)
    assert text == svg_decision_boundary(lambda x: x[0], X, y, width=200, height=200,
                                         resolution=20, bounds=(-2.0, 2.0, -2.0, 2.0))


# -- bad input --

def test_bad_input():
    with pytest.raises(ValueError, match="non-empty"):
        ascii_loss_curve([])
    with pytest.raises(ValueError, match=r"losses\[1\] = nan"):
        ascii_loss_curve([1.0, float("nan")])
    with pytest.raises(ValueError, match=r"losses\[0\] = 0.0: log scale"):
        svg_loss_curve([0.0, 1.0], log=True)
    with pytest.raises(ValueError, match=r"y\[1\] = 2"):
        ascii_decision_boundary(lambda x: 0.0, [[0, 0], [1, 1]], [1, 2])
    with pytest.raises(ValueError, match=r"X\[0\] = \[0, 0, 0\] is not a 2-D point"):
        svg_decision_boundary(lambda x: 0.0, [[0, 0, 0]], [1])
    with pytest.raises(ValueError, match="2 points but y has 1"):
        ascii_decision_boundary(lambda x: 0.0, [[0, 0], [1, 1]], [1])
    with pytest.raises(TypeError, match="must return a number"):
        ascii_decision_boundary(lambda x: "yes", [[0, 0]], [1])
    with pytest.raises(ValueError, match="width"):
        ascii_loss_curve([1.0], width=1)
    with pytest.raises(ValueError, match="save_svg"):
        save_svg("/tmp/never-written.svg", "not svg")
