"""Rebuilding a deck after editing its article never loses a review and adds only what is new."""

from __future__ import annotations

import flashcards
from flashcards.render.anki import SENTENCE_MODEL_ID, VOCABULARY_MODEL_ID

from .conftest import SMALL_ARTICLE, every_word, import_apkg


def _build(tmp_path, text: str, name: str, timestamp: str, monkeypatch):
    article = tmp_path / "bikes.txt"
    article.write_text(text, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", timestamp)
    lesson = flashcards.build(article, options=every_word())
    return lesson, flashcards.write_deck(lesson, tmp_path / name / "bikes.apkg")


def test_a_one_word_edit_updates_in_place_and_keeps_review_history(tmp_path, collection, monkeypatch):
    _first, deck = _build(tmp_path, SMALL_ARTICLE, "v1", "1700000000", monkeypatch)
    import_apkg(collection, deck)
    notes_before = collection.note_count()

    # The learner has studied the card of 银行: give it a review history.
    bank = collection.get_note(collection.find_notes(f"mid:{VOCABULARY_MODEL_ID} Hanzi:银行")[0])
    card = bank.cards()[0]
    card.type, card.queue, card.ivl, card.due, card.reps, card.factor = 2, 2, 17, 500, 4, 2500
    collection.update_card(card)

    # One word of one sentence changes: 冬天 (winter) becomes 秋天 (autumn).
    edited = SMALL_ARTICLE.replace("到了冬天,再也没人笑了。", "到了秋天,再也没人笑了。")
    assert edited != SMALL_ARTICLE
    second, deck = _build(tmp_path, edited, "v2", "1700100000", monkeypatch)
    log = import_apkg(collection, deck)

    assert len(log.new) <= 2  # at most the edited sentence and the new word
    assert {note.fields[0] for note in log.new} <= {"秋天", "到了秋天,再也没人笑了。"}
    assert collection.note_count() == notes_before + len(log.new)
    again = collection.get_card(card.id)
    assert (again.ivl, again.due, again.reps, again.queue) == (17, 500, 4, 2)
    sentence_notes = collection.find_notes(f"mid:{SENTENCE_MODEL_ID}")
    assert len(sentence_notes) == len({s.pair.zh_text for s in second.sentences if s.pair.zh}) + 1


def test_a_newer_build_updates_the_fields_of_existing_notes(tmp_path, collection, monkeypatch):
    from flashcards.render import anki

    _lesson, deck = _build(tmp_path, SMALL_ARTICLE, "v1", "1700000000", monkeypatch)
    import_apkg(collection, deck)
    # A later version of the tool writes a better meaning for a word already in the collection.
    original = anki.MAIN_SENSES
    monkeypatch.setattr(anki, "MAIN_SENSES", 1)
    _lesson, deck = _build(tmp_path, SMALL_ARTICLE, "v2", "1700100000", monkeypatch)
    monkeypatch.setattr(anki, "MAIN_SENSES", original)
    log = import_apkg(collection, deck)
    assert len(log.new) == 0
    assert len(log.updated) > 0
    note = collection.get_note(collection.find_notes(f"mid:{VOCABULARY_MODEL_ID} Hanzi:项目")[0])
    assert ";" not in note["Meaning"]


def test_the_same_word_in_two_articles_is_one_note(tmp_path, collection, monkeypatch):
    _lesson, first = _build(tmp_path, SMALL_ARTICLE, "v1", "1700000000", monkeypatch)
    other = tmp_path / "bank.txt"
    other.write_text("The bank opens at nine.\n\n银行九点开门。\n", encoding="utf-8")
    second = flashcards.write_deck(flashcards.build(other, options=every_word()), tmp_path / "bank.apkg")
    import_apkg(collection, first)
    import_apkg(collection, second)
    assert len(collection.find_notes(f"mid:{VOCABULARY_MODEL_ID} Hanzi:银行")) == 1
