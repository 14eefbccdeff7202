"""Word lists for the quantity extractor: scales, currencies, units and bound phrases.

Kept apart from the parsing logic so the tables can grow without touching it. Units are normalised to one
base per dimension so that figures written in different units compare directly:

- length -> "km" ("7.3 miles" -> 11.748 km), area -> "km2", mass -> "kg", volume -> "litre" (oil stays
  "barrel"), speed -> "km/h", torque -> "newton metre", power -> "watt", energy -> "watt hour",
  data -> "byte", frequency -> "hertz";
- "percent" keeps the number as written ("12 percent" -> 12.0); "percentage point" and "basis point" apart;
- money keeps its currency ("dollar", "euro", "pound", ...) and is never converted between currencies;
- durations keep their own unit ("day", "month", "year"): months and years are not fixed numbers of days;
- "cent", "penny" and "sen" stay sub-units (a cent may be a dollar's or a euro's);
- "pounds" written as a word is money unless "weigh"/"heavy" stands just before; "lb"/"lbs" is mass;
- a rate joins two units with "/": "$52 a barrel" -> "dollar/barrel", "5% a year" -> "percent/year".
"""
from __future__ import annotations

# Multipliers written after a number as words ("1.2 million") or glued to it ("3bn", "35m", "$50k").
SCALE_WORDS = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "dozen": 12.0, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7,
}
SCALE_SHORT = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}

# Written-out numbers that may start or continue a number-word sequence ("twenty-five thousand").
NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
).split()

# Currency written before the amount. Keys are lower-case; "$" alone is the US dollar.
CURRENCY_PREFIX = {
    "$": "dollar", "us$": "dollar", "usd": "dollar", "a$": "australian dollar", "au$": "australian dollar",
    "c$": "canadian dollar", "ca$": "canadian dollar", "hk$": "hong kong dollar", "nz$": "new zealand dollar",
    "s$": "singapore dollar", "nt$": "taiwan dollar", "r$": "brazilian real", "€": "euro", "eur": "euro",
    "£": "pound", "gbp": "pound", "¥": "yen", "jpy": "yen", "₩": "won", "krw": "won", "₹": "rupee", "rs": "rupee",
    "rs.": "rupee", "inr": "rupee", "rm": "ringgit", "myr": "ringgit", "₪": "shekel", "ils": "shekel",
    "cny": "yuan", "rmb": "yuan", "chf": "swiss franc", "₽": "rouble", "rub": "rouble", "₦": "naira",
    # Australian and Asian papers write the code after the sign ("$US5m", "$A82m") or apart ("HK $3.7bn").
    "$us": "dollar", "us $": "dollar", "$a": "australian dollar", "aud": "australian dollar",
    "a $": "australian dollar", "$nz": "new zealand dollar", "nzd": "new zealand dollar",
    "$c": "canadian dollar", "cad": "canadian dollar", "$hk": "hong kong dollar", "hk $": "hong kong dollar",
    "hkd": "hong kong dollar", "s $": "singapore dollar", "sgd": "singapore dollar", "c $": "canadian dollar",
    "au $": "australian dollar", "nz $": "new zealand dollar",
}

