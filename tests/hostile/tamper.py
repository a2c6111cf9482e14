"""Tampering: patch math, builtins, json and the child's own helpers in the
child; rewrite the checks, the reference solution and a copy of the grader
on disk; remove, rename, chmod, symlink; poke the grader through /proc."""
os = __import__("os")
sys = __import__("sys")
math = __import__("math")
builtins = __import__("builtins")
SECRET = "@@SECRET@@"
REPO = "@@REPO@@"
PASS_ALL = "def expect_close(*a, **k):\n    return None\n"
WHAT = "tamper"  # attempt() starts its lines with this


# @@ATTEMPT@@


def write(path, text, mode="w"):
    with open(path, mode) as f:
        f.write(text)


def tamper():
    math.isclose = lambda *a, **k: True
    math.fabs = lambda x: 0.0
    builtins.abs = lambda x: 0.0
    builtins.max = lambda *a: float("inf")
    main = sys.modules["__main__"]
    if hasattr(main, "to_plain"):
        main.to_plain = lambda x, *a, **k: x
    attempt("checks", lambda: write(SECRET + "/checks/test_ex90_target.py", PASS_ALL))
    attempt("grader copy", lambda: write(SECRET + "/grading/check.py", PASS_ALL))
    attempt("solution", lambda: write(SECRET + "/solutions/ex90_target.py", "x = 1\n"))
    attempt("pycache", lambda: os.makedirs(SECRET + "/grading/__pycache__"))
    attempt("remove", lambda: os.remove(SECRET + "/solutions/ex90_target.py"))
    attempt("rename", lambda: os.rename(SECRET + "/checks/test_ex90_target.py",
                                        SECRET + "/checks/gone.py"))
    attempt("chmod", lambda: os.chmod(SECRET, 0o777))
    attempt("symlink", lambda: os.symlink(SECRET + "/checks", "link"))
    attempt("repo append", lambda: write(REPO + "/grading/check.py", "", "a"))
    attempt("parent mem", lambda: write("/proc/%d/mem" % os.getppid(), "x", "a"))
    attempt("kill parent", lambda: os.kill(os.getppid(), 19))
    attempt("kill all", lambda: os.kill(-1, 19))


tamper()


def square(x):
    tamper()
    return 0.0


def cube(x):
    return 0.0


def total(xs):
    return 0.0
