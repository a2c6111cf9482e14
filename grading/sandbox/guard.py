"""The in-child guard: an audit hook (PEP 578) that refuses what grading never needs.

``child.py`` calls ``install(...)`` after it has dropped privileges and
before it imports the student's module. From then on every audited action
in the child passes through the hook, which refuses (raises
``PermissionError`` with a message a student can read):

- opening a file for writing anywhere (but /dev/null): no step writes a
  file, and the child's working folder is read-only;
- opening a file for reading outside the sandbox folder, the Python
  standard library, /dev/null and /dev/urandom; listing such folders; the
  standard library's ``site-packages`` (and ``dist-packages``) folders are
  not part of it: what is installed there (sympy, numpy, a ``pip install``ed
  minigrad) is a library an exercise may not allow;
- changing the file system anywhere (remove, rename, mkdir, chmod, chown,
  utime, truncate), making any symlink or hard link, and changing the
  working folder (so a relative path always means the same file: the hook
  resolves it against the folder it saw at install time);
- adding another audit hook (one that runs before this one could change a
  path between this hook's check and the call);
- ``os.open`` of a directory (a directory fd would let ``dir_fd=`` reach
  past the checks: the audit event does not show ``dir_fd``);
- creating processes (os.system, os.exec*, os.spawn*, os.fork, os.forkpty,
  os.posix_spawn, subprocess.Popen) and threads (also refused by the
  kernel: the child runs with RLIMIT_NPROC = 0);
- loading an extension module (native code) from outside the readable
  roots;
- ctypes (every ``ctypes.*`` event) and importing ctypes, _ctypes,
  _posixsubprocess, subprocess, multiprocessing, socket, pty, mmap and the
  CPython test modules;
- importing again a built-in or extension module that was already loaded
  (``sys.modules.pop("posix")`` then ``import posix``): a fresh copy would
  bring back the functions ``child.py`` removed;
- ``gc.get_objects`` / ``get_referrers`` / ``get_referents``;
- ``sys.settrace`` / ``sys.setprofile`` / ``sys.monitoring`` callbacks (a
  tracer could rewrite the hook's own local variables mid-call);
- sockets, ``os.kill``/``os.killpg`` of any process but the child itself,
  and ``resource.setrlimit``/``prlimit``.

``sys._getframe`` is allowed: namedtuple, enum, typing and traceback use it,
and the child's frames hold nothing worth stealing (no check, no expected
value ever enters the child; see ``child.py``).

The hook cannot be removed, and it is written so the student's code cannot
change what it decides: it reads no global and no builtin at call time
(everything it uses is bound as a default argument when it is defined), it
holds its data in tuples and strings, it never calls a method of an object
the student passed (paths are copied to exact ``str`` with ``str.__add__``
first; other path types are refused), and it resolves symlinks itself with
``posix.lstat``/``posix.readlink``. It is still code in the same process as
hostile code: defence in depth. The boundary is the separate, unprivileged
process (see ``sandbox.py``).
"""

import importlib.machinery
import os
import posix
import stat as _stat_module
import sys

try:
    from grading.sandbox import wire  # in the grader's process
except ImportError:
    import wire  # in the sandbox: copied next to this file (child.py imports it first)

MARK = wire.FORBIDDEN_MARK

