"""A picture of the computational graph, as SVG, with nothing installed.

``minigrad.draw(root)`` draws the graph that ends at ``root`` the way
micrograd's ``draw_dot`` does with Graphviz, but in pure Python: one box per
Value (``label | data 2.0000 | grad -3.0000``), a small ellipse for the op
that made it, and arrows from the inputs to the op to its output.

>>> from minigrad import Value, draw
>>> a = Value(2.0, label="a"); b = Value(-3.0, label="b")
>>> c = a * b; c.label = "c"
>>> c.backward()
>>> picture = draw(c)
>>> picture
<Drawing: 3 Values, 1 op, 3 edges, ...px>
>>> print(picture.svg.splitlines()[0])                   # doctest: +ELLIPSIS
<svg xmlns="http://www.w3.org/2000/svg" ...>
>>> "grad -3.0000" in picture.svg                         # dc/da = b
True

``picture.save("graph.svg")`` writes the file (open it in a browser);
in Jupyter the picture shows itself (``_repr_svg_``). The same picture of
any of the lectures' graphs: ``python -m minigrad graph worked-network --svg
f.svg``.

How the picture is laid out (a *layered* drawing, as Graphviz's ``dot``):

1. **Layers.** Every box and op sits in a column (a row with
   ``rankdir="TB"``). Its depth is the longest path from the leaves; then
   every node slides right until it sits just before its first consumer, so
   a weight is drawn next to the multiplication that uses it. Edges always
   run from one layer to a later one.
2. **Long edges** that skip layers get invisible bend points, one per layer
   they cross, so that they are routed around the boxes.
3. **Order within a layer**: starting from the graph's own order (first
   input on top), a few sweeps of the *barycenter* heuristic (each node moves
   to the mean position of its neighbours in the previous layer) reduce
   crossings; the order with the fewest crossings is kept.
4. **Positions**: each node moves towards the mean of its neighbours, then
   the layer is packed again so that nothing overlaps (boxes keep a gap).

Text width is estimated from the number of characters in a monospace font
(0.6 em each, with a little slack), so text always fits its box. Everything
depends only on the graph, never on ``id()`` or set order: the same graph
gives byte-identical SVG on every run.

Large graphs: at most :data:`MAX_VALUES` Values are drawn, the ones nearest
the output (breadth-first from ``root``); a note in the picture says how many
were left out, and an op whose inputs were cut is drawn dashed.

Any object with micrograd's attributes (``data``, ``grad``, ``_prev``,
``_op``, optionally ``label``) can be drawn, so a student's own Value and
micrograd's ``Value`` look the same (see :mod:`minigrad.viz`).
"""

import unicodedata

from minigrad.base import xml_text
from minigrad.viz import check_value_like, inputs_of, label_of, op_label, topo_order

__all__ = ["draw", "Drawing", "MAX_VALUES"]

MAX_VALUES = 400  # Values drawn at most; a bigger graph shows the part nearest the output

FONT_SIZE = 12
CHAR_WIDTH = 0.62 * FONT_SIZE  # a monospace character is 0.6 em wide; 0.62 leaves slack
CELL_PAD = 7                   # space left and right of the text in a box's cell
BOX_HEIGHT = 26
OP_HEIGHT = 26
NODE_GAP = 16                  # between two boxes of one layer
BEND_GAP = 7                   # next to the bend point of a long edge
LAYER_GAP = {"LR": 44, "TB": 40}
MARGIN = 12
NOTE_HEIGHT = 24
SWEEPS = 8                     # barycenter sweeps (each one down and one up)
STRAIGHTEN_ROUNDS = 12         # rounds of "move towards the neighbours, then pack"

FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace"
EDGE_COLOR = "#555555"


