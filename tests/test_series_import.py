"""`claimdesk series import` on real official files (tests/fixtures/series/): the shipped
mappings read them, the same file twice adds nothing, a changed file adds a release, and a
file that does not fit its mapping is named with its row and column."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from claimdesk.cli.main import cli
from claimdesk.series.store import load_one
from series_fixtures import SG_JUNE, SG_MAY, TW_CPI, Published


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def imported(published: Published, claims_dir: Path) -> str:
    result = run(*published.import_args(claims_dir))
    assert result.exit_code == 0, result.output
    return result.output


def import_table(table: Path, mapping: str | Path, url: str, claims_dir: Path) -> Result:
    return run("series", "import", str(table), "--mapping", str(mapping), "--url", url,
               "--claims-dir", str(claims_dir))  # fmt: skip


def release_file(claims_dir: Path, series_id: str, name: str) -> Path:
    return claims_dir / "series" / series_id / "releases" / f"{name}.yml"


def test_the_data_gov_sg_table_is_read_with_its_scale(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    output = imported(SG_MAY, claims)
    assert output.startswith("sg-container-throughput: release 2023-05-15, 340 cells")
    stored = load_one(claims, "sg-container-throughput")
    assert stored is not None
    assert stored.info.claim_unit == "TEU" and stored.info.frequency == "monthly"
    [release] = stored.releases
    cells = release.release.cells
    # '000 TEU multiplied out, whole where the table's figure is whole in TEU.
    assert cells["1995-01"] == 946360 and isinstance(cells["1995-01"], int)
    assert cells["2023-04"] == 3256181
    assert cells["2023-03"] == 3326790.75
    assert release.release.released.isoformat() == "2023-05-15"
    assert release.release.sha256 == (
        "5ef454cec38a8b40ef7b109643918d1a06d81cb021dbc62a91d154aa76469ebc"
    )


def test_the_dgbas_table_is_read_from_its_roc_calendar_months(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    output = imported(TW_CPI, claims)
    assert output.startswith("tw-cpi: release 2024-11-13, 69 cells")
    stored = load_one(claims, "tw-cpi")
    assert stored is not None
    cells = stored.releases[0].release.cells
    assert (min(cells), max(cells)) == ("2019-01", "2024-09")  # 108年1月 … 113年9月
    assert cells["2019-01"] == 97.19 and cells["2024-09"] == 108.46
    assert stored.info.claim_unit == "point"


def test_importing_the_same_file_twice_adds_nothing(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    imported(SG_MAY, claims)
    written = release_file(claims, "sg-container-throughput", "2023-05-15").read_bytes()
    again = run(
        *SG_MAY.import_args(claims)[:5],
        "--url",
        "https://example.org/x.csv",
        "--claims-dir",
        str(claims),
    )
    assert again.exit_code == 0, again.output
    assert "unchanged, release 2023-05-15 holds this file already" in again.output
    releases = sorted((claims / "series" / "sg-container-throughput" / "releases").iterdir())
    assert [p.name for p in releases] == ["2023-05-15.yml"]
    assert releases[0].read_bytes() == written


def test_a_changed_file_adds_a_release_and_keeps_the_first(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    imported(SG_MAY, claims)
    first = release_file(claims, "sg-container-throughput", "2023-05-15").read_bytes()
    output = imported(SG_JUNE, claims)
    assert output.startswith("sg-container-throughput: release 2023-06-14, 341 cells")
    assert release_file(claims, "sg-container-throughput", "2023-05-15").read_bytes() == first
    stored = load_one(claims, "sg-container-throughput")
    assert stored is not None
    assert [r.release.cells["2023-04"] for r in stored.releases] == [3256181, 3264669]
    shown = run(
        "series",
        "show",
        "sg-container-throughput",
        "--period",
        "2023-04",
        "--claims-dir",
        str(claims),
    )
    assert "2023-04 in 2023-06-14: 3264669  (revised from 3256181)" in shown.output


def test_a_second_release_on_one_day_is_numbered(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    imported(SG_MAY, claims)
    same_day = run(
        "series",
        "import",
        str(SG_JUNE.path),
        "--mapping",
        SG_JUNE.mapping,
        "--release-date",
        "2023-05-15",
        "--url",
        SG_JUNE.url,
        "--claims-dir",
        str(claims),
    )
    assert same_day.exit_code == 0, same_day.output
    assert release_file(claims, "sg-container-throughput", "2023-05-15-2").exists()


def test_release_files_are_plain_diff_friendly_yaml(tmp_path: Path) -> None:
    claims = tmp_path / "claims"
    imported(SG_MAY, claims)
    text = release_file(claims, "sg-container-throughput", "2023-05-15").read_text()
    assert text.splitlines()[:3] == [
        "released: '2023-05-15'",
        f"url: {SG_MAY.url}",
        "retrieved: '2023-05-20T08:46:21Z'",
    ]
    assert '  "2023-03": 3326790.75\n  "2023-04": 3256181\n' in text
    assert yaml.safe_load(text)["cells"]["1995-01"] == 946360


def test_a_value_that_is_no_number_is_named_with_its_row_and_column(tmp_path: Path) -> None:
    table = tmp_path / "cpi.csv"
    may_2019 = '"108年5月",'.encode()
    table.write_bytes(
        TW_CPI.path.read_bytes().replace(may_2019 + b'"98.39"', may_2019 + b'"9o.39"')
    )
    result = import_table(table, "dgbas-cpi", TW_CPI.url, tmp_path / "claims")
    assert result.exit_code == 1
    assert f"{table}: line 8: column '總指數': '9o.39' 不是數字 · is not a number" in result.output
    assert not (tmp_path / "claims" / "series").exists()


def test_a_period_the_mapping_cannot_read_is_named(tmp_path: Path) -> None:
    table = tmp_path / "throughput.csv"
    table.write_bytes(SG_MAY.path.read_bytes().replace(b"1995-02,", b"Feb 1995,"))
    result = import_table(table, SG_MAY.mapping, SG_MAY.url, tmp_path / "claims")
    assert result.exit_code == 1
    assert f"{table}: line 3: column 'month': 'Feb 1995':" in result.output


def test_a_table_of_another_shape_is_refused_with_the_columns_it_has(tmp_path: Path) -> None:
    result = import_table(TW_CPI.path, SG_MAY.mapping, SG_MAY.url, tmp_path / "claims")
    assert result.exit_code == 1
    assert "the header has no column 'month', 'container_throughput'" in result.output


def test_a_release_needs_a_web_address(tmp_path: Path) -> None:
    result = import_table(SG_MAY.path, SG_MAY.mapping, "javascript:alert(1)", tmp_path / "claims")
    assert result.exit_code == 1
    assert "only an http or https address is accepted" in result.output
    assert not (tmp_path / "claims" / "series").exists()


def test_a_newsrooms_own_json_mapping(tmp_path: Path) -> None:
    """A mapping file of the newsroom's own, for a JSON table (C&SD's web-table API gives its
    records under `dataSet`, a period written 202305 and a `figure`): the CSV's figures
    written as such records read the same."""
    mapping = tmp_path / "throughput-json.yml"
    shipped = yaml.safe_load(
        (
            Path(__file__).parents[1]
            / "src/claimdesk/series/mappings"
            / "datagovsg-container-throughput.yml"
        ).read_text()
    )
    shipped.update(
        name="throughput-json",
        format="json",
        records=["dataSet"],
        period={"column": "period", "style": "yyyymm"},
        value={"column": "figure", "scale": 1000},
    )
    mapping.write_text(yaml.safe_dump(shipped, allow_unicode=True))
    rows = [line.split(",") for line in SG_MAY.path.read_text().splitlines()[1:]]
    records = [{"period": month.replace("-", ""), "figure": value} for month, value in rows]
    table = tmp_path / "throughput.json"
    table.write_text(json.dumps({"header": {"status": "ok"}, "dataSet": records}))
    result = import_table(table, mapping, SG_MAY.url, tmp_path / "claims")
    assert result.exit_code == 0, result.output
    stored = load_one(tmp_path / "claims", "sg-container-throughput")
    assert stored is not None
    assert stored.releases[0].release.cells["2023-04"] == 3256181


def test_the_shipped_mappings_are_listed() -> None:
    result = run("series", "mappings")
    assert result.output.splitlines()[0].startswith("datagovsg-container-throughput: ")
    assert result.output.splitlines()[1].startswith("dgbas-cpi: ")


@pytest.mark.parametrize("name", ["series.yml", "releases/2023-05-15.yml"])
def test_series_list_names_a_bad_file_and_lists_the_rest(tmp_path: Path, name: str) -> None:
    claims = tmp_path / "claims"
    imported(SG_MAY, claims)
    imported(TW_CPI, claims)
    path = claims / "series" / "sg-container-throughput" / name
    path.write_text(path.read_text() + "colour: blue\n")
    result = CliRunner().invoke(cli, ["series", "list", "--claims-dir", str(claims)])
    assert result.exit_code == 0
    assert f"{path}:" in result.output and "colour: Extra inputs are not permitted" in result.output
    assert "tw-cpi  1 releases, latest 2024-11-13" in result.output
    shutil.rmtree(claims)
