// Size budget (issue 20): a browser app that only classifies a certificate, at most 60 kB gzip.
import { classifyCertificate } from '@sne-toolbox/certificates';

globalThis.sneClassify = classifyCertificate;
