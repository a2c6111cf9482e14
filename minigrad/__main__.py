"""``python -m minigrad``: see :mod:`minigrad.cli` (``python -m minigrad --help``)."""

import sys

from minigrad.cli import main

if __name__ == "__main__":
    sys.exit(main())
