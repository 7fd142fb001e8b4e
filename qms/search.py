"""Search that speaks Polish: any inflected form, with or without diacritics, in any case.

Indexing (`index`): each word of a text is stored folded (lower case, no diacritics) together with
its lemmas from the morphological dictionary of Polish (morfeusz2, SGJP): "audytu wewnętrznego"
is stored as "audytu audyt wewnetrznego wewnetrzny". A query word is lemmatised the same way
(`Query`), so "audyt wewnetrzny" matches through the lemmas; a word typed without its Polish
letters, which the dictionary does not know, is lemmatised through the vocabulary of indexed words
(qms.models.SearchWord) and by putting Polish letters back (`restored`: "audytem wewnetrznym"
finds "audytu wewnętrznego" though no text holds "wewnętrznym"). Words with digits (codes,
numbers: "PR-0", "14") match as prefixes.

Matching (`matching`): every word of the query matches a stored word. PostgreSQL: a tsquery over
the GIN indexes of migrations 0004 and 0013, kept without statistics by 0014 and built on
qms_words, to_tsvector priced for what it costs, by 0025, so that the planner always takes them
(reading the table would run to_tsvector over every row's words); SQLite:
the same terms matched as whole words in the stored text, without an index (several times slower;
see `manage.py benchmark_search`).

Ranking (`search`): code and title matches in the form typed, then code and title matches in other
forms, then matches in the text only (summaries of changes, the file's contents).
"""

import contextlib
import functools
import html
import itertools
import os
import re
import threading
import unicodedata

from django.db import connection
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.utils.safestring import mark_safe

# Letters that Unicode does not decompose into a base letter and an accent.
_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss"})
# Letters and digits; everything else (hyphens, dots, underscores, colons) separates words.
_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")
# A code: letters, then a separator and letters or digits, once or more, with a digit somewhere:
# "PR-03", "F-08", "AW/2026/02". Stored as one word too ("pr03"), which a code in a query matches
# as a prefix: "PR-0" finds PR-01 to PR-09, not a text that has "pr" and a "0..." apart.
_CODE = re.compile(r"(?<![^\W_])[^\W\d_]{1,6}(?:[-/.][^\W_]+)+(?![^\W_])")
# A query's words beyond these are ignored: a query is a few words, not a paragraph.
MAX_QUERY_WORDS = 10
# Longer "words" are not words (a hash, a run of letters): stored but never lemmatised.
_LONGEST_WORD = 40


def fold(text):
    """Lower case, diacritics removed: 'Księga Jakości' -> 'ksiega jakosci'."""
    text = (text or "").translate(_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text):
    """The words of `text` as written (lower case, diacritics kept)."""
    return _WORD.findall((text or "").lower())


def codes(text):
    """The codes in `text`, each as one folded word: "PR-03 i F-08" -> ["pr03", "f08"]."""
    return [
        "".join(_WORD.findall(fold(match.group())))
        for match in _CODE.finditer(text or "")
        if _DIGIT.search(match.group())
    ]


# --- The dictionary ------------------------------------------------------------------------------

_local = threading.local()


def _morfeusz():
    # Loaded on first use (0.1 s, 60 MB); one per thread, as the library is not thread-safe.
    analyser = getattr(_local, "morfeusz", None)
    if analyser is None:
        import morfeusz2

        analyser = _local.morfeusz = morfeusz2.Morfeusz()
    return analyser


@functools.lru_cache(maxsize=200_000)
def lemmas(word):
    """The dictionary lemmas of a lower-case word, as written ("działań" -> działanie, działać);
    empty for a word the dictionary does not know, a number or a code."""
    if _DIGIT.search(word) or len(word) > _LONGEST_WORD:
        return frozenset()
    return _analyse(word)


def _analyse(word):
    found = set()
    for _start, _end, (_form, lemma, tag, *_rest) in _morfeusz().analyse(word):
        if tag == "ign":  # not in the dictionary
            continue
        lemma = lemma.split(":", 1)[0].lower()  # "wewnętrzny:A" -> "wewnętrzny"
        if _WORD.fullmatch(lemma):
            found.add(lemma)
    return frozenset(found)


