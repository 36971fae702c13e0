"""``targets``: what a policy, project or initiative is aimed at or measured by.

Read from one sentence at a time, as the spec's table states it:

* a project targets a Target whose phrase names it (打造10万吨级白酒基地),
  unless the quantity counts an open class the project is one of
  (焦化苯、水溶肥、永磁材料等16个重点项目);
* any other quantity belongs to the nearest policy or project before it in
  the sentence; a policy targets the quantities it owns (持续实施高新技术企业倍增计划,
  新增高新技术企业25家) and the enterprises after it (深化国资国企改革,稳妥推动新纺、磷肥厂…);
* a policy targets the groups and places its own name carries (全省中长期青少年发展规划
  → 青少年; “绿满运城”行动 → 运城市, for a policy that acts: 行动, 试点, 试验区 …)
  and those listed right before it under a shared head (灵活就业人员、…等重点群体参加社会保险制度;
  盐湖区、万荣县“…”试点);
* every other group is targeted by the enclosing initiative (抓好高校毕业生…就业
  under 促进“一收一保”) — except a group a quantity counts (新增“小升规”企业90户,
  the indicator; 为中小微企业…减税降费30亿元 serves them) or one a clause moves towards
  (支持中小企业向科技小巨人…发展);
* an initiative targets the places its own title names (推进“盐临夏”一体化发展).
"""

from __future__ import annotations

import bisect
import re

from ..document import name_key
from ..extract.grammar import governors_without
from ..model import QUANTITY_TYPES, KnowledgeGraph, Mention
from .part_of_initiative import _nearest

# What may separate listed places or groups from the policy they precede.
_GLUE = r"(?:[、,和及与]|等(?:地区|地方|地|[\u4e00-\u9fff]{0,4}群体|[\u4e00-\u9fff]{0,4}对象)?)*"
LIST_GLUE = re.compile(rf"^{_GLUE}$")
GLUE_START = re.compile(_GLUE)
# A verb between the last member and the policy (宾川县、弥渡县|建设|…示范区).
GOVERNING = governors_without("和", "及", "与", "以及", "对", "将", "把", "并", "或", "向", "为", "等", "好", "在", "于")
# What a verb of making takes to name what its subject becomes (创建为).
BECOME = "为"
# A quantity that counts an open class (…等16个重点项目) is not one project's measure.
OPEN_CLASS = re.compile(r"等\d")
# Policies that act on a place their name carries; brands and models only come from it.
ACTING = re.compile(r"(?:行动|试点|试点城市|试验区|试验区[\u4e00-\u9fff]{2,4}片区|示范区|计划|规划|工程|改革)”?$")
# The fewest characters of what a quantity counts that make it a policy's own when another policy comes between.
CARRIED_MIN = 4
# What an indicator may add after the thing it counts: a gloss, or the word for their number (人才(团队), 企业数量).
COUNT_TAIL = re.compile(r"(?:\([^()]*\)|数量|总数|数)$")
# A clause marker of direction: a group after it is where others are led, not who is served.
TOWARDS = "向"
# A clause marker of benefit: a group after it inside a quantity is served by it, not counted.
BENEFICIARY = "为"
CLAUSE_MARKS = ",;:。"
# The mark of the next item of an enumeration (一是…,二是…): a quantity after it is that item's, not the policy's.
ITEM_MARK = re.compile(r"[,;:][二三四五六七八九十]是|[,;:]其[二三四五六七八九十]|\([二三四五六七八九十\d]+\)")


def relate(graph: KnowledgeGraph, ctx) -> None:
    doc = ctx.doc
    initiatives = ctx.initiative_of_section()
    sentences: dict[int, list[Mention]] = {}
    for m in ctx.mentions:
        s = doc.sentence_at(m.start)
        if s is not None:
            sentences.setdefault(s.start, []).append(m)
    for key in sorted(sentences):
        here = sorted(sentences[key], key=lambda m: (m.start, -m.end))
        claimed = _sentence(graph, ctx, here)
        _initiative_groups(graph, ctx, here, claimed, initiatives)
    # the places in each initiative's heading, found by start (a long text has thousands of both)
    places = sorted((p for p in ctx.mentions if p.type == "Place"), key=lambda p: p.start)
    starts = [p.start for p in places]
    for m in ctx.mentions:
        if m.type == "Initiative":
            section = doc.section(m.attr("section"))
            if section is None:
                continue
            first = bisect.bisect_left(starts, section.title_start)
            for p in places[first : bisect.bisect_right(starts, section.title_end)]:
                if p.end <= section.title_end:
                    graph.relate(ctx.key(m), "targets", ctx.key(p), ctx.evidence(m))


