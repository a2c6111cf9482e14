"""The child side of the sandbox: runs one student module, answers calls.

Started by ``grading/sandbox.py`` as ``python -I -S child.py`` inside a fresh
sandbox folder. It never sees a check, an expected value or a reference
solution: it imports the student's module, then answers requests
("call function f with these plain-data arguments") with plain data, over a
private pipe (not stdout, which belongs to the student). Every record it
sends carries the run's nonce. A function the grader passes as an argument
(``grading.check.Callback``) arrives as a stand-in that asks the grader for
each value over the same pipes: the grader evaluates and counts it.

Before the student's module is imported (``main``):

1. everything the child itself will need is imported (the standard library
   may be unreadable once privileges are dropped);
2. when started as root, it drops to the unprivileged user the parent chose
   (``os.setgroups([])``, then ``setgid``, then ``setuid``, and checks that
   it cannot get root back);
3. it sets RLIMIT_NPROC to 0: the kernel refuses every fork and thread;
4. it installs the audit hook of ``guard.py`` (when the parent asks for it).

This file must stay import-free beyond the standard library and must not
import ``subprocess`` (students would inherit it in ``sys.modules``).
"""

import errno
import json
import os
import resource
import stat
import sys
import traceback

REQ_FD = int(sys.argv[1])
RESP_FD = int(sys.argv[2])
HERE = os.path.dirname(os.path.abspath(__file__))
FORBIDDEN_MARK = "which is not allowed during grading"


def _send(record):
    data = (json.dumps(record, allow_nan=True) + "\n").encode("utf-8")
    view = memoryview(data)
    while view:
        n = os.write(RESP_FD, view)
        view = view[n:]


class _BadReturn(Exception):
    pass


def to_plain(x, depth=0, type=type, str=str, bool=bool, int=int, float=float, list=list,
             tuple=tuple, dict=dict, issubclass=issubclass, _int=int.__int__,
             _float=float.__float__, _str=str.__str__, _list_iter=list.__iter__,
             _tuple_iter=tuple.__iter__, _items=dict.items):
    """Only plain data crosses back: numbers, strings, lists, dicts, None.

    A subclass of a plain type (a NamedTuple, an IntEnum, a list subclass)
    is taken at its plain value, read with the base type's own methods,
    which a subclass cannot override: a rigged ``==`` or ``float()`` is
    never called. A bool stays a bool. Anything else is refused. The
    builtins are bound as defaults, so patching ``builtins.type`` does not
    fool it. (The parent parses the JSON again in any case: whatever the
    child sends, only plain data arrives.)
    """
    t = type(x)
    if x is None or t is bool or t is int or t is str or t is float:
        return x
    if depth > 20:
        raise _BadReturn("a value nested more than 20 levels deep")
    if t is list or t is tuple:
        return [to_plain(v, depth + 1) for v in x]
    if t is dict:
        items = x.items()
    elif issubclass(t, bool):
        raise _BadReturn("a %s" % t.__name__)
    elif issubclass(t, int):
        return _int(x)
    elif issubclass(t, float):
        return _float(x)
    elif issubclass(t, str):
        return _str(x)
    elif issubclass(t, list):
        return [to_plain(v, depth + 1) for v in _list_iter(x)]
    elif issubclass(t, tuple):
        return [to_plain(v, depth + 1) for v in _tuple_iter(x)]
    elif issubclass(t, dict):
        items = _items(x)
    else:
        raise _BadReturn("a %s" % t.__name__)
    out = {}
    for k, v in items:
        if type(k) is not str:
            raise _BadReturn("a dict with a non-string key (%s)" % type(k).__name__)
        out[k] = to_plain(v, depth + 1)
    return out


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
    """(kind, message) for an exception the student's code raised."""
    try:
        text = str(exc)[:500]
    except BaseException:  # noqa: B902 -- a hostile __str__
        text = "(the exception could not be shown)"
    scores0 = "; a step must return its answer, so it scores 0"
    if isinstance(exc, SystemExit):
        return "exit", "your code called sys.exit(%s) %s%s" % (
            text if isinstance(exc.code, (int, str, type(None))) else "...", during, scores0)
    if isinstance(exc, KeyboardInterrupt):
        return "exit", "your code raised KeyboardInterrupt %s%s" % (during, scores0)
    if isinstance(exc, MemoryError):
        return "memory", "your code ran out of memory %s (the limit is set by the grader)" \
            % during
    if isinstance(exc, RecursionError):
        return "exception", "your code recursed too deeply (RecursionError) %s" % during
    if isinstance(exc, PermissionError) and FORBIDDEN_MARK in text:
        return "forbidden", "%s %s; the step scores 0" % (text, during)
    if isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        return "output", "your code printed (or wrote) more than the grader allows %s" % during
    if not isinstance(exc, Exception):
        return "exit", "your code raised %s %s%s" % (type(exc).__name__, during, scores0)
    return "exception", "your code raised %s %s: %s" % (type(exc).__name__, during, text)


class _Current:
    """The request being answered: a callback stand-in works only during it."""
    rid = None


