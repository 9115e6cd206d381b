"""取り込み: one entry point for every kind of file a clerk may pick, and the store-file copy.

``import_file`` never writes anything: it returns the document and the report, and the caller
(CLI or the review screen) decides whether to save. Every failure is an ``ImportFailure`` whose
Japanese message names the file.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from pia_desktop.domain.document import PUBLISHED, Document, is_empty, value_text
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import DEFAULT_FORM_ID, FormDefinition, ItemType, available_forms, load_form
from pia_desktop.domain.traversal import walk
from pia_desktop.importers.folding import fold
from pia_desktop.importers.report import ImportReport, ImportResult, ReportEntry
from pia_desktop.importers.source import ImportFailure, SourceDocument

if TYPE_CHECKING:
    from pia_desktop.importers.attachment import AttachmentConflict, Trust

_HEAD_ROWS = 40  # the cover: stamp and title are printed on the first rows


def detect_form(source: SourceDocument) -> FormDefinition:
    """The form a printed 評価書 is written on: its title (「特定個人情報保護評価書（全項目評価書）」) or
    failing that its short name, read from the first rows; the 重点 form when neither is found."""
    head = fold("".join(t for r in source.rows[:_HEAD_ROWS] for t in r.texts))
    forms = [load_form(f) for f in available_forms()]
    for attr in ("name", "short_name"):
        hits = [f for f in forms if fold(getattr(f, attr)) in head]
        if len(hits) == 1:
            return hits[0]
    return load_form(DEFAULT_FORM_ID)

SQLITE_MAGIC = b"SQLite format 3\x00"
KINDS = {"json": "JSON（PIA Desktop）", "pdf": "PDF", "xlsx": "Excel", "store": "保存ファイル"}
_BLANK_HEAD = 1024 * 1024  # leading blanks looked through (check reads the same file whole)
SUPPORTED = "PDF、Excel（.xlsx）、PIA Desktop の JSON または保存ファイル"


def detect_kind(path: Path) -> str:
    """"json" | "pdf" | "xlsx" | "store", from the file's first bytes (never its name alone)."""
    try:
        if not path.exists():
            raise ImportFailure(f"ファイル {path} が見つかりません。")
        if path.is_dir():
            raise ImportFailure(f"{path} はフォルダです。取り込むファイルを指定してください。")
        with path.open("rb") as fh:
            head = fh.read(64)
            if head[:1] in (b"\xef", b" ", b"\t", b"\r", b"\n"):  # a BOM or blank lines before the JSON
                head += fh.read(_BLANK_HEAD)
    except OSError as exc:
        raise ImportFailure(f"{path.name} を読み込めません（{exc.strerror}）。") from exc
    if not head:
        raise ImportFailure(f"{path.name} は空のファイル（0 バイト）です。")
    if head.lstrip()[:5].startswith(b"%PDF"):
        return "pdf"
    if head.startswith(SQLITE_MAGIC):
        return "store"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    from pia_desktop.importers.xlsx_reader import OLE_MAGIC, check_ole

    if head.startswith(OLE_MAGIC):
        check_ole(path, head)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "json"
    raise ImportFailure(f"{path.name} は取り込める形式ではありません（{SUPPORTED}のいずれかを指定してください）。")


def _quiet_libraries() -> None:
    """pypdf, pdfminer and openpyxl log what they repair in a damaged file, in English, on stderr (no
    handler is set, so Python's last-resort one prints them) before our own Japanese message."""
    for name in ("pypdf", "pdfminer", "pdfplumber", "openpyxl", "PIL"):
        log = logging.getLogger(name)
        if not log.handlers:
            log.addHandler(logging.NullHandler())
        log.propagate = False


def import_file(path: Path | str, form: FormDefinition | None = None, *, trust: Trust | None = None) -> ImportResult:
    """Read ``path`` into a new document (nothing is saved). Every failure is an ImportFailure
    naming the file: the readers translate what they know, and anything else a damaged file
    provokes deep inside a library is caught here (never a traceback for the user).

    A PDF carrying our attachment is read twice, attachment and pages; when they differ the result's
    ``conflict`` (importers.attachment.AttachmentConflict) is set and its ``document`` is the printed
    one, unless ``trust`` ("attachment" | "pages") already says which to take. The caller asks the
    user and calls ``result.conflict.choose(...)``; nothing may be saved while ``conflict`` is set."""
    path = Path(path)
    _quiet_libraries()
    try:
        with warnings.catch_warnings():  # openpyxl's UserWarnings are for programmers, not clerks
            warnings.simplefilter("ignore")
            return _import_file(path, form, trust)
    except PiaError:
        raise
    except MemoryError as exc:
        raise ImportFailure(f"{path.name} は大きすぎるか壊れているため読み込めません（メモリ不足）。") from exc
    except RecursionError as exc:
        raise ImportFailure(f"{path.name} は壊れているため読み込めません（入れ子が深すぎます）。") from exc
    except Exception as exc:
        raise ImportFailure(f"{path.name} は壊れているか、想定していない作りのため読み込めません（{type(exc).__name__}）。") from exc


