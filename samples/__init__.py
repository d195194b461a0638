"""Bundled sample sites (state congress, judiciary, streaming platform) for demos and tests.

Entry points: ``samples.generate.generate(out_dir, seed) -> Manifest`` and
``samples.server.serve(root, host, port) -> SampleServer``; see ``samples/README.md``.
(Nothing is re-exported here so that ``python -m samples.generate`` runs without import warnings.)
"""
