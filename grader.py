"""Grade the minigrad exercises: ``python grader.py`` (see ``--help``).

Runs on a bare Python 3.9+ with nothing installed (``python3 grader.py``
where the command is called python3). The logic lives in the ``grading``
package next to this file.
"""

import os
import sys

if sys.version_info < (3, 9):
    sys.exit("minigrad's grader needs Python 3.9 or newer; this is Python %d.%d. "
             "Install a newer Python (python.org, or your system's package manager) "
             "and run it with that." % sys.version_info[:2])
if os.name == "nt":
    sys.exit("minigrad's grader runs student code in a sandbox built on POSIX process "
             "limits, which Windows does not have. Use WSL (Windows Subsystem for Linux): "
             "install it, open this folder there and run python3 grader.py. The library "
             "and the exercise files themselves work on Windows: you can run and doctest "
             "them (python -m doctest exercises\\ex01_perceptron.py).")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # also under python -I

from grading.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
