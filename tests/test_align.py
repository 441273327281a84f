"""Sentence alignment: merges, splits, omissions, and the gold alignments of our articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashcards import bench, dictionary
from flashcards.align import align

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cedict():
    return dictionary.load()


def test_one_to_one(cedict):
    en = ["The market opens at five in the morning.", "By noon most stalls have sold out."]
    zh = ["市场早上五点开门。", "到了中午,大部分摊位都卖完了。"]
    assert align(en, zh, cedict) == [((0,), (0,)), ((1,), (1,))]


def test_translator_merges_two_english_sentences(cedict):
    en = ["My grandmother loved tea.", "She drank it every morning.", "The shop closed in 1998."]
    zh = ["外婆爱喝茶,每天早上都要喝。", "那家店在1998年关门了。"]
    assert align(en, zh, cedict) == [((0, 1), (0,)), ((2,), (1,))]


def test_translator_splits_one_english_sentence(cedict):
    en = ["The volunteers repaired the lamp, cleaned the toaster and sewed a torn jacket before lunch.",
          "Then they went home."]
    zh = ["志愿者们修好了台灯,清洗了烤面包机。", "午饭前,他们还缝好了一件破夹克。", "然后他们就回家了。"]
    assert align(en, zh, cedict) == [((0,), (0, 1)), ((1,), (2,))]


def test_a_dropped_sentence_is_left_without_translation(cedict):
    """A sentence of its own that the translation has nothing of is left alone (a short aside,
    "Nobody was surprised.", may be merged into its neighbour, as translators often do)."""
    en = ["The bus was late again.", "Somebody had painted a red bicycle on the side of the shelter.",
          "We waited in the rain for forty minutes."]
    zh = ["公交车又晚点了。", "我们在雨里等了四十分钟。"]
    beads = align(en, zh, cedict)
    assert ((1,), ()) in beads
    assert ((2,), (1,)) in beads


def test_alignments_cover_both_sides_in_order(cedict):
    en = ["One.", "Two sentences here.", "Three is longer than the others by far.", "Four."]
    zh = ["一。", "这里有两句话。", "三比其他的都长得多。"]
    beads = align(en, zh, cedict)
    assert [i for bead in beads for i in bead[0]] == list(range(len(en)))
    assert [j for bead in beads for j in bead[1]] == list(range(len(zh)))


def test_gold_alignments_of_our_articles():
    """Link F1 on the hand-made gold alignments (tests/gold); the benchmark prints the figures."""
    results = bench.alignment(ROOT)
    for name, (precision, recall, f1) in results.items():
        assert f1 >= 0.95, f"{name}: precision {precision:.3f} recall {recall:.3f}"


@pytest.mark.parametrize("chinese, english, shared", [
    ("他三十二岁。", "He is thirty-two.", {"32"}),
    ("那是一九八七年的夏天。", "It was the summer of 1987.", {"1987"}),
    ("两千人来了。", "Two thousand people came.", {"2000"}),
    ("第十一名", "the 11th place", {"11"}),
])
def test_numbers_written_either_way_are_the_same_number(chinese, english, shared):
    from flashcards import numbers

    assert numbers.in_chinese(chinese) & numbers.in_english(english) == shared


def test_a_lone_one_is_not_counted_as_a_number():
    from flashcards import numbers

    assert numbers.in_chinese("一个人") == set()
    assert numbers.in_english("one of them") == set()


def test_numbers_in_words_and_digits_tie_a_merge_together(cedict):
    en = ["The bus left at seven.", "It came back at eleven.", "We had waited for forty minutes in the rain."]
    zh = ["公交车7点开走,11点才回来。", "我们在雨里等了四十分钟。"]
    assert align(en, zh, cedict) == [((0, 1), (0,)), ((2,), (1,))]


def test_a_book_in_two_files_aligns_in_memory_and_time_by_its_length(cedict):
    """1,500 sentence pairs without paragraph breaks, the translator merging one English pair
    in five in the first half: the path drifts far from the sentence-count diagonal, and the
    aligner must follow it without keeping a cell per sentence pair of the whole book."""
    import json
    import random
    import tracemalloc

    pairs = []
    for gold in sorted((ROOT / "tests" / "gold").rglob("*.align.jsonl")):
        for line in gold.read_text("utf-8").splitlines():
            bead = json.loads(line)
            if len(bead["en"]) == 1 and len(bead["zh"]) == 1:
                pairs.append((bead["en"][0], bead["zh"][0]))
    rng = random.Random(4)
    book = [rng.choice(pairs) for _ in range(1500)]
    en, zh, truth = [], [], set()
    index = 0
    while index < len(book):
        if index < 750 and index % 5 == 0 and index + 1 < len(book):  # two English sentences, one Chinese
            truth.add(((len(en), len(en) + 1), (len(zh),)))
            en += [book[index][0], book[index + 1][0]]
            zh.append(book[index][1].rstrip("。") + "，" + book[index + 1][1])
            index += 2
        else:
            truth.add(((len(en),), (len(zh),)))
            en.append(book[index][0])
            zh.append(book[index][1])
            index += 1
    from flashcards.segment import segment

    words = [[word for word, _ in segment(sentence, cedict)] for sentence in zh]
    beads = align(en, zh, cedict, zh_words=words)  # (and the caches of lemmas and glosses filled)
    assert len(truth & set(beads)) / len(truth) > 0.95
    tracemalloc.start()
    align(en, zh, cedict, zh_words=words)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 40 * 2**20, f"{peak / 2**20:.0f} MB"  # a cell per pair of sentences: gigabytes
