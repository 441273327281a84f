"""Names the article's English vouches for, made whole in the Chinese.

jieba guesses names from the characters alone: it cuts names it does not know (金 + 大 + 贤,
还 + 有关 + 家 + 永) and takes ordinary words for names (包里, 车锁). The aligned English
settles both. A name it spells in Latin letters (Hailuo, Kling, Wang) is found by the
pinyin of the Chinese (海螺 hǎiluó is then a product, not a sea snail); a person's name in the
English that no Chinese word translates (Dan Kwan, Janet Yang) is looked for as a surname and
a given name of one or two characters that translate nothing in it (关家永, 杨燕子). Where the
English names no one, a name jieba guessed that the dictionary lacks is cut into its words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from .text import is_cjk_char

Word = tuple[str, str]  # (text, part of speech)

# A name the English gives in Latin letters, found by its pinyin: a name, not the dictionary word.
NAMED = "nx"
PERSON_TAGS = ("nr", "nrfg", "nrt")
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof|St)\.$")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*\b")
# characters that stand between names, or after one, and never end a given name
_NOT_IN_GIVEN_NAME = frozenset("的了是在和与及也都就还又被把对从向给让说等着过们个这那有和或跟同为而")


def name_words(english: str) -> list[tuple[int, int]]:
    """Where the English has a capitalised word that is not merely the first of its sentence."""
    spans = []
    for match in _CAPITALISED.finditer(english):
        start = match.start()
        before = english[:start].rstrip()
        opening = not before or (before[-1:] in ".!?:\"“‘" and not _TITLE.search(before))
        if opening and _common(match.group(0).lower()):
            continue  # "The", "Storytelling": capitalised because they open a sentence
        if match.group(0) == "I":
            continue
        spans.append((start, match.end()))
    return spans


@lru_cache(maxsize=4096)
def _common(word: str) -> bool:
    from .frequencies import frequency

    return (frequency(word, "en") or 0.0) > 1e-6


def plain_pinyin(syllable: str) -> str:
    return "".join(char for char in syllable.lower() if char.isalpha()).replace("ü", "v")


def spelled_alike(latin: str, pinyin: str) -> bool:
    """Whether a Latin name is the toneless pinyin of a Chinese one, or one letter from it
    (Hailuo: hailuo; Kling: keling)."""
    latin = latin.lower()
    if latin == pinyin:
        return True
    if len(latin) < 4 or abs(len(latin) - len(pinyin)) > 1:
        return False
    return _one_edit(latin, pinyin)


def _one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    for index in range(len(a)):
        if a[index] != b[index]:
            return a[index:] == b[index + 1:] or a[index + 1:] == b[index + 1:]
    return True


def find_names(words: Sequence[Word], english: str, dictionary) -> list[Word]:
    """The words of a Chinese sentence with the names its English vouches for made whole.

    ``english``: the English the sentence translates (empty: the words are returned as they are).
    """
    if not english or not any(map(is_cjk_char, "".join(w for w, _ in words))):
        return list(words)
    names = name_words(english)
    words = _unvouched(words, english if names else "", dictionary)
    if not names:
        return words
    from .meanings import find_counterpart, senses_of_word

    text = "".join(word for word, _ in words)
    syllables = _syllables(text, dictionary)
    runs = name_runs(names, english)
    latin = {english[start:end].lower() for start, end in names}
    latin.update("".join(english[s:e].lower() for s, e in run) for run in runs if len(run) > 1)
    spans: list[tuple[int, int, str]] = []  # (start, end, tag) in characters of the sentence
    for length in (4, 3, 2):
        for start in range(len(text) - length + 1):
            piece = text[start:start + length]
            if not all(map(is_cjk_char, piece)) or _overlaps(spans, start, start + length):
                continue
            if _spelled(latin, syllables[start:start + length]) and not (
                    piece in dictionary and find_counterpart(senses_of_word(piece, dictionary), english)):
                spans.append((start, start + length, "nr" if _person_like(piece) else NAMED))
    spans.extend(_people(words, text, english, runs, spans, dictionary))
    return _made_whole(words, spans, dictionary) if spans else words


def _syllables(text: str, dictionary) -> list[tuple[str, ...]]:
    """Each character's toneless readings in CC-CEDICT (none for what is not Chinese)."""
    return [readings_of(char, dictionary) if is_cjk_char(char) else () for char in text]


