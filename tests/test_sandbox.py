"""The sandbox, defence by defence (``grading/sandbox/``: ``session.py``,
``child.py``, ``guard.py``, ``wire.py``).

Each test starts a real child on a small student module and asserts what the
student's code could or could not do, and what it is told. Layers are tested
on their own where it matters: ``{"user": ""}`` keeps our user (audit hook
only), ``{"guard": False}`` drops the hook (unprivileged user and kernel
limits only; needs root). Its time limits (code that spins or sleeps, the
wall-clock backstop, restarts) are tested in ``test_time_limits.py``.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import pytest

from grading.check import Callback, StudentError
from grading.sandbox import Session, batch_uids, session_members, student_user
from tests.helpers import FAST, ROOT, refused, session


IS_ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="the change of user needs root")

PROBE = '''
import math
os = __import__("os")
sys = __import__("sys")


def square(x):
    return x * x


def read(path):
    with open(path, "rb") as f:
        return len(f.read())


def write(path, text="x"):
    with open(path, "w") as f:
        f.write(text)
    return "wrote"


def call(module, name, *args):
    return repr(getattr(__import__(module), name)(*args))


def ids():
    return [os.getuid(), os.geteuid(), os.getgid(), os.getgroups(), os.getpid(),
            os.getsid(0), os.getcwd()]


def fork():
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    return pid


def thread():
    __import__("_thread").start_new_thread(lambda: None, ())
    return "started"


def dirfd_escape(scratch):
    fd = os.open(scratch, os.O_RDONLY)
    return os.open("../../../../../../../etc/hostname", os.O_RDONLY, dir_fd=fd)


def str_subclass_path(target):
    class Liar(str):
        def startswith(self, *a):
            return True

        def __eq__(self, other):
            return True
        __hash__ = str.__hash__
    return read(Liar(target))


def pathlike(target):
    class P:
        n = 0

        def __fspath__(self):
            P.n += 1
            return "/dev/null" if P.n == 1 else target
    with open(P(), "rb") as f:
        return len(f.read())


def os_open_pathlike(target):
    class P:
        def __fspath__(self):
            return target
    return os.open(P(), os.O_RDONLY)


def native(so_path):
    """Copy an extension module into scratch and load it from there."""
    with open(so_path, "rb") as f:
        data = f.read()
    with open("mine.so", "wb") as f:
        f.write(data)
    util = __import__("importlib.util").util
    spec = util.spec_from_file_location(so_path.split("/")[-1].split(".")[0],
                                        os.path.abspath("mine.so"))
    return repr(__import__("_imp").create_dynamic(spec))


def settrace():
    sys.settrace(lambda *a: None)
    return "traced"


def steal_hook_frame(target):
    """Get the hook's frame from a refused call's traceback; rewrite what
    it holds; try again."""
    try:
        open(target)
    except PermissionError as exc:
        tb = exc.__traceback__
        while tb is not None:
            loc = tb.tb_frame.f_locals
            for k in list(loc):
                if k.startswith("_readable"):
                    try:
                        tb.tb_frame.f_locals[k] = ("/",)
                    except Exception:
                        pass
            tb = tb.tb_next
    return read(target)


def rewrite_hook_pieces(target):
    """Reach the hook's pieces (functions) through a refused call's
    traceback, rewrite their code and defaults to allow everything; try
    again. (Pieces made once, outside the hook, would stay rewritten.)"""
    allow = (lambda *a, **k: None).__code__
    try:
        open(target)
    except PermissionError as exc:
        tb = exc.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if type(value).__name__ == "function":
                    for attr, new in (("__code__", allow), ("__defaults__", None),
                                      ("__kwdefaults__", None)):
                        try:
                            setattr(value, attr, new)
                        except Exception:
                            pass
            tb = tb.tb_next
    return read(target)


def reopen_stdout():
    with open("/proc/self/fd/1", "a") as f:
        f.write("overwrite")
    return "reopened"


def use(f, times, arg):
    global kept
    kept = f
    return [f(arg) for _ in range(times)]


def use_kept(arg):
    return kept(arg)


def add_hook():
    seen = []
    sys.addaudithook(lambda *a: seen.append(a))
    open("/dev/null").close()
    return len(seen)  # CPython drops a hook that an earlier hook refused, silently


def chdir(path):
    os.chdir(path)
    return os.getcwd()


def poke(pid):
    os.kill(pid, 0)  # signal 0: only asks the kernel whether a signal may be sent
    return "reached"


def installed(folder, name):
    sys.path.append(folder)
    return __import__(name).__name__
'''


@pytest.fixture
def submission():
    base = tempfile.mkdtemp(prefix="minigrad-sbxtest-", dir="/tmp")
    os.chmod(base, 0o755)
    with open(os.path.join(base, "probe.py"), "w") as f:
        f.write(PROBE)
    yield base
    import shutil
    shutil.rmtree(base, ignore_errors=True)


def test_an_honest_call_works_and_student_user_is_unprivileged(submission):
    s = session(submission)
    try:
        assert s.call("square", (1.5,)) == 2.25
        uid, euid, gid, groups, pid, sid, cwd = s.call("ids")
        assert sid == pid, "the child leads its own session"
        # as root the child is shut in the sandbox folder (chroot): there
        # its scratch folder is /scratch
        assert cwd in (os.path.realpath(s.scratch), "/scratch")
        if IS_ROOT:
            name, want_uid, want_gid = student_user()
            assert (uid, euid, gid, groups) == (want_uid, want_uid, want_gid, [])
            assert want_uid != 0
    finally:
        s.close()


@pytest.mark.parametrize("layer", [{}, {"user": ""}])
def test_guard_refuses_reading_outside_the_sandbox(submission, layer):
    s = session(submission, **layer)
    try:
        here = os.path.abspath(__file__)
        err = refused(s, "read", here)
        assert err.kind == "forbidden"
        assert "your code tried to open %s, which is not allowed during grading" % here \
            in err.message
        assert "in read()" in err.message and "scores 0" in err.message
        assert s.call("read", ("/dev/null",)) == 0
        # relative to scratch, the same in a chroot (as root) and outside one
        assert s.call("read", (os.path.join("..", "student", "probe.py"),)) == len(PROBE)
        assert s.call("call", ("math", "sqrt", 2.0)) == repr(2.0 ** 0.5)
    finally:
        s.close()


@pytest.mark.parametrize("layer", [{}, {"user": ""}])
def test_guard_refuses_writing_anywhere(submission, layer):
    """Issue 12 (finding 5): no step needs a place to write, so the child has
    none, not even its working folder: it cannot fill the disk."""
    s = session(submission, **layer)
    try:
        target = os.path.join(submission, "planted.txt")
        err = refused(s, "write", target)
        assert err.kind == "forbidden" and "open for writing %s" % target in err.message
        assert not os.path.exists(target)
        err = refused(s, "write", "notes.txt")
        assert err.kind == "forbidden" and "open for writing" in err.message
        assert os.listdir(s.scratch) == []
        err = refused(s, "write", os.path.join(s.scratch, "..", "child.py"))
        assert err.kind == "forbidden"
        assert s.call("write", ("/dev/null",)) == "wrote"
    finally:
        s.close()


def test_guard_sees_through_tricks_with_paths(submission):
    """dir_fd, a str subclass with rigged methods, a path object that
    changes its answer, the hook's own frame: none gets a read through."""
    s = session(submission, user="", output_kb=4096)  # room to write a .so
    try:
        assert refused(s, "dirfd_escape", s.scratch).kind == "forbidden"
        here = os.path.abspath(__file__)
        assert refused(s, "str_subclass_path", here).kind == "forbidden"
        # io.open calls __fspath__ once and audits and opens that one answer
        # (here /dev/null); os.open with a path object is refused outright
        try:
            got = s.call("pathlike", (here,))
        except StudentError as err:
            assert err.kind == "forbidden"
        else:
            assert got == 0
        assert refused(s, "os_open_pathlike", here).kind == "forbidden"
        assert refused(s, "steal_hook_frame", here).kind == "forbidden"
        assert refused(s, "rewrite_hook_pieces", here).kind == "forbidden"
        assert refused(s, "settrace").kind == "forbidden"
        so = [os.path.join(d, f) for d in sys.path if d.endswith("lib-dynload")
              and os.path.isdir(d) for f in sorted(os.listdir(d)) if f.startswith("_bisect")]
        if so:
            err = refused(s, "native", so[0])
            # nothing can be written, so nothing to load (issue 12, finding 5)
            assert err.kind == "forbidden" and "open for writing" in err.message
    finally:
        s.close()


