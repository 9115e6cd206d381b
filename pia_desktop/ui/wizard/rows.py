"""The row of one item on a wizard page: its printed label (with ※), its editor, help on demand,
and in-place marks for "not applicable", "required but empty" and "invalid"."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget

from pia_desktop.domain.form_definition import Item, ItemType
from pia_desktop.ui.shell.look import (
    COLOR_ERROR,
    COLOR_FLASH,
    COLOR_HELP,
    COLOR_HELP_BG,
    COLOR_MISSING,
    COLOR_NA,
    COLOR_STAR,
    emphasize,
    set_background,
    set_text_color,
)
from pia_desktop.ui.wizard.editors.base import ItemEditor

LABEL_WIDTH = 260
STACK_LABEL_CHARS = 48  # labels longer than this sit above their editor, full width, as printed
STAR = "※"
NON_PUBLIC_TAG = "（非公表）"
CHANGED_TAG = "前年度から変更"
COLOR_CHANGED = "#1f5f99"
COLOR_CHANGED_BG = "#e3eefa"
OLD_TEXT_CHARS = 300  # of last year's answer in the tooltip


def label_html(text: str, *, dim: bool = False) -> str:
    """The printed label with its ※ in the mark colour."""
    body = html.escape(text).replace(STAR, f'<span style="color:{COLOR_STAR}; font-weight:bold">{STAR}</span>')
    return f'<span style="color:{COLOR_NA}">{body}</span>' if dim else body


def star_suffix(item: Item) -> str:
    """For items whose ※ is inherited from a heading (Ⅲ) or excluded from it (Ⅲ７②): a small mark."""
    if STAR in item.label or item.star not in ("inherited", "excluded"):
        return ""
    if item.star == "inherited":
        return f' <span style="color:{COLOR_STAR}; font-size:8pt">{STAR}</span>'
    return f' <span style="color:{COLOR_NA}; font-size:8pt">（{STAR}対象外）</span>'


def star_tip(item: Item, star_note: str) -> str:
    if item.star in ("printed", "inherited"):
        return "※ 重要な変更の対象となる項目です。" + (f"（{star_note}）" if star_note else "")
    if item.star == "excluded":
        return "※ 重要な変更の対象から除かれている項目です。" + (f"（{star_note}）" if star_note else "")
    return ""


def show_marker(marker: QLabel, missing: str | None, error: str | None) -> None:
    """"● 誤り…" in red, "○ 未記入です" in amber, or nothing."""
    if error:
        set_text_color(marker, COLOR_ERROR)
        marker.setText(f"● {error}")
    elif missing:
        set_text_color(marker, COLOR_MISSING)
        marker.setText(f"○ {missing}")
    marker.setVisible(bool(error or missing))


class Marked:
    """What rows, headings and groups share: an address, a not-applicable state and a marker line."""

    address: str

    def set_not_applicable(self, reason: str | None) -> None:
        raise NotImplementedError

    def set_findings(self, missing: str | None, error: str | None) -> None:
        raise NotImplementedError


class ItemRow(QFrame, Marked):
    """Label │ editor │ ？. The not-applicable note, the marker and the help text appear under the
    editor when needed; they are created on first use (a 別添２ page has hundreds of rows)."""

    def __init__(self, item: Item, address: str, editor: ItemEditor, *, label: str | None = None, star_note: str = "") -> None:
        super().__init__()
        self.item = item
        self.address = address
        self.editor = editor
        self.readonly = False
        self._na_reason: str | None = None
        self.label_text = item.label if label is None else label
        self._suffix = star_suffix(item)
        self.non_public = False
        self.old_text: str | None = None  # last year's answer when this year's differs (a 新年度版)
        self._help_tip = "\n".join(t for t in (item.help, star_tip(item, star_note)) if t)
        self.na_label: QLabel | None = None
        self.marker: QLabel | None = None
        self.help_label: QLabel | None = None
        self.grid = grid = QGridLayout(self)
        grid.setContentsMargins(4, 3, 4, 3)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)

        self.label = QLabel(self._label_html(False))
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setBuddy(editor)
        self.label.setToolTip(self._help_tip)

        self.help_button = QToolButton()
        self.help_button.setText("？")
        self.help_button.setCheckable(True)
        self.help_button.setToolTip("記載要領を表示します（F1）")
        self.help_button.setAccessibleName(f"{self.label_text}の記載要領")
        self.help_button.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # F1 reaches help from the keyboard
        self.help_button.toggled.connect(self._show_help)
        if not item.help:
            self.help_button.hide()

        self.lines: list[QLabel] = []  # the not-applicable note, the marker, the help text, as created
        self.compact = False
        if item.type == ItemType.CHECKBOX:
            self.label.hide()  # the box carries the label itself ("[ ] 委託しない"), as in the printed heading row
        self._arrange()
        grid.setColumnStretch(1, 1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _arrange(self) -> None:
        """Label beside the editor, or above it (long printed labels, and narrow windows)."""
        grid = self.grid
        for w in (self.label, self.editor, self.help_button, *self.lines):
            grid.removeWidget(w)
        if self.item.type == ItemType.CHECKBOX:
            self._col, self._span, row = 0, 2, 0
        elif self.compact or len(self.label_text) > STACK_LABEL_CHARS:
            self.label.setMinimumWidth(0)
            self.label.setMaximumWidth(16777215)
            grid.addWidget(self.label, 0, 0, 1, 2)
            self._col, self._span, row = 0, 2, 1
        else:
            self.label.setFixedWidth(LABEL_WIDTH)
            grid.addWidget(self.label, 0, 0, Qt.AlignmentFlag.AlignTop)
            self._col, self._span, row = 1, 1, 0
        grid.addWidget(self.editor, row, self._col, 1, self._span)
        grid.addWidget(self.help_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        self._next_row = row + 1
        for line in self.lines:
            grid.addWidget(line, self._next_row, self._col, 1, self._span)
            self._next_row += 1

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self._arrange()

    def _label_html(self, dim: bool) -> str:
        tag = f' <span style="color:{COLOR_NA}; font-size:8pt">{NON_PUBLIC_TAG}</span>' if self.non_public else ""
        if self.old_text is not None:
            tag += (f' <span style="color:{COLOR_CHANGED}; background-color:{COLOR_CHANGED_BG}; font-size:8pt">'
                    f"&nbsp;{CHANGED_TAG}&nbsp;</span>")
        return label_html(self.label_text, dim=dim) + self._suffix + tag

    def set_changed(self, old_text: str | None) -> None:
        """Marks the item as changed since last year (``old_text``: last year's answer) or not (None)."""
        if old_text == self.old_text:
            return
        self.old_text = old_text
        self.label.setText(self._label_html(self._na_reason is not None))
        self._set_tips()

    def changed_tip(self) -> str:
        if self.old_text is None:
            return ""
        old = self.old_text if len(self.old_text) <= OLD_TEXT_CHARS else self.old_text[:OLD_TEXT_CHARS] + "…"
        return f"{CHANGED_TAG}。前年度の記載：\n{old}"

    def _set_tips(self) -> None:
        na = f"該当なし：{self._na_reason}" if self._na_reason is not None else ""
        changed = self.changed_tip()
        self.setToolTip(na or changed)
        self.label.setToolTip("\n\n".join(t for t in (na or self._help_tip, changed) if t))
        self.editor.setToolTip(na or changed)

    def set_non_public(self, non_public: bool) -> None:
        """Shown as （非公表） after the label: the 公表用 PDF prints that instead of the answer."""
        if non_public != self.non_public:
            self.non_public = non_public
            self.label.setText(self._label_html(self._na_reason is not None))

    def _line(self) -> QLabel:
        line = QLabel()
        line.setWordWrap(True)
        self.grid.addWidget(line, self._next_row, self._col, 1, self._span)
        self._next_row += 1
        self.lines.append(line)
        return line

    def _show_help(self, on: bool) -> None:
        if self.help_label is None:
            if not on:
                return
            self.help_label = self._line()
            self.help_label.setText(self.item.help)
            self.help_label.setMargin(6)
            self.help_label.setFrameShape(QFrame.Shape.StyledPanel)
            set_text_color(self.help_label, COLOR_HELP)
            set_background(self.help_label, COLOR_HELP_BG)
        self.help_label.setVisible(on)

    def help_visible(self) -> bool:
        return self.help_label is not None and not self.help_label.isHidden()

    def focus_widgets(self) -> list[QWidget]:
        return self.editor.focus_widgets()

    def toggle_help(self) -> None:
        self.help_button.setChecked(not self.help_button.isChecked())

    def set_read_only(self, readonly: bool) -> None:
        self.readonly = readonly
        self.editor.set_read_only(readonly or self._na_reason is not None)

    def set_not_applicable(self, reason: str | None) -> None:
        if reason == self._na_reason:
            return
        self._na_reason = reason
        na = reason is not None
        self.editor.setEnabled(not na)
        if not self.readonly:
            self.editor.set_read_only(na)
        self.label.setText(self._label_html(na))
        if na and self.na_label is None:
            self.na_label = self._line()
            set_text_color(self.na_label, COLOR_NA)
        if self.na_label is not None:
            self.na_label.setText(f"該当なし（{reason}）" if na else "")
            self.na_label.setVisible(na)
        self._set_tips()

    @property
    def not_applicable_reason(self) -> str | None:
        return self._na_reason

    def set_findings(self, missing: str | None, error: str | None) -> None:
        if self.marker is None:
            if not (missing or error):
                return
            self.marker = self._line()
        show_marker(self.marker, missing, error)

    def marker_text(self) -> str:
        return "" if self.marker is None or self.marker.isHidden() else self.marker.text()

    def flash(self, on: bool) -> None:
        set_background(self, COLOR_FLASH if on else None)


class HeadingRow(QLabel, Marked):
    """A heading of the form ("１．特定個人情報ファイルを取り扱う事務", "リスク１：…", "再委託")."""

    def __init__(self, item: Item, address: str, level: int) -> None:
        super().__init__(label_html(item.label))
        self.item = item
        self.address = address
        emphasize(self, "heading1" if level <= 1 else "heading2")
        self.setMargin(4)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self._na: str | None = None

    def set_not_applicable(self, reason: str | None) -> None:
        if reason == self._na:
            return
        self._na = reason
        suffix = f'　<span style="color:{COLOR_NA}; font-weight:normal">（該当なし）</span>' if reason else ""
        self.setText(label_html(self.item.label, dim=reason is not None) + suffix)
        self.setToolTip(f"該当なし：{reason}" if reason else "")

    def set_findings(self, missing: str | None, error: str | None) -> None:
        pass


class FixedRow(QFrame):
    """Pre-printed text ("別添１を参照。"): shown, not edited."""

    def __init__(self, item: Item, text: str) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 3, 4, 3)
        grid.setHorizontalSpacing(10)
        label = QLabel(label_html(item.label))
        label.setWordWrap(True)
        label.setFixedWidth(LABEL_WIDTH)
        value = QLabel(text)
        set_text_color(value, COLOR_HELP)
        value.setWordWrap(True)
        grid.addWidget(label, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(value, 0, 1)
        grid.setColumnStretch(1, 1)
