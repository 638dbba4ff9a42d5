import { Image, Text, View } from '@tarojs/components';
import type { Certificate } from '@huijia/shared';
import { formatTime } from '../../utils/time';
import './CertificateCard.css';

/** The 报到证: its one-time code in large type and as a QR code, for community staff to check. */
export function CertificateCard({ certificate, hint }: { certificate: Certificate; hint: string }) {
  return (
    <View className='certificate'>
      <Text className='certificate__label'>报到证编码</Text>
      <Text className='certificate__code'>{certificate.code}</Text>
      <Image className='certificate__qr' src={certificate.qr} mode='aspectFit' />
      <Text className='certificate__hint'>{hint}</Text>
      <Text className='certificate__issued'>{`签发时间 ${formatTime(certificate.issuedAt)}`}</Text>
    </View>
  );
}
