"""Ingest: every adapter and every kind of bad input, on files the tests write."""

from __future__ import annotations

import datetime
import gzip
import http.server
import io
import json
import os
import threading
from pathlib import Path
from typing import ClassVar

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sitrep.ingest import Failure, read_sources
from sitrep.ingest.clean import clean_text
from sitrep.ingest.dedup import NearDuplicateIndex, minhash_signature
from sitrep.models import Document

LEDE = (
    "A drone strike hit a weapons depot run by a militia near the airport road on Friday night, "
    "two security officials said, in the third such attack on the group this month."
)
SECOND = (
    "The group said in a statement that two of its fighters were killed and blamed the strike on "
    "foreign aircraft, vowing to respond at a time and place of its choosing."
)
THIRD = (
    "Local residents reported hearing several explosions after midnight, and fire crews worked until "
    "dawn to contain the blaze, according to the civil defence directorate."
)
BODY = f"{LEDE}\n\n{SECOND}\n\n{THIRD}"

ARABIC = (
    "قال مسؤولون أمنيون إن غارة بطائرة مسيرة استهدفت مستودعا للأسلحة تابعا لفصيل مسلح "
    "قرب طريق المطار ليلة الجمعة، مما أسفر عن مقتل اثنين من عناصره."
)

ARTICLE_PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Drone strike hits militia depot | Frontline Wire</title>
<meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Frontline Wire">
<meta property="article:published_time" content="2020-01-03T10:00:00Z">
<link rel="canonical" href="https://frontline.example/2020/depot-strike">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/video">Video</a></li></ul></nav>
<article>
<h1>Drone strike hits militia depot</h1>
<p>{LEDE}</p>
<p>{SECOND}</p>
<p>{THIRD}</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
</article>
<footer><p>Copyright 2019 Frontline Wire. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Frontline Wire</title><link>https://frontline.example/</link><language>en-us</language>
<item>
  <title>Drone strike hits militia depot</title>
  <link>https://frontline.example/2020/depot-strike</link>
  <guid>https://frontline.example/?p=101</guid>
  <pubDate>Fri, 03 Jan 2020 10:00:00 GMT</pubDate>
  <author>desk@frontline.example (Jane Doe)</author>
  <description><![CDATA[<p>A drone strike hit a weapons depot near the airport road.</p>
    <p>Two fighters were killed.</p>]]></description>
</item>
<item>
  <title>Ceasefire talks resume in the capital</title>
  <link>https://frontline.example/2020/talks</link>
  <pubDate>Sat, 04 Jan 2020 08:30:00 GMT</pubDate>
  <description>Negotiators from both sides met again on Saturday morning to discuss prisoner exchanges.</description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Conflict Monitor</title><id>urn:monitor</id><updated>2021-05-02T00:00:00Z</updated>
<entry>
  <title>Shelling reported on the northern front</title>
  <id>urn:monitor:entry:7</id>
  <link href="https://monitor.example/entries/7"/>
  <published>2021-05-01T12:00:00Z</published>
  <updated>2021-05-02T00:00:00Z</updated>
  <author><name>Field Team</name></author>
  <content type="html">&lt;p&gt;Artillery fire struck three villages on the northern front overnight.&lt;/p&gt;
    &lt;p&gt;Nobody was hurt.&lt;/p&gt;</content>
