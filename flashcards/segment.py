"""Segment Chinese into words a learner can look up.

jieba proposes the words; CC-CEDICT decides what counts as one. A jieba token the dictionary
does not know is split into dictionary words (篇文章 → 篇 + 文章, 三个 → 三 + 个) unless jieba
tags it as a name; single characters that together form a dictionary word are joined
(共 + 赢 → 共赢). We build our own jieba tokenizer rather than touch jieba's global one, and
keep jieba's dictionary in our cache.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from .rules import COUNTING, TITLES
from .text import has_cjk, is_cjk_char

# nx: a name the English spells (海螺 Hailuo); nw: the title of a work, in 《》
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "nx", "nw"})
TITLE = "nw"
NAME_DOTS = frozenset("·•・‧")  # between the parts of a transliterated name
NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿几半0123456789０１２３４５６７８９")
_NO_JOIN = frozenset("的了着过地得吗呢吧啊")


TAGS_FORMAT = 1
WORDS_FORMAT = 1


@lru_cache(maxsize=1)
def _tokenizer():
    """jieba's tagger and tokenizer, the tokenizer's words read from disk as it asks for them.

    A short text needs a few thousand of jieba's 500,000 words and prefixes;
    :func:`load_every_word` loads them all, for a text long enough to meet most of them.
    """
    jieba = _jieba()
    jieba.setLogLevel(logging.WARNING)
    posseg = _posseg()
    tokenizer = jieba.Tokenizer()
    words = _word_table()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = _Frequencies(words), words.get(""), True
    from .tagger import tagger_class

    return _tagger(posseg, tokenizer, tagger_class(posseg))


def load_every_word() -> None:
    """Give the tokenizer all of jieba's dictionary in memory (0.13 s, 60 MB): quicker than
    reading words one by one for a long text (``pipeline.EVERY_WORD_FROM`` characters).

    jieba would load it from its own cache with ``marshal.load`` on the open file, three
    times as slow as reading the file first; ours is the same data, read the quicker way.
    """
    tokenizer = _tokenizer().tokenizer
    if isinstance(tokenizer.FREQ, _Frequencies):
        from . import cache

        source = _dictionary_file()
        tokenizer.FREQ, tokenizer.total = cache.cached(cache.path_for("jieba-words", WORDS_FORMAT, [source]),
                                                       lambda: _read_dictionary(source))


def forget_every_word() -> None:
    """Undo :func:`load_every_word` (words are read one by one again), and forget the tags of
    the unknown words met: once the text is read, the memory is better used for other things."""
    tokenizer = _tokenizer().tokenizer
    if not isinstance(tokenizer.FREQ, _Frequencies):
        tokenizer.FREQ = _Frequencies(_word_table())
        tokenizer.total = _word_table().get("")
    _tag_unknown.cache_clear()


def _dictionary_file():
    from . import cache

    return cache.package_file("jieba", "dict.txt")


def _read_dictionary(source) -> tuple[dict[str, int], int]:
    """jieba's dictionary as jieba holds it: each word's frequency, each prefix of a word with 0
    (jieba looks words up a character at a time), and the total of the frequencies."""
    with open(source, "rb") as handle:
        return _jieba().Tokenizer.gen_pfdict(handle)


@lru_cache(maxsize=1)
def _word_table():
    """:func:`_read_dictionary` as an on-disk table, the total under ""."""
    from . import cache

    source = _dictionary_file()

    def rows():
        frequencies, total = _read_dictionary(source)
        yield "", total
        yield from frequencies.items()

    return cache.table("jieba-words", WORDS_FORMAT, [source], rows)


_UNSEEN = object()


class _Frequencies(dict):
    """jieba's ``FREQ`` mapping that reads each word from our table when jieba first asks."""

    def __init__(self, table) -> None:
        super().__init__()
        self._table = table

    def _value(self, word):
        value = dict.get(self, word, _UNSEEN)
        if value is _UNSEEN:
            value = self._table.get(word) if word else None
            dict.__setitem__(self, word, value)
        return value

    def __contains__(self, word) -> bool:
        return self._value(word) is not None

    def __getitem__(self, word):
        value = self._value(word)
        if value is None:
            raise KeyError(word)
        return value

    def get(self, word, default=None):
        value = self._value(word)
        return default if value is None else value


def _tagger(posseg, tokenizer, kind=None):
    """jieba's part-of-speech tagger over ``tokenizer``, its table of tags read from our cache
    (``kind``: a subclass of jieba's ``POSTokenizer``; ours searches quicker)."""
    kind = kind or posseg.POSTokenizer
    tagger = kind.__new__(kind)
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = _tags()
    return tagger


