"""Decks imported into a real Anki collection (the official ``anki`` package)."""

from __future__ import annotations

import re

import pytest

import flashcards
from flashcards.render.anki import SENTENCE_MODEL_ID, VOCABULARY_MODEL_ID, build_package

from .conftest import ARTICLES, every_word, import_apkg

SAMPLES = sorted(p for p in ARTICLES.iterdir() if p.suffix in (".txt", ".md") and ".en." not in p.name
                 and ".zh." not in p.name)


@pytest.fixture(scope="module")
def sample_decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("decks")
    built = []
    for path in SAMPLES:
        lesson = flashcards.build(path, options=every_word())
        built.append((lesson, flashcards.write_deck(lesson, out / f"{lesson.slug}.apkg")))
    lesson = flashcards.build(en=ARTICLES / "night-bus.en.txt", zh=ARTICLES / "night-bus.zh.txt", options=every_word())
    built.append((lesson, flashcards.write_deck(lesson, out / f"{lesson.slug}.apkg")))
    return built


def test_there_are_sample_articles():
    assert len(SAMPLES) >= 3


def test_every_card_of_every_sample_renders_without_template_error(collection, sample_decks):
    for lesson, path in sample_decks:
        log = import_apkg(collection, path)
        # every note arrives; a word already imported from another article is the same note
        assert log.found_notes == len(lesson.vocabulary) + len({s.pair.zh_text for s in lesson.sentences if s.pair.zh})
    card_ids = collection.find_cards("")
    assert card_ids
    for card_id in card_ids:
        card = collection.get_card(card_id)
        question, answer = card.question(), card.answer()
        for html in (question, answer):
            assert "error" not in html.lower(), html
            assert "{{" not in html
        front_text = re.sub(r"<style>.*?</style>|<[^>]+>", "", question, flags=re.S).strip()
        assert front_text, f"empty front on card {card_id}"


def test_importing_the_same_deck_twice_adds_nothing(collection, sample_decks):
    _lesson, path = sample_decks[0]
    import_apkg(collection, path)
    notes = collection.note_count()
    log = import_apkg(collection, path)
    assert len(log.new) == 0
    assert collection.note_count() == notes


def test_a_rebuild_gives_the_same_note_guids_and_ids(tmp_path):
    lesson = flashcards.build(SAMPLES[0])
    again = flashcards.build(SAMPLES[0])
    first = build_package(lesson)
    second = build_package(again)
    guids = [[note.guid for note in deck.notes] for deck in first.decks]
    assert guids == [[note.guid for note in deck.notes] for deck in second.decks]
    assert [deck.deck_id for deck in first.decks] == [deck.deck_id for deck in second.decks]


def test_each_sentence_card_carries_its_english_original(collection, sample_decks):
    lesson, path = next((lesson, path) for lesson, path in sample_decks if lesson.slug == "tea-market")
    import_apkg(collection, path)
    notes = [collection.get_note(nid) for nid in collection.find_notes(f"mid:{SENTENCE_MODEL_ID}")]
    by_chinese = {note["Hanzi"]: note for note in notes}
    from html import escape

    checked = 0
    for sentence in lesson.sentences:
        if sentence.pair.zh and sentence.pair.en:
            note = by_chinese[escape(sentence.pair.zh_text)]
            assert note["English"] == escape(sentence.pair.en_text)
            checked += 1
    assert checked >= 25
    merged = [s for s in lesson.sentences if len(s.pair.en) == 2]
    assert merged, "the sample has a merged sentence"
    card = collection.get_card(collection.find_cards(f'"Hanzi:{escape(merged[0].pair.zh_text)}"')[0])
    for english in merged[0].pair.en:
        assert escape(english) in card.answer()


def test_vocabulary_card_shows_pinyin_meaning_and_the_sentence_with_its_english(collection, sample_decks):
    lesson, path = next((lesson, path) for lesson, path in sample_decks if lesson.slug == "tea-market")
    import_apkg(collection, path)
    note_id = collection.find_notes(f"mid:{VOCABULARY_MODEL_ID} Hanzi:银行")[0]
    card = collection.get_note(note_id).cards()[0]
    answer = card.answer()
    assert '<span class="tone2">yín</span><span class="tone2">háng</span>' in answer
    assert "bank" in answer
    assert '<span class="hl">bank</span>' in answer
    assert "家 jiā" in answer
    assert "CC-CEDICT" in collection.decks.by_name(lesson.title.zh)["desc"]


def test_deck_has_vocabulary_and_sentence_subdecks_and_tags(collection, sample_decks):
    lesson, path = sample_decks[0]
    import_apkg(collection, path)
    names = {deck.name for deck in collection.decks.all_names_and_ids()}
    title = lesson.title.zh
    assert {title, f"{title}::Vocabulary", f"{title}::Sentences"} <= names
    note = collection.get_note(collection.find_notes(f"mid:{VOCABULARY_MODEL_ID}")[0])
    assert f"article::{lesson.slug}" in note.tags
    assert any(tag.startswith("frequency::") for tag in note.tags)