class Drawing:
    """An SVG picture: ``.svg`` (the text), ``.save(path)``, shown inline by Jupyter."""

    def __init__(self, svg, values, ops, edges, width, height, left_out=0):
        self.svg = svg
        self.values, self.ops, self.edges = values, ops, edges
        self.width, self.height = width, height
        self.left_out = left_out

    def save(self, path):
        """Write the SVG to ``path`` (UTF-8) and return ``path``."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.svg)
        return path

    def _repr_svg_(self):
        return self.svg

    def __repr__(self):
        cut = ", %d left out" % self.left_out if self.left_out else ""
        return "<Drawing: %d Value%s, %d op%s, %d edge%s%s, %dx%d px>" % (
            self.values, "" if self.values == 1 else "s", self.ops, "" if self.ops == 1 else "s",
            self.edges, "" if self.edges == 1 else "s", cut, self.width, self.height)


def draw(root, show_grad=True, rankdir="LR"):
    """Draw the graph that ends at ``root``; returns a :class:`Drawing`.

    ``show_grad`` adds each node's grad to its box; ``rankdir`` is ``"LR"``
    (inputs on the left, output on the right) or ``"TB"`` (top to bottom).

    >>> from minigrad import Value
    >>> a = Value(1.5, label="a")
    >>> d = draw(a + a, show_grad=False, rankdir="TB")   # a shared input: two edges
    >>> d.svg.count('class="edge"')
    3
    >>> draw(a, rankdir="RL")
    Traceback (most recent call last):
    ...
    ValueError: draw(): rankdir must be 'LR' or 'TB', got 'RL'
    """
    check_value_like(root, "draw()")
    if rankdir not in ("LR", "TB"):
        raise ValueError("draw(): rankdir must be 'LR' or 'TB', got %r" % (rankdir,))
    if not isinstance(show_grad, bool):
        raise TypeError("draw(): show_grad must be True or False, got %r" % (show_grad,))
    fingerprints = {}
    kept, left_out = _nearest_values(root, MAX_VALUES, fingerprints)
    nodes = topo_order(root, within=kept)
    items, edges = _items_and_edges(nodes, kept, show_grad, fingerprints)
    _assign_layers(items)
    layers = _split_long_edges(items, edges)
    _order_layers(layers, items[-1])
    _place(layers, rankdir)
    placed = [item for layer in layers for item in layer]  # the items and the bend points
    width, height = _fit_to_page(placed, rankdir, note=bool(left_out))
    svg = _svg(items, edges, _bands(placed, rankdir), rankdir, width, height, left_out,
               len(kept))
    values = sum(1 for item in items if item.kind == "value")
    ops = sum(1 for item in items if item.kind == "op")
    return Drawing(svg, values, ops, len(edges), width, height, left_out)


# -- 0. which Values: all of them, or the MAX_VALUES nearest the output --

def _nearest_values(root, limit, fingerprints):
    """``({id(node) for the kept nodes}, how many were left out)``, breadth-first from root."""
    kept = {id(root)}
    seen = {id(root)}
    queue = [root]
    head = 0
    while head < len(queue):
        node = queue[head]
        head += 1
        for child in inputs_of(node, fingerprints):
            if id(child) not in seen:
                seen.add(id(child))
                queue.append(child)
                if len(kept) < limit:
                    kept.add(id(child))
        if len(kept) >= limit and head >= limit:
            queue[:head] = []  # keep counting, without holding every node
            head = 0
    return kept, len(seen) - len(kept)


# -- 1. the things to place: a box per Value, an ellipse per op --

class _Item:
    """A box (a Value), an ellipse (the op that made it) or a bend point of a long edge."""

    __slots__ = ("kind", "name", "cells", "text", "title", "labelled", "leaf", "width", "height",
                 "cut", "layer", "preds", "succs", "pos", "order", "rank")

    def __init__(self, kind, name, cells=(), text="", width=0.0, height=0.0):
        self.kind, self.name = kind, name
        self.cells, self.text = cells, text   # a box's cells; an op's text
        self.title = text                     # the tooltip
        self.labelled = self.leaf = False
        self.width, self.height = width, height
        self.cut = False          # an op some of whose inputs were left out
        self.layer = 0
        self.preds, self.succs = [], []   # neighbours in the previous / next layer
        self.pos = 0              # index within its layer
        self.order = 0.0          # centre across the layers (y for LR, x for TB)
        self.rank = 0.0           # centre along the layers (x for LR, y for TB)


class _Edge:
    """An arrow from an input's box to an op, or from an op to its Value's box."""

    __slots__ = ("hops", "start_offset", "end_offset")

    def __init__(self, source, target):
        self.hops = [source, target]      # bend points are inserted in between
        self.start_offset = self.end_offset = 0.0
        source.succs.append(target)
        target.preds.append(source)


def _number(x):
    """A Value's number as micrograd shows it: 4 decimals (exponent form if huge)."""
    try:
        x = float(x)
    except (TypeError, ValueError):
        return str(x)
    return "%.4f" % x if abs(x) < 1e6 else "%.4e" % x


