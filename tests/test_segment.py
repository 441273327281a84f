"""Segmentation: every vocabulary item a real dictionary word."""

from __future__ import annotations

import pytest

from flashcards import dictionary
from flashcards.segment import segment, split_known


@pytest.fixture(scope="module")
def cedict():
    return dictionary.load()


def words(text, cedict):
    return [word for word, _tag in segment(text, cedict)]


def test_words_concatenate_back_to_the_sentence(cedict):
    text = "我在西安的银行工作,这篇文章讲了三个人共赢的故事。"
    assert "".join(words(text, cedict)) == text


def test_unknown_jieba_token_is_split_into_dictionary_words(cedict):
    assert "篇文章" not in cedict
    assert words("这篇文章很长。", cedict)[:3] == ["这", "篇", "文章"]


def test_a_number_keeps_its_measure_word_apart(cedict):
    found = words("他讲了三个人的故事。", cedict)
    assert found[3:6] == ["三", "个", "人"]
    assert "个人" not in found


def test_single_characters_forming_a_dictionary_word_are_joined(cedict):
    assert "共赢" in words("双方可以实现共赢。", cedict)


def test_a_name_jieba_recognises_is_kept_whole(cedict):
    assert "吴恩达" not in cedict
    assert "吴恩达" in words("吴恩达在会上发言。", cedict)


def test_a_run_of_characters_wrongly_guessed_as_a_name_is_split(cedict):
    assert "天一亮" not in words("每个星期六天一亮就出门。", cedict)


def test_split_known_prefers_the_fewest_dictionary_words(cedict):
    assert split_known("茶叶市场", cedict) == ["茶叶", "市场"]
