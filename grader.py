"""Grade the minigrad exercises: ``python grader.py`` (see ``--help``).

Runs on a bare Python 3.9+ with nothing installed. The logic lives in the
``grading`` package next to this file.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # also under python -I

from grading.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
