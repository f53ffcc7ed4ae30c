"""The words exports write for a missing value, shared by the readers that turn them into
NULL among numbers (CSV's whole-file check, Excel's text cells among number cells).

R's `NA`, spreadsheets' `N/A` and `#N/A`, SQL dumps' `NULL`, JavaScript's `String(null)`
(`null`), pandas' `None`; `\\N` is Postgres COPY text's (and MySQL's SELECT INTO OUTFILE's)
NULL; a lone `.` is SAS's (and Stata's) missing number, only ever as the whole value (`.5`
and `3.` are numbers, `St.` text). Kept apart from `csv_values` so that a reader of another
format takes the words without importing the CSV modules.
"""

from __future__ import annotations

MISSING_WORDS = ("NA", "N/A", "n/a", "#N/A", "NULL", "null", "None", "\\N", ".")
