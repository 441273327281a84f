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


def test_a_word_never_takes_an_english_word_through_its_parts():
    """机会 (opportunity) is not "unions" because 会 can be a union."""
    from flashcards.meanings import counterpart_for, senses_of_word

    cedict = dictionary.load()
    sentence = "Unions protect the jobs of their members."
    assert counterpart_for("机会", senses_of_word("机会", cedict), sentence, cedict) is None


def test_the_english_goes_to_the_word_that_translates_it_best():
    """Two words that could claim "unions": the one whose own sense it is wins it."""
    from flashcards.meanings import sentence_counterparts, senses_of_word

    cedict = dictionary.load()
    sentence = "The unions fought for every job."
    found = sentence_counterparts([(w, senses_of_word(w, cedict)) for w in ("工会", "会", "工作")], sentence, cedict)
    assert found[0].text == "unions" and found[1] is None


def test_a_sense_must_be_mostly_there_not_one_common_word_of_it():
    """说不定 "can't say for sure" is not "said"; 观点 "point of view" may be "view"."""
    assert find_counterpart(("can't say for sure", "maybe"), "Having said that, perhaps we will go.") is None
    assert find_counterpart(("point of view",), "Her view is simple.").text == "view"


def test_a_sense_with_a_preposition_needs_it_and_a_noun_is_not_a_verb():
    assert find_counterpart(("at present", "now"), "They present the plan today.") is None
    assert find_counterpart(("at present", "now"), "At present the plan works.").text == "At present"
    assert find_counterpart(("respect", "aspect"), "I have come to respect deeply her work.") is None
    assert find_counterpart(("respect", "aspect"), "She earned our respect.").text == "respect"


def test_little_words_alone_are_never_a_counterpart():
    """让 "to have sb do sth" is not the "has" of "has changed"."""
    assert find_counterpart(("to have sb do sth", "to yield"), "The city has changed a lot.") is None


def test_a_possessive_matches_its_word():
    assert find_counterpart(("Hollywood",), "Hollywood’s studios are worried.").text == "Hollywood’s"


def test_a_noun_finds_the_adjective_or_verb_it_is_made_of():
    """anxieties: 焦虑 "anxious"; observations: 观察 "to observe"; but metal is not "met"."""
    assert find_counterpart(("anxious", "worried"), "We learned about their anxieties.").text == "anxieties"
    assert find_counterpart(("to observe",), "Her observations were sharp.").text == "observations"
    assert find_counterpart(("to meet",), "The metal was cold.") is None
