"""Correct work gets full marks however the student saved it (issue 10).

One correct submission (the solutions), each exercise file saved a way real
students save files: CRLF line ends, tabs, a byte-order mark, non-ASCII
comments and identifiers, coding lines Python can decode (cp1252, gbk, ...),
the doctest idiom, imports only for type checkers, debug prints, importing
one's own earlier exercise module, all inside a whole-repository upload with
a scratch exercise file at the top. Graded as root when the tests run as
root (as autograders do), with every sandbox layer on.
"""

import json
import os
import re
import subprocess
import sys

import pytest

from grading.names import is_exercise_file
from grading.runner import grade, load_checks, resolve_submission, static_import_problems
from grading.sandbox import as_utf8

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOLUTIONS = os.path.join(ROOT, "solutions")
GRADER = os.path.join(ROOT, "grader.py")


def _crlf(text):
    return text.replace("\n", "\r\n").encode("utf-8")


def _tabs(text):
    """Indentation in tabs (one tab per four spaces), as some editors save."""
    return re.sub(r"(?m)^((?:    )+)", lambda m: "\t" * (len(m.group(1)) // 4), text).encode()


def _bom(text):
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def _coding(name):
    def save(text):
        return ("# -*- coding: %s -*-\n# Übung: schöne Grüße\n" % name + text).encode(name)
    return save


def _gbk(text):
    return ("# coding: gbk\n# 练习: 反向传播\n" + text).encode("gbk")


def _identifiers(text):
    return (text + "\n\nη = 0.5  # Greek letters as names\nζ_values = [η * 2]\n").encode()


def _doctest_idiom(text):
    return (text + '\n\nif __name__ == "__main__":\n    import doctest\n'
            '    doctest.testmod()\n').encode()


def _type_checking(text):
    head, sep, rest = text.partition('"""\n\n')  # after the module docstring
    return (head + sep + "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
            "    from collections.abc import Sequence  # noqa: F401\n\n" + rest).encode()


def _prints(text):
    """A short debug print in every step function."""
    return re.sub(r"(?m)^(\s*)(# BEGIN SOLUTION Exercise [\d.]+\n)",
                  lambda m: m.group(1) + m.group(2) + m.group(1)
                  + "print('debug: here')\n", text).encode()


def _imports_earlier_work(text):
    head, sep, rest = text.partition('"""\n\n')
    return (head + sep + "import ex01_perceptron  # my own earlier work\n\n" + rest).encode()


SAVES = [_crlf, _tabs, _bom, _coding("cp1252"), _gbk, _identifiers, _doctest_idiom,
         _type_checking, _coding("iso-8859-15"), _prints, _imports_earlier_work,
         _coding("windows-1252")]


@pytest.fixture(scope="module")
def repository_upload(tmp_path_factory):
    top = tmp_path_factory.mktemp("upload")
    work = top / "exercises"
    work.mkdir()
    names = sorted(n for n in os.listdir(SOLUTIONS) if is_exercise_file(n))
    for i, name in enumerate(names):
        with open(os.path.join(SOLUTIONS, name), encoding="utf-8") as f:
            text = f.read()
        (work / name).write_bytes(SAVES[i % len(SAVES)](text))
    (top / "ex06_try.py").write_text("x = 1  # a scratch file at the top\n")
    (top / "README.md").write_text("my copy of the course repository\n")
    return top


def test_decorated_correct_work_gets_full_marks(repository_upload, tmp_path):
    out = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, "-I", GRADER, "--submission", str(repository_upload),
                           "--results", str(out)], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=600)
    data = json.loads(out.read_text())
    lost = [(t["name"], t["output"][:300]) for t in data["tests"] if t["score"] < t["max_score"]]
    assert lost == [], proc.stdout[-3000:]
    assert proc.returncode == 0
    assert "Graded the exercise files in" in data["output"] or \
        "exercises" in proc.stdout.splitlines()[0]


def test_the_folder_with_the_expected_files_is_graded(repository_upload):
    expected = [m.module for m in load_checks()]
    assert resolve_submission(str(repository_upload), expected=expected) == \
        str(repository_upload / "exercises")


@pytest.mark.parametrize("save", SAVES, ids=lambda s: getattr(s, "__name__", "coding"))
def test_every_saved_form_reads_as_the_same_source(save):
    text = "def f(x):\n    return x * 2\n"
    raw = save(text)
    assert "def f(x):" in as_utf8(raw).decode("utf-8")
    compile(as_utf8(raw), "f.py", "exec")