def _sentence(graph: KnowledgeGraph, ctx, here: list[Mention]) -> set[Mention]:
    """Relate the policies and projects of one sentence; return the groups they claim."""
    norm = ctx.doc.norm
    policies = [x for x in here if x.type == "Policy"]
    projects = [x for x in here if x.type == "Project"]
    owners = sorted(policies + projects, key=lambda x: x.end)
    claimed: set[Mention] = set()
    # the spec's objects are Targets: a reported Outcome is no aim of a policy or project
    owned: dict[Mention, list[Mention]] = {}
    for q in (x for x in here if x.type == "Target"):
        named = [p for p in projects if _inside(p, q)]
        if named:
            if not OPEN_CLASS.search(q.text):
                for p in named:
                    graph.relate(ctx.key(p), "targets", ctx.key(q), ctx.evidence(q))
            continue
        before = [o for o in owners if o.end <= q.start and not _inside(o, q)]
        # a policy whose name carries what the quantity counts owns it, though another comes between
        # (实施高新技术企业倍增计划和…“登高、升规、晋位”工程,全年新增高新技术企业60家), when that is a
        # name of its own, not a word any name may hold (街道社区体制改革: 在12个街道)
        counted = [o for o in before if o.type == "Policy" and _carries(o, q, CARRIED_MIN)]
        owner = counted[-1] if counted else before[-1] if before else None
        if owner is not None and owner.type == "Policy" and not ITEM_MARK.search(norm, owner.end, q.start):
            owned.setdefault(owner, []).append(q)
    for policy, quantities in owned.items():
        for q in _measures(policy, quantities):
            graph.relate(ctx.key(policy), "targets", ctx.key(q), ctx.evidence(q))
    for e in (x for x in here if x.type == "Enterprise"):
        before = [p for p in policies if p.end <= e.start]
        if before:
            graph.relate(ctx.key(before[-1]), "targets", ctx.key(e), ctx.evidence(e))
    for policy in policies:
        groups = [g for g in here if g.type == "Group" and _inside(g, policy)]
        groups += _listed_before(norm, policy, [g for g in here if g.type == "Group"])
        for g in groups:
            graph.relate(ctx.key(policy), "targets", ctx.key(g), ctx.evidence(policy))
            claimed.add(g)
        places = [p for p in here if p.type == "Place"]
        inside = [p for p in places if _inside(p, policy)] if ACTING.search(policy.name) else []
        for p in inside[-1:] + _listed_before(norm, policy, places):
            graph.relate(ctx.key(policy), "targets", ctx.key(p), ctx.evidence(policy))
    return claimed


def _measures(policy: Mention, quantities: list[Mention]) -> list[Mention]:
    """The quantities that measure ``policy``: when its name carries what some of
    them count (高新技术企业倍增计划: 新增高新技术企业25家), those alone — the
    next one counts something else (新培育科技型中小企业…50家)."""
    counting = [q for q in quantities if _carries(policy, q)]
    return counting or quantities


def _carries(policy: Mention, quantity: Mention, shortest: int = 1) -> bool:
    """Does ``policy``'s name carry what ``quantity`` counts (高新技术企业倍增计划: 新增高新技术企业25家)?"""
    indicator = name_key(quantity.attr("indicator") or "")
    return len(indicator) >= shortest and indicator in name_key(policy.name)


def _initiative_groups(graph, ctx, here, claimed, initiatives) -> None:
    doc = ctx.doc
    norm = doc.norm
    containers = [x for x in here if x.type in ("Policy", "Project")]
    quantities = [x for x in here if x.type in QUANTITY_TYPES]
    # a group a policy of the sentence aims at is that policy's, wherever the sentence repeats it
    claimed_keys = {ctx.key(g) for g in claimed}
    for g in (x for x in here if x.type == "Group"):
        if ctx.key(g) in claimed_keys or any(_inside(g, c) for c in containers) or _after_towards(norm, g):
            continue
        if any(_inside(g, q) and _counts_groups(q, here) for q in quantities) and not _served(norm, g):
            continue
        sentence = doc.sentence_at(g.start)
        owner = _nearest(doc, initiatives, sentence.section if sentence else doc.section_at(g.start))
        if owner is not None:
            graph.relate(ctx.key(owner), "targets", ctx.key(g), ctx.evidence(g))


def _counts_groups(quantity: Mention, here: list[Mention]) -> bool:
    """Does ``quantity`` count the groups it holds -- its indicator ends in one of them (新增“小升规”企业90户,
    新培育科技型中小企业和省级民营科技企业50家, 民营企业数量突破10万家) -- not what is done for their members
    (帮扶高校毕业生、退役军人就业5000人: their jobs)?"""
    indicator = COUNT_TAIL.sub("", name_key(quantity.attr("indicator") or ""))
    held = [name_key(g.name) for g in here if g.type == "Group" and _inside(g, quantity)]
    return not indicator or any(indicator.endswith(name) for name in held)


def _served(norm: str, group: Mention) -> bool:
    """True when the clause of ``group`` does something for it (为中小微企业、个体工商户减税降费30亿元左右):
    a quantity holding the group is then no count of it (新增“小升规”企业90户)."""
    return _marked_before(norm, group, BENEFICIARY)


def _listed_before(norm: str, policy: Mention, candidates: list[Mention]) -> list[Mention]:
    """The members of a list that ends right before ``policy`` (A、B等<policy>), or before the verb
    that makes it theirs (宾川县、弥渡县|建设|高原特色农业示范区)."""
    out: list[Mention] = []
    cursor = policy.start
    for c in sorted((c for c in candidates if c.end <= policy.start), key=lambda c: -c.start):
        gap = norm[c.end : cursor]
        verb = gap[GLUE_START.match(gap).end() :]  # 衢州、丽水等地|建设|…示范区, 彭阳县|创建为|…示范区
        if not (LIST_GLUE.match(gap) or cursor == policy.start and GOVERNING.fullmatch(verb.removesuffix(BECOME))):
            break
        out.append(c)
        cursor = c.start
    return out


def _after_towards(norm: str, m: Mention) -> bool:
    return _marked_before(norm, m, TOWARDS)


def _marked_before(norm: str, m: Mention, mark: str) -> bool:
    """True when ``mark`` stands before ``m`` in its clause."""
    i = m.start - 1
    while i >= 0 and norm[i] not in CLAUSE_MARKS:
        if norm[i] == mark:
            return True
        i -= 1
    return False


def _inside(inner: Mention, outer: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and inner is not outer
