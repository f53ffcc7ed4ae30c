"""Where macros come from: the project's macro-paths and tests/generic, then every package
`dbt deps` left in `dbt_packages/<dir>/`, each under the `name:` of its dbt_project.yml
(`config/dbt_packages.py` reads them).

A package's own macro-paths are read from its dbt_project.yml (default `macros`), as dbt does;
test blocks of a package's `tests/generic/` are macros of that package too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from datanet_sql.compile.dbt_jinja.blocks import MacroText, Materialization, plain_jinja
from datanet_sql.config.project import Project, ProjectFile
from datanet_sql.config.textfile import read_text


@dataclass
class MacroPackage:
    """The macro files of one namespace (the root project or one package), made plain Jinja."""

    name: str
    files: list[ProjectFile]
    is_root: bool = False
    materializations: list[Materialization] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(f.text for f in self.files)


def macro_packages(project: Project) -> tuple[list[MacroPackage], dict[str, str], list[str]]:
    """The root project's macros then each package's (with their materialization blocks);
    plus every `{% docs %}` block and the warnings found on the way."""
    docs: dict[str, str] = {}
    warnings: list[str] = []
    generic = [f"{folder.rstrip('/')}/generic" for folder in project.spec.paths.tests]
    root_files = project.macros + _files(project.root, generic)
    packages = [_plain(project.name, root_files, docs, warnings, is_root=True)]
    for package in project.packages:
        paths = [*package.macro_paths, "tests/generic"]
        files = _files(project.root, [f"{package.folder}/{p}" for p in paths])
        packages.append(_plain(package.name, files, docs, warnings))
    # dbt's docs-paths: `{% docs %}` blocks in .md files; the project's win over a package's
    for owner in (*project.packages, None):
        for file in _files(project.root, project.docs_folders(owner), "*.md"):
            docs.update(plain_jinja(file.text, file.path).docs)
    return packages, docs, warnings


def _files(root: Path, folders: list[str], pattern: str = "*.sql") -> list[ProjectFile]:
    found: dict[str, ProjectFile] = {}
    for folder in folders:
        base = root / folder
        for path in sorted(base.rglob(pattern)) if base.is_dir() else []:
            rel = path.relative_to(root).as_posix()
            found.setdefault(rel, ProjectFile(rel, read_text(path, rel)))
    return list(found.values())


def _plain(name: str, files: list[ProjectFile], docs: dict[str, str], warnings: list[str],
           is_root: bool = False) -> MacroPackage:
    """The package of the files made plain Jinja; their docs and warnings collected."""
    package = MacroPackage(name, [], is_root)
    for file in files:
        plain: MacroText = plain_jinja(file.text, file.path)
        docs.update(plain.docs)
        warnings += plain.warnings
        package.materializations += plain.materializations
        package.files.append(ProjectFile(file.path, plain.text))
    return package
