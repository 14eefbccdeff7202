"""Office-holder assertions, as a table of sentences and what they should yield."""
import pytest

from claimcheck.extract.offices import extract_offices, organisation_key

# (sentence, expected {("organisation as written|title key", person as written)})
ROWS = [
    ("Harbour Authority Chairman Piet Ostrander opened the new quay on Friday.",
     {("harbour authority|chairman", "Piet Ostrander")}),
    ("The talks were led by Valdera Foreign Minister Ines Carvalho.",
     {("valdera|foreign minister", "Ines Carvalho")}),
    ("Ines Carvalho, Valdera's foreign minister, said the talks went well.",
     {("valdera|foreign minister", "Ines Carvalho")}),
    ("The mayor of Port Ardent, Tomas Reyes, said the bridge would reopen.",
     {("port ardent|mayor", "Tomas Reyes")}),
    ("Officials met Lena Okafor, President of the Regional Council, on Monday.",
     {("regional council|president", "Lena Okafor")}),
    ("Union Secretary-General Mikko Aalto-Berg called the strike.",
     {("union|general secretary", "Mikko Aalto-Berg")}),
    ("Secretary General Aalto-Berg spoke to reporters.", {("|general secretary", "Aalto-Berg")}),
    ("The Estmarkian Prime Minister Ruth van der Laan arrived late.",
     {("estmark|minister prime", "Ruth van der Laan")}),
    ("Acme Corp CEO Dana Whitfield spoke on Friday.", {("acme corp|ceo", "Dana Whitfield")}),
    ("Port chief Oskar Lind said traffic would resume.", {("port|head", "Oskar Lind")}),
    # Not the current holder, or not an assertion of holding the office at all.
    ("Former Mayor Tomas Reyes attended the ceremony.", set()),
    ("He will be succeeded by Maria Olsen, the deputy governor.", set()),
    ("Ruth van der Laan, the former Estmarkian prime minister, wrote a book.", set()),
    ("The ministers met in the capital on Tuesday.", set()),
    ("Presidents Okafor and Lind signed the accord.", set()),
]


@pytest.mark.parametrize("sentence,expected", ROWS)
def test_office_claims(nlp, sentence, expected):
    found = {(c.office_key, c.person_text) for c in extract_offices(nlp(sentence))}
    keyed = set()
    for office, person in expected:
        org, title = office.split("|")
        keyed.add((f"{organisation_key(org) if org else ''}|{title}", person))
    assert found == keyed


def test_offsets_point_at_the_name(nlp):
    text = "Talks were chaired by Harbour Authority Chairman Piet Ostrander."
    (claim,) = extract_offices(nlp(text))
    assert text[claim.start : claim.end] == "Piet Ostrander"
    assert claim.person_key == "piet ostrander"
