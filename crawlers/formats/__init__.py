"""Parsers of the formats sources publish in (feeds, sitemaps, embedded players): pure
functions from bytes to records, used by the spiders and tested on their own."""
