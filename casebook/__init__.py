"""Validated data and charts for the case-study chapters.

``import casebook`` in a chapter's setup cell enables the site's chart theme and
the offline Vega renderer; then ``casebook.datasets.load(name)`` gives a
validated frame and ``casebook.charts`` builds the figures.
"""

from casebook import charts, datasets, helsinki, mongolia, tables, theme, upr, vega

vega.enable()

__all__ = ["charts", "datasets", "helsinki", "mongolia", "tables", "theme", "upr", "vega"]
