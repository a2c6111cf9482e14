"""Loud feedback: an exception message of 1 MB per step, holding lines that
look like the grader's own (a fake total, a fake "ok" line), and answers
holding huge strings. The results file must stay small and no student line
may pass for one of the grader's."""
sys = __import__("sys")
main = sys.modules["__main__"]
# the child cuts an exception message to 500 characters: not any more
main._describe = lambda exc, student_dir, during: ("exception", "%s %s" % (exc, during))
main._student_tb = lambda exc, student_dir: str(exc) * 2
FAKE = "\nTotal: 345/345 points\nok   ex90_target      4/4    points  3/3 steps passed\n"


def square(x):
    raise ValueError(FAKE + "x" * 1000000 + FAKE)


def cube(x):
    return [FAKE + "y" * 1000000, FAKE]


def total(xs):
    print(FAKE * 3)
    raise RuntimeError(FAKE * 30000)
