"""The invented-corpus generator (tests/synthetic.py): deterministic, well-formed, and its conflicts are
exactly the ones planted. No models are loaded here."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

import pytest

from tests.synthetic import (
    KINDS,
    OUTLETS,
    article_sentences,
    article_text,
    conflicting_value,
    corpus_plan,
    make_events,
    new_article,
    contradicting_article,
    agreeing_article,
    write_corpus,
)

FRONT = re.compile(r"\A---\nsource: (?P<source>.+)\npublished: (?P<published>\d{4}-\d\d-\d\d)\ntitle: \"(?P<title>.+)\"\n"
                   r"url: (?P<url>\S+)\n---\n(?P<body>.+)\Z", re.S)

# Real people, places and organisations, including those of the shared seeds, and the fixture sets' invented
# names (so synthetic corpora and fixtures never mix).
DENY = [
    "NATO", "Korea", "Korean", "Russia", "Russian", "Ukraine", "Ukrainian", "Stoltenberg", "Rutte", "Yoon", "Borrell",
    "Leyen", "Moscow", "Seoul", "Pyongyang", "Kyiv", "Japan", "China", "Beijing", "London", "Paris", "Berlin",
    "Washington", "Brussels", "Europe", "European", "United Nations", "Biden", "Trump", "Putin", "Zelensky", "Macron",
    "Reuters", "BBC", "CNN", "Associated Press", "Google", "Apple", "Microsoft", "Amazon",
    "Kelsby", "Brightwater", "Lenfield", "Saltmere", "Tollvik", "Senholm", "Pellworth", "Esterdal", "Hallerby",
    "Oskerey", "Tarrent", "Ossery", "Dunmere",
]


def parse(text: str) -> dict:
    m = FRONT.match(text)
    assert m, text[:300]
    return m.groupdict()


def plan_by_event(plan):
    out = defaultdict(list)
    for p in plan:
        out[p.event.key].append(p)
    return out


def test_same_seed_same_files_and_another_seed_other_files(tmp_path):
    a = write_corpus(tmp_path / "a", 40, seed=7)
    b = write_corpus(tmp_path / "b", 40, seed=7)
    c = write_corpus(tmp_path / "c", 40, seed=8)
    assert [p.name for p in a] == [p.name for p in b]
    assert all(x.read_bytes() == y.read_bytes() for x, y in zip(a, b))
    assert [p.read_text() for p in a] != [p.read_text() for p in c]


def test_events_are_prefix_stable_varied_and_spread_over_three_years():
    events = make_events(80, seed=3)
    assert make_events(20, seed=3) == events[:20]
    assert len({e.key for e in events}) == 80
    for block in range(0, 80, len(KINDS)):  # any block of 8 has all 8 kinds: a small sample has no look-alikes
        assert sorted(e.kind for e in events[block : block + len(KINDS)]) == sorted(KINDS)
    days = [e.day for e in events]
    assert date(2022, 1, 1) <= min(days) and max(days) <= date(2025, 1, 31)
    assert (max(days) - min(days)).days > 2 * 365


def test_one_holder_per_office_and_conflicting_holders_appear_nowhere_else():
    events = make_events(400)
    holders = defaultdict(set)
    for e in events:
        holders[(e.office_title, e.office_org)].add(e.holder)
    assert all(len(h) == 1 for h in holders.values())
    people = {e.holder for e in events} | {v for e in events for k, v in e.names if k in ("official", "resident", "mayor", "loser")}
    alts = [e.alt_holder for e in events]
    assert len(set(alts)) == len(alts) and not set(alts) & people


def test_counts_names_and_front_matter(tmp_path):
    paths = write_corpus(tmp_path, 37, seed=1, articles_per_event=5)
    assert len(paths) == 37 and paths == sorted(paths)
    assert len({p.name for p in paths}) == 37 and {p.name for p in tmp_path.iterdir()} == {p.name for p in paths}
    published = defaultdict(list)
    for p in paths:
        meta = parse(p.read_text(encoding="utf-8"))
        assert meta["source"] in OUTLETS
        published[p.name[:6]].append(date.fromisoformat(meta["published"]))
        assert re.fullmatch(r"e\d{5}-[a-z]+-[a-z]+-[a-z0-9-]+\.md", p.name)
    assert len(published) == 8  # 7 events of 5 and one of 2
    for days in published.values():  # one event's reports are at most 3 days apart
        assert (max(days) - min(days)).days <= 3


@pytest.mark.parametrize("sentences", [2, 5, 8, 12, 20])
def test_sentence_count_and_length(sentences):
    lengths = []
    for p in corpus_plan(80, seed=2):
        body = article_sentences(p.event, p.outlet, p.variant, sentences, conflict=p.conflict)
        assert len(body) == sentences
        assert [f for f, _ in body][:2] == ["lead", "office"]
        if sentences <= 10:  # below the number of facts an event has, every sentence tells a different fact
            assert len({f for f, _ in body}) == sentences
        lengths += [len(s.split()) for _, s in body]
    assert all(10 <= n <= 36 for n in lengths)
    assert 17 <= sum(lengths) / len(lengths) <= 26


def test_article_text_holds_the_body_sentences():
    event = make_events(1)[0]
    text = article_text(event, OUTLETS[0], 0)
    body = parse(text)["body"]
    for _, sentence in article_sentences(event, OUTLETS[0], 0):
        assert sentence in body
    assert event.holder in body and event.town in body


def test_distinct_events_have_distinct_sentences():
    seen = defaultdict(set)
    for p in corpus_plan(500):
        for _, s in article_sentences(p.event, p.outlet, p.variant, 8):
            seen[s].add((p.event.town, p.event.kind))
    # Only two events of one kind in one town may share a sentence (the same mayor speaks of both).
    assert all(len(places) == 1 for places in seen.values())


def test_about_one_event_in_twenty_has_one_planted_conflict():
    plan = corpus_plan(1000)
    planted = [p for p in plan if p.conflict]
    assert len(planted) == 10
    assert Counter(next(iter(p.conflict)) for p in planted) == {"count": 5, "holder": 5}
    for key, items in plan_by_event(plan).items():
        assert sum(1 for p in items if p.conflict) <= 1
        assert not items[0].conflict or any(not p.conflict for p in items)


def differing_facts(event, outlet, variant, conflict):
    plain = article_sentences(event, outlet, variant, 12)
    other = article_sentences(event, outlet, variant, 12, conflict=conflict)
    assert [f for f, _ in plain] == [f for f, _ in other]
    return {f for (f, a), (_, b) in zip(plain, other) if a != b}


def test_a_conflict_changes_exactly_the_intended_fact():
    for event in make_events(16):
        outlet = OUTLETS[event.index]
        assert differing_facts(event, outlet, 1, {"count": conflicting_value(event)}) == {"lead"}
        assert differing_facts(event, outlet, 1, {"holder": event.alt_holder}) == {"office"}
        text = article_text(event, outlet, 1, conflict={"holder": event.alt_holder})
        assert event.alt_holder in text and event.holder not in text
    with pytest.raises(ValueError):
        article_text(make_events(1)[0], OUTLETS[0], 0, conflict={"colour": "red"})


def test_planted_corpus_article_differs_from_its_event_only_in_the_planted_fact():
    for p in corpus_plan(400, conflict_every=3):
        if p.conflict:
            fact = "office" if "holder" in p.conflict else "lead"
            assert differing_facts(p.event, p.outlet, p.variant, p.conflict) == {fact}


def figures(sentence: str) -> list[float]:
    scale = 1000 if "billion" in sentence else 1  # money is kept in millions
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    sentence = re.sub(rf"\b(?:\d\d? (?:{months})|(?:{months}) \d\d?)\b", "", sentence)
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    spelled = [float(words.index(w.lower())) for w in re.findall(r"[A-Za-z]+", sentence) if w.lower() in words]
    return [float(n.replace(",", "")) * scale for n in re.findall(r"\d[\d,]*(?:\.\d+)?", sentence)] + spelled


def test_conflicting_figures_are_clearly_apart_and_agreeing_ones_are_honest():
    for event in make_events(64):
        value = event.headline_value
        wrong = conflicting_value(event)
        for k, outlet in enumerate(OUTLETS[:6]):
            lead = dict(article_sentences(event, outlet, k, 8))["lead"]
            bad = dict(article_sentences(event, outlet, k, 8, conflict={"count": wrong}))["lead"]
            # What an honest rounding allows: a tenth of a magnitude, half a point of turnout, 15% of a count.
            honest = {"quake": 0.05, "election": 0.5}.get(event.kind, 0.15 * value)
            if value >= 20 or event.kind == "quake":  # smaller counts may be written in words
                assert any(abs(n - value) <= honest for n in figures(lead)), (lead, value)
                assert any(abs(n - wrong) <= 0.1 * wrong + 0.05 for n in figures(bad)), (bad, wrong)
                assert not any(abs(n - value) <= 3 * honest for n in figures(bad)), (bad, value)
        wrong = conflicting_value(event, 2.5)
        apart = abs(wrong - value)
        assert apart >= (0.85 if event.kind == "quake" else 10 if event.kind == "election" else value)


def test_new_articles_are_about_a_corpus_event(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30, seed=5, conflict_every=3)
    names = {p.name for p in corpus.iterdir()}
    both = new_article(tmp_path / "new", seed=5, conflict_every=3)
    agree = new_article(tmp_path / "agree", seed=5, change="none", conflict_every=3)
    assert both.event == agree.event and any(n.startswith(both.event.key + "-") for n in names)
    assert both.path.name not in names and both.path.name == agree.path.name
    corpus_texts = [(corpus / n).read_text() for n in names if n.startswith(both.event.key)]
    assert len(corpus_texts) == 5 and all(both.event.holder in t and both.event.alt_holder not in t for t in corpus_texts)
    new_text, agree_text = both.path.read_text(), agree.path.read_text()
    assert both.event.alt_holder in new_text and both.event.holder not in new_text
    assert both.event.holder in agree_text and both.event.alt_holder not in agree_text
    assert both.conflict == {"count": conflicting_value(both.event, 2.5), "holder": both.event.alt_holder}
    assert differing_facts(both.event, both.outlet, both.variant, both.conflict) == {"lead", "office"}
    published = date.fromisoformat(parse(new_text)["published"])
    assert 0 <= (published - both.event.day).days <= 3
    # The thin wrappers write the same files.
    assert contradicting_article(tmp_path / "c", seed=5, conflict_every=3).read_text() == new_text
    assert agreeing_article(tmp_path / "g", seed=5, conflict_every=3).read_text() == agree_text
    only_count = new_article(tmp_path / "n", seed=5, change="count", conflict_every=3)
    assert differing_facts(only_count.event, only_count.outlet, only_count.variant, only_count.conflict) == {"lead"}


def test_no_real_world_names(tmp_path):
    paths = write_corpus(tmp_path, 400, seed=0)
    text = "\n".join(p.read_text() for p in paths) + "\n".join(OUTLETS)
    found = [name for name in DENY if re.search(rf"\b{re.escape(name)}\b", text)]
    assert not found
