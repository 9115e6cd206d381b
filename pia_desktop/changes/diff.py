"""The 変更箇所 generator: compare a draft with its baseline item by item and propose rows.

Repeat entries (システム, 委託事項, 提供先, 移転先, 別添1 groups) are paired by their name before
their fields are compared, so a 委託事項 inserted in the middle is one added row, not a cascade of
changed ones. An added or removed entry, or 特定個人情報ファイル, is one row.

提出時期 follows the ※ flags of the form definition: a changed ※ item is a 重要な変更 (事前, no
explanation); Ⅲ７② and the other unmarked items are 事後 with 「重要な変更項目でないため」; when the
しきい値判断 result changed, it and the items that follow from it (Ⅲ７②) are 事後 with
「しきい値判断結果の変更のため」. A text change that only rewrites a citation forms/rules/citations.yaml
flags (別表第1 → 別表) is 事後 with 「法令改正等による形式的な変更…」, ※ or not (citation_follow.py).
The phrases and item lists are rule data (forms/rules/phrases.yaml).
(別添２) itself is history and never compared.
"""

from __future__ import annotations

import difflib
from datetime import date

from pia_desktop.changes.citation_follow import follows_citation_rule
from pia_desktop.changes.item_text import item_text
from pia_desktop.changes.phrases import PhraseRules, phrase_rules
from pia_desktop.changes.rows import ChangeRow, Kind, Timing
from pia_desktop.domain.addresses import format_address, group_key
from pia_desktop.domain.document import Document, Value, is_empty
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType, load_form
from pia_desktop.domain.validation import display_value
from pia_desktop.domain.wareki import parse_wareki
from pia_desktop.importers.folding import fold


