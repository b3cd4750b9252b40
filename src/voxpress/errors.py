"""Named exceptions. Library code raises these; only the CLI turns them into ``Error: …``."""

from __future__ import annotations


class VoxpressError(Exception):
    """Base class for every error voxpress reports to a user."""


class SourceError(VoxpressError):
    """A source could not be read: missing file, bad URL, HTTP failure, not text."""


class ExtractionError(VoxpressError):
    """A page was read but no article text could be found in it."""


class ProfileError(VoxpressError):
    """A voice profile or pronunciation lexicon is missing or invalid."""


class EngineError(VoxpressError):
    """The speech engine failed to produce a valid clip for a segment."""


class EncodeError(VoxpressError):
    """The audio could not be encoded or written."""


class OutputError(VoxpressError):
    """An output folder cannot be written: read-only, full, not a folder."""


class FolderLockedError(OutputError):
    """Another batch is writing to the same output folder."""
