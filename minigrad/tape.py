"""A compiled tape: minigrad writes out the backward pass you derived by hand.

``Value`` builds a graph on every forward pass and walks it in ``backward()``.
When the *shape* of the computation stays the same from one step to the next
(the same network on the same batch; only the weights move), that work can
be done once. ``Tape(loss)`` takes a graph built once with Values, lists its
nodes in the engine's own topological order (a *Wengert list*) and writes
straight-line Python over plain floats:

* the forward pass, one line per node: ``n2 = n0 * n1``, ``n3 = tanh(n2)``;
* the backward pass, one line per local derivative, from the loss back to
  the leaves: ``dn2 = (1.0 - n3 * n3) * dn3`` is seed 002's backward phase,
  the chain rule node by node, with the formulas of the engine's
  ``_tanh_backward`` and friends (the tables ``FORWARD`` and ``BACKWARD``).

The code is compiled once; ``tape()`` runs it from the leaves' current
``.data``, many times faster than building the graph again, and
``tape.source()`` shows it, so you can hold it against your own derivation:

>>> from minigrad import Value, Tape
>>> x = Value(2.0); w = Value(-0.5)
>>> a = (x * w).tanh()               # a = tanh(x w)
>>> tape = Tape(a)
>>> print(tape.source())
def chunk_0(inputs, values, grads, leaf_grads, tanh=tanh):
    (n0, n1) = inputs[0:2]
    n2 = n0 * n1
    n3 = tanh(n2)
    values[3] = n3
    yield  # forward done; the backward pass resumes here
    dn3 = 1.0
    dn2 = (1.0 - n3 * n3) * dn3
    dn0 = n1 * dn2
    dn1 = n0 * dn2
    leaf_grads[0:2] = (dn0, dn1)
<BLANKLINE>

Nodes are named ``n0, n1, ...`` by position (``minigrad.viz`` calls node
k ``vk``), or after their ``label`` when they have one; ``dn2`` holds dL/dn2.
``inputs`` are the leaves' data, ``leaf_grads`` receives their gradients.
The numbers are the engine's: da/dx = w (1 - a**2).

>>> tape()                           # a = tanh(-1.0)
-0.7615941559557649
>>> x.grad == w.data * (1 - a.data ** 2)
True
>>> w.data = 0.25                    # move a leaf and run again: no new graph
>>> round(tape(), 6), round(x.grad, 6)
(0.462117, 0.196612)

A sum passes its gradient through unchanged (dz/da = dz/db = 1), so the
code does not copy it: the inputs of ``n5 = n3 + n4`` use ``dn5`` as their
gradient until something else is added to it. Gradients that cannot reach
a wanted leaf (a constant's) are not computed at all.

A training loop builds the graph once, then only runs the tape::

    loss = mse([net(x) for x in X], T)          # X and T become constant leaves
    tape = Tape(loss, wrt=net.parameters())
    for step in range(100):
        L = tape()                              # forward + backward, grads set
        for p in net.parameters():
            p.data -= lr * p.grad

Decisions:

* **What ``tape()`` changes.** It reads every leaf's ``.data`` (a leaf is a
  Value with no inputs: yours, or a constant the engine made for a float),
  *sets* ``.grad`` of the leaves in ``wrt`` (default: every leaf) to
  dL/dleaf, as ``zero_grad(); loss.backward()`` would, and returns L as a
  float. The other Values of the graph are not touched: their ``.data`` and
  ``.grad`` keep the numbers of the recording.
* **The structure is fixed when the tape is made.** Python control flow that
  looked at numbers while the graph was built (``if z.data > 0: ...``,
  keeping the largest of several Values, a loop that stops when something
  is small) is *not* re-evaluated: the tape replays the branch taken at
  recording. The ops themselves are, so ``relu`` follows the new data. If
  the structure must change, build a new graph and a new tape.
* **The engine's numbers and the engine's errors.** Same formulas in the
  same order: forward value and gradients equal ``loss.backward()``'s, bit
  for bit (relu'(0) = 0, as the engine). A leaf whose ``.data`` is not a
  number is a ``TypeError`` naming the leaf. If a line fails (log of a
  non-positive number, exp overflow, ...) or the loss or a gradient is not
  finite, the tape re-runs its ops with the engine, which raises its own
  error (``ValueError: log: log(-1.0) is undefined ...``), and adds the
  tape's node. One cost: an overflow that a later tanh, sigmoid or relu
  squashes back to a finite number goes unnoticed (the engine would raise).
* **Any size.** The code is split into generator functions of
  ``chunk_size`` nodes (default 3000): each runs its forward lines, yields,
  and runs its backward lines when resumed, last chunk first. Values and
  gradients that cross chunks go through the lists ``values`` and ``grads``,
  so a graph of 100,000 nodes or more compiles within Python's limits.
"""

