"""The child side of the sandbox: runs one student module, answers calls.

Started by ``session.py`` (the grader's side) as ``python -I -S child.py``
inside a fresh sandbox folder. It never sees a check, an expected value or a reference
solution: it imports the student's module, then answers requests
("call function f with these plain-data arguments") with plain data, over a
private pipe (not stdout, which belongs to the student). Every record it
sends carries the run's nonce. A function the grader passes as an argument
(``grading.check.Callback``) arrives as a stand-in that asks the grader for
each value over the same pipes: the grader evaluates and counts it.

``main`` runs four parts in order:

1. ``configure``: read the config line and import everything the child
   itself will need (the standard library may be unreadable once
   privileges are dropped), then remove the functions the audit hook cannot
   see (``_disarm``);
2. ``confine``: when started as root, ``chroot`` into the sandbox folder
   and drop to the unprivileged user the parent chose
   (``os.setgroups([])``, then ``setgid``, then ``setuid``, and check that
   it cannot get root back); set RLIMIT_NPROC to 0 (the kernel refuses every
   fork and thread); install the audit hook of ``guard.py`` (when the
   parent asks for it);
3. ``import_student``: import the student's module;
4. ``serve``: answer requests until the grader closes the pipe.

Failures are sent as structured records (``wire.py``), never as prose: the
grader words what the student reads.

This file, ``guard.py`` and ``wire.py`` are copied into the sandbox folder
and run there with ``python -I -S``: they must stay import-free beyond the
standard library and must not import ``subprocess`` (students would
inherit it in ``sys.modules``).
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

sys.path.insert(0, HERE)  # wire.py was copied next to this file
try:
    import wire
finally:
    sys.path.remove(HERE)

to_plain = wire.to_plain
_BadReturn = wire.NotPlain


def _send(record):
    _send_bytes(wire.encode(record))


def _send_bytes(data):
    view = memoryview(data)
    while view:
        n = os.write(RESP_FD, view)
        view = view[n:]


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


def _error(exc, function=None, stub=None):
    """The structured record (``wire``) of an exception the student's code
    raised: what happened, never prose; the grader words the message.
    ``function``: the function or driver the request named (None while the
    module is imported); ``stub``: (prefix, suffix) of a stub's message."""
    try:
        text = str(exc)[:wire.EXCEPTION_TEXT]
    except BaseException:  # noqa: B902 -- a hostile __str__
        text = "(the exception could not be shown)"
    error = {} if function is None else {"function": function}
    if isinstance(exc, SystemExit):
        code = text if isinstance(exc.code, (int, str, type(None))) else "..."
        error.update(kind="exit", how="sys.exit", code=code)
    elif isinstance(exc, KeyboardInterrupt):
        error.update(kind="exit", how="KeyboardInterrupt")
    elif isinstance(exc, MemoryError):
        error.update(kind="memory")
    elif isinstance(exc, RecursionError):
        error.update(kind="recursion")
    elif isinstance(exc, PermissionError) and wire.FORBIDDEN_MARK in text:
        error.update(kind="forbidden", text=text)
    elif isinstance(exc, OSError) and exc.errno == errno.EFBIG:
        error.update(kind="output")
    elif not isinstance(exc, Exception):
        error.update(kind="exit", how="raise", type=type(exc).__name__)
    elif type(exc) is NotImplementedError and stub_task(text, stub) is not None:
        error.update(kind="not_implemented", task=stub_task(text, stub))
    else:
        error.update(kind="exception", type=type(exc).__name__, text=text)
    return error


def stub_task(text, stub):
    """The task id in a stub's message ("6.5" for "Exercise 6.5: not
    implemented yet", with ``stub`` = ("Exercise ", ": not implemented
    yet"), sent by the grader from ``grading.names``), else None."""
    if not stub or len(stub) != 2:
        return None
    prefix, suffix = stub
    if not (text.startswith(prefix) and text.endswith(suffix)) \
            or len(text) <= len(prefix) + len(suffix):
        return None
    task = text[len(prefix):len(text) - len(suffix)]
    return None if task.strip("0123456789.") else task


class _Current:
    """The request being answered: a callback stand-in works only during it."""
    rid = None


