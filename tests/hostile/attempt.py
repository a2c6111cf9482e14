# Not an attack: the helper test_hostile.py writes in place of an attack's
# ATTEMPT placeholder line. The attack sets WHAT, the word its lines start with.


def attempt(name, fn):
    """Try fn(): print "<WHAT> <name> WORKED" if it ran, else why it failed."""
    try:
        fn()
        print("%s %s WORKED" % (WHAT, name))
    except BaseException as exc:
        print("%s %s failed: %s" % (WHAT, name, exc))
