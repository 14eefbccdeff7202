"""The facts file explains office-holder findings; it is read strictly and matched by office wording."""
from datetime import date

import pytest

from claimcheck.errors import ClaimcheckError
from claimcheck.facts import load_facts, record_note


def write(tmp_path, text, name="facts.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_entries_are_read_and_keyed_like_the_articles_key_offices(tmp_path):
    terms = load_facts(write(tmp_path, "offices:\n  - office: Mayor of Saltmere\n    holder: Anna Kerber\n    from: 2022-05-01\n"))
    (term,) = terms
    assert term.office_key == load_facts(write(tmp_path, '[{"office": "Saltmere Mayor", "holder": "X"}]', "f.json"))[0].office_key
    assert term.covers(date(2024, 1, 1)) and not term.covers(date(2021, 1, 1))


def test_the_note_says_which_side_matches_the_record(tmp_path):
    terms = load_facts(write(tmp_path, "offices:\n  - {office: Mayor of Saltmere, holder: Anna Kerber, from: 2022-05-01}\n"))
    note = record_note(terms, terms[0].office_key, date(2025, 3, 1), {"anna kerber": "Anna Kerber", "marek oduya": "Marek Oduya"})
    assert "Anna Kerber in office" in note and "naming Marek Oduya are out of date or wrong" in note
    undated = record_note(terms, terms[0].office_key, None, {"anna kerber": "Anna Kerber"})
    assert "since 2022-05-01" in undated


@pytest.mark.parametrize("text,message", [
    ("offices: 3\n", "expected a list"),
    ("offices:\n  - {office: Mayor of Saltmere}\n", "entry 1: each entry needs 'office' and 'holder'"),
    ("offices:\n  - {office: Mayor of Saltmere, holder: A, from: last spring}\n", "is not a date"),
    ("offices:\n  - {office: Mayor of Saltmere, holder: A, since: 2020-01-01}\n", "unknown key"),
    ("offices: [\n", "not valid"),
])
def test_a_bad_facts_file_is_an_error_naming_the_file(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ClaimcheckError, match=message) as caught:
        load_facts(path)
    assert str(path) in str(caught.value)
