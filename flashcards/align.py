"""Align the English and Chinese sentences of a paragraph pair, or of a whole book in two files.

Dynamic programming over beads (1-1, 2-1, 1-2, 2-2, 3-1, 1-3, 4-1, 1-4, 5-1, 6-1, 3-2, 2-3, 1-0,
0-1), as Gale and Church did, in passes as Moore's aligner does:

1. anchors: Chinese and English sentences that share rare evidence (CC-CEDICT glosses, numbers,
   names written in pinyin) with one sentence of the other side far more than with any other,
   chained in order. They draw the line the first search follows, and the ratio of Chinese to
   English characters is measured along them, region by region in a long book;
2. a banded search along the anchors with every bead kind;
3. what its path shows is learned: word translations (IBM Model 1, a few rounds of EM seeded by
   CC-CEDICT: a book teaches its own names), how often each bead kind occurs, how far lengths
   stray, how much of a sentence the dictionary finds in its translation, and whether both sides
   of a bead end (and start) a quotation together; the text is searched again near the path,
   twice. A long book learns from a sample of stretches between anchors and is searched once.

Every cost is a negative log-probability: the kind of bead, the length (Gaussian, Gale and Church's
δ² / 2), the quotations, and the words: the log-likelihood ratio of the bead's shared words coming
from translation rather than chance (see :class:`_Evidence`).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import english, numbers

Bead = tuple[tuple[int, ...], tuple[int, ...]]

# The bead kinds the search tries, (English sentences, Chinese sentences), with their prior
# probabilities before the text's own are counted (from its first path): Gale and Church's for 1-1,
# 2-1, 1-2, 2-2, 1-0 and 0-1, made room in for the merges of three to six English sentences
# literary translators make (1-0 and 0-1 stay rare: a sentence is far more often merged than dropped).
PRIOR = {
    (1, 1): 0.80, (1, 0): 0.006, (0, 1): 0.006, (2, 1): 0.08, (1, 2): 0.05, (2, 2): 0.01,
    (3, 1): 0.025, (1, 3): 0.01, (4, 1): 0.008, (1, 4): 0.003, (5, 1): 0.003, (6, 1): 0.001,
    (3, 2): 0.005, (2, 3): 0.003,
}
KINDS = tuple(PRIOR)
WIDEST = max(max(kind) for kind in KINDS)
PRIOR_WEIGHT = 50  # pseudo-beads of PRIOR added to the beads counted in the first search
CHARS_PER_ENGLISH_CHAR = 0.39  # Chinese characters per English letter or mark (spaces left out) in our gold sets
RATIO_WEIGHT = 200  # English characters' worth of trust in that ratio before the text's own
LENGTH_VARIANCE = 1.5  # Chinese characters² per expected character, before the text's own is measured
WORD_EVIDENCE = 1.0  # the word evidence is a log-likelihood ratio, as the other costs are log-probabilities
OMITTED_PER_CHAR = 1 / 40  # a sentence left without a counterpart: cost per character
TOO_FAR = 8.0  # a bead whose length is four standard deviations off (δ² / 2 > 8) is not tried

BAND = 8  # sentences either side of the anchors' line: a paragraph pair, and any local drift
LONGEST_BAND = 40  # where anchors are far apart in a long book
SECOND_BAND = 6  # the second search: either side of the first path
THIRD_BAND = 3  # and the third, either side of the second's
ROUNDS = 3  # searches after the first, each with what the one before it showed
REGION = 20_000  # English characters: the length ratio is measured over a stretch this long
MODEL1_BEADS = 1_000  # the learning reads at most this many beads, spread over the text
MODEL1_ROUNDS = 4
LEARNED_SHARE = 0.2  # of a word's links, and of an English item's, from which a learned pair counts
LEARNED_COUNT = 2.0  # and expected times seen

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*")
_NAME = re.compile(r"[A-Z][a-z]+(?:['’\-](?!s\b)[A-Za-z][a-z]*)*")  # Bao-yu, O'Neill; not Ruishan's
_SPACE = re.compile(r"\s")
# Speech is quoted on both sides: a sentence with a quotation shares it with its translation (a
# quotation mark not inside a word, so that it's and boys' are none)
QUOTE = "“"
_EN_QUOTE = re.compile(r"(?:^|(?<=[\s(—–-]))['‘\"“](?=\S)|(?<=[\w.,!?…—-])['’\"”](?=[\s—–-]|$)")
_ZH_QUOTE = re.compile(r"[“”「」『』\"]")


@dataclass(frozen=True)
class EnglishFeatures:
    length: int
    lemmas: frozenset[str]
    tokens: frozenset[str]  # numbers, Latin words lowercased, names without hyphens


@dataclass(frozen=True)
class ChineseFeatures:
    length: int
    words: tuple[str, ...]  # the words of two or more characters that have glosses (or are learned)
    tokens: frozenset[str]  # numbers, Latin words, the pinyin of names


def english_features(sentence: str) -> EnglishFeatures:
    lemmas, capitalised = english.content_lemmas(sentence)
    stop = english.function_words()
    capitalised = frozenset(word for word in capitalised if word not in stop)
    names = {_plain(name) for name in _NAME.findall(sentence)} - stop
    if _EN_QUOTE.search(sentence):
        lemmas = lemmas | {QUOTE}
    return EnglishFeatures(length=len(_SPACE.sub("", sentence)), lemmas=frozenset(lemmas),
                           tokens=frozenset(numbers.in_english(sentence)) | capitalised | names)


def _plain(name: str) -> str:
    return re.sub(r"['’\-]", "", name).lower()


def chinese_features(sentence: str, words: Sequence[tuple[str, str]], dictionary) -> ChineseFeatures:
    """Length, the words of two or more characters with glosses (a single character's many senses
    match anything), numbers, Latin names and the pinyin a name would be written in."""
    tokens = set(numbers.in_chinese(sentence)) | {_plain(t) for t in _LATIN.findall(sentence)}
    for word, _ in words:
        if 2 <= len(word) <= 4 and _is_han(word):
            tokens.update(_pinyin_names(word))
    quoted = (QUOTE,) if _ZH_QUOTE.search(sentence) else ()
    return ChineseFeatures(
        length=len(_SPACE.sub("", sentence)),
        words=tuple(word for word, _ in words
                    if len(word) > 1 and _is_han(word) and _glosses(word, dictionary)) + quoted,
        tokens=frozenset(tokens),
    )


def _is_han(word: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" for char in word)


@lru_cache(maxsize=65_536)
def _pinyin_names(word: str) -> tuple[str, ...]:
    """How a name would be romanised: 宝玉 baoyu; 陈清扬 chenqingyang, chen, qingyang (by
    CC-CEDICT's readings: pypinyin's phrase tables cost a small build a seventh of a second)."""
    from . import dictionary as cedict
    from .names import plain_pinyin, readings_of

    dictionary = cedict.load()
    entries = dictionary.lookup(word)  # the word's own reading, else each character's first
    syllables = ([plain_pinyin(s) for s in entries[0].pinyin.split()] if entries else
                 [(readings_of(char, dictionary) or ("",))[0] for char in word])
    if len(syllables) != len(word) or not all(syllables):
        return ()
    names = ["".join(syllables)]
    if len(syllables) == 3:  # a surname and a given name, written apart
        names += [syllables[0], syllables[1] + syllables[2]]
    return tuple(names)


def _glosses(word: str, dictionary) -> frozenset[str]:
    return _glosses_cached(word, dictionary)


# senses that say what a word is, not what it means (surname Na, used in 便宜, Kangxi radical 1)
_NOT_A_MEANING = re.compile(r"^(?:surname |used in |(?:\S+ )?radical|Kangxi|classifier for|also pr\.|abbr\. for|see |"
                            r"\([^)]*(?:particle|marker)[^)]*\)$)", re.IGNORECASE)
# a variant's meaning is its standard form's: variant of 摔跤[shuai1 jiao1], old variant of 瞭|了[liao3]
_VARIANT = re.compile(r"variant of (?:[^|\[\s]+\|)?([^|\[\s]+)", re.IGNORECASE)


@lru_cache(maxsize=16_384)
def _glosses_cached(word: str, dictionary, follow: bool = True) -> frozenset[str]:
    lemmas: set[str] = set()
    for entry in dictionary.lookup(word):
        for sense in entry.senses:
            variant = _VARIANT.search(sense)
            if variant:
                if follow and variant.group(1) != word:
                    lemmas.update(_glosses_cached(variant.group(1), dictionary, False))
            elif not _NOT_A_MEANING.search(sense):
                lemmas.update(lemma for lemma in english.gloss_lemmas(sense) if lemma.isalpha())
    return frozenset(lemmas)


def forget_glosses() -> None:
    """Forget the words' glosses: the text is aligned."""
    _glosses_cached.cache_clear()
    _pinyin_names.cache_clear()


