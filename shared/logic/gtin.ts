/** GS1 check digits for UPC-A (12), EAN-13, EAN-8 and GTIN-14. */

export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error(`GTIN body must be digits: ${body}`);
  let sum = 0;
  // Weights 3,1,3,1… from the rightmost digit of the body.
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === Number(code.at(-1));
}

export function withCheckDigit(body: string): string {
  return body + String(gtinCheckDigit(body));
}
