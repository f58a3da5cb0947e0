"""The HTML report opened in a real headless browser (Debian's chromium, installed by .ci/run)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach import paths
from coach.cli import main

ARTIFACTS = paths.checkout_dir() / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="chromium not installed (CI installs it; locally: apt-get install chromium)",
)


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    assert CHROMIUM, "CI must install chromium (see .ci/run)"
    profile = tmp_path / "profile"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=True)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "workshop.html"
    result = CliRunner().invoke(main, ["grade", str(paths.data_file("workshop.csv")), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def test_rendered_page_has_chart_and_one_card_per_participant(report, tmp_path):
    dom = run_chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    assert re.search(r'<svg[^>]*class="grade-chart"', dom)
    assert len(re.findall(r'<rect class="bar bar-', dom)) == 3
    assert len(re.findall(r'<section class="card ', dom)) == 20
    assert "Maria Lopez" in dom and "Networking objectives: workshop report" in dom


def test_screenshot_is_written_as_an_artifact(report, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "workshop-report.png"
    shot.unlink(missing_ok=True)
    run_chromium(tmp_path, "--window-size=1000,1600", f"--screenshot={shot}", report.as_uri())
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 20_000  # a blank page compresses to a few KB


def test_long_unbroken_name_does_not_widen_the_page(tmp_path):
    # Issue 13: a 10,000-character name without a break made the report 134,081 px wide.
    source = tmp_path / "in.csv"
    source.write_text("name,objective\n" + "N" * 10_000 + ",Meet owners of family-run restaurants in Lakewood\n")
    out = tmp_path / "report.html"
    assert CliRunner().invoke(main, ["grade", str(source), "-o", str(out), "-q"]).exit_code == 0
    # A copy of the report that writes its own layout width into the DOM (the report has no scripts).
    probe = tmp_path / "probe.html"
    probe.write_text(out.read_text().replace(
        "</body>", "<script>document.body.dataset.width = document.documentElement.scrollWidth</script></body>"))
    dom = run_chromium(tmp_path, "--window-size=1000,800", "--dump-dom", probe.as_uri()).stdout
    width = int(re.search(r'data-width="(\d+)"', dom).group(1))
    assert width <= 1000