def _text_width(text):
    """Width in pixels of ``text`` in the monospace font (wide CJK characters count 2)."""
    columns = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        columns += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return columns * CHAR_WIDTH


def _value_item(node, name, show_grad, leaf):
    """A Value's box: cells ``label``, ``data 2.0000``, ``grad -3.0000``."""
    label = label_of(node)
    cells = [label] if label else []
    cells.append("data %s" % _number(node.data))
    if show_grad:
        cells.append("grad %s" % _number(node.grad))
    width = sum(_text_width(c) + 2 * CELL_PAD for c in cells)
    item = _Item("value", name, cells=tuple(cells), width=width, height=BOX_HEIGHT)
    item.title = "%sdata=%r grad=%r" % (label + ": " if label else "", node.data, node.grad)
    item.labelled, item.leaf = bool(label), leaf
    return item


def _op_item(node, name):
    """The ellipse of the op that made ``node``: ``*``, ``tanh``, ``**2`` ..."""
    text = op_label(node)
    width = max(OP_HEIGHT + 6, _text_width(text) + 2 * CELL_PAD + 6)
    return _Item("op", name, text=text, width=width, height=OP_HEIGHT)


def _items_and_edges(nodes, kept, show_grad, fingerprints):
    """Items in topological order (an op just before its Value; ``root`` last) and edges."""
    items, edges, box_of = [], [], {}
    for k, node in enumerate(nodes):
        inputs = inputs_of(node, fingerprints)
        box = _value_item(node, "v%d" % k, show_grad, leaf=not inputs)
        if inputs:
            op = _op_item(node, "v%d_op" % k)
            for child in inputs:
                if id(child) in kept:
                    edges.append(_Edge(box_of[id(child)], op))
                else:
                    op.cut = True
            items.append(op)
            edges.append(_Edge(op, box))
        items.append(box)
        box_of[id(node)] = box
    return items, edges


# -- 2. layers --

def _assign_layers(items):
    """Longest path from the leaves, then slide every node right up to its first consumer.

    ``items`` are in topological order, so one pass forwards gives each item
    its depth (1 + the deepest input) and one pass backwards moves it to just
    before the earliest item that uses it (a whole private subtree, such as
    ``w * x`` with its leaves, slides along with its consumer).
    """
    for item in items:  # inputs first
        item.layer = 1 + max(p.layer for p in item.preds) if item.preds else 0
    for item in reversed(items):  # outputs first
        if item.succs:
            item.layer = min(s.layer for s in item.succs) - 1
    lowest = min(item.layer for item in items)
    for item in items:
        item.layer -= lowest