# Currency written after the amount, as words. Longer names first so "australian dollars" wins over "dollars".
CURRENCY_WORDS = {
    "us dollars": "dollar", "u.s. dollars": "dollar", "dollars": "dollar", "dollar": "dollar",
    "australian dollars": "australian dollar", "canadian dollars": "canadian dollar",
    "hong kong dollars": "hong kong dollar", "new zealand dollars": "new zealand dollar",
    "singapore dollars": "singapore dollar", "taiwan dollars": "taiwan dollar",
    "euros": "euro", "euro": "euro", "pounds sterling": "pound", "pounds": "pound", "pound": "pound",
    "sterling": "pound", "yen": "yen", "won": "won", "yuan": "yuan", "renminbi": "yuan", "rupees": "rupee",
    "rupee": "rupee", "ringgit": "ringgit", "shekels": "shekel", "shekel": "shekel", "roubles": "rouble",
    "rubles": "rouble", "rouble": "rouble", "ruble": "rouble", "pesos": "peso", "peso": "peso",
    "swiss francs": "swiss franc", "francs": "franc", "franc": "franc", "crowns": "krone", "kroner": "krone",
    "krone": "krone", "kronor": "krona", "krona": "krona", "lira": "lira", "liras": "lira", "baht": "baht",
    "rand": "rand", "naira": "naira", "dirhams": "dirham", "dirham": "dirham", "riyals": "riyal",
    "riyal": "riyal", "hryvnias": "hryvnia", "hryvnia": "hryvnia", "zloty": "zloty", "reais": "brazilian real",
    "cents": "cent", "cent": "cent", "pence": "penny", "sen": "sen", "bitcoin": "bitcoin",
    # Named with the country, and ISO codes written after the amount ("108.79 JPY").
    "danish crowns": "danish krone", "danish kroner": "danish krone", "norwegian crowns": "norwegian krone",
    "norwegian kroner": "norwegian krone", "swedish crowns": "swedish krona", "swedish kronor": "swedish krona",
    "chinese yuan": "yuan", "japanese yen": "yen", "indian rupees": "rupee", 
    "mexican pesos": "mexican peso", "philippine pesos": "philippine peso",
    "russian roubles": "rouble", "russian rubles": "rouble", "turkish lira": "lira", "israeli shekels": "shekel",
    "new israeli shekels": "shekel", "malaysian ringgit": "ringgit", "thai baht": "baht",
    "brazilian reais": "brazilian real", "south african rand": "rand", "saudi riyals": "riyal", "uae dirhams": "dirham",
    "new taiwan dollars": "taiwan dollar",
    "usd": "dollar", "eur": "euro", "gbp": "pound", "jpy": "yen", "cny": "yuan", "aud": "australian dollar",
    "cad": "canadian dollar", "hkd": "hong kong dollar", "nzd": "new zealand dollar", "sgd": "singapore dollar",
    "chf": "swiss franc", "krw": "won", "inr": "rupee", "rub": "rouble", "myr": "ringgit", "ils": "shekel",
}
MONEY_UNITS = frozenset(CURRENCY_PREFIX.values()) | frozenset(CURRENCY_WORDS.values())

