"""The bulk dataset: every published document, a gzipped JSONL file per kind, and a
catalog that says what each file holds."""

from indexer.dump.write import DumpReport, write_dump

__all__ = ["DumpReport", "write_dump"]
