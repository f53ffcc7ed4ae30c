"""Every case of the ingestion benchmark, stage by stage (the expectations: `cases_1_6.py`,
`cases_7_9.py`, `cases_10_12.py`, `cases_13.py`, `cases_14.py`, `cases_15.py`,
`cases_16.py`, `cases_17.py`, `cases_18.py`, `cases_19.py`, `cases_20.py`, `cases_21.py`,
`cases_22.py`, `cases_23.py`, `cases_24.py`, `cases_25.py`, `cases_26.py`, `cases_27.py`, `cases_28.py`, `cases_29.py`, `cases_30.py`, `cases_31.py`, `cases_32.py`, `cases_33.py`, `cases_34.py`, `cases_35.py`, `cases_36.py`, `cases_37.py`, `cases_38.py`, `cases_39.py`; how one is written: `case.py`)."""

from __future__ import annotations

import cases_1_6
import cases_7_9
import cases_10_12
import cases_13
import cases_14
import cases_15
import cases_16
import cases_17
import cases_18
import cases_19
import cases_20
import cases_21
import cases_22
import cases_23
import cases_24
import cases_25
import cases_26
import cases_27
import cases_28
import cases_29
import cases_30
import cases_31
import cases_32
import cases_33
import cases_34
import cases_35
import cases_36
import cases_37
import cases_38
import cases_39

CASES = [*cases_1_6.CASES, *cases_7_9.CASES, *cases_10_12.CASES, *cases_13.CASES,
         *cases_14.CASES, *cases_15.CASES, *cases_16.CASES, *cases_17.CASES,
         *cases_18.CASES, *cases_19.CASES, *cases_20.CASES, *cases_21.CASES,
         *cases_22.CASES, *cases_23.CASES, *cases_24.CASES, *cases_25.CASES,
         *cases_26.CASES, *cases_27.CASES, *cases_28.CASES, *cases_29.CASES, *cases_30.CASES,
         *cases_31.CASES, *cases_32.CASES, *cases_33.CASES,
         *cases_34.CASES, *cases_35.CASES, *cases_36.CASES, *cases_37.CASES,
         *cases_38.CASES, *cases_39.CASES]
