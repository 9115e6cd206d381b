"""The ``pia-desktop`` command. With no sub-command it starts the GUI.

Exit status: 0 done; 1 the document has errors (``check``) or the output's reader stopped early;
2 a Japanese error message (bad file, bad item: never a traceback); 70 an unexpected internal error
(a Japanese message, then the traceback for the report); 130 interrupted. Output encoding: see ``output``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from pia_desktop import APP_NAME, __version__
from pia_desktop.cli.output import configure_streams, reader_went_away, silence_stdout
from pia_desktop.domain.errors import PiaError

Handler = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Handler] = {}


def command(name: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _COMMANDS[name] = fn
        return fn

    return register


def _store_arg(p: argparse.ArgumentParser, *, top: bool = False) -> None:
    # Sub-commands suppress their default so "pia-desktop --store X store list" keeps X.
    p.add_argument("--store", metavar="PATH", default=None if top else argparse.SUPPRESS,
                   help="保存ファイル（既定: ユーザーのデータフォルダ。PIA_DESKTOP_HOME で変更可）")


class _JapaneseParser(argparse.ArgumentParser):
    """argparse, but usage errors start with a Japanese line and exit 2 without a traceback."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"エラー: コマンドの指定が正しくありません（{message}）。--help で使い方を表示します。\n")


def build_parser() -> argparse.ArgumentParser:
    from pia_desktop.cli.store_access import add_force_arg

    parser = _JapaneseParser(prog="pia-desktop", description=f"{APP_NAME} {__version__}: 特定個人情報保護評価書の作成支援")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _store_arg(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_JapaneseParser)

    p = sub.add_parser("check", help="評価書（JSON）を点検する（誤り: 終了コード1、未記入: 0）")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="機械可読な JSON で出力する")
    p.add_argument("--errors-only", action="store_true", help="誤りだけを表示する")

    p = sub.add_parser("dump", help="記載されたすべての項目を文書順に「パス<TAB>値」で出力する")
    p.add_argument("file", type=Path)

    p = sub.add_parser("store", help="保存ファイルの操作")
    ssub = p.add_subparsers(dest="store_command", metavar="SUBCOMMAND", required=True, parser_class=_JapaneseParser)
    sp = ssub.add_parser("add", help="評価書（JSON）を保存ファイルに追加する")
    sp.add_argument("file", type=Path)
    _store_arg(sp)
    add_force_arg(sp)
    sp = ssub.add_parser("list", help="保存ファイルの評価書を一覧する")
    sp.add_argument("--json", action="store_true")
    _store_arg(sp)
    sp = ssub.add_parser("export", help="評価書を JSON に書き出す")
    sp.add_argument("id", type=int)
    sp.add_argument("out", type=Path)
    _store_arg(sp)
    sp = ssub.add_parser("review", help="見直しを記録する（評価書の記載は変わらない）")
    sp.add_argument("id", type=int)
    sp.add_argument("result", choices=["変更なし", "修正", "再実施"])
    sp.add_argument("--date", dest="reviewed_on", default=None, help="見直しを行った日（2025-12-01 又は 令和7年12月1日。既定は今日）")
    sp.add_argument("--by", dest="reviewer", default="", help="見直しを行った者")
    sp.add_argument("--note", default="", help="備考")
    _store_arg(sp)
    add_force_arg(sp)
    sp = ssub.add_parser("check", help="保存ファイルの整合性を検査する")
    _store_arg(sp)
    sp = ssub.add_parser("backups", help="バックアップを一覧する（今日の分がなければ作成する）")
    _store_arg(sp)
    sp = ssub.add_parser("restore", help="バックアップから復元する（現在の内容は復元前のバックアップとして残る）")
    sp.add_argument("backup", type=Path)
    _store_arg(sp)
    add_force_arg(sp)
    sp = ssub.add_parser("portfolio", help="評価書の一覧表（取りまとめ）を CSV 又は Excel（.xlsx）に書き出す")
    sp.add_argument("out", type=Path, metavar="OUT.csv|OUT.xlsx")
    _store_arg(sp)

    p = sub.add_parser("gui", help="画面を起動する（既定）")
    _store_arg(p)
    for extra in EXTRA_PARSERS:
        extra(sub)
    return parser


# Later features (PDF export, import, 変更箇所) register their sub-commands here.
EXTRA_PARSERS: list[Callable[[argparse._SubParsersAction], None]] = []  # type: ignore[type-arg]


