"""The hostile-input corpus (tests/hostile/corpus.py), every case run as the user would run it, each
in a subprocess under a memory limit and a timeout: a Japanese message naming the file or a correct
import, never a traceback, and the user's store unchanged on refusal."""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hostile.corpus import FIXTURES, Case, Outcome, build, run_argv, verdict

# Each case runs in a child under a memory limit and is timed by wait4: POSIX only. Windows runs the same
# checks in-process through the importers' own tests (tests/importers/test_import_limits.py).
pytestmark = pytest.mark.skipif(os.name == "nt", reason="resource limits and wait4 are POSIX only")


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(path.parent.glob(path.name + "*")):
        if p.is_file():
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def _seed_store(path: Path) -> None:
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.storage.store import Store

    with Store(path) as store:
        store.add_document(read_document(FIXTURES / "seed-003.json"))


def run_case(case: Case, work: Path, template: Path, outcomes: list[Outcome] | None = None) -> list[str]:
    """The problems of one case (each argv on a fresh copy of the user's store); ``outcomes`` collects
    each run's exit code, time and peak memory."""
    problems = []
    for i, argv in enumerate(case.argvs):
        home = work / f"home{i}"
        out = work / f"out{i}"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        out.mkdir(parents=True, exist_ok=True)
        store = home / "pia-desktop.sqlite3"
        shutil.copy(template, store)
        before = _digest(store)
        args = [a.replace("{store}", str(store)).replace("{out}", str(out)) for a in argv]
        env = {**os.environ, "PIA_DESKTOP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        outcome = run_argv(args, env)
        if outcomes is not None:
            outcomes.append(outcome)
        why = verdict(case, outcome)
        if why is None and outcome.code not in (0, None) and _digest(store) != before:
            why = "the store changed although the command failed"
        if why:
            problems.append(f"{case.name}: {' '.join(argv[:2])}: {why}")
    return problems


def test_every_hostile_case_is_refused_or_imported_within_limits(tmp_path: Path) -> None:
    cases = build(tmp_path / "corpus", bomb_mb=200)
    template = tmp_path / "template.sqlite3"
    _seed_store(template)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda ic: run_case(ic[1], tmp_path / f"case{ic[0]}", template), enumerate(cases)))
    problems = [p for r in results for p in r]
    assert not problems, "\n".join(problems)
    assert len(cases) >= 40


@pytest.mark.parametrize("mb", [1])
def test_the_generator_makes_what_it_says(tmp_path: Path, mb: int) -> None:
    from tests.hostile.corpus import pdf_cases

    names = {c.name for c in pdf_cases(tmp_path, bomb_mb=mb)}
    assert "one page of 400,000 text lines" in names
    assert (tmp_path / "lines-400k.pdf").stat().st_size < 3_000_000
