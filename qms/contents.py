"""The text of an edition's file, for the search: read once, when the file is uploaded.

`read(file, kind)` gives the file's text and what reading it gave (qms.models.ContentState):

- TEXT: the text of a PDF's pages (pypdf), of a DOCX's paragraphs and tables (python-docx), of an
  ODT's or ODS's paragraphs and table cells (odfpy), of an XLSX's cells (openpyxl, read only);
- TRUNCATED: the text up to EDITION_TEXT characters, MAX_PDF_PAGES pages or MAX_CELLS cells;
- NO_TEXT: the file holds no text (a scan saved as PDF, a picture pasted into a document);
- UNREADABLE: a reader failed on it, or a part it would have to parse whole is over MAX_PART.
  One line goes to the log; the person uploading sees a notice on the edition, never an error.

Nothing is run outside Python. An office file's archive is judged first by qms.uploads (its table
of contents, its members' count and ratios); the readers then open only what it let through.
The text keeps one line per paragraph, page or table row, with runs of spaces collapsed and the
characters a database refuses (NUL, lone surrogates) or a page would not show (controls) removed.
"""

import logging
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .models.base import EDITION_TEXT
from .models.documents import ContentState
from .uploads import document_kind

logger = logging.getLogger(__name__)

# A PDF's pages beyond these are not read (the text limit is usually reached long before).
MAX_PDF_PAGES = 2000
# A spreadsheet's cells beyond these (empty ones included) are not read.
MAX_CELLS = 1_000_000
# The XML parts each reader parses whole, into memory: a larger one makes the file UNREADABLE
# (a worksheet is streamed, so its size does not count). 25 MB of XML is thousands of pages.
MAX_PART = 25 * 1024 * 1024
PARSED_PARTS = {
    "docx": ["word/document.xml"],
    "odt": ["content.xml", "styles.xml"],
    "ods": ["content.xml", "styles.xml"],
    "xlsx": ["xl/sharedStrings.xml"],
}


@dataclass(frozen=True)
class Contents:
    text: str
    state: str


class _Unreadable(Exception):
    """A file the readers will not open (the reason is logged)."""


def read(file, kind=None):
    """The text of `file` (an upload, or a file in storage) as Contents. `kind` is its type as
    qms.uploads recognised it; without it, it is recognised here (the archive checked again)."""
    try:
        if kind is None:
            kind = document_kind(file)
        file.seek(0)
        return _collect(READERS[kind](file))
    except ValidationError as error:
        return _unreadable(kind, "not a document file", error.messages[0])
    except _Unreadable as error:
        return _unreadable(kind, str(error), "")
    except Exception as error:  # any reader's failure: the file is kept, found by its title
        return _unreadable(kind, type(error).__name__, str(error))
    finally:
        file.seek(0)


def _unreadable(kind, reason, detail):
    detail = " ".join(detail.split())[:200]  # one line, whatever the reader said
    logger.warning("Edition file not read for the search (%s): %s %s", kind, reason, detail)
    return Contents("", ContentState.UNREADABLE)


# --- Text as it is stored ------------------------------------------------------------------------

# Removed: NUL (PostgreSQL refuses it in text) and lone surrogates (not UTF-8), with the other
# control characters, which no page shows; each becomes a space, except NUL, which joins what
# it split ("Z\x00a" is "Za").
_NOT_TEXT = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_MORE = object()  # yielded by a reader when it stopped before the file's end


def clean(text):
    """One line per line of `text` with its whitespace collapsed; no empty lines, no characters a
    database refuses or a page would not show."""
    text = _NOT_TEXT.sub(" ", text.replace("\x00", ""))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _collect(pieces, limit=EDITION_TEXT):
    """Contents from a reader's pieces of text (pages, paragraphs, rows), one line each, up to
    `limit` characters; the reader is closed as soon as the limit is reached."""
    kept, length, state = [], 0, ContentState.TEXT
    try:
        for piece in pieces:
            if piece is _MORE:
                state = ContentState.TRUNCATED
                break
            # A piece far longer than the room left is cut before it is cleaned (cleaning only
            # shortens it), so that a page of megabytes is never copied whole.
            bound = 2 * (limit - length) + 1000
            line = clean(piece[:bound])
            if not line:
                continue
            separator = 1 if kept else 0
            room = limit - length - separator
            if len(line) > room:
                cut = line[: max(room, 0)]
                boundary = max(cut.rfind(" "), cut.rfind("\n"))
                if room > 0 and not line[room].isspace() and boundary > 0:
                    cut = cut[:boundary]  # no word cut in half
                if cut.strip():
                    kept.append(cut.rstrip())
                state = ContentState.TRUNCATED
                break
            kept.append(line)
            length += separator + len(line)
            if len(piece) > bound:
                state = ContentState.TRUNCATED
                break
    finally:
        close = getattr(pieces, "close", None)
        if close is not None:
            close()
    text = "\n".join(kept)
    if not text and state == ContentState.TEXT:
        state = ContentState.NO_TEXT
    return Contents(text, state)


