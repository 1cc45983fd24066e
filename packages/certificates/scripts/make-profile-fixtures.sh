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

# Shapes copied from real, public certificates of an RGS authority (keyUsage, extendedKeyUsage and
# policy OID as the authority issued them), under a throwaway test CA that carries the authority's
# issuer name with "(TEST)": a Certigna Entity CA seal (AR24, 2017: digitalSignature + nonRepudiation,
# emailProtection, policy 1.2.250.1.177.2.6.1.4.1) and a Certigna 2D-Doc signer (CNAM, 2021:
# digitalSignature + nonRepudiation, anyExtendedKeyUsage, policy 1.2.250.1.177.2.2.1.1). No public
# Certinomis end-entity certificate was found: its shape is an encryption certificate named by its
# issuer only (O=Certinomis, OU=0002 433998903, as on the Certinomis root).
# issued "name" "issuer subject" "keyUsage" "extendedKeyUsage or -" "policy OID or -"
issued() {
  local name=$1 issuer=$2 ku=$3 eku=$4 policy=$5
  openssl req -new -x509 -utf8 -key "$work/k.key" -subj "$issuer" -days 3650 -set_serial 7 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$work/ca.pem" 2>/dev/null
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,$ku"
    [ "$eku" != "-" ] && echo "extendedKeyUsage=$eku"
    [ "$policy" != "-" ] && echo "certificatePolicies=$policy"
  } > "$work/ext.cnf"
  openssl req -new -utf8 -key "$work/k.key" -subj "/O=Profils (TEST)/CN=Jeanne Dupont-Lefèvre $name" -out "$work/leaf.csr" 2>/dev/null
  openssl x509 -req -in "$work/leaf.csr" -CA "$work/ca.pem" -CAkey "$work/k.key" -set_serial 8 -days 3650 \
    -extfile "$work/ext.cnf" -out "$out/$name.pem" 2>/dev/null
}
issued certigna-cachet "/C=FR/O=DHIMYOTIS (TEST)/OU=0002 48146308100036/CN=Certigna Entity CA (TEST)" \
  "digitalSignature,nonRepudiation" "emailProtection" "1.2.250.1.177.2.6.1.4.1"
issued certigna-2ddoc "/C=FR/O=DHIMYOTIS (TEST)/OU=0002 48146308100036/CN=FR03 (TEST)" \
  "digitalSignature,nonRepudiation" "anyExtendedKeyUsage" "1.2.250.1.177.2.2.1.1"
issued certinomis-chiffrement "/C=FR/O=Certinomis (TEST)/OU=0002 433998903/CN=Certinomis (TEST)" \
  "keyEncipherment" "-" "-"
echo "profile fixtures written to $out"
