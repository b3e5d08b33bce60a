"""/feed.atom: newly published verdicts and corrections, as a valid Atom (RFC 4287) feed.

No Atom validator is installed (the W3C one is a web service), so `atom_problems` checks the
RFC's rules for what the feed uses: the namespace, exactly one id, title and updated on the feed
and each entry, an author for every entry, RFC 3339 dates, absolute IRIs as ids, an alternate
link on every entry without content, and unique entry ids."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET

import httpx
import pytest
from datasette.app import Datasette

from public_fixtures import A_GROWTH, A_MARKET, A_TOPS, INTERNAL_NOTE, PENDING_EXPLANATION

# The newsroom fixtures (newsroom_db, newsroom_ds).
pytest_plugins = ["public_fixtures"]

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$")


def _one(parent: ET.Element, name: str, where: str, found: list[str]) -> ET.Element | None:
    children = parent.findall(f"{ATOM}{name}")
    if len(children) != 1:
        found.append(f"{where}: {len(children)} atom:{name}, not one")
        return None
    return children[0]


def _common(element: ET.Element, where: str, found: list[str]) -> None:
    identity = _one(element, "id", where, found)
    if identity is not None and not IRI.match(identity.text or ""):
        found.append(f"{where}: id {identity.text!r} is not an absolute IRI")
    title = _one(element, "title", where, found)
    if title is not None and not (title.text or "").strip():
        found.append(f"{where}: empty title")
    updated = _one(element, "updated", where, found)
    if updated is not None and not RFC3339.match(updated.text or ""):
        found.append(f"{where}: updated {updated.text!r} is not an RFC 3339 date-time")
    for link in element.findall(f"{ATOM}link"):
        if not link.get("href"):
            found.append(f"{where}: a link without href")


def atom_problems(document: bytes) -> list[str]:
    found: list[str] = []
    feed = ET.fromstring(document)
    if feed.tag != f"{ATOM}feed":
        return [f"root is {feed.tag}, not atom:feed"]
    _common(feed, "feed", found)
    feed_author = feed.find(f"{ATOM}author")
    if feed_author is not None and feed_author.find(f"{ATOM}name") is None:
        found.append("feed: author without a name")
    if not any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link")):
        found.append("feed: no rel=self link")
    ids = []
    for number, entry in enumerate(feed.findall(f"{ATOM}entry"), start=1):
        where = f"entry {number}"
        _common(entry, where, found)
        ids.append(entry.findtext(f"{ATOM}id"))
        if feed_author is None and entry.find(f"{ATOM}author") is None:
            found.append(f"{where}: no author, and the feed has none")
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if entry.find(f"{ATOM}content") is None and not alternates:
            found.append(f"{where}: neither content nor an alternate link")
        published = entry.findtext(f"{ATOM}published")
        if published is not None and not RFC3339.match(published):
            found.append(f"{where}: published {published!r} is not RFC 3339")
        summary = entry.find(f"{ATOM}summary")
        if summary is not None and summary.get("type", "text") not in ("text", "html", "xhtml"):
            found.append(f"{where}: summary type {summary.get('type')!r}")
    if len(set(ids)) != len(ids):
        found.append("entry ids are not unique")
    return found


@pytest.fixture
async def feed(newsroom_ds: Datasette) -> httpx.Response:
    response: httpx.Response = await newsroom_ds.client.get("/feed.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    return response


def test_the_checker_finds_what_atom_forbids() -> None:
    broken = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title><updated>2023-06-21</updated>'
        b"<entry><id>not an iri</id><title>t</title><updated>2023-06-21T10:00:00Z</updated></entry>"
        b"</feed>"
    )
    found = atom_problems(broken)
    assert "feed: 0 atom:id, not one" in found
    assert "feed: updated '2023-06-21' is not an RFC 3339 date-time" in found
    assert "entry 1: id 'not an iri' is not an absolute IRI" in found
    assert "entry 1: no author, and the feed has none" in found
    assert "entry 1: neither content nor an alternate link" in found


def test_the_feed_is_valid_atom(feed: httpx.Response) -> None:
    assert atom_problems(feed.content) == []


def entries(feed: httpx.Response) -> list[ET.Element]:
    return ET.fromstring(feed.content).findall(f"{ATOM}entry")


def test_the_feed_has_each_published_verdict_and_correction(feed: httpx.Response) -> None:
    titles = [entry.findtext(f"{ATOM}title") or "" for entry in entries(feed)]
    # Seven published verdicts, of which A_GROWTH's second is listed as the correction that
    # says why, and one corrected field.
    assert len(titles) == 8
    assert sum(title.startswith("更正 Correction") for title in titles) == 2
    assert any("正確 Correct → 誤導 Misleading" in title for title in titles)


def test_entries_link_to_their_claim_pages(feed: httpx.Response) -> None:
    links = {
        entry.find(f"{ATOM}link").get("href")  # type: ignore[union-attr]
        for entry in entries(feed)
    }
    for claim in (A_MARKET, A_GROWTH, A_TOPS):
        assert f"https://claimdesk.example.org/claim/{claim.id}" in links


def test_entries_are_newest_first(feed: httpx.Response) -> None:
    updated = [entry.findtext(f"{ATOM}updated") or "" for entry in entries(feed)]
    assert updated == sorted(updated, reverse=True)
    assert ET.fromstring(feed.content).findtext(f"{ATOM}updated") == updated[0]


def test_the_feed_holds_nothing_unpublished(feed: httpx.Response) -> None:
    assert INTERNAL_NOTE not in feed.text
    assert PENDING_EXPLANATION not in feed.text


async def test_pages_announce_the_feed(newsroom_ds: Datasette) -> None:
    html = (await newsroom_ds.client.get("/")).text
    assert '<link rel="alternate" type="application/atom+xml" href="/feed.atom"' in html


def test_an_empty_feed_is_the_same_at_every_request() -> None:
    """Its `updated` was the time of the request: two readers got two bodies under one ETag."""
    from claimdesk.publish.claimreview import Publisher
    from claimdesk.web.public.feed import atom_feed
    from conftest import load_yaml

    publisher = Publisher.from_settings(load_yaml("datasette.yaml")["plugins"]["claimdesk"])
    first = atom_feed([], publisher)
    time.sleep(1.1)
    assert atom_feed([], publisher) == first
    assert ET.fromstring(first).findtext(f"{ATOM}updated") == "1970-01-01T00:00:00Z"
