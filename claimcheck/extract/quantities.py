"""Figures stated in one sentence: "more than 4,500 workers" -> Quantity(4500, more_than, thing "worker").

The figure itself is found with regular expressions over the sentence text, because spaCy splits amounts
inconsistently ("$6.2bn" is one token, "€45m" is three) and its entity labels miss or mislabel many of
them. The spaCy tokens are then used for what needs linguistic context: the counted noun after the figure
(part of speech, lemma) and whether a bare number sits inside a date, time or name entity.

Steps for each sentence: vague plurals ("thousands") first, shares in words ("a quarter of the town", as a
percentage), then every amount (currency, number, scale,
unit), joined into ranges ("250-350"), filtered (years, dates, times, identifiers, labels, "one"), widened
by the bound words around it ("more than", "+") and given the counted thing.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, replace

from text_to_num import text2num

from claimcheck.extract import units as U
from claimcheck.records import Quantity


def _alternation(words) -> str:
    # Longest first, so "square miles" wins over "miles" and "more than" over "more".
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORD = _alternation(U.NUMBER_WORDS + ["hundred", "thousand", "million", "billion", "trillion", "dozen"])
_CURRENCY = (
    r"\b(?:US|HK|NZ|AU|A|S|C)\s\$(?=\d)|\$(?:US|AU|A|NZ|CA|C|HK)(?=\s?\d)"
    r"|(?:\b(?:US|AU|A|CA|C|HK|NZ|S|NT|R))?\$|[€£¥₩₹₪₽₦]"
    r"|\b(?:Rs\.?|RM|USD|EUR|GBP|JPY|KRW|INR|MYR|ILS|CNY|RMB|Rmb|CHF|RUB|AUD|CAD|HKD|NZD|SGD)(?=\s?-?\d)"
)
# The longest number written in words is about 30 words ("nine hundred and ninety-nine million ..."); a run
# is read at most this far, so a text of nothing but number words costs no more than one of digits.
_MAX_NUMBER_WORDS = 64
_WORDS = rf"(?:{_WORD})(?:(?:\s+and\s+|\s+|-)(?:{_WORD})){{0,{_MAX_NUMBER_WORDS - 1}}}"
# Where an amount may begin: a currency, digits not inside a longer number, or a number word.
_START = re.compile(
    rf"(?P<cur>(?-i:{_CURRENCY}))|(?<![\d.,])(?P<dig>{_DIGITS})|\b(?P<words>{_WORDS})\b",
    re.I,
)
_CURRENCY_AT = re.compile(rf"(?:{_CURRENCY})\s?")
_NUMBER_AT = re.compile(rf"(?P<dig>{_DIGITS})|(?P<words>{_WORDS})\b", re.I)
_SCALE_AT = re.compile(
    r"(?:[\s-]?(?P<long>(?:hundred|thousand|million|billion|trillion|dozen|lakhs?|crores?)"
    r"(?:\s(?:thousand|million|billion))?)\b"  # "4 hundred million"
    r"|(?P<short>bn|mn|mln|bln|mil|tn|trn|k|m|b)(?![A-Za-z0-9])|\s(?P<spaced>bn|mn|mln|tn)\b)",
    re.I,
)
_UNIT_WORD_AT = re.compile(rf"(?:\s|-)?(?P<u>{_alternation(list(U.UNIT_WORDS) + list(U.CURRENCY_WORDS))})\b", re.I)
_UNIT_SYMBOL_AT = re.compile(rf"(?P<sp>[ -]?)(?P<u>{_alternation(U.UNIT_SYMBOLS)})(?![A-Za-z0-9])")
_UNIT_SYMBOL_ANY_CASE_AT = re.compile(
    rf"(?P<sp>[ -]?)(?P<u>{_alternation(U.UNIT_SYMBOLS_ANY_CASE)})(?![A-Za-z0-9])", re.I
)
_METRE_CONTEXT = re.compile(
    r"\s*\(|-?(?:long|tall|high|wide|deep)\b|\s+(?:long|tall|high|wide|deep|away|above|below|underground|"
    r"sprint|race|hurdles|freestyle|butterfly|backstroke|breaststroke|relay|dash)\b",
    re.I,
)
# A dash joins a range when glued ("250-350") or spaced on both sides ("250 - 350"), not in "50 -1.3%".
_CONNECTOR_AT = re.compile(r"(?P<c>[-–—])(?!\s)|\s+(?P<c2>[-–—])\s+|\s+(?P<w>to|and|or)\s+", re.I)
_BOUND_BEFORE = re.compile(
    rf"(?:(?<![\w])(?:{_alternation(U.BOUND_MODIFIERS)})\s+)?(?:(?<![\w])|(?<=~))"
    rf"(?P<b>{_alternation(w for ws in U.BOUND_PHRASES.values() for w in ws)})\s*$",
    re.I,
)
_BOUND_OF = {w.lower(): b for b, ws in U.BOUND_PHRASES.items() for w in ws}
_SUFFIX_AT = re.compile(rf"(?P<s>{_alternation(U.SUFFIX_BOUNDS)})(?![\w])", re.I)
_PER_AT = re.compile(
    rf"(?:[\s-]+(?:per|a|an|each)[\s-]+|\s*/\s*)(?P<p>{_alternation(U.PER_WORDS)})s?\b"
    r"(?!\s+(?:ago|earlier|later|before))"  # "$5 a year ago" is no rate
    rf"|\s+(?P<adv>{_alternation(U.RATE_ADVERBS)})\b",
    re.I,
)
_VAGUE_OF = re.compile(r"\b(?P<q>tens|hundreds)\s+of\s+(?P<s>thousands|millions|billions)\b", re.I)
_VAGUE_FEW = re.compile(
    rf"\b(?P<f>{_alternation(U.VAGUE_FEW)})\s+(?P<s>dozen|hundred|thousand|million|billion)"
    r"(?:\s+(?P<s2>thousand|million|billion))?\b",
    re.I,
)
_VAGUE_PLURAL = re.compile(
    r"\b(?P<s>dozens|hundreds|thousands|millions|billions|trillions)\b|\b(?P<sc>scores)(?=\s+of\b)", re.I
)
_UNIT_OF = re.compile(rf"\s+of\s+(?P<u>{_alternation(list(U.CURRENCY_WORDS) + list(U.UNIT_WORDS))})\b", re.I)
# Phone numbers: "+44 20 7946 0000", "(555) 010-0000", "555-010-0000".
_PHONE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?\d{3,4}[\s.-]\d{3,4}|\b\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4})\b"
)
_POWER_AT = re.compile(r"\s?[×x]\s?10\s?\^?(?P<e>[-−]?\d{1,2})(?!\d)")  # up to 10^99: floats hold it
_PREFIX_UNITS = {"aged": "year", "magnitude": "magnitude"}
_PREFIX_UNIT_BEFORE = re.compile(r"\b(?P<w>aged|magnitude)[\s-]+$", re.I)
_SIGN_BEFORE = re.compile(r"(?:(?<![\w.,])[-−]|\bminus[\s-])$", re.I)
_SUB_BEFORE = re.compile(r"\bsub-$", re.I)
_A_BEFORE = re.compile(r"(?:\b(?P<half>half)\s+)?\b(?P<a>an?)\s+$", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)
_WORD_BEFORE = re.compile(r"([\w.#']+)\W*$")
_WORD_AFTER = re.compile(r"\s*([\w.']+)")
_CODE_GOES_ON = re.compile(r"\s*[-–—]\s*\d")
_SCALE_WORD_AT = re.compile(r"hundred|thousand|million|billion|trillion|dozen", re.I)
_CURRENCY_SIGN_AFTER = re.compile(r" ?([€£¥])(?![\d])")
_FRACTION_AFTER = re.compile(r"[-⁄](\w+)")
# The words before a figure that bear on it (its bound, sign, a unit such as "aged", "between") are a few
# words at most: patterns anchored at the figure look back this far, never to the start of the sentence,
# so each figure costs the same however long the sentence.
_LOOKBACK = 64
_NUM_BEFORE_SCALE = {"hundred", "thousand", "million", "billion", "trillion", "dozen"}
_DETERMINERS = {"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "that", "these", "those"}
_NOT_THING_START = {"last", "next", "this", "per", "each", "every", "ago", "earlier", "later"}
_THING_SKIP = {"more", "fewer", "less", "additional", "extra", "further", "other"}  # "4,500 more troops"
_CLAUSE_MARKS = {";", ":", "(", ")", "—", "–", '"', "that", "which", "who", "where", "while"}
_FRACTION_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "nine": 9}
_FRACTION_PARTS = {"half": 2, "halve": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
# Only "<count> <part> of": "a third of the houses" is a share; "a quarter" alone may be a time or a district.
_FRACTION = re.compile(r"\b(?P<n>an?|one|two|three|four|nine)[\s-]+(?P<d>halves|half|thirds?|quarters?|fifths?|tenths?)"
                       r"(?=\s+of\b)", re.I)
_MALFORMED_AT = re.compile(r",\d{1,2}(?!\d)|,\d{4,}|(?<=,\d{3})\d")
_VAGUE_NUMBER_WORDS = {"dozens", "hundreds", "thousands", "millions", "billions", "scores", "tens"}
_TIME_NOUNS = {"year", "month", "week", "day", "quarter", "time", "hour", "minute", "second"}
_MAX_PHRASE_TOKENS = 12  # a counted thing is a few words ("Polish shipyard workers"); a run of nouns is cut there
_NAME_LABELS = {"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW", "PERSON", "GPE", "LOC", "NORP"}


def _before(pattern: re.Pattern, text: str, end: int) -> re.Match | None:
    """`pattern`, anchored with `$`, matched in the few words before `end`."""
    return pattern.search(text, max(0, end - _LOOKBACK), end)


class _Taken:
    """Character ranges already read as figures. A flag per character: checking a range costs its length,
    not the number of figures read before it."""

    def __init__(self, size: int):
        self.flags = bytearray(size)

    def free(self, s: int, e: int) -> bool:
        return self.flags.find(1, s, e) == -1

    def add(self, s: int, e: int) -> None:
        e = min(e, len(self.flags))
        self.flags[s:e] = b"\x01" * max(0, e - s)


def extract_quantities(span) -> tuple[Quantity, ...]:
    """Every figure stated in one sentence (a spaCy Doc or Span), with offsets into `span.text`."""
    ctx = _Context(span)
    text = ctx.text
    found: list[Quantity] = []
    taken = _Taken(len(text))
    for m in _PHONE.finditer(text):
        taken.add(*m.span())
    free = taken.free

    for s, e, lo, hi, unit in _vague(text):
        if not free(s, e):
            continue
        # Bound words are not read here: "over hundreds of miles" is mostly "across", and a vague span needs no bound.
        thing, thing_text = _thing(ctx, s, e, unit)
        found.append(Quantity(text[s:e], (lo + hi) / 2, lo, hi, "vague", unit, thing, thing_text, s, e))
        taken.add(s, e)

    for m in _FRACTION.finditer(text):
        # "a quarter of the town", "up to two-thirds of the crops": a share in words, as a percentage.
        if not free(m.start(), m.end()):
            continue
        share = _FRACTION_COUNTS[m.group("n").lower()] / _FRACTION_PARTS[m.group("d").lower().rstrip("s")] * 100
        bound, start = _bound_before(text, m.start())
        low, high, bound = _interval(share, bound or "exact")
        thing, thing_text = _thing(ctx, start, m.end(), "percent")
        if not thing:
            continue  # "a quarter of an hour": a share of no counted thing is no figure to compare
        found.append(Quantity(text[start:m.end()], share, low, high, bound, "percent", thing, thing_text, start, m.end()))
        taken.add(start, m.end())

    pos = 0
    while True:
        m = _START.search(text, pos)
        if not m:
            break
        pos = max(m.end(), m.start() + 1)
        if not free(m.start(), m.start() + 1):
            continue
        if m.group("dig") and _MALFORMED_AT.match(text, m.end("dig")):
            # "upwards of 800,00 people": a figure whose digit groups are invalid cannot be read, and
            # reading it as 800 would make a small figure of a large one.
            taken.add(m.start(), _MALFORMED_AT.match(text, m.end("dig")).end())
            continue
        first = _amount_at(text, m.start())
        if first is None:
            continue
        if not free(first.start, first.end):
            continue
        quantity, end = _read_figure(ctx, first)
        pos = max(pos, end)
        taken.add(first.start, end)
        if quantity is not None and math.isfinite(quantity.value):  # a 400-digit "number" is no figure
            found.append(quantity)
    return tuple(_inherit_in_brackets(text, sorted(found, key=lambda q: q.start)))


def _read_figure(ctx: _Context, first: _Amount) -> tuple[Quantity | None, int]:
    """The Quantity that starts with `first` (a range when a second amount follows), or None when it is
    no quantity claim; and where scanning should go on."""
    text = ctx.text
    sign = _before(_SIGN_BEFORE, text, first.start)
    if sign and not first.currency:
        first.start, first.num = sign.start(), -first.num  # "-1.3%", "minus 5 yards"
    _prefix_unit(text, first)
    prefix_bound, bound_start = _bound_before(text, first.start)
    sub = _before(_SUB_BEFORE, text, first.start)
    if sub and not prefix_bound:
        prefix_bound, bound_start = "less_than", sub.start()  # "sub-500 sq m"
        first.start = sub.start()

    second, skip_to = _range_end(text, first)
    if skip_to is not None:
        return None, skip_to
    if second is not None:
        between = _before(_BETWEEN_BEFORE, text, first.start)
        start = between.start() if between else first.start
        low, high = first.value, second.value
        return _quantity(ctx, start, second, (low + high) / 2, low, high, "range")

    if _skip(ctx, first, prefix_bound is not None):
        return None, first.end
    suffix_bound = _suffix_bound(text, first.end)[1]
    low, high, bound = _interval(first.value, prefix_bound or suffix_bound or "exact")
    start = bound_start if prefix_bound else first.start
    return _quantity(ctx, start, first, first.value, low, high, bound)


def _quantity(ctx: _Context, start: int, last: _Amount, value, low, high, bound) -> tuple[Quantity, int]:
    """The Quantity from `start` to the end of `last` and what follows it (a "+", a rate "a year")."""
    text = ctx.text
    end = _suffix_bound(text, last.end)[0]
    unit = last.unit_name
    rate = _PER_AT.match(text, end) if unit else None
    if rate:
        # "$52 a barrel" -> "dollar/barrel"; counts take no rate ("4,500 a day" leaves "day" to the thing).
        per = U.PER_WORDS[rate.group("p").lower()] if rate.group("p") else U.RATE_ADVERBS[rate.group("adv").lower()]
        unit, end = f"{unit}/{per}", rate.end()
    thing, thing_text = _thing(ctx, start, end, unit)
    return Quantity(text[start:end], value, low, high, bound, unit, thing, thing_text, start, end), end


def _range_end(text: str, first: _Amount) -> tuple[_Amount | None, int | None]:
    """The second amount of a range starting with `first` ("250-350", "between 3 and 4 million", "$5-$10"),
    or (None, end) when the pair is something else to skip whole (a score "3-1", a code "555-123-4567",
    the days "Sept. 20-24", the years "between 2014 and 2017")."""
    connector = _CONNECTOR_AT.match(text, first.end)
    if not connector:
        return None, None
    word = (connector.group("w") or "").lower()
    between = _before(_BETWEEN_BEFORE, text, first.start)
    from_ = _before(_FROM_BEFORE, text, first.start)
    if word == "and" and not between:
        return None, None
    if word == "to" and _change_before(text, from_.start() if from_ else first.start):
        return None, None  # "rose from 5% to 7%": two figures
    second = _amount_at(text, connector.end())
    if second is None:
        return None, None
    dash = _is_dash(connector)
    if dash and _CODE_GOES_ON.match(text, second.end):
        return None, second.end  # "555-123-4567", "2014-15-16": a code, not a range
    if not _join_range(first, connector, second):
        return None, (second.end if dash and not second.words else None)  # "3-1 win", "2-2", "2014-15"
    if _word_before(text, first.start).rstrip(".") in U.MONTHS:
        return None, second.end  # "Sept. 12-16": days
    _apply_unit_to_first(first, second)
    years = all(a.plain and 1500 <= a.num <= 2100 for a in (first, second))
    if years or _glued_junk(text, _Amount(first.start, second.end, 0, None, None, None, 1.0, False, "")):
        return None, second.end  # "between 2014 and 2017", "AB-12-34"
    return second, None


def _join_range(first: _Amount, connector, second: _Amount) -> bool:
    """Can `first` and `second` be read as one range "250-350", "between 3 and 4 million", "$5-$10"?"""
    if first.unit_name and second.unit_name and first.unit_name != second.unit_name:
        return False
    if first.words != second.words and _is_dash(connector):
        return False
    if (connector.group("w") or "").lower() == "or" and (first.scale or second.scale or second.num > 2 * first.num):
        return False  # "two or three" is a range; "25k or 40k" are two figures
    # "four to five thousand": the scale written once covers both ends.
    low = first.num * (first.scale or second.scale or 1.0)
    high = second.num * (second.scale or 1.0)
    if not first.scale and second.scale and first.num >= second.num:
        low = first.num
    return low < high


def _is_dash(connector) -> bool:
    return bool(connector.group("c") or connector.group("c2"))


def _apply_unit_to_first(first: _Amount, second: _Amount) -> None:
    """In "5-10%" or "$5-10" the unit written once covers both ends."""
    if not first.unit_name:
        first.currency, first.unit, first.factor = second.currency, second.unit, second.factor
    elif not second.unit_name:
        second.currency, second.unit, second.factor = first.currency, first.unit, first.factor
    if not first.scale and second.scale and first.num < second.num:
        first.scale = second.scale


def _change_before(text: str, pos: int) -> bool:
    """"rose from 5% to 7%": a verb of change just before means two figures, not a range."""
    words = re.findall(r"[a-z]+", text[max(0, pos - 48): pos].lower())[-3:]
    return any(w in U.CHANGE_WORDS for w in words)


def _inherit_in_brackets(text: str, found: list[Quantity]) -> list[Quantity]:
    """"more than 100 km (60 miles)": the converted figure in brackets carries the same bound and thing;
    in "fell from 8% to 3%" the second figure measures what the first does."""
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and not q.thing and prev.thing and re.fullmatch(r"\s+to\s+", text[prev.end: q.start]):
            q = replace(q, thing=prev.thing, thing_text=prev.thing_text)
        if (
            prev is not None
            and q.bound == "exact"
            and prev.bound in ("about", "more_than", "less_than")
            and re.fullmatch(r"\s*\(\s*", text[prev.end: q.start])
        ):
            ratio = q.value / prev.value if prev.value else 1.0
            low = None if prev.low is None else prev.low * ratio
            high = None if prev.high is None else prev.high * ratio
            bound = prev.bound
            if ratio < 0:  # "around -10C (14F)": scaled by a negative ratio, the interval turns round
                low, high = high, low
                bound = {"more_than": "less_than", "less_than": "more_than"}.get(bound, bound)
            q = replace(
                q, bound=bound, thing=q.thing or prev.thing, thing_text=q.thing_text or prev.thing_text,
                low=low, high=high,
            )
        out.append(q)
    return out


@dataclass
class _Amount:
    """One number as written, with what is glued to it: "$6.2bn", "4,500", "12 percent", "five-year"."""

    start: int
    end: int
    num: float  # the number as written, before scale and unit factor
    scale: float | None
    currency: str | None
    unit: str | None  # measurement unit (canonical), not money
    factor: float  # to the canonical unit
    words: bool  # written in words ("two dozen")
    digits: str  # the digits as written, "" for words

    @property
    def value(self) -> float:
        return self.num * (self.scale or 1.0) * self.factor

    @property
    def unit_name(self) -> str:
        return self.currency or self.unit or ""

    @property
    def plain(self) -> bool:
        """A bare whole number: the shape years, labels and identifiers take."""
        return not (self.scale or self.currency or self.unit) and self.digits.isdigit()


def _amount_at(text: str, pos: int) -> _Amount | None:
    """Parse currency + number + scale + unit starting at `pos`."""
    start, currency = pos, None
    cur = _CURRENCY_AT.match(text, pos)
    if cur and not text[pos].isdigit():
        key = re.sub(r"\s+", " ", cur.group(0).strip().lower())
        currency = U.CURRENCY_PREFIX.get(key) or U.CURRENCY_PREFIX.get(key.rstrip("."))
        pos = cur.end()
    sign = 1.0
    if currency and text[pos: pos + 1] in ("-", "−") and text[pos + 1: pos + 2].isdigit():
        sign, pos = -1.0, pos + 1  # "$-5.2bn"
    number = _number_at(text, pos)
    if number is None:
        return None
    num, end, words, digits = number
    scale_value = None
    if words:
        # "five thousand": keep the scale word apart so "four to five thousand" can share it.
        last = re.split(r"[\s-]+", text[pos:end].lower())[-1]
        if last in _NUM_BEFORE_SCALE and num:
            scale_value = U.SCALE_WORDS[last]
            num /= scale_value
    if words and _SCALE_WORD_AT.match(text, pos):
        # A scale word without a number before it needs "a"/"half a": "a dozen", "half a million".
        a = _before(_A_BEFORE, text, start)
        if not a:
            return None
        start = a.start()
        num *= 0.5 if a.group("half") else 1.0
    power = _POWER_AT.match(text, end)
    if power and not words:
        # "1.99×10−30", "3 x 10^8": scientific notation
        num, end, digits = num * 10.0 ** int(power.group("e").replace("−", "-")), power.end(), ""
    amount = _Amount(start, end, sign * num, scale_value, currency, None, 1.0, words, digits)
    scale = _SCALE_AT.match(text, end)
    if scale and not words:
        short = (scale.group("short") or "").lower()
        if short == "m" and not currency and _METRE_CONTEXT.match(text, scale.end()):
            pass  # "37m long": metres, left to the unit step
        elif short == "b" and not currency:
            pass  # "5b" is a label more often than five billion
        else:
            amount.scale = 1.0
            for name in (scale.group("long") or short or scale.group("spaced")).lower().split():
                amount.scale *= U.SCALE_WORDS.get(name) or U.SCALE_SHORT.get(name) or 1.0
            amount.end = scale.end()
    _attach_unit(text, amount)
    return amount


def _number_at(text: str, pos: int) -> tuple[float, int, bool, str] | None:
    """(value, end, written_in_words, digits) of the number starting at `pos`, shrinking word runs that do not parse."""
    m = _NUMBER_AT.match(text, pos)
    if not m:
        return None
    if m.group("dig"):
        return float(m.group("dig").replace(",", "")), m.end(), False, m.group("dig").replace(",", "")
    phrase = m.group("words")
    # "five and six" is no number; fall back to the longest leading run that is one.
    pieces = list(re.finditer(r"[A-Za-z]+", phrase))
    for k in range(min(len(pieces), _MAX_NUMBER_WORDS), 0, -1):
        sub = phrase[: pieces[k - 1].end()]
        if sub.split()[-1].lower() == "and":
            continue
        value = _parse_words(sub)
        if value is not None:
            return value, pos + len(sub), True, ""
    return None


def _parse_words(phrase: str) -> float | None:
    """Number words to a value: "twenty-five thousand" -> 25000, "two dozen" -> 24, "dozen" -> 12."""
    words = [w for w in re.split(r"[\s-]+", phrase.lower()) if w]
    mult = 1.0
    if words and words[-1] == "dozen":
        mult, words = 12.0, words[:-1]
    if not words:
        return mult
    try:
        return float(text2num(" ".join(words), "en")) * mult
    except ValueError:
        return None


def _attach_unit(text: str, amount: _Amount) -> None:
    """Extend `amount` over a unit or currency word written after it."""
    end = amount.end
    for pattern, table in ((_UNIT_SYMBOL_AT, U.UNIT_SYMBOLS), (_UNIT_SYMBOL_ANY_CASE_AT, U.UNIT_SYMBOLS_ANY_CASE)):
        sym = pattern.match(text, end)
        # One-letter symbols only when glued ("20C", "164p"): "5 C" or "in 3 p" are not units.
        if sym and (not sym.group("sp") or len(sym.group("u")) > 1 or sym.group("u") == "%"):
            unit = table.get(sym.group("u")) or table[sym.group("u").lower()]
            if unit[0] == "penny" and amount.currency:
                break
            amount.unit, amount.factor = unit
            amount.end = sym.end()
            return
    after = _CURRENCY_SIGN_AFTER.match(text, end)
    if after and not amount.currency:
        amount.currency, amount.end = U.CURRENCY_PREFIX[after.group(1)], after.end()  # "1,200€"
        return
    word = _UNIT_WORD_AT.match(text, end)
    if not word:
        return
    u = word.group("u").lower()
    if u in U.CURRENCY_WORDS:
        if amount.currency:
            return
        money = U.CURRENCY_WORDS[u]
        if money == "pound" and re.search(r"(?i)\bweigh|\bheav", text[max(0, amount.start - 48): amount.start]):
            amount.unit, amount.factor = "kg", 0.45359237  # "weighing 10 pounds" is mass
        else:
            amount.currency = money
    else:
        amount.unit, amount.factor = U.UNIT_WORDS[u]
    amount.end = word.end()


def _prefix_unit(text: str, amount: _Amount) -> None:
    """Units written before the number, which then belong to the figure: "aged 25" is an age in years,
    "magnitude 7.8" a magnitude."""
    m = _before(_PREFIX_UNIT_BEFORE, text, amount.start)
    if m and not amount.unit_name:
        amount.unit = _PREFIX_UNITS[m.group("w").lower()]
        amount.start = m.start()


class _Context:
    """The sentence's tokens and entities, with offsets relative to the sentence text."""

    def __init__(self, span):
        base = getattr(span, "start_char", 0)
        self.text = span.text
        self.tokens = [(t, t.idx - base, t.idx - base + len(t.text)) for t in span]
        self.ents = [(e.label_, e.start_char - base, e.end_char - base) for e in span.ents]
        # Tokens and entities are in order and do not overlap: lookups are binary searches.
        self.starts = [s for _, s, _ in self.tokens]
        self.ends = [e for _, _, e in self.tokens]
        self.ent_starts = [s for _, s, _ in self.ents]

    def token_index(self, pos: int) -> int:
        """Index of the first token starting at or after `pos`."""
        return bisect.bisect_left(self.starts, pos)

    def token_before(self, pos: int):
        """(token, start, end) of the last token ending at or before `pos`, or None."""
        i = bisect.bisect_right(self.ends, pos) - 1
        return self.tokens[i] if i >= 0 else None

    def entity_at(self, start: int, end: int) -> tuple[str, int, int] | None:
        # Only the last two entities starting at or before `start` can contain it (one may end where the
        # next begins); the first of them that does wins, as in a scan from the left.
        k = bisect.bisect_right(self.ent_starts, start)
        for label, s, e in self.ents[max(0, k - 2):k]:
            if s <= start and end <= e:
                return label, s, e
        return None


