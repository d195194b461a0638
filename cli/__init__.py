"""The ``abierto`` command line: it sits on top of all four layers."""
