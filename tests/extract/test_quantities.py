"""Figures in a sentence, as a table of sentences and what they should yield."""
import math

import pytest

from claimcheck.extract.quantities import extract_quantities

MILE = 1.609344

# (sentence, figure text as written, value, bound, unit, thing)
ROWS = [
    # bounds
    ("More than 4,500 Polish workers joined the strike.", "More than 4,500", 4500, "more_than", "", "worker"),
    ("Around 12,000 troops were moved to the border.", "Around 12,000", 12000, "about", "", "troop"),
    ("At least 26 people died in the floods.", "At least 26", 26, "more_than", "", "people"),
    ("Nearly 60 homes were destroyed by the fire.", "Nearly 60", 60, "about", "", "home"),
    ("Fewer than 90 beds remain free at the hospital.", "Fewer than 90", 90, "less_than", "", "bed"),
    ("Up to 600 flights were cancelled on Monday.", "Up to 600", 600, "less_than", "", "flight"),
    ("Exactly 64 seats changed hands.", "Exactly 64", 64, "exact", "", "seat"),
    ("The rally drew 3,200+ supporters.", "3,200+", 3200, "more_than", "", "supporter"),
    ("Some 5,600 tonnes of grain were shipped.", "Some 5,600 tonnes", 5.6e6, "about", "kg", "grain"),
    ("An estimated 1,900 families were evacuated.", "An estimated 1,900", 1900, "about", "", "family"),
    # ranges
    ("Police said between 250 and 350 protesters gathered.", "between 250 and 350", 300, "range", "", "protester"),
    ("Prices rose 5-7% over the year.", "5-7%", 6, "range", "percent", "price"),
    ("Between 15% and 20% of voters are undecided.", "Between 15% and 20%", 17.5, "range", "percent", "voter"),
    ("The quake left four to five thousand people homeless.", "four to five thousand", 4500, "range", "", "people"),
    # shares in words
    ("A quarter of the town was flooded.", "A quarter", 25, "exact", "percent", "town"),
    ("The fire burned up to a fifth of the forest.", "up to a fifth", 20, "less_than", "percent", "forest"),
    ("Nearly two-thirds of the voters stayed home.", "Nearly two-thirds", 200 / 3, "about", "percent", "voter"),
    # written numbers and scales
    ("Two dozen ambulances were sent to the scene.", "Two dozen", 24, "exact", "", "ambulance"),
    ("A dozen reporters waited outside.", "A dozen", 12, "exact", "", "reporter"),
    ("The city has 1.2 million residents.", "1.2 million", 1.2e6, "exact", "", "resident"),
    ("Roughly half a million people were displaced.", "Roughly half a million", 5e5, "about", "", "people"),
    ("Twelve vessels were seized.", "Twelve", 12, "exact", "", "vessel"),
    ("Officials counted a hundred tents.", "a hundred", 100, "exact", "", "tent"),
    # vague
    ("Thousands of volunteers arrived overnight.", "Thousands", 5999.5, "vague", "", "volunteer"),
    ("Tens of thousands of residents fled.", "Tens of thousands", 59500, "vague", "", "resident"),
    ("Several hundred cars were damaged.", "Several hundred", 600, "vague", "", "car"),
    ("The smoke spread over hundreds of miles.", "hundreds of miles", 599.5 * MILE, "vague", "km", ""),
    # money
    ("The government pledged $6.2 billion in aid.", "$6.2 billion", 6.2e9, "exact", "dollar", "aid"),
    ("The agency approved a $3.4bn package.", "$3.4bn", 3.4e9, "exact", "dollar", "package"),
    ("The club lost €45m last season.", "€45m", 45e6, "exact", "euro", "club"),
    ("A ticket costs £12 at the door.", "£12", 12, "exact", "pound", ""),
    ("The firm was fined 500 million yen.", "500 million yen", 5e8, "exact", "yen", ""),
    ("Crude traded at $64 a barrel on Tuesday.", "$64 a barrel", 64, "exact", "dollar/barrel", ""),
    ("Revenue reached ₩3.5 trillion.", "₩3.5 trillion", 3.5e12, "exact", "won", "revenue"),
    ("The deal was worth $US55,400,000 in cash.", "$US55,400,000", 5.54e7, "exact", "dollar", "cash"),
    # units, converted to one base unit per dimension
    ("Unemployment fell to 12 percent last quarter.", "12 percent", 12, "exact", "percent", "unemployment"),
    ("The bridge is 7.3 miles long.", "7.3 miles", 7.3 * MILE, "exact", "km", "bridge"),
    ("The quake struck 25 km south of the city.", "25 km", 25, "exact", "km", ""),
    ("Temperatures fell to minus 12 degrees Celsius.", "minus 12 degrees Celsius", -12, "exact", "celsius",
     "temperature"),
    ("A 12-year-old boy was among the injured.", "12-year-old", 12, "exact", "year", "boy"),
    ("The survivor, aged 67, was rescued at dawn.", "aged 67", 67, "exact", "year", ""),
    ("Winds reached 95 mph near the coast.", "95 mph", 95 * MILE, "exact", "km/h", "wind"),
    ("The pipeline carries 450,000 barrels per day.", "450,000 barrels per day", 450000, "exact", "barrel/day", ""),
    # the counted thing from before the figure, or none
    ("The region reported a death toll of 53.", "53", 53, "exact", "", "death toll"),
    ("The death toll from the storm rose to 38.", "38", 38, "exact", "", "death toll"),
    # an opening phrase is not the subject
    ("Citing the fire service, the death toll from the storm has risen to 26.", "26", 26, "exact", "", "death toll"),
    ("The strike lasted just over 45 days.", "just over 45 days", 45, "more_than", "day", ""),
    ("It is estimated that 15,000 will be deployed.", "15,000", 15000, "exact", "", ""),
    ("A 4,500-strong force of marines landed.", "4,500", 4500, "exact", "", "force"),
    ("Rescuers found at least 17 dead after the blast.", "at least 17", 17, "more_than", "", "people"),
    ("Officials sent 900 more police officers.", "900", 900, "exact", "", "officer"),
    ("More than 30 kilometers (19 miles) of road were closed.", "19 miles", 19 * MILE, "more_than", "km", ""),
]


