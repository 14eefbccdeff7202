"""Different holders of one office across articles, and the look-alikes that are not conflicts."""
from datetime import date

import pytest

from claimcheck.compare.offices import compare_offices, is_unique_office, link_people

# (sentence in article a, sentence in article b, expected severity or None for no finding)
ROWS = [
    ("Saltmere Mayor Anna Kerber opened the bridge.", "The mayor of Saltmere, Marek Oduya, opened the bridge.", "error"),
    ("Valdera Foreign Minister Ines Carvalho arrived.", "Valdera Foreign Minister Paulo Reis arrived.", "error"),
    ("Acme Corp CEO Dana Whitfield spoke.", "Tom Reese, Acme Corp's CEO, spoke.", "error"),
    ("Union Secretary-General Mikko Aalto spoke.", "Union Secretary General Lena Berg spoke.", "error"),
    ("Ines Carvalho, President of the Regional Council, spoke.", "Regional Council President Omar Haddad spoke.", "error"),
    ("Harbour Authority Chairman Piet Ostrander spoke.", "Harbour Authority chairman Jonas Weel spoke.", "error"),
    ("Valdera Foreign Minister Paulo Reis spoke.", "Valdera Defence Minister Paulo Reis spoke.", "error"),
    ("Valdera Foreign Minister Paulo Reis spoke.", "Paulo Reis was appointed as Valdera defence minister.", "warning"),
    ("Saltmere Mayor Anna-Liisa Kerber opened the bridge.", "Saltmere Mayor Anna Liisa Kerber opened the bridge.", None),
    ("Valdera Foreign Minister Ines Carvalho arrived.", "Ines Carvalho, Valdera's foreign minister, arrived.", None),
    ("Deputy Mayor Marek Oduya spoke.", "Deputy Mayor Helga Brandt spoke.", None),
    ("Former Mayor Tomas Reyes spoke.", "Saltmere Mayor Anna Kerber spoke.", None),
    ("Saltmere Mayor Anna Kerber spoke.", "Lenfield Mayor Tomas Reyes spoke.", None),
    ("Valdera Foreign Minister Ines Carvalho arrived.", "Estmark Foreign Minister Paulo Reis arrived.", None),
    ("Union spokesperson Ida Brenner spoke.", "Union spokesperson Tomas Aalto spoke.", None),
    ("She will be succeeded as mayor by Marek Oduya, the council said.", "Saltmere Mayor Anna Kerber spoke.", None),
    ("Mayor Kerber cut the ribbon.", "Saltmere Mayor Anna Kerber cut the ribbon.", None),
    ("Acme Corp CEO Dana Whitfield spoke.", "Dana Whitfield, Acme Corp's site director, spoke.", None),
    # Initials for given names are the same person; another initial is not.
    ("Harbour Authority Chairman A J Ostrander spoke.", "Harbour Authority Chairman Aksel Ostrander spoke.", None),
    ("Harbour Authority Chairman AJ Ostrander spoke.", "Harbour Authority Chairman Aksel Jon Ostrander spoke.", None),
    ("Harbour Authority Chairman B Ostrander spoke.", "Harbour Authority Chairman Aksel Ostrander spoke.", "error"),
    # One name in two word orders for one office.
    ("Valdera Health Minister Omar Haddad spoke.", "Valdera Health Minister Haddad Omar spoke.", "warning"),
    ("Health Minister Omar Haddad spoke.", "Valdera Health Minister Haddad Omar spoke.", "warning"),
    ("Health Minister Omar Haddad spoke.", "Valdera Health Minister Omar Haddad spoke.", None),
    # Holding an office against having left it.
    ("The Estmarkian Prime Minister Ruth van der Laan arrived.",
     "The former Estmarkian Prime Minister Ruth van der Laan arrived.", "error"),
    ("Ilse Marden would return as transport secretary, the office said.",
     "The plan was backed by ex-transport secretary Ilse Marden.", "warning"),
    ("Ilse Marden is back in as transport secretary.", "The plan was backed by former transport secretary Ilse Marden.", "warning"),
    ("Lena Okafor has been removed as pensions secretary.", "Pensions Secretary Lena Okafor spoke.", "warning"),
    ("Tomas Brey replaced Ilse Marden as transport secretary.", "Transport Secretary Ilse Marden spoke.", "warning"),
    ("Ilse Marden was sacked as transport secretary on Tuesday.", "Ilse Marden was appointed as transport secretary on Tuesday.", "warning"),
    ("Ilse Marden was appointed as Valdera transport secretary on Tuesday.", "Valdera Transport Secretary Tomas Brey spoke.", "warning"),
    ("Ilse Marden was appointed as Valdera transport secretary.", "Tomas Brey was appointed as Valdera transport secretary.", "warning"),
    ("Ines Carvalho will continue as foreign minister.", "Foreign Minister Ines Carvalho arrived.", None),
    ("Ines Carvalho was reappointed as foreign minister.", "Foreign Minister Ines Carvalho arrived.", None),
    ("Former Acme Corp CEO Dana Whitfield spoke.", "Brightwater CEO Dana Whitfield spoke.", None),
    ("Former Mayor Anna Kerber spoke.", "Former Mayor Anna Kerber spoke.", None),
    ("Tomas Brey, who had replaced Ilse Marden as transport secretary, was appointed as trade secretary.",
     "Transport Secretary Ilse Marden spoke.", None),
    ("Ilse Marden will not return as transport secretary.", "The plan was backed by former transport secretary Ilse Marden.", None),
    ("Ilse Marden was appointed as transport secretary in 2019.", "The plan was backed by former transport secretary Ilse Marden.", None),
    ("Tomas Brey and Ilse Marden are out as transport secretary and trade secretary respectively.",
     "Transport Secretary Ilse Marden spoke.", None),
    # A rank against the bare title for one person.
    ("Lenfield Fire Chief Raina Oslo said the fire was out.",
     "Lenfield Assistant Fire Chief Raina Oslo said the fire was out.", "error"),
    ("Valdera Vice President Omar Haddad spoke.", "Valdera President Omar Haddad spoke.", "error"),
    ("Acting Police Chief Raina Oslo spoke.", "Police Chief Raina Oslo spoke.", "warning"),
    ("Lenfield Assistant Fire Chief Raina Oslo spoke.", "Lenfield Assistant Fire Chief Raina Oslo spoke.", None),
    ("Deputy Mayor Marek Oduya spoke.", "Saltmere Mayor Anna Kerber spoke.", None),
    ("Lenfield Fire Chief Raina Oslo spoke.", "Ashby Deputy Fire Chief Raina Oslo spoke.", None),
]