import keyword
import math
import re
import unicodedata

from minigrad.base import is_real, sigmoid, softplus
from minigrad.engine import Value, topo_sort

__all__ = ["Tape"]

CHUNK_SIZE = 3000  # nodes per generated function (about twice as many lines)


# -- the ops, as lines of code --------------------------------------------------
# The forward line of each op, over the names of its inputs {a} (and {b}); and
# one backward expression per input, d out / d input * dL/dout, where {out} is
# the node's value and {g} its gradient dL/dout. These are the formulas of the
# engine's local derivatives (minigrad.engine._tanh_backward and friends), in
# the same order, so the floats come out identical.

FORWARD = {
    "+": "{a} + {b}",
    "*": "{a} * {b}",
    "exp": "exp({a})",
    "log": "log({a})",
    "tanh": "tanh({a})",
    "sigmoid": "sigmoid({a})",
    "softplus": "softplus({a})",
    "ReLU": "0.0 if {a} < 0.0 else {a}",
    "a**b": "{a} ** {b} if {a} > 0.0 else undefined_power({a}, {b})",  # b is a Value
}

BACKWARD = {
    "+": ("{g}", "{g}"),                                       # dz/da = 1, dz/db = 1
    "*": ("{b} * {g}", "{a} * {g}"),                           # dz/da = b, dz/db = a
    "exp": ("{out} * {g}",),                                   # d exp(a)/da = exp(a)
    "log": ("{g} / {a}",),                                     # d log(a)/da = 1 / a
    "tanh": ("(1.0 - {out} * {out}) * {g}",),                  # 1 - tanh(a)**2
    "sigmoid": ("{out} * (1.0 - {out}) * {g}",),               # s (1 - s)
    "softplus": ("sigmoid({a}) * {g}",),                       # sigma(a)
    "ReLU": ("{g} if {out} > 0.0 else 0.0",),                  # 1 if a > 0 else 0
    "a**b": ("{b} * {out} / {a} * {g}", "log({a}) * {out} * {g}"),  # b a**(b-1), log(a) a**b
}


def power_rule(c):
    """Forward and backward templates of ``a ** c`` for a constant c.

    dz/da = c a**(c-1), the engine's ``_pow_backward``; c = 0 gives no
    gradient (``None``), c = 1 passes dL/dz through, c = 2 is ``2 * a * g``.

    >>> power_rule(3)
    ('{a} ** 3', ('3 * {a} ** 2 * {g}',))
    """
    forward = "{a} ** %r" % (c,)
    if c == 0:
        return forward, (None,)
    if c == 1:
        return forward, ("{g}",)
    if c == 2:
        return forward, ("%r * {a} * {g}" % (c,),)
    return forward, ("%r * {a} ** %r * {g}" % (c, c - 1),)


def undefined_power(a, b):
    """What the forward line of ``a ** b`` (b a Value) calls when a <= 0."""
    raise ValueError("**: %r ** %r: a Value exponent needs a positive base" % (a, b))


HELPERS = {"exp": math.exp, "log": math.log, "tanh": math.tanh, "sigmoid": sigmoid,
           "softplus": softplus, "undefined_power": undefined_power}
