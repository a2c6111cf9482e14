"""The proxy a check's ``student`` argument is: calls into the sandbox,
within the step's time budget."""

import time

from grading.check import StudentError
from grading.sandbox.session import WALL_FACTOR


def _call_repr(name, args, kwargs, limit=300):
    """``name(arg, ..., key=value)`` for a message, cut to ``limit`` characters."""
    parts = [repr(a) for a in args] + ["%s=%r" % kv for kv in sorted((kwargs or {}).items())]
    text = "%s(%s)" % (name, ", ".join(parts))
    return text if len(text) <= limit else text[:limit - 4] + " ...)"


class Student:
    """What a check's ``student`` argument is: calls into the sandbox.

    ``timeout`` caps each call (default: the session's ``call_timeout``);
    ``budget`` caps all calls of one step together, so a check that calls
    the student's code many times still ends in bounded time. Both count
    the child's CPU time, with a wall-clock backstop of WALL_FACTOR times
    the budget (see ``Session._receive``).
    """

    def __init__(self, session, timeout=None, budget=None, wall=None):
        self._session = session
        self._timeout = timeout
        self._budget = budget
        self._spent = 0.0  # CPU seconds this step's calls have used
        if wall is None and budget is not None:
            wall = budget * WALL_FACTOR
        self._deadline = None if wall is None else time.monotonic() + wall

    @property
    def module(self):
        return self._session.module

    def _limits(self, what):
        """(CPU seconds, wall seconds) the next call may use."""
        timeout = self._timeout or self._session.limits["call_timeout"]
        if self._budget is None:
            return timeout, None
        cpu_left = self._budget - self._spent
        wall_left = self._deadline - time.monotonic()
        if cpu_left <= 0 or wall_left <= 0:
            raise StudentError("timeout", "your code used up this step's %g s before %s "
                               "(far too slow, or a loop that never ends)"
                               % (self._budget, what))
        return min(timeout, cpu_left), min(timeout * WALL_FACTOR, wall_left)

    def _run(self, method, name, args, kwargs, what):
        timeout, wall = self._limits(what)
        try:
            return method(name, args, kwargs, timeout=timeout, wall=wall)
        except StudentError as err:
            if err.kind == "timeout" and self._budget is not None and (
                    self._spent + self._session.last_cpu >= self._budget
                    or time.monotonic() >= self._deadline):
                err.message = ("your code used up this step's %g s in %s (far too slow, "
                               "or a loop that never ends)" % (self._budget, name))
            if err.kind in ("timeout", "crash", "exit", "memory", "output"):
                # no inputs line for these: say which call it was
                err.message += "; the call was %s" % _call_repr(name, args, kwargs)
            err.args = (err.message,)
            raise
        finally:
            self._spent += self._session.last_cpu

    def call(self, name, *args, **kwargs):
        """Call the student's ``name(*args, **kwargs)``; returns plain data or
        raises ``StudentError``."""
        return self._run(self._session.call, name, args, kwargs, "%s() was called" % name)

    def drive(self, driver, *args, **kwargs):
        """Run the public driver ``grading.public.DRIVERS[driver]`` on the
        student's module in the child (for class-based steps)."""
        return self._run(self._session.drive, driver, args, kwargs, "%s ran" % driver)
