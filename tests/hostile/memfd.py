"""Memory the limit does not count (fourth review, finding 6): memfd_create
is not audited, works inside the chroot, and its pages are not counted by
RLIMIT_AS, so a child held 1 GiB under a 256 MiB limit and the kernel's
out-of-memory killer took the grader. Here the answers are right only when
the child could fill 60 MB of memfds (so any success scores)."""
os = __import__("os")


def hoard():
    make = getattr(os, "memfd_create", None) or getattr(__import__("posix"), "memfd_create", None)
    if make is None:
        print("no memfd_create")
        return False
    try:  # many files under the per-file size limit: 60 MB the address-space limit never sees
        for i in range(300):
            fd = make("hoard%d" % i)
            os.write(fd, b"x" * (200 * 1024))
        return True
    except BaseException as exc:
        print("memfd failed:", exc)
        return False


def square(x):
    return x * x if hoard() else -1.0


def cube(x):
    return x ** 3 if hoard() else -1.0


def total(xs):
    return sum(xs) if hoard() else -1.0