def _split_long_edges(items, edges):
    """Bend points on edges that skip layers; returns the layers (lists of items).

    All the long edges leaving one item share one chain of bend points (its
    *trunk*) and branch off it one layer before their targets, so a node used
    all over the graph (a bias, a constant) costs one bend point per layer,
    not one per edge and layer.
    """
    for item in items:
        item.preds, item.succs = [], []
    trunks, bends = {}, []
    for edge in edges:
        source, target = edge.hops
        trunk = trunks.setdefault(id(source), [])
        while source.layer + 1 + len(trunk) < target.layer:  # grow the trunk as needed
            bend = _Item("bend", "%s_bend%d" % (source.name, len(trunk) + 1))
            bend.layer = source.layer + 1 + len(trunk)
            (trunk[-1] if trunk else source).succs.append(bend)
            bend.preds.append(trunk[-1] if trunk else source)
            trunk.append(bend)
            bends.append(bend)
        edge.hops = [source] + trunk[:target.layer - source.layer - 1] + [target]
        edge.hops[-2].succs.append(target)
        target.preds.append(edge.hops[-2])
    layers = [[] for _ in range(1 + max(item.layer for item in items))]
    for item in items + bends:
        layers[item.layer].append(item)
    return layers


# -- 3. order within each layer: fewer crossings --

def _order_layers(layers, root):
    """Graph order first, then barycenter sweeps; keeps the order with the fewest crossings."""
    _graph_order(layers, root)
    best, fewest = [list(layer) for layer in layers], _crossings(layers)
    for _ in range(SWEEPS):
        if fewest == 0:
            break
        for layer in layers[1:]:
            _sort_by_barycenter(layer, "preds")
        for layer in reversed(layers[:-1]):
            _sort_by_barycenter(layer, "succs")
        crossings = _crossings(layers)
        if crossings < fewest:
            best, fewest = [list(layer) for layer in layers], crossings
    for k, layer in enumerate(best):
        layers[k][:] = layer
        _number_positions(layers[k])


def _number_positions(layer):
    for i, item in enumerate(layer):
        item.pos = i


def _graph_order(layers, root):
    """Each layer in the order a depth-first walk back from ``root`` meets it.

    First input first, so the first input of an op is drawn above the second.
    """
    placed = set()
    ordered = [[] for _ in layers]
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in placed:
            continue
        placed.add(id(item))
        ordered[item.layer].append(item)
        stack.extend(reversed(item.preds))
    for k, layer in enumerate(layers):
        layer[:] = ordered[k] + [item for item in layer if id(item) not in placed]
        _number_positions(layer)


def _sort_by_barycenter(layer, side):
    """Sort ``layer`` by the mean position of each item's neighbours on ``side``.

    An item with no neighbours there keeps its own position as its key; the
    sort is stable, so ties keep their order.
    """
    def barycenter(item):
        neighbours = getattr(item, side)
        if not neighbours:
            return item.pos
        return sum(n.pos for n in neighbours) / float(len(neighbours))
    layer.sort(key=barycenter)
    _number_positions(layer)


def _crossings(layers):
    """How many pairs of edges cross between neighbouring layers.

    Two edges cross when their ends are in opposite orders: sort the edges by
    their upper end and count the inversions of their lower ends (with a
    Fenwick tree, n log n).
    """
    total = 0
    for layer, below in zip(layers, layers[1:]):
        ends = sorted((item.pos, nxt.pos) for item in layer for nxt in item.succs)
        tree = [0] * (len(below) + 1)  # a Fenwick tree of the ends seen so far
        for seen, (_, end) in enumerate(ends):
            i, not_greater = end + 1, 0
            while i > 0:
                not_greater += tree[i]
                i -= i & -i
            total += seen - not_greater
            i = end + 1
            while i <= len(below):
                tree[i] += 1
                i += i & -i
    return total


# -- 4. coordinates --

def _thickness(item, rankdir):
    """Size across the layers: height when the layers are columns (LR), else width."""
    return item.height if rankdir == "LR" else item.width


def _extent(item, rankdir):
    """Size along the layers: width when the layers are columns (LR), else height."""
    return item.width if rankdir == "LR" else item.height


def _gap(a, b):
    return BEND_GAP if a.kind == "bend" or b.kind == "bend" else NODE_GAP


