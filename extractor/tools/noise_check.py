"""Does site noise change the records? The gold pages again, each with what real pages carry around an article.

Real crawls wrap a statement in navigation, tag lines naming the site's other topics, lists of other pages'
headlines (related or ranked, or with the opening of each article), readers' comments, app and sign-in prompts,
the site's disclaimer and footer or an app's interface, and some pages print their article twice or end their
sentences with ASCII full stops. None of that is the organization's words, so none of it should change what the
tool finds.
``make eval`` extracts every gold page as it is and with one kind of noise added, using the shipped model
(in-sample, so only the difference between the two columns counts), and reports the scorer's figures side by
side and how many pages changed a decision.

The noise is built from the gold sets themselves (other pages' titles) and from the fixed lines below, written
for this check; nothing is copied into the repository.
"""
from __future__ import annotations

import dataclasses
from typing import Callable, Sequence

from ..decide.labels import norm
from ..decide.model import Model
from ..decide.train import Prepared
from ..ruleset import RuleSet
from ..run import Options
from ..run.pipeline import extract_loaded

__all__ = ["NOISE", "noisy_records", "headlines_of", "changed_decisions"]

HEADLINES = 6  # other pages' titles in a related-articles list
MAX_HEADLINE = 40
NAVIGATION = "当前位置：首页 > 新闻中心 > 社会 > 正文\n"
# a government site's footer: its sponsor and its own contact number, not the responder's
FOOTER = "\n主办：某某市人民政府办公室 承办：某某市大数据中心\n联系电话：0835-6526078 地址：某某市行政中心\n"
# a site's disclaimer under the article: its 致歉 and 删除 are the site's, not the responder's
DISCLAIMER = "免责声明：本站部分内容来源于网络，仅供参考，不代表本站立场。如有侵权，请联系我们删除，我们将及时处理并致歉。\n"
# a post saved from WeChat: the account's time stamp and follow line on top, the app's interface under the article
WECHAT_HEAD = "原创 某某发布 某某发布 2023-05-21 18:30 发表于北京\n点击上方蓝字关注我们\n"
WECHAT_FOOT = ("预览时标签不可点\n微信扫一扫\n关注该公众号\n继续滑动看下一个\n轻触阅读原文\n某某发布\n向上滑动看下一个\n知道了\n"
               "视频 小程序 赞，轻点两下取消赞 在看，轻点两下取消在看 分享 留言 收藏\n")
# a site's tag line: the topics of its other pages (templates, how-tos, fiction), not what this page is
KEYWORDS = "标签：道歉信范文 情况说明怎么写 整改报告模板 小说\n"
# a news site's prompts: download and sign-in lines on top, read-more lines under the article
PROMPTS_TOP = "下载客户端\n登录\n"
PROMPTS_FOOT = "打开APP，阅读全文\n返回首页，查看更多\n"
COMMENTS = ("\n网友评论\n用户8831：早就该道歉了，必须赔偿消费者损失！\n不吃香菜：建议监管部门彻查，严肃处理相关责任人。\n"
            "路人甲：希望能够整改到位，别再出事了。\n")
# the openings of other articles under their headlines, cut off: about incidents like the page's own, as portals
# recommend them, with a sanction, an apology, a task force and a number of their own
TEASERS = ("近日，有消费者反映某品牌奶茶店使用过期原料，涉事门店已被责令停业整顿，品牌方发布致歉声明称将全面排查全国门店…",
           "针对网友反映的外卖配送超时问题，平台客服回应称已成立专项小组进行调查，受影响用户可拨打客服热线400-820-8820申请补偿…",
           "记者从市教育局获悉，涉事教师已被停职，学校将进一步加强师德师风建设，并对相关责任人严肃问责。此前有家长在网上发帖称...")
_SENTENCE_END = ("。", "；", "：", ":", ";")


def headlines_of(prepared: Sequence[Prepared]) -> list[str]:
    """A headline per page ("" for none): its title; when fewer than HEADLINES pages have one, a first line short
    enough to be a title stands in (it may be site chrome, so titles are preferred)."""
    def usable(line: str) -> str:
        line = line.strip().lstrip("#").strip()
        return line if 8 <= len(line) <= MAX_HEADLINE and not line.endswith(_SENTENCE_END) else ""

    titles = [usable(p.doc.title) for p in prepared]
    if sum(map(bool, titles)) >= HEADLINES:
        return titles
    return [usable(p.doc.title or next((ln for ln in p.doc.text.split("\n") if ln.strip()), "")) for p in prepared]