@pytest.mark.parametrize("sentence, text, value, bound, unit, thing", ROWS)
def test_figure(nlp, sentence, text, value, bound, unit, thing):
    found = {q.text: q for q in extract_quantities(nlp(sentence))}
    assert text in found, f"{text!r} not among {list(found)}"
    q = found[text]
    assert math.isclose(q.value, value, rel_tol=1e-6), q
    assert (q.bound, q.unit, q.thing) == (bound, unit, thing), q
    assert sentence[q.start:q.end] == q.text


# Sentences and every figure text they should yield: years, dates, times, ordinals, identifiers, phone
# numbers, labels, names, scores and the pronoun "one" yield nothing.
ALL_FIGURES = [
    ("The report was published in 2019.", []),
    ("The summit opened on June 14 in Geneva.", []),
    ("The hunt runs Sept. 12-16 this year.", []),
    ("Talks resumed in March 2018 after a pause.", []),
    ("Exports grew between 2014 and 2017.", []),
    ("Sales in the 1990s were weak.", []),
    ("She finished third in the 2nd round.", []),
    ("He scored in the 45th minute.", []),
    ("The meeting starts at 9:30 a.m. on Friday.", []),
    ("The A320 and F-35 jets were grounded.", []),
    ("The case number is AB-2019-4471.", []),
    ("Call 555-201-8890 for details.", []),
    ("Reach the office on (555) 010-4477 or +44 20 7946 0321.", []),
    ("See page 12 and section 4 of the report.", []),
    ("The Group of 20 met in Rome.", []),
    ("One of the officials resigned.", []),
    ("Damage was worst in one area near the river.", []),
    ("The home side won 3-1 on Sunday.", []),
    ("Nearly two-thirds of voters backed the plan.", ["Nearly two-thirds"]),  # a share in words, read as a percentage
    ("The S&P 500 rose 1.2% on Friday.", ["1.2%"]),
    ("The 2024 budget sets aside $2.1 billion for roads.", ["$2.1 billion"]),
    ("In 2019, 350 people were arrested and 12 were charged.", ["350", "12"]),
    ("About 2,000 people marched, and 1500 officers watched.", ["About 2,000", "1500"]),
    ("A five-year, 1.8 billion-mile journey ended on Tuesday.", ["five-year", "1.8 billion-mile"]),
]


@pytest.mark.parametrize("sentence, texts", ALL_FIGURES)
def test_all_figures(nlp, sentence, texts):
    assert [q.text for q in extract_quantities(nlp(sentence))] == texts


def test_intervals(nlp):
    """Each bound sets the interval the wording allows."""
    q = {q.text: q for q in extract_quantities(nlp(
        "Around 200 tanks, nearly 60 jets, more than 90 guns, fewer than 50 ships, between 30 and 70 drones "
        "and thousands of rifles were counted, along with exactly 15 radars."
    ))}
    assert (q["Around 200"].low, q["Around 200"].high) == pytest.approx((180, 220))
    assert (q["nearly 60"].low, q["nearly 60"].high) == pytest.approx((54, 60))
    assert (q["more than 90"].low, q["more than 90"].high) == (90, None)
    assert (q["fewer than 50"].low, q["fewer than 50"].high) == (None, 50)
    assert (q["between 30 and 70"].low, q["between 30 and 70"].high, q["between 30 and 70"].value) == (30, 70, 50)
    assert (q["thousands"].low, q["thousands"].high) == (2000, 9999)
    assert (q["exactly 15"].low, q["exactly 15"].high) == (15, 15)


def test_offsets_are_relative_to_the_sentence(nlp):
    doc = nlp("The storm hit the coast on Monday. Officials said 42 boats sank and 1,300 homes flooded.")
    sentence = list(doc.sents)[1]
    found = extract_quantities(sentence)
    assert [q.text for q in found] == ["42", "1,300"]
    for q in found:
        assert sentence.text[q.start:q.end] == q.text
    assert [q.thing for q in found] == ["boat", "home"]
    assert [q.start for q in found] == sorted(q.start for q in found)


def test_thing_text_keeps_adjectives(nlp):
    (q,) = extract_quantities(nlp("More than 4,500 Polish workers joined the strike."))
    assert (q.thing, q.thing_text) == ("worker", "Polish workers")
