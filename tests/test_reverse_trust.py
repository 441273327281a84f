"""The reverse deck a learner of English can trust: parts of speech from a tagger, the
pronunciation and dictionary Chinese they pick, the translator's Chinese, units of English.

Our own sentences, each pair a paragraph of a small article.
"""

from __future__ import annotations

import pytest

import flashcards
from flashcards.english_vocab import ipa, select_english

# Each English sentence repeats a failure seen on a real article, in words of our own.
HARBOUR = """\
港口日记

A Harbour Diary

The logbook records every boat that enters the harbour.

航海日志记录了每一条进港的船。

Last winter I spoke to the harbour master and felt that the old crane worked well.

去年冬天，我和港务长谈过，觉得那台旧起重机运转良好。

Orders arrive via the ferry, and a quiet pier is beneficial for everyone who waits as long as possible.

订单通过渡轮送来，安静的码头对每一个尽量久等的人都有好处。

The young captain will present her plan, and the crew will use the new nets.

年轻的船长将提出她的计划，船员们会使用新渔网。

Keep building!

继续建造吧！

Fuel got dearer, and this drives the fishermen home early.

燃料变贵了，这迫使渔民们早早回家。

An award-winning cook opened a stall by the cross-border bridge.

一位获奖厨师在跨境大桥边开了个摊子。
"""

PIER = """\
码头会议

A Meeting at the Pier

The report sorts out the fishermen's concerns about the new harbour fees.

这份报告梳理了渔民对新港口费用的顾虑。

When I speak in a group like this, the mayor will present the budget, and everyone has a few observations.

每当我在这样的场合发言，市长都会介绍预算，每个人也都有一些观察。

Prices fell, and the market recovered as well.

价格下跌了，市场也恢复了。
"""


def _items(tmp_path_factory, name: str, text: str) -> dict:
    path = tmp_path_factory.mktemp(name) / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return {item.word: item for item in select_english(flashcards.build(path))}


@pytest.fixture(scope="module")
def pier(tmp_path_factory):
    return _items(tmp_path_factory, "pier", PIER)


@pytest.mark.parametrize(("word", "chinese"), [
    ("sort out", "梳理"),     # the Chinese deck's link, seen from the English side
    ("observation", "观察"),  # a noun made of a verb, through the Chinese deck's link
    ("concern", "顾虑"),      # not 对 ("concerning"), the character before it
    ("present", "介绍"),
])
def test_the_translators_chinese(pier, word, chinese):
    assert pier[word].chinese == chinese


@pytest.mark.parametrize("word", ["group", "well"])
def test_no_chinese_rather_than_a_wrong_one(pier, word):
    """会 (mostly "can") is no translation of "group", nor 也 of "as well": better none."""
    assert pier[word].chinese is None


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    return _items(tmp_path_factory, "harbour", HARBOUR)


@pytest.mark.parametrize(("word", "pos"), [
    ("record", "verb"),      # "The logbook records every boat": not the noun
    ("speak", "verb"),       # "I spoke": not a bicycle's spoke
    ("feel", "verb"),        # "felt that": not the cloth
    ("well", "adv"),
    ("beneficial", "adj"),
    ("possible", "adj"),     # "as long as possible"
    ("present", "verb"),     # "will present her plan"
    ("use", "verb"),
    ("keep", "verb"),        # "Keep building!"
    ("build", "verb"),
    ("drive", "verb"),       # "this drives": a pronoun before it, not a determiner
    ("award-winning", "adj"),  # a compound lemminflect does not know, before a noun
    ("cross-border", "adj"),
])
def test_part_of_speech_is_the_one_the_sentence_gives(harbour, word, pos):
    assert harbour[word].pos == pos


def test_a_preposition_is_no_card(harbour):
    assert "via" not in harbour


def test_no_wrong_readings_of_the_tagged_forms(harbour):
    for wrong in ("spoke", "felt", "building", "records"):
        assert wrong not in harbour


