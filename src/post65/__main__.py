"""``python -m post65`` runs the ``post65`` command."""

import sys

from post65.cli import main

if __name__ == "__main__":
    sys.exit(main())
