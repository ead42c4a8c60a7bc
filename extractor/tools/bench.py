"""``python -m extractor.tools.bench`` (``make bench``): how fast and how big, measured honestly, written to
docs/benchmarks.md.

Every figure of the main tables is a **whole process** (``extract DIR --jsonl``: interpreter start-up, imports,
rules and model loading included), on streams of real text (bench_streams.py: the shared gold documents and
look-alikes, ~5 % statements in the mixed stream), paired in the same run with two references on the same files:

* the **naive pipeline**: spaCy's Chinese pipeline with pkuseg over every whole document (model load included),
  then the extraction (`python -m extractor.tools.bench --naive DIR`);
* the **regex floor**: reading every file and one plain regex pass over it (`--floor DIR`).

Each is run ``--repeat`` times, interleaved, and the median reported with the ratios and the machine's load.
The old in-process steady-state time per document (start-up left out) is kept as a second, labelled figure.
Also: ``--jobs 2`` against ``--jobs 1`` with the parallelism the machine had free at that moment, peak memory
per process, time to the first record, pkuseg against no segmenter, time per 1,000 characters from 10k to 1M
characters for four kinds of input, and the HTML report.
"""
from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .bench_streams import (CORPUS, FILLER, ROOT, SCALING_KINDS, STATEMENTS, make_streams, report_records,
                            scaling_text)

# The regex floor: one pass of a plain regex over every file (here, a cue word of a measure).
FLOOR_PATTERN = re.compile(r"整改|道歉|致歉|措施|处理|回应")
SCALING_SIZES = (10_000, 30_000, 100_000, 300_000, 1_000_000)


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _files(folder: str) -> list[Path]:
    return sorted(p for p in Path(folder).rglob("*") if p.is_file())


# ---------------------------------------------------------------- measurements run inside a fresh process

def run_floor(folder: str) -> dict:
    t0 = time.perf_counter()
    hits = 0
    files = _files(folder)
    for p in files:
        hits += sum(1 for _ in FLOOR_PATTERN.finditer(p.read_bytes().decode("utf-8", "replace")))
    return {"docs": len(files), "hits": hits, "seconds": time.perf_counter() - t0}


def run_naive(folder: str) -> dict:
    """spaCy + pkuseg over every whole document, then the extraction: what a pipeline without a decision
    before the expensive work would cost."""
    from ..run import Options, extract_loaded, iter_loaded
    from ..ruleset import load_ruleset
    from ..structure import get_nlp

    options = Options(segmenter="pkuseg", fast=False, with_text=False)
    rs = load_ruleset()
    nlp = get_nlp("pkuseg")
    n = 0
    for doc in iter_loaded([folder], options):
        nlp(doc.text)
        extract_loaded(doc, options, rs)
        n += 1
    return {"docs": n}


def run_steady(folder: str, segmenter: str = "none") -> dict:
    """In-process: seconds per document after the first one (start-up, imports and loading left out)."""
    from ..run import Options, iter_records

    options = Options(segmenter=segmenter, with_text=False)
    t0 = time.perf_counter()
    first = None
    n = statements = 0
    for rec in iter_records([folder], options):
        if first is None:
            first = time.perf_counter()
        n += 1
        statements += bool(rec["is_statement"])
    end = time.perf_counter()
    return {"docs": n, "statements": statements, "steady_seconds": (end - first) / max(1, n - 1),
            "first_seconds": first - t0}


def run_scaling(kind: str) -> dict:
    """Seconds per 1,000 characters for one kind of input at every size, in one warm process."""
    import extractor
    from ..run import Options

    options = Options(with_text=False, timeout=None)
    fmt = "html" if kind == "a page of links" else "text"
    # Warm means every one-time cost paid before the first size is timed: the same kind of input, small, runs the
    # same path (the rules it reads compile on first use, the caches fill), so the 10k figure is the 10k document's.
    extractor.extract_text(scaling_text(kind, 2_000), doc_id=f"warm.{fmt}", options=options)
    out = {}
    for n in SCALING_SIZES:
        text = scaling_text(kind, n)
        t0 = time.perf_counter()
        rec = extractor.extract_text(text, doc_id=f"scaling.{fmt}", options=options)
        seconds = time.perf_counter() - t0
        out[str(n)] = {"chars": len(text), "seconds": seconds, "ms_per_1k": seconds / len(text) * 1e6,
                       "status": rec["status"], "measures": len(rec["measures"])}
    return out


