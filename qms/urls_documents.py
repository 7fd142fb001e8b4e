"""URLs of the register of controlled documents (intranet)."""

patterns = []
