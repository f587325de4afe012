"""Atomic file output: files appear whole or not at all.

An export of a few hundred newsletters takes a while; if it is interrupted,
the previous file (or nothing) must remain, never half a file that a
downstream job would read as complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TextIO


def _default_mode() -> int:
    """The mode a plain ``open(path, "w")`` would give: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


@contextmanager
def atomic_text_files(*paths: str | os.PathLike[str], newline: str | None = None) -> Iterator[list[TextIO]]:
    """Open temporary files beside ``paths``; rename them over ``paths`` only if the block succeeds.

    The temporaries live in the targets' folders so each rename is atomic;
    they are removed on any failure. Results get ordinary permissions, not
    the private ones of a temporary file.
    """
    temporaries: list[Path] = []
    with ExitStack() as stack:
        handles: list[TextIO] = []
        try:
            for path in paths:
                target = Path(path)
                fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
                temporaries.append(Path(name))
                os.chmod(fd, _default_mode())
                handles.append(stack.enter_context(open(fd, "w", encoding="utf-8", newline=newline)))
            yield handles
            for handle in handles:
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            stack.close()
            for temporary in temporaries:
                temporary.unlink(missing_ok=True)
            raise
    for temporary, path in zip(temporaries, paths, strict=True):
        os.replace(temporary, path)


def write_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file and a rename."""
    with atomic_text_files(path) as (handle,):
        handle.write(text)
