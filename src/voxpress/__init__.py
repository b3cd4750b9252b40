"""voxpress: news articles to spoken audio, offline.

The pipeline, one module per stage: :mod:`sources` -> :mod:`extract` -> :mod:`normalize` ->
:mod:`script` -> :mod:`engines` -> :mod:`audio`, put in order by :mod:`render`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    EncodeError,
    EngineError,
    ExtractionError,
    ProfileError,
    SourceError,
    VoxpressError,
)
from .models import Article, Block, Clip, Document, RenderResult, Segment, Timeline

__all__ = [
    "Article",
    "Block",
    "Clip",
    "Document",
    "EncodeError",
    "EngineError",
    "ExtractionError",
    "ProfileError",
    "RenderResult",
    "Segment",
    "SourceError",
    "Timeline",
    "VoxpressError",
    "__version__",
]
