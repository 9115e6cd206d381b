"""``pia-desktop convert``: a 重点項目評価書 turned into a 全項目評価書, keeping every answer whose item exists
in both forms (the correspondence is forms/mappings/<from>_to_<to>.yaml).

    pia-desktop convert IN.json --to yoshiki4-r0610 --out OUT.json [--report R.json] [--result kiso_zen]

R.json lists what was carried (from → to), what was not (with the reason) and the required items of the
new 評価書 still to fill.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pia_desktop.cli.main import EXTRA_PARSERS, command
from pia_desktop.domain.errors import PiaError


def _add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "convert",
        help="評価書を別の様式に変換する（重点項目評価書 → 全項目評価書）",
        description="評価書（JSON）の記載を、両方の様式にある項目について引き継いだ新しい評価書を書き出します。"
        "引き継げなかった記載と、新たに記入が必要な項目を表示します。",
    )
    p.add_argument("file", type=Path, metavar="IN.json", help="変換する評価書")
    p.add_argument("--to", required=True, metavar="FORM_ID", help="変換先の様式（例: yoshiki4-r0610）")
    p.add_argument("--out", required=True, type=Path, metavar="OUT.json", help="変換した評価書の書き出し先")
    p.add_argument("--report", type=Path, metavar="R.json", help="引き継いだ記載・引き継げなかった記載・記入が必要な項目の一覧（JSON）")
    p.add_argument("--result", metavar="RESULT_ID", help="変換先に記載するしきい値判断結果（forms/rules/thresholds.yaml の id。例: kiso_zen）")


EXTRA_PARSERS.append(_add_parser)


@command("convert")
def cmd_convert(args: argparse.Namespace) -> int:
    from pia_desktop.changes.convert import convert
    from pia_desktop.domain.exchange import read_document, write_document
    from pia_desktop.domain.form_definition import load_form
    from pia_desktop.domain.threshold.table import threshold_rules
    from pia_desktop.domain.validation import describe
    from pia_desktop.fileio import atomic_write_text

    doc = read_document(args.file)
    target = load_form(args.to)  # an unknown form id is a clear error
    if doc.form_id == target.form_id:
        raise PiaError(f"{args.file} は既に{target.short_name}です")
    if args.result and args.result not in {r.id for r in threshold_rules().results}:
        raise PiaError(f"しきい値判断結果「{args.result}」は forms/rules/thresholds.yaml にありません")
    result = convert(doc, target.form_id, threshold_result=args.result)
    write_document(result.doc, args.out)
    if args.report:
        atomic_write_text(args.report, json.dumps(result.report(), ensure_ascii=False, indent=1) + "\n")
    source = load_form(doc.form_id)
    for address, reason in result.dropped:
        print(f"引き継げません\t{describe(source, address)}\t{reason}")
    for address in result.to_fill:
        print(f"記入が必要\t{describe(target, address)}")
    print(f"{args.file}（{source.short_name}）→ {args.out}（{target.short_name}）")
    print(result.summary())
    return 0
