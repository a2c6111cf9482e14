"""Exhausting: an infinite loop, sleeping with SIGTERM ignored, memory
without bound; threads that never end are started at import."""
signal = __import__("_signal")  # builtin: always importable
time = __import__("time")
# the sandbox removes signal.signal (see child._disarm); ignore SIGTERM if it can
getattr(signal, "signal", lambda *a: None)(signal.SIGTERM, signal.SIG_IGN)


def spin():
    while True:
        pass


try:
    for _ in range(4):
        __import__("_thread").start_new_thread(spin, ())
except BaseException as exc:
    print("threads failed:", exc)


def square(x):
    while True:
        pass


def cube(x):
    time.sleep(1000)


def total(xs):
    hoard = []
    while True:
        hoard.append(bytearray(50 * 1024 * 1024))
