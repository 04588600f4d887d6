"""Text patterns of Chinese newspaper furniture: datelines, bylines, photo credits.

The patterns follow house style of mainland papers: a dateline opens the first
paragraph (本报讯, 晚报讯, 新华社北京1月4日电, 本报记者 张宁 报道, optionally
followed by the reporters in brackets); a byline names people after role words
(记者, 通讯员, 实习生, 文/图 ...) at the start or end of an article.
"""

from __future__ import annotations

import re

ROLE_WORDS = (
    "本报特约记者",
    "本报见习记者",
    "本报实习生",
    "本报通讯员",
    "本报记者",
    "特约记者",
    "见习记者",
    "首席记者",
    "新华社记者",
    "记者",
    "通讯员",
    "实习生",
    "撰稿",
    "摄影",
)
_ROLE = "|".join(ROLE_WORDS)
_ORNAMENT = "□■◇◆○●◎★☆"
_CJK = r"\u3400-\u9fff"
_NAME = rf"[{_CJK}·]{{2,4}}"
_SEP = r"[\s、；;/／]"  # not the comma: 记者了解到，今年 is a sentence
_CREDIT = r"(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文图|文|图)"

_AGENCY = r"(?:新华社|中新社|人民网|中新网|央视网|本报|本刊)"
_PLACE_DATE = rf"[{_CJK}]{{0,8}}?\d{{1,2}}月\d{{1,2}}日(?:专?电|讯)"
_BRACKETS = r"(?:[（(][^（）()]{1,40}[）)])"  # OCR mixes full- and half-width brackets
DATELINE = re.compile(
    rf"^\s*[{_ORNAMENT}]?\s*(?:"
    rf"(?:本报|晚报|本刊|特稿|快报|早报|日报)讯\s*{_BRACKETS}?"
    rf"|{_AGENCY}{_PLACE_DATE}\s*{_BRACKETS}?"
    rf"|(?:本报)?记者(?:{_SEP}*{_NAME})+{_SEP}*报道"
    rf")"
)
"""A dateline at the start of a paragraph (matched text = the dateline)."""

_PEOPLE = rf"[:：]?{_SEP}*{_NAME}(?:(?:{_SEP}+|{_SEP}*(?:{_ROLE}|{_CREDIT})[:：]?{_SEP}*){_NAME})*"
# names follow a role word or a separator: 记者昨天从市教育局获 is a sentence, not two names
BYLINE = re.compile(
    rf"^\s*[{_ORNAMENT}]?\s*(?:{_CREDIT}{_SEP}*)?(?:{_ROLE}){_PEOPLE}(?:{_SEP}+(?:{_ROLE}))?\s*$(?<!摄)"
)
"""A whole line that is a byline: role word(s) and names, no sentence punctuation.

It may end on a role word whose names wrapped to the next line (本报记者 王晓 通讯员 / 陈明)."""

_LOOSE = rf"[{_ORNAMENT}]?\s*(?:{_CREDIT}{_SEP}*)?(?:{_ROLE})[:：]?(?:[{_CJK}·]|{_SEP}|{_ROLE}){{2,16}}"
TRAILING_BYLINE = re.compile(rf"(?<=[。！？”」）)…])\s*({_LOOSE})(?<!摄)\s*$")
"""A byline set after the last sentence of the body (names may have lost their spaces to OCR)."""
LOOSE_BYLINE = re.compile(rf"^\s*{_LOOSE}(?<!摄)\s*$")
"""A role word and a few names with or without separators; only trusted where a body ends.

A line ending in 摄 (新华社记者 陈海宁 摄) credits a photo, not the text."""

CREDIT = re.compile(rf"(?:{_NAME}\s*摄|供图|[（(]\s*图[/／:：]?[^）)]*[）)]|{_CREDIT}\s*[/／]\s*{_NAME})\s*$")
"""A photo credit closing a caption (王根宝 摄, （图/新华社）)."""

