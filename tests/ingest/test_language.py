"""Articles in another language are skipped with the language named; English ones, however short or full of
foreign names, are read."""
from __future__ import annotations

import json

import pytest

from claimcheck.ingest import read_articles
from claimcheck.ingest.language import not_english
from tests.conftest import FIXTURES

from .helpers import write

FLOOD = {  # one report of an invented flood, in several languages
    "de": ("Die Stadt Lenfield wurde am Dienstag überflutet, nachdem der Fluss Dunmere über die Ufer getreten "
           "war. Rund 4.000 Menschen mussten ihre Häuser verlassen, ein Mann kam ums Leben."),
    "fr": ("La ville de Lenfield a été inondée mardi après que la Dunmere est sortie de son lit. Environ 4 000 "
           "personnes ont dû quitter leur domicile et un homme est mort."),
    "es": ("La ciudad de Lenfield se inundó el martes después de que el río Dunmere se desbordara. Unas 4.000 "
           "personas tuvieron que abandonar sus hogares y un hombre murió."),
    "ru": ("Город Ленфилд был затоплен во вторник после того, как река Данмир вышла из берегов. Около 4000 "
           "человек были вынуждены покинуть свои дома."),
    "zh": "周二凌晨，丹米尔河水位暴涨，冲破堤岸，伦菲尔德镇大部分地区被淹。约四千名居民被迫撤离家园，一名老人不幸遇难。",
}
NAMES = {"de": "German (de)", "fr": "French (fr)", "es": "Spanish (es)", "ru": "Russian (ru)",
         "zh": "Wu Chinese (wuu) or Chinese (zh)"}  # langid cannot tell these two apart in a short text

ENGLISH = [
    "The ferry to Lund Island resumed service on Friday after a week of storms.",
    # Names from everywhere, a result list, a byline: langid alone ranks German, Luxembourgish or Dutch first.
    ("Jens Stoltenberg, Mark Rutte, Olaf Scholz, Emmanuel Macron, Pedro Sánchez, Giorgia Meloni and Ursula von "
     "der Leyen met in Vilnius."),
    "Results: Kowalczyk 34, Van der Berg 22, Müller 17, Nguyen 9, Østergaard 5. Turnout 61%.",
    "Anna-Liisa Kerber won Saltmere. Jan-Willem van Oosterhout, Pieter de Groot and Hendrik Jansen lost.",
    "LENFIELD FLOODS: 4,000 EVACUATED AS DUNMERE BURSTS ITS BANKS",
    "By Oskar Lindqvist",
    # A long quote in another language inside an English report.
    ('The mayor spoke in German at the rally. "Wir werden die Stadt wieder aufbauen, und niemand wird '
     'vergessen", she said, meaning the town would be rebuilt. Reporters said the crowd cheered for several '
     "minutes before the speech ended."),
]


@pytest.mark.parametrize("code", FLOOD)
def test_an_article_in_another_language_is_skipped_and_the_language_named(tmp_path, code):
    path = write(tmp_path / f"flood-{code}.txt", FLOOD[code])
    articles, skipped = read_articles([str(path)])
    assert articles == ()
    assert [(s.path, s.reason) for s in skipped] == [(str(path), (
        f"written in {NAMES[code]}, not English: claimcheck's language model and extractors read English only"))]


@pytest.mark.parametrize("text", ENGLISH, ids=range(len(ENGLISH)))
def test_short_or_name_heavy_english_is_read_as_english(text):
    assert not_english(text) is None


def test_every_bundled_fixture_article_reads_as_english():
    files = [p for p in sorted(FIXTURES.glob("*/*")) if p.suffix in (".txt", ".md", ".html", ".json")
             and p.name != "gold.json"]
    articles, skipped = read_articles([str(p) for p in files])
    assert len(articles) == len(files) and skipped == ()


def test_one_foreign_item_of_a_collection_is_skipped_alone(tmp_path):
    feed = write(tmp_path / "feed.json", json.dumps([
        {"text": "Some 4,000 people left their homes in Lenfield on Tuesday as the River Dunmere rose."},
        {"text": FLOOD["de"]},
    ]))
    articles, skipped = read_articles([str(feed)])
    assert [a.id for a in articles] == ["feed#1"]
    assert [s.reason for s in skipped] == [
        "item 2: written in German (de), not English: claimcheck's language model and extractors read English only"]


PLAIN_ENGLISH = ("The council said on Monday that the bridge over the river would stay closed for at least a "
                 "month, after engineers found cracks in two of its supports. Drivers have been told to use the "
                 "ring road, which the police expect to be busy during the morning and evening.")


def test_plain_english_prose_is_read_without_loading_the_language_model(monkeypatch):
    from claimcheck.ingest import language

    def no_model():
        raise AssertionError("the language model was loaded")

    monkeypatch.setattr(language, "_identifier", no_model)
    assert not_english(PLAIN_ENGLISH) is None


@pytest.mark.parametrize("code", ["de", "fr", "es"])
def test_the_shortcut_never_takes_another_language_for_english(code):
    from claimcheck.ingest.language import _plainly_english

    # Twice over, so the text is long enough for the shortcut to look at it at all.
    assert not _plainly_english(FLOOD[code] + " " + FLOOD[code])
    assert _plainly_english(PLAIN_ENGLISH)
