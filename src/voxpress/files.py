"""File helpers: filesystem-safe slugs and atomic writes (temp file in the same folder, then rename).

A temporary is named ``.<target name>.<host>-<pid>.<random>.part``: hidden, ending in ``.part``
(never in an output's extension, so nothing that picks up ``*.mp3`` takes a half-written file),
and naming its writer, so that the next run can tell a dead writer's leftovers from a live one's.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import tempfile
import unicodedata
from collections.abc import Iterator
from pathlib import Path

MAX_SLUG = 60


def slugify(text: str, max_len: int = MAX_SLUG) -> str:
    """A short lower-case ASCII slug: 'At least 7 countries…' -> 'at-least-7-countries'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_len:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_len]
    return slug or "article"


def temporary(target: Path) -> Path:
    """Create an empty temporary file beside ``target`` (see the module) and return its path."""
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.{writer_tag()}.", suffix=".part", dir=target.parent
    )
    os.close(fd)
    return Path(tmp)


def finish(tmp: Path) -> None:
    """Make a finished temporary durable and give it the permissions of a normal file."""
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o666 & ~_umask())


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` atomically.

    On any exception the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = temporary(target)
    try:
        yield tmp_path
        finish(tmp_path)
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def writer_tag() -> str:
    """'host-pid' of this process, put in temporary names so stale ones can be told apart."""
    return f"{_host()}-{os.getpid()}"


def _host() -> str:
    return socket.gethostname().replace(".", "_")


_TEMP_NAME = re.compile(r"^\..+\.(?P<host>[^.]+)-(?P<pid>\d+)\.[^.]+\.part")


def stale_temporaries(folder: Path, max_age_s: float = 3600.0) -> list[Path]:
    """Temporary files in ``folder`` left by writers that died (kill -9, power loss).

    A writer on this host is dead when its PID no longer exists; one on another host (a shared
    folder in a cluster) counts as dead once its file is ``max_age_s`` old.
    """
    import time

    here = _host()
    out = []
    for p in folder.glob(".*.part*"):
        m = _TEMP_NAME.match(p.name)
        if m and m.group("host") == here:
            if _alive(int(m.group("pid"))):
                continue  # still writing
        else:
            try:
                if time.time() - p.stat().st_mtime < max_age_s:
                    continue
            except FileNotFoundError:
                continue
        out.append(p)
    return out


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie (killed, not yet reaped by its parent)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: existence is all we know
    return stat[stat.rfind(")") + 2 :][:1] not in ("Z", "X")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(target: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically; return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically; return the target path."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)