def _word_before(text: str, pos: int) -> str:
    m = _before(_WORD_BEFORE, text, pos)
    return m.group(1).lower() if m else ""


def _word_after(text: str, pos: int) -> str:
    m = _WORD_AFTER.match(text, pos)
    return m.group(1).lower().rstrip(".") if m else ""


def _skip(ctx: _Context, amount: _Amount, bounded: bool) -> bool:
    """Is this amount something other than a quantity claim: a date, time, year, label, name or pronoun?"""
    text = ctx.text
    if _glued_junk(text, amount):
        return True
    prev, nxt = _word_before(text, amount.start), _word_after(text, amount.end)
    if amount.unit_name == "" and (prev.rstrip(".") in U.MONTHS or nxt.rstrip(".") in U.MONTHS):
        return True  # "June 14", "14 June", "June 2019"
    if nxt in U.TIME_WORDS or nxt.startswith(("a.m", "p.m")):
        return True  # "9 a.m.", "0400 GMT"
    if _is_year(ctx, amount):
        return True
    if amount.words and amount.num == 1 and not amount.scale and not amount.currency and (
        amount.unit in (None, "point", "day", "week", "month", "year", "hour", "minute", "second")
    ):
        return True  # "one of the ...", "in one area", "at one point": "one" is rarely a figure
    if amount.unit_name or bounded:
        return False
    if prev in U.LOCATOR_WORDS and amount.digits:
        return True  # "page 12", "Flight 370", "No. 1"
    ent = ctx.entity_at(amount.start, amount.end)
    if ent and ent[0] in ("DATE", "TIME") and amount.plain and len(amount.digits) <= 4:
        return True  # a day or year the tagger saw as a date; longer bare numbers are never dates
    if amount.plain and _in_name(ctx, amount, ent):
        return True
    if amount.plain and text[amount.start - 1: amount.start] == "(" and text[amount.end: amount.end + 1] == ")":
        return True  # "Prescott (4)", "(2)": a label or list marker
    return False


