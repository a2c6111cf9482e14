"""The parent side of the sandbox: one child process per student module.

Student code never runs in the grader's process. A ``Session`` copies the
student's files into a fresh folder, starts ``child.py`` there in its own
session (process group) with resource limits, and talks to it over two
private pipes: requests in, answers out. Answers are plain JSON data tagged
with a per-run nonce; anything else (a missing, malformed or foreign record,
EOF, a timeout) is a failed call, never a pass. When a call fails the child
is killed with its whole process group, and the next call starts a new one.
"""

import json
import os
import secrets
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from grading.check import StudentError

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

DEFAULT_LIMITS = {
    "call_timeout": 5.0,      # wall seconds per call
    "import_timeout": 10.0,   # wall seconds to import the module
    "cpu_seconds": 60,        # RLIMIT_CPU for one child
    "memory_mb": 1024,        # RLIMIT_AS for one child
    "output_kb": 256,         # RLIMIT_FSIZE: the student's stdout/stderr file
    "reply_kb": 4096,         # largest answer read back
}


def _copy_submission(submission_dir, dest):
    """Copy the student's top-level .py files (only those) into ``dest``."""
    os.makedirs(dest)
    if not os.path.isdir(submission_dir):
        return
    for name in sorted(os.listdir(submission_dir)):
        src = os.path.join(submission_dir, name)
        if name.endswith(".py") and os.path.isfile(src) and not os.path.islink(src):
            shutil.copyfile(src, os.path.join(dest, name))


