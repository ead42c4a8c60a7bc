"""``python -m extractor.bench`` (``make bench``): throughput, latency and memory, written to docs/benchmarks.md.

Streams (generated in a temporary folder, never committed):

- ``corpus``: the five documents of corpus/.
- ``mixed``: ``--docs`` documents (default 20,000), about 5% statements (copies of the corpus statements),
  the rest non-statements with the statements' length distribution: promotional text (sentences of corpus/004
  reshuffled) and neutral news-like filler made from the templates below; one in ten non-statements gets a
  sentence with remediation vocabulary (a near miss) and so runs through the whole pipeline.
- ``statements``: ``--statements`` copies of the corpus statements only.

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
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
STATEMENTS = ["000_96c7af21cd661f14.txt", "001_fea7d35032dd25c1.txt", "002_1efe1d7d8c92613d.txt",
              "003_b5eccb2a8ffc8f38.txt"]
PROMO = "004_f8ab607d76d255c5.txt"
CITIES = ["杭州", "成都", "武汉", "西安", "南京", "青岛", "长沙", "郑州", "昆明", "厦门"]
FILLER = [
    "{c}今天白天多云转晴，最高气温{n}摄氏度，夜间有小到中雨，市民出行请携带雨具。",
    "{c}一季度地区生产总值同比增长{n}.2%，增速比上年同期加快0.6个百分点。",
    "本届{c}马拉松共有{n}000名选手参赛，男子组冠军成绩为2小时{n}分。",
    "{c}地铁{n}号线二期工程于今日开通试运营，全线设站十四座。",
    "据气象部门预计，未来三天{c}以晴好天气为主，空气质量总体良好。",
    "{c}博物馆新展开幕，展出青铜器、瓷器等文物{n}0余件，展期至年底。",
    "今年前{n}个月，{c}港口货物吞吐量累计完成{n}亿吨，集装箱吞吐量稳步回升。",
    "{c}市民公园的樱花进入盛花期，周末游客量预计超过{n}万人次。",
    "主队在主场以{n}比1战胜对手，取得赛季第{n}场胜利，积分升至联赛第三。",
    "{c}图书馆延长开放时间，工作日开放至晚上九点，周末全天开放。",
    "记者从{c}文旅部门获悉，国庆假期全市接待游客{n}00万人次，旅游收入同比增长。",
    "该片上映首周票房突破{n}亿元，豆瓣评分7.{n}分。",
    "{c}新建的体育中心可容纳观众{n}万人，将承办明年的全国运动会部分赛事。",
    "专家表示，春季是过敏性疾病高发期，有过敏史的人群外出时可佩戴口罩。",
    "{c}农业农村部门介绍，今年全市夏粮播种面积稳中有增，长势总体良好。",
    "夜市经济持续升温，{c}步行街日均客流量达到{n}万人次。",
    "{c}第{n}届国际车展开幕，参展车辆超过一千台，其中新能源车型占比过半。",
    "{c}市民小王说，现在坐公交可以直接刷手机，出门方便多了。",
    "{c}将进一步完善城市绿道网络，年内新建绿道{n}0公里。",
    "当天的音乐会座无虚席，乐团演奏了贝多芬第{n}交响曲。",
]
# Near misses: remediation vocabulary outside any statement; one in ten non-statements gets one, so those
# documents pass the pre-filter and run through the whole pipeline, as news about incidents does.
NEAR_MISS = [
    "{c}警方已介入调查，事故原因正在进一步核实中。",
    "商场推出以旧换新活动，消费者不满意可在七天内申请退款。",
    "{c}一小区电梯故障，物业已安排维修人员进行修复。",
]
# The regex floor: one pass of a plain regex over every file (here, a cue word of a measure).
FLOOR_PATTERN = re.compile(r"整改|道歉|致歉|措施|处理|回应")


# ---------------------------------------------------------------- streams

def _paragraphs(text: str) -> list[str]:
    body = re.sub(r"<[^>]+>", "", text)
    return [s for s in re.split(r"(?<=[。！？])", body) if len(s.strip()) > 8 and "http" not in s and "](" not in s]


def make_streams(tmp: Path, n_docs: int, n_statements: int, seed: int = 5) -> dict[str, list[Path]]:
    """Write the mixed and statements-only streams under ``tmp``; return the file lists of every stream."""
    rng = random.Random(seed)
    statements = [(CORPUS / name).read_text(encoding="utf-8") for name in STATEMENTS]
    lengths = [len(t) for t in statements]
    promo = _paragraphs((CORPUS / PROMO).read_text(encoding="utf-8"))
    streams: dict[str, list[Path]] = {"corpus": sorted(p for p in CORPUS.glob("*.txt"))}
    mixed = tmp / "mixed"
    mixed.mkdir()
    files = []
    for i in range(n_docs):
        path = mixed / f"{i // 1000:03d}" / f"{i:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        if i % 20 == 7:  # 5% statements
            text = statements[i % len(statements)]
        else:
            target = int(rng.choice(lengths) * rng.uniform(0.4, 1.1))
            source = promo if i % 4 == 1 else None  # a quarter of the non-statements are promotional
            parts: list[str] = []
            while sum(map(len, parts)) < target:
                if source:
                    parts.append(rng.choice(source))
                else:
                    parts.append(rng.choice(FILLER).format(c=rng.choice(CITIES), n=rng.randint(2, 9)))
                if rng.random() < 0.25:
                    parts.append("\n\n")
            if rng.random() < 0.1:
                parts.insert(rng.randrange(len(parts) + 1), rng.choice(NEAR_MISS).format(c=rng.choice(CITIES)))
            text = "".join(parts)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    streams["mixed"] = files
    only = tmp / "statements"
    only.mkdir()
    streams["statements"] = []
    for i in range(n_statements):
        path = only / f"{i:05d}.txt"
        path.write_text(statements[i % len(statements)], encoding="utf-8")
        streams["statements"].append(path)
    return streams


def sample(files: list[Path], k: int, seed: int = 11) -> list[Path]:
    """A random sample of ``k`` files in stream order (the same for every run), keeping the stream's mix."""
    if k >= len(files):
        return list(files)
    return [files[i] for i in sorted(random.Random(seed).sample(range(len(files)), k))]


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
        from .segment import get_nlp

        get_nlp("pkuseg")
        out["seconds"] = time.perf_counter() - t0
    elif kind == "regex":
        hits = 0
        for p in paths:
            hits += sum(1 for _ in FLOOR_PATTERN.finditer(Path(p).read_bytes().decode("utf-8")))
        out.update(seconds=time.perf_counter() - t0, docs=len(paths), hits=hits)
    elif kind == "extract":
        from .parallel import iter_records
        from .pipeline import Options

        options = Options(segmenter=cfg.get("segmenter", "pkuseg"), fast=cfg.get("fast", True), with_text=False)
        if cfg.get("warm", True):
            # the model is loaded once per process (measured apart); the clock measures the documents
            from .segment import get_nlp

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
        from .pipeline import Options, extract_loaded, iter_loaded
        from .ruleset import load_ruleset
        from .segment import get_nlp

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
    elif kind == "profile":
        import cProfile
        import io
        import pstats

        from .parallel import iter_records
        from .pipeline import Options

        from .segment import get_nlp

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
    proc = subprocess.run([sys.executable, "-m", "extractor.bench", "--run", str(cfg_path)], capture_output=True,
                          text=True, cwd=str(ROOT), check=True)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - t0
    return result


