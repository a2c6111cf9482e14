"""Seeing the computational graph: Graphviz DOT text and a terminal tree.

Seed 001 (Kao) draws every computation as a graph of nodes and edges, with
the forward value above each edge and the backward gradient below it. These
two functions draw the graph a :class:`minigrad.Value` recorded, without any
dependency (plain text out):

* :func:`to_dot` -- Graphviz DOT, like micrograd's ``draw_dot``: one record
  per Value (its data and grad) and one small op node between an output and
  its inputs. Paste into ``dot -Tsvg`` or any online Graphviz viewer.
* :func:`tree` -- the same graph as an indented tree for the terminal.

* :func:`minigrad.draw` (module ``minigrad.drawing``) -- an SVG picture,
  laid out with nothing installed; it walks the graph with the helpers here.

All of them walk the graph iteratively (a chain a million nodes deep is fine)
and number nodes deterministically, never by ``id()``, so the text is the
same on every run. A node's ``label`` (``Value(2.0, label="x")``) is shown
wherever the node is.

They draw any *Value-like* object: one with micrograd's attributes ``data``,
``grad``, ``_prev`` (its inputs) and ``_op`` (and optionally ``label``), so a
student's own Value and micrograd's draw the same way. micrograd keeps
``_prev`` as a *set*, whose order changes from run to run; :func:`inputs_of`
puts such inputs in a fixed order (by a fingerprint of what each input is:
its data, label, op and, recursively, its inputs).

>>> from minigrad import Value
>>> x = Value(2.0); w = Value(-3.0)
>>> z = x * w + x
>>> z.backward()
>>> print(tree(z))
#1 +  data=-4 grad=1
├── #2 *  data=-6 grad=1
│   ├── #3 leaf  data=2 grad=-2
│   └── #4 leaf  data=-3 grad=2
└── (see #3)
"""

import hashlib

__all__ = ["to_dot", "tree", "topo_order", "inputs_of", "check_value_like", "label_of",
           "op_label"]


def _fmt(x):
    """A short, stable rendering of a float: 4 significant digits."""
    return "%.4g" % x


# -- walking any Value-like graph (shared with minigrad.drawing) --

def check_value_like(root, who):
    """``root`` itself if it looks like a Value, else a ``TypeError`` naming ``who``.

    >>> check_value_like(3, "draw()")
    Traceback (most recent call last):
    ...
    TypeError: draw() needs a Value-like object with data, grad, _prev, _op; got 3 (int)
    """
    if not all(hasattr(root, name) for name in ("data", "grad", "_prev", "_op")):
        raise TypeError("%s needs a Value-like object with data, grad, _prev, _op; got %r (%s)"
                        % (who, root, type(root).__name__))
    return root


def label_of(node):
    """The node's ``label`` as a string (``""`` when it has none)."""
    label = getattr(node, "label", "")
    if label is None:
        return ""
    return label if isinstance(label, str) else str(label)


def op_label(node):
    """The op as micrograd writes it: ``**2`` for a constant power."""
    op = node._op
    if op == "**" and getattr(node, "_exponent", None) is not None:
        return "**%s" % _fmt(node._exponent)
    return op if isinstance(op, str) else str(op)


def inputs_of(node, fingerprints=None):
    """The inputs of ``node`` as a tuple, in an order that is the same on every run.

    A tuple or list ``_prev`` (minigrad's) keeps its own order. A set
    (micrograd's) is sorted by each input's :func:`fingerprint`, never by
    ``id()``. ``fingerprints`` is a dict reused across calls as a cache.

    >>> class V:                     # micrograd keeps the inputs in a set
    ...     def __init__(self, data, prev=(), op=""):
    ...         self.data, self.grad, self._prev, self._op = data, 0.0, set(prev), op
    >>> a, b = V(2.0), V(-3.0)
    >>> [x.data for x in inputs_of(V(-6.0, (a, b), "*"))]
    [-3.0, 2.0]
    """
    prev = node._prev
    if isinstance(prev, (tuple, list)):
        return tuple(prev)
    if fingerprints is None:
        fingerprints = {}
    return tuple(sorted(prev, key=lambda child: fingerprint(child, fingerprints)))


def fingerprint(node, fingerprints=None):
    """A digest of what ``node`` computes: its data, label, op and its inputs' digests.

    Stable across runs (hashlib, not ``hash()``, which is salted per run);
    two nodes get the same digest only if they and everything below them
    look the same, and then their order does not change the picture. The
    walk is iterative, so deep graphs are fine.
    """
    if fingerprints is None:
        fingerprints = {}
    stack = [node]
    while stack:
        top = stack[-1]
        if id(top) in fingerprints:
            stack.pop()
            continue
        children = list(top._prev)
        pending = [c for c in children if id(c) not in fingerprints]
        if pending:
            stack.extend(pending)
            continue
        digests = [fingerprints[id(c)][0] for c in children]
        if not isinstance(top._prev, (tuple, list)):
            digests.sort()
        h = hashlib.blake2b(digest_size=16)
        h.update(("%r|%s|%s|" % (top.data, label_of(top), op_label(top))).encode("utf-8"))
        for d in digests:
            h.update(d)
        fingerprints[id(top)] = (h.digest(), top)  # keep top alive: ids stay unique
        stack.pop()
    return fingerprints[id(node)][0]


