"""English words: tokens with their places in the sentence, lemmas, and function words.

Used to match CC-CEDICT glosses against the article's own English, both for sentence
alignment and for finding the English words a Chinese word translates.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .spelling import american_spelling

_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’\-][A-Za-z0-9\u00c0-\u024f]+)*")
_GLOSS_NOISE = re.compile(r"\([^)]*\)|\[[^\]]*\]|\S*\|\S*|[A-Z]L:.*|\b(?:fig|lit|esp|usu|abbr)\.")


@dataclass(frozen=True, slots=True)  # sentence caches hold thousands
class EnglishWord:
    """A word of an English sentence: its text, lemma and character span.

    ``lemmas`` holds every dictionary form the word may have (rose → rose, rise), its
    American spelling (centre → center) and American synonym (rubbish → garbage), so that
    CC-CEDICT's glosses find it.
    """

    text: str
    lemma: str
    start: int
    end: int
    content: bool

    @property
    def lemmas(self) -> frozenset[str]:
        return lemmas(self.text)  # cached per word; only counterpart finding needs it


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    text = resources.files("flashcards").joinpath("data/english_function_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


LEMMAS_FORMAT = 1


@lru_cache(maxsize=1)
def _lemma_table():
    """simplemma's lemma of every word its English dictionary, wordfreq's English list (names
    too) or a CC-CEDICT gloss holds.

    simplemma reads its whole English dictionary (0.2 s, 30 MB) before its first answer; the
    answers for every word we are likely to be asked about are worked out once, on first use
    (about two seconds), into an on-disk table.
    """
    from .. import cache
    from .. import dictionary as cedict

    source = cache.package_file("simplemma", "strategies/dictionaries/data/en.plzma")
    listed = cache.package_file("wordfreq", "data/large_en.msgpack.gz")
    glosses = cedict.data_file()

    def rows():
        import gzip

        from simplemma import lemmatize
        from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY
        from wordfreq import get_frequency_dict

        known = {word for word in DEFAULT_DICTIONARY_FACTORY.get_dictionary("en") if word.islower() and word.isalpha()}
        known.update(word for word in get_frequency_dict("en", "best") if word.islower() and word.isalpha())
        with gzip.open(glosses, "rt", encoding="utf-8") as handle:
            for line in handle:
                senses = line.partition("/")[2]
                known.update(w for w in (m.group(0).lower() for m in _WORD.finditer(senses)) if w.isalpha())
        return ((word, lemmatize(word, lang="en").lower()) for word in sorted(known))

    return cache.table("simplemma-lemmas", LEMMAS_FORMAT, [source, listed, glosses], rows)


@lru_cache(maxsize=100_000)
def lemma(word: str) -> str:
    """The dictionary form of an English word, lowercased (livelihoods → livelihood), by simplemma.

    A word in none of the lists :func:`_lemma_table` covers (a rare name, a typo) is its own
    lemma: no gloss or function word can be made of it, and asking simplemma would cost every
    process that meets one 0.2 s.
    """
    lower = word.lower().replace("’", "'")
    if not lower.isalpha():
        return lower
    return _lemma_table().get(lower) or lower


@lru_cache(maxsize=1)
def _american() -> dict[str, frozenset[str]]:
    text = resources.files("flashcards").joinpath("data/british_american.txt").read_text("utf-8")
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            british, american = line.split()
            table.setdefault(british, set()).add(american)
    return {word: frozenset(found) for word, found in table.items()}


_DERIVATIONS = (("ibility", "ible"), ("ability", "able"), ("iness", "y"), ("ness", ""), ("iety", "ious"),
                ("ity", "e"))


# A noun made of a verb or an adjective (observation, commercialization, development,
# anxiety): its base, when lemminflect knows the base as one (observe, commercialize).
_NOUN_ENDINGS = (("ization", ("ize",)), ("isation", ("ise", "ize")), ("ation", ("ate", "e", "")), ("ition", ("e", "")),
                 ("tion", ("te", "e")), ("sion", ("de", "se", "d")), ("ment", ("",)), ("ance", ("", "e")),
                 ("ence", ("", "e")), ("iety", ("ious",)))


@lru_cache(maxsize=100_000)
def _verb_of(noun: str) -> str | None:
    from .lexicon import load_lexicon

    for ending, bases in _NOUN_ENDINGS:
        if noun.endswith(ending) and len(noun) - len(ending) >= 3:  # anxiety: anx + ious
            for base in bases:
                stem = noun[: -len(ending)] + base
                kinds = load_lexicon().lemma_table(stem)
                if "VERB" in kinds or "ADJ" in kinds:
                    return stem
    return None


@lru_cache(maxsize=100_000)
def lemmas(word: str) -> frozenset[str]:
    """Every dictionary form an English word may have, lowercased, with American variants."""
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s") and len(lower) > 3:  # Hollywood's is Hollywood's own
        return frozenset({lower} | lemmas(lower[:-2]))
    found = {lower, lemma(word)}
    if lower.isalpha():
        from .lexicon import load_lexicon  # lemminflect's table, read without importing it

        for forms in load_lexicon().lemma_table(lower).values():
            found.update(forms)
    for ending, replacement in _DERIVATIONS:  # flexibility → flexible, happiness → happy
        if lower.endswith(ending) and len(lower) > len(ending) + 3:
            found.add(lower[: -len(ending)] + replacement)
    found.update(_verb_of(form) for form in list(found) if _verb_of(form))
    if len(lower) > 5 and lower.endswith("ly"):  # gently → gentle, quickly → quick, happily → happy
        found.update({lower[:-2], lower[:-1] + "e" if lower.endswith("bly") or lower.endswith("tly") else lower[:-2],
                      lower[:-3] + "y" if lower.endswith("ily") else lower[:-2], lower[:-2] + "le"})
    for form in list(found):
        found.add(american_spelling(form))
        found.update(_american().get(form, ()))
    return frozenset(found)


def word_spans(sentence: str) -> Iterator[tuple[str, int, int]]:
    """Each word of an English sentence with its start and end: :func:`words` without lemmas."""
    return ((match.group(0), match.start(), match.end()) for match in _WORD.finditer(sentence))


@lru_cache(maxsize=256)
def words(sentence: str) -> tuple[EnglishWord, ...]:
    """The words of an English sentence, with lemmas and spans (cached: a sentence gives many
    vocabulary items their counterparts)."""
    stop = function_words()
    out = []
    for match in _WORD.finditer(sentence):
        text = match.group(0)
        base = lemma(text)
        out.append(EnglishWord(text, base, match.start(), match.end(), content=_content(text, base, stop)))
    return tuple(out)


def _content(text: str, base: str, stop: frozenset[str]) -> bool:
    """Whether a word carries content: neither it nor its lemma is a function word."""
    return base not in stop and text.lower() not in stop


def content_lemmas(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas of a sentence's content words, and its capitalised words lowercased.

    What :func:`words` says about them, without its spans: alignment asks this of every sentence.
    """
    stop = function_words()
    lemmas, capitalised = set(), set()
    for match in _WORD.finditer(sentence):
        text = match.group(0)
        base = lemma(text)
        if _content(text, base, stop):
            lemmas.add(base)
        if text[:1].isupper():
            capitalised.add(text.lower())
    return frozenset(lemmas), frozenset(capitalised)


def gloss_words(sense: str) -> tuple[tuple[str, bool], ...]:
    """Each word of a dictionary sense, lowercased, with whether it carries content.

    "to slow down (of a car)" → (("to", False), ("slow", True), ("down", False)): the
    parenthesised note and cross references are left out.
    """
    sense = _GLOSS_NOISE.sub(" ", sense)
    stop = function_words()
    return tuple((match.group(0).lower(), _content(match.group(0), lemma(match.group(0)), stop))
                 for match in _WORD.finditer(sense))


@lru_cache(maxsize=200_000)
def gloss_lemmas(sense: str) -> tuple[str, ...]:
    """Content lemmas of one dictionary sense: "intellectual property rights (law)" → (intellectual, property, right)."""
    sense = _GLOSS_NOISE.sub(" ", sense)
    stop = function_words()
    return tuple(lemma(match.group(0)) for match in _WORD.finditer(sense)
                 if _content(match.group(0), lemma(match.group(0)), stop))
