"""The yearly review: roll an assessment forward (新年度版を作成), propose its (別添２)変更箇所 rows
against the baseline, let the user edit them, and append the kept ones. No Qt here."""

from pia_desktop.changes.diff import propose_changes
from pia_desktop.changes.rollforward import roll_forward, rolled_forward
from pia_desktop.changes.rows import ChangeRow, append_rows, drop_rows, edit_row, merge_at, merge_rows

__all__ = ["ChangeRow", "append_rows", "drop_rows", "edit_row", "merge_at", "merge_rows", "propose_changes", "roll_forward", "rolled_forward"]
