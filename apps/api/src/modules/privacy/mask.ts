export { maskName, maskPhone } from '../../graphql/mask.js';

/** 110101199003071234 -> 1101**********1234 */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return null;
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : '****';
}
