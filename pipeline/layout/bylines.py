"""People named in bylines and datelines: strip role words, split on separators.

Chinese personal names are two to four characters. A byline lists them after role
words (记者 王小明 通讯员 李四), separated by spaces, 、 or ，; role words themselves
separate names too (本报记者王晓通讯员陈明).
"""

from __future__ import annotations

import re

from pipeline.layout.patterns import ROLE_WORDS

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
    >>> parse_authors("晚报讯")
    []
    """
    if not text:
        return []
    bracket = _BRACKET.search(text)
    if bracket:
        text = bracket.group(1)
    elif not _ROLES.search(text):
        return []
    text = _CREDITS.sub(" ", _ROLES.sub(" ", text))
    names: list[str] = []
    for token in _SPLIT.split(text):
        if _NAME.match(token) and token not in names:
            names.append(token)
    return names
