"""Rules specific to data/dprk_events.csv: the same as for Mongolia's dated events."""

from validation.suites.mongolia_events import derive, expectations

__all__ = ["derive", "expectations"]
