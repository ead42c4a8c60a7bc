"""Helpers shared by test modules."""
import json
import shutil
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = Path(__file__).resolve().parent / "cases"


def read_cases(name: str) -> list[dict]:
    """The cases of tests/cases/``name``, one JSON object per non-blank line."""
    return [json.loads(line) for line in (CASES / name).read_text("utf-8").splitlines() if line.strip()]


def case_params(cases: list[dict], kind: str) -> list:
    """The cases that hold the key ``kind``, as pytest params named by their index and first characters."""
    return [pytest.param(c, id=f"{i}:{c['text'][:16]}") for i, c in enumerate(cases) if kind in c]


# An HTML page of 300,000 nested elements and 7 characters of text: about 3 s of HTML conversion on the
# 2-core test machine, nothing to extract. Under a 0.5 s limit it must fail while being converted.
NESTED_PAGE = "<html><body>" + "<div><span></span></div>" * 300_000 + "我们深表歉意。</body></html>"


def plain_text_statements() -> list[Path]:
    """The corpus statements kept as plain text (the others hold an HTML body under their front matter)."""
    return sorted(p for p in CORPUS.glob("*.txt") if "<p>" not in p.read_text(encoding="utf-8"))


def copy_corpus(root: Path) -> Path:
    """Copy the corpus documents into ``root`` (tests then add broken files beside them)."""
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, root / path.name)
    return root

# A tiny gold folder (statements and look-alikes written for these tests) to train on.

DOCS = {
    "s1": ("关于部分用户无法登录的致歉声明\n因服务器故障，我公司App出现部分用户无法登录的情况，我们深表歉意。"
           "我们将采取以下措施：一是全面排查服务器隐患，完善容灾备份；二是对受影响用户补偿一个月会员；"
           "三是对相关责任人严肃问责。如有疑问，请拨打客服热线400-820-1234。",
           {"is_statement": True, "apology": True, "company": "我公司", "stated_count": None,
            "measures": [{"ordinal": "一是", "listed": True, "category": "system", "text": "全面排查服务器隐患，完善容灾备份；"},
                         {"ordinal": "二是", "listed": True, "category": "refund", "text": "对受影响用户补偿一个月会员；"},
                         {"ordinal": "三是", "listed": True, "category": "accountability", "text": "对相关责任人严肃问责。"}],
            "findings": [], "hotlines": ["400-820-1234"], "parties": [{"name": "相关责任人", "role": "disciplined"}]}),
    "s2": ("顺丰回应快件丢失\n顺丰表示，公司已成立专项小组调查此事，并已向客户全额赔偿。顺丰对此深表歉意。",
           {"is_statement": True, "apology": True, "company": "顺丰", "stated_count": None,
            "measures": [{"ordinal": "", "listed": False, "category": "investigation", "text": "公司已成立专项小组调查此事"},
                         {"ordinal": "", "listed": False, "category": "refund", "text": "并已向客户全额赔偿。"}],
            "findings": [], "hotlines": [], "parties": [{"name": "专项小组", "role": "actor"}]}),
    "s3": ("某区教育局情况通报\n经调查，存在以下问题：一是教师管理不到位；二是安全教育缺失。区教育局已对涉事教师停职处理，"
           "并责成学校全面整改。特此通报。",
           {"is_statement": True, "apology": False, "company": "区教育局", "stated_count": None,
            "measures": [{"ordinal": "", "listed": False, "category": "accountability", "text": "区教育局已对涉事教师停职处理，"},
                         {"ordinal": "", "listed": False, "category": "process", "text": "并责成学校全面整改。"}],
            "findings": [{"ordinal": "一是", "text": "教师管理不到位；"}, {"ordinal": "二是", "text": "安全教育缺失。"}],
            "hotlines": [], "parties": [{"name": "涉事教师", "role": "disciplined"}]}),
    "n1": ("服务再升级！某银行推出暖心服务十项举措\n该行近日推出便民举措：一是延长营业时间；二是开通线上预约通道。",
           {"is_statement": False, "apology": False, "company": "", "stated_count": None, "measures": [],
            "findings": [], "hotlines": [], "parties": []}),
    "n2": ("两车追尾当场1死7伤\n昨日清晨7时许，国道发生一起交通事故，一辆卡车与一辆面包车发生追尾。",
           {"is_statement": False, "apology": False, "company": "", "stated_count": None, "measures": [],
            "findings": [], "hotlines": [], "parties": []}),
}


def write_gold(folder: Path, docs: dict = DOCS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, (text, gold) in docs.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{stem}.gold.json").write_text(json.dumps({"doc": f"{stem}.txt", **gold}, ensure_ascii=False),
                                                  encoding="utf-8")
    return folder


@pytest.fixture
def gold_dir(tmp_path) -> Path:
    return write_gold(tmp_path / "gold")


@pytest.fixture
def shared(tmp_path) -> Path:
    """A shared/ folder (as ../shared is laid out) with two small gold sets of DOCS, statements and look-alikes,
    and the shared scorer; skipped where the scorer is not there."""
    from extractor.tools.evaluate import default_shared_dir

    scorer = default_shared_dir() / "eval" / "score.py"
    if not scorer.is_file():
        pytest.skip(f"shared scorer not found at {scorer}")
    root = tmp_path / "shared"
    write_gold(root / "first", {k: DOCS[k] for k in ("s1", "s2", "n1")})
    write_gold(root / "second", {k: DOCS[k] for k in ("s3", "n2")})
    (root / "eval").mkdir()
    shutil.copy(scorer, root / "eval" / "score.py")
    return root
