"""The report's grammar, shared by the extractors: where a name begins and ends.

Work reports name things in a few fixed shapes: ``<verb><name><head>``
(有序推进垣曲一期抽水蓄能项目建设), lists ``A、B、C等<head>`` and quoted names
(“双十工程”).  A head word (项目, 计划, 企业 …) is easy to find; the hard part
is the left edge of the name.  :func:`left_edge` walks left from a head to
the nearest clause mark, list mark or governing verb; :func:`trim_left`
then cuts what still cannot open a name (a measure such as 600万吨级, a
coordinated neighbour, an ordinal such as 二是).
"""

from __future__ import annotations

import bisect
import functools
import marshal
import math
import re
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..model import Mention

if TYPE_CHECKING:
    from ..document import Document

# ------------------------------------------------------------- fast scanning


def first_chars(pattern: re.Pattern[str]) -> str | None:
    """A character class (the part inside ``[]``) holding every character a match
    of ``pattern`` can start with; None when that is any character, when the
    pattern can match the empty string, or when it is not plain enough to tell.

    >>> first_chars(re.compile(r"(?<!中)(?:小学|中学|[东西]延)"))
    '东中小西'
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        from re import _parser as parser  # the parser re.compile itself uses
    except ImportError:  # pragma: no cover - Python < 3.11
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        first, nullable = _first(parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - a construct the walk does not know
        return None
    if first is None or nullable or not first:
        return None
    chars: list[str] = [item for item in first if isinstance(item, str)]  # class escapes
    for lo, hi in sorted(item for item in first if not isinstance(item, str)):
        chars.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    return "".join(sorted(chars))


def _first(items) -> tuple[set | None, bool]:
    """(code point ranges and class escapes a match of ``items`` may start with,
    whether it may be empty)."""
    from re import _constants as c

    out: set[tuple[int, int]] = set()
    for op, av in items:
        if op is c.LITERAL:
            first, nullable = {(av, av)}, False
        elif op is c.IN:
            if any(o not in (c.LITERAL, c.RANGE, c.CATEGORY) for o, _ in av):
                return None, False  # a negated class: almost anything
            first, nullable = {(a, a) if o is c.LITERAL else a for o, a in av if o is not c.CATEGORY}, False
            first |= {_category_escapes()[a] for o, a in av if o is c.CATEGORY}
        elif op is c.BRANCH:
            first, nullable = set(), False
            for alternative in av[1]:
                f, n = _first(alternative)
                if f is None:
                    return None, False
                first |= f
                nullable = nullable or n
        elif op is c.SUBPATTERN:
            if av[1] or av[2]:
                return None, False  # local flags
            first, nullable = _first(av[3])
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            first, nullable = _first(av[2])
            nullable = nullable or av[0] == 0
        elif op is getattr(c, "ATOMIC_GROUP", None):
            first, nullable = _first(av)
        elif op in (c.ASSERT, c.ASSERT_NOT, c.AT):
            first, nullable = set(), True  # zero width: the next item starts the match
        else:
            return None, False
        if first is None:
            return None, False
        out |= first
        if not nullable:
            return out, False
    return out, True


@functools.cache
def _category_escapes() -> dict:
    """A category inside a class, as the escape that writes it (read under the pattern's own flags)."""
    from re import _constants as c

    return {
        c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
        c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W",
    }


def longest_of(words) -> str:
    """A pattern matching the longest of ``words`` that starts where it is tried:
    what ``"|".join`` of them sorted longest first matches, written as a trie
    (推进|推动|推深 -> 推(?:进|动|深)), so a position is tried against the few
    words that share its first characters instead of against every word.

    >>> re.match(longest_of(["建设", "建立", "建立健全"]), "建立健全机制").group()
    '建立健全'
    """
    trie: dict = {}
    for word in words:
        if not word:
            raise ValueError("an empty word matches everywhere")
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branch(node: dict) -> str:
        # greedy: the longer continuations first, then (?) stop at a word that ends here
        parts = [re.escape(ch) + branch(child) for ch, child in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = "(?:" + "|".join(parts) + ")" if len(parts) > 1 or "" in node else parts[0]
        return body + "?" if "" in node else body

    return branch(trie)


def closed_lists(doc: Document, closers: re.Pattern[str], longest: int) -> Iterator[tuple[int, int, int, int]]:
    """``(k, start, end, floor)`` of each member of the lists ``closers`` close (三峡大瀑布、清江画廊|等景区,
    长期失业青年、退役军人|等重点群体): two members or more of 2 to ``longest`` characters joined by 、, ending
    right before the closer in its sentence, whose start is ``floor``; ``k`` counts the members from 0.  The
    closer is found first: a pattern for the list and the closer both would be tried at every offset."""
    norm = doc.norm
    listed = _listed_before(longest)
    for closer in closers.finditer(norm):
        sentence = doc.sentence_at(closer.start())
        floor = sentence.start if sentence is not None else 0
        m = listed.search(norm, floor, closer.start())
        if m is None:
            continue
        pos = m.start(1)
        for k, item in enumerate(m.group(1).split("、")):
            yield k, pos, pos + len(item), floor
            pos += len(item) + 1


@functools.lru_cache(maxsize=None)
def _listed_before(longest: int) -> re.Pattern[str]:
    return re.compile(rf"((?:[\u4e00-\u9fff]{{2,{longest}}}、)+[\u4e00-\u9fff]{{2,{longest}}})$")


def holds(norm: str, start: int, end: int, needs: tuple[tuple[str, ...], ...]) -> bool:
    """True when ``norm[start:end]`` holds, for each group of ``needs``, one of its
    words: a test in C before running a pattern that cannot match without them
    (a list needs its 、) over a sentence.

    >>> holds("推进A、B等项目", 0, 8, (("、",), ("项目", "工程")))
    True
    """
    find = norm.find
    for group in needs:
        for word in group:
            if find(word, start, end) >= 0:
                break
        else:
            return False
    return True


def quick_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` led by a lookahead for its :func:`first_chars`, so a scan
    (``finditer``, ``search``) rejects a position with one class test instead of
    trying every alternative there.  The matches are the same: no match can
    start with another character, and the pattern never matches empty."""
    first = first_chars(pattern)
    if first is None:
        return pattern
    return re.compile(f"(?=[{first}])(?:{pattern.pattern})", pattern.flags)


# Marks that always end a name on the left, and the circled and bracketed numbers that open an
# item of a list (①做好…, ⑴, ⒈, ❶).
BOUNDARY = set("。,;:!?、“”《》\n —-") | {chr(c) for c in [*range(0x2460, 0x24A0), *range(0x2776, 0x2794)]}
# The standards work is done to: 高水平建设, 高起点规划建设.
MANNERS = ("高水平", "高标准", "高质量", "高起点", "高规格", "高品质")
# Verbs and function words that govern a name: the name starts right after them.
# General vocabulary of work reports, longest first so 开工建设 wins over 建设.
GOVERNORS = sorted(
    set(
        """
        推进 加快推进 积极推进 有序推进 加快 实施 持续实施 全面实施 建设 开工建设 加快建设 打造 申建 启动 完成 推动
        支持 培育 新培育 发展 抓好 做好 深化 推深做实 落实 严格落实 开展 建立 健全 完善 优化 提升 强化 加强 实现
        引进 引育 引进培育 争取 用好 坚持 持续 继续 积极 加大 构建 巩固 扩大 举办 筹办 谋划 签约 开工 建成 投产 创建 探索 研究
        出台 制定 修订 修改 规范 保障 促进 围绕 依托 通过 利用 打通 改造 新建 推广 组建 申报 认定 聚焦 服务 壮大 抢抓
        统筹 打响 设立 落地 贯彻 深入贯彻 全力 大力 重点 着力 加速 主动 稳妥推动 稳妥 推深 做实 实行 执行 开通
        抓住 获批 承接 增加 新增 开辟 守牢 守住 防范 化解 打击 整治 治理 保护 修复 提高 实施好 谋划实施好
        全面落实 深入落实 认真落实 一定 必须 全面实施 全面开展 全面推行 推行 深入开展 严格 严格控制 严控 控制 确保 力争 满足 切实解决 切实 解决 整合 优化整合 不断 不断壮大 引导
        成功创建 成功举办 成功承办 承办 协办 成功申报 成功获批 成功争创 全面实行 坚定实施 坚定不移实施 突出做好 突出抓好 稳妥处置 扛起 扛牢 压实 压紧压实
        累计 建立健全 健全完善 组织实施 组织实施好 建成投用 投用 鼓励 帮助 帮扶 扶持 关心 关爱 集中 攻坚 补齐 年内 今年 全年 常态化 扎实 扎实推进 深入推进 深入实施 大力发展
        和 及 与 以及 对 将 把 并 或 向 为 请 等 好 规划建设 全力以赴 坚决 坚决落实 融入 主动融入 新认定 培训 其中 组织
        筑牢 新引进 新登记 助力 领办 创办 兴办 纵深推进 争创 做强 做优 做大 做精 做实 做响 做深 做细 培养 新培养 办好
        坚定支持 大力支持 退出 关闭退出 擦亮 紧紧抓住 按照 辐射 辐射带动 改扩建 新改扩建 续建 加入 深度融入 积极融入 全面融入
        新设 新设立 新组建 新建改建 新改建 关停 关闭 关闭转产 淘汰 取缔 清退 吸纳 带动 提供 清理 拖欠 清理拖欠 迭代 迭代升级 推出 纳入 入选 激发 创成 派驻
        集聚 汇聚 配合 发挥 发放 按时 足额 发现 新发现 采取 奋力 共建 认真 紧紧围绕 紧扣 紧盯 锚定
        学习贯彻 深入学习贯彻 认真学习贯彻 学习宣传贯彻 全面贯彻 认真贯彻 坚决贯彻 贯彻落实 全面贯彻落实 了
        全面完成 全面推进 全面加强 全面提升 全面建成 重点做好 重点抓好 重点支持 重点扶持 重点帮扶 重点保障 吸引 在 于 编制 编制实施 我们 我市 我县 我区 我省 我州 我旗
        """.split()
    )
    # a standard the work is done to, then its verb (高水平建设|三龙湾科技城, 高起点规划建设|…中心);
    # alone such a word may open a name (高质量发展…), so only with the verb
    | {manner + verb for manner in MANNERS for verb in ("建设", "打造", "规划建设", "推进", "建成")},
    key=lambda w: (-len(w), w),
)
_GOV_RE = re.compile(longest_of(GOVERNORS))
# Verbs that launch a campaign: the only words stripped before a name that
# is itself a verb phrase (开展|整治违规取水专项行动, 持续深化|安全生产专项整治).
LAUNCHERS = sorted(
    set(
        """
        开展 实施 启动 推进 深化 举办 推动 落实 做好 抓好 组织 持续 积极 大力 扎实 继续 加快 常态化
        承办 协办 成功举办 成功承办 办好
        切实 认真 严格 扎实开展 深入开展 持续开展 组织开展 全面开展 常态化开展 持续深化 深入推进 深入实施 全面实施
        持续实施 全面落实 严格落实 深入落实 认真落实 深入贯彻 贯彻 贯彻落实 和 及 与 并
        打好 打赢 打响 打好打赢 坚决打好 坚决打赢 深入打好 持续打好 全力打好 全力打赢 纵深推进 完成 坚定 坚定不移 我们
        全面完成 圆满完成 如期完成 基本完成
        在 要在 是 也是
        """.split()
    ),
    key=lambda w: (-len(w), w),
)
LAUNCHERS_RE = re.compile(longest_of(LAUNCHERS))


def governors_without(*words: str) -> re.Pattern[str]:
    """The governor pattern less ``words`` (重点 opens 重点行业企业, it does not govern it)."""
    return re.compile(longest_of(w for w in GOVERNORS if w not in words))
# Outline ordinals, time words and connectives that open a clause but never a name.
ORDINAL = re.compile(
    r"(?:\([一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+[是要]|其[一二三四五]|首先|其次|再次|最后|与此同时|同时|此外|另外"
    r"|并且|而且|进而|还将|还要|今年|明年|年内|全年)"
)
# A measure before a name qualifies it (打造600万吨级的绿色焦化产业园, 10万吨级白酒基地):
# the name starts after it.  A count before a name (37个乡镇…中心) makes the
# phrase a class of things, not a name.
MEASURE_PREFIX = quick_start(re.compile(
    r"(?:总投资|总产值|年产|年加工|年处理|产能|规模|投资)?(?:\d+[×*])?\d+(?:\.\d+)?(?:千伏|[万亿千百]*"
    r"(?:吨|千瓦|兆瓦|瓦|(?:GW|MW|[kK]W)h?|元|亩|平方米|立方米|米|公里|台|头|只|床|标箱|辆|英寸|代|套|件)?)(?:/年)?(?:级)?(?:的)?"
))
# The words before a plant's capacity that name whose plant it is (恒力石化|160万吨/年…项目, 库布其|200万千瓦光伏…,
# 华星光电|8.5代液晶面板生产线): the name goes on through the capacity.  Words that do something to it end
# before it (新增|100万千瓦…), and a firm's legal name is a name of its own (…电化科技有限公司|年产3万吨电解二氧化锰项目).
OWNER_BEFORE_MEASURE = re.compile(r"(?:(?!公司)[\u4e00-\u9fff]){2,12}")
CAPACITY = re.compile(r"吨|瓦|GW|MW|[kK]W|辆|千伏|英寸|代|平方米|套|件")
# A grade of scale in words (千亿级, 百万吨级) qualifies as a measure does; a rank (一级资质企业, 三级医院) is the name's.
SCALE_GRADE = re.compile(r"[一二三四五六七八九十]*[十百千万亿]+[\u4e00-\u9fff]?级(?:的)?")
COUNTED = quick_start(re.compile(
    # not a plant's yearly output (年产300万套…项目: a capacity, see MEASURE_PREFIX)
    r"(?<!年产)(?<![\d.])\d+(?:\.\d+)?[万亿千百]*(?:个|所|处|座|条|家|项|批|件|户|套|间|栋|类|种|名|支|张)|"
    r"(?!一批)[一二三四五六七八九十两]+(?:大|个|项|批|所|家)"
))
# An item's number where a clause begins: 1.健全…, 2．实施… (not a decimal: 4.5代).
ITEM_NUMBER = re.compile(r"\d{1,2}[.．](?!\d)")
# Codes that are names, not numbers: G521, S236, 5G, 4A (but 5GW is a capacity).
CODE = quick_start(re.compile(r"[A-Za-z]+\d+[A-Za-z]*|\d+(?!(?:GW|MW|[kK]W)(?![A-Za-z]))[A-Za-z]+"))
# Coordinating words inside a stretch of text.
CONJUNCTION = re.compile(r"[和及与、]|以及")
# What may join a full name to the next one: a conjunction, or 在 placing the first in the second
# (比亚迪新能源电池项目在|盐湖高新区落地).
NAME_JOINER = re.compile(r"[和及与、在]|以及")
QUOTED = re.compile(r"“([^“”]{1,30})”")
# A document's title (《江阴市关于…的若干政策措施》, 《浙江省民营企业发展促进条例》).
TITLE = re.compile(r"《([^《》]{2,60})》")
# A five-year plan's period, quoted inside a name (习酒“十四五”技改工程, 烟台市生态环境保护“十四五”规划).
PERIOD_QUOTE = re.compile(r"“十[一二三四五六七八九]?五”")


def left_edge(norm: str, head_start: int, floor: int, max_len: int = 20, *, stops: str = "",
              governors: re.Pattern[str] | None = None, through_quotes: bool = False,
              segmented: bool = False, dashes: bool = True) -> int:
    """The start of the name whose head begins at ``head_start``.

    Walks left from ``head_start`` to the nearest boundary mark (or one of
    ``stops``), then moves right past the governing words that open the
    clause (持续实施, 有序推进).  ``floor`` bounds the walk (a sentence
    start); names are at most ``max_len`` characters before the head.  With
    ``through_quotes`` a quoted part of the name is walked over (省级“专精特新”企业);
    with ``segmented`` a governor is stripped only where it ends a word
    (保障|性住房 is one word 保障性, 服务|业 is 服务业).  A dash between two
    Han characters joins two names into one (中国—东盟博览会), unless not
    ``dashes``.

    >>> s = "有序推进垣曲一期抽水蓄能项目建设"
    >>> s[left_edge(s, s.index("项目"), 0):s.index("项目")]
    '垣曲一期抽水蓄能'
    """
    i = head_start
    lo = max(floor, head_start - max_len)
    while i > lo:
        ch = norm[i - 1]
        if through_quotes and ch == "”":
            opening = norm.rfind("“", lo, i - 1)
            if opening >= 0 and "”" not in norm[opening + 1 : i - 1]:
                i = opening
                continue
        if ch in BOUNDARY or ch in stops and not (segmented and opens_division(norm, i - 1, head_start)
                                                  or ch == "的" and norm[i - 2 : i + 1] in WORDS_OF_DE):
            if not (dashes and ch in JOINING_DASHES and _han(norm, i - 2) and _han(norm, i)):
                break  # a dash between two names joins them into one (中国—东盟博览会, 晋祠—天龙山景区)
        i -= 1
    if segmented and i == lo > floor and norm[i - 1] not in BOUNDARY and norm[i - 1] not in stops:
        i = _word_start_from(norm, i, head_start, floor)
    if (i == floor or norm[i - 1] in BOUNDARY) and (item := ITEM_NUMBER.match(norm, i, head_start)):
        i = item.end()  # 1.健全…机制: the item's number is no part of the name
    pattern = governors or _GOV_RE
    i = _strip(norm, i, head_start, pattern, segmented)
    if segmented and opens_frame(norm, i, head_start):
        i = _strip(norm, i + 1, head_start, pattern, segmented)
    return i


# Words 的 is a character of, not the particle that stops a name (楚文化旅游目的地和…基地).
WORDS_OF_DE = frozenset({"目的地"})
# A dash standing alone between two Han characters joins two names into one (中国—东盟); two dashes open a topic.
JOINING_DASHES = frozenset("—-")


def _han(norm: str, at: int) -> bool:
    return 0 <= at < len(norm) and "\u4e00" <= norm[at] <= "\u9fff"


def opens_division(norm: str, at: int, end: int) -> bool:
    """Does the 和 at ``at`` open a word that names a division (新疆|和田|果之初…公司, 天津|和平|城市建设…公司), so
    that it joins no two names?"""
    if norm[at] != "和":
        return False
    from ..gazetteer import Gazetteer

    lookup = Gazetteer.load().lookup
    size = next((n for n in (5, 4, 3, 2) if lookup(norm[at : at + n])), 0)
    if not size or at + size > end:
        return False
    lo = max(0, at - 4)
    starts = word_starts(norm[lo:end])
    return at - lo in starts and (at + size == end or at + size - lo in starts)


# 以<name>为<role> (以数字化改革为牵引, 以花园镇、四合乡为重点): 以 opens a frame that 为 closes later in the clause.
_FRAME_CLOSE = re.compile(r"[^,;:。!?]{0,48}?为")


def opens_frame(norm: str, i: int, end: int) -> bool:
    """True when the 以 at ``i``, a word of its own, opens a 以…为 frame around a name that goes on to ``end``."""
    return (norm.startswith("以", i) and i + 1 < end and bool(_FRAME_CLOSE.match(norm, end))
            and 1 in word_starts(norm[i:end]))


#: How far before a cut :func:`_word_start_from` segments, to see the word the cut falls in.
_CUT_CONTEXT = 6


def _word_start_from(norm: str, i: int, head_start: int, floor: int) -> int:
    """The first word start at or after ``i``, a cut made by a length limit: a name does not begin inside a word
    (支|持河南心连心化学工业集团股份有限公司 begins at 河南)."""
    lo = max(floor, i - _CUT_CONTEXT)
    for k in sorted(word_starts(norm[lo:head_start])):
        if lo + k >= i:
            return min(lo + k, head_start)
    return i


def _strip(norm: str, start: int, head_start: int, pattern: re.Pattern[str], segmented: bool) -> int:
    ends: list[int] | None = None  # word ends, segmented only once a governor matches
    while True:
        m = pattern.match(norm, start, head_start)
        if m is None or m.end() == start or norm[start] in NOT_AFTER_VERB and opens_after_verb(norm, start):
            return start
        if segmented and ends is None:
            ends = sorted(start + k for k in word_starts(norm[start:head_start]))
        if ends is not None and m.end() not in ends:
            # a word made of governors only (建立健全) goes whole; any other word stays
            word_end = next((e for e in ends if e > start), head_start)
            if not _all_governors(norm[start:word_end], pattern):
                return start
            start = word_end
            continue
        start = m.end()


# What 工程 opens when it is a word of engineering, not a programme's or a project's head (工程机械, 工程师,
# 中国工程物理研究院, 工程技术人员, 哈尔滨工程大学).
ENGINEERING = r"机械|物理|院|师|技术|学|大学|局|队|兵|车|款"
# Prepositions no verb is followed by: after one, the character opens a name (推进|于桥水库, 推动|于家堡…).
NOT_AFTER_VERB = frozenset("于")
_VERB_BEFORE = re.compile(f"(?:{longest_of([g for g in GOVERNORS if len(g) > 1])})$")


_GOVERNOR_BEFORE = re.compile(f"(?:{longest_of(GOVERNORS)})$")


def governed_at(norm: str, pos: int) -> bool:
    """Does a governing word end right before ``pos`` (推进|新城)?"""
    return _GOVERNOR_BEFORE.search(norm, max(0, pos - 8), pos) is not None


def opens_after_verb(norm: str, pos: int) -> bool:
    """Does the preposition-like character at ``pos`` open a name, right after a verb or a list's mark
    (推进|于桥水库, 中新天津生态城、|于家堡金融区)?"""
    return norm[pos : pos + 1] in NOT_AFTER_VERB and (
        norm[pos - 1 : pos] == "、" or _VERB_BEFORE.search(norm, max(0, pos - 8), pos) is not None)


def _all_governors(word: str, pattern: re.Pattern[str]) -> bool:
    pos = 0
    while pos < len(word):
        m = pattern.match(word, pos)
        if m is None or m.end() == pos:
            return False
        pos = m.end()
    return True


def trim_left(norm: str, start: int, head_start: int, *, governors: re.Pattern[str] | None = None,
              strip: bool = True, segmented: bool = False) -> int | None:
    """Move ``start`` past ordinals, governors (unless ``strip`` is false) and a
    measure; None when the phrase counts a class of things (37个乡镇…中心)
    rather than naming one."""
    pattern = governors or _GOV_RE
    while strip:
        moved = start
        m = ORDINAL.match(norm, moved, head_start)
        if m and m.end() > moved:
            moved = m.end()
        moved = _strip(norm, moved, head_start, pattern, segmented)
        if moved == start:
            break
        start = moved
    prefix = CODE.sub("", norm[start:head_start])
    if COUNTED.search(prefix):
        return None
    last = None
    for m in MEASURE_PREFIX.finditer(norm, start, head_start):
        if m.group() and any(c.isdigit() for c in m.group()) and not CODE.fullmatch(norm[max(start, m.start() - 1) : m.end()]):
            # an ordinal number is part of the name (京东方第8.6代AMOLED生产线, 第二中学)
            # and so are a version (营商环境5.0版改革) and a road's number (210国道准格尔旗段改造)
            if (not _in_code(norm, m.start(), start) and not (m.start() > start and norm[m.start() - 1] == "第")
                    and not norm.startswith(("版", "国道", "省道", "县道"), m.end())):
                last = m
    if last is not None and not _owned_capacity(norm, start, last, pattern):
        start = last.end()
    scale = SCALE_GRADE.match(norm, start, head_start)
    return scale.end() if scale else start


def _owned_capacity(norm: str, start: int, measure: re.Match[str], governors: re.Pattern[str]) -> bool:
    """Is ``measure`` the capacity of a plant named by the words before it (恒力石化160万吨/年…项目)?"""
    if not OWNER_BEFORE_MEASURE.fullmatch(norm, start, measure.start()) or not CAPACITY.search(measure.group()):
        return False
    # words that end in a verb do something to the capacity (全市新增|100万千瓦…)
    return not any(governors.fullmatch(norm, i, measure.start()) for i in range(start, measure.start()))


# Verbs that are the predicate of a clause wherever they stand, never a word of a name: in
# 垣曲一期抽水蓄能项目|列入|国家规划, 宜秀区|建成|口袋公园 or 链主企业|带动|上下游配套企业 a name before
# a head starts after them.
# The copula ends a subject too (2024年|是|实施…三年行动的攻坚之年), as do 完成, 争创 and what a place gathers (企业|完成|…,
# 全力|争创|珲春自由贸易试验区, 于家堡金融区|集聚|持牌金融机构), and what a place registers, incubates, sets up
# or closes (秦创原|新注册|科技型企业, 府谷县|关停改造|兰炭企业), and what firms contract for (骨干企业…|承揽|重大工程).
PREDICATE = re.compile(
    r"列入|纳入|入选|获评|获批|建成|开工|竣工|完工|投用|启用|签约|带动|新增|入驻|新入驻|落户|新落户|全面推行|推行|"
    r"也是|是|完成|争创|集聚|汇聚|新注册|注册|孵化|设立|关停改造|关停|升级为|晋升为|成为|承揽|"
    # what a firm is remade into (盘州市农村信用社|改制为|农商银行)
    r"改制为|改组为|更名为|转制为|重组为"
)


def verb_at(norm: str, pos: int) -> bool:
    """Does a governing word or a predicate start at ``pos`` (一汽|做大做强, 企业|完成…)?"""
    return _GOV_RE.match(norm, pos) is not None or PREDICATE.match(norm, pos) is not None


def after_predicate(norm: str, start: int, head_start: int, pattern: re.Pattern[str] = PREDICATE) -> int:
    """Where the name before ``head_start`` begins once a predicate inside ``norm[start:head_start]``
    (``pattern``, a word of its own) is taken as the verb of a subject before it: just after the last
    such verb, else ``start``."""
    verbs = list(pattern.finditer(norm, start + 1, head_start))
    if not verbs:
        return start
    bounds = word_starts(norm[start:head_start])  # word boundaries, the end included
    for v in reversed(verbs):
        if v.start() - start in bounds and v.end() - start in bounds:
            return v.end()
    return start


def _in_code(norm: str, pos: int, floor: int) -> bool:
    # a digit right after a Latin letter belongs to a code (G521)
    return pos > floor and norm[pos - 1].isascii() and norm[pos - 1].isalpha()


class Searcher(Protocol):
    """What finds a match in a text: a compiled pattern, or a rule that refines one."""

    def search(self, text: str, /) -> re.Match[str] | None: ...


def after_conjunction(norm: str, start: int, head_start: int, ends_in_head: Searcher,
                      joiners: re.Pattern[str] = CONJUNCTION) -> int:
    """Split ``X和Y<head>`` when ``X`` is a full name itself (ends in a head):
    关公博物馆和山西壁画博物馆 → the second starts after 和.  A conjunction
    inside one name (红十字应急救援培训和无偿献血知识进校园) stays.  ``joiners`` are the
    words that may join the two (:data:`NAME_JOINER` adds 在)."""
    best = start
    for m in joiners.finditer(norm, start, head_start):
        left = norm[best : m.start()]
        if left and ends_in_head.search(left):
            best = m.end()
    return best


# 等 that closes a list, not the 等 of a word (高等院校, 中等职业学校, 平等, 同等, 等级).
LIST_CLOSER = re.compile(r"(?<![高中初平同对均相上优头何])等(?![级于同待候])")


def after_list_closer(norm: str, start: int, head_start: int) -> int:
    """The start of a head phrase shared by a list (灵活就业人员、生活困难人员等|重点群体参加社会保险制度):
    the phrase after the last 等 that closes a list between ``start`` and ``head_start``."""
    k = norm.rfind("等", start, head_start)
    while k >= 0 and not LIST_CLOSER.match(norm, k):
        k = norm.rfind("等", start, k)
    if k < 0:
        return start
    places = PLACES_CLOSER.match(norm, k, head_start)
    return places.end() if places else k + 1


# 等地, 等地区 close a list of places (衢州、丽水等地|建设…示范区); 等地块 is a list of plots.
PLACES_CLOSER = re.compile(r"等(?:地区|地方|地(?![带块区方]))")


def closes_places(norm: str, i: int) -> bool:
    """Does a closer of a list of places (:data:`PLACES_CLOSER`) end at ``i``?  What follows is what they do."""
    return any(PLACES_CLOSER.fullmatch(norm, i - n, i) for n in (2, 3) if i >= n)


def inside_quotes(norm: str, pos: int, quoted: list[tuple[int, int]]) -> bool:
    """True when ``pos`` lies strictly inside a quoted span (between its marks)."""
    return any(a < pos < b - 1 for a, b in quoted)


def quoted_spans(norm: str) -> list[tuple[int, int]]:
    """Spans of “…” including the marks."""
    return [(m.start(), m.end()) for m in QUOTED.finditer(norm)]


# --------------------------------------------------------------- segmentation

# Words of work reports that jieba's general dictionary splits or joins
# wrongly; added once to the tokenizer's dictionary.
DOMAIN_WORDS = (
    "客专", "改扩建", "抽水蓄能", "专精特新", "小升规", "小巨人", "瞪羚企业", "独角兽企业", "零就业家庭",
    "低保对象", "特困人员", "龙头企业", "农民合作社", "家庭农场", "集聚区", "产业园", "示范区", "试验区",
    "长制", "倍增计划", "专项行动", "专项整治", "进校园",
    # the harmonious and beautiful countryside of every report since 2022 (宜居宜业和美乡村): no conjunction 和
    "和美",
)


@functools.lru_cache(maxsize=1)
def _tokenizer():
    """A private jieba tokenizer with the domain words, loaded once and quietly."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # jieba's own logger; the root logger is not touched
    tok = jieba.Tokenizer()
    if not _read_jieba_cache(tok):
        tok.initialize()
    for word in DOMAIN_WORDS:
        tok.add_word(word, freq=2000)
    return tok


def in_dictionary(word: str) -> bool:
    """Is ``word`` a word of jieba's dictionary (长白山), not only the prefix of one?"""
    return _tokenizer().FREQ.get(word, 0) > 0


def frequency(word: str) -> int:
    """How often jieba's dictionary counts ``word`` (0 where it is no word of it)."""
    return _tokenizer().FREQ.get(word, 0)


# How often jieba's dictionary counts a word for a name made of such words only to be ordinary words: a kind or a
# field (现代|农业, 革命|遗址), no name.
ORDINARY_WORD_FREQ = 300


def ordinary_word(word: str) -> bool:
    """Is ``word`` a frequent word of two characters or more (农业, 革命)?  Single characters are none: a name cut
    into them is rare (周|原, 国家|电|投)."""
    return len(word) > 1 and frequency(word) >= ORDINARY_WORD_FREQ


def _read_jieba_cache(tok) -> bool:
    """Load ``tok``'s prefix dictionary from jieba's own cache file, as its ``initialize`` would; False if it
    cannot (no cache yet, another dictionary, a damaged file), and ``initialize`` should.

    The cache is the one ``initialize`` reads and writes -- ``jieba.cache`` in the temporary directory, for
    the default dictionary, taken without checking its age just as ``initialize`` takes it -- read in one
    go: ``initialize`` hands ``marshal.load`` the open file, which it then reads a few bytes at a time,
    0.7 s of every process's start here against 0.2 s for ``marshal.loads`` on the file's bytes.
    """
    import jieba

    if tok.initialized or tok.cache_file or tok.dictionary != jieba.DEFAULT_DICT:
        return False
    try:
        data = Path(tok.tmp_dir or tempfile.gettempdir(), "jieba.cache").read_bytes()
        freq, total = marshal.loads(data)
    except (OSError, EOFError, ValueError, TypeError):
        return False
    if not isinstance(freq, dict) or not isinstance(total, int):
        return False
    tok.FREQ, tok.total, tok.initialized = freq, total, True
    return True


# Segmentations made during one :func:`kg.extract.extract` run, by text: the
# extractors segment the same stretch before a head again and again.  Set by
# :func:`segmentation_memo`; None outside a run (nothing kept between documents).
_MEMO: ContextVar[dict[str, list[str]] | None] = ContextVar("words_memo", default=None)


def segmentation_memo() -> ContextVar:
    """The variable :func:`kg.extract.extract` sets to a fresh dict for one document."""
    return _MEMO


def words(text: str) -> list[str]:
    """``text`` segmented into words (jieba's exact mode, no HMM for stability).
    The list may be shared: callers must not change it.

    >>> words("有序推进垣曲一期抽水蓄能项目建设")[:2]
    ['有序', '推进']
    """
    memo = _MEMO.get()
    if memo is None:
        return _segmenter()(text)
    found = memo.get(text)
    if found is None:
        found = memo[text] = _segmenter()(text)
    return found


@functools.lru_cache(maxsize=1)
def _segmenter() -> Callable[[str], list[str]]:
    """``lambda text: _tokenizer().lcut(text, HMM=False)``, the same words made
    without jieba's generators and per-call set-up.

    It follows jieba 0.42's ``Tokenizer.cut`` step by step: split into runs of
    Han characters, letters and digits (``re_han_default``) and the rest, which
    is cut at whitespace (``re_skip_default``) into single characters; a run is
    cut along the most probable path of its word graph (``get_DAG``, ``calc``:
    the same float expressions, maximum of (score, end) tuples), consecutive
    one-character Latin letters or digits joined (``re_eng``).  The log weight
    of each dictionary word is kept once computed.  A test compares it with
    ``lcut`` on every short substring of the sample report.
    """
    from jieba import re_eng, re_han_default, re_skip_default

    tok = _tokenizer()
    freq = tok.FREQ
    log_total = math.log(tok.total)
    weights: dict[str, float] = {}  # word -> log(freq or 1) - log(total)
    han_split, han_match = re_han_default.split, re_han_default.match
    skip_split, skip_match = re_skip_default.split, re_skip_default.match
    eng_match = re_eng.match
    log = math.log

    def run(blk: str, out: list[str]) -> None:
        n = len(blk)
        dag = []
        for k in range(n):
            # the ends of the dictionary words starting at k (get_DAG: prefixes map to 0)
            ends = []
            j = k + 1
            f = freq.get(blk[k:j])
            while f is not None:
                if f:
                    ends.append(j - 1)
                if j >= n:
                    break
                j += 1
                f = freq.get(blk[k:j])
            dag.append(ends or [k])
        # calc: the best (score, end) from each position, scores and ends kept apart
        score = [0.0] * (n + 1)
        end = [0] * (n + 1)
        for idx in range(n - 1, -1, -1):
            best_score, best_end = None, 0
            for x in dag[idx]:
                word = blk[idx : x + 1]
                w = weights.get(word)
                if w is None:
                    w = weights[word] = log(freq.get(word) or 1) - log_total
                s = w + score[x + 1]
                # the tuple order of max((s, x), ...): higher score, then higher end
                if best_score is None or s > best_score or (s == best_score and x > best_end):
                    best_score, best_end = s, x
            score[idx], end[idx] = best_score, best_end
        x, buf = 0, ""
        while x < n:
            y = end[x] + 1
            word = blk[x:y]
            if y - x == 1 and eng_match(word):
                buf += word
            else:
                if buf:
                    out.append(buf)
                    buf = ""
                out.append(word)
            x = y
        if buf:
            out.append(buf)

    def segment(text: str) -> list[str]:
        out: list[str] = []
        for blk in han_split(text):
            if not blk:
                continue
            if han_match(blk):
                run(blk, out)
            else:
                for piece in skip_split(blk):
                    if skip_match(piece):
                        out.append(piece)
                    else:
                        out.extend(piece)
        return out

    return segment


# Dictionary tags of adverbials: idioms and adverbs (倾心尽力, 尽力, 切实).
ADVERBIAL_TAGS = frozenset({"i", "d", "ad", "vd"})


@functools.lru_cache(maxsize=1)
def adverbials() -> frozenset[str]:
    """Words jieba's dictionary tags as idioms or adverbs: before a verb they make
    a verb phrase (倾心尽力|服务企业).  Kept between processes (see :mod:`kg.derived`)."""
    from ..derived import kept

    return kept("adverbials", _read_adverbials)


def _read_adverbials() -> frozenset[str]:
    spec = find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    out = set()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            parts = line.split()
            if len(parts) == 3 and parts[2] in ADVERBIAL_TAGS:
                out.add(parts[0])
    return frozenset(out)


def word_starts(text: str) -> set[int]:
    """Offsets in ``text`` where a word begins (and its length)."""
    out, pos = set(), 0
    for w in words(text):
        out.add(pos)
        pos += len(w)
    out.add(pos)
    return out


# ------------------------------------------------------------ canonical forms

# What a fuller form may add to a shorter one it is a variant of:
# 运城国际机场 → 运城国际机场改扩建, 临猗黄河大桥 → 临猗黄河大桥及引线,
# 晋潼高速 → 晋潼高速(阳城至永济段), 海绵城市 → 海绵城市建设, and a line's section or generic tail:
# 长赣高铁 → 长赣高铁长沙县段, 长浏城际 → 长浏城际铁路, 地铁6号线东延 → 地铁6号线东延线.
VARIANT_TAIL = re.compile(
    r"^(?:\([^()]{1,16}\)|及[\u4e00-\u9fff]{1,6}|改扩建|扩建|改建|提升改造|建设|项目|工程|铁路|线|"
    r"[\u4e00-\u9fff]{2,6}段)$"
)


def canonicalise(mentions: list[Mention], *, contractions: bool = False,
                 tail: re.Pattern[str] = VARIANT_TAIL, shortest: int = 3) -> Iterator[Mention]:
    """The mentions, with ``canonical`` set on a short or unquoted form of a
    fuller name the same document uses for the same type.

    A short form is a variant when the fuller one is it plus a work or a
    section (:data:`VARIANT_TAIL`), or when it is the quoted core of the
    fuller one (“清理家庭小药箱” in “清理家庭小药箱”过期药品回收活动).  With
    ``contractions``, a name one character short of a fuller one that keeps
    its first and last characters is a contraction of it (老人 / 老年人).  ``tail`` is
    what a fuller form may add (a firm's legal form, for enterprises), to a short
    form of at least ``shortest`` characters.
    """
    from ..document import name_key

    by_type: dict[str, list[Mention]] = {}
    for m in mentions:
        by_type.setdefault(m.type, []).append(m)
    for group in by_type.values():
        names = sorted({m.name for m in group}, key=lambda n: (-len(n), n))
        fuller = _fullers(names, [name_key(n) for n in names], contractions, tail, shortest)
        for m in group:
            full = fuller[m.name]
            if full is not None and m.attr("canonical") is None:
                m = Mention(m.doc, m.type, m.start, m.end, m.text, m.name,
                            tuple(sorted((*m.attrs, ("canonical", full)))))
            yield m


def _fullers(names: list[str], keys: list[str], contractions: bool = False,
             tail: re.Pattern[str] = VARIANT_TAIL, shortest: int = 3) -> dict[str, str | None]:
    """For each of ``names`` (keyed ``keys``, in the order they are tried), the
    first other name whose key is longer and that is a fuller form of it:
    what :func:`_fuller` finds, without trying every pair.  Only names whose
    key starts with the short key (found by bisection in the sorted keys),
    whose key has the same ends and one more character (contractions), or
    that contain a quoted name can be fuller ones."""
    by_key = sorted(range(len(names)), key=keys.__getitem__)
    sorted_keys = [keys[i] for i in by_key]
    same_ends: dict[tuple[str, str, int], list[int]] = {}
    if contractions:
        for i, k in enumerate(keys):
            if k:
                same_ends.setdefault((k[0], k[-1], len(k)), []).append(i)
    out: dict[str, str | None] = {}
    for i, name in enumerate(names):
        short = keys[i]
        found = len(names)  # the first fitting name in the order tried
        if len(short) >= shortest:
            j = bisect.bisect_left(sorted_keys, short)
            while j < len(sorted_keys) and sorted_keys[j].startswith(short):
                k, other = sorted_keys[j], by_key[j]
                if other < found and len(k) > len(short) and tail.match(k[len(short) :]):
                    found = other
                j += 1
        if contractions and short:
            for other in same_ends.get((short[0], short[-1], len(short) + 1), ()):
                if other < found and _contracts(short, keys[other]):
                    found = other
        if name.startswith("“") and name.endswith("”"):
            for other in range(found):
                if other != i and len(keys[other]) > len(short) and name in names[other]:
                    found = other
                    break
        out[name] = names[found] if found < len(names) else None
    return out


def _fuller(name: str, names: list[str], key, contractions: bool = False,
            tail: re.Pattern[str] = VARIANT_TAIL, shortest: int = 3) -> str | None:
    """The first of ``names`` that is a fuller form of ``name`` (the definition :func:`_fullers` follows)."""
    short = key(name)
    for other in names:
        if other == name or len(key(other)) <= len(short):
            continue
        longer = key(other)
        if contractions and _contracts(short, longer):
            return other
        if longer.startswith(short) and tail.match(longer[len(short) :]) and len(short) >= shortest:
            return other
        if name.startswith("“") and name.endswith("”") and name in other:
            return other
    return None


def _contracts(short: str, longer: str) -> bool:
    if len(longer) - len(short) != 1 or len(short) < 2 or short in longer:
        return False
    if short[0] != longer[0] or short[-1] != longer[-1]:
        return False
    rest = iter(longer)
    return all(ch in rest for ch in short)
