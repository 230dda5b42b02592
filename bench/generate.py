#!/usr/bin/env python3
"""Writes a synthetic but realistic workbook: N workloads x R releases over the shipped question set.

Deterministic from --seed: the same arguments always write the same bytes. Notes have paragraphs,
lists, links and code; answers include not-applicable practices with reasons, improvements and
risk acceptances; posture improves release by release with the odd regression, as real reviews do.

    python3 bench/generate.py --out /tmp/wb --workloads 1000 --releases 10
"""
import argparse
import os
import random
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

WORDS = (
    "access account alert audit backup baseline boundary build certificate classification cluster "
    "compliance container credential dashboard data deployment detection encryption endpoint evidence "
    "federation finding gateway guardrail identity incident inventory key least-privilege log monitoring "
    "network owner patch pipeline playbook policy posture privilege queue recovery registry release review "
    "role rotation runbook scan secret segment service session storage team threat token traffic vault "
    "vulnerability workload").split()
LEVELS = ["public", "internal", "confidential", "restricted"]
TEAMS = ["payments", "identity", "platform", "data", "search", "mobile", "billing", "growth", "support", "risk"]
PEOPLE = ["a.khan", "j.doe", "m.ruiz", "s.okafor", "l.chen", "r.patel", "k.novak", "e.silva"]


def read_questions(folder):
    """(question id, title, [(practice id, title)]) for every question file, from its front matter."""
    questions = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".md") or name in ("lens.md", "classification.md", "mappings.md", "README.md"):
            continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        front = text.split("\n---\n", 1)[0]
        qid = re.search(r"^id: (\S+)", front, re.M).group(1)
        title = re.search(r"^title: (.+)$", front, re.M).group(1).strip().strip('"')
        practices = re.findall(r"- id: (\S+)\n\s+title: (.+)", front)
        questions.append((qid, title, [(p, t.strip().strip('"')) for p, t in practices]))
    return questions


def sentence(rng, words=12):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def note(rng):
    """A note of realistic length and shape."""
    parts = [" ".join(sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 4)))]
    kind = rng.random()
    if kind < 0.3:
        parts.append("\n".join(f"- {sentence(rng, rng.randint(4, 9))}" for _ in range(rng.randint(2, 4))))
    elif kind < 0.5:
        parts.append(f"Evidence: [ticket SEC-{rng.randint(100, 9999)}](https://tickets.example.com/SEC-{rng.randint(100, 9999)}) "
                     f"and the [runbook](https://wiki.example.com/runbooks/{rng.choice(WORDS)}).")
    elif kind < 0.6:
        parts.append("```\n" + "\n".join(f"{rng.choice(WORDS)}: {rng.randint(1, 99)}" for _ in range(3)) + "\n```")
    return "\n\n".join(parts)


def answer_file(rng, release, reviewed, questions, maturity, version, acceptance):
    lines = ["---", f'release: "{release}"', f"reviewed: {reviewed}",
             f"reviewers: [{', '.join(rng.sample(PEOPLE, 2))}]", f'question-set: "{version}"']
    missing = []
    body = ["", note(rng)]
    for qid, title, practices in questions:
        body += ["", f"## {qid} {title}"]
        for pid, ptitle in practices:
            roll = rng.random()
            if roll < 0.06:
                body.append(f"- [n/a] {pid} {ptitle}: {sentence(rng, 6).lower().rstrip('.')}")
            elif roll < 0.06 + maturity:
                body.append(f"- [x] {pid} {ptitle}")
                if rng.random() < 0.25:
                    body.append("  " + sentence(rng, 10) + f" See [evidence](https://wiki.example.com/{pid.lower()}).")
            else:
                body.append(f"- [ ] {pid} {ptitle}")
                missing.append(pid)
        if rng.random() < 0.6:
            body += ["", note(rng)]
    if missing:
        lines.append("improvements:")
        for pid in rng.sample(missing, min(len(missing), rng.randint(1, 3))):
            lines += [f"  - practice: {pid}", f"    owner: {rng.choice(PEOPLE)}",
                      f"    due: {int(reviewed[:4]) + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                      f"    note: {sentence(rng, 8)}"]
        if acceptance:
            pid = rng.choice(missing)
            lines += ["acceptances:", f"  - practice: {pid}", f"    approver: {rng.choice(PEOPLE)}",
                      f"    reason: {sentence(rng, 10)}", f"    expires: {int(reviewed[:4]) + 1}-06-30"]
    lines.append("---")
    return "\n".join(lines + body) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--workloads", type=int, default=100)
    parser.add_argument("--releases", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--questions", default=os.path.join(REPO, "questions"))
    parser.add_argument("--templates", default=os.path.join(REPO, "templates"))
    args = parser.parse_args()

    rng = random.Random(args.seed)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    shutil.copytree(args.questions, os.path.join(args.out, "questions"))
    shutil.copytree(args.templates, os.path.join(args.out, "templates"))
    version = re.search(r'^version: "?([^"\n]+)', open(os.path.join(args.questions, "lens.md")).read(), re.M).group(1)
    questions = read_questions(args.questions)
    models = sorted(n[:-3] for n in os.listdir(os.path.join(args.questions, "threat-models")) if n.endswith(".md"))
    for index in range(1, args.workloads + 1):
        wid = f"w{index:05d}"
        folder = os.path.join(args.out, "reviews", wid)
        os.makedirs(folder)
        team = rng.choice(TEAMS)
        with open(os.path.join(folder, "workload.md"), "w", encoding="utf-8") as out:
            out.write(f"---\nname: {team.capitalize()} service {index}\nowner: {team}-team\n"
                      f"classification: {rng.choice(LEVELS)}\nenvironments: [staging, production]\n"
                      f"tags: [{team}, tier-{rng.randint(1, 3)}]\nthreat-model: {rng.choice(models)}\n---\n{note(rng)}\n")
        maturity = rng.uniform(0.45, 0.7)
        for release in range(1, args.releases + 1):
            year, quarter = 2024 + (release - 1) // 4, (release - 1) % 4 + 1
            name = f"{year}.{quarter}"
            reviewed = f"{year}-{quarter * 3:02d}-{rng.randint(1, 28):02d}"
            maturity = min(0.95, maturity + rng.uniform(-0.03, 0.06))
            text = answer_file(rng, name, reviewed, questions, maturity, version, release == args.releases and rng.random() < 0.3)
            with open(os.path.join(folder, f"{name}.md"), "w", encoding="utf-8") as out:
                out.write(text)


if __name__ == "__main__":
    main()
