"""dbt's non-executable resources: exposures, metrics, semantic models, saved queries, groups.

datanet runs none of them; they are read, checked lightly, kept in the manifest (and in
`target/manifest.json` in dbt's shape) and listed by `datanet ls`, so a dbt project that
declares them loads unchanged and the tools reading dbt's manifest still find them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# the section of a schema file -> the resource type (dbt's names)
SECTIONS = {"exposures": "exposure", "metrics": "metric", "semantic_models": "semantic_model",
            "saved_queries": "saved_query", "groups": "group"}
RESOURCE_TYPES = tuple(SECTIONS.values())
_REF = re.compile(r"""\b(ref|source)\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?"""
                  r"""(?:,\s*v(?:ersion)?\s*=\s*['"]?([\w.]+)['"]?\s*)?\)""")


@dataclass
class Resource:
    """One exposure, metric, semantic model, saved query or group, as written."""

    kind: str  # one of RESOURCE_TYPES
    name: str
    path: str
    line: int
    data: dict[str, Any]
    depends_on: list[str] = field(default_factory=list)  # datanet node ids

    @property
    def unique_id(self) -> str:
        return f"{self.kind}.{self.name}"

    def references(self) -> list[tuple[str, str, str | None, str | None]]:
        """The `ref('m')` / `source('s', 't')` calls in its `depends_on:` or `model:`:
        (function, first argument, second argument, version)."""
        texts = [str(t) for t in self.data.get("depends_on") or []]
        if self.data.get("model"):
            texts.append(str(self.data["model"]))
        return [match.groups() for text in texts for match in _REF.finditer(text)]

    def to_dict(self) -> dict[str, Any]:
        return {"unique_id": self.unique_id, "name": self.name, "resource_type": self.kind,
                "path": self.path, "depends_on": self.depends_on, **{
                    k: v for k, v in self.data.items() if k not in ("name", "depends_on")}}


def selected_resources(resources: list[Resource], select: tuple[str, ...],
                       exclude: tuple[str, ...], kinds: tuple[str, ...]) -> list[Resource]:
    """What `ls` lists of the resources: all of them without --select, else those named by
    dbt's `<type>:<name>` selectors (`exposure:weekly`, `metric:revenue`); `--exclude` takes
    out the same way, `--resource-type` keeps the kinds asked for. Sorted by id, as dbt's
    `ls` sorts."""
    def named(resource: Resource, selectors: tuple[str, ...]) -> bool:
        return f"{resource.kind}:{resource.name}" in selectors or \
            f"{resource.kind}:*" in selectors

    return sorted((r for r in resources if (not select or named(r, select)) and
                   not named(r, exclude) and (not kinds or r.kind in kinds)),
                  key=lambda r: r.unique_id)
