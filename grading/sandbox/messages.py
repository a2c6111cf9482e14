"""The words a student reads, built in the grader from the child's
structured error records (``wire``: {"kind": "exception", "type":
"IndexError", ...}); the child never sends prose to be parsed back."""

from grading.check import StudentError
from grading.names import is_exercise_module, stub_message, task_title
from grading.sandbox import wire

SCORES_0 = "; a step must return its answer, so it scores 0"


def _text(error, key, default=""):
    value = error.get(key, default)
    return value if type(value) is str else default


def during_call(error):
    """'in forward()' for the function a request named."""
    return "in %s()" % _text(error, "function", "?")


def student_error(error, detail, module, during=None):
    """The ``StudentError`` for the child's ``error`` record (``detail``: the
    student's traceback). ``during`` says when ("in forward()", "while
    ex06.py was imported"); by default the function the record names."""
    if type(error) is not dict:
        error = {}
    if during is None:
        during = during_call(error)
    kind, message = _words(error, module, during)
    detail = detail if type(detail) is str else ""
    return StudentError(kind, wire.cut_text(message, wire.MESSAGE_LIMIT),
                        detail=wire.cut_text(detail, wire.TRACEBACK_LIMIT), info=error)


def _words(error, module, during):
    """(kind, message) for one error record."""
    kind = _text(error, "kind", "exception")
    function = _text(error, "function", "?")
    text = _text(error, "text")
    if kind == "exit":
        how = _text(error, "how")
        if how == "sys.exit":
            return "exit", "your code called sys.exit(%s) %s%s" % (
                _text(error, "code", "..."), during, SCORES_0)
        if how == "KeyboardInterrupt":
            return "exit", "your code raised KeyboardInterrupt %s%s" % (during, SCORES_0)
        return "exit", "your code raised %s %s%s" % (_text(error, "type", "an exception"),
                                                     during, SCORES_0)
    if kind == "memory":
        return "memory", ("your code ran out of memory %s (the limit is set by the grader)"
                          % during)
    if kind == "recursion":
        return "exception", "your code recursed too deeply (RecursionError) %s" % during
    if kind == "forbidden":
        return "forbidden", "%s %s; the step scores 0" % (text, during)
    if kind == "output":
        return "output", ("your code printed (or wrote) more than the grader allows %s"
                          % during)
    if kind == "not_found":
        return "not_found", "%s.py has no function %s()" % (module, function)
    if kind == "bad_return":
        return "bad_return", ("%s() returned %s; a step must return plain numbers, lists, "
                              "strings, bools or None" % (function, _text(error, "why", "?")))
    if kind == "syntax":
        return "import", "%s.py has a syntax error: %s" % (module, text)
    if kind == "not_implemented":
        return "not_implemented", "your code raised NotImplementedError %s: %s" % (
            during, stub_message(_text(error, "task", "?")))
    return "exception", "your code raised %s %s: %s" % (
        _text(error, "type", "an exception"), during, text)


def not_implemented(error, module):
    """What a student reads for an untouched stub (no traceback needed):
    'Exercise 6.5 is not implemented yet: write forward() in ex06_....py'."""
    task = task_title(_text(error, "task", "?"))
    function = _text(error, "function", "?")
    if is_exercise_module(function):  # a public driver ran the step: name the task
        where = "the function whose docstring starts with \"%s\"" % task
    else:
        where = "%s()" % function
    return "%s is not implemented yet: write %s in %s.py" % (task, where, module)

