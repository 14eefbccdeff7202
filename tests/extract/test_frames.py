"""What a figure counts, read as a frame: what happened, to whom, where, and what sets it apart."""
import pytest

from claimcheck.extract.claims import extract_claim
from claimcheck.extract.frames import comparable, sentence_frames
from claimcheck.records import Sentence


@pytest.fixture(scope="module")
def frames_of(nlp):
    def read(text: str, year: int | None = None) -> dict:
        claim = extract_claim(Sentence("a", 0, text, 0, len(text), 1, "fact"), nlp(text)[:], None)
        return {q.text: f for q, f in zip(claim.quantities, sentence_frames(claim, year))}
    return read


# (sentence, figure as written, outcome, population)
OUTCOMES = [
    ("At least 40 people were killed in the storm.", "At least 40", "die", "people"),
    ("The death toll from the storm rose to 52.", "52", "die", "people"),
    ("Forty-six deaths were confirmed on Tuesday.", "Forty-six", "die", "people"),
    ("Three confirmed dead after the blast.", "Three", "die", "people"),
    ("12 others were wounded.", "12", "injure", "people"),
    ("116 others sustained minor injuries.", "116", "injure", "people"),
    ("About 600 residents are still missing.", "About 600", "miss", "people"),
    ("As many as 900 are believed missing.", "As many as 900", "miss", "people"),
    ("The ministry sent 4,000 soldiers to the border.", "4,000", "deploy", "troop"),
    ("Among the dead, 12 were children.", "12", "die", "child"),
    ("Nine women were among those killed.", "Nine", "die", "woman"),
    ("33 others remain in serious condition.", "33", "condition", "people"),
    ("The town, home to about 9,000 people, was flooded.", "about 9,000", "live", "people"),
    ("More than 300 victims were buried on Tuesday.", "More than 300", "", "people"),  # another act
    ("Two blasts killed 40 people.", "Two", "", "blast"),  # the blasts did the killing
    ("The plane was carrying 67 people.", "67", "", "people"),
]


@pytest.mark.parametrize("text,figure,outcome,population", OUTCOMES)
def test_outcome_and_population(frames_of, text, figure, outcome, population):
    frame = frames_of(text)[figure]
    assert (frame.outcome, frame.population) == (outcome, population)


def test_a_figure_that_says_nothing_takes_the_frame_before_it(frames_of):
    frames = frames_of("32 people died in Lenfield, 22 in Ashby and five in Orvale.")
    assert {f.outcome for f in frames.values()} == {"die"}


def test_a_year_of_another_time_sets_a_figure_apart(frames_of):
    old = frames_of("The 1998 floods killed 400 people in the valley.", 2025)["400"]
    now = frames_of("The floods have killed 45 people in the valley.", 2025)["45"]
    assert "year 1998" in old.qualifiers and not comparable(old, now)


def test_a_part_of_the_dead_is_no_toll(frames_of):
    part = frames_of("Among the dead, 12 were children.")["12"]
    toll = frames_of("At least 40 people died in the fire.")["At least 40"]
    assert part.subgroup and not comparable(part, toll)


def test_workers_and_people_are_one_count_unless_one_is_a_part(frames_of):
    workers = frames_of("The company said 11 workers were injured.")["11"]
    people = frames_of("At least 23 people were injured.")["At least 23"]
    assert comparable(workers, people)


def test_the_place_of_a_count(frames_of):
    assert frames_of("Two people died in Lenfield on Monday.")["Two"].places == {"lenfield"}


def test_a_place_said_on_one_side_only_is_the_events_unless_the_article_splits_by_place(frames_of):
    placed = frames_of("Two people died in Lenfield on Monday.")["Two"]
    unplaced = frames_of("Three people died on Monday.")["Three"]
    assert comparable(placed, unplaced)
    assert not comparable(placed, unplaced, a_splits=True)


def test_a_figure_with_its_own_place_keeps_to_it(frames_of):
    frames = frames_of("At least 1,010 people have died in Chile and 220 people have been killed in Peru.")
    assert (frames["At least 1,010"].places, frames["220"].places) == ({"chile"}, {"peru"})
    shared = frames_of("Twelve people died and 40 were hurt in Valdivia.")  # one place after both figures
    assert shared["Twelve"].places == shared["40"].places == {"valdivia"}


def test_a_side_of_a_place_is_a_part_of_it(frames_of):
    side = frames_of("Twelve people died in northern Chile.")["Twelve"]
    whole = frames_of("Forty people died in Chile.")["Forty"]
    assert "side north" in side.qualifiers and side.places == whole.places and not comparable(side, whole)
    assert "side northwest" in frames_of("Nine people died in north-west Chile.")["Nine"].qualifiers


def test_a_count_with_no_place_is_the_country_of_the_body_that_gives_it(frames_of):
    # Both articles split the toll by country; an unplaced figure is then the country's of its source.
    given = frames_of("Chilean state media said 40 people had died.")["40"]
    placed = frames_of("At least 35 people died in Chile.")["At least 35"]
    unsourced = frames_of("Officials said 40 people had died.")["40"]
    assert given.origin == {"chile"} and not given.places
    assert comparable(given, placed, a_splits=True, b_splits=True)
    assert not comparable(unsourced, placed, a_splits=True, b_splits=True)
    assert frames_of("Citing Chile's fire service, the agency said 40 people had died.")["40"].origin == {"chile"}
    assert not frames_of("Ann Jordan's aide said 40 people had died.")["40"].origin  # a person's name


def test_a_year_that_opens_the_sentence_holds_for_its_figures(frames_of):
    old = frames_of("In 1987, a storm of like size struck the coast and killed over 300 people.", 2025)
    assert "year 1987" in old["over 300"].qualifiers


def test_grades_of_condition(frames_of):
    frames = frames_of("At least 9 of them were in critical condition and 31 in serious condition.")
    assert (frames["At least 9"].detail, frames["31"].detail) == ("critical", "serious")


def test_references_modality_and_ordinals(frames_of):
    assert frames_of("The quake struck 72 km southwest of Karsvik.")["72 km"].reference == "from:karsvik"
    assert frames_of("The coast guard was told eight hours after contact was lost.")["eight hours"].reference == "after"
    assert frames_of("She led the party for 12 years before stepping down.")["12 years"].reference == ""
    assert frames_of("Waves of up to 5 metres were forecast.")["up to 5 metres"].modality == "forecast"
    assert "second" in frames_of("The second quake measured 7.5.")["7.5"].qualifiers
    assert "first" not in frames_of("After the first quake, a magnitude 6.1 aftershock hit.")["magnitude 6.1"].qualifiers