_DENIED_IMPORTS = (
    "ctypes", "_ctypes", "_posixsubprocess", "subprocess", "multiprocessing",
    "_multiprocessing", "_posixshmem", "socket", "_socket", "pty", "mmap",
    "_testcapi", "_testinternalcapi", "_testbuffer", "_testmultiphase",
    "_xxsubinterpreters", "_xxinterpchannels", "_interpreters", "_interpqueues",
    "_interpchannels", "resource",
    # C modules that open files or signal processes without an audit event
    "readline", "rlcompleter", "_sqlite3", "sqlite3", "_dbm", "_gdbm", "dbm", "fcntl",
    "termios", "_curses", "curses", "_tkinter",
)
_PROCESS_EVENTS = (
    "os.system", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "os.forkpty",
    "os.startfile", "subprocess.Popen", "pty.spawn", "_posixsubprocess.fork_exec",
)
_THREAD_EVENTS = ("_thread.start_new_thread", "_thread.start_joinable_thread")
_INTROSPECTION_EVENTS = (
    "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys.settrace",
    "sys.setprofile", "sys.monitoring.register_callback",
    "sys.monitoring.set_events", "sys.monitoring.set_local_events",
    "resource.setrlimit", "resource.prlimit", "sys.remote_exec", "sys.addaudithook",
)
# event -> indexes of path arguments that must lie in a writable root (there is
# none now), index of dir_fd
_MUTATIONS = {
    "os.remove": ((0,), (1,)), "os.rmdir": ((0,), (1,)), "os.mkdir": ((0,), (2,)),
    "os.rename": ((0, 1), (2, 3)), "os.chmod": ((0,), (2,)), "os.chown": ((0,), (3,)),
    "os.utime": ((0,), (3,)), "os.truncate": ((0,), ()), "os.chflags": ((0,), ()),
    "os.lchflags": ((0,), ()), "os.setxattr": ((0,), ()), "os.removexattr": ((0,), ()),
    "os.mknod": ((0,), (2,)), "os.mkfifo": ((0,), (2,)),
    "shutil.rmtree": ((0,), (1,)), "shutil.chown": ((0,), ()),
}
_MUTATIONS = tuple(sorted((k, v[0], v[1]) for k, v in _MUTATIONS.items()))


def install(sandbox_dir, scratch_dir, read_roots=()):
    """Add the hook. ``sandbox_dir``, ``scratch_dir`` (the working folder,
    read-only) and ``read_roots`` may be read, and the standard library;
    nothing may be written."""
    real = os.path.realpath
    stdlib = [os.path.dirname(os.__file__)]
    for p in sys.path:
        if p and os.path.isdir(p) and real(p).startswith(
                (real(sys.base_prefix), real(sys.prefix), real(sys.exec_prefix))):
            stdlib.append(p)
    readable = tuple(sorted({real(p) for p in [sandbox_dir, scratch_dir] + stdlib
                             + list(read_roots)}))
    own = tuple(sorted({real(p) for p in [sandbox_dir, scratch_dir] + list(read_roots)}))
    writable = ()  # nothing: no step writes a file (the child's folder is read-only)
    hook = _make_hook(readable, writable, os.getpid(), _native_names(), posix.getcwd(),
                      own=own)
    sys.addaudithook(hook)


def _native_names():
    """Every built-in or extension module loaded so far: (full names, last
    name parts).

    Such a module imported again is a fresh copy: the functions ``child.py``
    removed would be back. Native code loaded from a file picks its init
    function by the last part of the name, so ``x.select`` loaded from
    ``select``'s file counts as ``select``."""
    # (importlib.machinery is imported with this module: after the chroot
    # the standard library may be out of reach)
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    names = set(sys.builtin_module_names)
    for name, module in list(sys.modules.items()):
        spec = getattr(module, "__spec__", None)
        origin = getattr(spec, "origin", None) or getattr(module, "__file__", None) or ""
        if origin == "built-in" or (isinstance(origin, str) and origin.endswith(suffixes)):
            names.add(name)
    return tuple(sorted(names)), tuple(sorted({n.rpartition(".")[2] for n in names}))


# Folders inside the standard library's tree that hold installed packages,
# not the standard library (red team 5: without root, a math-only module put
# site-packages on sys.path and imported sympy; the child runs with -S, so
# nothing there is ever needed).
INSTALLED = ("site-packages", "dist-packages")


