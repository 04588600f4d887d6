"""People named in bylines and datelines: strip role words, split on separators.

Chinese personal names are two to four characters. A byline lists them after role
words (记者 王小明 通讯员 李四), separated by spaces, 、 or ，; role words themselves
separate names too (本报记者王晓通讯员陈明).
"""

from __future__ import annotations

import re

from pipeline.layout.patterns import ROLE_WORDS, is_name_only

_ROLES = re.compile("|".join(sorted(map(re.escape, ROLE_WORDS), key=len, reverse=True)))
_CREDITS = re.compile(r"文\s*[/／]\s*图|图\s*[/／]\s*文|文图|报道|摄")
_BRACKET = re.compile(r"[（(]([^）)]*)[）)]")
_SPLIT = re.compile(r"[\s、，,；;/／:：□■◇◆○●◎★☆]+")
_NAME = re.compile(r"^[\u3400-\u9fff·]{2,4}$")
_HANZI = re.compile(r"^[\u3400-\u9fff]+$")
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
"""The common Chinese family names: a bare name begins with one, so where OCR lost the space
between two names, the second name begins where a family name stands."""
_SOURCE_WORDS = r"摘编自|摘编于|摘自|选自|转自|编译自|据|来源[:：]?|稿件来源[:：]?"
SOURCE_CREDIT = re.compile(rf"^\s*(?:{_SOURCE_WORDS})\s*《[^《》]{{2,40}}》\S{{0,6}}\s*$")
TRAILING_CREDIT = re.compile(rf"(?<=[。！？”])\s*((?:{_SOURCE_WORDS})\s*《[^《》]{{2,40}}》\S{{0,6}})\s*$")
"""A reprinted piece closes with its source (摘编自《…》, 摘自《…》, 据《…》报道): a credit, not body text."""


def is_source_credit(text: str) -> bool:
    """Whether ``text`` is a source credit closing a reprinted article.

    >>> is_source_credit("摘编自《中华人民共和国农产品质量安全法释义》"), is_source_credit("据《人民日报》报道")
    (True, True)
    >>> is_source_credit("他说，《规划》明确了今后五年的目标。")
    False
    """
    return bool(SOURCE_CREDIT.match(text))


SENTENCE_AFTER_ROLE = re.compile(
    rf"^\s*(?:{'|'.join(ROLE_WORDS)})\s*(?:从|在|向|对|为|将|把|被|和|与|跟|随|到|近日|日前|今天|昨天|了解|获悉|看到|注意|采访|发现|来到|走进|见到|问|说)"
)
"""记者 followed by a preposition or verb opens a sentence (记者从区城管局获悉): body text, not a byline."""


HEADING_WORDS = ("手记", "札记", "观察", "调查", "追踪", "体验", "探访", "连线", "随笔", "日记")
"""Kinds of piece a role word names when a heading or column label follows it: 记者手记 (a
reporter's notebook), 记者观察, 记者调查. A byline names people, and these are no names."""
HEADING = re.compile(rf"^\s*(?:{'|'.join(ROLE_WORDS)})({'|'.join(HEADING_WORDS)})\s*$")


def is_heading(text: str) -> bool:
    """Whether a line that opens with a role word is a heading naming a kind of piece, not a byline.

    >>> is_heading("记者手记"), is_heading("记者观察"), is_heading("记者 王军"), is_heading("本报记者手记")
    (True, True, False, True)
    """
    return bool(HEADING.match(text))


def is_sentence(text: str) -> bool:
    """Whether a line that starts with a role word is the start of a sentence, not a byline.

    >>> is_sentence("记者从区城"), is_sentence("记者在现场看到"), is_sentence("记者 王军"), is_sentence("本报记者孙倩")
    (True, True, False, False)
    """
    return bool(SENTENCE_AFTER_ROLE.match(text))


def split_source_credit(paragraph: str) -> tuple[str, str | None]:
    """Split a source credit run on after the body's last sentence (its line was not set apart enough).

    >>> split_source_credit("应及时请电工检修。摘编自《农村电工手册》")
    ('应及时请电工检修。', '摘编自《农村电工手册》')
    >>> split_source_credit("据《人民日报》报道，今年粮食丰收。")
    ('据《人民日报》报道，今年粮食丰收。', None)
    """
    m = TRAILING_CREDIT.search(paragraph)
    return (paragraph[: m.start()].rstrip(), m.group(1)) if m else (paragraph, None)


def bare_names(text: str) -> list[str]:
    """Two or three names set without role words (a closing byline), spaces lost or not.

    >>> bare_names("任鸣 左效强"), bare_names("任鸣左效强"), bare_names("王小明")
    (['任鸣', '左效强'], ['任鸣', '左效强'], ['王小明'])
    >>> bare_names("拓展空间"), bare_names("观赏等方面拓展。")
    ([], [])
    """
    tokens = [t for t in _SPLIT.split(text.strip()) if t]
    names = [n for t in tokens for n in _unjoin(t)]
    if not names or len(names) > 3 or not all(_NAME.match(n) and n[0] in SURNAMES for n in names):
        return []
    return names


def parse_authors(text: str | None) -> list[str]:
    """Names of the people in a byline or a dateline's brackets, in order, without repeats.

    >>> parse_authors("记者朱文君 李彤 丁威程")
    ['朱文君', '李彤', '丁威程']
    >>> parse_authors("本报讯（记者 王小明 通讯员 李四）")
    ['王小明', '李四']
    >>> parse_authors("本报记者王晓通讯员陈明")
    ['王晓', '陈明']
    >>> parse_authors("记者朱文君李彤 丁威程")
    ['朱文君', '李彤', '丁威程']
    >>> parse_authors("任鸣 左效强")
    ['任鸣', '左效强']
    >>> parse_authors("晚报讯")
    []
    >>> parse_authors("记者手记 本报记者 邹海 马敏红")  # a heading read into the byline names no one
    ['邹海', '马敏红']
    """
    if not text:
        return []
    bracket = _BRACKET.search(text)
    if bracket:
        text = bracket.group(1)
    elif not _ROLES.search(text):
        # a byline of bare names (任鸣 左效强) closes many articles
        return _SPLIT.split(text.strip()) if is_name_only(text) else bare_names(text)
    text = _CREDITS.sub(" ", _ROLES.sub(" ", text))
    text = re.sub(rf"(?:^|\s)(?:{'|'.join(HEADING_WORDS)})(?=\s|$)", " ", text)
    names: list[str] = []
    for token in _SPLIT.split(text):
        for name in _unjoin(token):
            if _NAME.match(name) and name not in names:
                names.append(name)
    return names


def _unjoin(token: str) -> list[str]:
    """Names whose separating space OCR lost: cut where the second name's family name stands.

    Most Chinese names have three characters, so a cut after three is tried first; a
    cut after two is taken when only there the second part begins with a family name.

    >>> _unjoin("朱文君李彤"), _unjoin("王小明李四五"), _unjoin("欧阳晓"), _unjoin("任鸣左效强")
    (['朱文君', '李彤'], ['王小明', '李四五'], ['欧阳晓'], ['任鸣', '左效强'])
    """
    if len(token) not in (4, 5, 6) or not _HANZI.match(token):
        return [token]
    cuts = [k for k in (3, 2) if 2 <= len(token) - k <= 3]
    for k in cuts:
        if token[0] in SURNAMES and token[k] in SURNAMES:
            return [token[:k], token[k:]]
    if len(token) in (5, 6):
        return [token[:3], token[3:]]
    return [token]
