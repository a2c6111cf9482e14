"""Exhausting at import: sleeping forever with SIGTERM and SIGINT ignored."""
signal = __import__("_signal")  # builtin: always importable
signal.signal(signal.SIGTERM, signal.SIG_IGN)
signal.signal(signal.SIGINT, signal.SIG_IGN)
__import__("time").sleep(1000)


def square(x):
    return x * x
