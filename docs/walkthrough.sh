#!/usr/bin/env bash
# The README's walk through the review commands, run for real in a scratch folder:
#   bash docs/walkthrough.sh        (from the repository root, after `make setup`)
# Its output is what the README shows.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
claimdesk="$root/.venv/bin/claimdesk"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
cp "$root/tests/fixtures/articles/taiwan_semis.txt" tsmc-q2.txt
show() { echo "\$ $*"; "$@" 2>&1 || true; echo; }
id_of() { "$claimdesk" queue --format json | python3 -c \
  "import json,sys; print(next(c['claim_id'] for c in json.load(sys.stdin)['claims'] if c['text'] == sys.argv[1]))" "$1"; }

show "$claimdesk" add tsmc-q2.txt --slug tsmc-q2 --publisher 中央社 --published 2023-07-15
show "$claimdesk" queue --article tsmc-q2
profit=$(id_of 1818億元)
export CLAIMDESK_EDITOR=amy
show "$claimdesk" assign "$profit"
show "$claimdesk" verify "$profit" --verdict correct \
  --evidence-url https://investor.tsmc.com/chinese/quarterly-results/2023/q2 \
  --evidence-quote "本期稅後純益為新台幣1,818億元" --source-value 1818.0億 --source-time 2023-Q2 \
  --explanation "台積電第二季財報：稅後純益新台幣1,818億元，與報導相符。" \
  --explanation "TSMC's Q2 report: net income NT\$181.8 billion, as reported." \
  --note "IR page checked 7/16; the PDF has the same figure"
show "$claimdesk" approve "$profit"
show env CLAIMDESK_EDITOR=ben "$claimdesk" approve "$profit"
revenue=$(id_of 新台幣4808.4億元)
show "$claimdesk" correct "$revenue" --field time --to 2023-Q2 --reason "第二季 is the second quarter of 2023"
share=$(id_of ３成)
show "$claimdesk" dismiss "$share" --reason "法人 (unnamed analysts) is not a source anyone can check"
show "$claimdesk" build --db claimdesk.db
