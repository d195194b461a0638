"""The bulk dataset: every published document, a gzipped JSONL file and a Parquet file
per kind, daily deltas (changes and removals), and a catalog that says what each file
holds."""

from indexer.dump.write import KEEP_DAYS, DeltaReport, DumpBusy, DumpReport, write_dump

__all__ = ["KEEP_DAYS", "DeltaReport", "DumpBusy", "DumpReport", "write_dump"]
