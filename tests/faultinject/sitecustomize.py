"""Fault injection for voxpress's tests: real processes dying by real signals at chosen points.

Python imports this module at start-up only when a test puts this folder on ``PYTHONPATH``;
it then installs an audit hook (PEP 578) driven by environment variables:

- ``VOXPRESS_TEST_CRASH_ON=text``: a worker process (not a batch's parent) that opens a file
  whose path contains ``text`` dies of SIGSEGV, like espeak-ng crashing inside it.
- ``VOXPRESS_TEST_KILL_DIR=folder`` with ``VOXPRESS_TEST_KILL_AT=n``: the process SIGKILLs
  itself just before its n-th write, rename, link or removal in that folder (``n`` counts in
  this process only); with ``VOXPRESS_TEST_KILL_AFTER=.mp3`` instead, just after the first
  rename onto a name ending in ``.mp3`` (at the next audited event).
- ``VOXPRESS_TEST_COUNT_TO=file``: at exit, write to ``file`` how many such operations the
  process did in ``VOXPRESS_TEST_KILL_DIR`` (to choose a random ``n`` among them).
"""

from __future__ import annotations

import os
import signal
import sys

_crash_on = os.environ.get("VOXPRESS_TEST_CRASH_ON")
_folder = os.environ.get("VOXPRESS_TEST_KILL_DIR")
_kill_at = int(os.environ.get("VOXPRESS_TEST_KILL_AT") or 0)
_kill_after = os.environ.get("VOXPRESS_TEST_KILL_AFTER")
_count_to = os.environ.get("VOXPRESS_TEST_COUNT_TO")
_state = {"count": 0, "armed": False, "dying": False}
_WRITES = ("os.rename", "os.link", "os.remove", "os.truncate")


def _in_worker() -> bool:
    mp = sys.modules.get("multiprocessing")
    return mp is not None and mp.parent_process() is not None


def _inside(path: object) -> bool:
    if not isinstance(path, (str, bytes, os.PathLike)):
        return False
    return os.path.abspath(os.fsdecode(path)).startswith(_folder or "\0")


def _for_writing(mode: object, flags: object) -> bool:
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return isinstance(flags, int) and bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))


def _die(sig: int) -> None:
    _state["dying"] = True  # os.kill is audited too: do not recurse
    os.kill(os.getpid(), sig)


def _hook(event: str, args: tuple[object, ...]) -> None:
    if _state["dying"]:
        return
    if _state["armed"]:
        _die(signal.SIGKILL)
    crash = event == "open" and _crash_on and isinstance(args[0], str) and _crash_on in args[0]
    if crash and _in_worker():
        _die(signal.SIGSEGV)
    if not _folder:
        return
    writing = event in _WRITES or (event == "open" and _for_writing(args[1], args[2]))
    if not writing or not _inside(args[0]):
        return
    if event == "os.rename" and _kill_after and os.fsdecode(args[1]).endswith(_kill_after):
        _state["armed"] = True  # the rename happens after this hook returns
        return
    _state["count"] += 1
    if _kill_at and _state["count"] >= _kill_at:
        _die(signal.SIGKILL)


def _write_count() -> None:
    if _count_to:
        with open(_count_to, "w") as fh:
            fh.write(str(_state["count"]))


if _crash_on or _folder:
    sys.addaudithook(_hook)
    if _count_to:
        import atexit

        atexit.register(_write_count)
