"""dbt packages: what packages.yml / dependencies.yml ask for, installed where dbt puts them.

`dbt deps` leaves each package as a folder under `dbt_packages/` named after the package's own
`name:`. datanet installs `local:` packages by copying the folder and `git:` packages with git;
packages from dbt's hub need the network, which datanet never pretends to have: a package
already in `dbt_packages/` is used as it is, a missing one is an error saying what to do.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.config.yamlfile import read_yaml
from datanet_sql.errors import ConfigError

PACKAGES_DIR = "dbt_packages"
_FILES = ("packages.yml", "dependencies.yml")


@dataclass(frozen=True)
class Installed:
    name: str
    source: str  # what packages.yml said: the local path, the git URL or the hub name
    action: str  # copied, cloned, present


def install_packages(root: Path) -> list[Installed]:
    """Install every package the project lists into `dbt_packages/`; returns what was done."""
    declared = declared_packages(root)
    target = root / PACKAGES_DIR
    target.mkdir(exist_ok=True)
    return [_install(entry, root, target, where) for entry, where in declared]


def declared_packages(root: Path) -> list[tuple[dict[str, Any], str]]:
    """(entry, "file:line") of every package in packages.yml or dependencies.yml."""
    found: list[tuple[dict[str, Any], str]] = []
    for name in _FILES:
        path = root / name
        if not path.exists():
            continue
        doc = read_yaml(path, display=name)
        entries = (doc.data or {}).get("packages") if isinstance(doc.data, dict) else None
        for i, entry in enumerate(entries or []):
            where = f"{name}:{doc.line_of(['packages', i]) or 1}"
            if not isinstance(entry, dict):
                raise ConfigError("a package entry must be a mapping (local:, git: or package:)",
                                  file=name, line=doc.line_of(["packages", i]))
            found.append((entry, where))
    return found


def uninstalled_warning(root: Path) -> str | None:
    """A warning when packages.yml / dependencies.yml list more packages than `dbt_packages/`
    holds (dbt refuses to run then): without it, a package's macro is merely undefined."""
    declared = declared_packages(root)
    base = root / PACKAGES_DIR
    installed = [f for f in base.iterdir() if (f / "dbt_project.yml").exists()] \
        if base.is_dir() else []
    if len(installed) >= len(declared):
        return None
    files = " and ".join(sorted({where.split(":")[0] for _, where in declared}))
    return (f"{files}: {len(declared)} package(s) listed, {len(installed)} installed in "
            f"{PACKAGES_DIR}/: run `datanet deps` (dbt refuses to run until then; the missing "
            f"packages' macros and models are not there)")


def _install(entry: dict[str, Any], root: Path, target: Path, where: str) -> Installed:
    if "local" in entry:
        source = (root / str(entry["local"])).resolve()
        if not (source / "dbt_project.yml").exists():
            raise ConfigError(f"local package {entry['local']} has no dbt_project.yml",
                              file=where, hint="point `local:` at the package's folder")
        name = package_name(source)
        _replace(target / name, lambda dest: shutil.copytree(
            source, dest, ignore=shutil.ignore_patterns(".git", PACKAGES_DIR, "target",
                                                        ".datanet", "integration_tests")))
        return Installed(name, str(entry["local"]), "copied")
    if "git" in entry:
        return _clone(str(entry["git"]), entry.get("revision"), entry.get("subdirectory"),
                      target, where)
    hub = str(entry.get("package", ""))
    present = _present(target, hub.split("/")[-1])
    if present is not None:
        return Installed(present, hub, "present")
    raise ConfigError(f"package {hub} comes from dbt's package hub, which needs the network, "
                      f"and it is not in {PACKAGES_DIR}/", file=where,
                      hint="run `dbt deps` where the network is reachable (datanet uses "
                           f"{PACKAGES_DIR}/ as dbt leaves it), or list it as `git:` or `local:`")


def _clone(url: str, revision: Any, subdirectory: Any, target: Path, where: str) -> Installed:
    import subprocess  # here: every command reads the installed packages, only `deps` clones

    with tempfile.TemporaryDirectory(prefix="datanet_deps_") as tmp:
        checkout = Path(tmp) / "repo"
        command = ["git", "clone", "--quiet", url, str(checkout)]
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)
        if done.returncode == 0 and revision:
            done = subprocess.run(["git", "-C", str(checkout), "checkout", "--quiet",
                                   str(revision)], check=False, capture_output=True, text=True,
                                   timeout=60)
        if done.returncode != 0:
            present = _present(target, Path(url.rstrip("/")).stem)
            if present is not None:
                return Installed(present, url, "present")
            raise ConfigError(f"could not fetch git package {url}: "
                              f"{(done.stderr.strip().splitlines() or ['git failed'])[-1]}",
                              file=where, hint="check the URL and the network; a copy already "
                                               f"in {PACKAGES_DIR}/ would be used as it is")
        source = checkout / str(subdirectory) if subdirectory else checkout
        name = package_name(source)
        _replace(target / name, lambda dest: shutil.copytree(
            source, dest, ignore=shutil.ignore_patterns(".git")))
        return Installed(name, url, "cloned")


def package_name(folder: Path) -> str:
    """The `name:` in the package's dbt_project.yml: the folder name dbt gives it."""
    doc = read_yaml(folder / "dbt_project.yml")
    name = doc.data.get("name") if isinstance(doc.data, dict) else None
    if not name:
        raise ConfigError("the package's dbt_project.yml has no `name:`",
                          file=folder / "dbt_project.yml")
    return str(name)


def _present(target: Path, wanted: str) -> str | None:
    """A package already installed under the hub or git name (`dbt-labs/dbt_utils`,
    `dbt-audit-helper.git` for the package `audit_helper`)."""
    for folder in sorted(target.iterdir()) if target.is_dir() else []:
        if (folder / "dbt_project.yml").exists() and any(
                _same_package(wanted, name) for name in (folder.name, package_name(folder))):
            return folder.name
    return None


def _same_package(wanted: str, name: str) -> bool:
    wanted, name = (s.replace("-", "_").lower() for s in (wanted, name))
    return wanted == name or wanted.endswith("_" + name)


def _replace(dest: Path, make: Any) -> None:
    """Build the new copy beside the old one (a name of its own), then swap: a failed install
    keeps the old copy."""
    fresh = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent)) / "pkg"
    try:
        make(fresh)
        shutil.rmtree(dest, ignore_errors=True)
        fresh.rename(dest)
    finally:
        shutil.rmtree(fresh.parent, ignore_errors=True)
