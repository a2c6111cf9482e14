"""Lying: fake scores on stdout, writing the results file now and later
(from a thread, a forked process, a shell), forging records on the private
channel with the nonce read from the caller's frames."""
os = __import__("os")
sys = __import__("sys")
time = __import__("time")
FAKE = '{"score": 4, "tests": [{"name": "Exercise 90.1", "score": 4, "max_score": 1}]}'
RESULTS = "@@RESULTS@@"


def write_results():
    try:
        with open(RESULTS, "w") as f:
            f.write(FAKE)
    except BaseException as exc:
        print("write failed:", exc)


def later():
    time.sleep(0.5)
    write_results()


print(FAKE)
write_results()
try:
    __import__("_thread").start_new_thread(later, ())
except BaseException as exc:
    print("thread failed:", exc)
try:
    if os.fork() == 0:
        later()
        os._exit(0)
except BaseException as exc:
    print("fork failed:", exc)
try:
    os.system("(sleep 1; echo '%s' > %s) & # @@MARKER@@" % (FAKE, RESULTS))
except BaseException as exc:
    print("system failed:", exc)
try:
    __import__("subprocess").Popen(["/bin/sh", "-c", "sleep 1; echo x > %s # @@MARKER@@"
                                    % RESULTS])
except BaseException as exc:
    print("popen failed:", exc)


def forge(value):
    """Find the nonce and the request id in the caller's frames, answer for it."""
    f = sys._getframe(1)
    while f is not None:
        loc = f.f_locals
        if "nonce" in loc and "rid" in loc:
            line = '{"nonce": "%s", "id": %d, "ok": true, "value": %s}\n' % (
                loc["nonce"], loc["rid"], value)
            os.write(int(sys.argv[2]), line.encode())
            os.write(int(sys.argv[2]), line.encode())
        f = f.f_back
    return "forged"


def square(x):
    print("Exercise 90.1 passed")
    return forge('"pass"')


def cube(x):
    return forge("true")


def total(xs):
    write_results()
    return forge("null")
