"""URLs of internal audits (intranet): checklist."""

patterns = []
