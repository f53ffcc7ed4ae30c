"""Load a project directory into a `Project`: every file read and validated, nothing rendered."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from datanet_sql.config.column_keys import check_column_keys
from datanet_sql.config.dbt_packages import (
    InstalledPackage,
    installed_packages,
    package_at,
    vars_for_packages,
)
from datanet_sql.config.dbt_project import is_dbt_project, project_spec_data
from datanet_sql.config.model_config import check_config, check_folder_config, check_source_config
from datanet_sql.config.selectors import Selector, load_selectors
from datanet_sql.config.semantic_yaml import check_unique, model_resources, read_resources
from datanet_sql.config.settings_docs import SettingsDocs, merged_settings
from datanet_sql.config.specs import (
    AggregateSpec,
    DedupeSpec,
    ModelSpec,
    ProjectSpec,
    SchemaFileSpec,
    SeedSpec,
    SourceSpec,
    SourceTableSpec,
)
from datanet_sql.config.textfile import read_text
from datanet_sql.config.unrun import yaml_warnings
from datanet_sql.config.validate import validate, validate_package_file
from datanet_sql.config.yamlfile import YamlDocument, key_line, read_yaml
from datanet_sql.errors import ConfigError
from datanet_sql.fs.rel_paths import path_stem
from datanet_sql.project.resources import Resource


@dataclass
class ProjectFile:
    """A file of the project: its path relative to the root, its text and line of interest."""

    path: str
    text: str
    line: int = 1

    @property
    def stem(self) -> str:
        return path_stem(self.path)

    @property
    def checksum(self) -> str:
        return hashlib.sha1(self.text.encode()).hexdigest()


@dataclass
class Located:
    """A validated spec and where it was written."""

    spec: Any
    path: str
    line: int


@dataclass
class SourceTable:
    source: SourceSpec
    table: SourceTableSpec
    path: str
    line: int


@dataclass
class Project:
    root: Path
    spec: ProjectSpec
    target_name: str
    vars: dict[str, Any]
    sql_models: list[ProjectFile] = field(default_factory=list)
    python_models: list[ProjectFile] = field(default_factory=list)  # refused, see load pass
    yaml_models: list[Located] = field(default_factory=list)
    source_tables: list[SourceTable] = field(default_factory=list)
    seeds: list[ProjectFile] = field(default_factory=list)
    seed_specs: list[Located] = field(default_factory=list)
    macros: list[ProjectFile] = field(default_factory=list)
    singular_tests: list[ProjectFile] = field(default_factory=list)
    unit_tests: list[Located] = field(default_factory=list)  # UnitTestSpec entries
    snapshots: list[ProjectFile] = field(default_factory=list)  # .sql files of {% snapshot %}
    snapshot_specs: list[Located] = field(default_factory=list)  # `snapshots:` of YAML files
    analyses: list[ProjectFile] = field(default_factory=list)  # .sql of the analysis paths
    analysis_specs: list[Located] = field(default_factory=list)  # `analyses:` of YAML files
    warnings: list[str] = field(default_factory=list)  # accepted but not acted on, per file
    selectors: dict[str, Selector] = field(default_factory=dict)  # selectors.yml
    resources: list[Resource] = field(default_factory=list)  # exposures, metrics, groups...
    packages: list[InstalledPackage] = field(default_factory=list)  # in dbt_packages/
    # per installed package, the project's vars its nodes see (see `vars_for_packages`)
    package_vars: dict[str, dict[str, Any]] = field(default_factory=dict)
    cli_vars: dict[str, Any] = field(default_factory=dict)  # `--vars` (dbt's `cli_vars`)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def state_dir(self) -> Path:
        return self.root / ".datanet"

    @property
    def dbt_mode(self) -> bool:
        """A dbt project read as it is (no datanet.yml): dbt's semantics where they differ
        from datanet's (undefined names print as nothing, sources are not checked)."""
        return not (self.root / "datanet.yml").exists()

    def resource_roots(self, package: InstalledPackage | None = None) -> tuple[str, ...]:
        """The resource paths of the project (or of an installed package), longest first:
        dbt's fqn and folder config start inside them, and one may have several parts
        (`model-paths: ["jaffle_shop/models"]`)."""
        paths = self.spec.paths
        found = package.resource_paths() if package else (
            *paths.models, *paths.seeds, *paths.snapshots, *paths.analyses, *paths.tests,
            *paths.macros, *paths.sources)
        return tuple(sorted({str(PurePosixPath(p)) for p in found},
                            key=lambda p: -len(PurePosixPath(p).parts)))

    def docs_folders(self, package: InstalledPackage | None = None) -> list[str]:
        """Where dbt reads `{% docs %}` blocks of .md files, from the project root: the
        `docs-paths` of the project (or package), by default every resource path."""
        paths = package.docs_paths if package else self.spec.paths.docs
        found = paths if paths is not None else self.resource_roots(package)
        return [f"{package.folder}/{p}" if package else p for p in found]

    def roots_by_package(self) -> dict[str, tuple[str, ...]]:
        """`resource_roots` of the project and of each installed package, by package name."""
        return {self.name: self.resource_roots(),
                **{p.name: self.resource_roots(p) for p in self.packages}}

    def package_at(self, path: str) -> InstalledPackage | None:
        """The installed package a file of the project belongs to (None: the project's)."""
        return package_at(self.packages, path)

    @property
    def config_file(self) -> str:
        """The file holding the project's settings, for messages: datanet.yml, else a dbt
        project's dbt_project.yml."""
        return "datanet.yml" if (self.root / "datanet.yml").exists() else "dbt_project.yml"