def _glued_junk(text: str, amount: _Amount) -> bool:
    """Is the amount part of an identifier, code, date or ordinal ("F-35", "A320", "3rd", "11/14", "1990s")?"""
    s, e = amount.start, amount.end
    before = text[s - 1] if s > 0 else " "
    if before.isalnum() or before in "#_":
        return True
    if before in "-/.:" and s >= 2 and text[s - 2].isalnum():
        return True
    after = text[e] if e < len(text) else " "
    if after.isalnum() or after in "_":
        return True
    if after in ":/" and e + 1 < len(text) and text[e + 1].isdigit():
        return True  # clock time "12:30", fraction or date "1/16", "11/14"
    fraction = _FRACTION_AFTER.match(text, e)
    if fraction and (fraction.group(1).lower() in U.FRACTION_WORDS or after == "⁄"):
        return True  # "two-thirds", "1⁄32": fractions are not read
    return False


def _is_year(ctx: _Context, amount: _Amount) -> bool:
    """A bare 4-digit number in the years' range, unless it clearly counts something ("2000 people")."""
    if not amount.plain or len(amount.digits) != 4 or not 1700 <= amount.num <= 2100:
        return False
    if ctx.entity_at(amount.start, amount.end) and ctx.entity_at(amount.start, amount.end)[0] in ("DATE", "TIME"):
        return True
    i = ctx.token_index(amount.end)
    if i < len(ctx.tokens):
        tok = ctx.tokens[i][0]
        return not (tok.tag_ == "NNS" or (tok.pos_ == "NOUN" and tok.lemma_.lower() != tok.lower_))
    return True