def _callback(nonce, rid, index, label, req):
    """The stand-in for a grader-side function (``grading.check.Callback``):
    each call sends its arguments to the grader, which evaluates the
    function and counts the call in its own process, and waits for the
    value. Nothing counted here: the count the checks use is the grader's."""
    current, send_bytes, readline, loads = _Current, _send_bytes, req.readline, json.loads
    encode, limit = wire.encode, wire.MAX_CALLBACK_BYTES + 1  # + 1: the line's newline

    def function(*args):
        if current.rid != rid:
            raise RuntimeError("%s can only be called while the step it was given to runs"
                               % label)
        try:
            plain = to_plain(list(args))
        except _BadReturn as why:
            raise TypeError("%s takes plain numbers and lists, not %s" % (label, why))
        data = encode({"nonce": nonce, "id": rid, "callback": index, "args": plain})
        if len(data) > limit:  # the grader would read it as a (malformed) answer
            raise ValueError("%s takes at most %d KB of arguments, not %d KB"
                             % (label, limit // 1024, len(data) // 1024))
        send_bytes(data)
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


class _Config:
    """What the grader's first line says, and where things are after confine()."""

    def __init__(self, cfg):
        self.nonce = cfg["nonce"]
        self.module = cfg["module"]
        self.student_dir = os.path.abspath(cfg["student_dir"])
        self.scratch = cfg["scratch"]
        self.extra_paths = list(cfg.get("extra_paths", []))
        self.preload = list(cfg.get("preload", []))
        self.guard = bool(cfg.get("guard", True))
        self.user = cfg.get("user")
        self.display_dir = cfg.get("display_dir", "")
        self.stub = tuple(cfg.get("stub") or ())
        self.read_roots = None  # guard.install's, when chrooted


def configure(req):
    """Read the config and import everything the child needs before the
    privilege drop: the standard library pieces, the exercise's allowed
    libraries, the public helpers and the guard. Returns (config, the
    public module, the guard module or None)."""
    import importlib
    config = _Config(json.loads(req.readline()))
    os.environ["_MINIGRAD_DISPLAY_DIR"] = config.display_dir
    sys.dont_write_bytecode = True
    _prepare()
    _preload(config.preload, config.extra_paths)
    sys.path.insert(0, HERE)
    public = importlib.import_module("_public")
    guard = importlib.import_module("guard") if config.guard else None
    sys.path.remove(HERE)
    for name in ("_public", "guard", "wire"):  # out of the student's reach by name
        sys.modules.pop(name, None)
    os.umask(0o077)
    _disarm()
    return config, public, guard


def _chroot(config):
    """As root, shut the student's code into the sandbox folder: the rest of
    the machine (the instructor's tree included) is not even there to be
    named. Everything needed was imported before. The paths in ``config``
    are then the ones inside."""
    root = os.path.dirname(config.student_dir)
    try:
        _make_dev_null(root)
        os.chroot(root)
        os.chdir("/")
    except OSError:
        return  # no CAP_SYS_CHROOT: the user switch and the guard still hold

    def inside(path):
        return "/" + os.path.relpath(path, root)
    config.student_dir, config.scratch = inside(config.student_dir), inside(config.scratch)
    config.extra_paths = [inside(p) for p in config.extra_paths]
    config.read_roots = config.extra_paths + ["/_public"]  # "/" is the sandbox folder now


def confine(config, guard):
    """The layers, in order: chroot and privilege drop (as root), no more
    processes (RLIMIT_NPROC = 0), the student's folder on ``sys.path``,
    then the audit hook."""
    if config.user:
        _chroot(config)
        _drop_privileges(config.user)
        os.chdir(config.scratch)
    _no_more_processes()
    sys.path[:0] = [config.student_dir] + config.extra_paths
    if guard is not None:
        if config.read_roots is not None:
            guard.install(config.student_dir, config.scratch, read_roots=config.read_roots)
        else:
            guard.install(os.path.dirname(config.student_dir), config.scratch)


def import_student(config):
    """Import the student's module; send "imported" (id 0) or its failure.
    Returns the module, or None. Again on a request of kind "import": the
    grader wrote another version of the module over it (``Session.reimport``)."""
    import importlib
    sys.modules.pop(config.module, None)
    try:
        module = importlib.import_module(config.module)
    except BaseException as exc:  # noqa: B902 -- the student's import may raise anything
        if isinstance(exc, SyntaxError) and exc.filename:
            detail = "".join(traceback.format_exception_only(SyntaxError, exc)).rstrip()
        else:
            detail = _student_tb(exc, config.student_dir)
        if isinstance(exc, SyntaxError):
            error = {"kind": "syntax", "text": str(exc.msg)}
        else:
            error = _error(exc, stub=config.stub)
        _send(wire.failure(config.nonce, 0, error, detail))
        return None
    _send(wire.answer(config.nonce, 0, None))
    return module


def _answer(request, module, public, make_callback, config):
    """The record answering one request."""
    rid, name = request["id"], request["name"]
    if request["kind"] == "drive":
        fn = public.DRIVERS[name]
        args = [module] + [_resolve(a, public, make_callback) for a in request["args"]]
    else:
        fn = getattr(module, name, None)
        if not callable(fn):
            return wire.failure(config.nonce, rid, {"kind": "not_found", "function": name})
        args = [_resolve(a, public, make_callback) for a in request["args"]]
    kwargs = {k: _resolve(v, public, make_callback)
              for k, v in request.get("kwargs", {}).items()}
    value = fn(*args, **kwargs)
    try:
        value = to_plain(value)
    except _BadReturn as why:
        return wire.failure(config.nonce, rid, {"kind": "bad_return", "function": name,
                                                "why": str(why)})
    return wire.answer(config.nonce, rid, value)


def serve(req, module, public, config):
    """Answer requests until the grader closes the pipe: calls, and
    "import" (a new version of the module: ``import_student`` again)."""
    while True:
        line = req.readline()
        if not line:
            break
        request = json.loads(line)
        if type(request) is not dict or "kind" not in request:
            continue  # an answer to a callback nobody waited for (the student's forgery)
        if request["kind"] == "import":
            module = import_student(config)
            if module is None:
                return  # as after a first import that failed
            continue
        rid = request["id"]
        name = request["name"]
        _Current.rid = rid

        def make_callback(index, label, rid=rid):
            return _callback(config.nonce, rid, index, label, req)
        try:
            _send(_answer(request, module, public, make_callback, config))
        except BaseException as exc:  # noqa: B902 -- report, never die on student code
            _send(wire.failure(config.nonce, rid, _error(exc, name, config.stub),
                               _student_tb(exc, config.student_dir)))


def main():
    req = os.fdopen(REQ_FD, "r", encoding="utf-8")
    config, public, guard = configure(req)
    confine(config, guard)
    del guard
    _send(wire.answer(config.nonce, -1, {"uid": os.getuid(), "pid": os.getpid()}))
    module = import_student(config)
    if module is not None:
        serve(req, module, public, config)


if __name__ == "__main__":
    main()
