"""The reverse deck: English vocabulary and sentences for Chinese speakers learning English.

Decks are imported into a real Anki collection (the official ``anki`` package) and every card
is rendered. Expected Chinese counterparts carry their English beside them.
"""

from __future__ import annotations

import json
import re
from html import escape

import pytest

import flashcards
from flashcards import english
from flashcards.english_vocab import (NUMBER_WORDS, EnglishVocabularyItem, arpabet_to_ipa, english_vocabulary_dicts,
                                      select_english)
from flashcards.render.anki import SENTENCE_MODEL_ID, VOCABULARY_MODEL_ID
from flashcards.render.reverse import (REVERSE_SENTENCE_MODEL_ID, REVERSE_VOCABULARY_MODEL_ID, build_reverse_package,
                                       deck_name, why_no_reverse_deck, write_reverse_apkg)

from .conftest import ARTICLES, import_apkg

# Our own small article: an irregular plural, a plural noun, two dictionary phrases, a name,
# numbers and a British spelling.
VILLAGE = """\
渔村上网记

Fishing Village Goes Online

Many fishermen in the village lost their livelihoods when the cannery closed in 2019.

2019年罐头厂关闭后，村里许多渔民失去了生计。

Now Chen Jing teaches them to sell dried fish on social media, and orders arrive from every province.

如今，陈静教他们在社交媒体上卖鱼干，订单从各个省份纷纷寄来。

Her small team also wrote open source software that forecasts storms for three hundred boats.

她的小团队还编写了开源软件，为三百条渔船预报风暴。

Old sailors were sceptical at first, but the steady income soon won them over.

老水手们起初半信半疑，但稳定的收入很快说服了他们。

来源：https://example.org/village
"""

EVIL = ('The careful engineer said: never click <script>alert(1)</script> or type {{Front}} here.\n\n'
        '细心的工程师说：千万别点击<script>alert(1)</script>，也别输入{{Front}}。\n')

TTS_AND_STYLE = re.compile(r"<style>.*?</style>|\[anki:[^\]]*\]", re.S)
TAG = re.compile(r"<[^>]+>")
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def visible_text(html: str) -> str:
    """What a learner reads: no stylesheet, no audio markers, no tags."""
    return TAG.sub("", TTS_AND_STYLE.sub(" ", html))


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    path = tmp_path_factory.mktemp("village") / "village.txt"
    path.write_text(VILLAGE, encoding="utf-8")
    lesson = flashcards.build(path)
    return lesson, select_english(lesson)


@pytest.fixture(scope="module")
def tea(tmp_path_factory):
    lesson = flashcards.build(ARTICLES / "tea-market.txt")
    return lesson, select_english(lesson)


@pytest.fixture(scope="module")
def repair():
    lesson = flashcards.build(ARTICLES / "repair-cafe.txt")
    return lesson, select_english(lesson)


@pytest.fixture(scope="module")
def reverse_decks(tmp_path_factory, village, tea):
    out = tmp_path_factory.mktemp("reverse")
    return [(lesson, items, write_reverse_apkg(lesson, items, out / f"{lesson.slug}.reverse.apkg"))
            for lesson, items in (tea, village)]


def by_word(items: list[EnglishVocabularyItem]) -> dict[str, EnglishVocabularyItem]:
    return {item.word: item for item in items}


def reverse_note_count(lesson, items) -> int:
    english_sentences = {s.pair.en_text for s in lesson.sentences if s.pair.en and s.pair.zh}
    return len(items) + len(english_sentences)


# ---- the cards, as Anki shows them -------------------------------------------------------------

def test_every_reverse_card_renders_with_english_on_the_front_and_chinese_on_the_back(collection, reverse_decks):
    words: set[str] = set()
    sentences = 0
    for lesson, items, path in reverse_decks:
        assert items
        log = import_apkg(collection, path)
        # every note arrives; a word already imported from another article is the same note
        assert log.found_notes == reverse_note_count(lesson, items)
        words.update(item.word for item in items)
        sentences += reverse_note_count(lesson, items) - len(items)
    assert collection.note_count() == len(words) + sentences
    card_ids = collection.find_cards("")
    assert len(card_ids) == 2 * len(words) + sentences  # recognition and cloze for each word
    for card_id in card_ids:
        card = collection.get_card(card_id)
        note = card.note()
        question, answer = card.question(), card.answer()
        for html in (question, answer):
            assert "error" not in html.lower(), html
            assert "{{" not in visible_text(html)
        assert LATIN.search(visible_text(question)), f"no English on the front of card {card_id}"
        chinese = note["SentenceChinese"] if "SentenceChinese" in note else note["Chinese"]
        assert CJK.search(chinese) and chinese in answer, f"no Chinese sentence on the back of card {card_id}"


