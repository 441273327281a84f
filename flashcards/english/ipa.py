"""Pronunciation: CMUdict's ARPAbet as the American IPA of learners' dictionaries."""

from __future__ import annotations

import re
from dataclasses import field
from functools import lru_cache

from .spelling import american_spelling
from .lexicon import Lexicon, load_lexicon

# --------------------------------------------------------------------------------------------
# Pronunciation: ARPAbet → IPA
# --------------------------------------------------------------------------------------------

# The American IPA of learners' dictionaries (Oxford Learner's, American English), which Chinese
# textbooks use: long vowels marked (iː, uː, ɑː, ɔː), /e/ for DRESS, /r/ rather than /ɹ/.
_STRESSED = {"AA": "ɑː", "AE": "æ", "AH": "ʌ", "AO": "ɔː", "AW": "aʊ", "AY": "aɪ", "EH": "e", "ER": "ɜːr",
             "EY": "eɪ", "IH": "ɪ", "IY": "iː", "OW": "oʊ", "OY": "ɔɪ", "UH": "ʊ", "UW": "uː"}
_UNSTRESSED = {**_STRESSED, "AH": "ə", "ER": "ər", "IY": "i", "UW": "u"}
_FINAL_UNSTRESSED = {**_UNSTRESSED, "UW": "uː"}  # argue /ˈɑːrɡjuː/ but influence /ˈɪnfluəns/
_CONSONANTS = {"B": "b", "CH": "tʃ", "D": "d", "DH": "ð", "F": "f", "G": "ɡ", "HH": "h", "JH": "dʒ", "K": "k",
               "L": "l", "M": "m", "N": "n", "NG": "ŋ", "P": "p", "R": "r", "S": "s", "SH": "ʃ", "T": "t",
               "TH": "θ", "V": "v", "W": "w", "Y": "j", "Z": "z", "ZH": "ʒ"}
# Consonant clusters that may begin an English syllable: the stress mark goes before them.
_ONSETS = frozenset(
    [(c,) for c in _CONSONANTS if c != "NG"]
    + [(c, "R") for c in ("P", "B", "T", "D", "K", "G", "F", "TH", "SH")]
    + [(c, "L") for c in ("P", "B", "K", "G", "F", "S")]
    + [(c, "W") for c in ("T", "D", "K", "G", "S", "TH")]
    + [(c, "Y") for c in ("P", "B", "K", "G", "F", "V", "M", "HH")]
    + [("S", c) for c in ("P", "T", "K", "M", "N")]  # not SF: trans|form, not tran|sform
    + [("S", "P", "R"), ("S", "T", "R"), ("S", "K", "R"), ("S", "P", "L"), ("S", "K", "W"), ("S", "K", "Y"),
       ("S", "P", "Y")])


def arpabet_to_ipa(arpabet: str) -> str:
    """"L AY1 V L IY0 HH UH2 D" → "ˈlaɪvliˌhʊd" (one-syllable words get no stress mark).

    A final "IY2" is read as unstressed (company /ˈkʌmpəni/), as learners' dictionaries do, and
    so is a weak first syllable right before the main stress (decide /dɪˈsaɪd/, not /ˌdɪˈsaɪd/).
    An unstressed ER before a vowel gives its r to the next syllable (surround /səˈraʊnd/).
    """
    phones: list[str] = []
    source = arpabet.split()
    for i, phone in enumerate(source):
        if phone == "ER0" and i + 1 < len(source) and source[i + 1][-1:].isdigit():
            phones.extend(("AH0", "R"))
        else:
            phones.append(phone)
    if phones and phones[-1] == "IY2":
        phones[-1] = "IY0"
    vowels = [i for i, phone in enumerate(phones) if phone[-1:].isdigit()]
    if len(vowels) > 1 and phones[vowels[0]] in ("IH2", "IY2") and phones[vowels[1]][-1] == "1":
        phones[vowels[0]] = phones[vowels[0]][:-1] + "0"
    marks: dict[int, str] = {}
    if len(vowels) > 1:
        previous = -1
        primary_seen = False
        for i in vowels:
            if phones[i][-1] in "12":
                # after the main stress, a secondary one takes one consonant (soft|ware, guard|rail)
                start = i - 1 if primary_seen and phones[i][-1] == "2" and i - 1 > previous and \
                    not phones[i - 1][-1:].isdigit() else _onset_start(phones, i, previous)
                marks[start] = "ˈ" if phones[i][-1] == "1" else "ˌ"
                primary_seen = primary_seen or phones[i][-1] == "1"
            previous = i
    out = []
    for i, phone in enumerate(phones):
        out.append(marks.get(i, ""))
        if phone[-1:].isdigit():
            table = _STRESSED if phone[-1] != "0" else _FINAL_UNSTRESSED if i == len(phones) - 1 else _UNSTRESSED
            out.append(table.get(phone[:-1], ""))
        else:
            out.append(_CONSONANTS.get(phone, ""))
    return "".join(out)