def _in_name(ctx: _Context, amount: _Amount, ent) -> bool:
    """A bare number that is part of a name: "Apollo 11", "S&P 500", "Group of Seven"."""
    if ent and ent[0] in _NAME_LABELS and (ent[1] < amount.start or ent[2] > amount.end):
        return True  # "Apollo 11", "Windows 11 Pro"
    before = ctx.token_before(amount.start)
    if before is None:
        return False
    prev, _, prev_end = before
    if prev.lower_ in U.NAME_BEFORE_NUMBER:
        return True  # "FTSE 100", "S&P 500"
    if prev.lower_ == "of" and prev.i > ctx.tokens[0][0].i:
        owner = prev.doc[prev.i - 1]
        return owner.pos_ == "PROPN" and owner.text[:1].isupper() and owner.lower_ not in U.MONTHS
    if amount.num <= 9999 and _name_follows(ctx, amount.end):
        return True  # "Apollo 11 Commander", "Galaxy 9 Ultra", "12 Baker Street"
    sentence_initial = prev.i == ctx.tokens[0][0].i
    return (
        prev.pos_ == "PROPN"
        and amount.start - prev_end <= 1
        and prev.lower_.rstrip(".") not in U.MONTHS | U.WEEKDAYS
        # A capitalised first word is no sign of a name; "iPhone", "S&P" are.
        and (not sentence_initial or any(c.isupper() for c in prev.text[1:]) or "&" in prev.text)
    )