def _jieba():
    """``jieba``, imported without ``pkg_resources``.

    jieba finds its data files with setuptools' ``pkg_resources`` when it can, and opens them
    beside its own code when it cannot. Importing ``pkg_resources`` takes 50 ms (and warns on
    new setuptools), so we let jieba's import of it fail, unless something has loaded it already.
    """
    import importlib
    import sys

    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # "import pkg_resources" fails
        try:
            return importlib.import_module("jieba")
        finally:
            del sys.modules["pkg_resources"]
    return importlib.import_module("jieba")


def _posseg():
    """``jieba.posseg``, imported without reading jieba's 350,000 tags into memory (0.3 s, 50 MB).

    The module builds a tagger for jieba's global tokenizer when imported, and that tagger
    reads every tag of jieba's dictionary. We let it read an empty dictionary instead, then
    give it the tags from our on-disk table, so that it tags exactly as before.
    """
    import sys

    jieba = _jieba()
    if "jieba.posseg" not in sys.modules:
        import os

        real = jieba.dt
        jieba.dt = jieba.Tokenizer(os.devnull)
        try:
            import jieba.posseg
        finally:
            jieba.dt = real
        sys.modules["jieba.posseg"].dt = _tagger(sys.modules["jieba.posseg"], real)
    return sys.modules["jieba.posseg"]


@lru_cache(maxsize=1)
def _tags():
    """jieba's part of speech of each word of its dictionary, as an on-disk table."""
    from . import cache

    source = _dictionary_file()

    def rows():
        with open(source, encoding="utf-8") as handle:
            for line in handle:  # word, frequency, tag
                parts = line.split()
                if len(parts) == 3:
                    yield parts[0], parts[2]

    return cache.table("jieba-tags", TAGS_FORMAT, [source], rows)


def jieba_words(sentence: str) -> list[tuple[str, str]]:
    """jieba's segmentation with part-of-speech tags, as (word, tag) pairs.

    jieba's own tagger runs a part-of-speech HMM over the whole sentence, eight times slower
    than its plain segmenter. We segment plainly, take a known word's tag from jieba's table,
    and ask the tagger only about the words jieba's dictionary lacks (names, mostly).
    """
    tagger = _tokenizer()
    table = tagger.word_tag_tab
    words: list[tuple[str, str]] = []
    for word in tagger.tokenizer.cut(sentence):
        tag = table.get(word)
        if tag is not None:
            words.append((word, tag))
        elif not has_cjk(word):
            words.append((word, _non_chinese_tag(word)))
        else:
            words.extend(_tag_unknown(word))
    return words


def _non_chinese_tag(word: str) -> str:
    if word.strip() and all(char.isdigit() or char in ".,%" for char in word):
        return "m"
    if any(char.isalpha() for char in word):
        return "eng"
    return "x"


@lru_cache(maxsize=100_000)
def _tag_unknown(word: str) -> tuple[tuple[str, str], ...]:
    """jieba's tagger on a word its dictionary lacks (吴恩达 → nr); its own cut may split it."""
    return tuple((pair.word, pair.flag) for pair in _tokenizer().cut(word))


def segment(sentence: str, dictionary) -> list[tuple[str, str]]:
    """Words of a Chinese sentence as (word, part of speech): dictionary words, names, titles
    of works, and words jieba knows that are made of a dictionary word and an affix.

    The words concatenate back to the sentence exactly.
    """
    words: list[tuple[str, str]] = []
    for word, tag in jieba_words(sentence):
        if (words and tag in ("nr", "nrfg") and words[-1][1] in ("nr", "nrfg") and words[-1][0] in surnames()
                and len(word) <= 2):
            words.append((word, tag))  # 金 + 大贤: a given name, joined to its surname below
        elif is_name(word, tag) and len(word) > 2 and word[1:] in TITLES | {word[2:]} & TITLES:
            words.extend(_split_title(word, tag))  # 王先生 is 王 + 先生: a surname and a title
        elif word in dictionary and tag in NAME_TAGS and not _proper_in(word, dictionary):
            words.append((word, ""))  # 敬佩 is no name, whatever jieba's table says
        elif not has_cjk(word) or word in dictionary or is_name(word, tag) or is_derived(word, tag, dictionary):
            words.append((word, tag))
        else:
            words.extend((piece, tag_of(piece)) for piece in split_known(word, dictionary))
    return whole_names(join_known(words, dictionary))


