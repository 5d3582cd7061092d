"""scripts/key_packet.py: what a reader of another authority's asks is given."""

import csv
import importlib.util
import shutil
from pathlib import Path

from analysis.config import RAW_DATA_DIR
from analysis.sources.documents import read_text
from analysis.tables.processed import read_table

PROJECT = Path(__file__).resolve().parents[1]
_SPEC = importlib.util.spec_from_file_location("key_packet", PROJECT / "scripts" / "key_packet.py")
key_packet = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(key_packet)

EARLY = RAW_DATA_DIR / "2012-09_ofsted_child-protection-inspection.txt"
LATE = RAW_DATA_DIR / "2016-11_ofsted_sif-inspection.txt"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _reports(tmp_path: Path) -> tuple[Path, Path]:
    """The two inspections under the names a key gives them (the stem is the source id)."""
    early, late = tmp_path / "brum-2012-cp.txt", tmp_path / "brum-2016-sif.txt"
    shutil.copy(EARLY, early)
    shutil.copy(LATE, late)
    return early, late


def test_the_packet_holds_every_pair_and_ask_year_numbered_as_the_pipeline(tmp_path):
    early, late = _reports(tmp_path)
    out = tmp_path / "packet"
    assert key_packet.main(["--out", str(out), "--pair", "Brum", str(early), str(late)]) == 0
    pipeline = read_table("recommendations", PROJECT / "data" / "processed")
    numbered = pipeline.groupby("year")["rec_no"].apply(list).to_dict()
    asks = _rows(out / "asks.csv")
    assert [int(r["rec_no"]) for r in asks] == numbered[2012] + numbered[2016]
    links = _rows(out / "links.csv")
    assert len(links) == len(numbered[2012]) * len(numbered[2016])
    assert {(r["from_source_id"], r["to_source_id"]) for r in links} == {
        ("brum-2012-cp", "brum-2016-sif")
    }
    assert all(r["link"] == "" and r["reason"] == "" for r in links)
    status = _rows(out / "status.csv")
    assert [(r["rec_no"], r["year"]) for r in status] == [(str(n), "2016") for n in numbered[2012]]
    assert (out / "brum-2016-sif.txt").read_text(encoding="utf-8") == read_text(LATE)
    assert (out / "concern_codebook.md").is_file()


def test_reports_in_the_wrong_order_write_no_packet(tmp_path, capsys):
    early, late = _reports(tmp_path)
    out = tmp_path / "packet"
    assert key_packet.main(["--out", str(out), "--pair", "Brum", str(late), str(early)]) == 1
    assert "not later than" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brum-2012-cp.txt", "brum-2016-sif.txt"]


def test_an_existing_folder_is_not_written_into(tmp_path, capsys):
    early, late = _reports(tmp_path)
    (tmp_path / "packet").mkdir()
    assert (
        key_packet.main(["--out", str(tmp_path / "packet"), "--pair", "B", str(early), str(late)])
        == 1
    )
    assert "exists" in capsys.readouterr().err
