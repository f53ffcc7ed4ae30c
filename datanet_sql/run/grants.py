"""`grants: {select: [role, ...]}` applied to a built relation, as dbt applies them.

After the build, in its transaction: the privileges the relation has now (granted by the
current role to others) are compared with the config; what is configured and missing is
granted, what is granted and no longer configured is revoked. An empty or absent `grants`
changes nothing (as in dbt). On an engine without GRANT (DuckDB, Spark) nothing runs and the
node's result says so.
"""

from __future__ import annotations

from typing import Any

from sqlglot import exp

from datanet_sql.adapters.base import Adapter
from datanet_sql.errors import ConfigError
from datanet_sql.project.nodes import Node


def apply_grants(adapter: Adapter, node: Node, grants: Any) -> str:
    """Grant and revoke so the relation's privileges are the configured ones; a note for the
    node's result (what changed, or why nothing could)."""
    wanted = _configured(node, grants)
    if not adapter.supports_grants:
        return f"grants not applied: {adapter.dialect} has no GRANT"
    if not wanted or node.relation is None:
        return ""
    current = adapter.current_grants(node.relation)
    statements = [_statement(exp.Revoke, node, privilege, sorted(roles - wanted.get(privilege,
                                                                                    set())))
                  for privilege, roles in current.items()]
    statements += [_statement(exp.Grant, node, privilege,
                              sorted(roles - current.get(privilege, set())))
                   for privilege, roles in wanted.items()]
    for statement in (s for s in statements if s is not None):
        adapter.execute(statement)
    return ""


def _configured(node: Node, grants: Any) -> dict[str, set[str]]:
    """{privilege (upper case): roles} from the config; a malformed one names the model."""
    if not isinstance(grants, dict) or not all(
            isinstance(v, str | list) for v in grants.values()):
        raise ConfigError(f"grants of '{node.name}' must map a privilege to roles, like "
                          f"{{select: [reporter]}}, not {grants!r}", file=node.path,
                          model=node.name)
    return {str(privilege).upper(): {roles} if isinstance(roles, str) else set(map(str, roles))
            for privilege, roles in grants.items()}


def _statement(kind: type[exp.Grant | exp.Revoke], node: Node, privilege: str,
               roles: list[str]) -> exp.Expression | None:
    if not roles or node.relation is None:
        return None
    return kind(privileges=[exp.GrantPrivilege(this=exp.Var(this=privilege))], kind="TABLE",
                securable=node.relation.table(),
                principals=[exp.GrantPrincipal(this=exp.to_identifier(role, quoted=True))
                            for role in roles])
