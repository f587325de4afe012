"""Typed errors of lifang-parse.

Every failure a caller can meet derives from :class:`LifangParseError`, so a
pipeline can catch one class and never see a raw traceback from a dependency.
Each error carries the file it concerns (``path``) and, where known, the page.
"""

from __future__ import annotations

from collections.abc import Sequence


class LifangParseError(Exception):
    """Base class of every error lifang-parse raises on purpose."""

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None) -> None:
        self.path = path
        self.page = page
        self.detail = message
        where = path or "<text>"
        if page is not None:
            where = f"{where}: page {page}"
        super().__init__(f"{where}: {message}")


class InputError(LifangParseError):
    """The input cannot be read: missing file, a directory, unreadable bytes."""


class EmptyDocumentError(LifangParseError):
    """The input holds no text at all (empty or only whitespace)."""


class NotANewsletterError(LifangParseError):
    """The input is text, but not a newsletter of a known layout."""


class StructureError(LifangParseError):
    """Raised under ``strict=True`` when parsing produced warnings."""

    def __init__(self, message: str, *, warnings: Sequence[object] = (), path: str | None = None) -> None:
        self.warnings = list(warnings)
        super().__init__(message, path=path)


class LimitExceededError(InputError):
    """The input passed a limit: ``max_bytes``, ``max_pages``, ``timeout`` or ``max_memory``.

    The message names the limit and how to raise it.
    """


class OutputError(LifangParseError):
    """An output cannot be written: not a regular file, no space, no permission (``path`` is the user's)."""


class PDFError(LifangParseError):
    """Base class of errors about a PDF file."""


class EncryptedDocumentError(PDFError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class CorruptDocumentError(PDFError):
    """The PDF is damaged or truncated beyond what the reader can repair."""


class NoTextLayerError(PDFError):
    """The PDF has no text layer (a scan); run OCR first, e.g. ``ocrmypdf``."""


__all__ = [
    "CorruptDocumentError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "InputError",
    "LifangParseError",
    "LimitExceededError",
    "NoTextLayerError",
    "NotANewsletterError",
    "OutputError",
    "PDFError",
    "StructureError",
]
