"""The statements of a snapshot, built as sqlglot expressions (dbt's semantics, our SQL).

The first run creates the table: the query's rows, each with its meta columns. Every later run
first computes all its changes into a staging table, from the query and the current rows (the
ones whose `dbt_valid_to` is NULL, or `dbt_valid_to_current`), so that closing rows cannot
change what the inserts see; then it closes rows and inserts rows from that table:

- a key not among the current rows, or whose row changed: a new current row (insert);
- a changed row: its current row closed at the new row's `dbt_valid_from` (update);
- with hard_deletes invalidate or new_record, a current key missing from the query: closed at
  the snapshot's time (delete); new_record also inserts a row marked `dbt_is_deleted = 'True'`.

A row changed when the query's `updated_at` is later than the current row's `dbt_valid_from`
(timestamp), or when a checked column differs, NULLs included (check; a checked column the
table does not have yet counts as a change of every row, as in dbt). The check strategy stamps
rows with the snapshot's time. `dbt_scd_id` is dbt's: md5 of the key parts and updated_at.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

import sqlglot
from sqlglot import exp

from datanet_sql.adapters.base import Relation
from datanet_sql.config.snapshot_config import SnapshotSettings

CHANGE = "__dn_change"  # insert | update | delete, in the staging table
UPDATED = "__dn_updated"
SRC, CUR, QUERY = "__dn_src", "__dn_cur", "__dn_q"


def _key(i: int) -> str:
    return f"__dn_key_{i}"


@dataclass(frozen=True)
class SnapshotSql:
    """Builders for one snapshot; user expressions (keys, updated_at, dbt_valid_to_current,
    check_cols) are parsed in the target's dialect."""

    settings: SnapshotSettings
    dialect: str

    def parse(self, sql: str) -> exp.Expression:
        return sqlglot.parse_one(sql, read=self.dialect)

    def meta(self, name: str) -> str:
        return self.settings.column(name)

    @property
    def now(self) -> exp.Expression:
        """The snapshot's time: the transaction's start, as a timestamp without zone (dbt's
        `snapshot_get_time`), so every row a run writes carries the same time."""
        return exp.cast(exp.CurrentTimestamp(), "TIMESTAMP")

    @property
    def updated(self) -> exp.Expression:
        updated_at = self.settings.updated_at
        return self.parse(updated_at) if updated_at else self.now

    @property
    def keys(self) -> list[exp.Expression]:
        return [self.parse(key) for key in self.settings.unique_key]

    def valid_to(self, updated: exp.Expression) -> exp.Expression:
        """NULL (or dbt_valid_to_current) typed as updated_at is: a current row's valid_to."""
        current = self.settings.valid_to_current
        return exp.func("coalesce", exp.func("nullif", updated.copy(), updated.copy()),
                        self.parse(current) if current else exp.null())

    def is_current(self, table: str | None = None) -> exp.Expression:
        valid_to = exp.column(self.meta("dbt_valid_to"), table=table, quoted=True)
        open_row = valid_to.copy().is_(exp.null())
        current = self.settings.valid_to_current
        if not current:
            return open_row
        return exp.or_(valid_to.eq(self.parse(current)), open_row)

    def scd_id(self, parts: Sequence[exp.Expression]) -> exp.Expression:
        """md5 of the parts as text joined by '|' (NULL as ''), as dbt hashes them."""
        texts = [exp.func("coalesce", exp.cast(part.copy(), "VARCHAR"), exp.Literal.string(""))
                 for part in parts]
        bar = exp.Literal.string("|")
        joined = reduce(lambda a, b: exp.DPipe(this=exp.DPipe(this=a, expression=bar.copy()),
                                               expression=b), texts)
        return exp.MD5(this=joined)

    # -- the first run ------------------------------------------------------------------------
    def first_build(self, source: exp.Expression) -> exp.Select:
        updated = self.updated
        metas = [self.scd_id([*self.keys, updated]), updated.copy(), updated.copy(),
                 self.valid_to(updated), exp.Literal.string("False")]
        return exp.select(exp.Star(), *self._named(metas)).from_(
            exp.Subquery(this=source, alias=exp.TableAlias(this=exp.to_identifier(QUERY))))

    def _named(self, values: Sequence[exp.Expression]) -> list[exp.Expression]:
        return [exp.alias_(value, self.meta(meta), quoted=True)
                for meta, value in zip(self.settings.metas, values)]

    # -- later runs ---------------------------------------------------------------------------
    def changes(self, source: exp.Expression, target: Relation, columns: Sequence[str],
                existing: Sequence[str]) -> exp.Query:
        """The staging query: one row per insert, update and delete of this run.

        `columns` are the query's columns, `existing` the snapshot table's.
        """
        keys = self.keys
        src = exp.select(exp.Star(), *[exp.alias_(k, _key(i)) for i, k in enumerate(keys, 1)],
                         exp.alias_(self.updated, UPDATED)).from_(
            exp.Subquery(this=source, alias=exp.TableAlias(this=exp.to_identifier(QUERY))))
        cur = exp.select(exp.Star(), *[exp.alias_(k.copy(), _key(i)) for i, k in
                                       enumerate(keys, 1)]).from_(target.table()).where(
            self.is_current())
        on = exp.and_(*[exp.column(_key(i), table=SRC).eq(exp.column(_key(i), table=CUR))
                        for i in range(1, len(keys) + 1)])
        changed = self._changed(columns, existing)
        branches = [self._inserts(columns, on, changed), self._updates(columns, on, changed)]
        if self.settings.hard_deletes != "ignore":
            branches.append(self._deletes(columns, on))
        if self.settings.hard_deletes == "new_record":
            branches.append(self._deletion_records(columns, existing, on))
        union = reduce(lambda a, b: exp.union(a, b, distinct=False), branches)
        return union.with_(SRC, as_=src).with_(CUR, as_=cur)

    def _row(self, change: str, values: Sequence[exp.Expression],
             metas: Sequence[exp.Expression], columns: Sequence[str]) -> list[exp.Expression]:
        return [exp.alias_(exp.Literal.string(change), CHANGE),
                *[exp.alias_(v, c, quoted=True) for v, c in zip(values, columns)],
                *self._named(metas)]

    def _inserts(self, columns: Sequence[str], on: exp.Expression,
                 changed: exp.Expression) -> exp.Select:
        updated = exp.column(UPDATED, table=SRC)
        keys = [exp.column(_key(i), table=SRC) for i in range(1, len(self.keys) + 1)]
        metas = [self.scd_id([*keys, updated]), updated.copy(), updated.copy(),
                 self.valid_to(updated), exp.Literal.string("False")]
        values = [exp.column(c, table=SRC, quoted=True) for c in columns]
        new_key = exp.column(_key(1), table=CUR).is_(exp.null())
        return exp.select(*self._row("insert", values, metas, columns)).from_(SRC).join(
            CUR, on=on.copy(), join_type="left").where(exp.or_(new_key, changed.copy()))

    def _updates(self, columns: Sequence[str], on: exp.Expression,
                 changed: exp.Expression) -> exp.Select:
        updated = exp.column(UPDATED, table=SRC)
        metas = [exp.column(self.meta("dbt_scd_id"), table=CUR, quoted=True), updated.copy(),
                 updated.copy(), updated.copy(), exp.null()]
        return exp.select(*self._row("update", [exp.null()] * len(columns), metas, columns)) \
            .from_(SRC).join(CUR, on=on.copy()).where(changed.copy())

    def _gone(self, on: exp.Expression) -> exp.Select:
        """Current rows whose key the query no longer has (not already marked deleted)."""
        gone = exp.select().from_(CUR).join(SRC, on=on.copy(), join_type="left").where(
            exp.column(_key(1), table=SRC).is_(exp.null()))
        if self.settings.hard_deletes == "new_record":
            deleted = exp.func("coalesce", exp.column(self.meta("dbt_is_deleted"), table=CUR,
                                                      quoted=True), exp.Literal.string("False"))
            gone = gone.where(deleted.neq(exp.Literal.string("True")))
        return gone

    def _deletes(self, columns: Sequence[str], on: exp.Expression) -> exp.Select:
        metas = [exp.column(self.meta("dbt_scd_id"), table=CUR, quoted=True), self.now,
                 self.now, self.now, exp.null()]
        return self._gone(on).select(*self._row("delete", [exp.null()] * len(columns), metas,
                                                columns))

    def _deletion_records(self, columns: Sequence[str], existing: Sequence[str],
                          on: exp.Expression) -> exp.Select:
        """new_record: the deleted row again, from the snapshot, marked deleted from now on."""
        values = [exp.column(c, table=CUR, quoted=True) if c in existing else exp.null()
                  for c in columns]
        scd = exp.column(self.meta("dbt_scd_id"), table=CUR, quoted=True)
        metas = [self.scd_id([scd, self.now]), self.now, self.now,
                 exp.column(self.meta("dbt_valid_to"), table=CUR, quoted=True),
                 exp.Literal.string("True")]
        return self._gone(on).select(*self._row("insert", values, metas, columns))

    def _changed(self, columns: Sequence[str], existing: Sequence[str]) -> exp.Expression:
        if self.settings.strategy == "timestamp":
            changed: exp.Expression = exp.column(self.meta("dbt_valid_from"), table=CUR,
                                                 quoted=True) < exp.column(UPDATED, table=SRC)
        else:
            changed = self._check_changed(columns, existing)
        if self.settings.hard_deletes == "new_record":  # a deleted key that is back
            changed = exp.or_(changed, exp.column(self.meta("dbt_is_deleted"), table=CUR,
                                                  quoted=True).eq(exp.Literal.string("True")))
        return exp.paren(changed) if not isinstance(changed, exp.Paren) else changed

    def _check_changed(self, columns: Sequence[str], existing: Sequence[str]) -> exp.Expression:
        checked = [exp.column(c, quoted=True) for c in columns] \
            if self.settings.check_cols is None else \
            [self.parse(c) for c in self.settings.check_cols]
        known = {name.casefold() for name in existing}
        read = {col.name.casefold() for e in checked for col in e.find_all(exp.Column)}
        if read - known:  # a checked column the table does not have yet
            return exp.true()
        return exp.or_(*[exp.NullSafeNEQ(this=_on(e, CUR), expression=_on(e, SRC))
                         for e in checked])

    def close_rows(self, target: Relation, staging: Relation) -> exp.Update:
        scd, valid_to = self.meta("dbt_scd_id"), self.meta("dbt_valid_to")
        changes = exp.Tuple(expressions=[exp.Literal.string("update"),
                                         exp.Literal.string("delete")])
        where = exp.and_(
            exp.column(scd, table="__dn_s", quoted=True).eq(
                exp.column(scd, table="__dn_t", quoted=True)),
            exp.In(this=exp.column(CHANGE, table="__dn_s"), expressions=changes.expressions),
            self.is_current("__dn_t"))
        return exp.Update(
            this=exp.alias_(target.table(), "__dn_t", table=True),
            expressions=[exp.EQ(this=exp.column(valid_to, quoted=True),
                                expression=exp.column(valid_to, table="__dn_s", quoted=True))],
            from_=exp.From(this=exp.alias_(staging.table(), "__dn_s", table=True)),
            where=exp.Where(this=where))

    def rebuilt(self, target: Relation, staging: Relation, staged: Sequence[str],
                table: Sequence[tuple[str, str, bool]]) -> exp.Query:
        """The whole table after this run, for engines without UPDATE (Spark): each row as it
        was, a current one closed where the staging table says so, then the inserted rows.

        `staged` are the staging table's columns (the query's and the meta columns); `table`
        the columns the table will have, in order, as (name, type, whether the table has it
        already): its own, then those the query gained (NULL in older rows)."""
        scd, valid_to = self.meta("dbt_scd_id"), self.meta("dbt_valid_to")
        closing = exp.select(exp.column(scd, quoted=True), exp.column(valid_to, quoted=True))\
            .from_(staging.table()).where(exp.column(CHANGE).isin(
                exp.Literal.string("update"), exp.Literal.string("delete")))
        on = exp.and_(exp.column(scd, table="__dn_c", quoted=True).eq(
            exp.column(scd, table="__dn_t", quoted=True)), self.is_current("__dn_t"))
        closed = exp.Case(ifs=[exp.If(
            this=exp.column(scd, table="__dn_c", quoted=True).is_(exp.null()).not_(),
            true=exp.column(valid_to, table="__dn_c", quoted=True))],
            default=exp.column(valid_to, table="__dn_t", quoted=True))

        def null(kind: str) -> exp.Expression:
            return exp.cast(exp.null(), exp.DataType.build(kind, dialect=self.dialect, udt=True))

        kept = exp.select(*[
            exp.alias_(closed.copy() if name == valid_to else
                       exp.column(name, table="__dn_t", quoted=True) if had else null(kind),
                       name, quoted=True) for name, kind, had in table]).from_(
            exp.alias_(target.table(), "__dn_t", table=True)).join(
            exp.alias_(exp.Subquery(this=closing), "__dn_c", table=True), on=on,
            join_type="left")
        inserted = exp.select(*[
            exp.alias_(exp.column(name, quoted=True) if name in staged else null(kind), name,
                       quoted=True) for name, kind, _ in table]).from_(staging.table()).where(
            exp.column(CHANGE).eq(exp.Literal.string("insert")))
        return exp.union(kept, inserted, distinct=False)

    def inserted_rows(self, staging: Relation, columns: Sequence[str]) -> exp.Select:
        return exp.select(*[exp.column(c, quoted=True) for c in columns]).from_(
            staging.table()).where(exp.column(CHANGE).eq(exp.Literal.string("insert")))

    def counts(self, target: Relation) -> exp.Select:
        """(rows, current rows) of the snapshot table."""
        current = exp.Case(ifs=[exp.If(this=self.is_current(), true=exp.Literal.number(1))],
                           default=exp.Literal.number(0))
        return exp.select(exp.func("count", exp.Star()), exp.func("sum", current)).from_(
            target.table())


def _on(expression: exp.Expression, table: str) -> exp.Expression:
    """The expression with its unqualified columns read from `table`."""
    copy = expression.copy()
    for column in copy.find_all(exp.Column):
        if not column.table:
            column.set("table", exp.to_identifier(table))
    return copy
