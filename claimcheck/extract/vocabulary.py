"""General English vocabulary the extractors share: words news copy uses interchangeably for one thing.

Nothing here knows an event: these are classes of ordinary words ("killed / dead / deaths / death toll" are one
outcome; "troops / soldiers / forces / personnel" one population).
"""
from __future__ import annotations

# What happened to the counted people, by the verb lemma the predicate reader gives (extract.predicates).
OUTCOMES = {
    "die": "die", "kill": "die", "dead": "die", "death": "die", "perish": "die", "drown": "die",
    "injure": "injure", "wound": "injure", "hurt": "injure", "injured": "injure", "treat": "injure",
    "hospitalise": "hospitalise", "hospitalize": "hospitalise",
    "miss": "miss", "missing": "miss",
    "rescue": "rescue", "save": "rescue", "pull": "rescue", "extract": "rescue", "free": "rescue",
    "evacuate": "evacuate", "displace": "evacuate",
    "arrest": "arrest", "detain": "arrest",
    "account": "account", "locate": "account",
    "deploy": "deploy", "station": "deploy", "send": "deploy",
}
# Verbs that carry no outcome of their own: the words after them say what happened ("were confirmed dead").
LIGHT_VERBS = {"be", "confirm", "report", "believe", "fear", "remain", "include", "sustain", "leave", "say", "put",
               "estimate", "record", "register", "list", "declare", "suffer", "find"}
# Words after "were" that say nothing of who was counted ("12 were still ...", "12 were being treated").
LIGHT_AFTER_BE = {"still", "being", "also", "now", "then", "later", "believed", "feared", "thought", "in", "at",
                  "among", "from", "on", "not", "reportedly", "likely", "expected", "confirmed", "said"}
# Words after a figure that say what happened to what it counts.
OUTCOME_WORDS = {
    "dead": "die", "died": "die", "killed": "die", "perished": "die", "drowned": "die", "deaths": "die",
    "fatalities": "die", "deceased": "die", "lives": "die",
    "injured": "injure", "wounded": "injure", "hurt": "injure", "injuries": "injure", "injury": "injure",
    "missing": "miss", "unaccounted": "miss",
    "rescued": "rescue", "saved": "rescue",
    "evacuated": "evacuate", "displaced": "evacuate",
    "arrested": "arrest", "detained": "arrest",
    "hospitalised": "hospitalise", "hospitalized": "hospitalise",
}
# Counted nouns that are themselves an outcome: "a death toll of 40", "46 deaths", "12 injuries".
OUTCOME_NOUNS = {
    "death toll": "die", "toll": "die", "death": "die", "fatality": "die", "dead": "die", "death count": "die",
    "injury": "injure", "injured": "injure",
}
HUMAN_OUTCOMES = {"live", "die", "injure", "miss", "rescue", "evacuate", "arrest", "account", "hospitalise", "condition"}
# Nouns for people, by class: a class stands for any of its words.
PEOPLE_CLASSES = {
    "people": "people", "person": "people", "other": "people", "others": "people", "individual": "people",
    "resident": "people", "those": "people", "one": "people", "victim": "people", "inhabitant": "people",
    "troop": "troop", "soldier": "troop", "force": "troop", "personnel": "troop", "serviceman": "troop",
    "servicemember": "troop", "fighter": "troop",
    "woman": "woman", "women": "woman", "female": "woman", "man": "man", "men": "man", "male": "man",
    "child": "child", "children": "child", "kid": "child", "minor": "child",
    "foreigner": "foreigner", "foreigners": "foreigner",
}
# Classes of people that are always a part of those counted, never the whole.
SUBGROUPS = {"woman", "man", "child", "foreigner", "teenager", "girl", "boy", "infant", "baby", "national"}
# Words inside place names that do not tell two places apart ("the city of X" is X).
PLACE_FILLER = {"the", "of", "city", "town", "village", "province", "region", "state", "county", "district",
                "prefecture", "country", "area", "areas", "'s"}
CONTROL_SUFFIXES = ("-held", "-controlled", "-run", "-occupied")  # "rebel-held": part of a place
ELSEWHERE = {"elsewhere", "outside", "beyond", "nationwide", "worldwide"}

# Units (as the quantity extractor normalises them) of a distance and of a duration.
DISTANCE_UNITS = {"km"}
DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year"}

# Counted things that news copy names interchangeably: a class stands for each of its nouns (lemmas).
THING_CLASSES = {
    "troop": "troop", "soldier": "troop", "force": "troop", "personnel": "troop", "serviceman": "troop",
    "coach": "carriage", "carriage": "carriage", "bogie": "carriage", "bogy": "carriage", "wagon": "carriage",
    "railcar": "carriage",
    "home": "home", "house": "home", "dwelling": "home", "residence": "home",
    "ship": "vessel", "boat": "vessel", "vessel": "vessel",
}


def thing_class(thing: str) -> str:
    return THING_CLASSES.get(thing, thing)


# Event words news copy uses interchangeably for one happening, by class: the verb lemma (particle joined with
# "_") or the event noun's lemma. Date comparison matches two mentions of one class as one event.
EVENT_CLASSES = {
    "accident": "accident", "crash": "accident", "collision": "accident", "collide": "accident",
    "derailment": "accident", "derail": "accident", "incident": "accident", "mishap": "accident",
    "pile-up": "accident",
    "explode": "explode", "explosion": "explode", "blast": "explode", "detonate": "explode",
    "detonation": "explode", "blow_up": "explode",
}
# Verbs and nouns of a storm reaching a place; they form one class only when said of a storm word ("the storm
# pounded the coast", "a storm that made landfall", "the system brought rain"). Quakes are left out: one quake
# brings aftershocks that "hit" and "struck" too, so one class would join different quakes.
ARRIVAL_WORDS = {"hit", "strike", "pound", "batter", "lash", "landfall", "make_landfall", "bring", "reach",
                 "slam", "sweep", "rock", "jolt"}
WEATHER_NOUNS = {"storm", "hurricane", "cyclone", "typhoon", "tornado", "tempest", "gale", "blizzard"}

# Words that place the centre of an event, its epicentre: "centred on", "centered in", "the epicentre was near".
# Location comparison reads two such placements of one event class as one claim about where it was centred.
CENTRE_WORDS = {"center", "centre", "epicenter", "epicentre", "hypocenter", "hypocentre"}
# Nouns of the centre itself: alone in a sentence that names no other event, they stand for a quake.
EPICENTRE_NOUNS = {"epicenter", "epicentre", "hypocenter", "hypocentre"}
# Verbs that place a quake where it struck ("struck near", "hit 20 km off"); of a quake only, since drones,
# storms and strikes "hit" places too.
QUAKE_STRIKE_WORDS = {"strike", "hit", "jolt", "rock"}
