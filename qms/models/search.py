"""The search's vocabulary: which dictionary words a word typed without Polish letters stands for.

The morphological dictionary (morfeusz2) knows "działania" but not "dzialania", which is how many
people type. Each word with Polish letters that the search indexes is kept here folded, with its
lemmas ("dzialania" -> "działanie", "działać"), so that a query without diacritics is lemmatised as
well as one with them (qms.search). Derived data: rebuilt by `manage.py reindex_search`.
"""

from django.db import models


class SearchWord(models.Model):
    form = models.CharField(max_length=100)
    lemma = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form", "lemma"], name="qms_searchword_unique"),
        ]

    def __str__(self):
        return f"{self.form} -> {self.lemma}"
