#!/usr/bin/env python3
"""What writing a site costs on its own: reads every file under SITE into memory (untimed), then
times creating them under OUT (folders first, then open/write/close per file, one core).
Usage: bench/sitewrite.py SITE OUT   (OUT is replaced)"""
import os
import shutil
import sys
import time

site, out = sys.argv[1], sys.argv[2]
files = []
for root, _, names in os.walk(site):
    for name in names:
        path = os.path.join(root, name)
        with open(path, 'rb') as f:
            files.append((os.path.relpath(path, site), f.read()))
shutil.rmtree(out, ignore_errors=True)
os.sync()
start, cpu = time.perf_counter(), os.times()
for folder in sorted({os.path.dirname(rel) for rel, _ in files}):
    os.makedirs(os.path.join(out, folder), exist_ok=True)
for rel, data in files:
    fd = os.open(os.path.join(out, rel), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.write(fd, data)
    os.close(fd)
end, cpu_end = time.perf_counter(), os.times()
print(f"{len(files)} files, {sum(len(d) for _, d in files) / 1e6:.1f} MB: "
      f"{end - start:.3f} s wall, {cpu_end.user - cpu.user:.3f} s user, {cpu_end.system - cpu.system:.3f} s system")
