"""Reading input files safely, and showing their names.

Only regular files are read: opening a FIFO blocks until someone writes to
it, and a device can be endless (``/dev/zero``). The file is opened without
blocking and checked with ``fstat`` on the open descriptor, so nothing can
be swapped in between the check and the read. Its size is bounded before a
byte is read.

File names are data: on POSIX any byte sequence but ``/`` and NUL. Python
carries the bytes that are not UTF-8 as lone surrogates (``b"\\xff"`` ->
``"\\udcff"``); :func:`display_path` shows them as ``\\xff`` escapes.
"""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from lifang_parse.errors import InputError, LimitExceededError

#: The name that means standard input on the command line.
STDIN = "-"
#: How standard input is named in messages.
STDIN_LABEL = "<stdin>"

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words ("a FIFO (named pipe)")."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular_file(name: str, *, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (else :class:`LimitExceededError`).

    Raises :class:`InputError` for a missing file, a directory, a FIFO, a
    device or a socket (one line each), and for an unreadable file.
    """
    try:
        descriptor = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError("no such file", path=name) from None
    except PermissionError:
        raise InputError("permission denied", path=name) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a newsletter file", path=name) from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", path=name) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"is {kind_of(info.st_mode)}, not a regular file; only regular files are read", path=name)
        if max_bytes and info.st_size > max_bytes:
            raise LimitExceededError(_too_large(info.st_size, max_bytes), path=name)
        os.set_blocking(descriptor, True)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return _read_bounded(handle, name, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=name) from None
    finally:
        os.close(descriptor)


def read_stdin(*, max_bytes: int, stream: BinaryIO | None = None) -> bytes:
    """All of standard input (a pipe, a file, a terminal), at most ``max_bytes``."""
    source = stream if stream is not None else sys.stdin.buffer
    try:
        return _read_bounded(source, STDIN_LABEL, max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=STDIN_LABEL) from None


# Bytes read at a time: ``read(max_bytes + 1)`` would allocate the whole bound up front.
_CHUNK = 1 << 20


def _read_bounded(handle: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Everything ``handle`` holds, in chunks, refused as soon as it passes ``max_bytes``."""
    chunks: list[bytes] = []
    total = 0
    while chunk := handle.read(_CHUNK):
        total += len(chunk)
        if max_bytes and total > max_bytes:
            raise LimitExceededError(_too_large(None, max_bytes), path=name)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(size: int | None, max_bytes: int) -> str:
    what = f"is {size:,} bytes" if size is not None else "is larger than that"
    return (
        f"the input {what}, over the limit of {max_bytes:,} bytes (max_bytes); if it is trusted, raise it: "
        "--max-bytes SIZE on the command line, max_bytes= in Python"
    )


def display_path(name: str) -> str:
    """A file name as text that can be printed and stored: undecodable bytes as ``\\xff`` escapes."""
    if not _has_surrogates(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


__all__ = ["STDIN", "STDIN_LABEL", "display_path", "kind_of", "read_regular_file", "read_stdin"]
