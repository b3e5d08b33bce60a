"""Adding an article on the desk, in-process: preview, save through `claimdesk add`'s own
functions, databases written at once, and every bad input named beside its field."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlite_utils
from datasette.app import Datasette

from claimdesk.database.build import build
from claimdesk.web.desk.adding import MAX_UPLOAD_BYTES
from conftest import ARTICLE, CLAIMS_YML, ROOT, write_article
from desk_fixtures import PASSWORD, desk_datasette, editor, run_cli, write_accounts
from test_guard import assert_equals_a_fresh_build

TSMC = (ROOT / "tests/fixtures/articles/taiwan_semis.txt").read_text("utf-8")
DETAILS = {
    "title": "台積電第二季獲利優於預期",
    "publisher": "中央社",
    "published": "2023-07-15",
    "url": "https://www.cna.com.tw/news/afe/202307150001.aspx",
    "currency": "twd",
    "slug": "tsmc-q2",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_article(tmp_path / "claims", "idc-market", ARTICLE, CLAIMS_YML)
    build(tmp_path / "claims", tmp_path / "claimdesk.db")
    monkeypatch.setenv("CLAIMDESK_EDITORS", str(write_accounts(tmp_path / "editors.json")))
    return tmp_path


@pytest.fixture
async def desk(project: Path) -> Datasette:
    return await desk_datasette(project / "claimdesk.db", project / "claims")


async def add(
    desk: Datasette,
    fields: Mapping[str, str],
    step: str = "preview",
    files: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """The add form as a browser posts it: multipart, with the step's button."""
    response: httpx.Response = await desk.client.post(
        "/desk/add",
        data={**fields, "step": step},
        files=files or {"file": ("", b"", "application/octet-stream")},
        headers=headers or {},
        actor=editor("amy"),
    )
    return response


def folders(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "claims").iterdir())


async def test_the_form_is_on_the_desk_in_chinese_and_english(desk: Datasette) -> None:
    html = (await desk.client.get("/desk/add", actor=editor("amy"))).text
    assert "新增文章 Add an article" in html
    assert 'enctype="multipart/form-data"' in html
    assert "desk-add-save" not in html  # saving comes after a preview
    queue = (await desk.client.get("/desk", actor=editor("amy"))).text
    assert 'href="/desk/add"' in queue


async def test_anyone_else_is_sent_to_sign_in_and_cannot_post(desk: Datasette) -> None:
    page = await desk.client.get("/desk/add")
    assert (page.status_code, page.headers["location"]) == (302, "/-/login")
    posted = await desk.client.post("/desk/add", data={"text": TSMC, "step": "save"})
    assert posted.status_code == 403


async def test_a_preview_shows_the_claims_and_writes_nothing(
    desk: Datasette, project: Path
) -> None:
    before = (project / "claimdesk.db").read_bytes()
    response = await add(desk, {"text": TSMC, **DETAILS})
    assert response.status_code == 200
    html = response.text
    assert 'data-found="15"' in html
    assert "稅後純益<mark>1818億元</mark>" in html
    assert "金額 Money" in html and "· money" not in html  # kinds and flags in words
    assert "desk-add-save" in html
    assert folders(project) == ["idc-market"]
    assert (project / "claimdesk.db").read_bytes() == before