def _callback(nonce, rid, index, label, req):
    """The stand-in for a grader-side function (``grading.check.Callback``):
    each call sends its arguments to the grader, which evaluates the
    function and counts the call in its own process, and waits for the
    value. Nothing counted here: the count the checks use is the grader's."""
    current, send, readline, loads = _Current, _send, req.readline, json.loads

    def function(*args):
        if current.rid != rid:
            raise RuntimeError("%s can only be called while the step it was given to runs"
                               % label)
        try:
            plain = to_plain(list(args))
        except _BadReturn as why:
            raise TypeError("%s takes plain numbers and lists, not %s" % (label, why))
        send({"nonce": nonce, "id": rid, "callback": index, "args": plain})
        line = readline()
        try:
            reply = loads(line)
        except ValueError:
            reply = None
        if type(reply) is not dict or reply.get("callback") is not True:
            raise RuntimeError("the grader did not answer a call of %s" % label)
        if reply.get("ok") is True:
            return reply.get("value")
        raise ValueError(str(reply.get("message", "%s failed" % label)))

    function.__name__ = function.__qualname__ = label
    return function


def _resolve(arg, public, make_callback=None):
    if type(arg) is dict and "__cb__" in arg and make_callback is not None:
        return make_callback(arg["__cb__"], str(arg.get("name", "f")))
    if type(arg) is dict and "__fn__" in arg:
        fn = getattr(public, "FUNCTIONS", {}).get(arg["__fn__"])
        if fn is None:
            raise LookupError("no public function %r" % arg["__fn__"])
        extra = [_resolve(a, public) for a in arg.get("args", [])]
        if not extra:
            return fn
        return lambda *a, **k: fn(*(list(a) + extra), **k)
    if type(arg) is list:
        return [_resolve(a, public, make_callback) for a in arg]
    return arg


def _preload(names, lib_paths):
    """Import, before the privilege drop, the library modules the exercise
    may import (``ALLOWED_IMPORTS``): standard modules and our own copy of
    ``minigrad`` with all its submodules. The student's folder is not on
    ``sys.path`` yet, so no student file (a sibling exercise) runs here."""
    import importlib
    saved = list(sys.path)
    sys.path[:0] = list(lib_paths)
    try:
        for name in names:
            if name == "minigrad":
                for lib in lib_paths:
                    folder = os.path.join(lib, "minigrad")
                    if not os.path.isdir(folder):
                        continue
                    subs = sorted(f[:-3] for f in os.listdir(folder) if f.endswith(".py")
                                  and f not in ("__init__.py", "__main__.py", "cli.py"))
                    for sub in [""] + ["." + s for s in subs]:
                        try:
                            importlib.import_module("minigrad" + sub)
                        except Exception:  # noqa: BLE001 -- reported when the student imports it
                            pass
            else:
                try:
                    importlib.import_module(name)
                except Exception:  # noqa: BLE001
                    pass
    finally:
        sys.path[:] = saved


def _prepare():
    """Import now what the child needs later: after the privilege drop the
    standard library may not be readable (e.g. a Python under /root)."""
    import codecs
    import importlib  # noqa: F401
    import linecache  # noqa: F401
    import math  # noqa: F401 -- the modules exercises may import
    import random  # noqa: F401
    import tokenize  # noqa: F401
    for name in ("utf-8", "utf-8-sig", "ascii", "latin-1"):
        codecs.lookup(name)
    try:  # non-ASCII identifiers (eta written as the Greek letter) are NFKC-normalised
        import unicodedata  # noqa: F401 -- by the compiler, which imports this module
    except ImportError:
        pass
    try:
        raise ValueError("warm up traceback")
    except ValueError as exc:
        traceback.format_exception(type(exc), exc, exc.__traceback__)
    try:
        compile("x = (", "<warm-up>", "exec")
    except SyntaxError as exc:
        traceback.format_exception_only(SyntaxError, exc)


def _drop_privileges(user):
    """Become ``user`` ({"uid", "gid", "name"}) for good: groups, gid, uid."""
    os.setgroups([])
    os.setgid(user["gid"])
    os.setuid(user["uid"])
    try:
        os.setuid(0)
    except OSError:
        pass
    else:
        raise SystemExit("minigrad child: could not drop root")
    if (os.getuid(), os.geteuid(), os.getgid(), os.getegid()) != (
            user["uid"], user["uid"], user["gid"], user["gid"]) or os.getgroups():
        raise SystemExit("minigrad child: privilege drop incomplete")


def _no_more_processes():
    """RLIMIT_NPROC = 0: fork, clone and new threads fail (EAGAIN) in the kernel.

    Root ignores it, which is why the child drops root first."""
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))


