"""The child side of the sandbox: runs one student module, answers calls.

Started by ``grading/sandbox.py`` as ``python -I -S child.py`` inside a fresh
sandbox folder. It never sees a check, an expected value or a reference
solution: it imports the student's module, then answers requests
("call function f with these plain-data arguments") with plain data, over a
private pipe (not stdout, which belongs to the student). Every record it
sends carries the run's nonce.

This file must stay import-free beyond the standard library and must not
import ``subprocess`` (students would inherit it in ``sys.modules``).
"""

import json
import os
import sys
import traceback

REQ_FD = int(sys.argv[1])
RESP_FD = int(sys.argv[2])
HERE = os.path.dirname(os.path.abspath(__file__))


def _send(record):
    data = (json.dumps(record, allow_nan=True) + "\n").encode("utf-8")
    view = memoryview(data)
    while view:
        n = os.write(RESP_FD, view)
        view = view[n:]


class _BadReturn(Exception):
    pass


def to_plain(x, depth=0):
    """Only exact plain types cross back: a subclass could rig == or float()."""
    t = type(x)
    if x is None or t is bool or t is int or t is str:
        return x
    if t is float:
        return x
    if depth > 20:
        raise _BadReturn("a value nested more than 20 levels deep")
    if t is list or t is tuple:
        return [to_plain(v, depth + 1) for v in x]
    if t is dict:
        out = {}
        for k, v in x.items():
            if type(k) is not str:
                raise _BadReturn("a dict with a non-string key (%s)" % type(k).__name__)
            out[k] = to_plain(v, depth + 1)
        return out
    raise _BadReturn("a %s" % t.__name__)


def _student_tb(exc, student_dir):
    """Traceback lines from the student's own files only."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if os.path.abspath(f.filename).startswith(student_dir + os.sep)]
    shown = os.environ.get("_MINIGRAD_DISPLAY_DIR", "")
    for f in frames:
        if shown:
            f.filename = os.path.join(shown, os.path.basename(f.filename))
    lines = traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines).rstrip()


def _describe(exc, student_dir, during):
    if isinstance(exc, SystemExit):
        return "exit", "your code called sys.exit(%r) %s" % (exc.code, during)
    if isinstance(exc, KeyboardInterrupt):
        return "exit", "your code raised KeyboardInterrupt %s" % during
    if isinstance(exc, MemoryError):
        return "memory", "your code ran out of memory %s" % during
    if isinstance(exc, RecursionError):
        return "exception", "your code recursed too deeply (RecursionError) %s" % during
    if not isinstance(exc, Exception):
        return "exit", "your code raised %s %s" % (type(exc).__name__, during)
    return "exception", "your code raised %s %s: %s" % (
        type(exc).__name__, during, str(exc)[:500])


def _resolve(arg, public):
    if type(arg) is dict and "__fn__" in arg:
        fn = getattr(public, "FUNCTIONS", {}).get(arg["__fn__"])
        if fn is None:
            raise LookupError("no public function %r" % arg["__fn__"])
        extra = [_resolve(a, public) for a in arg.get("args", [])]
        if not extra:
            return fn
        return lambda *a, **k: fn(*(list(a) + extra), **k)
    if type(arg) is list:
        return [_resolve(a, public) for a in arg]
    return arg


def main():
    req = os.fdopen(REQ_FD, "r", encoding="utf-8")
    cfg = json.loads(req.readline())
    nonce = cfg["nonce"]
    student_dir = os.path.abspath(cfg["student_dir"])
    os.environ["_MINIGRAD_DISPLAY_DIR"] = cfg.get("display_dir", "")
    sys.path[:0] = [student_dir] + list(cfg.get("extra_paths", []))
    sys.dont_write_bytecode = True
    import importlib
    sys.path.insert(1, HERE)
    public = importlib.import_module("_public")
    sys.path.remove(HERE)
    del sys.modules["_public"]

    module_name = cfg["module"]
    try:
        module = importlib.import_module(module_name)
    except BaseException as exc:  # noqa: B902 -- the student's import may raise anything
        if isinstance(exc, SyntaxError) and exc.filename:
            detail = "".join(traceback.format_exception_only(SyntaxError, exc)).rstrip()
        else:
            detail = _student_tb(exc, student_dir)
        kind, msg = _describe(exc, student_dir, "while %s.py was imported" % module_name)
        if isinstance(exc, SyntaxError):
            kind, msg = "import", "%s.py has a syntax error: %s" % (module_name, exc.msg)
        _send({"nonce": nonce, "id": 0, "ok": False, "kind": "import",
               "message": msg, "detail": detail, "cause": kind})
        return
    _send({"nonce": nonce, "id": 0, "ok": True, "value": None})

    for line in req:
        request = json.loads(line)
        rid = request["id"]
        name = request["name"]
        try:
            if request["kind"] == "drive":
                fn = public.DRIVERS[name]
                args = [module] + [_resolve(a, public) for a in request["args"]]
            else:
                fn = getattr(module, name, None)
                if not callable(fn):
                    _send({"nonce": nonce, "id": rid, "ok": False, "kind": "not_found",
                           "message": "%s.py has no function %s()" % (module_name, name),
                           "detail": ""})
                    continue
                args = [_resolve(a, public) for a in request["args"]]
            kwargs = {k: _resolve(v, public) for k, v in request.get("kwargs", {}).items()}
            value = fn(*args, **kwargs)
            try:
                value = to_plain(value)
            except _BadReturn as why:
                _send({"nonce": nonce, "id": rid, "ok": False, "kind": "bad_return",
                       "message": "%s() returned %s; a step must return plain numbers, "
                       "lists, strings, bools or None" % (name, why), "detail": ""})
                continue
            _send({"nonce": nonce, "id": rid, "ok": True, "value": value})
        except BaseException as exc:  # noqa: B902 -- report, never die on student code
            kind, msg = _describe(exc, student_dir, "in %s()" % name)
            _send({"nonce": nonce, "id": rid, "ok": False, "kind": kind, "message": msg,
                   "detail": _student_tb(exc, student_dir)})


if __name__ == "__main__":
    main()
