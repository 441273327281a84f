"""Align the English and Chinese sentences of a paragraph pair.

Dynamic programming over beads (1-1, 1-2, 2-1, 2-2, 1-0, 0-1), as Gale and Church did, with
two kinds of evidence:

- length: Chinese characters run at about ``CHARS_PER_ENGLISH_CHAR`` of the English
  characters they translate (measured on our own articles; see ``benchmarks/alignment.py``);
- words: CC-CEDICT translations of the Chinese words found among the English lemmas, and
  numbers and Latin names shared by both sides.

The search is limited to a band around the diagonal, so cost stays linear in the text.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import english, numbers

Bead = tuple[tuple[int, ...], tuple[int, ...]]

CHARS_PER_ENGLISH_CHAR = 0.34
LENGTH_VARIANCE = 2.0
# -log P(bead kind), after Gale & Church (1993).
BEAD_COSTS = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.005), (0, 1): -math.log(0.005),
    (2, 1): -math.log(0.0445), (1, 2): -math.log(0.0445),
    (2, 2): -math.log(0.011),
}
WORD_EVIDENCE = 1.0
UNSUPPORTED_PARTNER = 2.5
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")


@dataclass(frozen=True)
class EnglishFeatures:
    length: int
    lemmas: frozenset[str]
    tokens: frozenset[str]  # numbers and Latin words, lowercased


@dataclass(frozen=True)
class ChineseFeatures:
    length: int
    glosses: tuple[frozenset[str], ...]  # one set of English lemmas per dictionary word
    tokens: frozenset[str]


def english_features(sentence: str) -> EnglishFeatures:
    lemmas, capitalised = english.content_lemmas(sentence)
    return EnglishFeatures(length=len(sentence), lemmas=lemmas,
                           tokens=frozenset(numbers.in_english(sentence)) | capitalised)


def chinese_features(sentence: str, words: Sequence[str], dictionary) -> ChineseFeatures:
    """Length, glosses of the sentence's words of two or more characters, numbers and Latin names."""
    return ChineseFeatures(
        length=len(re.sub(r"\s", "", sentence)),
        glosses=tuple(gloss for gloss in (_glosses(word, dictionary) for word in words if len(word) > 1) if gloss),
        tokens=frozenset(numbers.in_chinese(sentence)) | frozenset(t.lower() for t in _LATIN.findall(sentence)),
    )


def _glosses(word: str, dictionary) -> frozenset[str]:
    return _glosses_cached(word, dictionary)


@lru_cache(maxsize=16_384)
def _glosses_cached(word: str, dictionary) -> frozenset[str]:
    lemmas: set[str] = set()
    for entry in dictionary.lookup(word):
        for sense in entry.senses:
            lemmas.update(english.gloss_lemmas(sense))
    return frozenset(lemmas)


def forget_glosses() -> None:
    """Forget the words' glosses: the text is aligned."""
    _glosses_cached.cache_clear()


class _Evidence:
    """Word evidence for every bead of one alignment, from per-sentence-pair parts.

    A Chinese word counts by the rarest English lemma of the bead its glosses share, so the
    evidence of a bead is a sum over its Chinese sentences of a per-word maximum over its
    English sentences: pairs are scored once and beads combine them.
    """

    def __init__(self, en: Sequence[EnglishFeatures], zh: Sequence[ChineseFeatures], weight: dict[str, float]):
        self.en, self.zh, self.weight = en, zh, weight
        # by English sentence: the search only looks back two rows, so older ones are dropped
        self._pair: dict[int, dict[int, tuple[list[float], frozenset[str]]]] = {}
        self._one: dict[int, dict[int, float]] = {}
        self._two: dict[int, dict[int, float]] = {}

    def pair(self, i: int, j: int) -> tuple[list[float], frozenset[str]]:
        """Per Chinese word of sentence j, its best gloss weight in English sentence i; shared tokens."""
        row = self._pair.setdefault(i, {})
        found = row.get(j)
        if found is None:
            lemmas, weight = self.en[i].lemmas, self.weight
            best = [0.0 if lemmas.isdisjoint(gloss) else max(weight.get(lemma, 1.0) for lemma in gloss & lemmas)
                    for gloss in self.zh[j].glosses]
            found = row[j] = (best, self.zh[j].tokens & self.en[i].tokens)
        return found

    def ones(self, i: int) -> dict[int, float]:
        """What :meth:`one` has worked out for English sentence i, by Chinese sentence."""
        return self._one.setdefault(i, {})

    def twos(self, i: int) -> dict[int, float]:
        """What :meth:`two` has worked out for English sentences i and i + 1, by Chinese sentence."""
        return self._two.setdefault(i, {})

    def one(self, i: int, j: int) -> float:
        """Evidence between English sentence i and Chinese sentence j."""
        best, tokens = self._pair.get(i, {}).get(j) or self.pair(i, j)
        found = self.ones(i)[j] = sum(best) + 2 * len(tokens)
        return found

    def two(self, i: int, j: int) -> float:
        """Evidence between English sentences i and i + 1 together and Chinese sentence j."""
        first, first_tokens = self._pair.get(i, {}).get(j) or self.pair(i, j)
        second, second_tokens = self._pair.get(i + 1, {}).get(j) or self.pair(i + 1, j)
        found = self.twos(i)[j] = sum(map(max, first, second)) + 2 * len(first_tokens | second_tokens)
        return found

    def forget_before(self, i: int) -> None:
        """Drop what was worked out for English sentences before i."""
        for memo in (self._pair, self._one, self._two):
            memo.pop(i - 1, None)


