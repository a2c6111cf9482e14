"""Issue 12: the grader's own work on what a submission left behind never
fails the run (batch still writes its CSV)."""

import csv
import os
import shutil

from tools import batch as staff_batch

HOSTILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")


def test_batch_writes_its_csv_when_one_submission_breaks_the_grader(tmp_path, monkeypatch):
    checks = tmp_path / "checks"
    checks.mkdir()
    shutil.copyfile(os.path.join(HOSTILE, "check_ex90_target.py"),
                    str(checks / "test_ex90_target.py"))
    subs = tmp_path / "subs"
    for name in ("alice", "bob"):
        (subs / name).mkdir(parents=True)

    def grade(folder, modules, jobs=1, limits=None):
        if folder.endswith("bob"):
            raise RecursionError("maximum recursion depth exceeded")
        return []

    monkeypatch.setattr(staff_batch, "grade", grade)
    out = tmp_path / "grades.csv"
    log = open(str(tmp_path / "log.txt"), "w")
    try:
        staff_batch.batch(str(subs), str(out), jobs=1, stream=log, checks_dir=str(checks))
    finally:
        log.close()
    rows = list(csv.reader(open(str(out))))
    assert [r[0] for r in rows[1:]] == ["alice", "bob"]
    assert "grader failed" in rows[2][-1] and rows[2][1] == ""
    assert "RecursionError" in (tmp_path / "log.txt").read_text()
