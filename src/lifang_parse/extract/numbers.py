"""Numbers as the newsletter writes them: Arabic digits and Chinese numerals.

Counts and amounts both need "三十三" -> 33 and "1,000" -> 1000; keeping the
conversion here means the two extractors cannot disagree on a value.
"""

from __future__ import annotations

import regex

# Chinese digit characters -> value (两 is the counting form of 二; 〇/零 are zeros).
ZH_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
# Chinese small units (within a myriad) and the myriad units.
ZH_SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
ZH_BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}

# A Chinese numeral: a bounded run of digit and unit characters.
ZH_NUMERAL = r"[零〇一二两三四五六七八九十百千万亿]{1,12}"
# An Arabic number: digits with optional thousands separators and decimals (full-width digits folded first).
ARABIC_NUMBER = r"\d{1,3}(?:,\d{3}){1,5}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?"

_ARABIC_RE = regex.compile(rf"^(?:{ARABIC_NUMBER})$")
_ZH_RE = regex.compile(rf"^{ZH_NUMERAL}$")

# Full-width digits and separators -> ASCII, one character for one so offsets stay valid.
_FULLWIDTH = str.maketrans("０１２３４５６７８９，．％", "0123456789,.%")


def fold_digits(text: str) -> str:
    """Full-width digits to ASCII, length-preserving (match offsets stay valid)."""
    return text.translate(_FULLWIDTH)


def parse_zh_numeral(text: str) -> int | None:
    """Value of a Chinese numeral ("一百五十七" -> 157, "两" -> 2, "十" -> 10), None if malformed.

    Also reads digit-by-digit forms ("二〇二一" -> 2021) that years use.
    """
    if not text or not _ZH_RE.match(text):
        return None
    if all(ch in ZH_DIGITS for ch in text):
        if len(text) == 1:
            return ZH_DIGITS[text]
        if len(text) != 4 and "〇" not in text:
            return None  # "三四" is "three or four", not 34
        return int("".join(str(ZH_DIGITS[ch]) for ch in text))
    total = 0  # completed myriad groups
    section = 0  # current group below a myriad unit
    digit: int | None = None
    last_big = 10**18
    for ch in text:
        if ch in ZH_DIGITS:
            if digit is not None and ZH_DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row ("三四") is not a numeral
            digit = ZH_DIGITS[ch]
        elif ch in ZH_SMALL_UNITS:
            unit = ZH_SMALL_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit = None
        else:
            unit = ZH_BIG_UNITS[ch]
            if unit >= last_big:
                # 万亿: multiply the whole so far
                total = (total + section + (digit or 0)) * unit
            else:
                total += (section + (digit or 0)) * unit
                last_big = unit
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_arabic(text: str) -> int | float | None:
    """Value of "1,000" / "182.28" / "５０" (int when whole), None if not a number."""
    text = fold_digits(text).strip()
    if not _ARABIC_RE.match(text):
        return None
    value = float(text.replace(",", ""))
    return int(value) if value.is_integer() and "." not in text else value


def parse_number(text: str) -> int | float | None:
    """Arabic or Chinese numeral, whichever `text` is."""
    value = parse_arabic(text)
    if value is not None:
        return value
    return parse_zh_numeral(text)


def whole(value: float) -> int | float:
    """An int when the float is whole (182.28 * 1e8 -> 18228000000), rounding float noise."""
    rounded = round(value, 6)
    if abs(rounded - round(rounded)) < max(1e-6, abs(value) * 1e-12):  # 1347.91 * 1e8 is 134791000000.00002
        return int(round(rounded))
    return rounded


__all__ = [
    "ARABIC_NUMBER",
    "ZH_NUMERAL",
    "fold_digits",
    "parse_arabic",
    "parse_number",
    "parse_zh_numeral",
    "whole",
]
