"""The results files against each platform's documentation (issue 10)."""

import json
import os
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRADER = os.path.join(ROOT, "grader.py")
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
CHECKS = os.path.join(FIXTURES, "checks")
GOOD = os.path.join(FIXTURES, "good")


def run(*args):
    proc = subprocess.run([sys.executable, "-I", GRADER, "--no-color", *args], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def broken_checks(tmp_path):
    """A check folder that makes the grader itself fail (not the student)."""
    folder = tmp_path / "checks"
    folder.mkdir()
    (folder / "test_ex99_demo.py").write_text("raise RuntimeError('instructor typo at "
                                              "/srv/course/secret_path')\n")
    return str(folder)


def test_gradescope_output_does_not_reveal_the_total_when_a_test_is_hidden(tmp_path):
    out = tmp_path / "r.json"
    run("--checks", CHECKS, "--submission", GOOD, "--results", str(out))
    data = json.loads(out.read_text())
    assert any(t["visibility"] == "hidden" for t in data["tests"])
    total = sum(t["max_score"] for t in data["tests"])
    assert "/%s" % total not in data["output"] and "points" not in data["output"]
    assert data["output_format"] == "text" and data["test_output_format"] == "text"


def test_gradescope_grader_failure_is_short_for_students_detailed_for_instructors(
        tmp_path, broken_checks):
    out = tmp_path / "r.json"
    code, _, stderr = run("--checks", broken_checks, "--submission", GOOD, "--results", str(out))
    data = json.loads(out.read_text())
    assert code == 1 and "secret_path" in stderr
    assert "secret_path" not in data["output"] and "Tell your instructor" in data["output"]
    hidden = [t for t in data["tests"] if t["visibility"] == "hidden"]
    assert hidden and "secret_path" in hidden[0]["output"] and data["score"] == 0


def test_prairielearn_grader_failure_is_not_gradable(tmp_path, broken_checks):
    out = tmp_path / "results" / "results.json"  # the folder does not exist yet
    run("--checks", broken_checks, "--submission", GOOD, "--results", str(out),
        "--format", "prairielearn")
    data = json.loads(out.read_text())
    assert data["gradable"] is False and "secret_path" not in json.dumps(data)


def test_prairielearn_message_and_output_are_not_the_same_text_twice(tmp_path):
    out = tmp_path / "r.json"
    run("--checks", CHECKS, "--submission", GOOD, "--results", str(out), "--format",
        "prairielearn")
    data = json.loads(out.read_text())
    assert data["gradable"] is True and data.get("output") != data["message"]


def test_junit_suites_carry_errors_and_a_grader_failure_is_an_error(tmp_path, broken_checks):
    out = tmp_path / "r.xml"
    run("--checks", CHECKS, "--submission", GOOD, "--results", str(out), "--format", "junit")
    root = ET.parse(str(out)).getroot()
    assert all(s.get("errors") == "0" for s in root.iter("testsuite"))
    run("--checks", broken_checks, "--submission", GOOD, "--results", str(out), "--format",
        "junit")
    root = ET.parse(str(out)).getroot()
    assert root.get("errors") == "1" and len(list(root.iter("error"))) == 1


def test_exit_status_is_the_same_with_or_without_results(tmp_path):
    code_plain, _, _ = run("--checks", CHECKS, "--submission", GOOD, "ex55")
    code_file, _, _ = run("--checks", CHECKS, "--submission", GOOD, "ex55", "--results",
                          str(tmp_path / "r.json"))
    assert code_plain == code_file == 2
    assert json.loads((tmp_path / "r.json").read_text())["score"] == 0


PY38 = os.path.expanduser("~/.pyenv/versions/3.8.18/bin/python3.8")


def _image(tmp_path, python):
    """A fake autograder image: PATH holds only the tools the scripts use,
    python3 is ``python`` and apt-get always fails (no network, no package)."""
    import shutil
    import stat
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(python, str(bin_dir / "python3"))
    for tool in ("id", "useradd", "chown", "chmod", "mkdir", "cat"):
        found = shutil.which(tool, path="/usr/sbin:/usr/bin:/sbin:/bin")
        if found:
            os.symlink(found, str(bin_dir / tool))
    apt = bin_dir / "apt-get"
    apt.write_text("#!/bin/sh\nexit 100\n")
    apt.chmod(apt.stat().st_mode | stat.S_IEXEC)
    ag = tmp_path / "autograder"
    (ag / "source").mkdir(parents=True)
    env = {"PATH": str(bin_dir), "MINIGRAD_AUTOGRADER_DIR": str(ag)}
    return ag, env


@pytest.mark.skipif(not os.path.exists(PY38), reason="needs a Python 3.8 (pyenv) to play an old image")
def test_setup_sh_fails_the_build_loudly_on_an_old_python(tmp_path):
    from tools.gradescope import SETUP_SH
    ag, env = _image(tmp_path, PY38)
    proc = subprocess.run(["/bin/bash", "-c", SETUP_SH], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert proc.returncode == 1 and "no Python 3.9 or newer" in proc.stderr
    assert not (ag / "source" / "PYTHON").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="setup.sh chowns to root")
def test_setup_sh_records_a_python_that_fits(tmp_path):
    from tools.gradescope import SETUP_SH
    ag, env = _image(tmp_path, sys.executable)
    proc = subprocess.run(["/bin/bash", "-c", SETUP_SH], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert (ag / "source" / "PYTHON").read_text().strip().endswith("python3")


@pytest.mark.skipif(not os.path.exists(PY38), reason="needs a Python 3.8 (pyenv) to play an old image")
def test_run_autograder_writes_results_even_when_the_grader_cannot_start(tmp_path):
    from tools.gradescope import RUN_AUTOGRADER
    ag, env = _image(tmp_path, PY38)
    (ag / "source" / "PYTHON").write_text(PY38 + "\n")
    (ag / "source" / "grader.py").write_text(open(GRADER).read())
    (ag / "submission").mkdir()
    (ag / "results").mkdir()
    proc = subprocess.run(["/bin/bash", "-c", RUN_AUTOGRADER], env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True, timeout=60)
    assert proc.returncode == 0
    data = json.loads((ag / "results" / "results.json").read_text())
    assert data["score"] == 0 and "tell your instructor" in data["output"]
    assert "needs Python 3.9 or newer" in proc.stderr


@pytest.mark.skipif(not os.path.exists(PY38), reason="needs a Python 3.8 (pyenv)")
def test_grader_names_the_python_it_needs():
    proc = subprocess.run([PY38, GRADER], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=60)
    assert proc.returncode == 1 and "needs Python 3.9 or newer; this is Python 3.8" in proc.stderr


# -- the CPUs an autograder container gives the grader -------------------------------

def _fake_cgroup(tmp_path, proc_lines, files):
    proc = tmp_path / "cgroup"
    proc.write_text("".join(line + "\n" for line in proc_lines))
    root = tmp_path / "sys"
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return str(proc), str(root)


@pytest.mark.parametrize("proc_lines, files, quota", [
    # cgroup v2, a container with its own namespace (docker --cpus 1.5)
    (["0::/"], {"cpu.max": "150000 100000\n"}, 1.5),
    # cgroup v2 seen from the host's namespace: the process's own folder
    (["0::/docker/abc"], {"docker/abc/cpu.max": "200000 100000\n", "cpu.max": "max 100000\n"},
     2.0),
    (["0::/"], {"cpu.max": "max 100000\n"}, None),  # no quota
    # a stricter quota above the process's own cgroup binds it too
    (["0::/kubepods/pod1/c1"], {"kubepods/pod1/c1/cpu.max": "max 100000\n",
                                "kubepods/pod1/cpu.max": "50000 100000\n",
                                "kubepods/cpu.max": "400000 100000\n"}, 0.5),
    # cgroup v1 (this machine's kind): cpu,cpuacct mounted together
    (["4:memory:/x", "2:cpu,cpuacct:/docker/abc"],
     {"cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "300000\n",
      "cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000\n"}, 3.0),
    (["1:cpu:/"], {"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    (["2:cpu,cpuacct:/a/b"], {"cpu,cpuacct/a/b/cpu.cfs_quota_us": "-1\n",
                              "cpu,cpuacct/a/b/cpu.cfs_period_us": "100000\n",
                              "cpu,cpuacct/a/cpu.cfs_quota_us": "250000\n",
                              "cpu,cpuacct/a/cpu.cfs_period_us": "100000\n"}, 2.5),
    ([], {}, None),  # nothing to read (macOS)
])
def test_the_grader_counts_the_cpus_of_its_quota(tmp_path, proc_lines, files, quota):
    """A container that sees 64 host CPUs but may use 2 must not grade 13
    modules (or batch's students) at once: each sandbox child would get a
    sliver of a CPU and correct work could reach its wall-clock backstop."""
    from grading.cpus import available_cpus, cpu_quota
    proc, root = _fake_cgroup(tmp_path, proc_lines, files)
    assert cpu_quota(proc, root) == quota
    mask = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    expected = mask if quota is None else min(mask, -(-quota // 1))
    assert available_cpus(proc, root) == max(1, int(expected))
