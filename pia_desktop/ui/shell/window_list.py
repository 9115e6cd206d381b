"""What the main window does with the 評価書 of the list: create a set, the sample, copy, delete, restore.

A mixin of ``MainWindow`` (``self`` is the window).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pia_desktop.domain.assessment_set import new_documents
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.exchange import read_document
from pia_desktop.domain.form_definition import available_forms, load_form
from pia_desktop.resources import resources_dir
from pia_desktop.storage.store import new_jimu

if TYPE_CHECKING:
    from pia_desktop.ui.shell.main_window import MainWindow

SAMPLE_MARK = "【サンプル】"


def sample_documents() -> list[Path]:
    return sorted((resources_dir() / "samples").glob("*.json"))


class ListWindow:
    """Mixed into MainWindow."""

    def maybe_offer_sample(self: MainWindow) -> bool:
        """First start with an empty store: offer to open the bundled sample 評価書."""
        store = self.store
        if store is None or store.readonly or self.settings.sample_offered(store.path):
            return False
        if store.list_assessments() or store.list_assessments(deleted=True):
            return False
        if not sample_documents():
            return False
        self.settings.mark_sample_offered(store.path)
        if not self.dialogs.confirm(
            self, "サンプルの評価書",
            "保存ファイルに評価書がありません。\n公表されている評価書をもとにしたサンプルを開いて、操作を試してみますか？\n"
            "（サンプルは一覧から削除できます。あとから「ヘルプ › サンプルの評価書を開く」でも開けます）",
            "サンプルを開く",
        ):
            return False
        return self.open_sample() is not None

    def open_sample(self: MainWindow) -> int | None:
        """Add the bundled sample to the store, its name marked 【サンプル】, and open it."""
        samples = sample_documents()
        if self.store is None or self.store.readonly or not samples:
            return None
        try:
            doc = read_document(samples[0])
            title = load_form(doc.form_id).roles.title
            name = str(doc.get(title) or "")
            if title and not name.startswith(SAMPLE_MARK):
                doc.set(title, SAMPLE_MARK + name)
            aid = self.store.add_document(doc)
        except PiaError as exc:
            self.dialogs.error(self, "サンプルを開けません", exc.message)
            return None
        self.home.refresh(select=aid)
        self.open_assessment(aid)
        return aid

    def new_assessment(self: MainWindow) -> int | None:
        if self.store is None or self.store.readonly:
            return None
        forms = {}
        for form_id in available_forms():
            f = load_form(form_id)
            forms[form_id] = f"{f.name}　[{f.version_label}]"
        answer = self.dialogs.ask_new_assessment(self, forms)
        if answer is None:
            return None
        try:
            docs = new_documents(list(answer.all_forms()), answer.file_count, answer.jimu_name, answer.answers)
        except PiaError as exc:
            self.dialogs.error(self, "評価書を作成できません", exc.message)
            return None
        jimu = new_jimu()  # the 評価書 of one 事務 (基礎 + 重点/全項目) are linked, and shown together
        ids = [self.store.add_document(d, jimu=jimu) for d in docs]
        self.home.refresh(select=ids[0])
        self.open_assessment(ids[0])
        if len(ids) > 1:
            names = "・".join(load_form(d.form_id).short_name for d in docs)
            self.statusBar().showMessage(f"{names}を作成しました（一覧に並べて表示します）", 10000)
        return ids[0]

    def duplicate_assessment(self: MainWindow, aid: int) -> int | None:
        if self.store is None:
            return None
        new_id = self.store.duplicate(aid)
        self.home.refresh(select=new_id)
        self.statusBar().showMessage("複製しました", 5000)
        return new_id

    def delete_assessment(self: MainWindow, aid: int) -> bool:
        if self.store is None:
            return False
        name = self.home.cell(aid, "評価書名")
        if not self.dialogs.confirm(self, "評価書の削除", f"「{name}」をごみ箱に移しますか？\n（ごみ箱から元に戻せます）", "ごみ箱に移す"):
            return False
        if self.current.assessment_id == aid:
            self.close_assessment()
        self.store.delete(aid)
        self.home.refresh()
        self.statusBar().showMessage(f"「{name}」をごみ箱に移しました", 5000)
        return True

    def restore_assessment(self: MainWindow, aid: int) -> None:
        if self.store is None:
            return
        self.store.undelete(aid)
        self.home.refresh()
        self.statusBar().showMessage("評価書を一覧に戻しました", 5000)

    def purge_assessment(self: MainWindow, aid: int) -> bool:
        if self.store is None:
            return False
        name = self.home.cell(aid, "評価書名")
        if not self.dialogs.confirm(
            self, "完全に削除", f"「{name}」を完全に削除しますか？\nこの操作は元に戻せません（版もすべて削除されます）。", "完全に削除する"
        ):
            return False
        self.store.purge(aid)
        self.home.refresh()
        return True
