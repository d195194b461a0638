"""The behaviour every search store must share. Ranking may differ between stores;
hit sets, filters, facet counts, highlights and errors may not."""

from __future__ import annotations

import datetime as dt
import html

import pytest

from indexer.models import PrivacyFinding, PrivacyReport, Sentencia, SourceLink
from indexer.query import QuerySyntaxError
from indexer.query.names import GROUP_CAP, NameTooBroad
from indexer.stores import SearchQuery, Store
from indexer.stores.base import CursorError, cursor_start, encode_cursor
from indexer.stores.tantivy_store import TantivyStore
from tests.stores.corpus import corpus, phrase_corpus, sentencia


def ids(store: Store, **kwargs: object) -> set[str]:
    return {hit.id for hit in store.search(SearchQuery(limit=100, **kwargs)).hits}


def test_phrase_matches_words_in_order_only(store: Store) -> None:
    assert ids(store, q='"daño moral"') == {"sen-001"}
    assert ids(store, q='"moral daño"') == set()


def test_typographic_quotes_make_a_phrase(store: Store) -> None:
    # pasted from a word processor or typed on a phone: the words in order, not anywhere
    for opening, closing in ("“”", "«»", "„“", "＂＂", "''", "‘’"):
        assert ids(store, q=f"{opening}moral daño{closing}") == set()
        assert ids(store, q=f"{opening}daño moral{closing}") == {"sen-001"}
    assert ids(store, q="“pensión definitiva”~1") == {"sen-002"}
    assert ids(store, q="tribunal:«Sala Penal» robo") == {"sen-003"}
    # quotes of another kind inside a phrase are part of it, not its end
    assert ids(store, q='"por «daño moral» causado"') == {"sen-001"}
    assert ids(store, q="«por “daño moral” causado»") == {"sen-001"}


def test_accentless_plural_finds_accented_singular(store: Store) -> None:
    assert "sen-001" in ids(store, q="decisiones")
    assert "sen-002" in ids(store, q="ninez")
    assert ids(store, q="pension alimenticia") == {"sen-002"}


def test_boolean_operators(store: Store) -> None:
    assert ids(store, q="daño AND moral") == {"sen-001"}
    assert ids(store, q="moral OR robo") == {"sen-001", "sen-003"}
    assert ids(store, q="daño -moral") == {"sen-005"}
    assert ids(store, q="daño NOT material") == {"sen-001"}
    assert ids(store, q="(robo OR pensión) AND niñez") == {"sen-002"}


def test_prefix(store: Store) -> None:
    assert ids(store, q="constitu*") == {"sen-004"}
    assert ids(store, q="notific*") == {"sen-003"}


def test_metadata_words_are_searchable(store: Store) -> None:
    assert ids(store, q='"Oralidad Familiar"') == {"sen-002"}


def test_filters_are_exact_and_combine(store: Store) -> None:
    assert ids(store, filters={"matter": ["civil"]}) == {"sen-001", "sen-004"}
    assert ids(store, filters={"matter": ["Civil", "PENAL"]}) == {
        "sen-001", "sen-003", "sen-004", "sen-005"
    }  # fmt: skip
    assert ids(store, filters={"court": ["sala penal"], "matter": ["penal"]}) == {
        "sen-003", "sen-005"
    }  # fmt: skip
    assert ids(store, filters={"kind": ["sesion"], "session_type": ["solemne"]}) == {"ses-002"}
    assert ids(store, q="ley", filters={"doc_type": ["iniciativa"]}) == {"leg-001"}


def test_field_syntax_in_query(store: Store) -> None:
    assert ids(store, q="matter:familiar") == {"sen-002"}
    assert ids(store, q='court:"Juzgado Primero Civil de León" prescripción') == {"sen-004"}


def test_any_written_form_of_a_case_number_finds_it(store: Store) -> None:
    for form in ("Amparo en Revisión 1234/2023", "A.R. 1234/2023", "1234/2023", "AR 1234/2023"):
        assert ids(store, filters={"expediente": [form]}) == {"sen-004"}, form
        assert ids(store, q=f'expediente:"{form}"') == {"sen-004"}, form
    assert ids(store, filters={"expediente": ["1234/2024"]}) == set()
    assert ids(store, filters={"expediente": ["3/2023"]}) == {"sen-003"}


def test_date_range_is_inclusive(store: Store) -> None:
    found = ids(store, date_from=dt.date(2024, 1, 15), date_to=dt.date(2024, 6, 30))
    assert found == {"sen-003", "sen-004"}


def test_facet_counts_follow_the_query(store: Store) -> None:
    result = store.search(SearchQuery(filters={"kind": ["sentencia"]}, facets=["matter", "court"]))
    matters = {f.value: f.count for f in result.facets["matter"]}
    assert matters == {"civil": 2, "familiar": 1, "penal": 2}
    courts = {f.value: f.count for f in result.facets["court"]}
    assert courts["Sala Penal"] == 2 and courts["Juzgado Primero Civil de León"] == 2
    assert result.total == 5


def test_sort_by_date(store: Store) -> None:
    result = store.search(SearchQuery(filters={"kind": ["sentencia"]}, sort="date_asc"))
    assert [h.id for h in result.hits] == ["sen-001", "sen-002", "sen-003", "sen-004", "sen-005"]
    result = store.search(SearchQuery(filters={"kind": ["sentencia"]}, sort="date_desc"))
    assert result.hits[0].id == "sen-005"


def test_cursor_pages_through_every_hit_once(store: Store) -> None:
    seen: list[str] = []
    query = SearchQuery(limit=2, sort="date_asc")
    while True:
        result = store.search(query)
        seen += [h.id for h in result.hits]
        if not result.next_cursor:
            break
        query = query.model_copy(update={"cursor": result.next_cursor})
    assert sorted(seen) == sorted(d.id for d in corpus())
    assert len(seen) == len(set(seen))


