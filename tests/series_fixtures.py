"""Real official files committed as fixtures (tests/fixtures/series/README.md says where each
comes from), with what is known of each release: the tests, the screenshots and the docs'
example import them with `claimdesk series import`, as a newsroom's cron job would."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

SERIES_FIXTURES = ROOT / "tests" / "fixtures" / "series"


@dataclass(frozen=True)
class Published:
    file: str
    mapping: str
    released: str
    url: str
    retrieved: str  # UTC

    @property
    def path(self) -> Path:
        return SERIES_FIXTURES / self.file

    def import_args(self, claims_dir: Path) -> list[str]:
        return [
            "series", "import", str(self.path), "--mapping", self.mapping,
            "--release-date", self.released, "--url", self.url,
            "--retrieved", self.retrieved, "--claims-dir", str(claims_dir),
        ]  # fmt: skip


_DATA_GOV_SG = "https://storage.data.gov.sg/container-throughput-monthly-total/resources/"
# data.gov.sg, Maritime and Port Authority of Singapore: two releases a month apart; the second
# revised the first's two latest months (2023-03, 2023-04) and added 2023-05.
SG_MAY = Published(
    "container-throughput-monthly-2023-05-15.csv",
    "datagovsg-container-throughput",
    "2023-05-15",
    _DATA_GOV_SG + "container-throughput-monthly-2023-05-15T04-38-33Z.csv",
    "2023-05-20T08:46:21",
)
SG_JUNE = Published(
    "container-throughput-monthly-2023-06-14.csv",
    "datagovsg-container-throughput",
    "2023-06-14",
    _DATA_GOV_SG + "container-throughput-monthly-2023-06-14T04-30-32Z.csv",
    "2023-06-16T16:27:32",
)
# 主計總處 (DGBAS), Taiwan: the CPI table downloaded from its macro-statistics database. Its
# release date was not recorded: the day it was retrieved stands for it.
TW_CPI = Published(
    "dgbas-cpi-basic-groups.csv",
    "dgbas-cpi",
    "2024-11-13",
    "https://nstatdb.dgbas.gov.tw/dgbasall/webMain.aspx?k=dgmain",
    "2024-11-13T06:40:41",
)
