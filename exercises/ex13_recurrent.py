r"""Exercise 13: Backpropagation through time in a small recurrent network

Mirrors seed 001 (J. C. Kao, UCLA, Lecture 8), the recurrent-layer fragment
on the last slides. That slide came out of extraction garbled: what is left
is a recurrent step r_t -> W_rec -> ReLU -> r_{t+1} -> W_out -> (Kao's z)
-> squared norm -> L_{t+1}, and three gradients written next to it. This
module is a RECONSTRUCTION of that slide, unrolled over T steps, and the
steps below derive what the slide's three lines are about (and what it
leaves out: the sum over time).

The network (kit notation; the numbers are times, t = 1..T)::

              x_1                 x_2                        x_T
               | W_in              | W_in                     | W_in
               v                   v                          v
    r_0 -W_rec-> z_1 -ReLU-> r_1 -W_rec-> z_2 -ReLU-> r_2 ... -W_rec-> z_T -ReLU-> r_T
                              | W_out               | W_out                      | W_out
                              v                     v                            v
                              y_1 -> L_1            y_2 -> L_2                   y_T -> L_T

    z_t = W_rec^T r_{t-1} + W_in^T x_t     z_{t,k} = sum_j W_rec[j][k] r_{t-1,j}
                                                     + sum_i W_in[i][k] x_{t,i}
    r_t = ReLU(z_t)                         r_{t,k} = max(0, z_{t,k})
    y_t = W_out^T r_t                       y_{t,k} = sum_j W_out[j][k] r_{t,j}
    L_t = ||y_t||^2                         L_t = sum_k y_{t,k}^2
    L   = L_1 + L_2 + ... + L_T             (the loss of the whole sequence)

Sizes: m inputs, n state units, p outputs; W_in is m x n, W_rec is n x n,
W_out is n x p (lists of rows), r_0 and every r_t have n entries. The SAME
three matrices are used at every step: they are shared over time. There is
no bias (it would be one more shared weight, summed like W_in).

The loss is summed over ALL steps (the usual backpropagation through time,
BPTT): every y_t is scored, not only the last one. So r_t reaches L along
two roads: through its own output y_t, and through r_{t+1} to every later
loss.

Notation (where Kao's slide differs, one line each):

* Kao's z is our y: the OUTPUT y_t = W_out^T r_t. In the kit z is always a
  pre-activation; here z_t is the input of the ReLU, r_t its output.
* Kao writes W r with rows = outputs (his W_rec is n x n with row k feeding
  unit k, his W_out is p x n); here W[j][k] goes from unit j below to unit
  k above, so z_t = W_rec^T r_{t-1} + W_in^T x_t: Kao's W_rec is our
  W_rec^T and his W_out is our W_out^T. Redo every line of his for this W
  and check it by the shapes (m, n, p differ in the checks).
* Kao steps from r_t to r_{t+1}; here a step goes from r_{t-1} to r_t.
* The slide shows no input; the kit adds x_t through W_in (without an input
  the network would only iterate on r_0).
* delta_t = dL/dr_t, the derivative with respect to the activation r_t
  (through every road); dL/dz_t, dL/dy_t are written out.
* L_t = ||y_t||^2 is the squared error of y_t against the target 0 (no 1/2).
* ReLU'(0) = 0: at z_{t,k} = 0 exactly, the kit takes the derivative 0, as
  minigrad's autodiff does. The checks test a unit sitting exactly at 0.

To check on the slide before you use a line of it:

* The slide's dL/dW_rec carries the indicator I(r_t >= 0). r_t is a ReLU
  OUTPUT: which values can it take, and what does that indicator then give
  for every unit? The ReLU's derivative is evaluated at the ReLU's input:
  find which quantity that is on the road from W_rec to L_{t+1}, and at
  which time (Exercises 13.5 and 13.6).
* The slide's dL/dr_{t+1} and dL/dW_rec follow one loss, L_{t+1}, through
  one step. With the loss summed over time, ask what else depends on r_t
  (13.7) and how many times W_rec is used (13.8).
* The stray "\geq 0" after several of the slide's lines is extraction noise.

The cache: forward (13.1) returns a dict of lists indexed by time t, so that
cache["r"][t] is r_t for t = 0..T. r has an entry for t = 0 (the initial
state r_0); x, z, y and L_t do not (nothing is computed at time 0): their
entry 0 is None. The backward steps receive the cache and a time t and take
what their derivation needs.

The docstring examples use the network EXAMPLE (given below): m = 1, n = 2,
p = 1, T = 3, with one unit exactly at the kink at t = 2.

How to work: implement the steps in order (later steps may call earlier
ones), replacing each ``raise NotImplementedError``; then run
``python grader.py ex13`` (or ``python grader.py ex13.7`` for one step).
Stuck on a step: ``python grader.py hint 13.7`` (asked again, the next hint).

Allowed imports: math
"""

