"""How document text is made safe wherever diptych shows or writes it. One module, one policy.

Document text is data: a hostile file must not move the cursor, retitle the terminal, reorder
what a reader sees, or make its JSON act on a terminal it is printed to. Each output has its rule:

| output                       | function       | C0, DEL, C1 controls            | bidi, U+2028/9 |
| ---------------------------- | -------------- | ------------------------------- | -------------- |
| the terminal (app, render)   | `for_terminal` | one-for-one symbols (␛, ␡, ␦)   | ↔ / ↵          |
| reports, redlines (md, html) | `for_report`   | symbols (␛, ␡), C1 `[U+009B]`   | `[U+202E]`     |
| JSON (--json, report json)   | `for_json`     | C1 \\u-escaped (json escapes C0) | kept: data     |
| a one-line message (stderr)  | `for_message`  | escapes (\\n, \\x1b, \\x9b)       | escapes        |

Tabs and line ends are kept by the first three (JSON escapes them). `for_terminal` keeps lengths (display
offsets map one-for-one back to passage offsets); the report's stand-ins name the code point
instead, since a reader may need to know which it was.
tests/robustness/test_hostile_text.py holds the hostile inputs each of them is tested against.
"""

from __future__ import annotations

import re


def _terminal_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        if code not in (0x09, 0x0A):  # tab and line feed are handled as layout, not shown
            table[code] = chr(0x2400 + code)  # U+2400.. "␀".."␟"; ESC becomes "␛"
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = "\u2426"  # ␦ for C1 controls (CSI 0x9B would start an escape sequence)
    # Characters that reorder or break lines in some terminals: shown, never obeyed.
    for code in (0x2028, 0x2029):
        table[code] = "\u21b5"  # ↵
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C):
        table[code] = "\u2194"  # ↔ bidi control
    return table


TERMINAL_TABLE = _terminal_table()
_TERMINAL_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in TERMINAL_TABLE) + "]")


def for_terminal(text: str) -> str:
    """One-for-one replacement of control characters by visible symbols (lengths unchanged)."""
    if _TERMINAL_RE.search(text) is None:
        return text
    return text.translate(TERMINAL_TABLE)


_REPORT_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def for_report(text: str) -> str:
    """Text safe to print or to show in a browser: control characters (which a terminal may obey as
    escape sequences) and invisible bidirectional overrides (which reorder what a reader sees)
    become visible stand-ins; tabs and line ends stay."""
    return _REPORT_RE.sub(_stand_in, text)


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␛ for ESC: the Control Pictures block
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"[U+{code:04X}]"


# C1 controls (U+0080..U+009F): JSON leaves them raw, and U+009B is a one-character CSI to some
# terminals. Escaped, they stay the same JSON strings and are inert when the output is on screen.
_C1_CONTROL = re.compile("[\x80-\x9f]")


def for_json(text: str) -> str:
    """JSON text with C1 controls \\u-escaped (they can only occur inside strings)."""
    return _C1_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Control characters (C0, DEL, C1) and bidi controls in a message — typically from a file name
# — would break the one-line contract or reach the terminal as escape sequences.
_UNSAFE_IN_MESSAGE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def for_message(message: str) -> str:
    """The message on one line with every control character shown as an escape (\\n, \\x1b...)."""
    return _UNSAFE_IN_MESSAGE.sub(lambda m: repr(m.group())[1:-1], message)
