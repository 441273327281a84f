"""Shared fixtures: our own small articles, and a real Anki collection to import decks into."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "articles"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Keep the caches and the store of known words of the test run out of the user's home."""
    os.environ["FLASHCARDS_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["FLASHCARDS_HOME"] = str(tmp_path_factory.mktemp("home"))  # the store of known words
    yield


# A small interleaved article of our own, with the furniture the reader must drop.
SMALL_ARTICLE = """\
城市里的自行车

城市里的自行车

Bicycles in the City

导读

This note follows a bike-sharing scheme through its first year.

这篇短文记录了一个共享单车项目的第一年。

Dear friends,

朋友们好,

Last spring the city put two thousand bicycles on its streets. Many of my friends laughed at the idea.

去年春天,市里在街头投放了两千辆自行车。我的很多朋友都笑话这个主意。

Article illustration

- Riders pay by the hour.

第一,骑车的人按小时付费。

- The bank on Main Street sponsors the scheme.

第二,大街上的那家银行赞助了这个项目。

By winter the laughing had stopped. Everyone had a story about a ride home after 11 p.m.

到了冬天,再也没人笑了。每个人都能讲一个晚上十一点以后骑车回家的故事!

Lin

小林

来源:https://example.org/bikes
"""


@pytest.fixture(scope="session")
def small_article(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("articles") / "bikes.txt"
    path.write_text(SMALL_ARTICLE, encoding="utf-8")
    return path


def every_word():
    """Options that keep every candidate (``--level 0``): for tests of what a card of a word
    shows, whatever the word's level."""
    import flashcards

    return flashcards.Options(level=0)


@pytest.fixture(scope="session")
def small_lesson(small_article):
    import flashcards

    return flashcards.build(small_article, options=every_word())


@pytest.fixture
def collection(tmp_path):
    """A fresh, real Anki collection (the official ``anki`` package)."""
    from anki.collection import Collection

    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def import_apkg(col, path) -> "object":
    """Import an .apkg into ``col`` as Anki's importer does; returns the import log."""
    from anki.collection import ImportAnkiPackageOptions, ImportAnkiPackageRequest

    request = ImportAnkiPackageRequest(
        package_path=str(Path(path).resolve()),
        options=ImportAnkiPackageOptions(merge_notetypes=True, with_scheduling=True, with_deck_configs=False),
    )
    return col.import_anki_package(request).log
