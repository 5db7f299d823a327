#!/usr/bin/env python3
"""Plain pages: handbook against Hugo on the same 5,000-page tree (issue #25).

Usage: bench/pages-vs-hugo.py [--pages 5000] [--runs 3] [--handbook .build/release/handbook] [--hugo hugo]

Generates one folder that both tools build: `content/` of nested sections (`_index.md` folder
pages, `weight`, `draft`, `aliases`, links written as addresses), `handbook.yml` and a minimal
Hugo theme (`layouts/`: a page, a section listing its pages, the home listing sections).
Then builds it with each tool in turn, interleaved, into fresh output folders, and prints
the median wall time and peak memory (GNU time's maximum RSS) of each, their ratio and the
machine. A benchmark, not a test: nothing in CI runs it.
"""
import argparse, os, platform, random, shutil, statistics, subprocess, sys, tempfile

WORDS = ("流程 审批 部门 岗位 职责 培训 评审 客户 投诉 采购 合同 报销 制度 规范 安全 质量 "
         "review approval process owner handbook policy guide onboarding security release").split()

def paragraph(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)) + "。"

def generate(root, pages, rng):
    content = os.path.join(root, "content")
    os.makedirs(content)
    # Whole sections of 10 topics × (a folder page + 9 pages), plus the section's page: 101 files.
    sections = max(1, round(pages / 101))
    made = 0
    for s in range(sections):
        for sub in range(10):
            folder = os.path.join(content, f"section-{s:03d}", f"topic-{sub:02d}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, "_index.md"), "w") as f:
                f.write(f"---\ntitle: 主题 {s}-{sub}\nweight: {sub}\n---\n{paragraph(rng, 40)}\n")
            made += 1
            for p in range(9):
                # A few drafts, none linked to (a published page linking to a draft is an error).
                draft = "true" if p == 8 and sub % 5 == 0 else "false"
                body = [f"# 页面 {s}-{sub}-{p}", "", paragraph(rng, 80), "",
                        f"见[上一节](../../../section-{max(0, s - 1):03d}/)与[同节](../page-{(p + 1) % 8}/)。", ""]
                for h in range(4):
                    body += [f"## 小节 {h}", "", paragraph(rng, 120), "", f"- {paragraph(rng, 10)}", f"- {paragraph(rng, 10)}", ""]
                with open(os.path.join(folder, f"page-{p}.md"), "w") as f:
                    f.write(f"---\ntitle: 页面 {s}-{sub}-{p}\nweight: {p}\ndraft: {draft}\n"
                            f"aliases: [/old/{s}/{sub}/{p}/]\n---\n" + "\n".join(body))
                made += 1
        with open(os.path.join(content, f"section-{s:03d}", "_index.md"), "w") as f:
            f.write(f"---\ntitle: 分区 {s}\nweight: {s}\n---\n{paragraph(rng, 30)}\n")
        made += 1
    with open(os.path.join(root, "handbook.yml"), "w") as f:
        f.write("title: Bench\n")
    with open(os.path.join(root, "hugo.toml"), "w") as f:
        f.write('baseURL = "/"\ntitle = "Bench"\nrelativeURLs = true\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n'
                '[markup.goldmark.renderer]\nunsafe = false\n')
    layouts = os.path.join(root, "layouts", "_default")
    os.makedirs(layouts)
    head = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>'
    with open(os.path.join(layouts, "single.html"), "w") as f:
        f.write(head + '<nav>{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> › {{ end }}</nav>'
                '<main><h1>{{ .Title }}</h1>{{ .Content }}</main>'
                '<aside><ul>{{ range .CurrentSection.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></aside>'
                '{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}'
                '{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>\n')
    with open(os.path.join(layouts, "list.html"), "w") as f:
        f.write(head + '<main><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>\n')
    return made

def timed(command, cwd):
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S"] + command, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    seconds, kib, user, system = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kib) / 1024, float(user) + float(system)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--handbook", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".build/release/handbook"))
    parser.add_argument("--hugo", default="hugo")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="pages-vs-hugo-")
    root = os.path.join(work, "tree")
    os.makedirs(root)
    made = generate(root, args.pages, random.Random(25))
    print(f"{made} Markdown files in {root}")
    results = {"handbook": [], "hugo": []}
    commands = {
        "handbook": lambda out: [args.handbook, "build", ".", "--output", out, "--no-spare"],
        "hugo": lambda out: [args.hugo, "--quiet", "--destination", out],
    }
    for run in range(args.runs):
        for tool in ("handbook", "hugo"):
            out = os.path.join(work, f"out-{tool}-{run}")
            results[tool].append(timed(commands[tool](out), root))
            files = sum(len(f) for _, _, f in os.walk(out))
            shutil.rmtree(out)
            wall, mb, cpu = results[tool][-1]
            print(f"run {run + 1} {tool:8s} {wall:6.2f} s {mb:7.0f} MB  CPU {cpu:6.2f} s  {files} files")
    med = {tool: tuple(statistics.median(run[i] for run in r) for i in range(3)) for tool, r in results.items()}
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = next((int(l.split()[1]) // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    print(f"machine: {os.cpu_count()} cores {cpu}, {mem} MB, {platform.system()} {platform.release()}")
    hugo_version = subprocess.run([args.hugo, "version"], capture_output=True, text=True).stdout.strip()
    print(f"hugo: {hugo_version}")
    load = open("/proc/loadavg").read().split()[0]
    print(f"load average at the end: {load} (with more than the cores busy, compare CPU time, not wall time)")
    for tool, (t, m, c) in med.items():
        print(f"median {tool:8s} {t:6.2f} s {m:7.0f} MB  CPU {c:6.2f} s")
    print(f"handbook / hugo: wall time {med['handbook'][0] / med['hugo'][0]:.2f} ×, CPU time {med['handbook'][2] / med['hugo'][2]:.2f} ×, "
          f"memory {med['handbook'][1] / med['hugo'][1]:.2f} × (goal ≤ 0.3 ×)")
    shutil.rmtree(work)

if __name__ == "__main__":
    main()
