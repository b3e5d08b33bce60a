"""The permission matrix: every route the running app exposes, enumerated from its router,
asked anonymously and as an editor. No private byte comes back, and nothing is written except
through the desk's own forms."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from datasette.app import Datasette

from claimdesk.database.build import build
from claimdesk.review import Assign, Verify, dump_event_line, new_event
from conftest import ARTICLE, CLAIMS_YML, INTERNAL_NOTE, REVIEWS_JSONL, write_article
from desk_fixtures import desk_datasette, editor, write_accounts

PENDING_EXPLANATION = "PENDING-尚未核准的判定說明-7f3a"
PENDING_NOTE = "PRIVATE-草稿備註-91bc"
SECRET_EDITOR = "zed-the-private-editor"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pending = new_event(
        Verify,
        editor="amy",
        claim_id="c0000000001",
        verdict="incorrect",
        evidence_url="https://example.org/private-draft",
        evidence_quote="draft",
        explanations={"en": PENDING_EXPLANATION},
        note=PENDING_NOTE,
    )
    assigned = new_event(Assign, editor=SECRET_EDITOR, claim_id="c0000000002")
    reviews = REVIEWS_JSONL + dump_event_line(pending) + "\n" + dump_event_line(assigned) + "\n"
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML, reviews)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(write_accounts(tmp_path / "editors.json")))
    return tmp_path


def _private_markers(project: Path) -> list[str]:
    """Private strings in every form a response may carry them: as they are, JSON-escaped
    (Datasette's JSON writes Chinese as \\uXXXX), and escaped twice (an event's JSON in a
    JSON column)."""
    accounts = json.loads((project / "editors.json").read_text("utf-8"))["editors"]
    hashes = [entry["password_hash"].split("$")[-1] for entry in accounts.values()]
    plain = [INTERNAL_NOTE, PENDING_EXPLANATION, PENDING_NOTE, SECRET_EDITOR, *hashes]
    once = [json.dumps(m)[1:-1] for m in plain]
    twice = [json.dumps(m)[1:-1] for m in once]
    return sorted(set(plain + once + twice))


def _fingerprint(project: Path) -> dict[str, str]:
    files = [project / "claimdesk.db", project / "reviews.db"]
    files += sorted((project / "claims").rglob("*"))
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


# --- turning the router's patterns into real paths -----------------------------------------

_FORMAT = re.compile(r"\(\\\.\(\?P<format>([^)]*)\)\)\?")
_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


async def _values(ds: Datasette) -> dict[str, list[str]]:
    """Real values for every named group the router uses."""
    databases = [name for name in ds.databases if name != "_internal"]
    tables: list[tuple[str, str, str]] = []
    for name in databases:
        db = ds.get_database(name)
        for table in await db.table_names():
            pks = await db.primary_keys(table)
            column = pks[0] if pks else "rowid"
            row = (await db.execute(f'select "{column}" from "{table}" limit 1')).first()
            tables.append((name, table, str(row[0]) if row else "1"))
    queries = [
        (name, query)
        for name, config in ds.config.get("databases", {}).items()
        for query in config.get("queries", {})
    ]
    return {
        "database": databases,
        "table": [f"{d}|{t}|{pk}" for d, t, pk in tables],
        "query": [f"{d}|{q}" for d, q in queries],
        "claim_id": ["c0000000001", "c0000000002"],
        "action": ["assign", "verify", "approve", "dismiss"],
        "slug": ["idc-market"],
        "path": ["app.css", "desk/desk.js"],
    }


def _expand(pattern: str, values: dict[str, list[str]]) -> Iterator[str]:
    """Every concrete path a route pattern stands for, with real databases, tables, rows."""
    body = pattern.lstrip("^").rstrip("$")
    formats = _FORMAT.search(body)
    variants = [""]
    if formats:
        allowed = formats.group(1)
        variants += (
            [".json"]
            + ([".csv"] if allowed == r"\w+" else [])
            + ([".md"] if "md" in allowed else [])
        )
    names = _GROUP.findall(_FORMAT.sub("", body))
    combos: list[dict[str, str]] = [{}]
    if "table" in names:
        combos = []
        for entry in values["table"]:
            database, table, pk = entry.split("|")
            combos.append({"database": database, "table": table, "pks": pk})
    elif "query" in names:
        combos = []
        for entry in values["query"]:
            database, query = entry.split("|")
            combos.append({"database": database, "query": query})
    for name in names:
        if name in ("table", "pks", "query") or (name == "database" and combos != [{}]):
            continue
        combos = [{**c, name: v} for c in combos for v in values.get(name, ["x"])]
    for combo in combos:
        for variant in variants:
            path = _FORMAT.sub(variant.replace("\\", "\\\\"), body)
            path = _GROUP.sub(lambda m, c=combo: c.get(m.group(1), "x"), path)  # type: ignore[misc]
            path = path.replace("\\.", ".")
            assert not re.search(r"[()?*+\\\[\]]", path), (pattern, path)
            yield path


async def _paths(ds: Datasette) -> list[str]:
    values = await _values(ds)
    paths: list[str] = []
    for route, _view in ds._routes():
        pattern = route.pattern if hasattr(route, "pattern") else str(route)
        paths.extend(_expand(pattern, values))
    # ?sql= on every database, and its canned queries with JSON and CSV.
    for database in values["database"]:
        for table in ("events", "claims", "claim_states", "verdicts"):
            sql = f"select * from {table}"
            paths.append(f"/{database}/-/query.json?sql={sql}")
            paths.append(f"/{database}?sql={sql}")
    return sorted(set(paths))


WRITE_BODY = json.dumps(
    {
        "row": {"id": "x", "note": "written"},
        "rows": [{"id": "x"}],
        "update": {"note": "written"},
        "table": "pwned",
        "columns": [{"name": "id"}],
        "sql": "delete from events",
    }
)


async def _sweep(ds: Datasette, project: Path, actor: dict[str, Any] | None) -> list[str]:
    """Every path with GET and POST; returns what leaked (should be nothing)."""
    markers = _private_markers(project)
    leaks: list[str] = []
    for path in await _paths(ds):
        for method in ("get", "post"):
            kwargs: dict[str, Any] = {"actor": actor} if actor else {}
            if method == "post":
                kwargs["content"] = WRITE_BODY
                kwargs["headers"] = {"content-type": "application/json"}
            response = await getattr(ds.client, method)(path, **kwargs)
            text = response.content.decode("utf-8", "replace")
            leaks += [f"{method.upper()} {path}: {m}" for m in markers if m in text]
    return leaks


async def test_anonymous_visitors_get_no_private_byte_and_write_nothing(project: Path) -> None:
    ds = await desk_datasette(project / "claimdesk.db", project / "claims")
    paths = await _paths(ds)
    assert any(p.startswith("/reviews/events") for p in paths)
    assert any("/-/insert" in p for p in paths) and any("/desk/claim/" in p for p in paths)
    before = _fingerprint(project)
    assert await _sweep(ds, project, None) == []
    assert _fingerprint(project) == before


async def test_editors_cannot_write_through_the_generic_write_api(project: Path) -> None:
    ds = await desk_datasette(project / "claimdesk.db", project / "claims")
    before = _fingerprint(project)
    writes = [
        p
        for p in await _paths(ds)
        if re.search(
            r"/-/(insert|upsert|update|delete|create|drop|alter|execute-write|set-column-type|queries/store)",
            p,
        )
    ]
    assert writes
    for path in writes:
        response = await ds.client.post(
            path,
            content=WRITE_BODY,
            headers={"content-type": "application/json"},
            actor=editor("amy"),
        )
        assert response.status_code in (400, 403, 404, 405), (path, response.status_code)
    assert _fingerprint(project) == before


async def test_editors_see_private_data_only_where_they_should(project: Path) -> None:
    ds = await desk_datasette(project / "claimdesk.db", project / "claims")
    reviews = await ds.client.get("/reviews/events.json?_shape=array", actor=editor("amy"))
    assert json.dumps(PENDING_NOTE)[1:-1] in reviews.text  # the private database is theirs
    public = await ds.client.get(
        "/claimdesk/-/query.json?sql=select * from claims", actor=editor("amy")
    )
    assert PENDING_EXPLANATION not in public.text  # and the public one never has it