# The Polish letters a letter typed without its accent may stand for. Spellings Polish never
# writes are not tried: ć, ń, ś, ź before a vowel (written ci, ni, si, zi), ą or ę first, ó last.
_POLISH = {"a": "ą", "c": "ć", "e": "ę", "l": "ł", "n": "ń", "o": "ó", "s": "ś", "z": "żź"}
_VOWELS = frozenset("aeiouy")
_MOST_RESTORED = 4  # letters put back in one word ("ciagloscia" -> "ciągłością")
_MOST_TRIED = 1000  # spellings looked up for one word: 60 ms at worst, once per word


@functools.lru_cache(maxsize=10_000)
def restored(word):
    """The lemmas of the words that `word`, typed without Polish letters, may be: "wewnetrznym"
    -> wewnętrzny, "czesc" -> część, cześć. For a query word the dictionary does not know, in a
    form no indexed text holds (which the vocabulary would know)."""
    if _DIGIT.search(word) or len(word) > _LONGEST_WORD:
        return frozenset()
    choices = []  # (position, the Polish letters it may hold)
    for position, letter in enumerate(word):
        following = word[position + 1 : position + 2]
        options = [
            polish
            for polish in _POLISH.get(letter, "")
            if not (polish in "ćńśź" and following in _VOWELS)
            and not (polish in "ąę" and position == 0)
            and not (polish == "ó" and not following)
        ]
        if options:
            choices.append((position, options))
    found, tried = set(), 0
    for count in range(1, _MOST_RESTORED + 1):
        for positions in itertools.combinations(choices, count):
            for letters in itertools.product(*(options for _position, options in positions)):
                spelling = list(word)
                for (position, _options), letter in zip(positions, letters, strict=True):
                    spelling[position] = letter
                found |= _analyse("".join(spelling))
                tried += 1
                if tried == _MOST_TRIED:
                    return frozenset(found)
    return frozenset(found)


def index(*parts):
    """The text to store for searching `parts`: each distinct folded word, then its folded lemmas.

    Stored as plain words separated by spaces: PostgreSQL's parser would read "PR-03" as "pr" and
    the signed number "-03", so the text is cut into words here, the same way as the query.
    Words with Polish letters go into the vocabulary, so that they are found typed without them.
    """
    terms, vocabulary = {}, set()
    for part in parts:
        for code in codes(part):
            terms[code] = None
        for word in words(part):
            folded = fold(word)
            terms[folded] = None
            for lemma in sorted(lemmas(word)):  # the same text in every process
                terms[fold(lemma)] = None
                if folded != word:
                    vocabulary.add((folded, lemma))
    if vocabulary:
        pending = getattr(_local, "vocabulary", None)
        if pending is None:
            remember(vocabulary)
        else:
            pending |= vocabulary
    return " ".join(terms)


@contextlib.contextmanager
def vocabulary_kept_for_the_end():
    """In this block, index() gathers the words for the vocabulary and writes them once at the
    end, instead of a query for each record indexed (a bulk writer's thousands of records)."""
    _local.vocabulary = set()
    try:
        yield
        remember(_local.vocabulary)
    finally:
        _local.vocabulary = None


def remember(vocabulary):
    """Add (folded form, lemma) pairs to the vocabulary (those it lacks)."""
    from qms.models import SearchWord

    # Sorted: two transactions adding overlapping words take the unique index's locks in the
    # same order, so neither waits for the other in a cycle (a deadlock on PostgreSQL).
    pairs = [
        SearchWord(form=form, lemma=lemma)
        for form, lemma in sorted(vocabulary)
        if len(form) <= 100 and len(lemma) <= 100
    ]
    SearchWord.objects.bulk_create(pairs, ignore_conflicts=True, batch_size=1000)


# --- The query ---------------------------------------------------------------------------------


def _keep_words(match):
    # A code is taken out of the query's words; a "code" without a digit ("e-Doręczenia") stays.
    return " " if _DIGIT.search(match.group()) else match.group()


