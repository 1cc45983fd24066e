// The public API: what the README documents (open, check, export a bundle; classify a certificate),
// its options, reports, errors, and every type those signatures use. Engine parts stay inside.
export { CertificateBundle, openBundle } from './core/bundle.js';
export type { BundleInput, OpenBundleOptions } from './core/bundle.js';
export type { ChainStatus } from './core/chain.js';
export { checkBundle, DEFAULT_WARN_DAYS, expiresSoon } from './core/check.js';
export type { CheckExitCode, CheckOptions, CheckReport, CheckResult, CheckStatus, MonitoringState } from './core/check.js';
export { classifyCertificate, ROLES } from './core/classify.js';
export { parseCertificate } from './core/parse-certificate.js';
export type { CertificateInfo } from './core/parse-certificate.js';
export type { AuthorityHint, Classification, Role } from './core/classify.js';
export { CertificateError, isCertificateError } from './core/errors.js';
export type { CertificateErrorCode, CertificateWarning, CertificateWarningCode } from './core/errors.js';
export { exportBundle } from './core/export.js';
export { MAX_INPUT_BYTES } from './core/limits.js';
export { renewalCalendar } from './core/calendar.js';
export type { CalendarOptions } from './core/calendar.js';
export type { ExportedFile, ExportOptions, ExportResult } from './core/export.js';
export { isPortablePassword, passwordWarning } from './core/password.js';
export type { KeyUsage } from './core/oids.js';
export type { EncryptionProfile } from './core/pbe.js';
export type { CertificateSummary, ValidityStatus } from './core/summary.js';
export type { DistinguishedName, ParsedCertificate, PublicKeyInfo } from './core/x509.js';
