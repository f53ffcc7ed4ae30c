"""The ingestion benchmark's cases of stage 36 (`build36.py`), with what a careful engineer
accepts for each: see `case.py` for how an expectation is written. Written from the source
tables before any reader ran on the files (held out)."""

from __future__ import annotations

import datetime
from typing import Any

import build36
from case import Case
from cases_18 import _at

_TICKETS = build36.tickets()
_LISTINGS = build36.listings()
_JURORS = build36.jurors()
_AUCTIONS = build36.auctions()
_POLICIES = build36.policies()
_CALLS = build36.calls()
_HOUSES = build36.houses()
_TRAILS = build36.trail_homes()
_VOTES = build36.votes()
_SPAM = build36.spam()
_CPUS = build36.processors()

_TICKET_ROWS = (0, 1, len(_TICKETS) - 1)
_LISTING_ROWS = (0, 1, 3, len(_LISTINGS) - 1)  # 3: `1023 & 1025 Spring St.` (`&amp;`)
_JUROR_ROWS = (0, 1, len(_JURORS) - 1)
_AUCTION_ROWS = (0, 1, len(_AUCTIONS) - 1)
_POLICY_ROWS = (0, 1, len(_POLICIES) - 1)
_GAP_ROWS = tuple(sorted({*_POLICY_ROWS, *(int(i) for i in _POLICIES.index[
    _POLICIES.age.isna() | _POLICIES.ricearea_2010.isna()][:6])}))  # a cell left out
_CALL_ROWS = (0, 1, len(_CALLS) - 1)
_HOUSE_ROWS = tuple(sorted({0, 1, *build36.ZWSP_ROWS}))
_TRAIL_ROWS = (0, 1, len(_TRAILS) - 1)
_VOTE_ROWS = (0, 1, len(_VOTES) - 1)
_SPAM_ROWS = (0, 1, len(_SPAM) - 1)
_CPU_ROWS = tuple(sorted({0, 1, len(_CPUS) - 1, *[
    i for i, q in enumerate(_CPUS.launch) if q is None]}))  # the two unknown launches


def _ticket_outcomes() -> list[dict[str, Any]]:
    """ru1's acceptable outcomes: `ticket` the text as written (`#1`), or the number with a
    note naming `ticket`; either way every ticket a row."""
    shared = {"characters": _at(_TICKETS, "num_char", _TICKET_ROWS),
              "line_breaks": _at(_TICKETS, "line_breaks", _TICKET_ROWS)}
    numbers = _at(_TICKETS, "ticket", _TICKET_ROWS)
    return [
        {"types": {"ticket": "varchar", "characters": "double", "line_breaks": "integer"},
         "values": {**shared, "ticket": [(i, f"#{n}") for i, n in numbers]}},
        {"types": {"ticket": "integer", "characters": "double", "line_breaks": "integer"},
         "values": {**shared, "ticket": numbers}, "notes": ["ticket"]},
    ]


def _vote_outcomes() -> list[dict[str, Any]]:
    """ru9's acceptable outcomes: each name with Hive's table prefix left off (`state`), or
    kept, joined by an underscore or as written (`confirmation_votes.state`)."""
    outcomes = []
    for spell in (lambda c: c, lambda c: f"{build36.HIVE_TABLE}_{c}",
                  lambda c: f"{build36.HIVE_TABLE}.{c}"):
        outcomes.append({
            "columns": [spell(c) for c in build36.VOTE_COLUMNS],
            "types": {spell("stateopinion"): "integer", spell("vote"): "integer"},
            "values": {spell(c): _at(_VOTES, c, _VOTE_ROWS)
                       for c in ("senator", "confvote", "stateopinion")}})
    return outcomes


def _quarter_start(quarter: str) -> datetime.date:
    """`Q2'10` as the first day of its quarter (2010-04-01)."""
    return datetime.date(2000 + int(quarter[3:]), (int(quarter[1]) - 1) * 3 + 1, 1)


def _launch_outcomes() -> list[dict[str, Any]]:
    """ru11's acceptable outcomes: `launch_date` the text as written (`Q2'10`), or the
    quarter's first day with a note naming `launch_date`; empty where unknown."""
    shared = {"product": _at(_CPUS, "name", _CPU_ROWS),
              "code_name": _at(_CPUS, "codename", _CPU_ROWS),
              "base_clock_ghz": _at(_CPUS, "base_clock", _CPU_ROWS),
              "cores": _at(_CPUS, "cores", _CPU_ROWS)}
    written = _at(_CPUS, "launch", _CPU_ROWS)
    types = {"cores": "integer", "base_clock_ghz": "double", "tdp_w": "integer"}
    return [
        {"types": {**types, "launch_date": "varchar"},
         "values": {**shared, "launch_date": written}},
        {"types": {**types, "launch_date": "date"}, "notes": ["launch_date"],
         "values": {**shared, "launch_date": [
             (i, q and _quarter_start(q)) for i, q in written]}},
    ]


