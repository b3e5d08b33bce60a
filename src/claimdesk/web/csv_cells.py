"""CSV downloads whose cells a spreadsheet will not run as formulas.

Editors write explanations and reasons freely, and a cell such as `=HYPERLINK("http://…")`
becomes a live formula in whoever opens the download in a spreadsheet. Datasette writes CSV
itself, with no hook for cells, so this ASGI wrapper rewrites every CSV answer as it streams:
a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a number,
gets a leading `'` (OWASP's advice); negative figures stay numbers.
"""

from __future__ import annotations

import csv
import io
import re

from claimdesk.web.asgi import App, Message, Receive, Scope, Send

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def safe_cell(cell: str) -> str:
    if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def is_csv(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    query = scope.get("query_string", b"").decode("latin-1")
    return path.endswith(".csv") or "_format=csv" in query


def complete_records(buffer: bytes) -> int:
    """Where the last whole record in `buffer` ends: after a newline outside quotes
    (a doubled quote toggles twice, so counting quotes is enough)."""
    quoted = False
    end = 0
    for index, byte in enumerate(buffer):
        if byte == 0x22:
            quoted = not quoted
        elif byte == 0x0A and not quoted:
            end = index + 1
    return end


def rewrite(records: bytes) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in csv.reader(io.StringIO(records.decode("utf-8"), newline="")):
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue().encode("utf-8")


def neutralise_csv(app: App) -> App:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or not is_csv(scope):
            await app(scope, receive, send)
            return
        buffer = b""
        rewriting = False

        async def csv_send(message: Message) -> None:
            nonlocal buffer, rewriting
            if message["type"] == "http.response.start":
                rewriting = message.get("status") == 200
                if rewriting:
                    headers = [
                        (k, v)
                        for k, v in message.get("headers", [])
                        if k.lower() != b"content-length"
                    ]
                    message = {**message, "headers": headers}
            elif message["type"] == "http.response.body" and rewriting:
                buffer += message.get("body", b"")
                more = message.get("more_body", False)
                end = len(buffer) if not more else complete_records(buffer)
                body, buffer = rewrite(buffer[:end]) if end else b"", buffer[end:]
                message = {**message, "body": body}
            await send(message)

        await app(scope, receive, csv_send)

    return wrapped
