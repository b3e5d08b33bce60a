"""The public site as an immutable artifact: one folder a server can be started from with
`datasette serve --immutable`, holding nothing an editor has not published.

    DIR/claimdesk.db             a compact, checkpointed copy of the public database
    DIR/metadata.yml             what the data means (the private database's part left out)
    DIR/manifest.json            each file's sha256 and the build it was made from
    DIR/server/datasette.yaml    how the public site behaves: no desk, no sign-in, no ?sql=
    DIR/server/requirements.txt  the locked versions of claimdesk's dependencies (uv.lock)
    DIR/server/claimdesk-*.whl   the plugin itself, built from the repository

The server's files sit in their own folder so that `datasette publish fly --plugins-dir
server` carries them into the image without a second copy of the database (Datasette loads
only `*.py` from a plugins folder, and there is none). reviews.db, the editors' accounts,
sessions and secret are never read here, so none of them can reach the artifact; the copy of
claimdesk.db drops the one fact about the desk's machine it holds (the path of claims/).

The folder is written beside DIR under a temporary name and renamed into place, so DIR is
either as it was or complete.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from claimdesk.errors import ClaimdeskError

DATABASE = "claimdesk.db"
METADATA = "metadata.yml"
MANIFEST = "manifest.json"
SERVER = "server"
CONFIG = f"{SERVER}/datasette.yaml"
REQUIREMENTS = f"{SERVER}/requirements.txt"
SERVE_COMMAND = f"datasette serve --immutable {DATABASE} --metadata {METADATA} --config {CONFIG}"
# Deploying with Datasette's own path (datasette-publish-fly, pinned in the `deploy` group),
# run in DIR. `--plugins-dir server` copies server/ into the image as plugins/; the Dockerfile
# installs from there and serves with its config. `claimdesk-*.whl` is expanded by the shell
# of the Dockerfile's RUN.
FLY_PUBLISH = (
    "publish", "fly", DATABASE, "--metadata", METADATA, "--plugins-dir", SERVER,
    "--install", "-r plugins/requirements.txt", "--install", "plugins/claimdesk-*.whl",
    "--extra-options", "--config plugins/datasette.yaml",
)  # fmt: skip
PUBLIC_DATABASE = "claimdesk"
# The plugin's switch (web/public_only.py reads it): routes and sign-in for the desk are absent.
PUBLIC_ONLY = "public_only"
# Plugin settings that only the desk reads: sign-in, sessions, where claims/ is.
DESK_SETTINGS = ("session_hours", "secure_cookies", "basic_auth", "password_tool", "claims_dir")
# Written by every build: which claims/ folder (an absolute path on the desk's machine) is no
# business of the public's.
DESK_BUILD_FACTS = ("claims_dir",)


# --- pure: what the public files say ---------------------------------------------------------


def public_metadata(metadata: Mapping[str, Any]) -> dict[str, Any]:
    """metadata.yml with only the public database described."""
    public = copy.deepcopy(dict(metadata))
    databases = public.get("databases") or {}
    public["databases"] = {PUBLIC_DATABASE: databases.get(PUBLIC_DATABASE, {})}
    return public


def public_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """datasette.yaml for the replicas: the public database only, no arbitrary SQL for anyone
    (no one can sign in to be an editor), no API tokens, no permission granted, and only
    claimdesk's plugin settings (another plugin's may name a secret), in public-only mode."""
    public = copy.deepcopy(dict(config))
    public.pop("permissions", None)
    databases = public.get("databases") or {}
    claimdesk = dict(databases.get(PUBLIC_DATABASE) or {})
    claimdesk.pop("permissions", None)
    claimdesk["allow_sql"] = False
    public["databases"] = {PUBLIC_DATABASE: claimdesk}
    settings = dict(public.get("settings") or {})
    settings["allow_signed_tokens"] = False
    settings["default_allow_sql"] = False
    public["settings"] = settings
    ours = (public.get("plugins") or {}).get("claimdesk") or {}
    kept = {k: v for k, v in ours.items() if k not in DESK_SETTINGS}
    public["plugins"] = {"claimdesk": {**kept, PUBLIC_ONLY: True}}
    return public


def build_fingerprint(version: str, digests: Mapping[str, str]) -> str:
    """One digest of what the rows were derived from: claimdesk's code version and every
    article's files. A clone of the same claims/ at the same commit gives the same one."""
    lines = [f"version {version}", *(f"{slug} {digests[slug]}" for slug in sorted(digests))]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@dataclass(frozen=True)
