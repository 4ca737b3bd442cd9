"""`python -m okrsite` runs the command line."""

import sys

from okrsite.cli import main

sys.exit(main())
