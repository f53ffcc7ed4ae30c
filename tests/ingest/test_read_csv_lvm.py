"""LabVIEW Measurement files (`.lvm`), on files written here in the layout LabVIEW's Write To
Measurement File writes: the samples under the X_Value line, the header blocks left out and
noted; X_Columns No and Multi, a decimal comma, comma separators, several segments and
special blocks; segments naming other columns and a signature without its header's end
refused; near misses (a CSV whose first cell is the same words) read as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from datanet_sql.errors import IngestError
from datanet_sql.ingest.reading import read_source

NOTE = "a LabVIEW Measurement file (.lvm): columns named from its X_Value line"


def file_header(x_columns: str = "One", decimal: str = ".", separator: str = "Tab",
                time_pref: str = "Relative", sep: str = "\t") -> list[str]:
    """The file header block LabVIEW writes (tags a line, closed by ***End_of_Header***)."""
    return [f"LabVIEW Measurement{sep}", f"Writer_Version{sep}2", f"Reader_Version{sep}2",
            f"Separator{sep}{separator}", f"Decimal_Separator{sep}{decimal}",
            f"Multi_Headings{sep}Yes", f"X_Columns{sep}{x_columns}",
            f"Time_Pref{sep}{time_pref}", f"Operator{sep}lab", f"Date{sep}2026/12/07",
            f"Time{sep}09:00:00{decimal}5", f"***End_of_Header***{sep}", sep]


def segment_header(channels: int, sep: str = "\t") -> list[str]:
    """A segment's header block: one column of tags per channel."""
    def row(tag: str, value: str) -> str:
        return sep.join([tag, *[value] * channels, ""])
    return [row("Channels", str(channels)), row("Samples", "3"), row("Date", "2026/12/07"),
            row("Time", "09:00:00"), row("Y_Unit_Label", "V"), row("X_Dimension", "Time"),
            row("X0", "0.0000000000000000E+0"), row("Delta_X", "0.5"),
            sep.join(["***End_of_Header***", *[""] * channels, ""])]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\r\n".join(lines) + "\r\n")
    return path


def test_one_x_column_samples_without_comments(tmp_path: Path) -> None:
    path = write(tmp_path / "river.lvm", [
        *file_header(), *segment_header(1), "X_Value\tHeight\tComment",
        "1903.000000\t-1.124220", "1903.083333\t-1.164330", "1903.166667\t-1.349110"])
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["x_value", "height", "comment"]
    assert result.table.column("x_value").to_pylist() == [1903.0, 1903.083333, 1903.166667]
    assert result.table.column("height").to_pylist() == [-1.12422, -1.16433, -1.34911]
    assert result.table.column("comment").to_pylist() == [None, None, None]
    assert str(result.table.schema.field("height").type) == "double"
    assert any(f"river.lvm: {NOTE} (X_Value, Height, Comment), samples tab-separated; its "
               f"header blocks" in n for n in result.schema_notes)
    assert result.rejects == []


def test_comments_written_on_some_samples(tmp_path: Path) -> None:
    path = write(tmp_path / "cell.lvm", [
        *file_header(time_pref="Absolute"), *segment_header(2),
        "X_Value\tPressure (MPa)\tTemperature (°C)\tComment",
        "0.000000\t1.833787\t5.479238\tLOST COMMUNICATION", "0.328878\t1.522167\t5.310735",
        "1.208397\t1.682756\t5.359307\tOK"])
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["x_value", "pressure_mpa", "temperature_c", "comment"]
    assert result.table.column("comment").to_pylist() == ["LOST COMMUNICATION", None, "OK"]
    assert result.table.column("temperature_c").to_pylist() == [5.479238, 5.310735, 5.359307]
    assert any("Time_Pref Absolute: x_value is seconds since 1904-01-01 00:00 UTC" in n
               for n in result.schema_notes)


def test_no_x_column_and_a_decimal_comma(tmp_path: Path) -> None:
    path = write(tmp_path / "trigger.lvm", [
        *file_header("No", ","), *segment_header(2), "X_Value\tExcitation\tResponse\tComment",
        "\t0,914018\t1,204792", "\t0,537321\t1,208403", "\t0,616905\t1,213915"])
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["excitation", "response", "comment"]
    assert result.table.column("excitation").to_pylist() == [0.914018, 0.537321, 0.616905]
    assert result.table.column("response").to_pylist() == [1.204792, 1.208403, 1.213915]
    assert any("X_Columns No: the blank x column left out" in n for n in result.schema_notes)


