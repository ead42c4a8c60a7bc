"""Gold folders are validated before any training: every problem is reported as ``file: problem``."""
from __future__ import annotations

import json

import pytest

from extractor.decide.gold import read_gold_dirs
from extractor.errors import GoldError


def test_a_valid_folder_reads_every_document(gold_dir):
    docs = read_gold_dirs([gold_dir])
    assert [d.stem for d in docs] == ["n1", "n2", "s1", "s2", "s3"]
    assert docs[2].gold["hotlines"] == ["400-820-1234"] and docs[2].set_name == "gold"


@pytest.mark.parametrize("edit, problem", [
    (lambda g: g.pop("is_statement"), "missing field 'is_statement'"),
    (lambda g: g.__setitem__("measures", "none"), "field 'measures' should be list"),
    (lambda g: g["measures"][0].__setitem__("category", "refunds"), "unknown category 'refunds'"),
    (lambda g: g["parties"][0].__setitem__("role", "boss"), "unknown role 'boss'"),
    (lambda g: g["measures"][1].__setitem__("text", ""), "measures[2] needs a non-empty text"),
    (lambda g: g.__setitem__("doc", "missing.txt"), "its document 'missing.txt' is not in"),
])
def test_each_problem_is_named_with_its_file(gold_dir, edit, problem):
    path = gold_dir / "s1.gold.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    edit(gold)
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(GoldError) as err:
        read_gold_dirs([gold_dir])
    assert any(p.startswith(str(path)) and problem in p for p in err.value.problems), err.value.problems


def test_malformed_json_a_document_without_gold_and_a_missing_folder_are_all_reported(gold_dir, tmp_path):
    (gold_dir / "s2.gold.json").write_text("{not json", encoding="utf-8")
    (gold_dir / "lonely.txt").write_text("没有标注的文件", encoding="utf-8")
    with pytest.raises(GoldError) as err:
        read_gold_dirs([gold_dir, tmp_path / "nowhere"])
    problems = "\n".join(err.value.problems)
    assert "s2.gold.json: malformed JSON at line 1" in problems
    assert "lonely.txt: document without lonely.gold.json" in problems
    assert "nowhere: not a folder" in problems
