"""Load-level cases of the ingestion benchmark (stages 4-23, in `loads_4_6.py`,
`loads_7_9.py`, `loads_10_12.py`, `loads_13.py`, `loads_14.py`, `loads_15.py`, `loads_16.py`, `loads_17.py`, `loads_18.py`, `loads_19.py`, `loads_20.py`, `loads_21.py`, `loads_22.py` and `loads_23.py`; their shared steps in `load_steps.py`): deliveries that arrive
over several runs, loaded with `datanet_sql.ingest.loader.load` into a DuckDB file, the
warehouse's tables compared with what a careful engineer accepts.

Each case is a `LoadCase`: `steps` lands files (or writes source rows) before each run of
the loader; `expect` is the warehouse's table after the last run, written from the source
data before the first run (only `columns` of it when named); `rejects` the rows the
source's `_rejects` table must hold; `why` is the expectation in one line. Run by `run.py`.
Stage 5's cases (m1-m3) were written, expectations included, after stage 4 had been seen
(dev now, as stage 4's). Stage 6's (n1-n5) were written, expectations included, after stages
1-5 had all been seen; those with `cli` run the real `datanet ingest` command on a project
in the case's folder whose `sources/bench.yml` is `cli`, as a user writes it. Stage 7's
(p1-p4) were written, expectations included, after stages 1-6 had all been seen (dev now:
read after their first score). Stage 8's (q1-q4) were written, expectations included, after
stages 1-7 had all been seen (dev now: read after their first score). Stage 9's (r1-r4)
were written, expectations included, after stages 1-8 had all been seen (dev now: read after
their first score). Stage 10's (s1-s4) were written, expectations included, after stages 1-9
had all been seen (dev now: read after their first score). Stage 11's (b1-b4) were written,
expectations included, after stages 1-10 had all been seen, and never run while they were
written (held out). Stage 12's (e1-e4) were written, expectations included, after stages
1-11 had all been seen, and never run while they were written (held out). Stage 13's (g1-g4)
were written, expectations included, after stages 1-12 had all been seen, and never run while
they were written (held out). Stage 14's (j1-j4) were written, expectations included, after
stages 1-13 had all been seen, and never run while they were written (held out). Stage 15's
(o1-o4) were written, expectations included, after stages 1-14 had all been seen, and never
run while they were written (held out). Stage 16's (la1-la4) were written, expectations
included, after stages 1-15 had all been seen, and never run while they were written (held
out). Stage 17's (lb1-lb4) were written, expectations included, after stages 1-16 had all
been seen, and never run while they were written (held out). Stage 18's (lc1-lc4) were
written, expectations included, after stages 1-17 had all been seen, and never run while
they were written (held out). Stage 19's (ld1-ld4) were written, expectations included,
after stages 1-18 had all been seen, and never run while they were written (held out).
Stage 20's (le1-le4) were written, expectations included, after stages 1-19 had all been
seen, and never run while they were written (held out). Stage 21's (lf1-lf4) were written,
expectations included, after stages 1-20 had all been seen, and never run while they were
written (held out). Stage 22's (lg1-lg4) were written, expectations included, after stages
1-21 had all been seen, and never run while they were written (held out). Stage 23's
(lh1-lh4) were written, expectations included, after stages 1-22 had all been seen, and
never run while they were written (held out).
"""

from __future__ import annotations

import loads_4_6
import loads_7_9
import loads_10_12
import loads_13
import loads_14
import loads_15
import loads_16
import loads_17
import loads_18
import loads_19
import loads_20
import loads_21
import loads_22
import loads_23

LOAD_CASES = [*loads_4_6.LOAD_CASES, *loads_7_9.LOAD_CASES, *loads_10_12.LOAD_CASES, *loads_13.LOAD_CASES,
              *loads_14.LOAD_CASES, *loads_15.LOAD_CASES, *loads_16.LOAD_CASES, *loads_17.LOAD_CASES,
              *loads_18.LOAD_CASES, *loads_19.LOAD_CASES,
              *loads_20.LOAD_CASES, *loads_21.LOAD_CASES,
              *loads_22.LOAD_CASES, *loads_23.LOAD_CASES]
