"""Drivers for Exercise 11 (training): they run in your sandbox.

A minigrad ``MLP`` cannot cross the process boundary, so these drivers build
one in your sandbox (same arguments and seed as the check uses), run your
``training_step`` or ``train`` on it, and send back plain data: the losses
you returned and the parameter values (``model.parameter_values()``).
``gradient_step_inputs`` calls your ``gradient_step`` on lists made in your
sandbox and sends back, besides your answer, those very lists as they are
after the call (a plain call sends the grader a copy, so it cannot see
whether you changed them).
Nothing here knows an expected answer; the checks compute those with
minigrad in the grader.
"""


def _model(net):
    from minigrad.nn import MLP  # imported here: only Exercise 11's sandbox has minigrad
    return MLP(net["nin"], net["nouts"], activation=net["activation"],
               out_activation=net["out_activation"], seed=net["seed"])


def _float(loss, name):
    loss = getattr(loss, "data", loss)  # a Value is accepted too
    if isinstance(loss, bool) or not isinstance(loss, (int, float)):
        raise TypeError("%s must return the loss as a float, got %r" % (name, loss))
    return float(loss)


def training_steps(module, net, xs, ts, eta, k):
    """Call ``module.training_step(model, xs, ts, eta)`` ``k`` times on a
    fresh ``MLP(**net)``. Returns {"losses": the k returned losses,
    "params": the parameter values before the first step and after each}."""
    model = _model(net)
    losses, params = [], [model.parameter_values()]
    for _ in range(k):
        losses.append(_float(module.training_step(model, xs, ts, eta), "training_step"))
        params.append(model.parameter_values())
    return {"losses": losses, "params": params}


def train_run(module, net, xs, ts, eta, steps):
    """``module.train(model, xs, ts, eta, steps)`` on a fresh ``MLP(**net)``.
    Returns {"losses": what train returned, "params": the final parameter values}."""
    model = _model(net)
    losses = module.train(model, xs, ts, eta, steps)
    if not isinstance(losses, (list, tuple)):
        raise TypeError("train must return the list of losses, got %r" % (losses,))
    return {"losses": [_float(v, "train") for v in losses],
            "params": model.parameter_values()}


def gradient_step_inputs(module, theta, grad, eta):
    """Exercise 11.1: your ``gradient_step(theta, grad, eta)``, and ``theta``
    and ``grad`` as they are afterwards. Returns {"new": what you returned
    (a list or tuple is copied into a new list, None or a number is sent as
    it is), "theta": theta, "grad": grad}."""
    new = module.gradient_step(theta, grad, eta)
    if type(new) is list or type(new) is tuple:
        new = list(new)  # a snapshot, apart from theta even if you returned theta itself
    elif new is not None and type(new) is not int and type(new) is not float:
        raise TypeError("gradient_step returned a %s; it must return a new list of P "
                        "floats" % type(new).__name__)
    return {"new": new, "theta": theta, "grad": grad}


DRIVERS = {
    "ex11_gradient_step": gradient_step_inputs,
    "ex11_training_steps": training_steps,
    "ex11_train": train_run,
}
