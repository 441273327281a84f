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


def test_three_english_sentences_in_one_chinese_sentence(cedict):
    en = ["The lamp flickered.", "Then it went out.", "The whole street was dark.",
          "We walked home by the light of our phones."]
    zh = ["灯闪了几下就灭了，整条街一片漆黑。", "我们借着手机的光走回了家。"]
    assert align(en, zh, cedict) == [((0, 1, 2), (0,)), ((3,), (1,))]


def test_four_english_sentences_in_one_chinese_sentence(cedict):
    en = ["My uncle grew apples.", "He sold them at the market.", "Every autumn he made cider.",
          "The whole village drank it.", "He died in 1998."]
    zh = ["舅舅种苹果，在市场上卖，每年秋天还酿苹果酒，全村人都喝。", "他死于1998年。"]
    assert align(en, zh, cedict) == [((0, 1, 2, 3), (0,)), ((4,), (1,))]


def test_a_book_one_sentence_a_line_is_aligned_line_by_line(tmp_path):
    """Lines are the sentences: a line the splitter would cut ('"Stop!" he said. ...') stays
    one sentence, and no line is joined to the next before alignment."""
    from flashcards.pipeline import read_parallel, sentence_pairs

    english = ["The night train left the city at ten.", "\"Tickets!\" called the guard. Nobody moved.",
               "An old woman was knitting a red scarf.", "Her needles clicked in time with the wheels.",
               "At midnight the lights went out.", "Somebody laughed in the dark.",
               "When they came back, the scarf was finished.", "She gave it to the guard."]
    chinese = ["夜班火车十点钟开出了城。", "“查票！”列车员喊道，却没有人动。", "一个老太太在织一条红围巾。",
               "她的针随着车轮的节奏咔嗒作响。", "半夜里灯灭了。", "黑暗中有人笑了。", "等灯再亮时，围巾已经织好了。",
               "她把围巾送给了列车员。"]
    (tmp_path / "train.en.txt").write_text("\n".join(english) + "\n", encoding="utf-8")
    (tmp_path / "train.zh.txt").write_text("\n".join(chinese) + "\n", encoding="utf-8")
    article = read_parallel(tmp_path / "train.en.txt", tmp_path / "train.zh.txt")
    pairs = sentence_pairs(article, dictionary.load())
    assert [(pair.en, pair.zh) for pair in pairs] == [((e,), (z,)) for e, z in zip(english, chinese)]


def test_the_length_ratio_is_the_texts_own_region_by_region():
    from flashcards.align import REGION, _LengthModel, _running_totals

    # a translation that runs at 0.2 Chinese characters per English one, then at 0.5
    english = [100] * 600
    chinese = [20] * 300 + [50] * 300
    en_at, zh_at = _running_totals(english), _running_totals(chinese)
    anchors = [(k, k) for k in range(10, 600, 10)]
    model = _LengthModel(en_at, zh_at, anchors)
    assert model.ratio(5 * REGION // 10) == pytest.approx(0.2, abs=0.02)
    assert model.ratio(en_at[-1] - REGION // 2) == pytest.approx(0.5, abs=0.02)
    # and a short text's own ratio, not a fixed one
    short = _LengthModel(_running_totals([400, 300, 500]), _running_totals([80, 60, 100]), [])
    assert short.ratio(0) < 0.3