def free_parallelism(tmp: Path) -> float:
    """How much faster two busy processes finish than one after the other, right now (2.0 on two idle cores;
    less when other work shares the machine). The --jobs 2 figures can be no better than this."""
    cfg = tmp / "spin.json"
    cfg.write_text(json.dumps({"kind": "spin"}), encoding="utf-8")
    cmd = [sys.executable, "-m", "extractor.bench", "--run", str(cfg)]
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
    ap = argparse.ArgumentParser(prog="python -m extractor.bench", description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=20_000, help="documents in the mixed stream")
    ap.add_argument("--statements", type=int, default=400, help="documents in the statements-only stream")
    ap.add_argument("--sample", type=int, default=300, help="documents per stream for the naive pipeline")
    ap.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    ap.add_argument("--run", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.run:
        print(json.dumps(run_one(json.loads(Path(args.run).read_text(encoding="utf-8")))))
        return
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="extractor-bench-") as tmp_name:
        tmp = Path(tmp_name)
        streams = make_streams(tmp, args.docs, args.statements)
        results = run_all(streams, tmp, args.sample)
    results["bench_seconds"] = time.perf_counter() - started
    results["machine"]["load_after"] = os.getloadavg()[0]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(render(results), encoding="utf-8")
    print(f"wrote {args.out} in {results['bench_seconds']:.0f} s", file=sys.stderr)


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


def _per_doc(m: dict, key: str = "seconds") -> float:
    return m[key] / max(1, m["docs"])


def _steady(m: dict) -> float:
    """Seconds per document after the first record (start-up, imports and model load left out)."""
    return (m["seconds"] - m["first"]) / max(1, m["docs"] - 1)


