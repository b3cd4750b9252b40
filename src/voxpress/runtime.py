"""Locating the native parts: the espeak-ng library and data, and an ffmpeg binary.

This module holds the process-wide state voxpress has (which copies were chosen), and nothing
else. Each tool is chosen once per process:

- the OS's own copy when there is one and it passes a one-time check (ffmpeg: version 4.2 or
  newer that encodes a short MP3 from raw PCM; espeak-ng: a library that loads, is version 1.50
  or newer and finds its data);
- otherwise the copy shipped on PyPI (``imageio-ffmpeg``, ``espeakng-loader``), so that
  ``pip install voxpress`` is enough. Falling back is logged once at debug level.

``$VOXPRESS_FFMPEG`` and ``$VOXPRESS_ESPEAK`` choose explicitly: ``system`` (the OS copy, or an
error), ``bundled`` (the PyPI copy), or a path (that binary or library, or an error). Unset, or
``auto``, is the order above.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import EncodeError, EngineError

log = logging.getLogger(__name__)

MIN_FFMPEG = (4, 2)
"""Oldest ffmpeg accepted (Ubuntu 22.04 ships 4.4, Debian 12 5.1; 4.2 is the oldest tested)."""
MIN_ESPEAK = (1, 50)
"""Oldest espeak-ng library accepted (Debian 12 ships 1.51, Ubuntu 22.04 1.50)."""
FFMPEG_CHECK_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class NativeTool:
    """One native dependency as chosen for this process."""

    name: str
    """'ffmpeg' or 'espeak-ng'."""
    origin: str
    """'system' (the OS's copy), 'bundled' (the PyPI package's) or 'explicit' (a given path)."""
    path: str
    """Binary or library path."""
    version: str
    """Version as the tool reports it."""

    def describe(self) -> str:
        """'ffmpeg 5.1.9 (system, /usr/bin/ffmpeg)'."""
        return f"{self.name} {self.version} ({self.origin}, {self.path})"


class Unusable(Exception):
    """A candidate copy failed its check (internal: the caller falls back or reports)."""


def _choice(variable: str) -> str:
    return os.environ.get(variable, "").strip() or "auto"


def version_tuple(text: str) -> tuple[int, ...] | None:
    """(5, 1, 9) from '5.1.9-0+deb12u1', 'n9.0.2-17-g2a5', '1.52.0'; None when not a version."""
    m = re.match(r"n?(\d+)\.(\d+)(?:\.(\d+))?", text.strip())
    if not m:
        return None
    return tuple(int(g) for g in m.groups() if g is not None)


# --------------------------------------------------------------------------- ffmpeg


def check_ffmpeg(path: str) -> str:
    """The version of the ffmpeg at ``path`` after it encoded 50 ms of silence to MP3 from raw
    PCM on a pipe (what every render does); raise :class:`Unusable` otherwise."""
    cmd = [path, "-nostats", "-loglevel", "info", "-f", "s16le", "-ar", "22050", "-ac", "1",
           "-i", "pipe:0", "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3", "pipe:1"]  # fmt: skip
    try:
        proc = subprocess.run(
            cmd,
            input=b"\x00\x00" * 1102,
            capture_output=True,
            timeout=FFMPEG_CHECK_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise Unusable(f"cannot run: {exc}") from exc
    err = proc.stderr.decode("utf-8", "replace")
    m = re.search(r"ffmpeg version (\S+)", err)
    version = m.group(1) if m else "unknown"
    if proc.returncode != 0 or not proc.stdout:
        last = err.strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
        raise Unusable(f"could not encode an MP3 ({last[0]})")
    number = version_tuple(version)
    if number is not None and number[:2] < MIN_FFMPEG:
        raise Unusable(f"version {version} is older than {'.'.join(map(str, MIN_FFMPEG))}")
    return version


def _bundled_ffmpeg() -> str:
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


@functools.lru_cache(maxsize=1)
def ffmpeg() -> NativeTool:
    """The ffmpeg this process uses (see the module docstring for the order); checked once."""
    choice = _choice("VOXPRESS_FFMPEG")
    if choice not in ("auto", "system", "bundled"):
        try:
            return NativeTool("ffmpeg", "explicit", choice, check_ffmpeg(choice))
        except Unusable as exc:
            raise EncodeError(f"ffmpeg {choice} (from VOXPRESS_FFMPEG) cannot be used: {exc}")
    if choice != "bundled":
        found = shutil.which("ffmpeg")
        if found:
            try:
                return NativeTool("ffmpeg", "system", found, check_ffmpeg(found))
            except Unusable as exc:
                if choice == "system":
                    raise EncodeError(f"the system's ffmpeg {found} cannot be used: {exc}")
                log.debug("ffmpeg: %s cannot be used (%s); using imageio-ffmpeg's", found, exc)
        elif choice == "system":
            raise EncodeError("VOXPRESS_FFMPEG=system, but there is no ffmpeg on PATH")
    path = _bundled_ffmpeg()
    try:
        return NativeTool("ffmpeg", "bundled", path, check_ffmpeg(path))
    except Unusable as exc:
        raise EncodeError(f"imageio-ffmpeg's ffmpeg {path} cannot be used: {exc}") from exc


def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary to run."""
    return ffmpeg().path