# Measurement units: (canonical name, factor to it, spellings). Matched case-insensitively.
_UNITS_WORDS = [
    ("percent", 1.0, ["percent", "per cent", "pct", "percentage"]),
    ("percentage point", 1.0, ["percentage points", "percentage point", "percent points"]),
    ("basis point", 1.0, ["basis points", "basis point"]),
    ("point", 1.0, ["points", "point"]),
    ("km", 1.0, ["kilometres", "kilometers", "kilometre", "kilometer"]),
    ("km", 1e-9, ["micrometres", "micrometers", "micrometre", "micrometer", "microns", "micron"]),
    ("km", 1e-12, ["nanometres", "nanometers", "nanometre", "nanometer"]),
    ("km", 1.609344, ["miles", "mile"]),
    ("km", 1.852, ["nautical miles", "nautical mile"]),
    ("km", 0.001, ["metres", "meters", "metre", "meter"]),
    ("km", 1e-5, ["centimetres", "centimeters", "centimetre", "centimeter"]),
    ("km", 1e-6, ["millimetres", "millimeters", "millimetre", "millimeter"]),
    ("km", 0.0003048, ["feet", "foot"]),
    ("km", 2.54e-5, ["inches", "inch"]),
    ("km", 0.0009144, ["yards", "yard"]),
    ("km2", 1.0, ["square kilometres", "square kilometers", "square kilometre", "square kilometer", "sq km"]),
    ("km2", 2.589988, ["square miles", "square mile", "sq mi"]),
    ("km2", 0.01, ["hectares", "hectare"]),
    ("km2", 0.0040468564, ["acres", "acre"]),
    ("km2", 1e-6, ["square metres", "square meters", "square metre", "square meter", "sq m"]),
    ("km2", 9.290304e-8, ["square feet", "square foot", "sq ft"]),
    ("kg", 1.0, ["kilograms", "kilogrammes", "kilogram", "kilos", "kilo"]),
    ("kg", 0.001, ["grams", "grammes", "gram"]),
    ("kg", 1e-6, ["milligrams", "milligram"]),
    ("kg", 1000.0, ["metric tons", "metric tonnes", "tonnes", "tonne", "tons", "ton"]),
    ("kg", 1e9, ["megatonnes", "megatons", "megatonne", "megaton"]),
    ("kg", 1e12, ["gigatonnes", "gigatons", "gigatonne", "gigaton"]),
    ("kg", 0.028349523, ["ounces", "ounce"]),
    ("litre", 1.0, ["litres", "liters", "litre", "liter"]),
    ("litre", 0.001, ["millilitres", "milliliters", "millilitre", "milliliter"]),
    ("litre", 3.785411784, ["gallons", "gallon"]),
    ("litre", 1000.0, ["cubic metres", "cubic meters", "cubic metre", "cubic meter"]),
    ("litre", 28.3168466, ["cubic feet", "cubic foot"]),
    ("barrel", 1.0, ["barrels", "barrel"]),
    ("km/h", 1.0, ["kilometres per hour", "kilometers per hour", "kilometres an hour", "kilometers an hour"]),
    ("km/h", 1.609344, ["miles per hour", "miles an hour"]),
    ("km/h", 1.852, ["knots", "knot"]),
    ("km/h", 3.6, ["metres per second", "meters per second", "metres a second", "meters a second"]),
    ("second", 1.0, ["seconds", "second", "secs"]),
    ("minute", 1.0, ["minutes", "minute", "mins"]),
    ("hour", 1.0, ["hours", "hour", "hrs"]),
    ("day", 1.0, ["days", "day"]),
    ("week", 1.0, ["weeks", "week"]),
    ("month", 1.0, ["months", "month"]),
    ("year", 1.0, ["years-old", "year-old", "years old", "year old", "years", "year", "yrs"]),
    ("decade", 1.0, ["decades", "decade"]),
    ("celsius", 1.0, ["degrees celsius", "degrees centigrade", "degree celsius", "celsius", "centigrade"]),
    ("fahrenheit", 1.0, ["degrees fahrenheit", "degree fahrenheit", "fahrenheit"]),
    ("degree", 1.0, ["degrees", "degree"]),
    ("watt", 1.0, ["watts", "watt"]),
    ("watt", 1e3, ["kilowatts", "kilowatt"]),
    ("watt", 1e6, ["megawatts", "megawatt"]),
    ("watt", 1e9, ["gigawatts", "gigawatt"]),
    ("watt hour", 1e3, ["kilowatt hours", "kilowatt-hours", "kilowatt hour", "kilowatt-hour"]),
    ("watt hour", 1e6, ["megawatt hours", "megawatt-hours", "megawatt hour", "megawatt-hour"]),
    ("horsepower", 1.0, ["horsepower", "brake horsepower"]),
    ("newton metre", 1.0, ["newton metres", "newton meters", "newton-metres", "newton-meters"]),
    ("newton metre", 1.3558179, ["pound-feet", "pound-foot", "lb-ft", "lb ft", "foot-pounds"]),
    ("byte", 1e9, ["gigabytes", "gigabyte"]),
    ("byte", 1e6, ["megabytes", "megabyte"]),
    ("byte", 1e12, ["terabytes", "terabyte"]),
    ("hertz", 1.0, ["hertz"]),
    ("volt", 1.0, ["volts", "volt"]),
    ("magnitude", 1.0, ["magnitude"]),
    ("part per million", 1.0, ["parts per million"]),
    ("part per billion", 1.0, ["parts per billion"]),
    ("calorie", 1.0, ["calories", "calorie"]),
    ("mile per gallon", 1.0, ["miles per gallon"]),
]
# Abbreviations and symbols: matched case-sensitively ("MW" is a megawatt, "mw" is not; "5G" is no unit).
_UNITS_SYMBOLS = [
    ("percent", 1.0, ["%", "pc"]),
    ("percentage point", 1.0, ["ppts", "ppt"]),
    ("basis point", 1.0, ["bps", "bp"]),
    ("km", 1.0, ["km"]),
    ("km", 0.001, ["m"]),  # glued "m" is a million unless the context says length: see quantities.py
    ("km", 1e-5, ["cm"]),
    ("km", 1e-6, ["mm"]),
    ("km", 1e-9, ["μm", "µm"]),
    ("km", 1e-12, ["nm"]),
    ("km", 0.0003048, ["ft", "′"]),
    ("km", 2.54e-5, ["″"]),
    ("km", 0.0009144, ["yd", "yds"]),
    ("km", 1.609344, ["mi"]),
    ("km2", 1.0, ["km2", "km²"]),
    ("km2", 1e-6, ["m2", "m²"]),
    ("kg", 1.0, ["kg", "kgs"]),
    ("kg", 0.001, ["g"]),
    ("kg", 1e-6, ["mg"]),
    ("kg", 0.45359237, ["lb", "lbs"]),
    ("kg", 0.028349523, ["oz"]),
    ("litre", 1.0, ["l", "L"]),
    ("litre", 0.001, ["ml", "mL"]),
    ("barrel", 1.0, ["bbl", "bpd"]),
    ("km/h", 1.0, ["km/h", "kph", "kmh", "km/hr"]),
    ("km/h", 1.609344, ["mph", "m.p.h.", "m.p.h"]),
    ("km/h", 3.6, ["m/s"]),
    ("celsius", 1.0, ["°C", "C", "degC", "deg C"]),
    ("fahrenheit", 1.0, ["°F", "F", "degF", "deg F"]),
    ("degree", 1.0, ["°", "deg"]),
    ("newton metre", 1.0, ["Nm"]),
    ("newton metre", 1.3558179, ["lb-ft"]),
    ("penny", 1.0, ["p"]),
    ("watt", 1.0, ["W"]),
    ("watt", 1e3, ["kW"]),
    ("watt", 1e6, ["MW"]),
    ("watt", 1e9, ["GW"]),
    ("watt hour", 1e3, ["kWh"]),
    ("watt hour", 1e6, ["MWh"]),
    ("watt hour", 1e9, ["GWh"]),
    ("horsepower", 1.0, ["hp", "bhp"]),
    ("byte", 1e9, ["GB"]),
    ("byte", 1e6, ["MB"]),
    ("byte", 1e12, ["TB"]),
    ("bit/second", 1e6, ["Mbps", "Mb/s"]),
    ("bit/second", 1e9, ["Gbps", "Gb/s"]),
    ("hertz", 1.0, ["Hz"]),
    ("hertz", 1e3, ["kHz"]),
    ("hertz", 1e6, ["MHz"]),
    ("hertz", 1e9, ["GHz"]),
    ("volt", 1.0, ["V"]),
    ("milliampere hour", 1.0, ["mAh"]),
    ("part per million", 1.0, ["ppm"]),
    ("part per billion", 1.0, ["ppb"]),
    ("revolution per minute", 1.0, ["rpm"]),
    ("mile per gallon", 1.0, ["mpg"]),
    ("second", 1.0, ["sec"]),
    ("minute", 1.0, ["min"]),
    ("hour", 1.0, ["hr", "h"]),
    ("year", 1.0, ["yr"]),
]


