"""The report's grammar, shared by the extractors: where a name begins.

Work reports name things in a few fixed shapes: ``<verb><name><head>``
(有序推进垣曲一期抽水蓄能项目建设), lists ``A、B、C等<head>`` and quoted names
(“双十工程”).  A head word (项目, 计划, 企业 …) is easy to find; the hard part
is the left edge of the name.  :func:`left_edge` walks left from a head to
the nearest clause mark, list mark or governing verb.
"""

from __future__ import annotations

import re

# Marks that always end a name on the left.
BOUNDARY = set("。,;:!?、“”《》\n —-")
# Verbs and function words that govern a name: the name starts right after them.
# General vocabulary of work reports, longest first so 开工建设 wins over 建设.
GOVERNORS = sorted(
    set(
        """
        推进 加快推进 积极推进 有序推进 加快 实施 持续实施 全面实施 建设 开工建设 加快建设 打造 申建 启动 完成 推动
        支持 培育 新培育 发展 抓好 做好 深化 推深做实 落实 严格落实 开展 建立 健全 完善 优化 提升 强化 加强 实现
        引进 争取 用好 坚持 持续 继续 积极 加大 构建 巩固 扩大 举办 筹办 谋划 签约 开工 建成 投产 创建 探索 研究
        出台 制定 规范 保障 促进 围绕 依托 通过 利用 打通 改造 新建 推广 组建 申报 认定 创新 聚焦 服务 壮大 抢抓
        统筹 打响 设立 落地 贯彻 深入贯彻 全力 大力 重点 着力 加速 主动 稳妥推动 稳妥 推深 做实 实行 执行 开通
        抓住 获批 承接 增加 新增 开辟 守牢 守住 防范 化解 打击 整治 治理 保护 修复 提高 实施好 谋划实施好
        和 及 与 以及 对 将 把 并 或 向 等 好
        """.split()
    ),
    key=lambda w: (-len(w), w),
)
_GOV_RE = re.compile("|".join(map(re.escape, GOVERNORS)))


def left_edge(norm: str, head_start: int, floor: int, max_len: int = 20) -> int:
    """The start of the name whose head begins at ``head_start``.

    Walks left from ``head_start`` to the nearest boundary mark, then moves
    right past the governing words that open the clause (持续实施, 有序推进).  ``floor`` bounds the walk
    (a sentence start); names are at most ``max_len`` characters before the head.

    >>> s = "有序推进垣曲一期抽水蓄能项目建设"
    >>> s[left_edge(s, s.index("项目"), 0):s.index("项目")]
    '垣曲一期抽水蓄能'
    """
    i = head_start
    lo = max(floor, head_start - max_len)
    while i > lo and norm[i - 1] not in BOUNDARY:
        i -= 1
    start = i
    while True:
        m = _GOV_RE.match(norm, start, head_start)
        if m is None or m.end() == start:
            return start
        start = m.end()