def render(res: dict) -> str:
    """The Markdown report."""
    m = res["machine"]
    ms = lambda sec: f"{sec * 1000:.2f}"  # noqa: E731
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python -m extractor.bench`); do not edit by hand.",
        "",
        f"- Date: {m['date']}; Python {m['python']}",
        f"- Machine: {m['cpus']} CPUs ({m['model']}), {m['ram_gb']} GB RAM; load average {m['load_before']:.2f} "
        f"before and {m['load_after']:.2f} after (other work on the machine slows every figure)",
        f"- Whole benchmark: {res['bench_seconds']:.0f} s",
        f"- pkuseg model load (spaCy zh pipeline, fresh process): {res['model_load']['seconds']:.2f} s, "
        f"process peak {res['model_load']['rss_self_mb']:.0f} MB",
        "",
        "Streams: `corpus` = corpus/ (5 files); `mixed` = generated, 5% statements (copies of the corpus",
        "statements), 95% non-statements of the same length distribution (a quarter promotional text reshuffled",
        "from corpus/004, the rest neutral news-like filler; one in ten with a near-miss sentence such as",
        "警方已介入调查 that the first pre-filter step lets through); `statements` = corpus statements only.",
        "Every figure comes from a fresh process. `fast` = the default pipeline (pre-filter, lazy segmentation,",
        "pkuseg where needed). `naive` = spaCy pkuseg `nlp.pipe` over every whole document, then the extraction",
        "without fast paths (`Options(fast=False)`), measured on a random sample of the stream and extrapolated",
        "per document. `regex floor` = reading every file and one plain regex pass over it.",
        "",
        "## Throughput (--jobs 1)",
        "",
        "| stream | docs | chars | end-to-end docs/s | chars/s | steady ms/doc | naive ms/doc (sample) | "
        "naive / fast | regex floor ms/doc | fast / floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in res["streams"].items():
        f1, nv = row["fast1"], row["naive"]
        steady = _steady(f1) if f1["docs"] > 1 else _per_doc(f1)
        lines.append(
            f"| {name} | {row['docs']} | {row['chars']} | {f1['docs'] / f1['seconds']:.1f} | "
            f"{row['chars'] / f1['seconds']:.0f} | {ms(steady)} | {ms(_per_doc(nv))} ({nv['docs']}) | "
            f"{_per_doc(nv) / steady:.1f}x | {ms(_per_doc(row['regex']))} | {steady / _per_doc(row['regex']):.0f}x |")
    lines += [
        "",
        "Every run loads the model before its clock starts (once per process; its cost is given above and in",
        "the cold-start figures below). End-to-end rates include listing the files and everything up to the",
        "first record; `steady` leaves that out. `naive / fast` compares steady per-document times.",
        "`fast / floor`: how many times the regex floor's time the pipeline takes.",
        "",
        "## The same samples with and without fast paths (steady ms/doc)",
        "",
        "| stream | sample docs | naive: segment whole docs + extract | without fast paths | fast | statements |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, row in res["streams"].items():
        nv, slow, fast = row["naive"], row["slow_sample"], row["fast_sample"]
        lines.append(
            f"| {name} | {row['sample']} | {ms(_per_doc(nv, 'segment_seconds'))} + {ms(_per_doc(nv, 'extract_seconds'))}"
            f" | {ms(_steady(slow))} | {ms(_steady(fast))} | {fast['statements']} |")
    lines += [
        "",
        "## Two workers (--jobs 2)",
        "",
        "| stream | free parallelism | end-to-end docs/s | jobs 2 / jobs 1 end-to-end | steady | parent peak MB | "
        "largest worker peak MB | each worker loads its own model: time ratio, worker peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, row in res["streams"].items():
        j2, own, f1 = row.get("fast2"), row.get("fast2_own_model"), row["fast1"]
        if not j2:
            continue
        lines.append(
            f"| {name} | {row['parallelism']:.2f}x | {j2['docs'] / j2['seconds']:.1f} | "
            f"{f1['seconds'] / j2['seconds']:.2f}x | "
            f"{_steady(f1) / _steady(j2):.2f}x | {j2['rss_self_mb']:.0f} | {j2['rss_children_mb']:.0f} | "
            f"{own['seconds'] / j2['seconds']:.2f}, {own['rss_children_mb']:.0f} |")
    lines += [
        "",
        "`free parallelism`: how much faster two busy processes finished than one after the other, measured",
        "just before (2.00x on two idle cores; other work on the machine lowers it, and --jobs 2 cannot beat it).",
        "By default the parent loads the model before forking (`preload`), so the workers share its pages;",
        "the last column is a cold run where each worker loads its own copy on first use (time relative to the",
        "default run, which loaded the model before its clock started). Peak memory of one process with",
        "--jobs 1: "
        + ", ".join(f"{n} {r['fast1']['rss_self_mb']:.0f} MB" for n, r in res["streams"].items()) + ".",
        "",
        "## Time to first record (cold start of `extract FILE --jsonl`)",
        "",
    ]
    for what, secs in res["first_record"].items():
        lines.append(f"- {what}: {secs:.2f} s")
    lines += ["", "## Where the time goes (cProfile, fast pipeline, --jobs 1, model loaded beforehand)", ""]
    for name, prof in res["profile"].items():
        n = res["profile_docs"][name]
        lines += [f"### {name}: {n} documents, {prof['seconds']:.1f} s with profiling", "",
                  "Own time per module:", "", "| own s | module |", "|---:|---|"]
        lines += [f"| {t:.3f} | {mod} |" for t, mod in prof["modules"]]
        lines += ["", "Top functions by own time:", "", "| own s | cumulative s | function |", "|---:|---:|---|"]
        lines += [f"| {own:.3f} | {cum:.3f} | `{fn}` |" for own, cum, fn in prof["table"]]
        lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
