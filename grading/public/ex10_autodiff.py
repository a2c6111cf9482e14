"""Drivers for Exercise 10 (your own Value class): they run in your sandbox.

A check cannot send a ``Value`` across the process boundary, so it sends a
*spec* of an expression as plain data and one of these drivers builds it with
*your* ``module.Value``, runs one of your steps, and sends back plain data.
Nothing here knows an expected answer; the checks compute those with
minigrad in the grader.

A spec is a list of nodes in the order they are made, each
``[label, op, arg, ...]``::

    [["x", "leaf", 2.0],        # x = Value(2.0)
     ["w", "leaf", -3.0],
     ["p", "*", "x", "w"],      # p = x * w      (an arg is a label or a number)
     ["s", "+", "p", "x"],      # s = p + x      (x used twice)
     ["y", "tanh", "s"],        # y = s.tanh()
     ["q", "**", "y", 2]]       # q = y ** 2     (the exponent is a constant)

ops: "leaf", "+", "*", "tanh", "exp", "**", and the composites "-", "/",
"neg". The last node is the output.
"""


def _arg(nodes, x):
    return nodes[x] if isinstance(x, str) else x


def build(module, spec):
    """Build ``spec`` with ``module.Value``; returns (nodes by label, nodes in order)."""
    nodes, order = {}, []
    for entry in spec:
        label, op, args = entry[0], entry[1], entry[2:]
        if op == "leaf":
            v = module.Value(args[0])
        elif op == "+":
            v = _arg(nodes, args[0]) + _arg(nodes, args[1])
        elif op == "*":
            v = _arg(nodes, args[0]) * _arg(nodes, args[1])
        elif op == "-":
            v = _arg(nodes, args[0]) - _arg(nodes, args[1])
        elif op == "/":
            v = _arg(nodes, args[0]) / _arg(nodes, args[1])
        elif op == "neg":
            v = -_arg(nodes, args[0])
        elif op == "tanh":
            v = _arg(nodes, args[0]).tanh()
        elif op == "exp":
            v = _arg(nodes, args[0]).exp()
        elif op == "**":
            v = _arg(nodes, args[0]) ** args[1]
        else:
            raise ValueError("unknown op %r in spec" % (op,))
        v.label = label
        nodes[label] = v
        order.append(v)
    return nodes, order


def _report(order):
    return {"data": [v.data for v in order], "grads": [v.grad for v in order]}


def local_pass(module, spec, out_grads, leaf_grads=None):
    """Exercises 10.1-10.5 in isolation: your local-derivative functions only.

    Builds ``spec`` (primitive ops only), sets ``grad`` of the labelled
    leaves to ``leaf_grads`` (to see that you *add* to a grad) and of the
    labelled nodes in ``out_grads`` (the gradient arriving from above), then
    calls ``node._backward(node)`` for every node that has inputs, in the
    reverse of the order the spec made them (a valid reverse topological
    order; your own ``topo_sort`` and ``backward`` are not used). Returns
    ``{"data": [...], "grads": [...]}`` for the spec's nodes, in spec order.
    """
    nodes, order = build(module, spec)
    for label, g in (leaf_grads or {}).items():
        nodes[label].grad = g
    for label, g in out_grads.items():
        nodes[label].grad = g
    for node in reversed(order):
        if node._prev:
            node._backward(node)
    return _report(order)


def topo_labels(module, spec):
    """Exercise 10.6: the labels of ``topo_sort(output)``, in your order."""
    nodes, order = build(module, spec)
    result = module.topo_sort(order[-1])
    if not isinstance(result, (list, tuple)):
        raise TypeError("topo_sort(root) must return a list of Values, got %s"
                        % type(result).__name__)
    labels = []
    for i, v in enumerate(result):
        if not isinstance(v, module.Value):
            raise TypeError("topo_sort(root) must return a list of Values; item %d is a %s"
                            % (i, type(v).__name__))
        labels.append(v.label)
    return labels


def backward_pass(module, spec):
    """Exercise 10.7: build ``spec``, call ``output.backward()`` once, and
    return ``{"data": [...], "grads": [...]}`` for the spec's nodes."""
    nodes, order = build(module, spec)
    order[-1].backward()
    return _report(order)


DRIVERS = {
    "ex10_local_pass": local_pass,
    "ex10_topo_labels": topo_labels,
    "ex10_backward": backward_pass,
}