def test_recognition_card_shows_word_form_ipa_pos_translation_and_both_sentences(collection, reverse_decks, village):
    lesson, items = village
    import_apkg(collection, reverse_decks[1][2])
    note = collection.get_note(collection.find_notes(f"mid:{REVERSE_VOCABULARY_MODEL_ID} Word:livelihood")[0])
    recognition = note.cards()[0]
    question, answer = recognition.question(), recognition.answer()
    assert "livelihood" in visible_text(question) and "livelihoods" in visible_text(question)
    assert "/ˈlaɪvliˌhʊd/" in answer
    assert "名词" in answer  # part of speech, labelled in Chinese
    assert "本文译法" in answer and '<span class="zh-word">生计</span>' in answer
    assert "词典释义" in answer
    assert '<span class="hl">livelihoods</span>' in answer
    assert '失去了<span class="hl">生计</span>' in answer
    spoken = [tag for tag in recognition.answer_av_tags() if getattr(tag, "lang", "") == "en_US"]
    assert [tag.field_text for tag in spoken] == ["livelihood"]


def test_pinyin_of_the_chinese_sentence_is_hidden_until_asked_for(collection, reverse_decks):
    import_apkg(collection, reverse_decks[1][2])
    note = collection.get_note(collection.find_notes(f"mid:{REVERSE_VOCABULARY_MODEL_ID} Word:livelihood")[0])
    answer = note.cards()[0].answer()
    hidden = re.search(r"<details[^>]*><summary>拼音</summary>(.*?)</details>", answer, re.S)
    assert hidden and "shēngjì" in hidden.group(1)
    assert answer.count("shēngjì") == 1


def test_cloze_card_blanks_the_word_and_gives_the_chinese_as_hint(collection, reverse_decks):
    import_apkg(collection, reverse_decks[1][2])
    note = collection.get_note(collection.find_notes(f"mid:{REVERSE_VOCABULARY_MODEL_ID} Word:livelihood")[0])
    cloze = note.cards()[1]
    front = visible_text(cloze.question())
    assert "Many fishermen in the village lost their" in front and "_____" in front
    assert "livelihood" not in front
    assert "失去了生计" in front
    assert '<span class="hl">livelihoods</span>' in cloze.answer()


def test_sentence_card_english_front_chinese_back(collection, reverse_decks, village):
    lesson, _items = village
    import_apkg(collection, reverse_decks[1][2])
    sentence = lesson.sentences[0]
    card = collection.get_card(collection.find_cards(f"mid:{REVERSE_SENTENCE_MODEL_ID}")[0])
    assert escape(sentence.pair.en_text) in card.question()
    assert escape(sentence.pair.zh_text) not in card.question()
    assert escape(sentence.pair.zh_text) in card.answer()
    assert [tag.field_text for tag in card.question_av_tags()] == [sentence.pair.en_text]


def test_importing_the_reverse_deck_twice_adds_nothing(collection, reverse_decks):
    _lesson, _items, path = reverse_decks[0]
    import_apkg(collection, path)
    notes = collection.note_count()
    log = import_apkg(collection, path)
    assert len(log.new) == 0
    assert collection.note_count() == notes


def test_forward_and_reverse_decks_live_side_by_side(collection, reverse_decks, tmp_path):
    lesson, items, reverse_path = reverse_decks[0]
    forward_path = flashcards.write_deck(lesson, tmp_path / f"{lesson.slug}.apkg")
    import_apkg(collection, forward_path)
    forward_notes = collection.note_count()
    assert forward_notes == len(lesson.vocabulary) + len({s.pair.zh_text for s in lesson.sentences if s.pair.zh})
    log = import_apkg(collection, reverse_path)
    assert len(log.new) == reverse_note_count(lesson, items)
    assert collection.note_count() == forward_notes + reverse_note_count(lesson, items)
    for model_id in (VOCABULARY_MODEL_ID, SENTENCE_MODEL_ID, REVERSE_VOCABULARY_MODEL_ID, REVERSE_SENTENCE_MODEL_ID):
        assert collection.find_notes(f"mid:{model_id}"), model_id
    names = [model.name for model in collection.models.all_names_and_ids()]
    assert len(names) == len(set(names))
    assert len(collection.find_notes(f"mid:{VOCABULARY_MODEL_ID}")) == len(lesson.vocabulary)
    assert len(collection.find_notes(f"mid:{REVERSE_VOCABULARY_MODEL_ID}")) == len(items)
    decks = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert {lesson.title.zh, deck_name(lesson), f"{deck_name(lesson)}::词汇", f"{deck_name(lesson)}::句子"} <= decks


def test_deck_description_credits_the_data(collection, reverse_decks):
    lesson, _items, path = reverse_decks[0]
    import_apkg(collection, path)
    description = collection.decks.by_name(deck_name(lesson))["desc"]
    for credit in ("CC-CEDICT", "Carnegie Mellon", "wordfreq"):
        assert credit in description