@pytest.mark.parametrize("layer", [{}, {"user": ""}] + ([{"guard": False}] if IS_ROOT else []))
def test_no_process_and_no_thread(submission, layer):
    s = session(submission, **layer)
    try:
        err = refused(s, "fork")
        assert err.kind in ("forbidden", "exception")
        assert "os.fork" in err.message or "Resource temporarily unavailable" in err.message
        if layer.get("guard", True) is False or sys.version_info >= (3, 12) or IS_ROOT \
                and layer.get("user", "auto"):
            # the kernel (RLIMIT_NPROC = 0 for a non-root user) or the
            # _thread.start_new_thread audit event (3.12+) refuses it
            assert refused(s, "thread").kind in ("forbidden", "exception")
        pid = s.proc.pid
    finally:
        s.close()
    assert session_members(pid) == []


@needs_root
def test_unprivileged_user_alone_holds(submission):
    """Without the hook: the student user cannot write our files, reopen
    its own output file by path, or read a go-rwx file."""
    secret = os.path.join(submission, "secret.txt")
    with open(secret, "w") as f:
        f.write("expected = 42")
    os.chmod(secret, 0o600)
    s = session(submission, guard=False)
    try:
        message = refused(s, "read", secret).message  # the chroot hides it, or the uid
        assert "Permission denied" in message or "No such file" in message
        message = refused(s, "write", secret).message  # hidden by the chroot, or the uid
        assert "Permission denied" in message or "No such file" in message
        message = refused(s, "reopen_stdout").message  # no /proc in the chroot, or the uid
        assert "Permission denied" in message or "No such file" in message
        # nor its own working folder (issue 12, finding 5): the kernel
        # refuses, the guard is off
        message = refused(s, "write", "ok.txt").message
        assert "Permission denied" in message or "Read-only" in message
        assert os.listdir(s.scratch) == []
    finally:
        s.close()