# Affixes that make a word of a word (从业 + 者, 敏感 + 度, 生成 + 式, 伪 + 科学): a word jieba
# knows, so made, is one word a learner looks up whole, even where CC-CEDICT lacks it.
SUFFIXES = {"者": "one who", "师": "master, expert", "员": "member, person", "家": "-ist, expert",
            "度": "degree", "式": "style, type", "性": "-ness, -ity", "化": "-ize, -ization", "率": "rate",
            "感": "sense of", "型": "type, model", "界": "circles, world of", "业": "industry", "病": "illness",
            "论": "theory of", "学": "study of, -ology", "权": "right, power", "法": "law, method",
            "品": "product, article", "器": "device, -er", "机": "machine", "费": "fee, cost", "量": "amount",
            "热": "craze", "观": "view of", "力": "power, -ability", "人": "person"}
PREFIXES = {"非": "non-", "反": "anti-", "超": "super-", "副": "vice-, deputy", "总": "chief, general",
            "伪": "pseudo-, fake", "准": "quasi-", "前": "former, ex-"}


def affixed(word: str, dictionary) -> tuple[str, str, str] | None:
    """(word, affix, the affix's meaning) for a word made of a dictionary word and an affix:
    从业者 → ("从业", "者", "one who"); 伪科学 → ("科学", "伪", "pseudo-")."""
    if len(word) >= 3 and word[-1] in SUFFIXES and word[:-1] in dictionary:
        return word[:-1], word[-1], SUFFIXES[word[-1]]
    if len(word) >= 3 and word[0] in PREFIXES and word[1:] in dictionary:
        return word[1:], word[0], PREFIXES[word[0]]
    return None


def _proper_in(word: str, dictionary) -> bool:
    """Whether CC-CEDICT has the word as a name (capitalised pinyin: 北京 Bei3 jing1)."""
    return any(entry.pinyin[:1].isupper() for entry in dictionary.lookup(word))


def is_derived(word: str, tag: str, dictionary) -> bool:
    """Whether a word CC-CEDICT lacks is a dictionary word with an affix that jieba knows whole."""
    if len(word) < 3 or tag.startswith(("m", "q", "r", "u")) or not _jieba_knows(word):
        return False
    return affixed(word, dictionary) is not None


def _jieba_knows(word: str) -> bool:
    return bool(_tokenizer().tokenizer.FREQ.get(word))


_TITLE_MARKS = {"《": "》", "〈": "〉"}
LONGEST_TITLE = 12


def whole_names(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Names made whole: a title of a work in 《》 (《终身大事》), a transliterated name joined by
    · (约翰·史密斯), and a surname jieba cut from its given name (金 + 大贤). The marks stay words
    of their own; the name inside them is one word, tagged :data:`TITLE` (a work) or ``nr`` (a person)."""
    out: list[tuple[str, str]] = []
    index = 0
    while index < len(words):
        word, tag = words[index]
        closing = _TITLE_MARKS.get(word)
        if closing is not None:
            end = next((j for j in range(index + 1, min(len(words), index + LONGEST_TITLE + 1))
                        if words[j][0] == closing), None)
            inner = "".join(w for w, _ in words[index + 1:end]) if end else ""
            if end and end - index >= 2 and len(inner) <= LONGEST_TITLE and all(map(is_cjk_char, inner)):
                out.extend([(word, tag), (inner, TITLE), words[end]])
                index = end + 1
                continue
        if (out and word in NAME_DOTS and index + 1 < len(words) and all(map(is_cjk_char, out[-1][0]))
                and all(map(is_cjk_char, words[index + 1][0])) and out[-1][1] in NAME_TAGS):
            out[-1] = (out[-1][0] + word + words[index + 1][0], "nr")  # 乔纳森 · 王: one name
            index += 2
            continue
        if (out and tag in ("nr", "nrfg") and out[-1][1] in ("nr", "nrfg") and out[-1][0] in surnames()
                and 1 <= len(word) <= 2 and all(map(is_cjk_char, word))):
            out[-1] = (out[-1][0] + word, "nr")  # 金 + 大贤: a surname and its given name
            index += 1
            continue
        out.append((word, tag))
        index += 1
    return out


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    from importlib import resources

    text = resources.files("flashcards").joinpath("data/surnames.txt").read_text("utf-8")
    return frozenset(name for line in text.splitlines() if not line.startswith("#") for name in line.split())


def is_name(word: str, tag: str) -> bool:
    """Whether to keep a word jieba tagged as a name whole.

    jieba guesses unknown words with an HMM and often calls any run of characters a person's
    name (天一亮); a person's name must start with a known surname to count.
    """
    if tag not in NAME_TAGS:
        return False
    if NAME_DOTS.intersection(word):
        return len(word) > 2  # 乔纳森·王
    if tag in ("nr", "nrfg", "nrt") and len(word) > 1:
        return 2 <= len(word) <= 4 and (word[0] in surnames() or word[:2] in surnames())
    return len(word) > 1


def _split_title(word: str, tag: str) -> list[tuple[str, str]]:
    cut = 1 if word[1:] in TITLES else 2
    return [(word[:cut], tag), (word[cut:], "n")]


def tag_of(word: str) -> str:
    """jieba's dictionary part of speech for a word it did not produce itself."""
    if all(char in NUMERAL_CHARS for char in word):
        return "m"
    return _tokenizer().word_tag_tab.get(word, "")


def split_known(word: str, dictionary) -> list[str]:
    """Split a word into the fewest dictionary words (unknown characters stand alone).

    Dynamic programming over split points; among equal counts the one whose first piece is
    longest wins, which is what a reader does.
    """
    numeral = 0
    while numeral < len(word) - 1 and word[numeral] in NUMERAL_CHARS:
        numeral += 1
    if numeral:  # 三个人 is 三 + 个 + 人, not 三 + 个人: a number takes its measure word
        rest = word[numeral:]
        measure = 1 if len(rest) > 1 and _is_measure_word(rest[0], dictionary) else 0
        return [word[:numeral]] + ([rest[0]] if measure else []) + split_known(rest[measure:], dictionary)
    n = len(word)
    best: list[tuple[int, int] | None] = [None] * (n + 1)  # (pieces, -unknown chars), back pointer
    back = [0] * (n + 1)
    best[0] = (0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - dictionary.longest), end):
            if best[start] is None:
                continue
            piece = word[start:end]
            known = piece in dictionary
            if not known and end - start > 1:
                continue
            score = (best[start][0] + 1 + (0 if known else 1), 0)
            if best[end] is None or score < best[end]:
                best[end] = score
                back[end] = start
    pieces = []
    end = n
    while end > 0:
        start = back[end]
        pieces.append(word[start:end])
        end = start
    return pieces[::-1]