@pytest.mark.parametrize("a,b,expected", ROWS)
def test_pairs(corpus, a, b, expected):
    claims, _, articles = corpus({"a": [a], "b": [b]})
    assert [f.severity for f in compare_offices(claims, articles)] == ([expected] if expected else [])


def test_two_holders_of_one_office_is_an_error(corpus):
    claims, _, articles = corpus({
        "harbour-post": ["Saltmere Mayor Anna-Liisa Kerber opened the bridge on Monday."],
        "radio-nord": ["Anna Liisa Kerber, the mayor of Saltmere, cut the ribbon."],
        "wire": ["The mayor of Saltmere, Marek Oduya, said the bridge had cost too much."],
    })
    (finding,) = compare_offices(claims, articles)
    assert finding.kind == "entity_role" and finding.severity == "error"
    assert {s.article_id: s.value for s in finding.statements} == {
        "harbour-post": "Anna-Liisa Kerber", "radio-nord": "Anna Liisa Kerber", "wire": "Marek Oduya",
    }
    assert "2 of 3 sources" in finding.explanation and "Marek Oduya" in finding.explanation


def test_same_person_in_different_shapes_is_not_a_conflict(corpus):
    claims, _, articles = corpus({
        "a": ["Valdera Foreign Minister Ines Carvalho arrived on Tuesday.", "Minister Carvalho spoke first."],
        "b": ["Ines Carvalho, Valdera's foreign minister, opened the talks."],
        "c": ["Foreign Minister Carvalho said the deal was close."],
    })
    assert compare_offices(claims, articles) == []


def test_offices_with_several_holders_are_not_compared(corpus):
    claims, _, articles = corpus({
        "a": ["Deputy Mayor Marek Oduya inspected the site."],
        "b": ["Deputy Mayor Helga Brandt inspected the site."],
    })
    assert compare_offices(claims, articles) == []


