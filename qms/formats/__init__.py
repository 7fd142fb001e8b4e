"""How dates are written in each language of the portal (settings.FORMAT_MODULE_PATH).

Only the display formats are set here; everything else (input formats, number separators)
comes from Django's own locale modules.
"""