def idf_weights(features: Sequence[EnglishFeatures]) -> dict[str, float]:
    """A weight between 0.5 and 1.5 per English lemma: higher the fewer sentences use it."""
    count = len(features)
    if count < 4:
        return {}
    frequency: dict[str, int] = {}
    for feature in features:
        for lemma in feature.lemmas:
            frequency[lemma] = frequency.get(lemma, 0) + 1
    top = math.log(count + 1)
    return {lemma: 0.5 + math.log((count + 1) / df) / top for lemma, df in frequency.items()}


def _running_totals(lengths: Sequence[int]) -> list[int]:
    totals = [0]
    for length in lengths:
        totals.append(totals[-1] + length)
    return totals


BAND = 12  # sentences either side of the diagonal: a paragraph pair, and any local drift
LONGEST_BAND = 20  # for a whole book in two files (time grows with text × band)


def align(en: Sequence[str], zh: Sequence[str], dictionary, band: int | None = None,
          zh_words: Sequence[Sequence[str]] | None = None) -> list[Bead]:
    """Beads covering every sentence of both sides once, in order (monotone).

    :param zh_words: the words of each Chinese sentence, if already segmented.
    :param band: how far (in sentences) the path may stray from the diagonal, drawn by length
        (where both sides have covered the same share of their characters). By default a tenth
        of the text, at least ``BAND`` and at most ``LONGEST_BAND``: time grows with the text
        times the band.
    """
    n, m = len(en), len(zh)
    if n == 0 or m == 0:
        return [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]
    en_features = [english_features(s) for s in en]
    if zh_words is None:
        from .segment import segment

        zh_words = [[word for word, _ in segment(sentence, dictionary)] for sentence in zh]
    zh_features = [chinese_features(s, words, dictionary) for s, words in zip(zh, zh_words)]
    if band is None:
        band = max(BAND, min(LONGEST_BAND, int(0.1 * max(n, m))))
    path = _search(n, m, band, en_features, zh_features)
    while path is None:  # the band was too narrow to reach the end (one sentence against dozens)
        band = max(2 * band, 1)
        path = _search(n, m, band, en_features, zh_features)
    return path


def _search(n: int, m: int, band: int, en_features: Sequence[EnglishFeatures],
            zh_features: Sequence[ChineseFeatures]) -> list[Bead] | None:
    """The cheapest path of beads from (0, 0) to (n, m) within ``band`` of the diagonal.

    Costs are kept for the last three rows only and the choices as one byte per cell, so a
    book of 10,000 sentences needs a few megabytes.
    """
    evidence = _Evidence(en_features, zh_features, idf_weights(en_features))
    en_at = _running_totals([f.length for f in en_features])
    zh_at = _running_totals([f.length for f in zh_features])
    kinds = list(BEAD_COSTS)
    costs: dict[int, dict[int, float]] = {}  # row → {column: cost of the best path there}
    choices: list[tuple[int, bytearray]] = []  # row → (first column, the bead kind chosen per column)
    scale = zh_at[m] / en_at[n] if en_at[n] else m / n
    for i in range(n + 1):
        # the diagonal by length: where the Chinese has covered as many characters as the
        # English so far, scaled, so that merged and split sentences do not pull the path
        # away from it over a book
        centre = bisect.bisect_left(zh_at, en_at[i] * scale) if en_at[n] and zh_at[m] else i * m / n
        first, last = max(0, math.ceil(centre - band - 1)), min(m, math.floor(centre + band + 1))
        if i == n:
            first, last = min(first, m), m  # the path ends at (n, m)
        row, chosen = _row(i, first, last, costs, en_at, zh_at, evidence)
        costs[i] = row
        costs.pop(i - 3, None)
        choices.append((first, chosen))
        evidence.forget_before(i - 1)
    if m not in costs[n]:
        return None
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        first, chosen = choices[i]
        di, dj = kinds[chosen[j - first]]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


_ONE_ONE, _ONE_NONE, _NONE_ONE, _TWO_ONE, _ONE_TWO, _TWO_TWO = (BEAD_COSTS[kind] for kind in BEAD_COSTS)
assert list(BEAD_COSTS) == [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)]  # the order _row numbers them in


