"""URLs of the process register, map and cards, and of the organisational units (intranet)."""

patterns = []
