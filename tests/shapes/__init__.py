"""Fixture sites in the shapes real sources have, served on 127.0.0.1 and crawled by
the real spiders; what must be extracted is saved beside them as expected JSON."""