def _name_follows(ctx: _Context, end: int) -> bool:
    """Singular proper nouns right after the number and no common noun after them: a name, not a count.
    ("4,500 Polish workers" ends in a noun; "600 Canadians" is a plural proper noun.)"""
    toks = ctx.tokens
    i = ctx.token_index(end)
    if i >= len(toks) or toks[i][1] - end > 1 or toks[i][0].tag_ != "NNP" or not toks[i][0].text[:1].isupper():
        return False
    while i < len(toks) and toks[i][0].tag_ == "NNP":
        i += 1
    return not (i < len(toks) and toks[i][0].pos_ == "NOUN")


def _bound_before(text: str, start: int) -> tuple[str | None, int]:
    m = _before(_BOUND_BEFORE, text, start)
    if not m:
        return None, start
    return _BOUND_OF[m.group("b").lower()], m.start()


def _suffix_bound(text: str, end: int) -> tuple[int, str | None]:
    """"4,500+", "60-odd", "100 or more": where the figure ends and the bound its suffix sets."""
    m = _SUFFIX_AT.match(text, end)
    if not m:
        return end, None
    return m.end(), U.SUFFIX_BOUNDS[m.group("s").lower()]


def _interval(value: float, bound: str) -> tuple[float | None, float | None, str]:
    """The interval a bound word allows around `value`, and the bound as recorded."""
    if bound == "about":
        return min(value * 0.9, value * 1.1), max(value * 0.9, value * 1.1), "about"
    if bound == "near":  # "nearly 60": just under
        return min(value * 0.9, value), max(value * 0.9, value), "about"
    if bound == "more_than":
        return value, None, "more_than"
    if bound == "less_than":
        return None, value, "less_than"
    return value, value, "exact"