import math

# Given: the example network of the docstrings (and of the first visible checks).
EXAMPLE = {
    "W_in": [[1.0, -1.0]],
    "W_rec": [[0.5, 1.0], [-1.0, 0.5]],
    "W_out": [[1.0], [-0.5]],
    "r0": [1.0, 0.5],
    "xs": [[1.0], [-0.25], [-1.0]],
}


def forward(W_in, W_rec, W_out, r0, xs):
    """Exercise 13.1: the forward pass unrolled over T = len(xs) steps, cached.

    For t = 1..T (xs[t - 1] is x_t: the inputs are given from time 1)::

        z_{t,k} = sum_j W_rec[j][k] r_{t-1,j} + sum_i W_in[i][k] x_{t,i}
        r_{t,k} = max(0, z_{t,k})
        y_{t,k} = sum_j W_out[j][k] r_{t,j}
        L_t     = sum_k y_{t,k}^2
        L       = L_1 + ... + L_T

    Inputs: W_in (m x n), W_rec (n x n), W_out (n x p), r0 (n floats), xs
    (T lists of m floats).
    Returns the cache {"x", "z", "r", "y", "L_t", "L"}: "r" is [r_0, ...,
    r_T]; "x", "z", "y", "L_t" are [None, value at t = 1, ..., value at T];
    "L" is the float L.

    >>> cache = forward(**EXAMPLE)
    >>> cache["z"]
    [None, [1.0, 0.25], [0.0, 1.375], [-2.375, 1.6875]]
    >>> cache["r"]
    [[1.0, 0.5], [1.0, 0.25], [0.0, 1.375], [0.0, 1.6875]]
    >>> cache["x"], cache["y"]
    ([None, [1.0], [-0.25], [-1.0]], [None, [0.875], [-0.6875], [-0.84375]])
    >>> cache["L_t"], cache["L"]
    ([None, 0.765625, 0.47265625, 0.7119140625], 1.9501953125)
    """
    raise NotImplementedError("Exercise 13.1: not implemented yet")


def dL_dy(cache, t):
    """Exercise 13.2: dL/dy_t, the gradient of the loss at the output y_t.

    Find dL/dy_{t,k} for every output k, for 1 <= t <= T. L is the sum of all
    the L_s (module docstring): which of them contain y_t? (The slide's
    dL/dz: Kao's z is our y.)

    Inputs: cache (the dict 13.1 returns), t (an int, 1..T). Returns dL/dy_t
    (list of p floats).

    >>> cache = forward(**EXAMPLE)
    >>> dL_dy(cache, 1), dL_dy(cache, 3)
    ([1.75], [-1.6875])
    """
    raise NotImplementedError("Exercise 13.2: not implemented yet")


def dL_dW_out_step(cache, t, g_y):
    """Exercise 13.3: the output path at one step: W_out's gradient through y_t.

    W_out is used at every step; this is the part of dL/dW_out that comes
    through its use at step t alone, y_t = W_out^T r_t. Find it for every
    weight W_out[j][k], given g_y = dL/dy_t. The answer has W_out's shape,
    n x p (Kao's would be p x n: his W_out is our transpose).

    Inputs: cache (the dict 13.1 returns), t (1..T), g_y (list of p floats,
    dL/dy_t, e.g. from 13.2). Returns an n x p list of rows.

    >>> cache = forward(**EXAMPLE)
    >>> dL_dW_out_step(cache, 3, [2.0])
    [[0.0], [3.375]]
    """
    raise NotImplementedError("Exercise 13.3: not implemented yet")


def dL_dr_output(W_out, g_y):
    """Exercise 13.4: the output path into the state: dL/dr_t through y_t only.

    r_t reaches the loss through its own output y_t = W_out^T r_t (and,
    for t < T, through r_{t+1}: that is 13.7). Find the part through y_t:
    for every state unit j, given g_y = dL/dy_t. The slide writes this
    road for Kao's W_out (rows = outputs); derive it for this module's
    W_out[j][k] and check the shape: one entry per state unit, n.

    Inputs: W_out (n x p), g_y (list of p floats, dL/dy_t). Returns a list
    of n floats.

    >>> dL_dr_output([[1.0, 2.0, 0.0], [-1.0, 1.0, 3.0]], [1.0, 0.5, -1.0])
    [2.0, -3.5]
    """
    raise NotImplementedError("Exercise 13.4: not implemented yet")


