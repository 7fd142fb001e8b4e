"""URLs of internal audits (intranet): findings."""

patterns = []
