"""Scrapy spiders by source shape, reading source specs; item pipelines into the library."""
