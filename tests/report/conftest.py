"""A small invented report (a ferry strike in a made-up port town), built by hand for the report tests."""
from __future__ import annotations

from datetime import date

import pytest

from claimcheck.records import Article, Finding, ReadWarning, Report, Skipped, Statement

ARTICLES = (
    Article(id="bay-herald", path="in/bay-herald.txt", source="Bay Herald", text="", content_hash="h1",
            published=date(2031, 5, 4), title="Ferry strike strands islanders", url="https://bay.example/strike"),
    Article(id="coast-wire", path="in/coast-wire.md", source="Coast Wire", text="", content_hash="h2"),
    Article(id="al-nord", path="in/al-nord.html", source="Al Nord", text="", content_hash="h3",
            published=date(2031, 5, 5), title="Grève des ferries", url=None),
)


def st(article, value, sentence, start, line):
    path = next(a.path for a in ARTICLES if a.id == article)
    return Statement(article, path, sentence, value, start, start + len(sentence), line)


FINDINGS = (
    Finding("f-count", "numeric", "warning", "passengers stranded",
            "One outlet says about 900 passengers, another more than 1,500; the bounds do not overlap but the "
            "figures may be from different hours.",
            (st("coast-wire", "more than 1,500", "More than 1,500 passengers were stranded overnight.", 220, 9),
             st("bay-herald", "about 900", "About 900 passengers were stranded at the pier.", 40, 3))),
    Finding("f-union", "entity_role", "error", "union spokesperson",
            "The same union has two different spokespeople in the same week.",
            (st("coast-wire", "Ida Brenner", "Union spokesperson Ida Brenner said talks had failed.", 90, 5),
             st("bay-herald", "Tomas Aalto", "Union spokesperson Tomas Aalto called the strike.", 120, 6),
             st("al-nord", "Tomas Aalto", "Le porte-parole Tomas Aalto a appelé à la grève.", 75, 4))),
    Finding("f-day", "date", "info", "start of the strike",
            "A weekday and a date that may be the same day.",
            (st("bay-herald", "on Monday", "The strike began on Monday.", 10, 2),
             st("al-nord", "le 3 mai", "La grève a commencé le 3 mai.", 12, 2))),
)

SKIPPED = (Skipped("in/notes.pdf", "unsupported file type .pdf"),
           Skipped("in/empty.txt", "no text after cleaning"))

WARNINGS = (ReadWarning("in/coast-wire.md", "its last 1 byte, an incomplete UTF-8 character (the file looks cut off); "
                                         "the rest was read"),)

STATS = {"sentences": 41, "claims": 27, "clusters": 6, "timing": {"segment": 0.25, "ingest": 0.125}}


def make_report(reverse: bool = False) -> Report:
    """The same report; with reverse=True every list (and every finding's statements) is in reverse order."""
    flip = (lambda xs: tuple(reversed(xs))) if reverse else tuple
    findings = flip(tuple(Finding(f.id, f.kind, f.severity, f.subject, f.explanation, flip(f.statements))
                          for f in FINDINGS))
    stats = dict(STATS, timing=dict(reversed(list(STATS["timing"].items())))) if reverse else dict(STATS)
    return Report("0.1.0", flip(ARTICLES), findings, flip(SKIPPED), stats, warnings=WARNINGS)


@pytest.fixture
def report() -> Report:
    return make_report()


@pytest.fixture
def report_factory():
    return make_report
