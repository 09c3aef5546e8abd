// Lenient field readers for list answers (device and node pairing lists): a field of the wrong type becomes its
// empty value, so the pages only ever render text.
export { isRecord as isObj } from '../session/frame-guard';
export const str = (v: unknown) => (typeof v === 'string' ? v : '');
export const optStr = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
export const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