def _flatten(table: list) -> dict[str, tuple[str, float]]:
    return {form: (name, factor) for name, factor, forms in table for form in forms}


UNIT_WORDS = _flatten(_UNITS_WORDS)  # lower-case spelling -> (unit, factor)
UNIT_SYMBOLS = _flatten(_UNITS_SYMBOLS)  # exact spelling -> (unit, factor)
# Symbols also seen in other cases ("2.4Ghz", "49.5 HZ", "60 MPH"): none of these spellings means anything else.
_ANY_CASE = ("km kg kgs cm mm ft mph kph km/h hz khz mhz ghz kwh mwh gwh mbps gbps rpm mpg ppm ppb bhp lbs "
             "degc degf").split()
UNIT_SYMBOLS_ANY_CASE = {k.lower(): v for k, v in UNIT_SYMBOLS.items() if k.lower() in _ANY_CASE}

# "$52 a barrel", "5% a year": the second half of a rate. Spelling -> canonical singular.
PER_WORDS = {
    "share": "share", "barrel": "barrel", "ounce": "ounce", "gallon": "gallon", "litre": "litre", "liter": "litre",
    "person": "person", "head": "person", "capita": "person", "household": "household", "year": "year",
    "annum": "year", "month": "month", "week": "week", "day": "day", "hour": "hour", "night": "night",
    "game": "game", "tonne": "tonne", "ton": "tonne", "kilogram": "kg", "kg": "kg", "pound": "pound",
    "square foot": "square foot", "square metre": "square metre", "square meter": "square metre",
    "mile": "mile", "kilometre": "km", "kilometer": "km", "km": "km", "kwh": "kwh", "seat": "seat",
    "unit": "unit", "ticket": "ticket", "student": "student", "employee": "employee", "vehicle": "vehicle",
    "decade": "decade", "century": "century", "gram": "gram", "square mile": "square mile",
    "sq m": "square metre", "sq ft": "square foot", "square feet": "square foot", "sq km": "square km",
}
RATE_ADVERBS = {"annually": "year", "yearly": "year", "monthly": "month", "daily": "day", "weekly": "week"}

