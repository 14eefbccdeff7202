"""Score the quantity extractor against the NewsQuant gold (CQE project): news sentences with hand-labelled figures.

Run:  .venv/bin/python benchmarks/quantities_newsquant.py [path/to/NewsQuant.json] [--errors N]

Prints precision and recall of
  (a) values: a predicted figure matches a gold one when the values agree within 1% (gold ranges "lo-hi"
      match a predicted range with both ends agreeing, or a single value equal to either end or the middle);
  (b) value + bound: gold "=" exact, "~" about, ">" more_than, "<" less_than; "up"/"down" (changes) are
      scored as exact and also reported apart;
  (c) unit, over matched pairs where gold names one: correct when the normalised units agree; gold often puts
      the counted noun in the unit ("employees"), so those pairs are scored against our `thing` instead and
      reported apart;
  (d) counted thing: any word of our thing_text found in gold referred_concepts (or in gold's unit noun);
and the extraction speed (sentences per second, model load excluded, spaCy included).
"""
from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = ROOT.parent / "shared" / "bench" / "cqe" / "NewsQuant.json"
BOUND_OF_CHANGE = {"=": "exact", "~": "about", ">": "more_than", "<": "less_than", "up": "exact", "down": "exact"}

# Gold normalised unit -> our unit, for the units the extractor knows (lengths etc. go to one base unit).
GOLD_UNIT = {
    "percentage": "percent", "dollar": "dollar", "euro": "euro", "pound sterling": "pound", "japanese yen": "yen",
    "chinese yuan": "yuan", "australian dollar": "australian dollar", "hong kong dollar": "hong kong dollar",
    "malaysian ringgit": "ringgit", "shekel": "shekel", "danish krone": "danish krone", "south korean won": "won",
    "indian rupee": "rupee", "kilometre": "km", "mile": "km", "metre": "km", "foot": "km", "inch": "km",
    "yard": "km", "centimetre": "km", "millimetre": "km", "square metre": "km2", "square kilometre": "km2",
    "square mile": "km2", "acre": "km2", "hectare": "km2", "kilogram": "kg", "gram": "kg", "milligram": "kg",
    "pound-mass": "kg", "ton": "kg", "tonne": "kg", "metric ton": "kg", "gigaton": "kg", "cubic foot": "litre",
    "litre": "litre", "millilitre": "litre", "gallon": "litre",
    "mile per hour": "km/h", "kilometre per hour": "km/h", "year": "year", "year of age": "year", "month": "month",
    "week": "week", "day": "day", "hour": "hour", "minute": "minute", "second": "second", "degree": "degree",
    "celsius": "celsius", "fahrenheit": "fahrenheit", "horsepower": "horsepower", "brake horsepower": "horsepower",
    "kilowatt": "watt", "megawatt": "watt", "gigawatt": "watt", "watt": "watt", "gigabyte": "byte",
    "hertz": "hertz", "kilohertz": "hertz", "point": "point", "basis point": "basis point", "cent": "cent",
    "sen": "sen", "barrel per day": "barrel/day", "dollar per barrel": "dollar/barrel",
    "dollar per year": "dollar/year",
    "dollar per month": "dollar/month", "dollar per gallon": "dollar/gallon", "dollar per gram": "dollar/gram",
    "dollar per square foot": "dollar/square foot", "cent per share": "cent/share",
    "percentage per year": "percent/year",
    "mile per gallon": "mile per gallon", "volt": "volt", "parts-per-billion": "part per billion",
    "revolutions per minute": "revolution per minute", "milliampere-hour": "milliampere hour",
    "gigahertz": "hertz", "megahertz": "hertz", "kilowatt hour": "watt hour", "gigawatt hour": "watt hour",
    "megabit per second": "bit/second", "pound-foot": "newton metre", "newton metre": "newton metre",
    "nanometre": "km", "micrometre": "km", "metre per second": "km/h", "part per million": "part per million",
    "dollar per share": "dollar/share", "dollar per ounce": "dollar/ounce", "dollar per week": "dollar/week",
    "dollar per square metre": "dollar/square metre", "australian dollar per year": "australian dollar/year",
    "australian dollar per month": "australian dollar/month",
    "new zealand dollar per month": "new zealand dollar/month",
    "new zealand dollar per year": "new zealand dollar/year", "pound sterling per year": "pound/year",
    "shekel per year": "shekel/year", "malaysian ringgit per month": "ringgit/month", "canadian dollar per share":
    "canadian dollar/share", "united states dollar per barrel": "dollar/barrel", "foot per century": "km/century",
}
# Factors from gold's unit to the extractor's base unit, where they differ.
GOLD_FACTOR = {
    "mile": 1.609344, "metre": 0.001, "foot": 0.0003048, "inch": 2.54e-5, "yard": 0.0009144, "centimetre": 1e-5,
    "millimetre": 1e-6, "square metre": 1e-6, "square mile": 2.589988, "acre": 0.0040468564, "hectare": 0.01,
    "gram": 0.001, "milligram": 1e-6, "pound-mass": 0.45359237, "ton": 1000.0, "tonne": 1000.0, "millilitre": 0.001,
    "gallon": 3.785411784, "mile per hour": 1.609344, "kilowatt": 1e3, "megawatt": 1e6, "gigawatt": 1e9,
    "gigabyte": 1e9, "kilohertz": 1e3, "gigahertz": 1e9, "megahertz": 1e6, "kilowatt hour": 1e3,
    "gigawatt hour": 1e9, "megabit per second": 1e6, "pound-foot": 1.3558179, "nanometre": 1e-12,
    "micrometre": 1e-9, "metre per second": 3.6, "cubic foot": 28.3168466, "metric ton": 1000.0,
    "gigaton": 1e12, "mile per gallon": 1.0,
}
STOP = {"the", "a", "an", "of", "in", "on", "for", "to", "and", "its", "their", "his", "her", "-"}