class BuildFacts:
    version: str
    articles: int
    fingerprint: str


def manifest(files: Mapping[str, bytes], build: BuildFacts) -> dict[str, Any]:
    """What a replica checks before it serves: every file's sha256, and the build."""
    return {
        "claimdesk_build": {
            "version": build.version,
            "articles": build.articles,
            "fingerprint": build.fingerprint,
        },
        "serve": SERVE_COMMAND,
        "files": {name: {"sha256": digest.hex()} for name, digest in sorted(files.items())},
    }


def dump_yaml(document: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(document), allow_unicode=True, sort_keys=False, width=100)


# --- I/O -------------------------------------------------------------------------------------


def copy_database(source: Path, target: Path) -> BuildFacts:
    """A compact copy of the public database as one file, read in one transaction.

    VACUUM INTO reads a consistent snapshot through SQLite (what the WAL holds included), so a
    desk writing meanwhile is never half-copied, and no -wal file is ever copied by hand. The
    copy is put in rollback-journal mode, which needs no -shm file on a read-only disk."""
    if not source.exists():
        raise ClaimdeskError(
            f"{source}: no such database; run `claimdesk build` first / "
            f"找不到資料庫，請先執行 `claimdesk build`"
        )
    reader = sqlite3.connect(source)
    try:
        reader.execute("vacuum into ?", (str(target),))
    finally:
        reader.close()
    copy_ = sqlite3.connect(target, isolation_level=None)
    try:
        # Deleted bytes are overwritten, not left in a free page for anyone to read.
        copy_.execute("pragma secure_delete = on")
        marks = ", ".join("?" for _ in DESK_BUILD_FACTS)
        copy_.execute(f"delete from claimdesk_build where key in ({marks})", DESK_BUILD_FACTS)
        copy_.execute("pragma journal_mode = delete")
        version = copy_.execute("select value from claimdesk_build where key = 'version'")
        row = version.fetchone()
        digests = dict(copy_.execute("select article_id, digest from built_articles"))
    except sqlite3.DatabaseError as error:
        raise ClaimdeskError(
            f"{source}: not a claimdesk database ({error}) / 不是 claimdesk 的資料庫"
        ) from None
    finally:
        copy_.close()
    version_ = str(row[0]) if row else ""
    return BuildFacts(version_, len(digests), build_fingerprint(version_, digests))


