#!/usr/bin/env bash
# Builds a throwaway PKCS#12 exported by NSS pk12util with its defaults, as Firefox and Thunderbird
# write it (NSS 3.87: 600,000 PBKDF2 iterations, AES-256 key bag, AES-128 certificate bag, SHA-256
# MAC with 600,000 iterations), for test/fixtures/nss-pk12util.p12 (issue 25).
# Usage: bash packages/certificates/scripts/make-nss-fixture.sh <output.p12> <password> [nickname]
# Needs: openssl, certutil, pk12util (Debian: libnss3-tools). Everything else lives in a
# temp dir removed on exit. Keys/serials are random each run; the structure is stable.
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 <output.p12> <password> [nickname]" >&2
  exit 2
fi
OUT=$1
PASS=$2
NICK=${3:-"Signature - Test NSS"}

for t in openssl certutil pk12util; do
  command -v "$t" >/dev/null || { echo "missing tool: $t" >&2; exit 3; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/nss-p12.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export LC_ALL=C

# --- 1. tiny CA + leaf with openssl --------------------------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
  -subj "/C=FR/O=SNE Toolbox Test/CN=Test CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout ca.key -out ca.crt 2>/dev/null

openssl req -new -newkey rsa:2048 -nodes -sha256 \
  -subj "/C=FR/O=SNE Toolbox Test/CN=Test Signataire" \
  -keyout leaf.key -out leaf.csr 2>/dev/null

cat > leaf.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,nonRepudiation
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
openssl x509 -req -in leaf.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
  -days 825 -sha256 -extfile leaf.ext -out leaf.crt 2>/dev/null

# --- 2. fresh NSS DB (sql:), empty DB password ---------------------------------------
mkdir db
certutil -N -d sql:db --empty-password

# import via an intermediate p12 (NSS cannot import a bare PEM key)
openssl pkcs12 -export -inkey leaf.key -in leaf.crt -certfile ca.crt \
  -name "$NICK" -passout pass:import -out import.p12
pk12util -i import.p12 -d sql:db -K "" -W import >/dev/null
# trust the CA (NSS auto-nicknames it "<CN> - <O>"); not required for export
certutil -M -d sql:db -n "Test CA - SNE Toolbox Test" -t "C,," 2>/dev/null || true

certutil -L -d sql:db >&2

# --- 3. export with NSS defaults (no -c/-C/-M) --------------------------------------
pk12util -o "$WORK/out.p12" -n "$NICK" -d sql:db -K "" -W "$PASS" >&2

cd - >/dev/null
cp "$WORK/out.p12" "$OUT"
echo "wrote $OUT" >&2
