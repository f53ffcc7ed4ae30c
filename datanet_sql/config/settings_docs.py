"""Which file wrote each top-level setting of a project: datanet.yml, dbt_project.yml, or
both beside each other (datanet.yml's top-level keys replace dbt_project.yml's translated
ones), so folder config and warnings name the file and line a key really sits in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from datanet_sql.config.dbt_project import project_spec_data
from datanet_sql.config.specs import ProjectSpec
from datanet_sql.config.validate import validate
from datanet_sql.config.yamlfile import YamlDocument, key_line, read_yaml
from datanet_sql.errors import ConfigError


@dataclass
class SettingsDocs:
    """The documents a project's settings came from (either may be absent)."""

    ours: YamlDocument | None  # datanet.yml
    dbt: YamlDocument | None  # dbt_project.yml

    def of(self, key: str) -> YamlDocument:
        """The document whose `key` is the project's: datanet.yml's where it sets it."""
        if self.ours is not None and (self.dbt is None or key in (self.ours.data or {})):
            return self.ours
        assert self.dbt is not None
        return self.dbt

    def documents(self) -> list[YamlDocument]:
        """The documents read, datanet.yml first."""
        return [doc for doc in (self.ours, self.dbt) if doc is not None]

    def from_dbt(self, key: str) -> bool:
        """Whether the project's `key` is read from dbt_project.yml."""
        return self.of(key) is self.dbt


def merged_settings(root: Path) -> tuple[ProjectSpec, SettingsDocs, list[str]]:
    """datanet.yml beside dbt_project.yml: dbt_project.yml translated as when it is alone,
    each top-level key datanet.yml sets replacing the translated one. Each file is validated
    on its own first, so a mistake names the file it is in."""
    ours = read_yaml(root / "datanet.yml", display="datanet.yml")
    if not isinstance(ours.data, dict | None):
        raise ConfigError("datanet.yml must be a mapping of settings", file="datanet.yml", line=1)
    own: dict[str, Any] = ours.data or {}
    dbt_doc, data, warnings = project_spec_data(
        root, with_profile=not (root / "targets.yml").exists())
    validate(ProjectSpec, dbt_doc, data)
    name = data.get("name")
    if "name" in own and name is not None and own["name"] != name:
        raise ConfigError(f"datanet.yml names the project '{own['name']}' but dbt_project.yml "
                          f"'{name}': folder config and vars are keyed by the project's name, "
                          f"so one of them would silently not apply", file="datanet.yml",
                          line=key_line(ours, ("name",)) or 1,
                          hint=f"drop `name:` from datanet.yml (dbt_project.yml's is read) "
                               f"or make both '{name}'")
    spec = validate(ProjectSpec, ours, {**data, **own})
    return spec, SettingsDocs(ours, dbt_doc), warnings


__all__ = ["SettingsDocs", "merged_settings"]
