"""Test-only engines: a real OpenSearch node built from Maven Central jars (see opensearch.py)."""