def topo_order(root, within=None):
    """Every node ``root`` depends on, inputs before the nodes that use them.

    Depth-first from ``root``, first input first, exactly the order of
    ``minigrad.engine.topo_sort`` (which it uses for minigrad's own Values); for any other
    Value-like object the same walk, with :func:`inputs_of`'s order.
    ``within``, a set of ``id()`` of nodes, stops the walk at the nodes
    outside it (``minigrad.draw`` uses it to draw part of a big graph).

    >>> from minigrad import Value
    >>> x = Value(2.0, label="x"); y = x * x + 1.0
    >>> [label_of(n) or n.data for n in topo_order(y)]
    ['x', 4.0, 1.0, 5.0]
    """
    from minigrad.engine import Value, topo_sort
    if type(root) is Value and within is None:
        return topo_sort(root)
    topo, seen, fingerprints = [], set(), {}
    stack = [(root, False)]
    while stack:
        node, inputs_done = stack.pop()
        if inputs_done:
            topo.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            for child in reversed(inputs_of(node, fingerprints)):
                if id(child) not in seen and (within is None or id(child) in within):
                    stack.append((child, False))
    return topo



def to_dot(root, show_grad=True, rankdir="LR"):
    """Graphviz DOT text of the graph that ends at ``root``.

    Nodes are named ``v0, v1, ...`` in topological order (inputs first,
    ``root`` last); the op that made ``vk`` is the node ``vk_op``, with an
    edge ``vk_op -> vk`` and one edge from each input, in order (``a + a``
    has two edges from ``a``). A record shows the node's label, or its name
    ``vk`` when it has none.

    >>> from minigrad import Value
    >>> a = Value(1.5); b = a.relu()
    >>> print(to_dot(b, show_grad=False))
    digraph minigrad {
      rankdir=LR;
      node [fontname="monospace"];
      v0 [shape=record, label="{ v0 | data 1.5 }"];
      v1 [shape=record, label="{ v1 | data 1.5 }"];
      v1_op [shape=ellipse, label="ReLU"];
      v1_op -> v1;
      v0 -> v1_op;
    }
    >>> print(to_dot(Value(2.0, label="w|35"), show_grad=False).splitlines()[3])
      v0 [shape=record, label="{ w\\|35 | data 2 }"];
    """
    check_value_like(root, "to_dot()")
    topo = topo_order(root)
    index = {id(node): k for k, node in enumerate(topo)}
    fingerprints = {}
    lines = ["digraph minigrad {", "  rankdir=%s;" % rankdir,
             '  node [fontname="monospace"];']
    for k, node in enumerate(topo):
        label = "%s | data %s" % (_dot_escape(label_of(node)) or "v%d" % k, _fmt(node.data))
        if show_grad:
            label += " | grad %s" % _fmt(node.grad)
        lines.append('  v%d [shape=record, label="{ %s }"];' % (k, label))
        inputs = inputs_of(node, fingerprints)
        if inputs:
            lines.append('  v%d_op [shape=ellipse, label="%s"];'
                         % (k, _dot_escape(op_label(node))))
            lines.append("  v%d_op -> v%d;" % (k, k))
            for child in inputs:
                lines.append("  v%d -> v%d_op;" % (index[id(child)], k))
    lines.append("}")
    return "\n".join(lines)


def _dot_escape(text):
    """``text`` safe inside a DOT record label: a backslash before each special character."""
    return "".join("\\" + ch if ch in '\\"{}|<>' else ch for ch in text)


def tree(root, show_grad=True, max_depth=20):
    """A plain-text tree of the graph that ends at ``root``, for the terminal.

    Each line is ``#k op  data=... grad=...`` (``leaf`` for a node made by the
    user; ``#k label = op`` when the node has a label), its inputs indented
    beneath it with ``├──`` and ``└──``. Nodes are
    numbered in the order they are printed; a node reached a second time
    (shared, as ``a`` in ``a * a``) is printed once and then referenced as
    ``(see #k)``. Below ``max_depth`` levels a ``...`` line stands for the
    rest, so a chain 10**6 nodes deep prints ``max_depth + 2`` lines.

    >>> from minigrad import Value
    >>> v = Value(0.5)
    >>> for _ in range(10**5):
    ...     v = v + 1.0
    >>> print(tree(v, show_grad=False, max_depth=2))
    #1 +  data=1e+05
    ├── #2 +  data=1e+05
    │   ├── #3 +  data=1e+05
    │   │   └── ...
    │   └── #4 leaf  data=1
    └── #5 leaf  data=1
    >>> w = Value(3.0, label="w"); y = w * w; y.label = "y"
    >>> print(tree(y, show_grad=False))
    #1 y = *  data=9
    ├── #2 w = leaf  data=3
    └── (see #2)
    """
    check_value_like(root, "tree()")
    if max_depth < 0:
        raise ValueError("tree: max_depth must be >= 0, got %r" % (max_depth,))
    lines = []
    number = {}  # id(node) -> its number (every numbered node stays alive in the graph)
    fingerprints = {}
    # stack entries: (node or None for "...", depth, prefix, connector)
    stack = [(root, 0, "", "")]
    while stack:
        node, depth, prefix, connector = stack.pop()
        if node is None:
            lines.append(prefix + connector + "...")
            continue
        if id(node) in number:
            lines.append("%s%s(see #%d)" % (prefix, connector, number[id(node)]))
            continue
        number[id(node)] = k = len(number) + 1
        label = label_of(node)
        text = "#%d %s%s  data=%s" % (k, label + " = " if label else "",
                                      op_label(node) or "leaf", _fmt(node.data))
        if show_grad:
            text += " grad=%s" % _fmt(node.grad)
        lines.append(prefix + connector + text)
        children = inputs_of(node, fingerprints)
        if not children:
            continue
        inner = prefix + ("" if not connector else
                          "    " if connector.startswith("└") else "│   ")
        if depth >= max_depth:
            stack.append((None, depth + 1, inner, "└── "))
            continue
        last = len(children) - 1
        for i in range(last, -1, -1):  # pushed last-first, so printed in order
            stack.append((children[i], depth + 1, inner, "└── " if i == last else "├── "))
    return "\n".join(lines)
