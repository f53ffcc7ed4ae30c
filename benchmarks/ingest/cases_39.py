"""The ingestion benchmark's cases of stage 39 (`build39.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import build39
from case import Case, _spelled
from cases_18 import _at

_STARS = build39.stars()
_PLANETS = build39.planets()
_GEOPHONES = build39.geophones()
_GRAVITY = build39.gravity()
_MASTECTOMY = build39.mastectomy()
_WATER = build39.water()
_FIR = build39.fir()
_DEWPOINTS = build39.dewpoints()
_POTTERY = build39.pottery()
_TRIAL = build39.trial()
_MOTOR = build39.motor()
_URINE = build39.urine()


def _ends(frame, *more: int) -> tuple[int, ...]:
    """The first two rows, the last, and `more`, sorted."""
    return tuple(sorted({0, 1, len(frame) - 1, *more}))


_CENSORED = [int(i) for i in _MASTECTOMY.index[~_MASTECTOMY.event.astype(bool)][:3]]
_PPM = [int(i) for i in _POTTERY.index[_POTTERY.CaO < build39.PPM_BELOW][:2]]

_DEWPT_ROWS = _ends(_DEWPOINTS)
_PACKED = [
    {"types": {"dewpt": "double"}, "notes": ["dewpt"],
     "values": {"dewpt": [(i, float(_DEWPOINTS.dewpt.iloc[i])) for i in _DEWPT_ROWS]}},
    {"types": {"dewpt": "integer"}, "notes": ["dewpt"],
     "values": {"dewpt": [(i, build39.packed(float(_DEWPOINTS.dewpt.iloc[i])))
                          for i in _DEWPT_ROWS]}},
]
_PLANET_ROWS = _ends(_PLANETS, *build39.FILLED)


def _printed_rows(column: str) -> list[tuple[int, float]]:
    """`column`'s values at the rows checked as the file prints them: three significant
    figures (`build39.printed`)."""
    return [(i, float(f"{float(_URINE[column].iloc[i]):.2e}")) for i in _ends(_URINE)]


_PRINTED = _spelled({name: ("double", _printed_rows(name),
                            [(i, build39.printed(float(_URINE[name].iloc[i])))
                             for i in _ends(_URINE)]) for name in ("urea", "calc")})
_CHAINAGE = [
    {"types": {"chainage": "varchar"}, "values": {"chainage": [
        (i, build39.chainage(float(_GEOPHONES.distance.iloc[i]))) for i in _ends(_GEOPHONES)]}},
    {"types": {"chainage": "double"}, "notes": ["chainage"],
     "values": {"chainage": _at(_GEOPHONES, "distance", _ends(_GEOPHONES))}},
]
_CF_TIME = [
    {"types": {"time": "double"},
     "values": {"time": [(i, build39.cf_days(i)) for i in _ends(_GRAVITY)]}},
    {"types": {"time": "timestamp"}, "notes": ["time"],
     "values": {"time": [(i, build39.cf_moment(i)) for i in _ends(_GRAVITY)]}},
]

CASES = [
    Case(
        "rx1_cygob1_sexagesimal_ra",
        39,
        "rx1_catalogue.csv",
        "a star catalogue whose `RA` is right ascension in sexagesimal hours (`20:33:07.3`): "
        "47 rows, `ra` the text as written; never a time of day or an interval (an angle "
        "is not a clock reading), nor NULL",
        rows=len(_STARS),
        rejects=set(),
        columns=["star", "ra", "logst", "logli"],
        types={"ra": "varchar", "logst": "double"},
        values={"ra": [(i, build39.ra_text(i)) for i in _ends(_STARS)],
                "logli": _at(_STARS, "logli", _ends(_STARS))},
    ),
    Case(
        "rx2_planets_netcdf_fill_value",
        39,
        "rx2_planets.csv",
        "a NetCDF variable dumped to CSV, its `#` header naming `eccen:_FillValue = "
        "9.96921e+36`, four eccentricities that fill value: 101 rows, `eccen` a double with "
        "the four NULL and a note naming `eccen`; or a refusal naming it; never 9.97e36 "
        "kept as an eccentricity, or the `#` lines as rows",
        rows=len(_PLANETS),
        rejects=set(),
        columns=["planet", "mass", "period", "eccen"],
        types={"eccen": "double", "mass": "double"},
        values={"eccen": [(i, None if i in build39.FILLED else float(_PLANETS.eccen.iloc[i]))
                          for i in _PLANET_ROWS]},
        notes=["eccen"],
        refuse_ok=True,
    ),
    Case(
        "rx3_geophones_chainage",
        39,
        "rx3_survey.xlsx",
        "a seismic line's xlsx whose `Chainage` places each geophone as surveyors write it "
        "(`0+013.75`: 0 km and 13.75 m): 56 rows, `chainage` the text as written, or the "
        "metres (13.75) with a note naming it; never a date, NULL, or 0 and 13.75 added "
        "without a word",
        rows=len(_GEOPHONES),
        rejects=set(),
        columns=["chainage", "thickness"],
        **_CHAINAGE[0],
        alternatives=_CHAINAGE[1:],
    ),
    Case(
        "rx4_gravity_cf_time_units",
        39,
        "rx4_gravity.csv",
        "a NetCDF variable dumped to CSV whose `time` is days since 1950-01-01, said only in "
        "the `#` header comment: 81 rows, `time` the days as written (20000.25), or the "
        "instant (2004-10-04 06:00) with a note naming `time`; never days from 1970 or "
        "Excel's 1899, integers, or the `#` lines as rows",
        rows=len(_GRAVITY),
        rejects=set(),
        columns=["time", "series", "g"],
        **_CF_TIME[0],
        alternatives=_CF_TIME[1:],
    ),
    Case(
        "rx5_mastectomy_censored_plus",
        39,
        "rx5_registry.ndjson",
        "a registry's NDJSON whose `survival_months` marks a censored time with `+` "
        "(`\"119+\"`, alive at last follow-up): 44 rows, the text as written; or a refusal "
        "naming it; never 119 as if the patient died at 119 months, or the censored NULL",
        rows=len(_MASTECTOMY),
        rejects=set(),
        columns=["patient", "survival_months", "metastasized"],
        types={"survival_months": "varchar"},
        values={"survival_months": [
            (i, build39.survival_text(int(_MASTECTOMY.time.iloc[i]),
                                      bool(_MASTECTOMY.event.iloc[i])))
            for i in _ends(_MASTECTOMY, *_CENSORED)]},
        refuse_ok=True,
    ),
    Case(
        "rx6_water_mercalli_roman",
        39,
        "rx6_felt.csv",
        "a felt-report survey's CSV whose `Intensity` is a Mercalli level in Roman numerals "
        "(`VI`), three of them between two levels (`VI-VII`): 61 rows, `intensity` the text "
        "as written; never NULL for the ranges, a date, or the rows rejected",
        rows=len(_WATER),
        rejects=set(),
        columns=["town", "location", "intensity", "hardness"],
        types={"intensity": "varchar", "hardness": "integer"},
        values={"intensity": [(i, build39.intensity(i, int(_WATER.mortality.iloc[i])))
                              for i in _ends(_WATER, *build39.BETWEEN_LEVELS)]},
    ),
    Case(
        "rx7_fir_vcf_header",
        39,
        "rx7_variants.vcf.tsv",
        "a VCF-like TSV: three `##` meta lines, then the header `#CHROM POS ID ...`: 50 "
        "rows under `chrom`, `pos`, ..., `info`; or a refusal naming the meta lines; never "
        "the `##` lines as rows or the header taken as a comment",
        rows=len(_FIR),
        rejects=set(),
        columns=["chrom", "pos", "id", "ref", "alt", "qual", "filter", "info"],
        types={"pos": "integer", "qual": "integer"},
        values={"chrom": [(i, f"chr{int(_FIR.row.iloc[i])}") for i in _ends(_FIR)],
                "pos": [(i, int(_FIR.col.iloc[i]) * 1000 + i) for i in _ends(_FIR)]},
        refuse_ok=True,
    ),
    Case(
        "rx8_dewpoint_packed_parquet",
        39,
        "rx8_dewpoint.parquet",
        "a Parquet file converted from NetCDF: `dewpt` an int16 of tenths with "
        "`scale_factor` 0.1 in the field's metadata: 72 rows, `dewpt` unpacked (7.0) or "
        "kept packed (70), either with a note naming `dewpt`; or a refusal; never 70 "
        "without a word",
        rows=len(_DEWPOINTS),
        rejects=set(),
        columns=["maxtemp", "mintemp", "dewpt"],
        **_PACKED[0],
        alternatives=_PACKED[1:],
        refuse_ok=True,
    ),
    Case(
        "rx9_pottery_ppm_and_percent",
        39,
        "rx9_sherds.json",
        "a geochemistry JSON whose oxides are strings with units, `0.79 wt%` beside "
        "`770 ppm` in the same field: 45 rows, the four oxides the text as written; or a "
        "refusal naming them; never one number column mixing 0.79 and 770",
        rows=len(_POTTERY),
        rejects=set(),
        columns=["sherd", "cao", "na2o", "mno", "bao"],
        types={"cao": "varchar", "mno": "varchar"},
        values={"cao": [(i, build39.oxide_text(float(_POTTERY.CaO.iloc[i])))
                        for i in _ends(_POTTERY, *_PPM)],
                "mno": [(i, build39.oxide_text(float(_POTTERY.MnO.iloc[i])))
                        for i in _ends(_POTTERY)]},
        refuse_ok=True,
    ),
    Case(
        "rx10_btheb_partial_dates",
        39,
        "rx10_enrolment.csv",
        "a trial registry's `enrolled`, ISO 8601 with five dates partial (`2019-02`, "
        "`2019`): 100 rows, `enrolled` the text as written; or a refusal naming it; never "
        "a date column with the five NULL or filled to the first of the month or year",
        rows=len(_TRIAL),
        rejects=set(),
        columns=["subject", "enrolled", "treatment", "bdi_pre"],
        types={"enrolled": "varchar"},
        values={"enrolled": [(i, build39.enrolled(i)) for i in _ends(
            _TRIAL, *build39.MONTH_ONLY, *build39.YEAR_ONLY)]},
        refuse_ok=True,
    ),
    Case(
        "rx11_motor_touching_fixed_columns",
        39,
        "rx11_motor.dat",
        "a headerless fixed-column dump (`%5.1f%6.1f%5.1f`) whose fields touch where a value "
        "fills its width (`18.6-112.5607.0`): a refusal asking for the widths; at most "
        "94 rows of three numbers; never lines split at spaces (touching fields merged)",
        rows=len(_MOTOR),
        rejects=set(),
        refuse_ok=True,
    ),
    Case(
        "rx12_urine_superscript_exponents",
        39,
        "rx12_urine.csv",
        "a lab's CSV copied from a paper: `urea` and `calc` written `4.43×10²` (U+00D7, "
        "superscript digits): 79 rows, each the number (443.0) or the text as written; "
        "never 4.43, 4.4310, NULL, or the rows rejected",
        rows=len(_URINE),
        rejects=set(),
        columns=["specimen", "crystals", "gravity", "ph", "urea", "calc"],
        **_PRINTED[0],
        alternatives=_PRINTED[1:],
    ),
]
