#!/bin/bash
# selftests/lib_cli.sh: assertions about the kips command's output and exit
# status, for the cli_* and monitor scenarios.  Sourced after lib.sh.
#
# Python starts slowly in the test VM (seconds, over 9p and TCG), so JSON
# is judged in one go: expect_json runs its command at once and keeps the
# output; verify_json then parses every kept document with python3's json
# module (what `python3 -m json.tool` uses) and evaluates every
# expectation, in one python3 process, and reports each as PASS or FAIL.

# Run on its own (run-all takes every selftests/*.sh), it has nothing to do.
[ -n "${KT_TMP:-}" ] || { return 0 2> /dev/null; exit 0; }

KT_JSON_CHECKS=$KT_TMP/json-checks
KT_JSON_N=0
: > "$KT_JSON_CHECKS"

# check_status WHAT STATUS REGEX CMD...: passes when CMD exits with exactly
# STATUS and its output (stdout and stderr) matches the extended REGEX.
check_status() {
	local what=$1 want=$2 re=$3 out rc; shift 3
	out=$("$@" 2>&1); rc=$?
	if [ "$rc" -eq "$want" ] && printf '%s' "$out" | grep -Eq -- "$re"; then
		pass "$what"
	else
		fail "$what: '$*' exited $rc (expected $want), expected /$re/, got: $(printf '%s' "$out" | head -n 3 | tr '\n' ' ')"
	fi
}

# json_eval EXPR: reads one JSON document on stdin and exits 0 when the
# Python expression EXPR (with the document bound to `d`) is true, 1 when
# it is false, 2 when the input is not JSON.
json_eval() {
	python3 -c '
import json, sys
try:
    d = json.loads(sys.stdin.read())
except ValueError as e:
    print("not JSON: %s" % e)
    sys.exit(2)
try:
    ok = eval(sys.argv[1])
except Exception as e:
    print("%s: %s" % (type(e).__name__, e))
    sys.exit(1)
sys.exit(0 if ok else 1)' "$1"
}

# check_json WHAT EXPR CMD...: as expect_json, judged at once (two python3
# starts: prefer expect_json where many checks are made).
check_json() {
	local what=$1 expr=$2 out rc why; shift 2
	out=$("$@" 2> "$KT_TMP/stderr"); rc=$?
	if [ $rc -ne 0 ]; then
		fail "$what: '$*' exited $rc: $(head -n 2 "$KT_TMP/stderr" | tr '\n' ' ')"
	elif ! printf '%s' "$out" | python3 -m json.tool > /dev/null 2>&1; then
		fail "$what: '$*' printed something json.tool refuses: $(printf '%s' "$out" | head -c 300)"
	elif ! why=$(printf '%s' "$out" | json_eval "$expr"); then
		fail "$what: not ($expr)${why:+ ($why)} in: $(printf '%s' "$out" | head -c 400)"
	else
		pass "$what"
	fi
}

# expect_json WHAT EXPR CMD...: CMD must succeed now; its standard output
# must be one JSON document for which the Python expression EXPR holds (the
# document is `d`); judged by verify_json.
expect_json() {
	local what=$1 expr=$2 file rc; shift 2
	KT_JSON_N=$((KT_JSON_N + 1))
	file=$KT_TMP/json-$KT_JSON_N
	"$@" > "$file" 2> "$file.err"; rc=$?
	if [ $rc -ne 0 ]; then
		fail "$what: '$*' exited $rc: $(head -n 2 "$file.err" | tr '\n' ' ')"
		return
	fi
	printf '%s\0%s\0%s\0%s\0' doc "$file" "$expr" "$what" >> "$KT_JSON_CHECKS"
}

# expect_json_lines WHAT EXPR FILE: every line of FILE (as it is when
# verify_json runs) is one JSON document, and EXPR holds for the list of
# them (`d`).
expect_json_lines() {
	printf '%s\0%s\0%s\0%s\0' lines "$3" "$2" "$1" >> "$KT_JSON_CHECKS"
}

verify_json() {
	local verdict what why want judged=0
	want=$(tr -cd '\0' < "$KT_JSON_CHECKS" | wc -c)
	want=$((want / 4))
	while IFS=$'\t' read -r verdict what why; do
		judged=$((judged + 1))
		if [ "$verdict" = ok ]; then pass "$what"; else fail "$what: $why"; fi
	done < <(python3 - "$KT_JSON_CHECKS" <<'PY'
import json, sys
fields = open(sys.argv[1]).read().split("\0")[:-1]
for i in range(0, len(fields), 4):
    kind, path, expr, what = fields[i:i + 4]
    try:
        text = open(path).read()
    except OSError as e:
        print("no\t%s\tcannot read %s: %s" % (what, path, e))
        continue
    try:
        if kind == "doc":
            d = json.loads(text)
        else:
            d = [json.loads(line) for line in text.splitlines()]
    except ValueError as e:
        print("no\t%s\tnot JSON (%s): %s" % (what, e, text[:300].replace("\n", " ")))
        continue
    try:
        ok = eval(expr)
        why = "not (%s)" % expr
    except Exception as e:
        ok, why = False, "%s: %s, evaluating (%s)" % (type(e).__name__, e, expr)
    if ok:
        print("ok\t%s\t" % what)
    else:
        print("no\t%s\t%s in: %s" % (what, why, text[:400].replace("\n", " ")))
PY
)
	[ "$judged" -eq "$want" ] || fail "verify_json: only $judged of $want JSON expectations were judged"
	: > "$KT_JSON_CHECKS"
}

# kips_count NS sa|policy: how many SAs or policies namespace NS holds.
kips_count() {
	n "$1" "$KIPS" stats | awk -v k="$2_count" '$1 == k { print $2 }'
}
