"""URLs of internal audits (intranet): programme."""

patterns = []
