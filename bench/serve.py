#!/usr/bin/env python3
"""How long `handbook serve` takes to show one edited process (issue: ≤ 100 ms at 2,000).

Usage: bench/serve.py HANDBOOK_BINARY CORPUS [EDITS] [SERVE OPTIONS…]  (e.g. --history)
Copies CORPUS to a temporary folder, starts `serve` on it, then EDITS times (default 5):
changes one process's step name to a new word, and polls that process page every 2 ms until
the word is there. Prints each time from the file write to the page showing it, and the
median. Poll timing is part of it, as it is for an author who saves and looks.
"""
import os, re, shutil, socket, statistics, subprocess, sys, tempfile, time, urllib.request

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return ""

def main():
    binary, corpus = sys.argv[1], sys.argv[2]
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    extra = sys.argv[4:]
    work = tempfile.mkdtemp(prefix="handbook-serve-bench-")
    root = os.path.join(work, "handbook")
    shutil.copytree(corpus, root, ignore=shutil.ignore_patterns("public", ".complete"))
    processes = sorted(os.listdir(os.path.join(root, "content", "processes")))
    target = os.path.join(root, "content", "processes", processes[len(processes) // 2])
    text = open(target, encoding="utf-8").read()
    pid = re.search(r"^id:\s*(\S+)", text, re.M)
    process_id = pid.group(1) if pid else os.path.basename(target)[:-3]
    port = free_port()
    log = open(os.path.join(work, "serve.log"), "w")
    started = time.monotonic()
    server = subprocess.Popen([binary, "serve", root, "--port", str(port)] + extra, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/processes/{process_id}/"
    try:
        while not fetch(url):
            if server.poll() is not None or time.monotonic() - started > 600:
                log.flush()
                sys.exit("serve did not show the page:\n" + open(log.name, encoding="utf-8").read()[-2000:])
            time.sleep(0.05)
        print(f"first build and first page: {time.monotonic() - started:.2f} s")
        times = []
        for n in range(edits):
            word = f"EDITED{n}X{os.getpid()}"
            edited = re.sub(r"^(\s*-?\s*name:\s*).*$", lambda m: m.group(1) + word, text, count=1, flags=re.M)
            time.sleep(0.3)  # distinct modification times between edits
            begin = time.monotonic()
            with open(target, "w", encoding="utf-8") as f:
                f.write(edited)
            while word not in fetch(url):
                if time.monotonic() - begin > 60:
                    sys.exit("the edit did not show within 60 s")
                time.sleep(0.002)
            times.append((time.monotonic() - begin) * 1000)
            print(f"edit {n + 1}: visible after {times[-1]:.0f} ms")
        print(f"median: {statistics.median(times):.0f} ms over {edits} edits ({len(processes)} processes)")
        log.flush()
        rebuilds = [line.strip() for line in open(log.name, encoding="utf-8") if line.startswith("Rebuilt")]
        print("serve's own log:", *rebuilds[-edits * 6:], sep="\n  ")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
