#!/usr/bin/env python3
"""A handbook in git with a history of approved versions, for measuring `--no-history` against
the history (issue #27).

Usage: gen-history.py OUT_DIR [--processes N] [--departments D] [--versions V] [--gen-corpus PATH]

Makes the corpus of gen-corpus.py (same seed, same files), then commits it V times, every
process approved at versions 1.0 … V.0, each with its `changes:` entry and a real change (a
deadline, a step added, a party moved, a step renamed, a sentence of the body), and a draft
commit between approved ones. Commits in bulk: one commit per round for the whole handbook.
"""
import argparse, os, re, subprocess, sys

ROUNDS = ["deadline", "step", "party", "rename", "body"]
WORDS = {"deadline": "缩短接收时限", "step": "增加复核归档步骤", "party": "调整前两步的负责岗位",
         "rename": "第一步改名", "body": "正文增加回访要求", "首次发布": "首次发布"}


def git(out, *args, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="流程管理办公室", GIT_AUTHOR_EMAIL="pmo@example.com",
               GIT_COMMITTER_NAME="流程管理办公室", GIT_COMMITTER_EMAIL="pmo@example.com")
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=out, env=env, check=True, stdout=subprocess.DEVNULL)


def revise(text, version, kind, status, number):
    """The process file at `version`, changed in the way `kind` names."""
    text = re.sub(r'^status: \w+$', f"status: {status}", text, count=1, flags=re.M)
    text = re.sub(r'^version: "[^"]*"$', f'version: "{version}"', text, count=1, flags=re.M)
    entry = f'  - {{version: "{version}", date: 2026-0{number}-01, summary: 第{number}次修订：{WORDS[kind]}}}\n'
    if "\nchanges:\n" in text:
        text = text.replace("\nchanges:\n", "\nchanges:\n" + entry, 1)
    else:
        text = text.replace("\nsteps:\n", "\nchanges:\n" + entry + "steps:\n", 1)
    head, _, body = text[4:].partition("\n---\n")
    if kind == "deadline":
        head = re.sub(r'^(    deadline: ).*$', r'\g<1>接收后10分钟内', head, count=1, flags=re.M)
    elif kind == "step":
        responsible = re.search(r'^    responsible: (.*)$', head, flags=re.M).group(1)
        head += (f'\n  - id: r{number}\n    name: 复核归档\n    input: "归档资料"\n    responsible: {responsible}\n'
                 '    duties: "复核全部记录并归档"\n    deadline: 当日下班前\n    outputs: ["归档记录"]')
    elif kind == "party":
        lines = head.split("\n")
        parties = [i for i, line in enumerate(lines) if line.startswith("    responsible: ")]
        if len(parties) > 1:
            a, b = parties[0], parties[1]
            lines[a], lines[b] = lines[b], lines[a]
        head = "\n".join(lines)
    elif kind == "rename":
        head = re.sub(r'^(    name: )(.*)$', r'\g<1>\g<2>（修订）', head, count=1, flags=re.M)
    elif kind == "body":
        body = body.replace("。", "，并在两个工作日内回访确认。", 1)
    return "---\n" + head + "\n---\n" + body


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--processes", type=int, default=2000)
    ap.add_argument("--departments", type=int, default=60)
    ap.add_argument("--versions", type=int, default=5)
    ap.add_argument("--gen-corpus", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen-corpus.py"))
    a = ap.parse_args()
    if not os.path.exists(a.gen_corpus):
        a.gen_corpus = "/work/shared/bench/gen-corpus.py"
    subprocess.run([sys.executable, a.gen_corpus, a.out, "--processes", str(a.processes),
                    "--departments", str(a.departments)], check=True)
    folder = os.path.join(a.out, "content", "processes")
    names = sorted(os.listdir(folder))
    original = {}
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            original[name] = f.read()
    git(a.out, "init", "-q", "-b", "main")
    current = dict(original)
    for number in range(1, a.versions + 1):
        version = f"{number}.0"
        kind = ROUNDS[(number - 2) % len(ROUNDS)] if number > 1 else "首次发布"
        if number > 1:
            # A draft of the next version first: in history, never a version.
            for name in names:
                with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                    f.write(revise(current[name], version, kind, "draft", number))
            git(a.out, "add", "-A")
            git(a.out, "commit", "-q", "-m", f"草稿 {version}", date=f"2026-0{number}-01T09:00:00Z")
        for name in names:
            current[name] = revise(current[name], version, kind, "approved", number) if number > 1 else \
                revise(original[name], version, "首次发布", "approved", 1)
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(current[name])
        git(a.out, "add", "-A")
        git(a.out, "commit", "-q", "-m", f"批准 {version}", date=f"2026-0{number}-02T09:00:00Z")
    print(f"{len(names)} processes, {a.versions} approved versions each, {2 * a.versions - 1} commits in {a.out}")


if __name__ == "__main__":
    main()