def dL_dz(cache, t, delta_t):
    """Exercise 13.5: the ReLU gate: dL/dz_t from delta_t = dL/dr_t.

    Depends on: r_t = ReLU(z_t) (module docstring) and the kit's rule
    ReLU'(0) = 0 at the kink. The slide's gate is I(r_t >= 0): check it
    before you use it (module docstring).

    Inputs: cache (the dict 13.1 returns), t (1..T), delta_t (list of n
    floats, dL/dr_t). Returns dL/dz_t (list of n floats).

    >>> cache = forward(**EXAMPLE)
    >>> cache["z"][2]
    [0.0, 1.375]
    >>> dL_dz(cache, 2, [3.0, -2.0]), dL_dz(cache, 1, [3.0, -2.0])
    ([0.0, -2.0], [3.0, -2.0])
    """
    raise NotImplementedError("Exercise 13.5: not implemented yet")


def dL_dW_rec_one_step(W_out, cache, t):
    """Exercise 13.6: the slide's gradient: dL_t/dW_rec through ONE step.

    The slide's dL/dW_rec follows one loss (our L_t, his L_{t+1}) back
    through the last use of W_rec only: z_t = W_rec^T r_{t-1} + W_in^T x_t
    with r_{t-1} held fixed (the roads through earlier uses of W_rec, which
    change r_{t-1}, are left out; 13.8 adds them). Find this gradient for
    every weight W_rec[j][k]: an n x n matrix, shaped like W_rec (Kao's is
    the transpose). Use your 13.2, 13.4 and 13.5.

    Check the slide's line on its way: which state does W_rec[j][k]
    multiply in z_t, and where does the gate belong?

    Inputs: W_out (n x p), cache (the dict 13.1 returns), t (1..T). Returns
    an n x n list of rows.

    >>> cache = forward(**EXAMPLE)
    >>> dL_dW_rec_one_step(EXAMPLE["W_out"], cache, 1)
    [[1.75, -0.875], [0.875, -0.4375]]
    >>> dL_dW_rec_one_step(EXAMPLE["W_out"], cache, 2)
    [[0.0, 0.6875], [0.0, 0.171875]]
    """
    raise NotImplementedError("Exercise 13.6: not implemented yet")


def delta_step(W_rec, W_out, cache, t, delta_next):
    """Exercise 13.7: the recursion back through time: delta_t from delta_{t+1}.

    delta_t = dL/dr_t, the derivative of the WHOLE loss L = L_1 + ... + L_T
    with respect to r_t, through every road (module docstring). Given
    delta_next = delta_{t+1} (already through every road from r_{t+1}),
    find delta_t for 0 <= t <= T - 1. Draw the roads out of r_t in the
    picture first. r_0 has no output of its own (cache["y"][0] is None).
    Use your 13.2, 13.4 and 13.5.

    Inputs: W_rec (n x n), W_out (n x p), cache (the dict 13.1 returns), t
    (0..T-1), delta_next (list of n floats). Returns delta_t (list of n
    floats).

    >>> cache = forward(**EXAMPLE)
    >>> delta_step(EXAMPLE["W_rec"], EXAMPLE["W_out"], cache, 2, [-1.6875, 0.84375])
    [-0.53125, 1.109375]
    >>> delta_step(EXAMPLE["W_rec"], EXAMPLE["W_out"], cache, 0, [1.0, 2.0])
    [2.5, 0.0]
    """
    raise NotImplementedError("Exercise 13.7: not implemented yet")


def shared_weight_grads(cache, deltas):
    """Exercise 13.8: the shared weights' gradients, from every step.

    W_in, W_rec and W_out are used at every step t = 1..T. Given every
    delta_t = dL/dr_t (through every road, from 13.7), find the three
    gradients of the whole loss L: dL/dW_in (m x n), dL/dW_rec (n x n) and
    dL/dW_out (n x p), each shaped like its weight. How does the
    multivariate chain rule combine the uses of one weight? Use your 13.2,
    13.3 and 13.5.

    Inputs: cache (the dict 13.1 returns), deltas (list of T + 1 lists of n
    floats, deltas[t] = delta_t for t = 0..T). Returns {"W_in": ...,
    "W_rec": ..., "W_out": ...} (lists of rows).

    >>> cache = forward(**EXAMPLE)
    >>> deltas = [[1.0, -0.25], [3.0, 1.0], [2.0, 6.0], [2.5, -1.0]]
    >>> grads = shared_weight_grads(cache, deltas)
    >>> grads["W_in"], grads["W_out"]
    ([[3.0, 0.5]], [[1.75], [-4.30078125]])
    >>> grads["W_rec"]
    [[3.0, 7.0], [1.5, 0.625]]
    """
    raise NotImplementedError("Exercise 13.8: not implemented yet")