ffmpeg_exe.cache_clear = ffmpeg.cache_clear  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- espeak-ng

_espeak: NativeTool | None = None
_espeak_handle: ctypes.CDLL | None = None


def _open_espeak(path: str, data_path: str | None) -> tuple[ctypes.CDLL, str]:
    """Load the library at ``path`` (RTLD_LOCAL) and check its version and data; return it
    loaded, with its version. A library that fails is unloaded again before raising."""
    try:
        lib = ctypes.CDLL(path, mode=ctypes.RTLD_LOCAL)
    except OSError as exc:
        raise Unusable(f"cannot load: {exc}") from exc
    try:
        info = lib.espeak_Info
        info.restype = ctypes.c_char_p
        info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
        found = ctypes.c_char_p()
        version = (info(ctypes.byref(found)) or b"").decode("ascii", "replace")
        number = version_tuple(version)
        if number is None or number[:2] < MIN_ESPEAK:
            raise Unusable(f"version {version or 'unknown'} is older than 1.50")
        data = data_path or os.environ.get("ESPEAK_DATA_PATH") or (found.value or b"").decode()
        if data and not any(
            (Path(d) / "phontab").is_file() for d in (data, f"{data}/espeak-ng-data")
        ):
            raise Unusable(f"its data folder {data} has no phoneme tables")
    except (Unusable, AttributeError) as exc:
        import _ctypes

        _ctypes.dlclose(lib._handle)  # let the fallback own the soname
        raise Unusable(str(exc)) from exc
    return lib, version


def _loaded_path(fallback: str) -> str:
    """The file the process actually mapped for libespeak-ng (from /proc/self/maps)."""
    try:
        for line in Path("/proc/self/maps").read_text().splitlines():
            if "libespeak-ng" in line and "/" in line:
                return line[line.index("/") :]
    except OSError:
        pass
    return fallback


def prepare_espeak() -> str:
    """Make ``libespeak-ng.so.1`` resolve to the chosen copy for pyttsx3; return its origin.

    pyttsx3's driver opens the library by its soname, so the chosen copy is loaded first and the
    soname resolves to it. It is loaded ``RTLD_LOCAL``: in the global scope its symbols would
    interpose on the espeak-ng that Piper links statically, and crash it. The bundled copy gets
    ``ESPEAK_DATA_PATH`` pointing at its own data.
    """
    return espeak().origin


def espeak() -> NativeTool:
    """The espeak-ng library this process uses, loaded (see the module docstring)."""
    global _espeak, _espeak_handle
    if _espeak is not None:
        return _espeak
    choice = _choice("VOXPRESS_ESPEAK")
    if choice not in ("auto", "system", "bundled"):
        try:
            _espeak_handle, version = _open_espeak(choice, None)
        except Unusable as exc:
            raise EngineError(f"espeak-ng {choice} (from VOXPRESS_ESPEAK) cannot be used: {exc}")
        _espeak = NativeTool("espeak-ng", "explicit", _loaded_path(choice), version)
        return _espeak
    if choice != "bundled":
        soname = ctypes.util.find_library("espeak-ng")
        if soname:
            try:
                _espeak_handle, version = _open_espeak(soname, None)
                _espeak = NativeTool("espeak-ng", "system", _loaded_path(soname), version)
                log.debug("espeak-ng: %s", _espeak.describe())
                return _espeak
            except Unusable as exc:
                if choice == "system":
                    raise EngineError(f"the system's espeak-ng cannot be used: {exc}") from exc
                log.debug("espeak-ng: the system's %s cannot be used (%s); using the bundled copy",
                          soname, exc)  # fmt: skip
        elif choice == "system":
            raise EngineError("VOXPRESS_ESPEAK=system, but the OS has no espeak-ng library")
    import espeakng_loader

    data = espeakng_loader.get_data_path()
    path = espeakng_loader.get_library_path()
    try:
        _espeak_handle, version = _open_espeak(path, data)
    except Unusable as exc:
        raise EngineError(f"the bundled espeak-ng {path} cannot be used: {exc}") from exc
    os.environ.setdefault("ESPEAK_DATA_PATH", data)
    _espeak = NativeTool("espeak-ng", "bundled", _loaded_path(path), version)
    log.debug("espeak-ng: %s", _espeak.describe())
    return _espeak
