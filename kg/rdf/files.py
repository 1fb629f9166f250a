"""Files written whole or not at all, folders swapped in whole, and text files read safely.

No project logic: these are the file operations every output of the project goes through (dist/,
the store, the review file, a user's -o FILE), written once.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from kg.errors import DataError, KGError, OutputError

MAX_FILE_BYTES = 20_000_000  # a curated file larger than this is not a curated file


def read_text_file(path: Path, shown: str, error: type[KGError] = DataError, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of a regular file of at most ``limit`` bytes; anything else (a FIFO, which
    would hang the reader; a device such as /dev/zero, which never ends; a link to either; a
    binary or UTF-16 file) is an ``error`` naming the file."""
    try:
        info = path.stat()
    except OSError as exc:
        raise error(f"{shown}: cannot read the file: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise error(f"{shown}: not a regular file (a device, a pipe or a folder); give a text file")
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise error(f"{shown}: cannot read the file: {exc.strerror}") from None
    if len(data) > limit:
        raise error(f"{shown}: larger than {limit} bytes; split it into smaller files")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{shown}: not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8") from None


def write_text_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then renamed over it."""
    write_bytes_atomic(path, lambda f: f.write(text.encode("utf-8")))


def through_link(path: Path) -> Path:
    """What to write for ``path``: the file or folder a symbolic link points to (the link stays,
    and a web root it points to gets the new build), else ``path`` itself."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _special(path: Path) -> bool:
    """Whether ``path`` is something other than a regular file (a device, a FIFO, a socket), which
    is written into as it is: renaming a file over ``/dev/null`` would destroy the device node."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def write_bytes_atomic(path: Path, write) -> None:
    """Call ``write(binary_file)`` on a temporary file beside ``path``, then rename it over ``path``.

    Through a symbolic link, the file the link points to is written (atomically, beside it) and the
    link stays; into a device or a FIFO, the bytes are written in place. Every failure is an
    :class:`OutputError` naming the path; a failed write leaves the old file as it was."""
    path = through_link(path)
    if _special(path):
        try:
            with path.open("wb") as f:
                write(f)
        except OSError as exc:
            raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
        return
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            write(f)
        umask = os.umask(0)  # mkstemp makes the file private (0600); give it the usual mode
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def swap_in(new: Path, target: Path) -> None:
    """Put the folder ``new`` (made beside ``target``) in the place of ``target``, whole:
    the old one is moved aside first and removed only once the new one is in place; if the new
    one cannot be put in place, the old one is put back."""
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{os.getpid()}"
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
    try:
        os.replace(new, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_folder(files: dict[str, str], out_dir: Path, what: str = "the folder") -> None:
    """Write ``files`` (path under the folder -> text) into a fresh folder beside ``out_dir`` (on its
    filesystem, so the swap is a rename) and swap it in whole; ``what`` names it in messages."""
    out_dir = through_link(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a folder; give another --out")
    parent = out_dir.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=parent))
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output folder: {exc.strerror}") from None
    try:
        for name, text in files.items():
            target = tmp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        os.chmod(tmp, 0o755)
        swap_in(tmp, out_dir)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"{out_dir}: cannot write {what}: {exc.strerror}") from None
