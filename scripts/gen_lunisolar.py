#!/usr/bin/env python3
"""Generate the Hindu-calendar and Parsi tables of data/dates/lunisolar.tsv.

    pip install holidays==0.109
    python3 scripts/gen_lunisolar.py

The Hindu festivals follow the moon (a tithi of a lunar month), so their
Gregorian day needs a published table. python-holidays (MIT licence) keeps
one per festival for 2001-2035 in `holidays/calendars/hindu.py`, taken from
timeanddate.com's Indian holiday pages; this script copies those tables under
short names. The Parsi (Shahenshahi) New Year is a 365-day year with no leap
day: 28 August in 1972, one day earlier every four years (python-holidays'
rule, written out here for 1950-2050).

Everything between the `# BEGIN gen_lunisolar.py` and `# END gen_lunisolar.py`
lines of lunisolar.tsv is replaced; the rest (the Chinese New Year table, the
hand-kept Holika Dahan rows) is left as it is. Reruns are byte-identical.
"""
import datetime as dt
import os

from importlib.metadata import version
from holidays.calendars.hindu import _HinduLunisolar as Hindu

PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "dates", "lunisolar.tsv")
BEGIN, END = "# BEGIN gen_lunisolar.py", "# END gen_lunisolar.py"

# table name in lunisolar.tsv -> python-holidays table (the day the Indian
# holiday lists give; see lexicon.tsv for the names that look each one up)
TABLES = [
    ("diwali", "DIWALI_INDIA_DATES"),  # Lakshmi Puja, the new moon of Kartika
    ("holi", "HOLI_DATES"),
    ("vasantpanchami", "BASANT_PANCHAMI_DATES"),
    ("buddhapurnima", "BUDDHA_PURNIMA_DATES"),
    ("chhath", "CHHATH_PUJA_DATES"),
    ("dussehra", "DUSSEHRA_DATES"),
    ("ganeshchaturthi", "GANESH_CHATURTHI_DATES"),
    ("govardhan", "GOVARDHAN_PUJA_DATES"),
    ("gudipadwa", "GUDI_PADWA_DATES"),  # also Ugadi: the first day of Chaitra
    ("gurunanak", "GURU_NANAK_JAYANTI_DATES"),
    ("hanuman", "HANUMAN_JAYANTI_DATES"),
    ("janmashtami", "JANMASHTAMI_DATES"),
    ("karwachauth", "KARWA_CHAUTH_DATES"),
    ("mahaashtami", "MAHA_ASHTAMI_DATES"),
    ("mahanavami", "MAHA_NAVAMI_DATES"),
    ("mahashivaratri", "MAHA_SHIVARATRI_DATES"),
    ("mahavir", "MAHAVIR_JAYANTI_DATES"),
    ("makarsankranti", "MAKAR_SANKRANTI_DATES"),
    ("narakachaturdashi", "NARAKA_CHATURDASHI_DATES"),
    ("onam", "ONAM_DATES"),
    ("pongal", "PONGAL_DATES"),
    ("puthandu", "PUTHANDU_DATES"),
    ("rakshabandhan", "RAKSHA_BANDHAN_DATES"),
    ("ramnavami", "RAM_NAVAMI_DATES"),
    ("rathyatra", "RATH_YATRA_DATES"),
    ("navratri", "SHARAD_NAVRATRI_DATES"),  # its first day
    ("thaipusam", "THAIPUSAM_DATES"),
    ("vaisakhi", "VAISAKHI_DATES"),
    ("valmiki", "MAHARSHI_VALMIKI_JAYANTI_DATES"),
    ("vishu", "VISHU_DATES"),
]


def parsi_new_year(y):
    return dt.date(y, 8, 28) - dt.timedelta(days=(y - 1972) // 4)


def section():
    out = [
        BEGIN,
        f"# Hindu festivals: python-holidays {version('holidays')} (MIT), holidays/calendars/hindu.py,",
        "# the days timeanddate.com gives for India, 2001-2035. A festival whose tithi spans two",
        "# sunrises can be kept a day apart elsewhere (some almanacs, Duckling).",
    ]
    for name, attr in TABLES:
        for y, (m, d) in sorted(getattr(Hindu, attr).items()):
            out.append(f"{name}\t{y:04}-{m:02}-{d:02}")
    out.append("# parsinewyear (Jamshedi Navroz in India, Shahenshahi): 28 August 1972, a day earlier")
    out.append("# every four years (no leap day)")
    for y in range(1950, 2051):
        out.append(f"parsinewyear\t{parsi_new_year(y).isoformat()}")
    out.append(END)
    return out


def main():
    with open(PATH, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if BEGIN in lines:
        a, b = lines.index(BEGIN), lines.index(END)
        lines[a : b + 1] = section()
    else:
        # first run: the generated tables replace the hand-kept Diwali and
        # Holi rows (the same days for 2015-2027, checked here)
        new = {}
        for row in section():
            if not row.startswith("#"):
                n, d = row.split("\t")
                new.setdefault(n, set()).add(d)
        kept = []
        for row in lines:
            n = row.split("\t")[0]
            if n in ("diwali", "holi"):
                assert row.split("\t")[1] in new[n], row
                continue
            kept.append(row)
        while kept and kept[-1] == "":
            kept.pop()
        lines = kept + section() + [""]
    with open(PATH, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