def _load(path: Path):  # type: ignore[no-untyped-def]
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.domain.form_definition import load_form

    doc = read_document(path)
    return doc, load_form(doc.form_id)


@command("check")
def cmd_check(args: argparse.Namespace) -> int:
    from pia_desktop.checks.due_dates import due_as_dict, due_summary
    from pia_desktop.checks.review import run_review

    doc, form = _load(args.file)
    last = doc.last_review()  # 見直し counted from the last recorded review
    result = run_review(form, doc, last_review=last.reviewed_on if last else None)  # validation + consistency, しきい値判断, citations, due dates
    findings = result.findings
    errors = [f for f in findings if f.severity == "error"]
    shown = errors if args.errors_only else findings
    if args.json:
        print(json.dumps({"file": str(args.file), "errors": len(errors), "warnings": len(findings) - len(errors),
                          "findings": [f.as_dict() for f in shown], "due": due_as_dict(result.due)}, ensure_ascii=False, indent=1))
    else:
        for f in shown:
            print(f.line())
        if result.due is not None and not args.errors_only:
            print(due_summary(result.due, result.today))
        print(f"{args.file}: 誤り {len(errors)} 件、警告 {len(findings) - len(errors)} 件")
    return 1 if errors else 0


@command("dump")
def cmd_dump(args: argparse.Namespace) -> int:
    from pia_desktop.domain.dump import dump_lines

    doc, form = _load(args.file)
    for line in dump_lines(form, doc):
        print(line)
    return 0


def _open_store(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Read-only (a command that writes uses ``writing_store``, under the store's lock)."""
    from pia_desktop.cli.store_access import reading_store, store_path

    store = reading_store(args)
    if store is None:
        raise PiaError(f"保存ファイル {store_path(args)} が見つかりません")
    return store


@command("store")
def cmd_store(args: argparse.Namespace) -> int:
    from pia_desktop.cli.store_access import reading_store, writing_store
    from pia_desktop.domain.exchange import read_document, write_document

    sc = args.store_command
    if sc == "add":
        from pia_desktop.domain.validation import DocumentRefused, admit

        try:
            doc = admit(read_document(args.file), str(args.file))
        except DocumentRefused as exc:
            print(exc.message, file=sys.stderr)
            return 1
        with writing_store(args) as store:
            aid = store.add_document(doc)
        print(f"追加しました: ID {aid}（{args.file}）")
        return 0
    if sc == "list":
        found = reading_store(args)  # read-only: works in a read-only folder; no store yet: nothing to list
        with found or contextlib.nullcontext() as store:
            rows = store.list_assessments() if store is not None else []
        if args.json:
            print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=1))
        else:
            from pia_desktop.checks.due_dates import wareki_text

            for r in rows:
                last = f"{wareki_text(date.fromisoformat(r.last_review))} {r.last_review_result}" if r.last_review else "見直し記録なし"
                print(f"{r.id}\t{r.number}\t{r.name}\t{r.org}\t{r.published}\t{r.status}\t{r.updated_at}\t{last}")
        return 0
    if sc == "review":
        return _store_review(args)
    if sc == "portfolio":
        from pia_desktop.cli.store_access import summarizing_store
        from pia_desktop.shared.portfolio import portfolio, write_list

        with summarizing_store(args) as store:
            rows = portfolio(store)
        write_list(rows, args.out)
        print(f"書き出しました: {args.out}（評価書 {len(rows)} 件）")
        return 0
    if sc == "export":
        with _open_store(args) as store:
            doc = store.load(args.id)
        write_document(doc, args.out)
        print(f"書き出しました: {args.out}")
        return 0
    if sc == "check":
        with _open_store(args) as store:
            problems = store.integrity_check()
            path = store.path
        if problems:
            for p in problems:
                print(f"エラー: {p}")
            print(f"{path}: 整合性に問題があります（{len(problems)} 件）。バックアップから復元してください。")
            return 1
        print(f"{path}: 整合性に問題はありません")
        return 0
    return _store_backups(args)


