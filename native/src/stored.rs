//! A hit's stored ``payload`` and ``text`` read in place from its doc-store block: the
//! block is decompressed as Tantivy does (and kept in the same small cache per segment),
//! but the two values are found in the document's bytes and borrowed, never deserialized
//! into a ``TantivyDocument`` (which reads the payload one byte at a time, checks and
//! copies the text twice): the calling thread's CPU for a page of 20 hits' payloads and
//! texts fell by some 29%, 9% with their highlights (``bench/stored_fields_ab.py``). A
//! document holding a value of any other kind before them is read the usual way.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use tantivy::directory::OwnedBytes;
use tantivy::error::DataCorruption;
use tantivy::index::SegmentId;
use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher, TantivyDocument, TantivyError};

/// The type codes of Tantivy's stored documents (``schema::document::type_codes``).
const TEXT_CODE: u8 = 0;
const BYTES_CODE: u8 = 4;

/// A hit's stored document: its bytes (a slice of the decompressed block, shared with the
/// cache) and where its first ``payload`` and ``text`` lie in them.
pub struct Stored {
    bytes: OwnedBytes,
    payload: Option<Range<usize>>,
    text: Option<Range<usize>>,
}

impl Stored {
    /// The stored ``payload`` (empty when it has none).
    pub fn payload(&self) -> &[u8] {
        self.payload
            .as_ref()
            .map_or(&[][..], |range| &self.bytes.as_slice()[range.clone()])
    }

    /// The stored ``text``'s bytes (none when it has none), UTF-8 unchecked: Python's
    /// string reads them as they are (and checks them, as it must read them anyway).
    pub fn text_bytes(&self) -> &[u8] {
        self.text
            .as_ref()
            .map_or(&[][..], |range| &self.bytes.as_slice()[range.clone()])
    }

    /// The stored ``text`` ("" when it has none), checked once here: a text Tantivy
    /// stored is UTF-8, bytes that are not are a damaged store.
    pub fn text(&self) -> tantivy::Result<&str> {
        std::str::from_utf8(self.text_bytes()).map_err(|err| {
            TantivyError::DataCorruption(DataCorruption::comment_only(err.to_string()))
        })
    }
}

/// The stored fields read, and each segment's doc-store reader (its cache of decompressed
/// blocks kept from one search to the next, as the searcher's own are).
pub struct StoredFields {
    payload: Field,
    text: Field,
    blocks: usize,
    readers: Mutex<HashMap<SegmentId, Arc<StoreReader>>>,
}

impl StoredFields {
    pub fn new(payload: Field, text: Field, blocks: usize) -> Self {
        StoredFields {
            payload,
            text,
            blocks,
            readers: Mutex::default(),
        }
    }

    /// Keep the readers of ``searcher``'s segments only (those merged away let go; a held
    /// commit's are opened again when it is read).
    pub fn retain(&self, searcher: &Searcher) {
        let live: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|reader| reader.segment_id())
            .collect();
        self.readers
            .lock()
            .unwrap()
            .retain(|segment, _| live.contains(segment));
    }

    fn reader(&self, searcher: &Searcher, segment_ord: u32) -> tantivy::Result<Arc<StoreReader>> {
        let segment = searcher.segment_reader(segment_ord);
        let id = segment.segment_id();
        if let Some(reader) = self.readers.lock().unwrap().get(&id) {
            return Ok(reader.clone());
        }
        let reader = Arc::new(segment.get_store_reader(self.blocks)?);
        self.readers.lock().unwrap().insert(id, reader.clone());
        Ok(reader)
    }

    /// The stored payload and text of the document at ``address`` of ``searcher``.
    pub fn read(&self, searcher: &Searcher, address: DocAddress) -> tantivy::Result<Stored> {
        let bytes = self
            .reader(searcher, address.segment_ord)?
            .get_document_bytes(address.doc_id)?;
        if let Some(stored) = self.find(bytes) {
            return Ok(stored);
        }
        // a value of another kind: Tantivy's own reading
        let doc: TantivyDocument = searcher.doc(address)?;
        let payload = doc.get_first(self.payload).and_then(|v| v.as_bytes());
        let text = doc.get_first(self.text).and_then(|v| v.as_str());
        let mut owned = Vec::new();
        owned.extend_from_slice(payload.unwrap_or_default());
        owned.extend_from_slice(text.unwrap_or_default().as_bytes());
        let split = payload.map_or(0, <[u8]>::len);
        Ok(Stored {
            payload: payload.map(|_| 0..split),
            text: text.map(|_| split..owned.len()),
            bytes: OwnedBytes::new(owned),
        })
    }

    /// The first ``payload`` and ``text`` in a stored document's bytes (a count of values,
    /// then each value's field, type code and value); None: a value that is neither a
    /// text nor bytes, or bytes that are not a document.
    fn find(&self, bytes: OwnedBytes) -> Option<Stored> {
        let data = bytes.as_slice();
        let mut at = 0;
        let values = vint(data, &mut at)?;
        // each field's first value, as ``get_first`` reads it (None if of another kind)
        let (mut payload, mut text) = (None, None);
        let (mut payload_seen, mut text_seen) = (false, false);
        for _ in 0..values {
            let field =
                Field::from_field_id(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?));
            let code = *data.get(at + 4)?;
            at += 5;
            if code != TEXT_CODE && code != BYTES_CODE {
                return None;
            }
            let length = usize::try_from(vint(data, &mut at)?).ok()?;
            let range = at..at.checked_add(length)?;
            data.get(range.clone())?;
            at = range.end;
            if field == self.payload && !payload_seen {
                payload_seen = true;
                payload = (code == BYTES_CODE).then_some(range);
            } else if field == self.text && !text_seen {
                text_seen = true;
                text = (code == TEXT_CODE).then_some(range);
            }
        }
        Some(Stored {
            bytes,
            payload,
            text,
        })
    }
}

/// Tantivy's variable-length integer at ``at`` (seven bits a byte, the last byte's high
/// bit set), ``at`` moved past it.
fn vint(data: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *data.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 != 0 {
            return Some(value);
        }
    }
    None
}
