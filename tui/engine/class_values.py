"""The value of a quantity written in digits, words or both: "nine hundred", "900", "twenty-one",
"5 million", "5m" and "5,000,000" are each one value, so that rewriting a number in another style is
not taken for a change of it (the `number` and `money` classes compare these values)."""

from __future__ import annotations

import re

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


# Decimal's default precision: up to this many digits its sums and products are exact, as int's are.
_EXACT_DIGITS = 28
_EXACT_LIMIT = 10**_EXACT_DIGITS


def quantity_value(text: str) -> str | None:
    """The number a text writes, in plain digits ("5000000"), or None when the text has a word that
    is no part of a number (the caller then keeps its own key) or no number at all."""
    if text.isdigit() and text.isascii() and len(text) <= _EXACT_DIGITS:
        return str(int(text))  # most numbers: "42", "2017"
    tokens = _TOKEN_RE.findall(text.casefold())
    # Exact arithmetic in integers, every value scaled by 10 ** places (the most decimals written).
    places = max((len(t) - t.index(".") - 1 for t in tokens if "." in t), default=0)
    one = 10**places
    total, current, seen = 0, 0, False
    for token in tokens:
        if token[0].isdigit():
            whole, _, fraction = token.replace(",", "").partition(".")
            current += int(whole + fraction) * 10 ** (places - len(fraction))
            seen = True
        elif token in _UNITS:
            current += _UNITS[token] * one
            seen = True
        elif token == "hundred":
            current = (current or one) * 100
            seen = True
        elif token in _SCALES:
            total += (current or one) * _SCALES[token]
            current = 0
            seen = True
        elif token not in _FILLERS:
            return None
        if current >= _EXACT_LIMIT or total >= _EXACT_LIMIT:
            return _decimal_value(tokens)  # decimal rounds there: so must this
    if not seen:
        return None
    if total + current >= _EXACT_LIMIT:
        return _decimal_value(tokens)
    whole, fraction = divmod(total + current, one)
    return f"{whole}.{fraction:0{places}d}".rstrip("0") if fraction else str(whole)


def _decimal_value(tokens: list[str]) -> str | None:
    """`quantity_value` in decimal arithmetic, for numbers of more than `_EXACT_DIGITS` digits."""
    from decimal import Decimal  # a 2 ms import that almost no run needs

    total, current = Decimal(0), Decimal(0)
    for token in tokens:
        if token[0].isdigit():
            current += Decimal(token.replace(",", ""))
        elif token in _UNITS:
            current += _UNITS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = Decimal(0)
        elif token not in _FILLERS:
            return None
    value = total + current
    return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
