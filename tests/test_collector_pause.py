"""The garbage collector is paused while chunks are graded and restored after the last one,
whatever order two threads' chunks start and end in."""
import gc
import threading

from coach.api import _collector_paused


def test_collector_back_on_after_overlapping_chunks_end_in_any_order():
    assert gc.isenabled()
    first_in = threading.Event()
    second_in = threading.Event()
    first_out = threading.Event()
    seen = []

    def first():
        with _collector_paused():
            first_in.set()
            second_in.wait(5)
            seen.append(gc.isenabled())
        first_out.set()

    def second():
        first_in.wait(5)
        with _collector_paused():
            second_in.set()
            first_out.wait(5)  # the first chunk ends while this one still runs
            seen.append(gc.isenabled())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [False, False]
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off():
    gc.disable()
    try:
        with _collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
