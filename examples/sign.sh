#!/usr/bin/env bash
# One Agent turn in shell, signed with AK/SK (SDK-HMAC-SHA256) by openssl: ShowCommand, then the
# report of that command (UpdateCommandResult, Content-Type and body hash signed). Needs bash, openssl, curl.
# Usage: bash examples/sign.sh [SERVER_ID]   (B, AK and SK from the environment; the mock's demo pair by default)
set -euo pipefail
B=${B:-http://127.0.0.1:${PORT:-4010}}
AK=${AK:-SMSMOCKDEMOAK0000001}
SK=${SK:-SmsMockDemoSecretKey00000000000000000001}
ID=${1:-f32ab4d6-d150-4fb3-aa55-edbb5cf9947f}
HOST=${B#*://}   # the Host header curl sends: host:port as in $B
HOST=${HOST%%/*}

sha256() { openssl dgst -sha256 -hex | sed 's/^.* //'; }
hmac() { openssl dgst -sha256 -hmac "$SK" -hex | sed 's/^.* //'; }

# signed METHOD PATH [BODY]: sends one request, signed over the method, the path (with a / added),
# the signed headers and the body's SHA-256; prints the answer's body.
signed() {
  local method=$1 path=$2 body=${3-} date headers names canonical
  date=$(date -u +%Y%m%dT%H%M%SZ)
  if [ -n "$body" ]; then
    names='content-type;host;x-sdk-date'
    headers=$(printf 'content-type:application/json\nhost:%s\nx-sdk-date:%s\n' "$HOST" "$date"; echo .)
  else
    names='host;x-sdk-date'
    headers=$(printf 'host:%s\nx-sdk-date:%s\n' "$HOST" "$date"; echo .)
  fi
  headers=${headers%.}   # $(…) drops trailing newlines: the "; echo ." above and this line keep the last one
  canonical=$(printf '%s\n%s/\n\n%s\n%s\n%s' "$method" "$path" "$headers" "$names" \
    "$(printf '%s' "$body" | sha256)")
  local signature
  signature=$(printf 'SDK-HMAC-SHA256\n%s\n%s' "$date" "$(printf '%s' "$canonical" | sha256)" | hmac)
  local -a extra=()
  [ -n "$body" ] && extra=(-H 'Content-Type: application/json' --data-raw "$body")
  curl -sS -X "$method" "$B$path" -H "X-Sdk-Date: $date" "${extra[@]}" \
    -H "Authorization: SDK-HMAC-SHA256 Access=$AK, SignedHeaders=$names, Signature=$signature"
  echo
}

answer=$(signed GET "/v3/sources/$ID/command")
echo "$answer"
name=$(printf '%s' "$answer" | sed -n 's/.*"command_name" *: *"\([^"]*\)".*/\1/p')
signed POST "/v3/sources/$ID/command_result" \
  "{\"command_name\":\"$name\",\"result\":\"success\",\"result_detail\":{\"msg\":\"done\"}}"