# Words before a figure that set its bound. Longest phrases are tried first.
BOUND_PHRASES = {
    "about": [
        "about", "around", "roughly", "approximately", "approx.", "approx", "some", "an estimated",
        "estimated", "circa", "ca.", "c.", "~", "in the region of", "on the order of", "of the order of",
    ],
    "near": ["nearly", "almost", "close to", "just shy of", "not quite", "approaching", "getting on for"],
    "more_than": [
        "more than", "over", "at least", "upwards of", "upward of", "in excess of", "exceeding", "above",
        "greater than", "higher than", "no fewer than", "no less than", "not less than", "a minimum of",
        "north of", "topping", "beyond",
    ],
    "less_than": [
        "less than", "fewer than", "under", "below", "at most", "up to", "no more than", "not more than",
        "as many as", "as much as", "a maximum of", "lower than", "shy of", "a max of", "at the most",
    ],
    "exact": ["exactly", "precisely"],
}
# Softeners that may stand before a bound phrase and belong to the figure's text ("just over", "well above").
BOUND_MODIFIERS = ["just", "well", "slightly", "a little", "a bit", "only", "far", "much", "substantially"]

# Words after a figure that set its bound ("4,500+", "4,500-plus", "60-odd", "100 or more").
SUFFIX_BOUNDS = {
    "+": "more_than", "-plus": "more_than", " plus": "more_than", " or more": "more_than",
    " and more": "more_than", " and above": "more_than", " and up": "more_than", " or higher": "more_than",
    " or over": "more_than", " or less": "less_than", " or fewer": "less_than", " or under": "less_than",
    " or so": "about", "-odd": "about", " odd": "about", "-ish": "about",
}

# Vague amounts written as plural scale words: "thousands" -> the span such wording plausibly covers.
VAGUE_PLURALS = {
    "dozens": (24.0, 99.0), "scores": (60.0, 199.0), "hundreds": (200.0, 999.0), "thousands": (2e3, 9999.0),
    "millions": (2e6, 9.999e6), "billions": (2e9, 9.999e9), "trillions": (2e12, 9.999e12),
}
# "tens of thousands", "hundreds of millions".
VAGUE_OF = {"tens": (20.0, 99.0), "hundreds": (200.0, 999.0)}
# "several hundred", "a few thousand": multiplier spans applied to the scale word.
VAGUE_FEW = {"a few": (2.0, 5.0), "few": (2.0, 5.0), "several": (3.0, 9.0), "many": (2.0, 9.0),
             "a couple of": (2.0, 3.0), "a couple": (2.0, 3.0)}

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Clock times and zones after a number: "3 pm", "0401 GMT".
TIME_WORDS = {"am", "a.m.", "a.m", "pm", "p.m.", "p.m", "gmt", "utc", "bst", "cet", "cest", "edt", "est", "et",
              "pdt", "pst", "pt", "cdt", "cst", "o'clock", "hrs", "hours gmt", "local time", "jst", "ist"}
