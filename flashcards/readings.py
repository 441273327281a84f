"""Give each segmented word its reading and dictionary entries.

In order of trust:

1. A dictionary word with one reading takes CC-CEDICT's, so neutral tones are the
   dictionary's (朋友 péngyou, 知识 zhīshi) and 一 and 不 keep their citation tones.
2. A word or character with several readings (行 háng/xíng, 长 cháng/zhǎng, 还 hái/huán) is
   decided by the context model (:mod:`flashcards.polyphones`, run over every sentence of the
   article in one batch), restricted to the readings the dictionary allows.
3. A word the dictionary lacks (a name, a new compound) is read as the dictionary words it is
   made of; a character the dictionary lacks takes pypinyin's reading. Names are capitalised.

pypinyin, given the sentence already segmented, is the fallback wherever the model is silent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .models import DictionaryEntry, Reading, Token
from .pinyin import normalise_syllable
from .pypinyin_data import phrase_reading
from .rules import reading_by_rule, surname_before_title
from .names import NAMED
from .segment import NAME_DOTS, NAME_TAGS, TITLE, is_name, split_known, surnames
from .text import CJK_CHAR

PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
CLEARLY = 1.0  # nats: how much surer of another reading the model must be to overrule a prior
_SECONDARY = ("variant of", "old variant of", "Japanese variant", "archaic variant", "used in ",
              "erhua variant", "see ", "(archaic)", "(old)", "(literary)")


def is_all_chinese(word: str) -> bool:
    return bool(word) and all(CJK_CHAR.fullmatch(char) for char in word)


@dataclass
class _Piece:
    """A dictionary word (or single character) inside a token, and the readings it may have."""

    text: str
    offset: int  # in the sentence
    candidates: tuple[tuple[str, ...], ...]
    reading: tuple[str, ...] | None = None
    prior: tuple[str, ...] | None = None  # the reading to keep unless context clearly says otherwise


def annotate(words: Sequence[tuple[str, str]], dictionary, context: bool = True) -> list[Token]:
    """Tokens with readings for one sentence segmented into (word, part of speech) pairs."""
    return annotate_all([words], dictionary, context)[0]


SENTENCES_PER_BATCH = 2000  # read together; keeps memory flat on a book


def annotate_all(sentences: Sequence[Sequence[tuple[str, str]]], dictionary, context: bool = True,
                 english: Sequence[str] | None = None) -> list[list[Token]]:
    """Tokens with readings for many segmented sentences; the context model runs over them in batches.

    ``english``: each sentence's English, where a word's readings mean different things
    (看好 kànhǎo "to think well of", kānhǎo "to look after"): the reading whose senses the
    translation has wins.

    Equal tokens (the same word, part of speech and reading) are one object, so a book's
    hundred thousand tokens cost memory by the distinct word, not by the occurrence.
    """
    made: dict[tuple, Token] = {}
    out: list[list[Token]] = []
    for start in range(0, len(sentences), SENTENCES_PER_BATCH):
        batch = sentences[start:start + SENTENCES_PER_BATCH]
        plans = [_plan(words, dictionary) for words in batch]
        if english is not None:
            for words, plan, translation in zip(batch, plans, english[start:start + SENTENCES_PER_BATCH]):
                _decide_by_translation(words, plan, translation, dictionary)
        if context:
            _decide_with_context(batch, plans)
        _decide_with_pypinyin(batch, plans)
        for words, plan in zip(batch, plans):
            tokens = []
            for (word, tag), pieces in zip(words, plan):
                syllables = None if pieces is None else tuple(s for piece in pieces for s in piece.reading)
                token = made.get((word, tag, syllables))
                if token is None:
                    token = made[(word, tag, syllables)] = _token(word, tag, syllables, dictionary)
                tokens.append(token)
            out.append(tokens)
    return out


def _decide_by_translation(words: Sequence[tuple[str, str]], plan: list[list[_Piece] | None], english: str,
                           dictionary) -> None:
    """Read a word of several readings as the one whose senses the English translation has,
    when exactly one has them (看好 kàn with "optimistic"? no: "to regard as having good
    prospects" needs its words; with "look after the shop", kān)."""
    if not english:
        return
    from .meanings import find_counterpart, gloss_for

    for (word, tag), pieces in zip(words, plan):
        if not pieces or len(pieces) != 1 or pieces[0].text != word or len(word) < 2 or word not in dictionary:
            continue
        entries = dictionary.lookup(word)
        readings = candidate_readings(entries, len(word), is_name(word, tag))
        if len(readings) < 2:
            continue
        found = [reading for reading in readings
                 if find_counterpart(gloss_for(Reading(reading), entries).senses, english) is not None]
        if len(found) == 1:
            pieces[0].candidates, pieces[0].reading = (found[0],), found[0]


def _token(word: str, tag: str, syllables: tuple[str, ...] | None, dictionary) -> Token:
    if syllables is None:
        return Token(word, tag)
    if tag in (NAMED, TITLE):  # a name the English spells (海螺 Hailuo), not the dictionary's sea snail; a title
        return Token(word, tag, Reading(capitalise_name(word, syllables, person=False)))
    if is_name(word, tag) and word not in dictionary:
        syllables = capitalise_name(word, syllables, person=tag in PERSON_TAGS)
    return Token(word, tag, Reading(syllables), dictionary.lookup(word))


@dataclass(frozen=True)
class _Part:
    """How a dictionary word (or character) inside a word is read, as far as the word alone says.

    ``title_candidates``: the readings if the part is a surname before a title (王先生), which
    only the sentence can tell; ``by_rule``: whether the sentence's everyday rules decide it.
    """

    text: str
    candidates: tuple[tuple[str, ...], ...]
    prior: tuple[str, ...] | None
    title_candidates: tuple[tuple[str, ...], ...] | None
    by_rule: bool


@lru_cache(maxsize=32_768)
def _parts(word: str, tag: str, dictionary) -> tuple[_Part, ...] | None:
    """A word's parts and their readings before context: worked out once per distinct word."""
    dots = [char for char in word if char in NAME_DOTS]
    if dots and tag in NAME_TAGS and len(set(dots)) == 1:
        # 乔纳森·王: each name read on its own, the dot kept as a syllable of its own
        pieces = word.split(dots[0])
        found = [_parts(piece, tag, dictionary) if piece else None for piece in pieces]
        if all(found):
            dot = _Part(dots[0], ((dots[0],),), None, None, False)
            return tuple(part for index, parts in enumerate(found) for part in ((dot,) if index else ()) + parts)
    if not is_all_chinese(word):
        return None
    if len(word) > 1 and word not in dictionary and (phrase := phrase_reading(word)):
        # a word CC-CEDICT lacks that pypinyin knows whole: its reading beats one put together
        # from its characters (黄陂 Huángpí, not Huángbēi)
        return (_Part(word, (phrase,), None, None, False),)
    texts = [word] if word in dictionary or len(word) == 1 else split_known(word, dictionary)
    parts = []
    for index, part in enumerate(texts):
        entries = dictionary.lookup(part)
        candidates = candidate_readings(entries, len(part), part == word and is_name(word, tag))
        prior, by_rule, title_candidates = None, False, None
        if index == 0 and part in surnames():
            title_candidates = tuple(_capitalised(c) for c in surname_readings(entries)) or candidates
        if index == 0 and part in surnames() and tag in PERSON_TAGS and len(word) > 1:
            # jieba's guess that this is a person may be wrong (任武钢: 任 "to hold a post"
            # + 武钢): the surname reading stands unless context clearly says otherwise.
            readings = surname_readings(entries)
            prior = readings[0] if readings and readings[0] in candidates else None
        elif len(candidates) > 1 and len(word) == 1:
            by_rule = True
        elif len(candidates) > 1 and len(part) > 1 and not any(c[0][:1].isupper() for c in candidates):
            # the general reading stands unless the sentence clearly says otherwise (知识分子
            # fènzǐ, 水分子 fēnzǐ); with no general one (看好 kàn/kān), the sentence decides
            prior = most_used(entries, candidates, ties=False)  # (a name among them: context decides)
        parts.append(_Part(part, candidates, prior, title_candidates, by_rule))
    return tuple(parts)


def _plan(words: Sequence[tuple[str, str]], dictionary) -> list[list[_Piece] | None]:
    plan: list[list[_Piece] | None] = []
    offset = 0
    for position, (word, tag) in enumerate(words):
        parts = _parts(word, tag, dictionary)
        if parts is None:
            plan.append(None)
        else:
            pieces = []
            at = offset
            for part in parts:
                candidates, prior = part.candidates, part.prior
                if part.title_candidates is not None and surname_before_title(words, position):
                    candidates, prior = part.title_candidates, None
                elif part.by_rule:
                    ruled = reading_by_rule(words, position)
                    if ruled and (ruled,) in candidates:
                        candidates = ((ruled,),)
                pieces.append(_Piece(part.text, at, candidates, candidates[0] if len(candidates) == 1 else None, prior))
                at += len(part.text)
            plan.append(pieces)
        offset += len(word)
    return plan


@lru_cache(maxsize=32_768)
def candidate_readings(entries: Sequence[DictionaryEntry], length: int, name: bool) -> tuple[tuple[str, ...], ...]:
    """The distinct readings the dictionary gives a word, most plausible kinds first.

    A common word's readings come before a name's (长 zhǎng before the surname Zhǎng), unless
    the word is a name; readings found only in variant or archaic senses are dropped when
    there are others.
    """
    readings: list[tuple[tuple[str, ...], bool]] = []
    for entry in entries:
        syllables = tuple(normalise_syllable(s) for s in entry.pinyin.split())
        if len(syllables) != length:
            continue
        secondary = all(sense.startswith(_SECONDARY) or sense.startswith("surname ") for sense in entry.senses)
        readings.append((syllables, secondary))
    if not readings:
        return ()
    if length == 1 and not name:
        # A character alone may be a surname as often as a word (贾 Jiǎ / gǔ), and its rarer
        # readings hide in "variant of" senses (粘 nián): let context decide among them all.
        readings = [((syllables[0].lower(),), False) for syllables, _secondary in readings]
    proper = [r for r in readings if r[0][0][:1].isupper()]
    common = [r for r in readings if not r[0][0][:1].isupper()]
    # Both kinds stay candidates (明朝 Míngcháo the dynasty, míngzhāo tomorrow morning); the
    # preferred kind comes first and wins a tie.
    preferred = proper + common if name else common + proper
    primary = [r for r, secondary in preferred if not secondary] or [r for r, _ in preferred]
    distinct: list[tuple[str, ...]] = []
    for reading in primary:
        if reading not in distinct:
            distinct.append(reading)
    return tuple(distinct)  # cached, so never to be changed in place


def most_used(entries: Sequence[DictionaryEntry], candidates: Sequence[tuple[str, ...]],
              ties: bool = True) -> tuple[str, ...] | None:
    """Of a word's readings, the one CC-CEDICT gives the most senses (a tie goes to the first;
    with ``ties`` false, there is none).

    A word with two readings nearly always has a general one and a narrow one: 东西 dōngxi
    "thing" (and dōngxī "east and west"), 地方 dìfang "place" (dìfāng "local"), 大夫 dàifu
    "doctor" (dàfū "senior official"). The context model learned from encyclopaedia text and
    full tones, so it favours the narrow reading; the general one is the better default.
    """
    def senses(candidate: tuple[str, ...]) -> int:
        return sum(len(sense.split(";")) for entry in entries for sense in entry.senses
                   if tuple(normalise_syllable(s).lower() for s in entry.pinyin.split())
                   == tuple(s.lower() for s in candidate))  # "to tell; to inform" counts as two

    counts = [senses(c) for c in candidates]
    if not ties and counts.count(max(counts)) > 1:
        return None  # no reading is the general one
    return max(candidates, key=lambda c: (counts[candidates.index(c)], -candidates.index(c)))


def _capitalised(reading: tuple[str, ...]) -> tuple[str, ...]:
    return (reading[0][:1].upper() + reading[0][1:],) + reading[1:]


def surname_readings(entries: Sequence[DictionaryEntry]) -> list[tuple[str, ...]]:
    """The readings a character has as a surname (单 Shàn, 曾 Zēng), lowercased."""
    found = []
    for entry in entries:
        if any(sense.startswith("surname ") for sense in entry.senses):
            reading = tuple(normalise_syllable(s).lower() for s in entry.pinyin.split())
            if reading not in found:
                found.append(reading)
    return found


def forget_words() -> None:
    """Forget each word's parts and candidate readings: the text is read."""
    _parts.cache_clear()
    candidate_readings.cache_clear()


@lru_cache(maxsize=10_000)
def _model_syllable(syllable: str) -> str:
    return syllable.lower().replace("ü", "u:")


def _decide_with_context(sentences, plans) -> None:
    """Let the context model choose among the readings of every undecided piece."""
    texts, positions, options, owners = [], [], [], []
    for words, plan in zip(sentences, plans):
        wanted: dict[int, set[str]] = {}
        undecided = []
        for pieces in plan:
            for piece in pieces or ():
                if piece.reading is None and len(piece.candidates) > 1:
                    undecided.append(piece)
                    for k in range(len(piece.text)):
                        wanted.setdefault(piece.offset + k, set()).update(
                            _model_syllable(c[k]) for c in piece.candidates)
        if undecided:
            texts.append("".join(word for word, _ in words))
            positions.append(sorted(wanted))
            options.append([sorted(wanted[p]) for p in sorted(wanted)])
            owners.append(undecided)
    if not texts:
        return
    from . import polyphones

    try:
        context = polyphones.model()
    except (RuntimeError, OSError):
        return  # without the model, pypinyin decides
    scores = context.scores(texts, positions, options)
    for sentence_positions, sentence_scores, undecided in zip(positions, scores, owners):
        by_position = dict(zip(sentence_positions, sentence_scores))
        for piece in undecided:
            ranked: list[tuple[float, tuple[str, ...]]] = []
            for candidate in piece.candidates:
                total = 0.0
                for k, syllable in enumerate(candidate):
                    score = by_position.get(piece.offset + k, {}).get(_model_syllable(syllable))
                    if score is None:
                        break
                    total += score
                else:
                    ranked.append((total, candidate))
            ranked.sort(key=lambda r: -r[0])  # stable: the preferred kind wins a tie
            if piece.prior is not None:
                prior_score = next((score for score, candidate in ranked if candidate == piece.prior), None)
                clearly_other = prior_score is not None and ranked[0][0] - prior_score > CLEARLY
                piece.reading = ranked[0][1] if clearly_other else piece.prior
            elif len(ranked) == len(piece.candidates):
                piece.reading = ranked[0][1]
            else:  # the model knows some readings only: trust it only if it has one for this word
                usual = context.usual_reading(piece.text)
                if usual is not None and usual in piece.candidates:
                    piece.reading = usual


def _decide_with_pypinyin(sentences, plans) -> None:
    """Whatever is still undecided: pypinyin's reading of the piece, matched to the dictionary."""
    from .pypinyin_data import guess

    for plan in plans:
        for pieces in plan:
            for piece in pieces or ():
                if piece.reading is None:
                    guessed = guess(piece.text)
                    piece.reading = closest(piece.candidates, guessed) if piece.candidates else guessed


def closest(candidates: Sequence[tuple[str, ...]], guess: tuple[str, ...]) -> tuple[str, ...]:
    """The candidate that agrees best with pypinyin's guess (the first on a tie)."""
    return max(candidates, key=lambda c: (sum(_agreement(a, b) for a, b in zip(c, guess)), -candidates.index(c)))


def _agreement(dictionary: str, guess: str) -> float:
    if dictionary[:-1].lower() != guess[:-1].lower():
        return 0.0
    if dictionary[-1] == guess[-1]:
        return 2.0
    return 1.8 if "5" in (dictionary[-1], guess[-1]) else 1.0


def capitalise_name(word: str, syllables: tuple[str, ...], person: bool) -> tuple[str, ...]:
    """Capitalise a name: a person's surname and given name each (Wú Ēndá), a place as one word."""
    if not syllables:
        return syllables
    parts = [s.lower() for s in syllables]
    parts[0] = parts[0][:1].upper() + parts[0][1:]
    if NAME_DOTS.intersection(parts):  # 乔纳森·王: Qiáonàsēn·Wáng, each name capitalised
        return tuple(p[:1].upper() + p[1:] if i == 0 or parts[i - 1] in NAME_DOTS else p for i, p in enumerate(parts))
    if person and 2 <= len(word) <= 4:
        given = 2 if len(word) > 2 and word[:2] in surnames() else 1
        parts[given] = parts[given][:1].upper() + parts[given][1:]
    return tuple(parts)
