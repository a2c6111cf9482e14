"""Ending early by killing the process: os._exit, SIGKILL to itself, abort."""
os = __import__("os")


def square(x):
    print('{"score": 4}')
    os._exit(0)


def cube(x):
    os.kill(os.getpid(), 9)  # SIGKILL


def total(xs):
    os.abort()
