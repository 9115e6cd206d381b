"""``pia-desktop set``: the 評価書 of one 事務 in the store (forms/mappings/set-shared-items.yaml).

    pia-desktop set check [ID] [--json] [--store PATH]   # answers that differ within each set (warnings: exit 0)
    pia-desktop set align ID [--apply] [--store PATH]     # blanks filled from the set's other 評価書, 基礎 Ⅳ１
    pia-desktop set link ID OTHER_ID [--store PATH]       # link two 評価書 made apart as one 事務
"""

from __future__ import annotations

import argparse
import json
import sys

from pia_desktop.cli.main import EXTRA_PARSERS, _store_arg, command
from pia_desktop.cli.store_access import reading_store, writing_store
from pia_desktop.domain.document import value_text
from pia_desktop.domain.errors import PiaError


def _add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("set", help="同じ事務の評価書（基礎＋重点・全項目）の共通の記載を点検し、そろえる")
    ssub = p.add_subparsers(dest="set_command", required=True, metavar="{check,align,link}")
    sp = ssub.add_parser("check", help="同じ事務の評価書で記載が異なる項目を表示する（警告のみ、終了コード0）")
    sp.add_argument("id", type=int, nargs="?", help="評価書 ID（省略時: 組になっているすべての評価書）")
    sp.add_argument("--json", action="store_true", help="JSON で出力する")
    _store_arg(sp)
    sp = ssub.add_parser("align", help="空欄を同じ事務の他の評価書の記載で埋める（--apply なしでは表示のみ）")
    sp.add_argument("id", type=int, help="評価書 ID")
    sp.add_argument("--apply", action="store_true", help="表示した記入を実行する")
    _store_arg(sp)
    sp = ssub.add_parser("link", help="二つの評価書を同じ事務の評価書として結び付ける")
    sp.add_argument("id", type=int, help="評価書 ID")
    sp.add_argument("other", type=int, help="結び付ける評価書 ID")
    _store_arg(sp)


EXTRA_PARSERS.append(_add_parser)


@command("set")
def cmd_set(args: argparse.Namespace) -> int:
    writes = args.set_command in ("link", "align")  # align shows what it would write: under the lock, as a writer
    if writes:
        opened = writing_store(args)
    else:
        opened = reading_store(args)
        if opened is None:
            print("エラー: 保存ファイルがありません", file=sys.stderr)
            return 1
    with opened as store:
        if args.set_command == "check":
            return _check(store, args)
        if args.set_command == "link":
            return _link(store, args)
        return _align(store, args)


def _check(store, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from pia_desktop.checks.set_check import set_findings

    ids = [args.id] if args.id is not None else [s.id for s in store.list_assessments() if s.jimu]
    names = {s.id: s.name or "（評価書名未記入）" for s in store.list_assessments()}
    found = [(aid, f) for aid in ids for f in set_findings(store, aid)]
    if args.json:
        print(json.dumps([{"id": aid, **f.as_dict()} for aid, f in found], ensure_ascii=False, indent=1))
        return 0
    for aid, f in found:
        print(f"ID {aid}「{names.get(aid, '')}」 {f.line()}")
    print(f"同じ事務の評価書の点検: 警告 {len(found)} 件")
    return 0


def _align(store, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from pia_desktop.shared.set_sharing import align_set, apply_alignment

    jimu = store.jimu_of(args.id)
    if jimu is None:
        raise PiaError(f"評価書 ID {args.id} は他の評価書と組になっていません（pia-desktop set link で結び付けられます）")
    report = align_set(store, jimu)
    for f in report.fills:
        print(f"記入: {f.member.label} 「{f.name}」← {value_text(f.value)}")
    for f in report.locked:
        print(f"記入しない（確定・公表済）: {f.member.label} 「{f.name}」")
    for d in report.differences:
        print(f"異なる: 「{d.name}」 " + " ／ ".join(f"{m.short_name}：{value_text(v)}" for m, _a, v in d.answers))
    if args.apply:
        done = apply_alignment(store, report.fills)
        print(f"{len(done)} 項目を記入しました")
    elif report.fills:
        print(f"{len(report.fills)} 項目を記入できます（--apply で記入します）")
    else:
        print("記入する項目はありません")
    return 0


def _link(store, args: argparse.Namespace) -> int:  # type: ignore[no-untyped-def]
    from pia_desktop.shared.set_sharing import join_set, link_candidates

    if args.other not in {m.id for m in link_candidates(store, args.id)}:
        raise PiaError(f"評価書 ID {args.other} は ID {args.id} と同じ事務の評価書として結び付けられません"
                       "（同じ種類の評価書、前年度版、又は既に他の組にある評価書です）")
    join_set(store, args.id, args.other)
    print(f"ID {args.id} と ID {args.other} を同じ事務の評価書として結び付けました")
    return 0
