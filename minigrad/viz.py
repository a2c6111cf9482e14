"""Seeing the computational graph: Graphviz DOT text and a terminal tree.

Seed 001 (Kao) draws every computation as a graph of nodes and edges, with
the forward value above each edge and the backward gradient below it. These
two functions draw the graph a :class:`minigrad.Value` recorded, without any
dependency (plain text out):

* :func:`to_dot` -- Graphviz DOT, like micrograd's ``draw_dot``: one record
  per Value (its data and grad) and one small op node between an output and
  its inputs. Paste into ``dot -Tsvg`` or any online Graphviz viewer.
* :func:`tree` -- the same graph as an indented tree for the terminal.

Both walk the graph iteratively (a chain a million nodes deep is fine) and
number nodes deterministically, never by ``id()``, so the text is the same on
every run.

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

__all__ = ["to_dot", "tree"]


def _fmt(x):
    """A short, stable rendering of a float: 4 significant digits."""
    return "%.4g" % x


def _op_label(node):
    """The op as micrograd writes it: ``**2`` for a constant power."""
    if node._op == "**" and node._aux is not None:
        return "**%s" % _fmt(node._aux)
    return node._op


def to_dot(root, show_grad=True, rankdir="LR"):
    """Graphviz DOT text of the graph that ends at ``root``.

    Nodes are named ``v0, v1, ...`` in topological order (inputs first,
    ``root`` last); the op that made ``vk`` is the node ``vk_op``, with an
    edge ``vk_op -> vk`` and one edge from each input, in order (``a + a``
    has two edges from ``a``).

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
    """
    topo = root._topo()
    index = {node: k for k, node in enumerate(topo)}
    lines = ["digraph minigrad {", "  rankdir=%s;" % rankdir,
             '  node [fontname="monospace"];']
    for k, node in enumerate(topo):
        label = "v%d | data %s" % (k, _fmt(node.data))
        if show_grad:
            label += " | grad %s" % _fmt(node.grad)
        lines.append('  v%d [shape=record, label="{ %s }"];' % (k, label))
        if node._prev:
            lines.append('  v%d_op [shape=ellipse, label="%s"];' % (k, _op_label(node)))
            lines.append("  v%d_op -> v%d;" % (k, k))
            for child in node._prev:
                lines.append("  v%d -> v%d_op;" % (index[child], k))
    lines.append("}")
    return "\n".join(lines)


def tree(root, show_grad=True, max_depth=20):
    """A plain-text tree of the graph that ends at ``root``, for the terminal.

    Each line is ``#k op  data=... grad=...`` (``leaf`` for a node made by the
    user), its inputs indented beneath it with ``├──`` and ``└──``. Nodes are
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
    """
    if max_depth < 0:
        raise ValueError("tree: max_depth must be >= 0, got %r" % (max_depth,))
    lines = []
    number = {}
    # stack entries: (node or None for "...", depth, prefix, connector)
    stack = [(root, 0, "", "")]
    while stack:
        node, depth, prefix, connector = stack.pop()
        if node is None:
            lines.append(prefix + connector + "...")
            continue
        if node in number:
            lines.append("%s%s(see #%d)" % (prefix, connector, number[node]))
            continue
        number[node] = k = len(number) + 1
        text = "#%d %s  data=%s" % (k, _op_label(node) or "leaf", _fmt(node.data))
        if show_grad:
            text += " grad=%s" % _fmt(node.grad)
        lines.append(prefix + connector + text)
        children = node._prev
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