# --- The readers: each yields the file's text piece by piece -----------------------------------


def _check_parts(file, kind):
    """Refuse an office file whose XML parts parsed whole would take too much memory."""
    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        for name in PARSED_PARTS[kind]:
            try:
                size = archive.getinfo(name).file_size
            except KeyError:
                continue
            if size > MAX_PART:
                raise _Unreadable(f"{name} unpacks to {size} bytes")
    file.seek(0)


def _pdf(file):
    import pypdf

    reader = pypdf.PdfReader(file)
    if reader.is_encrypted:
        reader.decrypt("")  # protected against changes only; a password to open fails below
    for number, page in enumerate(reader.pages):
        if number == MAX_PDF_PAGES:
            yield _MORE
            return
        yield page.extract_text() or ""


def _docx(file):
    import docx
    from docx.table import Table

    _check_parts(file, "docx")
    document = docx.Document(file)

    def blocks(container):
        for block in container.iter_inner_content():
            if isinstance(block, Table):
                yield from rows(block)
            else:
                yield block.text

    def rows(table):
        for row in table.rows:
            cells, seen = [], set()
            for cell in row.cells:
                if cell._tc in seen:  # a merged cell comes back for each column it spans
                    continue
                seen.add(cell._tc)
                cells.append(" ".join(blocks(cell)))
            yield " ".join(cells)

    yield from blocks(document)


_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_PARAGRAPHS = {(_TEXT_NS, "p"), (_TEXT_NS, "h")}
_ROW = (_TABLE_NS, "table-row")
_SPACES = {(_TEXT_NS, "s"), (_TEXT_NS, "tab"), (_TEXT_NS, "line-break")}


def _odf_text(element):
    """The text under an ODF element; a run of spaces (<text:s c="…"/>) counts as one, whatever
    number it claims."""
    parts, stack = [], [element]
    while stack:
        node = stack.pop()
        if node.nodeType == node.TEXT_NODE:
            parts.append(node.data)
        elif node.nodeType == node.ELEMENT_NODE:
            if node.qname in _SPACES or node.qname in _PARAGRAPHS:
                parts.append(" ")  # and a paragraph's text after it, apart from the one before
            if node.qname not in _SPACES:
                stack.extend(reversed(node.childNodes))
    return "".join(parts)


def _odf(file, kind):
    from odf.opendocument import load

    _check_parts(file, kind)
    body = load(file).body
    # Depth first, in document order: a paragraph or a table row is one piece.
    stack = [body]
    while stack:
        node = stack.pop()
        if node.nodeType != node.ELEMENT_NODE:
            continue
        if node.qname in _PARAGRAPHS:
            yield _odf_text(node)
        elif node.qname == _ROW:
            yield " ".join(_odf_text(cell) for cell in node.childNodes)
        else:
            stack.extend(reversed(node.childNodes))


def _xlsx(file):
    import openpyxl

    _check_parts(file, "xlsx")
    workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
    try:
        cells = 0
        for sheet in workbook.worksheets:
            yield sheet.title
            # Rows as the file has them, not padded to the size the sheet claims.
            sheet.reset_dimensions()
            for row in sheet.iter_rows(values_only=True):
                cells += max(len(row), 1)
                if cells > MAX_CELLS:
                    yield _MORE
                    return
                yield " ".join(str(value) for value in row if value is not None)
    finally:
        workbook.close()


READERS = {
    "pdf": _pdf,
    "docx": _docx,
    "odt": lambda file: _odf(file, "odt"),
    "ods": lambda file: _odf(file, "ods"),
    "xlsx": _xlsx,
}
