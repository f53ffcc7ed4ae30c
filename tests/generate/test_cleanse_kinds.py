"""Issue 13's kinds of dirt, each run through the generated SQL on DuckDB: the dirty values of
a column are restored and its clean values come out unchanged (values as real exports write
them: only some rows are dirty)."""

from __future__ import annotations

import pytest
from sqlglot import exp

from datanet_sql.generate import cleanse_query, dedupe_query, plan_column, rejects_query
from datanet_sql.semantics import infer_column


def _run(duck, columns: dict[str, list[str | None]], semantics: dict[str, str],
         dedupe: bool = False) -> tuple[dict, list[dict], list[tuple]]:
    """Load the columns as text, plan each with its own values as sample, run; rows in order."""
    names = list(columns)
    n = len(next(iter(columns.values())))
    duck.execute(f"CREATE TABLE t (id INT, {', '.join(f'{c} VARCHAR' for c in names)})")
    for i in range(n):
        duck.execute(f"INSERT INTO t VALUES (?{', ?' * len(names)})",
                     [0 if dedupe else i, *[columns[c][i] for c in names]])
    plans = {c: plan_column(c, semantics[c], "VARCHAR", columns[c]) for c in names}
    query: exp.Expression = cleanse_query(exp.table_("t"), plans, ["id"])
    query = dedupe_query(query, "exact") if dedupe else query.order_by("id")
    result = duck.execute(query.sql("duckdb"))
    keys = [d[0] for d in result.description]
    rows = [dict(zip(keys, r)) for r in result.fetchall()]
    rejects = duck.execute(rejects_query(exp.table_("t"), plans, ["id"], "m").sql("duckdb"))
    return plans, rows, rejects.fetchall()


def test_unit_suffixed_lengths_convert_within_their_family_exactly(duck) -> None:
    raw = ["94.1", "18.7 mm", "181mm", "9.41 cm", "92.5", "0.0915 m", "1,013 mm", "95", "35.5 cm"]
    plans, rows, rejects = _run(duck, {"hdlngth": raw}, {"hdlngth": "numeric_measure"})
    assert [r["hdlngth"] for r in rows] == [94.1, 18.7, 181.0, 94.1, 92.5, 91.5, 1013.0, 95.0, 355.0]
    assert {r["hdlngth_unit"] for r in rows} == {"mm"} and not rejects
    assert plans["hdlngth"].sql_type == "DOUBLE"


def test_unit_suffixed_weights_convert_and_other_units_are_rejected(duck) -> None:
    raw = ["3,250 g", "27.6 g", "0.02872 kg", "4.2 kg", "26", "28.1g", "12 mm", "3 h"]
    plans, rows, rejects = _run(duck, {"weight": raw}, {"weight": "numeric_measure"})
    assert [r["weight"] for r in rows] == [3250.0, 27.6, 28.72, 4200.0, 26.0, 28.1, None, None]
    assert sorted(r[3] for r in rejects) == ["12 mm", "3 h"]
    assert any("values in h, mm do not convert to g" in i for i in plans["weight"].issues)


def test_a_column_of_bare_numbers_does_not_guess_a_unit(duck) -> None:
    duck.execute("CREATE TABLE t (id INT, x VARCHAR)")
    duck.execute("INSERT INTO t VALUES (1, '12'), (2, '7.5'), (3, '4 kg')")
    plan = plan_column("x", "numeric_measure", "VARCHAR", ["12", "7.5", "3"])
    rows = duck.execute(cleanse_query(exp.table_("t"), {"x": plan}, ["id"]).order_by("id")
                        .sql("duckdb")).fetchall()
    assert rows == [(1, 12.0), (2, 7.5), (3, None)]  # no `x_unit`: the column has no unit


@pytest.mark.parametrize(("raw", "want"), [
    (["13.59%", "15.05 %", "7.96", "12", "15.04%", "4.951037493053486%"],
     [13.59, 15.05, 7.96, 12.0, 15.04, 4.951037493053486]),   # points stay points
    (["15.04%", "0.25", "0.1", "7.255468185864766%", "-0.5 %"],
     [0.1504, 0.25, 0.1, 0.07255468185864766, -0.005]),      # fractions: the point moves, exactly
])
def test_percent_keeps_the_scale_of_its_bare_values_without_float_noise(duck, raw, want) -> None:
    _, rows, _ = _run(duck, {"pct": raw}, {"pct": "percent"})
    assert [r["pct"] for r in rows] == want  # exact equality: 0.15039999999999998 fails