def test_article_text_is_escaped_never_markup(tmp_path, collection):
    path = tmp_path / "evil.txt"
    path.write_text('Click <script>alert(1)</script> and {{Front}} now.\n\n'
                    '请不要点击网页上的<script>alert(1)</script>按钮,也别输入{{Front}}这样的字。\n', encoding="utf-8")
    lesson = flashcards.build(path)
    deck = flashcards.write_deck(lesson, tmp_path / "evil.apkg")
    import_apkg(collection, deck)
    card = collection.get_card(collection.find_cards(f"mid:{SENTENCE_MODEL_ID}")[0])
    answer = card.answer()
    assert "<script>" not in answer
    assert "&lt;script&gt;" in answer
    assert "{{Front}}" in answer or "&#123;" in answer or "{{Front}}" in card.note()["Hanzi"]


def test_each_character_of_a_word_is_coloured_by_its_tone_and_markup_stays_text():
    from flashcards.models import Reading
    from flashcards.render.fields import coloured_hanzi

    assert coloured_hanzi("银行", Reading(("yin2", "hang2"))) == \
        '<span class="tone2">银</span><span class="tone2">行</span>'
    assert coloured_hanzi("好吧", Reading(("hao3", "ba5"))) == \
        '<span class="tone3">好</span><span class="tone5">吧</span>'
    # a character that is markup is still one coloured character, as text
    assert coloured_hanzi("<&", Reading(("a1", "e4"))) == \
        '<span class="tone1">&lt;</span><span class="tone4">&amp;</span>'
    # syllables that do not match the characters one to one: the word uncoloured, escaped
    assert coloured_hanzi("<银行>", Reading(("yin2", "hang2"))) == "&lt;银行&gt;"


def test_chinese_only_article_gives_cards_without_english(tmp_path, collection):
    path = tmp_path / "zh.txt"
    path.write_text("今天下雨了。\n\n我们在家里包饺子,一边包一边聊天。\n", encoding="utf-8")
    lesson = flashcards.build(path, options=every_word())
    log = import_apkg(collection, flashcards.write_deck(lesson, tmp_path / "zh.apkg"))
    assert len(log.new) >= 4
    for card_id in collection.find_cards(""):
        assert "error" not in collection.get_card(card_id).answer().lower()


def test_a_card_never_lists_twenty_senses(sample_decks):
    from flashcards.render.anki import MAIN_SENSES, MORE_SENSES, VOCABULARY_FIELDS

    lesson, _path = next((lesson, path) for lesson, path in sample_decks if lesson.slug == "tea-market")
    richest = max(lesson.vocabulary, key=lambda item: len(item.definitions))
    assert len(richest.definitions) > MAIN_SENSES + MORE_SENSES, "some word of the article has many senses"
    package = build_package(lesson)
    note = next(note for deck in package.decks for note in deck.notes
                if note.model.model_id == VOCABULARY_MODEL_ID and note.fields[0] == richest.word)
    from html import escape

    meaning = note.fields[VOCABULARY_FIELDS.index("Meaning")]
    more = note.fields[VOCABULARY_FIELDS.index("MoreMeanings")]
    assert meaning.startswith(escape(richest.definitions[0]))
    shown = [sense for sense in richest.definitions if escape(sense) in meaning + "; " + more]
    assert len(shown) == MAIN_SENSES + MORE_SENSES


def test_the_chinese_deck_speaks_the_word_and_the_sentence_on_the_back(collection, sample_decks):
    """Anki's own text to speech (desktop, AnkiDroid, AnkiMobile; no network): the back of a
    vocabulary card says the word and its sentence, the back of a sentence card the sentence;
    the fronts stay silent, so a card never reads its answer out."""
    lesson, path = next((lesson, path) for lesson, path in sample_decks if lesson.slug == "tea-market")
    import_apkg(collection, path)
    item = next(item for item in lesson.vocabulary if item.word == "银行")
    card = collection.get_note(collection.find_notes(f"mid:{VOCABULARY_MODEL_ID} Hanzi:银行")[0]).cards()[0]
    spoken = [(tag.lang, tag.field_text) for tag in card.answer_av_tags()]
    assert spoken == [("zh_CN", "银行"), ("zh_CN", lesson.sentence_by_id(item.sentence).pair.zh_text)]
    assert card.question_av_tags() == []
    sentence = collection.get_card(collection.find_cards(f"mid:{SENTENCE_MODEL_ID}")[0])
    assert [tag.lang for tag in sentence.answer_av_tags()] == ["zh_CN"] and sentence.question_av_tags() == []
    assert "[anki:play:a:0]" in card.answer() and "[anki:play:a:1]" in card.answer()  # a button each