OP_HELPERS = {"exp": ("exp",), "log": ("log",), "tanh": ("tanh",), "sigmoid": ("sigmoid",),
              "softplus": ("sigmoid", "softplus"), "a**b": ("log", "undefined_power")}
LISTS = ("inputs", "values", "grads", "leaf_grads")  # the generated functions' arguments


# -- recording: the graph as a list of steps -------------------------------------

def _positional(template):
    """``"{b} * {g}"`` -> ``"{1} * {3}"``: str.format by position is quicker."""
    if template is None:
        return None
    for k, field in enumerate(("{a}", "{b}", "{out}", "{g}")):
        template = template.replace(field, "{%d}" % k)
    return template


_RULES = {op: (_positional(FORWARD[op]), tuple(_positional(t) for t in BACKWARD[op]))
          for op in FORWARD}


class _Step:
    """One node of the tape: its op, its inputs (positions in the tape) and its rule."""

    __slots__ = ("op", "args", "exponent", "leaf", "forward", "backward")

    def __init__(self, op, args, exponent, leaf, rule):
        self.op, self.args, self.exponent, self.leaf = op, args, exponent, leaf
        self.forward, self.backward = rule


def _record(nodes):
    """The steps of the tape, one per node, and the leaves (Values with no inputs)."""
    position = {id(node): p for p, node in enumerate(nodes)}
    steps, leaves, power_rules = [], [], {}  # exponent c -> the rule of ** c
    for node in nodes:
        args = tuple([position[id(c)] for c in node._prev])
        op = node._op
        if not args:
            steps.append(_Step("leaf", (), None, len(leaves), (None, ())))
            leaves.append(node)
            continue
        if op == "**" and len(args) == 1:
            c = node._exponent
            key = (type(c), c)
            if key not in power_rules:
                fwd, bwd = power_rule(c)
                power_rules[key] = (_positional(fwd), tuple(_positional(t) for t in bwd))
            rule = power_rules[key]
        else:
            rule = _RULES.get(op)
            if rule is None or len(rule[1]) != len(args):
                raise ValueError("Tape: no rule for the op %r with %d inputs; the tape knows "
                                 "%s" % (node._op, len(args), ", ".join(sorted(FORWARD))))
        steps.append(_Step(op, args, node._exponent, None, rule))
    return steps, leaves, position


def _identifier(label):
    """A label as a Python identifier: ``"w35"`` stays, ``"z(out)"`` becomes ``"z_out_"``.

    Greek letters and other Unicode letters stay, in the form Python itself
    reads them (NFKC), so that two labels never become one variable.
    """
    text = unicodedata.normalize("NFKC", str(label))
    text = re.sub(r"\W", "_", text)
    if not text.isidentifier():  # digits first, or characters \w allows and names don't
        text = "_" + re.sub(r"[^0-9A-Za-z_]", "_", text)
    if keyword.iskeyword(text):
        text += "_"
    return text if text.strip("_") else None


RESERVED = set(LISTS) | set(HELPERS)


def _names(nodes):
    """A unique variable name per node: its label if it has one, else ``n<position>``.

    (``n`` for node: the lecture's own names use v, as in v5 and v6, the
    output weights of seed 000's worked network.)
    """
    used = set(RESERVED)
    names = [None] * len(nodes)
    labelled = []
    for p, node in enumerate(nodes):
        label = getattr(node, "label", None)  # the label slot, where the engine has one
        text = _identifier(label) if label is not None and label != "" else None
        if text is None:
            names[p] = "n%d" % p
            used.add(names[p])
        else:
            labelled.append((p, text))
    for p, text in labelled:  # labels come second: n12 always means node 12
        names[p] = _unique(text, used)
    return names


def _unique(name, used):
    """``name``, or ``name_2``, ``name_3``, ... whichever is free; marks it used."""
    candidate, k = name, 1
    while candidate in used:
        k += 1
        candidate = "%s_%d" % (name, k)
    used.add(candidate)
    return candidate


