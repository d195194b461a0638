"""Settings (environment variables) and source specs: the bottom layer, imported by all."""
