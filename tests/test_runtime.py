"""Which native copies voxpress uses (the OS's or the PyPI packages'), and falling back.

CI runs the suite once with the OS's ffmpeg and espeak-ng installed and once with
``VOXPRESS_FFMPEG=bundled VOXPRESS_ESPEAK=bundled``; it sets ``VOXPRESS_EXPECT_NATIVE`` to the
origin each run must have used, so neither path can silently stop being covered.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from voxpress import runtime

EXPECT = os.environ.get("VOXPRESS_EXPECT_NATIVE")


def run_python(code: str, **env: str) -> tuple[str, str]:
    """Run ``code`` in a fresh interpreter (the native choice is made once per process); return
    its standard output and its log (standard error)."""
    full = {**os.environ, **env}
    for key, value in env.items():
        if value == "":
            full.pop(key)
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip(), proc.stderr


@pytest.mark.skipif(not EXPECT, reason="VOXPRESS_EXPECT_NATIVE is set by .ci/run")
def test_this_run_uses_the_copies_ci_asked_for() -> None:
    from voxpress.engines import create_engine
    from voxpress.voices import load_profile

    engine = create_engine(load_profile(None))
    assert runtime.ffmpeg().origin == EXPECT, runtime.ffmpeg().describe()
    assert runtime.espeak().origin == EXPECT, runtime.espeak().describe()
    mapped = Path("/proc/self/maps").read_text()
    lines = [line for line in mapped.splitlines() if "libespeak-ng" in line]
    assert lines, "no espeak-ng library is mapped"
    bundled = "espeakng_loader" in lines[0]
    assert bundled == (EXPECT == "bundled"), lines[0]
    assert f"({EXPECT})" in engine.describe()


def test_version_numbers_are_read_from_every_kind_of_build() -> None:
    assert runtime.version_tuple("5.1.9-0+deb12u1") == (5, 1, 9)
    assert runtime.version_tuple("4.4.2-0ubuntu0.22.04.1") == (4, 4, 2)
    assert runtime.version_tuple("n9.0.2-17-g2a571b6068-20260930") == (9, 0, 2)
    assert runtime.version_tuple("1.52.0") == (1, 52, 0)
    assert runtime.version_tuple("1.51") == (1, 51)
    assert runtime.version_tuple("N-112233-gdeadbeef") is None  # a git build: no number


def test_every_available_ffmpeg_passes_the_check() -> None:
    """The OS's (when installed) and imageio-ffmpeg's both encode an MP3 from raw PCM."""
    import shutil

    candidates = [runtime._bundled_ffmpeg()]
    if shutil.which("ffmpeg"):
        candidates.append(str(shutil.which("ffmpeg")))
    for path in candidates:
        version = runtime.check_ffmpeg(path)
        number = runtime.version_tuple(version)
        assert number is None or number >= runtime.MIN_FFMPEG


def fake_ffmpeg(folder: Path, script: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    exe = folder / "ffmpeg"
    exe.write_text("#!/bin/sh\n" + script)
    exe.chmod(0o755)
    return folder


@pytest.mark.parametrize(
    "script",
    [
        "echo 'ffmpeg version 3.4.8 Copyright' >&2; cat > /dev/null; printf 'x'\n",  # too old
        "echo 'Unknown encoder libmp3lame' >&2; exit 1\n",  # built without LAME
        "exit 0\n",  # writes nothing
    ],
    ids=["too-old", "no-lame", "silent"],
)
def test_an_unusable_system_ffmpeg_falls_back_to_the_bundled_one(
    tmp_path: Path, script: str
) -> None:
    folder = fake_ffmpeg(tmp_path / "bin", script)
    out, log = run_python(
        """
        import logging, sys
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format="%(message)s")
        from voxpress import runtime
        tool = runtime.ffmpeg()
        print(tool.origin, tool.path)
        """,
        PATH=f"{folder}:{os.environ['PATH']}",
        VOXPRESS_FFMPEG="",
    )
    assert f"ffmpeg: {folder}/ffmpeg cannot be used" in log
    assert out == f"bundled {runtime._bundled_ffmpeg()}"


def test_an_explicit_or_required_copy_that_cannot_be_used_is_an_error(tmp_path: Path) -> None:
    from voxpress.errors import EncodeError

    folder = fake_ffmpeg(tmp_path / "bin", "exit 1\n")
    for env in ({"VOXPRESS_FFMPEG": str(folder / "ffmpeg")},):
        old = {k: os.environ.get(k) for k in env}
        os.environ.update(env)
        runtime.ffmpeg.cache_clear()
        try:
            with pytest.raises(EncodeError, match="cannot be used"):
                runtime.ffmpeg()
        finally:
            for k, v in old.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
            runtime.ffmpeg.cache_clear()


def test_an_espeak_library_that_does_not_load_falls_back_to_the_bundled_one(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "libespeak-ng.so.1"
    broken.write_bytes(b"not a shared library")
    out, log = run_python(
        f"""
        import ctypes.util, logging, sys
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr, format="%(message)s")
        ctypes.util.find_library = lambda name: {str(broken)!r}
        from voxpress import runtime
        print(runtime.prepare_espeak())
        import pyttsx3
        engine = pyttsx3.init("espeak")
        print(len(engine.getProperty("voices")) > 20)
        maps = open("/proc/self/maps").read()
        print("espeakng_loader" in maps)
        """,
        VOXPRESS_ESPEAK="",
    )
    assert f"the system's {broken} cannot be used" in log
    assert out.splitlines() == ["bundled", "True", "True"]


def test_forcing_the_bundled_espeak_works_beside_an_os_copy() -> None:
    out, _ = run_python(
        """
        from voxpress import runtime
        tool = runtime.espeak()
        print(tool.origin, "espeakng_loader" in tool.path)
        """,
        VOXPRESS_ESPEAK="bundled",
    )
    assert out == "bundled True"


@pytest.mark.skipif(
    not os.environ.get("VOXPRESS_EXPECT_FFMPEG_VERSION"),
    reason="VOXPRESS_EXPECT_FFMPEG_VERSION is set by .ci/run's oldest-ffmpeg run",
)
def test_this_run_uses_the_ffmpeg_ci_asked_for() -> None:
    tool = runtime.ffmpeg()
    assert tool.origin == "explicit"
    assert tool.version.startswith(os.environ["VOXPRESS_EXPECT_FFMPEG_VERSION"]), tool.describe()
