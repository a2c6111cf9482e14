"""Pictures without third-party packages: ASCII for the terminal, SVG for a browser.

* :func:`ascii_loss_curve` and :func:`svg_loss_curve`: the loss per epoch of
  the training loop (seed 000, "Training Neural Networks").
* :func:`ascii_decision_boundary` and :func:`svg_decision_boundary`: the sign
  of a 2-D classifier's score ``z = f(x)`` over a grid, with the data points
  on top. A point is drawn as positive when its label is ``> 0`` (so both
  ``+1/-1`` and ``1/0`` labels work); a grid cell is positive when
  ``float(predict(x)) > threshold`` (``threshold=0`` for a score ``z``, as the
  perceptron's ``sign(z)``; use ``0.5`` for a probability).

All output is deterministic text (numbers printed with fixed precision), so
two runs with the same inputs give identical files.

>>> print(ascii_loss_curve([4.0, 2.0, 1.0, 0.5], width=4, height=3))
loss (epochs 1..4)
       4 |*
         | *
     0.5 |  **
         +----
          1  4
"""

import math
import numbers

from minigrad.base import paired_lists, xml_text

__all__ = [
    "ascii_loss_curve", "ascii_decision_boundary",
    "svg_loss_curve", "svg_decision_boundary", "save_svg",
]

POS_POINT, NEG_POINT = "O", "X"
POS_REGION, NEG_REGION = ".", " "
POS_FILL, NEG_FILL = "#cfe2ff", "#ffd6cc"  # light blue / light red regions
POS_DOT, NEG_DOT = "#1f4fbf", "#c0392b"


# -- input checks --

def _check_losses(losses, log):
    if isinstance(losses, (str, bytes)) or not hasattr(losses, "__len__") or len(losses) == 0:
        raise ValueError("losses must be a non-empty list of numbers, got %r" % (losses,))
    out = []
    for i, v in enumerate(losses):
        if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
            raise ValueError("losses[%d] = %r is not a finite number" % (i, v))
        if log and v <= 0:
            raise ValueError("losses[%d] = %r: log scale needs losses > 0" % (i, v))
        out.append(math.log10(v) if log else float(v))
    return out


def _check_size(value, name, lo):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < lo:
        raise ValueError("%s must be an int >= %d, got %r" % (name, lo, value))
    return int(value)


def _check_points(X, y):
    paired_lists(X, y, "points")
    if len(X) == 0:
        raise ValueError("X is empty: need at least one point to set the plot bounds")
    pts = []
    for j, (x, t) in enumerate(zip(X, y)):
        if isinstance(x, (str, bytes)) or not hasattr(x, "__len__") or len(x) != 2:
            raise ValueError("X[%d] = %r is not a 2-D point [x0, x1]" % (j, x))
        for v in x:
            if isinstance(v, bool) or not isinstance(v, numbers.Real) or not math.isfinite(v):
                raise ValueError("X[%d] = %r has a coordinate that is not a finite number"
                                 % (j, x))
        if isinstance(t, bool) or t not in (-1, 0, 1):
            raise ValueError("y[%d] = %r is not a label in {-1, +1} or {0, 1}" % (j, t))
        pts.append((float(x[0]), float(x[1]), t > 0))
    return pts


def _plot_box(pts, bounds):
    """``bounds`` (x0_min, x0_max, x1_min, x1_max) checked, or the data's box + 10%."""
    lo0, hi0, lo1, hi1 = bounds if bounds is not None else _bounds(pts)
    if not (hi0 > lo0 and hi1 > lo1):
        raise ValueError("bounds must satisfy x0_min < x0_max and x1_min < x1_max, got %r"
                         % ((lo0, hi0, lo1, hi1),))
    return lo0, hi0, lo1, hi1


def _bounds(pts, pad=0.1):
    """The data's bounding box, enlarged by ``pad`` of its size on each side."""
    lo0, hi0 = min(p[0] for p in pts), max(p[0] for p in pts)
    lo1, hi1 = min(p[1] for p in pts), max(p[1] for p in pts)
    d0 = (hi0 - lo0) or 2.0
    d1 = (hi1 - lo1) or 2.0
    return lo0 - pad * d0, hi0 + pad * d0, lo1 - pad * d1, hi1 + pad * d1


def _score(predict, x, threshold):
    z = predict(x)
    try:
        z = float(z)
    except (TypeError, ValueError):
        raise TypeError("predict(%r) must return a number (or a Value), got %r" % (x, z)) from None
    return z > threshold


