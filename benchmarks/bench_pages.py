"""Part 3 of ``benchmarks/run.py``: page speed and quality, from ``lighthouse.py``.

Lighthouse on every page of this book and of a stock Jupyter Book (mobile and
desktop); the rows say whether the targets hold: 100 in accessibility, best
practices and SEO on every page, and every page's performance above the stock
book's median. ``--quick`` audits the first 3 pages of each book.
"""

from __future__ import annotations

import statistics

from benchmarks import lighthouse
from benchmarks.common import Row, verdict

PART = "3. pages"
QUICK_PAGES = 3


def rows_for(results: list[dict]) -> list[Row]:
    """Summary rows from Lighthouse's rows (one per book, page and form factor)."""
    ours = [r for r in results if r["book"] == "this book"]
    stock = [r for r in results if r["book"] == "stock"]
    rows = []
    quality = {name: min(r[name] for r in ours) for name in ("accessibility", "best-practices", "seo")}
    rows.append(Row(PART, f"accessibility / best practices / SEO, lowest of {len(ours)} audits",
                    " / ".join(map(str, quality.values())), "100 on every page", verdict(min(quality.values()) == 100)))
    for form in lighthouse.FORM_FACTORS:
        mine = {r["page"]: r["performance"] for r in ours if r["form"] == form}
        theirs = statistics.median(r["performance"] for r in stock if r["form"] == form)
        worst = min(mine, key=mine.get)
        rows.append(Row(PART, f"performance, {form}: lowest page ({worst}) / median; stock median",
                        f"{mine[worst]} / {statistics.median(mine.values()):g}; stock {theirs:g}",
                        "every page above the stock median", verdict(mine[worst] > theirs)))
    for book, group in (("this book", ours), ("stock", stock)):
        kilobytes = statistics.median(r["KB"] for r in group)
        rows.append(Row(PART, f"bytes transferred, median page ({book})", f"{kilobytes:.0f} KB", "", ""))
    return rows


def run(args) -> list[Row]:
    return rows_for(lighthouse.run(limit=QUICK_PAGES if getattr(args, "quick", False) else None))
