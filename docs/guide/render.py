"""Runs each guide's script and puts its output into the guide's page, between the lines
`<!-- output of NAME.sh -->` and `<!-- end of output -->`, so the pages show what the scripts
really print today. Pages are rewritten only when every script they name succeeded.

  python3 docs/guide/render.py [NAME ...]      # default: every page in docs/guide
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BLOCK = re.compile(r"(<!-- output of (\S+\.sh) -->\n).*?(<!-- end of output -->)", re.S)


def render(page):
    text = open(page, encoding="utf-8").read()

    def output(m):
        script = os.path.join(HERE, m.group(2))
        print(f"running {m.group(2)} ...", file=sys.stderr, flush=True)
        result = subprocess.run(["bash", script], capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"{m.group(2)} failed:\n{result.stderr}")
        return m.group(1) + "```text\n" + result.stdout.rstrip() + "\n```\n" + m.group(3)

    new = BLOCK.sub(output, text)
    fd, tmp = tempfile.mkstemp(dir=HERE, suffix=".md.tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(new)
    os.replace(tmp, page)
    print(f"wrote {os.path.relpath(page)}", file=sys.stderr)


def main():
    names = sys.argv[1:] or sorted(n[:-3] for n in os.listdir(HERE)
                                   if n.endswith(".md") and n != "README.md")
    for name in names:
        render(os.path.join(HERE, name + ".md"))


if __name__ == "__main__":
    main()
