"""The pages a reader reads: an article with its claims in place, one claim, one source."""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from typing import Any

from datasette.utils.asgi import Response

from claimdesk import vocabulary
from claimdesk.database.reading import CLAIM_CHECKS_SQL
from claimdesk.publish.claimreview import claim_path, claim_review, explanation
from claimdesk.vocabulary import SHOWN_STATUSES
from claimdesk.web.public import queries
from claimdesk.web.public.annotate import annotate
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
    checks = await queries.rows(db, CLAIM_CHECKS_SQL, claim_id=claim_id)
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
    review = claim_review(row, verdicts, site)
    shown = claim_view(row)
    current = next((v for v in reversed(verdicts) if v["superseded_at"] is None), None)
    verdict_words = shown["verdict_words"] if review else shown["status_words"]
    said = explanation(current, row["article_language"]) if current and review else None
    page = Page(
        title=f"{row['text']}：{verdict_words}",
        description=f"{verdict_words}。" + (said or "") + f"「{row['sentence']}」",
        path=claim_path(claim_id),
        links=table_links("claims", id=claim_id),
        kind="article",
        json_ld=[review] if review else [],
    )
    context = {
        "claim": shown,
        "sentence": sentence_parts(row),
        "current": {**current, "explanations": explanations(current)} if current else None,
        "history": history(verdicts, corrections),
        "same": [claim_view(c) for c in same],
        "checks": [{**c, "related": json.loads(c["related"])} for c in checks],
        "short_link": site.url(f"/c/{claim_id}"),
        "report_link": _report_link(site.contact_email, claim_id, site.url(claim_path(claim_id))),
        "source_value": format_value(current["source_value"], None, current["source_unit"])
        if current
        else "",
    }
    return await render(datasette, request, "claim.html", page, context)


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
    verdicts: Sequence[Mapping[str, Any]], corrections: Sequence[Mapping[str, Any]]
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
            entry["was"] = correction["from_value"] or "—"
            entry["now"] = correction["to_value"] or "—"
        events.append(entry)
    return sorted(events, key=lambda e: e["at"])


def _report_link(email: str, claim_id: str, url: str) -> str:
    subject = urllib.parse.quote(f"回報錯誤 Report: {claim_id}")
    body = urllib.parse.quote(f"{url}\n\n")
    return f"mailto:{email}?subject={subject}&body={body}"


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
