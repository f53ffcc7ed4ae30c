"""Google Cloud Pub/Sub messages saved as JSON: the bodies of push requests a webhook
logged (`{"message": {"data": "<base64>", "attributes": {...}, "messageId": "...",
"publishTime": "..."}, "subscription": "projects/p/subscriptions/s"}`, one a line), or
pulled ones (`{"ackId": "...", "message": {...}}`: `gcloud pubsub subscriptions pull
--format=json`'s array, or the REST API's `{"receivedMessages": [...]}`). The record a
publisher sent is `message.data`, its bytes in base64: read as it is, the table is the
envelope, the records a column of base64 text, and no error says so.

Each message's data is decoded and read as the record it holds (a JSON object, UTF-8),
with the message's `message_id` and `publish_time` beside its fields (the names a BigQuery
subscription writes them under: Pub/Sub delivers at least once, and a redelivered message
repeats its id), unless a field takes the name. The rest of the envelope (`subscription`,
`ackId`, `deliveryAttempt`, the message's `attributes` and `orderingKey`) is left out,
named in the note, as are ids that repeat (redeliveries: kept as rows, the user dedupes).

A message whose data is not base64 of a JSON object (text, Avro or protobuf bytes, a
publisher that sent something else) is refused naming its line: its record cannot be
told, and loading the envelope instead would be a table of other columns.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from pathlib import Path
from typing import Any

from datanet_sql.errors import IngestError
from datanet_sql.ingest.readers.json_sql import described

_ENVELOPE = frozenset({"message", "subscription", "ackId", "ack_id", "deliveryAttempt",
                       "delivery_attempt"})
_PULLED = "receivedMessages"   # the REST API's pull response
# the message's id and publish time, as Pub/Sub's JSON spells them (push bodies carry both
# spellings), and the column each is read into
_KEPT = {"message_id": ("messageId", "message_id"),
         "publish_time": ("publishTime", "publish_time")}
_HINT = ("save the records the messages carry (each message's data decoded) as NDJSON, "
         "or drop the messages that are not JSON objects")


def looks_pubsub(con: Any, table: str) -> bool:
    """`table` (the file as DuckDB read it) is Pub/Sub's envelopes: a `message` object with
    `data` and a message id beside the envelope's keys only, or a pull response's
    `receivedMessages` list (worth parsing the file to see, `pubsub_rows`)."""
    types = described(con, table)
    if set(types) == {_PULLED}:
        return types[_PULLED].endswith("[]") and "message STRUCT(" in types[_PULLED]
    message = types.get("message", "")
    return set(types) <= _ENVELOPE and message.startswith("STRUCT(") and \
        '"data" VARCHAR' in message and ("messageId" in message or "message_id" in message)


def pubsub_rows(path: Path, label: str) -> tuple[list[dict[str, Any]], str] | None:
    """The records Pub/Sub messages carry (see the module docstring) and a note saying how
    they were read, naming `label` (`path` may be a copy); None when the file is not such
    messages."""
    name = Path(label).name
    envelopes = _envelopes(path)
    if not envelopes or not all(isinstance(e, dict) and set(e) <= _ENVELOPE and
                                isinstance(e.get("message"), dict) for _, e in envelopes):
        return None
    rows, left, ids, placed = [], set(), Counter(), set()
    for where, envelope in envelopes:
        message = envelope["message"]
        record = _record(message.get("data"), name, where)
        kept = {column: next((message[k] for k in keys if k in message), None)
                for column, keys in _KEPT.items()}
        left |= {k for k in envelope if k != "message"}
        left |= {f"message.{k}" for k in message
                 if k != "data" and not any(k in keys for keys in _KEPT.values())}
        for column, value in kept.items():
            if column in record:
                left.add(f"message.{_KEPT[column][0]} (a field is named {column})")
            else:
                record[column] = value
                placed.add(column)
        ids[kept["message_id"]] += 1
        rows.append(record)
    note = (f"{name}: Pub/Sub messages: read each message's data (base64) as the JSON "
            f"record it holds, {len(rows)} rows")
    if placed:
        note += f", the message's {' and '.join(sorted(placed))} beside it"
    if left:
        note += f"; left out: {', '.join(sorted(left))}"
    if repeated := sorted(str(k) for k, n in ids.items() if n > 1 and k is not None):
        note += (f"; {len(repeated)} message id(s) delivered more than once, each kept as "
                 f"a row (e.g. {', '.join(repeated[:3])}): dedupe on message_id")
    return rows, note


def _envelopes(path: Path) -> list[tuple[str, Any]]:
    """The file's envelopes, each with where it is (`line 3`, or `message 3` of one JSON
    document): a pull response's messages, an array's items, or NDJSON's objects; empty
    when it is none of these."""
    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    try:
        whole = json.loads(text)
    except ValueError:
        found = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    found.append((f"line {number}", json.loads(line)))
                except ValueError:
                    return []
        return found
    if isinstance(whole, dict) and set(whole) == {_PULLED}:
        whole = whole[_PULLED]
    items = whole if isinstance(whole, list) else [whole]
    return [(f"message {number}", e) for number, e in enumerate(items, 1)]


def _record(data: Any, name: str, where: str) -> dict[str, Any]:
    """The JSON object a message's base64 data holds; refused, naming `where` the message
    is, when it holds none."""
    try:
        record = json.loads(base64.b64decode(data, validate=True).decode("utf-8"))
    except (TypeError, ValueError, binascii.Error, UnicodeDecodeError):
        record = None
    if not isinstance(record, dict):
        shown = data if not isinstance(data, str) or len(data) <= 40 else f"{data[:40]}..."
        raise IngestError(f"{where}: a Pub/Sub message whose data ({shown!r}) is not "
                          f"base64 of a JSON object", file=name, hint=_HINT)
    return record
