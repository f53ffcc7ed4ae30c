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
)
# dbt-date-gdd is github.com/godatadriven/dbt-date (the maintained dbt_date jaffle-shop pins);
# the revisions are those of each project's package-lock.yml, or the newest release its
# packages.yml range admits. jaffle-shop's two largest seeds (raw_orders, raw_items) are over
# the 4 MiB a fetched snapshot keeps: the models on them fail under dbt too and are not compared.