@pytest.mark.parametrize("layer", [{}, {"user": ""}] + ([{"guard": False}] if IS_ROOT else []))
def test_the_kernel_kills_the_child_before_the_grader(submission, layer):
    """Issue 12: every child starts with oom_score_adj 1000, and its code
    cannot lower it (no /proc in the chroot, the hook, or no privilege)."""
    s = session(submission, **layer)
    try:
        path = "/proc/%d/oom_score_adj" % s.proc.pid
        with open(path) as f:
            assert f.read().strip() == "1000"
        try:
            s.call("write", ("/proc/self/oom_score_adj", "0"))
        except StudentError:
            pass
        if IS_ROOT and layer != {"user": ""}:
            with pytest.raises(StudentError):
                s.call("write", ("/proc/self/oom_score_adj", "0"))
        with open(path) as f:
            assert f.read().strip() == "1000"
    finally:
        s.close()


@pytest.mark.skipif(not os.path.exists("/proc/self/comm"), reason="needs Linux /proc")
def test_cpu_time_is_read_whatever_the_process_calls_itself():
    """Red team 5: a process may rename itself (/proc/self/comm, prctl; the
    guard refuses both in the child, and the chroot has no /proc) to a name
    with ") " and numbers in it; the grader still reads its CPU time and
    its session right (the fields after the last ")")."""
    code = ("open('/proc/self/comm', 'w').write(') R 1 2 3 4 5 6 7 8')\n"
            "import time\nt = time.process_time()\n"
            "while time.process_time() - t < 0.7:\n    pass\ntime.sleep(30)\n")
    # spins 0.7 s: /proc counts CPU time in clock ticks, and may show 0.49 s for 0.5 s
    proc = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
    try:
        deadline = time.monotonic() + 10
        s = Session.__new__(Session)
        s.proc = proc
        while time.monotonic() < deadline and (s.cpu_seconds() or 0) < 0.5:
            time.sleep(0.05)
        with open("/proc/%d/comm" % proc.pid) as f:
            assert f.read().startswith(") R 1")
        assert 0.5 <= s.cpu_seconds() < 5
        assert session_members(proc.pid) == [proc.pid]
    finally:
        proc.kill()
        proc.wait()