@pytest.mark.parametrize(("word", "pos", "said"), [
    ("record", "verb", "rɪˈkɔːrd"),
    ("record", "noun", "ˈrekərd"),
    ("present", "verb", "priˈzent"),
    ("present", "adj", "ˈprezənt"),
    ("use", "verb", "juːz"),
    ("use", "noun", "juːs"),
    ("read", "verb", "riːd"),
    ("decide", "verb", "dɪˈsaɪd"),       # no stray mark before a weak first syllable
    ("include", "verb", "ɪnˈkluːd"),
    ("illusion", "noun", "ɪˈluːʒən"),
    ("award-winning", "adj", "əˈwɔːrdˌwɪnɪŋ"),  # each part said on its own
    ("surround", "verb", "səˈraʊnd"),
    ("afternoon", "noun", "ˌæftərˈnuːn"),  # a real secondary stress stays
    ("software", "noun", "ˈsɔːftˌwer"),    # a secondary stress after the main one takes one consonant
    ("guardrail", "noun", "ˈɡɑːrdˌreɪl"),
    ("transform", "verb", "trænsˈfɔːrm"),
    ("describe", "verb", "dɪˈskraɪb"),
    ("cross-border", "adj", "ˌkrɔːsˈbɔːrdər"),  # a first part of one syllable
])
def test_pronunciation_follows_the_part_of_speech(word, pos, said):
    assert ipa(word, pos=pos) == said


def test_the_card_of_a_tagged_heteronym_says_it_as_that_part_of_speech(harbour):
    assert harbour["record"].ipa == "rɪˈkɔːrd"
    assert harbour["use"].ipa == "juːz"


# Units of English: a name's words, a compound the translator kept whole, phrases that are not
# phrases in their sentence, a phrasal verb with its object inside.
UNITS = """\
工会与渔民

Unions and Fishermen

Strong unions like the FPA (Fishing Port Association of Coast and River Workers) speak for their members.

像渔港协会这样强大的工会为会员发声。

The old quarrel over fees is not a zero-sum game.

关于费用的旧争执并不是零和博弈。

She is a teacher I have come to admire greatly for her musical and social work with children.

她是一位老师，她在音乐和社会方面为孩子们所做的工作让我十分钦佩。

At the fish auction I felt like the odd person out.

在鱼市拍卖会上，我觉得自己格格不入。

My neighbour lent me ten dollars, and I will pay him back on Friday.

邻居借给我十美元，我星期五会还他。
"""


@pytest.fixture(scope="module")
def units(tmp_path_factory):
    return _items(tmp_path_factory, "units", UNITS)


def test_no_word_from_inside_an_acronyms_expansion(units):
    assert not {"port", "association", "coast", "river", "worker"} & set(units)


def test_a_compound_the_translator_kept_whole_is_one_item(units):
    assert units["zero-sum game"].chinese == "零和博弈"
    assert units["zero-sum game"].pos == "noun"
    assert "game" not in units


@pytest.mark.parametrize("non_unit", ["social work", "admire greatly", "odd person"])
def test_no_phrase_that_is_not_one_in_its_sentence(units, non_unit):
    assert non_unit not in units


def test_a_phrasal_verb_with_its_object_inside(units):
    item = units["pay back"]
    assert item.form == "pay him back"
    assert item.chinese == "还"


@pytest.mark.parametrize(("british", "american"), [
    ("neighbourhood", "neighborhood"), ("organise", "organize"), ("centre", "center"), ("travelled", "traveled"),
    ("your", "your"), ("hour", "hour"), ("called", "called"),  # no British spelling, left alone
])
def test_american_spelling_from_a_table_not_patterns(british, american):
    from flashcards.english import american_spelling

    assert american_spelling(british) == american


@pytest.mark.parametrize(("word", "pos", "wanted", "unwanted"), [
    ("take", "verb", "采取", "于"),        # 于's "to take" is a literary use of a character
    ("present", "verb", "介绍", "礼物"),   # a gift is the noun's
    ("use", "noun", "用途", "使用"),       # 使用 is the verb's
])
def test_dictionary_chinese_of_the_part_of_speech(word, pos, wanted, unwanted):
    from flashcards.english_vocab import MAX_DICTIONARY_CHINESE, dictionary_chinese

    found = dictionary_chinese(word, "", pos)
    assert wanted in found and unwanted not in found
    assert len(found) <= MAX_DICTIONARY_CHINESE


def test_the_card_has_the_dictionary_chinese_of_its_part_of_speech(harbour):
    assert "礼物" not in harbour["present"].dictionary_chinese
