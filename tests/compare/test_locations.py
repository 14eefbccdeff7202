"""One event placed in different places: a table of sentence pairs, each a conflict or a look-alike."""
import pytest

from claimcheck.compare.locations import compare_locations
from claimcheck.extract.locations import location_key

# (sentence in article a, sentence in article b, expected severity or None for no finding)
ROWS = [
    # Two towns or two venues for one event, neither inside the other.
    ("A fire broke out at a warehouse in Lenfield on Tuesday night.",
     "A fire broke out at a warehouse in Ashby on Tuesday night.", "error"),
    ("The explosion happened at the Brisk Street depot.", "The explosion happened at the Corran Mill.", "error"),
    ("The accident happened on Brisk Street in Lenfield.", "The accident happened on Mill Road in Lenfield.", "error"),
    ("The blast happened in the Estmark capital, Karsvik.", "The blast happened in Orvale.", "error"),
    ("The summit will be held in Sainte-Odile next month.", "The summit will be held in Karsvik next month.", "error"),
    ("Police arrested 14 people at a rally in Greyhaven.", "Police arrested 14 people at a rally in Dunmore.", "error"),
    ("Dunmore Mayor Elin Frost said the bridge collapsed in Ostby.",
     "The bridge collapsed in Lenfield, officials said.", "error"),
    # Could be reconciled: one place only near, a region that may hold the town, an event that covers an area.
    ("The train derailed near Orvale, injuring 37 passengers.",
     "The train derailed in Tessaly, injuring 37 passengers.", "warning"),
    ("Protesters clashed with police in Velmont on Saturday.",
     "Protesters clashed with police in the Dallin province on Saturday.", "warning"),
    ("The ferry capsized off the coast of Marrow Island.", "The ferry capsized near Port Ardent.", "warning"),
    ("A magnitude 5.8 earthquake struck 20 km north of Karsvik.",
     "A magnitude 5.8 earthquake struck 20 km south of Velmont.", "warning"),
    ("Heavy flooding damaged homes in Lenfield.", "Heavy flooding damaged homes in Greyhaven.", "warning"),
    # A venue and a town it may be in: worth a look, not a conflict.
    ("The concert was held at Lumen Hall on Friday.", "The concert was held in Brackwater on Friday.", "info"),
    # Look-alikes.
    ("A fire broke out at a warehouse in Lenfield, Westmarch.",
     "A fire broke out at a warehouse in Westmarch.", None),  # a town and its region, said in the sentence
    ("The explosion happened at the Corran Mill in Lenfield.", "The explosion happened in Lenfield.", None),
    ("An official in Dunmore said the fire started in Lenfield.", "The fire started in Lenfield.", None),
    ("The minister, who is from Dunmore, said the blast happened at the Brisk Street depot.",
     "The blast happened at the Brisk Street depot, police said.", None),
    ("The Westmarch police chief said the shooting happened in Lenfield.",
     "The shooting happened in Lenfield, the police chief of Westmarch said.", None),
    ("A fire broke out in Lenfield on Monday.", "A fire broke out in Ashby on Thursday.", None),  # two fires
    ("The minister opened a new school in Lenfield.", "The minister opened a new clinic in Ashby.", None),
    ("A riot broke out in Velmont.", "A fire broke out in Tessaly.", None),
    ("Police arrested two men in Lenfield.", "Police arrested a woman in Ashby.", None),
    ("Drones struck an oil depot in Lenfield overnight.", "Drones struck a power station in Ashby overnight.", None),
    ("Valdoran gunboats shelled jetties near Orvale.", "Estmarkian gunboats shelled jetties near Tessaly.", None),
    ("A fire broke out in the Westmarch town of Lenfield.", "A fire broke out in Westmarch.", None),
    ("The storm killed three people in Lenfield.", "The storm killed five people in Ashby.", None),
    ("The company opened a factory in Lenfield last year.", "The company will open a factory in Ashby.", None),
    ("The fire did not start in Lenfield, investigators said.", "The fire started in Ashby.", None),
    ("The summit will be held in Sainte-Odile.", "The summit will be held in Ste Odile.", None),
    ("Flood water reached the square in Vallée-Rouge.", "Flood water reached the square in Vallee Rouge.", None),
    ("The train derailed near Orvale.", "The train derailed in Orvale.", None),
    ("The earthquake was felt as far away as Ashby.", "The earthquake struck near Lenfield.", None),
    ("Storms flooded homes in Lenfield.", "The mayor of Ashby praised the rescuers.", None),
    ("Police recovered the stolen violin, taken from a concert hall last spring, from a garage in Dunmore.",
     "The stolen violin was recovered by police in Ashby.", "error"),
    # A city and its country, a division and its country: the gazetteer nests them (real places, none of them
    # from the evaluation sets).
    ("A fire broke out at a warehouse in Porto on Tuesday night.",
     "A fire broke out at a warehouse in Portugal on Tuesday night.", None),
    ("The bridge collapsed in the São Paulo state on Sunday.", "The bridge collapsed in Brazil on Sunday.", None),
    ("The bridge collapsed in Houston on Sunday.", "The bridge collapsed in Texas on Sunday.", None),
    ("The bridge collapsed in Madrid on Sunday.", "The bridge collapsed in Porto on Sunday.", "error"),
    # Two countries: a territory may be listed as a country of its own, so a warning only.
    ("The summit will be held in Spain next month.", "The summit will be held in Portugal next month.", "warning"),
    # A directional region holds the places of what it is a part of.
    ("The train derailed in South Texas on Sunday.", "The train derailed in Houston on Sunday.", None),
    ("The train derailed in Lenfield, Westmarch, on Sunday.", "The train derailed in South Westmarch on Sunday.", None),
    # Where someone spoke is not where the event was.
    (("Ilse Varga, the relief mission's chief, shared the count of missing people at a briefing for journalists "
      "in Dunmore."),
     "At least 10,000 people were missing in Westmarch after the floods, the relief mission said.", None),
    # A name and the same name with a word for the kind of place; not two kinds of place sharing a town's name.
    ("The accident happened near Brenholt Bazar station.", "The accident happened near Brenholt Station.", None),
    ("The fire broke out at Brenholt Station.", "The fire broke out at Brenholt Airport.", "error"),
    # A town the articles put north of the town the other article names loosely.
    ("The tower collapsed in Karsvik, just north of Port Ardent.", "The tower collapsed near Port Ardent.", None),
    # A region and a town that lie in one larger place; a town set in one region against another region.
    ("The dam burst near Lenfield, Westmarch, on Sunday.", "The dam burst in Westmarch's Dallin province on Sunday.",
     None),
    ("The quake struck 20 km (12 miles) east of Lenfield, in Westmarch's Dallin province.",
     "The earthquake was centred in Westmarch's Drenmoor province.", "warning"),
    # The same distance from two different places; a compound direction; the noun a participle belongs to.
    ("The search is being conducted about 650 km north of Port Ardent, the coast guard said.",
     "A further problem is the remote search area, which is some 650 km north of Karsvik.", "warning"),
    ("The quake was centred around 30 kilometers east-northeast of Lenfield.",
     "The quake was centred in the town of Ashby.", "warning"),
    ("Hundreds of buildings collapsed in the first quake, centred on the southern Westmarchian province of Dallin.",
     "The first quake was centred in the town of Ashby, and hundreds of buildings collapsed.", "warning"),
    # Two placements of a quake's centre ("centred in", "centered ... north of", "the epicentre was", "struck
    # near"): the centre frame joins them from loosely similar sentences.
    ("Buildings swayed across Westmarch on Sunday when the earthquake struck, centred in the town of Ostby.",
     "The earthquake was centered about 40 kilometers north of Karsvik, at a depth of 12 km.", "warning"),
    ("A magnitude 6.1 earthquake struck near Lenfield early on Sunday.",
     "The epicentre of Sunday's quake was in the town of Ashby.", "warning"),
    # Look-alikes in the frame: another event centred elsewhere, an aftershock, a second quake.
    ("The explosion, centred on a depot in Lenfield, shattered windows across the city.",
     "The quake was centred near Ashby, seismologists said.", None),
    ("A 5.4 aftershock struck near Lenfield on Tuesday.", "The main quake was centered in the town of Ashby.", None),
    ("The first quake was centred in the town of Ashby.", "The second quake was centred near Lenfield.", None),
    ("Protests, centred in Velmont, spread to other towns.", "The quake was centred near Lenfield.", None),
]


