"""The document model: the answers of one 評価書, keyed by concrete address.

A choice is stored as its option text ("十分である"), never as a position, so a document survives
option renumbering between 様式 versions. Empty answers are not stored at all.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import Field

from pia_desktop.domain.addresses import format_address, parse_address
from pia_desktop.domain.conversion import Record, replace

FORMAT_NAME = "pia-desktop/assessment"
FORMAT_VERSION = 3  # 2 added ``reviews``, 3 ``identity``; a file is written in the lowest version that holds it
REVIEW_RESULTS = ("変更なし", "修正", "再実施")
STATUSES = ("作成中", "確認中", "確定")  # what the user picks while writing
PUBLISHED = "公表済"  # an imported, published 評価書 (last year's baseline): the store refuses edits to it
MAX_FILES = 50


class CheckValue(Record):
    """The ticked boxes of a check-item set, with the text in "その他 （ … ）" or a "（ n ） 件" count."""

    checked: list[str] = []
    details: dict[str, str] = {}

    def is_empty(self) -> bool:
        return not self.checked and not any(v.strip() for v in self.details.values())


Value = str | bool | CheckValue


class ThresholdInputs(Record):
    """しきい値判断（点検 › しきい値判断）の入力のうち、評価書の記載から導けないもの。

    null の項目は評価書の記載に従う（対象人数はⅠ１③、取扱者数はⅡ３④と委託事項②の区分の合計、
    重大事故はⅢ７②がすべて「発生なし」なら「発生なし」、それ以外は「未確認」）。
    """

    taisho_ninzu: Annotated[int, Field(ge=0, description="対象人数を人数で入力したときの人数（null は区分による）")] | None = None
    taisho_kubun: Annotated[str, Field(
        min_length=1,
        description="対象人数をⅠ１③と異なる区分で判断したときの区分（Ⅰ１③の選択肢の文字又は「30万人以上」。null はⅠ１③に従う）")] | None = None
    toriatsukai_ninzu: Annotated[int, Field(
        ge=0,
        description="取扱者数（職員と委託先の従業者の合計）を人数で入力したときの人数（null は使用者数・委託先の取扱者数の区分から見積もる）")] | None = None
    jiko: Annotated[bool, Field(
        description="過去1年以内の特定個人情報に関する重大事故：true は発生あり、false は発生なし、null は未確認（Ⅲ７②から導けるときはそれに従う）")] | None = None
    handan_bi: Annotated[date, Field(description="しきい値判断の入力を最後に変更した日（判断した日）")]

    def same_inputs(self, other: ThresholdInputs | None) -> bool:
        """The same answers, whatever the day they were given."""
        return other is not None and replace(other, handan_bi=self.handan_bi) == self


class ReviewRecord(Record):
    """One recorded 見直し: the day, who did it and what came of it (a review need not change anything)."""

    reviewed_on: Annotated[date, Field(description="見直しを行った日")]
    reviewer: Annotated[str, Field(max_length=200, description="見直しを行った者（課・氏名）")] = ""
    result: Annotated[Literal["変更なし", "修正", "再実施"], Field(description="見直しの結果：変更なし、修正（評価書の修正）又は再実施")]
    note: Annotated[str, Field(max_length=4000, description="備考")] = ""


class Identity(Record):
    """Which 評価書 this is, the same in every store it is exported to or imported into: notes files
    (指摘と回答) find it by this. A 新年度版 keeps ``uid`` and gets a new ``version``."""

    uid: Annotated[str, Field(pattern="^[0-9a-f]{32}$", description="評価書の識別子（年度をまたいで同じ）")]
    version: Annotated[str, Field(pattern="^[0-9a-f]{32}$", description="この版（年度）の識別子：新年度版で新しくなる")]


class Document(Record):
    """One 評価書. ``values`` maps concrete addresses (``II(1).4.itaku[2].3``) to answers."""

    format: Literal["pia-desktop/assessment"] = FORMAT_NAME
    format_version: int = FORMAT_VERSION
    form_id: str
    status: Literal["作成中", "確認中", "確定", "公表済"] = "作成中"
    file_count: Annotated[int, Field(ge=1, le=MAX_FILES)] = 1
    repeat_counts: dict[str, int] = {}
    values: dict[str, Value] = {}
    non_public: list[str] = []  # addresses printed as "（非公表）" in the 公表用 PDF
    threshold: Annotated[ThresholdInputs, Field(
        description="しきい値判断の入力（様式の記載事項ではない）。入力がなければ書き出さない")] | None = None
    reviews: Annotated[list[ReviewRecord], Field(
        description="見直しの記録（様式の記載事項ではない）。古い順。記録がなければ書き出さない")] = []
    identity: Annotated[Identity, Field(
        description="評価書の識別子（様式の記載事項ではない）。保存ファイルから書き出すと付く")] | None = None

    def copy(self, **changes: Any) -> Document:
        """A deep copy (edits to it never reach this one), with ``changes`` to its fields."""
        return copy.deepcopy(replace(self, **changes) if changes else self)

    def last_review(self) -> ReviewRecord | None:
        """The latest recorded 見直し (by date, then by the order recorded)."""
        return max(reversed(self.reviews), key=lambda r: r.reviewed_on) if self.reviews else None

    # -- values -------------------------------------------------------------------------------

    def get(self, address: str) -> Value | None:
        return self.values.get(address)

    def set(self, address: str, value: Value | None) -> None:
        if is_empty(value):
            self.values.pop(address, None)
        else:
            assert value is not None
            self.values[address] = value

    # -- repeating groups ------------------------------------------------------------------------

    def count(self, group: str) -> int:
        """Number of entries of a repeating group, e.g. ``count("II(1).4.itaku")``."""
        return self.repeat_counts.get(group, 0)

    def set_count(self, group: str, n: int) -> None:
        if n:
            self.repeat_counts[group] = n
        else:
            self.repeat_counts.pop(group, None)

    def add_entry(self, group: str) -> int:
        n = self.count(group) + 1
        self.set_count(group, n)
        return n

    def remove_entry(self, group: str, n: int) -> None:
        """Remove entry n and renumber the ones after it."""
        total = self.count(group)
        if not 1 <= n <= total:
            raise IndexError(n)
        self._drop_prefix(f"{group}[{n}]")
        for k in range(n + 1, total + 1):
            self._rename_prefix(f"{group}[{k}]", f"{group}[{k - 1}]")
        self.set_count(group, total - 1)

    def move_entry(self, group: str, n: int, to: int) -> None:
        """Move entry n to position ``to``, shifting the ones between."""
        total = self.count(group)
        if not (1 <= n <= total and 1 <= to <= total) or n == to:
            return
        tmp = f"{group}[0]"
        self._rename_prefix(f"{group}[{n}]", tmp)
        step = 1 if to > n else -1
        for k in range(n + step, to + step, step):
            self._rename_prefix(f"{group}[{k}]", f"{group}[{k - step}]")
        self._rename_prefix(tmp, f"{group}[{to}]")

    # -- per-file sections ---------------------------------------------------------------------------

    def add_file(self) -> int:
        self.file_count += 1
        return self.file_count

    def remove_file(self, n: int, per_file_sections: list[str]) -> None:
        if self.file_count <= 1 or not 1 <= n <= self.file_count:
            raise IndexError(n)
        for sec in per_file_sections:
            self._drop_prefix(f"{sec}({n})")
            for k in range(n + 1, self.file_count + 1):
                self._rename_prefix(f"{sec}({k})", f"{sec}({k - 1})")
        self.file_count -= 1

    # -- helpers ---------------------------------------------------------------------------------

    @staticmethod
    def _under(key: str, prefix: str) -> bool:
        return key == prefix or key.startswith((prefix + ".", prefix + "["))

    def _drop_prefix(self, prefix: str) -> None:
        for key in [k for k in self.values if self._under(k, prefix)]:
            del self.values[key]
        for key in [k for k in self.repeat_counts if self._under(k, prefix)]:
            del self.repeat_counts[key]
        self.non_public = [k for k in self.non_public if not self._under(k, prefix)]

    def _rename_prefix(self, old: str, new: str) -> None:
        def ren(key: str) -> str:
            return new + key[len(old) :] if self._under(key, old) else key

        self.values = {ren(k): v for k, v in self.values.items()}
        self.repeat_counts = {ren(k): v for k, v in self.repeat_counts.items()}
        self.non_public = [ren(k) for k in self.non_public]


def is_empty(value: Value | None) -> bool:
    if value is None or value is False:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, CheckValue):
        return value.is_empty()
    return False


def value_text(value: Value | None, count_options: frozenset[str] = frozenset(), *, checkbox_mark: str = "○") -> str:
    """The value as text, as ``dump`` and the 変更箇所 rows show it.

    ``count_options`` names the options whose detail is a "（ n ） 件" count rather than free text.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return checkbox_mark if value else ""
    if isinstance(value, str):
        return value
    parts = []
    for label in value.checked:
        detail = value.details.get(label, "").strip()
        if detail and label in count_options:
            parts.append(f"{label}（{detail}件）")
        elif detail:
            parts.append(f"{label}（{detail}）")
        else:
            parts.append(label)
    return "、".join(parts)


def template_of(address: str) -> str:
    return parse_address(address).template


__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "PUBLISHED",
    "REVIEW_RESULTS",
    "STATUSES",
    "CheckValue",
    "Document",
    "ReviewRecord",
    "ThresholdInputs",
    "Value",
    "format_address",
    "is_empty",
    "template_of",
    "value_text",
]
