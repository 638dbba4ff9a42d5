import { View } from '@tarojs/components';
import { useMemo } from 'react';
import { aria } from '../../../utils/a11y';
import { qrModules } from './qr';
import '../activity.css';

/** The quiet zone the standard asks for around a QR code, in modules. */
const QUIET = 4;

/** A row of modules as runs of one colour: [dark, length]. */
function runsOf(row: readonly boolean[]): [boolean, number][] {
  const runs: [boolean, number][] = [];
  for (const dark of row) {
    const last = runs[runs.length - 1];
    if (last && last[0] === dark) last[1]++;
    else runs.push([dark, 1]);
  }
  return runs;
}

/**
 * The QR code of `text`, drawn with views (a row of runs each): the same on WeChat and the web,
 * with no canvas and no image to make. Square, as wide as its class makes it.
 */
export function QrCode({ text, label, className }: { text: string; label: string; className?: string }) {
  const rows = useMemo(() => qrModules(text), [text]);
  const size = rows.length;
  const quiet = `${(QUIET / (size + 2 * QUIET)) * 100}%`;
  return (
    <View className={`act-qr ${className ?? ''}`} style={{ padding: quiet }} {...aria({ role: 'img', 'aria-label': label })}>
      {rows.map((row, y) => (
        <View key={y} className='act-qr__row' style={{ height: `${100 / size}%` }}>
          {runsOf(row).map(([dark, length], i) => (
            <View key={i} className={dark ? 'act-qr__dark' : 'act-qr__light'} style={{ flex: `${length} 0 0` }} />
          ))}
        </View>
      ))}
    </View>
  );
}
