"""How many CPUs the grader may use: the container's share, not the host's.

An autograder container (Gradescope, PrairieLearn, GitHub Actions) often
sees every CPU of its host in ``os.cpu_count()`` (64, say) while a CPU quota
lets it use two. Grading 13 modules, or ``batch``'s students, that many at
once would then give each sandbox child a sliver of a CPU: a correct step
that needs 1 s of CPU time could take long enough to reach its wall-clock
backstop (3 x its limit) or the module's wall budget, and fail. So the
grader counts what the kernel will actually give it: the affinity mask
(``taskset``, cpusets) and a CFS quota (cgroup v2 ``cpu.max``, cgroup v1
``cpu.cfs_quota_us``; ``docker --cpus``, Kubernetes CPU limits).
"""

import math
import os

__all__ = ["available_cpus"]


def available_cpus(proc_cgroup="/proc/self/cgroup", cgroup_root="/sys/fs/cgroup"):
    """The number of CPUs this process may keep busy: at least 1.

    >>> available_cpus() >= 1
    True
    """
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # macOS, Windows: no affinity mask
        n = os.cpu_count() or 1
    quota = cpu_quota(proc_cgroup, cgroup_root)
    if quota is not None:
        n = min(n, int(math.ceil(quota)))
    return max(1, n)


def _up(path):
    """A cgroup's path and its ancestors': "/a/b" -> "/a/b", "/a", "/"."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:i]) for i in range(len(parts), -1, -1)]


def _read(folder, name):
    with open(os.path.join(folder, name)) as f:
        return f.read()


def cpu_quota(proc_cgroup="/proc/self/cgroup", cgroup_root="/sys/fs/cgroup"):
    """The CPUs the CFS quotas allow this process's cgroup (1.5 for
    ``docker --cpus 1.5``), or None where there is no quota or none can be
    read. A quota binds the cgroup and all below it, so the smallest quota
    of the cgroup's folder and of every folder above it counts (what a
    container with its own cgroup namespace sees is the root of the mount)."""
    v2, v1 = [], []
    try:
        with open(proc_cgroup) as f:
            for line in f:
                hierarchy, controllers, path = line.rstrip("\n").split(":", 2)
                if hierarchy == "0":
                    v2.append(path)
                elif "cpu" in controllers.split(","):
                    v1.append(path)
    except (OSError, ValueError):
        pass
    quotas = []
    for path in set(p for cgroup in v2 or ["/"] for p in _up(cgroup)):
        try:
            quota, period = _read(os.path.join(cgroup_root, path.lstrip("/")),
                                  "cpu.max").split()[:2]
            if quota != "max":
                quotas.append(int(quota) / int(period))
        except (OSError, ValueError, ZeroDivisionError):
            continue
    for path in set(p for cgroup in v1 or ["/"] for p in _up(cgroup)):
        for mount in ("cpu", "cpu,cpuacct"):
            folder = os.path.join(cgroup_root, mount, path.lstrip("/"))
            try:
                quota = int(_read(folder, "cpu.cfs_quota_us"))
                period = int(_read(folder, "cpu.cfs_period_us"))
                if quota > 0:
                    quotas.append(quota / period)
            except (OSError, ValueError, ZeroDivisionError):
                continue
    return min(quotas) if quotas else None
