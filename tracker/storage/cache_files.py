"""Where caches live and how they are written and read safely.

Every cache of a data folder lives in ``.tracker-cache/`` inside it, with a ``.gitignore``
of ``*`` so a folder kept in git never commits (or merges) a cache. Caches are never the
source of truth: anything wrong with one means "no cache".

A cache can never serve what its files were edited to say: every file is sealed with a
keyed BLAKE2b digest whose key is private to the user (``~/.cache/tracker/cache-key``,
mode 0600, outside the data folder), and is checked before a byte of it is decoded. A
forged, damaged or foreign (another user's) file is rebuilt from the log or the plan, and
checking costs one hash, never the memory a damaged file could claim when decoded.
Decoding never runs code: rows are stored with ``marshal`` (plain values only), and the
one pickled object, a validated plan, is read by an unpickler that accepts only the
plan's own value classes.

Side files get the permissions of what they copy (a private log keeps a private cache),
no symbolic link is ever followed to read, write or remove one, and only files the tool
itself names are ever removed.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from pathlib import Path
from typing import Any

try:  # hashlib would load OpenSSL first: about 5 ms of every run's start
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the builtin module
    from hashlib import blake2b

ROOT_NAME = ".tracker-cache"
DIGEST_SIZE = 32
KEY_SIZE = 32

_ALLOWED = {
    ("tracker.core.model", "Plan"),
    ("tracker.core.model", "Target"),
    ("tracker.core.model", "PlanValue"),
    ("tracker.core.model", "ReportedHeadline"),
    ("tracker.core.model", "Amendment"),
    ("tracker.core.model", "Shape"),
    ("tracker.core.model", "Better"),
    ("tracker.core.model", "ChangeKind"),
    ("tracker.core.model", "Reporting"),
    ("tracker.core.model", "Rollup"),
    ("tracker.core.periods", "Period"),
    ("decimal", "Decimal"),
    ("datetime", "date"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}
_key_cache: list[bytes | None] = []


def cache_root(folder: Path) -> Path:
    """The cache folder of a data folder (created, with its .gitignore, on demand)."""
    return folder / ROOT_NAME


def is_real_dir(path: Path) -> bool:
    """True for a directory that is not a symbolic link: the only kind a cache uses."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def folder_mode(file_mode: int) -> int:
    """The mode of a folder holding copies of a file of ``file_mode``: searchable by
    whoever may read the file, and by nobody else."""
    mode = file_mode & 0o666
    return mode | ((mode & 0o444) >> 2)


def ensure_dir(path: Path, mode: int) -> None:
    """Create a cache folder, or accept an existing real one; OSError for anything else
    (a symbolic link, a file), which means "no cache"."""
    try:
        os.mkdir(path, mode)
        os.chmod(path, mode)  # mkdir's mode is narrowed by the umask; the copy's is not
    except FileExistsError:
        if not is_real_dir(path):
            raise OSError(f"{path} is not a folder of tracker's") from None


def ensure_root(folder: Path, mode: int = 0o755) -> Path:
    """Create the cache folder and its .gitignore; OSError when that cannot be done
    safely (a read-only folder, a symbolic link in the way)."""
    root = cache_root(folder)
    ensure_dir(root, mode)
    ignore = root / ".gitignore"
    if not os.path.lexists(ignore):
        with contextlib.suppress(FileExistsError):
            write_new(ignore, b"# tracker's caches: safe to delete, never commit\n*\n", 0o644)
    return root


def write_new(file: Path, data: bytes, mode: int) -> None:
    """Create ``file`` (never through a link, never over an existing file) with ``mode``."""
    fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode & 0o666)
    try:
        os.fchmod(fd, mode & 0o666)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_atomic(file: Path, data: bytes, mode: int = 0o644) -> None:
    """Write through a new temporary file and rename, so readers see all or nothing."""
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)  # left by a killed run with our pid: ours to replace
    try:
        write_new(temporary, data, mode)
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _key() -> bytes | None:
    """This user's private key for sealing caches, made on first use; None when it
    cannot be kept safely (no writable home), which only means no cache."""
    if _key_cache:
        return _key_cache[0]
    key: bytes | None = None
    with contextlib.suppress(OSError, RuntimeError):
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "tracker"
        file = folder / "cache-key"
        for _ in range(2):
            try:
                fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW)
            except FileNotFoundError:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)
                with contextlib.suppress(FileExistsError):  # another run made it first: read that one
                    write_atomic(file, os.urandom(KEY_SIZE), 0o600)
                continue
            try:
                st = os.fstat(fd)
                if st.st_uid == os.getuid() and not st.st_mode & 0o077:
                    data = os.read(fd, KEY_SIZE + 1)
                    key = data if len(data) == KEY_SIZE else None
            finally:
                os.close(fd)
            break
    _key_cache.append(key)
    return key


def seal(data: bytes) -> bytes | None:
    """``data`` with this user's digest in front; None when there is no key."""
    key = _key()
    return None if key is None else seal_with(key, data)


def unseal(blob: bytes) -> bytes | None:
    """The data of a sealed blob, or None when the digest does not match (forged,
    damaged, or sealed by another user)."""
    key = _key()
    return None if key is None else unseal_with(key, blob)


def seal_with(key: bytes, data: bytes) -> bytes:
    """``data`` with its digest under ``key`` in front."""
    return blake2b(data, key=key, digest_size=DIGEST_SIZE).digest() + data


def unseal_with(key: bytes, blob: bytes) -> bytes | None:
    """The data of a blob sealed with ``key``, or None."""
    if len(blob) < DIGEST_SIZE:
        return None
    data = memoryview(blob)[DIGEST_SIZE:]
    expected = blake2b(data, key=key, digest_size=DIGEST_SIZE).digest()
    # A plain comparison: the reader of a local file learns nothing from its timing.
    return bytes(data) if expected == blob[:DIGEST_SIZE] else None


def read_sealed(file: Path) -> bytes | None:
    """The checked data of a sealed cache file; None when missing, a link, or not sealed
    by this user's key."""
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 22):
            chunks.append(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return unseal(b"".join(chunks))


def write_sealed(file: Path, data: bytes, mode: int) -> None:
    """Seal and write a cache file atomically; OSError when it cannot be sealed or written."""
    blob = seal(data)
    if blob is None:
        raise OSError("no private key for caches")
    write_atomic(file, blob, mode)


def load_plan_pickle(data: bytes) -> Any:
    """Unpickle a cached plan (already unsealed), refusing any class but the plan's own
    value classes."""
    import pickle  # only plans large enough to be cached pay for it

    class PlanUnpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if (module, name) not in _ALLOWED:
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache")
            return super().find_class(module, name)

    return PlanUnpickler(io.BytesIO(data)).load()