class _Evidence:
    """What the two sides of each sentence pair share, as bit masks over each sentence's units
    (its words with glosses, its numbers and names), and what that says about a bead.

    A unit of a bead is matched when the other side has one of its translations. If the bead is
    a translation, that happens with probability p (the translator kept the word and the
    dictionary knows how) or by chance; if not, by chance alone, with probability Q: one minus
    the chance that none of the other side's k sentences has it, from how many sentences of the
    other side do. A bead's evidence is the log-likelihood ratio of the two, summed over its
    units: log((p + (1 - p) Q) / Q) for a matched unit, log(1 - p) for one unmatched. A rare word
    matched says much, a common one little, and a sentence merged in without a counterpart
    costs its unmatched units; a word counts once however many partners translate it.
    """

    def __init__(self, en: Sequence[EnglishFeatures], zh: Sequence[ChineseFeatures],
                 glosses: dict[str, frozenset[str]], kept: tuple[float, float] | None = None):
        n, m = len(en), len(zh)
        self.kept = kept or (KEPT, KEPT)  # p for Chinese units, for English units
        en_df: Counter[str] = Counter()
        for feature in en:
            en_df.update(feature.lemmas | feature.tokens)
        # per Chinese sentence: English item → bits of the units it satisfies; each unit's chance
        self.zh_bits: list[dict[str, int]] = []
        self.zh_chance: list[tuple[float, ...]] = []
        word_chance: dict[str, float] = {}
        for feature in zh:
            bits: dict[str, int] = {}
            chances = []
            for word in dict.fromkeys(feature.words):
                lemmas = glosses.get(word, ())
                for lemma in lemmas:
                    bits[lemma] = bits.get(lemma, 0) | 1 << len(chances)
                chance = word_chance.get(word)
                if chance is None:
                    none = 1.0
                    for lemma in lemmas:  # as if the lemmas came independently
                        none *= 1 - en_df[lemma] / (n + 1)
                    chance = word_chance[word] = 1 - none
                chances.append(chance)
            for token in sorted(feature.tokens):
                bits[token] = bits.get(token, 0) | 1 << len(chances)
                chances.append(en_df[token] / (n + 1))
            self.zh_bits.append(bits)
            self.zh_chance.append(tuple(chances))
        self.zh_keys = [frozenset(bits) for bits in self.zh_bits]
        zh_df: Counter[str] = Counter()
        for keys in self.zh_keys:
            zh_df.update(keys)
        self.en_bits: list[dict[str, int]] = []
        self.en_chance: list[tuple[float, ...]] = []
        self.en_items: list[frozenset[str]] = []
        for feature in en:
            items = sorted(feature.lemmas) + sorted(feature.tokens - feature.lemmas)
            self.en_bits.append({item: 1 << k for k, item in enumerate(items)})
            self.en_chance.append(tuple(zh_df[item] / (m + 1) for item in items))
            self.en_items.append(frozenset(items))
        unmatched_zh, unmatched_en = math.log(1 - self.kept[0]), math.log(1 - self.kept[1])
        # every unit unmatched, summed along each side; and every unit matched (the most a bead can have)
        self.zh_base = _running_totals([len(c) * unmatched_zh for c in self.zh_chance])
        self.en_base = _running_totals([len(c) * unmatched_en for c in self.en_chance])
        self.zh_most = _running_totals([sum(_gains(c, 1, self.kept[0])) for c in self.zh_chance])
        self.en_most = _running_totals([sum(_gains(c, 1, self.kept[1])) for c in self.en_chance])
        self._pairs: dict[int, dict[int, tuple[int, int]]] = {}  # by English sentence
        self.zh_sums: list[dict[tuple[int, int], float]] = [{} for _ in zh]  # (mask, others) → gain
        self.en_sums: list[dict[tuple[int, int], float]] = [{} for _ in en]
        self._zh_gains: list[dict[int, list[float]]] = [{} for _ in zh]  # others → each unit's gain
        self._en_gains: list[dict[int, list[float]]] = [{} for _ in en]

    def pair(self, i: int, j: int) -> tuple[int, int]:
        """(units of Chinese sentence j, units of English sentence i) the other one matches."""
        row = self._pairs.get(i)
        if row is None:
            row = self._pairs[i] = {}
        found = row.get(j)
        if found is None:
            zh_bits, en_bits = self.zh_bits[j], self.en_bits[i]
            zh_mask = en_mask = 0
            for item in self.zh_keys[j] & self.en_items[i]:
                zh_mask |= zh_bits[item]
                en_mask |= en_bits[item]
            found = row[j] = (zh_mask, en_mask)
        return found

    def zh_gain(self, j: int, mask: int, others: int) -> float:
        """What the matched units (mask) of Chinese sentence j add, against ``others`` English sentences."""
        found = self.zh_sums[j].get((mask, others))
        if found is None:
            found = _gain(mask, others, self.zh_chance[j], self.kept[0], self.zh_sums[j], self._zh_gains[j])
        return found

    def en_gain(self, i: int, mask: int, others: int) -> float:
        found = self.en_sums[i].get((mask, others))
        if found is None:
            found = _gain(mask, others, self.en_chance[i], self.kept[1], self.en_sums[i], self._en_gains[i])
        return found

    def bead(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """The log-likelihood ratio of English sentences i0..i1-1 and Chinese j0..j1-1 being a
        translation against their words meeting by chance."""
        total = self.zh_base[j1] - self.zh_base[j0] + self.en_base[i1] - self.en_base[i0]
        en_masks = [0] * (i1 - i0)
        for j in range(j0, j1):
            zh_mask = 0
            for i in range(i0, i1):
                pair_zh, pair_en = self.pair(i, j)
                zh_mask |= pair_zh
                en_masks[i - i0] |= pair_en
            if zh_mask:
                total += self.zh_gain(j, zh_mask, i1 - i0)
        for i, en_mask in enumerate(en_masks, start=i0):
            if en_mask:
                total += self.en_gain(i, en_mask, j1 - j0)
        return total

    def kept_shares(self, path: Sequence[Bead]) -> tuple[float, float]:
        """p for each side, as a path's beads show it: the share of units matched, less what
        chance explains."""
        shares = []
        for side in (0, 1):
            matched = units = chance = 0.0
            for en, zh in path:
                if not en or not zh:
                    continue
                masks: dict[int, int] = {}
                for i in en:
                    for j in zh:
                        pair = self.pair(i, j)
                        key = j if side == 0 else i
                        masks[key] = masks.get(key, 0) | pair[side]
                for key, mask in masks.items():
                    chances = self.zh_chance[key] if side == 0 else self.en_chance[key]
                    others = len(en) if side == 0 else len(zh)
                    units += len(chances)
                    matched += bin(mask).count("1")
                    chance += sum(1 - (1 - q) ** others for q in chances)
            if not units:
                shares.append(KEPT)
                continue
            share, by_chance = matched / units, chance / units
            shares.append(min(0.9, max(0.02, (share - by_chance) / (1 - by_chance))))
        return shares[0], shares[1]

    def forget_before(self, i: int) -> None:
        """Drop the pairs of English sentence i - 1 (the search has passed it)."""
        self._pairs.pop(i - 1, None)


KEPT = 0.25  # p before a first path has measured it


def _gains(chances: Sequence[float], others: int, kept: float) -> list[float]:
    """Per unit, what matching it adds to leaving it unmatched (log(1 - p))."""
    return [_unit_gain(q, others, kept) for q in chances]


@lru_cache(maxsize=65_536)
def _unit_gain(q: float, others: int, kept: float) -> float:
    chance = min(0.999, max(1e-4, 1 - (1 - q) ** others))
    return math.log((kept + (1 - kept) * chance) / chance) - math.log(1 - kept)


def _gain(mask: int, others: int, chances: Sequence[float], kept: float,
          memo: dict[tuple[int, int], float], gains_by_others: dict[int, list[float]]) -> float:
    """The summed gains of the units in ``mask`` (remembered by mask and ``others``)."""
    gains = gains_by_others.get(others)
    if gains is None:
        gains = gains_by_others[others] = _gains(chances, others, kept)
    found = 0.0
    bits, k = mask, 0
    while bits:
        if bits & 1:
            found += gains[k]
        bits >>= 1
        k += 1
    memo[(mask, others)] = found
    return found


def _running_totals(lengths: Sequence[int]) -> list[int]:
    totals = [0]
    for length in lengths:
        totals.append(totals[-1] + length)
    return totals


def align(en: Sequence[str], zh: Sequence[str], dictionary, band: int | None = None,
          zh_words: Sequence[Sequence[str]] | None = None) -> list[Bead]:
    """Beads covering every sentence of both sides once, in order (monotone).

    :param zh_words: the words of each Chinese sentence, if already segmented: (word, part of
        speech) as :func:`flashcards.segment.segment` gives them, or words alone.
    :param band: how far (in sentences) the first search may stray from the anchors' line
        (default ``BAND``, wider between anchors far apart); time grows with the text times the
        band.
    """
    n, m = len(en), len(zh)
    if n == 0 or m == 0:
        return [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
    en_features = [english_features(s) for s in en]
    if zh_words is None:
        from .segment import segment

        zh_words = [segment(sentence, dictionary) for sentence in zh]
    zh_words = [[word if isinstance(word, tuple) else (word, "") for word in words] for words in zh_words]
    zh_features = [chinese_features(s, words, dictionary) for s, words in zip(zh, zh_words)]
    glosses = {word: _glosses(word, dictionary) for f in zh_features for word in f.words}
    glosses[QUOTE] = frozenset([QUOTE])
    evidence = _Evidence(en_features, zh_features, glosses)
    en_at = _running_totals([f.length for f in en_features])
    zh_at = _running_totals([f.length for f in zh_features])
    anchors = _anchors(evidence, en_at, zh_at)
    lengths = _LengthModel(en_at, zh_at, anchors)
    centre, widths = _anchor_line(anchors, n, m, BAND if band is None else band)
    # a long book is learned from a sample of stretches between anchors, then searched once
    parts = _sample(anchors, n, m) if max(n, m) > LEARN_FROM else []
    if not parts:
        parts = [((0, 0), (n, m))]
    path = _search_parts(parts, centre, widths, evidence, lengths, _costs(PRIOR))
    if n < 2 or m < 2:
        return path
    # what the first search teaches: the text's own words, how much of a sentence is matched
    learned = _learn_words(path, en_features, zh_words, glosses)
    kept = evidence.kept_shares(path)
    merged = glosses
    if learned:
        zh_features = [ChineseFeatures(f.length, tuple(dict.fromkeys(
            f.words + tuple(w for w, _ in words if w in learned))), f.tokens)
            for f, words in zip(zh_features, zh_words)]
        merged = dict(glosses)
        for word, lemmas in learned.items():
            merged[word] = merged.get(word, frozenset()) | lemmas
    evidence = _Evidence(en_features, zh_features, merged, kept)
    whole = parts == [((0, 0), (n, m))]
    for round_ in range(ROUNDS):
        # each search's beads re-estimate the length spread, the kinds' frequencies and what
        # quotations' ends and starts say, for the next
        lengths.measure_variance(path)
        costs = _costs(_prior_from(path))
        ends, starts = _Ends(en, zh, path), _Starts(en, zh, path)
        if whole:  # near the last path
            near = SECOND_BAND if round_ == 0 else THIRD_BAND
            line, line_widths = _path_line(path, n, m, near if band is None else min(band, near))
            path = _search_widening(((0, 0), (n, m)), line, line_widths, evidence, lengths, costs, ends, starts)
        elif round_ < ROUNDS - 1:
            path = _search_parts(parts, centre, widths, evidence, lengths, costs, ends, starts)
        else:  # the whole book, once, along the anchors, with all the sample taught
            path = _search_widening(((0, 0), (n, m)), centre, widths, evidence, lengths, costs, ends, starts)
    return path


LEARN_FROM = 2_000  # sentences: a longer text is learned from a sample this long
SAMPLE_PART = 200  # English sentences in each stretch of the sample


def _sample(anchors: Sequence[tuple[int, int]], n: int, m: int) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Stretches of about ``SAMPLE_PART`` English sentences from anchor to anchor, spread evenly
    over the text, ``LEARN_FROM`` sentences in all; none where anchors are too far apart."""
    points = [(0, 0)] + list(anchors) + [(n, m)]
    starts = [i for i, _ in points]
    parts = []
    count = max(1, LEARN_FROM // SAMPLE_PART)
    previous_end = -1
    for k in range(count):
        at = bisect.bisect_left(starts, k * n // count)
        if at >= len(points) or points[at][0] < previous_end:
            continue
        begin = points[at]
        stop = bisect.bisect_left(starts, begin[0] + SAMPLE_PART, at + 1)
        if stop >= len(points):
            stop = len(points) - 1
        end = points[stop]
        if end[0] - begin[0] > 4 * SAMPLE_PART or end[0] <= begin[0] or end[1] < begin[1]:
            continue
        parts.append((begin, end))
        previous_end = end[0]
    return parts if sum(end[0] - begin[0] for begin, end in parts) >= LEARN_FROM // 2 else []


def _search_parts(parts, centre, widths, evidence, lengths, costs, ends=None, starts=None) -> list[Bead]:
    """The beads of each stretch, one after the other."""
    return [bead for part in parts
            for bead in _search_widening(part, centre, widths, evidence, lengths, costs, ends, starts)]


def _costs(prior: dict[tuple[int, int], float]) -> dict[tuple[int, int], float]:
    return {kind: -math.log(prior[kind]) for kind in KINDS}


def _prior_from(path: Sequence[Bead]) -> dict[tuple[int, int], float]:
    """Bead kinds' frequencies in a first alignment, smoothed by ``PRIOR``."""
    counts = Counter((len(en), len(zh)) for en, zh in path)
    total = sum(counts[kind] for kind in KINDS) + PRIOR_WEIGHT
    return {kind: (counts[kind] + PRIOR_WEIGHT * PRIOR[kind]) / total for kind in KINDS}


# --- anchors and the line they draw ----------------------------------------------------------------

ANCHOR_WINDOW = 0.1  # of the text: how far from the length diagonal an anchor may be sought
ANCHOR_NEAREST = 30  # sentences: the window's least half-width
ANCHOR_MARGIN = 3.0  # an anchor's evidence beats the next candidate's by this much (log-odds: 20 times as likely)
ANCHOR_LEAST = 5.0  # and is at least this much
ANCHOR_CANDIDATES = 4
COMMON = 0.02  # items in more than this share of sentences (and ten) point nowhere in particular


def _anchors(evidence: _Evidence, en_at: Sequence[int], zh_at: Sequence[int]) -> list[tuple[int, int]]:
    """Confident 1-1 pairs, as (English sentences before and including, Chinese likewise): a
    Chinese sentence whose rare items point to one English sentence near the length diagonal
    far more than to any other, and back; the longest chain of them in order."""
    n, m = len(en_at) - 1, len(zh_at) - 1
    where: dict[str, list[int]] = {}
    for i, items in enumerate(evidence.en_items):
        for item in items:
            where.setdefault(item, []).append(i)
    common = max(10, COMMON * n)
    window = max(ANCHOR_NEAREST, ANCHOR_WINDOW * n)
    scale = en_at[n] / zh_at[m] if zh_at[m] else 1.0
    best_for_en: dict[int, tuple[float, int]] = {}
    candidates: list[tuple[int, int, float]] = []
    for j in range(m):
        expected = bisect.bisect_left(en_at, (zh_at[j] + zh_at[j + 1]) / 2 * scale) - 1
        low, high = expected - window, expected + window
        scores: Counter[int] = Counter()
        for item in evidence.zh_keys[j]:
            found = where.get(item)
            if found is None or len(found) > common:
                continue
            for i in found[bisect.bisect_left(found, low):bisect.bisect_right(found, high)]:
                scores[i] += 1
        if not scores:
            continue
        # the few sharing most rare items are weighed in full
        nearest = sorted(scores, key=lambda i: (-scores[i], abs(i - expected), i))[:ANCHOR_CANDIDATES]
        ranked = sorted(((evidence.bead(i, i + 1, j, j + 1), i) for i in nearest), reverse=True)
        score, i = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
        if score >= ANCHOR_LEAST and score - runner_up >= ANCHOR_MARGIN:
            candidates.append((i, j, score))
            if score > best_for_en.get(i, (0.0, -1))[0]:
                best_for_en[i] = (score, j)
    chosen = [(i, j) for i, j, _ in candidates if best_for_en[i][1] == j]
    return [(i + 1, j + 1) for i, j in _increasing_chain(chosen)]


def _increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both (pairs come sorted by j, one per j)."""
    tails: list[int] = []  # tails[k]: the least i ending a chain of k + 1
    tail_at: list[int] = []
    back: list[int] = []
    for index, (i, _j) in enumerate(pairs):
        k = bisect.bisect_left(tails, i)
        if k == len(tails):
            tails.append(i)
            tail_at.append(index)
        else:
            tails[k], tail_at[k] = i, index
        back.append(tail_at[k - 1] if k else -1)
    chain = []
    index = tail_at[-1] if tail_at else -1
    while index >= 0:
        chain.append(pairs[index])
        index = back[index]
    return chain[::-1]


def _anchor_line(anchors: Sequence[tuple[int, int]], n: int, m: int,
                 band: int) -> tuple[list[float], list[int]]:
    """Per row (English sentences done), the Chinese column the search centres on: the straight
    line between the anchors either side; and its half-width, wider where anchors are far apart."""
    points = [(0, 0)] + [point for point in anchors if 0 < point[0] < n and 0 < point[1] < m] + [(n, m)]
    centre, widths = [], []
    for (i0, j0), (i1, j1) in zip(points, points[1:]):
        gap = max(i1 - i0, j1 - j0)
        width = min(LONGEST_BAND, band + gap // 8) if band else 0
        for i in range(i0, i1):
            centre.append(j0 + (j1 - j0) * (i - i0) / (i1 - i0))
            widths.append(max(width, band))
    centre.append(float(m))
    widths.append(band)
    return centre, widths


def _path_line(path: Sequence[Bead], n: int, m: int, band: int) -> tuple[list[float], list[int]]:
    """Per row, the columns a first path reached there and in the rows either side, and ``band``
    more each way: the next search stays near it, and can always take a detour round a bead."""
    reached = [0] * (n + 1)
    i = j = 0
    for en, zh in path:
        j += len(zh)
        for _ in en:
            i += 1
            reached[i] = j
    # a row reaches from where the row before it left off to where the row after it starts
    low = [min(reached[max(0, i - 1)], reached[i]) for i in range(n + 1)]
    high = [reached[min(n, i + 1)] for i in range(n + 1)]
    centre = [(lo + hi) / 2 for lo, hi in zip(low, high)]
    widths = [math.ceil((hi - lo) / 2) + band for lo, hi in zip(low, high)]
    return centre, widths


class _LengthModel:
    """Chinese characters expected per English character, region by region, and how far
    sentence lengths stray from it, measured along 1-1 anchors."""

    def __init__(self, en_at: Sequence[int], zh_at: Sequence[int], anchors: Sequence[tuple[int, int]]):
        n, m = len(en_at) - 1, len(zh_at) - 1
        self.en_at, self.zh_at = en_at, zh_at
        # the text's own ratio, drawn towards ours as much as RATIO_WEIGHT English characters would:
        # a few sentences, one of them left untranslated, say little about it
        overall = (zh_at[m] + CHARS_PER_ENGLISH_CHAR * RATIO_WEIGHT) / (en_at[n] + RATIO_WEIGHT)
        points = [(0, 0)] + [(en_at[i], zh_at[j]) for i, j in anchors] + [(en_at[n], zh_at[m])]
        points = [p for k, p in enumerate(points) if k == 0 or p[0] > points[k - 1][0] and p[1] >= points[k - 1][1]]
        self._x = [x for x, _ in points]
        self._y = [y for _, y in points]
        self._overall = overall
        if en_at[n] <= 2 * REGION or len(points) < 4:
            self._ratio_at = None
        else:  # one ratio per stretch of REGION English characters, from where the anchors put the Chinese
            self._ratio_at = [self._local(start) for start in range(0, en_at[n] + REGION, REGION)]
        self.variance = LENGTH_VARIANCE

    def measure_variance(self, path: Sequence[Bead]) -> None:
        """How far the lengths of a first path's beads stray from the ratio: the median of the
        squared deviations over a squared standard normal's (0.455), robust to the odd wrong bead."""
        en_at, zh_at = self.en_at, self.zh_at
        deviations = []
        for en, zh in path:
            if en and zh:
                expected = (en_at[en[-1] + 1] - en_at[en[0]]) * self.ratio(en_at[en[0]])
                deviations.append((zh_at[zh[-1] + 1] - zh_at[zh[0]] - expected) ** 2 / (expected + 1))
        if len(deviations) >= 20:
            deviations.sort()
            self.variance = max(0.25, deviations[len(deviations) // 2] / 0.455)

    def _zh_at_english(self, x: float) -> float:
        k = bisect.bisect_right(self._x, x)
        if k <= 0:
            return 0.0
        if k >= len(self._x):
            return float(self._y[-1])
        x0, x1, y0, y1 = self._x[k - 1], self._x[k], self._y[k - 1], self._y[k]
        return y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    def _local(self, start: int) -> float:
        low, high = max(0, start - REGION // 2), min(self._x[-1], start + REGION + REGION // 2)
        if high - low < REGION:
            return self._overall
        return max(0.05, (self._zh_at_english(high) - self._zh_at_english(low)) / (high - low))

    def ratio(self, english_position: int) -> float:
        if self._ratio_at is None:
            return self._overall
        return self._ratio_at[min(len(self._ratio_at) - 1, english_position // REGION)]


class _Ends:
    """Whether a bead's last sentences both close a quotation, or neither does: speech ends where
    its translation ends. How much that says is measured on a first path: the log-odds of agreeing
    (or not) there against agreeing by chance."""

    def __init__(self, en: Sequence[str], zh: Sequence[str], path: Sequence[Bead]):
        self.en = [bool(_EN_CLOSES.search(sentence)) for sentence in en]
        self.zh = [bool(_ZH_CLOSES.search(sentence)) for sentence in zh]
        self._measure([(e[-1], z[-1]) for e, z in path if e and z])

    def _measure(self, sentences: Sequence[tuple[int, int]]) -> None:
        """From the (English, Chinese) sentences the path's beads end with (or start with)."""
        en, zh = self.en, self.zh
        agree = sum(en[i] == zh[j] for i, j in sentences)
        p_en, p_zh = sum(en) / len(en), sum(zh) / len(zh)
        chance = p_en * p_zh + (1 - p_en) * (1 - p_zh)
        observed = (agree + 1) / (len(sentences) + 2)
        self.agree = -math.log(observed / chance) if 0 < chance < 1 else 0.0
        self.disagree = -math.log((1 - observed) / (1 - chance)) if 0 < chance < 1 else 0.0

    def cost(self, i: int, j: int) -> float:
        return self.agree if self.en[i] == self.zh[j] else self.disagree


class _Starts(_Ends):
    """Likewise for a bead's first sentences opening speech (“…, or 他说：“…)."""

    def __init__(self, en: Sequence[str], zh: Sequence[str], path: Sequence[Bead]):
        self.en = [bool(_EN_OPENS.match(sentence)) for sentence in en]
        self.zh = [bool(_ZH_OPENS.match(sentence)) for sentence in zh]
        self._measure([(e[0], z[0]) for e, z in path if e and z])


_EN_CLOSES = re.compile(r"""['’"”]\s*$""")
_ZH_CLOSES = re.compile(r"""[”」』"]\s*$""")
_EN_OPENS = re.compile(r"""\s*['‘"“]""")
_ZH_OPENS = re.compile(r"""\s*(?:[“「『"]|[^“”「」。！？]{1,12}[：:]\s*[“「『"])""")


# --- the search -----------------------------------------------------------------------------------

def _search_widening(part: tuple[tuple[int, int], tuple[int, int]], centre: list[float], widths: list[int],
                     evidence: _Evidence, lengths: _LengthModel, costs: dict[tuple[int, int], float],
                     ends: _Ends | None = None, starts: _Ends | None = None) -> list[Bead]:
    path = _search(part, centre, widths, evidence, lengths, costs, ends, starts)
    while path is None:  # the band was too narrow to reach the end (one sentence against dozens)
        widths = [max(2 * width, 1) for width in widths]
        path = _search(part, centre, widths, evidence, lengths, costs, ends, starts)
    return path


def _search(part: tuple[tuple[int, int], tuple[int, int]], centre: Sequence[float], widths: Sequence[int],
            evidence: _Evidence, lengths: _LengthModel, costs: dict[tuple[int, int], float],
            ends: _Ends | None = None, starts: _Ends | None = None) -> list[Bead] | None:
    """The cheapest path of beads from one corner of ``part`` ((i0, j0), (n, m)) to the other,
    within the band.

    A bead of English sentences i0..i-1 and Chinese j0..j-1 costs its kind's cost, plus, when
    both sides have sentences, the length cost (δ² / 2), the quotation ends' and starts' costs,
    less ``WORD_EVIDENCE`` times its word evidence (:meth:`_Evidence.bead`); a sentence left alone
    costs its kind's cost and its length times ``OMITTED_PER_CHAR``. Beads with the same Chinese
    sentences are tried with one English sentence more at a time, so that their evidence is built
    up rather than worked out afresh, and no longer once the English has grown too long for the
    Chinese. Costs are kept for the last few rows only and the choices as one byte per cell, so a
    book of 10,000 sentences needs a few megabytes.
    """
    en_at, zh_at = lengths.en_at, lengths.zh_at
    spread = lengths.variance
    index = {kind: k for k, kind in enumerate(KINDS)}
    by_chinese: dict[int, list[tuple[int, int, float]]] = {}  # Chinese sentences → (English, kind, cost)
    for (di, dj), k in index.items():
        if di and dj:
            by_chinese.setdefault(dj, []).append((di, k, costs[(di, dj)]))
    groups = sorted((dj, sorted(members)) for dj, members in by_chinese.items())
    alone_en, alone_zh = costs[(1, 0)], costs[(0, 1)]
    zh_base, en_base, zh_most, en_most = evidence.zh_base, evidence.en_base, evidence.zh_most, evidence.en_most
    zh_gain, en_gain = evidence.zh_gain, evidence.en_gain
    pair = evidence.pair
    zh_sums, en_sums = evidence.zh_sums, evidence.en_sums
    if ends is not None:
        end_en, end_zh, end_agree, end_disagree = ends.en, ends.zh, ends.agree, ends.disagree
    if starts is not None:
        start_en, start_zh_all, start_agree, start_disagree = starts.en, starts.zh, starts.agree, starts.disagree
    rows: dict[int, dict[int, float]] = {}
    choices: list[tuple[int, bytearray]] = []
    (i0, j0), (n, m) = part
    for i in range(i0, n + 1):
        middle, width = centre[i], widths[i]
        first, last = max(j0, math.floor(middle - width)), min(m, math.ceil(middle + width))
        if i == n:
            first, last = min(first, m), m
        if i == i0:
            first, last = j0, max(last, j0)
        ratio = lengths.ratio(en_at[i])
        row: dict[int, float] = {}
        above = rows.get(i - 1)
        back = [row] + [rows.get(i - di) for di in range(1, WIDEST + 1)]
        chosen = bytearray(b"\xff" * (last - first + 1))
        for j in range(first, last + 1):
            if i == i0 and j == j0:
                row[j] = 0.0
                continue
            best, kind = math.inf, 255
            if above is not None:  # 1-0
                previous = above.get(j)
                if previous is not None:
                    best, kind = previous + alone_en + (en_at[i] - en_at[i - 1]) * ratio * OMITTED_PER_CHAR, 1
            previous = row.get(j - 1)
            if previous is not None:  # 0-1
                cost = previous + alone_zh + (zh_at[j] - zh_at[j - 1]) * OMITTED_PER_CHAR
                if cost < best:
                    best, kind = cost, 2
            if i == i0 or j == j0:
                if kind != 255:
                    row[j] = best
                    chosen[j - first] = kind
                continue
            # every bead ending here with both sides ends with sentences i - 1 and j - 1
            ending = (end_agree if end_en[i - 1] == end_zh[j - 1] else end_disagree) if ends is not None else 0.0
            for dj, members in groups:
                if j - dj < j0:
                    break
                js = j - dj
                chinese = zh_at[j] - zh_at[js]
                zh_unmatched = zh_base[j] - zh_base[js]
                zh_most_here = zh_most[j] - zh_most[js]
                zh_masks = [0] * dj
                en_evidence = 0.0
                grown = 0  # English sentences whose masks are in zh_masks and en_evidence
                start_zh = start_zh_all[js] if starts is not None else False
                for di, k, prior in members:
                    if i - di < i0:
                        break
                    expected = (en_at[i] - en_at[i - di]) * ratio
                    delta = chinese - expected
                    length_cost = delta * delta / (2 * spread * (expected + 1))
                    if length_cost > TOO_FAR:
                        if delta < 0:
                            break  # more English sentences only stray further
                        continue
                    before = back[di]
                    previous = before.get(js) if before is not None else None
                    if previous is None:
                        continue
                    cost = previous + prior + length_cost + ending
                    if starts is not None:
                        cost += start_agree if start_en[i - di] == start_zh else start_disagree
                    unmatched = zh_unmatched + en_base[i] - en_base[i - di]
                    if cost - WORD_EVIDENCE * (unmatched + zh_most_here + en_most[i] - en_most[i - di]) >= best:
                        continue  # not even every unit matched would make up for it
                    while grown < di:
                        grown += 1
                        ii = i - grown
                        en_mask = 0
                        for t in range(dj):
                            zh_part, en_part = pair(ii, js + t)
                            zh_masks[t] |= zh_part
                            en_mask |= en_part
                        if en_mask:
                            memo = en_sums[ii]
                            gain = memo.get((en_mask, dj))
                            en_evidence += en_gain(ii, en_mask, dj) if gain is None else gain
                    found = unmatched + en_evidence
                    for t, mask in enumerate(zh_masks):
                        if mask:
                            memo = zh_sums[js + t]
                            gain = memo.get((mask, di))
                            found += zh_gain(js + t, mask, di) if gain is None else gain
                    cost -= WORD_EVIDENCE * found
                    if cost < best:
                        best, kind = cost, k
            if kind != 255:
                row[j] = best
                chosen[j - first] = kind
        rows[i] = row
        rows.pop(i - WIDEST - 1, None)
        choices.append((first, chosen))
        evidence.forget_before(i - WIDEST)
    if m not in rows[n]:
        return None
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (i0, j0):
        first, chosen = choices[i - i0]
        di, dj = KINDS[chosen[j - first]]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


# --- learning the text's words ----------------------------------------------------------------------

def _learn_words(path: Sequence[Bead], en: Sequence[EnglishFeatures], zh_words: Sequence[Sequence[tuple[str, str]]],
                 glosses: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """English items each Chinese word translates, learned by IBM Model 1 from the path's beads.

    t(Chinese word | English item) starts from CC-CEDICT (a gloss is ten times as likely as any
    other pairing) and is re-estimated a few times; a pair counts when it is likely and seen more
    than once. Chinese words are the segmenter's (single characters too), English items the
    content lemmas, numbers and names.
    """
    beads = [bead for bead in path if bead[0] and bead[1]]
    if len(beads) > MODEL1_BEADS:
        step = len(beads) / MODEL1_BEADS
        beads = [beads[int(k * step)] for k in range(MODEL1_BEADS)]
    import numpy as np

    pair_id: dict[tuple[str, str], int] = {}
    cell_pairs: list[int] = []  # one cell per (Chinese word token, English item) of a bead
    cell_rows: list[int] = []  # the word token each cell belongs to
    rows = 0
    for en_indices, zh_indices in beads:
        items = sorted(set().union(*(en[i].lemmas | en[i].tokens for i in en_indices))) + [""]
        words = [w for j in zh_indices for w, _ in zh_words[j] if _is_han(w)]
        if len(items) == 1 or not words:
            continue
        for w in words:  # "": the empty English item, for words nobody translates
            for e in items:
                cell_pairs.append(pair_id.setdefault((w, e), len(pair_id)))
                cell_rows.append(rows)
            rows += 1
    if rows < 100:
        return {}
    pairs = list(pair_id)
    ids, token = np.array(cell_pairs, dtype=np.int32), np.array(cell_rows, dtype=np.int32)
    del cell_pairs, cell_rows
    english_ids: dict[str, int] = {}
    english_of = np.array([english_ids.setdefault(e, len(english_ids)) for _, e in pairs])
    t = np.array([10.0 if e in glosses.get(w, ()) else 1.0 for w, e in pairs])
    counts = np.zeros(len(pairs))
    for _ in range(MODEL1_ROUNDS):
        weight = t[ids]
        share = weight / np.bincount(token, weight)[token]  # each word token's links sum to one
        counts = np.bincount(ids, share, minlength=len(pairs))
        t = counts / np.bincount(english_of, counts)[english_of]
    word_ids: dict[str, int] = {}
    word_of = np.array([word_ids.setdefault(w, len(word_ids)) for w, _ in pairs])
    by_word = np.bincount(word_of, counts)[word_of]
    # the pair takes a good share of both the word's links and the English item's, more than once
    keep = (counts >= LEARNED_COUNT) & (counts >= LEARNED_SHARE * by_word) & (t >= LEARNED_SHARE)
    learned: dict[str, set[str]] = {}
    for k in np.flatnonzero(keep):
        w, e = pairs[k]
        if e:
            learned.setdefault(w, set()).add(e)
    return {w: frozenset(items) for w, items in learned.items()}
