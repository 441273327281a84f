"""How cards look: fonts for each script, contrast of every text colour, day and night."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib import resources

import pytest

import flashcards

from .conftest import import_apkg

CJK_FONT = re.compile(r"CJK|PingFang|YaHei|JhengHei|Hiragino|Han Sans|Song|Hei\b|Ming", re.IGNORECASE)
CJK_CHAR = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")

# Written for these tests: curly apostrophes and quotes in both languages.
ARTICLE = """Lin’s café opens at six, and the “night shift” starts then.

林的咖啡馆六点开门，“夜班”也从那时开始。
"""


def _css(*names: str) -> str:
    text = "\n".join(resources.files("flashcards").joinpath(f"templates/{name}").read_text("utf-8") for name in names)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) for each selector of each rule, in source order."""
    rules = []
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        declarations = dict((name.strip(), value.strip()) for name, _, value in
                            (part.partition(":") for part in body.split(";") if ":" in part))
        rules.extend((selector.strip(), declarations) for selector in selectors.split(","))
    return rules


class _Elements(HTMLParser):
    """Each text of a rendered card with the classes of its element and its ancestors."""

    VOID = {"br", "hr", "img", "meta", "input", "source"}

    def __init__(self):
        super().__init__()
        self.stack: list[set[str]] = [{"card"}]  # Anki's reviewer puts the card in <body class="card">
        self.texts: list[tuple[str, list[set[str]]]] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        if tag not in self.VOID:
            self.stack.append(set((dict(attrs).get("class") or "").split()) | {tag})

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1
        if tag not in self.VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and not self.skip:
            self.texts.append((data.strip(), [set(c) for c in self.stack]))


def _font_of(chain: list[set[str]], rules) -> str:
    """The font-family the day-mode cascade gives the innermost element of ``chain``."""
    for depth in range(len(chain) - 1, -1, -1):
        best = None
        for order, (selector, declarations) in enumerate(rules):
            if "font-family" not in declarations or "night" in selector.lower():
                continue
            compounds = selector.split()
            wanted = set(re.findall(r"\.([\w-]+)", compounds[-1])) | set(re.findall(r"^([a-z]+)", compounds[-1]))
            if not wanted <= chain[depth]:
                continue
            if any(not any(set(re.findall(r"\.([\w-]+)", c)) <= above for above in chain[:depth]) for c in compounds[:-1]):
                continue
            key = (selector.count("."), order)
            if best is None or key > best[0]:
                best = (key, declarations["font-family"])
        if best:
            return best[1]
    return ""


def _first_family(stack: str) -> str:
    return stack.split(",")[0].strip().strip('"')


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    out = tmp_path_factory.mktemp("style")
    path = out / "cafe.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    lesson = flashcards.build(path, options=flashcards.Options(level=0))
    return flashcards.write_deck(lesson, out / "cafe.apkg"), flashcards.write_reverse_deck(lesson, out / "cafe.reverse.apkg")[0]


def test_latin_text_is_set_in_a_latin_font_and_chinese_in_a_cjk_font(collection, decks):
    for deck in decks:
        import_apkg(collection, deck)
    latin = chinese = 0
    for card_id in collection.find_cards(""):
        card = collection.get_card(card_id)
        rules = _rules(re.sub(r"/\*.*?\*/", "", card.note_type()["css"], flags=re.S))
        for html in (card.question(), card.answer()):
            parser = _Elements()
            parser.feed(html)
            for text, chain in parser.texts:
                family = _first_family(_font_of(chain, rules))
                if "’" in text and not CJK_CHAR.search(text):
                    latin += 1
                    assert family and not CJK_FONT.search(family), (text, family)
                elif text.startswith("林的咖啡馆"):
                    chinese += 1
                    assert CJK_FONT.search(family), (text, family)
    assert latin and chinese  # the English sentence and the Chinese one were on cards


def _luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(c * 2 for c in colour)
    channels = [int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_computed_as_wcag_does():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54


@pytest.mark.parametrize("night", [False, True], ids=["day", "night"])
def test_every_text_colour_has_contrast_of_at_least_4_5_to_1(night):
    rules = _rules(_css("cards.css", "reverse.css"))

    def background(selector: str) -> str:
        found = [d["background-color"] for s, d in rules if s == selector and "background-color" in d]
        return found[-1]

    card = background(".nightMode.card") if night else background(".card")
    highlight = background(".nightMode .hl") if night else background(".hl")
    day: dict[str, str] = {}  # selector → its colour by day
    night_only: dict[str, str] = {}  # selector (without the night class) → its colour by night
    for selector, declarations in rules:
        if "color" in declarations:
            if "night" in selector.lower():
                night_only[re.sub(r"\.(?:nightMode|night_mode)\s*", "", selector, count=1)] = declarations["color"]
            else:
                day[selector] = declarations["color"]
    colours = {**day, **night_only} if night else day  # by night, a colour not changed stays
    assert len(colours) > 15
    for selector, colour in colours.items():
        assert contrast(colour, card) >= 4.5, (selector, colour, card, round(contrast(colour, card), 2))
    assert contrast(colours[".card"], highlight) >= 4.5


def test_each_night_colour_is_given_to_anki_desktop_and_ankidroid_alike():
    rules = _rules(_css("cards.css", "reverse.css"))
    desktop = {s.replace(".nightMode", "", 1).strip(): d.get("color") for s, d in rules if s.startswith(".nightMode")}
    droid = {s.replace(".night_mode", "", 1).strip(): d.get("color") for s, d in rules if s.startswith(".night_mode")}
    assert desktop == droid


def test_the_cloze_blank_is_drawn_once():
    rules = _rules(_css("reverse.css"))
    assert not any("border" in name for selector, declarations in rules if "cloze" in selector
                   for name in declarations)
