"""Prose measures as whole runs of clauses: which runs are proposed, how they are labelled, and how the best
non-overlapping set is chosen."""
from __future__ import annotations

from extractor.candidates import find_candidates, find_signals, unit_runs
from extractor.clean import clean_text
from extractor.decide.features import MAX_SPAN_UNITS, UnitContext, span_candidates, span_features, unit_features
from extractor.decide.labels import norm, span_label
from extractor.decide.linear import LinearModel
from extractor.decide.measures import _best_spans
from extractor.decide.model import Model
from extractor.ruleset import load_ruleset

RS = load_ruleset()

# Two sentences: a condition clause before the action, then two actions of their own.
TEXT = ("系统故障期间，订单超时的用户，平台将予以免单。"
        "我们已成立专项小组，并将全面排查系统隐患。")


def _ctx(text: str = TEXT) -> UnitContext:
    return UnitContext(find_candidates(find_signals(clean_text(text), "", RS), RS), RS)


def _texts(ctx: UnitContext, runs) -> list[str]:
    return [ctx.view[ctx.units[a].start:ctx.units[b].end] for a, b in runs]


def test_runs_stay_inside_a_sentence_and_stop_at_an_unusable_unit():
    ctx = _ctx()
    sents = [u.sent for u in ctx.units]
    runs = unit_runs(ctx.units, lambda k: True, 6)
    assert runs and all(sents[a] == sents[b] for a, b in runs)
    # 3 clauses then 2 clauses: 3 + 2 + 1 and 2 + 1 runs
    assert len(runs) == 9
    blocked = unit_runs(ctx.units, lambda k: k != 1, 6)
    assert all(not (a <= 1 <= b) for a, b in blocked)
    assert all(b - a < 2 for a, b in unit_runs(ctx.units, lambda k: True, 2))


def test_candidates_hold_an_action_verb():
    ctx = _ctx()
    texts = _texts(ctx, span_candidates(ctx, lambda k: True))
    assert "系统故障期间，订单超时的用户，平台将予以免单。" in texts
    # the condition clauses alone state no action
    assert "系统故障期间，" not in texts and "系统故障期间，订单超时的用户，" not in texts
    assert MAX_SPAN_UNITS >= 4


def test_span_features_see_the_first_clause_the_end_and_the_clauses_left_out():
    ctx = _ctx()
    uf = [unit_features(ctx, i) for i in range(len(ctx.units))]
    f = span_features(ctx, uf, 1, 2)   # 订单超时的用户，平台将予以免单。
    assert f["prev_in_sent"] == 1.0 and "starts_sent" not in f and f["ends_sent"] == 1.0
    assert f["acting=1"] == 1.0 and f["ng=免单"] == 1.0 and any(k.startswith("F:") for k in f)
    # how long the run is is no feature: annotators' cuts differ between sets, the model learnt their habit
    assert not any(k.startswith(("n=", "chars=")) for k in f)
    g = span_features(ctx, uf, 0, 2)
    assert g["whole_sent"] == 1.0 and "prev_in_sent" not in g


def test_span_label_follows_the_scorer():
    assert span_label(norm("订单超时的用户，平台将予以免单。"), [norm("订单超时20分钟的用户，平台将予以免单")])
    assert not span_label(norm("平台将予以免单。"), [norm("系统故障期间，订单超时20分钟的用户，京东外卖将予以免单")])


def _model(weights: dict[str, float], threshold: float = 0.5) -> Model:
    span = LinearModel("span", ("no", "yes"), (-2.0,), {k: (v,) for k, v in weights.items()})
    return Model({"span": span}, {"span": threshold}, {})


# a model that favours whole sentences, and one that favours each acting clause alone
WHOLE = {"whole_sent": 4.0, "F:has_cue": 4.0}
SINGLE = {"acting=1": 2.0, "F:has_cue": 3.0}


def _chosen(ctx, weights: dict[str, float]) -> list[str]:
    """The texts of the runs _best_spans chooses under a hand-made span model, every unit usable."""
    uf = [unit_features(ctx, i) for i in range(len(ctx.units))]
    return _texts(ctx, [(a, b) for a, b, _p, _w in _best_spans(ctx, uf, [True] * len(ctx.units), _model(weights),
                                                                False)])


def test_the_best_set_of_runs_does_not_overlap_and_prefers_the_likelier_whole():
    ctx = _ctx()
    uf = [unit_features(ctx, i) for i in range(len(ctx.units))]
    usable = [True] * len(ctx.units)
    # A whole sentence is likelier than any piece of it: one measure per sentence.
    whole = _best_spans(ctx, uf, usable, _model({"whole_sent": 4.0}), False)
    assert _texts(ctx, [(a, b) for a, b, _p, _w in whole]) == [
        "系统故障期间，订单超时的用户，平台将予以免单。", "我们已成立专项小组，并将全面排查系统隐患。"]
    # Single acting clauses likelier: the second sentence gives two measures, the condition clauses none.
    single = _best_spans(ctx, uf, usable, _model({"acting=1": 2.0, "F:has_cue": 3.0}), False)
    got = _texts(ctx, [(a, b) for a, b, _p, _w in single])
    assert got == ["平台将予以免单。", "我们已成立专项小组，", "并将全面排查系统隐患。"]
    # Nothing above the threshold: nothing chosen.
    assert _best_spans(ctx, uf, usable, _model({}), False) == []


