"""A folder chain thousands of levels deep in scratch (mkdir, then rename
the chain into the new folder, so every path stays short): a recursive
cleanup (shutil.rmtree) fails on it, the results are lost and the sandbox
stays in /tmp. (Since issue 12's finding 5 the child has no writable
folder: every mkdir is refused, by the guard or by the kernel.)"""
os = __import__("os")
time = __import__("time")


def deepen(levels, seconds):
    end = time.monotonic() + seconds
    if not os.path.isdir("d"):
        os.mkdir("d")
    for _ in range(levels):
        if time.monotonic() > end:
            break
        os.mkdir("n")
        os.rename("d", "n/d")
        os.rename("n", "d")


deepen(3000, 1.0)


def square(x):
    deepen(3000, 0.7)
    return 0.0


def cube(x):
    deepen(3000, 0.7)
    return 0.0


def total(xs):
    deepen(3000, 0.7)
    return 0.0