</entry>
</feed>"""


def read(*sources: object, **options: object) -> list[Document | Failure]:
    return list(read_sources([str(source) for source in sources], **options))


def documents(items: list[Document | Failure]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def failures(items: list[Document | Failure]) -> list[Failure]:
    return [item for item in items if isinstance(item, Failure)]


def only_document(items: list[Document | Failure]) -> Document:
    assert failures(items) == []
    [document] = items
    return document


def only_failure(items: list[Document | Failure]) -> Failure:
    [failure] = items
    assert isinstance(failure, Failure)
    return failure


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --- plain text -----------------------------------------------------------------


def test_text_file_gives_title_date_and_body(tmp_path: Path) -> None:
    text = f"Drone strike hits militia depot\n\nPublished: 3 January 2020\n\n{BODY}\n"
    path = write(tmp_path / "depot-strike.txt", text)

    document = only_document(read(path))

    assert document.doc_id == "depot-strike"
    assert document.title == "Drone strike hits militia depot"
    assert document.published == "2020-01-03"
    assert document.fmt == "txt"
    assert document.source == str(path)
    assert document.language == "en"
    assert "Published" not in document.text
    assert LEDE in document.text and THIRD in document.text


def test_dateline_at_the_top_gives_the_date(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.txt", f"BAGHDAD, Jan. 3, 2020 (Reuters) - {LEDE}\n\n{SECOND}")

    document = only_document(read(path))

    assert document.published == "2020-01-03"
    assert document.text.startswith("BAGHDAD, Jan. 3, 2020 (Reuters) - A drone strike")


def test_month_only_date_keeps_its_precision(tmp_path: Path) -> None:
    path = write(tmp_path / "monthly.txt", f"Monthly front-line summary\n\nMarch 2016\n\n{BODY}")

    assert only_document(read(path)).published == "2016-03"


def test_text_without_a_date_gets_none_not_today(tmp_path: Path) -> None:
    path = write(tmp_path / "undated.txt", f"Drone strike hits militia depot\n\nPosted: today\n\n{BODY}")

    document = only_document(read(path))

    assert document.published is None
    assert document.published != datetime.date.today().isoformat()


def test_first_line_is_a_title_only_when_short_and_followed_by_a_blank_line(tmp_path: Path) -> None:
    no_blank = write(tmp_path / "a.txt", f"Drone strike hits militia depot\n{BODY}")
    long_line = write(tmp_path / "b.txt", f"{LEDE} {SECOND}\n\n{THIRD}")

    assert [document.title for document in documents(read(no_blank, long_line))] == [None, None]


def test_directory_is_read_recursively_skipping_hidden_and_readme_files(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"First report\n\n{LEDE}")
    write(tmp_path / "sub" / "deeper" / "b.txt", f"Second report\n\n{SECOND}")
    write(tmp_path / "sub" / "c.html", ARTICLE_PAGE)
    write(tmp_path / "sub" / "d.jsonl", json.dumps({"id": "d1", "text": THIRD}) + "\n")
    write(tmp_path / "feeds" / "wire.rss", RSS)
    write(tmp_path / ".hidden.txt", LEDE)
    write(tmp_path / ".cache" / "e.txt", LEDE)
    write(tmp_path / "README.md", "How this folder is organised.")
    write(tmp_path / "notes.csv", "a,b\n1,2\n")

    items = read(tmp_path)

    assert failures(items) == []
    assert [document.doc_id for document in items] == [
        "a",
        "frontline-example-p-101",
        "frontline-example-2020-talks",
        "c",
        "d1",
        "b",
    ]


# --- cleaner --------------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "Share this article",
        "Share on Facebook",
        "• Share on WhatsApp",
        "Follow us on Twitter",
        "SEE ALSO: Militia leader vows revenge after strike",
        "READ MORE: Inside the group's drone programme",
        "Related: Ceasefire talks resume in the capital",
        "Tags: Iraq, militias, drones",
    ],
)
def test_cleaner_removes_furniture_lines(furniture: str) -> None:
    assert clean_text(f"{LEDE}\n{furniture}\n{SECOND}") == f"{LEDE}\n{SECOND}"


@pytest.mark.parametrize("marker", ["Comments", "12 comments", "Leave a comment", "Comments (4)"])
def test_cleaner_cuts_a_trailing_comments_section(marker: str) -> None:
    text = f"{LEDE}\n\n{SECOND}\n\n{marker}\nreader42: This is propaganda.\nanon: Source?"

    assert clean_text(text) == f"{LEDE}\n\n{SECOND}"


def test_cleaner_keeps_sentences_that_mention_sharing_or_comments() -> None:
    text = (
        "The two factions share control of the border crossing.\n"
        "Officials declined to share casualty figures.\n"
        "The ministry did not respond to requests for comment.\n"
        "Related clashes were reported in the south."
    )

    assert clean_text(text) == text


def test_furniture_is_removed_from_text_files(tmp_path: Path) -> None:
    path = write(
        tmp_path / "furniture.txt",
        f"Drone strike hits militia depot\n\nShare this article\n{LEDE}\nSEE ALSO: Talks resume\n"
        f"{SECOND}\nTags: Iraq, drones\n\n3 comments\nreader: fake news",
    )

    document = only_document(read(path))

    assert document.text == f"Drone strike hits militia depot\n\n{LEDE}\n{SECOND}"


# --- HTML -----------------------------------------------------------------------


def test_html_page_loses_boilerplate_and_keeps_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "depot.html", ARTICLE_PAGE)

    document = only_document(read(path))

    assert document.doc_id == "depot"
    assert document.fmt == "html"
    assert document.title == "Drone strike hits militia depot"
    assert document.author == "Jane Doe"
    assert document.publisher == "Frontline Wire"
    assert document.published == "2020-01-03"
    assert document.url == "https://frontline.example/2020/depot-strike"
    assert document.language == "en"
    assert f"{LEDE}\n{SECOND}\n{THIRD}" in document.text
    for boilerplate in ("Home", "Video", "Share on", "Copyright", "Privacy"):
        assert boilerplate not in document.text


def test_html_page_without_a_date_does_not_get_one_from_its_footer(tmp_path: Path) -> None:
    page = ARTICLE_PAGE.replace('<meta property="article:published_time" content="2020-01-03T10:00:00Z">', "")
    path = write(tmp_path / "undated.html", page)

    assert only_document(read(path)).published is None


@pytest.mark.parametrize(
    "markup",
    [
        f"<html><body><div><p>{LEDE}<p><b>{SECOND}</div></span><td>",
        f"<p>{LEDE}<p><b>{SECOND}</i><script>track()</script>",
    ],
    ids=["unclosed-tags", "fragment-without-page"],
)
def test_malformed_html_still_gives_its_text(tmp_path: Path, markup: str) -> None:
    path = write(tmp_path / "broken.html", markup)

    document = only_document(read(path))

    assert "A drone strike hit a weapons depot" in document.text
    assert "vowing to respond" in document.text
    assert "track()" not in document.text


def test_html_without_article_text_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "shell.html", "<html><head><script>var x = 1;</script></head><body><</body>")

    assert only_failure(read(path)) == Failure(str(path), "no article text found")


# --- feeds ----------------------------------------------------------------------


def test_rss_file_gives_one_document_per_item(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.rss", RSS)

    first, second = documents(read(path))

    assert first.title == "Drone strike hits militia depot"
    assert first.url == "https://frontline.example/2020/depot-strike"
    assert first.published == "2020-01-03"
    assert first.publisher == "Frontline Wire"
    assert first.author and "Jane Doe" in first.author
    assert first.language == "en"
    assert first.fmt == "feed"
    assert first.text == "A drone strike hit a weapons depot near the airport road.\nTwo fighters were killed."
    assert first.doc_id == "frontline-example-p-101"
    assert second.doc_id == "frontline-example-2020-talks"
    assert second.published == "2020-01-04"


def test_atom_file_gives_entries_with_content(tmp_path: Path) -> None:
    path = write(tmp_path / "monitor.atom", ATOM)

    document = only_document(read(path))

    assert document.title == "Shelling reported on the northern front"
    assert document.url == "https://monitor.example/entries/7"
    assert document.published == "2021-05-01"
    assert document.author == "Field Team"
    assert document.publisher == "Conflict Monitor"
    assert document.text.splitlines() == [
        "Artillery fire struck three villages on the northern front overnight.",
        "Nobody was hurt.",
    ]


def test_feed_entry_without_text_is_a_failure_and_the_others_are_read(tmp_path: Path) -> None:
    empty_item = "<item><title>Photo gallery</title><link>https://frontline.example/gallery</link></item>"
    path = write(tmp_path / "wire.rss", RSS.replace("</channel>", f"{empty_item}</channel>"))

    items = read(path)

    assert len(documents(items)) == 2
    assert failures(items) == [Failure(f"{path}#https://frontline.example/gallery", "no article text found")]


def test_xml_file_that_is_not_a_feed_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "config.xml", '<?xml version="1.0"?><settings><colour>red</colour></settings>')

    assert only_failure(read(path)).reason == "not an RSS/Atom feed"


# --- URLs -----------------------------------------------------------------------


class _Pages(http.server.BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {
        "/feed": ("application/rss+xml", RSS.encode()),
        "/article": ("text/html; charset=utf-8", ARTICLE_PAGE.encode()),
    }

    def do_GET(self) -> None:
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        content_type, body = self.pages.get(self.path, ("text/plain", b"not found"))
        self.send_response(200 if self.path in self.pages else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local test servers must be reached directly, whatever the environment says."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def test_feed_url_is_fetched_when_private_addresses_are_allowed(local_server: str) -> None:
    items = read(f"{local_server}/feed", allow_private=True)

    assert failures(items) == []
    assert [document.title for document in items] == [
        "Drone strike hits militia depot",
        "Ceasefire talks resume in the capital",
    ]
    assert items[0].source == f"{local_server}/feed#https://frontline.example/?p=101"


def test_html_url_is_read_as_an_article(local_server: str) -> None:
    document = only_document(read(f"{local_server}/article", allow_private=True))

    assert document.fmt == "url"
    assert document.title == "Drone strike hits militia depot"
    assert document.url == "https://frontline.example/2020/depot-strike"
    assert "Share on" not in document.text


def test_redirect_is_followed(local_server: str) -> None:
    document = only_document(read(f"{local_server}/moved", allow_private=True))

    assert document.title == "Drone strike hits militia depot"
    assert document.source == f"{local_server}/moved"


def test_private_address_is_refused_by_default(local_server: str) -> None:
    url = f"{local_server}/feed"

    failure = only_failure(read(url))

    assert failure.item == url
    assert "private address" in failure.reason


def test_url_response_over_the_size_limit_is_a_failure(local_server: str) -> None:
    failure = only_failure(read(f"{local_server}/article", allow_private=True, max_bytes=500))

    assert failure.reason.startswith("too large")


def test_http_error_status_is_a_failure(local_server: str) -> None:
    assert only_failure(read(f"{local_server}/missing", allow_private=True)).reason.startswith("HTTP 404")


def test_unsupported_url_scheme_is_a_failure() -> None:
    assert only_failure(read("ftp://files.example/report.txt")).reason == "unsupported URL scheme: ftp"


# --- JSON Lines -----------------------------------------------------------------


def test_jsonl_reads_good_lines_and_names_bad_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "r1",
                "title": "Depot strike",
                "text": LEDE,
                "url": "https://a.example/1",
                "published": "2020-01-03T10:00:00Z",
                "publisher": "Frontline Wire",
            }
        ),
        "{not json",
        json.dumps({"title": "No id here", "text": SECOND}),
        "",
        json.dumps({"id": "r2", "html": ARTICLE_PAGE, "publisher": "Mirror Site"}),
        json.dumps({"id": "r3"}),
    ]
    path = write(tmp_path / "dump.jsonl", "\n".join(lines) + "\n")

    items = read(path)

    first, second = documents(items)
    assert (first.doc_id, first.title, first.published, first.publisher, first.fmt) == (
        "r1",
        "Depot strike",
        "2020-01-03",
        "Frontline Wire",
        "jsonl",
    )
    assert first.text == LEDE
    assert first.source == f"{path}:1"
    assert second.doc_id == "r2"
    assert second.publisher == "Mirror Site"
    assert second.title == "Drone strike hits militia depot"
    assert "Share on" not in second.text
    assert [(failure.item, failure.reason.split(" (")[0]) for failure in failures(items)] == [
        (f"{path}:2", "not JSON"),
        (f"{path}:3", "missing id"),
        (f"{path}:6", "missing text"),
    ]


# --- WARC -----------------------------------------------------------------------


def _write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for uri, content_type, body in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)


def test_warc_html_responses_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(
        path,
        [
            ("https://frontline.example/2020/depot-strike", "text/html; charset=utf-8", ARTICLE_PAGE.encode()),
            ("https://frontline.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ],
    )

    document = only_document(read(path))

    assert document.fmt == "warc"
    assert document.url == "https://frontline.example/2020/depot-strike"
    assert document.doc_id == "frontline-example-2020-depot-strike"
    assert document.source == f"{path}#https://frontline.example/2020/depot-strike"
    assert LEDE in document.text


def test_file_that_is_not_a_warc_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "fake.warc", "this is not an archive\n")

    assert only_failure(read(path)).reason.startswith("not a readable WARC file")


# --- near duplicates ------------------------------------------------------------


def test_repost_is_found_and_a_different_article_on_the_same_event_is_not() -> None:
    original = f"Drone strike hits militia depot\n\n{BODY}"
    repost = (
        f"Militia arms depot struck by drone\n\n{BODY}".replace("Friday night", "Friday evening")
        .replace("two security officials", "two Iraqi security officials")
        .replace("blaze", "fire")
    )
    same_event = (
        "Two fighters of the militia were killed when an unmanned aircraft struck a depot near the "
        "airport road late on Friday, the group said on Saturday. Officials said the strike was the "
        "third on the group this month. Fire crews and civil defence teams worked until dawn, and "
        "residents said they heard several explosions after midnight. The group blamed foreign aircraft."
    )
    index = NearDuplicateIndex([("original", minhash_signature(original))])

    assert index.query(minhash_signature(repost)) == ["original"]
    assert index.query(minhash_signature(same_event)) == []


def test_index_is_rebuilt_from_stored_signatures() -> None:
    stored = [("a", minhash_signature(BODY)), ("b", minhash_signature(ARABIC))]

    index = NearDuplicateIndex(stored)
    index.add("a", stored[0][1])

    assert len(index) == 2
    assert index.query(bytes(stored[1][1])) == ["b"]


# --- bad input ------------------------------------------------------------------


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a file with mode 000")
def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", BODY)
    path.chmod(0)
    try:
        assert only_failure(read(path)).reason == "cannot read: Permission denied"
    finally:
        path.chmod(0o644)


def test_broken_link_in_a_directory_is_a_failure(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted-target.txt")

    failure = only_failure(read(tmp_path))

    assert failure.item == str(tmp_path / "gone.txt")
    assert failure.reason.startswith("cannot read")


def test_named_pipe_is_refused_instead_of_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")

    assert only_failure(read(tmp_path)) == Failure(str(tmp_path / "pipe.txt"), "not a regular file")


def test_binary_data_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(gzip.compress(BODY.encode()) + b"\x00\x01\x02")

    assert only_failure(read(path)).reason == "binary data, not text"


def test_cp1256_arabic_text_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "arabic.txt", f"غارة على مستودع أسلحة\n\n{ARABIC}", encoding="cp1256")

    document = only_document(read(path))

    assert document.title == "غارة على مستودع أسلحة"
    assert document.text.endswith(ARABIC)
    assert document.language == "ar"


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "utf16.txt", f"Drone strike hits militia depot\n\n{LEDE}", encoding="utf-16")

    document = only_document(read(path))

    assert document.title == "Drone strike hits militia depot"
    assert LEDE in document.text


def test_utf8_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", f"Drone strike hits militia depot\n\n{LEDE}", encoding="utf-8-sig")

    assert only_document(read(path)).title == "Drone strike hits militia depot"


@pytest.mark.parametrize("content", ["", "  \n\n "])
def test_empty_file_is_a_failure(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "empty.txt", content)

    assert only_failure(read(path)) == Failure(str(path), "empty")


def test_file_over_the_size_limit_is_a_failure_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(50_000_000)

    failure = only_failure(read(path))

    assert failure.reason == "too large: 50000000 bytes > 20000000"


def test_missing_path_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"

    assert only_failure(read(path)) == Failure(str(path), "cannot read: No such file or directory")


def test_one_bad_file_in_a_directory_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", f"First report\n\n{LEDE}")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    write(tmp_path / "c.xml", "<settings/>")
    write(tmp_path / "d.txt", f"Second report\n\n{SECOND}")

    items = read(tmp_path)

    assert [item.doc_id for item in documents(items)] == ["a", "d"]
    assert [(Path(failure.item).name, failure.reason) for failure in failures(items)] == [
        ("b.txt", "binary data, not text"),
        ("c.xml", "not an RSS/Atom feed"),
    ]