def run_one(cfg: dict) -> dict:
    kind = cfg["kind"]
    if kind == "spin":
        t0 = time.perf_counter()
        x = 0
        for i in range(cfg.get("n", 10_000_000)):
            x += i
        out = {"seconds": time.perf_counter() - t0}
    elif kind == "steady":
        out = run_steady(cfg["dir"], cfg.get("segmenter", "none"))
    elif kind == "scaling":
        out = run_scaling(cfg["input"])
    elif kind == "report":
        out = measure_report(cfg["docs"], Path(cfg["dir"]))
    elif kind == "profile":
        out = run_profile(cfg["dir"])
    else:
        raise ValueError(kind)
    out["rss_mb"] = _rss_mb(resource.RUSAGE_SELF)
    return out


def run_profile(folder: str) -> dict:
    import cProfile
    import io
    import pstats

    from ..run import Options, iter_records

    prof = cProfile.Profile()
    prof.enable()
    # no time limit and one job: everything runs in this process, where the profiler sees it
    for _ in iter_records([folder], Options(with_text=False, timeout=None), jobs=1):
        pass
    prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(12)
    return {"table": _profile_table(buf.getvalue()), "modules": _by_module(stats)}


# Page-side timings of the report, each from the page's own clock: a document view opened through its link
# (the hash changes, the view renders, the next frame is painted), a sort of the whole table, a filter.
_REPORT_TIMINGS = """new Promise(done => {
  const t0 = performance.now();
  addEventListener('hashchange', () => requestAnimationFrame(() => {
    const view = performance.now() - t0;
    addEventListener('hashchange', () => {  // back on the overview, after the page's own handler rendered it
      let t = performance.now();
      document.querySelector('#xr-doctable th[data-sort="company"]').click();
      const sorted = performance.now() - t;
      const select = document.getElementById('f-company');
      select.value = select.options[1].value;
      t = performance.now();
      select.dispatchEvent(new Event('change'));
      done({view, sorted, filtered: performance.now() - t});
    }, {once: true});
    location.hash = '#/';
  }), {once: true});
  location.hash = '#/doc/DOC';
})"""


