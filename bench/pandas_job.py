#!/usr/bin/python3
"""The pandas baseline of bench/run.sh: the same job an analyst would script by hand on the canonical panel.

    pandas_job.py FILE OUTDIR [--summary-only]

read the CSV, normalize (codes for basis and measure, numbers), store it in SQLite with to_sql (left out with
--summary-only), compute a summary (the latest month's values by region and industry, and the year-on-year growth
of the total by region), and write it as an .xlsx with openpyxl.
"""
import os
import sqlite3
import sys

import pandas as pd

path, out = sys.argv[1], sys.argv[2]
summary_only = "--summary-only" in sys.argv
os.makedirs(out, exist_ok=True)
df = pd.read_csv(path, dtype={"industry": str})
df["basis"] = df["basis"].map({"month": "M", "ytd": "YTD", "year": "A"})
df["measure"] = df["measure"].map({"level": "L", "yoy": "YOY"})
df["value"] = pd.to_numeric(df["value"], errors="coerce")
if not summary_only:
    with sqlite3.connect(os.path.join(out, "pandas.db")) as db:
        df.to_sql("observations", db, if_exists="replace", index=False)
latest = df["period"].max()
month = df[(df["period"] == latest) & (df["basis"] == "M")]
levels = month[month["measure"] == "L"].pivot_table(index="region", columns="industry", values="value", aggfunc="last")
growth = month[month["measure"] == "YOY"].groupby("region")["value"].mean()
with pd.ExcelWriter(os.path.join(out, "summary.xlsx"), engine="openpyxl") as xlsx:
    levels.to_excel(xlsx, sheet_name="levels")
    growth.to_frame("growth").to_excel(xlsx, sheet_name="growth")
