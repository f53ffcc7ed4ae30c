"""Sexagesimal angles in a CSV (a star catalogue's right ascension `20:33:07.3`, an
hour angle) read as the text written where the column's name says it is
an angle, each column noted; never times of day. Near misses (the same values under a name
that is no angle's, a declared TIME column) read as before. Files written by the tests,
read as datanet reads them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from ingest_helpers import read_text

from datanet_sql.ingest.readers.csv_angles import angle_name

NOTE = ("column {} holds sexagesimal angles (its name says an angle: right ascension, "
        "declination, hour angle): read as the text written, not as times of day (declare the column TIME to read them "
        "as times)")
CATALOGUE = ("Star,RAJ2000,logst\n"
             "CYG OB1 1,20:33:00.0,4.37\n"
             "CYG OB1 2,20:33:07.3,4.56\n"
             "CYG OB1 3,20:33:14.6,4.26\n")


def _notes(result) -> list[str]:
    """The notes without the file's path in front."""
    return [n.split(": ", 1)[1] for n in result.schema_notes]


def test_right_ascension_reads_as_text_and_is_noted(tmp_path: Path):
    result = read_text(tmp_path, CATALOGUE, "catalogue.csv")
    assert result.table.column("raj2000").to_pylist() == [
        "20:33:00.0", "20:33:07.3", "20:33:14.6"]
    assert str(result.table.schema.field("raj2000").type) == "string"
    assert result.table.column("logst").to_pylist() == [4.37, 4.56, 4.26]
    assert NOTE.format("raj2000") in _notes(result)


def test_hour_angle_reads_as_text_and_signed_declination_stays_text(tmp_path: Path):
    text = "obs,Hour Angle,Dec\n1,01:10:00,+41:12:30\n2,02:20:30,-05:23:28\n"
    result = read_text(tmp_path, text, "angles.csv")
    assert result.table.to_pylist() == [
        {"obs": 1, "hour_angle": "01:10:00", "dec": "+41:12:30"},
        {"obs": 2, "hour_angle": "02:20:30", "dec": "-05:23:28"}]
    assert NOTE.format("hour_angle") in _notes(result)
    assert not any("column dec " in n for n in result.schema_notes)   # text already


def test_the_same_values_under_a_time_name_read_as_times(tmp_path: Path):
    text = CATALOGUE.replace("RAJ2000", "observed")
    result = read_text(tmp_path, text, "log.csv")
    assert result.table.column("observed").to_pylist()[1] == datetime.time(20, 33, 7, 300000)
    assert not any("sexagesimal" in n for n in result.schema_notes)


def test_declared_time_keeps_times(tmp_path: Path):
    from datanet_sql.ingest.reading import read_source

    (tmp_path / "catalogue.csv").write_text(CATALOGUE)
    result = read_source(tmp_path / "catalogue.csv", None, {}, {"raj2000": "time"})
    assert result.table.column("raj2000").to_pylist()[0] == datetime.time(20, 33)
    assert not any("sexagesimal" in n for n in result.schema_notes)


@pytest.mark.parametrize("name, angle", [
    ("RA", True), ("ra_j2000", True), ("DEJ2000", True), ("Dec", True), ("DE_J2000", True),
    ("Right Ascension", True), ("RA (hms)", True), ("decl", True), ("HA", True),
    ("rate", False), ("de", False), ("area", False), ("date", False), ("decade", False),
    ("time", False)])
def test_angle_names(name: str, angle: bool):
    assert angle_name(name) is angle
