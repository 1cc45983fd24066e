#!/usr/bin/env bash
# Makes one certificate per real RGS profile shape (keyUsage / extendedKeyUsage as RGS authorities
# deliver them: separate signature, encryption and authentication certificates, TLS-style client
# authentication, Java-keystore signature keys, server and mixed S/MIME certificates), self-signed
# with throwaway keys, for the role-rule tests. Writes test/fixtures/profils/<shape>.pem.
#   bash packages/certificates/scripts/make-profile-fixtures.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/test/fixtures/profils"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.pem
openssl genrsa -out "$work/k.key" 2048 2>/dev/null

# shape "keyUsage" "extendedKeyUsage or -"
profile() {
  local name=$1 ku=$2 eku=$3
  local args=(-addext "basicConstraints=CA:FALSE" -addext "keyUsage=critical,$ku")
  [ "$eku" != "-" ] && args+=(-addext "extendedKeyUsage=$eku")
  openssl req -new -x509 -utf8 -key "$work/k.key" -subj "/O=Profils (TEST)/CN=Jeanne Dupont-Lefèvre $name" -days 3650 -set_serial 1 "${args[@]}" -out "$out/$name.pem" 2>/dev/null
}
profile signature-non-repudiation           "nonRepudiation"                         "emailProtection"
profile signature-ds-nr                     "digitalSignature,nonRepudiation"        "-"
profile signature-ds-seul                   "digitalSignature"                       "-"
profile chiffrement-ke-email                "keyEncipherment"                        "emailProtection"
profile chiffrement-ke-de                   "keyEncipherment,dataEncipherment"       "-"
profile authentification-ds                 "digitalSignature"                       "clientAuth"
profile authentification-ds-ke-client       "digitalSignature,keyEncipherment"       "clientAuth"
profile authentification-client-email       "digitalSignature"                       "clientAuth,emailProtection"
profile serveur-tls                         "digitalSignature,keyEncipherment"       "serverAuth"
profile smime-mixte                         "digitalSignature,keyEncipherment"       "emailProtection"
profile sans-eku-mixte                      "digitalSignature,keyEncipherment"       "-"
echo "profile fixtures written to $out"
