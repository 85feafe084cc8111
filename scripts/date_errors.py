#!/usr/bin/env python3
"""Group the date tagger's errors on the eval sets, to see which rule to work on next.

    python3 scripts/date_errors.py [--bin target/release/newsgraph] [--data ../shared/eval/dev]
                                   [--set news|suites|both] [--show N] [--group NAME]

Runs `newsgraph annotate --jsonl` on the dev sets the way `evaluate.py` does, judges each gold
item with the scorer's own `date_ok` (imported from the eval folder, so the verdicts are the
scorer's), and prints the count of each error group, largest first, with N examples each
(`--group` shows only one group). The groups are heuristics on the gold and predicted values:
they point at a kind of rule, not at a string to special-case.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)
HOLIDAY = re.compile(r"(\bday\b|christmas|xmas|easter|eve\b|thanksgiving|halloween|hanukkah|chanukah|"
                     r"ramadan|eid|diwali|passover|yom |rosh |lent|advent|carnival|navaratri|holi\b|"
                     r"kwanzaa|new year|valentine|mardi gras|pentecost|whit|epiphany|lunar|chinese)", re.I)
RELWORD = re.compile(r"\b(last|next|this|past|coming|ago|later|earlier|previous|following|yesterday|"
                     r"tomorrow|today|tonight|now|recent|current|upcoming)\b", re.I)
YEARLESS = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def first_day(v):
    """The YYYY-MM-DD a value starts on, if it names a day."""
    if isinstance(v, dict):
        v = v.get("from")
    m = YEARLESS.match(v) if isinstance(v, str) else None
    return m.group(0) if m else None


def classify(text, g, hits, dct):
    """One name for the kind of error made on gold item g, given the overlapping predictions."""
    surf = g.get("surface") or text[g["start"]:g["end"]]
    gold = g.get("timex3")
    if not hits:
        return "missed"
    pv = [p.get("timex") for p in hits]
    gs = gold if isinstance(gold, str) else json.dumps(gold)
    if any(isinstance(v, str) and "X" in v for v in pv) or "X" in gs:
        return "underspecified"
    if isinstance(gold, dict) and not any(p.get("range") for p in hits):
        return "gold range, predicted point"
    if not isinstance(gold, dict) and any(p.get("range") for p in hits) and all(p.get("range") for p in hits):
        return "gold point, predicted range"
    if WEEKDAY.search(surf) and not HOLIDAY.search(surf):
        gd = first_day(gold)
        pds = [first_day(p.get("range", {}).get("start") if p.get("range") else p.get("timex")) for p in hits]
        pds = [d for d in pds if d]
        if gd and pds and gd not in pds:
            return "weekday: gold earlier" if all(gd < d for d in pds) else "weekday: gold later"
    if HOLIDAY.search(surf):
        return "holiday"
    if isinstance(gold, str):
        for v in pv:
            if not isinstance(v, str):
                continue
            if v != gold and (v.startswith(gold) or gold.startswith(v)):
                return "granularity"
            mg, mv = YEARLESS.match(gold), YEARLESS.match(v)
            if mg and mv and mg.group(2, 3) == mv.group(2, 3) and mg.group(1) != mv.group(1):
                return "year of a yearless date"
            if re.match(r"^\d{4}(-Q\d|-H\d)?$", gold) or re.match(r"^\d{4}(-Q\d|-H\d)?$", v):
                return "year/quarter"
            if gold.startswith("P") or v.startswith("P"):
                return "duration"
            if "T" in gold or "T" in v:
                return "time of day"
    if RELWORD.search(surf):
        return "relative"
    return "other"


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--bin", default=os.path.join(here, "..", "target", "release", "newsgraph"))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "eval", "dev"))
    ap.add_argument("--set", default="both", choices=["news", "suites", "both"])
    ap.add_argument("--show", type=int, default=5)
    ap.add_argument("--group", default=None)
    ap.add_argument("--source", default=None, help="only suite cases whose source contains this")
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(os.path.join(a.data, "..")))
    from score_values import date_ok  # the scorer's verdicts, not a copy of them

    sets = ["news", "suites"] if a.set == "both" else [a.set]
    for name in sets:
        path = os.path.join(a.data, f"dates_{name}.jsonl")
        cases = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        if a.source:
            cases = [c for c in cases if a.source in c.get("source", "")]
        with tempfile.TemporaryDirectory() as tmp:
            inp = os.path.join(tmp, "in.jsonl")
            with open(inp, "w", encoding="utf-8") as f:
                for c in cases:
                    f.write(json.dumps({"id": c["id"], "text": c["text"], "dct": c.get("dct")}, ensure_ascii=False) + "\n")
            with open(inp, "rb") as fi:
                out = subprocess.run([a.bin, "annotate", "--jsonl", "-"], stdin=fi, capture_output=True, check=True).stdout
        pred = {}
        for l in out.decode().splitlines():
            r = json.loads(l)
            pred[r["id"]] = [m for m in r.get("mentions", []) if m.get("kind") == "date"]
        groups = collections.defaultdict(list)
        comparable = correct = 0
        for c in cases:
            ps = pred.get(c["id"], [])
            for g in c["gold"]:
                hits = [p for p in ps if p["start"] < g["end"] and g["start"] < p["end"]]
                verdicts = [date_ok(p, g, c.get("dct")) for p in hits] or [date_ok({}, g, c.get("dct"))]
                if all(v is None for v in verdicts):
                    continue
                comparable += 1
                if any(verdicts):
                    correct += 1
                    continue
                grp = classify(c["text"], g, hits, c.get("dct"))
                groups[grp].append((c, g, hits))
        print(f"== {name}: {correct}/{comparable} correct ({100.0 * correct / max(comparable, 1):.1f}%), "
              f"{comparable - correct} errors")
        for grp, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            if a.group and grp != a.group:
                continue
            print(f"-- {grp}: {len(items)}")
            for c, g, hits in items[:a.show]:
                s, e = g["start"], g["end"]
                ctx = c["text"][max(0, s - 80):e + 60].replace("\n", " ")
                print(f"   [{c.get('dct')}] {g.get('surface')!r} gold={json.dumps(g.get('timex3'))} "
                      f"pred={[(p['text'], p.get('timex'), p.get('range')) for p in hits]}")
                print(f"      … {ctx} …")


if __name__ == "__main__":
    main()