def _place(layers, rankdir):
    """Centres of every item: across the layers by straightening, along them by band."""
    for layer in layers:
        _pack(layer, [0.0] * len(layer), rankdir)
    for k in range(STRAIGHTEN_ROUNDS):
        # towards the inputs on the way down, the outputs on the way back up;
        # the last two rounds towards both, to settle between them
        forward = k % 2 == 0
        sides = ("preds", "succs") if k >= STRAIGHTEN_ROUNDS - 2 else (
            ("preds",) if forward else ("succs",))
        for layer in (layers if forward else layers[::-1]):
            _pack(layer, [_mean_neighbour(item, sides) for item in layer], rankdir)
    start = 0.0
    for layer in layers:  # a band as wide as its widest item; items centred in it
        size = max([_extent(item, rankdir) for item in layer if item.kind != "bend"] or [0.0])
        for item in layer:
            item.rank = start + size / 2.0
        start += size + LAYER_GAP[rankdir]


def _mean_neighbour(item, sides):
    """Where ``item`` would like to be: the mean of its neighbours' centres (or where it is)."""
    neighbours = [n for side in sides for n in getattr(item, side)]
    if not neighbours:
        return item.order
    return sum(n.order for n in neighbours) / float(len(neighbours))


def _pack(layer, wanted, rankdir):
    """Centres as close as possible to ``wanted`` (least squares), in order, never overlapping.

    Subtracting the minimum offset of each item from the first turns "keep
    the gaps" into "non-decreasing", solved exactly by pooling adjacent
    violators: neighbours that want to be too close move as one block to the
    mean of what they want.
    """
    offsets, offset = [], 0.0
    for i, item in enumerate(layer):
        if i:
            prev = layer[i - 1]
            offset += ((_thickness(prev, rankdir) + _thickness(item, rankdir)) / 2.0
                       + _gap(prev, item))
        offsets.append(offset)
    blocks = []  # [sum of wanted positions, count]
    for want, off in zip(wanted, offsets):
        blocks.append([want - off, 1])
        while len(blocks) > 1 and blocks[-2][0] * blocks[-1][1] > blocks[-1][0] * blocks[-2][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    i = 0
    for total, count in blocks:
        for _ in range(count):
            layer[i].order = total / count + offsets[i]
            i += 1


def _fit_to_page(placed, rankdir, note):
    """Shift everything to start at the margin; returns the page's ``(width, height)``."""
    low = min(item.order - _thickness(item, rankdir) / 2.0 for item in placed)
    high = max(item.order + _thickness(item, rankdir) / 2.0 for item in placed)
    first = min(item.rank - _extent(item, rankdir) / 2.0 for item in placed)
    last = max(item.rank + _extent(item, rankdir) / 2.0 for item in placed)
    top = MARGIN + (NOTE_HEIGHT if note else 0)
    order_shift = (top if rankdir == "LR" else MARGIN) - low
    rank_shift = (MARGIN if rankdir == "LR" else top) - first
    for item in placed:
        item.order += order_shift
        item.rank += rank_shift
    along, across = last - first, high - low
    width, height = (along, across) if rankdir == "LR" else (across, along)
    return int(width + 2 * MARGIN + 0.999), int(height + top + MARGIN + 0.999)


def _unique(items):
    seen, out = set(), []
    for item in items:
        if id(item) not in seen:
            seen.add(id(item))
            out.append(item)
    return out


# -- 5. edges: ports, then a path through the bend points --

def _assign_ports(items, edges, rankdir):
    """Spread the ends of several edges leaving (or entering) one item, so each one shows.

    ``a + a`` sends two edges from ``a`` into ``+``: they leave ``a`` and
    enter ``+`` side by side, in the order of the items at their other ends.
    """
    leaving = {id(item): [] for item in items}
    entering = {id(item): [] for item in items}
    for k, edge in enumerate(edges):
        leaving[id(edge.hops[0])].append((edge.hops[1].order, k, edge))
        entering[id(edge.hops[-1])].append((edge.hops[-2].order, k, edge))
    for item in items:
        room = _thickness(item, rankdir) * (0.6 if item.kind == "op" else 0.8)
        for ends, attr in ((leaving[id(item)], "start_offset"),
                           (entering[id(item)], "end_offset")):
            ends.sort(key=lambda end: end[:2])
            port_key = _leaving_port if attr == "start_offset" else _entering_port
            ports = _unique([port_key(edge) for _, _, edge in ends])
            step = min(8.0, room / max(1, len(ports)))
            offset = {id(p): (i - (len(ports) - 1) / 2.0) * step for i, p in enumerate(ports)}
            for _, _, edge in ends:
                setattr(edge, attr, offset[id(port_key(edge))])


def _leaving_port(edge):
    """What an edge's start port is shared with: its trunk of bend points, if it has one."""
    return edge.hops[1] if edge.hops[1].kind == "bend" else edge


def _entering_port(edge):
    """Every edge gets its own end port (its own arrowhead)."""
    return edge


def _boundary(item, offset, rankdir, side):
    """Where an edge meets ``item`` at ``offset`` from its centre: rank coordinate.

    ``side`` is -1 (the edge enters, from the previous layer) or +1 (leaves).
    A box is met on its side; an op's ellipse on its curve.
    """
    half_along = _extent(item, rankdir) / 2.0
    if item.kind == "op":
        half_across = _thickness(item, rankdir) / 2.0
        t = min(1.0, abs(offset) / half_across)
        half_along *= (1.0 - t * t) ** 0.5
    return item.rank + side * half_along


def _segment(edge, i, bands, rankdir):
    """Path pieces from hop ``i`` of ``edge`` to hop ``i + 1``, as ``(kind, rank, order)`` points.

    Straight across hop i's band (from the item's side if it is the source),
    an S-curve to the next band, and into the target's side if hop i + 1 is
    the target.
    """
    hop, nxt = edge.hops[i], edge.hops[i + 1]
    source, target = edge.hops[0], edge.hops[-1]
    if hop is source:
        across = hop.order + edge.start_offset
        start = _boundary(hop, edge.start_offset, rankdir, +1)
    else:
        across, start = hop.order, bands[hop.layer][0]
    points = [("M", start, across), ("L", bands[hop.layer][1], across)]
    if nxt is target:
        points.append(("C", bands[nxt.layer][0], nxt.order + edge.end_offset))
        points.append(("L", _boundary(nxt, edge.end_offset, rankdir, -1),
                       nxt.order + edge.end_offset))
    else:
        points.append(("C", bands[nxt.layer][0], nxt.order))
    return points


def _edge_path(edge, bands, rankdir, trunk_drawn):
    """SVG path data for the part of ``edge`` not drawn yet (a trunk is drawn once).

    ``trunk_drawn`` maps a source to how many segments of its trunk of bend
    points are already in the picture; an edge draws the rest of the trunk
    it needs, then its own last segment into the target.
    """
    last = len(edge.hops) - 2  # the segment into the target; those before it are trunk
    source = id(edge.hops[0])
    first = min(trunk_drawn.get(source, 0), last)
    trunk_drawn[source] = max(trunk_drawn.get(source, 0), last)
    points = []
    for i in range(first, last + 1):
        segment = _segment(edge, i, bands, rankdir)
        points.extend(segment if not points else segment[1:])
    parts, r0, o0 = [], None, None
    for kind, r, o in points:
        if kind == "C":
            mid = (r0 + r) / 2.0
            parts.append("C%s %s %s" % (_xy(mid, o0, rankdir), _xy(mid, o, rankdir),
                                         _xy(r, o, rankdir)))
        elif kind == "M" or abs(r - r0) > 0.05:
            parts.append("%s%s" % (kind, _xy(r, o, rankdir)))
        r0, o0 = r, o
    return " ".join(parts)


def _xy(rank, order, rankdir):
    """A point as SVG ``x,y`` text (one decimal: the same bytes on every run)."""
    x, y = (rank, order) if rankdir == "LR" else (order, rank)
    return "%.1f,%.1f" % (x, y)


def _bands(items, rankdir):
    """``{layer: (start, end)}`` along the layers, from the items' centres and sizes."""
    bands = {}
    for item in items:
        half = _extent(item, rankdir) / 2.0 if item.kind != "bend" else 0.0
        start, end = bands.get(item.layer, (item.rank, item.rank))
        bands[item.layer] = (min(start, item.rank - half), max(end, item.rank + half))
    return bands


# -- 6. the SVG text --

_SVG_HEAD = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
             'viewBox="0 0 %d %d" font-family="%s" font-size="%d">')
