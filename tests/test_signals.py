"""Issue 13 in real processes: SIGTERM / SIGHUP with ``--jobs 2`` (no orphaned workers, no partial
files), Ctrl-C at start-up and at the first plan prompt, two runs racing for one output name,
a full disk, and memory on endless input."""
from __future__ import annotations

import csv
import io
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coach import paths

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, sends POSIX signals")

COACH = [sys.executable, "-m", "coach"]
ROLES = ["sales trainers", "CFOs", "HR directors", "ICU nurses", "plumbers", "realtors", "accountants",
         "architects", "recruiters", "owners of family-run restaurants"]
PLACES = ["Akron", "Toledo", "Dayton", "Columbus", "Cleveland", "Canton", "Parma", "Lorain", "Elyria", "Kent"]


@pytest.fixture(scope="module")
def many_objectives(tmp_path_factory) -> Path:
    """Enough distinct objectives to keep two workers busy for several seconds (none cached)."""
    path = tmp_path_factory.mktemp("input") / "many.txt"
    path.write_text("".join(f"Meet {k % 17 + 2} {ROLES[k % 10]} in {PLACES[k // 10 % 10]} who use tool{k} by March\n"
                            for k in range(6000)))
    return path


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_for_workers(process: subprocess.Popen, count: int = 2, timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = children_of(process.pid)
        if len(workers) >= count:
            return workers
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"no {count} worker processes appeared: {process.communicate()[1]}")