def test_deep_values_never_crash_the_grader():
    """Issue 12: whatever the student sends, the grader's walks over it stay
    bounded: a record nested deeper than the child's to_plain allows is
    refused before json.loads, and the report helpers cut deep values."""
    import json
    from grading import check, report, runner
    from grading.sandbox import wire
    deep = 1.5
    for _ in range(5000):
        deep = [deep]
    line = json.dumps({"v": [[1, "[[[[{{{{"]]}).encode()
    assert wire.nesting(line) == 3
    shallow = 1.5
    for _ in range(20):
        shallow = [shallow]
    assert wire.nesting(json.dumps({"value": shallow}).encode()) <= wire.MAX_RECORD_DEPTH
    # the record as a hostile child would write it (json.dumps itself cannot
    # encode 5000 levels on every Python: 3.12 limits C recursion)
    text = ('{"value": ' + "[" * 5000 + "1.5" + "]" * 5000 + "}").encode()
    assert wire.nesting(text) > wire.MAX_RECORD_DEPTH
    assert len(check._fmt(deep)) < 400
    assert len(report._short(deep, 300)) <= 310
    assert json.dumps(report._jsonable(deep))
    assert isinstance(runner.bounded(deep), str)
    assert isinstance(report._wrong_entries(deep, deep), list)


def test_cleanup_removes_any_tree_and_never_follows_links(tmp_path):
    """Issue 12: a chain of folders 5000 deep (too deep for shutil.rmtree),
    an unreadable folder and a symlink out: all removed, nothing outside."""
    from grading.sandbox import remove_tree
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep")
    top = tmp_path / "work"
    top.mkdir()
    os.chdir(str(top))
    try:
        os.mkdir("d")
        for _ in range(5000):
            os.mkdir("n")
            os.rename("d", "n/d")
            os.rename("n", "d")
        os.makedirs("closed/inner")
        with open("closed/inner/f.txt", "w") as f:
            f.write("x")
        os.chmod("closed", 0)
        os.symlink(str(outside), "link")
        os.symlink(str(outside), "d/link")
    finally:
        os.chdir(str(tmp_path))
    assert remove_tree(str(top)) is True
    assert not top.exists()
    assert (outside / "keep.txt").read_text() == "keep"
    assert remove_tree(str(top)) is True  # already gone: no error