class Query:
    """A query cut into words, each with the folded terms it may match: the word itself and its
    lemmas (a word with digits matches as a prefix instead)."""

    def __init__(self, text):
        from qms.models import SearchWord

        self.text = text or ""
        # A code typed whole is one word; the rest of the query is cut into words.
        typed = codes(self.text) + words(_CODE.sub(_keep_words, self.text))
        typed = typed[:MAX_QUERY_WORDS]
        self.words = [fold(word) for word in typed]
        known = {}
        unknown = {fold(word) for word in typed if not lemmas(word) and not _DIGIT.search(word)}
        if unknown:  # one query: the words typed without Polish letters
            for form, lemma in SearchWord.objects.filter(form__in=unknown).values_list(
                "form", "lemma"
            ):
                known.setdefault(form, set()).add(lemma)
        self.alternatives = []  # one set of folded terms per word
        self.prefixes = []  # whether that word matches as a prefix
        self._typed = typed
        self._lemmas = []  # each word's lemmas as written, whose forms the snippets look for
        self._seen = {}  # matches_word's answers, by word
        for word, folded in zip(typed, self.words, strict=True):
            is_prefix = bool(_DIGIT.search(word))
            found = set()
            if not is_prefix:
                found = lemmas(word) | known.get(folded, set())
                if folded in unknown:  # typed without its Polish letters, or not a word at all
                    found |= restored(folded)
            self._lemmas.append(found)
            self.alternatives.append(frozenset({folded} | {fold(lemma) for lemma in found}))
            self.prefixes.append(is_prefix)

    def __bool__(self):
        return bool(self.words)

    def __iter__(self):
        return iter(zip(self.words, self.alternatives, self.prefixes, strict=True))

    def tsquery(self, exact=False):
        """The query for PostgreSQL's to_tsquery: every word, each in any of its forms (only as
        typed when `exact`). Terms are letters and digits only, so nothing needs escaping."""
        groups = []
        for folded, alternatives, is_prefix in self:
            if is_prefix:
                groups.append(f"{folded}:*")
            else:
                terms = [folded] if exact else sorted(alternatives)
                groups.append("(" + " | ".join(terms) + ")")
        return " & ".join(groups)

    def matches_word(self, word):
        """Whether a word of a text (as written) is one of the query's words in some form."""
        seen = self._seen.get(word)
        if seen is None:
            seen = self._seen[word] = self._matches_word(word)
        return seen

    def _matches_word(self, word):
        folded = fold(word)
        candidates = None
        for query_word, alternatives, is_prefix in self:
            if is_prefix:
                if folded.startswith(query_word):
                    return True
                continue
            if folded in alternatives:
                return True
            if candidates is None:
                candidates = {fold(lemma) for lemma in lemmas(word)}
            if candidates & alternatives:
                return True
        return False

    @functools.cached_property
    def _beginnings(self):
        """What every word that matches begins with, as it may be written (lower case,
        capitalised, in capitals, without Polish letters): the word typed, and the beginnings of
        the forms of its lemmas ("skarga" -> "skar", for "skardze" too)."""
        found = set()
        for word, folded, lemma_set in zip(self._typed, self.words, self._lemmas, strict=True):
            found |= {word, folded}
            for lemma in lemma_set:
                found |= _beginnings_of_forms(lemma)
        spellings = set()
        for beginning in found:
            for folded in {beginning, fold(beginning)}:
                spellings |= {folded, folded.capitalize(), folded.upper()}
        shortest = []  # "jakos" finds "jakosci" too
        for spelling in sorted(spellings, key=len):
            if not spelling.startswith(tuple(shortest)):
                shortest.append(spelling)
        return tuple(shortest)

    def locate(self, text):
        """Where the first word of `text` that matches begins, or None. The text is searched for
        the beginnings of the words that may match (str.find, no pass over every word), and
        only the words found there are checked: a page's texts are megabytes."""
        first = None
        for beginning in self._beginnings:
            end = len(text) if first is None else first
            position = text.find(beginning, 0, end)
            while position != -1:
                starts_a_word = not (position and _WORD.match(text, position - 1, position))
                if starts_a_word and self.matches_word(_WORD.match(text, position)[0].lower()):
                    first = position
                    break
                position = text.find(beginning, position + 1, end)
        return first


@functools.lru_cache(maxsize=10_000)
def _beginnings_of_forms(lemma):
    """The beginnings shared by the forms of `lemma` (morfeusz2's generator), lower case: one
    for the forms starting with the same three letters ("być" -> "by", "jest", "są", "będ")."""
    generator = _morfeusz()
    forms = {lemma}
    for spelling in (lemma, lemma.capitalize()):  # a proper name's lemma: "Zabrze"
        try:
            forms |= {form.lower() for form, *_rest in generator.generate(spelling)}
        except RuntimeError:  # not a lemma the generator knows
            continue
    groups = {}
    for form in forms:
        groups.setdefault(form[:3], []).append(form)
    return frozenset(os.path.commonprefix(group) for group in groups.values())


# --- Matching in the database ------------------------------------------------------------------


