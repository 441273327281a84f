"""Split paragraphs into sentences.

A book in two files laid out one sentence a line (as aligned corpora and many published texts are)
keeps its lines as its sentences: see :func:`split_pair`.

English uses pysbd, which knows abbreviations (Dr., U.S., p.m.), decimals ($3.50) and
quotations. Chinese ends a sentence at 。！？!?；… and keeps a closing quote or bracket on the
sentence it closes. A line break inside a paragraph (a list item) always ends a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

# a closing quote after the end mark stays with the sentence it closes, even after a space (。 ”)
_ZH_SENTENCE = re.compile(r".+?(?:(?:[。！？!?；]|…+|\.{3,})+(?:[ \t\u3000]*[”’」』）)】》〉])*|$)", re.DOTALL)
LONGEST_SENTENCE = 300  # characters; a longer run without an end mark is cut at commas


@lru_cache(maxsize=1)
def _english_segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


# A line is split at its stops directly when every stop on it is plainly an end or plainly not
# one; pysbd, which knows the hard cases, takes every other line (it costs about half a
# millisecond a sentence, most of a long build's English). Unsure: an abbreviation or initial
# before a stop (e.g., U.S., but not Mr. before a name), a number (3.50, 1.), an ellipsis,
# brackets, single quotes used as quotation marks, a dash before a closing quote, a stop
# followed by a letter or by a lower-case word, a capital after a quotation without a stop,
# unbalanced or mixed double quotes. Double quotes are
# followed: a stop inside a quotation ends nothing, a stop closing one ends the sentence when
# a capital follows ("Why?" He shrugged. / "Why?" she asked.). tests/test_sentences.py checks
# that this agrees with pysbd.
_UNSURE = re.compile(r"""\.\.|…|[—–-]["”]|[()\[\]‘]|\d[.!?]|[.!?]\d|(?<![A-Za-z])['’]|['’](?![A-Za-z])"""
                     r"""|[.!?][^\s.!?"”]|[.!?]["”]\S|[.!?]\s+[^\sA-Z"“]|(?<![.!?,])["”]\s+[A-Z]""")
_WORD_STOP = re.compile(r"\b([A-Za-z]+)\.")
_LAST_WORD = re.compile(r"[A-Za-z]+$")
_STOP = re.compile(r"""[.!?]+(["”]?)\s+|["“”]""")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """pysbd's English abbreviations, and those that stand before a name (Mr., Dr.)."""
    from pysbd.lang.english import English

    return (frozenset(English.Abbreviation.ABBREVIATIONS),
            frozenset(English.Abbreviation.PREPOSITIVE_ABBREVIATIONS))


def load_english_splitter() -> None:
    """Load pysbd and its abbreviations now (13 ms), so that workers forked next share them."""
    _english_segmenter()
    _abbreviations()


def _plain_sentences(line: str) -> list[str] | None:
    """The sentences of a line whose every stop is plain, or None if one is not."""
    if _UNSURE.search(line) or line.count('"') % 2 or ('"' in line and ("“" in line or "”" in line)):
        return None
    abbreviations, before_names = _abbreviations()
    for match in _WORD_STOP.finditer(line):
        word = match.group(1).lower()
        if len(word) == 1 or (word in abbreviations and word not in before_names):
            return None
        if word in before_names and not line.startswith(" ", match.end()):
            return None  # Mr. at the end of a line, or Dr.Lee
    sentences: list[str] = []
    start, straight, curly = 0, 0, 0
    for match in _STOP.finditer(line):
        if match.group(0) in '"“”':  # a quotation mark: keep count of open quotations
            straight += match.group(0) == '"'
            curly += {"“": 1, "”": -1}.get(match.group(0), 0)
            continue
        if match.group(1):  # the stop closes a quotation
            straight += match.group(1) == '"'
            curly -= match.group(1) == "”"
        word = _LAST_WORD.search(line, max(0, match.start() - 12), match.start())
        after = line[match.end():match.end() + 1]
        if line[match.start()] == "." and word is not None and word.group(0).lower() in before_names:
            continue  # Mr. Lee
        if match.group(1):
            ends = after.isupper()
        else:
            ends = not (straight % 2 or curly > 0) and (after.isupper() or after in '"“')
        if ends:
            sentences.append(line[start:match.end()].strip())
            start = match.end()
    sentences.append(line[start:].strip())
    return [sentence for sentence in sentences if sentence]


def split_english(paragraph: str) -> list[str]:
    """English sentences of a paragraph, stripped, in order."""
    sentences: list[str] = []
    for line in paragraph.split("\n"):
        line = line.strip()
        if line:
            for sentence in _line_sentences(line):
                sentence = sentence.strip()
                if sentence:
                    sentences.extend(_cut_long(sentence, " "))
    return sentences


# pysbd's time grows with the square of what it is given (a line of 60,000 characters took a
# second, three times as long a sentence as one of 5,000). A longer line, such as a book's
# English in a file without blank lines, is cut at every sure sentence end first, and the
# pieces split as lines are.
PYSBD_LONGEST = 5_000
# a stop after a lower-case word (not an abbreviation: checked), then a capitalised word
_SURE_END = re.compile(r"\b([A-Za-z][a-z]+)[.!?]\s+(?=[A-Z][a-z])")


