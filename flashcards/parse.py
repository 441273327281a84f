"""Turn an article's text into an :class:`Article`: layout, metadata, paragraph pairs.

The layout we expect is the one bilingual newsletters use: paragraphs separated by blank
lines, each English paragraph followed by its Chinese translation, with a title on top, an
introduction header (导读), image placeholders, bullets, a sign-off and a source line around
them. Title and source become metadata; the rest of the furniture is dropped so that nothing
of the layout reaches a card.
"""

from __future__ import annotations

import os
import re

from .errors import InputError
from .models import Article, ParagraphPair, Title
from .text import count_cjk, count_latin, has_cjk, is_mostly_chinese

_PLACEHOLDER = re.compile(
    r"^(?:\[?(?:article illustration|illustration|image|photo|picture|figure|图片|插图|配图|图)\]?"
    r"(?:\s*\d+)?(?:\s*[:：].*)?|\[(?:image|图片|图)[^\]]*\])$",
    re.IGNORECASE,
)
_SOURCE = re.compile(r"^(?:来源|出处|原文链接|原文|source|original|via)\s*[:：]\s*(.+)$", re.IGNORECASE)
_HEADER = re.compile(
    r"^(?:导读|导语|摘要|编者按|引言|前言|introduction|intro|summary|abstract|editor'?s note|tl;?dr)\s*[:：]?$",
    re.IGNORECASE,
)
_SIGNOFF_EN = re.compile(r"^[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2}$")
_SENTENCE_END = re.compile(r"[.。,，;；:：]$")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•·]|\d{1,3}[.)、]|[（(]\d{1,3}[)）])\s+")

# Markdown: images vanish, links keep their text, emphasis and code marks go. No part may run
# past the next opening mark: scanning to the end from each unmatched "[" or "*" was quadratic
# (40,000 "[" took 10 s).
_MD_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_MD_LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.MULTILINE)
_MD_EMPHASIS = [re.compile(rf"{re.escape(mark)}(?=\S)([^{re.escape(mark[0])}]+?)(?<=\S){re.escape(mark)}")
                for mark in ("**", "__", "*", "~~")]
_MD_CODE = re.compile(r"`([^`]*)`")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_QUOTE = re.compile(r"^\s*>\s?", re.MULTILINE)
_MD_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def slug_for(path: str) -> str:
    """A file-name-safe slug from the file's name: ``articles/Night Bus.en.txt`` → ``night-bus``."""
    stem = os.path.basename(path)
    stem = re.sub(r"\.(txt|md|markdown|text)$", "", stem, flags=re.IGNORECASE)
    stem = re.sub(r"[._-](en|zh|cn|english|chinese)$", "", stem, flags=re.IGNORECASE)
    slug = re.sub(r"[^\w]+", "-", stem.lower()).strip("-")
    return slug or "article"


def is_markdown(path: str) -> bool:
    return path.lower().endswith((".md", ".markdown"))


def strip_markdown_inline(text: str) -> str:
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_REF_LINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    for _nesting in range(4):  # ***a*** is two; each round undoes one
        previous = text
        for emphasis in _MD_EMPHASIS:
            text = emphasis.sub(r"\1", text)
        if text == previous:
            break
    return text


