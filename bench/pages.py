#!/usr/bin/env python3
"""Page sizes and load times of a large handbook, per page kind.

Usage: bench/pages.py [HANDBOOK_BINARY] [--processes 2000] [--departments 60] [--runs 5]
                      [--corpus DIR] [--site DIR [--no-build]] [--query 审核] [--role ROLE-ID]

Generates a handbook with ../shared/bench/gen-corpus.py (unless --corpus names one already
made), builds it with HANDBOOK_BINARY (default .build/debug/handbook), then
  - lists every HTML file over 1 MB (training/** marked: not this benchmark's to fix),
  - lists the largest HTML file of each page kind (bytes, and DOM nodes once loaded),
  - loads each kind's largest file in headless Chromium over the DevTools protocol
    (--remote-debugging-pipe: no WebSocket library needed) and prints the median time from
    Page.navigate to the load event (scripts included: search runs its query before it),
    over --runs loads after one warm-up. The goal: each kind <= 1 s.
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MB = 1 << 20


def kind_of(path):
    parts = path.split("/")
    if path == "index.html": return "home"
    if path == "404.html": return "notfound"
    if parts[0] == "processes": return "feedback" if parts[-1] == "feedback.html" else "process"
    if parts[0] == "departments": return "department"
    if parts[0] == "roles": return "role"
    if parts[0] == "training": return "training (department)" if len(parts) == 3 else "training (role)"
    if parts[0] == "matrix": return "matrix index" if len(parts) == 2 else "matrix (department)"
    if parts[0] == "search": return "search"
    return "page"


class Browser:
    """Headless Chromium driven over --remote-debugging-pipe (fd 3 in, fd 4 out, NUL-framed JSON)."""

    def __init__(self, profile):
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # Moved out of the way so that dup2 onto 3 and 4 cannot clobber one another.
        a, b = os.dup2(to_child_r, 200), os.dup2(from_child_w, 201)
        os.close(to_child_r); os.close(from_child_w)

        def wire():
            os.dup2(a, 3); os.dup2(b, 4)

        self.proc = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-dev-shm-usage", "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(3, 4, a, b), preexec_fn=wire, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(a); os.close(b)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session: message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.read()
            if reply.get("id") == self.next_id:
                if "error" in reply: raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def read(self):
        while b"\0" not in self.buffer:
            chunk = os.read(self.from_child, 1 << 20)
            if not chunk: raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_event(self, method, session, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[i]
                    return event
            self.events.append(self.read())
        raise TimeoutError(method)

    def load(self, url, probe=None):
        """Seconds from navigate to the load event in a fresh tab, the DOM's node count and
        what `probe` (a JavaScript expression) gives once loaded."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=session)
        self.events.clear()
        start = time.monotonic()
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_event("Page.loadEventFired", session)
        elapsed = time.monotonic() - start
        def evaluate(expression):
            return self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                             session=session)["result"].get("value")
        nodes = evaluate("document.getElementsByTagName('*').length")
        seen = evaluate(probe) if probe else None
        self.send("Target.closeTarget", {"targetId": target})
        return elapsed, nodes, seen

    def close(self):
        try: self.send("Browser.close")
        except Exception: pass
        try: self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired: self.proc.kill()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary", nargs="?", default=os.path.join(REPO, ".build/debug/handbook"))
    ap.add_argument("--processes", type=int, default=2000)
    ap.add_argument("--departments", type=int, default=60)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus")
    ap.add_argument("--site")
    ap.add_argument("--query", default="审核", help="what the search page is opened with")
    ap.add_argument("--role", default="dept-013-r0", help="the role the largest department page is narrowed to")
    ap.add_argument("--no-build", action="store_true", help="measure the site already in --site")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="handbook-pages-")
    corpus = a.corpus or os.path.join(work, "corpus")
    if not a.corpus:
        subprocess.run([sys.executable, os.path.join(REPO, "../shared/bench/gen-corpus.py"), corpus,
                        "--processes", str(a.processes), "--departments", str(a.departments)], check=True)
    site = a.site or os.path.join(work, "site")
    if not (a.no_build and a.site):
        subprocess.run([a.binary, "build", corpus, "--output", site], check=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="1767225600"))

    files = []
    for folder, _, names in os.walk(site):
        for name in names:
            if name.endswith(".html"):
                path = os.path.relpath(os.path.join(folder, name), site)
                files.append((os.path.getsize(os.path.join(folder, name)), path))
    files.sort(reverse=True)
    total = sum(size for size, _ in files)
    print(f"{len(files)} HTML files, {total / MB:.1f} MB; search index "
          f"{os.path.getsize(os.path.join(site, 'assets/search-index.js')) / MB:.2f} MB")
    over = [(s, p) for s, p in files if s > MB]
    print(f"\nover 1 MB: {len(over)}")
    for size, path in over:
        print(f"  {size / MB:6.2f} MB  {path}" + ("   (training: the lead's)" if path.startswith("training/") else ""))

    largest = {}
    for size, path in files:
        largest.setdefault(kind_of(path), (size, path))
    # Each kind's largest page; the search page with a query, the largest department page
    # also narrowed to one of its roles (assets/filter.js runs before the load event).
    loads = []
    for kind, (size, path) in sorted(largest.items(), key=lambda item: -item[1][0]):
        url = "file://" + os.path.join(site, path)
        if kind == "search":
            loads.append((kind, path, size, url + "?q=" + a.query,
                          "document.getElementById('search-status').textContent"))
            continue
        loads.append((kind, path, size, url, None))
        if kind == "department":
            loads.append(("department, one role", path, size, url + "?roles=" + a.role,
                          "document.querySelector('[data-filter-status]').textContent"))
    browser = Browser(os.path.join(work, "profile"))
    print(f"\n{'kind':24} {'largest file':48} {'KB':>6} {'nodes':>6} {'load ms':>8}  (median of {a.runs})")
    try:
        for kind, path, size, url, probe in loads:
            browser.load(url)  # warm-up: the file in the page cache, the browser's code paged in
            times, nodes, seen = [], 0, None
            for _ in range(a.runs):
                elapsed, nodes, seen = browser.load(url, probe)
                times.append(elapsed)
            median = statistics.median(times) * 1000
            flag = "  > 1 s" if median > 1000 else ""
            print(f"{kind:24} {path[:48]:48} {size / 1024:6.0f} {nodes:6d} {median:8.0f}{flag}" + (f"  {seen}" if seen else ""))
    finally:
        browser.close()
    print(f"\nsite: {site}")


if __name__ == "__main__":
    main()
