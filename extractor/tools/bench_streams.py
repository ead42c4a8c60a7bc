"""Document streams for the benchmark (see extractor/tools/bench.py): real text, written to a temporary folder.

* ``mixed``: about 5 % statements, the rest non-statements, as a crawl holds them. The statements are the
  shared gold documents annotated as statements (../shared seeds, dev, dev2; the corpus statements when
  ../shared is absent); the non-statements are the shared look-alikes (templates, guides, fiction, incident
  news…), corpus/004, and news-like filler of the same length distribution, one in ten with a remediation word
  outside any statement (警方已介入调查).
* ``statements``: the statements only.
* ``scaling``: one document per kind and size for the time-per-character table: real statements copied (each
  copy's lines numbered, so none is skipped as a repeated line), one line of repeated cue words after an
  apology, a list of 20,000 items, a page of links.
* ``report_records``: records for the HTML report's benchmark.

Nothing generated here is committed; the shared texts are read where they are.
"""
from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
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
NEAR_MISS = [
    "{c}警方已介入调查，事故原因正在进一步核实中。",
    "商场推出以旧换新活动，消费者不满意可在七天内申请退款。",
    "{c}一小区电梯故障，物业已安排维修人员进行修复。",
]


def shared_documents() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(statements, look-alikes) of the shared gold sets as (file suffix, text); the corpus when absent."""
    statements, others = [], []
    for name in ("seeds", "dev", "dev2"):
        for gold_path in sorted((SHARED / name).glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            doc = gold_path.parent / gold["doc"]
            if doc.is_file():
                (statements if gold.get("is_statement") else others).append(
                    (doc.suffix, doc.read_bytes().decode("utf-8", "replace")))
    if not statements:
        statements = [(".txt", (CORPUS / n).read_text(encoding="utf-8")) for n in STATEMENTS]
        others = [(".txt", (CORPUS / PROMO).read_text(encoding="utf-8"))]
    return statements, others


def _filler(rng: random.Random, target: int) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < target:
        parts.append(rng.choice(FILLER).format(c=rng.choice(CITIES), n=rng.randint(2, 9)))
        if rng.random() < 0.25:
            parts.append("\n\n")
    if rng.random() < 0.1:
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(NEAR_MISS).format(c=rng.choice(CITIES)))
    return "".join(parts)


def make_streams(tmp: Path, n_docs: int, n_statements: int, seed: int = 5) -> dict[str, list[Path]]:
    """Write the mixed and statements-only streams under ``tmp``; return the file lists."""
    rng = random.Random(seed)
    statements, others = shared_documents()
    lengths = [len(t) for _, t in statements + others]
    streams: dict[str, list[Path]] = {}
    mixed = tmp / "mixed"
    files = []
    for i in range(n_docs):
        if i % 20 == 7:  # 5% statements
            suffix, text = statements[(i // 20) % len(statements)]
        elif i % 5 == 1:  # look-alikes, real text
            suffix, text = others[(i // 5) % len(others)]
        else:
            suffix, text = ".txt", _filler(rng, int(rng.choice(lengths) * rng.uniform(0.5, 1.0)))
        path = mixed / f"{i // 1000:03d}" / f"{i:06d}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    streams["mixed"] = files
    only = tmp / "statements"
    only.mkdir()
    streams["statements"] = []
    for i in range(n_statements):
        suffix, text = statements[i % len(statements)]
        path = only / f"{i:05d}{suffix}"
        path.write_text(text, encoding="utf-8")
        streams["statements"].append(path)
    return streams


NOTICE_TITLE = "星海科技有限公司关于系统故障的情况说明\n"
SCALING_KINDS = ("real statements", "one line of cue words", "a list of 20,000 items", "a page of links")


def _plain_text(path: Path) -> str:
    """The text of a page as the loader reads it (front matter and markup gone): a paragraph per line."""
    from ..load import iter_sources, load_source

    return load_source(next(iter(iter_sources([str(path)]))))[0].text


def scaling_text(kind: str, n: int) -> str:
    """A document of about ``n`` characters of one of SCALING_KINDS."""
    if kind == "real statements":
        parts, i = [], 0
        statements = [_plain_text(CORPUS / s) for s in STATEMENTS]
        while sum(map(len, parts)) < n:
            text = statements[i % len(statements)]
            if i >= len(statements):
                # Every copy's lines numbered: a line repeating an earlier one verbatim is skipped as a
                # duplicate, which would make a long document of copies look cheaper than it is.
                text = "\n".join(f"{ln}（{i}）" if ln.strip() else ln for ln in text.split("\n"))
            parts.append(text)
            i += 1
        return "\n".join(parts)[:n]
    # The two synthetic statements open with a notice's title, so that every size is decided a statement and
    # takes the same path: a bare apology and a list came near the statement threshold, accepted at 10k characters
    # and rejected at 100k, which measured two paths and read as non-linear time.
    if kind == "one line of cue words":
        return (NOTICE_TITLE + "公司对此深表歉意，一是" + "整改" * (n // 2))[:n]
    if kind == "a list of 20,000 items":
        per = max(4, n // 20000 - 4)
        head = NOTICE_TITLE + "公司对此深表歉意。整改措施如下：\n"
        return head + "".join(f"{i}. {'整改完善' * (per // 4)}；\n" for i in range(1, 20001))[:n]
    if kind == "a page of links":
        line = '<a href="http://example.com/news/{i}.html">相关新闻：某某公司发布公告回应网友关切 {i}</a><br>\n'
        parts, i = ["<html><body>"], 0
        while sum(map(len, parts)) < n:
            parts.append(line.format(i=i))
            i += 1
        return "".join(parts) + "</body></html>"
    raise ValueError(kind)


def sample(files: list[Path], k: int, seed: int = 11) -> list[Path]:
    """A random sample of ``k`` files in stream order (the same for every run), keeping the stream's mix."""
    if k >= len(files):
        return list(files)
    return [files[i] for i in sorted(random.Random(seed).sample(range(len(files)), k))]


# Organizations the report stream spreads the corpus statements over, so that the organization views, the
# per-organization chart and the timeline have many rows, as a real crawl would.
REPORT_ORGS = ["中国联通", "中国移动", "中国电信", "国家电网", "顺丰速运", "美团", "滴滴出行", "京东", "拼多多", "携程",
               "南方航空", "招商银行"]


def report_records(base: list[dict], n: int) -> Iterator[dict]:
    """``n`` records for the report benchmark: the corpus records repeated, each with its own doc_id, an
    organization from REPORT_ORGS (statements only), and its document date, dated actions and deadlines moved
    by a few days so that the timeline spreads over several years."""
    import datetime as dt

    for i in range(n):
        rec = copy.deepcopy(base[i % len(base)])
        rec["doc_id"] = f"{i // 1000:03d}/{i:06d}_{rec['doc_id']}"
        if rec.get("company"):
            rec["company"] = REPORT_ORGS[(i // len(base)) % len(REPORT_ORGS)]
        shift = dt.timedelta(days=(i * 7) % 2900 - 1450)
        rec["date"] = (dt.date(2021, 1, 1) + shift).isoformat()
        for value in [*rec.get("timeline", []), *[m["deadline"] for m in rec.get("measures", []) if m.get("deadline")]]:
            if value.get("iso"):
                value["iso"] = (dt.date.fromisoformat(value["iso"]) + shift).isoformat()
        yield rec