def test_a_rebuild_gives_the_same_guids_and_deck_ids(tea):
    lesson, items = tea
    again = flashcards.build(ARTICLES / "tea-market.txt")
    first, second = build_reverse_package(lesson, items), build_reverse_package(again, select_english(again))
    assert [[n.guid for n in d.notes] for d in first.decks] == [[n.guid for n in d.notes] for d in second.decks]
    assert [d.deck_id for d in first.decks] == [d.deck_id for d in second.decks]


def test_article_text_is_escaped_never_markup(tmp_path, collection):
    path = tmp_path / "evil.txt"
    path.write_text(EVIL, encoding="utf-8")
    lesson = flashcards.build(path)
    items = select_english(lesson)
    assert items
    import_apkg(collection, write_reverse_apkg(lesson, items, tmp_path / "evil.reverse.apkg"))
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        for html in (card.question(), card.answer()):
            assert "<script>" not in html
            assert "error" not in html.lower()
    card = collection.get_card(collection.find_cards(f"mid:{REVERSE_SENTENCE_MODEL_ID}")[0])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in card.question()
    assert "{{Front}}" in card.note()["English"]


# ---- the selection -------------------------------------------------------------------------------

@pytest.mark.parametrize("article, word, chinese", [
    ("village", "livelihood", "生计"),              # livelihoods
    ("village", "fisherman", "渔民"),               # fishermen
    ("village", "social media", "社交媒体"),
    ("village", "open source", "开源"),             # 开源 is short for 开放源码 "open source"
    ("village", "sailor", "水手"),
    ("tea", "intellectual property", "知识产权"),
    ("tea", "safety net", "安全网"),
    ("tea", "win-win", "共赢"),
    ("tea", "e-commerce", "电商"),
    ("tea", "take turns", "轮流"),                  # took turns
    ("tea", "give up", "放弃"),                     # giving up
    ("tea", "leaf", "茶叶"),                        # leaves, not "leave"
    ("tea", "receipt", "收据"),
    ("tea", "chemistry", "化学"),
    ("repair", "toaster", "烤面包机"),
    ("repair", "screwdriver", "螺丝刀"),
    ("repair", "capacitor", "电容器"),
    ("repair", "reading room", "阅览室"),
    ("repair", "sign up", "报名"),                  # signed up
    ("repair", "electrician", "电工"),
])
def test_counterpart_is_the_translators_own_chinese(request, article, word, chinese):
    lesson, items = request.getfixturevalue(article)
    item = by_word(items)[word]
    assert item.chinese == chinese
    sentence = lesson.sentence_by_id(item.sentence)
    start, end = item.chinese_span
    assert sentence.pair.zh_text[start:end] == chinese
    start, end = item.en_span
    assert sentence.pair.en_text[start:end] == item.form


def test_dictionary_form_with_the_form_used_in_the_text(village, tea):
    words = by_word(village[1])
    assert (words["livelihood"].form, words["fisherman"].form) == ("livelihoods", "fishermen")
    assert by_word(tea[1])["leaf"].form == "leaves"
    assert by_word(tea[1])["take turns"].form == "took turns"


def test_function_words_names_and_numbers_are_not_offered(village, tea):
    for _lesson, items in (village, tea):
        for item in items:
            assert not any(char.isdigit() for char in item.word), item
            assert item.word.lower() not in english.function_words(), item
            assert not set(re.split(r"[ -]", item.word.lower())) & NUMBER_WORDS, item
    village_words = {item.word.lower() for item in village[1]}
    assert not {"chen", "jing", "three", "hundred", "many", "the", "their"} & village_words
    tea_words = {item.word.lower() for item in tea[1]}
    assert not {"wang", "lin", "mei", "chengdu", "fujian", "chongqing", "xi'an", "dr", "dozen", "six"} & tea_words
    assert "saturday" in tea_words  # capitalised, but a word, not a name


def test_each_word_once_in_order_of_first_use(tea):
    lesson, items = tea
    words = [item.word for item in items]
    assert len(words) == len(set(words))
    order = {sentence.pair.id: index for index, sentence in enumerate(lesson.sentences)}
    positions = [(order[item.sentence], item.en_span[0]) for item in items]
    assert positions == sorted(positions)


def test_the_words_are_the_same_when_the_sentences_go_to_jobs_of_two(tea, monkeypatch):
    """A book's sentences are shared out between processes: "leaves" read as "leaf" where
    茶叶 translated it stays "leaf" later, even in another process's sentences."""
    from flashcards.english import select as english_vocab

    lesson, items = tea
    monkeypatch.setattr(english_vocab, "ENGLISH_SENTENCES_PER_JOB", 2)
    monkeypatch.setattr(english_vocab, "ENGLISH_JOBS_PER_PROCESS", 10**6)
    assert select_english(lesson) == items
    assert [item.word for item in items if item.form.lower() == "leaves"] == ["leaf"]


