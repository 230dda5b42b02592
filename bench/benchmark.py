#!/usr/bin/env python3
"""Measures pillar build and check against libcmark alone and Hugo on the same answer files.

Run through bench/run, which installs the tools and builds pillar in release mode. Every figure
is the median of several whole-process runs; ratios compare figures measured in the same run, so
they hold when the machine's speed drifts. See docs/performance.md.
"""
import argparse
import collections
import filecmp
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = "2026-11-01"


Run = collections.namedtuple("Run", "wall peak user system")


def run(command, **kwargs):
    """One run through GNU time: wall seconds, peak resident memory (MiB), and user and system
    CPU seconds, to tell Pillar's own work from the kernel's."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True, **kwargs)
    wall = time.perf_counter() - start
    if result.returncode not in (0, 1):
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    field = lambda pattern: re.search(pattern, result.stderr).group(1)
    return Run(wall, int(field(r"Maximum resident set size \(kbytes\): (\d+)")) / 1024,
               float(field(r"User time \(seconds\): ([\d.]+)")), float(field(r"System time \(seconds\): ([\d.]+)")))


# Every run's wall, user and system seconds by figure, kept in the JSON so the spread behind
# each median shows.
SAMPLES = {}


def summarize(label, runs):
    """Keeps every run of a figure in SAMPLES; returns its median wall seconds and peak MiB."""
    SAMPLES[label] = {"wall": [round(r.wall, 3) for r in runs], "user": [r.user for r in runs],
                      "system": [r.system for r in runs]}
    return statistics.median(r.wall for r in runs), max(r.peak for r in runs)


def median(label, command, runs, before=None, **kwargs):
    done = []
    for _ in range(runs):
        if before:
            before()
        done.append(run(command, **kwargs))
    return summarize(label, done)


def interleaved(figures, runs):
    """Each (label, command, before, after) once per round, round after round, after one round
    that is not counted (it fills the page cache and settles the file system): the machine's
    speed drifts over minutes, and interleaving lets a drift touch every figure alike, so ratios
    between them hold. Returns {label: (median seconds, peak MiB)}."""
    done = {label: [] for label, *_ in figures}
    for round_number in range(runs + 1):
        for label, command, before, after in figures:
            if before:
                before()
            result = run(command)
            if after:
                after()
            if round_number > 0:
                done[label].append(result)
    return {label: summarize(label, done[label]) for label in done}


class Trash:
    """Earlier outputs moved aside rather than deleted until the benchmark ends.

    On an ext4 without a journal (this project's development machine), creating a file scans
    past every inode deleted in the last 60 seconds, and in the last 360 seconds when the
    inode table block is dirty, which a build's own file creation makes it: building right after
    deleting a 20,000-file site spent up to 12 s more in the kernel than building after a pause,
    and a 1,000-workload build five minutes after deleting 20 GB still spent 6.8 s there instead
    of about 1.5 s. Nothing is deleted while figures are taken; leftovers of an earlier
    benchmark are deleted at the start, and every run starts by writing back what is pending and
    waiting for recent deletions (anyone's) to age out.
    """

    AGE_OUT_SECONDS = int(os.environ.get("BENCH_AGE_OUT", "361"))

    def __init__(self, work):
        self.folder = os.path.join(work, "trash")
        self.count = 0
        shutil.rmtree(self.folder, ignore_errors=True)
        print(f"waiting {self.AGE_OUT_SECONDS} s for recently deleted files to age out of the file system's inode search",
              flush=True)
        os.sync()
        time.sleep(self.AGE_OUT_SECONDS)
        os.makedirs(self.folder)

    def put(self, path):
        if os.path.lexists(path):
            self.count += 1
            os.rename(path, os.path.join(self.folder, str(self.count)))

    def empty(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def same_tree(a, b):
    """Byte-identical folders (the build marker and cache included)."""
    comparison = filecmp.dircmp(a, b)
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(os.path.join(a, d), os.path.join(b, d)) for d in comparison.common_dirs)


def generate(work, workloads, releases):
    folder = os.path.join(work, f"wb-{workloads}x{releases}")
    if not os.path.exists(os.path.join(folder, "reviews")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--out", folder, "--workloads", str(workloads),
                        "--releases", str(releases), "--seed", "1"], check=True)
    # A workbook kept from an earlier run gets the current templates: a new page needs its own.
    templates = os.path.join(folder, "templates")
    shutil.rmtree(templates, ignore_errors=True)
    shutil.copytree(os.path.join(os.path.dirname(HERE), "templates"), templates)
    return folder


def warm(workbook):
    """Reads every file of the workbook once, so each build of a series finds its input in the page
    cache as the first would not."""
    for base, _, names in os.walk(workbook):
        for name in names:
            with open(os.path.join(base, name), "rb") as handle:
                while handle.read(1 << 20):
                    pass


def markdown_files(workbook):
    found = []
    for base, _, names in os.walk(os.path.join(workbook, "reviews")):
        found += [os.path.join(base, n) for n in sorted(names) if n.endswith(".md")]
    return sorted(found)


def hugo_site(work, workbook):
    site = os.path.join(work, "hugo-" + os.path.basename(workbook))
    if not os.path.exists(site):
        os.makedirs(os.path.join(site, "layouts", "_default"))
        with open(os.path.join(site, "hugo.toml"), "w") as out:
            out.write('baseURL = "http://example.invalid/"\ntitle = "peer"\n'
                      'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n')
        page = "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><main>%s</main></body></html>\n"
        with open(os.path.join(site, "layouts", "_default", "single.html"), "w") as out:
            out.write(page % "{{ .Content }}")
        with open(os.path.join(site, "layouts", "_default", "list.html"), "w") as out:
            out.write(page % '<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>')
        shutil.copytree(os.path.join(workbook, "reviews"), os.path.join(site, "content"))
    return site


def findings_file(work, megabytes=200):
    """A Prowler OCSF findings file of the given size, made from the findings Prowler's own writer
    produced for the test fixture (Tests/Fixtures/evidence), spread over 500 accounts and many
    resources. Written as Prowler writes it: one JSON array."""
    path = os.path.join(work, f"findings-{megabytes}mb.ocsf.json")
    if os.path.exists(path):
        return path
    with open(os.path.join(HERE, "..", "Tests", "Fixtures", "evidence", "prowler-example.ocsf.json"), encoding="utf-8") as handle:
        templates = json.load(handle)
    target = megabytes * 1_000_000
    written = 0
    number = 0
    with open(path + ".part", "w", encoding="utf-8") as out:
        out.write("[")
        while written < target:
            finding = json.loads(json.dumps(templates[number % len(templates)]))
            account = "111122223333" if number % 50 == 0 else f"{500000000000 + number % 500:012d}"
            finding["cloud"]["account"]["uid"] = account
            for resource in finding.get("resources", []):
                resource["name"] = f"{resource.get('name', 'resource')}-{number}"
                resource["uid"] = f"{resource.get('uid', 'arn')}-{number}"
            text = ("," if number else "") + json.dumps(finding, indent=4)
            out.write(text)
            written += len(text)
            number += 1
        out.write("]")
    os.rename(path + ".part", path)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pillar", required=True)
    parser.add_argument("--workloads", type=int, default=1000)
    parser.add_argument("--releases", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scaling", default="100,1000", help="workload counts for the scaling figures")
    parser.add_argument("--work", default="/tmp/pillar-bench")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    pillar, runs, figures = args.pillar, args.runs, {}
    trash = Trash(args.work)
    for count in [args.workloads] + [int(c) for c in args.scaling.split(",") if c]:
        generate(args.work, count, args.releases)

    workbook = generate(args.work, args.workloads, args.releases)
    out = os.path.join(args.work, "site")
    build = [pillar, "build", "--root", workbook, "--output", out, "--date", DATE, "--quiet"]
    clean = lambda: trash.put(out)
    files = markdown_files(workbook)
    size = sum(os.path.getsize(f) for f in files)

    # The floor: libcmark alone on the same Markdown bytes (one process reading them all). The
    # floor, the full build, Hugo and the builds at one and two threads are taken in interleaved
    # rounds, so the ratios between them hold when the machine's speed drifts.
    if len(files) < 20000:
        cmark = ["sh", "-c", "cat \"$@\" | cmark > /dev/null", "sh"] + files
    else:
        cmark = ["sh", "-c", f"find {workbook}/reviews -name '*.md' -print0 | xargs -0 cat | cmark > /dev/null"]
    one_thread_out = out + "-1"

    def keep_one_thread_output():
        trash.put(one_thread_out)
        os.rename(out, one_thread_out)

    hugo = hugo_site(args.work, workbook)
    hugo_out = os.path.join(args.work, "hugo-out")
    measured = interleaved([
        ("libcmark_floor", cmark, None, None),
        ("full", build, clean, None),
        ("hugo", ["hugo", "--quiet", "-s", hugo, "-d", hugo_out], lambda: trash.put(hugo_out), None),
        ("one_thread", build + ["--jobs", "1"], clean, keep_one_thread_output),
        ("two_threads", build + ["--jobs", "2"], clean, None),
    ], runs)
    floor = measured["libcmark_floor"][0]
    full, full_peak = measured["full"]
    peer, peer_peak = measured["hugo"]
    one_thread, two_threads = measured["one_thread"][0], measured["two_threads"][0]
    threads_identical = same_tree(out, one_thread_out)
    trash.put(one_thread_out)
    unchanged, _ = median("no_change", build, runs)

    # One answer file changes: the rebuild, then a full build of the same input to compare with.
    target = os.path.join(workbook, "reviews", f"w{args.workloads // 2:05d}", sorted(
        n for n in os.listdir(os.path.join(workbook, "reviews", f"w{args.workloads // 2:05d}")) if n != "workload.md")[-1])
    original = open(target, encoding="utf-8").read()
    counter = [0]

    def touch():
        counter[0] += 1
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(original.replace("## SEC01", f"Benchmark edit {counter[0]}.\n\n## SEC01", 1))

    one_change, _ = median("one_change", build, runs, before=touch)
    reference = out + "-full"
    trash.put(reference)
    subprocess.run([pillar, "build", "--root", workbook, "--output", reference, "--date", DATE, "--quiet"], check=True)
    incremental_identical = same_tree(out, reference)
    trash.put(reference)
    with open(target, "w", encoding="utf-8") as handle:
        handle.write(original)

    check_one, _ = median("check_one_file", [pillar, "check", "--root", workbook, "--date", DATE, target], runs)
    # The whole workbook checked, and its metrics (issue 20: metrics under twice the check).
    check_all, check_all_peak = median("check_workbook", [pillar, "check", "--root", workbook, "--date", DATE], runs)
    metrics, metrics_peak = median("metrics", [pillar, "metrics", "--root", workbook, "--date", DATE, "--format", "json"],
                                   runs)
    # The search index's own share: the stage that writes its terms files, from one more full
    # build's --timings (its sections are read while pages are rendered, in the workloads stage).
    clean()
    timed = subprocess.run(build + ["--timings"], capture_output=True, text=True)
    stages = dict((m.group(1), float(m.group(2))) for m in re.finditer(r"^([a-z' ]+): ([\d.]+) s\b", timed.stderr, re.M))
    index_seconds = stages.get("search index", 0.0)

    # Evidence: Prowler's findings for the evidence fixture's workloads, 200 MB of them, read
    # streaming; the figure is the peak memory of the check that reads them.
    evidence_workbook = os.path.join(HERE, "..", "Tests", "Fixtures", "evidence", "workbook")
    findings = findings_file(args.work)
    evidence_time, evidence_peak = median("evidence_200mb", [pillar, "check", "--root", evidence_workbook, "--date", "2026-11-29",
                                                             "--evidence", findings], runs)

    # A pull request's posture comment: diff --against the base in a 300-workload git repository
    # where every workload's latest answer file changed.
    repo = os.path.join(args.work, f"diff-300x{args.releases}")
    if not os.path.exists(os.path.join(repo, "reviews")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--out", repo, "--workloads", "300",
                        "--releases", str(args.releases), "--seed", "1"], check=True)
    git = ["git", "-C", repo, "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    if not os.path.isdir(os.path.join(repo, ".git")):
        subprocess.run(git + ["init", "-q"], check=True)
        subprocess.run(git + ["add", "-A"], check=True)
        subprocess.run(git + ["commit", "-qm", "base"], check=True)
        for folder in sorted(os.listdir(os.path.join(repo, "reviews"))):
            answers = sorted(n for n in os.listdir(os.path.join(repo, "reviews", folder)) if n != "workload.md")
            with open(os.path.join(repo, "reviews", folder, answers[-1]), "a", encoding="utf-8") as handle:
                handle.write("\nBenchmark note.\n")
    diff_300, _ = median("diff_against_300", [pillar, "diff", "--root", repo, "--against", "HEAD", "--date", DATE,
                                              "--format", "markdown"], runs)

    scaling = []
    for count in [int(c) for c in args.scaling.split(",") if c]:
        scaled = generate(args.work, count, args.releases)
        warm(scaled)
        scaled_out = os.path.join(args.work, f"site-{count}")
        wall, peak = median(f"scaling_{count}", [pillar, "build", "--root", scaled, "--output", scaled_out, "--date", DATE, "--quiet"],
                            runs, before=lambda: trash.put(scaled_out))
        trash.put(scaled_out)
        scaling.append((count, wall, peak))

    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "workbook": {"workloads": args.workloads, "releases": args.releases, "answer_files": len(files), "markdown_bytes": size},
        "runs": runs,
        "seconds": {"libcmark_floor": floor, "full": full, "no_change": unchanged, "one_change": one_change,
                    "one_thread": one_thread, "two_threads": two_threads, "hugo": peer, "check_one_file": check_one,
                    "diff_against_300": diff_300, "evidence_200mb": evidence_time, "check_workbook": check_all,
                    "metrics": metrics, "search_index_stage": index_seconds},
        "stages_of_one_full_build": stages,
        "peak_mib": {"full": full_peak, "hugo": peer_peak, "evidence_200mb": evidence_peak,
                     "check_workbook": check_all_peak, "metrics": metrics_peak},
        "identical": {"one_vs_two_threads": threads_identical, "incremental_vs_full": incremental_identical},
        "scaling": [{"workloads": c, "seconds": w, "peak_mib": p} for c, w, p in scaling],
        "every_run_seconds": SAMPLES,
    }
    rows = [
        ("full build", f"{full:.2f} s", f"{full / floor:.2f}x the libcmark floor (target <= 2), search index included"),
        ("libcmark floor", f"{floor:.2f} s", f"{size / 1e6:.0f} MB of Markdown in {len(files)} files"),
        ("search index stage", f"{index_seconds:.2f} s",
         f"{100 * index_seconds / max(sum(stages.values()), 1e-9):.1f} % of one full build's stages (its terms files; sections are read while rendering)"),
        ("Hugo, same answer files", f"{peer:.2f} s", f"pillar is {peer / full:.2f}x as fast (target >= 1.3)"),
        ("rebuild, no change", f"{unchanged:.2f} s", f"{100 * unchanged / full:.1f} % of a full build (target <= 5 %)"),
        ("rebuild, one answer file changed", f"{one_change:.2f} s",
         f"{100 * one_change / full:.1f} % of a full build (target <= 10 %); output identical to a full build: {incremental_identical}"),
        # The first rebuild after a full build has no previous site to recycle yet (docs/architecture.md).
        ("  its first run, after a full build", f"{SAMPLES['one_change']['wall'][0]:.2f} s",
         f"{100 * SAMPLES['one_change']['wall'][0] / full:.1f} % (links every unchanged file; later rebuilds recycle the previous site)"),
        ("peak memory, full build", f"{full_peak:.0f} MiB", f"target <= 150 MB; Hugo {peer_peak:.0f} MiB"),
        ("1 thread / 2 threads", f"{one_thread:.2f} s / {two_threads:.2f} s",
         f"{one_thread / two_threads:.2f}x; byte-identical: {threads_identical}"),
        ("check one answer file", f"{check_one * 1000:.0f} ms", f"in a workbook of {args.workloads} workloads (target < 100 ms)"),
        ("check, whole workbook", f"{check_all:.2f} s", f"peak {check_all_peak:.0f} MiB"),
        ("metrics, whole workbook", f"{metrics:.2f} s",
         f"{metrics / check_all:.2f}x the whole check (target < 2); peak {metrics_peak:.0f} MiB"),
        ("diff --against, 300 workloads", f"{diff_300:.2f} s", "every latest answer file changed (target < 1 s)"),
        ("check with 200 MB of findings", f"{evidence_time:.2f} s",
         f"peak {evidence_peak:.0f} MiB (target < 150 MB), {os.path.getsize(findings) / 1e6:.0f} MB of Prowler OCSF JSON"),
    ]
    for (count, wall, peak), previous in zip(scaling, [None] + scaling[:-1]):
        growth = ""
        if previous:
            cpu = lambda n, kind: statistics.median(SAMPLES[f"scaling_{n}"][kind])
            growth = (f"; {count // previous[0]}x the workloads cost {wall / previous[1]:.2f}x the time "
                      f"(target <= {1.1 * count / previous[0]:.0f}x; user CPU {cpu(count, 'user') / cpu(previous[0], 'user'):.2f}x, "
                      f"kernel {cpu(count, 'system') / cpu(previous[0], 'system'):.2f}x)")
        limit = " (target <= 150 MB)" if count == 1000 else " (target <= 300 MB)" if count == 10000 else ""
        rows.append((f"full build, {count} workloads", f"{wall:.2f} s", f"{peak:.0f} MiB{limit}{growth}"))
    print(f"machine: {figures['machine']}; {runs} runs each, medians")
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>14}  {note}")
    if args.json:
        with open(args.json, "w") as out_file:
            json.dump(figures, out_file, indent=2)
    trash.put(out)
    trash.empty()


if __name__ == "__main__":
    main()