def test_case_and_whitespace_fixed_only_where_a_value_is_respelled(duck) -> None:
    pop = ["Vic", "other", "other", "VIC", "other", " Vic", "vic", "Vic", "other", "Other  ", "Vic"]
    _, rows, _ = _run(duck, {"pop": pop}, {"pop": "categorical"})
    assert [r["pop"] for r in rows] == ["Vic", "other", "other", "Vic", "other", "Vic", "Vic",
                                        "Vic", "other", "other", "Vic"]


def test_names_take_their_usual_spelling_and_letters_only_names_the_columns_case(duck) -> None:
    names = ["Ida", "Ida", "IDA", "Amy", "amy ", "Amy", "JULIAN", "Wanda", "Colin", "Wanda",
             "AL022006", "McDonald", "Isaias", "Rita", "Colin", "Rita", "Teddy", "Ella", "Sean", "Ian", "Rene"]
    _, rows, _ = _run(duck, {"name": names}, {"name": "person_name"})
    assert [r["name"] for r in rows] == ["Ida", "Ida", "Ida", "Amy", "Amy", "Amy", "Julian",
                                         "Wanda", "Colin", "Wanda", "AL022006", "McDonald",
                                         "Isaias", "Rita", "Colin", "Rita", "Teddy", "Ella", "Sean", "Ian", "Rene"]


def test_mixed_date_forms_on_some_rows(duck) -> None:
    raw = ["1975-06-27", "06/28/1975", "1975-07-01", "June 27, 1975", "1975-06-13", "19750627",
           "7/4/1975", "1975-12-31"]
    _, rows, _ = _run(duck, {"observed_on": raw}, {"observed_on": "date"})
    assert [str(r["observed_on"]) for r in rows] == [
        "1975-06-27", "1975-06-28", "1975-07-01", "1975-06-27", "1975-06-13", "1975-06-27",
        "1975-07-04", "1975-12-31"]


def test_near_duplicates_collapse_after_every_column_is_normalised(duck) -> None:
    columns = {"name": ["Ida", "IDA ", "Ida"], "status": ["tropical storm", "Tropical  Storm",
                                                          "tropical storm"],
               "wind": ["45", "45 kt", "45.0kt"], "share": ["13.59", "13.59%", "13.59 %"],
               "seen": ["1975-06-27", "06/27/1975", "June 27, 1975"]}
    semantics = {"name": "person_name", "status": "categorical", "wind": "numeric_measure",
                 "share": "percent", "seen": "date"}
    _, rows, _ = _run(duck, columns, semantics, dedupe=True)
    assert len(rows) == 1
    assert (rows[0]["name"], rows[0]["status"], rows[0]["wind"], rows[0]["share"]) == \
        ("Ida", "tropical storm", 45.0, 13.59)


def test_integer_codes_written_as_floats_are_one_category(duck) -> None:
    _, rows, _ = _run(duck, {"category": ["1", "4.0", "4", None, "2", "1.0"]},
                      {"category": "categorical"})
    assert [r["category"] for r in rows] == ["1", "4", "4", None, "2", "1"]


@pytest.mark.parametrize(("values", "semantic"), [
    (["94.1", "94.1 mm", "9.41 cm", "92.5mm", "93.2", "95.1", "90", "91"] * 4, "numeric_measure"),
    (["25", "25 kt", "30kt", "35", "40", "45 kt"] * 4, "numeric_measure"),
    (["11.16", "4.02", "15.70%", "7.5 %", "33.1", "22", "41.5", "12"] * 4, "percent"),
])
def test_inference_reads_the_written_form(values: list[str], semantic: str) -> None:
    assert infer_column("x1", "VARCHAR", values).semantic == semantic


def test_codes_of_digits_and_letters_are_not_a_measure() -> None:
    codes = ["1A", "2B", "3C", "1A", "2B", "4D", "5E"] * 5
    assert infer_column("x1", "VARCHAR", codes).semantic != "numeric_measure"
