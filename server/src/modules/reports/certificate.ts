import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { CERTIFICATE_ALPHABET, CERTIFICATE_LENGTH, certificateQrPayload, type Certificate } from '@huijia/shared';

/** A fresh 报到证 code: 8 characters of 31, about 8.5 × 10^11 codes, from the CSPRNG. */
export function newCertificateCode(): string {
  let code = '';
  for (let i = 0; i < CERTIFICATE_LENGTH; i++) code += CERTIFICATE_ALPHABET[randomInt(CERTIFICATE_ALPHABET.length)];
  return code;
}

export async function certificateOf(reportId: number, code: string, issuedAt: Date): Promise<Certificate> {
  const qr = await QRCode.toDataURL(certificateQrPayload(reportId, code), { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  return { code, qr, issuedAt: issuedAt.toISOString() };
}
