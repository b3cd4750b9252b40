"""An output folder shared by renders, batches and machines: names, sets of files, one batch.

**Names.** An article's slug is claimed before anything is synthesized, by atomically creating
``.voxpress-claims/<slug>`` (a hard link of a finished file: it appears complete or not at all,
also on NFS) holding the article's source and URL. Whoever creates it owns the name; a re-render
of the same article finds its own claim and keeps the name; any other article moves on to
``<slug>-2``. This holds across worker processes and machines on one shared folder. The names
voxpress writes itself (``batch-report``, ``feed``, ``index``…) and Windows' reserved device
names are never slugs.

**Sets.** An article's files (MP3, transcripts, chapters, player page, manifest) change
together. A :class:`FileSet` writes each to a temporary (``.<name>.<host>-<pid>.<rnd>.part``),
then, as the commit point, atomically puts a journal listing the renames in the folder, renames
every file with the manifest last, and removes the journal. A writer killed before the journal
leaves the old set (its temporaries are removed by the next run); killed after it, the next run
(:func:`tidy`, which ``render``, ``batch`` and ``feed`` call before reading) rolls the renames
forward to the new set. So voxpress readers see the old set or the new one, never a mixture;
another program reading the folder in the instant between the renames can tell by the manifest,
which records every file's size and is renamed last.

**One batch.** :class:`FolderLock` lets one batch at a time own a folder's index and report;
a second is refused with the holder named. The lock is an OS lock (``flock``) on
``.voxpress-batch.lock``, released by the kernel when its holder dies, so it is never stale.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .errors import FolderLockedError, OutputError
from .files import _alive, _host, finish, stale_temporaries, temporary, writer_tag

if TYPE_CHECKING:
    from typing_extensions import Self

log = logging.getLogger(__name__)

CLAIMS = ".voxpress-claims"
LOCK_NAME = ".voxpress-batch.lock"
RESERVED = frozenset(
    {"batch-report", "report", "feed", "index", "cache", "voxpress"}
    | {"con", "prn", "aux", "nul"}
    | {f"{dev}{n}" for dev in ("com", "lpt") for n in range(10)}
)
"""Slugs never used: names voxpress writes itself and Windows' reserved device names."""
JOURNAL_GRACE_S = 60.0
"""A journal from another host is rolled forward once it is this old (its writer is gone)."""

_JOURNAL = re.compile(r"^\.(?P<key>.+)\.(?P<host>[^.]+)-(?P<pid>\d+)\.[^.]+\.commit$")


def output_error(path: Path, exc: OSError) -> OutputError:
    """The one-line error for an OS failure writing ``path`` (a folder or a file in it)."""
    return OutputError(f"cannot write {path}: {exc.strerror or exc}")


# --------------------------------------------------------------------------- names


def claim_slug(folder: Path, slug: str, source: str, url: str | None) -> str:
    """Claim ``slug`` (or ``slug-2``, ``slug-3``…) in ``folder`` for the article identified by
    ``source`` and ``url``; return the name now owned. Creating the claim also proves the folder
    writable before any synthesis."""
    claims = folder / CLAIMS
    try:
        claims.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(folder, exc) from exc
    me = {"source": source, "url": url}
    for n in range(1, 1000):
        candidate = slug if n == 1 else f"{slug}-{n}"
        if candidate in RESERVED:
            continue
        claim = claims / candidate
        try:
            if not claim.exists() and _legacy_owner(folder, candidate, me) is False:
                continue  # rendered by an older voxpress for another article
            if _create(claim, json.dumps(me)):
                return candidate
            if _same_article(_read_claim(claim), me):
                return candidate
        except OSError as exc:
            raise output_error(folder, exc) from exc
    raise OutputError(f"too many articles titled {slug!r} in {folder}")


def _same_article(owner: dict[str, str | None] | None, me: dict[str, str | None]) -> bool:
    if owner is None:
        return False
    same_source = bool(me["source"]) and owner.get("source") == me["source"]
    same_url = bool(me["url"]) and owner.get("url") == me["url"]
    return same_source or same_url


def _legacy_owner(folder: Path, name: str, me: dict[str, str | None]) -> bool | None:
    """For outputs written before claims existed: True if ``name`` is this article's, False if
    another article's, None if free (no MP3, or an MP3 without a readable manifest)."""
    if not (folder / f"{name}.mp3").exists():
        return None
    try:
        data = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return _same_article(data if isinstance(data, dict) else None, me)


def _create(path: Path, text: str) -> bool:
    """Create ``path`` holding ``text`` unless it exists; True if this call created it."""
    tmp = temporary(path.parent.parent / path.name)
    try:
        tmp.write_text(text, encoding="utf-8")
        finish(tmp)
        try:
            os.link(tmp, path)
            return True
        except FileExistsError:
            return False
        except OSError:  # no hard links on this file system: exclusive create instead
            try:
                with open(path, "x", encoding="utf-8") as fh:
                    fh.write(text)
                return True
            except FileExistsError:
                return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _read_claim(path: Path) -> dict[str, str | None] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# --------------------------------------------------------------------------- sets


