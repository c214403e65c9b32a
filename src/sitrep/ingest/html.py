"""HTML pages: trafilatura removes the boilerplate and reads the metadata."""

from __future__ import annotations

import lxml.html
from lxml.etree import ParserError
from trafilatura import bare_extraction, load_html

from sitrep.ingest.base import ItemError, build_document
from sitrep.models import Document

# htmldate's extensive search guesses from any date-like text on the page (a
# "Copyright 2020" footer becomes 2020-01-01); no date beats an invented one.
DATE_SEARCH = {"extensive_search": False, "original_date": True}
HIDDEN_TAGS = ("script", "style", "noscript", "template")
BLOCK_TAGS = ("p", "div", "br", "li", "tr", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6")


def parse_html(markup: str, *, doc_id: str, source: str, fmt: str = "html", url: str | None = None) -> Document:
    return build_document(doc_id=doc_id, source=source, fmt=fmt, **extract_page(markup, url=url))


def extract_page(markup: str, *, url: str | None = None) -> dict[str, str | None]:
    """Article text and metadata of one page; the url is the page's canonical
    link when it has one, else the given url."""
    tree = load_html(markup)
    if tree is None:  # trafilatura reads whole pages only; a fragment still has text
        return {"text": fragment_to_text(markup)}
    declared_language = tree.get("lang")
    page = bare_extraction(
        tree, url=url, with_metadata=True, include_comments=False, date_extraction_params=DATE_SEARCH
    )
    if page is None or not page.text:
        raise ItemError("no article text found")
    return {
        "text": page.text,
        "title": page.title,
        "url": page.url or url,
        "publisher": page.sitename,
        "author": page.author,
        "published": page.date,
        "language": page.language or declared_language,
    }


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content), one line per block.

    trafilatura is built for whole pages and drops fragments, so this uses
    lxml directly.
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):  # empty, or a str with an encoding declaration
        return ""
    for element in list(root.iter(*HIDDEN_TAGS)):
        element.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
