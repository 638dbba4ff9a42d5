import Taro from '@tarojs/taro';
import { parseCertificateQr } from '@huijia/shared';

/**
 * weapp: scans a 报到证 QR code (`HJ-<reportId>-<code>`). Null when cancelled; a toast when the
 * code scanned is not a 报到证.
 */
export async function scanCertificate(): Promise<{ reportId: string; code: string } | null> {
  let text: string;
  try {
    ({ result: text } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }));
  } catch {
    return null;
  }
  const parsed = parseCertificateQr(text);
  if (!parsed) Taro.showToast({ title: '这不是报到证二维码', icon: 'none' });
  return parsed;
}
