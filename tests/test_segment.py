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


def test_our_tagger_finds_jiebas_path_for_every_word_it_lacks():
    """A name's tag decides whether it stays whole: our quicker search must find exactly the
    path (and score) jieba's own Viterbi search finds, ties and characters it never saw included."""
    import random

    from flashcards.segment import _tokenizer
    from flashcards.tagger import viterbi

    _tokenizer()
    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi as jiebas

    rng = random.Random(5)
    characters = [chr(code) for code in range(0x4E00, 0x9FA6)]
    words = ["吴恩达", "欧阳娜娜", "乌鲁木齐", "阿卜杜拉", "鑫淼犇骉", "\U00020BB7野家", "a茶"]
    words += ["".join(rng.choice(characters) for _ in range(rng.choice((1, 2, 2, 3, 4, 7)))) for _ in range(400)]
    for word in words:
        assert viterbi(word) == jiebas(word, char_state_tab_P, start_P, trans_P, emit_P), word


def test_a_word_made_with_an_affix_is_whole_where_the_dictionary_lacks_it(cedict):
    """从业者 (practitioner) and 敏感度 (sensitivity) are jieba's words; CC-CEDICT has 从业, 敏感."""
    assert "从业者" not in cedict
    found = words("很多从业者担心数据的敏感度。", cedict)
    assert "从业者" in found and "业者" not in found and "敏感度" in found and "度" not in found


def test_two_common_characters_are_not_joined_into_a_rare_word(cedict):
    """所有人都会来: 都 "all" + 会 "will", not 都会 "city"; 共赢 still joins."""
    found = words("所有人都会来。", cedict)
    assert "都会" not in found and found[found.index("都"):found.index("都") + 2] == ["都", "会"]
    assert "共赢" in words("双方可以实现共赢。", cedict)


def test_grammar_is_not_taken_for_a_word(cedict):
    assert "读完" not in words("我读完了这本书。", cedict)
    assert "很多" not in words("今天很多人来了。", cedict)


def test_a_jieba_name_tag_on_a_dictionary_word_is_dropped(cedict):
    """jieba's table calls 敬佩 (to admire) a name."""
    assert dict(segment("我一直很敬佩她。", cedict))["敬佩"] not in ("nr", "nrfg", "nrt")


def test_a_word_after_a_numeral_word_is_joined_when_no_measure_word_stands_between(cedict):
    """多方共赢 (a win for all sides): 多方 is a numeral word, but 共 no measure word."""
    assert "共赢" in words("推动项目朝着多方共赢的方向发展。", cedict)