class TextMatches(Func):
    """PostgreSQL: `field`'s words match a tsquery, in the form the GIN indexes are built on:
    qms_words(field), which is to_tsvector('qms_unaccent', field) priced for the planner (qms
    migration 0025)."""

    output_field = BooleanField()

    def __init__(self, field, tsquery):
        super().__init__(F(field))
        self.tsquery = tsquery

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.get_source_expressions()[0])
        return (
            f"qms_words({column}) @@ to_tsquery('qms_unaccent'::regconfig, %s)",
            (*params, self.tsquery),
        )


def matching(model, query, field="search_text", exact=False):
    """The primary keys of `model`'s rows whose `field` matches every word of `query`."""
    rows = model._base_manager.all()
    if connection.vendor == "postgresql":
        # Collected through the GIN index; as `search` ranks with it, a hashed subplan, built
        # once per query (a DISTINCT here would let the planner prefer a walk of the primary key).
        return rows.filter(TextMatches(field, query.tsquery(exact))).values("pk")
    rows = rows.annotate(_words=Concat(Value(" "), F(field), Value(" "), output_field=TextField()))
    for folded, alternatives, is_prefix in query:
        if is_prefix:
            rows = rows.filter(_words__contains=f" {folded}")
        else:
            terms = [folded] if exact else sorted(alternatives)
            any_form = Q()
            for term in terms:
                any_form |= Q(_words__contains=f" {term} ")
            rows = rows.filter(any_form)
    return rows.values("pk")


def search(queryset, query, field="search_text", title_field=None):
    """The rows of `queryset` that match `query` (a Query or the text typed), best first.

    With a `title_field`, rows are ranked (`search_rank`): 2 when the title and code hold every
    word as typed, 1 when they hold it in some form, 0 when only the text does; each rank in the
    queryset's own order.
    """
    if not isinstance(query, Query):
        query = Query(query)
    if not query:
        return queryset
    model = queryset.model
    if connection.vendor == "postgresql":
        # In the query itself, through the GIN index (which migration 0014 keeps the planner
        # taking): a subquery would read the matching rows twice, a join back by key per row.
        queryset = queryset.filter(TextMatches(field, query.tsquery()))
    else:
        queryset = queryset.filter(pk__in=matching(model, query, field))
    if title_field is None:
        return queryset
    rank = Case(
        When(pk__in=matching(model, query, title_field, exact=True), then=Value(2)),
        When(pk__in=matching(model, query, title_field), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    ordering = queryset.query.order_by or model._meta.ordering
    return queryset.annotate(search_rank=rank).order_by("-search_rank", *ordering)


# --- Snippets ----------------------------------------------------------------------------------

SNIPPET_WORDS = 30


def snippet(text, query, words_around=SNIPPET_WORDS, whole=True):
    """A few lines of `text` around the first word that matches `query`, escaped, with the
    matching words in <mark>; None when no word matches. When `text` is only the beginning of a
    longer text (`whole` false), also None when the lines would run to its end: the caller then
    looks in the whole text."""
    if not text or not query:
        return None
    hit = query.locate(text)
    if hit is None:
        return None
    # Up to a third of the window's words before the hit (at the text's start, fewer).
    wanted, reach, before = words_around // 3, 200, []
    while True:
        low = max(0, hit - reach)
        before = [match.start() for match in _WORD.finditer(text, low, hit)]
        if low and before and before[0] == low and _WORD.match(text, low - 1, low):
            before = before[1:]  # a word cut by the reach
        if len(before) >= wanted or low == 0:
            break
        reach *= 4
    before = before[max(0, len(before) - wanted) :] if wanted else []
    start = before[0] if before else hit
    # The words from the hit on, up to the window's length.
    end, complete = hit, False
    for count, match in enumerate(_WORD.finditer(text, hit)):
        end = match.end()
        if count >= words_around - len(before):
            complete = end < len(text)  # its last word may be cut where the text was
            break
    if not whole and not complete:
        return None
    pieces, cursor = [], start
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if word.startswith(query._beginnings) and query.matches_word(word.lower()):
            pieces.append(html.escape(text[cursor : match.start()]))
            pieces.append(f"<mark>{html.escape(match.group())}</mark>")
            cursor = match.end()
    pieces.append(html.escape(text[cursor:end]))
    body = " ".join("".join(pieces).split())  # the file's line breaks and runs of spaces
    before_mark = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return mark_safe(before_mark + body + after)