def test_an_x_column_for_every_channel(tmp_path: Path) -> None:
    path = write(tmp_path / "accel.lvm", [
        *file_header("Multi"), *segment_header(2), "X_Value\tVoltage\tX_Value\tAcceleration\tComment",
        "0.000000\t-0.035229\t0.000000\t0.532608", "1.953125E-5\t-0.034882\t1.953125E-5\t0.502991"])
    result = read_source(path, None, {}, {})
    assert result.table.column_names == ["x_value_voltage", "voltage", "x_value_acceleration",
                                         "acceleration", "comment"]
    assert result.table.column("x_value_acceleration").to_pylist() == [0.0, 1.953125e-05]
    assert result.table.column("acceleration").to_pylist() == [0.532608, 0.502991]


def test_comma_separated_segments_and_a_special_block(tmp_path: Path) -> None:
    segment = [*segment_header(1, ","), "X_Value,Volts,Comment"]
    path = write(tmp_path / "runs.lvm", [
        *file_header(separator="Comma", sep=","), *segment, "0.0,1.5", "0.5,2.5", ",",
        "***Start_Special***", "a free text block,", "***End_Special***",
        *segment, "0.0,3.5", "0.5,4.5,late"])
    result = read_source(path, None, {}, {})
    assert result.table.to_pylist() == [
        {"segment": 1, "x_value": 0.0, "volts": 1.5, "comment": None},
        {"segment": 1, "x_value": 0.5, "volts": 2.5, "comment": None},
        {"segment": 2, "x_value": 0.0, "volts": 3.5, "comment": None},
        {"segment": 2, "x_value": 0.5, "volts": 4.5, "comment": "late"}]
    notes = " ".join(result.schema_notes)
    assert "samples comma-separated" in notes
    assert "2 segments, each sample's in a `segment` column" in notes
    assert "1 `***Start_Special***` block(s) not loaded" in notes


def test_names_line_right_under_the_file_header(tmp_path: Path) -> None:
    path = write(tmp_path / "bare.lvm", [*file_header(), "X_Value\tA\tComment", "0.0\t1.0",
                                         "0.5\t2.0"])
    result = read_source(path, None, {}, {})
    assert result.table.column("a").to_pylist() == [1.0, 2.0]
    assert not any("segments" in n for n in result.schema_notes)


def test_segments_naming_other_columns_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "changed.lvm", [
        *file_header(), *segment_header(1), "X_Value\tA\tComment", "0.0\t1.0", "\t",
        *segment_header(1), "X_Value\tB\tComment", "0.0\t2.0"])
    with pytest.raises(IngestError, match=r"segment 2 names the columns X_Value, B, Comment, "
                                          r"the first segment X_Value, A, Comment") as raised:
        read_source(path, None, {}, {})
    assert str(path) in str(raised.value) and "split the file" in str(raised.value)


def test_a_signature_without_its_header_end_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "cut.lvm", ["LabVIEW Measurement\t", "Writer_Version\t2",
                                        "X_Value\tA", *[f"{i}\t{i}" for i in range(50)]])
    with pytest.raises(IngestError, match=r"no \*\*\*End_of_Header\*\*\* closes its header") \
            as raised:
        read_source(path, None, {}, {})
    assert str(path) in str(raised.value) and "skip" in str(raised.value)


def test_options_header_reads_the_file_as_told(tmp_path: Path) -> None:
    path = write(tmp_path / "told.lvm", [
        *file_header(), *segment_header(1), "X_Value\tA\tComment", "0.0\t1.0\tok"])
    result = read_source(path, "csv", {"skip": 22, "header": True}, {})
    assert result.table.to_pylist() == [{"x_value": 0.0, "a": 1.0, "comment": "ok"}]
    assert not any(NOTE in n for n in result.schema_notes)


def test_near_misses_are_read_as_before(tmp_path: Path) -> None:
    named = tmp_path / "named.csv"   # the same words as a first header cell, with others
    named.write_text("LabVIEW Measurement,run\nvoltage,1\ncurrent,2\n")
    result = read_source(named, None, {}, {})
    assert result.table.to_pylist() == [{"lab_view_measurement": "voltage", "run": 1},
                                        {"lab_view_measurement": "current", "run": 2}]
    assert not any(NOTE in n for n in result.schema_notes)
    plain = tmp_path / "plain.csv"   # the words in a value
    plain.write_text("id,source\n1,LabVIEW Measurement\n2,manual\n")
    result = read_source(plain, None, {}, {})
    assert result.table.column("source").to_pylist() == ["LabVIEW Measurement", "manual"]
    assert not any(NOTE in n for n in result.schema_notes)
