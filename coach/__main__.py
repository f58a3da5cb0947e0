"""``python -m coach`` runs the command line."""
from .cli import main

main()