class _Differ:
    def __init__(self, form: FormDefinition, old: Document, new: Document, changed_on: str, rules: PhraseRules) -> None:
        self.form = form
        self.old = old
        self.new = new
        self.changed_on = changed_on
        self.rules = rules
        self.multi_file = max(old.file_count, new.file_count) > 1
        self.threshold_items = rules.threshold_items(form)
        self.threshold_linked = rules.threshold_linked_items(form)
        self.not_logged = rules.not_logged(form)
        parsed = parse_wareki(changed_on) if changed_on else None
        self.as_of = parsed.to_date() if parsed else date.today()  # citation rules in force on the 変更日
        self.threshold_changed = any(self._norm(old.get(a)) != self._norm(new.get(a)) for a in self.threshold_items)
        self.rows: list[ChangeRow] = []

    # -- values ---------------------------------------------------------------------------------

    @staticmethod
    def _norm(value: Value | None) -> object:
        if value is None or is_empty(value):
            return None
        if isinstance(value, str):
            return "\n".join(line.rstrip() for line in value.strip().replace("\r\n", "\n").split("\n"))
        if isinstance(value, bool):
            return value
        return (tuple(value.checked), tuple(sorted((k, v.strip()) for k, v in value.details.items() if v.strip() and k in value.checked)))

    def _text(self, address: str, value: Value | None) -> str:
        return display_value(self.form, address, value) if value is not None else ""

    # -- timing ---------------------------------------------------------------------------------

    def _timing(self, item: Item, starred: bool, formal: bool = False) -> tuple[Timing, str]:
        if item.id in self.threshold_items or (self.threshold_changed and item.id in self.threshold_linked):
            return "事後", self.rules.threshold
        if formal:
            return "事後", self.rules.citation
        if starred:
            return "事前", ""
        return "事後", self.rules.not_starred

    def _row(self, item: Item, address: str, before: str, after: str, kind: Kind, starred: bool,
             addresses: tuple[str, ...] = (), *, formal: bool = False) -> None:
        timing, reason = self._timing(item, starred, formal)
        self.rows.append(ChangeRow(
            changed_on=self.changed_on,
            item=item_text(self.form, address, multi_file=self.multi_file),
            before=before,
            after=after,
            timing=timing,
            reason=reason,
            addresses=addresses or (address,),
            kind=kind,
            starred=starred,
        ))

    # -- the walk -------------------------------------------------------------------------------

    def run(self) -> list[ChangeRow]:
        for section in self.form.items:
            if section.type == ItemType.FIXED or section.id == self.form.roles.changes:
                continue
            if not section.per_file:
                self._compare(section, None, None, (), ())
                continue
            for f in range(1, max(self.old.file_count, self.new.file_count) + 1):
                in_old, in_new = f <= self.old.file_count, f <= self.new.file_count
                if in_old and in_new:
                    self._compare(section, f, f, (), ())
                else:
                    self._whole_file(section, f, added=in_new)
        return self.rows

    def _compare(self, item: Item, f_old: int | None, f_new: int | None, s_old: tuple[int, ...], s_new: tuple[int, ...]) -> None:
        if item.id in self.not_logged:
            return
        if item.type == ItemType.GROUP:
            self._compare_group(item, f_old, f_new, s_old, s_new)
            return
        if item.type in (ItemType.HEADING, ItemType.FIXED):
            for child in item.children:
                self._compare(child, f_old, f_new, s_old, s_new)
            return
        a_old = format_address(item.id, f_old, s_old)
        a_new = format_address(item.id, f_new, s_new)
        v_old, v_new = self.old.get(a_old), self.new.get(a_new)
        if self._norm(v_old) != self._norm(v_new):
            formal = isinstance(v_old, str) and isinstance(v_new, str) and follows_citation_rule(
                v_old, v_new, template=item.id, as_of=self.as_of)
            self._row(item, a_new, self._text(a_old, v_old), self._text(a_new, v_new), "changed", item.starred, formal=formal)
        for child in item.children:
            self._compare(child, f_old, f_new, s_old, s_new)

    # -- repeat entries -----------------------------------------------------------------------------

    def _entry_name(self, doc: Document, group: Item, file: int | None, slots: tuple[int, ...]) -> str:
        """What names an entry: its title (委託事項), else its first filled text (①システムの名称)."""
        if group.repeat and group.repeat.titled:
            title = doc.get(format_address(group.id, file, slots))
            if isinstance(title, str) and title.strip():
                return title.strip()
        for child in group.children:
            if child.type in (ItemType.TEXT, ItemType.TEXTAREA):
                value = doc.get(format_address(child.id, file, slots))
                if isinstance(value, str) and value.strip():
                    return value.strip().split("\n")[0]
        return ""

    def _content(self, doc: Document, group: Item, file: int | None, slots: tuple[int, ...]) -> tuple[object, ...]:
        """Everything an entry holds, normalised: entries with equal content are the same entry."""
        prefix = format_address(group.id, file, slots)
        return tuple(sorted(
            (k[len(prefix):], repr(self._norm(v))) for k, v in doc.values.items()
            if k == prefix or k.startswith((prefix + ".", prefix + "["))
        ))

    def _compare_group(self, group: Item, f_old: int | None, f_new: int | None, s_old: tuple[int, ...], s_new: tuple[int, ...]) -> None:
        n_old = self.old.count(group_key(group.id, f_old, s_old))
        n_new = self.new.count(group_key(group.id, f_new, s_new))
        # 1. entries whose whole content is unchanged pair up wherever they moved to
        content_old = [self._content(self.old, group, f_old, (*s_old, i)) for i in range(1, n_old + 1)]
        content_new = [self._content(self.new, group, f_new, (*s_new, j)) for j in range(1, n_new + 1)]
        pairs: dict[int, int] = {}  # new index → old index (0-based)
        free_old = list(range(n_old))
        for j, content in enumerate(content_new):
            i = next((i for i in free_old if content_old[i] == content), None)
            if i is not None:
                pairs[j] = i
                free_old.remove(i)
        # 2. the others pair by name, in order (a renamed entry pairs with the one in its place)
        free_new = [j for j in range(n_new) if j not in pairs]
        names_old = [fold(self._entry_name(self.old, group, f_old, (*s_old, i + 1))) for i in free_old]
        names_new = [fold(self._entry_name(self.new, group, f_new, (*s_new, j + 1))) for j in free_new]
        removed: list[int] = []
        matcher = difflib.SequenceMatcher(None, names_old, names_new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            both = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
            for k in range(both):
                pairs[free_new[j1 + k]] = free_old[i1 + k]
            removed.extend(free_old[i1 + both:i2])
        # 3. rows in the draft's order; a removed entry after the entry that preceded it
        ops: list[tuple[float, int, int | None]] = []  # (order, new index or -1, old index)
        for j in range(n_new):
            ops.append((j, j, pairs.get(j)))
        for i in removed:
            before = [j for j, i2 in pairs.items() if i2 < i]
            ops.append(((max(before) if before else -1) + 0.5, -1, i))
        for _, j, i in sorted(ops, key=lambda op: op[0]):
            if j >= 0 and i is not None:
                if content_old[i] != content_new[j]:
                    self._compare_entry(group, f_old, f_new, (*s_old, i + 1), (*s_new, j + 1))
            elif j >= 0:
                self._entry_row(group, f_new, (*s_new, j + 1), added=True)
            elif i is not None:
                self._entry_row(group, f_old, (*s_old, i + 1), added=False)

    def _compare_entry(self, group: Item, f_old: int | None, f_new: int | None, s_old: tuple[int, ...], s_new: tuple[int, ...]) -> None:
        if group.repeat and group.repeat.titled:
            a_old, a_new = format_address(group.id, f_old, s_old), format_address(group.id, f_new, s_new)
            v_old, v_new = self.old.get(a_old), self.new.get(a_new)
            if self._norm(v_old) != self._norm(v_new):
                self._row(group, a_new, self._text(a_old, v_old), self._text(a_new, v_new), "changed", group.starred)
        for child in group.children:
            self._compare(child, f_old, f_new, s_old, s_new)

    def _filled_starred(self, doc: Document, item: Item, file: int | None, slots: tuple[int, ...]) -> bool:
        """Whether any ※ item under ``item`` has a value in this entry (or file)."""
        for child in item.children:
            if child.type == ItemType.GROUP:
                for n in range(1, doc.count(group_key(child.id, file, slots)) + 1):
                    if self._filled_starred(doc, child, file, (*slots, n)):
                        return True
                continue
            if child.starred and child.has_value and doc.get(format_address(child.id, file, slots)) is not None:
                return True
            if self._filled_starred(doc, child, file, slots):
                return True
        return False

    def _entry_row(self, group: Item, file: int | None, slots: tuple[int, ...], *, added: bool) -> None:
        doc = self.new if added else self.old
        name = self._entry_name(doc, group, file, slots) or (group.repeat.slot_name(slots[-1]) if group.repeat else "")
        address = format_address(group.id, file, slots)
        starred = group.starred or self._filled_starred(doc, group, file, slots)
        before, after = ("", f"「{name}」を追加") if added else (name, f"「{name}」を削除")
        self._row(group, address, before, after, "added" if added else "removed", starred)

    def _whole_file(self, section: Item, file: int, *, added: bool) -> None:
        doc = self.new if added else self.old
        name = ""
        first = next((c for c in section.children if c.type in (ItemType.TEXT, ItemType.TEXTAREA)), None)
        if first is not None:
            value = doc.get(format_address(first.id, file, ()))
            name = value.strip() if isinstance(value, str) else ""
        label = name or f"特定個人情報ファイル（{file}）"
        before, after = ("", f"「{label}」を追加") if added else (label, f"「{label}」を削除")
        starred = section.starred or self._filled_starred(doc, section, file, ())
        self._row(section, format_address(section.id, file, ()), before, after, "added" if added else "removed", starred)


def propose_changes(old: Document, new: Document, *, changed_on: str | None = None, form: FormDefinition | None = None,
                    rules: PhraseRules | None = None) -> list[ChangeRow]:
    """Rows for every difference between ``old`` (the baseline) and ``new`` (the draft), in
    document order. 変更日 defaults to the draft's 公表日."""
    form = form or load_form(new.form_id)
    rules = rules or phrase_rules()
    if changed_on is None:
        kohyo = new.get(form.roles.published)
        changed_on = kohyo if isinstance(kohyo, str) else ""
    return _Differ(form, old, new, changed_on, rules).run()
