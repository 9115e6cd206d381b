"""Documents built from the form definition for the UI tests: every answerable item filled.

Used where the seed 003 fixture is not available, and as a stricter check (every item type, every
repeating group) than any real 評価書. Values are derived from the address so each one is unique.
"""

from __future__ import annotations

from pia_desktop.domain.addresses import group_key
from pia_desktop.domain.document import CheckValue, Document, Value
from pia_desktop.domain.form_definition import FormDefinition, Item, ItemType
from pia_desktop.domain.traversal import walk

DEFAULT_COUNTS = {"I.2.system[]": 3, "II.4.itaku[]": 2, "II.5.teikyo[]": 2, "II.5.iten[]": 1, "annex1.group[]": 2, "annex2.row[]": 5}
OTHER_GROUPS = 2  # entries of a repeating group the table above does not name (様式2/様式4 groups)


def _value_for(item: Item, address: str, n: int) -> Value | None:
    t = item.type
    if t in (ItemType.TEXT, ItemType.GROUP):
        return f"記載{n}：{item.label[:8]}"
    if t == ItemType.TEXTAREA:
        return f"記載{n}の一行目（{address}）\n二行目"
    if t == ItemType.NUMBER:
        return str(n)
    if t == ItemType.DATE:
        return f"令和{1 + n % 7}年{1 + n % 12}月{1 + n % 28}日"
    if t == ItemType.CHOICE:
        return item.options[n % len(item.options)].text
    if t == ItemType.CHECKBOX:
        return False  # a ticked "…しない" box would make its section not applicable
    if t == ItemType.CHECKS:
        picks = [o for o in item.options if not o.exclusive][: 2 + n % 2]
        details = {o.text: (str(n) if o.count else f"詳細{n}") for o in picks if o.free_text or o.count}
        if not any(o.free_text or o.count for o in picks):
            extra = next((o for o in item.options if o.free_text and not o.exclusive), None)
            if extra is not None:
                picks.append(extra)
                details[extra.text] = f"詳細{n}"
        return CheckValue(checked=[o.text for o in picks], details=details)
    return None


def full_document(form: FormDefinition, *, file_count: int = 1, counts: dict[str, int] | None = None) -> Document:
    """A document in which every applicable answerable item has a distinct value."""
    counts = {**DEFAULT_COUNTS, **(counts or {})}
    doc = Document(form_id=form.form_id, file_count=file_count)
    # Repeat counts first (outer groups only; nested groups do not occur in the forms).
    for item in form.iter_items():
        if item.type == ItemType.GROUP and item.id.count("[]") == 1:
            files = range(1, file_count + 1) if form.section_of(item.id).per_file else [None]
            n = counts.get(item.id, OTHER_GROUPS)
            if item.repeat is not None and item.repeat.max is not None:
                n = min(n, item.repeat.max)
            for f in files:
                doc.set_count(group_key(item.id, f, ()), n)
    for n, slot in enumerate(list(walk(form, doc)), 1):
        if slot.item.has_value:
            value = _value_for(slot.item, slot.address, n)
            doc.set(slot.address, value)
    # Choices that switch items off are turned to the option that keeps everything applicable.
    for slot in walk(form, doc):
        for cond in form.conditions:
            switches_off = cond.effect == "not_applicable" and cond.when.item == slot.item.id and cond.when.equals
            if switches_off and doc.get(slot.address) == cond.when.equals:
                other = next(o.text for o in slot.item.options if o.text != cond.when.equals)
                doc.set(slot.address, other)
    return doc
