/**
 * Every message added for issue 13 (hostile files, one writer per order, resumed packs, a full
 * disk) exists in both languages: the key sets of zh-CN and English agree for the features touched.
 */
import { describe, expect, it } from 'vitest';
import { packingText } from '../packing/i18n';
import { shippingText } from '../shipping/i18n';
import { importText } from './i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** Message keys without i18next plural suffixes (Chinese has one plural form, English two). */
function messages(value: unknown): string[] {
  return [...new Set(keys(value).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')))];
}

describe('zh-CN and English have the same messages', () => {
  it.each([
    ['import', importText],
    ['packing', packingText],
    ['shipping', shippingText],
  ] as const)('%s', (_name, text) => {
    expect(messages(text.zhCN).sort()).toEqual(messages(text.en).sort());
  });

  it('the new failure and guard messages are there', () => {
    expect(keys(importText.zhCN)).toEqual(
      expect.arrayContaining([
        'failures.file-too-large',
        'failures.unzipped-too-large',
        'failures.too-many-rows',
        'failures.row-too-long',
        'failures.undecodable',
      ]),
    );
    expect(keys(packingText.zhCN)).toEqual(
      expect.arrayContaining([
        'guard.heldElsewhere',
        'guard.resume',
        'guard.restart',
        'guard.alreadyPacked',
        'guard.writeFailedQuota',
        'guard.dbReplaced',
        'feedback.resumed',
      ]),
    );
    expect(keys(shippingText.zhCN)).toContain('error.diskFull');
  });
});
