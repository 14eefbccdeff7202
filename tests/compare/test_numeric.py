"""Figures compared across articles: a table of sentence pairs, each a conflict or a look-alike."""
import pytest

from claimcheck.compare.numeric import compare_numeric

# (sentence in article a, sentence in article b, expected severity or None for no finding)
ROWS = [
    ("About 600 homes were flooded in Lenfield.", "More than 1,400 homes were flooded in Lenfield.", "error"),
    ("The company said 11 workers were injured in the fire.", "At least 23 workers were injured in the fire.", "error"),
    ("Officials said 2,300 dockworkers walked out on Monday.", "More than 5,000 dockworkers walked out on Monday.", "error"),
    ("The army sent more than 7,000 reservists to the border.", "Around 10,000 reservists are now at the border.", "warning"),
    ("The flood forced some 4,000 residents to leave their homes.", "The flood forced 4,150 residents to leave their homes.", None),
    ("Nearly 60 delegations attended the summit.", "57 delegations attended the summit.", None),
    ("Two dozen boats joined the rescue.", "24 boats joined the rescue.", None),
    ("Two workers died in the fire.", "23 workers were injured in the fire.", None),
    ("The fire killed 2 workers.", "Two workers died in the blaze.", None),
    ("Cracks were found in two of its five piers.", "Engineers found cracks in two of the bridge's piers.", None),
    ("About 600 homes were flooded in Lenfield.", "The orchestra played for 1,400 guests.", None),
    ("Ticket prices rose 8 percent this year.", "Ticket prices rose 8% this year.", None),
    ("Some 12 fire engines attended the blaze.", "Twelve fire engines attended the blaze.", None),
    ("Duties will fall from 8 percent to 3 percent.", "Duties will drop from 8% to 3% in January.", None),
    ("A magnitude 6.4 earthquake hit the valley, the agency said.", "The agency said a 5.8-magnitude earthquake hit the valley.", "error"),
    ("The bridge cost 12 million euros to build.", "The bridge cost €12 million to build.", None),
    ("At least 17 people died in the storm.", "The storm killed 17 people.", None),
    ("Police arrested 14 people after the match.", "Police arrested 40 people after the match.", "error"),
    ("Last year 300 people died on the county's roads.", "This year 120 people died on the county's roads.", None),
    ("In 2023 the port handled 4 million containers.", "In 2024 the port handled 5 million containers.", None),
    ("The Civic Alliance won 34 seats in the assembly.", "The Green Valley List won five seats in the assembly.", None),
    ("Turnout was 63 percent, the commission said.", "Turnout in the election was 52 percent.", "error"),
    ("Members voted 82 percent against the deal.", "The union rejected a 3.2 percent pay offer.", None),
    # Frames: the same outcome for the same people, whatever the words and however long the sentence.
    ("At least 30 people were killed in the storm.", "The death toll from the storm rose to 52.", "warning"),
    ("Twelve people were wounded in the attack.", "The attack left 30 people hurt.", "error"),
    ("The ministry said 4,000 troops were deployed to the border.",
     "About 7,500 soldiers were deployed to the border, the ministry said.", "error"),
    (("The storm killed at least 40 people and injured more than 300 others in Lenfield on Monday, while 2,000 "
      "homes were flooded and power was cut to 90,000 households across the region, officials said."),
     "The death toll in Lenfield has risen to 61.", "warning"),
    ("Among the dead, 12 were children.", "Nine children were among the dead.", "error"),
    ("The missing include at least 30 Dutch tourists.", "A local paper said 18 of those missing are Dutch.", None),
    ("The missing include at least 30 Dutch people.", "A local paper said 18 of those missing are Dutch.", "error"),
    ("The missing include at least 30 Dutch people.", "At least 140 people are still missing.", None),
    ("32 people died in Lenfield, 22 in Ashby and five in Orvale.", "Thirty-one people died in Lenfield.", "error"),
    ("Between 11,000 and 12,000 people fled the fighting.", "About 10,000 people fled the fighting.", "error"),
    ("The quake struck 72 km southwest of Karsvik.", "The quake struck 63 km from Karsvik.", "error"),
    ("She led the party for 12 years before stepping down.", "She stepped down after leading the party for 13 years.", "error"),
    ("The ferry was 21 metres long.", "The 22-metre ferry sank in minutes.", "error"),
    ("The two blasts were about 10 seconds apart.", "The two blasts went off twelve minutes apart.", "error"),
    ("A quarter of the town was wrecked by the flood.", "The flood wrecked up to a fifth of the town.", "error"),
    ("A third of the town was wrecked by the flood.", "The flood wrecked a third of the town.", None),
    ("The second quake measured 7.6, the agency said.", "The second quake measured 7.7, the agency said.", "error"),
    ("The second quake measured 7.6, the agency said.", "The second quake measured 7.7, the survey said.", None),
    # Look-alikes: another outcome, a part, another time, another claimant, a prediction, an offset.
    ("38 people died when the plane crashed near Lenfield.", "The plane was carrying 67 people when it crashed near Lenfield.", None),
    ("Among the dead, 12 were children.", "At least 40 people died in the fire.", None),
    ("32 people died in Lenfield, 22 in Ashby and five in Orvale.", "At least 61 people died in the earthquake.", None),
    ("The 1998 floods killed 400 people in the valley.", "The floods have killed 45 people in the valley.", None),
    ("Police put the size of the crowd at 5,000.", "Organisers said 20,000 people joined the march.", None),
    ("Police said 5,000 people joined the march.", "Police said 12,000 people joined the march.", "error"),
    ("Waves of up to 5 metres were forecast for the harbour.", "Waves of 1.2 metres hit the harbour.", None),
    ("The first quake measured 7.7, the agency said.", "The second quake measured 7.5, the agency said.", None),
    ("The coast guard was told eight hours after contact with the boat was lost.",
     "The crew of the boat has about 40 hours of air left.", None),
    ("Upwards of 800,00 people marched through Lenfield.", "About 800 people marched through Lenfield.", None),
    ("Storms killed at least 90 people across Portugal and Spain.", "Storms killed at least 40 people in Spain.", None),
    ("Two blasts killed 40 people in Lenfield.", "Three blasts killed 40 people in Lenfield.", "error"),  # the blasts
    ("Two blasts killed 40 people in Lenfield.", "The toll in Lenfield stood at 40.", None),  # blasts are no toll
    ("The Alliance won 34 of the 61 seats.", "The Alliance won 34 seats.", None),
    # two bodies' own counts, one named after "according to" with its short name in brackets
    ("The Harbour Rescue League has also reported that 131 people were killed in Lenfield.",
     "248 people have died in Lenfield, according to the Office for Relief Coordination (ORC).", None),
    ("131 people were killed in Lenfield.", "248 people have died in Lenfield.", "error"),
]


