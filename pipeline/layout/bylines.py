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
    """
    if not text:
        return []
    bracket = _BRACKET.search(text)
    if bracket:
        text = bracket.group(1)
    elif not _ROLES.search(text):
        # a byline of bare names (任鸣 左效强) closes many articles
        return _SPLIT.split(text.strip()) if is_name_only(text) else []
    text = _CREDITS.sub(" ", _ROLES.sub(" ", text))
    names: list[str] = []
    for token in _SPLIT.split(text):
        for name in _unjoin(token):
            if _NAME.match(name) and name not in names:
                names.append(name)
    return names


def _unjoin(token: str) -> list[str]:
    """Names whose separating space OCR lost: most Chinese names have three characters.

    >>> _unjoin("朱文君李彤"), _unjoin("王小明李四五"), _unjoin("欧阳晓")
    (['朱文君', '李彤'], ['王小明', '李四五'], ['欧阳晓'])
    """
    if len(token) in (5, 6) and _NAME.match(token[:3]):
        return [token[:3], token[3:]]
    return [token]