def test_sentences_whose_words_were_all_taught_are_skipped_without_changing_a_word(monkeypatch):
    """A long text's later sentences mostly use words taught before: they are not matched
    against their Chinese again, and the items are the same as when every sentence is.

    Two articles and then their paragraphs again, shuffled: ambiguous forms ("leaves" as leaf),
    phrases ("give up") and capitalised words come back in new company.
    """
    import random

    from flashcards.english import select as english_vocab
    from flashcards.parse import parse_article
    from flashcards.pipeline import build_lesson

    blocks = [block for name in ("tea-market.txt", "repair-cafe.txt")
              for block in (ARTICLES / name).read_text("utf-8").split("\n\n")[2:]]
    pairs = [blocks[k:k + 2] for k in range(0, len(blocks) - 1, 2)
             if re.search("[a-z]", blocks[k]) and CJK.search(blocks[k + 1])]
    again = random.Random(5).sample(pairs, len(pairs))
    article = parse_article("twice.txt", "\n\n".join(b for pair in pairs + again for b in pair) + "\n")
    lesson = build_lesson(article)
    skipped = []
    skip = english_vocab._SentenceWork.teaches_nothing_new

    def counted(work, candidates):
        skipped.append(skip(work, candidates))
        return skipped[-1]

    monkeypatch.setattr(english_vocab._SentenceWork, "teaches_nothing_new", counted)
    items = english_vocab.english_items(article, lesson.sentences)
    assert sum(skipped) > len(pairs) / 3  # most of the second round
    monkeypatch.setattr(english_vocab._SentenceWork, "teaches_nothing_new", lambda work, candidates: False)
    assert english_vocab.english_items(article, lesson.sentences) == items
    assert [item.word for item in items if item.form.lower() == "leaves"] == ["leaf"]


def test_pronunciation_and_part_of_speech(village, tea):
    words = by_word(village[1])
    assert words["livelihood"].ipa == "ˈlaɪvliˌhʊd"
    assert words["sceptical"].ipa == "ˈskeptəkəl"  # British spelling, American dictionary
    assert words["livelihood"].pos == "noun"
    assert words["teach"].pos == "verb" and words["teach"].form == "teaches"
    assert words["small"].pos == "adj"  # "her small team"
    assert words["social media"].pos == "noun"
    assert by_word(tea[1])["give up"].pos == "verb"


@pytest.mark.parametrize("arpabet, ipa", [
    ("K AE1 T", "kæt"),                       # cat: one syllable, no stress mark
    ("AH0 B AW1 T", "əˈbaʊt"),                # about
    ("IH0 N S T R AH1 K T", "ɪnˈstrʌkt"),     # instruct: the stress mark goes before "str"
    ("K AH1 M P AH0 N IY2", "ˈkʌmpəni"),      # company
    ("AA1 R G Y UW0", "ˈɑːrɡjuː"),            # argue
])
def test_arpabet_to_ipa(arpabet, ipa):
    assert arpabet_to_ipa(arpabet) == ipa


def test_dictionary_chinese_offers_the_articles_word_first(village):
    item = by_word(village[1])["livelihood"]
    assert item.dictionary_chinese[0] == "生计"
    assert 1 <= len(item.dictionary_chinese) <= 3


def test_max_words_keeps_the_hardest_in_article_order(village):
    lesson, items = village
    few = select_english(lesson, max_words=5)
    assert len(few) == 5
    dropped = [item for item in items if item not in few]
    assert max(item.zipf for item in few) <= min(item.zipf for item in dropped)
    assert few == [item for item in items if item in few]


def test_export_shape(village):
    rows = english_vocabulary_dicts(village[1])
    assert len(rows) == len(village[1])
    assert all(set(row) == {"word", "form", "ipa", "pos", "chinese", "sentence"} for row in rows)
    row = next(row for row in rows if row["word"] == "livelihood")
    assert row == {"word": "livelihood", "form": "livelihoods", "ipa": "ˈlaɪvliˌhʊd", "pos": "noun",
                   "chinese": "生计", "sentence": "s1"}
    json.dumps(rows, ensure_ascii=False)


def test_a_chinese_only_article_gets_no_reverse_deck(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text("今天下雨了。\n\n我们在家里包饺子,一边包一边聊天。\n", encoding="utf-8")
    lesson = flashcards.build(path)
    assert select_english(lesson) == []
    assert "no English" in why_no_reverse_deck(lesson)


def test_a_bilingual_article_has_a_reverse_deck(village):
    assert why_no_reverse_deck(village[0]) is None