def _without_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _onset_start(phones: list[str], vowel: int, previous_vowel: int) -> int:
    """Where the syllable of ``vowel`` starts: the longest legal onset after the previous vowel."""
    start = vowel
    while start - 1 > previous_vowel and tuple(phones[start - 1:vowel]) in _ONSETS:
        start -= 1
    return start


def ipa(word: str, lexicon: Lexicon | None = None, pos: str = "") -> str | None:
    """IPA for a word or phrase, word by word; None when CMUdict lacks any part of it.

    ``pos`` (noun, verb, adj) picks between a heteronym's pronunciations (record, present, use).
    CMUdict spells without accents (café is "cafe") and joins some compounds with a hyphen;
    the parts of a hyphenated word are said each on its own, the stress of a later part
    secondary (award-winning /əˈwɔːrdˌwɪnɪŋ/) unless the first has one syllable (cross-border).
    """
    lexicon = lexicon or load_lexicon()
    parts = []
    for piece in _without_accents(word).split():
        arpabet = _arpabet(piece, lexicon, pos)
        if arpabet is not None:
            parts.append(arpabet_to_ipa(arpabet))
        elif "-" in piece and all(_arpabet(p, lexicon, pos) for p in piece.split("-")):
            said = [arpabet_to_ipa(_arpabet(p, lexicon, pos) or "") for p in piece.split("-")]
            if _syllables(said[0]) == 1:  # cross-border /ˌkrɔːsˈbɔːrdər/, win-win /ˌwɪnˈwɪn/
                parts.append("ˌ" + said[0] + "".join(p if "ˈ" in p else "ˈ" + p for p in said[1:]))
            else:  # award-winning /əˈwɔːrdˌwɪnɪŋ/
                parts.append(said[0] + "".join(_secondary(p) for p in said[1:]))
        else:
            return None
    return " ".join(parts) or None


def _syllables(said: str) -> int:
    return len(re.findall(r"[aeiouæɑɔəɛɜɪʊʌ]+", said))


def _secondary(said: str) -> str:
    """A later part of a compound: its main stress made secondary, a mark put on a part of one syllable."""
    said = said.replace("ˈ", "ˌ")
    return said if "ˌ" in said else "ˌ" + said


def _arpabet(piece: str, lexicon: Lexicon, pos: str) -> str | None:
    lower = piece.lower()
    found = lexicon.arpabet(piece) or lexicon.arpabet(american_spelling(lower))
    if found is not None and pos:
        pair = heteronyms().get(lower)
        if pair is not None:
            first, second, verb_first = pair
            return first if (pos == "verb") == verb_first else second
    return found


@lru_cache(maxsize=1)
def heteronyms() -> dict[str, tuple[str, str, bool]]:
    """g2p-en's table of words said differently as a verb and otherwise (Apache-2.0):
    word → (its first pronunciation, its second, whether the first is the verb's).

    A row is "RECORD|R IH0 K AO1 R D|R EH1 K ER0 D|V": the first for that part of speech. Its
    row for READ is for the past tense (VBD) but lists the present /riːd/ first, so any verb
    row counts as a verb's, which is what a card of the dictionary form needs.
    """
    from ..cache import package_file

    path = package_file("g2p_en", "homographs.en")
    if path is None:
        from ..errors import FlashcardsError

        raise FlashcardsError("g2p_en's table of heteronyms (homographs.en) is missing: install the version "
                              "pyproject.toml asks for")
    table: dict[str, tuple[str, str, bool]] = {}
    for line in path.read_text("utf-8").splitlines():
        fields = [field.strip() for field in line.split("|")]
        if len(fields) == 4 and not line.startswith("#"):
            table[fields[0].lower()] = (fields[1], fields[2], fields[3].startswith("V"))
    return table


