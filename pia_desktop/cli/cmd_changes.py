"""``pia-desktop changes``: propose (別添２)変更箇所 rows from last year's 評価書 and this year's draft.

    pia-desktop changes OLD.json NEW.json --out ROWS.json [--date 令和8年6月1日] [--apply OUT.json] [--lint]

ROWS.json is a list of objects with the keys changed_on, item, before, after, timing (事前/事後)
and reason. --apply writes NEW with the proposed rows appended after its existing 変更箇所.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pia_desktop.cli.main import EXTRA_PARSERS, command
from pia_desktop.domain.errors import PiaError


def _add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "changes",
        help="前年度版と今年度版を比べて（別添２）変更箇所の行を提案する",
        description="前年度版（OLD）と今年度版（NEW）を項目ごとに比べ、変更箇所の行（変更日・項目・変更前・変更後・提出時期・説明）を提案します。",
    )
    p.add_argument("old", type=Path, metavar="OLD.json", help="前年度版（基準）")
    p.add_argument("new", type=Path, metavar="NEW.json", help="今年度版（作成中の評価書）")
    p.add_argument("--out", type=Path, metavar="ROWS.json", help="提案した行の書き出し先（JSON）")
    p.add_argument("--date", metavar="和暦", help="変更日（既定: NEW の公表日）")
    p.add_argument("--apply", type=Path, metavar="OUT.json", help="NEW の変更箇所の末尾に提案した行を加えて書き出す")
    p.add_argument("--lint", action="store_true", help="NEW の既存の変更箇所の記載の誤りも表示する")


EXTRA_PARSERS.append(_add_parser)


@command("changes")
def cmd_changes(args: argparse.Namespace) -> int:
    from pia_desktop.changes import append_rows, propose_changes
    from pia_desktop.changes.lint import lint_existing
    from pia_desktop.domain.exchange import read_document, write_document
    from pia_desktop.domain.form_definition import load_form
    from pia_desktop.domain.wareki import normalize_wareki
    from pia_desktop.fileio import atomic_write_text

    old, new = read_document(args.old), read_document(args.new)
    if old.form_id != new.form_id:
        raise PiaError(f"{args.old} と {args.new} は様式が異なります（{old.form_id} / {new.form_id}）")
    changed_on = None
    if args.date:
        changed_on = normalize_wareki(args.date)
        if changed_on is None:
            raise PiaError(f"変更日「{args.date}」を日付として読めません（例: 令和8年6月1日）")
    rows = propose_changes(old, new, changed_on=changed_on)
    if args.out:
        atomic_write_text(args.out, json.dumps([r.to_data() for r in rows], ensure_ascii=False, indent=1) + "\n")
    if args.apply:
        write_document(append_rows(new, rows), args.apply)
    for r in rows:
        reason = f"（{r.reason}）" if r.reason else ""
        print(f"{r.timing}\t{r.item}\t{_short(r.before)} → {_short(r.after)}{reason}")
    pre = sum(1 for r in rows if r.timing == "事前")
    print(f"変更箇所 {len(rows)} 件（事前 {pre} 件、事後 {len(rows) - pre} 件）")
    if rows and not rows[0].changed_on:
        print("注意: 変更日が空欄です。--date で指定するか、NEW の公表日を記入してください。")
    if args.lint:
        for f in lint_existing(load_form(new.form_id), new):
            print(f.line())
    return 0


def _short(text: str, limit: int = 30) -> str:
    one = " ".join(text.split())
    return one if len(one) <= limit else one[:limit] + "…"