def test_a_chosen_run_never_joins_clauses_across_a_semicolon():
    # Two sanctions in one sentence, parallel clauses split by a semicolon: two measures however much the model
    # favours whole sentences (the runs across the semicolon are still candidates, and still training data).
    ctx = _ctx("对学校分管副校长予以免职；对该班班主任予以立案调查。")
    uf = [unit_features(ctx, i) for i in range(len(ctx.units))]
    assert "对学校分管副校长予以免职；对该班班主任予以立案调查。" in _texts(ctx, span_candidates(ctx, lambda k: True))
    chosen = _best_spans(ctx, uf, [True] * len(ctx.units), _model({"whole_sent": 4.0, "F:has_cue": 4.0}), False)
    assert _texts(ctx, [(a, b) for a, b, _p, _w in chosen]) == ["对学校分管副校长予以免职；", "对该班班主任予以立案调查。"]
    # a comma does not stop a run: the same sentence with a comma is one measure
    ctx = _ctx("对学校分管副校长予以免职，对该班班主任予以立案调查。")
    uf = [unit_features(ctx, i) for i in range(len(ctx.units))]
    chosen = _best_spans(ctx, uf, [True] * len(ctx.units), _model({"whole_sent": 4.0, "F:has_cue": 4.0}), False)
    assert _texts(ctx, [(a, b) for a, b, _p, _w in chosen]) == ["对学校分管副校长予以免职，对该班班主任予以立案调查。"]


def test_a_chosen_run_never_takes_in_someone_elses_action_after_its_first_clause():
    # 校长停职检查，公安机关已经介入调查: the police's action is no part of the school's measure (no gold prose measure
    # of several clauses holds a clause the rules judge another's after its first), however much the model
    # favours whole sentences; the joined run is still a candidate and still training data.
    ctx = _ctx("红星小学情况通报。红星小学已责令校长停职检查，公安机关已经介入调查。")
    assert ctx.judged[2] == ["other_subject"]
    whole = "红星小学已责令校长停职检查，公安机关已经介入调查。"
    assert whole in _texts(ctx, span_candidates(ctx, lambda k: True))
    texts = _chosen(ctx, WHOLE)
    assert whole not in texts and "红星小学已责令校长停职检查，" in texts, texts
    # nor is the police's action a measure of its own, however likely each clause alone
    assert "公安机关已经介入调查。" not in _chosen(ctx, SINGLE)


def test_a_chosen_run_never_takes_in_a_turn_to_a_contrast_after_its_first_clause():
    # 愿配合银行将这笔钱退还，但银行方面一直未将这笔钱退回: what follows 但 is not the action before it.
    ctx = _ctx("我行愿配合将这笔钱退还给客户，但对方银行一直未将这笔钱退回。")
    assert [u.turn for u in ctx.units] == [False, True]
    texts = _chosen(ctx, WHOLE)
    assert "我行愿配合将这笔钱退还给客户，但对方银行一直未将这笔钱退回。" not in texts, texts


def test_no_chosen_run_opens_with_a_turn_to_a_contrast():
    # …已暂停与其合作，但目前该店已停止营业: the clause after 但 answers the one before it and is no measure of its
    # own, whatever the model says of it (it stays a candidate and training data).
    ctx = _ctx("涉事门店已被责令整改，但目前该店已停止营业。")
    assert [u.turn for u in ctx.units] == [False, True]
    assert "但目前该店已停止营业。" in _texts(ctx, span_candidates(ctx, lambda k: True))
    texts = _chosen(ctx, SINGLE)
    assert texts == ["涉事门店已被责令整改，"], texts


def test_no_chosen_run_opens_with_a_clause_bound_to_the_one_before():
    # 而且额外赠送30片 continues the clause before it: no measure starts there (it may still end one).
    ctx = _ctx("平台已向受影响用户全额退款，而且额外赠送优惠券。")
    assert [u.bound for u in ctx.units] == [False, True]
    texts = _chosen(ctx, SINGLE)
    assert texts == ["平台已向受影响用户全额退款，"], texts
    assert _chosen(ctx, WHOLE) == ["平台已向受影响用户全额退款，而且额外赠送优惠券。"]


def test_a_chosen_run_never_takes_in_a_cause_or_a_comment_after_its_first_clause():
    # …已被调离选举事务处，由于事隔多时…: why, or what someone makes of it, is no part of the action.
    ctx = _ctx("涉事职员已被调离选举事务处，由于事隔多时，无从断定资料何时遗失。")
    assert [u.cause for u in ctx.units] == [False, True, False]
    texts = _chosen(ctx, WHOLE)
    assert texts == ["涉事职员已被调离选举事务处，"], texts
    # a comment on it is no part of the measure, and no measure of its own
    ctx = _ctx("涉事门店已被责令停业整顿三个月，这一处罚将持续到年底并接受复查。")
    assert [u.comment for u in ctx.units] == [False, True]
    for weights in (WHOLE, SINGLE):
        assert _chosen(ctx, weights) == ["涉事门店已被责令停业整顿三个月，"]


def test_no_run_of_several_clauses_opens_with_an_attitude():
    """X高度重视，立即… states an attitude, then the action: the measure is the action (no gold prose measure opens
    with such a clause). The attitude clause may still stand alone, where the span decision weighs it."""
    ctx = _ctx("毕节市委、市政府高度重视，立即安排市委政法委、市公安局成立联合调查组赴织金督导。"
               "公司已经高度关注、高度重视，已成立专项自查小组。")
    texts = _texts(ctx, span_candidates(ctx, lambda k: True))
    assert "立即安排市委政法委、市公安局成立联合调查组赴织金督导。" in texts
    assert "已成立专项自查小组。" in texts
    assert not any(t.startswith(("毕节市委、市政府高度重视，", "公司已经高度关注、高度重视，")) and len(t) > 16
                   for t in texts)
    # a clause that acts as well as attaches importance is no attitude clause
    acting = _ctx("学校高度重视并成立调查组，全面排查隐患。")
    assert "学校高度重视并成立调查组，全面排查隐患。" in _texts(acting, span_candidates(acting, lambda k: True))
