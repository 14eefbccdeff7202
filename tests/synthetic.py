"""A deterministic generator of large invented news corpora, for scale tests and benchmarks.

Everything here is invented: towns, regions, rivers, people, companies, unions, outlets and events are
made up from fixed lists and syllable combinations, so no article names a real person, place or
organisation. Pure standard library; every function takes its seed explicitly (``random.Random``
instances only, no global state), so the same arguments always give byte-identical text.

    make_events(n, seed)                  -> list[Event]   (prefix-stable: make_events(5) == make_events(9)[:5])
    article_text(event, outlet, variant)  -> str           Markdown with YAML front matter
    article_sentences(event, outlet, variant) -> [(fact, sentence)]  its body, each sentence with the fact it tells
    write_corpus(folder, articles, seed)  -> list[Path]    folder/<event-key>-<outlet-slug>.md, sorted
    corpus_plan(articles, seed)           -> list[PlannedArticle]   what write_corpus writes, incl. planted conflicts
    contradicting_article(folder, seed)   -> Path          one new article that contradicts a corpus event
    agreeing_article(folder, seed)        -> Path          one new article that repeats a corpus event's facts
    new_article(folder, seed, change=...) -> PlannedArticle  the same, with the event, outlet and conflict

A corpus has one event per ``articles_per_event`` articles; every ``conflict_every``-th event (by default
1 in 20, starting with event 1) has one article that gives a different headline figure or names a
different holder of the event's main office (alternating), so a corpus yields some findings, as real
corpora do. Event kinds follow a shuffled round robin: events 0-7, 8-15, ... are each of the 8 kinds once,
so a small sample has no two floods whose figures claimcheck could compare with each other. Templates are
worded so that claimcheck's extractors read them as intended (tests/test_synthetic.py checks the text;
figures, office holders and planted conflicts were checked against the real extractors when written).
"""
from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

__all__ = [
    "Event", "PlannedArticle", "KINDS", "OUTLETS", "make_events", "article_text", "article_sentences", "corpus_plan",
    "write_corpus", "new_article", "contradicting_article", "agreeing_article", "outlet_slug",
    "conflicting_value", "format_value",
]

KINDS = ("flood", "fire", "strike", "election", "quake", "summit", "closure", "wildfire")

# ---------------------------------------------------------------------------------------------------
# Invented names.
# ---------------------------------------------------------------------------------------------------

OUTLETS = (
    "Greyfell Record", "Saltgrass Observer", "Lantern Post", "Coastline Wire", "Marchland Herald",
    "Riverlight News", "Fernwick Chronicle", "Upland Dispatch", "Brindle Daily", "Tidemark Ledger",
    "Quarry Bulletin", "Hollin Valley Times", "Kestle Broadcast", "Northdeep Gazette", "Morrow Evening Star",
    "Ashvale Courier", "Weekly Tern", "Pennock Press Agency", "Cindermoor Echo", "Heathline Radio",
    "Orrin Review", "Skerry Mail", "Thistledown Times", "Gallowmere Sentinel", "Wrenfold Standard",
    "Dunnock Newswire", "Vellmark Monitor", "Copperbeck Mercury", "Eastreach Telegraph", "Plover Lane Post",
)
# Outlets that write a wire-style dateline: "VARNHOLM (Coastline Wire) - ...".
_WIRES = {"Coastline Wire", "Pennock Press Agency", "Dunnock Newswire", "Kestle Broadcast", "Heathline Radio"}

_REGIONS = (
    "Varrowdale", "Kesterland", "Brindmoor", "Halvenmark", "Tolverne", "Quarrowfell", "Sundermarch",
    "Ellandry", "Carrowvale", "Fennelmark", "Ashenreach", "Orlandmoor", "Skellwater", "Tarnhallow",
    "Wrenmarch", "Duskerry",
)
_TOWN_HEADS = (
    "Varn", "Kesk", "Tolv", "Brask", "Hald", "Orm", "Quist", "Skarv", "Velt", "Wrenn", "Yarl", "Drom",
    "Fald", "Garr", "Hesk", "Jorv", "Morv", "Nesk", "Rusk", "Sorn", "Tarv", "Vinn", "Zell", "Cald",
    "Brev", "Dask", "Ferl", "Gund", "Kell", "Lask", "Mell", "Ost", "Pell", "Rav", "Sked", "Trell",
)
_TOWN_TAILS = (
    "holm", "mere", "wick", "stead", "dal", "ness", "gate", "hurst", "thorpe", "sund", "haven", "moor",
    "fell", "combe", "by", "field", "bridge", "ford", "worth", "marsh",
)
_NOT_TOWNS = {"Pellworth", "Ostby", "Kellby", "Ravensworth", "Pellby"}  # fixture towns and near-misses
_RIVERS = (
    "Sell", "Varr", "Tolle", "Onnen", "Quell", "Marrin", "Dask", "Yeld", "Orrow", "Lenn", "Skarra",
    "Wenna", "Caddow", "Fulla", "Ivver", "Taddle", "Belling", "Cressa", "Dorrel", "Hobbe", "Kessa",
    "Lyme-Orrin", "Mawle", "Sedder",
)
_FIRST_F = (
    "Ilse", "Maren", "Edda", "Liesl", "Dagny", "Fenna", "Runa", "Tova", "Ysolde", "Carys", "Annika",
    "Elin", "Hedda", "Ione", "Jorun", "Kaia", "Liv", "Mirela", "Noor", "Oona", "Petra", "Rhea",
    "Saskia", "Thea", "Una", "Vesna", "Wilma", "Bryony", "Cleo", "Delphine", "Esme", "Hanne", "Juno",
    "Lotte", "Marit", "Sunniva", "Ottilie",
)
_FIRST_M = (
    "Oren", "Tobin", "Corvin", "Anselm", "Emrys", "Gideon", "Halvar", "Ivo", "Kasimir", "Leif",
    "Matthis", "Nils", "Osric", "Piet", "Rafe", "Stellan", "Torben", "Ulrich", "Viggo", "Wendel",
    "Yannick", "Aksel", "Bram", "Dario", "Evert", "Gunnar", "Idris", "Jarek", "Konrad", "Lorcan",
    "Milo", "Niall", "Odo", "Ruben", "Severin", "Tamsin", "Aurel", "Benedikt",
)
_SURNAME_HEADS = (
    "Marr", "Hal", "Ost", "Vel", "Kern", "Brad", "Tasc", "Quil", "Dorr", "Fenn", "Lund", "Ros", "Sev",
    "Ulm", "Wray", "Yar", "Zell", "Aber", "Corm", "Dalk", "Elv", "Gard", "Hask", "Iver", "Jarl", "Kell",
    "Lorr", "Mell", "Norr", "Orr", "Pask", "Rav", "Sand", "Tov", "Vask", "Brod", "Call", "Eck", "Ferr",
    "Holl", "Kast", "Lang", "Merr", "Pell", "Tarr",
)
_SURNAME_TAILS = (
    "ow", "vard", "ick", "ane", "mont", "ish", "ard", "holt", "sen", "ette", "wen", "ling", "hagen",
    "ier", "ani", "ersk", "quist", "ach", "ody", "eth", "orne", "ith", "avic", "ington", "ery", "acott",
)
_WORD_HEADS = (
    "Or", "Vel", "Kes", "Bris", "Tal", "Mer", "Quor", "Sal", "Tem", "Cav", "Dol", "Fen", "Hel", "Ist",
    "Lum", "Nor", "Pal", "Ren", "Sor", "Tav", "Ves", "Zan", "Brin", "Car", "Del", "Gor", "Hav", "Jen",
)
_WORD_TAILS = ("vane", "trin", "ora", "mont", "ell", "aro", "eda", "ion", "ith", "ura", "anth", "oway", "esse", "umbe")
_MIDS = ("a", "e", "i", "o", "an", "er", "il", "or", "um")
_STREETS = (
    "Mill Street", "Tanner's Row", "Weir Lane", "Quay Street", "Chapel Road", "Ferry Lane", "Kiln Street",
    "Rope Walk", "Bridge Row", "Salt Lane", "Malt Street", "Orchard Road", "Cooper's Yard", "Dyer Street",
)


