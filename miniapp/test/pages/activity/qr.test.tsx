import { render, screen } from '@testing-library/react';
import { QrCode } from '../../../src/pages/activity/checkin/QrCode';
import { qrModules } from '../../../src/pages/activity/checkin/qr';

const draw = (modules: boolean[][]) => modules.map((row) => row.map((dark) => (dark ? '#' : '.')).join(''));

// The check-in QR code of activity 7 as the qrcode package (the server's, for the 报到证) draws it
// in byte mode at level M: version 2, mask 2. Cross-checked module by module for every mask and
// versions 1 to 6 when the encoder was written.
const REFERENCE = [
  '#######...#.#..##.#######',
  '#.....#..####..#..#.....#',
  '#.###.#.####..#...#.###.#',
  '#.###.#.#.###.#.#.#.###.#',
  '#.###.#.##.##.....#.###.#',
  '#.....#.##...#.##.#.....#',
  '#######.#.#.#.#.#.#######',
  '........#..#....#........',
  '#.#####.......###.#####..',
  '######..####.......#.##..',
  '.##..###....##.#.##....##',
  '.#..##.###....#..##.#..##',
  '##...####.#.##..###.#####',
  '#...##.#.#....#....#.###.',
  '#.#..##..#####.#..#######',
  '#..###..#..#....##......#',
  '#....##.####.#..#######..',
  '........#.#.#.###...###..',
  '#######......#..#.#.#..##',
  '#.....#.##..#.#.#...#..#.',
  '#.###.#.#...##.##########',
  '#.###.#.#.#...#..##.##.##',
  '#.###.#.##.##.###..#....#',
  '#.....#....#...##...##..#',
  '#######.#####....#..#.###',
];

describe('the QR code of a check-in text', () => {
  it('is the standard’s, module for module, with the mask its rules rate best', () => {
    expect(draw(qrModules('huijia:checkin:7:ABC234'))).toEqual(REFERENCE);
  });

  it('grows a version as the text grows, and refuses one too long for version 6', () => {
    expect(qrModules('huijia:checkin:1234567890:ABC234')).toHaveLength(29);
    expect(qrModules('x'.repeat(106))).toHaveLength(41);
    expect(() => qrModules('x'.repeat(107))).toThrow(/too long/);
  });

  it('is drawn as rows of dark and light runs, named for screen readers', () => {
    render(<QrCode text='huijia:checkin:7:ABC234' label='签到二维码' />);
    const code = screen.getByRole('img', { name: '签到二维码' });
    expect(code.children).toHaveLength(25);
    // The top row: 7 dark, 3 light, 1 dark, 1 light, 1 dark, 2 light, 2 dark, 1 light, 7 dark.
    const runs = Array.from(code.children[0]!.children).map((run) => `${run.className}:${(run as HTMLElement).style.flex}`);
    expect(runs).toEqual([
      'act-qr__dark:7 0 0px', 'act-qr__light:3 0 0px', 'act-qr__dark:1 0 0px', 'act-qr__light:1 0 0px', 'act-qr__dark:1 0 0px',
      'act-qr__light:2 0 0px', 'act-qr__dark:2 0 0px', 'act-qr__light:1 0 0px', 'act-qr__dark:7 0 0px',
    ]);
  });
});