def _import_file(path: Path, form: FormDefinition | None, trust: Trust | None) -> ImportResult:
    kind = detect_kind(path)
    if kind == "store":
        raise ImportFailure(f"{path.name} は PIA Desktop の保存ファイルです。保存ファイルからの取り込みでは、コピーする評価書を選んでください。")
    if kind == "json":
        return _native(_read_json(path), path.name, "json")
    if kind == "pdf":
        embedded, note = _embedded(path)
        if embedded is not None:
            return _checked_attachment(path, _native(embedded, path.name, "pdf-embedded"), trust)
        from pia_desktop.importers.pdf_reader import read_pdf

        source = read_pdf(path)
        if note:
            source.notes.insert(0, note)
    else:
        from pia_desktop.importers.xlsx_reader import read_xlsx

        source = read_xlsx(path)
    return _printed(source, form)


def _printed(source: SourceDocument, form: FormDefinition | None) -> ImportResult:
    from pia_desktop.importers.matching.walk import match_rows

    form = form or detect_form(source)
    doc, report = match_rows(form, source)
    if doc.get(form.roles.published):  # a printed 評価書 with its 公表日: last year's published one, kept as it was
        doc.status = PUBLISHED
        report.notes.append("公表日が記載されているため、公表済の評価書（編集できない前年度版）として取り込みます。編集は「新年度版を作成」から行います")
    if report.source_version and fold(report.source_version) != fold(form.stamp):
        report.notes.append(f"様式の版が異なります（取り込んだファイル: {report.source_version}、このアプリ: {form.stamp}）。項目の対応を確認してください。")
    return ImportResult(doc, report)


def _checked_attachment(path: Path, attached: ImportResult, trust: Trust | None) -> ImportResult:
    """The attachment when the printed pages agree with it; else the printed import carrying the
    conflict (or the one ``trust`` names). Never the attachment of a PDF printed as 公表用."""
    from pia_desktop.domain.validation import describe
    from pia_desktop.importers.attachment import AttachmentConflict, differences, printed_as_public, printed_text
    from pia_desktop.importers.pdf_reader import read_pdf

    form = load_form(attached.document.form_id)
    try:
        source = read_pdf(path)
        text = printed_text([list(r.cells) for r in source.rows])
        printed: ImportResult | None = _printed(source, form)
    except ImportFailure as exc:
        printed, unreadable = None, exc.message
    if printed is None:
        conflict = AttachmentConflict(path.name, [], attached, None, f"印刷された内容を読めないため照合できません: {unreadable}")
        return _unresolved(conflict, None, trust)
    if printed_as_public(attached.document, printed.document):
        printed.report.notes.insert(0, "公表用として印刷された PDF（「（非公表）」の記載がある）に評価書データが添付されていました。"
                                       "公表用の PDF はデータを持たないため、添付データは使わず、印刷された内容から取り込みました")
        return printed
    found = differences(form, attached.document, printed.document, describe, text)
    if not found:
        return attached
    reason = ""
    if len(found) * 2 > max(len(attached.document.values), 1):
        reason = "印刷された内容が PIA Desktop の出力と大きく異なります。別のソフトで作られたか、壊れた PDF と思われます"
    return _unresolved(AttachmentConflict(path.name, found, attached, printed, reason), printed, trust)


def _unresolved(conflict: AttachmentConflict, printed: ImportResult | None, trust: Trust | None) -> ImportResult:
    """The import ``trust`` names, or the printed one (the attachment when no page was readable)
    carrying the conflict for the caller to resolve."""
    if trust is not None:
        return conflict.choose(trust)
    shown = printed or conflict.attached
    shown.report.notes.insert(0, conflict.message() + ("（いまは印刷された内容から取り込んでいます）" if printed else ""))
    shown.conflict = conflict  # the caller asks which to trust: conflict.choose("attachment" | "pages")
    return shown


