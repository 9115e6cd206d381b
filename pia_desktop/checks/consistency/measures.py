"""Ⅲ リスク対策: a measure answered as weak (行っていない, 定めていない …) while the block's
「リスクへの対策は十分か」 says 特に力を入れている or 十分である.
"""

from __future__ import annotations

from pia_desktop.checks.emit import Emitter
from pia_desktop.checks.registry import rule
from pia_desktop.domain.docview import DocView

GOOD_JUDAN = ("特に力を入れている", "十分である")

# (rule, measure item, weak answers, judgement item, section checkbox that makes the block not apply)
_MEASURE_VS_JUDGEMENT = (
    ("ninsho-judan", "3.risk2.ninsho", ("行っていない",), "3.risk2.judan", None),
    ("kitei-judan", "4.risk.kitei", ("定めていない",), "4.risk.judan", "4.shinai"),
    ("saiitaku-tanpo-judan", "4.risk.saiitaku", ("十分に行っていない",), "4.risk.judan", "4.shinai"),
    ("rule-judan", "5.risk.rule", ("定めていない",), "5.risk.judan", "5.shinai"),
    ("jiko-tejun-judan", "7.risk.1", ("十分に行っていない",), "7.risk.judan", None),
)


@rule(*(r[0] for r in _MEASURE_VS_JUDGEMENT))
def measures_vs_judgement(v: DocView, emit: Emitter) -> None:
    for f in v.files():
        for rule_id, measure, weak, judgement, shinai in _MEASURE_VS_JUDGEMENT:
            if shinai and v.flag(f"III({f}).{shinai}"):
                continue
            m_a, j_a = f"III({f}).{measure}", f"III({f}).{judgement}"
            if v.text(m_a) in weak and v.text(j_a) in GOOD_JUDAN:
                emit(rule_id, j_a, sochi=v.name(m_a), sochi_value=v.text(m_a), judan=v.name(j_a), judan_value=v.text(j_a))