# -- writing the code ----------------------------------------------------------
# The code is a list of generator functions, "chunks" of up to chunk_size
# nodes each. Chunk k runs the forward lines of its nodes, then ``yield``s;
# once every chunk has run its forward pass, the chunks are resumed from the
# last to the first, and each runs the backward lines of its nodes, last node
# first. Values and gradients live in local variables; the few that cross
# from one chunk to another go through the lists ``values`` (by node
# position) and ``grads`` (by a slot number per handed-on gradient).

def _tuple(names):
    """``(a, b, c)``, wrapped at about 80 columns (continuation lines indented 8)."""
    lines, line = [], "("
    for k, name in enumerate(names):
        piece = name + (", " if k < len(names) - 1 else ")")
        if len(line) + len(piece) > 72 and line != "(":
            lines.append(line.rstrip())
            line = ""
        line += piece
    lines.append(line)
    return "\n        ".join(lines)


def _runs(pairs):
    """Sorted (index, name) pairs split into runs of consecutive indexes."""
    runs = []
    for index, name in pairs:
        if runs and runs[-1][-1][0] == index - 1:
            runs[-1].append((index, name))
        else:
            runs.append([(index, name)])
    return runs


def _loads(lst, pairs):
    """``name = lst[i]`` lines, one tuple unpacking per run of consecutive indexes."""
    lines = []
    for run in _runs(sorted(pairs)):
        if len(run) == 1:
            lines.append("%s = %s[%d]" % (run[0][1], lst, run[0][0]))
        else:
            lines.append("%s = %s[%d:%d]" % (_tuple([name for _, name in run]), lst,
                                             run[0][0], run[-1][0] + 1))
    return lines


def _stores(lst, pairs):
    """``lst[i] = name`` lines, one slice assignment per run of consecutive indexes."""
    lines = []
    for run in _runs(sorted(pairs)):
        if len(run) == 1:
            lines.append("%s[%d] = %s" % (lst, run[0][0], run[0][1]))
        else:
            lines.append("%s[%d:%d] = %s" % (lst, run[0][0], run[-1][0] + 1,
                                             _tuple([name for _, name in run])))
    return lines


def _needs_gradient(steps, wanted):
    """needs[p]: does dL/dnode p lead to a wanted leaf? Dead gradients are not written."""
    needs = [False] * len(steps)
    for p in wanted:
        needs[p] = True
    for p, step in enumerate(steps):
        if not needs[p]:
            for c in step.args:
                if needs[c]:
                    needs[p] = True
                    break
    return needs


