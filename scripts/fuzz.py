#!/usr/bin/env python3
"""Hostile files for ``pia-desktop import``: damaged copies of real PDFs, workbooks, JSON and store
files, each imported the way a user would, counting tracebacks, hangs and changes to the store.

    .venv/bin/python scripts/fuzz.py [--cases 10000] [--seed 12] [--timeout 20] [--workers 2]
                                     [--small] [--keep DIR] [--json SUMMARY.json]

Every case is one mutated file (byte flips, truncation, a chunk spliced in from another file or
the same one, a zeroed block; for workbooks also one damaged part inside the zip) from a fixed
seed, so a case number always reproduces the same file. Cases run in long-lived worker
processes (``--worker``) that call the CLI's ``main`` in-process: an exception escaping ``main``
is a traceback the user would have seen. A case not answered within ``--timeout`` seconds is a
hang (the worker is killed and replaced). After every case the worker checks that the user's
store is unchanged when the import failed, that no output was written on failure, and that the
source file was not modified. ``--small`` uses only small generated files (for CI).

Exit status: 0 when there were no tracebacks, hangs or store changes, else 1.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import queue
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path("/work/shared/samples/published")
KINDS = ("pdf", "xlsx", "json", "store")
MUTATIONS = ("flip", "truncate", "splice", "zero", "inner")
MEMORY_LIMIT = 2 * 1024**3  # address space of a worker
RSS_RECYCLE_MB = 500  # a worker past this is replaced, so each case's peak is its own (nearly)
RSS_LIMIT_MB = 1024
PDF_PAGES = 3  # published samples are cut to their first pages (a whole sample costs ~2 s a case; --whole adds them)


# -- the corpus -----------------------------------------------------------------------------------


SMALL_ROWS = [
    ("[令和6年10月 様式3]", ""), ("評価書番号", "12"), ("評価書名", "住民税に関する事務 重点項目評価書"), ("評価実施機関名", "テスト市長"),
    ("公表日", "令和7年6月1日"), ("Ⅰ 基本情報", ""), ("1. 特定個人情報ファイルを取り扱う事務", ""),
    ("①事務の名称", "住民税の賦課に関する事務"), ("②事務の内容", "地方税法に基づき住民税を賦課する。"),
    ("③対象人数", "[ 1万人以上10万人未満 ]"), ("2. 特定個人情報ファイルを取り扱う事務において使用するシステム", ""), ("システム1", ""),
    ("①システムの名称", "住民税システム"), ("②システムの機能", "賦課、収納"), ("6. 評価実施機関における担当部署", ""),
    ("①部署", "市民税課"), ("②所属長の役職名", "市民税課長"), ("Ⅱ 特定個人情報ファイルの概要", ""), ("1. 特定個人情報ファイル名", ""),
    ("住民税ファイル", ""), ("2. 基本情報", ""), ("①ファイルの種類 ※", "[ システム用ファイル ]"),
    ("③対象となる本人の範囲 ※", "市内に住所を有する者"), ("⑤保有開始日", "平成28年1月1日"), ("⑥事務担当部署", "市民税課"),
    ("（別添1） 特定個人情報ファイル記録項目", ""), ("【識別情報】", ""), ("1.個人番号,2.宛名番号", ""), ("◆連絡先情報", ""),
    ("1.氏名,2.住所", ""), ("市独自の欄", "どの項目にも当てはまらない記載"),
]


def _small_pdf(path: Path) -> None:
    """Two pages of ruled label │ value rows (a 評価書 cut short), drawn with ReportLab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiKakuGo-W5"))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("HeiseiKakuGo-W5", 9)
    y = 800.0
    for label, value in SMALL_ROWS:
        if y < 60:
            c.showPage()
            c.setFont("HeiseiKakuGo-W5", 9)
            y = 800.0
        if value:
            c.rect(50, y - 6, 160, 18)
            c.rect(210, y - 6, 330, 18)
            c.drawString(214, y, value)
        else:
            c.rect(50, y - 6, 490, 18)
        c.drawString(54, y, label)
        y -= 18
    c.showPage()
    c.save()