def measure_report(n_docs: int, folder: Path) -> dict:
    """Write the report of ``n_docs`` generated records and open it in headless Chromium."""
    from ..output import write_report
    from ..run import Options, iter_records
    from .chromium import Chromium, find_chromium

    base = list(iter_records([str(CORPUS)], Options()))
    path = folder / "report.html"
    t0 = time.perf_counter()
    write_report(report_records(base, n_docs), path)
    out: dict = {"docs": n_docs, "generate_seconds": time.perf_counter() - t0, "mb": path.stat().st_size / 1e6,
                 "rss_mb": _rss_mb(resource.RUSAGE_SELF), "chromium": None}
    binary = find_chromium()
    if binary:
        t0 = time.perf_counter()
        with Chromium(binary) as browser:
            started = time.perf_counter() - t0
            opened = browser.open(path.as_uri(), ready="window.__xrReady", timeout=300)
            page_ready = browser.evaluate("window.__xrReady") / 1000
            timings = browser.evaluate(_REPORT_TIMINGS.replace("DOC", str(n_docs * 3 // 4)))
            version = browser.call("Browser.getVersion")["product"]
            out["chromium"] = {"version": version, "start_seconds": started, "open_seconds": opened,
                               "page_ready_seconds": page_ready, "view_ms": timings["view"],
                               "sort_ms": timings["sorted"], "filter_ms": timings["filtered"],
                               "problems": browser.problems}
    return out


def _by_module(stats) -> list[tuple[float, str]]:
    """Own time summed per module: extractor modules by name, the rest as spacy, pkuseg, built-ins or other."""
    totals: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, tt, _ct, _callers) in stats.stats.items():
        if "/extractor/" in filename:
            key = "extractor/" + filename.rsplit("/extractor/", 1)[1]
        elif "spacy_pkuseg" in filename:
            key = "spacy_pkuseg (segmentation)"
        elif "spacy" in filename:
            key = "spacy (Doc, tokenizer)"
        elif filename == "~":
            key = "built-ins (" + ("regex" if "re.Pattern" in func else "str" if "of 'str'" in func else "other") + ")"
        else:
            key = "other Python"
        totals[key] = totals.get(key, 0.0) + tt
    return sorted(((t, k) for k, t in totals.items()), reverse=True)[:14]


def _profile_table(text: str) -> list[tuple[float, float, str]]:
    rows = []
    for line in text.splitlines():
        fields = line.split(None, 5)
        if len(fields) == 6 and fields[0][0].isdigit() and "/" not in fields[0][:1]:
            try:
                rows.append((float(fields[1]), float(fields[3]), fields[5].replace(str(ROOT) + "/", "")))
            except ValueError:
                continue
    return rows


# ---------------------------------------------------------------- whole processes, seen from outside

def whole(cmd: list[str]) -> dict:
    """Run ``cmd`` to the end; its wall time and peak memory (of it and its workers)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=str(ROOT))
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed: {err.strip()[-500:]}")
    return {"seconds": wall, "rss_mb": usage.ru_maxrss / 1024}


def _segmenter_flag(segmenter: str) -> list[str]:
    # The default is left implicit, so the benchmark measures the command a user types.
    return [] if segmenter == "none" else ["--segmenter", segmenter]


def extract_cmd(folder: Path, jobs: int = 1, segmenter: str = "none") -> list[str]:
    return [sys.executable, "-m", "extractor", str(folder), "--jsonl", "--quiet", "--jobs", str(jobs),
            *_segmenter_flag(segmenter)]


def bench_cmd(flag: str, folder: Path) -> list[str]:
    return [sys.executable, "-m", "extractor.tools.bench", flag, str(folder)]


def measure(cfg: dict, tmp: Path) -> dict:
    """Run one in-process measurement in a fresh interpreter and return its JSON result."""
    cfg_path = tmp / f"cfg{time.monotonic_ns()}.json"
    cfg_path.write_text(json.dumps(cfg), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "extractor.tools.bench", "--run", str(cfg_path)],
                          capture_output=True, text=True, cwd=str(ROOT), check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _median(runs: list[dict], key: str = "seconds") -> float:
    return statistics.median(r[key] for r in runs)


def paired(folder: Path, repeat: int) -> dict:
    """The pipeline, the naive pipeline and the regex floor on one folder, interleaved ``repeat`` times."""
    runs: dict[str, list[dict]] = {"extract": [], "naive": [], "floor": []}
    for _ in range(repeat):
        runs["extract"].append(whole(extract_cmd(folder)))
        runs["naive"].append(whole(bench_cmd("--naive", folder)))
        runs["floor"].append(whole(bench_cmd("--floor", folder)))
    return {k: {"seconds": _median(v), "runs": [round(r["seconds"], 3) for r in v],
                "rss_mb": max(r["rss_mb"] for r in v)} for k, v in runs.items()}


def free_parallelism(tmp: Path) -> float:
    """How much faster two busy processes finish than one after the other, right now (2.0 on two idle cores;
    less when other work shares the machine). The --jobs 2 figures can be no better than this."""
    cfg = tmp / "spin.json"
    cfg.write_text(json.dumps({"kind": "spin"}), encoding="utf-8")
    cmd = [sys.executable, "-m", "extractor.tools.bench", "--run", str(cfg)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=str(ROOT))
    one = time.perf_counter() - t0
    t0 = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, cwd=str(ROOT)) for _ in range(2)]
    for proc in procs:
        proc.wait()
    return 2 * one / (time.perf_counter() - t0)


def first_record(path: Path, segmenter: str = "none", repeat: int = 3) -> float:
    """Median seconds from starting ``extract PATH --jsonl`` to its first output line (a cold start)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        cmd = [sys.executable, "-m", "extractor", str(path), "--jsonl", *_segmenter_flag(segmenter)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=str(ROOT))
        proc.stdout.readline()
        times.append(time.perf_counter() - t0)
        proc.wait()
    return statistics.median(times)


# ---------------------------------------------------------------- report

def machine() -> dict:
    """CPU count, CPU model and RAM of this machine, with the date and Python version."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
    except (OSError, StopIteration):
        mem_kb = 0
    return {"cpus": os.cpu_count(), "model": model or platform.processor(), "ram_gb": round(mem_kb / 1024 ** 2, 1),
            "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "python": platform.python_version(),
            "load_before": os.getloadavg()[0]}


def update_report_section(path: Path, n_docs: int) -> None:
    """Measure the HTML report alone and put its section into the existing ``path``, dated on its own."""
    from .bench_report import replace_section, report_section

    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp_name:
        info = machine()
        rep = measure({"kind": "report", "docs": n_docs, "dir": tmp_name}, Path(tmp_name))
    info["load_after"] = os.getloadavg()[0]
    path.write_text(replace_section(path.read_text(encoding="utf-8"), report_section(rep, info)), encoding="utf-8")
    print(f"updated the report section of {path}", file=sys.stderr)


def update_scaling(path: Path) -> None:
    """Measure the time per 1,000 characters alone and render ``path`` again from its raw measurements
    (``path`` with .json), the new table dated on its own."""
    from .bench_report import render

    raw = path.with_suffix(".json")
    res = json.loads(raw.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp_name:
        res["scaling"] = {kind: measure({"kind": "scaling", "input": kind}, Path(tmp_name)) for kind in SCALING_KINDS}
    res["scaling_date"] = time.strftime("%Y-%m-%d %H:%M")
    res["scaling_load"] = os.getloadavg()[0]
    raw.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    path.write_text(render(res), encoding="utf-8")
    print(f"updated the time per 1,000 characters in {path}", file=sys.stderr)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run_all(tmp: Path, n_docs: int, n_statements: int, repeat: int, report_docs: int) -> dict:
    """Every measurement of the report."""
    res: dict = {"machine": machine(), "streams": {}}
    # An installed package carries its bytecode (pip compiles it); an editable checkout under
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module in every process it starts.
    compileall.compile_dir(str(Path(__file__).resolve().parents[1]), quiet=1)
    streams = make_streams(tmp, n_docs, n_statements)
    folders = {name: tmp / name for name in streams}
    for name, files in streams.items():
        _log(f"bench: {name} ({len(files)} documents), {repeat} paired runs")
        row = paired(folders[name], repeat)
        row["docs"] = len(files)
        row["chars"] = sum(len(p.read_text(encoding="utf-8")) for p in files)
        row["steady"] = measure({"kind": "steady", "dir": str(folders[name])}, tmp)
        res["streams"][name] = row
    _log("bench: --jobs 2")
    res["jobs"] = {"parallelism": free_parallelism(tmp),
                   "jobs1": whole(extract_cmd(folders["mixed"], 1)), "jobs2": whole(extract_cmd(folders["mixed"], 2)),
                   "parallelism_after": free_parallelism(tmp)}
    _log("bench: pkuseg")
    res["pkuseg"] = {"none": whole(extract_cmd(folders["statements"], 1, "none")),
                     "pkuseg": whole(extract_cmd(folders["statements"], 1, "pkuseg"))}
    small = tmp / "small.txt"
    small.write_text(FILLER[0].format(c="杭州", n=5) * 3, encoding="utf-8")
    res["first_record"] = {"a small non-statement file": first_record(small),
                           "one statement (corpus/000)": first_record(CORPUS / STATEMENTS[0]),
                           "one statement, --segmenter pkuseg": first_record(CORPUS / STATEMENTS[0], "pkuseg")}
    _log("bench: time per 1,000 characters")
    res["scaling"] = {kind: measure({"kind": "scaling", "input": kind}, tmp) for kind in SCALING_KINDS}
    _log("bench: profile")
    res["profile"] = measure({"kind": "profile", "dir": str(folders["statements"])}, tmp)
    _log(f"bench: HTML report of {report_docs} documents")
    res["report"] = measure({"kind": "report", "docs": report_docs, "dir": str(tmp)}, tmp)
    return res


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and write the report (see module docstring)."""
    ap = argparse.ArgumentParser(prog="python -m extractor.tools.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2_000, help="documents in the mixed stream")
    ap.add_argument("--statements", type=int, default=300, help="documents in the statements-only stream")
    ap.add_argument("--repeat", type=int, default=3, help="paired runs per stream (medians are reported)")
    ap.add_argument("--report-docs", type=int, default=5_000, help="documents in the HTML report")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--only", choices=["report", "scaling"], help="measure only the HTML report, or only the time "
                    "per 1,000 characters, and replace that section of --out, keeping the other figures")
    ap.add_argument("--run", help=argparse.SUPPRESS)
    ap.add_argument("--naive", help=argparse.SUPPRESS)
    ap.add_argument("--floor", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        print(json.dumps(run_one(json.loads(Path(args.run).read_text(encoding="utf-8")))))
        return
    if args.naive:
        print(json.dumps(run_naive(args.naive)))
        return
    if args.floor:
        print(json.dumps(run_floor(args.floor)))
        return
    if args.only == "report":
        update_report_section(Path(args.out), args.report_docs)
        return
    if args.only == "scaling":
        update_scaling(Path(args.out))
        return
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp_name:
        results = run_all(Path(tmp_name), args.docs, args.statements, args.repeat, args.report_docs)
    results["bench_seconds"] = time.perf_counter() - started
    results["machine"]["load_after"] = os.getloadavg()[0]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    from .bench_report import render

    # the raw measurements first, so a report can be rendered again without measuring again
    Path(args.out).with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    Path(args.out).write_text(render(results), encoding="utf-8")
    print(f"wrote {args.out} in {results['bench_seconds']:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
