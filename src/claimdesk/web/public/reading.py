"""The pages a reader reads: an article with its claims in place, one claim, one source."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

from datasette.utils.asgi import Response

from claimdesk import vocabulary
from claimdesk.publish.claimreview import claim_path, claim_review, explanation
from claimdesk.publish.statement import statement
from claimdesk.vocabulary import SHOWN_STATUSES
from claimdesk.web.figure_text import exact_text, figure_text
from claimdesk.web.public import queries
from claimdesk.web.public.annotate import annotate
from claimdesk.web.public.card import CARDS, CardsBusy, CardText
from claimdesk.web.public.claim_parts import (
    CHECKS_WITH_FIGURES_SQL,
    checks_with_figures,
    field_label,
    field_value,
    share_links,
    update_of,
)
from claimdesk.web.public.figures import (
    VERDICT_ORDER,
    day,
    format_value,
    mark_class,
    mark_label,
    percent,
    qualifier_label,
    status_label,
    verdict_label,
)
from claimdesk.web.public.overview import legend, progress_of
from claimdesk.web.public.revised import revision_words, said_en, said_zh
from claimdesk.web.public.site import (
    DATABASE,
    Page,
    not_found,
    publisher,
    quote_path,
    render,
    table_links,
)
from claimdesk.web.public.svg import Progress, verdict_bar
from claimdesk.web.visitor_gate import BUSY

CLAIM_ID = re.compile(vocabulary.CLAIM_ID)
EXPLANATIONS = (
    ("zh-Hant", "explanation_zh_hant"),
    ("zh-Hans", "explanation_zh_hans"),
    ("en", "explanation_en"),
)


def claim_view(claim: Mapping[str, Any]) -> dict[str, Any]:
    """A claim row with everything a reader sees about it, in words."""
    shown = dict(claim)
    verdict = claim.get("verdict")
    shown.update(
        css_class=mark_class(claim["status"], verdict),
        mark_words=mark_label(claim["status"], verdict),
        status_words=status_label(claim["status"]),
        verdict_words=verdict_label(verdict) if verdict else None,
        value_shown=format_value(claim.get("value"), claim.get("value_max"), claim.get("unit")),
        value_zh=figure_text(claim.get("value"), claim.get("unit"), claim.get("value_max")),
        value_en=figure_text(
            claim.get("value"), claim.get("unit"), claim.get("value_max"), language="en"
        ),
        claimant=claim.get("source_name") or claim.get("article_publisher") or "",
        qualifier_words=qualifier_label(claim.get("qualifier_meaning")),
        explanations=explanations(claim),
        source_path=f"/source/{quote_path(claim['source_id'])}" if claim.get("source_id") else None,
        path=claim_path(claim["id"]),
    )
    return shown


def explanations(verdict: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(language, text), Traditional Chinese first; Simplified only when there is no
    Traditional, so that a reader does not read the same words twice."""
    found = [(lang, verdict[column]) for lang, column in EXPLANATIONS if verdict.get(column)]
    if any(lang == "zh-Hant" for lang, _ in found):
        found = [(lang, text) for lang, text in found if lang != "zh-Hans"]
    return found


async def article(datasette: Any, request: Any) -> Response:
    slug = request.url_vars["slug"]
    db = datasette.get_database(DATABASE)
    row = await queries.first(db, queries.ARTICLE_SQL, slug=slug)
    if row is None:
        return await not_found(datasette, request, f"沒有這篇文章 No such article: {slug}")
    claims = [claim_view(c) for c in await queries.rows(db, queries.ARTICLE_CLAIMS_SQL, slug=slug)]
    annotated = annotate(row["text"], claims, title=row["title"])
    in_body = [c for c in claims if c["status"] in SHOWN_STATUSES and not _outside(c)]
    counted = progress_of(
        [{"status": c["status"], "verdict": c["verdict"], "claims": 1} for c in in_body], ""
    )
    summary = [
        (verdict_label(v), counted.verdicts[v], f"v-{v}")
        for v in VERDICT_ORDER
        if counted.verdicts.get(v)
    ]
    page = Page(
        title=row["title"],
        description=(
            f"共 {counted.claims} 項數字主張，已查核 {counted.checked} 項。"
            f"{counted.claims} numeric claims, {counted.checked} checked."
            + "".join(f" {words}: {n}." for words, n, _ in summary)
        ),
        path=f"/article/{slug}",
        links=table_links("claims", article_id=slug, _sort="position"),
        kind="article",
    )
    context = {
        "article": row,
        "annotated": annotated,
        "claims": claims,
        "shown": [c for c in claims if c["status"] in SHOWN_STATUSES],
        "counted": counted,
        "checked_percent": percent(counted.checked, counted.claims),
        "summary": summary,
        "summary_bar": verdict_bar(counted, "查核進度 Progress"),
        "retracted": [c for c in claims if c["status"] == "retracted"],
        "legend": legend(),
    }
    return await render(datasette, request, "article.html", page, context)