def test_a_page_links_back_with_an_offset_cursor_every_store_reads(store: Store) -> None:
    """The search page's «Anteriores»: an offset cursor on the commit its page names
    (``cursor_start``), read as the same page by every store; its page numbers too."""
    query = SearchQuery(limit=2, sort="date_asc", facets=[])
    pages = [store.search(query)]
    while pages[-1].next_cursor and len(pages) < 3:
        following = query.model_copy(update={"cursor": pages[-1].next_cursor})
        assert cursor_start(following)[0] == 2 * len(pages)
        pages.append(store.search(following))
    assert len(pages) == 3
    _, commit = cursor_start(query.model_copy(update={"cursor": pages[1].next_cursor}))
    for at in (0, 2):
        back = query.model_copy(update={"cursor": encode_cursor(query, at, commit=commit)})
        again = store.search(back)
        assert [h.id for h in again.hits] == [h.id for h in pages[at // 2].hits]
        assert again.next_cursor is not None
        assert cursor_start(back)[0] == at
    with pytest.raises(CursorError):
        store.search(SearchQuery(q="daño", cursor=encode_cursor(query, 2, commit=commit)))


def test_cursor_from_another_query_is_refused(store: Store) -> None:
    first = store.search(SearchQuery(limit=1))
    assert first.next_cursor
    with pytest.raises(CursorError):
        store.search(SearchQuery(q="daño", limit=1, cursor=first.next_cursor))
    with pytest.raises(CursorError):
        store.search(SearchQuery(limit=1, cursor="not-a-cursor"))


def test_highlights_mark_the_terms_and_escape_html(store: Store) -> None:
    hit = store.search(SearchQuery(q='"daño moral"')).hits[0]
    assert "<mark>daño moral</mark>" in " ".join(hit.highlights)
    hit = store.search(SearchQuery(q="incrustado")).hits[0]
    joined = " ".join(hit.highlights)
    assert "<script>" not in joined and "&lt;script&gt;" in joined
    assert "<mark>incrustado</mark>" in joined


def test_a_phrase_lights_up_where_it_occurs_not_each_of_its_words(store: Store) -> None:
    hit = store.search(SearchQuery(q='"interés superior de la niñez"')).hits[0]
    joined = " ".join(hit.highlights)
    assert "<mark>interés superior de la niñez</mark>" in joined
    assert joined.count("<mark>") == 1


def test_upsert_is_idempotent_and_updates_in_place(store: Store) -> None:
    docs = corpus()
    store.upsert(docs)
    assert store.count() == len(docs)
    changed = docs[0].model_copy(update={"text": "Texto nuevo sobre usucapión."})
    store.upsert([changed])
    assert store.count() == len(docs)
    assert ids(store, q="usucapión") == {"sen-001"}
    assert ids(store, q='"daño moral"') == set()


def test_a_document_of_several_sources_is_found_through_each(store: Store) -> None:
    doc = corpus()[0]
    shared = doc.model_copy(
        update={"sources": [SourceLink(source_id=doc.source_id, url=doc.url),
                            SourceLink(source_id="espejo", url="https://espejo.example/1")]}
    )  # fmt: skip
    store.upsert([shared])
    assert ids(store, filters={"source_id": ["espejo"]}) == {doc.id}
    assert doc.id in ids(store, filters={"source_id": [doc.source_id]})
    assert store.count() == len(corpus())


def test_delete(store: Store) -> None:
    assert store.delete(["sen-001", "no-such-id"]) == 1
    assert ids(store, q='"daño moral"') == set()
    assert store.count() == len(corpus()) - 1


@pytest.mark.parametrize(
    "bad",
    [
        '"sin cerrar',
        "«sin cerrar",
        "“sin cerrar",
        "(penal",
        "penal)",
        "AND civil",
        "civil OR",
        "NOT",
    ],
)
def test_malformed_queries_raise_the_same_error(store: Store, bad: str) -> None:
    with pytest.raises(QuerySyntaxError):
        store.search(SearchQuery(q=bad))


@pytest.mark.parametrize(
    ("odd", "expected"),
    [
        ("NEAR(daño moral)", set()),
        ("moral~", {"sen-001"}),
        ("daño^", {"sen-001", "sen-005"}),
        ("{moral}", {"sen-001"}),
        ("💥 daño", {"sen-001", "sen-005"}),
        ("title:dictamen", {"leg-002"}),
    ],
)
def test_engine_syntax_is_plain_text(store: Store, odd: str, expected: set[str]) -> None:
    assert ids(store, q=odd) == expected


def test_a_match_deep_in_a_long_sentence_is_highlighted(store: Store) -> None:
    filler = "El tribunal analiza los agravios expuestos por la parte recurrente. " * 2000
    long = corpus()[0].model_copy(
        update={
            "id": "sen-largo",
            "text": filler + "Se declara la enfiteusis perpetua del anatocismo. " + filler,
        }
    )
    store.upsert([long])
    [hit] = store.search(SearchQuery(q='"enfiteusis perpetua"')).hits
    assert "<mark>enfiteusis perpetua</mark>" in " ".join(hit.highlights)
    [hit] = store.search(SearchQuery(q="anatocismos")).hits
    assert "<mark>anatocismo</mark>" in " ".join(hit.highlights)


def test_a_word_with_a_tilde_and_an_accent_is_highlighted(store: Store) -> None:
    # surnames and words written with an ñ and an acute accent (Ibáñez, Núñez, Ordóñez,
    # cañón): found by the index however typed, and the snippet shows them marked, deep
    # in a long sentence too, not its first lines unmarked
    filler = "El tribunal analiza los agravios expuestos por la parte recurrente. " * 1600
    docs = [
        corpus()[0].model_copy(update={"id": "sen-perito", "text": filler
                                       + "Declaró el perito Ibáñez sobre el disparo. " + filler}),
        corpus()[0].model_copy(update={"id": "sen-nunez", "text":
                                       "Comparece la quejosa ORDÓÑEZ; la señora Núñez no."}),
        corpus()[0].model_copy(update={"id": "sen-canon", "text":
                                       "Se halló el cañón del arma y la vergüenza pública."}),
    ]  # fmt: skip
    store.upsert(docs)
    for q, doc_id, lit in (
        ("Ibáñez", "sen-perito", "Ibáñez"),
        ("ibanez", "sen-perito", "Ibáñez"),
        ("IBÁÑEZ", "sen-perito", "Ibáñez"),
        ("nunez", "sen-nunez", "Núñez"),
        ("Ordóñez", "sen-nunez", "ORDÓÑEZ"),
        ('"perito Ibáñez"~2 disparo', "sen-perito", "perito Ibáñez"),
        ("cañón", "sen-canon", "cañón"),
        ("canon", "sen-canon", "cañón"),
    ):
        [hit] = [h for h in store.search(SearchQuery(q=q)).hits if h.id == doc_id]
        assert f"<mark>{lit}</mark>" in " ".join(hit.highlights), q


def test_the_snippet_shows_the_phrase_not_its_words_apart(store: Store) -> None:
    # both words of the phrase close together near the start ("daño, y lo moral"), the
    # phrase itself beyond 100 KB: the snippet is where the phrase is, and shows it
    filler = "El tribunal analiza los agravios expuestos por la parte recurrente. " * 1600
    apart = corpus()[0].model_copy(
        update={
            "id": "sen-separadas",
            "text": "Se alegó un daño, y lo moral de la conducta; el daño y lo moral otra vez. "
            + filler
            + "Finalmente se acreditó el menoscabo extrapatrimonial o daño moral reclamado.",
        }
    )
    store.upsert([apart])
    [hit] = [h for h in store.search(SearchQuery(q='"daño moral"')).hits if h.id == apart.id]
    assert "<mark>daño moral</mark>" in " ".join(hit.highlights)
    # a phrase with short words inside it: "de la" must be there too
    stops = apart.model_copy(
        update={
            "id": "sen-superior",
            "text": "El interés superior, atento a la niñez, y el interés superior en la niñez. "
            + filler
            + "Prevalece el interés superior de la niñez sobre cualquier otro.",
        }
    )
    store.upsert([stops])
    found = store.search(SearchQuery(q='"interés superior de la niñez"')).hits
    [hit] = [h for h in found if h.id == stops.id]
    assert "<mark>interés superior de la niñez</mark>" in " ".join(hit.highlights)


def _edge_words(fragment: str) -> tuple[str, str]:
    shown = html.unescape(fragment.replace("<mark>", "").replace("</mark>", "")).split()
    return shown[0], shown[-1]


def test_a_snippet_ends_with_a_whole_word(store: Store) -> None:
    # the passage read for a snippet ends 600 characters in, inside a word for some
    # shifts; a hit found by its record alone shows the text's first 220 characters
    docs = [
        corpus()[0].model_copy(
            update={
                "id": f"sen-corte-{shift}",
                "text": "daño "
                + "palabra " * 68
                + "x" * shift
                + " daño daño daño "
                + "señor " * 60,
            }
        )
        for shift in range(1, 5)
    ]
    docs.append(
        corpus()[0].model_copy(
            update={
                "id": "sen-cabeza",
                "court": "Sala Única de Prueba",
                "text": "extraordinariamente señor " * 20,
            }
        )
    )
    store.upsert(docs)
    for shift in range(1, 5):
        [hit] = [h for h in store.search(SearchQuery(q="daño", limit=20)).hits
                 if h.id == f"sen-corte-{shift}"]  # fmt: skip
        assert _edge_words(hit.highlights[0])[1] == "señor", hit.highlights
    [hit] = store.search(SearchQuery(q='tribunal:"Sala Única de Prueba"')).hits
    first, last = _edge_words(hit.highlights[0])
    assert (first, last) in {("extraordinariamente", "señor"), ("extraordinariamente",) * 2}


def test_the_snippet_of_a_proximity_phrase_is_where_it_matches(store: Store) -> None:
    # "pensión … definitiva" five positions apart near the start (no match of ~1); the
    # words within ~1 of each other beyond 100 KB
    filler = "El tribunal analiza los agravios expuestos por la parte recurrente. " * 1600
    near = corpus()[0].model_copy(
        update={
            "id": "sen-cercanas",
            "text": "La pensión y la resolución muy definitiva son cosas distintas. "
            + filler
            + "Se fijó la pensión alimenticia definitiva del acreedor.",
        }
    )
    store.upsert([near])
    found = store.search(SearchQuery(q='"pensión definitiva"~1')).hits
    [hit] = [h for h in found if h.id == near.id]
    joined = " ".join(hit.highlights)
    assert "<mark>pensión</mark> alimenticia <mark>definitiva</mark> del acreedor" in joined


def test_counts_follow_the_writes_and_the_pages_keep_them(store: Store) -> None:
    first = store.search(SearchQuery(q="", limit=2, facets=["matter"]))
    matters = {f.value: f.count for f in first.facets["matter"]}
    extra = corpus()[0].model_copy(update={"id": "sen-nueva", "url": "http://127.0.0.1/n"})
    store.upsert([extra])
    again = store.search(SearchQuery(q="", limit=2, facets=["matter"]))
    assert again.total == first.total + 1
    assert {f.value: f.count for f in again.facets["matter"]}["civil"] == matters["civil"] + 1
    page = store.search(SearchQuery(q="", limit=2, facets=["matter"], cursor=again.next_cursor))
    assert (page.total, page.facets) == (again.total, again.facets)


def test_proximity_finds_words_a_few_positions_apart(store: Store) -> None:
    assert ids(store, q='"pensión definitiva"') == set()
    assert ids(store, q='"pensión definitiva"~1') == {"sen-002"}
    assert ids(store, q='"pension definitivas"~5') == {"sen-002"}
    assert ids(store, q='"pensión niñez"~9') == set()
    assert ids(store, q='"pensión niñez"~10') == {"sen-002"}
    # swapped words cost two positions, in both stores
    assert ids(store, q='"alimenticia pensión"~1') == set()
    assert ids(store, q='"alimenticia pensión"~2') == {"sen-002"}
    assert ids(store, q='text:"pensión definitiva"~2 -robo') == {"sen-002"}


def test_proximity_words_are_highlighted_each(store: Store) -> None:
    hit = store.search(SearchQuery(q='"pensión definitiva"~2')).hits[0]
    joined = " ".join(hit.highlights)
    assert "<mark>Pensión</mark>" in joined and "<mark>definitiva</mark>" in joined


def _stored_text(store: Store, doc_id: str, text: str) -> str:
    """Store a copy of the corpus' first document as ``doc_id`` with ``text``."""
    store.upsert([corpus()[0].model_copy(update={"id": doc_id, "text": text})])
    return doc_id


def _highlighted(store: Store, doc_id: str, q: str) -> str:
    """The fragments shown for ``doc_id``'s one hit on ``q``, joined."""
    [hit] = [h for h in store.search(SearchQuery(q=q)).hits if h.id == doc_id]
    return " ".join(hit.highlights)


def test_a_proximity_phrase_marks_its_match_not_its_words_alone(store: Store) -> None:
    """Where «daño» and «moral» stand within the proximity, both are marked; a «daño» or a
    «moral» with the other word farther away in the same fragment is no match: unmarked
    (in swapped order two positions more, the index's rule)."""
    doc_id = _stored_text(
        store,
        "sen-proximidad",
        "El daño causado por la publicación fue grave y lo moral se discutió; "
        "se acreditó el daño que resultó moral para la actora.",
    )
    for q in ('"daño moral"~2', '"moral daño"~4'):
        joined = _highlighted(store, doc_id, q)
        assert "el <mark>daño</mark> que resultó <mark>moral</mark> para" in joined, q
        assert "El daño causado" in joined and "lo moral se" in joined, q


def test_a_proximity_phrase_of_three_words_marks_where_they_stand_together(
    store: Store,
) -> None:
    """«interés … de … niñez» within the proximity is lit; a «niñez» or an «interés» with
    no other word of the phrase that near, in the same fragment, is not."""
    doc_id = _stored_text(
        store,
        "sen-tres",
        "La niñez fue escuchada en la audiencia pública del juzgado. El interés "
        "superior de la niñez prevalece sobre todo interés económico.",
    )
    for q in ('"interés de niñez"~2', 'texto:"interés de niñez"~3'):
        joined = _highlighted(store, doc_id, q)
        assert "El <mark>interés</mark> superior <mark>de</mark> la <mark>niñez</mark>" in joined
        # (the engine's fragment may begin at the sentence that matches)
        assert "<mark>niñez</mark> fue" not in joined, q
        assert "todo interés económico" in joined, q


def test_an_unknown_field_is_an_error_in_every_store(store: Store) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        store.search(SearchQuery(q="juez:Pérez"))
    assert caught.value.field == "juez"


def test_every_field_a_person_filters_on(store: Store) -> None:
    assert ids(store, filters={"ponente": ["magistrada maría elena ruiz"]}) == {"sen-002"}
    assert ids(store, q='ponente:"Magistrado Jose Perez"') == {"sen-003"}
    assert ids(store, filters={"year": ["2023"]}) == {"sen-001", "sen-002"}
    assert ids(store, q="año:2025 kind:sesion") == {"ses-001", "ses-002"}
    assert ids(store, filters={"source_id": ["diputados"]}) == {"leg-003"}
    assert ids(store, q="fuente:diputados") == {"leg-003"}
    assert ids(store, filters={"chamber": ["pleno"]}) == {"ses-001"}
    assert ids(store, filters={"congress": ["congreso del estado de guanajuato"]}) == {
        "ses-001", "ses-002"
    }  # fmt: skip


def test_a_displayed_value_works_as_a_filter_value(store: Store) -> None:
    for shown in ("punto de acuerdo", "Punto de Acuerdo", "punto_de_acuerdo"):
        assert ids(store, filters={"doc_type": [shown]}) == {"leg-003"}, shown
    assert ids(store, q='tipo_documento:"punto de acuerdo"') == {"leg-003"}
    assert ids(store, filters={"kind": ["Sesión"]}) == {"ses-001", "ses-002"}
    assert ids(store, filters={"kind": ["Documento legislativo"]}) == {
        "leg-001", "leg-002", "leg-003"
    }  # fmt: skip
    assert ids(store, filters={"jurisdiction": ["Federación"]}) == {"leg-003"}
    assert ids(store, q='entidad:"guanajuato" medalla') == {"ses-002"}


def test_a_case_number_written_as_people_write_it(store: Store) -> None:
    for form in ("Toca No. 133/2021", "toca penal 133/2021", "0133/2021", "TOCA 133/2021"):
        assert ids(store, filters={"expediente": [form]}) == {"sen-002"}, form
        assert ids(store, q=f'expediente:"{form}"') == {"sen-002"}, form
    for form in ("Exp. 881/2023", "expediente 0881/2023", "881/2023"):
        assert ids(store, filters={"expediente": [form]}) == {"sen-005"}, form
    assert ids(store, filters={"expediente": ["Amparo Directo 133/2021"]}) == set()


def test_year_ponente_and_source_are_facets(store: Store) -> None:
    result = store.search(SearchQuery(facets=["year", "ponente", "source_id", "chamber"]))
    years = {f.value: f.count for f in result.facets["year"]}
    assert years == {"2023": 2, "2024": 3, "2025": 5}
    ponentes = {f.value: f.count for f in result.facets["ponente"]}
    assert ponentes == {"Magistrada María Elena Ruiz": 1, "Magistrado José Pérez": 1}
    sources = {f.value: f.count for f in result.facets["source_id"]}
    assert sources == {"tribunal-gto": 5, "congreso-gto": 4, "diputados": 1}
    assert {f.value: f.count for f in result.facets["chamber"]} == {"Pleno": 1}


def test_the_sentido_del_fallo_is_a_filter_and_a_facet_asked_for(store: Store) -> None:
    assert ids(store, filters={"ruling": ["confirma"]}) == {"sen-003", "sen-004"}
    # case, accents and spacing do not matter; values of one filter are ORed
    assert ids(store, filters={"ruling": ["REVOCO", " Confirma "]}) == {
        "sen-003", "sen-004", "sen-005"
    }  # fmt: skip
    assert ids(store, filters={"ruling": ["confirma"], "court": ["sala penal"]}) == {"sen-003"}
    assert ids(store, filters={"ruling": ["confirm"]}) == set()  # exact, not a prefix
    assert ids(store, q="sentido:revocó") == {"sen-005"}
    assert ids(store, q="fallo:confirma materia:civil") == {"sen-004"}
    result = store.search(SearchQuery(filters={"kind": ["sentencia"]}, facets=["ruling"]))
    # the value as the source wrote it, accent kept
    assert {f.value: f.count for f in result.facets["ruling"]} == {"confirma": 2, "revocó": 1}
    assert "ruling" not in store.search(SearchQuery()).facets  # counted only when asked


def test_a_redacted_public_version_is_a_filter_and_a_facet_asked_for(store: Store) -> None:
    """«sí»: its publisher hid data (a mark, or a black box over text still there); «no»:
    the guard read its text and found none; no report (or no text): neither."""
    by_id = {doc.id: doc for doc in corpus()}
    box = PrivacyFinding(kind="failed_redaction", start=0, end=20)
    reports = {
        "sen-001": PrivacyReport(redactions=1),  # «a ****»
        "sen-003": PrivacyReport(findings=[box]),
        "sen-004": PrivacyReport(),
        "ses-001": PrivacyReport(redactions=3),
        "leg-001": PrivacyReport(),
    }
    store.upsert([by_id[i].model_copy(update={"privacy": r}) for i, r in reports.items()])
    unread = by_id["leg-002"].model_copy(update={"text": " ", "privacy": PrivacyReport()})
    store.upsert([unread])

    assert ids(store, filters={"redacted": ["sí"]}) == {"sen-001", "sen-003", "ses-001"}
    # accents and case do not matter; never «no» when unknown (sen-002 has no report)
    assert ids(store, filters={"redacted": ["SI"]}) == {"sen-001", "sen-003", "ses-001"}
    assert ids(store, filters={"redacted": ["no"]}) == {"sen-004", "leg-001"}
    assert ids(store, filters={"redacted": ["sí", "no"]}) == set(reports)
    assert ids(store, filters={"kind": ["sesion"], "redacted": ["si"]}) == {"ses-001"}
    assert ids(store, q="testada:sí condena") == {"sen-001"}
    assert ids(store, q="testado:no") == {"sen-004", "leg-001"}
    assert ids(store, q="materia:civil -testada:sí") == {"sen-004"}
    result = store.search(SearchQuery(facets=["redacted"]))
    assert {f.value: f.count for f in result.facets["redacted"]} == {"sí": 3, "no": 2}
    asked = SearchQuery(filters={"kind": ["sentencia"]}, facets=["redacted", "ruling"])
    assert {f.value: f.count for f in store.search(asked).facets["redacted"]} == {
        "sí": 2, "no": 1
    }  # fmt: skip
    assert "redacted" not in store.search(SearchQuery()).facets  # counted only when asked


def test_a_ruling_is_found_by_the_forms_people_type(store: Store) -> None:
    # the reader's value, a listing's own spelling of the same meaning, and its opposite
    docs = corpus()
    store.upsert([docs[0].model_copy(update={"ruling": "sobreseer"}),
                  docs[1].model_copy(update={"ruling": "Sobreseimiento"}),
                  docs[2].model_copy(update={"ruling": "no amparar"}),
                  docs[3].model_copy(update={"ruling": "amparar"})])  # fmt: skip
    both = {"sen-001", "sen-002"}
    for typed in ("sobresee", "Sobreseer", "sobreseído", "SE SOBRESEE", "sobreseimiento"):
        assert ids(store, filters={"ruling": [typed]}) == both, typed
    assert ids(store, q="sentido:sobresee") == both
    assert ids(store, filters={"ruling": ["ampara"]}) == {"sen-004"}  # never "no amparar"
    assert ids(store, filters={"ruling": ["se concede el amparo"]}) == {"sen-004"}
    assert ids(store, filters={"ruling": ["niega el amparo"]}) == {"sen-003"}
    assert ids(store, filters={"ruling": ["sobre"]}) == set()  # a form, not a prefix


def test_a_ponente_or_a_court_is_found_by_some_of_its_words(store: Store) -> None:
    # as the sources write them: a title before the name, the court's whole name
    docs = corpus()
    scjn = "Primera Sala de la Suprema Corte de Justicia de la Nación"
    store.upsert([docs[0].model_copy(update={"ponente": "Ministro Alberto Pérez Dayán",
                                             "court": scjn}),
                  docs[1].model_copy(update={"ponente": "ALBERTO PEREZ DAYAN",
                                             "court": "Segunda Sala de la Suprema Corte"}),
                  docs[3].model_copy(update={"ponente": "Juan Pérez Ortiz",
                                             "court": "Primera Sala"})])  # fmt: skip
    for typed in ("Pérez Dayán", "perez dayan", "Dayán Pérez", "ALBERTO PÉREZ DAYÁN"):
        assert ids(store, filters={"ponente": [typed]}) == {"sen-001", "sen-002"}, typed
    # José Pérez (sen-003) and Juan Pérez Ortiz too: the word is in each
    assert ids(store, filters={"ponente": ["Pérez"]}) == {"sen-001", "sen-002", "sen-003",
                                                          "sen-004"}  # fmt: skip
    assert ids(store, q="ponente:Dayán") == {"sen-001", "sen-002"}
    assert ids(store, q='ponente:"Pérez Dayán" -ponente:ministro') == {"sen-002"}
    assert ids(store, filters={"ponente": ["Pére"]}) == set()  # whole words, not a prefix
    assert ids(store, filters={"ponente": ["Dayán Ortiz"]}) == set()  # every word in one
    assert ids(store, filters={"court": ["Primera Sala"]}) == {"sen-001", "sen-004"}
    assert ids(store, q='tribunal:"primera sala" OR tribunal:"segunda sala"') == {
        "sen-001", "sen-002", "sen-004"
    }  # fmt: skip
    assert ids(store, filters={"court": ["suprema corte"]}) == {"sen-001", "sen-002"}
    # a whole stored value is found as before
    assert ids(store, filters={"court": [scjn.upper()]}) == {"sen-001"}
    assert ids(store, filters={"court": ["sala penal"]}) == {"sen-003", "sen-005"}
    # the facets show the values as stored
    result = store.search(SearchQuery(filters={"ponente": ["pérez dayán"]}, facets=["ponente"]))
    shown = {f.value: f.count for f in result.facets["ponente"]}
    assert shown == {"Ministro Alberto Pérez Dayán": 1, "ALBERTO PEREZ DAYAN": 1}
    # a value written after the first search is found by the next one
    store.upsert([docs[4].model_copy(update={"ponente": "Magistrada Laura Pérez Dayán"})])
    assert "sen-005" in ids(store, filters={"ponente": ["pérez dayán"]})


def test_a_word_in_too_many_names_is_refused_not_listed(store: Store) -> None:
    many = [
        sentencia(100 + n, "Texto breve.", f"Juzgado {n} de Distrito", "civil",
                  dt.date(2024, 1, 1), ponente=f"Juez Número {n} de Prueba")
        for n in range(GROUP_CAP + 5)
    ]  # fmt: skip
    store.upsert(many)
    for asked in ({"filters": {"ponente": ["de"]}}, {"q": "tribunal:distrito"}):
        with pytest.raises(NameTooBroad) as refused:
            store.search(SearchQuery(**asked))  # type: ignore[arg-type]
        assert "escriba más palabras" in refused.value.mensaje
    # narrower words still find their one value; a whole value is always whole
    assert ids(store, filters={"ponente": ["juez número 7"]}) == {"sen-107"}
    assert ids(store, filters={"court": ["Juzgado 7 de Distrito"]}) == {"sen-107"}


def test_without_words_the_newest_come_first(store: Store) -> None:
    hits = store.search(SearchQuery(limit=3)).hits
    assert [h.id for h in hits] == ["leg-003", "leg-002", "ses-002"]
    hits = store.search(SearchQuery(filters={"kind": ["sentencia"]}, limit=2)).hits
    assert [h.id for h in hits] == ["sen-005", "sen-004"]


def test_a_prefix_is_highlighted(store: Store) -> None:
    hit = store.search(SearchQuery(q="constitu*")).hits[0]
    assert "<mark>constitucionalidad</mark>" in " ".join(hit.highlights)
    hit = store.search(SearchQuery(q="notific* firmes")).hits[0]
    joined = " ".join(hit.highlights)
    assert "<mark>notificarán</mark>" in joined and "<mark>firmes</mark>" in joined


def test_a_prefix_reaches_the_metadata_a_word_does(store: Store) -> None:
    """«cort*» finds the court «Suprema Corte» that the word «corte» finds, as every
    prefix of a court's or a ponente's word does, below the documents holding it in
    their title or text."""
    supreme = corpus()[2].model_copy(
        update={"id": "sen-scjn", "court": "Primera Sala de la Suprema Corte de Justicia"}
    )
    store.upsert([supreme])
    assert ids(store, q="corte") == {"sen-scjn"}
    for q in ("cort*", "corte*", "suprem*", "suprema cort*", "CORT*", "justic*"):
        assert ids(store, q=q) == {"sen-scjn"}, q
    courts = {"sen-001", "sen-002", "sen-004"}  # «Juzgado …»
    assert ids(store, q="juzgado") == courts
    assert ids(store, q="juzg*") == ids(store, q="juzgad*") == courts
    assert ids(store, q="magistrad*") == {"sen-002", "sen-003", "sen-scjn"}  # ponentes
    assert ids(store, q="magistrad* -penal") == {"sen-002"}
    assert ids(store, q="supremacía*") == set()  # no word of the corpus begins so
    # the text's own matches first: «comisión» in leg-002's text, only a committee of leg-001
    hits = store.search(SearchQuery(q="comisi*")).hits
    assert [hit.id for hit in hits] == ["leg-002", "leg-001"]


def _citing(n: int, text: str) -> Sentencia:
    return Sentencia(
        id=f"cita-{n}", title=f"Sentencia que cita {n}", date=dt.date(2024, 2, n),
        institution="Poder Judicial del Estado de Guanajuato", jurisdiction="MX-GUA",
        source_id="tribunal-gto", url=f"http://127.0.0.1/cita/{n}.pdf", text=text,
    )  # fmt: skip


def test_cita_finds_what_documents_cite_written_any_way(store: Store) -> None:
    store.upsert([
        _citing(1, "Como se resolvió en el amparo en revisión 1234/2023, el artículo 14 de "
                   "la Constitución Política de los Estados Unidos Mexicanos protege al quejoso."),
        _citing(2, "Los artículos 14 a 16 constitucionales y la tesis 1a./J. 12/2020 (10a.), "
                   "registro digital 2023456, sostienen lo mismo."),
        _citing(3, "El oficio 1234/2023 y el artículo 14 del reglamento interior no se citan."),
    ])  # fmt: skip
    for written in ("AR 1234/2023", "A.R. 1234/2023", "amparo en revisión 1234/2023"):
        assert ids(store, q=f'cita:"{written}"') == {"cita-1"}
    for written in ("CPEUM art. 14", "artículo 14 constitucional", "art. 14 CPEUM"):
        assert ids(store, q=f'cita:"{written}"') == {"cita-1", "cita-2"}
    assert ids(store, q='cita:"CPEUM art. 15"') == {"cita-2"}
    assert ids(store, q='cita:"CPEUM art. 17"') == set()
    assert ids(store, q='cita:"registro 2023456"') == {"cita-2"}
    assert ids(store, q='cita:"tesis 1a./J. 12/2020"') == {"cita-2"}
    assert ids(store, filters={"cita": ["cpeum art. 16"]}) == {"cita-2"}
    assert ids(store, q='cita:"CPEUM art. 14" -cita:"AR 1234/2023"') == {"cita-2"}


def test_a_case_number_asked_of_the_record_or_the_citations_is_lit_in_the_text(
    store: Store,
) -> None:
    """``expediente:`` and ``cita:`` search a document's record and what it cites; its
    snippet lights the number where the text writes it, as a journalist looks for it."""
    store.upsert([
        _citing(1, "Como se resolvió en el amparo en revisión 1234/2023, el artículo 14 de "
                   "la Constitución protege al quejoso."),
        _citing(2, "En el expediente 881/2023 la Sala resolvió el daño moral.").model_copy(
            update={"expediente": "881/2023"}),
    ])  # fmt: skip
    cases = {
        'cita:"AR 1234/2023"': ("cita-1", "amparo en revisión <mark>1234/2023</mark>,"),
        "expediente:881/2023": ("cita-2", "expediente <mark>881/2023</mark> la Sala"),
        'expediente:"881/2023" daño': ("cita-2", "<mark>881/2023</mark> la Sala resolvió el"
                                                 " <mark>daño</mark>"),
    }  # fmt: skip
    for q, (doc_id, lit) in cases.items():
        [hit] = [h for h in store.search(SearchQuery(q=q)).hits if h.id == doc_id]
        assert lit in " ".join(hit.highlights), q


def test_a_case_number_with_a_suffix_lights_that_case_only(store: Store) -> None:
    """«1234/2023-II» and «1234/2023-I» are two cases, «Toca 1150/2019/1» and «/2» two
    appeals: the one asked for is lit whole, the other, written beside it, not at all."""
    store.upsert([
        _citing(3, "Se revisa el expediente 1234/2023-II y no el 1234/2023-I del índice.")
        .model_copy(update={"expediente": "1234/2023-II"}),
        _citing(4, "Resuelto el toca 1150/2019/1; el toca 1150/2019/2 sigue pendiente.")
        .model_copy(update={"expediente": "Toca 1150/2019/1"}),
    ])  # fmt: skip
    cases = {
        'expediente:"1234/2023-II"': (
            "cita-3", "expediente <mark>1234/2023-II</mark> y no el 1234/2023-I del"),
        'expediente:"Toca 1150/2019/1"': (
            "cita-4", "toca <mark>1150/2019/1</mark>; el toca 1150/2019/2 sigue"),
    }  # fmt: skip
    for q, (doc_id, lit) in cases.items():
        [hit] = [h for h in store.search(SearchQuery(q=q)).hits if h.id == doc_id]
        assert lit in " ".join(hit.highlights), (q, hit.highlights)


def test_most_cited_come_first(store: Store) -> None:
    held = {doc.id: doc for doc in corpus()}
    store.upsert([
        held["sen-004"].with_citations([], cited_by=5),
        held["sen-002"].with_citations([], cited_by=2),
        held["sen-005"].with_citations([], cited_by=1),
    ])  # fmt: skip
    hits = store.search(
        SearchQuery(filters={"kind": ["sentencia"]}, sort="most_cited", limit=3)
    ).hits
    assert [h.id for h in hits] == ["sen-004", "sen-002", "sen-005"]
    words = store.search(SearchQuery(q="daño", sort="most_cited", limit=10)).hits
    assert words[0].id == "sen-005"


def test_exact_phrases_at_their_edges(store: Store) -> None:
    store.upsert(phrase_corpus())
    # punctuation between the words, plurals and capitals, the title, the court's name
    assert ids(store, q='"daño moral"') == {
        "sen-001", "sen-902", "sen-903", "sen-904", "sen-906", "sen-907", "sen-908", "sen-911"
    }  # fmt: skip
    # a dropped over-long word keeps the words apart, also inside a longer phrase
    assert ids(store, q='"pago del daño"') == {"sen-904"}
    assert ids(store, q='"daño daño moral"') == {"sen-907"}
    assert ids(store, q='"interés superior de la niñez"') == {"sen-002", "sen-910"}
    assert ids(store, q='"pago del daño moral"') == set()
    assert ids(store, q='title:"daño moral"') == {"sen-906"}
    assert ids(store, q='condena -"daño moral"') == {"sen-901"}
    assert ids(store, q='"daño moral"', filters={"matter": ["penal"]}) == {"sen-903", "sen-904"}
    assert ids(store, q='"daño"') == ids(store, q="daño")
    result = store.search(SearchQuery(q='"daño moral"', facets=["matter"]))
    counts = {f.value: f.count for f in result.facets["matter"]}
    assert result.total == 8 and counts == {"civil": 6, "penal": 2}


def test_a_question_nothing_answers_counts_nothing(store: Store) -> None:
    result = store.search(SearchQuery(q='"moral daño"', facets=["matter", "kind"]))
    assert result.total == 0 and result.hits == [] and result.next_cursor is None
    assert result.facets == {"matter": [], "kind": []}


def test_undated_documents_are_counted_in_no_year(store: Store) -> None:
    """The search page draws its results per year from this facet alone: a question
    whose documents have no date has an empty one, a dated document is always in it."""
    undated = corpus()[0].model_copy(
        update={"id": "sen-sin-fecha", "date": None, "resolution_date": None,
                "text": "Resolución de la zarzaparrilla sin fecha."}
    )  # fmt: skip
    store.upsert([undated])
    alone = store.search(SearchQuery(q="zarzaparrilla", facets=["year", "kind"]))
    assert alone.total == 1 and alone.hits[0].date is None
    assert alone.facets["year"] == [] and [f.count for f in alone.facets["kind"]] == [1]
    mixed = store.search(SearchQuery(q="zarzaparrilla OR moral", facets=["year"]))
    assert mixed.total == 2 and {(f.value, f.count) for f in mixed.facets["year"]} == {("2023", 1)}


def test_every_year_is_counted_whatever_the_facet_size(store: Store) -> None:
    """The search page draws results per year from the year facet: a year with a single
    document among thirty busier ones is counted (only the 20 busiest were, so the chart
    went from one year to several later silently), while another facet keeps its size."""
    years = range(1990, 2020)
    docs = [
        sentencia(900 + 2 * i + copy, f"Resolución del quimbombó número {i}.",
                  f"Juzgado {i} de Prueba", "civil", dt.date(year, 6, 1))
        for i, year in enumerate(years)
        for copy in range(1 if year == 2004 else 2)
    ]  # fmt: skip
    store.upsert(docs)
    stores = [store]
    if isinstance(store, TantivyStore):
        # the same folder counted by tantivy-py's aggregations (the path without the native search)
        stores.append(TantivyStore(store.path, native=False))
    for each in stores:
        result = each.search(SearchQuery(q="quimbombó", facets=["year", "court"], limit=1))
        assert result.total == 59
        counted = {f.value: f.count for f in result.facets["year"]}
        assert counted == {str(y): 1 if y == 2004 else 2 for y in years}
        assert len(result.facets["court"]) == 20
        narrow = each.search(SearchQuery(q="quimbombó", facets=["year"], facet_size=5))
        assert len(narrow.facets["year"]) == 30


def test_a_repeated_word_of_a_proximity_phrase_is_found_twice(store: Store) -> None:
    """``"amparo amparo"~1`` asks for two occurrences: one ``amparo`` is not both of
    them (Tantivy's own sloppy phrase took it for both; the engine never did)."""
    store.upsert([
        sentencia(951, "Se negó el amparo solicitado.", "Sala Civil", "civil",
                  dt.date(2023, 1, 1)),
        sentencia(952, "Promovió amparo, amparo que fue negado.", "Sala Civil", "civil",
                  dt.date(2023, 1, 2)),
        sentencia(953, "Concedió el amparo pedido contra otro amparo.", "Sala Civil",
                  "civil", dt.date(2023, 1, 3)),
    ])  # fmt: skip
    assert ids(store, q='"amparo amparo"') == {"sen-952"}
    assert ids(store, q='"amparo amparo"~1') == {"sen-952"}
    assert ids(store, q='"amparo amparo"~2') == {"sen-952"}
    assert ids(store, q='"amparo amparo"~3') == {"sen-952", "sen-953"}
    assert ids(store, q='"amparo pedido amparo"~1') == set()
    assert ids(store, q='"amparo pedido amparo"~2') == {"sen-953"}
    assert ids(store, q='"pedido amparo amparo"~4') == {"sen-953"}
    for q in ('"amparo amparo"~3', '"amparo amparo"~1 -negado', '"negó amparo amparo"~5'):
        result = store.search(SearchQuery(q=q, facets=["matter"]))
        assert result.total == len(result.hits), q
        assert sum(f.count for f in result.facets["matter"]) == result.total, q


def test_a_long_phrase_with_a_repeated_word_and_a_wide_proximity_still_answers(
    store: Store,
) -> None:
    """Too many arrangements to ask one by one: still an answer, never an error."""
    store.upsert([sentencia(953, "Concedió el amparo pedido contra otro amparo.", "Sala Civil",
                            "civil", dt.date(2023, 1, 3))])  # fmt: skip
    assert ids(store, q='"amparo pedido contra otro amparo"~50') == {"sen-953"}


def test_a_proximity_phrase_of_three_words_places_every_word_by_the_rule(store: Store) -> None:
    """Each word at a position ``p_i`` of its own, found when the shifts ``p_i - i`` lie
    within the slop: what the engine answers. Tantivy's own sloppy phrase of three words
    chains its words pair by pair: its scored search missed arrangements
    (``"interés de niñez"~2`` found nothing) and its count checked the last pair only
    (``"superior interés niñez"~2`` counted every document with the words)."""
    store.upsert([
        sentencia(961, "Se reclama daño y perjuicio moral.", "Sala Civil", "civil",
                  dt.date(2023, 1, 1)),
        sentencia(962, "La niñez, su interés y lo superior.", "Sala Civil", "civil",
                  dt.date(2023, 1, 2)),
    ])  # fmt: skip
    # sen-002: "el interés superior de la niñez prevalece"
    expected = {
        '"superior interés niñez"~2': set(),
        '"superior interés niñez"~3': {"sen-002"},
        '"interés de niñez"~1': set(),
        '"interés de niñez"~2': {"sen-002"},
        '"daño y moral"~1': {"sen-961"},
        '"daño y moral"~3': {"sen-961"},
        '"moral y daño"~3': set(),
        '"niñez superior interés"~4': {"sen-962"},
        '"niñez superior interés"~6': {"sen-002", "sen-962"},
        '"interés de niñez"~2 -prevalece': set(),
    }
    searches = [store]
    if isinstance(store, TantivyStore):
        searches.append(TantivyStore(store.path, native=False))  # tantivy-py's search
    for search in searches:
        for q, found in expected.items():
            result = search.search(SearchQuery(q=q, limit=100, facets=["matter"]))
            assert {hit.id for hit in result.hits} == found, (q, search)
            assert result.total == len(found), (q, search)
            assert sum(f.count for f in result.facets["matter"]) == len(found), (q, search)


def test_an_ordinal_finds_its_other_spellings(store: Store) -> None:
    written = ["Juzgado 1o. de Distrito", "Juzgado 1º de Distrito", "Juzgado Primero de "
               "Distrito", "Juzgado 1ro. de Distrito", "Juzgado 2o. de Distrito", "la 2a. Sala",
               "la Segunda Sala"]  # fmt: skip
    store.upsert([_citing(20 + n, f"{text} resolvió el asunto.") for n, text in enumerate(written)])
    first = {"cita-20", "cita-21", "cita-22", "cita-23"}
    for q in (
        '"juzgado 1o. de distrito"',
        '"juzgado 1º de distrito"',
        '"juzgado primero de distrito"',
    ):
        assert ids(store, q=q) == first
    assert ids(store, q='"segunda sala"') == ids(store, q='"2a sala"') == {"cita-25", "cita-26"}
    assert ids(store, q='"juzgado segundo de distrito"') == {"cita-24"}


def _cited(n: int, text: str) -> Sentencia:
    return _citing(1, text).model_copy(
        update={"id": f"cita-{n}", "url": f"http://127.0.0.1/cita/{n}.pdf"}
    )


def _marked(store: Store, q: str, doc_id: str) -> str:
    hit = next(h for h in store.search(SearchQuery(q=q, limit=100)).hits if h.id == doc_id)
    return " ".join(hit.highlights)


def test_a_legal_abbreviation_finds_its_other_spellings(store: Store) -> None:
    """«art. 14» and «artículo 14», «fracc.» and «fracción», «párr.» and «párrafo»,
    «CPEUM» and the Constitution's name, «SCJN» and the Court's: either finds both, the
    form the text wrote is the one marked."""
    store.upsert([
        _cited(40, "Con fundamento en el artículo 14 de la Constitución Política de los "
                    "Estados Unidos Mexicanos, se concede."),
        _cited(41, "Conforme al art. 14 de la CPEUM y a la jurisprudencia de la SCJN."),
        _cited(42, "Vistos los arts. 14 y 16, fracc. II, párr. segundo, del código."),
        _cited(43, "La fracción II del párrafo segundo; la Suprema Corte de Justicia de la "
                    "Nación lo resolvió."),
        _cited(44, "El artista pintó una fracción de la obra; el arte no se juzga."),
    ])  # fmt: skip
    for q in ('"artículo 14"', '"art. 14"', '"arts. 14"', '"Artículos 14"'):
        assert ids(store, q=q) == {"cita-40", "cita-41", "cita-42"}, q
    for q in ("CPEUM", '"Constitución Política de los Estados Unidos Mexicanos"'):
        assert ids(store, q=q) == {"cita-40", "cita-41"}, q
    assert ids(store, q='"art. 14 de la CPEUM"') == {"cita-40", "cita-41"}
    for q in ("SCJN", '"Suprema Corte de Justicia de la Nación"'):
        assert ids(store, q=q) == {"cita-41", "cita-43"}, q
    for q in ('"fracción II"', '"fracc. II"', '"frac. II"'):
        assert ids(store, q=q) == {"cita-42", "cita-43"}, q
    for q in ('"párrafo segundo"', '"párr. segundo"'):
        assert ids(store, q=q) == {"cita-42", "cita-43"}, q
    assert ids(store, q='"art. 15"') == set()
    assert ids(store, q="arte") == {"cita-44"}  # a word that begins so is no abbreviation
    assert ids(store, q='"art. 14"~2 jurisprudencia') == {"cita-41"}
    assert "<mark>Constitución Política de los Estados Unidos Mexicanos</mark>" in _marked(
        store, "CPEUM", "cita-40"
    )
    assert "<mark>CPEUM</mark>" in _marked(
        store, '"Constitución Política de los Estados Unidos Mexicanos"', "cita-41"
    )
    assert "<mark>artículo 14</mark>" in _marked(store, '"art. 14"', "cita-40")
    assert "<mark>arts. 14</mark>" in _marked(store, '"artículo 14"', "cita-42")
    assert "<mark>Suprema Corte de Justicia de la Nación</mark>" in _marked(
        store, "SCJN", "cita-43"
    )


def test_an_ordinal_past_ten_or_with_a_degree_sign_finds_its_other_spellings(
    store: Store,
) -> None:
    written = ["Juzgado Décimo Primero de Distrito", "Juzgado 11o. de Distrito",
               "Juzgado Decimoprimero de Distrito", "Juzgado Undécimo de Distrito",
               "Juzgado Décimo Segundo de Distrito", "Juzgado 1° de Distrito",
               "Juzgado Vigésimo Tercero de Distrito", "Décima Primera Sala",
               "la 11a. Sala"]  # fmt: skip
    store.upsert(
        [_cited(50 + n, f"El {text} resolvió el asunto.") for n, text in enumerate(written)]
    )
    eleventh = {"cita-50", "cita-51", "cita-52", "cita-53"}
    for q in (
        '"juzgado décimo primero de distrito"',
        '"juzgado décimo primer de distrito"',
        '"juzgado 11o. de distrito"',
        '"juzgado 11° de distrito"',
        '"juzgado undécimo de distrito"',
        '"juzgado decimoprimero de distrito"',
    ):
        assert ids(store, q=q) == eleventh, q
    assert ids(store, q='"juzgado duodécimo de distrito"') == {"cita-54"}
    for q in (
        '"juzgado 1° de distrito"',
        '"juzgado primero de distrito"',
        '"juzgado 1o de distrito"',
    ):
        assert ids(store, q=q) == {"cita-55"}, q
    assert ids(store, q='"juzgado 23o de distrito"') == {"cita-56"}
    assert ids(store, q='"undécima sala"') == {"cita-57", "cita-58"}
    assert "<mark>Juzgado Décimo Primero de Distrito</mark>" in _marked(
        store, '"juzgado 11o de distrito"', "cita-50"
    )


# -- redactions that hold no word --------------------------------------------------------
# Marks as public versions write them (SCJN «**********», a tribunal's «█████» or blank
# «______», an omission «(…)» or «[...]»): the analysers drop them, and before each left
# no position between its neighbours, so a phrase matched across the hidden words.
WORDLESS_MARKS = ["**********", "*****", "█████", "________", "(…)", "[...]", "( . . . )"]


@pytest.mark.parametrize("mark", WORDLESS_MARKS)
def test_a_phrase_does_not_match_across_a_redaction(store: Store, mark: str) -> None:
    doc_id = _stored_text(
        store,
        "sen-testada",
        f"El quejoso Wenceslao {mark} Ortigoza promovió juicio de {mark} amparo indirecto "
        f"contra la orden{mark}de aprehensión dictada en su contra.",
    )
    for q in (
        '"Wenceslao Ortigoza"',
        '"juicio de amparo indirecto"',
        '"de amparo"',
        '"orden de aprehensión"',
        'texto:"Wenceslao Ortigoza"',
        '"quejoso Wenceslao Ortigoza promovió"',
    ):
        assert doc_id not in ids(store, q=q), (mark, q)
    # the words on each side still make their phrases, and all of them are found
    for q in (
        '"quejoso Wenceslao"',
        '"Ortigoza promovió juicio de"',
        '"amparo indirecto contra la orden"',
        "Wenceslao Ortigoza",
        '"Wenceslao Ortigoza"~1',  # the mark counts as one word: the hidden ones unknown
    ):
        assert doc_id in ids(store, q=q), (mark, q)
    assert doc_id not in ids(store, q='"Wenceslao Ortigoza"~0'), mark
    # the fragments show the mark as the document writes it, nothing of the gap
    for q in ("Wenceslao", '"Ortigoza promovió"', "quejos*", '"Wenceslao Ortigoza"~1'):
        joined = _highlighted(store, doc_id, q)
        written = joined.replace("<mark>", "").replace("</mark>", "")
        assert f"Wenceslao {html.escape(mark)} Ortigoza promovió" in written, (mark, q, joined)
        assert "\u02ad" not in joined and "\u2060" not in joined, (mark, q)
