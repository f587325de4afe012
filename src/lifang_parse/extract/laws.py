"""Laws, regulations, notices and standards cited by title.

Why: which instruments a story cites is how readers link news to law. The
Chinese marks titles with 《》, the English with Markdown italics ``*…*``;
the two are paired in order of appearance. When the English runs several
titles together in one italic span ("*Cybersecurity Law, Telecommunication
Regulation, …*", "*Data Security Law and Cybersecurity Law*") while the
Chinese has as many adjacent 《》 titles, the span is cut at its commas and
"and"s into titles (each ending in a head noun) and paired by order, else by
head nouns; one title containing "and" stays whole. A count that still
differs is reported by the caller.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import regex

from lifang_parse.data import load_packaged_json
from lifang_parse.extract.lexicon import alternation, lexicon

_LAW = lexicon()["law_titles"]
# Plain-text extensions (data/plain_law_titles.json): more connectors, possessives that open a title, dashes
# that join two parts of one title, months (a connector before a month starts a date, not more title).
_PLAIN: dict[str, list[str]] = {
    k: v
    for k, v in load_packaged_json("plain_law_titles.json").items()
    if not k.startswith("_")
}
_HEADS: frozenset[str] = frozenset(_LAW["en_heads"])
_CONNECTORS: frozenset[str] = frozenset([*_LAW["en_connectors"], *_PLAIN["en_connectors"]])
_TITLE_POSSESSIVES: frozenset[str] = frozenset(_PLAIN["en_title_possessives"])
_DASHES: frozenset[str] = frozenset(_PLAIN["en_dashes"])
_OPENERS: frozenset[str] = frozenset(_LAW["en_openers"])
_JURISDICTIONS: frozenset[str] = frozenset(_LAW["en_jurisdictions"])
_BODY_NOUNS: frozenset[str] = frozenset(_LAW["en_body_nouns"])
# The end of a Chinese title (before a bracketed （征求意见稿）) -> the English head nouns its translation carries.
_ZH_HEADS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _LAW["zh_heads"].items()}
_ZH_HEAD_RE = regex.compile(rf"(?:{alternation(_ZH_HEADS)})$")
_ZH_BRACKET_TAIL_RE = regex.compile(r"[（(][^（）()]{1,30}[）)]$")

# A Chinese title in book-title marks, no nesting of 《 (inner titles use 〈〉), bounded length.
_ZH_TITLE_RE = regex.compile(r"《(?P<t>[^《》\n]{1,150})》")
# An English italic span *…*: single asterisks, not bold (**), no line break, bounded length.
_EN_ITALIC_RE = regex.compile(r"(?<![*\p{Latin}\d])\*(?![*\s])(?P<t>[^*\n]{1,400}?)(?<!\s)\*(?![*\p{Latin}\d])")
# Where an English span of several titles may be cut: a comma, "and", ", and" (an article after it goes too).
_EN_CUT_RE = regex.compile(r"(?:,\s(?:and\s)?|\sand\s)(?:the\s)?")


# A capitalised word of a title: "Cybersecurity", "EU-UK", "APP", "Users'", "Anti-Monopoly", "ePrivacy"; two
# letters at least ("U.S." is no title word).
_CAP = r"(?:[A-Z][\w'’-]{1,30}|[a-z]{1,2}[A-Z][\w'’-]{1,30})"
# A number inside a title: after a capitalised word ("Guidelines 02/2021 on ...", "the Year 2035"), or an
# ordinal after a connector ("the 14th Five-Year Plan"); never a title's last word after a connector
# ("Cybersecurity Law in 2021").
_NUM = r"(?:(?<=[\w'’])\s\d{1,4}(?:[/.-]\d{1,4})?|(?:\s(?:the|of|for)){1,2}\s\d{1,3}(?:st|nd|rd|th)(?=\s[A-Z]))"
# A Title-Case run where plain text lost its italics: capitalised words, lowercase connectors between them (at
# most three in a row), a bracketed part "(Draft for Comments)", and a standard's prefix before a colon
# ("Information Security Technology: ..."), a dash between two parts ("... Technology – Personal ..."), a version
# ("... V2.0 (Draft for Comments)"). Every quantifier is bounded; the run ends at the last word that
# fits, so a failed continuation backtracks at most a few tokens.
_EN_RUN_RE = regex.compile(
    rf"""
    (?<![\w'’-])
    (?P<run>
      (?:(?:{alternation(_LAW['en_prefixes'])}|{_CAP}(?:\s{_CAP}){{1,4}}\s(?:{alternation(_HEADS)})):\s)?
      {_CAP}
      (?:
        \sV\d{{1,2}}(?:\.\d{{1,2}}){{1,2}}(?![\w.])
      | \s(?:{alternation(_DASHES)})\s{_CAP}
      | (?:\s(?:{alternation(_CONNECTORS)})){{0,3}}\s(?!(?:{alternation(_LAW['en_prefixes'])}):){_CAP}
      | \s\([A-Z][\w\s'’-]{{0,60}}\)
      | {_NUM}
      ){{0,40}}
    )
    (?![\w'’-])
    """,
    regex.VERBOSE,
)
# "the" right after a capitalised word inside a run ("Parliament the Data Protection ..."): where a title starts.
_BARE_THE_RE = regex.compile(r"(?P<word>[A-Za-z'’)]{1,30})\s(?P<the>the\s)(?=[A-Z])")
# A run is cut after a head noun followed by "and (the)": "Cybersecurity Law and the Data Security Law".
_AND_RE = regex.compile(r"\sand\s(?:the\s)?")
# A trailing bracketed part: "(Draft for Comments)".
_BRACKET_TAIL_RE = regex.compile(r"\s\([^()]{1,62}\)$")
# What may follow a title's head noun and still be the title's: a version ("V2.0"), a year ("Bill 2022").
_TAIL_TOKEN_RE = regex.compile(r"V\d{1,2}(?:\.\d{1,2}){1,2}|(?:19|20)\d\d")
# A connector and a month: a date follows, the title before it is over ("the Anti-Monopoly Law in May 2022").
_DATE_CUT_RE = regex.compile(rf"\s(?:{alternation(_CONNECTORS)})\s(?:{alternation(_PLAIN['en_months'])})(?![\w'’-])")


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


def en_titles(text: str, zh: Sequence[str] = ()) -> list[str]:
    """Italic spans, in order, once each.

    Text from other PDF tools has no ``*…*``: when the English has no italic span at all while the Chinese
    (``zh``) cites titles in 《》, Title-Case runs shaped like titles stand in for them, as many as the
    Chinese has (see ``plain_titles``).
    """
    italic = _unique([m.group("t") for m in _EN_ITALIC_RE.finditer(text)])
    if italic or not zh or "*" in text:
        return italic
    found = plain_titles(text)
    # One English run per Chinese title, in order: the next run whose head noun fits the title's end
    # (法 -> Law/Act, 办法 -> Measures, ...); a title of no known kind takes the next run. A Chinese title with
    # no fitting run ends the pairing, so that the titles paired stay in step.
    out: list[str] = []
    cursor = 0
    for z in zh:
        head = _ZH_HEAD_RE.search(_ZH_BRACKET_TAIL_RE.sub("", z))
        fits = _ZH_HEADS[head.group(0)] if head else None
        pick = next((i for i in range(cursor, len(found)) if fits is None or found[i][1] in fits), None)
        if pick is None:
            break
        out.append(found[pick][0])
        cursor = pick + 1
    return out


def _title_of(run: str) -> tuple[str, str] | None:
    """The title inside a Title-Case run, or None when the run is no title.

    Words that open a sentence or phrase (The, Based, Article...) and connectors are dropped from the left.
    A title ends in a head noun ("Cybersecurity Law", "... Act (Second Draft)") or a head noun opens it
    before a connector ("Measures for the Administration of ..."); a run whose title starts further in
    ("Based on the Regulations on ...") starts at that head noun.
    """
    words = run.split(" ")
    while words and (
        words[0] in _OPENERS
        or words[0] in _CONNECTORS
        or words[0] in _JURISDICTIONS
        or (words[0].endswith(("'s", "’s", "'", "’")) and words[0] not in _TITLE_POSSESSIVES)  # "China's", not "Children's"
        or words[0][:1].isdigit()  # "Article 28 of the ...": the article's number
    ):
        words.pop(0)
    if len(words) < 2:
        return None
    core = _BRACKET_TAIL_RE.sub("", " ".join(words)).split(" ")
    core = _without_tail(core)
    if core[-1] in _HEADS and len(core) >= 2:
        if any(w in _BODY_NOUNS and core[i + 1] in _CONNECTORS for i, w in enumerate(core[:-1])):
            return None  # "State Administration for Market Regulation": a body's name
        return " ".join(words), core[-1]
    for i, w in enumerate(core[:-1]):
        after = core[i + 2] if core[i + 1][:1].isdigit() and i + 2 < len(core) else core[i + 1]  # "Guidelines 02/2021 on"
        if w in _HEADS and after in _CONNECTORS:
            start = i
            while start > 0 and (
                words[start - 1] in _DASHES or (words[start - 1] not in _CONNECTORS and words[start - 1][:1].isupper())
            ):
                start -= 1  # modifiers before the head ("Interim Provisions"), a part before a dash ("Guide – ...")
            return " ".join(words[start:]), w
    return None


def _without_tail(core: list[str]) -> list[str]:
    """A title's words without what may follow its head noun: a version ("... Information V2.0"), a year after
    the head ("Privacy Legislation Amendment Bill 2022"), so that the head noun is found where it stands."""
    if len(core) > 2 and _TAIL_TOKEN_RE.fullmatch(core[-1]) and (core[-1].startswith("V") or core[-2] in _HEADS):
        return core[:-1]
    return core


def plain_titles(text: str) -> list[tuple[str, str]]:
    """Law titles in English text without italics, with their head nouns: Title-Case runs ending in or
    opened by a head noun; in order, once each."""
    out: list[tuple[str, str]] = []
    for m in _EN_RUN_RE.finditer(text):
        run = m.group("run")
        date = _DATE_CUT_RE.search(run)
        if date is not None:
            run = run[: date.start()]  # "... Law in May 2022": a date, not more title
        # Cut at "and the", and after a head noun followed by "and": two titles ("... Law and the Data
        # Security Law", "the GDPR and the ePrivacy Directive"); a title's own "and" has no "the" after it.
        # "laid before Parliament the Data Protection ... Regulations": before its head noun, a title's own
        # "the" follows a connector ("of the"), never a capitalised word; such a "the" starts the title.
        bare_the = [
            t
            for t in _BARE_THE_RE.finditer(run)
            if t.group("word") not in _CONNECTORS and not any(w in _HEADS for w in run[: t.start("the")].split())
        ]
        if bare_the:
            run = run[bare_the[-1].start("the") :]
        pieces: list[str] = []
        last = 0
        for a in _AND_RE.finditer(run):
            before = run[last : a.start()].split(" ")
            if a.group(0).endswith("the ") or (before and before[-1] in _HEADS):
                pieces.append(run[last : a.start()])
                last = a.end()
        pieces.append(run[last:])
        for piece in pieces:
            found = _title_of(piece)
            if found is not None and found[0] not in (t for t, _ in out):
                out.append(found)
    return out


def _head_of(title: str) -> str:
    """The head noun of an English title: its last word before a bracketed tail ("... Law (Draft)" -> Law),
    else its first word when a title opens with it ("Provisions on ..."); "" when it has none."""
    words = _BRACKET_TAIL_RE.sub("", title).split()
    if words and words[-1] in _HEADS:
        return words[-1]
    return words[0] if len(words) > 2 and words[0] in _HEADS and words[1] in _CONNECTORS else ""


def _fits(zh: str, en: str) -> bool:
    """Whether an English title can render a Chinese one by their head nouns (法 -> Law/Act); a Chinese title
    of no known kind fits any."""
    head = _ZH_HEAD_RE.search(_ZH_BRACKET_TAIL_RE.sub("", zh))
    return head is None or _head_of(en) in _ZH_HEADS[head.group(0)]


def _split(span: str, zh: Sequence[str]) -> list[str] | None:
    """One italic span cut into as many titles as the Chinese names (``zh``), at commas and "and": every
    piece a title (ending in a head noun), paired with the Chinese by order, else by head nouns ("*Data
    Security Law and Cybersecurity Regulations*" for 《网络安全条例》《数据安全法》). None: no such cut, the span is
    one title ("*Law on the Protection of Minors and Families*")."""
    k = len(zh)
    cuts = [(m.start(), m.end()) for m in _EN_CUT_RE.finditer(span)]
    if len(cuts) < k - 1 or len(cuts) > 8:
        return None
    for chosen in itertools.combinations(cuts, k - 1):
        bounds = [0, *(x for c in chosen for x in c), len(span)]
        pieces = [_clean(span[bounds[i] : bounds[i + 1]]) for i in range(0, len(bounds), 2)]
        if not all(p and _head_of(p) for p in pieces):
            continue
        if all(_fits(z, e) for z, e in zip(zh, pieces, strict=True)):
            return pieces
        for order in itertools.permutations(pieces):
            if all(_fits(z, e) for z, e in zip(zh, order, strict=True)):
                return list(order)
    return None


def _cover(zh: Sequence[str], en: Sequence[str]) -> list[list[str]] | None:
    """Each English span covering 1 or (cut at commas and "and") k consecutive Chinese titles, if an exact
    cover exists."""
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
            for k in range(2, n - i + 1):
                if result is not None:
                    break
                parts = _split(en[j], zh[i : i + k])
                rest = solve(i + k, j + 1) if parts is not None else None
                if parts is not None and rest is not None:
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


# What stands in for a masked title: one character for one, so offsets into the text stay.
_MASK = "\u25a1"


def mask_titles(text: str, titles: Sequence[str]) -> str:
    """The text with every occurrence of ``titles`` blanked out, same length.

    Plain text (other PDF tools) has no italics to mark an English title, so a
    year inside one ("... Through the Year 2035", "... Bill 2022") would read
    as a date; the titles :func:`en_titles` found by their shape are masked
    for the date extractor as italic spans are.
    """
    for title in sorted(set(titles), key=len, reverse=True):
        if title:
            text = text.replace(title, _MASK * len(title))
    return text


__all__ = ["en_titles", "mask_titles", "pair_titles", "plain_titles", "zh_titles"]