class FileSet:
    """The files of one render: written to temporaries, then published together (see the
    module). Use as a context manager; on an error before :meth:`commit` every temporary is
    removed and the old set is untouched."""

    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.key = key
        self._temps: dict[str, Path] = {}
        self._committed = False

    def path(self, name: str) -> Path:
        """A new temporary for ``folder/name``, to be written by the caller."""
        if name not in self._temps:
            self._temps[name] = temporary(self.folder / name)
        return self._temps[name]

    def write_text(self, name: str, text: str) -> Path:
        """Write ``text`` (UTF-8) as the temporary for ``name``."""
        tmp = self.path(name)
        tmp.write_text(text, encoding="utf-8")
        return tmp

    def size(self, name: str) -> int:
        """Bytes written so far for ``name``."""
        return self._temps[name].stat().st_size

    def commit(self, last: str | None = None) -> list[Path]:
        """Publish every file (``last`` renamed last); return the final paths in order."""
        order = [n for n in self._temps if n != last] + ([last] if last in self._temps else [])
        for name in order:
            finish(self._temps[name])
        renames = [[self._temps[n].name, n] for n in order]
        journal_tmp = temporary(self.folder / f"{self.key}.journal")
        journal_tmp.write_text(json.dumps({"renames": renames}), encoding="utf-8")
        finish(journal_tmp)
        journal = (
            self.folder / f".{self.key}.{writer_tag()}.{journal_tmp.name.split('.')[-2]}.commit"
        )
        os.replace(journal_tmp, journal)  # the commit point
        self._committed = True
        _fsync_dir(self.folder)
        _roll_forward(self.folder, journal, renames)
        return [self.folder / n for n in order]

    def discard(self) -> None:
        """Remove every temporary not yet published."""
        for tmp in self._temps.values():
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc is None:
            return
        if not self._committed:
            self.discard()
        cause = os_cause(exc)
        if cause is not None:
            raise output_error(self.folder, cause) from exc


_DISK_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EIO}


def os_cause(exc: BaseException) -> OSError | None:
    """The OS error behind ``exc``: itself, or a full or read-only disk that an encoder or a
    tagger reported as its own error; else None."""
    if isinstance(exc, OSError):
        return exc
    seen = exc.__cause__ or exc.__context__
    for _ in range(4):
        if seen is None:
            return None
        if isinstance(seen, OSError) and seen.errno in _DISK_ERRORS:
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _roll_forward(folder: Path, journal: Path, renames: list[list[str]]) -> None:
    for tmp_name, name in renames:
        with contextlib.suppress(FileNotFoundError):  # already done (by a recovery)
            os.replace(folder / tmp_name, folder / name)
    _fsync_dir(folder)
    with contextlib.suppress(FileNotFoundError):
        journal.unlink()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on this platform
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def recover(folder: Path) -> int:
    """Finish the commits of writers that died after their commit point; return how many."""
    done = 0
    here = _host()
    for journal in folder.glob(".*.commit"):
        m = _JOURNAL.match(journal.name)
        if not m:
            continue
        try:
            if m.group("host") == here:
                if _alive(int(m.group("pid"))):
                    continue
            elif time.time() - journal.stat().st_mtime < JOURNAL_GRACE_S:
                continue
            renames = json.loads(journal.read_text(encoding="utf-8"))["renames"]
        except (OSError, ValueError, KeyError):
            continue
        log.info("completing an interrupted render in %s (%s)", folder, m.group("key"))
        try:
            _roll_forward(folder, journal, renames)
        except OSError as exc:  # a read-only folder: readers still see the manifest's set
            log.warning("cannot complete the interrupted render %s: %s", journal, exc)
            continue
        done += 1
    return done


def tidy(folder: Path) -> None:
    """Before reading or writing ``folder``: finish interrupted commits, then remove the
    temporaries of dead writers (a killed render or batch, a lost worker)."""
    if not folder.is_dir():
        return
    recover(folder)
    for p in stale_temporaries(folder):
        with contextlib.suppress(OSError):
            p.unlink()


def verify(folder: Path) -> list[str]:
    """What is wrong with the sets in ``folder``, as readers see them: a manifest naming a file
    that is missing or not of the size it records, an MP3 without its manifest, a commit not
    finished. Empty when every article's files are consistent with its manifest."""
    problems = []
    described: set[str] = set()
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or "voxpress" not in data or "mp3" not in data:
            continue
        sizes = {str(data["mp3"]): data.get("mp3_bytes"), **(data.get("file_bytes") or {})}
        for name in [str(data["mp3"]), *(data.get("files") or {}).values()]:
            described.add(name)
            try:
                size = (folder / name).stat().st_size
            except OSError:
                problems.append(f"{path.name}: {name} is missing")
                continue
            if sizes.get(name) is not None and sizes[name] != size:
                problems.append(f"{path.name}: {name} has {size} bytes, not {sizes[name]}")
    for mp3 in folder.glob("*.mp3"):
        if mp3.name not in described and (folder / f"{mp3.stem}.json").exists():
            problems.append(f"{mp3.name}: not the MP3 its manifest names")
    problems += [f"{j.name}: a commit not finished" for j in folder.glob(".*.commit")]
    return problems


def check_writable(folder: Path) -> None:
    """Create ``folder`` if needed and prove a file can be written in it, else OutputError."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary(folder / "probe").unlink()
    except OSError as exc:
        raise output_error(folder, exc) from exc


# --------------------------------------------------------------------------- one batch


class FolderLock:
    """An exclusive OS lock on a folder for one batch (see the module)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> Self:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock
            return self
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise output_error(self.path.parent, exc) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise FolderLockedError(
                f"another batch is writing to {self.path.parent} ({holder}); "
                "wait for it to finish or use another --out-dir"
            ) from None
        except OSError as exc:  # a file system without locks (some network mounts)
            log.warning(
                "cannot lock %s (%s): make sure no other batch writes there", self.path, exc
            )
            os.close(fd)
            return self
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {_host()}, since {time.strftime('%H:%M:%S')}".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing releases the lock
            self._fd = None