def split_blocks(text: str, markdown: bool = False) -> list[tuple[str, bool]]:
    """Paragraphs separated by blank lines, each as (text, is_heading).

    Lines of a paragraph are joined (with a space in English, nothing in Chinese); a list item
    starts a new line so that the sentence splitter keeps items apart.
    """
    if markdown:
        text = _HTML_COMMENT.sub("", text)
        text = _MD_LINK_DEF.sub("", text)
        text = _MD_QUOTE.sub("", text)
    blocks: list[tuple[str, bool]] = []
    for raw in re.split(r"\n[ \t\u3000]*\n", text):
        lines = [line.strip(" \t\u3000\ufeff") for line in raw.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        heading = False
        if markdown:
            if len(lines) == 1 and _MD_HEADING.match(lines[0]):
                lines = [_MD_HEADING.match(lines[0]).group(1)]
                heading = True
            lines = [line for line in lines if not _MD_RULE.match(line)]
            lines = [strip_markdown_inline(line).strip() for line in lines]
            lines = [line for line in lines if line]
            if not lines:
                continue
        blocks.append((_join_lines(lines), heading))
    return blocks


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if _LIST_MARKER.match(line):
            out += "\n" + line
        elif has_cjk(out[-1:]) or has_cjk(line[:1]):
            out += line
        else:
            out += " " + line
    return out


def strip_list_markers(paragraph: str) -> str:
    return "\n".join(_LIST_MARKER.sub("", line, count=1) for line in paragraph.split("\n"))


def _language(text: str) -> str | None:
    if is_mostly_chinese(text):
        return "zh"
    if count_latin(text):
        return "en"
    return None


def _title_like(text: str, heading: bool, markdown: bool) -> bool:
    if markdown:
        return heading
    if "\n" in text or _SENTENCE_END.search(text) or _HEADER.match(text) or _SOURCE.match(text):
        return False
    if re.search(r"[。！？]|[.!?]\s", text.rstrip("”’」』\"'!?！？")):
        return False  # a sentence inside (他说:“我们明天去。”) makes it a paragraph
    return len(text) <= 120 if not has_cjk(text) else count_cjk(text) <= 60


def parse_article(path: str, text: str) -> Article:
    """Find title, source and paragraph pairs in an interleaved (or Chinese-only) article."""
    markdown = is_markdown(path)
    title, source, body = _layout(split_blocks(text, markdown), markdown)
    pairs: list[ParagraphPair] = []
    english: list[str] = []
    chinese: list[str] = []
    for language, paragraph in body:
        if language == "en" and chinese:
            pairs.append(ParagraphPair(tuple(english), tuple(chinese)))
            english, chinese = [], []
        (english if language == "en" else chinese).append(paragraph)
    if english or chinese:
        pairs.append(ParagraphPair(tuple(english), tuple(chinese)))
    article = Article(path, slug_for(path), title, source, tuple(pairs))
    _check_has_chinese(article, path)
    return article


def parse_parallel(en_path: str, en_text: str, zh_path: str, zh_text: str) -> Article:
    """Two files, one per language, whose paragraphs need not correspond one to one."""
    en_title, en_source, en_body = _layout(split_blocks(en_text, is_markdown(en_path)), is_markdown(en_path))
    zh_title, zh_source, zh_body = _layout(split_blocks(zh_text, is_markdown(zh_path)), is_markdown(zh_path))
    english = tuple(paragraph for _, paragraph in en_body)
    chinese = tuple(paragraph for _, paragraph in zh_body)
    if not english:
        raise InputError(en_path, "has no English text")
    title = Title(en=en_title.en or zh_title.en, zh=zh_title.zh or en_title.zh)
    article = Article(zh_path, slug_for(en_path), title, en_source or zh_source,
                      (ParagraphPair(english, chinese),))
    _check_has_chinese(article, zh_path)
    return article


def _check_has_chinese(article: Article, path: str) -> None:
    if not any(pair.zh for pair in article.paragraphs):
        raise InputError(path, "has no Chinese text to make cards from")


def _layout(blocks: list[tuple[str, bool]], markdown: bool) -> tuple[Title, str, list[tuple[str, str]]]:
    """Separate metadata and furniture from the body; label each body paragraph en or zh."""
    titles: dict[str, str] = {}
    source = ""
    start = 0
    for text, heading in blocks[:4]:
        language = _language(text)
        if language is None or not _title_like(text, heading, markdown):
            break
        if language in titles and titles[language] != text:
            break
        titles.setdefault(language, text)
        start += 1
    if "zh" in titles and not any(_language(text) == "zh" for text, _ in blocks[start:]):
        # Everything Chinese looked like a title (a one-line article, 今天真冷啊！): it is the body.
        titles, start = {}, 0
    body: list[tuple[str, str]] = []
    for text, _heading in blocks[start:]:
        if text in titles.values() or _HEADER.match(text) or _PLACEHOLDER.match(text) \
                or not _MD_IMAGE.sub("", text).strip():
            continue
        found = _SOURCE.match(text)
        if found and "\n" not in text:
            source = source or found.group(1).strip()
            continue
        language = _language(text)
        if language is None:
            continue
        body.append((language, strip_list_markers(text)))
    _drop_signoff(body)
    return Title(en=titles.get("en", ""), zh=titles.get("zh", "")), source, body


def _drop_signoff(body: list[tuple[str, str]]) -> None:
    """A closing name (``Andrew`` / ``安德鲁``) is not something to learn."""
    while body:
        language, text = body[-1]
        if language == "en" and _SIGNOFF_EN.match(text):
            body.pop()
        elif language == "zh" and count_cjk(text) <= 6 and not re.search(r"[，。！？!?,、；：:]", text) \
                and len(body) >= 2 and body[-2][0] == "en" and _SIGNOFF_EN.match(body[-2][1]):
            body.pop()
        else:
            break