_DEFS = ('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
         'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
         '<path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker></defs>' % EDGE_COLOR)


def _note(left_out, shown):
    return ("Showing the %d Values nearest the output; %d more were left out "
            "(dashed ops have inputs not drawn)." % (shown, left_out))


def _svg(items, edges, bands, rankdir, width, height, left_out, shown):
    _assign_ports(items, edges, rankdir)
    if left_out:
        width = max(width, int(_text_width(_note(left_out, shown)) + 2 * MARGIN + 1))
    lines = [_SVG_HEAD % (width, height, width, height, FONT, FONT_SIZE), _DEFS,
             '<rect class="background" x="0" y="0" width="%d" height="%d" fill="white"/>'
             % (width, height)]
    if left_out:
        lines.append('<text class="note" x="%d" y="%d" fill="#b00020">%s</text>'
                     % (MARGIN, MARGIN + FONT_SIZE, xml_text(_note(left_out, shown))))
    trunk_drawn = {}
    for edge in edges:
        lines.append('<path class="edge" data-from="%s" data-to="%s" d="%s" fill="none" '
                     'stroke="%s" stroke-width="1.2" marker-end="url(#arrow)"/>'
                     % (edge.hops[0].name, edge.hops[-1].name,
                        _edge_path(edge, bands, rankdir, trunk_drawn), EDGE_COLOR))
    root = items[-1]
    for item in items:
        if item.kind == "value":
            lines.extend(_value_svg(item, rankdir, is_root=item is root))
        else:
            lines.extend(_op_svg(item, rankdir))
    lines.append("</svg>")
    return "\n".join(lines) + "\n"


