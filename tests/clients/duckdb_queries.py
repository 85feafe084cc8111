#!/usr/bin/env python3
"""A real downstream client: DuckDB loads a newsgraph output directory as
tables and runs the joins the README shows. Exits non-zero on any dangling
id, any offset that does not slice, or any query that fails.

    python3 tests/clients/duckdb_queries.py OUTPUT_DIR
"""
import os, sys
import duckdb

out = sys.argv[1]
con = duckdb.connect()
for table in ("documents", "entities", "events", "mentions", "edges"):
    path = os.path.join(out, f"{table}.jsonl")
    con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_json('{path}', format = 'newline_delimited')")


def one(sql):
    return con.execute(sql).fetchone()[0]


failures = []
def expect_zero(what, sql):
    n = one(sql)
    if n:
        failures.append(f"{what}: {n}")

# Mentions → documents, and offsets that slice (DuckDB counts code points, as the contract does).
expect_zero("mentions without a document", "SELECT count(*) FROM mentions m ANTI JOIN documents d ON m.doc = d.id")
expect_zero("mentions whose offsets do not slice",
            "SELECT count(*) FROM mentions m JOIN documents d ON m.doc = d.id "
            "WHERE substring(d.text, m.start + 1, m.\"end\" - m.start) <> m.text")
expect_zero("entity mentions without an entity",
            "SELECT count(*) FROM mentions m ANTI JOIN entities e ON m.entity = e.id WHERE m.kind = 'entity'")
# Edges → entities, events, documents.
expect_zero("edges to a missing entity",
            "SELECT count(*) FROM edges g ANTI JOIN entities e ON g.dst = e.id WHERE g.rel IN ('mentions', 'participant')")
expect_zero("edges to a missing event", "SELECT count(*) FROM edges g ANTI JOIN events v ON g.dst = v.id WHERE g.rel = 'reports'")
expect_zero("edges from a missing event", "SELECT count(*) FROM edges g ANTI JOIN events v ON g.src = v.id WHERE g.rel = 'participant'")
expect_zero("edges from a missing document", "SELECT count(*) FROM edges g ANTI JOIN documents d ON g.src = d.id WHERE g.rel IN ('mentions', 'reports')")
expect_zero("report spans that do not slice",
            "SELECT count(*) FROM edges g JOIN documents d ON g.src = d.id WHERE g.rel = 'reports' AND length(substring(d.text, g.start + 1, g.\"end\" - g.start)) <> g.\"end\" - g.start")
# Event sources agree with the reports edges.
expect_zero("events whose sources differ from their reporting documents",
            "SELECT count(*) FROM events v JOIN (SELECT dst, count(DISTINCT src) AS n FROM edges WHERE rel = 'reports' GROUP BY dst) r ON r.dst = v.id WHERE r.n <> v.sources")

# The README's queries must run and give rows.
participants_by_year = con.execute("""
    SELECT left(v.date.timex, 4) AS year, e.name, count(*) AS events
    FROM events v
    JOIN edges p ON p.src = v.id AND p.rel = 'participant'
    JOIN entities e ON e.id = p.dst
    WHERE v.date.timex IS NOT NULL
    GROUP BY ALL ORDER BY year, events DESC, e.name
""").fetchall()
if not participants_by_year:
    failures.append("participants of events by year: no rows")
top_entities = con.execute("""
    SELECT e.name, e.type, sum(g.count) AS mentions, count(DISTINCT g.src) AS documents
    FROM edges g JOIN entities e ON e.id = g.dst
    WHERE g.rel = 'mentions' GROUP BY ALL ORDER BY mentions DESC LIMIT 5
""").fetchall()
if not top_entities:
    failures.append("top entities: no rows")
money_by_doc = con.execute("""
    SELECT d.title, m.text, m.value, m.currency
    FROM mentions m JOIN documents d ON d.id = m.doc
    WHERE m.kind = 'money' ORDER BY m.value DESC LIMIT 5
""").fetchall()

if failures:
    print("FAILED:", *failures, sep="\n  ")
    sys.exit(1)
print(f"duckdb: {one('SELECT count(*) FROM documents')} documents, {one('SELECT count(*) FROM mentions')} mentions, "
      f"{len(participants_by_year)} (year, participant) rows; top entity {top_entities[0][0]!r}; largest amount {money_by_doc[0][1]!r}")
