/**
 * The node-forge modules this package calls, and no others: digests, HMAC, PBKDF2 and the block
 * ciphers of PKCS#12 (3DES, DES, AES, RC2). Importing `node-forge` whole would also pull TLS, SSH,
 * ed25519 and the rest into every browser bundle (302 kB minified against 74 kB for these).
 * Each file is CommonJS that registers itself on the one shared forge object.
 */
import forge from 'node-forge/lib/forge.js';
import 'node-forge/lib/util.js';
import 'node-forge/lib/md.js';
import 'node-forge/lib/sha1.js';
import 'node-forge/lib/sha256.js';
import 'node-forge/lib/sha512.js';
import 'node-forge/lib/hmac.js';
import 'node-forge/lib/pbkdf2.js';
import 'node-forge/lib/cipher.js';
import 'node-forge/lib/cipherModes.js';
import 'node-forge/lib/aes.js';
import 'node-forge/lib/des.js';
import 'node-forge/lib/rc2.js';

export default forge;
