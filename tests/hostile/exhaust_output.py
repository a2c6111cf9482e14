"""Flooding stdout and stderr."""
os = __import__("os")
sys = __import__("sys")


def square(x):
    while True:
        print("4/4 points " * 1000)


def cube(x):
    while True:
        os.write(1, b"y" * 65536)


def total(xs):
    while True:
        sys.stderr.write("z" * 65536)