def _make_hook(readable, writable, own_pid, native_names=((), ()), cwd=None, own=()):
    """Build the hook: everything it uses is bound now, as a default
    argument (student code can patch builtins and modules, but not these
    bindings); ``_hook_pieces`` below is what it does with them."""
    o_write = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def hook(event, args,
             _type=type, _str=str, _bytes=bytes, _int=int, _len=len,
             _OSError=OSError, _PermissionError=PermissionError,
             _add=str.__add__, _split=str.split, _join=str.join,
             _startswith=str.startswith, _decode=bytes.decode, _rpartition=str.rpartition,
             _lstat=posix.lstat, _stat=posix.stat, _readlink=posix.readlink,
             _cwd=cwd or posix.getcwd(), _islnk=_stat_module.S_ISLNK,
             _isdir=_stat_module.S_ISDIR,
             _readable=readable, _writable=writable, _own_pid=own_pid,
             _own=tuple(own), _installed=INSTALLED,
             _own_pgid=os.getpgid(0), _denied_imports=tuple(_DENIED_IMPORTS),
             _mutations=_MUTATIONS, _process_events=_PROCESS_EVENTS,
             _thread_events=_THREAD_EVENTS, _introspection=_INTROSPECTION_EVENTS,
             _mark=MARK, _o_write=o_write,
             _always_readable=("/dev/null", "/dev/urandom", "/dev/random"),
             _native=tuple(native_names[0]), _native_last=tuple(native_names[1])):
        # The pieces below are made anew on every call, from the default
        # arguments only. A piece the student's code reaches (a refusal's
        # traceback holds the frames, and their f_locals) and rewrites
        # (__code__, __defaults__) is gone by the next event: a piece made
        # once, outside the hook, would stay rewritten.

        # -- 1. refusing, and reading a path argument ------------------------

        def deny(what):
            raise _PermissionError("your code tried to %s, %s" % (what, _mark))

        def is_str(p):
            t = _type(p)
            for base in t.__mro__ if _type(t) is _type else ():
                if base is _str:
                    return True
            return False

        def plain(p):
            """An exact str copy of a path argument, an int fd, or None."""
            t = _type(p)
            if t is _int:
                return p
            if t is _bytes:
                return _decode(p, "utf-8", "surrogateescape")
            if is_str(p):
                return _add("", p)
            return None

        def resolve(p):
            """The physical absolute path ``p`` names (symlinks followed)."""
            if not _startswith(p, "/"):
                # the folder the child was in at install time: it cannot
                # change (os.chdir and os.fchdir are refused)
                p = _add(_add(_cwd, "/"), p)
            todo = _split(p, "/")
            todo.reverse()
            done = []
            hops = 0
            while todo:
                part = todo.pop()
                if part == "" or part == ".":
                    continue
                if part == "..":
                    if done:
                        done.pop()
                    continue
                here = _add("/", _join("/", done + [part]))
                try:
                    st = _lstat(here)
                except _OSError:
                    done.append(part)
                    continue
                if _islnk(st.st_mode):
                    hops += 1
                    if hops > 40:
                        return "/(symlink loop)"
                    target = _readlink(here)
                    if _startswith(target, "/"):
                        done = []
                    more = _split(target, "/")
                    more.reverse()
                    todo.extend(more)
                    continue
                done.append(part)
            return _add("/", _join("/", done))

        def under(path, roots):
            for r in roots:
                if path == r or r == "/" or _startswith(path, _add(r, "/")):
                    return True
            return False

        def path_ok(p, roots, what, extra=()):
            """The resolved path ``p`` if it lies in ``roots`` (or ``extra``);
            an int fd as it is; else refused."""
            q = plain(p)
            if q is None:
                deny("%s a path given as a non-str object (use a plain str)" % what)
            if _type(q) is _int:
                return q
            if "\x00" in q:
                deny("%s a path with a NUL byte" % what)
            real = resolve(q)
            if under(real, ("/proc", "/dev/fd")) or _startswith(q, "/proc") \
                    or _startswith(q, "/dev/fd"):
                # magic links there (cwd, root, fd/N) lead where the path
                # text does not say
                deny("%s %s" % (what, q))
            if real in extra:
                return real
            if under(real, roots):
                if roots is _readable and not under(real, _own):
                    for part in _split(real, "/"):
                        if part in _installed:
                            deny("%s %s (installed packages are not part of this "
                                 "exercise)" % (what, real))
                return real
            deny("%s %s" % (what, real))

        # -- 2. the rules, one group of events each ----------------------------

        def on_files():
            """open, listing, changes, links, chdir: True when judged."""
            if event == "open":
                path, mode, flags = args[0], args[1], args[2]
                if mode is None:  # os.open: flags decide
                    writing = (flags & _o_write) != 0
                else:
                    m = plain(mode)
                    writing = m is None or "w" in m or "a" in m or "x" in m or "+" in m
                if writing:
                    real = path_ok(path, _writable, "open for writing", ("/dev/null",))
                else:
                    real = path_ok(path, _readable, "open", _always_readable)
                if mode is None and _type(real) is _str:
                    try:
                        if _isdir(_stat(real).st_mode):
                            deny("os.open() the folder %s" % real)
                    except _OSError:
                        pass
                return True
            if event == "os.chdir":
                # a relative path checked here must mean the same file when
                # the call runs: the working folder never changes
                target = plain(args[0]) if args else None
                if _type(target) is not _str:
                    deny("change the working folder (fchdir)")
                deny("change the working folder to %s" % target)
            if event == "os.listdir" or event == "os.scandir":
                if args and args[0] is not None:
                    path_ok(args[0], _readable, "list the folder")
                return True
            if event == "os.symlink" or event == "os.link":
                deny("make a link (%s)" % event)
            for name, paths, dirfds in _mutations:
                if event == name:
                    for i in dirfds:
                        fd = args[i] if i < _len(args) else None
                        if fd is not None and (_type(fd) is not _int
                                               or (fd != -1 and fd != -100)):
                            deny("use %s with dir_fd" % event)
                    for i in paths:
                        if i < _len(args):
                            path_ok(args[i], _writable, "change (%s)" % event)
                    return True
            return False

        def on_import():
            """No denied module, native code only from the readable roots, no
            second copy of a native module already loaded."""
            name = plain(args[0])
            if name is None:
                deny("import a module by a non-str name")
            top = _split(name, ".")[0]
            if top in _denied_imports:
                deny("import %s" % name)
            # an extension module (native code) loaded from a file: only from
            # the readable roots, never from scratch (the student could write
            # any .so there)
            if _len(args) > 1 and args[1] is not None:
                real = path_ok(args[1], _readable, "load native code from")
                if under(real, _writable):
                    deny("load native code from %s" % real)
            if name in _native or (_len(args) > 1 and args[1] is not None
                                   and _rpartition(name, ".")[2] in _native_last):
                # it was loaded before the student's code ran: importing it
                # again would give back what the grader removed from it
                deny("import %s again (a built-in module already loaded)" % name)

        def on_processes():
            """Processes, threads, ctypes, sockets, introspection, signals:
            only the child may signal itself."""
            if event in _process_events:
                deny("start another process (%s)" % event)
            if event in _thread_events:
                deny("start a thread")
            if _startswith(event, "ctypes."):
                deny("use ctypes (%s)" % event)
            if _startswith(event, "socket."):
                deny("use the network (%s)" % event)
            if event in _introspection:
                deny("call %s" % event)
            if event == "os.kill":
                pid = args[0]
                if _type(pid) is not _int or (pid != 0 and pid != _own_pid):
                    deny("send a signal to another process")
            elif event == "os.killpg":
                pgid = args[0]
                if _type(pgid) is not _int or pgid != _own_pgid:
                    deny("send a signal to another process group")

        # -- 3. the event goes to its rule --------------------------------------

        if on_files():
            return
        if event == "import":
            on_import()
            return
        on_processes()

    return hook