def gold_values(raw: str) -> tuple[float, float]:
    """(low, high) of a gold value string: "5.0" -> (5, 5); "25.0-40.0" -> (25, 40); "1.99E-29" stays one value."""
    raw = raw.strip()
    m = re.fullmatch(r"(-?[\d.]+(?:E-?\d+)?)\s*-\s*(-?[\d.]+(?:E-?\d+)?)", raw, re.I)
    if m:
        return float(m.group(1)), float(m.group(2))
    v = float(raw)
    return v, v


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= 0.01 * max(abs(a), abs(b)) + 1e-12


def value_match(pred, gold: dict) -> bool:
    lo, hi = gold_values(gold["value"])
    # Gold keeps the written unit ("7.3" miles); the extractor converts to its base unit (km).
    unit = gold["normalized_unit"].strip()
    factor = GOLD_FACTOR.get(unit) or GOLD_FACTOR.get(unit.split(" per ")[0], 1.0)  # "foot per century"
    lo, hi = lo * factor, hi * factor
    if pred.bound == "vague":  # "thousands": gold writes its own span ("1000-10000"); overlap is agreement
        return lo <= pred.value <= hi or pred.low <= (lo + hi) / 2 <= pred.high
    if lo != hi:
        if pred.bound == "range" and close(pred.low, lo) and close(pred.high, hi):
            return True
        return any(close(pred.value, v) for v in (lo, hi, (lo + hi) / 2))
    if pred.bound == "range":
        return close(pred.low, lo) or close(pred.high, lo) or close(pred.value, lo)
    return close(pred.value, lo)


def words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z0-9]+", text.lower()):
        if w not in STOP:
            out.add(w[:-1] if w.endswith("s") and len(w) > 3 else w)
    return out


