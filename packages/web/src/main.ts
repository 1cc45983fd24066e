import { setupCertificates } from './certificates-ui.js';
import { setupExtraction } from './extraction-ui.js';

setupExtraction();
setupCertificates();
