"""The roll-up arithmetic: plain functions over the summaries the workflow keeps, aggregated in
the database, used by the dashboards, the reviews, the annual report and the API alike.

Rules (docs/rollups.md): every figure says how many economies it rests on, counted against all
of them; a missing report is never read as zero; counts come from records, de-duplicated; rates
and shares of different economies are never summed (min, median and max instead), and values in
different units are never pooled; an area's (and an objective's) progress score weighs the
latest assessment of each economy and measure (reporting.reports.scoring).

One module per topic: `window` (what a figure counts) and `filters` (the filters a page or the
API turns into a window), `counts` (the counts the figures are built from), `areas`, `measures`,
`general`, `participation`, `lessons`; `check` computes the same figures directly from the
records, for `manage.py check_rollups` and the tests only.
"""
