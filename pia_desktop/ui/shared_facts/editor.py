"""共通項目 in the editor (the wizard): the name of the fact an item is linked to, and the item's menu
(make a fact, link, unlink, 共通項目を編集…, 定型文).

A link replaces the item's text through the open assessment's undo stack (``links.saver_for``), so
「元に戻す」 takes it back. Every question goes through the wizard's ``Dialogs``."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMenu

from pia_desktop.domain.document import is_empty
from pia_desktop.domain.errors import PiaError
from pia_desktop.domain.form_definition import ItemType
from pia_desktop.shared import facts as sf
from pia_desktop.storage.store import FactRow
from pia_desktop.ui.shared_facts.dialog import open_editor
from pia_desktop.ui.shared_facts.links import refresh_pages, saver_for, session_links


def link_name_for(session: Any, address: str) -> str | None:
    """The fact the item is linked to, itself or through the entry it lies in."""
    links = session_links(session)
    if address in links:
        return links[address]
    for entry in sf.entry_addresses(address):
        if entry in links:
            return f"{links[entry]}（まとまり）"
    return None


# -- the wizard's item menu ---------------------------------------------------------------------------


def row_menu(page: Any, row: Any, at: Any) -> QMenu:
    """The item's context menu: the wizard's own entries, then 共通項目 and 定型文."""
    wizard = page.wizard
    session = wizard.session
    menu = QMenu(page)
    act = menu.addAction("公表用PDFで（非公表）と印字する")
    act.setCheckable(True)
    act.setChecked(row.address in session.doc.non_public)
    act.setEnabled(not session.readonly)
    act.triggered.connect(lambda _c=False: wizard.toggle_non_public(row))
    if row.item.help:
        menu.addAction("記載要領を表示", row.toggle_help)
    writable = not session.readonly
    textarea = row.item.type == ItemType.TEXTAREA
    if textarea:
        menu.addSeparator()
        a = menu.addAction("定型文を挿入(&T)…", lambda: insert_phrase(page, row))
        a.setEnabled(writable)
        a = menu.addAction("選んだ文を定型文に登録…", lambda: save_phrase(page, row))
        a.setEnabled(writable and bool(row.editor.edit.textCursor().selectedText()))
    menu.addSeparator()
    fill_fact_menu(menu, page, row.address, writable)
    menu.popup(at)
    return menu


def fill_fact_menu(menu: QMenu, page: Any, address: str, writable: bool) -> None:
    wizard = page.wizard
    session = wizard.session
    links = session_links(session)
    store = session.store
    linked_here = [a for a in (address, *sf.entry_addresses(address)) if a in links]
    for a in linked_here:
        info = menu.addAction(f"共通項目「{links[a]}」に連結しています")
        info.setEnabled(False)
        menu.addAction("共通項目を編集…", lambda a=a: open_editor(wizard.window(), session.store.links_of(session.assessment_id).get(a)))
        un = menu.addAction("連結を解除（記載はそのまま）", lambda a=a: unlink(page, a))
        un.setEnabled(writable)
    try:
        facts = store.facts()
    except PiaError:
        facts = []
    offers = [(a, f) for a, f in sf.offers(session.form, facts, address) if a not in links]
    if offers:
        sub = menu.addMenu("共通項目に連結")
        sub.setEnabled(writable)
        for a, f in offers:
            label = f"{f.name}　— {sf.fact_text(f, limit=40)}" + ("（まとまり）" if f.kind == "entry" else "")
            sub.addAction(label, lambda a=a, f=f: link_here(page, a, f))
    item = session.form.index.get(sf.parse_address(address).template)
    if item is not None and item.type in sf.TEXT_TYPES and address not in links:
        a = menu.addAction("この項目を共通項目にする…", lambda: make_here(page, address, entry=False))
        a.setEnabled(writable and not is_empty(session.doc.get(address)))
    entries = [e for e in sf.entry_addresses(address) if e not in links]
    if entries:
        a = menu.addAction("このまとまり（システム・委託事項など）を共通項目にする…", lambda: make_here(page, entries[0], entry=True))
        a.setEnabled(writable)


def make_here(page: Any, address: str, *, entry: bool) -> int | None:
    wizard = page.wizard
    session = wizard.session
    current = sf.value_at(session.doc, address, "entry" if entry else "text")
    default = sf.fact_text(FactRow(0, "", "entry" if entry else "text", "", current, ""), limit=30) if current else ""
    name = wizard.dialogs.ask_text(wizard, "共通項目にする", "共通項目の名前（例：総務課の連絡先）", default)
    if not name or not name.strip():
        return None
    try:
        fid = sf.make_fact(session.store, session.assessment_id, address, name, entry=entry)
    except PiaError as exc:
        wizard.dialogs.error(wizard, "共通項目にできません", exc.message)
        return None
    refresh_pages(wizard)
    return fid


def link_here(page: Any, address: str, fact: FactRow) -> bool:
    wizard = page.wizard
    session = wizard.session
    current = sf.value_at(session.doc, address, fact.kind)
    if current and not sf.same(current, fact.value) and not wizard.dialogs.confirm(
        wizard, "共通項目に連結", f"この項目の記載を共通項目「{fact.name}」の記載に置き換えます。\n（「元に戻す」で取り消せます）", "置き換える"):
        return False
    try:
        sf.link(session.store, session.assessment_id, address, fact.id, save=saver_for(wizard.window()))
    except PiaError as exc:
        wizard.dialogs.error(wizard, "共通項目に連結できません", exc.message)
        return False
    refresh_pages(wizard)
    return True


def unlink(page: Any, address: str) -> None:
    wizard = page.wizard
    session = wizard.session
    try:
        session.store.unlink(session.assessment_id, address)
    except PiaError as exc:
        wizard.dialogs.error(wizard, "連結を解除できません", exc.message)
        return
    refresh_pages(wizard)


def insert_phrase(page: Any, row: Any) -> bool:
    from pia_desktop.shared.phrases import all_phrases
    from pia_desktop.ui.shared_facts.phrase_picker import insert_into

    wizard = page.wizard
    phrase = wizard.dialogs.pick_phrase(wizard, all_phrases(wizard.session.store))
    if phrase is None:
        return False
    insert_into(row.editor.edit, phrase.text)
    return True


def save_phrase(page: Any, row: Any) -> int | None:
    wizard = page.wizard
    text = row.editor.edit.textCursor().selectedText().replace("\u2029", "\n").strip()
    if not text:
        return None
    title = wizard.dialogs.ask_text(wizard, "定型文に登録", "定型文の名前", text.splitlines()[0][:30])
    if not title or not title.strip():
        return None
    return int(wizard.session.store.add_phrase(title.strip(), text))

