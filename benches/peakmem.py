#!/usr/bin/env python3
"""Runs a command and prints "SECONDS PEAK_RSS_KB PEAK_ANON_KB" on stderr's last line.

    peakmem.py OUT_FILE CMD [ARGS...]     (the command's stdout goes to OUT_FILE)

PEAK_RSS_KB is the kernel's high-water mark of the resident set (what GNU time reports). It
counts pages of files the process maps, such as index segments read during a merge, which the
kernel can drop at any time. PEAK_ANON_KB is the highest RssAnon seen by sampling
/proc/PID/status every 50 ms: the memory the process itself allocated.
"""
import resource
import subprocess
import sys
import time


def anon_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    started = time.perf_counter()
    with open(sys.argv[1], "wb") as out:
        p = subprocess.Popen(sys.argv[2:], stdout=out)
        peak_anon = 0
        while p.poll() is None:
            peak_anon = max(peak_anon, anon_kb(p.pid))
            time.sleep(0.05)
    seconds = time.perf_counter() - started
    peak_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{seconds:.3f} {peak_rss} {peak_anon}", file=sys.stderr)
    # Exit 3 (some files failed) still yields a measurement; anything else is an error.
    sys.exit(0 if p.returncode in (0, 3) else p.returncode)


if __name__ == "__main__":
    main()
