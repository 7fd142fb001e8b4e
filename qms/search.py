"""Search that ignores case and Polish diacritics: "jakosci" finds "Jakości".

PostgreSQL: full-text search with the qms_unaccent configuration (unaccent + simple, see
migration 0004) and prefix matching, over an index. SQLite: the same folding done by a Python
function registered on each connection, and a substring match per word; enough for the demo.
"""

import re
import unicodedata

from django.db import connection
from django.db.models import BooleanField, F, Func, TextField
from django.db.models.expressions import RawSQL

# Letters that Unicode does not decompose into a base letter and an accent.
_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})


def fold(text):
    """Lower case, diacritics removed: 'Księga Jakości' -> 'ksiega jakosci'."""
    text = (text or "").translate(_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def terms(query):
    return re.findall(r"\w+", fold(query))[:10]


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("qms_fold", 1, fold, deterministic=True)


class Folded(Func):
    function = "qms_fold"
    output_field = TextField()


def search(queryset, query, field="search_text"):
    """Rows of `queryset` whose `field` contains every word of `query` (as a prefix on PG)."""
    words = terms(query)
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        table = queryset.model._meta.db_table
        column = queryset.model._meta.get_field(field).column
        return queryset.filter(
            RawSQL(
                f'to_tsvector(\'qms_unaccent\'::regconfig, "{table}"."{column}") '
                "@@ to_tsquery('qms_unaccent'::regconfig, %s)",
                [" & ".join(f"{word}:*" for word in words)],
                output_field=BooleanField(),
            )
        )
    queryset = queryset.annotate(_folded=Folded(F(field)))
    for word in words:
        queryset = queryset.filter(_folded__contains=word)
    return queryset
