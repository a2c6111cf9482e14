"""Helpers that several check files share (``from tests.checks.common import ...``).

Only oracles and checks that students may see: ``python grader.py release``
ships this file with the visible checks. Nothing hidden goes here (a hidden
check's oracle is a ``_hidden...`` name in its own check file, which the
release drops)."""
from grading.check import expect_equal
from minigrad import nn


def layer(W, b):
    """A minigrad nn.Layer holding W (rows = inputs j, columns = units k) and b, with no
    activation: calling it on Values gives z (minigrad.nn's z = b + sum_j w_j a_j, with
    a_j the layer's inputs: h_j in Exercise 9)."""
    out = nn.Layer(len(W), len(W[0]), activation="linear")
    out.set_weights(W, b)
    return out


def expect_inputs_kept(student, fn, args, names, hint):
    """The step's arguments as they are after the call must equal what was sent (its
    docstring promises it). The public driver inputs_after sends back the very objects
    the student's function got (a plain call sends copies, so it cannot see a change
    made in place). ``hint`` is the exercise's word on changing an input in place."""
    out = student.drive("inputs_after", fn, *args)
    for name, sent, after in zip(names, args, out["args"]):
        expect_equal(after, sent, inputs={name: sent}, hint=hint,
                     what="%s after the call (your %s changed it in place)" % (name, fn))
