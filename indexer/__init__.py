"""Text extraction, normalisation, the document model and the stores."""