def _resample(values, cols):
    """``cols`` values picked evenly from ``values`` (first and last included)."""
    n = len(values)
    if cols == 1:
        return [values[-1]]
    return [values[int(round(c * (n - 1) / (cols - 1)))] for c in range(cols)]


# -- ASCII --

def ascii_loss_curve(losses, width=60, height=12, log=False, title="loss"):
    """The loss per epoch as a text plot: one ``*`` per column, top = max, bottom = min.

    With more epochs than ``width`` the curve is sampled evenly (first and last
    epoch always shown). ``log=True`` plots log10(loss).
    """
    vals = _check_losses(losses, log)
    width = _check_size(width, "width", 2)
    height = _check_size(height, "height", 2)
    n = len(vals)
    cols = min(width, n)
    col_vals = _resample(vals, cols)
    hi, lo = max(vals), min(vals)
    grid = [[" "] * cols for _ in range(height)]
    for c, v in enumerate(col_vals):
        r = height - 1 if hi == lo else int(round((hi - v) / (hi - lo) * (height - 1)))
        grid[r][c] = "*"
    fmt = (lambda v: "1e%.3g" % v) if log else (lambda v: "%.4g" % v)
    lines = ["%s (epochs 1..%d%s)" % (title, n, ", log scale" if log else "")]
    for r in range(height):
        label = fmt(hi) if r == 0 else fmt(lo) if r == height - 1 else ""
        lines.append("%8s |%s" % (label, "".join(grid[r])))
    lines.append("%8s +%s" % ("", "-" * cols))
    last = str(n)
    axis = "1" + " " * max(1, cols - 1 - len(last)) + last if cols > 1 else last
    lines.append("%8s  %s" % ("", axis))
    return "\n".join(line.rstrip() for line in lines)


def ascii_decision_boundary(predict, X, y, width=60, height=24, threshold=0.0, bounds=None):
    """The classifier's decision regions as text, with the data points on top.

    Each character is one grid cell; its centre ``x`` is classified by
    ``float(predict(x)) > threshold``: positive cells are ``'.'``, negative
    cells blank. Points: ``'O'`` label > 0, ``'X'`` otherwise (a cell holding
    both classes shows ``'#'``). x0 grows to the right, x1 upwards.
    ``bounds = (x0_min, x0_max, x1_min, x1_max)``, default: the data's box + 10%.
    """
    pts = _check_points(X, y)
    width = _check_size(width, "width", 2)
    height = _check_size(height, "height", 2)
    lo0, hi0, lo1, hi1 = _plot_box(pts, bounds)
    dx, dy = (hi0 - lo0) / width, (hi1 - lo1) / height
    grid = []
    for r in range(height):
        x1 = hi1 - (r + 0.5) * dy
        grid.append([POS_REGION if _score(predict, [lo0 + (c + 0.5) * dx, x1], threshold)
                     else NEG_REGION for c in range(width)])
    for x0, x1, pos in pts:
        c = int((x0 - lo0) / dx)
        r = int((hi1 - x1) / dy)
        if 0 <= r < height and 0 <= c < width:
            mark = POS_POINT if pos else NEG_POINT
            old = grid[r][c]
            grid[r][c] = "#" if old in (POS_POINT, NEG_POINT) and old != mark else mark
    border = "+" + "-" * width + "+"
    lines = [border] + ["|" + "".join(row) + "|" for row in grid] + [border]
    lines.append("x0 in [%.2f, %.2f] (right), x1 in [%.2f, %.2f] (up)" % (lo0, hi0, lo1, hi1))
    lines.append("'%s' predicted positive region   %s label > 0   %s label <= 0"
                 % (POS_REGION, POS_POINT, NEG_POINT))
    return "\n".join(lines)


# -- SVG --

def _f(v):
    """Fixed-precision number for deterministic SVG text."""
    s = "%.2f" % v
    return "0.00" if s == "-0.00" else s


def _svg_open(width, height):
    return ['<?xml version="1.0" encoding="UTF-8"?>',
            '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">'
            % (width, height, width, height),
            '<rect x="0" y="0" width="%d" height="%d" fill="white"/>' % (width, height)]


