"""Validated data and charts for the case-study chapters, and the machinery that builds
the site from them.

A chapter's setup cell imports what it uses: ``casebook.datasets.load(name)`` gives a
validated frame and ``casebook.charts`` builds the figures (importing it enables the
site's chart theme and the offline Vega renderer). Nothing is imported here, so the
build's quick checks (``--if-stale``) do not load pandas and Altair.
"""