def _row(i: int, first: int, last: int, costs: dict[int, dict[int, float]], en_at: Sequence[int],
         zh_at: Sequence[int], evidence: _Evidence) -> tuple[dict[int, float], bytearray]:
    """Row i of the search: the cheapest path to each column from ``first`` to ``last``, and the
    bead kind (its index in ``BEAD_COSTS``, 255 for none) that ends it.

    A bead of English sentences i0..i-1 and Chinese sentences j0..j-1 costs its kind's cost,
    plus, when both sides have sentences, how far the lengths stray from the expected ratio
    (squared, halved) less its word evidence, and ``UNSUPPORTED_PARTNER`` when one sentence
    of a merge or a split shares no word with the other side while its partner does; and
    otherwise the length of what is left untranslated, over 40. The kinds are written out one
    by one, in ``BEAD_COSTS``' order (ties go to the first), because this loop is most of the
    time a book's alignment takes.
    """
    row: dict[int, float] = {}
    chosen = bytearray(b"\xff" * (last - first + 1))
    above, above_two = costs.get(i - 1), costs.get(i - 2)
    if above is not None:
        english = en_at[i] - en_at[i - 1]
        expected = english * CHARS_PER_ENGLISH_CHAR
        spread = math.sqrt(LENGTH_VARIANCE * (expected + 1))
        omitted = (english * CHARS_PER_ENGLISH_CHAR + 0) / 40
        one, one_before = evidence.ones(i - 1), evidence.ones(i - 2)
    if above_two is not None:
        expected_two = (en_at[i] - en_at[i - 2]) * CHARS_PER_ENGLISH_CHAR
        spread_two = math.sqrt(LENGTH_VARIANCE * (expected_two + 1))
        two = evidence.twos(i - 2)
    for j in range(first, last + 1):
        if i == 0 and j == 0:
            row[0] = 0.0
            continue
        best, kind = None, 255
        if above is not None:
            previous = above.get(j - 1)
            if previous is not None:  # 1-1
                hits = one.get(j - 1)
                if hits is None:
                    hits = evidence.one(i - 1, j - 1)
                delta = (zh_at[j] - zh_at[j - 1] - expected) / spread
                best, kind = previous + (_ONE_ONE + delta * delta / 2 - WORD_EVIDENCE * hits), 0
            previous = above.get(j)
            if previous is not None:  # 1-0
                total = previous + (_ONE_NONE + omitted)
                if best is None or total < best:
                    best, kind = total, 1
        previous = row.get(j - 1)
        if previous is not None:  # 0-1
            total = previous + (_NONE_ONE + (zh_at[j] - zh_at[j - 1]) / 40)
            if best is None or total < best:
                best, kind = total, 2
        if above_two is not None:
            previous = above_two.get(j - 1)
            if previous is not None:  # 2-1
                hits = two.get(j - 1)
                if hits is None:
                    hits = evidence.two(i - 2, j - 1)
                delta = (zh_at[j] - zh_at[j - 1] - expected_two) / spread_two
                cost = _TWO_ONE + delta * delta / 2 - WORD_EVIDENCE * hits
                if hits and min(_one(evidence, one_before, i - 2, j - 1), _one(evidence, one, i - 1, j - 1)) == 0:
                    cost += UNSUPPORTED_PARTNER
                total = previous + cost
                if best is None or total < best:
                    best, kind = total, 3
        if above is not None:
            previous = above.get(j - 2)
            if previous is not None:  # 1-2
                left, right = _one(evidence, one, i - 1, j - 2), _one(evidence, one, i - 1, j - 1)
                hits = left + right
                delta = (zh_at[j] - zh_at[j - 2] - expected) / spread
                cost = _ONE_TWO + delta * delta / 2 - WORD_EVIDENCE * hits
                if hits and min(left, right) == 0:
                    cost += UNSUPPORTED_PARTNER
                total = previous + cost
                if best is None or total < best:
                    best, kind = total, 4
        if above_two is not None:
            previous = above_two.get(j - 2)
            if previous is not None:  # 2-2
                left, right = _two(evidence, two, i - 2, j - 2), _two(evidence, two, i - 2, j - 1)
                hits = left + right
                delta = (zh_at[j] - zh_at[j - 2] - expected_two) / spread_two
                cost = _TWO_TWO + delta * delta / 2 - WORD_EVIDENCE * hits
                if hits and (min(_one(evidence, one_before, i - 2, j - 2) + _one(evidence, one_before, i - 2, j - 1),
                                 _one(evidence, one, i - 1, j - 2) + _one(evidence, one, i - 1, j - 1)) == 0
                             or min(left, right) == 0):
                    cost += UNSUPPORTED_PARTNER
                total = previous + cost
                if best is None or total < best:
                    best, kind = total, 5
        if best is not None:
            row[j] = best
            chosen[j - first] = kind
    return row, chosen


def _one(evidence: _Evidence, memo: dict[int, float], i: int, j: int) -> float:
    """:meth:`_Evidence.one`, from ``memo`` (its worked-out values for English sentence i) when there."""
    return _memoised(evidence.one, memo, i, j)


def _two(evidence: _Evidence, memo: dict[int, float], i: int, j: int) -> float:
    """:meth:`_Evidence.two`, from ``memo`` when there."""
    return _memoised(evidence.two, memo, i, j)


def _memoised(work_out, memo: dict[int, float], i: int, j: int) -> float:
    found = memo.get(j)
    return work_out(i, j) if found is None else found
