"""The lane: waiting work that starts before the run's first test.

Some test modules mostly wait: for sandboxed gradings, time limits, the
student copy's commands. Such a module defines ``early(items, mktemp)``, a
generator function:

- ``items``: the module's tests this run collected (all, or fewer under -k);
- ``mktemp(name)``: a new empty folder (a ``pathlib.Path``), removed at the
  end of the run;

it starts the work those tests need, yields what they wait for (futures,
in dicts and tuples), and cleans up after the yield. Its tests get what it
yielded from ``started(__name__)``.

conftest.py runs those modules' tests after all the others and, before the
first test, starts their ``early`` in a lane beside the tests: a module's
work starts when the previous module's futures are all done. So the machine
carries one such module's work at a time (each module bounds its own, e.g.
two CPU-bound time-limit scenarios at once) plus the test that runs in this
process, and the tests that keep this process busy run meanwhile instead of
after the waiting.
"""

import pathlib
import shutil
import tempfile
import threading
from concurrent.futures import Future, wait

_started = {}  # module name -> Future of what its early() yielded
_opened = []  # the early() generators that yielded, finished at the end of the run
_stopping = threading.Event()
_lane = None
_base = None


def _futures(value):
    """The futures in what an early() yielded (dicts, lists, tuples of them)."""
    if isinstance(value, Future):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _futures(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _futures(v)


def mktemp(name):
    """A new empty folder below this run's temporary folder."""
    return pathlib.Path(tempfile.mkdtemp(prefix=name + "-", dir=_base))


def _run(modules):
    for module, items in modules:
        started = _started[module.__name__]
        if _stopping.is_set():
            started.set_exception(RuntimeError("the run ended before %s's work started"
                                               % module.__name__))
            continue
        try:
            work = module.early(items, mktemp)
            value = next(work)
        except BaseException as exc:  # the module's tests report it
            started.set_exception(exc)
            continue
        _opened.append(work)
        started.set_result(value)
        wait(list(_futures(value)))


def start(items):
    """Start the lane for the modules of ``items`` (the run's tests, in run
    order) that define ``early``."""
    global _lane, _base
    by_module = {}
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and hasattr(module, "early"):
            by_module.setdefault(module, []).append(item)
    if not by_module:
        return
    _base = tempfile.mkdtemp(prefix="minigrad-tests-")
    for module in by_module:
        _started[module.__name__] = Future()
    _lane = threading.Thread(target=_run, args=(list(by_module.items()),), name="early",
                             daemon=True)
    _lane.start()


def started(module_name):
    """What module ``module_name``'s early() yielded, once the lane has
    started it."""
    if module_name not in _started:
        raise RuntimeError("%s's early work was not started: tests/conftest.py starts it "
                           "for the modules a run collects" % module_name)
    return _started[module_name].result()


def finish():
    """After the last test: let the lane end (no module starts any more),
    run each early()'s clean-up, newest first, and remove the folders."""
    _stopping.set()
    if _lane is not None:
        _lane.join()
    try:
        while _opened:
            next(_opened.pop(), None)
    finally:  # a clean-up that fails still leaves no folder behind
        if _base is not None:
            shutil.rmtree(_base, ignore_errors=True)
