"""Google Pub/Sub messages saved as JSON (push bodies one a line, a pull's array or its
`receivedMessages`): read as the records their base64 data holds, the message id and
publish time beside them, the rest of the envelope named in the note; a message whose data
is no JSON object refused naming its line; near misses read as before. Files written by the
tests, read, and loaded into DuckDB through the staged NDJSON path."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from ingest_helpers import load_landing

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

VISITS = [{"center": 1, "id": 1, "treat": "P", "age": 46, "outcome": 0},
          {"center": 1, "id": 1, "treat": "P", "age": 46, "outcome": 1},
          {"center": 2, "id": 7, "treat": "A", "age": None, "outcome": 1}]
SUBSCRIPTION = "projects/trial/subscriptions/visits-push"


def _message(i: int, record: object, raw: str | None = None) -> dict:
    data = raw if raw is not None else base64.b64encode(json.dumps(record).encode()).decode()
    return {"attributes": {"source": "trial-app"}, "data": data, "messageId": str(900 + i),
            "message_id": str(900 + i), "publishTime": f"2024-05-02T08:00:0{i}Z",
            "publish_time": f"2024-05-02T08:00:0{i}Z"}


def _pushed(messages: list[dict]) -> str:
    return "".join(json.dumps({"message": m, "subscription": SUBSCRIPTION}) + "\n"
                   for m in messages)


def test_push_bodies_are_read_as_their_records(tmp_path: Path):
    path = tmp_path / "visits.ndjson"
    path.write_text(_pushed([_message(i, r) for i, r in enumerate(VISITS)]))
    result = read_source(path, None, {}, {})
    rows = result.table.to_pylist()
    assert [{k: r[k] for k in VISITS[0]} for r in rows] == VISITS
    assert [r["message_id"] for r in rows] == ["900", "901", "902"]
    assert rows[2]["publish_time"].isoformat() == "2024-05-02T08:00:02+00:00"
    assert result.schema_notes == [
        ("visits.ndjson: Pub/Sub messages: read each message's data (base64) as the JSON "
        "record it holds, 3 rows, the message's message_id and publish_time beside it; "
        "left out: message.attributes, subscription")]


def test_pulled_messages_a_redelivery_and_a_field_named_as_a_kept_column(tmp_path: Path):
    visits = [{**r, "publish_time": "in the record"} for r in VISITS]
    pulled = [{"ackId": f"ack{i}", "message": _message(0 if i == 2 else i, r)}
              for i, r in enumerate(visits)]
    path = tmp_path / "pulled.json"
    path.write_text(json.dumps({"receivedMessages": pulled}))
    result = read_source(path, None, {}, {})
    assert result.table.column("outcome").to_pylist() == [0, 1, 1]
    assert result.table.column("message_id").to_pylist() == ["900", "901", "900"]
    assert result.table.column("publish_time").to_pylist() == ["in the record"] * 3
    assert "3 rows, the message's message_id beside it; left out: ackId, " \
           "message.attributes, message.publishTime (a field is named publish_time); " \
           "1 message id(s) delivered more than once, each kept as a row (e.g. 900): " \
           "dedupe on message_id" in result.schema_notes[0]


def test_a_message_whose_data_is_no_json_object_is_refused(tmp_path: Path):
    path = tmp_path / "visits.ndjson"
    text = base64.b64encode(b"visit 3 done").decode()
    path.write_text(_pushed([_message(0, VISITS[0]), _message(1, None, text)]))
    with pytest.raises(IngestError, match=r"(?s)visits\.ndjson: line 2: a Pub/Sub message "
                                          r"whose data \('dmlz.*is not base64 of a JSON object"):
        read_source(path, None, {}, {})


@pytest.mark.parametrize("line", [
    {"message": {"data": "hello", "author": "ann"}, "subscription": "s"},  # no message id
    {"message": {"data": "aGk=", "messageId": "1"}, "channel": "c"},      # other keys
])
def test_near_misses_are_read_as_before(tmp_path: Path, line: dict):
    path = tmp_path / "near.ndjson"
    path.write_text(json.dumps(line) + "\n")
    result = read_source(path, None, {}, {})
    assert result.table.column("message__data").to_pylist() == [line["message"]["data"]]
    assert not any("Pub/Sub" in n for n in result.schema_notes)


def test_push_bodies_load_into_duckdb(tmp_path: Path):
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "visits.ndjson").write_text(
        _pushed([_message(i, r) for i, r in enumerate(VISITS)]))
    adapter, result = load_landing(tmp_path, pattern="*.ndjson")
    assert result.rows == 3
    assert adapter.fetch("select center, treat, age, outcome, message_id from shop.sales "
                         "order by message_id")[1] == [
        (1, "P", 46, 0, "900"), (1, "P", 46, 1, "901"), (2, "A", None, 1, "902")]
