"""``python -m walkthrough``: the ``ssp-kit`` command line (``walkthrough.cli``)."""

import sys

from walkthrough.cli import main

sys.exit(main())
