"""The README's examples do what it says."""

import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _readme():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        return f.read()


def test_quick_start_has_exactly_the_two_commands():
    block = re.search(r"## Quick start\n\n```\n(.*?)```", _readme(), re.S).group(1)
    assert block.strip().splitlines() == [
        "python grader.py", 'pip install -e ".[test]" && python -m pytest']


def test_the_example_check_runs_and_catches_the_slide_typo(tmp_path):
    text = _readme()
    section = text[text.index("### Writing a check"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    checks = tmp_path / "checks"
    checks.mkdir()
    (checks / "test_ex06_worked_network.py").write_text(code)
    grader = os.path.join(ROOT, "grader.py")

    def grade(submission):
        return subprocess.run([sys.executable, "-I", grader, "--checks", str(checks),
                               "--submission", str(submission), "--no-color"],
                              stdout=subprocess.PIPE, universal_newlines=True, timeout=120)

    ok = grade(os.path.join(ROOT, "solutions"))
    assert ok.returncode == 0 and "Total: 4/4 points" in ok.stdout
    sub = tmp_path / "sub"
    shutil.copytree(os.path.join(ROOT, "solutions"), sub)
    path = sub / "ex06_worked_network.py"
    path.write_text(path.read_text().replace(
        'return cache["a3"] * tanh_prime(cache["z5"])',
        'return cache["a5"] * tanh_prime(cache["z5"])'))
    bad = grade(sub)
    assert bad.returncode == 1 and "as the slide prints it" in bad.stdout