def load_project(root: Path, target: str | None = None,
                 cli_vars: dict[str, Any] | None = None) -> Project:
    """Read datanet.yml and every model, source, seed, macro and test file under the root."""
    root = root.resolve()
    spec, docs, warnings = project_spec(root)
    custom = not (root / "datanet.yml").exists()  # a dbt project keeps keys of its own
    for section in ("models", "seeds", "tests", "data_tests", "unit_tests", "snapshots",
                    "analyses"):
        warnings += check_folder_config(docs.of(section), section, getattr(spec, section),
                                        kind="snapshot" if section == "snapshots" else "model",
                                        custom=custom)
    for doc in docs.documents():
        trees = {key: doc.data.get(key) for key in ("models", "seeds", "tests", "data_tests",
                                                    "snapshots", "analyses")
                 if docs.of(key) is doc}
        warnings += yaml_warnings(str(doc.path), trees)
    project = Project(root=root, spec=spec, target_name=target or spec.target,
                      vars={**spec.vars, **(cli_vars or {})}, warnings=warnings,
                      selectors=load_selectors(root), cli_vars=dict(cli_vars or {}))
    paths = spec.paths
    project.sql_models = _files(root, paths.models, "*.sql")
    project.python_models = _files(root, paths.models, "*.py")
    project.macros = _files(root, paths.macros, "*.sql")
    project.singular_tests = _singular_tests(root, paths.tests)
    project.snapshots = _files(root, paths.snapshots, "*.sql")
    project.seeds = [ProjectFile(f.path, "") for f in _files(root, paths.seeds, "*.csv", read=False)]
    project.analyses = _files(root, paths.analyses, "*.sql")
    # dbt reads property YAML from every resource path, test- and macro-paths too
    # (`tests/stg_accounts.yml` declaring a model's data tests)
    dbt_only = paths.tests + paths.macros if custom else []
    for yaml_file in _files(root, paths.models + paths.sources + paths.seeds + paths.snapshots +
                            paths.analyses + dbt_only, "*.y*ml", read=False):
        _load_schema_file(project, root / yaml_file.path)
    project.packages = installed_packages(root)
    project.package_vars = vars_for_packages(docs.of("vars").data.get("vars") if
                                             docs.from_dbt("vars") else spec.vars,
                                             project.packages, cli_vars or {})
    if project.dbt_mode:
        for package in project.packages:
            _load_package_files(project, package)
    check_unique(project.resources)
    return project


def _load_package_files(project: Project, package: InstalledPackage) -> None:
    """dbt builds the models, seeds and snapshots and runs the singular tests of every
    installed package with the project's (and reads the YAML beside them), each from the
    package's own paths; their config and vars come from the package's dbt_project.yml,
    under the project's own."""
    def under(paths: tuple[str, ...]) -> list[str]:
        return [f"{package.folder}/{path}" for path in paths]

    root = project.root
    project.sql_models += _files(root, under(package.model_paths), "*.sql")
    project.seeds += [ProjectFile(f.path, "") for f in
                      _files(root, under(package.seed_paths), "*.csv", read=False)]
    project.snapshots += _files(root, under(package.snapshot_paths), "*.sql")
    project.singular_tests += _singular_tests(root, under(package.test_paths))
    project.analyses += _files(root, under(package.analysis_paths), "*.sql")
    yaml_folders = under(package.model_paths + package.seed_paths + package.snapshot_paths +
                         package.analysis_paths + package.test_paths + package.macro_paths)
    for yaml_file in _files(root, yaml_folders, "*.y*ml", read=False):
        _load_schema_file(project, root / yaml_file.path)


def _singular_tests(root: Path, test_paths: list[str]) -> list[ProjectFile]:
    """The .sql files of the test paths but `generic/` (`{% test %}` blocks: macros) and
    `fixtures/` (unit-test rows): neither is a singular test."""
    return [f for f in _files(root, test_paths, "*.sql")
            if not _is_fixture(f.path, test_paths) and
            not any(f.path.startswith(f"{t.rstrip('/')}/generic/") for t in test_paths)]


