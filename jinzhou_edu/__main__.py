"""Allow ``python -m jinzhou_edu``."""

import sys

from jinzhou_edu.cli import main

sys.exit(main())
