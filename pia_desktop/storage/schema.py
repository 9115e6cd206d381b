"""The store's schema and its migrations. Each migration runs once, in a transaction, in order."""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

SCHEMA_VERSION = 5


def _v1(db: sqlite_utils.Database) -> None:
    db.execute("create table if not exists meta (key text primary key, value text not null)")
    db.execute(
        """create table if not exists assessments (
            id integer primary key,
            form_id text not null,
            status text not null default '作成中',
            file_count integer not null default 1,
            repeat_counts text not null default '{}',
            non_public text not null default '[]',
            number text not null default '',
            name text not null default '',
            org text not null default '',
            published text not null default '',
            created_at text not null,
            updated_at text not null,
            baseline_id integer references assessments(id) on delete set null,
            deleted_at text
        )"""
    )
    db.execute(
        """create table if not exists answers (
            assessment_id integer not null references assessments(id) on delete cascade,
            address text not null,
            value text not null,
            primary key (assessment_id, address)
        ) without rowid"""
    )
    db.execute(
        """create table if not exists snapshots (
            id integer primary key,
            assessment_id integer not null references assessments(id) on delete cascade,
            name text not null,
            created_at text not null,
            document text not null
        )"""
    )
    db.execute("create index if not exists snapshots_by_assessment on snapshots(assessment_id)")


def _v2(db: sqlite_utils.Database) -> None:
    """しきい値判断の入力 (Document.threshold) as JSON; NULL when none was given."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(assessments)").fetchall()}
    if "threshold" not in columns:
        db.execute("alter table assessments add column threshold text")


def _v3(db: sqlite_utils.Database) -> None:
    """The 事務 an assessment belongs to: the 評価書 of one 事務 (基礎 + 重点/全項目) share a key (uuid4 hex)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(assessments)").fetchall()}
    if "jimu" not in columns:
        db.execute("alter table assessments add column jimu text")
    db.execute("create index if not exists assessments_by_jimu on assessments(jimu)")


def _v4(db: sqlite_utils.Database) -> None:
    """共通項目 (shared facts) and the items linked to them, the user's 定型文, and 見直し records.

    A link only says where a fact is used: the answer itself stays in ``answers``, so a missing or
    damaged fact never takes a value away from an assessment."""
    db.execute(
        """create table if not exists shared_facts (
            id integer primary key,
            name text not null,
            kind text not null default 'text',
            template text not null default '',
            value text not null,
            created_at text not null,
            updated_at text not null
        )"""
    )
    db.execute(
        """create table if not exists shared_links (
            assessment_id integer not null references assessments(id) on delete cascade,
            address text not null,
            fact_id integer not null references shared_facts(id) on delete cascade,
            primary key (assessment_id, address)
        ) without rowid"""
    )
    db.execute("create index if not exists shared_links_by_fact on shared_links(fact_id)")
    db.execute(
        """create table if not exists phrases (
            id integer primary key,
            title text not null,
            text text not null,
            tags text not null default '',
            created_at text not null
        )"""
    )
    db.execute(
        """create table if not exists reviews (
            id integer primary key,
            assessment_id integer not null references assessments(id) on delete cascade,
            reviewed_on text not null,
            reviewer text not null default '',
            result text not null,
            note text not null default '',
            created_at text not null
        )"""
    )
    db.execute("create index if not exists reviews_by_assessment on reviews(assessment_id)")


def _v5(db: sqlite_utils.Database) -> None:
    """Copies say what they are: each assessment's 年度 (``nendo``, the Western year it starts in) and
    its content fingerprint (``fingerprint``, also per 版), for the duplicate warning on import.

    The 年度 of an existing row is derived once, here: its 公表日's, else its 評価の実施日's, else (a
    新年度版 whose dates were cleared) the year after its baseline's, else the year it was created in.
    Fingerprints start empty and are filled in when first needed (``Store.find_same``).

    A row that is the baseline of a 新年度版 and carries a 公表日 is last year's published 評価書: it
    becomes 公表済 (read-only; ``Store.set_status`` frees it again). Other rows keep their 状況."""
    from pia_desktop.storage.nendo_backfill import backfill_nendo

    for table, column, kind in (("assessments", "nendo", "integer"), ("assessments", "fingerprint", "text"),
                                ("snapshots", "fingerprint", "text")):
        columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()}
        if column not in columns:
            db.execute(f"alter table {table} add column {column} {kind}")
    db.execute("create index if not exists assessments_by_fingerprint on assessments(fingerprint)")
    backfill_nendo(db)
    db.execute("update assessments set status='公表済' where published != '' and deleted_at is null"
               " and id in (select baseline_id from assessments where baseline_id is not null)")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5]
assert len(MIGRATIONS) == SCHEMA_VERSION


def current_version(db: sqlite_utils.Database) -> int:
    if "meta" not in db.table_names():
        return 0
    row = db.execute("select value from meta where key='schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: sqlite_utils.Database) -> None:
    """Bring the store up to SCHEMA_VERSION. A newer store is left untouched (the caller refuses it)."""
    version = current_version(db)
    for target in range(version + 1, SCHEMA_VERSION + 1):
        conn = db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[target - 1](db)
            conn.execute(
                "insert into meta (key, value) values ('schema_version', ?)"
                " on conflict(key) do update set value=excluded.value",
                (str(target),),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
