"""The compile cache: an unchanged project analyses nothing; an edit re-analyses the model and
only the descendants whose inputs really changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from compile_helpers import FIXTURES, copy_project, run_cli

from datanet_sql.compile.pipeline import compile_project

MODELS = 7  # dbt_shop


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_project(FIXTURES / "dbt_shop", tmp_path / "dbt_shop")
    assert compile_project(root)[1].stats["annotated"] == MODELS
    return root


def stats(root: Path, **kwargs: str) -> dict[str, int]:
    found = compile_project(root, **kwargs)[1].stats
    return {k: found[k] for k in ("rendered", "annotated", "cached")}


def test_second_compile_analyses_nothing(project: Path) -> None:
    assert stats(project) == {"rendered": 0, "annotated": 0, "cached": MODELS}


def test_cli_reports_the_cache(project: Path) -> None:
    result = run_cli("compile", "--project-dir", project)
    assert result.exit_code == 0, result.output
    assert f"Compiled {MODELS} models and 17 tests for duckdb" in result.stdout
    assert f"(0 analysed, {MODELS} unchanged)" in result.stdout


def test_each_dialect_keeps_its_own_analysis(project: Path) -> None:
    assert stats(project, dialect="snowflake")["annotated"] == MODELS  # its first time
    assert stats(project, dialect="snowflake")["annotated"] == 0
    assert stats(project)["annotated"] == 0  # back to duckdb: still cached
    sql = (project / ".datanet" / "compiled" / "dev" / "orders.sql").read_text()
    assert '"stg_orders"' in sql


def test_same_sql_whatever_was_compiled_before(project: Path, tmp_path: Path) -> None:
    """Regression: SQL emitted from a cached analysis (parsed back, untyped) differed from a
    fresh one, e.g. `CAST(x AS DOUBLE PRECISION) / 100` on Postgres."""
    fresh_root = copy_project(FIXTURES / "dbt_shop", tmp_path / "fresh")
    fresh = compile_project(fresh_root, dialect="postgres", write=False)[0]
    after_duckdb = compile_project(project, dialect="postgres")[0]
    for node in fresh.of_kind("model", "test"):
        assert node.compiled_sql == after_duckdb.nodes[node.unique_id].compiled_sql, node.name


def test_schema_change_reanalyses_model_and_descendants(project: Path) -> None:
    path = project / "models" / "staging" / "stg_payments.sql"
    path.write_text(path.read_text().replace("payment_method,\n",
                                             "payment_method,\n        amount * 2 as doubled,\n"))
    manifest, ctx = compile_project(project)
    # stg_payments and its two children (orders and customers read it with select *)
    assert (ctx.stats["rendered"], ctx.stats["annotated"], ctx.stats["cached"]) == \
        (1, 3, MODELS - 3)
    assert "doubled" in manifest.nodes["model.stg_payments"].columns
    assert stats(project)["annotated"] == 0


def test_edit_without_schema_change_reanalyses_the_model_only(project: Path) -> None:
    path = project / "models" / "marts" / "order_events.sql"
    path.write_text("-- a comment\n" + path.read_text())
    assert stats(project)["annotated"] == 1


def test_changed_var_rerenders_what_uses_it(project: Path) -> None:
    config = project / "datanet.yml"
    config.write_text(config.read_text().replace(", gift_card]", "]"))
    manifest, ctx = compile_project(project)
    assert "gift_card_amount" not in manifest.nodes["model.orders"].columns
    assert ctx.stats["annotated"] == 1  # orders (its column list changed; nothing reads it)


def test_changed_seed_file_is_described_again(project: Path) -> None:
    seed = project / "seeds" / "raw_customers.csv"
    lines = seed.read_text().splitlines()
    seed.write_text("\n".join([lines[0] + ",vip"] + [line + ",n" for line in lines[1:]]) + "\n")
    manifest, ctx = compile_project(project)
    assert "vip" in manifest.nodes["seed.raw_customers"].columns
    assert ctx.stats["annotated"] == 1  # stg_customers; its own output did not change


def test_renamed_seed_column_is_caught(project: Path) -> None:
    seed = project / "seeds" / "raw_customers.csv"
    seed.write_text(seed.read_text().replace("last_name", "surname"))
    manifest, _ = compile_project(project)
    failed = [n for n in manifest.nodes.values() if n.error]
    assert failed and all("reads column 'last_name'" in str(n.error) for n in failed)


def test_corrupt_cache_is_rebuilt(project: Path) -> None:
    (project / ".datanet" / "cache" / "compile.pickle").write_bytes(b"not a pickle")
    assert stats(project)["annotated"] == MODELS


def test_unchanged_recompile_imports_nothing_heavy(project: Path) -> None:
    """A warm compile must not pay for scikit-learn (the semantic classifier) or Jinja."""
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; "
            "from datanet_sql.compile.pipeline import compile_project; "
            f"stats = compile_project(Path({str(project)!r}))[1].stats; "
            "print(stats['annotated'], 'sklearn' in sys.modules, 'jinja2' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["0", "False", "False"]


def test_a_render_that_read_an_environment_variable_is_stale_once_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: the render cache is keyed by the file and the project's context, not the
    environment: `env_var('REGION')` kept its first value after the variable changed."""
    from compile_helpers import write_project

    root = write_project(tmp_path / "p", {"models/m.sql": "select '{{ env_var('DN_REGION', "
                                                          "'eu') }}' as region\n"})
    monkeypatch.delenv("DN_REGION", raising=False)

    def sql() -> str:
        return compile_project(root)[0].nodes["model.m"].compiled_sql

    assert "'eu'" in sql()
    monkeypatch.setenv("DN_REGION", "us")
    assert "'us'" in sql()
    assert stats(root) == {"rendered": 0, "annotated": 0, "cached": 1}  # the same again


