"""Collections: every event compared on its own, cached and in parallel, then tables by outlet."""