def _thing(ctx: _Context, start: int, end: int, unit: str) -> tuple[str, str]:
    """(thing, thing_text): the noun phrase after the figure ("Polish workers"), or after "of" ("thousands
    of soldiers"); failing that the noun before "of" ("a death toll of 26") or the subject of a verb of level
    ("the death toll rose to 26"); ("", "") when none ("it is estimated that 15,000 will ...")."""
    toks = ctx.tokens
    i = ctx.token_index(end)
    # "4,500-strong force", "a 250-member crew": skip the hyphenated modifier.
    if i + 1 < len(toks) and toks[i][0].text == "-" and toks[i][1] == end and toks[i + 1][1] == toks[i][2]:
        i += 2
    if i < len(toks) and toks[i][0].lower_ in _THING_SKIP:
        i += 1
    if i < len(toks) and (toks[i][0].lower_ == "of" or (toks[i][0].lower_ == "in" and unit in U.MONEY_UNITS)):
        i += 1
        while i < len(toks) and toks[i][0].lower_ in _DETERMINERS:
            i += 1
    phrase = _noun_phrase(ctx, i)
    if phrase:
        return phrase
    if i < len(toks) and toks[i][0].lower_ in U.VICTIM_WORDS:
        # "at least 26 dead": people, and what happened to them is the predicate (left to predicates.py).
        return "people", ""
    return _noun_before_of(ctx, start) or _subject_before(ctx, start) or ("", "")


