"""Charts drawn on the server as SVG: no JavaScript library, no CDN, nothing to load.

Shapes carry the same `v-<verdict>` classes as the highlights in the articles, so one
stylesheet colours both; every segment has a <title> with its words and count, and each chart
an accessible name. Every text is escaped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from claimdesk.web.public.figures import VERDICT_ORDER, percent, status_label, verdict_label

# Narrow enough that a phone shows the chart at about its natural size; it scales up to the
# column's width elsewhere.
WIDTH = 360
LABEL_SIZE = 13
ROW_HEIGHT = 44
BAR_HEIGHT = 14


@dataclass(frozen=True)
class Progress:
    """One bar: how many claims, how many of them have each verdict, how many none yet."""

    label: str
    claims: int
    verdicts: Mapping[str, int]  # published claims by verdict

    @property
    def checked(self) -> int:
        return sum(self.verdicts.values())

    def segments(self) -> list[tuple[str, str, int]]:
        """(class, words, count) for each part of the bar, closest to true first."""
        parts = [
            (f"v-{verdict}", str(verdict_label(verdict)), self.verdicts.get(verdict, 0))
            for verdict in VERDICT_ORDER
        ]
        parts.append(("v-unverified", str(status_label("unverified")), self.claims - self.checked))
        return [part for part in parts if part[2] > 0]


# Correct and mostly correct are neighbouring greens: mostly correct is also striped, so that
# the two are told apart without seeing colour. The pattern's id is made from the bar itself
# (a page is made from its data alone: the same data, the same bytes).
STRIPES = (
    '<defs><pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect class="v-mostly_correct" width="6" height="6"/>'
    '<rect class="stripe" width="2" height="6"/></pattern></defs>'
)


def _stripes_id(progress: Progress) -> str:
    digest = hashlib.sha1(
        repr((progress.label, progress.claims, sorted(progress.verdicts.items()))).encode()
    )
    return "stripes-" + digest.hexdigest()[:10]


def bar(progress: Progress, x: float, y: float, width: float, height: float) -> Markup:
    """The stacked segments of one bar; an empty bar when there is nothing to count."""
    stripes = _stripes_id(progress)
    shapes = [
        Markup(STRIPES).format(stripes),
        Markup('<rect class="track" x="{}" y="{}" width="{}" height="{}" rx="3"/>').format(
            _n(x), _n(y), _n(width), _n(height)
        ),
    ]
    total = progress.claims or 1
    left = x
    for css_class, words, count in progress.segments():
        part = width * count / total
        # A style, not a fill attribute: the stylesheet's fill would win over an attribute.
        fill = (
            Markup(' style="fill: url(#{})"').format(stripes)
            if css_class == "v-mostly_correct"
            else ""
        )
        shapes.append(
            Markup(
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}"{}>'
                "<title>{}: {}</title></rect>"
            ).format(css_class, _n(left), _n(y), _n(part), _n(height), fill, words, count)
        )
        left += part
    return Markup("").join(shapes)


def progress_chart(rows: Sequence[Progress], title: str) -> Markup:
    """One labelled bar per row: the overall progress first, then each article's."""
    height = ROW_HEIGHT * len(rows) + 4
    body = []
    for number, row in enumerate(rows):
        y = number * ROW_HEIGHT + LABEL_SIZE + 2
        figure = f"{row.checked}/{row.claims} · {percent(row.checked, row.claims)}"
        body.append(
            Markup('<text class="label" x="0" y="{}">{}</text>').format(
                y, _fit(row.label, WIDTH - 8 * len(figure) - 12)
            )
        )
        body.append(
            Markup('<text class="figure" x="{}" y="{}" text-anchor="end">{}</text>').format(
                WIDTH, y, figure
            )
        )
        body.append(bar(row, 0, y + 6, WIDTH, BAR_HEIGHT))
    return Markup(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg">'
        '<title id="chart-title">{title}</title>{body}</svg>'
    ).format(w=WIDTH, h=height, title=title, body=Markup("").join(body))


def verdict_bar(progress: Progress, label: str) -> Markup:
    """A single bar, e.g. a source's claims by verdict."""
    return Markup(
        '<svg class="bar" viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="{label}" '
        'xmlns="http://www.w3.org/2000/svg">{bar}</svg>'
    ).format(w=WIDTH, h=BAR_HEIGHT, label=label, bar=bar(progress, 0, 0, WIDTH, BAR_HEIGHT))


def _fit(label: str, room: float) -> str:
    """The label cut to what fits in `room` units: a CJK character is about a square, a Latin
    one about half of one."""
    used = 0.0
    for index, ch in enumerate(label):
        used += LABEL_SIZE if ord(ch) > 0x2E80 else LABEL_SIZE * 0.55
        if used > room:
            return label[: max(index - 1, 0)] + "…"
    return label


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
