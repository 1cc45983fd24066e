#!/usr/bin/env bash
# Makes the certificate fixtures with throwaway CAs and keys (OpenSSL 3 and Java keytool).
# Nothing here is a real certificate. Run from anywhere; writes test/fixtures/ and examples/certificats/.
#   bash packages/certificates/scripts/make-fixtures.sh
set -euo pipefail
export LC_ALL=C.UTF-8 LANG=C.UTF-8
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/test/fixtures"
example="$here/../../examples/certificats"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out" "$example"
rm -f "$out"/*.p12 "$out"/*.pem "$out"/*.cer "$out"/*.p7b "$out"/*.zip "$out"/*.key "$out"/*.bin "$out"/*.txt
cd "$work"

# Accented, with a character outside Latin-1 (€): exercises BMPString and UTF-8 password forms.
PW='Éléphant-été-Noël-€2026'
printf '%s' "$PW" > "$out/password.txt"
# Java's PBE keys only take ASCII passwords ("Password is not ASCII"): keytool bundles cannot have accents.
KT_PW='Keytool-Test-2026'

mkdir -p db && touch db/index.txt && echo 1000 > db/serial
cat > ca.cnf <<'CNF'
[ ca ]
default_ca = test_ca
[ test_ca ]
database = db/index.txt
serial = db/serial
new_certs_dir = db
default_md = sha256
policy = any
copy_extensions = none
unique_subject = no
[ any ]
commonName = supplied
countryName = optional
organizationName = optional
organizationalUnitName = optional
emailAddress = optional
[ req ]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[ dn ]
[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ v3_inter ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.999.1
[ chiffrement ]
basicConstraints = CA:false
keyUsage = critical, keyEncipherment, dataEncipherment
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.999.1.2.1
subjectAltName = email:jeanne.dupont@oph-exemple.invalid
[ chiffrement_ec ]
basicConstraints = CA:false
keyUsage = critical, keyAgreement
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.999.1.2.1
[ signature ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.999.1.2.2
subjectAltName = email:jeanne.dupont@oph-exemple.invalid
[ authentification ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
certificatePolicies = 2.999.1.2.3
[ ambigu ]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF

SUBJ='/C=FR/O=OPH Exemple (TEST)/OU=Gestion de la demande/CN=Jeanne Dupont-Lefèvre/emailAddress=jeanne.dupont@oph-exemple.invalid'

openssl genrsa -out root.key 2048 2>/dev/null
openssl req -config ca.cnf -new -key root.key -subj '/C=FR/O=SNE Toolbox (TEST)/CN=AC Racine TEST SNE Toolbox' -out root.csr
openssl ca -config ca.cnf -batch -selfsign -keyfile root.key -in root.csr -out root.crt -extensions v3_root -startdate 20240101000000Z -enddate 20440101000000Z -notext 2>/dev/null
openssl genrsa -out inter.key 2048 2>/dev/null
openssl req -config ca.cnf -new -key inter.key -subj '/C=FR/O=SNE Toolbox (TEST)/CN=AC RGS TEST SNE Toolbox' -out inter.csr
openssl ca -config ca.cnf -batch -cert root.crt -keyfile root.key -in inter.csr -out inter.crt -extensions v3_inter -startdate 20240101000000Z -enddate 20400101000000Z -notext 2>/dev/null
cat inter.crt root.crt > chain.pem

# leaf NAME KEYTYPE EXTENSION START END
leaf() {
  local name=$1 type=$2 ext=$3 start=$4 end=$5
  case $type in
    rsa) openssl genrsa -out "$name.key" 2048 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$name.key" ;;
    ed25519) openssl genpkey -algorithm ED25519 -out "$name.key" ;;
  esac
  openssl req -config ca.cnf -new -key "$name.key" -subj "$SUBJ" -out "$name.csr"
  openssl ca -config ca.cnf -batch -cert inter.crt -keyfile inter.key -in "$name.csr" -out "$name.crt" -extensions "$ext" -startdate "$start" -enddate "$end" -notext 2>/dev/null
}
VALID='20250101000000Z 20341231235959Z'
for role in chiffrement signature authentification; do leaf "rsa-$role" rsa "$role" $VALID; done
leaf ec-chiffrement p256 chiffrement_ec $VALID
leaf ec-signature p256 signature $VALID
leaf ec-authentification p256 authentification $VALID
leaf ec384-authentification p384 authentification $VALID
leaf expire rsa signature 20200101000000Z 20210101000000Z
leaf futur rsa authentification 20350101000000Z 20400101000000Z
leaf ambigu rsa ambigu $VALID
leaf ed25519 ed25519 signature $VALID

p12() { # p12 OUT NAME [extra openssl args...]
  local file=$1 name=$2; shift 2
  openssl pkcs12 -export -in "$name.crt" -inkey "$name.key" -certfile chain.pem -name "$name" -passout "pass:$PW" -out "$out/$file" "$@"
}
for role in chiffrement signature authentification; do
  p12 "$role-legacy.p12" "rsa-$role" -legacy
  p12 "$role-modern.p12" "rsa-$role"
done
for role in chiffrement signature authentification; do p12 "ec-$role.p12" "ec-$role"; done
p12 ec384-authentification.p12 ec384-authentification
p12 expire.p12 expire
p12 futur.p12 futur
p12 ambigu.p12 ambigu
p12 ed25519.p12 ed25519 2>/dev/null || true

# One PKCS#12 holding the three key pairs, as a CA may deliver it: Java keytool merges entries.
for role in chiffrement signature authentification; do
  openssl pkcs12 -export -in "rsa-$role.crt" -inkey "rsa-$role.key" -certfile chain.pem -name "rsa-$role" -passout "pass:$KT_PW" -out "kt-$role.p12"
  keytool -importkeystore -noprompt -srckeystore "kt-$role.p12" -srcstoretype PKCS12 -srcstorepass "$KT_PW" \
    -destkeystore trio.p12 -deststoretype PKCS12 -deststorepass "$KT_PW" -destkeypass "$KT_PW" -srcalias "rsa-$role" -destalias "$role" \
    >/dev/null
done
cp trio.p12 "$out/trio-keytool.p12"
printf '%s' "$KT_PW" > "$out/password-keytool.txt"

# PEM, DER, PKCS#7 and zip forms.
openssl pkcs8 -topk8 -in rsa-authentification.key -v2 aes-256-cbc -v2prf hmacWithSHA256 -passout "pass:$PW" -out auth-encrypted.key
cat rsa-authentification.crt inter.crt root.crt auth-encrypted.key > "$out/authentification-bundle.pem"
openssl rsa -in rsa-authentification.key -traditional -out "$out/authentification-pkcs1.key" 2>/dev/null
cp rsa-authentification.crt "$out/authentification.crt.pem"
openssl ec -in ec-signature.key -out "$out/ec-signature-sec1.key" 2>/dev/null
cp ec-signature.crt "$out/ec-signature.crt.pem"
openssl x509 -in rsa-chiffrement.crt -outform DER -out "$out/chiffrement.cer"
openssl crl2pkcs7 -nocrl -certfile rsa-chiffrement.crt -certfile chain.pem -outform DER -out "$out/chaine.p7b"
openssl crl2pkcs7 -nocrl -certfile rsa-signature.crt -certfile chain.pem -out "$out/chaine-pem.p7b"
cp root.crt "$out/ca-racine.crt.pem"
cp chain.pem "$out/chaine.pem"
python3 - "$out" <<'PY'
import sys, zipfile, random
out = sys.argv[1]
with zipfile.ZipFile(f"{out}/bundle.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for role in ("chiffrement", "signature", "authentification"):
        z.write(f"{out}/{role}-modern.p12", f"Certificats/{role}.p12")
    z.writestr("Certificats/Lisez-moi.txt", "Fichiers de test.")
    z.writestr("../../evasion.txt", "une entrée zip qui tente de sortir du dossier")
data = open(f"{out}/trio-keytool.p12", "rb").read()
open(f"{out}/tronque.p12", "wb").write(data[: len(data) // 2])
rnd = random.Random(2026)
open(f"{out}/aleatoire.bin", "wb").write(bytes(rnd.randrange(256) for _ in range(4096)))
PY

# The example bundle shipped for the demo (throwaway keys, test CA).
cp trio.p12 "$example/Jeanne Dupont-Lefevre - certificat RGS (TEST).p12"
printf '%s\n' "$KT_PW" > "$example/mot-de-passe.txt"
echo "fixtures written to $out"
