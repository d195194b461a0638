"""``"²".isdigit()`` is True but ``int("²")`` raises: text that says it is digits must be
ASCII digits before it becomes a number (found by the spec property test)."""

import pytest

from config.specs import SpecError, parse_spec
from indexer.readers.expedientes import clean_suffix
from indexer.readers.normalise import _spelled_number


def test_a_spec_field_named_with_a_superscript_gets_the_documented_error() -> None:
    with pytest.raises(SpecError, match=r"^especificación: ²: "):
        parse_spec({"²": "${"})


@pytest.mark.parametrize("written", ["²", "¹²", "①"])
def test_a_superscript_suffix_is_kept_as_written_not_a_crash(written: str) -> None:
    assert clean_suffix(f"-{written}") == written


@pytest.mark.parametrize("words", ["²", "2²", "³"])
def test_a_superscript_is_no_spelled_number(words: str) -> None:
    assert _spelled_number(words) is None


def test_ascii_digits_still_read() -> None:
    assert clean_suffix("-01") == "1"
    assert _spelled_number("2024") == 2024