@pytest.mark.parametrize("a,b,expected", ROWS)
def test_pairs(corpus, a, b, expected):
    claims, vectors, articles = corpus({"a": [a], "b": [b]})
    findings = compare_locations(claims, vectors, articles)
    assert [f.severity for f in findings] == ([expected] if expected else [])


def test_both_kinds_of_rows_are_in_the_table():
    assert any(r[2] for r in ROWS) and any(r[2] is None for r in ROWS)


def test_one_finding_names_every_article_that_places_the_event(corpus):
    claims, vectors, articles = corpus({
        "courier": ["A fire broke out at a paint warehouse in Lenfield late on Tuesday."],
        "herald": ["Late on Tuesday a fire broke out at a paint warehouse in Lenfield."],
        "agency": ["A fire broke out at a paint warehouse in Ashby late on Tuesday."],
    })
    (finding,) = compare_locations(claims, vectors, articles)
    assert finding.kind == "location" and finding.severity == "error"
    assert {s.article_id: s.value for s in finding.statements} == {
        "courier": "Lenfield", "herald": "Lenfield", "agency": "Ashby",
    }
    assert finding.subject == "where the fire broke out"
    assert all(word in finding.explanation for word in ("agency", "courier", "herald", "Lenfield", "Ashby"))


def test_containment_stated_elsewhere_in_the_corpus_settles_it(corpus):
    texts = {
        "a": ["Two workers were hurt when a fire broke out at the Corran Mill on Tuesday."],
        "b": ["A fire broke out in Lenfield on Tuesday, injuring two workers."],
    }
    claims, vectors, articles = corpus(texts)
    (finding,) = compare_locations(claims, vectors, articles)
    assert finding.severity == "info"  # a venue and a town it may be in
    texts["c"] = ["The Corran Mill in Lenfield employs 260 people."]
    claims, vectors, articles = corpus(texts)
    assert compare_locations(claims, vectors, articles) == []


