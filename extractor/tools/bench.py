"""``python -m extractor.tools.bench`` (``make bench``): throughput, latency and memory, written to docs/benchmarks.md.

Streams (generated in a temporary folder, never committed):

- ``corpus``: the five documents of corpus/.
- ``mixed``: ``--docs`` documents (default 20,000), about 5% statements (copies of the corpus statements),
  the rest non-statements with the statements' length distribution: promotional text (sentences of corpus/004
  reshuffled) and neutral news-like filler made from the templates in bench_streams.py; one in ten
  non-statements gets a sentence with remediation vocabulary (a near miss) that passes the first pre-filter
  step.
- ``statements``: ``--statements`` copies of the corpus statements only.
- the HTML report of ``--report-docs`` records (default 5,000: the corpus records repeated, see
  ``bench_streams.report_records``): the time to write it, its size, and the time headless Chromium takes to
  open it, to open one document view and to sort and filter the overview (skipped without chromium).

Every measurement runs in a fresh Python process (``--run``), so model load, peak memory (``ru_maxrss`` of
the process and of its children, i.e. the largest worker) and time to first record are those of a real run.
References, in the same run: a plain regex pass over the same files (the floor) and the naive pipeline
(spaCy with pkuseg over every whole document with ``nlp.pipe``, then the extraction without fast paths),
measured on a sample of each stream and extrapolated per document.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .bench_streams import CORPUS, FILLER, ROOT, STATEMENTS, make_streams, report_records, sample
# The regex floor: one pass of a plain regex over every file (here, a cue word of a measure).
FLOOR_PATTERN = re.compile(r"整改|道歉|致歉|措施|处理|回应")



# ---------------------------------------------------------------- one measurement (in a fresh process)

def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def run_one(cfg: dict) -> dict:
    """One measurement: ``cfg["kind"]`` is extract | regex | naive | model | profile."""
    t0 = time.perf_counter()
    kind = cfg["kind"]
    out: dict = {}
    paths = cfg.get("paths", [])
    if kind == "spin":
        x = 0
        for i in range(cfg.get("n", 10_000_000)):
            x += i
        out["seconds"] = time.perf_counter() - t0
    elif kind == "model":
        from ..structure import get_nlp

        get_nlp("pkuseg")
        out["seconds"] = time.perf_counter() - t0
    elif kind == "regex":
        hits = 0
        for p in paths:
            hits += sum(1 for _ in FLOOR_PATTERN.finditer(Path(p).read_bytes().decode("utf-8")))
        out.update(seconds=time.perf_counter() - t0, docs=len(paths), hits=hits)
    elif kind == "extract":
        from ..run import Options, iter_records

        options = Options(segmenter=cfg.get("segmenter", "pkuseg"), fast=cfg.get("fast", True), with_text=False)
        if cfg.get("warm", True):
            # the model is loaded once per process (measured apart); the clock measures the documents
            from ..structure import get_nlp

            get_nlp(options.segmenter)
            t0 = time.perf_counter()
        first = None
        n = statements = 0
        for rec in iter_records(paths, options, jobs=cfg.get("jobs", 1), preload=cfg.get("preload", False)):
            if first is None:
                first = time.perf_counter() - t0
            n += 1
            statements += bool(rec["is_statement"])
        out.update(seconds=time.perf_counter() - t0, first=first, docs=n, statements=statements)
    elif kind == "naive":
        from ..run import Options, extract_loaded, iter_loaded
        from ..ruleset import load_ruleset
        from ..structure import get_nlp

        options = Options(segmenter="pkuseg", fast=False, with_text=False)
        rs = load_ruleset()
        nlp = get_nlp("pkuseg")
        t1 = time.perf_counter()
        docs = list(iter_loaded(paths, options))
        seg = ext = 0.0
        for doc, _ in zip(docs, nlp.pipe(d.text for d in docs)):
            t2 = time.perf_counter()
            seg += t2 - t1
            extract_loaded(doc, options, rs)
            t1 = time.perf_counter()
            ext += t1 - t2
        out.update(seconds=seg + ext, segment_seconds=seg, extract_seconds=ext, docs=len(docs))
    elif kind == "report":
        out.update(measure_report(cfg["docs"], Path(cfg["dir"])))
    elif kind == "profile":
        import cProfile
        import io
        import pstats

        from ..run import Options, iter_records

        from ..structure import get_nlp

        get_nlp("pkuseg")  # measured apart: the profile shows the work per document
        prof = cProfile.Profile()
        prof.enable()
        for _ in iter_records(paths, Options(with_text=False), jobs=1):
            pass
        prof.disable()
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf)
        stats.sort_stats("tottime").print_stats(cfg.get("top", 15))
        out["table"] = _profile_table(buf.getvalue())
        out["modules"] = _by_module(stats)
        out["seconds"] = time.perf_counter() - t0
    out["rss_self_mb"] = _rss_mb(resource.RUSAGE_SELF)
    out["rss_children_mb"] = _rss_mb(resource.RUSAGE_CHILDREN)
    return out


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

    base = list(iter_records([str(CORPUS)], Options(segmenter="char")))
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
        parts = line.split(None, 5)
        if len(parts) == 6 and parts[0][0].isdigit() and "/" not in parts[0][:1]:
            try:
                rows.append((float(parts[1]), float(parts[3]), parts[5].replace(str(ROOT) + "/", "")))
            except ValueError:
                continue
    return rows


def measure(cfg: dict, tmp: Path) -> dict:
    """Run one measurement in a fresh interpreter and return its JSON result."""
    cfg_path = tmp / f"cfg{time.monotonic_ns()}.json"
    cfg_path.write_text(json.dumps({**cfg, "paths": [str(p) for p in cfg.get("paths", [])]}), encoding="utf-8")
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "extractor.tools.bench", "--run", str(cfg_path)], capture_output=True,
                          text=True, cwd=str(ROOT), check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - t0
    return result


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


def first_record_cli(path: Path, segmenter: str = "pkuseg") -> float:
    """Seconds from starting ``extract PATH --jsonl`` to its first output line (a cold start)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "extractor", str(path), "--jsonl", "--segmenter", segmenter],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=str(ROOT))
    proc.stdout.readline()
    first = time.perf_counter() - t0
    proc.wait()
    return first


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


