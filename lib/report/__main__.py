"""``python -m lib.report``: see :mod:`lib.report.cli`."""

import sys

from lib.report.cli import main

sys.exit(main())
