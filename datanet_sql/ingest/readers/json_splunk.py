"""Splunk's search results saved as JSON, in either of the two shapes its REST API writes:
the export (`search/jobs/export?output_mode=json`, also what Splunk Web's JSON export
saves), one object a line, `{"preview": false, "offset": 0, "result": {...}}`, the last
with `"lastrow": true`; and a finished job's results (`search/jobs/<sid>/results`), one
object `{"preview": false, "init_offset": 0, "messages": [...], "fields": [{"name": ...}],
"results": [{...}]}`.

DuckDB reads the export as a table of `preview`, `offset`, `lastrow` and one nested
`result`, flattened to `result__stage`: silently no table of the search. The records are
the results; `preview`, `offset` and `lastrow` are the stream's bookkeeping, left out and
named in the note. Splunk keeps every field's value a string (`"0.6"`, `"77"`) and a
multivalue field a list of strings: the results are read as the CSV Splunk's own CSV
export of the search writes (its multivalue fields one value a line, noted), which the CSV
reader types (`json_grid`). The columns are the fields in the order the results (or the
results' `fields`) first name them.

A result line with `"preview": true` is one Splunk streamed before the search finished,
superseded by the final (`preview: false`) lines that follow: left out, noted; a file of
preview results only (a search cut off before its end) is refused, as is a job's results
saved with `preview: true` and a file whose `messages` hold an ERROR or FATAL (a search
that failed part way returns what it had: rows would be missing in silence). An export
with no line saying `lastrow` may have been cut short: noted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_grid import Grid
from datanet_sql.ingest.readers.json_sql import described, file_objects

_LINE_KEYS = frozenset({"preview", "offset", "lastrow", "result", "messages"})
_JOB_KEYS = frozenset({"preview", "init_offset", "post_process_count", "messages", "fields",
                       "results", "highlighted"})
_FAILED = frozenset({"ERROR", "FATAL"})   # message types of a search that did not finish
_SHOWN = 3   # messages named in a note or refusal


def looks_splunk(con: Any, table: str) -> bool:
    """`table` (the file as DuckDB read it) has Splunk's keys only: `preview` (a boolean)
    beside `result` (an export's lines) or a list of `results` (a job's results)."""
    types = described(con, table)
    return types.get("preview") == "BOOLEAN" and (
        "result" in types and set(types) <= _LINE_KEYS
        or types.get("results", "").endswith("[]") and set(types) <= _JOB_KEYS)


def grid_of(con: Any, table: str, path: Path, name: str) -> Grid | None:
    """The results of a Splunk file (see the module docstring), its UTF-8 text at `path`,
    as a grid of strings, the fields the header; None when the file is not one. `name`:
    the file as messages name it."""
    if not looks_splunk(con, table):
        return None
    objects = file_objects(path)
    if objects is None or not all(isinstance(o, dict) for o in objects):
        return None
    messages = [m for o in objects for m in o.get("messages") or [] if isinstance(m, dict)]
    _refuse_failed(messages, name)
    if len(objects) == 1 and "results" in objects[0]:
        results, note = _job(objects[0], name)
        fields = [f.get("name") if isinstance(f, dict) else f
                  for f in objects[0].get("fields") or []]
    else:
        results, note = _export(objects, name)
        fields = []
    if not all(isinstance(r, dict) for r in results):
        return None
    header = list(dict.fromkeys([f for f in fields if isinstance(f, str)]
                                + [k for r in results for k in r]))
    multi = sorted({k for r in results for k, v in r.items() if isinstance(v, list)})
    notes = [(f"{name}: multivalue field(s) {', '.join(multi)}: their values joined one "
             f"a line, as Splunk's CSV export writes them")] if multi else []
    if others := [m for m in messages if m.get("type") not in _FAILED]:
        notes.append(f"{name}: Splunk's messages: {_shown(others)}")
    rows = [[_text(r.get(k)) for k in header] for r in results]
    return Grid([header, *rows], note, header=True, notes=notes)



def _export(lines: list[dict[str, Any]], name: str) -> tuple[list[Any], str]:
    """An export's final results, and the note; a file of preview results only refused."""
    given = [line for line in lines if "result" in line]
    results = [line["result"] for line in given if line.get("preview") is not True]
    early = len(given) - len(results)
    if early and not results:
        raise IngestError(f"Splunk's export holds only preview results ({early} lines with "
                          f"preview: true): the search had not finished", file=name,
                          hint="export the search again once it has finished")
    note = (f"{name}: Splunk's JSON export (one result a line): read the result of each "
            f"of its {len(results)} lines as a row, its strings typed as a CSV's; left out: "
            f"{', '.join(sorted({k for line in given for k in line} - {'result'}))}")
    if early:
        note += (f"; {early} preview line(s) (preview: true, sent before the search "
                 f"finished and superseded by the final ones) left out")
    if not any(line.get("lastrow") is True for line in lines):
        note += "; no line says lastrow: true, so the export may have been cut short"
    return results, note


def _job(page: dict[str, Any], name: str) -> tuple[list[Any], str]:
    """A finished job's results, and the note; a job's preview refused."""
    if page.get("preview") is True:
        raise IngestError("Splunk's results of a search that had not finished (preview: "
                          "true): its rows are partial", file=name,
                          hint="fetch the job's results again once it is done")
    left = sorted(k for k in page if k != "results")
    return page["results"], (f"{name}: Splunk's search results: read the list under "
                             f"results as {len(page['results'])} rows, its strings typed "
                             f"as a CSV's; left out: {', '.join(left)}")


def _refuse_failed(messages: list[dict[str, Any]], name: str) -> None:
    """Refuse a file whose messages say the search failed (its results may be partial)."""
    if failed := [m for m in messages if m.get("type") in _FAILED]:
        raise IngestError(f"Splunk reported {len(failed)} error(s) beside the results: "
                          f"{_shown(failed)}; its rows may be missing some", file=name,
                          hint="fix the search and export it again, without errors")


def _shown(messages: list[dict[str, Any]]) -> str:
    """Messages as `TYPE: text`, the first few."""
    shown = "; ".join(f"{m.get('type')}: {m.get('text')}" for m in messages[:_SHOWN])
    return shown + (f" and {len(messages) - _SHOWN} more" if len(messages) > _SHOWN else "")


def _text(value: Any) -> str:
    """A field's value as Splunk's CSV export writes it: a string as it is, a multivalue
    field's values one a line, nothing for a field the result lacks."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    return value if isinstance(value, str) else json.dumps(value)
