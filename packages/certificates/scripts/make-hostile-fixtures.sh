#!/usr/bin/env bash
# Makes the crafted certificate files of docs/reliability.md's threat table with OpenSSL 3 and
# throwaway keys: forged chains, a key that copies a victim's public numbers, a PKCS#12 without MAC
# holding an injected key, CRLs, a CSR, a lone key, explicit-curve EC, DSA, P-224 and Ed448.
# The structures OpenSSL cannot write (zip bombs, thousands of bags, odd password encodings) are
# built by scripts/hostile-files.mjs instead.
#   bash packages/certificates/scripts/make-hostile-fixtures.sh
set -euo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/test/fixtures/hostile"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*
cd "$work"

mkdir -p db && touch db/index.txt && echo 2000 > db/serial && echo 01 > db/crlnumber
cat > ca.cnf <<'CNF'
[ ca ]
default_ca = test_ca
[ test_ca ]
database = db/index.txt
serial = db/serial
crlnumber = db/crlnumber
new_certs_dir = db
default_md = sha256
default_crl_days = 30
policy = any
copy_extensions = none
unique_subject = no
[ any ]
commonName = supplied
organizationName = optional
[ req ]
distinguished_name = dn
[ dn ]
[ v3_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_ca_no_certsign ]
basicConstraints = critical, CA:true
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
[ v3_leaf ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
CNF

ca_sign() { # ca_sign CSR OUT CACERT CAKEY EXT START END [-selfsign]
  local csr=$1 crt=$2 cacert=$3 cakey=$4 ext=$5 start=$6 end=$7; shift 7
  if [ "${1:-}" = "-selfsign" ]; then
    openssl ca -config ca.cnf -batch -selfsign -keyfile "$cakey" -in "$csr" -out "$crt" -extensions "$ext" -startdate "$start" -enddate "$end" -notext 2>/dev/null
  else
    openssl ca -config ca.cnf -batch -cert "$cacert" -keyfile "$cakey" -in "$csr" -out "$crt" -extensions "$ext" -startdate "$start" -enddate "$end" -notext 2>/dev/null
  fi
}
key() { openssl genrsa -out "$1.key" 2048 2>/dev/null; }
csr() { openssl req -config ca.cnf -new -key "$1.key" -subj "$2" -out "$1.csr"; }
VALID='20250101000000Z 20341231235959Z'

# A root, an intermediate, a leaf: the sound chain every forged variant is compared with.
key root && csr root '/O=Hostile (TEST)/CN=Racine TEST'
ca_sign root.csr root.crt - root.key v3_ca 20240101000000Z 20440101000000Z -selfsign
key inter && csr inter '/O=Hostile (TEST)/CN=Intermediaire TEST'
ca_sign inter.csr inter.crt root.crt root.key v3_ca 20240101000000Z 20400101000000Z
key leaf && csr leaf '/O=Hostile (TEST)/CN=Titulaire TEST'
ca_sign leaf.csr leaf.crt inter.crt inter.key v3_leaf $VALID
cat leaf.crt inter.crt root.crt > "$out/chaine-saine.pem"

# Non-CA issuer: a certificate "signed" by a CA:FALSE leaf (openssl verify: invalid CA certificate).
key victime && csr victime '/O=Hostile (TEST)/CN=Signe par une feuille'
ca_sign victime.csr victime.crt leaf.crt leaf.key v3_leaf $VALID
cat victime.crt leaf.crt inter.crt root.crt > "$out/emetteur-non-ca.pem"

# An authority without keyCertSign.
key sanscertsign && csr sanscertsign '/O=Hostile (TEST)/CN=AC sans keyCertSign'
ca_sign sanscertsign.csr sanscertsign.crt root.crt root.key v3_ca_no_certsign 20240101000000Z 20400101000000Z
key feuille2 && csr feuille2 '/O=Hostile (TEST)/CN=Signe par AC sans keyCertSign'
ca_sign feuille2.csr feuille2.crt sanscertsign.crt sanscertsign.key v3_leaf $VALID
cat feuille2.crt sanscertsign.crt root.crt > "$out/emetteur-sans-keycertsign.pem"

# Bad signature: the leaf with one byte of its signature flipped.
openssl x509 -in leaf.crt -outform DER -out leaf.der
python3 -c "
import sys; d = bytearray(open('leaf.der','rb').read()); d[-5] ^= 0x01; open('leaf-bad.der','wb').write(bytes(d))"
openssl x509 -inform DER -in leaf-bad.der -out leaf-bad.crt
cat leaf-bad.crt inter.crt root.crt > "$out/signature-falsifiee.pem"

# Wrong issuer name: a certificate naming an authority ("Intermediaire TEST bis") that is not in the
# file, sent with the sound chain: nothing links it, so it is incomplete, never complete.
key autre && csr autre '/O=Hostile (TEST)/CN=Intermediaire TEST bis'
ca_sign autre.csr autre-ca.crt root.crt root.key v3_ca 20240101000000Z 20400101000000Z
key nom && csr nom '/O=Hostile (TEST)/CN=Mauvais nom emetteur'
ca_sign nom.csr nom.crt autre-ca.crt autre.key v3_leaf $VALID
cat nom.crt inter.crt root.crt > "$out/mauvais-emetteur.pem"

# Loop: two authorities, each issued by the other.
key boucleA && key boucleB
csr boucleA '/O=Hostile (TEST)/CN=Boucle A' && csr boucleB '/O=Hostile (TEST)/CN=Boucle B'
ca_sign boucleA.csr boucleA-self.crt - boucleA.key v3_ca 20240101000000Z 20400101000000Z -selfsign
ca_sign boucleB.csr boucleB.crt boucleA-self.crt boucleA.key v3_ca 20240101000000Z 20400101000000Z
ca_sign boucleA.csr boucleA.crt boucleB.crt boucleB.key v3_ca 20240101000000Z 20400101000000Z
key bouclefeuille && csr bouclefeuille '/O=Hostile (TEST)/CN=Feuille en boucle'
ca_sign bouclefeuille.csr bouclefeuille.crt boucleA.crt boucleA.key v3_leaf $VALID
cat bouclefeuille.crt boucleA.crt boucleB.crt > "$out/boucle.pem"

# Expired intermediate.
key perime && csr perime '/O=Hostile (TEST)/CN=Intermediaire perime'
ca_sign perime.csr perime.crt root.crt root.key v3_ca 20200101000000Z 20210101000000Z
key feuille3 && csr feuille3 '/O=Hostile (TEST)/CN=Sous intermediaire perime'
ca_sign feuille3.csr feuille3.crt perime.crt perime.key v3_leaf 20200601000000Z 20341231235959Z
cat feuille3.crt perime.crt root.crt > "$out/intermediaire-expire.pem"

# A key with the victim's n and e but another key's private numbers (n != p q).
openssl genrsa -out other.key 2048 2>/dev/null
python3 - leaf.key other.key "$out/cle-fabriquee.key" <<'PY'
import sys, subprocess, base64
def der(path):
    return subprocess.run(['openssl','rsa','-in',path,'-traditional','-outform','DER'],capture_output=True,check=True).stdout
def parse(b):
    # RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv }
    assert b[0] == 0x30
    i = 2 + (b[1] & 0x7f if b[1] & 0x80 else 0)
    items = []
    while i < len(b):
        t = b[i]; l = b[i+1]; i += 2
        if l & 0x80:
            n = l & 0x7f; l = int.from_bytes(b[i:i+n], 'big'); i += n
        items.append(b[i:i+l]); i += l
    return items
def enc_len(n):
    if n < 0x80: return bytes([n])
    s = n.to_bytes((n.bit_length()+7)//8, 'big'); return bytes([0x80|len(s)]) + s
def integer(v): return b'\x02' + enc_len(len(v)) + v
victim, other = parse(der(sys.argv[1])), parse(der(sys.argv[2]))
forged = [victim[0], victim[1], victim[2]] + other[3:]
body = b''.join(integer(v) for v in forged)
pem = base64.encodebytes(b'\x30' + enc_len(len(body)) + body).decode().replace('\n','')
lines = '\n'.join(pem[i:i+64] for i in range(0, len(pem), 64))
open(sys.argv[3],'w').write('-----BEGIN RSA PRIVATE KEY-----\n' + lines + '\n-----END RSA PRIVATE KEY-----\n')
PY
cp leaf.crt "$out/cle-fabriquee.crt.pem"

# A PKCS#12 without MAC, holding an injected plaintext key and a self-signed "signature" certificate.
key injecte && csr injecte '/O=Hostile (TEST)/CN=Signature injectee'
ca_sign injecte.csr injecte.crt - injecte.key v3_leaf $VALID -selfsign
openssl pkcs12 -export -nomac -keypbe NONE -certpbe NONE -in injecte.crt -inkey injecte.key -passout pass: -out "$out/sans-mac.p12"

# What is not a certificate: CRL (DER and PEM), CSR, a lone key.
openssl ca -config ca.cnf -gencrl -cert inter.crt -keyfile inter.key -out crl.pem 2>/dev/null
cp crl.pem "$out/liste-revocation.crl.pem"
openssl crl -in crl.pem -outform DER -out "$out/liste-revocation.crl"
cp leaf.csr "$out/demande.csr"
openssl pkcs8 -topk8 -nocrypt -in leaf.key -out "$out/cle-seule.key"

# Key types named but not supported: explicit-curve EC, DSA, P-224, Ed448.
openssl ecparam -name prime256v1 -param_enc explicit -genkey -noout -out explicite.key 2>/dev/null
openssl req -new -x509 -key explicite.key -subj '/CN=Courbe explicite' -days 365 -out "$out/courbe-explicite.pem"
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out dsa.param 2>/dev/null
openssl genpkey -paramfile dsa.param -out dsa.key 2>/dev/null
openssl req -new -x509 -key dsa.key -subj '/CN=Cle DSA' -days 365 -out "$out/dsa.pem"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-224 -out p224.key
openssl req -new -x509 -key p224.key -subj '/CN=Cle P-224' -days 365 -out "$out/p224.pem"
openssl genpkey -algorithm ED448 -out ed448.key
openssl req -new -x509 -key ed448.key -subj '/CN=Cle Ed448' -days 365 -out "$out/ed448.pem"

echo "hostile fixtures written to $out"