class Session:
    """The student's module ``module`` from ``submission_dir``, in a child."""

    def __init__(self, submission_dir, module, allowed_imports=(), limits=None):
        self.submission_dir = os.path.abspath(submission_dir)
        self.module = module
        self.allowed_imports = list(allowed_imports)
        self.limits = dict(DEFAULT_LIMITS, **(limits or {}))
        self.nonce = secrets.token_hex(16)
        self.proc = None
        self.import_error = None
        self._next_id = 1
        self._buf = b""
        self.workdir = tempfile.mkdtemp(prefix="minigrad-sbx-")
        os.chmod(self.workdir, 0o755)
        self.student_dir = os.path.join(self.workdir, "student")
        _copy_submission(self.submission_dir, self.student_dir)
        shutil.copyfile(os.path.join(HERE, "child.py"), os.path.join(self.workdir, "child.py"))
        shutil.copytree(os.path.join(HERE, "public"), os.path.join(self.workdir, "_public"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        self.extra_paths = []
        if "minigrad" in self.allowed_imports:
            lib = os.path.join(self.workdir, "lib")
            shutil.copytree(os.path.join(ROOT, "minigrad"), os.path.join(lib, "minigrad"),
                            ignore=shutil.ignore_patterns("__pycache__"))
            self.extra_paths.append(lib)
        self.scratch = os.path.join(self.workdir, "scratch")
        os.makedirs(self.scratch)
        self.output_path = os.path.join(tempfile.mkdtemp(prefix="minigrad-out-"), "output.txt")

    # -- process management --

    def _limits_preexec(self):
        import resource
        lim = self.limits
        cpu = int(lim["cpu_seconds"])
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        mem = int(lim["memory_mb"]) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        out = int(lim["output_kb"]) * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (out, out))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    def start(self):
        """Start the child and import the module. Returns None, or the
        ``StudentError`` that importing it raised (also kept in
        ``self.import_error``)."""
        self.close_child()
        req_r, req_w = os.pipe()
        resp_r, resp_w = os.pipe()
        out = open(self.output_path, "ab")
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"}
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-I", "-S", os.path.join(self.workdir, "child.py"),
                 str(req_r), str(resp_w)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=out, cwd=self.scratch,
                env=env, pass_fds=(req_r, resp_w), start_new_session=True,
                preexec_fn=self._limits_preexec, close_fds=True)
        finally:
            out.close()
            os.close(req_r)
            os.close(resp_w)
        self._req = os.fdopen(req_w, "w", encoding="utf-8")
        self._resp = resp_r
        self._buf = b""
        cfg = {"nonce": self.nonce, "module": self.module, "student_dir": self.student_dir,
               "extra_paths": self.extra_paths,
               "display_dir": os.path.relpath(self.submission_dir)
               if self.submission_dir.startswith(os.getcwd()) else self.submission_dir}
        try:
            self._send(cfg)
            self._receive(0, self.limits["import_timeout"], "while %s.py was imported"
                          % self.module)
            self.import_error = None
        except StudentError as err:
            if err.kind not in ("import",):
                err.kind, err.message = "import", err.message
            self.import_error = err
            self.close_child()
        return self.import_error

    def _send(self, record):
        self._req.write(json.dumps(record, allow_nan=True) + "\n")
        self._req.flush()

    def _receive(self, rid, timeout, during):
        deadline = time.monotonic() + timeout
        limit = self.limits["reply_kb"] * 1024
        while True:
            nl = self._buf.find(b"\n")
            if nl >= 0:
                line, self._buf = self._buf[:nl], self._buf[nl + 1:]
                return self._parse(line, rid, during)
            if len(self._buf) > limit:
                self.close_child()
                raise StudentError("bad_return", "your answer %s was larger than %d KB"
                                   % (during, self.limits["reply_kb"]))
            left = deadline - time.monotonic()
            if left <= 0:
                self.close_child()
                raise StudentError("timeout", "your code did not finish within %.0f s %s "
                                   "(an infinite loop, or far too slow)" % (timeout, during))
            ready, _, _ = select.select([self._resp], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._resp, 65536)
            if not chunk:
                raise self._death(during)
            self._buf += chunk

    def _death(self, during):
        """The child closed its answer pipe: say how it ended."""
        proc = self.proc
        try:
            code = proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        self.close_child()
        if code is not None and code < 0:
            sig = -code
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig
            if sig == signal.SIGXCPU:
                return StudentError("timeout", "your code used up its CPU time %s" % during)
            if sig == signal.SIGXFSZ:
                return StudentError("output", "your code printed more than %d KB %s"
                                    % (self.limits["output_kb"], during))
            return StudentError("crash", "the Python running your code crashed (%s) %s"
                                % (name, during))
        return StudentError("exit", "your code ended the process (exit status %s) %s; "
                            "a step must return its answer" % (code, during))

    def _parse(self, line, rid, during):
        try:
            record = json.loads(line.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            self.close_child()
            raise StudentError("bad_return", "the grader got a malformed answer %s" % during)
        if type(record) is not dict or record.get("nonce") != self.nonce \
                or record.get("id") != rid:
            self.close_child()
            raise StudentError("bad_return", "the grader got an answer it did not ask for %s "
                               "(something wrote to the grader's private channel)" % during)
        if record.get("ok") is True:
            return record.get("value")
        raise StudentError(str(record.get("kind", "exception")),
                           str(record.get("message", "your code failed %s" % during)),
                           detail=str(record.get("detail", "")))

    # -- calls --

    def _request(self, kind, name, args, kwargs, timeout, during):
        if self.proc is None:
            err = self.start()
            if err is not None:
                raise err
        rid = self._next_id
        self._next_id += 1
        wire_args = [_to_wire(a) for a in args]
        wire_kwargs = {k: _to_wire(v) for k, v in (kwargs or {}).items()}
        try:
            self._send({"id": rid, "kind": kind, "name": name, "args": wire_args,
                        "kwargs": wire_kwargs})
        except (BrokenPipeError, OSError):
            raise self._death(during)
        return self._receive(rid, timeout or self.limits["call_timeout"], during)

    def call(self, name, args=(), kwargs=None, timeout=None):
        """``module.name(*args, **kwargs)`` in the child; plain data back."""
        return self._request("call", name, args, kwargs, timeout, "in %s()" % name)

    def drive(self, driver, args=(), kwargs=None, timeout=None):
        """``public.DRIVERS[driver](module, *args)`` in the child."""
        return self._request("drive", driver, args, kwargs, timeout, "in %s" % driver)

    def output(self, limit=4000):
        """The tail of what the student's code printed."""
        try:
            with open(self.output_path, "rb") as f:
                data = f.read()
        except OSError:
            return ""
        text = data.decode("utf-8", "replace")
        return text if len(text) <= limit else "...\n" + text[-limit:]

    def close_child(self):
        proc, self.proc = self.proc, None
        if proc is None:
            return
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        for f in (getattr(self, "_req", None),):
            try:
                if f:
                    f.close()
            except OSError:
                pass
        try:
            os.close(self._resp)
        except (OSError, AttributeError):
            pass
        self._req = None

    def close(self):
        self.close_child()
        shutil.rmtree(self.workdir, ignore_errors=True)
        shutil.rmtree(os.path.dirname(self.output_path), ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _to_wire(x):
    if hasattr(x, "to_wire"):
        return x.to_wire()
    if isinstance(x, (list, tuple)):
        return [_to_wire(v) for v in x]
    if isinstance(x, dict):
        return {k: _to_wire(v) for k, v in x.items()}
    return x


class Student:
    """What a check's ``student`` argument is: calls into the sandbox."""

    def __init__(self, session, timeout=None):
        self._session = session
        self._timeout = timeout

    @property
    def module(self):
        return self._session.module

    def call(self, name, *args, **kwargs):
        """Call the student's ``name(*args, **kwargs)``; returns plain data or
        raises ``StudentError``."""
        return self._session.call(name, args, kwargs, timeout=self._timeout)

    def drive(self, driver, *args, **kwargs):
        """Run the public driver ``grading.public.DRIVERS[driver]`` on the
        student's module in the child (for class-based steps)."""
        return self._session.drive(driver, args, kwargs, timeout=self._timeout)
