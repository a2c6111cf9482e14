"""Peeking: the reference solution and the checks from disk (open, import,
exec), expected values from the caller's frames and from gc, the grader's
memory through /proc."""
os = __import__("os")
sys = __import__("sys")
SECRET = "@@SECRET@@"
REPO = "@@REPO@@"
found = {}


def attempt(name, fn):
    try:
        found[name] = fn()
    except BaseException as exc:
        print("peek %s failed: %s" % (name, exc))


def read_solution():
    ns = {}
    with open(SECRET + "/solutions/ex90_target.py") as f:
        exec(f.read(), ns)
    return ns


def import_solution():
    util = __import__("importlib.util").util
    spec = util.spec_from_file_location("reference", SECRET + "/solutions/ex90_target.py")
    mod = util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return vars(mod)


attempt("open", read_solution)
attempt("import", import_solution)
attempt("checks", lambda: open(SECRET + "/checks/test_ex90_target.py").read())
attempt("repo checks", lambda: os.listdir(REPO + "/tests/checks"))
attempt("parent maps", lambda: open("/proc/%d/maps" % os.getppid()).read())
attempt("parent mem", lambda: open("/proc/%d/mem" % os.getppid(), "rb"))
attempt("own mem", lambda: open("/proc/self/mem", "rb"))
attempt("gc", lambda: len(__import__("gc").get_objects()))
attempt("listdir /", lambda: os.listdir("/"))


def frames_numbers():
    out = []
    f = sys._getframe(1)
    while f is not None:
        for v in f.f_locals.values():
            if type(v) is float:
                out.append(v)
        f = f.f_back
    return out


def solved(name, *args):
    for key in ("open", "import"):
        ns = found.get(key)
        if isinstance(ns, dict) and name in ns:
            return ns[name](*args)
    nums = frames_numbers()
    return nums[-1] if nums else -1.0


def square(x):
    return solved("square", x)


def cube(x):
    return solved("cube", x)


def total(xs):
    return solved("total", xs)
