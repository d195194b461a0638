"""The listing's forms are posted without Scrapy's deprecated ``FormRequest.from_response``
(every crawl of a postback pager warned ``ScrapyDeprecationWarning``), and the request
sent is the one it sent: same address, method, body and fields, for forms of every
kind of control, a clicked button, a base address and a CSS or XPath form."""

from __future__ import annotations

import warnings

import pytest
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy.http import FormRequest, HtmlResponse

from config.specs import NextForm
from crawlers.forms import form_request
from crawlers.next_form import next_form_step

PAGE = """<html><head><base href="https://sitio.gob.mx/base/"></head><body>
<form id="otro" action="/buscar"><input name="q" value="x"></form>
<form id="lista" method="{method}" action="  lista.aspx?x=1 ">
<input type="hidden" name="__VIEWSTATE" value="vs1">
<input name="sin_tipo" value="á é">
<input type="text" name="campo">
<input type="checkbox" name="caja" value="si" checked>
<input type="checkbox" name="otra_caja" value="no">
<input type="radio" name="r" value="uno">
<input type="radio" name="r" value="dos" checked>
<select name="anio"><option value="2023">2023</option><option value="2024">2024</option></select>
<select name="sala"><option value="1">1</option><option value="2" selected>2</option></select>
<select name="vacio"></select>
<textarea name="nota">línea</textarea>
<input type="reset" name="borrar" value="Borrar">
<input type="image" name="imagen" src="i.png">
<input type="submit" name="Buscar" value="Buscar">
<input type="submit" name="Siguiente" value="Siguiente &gt;">
<span><a id="dentro">pager</a></span>
</form></body></html>"""


def _page(method: str = "post") -> HtmlResponse:
    body = PAGE.replace("{method}", method).encode("utf-8")
    return HtmlResponse("https://sitio.gob.mx/a/lista.aspx", body=body, encoding="utf-8")


CASES = [
    {"formxpath": "//form[@id='lista']", "dont_click": True},
    {"formxpath": "//a[@id='dentro']", "dont_click": True, "formdata": {"campo": "v", "n": "2"}},
    {"formcss": "form#lista", "clickdata": {"name": "Siguiente"}, "formdata": {"__VIEWSTATE": "z"}},
    {"formcss": "form#lista"},
    {"formxpath": "//form[@id='lista']", "formdata": {"Buscar": "otro", "caja": None}},
]


def _same(made: FormRequest, expected: FormRequest) -> None:
    assert (made.url, made.method, made.body) == (expected.url, expected.method, expected.body)
    assert made.headers.get(b"Content-Type") == expected.headers.get(b"Content-Type")
    assert made.encoding == expected.encoding


@pytest.mark.parametrize("method", ["post", "get", "put"])
@pytest.mark.parametrize("case", CASES)
def test_the_request_is_the_one_from_response_built(case: dict, method: str) -> None:
    page = _page(method)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ScrapyDeprecationWarning)
        expected = FormRequest.from_response(page, **case)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScrapyDeprecationWarning)
        made = form_request(page, **case, callback=print, dont_filter=True)
    _same(made, expected)
    assert made.callback is print and made.dont_filter


def test_what_from_response_refused_is_refused_alike() -> None:
    page = _page()
    for case in (
        {"formxpath": "//table"},
        {"formxpath": "//form[@id='lista']", "clickdata": {"name": "falta"}},
        {"formxpath": "//form[@id='lista']", "clickdata": {"type": "submit"}},
    ):
        with pytest.raises(ValueError):
            form_request(page, **case)
    empty = HtmlResponse("https://sitio.gob.mx/", body=b"<html><body>nada</body></html>")
    with pytest.raises(ValueError):
        form_request(empty, formcss="form")


def test_paging_by_a_form_warns_nothing() -> None:
    rules = NextForm.model_validate({"form": "css:form#lista", "click": "Siguiente"})
    with warnings.catch_warnings():
        warnings.simplefilter("error", ScrapyDeprecationWarning)
        step = next_form_step(_page(), rules, {"page": 2})
    assert step.request is not None and step.request.method == "POST"
    assert b"Siguiente=Siguiente+%3E" in step.request.body
