"""Exports of a search: every matching document as CSV or JSONL, streamed."""
