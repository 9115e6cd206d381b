"""The durability script itself, with a few cycles (the full 200-cycle run is quoted in the issue note)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "durability.py"


def test_durability_script_reports_no_corruption_and_no_loss() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--cycles", "6", "--seed", "7"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = proc.stdout.strip().splitlines()[-1]
    assert "corrupted_stores=0" in result and "lost_acknowledged_edits=0" in result
    acked = int(result.split("acknowledged_edits=")[1].split()[0])
    assert acked > 0
