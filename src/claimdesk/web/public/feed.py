"""The Atom feed (RFC 4287) of newly published verdicts and corrections.

Built with ElementTree, so that every value is escaped and the document is well-formed
whatever an article or an explanation holds. Each entry's id is its review event's UUID, which
never changes, so a feed reader never shows an entry twice.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

from claimdesk.publish.claimreview import Publisher, claim_path
from claimdesk.web.public.figures import verdict_label

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_PATH = "/feed.atom"
CONTENT_TYPE = "application/atom+xml; charset=utf-8"
TITLE = "查核結果與更正 Verdicts and corrections"

# Characters XML 1.0 does not allow in a document at all, escaped or not: one control character
# in an approved explanation made the whole feed unreadable to every feed reader.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("", ATOM)


def entry_title(entry: Mapping[str, Any]) -> str:
    """What changed, in words: the verdict, or the correction, and the figure it is about."""
    figure = f"{entry['text']}（{entry['article_title']}）"
    if entry["entry"] == "verdict":
        return f"查核結果 Verdict: {verdict_label(entry['to_value'])} · {figure}"
    if entry["field"] == "verdict":
        was, now = verdict_label(entry["from_value"]), verdict_label(entry["to_value"])
        return f"更正 Correction: {was} → {now} · {figure}"
    return (
        f"更正 Correction: {entry['field']} {entry['from_value'] or '—'} → "
        f"{entry['to_value'] or '—'} · {figure}"
    )


def entry_summary(entry: Mapping[str, Any]) -> str:
    """The explanation or the reason, then the sentence the figure is in."""
    if entry["entry"] == "verdict":
        said = [
            entry[column]
            for column in ("explanation_zh_hant", "explanation_zh_hans", "explanation_en")
            if entry.get(column)
        ]
    else:
        said = [entry["reason"]] if entry.get("reason") else []
    return "\n".join([*said, f"「{entry['sentence']}」"])


def atom_feed(entries: Sequence[Mapping[str, Any]], publisher: Publisher) -> bytes:
    """The feed document; `entries` are RECENT_SQL rows, newest first."""
    updated = _moment(entries[0]["at"]) if entries else NEVER_UPDATED
    feed = new_feed(publisher, FEED_PATH, TITLE, updated)
    for entry in entries:
        add_entry(
            feed,
            f"urn:uuid:{entry['id']}",
            entry_title(entry),
            _moment(entry["at"]),
            publisher.url(claim_path(entry["claim_id"])),
            entry_summary(entry),
        )
    return document(feed)


def new_feed(publisher: Publisher, path: str, title: str, updated: str) -> ET.Element:
    """A feed at `path` of the site, with its id, title, links and author: the entries go in
    with `add_entry`."""
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: "zh-Hant"})
    _text(feed, "id", publisher.url(path))
    _text(feed, "title", f"{publisher.organisation}：{title}")
    _text(feed, "updated", updated)
    _link(feed, "self", publisher.url(path), "application/atom+xml")
    _link(feed, "alternate", publisher.url("/"), "text/html")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", publisher.organisation)
    _text(author, "uri", publisher.organisation_url)
    return feed


def add_entry(
    feed: ET.Element, entry_id: str, title: str, moment: str, href: str, summary: str
) -> None:
    item = ET.SubElement(feed, f"{{{ATOM}}}entry")
    _text(item, "id", entry_id)
    _text(item, "title", title)
    _text(item, "updated", moment)
    _text(item, "published", moment)
    _link(item, "alternate", href, "text/html")
    _text(item, "summary", summary).set("type", "text")


def document(feed: ET.Element) -> bytes:
    ET.indent(feed)
    written: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return written


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = NOT_XML.sub("", text)
    return element


def _link(parent: ET.Element, rel: str, href: str, media_type: str) -> None:
    attributes = {"rel": rel, "href": NOT_XML.sub("", href), "type": media_type}
    ET.SubElement(parent, f"{{{ATOM}}}link", attributes)


def _moment(value: str) -> str:
    """An RFC 3339 date-time, as Atom requires: the stored ISO 8601 time, in UTC."""
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


# An empty feed was never updated. Not the time of the request: a page is made from its data
# alone, so that its ETag (web/caching.py) names one body and every replica sends the same.
NEVER_UPDATED = "1970-01-01T00:00:00Z"
