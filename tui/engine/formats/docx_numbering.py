"""Word list numbers as a reader sees them, computed from numbering.xml and styles.xml.

A numbered paragraph names a numbering instance (w:numId) and a level (w:ilvl), directly or
through its paragraph style. Instances share the counters of their abstract definition unless
they override a level's start, which restarts it where the instance is first used. Using a level
advances its counter and restarts the deeper levels (w:lvlRestart can say otherwise); the label
is the level's w:lvlText with %1..%9 replaced by the levels' counters in their formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from tui.engine.formats.numerals import bullet, formatted

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9


def wval(element: Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(W + "val", default)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


@dataclass(slots=True)
class Level:
    start: int = 0  # the spec's default when w:start is absent
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # w:isLgl: every level shown as decimal
    suffix: str = " "  # w:suff: tab and space show as a space, "nothing" as nothing


def _levels(abstract: Element) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in abstract.findall(W + "lvl"):
        out[_int(lvl.get(W + "ilvl"), 0)] = _level(lvl)
    return out


def _level(lvl: Element) -> Level:
    restart = lvl.find(W + "lvlRestart")
    suffix = wval(lvl.find(W + "suff"), "tab")
    return Level(
        start=_int(wval(lvl.find(W + "start")), 0),
        fmt=wval(lvl.find(W + "numFmt"), "decimal") or "decimal",
        text=wval(lvl.find(W + "lvlText"), "") or "",
        restart=None if restart is None else _int(wval(restart), 0),
        legal=lvl.find(W + "isLgl") is not None and wval(lvl.find(W + "isLgl"), "1") not in ("0", "false"),
        suffix="" if suffix == "nothing" else " ",
    )


@dataclass(slots=True)
class _Instance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # whole w:lvl overrides


class Styles:
    """Paragraph styles: their numbering (w:numPr) and outline, through w:basedOn."""

    def __init__(self, root: Element | None) -> None:
        self._styles: dict[str, Element] = {}
        self.default: str | None = None
        if root is None:
            return
        for style in root.findall(W + "style"):
            if style.get(W + "type") == "paragraph":
                style_id = style.get(W + "styleId") or ""
                self._styles[style_id] = style
                if style.get(W + "default") in ("1", "true"):
                    self.default = style_id

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) the style gives its paragraphs, following w:basedOn."""
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        current = style_id if style_id is not None else self.default
        while current is not None and current not in seen:
            seen.add(current)
            style = self._styles.get(current)
            if style is None:
                break
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                if num_id is None:
                    num_id = wval(num_pr.find(W + "numId"))
                if ilvl is None and num_pr.find(W + "ilvl") is not None:
                    ilvl = _int(wval(num_pr.find(W + "ilvl")), 0)
            based = style.find(W + "basedOn")
            current = wval(based)
        return num_id, ilvl


class Numbering:
    def __init__(self, root: Element | None, styles: Styles) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._instances: dict[str, _Instance] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._used: set[str] = set()
        if root is None:
            return
        style_links: dict[str, str] = {}
        for abstract in root.findall(W + "abstractNum"):
            abstract_id = abstract.get(W + "abstractNumId") or ""
            self._abstract[abstract_id] = _levels(abstract)
            link = wval(abstract.find(W + "numStyleLink"))
            if link:
                style_links[abstract_id] = link
        for num in root.findall(W + "num"):
            instance = _Instance(wval(num.find(W + "abstractNumId"), "") or "")
            for override in num.findall(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = override.find(W + "startOverride")
                if start is not None:
                    instance.starts[ilvl] = _int(wval(start), 0)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            self._instances[num.get(W + "numId") or ""] = instance
        # A definition that only points to a numbering style takes that style's definition.
        for abstract_id, style_id in style_links.items():
            num_id, _ = styles.numbering(style_id)
            target = self._instances.get(num_id or "")
            if target is not None and target.abstract in self._abstract and target.abstract != abstract_id:
                self._abstract[abstract_id] = self._abstract[target.abstract]

    def _level(self, instance: _Instance, ilvl: int) -> Level:
        if ilvl in instance.levels:
            return instance.levels[ilvl]
        return self._abstract.get(instance.abstract, {}).get(ilvl, Level())

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The number or bullet shown before a paragraph of instance `num_id` at level `ilvl`
        (with its suffix), advancing the counters; "" when the paragraph is not numbered."""
        instance = self._instances.get(num_id or "")
        if instance is None or num_id == "0" or instance.abstract not in self._abstract:
            return ""
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        counters = self._counters.setdefault(instance.abstract, [None] * LEVELS)
        if num_id not in self._used:
            self._used.add(num_id or "")
            for level in instance.starts:
                if 0 <= level < LEVELS:
                    counters[level] = None  # restarts here, at the override's start
        level = self._level(instance, ilvl)
        start = instance.starts.get(ilvl, level.start)
        current = counters[ilvl]
        counters[ilvl] = start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = self._level(instance, deeper).restart
            if restart is None or (restart > 0 and ilvl <= restart - 1):
                counters[deeper] = None
        return self._text(instance, ilvl, level, counters)

    def _text(self, instance: _Instance, ilvl: int, level: Level, counters: list[int | None]) -> str:
        if level.fmt == "bullet":
            return bullet(level.text) + level.suffix
        text = level.text
        for n in range(LEVELS, 0, -1):  # %10 does not exist, but %1 must not eat the start of %1x
            placeholder = f"%{n}"
            if placeholder not in text:
                continue
            other = self._level(instance, n - 1)
            value = counters[n - 1]
            if value is None:
                value = instance.starts.get(n - 1, other.start)
            fmt = "decimal" if level.legal and other.fmt != "none" else other.fmt
            text = text.replace(placeholder, formatted(value, fmt))
        return text + level.suffix if text else ""