@pytest.mark.parametrize("a,b,expected", ROWS)
def test_pairs(corpus, a, b, expected):
    claims, vectors, articles = corpus({"a": [a], "b": [b]})
    findings = compare_numeric(claims, vectors, articles)
    assert [f.severity for f in findings] == ([expected] if expected else [])


def test_a_toll_credited_to_a_countrys_body_is_that_countrys_toll(corpus):
    # Each article splits the toll by country; the unplaced figure is Chile's, as its source is Chilean.
    claims, vectors, articles = corpus({
        "a": ["Chilean state media said 1,400 people had died, while 300 people were killed in Peru."],
        "b": ["At least 1,010 people have died in Chile.", "In Peru, 220 people have been killed."],
    })
    found = {tuple(sorted(s.value for s in f.statements)) for f in compare_numeric(claims, vectors, articles)}
    assert ("1,400", "At least 1,010") in found
    claims, vectors, articles = corpus({
        "a": ["Officials said 1,400 people had died, while 300 people were killed in Peru."],
        "b": ["At least 1,010 people have died in Chile.", "In Peru, 220 people have been killed."],
    })
    found = {tuple(sorted(s.value for s in f.statements)) for f in compare_numeric(claims, vectors, articles)}
    assert ("1,400", "At least 1,010") not in found  # no place and no source: it may be either country's


def test_both_kinds_of_rows_are_in_the_table():
    assert any(r[2] for r in ROWS) and any(r[2] is None for r in ROWS)


def test_one_finding_names_every_article_that_takes_part(corpus):
    claims, vectors, articles = corpus({
        "courier": ["More than 1,400 homes were flooded in Lenfield."],
        "herald": ["Some 1,450 homes were flooded in Lenfield."],
        "agency": ["About 600 homes were flooded in Lenfield."],
    })
    (finding,) = compare_numeric(claims, vectors, articles)
    assert {s.article_id: s.value for s in finding.statements} == {
        "courier": "More than 1,400", "herald": "Some 1,450", "agency": "About 600",
    }
    assert "cannot all be true" in finding.explanation


def test_figures_within_one_article_are_not_compared(corpus):
    claims, vectors, articles = corpus({"a": ["About 600 homes were flooded.", "More than 1,400 homes were flooded."]})
    assert compare_numeric(claims, vectors, articles) == []


def test_a_figure_reported_later_is_a_warning(corpus):
    from datetime import date

    claims, vectors, articles = corpus(
        {"early": ["The death toll from the storm rose to 26."], "late": ["The death toll from the storm rose to 72."]},
        published={"early": date(2025, 3, 1), "late": date(2025, 3, 3)},
    )
    (finding,) = compare_numeric(claims, vectors, articles)
    assert finding.severity == "warning" and "later figure may supersede" in finding.explanation