def test_an_environment_variable_read_in_a_macro(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from compile_helpers import write_project

    root = write_project(tmp_path / "p", {
        "macros/region.sql": "{% macro region() %}'{{ env_var('DN_REGION', 'eu') }}'"
                             "{% endmacro %}\n",
        "models/m.sql": "select {{ region() }} as region\n"})
    monkeypatch.delenv("DN_REGION", raising=False)
    assert "'eu'" in compile_project(root)[0].nodes["model.m"].compiled_sql
    monkeypatch.setenv("DN_REGION", "us")
    assert "'us'" in compile_project(root)[0].nodes["model.m"].compiled_sql


def test_saved_puts_are_read_with_the_whole_cache_they_follow(tmp_path: Path) -> None:
    """An edit path saves only its new entries next to the whole cache; they are read back
    with it, and ignored once another compile wrote the whole cache again."""
    from datanet_sql.compile.cache import CompileCache

    path = tmp_path / "compile.pickle"
    first = CompileCache(path)
    first.put("render", "model.a", "k1", "one")
    for i in range(30):  # puts past a tenth of the entries are saved whole
        first.put("emit", f"model.m{i}", "k", i)
    first.save()
    edit = CompileCache(path)
    edit.put("render", "model.b", "k2", "two")
    edit.save_puts()
    assert (tmp_path / "compile-puts.pickle").exists()
    again = CompileCache(path)
    assert again.get("render", "model.a", "k1") == "one"
    assert again.get("render", "model.b", "k2") == "two"
    again.put("render", "model.c", "k3", "three")
    again.save_puts()  # carries the earlier puts along
    assert CompileCache(path).get("render", "model.b", "k2") == "two"
    whole = CompileCache(path)
    whole.put("render", "model.a", "k4", "four")
    whole.save()
    assert not (tmp_path / "compile-puts.pickle").exists()
    stale = CompileCache(path)
    stale.put("render", "model.d", "k5", "five")
    stale.save_puts()
    CompileCache(path).save()  # nothing put: not written
    rewritten = CompileCache(path)
    rewritten.put("render", "model.e", "k6", "six")
    rewritten.save()
    fresh = CompileCache(path)
    assert fresh.get("render", "model.a", "k4") == "four"
    assert fresh.get("render", "model.d", "k5") == "five"  # saved whole with it
