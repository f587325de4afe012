"""Re-assemble a two-column contents page that text extraction flattened.

The contents list every title of the body, in two columns. An extractor
that knows nothing of columns gives them back in pieces: ``pdftotext`` reads
the columns block by block in an order of its own, and pdfplumber's
``extract_text`` reads straight across, so one line may hold the end of a
left-column title and the start of a right-column one ("MIIT Holds APP
Personal Information Protection Information Security Technology Standards").

The titles themselves are known: the body prints each of them on a line of
its own. So each contents line is cut into the fewest pieces that each occur
in a body title (cuts fall at spaces, where an extractor joins columns), and
the pieces are put back together, in reading order, into whole titles. The
contents are printed in the order of the body, so the whole titles are
returned in that order. A piece that completes no title (a contents title
that the body words differently, columns interleaved beyond repair) is not
guessed at: it is returned as it stands, with a note.

Pure functions over plain strings; the caller maps results back to lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

# White space, dropped when comparing: extractors differ in where they put it.
_SPACE_RE = regex.compile(r"\s+")
# Where an English contents entry meets the Chinese one of the other column on one line.
_SCRIPT_SEAM_RE = regex.compile(r"(?<=[A-Za-z0-9.,)’'\"]) (?=[\p{Han}《“])")
# The shortest Latin piece worth matching on its own (shorter ones occur
# everywhere); one ideograph may be all that wrapped of a Chinese title.
_MIN_LATIN_PIECE = 2


def squeeze(text: str) -> str:
    """Text as compared here: no white space, case-folded."""
    return _SPACE_RE.sub("", text).casefold()


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of one contents line."""

    text: str
    line: int  # index of the contents line it comes from
    entry: bool = False  # a whole entry of one column (the line cut only where the script changes)


@dataclass(frozen=True, slots=True)
class Recovered:
    """One whole title (or heading) put back together."""

    target: int  # index into the targets
    lines: tuple[int, ...]  # contents lines its pieces came from


@dataclass(frozen=True, slots=True)
class Recovery:
    titles: tuple[Recovered, ...]  # in target (body) order
    leftover: tuple[Piece, ...]  # pieces that completed no title, in reading order


def cut_line(text: str, targets: Sequence[str]) -> list[str] | None:
    """The fewest pieces, cut at spaces, each occurring in a squeezed target;
    None when the line cannot be cut so."""
    words = text.split(" ")
    n = len(words)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(end):
            head = best[start]
            if head is None:
                continue
            piece = " ".join(words[start:end])
            key = squeeze(piece)
            if len(key) < _MIN_LATIN_PIECE and n > 1 and key.isascii():
                continue
            if any(key in target for target in targets):
                candidate = [*head, piece]
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[n]


def recover(lines: Sequence[str], targets: Sequence[str]) -> Recovery:
    """Whole targets re-assembled from the pieces of ``lines``.

    A piece continues a title already begun when it is what that title
    needs next, else begins one that it starts; a title is done when its
    pieces spell it out. Reading order is kept within each title, so two
    columns may interleave freely, line by line or block by block.
    """
    keys = [squeeze(t) for t in targets]
    pieces: list[Piece] = []
    for index, line in enumerate(lines):
        cut = cut_line(line, keys)
        if cut is not None:
            pieces.extend(Piece(p, index) for p in cut)
            continue
        # Two columns on one line, the left one worded unlike any title:
        # English then Chinese, each a piece of its own.
        seam = _SCRIPT_SEAM_RE.search(line)
        tail = cut_line(line[seam.end() :], keys) if seam else None
        if seam is None or tail is None:
            pieces.append(Piece(line, index))
        else:
            pieces.append(Piece(line[: seam.start()], index, entry=True))
            pieces.extend(Piece(p, index) for p in tail)
    open_: dict[int, tuple[str, list[Piece]]] = {}
    done: dict[int, list[Piece]] = {}
    leftover: list[Piece] = []
    for piece in pieces:  # in reading order
        key = squeeze(piece.text)
        # A piece that completes a title goes there first, else to the first
        # title begun that it continues.
        going_on = [t for t, (sofar, _) in open_.items() if keys[t].startswith(sofar + key)]
        completing = [t for t in going_on if keys[t] == open_[t][0] + key]
        chosen = (completing or going_on or [None])[0]
        if chosen is None:
            for t, target in enumerate(keys):
                if t not in done and t not in open_ and target.startswith(key):
                    chosen = t
                    break
        if chosen is None:
            leftover.append(piece)
            continue
        sofar, taken = open_.pop(chosen, ("", []))
        sofar, taken = sofar + key, [*taken, piece]
        if sofar == keys[chosen]:
            done[chosen] = taken
        else:
            open_[chosen] = (sofar, taken)
    for _, taken in open_.values():
        leftover.extend(taken)
    order = {id(piece): k for k, piece in enumerate(pieces)}
    leftover.sort(key=lambda p: order[id(p)])
    titles = tuple(
        Recovered(t, tuple(dict.fromkeys(p.line for p in done[t]))) for t in sorted(done)
    )
    return Recovery(titles, tuple(leftover))


__all__ = ["Piece", "Recovered", "Recovery", "cut_line", "recover", "squeeze"]
