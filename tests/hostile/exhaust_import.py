"""Exhausting at import: sleeping forever with SIGTERM and SIGINT ignored."""
signal = __import__("_signal")  # builtin: always importable
# the sandbox removes signal.signal (see child._disarm); ignore SIGTERM if it can
getattr(signal, "signal", lambda *a: None)(signal.SIGTERM, signal.SIG_IGN)
getattr(signal, "signal", lambda *a: None)(signal.SIGINT, signal.SIG_IGN)
__import__("time").sleep(1000)


def square(x):
    return x * x
