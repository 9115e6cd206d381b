"""The 点検 and しきい値判断 docks of the main window (menu 点検, declared in ``menus.py``).

Two dock panels that follow the open assessment (``OpenAssessment.changed``): the list of findings (a
double-click shows the item in the wizard) and the しきい値判断 (its result can be written into Ⅴ１②;
its inputs are saved with the assessment through the session).
When Ⅲ７② is changed to 発生あり, the しきい値判断 panel opens with a prompt to re-check it.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from pia_desktop.domain.addresses import parse_address
from pia_desktop.domain.document import ThresholdInputs
from pia_desktop.domain.validation import Finding
from pia_desktop.ui.checks.findings_page import ChecksPage
from pia_desktop.ui.checks.threshold_page import ThresholdPage

REFRESH_DELAY_MS = 800  # after typing stops


class ChecksDocks:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.session: Any = None
        self.checks = ChecksPage()
        self.threshold = ThresholdPage()
        self.checks_dock = self._dock("点検結果", "checks_dock", self.checks)
        self.threshold_dock = self._dock("しきい値判断", "threshold_dock", self.threshold)
        self.checks.jump_requested.connect(self.jump)
        self.checks.refresh_requested.connect(self.refresh)
        self.threshold.apply_v12.connect(self.write_v12)
        self.threshold.inputs_changed.connect(self.save_threshold)
        self._timer = QTimer(window)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)

        window.current.changed.connect(self.follow_session)
        self.follow_session()

    @property
    def act_checks(self) -> QAction:
        return self.window.actions["checks"]

    @property
    def act_threshold(self) -> QAction:
        return self.window.actions["threshold"]

    def show_checks(self) -> None:
        self.show(self.checks_dock)

    def show_threshold(self) -> None:
        self.show(self.threshold_dock)

    def _dock(self, title: str, name: str, widget: Any) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        return dock

    # -- following the open assessment -----------------------------------------------------------------

    def follow_session(self) -> None:
        session = self.window.current_session()
        if session is self.session:
            return
        if self.session is not None:
            for signal, slot in ((self.session.value_changed, self._changed), (self.session.document_replaced, self._replaced)):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(slot)
        self.session = session
        if session is None:
            self.checks_dock.hide()
            self.threshold_dock.hide()
            return
        session.value_changed.connect(self._changed)
        session.document_replaced.connect(self._replaced)
        self.refresh()

    def _changed(self, address: str, from_history: bool) -> None:
        self._timer.start()
        if from_history or self.session is None:
            return
        addr = parse_address(address)
        roles = self.session.form.roles
        if addr.template in (roles.jiko, roles.threshold_jiko) and self.session.doc.get(address) == "発生あり":
            self.refresh()
            self.show(self.threshold_dock)

    def _replaced(self, _focus: str) -> None:
        self._timer.start()

    def refresh(self) -> None:
        self._timer.stop()
        session = self.session
        if session is None:
            return
        if self.checks_dock.isVisible():
            self.checks.set_document(session.form, session.doc, extra=self.extra_findings())
        self.threshold.set_document(session.form, session.doc)

    def extra_findings(self) -> list[Finding]:
        """Findings the document alone cannot give: answers that differ from the 事務's other 評価書, and what
        a 変換 left to check (open notes it wrote)."""
        from pia_desktop.checks.set_check import set_findings
        from pia_desktop.notes.conversion_todo import todo_findings

        session, store = self.session, self.window.store
        if session is None or store is None:
            return []
        return [*set_findings(store, session.assessment_id, session.doc),
                *todo_findings(session.form, store.notes(session.assessment_id))]

    # -- actions --------------------------------------------------------------------------------------------

    def show(self, dock: QDockWidget) -> None:
        if self.session is None:
            self.window.statusBar().showMessage("評価書を開いてから点検してください", 5000)
            return
        self.refresh()
        if dock is self.checks_dock:
            self.checks.set_document(self.session.form, self.session.doc, extra=self.extra_findings())
        dock.show()
        dock.raise_()

    def jump(self, address: str) -> None:
        wizard = self.window.wizard
        if wizard is not None and wizard.go_to(address) is None:
            self.window.statusBar().showMessage("この項目は画面に表示されていません", 5000)

    def write_v12(self, text: str) -> None:
        if self.session is not None and not self.session.readonly:
            target = self.session.form.roles.threshold_result
            if target:
                self.session.set_value(target, text)
            self.refresh()


    def save_threshold(self, inputs: ThresholdInputs | None) -> None:
        if self.session is not None:
            self.session.set_threshold(inputs)
