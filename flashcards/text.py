"""Small character-class helpers shared by the reader, the splitter and the segmenter."""

from __future__ import annotations

import re

# CJK Unified Ideographs with extensions A–F and the compatibility block (𠮷 is in ext. B).
CJK_RANGES = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U00030000-\U0003134f"
)
CJK_CHAR = re.compile(f"[{CJK_RANGES}]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")


def has_cjk(text: str) -> bool:
    return CJK_CHAR.search(text) is not None


def count_cjk(text: str) -> int:
    return len(CJK_CHAR.findall(text))


def is_cjk_char(char: str) -> bool:
    return CJK_CHAR.fullmatch(char) is not None


def count_latin(text: str) -> int:
    return len(LATIN_LETTER.findall(text))


def is_mostly_chinese(text: str) -> bool:
    """A block is Chinese when its Chinese characters carry at least as much as its letters.

    A Chinese character holds about as much as three English letters, so a Chinese paragraph
    full of names such as "Sora" or "AI" is still Chinese, and an English paragraph that quotes
    a Chinese word is still English.
    """
    cjk = count_cjk(text)
    return cjk > 0 and cjk * 3 >= count_latin(text)
