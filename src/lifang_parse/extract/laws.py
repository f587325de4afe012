"""Laws, regulations, notices and standards cited by title.

Why: which instruments a story cites is how readers link news to law. The
Chinese marks titles with 《》, the English with Markdown italics ``*…*``;
the two are paired in order of appearance. When the English runs several
titles together in one italic span ("*Cybersecurity Law, Telecommunication
Regulation, …*") while the Chinese has adjacent 《》 titles, the span is split
on its commas to pair them. A count that still differs is reported by the caller.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

# A Chinese title in book-title marks, no nesting of 《 (inner titles use 〈〉), bounded length.
_ZH_TITLE_RE = regex.compile(r"《(?P<t>[^《》\n]{1,150})》")
# An English italic span *…*: single asterisks, not bold (**), no line break, bounded length.
_EN_ITALIC_RE = regex.compile(r"(?<![*\p{Latin}\d])\*(?![*\s])(?P<t>[^*\n]{1,400}?)(?<!\s)\*(?![*\p{Latin}\d])")
# Where an English span of several titles is cut: commas (", and" too).
_EN_SPLIT_RE = regex.compile(r",\s(?:and\s)?")


def _clean(title: str) -> str:
    return regex.sub(r"\s+", " ", title).strip().strip(",;:").strip()


def _unique(titles: Sequence[str]) -> list[str]:
    out: list[str] = []
    for t in titles:
        t = _clean(t)
        if t and t not in out:
            out.append(t)
    return out


def zh_titles(text: str) -> list[str]:
    """Titles in 《》, in order, once each."""
    return _unique([m.group("t") for m in _ZH_TITLE_RE.finditer(text)])


def en_titles(text: str) -> list[str]:
    """Italic spans, in order, once each."""
    return _unique([m.group("t") for m in _EN_ITALIC_RE.finditer(text)])


def _parts(span: str) -> list[str]:
    return [p for p in (_clean(x) for x in _EN_SPLIT_RE.split(span)) if p]


def _cover(zh: Sequence[str], en: Sequence[str]) -> list[list[str]] | None:
    """Each English span covering 1 or (split on commas) k consecutive Chinese titles, if an exact cover exists."""
    n, m = len(zh), len(en)
    # best[i][j]: a way to cover zh[i:] with en[j:], as the list of per-span pieces
    memo: dict[tuple[int, int], list[list[str]] | None] = {}

    def solve(i: int, j: int) -> list[list[str]] | None:
        if (i, j) in memo:
            return memo[(i, j)]
        if i == n and j == m:
            return []
        result: list[list[str]] | None = None
        if i < n and j < m:
            rest = solve(i + 1, j + 1)
            if rest is not None:
                result = [[en[j]], *rest]
            else:
                parts = _parts(en[j])
                k = len(parts)
                if k > 1 and i + k <= n:
                    rest = solve(i + k, j + 1)
                    if rest is not None:
                        result = [parts, *rest]
        memo[(i, j)] = result
        return result

    return solve(0, 0)


def pair_titles(zh: Sequence[str], en: Sequence[str]) -> tuple[list[tuple[str | None, str | None]], bool]:
    """Pairs (zh, en) in order of appearance, and whether the two languages' counts disagreed."""
    zh, en = list(zh), list(en)
    if len(zh) > len(en) and en:
        cover = _cover(zh, en)
        if cover is not None:
            en = [p for pieces in cover for p in pieces]
    pairs: list[tuple[str | None, str | None]] = []
    for i in range(max(len(zh), len(en))):
        pairs.append((zh[i] if i < len(zh) else None, en[i] if i < len(en) else None))
    return pairs, len(zh) != len(en)


__all__ = ["en_titles", "pair_titles", "zh_titles"]
