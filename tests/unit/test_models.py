"""The document model: stable ids, validated jurisdictions and links, change detection."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from indexer.models import Sentencia, VideoLink, document_id


def _doc(**extra: object) -> Sentencia:
    base: dict[str, object] = dict(
        id="x", title="t", institution="i", jurisdiction="MX-GUA", source_id="s", url="u"
    )
    return Sentencia(**(base | extra))


def test_ids_are_stable_and_depend_on_source_and_url() -> None:
    assert document_id("a", "http://x/1") == document_id("a", "http://x/1")
    assert document_id("a", "http://x/1") != document_id("b", "http://x/1")
    assert document_id("a", "http://x/1") != document_id("a", "http://x/2")


def test_jurisdiction_must_be_iso_3166_2_mx() -> None:
    assert _doc(jurisdiction="mx-cmx").jurisdiction == "MX-CMX"
    with pytest.raises(ValidationError, match="ISO 3166-2:MX"):
        _doc(jurisdiction="Guanajuato")


def test_video_links_must_be_web_addresses() -> None:
    with pytest.raises(ValidationError, match="http"):
        VideoLink(url="javascript:alert(1)", platform="x")


def test_content_hash_changes_with_what_a_reader_sees_only() -> None:
    first = _doc(text="uno").with_hash()
    assert first.content_sha256 == _doc(text="uno").with_hash().content_sha256
    assert first.content_sha256 != _doc(text="dos").with_hash().content_sha256
    assert first.content_sha256 != _doc(text="uno", matter="civil").with_hash().content_sha256


def test_a_document_saved_with_the_old_spelling_keeps_its_case_number() -> None:
    saved = _doc().model_dump(mode="json") | {"expediente_normalized": "AR 12/2020"}
    del saved["expediente_normalised"]
    assert Sentencia.model_validate(saved).expediente_normalised == "AR 12/2020"
    assert _doc(expediente_normalised="AR 12/2020").expediente_normalised == "AR 12/2020"
