"""The project's observability settings read into what the checks use: the `calendar:` of
holidays (a CSV file or a list in datanet.yml / dbt_project.yml's `vars: {datanet: ...}`)."""

from __future__ import annotations

from datanet_sql.config.project import Project
from datanet_sql.errors import ConfigError
from datanet_sql.observe.anomaly.calendar import Calendar, read_calendar


def project_calendar(project: Project) -> Calendar:
    """The holidays the anomaly tests compare with earlier holidays of their kind."""
    spec = project.spec.calendar
    if spec is None:
        return Calendar()
    if isinstance(spec, list):
        return Calendar({day.date: day.kind for day in spec})
    path = project.root / spec
    if not path.is_file():
        raise ConfigError(f"calendar: {spec} does not exist", file=project.config_file,
                          hint="write the path of a CSV (date, name, kind) relative to the "
                               "project, or list the days: [{date: 2025-12-25, name: ...}]")
    return read_calendar(path)
