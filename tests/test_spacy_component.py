"""The remediation_measures spaCy component, found through the spacy_factories entry point."""
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

SEED_000 = Path(__file__).parent.parent / "corpus" / "000_96c7af21cd661f14.txt"
TEXT = ("中国联通表示，此次事件发生后，主要采取了以下措施进行处置：\n"
        "一是迅速进行回退处理，对异常扣费进行全面复核和回退处理。\n"
        "二是迅速设立客服专线，开通10015-6服务专线。\n"
        "三是对相关责任人迅速调离工作岗位。\n中国联通称，对此深表歉意。")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")  # char segmentation: no model needed
    nlp.add_pipe("remediation_measures")
    return nlp


def test_factory_is_registered_by_entry_point():
    from importlib.metadata import entry_points

    points = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert points.get("remediation_measures") == "extractor.spacy_component:make_remediation_measures"


def test_doc_extensions_and_span_groups(nlp):
    doc = nlp(TEXT)
    assert [m["ordinal"] for m in doc._.measures if m["listed"]] == ["一是", "二是", "三是"]
    assert [h["number"] for h in doc._.hotlines] == ["10015-6"]
    assert any(p["name"] == "相关责任人" and p["role"] == "disciplined" for p in doc._.parties)
    assert [s.label_ for s in doc.spans["measures"] if s.text.startswith("迅速")] == ["refund", "hotline"]
    assert doc.spans["hotlines"][0].text == "10015-6"


def test_spans_are_in_the_docs_own_characters_when_cleaning_removes_text(nlp):
    # Pinyin annotations are removed by the cleaner; spans must still point at the Doc's characters.
    doc = nlp("中國聯(lián)通對此深表歉意，已開通10015-6服務專線，并對相關責任人調離工作崗位。")
    hot = doc.spans["hotlines"][0]
    assert hot.text == "10015-6"


def test_value_offsets_index_the_docs_text(nlp):
    # The cleaner drops the blank lines and the pinyin annotation; offsets must still point into doc.text.
    text = "\n\n  " + TEXT.replace("中国联通表示", "中國聯(lián)通表示")
    doc = nlp(text)
    assert doc._.measures and doc._.hotlines
    for m in doc._.measures:
        assert doc.text[m["start"]:m["end"]] == m["text"]
    hot = doc._.hotlines[0]
    assert doc.text[hot["start"]:hot["end"]] == "10015-6"
    inner = [h for m in doc._.measures for h in m["hotlines"]]
    assert [doc.text[h["start"]:h["end"]] for h in inner] == ["10015-6"]
    assert doc._.clean_text.startswith("中國聯通表示")
