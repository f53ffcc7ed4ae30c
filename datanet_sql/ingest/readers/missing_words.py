"""The words exports write for a missing value, shared by the readers that turn them into
NULL among numbers (CSV's whole-file check, Excel's text cells among number cells).

R's `NA`, spreadsheets' `N/A` and `#N/A`, SQL dumps' `NULL`, JavaScript's `String(null)`
(`null`), pandas' `None`; `\\N` is Postgres COPY text's (and MySQL's SELECT INTO OUTFILE's)
NULL; a lone `.` is SAS's (and Stata's) missing number, only ever as the whole value (`.5`
and `3.` are numbers, `St.` text). Microsoft's C runtime before Visual Studio 2015 printed a
NaN as `1.#QNAN0` (quiet), `-1.#IND00` (indeterminate: 0/0) or `1.#SNAN0` (signalling),
`%g` without the padding digit (`1.#QNAN`), `%E` with its three-digit exponent
(`1.#QNAN0E+000`): a missing number, as `NaN` is (see `nans`; pandas reads them as missing
too). Its infinity (`1.#INF00`) is a value, not missing: not among them. Kept apart from
`csv_values` so that a reader of another format takes the words without importing the CSV
modules.

Minitab writes a missing number as a lone `*` (`STAR`), which is also a mark of its own
elsewhere: a rating (`*` to `***`), a significance star, a flag in most rows. It is no word
of these: the CSV reader reads it as missing only in a column of numbers that outnumber it
(`csv_values.check`).
"""

from __future__ import annotations

MSVC_NANS = tuple(f"{sign}1.#{word}{pad}{exponent}" for sign in ("", "-")
                  for word, pad in (("QNAN", "0"), ("IND", "00"), ("SNAN", "0"))
                  for pad in ("", pad) for exponent in ("", "E+000", "e+000"))
MISSING_WORDS = ("NA", "N/A", "n/a", "#N/A", "NULL", "null", "None", "\\N", ".", *MSVC_NANS)
STAR = "*"   # Minitab's missing number; see the module docstring