def _read_json(path: Path) -> Document:
    from pia_desktop.domain.exchange import read_document

    try:
        return read_document(path)
    except PiaError as exc:
        raise ImportFailure(exc.message) from exc


def _embedded(path: Path) -> tuple[Document | None, str]:
    """The JSON embedded in our own PDFs; (None, note) when it is missing or unreadable."""
    try:
        from pia_desktop.pdf.embedded import read_embedded_document
    except ImportError:  # PDF export not installed: published-PDF route only
        return None, ""
    try:
        doc = read_embedded_document(path)
    except PiaError as exc:
        return None, f"添付された評価書データを読めなかったため、印刷された文字から取り込みました（{exc.message}）"
    except Exception as exc:  # pypdf on a damaged file: read the printed text instead
        return None, f"添付された評価書データを読めなかったため、印刷された文字から取り込みました（{type(exc).__name__}）"
    if doc is None:
        return None, ""
    return doc, ""


def _native(doc: Document, name: str, kind: str) -> ImportResult:
    """A lossless import: every filled item is reported as imported."""
    try:
        form = load_form(doc.form_id)
    except PiaError as exc:
        raise ImportFailure(f"{name} の様式「{doc.form_id}」には対応していません（{exc.message}）。") from exc
    report = ImportReport(source=name, kind=kind)
    if kind == "pdf-embedded":
        report.notes.append("PDF に添付された評価書データ（PIA Desktop 形式）から、そのまま取り込みました")
    for slot in walk(form, doc):
        if not slot.item.has_value or slot.item.type == ItemType.FIXED:
            continue
        value = doc.get(slot.address)
        status = "imported" if value is not None and not is_empty(value) else "empty"
        report.entries.append(ReportEntry(slot.address, slot.path_text, status, value_text(value), "", kind))
    return ImportResult(doc, report)


# -- another store file (a colleague's SQLite) ------------------------------------------------------


class StoreSource:
    """A read-only look into another store file, through a temporary copy (the original may sit
    on a read-only share or be open in a colleague's app)."""

    def __init__(self, path: Path | str) -> None:
        from pia_desktop.storage.store import Store

        self.path = Path(path)
        if detect_kind(self.path) != "store":
            raise ImportFailure(f"{self.path.name} は PIA Desktop の保存ファイルではありません。")
        self._dir = tempfile.TemporaryDirectory(prefix="pia-import-")
        copy = Path(self._dir.name) / "source.sqlite3"
        try:
            shutil.copyfile(self.path, copy)
            for suffix in ("-wal", "-shm"):
                side = self.path.with_name(self.path.name + suffix)
                if side.exists():
                    shutil.copyfile(side, copy.with_name(copy.name + suffix))
            self.store = Store(copy, readonly=True)
            self.summaries = self.store.list_assessments()
        except PiaError as exc:
            self.close()
            raise ImportFailure(exc.message.replace(str(copy), self.path.name)) from exc
        except Exception as exc:  # sqlite3 errors on files that are not stores
            self.close()
            raise ImportFailure(f"{self.path.name} は PIA Desktop の保存ファイルとして読めません（{type(exc).__name__}）。") from exc

    def load(self, aid: int) -> Document:
        try:
            return self.store.load(aid)
        except PiaError as exc:
            raise ImportFailure(f"{self.path.name} の評価書 ID {aid} を読めません: {exc.message}") from exc

    def close(self) -> None:
        store = getattr(self, "store", None)
        if store is not None:
            store.close()
        # On Windows SQLite may keep a damaged copy open a while after an error (while the error's frames still
        # hold its cursors): the user must get the message naming their file, not a sharing violation on the
        # temporary copy, which is then left to the system's cleaning of %TEMP%.
        with contextlib.suppress(OSError):
            self._dir.cleanup()

    def __enter__(self) -> StoreSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def copy_from_store(source: Path | str, ids: list[int], target) -> list[int]:  # type: ignore[no-untyped-def]
    """Copy the chosen assessments of another store file into ``target`` (a Store); new ids.

    All documents are read before the first is written, so a damaged one leaves ``target`` as it was.
    """
    from pia_desktop.domain.validation import admit

    with StoreSource(source) as src:
        known = {s.id for s in src.summaries}
        missing = [i for i in ids if i not in known]
        if missing:
            raise ImportFailure(f"{src.path.name} に評価書 ID {', '.join(map(str, missing))} はありません。")
        docs = [admit(src.load(i), f"{src.path.name} の評価書 ID {i}") for i in ids]  # as store add would
    return [target.add_document(doc) for doc in docs]
