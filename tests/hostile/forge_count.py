"""Exercise 3.3 / 3.5 with forged evaluation counts (issue 12, finding 1).

The gradients are right but wasteful: L(theta) again for every parameter
(forward), a third evaluation per parameter (central); the evaluations
reported are the efficient ones (P + 1, 2P). 3.1 and 3.4, which they use,
are done right. The count the checks compare
with used to be kept in this process, by the public driver, and sent back
with the answer through the child's own ``_send``: wrapping that function
rewrote it. Now L is evaluated and counted by the grader; the stand-in this
code receives only forwards each call. The score on 3.3 and 3.5 must be no
more than the untouched stub's (0)."""
sys = __import__("sys")


def forge():
    main = sys.modules.get("__main__")
    send = getattr(main, "_send", None)
    if send is None or getattr(send, "forged", False):
        return

    def forged(record):
        value = record.get("value") if type(record) is dict else None
        if type(value) is dict and "calls" in value and "answer" in value:
            try:
                value["calls"] = value["answer"][1]
            except Exception:  # noqa: BLE001
                pass
        # a call of L the grader would count: drop it, answer locally
        return send(record)
    forged.forged = True
    main._send = forged


forge()


def indicator(P, t):
    return [1.0 if i == t else 0.0 for i in range(P)]


def forward_difference(L, theta, t, eps):
    raise NotImplementedError("Exercise 3.2: not implemented yet")


def numeric_gradient(L, theta, eps):
    forge()
    gradient = []
    for t in range(len(theta)):
        plus = list(theta)
        plus[t] += eps
        gradient.append((L(plus) - L(theta)) / eps)  # L(theta) every time: 2P calls
    return [gradient, len(theta) + 1]


def central_difference(L, theta, t, eps):
    plus, minus = list(theta), list(theta)
    plus[t] += eps
    minus[t] -= eps
    return (L(plus) - L(minus)) / (2.0 * eps)


def numeric_gradient_central(L, theta, eps):
    forge()
    gradient = []
    for t in range(len(theta)):
        plus, minus = list(theta), list(theta)
        plus[t] += eps
        minus[t] -= eps
        L(theta)  # one evaluation too many per parameter
        gradient.append((L(plus) - L(minus)) / (2 * eps))
    return [gradient, 2 * len(theta)]


def relative_error(a, n):
    raise NotImplementedError("Exercise 3.6: not implemented yet")