def _store_review(args: argparse.Namespace) -> int:
    from pia_desktop.domain.wareki import parse_wareki
    from pia_desktop.shared.reviews import make_record, record_review

    when = date.today()
    if args.reviewed_on:
        try:
            when = date.fromisoformat(args.reviewed_on)
        except ValueError:
            parsed = parse_wareki(args.reviewed_on, partial=False)
            if parsed is None:
                print(f"日付として読めません: {args.reviewed_on}", file=sys.stderr)
                return 2
            when = parsed.to_date()
    record = make_record(when, args.reviewer, args.result, args.note)
    from pia_desktop.cli.store_access import writing_store

    with writing_store(args) as store:
        store.load(args.id)  # the assessment must exist (a StoreError names it)
        record_review(store, args.id, record)
    print(f"見直しを記録しました: ID {args.id}（{when.isoformat()} {args.result}）")
    return 0


def _store_backups(args: argparse.Namespace) -> int:
    from pia_desktop.cli.store_access import store_lock
    from pia_desktop.paths import resolve_store_path
    from pia_desktop.storage.backup import daily_backup, list_backups, restore_backup

    path = resolve_store_path(args.store)
    if not path.exists():
        raise PiaError(f"保存ファイル {path} が見つかりません")
    if args.store_command == "backups":
        daily_backup(path)
        for b in list_backups(path):
            print(f"{b.day}\t{b.label or '日次'}\t{b.path}")
        return 0
    if not args.backup.exists():
        raise PiaError(f"バックアップ {args.backup} が見つかりません")
    with store_lock(path, force=args.force, doing="復元し"):
        safety = restore_backup(args.backup, path)
    print(f"復元しました。復元前の内容は {safety} に保存しました")
    return 0


@command("gui")
def cmd_gui(args: argparse.Namespace) -> int:
    try:
        from pia_desktop.ui.shell.app import run_gui
    except ImportError as exc:
        raise PiaError(f"画面を起動できません（{exc}）") from exc
    return run_gui(args.store)


# Commands that hold nothing open once they have printed or written (atomically) their result: their
# process ends without the interpreter's teardown, which only frees every object and module (~20 ms of
# a ~150 ms `check`). Commands on the store close it properly, and the GUI exits through Qt.
QUICK_EXIT = frozenset({"check", "dump", "export-pdf"})

# An unexpected exception (a bug), told apart from 1 ("the document has errors") and 2 (bad input): EX_SOFTWARE.
EXIT_INTERNAL_ERROR = 70


def _dispatch(argv: Sequence[str] | None) -> tuple[str, int]:
    _load_extensions()
    parser = build_parser()
    args = parser.parse_args(argv)
    name = args.command or "gui"
    try:
        return name, _COMMANDS[name](args)
    except PiaError as exc:
        print(f"エラー: {exc.message}", file=sys.stderr)
        return name, 2
    except KeyboardInterrupt:
        return name, 130
    except OSError as exc:
        if exc.filename is not None and not reader_went_away(exc):  # a file the system refused (permission, disk)
            print(f"エラー: {exc.filename} を読み書きできません（{exc.strerror}）", file=sys.stderr)
            return name, 2
        if not reader_went_away(exc):
            return name, _internal_error(exc)
        silence_stdout()  # the reader went away (``pia-desktop dump … | more``): stop quietly
        return name, 1
    except Exception as exc:
        return name, _internal_error(exc)


def _internal_error(exc: BaseException) -> int:
    print(f"エラー: 予期しないエラーで処理を中止しました（{type(exc).__name__}: {exc}）。"
          "お手数ですが、以下の表示を添えて担当者に連絡してください。", file=sys.stderr)
    traceback.print_exception(exc, file=sys.stderr)
    return EXIT_INTERNAL_ERROR


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the exit status. (Tests and other Python code call this.)"""
    return _dispatch(argv)[1]


def run() -> NoReturn:
    """The ``pia-desktop`` program: ``main``, then exit (quickly where nothing is left to close)."""
    configure_streams(json_output="--json" in sys.argv[1:])
    name, code = _dispatch(None)
    if name in QUICK_EXIT:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # a closed pipe (``pia-desktop dump … | head``)
            code = code or 1
        os._exit(code)
    sys.exit(code)


def _load_extensions() -> None:
    """Import the modules that add sub-commands (each calls ``command`` and appends a parser)."""
    import importlib
    import pkgutil

    import pia_desktop.cli as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        if info.name.startswith("cmd_"):
            importlib.import_module(f"pia_desktop.cli.{info.name}")


if __name__ == "__main__":
    run()
