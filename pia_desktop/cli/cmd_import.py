"""``pia-desktop import``: last year's 評価書 (PDF, Excel, JSON, or another store file) as a new document.

    pia-desktop import SRC --out OUT.json [--report REPORT.json] [--add [--allow-unplaced] [--allow-duplicate]]
    pia-desktop import STORE.sqlite3 --list
    pia-desktop import STORE.sqlite3 --id 3 [--id 5] --add | --out OUT.json

Nothing is written when the file cannot be read (exit 2). Every piece of text read from a PDF or
workbook is accounted for (see ``importers.report``). When some text was placed in no item, the
import warns loudly — each unplaced fragment with its page or cell, on stderr — and exits 1:
OUT.json and the report are still written (they are what the user finishes by hand, in the
review screen or the wizard), but nothing is added to the store unless --allow-unplaced says
the user has looked. Values marked 要確認 are listed as warnings and do not change the status.
A 評価書 whose answers the store already holds (``Store.find_same``) is not added a second time
unless --allow-duplicate is given: the message names the existing row, and the exit status is 1.
--add adds only a document ``store add`` would add (the same check and message; exit 1 otherwise).
A PDF whose attached data differs from its printed pages writes nothing and exits 3 unless
--trust attachment|pages says which to import.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pia_desktop.cli.main import EXTRA_PARSERS, command
from pia_desktop.domain.errors import PiaError


def _add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from pia_desktop.cli.store_access import add_force_arg

    p = sub.add_parser(
        "import",
        help="前年度の評価書（PDF・Excel・JSON・保存ファイル）を取り込む",
        description="前年度の評価書を読み取り、新しい評価書（JSON）にします。項目ごとの取り込み結果を --report に書き出せます。",
    )
    p.add_argument("source", type=Path, metavar="SRC", help="取り込むファイル（.pdf / .xlsx / .json / 保存ファイル）")
    p.add_argument("--out", type=Path, metavar="OUT.json", help="取り込んだ評価書の書き出し先（JSON）")
    p.add_argument("--report", type=Path, metavar="REPORT.json", help="取り込み結果（項目ごと）の書き出し先")
    p.add_argument("--add", action="store_true", help="取り込んだ評価書を保存ファイルに追加する")
    p.add_argument("--allow-unplaced", action="store_true",
                   help="どの項目にも入らなかった記載が残っていても --add で追加する（終了コードは 0）")
    p.add_argument("--allow-duplicate", action="store_true",
                   help="同じ内容の評価書が保存ファイルにあっても --add で別の行として追加する")
    p.add_argument("--list", action="store_true", help="SRC が保存ファイルのとき、含まれる評価書を一覧する")
    p.add_argument("--id", type=int, action="append", dest="ids", metavar="ID", help="SRC が保存ファイルのとき、取り込む評価書の ID（複数可）")
    p.add_argument("--trust", choices=("attachment", "pages"),
                   help="PDF に添付された評価書データと印刷された内容が異なるとき、どちらから取り込むか（指定がなければ終了コード 3 で何も書き出さない）")
    p.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS,
                   help="追加先の保存ファイル（既定: ユーザーのデータフォルダ。PIA_DESKTOP_HOME で変更可）")
    add_force_arg(p)


EXTRA_PARSERS.append(_add_parser)


def _target_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from pia_desktop.cli.store_access import writing_store

    return writing_store(args)  # under the store's lock, like every command that writes


def _from_store(args: argparse.Namespace) -> int:
    from pia_desktop.domain.exchange import write_document
    from pia_desktop.importers.api import StoreSource

    with StoreSource(args.source) as src:
        if args.list or not args.ids:
            for s in src.summaries:
                print(f"{s.id}\t{s.number}\t{s.name}\t{s.org}\t{s.published}\t{s.status}")
            if not args.list:
                print("取り込む評価書を --id で指定してください", file=sys.stderr)
                return 2
            return 0
        known = {s.id for s in src.summaries}
        missing = [i for i in args.ids if i not in known]
        if missing:
            raise PiaError(f"{args.source.name} に評価書 ID {', '.join(map(str, missing))} はありません")
        docs = [src.load(i) for i in args.ids]
    if args.add:
        from pia_desktop.domain.validation import DocumentRefused, admit

        try:
            for i, doc in zip(args.ids, docs, strict=True):
                admit(doc, f"{args.source.name} の評価書 ID {i}")
        except DocumentRefused as exc:
            print(exc.message, file=sys.stderr)
            return 1
    if args.out:
        if len(docs) != 1:
            raise PiaError("--out に書き出せるのは 1 件だけです（--id を 1 つにするか、--add を使ってください）")
        write_document(docs[0], args.out)
        print(f"書き出しました: {args.out}")
    if args.add:
        with _target_store(args) as store:
            if not args.allow_duplicate and any(_refuse_duplicate(store, doc, args.source.name) for doc in docs):
                return 1
            new_ids = [store.add_document(doc) for doc in docs]
        print(f"保存ファイルに追加しました: ID {', '.join(map(str, new_ids))}")
    if not args.out and not args.add:
        raise PiaError("--out または --add を指定してください")
    return 0


def _refuse_duplicate(store, doc, source: str) -> bool:  # type: ignore[no-untyped-def]
    """True (after saying which rows) when the store already holds a 評価書 reading the same as ``doc``."""
    from pia_desktop.domain.fiscal_year import nendo_text

    same = store.find_same(doc)
    for s in same:
        tags = "・".join(t for t in (nendo_text(s.nendo), s.status) if t)
        print(f"{source}: 同じ内容の評価書が保存ファイルにあります: ID {s.id}「{s.name or '（評価書名未記入）'}」"
              f"{s.org}（{tags}）", file=sys.stderr)
    if same:
        print("  追加していません（別の行として追加するときは --allow-duplicate を付けてください）。", file=sys.stderr)
    return bool(same)


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    from pia_desktop.domain.exchange import write_document
    from pia_desktop.fileio import atomic_write_text
    from pia_desktop.importers.api import detect_kind, import_file

    if detect_kind(args.source) == "store":
        return _from_store(args)
    if args.list or args.ids:
        raise PiaError(f"{args.source.name} は保存ファイルではないため、--list / --id は使えません")
    if not (args.out or args.add or args.report):
        raise PiaError("--out（書き出し先の JSON）、--report または --add を指定してください")
    result = import_file(args.source, trust=args.trust)
    if result.conflict is not None:
        print(f"エラー: {result.conflict.message()}", file=sys.stderr)
        print("  どちらから取り込むかを --trust attachment（添付データ）または --trust pages（印刷された内容）で指定してください。"
              "何も書き出していません。", file=sys.stderr)
        return CONFLICT
    report = result.report
    unplaced = [f for f in report.unplaced if f.has_text]
    add = args.add and (not unplaced or args.allow_unplaced)
    refused = _refusal(result.document, str(args.source)) if args.add else None
    if args.report:
        atomic_write_text(args.report, json.dumps(report.to_data(), ensure_ascii=False, indent=1) + "\n")
    if args.out:
        write_document(result.document, args.out)
    duplicate = False
    if add and refused is None:
        with _target_store(args) as store:
            duplicate = not args.allow_duplicate and _refuse_duplicate(store, result.document, args.source.name)
            if not duplicate:
                aid = store.add_document(result.document)
                print(f"保存ファイルに追加しました: ID {aid}")
    print(report.summary())
    for note in report.notes:
        print(f"注意: {note}")
    for entry in report.entries:
        if entry.status in ("not_found", "ambiguous"):
            mark = "見つからない" if entry.status == "not_found" else "要確認"
            detail = f"（{entry.note}）" if entry.note else ""
            print(f"  {mark}: {entry.path}{detail}")
    if args.out:
        print(f"書き出しました: {args.out}")
    if unplaced:
        _warn_unplaced(args, unplaced)
    if refused is not None:
        print(refused, file=sys.stderr)
        return 1
    if unplaced and not args.allow_unplaced:
        return 1
    return 1 if duplicate else 0


CONFLICT = 3  # the attachment and the printed pages differ: nothing written until --trust says which


def _refusal(doc, name: str) -> str | None:  # type: ignore[no-untyped-def]
    """Why ``doc`` may not be added (the same check and message as ``store add``), or None."""
    from pia_desktop.domain.validation import DocumentRefused, admit

    try:
        admit(doc, name)
    except DocumentRefused as exc:
        return exc.message
    return None


def _warn_unplaced(args: argparse.Namespace, unplaced: list) -> None:  # type: ignore[type-arg]
    err = sys.stderr
    print(f"警告: {args.source.name} の記載のうち {len(unplaced)} 件は、どの項目にも取り込まれていません。", file=err)
    for f in unplaced:
        text = " ".join(f.text.split())
        print(f"  未配置: {f.where}　{text[:80]}{'…' if len(text) > 80 else ''}（{f.note}）", file=err)
    print("  取り込み結果の確認画面で項目に割り当てるか、評価書の画面で記入してください"
          "（--report の \"unplaced\" にも一覧があります）。", file=err)
    if args.add and not args.allow_unplaced:
        print("  未配置の記載があるため、保存ファイルには追加していません（確認済みなら --allow-unplaced を付けてください）。", file=err)
