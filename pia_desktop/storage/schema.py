"""The store's schema and its migrations. Each migration runs once, in a transaction, in order."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils

SCHEMA_VERSION = 6


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


def _v6(db: sqlite_utils.Database) -> None:
    """Each 評価書's identity (uid: the same across years; version: this year's), the 指摘と回答 on its items,
    and a 全項目's review procedure (意見の聴取, 第三者点検). Notes are kept apart from the answers: no 版,
    restore or export of the 評価書 touches them."""
    db.execute(
        """create table if not exists identities (
            assessment_id integer primary key references assessments(id) on delete cascade,
            uid text not null,
            version text not null
        )"""
    )
    db.execute("create index if not exists identities_by_version on identities(version)")
    db.execute(
        """create table if not exists notes (
            assessment_id integer not null references assessments(id) on delete cascade,
            note_id text not null,
            item text not null,
            state text not null,
            data text not null,
            conflicts text not null default '[]',
            reported text,
            updated_at text not null,
            primary key (assessment_id, note_id)
        ) without rowid"""
    )
    db.execute(
        """create table if not exists check_summaries (
            assessment_id integer primary key references assessments(id) on delete cascade,
            revision text not null,
            key text not null,
            data text not null
        )"""
    )
    db.execute(
        """create table if not exists review_process (
            assessment_id integer primary key references assessments(id) on delete cascade,
            data text not null
        )"""
    )


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6]
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
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back itself (a full disk)
                conn.execute("ROLLBACK")
            raise


def foreign_reason(conn: sqlite3.Connection) -> str:
    """Why the database is not a PIA Desktop store ("" when it is one, or is empty and may become one).

    Reads only: decided before anything (journal mode, tables) is written into the file."""
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%'")}
    if not tables:
        return ""
    if "meta" in tables:
        try:
            row = conn.execute("select value from meta where key='schema_version'").fetchone()
        except sqlite3.DatabaseError:
            row = None
        if row is not None and str(row[0]).isdigit() and "assessments" in tables:
            return ""
    shown = "、".join(sorted(tables)[:5]) + ("…" if len(tables) > 5 else "")
    return f"他のアプリケーションのデータベースです。表: {shown}"


_EXPECTED: dict[str, set[str]] = {}


def expected_tables() -> dict[str, set[str]]:
    """Table → columns of a store at SCHEMA_VERSION (built once from the migrations themselves)."""
    if not _EXPECTED:
        db = sqlite_utils.Database(sqlite3.connect(":memory:", isolation_level=None))
        migrate(db)
        _EXPECTED.update(_columns(db.conn))
        db.conn.close()
    return _EXPECTED


def _columns(conn: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in conn.execute("select name from sqlite_master where type='table' and name not like 'sqlite_%'")]
    return {n: {r[1] for r in conn.execute(f'PRAGMA table_info("{n.replace(chr(34), chr(34) * 2)}")')} for n in names}


def schema_problems(conn: sqlite3.Connection, version: int) -> list[str]:
    """Tables and columns a store of SCHEMA_VERSION must have and this one lacks (an older version: not checked)."""
    if version != SCHEMA_VERSION:
        return [] if 0 < version < SCHEMA_VERSION else [f"データ形式の版 {version} が正しくありません"]
    have = _columns(conn)
    problems = []
    for table, columns in expected_tables().items():
        if table not in have:
            problems.append(f"表 {table} がありません")
        elif missing := sorted(columns - have[table]):
            problems.append(f"表 {table} に列 {'、'.join(missing)} がありません")
    return problems
