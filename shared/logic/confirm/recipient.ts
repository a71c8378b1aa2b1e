/**
 * Recipient checks: present and plausible. TikTok masks recipient data for platform-shipped
 * orders (`J***n`, `(+1)213-***-1234`); a masked value is accepted as masked, never flagged.
 */
import type { Recipient } from '#shared/domain/order';
import { stop, warn, type Reason } from './reasons';

const MASK = /\*/;

export function isMasked(value: string): boolean {
  return MASK.test(value);
}

function letterCount(s: string): number {
  return (s.match(/\p{L}/gu) ?? []).length;
}

export function checkName(name: string): Reason[] {
  const trimmed = name.trim();
  if (trimmed.length === 0) return [stop('recipient.name-missing')];
  if (isMasked(trimmed)) {
    return letterCount(trimmed) >= 1 ? [] : [warn('recipient.name-implausible', { name })];
  }
  if (letterCount(trimmed) < 2 || /[@/\\]|https?:/i.test(trimmed)) {
    return [warn('recipient.name-implausible', { name })];
  }
  return [];
}

export function checkPhone(phone: string): Reason[] {
  const trimmed = phone.trim();
  if (trimmed.length === 0) return [stop('recipient.phone-missing')];
  const compact = trimmed.replace(/[\s().+-]/g, '');
  const digits = (compact.match(/\d/g) ?? []).length;
  if (isMasked(compact)) {
    return /^[\d*]+$/.test(compact) && digits >= 2
      ? []
      : [warn('recipient.phone-implausible', { phone })];
  }
  if (!/^\d+$/.test(compact) || digits < 7 || digits > 15) {
    return [warn('recipient.phone-implausible', { phone })];
  }
  return [];
}

export function checkAddress(recipient: Pick<Recipient, 'fullAddress' | 'addressLines'>): Reason[] {
  const text = [recipient.fullAddress, ...recipient.addressLines].join(' ').trim();
  if (text.length === 0) return [stop('recipient.address-missing')];
  if (isMasked(text)) return [];
  const meaningful = (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
  if (meaningful < 5 || letterCount(text) === 0) {
    return [warn('recipient.address-implausible', { address: text })];
  }
  return [];
}

interface PostalRule {
  pattern: RegExp;
  example: string;
}

/** Postal code formats for the markets Packbench ships in. Unknown regions are not checked. */
export const POSTAL_RULES: Readonly<Record<string, PostalRule>> = {
  US: { pattern: /^\d{5}(-\d{4})?$/, example: '90001 / 90001-1234' },
  GB: {
    pattern: /^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$/i,
    example: 'SW1A 1AA',
  },
  MY: { pattern: /^\d{5}$/, example: '50450' },
  SA: { pattern: /^\d{5}$/, example: '12211' },
  CN: { pattern: /^\d{6}$/, example: '100000' },
};

export function checkPostalCode(regionCode: string, postalCode: string): Reason[] {
  const region = regionCode.trim().toUpperCase();
  const rule = POSTAL_RULES[region];
  if (!rule) return [];
  const code = postalCode.trim();
  if (code.length === 0) return [warn('recipient.postal-missing', { region })];
  if (isMasked(code)) return [];
  if (!rule.pattern.test(code)) {
    return [warn('recipient.postal-invalid', { region, postalCode: code, example: rule.example })];
  }
  return [];
}

export function checkRecipient(recipient: Recipient): Reason[] {
  return [
    ...checkName(recipient.name),
    ...checkPhone(recipient.phone),
    ...checkAddress(recipient),
    ...checkPostalCode(recipient.regionCode, recipient.postalCode),
  ];
}
