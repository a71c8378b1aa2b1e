import { render } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { barsOf, encodeCode128 } from '#shared/logic/label-layout/barcode';
import { initI18n } from '../../lib/i18n';
import { Barcode } from './Barcode';

beforeAll(async () => {
  await initI18n('en');
});

describe('Barcode', () => {
  it('draws one path segment per dark run, at a whole-dot physical width', () => {
    const value = 'TT123456789012US';
    const { container } = render(
      <Barcode value={value} dpi={203} boxDots={780} heightMm={20} role="tracking" center />,
    );
    const svg = container.querySelector('svg[data-role="tracking"]');
    if (!(svg instanceof SVGSVGElement)) throw new Error('no svg');
    const encoded = encodeCode128(value);
    if (!encoded.ok) throw new Error(encoded.error.message);
    const segments = svg.querySelector('path')?.getAttribute('d')?.match(/M/g)?.length;
    expect(segments).toBe(barsOf(encoded.value).length);
    const totalDots = Number(svg.dataset.totalDots);
    const moduleDots = Number(svg.dataset.moduleDots);
    expect(totalDots % moduleDots).toBe(0);
    expect(parseFloat(svg.style.width)).toBeCloseTo(totalDots / 203, 5);
    // Centred by a whole number of dots.
    expect(parseFloat(svg.style.marginLeft) * 203).toBeCloseTo(
      Math.floor((780 - totalDots) / 2),
      3,
    );
    expect(svg.getAttribute('data-barcode')).toBe(value);
  });

  it('shows a clear block, never an empty symbol, when the value cannot be encoded', () => {
    const { container } = render(
      <Barcode value="订单12" dpi={203} boxDots={780} heightMm={20} role="tracking" />,
    );
    expect(container.querySelector('svg')).toBeNull();
    const block = container.querySelector('[data-barcode-error="barcode-invalid"]');
    expect(block?.textContent).toContain('Barcode cannot be printed');
    expect(block?.textContent).toContain('订单12');
  });

  it('refuses a symbol that would need modules narrower than the printer can print well', () => {
    const { container } = render(
      <Barcode value="TT123456789012US" dpi={203} boxDots={200} heightMm={20} role="tracking" />,
    );
    expect(container.querySelector('[data-barcode-error="barcode-too-wide"]')).not.toBeNull();
  });
});
