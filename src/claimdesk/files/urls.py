"""The addresses claimdesk stores and links to: http and https only.

An evidence URL or an article's URL becomes a link on the desk and on the public site, so a
`javascript:` or `data:` address would run in a reader's browser. They are refused when an
editor writes them, and checked again when a page renders one (a log or claims.yml written
by hand, or by an older claimdesk, may still hold one)."""

from __future__ import annotations

import urllib.parse

WEB_SCHEMES = ("http", "https")


def is_web_url(value: object) -> bool:
    """An absolute http or https address with a host, and no character that could end it."""
    if not isinstance(value, str) or value != value.strip():
        return False
    if any(ord(ch) < 0x21 or ch in "\x7f\u2028\u2029\u0085" for ch in value):
        return False
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def check_web_url(value: str) -> str:
    """For a pydantic validator: the value, or a ValueError worded for an editor."""
    if not is_web_url(value):
        raise ValueError(
            f"網址只接受 http 或 https：{value!r} · only an http or https address is accepted"
        )
    return value


def safe_url(value: object) -> str | None:
    """What a page may put in href: the address if it is http or https, else nothing."""
    return value if isinstance(value, str) and is_web_url(value) else None
