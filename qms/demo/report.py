"""What a demo load added, and what it found already there and left as it was, per record type."""

from collections import Counter

from django.utils import translation


class Report:
    def __init__(self):
        self.added = Counter()
        self.kept = Counter()

    def add(self, model, count=1):
        self.added[model] += count

    def keep(self, model, count=1):
        self.kept[model] += count

    def lines(self):
        lines = [f"Added: {self._describe(self.added) or 'nothing'}."]
        if self.kept:
            lines.append(f"Already there and left as they are: {self._describe(self.kept)}.")
        return lines

    @staticmethod
    def _describe(counts):
        # The command speaks English, whatever the site's language.
        with translation.override("en"):
            return ", ".join(
                f"{n} {model._meta.verbose_name if n == 1 else model._meta.verbose_name_plural}"
                for model, n in counts.items()
                if n
            )