# Words that make the following number a locator or label rather than an amount: "page 12", "Flight 370".
LOCATOR_WORDS = {
    "page", "pages", "p.", "pp.", "section", "sections", "chapter", "article", "articles", "paragraph", "clause",
    "rule", "row", "seat", "gate", "room", "flight", "route", "highway", "interstate", "platform", "no.", "no",
    "nos.", "number", "#", "vol.", "vol", "volume", "figure", "fig.", "table", "exhibit", "appendix", "item",
    "episode", "ep.", "season", "lot", "suite", "apartment", "apt.", "bus", "channel", "track", "version",
    "v.", "level", "grade", "category", "stage", "phase", "block", "building", "pier", "terminal", "unit",
    "district", "ward", "precinct", "zone", "sector", "resolution", "amendment", "act", "bill", "title", "line",
    "lane", "exit", "junction", "tier", "division", "squad", "jersey", "shirt", "model", "ios", "windows",
    "android", "mark", "mk", "type", "batch", "case", "file", "code", "id", "serial", "ward", "cell", "box",
}
# Nouns too generic to name what is counted: "a total of 250" says nothing about what.
GENERIC_NOUNS = {"total", "number", "figure", "amount", "sum", "group", "set", "lot", "couple", "range",
                 "handful", "majority", "minimum", "maximum", "tally", "count", "one", "ones", "more", "less"}
# Verbs of change: "rose from 5% to 7%" gives two figures, not the range 5-7%.
CHANGE_WORDS = {
    "rise", "rose", "risen", "rising", "rises", "fall", "fell", "fallen", "falling", "falls", "increase",
    "increased", "increasing", "increases", "decrease", "decreased", "decreasing", "climb", "climbed", "climbs",
    "drop", "dropped", "drops", "grow", "grew", "grown", "growing", "jump", "jumped", "jumps", "surge", "surged",
    "decline", "declined", "declines", "cut", "cuts", "raise", "raised", "raises", "lower", "lowered", "up",
    "down", "slip", "slipped", "slid", "slide", "soar", "soared", "plunge", "plunged", "tumble", "tumbled",
    "gain", "gained", "gains", "lose", "lost", "shrank", "shrink", "doubled", "tripled", "revised", "boost",
    "boosted", "reduce", "reduced", "went", "go", "moved", "move", "changed", "expanded", "narrowed", "widened",
    "slow", "slowed", "slowing", "ease", "eased", "easing", "inch", "inched", "rebound", "rebounded", "recover",
    "recovered", "trim", "trimmed", "hike", "hiked", "lift", "lifted", "sank", "sink", "dip", "dipped",
    "dropping", "climbing", "swelled", "swell", "upgraded", "downgraded",
}
# Verbs (lemmas) whose subject is what the figure measures: "the death toll rose to 26", "prices are 5% higher".
LEVEL_VERBS = {
    "be", "rise", "fall", "reach", "stand", "hit", "climb", "total", "top", "exceed", "number", "grow", "drop",
    "increase", "decrease", "jump", "surge", "soar", "plunge", "decline", "remain", "amount", "swell", "double",
    "edge", "ease", "slip", "sink", "tumble", "hover", "pass", "surpass", "cross", "stay", "come", "go", "dip",
    "shrink", "slide", "gain", "lose", "advance", "retreat", "average", "measure", "range", "peak", "lower",
    "cut", "raise", "reduce", "rose", "fell",
}
# Index and product names that end in a number: "the FTSE 100 fell 2%" states no quantity 100.
NAME_BEFORE_NUMBER = {"s&p", "ftse", "stoxx", "nikkei", "cac", "dax", "russell", "fortune", "nasdaq", "asx",
                      "topix", "kospi", "sensex", "nifty", "euro stoxx", "msci", "dow", "ibex", "aex", "smi"}
# Participles and adjectives that name the counted people when no noun follows: "at least 26 dead".
VICTIM_WORDS = {"dead", "injured", "wounded", "killed", "missing", "hurt", "displaced", "homeless", "arrested",
                "detained", "hospitalised", "hospitalized", "evacuated", "infected", "unemployed", "sick"}
# "two-thirds", "three-quarters": fractions; a digit before one is no figure of its own ("2-thirds"). Shares in
# words ("a quarter of the town") are read whole, as percentages, before any figure.
FRACTION_WORDS = {"half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths"}
