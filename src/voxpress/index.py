"""A batch's index of an output folder: which source was rendered, from which bytes, to what.

An append-only journal, ``.voxpress-index.jsonl``: one JSON line per finished article,
appended and flushed to disk as it finishes (a killed batch loses nothing it finished, and a
10,000-article backfill does not rewrite the whole index after each article). The last line
for a source wins; a line torn by a kill is ignored. The journal is compacted (rewritten
atomically, one line per source) when a batch ends. Only the batch holding the folder's lock
(:class:`voxpress.outputs.FolderLock`) writes it. An index from before the journal
(``.voxpress-index.json``) is read once and folded in.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from .files import write_text_atomic
from .outputs import output_error

INDEX_NAME = ".voxpress-index.jsonl"
LEGACY_NAME = ".voxpress-index.json"


class BatchIndex:
    """source -> index entry, persisted in ``folder`` (or only in memory when folder is None)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.entries: dict[str, dict[str, Any]] = {}
        self._lines = 0
        self._rewrite = False  # a legacy index or a torn line: rewrite before appending
        self._fd: int | None = None
        if folder is not None:
            self._load(folder)

    def _load(self, folder: Path) -> None:
        legacy = folder / LEGACY_NAME
        with contextlib.suppress(OSError, ValueError):
            data = json.loads(legacy.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self.entries.update(data)
                self._rewrite = True
        try:
            raw = (folder / INDEX_NAME).read_bytes()
        except OSError:
            raw = b""
        for line in raw.splitlines():
            try:
                item = json.loads(line)
                self.entries[item["source"]] = item["entry"]
                self._lines += 1
            except (ValueError, KeyError, TypeError):
                self._rewrite = True  # torn by a kill, or not ours
        if raw and not raw.endswith(b"\n"):
            self._rewrite = True

    def get(self, source: str) -> dict[str, Any] | None:
        return self.entries.get(source)

    def __len__(self) -> int:
        return len(self.entries)

    def record(self, source: str, entry: dict[str, Any]) -> None:
        """Remember ``entry`` for ``source`` and append it to the journal, durably."""
        if self.folder is None:
            self.entries[source] = entry
            return
        if self._rewrite or self._lines > 2 * len(self.entries) + 100:
            self.compact()
        self.entries[source] = entry
        line = json.dumps({"source": source, "entry": entry}, ensure_ascii=False) + "\n"
        path = self.folder / INDEX_NAME
        try:
            if self._fd is None:
                self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
            os.write(self._fd, line.encode("utf-8"))
            os.fsync(self._fd)
        except OSError as exc:
            raise output_error(path, exc) from exc
        self._lines += 1

    def compact(self) -> None:
        """Rewrite the journal atomically with one line per source; drop the legacy index."""
        if self.folder is None:
            return
        self.close()
        text = "".join(
            json.dumps({"source": s, "entry": e}, ensure_ascii=False) + "\n"
            for s, e in self.entries.items()
        )
        try:
            write_text_atomic(self.folder / INDEX_NAME, text)
            with contextlib.suppress(FileNotFoundError):
                (self.folder / LEGACY_NAME).unlink()
        except OSError as exc:
            raise output_error(self.folder / INDEX_NAME, exc) from exc
        self._lines = len(self.entries)
        self._rewrite = False

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
