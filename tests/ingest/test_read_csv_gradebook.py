"""Canvas LMS's gradebook export on real files written here: its `Points Possible` line (and
the `Manual Posting` / `Muted` line above it) under the header left out, noted; files that
look a little like it (no such line, a student with an id, another tool's header) read as
before."""

from __future__ import annotations

from ingest_helpers import load_landing, read_text

from datanet_sql.ingest.reading import read_source

HEADER = "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (1001),Essay (1002)"
STUDENTS = ['"Lee, Ann",101,S101,alee,Bio 1,8.50,90.00',
            '"Roe, Bo",102,S102,broe,Bio 1,7.00,',
            '"Diaz, Cy",103,S103,cdiaz,Bio 2,10.00,75.50']
NOTE = ("Canvas gradebook export: line 2 ('Points Possible') under the header: each "
        "assignment's points possible, not students: left out")


def _notes(result) -> list[str]:
    return [n.split(": ", 1)[1] for n in result.schema_notes if ": " in n]


def test_points_possible_line_is_left_out_and_noted(tmp_path):
    text = "\n".join([HEADER, "    Points Possible,,,,,10.00,100.00", *STUDENTS]) + "\n"
    result = read_text(tmp_path, text, "grades.csv")
    assert result.rejects == []
    assert result.table.to_pylist() == [
        {"student": "Lee, Ann", "id": 101, "sis_user_id": "S101", "sis_login_id": "alee",
         "section": "Bio 1", "quiz_1_1001": 8.5, "essay_1002": 90.0},
        {"student": "Roe, Bo", "id": 102, "sis_user_id": "S102", "sis_login_id": "broe",
         "section": "Bio 1", "quiz_1_1001": 7.0, "essay_1002": None},
        {"student": "Diaz, Cy", "id": 103, "sis_user_id": "S103", "sis_login_id": "cdiaz",
         "section": "Bio 2", "quiz_1_1001": 10.0, "essay_1002": 75.5}]
    assert NOTE in _notes(result)


def test_manual_posting_line_and_read_only_totals(tmp_path):
    """Canvas's whole export: a `Manual Posting` line over the assignments posted by hand,
    `(read only)` over the totals in the points line (which made them text when read)."""
    header = HEADER + ",Current Score,Final Score,Current Grade"
    lines = [header, ",,,,,Manual Posting,,,,",
             "    Points Possible,,,,,10.00,100.00,(read only),(read only),(read only)",
             *(s + f",{80 + i}.00,{70 + i}.50,B" for i, s in enumerate(STUDENTS))]
    result = read_text(tmp_path, "\r\n".join(lines) + "\r\n", "grades.csv")
    table = result.table
    assert table.num_rows == 3
    assert table.column("id").to_pylist() == [101, 102, 103]
    assert table.column("current_score").to_pylist() == [80.0, 81.0, 82.0]
    assert table.column("final_score").to_pylist() == [70.5, 71.5, 72.5]
    assert str(table.schema.field("current_score").type) == "double"
    assert ("Canvas gradebook export: line 2 ('Manual Posting') and line 3 ('Points "
            "Possible') under the header: each assignment's points possible, the assignments "
            "whose grades are posted by hand, not students: left out") in _notes(result)


def test_muted_line_first_last_names_and_semicolons(tmp_path):
    """An older export (`Muted`), names in two columns, a European locale's `;` and decimal
    commas."""
    lines = ["LastName;FirstName;ID;SIS Login ID;Section;Lab (7)",
             ";;;;;Muted", "    Points Possible;;;;;20,00",
             "Lee;Ann;101;alee;A;18,50", "Roe;Bo;102;broe;A;12,00"]
    result = read_text(tmp_path, "\n".join(lines) + "\n", "grades.csv")
    assert result.table.to_pylist() == [
        {"last_name": "Lee", "first_name": "Ann", "id": 101, "sis_login_id": "alee",
         "section": "A", "lab_7": 18.5},
        {"last_name": "Roe", "first_name": "Bo", "id": 102, "sis_login_id": "broe",
         "section": "A", "lab_7": 12.0}]
    assert any("line 2 ('Muted') and line 3 ('Points Possible')" in n
               for n in _notes(result))


def test_gradebooks_of_a_glob_read_each_on_its_own(tmp_path):
    """A glob of two exports, one without the points line (a roster): each keeps its rows."""
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "a.csv").write_text("\n".join([HEADER, "    Points Possible,,,,,10.00,100.00",
                                              *STUDENTS[:2]]) + "\n")
    (landing / "b.csv").write_text("\n".join([HEADER, STUDENTS[2]]) + "\n")
    result = read_source(landing / "*.csv", None, {}, {})
    assert sorted(result.table.column("id").to_pylist()) == [101, 102, 103]


def test_loaded_through_ingest(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    (landing / "grades.csv").write_text(
        "\n".join([HEADER, "    Points Possible,,,,,10.00,100.00", *STUDENTS]) + "\n")
    adapter, result = load_landing(tmp_path)
    rows = adapter.fetch("select id, quiz_1_1001 from shop.sales order by id")[1]
    assert [tuple(r) for r in rows] == [(101, 8.5), (102, 7.0), (103, 10.0)]
    assert any("'Points Possible'" in n for n in result.read_notes)


def test_near_miss_no_points_line_reads_every_student(tmp_path):
    result = read_text(tmp_path, "\n".join([HEADER, *STUDENTS]) + "\n", "grades.csv")
    assert result.table.column("id").to_pylist() == [101, 102, 103]
    assert not any("Canvas" in n for n in result.schema_notes)


def test_near_miss_points_possible_with_an_id_is_a_student(tmp_path):
    """`Points Possible` with an id is a record as any other (Canvas leaves the id blank)."""
    text = "\n".join([HEADER, "Points Possible,104,S104,pp,Bio 1,9.00,80.00", *STUDENTS])
    result = read_text(tmp_path, text + "\n", "grades.csv")
    assert result.table.column("id").to_pylist() == [104, 101, 102, 103]
    assert result.table.column("student").to_pylist()[0] == "Points Possible"
    assert not any("Canvas" in n for n in result.schema_notes)


def test_near_miss_another_header_keeps_its_first_line(tmp_path):
    """Not Canvas's header (no `Student` then `ID`): its lines are records as written."""
    text = "Name,Quiz 1,Essay\nPoints Possible,10,100\nAnn,8,90\nBo,7,80\n"
    result = read_text(tmp_path, text, "grades.csv")
    assert result.table.column("name").to_pylist() == ["Points Possible", "Ann", "Bo"]
    assert not any("Canvas" in n for n in result.schema_notes)
