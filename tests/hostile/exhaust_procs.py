"""Spawning processes: fork bomb, shell, subprocess, posix_spawn, pty, each
leaving something behind that sleeps (its command line holds @@MARKER@@)."""
os = __import__("os")
sys = __import__("sys")
SLEEPER = ["/bin/sh", "-c", "sleep 30 # @@MARKER@@"]
WHAT = "spawn"  # attempt() starts its lines with this


# @@ATTEMPT@@


def fork_bomb():
    for _ in range(50):
        if os.fork() == 0:
            os.setsid()
            os.execv(SLEEPER[0], SLEEPER)


def spawn_all():
    attempt("fork", fork_bomb)
    attempt("system", lambda: os.system("sleep 30 & # @@MARKER@@"))
    attempt("subprocess", lambda: __import__("subprocess").Popen(
        SLEEPER, start_new_session=True))
    attempt("posix_spawn", lambda: os.posix_spawn(SLEEPER[0], SLEEPER, {}))
    attempt("_posixsubprocess", lambda: __import__("_posixsubprocess"))
    attempt("pty", lambda: __import__("pty").fork())
    attempt("spawnv", lambda: os.spawnv(os.P_NOWAIT, SLEEPER[0], SLEEPER))


spawn_all()


def square(x):
    spawn_all()
    return 0.0


def cube(x):
    spawn_all()
    return 0.0


def total(xs):
    os.execv(SLEEPER[0], SLEEPER)
