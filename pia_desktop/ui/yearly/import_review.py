"""取り込み結果の確認: the import report item by item, before anything is saved.

``ImportReviewDialog`` shows what was read from the file (取り込み済み / 要確認 / 見つからない /
空欄) with the source text and where it was found, the file's notes and every piece of text that
went into no item (未配置) or needs a look (要確認). An unplaced piece can be placed by hand —
appended to an item or replacing its value — or set aside as not needed; the assignments change
the result's document and are kept in its report. Accepting means "add this document to the
store"; the caller does the saving, so nothing is written before the user accepts.
``StoreChoiceDialog`` lets the user tick which assessments of another store file to copy in.
Both are self-contained (no main-window dependency).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import load_form
from pia_desktop.domain.traversal import walk
from pia_desktop.domain.validation import describe
from pia_desktop.importers.placing import assign, can_append, dismiss, targets
from pia_desktop.importers.report import FORM_KINDS, FRAGMENT_LABELS, STATUS_LABELS, ImportResult
from pia_desktop.ui.shell.screen_fit import fit_window

COLUMNS = ("項目", "状態", "取り込んだ値", "元の記載", "場所", "備考")
FILTERS = (("要確認・見つからない", {"ambiguous", "not_found"}), ("すべて", set(STATUS_LABELS)),
           ("取り込み済み", {"imported"}), ("要確認", {"ambiguous"}), ("見つからない", {"not_found"}), ("空欄", {"empty"}))
KIND_LABELS = {"json": "PIA Desktop の JSON", "pdf-embedded": "PIA Desktop の PDF（添付データ）", "pdf": "PDF（印刷された文字）",
               "xlsx": "Excel", "store": "保存ファイル"}
_MAX_CELL = 300
FRAGMENT_COLUMNS = ("場所", "状態", "記載", "入った項目・理由")
FRAGMENT_FILTERS = (("未配置・要確認", {"unplaced", "review"}), ("未配置", {"unplaced"}), ("要確認", {"review"}),
                    ("すべての記載", set(FRAGMENT_LABELS)))


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= _MAX_CELL else one[:_MAX_CELL] + "…"


class ImportReviewDialog(QDialog):
    def __init__(self, result: ImportResult, parent: QWidget | None = None, facts: list | None = None) -> None:  # type: ignore[type-arg]
        super().__init__(parent)
        self.result = result
        self._paths: dict[str, str] | None = None
        report = result.report
        self.setWindowTitle(f"取り込み結果の確認 — {report.source}")
        fit_window(self, QSize(1100, 700), "import_review")
        layout = QVBoxLayout(self)

        kind = KIND_LABELS.get(report.kind, report.kind)
        counts = "、".join(f"{STATUS_LABELS[s]} {report.count(s)} 件" for s in ("imported", "ambiguous", "not_found", "empty"))  # type: ignore[arg-type]
        self.summary = QLabel(f"<b>{html.escape(report.source)}</b>（{kind}）<br>{counts}")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        notes = list(report.notes)
        if report.source_version:
            notes.insert(0, f"様式: {report.source_version}")
        self.notes = QLabel("\n".join(f"・{n}" for n in notes))
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(notes))
        layout.addWidget(self.notes)

        tabs = QTabWidget()
        items_page = QWidget()
        items_layout = QVBoxLayout(items_page)
        bar = QHBoxLayout()
        filter_label = QLabel("表示(&V):")
        bar.addWidget(filter_label)
        self.filter = QComboBox()
        filter_label.setBuddy(self.filter)
        for label, _ in FILTERS:
            self.filter.addItem(label)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        items_layout.addLayout(bar)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((320, 90, 260, 260, 90, 200)):
            self.table.setColumnWidth(col, width)
        items_layout.addWidget(self.table)
        tabs.addTab(items_page, "項目ごとの結果")

        self.tabs = tabs
        self.fragments_page = self._fragments_page()
        tabs.addTab(self.fragments_page, "")
        # Values equal to a 共通項目 of the store: offered as links, made after the document is saved.
        from pia_desktop.shared.suggest import suggest_links

        self.link_suggestions = suggest_links(result.document, facts or [])
        self.links_list = QListWidget()
        self.links_list.setAccessibleName("共通項目への連結")
        for s in self.link_suggestions:
            entry = QListWidgetItem(f"{self.path_of(s.address)}　→　共通項目「{s.fact_name}」")
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked)
            self.links_list.addItem(entry)
        if self.link_suggestions:
            tabs.addTab(self.links_list, f"共通項目への連結（{len(self.link_suggestions)}）")
        layout.addWidget(tabs, 1)

        hint = QLabel("「要確認」「見つからない」の項目は、保存後に評価書の画面で確認・記入してください。"
                      "未配置の記載は「読み取った記載」の画面で項目に割り当てられます。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("保存ファイルに追加(&S)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取り込まない")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()
        if not any(e.status in ("ambiguous", "not_found") for e in report.entries):
            self.filter.setCurrentIndex(1)  # nothing to look at first: show everything
        self._apply_filter()
        self._fill_fragments()
        self._update_counts()
        if report.unplaced:
            tabs.setCurrentWidget(self.fragments_page)  # text in no item: the first thing to see

    # -- the fragments: everything read from the file ---------------------------------------------

    def accepted_links(self) -> list:  # type: ignore[type-arg]
        """The suggested links (LinkSuggestion) the user kept ticked."""
        return [s for i, s in enumerate(self.link_suggestions) if self.links_list.item(i).checkState() == Qt.CheckState.Checked]

    def _fragments_page(self) -> QWidget:
        page = QWidget()
        lay = QVBoxLayout(page)
        bar = QHBoxLayout()
        filter_label = QLabel("表示(&W):")
        bar.addWidget(filter_label)
        self.fragment_filter = QComboBox()
        filter_label.setBuddy(self.fragment_filter)
        for label, _ in FRAGMENT_FILTERS:
            self.fragment_filter.addItem(label)
        self.fragment_filter.currentIndexChanged.connect(self._apply_fragment_filter)
        bar.addWidget(self.fragment_filter)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.fragment_table = QTableWidget(0, len(FRAGMENT_COLUMNS))
        self.fragment_table.setHorizontalHeaderLabels(list(FRAGMENT_COLUMNS))
        self.fragment_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fragment_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fragment_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.fragment_table.setWordWrap(True)
        for col, width in enumerate((110, 90, 520, 320)):
            self.fragment_table.setColumnWidth(col, width)
        self.fragment_table.horizontalHeader().setStretchLastSection(True)
        self.fragment_table.itemSelectionChanged.connect(self._fragment_selected)
        lay.addWidget(self.fragment_table, 1)
        place = QHBoxLayout()
        target_label = QLabel("割り当てる項目(&T):")
        place.addWidget(target_label)
        self.target = QComboBox()
        target_label.setBuddy(self.target)
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(30)  # long item paths must not widen the dialog
        self.target.setEditable(True)
        self.target.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for address, path in targets(self.result):
            self.target.addItem(path, address)  # the printed path, as dump shows it; never the internal address
        completer = self.target.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.target.currentIndexChanged.connect(lambda _i: self._fragment_selected())
        place.addWidget(self.target, 1)
        self.mode = QComboBox()
        self.mode.addItem("値に追記", "append")
        self.mode.addItem("値を置き換え", "replace")
        place.addWidget(self.mode)
        self.assign_button = QPushButton("項目に割り当てる(&A)")
        self.assign_button.clicked.connect(self._assign)
        place.addWidget(self.assign_button)
        self.dismiss_button = QPushButton("不要（様式の文字など）(&N)")
        self.dismiss_button.clicked.connect(self._dismiss)
        place.addWidget(self.dismiss_button)
        lay.addLayout(place)
        self.place_message = QLabel("")
        self.place_message.setWordWrap(True)
        lay.addWidget(self.place_message)
        return page

    def _fragment_text(self, index: int) -> tuple[str, ...]:
        f = self.result.report.fragments[index]
        if f.status == "form":
            detail = FORM_KINDS.get(f.kind, f.kind)
        elif f.status in ("placed", "review"):
            detail = "、".join(self.path_of(a) for a in f.addresses)
            if f.note:
                detail = f"{detail}（{f.note}）"
        else:
            detail = f.note
        return (f.where, FRAGMENT_LABELS[f.status], _short(f.text), detail)

    def path_of(self, address: str) -> str:
        """The item's printed path (as ``pia-desktop dump`` prints it), for an address of the document."""
        if self._paths is None:
            doc = self.result.document
            self._paths = {slot.address: slot.path_text for slot in walk(load_form(doc.form_id), doc)}
            self._paths.update(dict(targets(self.result)))
        return self._paths.get(address) or describe(load_form(self.result.document.form_id), address)

    def _fill_fragments(self) -> None:
        frags = self.result.report.fragments
        self.fragment_table.setRowCount(len(frags))
        for r in range(len(frags)):
            self._fill_fragment_row(r)
        self._apply_fragment_filter()

    def _fill_fragment_row(self, r: int) -> None:
        f = self.result.report.fragments[r]
        for c, text in enumerate(self._fragment_text(r)):
            item = QTableWidgetItem(text)
            item.setToolTip(f.text if c == 2 and len(f.text) < 2000 else text)
            if c == 1:
                item.setData(Qt.ItemDataRole.UserRole, f.status)
            self.fragment_table.setItem(r, c, item)

    def _apply_fragment_filter(self) -> None:
        wanted = FRAGMENT_FILTERS[self.fragment_filter.currentIndex()][1]
        for r, f in enumerate(self.result.report.fragments):
            self.fragment_table.setRowHidden(r, f.status not in wanted)

    def _update_counts(self) -> None:
        report = self.result.report
        unplaced, review = report.fragment_count("unplaced"), report.fragment_count("review")
        self.tabs.setTabText(self.tabs.indexOf(self.fragments_page),
                             f"読み取った記載（{len(report.fragments)} 件: 未配置 {unplaced}、要確認 {review}）")
        kind = KIND_LABELS.get(report.kind, report.kind)
        counts = "、".join(f"{STATUS_LABELS[s]} {report.count(s)} 件" for s in ("imported", "ambiguous", "not_found", "empty"))  # type: ignore[arg-type]
        warn = (f"<br><span style='color:#b00020'><b>どの項目にも入っていない記載が {unplaced} 件あります。</b>"
                "「読み取った記載」で項目に割り当てるか、不要として確認してください。</span>") if unplaced else ""
        self.summary.setText(f"<b>{html.escape(report.source)}</b>（{kind}）<br>{counts}{warn}")
        self._fragment_selected()

    def selected_fragment(self) -> int | None:
        rows = {i.row() for i in self.fragment_table.selectedItems()}
        return min(rows) if rows else None

    def _fragment_selected(self) -> None:
        index = self.selected_fragment()
        ok = index is not None and self.result.report.fragments[index].status in ("unplaced", "review")
        address = self.target.currentData()
        self.assign_button.setEnabled(ok and address is not None)
        self.dismiss_button.setEnabled(ok and self.result.report.fragments[index].status == "unplaced" if index is not None else False)
        self.mode.setEnabled(address is not None and can_append(self.result, address))

    def select_fragment(self, index: int) -> None:
        self.fragment_table.selectRow(index)

    def set_target(self, address: str) -> None:
        self.target.setCurrentIndex(self.target.findData(address))

    def _assign(self) -> None:
        index = self.selected_fragment()
        address = self.target.currentData()
        if index is None or address is None:
            return
        mode = self.mode.currentData() if self.mode.isEnabled() else "replace"
        try:
            shown = assign(self.result, index, address, mode)
        except PiaError as exc:
            self.place_message.setText(exc.message)
            return
        self.place_message.setText(f"{self.target.currentText()} に割り当てました: {_short(shown)[:120]}")
        self._fill_fragment_row(index)
        self._refresh_entry(address)
        self._apply_fragment_filter()
        self._update_counts()

    def _dismiss(self) -> None:
        index = self.selected_fragment()
        if index is None:
            return
        dismiss(self.result, index)
        self.place_message.setText("不要な記載として確認しました。")
        self._fill_fragment_row(index)
        self._apply_fragment_filter()
        self._update_counts()

    def _refresh_entry(self, address: str) -> None:
        for r, e in enumerate(self.result.report.entries):
            if e.address == address:
                for c, text in enumerate((e.path, STATUS_LABELS[e.status], _short(e.value), _short(e.source), e.where, e.note)):
                    item = QTableWidgetItem(text)
                    if c == 1:
                        item.setData(Qt.ItemDataRole.UserRole, e.status)
                    self.table.setItem(r, c, item)
        self._apply_filter()

    def _fill(self) -> None:
        entries = self.result.report.entries
        self.table.setRowCount(len(entries))
        for r, e in enumerate(entries):
            cells = (e.path, STATUS_LABELS[e.status], _short(e.value), _short(e.source), e.where, e.note)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text if len(text) < 2000 else text[:2000] + "…")
                if c == 1:
                    item.setData(Qt.ItemDataRole.UserRole, e.status)
                self.table.setItem(r, c, item)

    def _apply_filter(self) -> None:
        wanted = FILTERS[self.filter.currentIndex()][1]
        for r in range(self.table.rowCount()):
            status = self.table.item(r, 1).data(Qt.ItemDataRole.UserRole)
            self.table.setRowHidden(r, status not in wanted)

    def visible_addresses(self) -> list[str]:
        entries = self.result.report.entries
        return [entries[r].address for r in range(self.table.rowCount()) if not self.table.isRowHidden(r)]

    def set_filter(self, label: str) -> None:
        self.filter.setCurrentIndex([f[0] for f in FILTERS].index(label))


class StoreChoiceDialog(QDialog):
    """Which assessments of another store file to copy in (all ticked at first)."""

    def __init__(self, source_name: str, summaries: list, parent: QWidget | None = None) -> None:  # type: ignore[type-arg]
        super().__init__(parent)
        self.setWindowTitle(f"保存ファイルからの取り込み — {source_name}")
        fit_window(self, QSize(700, 420), "store_choice")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{source_name} に含まれる評価書です。取り込むものに印を付けてください。"))
        self.list = QListWidget()
        for s in summaries:
            item = QListWidgetItem(f"{s.number or '－'}　{s.name or '（評価書名未記入）'}　{s.org}　{s.published}　［{s.status}］")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("取り込む(&I)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.itemChanged.connect(lambda _i: self.ok_button.setEnabled(bool(self.chosen_ids())))

    def chosen_ids(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