@needs_root
def test_batch_students_run_under_uids_of_their_own(submission):
    """Issue 12 (finding 2): in ``batch`` each student's child has a uid of
    its own (no account needed), so the kernel itself refuses a signal from
    one student's code to another's, with the audit hook off. Under one
    shared uid the same signal would go through."""
    with batch_uids(2) as uids:
        assert len(set(uids)) == 2 and all(u >= 60000 for u in uids)
        a = session(submission, guard=False, user=uids[0])
        b = session(submission, guard=False, user=uids[1])
        try:
            got_a, got_b = a.call("ids"), b.call("ids")
            assert got_a[:4] == [uids[0], uids[0], uids[0], []]
            assert got_b[:4] == [uids[1], uids[1], uids[1], []]
            err = refused(a, "poke", got_b[4])
            assert "Operation not permitted" in err.message
            # the student's files stay readable, the working folder writable by nobody
            assert a.call("read", (os.path.join("..", "student", "probe.py"),)) == len(PROBE)
            assert "Permission denied" in refused(a, "write", "notes.txt").message
        finally:
            a.close()
            b.close()
    shared = [session(submission, guard=False, user="nobody") for _ in range(2)]
    try:  # the reason: one uid for all, and the kernel lets the signal through
        assert shared[0].call("poke", (shared[1].call("ids")[4],)) == "reached"
    finally:
        for s in shared:
            s.close()


def test_two_batch_runs_at_once_never_share_a_uid(tmp_path):
    """A batch run holds its uids (a lock per uid) until it ends: another
    run meanwhile, in this process or another, gets others, so no student
    of one run shares a uid with a student of the other (a shared uid lets
    one's code signal the other's). Once a run ends its uids are free."""
    folder = tmp_path / "uids"
    other = ("import sys, time\nfrom grading.sandbox.session import batch_uids\n"
             "with batch_uids(2, folder=sys.argv[1]) as uids:\n"
             "    print(*uids, flush=True)\n    time.sleep(30)\n")
    with batch_uids(3, folder=str(folder)) as first:
        with batch_uids(2, folder=str(folder)) as second:
            assert not set(first) & set(second)
        proc = subprocess.Popen([sys.executable, "-c", other, str(folder)], cwd=ROOT,
                                stdout=subprocess.PIPE, universal_newlines=True)
        try:
            third = [int(u) for u in proc.stdout.readline().split()]
        finally:
            proc.kill()
            proc.wait()
        assert len(third) == 2 and not set(first) & set(third)
    with batch_uids(3, folder=str(folder)) as again:
        assert again == first  # all released: the lowest free ones again
    os.chmod(str(folder), 0o755)  # a folder others may enter could be tampered with
    with pytest.raises(ValueError, match="nobody else may enter"):
        with batch_uids(1, folder=str(folder)):
            pass


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="needs Linux /proc")
def test_a_large_batch_holds_its_uids_with_a_few_descriptors(tmp_path):
    """Red team 19: a descriptor per uid held made a batch of 1,100 students
    fail (EMFILE under the usual 1,024 descriptors; with more, every
    session's pipe got a descriptor past select()'s FD_SETSIZE, and every
    submission "the grader failed"). A lock holds a block of uids, the same
    blocks whatever the base, so runs from different bases never share one."""
    folder = str(tmp_path / "uids")
    before = len(os.listdir("/proc/self/fd"))
    with batch_uids(1100, folder=folder) as many:
        assert len(set(many)) == 1100
        assert len(os.listdir("/proc/self/fd")) - before < 40
        with batch_uids(5, base=many[-1] - 2, folder=folder) as other:
            assert len(set(other)) == 5 and not set(many) & set(other)


@needs_root
def test_a_killed_batch_run_leaves_its_uids_to_nobody(submission):
    """Red team 19: a batch run killed (SIGKILL, or the SIGTERM of
    ``timeout``) drops its locks, but its students' children live on under
    its uids (their own session; a sleeping child uses no CPU). The next run
    gave a correct student such a uid, and the leftover's kill(-1) ended
    that student's child (0 points). A uid a process still runs under is
    skipped, as one an account has."""
    run = ("import sys\nfrom grading.sandbox.session import Session, batch_uids\n"
           "with batch_uids(1) as (uid,):\n"
           "    s = Session(sys.argv[1], 'probe', ['math'], {'user': uid, 'guard': False})\n"
           "    assert s.start() is None\n"
           "    print(uid, s.proc.pid, s.workdir, s.output_path, flush=True)\n"
           "    sys.stdin.read()\n")
    proc = subprocess.Popen([sys.executable, "-c", run, submission], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            universal_newlines=True)
    try:
        uid, child, workdir, output = proc.stdout.readline().split()
        uid, child = int(uid), int(child)
    finally:
        proc.kill()  # the run ends, its locks with it; its child lives on
        proc.wait()
    try:
        assert os.stat("/proc/%d" % child).st_uid == uid
        with batch_uids(2) as uids:
            assert uid not in uids and len(set(uids)) == 2
    finally:
        os.kill(child, signal.SIGKILL)
        for folder in (workdir, os.path.dirname(output)):  # what the killed run left
            shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("layer", [{}, {"user": ""}])
