"""The report's inline SVG charts: well-formed, escaped, Chinese labels as text, empty states (issue 12)."""
import xml.etree.ElementTree as ET

from extractor.output.report_svg import Bar, Dot, bar_chart, stacked_bar, text_width, timeline_chart

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)  # also proves the SVG is well-formed XML
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


def test_bar_chart_labels_values_and_links():
    svg = bar_chart("Measures 措施", [Bar("refund 退款赔付", 3, "#59a14f", href="#/?category=refund"),
                                     Bar("<script>x</script>", 1, "#000")])
    labels = texts(svg)
    assert "refund 退款赔付" in labels and "<script>x</script>" in labels and "3" in labels
    assert "<script>" not in svg and 'href="#/?category=refund"' in svg


def test_long_labels_are_cut_and_keep_the_full_text_in_the_tooltip():
    name = "中华人民共和国某某省某某市某某区某某街道某某有限责任公司"
    svg = bar_chart("t", [Bar(name, 2, "#000")])
    assert any(t.endswith("…") and len(t) < len(name) for t in texts(svg))
    assert f"<title>{name}: 2</title>" in svg


def test_stacked_bar_gives_counts_and_shares():
    svg = stacked_bar("Status", [Bar("done", 3, "#0a0"), Bar("planned", 1, "#f80"), Bar("unknown", 0, "#999")])
    assert "3 · 75%" in texts(svg) and "1 · 25%" in texts(svg) and "0 · 0%" in texts(svg)


def test_charts_without_data_say_so():
    assert "no measures" in texts(bar_chart("t", [], "no measures"))
    assert "no measures" in texts(stacked_bar("t", [Bar("done", 0, "#0a0")], "no measures"))
    assert any("no dated actions" in t for t in texts(timeline_chart("t", [], {}, undated=2)))


def test_timeline_rows_ticks_and_aggregated_dots():
    dots = [Dot("2021-03-04", "甲公司", "action", "a1"), Dot("2021-03-04", "甲公司", "action", "a2"),
            Dot("2022-05-11", "乙公司", "deadline", "d1", href="#/doc/3")]
    svg = timeline_chart("时间线", dots, {"乙公司": "#f00", "甲公司": "#00f"}, undated=1)
    labels = texts(svg)
    assert labels.index("乙公司") < labels.index("甲公司")   # rows in the order asked for
    assert "2021-07" in labels and "2022-01" in labels      # quarter ticks over a 14-month span
    root = ET.fromstring(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 2        # the two actions of one day drawn once (+ legend)
    assert "2 dated action(s)" in svg and 'href="#/doc/3"' in svg
    assert any("1 dated action(s) without a full date" in t for t in labels)


def test_text_width_counts_chinese_as_wide():
    assert text_width("中文", 10) == 20 and text_width("ab", 10) == 12
