"""Sentence splitting in both languages."""

from __future__ import annotations

from flashcards.sentences import split_chinese, split_english


def test_english_does_not_break_at_abbreviations_decimals_or_inside_quotes():
    paragraph = ('Dr. Chen moved to the U.S. in May. The fare is $3.50 after 9 p.m. on weekdays. '
                 '"Keep the change. Really," he said. We waited (the bus was late. Again.) and left.')
    assert split_english(paragraph) == [
        "Dr. Chen moved to the U.S. in May.",
        "The fare is $3.50 after 9 p.m. on weekdays.",
        '"Keep the change. Really," he said.',
        "We waited (the bus was late. Again.) and left.",
    ]


def test_english_list_items_are_separate_sentences():
    assert split_english("buy flour\nboil water") == ["buy flour", "boil water"]


def test_chinese_ends_at_full_stops_question_marks_and_semicolons():
    assert split_chinese("天亮了。你去吗?我不去！先喝茶；再说吧…") == [
        "天亮了。", "你去吗?", "我不去！", "先喝茶；", "再说吧…"]


def test_chinese_closing_quote_stays_with_its_sentence():
    assert split_chinese("她说:“水开了。”我点点头。") == ["她说:“水开了。”", "我点点头。"]


def test_chinese_text_without_end_mark_is_one_sentence():
    assert split_chinese("朋友们好,") == ["朋友们好,"]


def test_every_chinese_character_lands_in_exactly_one_sentence():
    text = "他说:“好!”然后走了……我们呢?留下；一直等到天黑。最后"
    assert "".join(split_chinese(text)) == text


def test_a_huge_run_without_punctuation_is_cut_into_card_sized_sentences():
    text = "茶" * 5000
    sentences = split_chinese(text)
    assert "".join(sentences) == text
    assert max(len(s) for s in sentences) <= 300


def test_plain_lines_split_as_pysbd_splits_them():
    """The quick path for lines without abbreviations, numbers or quotes agrees with pysbd."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from flashcards.sentences import _AMBIGUOUS, _english_segmenter

    word = st.sampled_from("market morning kettle seller tea the a stall neighbour opened slowly".split())
    sentence = st.builds(lambda words, end: " ".join(words).capitalize() + end,
                         st.lists(word, min_size=1, max_size=8), st.sampled_from([".", "!", "?", ""]))

    @settings(max_examples=150, deadline=None)
    @given(st.lists(sentence, min_size=1, max_size=5))
    def check(parts):
        line = " ".join(parts)
        if _AMBIGUOUS.search(line):
            return
        assert split_english(line) == [s.strip() for s in _english_segmenter().segment(line) if s.strip()]

    check()
