"""claimdesk's Datasette plugin, registered through the `datasette` entry point.

The public pages (`web/public/`) read only claimdesk.db; the editors' desk (`web/desk/`)
writes only through `claimdesk.desk.record`, the function the command line uses. Templates
are in `web/templates/`, static files in `web/static/`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Generator
from typing import Any, TypeVar, cast

import datasette

F = TypeVar("F", bound=Callable[..., Any])
# Datasette ships no type hints; its marker returns the function it decorates.
hookimpl = cast(Callable[[F], F], datasette.hookimpl)


@hookimpl
def prepare_connection(conn: sqlite3.Connection, database: str, datasette: Any) -> None:
    from claimdesk.web.limits import limit_connection

    db = datasette.databases.get(database)
    limit_connection(conn, getattr(db, "path", None))


@cast(Callable[[F], F], datasette.hookimpl(specname="asgi_wrapper"))
def csv_without_formulas(datasette: Any) -> Callable[[Any], Any]:
    from claimdesk.web.csv_cells import neutralise_csv

    return neutralise_csv


@cast(Callable[[F], F], datasette.hookimpl(specname="asgi_wrapper"))
def generic_views_take_turns(datasette: Any) -> Callable[[Any], Any]:
    from claimdesk.web.visitor_gate import take_turns

    return take_turns


# Called last, so applied last: the outermost wrapper, which sees every response (the sign-in
# page that the auth wrapper answers itself too) and answers a 304 before anything else runs.
@cast(Callable[[F], F], datasette.hookimpl(specname="asgi_wrapper", trylast=True))
def cache_headers(datasette: Any) -> Callable[[Any], Any]:
    from claimdesk.web.caching import with_cache_headers

    return lambda app: with_cache_headers(app, datasette)


@cast(Callable[[F], F], datasette.hookimpl(specname="startup"))
def page_queries(datasette: Any) -> Callable[[], Any]:
    from claimdesk.web.page_data import store_page_queries

    return lambda: store_page_queries(datasette)


@hookimpl
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    from claimdesk.web.desk import routes as desk_routes
    from claimdesk.web.public import routes as public_routes
    from claimdesk.web.public_only import is_public_only
    from claimdesk.web.reports import routes as report_routes

    desk = [] if is_public_only(datasette) else [*desk_routes(), *report_routes()]
    return [*public_routes(), *desk]


@hookimpl
def extra_template_vars(datasette: Any) -> dict[str, Any]:
    from claimdesk.web.reports import template_vars

    return template_vars(datasette)  # the report form's, on public pages


@hookimpl
def startup(datasette: Any) -> None:
    from claimdesk.web.desk.auth import install_accounts
    from claimdesk.web.public_only import is_public_only

    if not is_public_only(datasette):
        install_accounts(datasette)


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Any], Any]:
    from claimdesk.web.desk.auth import guarded_app, trust_proxies
    from claimdesk.web.public_only import is_public_only, public_only

    trust_proxies(datasette)
    if is_public_only(datasette):
        return public_only
    return lambda app: guarded_app(app, datasette)


@cast(Callable[[F], F], datasette.hookimpl(wrapper=True, specname="menu_links"))
def menu_without_sign_in(
    datasette: Any, actor: Any, request: Any
) -> Generator[None, list[Any], list[Any]]:
    from claimdesk.web.public_only import without_sign_in

    return without_sign_in((yield), datasette)


@cast(Callable[[F], F], datasette.hookimpl(wrapper=True, specname="register_facet_classes"))
def counted_facets() -> Generator[None, list[list[type]], list[list[type]]]:
    from claimdesk.web.facets import with_counted_facets

    return with_counted_facets((yield))


@hookimpl
def top_table(datasette: Any, request: Any, database: str, table: str) -> Any:
    from claimdesk.web.public.backlinks import table_link

    return table_link(database, table)


@hookimpl
def top_row(datasette: Any, request: Any, database: str, table: str, row: Any) -> Any:
    from claimdesk.web.public.backlinks import row_link

    return row_link(database, table, row)


@hookimpl
def top_stored_query(datasette: Any, request: Any, database: str, query_name: str) -> Any:
    from claimdesk.web.public.backlinks import table_link

    return table_link(database, query_name)


@hookimpl
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    from claimdesk.web.figure_text import exact_text, figure_text

    # Figures as people write them (47億元人民幣), on the public pages and the desk alike.
    env.filters["figure_text"] = figure_text
    env.filters["exact_text"] = exact_text
