"""The menu bar, declared once: every menu item, what it calls and when it can be used.

The table below reads as the menu bar does. ``build_menu_bar`` makes the QActions from it and
``apply_state`` enables each one from a single ``UiState``; the main window recomputes that state after
every change of document, store or selection, so no menu item decides its own enabled state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget


@dataclass(frozen=True)
class UiState:
    """What the window holds right now; each menu item is enabled by one of these facts."""

    store: bool = False  # a store is open
    writable: bool = False  # … and not read-only
    session: bool = False  # a 評価書 is open in the wizard
    editable: bool = False  # … and may be edited (writable store, not 公表済)
    target: bool = False  # "this 評価書": the open one, or one selected in the list
    has_files: bool = False  # the open form has per-file sections (Ⅱ, 別添1, Ⅲ)
    convertible: bool = False  # the open or selected 評価書 is a 重点 with a 全項目 mapping
    zen: bool = False  # the open 評価書 is a 全項目評価書
    can_undo: bool = False
    can_redo: bool = False

    def allows(self, when: str) -> bool:
        return all(getattr(self, part) for part in when.split("+")) if when else True


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    handler: str  # a method of the window, or of one of its parts ("yearly.roll_forward")
    when: str = ""  # UiState facts joined by "+"; "" = always
    shortcut: QKeySequence.StandardKey | str | tuple[str, ...] | None = None
    tip: str = ""


@dataclass(frozen=True)
class Menu:
    title: str
    entries: tuple[Item | Menu | str, ...]  # "-" is a separator; "recent" is the 最近使った保存ファイル list
    key: str = ""


SEP = "-"
SK = QKeySequence.StandardKey

MENU_BAR: tuple[Menu, ...] = (
    Menu("ファイル(&F)", (
        Item("new", "評価書の新規作成(&N)…", "new_assessment", "writable", SK.New),
        Item("home", "評価書一覧に戻る(&H)", "close_assessment", "session", "Ctrl+W"),
        SEP,
        Item("open_store", "保存ファイルを開く(&O)…", "ask_open_store", "", SK.Open),
        Item("new_store", "新しい保存ファイル(&C)…", "ask_new_store"),
        Menu("最近使った保存ファイル(&R)", (), key="recent"),
        SEP,
        Menu("出力(&E)", (
            Item("preview", "印刷プレビュー(&V)…", "output.preview", "session", SK.Print, "出力されるPDFを画面で確認し、印刷します"),
            Item("pdf_submit", "PDF出力（提出用）(&P)…", "output.export_submit", "session",
                 tip="個人情報保護委員会へ提出するPDF（非公表の記載を含むすべての記載を添付データとして埋め込みます）"),
            Item("pdf_public", "PDF出力（公表用）(&U)…", "output.export_public", "session",
                 tip="非公表の記載を「（非公表）」と印字した公表用のPDF（添付データはありません）"),
            Item("json", "JSON で保存(&J)…", "output.export_json", "session",
                 tip="評価書データ（JSON）：非公表の記載を含むすべての回答。別の保存ファイルや PIA Desktop への受け渡しに使います"),
        ), key="export"),
        Menu("取り込み(&I)", (
            Item("import", "前年度の評価書を取り込む(&P)…", "yearly.import_file", "writable",
                 tip="PDF・Excel・JSON、または他の保存ファイルから評価書を取り込みます"),
        ), key="import"),
        SEP,
        Item("quit", "終了(&X)", "close", "", SK.Quit),
    )),
    Menu("編集(&E)", (
        Item("undo", "元に戻す(&U)", "undo", "can_undo", ("Ctrl+Z",)),
        Item("redo", "やり直し(&R)", "redo", "can_redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
        SEP,
        Item("find", "項目を検索(&F)…", "find", "session", SK.Find),
        Item("help_item", "この項目の記載要領(&H)", "item_help", "session", "F1"),
    )),
    Menu("評価書(&A)", (
        Item("prev", "前のセクション(&P)", "previous_section", "session", "Ctrl+PgUp"),
        Item("next", "次のセクション(&N)", "next_section", "session", "Ctrl+PgDown"),
        SEP,
        Item("snapshot", "版を保存(&S)…", "save_revision", "editable"),
        Item("revisions", "版の一覧・復元(&V)…", "show_revisions", "session"),
        SEP,
        Item("non_public", "この項目を非公表にする／戻す(&H)", "toggle_non_public", "editable", "Ctrl+Shift+H",
             "公表用PDFで、この項目の記載の代わりに（非公表）と印字します"),
        SEP,
        Item("add_file", "特定個人情報ファイルを追加", "add_file", "editable+has_files"),
        Item("remove_file", "特定個人情報ファイルを削除…", "remove_file", "editable+has_files"),
        SEP,
        Item("align_set", "事務の評価書の記載をそろえる(&G)…", "align_set", "writable+target",
             tip="同じ事務の基礎項目評価書と重点項目評価書（全項目評価書）の共通の項目をそろえ、異なる記載を一覧します"),
        Item("convert", "全項目評価書に変換(&Z)…", "yearly.convert_assessment", "writable+convertible",
             tip="重点項目評価書の記載を引き継いだ全項目評価書を作ります（重点項目評価書はそのまま残ります）"),
        SEP,
        Item("review", "見直しを記録(&M)…", "record_review", "writable+target",
             tip="見直しの日・実施者・結果を記録します（記載は変わりません）。見直しの目安はこの日から数えます"),
        SEP,
        Item("roll_forward", "新年度版を作成(&Y)", "yearly.roll_forward", "writable+target",
             tip="選んだ評価書を前年度版（基準）として、今年度の作成中の評価書を作ります"),
        Item("changes", "変更箇所の作成(&K)…", "yearly.make_changes", "editable",
             tip="前年度版との違いから（別添２）変更箇所の行を提案します"),
    )),
    Menu("共通(&C)", (
        Item("shared", "共通項目の編集(&S)…", "edit_shared_facts", "store",
             tip="複数の評価書で使う記載（連絡先・システム・委託先など）をまとめて変更します"),
        Item("portfolio", "評価書の一覧表（取りまとめ）(&L)…", "show_portfolio", "store",
             tip="事務ごとの評価書、最後の見直し、期限、誤りの件数を一覧し、CSV・Excelに保存します"),
    )),
    Menu("指摘(&N)", (
        Item("note_add", "この項目に指摘を追加(&A)…", "notes.add_note_here", "writable+session", "Ctrl+Shift+M",
             "選んでいる項目に指摘（修正依頼・確認・参考・意見）を加えます"),
        Item("notes", "指摘一覧(&L)", "notes.show", "session", "F8", "この評価書への指摘と回答を一覧し、回答・確認します"),
        SEP,
        Item("notes_export", "指摘ファイルを書き出す(&E)…", "notes.export_file", "session",
             tip="この評価書の指摘と回答をファイル（JSON）に書き出し、相手に渡します"),
        Item("notes_import", "指摘ファイルを取り込む(&I)…", "notes.import_file", "writable",
             tip="相手から届いた指摘ファイルを、その評価書の指摘に取り込みます（指摘ごとに新しい方を採用）"),
        Item("notes_report", "指摘・回答一覧を出力（Excel・PDF）(&O)…", "notes.export_report", "session",
             tip="決裁用に、指摘と回答を文書の順に一覧にします"),
        SEP,
        Item("process", "意見の聴取・第三者点検の記録(&P)…", "notes.record_process", "editable+zen",
             tip="全項目評価書の意見の聴取の期間と第三者点検を記録し、Ⅵの下書きを作ります"),
    )),
    Menu("点検(&K)", (
        Item("checks", "点検結果の一覧(&L)", "checks_extension.show_checks", "session", "F7"),
        Item("threshold", "しきい値判断(&T)", "checks_extension.show_threshold", "session"),
    )),
    Menu("ヘルプ(&H)", (
        Item("sample", "サンプルの評価書を開く(&S)", "open_sample", "writable",
             tip="公表されている評価書をもとにしたサンプルを保存ファイルに加えて開きます"),
        SEP,
        Item("about", "PIA Desktop について(&A)", "about"),
    )),
)


def _resolve(owner: Any, path: str) -> Callable[[], Any]:
    def call() -> Any:
        target = owner
        for part in path.split("."):
            target = getattr(target, part)
        return target()

    return call


def _fill(menu: QMenu, entries: tuple[Item | Menu | str, ...], owner: QWidget, actions: dict[str, QAction],
          menus: dict[str, QMenu]) -> None:
    for entry in entries:
        if entry == SEP:
            menu.addSeparator()
        elif isinstance(entry, Menu):
            sub = menu.addMenu(entry.title)
            if entry.key:
                menus[entry.key] = sub
            _fill(sub, entry.entries, owner, actions, menus)
        elif isinstance(entry, Item):
            action = QAction(entry.text, owner)
            if isinstance(entry.shortcut, tuple):
                action.setShortcuts([QKeySequence(s) for s in entry.shortcut])
            elif entry.shortcut is not None:
                action.setShortcut(QKeySequence(entry.shortcut))
            if entry.tip:
                action.setToolTip(entry.tip)
                action.setStatusTip(entry.tip)
            call = _resolve(owner, entry.handler)
            action.triggered.connect(lambda _checked=False, call=call: call())
            menu.addAction(action)
            actions[entry.key] = action


def build_menu_bar(bar: QMenuBar, owner: QWidget) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Every action of the table, by key, and the sub-menus that have a key (recent, export, import)."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    for menu in MENU_BAR:
        _fill(bar.addMenu(menu.title), menu.entries, owner, actions, menus)
    return actions, menus


def _items(entries: tuple[Item | Menu | str, ...]) -> list[Item]:
    out: list[Item] = []
    for entry in entries:
        if isinstance(entry, Menu):
            out += _items(entry.entries)
        elif isinstance(entry, Item):
            out.append(entry)
    return out


ITEMS: dict[str, Item] = {item.key: item for menu in MENU_BAR for item in _items(menu.entries)}


def apply_state(actions: dict[str, QAction], state: UiState) -> None:
    for key, action in actions.items():
        item = ITEMS.get(key)
        if item is not None:
            action.setEnabled(state.allows(item.when))
