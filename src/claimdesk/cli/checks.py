"""Commands for the automatic consistency checks."""

from __future__ import annotations

import json
from pathlib import Path

import click

from claimdesk.cli.options import _claims_dir_option
from claimdesk.errors import ClaimdeskError

CHECK_COLUMNS = ("claim_id", "article", "kind", "result", "text", "computation")


@click.command()
@click.argument("slugs", nargs=-1, metavar="[SLUG]...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table, or JSON with the explanations in English and Chinese and the related claims.",
)
@_claims_dir_option
def check(slugs: tuple[str, ...], output_format: str, claims_dir: Path) -> None:
    """Check the figures of articles against each other: stated multiples, growth rates and
    point changes against the figures they relate, shares that should add up to 100%, parts
    against their total, derived figures, the same quantity stated twice (in one article or
    across articles), and implausible figures. Reads claims/ directly; needs no database.

    With SLUGs, only those articles' results are printed (conflicts with other articles
    included).

    Example:

        claimdesk check ai-chips-nvidia-biren --format json
    """
    from claimdesk.checks import ArticleFigures, check_collection
    from claimdesk.database.derive import figures_to_check
    from claimdesk.files.store import load_collection
    from claimdesk.review.reviewed import parse_log, reviewed_claims

    articles = [
        ArticleFigures(
            stored.slug,
            stored.text,
            tuple(figures_to_check(reviewed_claims(stored, parse_log(stored).events))),
        )
        for stored in load_collection(claims_dir).articles
    ]
    known = {article.slug for article in articles}
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        raise ClaimdeskError(f"{claims_dir}: no article {', '.join(map(repr, unknown))}")
    article_of = {f.key: a.slug for a in articles for f in a.figures}
    texts = {f.key: f.text for a in articles for f in a.figures}
    wanted = set(slugs) or known
    rows: list[dict[str, object]] = [
        {
            "id": result.id,
            "claim_id": result.claim_id,
            "article": article_of[result.claim_id],
            "kind": result.kind,
            "result": result.result,
            "text": texts[result.claim_id],
            "computation": result.computation,
            "explanation_en": result.explanation_en,
            "explanation_zh_hant": result.explanation_zh,
            "related": list(result.related),
        }
        for result in check_collection(articles)
        if article_of[result.claim_id] in wanted
    ]
    if output_format == "json":
        click.echo(json.dumps({"checks": rows}, ensure_ascii=False, indent=2))
    else:
        click.echo(_table(rows))


def _table(rows: list[dict[str, object]]) -> str:
    from claimdesk.cli.presenting import render_table

    if not rows:
        return "no checks"
    return render_table(CHECK_COLUMNS, ([row[c] for c in CHECK_COLUMNS] for row in rows))