class _Writer:
    """Writes the chunks, keeping track of where each running gradient lives.

    The engine adds the contributions to a node's gradient one at a time,
    last consumer first (``a.grad += ...``). The generated code makes the
    same additions in the same order, so the floats are identical: the first
    contribution is an assignment (``dn3 = ...``), later ones ``+=``. A
    gradient passed through unchanged (dz/da = 1 for z = a + b) is not
    copied: dL/da simply *is* ``dz`` until something is added to it. A sum
    still open when a chunk ends is handed on in ``grads``.
    """

    def __init__(self, steps, names, wanted, chunk_size):
        self.steps, self.names, self.size = steps, names, chunk_size
        n = len(steps)
        self.needs = _needs_gradient(steps, wanted)
        used = set(names) | RESERVED
        self.dnames = [_unique("d" + names[p], used) if self.needs[p] else None
                       for p in range(n)]
        self.leaf_slot = {p: k for k, p in enumerate(sorted(wanted))}
        self.slot = {}  # position -> its slot in grads, once its gradient is handed on
        self.shared = {n - 1}  # nodes whose value a later chunk reads (and the loss)
        for p, step in enumerate(steps):
            for c in step.args:
                if c // chunk_size != p // chunk_size and steps[c].leaf is None:
                    self.shared.add(c)

    def source(self):
        n = len(self.steps)
        bounds = [(lo, min(lo + self.size, n)) for lo in range(0, n, self.size)]
        backward = {}
        for k in range(len(bounds) - 1, -1, -1):  # written in the order they run
            backward[k] = self.backward(*bounds[k])
        return "\n".join(self.chunk(k, lo, hi, backward[k]) for k, (lo, hi) in enumerate(bounds))

    def chunk(self, k, lo, hi, backward):
        """Chunk k: the forward lines of nodes lo .. hi-1, ``yield``, their backward lines."""
        steps, names = self.steps, self.names
        own, outside, made_before, body = [], set(), set(), []
        for p in range(lo, hi):
            step = steps[p]
            if step.leaf is not None:
                own.append((step.leaf, names[p]))
                continue
            for c in step.args:
                if c < lo:  # made by an earlier chunk
                    (outside if steps[c].leaf is not None else made_before).add(c)
            body.append(names[p] + " = " + step.forward.format(*[names[c] for c in step.args]))
        head = _loads("inputs", own + [(steps[c].leaf, names[c]) for c in outside])
        head += _loads("values", [(c, names[c]) for c in made_before])
        stores = _stores("values", [(p, names[p]) for p in range(lo, hi) if p in self.shared])
        helpers = sorted({h for p in range(lo, hi) for h in OP_HELPERS.get(steps[p].op, ())})
        signature = "def chunk_%d(%s):" % (k, ", ".join(
            list(LISTS) + ["%s=%s" % (h, h) for h in helpers]))
        lines = head + body + stores + ["yield  # forward done; the backward pass resumes here"]
        return "\n".join([signature] + ["    " + s for s in lines + backward]) + "\n"

    def backward(self, lo, hi):
        """The backward lines of nodes hi-1 .. lo, last node first."""
        steps, names, dnames, needs, slot = (self.steps, self.names, self.dnames, self.needs,
                                             self.slot)
        running = {}  # position -> the name that holds its gradient so far
        loads, body = [], []  # loads: (slot, name) of sums handed on by a later chunk
        root = len(steps) - 1
        for p in range(hi - 1, lo - 1, -1):
            if not needs[p]:
                continue
            if p == root:
                body.append(dnames[p] + " = 1.0")  # dL/dL = 1
                running[p] = dnames[p]
            g = running.get(p)
            if g is None:
                if p not in slot:
                    continue  # no gradient reached p (its only consumer was ** 0)
                g = running[p] = dnames[p]
                loads.append((slot[p], g))
            step = steps[p]
            if step.leaf is not None:
                continue
            a, b, out = names[step.args[0]], names[step.args[-1]], names[p]
            for c, template in zip(step.args, step.backward):
                if template is None or not needs[c]:
                    continue  # no wanted leaf below c: a dead gradient
                expr = template.format(a, b, out, g)
                dc, so_far = dnames[c], running.get(c)
                if so_far is None and c in slot:
                    so_far = running[c] = dc
                    loads.append((slot[c], dc))
                if so_far is None and template == "{3}":
                    running[c] = g  # dL/dc is the consumer's gradient itself
                elif so_far is None:
                    body.append(dc + " = " + expr)
                    running[c] = dc
                elif so_far == dc:
                    body.append(dc + " += " + expr)
                else:  # so far it was another node's gradient: now c gets its own
                    body.append(dc + " = " + so_far + " + " + expr)
                    running[c] = dc
        handed_on = sorted(p for p in running if p < lo)
        for p in handed_on:
            if p not in slot:
                slot[p] = len(slot)
        outputs = _stores("grads", [(slot[p], running[p]) for p in handed_on])
        outputs += _stores("leaf_grads", [(self.leaf_slot[p], running[p])
                                          for p in running if p >= lo and p in self.leaf_slot])
        return _loads("grads", loads) + body + outputs


# -- the tape ------------------------------------------------------------------