def test_a_file_python_cannot_decode_is_left_for_python_to_report():
    raw = b"# coding: no-such-codec\nx = 1\n"
    assert as_utf8(raw) == raw


def _meaning(source):
    """The globals a source defines, or the name of the error compiling it gives."""
    try:
        out = {}
        exec(compile(source, "f.py", "exec"), out)
    except SyntaxError as exc:
        return "SyntaxError"
    return {k: v for k, v in out.items() if k != "__builtins__"}


@pytest.mark.parametrize("raw", [
    # Mac line ends: Python reads two comment lines and UTF-8; the coding
    # comment on line 3 is just a comment (it was taken for the coding line)
    b"# hi\rx = '\xc3\xa9'\r# coding: latin-1\r",
    b"#!python\r# coding: latin-1\rx = '\xe9'\r",
    b"# coding: cp1252\r\nx = '\xe9'\r\n",
    b"x = 1\r# coding: latin-1\ry = '\xc3\xa9'\r",
    # two BOMs: the second is a character to Python, so this does not compile
    b"\xef\xbb\xbf\xef\xbb\xbfx = 1\n",
    b"\xef\xbb\xbf# coding: utf-8\nx = '\xc3\xa9'\n",
    # line 1 is code, so line 2 is no coding line: here it is inside a string
    b'x = """\n# coding: latin-1 """\n',
    b'x = """\r# coding: latin-1 \xc3\xa9"""\r',
    b'# coding: latin-1\nx = """\n# coding: latin-1 \xe9"""\n',
])
def test_reencoding_never_changes_what_the_file_means(raw):
    """Red team 5: the UTF-8 copy the child imports means what the student's file means."""
    assert _meaning(as_utf8(raw)) == _meaning(raw)


def test_a_codec_that_fails_its_own_way_is_left_for_python_to_report():
    """punycode raises a bare UnicodeError (neither a decode error nor a
    lookup error): the sandbox was not set up, for every module of the
    submission (each copies the student's sibling files)."""
    raw = b"# coding: punycode\nx = 1\n"
    assert as_utf8(raw) == raw


def test_blocks_that_never_run_while_grading_are_not_counted():
    ok = 'import math\nif __name__ == "__main__":\n    import doctest\n    doctest.testmod()\n'
    assert static_import_problems(ok, "x.py", ["math"]) == []
    tc = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from os import PathLike\n"
    assert static_import_problems(tc, "x.py", ["math"]) == []
    # ... but not when the file rebinds the name the block tests
    forged = '__name__ = "__main__"\nif __name__ == "__main__":\n    import minigrad\n'
    assert static_import_problems(forged, "x.py", ["math"]) == [(3, "minigrad")]
    forged = "TYPE_CHECKING = 1\nif TYPE_CHECKING:\n    import minigrad\n"
    assert static_import_problems(forged, "x.py", ["math"]) == [(3, "minigrad")]
    # ... nor when it may rebind it out of the parser's sight (red team 5)
    main, tc, tc_attr = 'if __name__ == "__main__":', "if TYPE_CHECKING:", \
        "if typing.TYPE_CHECKING:"
    for forge, blocks in (('globals()["__name__"] = "__main__"', (main,)),
                          ('vars()["__name__"] = "__main__"', (main,)),
                          ('exec("__name__ = \'__main__\'")', (main,)),
                          ("typing.TYPE_CHECKING = True", (tc, tc_attr)),
                          ('setattr(typing, "TYPE_CHECKING", True)', (tc, tc_attr)),
                          ('sys.modules["typing"].__dict__["TYPE_CHECKING"] = 1', (tc_attr,)),
                          # red team 6: names bound by other statements than assignments
                          ("from math import pi as TYPE_CHECKING", (tc,)),
                          ("import math as TYPE_CHECKING", (tc,)),
                          ("from math import pi as __name__", (main,)),
                          ("def TYPE_CHECKING():\n    pass", (tc,)),
                          ("class TYPE_CHECKING:\n    pass", (tc,)),
                          ("def f(TYPE_CHECKING=1):\n    pass", (tc,)),
                          ("try:\n    1 / 0\nexcept Exception as TYPE_CHECKING:\n    pass", (tc,))):
        for block in blocks:
            forged = "import typing\n%s\n%s\n    import minigrad\n" % (forge, block)
            line = forged.count("\n")  # the import's: the last line
            assert static_import_problems(forged, "x.py", ["math", "typing"]) \
                == [(line, "minigrad")], forged
    # the idiom itself, also renamed to itself, still counts as the idiom
    for idiom in ("from typing import TYPE_CHECKING", "from typing import TYPE_CHECKING as "
                  "TYPE_CHECKING", "from typing import Any, TYPE_CHECKING"):
        ok = "%s\nif TYPE_CHECKING:\n    from os import PathLike\n" % idiom
        assert static_import_problems(ok, "x.py", ["math"]) == [], ok


