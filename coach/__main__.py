"""``python -m coach`` and the ``coach`` console script run the command line."""
from __future__ import annotations

import sys

from .safe_output import interrupts_deferred


def run() -> None:
    """Run the command line; Ctrl-C while it is still being imported exits 130 without a traceback.

    Only the standard library is imported before the ``try``: importing the command line imports
    spaCy, which takes about a second, and Ctrl-C is held back until that is done.
    """
    try:
        with interrupts_deferred():
            from .cli import main
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        raise SystemExit(130) from None
    main()


if __name__ == "__main__":
    run()