def match_sentence(preds, golds):
    """Greedy one-to-one matching on value, in text order."""
    pairs, used = [], set()
    for p in preds:
        for k, g in enumerate(golds):
            if k not in used and value_match(p, g):
                used.add(k)
                pairs.append((p, g))
                break
    return pairs


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv and not argv[0].startswith("--") else DEFAULT
    show = int(argv[argv.index("--errors") + 1]) if "--errors" in argv else 0
    if not path.exists():
        print(f"skipped: {path} not found (the NewsQuant gold file from the CQE project)")
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))

    from claimcheck.extract.nlp import load_nlp
    from claimcheck.extract.quantities import extract_quantities

    nlp = load_nlp()
    nlp("warm up")
    texts = [d["text"] for d in data]
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    t1 = time.perf_counter()
    preds = [extract_quantities(doc) for doc in docs]
    t2 = time.perf_counter()

    n_pred = sum(len(p) for p in preds)
    n_gold = sum(len(d["quantities"]) for d in data)
    matched = bound_ok = bound_n_change = bound_ok_change = 0
    unit_n = unit_ok = unit_noun_n = unit_noun_ok = 0
    thing_n = thing_ok = thing_n2 = thing_ok2 = 0
    misses, extras, unit_errors, bound_errors = [], [], [], []
    for d, ps in zip(data, preds):
        pairs = match_sentence(ps, d["quantities"])
        matched += len(pairs)
        for p, g in pairs:
            gold_bound = BOUND_OF_CHANGE[g["change"]]
            # A gold range ("lo-hi", change "=") is our range or vague figure.
            ranged = g["change"] == "=" and "-" in g["value"][1:]
            ok = p.bound == gold_bound or (p.bound in ("range", "vague") and ranged)
            if g["change"] in ("up", "down"):
                bound_n_change += 1
                bound_ok_change += ok
            bound_ok += ok
            if not ok:
                bound_errors.append((d["text"], p, g["change"]))
            gu = g["normalized_unit"].strip()
            if gu and gu != "-":
                if gu in GOLD_UNIT:
                    unit_n += 1
                    unit_ok += p.unit == GOLD_UNIT[gu]
                    if p.unit != GOLD_UNIT[gu]:
                        unit_errors.append((d["text"], p, gu))
                else:  # gold's "unit" is the counted noun ("employee"): compare with our thing
                    unit_noun_n += 1
                    unit_noun_ok += p.unit == "" and bool(words(p.thing_text) & words(gu))
            concepts = g["referred_concepts"].strip()
            if concepts and concepts != "-":
                thing_n += 1
                thing_ok += bool(words(p.thing_text) & words(concepts))
                extra = "" if gu in GOLD_UNIT or gu == "-" else gu
                thing_n2 += 1
                thing_ok2 += bool(words(p.thing_text) & (words(concepts) | words(extra)))
        used_p = {id(p) for p, _ in pairs}
        used_g = {id(g) for _, g in pairs}
        extras += [(d["text"], p) for p in ps if id(p) not in used_p]
        misses += [(d["text"], g) for g in d["quantities"] if id(g) not in used_g]

    def pr(ok, n):
        return f"{ok / n:.3f} ({ok}/{n})" if n else "n/a"

    print(f"command: .venv/bin/python benchmarks/quantities_newsquant.py {path}")
    print(f"sentences {len(data)}, gold quantities {n_gold}, predicted {n_pred}")
    print(f"(a) value        precision {pr(matched, n_pred)}  recall {pr(matched, n_gold)}")
    print(f"(b) value+bound  precision {pr(bound_ok, n_pred)}  recall {pr(bound_ok, n_gold)}"
          f"   [bound right on matched: {pr(bound_ok, matched)};"
          f" of them up/down changes: {pr(bound_ok_change, bound_n_change)}]")
    print(f"(c) unit         on matched pairs with a measurement unit: {pr(unit_ok, unit_n)};"
          f" gold unit is a counted noun, our thing has it: {pr(unit_noun_ok, unit_noun_n)}")
    print(f"(d) thing        word overlap with referred_concepts: {pr(thing_ok, thing_n)};"
          f" with referred_concepts or gold's noun unit: {pr(thing_ok2, thing_n2)}")
    print(f"speed: extractor {len(data) / (t2 - t1):.0f} sentences/s; spaCy + extractor"
          f" {len(data) / (t2 - t0):.0f} sentences/s (model load excluded)")
    if show:
        print("\n-- missed gold --")
        for text, g in misses[:show]:
            print(f"  {g['value']} {g['unit']} {g['change']} | {text[:160]}")
        print("\n-- bound errors --")
        for text, p, change in bound_errors[:show]:
            print(f"  {p.text!r} {p.bound} gold {change!r} | {text[:160]}")
        print("\n-- unit errors --")
        for text, p, gu in unit_errors[:show]:
            print(f"  {p.text!r} {p.unit!r} gold {gu!r} | {text[:160]}")
        print("\n-- extra predictions --")
        for text, p in extras[:show]:
            print(f"  {p.text!r} {p.value} {p.unit} | {text[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
