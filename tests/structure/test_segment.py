"""Segmenter: real pkuseg words with the provisioned model, per-character fallback without it, exact offsets.

Needs the model provisioned by `make model` (`make test` does that first).
"""

import subprocess
import sys
from pathlib import Path

import pytest

from extractor.structure import segmenter as seg

CORPUS = sorted((Path(__file__).resolve().parents[2] / "corpus").glob("*.txt"))


@pytest.fixture
def pkuseg_nlp(monkeypatch):
    """The pkuseg pipeline from the default (provisioned) model; fails loudly if the model is missing."""
    monkeypatch.delenv(seg.ENV_VAR, raising=False)
    if seg.model_dir() is None:
        pytest.fail("pkuseg model not provisioned: run `make model` (python -m extractor.tools.provision)")
    return seg.get_nlp("pkuseg")


@pytest.mark.parametrize("text, words", [
    ("迅速设立客服专线", ["迅速", "设立", "客服", "专线"]),
    ("对相关责任人给予严肃处理", ["对", "相关", "责任人", "给予", "严肃", "处理"]),
    ("已全面回退异常扣费", ["已", "全面", "回退", "异常", "扣费"]),
])
def test_pkuseg_segments_into_words(pkuseg_nlp, text, words):
    assert [tok.text for tok in pkuseg_nlp(text)] == words
    assert seg.last_notice() is None


def test_char_segmenter_splits_every_character():
    assert [tok.text for tok in seg.get_nlp("char")("客服专线")] == ["客", "服", "专", "线"]
    assert seg.last_notice() is None


def test_empty_model_dir_falls_back_to_char_with_notice(monkeypatch, tmp_path):
    monkeypatch.setenv(seg.ENV_VAR, str(tmp_path))
    assert seg.model_dir() is None
    nlp = seg.get_nlp("pkuseg")
    assert [tok.text for tok in nlp("迅速设立")] == ["迅", "速", "设", "立"]
    notice = seg.last_notice()
    assert notice is not None and seg.ENV_VAR in notice and str(tmp_path) in notice


def test_fallback_pipeline_is_loaded_once(monkeypatch, tmp_path):
    monkeypatch.setenv(seg.ENV_VAR, str(tmp_path))
    assert seg.get_nlp("pkuseg") is seg.get_nlp("pkuseg")


def test_unknown_segmenter_is_rejected():
    with pytest.raises(ValueError, match="jieba"):
        seg.get_nlp("jieba")


@pytest.mark.parametrize("text", [
    "迅速设立客服专线",
    "中国联通已全面回退异常扣费。\n\n  客服热线：10010（24小时）",
    "一是立即成立专项工作组；二是开展专项治理",
    "ＡＢＣ１２３ 全角字符与 half-width 混排\t制表符",
])
def test_segment_offsets_slice_back_to_tokens(pkuseg_nlp, text):
    spans = seg.segment(text)
    expected = [tok.text for tok in pkuseg_nlp(text) if not tok.is_space]
    assert [text[start:end] for start, end in spans] == expected
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name[:3])
def test_segment_covers_every_non_space_character_of_corpus(pkuseg_nlp, path):
    text = path.read_text(encoding="utf-8")
    covered = "".join(text[start:end] for start, end in seg.segment(text))
    assert covered == "".join(text.split())


def test_loading_pkuseg_writes_nothing_to_stdout_or_stderr(monkeypatch, capfd):
    monkeypatch.delenv(seg.ENV_VAR, raising=False)
    path = seg.model_dir()
    assert path is not None, "pkuseg model not provisioned: run `make model`"
    seg._load_pkuseg(path)
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_import_does_not_import_spacy():
    code = "import sys, extractor.structure.segmenter; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
