import pytest

from claimcheck.extract.names import acronym, person_key, place_key


@pytest.mark.parametrize("a,b", [
    ("Anna-Liisa Kerber", "Anna Liisa Kerber"),
    ("Ruth Van Der Laan", "Ruth van der Laan"),
    ("Lucía Ferraz", "Lucia Ferraz"),
    ("Dr. Ines Carvalho", "Ines Carvalho"),
    ("AL Kerber", "A L Kerber"),
    ("A.L. Kerber", "A L Kerber"),
])
def test_spelling_variants_of_a_person_share_a_key(a, b):
    assert person_key(a) == person_key(b)


@pytest.mark.parametrize("a,b", [
    ("South Korean", "South Korea's"), ("German", "Germany"), ("French", "France"), ("Mexican", "Mexico"),
    ("Chinese", "China"), ("Ukrainian", "Ukraine"), ("the Netherlands", "Dutch"),
])
def test_a_country_and_its_demonym_share_a_key(a, b):
    assert place_key(a) == place_key(b)


def test_north_and_south_stay_apart():
    assert place_key("North Korean") != place_key("South Korean")


def test_acronym_of_a_multiword_name():
    assert acronym("National Seismology Office") == "NSO"
    assert acronym("Valdera") == ""


def test_only_given_names_are_read_as_run_together_initials():
    assert person_key("Charles III") == "charles iii"
    assert person_key("Kerber") == "kerber"
