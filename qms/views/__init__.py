"""The intranet's and the public site's views, one module per topic (see qms/urls.py)."""