def _is_measure_word(char: str, dictionary) -> bool:
    return any(sense.lstrip("(").startswith(("classifier", "measure word"))
               for entry in dictionary.lookup(char) for sense in entry.senses)


_GRAMMAR_FIRST = frozenset("很太更最都也就还又不没这那几每各某")
_RESULT = frozenset("完好到住着过掉走来去上下起出进回开成见里们和与及跟同或的地得了")
COMMON_PAIR = 1e-6  # two characters this common apart (都 and 会) are seldom one rare word


def _likelier_together(first: str, second: str, known: bool) -> bool:
    """Whether two characters jieba left apart are one word here, by wordfreq's word list.

    A dictionary word (``known``) is, unless wordfreq never met it as a word while both its
    characters are among the commonest (都会 "city" in 所有人都会来: 都 "all" + 会 "will").
    A word only wordfreq lists (文创, 展映) must be far likelier as one word than its two
    characters apart (a unigram model, as jieba's own), and not grammar at work (很多, 读完).
    """
    from .frequencies import frequency

    together = frequency(first + second, "zh")
    apart = (frequency(first, "zh") or 0.0) * (frequency(second, "zh") or 0.0)
    if known:
        return together is not None or apart < COMMON_PAIR
    if together is None or first in _GRAMMAR_FIRST or second in _RESULT or first in NUMERAL_CHARS:
        return False
    return together >= apart * 100


def join_known(words: list[tuple[str, str]], dictionary) -> list[tuple[str, str]]:
    """Join neighbours that form a dictionary word: single characters (共 + 赢 → 共赢), and two
    words of two characters that make a compound (社交 + 媒体 → 社交媒体)."""
    joined: list[tuple[str, str]] = []
    for word, tag in words:
        if joined:
            previous, previous_tag = joined[-1]
            if (len(previous) >= 2 and len(word) >= 2 and len(previous) + len(word) <= 4
                    and all(map(is_cjk_char, previous + word)) and previous + word in dictionary):
                joined[-1] = (previous + word, "n" if previous_tag.startswith("n") or tag.startswith("n") else tag)
                continue  # 社交 + 媒体 → 社交媒体: a compound the dictionary knows
            # 三 个 | 人 and 每 个 | 人, not 三 | 个人 (but 多方 共赢); 都 | 会 (all will), not 都会 (a city)
            if (len(previous) == 1 and len(word) == 1 and is_cjk_char(previous) and is_cjk_char(word)
                    and previous not in _NO_JOIN and word not in _NO_JOIN
                    and not (len(joined) > 1 and (joined[-2][1] == "m" or joined[-2][0][-1:] in COUNTING)
                             and _is_measure_word(previous, dictionary))
                    and _likelier_together(previous, word, previous + word in dictionary)):
                joined[-1] = (previous + word, previous_tag if previous_tag == tag else "")
                continue
        joined.append((word, tag))
    return joined
