"""The real dbt projects measured: where each comes from and what it needs installed.

None of them is committed here. Fetch each repository (public, on GitHub) into one folder
under the names below, e.g. `git clone https://github.com/dbt-labs/jaffle_shop_duckdb`, and
pass that folder to run.py as --src. Packages are installed the way `dbt deps` leaves them: a
copy of the package's repository in the project's `dbt_packages/<name>/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DbtProject:
    name: str
    repo: str           # owner/name on GitHub; cloned into --src/<folder>
    folder: str         # the clone's folder under --src
    subdir: str = ""    # where dbt_project.yml is inside the clone
    # package name -> (folder under --src, git revision: the version the project locks, or
    # None for the clone's checked-out tree, as an integration test of its own package uses)
    packages: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    vars: dict[str, object] = field(default_factory=dict)
    seed_first: bool = False  # the project's README runs `seed` before `build` (sources on seeds)
    revision: str | None = None  # the project's own release to measure (None: the clone's tree)
    whole_clone: bool = False  # copy the clone around the project: it reads files beside it
    run_from_clone: bool = False  # (with whole_clone) run the tools from the clone's root
    database_file: str = "bench.duckdb"  # the profile's DuckDB file: its stem is the database
    env: dict[str, str] = field(default_factory=dict)  # set for both tools, as its README does


PROJECTS = (
    DbtProject("jaffle_shop_duckdb", "dbt-labs/jaffle_shop_duckdb", "jaffle_shop_duckdb"),
    DbtProject("jaffle_shop_classic", "dbt-labs/jaffle-shop-classic", "jaffle-shop-classic"),
    DbtProject("jaffle_shop", "dbt-labs/jaffle-shop", "jaffle-shop",
               packages={"dbt_utils": ("dbt-utils", "1.1.1"),
                         "dbt_date": ("dbt-date-gdd", "0.10.0"),
                         "audit_helper": ("dbt-audit-helper",
                                          "b8f3a3348ce0ff8afc3aa4b9ade2123b00772473")},
               vars={"load_source_data": True}, seed_first=True),
    DbtProject("dbt_utils", "dbt-labs/dbt-utils", "dbt-utils", "integration_tests",
               packages={"dbt_utils": ("dbt-utils", None)}),
    DbtProject("dbt_date", "calogica/dbt-date", "dbt-date", "integration_tests",
               packages={"dbt_date": ("dbt-date", None)}),
    DbtProject("dbt_expectations", "calogica/dbt-expectations", "dbt-expectations",
               "integration_tests",
               packages={"dbt_expectations": ("dbt-expectations", None),
                         "dbt_date": ("dbt-date", "0.10.0")}),
    DbtProject("audit_helper", "dbt-labs/dbt-audit-helper", "dbt-audit-helper",
               "integration_tests",
               packages={"audit_helper": ("dbt-audit-helper", None),
                         "dbt_utils": ("dbt-utils", "1.1.1")}),
    # first held out (below), looked at on 2026-12-06 to fix their kinds: dev since
    DbtProject("codegen", "dbt-labs/dbt-codegen", "dbt-codegen", "integration_tests",
               packages={"codegen": ("dbt-codegen", None),
                         "dbt_utils": ("dbt-utils", "1.1.1")}),
    DbtProject("project_evaluator", "dbt-labs/dbt-project-evaluator", "dbt-project-evaluator",
               "integration_tests", revision="v1.0.2",
               packages={"dbt_project_evaluator": ("dbt-project-evaluator", "v1.0.2"),
                         "dbt_utils": ("dbt-utils", "1.4.1")},
               database_file="dbt.duckdb",  # its snapshots name the database `dbt`
               whole_clone=True, run_from_clone=True),  # reads ./dbt_project/seeds/*.csv
    # held out until 2026-12-06 (session 7), then looked at to fix its kinds: dev since
    DbtProject("mrr_playbook", "dbt-labs/mrr-playbook", "mrr-playbook",
               packages={"dbt_utils": ("dbt-utils", "0.8.0")}),
)
# dbt-date-gdd is github.com/godatadriven/dbt-date (the maintained dbt_date jaffle-shop pins);
# the revisions are those of each project's package-lock.yml, or the newest release its
# packages.yml range admits. jaffle-shop's two largest seeds (raw_orders, raw_items) are over
# the 4 MiB a fetched snapshot keeps: the models on them fail under dbt too and are not compared.

# The held-out set: real projects first measured on 2026-12-06, after the work above was tuned
# on PROJECTS, and only scored since (see README.md). `run.py --set held_out` builds them.
# Revisions: the newest release of each project that supports dbt-core 1.9 (dbt-profiler 0.8.5,
# dbt-project-evaluator v1.0.2: later ones require dbt 1.10), and of each package its range admits.
# codegen, project_evaluator and mrr_playbook were held out too until they were looked at (now
# above).
HELD_OUT = (
    DbtProject("dbt_profiler", "data-mie/dbt-profiler", "dbt-profiler", "integration_tests",
               revision="0.8.5",
               packages={"dbt_profiler": ("dbt-profiler", "0.8.5"),
                         "dbt_expectations": ("dbt-expectations", "0.5.8"),
                         "dbt_date": ("dbt-date", "0.5.7"),
                         "dbt_utils": ("dbt-utils", "0.8.6")}),
)

# The second held-out set: five more real projects fetched on 2026-12-06 (session 6), none of
# them looked at before, scored first on main as it stood then (637837f) before any of that
# session's changes (27 of 116); then looked at and their kinds fixed, so they are dev now
# (README.md, "The second held-out set").
# `run.py --set held_out_2` builds them, each at the commit its clone had that day.
HELD_OUT_2 = (
    DbtProject("sushi_dbt", "TobikoData/sqlmesh", "sqlmesh", "examples/sushi_dbt",
               revision="0f192c93ef00f5d0974894c3240e8a24fd09050c"),
    DbtProject("activity_schema", "tnightengale/dbt-activity-schema", "dbt-activity-schema",
               "integration_tests", revision="a56760029b88675164f3b377a725b992adda80b4",
               packages={"dbt_activity_schema": ("dbt-activity-schema", None),
                         "dbt_utils": ("dbt-utils", "1.0.0")}),
    DbtProject("osmosis_demo", "z3z1ma/dbt-osmosis", "dbt-osmosis", "demo_duckdb",
               revision="fd2f89cc3f97064ae5827bd45b6da89ab30c5f9c"),
    DbtProject("unit_testing", "EqualExperts/dbt-unit-testing", "dbt-unit-testing",
               "integration-tests", revision="fbfd8967ddd9b6c919e2ba487e9f37f75950c4e0",
               packages={"dbt_unit_testing": ("dbt-unit-testing", None),
                         "dbt_unit_testing_sub_package": (
                             "dbt-unit-testing/integration-tests-sub-package", None),
                         "dbt_utils": ("dbt-utils", "1.1.1")}),
    DbtProject("dbt_date_gdd", "godatadriven/dbt-date", "dbt-date-gdd", "integration_tests",
               revision="0.15.0",  # later releases require dbt-core 1.10
               packages={"dbt_date": ("dbt-date-gdd", "0.15.0")}),
)
SETS = {"dev": PROJECTS, "held_out": HELD_OUT, "held_out_2": HELD_OUT_2}

# The third held-out set: two more real projects fetched on 2026-12-06 (session 6) and scored
# once, at the end of that session's work, with nothing changed after (5 of 12: the score a
# new user would have seen); then looked at in session 7 to fix their kinds, so dev now (the
# set keeps its name). `run.py --set held_out_3`.
HELD_OUT_3 = (
    # the clone's tree at c54c8fb (its large seeds are absent from the fetched snapshot, so
    # `git archive` of the commit fails; the models on them fail under dbt too)
    DbtProject("jaffle_sl_template", "dbt-labs/jaffle-sl-template", "jaffle-sl-template",
               packages={"dbt_utils": ("dbt-utils", "1.0.0"),
                         "dbt_date": ("dbt-date", "0.8.1")}),
    DbtProject("nba_monte_carlo", "matsonj/nba-monte-carlo", "nba-monte-carlo", "transform",
               whole_clone=True,  # the clone's tree at 6363a85 (some blobs absent, as above)
               packages={"dbt_utils": ("dbt-utils", "1.1.1")}),
)
SETS["held_out_3"] = HELD_OUT_3

# The fourth held-out set: six real public projects nobody here had looked at, fetched on
# 2026-12-06 and first scored on main 4e400dd (a fresh clone) before any tuning on them
# (README.md, "The fourth held-out set"). Each is pinned to the release or commit measured;
# packages at the version the project's packages.yml/package-lock.yml asks (the newest its
# range admits). `run.py --set held_out_4`. Scored again at session 7's end (8187b65, no change
# aimed at them: 35 of 106), then looked at and their kinds fixed: dev since.
HELD_OUT_4 = (
    DbtProject("dbt_privacy", "pvcy/dbt-privacy", "dbt-privacy", "integration_tests",
               revision="4b2092ea09f63520052debbd5234804e281ea8d1",
               packages={"dbt_privacy": ("dbt-privacy", None),
                         "dbt_utils": ("dbt-utils", "1.0.0")}),
    DbtProject("dbt_assertions", "AxelThevenot/dbt-assertions", "dbt-assertions",
               "integration_tests", revision="1.7.0",  # 1.8 writes tests' `arguments:` (dbt 1.10)
               packages={"dbt_assertions": ("dbt-assertions", "1.7.0")}),
    DbtProject("datamocktool", "mjirv/dbt-datamocktool", "dbt-datamocktool",
               "integration_tests", revision="0.3.5", seed_first=True,
               packages={"dbt_datamocktool": ("dbt-datamocktool", None)}),
    DbtProject("dbt_artifacts", "brooklyn-data/dbt_artifacts", "dbt_artifacts",
               "integration_test_project", revision="2.10.1",
               packages={"dbt_artifacts": ("dbt_artifacts", "2.10.1")}),
    DbtProject("elementary", "elementary-data/dbt-data-reliability", "dbt-data-reliability",
               "integration_tests/dbt_project", revision="0.25.1",
               packages={"elementary": ("dbt-data-reliability", "0.25.1"),
                         "dbt_utils": ("dbt-utils", "1.4.1")},
               database_file="dbt.duckdb",  # its snapshots name the database `dbt`
               whole_clone=True, run_from_clone=True),  # reads ./dbt_project/seeds/*.csv
    # the clone's tree at 73415d6: its largest seed (raw_policies.csv) is absent from the
    # fetched snapshot, so `git archive` fails; the nodes on it fail under dbt too
    DbtProject("datavault_medallion", "Saurabh-DS/datavault-dbt-duckdb-medallion",
               "datavault-dbt-duckdb-medallion", seed_first=True,
               packages={"dbt_utils": ("dbt-utils", "1.2.0"),
                         "dbt_expectations": ("dbt-expectations", "0.10.3"),
                         "dbt_date": ("dbt-date-gdd", "0.10.1")}),
)
SETS["held_out_4"] = HELD_OUT_4

# The fifth held-out set: five real public projects nobody here had looked at, fetched on
# 2026-12-06 (session 8) and first scored on main 569d035 before any tuning on them (README.md,
# "The fifth held-out set"). Each is pinned to the commit measured; packages at the newest
# version the project's packages.yml ranges admit that dbt-core 1.9 supports (dbt_date 0.15.0,
# as above). `run.py --set held_out_5`.
HELD_OUT_5 = (
    # dbt-bouncer's test project as it stood before its move to dbt Fusion (2026-04): versions,
    # unit tests, semantic models, exposures, snapshots, an incremental model, a local package,
    # metaplane's dbt_expectations and Fivetran's tiktok_ads packages (macro-built staging)
    DbtProject("dbt_bouncer", "godatadriven/dbt-bouncer", "dbt-bouncer", "dbt_project",
               revision="6f389e0e70ae7a1f68a297361b7cb1d6f026cae1",
               packages={"internal_package": ("./internal_package", None),
                         "dbt_expectations": ("dbt-expectations-metaplane", "0.10.9"),
                         "dbt_date": ("dbt-date-gdd", "0.15.0"),
                         "tiktok_ads": ("dbt_tiktok_ads", "v0.5.0"),
                         "tiktok_ads_source": ("dbt_tiktok_ads_source", "v0.5.2"),
                         "fivetran_utils": ("dbt_fivetran_utils", "v0.4.10"),
                         "spark_utils": ("spark-utils", "0.3.3"),
                         "dbt_utils": ("dbt-utils", "1.4.1")},
               database_file="dbt.duckdb",  # its snapshots name the database `dbt`
               whole_clone=True, run_from_clone=True),  # reads ./dbt_project/seeds/*.csv
    # a DuckDB tutorial kit: seeds, two timestamp snapshots, macros, analyses, singular tests
    DbtProject("analytics_kit", "rafarngt/dbt-duckdb-analytics-kit", "dbt-duckdb-analytics-kit",
               revision="b1ff18e80664df40d15bbf43fe9e2e83018d55e0"),
    # seeds under `data/`, unit tests, per-folder schemas
    DbtProject("data_quality", "xs233-bt/local-dbt-duckdb-data-quality",
               "local-dbt-duckdb-data-quality", "dbt/customer_orders_analytics",
               revision="78bc0e91a1aa3d5ead0bf6e6cadfc2178b48a1ef"),
    # an incremental model on sources that are seeds (its README seeds first)
    DbtProject("incremental_starter", "Goku007007/dbt-duckdb-incremental-starter",
               "dbt-duckdb-incremental-starter", seed_first=True,
               revision="c8db038c1717cda7c8d061f1f774fd63d7eb4a1e"),
    # sources read by dbt-duckdb's `meta.external_location` (read_csv/read_json calls with
    # `formatter: oldstyle`) from files at the clone's root, where its Makefile runs dbt;
    # dbt_utils' `union_relations` and `generate_surrogate_key`
    DbtProject("duckdb_recipes", "khozzy/dbt-duckdb-recipies", "dbt-duckdb-recipies",
               "dbt_project", revision="59f09033b283fe5628bd4d85c70c239ab52a621d",
               whole_clone=True, run_from_clone=True,
               packages={"dbt_utils": ("dbt-utils", "1.1.1")}),
)
SETS["held_out_5"] = HELD_OUT_5

# The sixth held-out set: real public projects nobody here had looked at, fetched on 2026-12-06
# (session 9) and first scored on main 7ec75f8 before any tuning on them (README.md, "The sixth
# held-out set"). Each is pinned to the commit measured; packages at the version its
# packages.yml/package-lock.yml asks, or the newest its range admits that dbt-core 1.9 supports.
# `run.py --set held_out_6`.
HELD_OUT_6 = (
    # DataRecce's jaffle-shop grown to ~1,050 models over 56 seeds in six seed folders enabled
    # by a var: views and tables by folder, incremental models, snapshots, saved queries, custom
    # generic tests, analyses; dbt_utils 1.3.3, dbt_date 0.15.0 (the 0.17.1 it asks needs dbt
    # 1.10) and audit_helper. The clone's tree at bcc793a, the commit before its tests moved to
    # dbt 1.10's `arguments:` (dbt 1.9 refuses those); raw_orders and raw_items are absent from
    # the fetched snapshot (over 4 MiB, as in jaffle-shop), so the nodes on them fail under dbt too
    DbtProject("jaffle_shop_expand", "DataRecce/jaffle-shop-expand", "jaffle-shop-expand",
               packages={"dbt_utils": ("dbt-utils", "1.3.3"),
                         "dbt_date": ("dbt-date-gdd", "0.15.0"),
                         "audit_helper": ("dbt-audit-helper",
                                          "3bd0ca4e9d79b7d740ad7e77384b3d03a16cf242")},
               vars={"load_source_data": True}, seed_first=True),
    # Octopus Energy's jaffle shop: macros hashing columns tagged sensitive in `meta` with a salt
    # from `env_var`, a `dispatch` search order over three packages, paths under a subfolder
    # (`model-paths: ["jaffle_shop/models"]`), folder config without `+`, selectors, `doc()`
    # blocks; dbt_project_evaluator 1.0.0 (its models built too), codegen, spark_utils
    DbtProject("octo_jaffle_shop", "octoenergy/octo_jaffle_shop", "octo_jaffle_shop",
               revision="f617130019f19456168c7f75d0f531bbab20e1be",
               env={"SALT": "maldon"},  # the project's Makefile writes SALT=maldon to .env
               packages={"dbt_utils": ("dbt-utils", "1.3.0"),
                         "spark_utils": ("spark-utils", "0.3.0"),
                         "codegen": ("dbt-codegen", "0.13.1"),
                         "dbt_project_evaluator": ("dbt-project-evaluator", "v1.0.0")}),
    # a training jaffle shop: `generate_database_name`/`generate_schema_name`/alias macros that
    # read the node's fqn and resource type, `query-comment`, quoting, `persist_docs`,
    # `store_failures` on every test, exposures, selectors; dbt_project_evaluator 0.8.0
    # (enabled), dbt_expectations 0.10.1, dbt_date 0.10.0, elementary 0.12.1, dbt_utils 1.1.1
    DbtProject("jaffle_training", "astrafy/dbt-training-jaffle-shop-duckdb",
               "dbt-training-jaffle-shop-duckdb", "dbt",
               revision="6911358d5e97c354df2834e0aaeb2c8e7338fe5d",
               packages={"dbt_project_evaluator": ("dbt-project-evaluator", "v0.8.0"),
                         "dbt_utils": ("dbt-utils", "1.1.1"),
                         "dbt_expectations": ("dbt-expectations", "0.10.1"),
                         "elementary": ("dbt-data-reliability", "0.12.1"),
                         "dbt_date": ("dbt-date", "0.10.0")}),
    # a SaaS finance warehouse on five seeds (one of 1.4 MB): `+schema: main` on seeds, tests
    # declared in YAML under tests/, window functions over monthly revenue
    DbtProject("saas_finance", "Abs-23/saas-finance-dbt-duckdb", "saas-finance-dbt-duckdb",
               revision="42379fa47b0988da73016d8078d657b4892a4da8"),
    # a clinical-trials case study: a 3.9 MB seed, camelCase column names (`trialName`),
    # every model a table by project config, dbt_utils 1.3.0
    DbtProject("clinical_trials", "inato/dbt-duckdb-starter", "dbt-duckdb-starter-inato", "dbt",
               revision="eb9ee01be12ad92af6e80390154699e8b50df943",
               packages={"dbt_utils": ("dbt-utils", "1.3.0")}),
)
SETS["held_out_6"] = HELD_OUT_6