def _center(item, rankdir):
    return (item.rank, item.order) if rankdir == "LR" else (item.order, item.rank)


def _value_svg(item, rankdir, is_root):
    """A Value's box: ``label | data ... | grad ...``, one cell each."""
    cx, cy = _center(item, rankdir)
    x, y = cx - item.width / 2.0, cy - item.height / 2.0
    fill = "#e6f4ea" if is_root else "#e8f0fe" if item.leaf else "white"
    out = ['<g class="value" id="%s"><title>%s</title>' % (item.name, xml_text(item.title)),
           '<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="3" fill="%s" stroke="#333333"/>'
           % (x, y, item.width, item.height, fill)]
    left = x
    for i, cell in enumerate(item.cells):
        cell_width = _text_width(cell) + 2 * CELL_PAD
        if i:
            out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333333"/>'
                       % (left, y, left, y + item.height))
        weight = ' font-weight="bold"' if i == 0 and item.labelled else ""
        out.append('<text x="%.1f" y="%.1f" text-anchor="middle"%s>%s</text>'
                   % (left + cell_width / 2.0, cy + 0.35 * FONT_SIZE, weight, xml_text(cell)))
        left += cell_width
    out.append("</g>")
    return out


def _op_svg(item, rankdir):
    """An op's ellipse, dashed when some of its inputs were left out."""
    cx, cy = _center(item, rankdir)
    dash = ' stroke-dasharray="4 3"' if item.cut else ""
    return ['<g class="op" id="%s"><title>%s</title>' % (item.name, xml_text(item.text)),
            '<ellipse cx="%.1f" cy="%.1f" rx="%.1f" ry="%.1f" fill="#fff8e1" stroke="#333333"%s/>'
            % (cx, cy, item.width / 2.0, item.height / 2.0, dash),
            '<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>'
            % (cx, cy + 0.35 * FONT_SIZE, xml_text(item.text)),
            "</g>"]