def _outside(claim: Mapping[str, Any]) -> bool:
    return "outside_body" in (claim.get("flags") or "")


async def claim(datasette: Any, request: Any) -> Response:
    claim_id = request.url_vars["claim_id"]
    db = datasette.get_database(DATABASE)
    row = await queries.first(db, queries.CLAIM_SQL, claim_id=claim_id)
    if row is None:
        return await not_found(datasette, request, f"沒有這項主張 No such claim: {claim_id}")
    verdicts = await queries.rows(db, queries.CLAIM_VERDICTS_SQL, claim_id=claim_id)
    corrections = await queries.rows(db, queries.CLAIM_CORRECTIONS_SQL, claim_id=claim_id)
    checks = await queries.rows(db, CHECKS_WITH_FIGURES_SQL, claim_id=claim_id)
    same = []
    if row["value"] is not None and row["unit"]:
        same = await queries.rows(
            db,
            queries.SAME_FIGURE_SQL,
            unit=row["unit"],
            value=row["value"],
            article_id=row["article_id"],
            time=row["time"],
        )
    site = publisher(datasette)
    parts = sentence_parts(row)
    row = with_sentence_at(row, parts)
    said_by = reader_statement(row)
    review = claim_review(row, verdicts, site)
    shown = claim_view(row)
    current = next((v for v in reversed(verdicts) if v["superseded_at"] is None), None)
    revision = revision_words(current) if current and current["revised_on"] else None
    verdict_words = shown["verdict_words"] if review else shown["status_words"]
    said = explanation(current, row["article_language"]) if current and review else None
    title = f"「{said_by}」：{verdict_words}"
    source_unit = (current or {}).get("source_unit") or row["unit"]
    card = card_path(claim_id, card_text(shown, row, site.organisation))
    page = Page(
        title=title,
        description=f"{verdict_words}。{who_where_when(shown)}{said or ''}「{row['sentence']}」",
        path=claim_path(claim_id),
        links=table_links("claims", id=claim_id),
        kind="article",
        json_ld=[review] if review else [],
        image=site.url(card),
    )
    context = {
        "claim": shown,
        "statement": said_by,
        "sentence": parts,
        "current": {**current, "explanations": explanations(current)} if current else None,
        "update": update_of(current, corrections),
        "history": history(verdicts, corrections, row.get("unit")),
        "same": [claim_view(c) for c in same],
        "checks": checks_with_figures(checks),
        "short_link": site.url(f"/c/{claim_id}"),
        "card": card,
        "shares": share_links(site.url(claim_path(claim_id)), title),
        # A source's figure without a unit of its own is in the claim's (review/actions.py).
        # As the source wrote it when the verification kept that; else as a newsroom writes it.
        "source_value": (
            current["source_text"] or figure_text(current["source_value"], source_unit)
        )
        if current
        else "",
        "source_exact": exact_text(current["source_value"], source_unit) if current else "",
        "revision": revision and {**revision, "zh": said_zh(revision), "en": said_en(revision)},
    }
    return await render(datasette, request, "claim.html", page, context)


def with_sentence_at(row: Mapping[str, Any], parts: tuple[str, str, str]) -> dict[str, Any]:
    """The claim row with where its figure is in its sentence, for its statement."""
    return {**row, "sentence_at": len(parts[0]) if parts[1] else None}


def who_where_when(shown: Mapping[str, Any]) -> str:
    """'IDC，測試社，2023-06-20。': who said it, the publisher when it is someone else, the date."""
    publisher = shown.get("article_publisher") or ""
    said = [
        shown["claimant"],
        publisher if publisher != shown["claimant"] else "",
        shown.get("article_published") or "",
    ]
    found = [part for part in said if part]
    return "，".join(found) + "。" if found else ""


def reader_statement(row: Mapping[str, Any]) -> str:
    """The claim as a short statement (publish/statement.py), as its ClaimReview says it."""
    return statement(row["sentence"] or "", row["text"], row.get("sentence_at"))


def card_path(claim_id: str, card: CardText) -> str:
    # What the card shows in the URL: a chat app that keeps an image by its URL fetches the
    # new card when the verdict changes.
    return f"/claim/{claim_id}/card.png?v={card.digest()}"


def card_text(shown: Mapping[str, Any], row: Mapping[str, Any], organisation: str) -> CardText:
    """What the claim's share card shows (web/public/card.py)."""
    reviewed = shown["verdict_words"] and row["status"] in ("published", "retracted")
    words = shown["verdict_words"] if reviewed else shown["status_words"]
    return CardText(
        figure_zh=shown["value_zh"] or row["text"],
        figure_en=shown["value_en"] or row["text"],
        verdict_zh=words.zh,
        verdict_en=words.en,
        verdict=row["verdict"] if reviewed else "unverified",
        statement=reader_statement(row),
        publisher=row["article_publisher"] or "",
        organisation=organisation,
    )


