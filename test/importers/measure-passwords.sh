#!/usr/bin/env bash
# Measures what real importers do with the exported .p12 files, for an ASCII and an accented output
# password, in both profiles, and with files that OpenSSL itself writes with the same passwords.
# Needs a build (pnpm build), java (17), pk12util/certutil (libnss3-tools), openssl 3.
# Usage: test/importers/measure-passwords.sh   (prints one line per destination × file × password)
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
JAVA_SRC=$ROOT/test/importers/KeyStoreLoad.java
BUNDLE="$ROOT/examples/certificats/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12"
IN_PASSWORD_FILE=$ROOT/examples/certificats/mot-de-passe.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A PASSWORDS=([ascii]='Keytool-Test-2026' [accented]='Mötdepassé-Œuf-2026')

one_line() { tr '\n' ' ' | sed 's/  */ /g; s/ $//'; }

java_load() { # file password-file
  local out; out=$(java -XX:TieredStopAtLevel=1 "$JAVA_SRC" "$2" < "$1" 2>&1)
  if [ $? -eq 0 ]; then echo "opens ($(grep -c '^privateKeyEntry=true' <<<"$out") PrivateKeyEntry, $(grep '^chainLength=' <<<"$out" | one_line))"
  else grep '^error=' <<<"$out" | sed 's/^error=//' | one_line; echo; fi
}
nss_import() { # file password
  local db; db=$(mktemp -d "$work/nss-XXXX")
  certutil -N -d "sql:$db" --empty-password
  local out; out=$(pk12util -i "$1" -d "sql:$db" -W "$2" -K '' 2>&1)
  if [ $? -eq 0 ]; then echo "opens ($(certutil -K -d "sql:$db" 2>/dev/null | grep -c '^<') key, $(certutil -L -d "sql:$db" | tail -n +5 | grep -c .) certificates)"
  else echo "$out" | one_line; echo; fi
}
openssl_read() { # file password [extra]
  local out; out=$(openssl pkcs12 -in "$1" -passin "pass:$2" ${3:-} -nodes 2>&1)
  if [ $? -eq 0 ]; then echo "opens ($(grep -c 'BEGIN CERTIFICATE' <<<"$out") certificates, $(grep -c 'BEGIN PRIVATE KEY' <<<"$out") key)"
  else grep -v '^ *$' <<<"$out" | head -3 | one_line; echo; fi
}
node_tls() { # file password
  FILE="$1" PASS="$2" node -e '
    const tls = require("node:tls"); const fs = require("node:fs");
    try { tls.createSecureContext({ pfx: fs.readFileSync(process.env.FILE), passphrase: process.env.PASS }); console.log("opens"); }
    catch (e) { console.log(`${e.code ?? ""} ${e.message}`.trim()); }'
}

for kind in ascii accented; do
  pw=${PASSWORDS[$kind]}
  printf '%s\n' "$pw" > "$work/pw-$kind.txt"
  for profile in compatible modern; do
    out="$work/$kind-$profile"
    OUT_PW="$pw" node packages/certificates/dist/bin.js extract "$BUNDLE" --password-file "$IN_PASSWORD_FILE" \
      -o "$out" --p12 "$profile" --out-password-env OUT_PW >/dev/null || { echo "extract failed: $kind $profile"; exit 1; }
  done
  # Files that OpenSSL itself writes with the same password: default (AES-256, PBKDF2, SHA-256 MAC) and -legacy.
  openssl pkcs12 -in "$work/$kind-modern/signature - Jeanne Dupont-Lefèvre.p12" -passin "pass:$pw" -nodes -out "$work/$kind.pem" 2>/dev/null
  mkdir -p "$work/$kind-openssl-default" "$work/$kind-openssl-legacy"
  openssl pkcs12 -export -in "$work/$kind.pem" -passout "pass:$pw" -name 'Signature - OpenSSL' -out "$work/$kind-openssl-default/signature.p12"
  openssl pkcs12 -export -legacy -in "$work/$kind.pem" -passout "pass:$pw" -name 'Signature - OpenSSL' -out "$work/$kind-openssl-legacy/signature.p12"
done

printf '%s\n' "openssl: $(openssl version)" "java: $(java -version 2>&1 | head -1)" "nss: $(dpkg-query -W -f='${Version}' libnss3-tools 2>/dev/null)" "node: $(node --version)"
for kind in ascii accented; do
  pw=${PASSWORDS[$kind]}
  for source in compatible modern openssl-default openssl-legacy; do
    for f in "$work/$kind-$source"/*.p12; do
      name=$(basename "$f")
      echo "== $kind password ($pw) · $source · $name"
      echo "   java KeyStore.load : $(java_load "$f" "$work/pw-$kind.txt")"
      echo "   NSS pk12util -i    : $(nss_import "$f" "$pw")"
      echo "   openssl pkcs12     : $(openssl_read "$f" "$pw")"
      case $source in compatible|openssl-legacy) echo "   openssl -legacy    : $(openssl_read "$f" "$pw" -legacy)" ;; esac
      echo "   node tls pfx       : $(node_tls "$f" "$pw")"
    done
  done
  # keytool creating a key store with this password (Java's own writer).
  echo "== $kind password · keytool -genkeypair -storetype PKCS12"
  echo "   $(keytool -genkeypair -keystore "$work/$kind-keytool.p12" -storetype PKCS12 -storepass "$pw" -alias x -keyalg RSA -dname CN=x 2>&1 | grep -v '^Generating\|^\s*for:' | one_line || true)"
  [ -f "$work/$kind-keytool.p12" ] && echo "   (written)"
done