@lru_cache(maxsize=16_384)
def readings_of(char: str, dictionary) -> tuple[str, ...]:
    return tuple(dict.fromkeys(plain_pinyin(entry.pinyin) for entry in dictionary.lookup(char)))


def _spelled(names: set[str], readings: Sequence[tuple[str, ...]]) -> bool:
    """Whether one of the Latin ``names`` spells the characters read one of their ways."""
    if not readings[0] or not any(reading[:1] == name[:1] for reading in readings[0] for name in names):
        return False  # (the first letter already differs: most spans of most sentences)
    spellings = [""]
    for choices in readings:
        if not choices:
            return False
        spellings = [spelled + choice for spelled in spellings for choice in choices][:64]
    return any(spelled_alike(name, spelled) for name in names for spelled in spellings)


def _person_like(piece: str) -> bool:
    from .segment import surnames

    return 2 <= len(piece) <= 3 and (piece[0] in surnames() or piece[:2] in surnames())


def name_runs(names: list[tuple[int, int]], english: str) -> list[list[tuple[int, int]]]:
    """Capitalised words next to each other: one name ("Dan Kwan")."""
    runs: list[list[tuple[int, int]]] = []
    for span in names:
        if runs and english[runs[-1][-1][1]:span[0]].strip() == "":
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _unvouched(words: Sequence[Word], english: str, dictionary) -> list[Word]:
    """Names jieba guessed that the dictionary lacks, cut into their words where the English
    does not bear them out: no name at all in it (包里 is 包 + 里, 车锁 车 + 锁), or one whose
    given name it translates (张开嘴 with "opened his mouth")."""
    from .segment import NAME_TAGS, split_known, tag_of

    out: list[Word] = []
    for word, tag in words:
        if tag in NAME_TAGS and word not in dictionary and len(word) > 1 and all(map(is_cjk_char, word)) \
                and (not english or (tag in PERSON_TAGS and _translated(word[1:], english, dictionary))):
            out.extend((piece, "" if tag_of(piece) in NAME_TAGS else tag_of(piece))
                       for piece in split_known(word, dictionary))
        else:
            out.append((word, tag))
    return out


def _overlaps(spans, start: int, end: int) -> bool:
    return any(start < e and s < end for s, e, _ in spans)


def _people(words: Sequence[Word], text: str, english: str, runs: list[list[tuple[int, int]]],
            found: list[tuple[int, int, str]], dictionary) -> list[tuple[int, int, str]]:
    """Surname and given name for each person the English names that no Chinese word explains;
    a name jieba cut short by one character (宋家 | 明和) is made whole too."""
    from .segment import surnames

    if not any(char in surnames() for char in text):
        return []
    people = _unexplained_people(words, english, runs, dictionary)
    if people <= 0:
        return []
    already = {(s, e) for s, e, _ in found}
    offsets, at = [], 0
    for word, tag in words:
        offsets.append((at, at + len(word), word, tag))
        at += len(word)
    guessed = {(s, e) for s, e, word, tag in offsets if tag in PERSON_TAGS and len(word) > 1 and word not in dictionary}
    people -= len(guessed)
    spans: list[tuple[int, int, str]] = []
    for start in range(len(text)):
        extending = any(s == start and e - s == 2 for s, e in guessed)
        if len(spans) >= people and not extending:
            continue
        if text[start] not in surnames() or _overlaps(found + spans, start, start + 2) or \
                (not extending and any(s <= start < e for s, e in guessed)):
            continue
        for length in (3,) if extending else (3, 2):
            end = start + length
            piece = text[start:end]
            if end > len(text) or not all(map(is_cjk_char, piece)) or (start, end) in already:
                continue
            if any(char in _NOT_IN_GIVEN_NAME for char in piece[1:]):
                continue
            if piece in dictionary or _translated(piece[1:], english, dictionary) or \
                    _translated(piece, english, dictionary, longer_than=1):
                continue
            if not _clean_cut(offsets, start, end, english, dictionary):
                continue
            spans.append((start, end, "nr"))
            people += extending  # a guess made whole is no new person
            break
    return spans


