"""Tests of minigrad.viz: DOT text and the terminal tree.

The oracle is the graph each test builds by hand (which nodes, which edges,
which values): the expected text is written from the expression, with the
numbers worked out from its closed form.
"""

import math
import re

import pytest

from minigrad import Value
from minigrad.viz import to_dot, tree

RECORD = re.compile(r'^  v(\d+) \[shape=record, label="\{ v(\d+) \| data (\S+)(?: \| grad (\S+))? \}"\];$')
OP = re.compile(r'^  v(\d+)_op \[shape=ellipse, label="(\S+)"\];$')
EDGE = re.compile(r'^  v(\d+)(_op)? -> v(\d+)(_op)?;$')


def parse_dot(text):
    lines = text.splitlines()
    assert lines[0] == "digraph minigrad {" and lines[-1] == "}"
    records, ops, edges = {}, {}, []
    for line in lines[1:-1]:
        if RECORD.match(line):
            k, k2, data, grad = RECORD.match(line).groups()
            assert k == k2
            records[int(k)] = (float(data), None if grad is None else float(grad))
        elif OP.match(line):
            k, label = OP.match(line).groups()
            ops[int(k)] = label
        elif EDGE.match(line):
            a, a_op, b, b_op = EDGE.match(line).groups()
            edges.append((int(a), bool(a_op), int(b), bool(b_op)))
        else:
            assert line.strip() in ("rankdir=LR;", 'node [fontname="monospace"];'), line
    return records, ops, edges


def neuron():
    """a = tanh(x w + b) with x = 0.5, w = -1.5, b = 0.25: z = -0.5."""
    x, w, b = Value(0.5), Value(-1.5), Value(0.25)
    a = (x * w + b).tanh()
    a.backward()
    return x, w, b, a


def test_dot_has_one_record_per_value_and_an_op_node_between():
    x, w, b, a = neuron()
    records, ops, edges = parse_dot(to_dot(a))
    # Values: x, w, x*w, b, x*w+b, a  -> 6 records; 3 of them made by ops
    assert sorted(records) == list(range(6))
    assert sorted(ops.values()) == ["*", "+", "tanh"]
    # topological ids: every input's id is smaller than its output's
    for src, src_op, dst, dst_op in edges:
        assert not src_op and dst_op and src < dst or src_op and not dst_op and src == dst
    # each op node feeds exactly its own output, and receives its inputs in order
    into = {k: [s for s, so, d, do in edges if do and d == k] for k in ops}
    assert [len(into[k]) for k in sorted(ops)] == [2, 2, 1]
    # root is last; its data and grad are tanh(-0.5) and 1
    z = -0.5
    assert records[5] == (pytest.approx(math.tanh(z), rel=5e-4), 1.0)  # 4 digits
    assert ops[5] == "tanh"
    # x has grad w (1 - tanh(z)^2)
    assert records[0] == (0.5, pytest.approx(-1.5 * (1 - math.tanh(z) ** 2), rel=5e-4))


def test_dot_is_deterministic_and_not_based_on_id():
    first = to_dot(neuron()[3])
    second = to_dot(neuron()[3])
    assert first == second
    assert "0x" not in first and str(id(neuron)) not in first


def test_dot_without_grad():
    _, _, _, a = neuron()
    text = to_dot(a, show_grad=False)
    assert "| grad" not in text
    records, _, _ = parse_dot(text)
    assert all(g is None for _, g in records.values())


def test_dot_reused_input_has_two_edges_and_pow_label():
    v = Value(3.0)
    y = v * v
    sq = v ** 2
    records, ops, edges = parse_dot(to_dot(y))
    assert edges.count((0, False, 1, True)) == 2
    assert len(records) == 2
    _, ops2, _ = parse_dot(to_dot(sq))
    assert ops2 == {1: "**2"}


def test_dot_method_delegates():
    _, _, _, a = neuron()
    assert a.to_dot() == to_dot(a)
    assert a.to_dot(show_grad=False) == to_dot(a, show_grad=False)


def test_dot_of_a_deep_chain():
    n = 100000
    v = Value(0.0)
    for _ in range(n):
        v = v.relu()
    text = to_dot(v)
    assert text.count("shape=record") == n + 1
    assert text.count("shape=ellipse") == n


def test_tree_of_a_neuron():
    x, w, b, a = neuron()
    z = -0.5
    t = math.tanh(z)
    dz = 1 - t * t
    expected = "\n".join([
        "#1 tanh  data=%.4g grad=1" % t,
        "└── #2 +  data=-0.5 grad=%.4g" % dz,
        "    ├── #3 *  data=-0.75 grad=%.4g" % dz,
        "    │   ├── #4 leaf  data=0.5 grad=%.4g" % (-1.5 * dz),
        "    │   └── #5 leaf  data=-1.5 grad=%.4g" % (0.5 * dz),
        "    └── #6 leaf  data=0.25 grad=%.4g" % dz,
    ])
    assert tree(a) == expected
    assert a.tree() == expected


def test_tree_prints_a_shared_node_once():
    a = Value(2.0)
    b = a * a  # a twice
    c = b + b.tanh()  # b twice
    lines = tree(c, show_grad=False).splitlines()
    assert lines == [
        "#1 +  data=%.4g" % (4 + math.tanh(4)),
        "├── #2 *  data=4",
        "│   ├── #3 leaf  data=2",
        "│   └── (see #3)",
        "└── #4 tanh  data=%.4g" % math.tanh(4),
        "    └── (see #2)",
    ]


def test_tree_depth_cap_on_a_deep_chain():
    n = 200000
    v = Value(1.0)
    for _ in range(n):
        v = v.relu()
    lines = tree(v, max_depth=5).splitlines()
    assert len(lines) == 5 + 1 + 1  # depths 0..5, then "..."
    assert lines[-1].strip().endswith("└── ...")
    assert all("ReLU  data=1 grad=0" in line for line in lines[:-1])
    default = tree(v).splitlines()
    assert len(default) == 20 + 2


def test_tree_depth_zero_and_leaf():
    assert tree(Value(2.5)) == "#1 leaf  data=2.5 grad=0"
    v = Value(1.0) + 2.0
    assert tree(v, show_grad=False, max_depth=0) == "#1 +  data=3\n└── ..."


def test_tree_rejects_a_negative_depth():
    with pytest.raises(ValueError, match="max_depth.*-1"):
        tree(Value(1.0), max_depth=-1)