def outlet_slug(outlet: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-")


class _Names:
    """Fresh invented names for one make_events call: every person, town and word is used once."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people: set[str] = set()
        self.surnames: set[str] = set()
        self.words: set[str] = set()
        self.towns: list[tuple[str, str, str]] = []  # (town, region, river)
        self.town_names: set[str] = set()
        self.offices: dict[tuple[str, str], str] = {}  # (title, organisation) -> holder, one per corpus

    def person(self) -> str:
        rng = self.rng
        for attempt in range(200):
            first = rng.choice(_FIRST_F if rng.random() < 0.5 else _FIRST_M)
            surname = rng.choice(_SURNAME_HEADS) + rng.choice(_SURNAME_TAILS)
            if attempt > 30 and rng.random() < 0.5:  # surnames run out in very large corpora
                surname = rng.choice(_SURNAME_HEADS) + rng.choice(("a", "e", "i", "o")) + rng.choice(_SURNAME_TAILS).lstrip("aeiou")
            name = f"{first} {surname}"
            if name in self.people or (surname in self.surnames and attempt < 60):
                continue
            self.people.add(name)
            self.surnames.add(surname)
            return name
        raise RuntimeError("ran out of invented names")

    def word(self) -> str:
        rng = self.rng
        for attempt in range(400):
            word = rng.choice(_WORD_HEADS) + rng.choice(_WORD_TAILS)
            if attempt > 40:  # the short words run out in large corpora: three syllables, then four
                word = rng.choice(_WORD_HEADS) + rng.choice(_MIDS) + rng.choice(_WORD_TAILS)
            if attempt > 120:
                word = rng.choice(_WORD_HEADS) + rng.choice(_MIDS) + rng.choice(_WORD_HEADS).lower() + rng.choice(_WORD_TAILS)
            if word not in self.words:
                self.words.add(word)
                return word
        raise RuntimeError("ran out of invented words")

    def town(self) -> tuple[str, str, str]:
        """A town (new, or one that already had an event: a long-running corpus revisits places)."""
        rng = self.rng
        if self.towns and (rng.random() < 0.3 or len(self.towns) >= len(_TOWN_HEADS) * len(_TOWN_TAILS) * 3):
            return rng.choice(self.towns)
        for attempt in range(10_000):
            name = rng.choice(_TOWN_HEADS) + rng.choice(_TOWN_TAILS)
            if attempt > 40:  # "Varnaholm" once the two-syllable names run low
                name = rng.choice(_TOWN_HEADS) + rng.choice(("a", "e", "i", "o")) + rng.choice(_TOWN_TAILS)
            if name not in self.town_names and name not in _NOT_TOWNS:
                break
        else:
            return rng.choice(self.towns)
        entry = (name, rng.choice(_REGIONS), rng.choice(_RIVERS))
        self.town_names.add(name)
        self.towns.append(entry)
        return entry

    def holder(self, title: str, organisation: str) -> str:
        """The one holder of an office across the corpus (the mayor of a town is the same in every event)."""
        key = (title, organisation)
        if key not in self.offices:
            self.offices[key] = self.person()
        return self.offices[key]


# ---------------------------------------------------------------------------------------------------
# Events.
# ---------------------------------------------------------------------------------------------------

# How each figure is written: count, percent, magnitude, money (euros, value in millions), decimal.
_STYLES = {
    "percent": {"turnout", "pay", "growth"},
    "magnitude": {"magnitude"},
    "money": {"funding", "fund"},
    "year": {"opened"},
}


def _style(name: str) -> str:
    for style, names in _STYLES.items():
        if name in names:
            return style
    return "count"


@dataclass(frozen=True)
class Event:
    """One invented news event. ``figures`` and ``names`` are (name, value) pairs; use figure()/name()."""

    key: str
    index: int
    kind: str
    town: str
    region: str
    day: date
    headline: str  # the name of the headline figure, e.g. "homes" (homes flooded)
    office_title: str  # the event's main office, e.g. "mayor" ...
    office_org: str  # ... of "Varnholm"
    holder: str  # who holds it (the same across the corpus)
    venue: str
    figures: tuple[tuple[str, float], ...] = ()
    names: tuple[tuple[str, str], ...] = ()

    def figure(self, name: str) -> float:
        return dict(self.figures)[name]

    def name(self, key: str) -> str:
        return dict(self.names)[key]

    @property
    def headline_value(self) -> float:
        return self.figure(self.headline)

    @property
    def office(self) -> str:
        """The main office in words: 'mayor of Varnholm', 'chief executive of Orvane Polymers'."""
        return f"{self.office_title} of {'the ' if self.office_org.split()[-1] in _THE_ORGS else ''}{self.office_org}"

    @property
    def alt_holder(self) -> str:
        """A person who appears nowhere else in the corpus: the wrong holder a conflicting article names."""
        return self.name("alt_holder")

    @property
    def headline_thing(self) -> str:
        return _HEADLINE_THING[self.kind]


_THE_ORGS = {"Union", "Commission", "Institute", "League", "Council", "Service", "Authority", "Board"}
_HEADLINE_THING = {
    "flood": "homes flooded", "fire": "people injured", "strike": "workers on strike",
    "election": "turnout", "quake": "magnitude", "summit": "member states attending",
    "closure": "jobs lost", "wildfire": "hectares burned",
}


def _round_to(value: float, step: float) -> float:
    return round(value / step) * step


def _make_event(i: int, kind: str, rng: random.Random, names: _Names, start: date) -> Event:
    town, region, river = names.town()
    day = start + timedelta(days=rng.randrange(3 * 365))
    figures: dict[str, float] = {}
    extra: dict[str, str] = {"river": river, "street": rng.choice(_STREETS), "resident": names.person()}
    other_town = names.town()[0]
    if other_town == town:
        other_town = names.town()[0]
    extra["other_town"] = other_town if other_town != town else town + " Bridge"

    def count(low: int, high: int) -> int:
        # Log-uniform, so small and large figures are both common, like real reporting.
        return int(round(math.exp(rng.uniform(math.log(low), math.log(high)))))

    if kind == "flood":
        headline, title, org = "homes", "mayor", town
        figures.update(homes=count(250, 3200), boats=rng.randint(12, 40), soldiers=_round_to(count(60, 400), 10),
                       rain=rng.randint(60, 160), customers=count(800, 6000), schools=rng.randint(4, 25),
                       funding=rng.randint(2, 25))
        figures["evacuated"] = int(figures["homes"] * rng.uniform(2.2, 3.4))
        venue = f"{town} Leisure Centre"
    elif kind == "fire":
        company = f"{names.word()} {rng.choice(('Polymers', 'Plastics', 'Packaging', 'Coatings', 'Chemicals'))}"
        headline, title, org = "injured", "chief executive", company
        figures.update(injured=rng.randint(6, 60), firefighters=rng.randint(40, 160), engines=rng.randint(6, 24),
                       shift=rng.randint(60, 380), workforce=_round_to(count(300, 1500), 10),
                       radius=rng.choice((300, 400, 500, 600, 800)), hour=rng.randint(1, 5))
        extra.update(company=company, official=names.holder("fire chief", town))
        venue = f"{town} {rng.choice(('Community Centre', 'Town Hall', 'Sports Hall'))}"
    elif kind == "strike":
        union = f"{names.word()} Dockworkers Union"
        headline, title, org = "strikers", "general secretary", union
        figures.update(strikers=count(800, 9000), ships=rng.randint(10, 60), pay=rng.randint(5, 12),
                       hours=rng.choice((24, 48, 72)), queue=rng.randint(2, 12), years=rng.randint(8, 30))
        extra.update(union=union, official=names.holder("chief executive", f"{town} Port Authority"))
        venue = f"{rng.choice(('North', 'East', 'West', 'South'))} Quay"
    elif kind == "election":
        party, party2 = f"{names.word()} Alliance", f"{names.word()} List"
        headline, title, org = "turnout", "chair", f"{region} Electoral Commission"
        total = rng.choice((31, 37, 41, 45, 51, 61))
        figures.update(turnout=round(rng.uniform(38.0, 74.0), 1), seats=rng.randint(total // 3, total // 2 + 3),
                       total=total, votes=count(4000, 60000), stations=rng.randint(20, 140))
        extra.update(party=party, party2=party2, official=names.holder("leader", party),
                     loser=names.holder("leader", party2))
        venue = f"{town} {rng.choice(('Exhibition Hall', 'Civic Hall', 'Corn Exchange'))}"
    elif kind == "quake":
        headline, title, org = "magnitude", "director general", f"{region} Seismological Institute"
        figures.update(magnitude=round(rng.uniform(4.6, 6.8), 1), injured=count(5, 120), buildings=count(40, 900),
                       depth=rng.randint(5, 30))
        extra.update(official=names.holder("governor", region), chapel=f"{names.word()} Chapel")
        venue = f"{town} {rng.choice(('Football Ground', 'Showground', 'Market Square'))}"
    elif kind == "summit":
        alliance = f"{names.word()} {rng.choice(('Coastal League', 'Shipping Council', 'Harbour League'))}"
        headline, title, org = "delegations", "secretary general", alliance
        figures.update(delegations=rng.randint(18, 70), fund=float(round(rng.uniform(2.0, 20.0) * 10) * 100),
                       journalists=_round_to(count(200, 900), 10), growth=rng.randint(3, 14))
        extra.update(alliance=alliance, official=names.holder("mayor", town))
        venue = f"{names.word()} Exchange"
    elif kind == "closure":
        sector, product = rng.choice((("Foods", "frozen food"), ("Motors", "car parts"), ("Textiles", "cotton yarn"),
                                      ("Paper", "cardboard"), ("Glassworks", "glass bottle"), ("Steel", "wire rod")))
        company = f"{names.word()} {sector}"
        headline, title, org = "jobs", "chief executive", company
        figures.update(jobs=count(150, 2500), opened=rng.randint(1948, 1992), weeks=rng.randint(2, 6))
        union = f"{names.word()} Industrial Union"
        extra.update(company=company, union=union, official=names.holder("regional secretary", union),
                     mayor=names.holder("mayor", town),
                     product=product,
                     month=rng.choice(("March", "June", "September", "December")))
        venue = f"{town} {rng.choice(('Works', 'Mill', 'Plant'))}"
    elif kind == "wildfire":
        headline, title, org = "hectares", "governor", region
        figures.update(hectares=count(400, 12000), evacuated=count(300, 5000), crews=rng.randint(20, 90),
                       aircraft=rng.randint(3, 14), houses=rng.randint(3, 40), temp=rng.randint(34, 42))
        extra.update(official=names.holder("commander", f"{region} Fire Service"))
        venue = f"{town} {rng.choice(('Sports Centre', 'Secondary School', 'Exhibition Hall'))}"
    else:
        raise ValueError(kind)
    holder = names.holder(title, org)
    extra["alt_holder"] = names.person()
    key = f"e{i:05d}-{town.lower()}-{kind}"
    return Event(
        key=key, index=i, kind=kind, town=town, region=region, day=day, headline=headline,
        office_title=title, office_org=org, holder=holder, venue=venue,
        figures=tuple(sorted(figures.items())), names=tuple(sorted(extra.items())),
    )


def make_events(n: int, seed: int = 0) -> list[Event]:
    """n invented events, dated over three years from 2022; prefix-stable in n for a seed."""
    rng = random.Random(f"synthetic-events-{seed}")
    names = _Names(rng)
    start = date(2022, 1, 3)
    events: list[Event] = []
    order: list[str] = []
    for i in range(n):
        if i % len(KINDS) == 0:
            order = list(KINDS)
            rng.shuffle(order)
        events.append(_make_event(i, order[i % len(KINDS)], rng, names, start))
    return events


# ---------------------------------------------------------------------------------------------------
# Writing figures and dates.
# ---------------------------------------------------------------------------------------------------

_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _sig(value: float, how) -> int:
    """value rounded to two significant figures (how = round, math.floor or math.ceil)."""
    if value <= 0:
        return 0
    step = 10 ** max(int(math.floor(math.log10(value))) - 1, 0)
    if value < 100:
        step = 5 if value >= 20 else 1
    return int(how(value / step) * step)


def format_value(name: str, value: float, rng: random.Random, *, plain: bool = False, firm: bool = False) -> str:
    """A figure as a reporter writes it: '1,437', 'about 1,400', 'more than 1,400', 'nearly 1,450',
    '63.4 percent', '€12 million'. Every form is true of ``value`` (a reader allows 10% for 'about').
    ``plain`` gives the figure without a bound word (for a sentence whose grammar needs it); ``firm`` only an
    exact or an 'about' figure (a conflicting figure must not be a bound that the true one meets)."""
    style = _style(name)
    roll = rng.random()
    if style == "percent":
        if value != int(value) and roll < 0.3:
            return f"about {round(value)} percent"
        if roll < 0.6:
            return f"{value:g} percent"
        return f"{value:g}%"
    if style == "magnitude":
        return f"{value:.1f}"
    if style == "year":
        return str(int(value))
    if style == "money":  # value in millions of euros
        if value >= 1000:
            billions = value / 1000
            if roll < 0.4 and not plain and abs(round(billions) - billions) <= 0.07 * round(billions):
                return f"about €{round(billions)} billion"
            return f"€{billions:g} billion" if roll < 0.8 else f"{billions:g} billion euros"
        return f"€{value:g} million" if roll < 0.6 else f"{value:g} million euros"
    v = int(value)
    if plain or v < 20:
        if v <= 12 and roll < 0.5:
            return _SMALL[v]
        return f"{v:,}"
    about, low, high = _sig(v, round), _sig(v, math.floor), _sig(v, math.ceil)
    choices = ["exact"]
    if about != v and abs(about - v) <= 0.07 * about:
        choices += ["about", "about"]
    if low < v and low >= 0.85 * v and not firm:
        choices += ["more"]
    if high > v and v >= 0.94 * high and not firm:
        choices += ["nearly"]
    form = choices[int(roll * len(choices))]
    if form == "about":
        return f"{rng.choice(('about', 'around', 'some', 'roughly', 'an estimated'))} {about:,}"
    if form == "more":
        return f"{rng.choice(('more than', 'more than', 'over'))} {low:,}"
    if form == "nearly":
        return f"{rng.choice(('nearly', 'almost'))} {high:,}"
    return f"{v:,}"


def conflicting_value(event: Event, factor: float = 0.45) -> float:
    """A headline figure that no honest rounding of the event's own figure allows."""
    value = event.headline_value
    style = _style(event.headline)
    if style == "percent":
        return round(value - 11.5 if value > 50 else value + 11.5, 1)
    if style == "magnitude":
        return round(value - 0.9 if value > 5.5 else value + 0.9, 1)
    if style == "money":
        return round(value * factor, -2) or value * factor
    new = value * factor
    if new >= 100:
        return float(_sig(new, round))
    return float(max(1, round(new)))


def _when(event: Event, published: date, rng: random.Random, *, lead: bool = False) -> str:
    """The event's day as an article published on `published` writes it.

    In the lead every article of an event names the day the same way, by weekday or by date (in either
    order): claimcheck reads same-day reports that name different days ("on Tuesday" / "on 6 February")
    as counting different things, which would hide a planted conflict in the headline figure."""
    d = event.day
    weekday = [f"on {_WEEKDAY_NAMES[d.weekday()]}", f"early on {_WEEKDAY_NAMES[d.weekday()]}"]
    dated = [f"on {d.day} {_MONTH_NAMES[d.month - 1]}", f"on {_MONTH_NAMES[d.month - 1]} {d.day}"]
    if lead:
        return rng.choice(weekday if random.Random(f"lead-day|{event.key}").random() < 0.5 else dated)
    forms = weekday + dated
    if (published - d).days == 1:
        forms.append("yesterday")
    return rng.choice(forms)


# ---------------------------------------------------------------------------------------------------
# Templates. Each kind lists its facts in story order; each fact has several wordings. Placeholders:
# figures by name, {town} {region} {when} {TOWN} {outlet} {holder} {holder_s} (surname), {office_*},
# and the event's names (river, company, official, ...). The first fact is the lead, the second names
# the office holder; every article has both.
# ---------------------------------------------------------------------------------------------------

_T: dict[str, list[tuple[str, list[str]]]] = {
    "flood": [
        ("lead", [
            "{homes} homes were flooded in {town} {when} after the River {river} burst its banks overnight, council officials said.",
            "The River {river} burst its banks {when}, flooding {homes} homes in {town} and leaving much of the town centre under water.",
            "Floodwater from the River {river} poured into {homes} homes across {town} {when}, in what residents called the worst flooding in decades.",
            "{homes} homes in the {region} town of {town} were under water {when} after the {river} rose rapidly through the night.",
        ]),
        ("office", [
            "At a news conference at the town hall, {town} Mayor {holder} said the town had never seen the {river} rise so fast.",
            "\"Nobody in {town} has seen the {river} come up this fast,\" said {holder}, the mayor of {town}, at a news conference at the town hall.",
            "The mayor of {town}, {holder}, said the council had asked the {region} regional government for emergency help with the clean-up.",
        ]),
        ("evacuated", [
            "{evacuated} residents were evacuated from the lower streets of {town} during the night and early morning, the council said.",
            "Emergency services moved {evacuated} people out of their homes in {town}, many of them carried to safety by boat crews working in darkness.",
            "{evacuated} residents had to leave their homes overnight, and many spent the night with relatives or on camp beds in rest centres.",
        ]),
        ("boats", [
            "Rescue teams used {boats} boats to ferry people from {street} and the other streets closest to the river, where the water stood above head height.",
            "Crews in {boats} boats brought residents out through upstairs windows along {street}, where the water reached the first floor by dawn.",
        ]),
        ("soldiers", [
            "The army sent {soldiers} soldiers to {town} to help build temporary barriers and to clear debris from the streets nearest the {river}.",
            "{soldiers} soldiers arrived in {town} to fill sandbags and shore up the flood barriers along the {river}, the regional command said.",
        ]),
        ("rain", [
            "The {region} River Authority said {rain} millimetres of rain had fallen on the valley above {town} in a single day, on ground that was already saturated.",
            "According to the {region} River Authority, {rain} millimetres of rain fell on the hills above {town} in a single day before the river rose.",
        ]),
        ("venue", [
            "The council opened a rest centre at the {venue}, where volunteers handed out blankets, hot drinks and dry clothes to families.",
            "Families who could not stay with relatives spent the night on camp beds at the {venue}, which the council turned into a rest centre.",
        ]),
        ("customers", [
            "The regional electricity company said {customers} customers in and around {town} were without power by the afternoon.",
            "Power was cut to {customers} customers in {town} as water reached substations near the river, the electricity company said.",
        ]),
        ("schools", [
            "{schools} schools in and around {town} stayed closed, and the main road to {other_town} was shut because of a landslip.",
            "The council closed {schools} schools in the {town} area and shut the road to {other_town}, where part of the embankment had given way.",
        ]),
        ("resident", [
            "\"We left {town} with what we were wearing,\" said {resident}, who was taken out of a house on {street} by boat before dawn.",
            "{resident}, who lives on {street} in {town}, said the water had come up through the floorboards faster than anyone could move the furniture.",
        ]),
        ("funding", [
            "The {region} regional government promised {funding} in emergency funding for repairs to roads, bridges and drains in {town}.",
            "Regional ministers in {region} set aside {funding} to help {town} repair its roads, bridges and drains after the flood.",
        ]),
        ("wall", [
            "Residents criticised the slow progress of a permanent flood wall along the {river} in {town}, which the council approved years ago but has still to finish.",
            "Shop owners in {town} asked why a flood wall along the {river}, approved by the council years ago, had still not been completed.",
        ]),
        ("forecast", [
            "Forecasters warned that more rain was likely later in the week, and the river authority urged people in {town} to stay away from flooded properties.",
            "The river authority told {town} residents to keep away from flooded houses until engineers had checked them for gas leaks and electrical damage.",
        ]),
    ],
    "fire": [
        ("lead", [
            "{injured} people were injured when fire tore through the {company} plant on the edge of {town} {when}, the fire service said.",
            "A fire at the {company} factory in {town} injured {injured} people {when} and sent a column of black smoke over the town.",
            "Fire swept through the {company} plant in {town} {when}, injuring {injured} workers and sending thick smoke across the industrial estate.",
        ]),
        ("office", [
            "In a statement, {company} chief executive {holder} said the company was devastated and would cooperate fully with the investigation.",
            "{holder}, the chief executive of {company}, said it was too early to say when the {town} plant could reopen.",
            "The chief executive of {company}, {holder}, promised complete openness and said the company would share everything it learned about the fire.",
        ]),
        ("chief", [
            "{official}, the fire chief of {town}, said the fire had started in a storage hall shortly after {hour_words} in the morning and spread to the main building.",
            "The blaze began in a storage hall for raw materials a little after {hour_words} in the morning, said {official}, the fire chief of {town}.",
        ]),
        ("firefighters", [
            "{firefighters} firefighters fought the blaze at the {company} site for more than five hours before bringing it under control.",
            "At the height of the fire {firefighters} firefighters were working at the {company} site, and crews stayed on through the day to damp down the ruins.",
        ]),
        ("engines", [
            "The fire service sent {engines} fire engines to the {town} industrial estate, some of them from neighbouring towns across {region}.",
            "{engines} fire engines from across {region} were called to the {company} site, the regional fire service said.",
        ]),
        ("shift", [
            "The company said it had {shift} staff on the night shift when the alarm sounded, and most left through the emergency exits.",
            "The night shift at the {company} plant numbered {shift} staff when the alarm sounded, according to the company.",
        ]),
        ("smoke", [
            "People living within {radius} metres of the {company} plant were told to keep their windows and doors closed because of the smoke.",
            "Police asked residents within {radius} metres of the {company} site to stay indoors while environmental officers tested the air.",
        ]),
        ("inquiry", [
            "The {region} Health and Safety Inspectorate has opened an investigation into how flammable materials were stored at the {town} site.",
            "Inspectors from the {region} Health and Safety Inspectorate will examine whether the alarms and sprinklers at the {company} plant worked properly.",
        ]),
        ("workforce", [
            "The plant, which has about {workforce} employees, makes packaging film for food companies and is one of the largest employers in {town}.",
            "{company} has about {workforce} employees in {town}, where the plant makes film and trays for supermarkets and food processors.",
        ]),
        ("families", [
            "Families of night-shift workers gathered at the {venue} through the morning as they waited for news of their relatives.",
            "Relatives of workers waited for news at the {venue}, where the council set up a help desk with counsellors and hot food.",
        ]),
        ("resident", [
            "\"Everyone in {town} knows someone who works at {company},\" said local councillor {resident}, who visited the families on the estate.",
            "Local councillor {resident} said the whole of {town} was in shock and called for a full public inquiry into safety at the {company} plant.",
        ]),
        ("shares", [
            "Shares in {company} fell sharply in early trading before recovering some of their losses, as buyers looked for other suppliers.",
            "Customers of {company} said they had enough stock for a few weeks but were already talking to other suppliers after the {town} fire.",
        ]),
    ],
    "strike": [
        ("lead", [
            "{strikers} dockers walked out at the port of {town} {when}, halting cargo handling in a dispute over pay and shift patterns.",
            "Cargo ships were left waiting at anchor off {town} {when} after {strikers} dockers walked out in a dispute over pay.",
            "{strikers} dockers at the port of {town} began a strike {when} after talks over pay with the port authority broke down.",
        ]),
        ("office", [
            "{holder}, the {union}'s general secretary, said members had run out of patience after months of talks with the {town} Port Authority.",
            "{holder}, general secretary of the {union}, said the union was ready to return to talks with the port of {town} at any time.",
            "The general secretary of the {union}, {holder}, told reporters outside the {town} port gates that the strike would go ahead.",
        ]),
        ("authority", [
            "{official}, chief executive of the {town} Port Authority, called the strike unnecessary and urged the union to return to talks.",
            "The chief executive of the {town} Port Authority, {official}, said the offer on the table was fair and that the port could not afford more.",
        ]),
        ("ships", [
            "{ships} cargo ships were waiting at anchor off {town} by the evening, according to the port authority.",
            "The port authority said {ships} cargo ships were queuing outside the harbour at {town}, some carrying perishable goods.",
        ]),
        ("pay", [
            "The {union} is demanding a pay rise of {pay} to make up for two years of high living costs.",
            "Dock workers in {town} want a {pay} pay rise, the {union} says, after two years in which prices rose faster than wages.",
        ]),
        ("hours", [
            "The stoppage at {town} is due to last {hours} hours, and the union has warned of further action if no better offer is made.",
            "The union called a {hours}-hour stoppage at the port of {town} and said further strikes would follow if the dispute dragged on.",
        ]),
        ("venue", [
            "Several hundred strikers gathered at the {venue} gate in {town}, where union officials addressed them from the back of a lorry.",
            "Pickets stood at the {venue} entrance to the port of {town} through the night, warming their hands over braziers.",
        ]),
        ("exporters", [
            "Exporters said the stoppage at {town} would delay shipments of timber, grain and machinery, and some were already using other ports.",
            "Timber and grain exporters in {region} said they were moving shipments to other ports while the {town} docks stayed shut.",
        ]),
        ("worker", [
            "\"We are asking to keep up with the rent in {town}, nothing more,\" said {resident}, a crane driver who has worked at the port for {years} years.",
            "Crane driver {resident}, who has worked at the port of {town} for {years} years, said pay had fallen far behind the cost of living.",
        ]),
        ("queue", [
            "Queues of lorries stretched for {queue} kilometres along the approach road to the port of {town}, police said.",
            "Police said a line of lorries {queue} kilometres long had built up on the road into the {town} docks.",
        ]),
        ("ministry", [
            "The {region} regional transport office said it was watching the dispute at {town} closely and urged both sides to settle quickly.",
            "Officials in {region} urged the port authority and the {union} to agree a deal before the dispute hit the wider economy.",
        ]),
    ],
    "election": [
        ("lead", [
            "{town} recorded a turnout of {turnout} in its council election {when}, the {region} Electoral Commission said.",
            "The {town} council election {when} had a turnout of {turnout}, according to the {region} Electoral Commission.",
            "Voters in {town} turned out in large numbers for the council election {when}, and turnout was {turnout}, the electoral commission said.",
        ]),
        ("office", [
            "{holder}, the {region} Electoral Commission's chair, said the count in {town} had gone smoothly and the results would be certified within a week.",
            "{holder}, chair of the {region} Electoral Commission, said turnout in {town} had been highest in the eastern districts.",
            "The chair of the {region} Electoral Commission, {holder}, said the {town} count had finished shortly before dawn.",
        ]),
        ("seats", [
            "The {party} won {seats} of the {total} seats on the {town} council, making it the largest group on the new council.",
            "With {seats} of the council's {total} seats, the {party} will be the largest group in the {town} council chamber.",
        ]),
        ("leader", [
            "Speaking at the count, {party} leader {official} told supporters in {town} that voters had chosen change and promised a new council within weeks.",
            "\"{town} has voted for change,\" {party} leader {official} told cheering supporters at the count.",
        ]),
        ("votes", [
            "The {party} received {votes} votes in {town}, according to the provisional count published by the electoral commission.",
            "According to the provisional count, {votes} votes went to the {party} across the {town} wards.",
        ]),
        ("stations", [
            "Voting took place at {stations} polling stations across {town}, and counting went on through the night at the {venue}.",
            "The count at the {venue} went on through the night after the {stations} polling stations across {town} closed.",
        ]),
        ("loser", [
            "The {party2}, which led the outgoing council, conceded defeat in {town} shortly after midnight as the last wards were counted.",
            "Shortly after midnight, {party2} leader {loser} conceded defeat in {town} and congratulated the {party} on its campaign.",
        ]),
        ("campaign", [
            "The campaign in {town} was dominated by housing costs, the future of the town's bus network and plans for a new swimming pool.",
            "Housing costs and the future of the {town} bus network dominated a campaign that many residents described as unusually bitter.",
        ]),
        ("resident", [
            "\"I have voted in every {town} election since I was eighteen,\" said {resident}, a retired teacher, outside a polling station on {street}.",
            "{resident}, a retired teacher who voted at a polling station on {street}, said the {town} campaign had been about rents above all.",
        ]),
    ],
    "quake": [
        ("lead", [
            "A magnitude {magnitude} earthquake struck near {town} {when}, damaging buildings and sending residents running into the streets.",
            "An earthquake of magnitude {magnitude} shook {town} and the surrounding {region} region {when}, the regional seismological institute said.",
            "A {magnitude}-magnitude earthquake hit the {region} region {when}, with its epicentre close to the town of {town}.",
        ]),
        ("office", [
            "{holder}, director general of the {region} Seismological Institute, said the {town} quake was the strongest in the region for decades.",
            "More aftershocks around {town} were likely in the coming days, said {holder}, director general of the {region} Seismological Institute.",
            "The director general of the {region} Seismological Institute, {holder}, said the fault under {town} had been monitored for years.",
        ]),
        ("depth", [
            "The institute put the depth of the quake at {depth} kilometres, shallow enough for it to be felt strongly across {town} and beyond.",
            "The quake struck at a depth of {depth} kilometres below {town}, which is why the shaking was so strong, seismologists said.",
        ]),
        ("injured", [
            "{injured} people needed hospital treatment in {town}, most of them for cuts from falling masonry or broken glass, the health authority said.",
            "The regional health authority said hospitals in {town} had treated {injured} people, most of them for cuts from falling glass and masonry.",
        ]),
        ("buildings", [
            "Engineers had inspected {buildings} damaged buildings in {town} by the evening, and several older houses in the centre were declared unsafe.",
            "{buildings} buildings in {town} were damaged by the quake, according to engineers who spent the day checking walls and roofs.",
        ]),
        ("venue", [
            "Hundreds of residents spent the night in tents at the {venue}, too frightened to go back indoors.",
            "The town council set up tents and a field kitchen at the {venue} for families whose houses had been declared unsafe.",
        ]),
        ("governor", [
            "The governor of {region}, {official}, promised on a visit to {town} that the regional government would pay for emergency repairs.",
            "{official}, the governor of {region}, toured the damaged streets of {town} and promised money for emergency repairs.",
        ]),
        ("chapel", [
            "The bell tower of the {chapel}, a landmark of the old town of {town}, partly collapsed into the square below.",
            "Part of the bell tower of the {chapel} in {town} fell into the square, scattering stone across parked cars.",
        ]),
        ("trains", [
            "Rail services between {town} and {other_town} were suspended while engineers checked bridges and tunnels on the line.",
            "Trains between {town} and {other_town} stopped running while engineers inspected the line for cracks.",
        ]),
        ("resident", [
            "\"The whole house in {town} moved like a boat,\" said {resident}, who ran into {street} with two neighbours as plaster fell.",
            "A shopkeeper in the old town, {resident}, said the shaking had gone on long enough to grab the till and run into the square.",
        ]),
    ],
    "summit": [
        ("lead", [
            "Leaders from {delegations} member states gathered in {town} {when} for the annual summit of the {alliance}, with energy and trade on the agenda.",
            "The {alliance} opened its annual summit in {town} {when}, with leaders from {delegations} member states gathered for the talks.",
            "{delegations} member states of the {alliance} are meeting in {town} for its annual summit, which opened {when}.",
        ]),
        ("office", [
            "{holder}, the {alliance}'s secretary general, said the members would leave {town} with an agreement on ports and power lines.",
            "{holder}, secretary general of the {alliance}, said the {town} summit would be remembered for its investment plan.",
            "The secretary general of the {alliance}, {holder}, opened the {town} summit with a call for faster investment in ports.",
        ]),
        ("fund", [
            "Members of the {alliance} agreed a fund of {fund} to upgrade ports and power lines, according to a draft of the final statement.",
            "A draft of the final statement from {town} shows the {alliance} agreeing a fund of {fund} for ports and power lines.",
        ]),
        ("host", [
            "Welcoming the delegates, {town} Mayor {official} said the summit had filled every hotel room in the town.",
            "{official}, the mayor of {town}, welcomed the delegates to the {venue} and said the town was proud to host the summit.",
        ]),
        ("venue", [
            "The talks are being held at the {venue}, a former grain exchange on the {town} harbour that was turned into a conference centre.",
            "Delegates are meeting at the {venue} in {town}, a nineteenth-century trading hall on the harbour front.",
        ]),
        ("journalists", [
            "{journalists} journalists from across the region registered to cover the {town} summit, according to the organisers.",
            "The organisers said {journalists} journalists had registered to report on the {alliance} summit in {town}.",
        ]),
        ("growth", [
            "Trade between members of the {alliance} grew by {growth} last year, according to figures published before the summit.",
            "Figures published before the {town} summit show that trade between {alliance} members grew by {growth} last year.",
        ]),
        ("protest", [
            "Several hundred protesters marched through {town} calling on the {alliance} to do more to protect coastal fishing grounds.",
            "Protesters marched through the centre of {town} to demand that the {alliance} protect fishing grounds along the coast.",
        ]),
        ("security", [
            "Police closed streets around the {venue} and set up checkpoints at the entrances to the old town of {town}.",
            "Streets around the {venue} in {town} were closed to traffic, and police checked the papers of everyone entering the old town.",
        ]),
    ],
    "closure": [
        ("lead", [
            "{company} said {when} that it would close its {product} plant in {town}, with the loss of {jobs} jobs.",
            "{jobs} jobs will go after {company} announced {when} that it plans to shut its {product} factory in {town}.",
            "The closure of the {company} {product} plant in {town}, announced {when}, means {jobs} jobs will go, the company said.",
        ]),
        ("office", [
            "Speaking to staff, {company} chief executive {holder} said the {town} plant had lost money for several years and could no longer compete.",
            "{holder}, the chief executive of {company}, said the decision to leave {town} had been the hardest of the company's history.",
            "The chief executive of {company}, {holder}, said the company would help workers in {town} find new jobs.",
        ]),
        ("union", [
            "{official}, regional secretary of the {union}, said the union would fight the closure of the {town} plant.",
            "{official}, the {union}'s regional secretary, called the closure a betrayal of workers who had kept the {town} plant running for decades.",
        ]),
        ("mayor", [
            "Responding to the news, {town} Mayor {mayor} said the town would lose its largest private employer and asked the {region} government for help.",
            "{mayor}, the mayor of {town}, said the closure was a heavy blow and called on the company to find a buyer for the site.",
        ]),
        ("reason", [
            "{company} blamed higher energy costs and falling demand for {product}, and said production would move to its other sites.",
            "The company said the {town} plant had suffered from high energy costs and falling orders for {product}.",
        ]),
        ("timing", [
            "Production at {town} is due to wind down over the coming months, and the plant will close by the end of {month}.",
            "The plant in {town} will close by the end of {month}, the company said, with production winding down before then.",
        ]),
        ("history", [
            "The {town} factory opened in {opened} and was for decades the largest private employer in the town.",
            "{company} opened the {town} plant in {opened}, and generations of local families have worked there.",
        ]),
        ("severance", [
            "{company} said it would offer redundancy pay of {weeks} weeks' salary for each year worked at the {town} plant.",
            "Workers in {town} will be offered {weeks} weeks' pay for every year of service, the company said.",
        ]),
        ("worker", [
            "\"My father worked at the {town} plant and so did I,\" said {resident}, who has been on the production line for decades.",
            "{resident}, who has worked on the {town} production line for decades, said nobody on the shop floor had seen the closure coming.",
        ]),
        ("talks", [
            "The {region} regional government said it would hold talks with {company} about finding a buyer for the {town} site.",
            "Officials in {region} said they would ask {company} to keep the {town} plant open until a buyer could be found.",
        ]),
    ],
    "wildfire": [
        ("lead", [
            "A wildfire that broke out near {town} {when} has burned {hectares} hectares of forest and scrubland, the {region} Fire Service said.",
            "Crews were battling a wildfire near {town} that has burned {hectares} hectares of pine forest since it started {when}.",
            "{hectares} hectares of forest and scrubland near {town} have burned since a wildfire started in the hills {when}, officials said.",
        ]),
        ("office", [
            "Late on the first day, {region} Governor {holder} declared a state of emergency around {town} and asked neighbouring regions for help.",
            "{holder}, the governor of {region}, declared a state of emergency in the forests and villages around {town}.",
            "The governor of {region}, {holder}, said the wildfire near {town} was the largest the region had seen in years.",
        ]),
        ("evacuated", [
            "{evacuated} people were evacuated from villages around {town} as the flames moved down the hillside towards the town.",
            "Police evacuated {evacuated} people from villages on the hills above {town} as the wind pushed the flames south.",
        ]),
        ("crews", [
            "{crews} ground crews from across {region} were cutting firebreaks through the pine forest above {town}.",
            "The {region} Fire Service said {crews} ground crews were cutting firebreaks in the hills above {town} through the night.",
        ]),
        ("aircraft", [
            "{aircraft} water-bombing aircraft were dropping water on the flames from a reservoir north of {town}.",
            "Pilots flying {aircraft} water-bombing aircraft refilled at a reservoir north of {town} throughout the day.",
        ]),
        ("commander", [
            "The commander of the {region} Fire Service, {official}, said strong winds and tinder-dry pine forest had made the wildfire near {town} hard to contain.",
            "{official}, commander of the {region} Fire Service, said the wind in the hills near {town} had changed direction several times.",
        ]),
        ("houses", [
            "{houses} farmhouses were destroyed in the hamlets above {town}, though most of the owners had left before the flames arrived.",
            "The wildfire destroyed {houses} farmhouses in the hamlets above {town}, according to the regional authorities.",
        ]),
        ("temp", [
            "Temperatures near {town} reached {temp} degrees Celsius, and forecasters expected no rain for at least a week.",
            "The temperature in {town} rose to {temp} degrees Celsius as the wildfire spread, and no rain was forecast.",
        ]),
        ("venue", [
            "The Red Cross turned the {venue} into a shelter for families from the villages, with camp beds and a field kitchen.",
            "The council opened the {venue} to evacuated families, and volunteers brought food, water and blankets.",
        ]),
        ("resident", [
            "\"We could see the flames on the ridge above {town} from the kitchen window,\" said {resident}, who left with two suitcases.",
            "{resident} drove down from a farm above {town} with the family dog as ash fell on the yard and the sky turned orange.",
        ]),
        ("road", [
            "The main road between {town} and {other_town} was closed as smoke from the forest drifted across it, police said.",
            "Police shut the road from {town} to {other_town} because thick smoke from the forest had cut visibility to a few metres.",
        ]),
    ],
}

_TITLES = {
    "flood": ["{homes} homes flooded as the {river} bursts its banks in {town}", "{town} under water after the River {river} floods",
              "Thousands leave their homes as floods hit {town}"],
    "fire": ["{injured} hurt in fire at {company} plant in {town}", "Fire at {town} factory injures {injured}",
             "Night shift flees as fire sweeps through {company} plant"],
    "strike": ["{strikers} dockers strike at port of {town}", "Strike shuts the port of {town}",
               "Ships wait offshore as {town} dockers walk out"],
    "election": ["Turnout of {turnout} in {town} council election", "{party} becomes largest group on {town} council",
                 "{town} votes for a new council"],
    "quake": ["Magnitude {magnitude} earthquake shakes {town}", "Earthquake damages buildings in {town}",
              "Quake near {town} sends residents into the streets"],
    "summit": ["{alliance} summit opens in {town}", "{delegations} member states meet in {town}",
               "Ports and power lines top the agenda in {town}"],
    "closure": ["{company} to close {town} plant with the loss of {jobs} jobs", "{jobs} jobs to go at {company} in {town}",
                "{town} loses its largest employer"],
    "wildfire": ["Wildfire near {town} burns {hectares} hectares", "State of emergency as wildfire nears {town}",
                 "Villages evacuated as wildfire spreads near {town}"],
}

# Sentences any article may add when asked for more sentences than an event has facts.
_EXTRA = [
    "Officials in {town} said they would publish updates on the council website every morning until the situation was back to normal.",
    "The regional broadcaster in {region} interrupted its evening programmes to carry a statement from the authorities in {town}.",
    "Messages of support for the people of {town} poured in from neighbouring towns across the {region} region.",
    "Local businesses in {town} said the disruption had come at the worst possible time of the year for trade.",
    "A collection for the people affected in {town} was launched by the local newspaper and a group of churches.",
    "Opposition councillors in {town} said they would ask for a full report on how the authorities had handled the day.",
]


# ---------------------------------------------------------------------------------------------------
# Articles.
# ---------------------------------------------------------------------------------------------------

def _surname(name: str) -> str:
    return name.split(" ", 1)[1]


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence else sentence


def _published(event: Event, outlet: str, variant: int) -> date:
    rng = random.Random(f"published|{event.key}|{outlet}|{variant}")
    return event.day + timedelta(days=rng.choice((0, 0, 1, 1, 2)))


def _compose(event: Event, outlet: str, variant: int, sentences: int, conflict: dict | None,
             published: date | None) -> tuple[date, str, list[tuple[str, str]], random.Random]:
    """(publication date, title, [(fact, sentence)], the article's rng) for article_text."""
    conflict = dict(conflict or {})
    unknown = set(conflict) - {"count", "holder"} - {name for name, _ in event.figures}
    if unknown:
        raise ValueError(f"conflict names no fact of {event.key}: {sorted(unknown)}")
    rng = random.Random(f"article|{event.key}|{outlet}|{variant}|{sentences}")
    when_published = published or _published(event, outlet, variant)
    facts = _T[event.kind]
    # Which facts this article reports: the lead and the office holder always, then a random choice.
    rest = list(range(2, len(facts)))
    rng.shuffle(rest)
    wanted = max(sentences, 2)
    chosen = sorted([0, 1] + rest[: max(0, wanted - 2)])
    extras = max(0, wanted - len(chosen))

    values = dict(event.figures)
    overrides = {k: v for k, v in conflict.items() if k != "holder"}
    if "count" in overrides:
        overrides[event.headline] = overrides.pop("count")
    holder = conflict.get("holder", event.holder)
    context: dict[str, str] = dict(event.names)
    for name, value in sorted(values.items()):
        text = format_value(name, value, rng)  # drawn for every figure, so a conflict changes nothing else
        if name in overrides:
            own = random.Random(f"conflict|{event.key}|{outlet}|{variant}|{name}")
            text = format_value(name, overrides[name], own, firm=True)
        context[name] = text
    for name in _PLAIN:
        if name in values:
            context[name] = format_value(name, overrides.get(name, values[name]), rng, plain=True)
    if "hour" in values:
        context["hour_words"] = f"{_SMALL[int(values['hour'])]} o'clock"
    context.update(
        town=event.town, TOWN=event.town.upper(), region=event.region, outlet=outlet, venue=event.venue,
        holder=holder, holder_s=_surname(holder),
    )
    body: list[tuple[str, str]] = []
    for index in chosen:
        name, templates = facts[index]
        template = templates[(variant + rng.randrange(len(templates))) % len(templates)]
        context["when"] = _when(event, when_published, rng, lead=index == 0)
        body.append((name, _capitalise(template.format(**context))))
    pool = list(_EXTRA)
    rng.shuffle(pool)
    for k in range(extras):
        if k < len(pool):
            body.append(("extra", pool[k].format(**context)))
        else:  # more sentences than facts: retell a fact in another wording
            name, templates = facts[k % len(facts)]
            context["when"] = _when(event, when_published, rng, lead=name == "lead")
            body.append((name, _capitalise(templates[(variant + k) % len(templates)].format(**context))))
    if outlet in _WIRES:
        body[0] = (body[0][0], f"{context['TOWN']} ({outlet}) - {body[0][1]}")
    title = _capitalise(rng.choice(_TITLES[event.kind]).format(**{**context, **{
        k: format_value(k, overrides.get(k, v), random.Random(f"title|{event.key}|{outlet}"), plain=True)
        for k, v in values.items()}}))
    return when_published, title, body, rng


# Figures written without a bound word wherever they appear ("a 72-hour stoppage", "26 of the 51 seats").
_PLAIN = ("hours", "years", "opened", "total", "seats", "radius", "depth", "temp", "weeks", "queue", "stations")


def article_sentences(event: Event, outlet: str, variant: int, sentences: int = 8, *, conflict: dict | None = None,
                      published: date | None = None) -> list[tuple[str, str]]:
    """The body of article_text as (fact, sentence) pairs: "lead", "office", a figure's name, "extra", ..."""
    return _compose(event, outlet, variant, sentences, conflict, published)[2]


def article_text(event: Event, outlet: str, variant: int, sentences: int = 8, *, conflict: dict | None = None,
                 published: date | None = None) -> str:
    """One article about `event` as `outlet` writes it: YAML front matter (source, published, title, url)
    and `sentences` body sentences, each a different fact (the lead with the headline figure and the
    sentence naming the office holder always among them). `variant` picks wordings and figure forms.
    `conflict` overrides facts: {"count": v} the headline figure (or any figure by its name), {"holder":
    name} the holder of the main office; nothing else in the text changes with it. `published` defaults
    to a day 0 to 2 days after the event."""
    when_published, title, body, rng = _compose(event, outlet, variant, sentences, conflict, published)
    # One or two sentences to a paragraph, as news sites print them.
    paragraphs: list[str] = []
    i = 0
    while i < len(body):
        take = 1 if i == 0 or rng.random() < 0.55 else 2
        paragraphs.append(" ".join(text for _, text in body[i : i + take]))
        i += take
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    front = (
        "---\n"
        f"source: {outlet}\n"
        f"published: {when_published.isoformat()}\n"
        f"title: \"{title}\"\n"
        f"url: https://example.com/{outlet_slug(outlet)}/{when_published:%Y/%m/%d}/{slug}\n"
        "---\n"
    )
    return front + "\n\n".join(paragraphs) + "\n"


# ---------------------------------------------------------------------------------------------------
# Corpora.
# ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PlannedArticle:
    """One article of a corpus (or a new one): which event, outlet and wording, and any planted conflict."""

    event: Event
    outlet: str
    variant: int
    conflict: dict = field(default_factory=dict, hash=False, compare=True)
    path: Path | None = None

    @property
    def file_name(self) -> str:
        return f"{self.event.key}-{outlet_slug(self.outlet)}.md"


def _planted(event: Event, conflict_every: int) -> dict:
    """The conflict event i carries, if any: every conflict_every-th event from 1, count and holder in turn."""
    if conflict_every <= 0 or event.index % conflict_every != 1 % conflict_every:
        return {}
    if (event.index // conflict_every) % 2 == 0:
        return {"count": conflicting_value(event)}
    return {"holder": event.alt_holder}


def corpus_plan(articles: int, seed: int = 0, articles_per_event: int = 5, conflict_every: int = 20) -> list[PlannedArticle]:
    """What write_corpus writes, in file-name order."""
    if articles < 0 or articles_per_event < 1:
        raise ValueError("articles must be >= 0 and articles_per_event >= 1")
    n_events = -(-articles // articles_per_event)
    plan: list[PlannedArticle] = []
    for event in make_events(n_events, seed):
        count = min(articles_per_event, articles - event.index * articles_per_event)
        rng = random.Random(f"outlets|{seed}|{event.key}")
        outlets = rng.sample(OUTLETS, min(count, len(OUTLETS)))
        while len(outlets) < count:  # more articles per event than outlets: a second edition
            outlets.append(f"{OUTLETS[len(outlets) % len(OUTLETS)]} Online")
        conflict = _planted(event, conflict_every) if count >= 3 else {}
        wrong = rng.randrange(1, count) if conflict else -1  # never the first: most articles agree
        for k, outlet in enumerate(outlets):
            plan.append(PlannedArticle(event, outlet, k, conflict if k == wrong else {}))
    return sorted(plan, key=lambda p: p.file_name)


def write_corpus(folder: Path, articles: int, seed: int = 0, sentences: int = 8, articles_per_event: int = 5,
                 conflict_every: int = 20) -> list[Path]:
    """Write `articles` Markdown articles to `folder` (created if missing); returns their paths, sorted."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in corpus_plan(articles, seed, articles_per_event, conflict_every):
        path = folder / item.file_name
        path.write_text(article_text(item.event, item.outlet, item.variant, sentences, conflict=item.conflict),
                        encoding="utf-8")
        paths.append(path)
    return sorted(paths)


def new_article(folder: Path, seed: int = 0, *, change: str = "both", event_index: int | None = None,
                sentences: int = 8, articles_per_event: int = 5, conflict_every: int = 20,
                factor: float = 2.5) -> PlannedArticle:
    """Write ONE new article about an event of the corpus write_corpus(..., seed) writes, into `folder`.

    change: "none" (agrees: the corpus facts in new wording), "count" (a headline figure `factor` times the
    event's, e.g. 4,800 homes against about 1,900), "holder" (someone else as holder of the main office) or
    "both". The event is `event_index`, or the first event without a planted conflict (event 0 by default,
    so it is in every corpus of that seed). The outlet is one that did not write about the event."""
    if change not in ("none", "count", "holder", "both"):
        raise ValueError(f"change must be none, count, holder or both, not {change!r}")
    index = event_index
    if index is None:
        index = 0
        while _planted(make_events(index + 1, seed)[index], conflict_every):
            index += 1
    event = make_events(index + 1, seed)[index]
    used = {p.outlet for p in corpus_plan((index + 1) * articles_per_event, seed, articles_per_event, conflict_every)
            if p.event.key == event.key}
    outlet = next(o for o in OUTLETS if o not in used)
    conflict: dict = {}
    if change in ("count", "both"):
        conflict["count"] = conflicting_value(event, factor)
    if change in ("holder", "both"):
        conflict["holder"] = event.alt_holder
    variant = articles_per_event + 1  # a wording of its own
    published = event.day + timedelta(days=1)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{event.key}-{outlet_slug(outlet)}.md"
    path.write_text(article_text(event, outlet, variant, sentences, conflict=conflict, published=published),
                    encoding="utf-8")
    return PlannedArticle(event, outlet, variant, conflict, path)


def contradicting_article(folder: Path, seed: int = 0, *, change: str = "both", **options) -> Path:
    """A new article that contradicts a corpus event (see new_article); its event is new_article(...).event."""
    return new_article(folder, seed, change=change, **options).path


def agreeing_article(folder: Path, seed: int = 0, **options) -> Path:
    """A new article that repeats a corpus event's facts in new wording (see new_article)."""
    return new_article(folder, seed, change="none", **options).path