def _unexplained_people(words: Sequence[Word], english: str, runs: list[list[tuple[int, int]]], dictionary) -> int:
    """How many runs of two or more capitalised words ending in a surname that is not an English
    word (a person's full name: Dan Kwan, not Screen Actors Guild) no Chinese word of the
    sentence translates."""
    from .meanings import sentence_counterparts, senses_of_word

    full = [run for run in runs if len(run) >= 2 and not _english_word(english[slice(*run[-1])].lower())]
    if not full:
        return 0
    found = sentence_counterparts([(w, senses) if (senses := senses_of_word(w, dictionary)) else ("", ())
                                   for w, _ in words], english, dictionary)
    claimed = [(c.start, c.end) for c in found if c is not None]
    return sum(1 for run in full if not any(s < run[-1][1] and run[0][0] < e for s, e in claimed))


@lru_cache(maxsize=4096)
def _english_word(word: str) -> bool:
    """Whether a word is one of English's own (Baker, Guild), not a surname from elsewhere (Kwan, Yang)."""
    from .english.lexicon import load_lexicon

    return bool(load_lexicon().lemma_table(word))


def _translated(part: str, english: str, dictionary, longer_than: int = 0) -> bool:
    """Whether any dictionary word inside ``part`` (燕子 "swallow") translates something in the
    English (only words of more than ``longer_than`` characters: 任何因素 keeps 任何 "any")."""
    from .meanings import find_counterpart, senses_of_word

    pieces = {part[i:j] for i in range(len(part)) for j in range(i + 1 + longer_than, len(part) + 1)}
    return any(find_counterpart(senses_of_word(piece, dictionary), english) is not None
               for piece in pieces if piece in dictionary)


def _clean_cut(offsets, start: int, end: int, english: str, dictionary) -> bool:
    """Whether a name can be cut out of the words it lies in: each word it cuts translates
    nothing in the English, and leaves a dictionary word or one character (还有关家永: 有关
    leaves 有, which joins 还 as 还有; 非常感谢 "grateful" is never cut)."""
    from .meanings import find_counterpart, senses_of_word

    for s, e, word, _ in offsets:
        if not (s < start < e or s < end < e):
            continue
        left, right = word[:max(0, start - s)], word[max(0, end - s):] if end < e else ""
        if any(len(rest) > 1 and rest not in dictionary for rest in (left, right)):
            return False
        if word in dictionary and find_counterpart(senses_of_word(word, dictionary), english) is not None:
            return False
    return True


def _made_whole(words: Sequence[Word], spans: list[tuple[int, int, str]], dictionary) -> list[Word]:
    """The words re-cut so that each span is one word, what is left of a cut word its own word."""
    from .segment import join_known, tag_of

    cuts = sorted(spans)
    out: list[Word] = []
    at = 0
    for word, tag in words:
        end = at + len(word)
        position = at
        for s, e, name_tag in cuts:
            if e <= position or s >= end:
                continue
            if s > position:
                piece = word[position - at:s - at]
                out.append((piece, tag if piece == word else tag_of(piece)))
            if s >= position:
                out.append((_text_of(words, s, e), name_tag))
            position = max(position, e)
        if position < end:
            rest = word[position - at:]
            out.append((rest, tag if rest == word else tag_of(rest)))
        at = end
    return join_known([(w, t) for w, t in out if w], dictionary)


def _text_of(words: Sequence[Word], start: int, end: int) -> str:
    return "".join(word for word, _ in words)[start:end]
