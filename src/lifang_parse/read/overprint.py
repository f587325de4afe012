"""Undo what text extractors make of overprinted ("fake bold") text.

Office programs and typesetters without a bold face draw bold text twice, a
fraction of a point apart. The PDF reader drops the second copy
(:mod:`.layout`); extractors that do not leave two kinds of debris in the text:

- pdfplumber's ``extract_text`` keeps both copies, letter by letter:
  "国国内内要要闻闻 DDoommeessttiicc NNeewwss";
- ``pdftotext`` keeps both copies of a line drawn in several chunks (Chinese
  and Latin fonts) as a staircase of lines, each repeating the last chunk of
  the one before: "工信部：累计下架" / "工信部：累计下架540" / "540款拒不整改的" /
  "款拒不整改的APP" / "APP".

Both are put back together here, on plain strings.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

# Pairs in a row that make a doubled run on their own: real text has at most
# two ("阿里巴巴", "谢谢"); a doubled word of one or two letters ("ooff")
# counts when it stands next to such a run.
_STRONG_PAIRS = 3


# Three doubled characters in a row ("NNeeww"): a text without them has nothing to halve.
_THREE_PAIRS_RE = regex.compile(r"(?:(\S)\1){3}")


def _segments(text: str) -> list[tuple[int, int, int]]:
    """(start, end, pairs) of the runs of doubled characters; pairs 0 for the text between them.

    The text between two runs is one segment (not one per character), so a
    long line costs a few tuples, not one per character.
    """
    out: list[tuple[int, int, int]] = []
    i = 0
    single_from = 0
    while i < len(text):
        j = i
        while j + 1 < len(text) and text[j] == text[j + 1] and not text[j].isspace():
            j += 2
        if j > i:
            if single_from < i:
                out.append((single_from, i, 0))
            out.append((i, j, (j - i) // 2))
            i = single_from = j
        else:
            i += 1
    if single_from < len(text):
        out.append((single_from, len(text), 0))
    return out


def undouble(text: str) -> str:
    """Text with its letter-by-letter doubled runs halved ("NNeewwss" -> "News").

    A run of three pairs or more is doubled text; a shorter one is when it
    touches such a run, directly or across one space.
    """
    if _THREE_PAIRS_RE.search(text) is None:
        return text
    segments = _segments(text)
    doubled = [pairs >= _STRONG_PAIRS for _, _, pairs in segments]
    if not any(doubled):
        return text
    changed = True
    while changed:
        changed = False
        for k, (start, end, pairs) in enumerate(segments):
            if doubled[k] or not pairs:
                continue
            near = [k - 1, k + 1]
            near += [k - 2] if k >= 2 and text[segments[k - 1][0] : segments[k - 1][1]] == " " else []
            near += [k + 2] if k + 2 < len(segments) and text[segments[k + 1][0] : segments[k + 1][1]] == " " else []
            if any(0 <= n < len(segments) and doubled[n] for n in near):
                doubled[k] = changed = True
    return "".join(text[start:end:2] if d else text[start:end] for (start, end, _), d in zip(segments, doubled))


def staircase(texts: Sequence[str], start: int) -> tuple[str, int] | None:
    """The line that ``texts[start:]`` spell as an overprinting staircase, and
    the index after its last step; None when no staircase starts there.

    A staircase begins with a line that the next one extends ("A", "AB") and
    goes on while each line begins with what the line before added ("BC",
    "CD"); a line that is only that addition ("D") ends it.
    """
    if start + 2 >= len(texts):
        return None
    first, second = texts[start], texts[start + 1]
    closed_only = False
    if first and len(second) > len(first) and second.startswith(first):
        whole, added = second, second[len(first) :].strip()
    else:
        # The first step (the first chunk alone) may be lost: then the first
        # line is two chunks, and the second begins with the second of them.
        overlap = _shared_chunk(first, second)
        if overlap is None:
            return None
        whole, added, closed_only = first + second[len(overlap) :], second[len(overlap) :].strip(), True
    k = start + 2
    new = ""
    while k < len(texts) and added:
        line = texts[k]
        if line == added:
            return whole, k + 1
        if not line.startswith(added) or len(line) == len(added):
            break
        new = line[len(added) :]
        whole, added, k = whole + new, new.strip(), k + 1
    # Two steps at least, or the lines were just a line and its longer twin;
    # a staircase missing its first step only when its last step closes it.
    if closed_only:
        return None
    if k - start < 3:
        # A line and its longer twin are two steps run together only when the
        # twin adds a Latin chunk twice ("…自" / "…自99月1日起施行").
        return (first + unmerge_steps(second[len(first) :]), start + 2) if _MERGED_STEPS_RE.match(second[len(first) :]) else None
    # Not closed, the last steps may have run together ("…将于3" + "3月底届满"):
    # a Latin chunk printed twice before Chinese is one.
    return whole[: len(whole) - len(new)] + unmerge_steps(new), k


# Two last steps of a staircase on one line: a Latin or digit chunk twice, then Chinese.
_MERGED_STEPS_RE = regex.compile(r"^(?P<x>[A-Za-z0-9.,%]{1,12})(?P=x)(?=\p{Han})")


def unmerge_steps(step: str) -> str:
    """A staircase's last step with the step before it run in, made one:
    pdftotext may print "…将于3" and "3月底届满" as one line, so the step
    reads "33月底届满"; the Latin chunk printed twice before Chinese is one
    ("3月底届满"). Only for the last step of a staircase that is not closed."""
    merged = _MERGED_STEPS_RE.match(step)
    return step[len(merged.group("x")) :] if merged else step


# The shortest chunk (white space aside) that may open a staircase missing its first step.
_MIN_CHUNK = 2


def _shared_chunk(first: str, second: str) -> str | None:
    """The longest end of ``first`` (from a word's or character's start,
    not all of it) that ``second`` begins with and goes on from; None when
    there is none."""
    for i in range(1, len(first)):
        if first[i - 1] != " " and first[i - 1].isascii() and first[i].isascii():
            continue  # not inside a Latin word
        tail = first[i:].lstrip()
        if len(tail.replace(" ", "")) >= _MIN_CHUNK and len(second) > len(tail) and second.startswith(tail):
            return tail
    return None


__all__ = ["staircase", "undouble", "unmerge_steps"]
