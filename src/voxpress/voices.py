"""Voice profiles: small TOML files in ``voices/`` naming an engine, a voice, its rate and pauses.

A profile is static configuration. Per-run choices (``--rate`` on the command line) are applied
with :meth:`VoiceProfile.with_overrides`, never by editing the file. See ``voices/README.md``.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ProfileError
from .models import primary_language

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_PROFILE = "default"


@dataclass(frozen=True)
class Pauses:
    """Silences between segments, in milliseconds."""

    sentence_ms: int = 350
    """Between sentences of one paragraph."""
    paragraph_ms: int = 750
    """After the last sentence of a paragraph, list item or quote."""
    heading_ms: int = 1200
    """After a heading."""
    title_ms: int = 1200
    """After the title and after the byline."""
    clause_ms: int = 250
    """Between the parts of an over-long sentence split at a clause boundary."""


@dataclass(frozen=True)
class VoiceProfile:
    """A voice: which engine, which of its voices, and how it speaks."""

    name: str
    """Profile name (the file's stem)."""
    engine: str = "espeak"
    """Engine name: 'espeak' (pyttsx3 + espeak-ng) or 'piper'."""
    voice: str = "gmw/en-us"
    """Engine voice id (espeak-ng voice identifier, or a Piper model path)."""
    language: str = "en"
    """Language the voice speaks (primary subtag)."""
    rate: int = 170
    """Speaking rate in words per minute."""
    pitch: int = 50
    """Pitch, 0-100 (espeak)."""
    volume: float = 1.0
    """Volume, 0.0-1.0."""
    description: str = ""
    """One line shown by ``voxpress voices``."""
    pauses: Pauses = field(default_factory=Pauses)
    """Pauses between segments."""
    read_title: bool = True
    """Speak the headline first."""
    read_byline: bool = True
    """Speak the byline after the headline."""
    byline_template: str = "By {byline}."
    """How the byline is spoken."""
    max_sentence_words: int = 35
    """Sentences longer than this are split at clause boundaries."""
    lexicons: tuple[str, ...] = ()
    """Pronunciation lexicon names or paths, applied in order."""
    table_note: str = "A table is left out here."
    """Said where the article has a data table (tables are not read cell by cell); ``{caption}``
    is replaced by the table's caption; empty to pass over tables in silence."""
    intro: str = ""
    """A line spoken before the title (e.g. 'This audio is created with AI assistance.'); empty for none."""
    outro: str = ""
    """A line spoken after the article; empty for none."""
    intro_audio: str = ""
    """An audio file (jingle) played first, faded out at its end; empty for none."""
    outro_audio: str = ""
    """An audio file played last, faded in; empty for none."""
    path: str | None = None
    """File the profile was read from."""

    def speaks(self, language: str | None) -> bool:
        """Whether ``language`` is this profile's own (its lexicons and lines are in it)."""
        return primary_language(language) == primary_language(self.language)

    def with_overrides(self, **changes: Any) -> VoiceProfile:
        """A copy with the non-None ``changes`` applied."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def search_path() -> list[Path]:
    """Folders searched for profiles: $VOXPRESS_VOICES, ./voices, the project's and the package's."""
    dirs: list[Path] = []
    env = os.environ.get("VOXPRESS_VOICES")
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    dirs.append(Path.cwd() / "voices")
    here = Path(__file__).resolve().parent
    dirs.append(here / "voices")  # installed wheel
    dirs.append(here.parent.parent / "voices")  # source checkout / editable install
    seen: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in seen:
            seen.append(d.resolve())
    return seen


def find_file(name: str, suffix: str) -> Path | None:
    """A file named ``name`` (a path, or a stem looked up in the search path)."""
    direct = Path(name)
    if direct.suffix == suffix and direct.is_file():
        return direct
    for d in search_path():
        candidate = d / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def available_profiles() -> list[VoiceProfile]:
    """Every profile found in the search path, first occurrence of each name winning."""
    seen: dict[str, VoiceProfile] = {}
    for d in search_path():
        for f in sorted(d.glob("*.toml")):
            if f.stem not in seen:
                seen[f.stem] = load_profile(str(f))
    return list(seen.values())


def load_profile(name: str | None = None) -> VoiceProfile:
    """Load a profile by name (``default``, ``joe``…) or by path to a ``.toml`` file."""
    name = name or DEFAULT_PROFILE
    path = find_file(name, ".toml")
    if path is None:
        known = ", ".join(sorted({f.stem for d in search_path() for f in d.glob("*.toml")}))
        raise ProfileError(f"unknown voice profile '{name}' (available: {known or 'none'})")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"cannot read voice profile {path}: {exc}") from exc
    return profile_from_dict(path.stem, data, str(path))


def profile_from_dict(name: str, data: dict[str, Any], path: str | None = None) -> VoiceProfile:
    """Validate a parsed profile; unknown keys and wrong types are errors, not ignored."""
    data = dict(data)
    pauses_raw = data.pop("pauses", {})
    known = {f.name for f in dataclasses.fields(VoiceProfile)} - {"name", "path", "pauses"}
    unknown = set(data) - known
    if unknown:
        raise ProfileError(
            f"voice profile {path or name}: unknown keys {', '.join(sorted(unknown))}"
        )
    pause_fields = {f.name for f in dataclasses.fields(Pauses)}
    bad = set(pauses_raw) - pause_fields
    if bad:
        raise ProfileError(f"voice profile {path or name}: unknown pauses {', '.join(sorted(bad))}")
    if "lexicons" in data:
        data["lexicons"] = tuple(data["lexicons"])
    profile = VoiceProfile(name=name, path=path, pauses=Pauses(**pauses_raw), **data)
    validate(profile)
    return profile


def validate(p: VoiceProfile) -> None:
    """Raise :class:`ProfileError` for out-of-range settings."""
    where = p.path or p.name
    if not 80 <= p.rate <= 450:
        raise ProfileError(
            f"voice profile {where}: rate {p.rate} is outside 80-450 words per minute"
        )
    if not 0 <= p.pitch <= 100:
        raise ProfileError(f"voice profile {where}: pitch {p.pitch} is outside 0-100")
    if not 0.0 < p.volume <= 1.0:
        raise ProfileError(f"voice profile {where}: volume {p.volume} is outside 0-1")
    for fld in dataclasses.fields(Pauses):
        if not 0 <= getattr(p.pauses, fld.name) <= 10000:
            raise ProfileError(f"voice profile {where}: pause {fld.name} is outside 0-10000 ms")
    if "{byline}" not in p.byline_template:
        raise ProfileError(f"voice profile {where}: byline_template must contain {{byline}}")
