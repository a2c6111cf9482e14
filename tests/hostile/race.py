"""Racing the guard (fourth review, finding 7), as the review did it without
root. The guard judges a relative path against the working folder when the
"open" event fires; the student's own audit hook runs after the guard's,
just before the system call, and changes the working folder then. Here: work
three folders deep in scratch, where "../../../../<secret path>" names a
file inside the sandbox (allowed), and let the hook step back up to scratch,
where the same text names the reference solution."""
os = __import__("os")
sys = __import__("sys")
SECRET = "@@SECRET@@"
TARGET = SECRET + "/solutions/ex90_target.py"
state = {}


def swap(event, args):
    """Step up to scratch at the n-th "open" event of the path (opening a file
    may raise the event more than once: move after the guard's last look)."""
    if event == "open" and args and args[0] == state.get("path") and "scratch" in state:
        state["seen"] = state.get("seen", 0) + 1
        if state["seen"] == state.get("at"):
            try:
                os.chdir(state["scratch"])
            except BaseException:
                pass


try:
    state["scratch"] = os.getcwd()
    state["path"] = os.path.relpath(TARGET, state["scratch"])  # right from scratch ...
    os.makedirs("a/b/c")
    os.chdir("a/b/c")                                            # ... judged from here
    sys.addaudithook(swap)
except BaseException as exc:
    print("setting up the race failed:", exc)


def reference():
    ns = {}
    for at in (1, 2, 3):
        state["seen"], state["at"] = 0, at
        try:
            os.chdir(state["scratch"] + "/a/b/c")
            with open(state["path"]) as f:
                exec(f.read(), ns)
            return ns
        except BaseException as exc:
            print("race at event %d failed: %s" % (at, exc))
    return ns


def square(x):
    return reference()["square"](x)


def cube(x):
    return reference()["cube"](x)


def total(xs):
    return reference()["total"](xs)
