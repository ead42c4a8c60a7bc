"""The report section of docs/benchmarks.md (make bench, or `bench --only report` on its own)."""
from extractor.tools.bench_report import replace_section, report_section

REPORT = {"docs": 5000, "generate_seconds": 2.5, "mb": 64.0, "rss_mb": 175.0,
          "chromium": {"version": "Chrome/1", "start_seconds": 0.5, "open_seconds": 1.0, "page_ready_seconds": 0.9,
                       "view_ms": 5.0, "sort_ms": 12.0, "filter_ms": 8.0, "problems": []}}
MACHINE = {"date": "2026-01-02 03:04", "cpus": 2, "load_before": 0.1, "load_after": 0.2}
DOC = "# Benchmarks\n\n## Time to first record\n\n- x: 1 s\n\n## Where the time goes\n\nprofile\n"


def test_the_section_gives_generation_and_opening_times():
    text = "\n".join(report_section(REPORT))
    assert "## HTML review report (5,000 documents)" in text
    assert "Generate: 2.50 s (0.50 ms per document), file 64.0 MB" in text
    assert "1.00 s from navigation to the rendered overview" in text and "console errors: 0" in text


def test_without_chromium_the_opening_is_said_not_measured():
    assert "not measured" in "\n".join(report_section({**REPORT, "chromium": None}))


def test_the_section_goes_before_the_profiles_and_is_replaced_in_place():
    once = replace_section(DOC, report_section(REPORT, MACHINE))
    assert once.index("## Time to first record") < once.index("## HTML review report") < once.index("## Where")
    assert "Measured on its own" in once and once.endswith("profile\n")
    faster = {**REPORT, "generate_seconds": 1.0}
    twice = replace_section(once, report_section(faster, MACHINE))
    assert twice.count("## HTML review report") == 1 and "Generate: 1.00 s" in twice and "2.50 s" not in twice
    assert twice.replace("1.00 s (0.20", "2.50 s (0.50") == once