async def claim_card(datasette: Any, request: Any) -> Response:
    """/claim/<id>/card.png: the claim's share card, a PNG (web/public/card.py)."""
    claim_id = request.url_vars["claim_id"]
    db = datasette.get_database(DATABASE)
    row = await queries.first(db, queries.CLAIM_SQL, claim_id=claim_id)
    if row is None:
        return Response.text("沒有這項主張 No such claim", status=404)
    row = with_sentence_at(row, sentence_parts(row))
    card = card_text(claim_view(row), row, publisher(datasette).organisation)
    try:
        png = await CARDS.png(card)
    except CardsBusy:
        return Response.text(BUSY.decode(), status=503, headers={"Retry-After": "5"})
    return Response(png, content_type="image/png")


def sentence_parts(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """The sentence cut around the claim's figure: (before, figure, after). The stretch of
    the article around the claim says which occurrence is the figure when it occurs twice."""
    sentence, figure = row["sentence"] or "", row["text"]
    context, offset = row.get("context"), row.get("context_start")
    if context and row.get("start") is not None and offset is not None:
        at = row["start"] - offset
        found = context.find(sentence) if sentence else -1
        while found >= 0:
            if found <= at and at + len(figure) <= found + len(sentence):
                cut = at - found
                return sentence[:cut], figure, sentence[cut + len(figure) :]
            found = context.find(sentence, found + 1)
    cut = sentence.find(figure)
    if cut < 0:
        return sentence, "", ""
    return sentence[:cut], figure, sentence[cut + len(figure) :]


def history(
    verdicts: Sequence[Mapping[str, Any]],
    corrections: Sequence[Mapping[str, Any]],
    unit: str | None = None,
) -> list[dict[str, Any]]:
    """Every published verdict and every correction, oldest first, in words."""
    events: list[dict[str, Any]] = []
    replaced = {c["id"] for c in corrections if c["change"] == "verdict"}
    for verdict in verdicts:
        if verdict["id"] in replaced:
            continue  # shown as the correction that says why it replaced the earlier one
        events.append(
            {
                "at": verdict["published_at"],
                "day": day(verdict["published_at"]),
                "kind": "verdict",
                "css_class": f"v-{verdict['verdict']}",
                "words": verdict_label(verdict["verdict"]),
                "explanations": explanations(verdict),
                "evidence_url": verdict["evidence_url"],
                "by": (verdict["verified_by"], verdict["approved_by"]),
            }
        )
    for correction in corrections:
        entry: dict[str, Any] = {
            "at": correction["at"],
            "day": day(correction["at"]),
            "kind": "correction",
            "reason": correction["reason"],
            "field": correction["field"],
        }
        if correction["change"] == "verdict":
            entry["was"] = verdict_label(correction["from_value"])
            entry["now"] = verdict_label(correction["to_value"])
            entry["css_class"] = f"v-{correction['to_value']}"
        else:
            entry["field_words"] = field_label(correction["field"])
            entry["was"] = field_value(correction["field"], correction["from_value"], unit)
            entry["now"] = field_value(correction["field"], correction["to_value"], unit)
        events.append(entry)
    return sorted(events, key=lambda e: e["at"])


async def short_link(datasette: Any, request: Any) -> Response:
    """/c/<id>: the short, stable link a claim page gives to share."""
    return Response.redirect(claim_path(request.url_vars["claim_id"]), status=301)


async def source(datasette: Any, request: Any) -> Response:
    source_id = urllib.parse.unquote(request.url_vars["source_id"])
    db = datasette.get_database(DATABASE)
    row = await queries.first(db, queries.SOURCE_SQL, source_id=source_id)
    if row is None:
        return await not_found(datasette, request, f"沒有這個來源 No such source: {source_id}")
    score = progress_of(await queries.rows(db, queries.SOURCE_SCORE_SQL, source_id=source_id), "")
    claims = await queries.page_of(
        db,
        request,
        queries.source_claims_sql,
        lambda claim: (claim["article_id"], claim["position"]),
        f"/source/{quote_path(source_id)}",
        source_id=source_id,
    )
    shares = [
        (verdict_label(v), score.verdicts[v], percent(score.verdicts[v], score.checked), f"v-{v}")
        for v in VERDICT_ORDER
        if score.verdicts.get(v)
    ]
    page = Page(
        title=f"{row['name']}：消息來源 Source",
        description=(
            f"引述 {score.claims} 項數字，已查核 {score.checked} 項。"
            f"{score.claims} figures attributed, {score.checked} checked."
            + "".join(f" {words}: {share}." for words, _, share, _ in shares)
        ),
        path=f"/source/{quote_path(source_id)}",
        links=table_links("claims", source_id=source_id, _sort="article_id"),
    )
    context = {
        "source": row,
        "score": score,
        "shares": shares,
        "share_bar": verdict_bar(
            Progress("", score.checked, score.verdicts), f"{row['name']}：查核結果 Verdicts"
        ),
        "claims": [claim_view(c) for c in claims.rows],
        "pages": claims,
        "legend": legend(),
    }
    return await render(datasette, request, "source.html", page, context)