def test_a_town_inside_a_region_stated_elsewhere_is_no_conflict(corpus):
    texts = {
        "a": ["The bridge over the river collapsed in Lenfield on Sunday."],
        "b": ["The bridge over the river collapsed in Westmarch on Sunday."],
    }
    claims, vectors, articles = corpus(texts)
    assert [f.severity for f in compare_locations(claims, vectors, articles)] == ["error"]
    texts["c"] = ["Lenfield, a small town in Westmarch, has about 9,000 residents."]
    claims, vectors, articles = corpus(texts)
    assert compare_locations(claims, vectors, articles) == []


def test_a_venue_known_to_be_in_another_town_is_an_error(corpus):
    claims, vectors, articles = corpus({
        "a": ["The explosion happened at the Corran Mill.", "The Corran Mill in Ashby employs 260 people."],
        "b": ["The explosion happened in Lenfield."],
    })
    (finding,) = compare_locations(claims, vectors, articles)
    assert finding.severity == "error"
    assert {s.value for s in finding.statements} == {"Corran Mill", "Lenfield"}


def test_the_place_the_crews_came_from_is_not_where_the_fire_was(corpus):
    claims, vectors, articles = corpus({
        "a": ["A fire broke out at a warehouse in Lenfield.", "Crews from Ashby helped put it out."],
        "b": ["A fire broke out at a warehouse in Ashby."],
    })
    (finding,) = compare_locations(claims, vectors, articles)
    assert {s.value for s in finding.statements} == {"Lenfield", "Ashby"}


def test_an_article_that_itself_gives_two_sites_is_left_out(corpus):
    claims, vectors, articles = corpus({
        "a": ["A fire broke out at a warehouse in Lenfield.", "Another fire broke out at a warehouse in Ashby."],
        "b": ["A fire broke out at a warehouse in Ashby."],
    })
    assert compare_locations(claims, vectors, articles) == []


def test_places_within_one_article_are_not_compared(corpus):
    claims, vectors, articles = corpus({"a": ["A fire broke out in Lenfield.", "A fire broke out in Ashby."]})
    assert compare_locations(claims, vectors, articles) == []


def test_the_fingerprint_does_not_depend_on_order_or_file_names(corpus):
    first = compare_locations(*corpus({
        "a": ["The explosion happened at the Brisk Street depot."], "b": ["The explosion happened at the Corran Mill."],
    }))
    second = compare_locations(*corpus({
        "z": ["The explosion happened at the Corran Mill."], "y": ["The explosion happened at the Brisk Street depot."],
    }))
    assert [f.id for f in first] == [f.id for f in second] and first[0].id.startswith("loc-")


@pytest.mark.parametrize("a,b", [
    ("Sainte-Odile", "Ste Odile"), ("Vallée-Rouge", "vallee rouge"), ("the Westmarch region", "Westmarch"),
    ("Mt. Carrow", "Mount Carrow"),
])
def test_spellings_share_a_key(a, b):
    assert location_key(a) == location_key(b)


def test_what_the_wording_says_about_places(nlp):
    from claimcheck.extract.locations import read_places

    def pairs(found):
        return [(a.text, b.text) for a, b in found]

    read = read_places(nlp("The quake struck 20 km (12 miles) east of Lenfield, in Westmarch's Dallin province."))
    (placement, *_) = read.placements
    assert placement.preposition == "20 km (12 miles) east of" and placement.near
    assert [p.text for p in placement.places] == ["Lenfield", "Dallin province", "Westmarch"]
    assert pairs(read.containment) == [("Lenfield", "Dallin province"), ("Dallin province", "Westmarch")]
    read = read_places(nlp("Rubble hangs from a collapsed building in Karsvik north of Port Ardent."))
    assert pairs(read.nearby) == [("Karsvik", "Port Ardent")]
    assert [pl.places[0].text for pl in read.placements] == ["Karsvik", "Port Ardent"]
