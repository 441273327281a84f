"""The choice of words: known → taught before → level → names → --max-words, in that order."""

from __future__ import annotations

import flashcards
from flashcards.levels import hsk_level, label
from flashcards.select import choose


def test_hsk_levels_of_the_2021_standard():
    assert hsk_level("银行") == 2 and label(hsk_level("银行")) == "2"
    assert label(hsk_level("知识产权")) == "7-9"  # made of list words, as hard as its hardest part
    assert label(hsk_level("好莱坞")) == "beyond"
    assert hsk_level("不是") == 1, "a word of two level-1 words is level 1"


def test_the_default_leaves_out_levels_one_and_two_and_function_words(small_lesson):
    words = {item.word for item in flashcards.build(small_lesson.article.path).vocabulary}
    every = {item.word for item in small_lesson.vocabulary}
    assert "银行" in every and "银行" not in words, "a level-2 word"
    assert words and all((item.level or 10) > 2 for item in small_lesson.vocabulary if item.word in words)
    assert not any(item.pos.startswith(("c", "p", "r", "u")) for item in small_lesson.vocabulary if item.word in words)


def test_level_zero_keeps_every_word_and_a_higher_level_fewer(small_lesson):
    candidates = small_lesson.candidates
    every, _ = choose(candidates, flashcards.Options(level=0))
    four, left_out = choose(candidates, flashcards.Options(level=4))
    assert len(every) == len(candidates) > len(four)
    assert left_out.level == len(candidates) - len(four)
    assert all(item.level is None or item.level > 4 for item in four)


def test_cards_and_exports_carry_the_level(small_lesson, tmp_path):
    from flashcards.render.anki import build_package

    package = build_package(small_lesson)
    bank = next(note for deck in package.decks for note in deck.notes if note.fields[0] == "银行")
    assert "hsk::2" in bank.tags and "HSK 2" in bank.fields
    import json

    data = json.loads(flashcards.export(small_lesson, "json"))
    assert next(v for v in data["vocabulary"] if v["word"] == "银行")["hsk"] == "2"