def _line_sentences(line: str) -> list[str]:
    plain = _plain_sentences(line)
    if plain is not None:
        return plain
    if len(line) <= PYSBD_LONGEST:
        return _english_segmenter().segment(line)
    pieces = [short for piece in _pieces(line) for short in _shortened(piece)]
    return [sentence for piece in pieces
            for sentence in (_plain_sentences(piece) or _english_segmenter().segment(piece))]


def _shortened(piece: str) -> list[str]:
    """A piece with no sure sentence end in PYSBD_LONGEST characters (a text in lower case, a
    table of figures) cut anyway: after the last stop and space, else the last space, before
    the limit."""
    out: list[str] = []
    while len(piece) > PYSBD_LONGEST:
        window = piece[:PYSBD_LONGEST]
        stop = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        cut = stop + 2 if stop > 0 else window.rfind(" ") + 1 or PYSBD_LONGEST
        out.append(piece[:cut])
        piece = piece[cut:]
    out.append(piece)
    return out


def _pieces(line: str) -> list[str]:
    """The line cut after each sure sentence end: one outside quotation marks and brackets,
    after a word that is no abbreviation, before a capitalised word."""
    abbreviations, _ = _abbreviations()
    pieces: list[str] = []
    start = scanned = straight = curly = brackets = 0
    for match in _SURE_END.finditer(line):
        seen = line[scanned:match.end()]
        scanned = match.end()
        straight += seen.count('"')
        curly += seen.count("“") - seen.count("”")
        brackets += seen.count("(") - seen.count(")")
        if not (straight % 2 or curly or brackets or match.group(1).lower() in abbreviations):
            pieces.append(line[start:match.end()])
            start = match.end()
    pieces.append(line[start:])
    return pieces


def split_chinese(paragraph: str) -> list[str]:
    """Chinese sentences of a paragraph; every character of the paragraph lands in one of them."""
    sentences: list[str] = []
    for line in paragraph.split("\n"):
        for match in _ZH_SENTENCE.finditer(line):
            sentence = match.group(0).strip()
            if sentence:
                sentences.extend(_cut_long(sentence, ""))
    return sentences


def _cut_long(sentence: str, space: str, longest: int = LONGEST_SENTENCE) -> list[str]:
    """Cut a sentence longer than ``longest`` at commas, or failing that, by length.

    A paragraph of 100,000 characters without punctuation must still become cards in seconds.
    """
    if len(sentence) <= longest:
        return [sentence]
    pieces: list[str] = []
    current = ""
    for part in re.split(r"(?<=[，,、：:;])", sentence):
        while len(part) > LONGEST_SENTENCE:
            if current:
                pieces.append(current)
                current = ""
            cut = part.rfind(space, 0, LONGEST_SENTENCE) if space else -1
            cut = cut if cut > 0 else LONGEST_SENTENCE
            pieces.append(part[:cut])
            part = part[cut:]
        if current and len(current) + len(part) > LONGEST_SENTENCE:
            pieces.append(current)
            current = ""
        current += part
    if current:
        pieces.append(current)
    return [piece.strip() for piece in pieces if piece.strip()]


# Two files are one sentence a line when nearly every line (in paragraphs of several lines) holds
# one sentence by the splitters above on both sides: the lines are then the sentences, as their
# author or aligner cut them, and a line our splitter would cut in two stays whole (it may hold a
# quotation and its dialogue tag, which the other language places differently).
ONE_SENTENCE_LINES = 0.8
LONGEST_LINE = 2_000  # characters: a line kept whole may be a long sentence, but not a whole text


def split_pair(english: Sequence[str], chinese: Sequence[str]) -> tuple[list[str], list[str]]:
    """The English and Chinese sentences of a paragraph pair. A line break always ends a sentence;
    when both sides are one sentence a line, each line is one sentence."""
    en_lines = [[line.strip(), split_english(line)] for p in english for line in p.split("\n") if line.strip()]
    zh_lines = [[line.strip(), split_chinese(line)] for p in chinese for line in p.split("\n") if line.strip()]
    if _one_sentence_a_line(english, en_lines) and _one_sentence_a_line(chinese, zh_lines):
        return ([piece for line, _ in en_lines for piece in _cut_long(line, " ", LONGEST_LINE)],
                [piece for line, _ in zh_lines for piece in _cut_long(line, "", LONGEST_LINE)])
    return ([s for _, sentences in en_lines for s in sentences], [s for _, sentences in zh_lines for s in sentences])


def _one_sentence_a_line(paragraphs: Sequence[str], lines: list) -> bool:
    in_blocks = sum(p.count("\n") + 1 for p in paragraphs if "\n" in p)
    if len(lines) < 2 or in_blocks * 2 < len(lines):
        return False
    return sum(len(sentences) == 1 for _, sentences in lines) >= ONE_SENTENCE_LINES * len(lines)


_LINE_END = re.compile(r"""(?:[.!?。！？…;；:：]|\.{3}|——|—|--)[\s"'”’」』）)\]】》〉]*$""")


def lines_end_sentences(text: str) -> bool:
    """Whether the text's lines end where sentences end (a file one sentence, or one paragraph, a
    line), not wherever a line was wrapped: then its line breaks are kept."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and sum(bool(_LINE_END.search(line)) for line in lines) >= ONE_SENTENCE_LINES * len(lines)