def project_root() -> Path:
    """The repository claimdesk runs from (the project is installed from its source tree)."""
    import claimdesk

    root = Path(claimdesk.__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file() or not (root / "uv.lock").is_file():
        raise ClaimdeskError(
            f"{root}: publish builds the plugin from claimdesk's repository (pyproject.toml, "
            "uv.lock), which is not here / 發布需要 claimdesk 的原始碼庫（pyproject.toml、"
            "uv.lock）才能打包外掛，這裡沒有"
        )
    return root


def _uv(command: str, *args: str, cwd: Path) -> str:
    """Run `uv COMMAND ARGS` in the repository; its standard output. `uv run` names its own
    executable in $UV (make's `python3 -m uv run` too), else uv must be on PATH."""
    program = os.environ.get("UV") or shutil.which("uv")
    done = (
        subprocess.run(
            [program, command, *args], cwd=cwd, capture_output=True, text=True, check=False
        )
        if program
        else None
    )
    if done is None or done.returncode != 0:
        raise ClaimdeskError(
            f"`uv {command}` failed (publish needs uv, which `make setup` installs) / "
            f"`uv {command}` 執行失敗（發布需要 uv，`make setup` 會安裝）"
            + (f":\n{done.stderr.strip()}" if done else "")
        )
    return done.stdout


def build_wheel(root: Path, out_dir: Path) -> Path:
    """The plugin as a wheel built from the repository (hatchling's are reproducible: the same
    source gives the same bytes)."""
    # Built apart, then moved: uv also leaves a .gitignore in the folder it builds into.
    with tempfile.TemporaryDirectory() as built:
        _uv("build", "--wheel", "--quiet", "--out-dir", built, str(root), cwd=root)
        wheels = sorted(Path(built).glob("claimdesk-*.whl"))
        if len(wheels) != 1:
            raise ClaimdeskError(f"{root}: expected one claimdesk wheel, found {len(wheels)}")
        return Path(shutil.move(wheels[0], out_dir / wheels[0].name))


def export_requirements(root: Path) -> str:
    """Exactly the versions uv.lock holds for claimdesk's own dependencies (no dev or deploy
    tools, and not claimdesk itself, which is the wheel); pip on the server installs them."""
    pins = _uv(
        "export",
        "--locked",
        "--no-default-groups",
        "--no-emit-project",
        "--no-hashes",
        "--no-header",
        "--format",
        "requirements-txt",
        cwd=root,
    )
    return (
        "# claimdesk's dependencies as uv.lock pins them. Install with the wheel beside it:\n"
        "#   pip install -r requirements.txt claimdesk-*.whl\n" + pins
    )


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ClaimdeskError(f"{path}: no such file / 找不到檔案") from None
    except yaml.YAMLError as error:
        raise ClaimdeskError(f"{path}: not valid YAML ({error}) / 不是有效的 YAML") from None
    if not isinstance(loaded, dict):
        raise ClaimdeskError(f"{path}: expected a mapping at the top / 最上層應為對應表")
    return loaded


def _is_empty_dir(path: Path) -> bool:
    return path.is_dir() and not any(path.iterdir())


def check_target(target: Path, replace: bool) -> None:
    if target.exists() and not target.is_dir():
        raise ClaimdeskError(f"{target}: is a file, not a folder / 這是檔案，不是資料夾")
    if target.exists() and not replace and not _is_empty_dir(target):
        raise ClaimdeskError(
            f"{target}: not empty; give --replace to replace it / "
            f"資料夾不是空的；要取代它請加上 --replace"
        )


def _files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.is_file())


def write_artifact(
    db_path: Path, metadata_path: Path, config_path: Path, target: Path, *, replace: bool = False
) -> dict[str, Any]:
    """Write the artifact into `target`; returns its manifest."""
    check_target(target, replace)
    target = target.absolute()  # uv runs in the repository, not here
    metadata = public_metadata(_read_yaml(metadata_path))
    config = public_config(_read_yaml(config_path))
    root = project_root()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        build = copy_database(db_path, staging / DATABASE)
        (staging / SERVER).mkdir()
        (staging / METADATA).write_text(dump_yaml(metadata), encoding="utf-8")
        (staging / CONFIG).write_text(dump_yaml(config), encoding="utf-8")
        (staging / REQUIREMENTS).write_text(export_requirements(root), encoding="utf-8")
        build_wheel(root, staging / SERVER)
        digests = {
            p.relative_to(staging).as_posix(): hashlib.sha256(p.read_bytes()).digest()
            for p in _files(staging)
        }
        document = manifest(digests, build)
        (staging / MANIFEST).write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        staging.chmod(0o755)  # mkdtemp makes it 0700; a server may run as another user
        _swap_into_place(staging, target, replace)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return document


def _swap_into_place(staging: Path, target: Path, replace: bool) -> None:
    """Rename the finished folder to `target`. An empty folder is replaced by the rename
    itself; a full one (with `replace`) is moved aside first, then removed."""
    check_target(target, replace)  # again: something may have appeared meanwhile
    if not target.exists() or _is_empty_dir(target):
        os.replace(staging, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
    os.replace(target, old / target.name)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