_NOT_NAME = "，。、；：！？“”（）()"
CREDIT_LINE = re.compile(
    rf"^\s*(?:(?:{_CREDIT}{_SEP}*)?(?:{_ROLE}){_SEP}*)?{_NAME}(?:{_SEP}+{_NAME}){{0,2}}\s*摄\s*$"
    rf"|^\s*[（(]\s*图[/／:：]?[^）)]*[）)]\s*$"
    rf"|^\s*[^\s拍航{_NOT_NAME}]\s*摄\s*$"
)
"""A line that is nothing but a photo credit (新华社记者 陈海宁 摄, （图/新华社）), or the tail of
one whose name was broken over two lines (记者 林怡 / 宁 摄): one character and 摄 (not 拍摄)."""

SUBHEADLINE_DASH = re.compile(r"^\s*[—－-]{1,2}")
"""A subheadline often opens with a dash (——副题)."""


DATELINE_START = re.compile(rf"^\s*[{_ORNAMENT}]?\s*(?:{_AGENCY}|晚报讯|本报讯)")
"""The start of a dateline, which may run on to the next line (新华社北京1月4 / 日电)."""


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Split a leading dateline off ``paragraph``.

    >>> split_dateline("本报讯（记者 王小明 通讯员 李四）昨天，市里召开会议。")
    ('本报讯（记者 王小明 通讯员 李四）', '昨天，市里召开会议。')
    >>> split_dateline("新华社北京1月4日电 记者从国铁集团获悉")
    ('新华社北京1月4日电', '记者从国铁集团获悉')
    >>> split_dateline("昨天，市委召开大会。")
    (None, '昨天，市委召开大会。')
    """
    m = DATELINE.match(paragraph)
    if not m:
        return None, paragraph
    return m.group(0).strip(), paragraph[m.end() :].lstrip()


def split_trailing_byline(paragraph: str) -> tuple[str, str | None]:
    """Split a byline set after the last sentence of the body (or making up the last paragraph).

    >>> split_trailing_byline("提供更优质的金融服务。 记者丁威程")
    ('提供更优质的金融服务。', '记者丁威程')
    >>> split_trailing_byline("记者朱文君李彤 丁威程")
    ('', '记者朱文君李彤 丁威程')
    >>> split_trailing_byline("记者了解到，今年将开工。")
    ('记者了解到，今年将开工。', None)
    >>> split_trailing_byline("新华社记者 陈海宁 摄")
    ('新华社记者 陈海宁 摄', None)
    """
    if LOOSE_BYLINE.match(paragraph):
        return "", paragraph.strip()
    m = TRAILING_BYLINE.search(paragraph)
    if not m:
        return paragraph, None
    return paragraph[: m.start()].rstrip(), m.group(1).strip()


def is_byline(text: str) -> bool:
    """Whether a whole line reads as a byline.

    >>> is_byline("记者朱文君 李彤 丁威程"), is_byline("文/图 记者 周洁"), is_byline("记者了解到，今年")
    (True, True, False)
    """
    return bool(BYLINE.match(text))


_SHORT_NAME = rf"[{_CJK}·]{{2,3}}"
NAME_ONLY = re.compile(rf"^\s*{_SHORT_NAME}(?:\s+{_SHORT_NAME}){{0,2}}\s*$")
"""A line of nothing but one to three names of two or three characters (任鸣 左效强)."""


def is_name_only(text: str) -> bool:
    """Whether a line holds nothing but one to three personal names.

    >>> is_name_only("任鸣 左效强"), is_name_only("护登记。"), is_name_only("书架上摆")
    (True, False, False)
    """
    return bool(NAME_ONLY.match(text)) and not DATELINE.match(text)


def is_dateline_only(text: str) -> bool:
    """Whether a whole line is nothing but a dateline (set on its own line)."""
    dateline, rest = split_dateline(text)
    return dateline is not None and not rest.strip()


def is_credit_line(text: str) -> bool:
    """Whether a whole line is a photo credit set on its own.

    >>> is_credit_line("新华社记者 陈海宁 摄"), is_credit_line("记者王军摄"), is_credit_line("（图/新华社）")
    (True, True, True)
    >>> is_credit_line("市民纷纷拿出手机拍摄"), is_credit_line("记者 王军"), is_credit_line("拍摄")
    (False, False, False)
    >>> is_credit_line("宁 摄"), is_credit_line("宁摄")
    (True, True)
    """
    return bool(CREDIT_LINE.match(text))


def is_credit(text: str) -> bool:
    """Whether ``text`` ends with a photo credit."""
    return bool(CREDIT.search(text))