def test_callbacks_are_evaluated_and_counted_by_the_grader(submission, layer):
    """Issue 12 (finding 1): a Callback runs in the grader's process; the
    child gets a stand-in that forwards each call. Bounded in number, valid
    only during its own call, odd arguments fail in the student's code."""
    s = session(submission, **layer)
    try:
        seen = []
        f = Callback(lambda v: seen.append(v) or 2 * sum(v), label="f", limit=5, name="f")
        assert s.call("use", (f, 3, [1.0, 2.0])) == [6.0, 6.0, 6.0]
        assert f.calls == 3 and seen == [[1.0, 2.0]] * 3
        err = refused(s, "use_kept", [1.0])  # a later call: the stand-in is dead
        assert "can only be called while the step it was given to runs" in err.message
        assert f.calls == 3
        err = refused(s, "use", Callback(lambda v: sum(v), "g", limit=4), 5, [1.0])
        assert "more than 4 times" in err.message
        err = refused(s, "use", Callback(lambda v: sum(v), "h"), 1, "text")
        assert "h failed on the arguments" in err.message
        # arguments too large for one call (red team 5): the grader read the
        # request as the answer, and told "your code raised an exception in ?()"
        big = Callback(lambda v: sum(v), "big")
        err = refused(s, "use", big, 1, [1.0] * 20000)
        assert "takes at most 64 KB of arguments" in err.message and "in use()" in err.message
        assert big.calls == 0
        assert s.call("square", (3.0,)) == 9.0  # the child is fine after all of it
    finally:
        s.close()


@pytest.mark.parametrize("layer", [{}, {"user": ""}])
def test_installed_packages_are_not_part_of_the_standard_library(submission, layer):
    """Red team 5: site-packages lies inside the standard library's folder
    (pyenv, python.org, Docker's python images), so without root a math-only
    module could put it on sys.path and import sympy (or a pip-installed
    minigrad). The child runs with -S: nothing installed is ever needed."""
    import sysconfig
    import pluggy
    site = os.path.dirname(os.path.dirname(os.path.abspath(pluggy.__file__)))
    stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
    # under pyenv or python.org site-packages sits inside the standard
    # library's folder (the case the guard must single out); in a venv it is
    # elsewhere and refused like any other outside path
    inside = os.path.realpath(site).startswith(stdlib + os.sep)
    s = session(submission, **layer)
    try:
        refused(s, "read", os.path.join(site, "pluggy", "__init__.py"))
        err = refused(s, "installed", site, "pluggy")
        assert "pluggy" in err.message
        if layer or not IS_ROOT:  # as root the chroot hides it: not even there to be named
            err = refused(s, "read", os.path.join(site, "pluggy", "__init__.py"))
            assert err.kind == "forbidden"
            if inside:
                assert "installed packages" in err.message
        assert s.call("call", ("math", "sqrt", 4.0)) == "2.0"  # the standard library is
    finally:
        s.close()


