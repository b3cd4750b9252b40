"""Speech engines behind one small interface (:class:`voxpress.engines.base.Engine`)."""

from __future__ import annotations

from ..errors import ProfileError
from ..voices import VoiceProfile
from .base import Engine, EngineVoice, check_clip

__all__ = ["ENGINES", "Engine", "EngineVoice", "check_clip", "create_engine"]

ENGINES = ("espeak", "piper")


def create_engine(profile: VoiceProfile) -> Engine:
    """The engine a profile names, configured with the profile's voice and rate."""
    if profile.engine == "espeak":
        from .espeak import EspeakEngine

        return EspeakEngine(profile)
    if profile.engine == "piper":
        from .piper import PiperEngine

        return PiperEngine(profile)
    raise ProfileError(
        f"voice profile {profile.name}: unknown engine '{profile.engine}' "
        f"(available: {', '.join(ENGINES)})"
    )
