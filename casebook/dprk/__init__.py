"""The DPRK in the UN Universal Periodic Review: the cycles' figures (upr) and the
recommendations one by one (recommendations), each with its charts."""
