import type { Page } from 'playwright-core';

type Rgb = [number, number, number];

function channels(colour: string): { rgb: Rgb; alpha: number } {
  const [r, g, b, alpha = 1] = colour.match(/\d+(\.\d+)?/g)!.map(Number) as [number, number, number, number?];
  return { rgb: [r, g, b], alpha };
}

/** `colour` as it shows over the opaque `under` (a border or fill may be translucent). */
function over(colour: string, under: string): Rgb {
  const top = channels(colour);
  const bottom = channels(under).rgb;
  return top.rgb.map((c, i) => c * top.alpha + bottom[i]! * (1 - top.alpha)) as Rgb;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG's contrast ratio of a colour against the opaque one it lies on, as the browser computes them. */
export function contrast(colour: string, background: string): number {
  const [light, dark] = [luminance(over(colour, background)), luminance(channels(background).rgb)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG 2.1's least contrast for what shows a control's edge (1.4.11, non-text contrast). */
const EDGE_CONTRAST = 3;

interface Edge {
  what: string;
  border: string;
  fill: string;
  around: string;
}

/**
 * Controls on the page whose shape shows only by a border too faint to see (axe does not check
 * this): each input, text area and pressable control boxed by a border, whose border is under 3:1
 * against what is around it and whose own fill does not set it apart either.
 */
export async function faintControlEdges(page: Page): Promise<string[]> {
  const edges: Edge[] = await page.evaluate(() => {
    const CONTROLS = 'taro-input-core, taro-textarea-core, input, textarea, [role="button"], [role="radio"], [role="checkbox"], [role="switch"], [role="tab"]';
    const opaque = (colour: string) => !/^rgba\(.*, 0\)$/.test(colour) && colour !== 'transparent';
    const backgroundOf = (from: Element | null): string => {
      for (let el = from; el; el = el.parentElement) {
        const colour = getComputedStyle(el).backgroundColor;
        if (opaque(colour)) return colour;
      }
      return 'rgb(255, 255, 255)';
    };
    return [...document.querySelectorAll(CONTROLS)].flatMap((el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      // A box drawn all round; a line above or below a row only divides a list.
      const boxed = ['Top', 'Right', 'Bottom', 'Left'].every((side) => parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0);
      if (box.width === 0 || !boxed || !opaque(style.borderTopColor)) return [];
      const around = backgroundOf(el.parentElement);
      const what = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 12) || el.getAttribute('aria-label') || ''}"`;
      return [{ what, border: style.borderTopColor, fill: opaque(style.backgroundColor) ? style.backgroundColor : around, around }];
    });
  });
  return edges
    .filter((e) => contrast(e.border, e.around) < EDGE_CONTRAST && contrast(e.fill, e.around) < EDGE_CONTRAST)
    .map((e) => `${e.what}: border ${e.border} on ${e.around}, ${contrast(e.border, e.around).toFixed(2)}:1`);
}
