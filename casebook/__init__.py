"""Validated data and charts for the case-study chapters, and the machinery that builds
the site from them.

- ``casebook.datasets``: validated frames (``load(name)``);
- one module per case, holding its data shaping and its charts: ``casebook.mongolia``,
  ``casebook.helsinki``, ``casebook.comparison``, and the package ``casebook.dprk``
  (``upr`` for the cycles' figures, ``recommendations`` for the rows, ``model`` for the
  models of the answers, ``reviewer`` for the DPRK's own recommendations); ``casebook.democracy``
  for the V-Dem index they share;
- ``casebook.theme``, the one chart theme, and ``casebook.charts``, what every chart shares
  (importing it enables the offline Vega renderer);
- ``casebook.site``: the build and everything else that makes pages (Data pages, citations,
  tables and source notes, provenance, the explorer).

Nothing is imported here, so the build's quick checks (``--if-stale``) do not load pandas
and Altair.
"""
