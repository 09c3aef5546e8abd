import { LABEL_MAX } from '../../queries/devices';
import { charCount } from './format';

/** Validate a label the way device.pair.rename does: 1..64 characters (code points) after trimming. */
export function labelProblem(label: string): string | null {
  const trimmed = label.trim();
  if (!trimmed) return 'Enter a label.';
  const n = charCount(trimmed);
  if (n > LABEL_MAX) return `A label can have at most ${LABEL_MAX} characters; this one has ${n}.`;
  return null;
}
