"""Voice profiles: the shipped ones load, bad ones fail with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from voxpress.errors import ProfileError
from voxpress.voices import available_profiles, load_profile


def test_default_profile_loads() -> None:
    p = load_profile()
    assert p.name == "default"
    assert p.engine == "espeak"
    assert (
        p.pauses.sentence_ms == 350 and p.pauses.paragraph_ms == 750 and p.pauses.heading_ms == 1200
    )


def test_every_shipped_profile_is_valid() -> None:
    names = {p.name for p in available_profiles()}
    assert {"default", "en-gb"} <= names


def test_profile_by_path_and_overrides(tmp_path: Path) -> None:
    f = tmp_path / "slow.toml"
    f.write_text('engine = "espeak"\nvoice = "gmw/en"\nrate = 120\n[pauses]\nsentence_ms = 500\n')
    p = load_profile(str(f))
    assert (p.name, p.rate, p.pauses.sentence_ms, p.pauses.paragraph_ms) == ("slow", 120, 500, 750)
    assert p.with_overrides(rate=200, pitch=None).rate == 200


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rate = 20\n", "rate 20 is outside 80-450 words per minute"),
        ("speed = 2\n", "unknown keys speed"),
        ("[pauses]\nlong_ms = 5\n", "unknown pauses long_ms"),
        ('byline_template = "By"\n', "byline_template must contain {byline}"),
        ("rate = \n", "cannot read voice profile"),
    ],
)
def test_bad_profiles_are_rejected(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(content)
    with pytest.raises(ProfileError, match=message):
        load_profile(str(f))


def test_unknown_profile_names_the_available_ones() -> None:
    with pytest.raises(ProfileError, match=r"unknown voice profile 'nope' \(available: .*default"):
        load_profile("nope")
