//! The analysers of ``indexer.analysis`` (``_builder``) built in one place, for every part
//! of the extension that must cut and fold words exactly as the index does.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer,
    TextAnalyzer,
};

/// Tokens of this many bytes or more are dropped by the analysers (``MAX_TOKEN_CHARS``).
pub(crate) const MAX_TOKEN_BYTES: usize = 40;

/// Tantivy's simple tokenizer, long tokens removed, lowercased, accents folded; with
/// ``stem``, Spanish stems (``STEMMED``), without, ``FOLDED``.
pub(crate) fn analyzer(stem: bool) -> TextAnalyzer {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter);
    if stem {
        builder.filter(Stemmer::new(Language::Spanish)).build()
    } else {
        builder.build()
    }
}
