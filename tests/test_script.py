"""Simplified and traditional: the Traditional field, variant senses, measure words of the sense shown."""

from __future__ import annotations

import pytest

import flashcards
from flashcards import dictionary
from flashcards.meanings import gloss_for
from flashcards.models import Reading
from flashcards.script import to_traditional, traditional_in

# Written for these tests.
ARTICLE = """The lake is deep; she did her best to take that book.

湖水很深，她尽全力去拿那本书。

He spent a lot of money on the trip.

他花了很多钱去旅行。

Her hair grows fast, and the city develops fast.

她的头发长得快，城市也发展得快。
"""


@pytest.fixture(scope="module")
def items(tmp_path_factory):
    path = tmp_path_factory.mktemp("script") / "breath.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return {item.word: item for item in flashcards.build(path, options=flashcards.Options(level=0)).vocabulary}


@pytest.mark.parametrize("word, traditional", [
    ("深", "深"),  # CC-CEDICT's first entry: the old variant 㴱
    ("拿", "拿"),  # 㧱
    ("尽", "盡"),  # 儘, but the sentence says 尽全力
    ("头发", "頭髮"), ("发展", "發展"), ("钱", "錢"), ("书", "書"),
])
def test_the_traditional_field_is_todays_standard_form_in_the_sentences_sense(items, word, traditional):
    assert items[word].traditional == traditional


@pytest.mark.parametrize("simplified, traditional", [
    ("拿", "拿"), ("深", "深"), ("创", "創"), ("尽全力", "盡全力"), ("尽管", "儘管"), ("头发", "頭髮")])
def test_words_convert_by_phrase_not_by_first_dictionary_entry(simplified, traditional):
    assert to_traditional(simplified) == traditional


def test_a_one_character_word_takes_the_form_its_sentence_calls_for():
    assert traditional_in("尽", "我们尽全力。") == "盡"
    assert traditional_in("尽", "尽管下雨，我们还是去了。") == "儘"


@pytest.mark.parametrize("simplified, taiwan, hong_kong", [("里面", "裡面", "裏面"), ("为什么", "為什麼", "為什麼"),
                                                        ("说", "說", "説"), ("群体", "群體", "羣體")])
def test_taiwan_forms_by_default_and_hong_kong_forms_on_request(simplified, taiwan, hong_kong):
    assert to_traditional(simplified) == to_traditional(simplified, "tw") == taiwan
    assert to_traditional(simplified, "hk") == hong_kong


def test_senses_that_only_name_a_variant_leave_the_meaning(items):
    for word in ("深", "拿"):
        assert not any("variant of" in sense for sense in items[word].definitions), items[word].definitions
    for word, reading in (("深", ("shen1",)), ("拿", ("na2",)), ("花", ("hua1",)), ("创", ("chuang4",))):
        senses = gloss_for(Reading(reading), dictionary.load().lookup(word)).senses
        assert senses and not any("variant of" in sense for sense in senses), senses
        assert "also pr. [wei3]" not in senses  # of the variant form 蘤, not of 花


def test_a_word_known_only_as_a_variant_keeps_that_as_its_meaning():
    senses = gloss_for(Reading(("yi1", "xia4", "r5")), dictionary.load().lookup("一下儿")).senses
    assert senses == ("erhua variant of 一下 (yīxià)",)


def test_measure_words_are_those_of_the_sense_shown_first(items):
    assert items["花"].definitions[0] == "to spend (money, time)"
    assert items["花"].classifiers == ()  # not 朵, 支, 束: they count flowers
    gloss = gloss_for(Reading(("hua1",)), dictionary.load().lookup("花"))
    assert gloss.classifiers_for(gloss.senses)[:3] == ("朵 duǒ", "支 zhī", "束 shù")  # "flower" first
    assert items["书"].classifiers[0] == "本 běn"
