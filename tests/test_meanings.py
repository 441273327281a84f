"""Meanings: cleaned senses, classifiers, and the English words of the article a word translates."""

from __future__ import annotations

from flashcards import dictionary
from flashcards.meanings import clean_sense, find_counterpart, gloss_for
from flashcards.models import DictionaryEntry, Reading


def test_classifiers_go_to_their_own_field_with_pinyin():
    gloss = gloss_for(Reading(("yin2", "hang2")), dictionary.load().lookup("银行"))
    assert gloss.classifiers == ("家 jiā", "个 gè")
    assert all(not sense.startswith("CL:") for sense in gloss.senses)


def test_only_the_senses_of_the_chosen_reading():
    entries = dictionary.load().lookup("行")
    hang = gloss_for(Reading(("hang2",)), entries)
    xing = gloss_for(Reading(("xing2",)), entries)
    assert "row" in hang.senses and "to walk" not in hang.senses
    assert "to walk" in xing.senses and "row" not in xing.senses


def test_variant_and_surname_senses_come_last():
    entries = (DictionaryEntry("乾", "干", "gan1", ("surname Gan", "dry", "clean")),)
    assert gloss_for(Reading(("gan1",)), entries).senses == ("dry", "clean", "surname Gan")


def test_cross_references_keep_simplified_form_with_tone_marks():
    assert clean_sense("see 陝西省|陕西省[Shan3 xi1 Sheng3]") == "see 陕西省 (Shǎnxī Shěng)"


def test_counterpart_is_the_english_phrase_the_word_translates():
    found = find_counterpart(("intellectual property rights (law)",),
                             "Writers care about intellectual property more than most.")
    assert found.text == "intellectual property"


def test_counterpart_matches_inflected_forms_through_lemmas():
    sentence = "Unions protect the livelihoods of their members."
    found = find_counterpart(("livelihood",), sentence)
    assert found.text == "livelihoods"
    assert sentence[found.start:found.end] == "livelihoods"


def test_the_sense_that_matches_the_sentence_is_reported():
    found = find_counterpart(("to walk", "capable", "all right"), "She is a very capable engineer.")
    assert found.sense == 1


def test_no_counterpart_when_nothing_matches():
    assert find_counterpart(("livelihood",), "The weather was fine.") is None