@pytest.mark.parametrize("whom", ["parent", "group"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_signal_with_jobs_2_leaves_no_workers_and_no_partial_file(tmp_path, many_objectives, signum, whom):
    out = tmp_path / "graded.csv"
    process = subprocess.Popen([*COACH, "grade", str(many_objectives), "-o", str(out), "--jobs", "2", "-q"],
                               cwd=tmp_path, stderr=subprocess.PIPE, text=True, start_new_session=True)
    workers = wait_for_workers(process)
    time.sleep(0.3)  # inside spaCy's worker loop
    if whom == "group":
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    try:
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("coach grade did not stop after the signal")
    assert process.returncode == 128 + signum, err
    assert "Traceback" not in err and err.strip() == f"stopped by {signal.Signals(signum).name}"
    time.sleep(0.2)
    assert not [w for w in workers if alive(w)], "orphaned worker processes"
    assert list(tmp_path.iterdir()) == []  # no output, no claim, no .partial file


def test_sigterm_with_jobs_2_on_standard_output_leaves_no_workers(tmp_path, many_objectives):
    process = subprocess.Popen([*COACH, "grade", str(many_objectives), "--jobs", "2", "-q"], cwd=tmp_path,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    workers = wait_for_workers(process)
    time.sleep(0.3)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143 and "Traceback" not in err
    time.sleep(0.2)
    assert not [w for w in workers if alive(w)]


def test_sigterm_in_one_process_leaves_no_partial_file(tmp_path, many_objectives):
    out = tmp_path / "graded.html"
    process = subprocess.Popen([*COACH, "grade", str(many_objectives), "-o", str(out), "-q"], cwd=tmp_path,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".graded.html.*.partial")) and time.monotonic() < deadline:
        time.sleep(0.05)  # writing has started
    assert out.exists(), "the output name is claimed while writing"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_two_runs_to_the_same_new_output_never_both_succeed(tmp_path):
    out = tmp_path / "report.csv"
    runs = [subprocess.Popen([*COACH, "grade", str(paths.data_file("workshop.csv")), "-o", str(out), "-q"],
                             cwd=tmp_path, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = sorted((run.wait(timeout=120), run.stderr.read()) for run in runs)
    assert [code for code, _ in results] == [0, 2], results
    assert "exists" in results[1][1] and len(results[1][1].strip().splitlines()) == 1
    assert len(list(csv.reader(io.StringIO(out.read_text())))) == 21  # header + 20 rows, complete
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]


def read_until(stream, marker: bytes, timeout: float = 60) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], 0.2)
        if ready:
            chunk = os.read(stream.fileno(), 4096)
            if not chunk:
                break
            seen += chunk
    return seen


def test_ctrl_c_at_the_first_plan_prompt_exits_130(tmp_path):
    process = subprocess.Popen([*COACH, "plan"], cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    shown = read_until(process.stdout, b"  > ")
    assert b"Objective:" in shown, shown
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert b"Traceback" not in err and b"Aborted" not in err and b"interrupted" in err


@pytest.mark.parametrize("delay", [0.3, 0.8])
def test_ctrl_c_during_start_up_exits_130_without_traceback(tmp_path, delay):
    process = subprocess.Popen([*COACH, "check", "Meet sales trainers"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert "Traceback" not in err and err.strip() == "interrupted"


def test_full_disk_is_one_line_and_leaves_nothing(tmp_path):
    import resource

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (3000, 3000))  # writes past 3,000 bytes fail (EFBIG)

    result = subprocess.run([*COACH, "grade", str(paths.data_file("workshop.csv")), "-o", "out.csv", "-q"],
                            cwd=tmp_path, capture_output=True, text=True, preexec_fn=small_files, timeout=120)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Error: cannot write out.csv:") and len(result.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


MEASURE = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
           "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
ENDLESS = {
    "one endless line": "import sys\nwhile True: sys.stdout.write('x' * 65536)",
    "endless lines": "import sys\nwhile True: sys.stdout.write('Meet sales trainers in Akron\\n' * 2048)",
}


def run_measured(args: list[str], stdin, tmp_path) -> tuple[int, int, str]:
    """Exit status, peak memory (KiB) and standard error of ``coach args`` reading ``stdin``."""
    result = subprocess.run([sys.executable, "-c", MEASURE, *COACH, *args], stdin=stdin, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    *message, last = result.stderr.strip().splitlines()
    code, peak = map(int, last.split())
    return code, peak, "\n".join(message)


@pytest.mark.parametrize(("command", "source", "message"), [
    (["check"], "/dev/zero", "looks binary"),
    (["check"], "one endless line", "longer than 1 MiB"),
    (["check"], "endless lines", "larger than 16 MiB"),
    (["grade", "-", "--input-format", "csv"], "one endless line", "longer than 1 MiB"),
    (["grade", "-", "--input-format", "jsonl"], "/dev/zero", "looks binary"),
])
def test_memory_stays_bounded_on_endless_input(tmp_path, command, source, message):
    if source == "/dev/zero":
        with open("/dev/zero", "rb") as stdin:
            code, peak, err = run_measured(command, stdin, tmp_path)
    else:
        producer = subprocess.Popen([sys.executable, "-c", ENDLESS[source]], stdout=subprocess.PIPE,
                                    stderr=subprocess.DEVNULL)
        try:
            code, peak, err = run_measured(command, producer.stdout, tmp_path)
        finally:
            producer.kill()
            producer.wait()
    assert code == 2 and err.startswith("Error: ") and message in err and len(err.splitlines()) == 1, err
    assert peak < 600 * 1024, f"peak memory {peak // 1024} MiB"


def test_ctrl_c_during_an_xlsx_run_prints_one_line(tmp_path, many_objectives):
    out = tmp_path / "graded.xlsx"
    process = subprocess.Popen([*COACH, "grade", str(many_objectives), "-o", str(out), "--jobs", "2", "-q"],
                               cwd=tmp_path, stderr=subprocess.PIPE, text=True, start_new_session=True)
    workers = wait_for_workers(process)
    time.sleep(1.0)  # rows are being written to the sheet
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C reaches the terminal's whole process group
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and err.strip() == "interrupted", err  # no "Exception ignored" trace
    time.sleep(0.2)
    assert not [w for w in workers if alive(w)]
    assert list(tmp_path.iterdir()) == []


def test_worker_runs_end_when_their_work_is_done():
    # Workers used to be stopped with SIGTERM at the end of every run and could hang in Python's
    # exit on a lock the pool held: many short runs in one process must all end.
    script = ("import coach\nc = coach.load()\n"
              "for k in range(25):\n"
              "    c.clear_cache()\n"
              "    assert [r.grade for r in c.check_many([f'Meet CFOs in Akron {k}'], n_process=3)] == ['specific']\n"
              "print('done')\n")
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=240)
    assert finished.returncode == 0 and finished.stdout.strip() == "done", finished.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_on_standard_output_is_one_line_and_exit_2():
    with open("/dev/full", "w") as full:
        process = subprocess.run([*COACH, "check", "Meet nurses in Akron"], stdout=full,
                                 stderr=subprocess.PIPE, text=True, timeout=120)
    assert process.returncode == 2
    assert process.stderr.strip().splitlines() == ["Error: cannot write the output: No space left on device"]


def test_output_read_back_from_a_file_is_whole(tmp_path):
    out = tmp_path / "out.txt"
    with open(out, "w") as fh:
        process = subprocess.run([*COACH, "check", "Meet CFOs in Denver", "Meet nurses"], stdout=fh,
                                 stderr=subprocess.PIPE, text=True, timeout=120)
    assert process.returncode == 0, process.stderr
    text = out.read_text()
    assert text.count("SPECIFIC") + text.count("IMPROVED") == 2 and text.endswith("\n")
