"""Check digits of Mexican identifiers and payment numbers."""

from __future__ import annotations

_CURP_ALPHABET = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"
_RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"


def curp_check_digit(first17: str) -> str:
    """RENAPO's check digit: weights 18..2 over the first 17 characters."""
    total = sum(_CURP_ALPHABET.index(c) * (18 - i) for i, c in enumerate(first17))
    return str((10 - total % 10) % 10)


def rfc_check_digit(first: str) -> str:
    """SAT's check digit over the RFC without it (11 chars for companies, 12 for persons);
    a company's RFC is padded with a leading space to 12."""
    padded = first.rjust(12)
    total = sum(_RFC_ALPHABET.index(c) * (13 - i) for i, c in enumerate(padded))
    remainder = total % 11
    if remainder == 0:
        return "0"
    digit = 11 - remainder
    return "A" if digit == 10 else str(digit)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def clabe_ok(digits: str) -> bool:
    """CLABE: weights 3, 7, 1 over 17 digits, each product taken mod 10."""
    if len(digits) != 18:
        return False
    weights = (3, 7, 1) * 6
    total = sum(int(d) * weights[i] % 10 for i, d in enumerate(digits[:17]))
    return (10 - total % 10) % 10 == int(digits[17])
