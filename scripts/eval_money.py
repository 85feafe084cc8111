#!/usr/bin/env python3
"""Money score on ../shared/eval/dev/money.jsonl despite the shared scorer's range bug.

    python3 scripts/eval_money.py [--bin target/release/newsgraph]

`evaluate.py --only money` prints `?`: score_values.py calls float() on gold
ranges ({"from": 10, "to": 20}) and crashes. This wrapper runs the same
`annotate --jsonl` step, imports the shared scorer unchanged and swaps in a
money_ok that compares a gold range with our `value` (lower end) and `max`
(upper end, see CONTRACT.md / README "Money"); every other case goes to the
shared money_ok.
"""
import argparse, json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EVAL = os.path.join(HERE, "..", "..", "shared", "eval")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "release", "newsgraph"))
    ap.add_argument("--show", default="0")
    a = ap.parse_args()
    sys.path.insert(0, EVAL)
    import score_values

    shared_ok = score_values.money_ok

    def money_ok(p, g, dct):
        gv = g.get("value")
        if not isinstance(gv, dict):
            return shared_ok(p, g, dct)
        unit = (g.get("unit") or "").lower()
        want = g.get("currency") or score_values.UNIT_ISO.get(unit)
        scale = score_values.SUB.get(unit, 1)
        ends = {"from": p.get("value"), "to": p.get("max", p.get("value"))}
        for k, want_v in gv.items():
            got = ends.get(k)
            if want_v is None:
                continue
            if not isinstance(got, (int, float)) or abs(got * scale - want_v) > 1e-6 * max(1.0, abs(want_v)):
                return False
        return not want or p.get("currency") == want

    score_values.KINDS["money"] = ("money", money_ok)
    gold = os.path.join(EVAL, "dev", "money.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        inp, pred = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "pred.jsonl")
        with open(gold, encoding="utf-8") as f, open(inp, "w", encoding="utf-8") as o:
            for line in f:
                if line.strip():
                    c = json.loads(line)
                    o.write(json.dumps({"id": c["id"], "text": c["text"], "dct": c.get("dct")}) + "\n")
        with open(inp, "rb") as fi, open(pred, "wb") as fo:
            subprocess.run([a.bin, "annotate", "--jsonl", "-"], stdin=fi, stdout=fo, check=True)
        sys.argv = ["score_values.py", "money", gold, pred, "--show", a.show]
        score_values.main()


if __name__ == "__main__":
    main()
