"""The machinery that makes the site: the build, its checks on what it publishes, the Data
pages, citations, tables and source notes, and the chart and explorer runtimes' Python side.
The cases themselves live one level up (casebook.mongolia, casebook.dprk, ...)."""
