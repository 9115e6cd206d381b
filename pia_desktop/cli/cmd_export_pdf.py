"""``pia-desktop export-pdf``: the official layout PDF of a 評価書, from a JSON file or from the store.

    pia-desktop export-pdf IN.json OUT.pdf [--public]
    pia-desktop export-pdf --store PATH --id ID OUT.pdf [--public]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pia_desktop.cli.main import EXTRA_PARSERS, command
from pia_desktop.domain.errors import PiaError


def _add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "export-pdf",
        help="評価書を様式どおりのPDFに出力する（IN.json OUT.pdf、または --id ID OUT.pdf）",
        description="評価書を様式どおりのPDFに出力します。提出用（既定）には翌年度の読込み用に評価書データを添付します。",
    )
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="IN.json OUT.pdf（--id のときは OUT.pdf だけ）")
    p.add_argument("--id", type=int, dest="assessment_id", metavar="ID", help="保存ファイルの評価書 ID（pia-desktop store list で確認）")
    p.add_argument("--store", metavar="PATH", default=argparse.SUPPRESS,
                   help="保存ファイル（既定: ユーザーのデータフォルダ。PIA_DESKTOP_HOME で変更可）")
    p.add_argument("--public", action="store_true", help="公表用: 非公表に指定した記載を「（非公表）」と印字する（評価書データは添付しない）")
    p.add_argument("--no-embed", action="store_true", help="提出用でも評価書データ（JSON）を添付しない")


EXTRA_PARSERS.append(_add_parser)


@command("export-pdf")
def cmd_export_pdf(args: argparse.Namespace) -> int:
    from pia_desktop.checks.printable import printing_notes
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.domain.form_definition import load_form
    from pia_desktop.domain.validation import validate
    from pia_desktop.pdf.exporter import export_pdf

    if args.assessment_id is not None:
        if len(args.paths) != 1:
            raise PiaError("--id を指定したときは出力先の OUT.pdf だけを指定してください")
        out = args.paths[0]
        doc = _load_from_store(getattr(args, "store", None), args.assessment_id)
        source = f"ID {args.assessment_id}"
    else:
        if len(args.paths) != 2:
            raise PiaError("入力の評価書（JSON）と出力先のPDFを指定してください（例: pia-desktop export-pdf 評価書.json 評価書.pdf）")
        src, out = args.paths
        if src.resolve() == out.resolve():
            raise PiaError("入力と出力に同じファイルが指定されています")
        doc = read_document(src)
        source = str(src)
    if out.suffix.lower() != ".pdf":
        raise PiaError(f"出力先 {out} の拡張子が .pdf ではありません")
    form = load_form(doc.form_id)
    errors = [f for f in validate(form, doc) if f.severity == "error"]
    if errors:
        print(f"注意: {source} には誤りが {len(errors)} 件あります（pia-desktop check で確認できます）。記載どおりに出力します。", file=sys.stderr)
    embed = False if args.public or args.no_embed else None
    size = export_pdf(doc, out, form, public=args.public, embed_document=embed)
    kind = "公表用" if args.public else "提出用"
    print(f"{kind}PDFを出力しました: {out}（{size // 1024:,} KB）")
    for note in printing_notes(form, doc, public=args.public):
        print(f"注意: {note}", file=sys.stderr)
    return 0


def _load_from_store(store_arg: str | None, assessment_id: int):  # type: ignore[no-untyped-def]
    from pia_desktop.paths import resolve_store_path
    from pia_desktop.storage.store import Store

    path = resolve_store_path(store_arg)
    if not path.exists():
        raise PiaError(f"保存ファイル {path} がありません")
    with Store(path, readonly=True) as store:
        return store.load(assessment_id)
