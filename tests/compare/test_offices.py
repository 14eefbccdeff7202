"""Different holders of one office across articles, and the look-alikes that are not conflicts."""
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