def _make_dev_null(root):
    """/dev/null inside the sandbox folder, for code that writes to it."""
    try:
        os.mkdir(os.path.join(root, "dev"), 0o755)
        os.mknod(os.path.join(root, "dev", "null"), 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        os.chmod(os.path.join(root, "dev", "null"), 0o666)
        os.chmod(os.path.join(root, "dev"), 0o755)
    except OSError:
        pass  # no CAP_MKNOD: there is no /dev/null inside, that is all


# Functions that act on other processes (or memory the kernel does not
# count) without an audit event: the hook cannot see them, so they are taken
# away. A pidfd reaches the grader or, in batch grading, another student's
# child; scheduling and priority calls take any pid; setsid/setpgid leave the
# child's group; unshare/setns change namespaces; memfd_create maps memory that
# RLIMIT_AS does not count.
_REMOVED_POSIX = ("pidfd_open", "memfd_create", "sched_setaffinity", "sched_setscheduler",
                  "sched_setparam", "setpriority", "setpgid", "setpgrp", "setsid",
                  "unshare", "setns")
# Signal handlers and timers are removed too: a handler runs Python code
# between two lines of the audit hook, which lets a race change a file after
# the hook looked at it.
_REMOVED_SIGNAL = ("pidfd_send_signal", "signal", "setitimer", "alarm", "pthread_kill",
                   "raise_signal", "set_wakeup_fd", "sigqueue")


def _disarm():
    """Remove those functions, and make sure they cannot come back: a
    built-in module imported again (``sys.modules.pop("posix")`` then
    ``import posix``, ``_imp.create_builtin``, ``importlib.util``) is a fresh
    copy with every function. So every built-in module is imported now and
    ``_imp.create_builtin`` is removed: no built-in module can be created
    after this, with or without the audit hook (which also refuses to import
    again any built-in or extension module already loaded)."""
    import _imp
    import importlib
    import posix
    import signal
    import _signal
    for name in sys.builtin_module_names:
        if name not in sys.modules and "test" not in name and not name.startswith("xx"):
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 -- then it stays unimportable, that is all
                pass
    for module, names in ((os, _REMOVED_POSIX), (posix, _REMOVED_POSIX),
                          (signal, _REMOVED_SIGNAL), (_signal, _REMOVED_SIGNAL),
                          (_imp, ("create_builtin",))):
        for name in names:
            if hasattr(module, name):
                delattr(module, name)


def main():
    req = os.fdopen(REQ_FD, "r", encoding="utf-8")
    cfg = json.loads(req.readline())
    nonce = cfg["nonce"]
    student_dir = os.path.abspath(cfg["student_dir"])
    os.environ["_MINIGRAD_DISPLAY_DIR"] = cfg.get("display_dir", "")
    sys.dont_write_bytecode = True
    import importlib
    _prepare()
    _preload(cfg.get("preload", []), cfg.get("extra_paths", []))
    sys.path.insert(0, HERE)
    public = importlib.import_module("_public")
    guard = importlib.import_module("guard") if cfg.get("guard", True) else None
    sys.path.remove(HERE)
    del sys.modules["_public"]
    sys.modules.pop("guard", None)
    os.umask(0o077)
    _disarm()
    extra_paths, scratch = list(cfg.get("extra_paths", [])), cfg["scratch"]
    chrooted = False
    if cfg.get("user"):
        # As root, first shut the student's code into the sandbox folder: the
        # rest of the machine (the instructor's tree included) is not even
        # there to be named. Everything needed was imported above.
        root = os.path.dirname(student_dir)
        try:
            _make_dev_null(root)
            os.chroot(root)
            os.chdir("/")
        except OSError:
            pass  # no CAP_SYS_CHROOT: the user switch and the guard still hold
        else:
            def inside(path):
                return "/" + os.path.relpath(path, root)
            student_dir, scratch = inside(student_dir), inside(scratch)
            extra_paths = [inside(p) for p in extra_paths]
            chrooted = True
        _drop_privileges(cfg["user"])
        os.chdir(scratch)
    _no_more_processes()
    sys.path[:0] = [student_dir] + extra_paths
    if guard is not None:
        if chrooted:  # "/" is the sandbox folder now; name what may be read
            guard.install(student_dir, scratch, read_roots=extra_paths + ["/_public"])
        else:
            guard.install(os.path.dirname(student_dir), scratch)
    del guard
    _send({"nonce": nonce, "id": -1, "ok": True, "value": {
        "uid": os.getuid(), "pid": os.getpid()}})

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

    while True:
        line = req.readline()
        if not line:
            break
        request = json.loads(line)
        if type(request) is not dict or "kind" not in request:
            continue  # an answer to a callback nobody waited for (the student's forgery)
        rid = request["id"]
        name = request["name"]
        _Current.rid = rid

        def make_callback(index, label, rid=rid):
            return _callback(nonce, rid, index, label, req)
        try:
            if request["kind"] == "drive":
                fn = public.DRIVERS[name]
                args = [module] + [_resolve(a, public, make_callback)
                                   for a in request["args"]]
            else:
                fn = getattr(module, name, None)
                if not callable(fn):
                    _send({"nonce": nonce, "id": rid, "ok": False, "kind": "not_found",
                           "message": "%s.py has no function %s()" % (module_name, name),
                           "detail": ""})
                    continue
                args = [_resolve(a, public, make_callback) for a in request["args"]]
            kwargs = {k: _resolve(v, public, make_callback)
                      for k, v in request.get("kwargs", {}).items()}
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
