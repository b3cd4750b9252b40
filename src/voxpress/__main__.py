"""``python -m voxpress`` runs the command line."""

from .cli import main

main()
