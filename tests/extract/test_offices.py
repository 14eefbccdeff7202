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
    # Former holders: a claim with the status "former".
    ("Former Mayor Tomas Reyes attended the ceremony.", {("|mayor|former", "Tomas Reyes")}),
    ("Ruth van der Laan, the former Estmarkian prime minister, wrote a book.",
     {("estmark|minister prime|former", "Ruth van der Laan")}),
    ("The plan was backed by ex-transport secretary Ilse Marden and others.", {("|secretary transport|former", "Ilse Marden")}),
    # Changes of office: who holds it after the news.
    ("Ilse Marden is sensationally back in as transport secretary.", {("|secretary transport|appointed", "Ilse Marden")}),
    ("Ilse Marden would return as transport secretary.", {("|secretary transport|appointed", "Ilse Marden")}),
    ("Tomas Brey has been made trade secretary.", {("|secretary trade|appointed", "Tomas Brey")}),
    ("Tomas Brey has been re-appointed as defence secretary.", {("|defence secretary|appointed", "Tomas Brey")}),
    ("The board appointed Ines Carvalho as chief executive on Monday.",
     {("|chief executive|appointed", "Ines Carvalho")}),
    ("Lena Okafor has also been removed as housing secretary.",
     {("|housing secretary|removed", "Lena Okafor")}),
    ("Jon Ress-Moor was forced to leave as trade secretary this afternoon.",
     {("|secretary trade|removed", "Jon Ress-Moor")}),
    ("Ines Carvalho stepped down as Acme Corp's chief executive.", {("acme corp|chief executive|removed", "Ines Carvalho")}),
    ("Tomas Brey replaced Ilse Marden, a close ally of the premier, as transport secretary.",
     {("|secretary transport|appointed", "Tomas Brey"), ("|secretary transport|removed", "Ilse Marden")}),
    ("Tomas Brey is no longer the union's general secretary.", {("|general secretary|removed", "Tomas Brey")}),
    ("Jan Hoek will remain as chancellor.", {("|chancellor", "Jan Hoek")}),
    ("Rana Velt was appointed as deputy mayor and treasurer.",
     {("|deputy mayor|appointed", "Rana Velt"), ("|treasurer|appointed", "Rana Velt")}),
    # Not the current holder, or not an assertion of holding the office at all.
    ("He will be succeeded by Maria Olsen, the deputy governor.", set()),
    ("Transport Secretary Tomas Brey was appointed as trade secretary.", {("|secretary trade|appointed", "Tomas Brey")}),
    ("Tomas Brey, who had replaced Ilse Marden as transport secretary, spoke.", set()),
    ("Ilse Marden will not return as transport secretary.", set()),
    ("Ilse Marden was appointed as transport secretary in 2019.", set()),
    ("Kit Aalto and Rani Joss are out as transport secretary and culture secretary respectively.", set()),
    ("The varsity named Ines Carvalho as its best player.", set()),
    ("Mr Varga appointed him as deputy mayor.", set()),
    ("Tomas Brey left as the storm approached.", set()),
    ("The ministers met in the capital on Tuesday.", set()),
    ("Presidents Okafor and Lind signed the accord.", set()),
]


@pytest.mark.parametrize("sentence,expected", ROWS)
def test_office_claims(nlp, sentence, expected):
    found = {(c.office_key, c.person_text) for c in extract_offices(nlp(sentence))}
    keyed = set()
    for office, person in expected:
        org, title = office.split("|", 1)
        keyed.add((f"{organisation_key(org) if org else ''}|{title}", person))
    assert found == keyed


def test_a_status_claim_points_at_the_name_and_shows_the_office_as_written(nlp):
    text = "In the end Ilse Marden would return as the union's general secretary, the office said."
    (claim,) = extract_offices(nlp(text))
    assert text[claim.start : claim.end] == "Ilse Marden"
    assert claim.office_text == "union's general secretary" and claim.office_text in text


def test_offsets_point_at_the_name(nlp):
    text = "Talks were chaired by Harbour Authority Chairman Piet Ostrander."
    (claim,) = extract_offices(nlp(text))
    assert text[claim.start : claim.end] == "Piet Ostrander"
    assert claim.person_key == "piet ostrander"
