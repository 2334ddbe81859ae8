"""Comparisons of two articles built on their alignment: coverage, framing, tone."""