def _cef_outcomes() -> list[dict[str, Any]]:
    """ru10's acceptable outcomes when read: one row per event, the extension's values
    under their keys (`cn1`, `cfp2`) or under their labels (`crl_tot`, `bang`)."""
    return [{"values": {"cn1": _at(_SPAM, "crl_tot", _SPAM_ROWS),
                        "cfp2": _at(_SPAM, "bang", _SPAM_ROWS)}},
            {"values": {"crl_tot": _at(_SPAM, "crl_tot", _SPAM_ROWS),
                        "bang": _at(_SPAM, "bang", _SPAM_ROWS)}}]


_TICKET_OUTCOMES = _ticket_outcomes()
_VOTE_OUTCOMES = _vote_outcomes()
_LAUNCHES = _launch_outcomes()
_CEF = _cef_outcomes()

CASES = [
    Case(
        "ru1_email_hash_ticket_numbers",
        36,
        "ru1_tickets.csv",
        "a helpdesk's ticket export: `Ticket` written `#1`, `#2` ..., so every record's line "
        "opens with `#` as a comment line does: 3921 rows, `ticket` the text `#1` or the "
        "number with a note naming it; never the records skipped as comments (0 rows, or only "
        "the header read)",
        rows=len(_TICKETS),
        rejects=set(),
        columns=["ticket", "received", "spam", "attachments", "characters", "line_breaks",
                 "number"],
        **_TICKET_OUTCOMES[0],
        alternatives=_TICKET_OUTCOMES[1:],
    ),
    Case(
        "ru2_grinnellhouses_rets_compact",
        36,
        "ru2_listings.xml",
        "an MLS's RETS COMPACT-DECODED answer: XML around tab-separated `<COLUMNS>` and "
        "`<DATA>` lines, each opening and closing with a tab, `&amp;` in one address: 929 rows, "
        "one per listing, the eight named columns; or a refusal naming the format; never the "
        "tags read as values, an empty first and last column, or the XML lines as rows",
        rows=len(_LISTINGS),
        rejects=set(),
        columns=["listing_id", "address", "bedrooms", "baths", "square_feet", "year_built",
                 "list_price", "sale_price"],
        types={"listing_id": "integer", "bedrooms": "integer", "list_price": "integer",
               "sale_price": "integer"},
        values={"listing_id": _at(_LISTINGS, "ListingID", _LISTING_ROWS),
                "list_price": _at(_LISTINGS, "ListPrice", _LISTING_ROWS),
                "sale_price": _at(_LISTINGS, "SalePrice", _LISTING_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "ru3_mockjury_concordance_dat",
        36,
        "ru3_production.dat",
        "an e-discovery production's Concordance load file (`format: csv`): fields enclosed "
        "in `þ` and separated by DC4 (0x14), CRLF: 114 rows of six columns, `begbates` "
        "`MJ000001` (no `þ` left on it), `sentence_years` integers; or a refusal naming the "
        "delimiter; never each line one text column",
        fmt="csv",
        rows=len(_JURORS),
        rejects=set(),
        columns=["begbates", "endbates", "attractiveness", "crime", "sentence_years",
                 "seriousness"],
        types={"sentence_years": "integer", "seriousness": "integer"},
        values={"begbates": _at(_JURORS, "begbates", _JUROR_ROWS),
                "endbates": _at(_JURORS, "endbates", _JUROR_ROWS),
                "crime": _at(_JURORS, "Crime", _JUROR_ROWS),
                "sentence_years": _at(_JURORS, "Years", _JUROR_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "ru4_mariokart_opendocument",
        36,
        "ru4_auctions.ods",
        "an auction portal's results as an OpenDocument spreadsheet (`.ods`: a zip holding "
        "`mimetype` and `content.xml`): 143 rows, the 12-digit item ids whole, prices "
        "doubles; or a refusal naming the format; never the zip's bytes read as text",
        rows=len(_AUCTIONS),
        rejects=set(),
        columns=["item_id", "days", "bids", "condition", "start_price", "shipping",
                 "final_price", "title"],
        types={"item_id": ("integer", "double"), "bids": ("integer", "double"),
               "final_price": "double", "condition": "varchar"},
        values={"item_id": _at(_AUCTIONS, "id", _AUCTION_ROWS),
                "final_price": _at(_AUCTIONS, "total_pr", _AUCTION_ROWS),
                "condition": _at(_AUCTIONS, "cond", _AUCTION_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "ru5_socialinsure_spreadsheetml",
        36,
        "ru5_policies.xls",
        "a policy admin system's \"Export to Excel\": an XML Spreadsheet 2003 document named "
        "`.xls`, empty cells left out and the next cell's `ss:Index` naming its column: 1410 "
        "rows, each value in its own column (NULL where a cell was left out); or a refusal "
        "naming the format; never a value shifted left into the empty cell's column",
        rows=len(_POLICIES),
        rejects=set(),
        columns=["address", "village", "took_up", "age", "rice_area", "disaster_probability",
                 "literacy"],
        types={"took_up": ("integer", "double"), "age": ("integer", "double"),
               "rice_area": "double"},
        values={"address": _at(_POLICIES, "address", _POLICY_ROWS),
                **{column: _at(_POLICIES, source, _GAP_ROWS) for column, source in (
                    ("age", "age"), ("rice_area", "ricearea_2010"),
                    ("disaster_probability", "disaster_prob"), ("literacy", "literacy"))}},
        refuse_ok=True,
    ),
    Case(
        "ru6_bankcalls_e164_numbers",
        36,
        "ru6_acd_intervals.csv",
        "a contact centre's interval report: `DNIS` the dialled line in E.164 (`+18005550100`, "
        "a plus and eleven digits, on every row): 4032 rows, `dnis` the text as written; never "
        "the integer 18005550100 (the `+` dropped) or a double",
        rows=len(_CALLS),
        rejects=set(),
        columns=["interval_start", "dnis", "calls_offered"],
        types={"dnis": "varchar", "calls_offered": "integer"},
        values={"dnis": [(i, build36.SERVICE_LINE) for i in _CALL_ROWS],
                "calls_offered": _at(_CALLS, "Calls", _CALL_ROWS)},
    ),
    Case(
        "ru7_saratogahouses_zero_width_spaces",
        36,
        "ru7_listings.csv",
        "a listings scrape: eleven `Price` values end in a zero-width space (U+200B), "
        "invisible: 1728 rows, `price` integers in every row (the 132500s whole); or a refusal "
        "naming `price` and the character; never the column text, or those eleven NULL or "
        "rejected",
        rows=len(_HOUSES),
        rejects=set(),
        columns=["price", "lot_size", "age", "land_value", "living_area", "bedrooms",
                 "bathrooms", "heating", "fuel"],
        types={"price": "integer", "lot_size": "double", "bathrooms": "double"},
        values={"price": _at(_HOUSES, "price", _HOUSE_ROWS),
                "land_value": _at(_HOUSES, "landValue", _HOUSE_ROWS)},
        refuse_ok=True,
    ),
    Case(
        "ru8_railstrails_wkt_points",
        36,
        "ru8_parcels.csv",
        "QGIS's CSV of a point layer: the first column `WKT` (`\"POINT (-72.693973 "
        "42.315334)\"`), the attributes after: 104 rows, `wkt` the text as written; never the "
        "point split at its space or its parenthesis into columns, or NULL",
        rows=len(_TRAILS),
        rejects=set(),
        types={"wkt": "varchar", "bedrooms": "integer"},
        values={"wkt": _at(_TRAILS, "wkt", _TRAIL_ROWS),
                "street_name": _at(_TRAILS, "StreetName", _TRAIL_ROWS),
                "bedrooms": _at(_TRAILS, "Bedrooms", _TRAIL_ROWS)},
    ),
    Case(
        "ru9_alito_beeline_table_prefixed_names",
        36,
        "ru9_votes.csv",
        "Beeline's csv2 output of a Hive query: every name prefixed with the table's "
        "(`confirmation_votes.state`): 100 rows of six columns, named with the prefix left off "
        "or kept (`confirmation_votes_state`, or as written); never a crash on the dot, the "
        "names read as a struct's, or fewer columns",
        rows=len(_VOTES),
        rejects=set(),
        **_VOTE_OUTCOMES[0],
        alternatives=_VOTE_OUTCOMES[1:],
    ),
    Case(
        "ru10_spam7_cef_events",
        36,
        "ru10_gateway.cef",
        "a SIEM's export of mail-gateway events as CEF: `CEF:0|vendor|product|version|id|name|"
        "severity|` then `key=value` pairs separated by spaces (`cn1=278 cn1Label=crl_tot`), "
        "no header: 4601 rows, one per event, the extension's values under their keys or "
        "labels; or a refusal naming the format; never the lines split at `|` with the first "
        "event as the header, or the extension one text column",
        rows=len(_SPAM),
        rejects=set(),
        **_CEF[0],
        alternatives=_CEF[1:],
        refuse_ok=True,
    ),
    Case(
        "ru11_cpu_ark_launch_quarters",
        36,
        "ru11_inventory.csv",
        "a hardware inventory: `Launch Date` a quarter and a two-digit year after an "
        "apostrophe (`Q2'10`), unquoted: 875 rows, `launch_date` the text as written, or the "
        "quarter's first day with a note naming it; never the `'` taken for a quote (fields "
        "run together), a date in 1910 or 2010-01-01 for every quarter",
        rows=len(_CPUS),
        rejects=set(),
        columns=["company", "product", "code_name", "cores", "threads", "base_clock_ghz",
                 "boost_clock_ghz", "tdp_w", "launch_date"],
        **_LAUNCHES[0],
        alternatives=_LAUNCHES[1:],
    ),
    Case(
        "ru12_caravan_git_lfs_pointer",
        36,
        "ru12_policies.csv",
        "`policies.csv` checked out without git-lfs: Git LFS's three-line pointer (`version "
        "https://git-lfs.github.com/spec/v1`, `oid sha256:...`, `size 1013001`), not the data: "
        "a refusal naming the file as an LFS pointer (or as not a table); never two rows of "
        "one column named `version https://...`",
        rows=5822,  # ISLR `Caravan`'s customers, which the file does not hold
        refuse_ok=True,
    ),
]