def _others(k: int, headlines: list[str]) -> list[str]:
    # The headlines of the pages after this one (page k) in the list, never its own: the same on every run.
    n = len(headlines)
    return [h for h in (headlines[(k + j) % n] for j in range(1, n)) if h][:HEADLINES]


def _related(text: str, k: int, headlines: list[str]) -> str:
    return text.rstrip("\n") + "\n\n相关阅读\n" + "\n".join(_others(k, headlines)) + "\n"


def _hot_news(text: str, k: int, headlines: list[str]) -> str:
    # A news site's ranked list under a bare heading, numbered as sites number them.
    ranked = [f"{i} {h}" for i, h in enumerate(_others(k, headlines), 1)]
    return text.rstrip("\n") + "\n\n24小时热闻\n" + "\n".join(ranked) + "\n"


def _teasers(text: str, k: int, headlines: list[str]) -> str:
    # A portal's related list with more than titles: each other page's headline, then the opening of its article.
    entries = [f"{h}\n{t}" for h, t in zip(_others(k, headlines), TEASERS)]
    return text.rstrip("\n") + "\n\n相关文章\n" + "\n".join(entries) + "\n"


def _under_first_line(text: str, line: str) -> str:
    first, newline, rest = text.partition("\n")
    return first + "\n" + line + rest if newline else text + "\n" + line


# name -> how a page's text changes (text, page index, headlines of the gold pages)
NOISE: dict[str, Callable[[str, int, list[str]], str]] = {
    "as is": lambda text, _k, _h: text,
    "related headlines": _related,
    "ranked headlines": _hot_news,
    "related teasers": _teasers,
    "readers' comments": lambda text, _k, _h: text.rstrip("\n") + "\n" + COMMENTS,
    "navigation line": lambda text, _k, _h: NAVIGATION + text,
    "keyword line": lambda text, _k, _h: _under_first_line(text, KEYWORDS),
    "site footer": lambda text, _k, _h: text.rstrip("\n") + "\n" + FOOTER,
    "disclaimer": lambda text, _k, _h: text.rstrip("\n") + "\n" + DISCLAIMER,
    "WeChat page": lambda text, _k, _h: WECHAT_HEAD + text.rstrip("\n") + "\n" + WECHAT_FOOT,
    "app prompts": lambda text, _k, _h: PROMPTS_TOP + text.rstrip("\n") + "\n" + PROMPTS_FOOT,
    # a summary block, a print or mobile copy: the page carries its article a second time
    "article twice": lambda text, _k, _h: text.rstrip("\n") + "\n\n" + text,
    # a page punctuated in ASCII (a site's conversion): its sentences end with '.'
    "ASCII full stops": lambda text, _k, _h: text.replace("。", "."),
}


def noisy_records(prepared: Sequence[Prepared], model: Model, rs: RuleSet, options: Options,
                  noise: str) -> list[dict]:
    """Records of the gold pages with ``noise`` (a key of NOISE) added to each, under ``model``."""
    add = NOISE[noise]
    headlines = headlines_of(prepared)
    out = []
    for k, p in enumerate(prepared):
        doc = dataclasses.replace(p.doc, text=add(p.doc.text, k, headlines), warnings=list(p.doc.warnings))
        out.append(extract_loaded(doc, options, rs, model).as_dict(with_text=False))
    return out


DECISIONS = ("is_statement", "apology", "company")


def changed_decisions(before: Sequence[dict], after: Sequence[dict]) -> int:
    """Pages whose statement, apology or company decision, or whose measure texts (in the scorer's normal form:
    a full stop the noise wrote after a number is the same measure), differ."""
    def key(rec: dict) -> tuple:
        return tuple(rec.get(k) for k in DECISIONS) + (tuple(norm(m["text"]) for m in rec.get("measures") or []),)
    return sum(key(a) != key(b) for a, b in zip(before, after))
