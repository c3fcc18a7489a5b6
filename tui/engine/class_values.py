"""The value of a quantity written in digits, words or both: "nine hundred", "900", "twenty-one",
"5 million", "5m" and "5,000,000" are each one value, so that rewriting a number in another style is
not taken for a change of it (the `number` and `money` classes compare these values)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_UNITS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_TENS = "thirty forty fifty sixty seventy eighty ninety".split()
_UNITS.update({word: 10 * k for k, word in enumerate(_TENS, 3)})
_SCALES = {
    "thousand": 10**3, "k": 10**3, "million": 10**6, "m": 10**6, "mn": 10**6,
    "billion": 10**9, "bn": 10**9, "b": 10**9, "trillion": 10**12, "tn": 10**12,
}
# Words that may sit inside a written number without changing it ("a hundred", "one hundred and five").
_FILLERS = frozenset(["and", "a"])
_TOKEN_RE = re.compile(r"\d[\d,]*(?:\.\d+)?|[^\W\d_]+")


def quantity_value(text: str) -> str | None:
    """The number a text writes, in plain digits ("5000000"), or None when the text has a word that
    is no part of a number (the caller then keeps its own key) or no number at all."""
    total, current, seen = Decimal(0), Decimal(0), False
    for token in _TOKEN_RE.findall(text.casefold()):
        if token[0].isdigit():
            try:
                current += Decimal(token.replace(",", ""))
            except InvalidOperation:  # "1.2.3": a version, not a quantity
                return None
            seen = True
        elif token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token == "hundred":
            current = (current or 1) * 100
            seen = True
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = Decimal(0)
            seen = True
        elif token not in _FILLERS:
            return None
    if not seen:
        return None
    value = total + current
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
