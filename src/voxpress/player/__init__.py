"""The embeddable player: one JavaScript file, ``voxpress-player.js``, shipped in the package.

The same file serves a publisher's article page (``voxpress render --embed``) and the
stand-alone player page (``--player``), so there is one player to maintain.
"""

from __future__ import annotations

from importlib.resources import files

__all__ = ["SCRIPT_NAME", "script"]

SCRIPT_NAME = "voxpress-player.js"
"""The file name the player is published under, beside the MP3s."""


def script() -> str:
    """The player's JavaScript source."""
    return (files(__package__) / SCRIPT_NAME).read_text(encoding="utf-8")
