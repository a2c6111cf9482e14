"""``python grader.py batch DIR --csv FILE``: grade a folder of submissions.

Grades every subfolder of DIR (one per student) in parallel on all cores
and writes one CSV row per student with per-module points. As root, each
student's code runs under a uid of its own (``sandbox.batch_uids``).
"""

import argparse
import contextlib
import csv
import io
import os
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor, as_completed

from grading import names, report
from grading.cpus import available_cpus
from grading.runner import CHECKS_DIR, grade, load_checks
from grading.show import short
from grading.sandbox import DEFAULT_LIMITS, batch_uids, env_limits

def _progress(done, total, started, stream):
    width = 30
    filled = int(width * done / total) if total else width
    rate = (time.monotonic() - started) / done if done else 0
    stream.write("\r[%s%s] %d/%d  %.1fs/submission" % ("#" * filled, "." * (width - filled),
                                                     done, total, rate))
    stream.flush()


def _notes(results):
    """Why a module scored 0, when the reason is not plain unfinished work:
    it did not compile or import, crashed, hung, or broke a rule."""
    notes = []
    for module, rs in report.by_module(results):
        if any(r.passed for r in rs):
            continue
        reasons = [r.message for r in rs if not r.detail.get("not_implemented")]
        if len(reasons) == len(rs) and reasons:
            first = reasons[0].split("\n")[0]
            notes.append("%s: %s" % (names.short_name(module), short(first, 100)))
    return "; ".join(notes)


def batch(folder, csv_path, jobs=None, stream=None, checks_dir=CHECKS_DIR):
    """Grade every subfolder of ``folder``; write ``csv_path``. Returns rows."""
    stream = stream or sys.stderr
    students = sorted(d for d in os.listdir(folder)
                      if os.path.isdir(os.path.join(folder, d)) and not d.startswith("."))
    modules = load_checks(checks_dir)
    jobs = jobs or available_cpus()
    show = stream.isatty()
    rows = {}
    started = time.monotonic()

    # As root each student's children run under a uid of their own (no
    # account needed), so the kernel keeps one student's code from
    # signalling, renicing or reading another's (issue 12, finding 2); no
    # other batch run on the machine holds those uids until this one ends.
    as_root = os.geteuid() == 0 and dict(DEFAULT_LIMITS, **env_limits()).get("user")
    with (batch_uids(len(students)) if as_root else contextlib.nullcontext([])) as uids:
        own_uid = dict(zip(students, uids))

        def one(name):
            # one submission that breaks the grader must not cost the others
            # their row: the CSV is always written
            try:
                limits = {"user": own_uid[name]} if name in own_uid else None
                return name, grade(os.path.join(folder, name), modules, jobs=1, limits=limits)
            except Exception as exc:  # noqa: BLE001
                stream.write("\nthe grader failed on %s:\n%s" % (name, traceback.format_exc()))
                return name, exc

        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(one, s) for s in students]
            for i, fut in enumerate(as_completed(futures), 1):
                name, results = fut.result()
                rows[name] = results
                if show:
                    _progress(i, len(students), started, stream)
    if show:
        stream.write("\n")
    header = ["student", "score", "max_score"] + [cm.module for cm in modules] + ["notes"]
    out = []
    for name in students:
        results = rows[name]
        if isinstance(results, Exception):
            out.append([name, "", ""] + ["" for _ in modules]
                       + ["the grader failed on this submission (%s); grade it again alone"
                          % type(results).__name__])
            continue
        got, most = report.total(results)
        per = {m: report._num(report.total(rs)[0]) for m, rs in report.by_module(results)}
        out.append([name, report._num(got), report._num(most)]
                   + [per.get(cm.module, 0) for cm in modules] + [_notes(results)])
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(out)
    report.write_atomic(csv_path, buf.getvalue())
    return [header] + out


def main(argv):
    p = argparse.ArgumentParser(prog="python grader.py batch",
                                description="Grade a folder of submissions (one subfolder "
                                "per student) into a CSV file.")
    p.add_argument("dir", help="one subfolder per student (its name is the CSV's student), "
                   "holding that student's exercise files (exNN_*.py), directly or up to "
                   "three folders below it (an uploaded copy of the whole repository)")
    p.add_argument("--csv", required=True, help="where to write one row per student")
    p.add_argument("--jobs", type=int, default=None, help="parallel submissions "
                   "(default: the CPUs this machine gives the grader)")
    p.add_argument("--checks", default=CHECKS_DIR, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if not os.path.isdir(args.dir):
        p.error("batch: %s is not a folder" % args.dir)
    rows = batch(args.dir, args.csv, args.jobs, checks_dir=args.checks)
    print("batch: graded %d submissions into %s" % (len(rows) - 1, args.csv))
    return 0
