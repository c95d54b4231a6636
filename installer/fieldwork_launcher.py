"""The frozen program's entry script: the window with no arguments, the command line otherwise."""

import sys

from fieldwork.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
