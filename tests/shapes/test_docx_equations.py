"""A Word sentence's equations (Office Math: ``m:oMath``, its letters in ``m:t``) were lost
when its body was read: «La indemnización es  pesos», the formula gone and the words
around it joined. They are read in reading order, their structure said as plain text
(a fraction's bar, a power, a subscript, a root, the brackets and signs Word keeps as
properties), so «(a+b)/2» is not «a+b2» nor ½ «12». Real .docx files made here."""

from __future__ import annotations

import pytest

from indexer.extract import ExtractionError, extract_text
from tests.shapes.docx import docx, paragraph

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _r(text: str) -> str:
    return f"<m:r><m:t>{text}</m:t></m:r>"


def _e(inner: str) -> str:
    return f"<m:e>{inner}</m:e>"


def _fraction(numerator: str, denominator: str) -> str:
    return f"<m:f><m:num>{numerator}</m:num><m:den>{denominator}</m:den></m:f>"


def _math(inner: str) -> str:
    return f'<m:oMath xmlns:m="{M}">{inner}</m:oMath>'


SALARY = (
    _r("I=")
    + "<m:d><m:dPr><m:begChr m:val='['/><m:endChr m:val=']'/></m:dPr>"
    + _e(_r("S×90"))
    + "</m:d>"
    + _r("+")
    + _fraction(f"<m:d>{_e(_r('a+b'))}</m:d>", _r("2"))
)
POWER = (
    f"<m:sSup>{_e(_r('x'))}<m:sup>{_r('2')}</m:sup></m:sSup>"
    + _r("+")
    + _fraction(_r("1"), _r("2"))
)
SUM = (
    _r("T=")
    + "<m:nary><m:naryPr><m:chr m:val='∑'/></m:naryPr>"
    + f"<m:sub>{_r('i=1')}</m:sub><m:sup>{_r('n')}</m:sup>"
    + _e(f"<m:sSub>{_e(_r('d'))}<m:sub>{_r('i')}</m:sub></m:sSub>")
    + "</m:nary>"
    + f"<m:rad><m:radPr><m:degHide m:val='1'/></m:radPr><m:deg/>{_e(_r('x+1'))}</m:rad>"
)


def _inline(before: str, formula: str, after: str) -> str:
    return (
        f'<w:p><w:r><w:t xml:space="preserve">{before}</w:t></w:r>{_math(formula)}'
        f'<w:r><w:t xml:space="preserve">{after}</w:t></w:r></w:p>'
    )


def test_a_sentences_formulas_are_read_where_they_stand() -> None:
    data = docx(
        paragraph("AMPARO DIRECTO 12/2024")
        + _inline("La indemnización es ", SALARY, " pesos, y el factor ")
        + _inline("vale ", POWER, ".")
        + f'<w:p><m:oMathPara xmlns:m="{M}">{_math(SUM)}</m:oMathPara></w:p>'
        + f"<w:moveFrom><w:p>{_math(_r('y=0'))}</w:p></w:moveFrom>"
        + paragraph("Se condena al pago.")
    )
    text = extract_text(data, None, "sentencia.docx").text
    assert [line for line in text.split("\n") if line] == [
        "AMPARO DIRECTO 12/2024",
        "La indemnización es I=[S×90]+(a+b)/2 pesos, y el factor",
        "vale x^2+1/2.",
        "T=∑_(i=1)^n d_i√(x+1)",
        "Se condena al pago.",
    ]


@pytest.mark.parametrize(
    "formula",
    [
        "<m:d><m:e>" * 150_000 + _r("z") + "</m:e></m:d>" * 150_000,
        _fraction(_r("1"), _r("2")) * 30_000,
    ],
    ids=["nested", "wide"],
)
def test_a_formula_past_any_real_ones_size_is_refused_not_read_flat(formula: str) -> None:
    """150,000 delimiters one inside another, or 30,000 fractions in one formula (some
    3 MB of XML, under every bound of a body): refused as too large, never a recursion
    error, nor its fractions read flat («1/2» as «12»)."""
    data = docx(paragraph("Fórmula:") + f"<w:p>{_math(formula)}</w:p>" + paragraph("Fin."))
    with pytest.raises(ExtractionError) as refused:
        extract_text(data, None, "sentencia.docx")
    assert refused.value.cause == "too_large" and "fórmula" in str(refused.value)
