"""The editors' desk: the queue, a claim's review page, an article with its claims.

Every page checks first that the visitor is a signed-in editor (anyone else is sent to sign
in, and a POST is refused). Every form writes one event through `claimdesk.desk.record`, the
function the command line uses, and carries the id of the last event the editor saw, so that
acting on a page someone else has changed since is refused and shown.

No form carries a CSRF token, since nothing would check one. A form posted from another site is
refused before any view runs by Datasette itself (1.0a): CrossOriginProtectionMiddleware, in
datasette/csrf.py, wraps every route and answers 403 to a POST whose Sec-Fetch-Site header is
neither same-origin nor none, or, from a browser that sends no Sec-Fetch-Site, whose Origin is
not this server. tests/test_desk.py checks both a refused and an accepted form.
"""

from __future__ import annotations

from typing import Any

from claimdesk import vocabulary
from claimdesk.review.actions import ACTIONS
from claimdesk.web.desk import adding, views

CLAIM = rf"(?P<claim_id>{vocabulary.CLAIM_ID})"
SLUG = r"(?P<slug>[a-z0-9][a-z0-9-]*)"
ACTION = rf"(?P<action>{'|'.join(ACTIONS)})"


def routes() -> list[tuple[str, Any]]:
    return [
        (r"^/desk$", views.queue),
        (r"^/desk/add$", adding.add_page),
        (rf"^/desk/claim/{CLAIM}$", views.claim_page),
        (rf"^/desk/claim/{CLAIM}/assess\.json$", views.assess),
        (rf"^/desk/claim/{CLAIM}/{ACTION}$", views.act),
        (rf"^/desk/article/{SLUG}$", views.article_page),
        (rf"^/desk/article/{SLUG}/add-claim$", views.add_claim),
    ]
