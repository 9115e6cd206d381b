"""The band over a 公表済 評価書: it is last year's published text, the baseline of next year's comparison,
so it opens read-only and offers the way to edit — its 新年度版."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from pia_desktop.ui.shell.look import set_background

BANNER_BG = "#FFF4D6"


def published_banner(on_roll_forward: Callable[[], object]) -> QFrame:
    band = QFrame()
    band.setObjectName("published_banner")
    set_background(band, BANNER_BG)
    row = QHBoxLayout(band)
    row.setContentsMargins(8, 4, 8, 4)
    text = QLabel("この評価書は公表済です（前年度版として変更箇所の比較の基準になるため、編集できません）。"
                  "記載を変えるには新年度版を作成します。")
    text.setWordWrap(True)
    button = QPushButton("新年度版を作成…")
    button.setObjectName("published_roll_forward")
    button.clicked.connect(lambda: on_roll_forward())
    row.addWidget(text, 1)
    row.addWidget(button)
    return band