@pytest.mark.parametrize("layer", [{}, {"user": ""}])
def test_no_audit_hooks_and_no_chdir_for_student_code(submission, layer):
    """Issue 12 (finding 7): a hook of the student's could change a path
    between the guard's check and the call; a change of folder would change
    what a relative path means. Both are refused."""
    s = session(submission, **layer)
    try:
        assert s.call("add_hook") == 0, "the student's audit hook was added"
        err = refused(s, "chdir", "..")
        assert err.kind == "forbidden" and "change the working folder" in err.message
    finally:
        s.close()


def test_importing_the_grader_installs_no_audit_hook():
    """Issue 11: the audit hook is the child's alone. Importing the grader's
    modules, the public helpers (as the ex03 checks do), the guard itself
    and every check file adds no audit hook to the importing process (the
    trusted grader, pytest): only ``guard.install`` in the child does."""
    code = (
        "import sys\n"
        "added = []\n"
        "sys.addaudithook(lambda event, args: added.append(event)\n"
        "                 if event == 'sys.addaudithook' else None)\n"
        "import grading.public, grading.sandbox, grading.sandbox.guard, grading.sandbox.wire\n"
        "import grading.runner, grading.report, grading.cli, grading.hints\n"
        "from grading.runner import load_checks\n"
        "assert load_checks()\n"
        "print(len(added))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=120)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == "0", proc.stdout


def test_the_child_gets_the_graders_own_modules_as_checked_bytecode(tmp_path):
    """The library, the public helpers and the guard reach the child with
    their bytecode (compiled once per grader process: a child start was a
    third library compilation), as checked-hash .pyc files that Python uses
    only while the source beside them is the same; the student's own file
    gets none (the child compiles it)."""
    import importlib.util
    os.chmod(str(tmp_path), 0o755)
    (tmp_path / "probe.py").write_text("import minigrad\n\ndef square(x):\n    return x * x\n")
    s = Session(str(tmp_path), "probe", ["math", "minigrad"], FAST)
    try:
        assert s.start() is None and s.call("square", (3.0,)) == 9.0
        for rel in ("lib/minigrad/engine.py", "lib/minigrad/nn.py", "_public/common.py",
                    "guard.py", "wire.py"):
            cfile = importlib.util.cache_from_source(os.path.join(s.workdir, rel))
            with open(cfile, "rb") as f:
                flags = int.from_bytes(f.read(8)[4:8], "little")
            assert flags == 0b11, rel  # hash-based (PEP 552), checked
        assert not os.path.exists(os.path.join(s.student_dir, "__pycache__"))
    finally:
        s.close()


def test_reimport_grades_another_version_in_the_same_child(tmp_path):
    """``Session.reimport`` (tools/mistake_coverage.py: many versions of one
    module, the course's own code) writes the new source over the module and
    imports it in the running child; after a call that killed the child, the
    new one imports the version on disk; a version that fails to import
    reports it as an import does."""
    os.chmod(str(tmp_path), 0o755)
    (tmp_path / "probe.py").write_text("def f(x):\n    return x + 1\n")
    s = Session(str(tmp_path), "probe", ["math"], FAST)
    try:
        assert s.start() is None and s.call("f", (1.0,)) == 2.0
        pid = s.proc.pid
        assert s.reimport("N = 2\n\ndef f(x):\n    return x * N\n") is None
        assert s.proc.pid == pid and s.call("f", (5.0,)) == 10.0
        assert s.reimport("def f(x):\n    while True:\n        pass\n") is None
        for _ in range(2):  # the restart, at the second call, imports this version
            with pytest.raises(StudentError) as info:
                s.call("f", (1.0,), timeout=0.3)
            assert info.value.kind == "timeout" and s.proc is None
        err = s.reimport("def f(x):\n    return x +\n")
        assert err is not None and err.kind == "import" and s.proc is None
        assert s.reimport("def f(x):\n    return -x\n") is None and s.call("f", (3.0,)) == -3.0
    finally:
        s.close()
    with open(os.path.join(str(tmp_path), "probe.py")) as f:
        assert f.read() == "def f(x):\n    return x + 1\n"  # the submission is untouched
