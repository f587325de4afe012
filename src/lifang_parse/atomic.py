"""Safe file output: files appear whole or not at all, and only where a file may be.

An export of a few hundred newsletters takes a while; if it is interrupted
or the disk fills up, the previous file (or nothing) must remain, never half
a file that a downstream job would read as complete, and never a temporary
file left behind. And ``-o`` is a name typed by a person: it must not turn a
device into a regular file or replace a FIFO. So a target must be a regular
file or a missing path; a symbolic link is resolved (the file it points to
is replaced, the link stays); missing parent folders are created. Every
error names the user's path, never a temporary file.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TextIO

from lifang_parse.errors import OutputError
from lifang_parse.files import display_path, kind_of


def _default_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def output_target(path: str | os.PathLike[str]) -> Path:
    """Where writing ``path`` really goes: links resolved, parents created; refuses anything but a regular file.

    Raises :class:`OutputError` (naming ``path``) for a directory, a device,
    a FIFO or a socket, and when the parent folders cannot be created.
    """
    name = os.fspath(path)
    target = Path(os.path.realpath(name)) if os.path.islink(name) else Path(name)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _output_error(exc, name) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputError(f"is {kind_of(info.st_mode)}, not a regular file; refusing to replace it", path=display_path(name))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _output_error(exc, name) from None
    return target


def _output_error(exc: OSError, name: str) -> OutputError:
    return OutputError(f"cannot write: {exc.strerror or exc}", path=display_path(name))


@contextmanager
def atomic_text_files(
    *paths: str | os.PathLike[str], newline: str | None = None, encoding: str = "utf-8"
) -> Iterator[list[TextIO]]:
    """Open temporary files beside ``paths``; rename them over ``paths`` only if the block succeeds.

    The temporaries live in the targets' folders so each rename is atomic;
    they are removed on any failure (a full disk included). Results get
    ordinary permissions, not the private ones of a temporary file. Errors
    of the output itself are :class:`OutputError` naming the user's path.
    """
    names = [os.fspath(path) for path in paths]
    targets = [output_target(name) for name in names]
    temporaries: list[str] = []
    done = False
    with ExitStack() as stack:
        try:
            handles: list[TextIO] = []
            for target, name in zip(targets, names, strict=True):
                handles.append(stack.enter_context(_open_temporary(target, name, temporaries, encoding, newline)))
            try:
                yield handles
            except OSError as exc:
                if exc.filename is not None:  # about some other file: not ours to rename
                    raise
                raise _output_error(exc, names[0]) from None  # a write to a temporary (a full disk)
            for handle, name in zip(handles, names, strict=True):
                _finish(handle, name)
            stack.close()
            for temporary, target, name in zip(temporaries, targets, names, strict=True):
                _rename(temporary, target, name)
            done = True
        finally:
            if not done:
                _close_quietly(stack)
                for temporary in temporaries:
                    _unlink_quietly(temporary)


def _open_temporary(target: Path, name: str, temporaries: list[str], encoding: str, newline: str | None) -> TextIO:
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _output_error(exc, name) from None
    temporaries.append(temporary)
    os.chmod(fd, _default_mode())
    return open(fd, "w", encoding=encoding, newline=newline)


def _finish(handle: TextIO, name: str) -> None:
    """Flush and sync one temporary: a full disk shows here at the latest."""
    try:
        handle.flush()
        os.fsync(handle.fileno())
    except OSError as exc:
        raise _output_error(exc, name) from None


def _rename(temporary: str, target: Path, name: str) -> None:
    try:
        os.replace(temporary, target)
    except OSError as exc:
        raise _output_error(exc, name) from None


def _close_quietly(stack: ExitStack) -> None:
    try:
        stack.close()
    except OSError:  # closing flushes: a full disk again; the temporaries go anyway
        pass


def _unlink_quietly(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    with atomic_text_files(path) as (handle,):
        try:
            handle.write(text)
        except OSError as exc:
            raise _output_error(exc, os.fspath(path)) from None


__all__ = ["atomic_text_files", "output_target", "write_atomically"]
