"""How long grading takes: every solution, on this machine, as a student runs it.

Run by hand (not in CI):  python benchmarks/grader.py [--runs 5]

Measures, side by side in one run:
  * the whole command ``python -I grader.py --submission solutions --results F``
    (what an autograder runs), wall time per run;
  * the same for the untouched exercises (every step fails fast);
  * the cost of isolation: starting one sandboxed child and importing a module.
Target: grading every solution within 5 s on the 2-core machine.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def time_command(args, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from grading.cpus import available_cpus
    from grading.runner import load_checks
    from grading.sandbox import Session

    modules = load_checks()
    n_checks = sum(len(m.checks) for m in modules)
    out = os.path.join(tempfile.mkdtemp(), "results.json")
    rows = []
    for label, sub in (("solutions (all pass)", "solutions"), ("exercises (all fail)", "exercises")):
        t = time_command([sys.executable, "-I", "grader.py", "--submission", sub,
                          "--results", out], args.runs)
        rows.append((label, statistics.median(t), min(t), max(t)))

    starts = []
    for _ in range(args.runs * 4):
        s = Session(os.path.join(ROOT, "solutions"), modules[0].module, modules[0].allowed_imports)
        t0 = time.perf_counter()
        s.start()
        starts.append(time.perf_counter() - t0)
        s.close()

    print("Grading %d modules, %d checks, %d cores, Python %s, %d runs each\n"
          % (len(modules), n_checks, available_cpus(), sys.version.split()[0], args.runs))
    print("| what | median s | min s | max s |")
    print("|---|---:|---:|---:|")
    for label, med, lo, hi in rows:
        print("| python grader.py: %s | %.2f | %.2f | %.2f |" % (label, med, lo, hi))
    print("| one sandboxed child: start + import | %.3f | %.3f | %.3f |"
          % (statistics.median(starts), min(starts), max(starts)))
    verdict = "OK" if rows[0][1] <= 5.0 else "OVER TARGET"
    print("\nTarget: every solution graded within 5 s: %s (median %.2f s)" % (verdict, rows[0][1]))


if __name__ == "__main__":
    main()
