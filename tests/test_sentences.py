"""Sentence splitting in both languages."""

from __future__ import annotations

import pytest

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
    """The quick path (lines whose every stop is plain) agrees with pysbd, quotations included."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from flashcards.sentences import _english_segmenter, _plain_sentences

    word = st.sampled_from("market morning kettle seller tea the a stall neighbour opened slowly go up it "
                           "art no co gen don't it's Mr. Dr. Mrs. Lee Wang I".split())
    words = st.lists(word, min_size=1, max_size=7).map(" ".join)
    end = st.sampled_from([".", "!", "?", "", "!?"])
    plain = st.builds(lambda text, stop: text[:1].upper() + text[1:] + stop, words, end)
    quoted = st.builds(lambda text, stop, tail, opener, closer: f"{opener}{text[:1].upper()}{text[1:]}{stop}{closer}{tail}",
                       words, end, st.sampled_from(["", " she said.", " He left.", ", he said."]),
                       st.sampled_from(['"', "“"]), st.sampled_from(['"', "”"]))

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.one_of(plain, quoted), min_size=1, max_size=5))
    def check(parts):
        line = " ".join(parts)
        quick = _plain_sentences(line)
        if quick is not None:
            assert quick == [s.strip() for s in _english_segmenter().segment(line) if s.strip()]

    check()


def test_quotations_and_titles_before_names_do_not_need_pysbd():
    """Dialogue and Mr./Dr. before a name take the quick path (pysbd is most of a novel's English time)."""
    from flashcards.sentences import _plain_sentences

    assert _plain_sentences('"Why?" she asked. Mr. Lee shrugged. "Go home." Then he left.') == [
        '"Why?" she asked.', "Mr. Lee shrugged.", '"Go home."', "Then he left."]
    assert _plain_sentences("It costs 3.50 in the U.S. today.") is None


def _gold_english() -> str:
    """Every English sentence of our gold alignments, as one line of some 37,000 characters."""
    import json
    from pathlib import Path

    gold = Path(__file__).parent / "gold"
    return " ".join(sentence for path in sorted(gold.rglob("*.align.jsonl"))
                    for line in path.read_text("utf-8").splitlines() for sentence in json.loads(line)["en"])


@pytest.fixture
def pysbd_given(monkeypatch) -> list[int]:
    """The length of every text pysbd is given (it still splits them)."""
    from flashcards import sentences

    segmenter = sentences._english_segmenter()
    given: list[int] = []

    class Recording:
        def segment(self, text):
            given.append(len(text))
            return segmenter.segment(text)

    monkeypatch.setattr(sentences, "_english_segmenter", Recording)
    return given


def test_a_book_on_one_line_splits_as_pysbd_splits_it_without_handing_it_the_whole_line(pysbd_given):
    """A book's English in a file without blank lines is one line; pysbd's time grows with the
    square of a line's length (minutes for a book), so the line is cut at sure sentence ends first."""
    import pysbd

    from flashcards.sentences import PYSBD_LONGEST, _cut_long

    line = _gold_english()
    assert len(line) > 5 * PYSBD_LONGEST
    expected = [piece for sentence in pysbd.Segmenter(language="en", clean=False).segment(line) if sentence.strip()
                for piece in _cut_long(sentence.strip(), " ")]
    assert split_english(line) == expected
    assert pysbd_given and max(pysbd_given) <= PYSBD_LONGEST


def test_a_long_line_without_sure_sentence_ends_is_still_cut_and_keeps_every_word(pysbd_given):
    """All in lower case, or figures: no sure end to cut at, yet pysbd must not get the whole line."""
    from flashcards.sentences import PYSBD_LONGEST

    for line in ("we went to the market at dawn. it was cold, and the kettles were steaming. " * 400,
                 "it cost 3.50 or 4.25 and e.g. 2.75 a cup; " * 800):
        pysbd_given.clear()
        found = split_english(line)
        assert pysbd_given and max(pysbd_given) <= PYSBD_LONGEST
        assert " ".join(found).split() == line.split()
        assert max(map(len, found)) <= 300


def test_a_closing_quote_after_a_space_stays_with_the_sentence_it_closes():
    # a typesetter's space between the full stop and the quote must not make "”" a sentence
    assert split_chinese("她笑道：“你猜不到的。 ”我摇摇头。") == ["她笑道：“你猜不到的。 ”", "我摇摇头。"]


def test_one_sentence_a_line_files_keep_their_lines_as_sentences():
    from flashcards.sentences import split_pair

    english = ("The ferry left at dawn.\n"
               "\"Wait!\" shouted the boy on the pier. He was too late.\n"
               "Gulls followed the boat out of the harbour.\n"
               "The captain, who had seen it all before, only laughed.\n"
               "The island was an hour away.\n"
               "Its lighthouse had been dark for years.")
    chinese = ("渡船天一亮就开了。\n“等等！”码头上的男孩喊道，可是已经晚了。\n海鸥跟着船飞出了港口。\n"
               "船长见得多了，只是笑了笑。\n小岛在一小时航程之外。\n岛上的灯塔已经黑了好多年。")
    en, zh = split_pair((english,), (chinese,))
    # the second line holds two sentences by the splitter, but its translation is one line: kept whole
    assert en == english.split("\n")
    assert zh == chinese.split("\n")


def test_lines_are_never_joined_but_a_paragraph_a_line_is_still_split():
    from flashcards.sentences import split_pair

    english = ("The ferry left at dawn. Gulls followed it out of the harbour. The captain laughed.\n"
               "Nobody on the pier waved. The boy went home.")
    chinese = "渡船天一亮就开了。海鸥跟着它飞出了港口。船长笑了。\n码头上没有人挥手。男孩回家了。"
    en, zh = split_pair((english,), (chinese,))
    assert en == ["The ferry left at dawn.", "Gulls followed it out of the harbour.", "The captain laughed.",
                  "Nobody on the pier waved.", "The boy went home."]
    assert len(zh) == 5
