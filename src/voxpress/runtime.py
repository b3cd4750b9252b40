"""Locating the native parts: the espeak-ng library and data, and an ffmpeg binary.

This module holds the process-wide state voxpress has (which library was loaded), and nothing else.
The OS's own espeak-ng and ffmpeg are preferred when present; otherwise the copies shipped on PyPI
(``espeakng-loader``, ``imageio-ffmpeg``) are used, so ``pip install voxpress`` is enough.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import shutil

log = logging.getLogger(__name__)

_espeak_origin: str | None = None
_espeak_handle: ctypes.CDLL | None = None


def prepare_espeak() -> str:
    """Make ``libespeak-ng.so.1`` loadable for pyttsx3; return where it comes from.

    pyttsx3's driver opens the library by its soname. When the OS has none, the copy shipped by
    ``espeakng-loader`` is loaded first so that the soname resolves to it, and ``ESPEAK_DATA_PATH``
    points espeak-ng at the matching data. It is loaded ``RTLD_LOCAL``: in the global scope its
    symbols would interpose on the espeak-ng that Piper links statically, and crash it.
    """
    global _espeak_origin, _espeak_handle
    if _espeak_origin is not None:
        return _espeak_origin
    if os.environ.get("VOXPRESS_ESPEAK") != "bundled" and ctypes.util.find_library("espeak-ng"):
        _espeak_origin = "system"
    else:
        import espeakng_loader

        os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
        _espeak_handle = ctypes.CDLL(espeakng_loader.get_library_path(), mode=ctypes.RTLD_LOCAL)
        _espeak_origin = "bundled"
    log.debug("espeak-ng: %s", _espeak_origin)
    return _espeak_origin


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of an ffmpeg binary: ``$VOXPRESS_FFMPEG``, the one on PATH, or imageio-ffmpeg's."""
    explicit = os.environ.get("VOXPRESS_FFMPEG")
    if explicit:
        return explicit
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())
