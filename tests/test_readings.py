"""Readings: dictionary tones, context for polyphones, names, formatting."""

from __future__ import annotations

import pytest

from flashcards import annotate
from flashcards.pinyin import mark_syllable, marked_word, numbered_text


def reading_of(sentence: str, word: str):
    for token in annotate(sentence):
        if token.text == word:
            return token.reading
    raise AssertionError(f"{word} not segmented out of {sentence}: {[t.text for t in annotate(sentence)]}")


@pytest.mark.parametrize("sentence, word, marked, numbered", [
    ("我的朋友来了。", "朋友", "péngyou", "peng2 you5"),        # neutral tone as CC-CEDICT writes it
    ("知识就是力量。", "知识", "zhīshi", "zhi1 shi5"),
    ("他在银行工作。", "银行", "yínháng", "yin2 hang2"),         # 行 háng, not xíng
    ("孩子长大了。", "长大", "zhǎngdà", "zhang3 da4"),          # 长 zhǎng, not cháng
    ("我去过西安。", "西安", "Xī'ān", "Xi1 an1"),              # capitalised name, apostrophe
    ("你在哪儿?", "哪儿", "nǎr", "na3 r5"),                    # erhua as the dictionary writes it
    ("我们一起走吧。", "一起", "yīqǐ", "yi1 qi3"),              # citation tone for 一
])
def test_dictionary_reading_in_context(sentence, word, marked, numbered):
    reading = reading_of(sentence, word)
    assert reading.marked == marked
    assert reading.numbered == numbered


def test_one_syllable_per_character():
    for token in annotate("这篇关于知识产权的文章讲得很清楚。"):
        if token.reading is not None:
            assert len(token.reading.syllables) == len(token.text)


def test_a_person_not_in_the_dictionary_gets_a_capitalised_surname_and_given_name():
    assert reading_of("吴恩达在会上发言。", "吴恩达").marked == "Wú Ēndá"


@pytest.mark.parametrize("syllable, marked", [
    ("hao3", "hǎo"), ("xiong2", "xióng"), ("gou3", "gǒu"), ("lu:4", "lǜ"), ("nv3", "nǚ"),
    ("de5", "de"), ("Zhong1", "Zhōng"), ("r5", "r"), ("m2", "m"),
])
def test_tone_mark_placement(syllable, marked):
    assert mark_syllable(syllable) == marked


def test_apostrophe_only_where_syllables_would_run_together():
    assert marked_word(["Tian1", "an1", "men2"]) == "Tiān'ānmén"
    assert marked_word(["pi2", "ao3"]) == "pí'ǎo"
    assert marked_word(["xi1", "wang4"]) == "xīwàng"


def test_numbered_form_uses_5_for_neutral_and_u_umlaut():
    assert numbered_text(["nu:3", "er2"]) == "nü3 er2"
    assert numbered_text(["ma"]) == "ma5"


def test_the_translation_chooses_between_a_words_readings():
    """分子 is fēnzǐ (molecule) or fènzǐ (member): the English says which."""
    from flashcards import dictionary
    from flashcards.readings import annotate_all
    from flashcards.segment import segment

    cedict = dictionary.load()

    def reading(zh: str, en: str, word: str) -> str:
        tokens = annotate_all([segment(zh, cedict)], cedict, english=[en])[0]
        return next(t.reading.marked for t in tokens if t.text == word)

    assert reading("这是一个水分子。", "This is a water molecule.", "分子") == "fēnzǐ"
    assert reading("我很看好这家公司。", "I think this company has good prospects.", "看好") == "kànhǎo"


@pytest.mark.parametrize("sentence, word, reading", [
    ("这座楼比那座高得多。", "得", "de"),        # a complement after an adjective
    ("她把角色塑造得很成功。", "得", "de"),       # after a verb
    ("工人们尽全力完成了任务。", "尽", "jìn"),    # to use up (all one's strength)
])
def test_everyday_grammar_of_de_and_jin(sentence, word, reading):
    tokens = annotate(sentence)
    assert next(t.reading.marked for t in tokens if t.text == word) == reading