def bptt(W_in, W_rec, W_out, r0, xs):
    """Exercise 13.9: the full backpropagation through time.

    Find every gradient of L = L_1 + ... + L_T: dL/dW_in, dL/dW_rec,
    dL/dW_out and dL/dr_0 (the initial state's). Run the forward pass, find
    every delta_t from t = T down to 0, then the shared weights' gradients.
    Use your 13.1, 13.2, 13.4, 13.7 and 13.8. What is delta_T, the last
    state's delta, with no step after it?

    Inputs: as forward (13.1). Returns {"W_in": m x n, "W_rec": n x n,
    "W_out": n x p, "r0": list of n floats}. The checks compare it with
    minigrad's autodiff and with numeric gradients.

    >>> grads = bptt(**EXAMPLE)
    >>> grads["r0"], grads["W_in"]
    ([1.109375, -3.01953125], [[2.859375, -1.44140625]])
    >>> grads["W_rec"]
    [[2.859375, 0.7890625], [1.4296875, 1.27734375]]
    >>> grads["W_out"]
    [[1.75], [-4.30078125]]
    """
    raise NotImplementedError("Exercise 13.9: not implemented yet")


def dr_T_dr_s(W_rec, cache, s):
    """Exercise 13.10: the Jacobian of the last state with respect to an earlier one.

    Find J with J[k][j] = d r_{T,k} / d r_{s,j} (rows = the entries of r_T,
    columns = those of r_s; T = the last time of the cache), for 0 <= s <=
    T, holding the inputs fixed. r_T depends on r_s only through the chain
    r_s -> z_{s+1} -> r_{s+1} -> ... -> z_T -> r_T: write the Jacobian of
    ONE step, d r_t / d r_{t-1}, as an n x n matrix (a gate and W_rec, in
    which orientation?), then chain the steps (in which order?). For s = T
    nothing happens in between.

    This product of T - s factors is why gradients that travel far back
    in time vanish or explode: 13.11 looks at its size.

    Inputs: W_rec (n x n), cache (the dict 13.1 returns), s (0..T). Returns
    an n x n list of rows.

    >>> cache = forward(**EXAMPLE)
    >>> dr_T_dr_s(EXAMPLE["W_rec"], cache, 2)
    [[0.0, 0.0], [1.0, 0.5]]
    >>> dr_T_dr_s(EXAMPLE["W_rec"], cache, 0)
    [[0.0, 0.0], [0.5, -0.375]]
    """
    raise NotImplementedError("Exercise 13.10: not implemented yet")


def scalar_gradients(w, zs):
    """Exercise 13.11: vanishing and exploding: d r_t / d r_1 in a one-unit network.

    A network with one state unit (n = 1): z_t = w r_{t-1} + (input term),
    r_t = ReLU(z_t), with the recurrent weight w and the pre-activations
    zs = [z_1, ..., z_T] of a forward pass (zs[t - 1] is z_t). Find
    d r_t / d r_1 for every t = 1..T (inputs fixed): 13.10's Jacobian for
    n = 1.

    Inputs: w (float), zs (list of T floats). Returns a list of T floats,
    entry t - 1 is d r_t / d r_1.

    >>> scalar_gradients(0.5, [1.0, 2.0, 0.5, 1.5, 1.0])
    [1.0, 0.5, 0.25, 0.125, 0.0625]
    >>> scalar_gradients(1.5, [1.0, 2.0, 0.5, 1.5, 1.0])
    [1.0, 1.5, 2.25, 3.375, 5.0625]
    >>> scalar_gradients(1.5, [1.0, 2.0, -0.5, 1.5, 1.0])
    [1.0, 1.5, 0.0, 0.0, 0.0]

    Before you move on, predict with your function: with every unit active
    and T = 50, how large is d r_T / d r_1 for w = 0.9, w = 1 and w = 1.1?
    Then the gradient dL/dr_1 of a loss at time T (delta_1's part from L_T):
    which values of w let the first steps learn from a loss 50 steps later,
    and what does one inactive step do? With n > 1 the same happens with
    the size of W_rec (and the gates) in place of |w|.
    """
    raise NotImplementedError("Exercise 13.11: not implemented yet")
