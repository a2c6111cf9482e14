"""The course's naming rules, in one place.

* An exercise file is ``exNN_words.py`` (``ex06_worked_network.py``); its
  module name is the file name without ``.py``, its short name the first
  four characters (``ex06``), which is what a student types
  (``python grader.py ex06``).
* A step is "Exercise N.M" (``"Exercise 6.9"``): the task id ``"6.9"`` is
  the one string a student can grep to find the stub, its docstring, its
  checks, its hints and the grader's message.
* An untouched stub raises ``NotImplementedError(stub_message("6.9"))``,
  that is "Exercise 6.9: not implemented yet" (``tools/make_exercises.py``
  writes it; the sandbox recognises it).

Plain standard library, no import of the rest of the grader.
"""

import re

EXERCISE_FILE = re.compile(r"ex\d\d_\w+\.py$")
EXERCISE_MODULE = re.compile(r"ex\d\d_\w+$")
EXERCISE_PREFIX = re.compile(r"ex\d\d_")
TASK_TITLE = "Exercise "

# "Exercise 6.9: not implemented yet": the stub's message, split around the task id
STUB_PREFIX, STUB_SUFFIX = TASK_TITLE, ": not implemented yet"


def is_exercise_file(name):
    """True for ``ex06_worked_network.py`` (a file name, no folder)."""
    return bool(EXERCISE_FILE.match(name))


def is_exercise_module(name):
    """True for a name that starts like an exercise module (``ex06_...``):
    a public driver's name does too (``ex10_local_pass``)."""
    return bool(EXERCISE_PREFIX.match(name))


def short_name(module):
    """``ex06_worked_network`` -> ``ex06`` (what a student types)."""
    return module[:4]


def module_number(module):
    """``ex06_worked_network`` -> ``"6"`` (the N of its "Exercise N.M"), or ""."""
    digits = module[2:4]
    return str(int(digits)) if digits.isdigit() else ""


def task_id(task):
    """'Exercise 6.9' or '6.9' -> '6.9' (how the grader keys a step)."""
    task = str(task)
    if task.startswith(TASK_TITLE):  # @check("Exercise 6.9"): grep finds it too
        task = task[len(TASK_TITLE):]
    return task


def task_title(task):
    """'6.9' -> 'Exercise 6.9' (how every message names a step)."""
    return TASK_TITLE + task_id(task)


def task_key(task):
    """A sort key: '6.10' sorts after '6.9'."""
    return tuple(int(p) if p.isdigit() else p for p in str(task).split("."))


def normalise_selector(selector):
    """What a student typed, as (module prefix, step): 'ex6', '6', 'ex06',
    'ex06_worked_network' -> ('ex06', ''); '6.9', 'ex6.9', 'ex06.9' ->
    ('ex06', '9')."""
    prefix, _, step = selector.strip().partition(".")
    name = prefix[2:] if prefix.lower().startswith("ex") else prefix
    number, _, rest = name.partition("_")
    if number.isdigit():
        prefix = "ex%02d" % int(number) + ("_" + rest if rest else "")
    return prefix, step


def step_selector(module, task):
    """``ex06_worked_network``, '6.9' -> 'ex06.9' (``python grader.py ex06.9``)."""
    return "%s.%s" % (short_name(module), task_id(task).split(".", 1)[1])


def stub_message(task):
    """'6.9' -> 'Exercise 6.9: not implemented yet' (the stub raises it)."""
    return STUB_PREFIX + task_id(task) + STUB_SUFFIX


def stub_task(text):
    """The task id of a stub's message ('6.9' for 'Exercise 6.9: not
    implemented yet'), else None. (The sandbox child makes the same test
    with the prefix and suffix it is sent: ``child.stub_task``.)"""
    if type(text) is not str or not (text.startswith(STUB_PREFIX) and text.endswith(STUB_SUFFIX)):
        return None
    task = text[len(STUB_PREFIX):len(text) - len(STUB_SUFFIX)]
    if not task or task.strip("0123456789."):  # [\d.]+
        return None
    return task