def _noun_phrase(ctx: _Context, i: int) -> tuple[str, str] | None:
    """Adjectives and proper adjectives, then nouns, starting at token `i`; None without a common noun."""
    toks, head = ctx.tokens, None
    j = i
    while j < len(toks) and j - i < _MAX_PHRASE_TOKENS:
        tok, s, e = toks[j]
        ent = ctx.entity_at(s, e)
        if tok.lower_ in _NOT_THING_START or (ent and ent[0] in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL")):
            break
        if head is not None and tok.lower_ in _VAGUE_NUMBER_WORDS:
            break  # "the 40-metre barge hundreds of metres down": another figure begins
        if tok.pos_ == "NOUN" and tok.lower_.rstrip(".") not in U.MONTHS:
            head = j
        elif tok.pos_ in ("ADJ", "PROPN") or tok.tag_ in ("VBN", "VBG"):
            if head is not None:
                break  # the noun phrase ended at its head noun
        elif tok.text == "-" and head is None and j + 1 < len(toks) and toks[j + 1][1] == e:
            pass  # "war-torn"
        else:
            break
        j += 1
    if head is None:
        return None
    # The thing is the head noun's lemma ("police officers" -> "officer"), so wordings compare equal.
    thing = toks[head][0].lemma_.lower()
    if thing in U.GENERIC_NOUNS or thing in _TIME_NOUNS:
        return None  # "a total of", "9% year on year"
    return thing, ctx.text[toks[i][1]: toks[head][2]]


def _noun_before_of(ctx: _Context, start: int) -> tuple[str, str] | None:
    """"a death toll of 26" -> ("death toll", "death toll")."""
    toks = ctx.tokens
    i = ctx.token_index(start) - 1
    if i < 1 or toks[i][0].lower_ != "of" or toks[i][0].pos_ != "ADP" or toks[i - 1][0].pos_ != "NOUN":
        return None
    k = i - 1
    while k - 1 >= 0 and toks[k - 1][0].pos_ == "NOUN":
        k -= 1
    return _compound(ctx, k, i - 1)


def _subject_before(ctx: _Context, start: int) -> tuple[str, str] | None:
    """"The death toll from the storm rose to 26" -> ("death toll", "death toll"): with no noun after the
    figure, the first noun of its clause, when a verb of level ("rose to", "stood at", "reached", "is") leads
    to the figure. Other verbs ("the club lost", "the firm was fined") make their subject no measure of it."""
    toks = ctx.tokens
    i = ctx.token_index(start) - 1
    if i >= 0 and toks[i][0].lower_ in ("to", "at", "by", "from"):
        i -= 1
    while i >= 0 and toks[i][0].pos_ in ("ADV", "PART"):
        i -= 1  # "rose sharply to"
    if i < 0 or toks[i][0].pos_ not in ("VERB", "AUX") or toks[i][0].lemma_.lower() not in U.LEVEL_VERBS:
        return None
    while i - 1 >= 0 and toks[i - 1][0].pos_ in ("VERB", "AUX", "ADV", "PART"):
        i -= 1  # the whole verb group: "has now risen"
    j = i - 1  # back to the clause start (commas may list the subject's parts)
    while j >= 0 and toks[j][0].lower_ not in _CLAUSE_MARKS and (
        toks[j][0].pos_ not in ("SCONJ", "PRON", "VERB", "AUX") or toks[j][0].tag_ == "PRP$"
    ):
        j -= 1
    if j >= 0 and toks[j][0].tag_ in ("VBG", "VBN"):
        # An opening phrase ("Citing the fire service, the toll rose to 26") ends at its comma.
        comma = next((c for c in range(j + 1, i) if toks[c][0].text == ","), None)
        j = comma if comma is not None else j
    # The subject is the first noun group not inside a prepositional phrase: in "Under the deal, duties on
    # cars will fall" it is "duties", not "deal" or "cars".
    k = j + 1
    while k < i:
        if toks[k][0].pos_ == "NOUN" or _common_word_capitalised(toks, k):
            m = k - 1
            while m > j and (toks[m][0].pos_ in ("DET", "ADJ", "NUM", "PROPN", "PART") or toks[m][0].tag_ == "PRP$"):
                m -= 1
            h = k
            while h + 1 < i and toks[h + 1][0].pos_ == "NOUN":
                h += 1
            if m <= j or toks[m][0].pos_ != "ADP":
                return _compound(ctx, k, h)
            k = h
        k += 1
    return None


def _common_word_capitalised(toks, k: int) -> bool:
    """A sentence's first word taken for a name only because it is capitalised ("Turnout was 52 percent")."""
    tok = toks[k][0]
    if k != 0 or tok.pos_ != "PROPN" or (k + 1 < len(toks) and toks[k + 1][0].pos_ == "PROPN"):
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(tok.lower_, "en") >= 3.0


def _compound(ctx: _Context, first: int, head: int) -> tuple[str, str] | None:
    """A run of common nouns as the thing: lemmas joined ("death toll"), or None when too generic."""
    toks = ctx.tokens
    thing = " ".join(t.lemma_.lower() for t, _, _ in toks[first: head + 1])
    if thing in U.GENERIC_NOUNS or toks[head][0].lemma_.lower() in U.GENERIC_NOUNS | _TIME_NOUNS:
        return None
    return thing, ctx.text[toks[first][1]: toks[head][2]]


def _vague(text: str) -> list[tuple[int, int, float, float, str]]:
    """(start, end, low, high, unit) of vague amounts: "tens of thousands", "several hundred", "thousands"."""
    found: list[tuple[int, int, float, float, str]] = []
    taken = _Taken(len(text))

    for m in _VAGUE_OF.finditer(text):
        lo, hi = U.VAGUE_OF[m.group("q").lower()]
        scale = U.SCALE_WORDS[m.group("s").lower()[:-1]]  # "thousands" -> thousand
        found.append((m.start(), m.end(), lo * scale, hi * scale, ""))
        taken.add(m.start(), m.end())
    for m in _VAGUE_FEW.finditer(text):
        if not taken.free(m.start(), m.end()):
            continue
        lo, hi = U.VAGUE_FEW[m.group("f").lower()]
        scale = U.SCALE_WORDS[m.group("s").lower()] * (U.SCALE_WORDS[m.group("s2").lower()] if m.group("s2") else 1)
        found.append((m.start(), m.end(), lo * scale, hi * scale, ""))
        taken.add(m.start(), m.end())
    for m in _VAGUE_PLURAL.finditer(text):
        if not taken.free(m.start(), m.end()):
            continue
        word = (m.group("s") or m.group("sc")).lower()
        lo, hi = U.VAGUE_PLURALS[word]
        found.append((m.start(), m.end(), lo, hi, ""))
        taken.add(m.start(), m.end())
    # "billions of dollars", "hundreds of miles": the unit belongs to the figure.
    out = []
    for s, e, lo, hi, unit in found:
        of = _UNIT_OF.match(text, e)
        if of:
            u = of.group("u").lower()
            unit, factor = (U.CURRENCY_WORDS[u], 1.0) if u in U.CURRENCY_WORDS else U.UNIT_WORDS[u]
            e, lo, hi = of.end(), lo * factor, hi * factor
        out.append((s, e, lo, hi, unit))
    return out
