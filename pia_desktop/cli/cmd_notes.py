"""``pia-desktop notes``: 指摘と回答 on the items of a 評価書 in a store, and their exchange as files.

    pia-desktop notes list   --store S --id ID [--json] [--state 未対応|対応済|確認済]
    pia-desktop notes add    --store S --id ID --item ITEM --text T [--by WHO] [--kind 修正依頼|確認|参考|意見]
    pia-desktop notes answer --store S --id ID --note N --text T [--by WHO]
    pia-desktop notes close  --store S --id ID --note N [--by WHO]
    pia-desktop notes reopen --store S --id ID --note N [--text T] [--by WHO]
    pia-desktop notes resolve --store S --id ID --note N [--take K]
    pia-desktop notes export --store S --id ID OUT.json
    pia-desktop notes import --store S IN.json [--id ID]
    pia-desktop notes report --store S --id ID OUT.xlsx|OUT.pdf

ITEM is the item's path as ``dump`` prints it (or its end, when that names one item) or its address.
N is a note's id as ``notes list`` shows it (its first 8 characters are enough).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pia_desktop.cli.main import EXTRA_PARSERS, _store_arg, command
from pia_desktop.cli.store_access import add_force_arg, reading_store, writing_store
from pia_desktop.domain.errors import PiaError


def _add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("notes", help="評価書の項目への指摘と回答（一覧・追加・回答・確認・ファイルでの受け渡し）",
                       description=__doc__.split("\n\n")[1] if __doc__ else None,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    nsub = p.add_subparsers(dest="notes_command", metavar="SUBCOMMAND", required=True, parser_class=sub._parser_class)  # type: ignore[attr-defined]

    def one(name: str, help_: str, *, note: bool = False, needs_id: bool = True) -> argparse.ArgumentParser:
        q = nsub.add_parser(name, help=help_)
        _store_arg(q)
        if name not in READ_ONLY:
            add_force_arg(q)
        q.add_argument("--id", type=int, required=needs_id, help="評価書の ID（store list で表示される番号）")
        if note:
            q.add_argument("--note", required=True, help="指摘の番号（notes list で表示される先頭8文字で可）")
        return q

    q = one("list", "指摘の一覧（文書の順）")
    q.add_argument("--json", action="store_true", help="機械可読な JSON で出力する")
    q.add_argument("--state", choices=("未対応", "対応済", "確認済"), help="この状態の指摘だけ")
    q = one("add", "項目に指摘を加える")
    q.add_argument("--item", required=True, help="項目（dump が表示するパス、又は番地）")
    q.add_argument("--text", required=True)
    q.add_argument("--by", default="", help="指摘者（課・氏名）")
    q.add_argument("--kind", default="修正依頼", choices=("修正依頼", "確認", "参考", "意見"))
    q = one("answer", "指摘に回答する（対応済にする）", note=True)
    q.add_argument("--text", required=True)
    q.add_argument("--by", default="")
    q = one("close", "回答を確認して指摘を閉じる（確認済）", note=True)
    q.add_argument("--by", default="")
    q = one("reopen", "確認済・対応済の指摘を未対応に戻す", note=True)
    q.add_argument("--text", default="", help="戻す理由")
    q.add_argument("--by", default="")
    q = one("resolve", "食い違いのある指摘の版を選ぶ（0: この保存ファイルの版）", note=True)
    q.add_argument("--take", type=int, default=0)
    q.add_argument("--by", default="")
    q = one("export", "指摘ファイル（JSON）を書き出す")
    q.add_argument("out", type=Path, metavar="OUT.json")
    q = one("import", "指摘ファイルを取り込む（指摘ごとに新しい方を採用、食い違いは両方残す）", needs_id=False)
    q.add_argument("file", type=Path, metavar="IN.json")
    q = one("report", "指摘・回答一覧を xlsx 又は PDF で書き出す（決裁用）")
    q.add_argument("out", type=Path, metavar="OUT.xlsx|OUT.pdf")


EXTRA_PARSERS.append(_add_parser)
READ_ONLY = ("list", "export", "report")  # these open the store read-only; the others write under its lock


def _list(store, aid: int, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from pia_desktop.domain.conversion import to_data
    from pia_desktop.domain.form_definition import load_form
    from pia_desktop.domain.validation import describe
    from pia_desktop.notes.service import document_order

    doc = store.load(aid)
    form = load_form(doc.form_id)
    notes = [s for s in document_order(form, doc, store.notes(aid)) if args.state in (None, s.note.state)]
    if args.json:
        out = [{**to_data(s.note), "path": describe(form, s.note.item),
                "conflicts": [to_data(c) for c in s.conflicts]} for s in notes]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if not notes:
        print("指摘はありません")
    for s in notes:
        n = s.note
        mark = "　※食い違いあり（notes resolve で版を選んでください）" if s.conflicts else ""
        print(f"[{n.id[:8]}] {n.state}　{n.kind}　{describe(form, n.item)}{mark}")
        print(f"    指摘（{n.by or '記名なし'}、{n.at[:10]}）：{n.text}")
        for a in n.answers:
            print(f"    回答（{a.by or '記名なし'}、{a.at[:10]}）：{a.text}")
        for i, c in enumerate(s.conflicts, 1):
            print(f"    別の版 {i}（{c.updated_by or '記名なし'}、{c.updated_at[:10]}）：{c.state}　{c.text}")
    return 0


@command("notes")
def cmd_notes(args: argparse.Namespace) -> int:
    from pia_desktop.notes import service
    from pia_desktop.notes.files import read_notes, write_notes

    nc = args.notes_command
    try:
        if nc in READ_ONLY:
            opened = reading_store(args)
            if opened is None:
                raise PiaError("保存ファイルがありません")
        with (opened if nc in READ_ONLY else writing_store(args)) as store:
            if nc == "list":
                return _list(store, args.id, args)
            if nc == "add":
                note = service.add_note(store, args.id, args.item, args.text, kind=args.kind, by=args.by)
                print(f"指摘を加えました: [{note.id[:8]}]")
            elif nc == "answer":
                service.answer_note(store, args.id, args.note, args.text, by=args.by)
                print("回答しました（対応済）")
            elif nc == "close":
                service.close_note(store, args.id, args.note, by=args.by)
                print("確認済にしました")
            elif nc == "reopen":
                service.reopen_note(store, args.id, args.note, by=args.by, text=args.text)
                print("未対応に戻しました")
            elif nc == "resolve":
                service.resolve_conflict(store, args.id, args.note, take=args.take, by=args.by)
                print("食い違いを解消しました")
            elif nc == "export":
                data = service.export_notes(store, args.id)
                write_notes(data, args.out)
                print(f"{args.out} に指摘 {len(data.notes)} 件を書き出しました")
            elif nc == "import":
                result = service.import_notes(store, read_notes(args.file), source=str(args.file), aid=args.id)
                print(f"{args.file} を評価書 ID {result.aid} に取り込みました：{result.summary()}")
                for path in result.conflicts:
                    print(f"食い違い：{path}（notes list で両方の版を確認できます）", file=sys.stderr)
            elif nc == "report":
                _report(store, args.id, args.out)
                print(f"{args.out} に指摘・回答一覧を書き出しました")
    except PiaError as exc:
        print(f"エラー: {exc.message}", file=sys.stderr)
        return 1
    return 0


def _report(store, aid: int, out: Path) -> None:  # type: ignore[no-untyped-def]
    from pia_desktop.domain.form_definition import load_form
    from pia_desktop.notes.listing import note_rows, write_pdf, write_xlsx

    doc = store.load(aid)
    form = load_form(doc.form_id)
    rows = note_rows(form, doc, store.notes(aid))
    title = str(doc.get(form.roles.title) or "")
    if out.suffix.lower() == ".pdf":
        write_pdf(rows, out, title=title)
    elif out.suffix.lower() == ".xlsx":
        write_xlsx(rows, out, title=title)
    else:
        raise PiaError(f"{out}: 書き出せるのは .xlsx と .pdf です")