async def test_saving_writes_what_claimdesk_add_writes_and_the_databases_show_it(
    desk: Datasette, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    response = await add(desk, {"text": TSMC.replace("\n", "\r\n"), **DETAILS}, "save")
    assert response.status_code == 303
    assert response.headers["location"] == "/desk/article/tsmc-q2?added=15"

    # The command line, on a copy of claims/ as it was, writes the same files.
    other = tmp_path_factory.mktemp("cli")
    shutil.copytree(project / "claims" / "idc-market", other / "claims" / "idc-market")
    shutil.copy(project / "claimdesk.db", other / "claimdesk.db")
    (other / "tsmc-q2.txt").write_text(TSMC, "utf-8")
    options = [f"--{name}={value}" for name, value in DETAILS.items() if name != "slug"]
    run_cli(other, "add", str(other / "tsmc-q2.txt"), "--slug", "tsmc-q2", *options)
    for name in ("article.txt", "claims.yml"):
        desk_file = (project / "claims" / "tsmc-q2" / name).read_bytes()
        assert desk_file == (other / "claims" / "tsmc-q2" / name).read_bytes(), name

    # Both databases hold the article now, exactly as a fresh build makes them.
    public = sqlite_utils.Database(project / "claimdesk.db")
    assert public.table("articles").get("tsmc-q2")["publisher"] == "中央社"
    private = sqlite_utils.Database(project / "reviews.db")
    assert private.execute(
        "select count(*) from claim_states where article_id = 'tsmc-q2'"
    ).fetchone() == (15,)
    assert_equals_a_fresh_build(project)
    page = (await desk.client.get(response.headers["location"], actor=editor("amy"))).text
    assert "找到 15 個數字主張" in page and "added with 15 claims" in page
    # The address says nothing: a number that is not the article's shows no confirmation.
    for forged in ("14", "<b>1</b>"):
        other_page = await desk.client.get(
            f"/desk/article/tsmc-q2?added={forged}", actor=editor("amy")
        )
        assert "data-added" not in other_page.text and "<b>1</b>" not in other_page.text
    queue = (await desk.client.get("/desk?article=tsmc-q2", actor=editor("amy"))).text
    assert "<mark>1818億元</mark>" in queue
    public_page = await desk.client.get("/article/tsmc-q2")
    assert public_page.status_code == 200 and "1818億元" in public_page.text


async def test_an_uploaded_file_is_previewed_as_text_then_saved(
    desk: Datasette, project: Path
) -> None:
    upload = {"file": ("tsmc.txt", ("\ufeff" + TSMC).encode("utf-8"), "text/plain")}
    response = await add(desk, {"publisher": "中央社"}, files=upload)
    assert response.status_code == 200
    assert 'data-found="15"' in response.text
    # The file's text is in the form now, and the slug made from the file's name, as the
    # command line makes it: the save step posts them.
    assert "稅後純益1818億元" in response.text.split("</textarea>")[0]
    assert 'name="slug" value="tsmc"' in response.text
    saved = await add(desk, {"text": TSMC, "slug": "tsmc", "publisher": "中央社"}, "save")
    assert saved.status_code == 303
    assert (project / "claims" / "tsmc" / "article.txt").read_text("utf-8") == TSMC


BIG = "x" * (MAX_UPLOAD_BYTES + 1)


@pytest.mark.parametrize(
    ("fields", "upload", "field", "words"),
    [
        ({"text": "  \n "}, None, "text", "請貼上文章內文"),
        ({"text": ""}, ("empty.txt", b""), "file", "請貼上文章內文"),
        ({"text": ""}, ("big.txt", BIG.encode()), "file", "檔案超過上限"),
        ({"text": BIG}, None, "text", "不像是一篇新聞"),
        ({"text": ""}, ("big5.txt", "台積電獲利".encode("big5")), "file", "UTF-8"),
        ({"text": TSMC}, ("tsmc.txt", TSMC.encode()), "file", "請擇一"),
        ({"text": TSMC, "url": "javascript:alert(1)"}, None, "url", "http:// 或 https://"),
        ({"text": TSMC, "url": "ftp://example.com/a"}, None, "url", "http:// 或 https://"),
        ({"text": TSMC, "published": "2023-13-45"}, None, "published", "YYYY-MM-DD"),
        ({"text": TSMC, "published": "15/7/2023"}, None, "published", "YYYY-MM-DD"),
        ({"text": TSMC, "currency": "NT$"}, None, "currency", "ISO 4217"),
        ({"text": TSMC, "slug": "TSMC Q2"}, None, "slug", "小寫英文字母"),
        ({"text": TSMC, "slug": "idc-market"}, None, "slug", "已有文章使用代稱 idc-market"),
    ],
    ids=[
        "empty text",
        "empty file",
        "oversized upload",
        "oversized text",
        "not UTF-8",
        "text and file",
        "javascript URL",
        "ftp URL",
        "impossible date",
        "date in another order",
        "bad currency",
        "bad slug",
        "slug taken",
    ],
)
@pytest.mark.parametrize("step", ["preview", "save"])
async def test_bad_input_is_named_beside_its_field_and_nothing_is_written(
    desk: Datasette,
    project: Path,
    fields: dict[str, str],
    upload: tuple[str, bytes] | None,
    field: str,
    words: str,
    step: str,
) -> None:
    before = (project / "claimdesk.db").read_bytes()
    typed = {"title": "我打的標題", "publisher": "中央社", **fields}
    files = {"file": (*upload, "text/plain")} if upload else None
    response = await add(desk, typed, step, files=files)
    assert response.status_code == 400
    html = response.text
    problem = html.split(f'data-problem="{field}">')[1].split("</p>")[0]
    assert words in problem
    assert '<span lang="en">' in problem  # and in English
    assert html.count("data-problem=") == 1  # beside its own field only
    assert 'value="我打的標題"' in html  # what was typed is kept
    if field in ("url", "published", "currency", "slug"):
        assert f'value="{fields[field]}"' in html.replace("&#34;", '"').replace("&amp;", "&")
    assert folders(project) == ["idc-market"]
    assert (project / "claimdesk.db").read_bytes() == before


async def test_every_bad_field_is_named_at_once(desk: Datasette) -> None:
    fields = {"text": "", "url": "mailto:a@b.c", "published": "yesterday", "currency": "1"}
    response = await add(desk, {**fields, "slug": "idc-market"})
    assert response.status_code == 400
    for field in ("text", "url", "published", "currency", "slug"):
        assert f'data-problem="{field}"' in response.text


async def test_a_request_far_beyond_the_cap_is_refused_unread(
    desk: Datasette, project: Path
) -> None:
    huge = {"file": ("huge.txt", b"x" * (3 * MAX_UPLOAD_BYTES), "text/plain")}
    response = await add(desk, {}, "save", files=huge)
    assert response.status_code == 413
    assert "送出的內容太大" in response.text and "too large" in response.text
    assert folders(project) == ["idc-market"]


CROSS_SITE = {"origin": "http://evil.example", "sec-fetch-site": "cross-site"}


async def test_a_form_posted_from_another_site_is_refused(desk: Datasette, project: Path) -> None:
    response = await add(desk, {"text": TSMC, "slug": "tsmc-q2"}, "save", headers=CROSS_SITE)
    assert response.status_code == 403
    assert folders(project) == ["idc-market"]


# --- the sign-in page, in Chinese then English ----------------------------------------------


async def test_the_sign_in_page_and_its_errors_are_in_chinese_then_english(
    desk: Datasette,
) -> None:
    page = (await desk.client.get("/-/login")).text
    assert "編輯登入 Editors sign in" in page
    assert "名稱 Name" in page and "密碼 Password" in page and 'value="登入 Sign in"' in page
    wrong = await desk.client.post("/-/login", data={"username": "amy", "password": "nope"})
    assert "名稱或密碼錯誤。 Invalid username or password" in wrong.text
    twice = await desk.client.post(
        "/-/login",
        content=b"username=amy&username=ben&password=x",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert twice.status_code == 400 and "請只送出一個名稱。 Send one name." in twice.text
    right = await desk.client.post("/-/login", data={"username": "amy", "password": PASSWORD})
    assert right.status_code == 302