def svg_loss_curve(losses, width=480, height=300, log=False, title="loss"):
    """An SVG document (a str) with the loss per epoch as a polyline, axes and labels."""
    vals = _check_losses(losses, log)
    width = _check_size(width, "width", 120)
    height = _check_size(height, "height", 100)
    left, right, top, bottom = 60, 15, 30, 35
    pw, ph = width - left - right, height - top - bottom
    n = len(vals)
    hi, lo = max(vals), min(vals)
    span = (hi - lo) or 1.0

    def px(i):
        return left + (pw * i / (n - 1) if n > 1 else pw / 2.0)

    def py(v):
        return top + ph * (hi - v) / span if hi != lo else top + ph / 2.0

    fmt = (lambda v: "1e%.3g" % v) if log else (lambda v: "%.4g" % v)
    out = _svg_open(width, height)
    out.append('<text x="%d" y="18" font-weight="bold">%s</text>'
               % (left, xml_text(title + (" (log10)" if log else ""))))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
               % (left, top, left, top + ph))
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
               % (left, top + ph, left + pw, top + ph))
    out.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (left - 5, top + 4, xml_text(fmt(hi))))
    out.append('<text x="%d" y="%d" text-anchor="end">%s</text>'
               % (left - 5, top + ph + 4, xml_text(fmt(lo))))
    out.append('<text x="%d" y="%d" text-anchor="middle">1</text>' % (left, top + ph + 16))
    out.append('<text x="%d" y="%d" text-anchor="middle">%d</text>' % (left + pw, top + ph + 16, n))
    out.append('<text x="%s" y="%d" text-anchor="middle">epoch</text>'
               % (_f(left + pw / 2.0), height - 5))
    points = " ".join("%s,%s" % (_f(px(i)), _f(py(v))) for i, v in enumerate(vals))
    out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
               % (POS_DOT, points))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def svg_decision_boundary(predict, X, y, width=400, height=400, resolution=60,
                          threshold=0.0, bounds=None, title=None):
    """An SVG document (a str): predicted regions on a ``resolution``-wide grid, points on top.

    Regions: light blue where ``float(predict(x)) > threshold``, light red
    elsewhere (runs of equal cells in a row are merged into one rectangle).
    Points: blue circles for label > 0, red squares otherwise.
    """
    pts = _check_points(X, y)
    width = _check_size(width, "width", 50)
    height = _check_size(height, "height", 50)
    resolution = _check_size(resolution, "resolution", 2)
    lo0, hi0, lo1, hi1 = _plot_box(pts, bounds)
    top = 25 if title else 0
    ph = height - top
    cols = resolution
    rows = max(2, int(round(resolution * ph / float(width))))
    cw, ch = width / float(cols), ph / float(rows)
    dx, dy = (hi0 - lo0) / cols, (hi1 - lo1) / rows
    out = _svg_open(width, height)
    if title:
        out.append('<text x="5" y="17" font-weight="bold">%s</text>' % xml_text(title))
    out.append("<g shape-rendering=\"crispEdges\">")
    for r in range(rows):
        x1 = hi1 - (r + 0.5) * dy
        row = [_score(predict, [lo0 + (c + 0.5) * dx, x1], threshold) for c in range(cols)]
        c = 0
        while c < cols:
            k = c
            while k < cols and row[k] == row[c]:
                k += 1
            out.append('<rect x="%s" y="%s" width="%s" height="%s" fill="%s"/>'
                       % (_f(c * cw), _f(top + r * ch), _f((k - c) * cw + 0.5), _f(ch + 0.5),
                          POS_FILL if row[c] else NEG_FILL))
            c = k
    out.append("</g>")

    def sx(v):
        return (v - lo0) / (hi0 - lo0) * width

    def sy(v):
        return top + (hi1 - v) / (hi1 - lo1) * ph

    for x0, x1, pos in pts:
        if pos:
            out.append('<circle cx="%s" cy="%s" r="4" fill="%s" stroke="white"/>'
                       % (_f(sx(x0)), _f(sy(x1)), POS_DOT))
        else:
            out.append('<rect x="%s" y="%s" width="7" height="7" fill="%s" stroke="white"/>'
                       % (_f(sx(x0) - 3.5), _f(sy(x1) - 3.5), NEG_DOT))
    out.append("</svg>")
    return "\n".join(out) + "\n"


def save_svg(path, svg):
    """Write an SVG document (from ``svg_*``) to ``path`` (UTF-8); returns ``path``."""
    if not isinstance(svg, str) or "<svg" not in svg:
        raise ValueError("save_svg needs the SVG text from svg_loss_curve / "
                         "svg_decision_boundary, got %r" % (str(svg)[:60],))
    with open(path, "w", encoding="utf-8") as f:
        f.write(svg)
    return path
