"""Names made whole, by what the article's English says of them (sentences of our own)."""

from __future__ import annotations

import pytest

import flashcards
from flashcards import dictionary
from flashcards.names import find_names, spelled_alike
from flashcards.segment import segment

from .conftest import every_word


@pytest.fixture(scope="module")
def cedict():
    return dictionary.load()


def named(zh: str, en: str, cedict) -> list[tuple[str, str]]:
    return find_names(segment(zh, cedict), en, cedict)


def test_a_person_jieba_cuts_into_words_is_one_name(cedict):
    found = named("昨天宋家明和我们一起吃了晚饭。", "Yesterday Sung Ka-ming had dinner with us.", cedict)
    assert ("宋家明", "nr") in found
    assert "".join(word for word, _ in found) == "昨天宋家明和我们一起吃了晚饭。"


def test_a_name_cut_out_of_a_word_leaves_the_words_around_it(cedict):
    found = [w for w, _ in named("会上还有关明远和几位老师。", "Also at the meeting were Ming-yuen Kwan and some teachers.",
                                 cedict)]
    assert "关明远" in found and "有关" not in found and "还有" in found


def test_a_name_spelled_in_the_english_is_not_the_dictionary_word(cedict):
    """海螺 is a sea snail; with "Conch" no, with "Hailuo" yes: a product's name."""
    assert ("海螺", "nx") in named("她用海螺做了视频。", "She made the video with Hailuo.", cedict)
    assert ("海螺", "nx") not in named("海滩上有很多海螺。", "There are many sea snails on the beach.", cedict)
    assert spelled_alike("Kling", "keling") and not spelled_alike("Kim", "jin")


def test_no_name_in_the_english_means_no_guessed_name(cedict):
    """jieba guesses 包里 and 车锁 are names; the English names nobody."""
    found = [w for w, _ in named("我把钥匙放在包里了,车锁也坏了。", "I left the keys in my bag, and the lock is broken.",
                                 cedict)]
    assert "包里" not in found and "车锁" not in found


def test_a_given_name_the_english_translates_is_no_name(cedict):
    """张开嘴 is "opened his mouth", whatever name the English also holds."""
    found = [w for w, _ in named("他张开嘴笑了。", "He opened his mouth and laughed, said Mary Chow.", cedict)]
    assert "张开嘴" not in found


def test_titles_and_transliterated_names_are_one_word(cedict):
    found = segment("我们看了《大河之歌》,主演是约翰·史密斯。", cedict)
    assert ("大河之歌", "nw") in found and ("约翰·史密斯", "nr") in found


def test_names_read_as_names_in_the_sentence_pinyin(tmp_path):
    path = tmp_path / "names.txt"
    path.write_text("We thank Sung Ka-ming and John Smith for the Hailuo demo.\n\n"
                    "感谢宋家明和约翰·史密斯演示了海螺。\n", encoding="utf-8")
    lesson = flashcards.build(path, options=every_word())
    pinyin = lesson.sentences[0].pinyin
    assert "Sòng Jiāmíng" in pinyin and "Yuēhàn·Shǐmìsī" in pinyin and "Hǎiluó" in pinyin
    words = {item.word: item for item in lesson.vocabulary}
    assert "宋家明" not in words, "a person's name is no word to learn by default"
    assert words["海螺"].english == "Hailuo" and words["海螺"].proper
    named_too = flashcards.build(path, options=flashcards.Options(level=0, names=True))
    assert "宋家明" in {item.word for item in named_too.vocabulary}
