"""Write outputs so that readers only ever see a whole old or a whole new result.

Every output (site, search index, documents) is written into a temporary sibling and swapped in
with renames once complete. A lock file next to the target makes a second build wait its turn;
temporary leftovers of a killed build are removed by the next one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from generator.errors import OutputBusy

LOCK_TIMEOUT_SECONDS = 600.0


def _lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def output_lock(target: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock for one output folder or file; a second writer waits, then raises OutputBusy.

    timeout: seconds to wait (LOCK_TIMEOUT_SECONDS when None, read at each call)."""
    timeout = LOCK_TIMEOUT_SECONDS if timeout is None else timeout
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(_lock_path(target)))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise OutputBusy(target, timeout) from None
    try:
        yield
    finally:
        lock.release()


def remove_leftovers(target: Path) -> None:
    """Delete what a killed build left beside target (its temporary and old folders)."""
    for leftover in target.parent.glob(f".{target.name}.tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)
    for leftover in target.parent.glob(f".{target.name}.old-*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def atomic_directory(target: Path, *, locked: bool = True) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it replaces target whole, on failure it vanishes."""
    target = target.absolute()
    with output_lock(target) if locked else contextlib.nullcontext():
        remove_leftovers(target)
        temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
        try:
            yield temporary
            os.chmod(temporary, 0o755)
            replace_directory(temporary, target)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)


def replace_directory(new: Path, target: Path) -> None:
    """Swap new into target's place: two renames, so target is never half-written."""
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2  # renameat2(2): both paths must exist; they trade places in one step


def exchange(first: Path, second: Path) -> None:
    """Swap two existing paths on one file system: each takes the other's name.

    On Linux this is a single renameat2 call, so no reader ever finds either name missing. Where
    that call is missing or the file system refuses it, three renames do the same, with a moment in
    which second is absent."""
    libc = _libc()
    if libc is not None:
        if libc.renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(first), None, str(second))
    holding = first.with_name(first.name + ".swap")
    os.replace(second, holding)
    os.replace(first, second)
    os.replace(holding, first)


def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    return libc if hasattr(libc, "renameat2") else None


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write a file through a temporary sibling and an atomic rename."""
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(name, 0o644)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