def test_an_office_named_without_its_organisation_takes_it_from_the_same_person(corpus):
    claims, _, articles = corpus({
        "a": ["Harbour Authority Chairman Piet Ostrander opened the quay."],
        "b": ["Chairman Ostrander declined to comment."],
        "c": ["Harbour Authority Chairman Jonas Weel opened the quay."],
    })
    (finding,) = compare_offices(claims, articles)
    assert {s.article_id for s in finding.statements} == {"a", "b", "c"}


def test_fingerprint_does_not_depend_on_article_names(corpus):
    first, _, arts1 = corpus({"x": ["Acme Corp CEO Dana Whitfield spoke."], "y": ["Acme Corp CEO Tom Reese spoke."]})
    second, _, arts2 = corpus({"q": ["Acme Corp CEO Tom Reese spoke."], "p": ["Acme Corp CEO Dana Whitfield spoke."]})
    assert compare_offices(first, arts1)[0].id == compare_offices(second, arts2)[0].id


def test_unique_offices():
    assert is_unique_office("mayor") and is_unique_office("foreign minister")
    assert is_unique_office("general secretary")
    assert not is_unique_office("minister") and not is_unique_office("deputy mayor")
    assert not is_unique_office("spokesperson")


def test_linking_people():
    canon = link_people({"kerber", "anna liisa kerber", "park", "park jin", "park seon"})
    assert canon["kerber"] == "anna liisa kerber"
    assert canon["park"] == "park"  # two fuller names fit: ambiguous, left alone


def test_linking_initials_and_word_order():
    canon = link_people({"a l kerber", "anna kerber", "kerber", "omar haddad", "haddad omar", "b ostrander",
                         "aksel ostrander", "r v lind", "rana lind", "rolf lind"})
    assert canon["a l kerber"] == canon["anna kerber"] == canon["kerber"]
    assert canon["haddad omar"] == canon["omar haddad"]
    assert canon["b ostrander"] != canon["aksel ostrander"]  # another initial: another person
    assert canon["r v lind"] == "r v lind"  # two full names fit the initial: ambiguous, left alone


def test_former_against_sitting_months_apart_is_a_warning(corpus):
    claims, _, articles = corpus(
        {"a": ["The Estmarkian Prime Minister Ruth van der Laan arrived."],
         "b": ["The former Estmarkian Prime Minister Ruth van der Laan arrived."]},
        published={"a": date(2023, 1, 10), "b": date(2023, 9, 1)},
    )
    (finding,) = compare_offices(claims, articles)
    assert finding.severity == "warning"


def test_a_change_of_office_shows_the_words_that_tell_it(corpus):
    claims, _, articles = corpus({
        "a": ["The plan was backed by ex-transport secretary Ilse Marden on Monday."],
        "b": ["Ilse Marden is back in as transport secretary, officials said."],
        "c": ["Ilse Marden would return as transport secretary."],
    })
    (finding,) = compare_offices(claims, articles)
    assert finding.kind == "entity_role" and finding.severity == "warning"
    assert {s.article_id: s.value for s in finding.statements} == {
        "a": "ex-transport secretary Ilse Marden", "b": "Ilse Marden is back in as transport secretary",
        "c": "Ilse Marden would return as transport secretary",
    }


def test_one_article_giving_both_ranks_is_left_alone(corpus):
    claims, _, articles = corpus({
        "a": ["Lenfield Assistant Fire Chief Raina Oslo arrived first.", "Lenfield Fire Chief Raina Oslo said it was out."],
        "b": ["Lenfield Fire Chief Raina Oslo said the fire was out."],
    })
    assert compare_offices(claims, articles) == []


def test_a_holder_dispute_is_not_reported_again_as_a_rank(corpus):
    claims, _, articles = corpus({
        "a": ["Saltmere Mayor Anna Kerber opened the bridge.", "Saltmere Deputy Mayor Marek Oduya was there."],
        "b": ["Saltmere Mayor Marek Oduya opened the bridge."],
    })
    (finding,) = compare_offices(claims, articles)
    assert {s.value for s in finding.statements} == {"Anna Kerber", "Marek Oduya"}
