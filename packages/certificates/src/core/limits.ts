/**
 * Certificates read from the inputs of one bundle, at most (issue 19, item 1). Real inputs hold a
 * handful: an RGS `.p12` has 1 to 4 key entries and their 2 or 3 authorities, keytool repeats the
 * chain per entry (about 15), a zip of a whole office's files or an operating system's trust store
 * stays under 300. Chain work is linear in the number of certificates (issuers looked up by name,
 * each signature checked once per issuer key), so this cap is not what keeps a crafted file fast:
 * it bounds memory and the time of a page on a slow PC, with room to spare for every real input.
 */
export const MAX_CERTIFICATES = 1000;
