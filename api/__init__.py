"""The HTTP service: a JSON API (``/v1``), HTML pages for people (``/``), ``/healthz``."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("estado-abierto")
except PackageNotFoundError:  # running from a source checkout
    __version__ = "0.1.0"
