"""Layer 1, read: bytes (text or PDF) into a stream of :class:`Line` with provenance."""

from lifang_parse.read.lines import Line, ReadResult

__all__ = ["Line", "ReadResult"]