def _chars(files: list[Path]) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in files)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and write the report (see module docstring)."""
    ap = argparse.ArgumentParser(prog="python -m extractor.tools.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=20_000, help="documents in the mixed stream")
    ap.add_argument("--statements", type=int, default=400, help="documents in the statements-only stream")
    ap.add_argument("--sample", type=int, default=300, help="documents per stream for the naive pipeline")
    ap.add_argument("--report-docs", type=int, default=5_000, help="documents in the HTML report")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--only", choices=["report"], help="measure only the HTML report and replace its section of "
                    "--out, keeping the other figures (a minute instead of the whole benchmark)")
    ap.add_argument("--run", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        print(json.dumps(run_one(json.loads(Path(args.run).read_text(encoding="utf-8")))))
        return
    if args.only == "report":
        update_report_section(Path(args.out), args.report_docs)
        return
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp_name:
        tmp = Path(tmp_name)
        streams = make_streams(tmp, args.docs, args.statements)
        results = run_all(streams, tmp, args.sample)
        _log(f"bench: HTML report of {args.report_docs} documents")
        results["report"] = measure({"kind": "report", "docs": args.report_docs, "dir": str(tmp)}, tmp)
    results["bench_seconds"] = time.perf_counter() - started
    results["machine"]["load_after"] = os.getloadavg()[0]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    from .bench_report import render

    Path(args.out).write_text(render(results), encoding="utf-8")
    print(f"wrote {args.out} in {results['bench_seconds']:.0f} s", file=sys.stderr)


def update_report_section(path: Path, n_docs: int) -> None:
    """Measure the HTML report alone and put its section into the existing ``path``, dated on its own."""
    from .bench_report import replace_section, report_section

    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp_name:
        info = machine()
        rep = measure({"kind": "report", "docs": n_docs, "dir": tmp_name}, Path(tmp_name))
    info["load_after"] = os.getloadavg()[0]
    path.write_text(replace_section(path.read_text(encoding="utf-8"), report_section(rep, info)), encoding="utf-8")
    print(f"updated the report section of {path}", file=sys.stderr)


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def run_all(streams: dict[str, list[Path]], tmp: Path, n_sample: int) -> dict:
    """Every measurement of the report."""
    res: dict = {"machine": machine(), "streams": {}}
    res["model_load"] = measure({"kind": "model"}, tmp)
    small = tmp / "small.txt"
    small.write_text(FILLER[0].format(c="杭州", n=5) * 3, encoding="utf-8")
    res["first_record"] = {"small non-statement file": first_record_cli(small),
                           "small non-statement file, --segmenter none": first_record_cli(small, "none"),
                           "one statement (corpus/000), segmentation needed": first_record_cli(CORPUS / STATEMENTS[0])}
    for name, files in streams.items():
        _log(f"bench: {name} ({len(files)} documents)")
        row = {"docs": len(files), "chars": _chars(files)}
        row["regex"] = measure({"kind": "regex", "paths": files}, tmp)
        row["fast1"] = measure({"kind": "extract", "paths": files, "jobs": 1}, tmp)
        if len(files) > 100:
            row["parallelism"] = free_parallelism(tmp)
            row["fast2"] = measure({"kind": "extract", "paths": files, "jobs": 2}, tmp)
            row["fast2_cold"] = measure({"kind": "extract", "paths": files, "jobs": 2, "warm": False}, tmp)
            row["fast2_own_model"] = measure({"kind": "extract", "paths": files, "jobs": 2, "preload": False,
                                              "warm": False}, tmp)
        picked = sample(files, n_sample)
        row["sample"] = len(picked)
        row["naive"] = measure({"kind": "naive", "paths": picked}, tmp)
        row["slow_sample"] = measure({"kind": "extract", "paths": picked, "fast": False}, tmp)
        row["fast_sample"] = measure({"kind": "extract", "paths": picked}, tmp)
        res["streams"][name] = row
    _log("bench: profiles")
    res["profile"] = {name: measure({"kind": "profile", "paths": sample(streams[name], 2000 if name == "mixed" else 200)},
                                    tmp) for name in ("mixed", "statements")}
    res["profile_docs"] = {"mixed": min(2000, len(streams["mixed"])), "statements": min(200, len(streams["statements"]))}
    return res


if __name__ == "__main__":
    main()
