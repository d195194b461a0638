"""The Spanish legal readers: what a published string or text says, as controlled values.

Dates, case numbers (expedientes), courts, judgments, sessions, legislatures, videos and
signature blocks are read here, and each reader leaves a field empty when it is unsure;
the rest of ``indexer`` keeps documents (model, database, stores, archive, library).
"""
