"""Load-level cases of the ingestion benchmark (stages 4-39, in `loads_4_6.py`,
`loads_7_9.py`, `loads_10_12.py` and `loads_<N>.py` from 13 on; their shared steps in
`load_steps.py`): deliveries that arrive over several runs, loaded with
`datanet_sql.ingest.loader.load` into a DuckDB file, the warehouse's tables compared with
what a careful engineer accepts.

Each case is a `LoadCase`: `steps` lands files (or writes source rows) before each run of
the loader; `expect` is the warehouse's table after the last run, written from the source
data before the first run (only `columns` of it when named); `rejects` the rows the
source's `_rejects` table must hold; `why` is the expectation in one line. Run by `run.py`.
Each stage's cases were written, expectations included, after every earlier stage had been
seen, and were never run while they were written (held out); those with `cli` run the real
`datanet ingest` command on a project in a fresh folder, with `sources/bench.yml` written
as a user writes it. A stage is dev once its first score is recorded (`run.py`'s
`SEEN_STAGES`).
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
import loads_24
import loads_25
import loads_26
import loads_27
import loads_28
import loads_29
import loads_30
import loads_31
import loads_32
import loads_33
import loads_34
import loads_35
import loads_36
import loads_37
import loads_38
import loads_39

LOAD_CASES = [*loads_4_6.LOAD_CASES, *loads_7_9.LOAD_CASES, *loads_10_12.LOAD_CASES, *loads_13.LOAD_CASES,
              *loads_14.LOAD_CASES, *loads_15.LOAD_CASES, *loads_16.LOAD_CASES, *loads_17.LOAD_CASES,
              *loads_18.LOAD_CASES, *loads_19.LOAD_CASES,
              *loads_20.LOAD_CASES, *loads_21.LOAD_CASES,
              *loads_22.LOAD_CASES, *loads_23.LOAD_CASES,
              *loads_24.LOAD_CASES, *loads_25.LOAD_CASES,
              *loads_26.LOAD_CASES, *loads_27.LOAD_CASES,
              *loads_28.LOAD_CASES, *loads_29.LOAD_CASES, *loads_30.LOAD_CASES,
              *loads_31.LOAD_CASES, *loads_32.LOAD_CASES, *loads_33.LOAD_CASES,
              *loads_34.LOAD_CASES, *loads_35.LOAD_CASES,
              *loads_36.LOAD_CASES, *loads_37.LOAD_CASES,
              *loads_38.LOAD_CASES, *loads_39.LOAD_CASES]