class Tape:
    """``Tape(loss, wrt=None)``: the graph ending at ``loss``, compiled to straight-line code.

    ``tape()`` recomputes every node from the leaves' current ``.data``, runs
    the backward pass, sets ``.grad`` of each leaf in ``wrt`` (default: every
    leaf of the graph) to dL/dleaf and returns L as a float. Leaves not in
    ``wrt`` are read at every call too (change their ``.data`` to feed new
    inputs); their gradients are not computed. ``chunk_size`` is the number
    of nodes per generated function.

    >>> from minigrad import Value
    >>> w = Value(3.0)
    >>> tape = Tape(w * w + 1.0)          # L = w**2 + 1, dL/dw = 2 w
    >>> tape(), w.grad
    (10.0, 6.0)
    >>> tape(), w.grad                    # set, not accumulated
    (10.0, 6.0)
    >>> tape
    Tape(4 nodes: 2 leaves, 2 ops; sets the gradients of 2 leaves)
    """

    def __init__(self, loss, wrt=None, chunk_size=CHUNK_SIZE):
        if not isinstance(loss, Value):
            raise TypeError("Tape needs the Value to differentiate (the loss), got %r (%s)"
                            % (loss, type(loss).__name__))
        if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
            raise ValueError("Tape: chunk_size must be an int >= 1, got %r" % (chunk_size,))
        nodes = topo_sort(loss)  # the engine's own order: inputs before the nodes using them
        self._steps, self.leaves, position = _record(nodes)
        self.wrt = _wanted(wrt, nodes, position)
        self._names = _names(nodes)
        writer = _Writer(self._steps, self._names, [position[id(v)] for v in self.wrt],
                         chunk_size)
        self._source = writer.source()
        namespace = dict(HELPERS)
        exec(compile(self._source, "<minigrad.Tape>", "exec"), namespace)
        self._chunks = [namespace["chunk_%d" % k] for k in range(-(-len(nodes) // chunk_size))]
        self._values = [0.0] * len(nodes)       # values a later chunk reads, by position
        self._grads = [0.0] * len(writer.slot)  # gradients handed on to an earlier chunk
        self._leaf_grads = [0.0] * len(self.wrt)

    def source(self):
        """The generated Python code: exactly what ``tape()`` runs."""
        return self._source

    def __len__(self):
        return len(self._steps)

    def __repr__(self):
        n_leaves = len(self.leaves)
        return "Tape(%d nodes: %d leaves, %d ops; sets the gradients of %d %s)" % (
            len(self), n_leaves, len(self) - n_leaves, len(self.wrt),
            "leaf" if len(self.wrt) == 1 else "leaves")

    # -- running it --

    def __call__(self):
        """Forward and backward from the leaves' current data; sets the grads; returns L."""
        inputs = [leaf.data for leaf in self.leaves]
        if set(map(type, inputs)) != _FLOAT:
            inputs = self._checked_inputs(inputs)
        values, grads, leaf_grads = self._values, self._grads, self._leaf_grads
        try:
            runs = [chunk(inputs, values, grads, leaf_grads) for chunk in self._chunks]
            for run in runs:            # the forward pass, first node to last
                next(run)
            for run in reversed(runs):  # the backward pass, last node to first
                next(run, None)
        except (ArithmeticError, ValueError, TypeError) as error:
            self._fail(inputs, error)
        total = values[-1] + sum(leaf_grads)  # nan, inf and complex all show in this sum
        if type(total) is not float or total - total != 0.0:
            self._fail(inputs, None)
        for leaf, g in zip(self.wrt, leaf_grads):
            leaf.grad = g
        return values[-1]

    def _checked_inputs(self, inputs):
        """The leaves' data as floats, or a TypeError naming the leaf that is not a number."""
        checked = []
        for k, x in enumerate(inputs):
            if type(x) is not float:
                if not is_real(x):
                    raise TypeError("Tape: the leaf %s has .data = %r (%s); a leaf's data "
                                    "must be a float%s"
                                    % (self._leaf_name(k), x, type(x).__name__,
                                       " (the Value's own .data, not the Value)"
                                       if isinstance(x, Value) else ""))
                try:
                    x = float(x)  # an int, a numpy float, a Fraction, a Decimal: as Value() accepts them
                except OverflowError:
                    raise ValueError("Tape: the leaf %s has .data = %r, too large for a float"
                                     % (self._leaf_name(k), x)) from None
            checked.append(x)
        return checked

    def _leaf_name(self, k):
        """``w35 (input 3 of the tape)``."""
        p = next(p for p, step in enumerate(self._steps) if step.leaf == k)
        return "%s (input %d of the tape)" % (self._names[p], k)

    def _line(self, p):
        step = self._steps[p]
        if step.leaf is not None:
            return "%s (a leaf)" % self._names[p]
        return "%s = %s" % (self._names[p],
                            step.forward.format(*[self._names[c] for c in step.args]))

    def _fail(self, inputs, error):
        """Something failed or is not finite: re-run the ops with the engine to find it.

        Raises the engine's own error with the tape node where it happened.
        Returns only if the engine finds nothing wrong (the check's sum of
        large finite gradients overflowed): then the tape's numbers are right.
        """
        made = []
        for p, step in enumerate(self._steps):
            if step.leaf is not None:
                x = inputs[step.leaf]
                if x - x != 0.0:
                    raise ValueError("Tape: the leaf %s has .data = %r; a leaf's data must "
                                     "be finite" % (self._leaf_name(step.leaf), x))
                made.append(Value(x))
                continue
            try:
                made.append(_replay(step, [made[c] for c in step.args]))
            except (ArithmeticError, ValueError, TypeError) as e:
                raise type(e)("%s (at the tape's node %s)" % (e, self._line(p))) from None
        try:
            made[-1].backward()
        except (ArithmeticError, ValueError) as e:
            raise type(e)("%s (in the tape's backward pass)" % e) from None
        for p in range(len(made) - 1, -1, -1):
            if made[p].grad - made[p].grad != 0.0:
                raise ValueError("Tape: the backward pass overflows a float: dL/d%s = %r at "
                                 "the node %s" % (self._names[p], made[p].grad, self._line(p)))
        if error is not None:  # the engine ran where the tape failed: not expected
            raise error


def _wanted(wrt, nodes, position):
    """The leaves whose gradients the tape sets, in tape order."""
    if wrt is None:
        return [node for node in nodes if not node._prev]
    if isinstance(wrt, Value) or not hasattr(wrt, "__iter__"):
        raise TypeError("Tape: wrt must be a list of leaf Values, got %r" % (wrt,))
    wanted = set()
    for i, v in enumerate(wrt):
        if not isinstance(v, Value):
            raise TypeError("Tape: wrt[%d] must be a Value, got %r (%s)"
                            % (i, v, type(v).__name__))
        if id(v) not in position:
            raise ValueError("Tape: wrt[%d] = %r is not in the graph of the loss" % (i, v))
        if v._prev:
            raise ValueError("Tape: wrt[%d] is made by the op %r; the tape sets the "
                             "gradients of leaves (Values with no inputs) only" % (i, v._op))
        if id(v) in wanted:
            raise ValueError("Tape: wrt[%d] appears twice in wrt" % i)
        wanted.add(id(v))
    return [node for node in nodes if id(node) in wanted]


_FLOAT = {float}

_REPLAY = {
    "+": lambda a, b: a + b,
    "*": lambda a, b: a * b,
    "a**b": lambda a, b: a ** b,
    "exp": Value.exp, "log": Value.log, "tanh": Value.tanh,
    "sigmoid": Value.sigmoid, "softplus": Value.softplus, "ReLU": Value.relu,
}


def _replay(step, inputs):
    """The engine's own op of ``step`` on Values (to reproduce an error)."""
    if step.op == "**":
        return inputs[0] ** step.exponent
    return _REPLAY[step.op](*inputs)