def _small_xlsx(path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "評価書"
    for r, (label, value) in enumerate(SMALL_ROWS, start=1):
        ws.cell(r, 1, label)
        if value:
            ws.cell(r, 3, value)
            ws.merge_cells(start_row=r, start_column=3, end_row=r, end_column=5)
    wb.save(path)


def _store(path: Path, doc_path: Path) -> None:
    from pia_desktop.domain.exchange import read_document
    from pia_desktop.storage.store import Store

    with Store(path) as store:
        store.add_document(read_document(doc_path))
        store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for side in path.parent.glob(path.name + "*"):
        if side != path and side.is_file():
            side.unlink()
    backups = path.with_name(path.name + ".backups")
    if backups.exists():
        shutil.rmtree(backups)


def build_corpus(folder: Path, small: bool, whole: bool = False) -> dict[str, list[Path]]:
    """Seed files by kind. Full mode: the published samples (PDF cut to its first pages, and whole),
    our own PDF with its embedded document, the samples' workbooks, the JSON fixtures, a store."""
    sys.path.insert(0, str(ROOT))
    folder.mkdir(parents=True, exist_ok=True)
    corpus: dict[str, list[Path]] = {k: [] for k in KINDS}
    fixtures = ROOT / "tests" / "fixtures"
    _small_pdf(folder / "small.pdf")
    corpus["pdf"].append(folder / "small.pdf")
    _small_xlsx(folder / "small.xlsx")
    corpus["xlsx"].append(folder / "small.xlsx")
    for name in ("seed-003.json", "seed-001.json") if not small else ("seed-003.json",):
        if (fixtures / name).exists():
            shutil.copy(fixtures / name, folder / name)
            corpus["json"].append(folder / name)
    store = folder / "seed.sqlite3"
    _store(store, fixtures / "seed-003.json")
    corpus["store"].append(store)
    if small:
        print("seed files: small generated files and one fixture (--small)", flush=True)
        return corpus
    from pypdf import PdfReader, PdfWriter

    samples = sorted(SAMPLES.iterdir()) if SAMPLES.is_dir() else []
    if samples:
        print(f"seed files: the published samples in {SAMPLES} ({len(samples)} 評価書), the fixtures and small generated files", flush=True)
    else:
        print(f"seed files: {SAMPLES} does not exist — generated files and the fixtures only", flush=True)
    for d in samples:
        for f in sorted(d.glob("*.pdf")):
            reader = PdfReader(f)
            writer = PdfWriter()
            for page in reader.pages[:PDF_PAGES]:
                writer.add_page(page)
            cut = folder / f"{f.stem}-p{PDF_PAGES}.pdf"
            with cut.open("wb") as fh:
                writer.write(fh)
            corpus["pdf"].append(cut)
            if whole:
                shutil.copy(f, folder / f.name)
                corpus["pdf"].append(folder / f.name)
        for f in sorted(d.glob("*.xlsx")):
            shutil.copy(f, folder / f.name)
            corpus["xlsx"].append(folder / f.name)
    try:
        from pia_desktop.domain.exchange import read_document
        from pia_desktop.pdf.exporter import export_pdf

        own = read_document(fixtures / "seed-000.json" if not whole else fixtures / "seed-003.json")
        export_pdf(own, folder / "own-embedded.pdf")  # its attachment is checked against its pages
        corpus["pdf"].append(folder / "own-embedded.pdf")
    except Exception as exc:  # the exporter is optional
        print(f"own PDF skipped: {exc}", file=sys.stderr)
    return corpus


# -- mutations -------------------------------------------------------------------------------------


def _mutate_bytes(rng: random.Random, data: bytes, donors: list[bytes], how: str) -> bytes:
    buf = bytearray(data)
    if not buf:
        return bytes(buf)
    if how == "flip":
        for _ in range(rng.choice((1, 2, 4, 8, 32, 128))):
            i = rng.randrange(len(buf))
            buf[i] = rng.randrange(256) if rng.random() < 0.5 else buf[i] ^ (1 << rng.randrange(8))
    elif how == "truncate":
        cut = rng.randrange(len(buf)) if rng.random() < 0.7 else len(buf) - rng.randrange(1, min(len(buf), 2048) + 1)
        del buf[max(cut, 1):]
    elif how == "splice":
        donor = rng.choice(donors) if donors and rng.random() < 0.5 else data
        n = rng.randrange(1, min(len(donor), 4096) + 1)
        start = rng.randrange(len(donor) - n + 1)
        chunk = donor[start : start + n]
        at = rng.randrange(len(buf))
        if rng.random() < 0.5:
            buf[at : at + n] = chunk  # overwrite
        else:
            buf[at:at] = chunk  # insert
    elif how == "zero":
        n = rng.randrange(1, min(len(buf), 8192) + 1)
        at = rng.randrange(len(buf))
        buf[at : at + n] = bytes(min(n, len(buf) - at))
    return bytes(buf)


def _mutate_zip_member(rng: random.Random, data: bytes, donors: list[bytes]) -> bytes:
    """One part of a workbook damaged, the zip itself intact (openpyxl parses the damage)."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
        names = src.namelist()
    except zipfile.BadZipFile:
        return _mutate_bytes(rng, data, donors, "flip")
    victim = rng.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            body = src.read(name)
            if name == victim:
                body = _mutate_bytes(rng, body, [], rng.choice(("flip", "truncate", "splice", "zero")))
            dst.writestr(name, body)
    return out.getvalue()


def make_case(seed: int, n: int, corpus: dict[str, list[Path]], cache: dict[Path, bytes]) -> tuple[str, str, str, bytes]:
    """(kind, mutation, seed file name, mutated bytes) of case ``n`` (the same for the same seed)."""
    rng = random.Random(f"{seed}:{n}")
    kinds = [k for k in KINDS if corpus[k]]
    kind = rng.choice(kinds)
    src = rng.choice(corpus[kind])
    for path in (p for ps in corpus.values() for p in ps):
        if path not in cache:
            cache[path] = path.read_bytes()
    data = cache[src]
    donors = [cache[p] for p in corpus[kind] if p != src] + [cache[p] for k in kinds if k != kind for p in corpus[k][:1]]
    how = rng.choice(MUTATIONS if kind == "xlsx" else MUTATIONS[:4])
    if how == "inner":
        out = _mutate_zip_member(rng, data, donors)
    else:
        out = _mutate_bytes(rng, data, donors, how)
        if rng.random() < 0.2:  # two damages in one file
            out = _mutate_bytes(rng, out, donors, rng.choice(MUTATIONS[:4]))
    return kind, how, src.name, out


# -- the worker -----------------------------------------------------------------------------------


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(path.parent.glob(path.name + "*")):
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def _run_case(case: dict[str, str], home: Path) -> dict[str, object]:
    from pia_desktop.cli.main import main

    src = Path(case["path"])
    before_src = hashlib.sha256(src.read_bytes()).hexdigest()
    store = home / "pia-desktop.sqlite3"
    before_store = _digest(store)
    out_dir = Path(case["out"])
    out_dir.mkdir(parents=True, exist_ok=True)
    out, report = out_dir / "out.json", out_dir / "report.json"
    runs: list[list[str]]
    if case["kind"] == "store":
        runs = [["import", str(src), "--list"], ["import", str(src), "--id", "1", "--out", str(out)]]
    else:
        runs = [["import", str(src), "--out", str(out), "--report", str(report)]]
    result: dict[str, object] = {"id": case["id"], "codes": [], "traceback": "", "problems": []}
    err = io.StringIO()
    started = time.monotonic()
    for argv in runs:
        for p in (out, report):
            p.unlink(missing_ok=True)
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
                code = main(argv)
        except BaseException:  # the point: anything escaping main is a traceback
            result["traceback"] = traceback.format_exc()
            code = -1
        result["codes"].append(code)  # type: ignore[union-attr]
        if code not in (0, 1, 2, 3):  # 3: the PDF's attachment and its pages differ (nothing written)
            continue
        if code in (2, 3) and (out.exists() or report.exists()):
            result["problems"].append("output written although the import failed")  # type: ignore[union-attr]
        if code == 2 and src.name not in err.getvalue():
            result["problems"].append(f"message does not name the file: {err.getvalue()[-300:]!r}")  # type: ignore[union-attr]
        if code == 2 and "Traceback" in err.getvalue():
            result["problems"].append("a traceback in the message")  # type: ignore[union-attr]
    if hashlib.sha256(src.read_bytes()).hexdigest() != before_src:
        result["problems"].append("the source file was modified")  # type: ignore[union-attr]
    if _digest(store) != before_store:
        result["problems"].append("the user's store changed")  # type: ignore[union-attr]
    result["seconds"] = round(time.monotonic() - started, 3)
    result["rss_mb"] = _peak_rss_mb()  # the worker's peak so far
    result["stderr"] = err.getvalue()[-400:]
    return result


def _peak_rss_mb() -> int:
    """The process's peak resident memory; 0 where the OS does not say (Windows has no resource module)."""
    try:
        import resource
    except ImportError:
        return 0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # Windows: the per-case time limit still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def worker(home: Path) -> int:
    """Read case lines (JSON) on stdin, answer one JSON line per case on stdout."""
    os.environ["PIA_DESKTOP_HOME"] = str(home)
    _limit_memory()  # a runaway case fails, not the machine
    sys.path.insert(0, str(ROOT))
    # The parent speaks UTF-8 (cases hold any text); a pipe's default is the code page (cp932 on Windows).
    sys.stdin.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    proto = sys.stdout
    import pia_desktop.cli.main  # noqa: F401  (import once, before the first case)

    proto.write("ready\n")
    proto.flush()
    for line in sys.stdin:
        case = json.loads(line)
        proto.write(json.dumps(_run_case(case, home), ensure_ascii=False) + "\n")
        proto.flush()
    return 0


class Worker:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(home)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        first = self.lines.get(timeout=120)
        if first.strip() != "ready":
            raise RuntimeError(f"worker did not start: {first!r}")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put("")

    def run(self, case: dict[str, str], timeout: float) -> dict[str, object] | None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(case, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if not line:
            return {"id": case["id"], "codes": [], "traceback": "worker died", "problems": []}
        return json.loads(line)

    def kill(self) -> None:
        self.proc.kill()  # only this worker: started above, stopped by its own handle
        self.proc.wait()


# -- the driver -----------------------------------------------------------------------------------


def hostile_corpus(workers: int) -> dict[str, object]:
    """Every case of tests/hostile/corpus.py, each command in a subprocess under a memory limit."""
    from concurrent.futures import ThreadPoolExecutor

    sys.path.insert(0, str(ROOT))
    from tests.hostile.corpus import build
    from tests.hostile.test_corpus import _seed_store, run_case

    base = Path(tempfile.mkdtemp(prefix="pia-hostile-"))
    try:
        cases = build(base / "corpus", bomb_mb=1536)  # the 1.5 GB page stream
        template = base / "template.sqlite3"
        _seed_store(template)
        outcomes: list = []  # type: ignore[type-arg]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(lambda ic: run_case(ic[1], base / f"case{ic[0]}", template, outcomes), enumerate(cases)))
        problems = [p for r in results for p in r]
        worst = max(outcomes, key=lambda o: o.seconds)
        return {"cases": len(cases), "runs": len(outcomes), "refused": sum(o.code not in (0, None) for o in outcomes),
                "imported_or_ok": sum(o.code == 0 for o in outcomes), "worst_s": round(worst.seconds, 2),
                "worst_run": " ".join(worst.argv[:2]), "peak_rss_mb": max(o.max_rss_kb for o in outcomes) // 1024,
                "problems": problems}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def fuzz(cases: int, seed: int, timeout: float, workers: int, small: bool, keep: Path | None,
         start: int = 0, progress: bool = True, whole: bool = False) -> dict[str, object]:
    base = Path(tempfile.mkdtemp(prefix="pia-fuzz-"))
    try:
        corpus = build_corpus(base / "corpus", small, whole)
        homes = []
        for w in range(workers):
            home = base / f"home{w}"
            home.mkdir()
            _store(home / "pia-desktop.sqlite3", ROOT / "tests" / "fixtures" / "seed-003.json")
            homes.append(home)
        pool = [Worker(h) for h in homes]
        cache: dict[Path, bytes] = {}
        todo: queue.Queue[int] = queue.Queue()
        for n in range(start, start + cases):
            todo.put(n)
        stats: Counter[str] = Counter()
        by_kind: Counter[str] = Counter()
        failures: list[dict[str, object]] = []
        slowest = [0.0, -1]
        peak = [0]
        lock = threading.Lock()
        t0 = time.monotonic()

        def drive(slot: int) -> None:
            while True:
                try:
                    n = todo.get_nowait()
                except queue.Empty:
                    return
                with lock:
                    kind, how, name, data = make_case(seed, n, corpus, cache)
                case_dir = base / f"case{slot}"
                case_dir.mkdir(exist_ok=True)
                for old in case_dir.iterdir():
                    if old.is_file():
                        old.unlink()
                path = case_dir / f"case{n:05d}{Path(name).suffix}"
                path.write_bytes(data)
                case = {"id": str(n), "path": str(path), "kind": kind, "out": str(case_dir / "out")}
                began = time.monotonic()
                res = pool[slot].run(case, timeout)
                spent = time.monotonic() - began
                verdict = "ok"
                if res is None:
                    pool[slot].kill()
                    pool[slot] = Worker(homes[slot])
                    verdict = "hang"
                elif res["traceback"]:
                    verdict = "traceback"
                elif res["problems"]:
                    verdict = "problem"
                rss = int((res or {}).get("rss_mb", 0))  # type: ignore[call-overload]
                if rss > RSS_LIMIT_MB:
                    verdict = "problem"
                    res["problems"].append(f"{rss} MB")  # type: ignore[index]
                if res is not None and rss > RSS_RECYCLE_MB:
                    pool[slot].kill()
                    pool[slot] = Worker(homes[slot])
                with lock:
                    stats[verdict] += 1
                    by_kind[f"{kind}/{how}"] += 1
                    codes = tuple(res["codes"]) if res else ()  # type: ignore[arg-type]
                    stats[f"exit {codes}"] += 1
                    if spent > slowest[0]:
                        slowest[:] = [spent, n]
                    peak[0] = max(peak[0], rss)
                    if res is not None:
                        codes_ = list(res["codes"])  # type: ignore[arg-type]
                        stats["refused" if any(c in (2, 3) for c in codes_) else "imported"] += 1
                    if verdict != "ok":
                        failures.append({"case": n, "kind": kind, "mutation": how, "seed_file": name, "verdict": verdict,
                                         "detail": (res or {}).get("traceback") or (res or {}).get("problems") or f"> {timeout} s"})
                        if keep is not None:
                            keep.mkdir(parents=True, exist_ok=True)
                            shutil.copy(path, keep / path.name)
                    done = sum(stats[v] for v in ("ok", "hang", "traceback", "problem"))
                    if progress and (done % 250 == 0 or verdict != "ok"):
                        print(f"[{done}/{cases}] {time.monotonic() - t0:.0f} s ok={stats['ok']} traceback={stats['traceback']} "
                              f"hang={stats['hang']} problem={stats['problem']}" + (f"  case {n}: {verdict}" if verdict != "ok" else ""),
                              flush=True)

        threads = [threading.Thread(target=drive, args=(i,)) for i in range(workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for w in pool:
            w.kill()
        return {
            "cases": cases, "seed": seed, "start": start, "timeout_s": timeout, "workers": workers, "small": small,
            "seconds": round(time.monotonic() - t0, 1), "ok": stats["ok"], "tracebacks": stats["traceback"],
            "hangs": stats["hang"], "problems": stats["problem"], "slowest_s": round(slowest[0], 2), "slowest_case": slowest[1],
            "refused": stats["refused"], "imported": stats["imported"], "peak_worker_rss_mb": peak[0],
            "exit_codes": {k[5:]: v for k, v in stats.items() if k.startswith("exit ")}, "by_kind": dict(by_kind),
            "corpus": {k: [p.name for p in v] for k, v in corpus.items()}, "failures": failures,
        }
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--start", type=int, default=0, help="first case number (to replay one: --start N --cases 1)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds after which a case counts as a hang")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--small", action="store_true", help="small generated seed files only (CI)")
    ap.add_argument("--keep", type=Path, help="copy every failing case's file here")
    ap.add_argument("--json", type=Path, help="write the summary here")
    ap.add_argument("--whole", action="store_true", help="also the whole published sample PDFs (slow: ~2 s a case)")
    ap.add_argument("--corpus", action="store_true", help="then the structure-aware corpus of tests/hostile/corpus.py")
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return worker(args.worker)
    summary = fuzz(args.cases, args.seed, args.timeout, args.workers, args.small, args.keep, args.start, whole=args.whole)
    if args.corpus:
        summary["hostile_corpus"] = hostile_corpus(args.workers)
        summary["problems"] += len(summary["hostile_corpus"]["problems"])  # type: ignore[operator, index, arg-type]
    text = json.dumps(summary, ensure_ascii=False, indent=1)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    shown = {k: v for k, v in summary.items() if k not in ("failures", "corpus")}
    print(json.dumps(shown, ensure_ascii=False))
    for f in summary["failures"][:20]:  # type: ignore[index]
        print(f"case {f['case']} ({f['kind']}/{f['mutation']} of {f['seed_file']}): {f['verdict']}\n{f['detail']}")
    bad = summary["tracebacks"] or summary["hangs"] or summary["problems"]  # type: ignore[truthy-bool]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