def test_earlier_exercise_modules_may_be_imported_unless_they_widen_the_libraries():
    by_name = {m.module: m for m in load_checks()}
    assert "ex08_relu_layer" in by_name["ex09_mlp_backprop"].siblings
    assert "ex07_forward_backward_view" in by_name["ex12_vanishing_gradients"].siblings
    # ex11 may use minigrad's autodiff: a math-only module may not import it
    assert "ex11_training" not in by_name["ex10_autodiff"].siblings
    assert "ex10_autodiff" in by_name["ex11_training"].siblings


def test_one_steps_printing_does_not_cost_another_step(tmp_path):
    """The output budget is per step: 200 KB printed in each of two steps passes."""
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "test_ex97_loud.py").write_text(
        "from grading.check import check, expect_close\n"
        "MODULE = 'ex97_loud'\nALLOWED_IMPORTS = ['math']\n"
        "@check('Exercise 97.1')\ndef test_one(student):\n"
        "    'one'\n    expect_close(student.call('one'), 1.0)\n"
        "@check('Exercise 97.2')\ndef test_two(student):\n"
        "    'two'\n    expect_close(student.call('two'), 2.0)\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "ex97_loud.py").write_text(
        "def one():\n    print('x' * 200000)\n    return 1.0\n\n"
        "def two():\n    print('y' * 200000)\n    return 2.0\n")
    results = grade(str(sub), load_checks(str(checks)), jobs=1)
    assert [r.passed for r in results] == [True, True], [r.message for r in results]


def test_plain_values_in_other_clothes_are_accepted(tmp_path):
    """A NamedTuple where a tuple is expected, an IntEnum or a bool where a
    number is: what Python itself treats as that value is graded as it."""
    from grading.check import expect_close, expect_equal
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "test_ex96_clothes.py").write_text(
        "from grading.check import check, expect_close\n"
        "MODULE = 'ex96_clothes'\nALLOWED_IMPORTS = ['math', 'collections', 'enum']\n"
        "@check('Exercise 96.1')\ndef test_pair(student):\n"
        "    'pair'\n    expect_close(student.call('pair'), [[1.0, 2.0], 0.5])\n"
        "@check('Exercise 96.2')\ndef test_count(student):\n"
        "    'count'\n    expect_close(student.call('count'), 3)\n"
        "@check('Exercise 96.3')\ndef test_flag(student):\n"
        "    'flag'\n    expect_close(student.call('flag'), 1.0)\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "ex96_clothes.py").write_text(
        "import collections\nimport enum\n\n"
        "Step = collections.namedtuple('Step', 'w b')\n\n"
        "class Count(enum.IntEnum):\n    THREE = 3\n\n"
        "def pair():\n    return Step([1.0, 2.0], 0.5)\n\n"
        "def count():\n    return Count.THREE\n\n"
        "def flag():\n    return 2 > 1\n")
    results = grade(str(sub), load_checks(str(checks)), jobs=1)
    assert [r.passed for r in results] == [True, True, True], [r.message for r in results]
    expect_equal(True, 1)      # a bool where an int is expected counts as its value
    expect_close(False, 0.0)


@pytest.mark.parametrize("name", sorted(n for n in os.listdir(SOLUTIONS)
                                        if is_exercise_file(n)))
def test_each_exercise_file_doctests_on_its_own(name):
    """`python -m doctest exercises/exNN_*.py` from the repository's top folder,
    as the README says: no flags needed, the library and earlier exercise
    files found (shown on the solutions, which share the stubs' examples)."""
    proc = subprocess.run([sys.executable, "-m", "doctest", os.path.join("solutions", name)],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:]