def project_spec(root: Path) -> tuple[ProjectSpec, SettingsDocs, list[str]]:
    """datanet.yml, or a dbt project's dbt_project.yml and profiles.yml read as they are, or
    both (datanet.yml's top-level keys win); with the documents, whose folder config is
    checked, and warnings."""
    config_path = root / "datanet.yml"
    if config_path.exists() and is_dbt_project(root):
        return merged_settings(root)
    if config_path.exists():
        doc = read_yaml(config_path, display="datanet.yml")
        return validate(ProjectSpec, doc), SettingsDocs(doc, None), []
    if is_dbt_project(root):
        doc, data, warnings = project_spec_data(root)
        return validate(ProjectSpec, doc, data), SettingsDocs(None, doc), warnings
    raise ConfigError(f"no datanet.yml or dbt_project.yml in {root}",
                      hint="run `datanet init DIR` to start a project, or pass --project-dir")


def _files(root: Path, folders: list[str], pattern: str, read: bool = True) -> list[ProjectFile]:
    found: list[ProjectFile] = []
    seen: set[Path] = set()
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob(pattern)):
            if path in seen or any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            seen.add(path)
            rel = path.relative_to(root).as_posix()
            found.append(ProjectFile(rel, read_text(path, rel) if read else ""))
    return found


def _is_fixture(path: str, test_paths: list[str]) -> bool:
    """dbt keeps unit test fixtures in `<test path>/fixtures/`: they are not singular tests."""
    return any(path.startswith(f"{folder.rstrip('/')}/fixtures/") for folder in test_paths)


def _load_schema_file(project: Project, path: Path) -> None:
    rel = path.relative_to(project.root).as_posix()
    doc = read_yaml(path, display=rel)
    if doc.data is None:
        return
    if not isinstance(doc.data, dict):
        raise ConfigError("a schema file must be a mapping with `models:`, `sources:` or `seeds:`",
                          file=rel, line=1)
    doc.path = Path(rel)
    package = project.package_at(rel) is not None
    if package:
        schema, ignored = validate_package_file(SchemaFileSpec, doc)
        project.warnings += ignored
    else:
        schema = validate(SchemaFileSpec, doc)
    project.warnings += check_column_keys(doc, schema, project.config_file == "dbt_project.yml",
                                          package=package)
    project.warnings += yaml_warnings(rel, doc.data)
    project.resources += read_resources(doc, rel)
    for i, model in enumerate(schema.models):
        _check_model(project, doc, ("models", i), model)
        project.resources += model_resources(model, doc, rel, ("models", i))
        project.yaml_models.append(Located(model, rel, doc.line_of(["models", i]) or 1))
    project.unit_tests += [Located(test, rel, doc.line_of(["unit_tests", i]) or 1)
                           for i, test in enumerate(schema.unit_tests)]
    for i, seed in enumerate(schema.seeds):
        _check_config(project, doc, ("seeds", i), seed.name, seed.config)
        project.seed_specs.append(Located(seed, rel, doc.line_of(["seeds", i]) or 1))
    for i, snapshot in enumerate(schema.snapshots):
        _check_config(project, doc, ("snapshots", i), snapshot.name, snapshot.config,
                      kind="snapshot")
        project.snapshot_specs.append(Located(snapshot, rel, doc.line_of(["snapshots", i]) or 1))
    for i, analysis in enumerate(schema.analyses):
        project.analysis_specs.append(Located(analysis, rel, doc.line_of(["analyses", i]) or 1))
    for i, source in enumerate(schema.sources):
        project.warnings += check_source_config(doc, ("sources", i), source.config)
        for j, table in enumerate(source.tables):
            line = doc.line_of(["sources", i, "tables", j]) or 1
            project.warnings += check_source_config(doc, ("sources", i, "tables", j),
                                                    table.config)
            project.source_tables.append(SourceTable(source, table, rel, line))


def _check_model(project: Project, doc: YamlDocument, loc: tuple[str | int, ...],
                 model: ModelSpec) -> None:
    """The parts of a model entry its pydantic model keeps loose: `config:`, and the `dedupe:`
    and `aggregate:` blocks, which the generate layer reads as plain dicts."""
    _check_config(project, doc, loc, model.name, model.config)
    blocks = ((DedupeSpec, "dedupe", model.dedupe if isinstance(model.dedupe, dict) else None),
              (AggregateSpec, "aggregate", model.aggregate))
    for spec, key, block in blocks:
        if block is not None:
            validate(spec, doc, block, prefix=(*loc, key))


def _check_config(project: Project, doc: YamlDocument, loc: tuple[str | int, ...], name: str,
                  config: dict[str, Any], kind: str = "model") -> None:
    lines = {key: key_line(doc, (*loc, "config", key)) or 1 for key in config}
    project.warnings += check_config(config, file=str(doc.path), model=name, lines=lines,
                                     kind=kind,
                                     custom=project.config_file == "dbt_project.yml",
                                     package=project.package_at(str(doc.path)) is not None)


__all__ = [
    "Located",
    "ModelSpec",
    "Project",
    "ProjectFile",
    "SeedSpec",
    "SourceTable",
    "load_project",
    "project_spec",
]
