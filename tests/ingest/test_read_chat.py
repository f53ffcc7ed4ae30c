"""WhatsApp's "Export chat" text read message by message (date, time, sender, text), each
continuation line joined to its message, never a reject or a row of its own: iPhone's
`[13/07/1990, 09:00:00] Sender: text` and Android's `7/13/24, 9:05 PM - Sender: text`, a
message without a sender, the order of day and month told by the dates (kept as written,
noted, where none tells it; `dateformat` reads them). Near misses read as before: a CSV of
dates and times, and a chat read with `delimiter:`. On files the tests write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

_IPHONE = ("[12/07/2024, 09:00:00] Ana: morning all\n"
           "[13/07/2024, 09:01:30] Ben Li: the counts, 6th and 13th\n"
           "traffic 123552\n"
           "\n"
           "shopping 4942\n"
           "[13/07/2024, 17:45:00] Ana: thanks: noted\n")


def chat(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_an_iphone_export_is_read_as_messages_noted(tmp_path: Path) -> None:
    result = read_source(chat(tmp_path / "_chat.txt", _IPHONE), None, {}, {})
    assert result.rejects == []
    assert result.table.to_pydict() == {
        "date": [dt.date(2024, 7, 12), dt.date(2024, 7, 13), dt.date(2024, 7, 13)],
        "time": [dt.time(9), dt.time(9, 1, 30), dt.time(17, 45)],
        "sender": ["Ana", "Ben Li", "Ana"],
        "text": ["morning all", "the counts, 6th and 13th\ntraffic 123552\n\nshopping 4942",
                 "thanks: noted"]}
    assert (f"{tmp_path / '_chat.txt'}: a WhatsApp chat export (3 message(s) of lines "
            f"`[date, time] sender: text`): read as its messages, columns date, time, sender "
            f"and text; 1 message(s) going on over more lines joined to their first, line "
            f"breaks kept; dates read day first, as a day past 12 shows (13/07/2024)"
            ) in result.schema_notes


def test_an_android_export_month_first_with_a_system_message(tmp_path: Path) -> None:
    text = ("7/13/24, 9:05\u202fPM - Messages and calls are end-to-end encrypted.\n"
            "7/13/24, 9:06\u202fPM - Ana: see you, at 10\n"
            "on Friday\n"
            "7/14/24, 10:00 AM - Ben: ok\n")
    result = read_source(chat(tmp_path / "chat.txt", text), None, {}, {})
    assert result.table.to_pydict() == {
        "date": [dt.date(2024, 7, 13), dt.date(2024, 7, 13), dt.date(2024, 7, 14)],
        "time": [dt.time(21, 5), dt.time(21, 6), dt.time(10)],
        "sender": [None, "Ana", "Ben"],
        "text": ["Messages and calls are end-to-end encrypted.", "see you, at 10\non Friday",
                 "ok"]}
    assert any(n.endswith("dates read month first, as a day past 12 shows (7/13/24)")
               for n in result.schema_notes)


def test_dates_that_do_not_tell_their_order_stay_as_written(tmp_path: Path) -> None:
    text = "[01/02/2024, 09:00:00] Ana: hi\n[03/02/2024, 10:00:00] Ben: hello\n"
    path = chat(tmp_path / "chat.txt", text)
    result = read_source(path, None, {}, {})
    assert result.table.column("date").to_pylist() == ["01/02/2024", "03/02/2024"]
    assert any(n.endswith("date kept as written (no day past 12: the order of day and month "
                          "is unknown), set options: {dateformat: '%d/%m/%Y'} (or "
                          "'%m/%d/%Y') to read it as dates") for n in result.schema_notes)
    given = read_source(path, None, {"dateformat": "%m/%d/%Y"}, {})
    assert given.table.column("date").to_pylist() == [dt.date(2024, 1, 2), dt.date(2024, 3, 2)]


def test_a_date_that_is_no_day_is_refused_naming_its_line(tmp_path: Path) -> None:
    text = "[13/02/2024, 09:00:00] Ana: hi\n[31/02/2024, 10:00:00] Ben: hello\n"
    with pytest.raises(IngestError, match=r"line 2: the date 31/02/2024 of a chat message "
                                          r"is no day \(read day first\)"):
        read_source(chat(tmp_path / "chat.txt", text), None, {}, {})


def test_a_csv_of_dates_and_times_is_read_as_a_csv(tmp_path: Path) -> None:
    text = "date,time,name,text\n13/07/2024,09:00,Ana,hi\n14/07/2024,09:05,Ben,hello\n"
    result = read_source(chat(tmp_path / "log.csv", text), None, {}, {})
    assert result.table.column_names == ["date", "time", "name", "text"]
    assert not any("WhatsApp" in n for n in result.schema_notes)


def test_a_delimiter_reads_a_chat_as_a_csv(tmp_path: Path) -> None:
    path = chat(tmp_path / "chat.txt", _IPHONE)
    result = read_source(path, None, {"delimiter": "]", "header": False}, {})
    assert not any("WhatsApp" in n for n in result.schema_notes)


def test_an_encoding_option_reads_a_legacy_chat(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes("[13/07/2024, 09:00:00] Zoë: café\n".encode("cp1252"))
    result = read_source(path, None, {"encoding": "cp1252"}, {})
    assert result.table.column("text").to_pylist() == ["café"]
    assert result.table.column("sender").to_pylist() == ["Zoë"]


def test_a_chat_longer_than_the_sample_is_read_whole(tmp_path: Path) -> None:
    lines = [f"[{1 + i % 28:02d}/07/2024, 09:{i % 60:02d}:00] Member {i % 7}: message {i}, "
             f"with a comma" + ("\nand a second line" if i % 100 == 0 else "")
             for i in range(3000)]
    path = chat(tmp_path / "chat.txt", "\n".join(lines) + "\n")
    assert path.stat().st_size > 1 << 16
    result = read_source(path, None, {}, {})
    assert result.table.num_rows == 3000
    assert result.table.column("text").to_pylist()[2999] == "message 2999, with a comma"
    assert result.table.column("text").to_pylist()[100] == (
        "message 100, with a comma\nand a second line")
