"""The benchmark's generated inputs measure what their names say."""
from extractor.clean import clean_text
from extractor.clean.spans import find_duplicates
from extractor.tools.bench_streams import SCALING_KINDS, scaling_text


def test_scaling_inputs_have_the_size_asked_for():
    for kind in SCALING_KINDS:
        assert abs(len(scaling_text(kind, 30_000)) - 30_000) < 200, kind


def test_long_real_statements_repeat_no_more_lines_than_the_statements_themselves():
    # Plain copies of the corpus statements made a 1M-character document mostly skipped duplicate lines, so its
    # time per character looked five times lower than a 10k one's. (Two corpus pages tell one event in the same
    # words: those lines stay duplicates, as many in a long document as in one round of the statements.)
    short = find_duplicates(clean_text(scaling_text("real statements", 12_000)).view)
    long_ = find_duplicates(clean_text(scaling_text("real statements", 100_000)).view)
    assert scaling_text("real statements", 100_000).count("公司") > 100  # the statements, many times over
    assert len(long_) == len(short) < 10
