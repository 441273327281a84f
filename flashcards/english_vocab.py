"""The English side's names where they were before :mod:`flashcards.english` became a package
(its modules: lexicon, ipa, words, pos, counterpart, phrases, select), for code that imports them
from here."""

from .english.counterpart import ChineseSide, forget_senses
from .english.ipa import arpabet_to_ipa, heteronyms, ipa
from .english.lexicon import (CMUDICT_CREDIT, HETERONYM_CREDIT, LEMMINFLECT_CREDIT, MAX_DICTIONARY_CHINESE,
                              WORDFREQ_CREDIT, Lexicon, common_in_chinese, dictionary_chinese, load_lexicon)
from .english.pos import POS_NAMES, TAGGER_CREDIT
from .english.select import (ENGLISH_JOBS_PER_PROCESS, ENGLISH_SENTENCES_PER_JOB, EnglishVocabularyItem, _SentenceWork,
                             _sentence_items, english_items, english_vocabulary_dicts, select_english)
from .frequencies import chinese_zipf, english_zipf
from .english.offered import CAPITALISED_WORDS, NUMBER_WORDS, _article_context, _sentence_words, is_number

__all__ = ["CAPITALISED_WORDS", "CMUDICT_CREDIT", "ENGLISH_JOBS_PER_PROCESS", "ENGLISH_SENTENCES_PER_JOB",
           "HETERONYM_CREDIT", "chinese_zipf", "LEMMINFLECT_CREDIT", "MAX_DICTIONARY_CHINESE", "NUMBER_WORDS", "POS_NAMES",
           "TAGGER_CREDIT", "WORDFREQ_CREDIT", "ChineseSide", "EnglishVocabularyItem", "Lexicon", "_SentenceWork",
           "_article_context", "_sentence_items", "_sentence_words", "arpabet_to_ipa", "common_in_chinese",
           "dictionary_chinese", "english_items", "english_vocabulary_dicts", "english_zipf", "forget_senses",
           "heteronyms", "ipa", "is_number", "load_lexicon", "select_english"]
