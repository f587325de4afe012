"""Small text helpers shared by every layer: normalisation and script detection.

Kept apart so that the reader, the segmenter and the extractors agree on what
"the same text" means (NFC, folded whitespace, no Markdown bold).
"""

from __future__ import annotations

import unicodedata

import regex

# Any run of horizontal white space, including NBSP (U+00A0), ideographic space (U+3000)
# and zero-width spaces that copy-paste leaves behind.
_WHITESPACE_RUN = regex.compile(r"[\s\u00a0\u3000\u200b\u2060\ufeff]+")
# Markdown bold `**text**` (bounded, no nesting) as the extracted text form writes emphasis.
_MARKDOWN_BOLD = regex.compile(r"\*\*([^*\n]{1,500}?)\*\*")
# Control characters other than tab/newline/form feed: dropped from values.
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HAN_CHAR = regex.compile(r"\p{Han}")
_LATIN_LETTER = regex.compile(r"[A-Za-z]")

# Sentence-final punctuation: a paragraph ending in one of these is complete.
_TERMINAL = regex.compile(r"""[。！？；.!?;:：…](?:[”’"'）)\]】」』]{0,3})$""")


def normalize_space(text: str) -> str:
    """NFC, control characters dropped, white-space runs folded to one space, trimmed."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    return _WHITESPACE_RUN.sub(" ", text).strip()


def strip_markdown_bold(text: str) -> str:
    """Remove `**bold**` markers (kept single `*italic*`: it marks law titles)."""
    return _MARKDOWN_BOLD.sub(r"\1", text)


def clean_value(text: str) -> str:
    """A value as the contract wants it: normalised, without Markdown bold."""
    return normalize_space(strip_markdown_bold(text))


def han_count(text: str) -> int:
    """Han characters in ``text``, in constant memory (a hostile line may be megabytes long)."""
    return sum(1 for _ in _HAN_CHAR.finditer(text))


def is_chinese(text: str) -> bool:
    """True when ``text`` is Chinese prose, even one heavy with English names.

    English parts of the newsletter hold next to no Han characters, while a
    Chinese title such as "Apple推出App Tracking Transparency功能" is mostly
    Latin letters; so a few Han characters making a tenth of the letters, or
    eight Han characters in any case, make a line Chinese.
    """
    han = han_count(text)
    if han < 2:
        return False
    if han >= 8:
        return True
    latin = sum(1 for _ in _LATIN_LETTER.finditer(text))
    return han / (han + latin) >= 0.1




# A space between a Chinese character (or full-width punctuation) and a Latin
# letter or digit: word processors and web pages insert it ("2022 年 7 月",
# "80.26 亿元", "105 款 App"); the series' Chinese text never has it. Emphasis
# markers next to the space are looked through ("**2021** 年").
_CJK_LATIN_GAP = regex.compile(
    r"(?<=[\p{Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]\*{0,3}) +(?=\*{0,3}[A-Za-z0-9])"
    r"|(?<=[A-Za-z0-9%]\*{0,3}) +(?=\*{0,3}[\p{Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20])"
)


def close_cjk_latin_gaps(text: str) -> str:
    """Chinese text without the spaces typesetters put between Chinese and Latin or digits."""
    return _CJK_LATIN_GAP.sub("", text)


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (either script)."""
    return _TERMINAL.search(text.rstrip()) is not None
